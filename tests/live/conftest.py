"""Fixtures for tests against a running Airflow deployment and the simulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.harness import connection

from .stack import AirflowStack

CONN_ID = "live"


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=11, scale="small")


@pytest.fixture(scope="module")
def stack(
    module_sim: RunningSimulator, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AirflowStack]:
    running = AirflowStack(
        home=Path(tmp_path_factory.mktemp("airflow-live")),
        connections={CONN_ID: connection(module_sim)},
        workspaces=[{"conn_id": CONN_ID, "retries": 0}],
    ).start()
    try:
        yield running
    finally:
        running.stop()
