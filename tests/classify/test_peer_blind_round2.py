"""The second blind peer round: reproducible, exactly labelled, every kind present.

Nothing here runs the detector: the round is a held-out measurement nobody tuned against.
"""

from __future__ import annotations

from collections import Counter

import phonenumbers
import pytest

from bench.peer_blind_round2 import round2_cases, round2_half
from bench.peer_corpus import DEFAULT_SEED, SECRET, Case

PII_TYPES = frozenset(
    {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS"}
)
LABELLED = ("literal", "generated", "pii")
KINDS = (*LABELLED, "negative", "pii_negative")
PINNED_HALF = "a"  # sha256-based, so the same on every machine and Python run


@pytest.fixture(scope="module")
def cases():
    return round2_cases(DEFAULT_SEED)


def test_reproducible_per_seed(cases):
    assert round2_cases(DEFAULT_SEED) == cases
    assert round2_cases(DEFAULT_SEED + 1) != cases


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 11])
def test_every_span_is_exactly_its_value(seed):
    for case in round2_cases(seed):
        assert bool(case.spans) == (case.kind in LABELLED), (case.family, case.text[:80])
        for span in case.spans:
            value = case.text[span.start : span.end]
            assert value, case.family
            assert value == value.strip(), (case.family, value)
            if case.kind == "pii":
                assert span.entity_type in PII_TYPES, case.family
            else:
                assert span.entity_type == SECRET, case.family


def test_every_kind_in_both_halves_and_the_sizes_asked_for(cases):
    kinds = Counter(case.kind for case in cases)
    assert set(kinds) == set(KINDS)
    assert kinds["literal"] + kinds["generated"] >= 350
    assert kinds["negative"] >= 200
    assert kinds["pii"] >= 60
    assert kinds["pii_negative"] >= 30
    assert {(case.kind, round2_half(case)) for case in cases} == {
        (kind, half) for kind in KINDS for half in "ab"
    }


def test_breadth_of_vendor_families(cases):
    assert len({case.family for case in cases if case.kind == "generated"}) >= 80


def test_no_text_repeats(cases):
    texts = Counter(case.text for case in cases)
    assert [text[:60] for text, count in texts.items() if count > 1] == []


def test_phone_numbers_are_valid(cases):
    phones = [
        case.text[span.start : span.end]
        for case in cases
        for span in case.spans
        if span.entity_type == "PHONE_NUMBER"
    ]
    assert phones
    for phone in phones:
        assert _valid_somewhere(phone), phone


def _valid_somewhere(phone: str) -> bool:
    """Valid as written: international, or in the national format of one region."""
    regions = (None,) if phone.startswith("+") else ("US", "GB", "DE", "FR", "IN", "AU")
    return any(phonenumbers.is_valid_number(phonenumbers.parse(phone, r)) for r in regions)


def test_half_is_a_stable_hash_that_splits_the_round(cases):
    halves = Counter(round2_half(case) for case in cases)
    assert min(halves.values()) > len(cases) / 3
    pinned = Case("npm", "generated", "NPM_TOKEN=value")
    assert round2_half(pinned) == PINNED_HALF


def test_harmless_marks_only_negatives(cases):
    assert all(case.kind == "negative" for case in cases if case.harmless)
    assert sum(case.harmless for case in cases) >= 150
