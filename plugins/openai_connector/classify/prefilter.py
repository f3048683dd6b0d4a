"""Exact prefilters: which recognizers could possibly report anything on a text.

Most chat text holds no digit, no "@" and no key prefix, yet Presidio runs every
recognizer over every text, which costs about as much as spaCy's NER. A recognizer is
skipped only where it provably finds nothing:

- a pattern recognizer (Presidio's own ``analyze``) reports regex matches only, and every
  match contains what ``required_pattern`` derives from its regex;
- the phone recognizer reports what phonenumbers' matcher finds, whose pattern needs a
  decimal digit (``\\d``, as the matcher's own pattern reads it);
- the spaCy recognizer reports the NLP engine's entities only.

Recognizers with their own ``analyze`` can say what bounds their results, as class
attributes:

- ``FILTERS_PARENT_RESULTS = True``, on the class that defines ``analyze``: it only drops
  (or rescores) what the parent's ``analyze`` returns, so the parent's gate applies;
- ``PREFILTER_PATTERNS = (re.compile(...), ...)``, on the class that defines ``analyze``
  or a subclass of it (whose ``find`` that ``analyze`` calls): every result lies inside a
  match of one of these ``re`` patterns.

Any other recognizer, one that refines context scoring itself, or one with a regex the
derivation does not understand, always runs. Nothing here depends on which recognizers
the engine registers. Imports Presidio at import time; only the analysis imports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import cast

import regex
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import (
    IbanRecognizer,
    PhoneRecognizer,
    SpacyRecognizer,
)

from openai_connector.classify.required import required_pattern

# Recognizers whose results are all matches of their ``patterns`` (Iban has its own loop).
_PATTERN_ANALYZERS = (PatternRecognizer.analyze, IbanRecognizer.analyze)
_DIGIT = re.compile(r"\d")

Admits = Callable[[str, NlpArtifacts], bool]


@dataclass(frozen=True, slots=True)
class Gate:
    """A recognizer and the test a text must pass for it to be worth running."""

    recognizer: EntityRecognizer
    admits: Admits


def gates(recognizers: Iterable[EntityRecognizer]) -> list[Gate]:
    """One gate per recognizer, in the given order."""
    return [Gate(recognizer, _admits(recognizer)) for recognizer in recognizers]


def _always(text: str, nlp_artifacts: NlpArtifacts) -> bool:
    return True


def _has_entities(text: str, nlp_artifacts: NlpArtifacts) -> bool:
    return bool(nlp_artifacts.entities)


def _admits(recognizer: EntityRecognizer) -> Admits:
    kind = type(recognizer)
    if kind.enhance_using_context is not EntityRecognizer.enhance_using_context:
        return _always  # may change results it did not produce itself
    owner = _analyze_owner(kind)
    analyze = vars(owner)["analyze"]
    trigger: re.Pattern[str] | regex.Pattern[str] | None = None
    if analyze is SpacyRecognizer.analyze:
        return _has_entities
    if analyze is PhoneRecognizer.analyze:
        trigger = _DIGIT
    elif analyze in _PATTERN_ANALYZERS:
        trigger = _pattern_trigger(cast("PatternRecognizer", recognizer))
    else:
        declared = _declared_patterns(kind, owner)
        trigger = None if declared is None else _declared_trigger(declared)
    if trigger is None:
        return _always
    search = trigger.search
    return lambda text, nlp_artifacts: search(text) is not None


def _analyze_owner(kind: type) -> type:
    """The class whose ``analyze`` bounds the results, skipping declared mere filters."""
    for owner in kind.__mro__:
        if "analyze" in vars(owner) and not vars(owner).get("FILTERS_PARENT_RESULTS", False):
            return owner
    return EntityRecognizer


def _declared_patterns(kind: type, owner: type) -> Iterable[object] | None:
    """``PREFILTER_PATTERNS`` of the recognizer's class, if declared no higher than ``owner``."""
    for cls in kind.__mro__:
        if "PREFILTER_PATTERNS" in vars(cls):
            return vars(cls)["PREFILTER_PATTERNS"]
        if cls is owner:
            break
    return None


def _declared_trigger(patterns: Iterable[object]) -> re.Pattern[str] | None:
    """One search every text matches on which a declared set of ``re`` patterns matches."""
    required: list[str | None] = []
    for pattern in patterns:
        if not isinstance(pattern, re.Pattern) or not isinstance(pattern.pattern, str):
            return None
        flags = pattern.flags
        required.append(
            required_pattern(pattern.pattern, bool(flags & re.IGNORECASE), flags & ~re.IGNORECASE)
        )
    pieces = _all_known(required)
    return None if not pieces else re.compile("|".join(dict.fromkeys(pieces)))


def _pattern_trigger(recognizer: PatternRecognizer) -> regex.Pattern[str] | None:
    """One search that every text a pattern recognizer reports on matches."""
    patterns: list[Pattern] = recognizer.patterns  # type: ignore[has-type]  # unannotated in Presidio
    if regex.DEFAULT_VERSION != regex.VERSION0 or not patterns:
        return None
    # The regex module numbers multi-line, dot-all, Unicode and verbose as re does; any
    # other flag of its own is not neutral to re, so the derivation declines it.
    flags = recognizer.global_regex_flags or 0
    required = [
        required_pattern(pattern.regex, bool(flags & regex.IGNORECASE), flags & ~regex.IGNORECASE)
        for pattern in patterns
    ]
    pieces = _all_known(required)
    if pieces is None:
        return None
    # Compiled by the engine Presidio matches with, so both read every class the same way.
    return regex.compile("|".join(dict.fromkeys(pieces)))


def _all_known(required: list[str | None]) -> list[str] | None:
    """The derived pieces, or None where the derivation declined any of them."""
    pieces = [piece for piece in required if piece is not None]
    return pieces if len(pieces) == len(required) else None
