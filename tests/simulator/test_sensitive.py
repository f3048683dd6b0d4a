from __future__ import annotations

import random
import re

import pytest

from openai_connector.simulator import sensitive


def _luhn_ok(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0


def _iban_ok(iban: str) -> bool:
    rearranged = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


@pytest.fixture
def rng() -> random.Random:
    return random.Random(11)


def test_credit_cards_pass_luhn_and_are_not_famous(rng: random.Random) -> None:
    for _ in range(200):
        number = re.sub(r"\D", "", sensitive.credit_card(rng))
        assert _luhn_ok(number)
        assert number not in {"4111111111111111", "4242424242424242"}


def test_ibans_pass_mod_97(rng: random.Random) -> None:
    assert all(_iban_ok(sensitive.iban_code(rng)) for _ in range(200))


def test_ssns_avoid_invalid_ranges(rng: random.Random) -> None:
    for _ in range(500):
        area, group, serial = sensitive.us_ssn(rng).split("-")
        assert area not in {"000", "666"}
        assert int(area) < 900
        assert group != "00"
        assert serial != "0000"


@pytest.mark.parametrize(
    ("entity", "pattern"),
    [
        ("OPENAI_API_KEY", r"sk-proj-[\w-]{80,}"),
        ("AWS_ACCESS_KEY_ID", r"AKIA[A-Z2-7]{16}"),
        ("GITHUB_TOKEN", r"ghp_[A-Za-z0-9]{36}"),
        ("SLACK_TOKEN", r"xoxb-\d+-\d+-\w+"),
        ("STRIPE_SECRET_KEY", r"sk_live_\w{32}"),
        ("JWT", r"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+"),
        ("PRIVATE_KEY", r"-----BEGIN RSA PRIVATE KEY-----\n[\s\S]+\n-----END RSA PRIVATE KEY-----"),
    ],
)
def test_secret_shapes(entity: str, pattern: str, rng: random.Random) -> None:
    assert re.fullmatch(pattern, sensitive.GENERATORS[entity](rng))


def test_every_entity_has_a_generator_and_a_carrier() -> None:
    assert set(sensitive.GENERATORS) == set(sensitive.ENTITY_TYPES) == set(sensitive.CARRIERS)


def test_text_builder_records_exact_offsets(rng: random.Random) -> None:
    builder = sensitive.TextBuilder()
    builder.add("Hello. ")
    builder.add_template(sensitive.CARRIERS["AWS_ACCESS_KEY_ID"][0], rng)
    text = builder.text
    assert [p.entity_type for p in builder.planted] == [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
    ]
    for planted in builder.planted:
        assert text[planted.offset : planted.offset + len(planted.value)] == planted.value
