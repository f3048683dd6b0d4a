"""The name gazetteer: census and Faker lists as lookup keys, everyday words left out."""

from __future__ import annotations

import pytest

from openai_connector.classify.recognizers.gazetteer import (
    is_everyday_word,
    name_gazetteer,
    name_key,
)


@pytest.mark.parametrize(
    ("word", "key"),
    [("José", "jose"), ("O'Brien", "obrien"), ("Min-jun", "minjun"), ("Łukasz's", "lukasz")],
)
def test_keys_are_lower_case_without_accents_apostrophes_or_hyphens(word: str, key: str) -> None:
    assert name_key(word) == key


@pytest.mark.parametrize(
    ("given", "surname"),
    [
        ("adaeze", "anyanwu"),  # Igbo, Latin script
        ("bhekani", "dlamini"),  # Zulu
        ("apisara", "anekvorakul"),  # Faker's romanised Thai names
        ("dmitriy", "kozlov"),  # Cyrillic, transliterated
        ("seoyeon", "kim"),  # Hangul, transliterated; "seo-yeon" as typed
        ("maria", "gonzalez"),  # the census lists and the hand lists
    ],
)
def test_names_of_many_countries_are_known(given: str, surname: str) -> None:
    given_names, surnames = name_gazetteer()
    assert given in given_names
    assert surname in surnames


@pytest.mark.parametrize("word", ["will", "summer", "doctor", "floor", "an", "the", "may"])
def test_everyday_words_are_no_given_names(word: str) -> None:
    given_names, _ = name_gazetteer()
    assert word not in given_names


@pytest.mark.parametrize(
    ("key", "everyday"),
    [("shows", True), ("fields", True), ("saved", True), ("takahashi", False), ("evans", False)],
)
def test_everyday_words_are_known_inflected(key: str, everyday: bool) -> None:
    assert is_everyday_word(key) is everyday
