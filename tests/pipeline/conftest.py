"""A workspace run without Airflow: real simulator on loopback, real Presidio, real Iceberg."""

from __future__ import annotations

from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.simulator import FaultSpec, RunningSimulator


@pytest.fixture
def store(tmp_path: Path) -> CatalogStore:
    return CatalogStore(CatalogConfig(warehouse=str(tmp_path / "warehouse")))


def set_faults(sim: RunningSimulator, spec: str) -> None:
    sim.set_faults(FaultSpec.parse(spec))
