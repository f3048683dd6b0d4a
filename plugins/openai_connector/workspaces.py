"""The list of enrolled workspaces, read from one Airflow Variable at DAG parse time.

The DAG processor imports this for every parse, so it imports the stdlib and small stdlib-only
project modules only (event types, alert routes, DAG ids).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from openai_connector.alerts.routes import AlertRoute, RouteError, parse_routes
from openai_connector.errors import OpenAIConnectorError
from openai_connector.event_types import EVENT_TYPES
from openai_connector.links import workspace_dag_id

WORKSPACES_VARIABLE = "openai_compliance_workspaces"
DEFAULT_SCHEDULE = "0 * * * *"
_CONN_ID = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")
_ENTRY_KEYS = {
    "conn_id", "schedule", "policy", "pool", "surface", "retries", "alerts", "event_types",
    "partitions",
}  # fmt: skip
DEFAULT_RETRIES = 2
#: Most ``sync_messages`` tasks one run's message extraction may split into.
MAX_PARTITIONS = 32
DEFAULT_POOL = "default_pool"
SURFACES = ("logs", "legacy")


_EVENT_TYPE = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")


class WorkspaceListError(OpenAIConnectorError, ValueError):
    """The Variable's value cannot be read as a list of workspaces."""


@dataclass(frozen=True)
class WorkspaceEntry:
    """One workspace DAG to build: which connection, how often, under which policy."""

    conn_id: str
    schedule: str = DEFAULT_SCHEDULE
    policy: str | None = None
    pool: str | None = None
    surface: str = "logs"
    retries: int = DEFAULT_RETRIES
    alerts: tuple[AlertRoute, ...] = ()
    #: Log event types the workspace pulls (each with its own watermark); default: all.
    event_types: tuple[str, ...] = EVENT_TYPES
    #: How many ``sync_messages`` tasks a run's message extraction splits into (1: one task).
    partitions: int = 1

    @property
    def dag_id(self) -> str:
        return workspace_dag_id(self.conn_id)

    @property
    def pool_name(self) -> str:
        """The entry's pool, else Airflow's ``default_pool``.

        A pool must exist before the scheduler queues a task in it (tasks in a missing pool
        wait forever), and no lookup may happen at parse time; so only a pool the entry
        names is used, and ``enroll`` creates one and names it.
        """
        return self.pool or DEFAULT_POOL

    @property
    def dedicated_pool_name(self) -> str:
        """The name ``enroll`` gives the workspace's own pool."""
        return workspace_dag_id(self.conn_id)


def parse_workspace_list(raw: str | None) -> list[WorkspaceEntry]:
    """Parse the Variable: a JSON list of connection ids or of ``{"conn_id": …}`` objects."""
    if raw is None or not raw.strip():
        return []
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise WorkspaceListError(f"{WORKSPACES_VARIABLE} is not valid JSON: {exc}") from exc
    if not isinstance(value, list):
        raise WorkspaceListError(
            f"{WORKSPACES_VARIABLE} must be a JSON list, got {type(value).__name__}"
        )
    entries: dict[str, WorkspaceEntry] = {}
    for index, item in enumerate(value):
        entry = _parse_entry(index, item)
        if entry.conn_id in entries:
            raise WorkspaceListError(
                f"{WORKSPACES_VARIABLE}[{index}]: connection {entry.conn_id!r} is listed twice"
            )
        entries[entry.conn_id] = entry
    return list(entries.values())


def _parse_entry(index: int, item: object) -> WorkspaceEntry:
    where = f"{WORKSPACES_VARIABLE}[{index}]"
    if isinstance(item, str):
        item = {"conn_id": item}
    if not isinstance(item, dict):
        raise WorkspaceListError(f"{where} must be a connection id or an object")
    unknown = set(item) - _ENTRY_KEYS
    if unknown:
        raise WorkspaceListError(f"{where} has unknown keys: {', '.join(sorted(unknown))}")
    conn_id = item.get("conn_id")
    if not isinstance(conn_id, str) or not _CONN_ID.match(conn_id):
        raise WorkspaceListError(
            f"{where}.conn_id must be a connection id (letters, digits, '_', '.', '-'), "
            f"got {conn_id!r}"
        )
    for key in ("schedule", "policy", "pool", "surface"):
        if key in item and item[key] is not None and not isinstance(item[key], str):
            raise WorkspaceListError(f"{where}.{key} must be a string")
    retries = _whole_number(item, "retries", DEFAULT_RETRIES, 0, 10, where)
    partitions = _whole_number(item, "partitions", 1, 1, MAX_PARTITIONS, where)
    surface = item.get("surface") or "logs"
    if surface not in SURFACES:
        raise WorkspaceListError(f"{where}.surface must be one of {', '.join(SURFACES)}")
    try:
        alerts = parse_routes(f"{where}.alerts", item.get("alerts") or [])
    except RouteError as exc:
        raise WorkspaceListError(str(exc)) from None
    return WorkspaceEntry(
        event_types=_event_types(item.get("event_types"), where),
        conn_id=conn_id,
        schedule=item.get("schedule") or DEFAULT_SCHEDULE,
        policy=item.get("policy"),
        pool=item.get("pool"),
        surface=surface,
        retries=retries,
        alerts=alerts,
        partitions=partitions,
    )


def _whole_number(item: dict, key: str, default: int, low: int, high: int, where: str) -> int:
    value = item.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise WorkspaceListError(f"{where}.{key} must be a whole number from {low} to {high}")
    return value


def _event_types(value: object, where: str) -> tuple[str, ...]:
    """The entry's event types: known names, or any upper-case name a newer API may serve."""
    if value is None:
        return EVENT_TYPES
    if not isinstance(value, list) or not value:
        raise WorkspaceListError(f"{where}.event_types must be a non-empty list of event types")
    bad = [item for item in value if not isinstance(item, str) or not _EVENT_TYPE.match(item)]
    if bad:
        raise WorkspaceListError(
            f"{where}.event_types: {bad!r} are not event type names "
            f"(known: {', '.join(EVENT_TYPES)})"
        )
    return tuple(dict.fromkeys(value))
