"""The shape of blind round 5: sizes, exact labels, valid PII values, no literal in the source.

These tests check the evaluation set itself, never the detector: the round was written and
frozen without running it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from bench.peer_blind_round5 import round5_cases
from bench.peer_corpus import DEFAULT_SEED, SECRET, Case

PII_TYPES = {
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "IP_ADDRESS",
}
EDGE_DELIMITERS = set("'\"` \t\r\n,;:()[]{}<>|\\")
TOKEN_CHARS = re.compile(r"[A-Za-z0-9_\-+/=]")
CARD_SHAPED = re.compile(r"\b(?:\d{4}[ -]){3}\d{1,7}\b|\b\d{13,19}\b")
SOURCE = Path(__file__).parents[2] / "bench" / "peer_blind_round5.py"


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return round5_cases()


def _of(cases: list[Case], kind: str) -> list[Case]:
    return [case for case in cases if case.kind == kind]


def _luhn(number: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(number)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def test_deterministic_per_seed_and_different_across_seeds(cases: list[Case]) -> None:
    assert round5_cases(DEFAULT_SEED) == cases
    other = round5_cases(DEFAULT_SEED + 1)
    assert [case.text for case in other] != [case.text for case in cases]


def test_sizes_per_kind(cases: list[Case]) -> None:
    assert Counter(case.kind for case in cases) == {
        "literal": 150,
        "generated": 200,
        "negative": 200,
        "pii": 60,
        "pii_negative": 100,
    }


@pytest.mark.parametrize("kind", ["literal", "generated"])
def test_secret_cases_label_exactly_the_value(cases: list[Case], kind: str) -> None:
    for case in _of(cases, kind):
        assert len(case.spans) == 1, case
        (span,) = case.spans
        value = case.text[span.start : span.end]
        assert span.entity_type == SECRET
        assert len(value) >= 8, case
        assert value[0] not in EDGE_DELIMITERS, case
        assert value[-1] not in EDGE_DELIMITERS, case
        after = case.text[span.end : span.end + 1]
        assert not TOKEN_CHARS.fullmatch(after), case
        assert not case.harmless


def test_secret_families_are_broad(cases: list[Case]) -> None:
    assert len({case.family for case in _of(cases, "generated")}) >= 60
    assert len({case.family for case in _of(cases, "literal")}) >= 40


def test_positives_are_distinct(cases: list[Case]) -> None:
    positives = [case for case in cases if case.spans]
    assert len({case.text for case in positives}) == len(positives)
    values = [case.text[s.start : s.end] for case in positives for s in case.spans]
    assert len(set(values)) == len(values)


@pytest.mark.parametrize("kind", ["negative", "pii_negative"])
def test_negatives_are_unlabelled_harmless_and_distinct(cases: list[Case], kind: str) -> None:
    negatives = _of(cases, kind)
    assert all(not case.spans and case.harmless for case in negatives)
    assert len({case.text for case in negatives}) == len(negatives)


def test_pii_cases_hold_one_span_of_their_family(cases: list[Case]) -> None:
    pii = _of(cases, "pii")
    assert {case.family for case in pii} == PII_TYPES
    for case in pii:
        assert [span.entity_type for span in case.spans] == [case.family], case
        (span,) = case.spans
        value = case.text[span.start : span.end]
        assert value, case
        assert value == value.strip(), case


def _values(cases: list[Case], entity: str) -> list[str]:
    return [
        case.text[span.start : span.end]
        for case in _of(cases, "pii")
        for span in case.spans
        if span.entity_type == entity
    ]


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 7, 2026])
def test_phone_numbers_are_valid(seed: int) -> None:
    for number in _values(round5_cases(seed), "PHONE_NUMBER"):
        parsed = phonenumbers.parse(number, "US")
        assert phonenumbers.is_valid_number(parsed), number


def test_card_numbers_pass_luhn(cases: list[Case]) -> None:
    for number in _values(cases, "CREDIT_CARD"):
        assert _luhn(re.sub(r"[ -]", "", number)), number


def test_ibans_pass_mod97(cases: list[Case]) -> None:
    for value in _values(cases, "IBAN_CODE"):
        compact = value.replace(" ", "")
        rearranged = compact[4:] + compact[:4]
        assert int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1, value


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 7, 2026, 99, 12345])
def test_pii_look_alikes_hold_no_phone_email_or_card(seed: int) -> None:
    for case in _of(round5_cases(seed), "pii_negative"):
        assert "@" not in case.text.replace("@babel", ""), case
        # not DE: its open numbering plan accepts almost any run of digits after a 0
        for region in ("US", "GB", "FR", "IN", "BR"):
            matches = phonenumbers.PhoneNumberMatcher(case.text, region)
            # a run of fewer than seven digits is nobody's phone, whatever a region allows
            assert all(len(str(m.number.national_number)) < 7 for m in matches), (region, case)
        for run in CARD_SHAPED.findall(case.text):
            assert not _luhn(re.sub(r"[ -]", "", run)), case


def test_no_key_shaped_literal_in_the_source() -> None:
    """Every credential is built at run time: no long mixed run of key characters is written."""
    for run in re.findall(r"[A-Za-z0-9_+/=-]{20,}", SOURCE.read_text(encoding="utf-8")):
        mixed = re.search(r"\d.*\d", run) and re.search("[A-Z]", run) and re.search("[a-z]", run)
        assert not mixed, run
