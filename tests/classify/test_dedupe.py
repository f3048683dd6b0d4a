"""Identical texts are analysed once, yet every item gets findings with its own ids."""

from __future__ import annotations

import dataclasses

import pytest

from openai_connector.classify import Classifier, ClassifierConfig, TextItem
from openai_connector.classify.analysis import TextAnalyzer
from openai_connector.classify.model import make_finding_id
from tests.classify.samples import SECRETS, in_chat

PII = "Please email maria.garcia@acme-corp.io or call (415) 555-0132 about the claim."
SECRET = in_chat(SECRETS["GITHUB_TOKEN"])


@pytest.fixture
def analysed(monkeypatch) -> list[str]:
    """Every text the analyzer is given, in order."""
    seen: list[str] = []
    original = TextAnalyzer.analyze

    def spy(self, texts):
        seen.extend(texts)
        return original(self, texts)

    monkeypatch.setattr(TextAnalyzer, "analyze", spy)
    return seen


def _without_ids(finding):
    return dataclasses.replace(finding, finding_id="", object_type="", object_id="", location=None)


def test_identical_texts_share_findings_but_not_ids(analysed):
    items = [
        TextItem("message", "m-1", PII),
        TextItem("message", "m-2", SECRET),
        TextItem("message", "m-3", PII, location="content"),
        TextItem("gpt", "g-1", PII, location="instructions"),
        TextItem("message", "m-4", SECRET),
    ]

    results = list(Classifier(ClassifierConfig(batch_size=2)).classify(items))

    assert [item for item, _ in results] == items
    assert analysed == [PII, SECRET]
    by_text: dict[str, list] = {}
    for item, findings in results:
        assert findings
        by_text.setdefault(item.text, []).append([_without_ids(f) for f in findings])
        for f in findings:
            assert (f.object_type, f.object_id, f.location) == (
                item.object_type,
                item.object_id,
                item.location,
            )
            expected = make_finding_id(
                item.object_type, item.object_id, item.location, f.entity_type, f.start, f.end
            )
            assert f.finding_id == expected
    assert all(len({repr(v) for v in variants}) == 1 for variants in by_text.values())
    all_ids = [f.finding_id for _, findings in results for f in findings]
    assert len(all_ids) == len(set(all_ids))


def test_texts_seen_in_an_earlier_call_are_not_analysed_again(analysed):
    classifier = Classifier(ClassifierConfig())
    [(_, first)] = classifier.classify([TextItem("message", "m-1", PII)])
    [(_, again)] = classifier.classify([TextItem("message", "m-2", PII)])

    assert analysed == [PII]
    assert [_without_ids(f) for f in first] == [_without_ids(f) for f in again]


def test_without_a_cache_each_call_analyses_afresh(analysed):
    classifier = Classifier(ClassifierConfig(dedupe_cache_size=0))
    first = list(classifier.classify([TextItem("message", "m-1", PII)]))
    again = list(classifier.classify([TextItem("message", "m-1", PII)]))

    assert analysed == [PII, PII]
    assert first == again


def test_cache_keeps_only_the_most_recent_texts(analysed):
    classifier = Classifier(ClassifierConfig(dedupe_cache_size=1))
    for text in (PII, SECRET, PII):
        list(classifier.classify([TextItem("message", "m", text)]))

    assert analysed == [PII, SECRET, PII]
