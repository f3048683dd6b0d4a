"""The simulated workspace deployed as an Airflow connection, for the DAG tests' runs."""

from __future__ import annotations

import pytest

from openai_connector.catalog import CatalogStore
from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.harness import deploy


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=9, scale="small")


@pytest.fixture
def workspace(
    airflow_db, monkeypatch, tmp_path, sim: RunningSimulator
) -> tuple[RunningSimulator, CatalogStore, object]:
    deployed = deploy(monkeypatch, sim, str(tmp_path / "warehouse"))
    return sim, deployed.store, deployed.workspace_dag
