"""A catalog filled by the real pipeline (simulator on loopback, Presidio, Iceberg), once per
module: reports are read-only, so every test of a module shares it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from openai_connector.api import ComplianceClient, RateLimits, RetryPolicy, WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import get_classifier
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window
from openai_connector.reporting import WorkspaceRef
from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread
from openai_connector.workspaces import WORKSPACES_VARIABLE

CONN_ID = "acme"
FAST_RETRY = RetryPolicy(max_attempts=8, initial_backoff=0.01, max_backoff=0.05, max_total=30.0)


@pytest.fixture(scope="module")
def sim() -> Iterator[RunningSimulator]:
    with serve_in_thread(SimulatorConfig(seed=5, scale="small")) as running:
        yield running


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reporting") / "warehouse"


@pytest.fixture(scope="module")
def store(sim: RunningSimulator, warehouse: Path) -> CatalogStore:
    """The catalog after one full run of the simulated workspace, as the DAG runs it."""
    catalog = CatalogStore(CatalogConfig(warehouse=str(warehouse)))
    settings = WorkspaceSettings(
        workspace_id=sim.workspace_id,
        organization_id=sim.organization_id,
        api_key=sim.keys.read,
        base_url=sim.base_url,
        workspace_name=sim.workspace_name,
    )
    now = datetime.now(UTC)
    plan = RunPlan.create(
        run_id="report-test/1",
        conn_id=CONN_ID,
        workspace_id=sim.workspace_id,
        window=resolve_window(now=now, watermark=None),
        started_at=now,
    )

    def job() -> WorkspaceJob:
        return WorkspaceJob(
            plan=plan,
            settings=settings,
            catalog=catalog,
            client_factory=lambda: ComplianceClient(
                settings, retry=FAST_RETRY, rate_limits=RateLimits.unlimited()
            ),
            classifier_factory=get_classifier,
        )

    summaries = {step: getattr(steps, step)(job()) for step in steps.STEPS}
    steps.record_run(job(), summaries, dag_run_id=plan.run_id)
    return catalog


@pytest.fixture(scope="module")
def workspace(sim: RunningSimulator) -> WorkspaceRef:
    return WorkspaceRef(sim.workspace_id, conn_id=CONN_ID, name=sim.workspace_name)


def planted_values(sim: RunningSimulator) -> set[str]:
    """Raw sensitive values the simulator planted, long enough to be recognisable."""
    return {p["value"] for p in sim.truth().to_dict()["planted"] if len(p["value"]) > 5}


def raw_identities(sim: RunningSimulator) -> set[str]:
    """User e-mail addresses and names as the API serves them: a report shows them masked."""
    users = sim.truth().to_dict()["users"]
    return {u[key] for u in users for key in ("email", "name") if u.get(key)}


@pytest.fixture
def airflow_env(
    sim: RunningSimulator, warehouse: Path, store: CatalogStore, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    """The filled catalog, the workspace's connection and the enrolled list, as a deployment
    configures them (environment); also applied to this process."""
    connection = {
        "conn_type": "openai_compliance",
        "host": sim.base_url,
        "password": sim.keys.read,
        "extra": {
            "workspace_id": sim.workspace_id,
            "workspace_name": sim.workspace_name,
            "organization_id": sim.organization_id,
        },
    }
    env = {
        "OPENAI_CONNECTOR_WAREHOUSE": str(warehouse),
        f"AIRFLOW_CONN_{CONN_ID.upper()}": json.dumps(connection),
        f"AIRFLOW_VAR_{WORKSPACES_VARIABLE.upper()}": json.dumps([CONN_ID]),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env
