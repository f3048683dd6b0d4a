"""A run killed by SIGKILL at any point, then run again, lands exactly what a clean run lands.

Each case runs the workspace in a child process that kills itself at one point of the
pipeline (see ``crash_runner``), then runs it again here, in the same warehouse, and
compares the catalog row for row, by key, with a clean run's catalog of the same simulated
workspace. Real simulator over loopback, real Presidio, real Iceberg.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.catalog.schema import table_spec
from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.harness import run_steps, workspace_settings
from tests.paths import REPO
from tests.reliability.crash_runner import CrashPoint

pytestmark = pytest.mark.slow

TABLES = ("conversations", "messages", "files", "findings", "users", "gpts", "projects")
#: Columns two correct runs of the same workspace may fill differently.
VOLATILE_COLUMNS = {
    # Every table: which run last wrote the row, and when.
    "*": ("run_id", "ingested_at"),
    # When a run first saw the file referenced, and when it downloaded it.
    "files": ("first_seen_at", "fetched_at"),
    # When a run classified the text the finding is in.
    "findings": ("detected_at",),
}
CHILD_TIMEOUT_SECONDS = 120

CRASH_POINTS = [
    pytest.param(
        CrashPoint("openai_connector.api.client.ComplianceClient.download_log_file", 12),
        id="extraction",
    ),
    pytest.param(
        # Calls 1 and 2 classify GPT and project instructions; 4 is the second message batch.
        CrashPoint("openai_connector.classify.analysis.TextAnalyzer.analyze", 4),
        id="classification",
    ),
    pytest.param(
        # The second batch's messages and findings are committed, its conversations are not.
        CrashPoint("openai_connector.pipeline.landing.land_conversations", 2),
        id="landing",
    ),
    pytest.param(
        # The second batch is fully committed; its watermark update is not.
        CrashPoint("openai_connector.pipeline.landing.land_message_batch", 2, "after"),
        id="between-landing-and-watermark",
    ),
    pytest.param(
        # Files are fetched two at a time and landed in fives: the eighth fetch dies with a
        # download in flight and files fetched but not landed (some may be landed).
        CrashPoint("openai_connector.api.client.ComplianceClient.fetch_file", 8),
        id="file-processing",
    ),
]


@dataclass(frozen=True)
class Snapshot:
    """What a comparison looks at: each table's stable columns by key, and the watermarks."""

    tables: dict[str, dict[tuple[str, ...], dict[str, Any]]]
    watermarks: dict[str, datetime]


def snapshot(store: CatalogStore, workspace_id: str) -> Snapshot:
    return Snapshot(
        {table: rows_by_key(store, table) for table in TABLES},
        store.get_watermarks(workspace_id),
    )


def rows_by_key(store: CatalogStore, table: str) -> dict[tuple[str, ...], dict[str, Any]]:
    """The table's rows by key, without volatile columns; a key stored twice fails here."""
    key = table_spec(table).key
    dropped = set(VOLATILE_COLUMNS["*"]) | set(VOLATILE_COLUMNS.get(table, ()))
    rows: dict[tuple[str, ...], dict[str, Any]] = {}
    for row in store.read(table).to_pylist():
        row_key = tuple(row[column] for column in key)
        assert row_key not in rows, f"{table}: key {row_key} stored twice"
        rows[row_key] = {name: value for name, value in row.items() if name not in dropped}
    return rows


def store_at(warehouse: Path) -> CatalogStore:
    return CatalogStore(CatalogConfig(warehouse=str(warehouse)))


def crash(sim: RunningSimulator, warehouse: Path, point: CrashPoint) -> None:
    """Run the workspace in a child process that SIGKILLs itself at ``point``."""
    spec = {
        "settings": asdict(workspace_settings(sim)),
        "warehouse": str(warehouse),
        "crash": asdict(point),
    }
    child = subprocess.run(
        [sys.executable, "-m", "tests.reliability.crash_runner"],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=CHILD_TIMEOUT_SECONDS,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, (
        f"the run did not die {point} (exit code {child.returncode}):\n{child.stderr[-3000:]}"
    )


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=23, scale="small")


@pytest.fixture(scope="module")
def clean(module_sim: RunningSimulator, tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    """The catalog of one uninterrupted run (default batch sizes)."""
    store = store_at(tmp_path_factory.mktemp("clean") / "warehouse")
    assert run_steps(workspace_settings(module_sim), store)["outcome"] == "success"
    return snapshot(store, module_sim.workspace_id)


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_run_after_a_crash_lands_what_a_clean_run_lands(
    point: CrashPoint, module_sim: RunningSimulator, clean: Snapshot, tmp_path: Path
) -> None:
    warehouse = tmp_path / "warehouse"
    crash(module_sim, warehouse, point)
    store = store_at(warehouse)
    assert snapshot(store, module_sim.workspace_id) != clean, "the crash left nothing to recover"

    assert run_steps(workspace_settings(module_sim), store)["outcome"] == "success"

    after = snapshot(store, module_sim.workspace_id)
    for table in TABLES:
        assert after.tables[table] == clean.tables[table], f"{table} differs from a clean run"
    assert after.watermarks == clean.watermarks
