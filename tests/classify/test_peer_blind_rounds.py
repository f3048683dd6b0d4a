"""Shape of the blind peer rounds from round 9 on: sizes, exact labels, valid numbers,
nothing key-shaped in source. These rounds share one layout, so one set of checks runs on
each; a round's own extra promises follow. The tests check the cases only, never the
detector."""

from __future__ import annotations

import functools
import re
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import phonenumbers
import pytest
from stdnum import luhn

from bench import (
    peer_blind_round9,
    peer_blind_round10,
    peer_blind_round11,
    peer_blind_round12,
    peer_blind_round13,
    peer_blind_round14,
    peer_blind_round15,
    peer_blind_round16,
    peer_blind_round17,
    peer_blind_round18,
    peer_blind_round19,
)
from bench.peer_corpus import SECRET, Case

ROUNDS: dict[int, tuple[ModuleType, Callable[..., list[Case]]]] = {
    9: (peer_blind_round9, peer_blind_round9.round9_cases),
    10: (peer_blind_round10, peer_blind_round10.round10_cases),
    11: (peer_blind_round11, peer_blind_round11.round11_cases),
    12: (peer_blind_round12, peer_blind_round12.round12_cases),
    13: (peer_blind_round13, peer_blind_round13.round13_cases),
    14: (peer_blind_round14, peer_blind_round14.round14_cases),
    15: (peer_blind_round15, peer_blind_round15.round15_cases),
    16: (peer_blind_round16, peer_blind_round16.round16_cases),
    17: (peer_blind_round17, peer_blind_round17.round17_cases),
    18: (peer_blind_round18, peer_blind_round18.round18_cases),
    19: (peer_blind_round19, peer_blind_round19.round19_cases),
}
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
each_round = pytest.mark.parametrize("number", sorted(ROUNDS))


@functools.cache
def _cases(number: int) -> list[Case]:
    return ROUNDS[number][1]()


def _of(number: int, kind: str) -> list[Case]:
    return [case for case in _cases(number) if case.kind == kind]


def _pii_values(number: int, family: str) -> list[str]:
    pii = _of(number, "pii")
    return [c.text[c.spans[0].start : c.spans[0].end] for c in pii if c.family == family]


@each_round
def test_deterministic_per_seed_and_different_for_another(number):
    build = ROUNDS[number][1]
    assert build() == _cases(number)
    assert build(seed=7) != _cases(number)


@each_round
def test_exact_sizes_per_kind(number):
    assert Counter(case.kind for case in _cases(number)) == ROUNDS[number][0].SIZES


@each_round
@pytest.mark.parametrize("kind", ["literal", "generated"])
def test_secret_cases_label_exactly_the_value(number, kind):
    for case in _of(number, kind):
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


@each_round
def test_positives_are_distinct(number):
    kinds = ("literal", "generated", "pii")
    texts = [case.text for case in _cases(number) if case.kind in kinds]
    assert len(texts) == len(set(texts))
    values = [case.text[s.start : s.end] for case in _of(number, "generated") for s in case.spans]
    assert len(values) == len(set(values))


@each_round
def test_many_vendor_families(number):
    assert len({case.family for case in _of(number, "generated")}) >= 60


@each_round
@pytest.mark.parametrize("kind", ["negative", "pii_negative"])
def test_negatives_are_unlabelled_and_harmless(number, kind):
    for case in _of(number, kind):
        assert case.spans == (), case
        assert case.harmless, case


@each_round
def test_pii_cases_hold_one_span_of_their_type(number):
    assert {case.family for case in _of(number, "pii")} == set(PII_TYPES)
    for case in _of(number, "pii"):
        assert not case.harmless
        assert [span.entity_type for span in case.spans] == [PII_TYPES[case.family]]


@each_round
def test_phone_numbers_are_valid(number):
    for value in _pii_values(number, "phone"):
        region = None if value.startswith("+") else "US"
        assert phonenumbers.is_valid_number(phonenumbers.parse(value, region)), value


@each_round
def test_card_numbers_pass_luhn(number):
    for value in _pii_values(number, "credit_card"):
        assert luhn.is_valid(re.sub(r"\D", "", value)), value


@each_round
def test_ibans_pass_mod_97(number):
    for value in _pii_values(number, "iban"):
        compact = value.replace(" ", "")
        rearranged = compact[4:] + compact[:4]
        digits = "".join(str(int(char, 36)) for char in rearranged)
        assert int(digits) % 97 == 1, value


@each_round
def test_pii_lookalikes_hold_no_valid_phone_number(number):
    for case in _of(number, "pii_negative"):
        for region in ("US", "GB"):
            matches = phonenumbers.PhoneNumberMatcher(case.text, region)
            assert not any(True for _ in matches), (region, case.text)


@each_round
def test_no_key_shaped_literal_in_source(number):
    source = Path(ROUNDS[number][0].__file__).read_text(encoding="utf-8")
    for run in re.findall(r"[A-Za-z0-9_\-+/.]{24,}", source):
        mixed = re.search(r"[A-Z]", run) and re.search(r"[a-z]", run) and re.search(r"\d", run)
        assert not mixed, run


# Promises some rounds make beyond the shared layout, each checked on the rounds making it.
_OTHER_SCRIPT = re.compile(
    r"[áéíóúñçãõàèìòùäöüßêâôąęłńśźżćő¿]|[\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff]", re.IGNORECASE
)
_ALL_KINDS = ("literal", "generated", "negative", "pii", "pii_negative")
_LANGUAGE_SHARES = [
    *((10, kind, 0.2) for kind in _ALL_KINDS),
    *((12, kind, 0.15) for kind in _ALL_KINDS),
    (13, "literal", 0.1),
    (13, "generated", 0.1),
    (14, "literal", 0.2),
    (14, "generated", 0.1),
    (14, "pii_negative", 0.1),
    (15, "literal", 0.1),
    (15, "generated", 0.1),
    (15, "pii", 0.15),
    (16, "literal", 0.1),
    (16, "generated", 0.1),
    (16, "pii_negative", 0.2),
    (17, "literal", 0.05),
    (17, "generated", 0.1),
    (18, "literal", 0.1),
    (18, "generated", 0.1),
    (18, "pii_negative", 0.1),
    (19, "literal", 0.1),
    (19, "generated", 0.1),
    (19, "pii", 0.15),
]
# Rounds whose module says what a clean look-alike is (``lookalike_is_clean``).
_CLEANLINESS_ROUNDS = (13, 14, 15)


@pytest.mark.parametrize(("number", "kind", "share"), _LANGUAGE_SHARES)
def test_rounds_that_speak_several_languages(number, kind, share):
    texts = [case.text for case in _of(number, kind)]
    marked = sum(bool(_OTHER_SCRIPT.search(text)) for text in texts) / len(texts)
    assert marked >= share, marked


@pytest.mark.parametrize("number", [11, 12, 16, 18, 19])
@pytest.mark.parametrize("kind", ["negative", "pii_negative"])
def test_lookalikes_hold_no_pii_shaped_value(number, kind):
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    quad = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
    ssn = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
    for case in _of(number, kind):
        assert not email.search(case.text), case.text
        assert not quad.search(case.text), case.text
        assert not ssn.search(case.text), case.text
        for run in re.findall(r"\d(?:[ -]?\d){12,18}", case.text):
            assert not luhn.is_valid(re.sub(r"\D", "", run)), case.text
        for region in ("US", "GB"):
            assert not any(True for _ in phonenumbers.PhoneNumberMatcher(case.text, region))


@pytest.mark.parametrize("number", _CLEANLINESS_ROUNDS)
@pytest.mark.parametrize("kind", ["negative", "pii_negative"])
def test_lookalikes_hold_nothing_pii_shaped(number, kind):
    module = ROUNDS[number][0]
    for case in _of(number, kind):
        assert module.lookalike_is_clean(case.text), case.text


@pytest.mark.parametrize("number", [14, 15])
def test_pii_texts_hold_only_their_one_value(number):
    module = ROUNDS[number][0]
    for case in _of(number, "pii"):
        span = case.spans[0]
        rest = case.text[: span.start] + "\n" + case.text[span.end :]
        assert module.lookalike_is_clean(rest), case.text


@pytest.mark.parametrize("number", [11, 12, 14, 18, 19])
def test_phone_numbers_without_a_plus_are_us_numbers(number):
    for value in _pii_values(number, "phone"):
        if not value.startswith("+"):
            assert phonenumbers.region_code_for_number(phonenumbers.parse(value, "US")) == "US"


@pytest.mark.parametrize(
    ("number", "at_least"),
    [(13, 0), (14, 8), (15, 6), (16, 3), (17, 3), (18, 3), (19, 4)],
)
def test_private_key_spans_are_whole_blocks(number, at_least):
    blocks = 0
    for case in _of(number, "literal"):
        value = case.text[case.spans[0].start : case.spans[0].end]
        if "-----BEGIN" in value:
            blocks += 1
            assert value.startswith("-----BEGIN"), value
            assert value.endswith("-----"), value
    assert blocks >= at_least


@pytest.mark.parametrize(
    ("number", "at_least"),
    [(13, 0), (14, 4), (15, 3), (16, 3), (17, 6), (18, 3), (19, 6)],
)
def test_github_tokens_carry_their_checksum(number, at_least):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    checked = 0
    for case in _of(number, "generated"):
        value = case.text[case.spans[0].start : case.spans[0].end]
        if re.fullmatch(r"gh[opsu]_[A-Za-z0-9]{36}", value):
            crc, tail = zlib.crc32(value[4:34].encode()), ""
            for _ in range(6):
                crc, digit = divmod(crc, 62)
                tail = alphabet[digit] + tail
            assert value[34:] == tail, value
            checked += 1
    assert checked >= at_least


@pytest.mark.parametrize("kind", _ALL_KINDS)
def test_round_14_half_of_each_kind_is_short(kind):
    texts = [case.text for case in _of(14, kind)]
    short = sum(text.count("\n") <= 1 for text in texts) / len(texts)
    assert 0.45 <= short <= 0.55, short


# Round 19's own promise: nothing else number- or mail-shaped beside its PII value.
def test_round_19_pii_texts_hold_one_value_only():
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    for case in _of(19, "pii"):
        span = case.spans[0]
        rest = case.text[: span.start] + "\n" + case.text[span.end :]
        assert not email.search(rest), case.text
        assert not re.search(r"\d{5,}", rest), case.text
