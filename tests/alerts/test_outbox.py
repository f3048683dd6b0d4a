"""Queue and delivery on a real catalog: what is queued once stays once, the cap and modes,
and a failing destination that keeps its rows for the next run."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from openai_connector.alerts.delivery import DeliveryError, deliver_alerts
from openai_connector.alerts.model import Alert, Message
from openai_connector.alerts.outbox import OUTBOX, queue_alerts
from openai_connector.alerts.routes import AlertRoute
from openai_connector.catalog import CatalogStore

WS = "ws-1"
T0 = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def land_findings(store: CatalogStore, run_id: str, n: int, severity: str = "critical") -> None:
    rows = [
        {
            "workspace_id": WS, "finding_id": f"{severity}-{i}", "object_type": "message",
            "object_id": f"msg-{i}", "conversation_id": f"conv-{i}", "user_id": "user-1",
            "entity_type": "OPENAI_API_KEY", "score": 1.0, "start": 0, "end": 10,
            "masked_preview": "sk-p…x7Qa", "recognizer": "r", "severity": severity,
            "gpt_id": "g-1", "gpt_name": "Deploy helper",
            "detected_at": T0 + timedelta(minutes=i), "run_id": run_id, "ingested_at": T0,
        }
        for i in range(n)
    ]  # fmt: skip
    store.upsert("findings", rows)
    store.upsert(
        "users", [{"workspace_id": WS, "user_id": "user-1", "email": "alice.smith@acme.com"}]
    )


def queue(store: CatalogStore, routes: list[AlertRoute], run_id: str) -> dict[str, int]:
    return queue_alerts(
        store, routes, run_id=run_id, workspace_id=WS, conn_id="acme", workspace_name="Acme"
    )


class Destination:
    """Records what it is sent; destinations named in ``down`` refuse."""

    def __init__(self) -> None:
        self.sent: list[Message] = []
        self.down: set[str] = set()

    def __call__(self, route: AlertRoute, message: Message) -> None:
        if route.destination in self.down:
            raise DeliveryError("HTTP 503")
        self.sent.append(message)


def deliver(store: CatalogStore, routes: list[AlertRoute], send: Destination, **kw: Any) -> Any:
    return deliver_alerts(store, routes, send, workspace_id=WS, airflow_url="", **kw)


def statuses(store: CatalogStore) -> dict[str, str]:
    return {r["item_id"]: r["status"] for r in store.read(OUTBOX).to_pylist()}


def test_queued_once_whatever_lands_again(store: CatalogStore) -> None:
    route = AlertRoute("dest")
    land_findings(store, "acme/run-1", 3)
    land_findings(store, "acme/run-1", 2, severity="high")
    assert queue(store, [route], "acme/run-1") == {"dest": 3}
    # A re-run lands the same finding ids under its own run id: nothing new to queue.
    land_findings(store, "acme/run-2", 3)
    assert queue(store, [route], "acme/run-2") == {"dest": 0}
    assert store.count(OUTBOX) == 3


def test_digest_lists_the_cap_and_counts_the_rest(store: CatalogStore) -> None:
    route = AlertRoute("dest", max_per_run=2)
    land_findings(store, "acme/run-1", 5)
    queue(store, [route], "acme/run-1")
    send = Destination()
    result = deliver(store, [route], send)
    assert result == {"dest": {"sent": 2, "summarized": 3, "failed": 0, "pending": 0}}
    (message,) = send.sent
    assert message.body is not None
    assert message.body["more"] == 3
    assert sorted(statuses(store).values()) == ["sent"] * 2 + ["summarized"] * 3
    assert deliver(store, [route], send)["dest"]["pending"] == 0
    assert len(send.sent) == 1


def test_each_mode_sends_one_message_per_finding_up_to_the_cap(store: CatalogStore) -> None:
    route = AlertRoute("dest", mode="each", max_per_run=3)
    land_findings(store, "acme/run-1", 4)
    queue(store, [route], "acme/run-1")
    send = Destination()
    deliver(store, [route], send)
    assert [m.body["more"] for m in send.sent if m.body] == [0, 0, 1]


def test_siem_gets_every_finding(store: CatalogStore) -> None:
    route = AlertRoute("siem", format="splunk_hec", max_per_run=1)
    land_findings(store, "acme/run-1", 4)
    queue(store, [route], "acme/run-1")
    send = Destination()
    assert deliver(store, [route], send)["siem"]["sent"] == 4


def test_a_destination_down_keeps_everything_for_the_next_run(store: CatalogStore) -> None:
    down, up = AlertRoute("down", mode="each"), AlertRoute("up")
    land_findings(store, "acme/run-1", 3)
    queue(store, [down, up], "acme/run-1")
    send = Destination()
    send.down = {"down"}
    result = deliver(store, [down, up], send)
    # The first refusal stops that destination for this run; nothing raises.
    assert result["down"] == {"sent": 0, "summarized": 0, "failed": 1, "pending": 3}
    rows = store.read(OUTBOX).to_pylist()
    tried = [r for r in rows if r["destination"] == "down" and r["attempts"]]
    assert [(r["status"], r["last_error"]) for r in tried] == [("failed", "HTTP 503")]
    assert result["up"]["sent"] == 3
    send.down = set()
    assert deliver(store, [down, up], send)["down"]["sent"] == 3
    assert set(statuses(store).values()) == {"sent"}


def test_a_spent_deadline_leaves_rows_queued(store: CatalogStore) -> None:
    route = AlertRoute("dest")
    land_findings(store, "acme/run-1", 2)
    queue(store, [route], "acme/run-1")
    send = Destination()
    assert deliver(store, [route], send, deadline=0.0)["dest"]["pending"] == 2
    assert send.sent == []


def test_the_alert_holds_masked_values_only(store: CatalogStore) -> None:
    land_findings(store, "acme/run-1", 1)
    queue(store, [AlertRoute("dest")], "acme/run-1")
    (row,) = store.read(OUTBOX).to_pylist()
    alert = Alert.from_json(row["alert"])
    assert (alert.user, alert.gpt_name, alert.project_id) == ("a…@acme.com", "Deploy helper", None)
    assert "alice.smith" not in row["alert"]


def land_events(store: CatalogStore, run_id: str, n: int) -> None:
    rows = [
        {
            "workspace_id": WS, "event_id": f"evt-{i}", "event_type": "AUTH_LOG",
            "action": "login_success", "timestamp": T0 + timedelta(minutes=i),
            "user_email": "alice.smith@acme.com", "client_ip": "203.0.113.7",
            "raw": "the event's JSON, with text per the storage policy", "run_id": run_id,
        }
        for i in range(n)
    ]  # fmt: skip
    store.upsert("events", rows)


def test_events_reach_siem_routes_that_forward_them_once(store: CatalogStore) -> None:
    siem = AlertRoute("siem", format="splunk_hec", events=True)
    chat = AlertRoute("chat")
    land_findings(store, "acme/run-1", 1)
    land_events(store, "acme/run-1", 3)
    assert queue(store, [siem, chat], "acme/run-1") == {"siem": 4, "chat": 1}
    land_events(store, "acme/run-2", 3)  # a re-run lands the same event ids
    assert queue(store, [siem, chat], "acme/run-2") == {"siem": 0, "chat": 0}
    send = Destination()
    deliver(store, [siem], send)
    (message,) = send.sent
    assert message.data is not None
    lines = [json.loads(line) for line in message.data.splitlines()]
    events = [line["event"] for line in lines if line["sourcetype"] == "openai:compliance:event"]
    assert [e["event_id"] for e in events] == ["evt-0", "evt-1", "evt-2"]
    assert events[0]["user"] == "a…@acme.com"
    assert events[0]["client_ip"] == "203.0.113.7"
    assert "alice.smith" not in message.data
    assert "raw" not in events[0]
