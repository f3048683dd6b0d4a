"""A real scheduler runs the workspace DAG: a scheduled run, then ``airflow backfill create``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.pipeline.job import MESSAGES_STREAM
from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.harness import connection

from .stack import AirflowStack

CONN_ID = "live"
DAG_ID = f"openai_compliance__{CONN_ID}"
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=11, scale="small")


@pytest.fixture(scope="module")
def stack(
    module_sim: RunningSimulator, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AirflowStack]:
    running = AirflowStack(
        home=Path(tmp_path_factory.mktemp("airflow-live")),
        connections={CONN_ID: connection(module_sim)},
        workspaces=[{"conn_id": CONN_ID, "retries": 0}],
    ).start()
    try:
        yield running
    finally:
        running.stop()


def busiest_hour(sim: RunningSimulator) -> datetime:
    """The start of the hour with the most messages, so the backfill has work to do."""
    hours = Counter(
        datetime.fromisoformat(message["created_at"]).replace(minute=0, second=0, microsecond=0)
        for message in sim.truth().to_dict()["messages"]
    )
    return hours.most_common(1)[0][0]


def test_backfill_under_the_scheduler_reextracts_its_window_only(
    module_sim: RunningSimulator, stack: AirflowStack
) -> None:
    stack.wait_for_dag(DAG_ID)
    stack.airflow("dags", "unpause", DAG_ID)
    scheduled = stack.wait_for_runs(DAG_ID, 1)
    assert [run[1:3] for run in scheduled] == [("scheduled", "success")], stack.task_log_text()

    store = CatalogStore(CatalogConfig(warehouse=stack.env["OPENAI_CONNECTOR_WAREHOUSE"]))
    truth = module_sim.truth().to_dict()
    assert sorted(store.read("messages", columns=["message_id"]).column(0).to_pylist()) == sorted(
        message["id"] for message in truth["messages"]
    )
    watermark = store.get_watermarks(module_sim.workspace_id)[MESSAGES_STREAM]

    start = busiest_hour(module_sim)
    stack.airflow(
        "backfill", "create", "--dag-id", DAG_ID,
        "--from-date", start.isoformat(), "--to-date", (start + timedelta(hours=1)).isoformat(),
        "--max-active-runs", "1",
    )  # fmt: skip
    runs = stack.wait_for_runs(DAG_ID, 3)
    backfills = [run for run in runs if run[1] == "backfill"]
    assert [run[2] for run in backfills] == ["success", "success"], stack.task_log_text()

    window_end = start + timedelta(hours=2)
    in_window = {
        message["id"]
        for message in truth["messages"]
        if start < datetime.fromisoformat(message["created_at"]) < window_end
    }
    relanded = (
        store.query("select message_id from messages where run_id like '%backfill%'")
        .column(0)
        .to_pylist()
    )
    assert in_window
    assert sorted(relanded) == sorted(in_window)
    assert store.count("messages") == len(truth["messages"])
    assert store.get_watermarks(module_sim.workspace_id)[MESSAGES_STREAM] == watermark

    modes = store.query(
        "select mode, window_start, window_end from runs where mode = 'backfill' "
        "order by window_start"
    ).to_pylist()
    assert [(row["window_start"], row["window_end"]) for row in modes] == [
        (start.astimezone(UTC), start + timedelta(hours=1)),
        (start + timedelta(hours=1), window_end),
    ]
