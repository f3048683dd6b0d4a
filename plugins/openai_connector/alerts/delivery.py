"""Deliver what the outbox holds: per destination, in the route's mode and cap, recording
every outcome before the next send.

A destination that fails keeps its rows pending (``failed``, attempts counted) for the next
run and is not tried again in this one; nothing raises, so a destination that is down never
fails the run. The outbox is written after each message, so a crash loses at most the record
of the message in flight (which is then sent again: delivery is at least once per message,
once per finding otherwise).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from openai_connector.alerts.formats import FORMATTERS
from openai_connector.alerts.model import Alert, Batch, Links, Message
from openai_connector.alerts.outbox import OUTBOX, Row, pending
from openai_connector.alerts.routes import AlertRoute
from openai_connector.errors import OpenAIConnectorError

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogStore

log = logging.getLogger(__name__)

#: Findings per request to a SIEM (Splunk HEC accepts many events per request).
SIEM_BATCH = 100


class DeliveryError(OpenAIConnectorError):
    """A destination refused a message or could not be reached, after its retries.

    The message is short and holds no URL or credential: it lands in the outbox.
    """


#: Sends one message to a route's destination connection, or raises :class:`DeliveryError`.
Send = Callable[[AlertRoute, Message], None]


@dataclass(frozen=True)
class _Unit:
    """One message: the rows it lists and the rows it only counts ("and N more")."""

    shown: list[Row]
    counted: list[Row]


def deliver_alerts(
    store: CatalogStore,
    routes: Sequence[AlertRoute],
    send: Send,
    *,
    workspace_id: str,
    airflow_url: str,
    deadline: float | None = None,
) -> dict[str, dict[str, int]]:
    """Deliver every pending row of every route; ``deadline`` (a ``time.monotonic()`` value)
    leaves what is not reached by then for the next run. Returns counts per destination."""
    results: dict[str, dict[str, int]] = {}
    for route in routes:
        rows = pending(store, workspace_id, route.destination)
        counts = {"sent": 0, "summarized": 0, "failed": 0, "pending": len(rows)}
        for unit in _units(route, rows):
            if deadline is not None and time.monotonic() > deadline:
                log.warning("Alert delivery to %s stopped at its deadline", route.destination)
                break
            if not _deliver_unit(store, route, send, unit, airflow_url):
                counts["failed"] += len(unit.shown)
                break
            counts["pending"] -= len(unit.shown) + len(unit.counted)
            counts["sent"] += len(unit.shown)
            counts["summarized"] += len(unit.counted)
        results[route.destination] = counts
        log.info("Alerts to %s: %s", route.destination, counts)
    return results


def _units(route: AlertRoute, rows: list[Row]) -> Iterator[_Unit]:
    """Split pending rows into messages: SIEMs get every row in batches; chat destinations
    get at most ``max_per_run`` listed, the last message counting the rest."""
    if route.is_siem:
        for start in range(0, len(rows), SIEM_BATCH):
            yield _Unit(rows[start : start + SIEM_BATCH], [])
        return
    shown, rest = rows[: route.max_per_run], rows[route.max_per_run :]
    if not shown:
        return
    if route.mode == "digest":
        yield _Unit(shown, rest)
        return
    for row in shown[:-1]:
        yield _Unit([row], [])
    yield _Unit([shown[-1]], rest)


def _deliver_unit(
    store: CatalogStore, route: AlertRoute, send: Send, unit: _Unit, airflow_url: str
) -> bool:
    alerts = [Alert.from_json(row["alert"]) for row in unit.shown if row["kind"] == "finding"]
    events = [json.loads(row["alert"]) for row in unit.shown if row["kind"] == "event"]
    links = Links.build(airflow_url, unit.shown[0]["conn_id"], alerts)
    batch = Batch(alerts, len(unit.counted), links, events)
    message = FORMATTERS[route.format][0](batch)
    now = datetime.now(UTC)
    try:
        send(route, message)
    except DeliveryError as exc:
        log.warning("Alert delivery to %s failed: %s", route.destination, exc)
        failed = [_after(row, now, "failed", error=str(exc), tried=True) for row in unit.shown]
        store.upsert(OUTBOX, failed)
        return False
    shown = [_after(row, now, "sent", tried=True) for row in unit.shown]
    counted = [_after(row, now, "summarized") for row in unit.counted]
    store.upsert(OUTBOX, shown + counted)
    return True


def _after(
    row: Row, now: datetime, status: str, *, error: str | None = None, tried: bool = False
) -> Row:
    changed: dict[str, Any] = {"status": status, "last_error": error, "ingested_at": now}
    if tried:
        changed["attempts"] = (row["attempts"] or 0) + 1
        changed["last_attempt_at"] = now
    if status in ("sent", "summarized"):
        changed["sent_at"] = now
    return {**row, **changed}
