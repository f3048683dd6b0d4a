"""Fixtures: a fresh simulator per test (``sim``, of the config below) and raw clients."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from openai_connector.simulator import FaultSpec, RunningSimulator, SimulatorConfig

FIXED_NOW = datetime(2026, 7, 16, 12, 0, tzinfo=UTC)
EPOCH = "2026-01-01T00:00:00Z"
DOWNLOADER = httpx.Client(follow_redirects=False)
"""Shared client without any key: building an httpx client costs ~20 ms."""


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


def ws_path(sim: RunningSimulator, suffix: str) -> str:
    return f"/compliance/workspaces/{sim.workspace_id}/{suffix}"


def list_logs(
    client: httpx.Client, sim: RunningSimulator, after: str = EPOCH, **params: object
) -> httpx.Response:
    query = {"event_type": "CONVERSATION_MESSAGE", "after": after, **params}
    return client.get(ws_path(sim, "logs"), params=query)


def faults(spec: str) -> FaultSpec:
    return FaultSpec.parse(spec)
