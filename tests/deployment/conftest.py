"""The compose file and ``.env.example`` as a user fills them."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from .compose import compose_text, env_example, interpolate


@pytest.fixture(scope="session")
def filled_env() -> dict[str, str]:
    """.env.example with the values a user must fill in filled."""
    return {name: value or f"example-{name.lower()}" for name, value in env_example().items()}


@pytest.fixture(scope="session")
def compose(filled_env: dict[str, str]) -> dict[str, Any]:
    return yaml.safe_load(interpolate(compose_text(), filled_env))
