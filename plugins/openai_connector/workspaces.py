"""The list of enrolled workspaces, read from one Airflow Variable at DAG parse time.

The DAG processor imports this for every parse, so it imports the stdlib, pydantic (which
Airflow's SDK has loaded already) and small project modules only (event types, alert routes,
DAG ids). An entry's shape is declared once, on :class:`WorkspaceEntry`.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic_core import ArgsKwargs

from openai_connector.alerts.routes import AlertRoute, RouteError, parse_routes
from openai_connector.errors import OpenAIConnectorError
from openai_connector.event_types import EVENT_TYPES
from openai_connector.links import workspace_dag_id
from openai_connector.validation import describe, invalid, reworded

WORKSPACES_VARIABLE = "openai_compliance_workspaces"
DEFAULT_SCHEDULE = "0 * * * *"
_CONN_ID = r"^[A-Za-z0-9_.-]{1,200}$"
DEFAULT_RETRIES = 2
#: Most ``sync_messages`` tasks one run's message extraction may split into.
MAX_PARTITIONS = 32
DEFAULT_POOL = "default_pool"
SURFACES = ("logs", "legacy")
_EVENT_TYPE = r"^[A-Z][A-Z0-9_]{1,63}$"
#: Entry fields where null means the default, and those where an empty string does too.
_NULLABLE = frozenset({"schedule", "policy", "pool", "surface", "event_types"})
_BLANK_IS_DEFAULT = frozenset({"schedule", "surface"})


class WorkspaceListError(OpenAIConnectorError, ValueError):
    """The Variable's value cannot be read as a list of workspaces."""


_Text = Annotated[StrictStr, reworded("must be a string")]
_Retries = Annotated[StrictInt, Field(ge=0, le=10), reworded("must be a whole number from 0 to 10")]
_Partitions = Annotated[
    StrictInt,
    Field(ge=1, le=MAX_PARTITIONS),
    reworded(f"must be a whole number from 1 to {MAX_PARTITIONS}"),
]
_EventType = Annotated[
    StrictStr,
    Field(pattern=_EVENT_TYPE),
    reworded(f"must be an event type name (known: {', '.join(EVENT_TYPES)}), got {{value}}"),
]


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class WorkspaceEntry:
    """One workspace DAG to build: which connection, how often, under which policy.

    In the Variable an entry is a connection id or an object of these fields; a blank
    ``schedule`` or ``surface`` means the default.
    """

    conn_id: Annotated[
        StrictStr,
        Field(pattern=_CONN_ID),
        reworded("must be a connection id (letters, digits, '_', '.', '-'), got {value}"),
    ]
    schedule: _Text = DEFAULT_SCHEDULE
    policy: _Text | None = None
    pool: _Text | None = None
    surface: Annotated[
        Literal["logs", "legacy"], reworded(f"must be one of {', '.join(SURFACES)}")
    ] = "logs"
    retries: _Retries = DEFAULT_RETRIES
    #: Parsed by :func:`~openai_connector.alerts.routes.parse_routes` (its own messages).
    alerts: tuple[AlertRoute, ...] = ()
    #: Log event types the workspace pulls (each with its own watermark); default: all.
    #: Known names, or any upper-case name a newer API may serve; repeats collapse.
    event_types: Annotated[
        tuple[_EventType, ...],
        Field(min_length=1),
        AfterValidator(lambda names: tuple(dict.fromkeys(names))),
        reworded("must be a non-empty list of event types"),
    ] = EVENT_TYPES
    #: How many ``sync_messages`` tasks a run's message extraction splits into (1: one task).
    partitions: _Partitions = 1

    @model_validator(mode="before")
    @classmethod
    def _from_variable_item(cls, value: Any) -> Any:
        """A bare connection id is an entry with defaults; blank or null fields are defaults."""
        if isinstance(value, ArgsKwargs):
            return value
        if isinstance(value, str):
            return {"conn_id": value}
        if not isinstance(value, dict):
            raise invalid("must be a connection id or an object")
        return {key: item for key, item in value.items() if not _means_default(key, item)}

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


def _means_default(key: str, value: object) -> bool:
    return (value is None and key in _NULLABLE) or (value == "" and key in _BLANK_IS_DEFAULT)


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
        entry = _parse_entry(f"{WORKSPACES_VARIABLE}[{index}]", item)
        if entry.conn_id in entries:
            raise WorkspaceListError(
                f"{WORKSPACES_VARIABLE}[{index}]: connection {entry.conn_id!r} is listed twice"
            )
        entries[entry.conn_id] = entry
    return list(entries.values())


_ENTRY = TypeAdapter(WorkspaceEntry)


def _parse_entry(where: str, item: object) -> WorkspaceEntry:
    alerts = None
    if isinstance(item, dict):
        alerts = item.get("alerts")
        item = {key: value for key, value in item.items() if key != "alerts"}
    try:
        entry = _ENTRY.validate_python(item)
        routes = parse_routes(f"{where}.alerts", alerts or [])
    except ValidationError as exc:
        raise WorkspaceListError(describe(exc, where)) from None
    except RouteError as exc:
        raise WorkspaceListError(str(exc)) from None
    return replace(entry, alerts=routes) if routes else entry
