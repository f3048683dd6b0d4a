"""Where spaCy's named-entity recognizer is worth running: around the words that could be
part of an entity it reports (a person, place, group or date), not over the rest.

NER costs more than everything else of classification together, and most of a chat gives
it nothing to find: "can you make it shorter?", a paragraph of meeting minutes. NER runs
over windows of a few words either side of each word that is

- capitalised, except the pronoun ``I`` and an ordinary word opening a sentence, line or
  clause (``Please``, ``Explain``, ``The``);
- holding a digit, or a lower-case date or time word (``tomorrow``, ``weeks``, ``march``);
- a lower-case word the name gazetteer knows, on which the lower-case name rules may need
  spaCy's opinion (``zhang wei will join``).

spaCy's model reads a few words either side of each word, so an entity inside a window is
found as in the whole text. This is a heuristic, not a proof like the recognizers'
prefilters: spaCy finds a lower-case place now and then (``from frankfurt to dublin``)
that a skipped stretch loses. The loss is measured by ``bench/quality.py`` and
``bench/breadth.py``, the gain by ``bench/throughput.py``.
"""

from __future__ import annotations

import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS

from openai_connector.classify.recognizers.gazetteer import name_gazetteer, name_key, name_keys
from openai_connector.classify.recognizers.vocabulary import CLAUSE_OPENERS, DATE_WORDS, SURNAMES

Window = tuple[int, int]

#: Words either side of a trigger word that go to NER with it.
CONTEXT_WORDS = 5
#: Windows covering this share of a text are not worth the extra documents: NER reads all.
WHOLE_TEXT_SHARE = 0.5
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_DIGIT = re.compile(r"\d")
# What may stand before the first word of a clause: quotes, brackets, bullets, markup.
_OPENING = " \t\r\n\"'\u2018\u201c([*#>|`_~-"
_CLAUSE_END = ".!?:;,"


def ner_windows(text: str) -> list[Window]:
    """The character ranges of the text worth NER, in order and apart; the whole text as
    one window when they would cover most of it, none when no word is a trigger."""
    tokens = list(_TOKEN.finditer(text))
    windows: list[Window] = []
    for index, token in enumerate(tokens):
        if not _is_trigger(text, token):
            continue
        start = tokens[max(0, index - CONTEXT_WORDS)].start()
        end = tokens[min(len(tokens) - 1, index + CONTEXT_WORDS)].end()
        if windows and start <= windows[-1][1] + 1:
            start = windows.pop()[0]
        windows.append((start, end))
    if sum(end - start for start, end in windows) >= WHOLE_TEXT_SHARE * len(text):
        return [(0, len(text))]
    return windows


def _is_trigger(text: str, token: re.Match[str]) -> bool:
    """Whether a white-space separated token could be part of an entity NER reports, or of a
    lower-case name the name rules ask spaCy about."""
    if _DIGIT.search(token.group()):
        return True
    names = _name_words()
    for word in _WORD.finditer(text, token.start(), token.end()):
        value = word.group()
        lower = value.lower()
        if value == lower:
            if lower in DATE_WORDS or name_key(value) in names:
                return True
        elif lower != "i" and not lower.startswith(("i'", "i\u2019")):
            ordinary = lower in CLAUSE_OPENERS or lower in STOP_WORDS
            if not (ordinary and _opens_clause(text, word.start())):
                return True
    return False


def _opens_clause(text: str, start: int) -> bool:
    """Whether only quotes, bullets or markup stand between a clause's start and ``start``."""
    before = text[:start]
    kept = before.rstrip(_OPENING)
    return not kept or kept[-1] in _CLAUSE_END or "\n" in before[len(kept) :]


@functools.cache
def _name_words() -> frozenset[str]:
    """Lower-case words that make spaCy's lower-case PERSON spans count (``person.py``):
    known given names, and the surnames of the hand list."""
    given, _ = name_gazetteer()
    return given | name_keys(SURNAMES)
