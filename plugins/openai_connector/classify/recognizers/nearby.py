"""Credentials named a few words before their value, as chat writes them.

The assignment rule reads a value bound to its name by an operator or a verb right after
it (``token: …``, "the password is …"). In chat the two are often some words apart: "the
key for staging is …", "secret for the webhook -> …", "here is my access token, please
debug: …", or the value alone on the line after "the token you asked for:". Evidence that
loose is weaker than an assignment, so only a value no person typed counts (long, high
entropy, upper- and lower-case letters and digits mixed), or under a password's word a
chosen password the sentence hands over with a colon or an arrow; the finding is high,
never critical.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import re
from collections.abc import Iterator
from typing import ClassVar

from openai_connector.classify.recognizers.base import SpanRecognizer
from openai_connector.classify.recognizers.passwords import (
    PASSWORD_WORD,
    STRONG_KEYWORD,
    TEST_MODE_VALUE,
    is_plausible_password,
    is_plausible_secret,
    names_a_secret,
)
from openai_connector.classify.recognizers.placeholders import (
    character_classes,
    has_typed_sequence,
    looks_hand_edited,
    looks_random,
)

# "Key" in the languages people chat in; "token" is the same word in most of them.
_OTHER_KEY_WORDS = (
    "clé", "cle", "clave", "llave", "chiave", "schlüssel", "schluessel", "sleutel", "klucz",
    "chave", "nyckel", "avain", "ключ", "токен", "jeton",
)  # fmt: skip
# The credential's word, with the words before it (``api key``, ``public key``,
# ``PYPI_API_TOKEN``), so the names about a credential rather than holding one (``public``,
# ``idempotency``) are seen.
_NAMED = re.compile(
    rf"(?<![\w-])(?P<key>(?:[A-Za-z0-9]+[ _-]){{0,2}}"
    rf"(?i:{STRONG_KEYWORD}|key|{'|'.join(_OTHER_KEY_WORDS)})"
    r")(?i:s|es)?(?![\w])"
)
_PASSWORD = re.compile(rf"(?i:{PASSWORD_WORD})")
# How far after its name a value may stand, on the same line and in the same sentence.
_REACH = 100
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)")
# A generated value: a run of a generator's alphabet standing on its own, between blanks,
# quotes, brackets or punctuation, never glued to another symbol (``…8o5?FIB0…`` is one
# value, of which no part is reported).
_MAX_VALUE = 1024
_MIN_VALUE = 16
# Runs of a generator's alphabet, found once per text: a value is a whole run standing on
# its own, between blanks, quotes, brackets or punctuation, never glued to another symbol
# (``…8o5?FIB0…`` is one value, of which no part is reported).
_RUN = re.compile(r"[A-Za-z0-9+/=_.~-]+")
_OPENS_VALUE = frozenset(" \t\n\r\"'`([{<:>,")
_CLOSES_VALUE = frozenset(" \t\n\r\"'`)]}>,;")
_ENDS_SENTENCE = frozenset("!?:")
# A chosen password handed over in prose: words, then a colon, an arrow or a dash right
# before it (no brackets or commas: in code, ``password: str) -> Session`` is a signature).
_HANDED = re.compile(r"^[^()\[\]{},]*(?:[:=]|->|→|\u2014|\u2013|\s-)[ \t]*[\"'`]?$")
_CHOSEN = re.compile(r"[^\s\"'`]{8,64}")
_CLOSING_PUNCTUATION = ".,;:!?)"
_ARROW = re.compile(r"->|→|\u2014|\u2013")
# Another name's assignment between the name and the value (``"request_id": "…"``): the
# value is that name's, not the credential's.
_OTHER_ASSIGNMENT = re.compile(
    r"[\w.-]*(?:_|[a-z][A-Z])[\w.-]*[\"']?\s*[:=]|\w=|\w[\"']?\s*[:=]\s*[\"'`]"
)
# Words between the name and the value saying the value is something else of the
# credential's or near it: its id, name, fingerprint, path, or a hash or payload.
_SOMETHING_ELSE = re.compile(
    r"(?i)\b(?:ids?|kid|names?|fingerprint|sha\d*|md5|checksum|digest|hash|integrity|commit"
    r"|etag|url|uri|path|filename|object|payload|base64|request|trace|session)\b"
)
# A word between the name and the value: with none and an operator (``Key=…``,
# ``token: …``) the value is an assignment's, judged by the assignment rule alone.
_WORD_BETWEEN = re.compile(r"[^\W\d_]{2,}")
_OPERATOR = re.compile(r"[:=]")
# What a sentence says between a value and the credential's name it calls it: "is the new
# staging", "(that's the prod", "— our".
_CALLED = re.compile(
    r"[ \t]*(?:[(\u2014\u2013-]|,)?[ \t]*(?i:(?:is|was|=|that's|thats|that is|it's|its|are)[ \t]+)?"
    r"(?i:(?:the|our|my|your|a|an|this|new|old|current|live|real|prod|production|staging|dev"
    r"|test)[ \t]+){0,4}(?:[A-Za-z][\w-]*[ \t]+){0,2}"
)
_ASSIGNED = re.compile(r"(?:[\w.-]*(?:_|[a-z][A-Z])[\w.-]*[\"']?[ \t]*[:=]|\w=)[ \t]*[\"'`]?$")
# The line after the name holds the value when the name's line ends by announcing it.
_ANNOUNCES = re.compile(r"(?:[:>→]|->|below)[ \t]*$")
_NEXT_LINE = re.compile(
    r"\n(?:[ \t]*\n)?(?:[ \t]*```[\w-]*[ \t]*\n)?[ \t]*(?P<value>[^\s`]{1,1024})[ \t]*(?=\n|$)"
)
# Identifiers of objects in APIs (Stripe's ``cus_…``, OpenAI's ``asst_…``, ``file-…``):
# random, mixed, and public.
_OBJECT_ID = re.compile(
    r"(?:cus|pi|ch|evt|price|prod|sub|in|ii|txn|acct|src|seti|pm|re|po|tr|asst|thread|msg"
    r"|run|step|call|file|chatcmpl|req|batch|vs|ft|ftjob|org|user|proj|conv|resp|item)[_-]"
)


# Base64 of this many characters or more may be decoded to tell data from a key.
_MIN_DECODED = 6


def _encodes_text(value: str) -> bool:
    """Whether the value is base64 of printable text (``eyJ1c2VyIjoi…``, a JSON payload):
    encoded data, where a key would decode to random bytes."""
    padded = value + "=" * (-len(value) % 4)
    try:
        decoded = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        return False
    return len(decoded) >= _MIN_DECODED and decoded.isascii() and decoded.decode().isprintable()


def _mixed(value: str) -> bool:
    """Upper- and lower-case letters and digits: what generators emit and hashes never are."""
    return (
        any(char.isupper() for char in value)
        and any(char.islower() for char in value)
        and any(char.isdigit() for char in value)
    )


def is_generated_nearby(value: str) -> bool:
    """A value generated beyond doubt, as a name a few words away is loose evidence."""
    return (
        _mixed(value)
        and is_plausible_secret(value)
        and looks_random(value)
        and not _encodes_text(value)
        and not looks_hand_edited(value)
        and _OBJECT_ID.match(value) is None
        and TEST_MODE_VALUE.match(value) is None  # a sandbox's key, reported only when named
    )


Found = tuple[str, int, int, float, str]


class CredentialNearbyRecognizer(SpanRecognizer):
    """A generated value a few words after a credential's name in the same sentence, or
    before it ("… is the new staging token"), or alone on the line after a name that
    announces it; a chosen password handed over by a colon or an arrow after a password's
    word, or alone on the line after it."""

    ENTITIES: ClassVar[list[str]] = ["PASSWORD", "GENERIC_SECRET"]
    SCORE = 0.6
    PREFILTER_PATTERNS = (re.compile(r"[^\s\"'`]{8,}"),)

    def find(self, text: str) -> list[Found]:
        """The first credible value near each credential's name."""
        found: list[Found] = []
        values: _Values | None = None
        for match in _NAMED.finditer(text):
            if names_a_secret(match.group("key").replace(" ", "_")):
                values = values or _Values(text)
                value = self._value_near(text, values, match)
                if value is not None:
                    found.append(value)
        return found

    def _value_near(self, text: str, values: _Values, match: re.Match[str]) -> Found | None:
        # Every search is bounded to the name's neighbourhood, so a text of many names on
        # one long line costs a bounded scan per name (not one of the line).
        line_start = text.rfind("\n", max(0, match.start() - _REACH), match.start()) + 1
        horizon = min(len(text), match.end() + _REACH + _MAX_VALUE + 2)
        line_end = text.find("\n", match.end(), horizon)
        line_end = horizon if line_end < 0 else line_end
        reach = min(line_end, match.end() + _REACH)
        sentence_end = _SENTENCE_END.search(text, match.end(), reach)
        reach = sentence_end.start() if sentence_end else reach
        is_password = _PASSWORD.search(match.group("key")) is not None
        entity = "PASSWORD" if is_password else "GENERIC_SECRET"
        span = (
            _generated_after(text, values, match.end(), reach)
            or _generated_before(
                text, values, max(line_start, match.start() - _REACH), match.start()
            )
            or (is_password and _handed_password(text, match.end(), reach))
            or _on_next_line(text, match.end(), line_end, is_password)
        )
        if not span:
            return None
        return (entity, *span, self.SCORE, "credential's value near its name")


class _Values:
    """The candidate values of one text: its runs of a generator's alphabet that stand on
    their own, found in one pass, so each name costs a binary search, not a scan."""

    def __init__(self, text: str) -> None:
        self.spans = [span for run in _RUN.finditer(text) if (span := _standing(text, run))]
        self.starts = [start for start, _ in self.spans]

    def after(self, position: int, reach: int) -> Iterator[tuple[int, int]]:
        """Values starting at ``position`` or later, up to ``reach``."""
        index = bisect.bisect_left(self.starts, position)
        while index < len(self.spans) and self.spans[index][0] <= reach:
            yield self.spans[index]
            index += 1

    def last_before(self, start: int, end: int) -> tuple[int, int] | None:
        """The last value lying wholly within ``start``..``end``."""
        index = bisect.bisect_left(self.starts, end) - 1
        while index >= 0 and self.spans[index][1] > end:
            index -= 1
        if index >= 0 and self.spans[index][0] >= start:
            return self.spans[index]
        return None


def _standing(text: str, run: re.Match[str]) -> tuple[int, int] | None:
    """The run's value (a sentence's full stop taken off) if it stands on its own."""
    start, end = run.span()
    value_end = start + len(run.group().rstrip("."))
    if not (_MIN_VALUE <= value_end - start <= _MAX_VALUE) or not text[start].isalnum():
        return None
    if start > 0 and text[start - 1] not in _OPENS_VALUE:
        return None
    if end < len(text) and text[end] not in _CLOSES_VALUE:
        closes_sentence = text[end] in _ENDS_SENTENCE and text[end + 1 : end + 2] in ("", " ", "\n")
        if not closes_sentence:
            return None
    return start, value_end


def _generated_after(text: str, values: _Values, start: int, reach: int) -> tuple[int, int] | None:
    """The first generated value after the name, within the sentence, that no other name
    nor word claims (see ``_OTHER_ASSIGNMENT``, ``_SOMETHING_ELSE``)."""
    for value_start, value_end in values.after(start, reach):
        gap = text[start:value_start]
        if _OTHER_ASSIGNMENT.search(gap) or _SOMETHING_ELSE.search(gap):
            return None
        if not _WORD_BETWEEN.search(gap) and _OPERATOR.search(gap):
            continue  # an assignment's value, the assignment rule's to judge
        if is_generated_nearby(text[value_start:value_end]):
            return value_start, value_end
    return None


def _generated_before(text: str, values: _Values, start: int, end: int) -> tuple[int, int] | None:
    """A generated value the sentence then calls the credential: "… is the new staging
    token", "… (that's the prod api key)"."""
    last = values.last_before(start, end)
    if last is None:
        return None
    value_start, value_end = last
    if _ASSIGNED.search(text, start, value_start):
        return None  # ``request_id=…``: the value is that name's
    run_end = value_end + len(text[value_end:end]) - len(text[value_end:end].lstrip("."))
    called = _CALLED.fullmatch(text, run_end, end) is not None
    if called and is_generated_nearby(text[value_start:value_end]):
        return last
    return None


def _handed_password(text: str, start: int, reach: int) -> tuple[int, int] | None:
    """A chosen password a colon, an arrow or a dash hands over after a password's word."""
    for candidate in _CHOSEN.finditer(text, start, reach + 1):
        gap = text[start : candidate.start()]
        if _OTHER_ASSIGNMENT.search(gap) or not (_WORD_BETWEEN.search(gap) or _ARROW.search(gap)):
            return None  # a bare "password: …" is the assignment rule's
        value = candidate.group().rstrip(_CLOSING_PUNCTUATION)
        if _HANDED.search(gap) and _is_chosen_password(value):
            return candidate.start(), candidate.start() + len(value)
    return None


def _on_next_line(
    text: str, start: int, line_end: int, is_password: bool
) -> tuple[int, int] | None:
    """The value alone on the line after a name whose line announces it ("the token you
    asked for:")."""
    rest = text[start:line_end]
    if not text.startswith("\n", line_end) or len(rest) > _REACH:
        return None
    if not (_ANNOUNCES.search(rest) and _WORD_BETWEEN.search(rest)):
        return None
    following = _NEXT_LINE.match(text, line_end)
    if following is None:
        return None
    value = following.group("value")
    if is_generated_nearby(value) or (is_password and _is_chosen_password(value)):
        return following.span("value")
    return None


def _is_chosen_password(value: str) -> bool:
    """A password a person chose: letters, a digit and a third kind of character."""
    return (
        any(char.isdigit() for char in value)
        and character_classes(value) >= 3
        and not has_typed_sequence(value)
        and is_plausible_password(value)
    )
