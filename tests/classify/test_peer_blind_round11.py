"""Shape of blind peer round 11: sizes, exact labels, valid numbers, no key-shaped literal."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from bench import peer_blind_round11
from bench.peer_blind_round11 import SIZES, round11_cases
from bench.peer_corpus import SECRET

CASES = round11_cases()
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
    assert round11_cases() == CASES
    assert round11_cases(seed=7) != CASES


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


@pytest.mark.parametrize("kind", ["negative", "pii_negative"])
def test_lookalikes_hold_no_valid_phone_number(kind):
    for case in _of(kind):
        for region in ("US", "GB"):
            matches = phonenumbers.PhoneNumberMatcher(case.text, region)
            assert not any(True for _ in matches), (region, case.text)


def test_no_key_shaped_literal_in_source():
    source = Path(peer_blind_round11.__file__).read_text(encoding="utf-8")
    for run in re.findall(r"[A-Za-z0-9_\-+/.]{24,}", source):
        mixed = re.search(r"[A-Z]", run) and re.search(r"[a-z]", run) and re.search(r"\d", run)
        assert not mixed, run


def test_phone_numbers_without_a_plus_are_us_numbers():
    for value in _pii_values("phone"):
        if not value.startswith("+"):
            assert phonenumbers.region_code_for_number(phonenumbers.parse(value, "US")) == "US"


@pytest.mark.parametrize("kind", ["negative", "pii_negative"])
def test_lookalikes_hold_no_email_card_or_ipv4(kind):
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    quad = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
    for case in _of(kind):
        assert not email.search(case.text), case.text
        assert not quad.search(case.text), case.text
        for run in re.findall(r"\d(?:[ -]?\d){12,18}", case.text):
            assert not _luhn_ok(run), case.text


def test_ibans_pass_mod_97():
    for value in _pii_values("iban"):
        compact = value.replace(" ", "")
        rearranged = compact[4:] + compact[:4]
        number = "".join(str(int(char, 36)) for char in rearranged)
        assert int(number) % 97 == 1, value
