"""Airflow on PostgreSQL: the real scheduler (LocalExecutor) runs two workspace DAGs at once,
both landing in one Iceberg catalog whose SQL catalog is on PostgreSQL too."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify.config import usable_cores
from openai_connector.pipeline.job import MESSAGES_STREAM
from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread
from tests.harness import connection
from tests.live.stack import AirflowStack, classifier_pools

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
CONN_IDS = ("alpha", "beta")


def dag_id(conn_id: str) -> str:
    return f"openai_compliance__{conn_id}"


@pytest.fixture(scope="module")
def sims() -> Iterator[dict[str, RunningSimulator]]:
    with ExitStack() as running:
        yield {
            conn_id: running.enter_context(serve_in_thread(SimulatorConfig(seed=seed)))
            for seed, conn_id in enumerate(CONN_IDS, start=31)
        }


@pytest.fixture(scope="module")
def stack(
    sims: dict[str, RunningSimulator],
    new_database: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[AirflowStack]:
    home = Path(tmp_path_factory.mktemp("airflow-postgres"))
    running = AirflowStack(
        home=home,
        connections={conn_id: connection(sim) for conn_id, sim in sims.items()},
        workspaces=[{"conn_id": conn_id, "retries": 0} for conn_id in CONN_IDS],
        database_url=new_database("airflow"),
        extra_env={
            "OPENAI_CONNECTOR_CATALOG_URI": new_database("catalog"),
            "AIRFLOW__CORE__PARALLELISM": "4",  # both DAGs' tasks run side by side
        },
    ).start()
    try:
        yield running
    finally:
        running.stop()


def test_two_workspace_dags_at_once_both_land_everything(
    sims: dict[str, RunningSimulator], stack: AirflowStack
) -> None:
    for conn_id in CONN_IDS:
        stack.wait_for_dag(dag_id(conn_id))
    # One command unpauses both, so the scheduler creates their runs in the same loop.
    workspace_dags = "^openai_compliance__(" + "|".join(CONN_IDS) + ")$"
    stack.airflow("dags", "unpause", "--treat-dag-id-as-regex", "--yes", workspace_dags)

    # Only the first run of each is checked: a test crossing the top of the hour sees the
    # scheduler start the next hourly run too.
    for conn_id in CONN_IDS:
        runs = stack.wait_for_runs(dag_id(conn_id), 1)
        assert [run[1:3] for run in runs[:1]] == [("scheduled", "success")], stack.task_log_text()
    (first_start, first_end), (second_start, second_end) = (
        stack.rows(
            "select start_date, end_date from dag_run where dag_id = ? "
            "order by data_interval_start",
            dag_id(conn_id),
        )[0]
        for conn_id in CONN_IDS
    )
    assert first_start < second_end
    assert second_start < first_end  # the two runs overlapped in time

    store = CatalogStore(
        CatalogConfig(
            warehouse=stack.env["OPENAI_CONNECTOR_WAREHOUSE"],
            catalog_uri=stack.env["OPENAI_CONNECTOR_CATALOG_URI"],
        )
    )
    for sim in sims.values():
        truth = sim.truth().to_dict()
        for table, column, objects in (
            ("messages", "message_id", "messages"),
            ("files", "file_id", "files"),
            ("conversations", "conversation_id", "conversations"),
        ):
            landed = store.read(table, f"workspace_id = '{sim.workspace_id}'", [column])
            assert sorted(landed.column(0).to_pylist()) == sorted(o["id"] for o in truth[objects])
        assert MESSAGES_STREAM in store.get_watermarks(sim.workspace_id)
    logs = stack.task_log_text()
    assert "CommitConflictError" not in logs
    # No process count configured: a task classifies on one worker process per core.
    assert classifier_pools(logs) == {usable_cores()} - {1}
    assert not [sim for sim in sims.values() if sim.keys.read in logs]
    outcomes = store.read("runs", columns=["workspace_id", "outcome"]).to_pylist()
    assert {(row["workspace_id"], row["outcome"]) for row in outcomes} == {
        (sim.workspace_id, "success") for sim in sims.values()
    }
