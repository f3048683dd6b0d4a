"""The simulated workspace deployed as an Airflow connection, for the DAG tests' runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openai_connector.catalog import CatalogStore
from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread
from tests.harness import deploy


@pytest.fixture
def workspace(
    airflow_db, monkeypatch, tmp_path
) -> Iterator[tuple[RunningSimulator, CatalogStore, object]]:
    with serve_in_thread(SimulatorConfig(seed=9, scale="small")) as sim:
        deployed = deploy(monkeypatch, sim, str(tmp_path / "warehouse"))
        yield sim, deployed.store, deployed.workspace_dag
