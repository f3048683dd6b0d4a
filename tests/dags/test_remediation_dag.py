"""The remediation DAGs under real Airflow: one manual DAG per workspace, and whole runs."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogStore
from openai_connector.simulator import RunningSimulator
from tests.harness import deploy
from tests.harness import parse_dags as parse
from tests.remediation.landed import restore, simulator

PARAMS = {"dry_run", "confirm", "min_severity", "entity_types", "targets", "max_deletions"}


def test_one_manual_remediation_dag_per_listed_workspace(monkeypatch) -> None:
    bag = parse(monkeypatch, '["acme", {"conn_id": "beta", "pool": "beta_pool"}]')
    assert bag.import_errors == {}
    assert {"openai_compliance_remediate__acme", "openai_compliance_remediate__beta"} <= set(
        bag.dags
    )
    dag = bag.dags["openai_compliance_remediate__beta"]
    assert type(dag.timetable).__name__ == "NullTimetable"  # schedule=None: manual only
    assert dag.max_active_runs == 1
    assert "remediation" in dag.tags
    assert set(dag.params) == PARAMS
    defaults = dag.params.dump()
    assert (defaults["dry_run"], defaults["min_severity"], defaults["max_deletions"]) == (
        True,
        "critical",
        100,
    )
    assert dag.params.get_param("min_severity").schema["enum"] == [
        "low",
        "medium",
        "high",
        "critical",
    ]
    assert all(param.description for param in dag.params.values())
    (task,) = dag.tasks
    assert (task.task_id, task.retries, task.pool) == ("remediate", 0, "beta_pool")


@pytest.fixture
def remediation(
    airflow_db,
    monkeypatch,
    tmp_path,
) -> Iterator[tuple[RunningSimulator, CatalogStore, object]]:
    with simulator() as sim:
        deployed = deploy(
            monkeypatch, sim, str(tmp_path / "warehouse"), api_key=sim.keys.read_delete
        )
        restore(deployed.store)
        yield sim, deployed.store, deployed.remediation_dag


def test_dry_run_with_real_airflow_audits_the_plan_and_deletes_nothing(remediation) -> None:
    sim, store, dag = remediation
    run = dag.test()
    assert run.state == "success"
    assert [r for r in sim.request_log() if r.method == "DELETE"] == []
    rows = store.read("remediation_actions").to_pylist()
    assert rows
    assert {(r["status"], r["dry_run"]) for r in rows} == {("planned", True)}
    assert {r["run_id"] for r in rows} == {f"simulated/remediate/{run.run_id}"}
    assert all(r["triggered_by"].startswith("airflow:dag_test (manual") for r in rows)


def test_the_task_log_and_the_command_line_show_the_same_plan_lines(
    remediation, capfd, caplog
) -> None:
    """Each target line whole and with the same masked previews, in the log and the CLI."""
    _, _, dag = remediation
    with caplog.at_level(logging.INFO, logger="openai_connector"):
        assert dag.test().state == "success"
    log = "".join(capfd.readouterr()) + "\n".join(r.getMessage() for r in caplog.records)
    cli = subprocess.run(
        [str(Path(sys.executable).parent / "openai-connector"), "remediate", "simulated"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    target = r"(  (?:conversation|user_file|gpt_file|project_file|\w+_sharing) +\S+  .*?-> planned)"
    logged = sorted(set(re.findall(target, log)))
    printed = sorted(line for line in cli.splitlines() if line.endswith("-> planned"))
    assert logged, log[-3000:]
    assert logged == printed


def test_unconfirmed_execution_fails_the_run_and_deletes_nothing(remediation, capfd) -> None:
    sim, store, dag = remediation
    run = dag.test(run_conf={"dry_run": False, "confirm": "not the workspace"})
    assert run.state == "failed"
    out, err = capfd.readouterr()
    assert "Remediation refused: Executing needs confirm set to the workspace's" in out + err
    assert sim.keys.read_delete not in out + err
    assert [r for r in sim.request_log() if r.method == "DELETE"] == []
    statuses = {r["status"] for r in store.read("remediation_actions").to_pylist()}
    assert statuses == {"blocked"}
