"""Each text's analysis stops at its time budget, and the caller learns which texts it cut."""

from __future__ import annotations

import pytest

from openai_connector.classify import Classifier, ClassifierConfig, TextItem
from openai_connector.classify.budget import over_budget, time_budget
from openai_connector.classify.model import TIME_BUDGET_MARK
from tests.classify.samples import SECRETS

PROSE = "Maria Gonzalez from Berlin asked for the quarterly report again. " * 800


@pytest.fixture(scope="module")
def hasty() -> Classifier:
    """A classifier whose budget no long text fits in."""
    return Classifier(ClassifierConfig(time_budget_seconds=0.05, dedupe_cache_size=0))


def test_a_text_past_its_budget_is_reported_cut_with_the_findings_of_its_start(hasty):
    secret = SECRETS["GITHUB_TOKEN"]
    long_text = f"token {secret}\n" + PROSE
    cut: list[TextItem] = []
    [(item, findings)] = hasty.classify([TextItem("message", "m-1", long_text)], on_cut=cut.append)
    assert cut == [item]
    assert "GITHUB_TOKEN" in {f.entity_type for f in findings}
    assert TIME_BUDGET_MARK not in {f.entity_type for f in findings}
    assert max(f.end for f in findings) < len(long_text) // 2


def test_short_texts_are_not_cut(classifier):
    cut: list[TextItem] = []
    items = [TextItem("message", str(n), f"hi, I am Maria Gonzalez #{n}") for n in range(20)]
    results = list(classifier.classify(items, on_cut=cut.append))
    assert cut == []
    assert all(findings for _, findings in results)


def test_over_budget_only_inside_an_expired_budget():
    assert over_budget() is False
    with time_budget(deadline=0.0) as budget:
        assert over_budget() is True
    assert budget.cut is True
    assert over_budget() is False


def test_budget_must_be_positive():
    with pytest.raises(ValueError, match="time_budget_seconds"):
        ClassifierConfig(time_budget_seconds=0)
