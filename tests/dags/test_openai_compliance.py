"""The DAG file under real Airflow: parsing, and whole runs with ``dag.test()``."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from airflow.dag_processing.dagbag import DagBag

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread
from tests.conftest import REPO
from tests.pipeline.test_steps import assert_equals_truth, counts

HEAVY = ("presidio_analyzer", "spacy", "pyiceberg", "pandas")


def parse(monkeypatch: pytest.MonkeyPatch, workspaces: str | None) -> DagBag:
    if workspaces is None:
        monkeypatch.delenv("AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES", raising=False)
    else:
        monkeypatch.setenv("AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES", workspaces)
    return DagBag(dag_folder=str(REPO / "dags"))


def test_one_dag_per_listed_workspace(monkeypatch) -> None:
    bag = parse(monkeypatch, '["acme", {"conn_id": "beta", "schedule": "*/30 * * * *"}]')
    assert bag.import_errors == {}
    assert sorted(bag.dags) == ["openai_compliance__acme", "openai_compliance__beta"]
    dag = bag.dags["openai_compliance__beta"]
    assert dag.max_active_runs == 1
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert {"openai-compliance", "dlp"} <= set(dag.tags)
    assert set(dag.params) == {"since", "until", "users", "reclassify", "include_files"}
    assert {task.pool for task in dag.tasks} == {"openai_compliance__beta"}
    assert dag.doc_md
    assert dag.owner == "security-engineering"
    record = dag.get_task("record_run")
    assert {asset.name for asset in record.outlets} >= {"openai_compliance__beta__findings"}


@pytest.mark.parametrize("value", [None, "[]", "{broken", '[{"conn_id": "bad id"}]'])
def test_empty_or_malformed_list_builds_nothing(monkeypatch, caplog, value) -> None:
    with caplog.at_level(logging.ERROR):
        bag = parse(monkeypatch, value)
    assert bag.import_errors == {}
    assert bag.dags == {}
    if value not in (None, "[]"):
        assert "No OpenAI Compliance DAGs built" in caplog.text


def test_parsing_imports_nothing_heavy() -> None:
    """Checked in a fresh interpreter, as the DAG processor would parse the file."""
    script = (
        "import sys, runpy\n"
        "runpy.run_path(sys.argv[1])\n"
        f"print('heavy:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES": '["a", "b", "c"]'}
    out = subprocess.run(
        [sys.executable, "-c", script, str(REPO / "dags" / "openai_compliance.py")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "heavy:\n" in out


@pytest.fixture(scope="module")
def airflow_db() -> None:
    airflow = Path(sys.executable).parent / "airflow"
    subprocess.run([str(airflow), "db", "migrate"], check=True, capture_output=True)


@pytest.fixture
def workspace(
    airflow_db, monkeypatch, tmp_path
) -> Iterator[tuple[RunningSimulator, CatalogStore, object]]:
    with serve_in_thread(SimulatorConfig(seed=9, scale="small")) as sim:
        conn = {
            "conn_type": "openai_compliance",
            "host": sim.base_url,
            "password": sim.keys.read,
            "extra": {
                "workspace_id": sim.workspace_id,
                "organization_id": sim.organization_id,
                "workspace_name": sim.workspace_name,
            },
        }
        monkeypatch.setenv("AIRFLOW_CONN_SIMULATED", json.dumps(conn))
        monkeypatch.setenv("OPENAI_CONNECTOR_WAREHOUSE", str(tmp_path / "warehouse"))
        bag = parse(monkeypatch, '[{"conn_id": "simulated", "retries": 0}]')
        store = CatalogStore(CatalogConfig.from_env())
        yield sim, store, bag.dags["openai_compliance__simulated"]


def test_scheduled_then_window_run_with_real_airflow(workspace) -> None:
    sim, store, dag = workspace
    first = dag.test()
    assert first.state == "success"
    assert_equals_truth(sim, store)
    landed = counts(store)
    runs = store.read("runs").to_pylist()
    assert [(r["mode"], r["outcome"]) for r in runs] == [("scheduled", "success")]
    assert json.loads(runs[0]["records"])["messages"] == landed["messages"]

    window = dag.test(run_conf={"since": "2026-01-01T00:00:00Z", "until": None, "reclassify": True})
    assert window.state == "success"
    assert counts(store) == landed


def test_reversed_window_fails_clearly_and_lands_nothing(workspace, capfd) -> None:
    _, store, dag = workspace
    run = dag.test(run_conf={"since": "2026-11-02T00:00:00Z", "until": "2026-11-01T00:00:00Z"})
    assert run.state == "failed"
    out, err = capfd.readouterr()
    expected = "Invalid run parameters: since (2026-11-02T00:00:00+00:00) must be before until"
    assert expected in out + err
    assert store.count("messages") == 0
