"""The blind peer round: reproducible, exactly labelled, and both halves hold every kind.

Nothing here runs the detector: the round's worth is that nobody tuned against it.
"""

from __future__ import annotations

import pytest

from bench.peer_blind_corpus import blind_cases, blind_half
from bench.peer_corpus import DEFAULT_SEED, SECRET, Case

PII_TYPES = {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE"}
PII_TYPES |= {"IP_ADDRESS"}
KINDS = ("literal", "generated", "negative", "pii", "pii_negative")


@pytest.fixture(scope="module")
def cases():
    return blind_cases(DEFAULT_SEED)


def test_reproducible_per_seed(cases):
    assert blind_cases(DEFAULT_SEED) == cases
    assert blind_cases(DEFAULT_SEED + 1) != cases


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 7])
def test_every_span_is_its_value_exactly(seed):
    for case in blind_cases(seed):
        labelled = case.kind in ("literal", "generated", "pii")
        assert bool(case.spans) == labelled, (case.family, case.text[:80])
        for span in case.spans:
            value = case.text[span.start : span.end]
            assert value, case.family
            assert value == value.strip(), (case.family, value)
            if case.kind == "pii":
                assert span.entity_type in PII_TYPES
            else:
                assert span.entity_type == SECRET


def test_kinds_and_sizes(cases):
    counts = {kind: sum(case.kind == kind for case in cases) for kind in KINDS}
    assert counts["literal"] + counts["generated"] >= 300
    assert counts["negative"] >= 190
    assert counts["pii"] >= 60
    assert counts["pii_negative"] >= 30
    secret_families = {case.family for case in cases if case.kind in ("literal", "generated")}
    assert len(secret_families) >= 60


def test_only_negatives_are_harmless(cases):
    assert all(case.kind == "negative" for case in cases if case.harmless)
    assert any(case.harmless for case in cases)


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 7])
def test_both_halves_hold_every_kind(seed):
    halves = {(case.kind, blind_half(case)) for case in blind_cases(seed)}
    assert halves == {(kind, half) for kind in KINDS for half in "ab"}


def test_half_is_a_hash_of_the_case_not_of_the_process():
    """The split must not move between runs (``hash()`` would, with hash randomisation)."""
    halves = [blind_half(Case("ipv6", "negative", text)) for text in "abcd"]
    assert halves == ["b", "a", "b", "b"]
