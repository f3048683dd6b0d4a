"""Card numbers of every issuing range Presidio's pattern knows, and Mastercard's 2-series."""

from __future__ import annotations

import random

import pytest
from stdnum import luhn


def _card(prefix: str, length: int = 16) -> str:
    body = prefix + "".join(random.Random(prefix).choices("0123456789", k=length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


@pytest.mark.parametrize("prefix", ["2221", "2300", "2599", "2700", "2720", "5105", "4929"])
def test_mastercard_2_series_and_classic_ranges_are_cards(find, prefix):
    number = _card(prefix)
    text = f"card on file: {number}, exp 09/29"
    assert [text[f.start : f.end] for f in find(text) if f.entity_type == "CREDIT_CARD"] == [number]


@pytest.mark.parametrize("prefix", ["2220", "2721", "2800"])
def test_numbers_outside_the_2_series_are_no_cards(find, prefix):
    text = f"card on file: {_card(prefix)}, exp 09/29"
    assert [f for f in find(text) if f.entity_type == "CREDIT_CARD"] == []
