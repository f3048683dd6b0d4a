"""Typed records for Compliance API payloads.

Every `from_api` ignores unknown fields and accepts the documented variants (ISO or Unix
timestamps, `author.type` or `author.role`, nested lists as arrays or list objects), because
the API is only partly documented and changes without notice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Self

from openai_connector.event_types import CONVERSATION_MESSAGE

# What a `from_api` raises on a payload of the wrong shape.
MODEL_ERRORS = (KeyError, TypeError, ValueError, OverflowError)


def model_error_reason(exc: Exception) -> object:
    """What was wrong with a payload, without `str(KeyError)`'s extra quotes."""
    return exc.args[0] if isinstance(exc, KeyError) and exc.args else exc


def parse_timestamp(value: Any) -> datetime | None:
    """ISO-8601 strings and Unix seconds → aware UTC datetimes; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise TypeError(f"not a timestamp: {value!r}")
    if isinstance(value, int | float):
        return datetime.fromtimestamp(value, UTC)
    if isinstance(value, str):
        try:
            return datetime.fromtimestamp(float(value), UTC)
        except ValueError:
            pass
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            return parsed.replace(tzinfo=UTC)
        return parsed.astimezone(UTC)
    raise TypeError(f"not a timestamp: {value!r}")


def _require_aware(value: datetime) -> None:
    if value.tzinfo is None:
        raise ValueError("timestamps sent to the API must be timezone-aware")


def format_timestamp(value: datetime) -> str:
    """Aware datetime → the ISO form the logs platform takes (`…Z`, microseconds)."""
    _require_aware(value)
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def unix_seconds(value: datetime) -> int:
    """Aware datetime → whole Unix seconds (floored, so an inclusive bound stays inclusive)."""
    _require_aware(value)
    return math.floor(value.timestamp())


def list_items(value: Any) -> list[Any]:
    """Items of a nested list that may be a plain array, a list object or null."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        data = value.get("data")
        return list(data) if isinstance(data, list) else []
    if isinstance(value, list):
        return value
    raise TypeError(f"expected a list or a list object, got {type(value).__name__}")


def _mappings(value: Any) -> list[Mapping[str, Any]]:
    """The object items of a nested list, skipping anything malformed."""
    return [item for item in list_items(value) if isinstance(item, Mapping)]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _required_str(payload: Mapping[str, Any], key: str) -> str:
    value = payload.get(key)
    if value is None or value == "":
        raise KeyError(f"missing '{key}'")
    return str(value)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in list_items(value) if item is not None)


@dataclass(frozen=True)
class LogFile:
    """One immutable JSONL file of the logs platform."""

    id: str
    event_type: str
    end_time: datetime
    file_name: str | None = None
    file_size: int | None = None
    file_sha256: str | None = None

    @classmethod
    def from_api(
        cls, payload: Mapping[str, Any], *, end_time_fallback: datetime | None = None
    ) -> LogFile:
        """``end_time_fallback`` stands in for a missing ``end_time``: the listing is ascending,
        so the previous file's end is a safe lower bound (a watermark set from it replays, never
        skips)."""
        end_time = parse_timestamp(payload.get("end_time")) or end_time_fallback
        if end_time is None:
            raise KeyError("missing 'end_time'")
        sha = payload.get("file_sha256")
        return cls(
            id=_required_str(payload, "id"),
            event_type=str(payload.get("event_type") or CONVERSATION_MESSAGE),
            end_time=end_time,
            file_name=_optional_str(payload.get("file_name")),
            file_size=_optional_int(payload.get("file_size")),
            file_sha256=None if not sha else str(sha).lower(),
        )


@dataclass(frozen=True)
class FileRef:
    """A file attached to a message or a GPT/project config."""

    id: str
    name: str | None = None
    user_id: str | None = None
    download_url: str | None = field(default=None, repr=False)
    created_at: datetime | None = None
    mime_type: str | None = None
    size: int | None = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> FileRef:
        return cls(
            id=_required_str(payload, "id"),
            name=_optional_str(payload.get("name")),
            user_id=_optional_str(payload.get("user_id")),
            download_url=_optional_str(payload.get("download_url")),
            created_at=parse_timestamp(payload.get("created_at")),
            mime_type=_optional_str(payload.get("mime_type", payload.get("mime"))),
            size=_optional_int(payload.get("size_bytes", payload.get("size"))),
        )


def parse_file_refs(value: Any) -> tuple[FileRef, ...]:
    """File refs from a plain array or a list object; bare string ids are accepted too."""
    refs = []
    for item in list_items(value):
        if isinstance(item, str):
            refs.append(FileRef(id=item))
        elif isinstance(item, Mapping):
            refs.append(FileRef.from_api(item))
    return tuple(refs)


#: The attribution fields, as API payloads and catalog columns name them.
ATTRIBUTION_COLUMNS = ("gpt_id", "gpt_name", "project_id", "project_name")


@dataclass(frozen=True)
class Attribution:
    """The custom GPT or project a conversation ran in ("which GPT is leaking?")."""

    gpt_id: str | None = None
    gpt_name: str | None = None
    project_id: str | None = None
    project_name: str | None = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Attribution:
        return cls(
            gpt_id=_optional_str(payload.get("gpt_id") or None),
            gpt_name=_optional_str(payload.get("gpt_name") or None),
            project_id=_optional_str(payload.get("project_id") or None),
            project_name=_optional_str(payload.get("project_name") or None),
        )

    def or_else(self, other: Attribution) -> Attribution:
        """Each field from ``self``, else from ``other``."""
        return Attribution(
            **{name: getattr(self, name) or getattr(other, name) for name in ATTRIBUTION_COLUMNS}
        )

    def as_row(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in ATTRIBUTION_COLUMNS}


def _content_text(content: Mapping[str, Any]) -> str | None:
    value = content.get("value", content.get("text"))
    if isinstance(value, str):
        return value
    parts = content.get("parts")
    if isinstance(parts, list):
        texts = [part for part in parts if isinstance(part, str)]
        return "\n".join(texts) if texts else None
    return None


@dataclass(frozen=True)
class Message:
    """A message from a log event or a legacy conversation.

    `content_type` is None when the content was null; `text` is None when there was no text
    value (a non-text content type keeps its type so it is never silently dropped).
    """

    id: str
    created_at: datetime | None = None
    author_role: str | None = None
    author_model: str | None = None
    author_tool_name: str | None = None
    tools_used: tuple[str, ...] = ()
    client_type: str | None = None
    content_type: str | None = None
    text: str | None = None
    quote: str | None = None
    annotations: tuple[Mapping[str, Any], ...] = ()
    files: tuple[FileRef, ...] = ()
    parent_id: str | None = None
    attribution: Attribution = field(default_factory=Attribution)

    def quoted_texts(self) -> list[tuple[str, str, str]]:
        """``(object_type, location, text)`` of what the message quotes from a source:
        ``content.quote`` and each annotation's ``quote_text`` (content's, then the message's)."""
        found = [("message_quote", "content.quote", self.quote)] if self.quote else []
        for index, annotation in enumerate(self.annotations):
            quote_text = annotation.get("quote_text")
            if isinstance(quote_text, str) and quote_text.strip():
                found.append(("message_annotation", f"annotations[{index}].quote_text", quote_text))
        return found

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Message:
        author = _mapping(payload.get("author"))
        raw_content = payload.get("content")
        content = _mapping(raw_content)
        content_type = content.get("type", content.get("content_type"))
        if raw_content is not None and content_type is None:
            content_type = "unknown"
        return cls(
            id=_required_str(payload, "id"),
            created_at=parse_timestamp(payload.get("created_at")),
            author_role=_optional_str(author.get("type") or author.get("role")),
            author_model=_optional_str(author.get("model")),
            author_tool_name=_optional_str(author.get("tool_name")),
            tools_used=_strings(author.get("tools_used")),
            client_type=_optional_str(author.get("client_type")),
            content_type=_optional_str(content_type),
            text=_content_text(content),
            quote=_optional_str(content.get("quote") or None),
            annotations=(
                *_mappings(content.get("annotations")),
                *_mappings(payload.get("annotations")),
            ),
            files=parse_file_refs(payload.get("files")),
            parent_id=_optional_str(payload.get("parent_id")),
            attribution=Attribution.from_api(payload),
        )


@dataclass(frozen=True)
class ConversationRef:
    """The conversation a log event belongs to, as it was when the event was written."""

    id: str
    title: str | None = None
    created_at: datetime | None = None
    is_pinned: bool = False
    is_temporary_chat: bool = False
    attribution: Attribution = field(default_factory=Attribution)

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> ConversationRef:
        return cls(
            id=_required_str(payload, "id"),
            title=_optional_str(payload.get("title")),
            created_at=parse_timestamp(payload.get("created_at")),
            is_pinned=bool(payload.get("is_pinned")),
            is_temporary_chat=bool(payload.get("is_temporary_chat")),
            attribution=Attribution.from_api(payload),
        )


@dataclass(frozen=True)
class ConversationMessageEvent:
    """One CONVERSATION_MESSAGE line of a log file (delivered at least once)."""

    event_id: str
    timestamp: datetime | None
    workspace_id: str | None
    actor_type: str | None
    actor_user_id: str | None
    actor_email: str | None
    previous_message_id: str | None
    message: Message
    conversation: ConversationRef

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> ConversationMessageEvent:
        actor = _mapping(payload.get("actor"))
        principal = _mapping(payload.get("principal"))
        message = payload.get("message")
        conversation = payload.get("conversation")
        if not isinstance(message, Mapping):
            raise KeyError("missing 'message'")
        if not isinstance(conversation, Mapping):
            raise KeyError("missing 'conversation'")
        return cls(
            event_id=_required_str(payload, "event_id"),
            timestamp=parse_timestamp(payload.get("timestamp")),
            workspace_id=_optional_str(principal.get("id")),
            actor_type=_optional_str(actor.get("type")),
            actor_user_id=_optional_str(actor.get("user_id")),
            actor_email=_optional_str(actor.get("user_email")),
            previous_message_id=_optional_str(payload.get("previous_message_id")),
            message=Message.from_api(message),
            conversation=ConversationRef.from_api(conversation),
        )


@dataclass(frozen=True)
class Conversation:
    """A legacy REST conversation, re-sent whole (all messages) every time it changes."""

    id: str
    workspace_id: str | None = None
    user_id: str | None = None
    user_email: str | None = None
    title: str | None = None
    created_at: datetime | None = None
    last_active_at: datetime | None = None
    messages: tuple[Message, ...] = ()
    messages_truncated: bool = False

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Conversation:
        messages = payload.get("messages")
        return cls(
            id=_required_str(payload, "id"),
            workspace_id=_optional_str(payload.get("workspace_id")),
            user_id=_optional_str(payload.get("user_id")),
            user_email=_optional_str(payload.get("user_email")),
            title=_optional_str(payload.get("title")),
            created_at=parse_timestamp(payload.get("created_at")),
            last_active_at=parse_timestamp(payload.get("last_active_at")),
            messages=tuple(Message.from_api(item) for item in _mappings(messages)),
            messages_truncated=bool(_mapping(messages).get("has_more")),
        )


@dataclass(frozen=True)
class User:
    """A workspace member."""

    id: str
    email: str | None = None
    name: str | None = None
    created_at: datetime | None = None
    role: str | None = None
    status: str | None = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> User:
        return cls(
            id=_required_str(payload, "id"),
            email=_optional_str(payload.get("email")),
            name=_optional_str(payload.get("name")),
            created_at=parse_timestamp(payload.get("created_at")),
            role=_optional_str(payload.get("role")),
            status=_optional_str(payload.get("status")),
        )


@dataclass(frozen=True)
class GptConfig:
    """One configuration version of a custom GPT or project (instructions leak secrets)."""

    id: str | None = None
    name: str | None = None
    description: str | None = None
    instructions: str | None = None
    conversation_starters: tuple[str, ...] = ()
    files: tuple[FileRef, ...] = ()
    tools: tuple[Any, ...] = ()
    created_at: datetime | None = None

    def action_specs(self) -> list[tuple[str, str]]:
        """``(location, spec)`` of each custom action's OpenAPI spec (they often embed keys)."""
        return [
            (f"tools[{index}].action_openapi_raw", tool["action_openapi_raw"])
            for index, tool in enumerate(self.tools)
            if isinstance(tool, Mapping)
            and isinstance(tool.get("action_openapi_raw"), str)
            and tool["action_openapi_raw"].strip()
        ]

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> GptConfig:
        return cls(
            id=_optional_str(payload.get("id")),
            name=_optional_str(payload.get("name")),
            description=_optional_str(payload.get("description")),
            instructions=_optional_str(payload.get("instructions")),
            conversation_starters=_strings(payload.get("conversation_starters")),
            files=parse_file_refs(payload.get("files")),
            tools=tuple(list_items(payload.get("tools"))),
            created_at=parse_timestamp(payload.get("created_at")),
        )


ProjectConfig = GptConfig


@dataclass(frozen=True)
class _SharedObject:
    """Fields GPTs and projects have in common (the API serves both the same way)."""

    id: str
    created_at: datetime | None = None
    owner_id: str | None = None
    owner_email: str | None = None
    builder_name: str | None = None
    visibility: str | None = None
    recipients: tuple[Any, ...] = ()
    latest_config: tuple[GptConfig, ...] = ()

    @property
    def name(self) -> str | None:
        """Name of the newest configuration, if any."""
        return self.latest_config[0].name if self.latest_config else None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        sharing = _mapping(payload.get("sharing"))
        configs = payload.get("latest_config")
        if isinstance(configs, Mapping) and "data" not in configs:
            configs = [configs]
        return cls(
            id=_required_str(payload, "id"),
            created_at=parse_timestamp(payload.get("created_at")),
            owner_id=_optional_str(payload.get("owner_id")),
            owner_email=_optional_str(payload.get("owner_email")),
            builder_name=_optional_str(payload.get("builder_name")),
            visibility=_optional_str(sharing.get("visibility")),
            recipients=tuple(list_items(sharing.get("recipients"))),
            latest_config=tuple(GptConfig.from_api(item) for item in _mappings(configs)),
        )


@dataclass(frozen=True)
class Gpt(_SharedObject):
    """A custom GPT."""


@dataclass(frozen=True)
class Project(_SharedObject):
    """A ChatGPT project (served like a GPT)."""


@dataclass(frozen=True)
class Deletion:
    """Result of a DELETE; `already_gone` when the API said the object no longer exists."""

    id: str
    deleted: bool
    object: str | None = None
    already_gone: bool = False

    @classmethod
    def from_api(cls, payload: Mapping[str, Any], *, default_id: str) -> Deletion:
        return cls(
            id=str(payload.get("id") or default_id),
            deleted=bool(payload.get("deleted", True)),
            object=_optional_str(payload.get("object")),
        )
