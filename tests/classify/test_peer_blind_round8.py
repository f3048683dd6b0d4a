"""Shape of blind round 8: sizes, exact labels, valid PII values, no key literal in source.

The round is frozen before the detector runs on it: these tests check the cases only and never
run the detector.
"""

import re
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from bench import peer_blind_round8
from bench.peer_blind_round8 import SIZES, round8_cases
from bench.peer_corpus import SECRET

CASES = round8_cases()
TOKEN_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=")
EDGE_FORBIDDEN = set("'\" \t\n,;")


def _luhn(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if index % 2 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0


def _values(kind: str) -> list[str]:
    return [c.text[c.spans[0].start : c.spans[0].end] for c in CASES if c.kind == kind]


def test_deterministic_per_seed_and_different_for_another():
    assert round8_cases() == CASES
    assert round8_cases(7) != CASES


def test_exact_sizes_per_kind():
    assert Counter(c.kind for c in CASES) == SIZES


@pytest.mark.parametrize("kind", ["literal", "generated"])
def test_secret_cases_label_the_value_exactly(kind):
    for case in (c for c in CASES if c.kind == kind):
        assert len(case.spans) == 1, case
        assert case.spans[0].entity_type == SECRET, case
        assert not case.harmless
        value = case.text[case.spans[0].start : case.spans[0].end]
        assert len(value) >= 8, case
        assert value[0] not in EDGE_FORBIDDEN, case
        assert value[-1] not in EDGE_FORBIDDEN, case
        after = case.text[case.spans[0].end : case.spans[0].end + 1]
        assert after not in TOKEN_CHARS or after == "", case


@pytest.mark.parametrize("kind", ["literal", "generated", "pii"])
def test_positives_distinct(kind):
    values = _values(kind) if kind != "pii" else [c.text for c in CASES if c.kind == kind]
    assert len(set(values)) == len(values)


@pytest.mark.parametrize("kind", ["negative", "pii_negative"])
def test_negatives_unlabelled_and_harmless(kind):
    for case in (c for c in CASES if c.kind == kind):
        assert case.spans == (), case
        assert case.harmless, case


def test_pii_one_span_of_its_family():
    for case in (c for c in CASES if c.kind == "pii"):
        assert len(case.spans) == 1, case
        assert case.spans[0].entity_type.lower() == case.family, case
    assert {c.family for c in CASES if c.kind == "pii"} == {
        "person",
        "email_address",
        "phone_number",
        "credit_card",
        "us_ssn",
        "iban_code",
        "ip_address",
    }


def test_phones_valid_cards_luhn_ibans_mod97():
    for case in (c for c in CASES if c.kind == "pii"):
        value = case.text[case.spans[0].start : case.spans[0].end]
        if case.family == "phone_number":
            region = None if value.startswith("+") else "US"
            assert phonenumbers.is_valid_number(phonenumbers.parse(value, region)), value
        elif case.family == "credit_card":
            assert _luhn(value), value
        elif case.family == "iban_code":
            compact = value.replace(" ", "")
            numeric = "".join(str(int(c, 36)) for c in compact[4:] + compact[:4])
            assert int(numeric) % 97 == 1, value


def test_no_key_shaped_literal_in_source():
    source = Path(peer_blind_round8.__file__).read_text()
    runs = re.findall(r"[A-Za-z0-9_+/-]{20,}", source)
    assert not [r for r in runs if re.search(r"\d", r) and re.search(r"[A-Z]", r)], runs
