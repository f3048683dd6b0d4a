"""Turning countries and entities on and off through the policy and the entity catalog."""

from __future__ import annotations

import random

import pytest

from openai_connector.classify.national_ids import NATIONAL_IDS
from openai_connector.policy import Policy, PolicyError
from tests.classify.breadth import valid_number
from tests.policy.policies import FindFn, policy_of

SCHEMES = {spec.entity: spec for spec in NATIONAL_IDS}


def _identifiers_text() -> str:
    cpf = valid_number(SCHEMES["BR_CPF"], random.Random(1))
    pesel = valid_number(SCHEMES["PL_PESEL"], random.Random(2))
    return f"CPF {cpf} and PESEL {pesel}"


def _types(find: FindFn, policy: Policy, text: str) -> set[str]:
    return {finding.entity_type for finding in find(policy, text)}


def test_every_country_is_on_without_a_countries_list(find: FindFn) -> None:
    assert {"BR_CPF", "PL_PESEL"} <= _types(find, Policy.default(), _identifiers_text())


def test_countries_list_keeps_only_those_countries_identifiers(find: FindFn) -> None:
    types = _types(find, policy_of("countries: [BR, IN]"), _identifiers_text())
    assert "BR_CPF" in types
    assert "PL_PESEL" not in types


def test_enabled_brings_back_an_entity_of_an_unlisted_country(find: FindFn) -> None:
    policy = policy_of("countries: [BR]\nentities: {enabled: [PL_PESEL]}")
    assert {"BR_CPF", "PL_PESEL"} <= _types(find, policy, _identifiers_text())


def test_disabled_wins_over_countries(find: FindFn) -> None:
    policy = policy_of("countries: [BR]\nentities: {disabled: [BR_CPF]}")
    assert not {"BR_CPF", "PL_PESEL"} & _types(find, policy, _identifiers_text())


def test_countries_leave_global_entities_on(find: FindFn) -> None:
    text = "mail ana.souza@northwind-labs.com"
    assert "EMAIL_ADDRESS" in _types(find, policy_of("countries: [BR]"), text)


def test_default_off_entity_is_reported_only_when_enabled(find: FindFn) -> None:
    text = "driver license number: A1234567"
    assert "US_DRIVER_LICENSE" not in _types(find, Policy.default(), text)
    enabled = policy_of("entities: {enabled: [US_DRIVER_LICENSE]}")
    assert "US_DRIVER_LICENSE" in _types(find, enabled, text)


def test_unknown_country_is_an_error_naming_the_line() -> None:
    with pytest.raises(PolicyError, match=r"test.yaml line 5: countries\[1\] must be a country"):
        policy_of("storage: full\ncountries:\n  - BR\n  - XX")


def test_countries_and_enabled_survive_the_run_plan_round_trip() -> None:
    policy = policy_of("countries: [IN, DE]\nentities: {enabled: [US_DRIVER_LICENSE]}")
    assert Policy.from_dict(policy.to_dict()) == policy
    assert Policy.from_dict(Policy.default().to_dict()) == Policy.default()
