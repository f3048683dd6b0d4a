"""The shape of blind round 4 of the peer evaluation (the detector is never run here)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from bench import peer_blind_round4 as round4
from bench.peer_corpus import DEFAULT_SEED, SECRET

SECRET_KINDS = ("literal", "generated")
NEGATIVE_KINDS = ("negative", "pii_negative")
EDGE_FORBIDDEN = set("\"'` \t\r\n,;:<>()[]{}")
TOKEN_AFTER = set(round4.ALNUM + "_-+/=.~")
# a run of 20+ key characters mixing digits, upper and lower case: a key-shaped literal
KEY_RUN = re.compile(r"[A-Za-z0-9+/_\-]{20,}")


@pytest.fixture(scope="module")
def cases() -> list[round4.Case]:
    return round4.round4_cases()


def _by_kind(cases: list[round4.Case], *kinds: str) -> list[round4.Case]:
    return [case for case in cases if case.kind in kinds]


def _value(case: round4.Case) -> str:
    (span,) = case.spans
    return case.text[span.start : span.end]


def test_deterministic_per_seed_and_different_for_another(cases: list[round4.Case]) -> None:
    assert round4.round4_cases(DEFAULT_SEED) == cases
    other = round4.round4_cases(DEFAULT_SEED + 1)
    assert [c.text for c in other] != [c.text for c in cases]


def test_exact_sizes_per_kind(cases: list[round4.Case]) -> None:
    assert Counter(case.kind for case in cases) == round4.SIZES
    assert round4.SIZES == {
        "literal": 150,
        "generated": 200,
        "negative": 200,
        "pii": 60,
        "pii_negative": 100,
    }


def test_secret_cases_label_exactly_one_clean_value(cases: list[round4.Case]) -> None:
    for case in _by_kind(cases, *SECRET_KINDS):
        assert len(case.spans) == 1, case
        (span,) = case.spans
        assert span.entity_type == SECRET
        value = case.text[span.start : span.end]
        assert len(value) >= 8, case
        assert value[0] not in EDGE_FORBIDDEN, case
        assert value[-1] not in EDGE_FORBIDDEN, case
        assert case.text[span.end : span.end + 1] not in TOKEN_AFTER, case
        assert not case.harmless


def test_positives_are_distinct(cases: list[round4.Case]) -> None:
    for kinds in (SECRET_KINDS, ("pii",)):
        values = [_value(case) for case in _by_kind(cases, *kinds)]
        assert len(values) == len(set(values)), kinds


def test_generated_cover_many_vendor_families(cases: list[round4.Case]) -> None:
    families = {case.family for case in _by_kind(cases, "generated")}
    assert families == set(round4.VENDORS)
    assert len(families) >= 60
    assert len({case.family for case in _by_kind(cases, "literal")}) >= 60


def test_negatives_are_unlabelled_and_harmless(cases: list[round4.Case]) -> None:
    for case in _by_kind(cases, *NEGATIVE_KINDS):
        assert case.spans == (), case
        assert case.harmless, case


def test_pii_cases_hold_one_span_of_their_family_type(cases: list[round4.Case]) -> None:
    pii = _by_kind(cases, "pii")
    for case in pii:
        (span,) = case.spans
        assert span.entity_type == round4.PII[case.family][0], case
    assert {case.family for case in pii} == set(round4.PII)
    assert min(Counter(case.family for case in pii).values()) >= 8


def test_phone_numbers_are_valid(cases: list[round4.Case]) -> None:
    for case in _by_kind(cases, "pii"):
        if case.family == "phone":
            parsed = phonenumbers.parse(_value(case), "US")
            assert phonenumbers.is_valid_number(parsed), case


def test_card_numbers_pass_luhn(cases: list[round4.Case]) -> None:
    for case in _by_kind(cases, "pii"):
        if case.family == "credit_card":
            digits = [int(d) for d in re.sub(r"\D", "", _value(case))]
            checksum = sum(digits[-1::-2]) + sum(sum(divmod(2 * d, 10)) for d in digits[-2::-2])
            assert checksum % 10 == 0, case


def test_pii_look_alikes_hold_no_email_ssn_or_us_phone(cases: list[round4.Case]) -> None:
    for case in _by_kind(cases, "pii_negative"):
        assert not re.search(r"@|\b\d{3}-\d{2}-\d{4}\b", case.text), case
        found = phonenumbers.PhoneNumberMatcher(case.text, "US", phonenumbers.Leniency.VALID)
        assert not list(found), case


def test_no_key_shaped_literal_in_the_source() -> None:
    for path in (Path(round4.__file__), Path(__file__)):
        for run in KEY_RUN.findall(path.read_text()):
            mixed = (
                sum(c.isdigit() for c in run) >= 3
                and sum(c.isupper() for c in run) >= 3
                and sum(c.islower() for c in run) >= 3
            )
            assert not mixed, (path.name, run)
