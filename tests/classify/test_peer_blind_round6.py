"""Shape of blind round 6: sizes, exact spans, valid PII values, nothing key-shaped in source."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import phonenumbers
import pytest

from bench import peer_blind_round6
from bench.peer_blind_round6 import SIZES, round6_cases
from bench.peer_corpus import SECRET, Case

TOKEN_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=")
EDGE_DELIMITERS = set(" \t\r\n'\"`,;:()[]{}<>|")
PII_TYPES = {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE",
             "IP_ADDRESS"}  # fmt: skip


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    return round6_cases()


def _of(cases: list[Case], *kinds: str) -> list[Case]:
    return [case for case in cases if case.kind in kinds]


def _value(case: Case) -> str:
    (span,) = case.spans
    return case.text[span.start : span.end]


def _luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2)
                for i, d in enumerate(digits))  # fmt: skip
    return total % 10 == 0


def test_deterministic_per_seed_and_different_for_another(cases: list[Case]) -> None:
    assert round6_cases() == cases
    assert round6_cases(seed=7) != cases


def test_exact_sizes_per_kind(cases: list[Case]) -> None:
    assert Counter(case.kind for case in cases) == SIZES


def test_generated_cover_many_vendor_families(cases: list[Case]) -> None:
    assert len({case.family for case in _of(cases, "generated")}) >= 60


@pytest.mark.parametrize("kind", ["literal", "generated"])
def test_secret_spans_are_exactly_the_value(cases: list[Case], kind: str) -> None:
    for case in _of(cases, kind):
        assert [span.entity_type for span in case.spans] == [SECRET], case
        (span,) = case.spans
        value = _value(case)
        assert len(value) >= 8, case
        assert value[0] not in EDGE_DELIMITERS, case
        assert value[-1] not in EDGE_DELIMITERS, case
        assert case.text[span.end : span.end + 1] not in TOKEN_CHARS, case


def test_positives_are_distinct(cases: list[Case]) -> None:
    positives = _of(cases, "literal", "generated", "pii")
    assert len({case.text for case in positives}) == len(positives)


def test_negatives_are_unlabelled_and_harmless(cases: list[Case]) -> None:
    for case in _of(cases, "negative", "pii_negative"):
        assert case.spans == (), case
        assert case.harmless, case
    assert all(not case.harmless for case in _of(cases, "literal", "generated", "pii"))


def test_pii_cases_have_one_span_of_their_type(cases: list[Case]) -> None:
    pii = _of(cases, "pii")
    for case in pii:
        (span,) = case.spans
        assert span.entity_type in PII_TYPES, case
        assert case.family == span.entity_type.lower(), case
    assert {case.spans[0].entity_type for case in pii} == PII_TYPES


def test_phone_numbers_are_valid(cases: list[Case]) -> None:
    phones = [_value(c) for c in _of(cases, "pii") if c.spans[0].entity_type == "PHONE_NUMBER"]
    assert phones
    for phone in phones:
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone, "US")), phone


def test_card_numbers_pass_luhn(cases: list[Case]) -> None:
    cards = [_value(c) for c in _of(cases, "pii") if c.spans[0].entity_type == "CREDIT_CARD"]
    assert cards
    assert all(_luhn_ok(card) for card in cards), cards


def test_no_key_shaped_literal_in_the_source() -> None:
    source = Path(peer_blind_round6.__file__).read_text(encoding="utf-8")
    run = re.compile(r"[A-Za-z0-9+/_\-]{20,}")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for match in run.findall(node.value):
                mixed = [any(c.isupper() for c in match), any(c.islower() for c in match),
                         any(c.isdigit() for c in match)]  # fmt: skip
                assert not all(mixed), match
