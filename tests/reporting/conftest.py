"""A catalog filled by the real pipeline (simulator on loopback, Presidio, Iceberg), once per
module: reports are read-only, so every test of a module shares it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.reporting import WorkspaceRef
from openai_connector.simulator import RunningSimulator
from openai_connector.workspaces import WORKSPACES_VARIABLE
from tests.harness import connection_json, run_steps, workspace_settings

CONN_ID = "acme"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reporting") / "warehouse"


@pytest.fixture(scope="module")
def store(module_sim: RunningSimulator, warehouse: Path) -> CatalogStore:
    """The catalog after one full run of the simulated workspace, as the DAG runs it."""
    catalog = CatalogStore(CatalogConfig(warehouse=str(warehouse)))
    run_steps(workspace_settings(module_sim), catalog, conn_id=CONN_ID)
    return catalog


@pytest.fixture(scope="module")
def workspace(module_sim: RunningSimulator) -> WorkspaceRef:
    return WorkspaceRef(module_sim.workspace_id, conn_id=CONN_ID, name=module_sim.workspace_name)


def planted_values(sim: RunningSimulator) -> set[str]:
    """Raw sensitive values the simulator planted, long enough to be recognisable."""
    return {p["value"] for p in sim.truth().to_dict()["planted"] if len(p["value"]) > 5}


def raw_identities(sim: RunningSimulator) -> set[str]:
    """User e-mail addresses and names as the API serves them: a report shows them masked."""
    users = sim.truth().to_dict()["users"]
    return {u[key] for u in users for key in ("email", "name") if u.get(key)}


@pytest.fixture
def airflow_env(
    module_sim: RunningSimulator,
    warehouse: Path,
    store: CatalogStore,
    monkeypatch: pytest.MonkeyPatch,
) -> dict[str, str]:
    """The filled catalog, the workspace's connection and the enrolled list, as a deployment
    configures them (environment); also applied to this process."""
    env = {
        "OPENAI_CONNECTOR_WAREHOUSE": str(warehouse),
        f"AIRFLOW_CONN_{CONN_ID.upper()}": connection_json(module_sim),
        f"AIRFLOW_VAR_{WORKSPACES_VARIABLE.upper()}": json.dumps([CONN_ID]),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env
