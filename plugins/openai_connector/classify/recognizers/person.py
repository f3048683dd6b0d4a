"""PERSON in chat text: spaCy's names checked for evidence, plus names that cues announce.

A small NER model reads product names (``Jenkins``, ``Kafka``, ``Claude``), sentence-initial
verbs (``Bill the client``), code (``npm install``) and placeholder names (``John Doe``,
Alice and Bob of cryptography) as people, and misses lone first names that chats are full
of (``ask Priya``, ``Thanks Oluwaseun!``). This recognizer keeps spaCy's other entities
unchanged but for places that cannot be one (code such as ``max_retries=5``, a unit after a
number, an everyday word opening a sentence), and, for PERSON:

- splits spans listing several people (``Maria and Kenji``) and drops parts that cannot be
  a name (digits, symbols, lower-case words, line breaks), that are only common capitalised
  non-names (products, greetings, weekdays), placeholder names, a word-name used as a verb
  or modal (``Mark the tickets``), or a place (``in Lyon``, ``the Lyon office``);
- adds capitalised names that a cue introduces: greetings, ``ask``/``tell``/``reply to``,
  ``meeting with``, roles (``Dr.``, ``customer``, ``Name:``), invoice fields (``Bill to``),
  a vocative (``Emily, this is…``), a contact detail right after the name (``Ana - +1 …``,
  ``Ana (ana@…)``), a signature after a closing (``Best regards,\nTariq``), and names
  joined to a found one by ``and``;
- adds names typed in lower case (``maria gonzalez``, ``ask priya``, ``efua quaye``): two
  words that are each a name the gazetteer knows or a word no list holds spelt like a name
  (``namelike``), or a known given name after a cue.
"""

from __future__ import annotations

import re
from typing import ClassVar

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer
from spacy.lang.en.stop_words import STOP_WORDS

from openai_connector.classify.recognizers.gazetteer import (
    is_everyday_word,
    known_names,
    name_gazetteer,
    name_key,
    name_keys,
)
from openai_connector.classify.recognizers.language import (
    in_other_language,
    is_other_language_function_word,
    is_other_language_word,
)
from openai_connector.classify.recognizers.namelike import (
    could_be_name,
    english_zipf,
    is_unlisted_word,
)
from openai_connector.classify.recognizers.places import is_place_name
from openai_connector.classify.recognizers.vocabulary import (
    GIVEN_NAMES,
    NAME_PARTICLES,
    NON_NAMES,
    PLACEHOLDER_CAST,
    PLACEHOLDER_SURNAMES,
    SURNAMES,
    WORD_NAMES,
    WORD_SURNAMES,
)

_APOSTROPHES = "'\u2019"
_NAME_TOKEN = rf"\p{{Lu}}[\p{{Ll}}\p{{Lu}}{_APOSTROPHES}-]*\p{{Ll}}[\p{{Ll}}{_APOSTROPHES}-]*"
_PARTICLE = "|".join(sorted(NAME_PARTICLES))
_NAME = rf"(?:{_NAME_TOKEN})(?:[ \t]+(?:(?:{_PARTICLE})[ \t]+){{0,2}}(?:{_NAME_TOKEN})){{0,2}}"
# Words after which a capitalised word is a person: addressing, asking, meeting, roles.
_CUES = (
    r"hi|hello|hey|dear|thanks|thank you|cheers|congrats|congratulations|welcome|bye"
    r"|ask|tell|ping|remind|cc|invite|introduce|meet|thank|loop in|reply to|write to|talk to|add"
    r"|speak (?:to|with)|spoke (?:to|with)|call with|meeting with|met with|chat with"
    r"|sync with|check with|notes for|message for|note for|letter for|review for|gift for"
    r"|bio of|on behalf of|bill to|ship to|sold to|payable to|paid to"
    r"|(?:written|sent|posted|authored|reported|signed|approved|reviewed|requested|escalated"
    r"|raised|opened|assigned|created|filed"
    r"|submitted|article|paper|book|talk) by"
    r"|(?:wire|transfer|send|pay)\b[^.\n]{0,30}?\bto"
    r"|customer|client|patient|employee|colleague|candidate|contact|name:|attn:?"
    # git's headers and trailers
    r"|author:|committer:|(?:signed-off|co-authored|reviewed|acked|tested|reported)-by:"
    r"|reporter:|assignee:"
    r"|mr\.?|mrs\.?|ms\.?|dr\.?|prof\.?"
)
_CUED_NAME = regex.compile(rf"(?<![\w-])(?i:{_CUES})[ \t]*[,:]?[ \t]+(?P<name>{_NAME})(?![\w@])")
_TITLED_NAME = regex.compile(
    rf"(?<![\w-])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Mme|Mlle|Herr|Frau)\.?[ \t]+(?P<name>{_NAME})(?![\w@])"
)
# A name opening a line or sentence, then a comma (vocative) or a contact detail.
_LEADING_NAME = regex.compile(
    rf"(?:^|(?<=[\n:.!?]))[ \t]*(?P<name>{_NAME})"
    rf"(?=,[ \t]+\p{{Ll}}|[ \t]*[-\u2013:][ \t]*\+?\(?\d[\d \t().-]{{5,}}\d(?![\w@])"
    rf"|[ \t]*[-\u2013:(][ \t]*[\w.+-]+@)"
)
# A name alone on the line after a letter's closing: "Best regards,\nTariq".
_SIGNATURE = regex.compile(
    rf"(?i:\b(?:regards|best|thanks|cheers|sincerely|yours|warmly))[,!.]?[ \t]*\n[ \t]*"
    rf"(?P<name>{_NAME})[ \t]*(?=\n|$)"
)
# Words that introduce a person or a thing alike ("for Søren Kjær", "mit Lucía Fernández",
# "avec", "con", "com", "met"): a name only if it opens with a known given name.
_WEAK_CUED_NAME = regex.compile(
    rf"(?<![\w-])(?i:for|to|with|mit|für|avec|pour|con|com|para|per|met|voor)[ \t]+"
    rf"(?P<name>{_NAME})(?![\w@])"
)
# Two capitalised words anywhere: a person's full name when the first is a known given
# name and the second a surname or spelt like one, neither an everyday word.
_FULL_NAME = regex.compile(
    rf"(?<![\w-])(?P<name>{_NAME_TOKEN}[ \t]+(?:(?:{_PARTICLE})[ \t]+)?{_NAME_TOKEN})(?![\w@])"
)
# A person's field in JSON or YAML (``"assignee": "Amara Okafor"``).
_PERSON_FIELD = regex.compile(
    r"[\"']?(?i:assignee|reporter|author|owner|full_?name|display_?name|customer|contact"
    r"|requester|approver|manager|employee|patient|user_?name|name)[\"']?[ \t]*:[ \t]*[\"']?"
    rf"(?P<name>{_NAME})[\"']?[ \t]*(?=[,}}\n]|$)"
)
# A known given name typed in lower case after a cue ("ask priya"); pairs of given names
# and surnames are found word by word (``lowercase_names``).
_CUED_LOWER_NAME = regex.compile(
    rf"(?<![\w-])(?i:{_CUES})[ \t]*[,:]?[ \t]+(?P<name>\p{{Ll}}[\p{{Ll}}'-]+)(?![\w@-])"
)
# Two lower-case words after a cue or a preposition that introduces people ("thanks ivy
# wang", "ask sky adeyemi"): a name if the first is a known given name or the second a
# surname of the hand list, even where the other is an everyday word.
_PAIR_CUES = rf"{_CUES}|for|to|from|with|named|called|e-?mail|call|message|text"
_CUED_LOWER_PAIR = regex.compile(
    rf"(?<![\w-])(?i:{_PAIR_CUES})[ \t]*[,:]?[ \t]+"
    rf"(?P<name>\p{{Ll}}[\p{{Ll}}'-]+[ \t]+\p{{Ll}}[\p{{Ll}}'-]+)(?![\w@-])"
)
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_AND_NAME = regex.compile(rf"[ \t]+(?:and|&)[ \t]+(?P<name>{_NAME})(?![\w@])")
_LIST_SEPARATOR = regex.compile(r"[ \t]+(?:and|&)[ \t]+|,[ \t]+")
_SPAN_TOKEN = regex.compile(rf"^(?:{_NAME_TOKEN}|{_PARTICLE}|\p{{Lu}}\.)$")
_WORD = regex.compile(r"\S+")
_TRIM = " \t\"'.,;:!?()[]{}\u2018\u2019\u201c\u201d"
# After these a word-name is a verb or modal: "Mark the tickets", "Will it", "Hope not".
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "it", "them", "me", "you", "us",
     "all", "my", "our", "your", "their", "his", "her", "not", "to", "for", "as", "with",
     "on", "in", "up", "out", "down"}
)  # fmt: skip
# Words no multi-word name holds, capitalised or not.
_SPAN_FUNCTION_WORDS = _FUNCTION_WORDS | {"at", "of", "by", "from", "and", "or", "is", "are"}
# Before a word, a place preposition or a journey makes it a place: "in lyon", "fly to lagos".
_PLACE_BEFORE = regex.compile(
    r"(?i:\b(?:at|near|around|across|within|via|from the|to the)\s+)$|(?<!\bloop\s)\bin\s+$"
    r"|(?i:\b(?:fly|flying|flew|flights?|travel\w*|trip|relocat\w+|moving|moved)\s+to\s+)$"
)
# Before a pair of words, an article or possessive makes them a thing: "the max wait time".
_DETERMINED = regex.compile(
    r"(?i:\b(?:the|a|an|this|that|these|those|my|our|your|their|its|new|any|some|each)[ \t]+)$"
)
_ATTRIBUTIVE = regex.compile(r"(?i:\bthe\s+)$")
_PRONOUN = regex.compile(r"I|I['\u2019](?:d|m|ll|ve)")
_MONTHS = frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
     "Sept", "Oct", "Nov", "Dec"}
)  # fmt: skip
Span = tuple[int, int]
# The hand lists as gazetteer keys: names common across a global workforce.
_HAND_GIVEN = name_keys(GIVEN_NAMES)
_HAND_SURNAMES = name_keys(SURNAMES)
_WORD_SURNAMES = name_keys(WORD_SURNAMES)


class ChatPersonRecognizer(SpacyRecognizer):
    """spaCy's entities, with PERSON refined by name evidence and completed by cues."""

    REPLACES = "SpacyRecognizer"
    CUE_SCORE = 0.65
    _ENTITY = "PERSON"
    CONTEXT: ClassVar[list[str]] = []

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """spaCy's results with PERSON spans checked, plus cued names it missed."""
        results: list[RecognizerResult] = []
        spans: list[Span] = []
        written_in_other = in_other_language(text)
        other_language = written_in_other or _in_code_words(text)
        for result in super().analyze(text, entities, nlp_artifacts):
            if result.entity_type == "LOCATION" and not _could_be_place(
                text, result, other_language
            ):
                continue
            if result.entity_type != self._ENTITY:
                results.append(result)
                continue
            for start, end in _name_parts(text, result.start, result.end, other_language):
                spans.append((start, end))
                results.append(self._result(start, end, result.score, "spaCy name, checked"))
            lower = (
                None if other_language else _known_lowercase_span(text, result.start, result.end)
            )
            if lower is not None:
                spans.append(lower)
                results.append(self._result(*lower, result.score, "spaCy name, lower case, known"))
        if self._ENTITY in entities:
            results += self._cued_names(text, spans, other_language, written_in_other)
        return results

    def _cued_names(
        self, text: str, spans: list[Span], other_language: bool, written_in_other: bool
    ) -> list[RecognizerResult]:
        """Names announced by a cue, typed in lower case, or joined by ``and`` to a found
        name; a name after a cue needs evidence of its own too (``_has_name_evidence``).
        ``other_language``: another language or code; ``written_in_other``: another
        language (``in_other_language``), whose lower-case words are no names."""
        added = []
        cues = (
            (_CUED_NAME, "after a person cue"),
            (_LEADING_NAME, "leading a line"),
            (_SIGNATURE, "signing a message"),
            (_PERSON_FIELD, "in a person's field"),
        )
        for pattern, why in cues:
            for match in pattern.finditer(text):
                if _has_name_evidence(match.group("name").split(), other_language):
                    added += self._add(text, spans, *match.span("name"), f"name {why}")
        for match in _TITLED_NAME.finditer(text):  # a title is evidence enough: "Ms. Thapa"
            added += self._add(text, spans, *match.span("name"), "name after a title")
        for match in _WEAK_CUED_NAME.finditer(text):
            if _opens_with_given_name(match.group("name").split()):
                added += self._add(text, spans, *match.span("name"), "known name after 'for'")
        # overlapped: "Kannst du Elif Ferreira" holds "Kannst du Elif" (a particle between)
        # and the name after it
        for match in _FULL_NAME.finditer(text, overlapped=True):
            if _is_full_name(match.group("name").split(), other_language):
                added += self._add(text, spans, *match.span("name"), "given name and surname")
        if not written_in_other:
            for start, end in lowercase_names(text):
                added += self._add(text, spans, start, end, "known name typed in lower case")
        for _, end in spans[:]:
            joined = _AND_NAME.match(text, end)
            if joined:
                added += self._add(text, spans, *joined.span("name"), "name joined by 'and'")
        return added

    def _add(
        self, text: str, spans: list[Span], start: int, end: int, why: str
    ) -> list[RecognizerResult]:
        """A result for a cued name, unless it is no name or already found."""
        end = start + len(text[start:end].rstrip(_TRIM))  # "'John Doe'": the quote is no name
        words = list(_WORD.finditer(text, start, end))
        while words and words[-1].group() in NON_NAMES:
            words.pop()
        if not words:
            return []
        end = words[-1].end()
        if not _is_name(text, [word.group() for word in words]):
            return []
        if any(s < end and start < e for s, e in spans):
            return []
        spans.append((start, end))
        return [self._result(start, end, self.CUE_SCORE, why)]

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self._ENTITY,
            start=start,
            end=end,
            score=score,
            analysis_explanation=self.build_explanation(score, why),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,  # type: ignore[has-type]  # unannotated in Presidio
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def lowercase_names(text: str) -> list[Span]:
    """Spans of names not written capitalised: two words (particles between) that could each
    be a name and are no everyday words (``_name_pair``), or a known given name then an
    everyday surname (``maria brown``); not after an article, possessive, place preposition
    or journey (``the jordan almond order``, ``in hong kong``, ``fly to addis ababa``), nor,
    where a word no list holds, in a text of other such words (another language, code).
    After a cue, a known given name (``ask priya``) or two words with a known given name
    first or a hand-list surname last (``thanks ivy wang``)."""
    given, _ = name_gazetteer()
    names = known_names()
    words = list(_LETTER_WORD.finditer(text))
    keys = [name_key(word.group()) for word in words]
    unlisted = [is_unlisted_word(word.group()) for word in words]
    found = []
    for index, first in enumerate(keys):
        if first not in names and not unlisted[index]:
            continue
        after = index + 1
        while after < len(words) and keys[after] in NAME_PARTICLES and after - index <= 2:
            after += 1
        if after >= len(words) or not all(
            _spaced(text, words[k], words[k + 1]) and not _possessive(words[k])
            for k in range(index, after)
        ):
            continue
        second, start, end = keys[after], words[index].start(), _name_end(words[after])
        if words[index].group()[:1].isupper() or words[after].group()[:1].isupper():
            continue  # capitalised names are spaCy's and the cues' to find
        if (unlisted[index] or unlisted[after]) and _foreign(unlisted, index, after):
            continue
        # "bitte prüfen", "een vraag" in an English text that another language's words open
        foreign = any(
            keys[k] not in given and is_other_language_word(words[k].group())
            for k in (index, after)
        ) and any(
            is_other_language_word(word.group()) for word in words[:index] + words[after + 1 :]
        )
        named = not foreign and (
            (first in given and second in _WORD_SURNAMES)
            or _name_pair(words[index].group(), words[after].group())
        )
        if named and _standalone(text, start, end) and not _thing_or_place(text, start):
            found.append((start, end))
    for match in _CUED_LOWER_NAME.finditer(text):
        if name_key(match.group("name")) in _HAND_GIVEN:
            found.append(match.span("name"))
    for match in _CUED_LOWER_PAIR.finditer(text):
        if _plausible_name([name_key(word) for word in match.group("name").split()]):
            found.append(match.span("name"))
    return found


def _foreign(unlisted: list[bool], first: int, last: int) -> bool:
    """Whether more than a quarter of the words outside ``first``..``last`` are words no
    list holds: a text in another language or in code, whose unknown words are its own."""
    outside = len(unlisted) - (last - first + 1)
    return 4 * (sum(unlisted) - sum(unlisted[first : last + 1])) > outside


# Words at least this frequent in English (wordfreq's Zipf scale: 4 is once per 10,000
# words) are common words, whatever list of surnames also holds them.
_FREQUENT_ZIPF = 4.0
# and a word at least this frequent (once in 3 million words) is still an English word.
_RARE_ZIPF = 2.5
# A word this frequent (three times in a million words) is a common one.
_COMMON_ZIPF = 3.5


def _name_pair(first: str, second: str) -> bool:
    """Two words as typed that could each be a name and neither an everyday word: known names
    (``zhao lei``) or words no list holds that are spelt like names (``efua quaye``); not
    such a word before a frequent English one (``molar mass`` is chemistry)."""
    if not all(
        could_be_name(word) and not is_everyday_word(name_key(word)) for word in (first, second)
    ):
        return False
    # A rare English word before a frequent one is a term ("molar mass"), where a name's
    # first word is no English word at all ("ashraful islam", "jin-soo oh").
    if name_key(first) in name_gazetteer()[0]:
        return True  # a given name first ("fatima singh"), however English its surname
    if name_key(second) not in known_names() and english_zipf(first) >= _COMMON_ZIPF:
        return False  # a common word, then one no list holds: "bump prio", "bump axios"
    return not (english_zipf(first) >= _RARE_ZIPF and english_zipf(second) >= _FREQUENT_ZIPF)


def _thing_or_place(text: str, start: int) -> bool:
    """Whether words before ``start`` make what follows a thing or a place: an article or
    possessive (``the max wait time``), a place preposition (``in hong kong``)."""
    return bool(
        _DETERMINED.search(text, 0, start) or _PLACE_BEFORE.search(text[max(0, start - 24) : start])
    )


# A place's name: capitalised words (``Rio de Janeiro``, ``St. John's``, ``Baden-Baden``).
_PLACE_NAME = regex.compile(r"[\p{L}][\p{L}'\u2019.-]*(?:[ \t]+[\p{L}][\p{L}'\u2019.-]*)*")
_AFTER_NUMBER = regex.compile(r"\d[ \t]?$")


_CODE_AFTER = frozenset(")]}:([{=")


def _could_be_place(text: str, result: RecognizerResult, other_language: bool) -> bool:
    """Whether spaCy's place may be one: capitalised letters only (``max_retries=5`` is
    code), not a unit after a number (``23GB``), not one word of another language (whose
    nouns are capitalised), and a known place's name (``is_place_name``) or any name after
    a place's preposition ("in Reading"; ``Audit Trail``, ``Processed 943 rows``, ``In
    Review``, ``Items`` are none)."""
    span = text[result.start : result.end]
    if _PLACE_NAME.fullmatch(span) is None or not span[:1].isupper():
        return False
    before = text[max(0, result.start - 3) : result.start]
    if span.isupper() and len(span) <= 3 and _AFTER_NUMBER.search(before):
        return False
    if span in NON_NAMES:
        return False  # a product or common word (``Windows``, ``Chrome``)
    if other_language and " " not in span:
        return False  # one capitalised word of another language: its nouns are capitalised
    if is_place_name(span) and (" " in span or not is_everyday_word(name_key(span))):
        return True
    in_code = text[result.end : result.end + 1] in _CODE_AFTER  # "for i in Items)"
    after_preposition = _PLACE_BEFORE.search(text, max(0, result.start - 24), result.start)
    return (
        not in_code
        and after_preposition is not None
        and is_place_name(span, after_preposition=True)
    )


def _known_lowercase_span(text: str, start: int, end: int) -> Span | None:
    """A spaCy name typed in lower case: two or three letter words that are a plausible
    name (``_plausible_name``)."""
    value = text[start:end].strip(_TRIM).removesuffix("'s").removesuffix("\u2019s")
    words = value.split()
    if not 2 <= len(words) <= 3 or not value.islower() or "\n" in value:
        return None
    if not all(_LETTER_WORD.fullmatch(word) for word in words):
        return None
    if not _plausible_name([name_key(word) for word in words]):
        return None
    start = text.index(value, start)
    return start, start + len(value)


def _plausible_name(keys: list[str]) -> bool:
    """Lower-case words that something else calls a name: no stop word, and a known given
    name first or a hand-list surname last (census surnames include words: "invalid key")."""
    given, _ = name_gazetteer()
    return not STOP_WORDS & {*keys} and (keys[0] in given or keys[-1] in _HAND_SURNAMES)


def _possessive(word: re.Match[str]) -> bool:
    return word.group().lower().endswith(("'s", "\u2019s"))


def _name_end(word: re.Match[str]) -> int:
    return word.end() - 2 if _possessive(word) else word.end()


def _spaced(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    gap = text[left.end() : right.start()]
    return bool(gap) and not gap.strip(" \t")


def _standalone(text: str, start: int, end: int) -> bool:
    """Not part of an address, path, handle or identifier (``maria.chen@``, ``/wei chen/``)."""
    before, after = text[max(0, start - 1) : start], text[end : end + 2]
    glued_before = bool(before) and (before.isalnum() or before in "@./\\-_")
    glued_after = bool(after) and (after[0].isalnum() or after[0] in "@/\\-_")
    dotted_after = after[:1] == "." and after[1:2].isalnum()
    return not (glued_before or glued_after or dotted_after)


def _name_parts(text: str, start: int, end: int, other_language: bool) -> list[Span]:
    """The parts of a spaCy PERSON span that are people's names, trimmed of punctuation."""
    parts = []
    cursor = start
    for separator in [*_LIST_SEPARATOR.finditer(text, start, end), None]:
        part_end = separator.start() if separator else end
        span = _checked(text, cursor, part_end, other_language)
        if span is not None:
            parts.append(span)
        cursor = separator.end() if separator else end
    return parts


def _checked(text: str, start: int, end: int, other_language: bool) -> Span | None:
    value = text[start:end]
    stripped = value.lstrip(_TRIM)
    start += len(value) - len(stripped)
    end = start + len(stripped.rstrip(_TRIM))
    tokens = text[start:end].split()
    # "Jonas Becker von heute": no surname; "told Astrid I'd have": no pronoun
    while tokens and (tokens[-1] in NAME_PARTICLES or _PRONOUN.fullmatch(tokens[-1])):
        end = text.rindex(tokens.pop(), start, end)
        end = start + len(text[start:end].rstrip())
    if not tokens or "\n" in text[start:end]:
        return None
    if not all(_SPAN_TOKEN.match(token) for token in tokens):
        return None
    if not _is_name(text, tokens) or _reads_as_word(text, start, end, tokens):
        return None
    if not _has_name_evidence(tokens, other_language) or not _opens_like_a_name(tokens):
        return None
    if _reads_as_term(tokens, other_language):
        return None
    return start, end


# Words at least this frequent in English end a term, not a name (``Bill Run``).
_TERM_ZIPF = 4.0


def _reads_as_term(tokens: list[str], other_language: bool) -> bool:
    """A spaCy span that is a thing, not somebody: one word no list holds as a name
    (``Paywall``, ``Hummus``: spelling alone is too weak without a cue), several ending in
    a frequent English word no surname list holds (``Bill Run``, ``Canva Teams``; ``Young``
    is a surname), or, in another language, an article and its noun."""
    words = [token.strip(_TRIM) for token in tokens if token not in NAME_PARTICLES]
    if other_language and _opens_with_article(tokens):
        return True
    if len(words) == 1:
        return name_key(words[0]) not in known_names() and words[0] not in WORD_NAMES
    last = name_key(words[-1])
    surname = last in name_gazetteer()[1] or last in _WORD_SURNAMES  # "Dmitri Young"
    return not surname and english_zipf(last) >= _TERM_ZIPF


# Titles a name may open with.
_TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Dame", "Lady", "Lord"})


def _opens_like_a_name(tokens: list[str]) -> bool:
    """A name of several words opens with a title or a name, not an everyday or English word
    (``Share Deck`` in a list of actions is no one, whatever ``Deck`` is as a surname;
    ``Widget Pro Max`` is a product)."""
    words = [t.strip(_TRIM) for t in tokens if t.strip(_TRIM).lower() not in NAME_PARTICLES]
    if len(words) < 2 or words[0].rstrip(".") in _TITLES or words[0] in WORD_NAMES:
        return True
    key = name_key(words[0])
    given, _ = name_gazetteer()
    if key in given:
        return True
    # an English word no list holds as a name opens a product's name: "Widget Pro Max"
    return not is_everyday_word(key) and (key in known_names() or english_zipf(key) < _RARE_ZIPF)


def _has_name_evidence(tokens: list[str], other_language: bool) -> bool:
    """A capitalised word of the span is a known name (or a word-name such as ``Grace``,
    which the gazetteer leaves out), or, in English text, one no list
    holds spelt like a name: spaCy and the cues read capitalised everyday words as people
    (``Reload Window``, ``Getting Started``, ``Tracking: 1Z…``), and, in another language,
    its capitalised nouns too (``Hallo``, ``das Gespräch``)."""
    for token in tokens:
        word = token.strip(_TRIM)
        if word in NAME_PARTICLES or not word[:1].isupper():
            continue
        key = name_key(word)
        if other_language and len(tokens) == 1:
            # one word: a given name ("Herren" is none), not the language's own ("Lo siento")
            return key in name_gazetteer()[0] and not is_other_language_function_word(word)
        if len(tokens) == 1 and key not in known_names() and is_other_language_word(word):
            return False  # a greeting or word of another language: "Bonjour, une question"
        if key in known_names() or word in WORD_NAMES:
            return True
        if not other_language and could_be_name(word) and not is_everyday_word(key):
            return True
    return False


def _opens_with_article(words: list[str]) -> bool:
    """In another language, a function word then a word of that language, no name: an
    article and its noun (``El Jefe``, ``La Direzione``; ``Di Stefano`` is a surname)."""
    return (
        len(words) > 1
        and is_other_language_function_word(words[0])
        and is_other_language_word(words[1])
        and name_key(words[1]) not in known_names()
    )


def _opens_with_given_name(words: list[str]) -> bool:
    """A known given name first, and each later word a name or spelt like one."""
    given, _ = name_gazetteer()
    keys = [name_key(word) for word in words if word not in NAME_PARTICLES]
    return bool(keys) and keys[0] in given and all(could_be_name(word) for word in words[1:])


def _is_full_name(words: list[str], other_language: bool) -> bool:
    """A known given name, then a known surname or a word spelt like one, or a word spelt
    like a given name that no list holds, then a known surname; no everyday word (``Grace
    Period``, ``Jordan Brand``), nor, in another language, an article first (``El Jefe``)."""
    if other_language and _opens_with_article(words):
        return False
    given, surnames = name_gazetteer()
    first, last = name_key(words[0]), name_key(words[-1])
    # a given name no list holds but spelt like one, before a known surname: "Nkechi Ferreira"
    opens = first in given or (
        last in surnames and could_be_name(words[0]) and is_unlisted_word(words[0])
    )
    return (
        opens
        and (last in surnames or could_be_name(words[-1]))
        and not any(is_everyday_word(name_key(word)) for word in (words[0], words[-1]))
    )


# Fewer lower-case words than this say nothing of a text's language.
_MIN_LOWER_WORDS = 2


def _in_code_words(text: str) -> bool:
    """Whether the text reads as code or an unknown language: more than a quarter of its
    lower-case words no list holds (names are capitalised, so not counted)."""
    lower = [word for word in _LETTER_WORD.findall(text) if word.islower()]
    unlisted = sum(is_unlisted_word(word) for word in lower)
    return len(lower) >= _MIN_LOWER_WORDS and 4 * unlisted > len(lower)


def _is_name(text: str, tokens: list[str]) -> bool:
    """Not only known non-names, no function word (a title: ``Meet At The Tokyo Office``),
    no placeholder surname, no cryptography cast."""
    words = [token for token in tokens if token not in NAME_PARTICLES]
    if not words or all(word in NON_NAMES for word in words):
        return False
    if len(words) > 1 and any(word.lower() in _SPAN_FUNCTION_WORDS for word in words):
        return False
    if words[-1] in PLACEHOLDER_SURNAMES:
        return False
    if len(words) == 1 and words[0] in PLACEHOLDER_CAST:
        # "Alice sends Bob…": the cast of protocol examples, recognisable as an ensemble.
        others = PLACEHOLDER_CAST - {words[0]}
        return not any(regex.search(rf"\b{other}\b", text) for other in others)
    return True


def _reads_as_word(text: str, start: int, end: int, tokens: list[str]) -> bool:
    """A one-word span used as a verb, modal or place rather than as somebody's name."""
    if len(tokens) != 1:
        return False
    before = text[max(0, start - 24) : start]
    if _PLACE_BEFORE.search(before):
        return True
    after = text[end : end + 24].split(maxsplit=1)
    next_word = after[0].strip(_TRIM) if after else ""
    if _ATTRIBUTIVE.search(before) and next_word[:1].isalpha():
        return True  # "the Max Retries setting", "the Grace period"
    if tokens[0].strip(_TRIM) in _MONTHS and next_word[:1].isdigit():
        return True  # a date: "Mar 11 03:12:45", "June 2024"
    opening = text[:start].rstrip(" \t")
    return (
        tokens[0] in WORD_NAMES
        and (not opening or opening[-1] in ".!?:\n\"'")
        and next_word.lower() in _FUNCTION_WORDS
    )


_WHOLE_NAME = regex.compile(_NAME)


def is_field_name(value: str) -> bool:
    """A value standing alone where a person goes (a table's name or owner column): one to
    three capitalised name words, none a common non-name (``Platform Team``, ``Unknown``),
    a known name alone, or a known given name first or surname last and every word spelt
    like a name (``Acme Corp`` and ``Nova Pro`` are things)."""
    if _WHOLE_NAME.fullmatch(value) is None:
        return False
    tokens = value.split()
    if not _is_name(value, tokens) or any(token in NON_NAMES for token in tokens):
        return False
    words = [token for token in tokens if token not in NAME_PARTICLES]
    if len(words) == 1:
        return name_key(words[0]) in known_names()
    given, surnames = name_gazetteer()
    return (name_key(words[0]) in given or name_key(words[-1]) in surnames) and all(
        could_be_name(word) or word in WORD_NAMES for word in words
    )
