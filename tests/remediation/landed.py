"""One real extraction run of a seeded simulator, landed once and restored into fresh catalogs.

Deleting mutates the simulator, so every test gets its own simulator of the same seed (the
same ids) and its own catalog restored from this snapshot, without re-running Presidio.
"""

from __future__ import annotations

import functools
import tempfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from openai_connector.api import ComplianceClient, RateLimits, WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import get_classifier
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window
from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread
from tests.pipeline.conftest import FAST_RETRY

if TYPE_CHECKING:
    import pyarrow as pa

SEED = 5
TABLES = ("conversations", "messages", "files", "findings", "users", "gpts", "projects")


def simulator() -> RunningSimulator:
    """A fresh simulator of the seed the snapshot was taken from."""
    return serve_in_thread(SimulatorConfig(seed=SEED, scale="small"))


def settings(sim: RunningSimulator, api_key: str) -> WorkspaceSettings:
    return WorkspaceSettings(
        workspace_id=sim.workspace_id,
        organization_id=sim.organization_id,
        api_key=api_key,
        base_url=sim.base_url,
        workspace_name=sim.workspace_name,
    )


@functools.cache
def landed_tables() -> dict[str, pa.Table]:
    """Every pipeline step against the simulator with a read key, as the workspace DAG runs."""
    with simulator() as sim, tempfile.TemporaryDirectory() as warehouse:
        store = CatalogStore(CatalogConfig(warehouse=warehouse))
        read = settings(sim, sim.keys.read)
        now = datetime.now(UTC)
        window = resolve_window(
            now=now, watermark=None, since=None, until=None, backfill_interval=None
        )
        plan = RunPlan.create(
            run_id="extract/1", conn_id="test", workspace_id=sim.workspace_id,
            window=window, started_at=now,
        )  # fmt: skip
        for step in steps.STEPS:
            job = WorkspaceJob(
                plan=plan,
                settings=read,
                catalog=store,
                client_factory=lambda: ComplianceClient(
                    read, retry=FAST_RETRY, rate_limits=RateLimits.unlimited()
                ),
                classifier_factory=get_classifier,
            )
            getattr(steps, step)(job)
        return {table: store.read(table) for table in TABLES}


def restore(store: CatalogStore) -> None:
    """Land the snapshot into ``store`` (an empty catalog)."""
    for table, rows in landed_tables().items():
        store.upsert(table, rows)
