"""The DAG file under real Airflow: parsing, and whole runs with ``dag.test()``."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from openai_connector.classify import Finding
from openai_connector.dag_factory import TASK_TIMEOUT
from openai_connector.simulator import RunningSimulator
from tests.harness import connection_json, deploy, fast_client, parse_dags, workspace_settings
from tests.truth import assert_equals_truth, counts

parse = parse_dags


def test_one_dag_per_listed_workspace(monkeypatch) -> None:
    bag = parse(
        monkeypatch,
        '["acme", {"conn_id": "beta", "schedule": "*/30 * * * *", "pool": "openai_beta"}]',
    )
    assert bag.import_errors == {}
    assert sorted(bag.dags) == [
        "openai_compliance__acme",
        "openai_compliance__beta",
        "openai_compliance_remediate__acme",
        "openai_compliance_remediate__beta",
    ]
    dag = bag.dags["openai_compliance__beta"]
    assert (dag.max_active_runs, dag.max_active_tasks) == (1, 2)
    assert type(dag.timetable).__name__ == "CronDataIntervalTimetable"
    assert {"openai-compliance", "dlp"} <= set(dag.tags)
    assert set(dag.params) == {"since", "until", "users", "reclassify", "include_files"}
    assert {task.pool for task in dag.tasks} == {"openai_beta"}
    assert {task.pool for task in bag.dags["openai_compliance__acme"].tasks} == {"default_pool"}
    assert dag.doc_md
    assert dag.owner == "security-engineering"
    every_task = [task for dag in bag.dags.values() for task in dag.tasks]
    assert {task.execution_timeout for task in every_task} == {TASK_TIMEOUT}
    record = dag.get_task("record_run")
    assert {asset.name for asset in record.outlets} >= {"openai_compliance__beta__findings"}


def test_message_partitions_are_a_mapped_task_with_a_slot_each(monkeypatch) -> None:
    bag = parse(monkeypatch, '[{"conn_id": "acme", "partitions": 4}]')
    dag = bag.dags["openai_compliance__acme"]
    assert dag.max_active_tasks == 5  # four partitions beside the inventory
    messages = dag.get_task("sync_messages")
    assert type(messages).__name__.endswith("MappedOperator")
    assert {t.task_id for t in messages.upstream_list} == {"plan", "plan_partitions"}
    assert {t.task_id for t in messages.downstream_list} == {"finish_messages"}
    assert "up to 4 partitions" in dag.doc_md


@pytest.mark.parametrize("value", [None, "[]", "{broken", '[{"conn_id": "bad id"}]'])
def test_empty_or_malformed_list_builds_nothing(monkeypatch, caplog, value) -> None:
    with caplog.at_level(logging.ERROR):
        bag = parse(monkeypatch, value)
    assert bag.import_errors == {}
    assert bag.dags == {}
    if value not in (None, "[]"):
        assert "No OpenAI Compliance DAGs built" in caplog.text


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


def test_task_logs_show_the_plan_and_progress_without_library_chatter(
    airflow_db, tmp_path, sim: RunningSimulator
) -> None:
    """``airflow dags test``, as an operator runs it: the output is the task logs. Its tasks
    run in the ``airflow`` command's process, and classify on worker processes all the same."""
    env = {
        **os.environ,
        "AIRFLOW_CONN_SIMULATED": connection_json(sim),
        "AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES": json.dumps(["simulated"]),
        "OPENAI_CONNECTOR_WAREHOUSE": str(tmp_path / "warehouse"),
        "OPENAI_CONNECTOR_CLASSIFY_PROCESSES": "2",
    }
    run = subprocess.run(
        [str(Path(sys.executable).parent / "airflow"), "dags", "test",
         "openai_compliance__simulated"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    log = run.stdout + run.stderr
    assert run.returncode == 0, log[-3000:]
    assert "Defaulting to PyArrow FileIO" not in log
    assert "Loaded recognizer" not in log
    assert f"Plan for {sim.workspace_name}: scheduled run, records after " in log
    assert re.search(r"messages: [\d,]+ messages in [\d.]+s \([\d.,]+/s\) \(done\)", log)
    assert "Run simulated/manual__" in log
    assert re.search(r"Classifying on 2 worker processes \(pids \d+, \d+\)", log)


def test_reversed_window_fails_clearly_and_lands_nothing(workspace, capfd) -> None:
    _, store, dag = workspace
    run = dag.test(run_conf={"since": "2026-11-02T00:00:00Z", "until": "2026-11-01T00:00:00Z"})
    assert run.state == "failed"
    out, err = capfd.readouterr()
    expected = "Invalid run parameters: since (2026-11-02T00:00:00+00:00) must be before until"
    assert expected in out + err
    assert store.count("messages") == 0


def test_trigger_form_says_which_window_a_backfill_uses(monkeypatch) -> None:
    """The backfill dialog shows these params beside From/To: their help text decides."""
    bag = parse(monkeypatch, json.dumps(["acme"]))
    params = bag.dags["openai_compliance__acme"].params
    since, until = (params.get_param(name).description for name in ("since", "until"))
    assert "Ignored in a backfill: each backfill run extracts its own From/To interval" in since
    assert "720 for 30 days" in until


def test_backfill_run_plans_its_data_interval_without_moving_the_watermark(workspace) -> None:
    """What ``airflow backfill create`` hands a run: its run type and data interval."""
    from airflow.sdk.api.datamodels._generated import DagRunType

    from openai_connector.dag_tasks import plan_from_context
    from openai_connector.pipeline.job import RunPlan
    from openai_connector.workspaces import WorkspaceEntry

    sim, _, _ = workspace
    start = datetime(2026, 11, 20, tzinfo=UTC)
    dag_run = SimpleNamespace(run_type=DagRunType.BACKFILL, run_id="backfill__2026-11-20")
    context = {
        "params": {"since": None, "until": None, "users": [], "include_files": True},
        "dag_run": dag_run,
        "data_interval_start": start,
        "data_interval_end": start + timedelta(hours=1),
    }
    plan = plan_from_context(WorkspaceEntry("simulated"), context)
    assert (plan["mode"], plan["after"], plan["until"]) == (
        "backfill",
        "2026-11-20T00:00:00+00:00",
        "2026-11-20T01:00:00+00:00",
    )
    assert plan["workspace_id"] == sim.workspace_id
    assert not RunPlan.from_dict(plan).window.moves_watermark
    assert sim.keys.read not in json.dumps(plan)
    recorded = RunPlan.from_dict(plan).settings  # how the machine was configured, no secret
    assert recorded["OPENAI_CONNECTOR_WAREHOUSE"] == os.environ["OPENAI_CONNECTOR_WAREHOUSE"]
    assert recorded["OPENAI_CONNECTOR_CLASSIFY_PROCESSES"] == 1

    dag_run.run_type = DagRunType.SCHEDULED
    assert plan_from_context(WorkspaceEntry("simulated"), context)["mode"] == "scheduled"


def test_a_failed_partition_holds_the_watermark_at_the_landed_files_and_a_rerun_lands_all(
    airflow_db, monkeypatch, tmp_path, sim: RunningSimulator
) -> None:
    """Two partitions: the second fails, the first lands; the watermark covers the first
    partition's files only, until a later run has landed the rest."""
    from openai_connector.pipeline import steps
    from openai_connector.pipeline.job import MESSAGES_STREAM

    deployed = deploy(monkeypatch, sim, str(tmp_path / "warehouse"), entry={"partitions": 2})
    store, dag = deployed.store, deployed.workspace_dag
    original = steps._sync_message_logs

    def second_partition_fails(job, client) -> None:
        if job.partition.index == 1:
            raise RuntimeError("worker lost")
        original(job, client)

    monkeypatch.setattr(steps, "_sync_message_logs", second_partition_fails)
    failed = dag.test()
    assert failed.state == "failed"
    states = {(ti.task_id, ti.map_index): ti.state for ti in failed.get_task_instances()}
    assert states[("sync_messages", 0)] == "success"
    assert states[("sync_messages", 1)] == "failed"
    assert states[("finish_messages", -1)] == "upstream_failed"
    with fast_client(workspace_settings(sim)) as client:
        ends = [
            log_file.end_time
            for log_file in client.iter_log_files(
                MESSAGES_STREAM, after=datetime(2000, 1, 1, tzinfo=UTC)
            )
        ]
    # The first partition's files all landed, so the watermark covers them and no more.
    watermark = store.get_watermarks(sim.workspace_id)[MESSAGES_STREAM]
    assert watermark in ends
    assert watermark < ends[-1]
    truth_messages = len(sim.truth().to_dict()["messages"])
    assert 0 < store.count("messages") < truth_messages

    monkeypatch.setattr(steps, "_sync_message_logs", original)
    assert dag.test().state == "success"
    assert_equals_truth(sim, store)
    assert store.get_watermarks(sim.workspace_id)[MESSAGES_STREAM] == ends[-1]
    runs = sorted(store.read("runs").to_pylist(), key=lambda run: run["started_at"])
    assert [run["outcome"] for run in runs] == ["failed", "success"]
    assert runs[0]["error"].startswith("failed steps: sync_files, sync_messages.")
    assert json.loads(runs[1]["records"])["log_files"] >= 2


def test_tasks_classify_on_the_workers_cores_and_land_what_one_process_lands(
    airflow_db, monkeypatch, tmp_path, caplog, sim: RunningSimulator
) -> None:
    """No process count configured: each task classifies on worker processes, one per core
    of the Airflow worker (two here), stopped when its work is done; the catalog is the one
    a run on one process lands."""
    import psutil

    finding_columns = [field.name for field in dataclasses.fields(Finding)]
    findings = {}
    for processes in ("1", None):
        if processes is None:
            monkeypatch.delenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES")
            monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 1}, raising=False)
        else:
            monkeypatch.setenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", processes)
        deployed = deploy(monkeypatch, sim, str(tmp_path / f"warehouse-{processes or 'cores'}"))
        with caplog.at_level(logging.INFO, logger="openai_connector.classify.parallel"):
            assert deployed.workspace_dag.test().state == "success"
        assert_equals_truth(sim, deployed.store)
        rows = deployed.store.read("findings", columns=finding_columns).to_pylist()
        findings[processes] = sorted(rows, key=lambda row: row["finding_id"])

    assert findings["1"] == findings[None]
    assert len(findings[None]) > 0
    started = re.findall(r"Classifying on 2 worker processes \(pids (\d+), (\d+)\)", caplog.text)
    assert started  # the messages task and the files task at least (the inventory's too)
    pids = {int(pid) for pair in started for pid in pair}
    assert [pid for pid in pids if psutil.pid_exists(pid)] == []  # stopped with their task
