"""Every log event type besides chat: sign-ins, admin actions, apps, Codex, agents, memories.

Each type is pulled with its own watermark (stream = the type's name) and lands in ``events``
(one row per event: envelope columns and the raw JSON); Codex turns and agent messages also
get first-class rows in ``codex_turns`` and ``agent_messages``. Every text surface the event
type declares (``TEXT_SURFACES``) is classified on its own, its findings naming the surface as
``object_type``, and is stored per the workspace's storage policy, in the raw JSON as well.
A type nobody documented yet lands raw and is counted; a type the API will not serve for this
workspace is logged and counted, never a failed run.
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from openai_connector.api.events import TEXT_SURFACES
from openai_connector.event_types import CODEX_LOG, CONVERSATION_MESSAGE, CUSTOM_AGENTS_LOG
from openai_connector.pipeline.landing import (
    classify,
    land_findings,
    stamp,
    stored_text,
    with_findings,
)
from openai_connector.pipeline.window import LATE_DELIVERY_GRACE, LOG_RETENTION

if TYPE_CHECKING:
    from openai_connector.api import ComplianceClient, LogEvent, LogFile
    from openai_connector.classify import Finding
    from openai_connector.pipeline.job import WorkspaceJob

log = logging.getLogger(__name__)

#: Codex actions that are a prompt and its response.
CODEX_TURN_ACTIONS = frozenset({"PROMPT_RESPONSE_RECEIVED"})
#: Agent actions that are a message of an agent run.
AGENT_MESSAGE_ACTIONS = frozenset({"AGENT_RUN_MESSAGE"})
#: Object types of findings in events (each text surface names its own).
EVENT_OBJECT_TYPES = tuple(
    sorted({surface.object_type for surfaces in TEXT_SURFACES.values() for surface in surfaces})
)


@dataclass
class EventBatch:
    """Events of whole log files, keyed by event id (a re-delivered event collapses here)."""

    events: dict[str, tuple[LogEvent, str]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.events)

    def add(self, event: LogEvent, log_file_id: str) -> None:
        self.events[event.event_id] = (event, log_file_id)


def sync_event_logs(job: WorkspaceJob, client: ComplianceClient) -> None:
    """Pull every configured event type but chat (which ``sync_messages`` lands itself)."""
    for event_type in job.plan.event_types:
        if event_type != CONVERSATION_MESSAGE:
            _sync_event_type(job, client, event_type)


def _start(job: WorkspaceJob, event_type: str) -> datetime:
    """A scheduled run continues from the type's own watermark; a type never pulled before
    starts at the logs' retention, whatever the chat watermark says."""
    window = job.plan.window
    if not window.moves_watermark:
        return window.after
    watermark = job.catalog.get_watermarks(job.plan.workspace_id).get(event_type)
    return watermark or datetime.fromisoformat(job.plan.started_at) - LOG_RETENTION


def _sync_event_type(job: WorkspaceJob, client: ComplianceClient, event_type: str) -> None:
    from openai_connector.api import (
        BadRequestError,
        NotFoundError,
        RouteNotFoundError,
        WorkspaceNotFoundError,
    )

    window = job.plan.window
    batch = EventBatch()
    last_file: LogFile | None = None
    try:
        before = window.until + LATE_DELIVERY_GRACE if window.until else None
        after = _start(job, event_type)
        for log_file in client.iter_log_files(event_type, after=after, before=before):
            for line in client.iter_log_events(log_file):
                event = other_event(job, line, log_file)
                if event is not None:
                    batch.add(event, log_file.id)
            job.count("event_log_files")
            last_file = log_file
            if len(batch) >= job.batch_size:
                _flush(job, event_type, batch, last_file)
                batch = EventBatch()
    except (BadRequestError, NotFoundError) as exc:
        if isinstance(exc, RouteNotFoundError | WorkspaceNotFoundError) or last_file:
            raise
        log.warning("Event type %s is not served for this workspace: %s", event_type, exc)
        job.count("event_types_unavailable")
        return
    _flush(job, event_type, batch, last_file)


def other_event(job: WorkspaceJob, line: object, log_file: LogFile) -> LogEvent | None:
    """The line as an event to land, if it is one and in the run's window and users.

    Corrupt lines, events of unknown types and chat messages filed under another type are
    counted (the unknown ones are landed as well).
    """
    from openai_connector.api import CorruptLine, LogEvent

    if isinstance(line, LogEvent):
        if not line.known_type:
            job.count("unknown_events")
        window, users = job.plan.window, set(job.plan.users)
        if window.until and line.timestamp and not window.contains(line.timestamp):
            return None
        if users and not users & {line.actor.user_id, line.actor.user_email}:
            return None
        return line
    if isinstance(line, CorruptLine):
        job.count("corrupt_lines")
        log.warning(
            "Skipped corrupt line %d of log file %s: %s", line.line_number, log_file.id, line.reason
        )
    else:  # a chat message filed under another type: sync_messages lands chat
        job.count("misfiled_events")
    return None


def _flush(
    job: WorkspaceJob, event_type: str, batch: EventBatch, last_file: LogFile | None
) -> None:
    """Land the batch, then — and only then — move the type's watermark."""
    land_event_batch(job, batch)
    if last_file is not None and job.plan.window.moves_watermark:
        job.catalog.set_watermark(
            job.plan.workspace_id, event_type, last_file.end_time, job.plan.run_id
        )


def land_event_batch(job: WorkspaceJob, batch: EventBatch) -> None:
    """Classify every text surface of the batch, then upsert events, Codex turns, agent
    messages and findings."""
    from openai_connector.classify import TextItem

    if not batch:
        return
    items = [
        TextItem(surface.object_type, event.event_id, text, location=surface.location)
        for event, _ in batch.events.values()
        for surface, text in event.texts()
    ]
    classified = classify(job, items)
    found = classified.findings
    events, codex_turns, agent_messages, context = [], [], [], {}
    for event, log_file_id in batch.events.values():
        findings = found.setdefault(event.event_id, [])
        truncated = event.event_id in classified.truncated
        texts = _stored_texts(job.plan.text_storage, event, findings, truncated=truncated)
        base = _base_row(job, event, log_file_id, findings)
        events.append(base | _event_columns(event, texts))
        if event.type == CODEX_LOG and _is_codex_turn(event):
            codex_turns.append(base | _codex_columns(event, texts))
        if event.type == CUSTOM_AGENTS_LOG and event.action in AGENT_MESSAGE_ACTIONS:
            agent_messages.append(base | _agent_columns(event, texts))
        context[event.event_id] = {
            "created_at": event.timestamp,
            "user_id": event.actor.user_id,
            "conversation_id": _text(event.details.get("conversation_id")),
        }
    for table, rows in (
        ("events", events),
        ("codex_turns", codex_turns),
        ("agent_messages", agent_messages),
    ):
        if rows:
            job.catalog.upsert(table, stamp(rows, job))
            job.count(table, len(rows))
    land_findings(job, EVENT_OBJECT_TYPES, found, context)


def _is_codex_turn(event: LogEvent) -> bool:
    details = event.details
    return event.action in CODEX_TURN_ACTIONS or "prompt_text" in details


def _stored_texts(
    mode: str, event: LogEvent, findings: list[Finding], *, truncated: bool
) -> dict[str, str | None]:
    """Each text surface's value as the storage policy allows, by location.

    A surface of an event classified only up to the cap is not stored when text is stored
    redacted: what was never classified cannot be redacted.
    """
    stored: dict[str, str | None] = {}
    for surface, text in event.texts():
        if truncated and mode == "redacted":
            stored[surface.location] = None
            continue
        own = [f for f in findings if f.location == surface.location]
        stored[surface.location] = stored_text(mode, text, own)
    return stored


def _raw_json(event: LogEvent, texts: dict[str, str | None]) -> str:
    """The event's JSON with its text surfaces replaced by their stored values."""
    raw = copy.deepcopy(dict(event.raw))
    for surface, _ in event.texts():
        holder: Any = raw
        for key in surface.path[:-1]:
            holder = holder[key]
        holder[surface.path[-1]] = texts[surface.location]
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, default=str)


def _base_row(
    job: WorkspaceJob, event: LogEvent, log_file_id: str, findings: list[Finding]
) -> dict[str, Any]:
    """The columns ``events``, ``codex_turns`` and ``agent_messages`` share."""
    return with_findings(
        {
            "workspace_id": job.plan.workspace_id,
            "event_id": event.event_id,
            "action": event.action,
            "user_id": event.actor.user_id,
            "user_email": event.actor.user_email,
            "log_file_id": log_file_id,
            "text_storage": job.plan.text_storage,
        },
        findings,
    )


def _event_columns(event: LogEvent, texts: dict[str, str | None]) -> dict[str, Any]:
    actor = event.actor
    return {
        "event_type": event.type,
        "timestamp": event.timestamp,
        "actor_type": actor.type,
        "actor_name": actor.name,
        "actor_id": actor.id,
        "api_key_id": actor.api_key_id,
        "client_ip": event.client_ip,
        "user_agent": event.user_agent,
        "client_id": event.client_id,
        "known_type": event.known_type,
        "raw": _raw_json(event, texts),
    }


def _codex_columns(event: LogEvent, texts: dict[str, str | None]) -> dict[str, Any]:
    details = event.details
    return {
        "session_id": _text(details.get("session_id")),
        "turn_id": _text(details.get("turn_id")),
        "model": _text(details.get("model")),
        "status": _text(details.get("status")),
        "client_id": event.client_id,
        "created_at": event.timestamp,
        "prompt_text": texts.get("event_details.prompt_text"),
        "response_text": texts.get("event_details.response_text"),
    }


def _agent_columns(event: LogEvent, texts: dict[str, str | None]) -> dict[str, Any]:
    details = event.details
    return {
        "agent_id": _text(details.get("agent_id")) or event.actor.id,
        "agent_name": event.actor.name or _text(details.get("agent_name")),
        "version_id": _text(details.get("version_id")),
        "agent_run_id": _text(details.get("run_id")),
        "conversation_id": _text(details.get("conversation_id")),
        "message_id": _text(details.get("message_id")),
        "phase": _text(details.get("phase")),
        "created_at": event.timestamp,
        "text": texts.get("event_details.text"),
    }


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
