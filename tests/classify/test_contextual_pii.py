"""Dates of birth, street addresses, health records, PHI and lower-case names in chat."""

from __future__ import annotations

import random

import pytest

from openai_connector.classify.national_ids import NATIONAL_IDS
from tests.classify.breadth import valid_number

SCHEMES = {spec.entity: spec for spec in NATIONAL_IDS}


def spans_of(find, text: str, entity: str) -> list[str]:
    return [text[f.start : f.end] for f in find(text) if f.entity_type == entity]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Date of birth: 04/12/1979", "04/12/1979"),
        ("patient DOB 1985-03-22, please update the chart", "1985-03-22"),
        ("He was born on March 3, 1990 in Leeds.", "March 3, 1990"),
        ("Geburtsdatum: 12.7.1968", "12.7.1968"),
        ("née le 5 juin 1972 à Lyon", "5 juin 1972"),
        ("fecha de nacimiento: 9 de mayo de 1988", "9 de mayo de 1988"),
    ],
)
def test_date_after_a_birth_word_is_a_date_of_birth(find, text: str, date: str) -> None:
    assert spans_of(find, text, "DATE_OF_BIRTH") == [date]


def test_an_ordinary_date_is_no_date_of_birth(find) -> None:
    assert spans_of(find, "The invoice dated 04/12/2024 is still unpaid.", "DATE_OF_BIRTH") == []


@pytest.mark.parametrize(
    "address",
    [
        "221 Baker Street, London NW1 6XE",
        "12 Maple Avenue, Springfield, IL 62704",
        "12 rue de la Paix, 75002 Paris",
        "Hauptstraße 5, 10115 Berlin",
        "Calle Mayor 10, 28013 Madrid",
        "Keizersgracht 123, 1015 CJ Amsterdam",
        "44 King Street West, Toronto, ON M5V 1J2",
        "3 Place de la Concorde, 75008 Paris",
    ],
)
def test_street_address_is_one_span_with_city_and_postcode(find, address: str) -> None:
    assert spans_of(find, f"Please ship it to {address}.", "STREET_ADDRESS") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Chapter 7 covers the Street Fighter series",
        "I need 3 more tickets for the Friday event",
        "Order 4412 shipped via DHL yesterday",
        # A street word read as a noun or verb: the sentence goes on in lower case.
        "we need 12 Standard Drive licenses for the team",
        "buy 3 Avenue Q tickets",
        "room 101 Place your bags here",
    ],
)
def test_numbers_beside_words_are_no_address(find, text: str) -> None:
    assert spans_of(find, text, "STREET_ADDRESS") == []


def test_medical_record_and_member_ids_need_their_label(find) -> None:
    assert spans_of(find, "Patient MRN: 00483921, admitted", "MEDICAL_RECORD_NUMBER") == [
        "00483921"
    ]
    assert spans_of(find, "member ID: XG48291337, plan Gold", "HEALTH_PLAN_ID") == ["XG48291337"]
    order = "order number 00483921 has not arrived"
    assert {f.entity_type for f in find(order)} & {
        "MEDICAL_RECORD_NUMBER",
        "HEALTH_PLAN_ID",
    } == set()


def test_social_insurance_number_is_no_health_plan_id(find) -> None:
    sin = valid_number(SCHEMES["CA_SIN"], random.Random(1))
    types = {f.entity_type for f in find(f"Social Insurance Number: {sin}")}
    assert "HEALTH_PLAN_ID" not in types
    assert "CA_SIN" in types


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("maria gonzalez was diagnosed with type 2 diabetes last spring", "type 2 diabetes"),
        ("Patient MRN 4471239 started sertraline on Monday", "sertraline"),
        ("Email dana.whitfield@northwind-labs.com about her chemotherapy schedule", "chemotherapy"),
    ],
)
def test_medical_term_about_somebody_is_phi(find, text: str, term: str) -> None:
    assert spans_of(find, text, "PHI") == [term]


def test_health_question_about_nobody_is_no_phi(find) -> None:
    assert spans_of(find, "what are the common side effects of metformin?", "PHI") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("write a reference letter for maria gonzalez", "maria gonzalez"),
        ("can you draft an email to wei chen about the offsite", "wei chen"),
        ("zhang wei will join on monday", "zhang wei"),
        ("ask priya for the q3 numbers", "priya"),
        ("nadia müller's report is late", "nadia müller"),
        ("invite ana da silva to the review", "ana da silva"),
        ("thanks emily brown, that fixed it", "emily brown"),
        ("ask sky adeyemi whether the warehouse can ship", "sky adeyemi"),  # a word-name, cued
        # Only the census lists know these, or one word of the pair after "for"/"to".
        ("tobias schneider approved the budget", "tobias schneider"),
        ("pls forward the deck to nadia petrova asap", "nadia petrova"),
        ("cc sarah o'connell on the thread", "sarah o'connell"),
        # Only the lists of other countries (Faker's locales) know these.
        ("adaeze anyanwu approved the budget", "adaeze anyanwu"),
        ("remind me to call dmitriy kozlov tomorrow", "dmitriy kozlov"),
        # One word known, the other spelt like a name.
        ("add ruairi tanaka to the interview panel", "ruairi tanaka"),
        ("send kwaku yamamoto the onboarding checklist", "kwaku yamamoto"),
        ("priyamvada venkataraman will present the results", "priyamvada venkataraman"),
        # Two known names in either order.
        ("liang jun flagged a bug in the checkout", "liang jun"),
        # Neither word in any list, both spelt like names.
        ("thokozani magudumana approved the budget", "thokozani magudumana"),
        ("please book a taxi for kudakwashe rangarira", "kudakwashe rangarira"),
        ("olumuyiwa adeyinka's visa letter needs a signature", "olumuyiwa adeyinka"),
    ],
)
def test_lower_case_names_are_people(find, text: str, name: str) -> None:
    assert spans_of(find, text, "PERSON") == [name]


@pytest.mark.parametrize(
    "text",
    [
        "can you mark the grace period in the contract",
        "the rose garden needs a new layout",
        "bill the customer for the extra hours",
        "Please Review The Quarterly Report Before Monday",
        "brown rice and green tea",
        "set the max wait time to 30s",
        "can you check the jordan almond order",
        "send the report to finance by friday",
        "ifconfig shows the wrong netmask",
        "pip freeze shows requests==2.31.0",
        "is the apple pay button broken again",
        "Meet At The Tokyo Office Lobby",
        "our office in hong kong is closed",
        # Words no list holds that are no names: jargon, a journey's end, another language.
        "install nodejs and the aws cli",
        "the kwargs catch-all swallows typos",
        "fly to addis ababa via istanbul",
        "datenschutz bitte beachten und formular ausfüllen",
    ],
)
def test_lower_case_words_and_capitalised_non_names_are_not_people(find, text: str) -> None:
    assert spans_of(find, text, "PERSON") == []
