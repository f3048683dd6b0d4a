"""The remediation DAGs under real Airflow: one manual DAG per workspace, and whole runs."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.simulator import RunningSimulator
from tests.dags.test_openai_compliance import airflow_db, parse  # noqa: F401 - fixture
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
    airflow_db,  # noqa: F811 - the migrated Airflow DB
    monkeypatch,
    tmp_path,
) -> Iterator[tuple[RunningSimulator, CatalogStore, object]]:
    with simulator() as sim:
        conn = {
            "conn_type": "openai_compliance",
            "host": sim.base_url,
            "password": sim.keys.read_delete,
            "extra": {
                "workspace_id": sim.workspace_id,
                "organization_id": sim.organization_id,
                "workspace_name": sim.workspace_name,
            },
        }
        monkeypatch.setenv("AIRFLOW_CONN_SIMULATED", json.dumps(conn))
        monkeypatch.setenv("OPENAI_CONNECTOR_WAREHOUSE", str(tmp_path / "warehouse"))
        store = CatalogStore(CatalogConfig.from_env())
        restore(store)
        bag = parse(monkeypatch, '["simulated"]')
        yield sim, store, bag.dags["openai_compliance_remediate__simulated"]


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
