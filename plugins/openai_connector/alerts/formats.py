"""Payloads per destination format: Slack Block Kit, a Teams Adaptive Card (workflow webhook),
generic JSON, and Splunk HTTP Event Collector events.

Every field comes from :class:`~.model.Alert` or :class:`~.model.RunFailure`, which hold
masked values and ids only; nothing here sees a raw value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime

from openai_connector.alerts.model import Alert, Batch, Message, RunFailure

SOURCE = "openai-connector"
HEC_ENDPOINT = "/services/collector/event"
HEC_SOURCETYPE_FINDING = "openai:compliance:finding"
HEC_SOURCETYPE_RUN = "openai:compliance:run_failure"
HEC_SOURCETYPE_EVENT = "openai:compliance:event"
_SLACK_HEADER_CHARS = 150


def title(batch: Batch) -> str:
    count = len(batch.alerts) + batch.more
    severities = sorted({alert.severity for alert in batch.alerts})
    noun = "finding" if count == 1 else "findings"
    return f"{count} new {'/'.join(severities)} {noun} in {batch.workspace_name}"


def failure_title(failure: RunFailure) -> str:
    return f"Workspace run failed: {failure.workspace_name}"


def _where(alert: Alert) -> list[tuple[str, str]]:
    """Where the finding is, as label/value pairs, skipping what the alert does not have."""
    pairs = [("Found in", f"{alert.object_type} {alert.object_id}")]
    if alert.conversation_id and alert.conversation_id != alert.object_id:
        pairs.append(("Conversation", alert.conversation_id))
    if alert.gpt_id:
        pairs.append(("GPT", alert.gpt_name or alert.gpt_id))
    if alert.project_id:
        pairs.append(("Project", alert.project_name or alert.project_id))
    pairs.append(("User", alert.user or alert.user_id or "unknown"))
    pairs.append(("Detected", _when(alert.detected_at)))
    return pairs


def _when(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M UTC")


def _more_text(batch: Batch) -> str:
    return f"…and {batch.more} more on the DLP page." if batch.more else ""


# -- Slack -------------------------------------------------------------------------------------


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("`", "'")


def _slack_alert(alert: Alert) -> dict[str, object]:
    lines = [
        f"*{_slack_escape(alert.entity_type)}* · {alert.severity} · "
        f"`{_slack_escape(alert.masked_preview)}`",
        " · ".join(f"{label}: {_slack_escape(value)}" for label, value in _where(alert)),
    ]
    return {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}}


def _slack_buttons(buttons: list[tuple[str, str]]) -> dict[str, object]:
    return {
        "type": "actions",
        "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": text}, "url": url}
            for text, url in buttons
        ],
    }


def slack(batch: Batch) -> Message:
    heading = title(batch)
    blocks: list[dict[str, object]] = [
        {"type": "header", "text": {"type": "plain_text", "text": heading[:_SLACK_HEADER_CHARS]}}
    ]
    blocks += [_slack_alert(alert) for alert in batch.alerts]
    if batch.more:
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": _more_text(batch)}]}
        )
    blocks.append(
        _slack_buttons(
            [
                ("Open DLP page", batch.links.dlp_page),
                ("Remediate (dry run)", batch.links.remediate),
            ]
        )
    )
    return Message(body={"text": heading, "blocks": blocks})


def slack_failure(failure: RunFailure) -> Message:
    heading = failure_title(failure)
    text = f"*{_slack_escape(heading)}*\n{_slack_escape(failure.cause)}\nRun `{failure.dag_run_id}`"
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
        _slack_buttons([("Open the run", failure.run_url), ("Open DLP page", failure.dlp_page)]),
    ]
    return Message(body={"text": f"{heading}: {failure.cause}", "blocks": blocks})


# -- Microsoft Teams (Adaptive Card posted to a workflow webhook) -------------------------------


def _card(body: list[dict[str, object]], actions: list[tuple[str, str]]) -> Message:
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
        "actions": [{"type": "Action.OpenUrl", "title": t, "url": url} for t, url in actions],
    }
    attachment = {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
    return Message(body={"type": "message", "attachments": [attachment]})


def _text_block(text: str, **style: object) -> dict[str, object]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def teams(batch: Batch) -> Message:
    body = [_text_block(title(batch), size="Medium", weight="Bolder")]
    for alert in batch.alerts:
        facts = [("Entity", alert.entity_type), ("Severity", alert.severity)]
        facts += [("Preview", alert.masked_preview), *_where(alert)]
        body.append(
            {
                "type": "Container",
                "separator": True,
                "items": [
                    {"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in facts]}
                ],
            }
        )
    if batch.more:
        body.append(_text_block(_more_text(batch), isSubtle=True))
    return _card(
        body,
        [("Open DLP page", batch.links.dlp_page), ("Remediate (dry run)", batch.links.remediate)],
    )


def teams_failure(failure: RunFailure) -> Message:
    body = [
        _text_block(failure_title(failure), size="Medium", weight="Bolder", color="Attention"),
        _text_block(failure.cause),
        _text_block(f"Run {failure.dag_run_id}", isSubtle=True),
    ]
    return _card(body, [("Open the run", failure.run_url), ("Open DLP page", failure.dlp_page)])


# -- Generic JSON --------------------------------------------------------------------------------


def generic(batch: Batch) -> Message:
    return Message(
        body={
            "source": SOURCE,
            "type": "findings",
            "title": title(batch),
            "findings": [asdict(alert) for alert in batch.alerts],
            "more": batch.more,
            "links": asdict(batch.links),
        }
    )


def generic_failure(failure: RunFailure) -> Message:
    return Message(body={"source": SOURCE, "type": "run_failure", **asdict(failure)})


# -- Splunk HTTP Event Collector -------------------------------------------------------------------


def _hec_event(when: str, sourcetype: str, event: dict[str, object]) -> str:
    record = {
        "time": datetime.fromisoformat(when).timestamp(),
        "source": SOURCE,
        "sourcetype": sourcetype,
        "event": event,
    }
    return json.dumps(record, sort_keys=True)


def splunk_hec(batch: Batch) -> Message:
    """One HEC event per finding and per forwarded event, batched in one request."""
    events = [
        _hec_event(
            alert.detected_at,
            HEC_SOURCETYPE_FINDING,
            {**asdict(alert), "dlp_page": batch.links.dlp_page},
        )
        for alert in batch.alerts
    ]
    events += [
        _hec_event(record["timestamp"], HEC_SOURCETYPE_EVENT, record) for record in batch.events
    ]
    return Message(data="\n".join(events), headers=_JSON, endpoint=HEC_ENDPOINT)


def splunk_hec_failure(failure: RunFailure) -> Message:
    now = datetime.now().astimezone().isoformat()
    event = _hec_event(now, HEC_SOURCETYPE_RUN, asdict(failure))
    return Message(data=event, headers=_JSON, endpoint=HEC_ENDPOINT)


_JSON = {"Content-Type": "application/json"}

#: Format name → (findings payload, run-failure payload).
FORMATTERS: dict[str, tuple[Callable[[Batch], Message], Callable[[RunFailure], Message]]] = {
    "slack": (slack, slack_failure),
    "teams": (teams, teams_failure),
    "json": (generic, generic_failure),
    "splunk_hec": (splunk_hec, splunk_hec_failure),
}
