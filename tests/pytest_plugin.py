"""The suite's shared fixtures, registered by the top-level ``conftest.py``.

A fixture lives here when tests of more than one directory use it; one directory's own
fixtures stay in that directory's ``conftest.py``, and plain helpers live in modules that
are neither (``harness.py``, ``truth.py``, ``cataloged.py``, a directory's ``rows.py``).
Fixtures that need ``tests.harness`` import it when they run: it loads Airflow, which tests
that never touch Airflow should not wait for.
"""

from __future__ import annotations

import functools
import itertools
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread
from openai_connector.workspaces import WORKSPACES_VARIABLE
from tests.catalog.rows import MessageFactory, message_row
from tests.cataloged import CONN_ID
from tests.postgres.cluster import PostgresCluster, server_bin

if TYPE_CHECKING:
    from tests.harness import RunWorkspace

_database_numbers = itertools.count(1)


# -- the simulated workspace ---------------------------------------------------------------


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    """What ``sim`` and ``module_sim`` serve: the small workspace of seed 5. A directory or
    module whose tests were written against another workspace overrides this fixture only."""
    return SimulatorConfig(seed=5, scale="small")


@pytest.fixture
def sim(sim_config: SimulatorConfig) -> Iterator[RunningSimulator]:
    """A simulated workspace on loopback of the test's own: it may delete, add or fail."""
    with serve_in_thread(sim_config) as running:
        yield running


@pytest.fixture(scope="module")
def module_sim(sim_config: SimulatorConfig) -> Iterator[RunningSimulator]:
    """One simulated workspace for every test of a module, for tests that only read it."""
    with serve_in_thread(sim_config) as running:
        yield running


@pytest.fixture
def run_workspace(sim: RunningSimulator, store: CatalogStore) -> RunWorkspace:
    """Run every step of one workspace run, as the DAG does, and return its ``runs`` summary."""
    from tests.harness import run_steps, workspace_settings

    return functools.partial(run_steps, workspace_settings(sim), store)


# -- the catalog ---------------------------------------------------------------------------


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture
def store(warehouse: Path) -> CatalogStore:
    """An empty catalog of the test's own (SQLite catalog file, local warehouse)."""
    return CatalogStore(CatalogConfig(str(warehouse)))


@pytest.fixture
def message() -> MessageFactory:
    """Builds messages rows: ``message("m1", text="…")`` overrides or adds columns."""
    return message_row


@pytest.fixture
def racing_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold each thread's first commit until the other thread reached its first commit too,
    so both commit on the same base snapshot and exactly one of them must retry."""
    from pyiceberg.table import Transaction  # only the tests that race load pyiceberg here

    barrier = threading.Barrier(2, timeout=30)
    waited: set[int] = set()
    original = Transaction.commit_transaction

    def commit_together(self: Transaction) -> object:
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            barrier.wait()
        return original(self)

    monkeypatch.setattr(Transaction, "commit_transaction", commit_together)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """One PostgreSQL cluster for the session (skips when the server is not installed)."""
    bin_dir = server_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries missing: `make system-deps` installs postgresql")
    cluster = PostgresCluster.create(bin_dir).start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def new_database(postgres: PostgresCluster) -> Callable[[str], str]:
    """``new_database("catalog")`` creates an empty database and returns its URL."""
    return lambda label: postgres.create_database(f"{label}_{next(_database_numbers)}")


# -- a cataloged workspace, read by the reporting and UI tests ----------------------------


@pytest.fixture(scope="module")
def cataloged_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cataloged") / "warehouse"


@pytest.fixture(scope="module")
def cataloged_store(module_sim: RunningSimulator, cataloged_warehouse: Path) -> CatalogStore:
    """The catalog after one full run of ``module_sim``, as the DAG runs it, once per module:
    its readers only read."""
    from tests.harness import run_steps, workspace_settings

    catalog = CatalogStore(CatalogConfig(warehouse=str(cataloged_warehouse)))
    run_steps(workspace_settings(module_sim), catalog, conn_id=CONN_ID)
    return catalog


@pytest.fixture
def airflow_env(
    module_sim: RunningSimulator,
    cataloged_warehouse: Path,
    cataloged_store: CatalogStore,
    monkeypatch: pytest.MonkeyPatch,
) -> dict[str, str]:
    """The cataloged workspace's warehouse, connection and enrolled list, as a deployment
    configures them (environment); also applied to this process."""
    from tests.harness import connection_json

    env = {
        "OPENAI_CONNECTOR_WAREHOUSE": str(cataloged_warehouse),
        f"AIRFLOW_CONN_{CONN_ID.upper()}": connection_json(module_sim),
        f"AIRFLOW_VAR_{WORKSPACES_VARIABLE.upper()}": json.dumps([CONN_ID]),
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env
