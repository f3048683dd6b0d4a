"""Fixtures: a fresh simulator per test (``sim``, of the config below) and raw clients."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.simulator.calls import FIXED_NOW


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    """Full scale and a fixed clock: the tests check exact wire shapes."""
    return SimulatorConfig(seed=7, now=FIXED_NOW)


@pytest.fixture
def client(sim: RunningSimulator) -> Iterator[httpx.Client]:
    """A client with the read+delete key that does not follow redirects."""
    headers = {"Authorization": f"Bearer {sim.keys.read_delete}"}
    with httpx.Client(base_url=sim.base_url, headers=headers, follow_redirects=False) as http:
        yield http


@pytest.fixture
def plain() -> Iterator[httpx.Client]:
    """A client without any key, for pre-signed URLs and admin endpoints."""
    with httpx.Client(follow_redirects=False) as http:
        yield http
