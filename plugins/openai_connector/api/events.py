"""Log events other than chat messages: sign-ins, admin actions, apps, Codex, agents, memories.

Every type shares an envelope (``event_id``, ``type``, ``timestamp``, ``principal``, ``actor``,
``request_metadata``) and carries a type-specific body. The envelope is read into typed fields
for the ``events`` table; the body is kept whole as raw JSON. Text users or agents wrote is
declared per type in :data:`TEXT_SURFACES`, so each surface is classified on its own and a
finding names the surface it came from. Types nobody has documented yet parse the same way:
they are landed raw and counted, never dropped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainValidator

from openai_connector.api.models import Timestamp, payload_reader, read_payload
from openai_connector.event_types import (
    CODEX_LOG,
    CUSTOM_AGENTS_LOG,
    EVENT_TYPES,
    MEMORY_CONTEXT,
)


@dataclass(frozen=True)
class TextSurface:
    """A text-bearing field of an event type: ``object_type`` names it in findings."""

    object_type: str
    path: tuple[str, ...]

    @property
    def location(self) -> str:
        return ".".join(self.path)


#: Where users and agents write text, per event type (field names as Elastic's
#: ``openai_chatgpt_enterprise`` integration publishes them; MEMORY_CONTEXT's body is not
#: public, so every field a memory's text is plausibly under is read).
TEXT_SURFACES: Mapping[str, tuple[TextSurface, ...]] = {
    CODEX_LOG: (
        TextSurface("codex_prompt", ("event_details", "prompt_text")),
        TextSurface("codex_response", ("event_details", "response_text")),
    ),
    CUSTOM_AGENTS_LOG: (
        TextSurface("agent_message", ("event_details", "text")),
        TextSurface("agent_message", ("event_details", "invoker", "user_message_text")),
        TextSurface("agent_instructions", ("event_details", "agent_fields", "prompt")),
        TextSurface("agent_instructions", ("event_details", "trigger_fields", "instructions")),
    ),
    MEMORY_CONTEXT: tuple(
        TextSurface("memory", ("event_details", name))
        for name in ("memory", "memory_text", "content", "text")
    ),
}


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


#: A value where an empty string means none.
BlankIsNone = Annotated[str | None, PlainValidator(_text)]


def value_at(payload: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    """The value at ``path`` in nested objects, or None where any step is missing."""
    value: Any = payload
    for key in path:
        value = _mapping(value).get(key)
    return value


def _actor_payload(value: Any) -> dict[str, Any]:
    """An agent acting for a user names the user as its delegator; a product has an id."""
    actor = _mapping(value)
    delegator = _mapping(value_at(actor, ("agent_runtime", "delegator")))
    return {
        **actor,
        "user_id": actor.get("user_id") or delegator.get("user_id"),
        "user_email": actor.get("user_email") or delegator.get("user_email"),
        "id": actor.get("id") or actor.get("product_id"),
    }


@dataclass(frozen=True)
class Actor:
    """Who acted: a user, an agent acting for a user (its delegator), or an API key."""

    type: BlankIsNone = None
    user_id: BlankIsNone = None
    user_email: BlankIsNone = None
    name: BlankIsNone = None
    id: BlankIsNone = None
    api_key_id: Annotated[BlankIsNone, Field(validation_alias="redacted_id")] = None

    @classmethod
    def from_api(cls, payload: Any) -> Actor:
        return read_payload(_ACTOR, payload)


@dataclass(frozen=True)
class LogEvent:
    """Any log event that is not a chat message, whether its type is known or not."""

    event_id: str
    type: BlankIsNone
    timestamp: Timestamp
    action: str | None
    actor: Annotated[Actor, BeforeValidator(_actor_payload)]
    client_ip: BlankIsNone
    user_agent: BlankIsNone
    client_id: BlankIsNone
    raw: Annotated[Mapping[str, Any], PlainValidator(lambda value: value)] = field(repr=False)

    @property
    def known_type(self) -> bool:
        return self.type in EVENT_TYPES

    @property
    def details(self) -> Mapping[str, Any]:
        return _mapping(self.raw.get("event_details"))

    def texts(self) -> list[tuple[TextSurface, str]]:
        """The event's text surfaces that hold text, in declaration order."""
        found = []
        for surface in TEXT_SURFACES.get(self.type or "", ()):
            value = value_at(self.raw, surface.path)
            if isinstance(value, str) and value.strip():
                found.append((surface, value))
        return found

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> LogEvent:
        """Only a malformed timestamp is an error; an event without ``event_id`` gets a stable
        one from its content, so a re-delivery still collapses onto it."""
        return read_payload(_LOG_EVENT, payload)


def _event_payload(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The envelope's fields, each from wherever the event's type keeps it."""
    metadata = _mapping(payload.get("request_metadata"))
    return {
        "event_id": _text(payload.get("event_id")) or _content_id(payload),
        "type": payload.get("type"),
        "timestamp": payload.get("timestamp"),
        "action": _action(payload),
        "actor": payload.get("actor"),
        "client_ip": metadata.get("client_ip"),
        "user_agent": metadata.get("client_user_agent") or metadata.get("user_agent"),
        "client_id": payload.get("client_id"),
        "raw": payload,
    }


def _action(payload: Mapping[str, Any]) -> str | None:
    """What happened: ``event_type`` (Codex, agents), ``action`` (audit) or
    ``action_data.action`` (sign-ins), whichever the type uses."""
    action_data = _mapping(payload.get("action_data"))
    for value in (payload.get("event_type"), payload.get("action"), action_data.get("action")):
        if isinstance(value, str) and value:
            return value
    return None


def _content_id(payload: Mapping[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


_ACTOR = payload_reader(Actor, _actor_payload)
_LOG_EVENT = payload_reader(LogEvent, _event_payload)
