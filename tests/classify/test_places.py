"""Place names from GeoNames: which capitalised words name a place alone or after 'in'."""

from __future__ import annotations

import pytest

from openai_connector.classify.recognizers.places import is_place_name


@pytest.mark.parametrize(
    "name", ["Nairobi", "Salt Lake City", "New York", "Phoenix", "Africa", "Hong Kong"]
)
def test_places_alone(name):
    assert is_place_name(name)


@pytest.mark.parametrize("name", ["Moss", "Reading", "Kanban View", "Slate", "CI", "Max"])
def test_words_and_small_cities_named_by_words_are_no_places_alone(name):
    assert not is_place_name(name)


@pytest.mark.parametrize("name", ["Moss", "Reading", "Bexley"])
def test_after_a_place_preposition_small_towns_too(name):
    assert is_place_name(name, after_preposition=True)


@pytest.mark.parametrize("name", ["Kanban View", "Compact Mode", "Slate", "CI"])
def test_after_a_place_preposition_terms_are_still_no_places(name):
    assert not is_place_name(name, after_preposition=True)
