"""NER runs only around words that could be part of an entity, and finds the same there."""

from __future__ import annotations

import pytest

from openai_connector.classify import ClassifierConfig
from openai_connector.classify.analysis import TextAnalyzer
from openai_connector.classify.ner_gate import ner_windows
from tests.classify.samples import stock_detections

FILLER = (
    "The committee reviewed the draft policy and agreed that the scope should cover every "
    "team that stores customer data, including the regional offices. "
)
MINUTES = (
    FILLER * 6
    + "Maria Garcia presented the survey results in Lisbon on 3 March 2021. "
    + FILLER * 6
    + "The vendor contracts renew in the spring. "
    + FILLER * 3
)


@pytest.mark.parametrize(
    "text",
    [
        "Can you make it shorter?",
        "thanks!",
        "Explain this line by line.",
        "I think so, but I'm not sure the draft covers it.",
        "Hi! Please help: Draft a short announcement to the design team.",
        FILLER,
    ],
)
def test_text_with_nothing_for_ner_has_no_window(text: str) -> None:
    assert ner_windows(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "ask Priya about it",
        "The minutes mention Lisbon.",
        "see you tomorrow",
        "the build failed 3 times",
        "zhang wei will join the call",
        "Please forward it to the NATO desk",
    ],
)
def test_short_text_with_a_trigger_is_read_whole(text: str) -> None:
    assert ner_windows(text) == [(0, len(text))]


def test_long_text_is_read_around_its_triggers_only() -> None:
    windows = ner_windows(MINUTES)

    assert len(windows) == 2
    assert sum(end - start for start, end in windows) < len(MINUTES) / 4
    first, second = (MINUTES[start:end] for start, end in windows)
    assert "Maria Garcia presented the survey results in Lisbon on 3 March 2021." in first
    assert "in the spring" in second


def test_entities_in_windows_are_found_as_in_the_whole_text() -> None:
    [ours] = TextAnalyzer(ClassifierConfig()).analyze([MINUTES])

    assert sorted(ours) == stock_detections(MINUTES)
    found = {(d.entity_type, MINUTES[d.start : d.end]) for d in ours}
    assert {("PERSON", "Maria Garcia"), ("LOCATION", "Lisbon")} <= found
    assert ("DATE_TIME", "the spring") in found
