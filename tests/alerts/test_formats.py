"""Payloads per format, built from masked alerts: the shapes each destination accepts."""

from __future__ import annotations

import json
from dataclasses import replace

from openai_connector.alerts.formats import FORMATTERS, HEC_ENDPOINT, title
from openai_connector.alerts.model import Alert, Batch, Links, RunFailure

ALERT = Alert(
    finding_id="f1",
    workspace_id="ws-1",
    conn_id="acme",
    workspace_name="Acme Corp",
    entity_type="OPENAI_API_KEY",
    severity="critical",
    masked_preview="sk-p…<x>`",
    object_type="message",
    object_id="msg-1",
    detected_at="2026-12-06T09:02:00+00:00",
    conversation_id="conv-1",
    user_id="user-1",
    user="a****@acme.com",
    gpt_id="g-1",
    gpt_name="Deploy helper",
    project_id="proj-1",
    project_name="Payments",
)
SECOND = replace(ALERT, finding_id="f2", object_type="user_file", object_id="file-1", gpt_id=None)
LINKS = Links.build("https://airflow.example.com", "acme", [ALERT, SECOND])
BATCH = Batch([ALERT, SECOND], more=3, links=LINKS)
FAILURE = RunFailure(
    conn_id="acme",
    workspace_name="Acme Corp",
    dag_id="openai_compliance__acme",
    dag_run_id="scheduled__2026-12-06T09:00:00+00:00",
    cause="The API key was rejected (HTTP 401): it is wrong or was revoked.",
    run_url="https://airflow.example.com/dags/openai_compliance__acme/runs/x",
    dlp_page="https://airflow.example.com/openai-connector/dlp?workspace=acme",
)


def test_title_counts_the_listed_and_the_rest() -> None:
    assert title(BATCH) == "5 new critical findings in Acme Corp"


def test_remediation_link_targets_the_conversation_or_the_object() -> None:
    assert "conv-1" in LINKS.remediate
    assert "file-1" in LINKS.remediate
    assert "msg-1" not in LINKS.remediate


def test_slack_block_kit() -> None:
    body = FORMATTERS["slack"][0](BATCH).body
    assert body is not None
    kinds = [block["type"] for block in body["blocks"]]
    assert kinds == ["header", "section", "section", "context", "actions"]
    first = body["blocks"][1]["text"]["text"]
    assert "`sk-p…&lt;x&gt;'`" in first  # mrkdwn escaped, backtick cannot end the code span
    assert "GPT: Deploy helper" in first
    assert "Project: Payments" in first
    assert "User: a****@acme.com" in first
    buttons = body["blocks"][-1]["elements"]
    assert [b["url"] for b in buttons] == [LINKS.dlp_page, LINKS.remediate]
    assert "and 3 more" in body["blocks"][3]["elements"][0]["text"]


def test_teams_adaptive_card() -> None:
    body = FORMATTERS["teams"][0](BATCH).body
    assert body is not None
    (attachment,) = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert (card["type"], card["version"]) == ("AdaptiveCard", "1.4")
    facts = {f["title"]: f["value"] for f in card["body"][1]["items"][0]["facts"]}
    assert facts["Preview"] == ALERT.masked_preview
    assert facts["Conversation"] == "conv-1"
    assert [a["url"] for a in card["actions"]] == [LINKS.dlp_page, LINKS.remediate]


def test_generic_json() -> None:
    body = FORMATTERS["json"][0](BATCH).body
    assert body is not None
    assert [f["finding_id"] for f in body["findings"]] == ["f1", "f2"]
    assert body["more"] == 3
    assert body["links"]["dlp_page"] == LINKS.dlp_page


def test_splunk_hec_one_event_per_finding() -> None:
    message = FORMATTERS["splunk_hec"][0](BATCH)
    assert message.endpoint == HEC_ENDPOINT
    assert message.data is not None
    events = [json.loads(line) for line in message.data.splitlines()]
    assert [e["event"]["finding_id"] for e in events] == ["f1", "f2"]
    assert events[0]["time"] == 1796547720.0
    assert events[0]["sourcetype"] == "openai:compliance:finding"


def test_run_failure_in_every_format_carries_the_cause() -> None:
    for name, (_, failure_format) in FORMATTERS.items():
        message = failure_format(FAILURE)
        text = json.dumps(message.body) if message.body else message.data or ""
        assert FAILURE.cause in text, name
        assert FAILURE.run_url in text, name
