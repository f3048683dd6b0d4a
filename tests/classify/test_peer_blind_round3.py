"""The third blind peer round: reproducible, exactly labelled, every kind present.

Nothing here runs the detector: the round is the final held-out measurement, frozen before
the detector first saw it.
"""

from __future__ import annotations

from collections import Counter

import phonenumbers
import pytest

from bench.peer_blind_round3 import round3_cases
from bench.peer_corpus import ALNUM, DEFAULT_SEED, SECRET, Case

PII_TYPES = frozenset(
    {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS"}
)
KIND_SIZES = {"literal": 150, "generated": 250, "negative": 220, "pii": 60, "pii_negative": 30}


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return round3_cases(DEFAULT_SEED)


def _values(case: Case) -> list[str]:
    return [case.text[span.start : span.end] for span in case.spans]


def test_reproducible_per_seed(cases):
    assert round3_cases(DEFAULT_SEED) == cases
    assert round3_cases(DEFAULT_SEED + 1) != cases


def test_every_kind_present_at_its_size(cases):
    assert Counter(case.kind for case in cases) == KIND_SIZES


def test_secret_cases_carry_exactly_one_secret_span(cases):
    for case in cases:
        if case.kind in ("literal", "generated"):
            assert [span.entity_type for span in case.spans] == [SECRET], case


def test_secret_spans_are_exactly_the_value(cases):
    """No surrounding quote, blank or delimiter inside a span; no token character after it."""
    for case in cases:
        if case.kind not in ("literal", "generated"):
            continue
        (span,) = case.spans
        value = case.text[span.start : span.end]
        assert len(value) >= 8, case
        assert value == value.strip(" \t\n\"'`;,"), case
        after = case.text[span.end : span.end + 1]
        assert after == "" or after not in ALNUM, case


def test_positives_are_distinct(cases):
    values = [value for case in cases if case.kind != "pii" for value in _values(case)]
    assert len(values) == len(set(values))


def test_negatives_are_unlabelled_and_harmless(cases):
    for case in cases:
        if case.kind in ("negative", "pii_negative"):
            assert case.spans == (), case
        if case.kind == "negative":
            assert case.harmless, case


def test_pii_cases_carry_one_pii_span(cases):
    found = set()
    for case in cases:
        if case.kind == "pii":
            (span,) = case.spans
            assert span.entity_type in PII_TYPES
            assert case.family == span.entity_type.lower()
            found.add(span.entity_type)
    assert found == PII_TYPES


def test_phone_numbers_are_valid(cases):
    phones = [
        case.text[span.start : span.end]
        for case in cases
        for span in case.spans
        if span.entity_type == "PHONE_NUMBER"
    ]
    assert phones
    for number in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, "US")), number


def test_vendor_breadth(cases):
    assert len({case.family for case in cases if case.kind == "generated"}) >= 100
