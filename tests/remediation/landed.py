"""One real extraction run of a seeded simulator, landed once and restored into fresh catalogs.

Deleting mutates the simulator, so every test gets its own simulator of the same seed (the
same ids) and its own catalog restored from this snapshot, without re-running Presidio.
"""

from __future__ import annotations

import functools
import tempfile
from typing import TYPE_CHECKING

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread
from tests.harness import run_steps, workspace_settings

if TYPE_CHECKING:
    import pyarrow as pa

SEED = 5
CONFIG = SimulatorConfig(seed=SEED, scale="small")
"""The simulator the snapshot was taken from."""
TABLES = ("conversations", "messages", "files", "findings", "users", "gpts", "projects")


def simulator() -> RunningSimulator:
    """A fresh simulator of the seed the snapshot was taken from."""
    return serve_in_thread(CONFIG)


@functools.cache
def landed_tables() -> dict[str, pa.Table]:
    """Every pipeline step against the simulator with a read key, as the workspace DAG runs."""
    with simulator() as sim, tempfile.TemporaryDirectory() as warehouse:
        store = CatalogStore(CatalogConfig(warehouse=warehouse))
        run_steps(workspace_settings(sim), store, conn_id="extract")
        return {table: store.read(table) for table in TABLES}


def restore(store: CatalogStore) -> None:
    """Land the snapshot into ``store`` (an empty catalog)."""
    for table, rows in landed_tables().items():
        store.upsert(table, rows)
