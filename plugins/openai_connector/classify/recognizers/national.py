"""National identifiers: a format match, then python-stdnum's validation, then context.

One recognizer serves every scheme of ``national_ids.NATIONAL_IDS``; a text is scanned per
scheme only when it holds a run of digits or capitals that some scheme needs. A match is
dropped unless the scheme's validator accepts it: a number with a wrong check digit is
never reported, whatever surrounds it. A valid number is then scored by what announces
it: the scheme's own words (``CPF``, ``PESEL``), words of its kind (``tax id``), or, for
a distinctive format with a check digit (a codice fiscale, a CURP), nothing at all.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from openai_connector.classify.national_ids import NATIONAL_IDS, NationalId
from openai_connector.classify.recognizers.base import SpanRecognizer

OWN_CONTEXT_SCORE = 1.0
KIND_CONTEXT_SCORE = 0.75
FORMAT_ONLY_SCORE = 0.6
_BEFORE_CHARS = 60
_AFTER_CHARS = 25
# Not inside a longer word or number: "ID-123…", "…789-09-77" are parts of something else.
_LEFT = r"(?<![\w])(?<!\d[-./])"
_RIGHT = r"(?![\w])(?![-./]\d)"
# Every scheme's format holds six digits in a row (single separators allowed) or five
# capitals in a row (PAN, codice fiscale): a text with neither is not scanned further.
ANY_IDENTIFIER = re.compile(r"\d(?:[ ./-]?\d){5}|[A-Z]{5}")
# UK National Insurance: prefixes HMRC never issues (no check digit to compute).
_NINO_UNUSED_PREFIXES = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})


def _valid_uk_nino(value: str) -> bool:
    """A NINO's only structural rule left after the pattern: an issued prefix."""
    return value.replace(" ", "")[:2] not in _NINO_UNUSED_PREFIXES


LOCAL_VALIDATORS: dict[str, Callable[[str], bool]] = {"local:uk_nino": _valid_uk_nino}


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def validator_for(spec: NationalId) -> Callable[[str], bool]:
    """The scheme's ``is_valid``: python-stdnum's module, or a local format rule."""
    if spec.validator in LOCAL_VALIDATORS:
        return LOCAL_VALIDATORS[spec.validator]
    is_valid = importlib.import_module(f"stdnum.{spec.validator}").is_valid
    options = dict(spec.validator_options)

    def checked(value: str) -> bool:
        try:
            return bool(is_valid(value, **options))
        except LookupError:  # a few modules' region tables miss entries they look up
            return False

    return checked


@dataclass(frozen=True, slots=True)
class _Scheme:
    """A spec compiled: its match, validator and context searches."""

    spec: NationalId
    pattern: re.Pattern[str]
    is_valid: Callable[[str], bool]
    own_context: re.Pattern[str]
    kind_context: re.Pattern[str]

    @classmethod
    def compile(cls, spec: NationalId) -> _Scheme:
        return cls(
            spec=spec,
            pattern=re.compile(f"{_LEFT}(?:{spec.pattern}){_RIGHT}"),
            is_valid=validator_for(spec),
            own_context=_words_pattern(spec.context),
            kind_context=_words_pattern(spec.context_words[len(spec.context) :]),
        )

    def score(self, text: str, start: int, end: int) -> tuple[float, str] | None:
        """The score the surroundings give a valid match, or ``None`` to drop it."""
        around = text[max(0, start - _BEFORE_CHARS) : start] + " " + text[end : end + _AFTER_CHARS]
        if self.own_context.search(around):
            return OWN_CONTEXT_SCORE, f"valid {self.spec.name}, named in context"
        if self.kind_context.search(around):
            return KIND_CONTEXT_SCORE, f"valid {self.spec.name}, {self.spec.kind} in context"
        if self.spec.distinctive and self.spec.check_digit:
            return FORMAT_ONLY_SCORE, f"valid {self.spec.name}, distinctive format"
        return None


@functools.cache
def schemes() -> tuple[_Scheme, ...]:
    """Every scheme of the catalog, compiled once per process."""
    return tuple(_Scheme.compile(spec) for spec in NATIONAL_IDS)


def is_named_identifier(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a valid identifier its own scheme's name announces.

    A Luhn-valid digit run after "South African ID number" is that ID, not a card.
    """
    value = text[start:end]
    return any(
        scheme.pattern.fullmatch(value)
        and scheme.is_valid(value)
        and (scored := scheme.score(text, start, end)) is not None
        and scored[0] == OWN_CONTEXT_SCORE
        for scheme in schemes()
    )


class NationalIdRecognizer(SpanRecognizer):
    """Every national identifier scheme of the catalog, validated by python-stdnum."""

    REPLACES = "NhsRecognizer"
    ENTITIES: ClassVar[list[str]] = sorted({spec.entity for spec in NATIONAL_IDS})
    PREFILTER_PATTERNS = (re.compile(r"\d"),)

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Matches their surroundings announce (checked first: cheaper) and their scheme
        validates."""
        if ANY_IDENTIFIER.search(text) is None:
            return []
        found = []
        for scheme in schemes():
            for match in scheme.pattern.finditer(text):
                scored = scheme.score(text, *match.span())
                if scored is not None and scheme.is_valid(match.group()):
                    found.append((scheme.spec.entity, *match.span(), *scored))
        return found
