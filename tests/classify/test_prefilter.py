"""Prefilters skip work, never findings: the same results as Presidio's own ``analyze``."""

from __future__ import annotations

import re
from typing import ClassVar

import pytest
from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from openai_connector.classify import ClassifierConfig
from openai_connector.classify.analysis import TextAnalyzer
from openai_connector.classify.engine import get_analyzer
from openai_connector.classify.prefilter import gates
from openai_connector.classify.recognizers.base import ResultFilter, SpanRecognizer
from tests.classify.samples import SECRETS, in_chat, stock_detections, text_with_secret

CORPUS = [
    "Could you rewrite this paragraph so it sounds friendlier?",
    "thanks!",
    "Hi, I'm Maria Garcia from the Berlin office. Please email maria.garcia@acme-corp.io "
    "or call me at (415) 555-0132. My card 4111 1111 1111 1111 was charged twice and my "
    "SSN is 219-09-9999 if you need it for the claim.",
    "Wire it to DE89 3704 0044 0532 0130 00 before 12/31/2024, ref 4929-1234-5678.",
    "The server at 192.168.10.24 (MAC 00:1A:2B:3C:4D:5E) logs to https://logs.acme-corp.io.",
    "Build 1.2.3.4 of Chrome 120.0.6099.109 crashed; see RFC 1918 and UUID "
    "123e4567-e89b-12d3-a456-426614174000 in the report.",
    "```python\nfor i in range(10):\n    total += prices[i] * 1.08  # tax\n```",
    "Passport 912803456, driver license D1234567, NHS 943 476 5919, ITIN 912-70-1234.",
    "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq is my wallet; phone +44 20 7946 0958.",
    "Ünïcödé façade: Straße, ΣΊΣΥΦΟΣ, 東京都, emoji 🙂 and a date: 3 March 2021.",
    "Dr. John Smith met Priya Patel in Lisbon on Tuesday at 10:30 to discuss the NATO draft.",
    "export DATABASE_URL=postgres://app_user:Tr0ub4dor-x7Qa9@db.prod.acme-corp.io:5432/app",
    "Ship to 1600 Amphitheatre Parkway, Mountain View, CA 94043, USA, attention Jane Doe.",
    "nothing here at all, just lower-case words and a comma, then a period.",
    "   \n\t  ",
    "",
    *(in_chat(value) for value in SECRETS.values()),
    *(text_with_secret(entity) for entity in sorted(SECRETS)),
]


@pytest.fixture(scope="module")
def text_analyzer() -> TextAnalyzer:
    return TextAnalyzer(ClassifierConfig())


def test_same_detections_as_presidio_analyze(text_analyzer):
    ours = text_analyzer.analyze(CORPUS)

    assert [sorted(found) for found in ours] == [stock_detections(text) for text in CORPUS]
    assert sum(map(len, ours)) > len(CORPUS)  # the corpus does exercise the recognizers


def test_clean_text_skips_most_recognizers(text_analyzer):
    analyzer = get_analyzer(ClassifierConfig())
    [(_, nlp_artifacts)] = analyzer.nlp_engine.process_batch([CORPUS[0]], "en")
    all_gates = gates(analyzer.registry.recognizers)

    admitted = [gate for gate in all_gates if gate.admits(CORPUS[0], nlp_artifacts)]

    assert len(admitted) < len(all_gates) / 2


class _Digits(PatternRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entity="DIGITS", patterns=[Pattern("d", r"\d{3}", 0.9)])


class _FilteredDigits(_Digits):
    FILTERS_PARENT_RESULTS = True

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        return [r for r in super().analyze(text, entities, nlp_artifacts) if r.start > 0]


class _Unbounded(_Digits):
    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        return [RecognizerResult("DIGITS", 0, 1, 1.0)]


class _Declared(EntityRecognizer):
    PREFILTER_PATTERNS = (re.compile(r"key=\w+"),)

    def __init__(self) -> None:
        super().__init__(supported_entities=["KEY"])

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        return []


class _KeptDigits(ResultFilter, _Digits):
    def keeps(self, text, result):  # type: ignore[no-untyped-def]
        return result.start > 0


class _DeclaredSpans(SpanRecognizer):
    """Declares its bound beside ``find``; ``analyze`` is the base class's."""

    ENTITIES: ClassVar[list[str]] = ["KEY"]
    PREFILTER_PATTERNS = (re.compile(r"key=\w+"),)

    def find(self, text):  # type: ignore[no-untyped-def]
        return []


class _OverridesDeclared(_DeclaredSpans):
    """Its own ``analyze`` is not bound by a base class's declaration."""

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        return [RecognizerResult("KEY", 0, 1, 1.0)]


class _Rescoring(_Digits):
    def enhance_using_context(self, text, raw_recognizer_results, *args, **kwargs):  # type: ignore[no-untyped-def]
        return raw_recognizer_results


@pytest.mark.parametrize(
    ("recognizer", "admitted", "skipped"),
    [
        (_Digits(), "a 123 b", "no digits, only 12"),
        (_FilteredDigits(), "a 123 b", "no digits, only 12"),
        (PhoneRecognizer(), "call 5", "call me"),
        (_Declared(), "set key=abc", "set key = abc"),
        (_KeptDigits(), "a 123 b", "no digits, only 12"),
        (_DeclaredSpans(), "set key=abc", "set key = abc"),
    ],
)
def test_gate_follows_what_bounds_the_results(recognizer, admitted, skipped):
    [gate] = gates([recognizer])
    assert gate.admits(admitted, None)
    assert not gate.admits(skipped, None)


@pytest.mark.parametrize("recognizer", [_Unbounded(), _Rescoring(), _OverridesDeclared()])
def test_recognizers_without_a_known_bound_always_run(recognizer):
    [gate] = gates([recognizer])
    assert gate.admits("no digits", None)
