"""National identifiers: valid numbers found by their scheme, broken twins never."""

from __future__ import annotations

import random

import pytest
from stdnum.br.cpf import format as cpf_format

from openai_connector.classify.national_ids import NATIONAL_IDS, NationalId
from openai_connector.classify.recognizers.national import validator_for
from tests.classify.breadth import broken_twin, generate, valid_number

SCHEMES = {spec.entity: spec for spec in NATIONAL_IDS}


def _number(spec: NationalId, seed: int = 7) -> str:
    return valid_number(spec, random.Random(f"{spec.entity}-{seed}"))


def test_breadth_of_the_catalog() -> None:
    assert len(NATIONAL_IDS) >= 40
    assert len({spec.country for spec in NATIONAL_IDS}) >= 20
    assert sum(spec.check_digit for spec in NATIONAL_IDS) >= 40


@pytest.mark.parametrize("entity", sorted(SCHEMES))
def test_valid_number_after_its_name_is_found_with_its_span(find, entity: str) -> None:
    spec = SCHEMES[entity]
    number = _number(spec)
    text = f"Please update the form: {spec.context[0]} {number}, thanks."

    found = [f for f in find(text) if f.entity_type == entity]

    assert [text[f.start : f.end] for f in found] == [number]
    assert found[0].severity == "high"
    assert found[0].score == 1.0


@pytest.mark.parametrize("entity", sorted(e for e, spec in SCHEMES.items() if spec.check_digit))
def test_broken_twin_is_never_reported_as_the_identifier(find, entity: str) -> None:
    spec = SCHEMES[entity]
    twin = broken_twin(spec, _number(spec), random.Random(entity))
    assert twin is not None
    assert not validator_for(spec)(twin)
    text = f"Please update the form: {spec.context[0]} {twin}, thanks."

    assert entity not in {f.entity_type for f in find(text)}


def test_valid_digits_without_context_are_not_an_identifier(find) -> None:
    pesel = _number(SCHEMES["PL_PESEL"])
    assert "PL_PESEL" not in {f.entity_type for f in find(f"Order {pesel} shipped today.")}


def test_distinctive_format_with_check_digit_needs_no_context(find) -> None:
    code = _number(SCHEMES["IT_FISCAL_CODE"])
    [found] = [f for f in find(f"ok so {code} goes in box 4") if f.entity_type == "IT_FISCAL_CODE"]
    assert found.score == 0.6


def test_words_of_the_kind_announce_an_identifier_with_less_certainty(find) -> None:
    cpf = cpf_format(_number(SCHEMES["BR_CPF"]))
    found = [f for f in find(f"my tax id is {cpf}") if f.entity_type == "BR_CPF"]
    assert [f.score for f in found] == [0.75]


def test_luhn_valid_identifier_after_its_name_is_not_a_card(find) -> None:
    number = _number(SCHEMES["ZA_ID"])
    types = {f.entity_type for f in find(f"South African ID number {number}, see attached")}
    assert "ZA_ID" in types
    assert "CREDIT_CARD" not in types


def test_validator_errors_inside_stdnum_reject_the_number() -> None:
    # python-stdnum's region table lookup raises KeyError for this area code.
    assert validator_for(SCHEMES["CN_RIC"])("349523199001016063") is False


def test_benchmark_set_is_reproducible_and_labels_valid_numbers_only() -> None:
    cases = generate(seed=5, per_id=2, per_kind=2)
    assert cases == generate(seed=5, per_id=2, per_kind=2)
    for case in cases:
        if case.group not in SCHEMES:
            continue
        is_valid = validator_for(SCHEMES[case.group])
        values = [case.text[span.start : span.end] for span in case.spans]
        if case.twin is not None:
            values = [case.text[case.twin[0] : case.twin[1]]]
        assert [is_valid(value) for value in values] == [case.twin is None]
