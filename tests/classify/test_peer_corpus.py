"""The peer evaluation set: reproducible, labels exact, and no critical finding on harmless text."""

from __future__ import annotations

from bench.peer_corpus import SECRET, peer_cases
from openai_connector.classify import TextItem


def test_cases_are_reproducible_and_labelled():
    first, second = peer_cases(7), peer_cases(7)
    assert [case.text for case in first] == [case.text for case in second]
    kinds = {case.kind for case in first}
    assert kinds == {"literal", "generated", "negative", "pii", "pii_negative"}
    for case in first:
        assert bool(case.spans) is (case.kind in ("literal", "generated", "pii"))
        for span in case.spans:
            value = case.text[span.start : span.end]
            assert value
            assert value == value.strip()
            assert (span.entity_type == SECRET) is (case.kind != "pii")


def test_no_critical_finding_on_the_harmless_set(classifier):
    cases = [case for case in peer_cases() if case.harmless]
    assert len(cases) > 150
    items = [TextItem("message", str(n), case.text) for n, case in enumerate(cases)]
    critical = [
        (item.text, finding.entity_type)
        for item, findings in classifier.classify(items)
        for finding in findings
        if finding.severity == "critical"
    ]
    assert critical == []
