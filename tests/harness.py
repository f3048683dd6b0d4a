"""Shared test harness: one workspace run through every pipeline step, and one workspace
deployed as an Airflow connection with its DAGs parsed from the real DAG file.

The step runner is what each DAG task does, without Airflow; the deployment is the real
thing, for ``dag.test()``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from airflow.dag_processing.dagbag import DagBag

from openai_connector.api import ComplianceClient, RateLimits, RetryPolicy, WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import get_classifier
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import MESSAGES_STREAM, RunPlan, WorkspaceJob
from openai_connector.pipeline.steps import STEPS
from openai_connector.pipeline.window import resolve_window
from openai_connector.simulator import RunningSimulator
from tests.paths import REPO

FAST_RETRY = RetryPolicy(max_attempts=8, initial_backoff=0.01, max_backoff=0.05, max_total=30.0)
"""Retries that keep a test quick against a simulator playing faults at high rates."""

_run_numbers = itertools.count(1)


def fast_client(settings: WorkspaceSettings) -> ComplianceClient:
    """A client with :data:`FAST_RETRY` and no client-side rate limit (it is shared per key
    across the process, and retries at high fault rates would spend its budget)."""
    return ComplianceClient(settings, retry=FAST_RETRY, rate_limits=RateLimits.unlimited())


def workspace_settings(sim: RunningSimulator, api_key: str | None = None) -> WorkspaceSettings:
    """The simulated workspace as a connection would describe it (the read key by default)."""
    return WorkspaceSettings(
        workspace_id=sim.workspace_id,
        organization_id=sim.organization_id,
        api_key=api_key or sim.keys.read,
        base_url=sim.base_url,
        workspace_name=sim.workspace_name,
    )


RunWorkspace = Callable[..., dict[str, Any]]
"""``run_steps`` with the workspace and catalog bound (the ``run_workspace`` fixture)."""


def run_steps(
    settings: WorkspaceSettings,
    store: CatalogStore,
    *,
    conn_id: str = "test",
    since: object = None,
    until: object = None,
    backfill: tuple[datetime, datetime] | None = None,
    fail_before: str | None = None,
    classifier_factory: Callable[[], Any] = get_classifier,
    batch_size: int = WorkspaceJob.batch_size,
    **options: Any,
) -> dict[str, Any]:
    """Run every step of one workspace run, as the DAG does, and return its ``runs`` summary.

    ``fail_before`` names a step before which the run stops, as a crashed task would;
    a small ``batch_size`` lands a small workspace in several commits.
    """
    now = datetime.now(UTC)
    window = resolve_window(
        now=now,
        watermark=store.get_watermarks(settings.workspace_id).get(MESSAGES_STREAM),
        since=since,
        until=until,
        backfill_interval=backfill,
    )
    plan = RunPlan.create(
        run_id=f"{conn_id}/{next(_run_numbers)}",
        conn_id=conn_id,
        workspace_id=settings.workspace_id,
        window=window,
        started_at=now,
        **options,
    )

    def job() -> WorkspaceJob:
        """A fresh job per step, as each DAG task builds its own."""
        return WorkspaceJob(
            plan=plan,
            settings=settings,
            catalog=store,
            client_factory=lambda: fast_client(settings),
            classifier_factory=classifier_factory,
            batch_size=batch_size,
        )

    if fail_before is not None:
        for step in STEPS[: STEPS.index(fail_before)]:
            steps.STEP_FUNCTIONS[step](job())
        raise RuntimeError(f"injected failure before {fail_before}")
    return steps.run_all(job, dag_run_id=plan.run_id)


def connection(sim: RunningSimulator, api_key: str | None = None) -> dict[str, Any]:
    """The simulated workspace as an Airflow connection (the read key by default)."""
    return {
        "conn_type": "openai_compliance",
        "host": sim.base_url,
        "password": api_key or sim.keys.read,
        "extra": {
            "workspace_id": sim.workspace_id,
            "organization_id": sim.organization_id,
            "workspace_name": sim.workspace_name,
        },
    }


def connection_json(sim: RunningSimulator, api_key: str | None = None) -> str:
    """:func:`connection` as an ``AIRFLOW_CONN_<ID>`` value."""
    return json.dumps(connection(sim, api_key))


def parse_dags(monkeypatch: pytest.MonkeyPatch, workspaces: str | None) -> DagBag:
    """The DAG file parsed as the DAG processor would, with this workspace list."""
    if workspaces is None:
        monkeypatch.delenv("AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES", raising=False)
    else:
        monkeypatch.setenv("AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES", workspaces)
    return DagBag(dag_folder=str(REPO / "dags"))


@dataclass
class Deployment:
    """A simulated workspace enrolled as connection ``conn_id``, its DAGs and its catalog."""

    sim: RunningSimulator
    store: CatalogStore
    dags: Mapping[str, Any]
    conn_id: str

    @property
    def workspace_dag(self) -> Any:
        return self.dags[f"openai_compliance__{self.conn_id}"]

    @property
    def remediation_dag(self) -> Any:
        return self.dags[f"openai_compliance_remediate__{self.conn_id}"]


def deploy(
    monkeypatch: pytest.MonkeyPatch,
    sim: RunningSimulator,
    warehouse: str,
    *,
    api_key: str | None = None,
    conn_id: str = "simulated",
    entry: Mapping[str, Any] | None = None,
    fast_retries: bool = False,
) -> Deployment:
    """Enroll ``sim`` as an Airflow connection (environment variable), point the catalog at
    ``warehouse`` and parse the DAG file.

    ``fast_retries`` gives the hook's clients :data:`FAST_RETRY` and no client-side rate
    limit (it is shared per key across the process, and retries at high fault rates would
    spend the documented per-minute budget), so such a run takes seconds, not minutes.
    """
    monkeypatch.setenv(f"AIRFLOW_CONN_{conn_id.upper()}", connection_json(sim, api_key))
    monkeypatch.setenv("OPENAI_CONNECTOR_WAREHOUSE", warehouse)
    if fast_retries:
        from openai_connector.hooks.compliance import OpenAIComplianceHook

        def get_conn(hook: OpenAIComplianceHook) -> ComplianceClient:
            return fast_client(hook.settings)

        monkeypatch.setattr(OpenAIComplianceHook, "get_conn", get_conn)
    bag = parse_dags(monkeypatch, json.dumps([{"conn_id": conn_id, "retries": 0, **(entry or {})}]))
    assert bag.import_errors == {}
    return Deployment(sim, CatalogStore(CatalogConfig.from_env()), bag.dags, conn_id)
