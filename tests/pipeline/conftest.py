"""A workspace run without Airflow: real simulator on loopback, real Presidio, real Iceberg."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from openai_connector.api import ComplianceClient, RateLimits, RetryPolicy, WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import get_classifier
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import MESSAGES_STREAM, RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window
from openai_connector.simulator import FaultSpec, RunningSimulator, SimulatorConfig, serve_in_thread

FAST_RETRY = RetryPolicy(max_attempts=8, initial_backoff=0.01, max_backoff=0.05, max_total=30.0)


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
    settings = WorkspaceSettings(
        workspace_id=sim.workspace_id,
        organization_id=sim.organization_id,
        api_key=sim.keys.read,
        base_url=sim.base_url,
        workspace_name=sim.workspace_name,
    )
    counter = iter(range(1, 1000))

    def run(
        *,
        since: object = None,
        until: object = None,
        backfill: tuple[datetime, datetime] | None = None,
        fail_before: str | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        now = datetime.now(UTC)
        window = resolve_window(
            now=now,
            watermark=store.get_watermarks(sim.workspace_id).get(MESSAGES_STREAM),
            since=since,
            until=until,
            backfill_interval=backfill,
        )
        plan = RunPlan.create(
            run_id=f"test/{next(counter)}",
            conn_id="test",
            workspace_id=sim.workspace_id,
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
                client_factory=lambda: ComplianceClient(
                    settings, retry=FAST_RETRY, rate_limits=RateLimits.unlimited()
                ),
                classifier_factory=get_classifier,
            )

        summaries = {}
        for step in steps.STEPS:
            if step == fail_before:
                raise RuntimeError(f"injected failure before {step}")
            summaries[step] = getattr(steps, step)(job())
        return steps.record_run(job(), summaries, dag_run_id=plan.run_id)

    return run


def set_faults(sim: RunningSimulator, spec: str) -> None:
    sim.set_faults(FaultSpec.parse(spec))
