"""Name-likeness of words no list holds: the n-gram model and the word evidence it feeds."""

from __future__ import annotations

import pytest

from openai_connector.classify.recognizers.namelike import (
    NameLikeness,
    could_be_name,
    is_unlisted_word,
)


def test_model_scores_words_spelt_like_its_names_above_words_spelt_like_its_words() -> None:
    model = NameLikeness(
        names=["oluwaseun", "olumide", "oladele", "adewale", "folake"],
        words=["station", "nation", "relation", "stationary", "ration"],
    )
    assert model.score("olawale") > 0 > model.score("creation")


def test_model_is_the_same_whenever_it_is_counted() -> None:
    names, words = ["kagiso", "thabo", "sipho"], ["table", "cable", "label"]
    assert NameLikeness(names, words).score("kabelo") == NameLikeness(names, words).score("kabelo")


@pytest.mark.parametrize("word", ["thokozani", "kelechukwu", "olumuyiwa", "hamaguchi"])
def test_unknown_names_spelt_like_names_could_be_names(word: str) -> None:
    assert is_unlisted_word(word)
    assert could_be_name(word)


@pytest.mark.parametrize(
    "word",
    [
        "vendor",  # a frequent English word
        "resets",  # one inflected
        "catch-all",  # a compound of an everyday word
        "sysctl",  # no list holds it, but it is spelt like no name
        "Москва",  # not Latin letters
    ],
)
def test_words_and_jargon_are_no_names(word: str) -> None:
    assert not could_be_name(word)


def test_known_names_could_be_names_without_the_model() -> None:
    assert could_be_name("gonzalez")
    assert not is_unlisted_word("gonzalez")
