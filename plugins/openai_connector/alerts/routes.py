"""Where a workspace's alerts go: the ``alerts`` list of its entry in the workspace Variable.

Stdlib only (and the severity ranks of :mod:`openai_connector.constants`): routes are parsed
with the workspace list at every DAG parse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from openai_connector.constants import SEVERITY_RANK
from openai_connector.errors import OpenAIConnectorError

#: Payload formats a destination can speak.
FORMATS = ("slack", "teams", "json", "splunk_hec")
#: ``digest``: one message per run and destination; ``each``: one message per finding.
MODES = ("digest", "each")
#: SIEM formats get every finding as its own event: no cap, no digest.
SIEM_FORMATS = frozenset({"splunk_hec"})
DEFAULT_MIN_SEVERITY = "critical"
DEFAULT_MAX_PER_RUN = 20
#: Slack allows 50 blocks per message; a chat message listing more is not read anyway.
MAX_PER_RUN_LIMIT = 40
_ROUTE_KEYS = {
    "destination", "format", "min_severity", "entity_types", "mode", "max_per_run",
    "run_failures", "events",
}  # fmt: skip
_CONN_ID = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")


class RouteError(OpenAIConnectorError, ValueError):
    """An ``alerts`` entry cannot be read; the message names the entry and the key."""


@dataclass(frozen=True)
class AlertRoute:
    """One destination of a workspace's alerts and what it wants to hear about."""

    destination: str
    format: str = "json"
    min_severity: str = DEFAULT_MIN_SEVERITY
    entity_types: tuple[str, ...] = ()
    mode: str = "digest"
    max_per_run: int = DEFAULT_MAX_PER_RUN
    run_failures: bool = True
    #: Also forward the non-chat events a run lands (sign-ins, audit, app events …); SIEMs only.
    events: bool = False

    @property
    def severities(self) -> tuple[str, ...]:
        """The severities at or above ``min_severity``, highest first."""
        floor = SEVERITY_RANK[self.min_severity]
        ranked = sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__, reverse=True)
        return tuple(s for s in ranked if SEVERITY_RANK[s] >= floor)

    @property
    def is_siem(self) -> bool:
        return self.format in SIEM_FORMATS

    def wants(self, severity: str | None, entity_type: str) -> bool:
        return severity in self.severities and (
            not self.entity_types or entity_type in self.entity_types
        )


def parse_routes(where: str, value: object) -> tuple[AlertRoute, ...]:
    """Parse ``alerts``: a list of route objects (one per destination connection)."""
    if not isinstance(value, list):
        raise RouteError(f"{where} must be a list of alert routes")
    routes = tuple(_parse_route(f"{where}[{index}]", item) for index, item in enumerate(value))
    seen: set[str] = set()
    for route in routes:
        if route.destination in seen:
            raise RouteError(f"{where}: destination {route.destination!r} is listed twice")
        seen.add(route.destination)
    return routes


def _parse_route(where: str, item: object) -> AlertRoute:
    if not isinstance(item, Mapping):
        raise RouteError(f"{where} must be an object with at least a destination")
    unknown = set(item) - _ROUTE_KEYS
    if unknown:
        raise RouteError(f"{where} has unknown keys: {', '.join(sorted(unknown))}")
    destination = item.get("destination")
    if not isinstance(destination, str) or not _CONN_ID.match(destination):
        raise RouteError(f"{where}.destination must be an http connection id, got {destination!r}")
    route_format = _choice(where, item, "format", FORMATS, "json")
    mode = _choice(where, item, "mode", MODES, "digest")
    min_severity = _choice(where, item, "min_severity", tuple(SEVERITY_RANK), DEFAULT_MIN_SEVERITY)
    entity_types = item.get("entity_types") or []
    if not isinstance(entity_types, list) or not all(isinstance(t, str) for t in entity_types):
        raise RouteError(f"{where}.entity_types must be a list of entity type names")
    max_per_run = item.get("max_per_run", DEFAULT_MAX_PER_RUN)
    if (
        not isinstance(max_per_run, int)
        or isinstance(max_per_run, bool)
        or not 1 <= max_per_run <= MAX_PER_RUN_LIMIT
    ):
        raise RouteError(
            f"{where}.max_per_run must be a whole number from 1 to {MAX_PER_RUN_LIMIT}"
        )
    run_failures, events = item.get("run_failures", True), item.get("events", False)
    for key, value in (("run_failures", run_failures), ("events", events)):
        if not isinstance(value, bool):
            raise RouteError(f"{where}.{key} must be true or false")
    if events and route_format not in SIEM_FORMATS:
        raise RouteError(f"{where}.events is for SIEM formats ({', '.join(sorted(SIEM_FORMATS))})")
    return AlertRoute(
        destination=destination,
        format=route_format,
        min_severity=min_severity,
        entity_types=tuple(sorted({t.strip().upper() for t in entity_types if t.strip()})),
        mode=mode,
        max_per_run=max_per_run,
        run_failures=run_failures,
        events=events,
    )


def _choice(
    where: str, item: Mapping[str, object], key: str, allowed: tuple[str, ...], default: str
) -> str:
    value = item.get(key, default)
    if value not in allowed:
        raise RouteError(f"{where}.{key} must be one of {', '.join(allowed)}, got {value!r}")
    return str(value)
