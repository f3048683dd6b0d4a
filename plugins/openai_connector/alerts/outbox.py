"""The alert outbox: one catalog row per finding (or forwarded event) and destination,
written before any send.

Exactly once rests on the key (workspace, destination, item id): a finding id is a stable
hash of object, entity and span, and an event id is the API's, so re-runs, ``reclassify``,
window runs and backfills land the same ids again, and an item the outbox already holds is
never queued a second time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from openai_connector.alerts.model import Alert
from openai_connector.alerts.routes import AlertRoute
from openai_connector.classify.masking import mask_email

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogStore

OUTBOX = "alert_outbox"
#: Statuses still to be delivered: never tried, or tried and failed (retried next run).
PENDING = ("queued", "failed")
Row = dict[str, Any]


def queue_alerts(
    store: CatalogStore,
    routes: Sequence[AlertRoute],
    *,
    run_id: str,
    workspace_id: str,
    conn_id: str,
    workspace_name: str,
    now: datetime | None = None,
) -> dict[str, int]:
    """Queue, per route, the findings this run landed that the route wants (and the events it
    landed, for routes forwarding events) that the outbox does not hold yet. Returns the
    number queued per destination."""
    from openai_connector.catalog.operations import findings_of_run, known_ids

    if not routes:
        return {}
    severities = sorted({severity for route in routes for severity in route.severities})
    findings = findings_of_run(store, workspace_id, run_id, severities)
    forward = any(route.events for route in routes)
    events = _landed_events(store, workspace_id, run_id) if forward else []
    emails = _masked_emails(store, workspace_id, {f["user_id"] for f in findings if f["user_id"]})
    now = now or datetime.now(UTC)
    queued: dict[str, int] = {}
    rows: list[Row] = []
    for route in routes:
        wanted = [f for f in findings if route.wants(f["severity"], f["entity_type"])]
        outbox_key = {"workspace_id": workspace_id, "destination": route.destination}
        finding_ids = (f["finding_id"] for f in wanted)
        known = known_ids(store, OUTBOX, "item_id", finding_ids, **outbox_key)
        new = [f for f in wanted if f["finding_id"] not in known]
        for finding in new:
            alert = _alert(finding, conn_id, workspace_name, emails.get(finding["user_id"]))
            rows.append(_queued_row(alert, route.destination, run_id, now))
        queued[route.destination] = len(new)
        if route.events:
            ids = (event["event_id"] for event in events)
            known = known_ids(store, OUTBOX, "item_id", ids, **outbox_key)
            fresh = [e for e in events if e["event_id"] not in known]
            rows += [_queued_event(e, conn_id, route.destination, run_id, now) for e in fresh]
            queued[route.destination] += len(fresh)
    if rows:
        store.upsert(OUTBOX, rows)
    return queued


def pending(store: CatalogStore, workspace_id: str, destination: str) -> list[Row]:
    """Rows still to deliver to ``destination``, most severe and oldest first."""
    from openai_connector.catalog.operations import outbox_items
    from openai_connector.constants import SEVERITY_RANK

    rows = outbox_items(store, workspace_id, destination, PENDING)
    return sorted(
        rows,
        key=lambda r: (-SEVERITY_RANK.get(r["severity"], -1), r["detected_at"], r["item_id"]),
    )


#: Event columns a SIEM gets: structure only, never ``raw`` (text per the storage policy).
EVENT_FIELDS = (
    "event_id", "event_type", "action", "timestamp", "actor_type", "user_id", "actor_name",
    "actor_id", "api_key_id", "client_ip", "user_agent", "client_id", "finding_count",
    "highest_severity", "findings_by_type",
)  # fmt: skip


def _landed_events(store: CatalogStore, workspace_id: str, run_id: str) -> list[Row]:
    from openai_connector.catalog.operations import events_of_run

    return events_of_run(store, workspace_id, run_id, ["workspace_id", *EVENT_FIELDS, "user_email"])


def _queued_event(event: Row, conn_id: str, destination: str, run_id: str, now: datetime) -> Row:
    record = {name: event[name] for name in EVENT_FIELDS}
    record["timestamp"] = event["timestamp"].isoformat()
    record["user"] = mask_email(event["user_email"]) if event["user_email"] else None
    record["conn_id"] = conn_id
    return {
        **_outbox_row(event["workspace_id"], destination, event["event_id"], run_id, now),
        "kind": "event",
        "conn_id": conn_id,
        "entity_type": event["event_type"],
        "severity": event["highest_severity"],
        "detected_at": event["timestamp"],
        "alert": json.dumps(record, sort_keys=True),
    }


def _masked_emails(store: CatalogStore, workspace_id: str, user_ids: set[str]) -> dict[str, str]:
    from openai_connector.catalog.operations import rows_by_key

    columns = ["user_id", "email"]
    users = rows_by_key(
        store, "users", "user_id", sorted(user_ids), columns, workspace_id=workspace_id
    )
    return {row["user_id"]: mask_email(row["email"]) for row in users if row["email"]}


def _alert(finding: Row, conn_id: str, workspace_name: str, user: str | None) -> Alert:
    return Alert(
        finding_id=finding["finding_id"],
        workspace_id=finding["workspace_id"],
        conn_id=conn_id,
        workspace_name=workspace_name,
        entity_type=finding["entity_type"],
        severity=finding["severity"],
        masked_preview=finding["masked_preview"],
        object_type=finding["object_type"],
        object_id=finding["object_id"],
        detected_at=finding["detected_at"].isoformat(),
        conversation_id=finding["conversation_id"],
        user_id=finding["user_id"],
        user=user,
        gpt_id=finding["gpt_id"],
        gpt_name=finding["gpt_name"],
        project_id=finding["project_id"],
        project_name=finding["project_name"],
    )


def _queued_row(alert: Alert, destination: str, run_id: str, now: datetime) -> Row:
    return {
        **_outbox_row(alert.workspace_id, destination, alert.finding_id, run_id, now),
        "kind": "finding",
        "conn_id": alert.conn_id,
        "entity_type": alert.entity_type,
        "severity": alert.severity,
        "detected_at": datetime.fromisoformat(alert.detected_at),
        "alert": alert.to_json(),
    }


def _outbox_row(
    workspace_id: str, destination: str, item_id: str, run_id: str, now: datetime
) -> Row:
    return {
        "workspace_id": workspace_id,
        "destination": destination,
        "item_id": item_id,
        "status": "queued",
        "attempts": 0,
        "queued_at": now,
        "run_id": run_id,
        "ingested_at": now,
    }
