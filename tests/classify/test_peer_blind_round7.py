"""Shape of blind round 7: sizes, exact labels, valid PII values, and no literal key in source.

The round is frozen before the detector runs on it, so these tests check the cases only; they
never run the detector.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from bench import peer_blind_round7
from bench.peer_blind_round7 import KIND_SIZES, round7_cases
from bench.peer_corpus import SECRET

PII_TYPES = {
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "IP_ADDRESS",
}
EDGE_FORBIDDEN = set("\"'` \t\r\n,;:=<>()[]{}")
TOKEN_CHARS = re.compile(r"[A-Za-z0-9_+/]")


@pytest.fixture(scope="module")
def cases():
    return round7_cases()


def _values(cases, kind):
    return [(c, c.text[s.start : s.end]) for c in cases if c.kind == kind for s in c.spans]


def test_same_seed_same_cases_other_seed_other_cases(cases):
    assert round7_cases() == cases
    assert round7_cases(seed=7) != cases


def test_exact_size_per_kind(cases):
    assert Counter(c.kind for c in cases) == KIND_SIZES


@pytest.mark.parametrize("kind", ["literal", "generated"])
def test_each_secret_case_labels_exactly_its_value(cases, kind):
    for case in (c for c in cases if c.kind == kind):
        assert len(case.spans) == 1, case
        (span,) = case.spans
        value = case.text[span.start : span.end]
        assert span.entity_type == SECRET
        assert len(value) >= 8, case
        assert value[0] not in EDGE_FORBIDDEN, case
        assert value.rstrip("=")[-1] not in EDGE_FORBIDDEN, case  # base64 padding is the value
        assert not set("\"'`") & set(value), case
        if "-----BEGIN" not in value:
            assert not re.search(r"\s", value), case
        following = case.text[span.end : span.end + 1]
        assert not TOKEN_CHARS.fullmatch(following or " "), case
        assert not case.harmless


def test_many_vendor_families(cases):
    assert len({c.family for c in cases if c.kind == "generated"}) >= 60


def test_positives_are_distinct(cases):
    texts = [c.text for c in cases if c.kind in ("literal", "generated", "pii")]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("kind", ["negative", "pii_negative"])
def test_negatives_are_unlabelled(cases, kind):
    negatives = [c for c in cases if c.kind == kind]
    assert negatives
    assert all(not c.spans for c in negatives)
    if kind == "negative":
        assert all(c.harmless for c in negatives)


def test_pii_cases_hold_one_value_of_their_family(cases):
    pii = [c for c in cases if c.kind == "pii"]
    assert {c.family for c in pii} == PII_TYPES
    for case in pii:
        assert len(case.spans) == 1, case
        assert case.spans[0].entity_type == case.family, case


def test_phone_numbers_are_valid(cases):
    for case, value in _values(cases, "pii"):
        if case.family == "PHONE_NUMBER":
            parsed = phonenumbers.parse(value, None if value.startswith("+") else "US")
            assert phonenumbers.is_valid_number(parsed), value


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def test_card_numbers_pass_luhn(cases):
    for case, value in _values(cases, "pii"):
        if case.family == "CREDIT_CARD":
            digits = re.sub(r"[ -]", "", value)
            assert digits.isdigit(), value
            assert 15 <= len(digits) <= 16, value
            assert _luhn_ok(digits), value


def test_ibans_and_ssns_are_well_formed(cases):
    for case, value in _values(cases, "pii"):
        if case.family == "IBAN_CODE":
            compact = value.replace(" ", "")
            rearranged = compact[4:] + compact[:4]
            assert int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1, value
        if case.family == "US_SSN":
            assert re.fullmatch(r"\d{3}[- ]\d{2}[- ]\d{4}", value), value
            assert not value.startswith(("000", "666", "9"))


def test_no_key_shaped_literal_in_source():
    source = Path(peer_blind_round7.__file__).read_text(encoding="utf-8")
    for run in re.findall(r"[A-Za-z0-9]{20,}", source):
        mixed = any(c.isupper() for c in run) + any(c.islower() for c in run)
        assert mixed + any(c.isdigit() for c in run) < 3, run
    assert not re.search(r"[0-9a-f]{32,}", source)
    assert not re.search(r"PRIVATE KEY-----\s*[A-Za-z0-9+/]{20,}", source)
