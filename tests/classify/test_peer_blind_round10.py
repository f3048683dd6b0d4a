"""Shape of blind peer round 10: sizes, labels, valid numbers, languages, no key-shaped source."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from bench import peer_blind_round10
from bench.peer_blind_round10 import SIZES, round10_cases
from bench.peer_corpus import SECRET

CASES = round10_cases()
EDGE_FORBIDDEN = set("\"'` \t\r\n,;:")
TOKEN_CHAR = re.compile(r"[A-Za-z0-9_\-+/=]")
PII_TYPES = {
    "person": "PERSON",
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "credit_card": "CREDIT_CARD",
    "us_ssn": "US_SSN",
    "iban": "IBAN_CODE",
    "ip_address": "IP_ADDRESS",
}


def _of(kind: str) -> list:
    return [case for case in CASES if case.kind == kind]


def _luhn_ok(number: str) -> bool:
    digits = [int(char) for char in number if char.isdigit()]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if index % 2 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def test_deterministic_per_seed_and_different_for_another():
    assert round10_cases() == CASES
    assert round10_cases(seed=7) != CASES


def test_exact_sizes_per_kind():
    assert Counter(case.kind for case in CASES) == SIZES


@pytest.mark.parametrize("kind", ["literal", "generated"])
def test_secret_cases_label_exactly_the_value(kind):
    for case in _of(kind):
        assert not case.harmless
        assert len(case.spans) == 1
        assert case.spans[0].entity_type == SECRET
        span = case.spans[0]
        value = case.text[span.start : span.end]
        assert len(value) >= 8, case
        assert value[0] not in EDGE_FORBIDDEN, case
        assert value[-1] not in EDGE_FORBIDDEN, case
        follower = case.text[span.end : span.end + 1]
        assert not TOKEN_CHAR.fullmatch(follower or " "), case
        leader = case.text[span.start - 1 : span.start] if span.start else " "
        assert not TOKEN_CHAR.fullmatch(leader) or leader in "=/", case


def test_positives_are_distinct():
    texts = [case.text for case in CASES if case.kind in ("literal", "generated", "pii")]
    assert len(texts) == len(set(texts))
    values = [case.text[s.start : s.end] for case in _of("generated") for s in case.spans]
    assert len(values) == len(set(values))


def test_many_vendor_families():
    assert len({case.family for case in _of("generated")}) >= 60


@pytest.mark.parametrize("kind", ["negative", "pii_negative"])
def test_negatives_are_unlabelled_and_harmless(kind):
    for case in _of(kind):
        assert case.spans == (), case
        assert case.harmless, case


def test_pii_cases_hold_one_span_of_their_type():
    assert {case.family for case in _of("pii")} == set(PII_TYPES)
    for case in _of("pii"):
        assert not case.harmless
        assert [span.entity_type for span in case.spans] == [PII_TYPES[case.family]]


def _pii_values(family: str) -> list[str]:
    return [c.text[c.spans[0].start : c.spans[0].end] for c in _of("pii") if c.family == family]


def test_phone_numbers_are_valid():
    for value in _pii_values("phone"):
        region = None if value.startswith("+") else "US"
        assert phonenumbers.is_valid_number(phonenumbers.parse(value, region)), value


def test_card_numbers_pass_luhn():
    for value in _pii_values("credit_card"):
        assert _luhn_ok(value), value


def test_pii_lookalikes_hold_no_valid_phone_number():
    for case in _of("pii_negative"):
        for region in ("US", "GB"):
            matches = phonenumbers.PhoneNumberMatcher(case.text, region)
            assert not any(True for _ in matches), (region, case.text)


def test_no_key_shaped_literal_in_source():
    source = Path(peer_blind_round10.__file__).read_text(encoding="utf-8")
    for run in re.findall(r"[A-Za-z0-9_\-+/.]{24,}", source):
        mixed = re.search(r"[A-Z]", run) and re.search(r"[a-z]", run) and re.search(r"\d", run)
        assert not mixed, run


def test_every_kind_speaks_several_languages():
    marks = re.compile(r"[áéíóúñçãõàèìòùäöüßêâô¿]|[\u3040-\u30ff\u4e00-\u9fff]", re.IGNORECASE)
    for kind in SIZES:
        texts = [case.text for case in _of(kind)]
        share = sum(bool(marks.search(text)) for text in texts) / len(texts)
        assert share >= 0.2, (kind, share)
