"""Alerts end to end: the workspace DAG under real Airflow (``dag.test()``) against the
simulator, delivering to a loopback receiver that plays Slack, Teams, Splunk HEC and a
generic endpoint.

New critical findings reach each destination exactly once; a re-run (a window run with
``reclassify``) sends nothing; a destination that is down fails nothing, loses nothing and
is caught up by the next run; no raw planted value or e-mail address is in any payload; a
failed run notifies with its cause in one sentence.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_connector.alerts.formats import HEC_ENDPOINT
from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.cataloged import planted_values, raw_identities
from tests.harness import Deployment, deploy

from .receiver import Answer, Receiver, http_connection, receiving

SLACK_PATH = "/services/T0/B0/"
TEAMS_PATH = "/workflows/teams"
GENERIC_PATH = "/dlp-hook"
ROUTES = [
    {"destination": "dlp_slack", "format": "slack", "max_per_run": 5},
    {"destination": "dlp_teams", "format": "teams", "mode": "each", "max_per_run": 3},
    {"destination": "dlp_splunk", "format": "splunk_hec", "run_failures": False, "events": True},
    {"destination": "dlp_generic", "format": "json", "min_severity": "high", "max_per_run": 40},
]


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=7, scale="small")


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[Receiver]:
    """The four destinations as Airflow ``http`` connections, secrets built at run time."""
    with receiving() as receiver:
        slack_path = SLACK_PATH + secrets.token_hex(6)
        receiver.slack_path = slack_path  # type: ignore[attr-defined]
        connections = {
            "DLP_SLACK": http_connection(receiver.url, password=slack_path),
            "DLP_TEAMS": http_connection(receiver.url, password=TEAMS_PATH),
            "DLP_SPLUNK": http_connection(receiver.url, password=secrets.token_hex(16)),
            "DLP_GENERIC": http_connection(receiver.url + GENERIC_PATH, timeout=2),
        }
        for conn_id, value in connections.items():
            monkeypatch.setenv(f"AIRFLOW_CONN_{conn_id}", value)
        yield receiver


@pytest.fixture
def deployed(
    airflow_db: None,
    sim: RunningSimulator,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Deployment:
    monkeypatch.setenv("AIRFLOW__API__BASE_URL", "https://airflow.example.com")
    return deploy(monkeypatch, sim, str(tmp_path / "warehouse"), entry={"alerts": ROUTES})


def findings_at_or_above(deployed: Deployment, severities: set[str]) -> set[str]:
    rows = deployed.store.read("findings", columns=["finding_id", "severity"]).to_pylist()
    return {row["finding_id"] for row in rows if row["severity"] in severities}


def hec_events(receiver: Receiver, sourcetype: str) -> list[dict[str, Any]]:
    lines = [line for r in receiver.at(HEC_ENDPOINT) for line in r.json_lines()]
    return [line["event"] for line in lines if line["sourcetype"] == sourcetype]


def hec_finding_ids(receiver: Receiver) -> list[str]:
    return [e["finding_id"] for e in hec_events(receiver, "openai:compliance:finding")]


def outbox(deployed: Deployment) -> list[dict[str, Any]]:
    return deployed.store.read("alert_outbox").to_pylist()


def test_new_findings_once_rerun_none_and_masked(deployed: Deployment, receiver: Receiver) -> None:
    dag = deployed.workspace_dag
    assert dag.test().state == "success"
    critical = findings_at_or_above(deployed, {"critical"})
    high = findings_at_or_above(deployed, {"critical", "high"})
    assert critical, "the simulated workspace must hold critical findings"

    # The SIEM gets every critical finding as one event, exactly once, with its GPT/project.
    assert sorted(hec_finding_ids(receiver)) == sorted(critical)
    columns = ["finding_id", "gpt_id", "project_id"]
    attribution = {
        r["finding_id"]: r for r in deployed.store.read("findings", columns=columns).to_pylist()
    }
    events = hec_events(receiver, "openai:compliance:finding")
    for event in events:
        expected = attribution[event["finding_id"]]
        assert (event["gpt_id"], event["project_id"]) == (
            expected["gpt_id"],
            expected["project_id"],
        )
    assert any(event["gpt_id"] or event["project_id"] for event in events)
    # ... and every non-chat event the run landed, once, without its raw body.
    landed = deployed.store.read("events", columns=["event_id"]).column("event_id").to_pylist()
    forwarded = hec_events(receiver, "openai:compliance:event")
    assert landed
    assert sorted(e["event_id"] for e in forwarded) == sorted(landed)
    assert all("raw" not in e for e in forwarded)
    # Slack: one digest listing 5, counting the rest.
    (slack,) = receiver.at(receiver.slack_path)  # type: ignore[attr-defined]
    blocks = slack.json()["blocks"]
    assert sum(block["type"] == "section" for block in blocks) == min(5, len(critical))
    if len(critical) > 5:
        assert f"and {len(critical) - 5} more" in json.dumps(blocks)
    # Teams: one card per finding up to 3, the third counting the rest.
    assert len(receiver.at(TEAMS_PATH)) == min(3, len(critical))
    # Generic: high and critical, one digest.
    (generic,) = receiver.at(GENERIC_PATH)
    body = generic.json()
    assert len(body["findings"]) + body["more"] == len(high)
    # The outbox: one row per finding and destination, all settled.
    rows = outbox(deployed)
    assert len(rows) == 3 * len(critical) + len(high) + len(landed)
    assert {row["status"] for row in rows} <= {"sent", "summarized"}
    assert all(row["sent_at"] for row in rows)

    sent_before = len(receiver.requests)
    rerun = dag.test(run_conf={"since": "2026-01-01T00:00:00Z", "until": None, "reclassify": True})
    assert rerun.state == "success"
    assert len(receiver.requests) == sent_before, "a re-run must not alert again"
    assert len(outbox(deployed)) == len(rows)

    payloads = b"\n".join(request.body for request in receiver.requests).decode()
    leaked = {
        v for v in planted_values(deployed.sim) | raw_identities(deployed.sim) if v in payloads
    }
    assert leaked == set()
    assert "https://airflow.example.com/openai-connector/dlp?workspace=simulated" in payloads


def test_destination_down_loses_nothing_and_fails_nothing(
    deployed: Deployment, receiver: Receiver
) -> None:
    receiver.always = {path: Answer(503) for path in (HEC_ENDPOINT, GENERIC_PATH, TEAMS_PATH)}
    receiver.always[receiver.slack_path] = Answer(200, delay=5)  # type: ignore[attr-defined]
    monkey_timeout = http_connection(
        receiver.url,
        password=receiver.slack_path,
        timeout=0.5,  # type: ignore[attr-defined]
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AIRFLOW_CONN_DLP_SLACK", monkey_timeout)
        first = deployed.workspace_dag.test()
    assert first.state == "success", "a destination that is down must not fail the run"
    assert {ti.task_id: ti.state for ti in first.get_task_instances()}[
        "deliver_alerts"
    ] == "success"
    rows = outbox(deployed)
    assert rows
    assert {row["status"] for row in rows} <= {"failed", "queued"}
    assert {row["last_error"] for row in rows if row["status"] == "failed"} >= {"HTTP 503"}
    critical = findings_at_or_above(deployed, {"critical"})

    receiver.always = {}
    receiver.requests.clear()
    assert deployed.workspace_dag.test().state == "success"
    assert sorted(hec_finding_ids(receiver)) == sorted(critical)
    assert len(receiver.at(receiver.slack_path)) == 1  # type: ignore[attr-defined]
    assert {row["status"] for row in outbox(deployed)} <= {"sent", "summarized"}


def test_failed_run_notifies_its_cause(
    airflow_db: None,
    sim: RunningSimulator,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    deployed = deploy(
        monkeypatch,
        sim,
        str(tmp_path / "warehouse"),
        api_key=sim.keys.no_scope,
        entry={"alerts": ROUTES},
    )
    assert deployed.workspace_dag.test().state == "failed"
    (slack,) = receiver.at(receiver.slack_path)  # type: ignore[attr-defined]
    text = slack.json()["text"]
    assert text.startswith(f"Workspace run failed: {sim.workspace_name}: ")
    assert "lacks the Compliance API scope (HTTP 403)" in text
    (generic,) = receiver.at(GENERIC_PATH)
    assert generic.json()["type"] == "run_failure"
    assert receiver.at(HEC_ENDPOINT) == []  # run_failures off for this route
    assert sim.keys.no_scope not in b"".join(r.body for r in receiver.requests).decode()


def test_alert_tasks_and_notifier_only_where_routed(monkeypatch: pytest.MonkeyPatch) -> None:
    from openai_connector.notifications import RunFailureNotifier
    from tests.harness import parse_dags

    quiet = {"destination": "siem", "format": "splunk_hec", "run_failures": False}
    entries = [
        "plain",
        {"conn_id": "routed", "alerts": ROUTES},
        {"conn_id": "quiet", "alerts": [quiet]},
    ]
    dags = parse_dags(monkeypatch, json.dumps(entries)).dags
    plain, routed = dags["openai_compliance__plain"], dags["openai_compliance__routed"]
    quiet_dag = dags["openai_compliance__quiet"]
    assert {"queue_alerts", "deliver_alerts"}.isdisjoint(plain.task_ids)
    assert plain.on_failure_callback is None
    queue, deliver = routed.get_task("queue_alerts"), routed.get_task("deliver_alerts")
    assert queue.upstream_task_ids == {"sync_files", "plan"}
    assert deliver.upstream_task_ids == {"queue_alerts"}
    assert (queue.trigger_rule, deliver.trigger_rule) == ("all_done", "all_done")
    assert "record_run" not in deliver.upstream_task_ids | queue.upstream_task_ids
    notifier = routed.on_failure_callback
    assert isinstance(notifier, RunFailureNotifier)
    assert [route.destination for route in notifier.routes] == [
        "dlp_slack",
        "dlp_teams",
        "dlp_generic",
    ]
    assert "deliver_alerts" in quiet_dag.task_ids
    assert quiet_dag.on_failure_callback is None
