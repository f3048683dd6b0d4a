"""A workspace run without Airflow: real simulator on loopback, real Presidio, real Iceberg."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.simulator import FaultSpec, RunningSimulator, SimulatorConfig, serve_in_thread
from tests.harness import run_steps, workspace_settings


@pytest.fixture
def sim() -> Iterator[RunningSimulator]:
    with serve_in_thread(SimulatorConfig(seed=5, scale="small")) as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> CatalogStore:
    return CatalogStore(CatalogConfig(warehouse=str(tmp_path / "warehouse")))


RunWorkspace = Callable[..., dict[str, Any]]


@pytest.fixture
def run_workspace(sim: RunningSimulator, store: CatalogStore) -> RunWorkspace:
    """Run every step of one workspace run, as the DAG does, and return its ``runs`` summary."""
    return functools.partial(run_steps, workspace_settings(sim), store)


def set_faults(sim: RunningSimulator, spec: str) -> None:
    sim.set_faults(FaultSpec.parse(spec))
