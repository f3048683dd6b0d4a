"""Typed records for Compliance API payloads.

Each record is a dataclass whose fields declare the payload's shape (lenient types, the key
or path each is read from); ``from_api`` validates a payload against it with pydantic and
raises :class:`PayloadError` naming the field's path. Every ``from_api`` ignores unknown
fields and accepts the documented variants (ISO or Unix timestamps, ``author.type`` or
``author.role``, nested lists as arrays or list objects), because the API is only partly
documented and changes without notice. Constructing a record directly validates nothing.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any, Self, TypeVar

from pydantic import (
    AliasChoices,
    AliasPath,
    BeforeValidator,
    Field,
    PlainValidator,
    TypeAdapter,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from openai_connector.errors import OpenAIConnectorError
from openai_connector.event_types import CONVERSATION_MESSAGE
from openai_connector.validation import dotted, first_problems, invalid, shown

T = TypeVar("T")

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


class PayloadError(OpenAIConnectorError, KeyError):
    """A payload without a field every record needs, or with one of the wrong kind.

    The message names the field's path (``message: missing 'id'``,
    ``conversation.created_at: must be a timestamp …``). A ``KeyError`` (and in
    :data:`MODEL_ERRORS`) as the hand-written readers' errors were.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


# --- lenient field types: what the API sends in the documented variants ---------------------


def _missing() -> PydanticCustomError:
    return PydanticCustomError("missing", "Field required")


def _refused(value: Any, expected: str) -> PydanticCustomError:
    return invalid(f"must be {expected}, got {shown(value)}")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _text_or_none(value: Any) -> str | None:
    return _text(value or None)


def _required_text(value: Any) -> str:
    if value is None or value == "":
        raise _missing()
    return str(value)


def _count(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError, OverflowError):
        raise _refused(value, "a whole number") from None


def _timestamp(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return parse_timestamp(value)
    except (TypeError, ValueError, OverflowError, OSError):
        raise _refused(value, "an ISO 8601 or Unix timestamp") from None


def _required_timestamp(value: Any) -> datetime:
    parsed = _timestamp(value)
    if parsed is None:
        raise _missing()
    return parsed


def _items(value: Any) -> list[Any]:
    try:
        return list_items(value)
    except TypeError:
        raise _refused(value, "a list or a list object") from None


def _mappings(value: Any) -> list[Mapping[str, Any]]:
    """The object items of a nested list, skipping anything malformed."""
    return [item for item in _items(value) if isinstance(item, Mapping)]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


Text = Annotated[str | None, PlainValidator(_text)]
#: A value where an empty one (``""``, ``0``, ``false``) means none.
TextOrNone = Annotated[str | None, PlainValidator(_text_or_none)]
RequiredText = Annotated[str, PlainValidator(_required_text)]
Count = Annotated[int | None, PlainValidator(_count)]
Timestamp = Annotated[datetime | None, PlainValidator(_timestamp)]
Flag = Annotated[bool, PlainValidator(bool)]
Strings = Annotated[
    tuple[str, ...],
    PlainValidator(lambda value: tuple(str(item) for item in _items(value) if item is not None)),
]
Items = Annotated[tuple[Any, ...], PlainValidator(lambda value: tuple(_items(value)))]


def _at(*path: str) -> Any:
    """The field is read from ``path`` in the payload (a missing step: the default)."""
    return Field(validation_alias=AliasPath(*path))


def _either(*names: str) -> Any:
    """The field is read from the first of ``names`` the payload has."""
    return Field(validation_alias=AliasChoices(*names))


def payload_reader(model: Any, prepare: Any = None) -> TypeAdapter[Any]:
    """Validates a payload into ``model`` (a dataclass declaring the shape), after
    ``prepare`` (payload → payload) derives what no single field holds."""
    if prepare is None:
        return TypeAdapter(model)
    return TypeAdapter(Annotated[model, BeforeValidator(prepare)])


def read_payload(reader: TypeAdapter[T], payload: Any) -> T:
    try:
        return reader.validate_python(payload)
    except ValidationError as exc:
        raise PayloadError(_reason(exc)) from None


def _reason(error: ValidationError) -> str:
    """``missing 'id'``, ``message: missing 'id'``, ``files[0].size must be …``."""
    problem = first_problems(error)[0]
    if problem.missing and problem.loc:
        where = dotted(problem.loc[:-1])
        missing = f"missing '{problem.loc[-1]}'"
        return f"{where}: {missing}" if where else missing
    return problem.describe()


@dataclass(frozen=True)
class LogFile:
    """One immutable JSONL file of the logs platform."""

    id: RequiredText
    #: Absent or empty: a chat log (the first logs platform served nothing else).
    event_type: Annotated[str, PlainValidator(lambda value: str(value or CONVERSATION_MESSAGE))]
    end_time: Annotated[datetime, PlainValidator(_required_timestamp)]
    file_name: Text = None
    file_size: Count = None
    file_sha256: Annotated[
        str | None, PlainValidator(lambda value: str(value).lower() if value else None)
    ] = None

    @classmethod
    def from_api(
        cls, payload: Mapping[str, Any], *, end_time_fallback: datetime | None = None
    ) -> LogFile:
        """``end_time_fallback`` stands in for a missing ``end_time``: the listing is ascending,
        so the previous file's end is a safe lower bound (a watermark set from it replays, never
        skips)."""
        end_time = payload.get("end_time")
        if end_time_fallback is not None and end_time in (None, ""):
            end_time = end_time_fallback
        return read_payload(
            _LOG_FILE, {**payload, "event_type": payload.get("event_type"), "end_time": end_time}
        )


@dataclass(frozen=True)
class FileRef:
    """A file attached to a message or a GPT/project config (a bare string is its id)."""

    id: RequiredText
    name: Text = None
    user_id: Text = None
    download_url: Text = field(default=None, repr=False)
    created_at: Timestamp = None
    mime_type: Annotated[Text, _either("mime_type", "mime")] = None
    size: Annotated[Count, _either("size_bytes", "size")] = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> FileRef:
        return read_payload(_FILE_REF, payload)


def _file_items(value: Any) -> list[Any]:
    return [
        {"id": item} if isinstance(item, str) else item
        for item in _items(value)
        if isinstance(item, str | Mapping)
    ]


FileRefs = Annotated[tuple[FileRef, ...], BeforeValidator(_file_items)]

#: The attribution fields, as API payloads and catalog columns name them.
ATTRIBUTION_COLUMNS = ("gpt_id", "gpt_name", "project_id", "project_name")


@dataclass(frozen=True)
class Attribution:
    """The custom GPT or project a conversation ran in ("which GPT is leaking?")."""

    gpt_id: TextOrNone = None
    gpt_name: TextOrNone = None
    project_id: TextOrNone = None
    project_name: TextOrNone = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Attribution:
        return read_payload(_ATTRIBUTION, payload)

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


def _object(value: Any) -> Mapping[str, Any]:
    """A nested record the payload must have."""
    if not isinstance(value, Mapping):
        raise _missing()
    return value


def _message_payload(value: Any) -> dict[str, Any]:
    """What no single field of a message holds: the author's role (``type``, else ``role``),
    the content's type and text, the annotations of content and message, the attribution."""
    payload = _object(value)
    author = _mapping(payload.get("author"))
    raw_content = payload.get("content")
    content = _mapping(raw_content)
    content_type = content.get("type", content.get("content_type"))
    if raw_content is not None and content_type is None:
        content_type = "unknown"
    return {
        **payload,
        "author_role": author.get("type") or author.get("role"),
        "content_type": content_type,
        "text": _content_text(content),
        "quote": content.get("quote"),
        "annotations": (
            *_mappings(content.get("annotations")),
            *_mappings(payload.get("annotations")),
        ),
        "attribution": payload,
    }


@dataclass(frozen=True)
class Message:
    """A message from a log event or a legacy conversation.

    `content_type` is None when the content was null; `text` is None when there was no text
    value (a non-text content type keeps its type so it is never silently dropped).
    """

    id: RequiredText
    created_at: Timestamp = None
    author_role: Text = None
    author_model: Annotated[Text, _at("author", "model")] = None
    author_tool_name: Annotated[Text, _at("author", "tool_name")] = None
    tools_used: Annotated[Strings, _at("author", "tools_used")] = ()
    client_type: Annotated[Text, _at("author", "client_type")] = None
    content_type: Text = None
    text: Text = None
    quote: TextOrNone = None
    annotations: Annotated[tuple[Mapping[str, Any], ...], PlainValidator(tuple)] = ()
    files: FileRefs = ()
    parent_id: Text = None
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
        return read_payload(_MESSAGE, payload)


MessageIn = Annotated[Message, BeforeValidator(_message_payload)]


def _with_attribution(value: Any) -> dict[str, Any]:
    """A record whose attribution fields sit beside its own."""
    payload = _object(value)
    return {**payload, "attribution": payload}


@dataclass(frozen=True)
class ConversationRef:
    """The conversation a log event belongs to, as it was when the event was written."""

    id: RequiredText
    title: Text = None
    created_at: Timestamp = None
    is_pinned: Flag = False
    is_temporary_chat: Flag = False
    attribution: Attribution = field(default_factory=Attribution)

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> ConversationRef:
        return read_payload(_CONVERSATION_REF, payload)


def _event_payload(value: Any) -> dict[str, Any]:
    """The event's envelope: workspace (``principal``) and actor fields, flattened."""
    payload = _object(value)
    actor = _mapping(payload.get("actor"))
    return {
        **payload,
        "timestamp": payload.get("timestamp"),
        "workspace_id": _mapping(payload.get("principal")).get("id"),
        "actor_type": actor.get("type"),
        "actor_user_id": actor.get("user_id"),
        "actor_email": actor.get("user_email"),
        "previous_message_id": payload.get("previous_message_id"),
    }


@dataclass(frozen=True)
class ConversationMessageEvent:
    """One CONVERSATION_MESSAGE line of a log file (delivered at least once)."""

    event_id: RequiredText
    timestamp: Timestamp
    workspace_id: Text
    actor_type: Text
    actor_user_id: Text
    actor_email: Text
    previous_message_id: Text
    message: MessageIn
    conversation: Annotated[ConversationRef, BeforeValidator(_with_attribution)]

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> ConversationMessageEvent:
        return read_payload(_EVENT, payload)


@dataclass(frozen=True)
class Conversation:
    """A legacy REST conversation, re-sent whole (all messages) every time it changes."""

    id: RequiredText
    workspace_id: Text = None
    user_id: Text = None
    user_email: Text = None
    title: Text = None
    created_at: Timestamp = None
    last_active_at: Timestamp = None
    messages: Annotated[tuple[MessageIn, ...], BeforeValidator(_mappings)] = ()
    messages_truncated: Annotated[Flag, _at("messages", "has_more")] = False

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Conversation:
        return read_payload(_CONVERSATION, payload)


@dataclass(frozen=True)
class User:
    """A workspace member."""

    id: RequiredText
    email: Text = None
    name: Text = None
    created_at: Timestamp = None
    role: Text = None
    status: Text = None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> User:
        return read_payload(_USER, payload)


@dataclass(frozen=True)
class GptConfig:
    """One configuration version of a custom GPT or project (instructions leak secrets)."""

    id: Text = None
    name: Text = None
    description: Text = None
    instructions: Text = None
    conversation_starters: Strings = ()
    files: FileRefs = ()
    tools: Items = ()
    created_at: Timestamp = None

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
        return read_payload(_GPT_CONFIG, payload)


def _configs(value: Any) -> list[Mapping[str, Any]]:
    """``latest_config``: one object, or a list (object) of them."""
    if isinstance(value, Mapping) and "data" not in value:
        value = [value]
    return _mappings(value)


@dataclass(frozen=True)
class _SharedObject:
    """Fields GPTs and projects have in common (the API serves both the same way)."""

    id: RequiredText
    created_at: Timestamp = None
    owner_id: Text = None
    owner_email: Text = None
    builder_name: Text = None
    visibility: Annotated[Text, _at("sharing", "visibility")] = None
    recipients: Annotated[Items, _at("sharing", "recipients")] = ()
    latest_config: Annotated[tuple[GptConfig, ...], BeforeValidator(_configs)] = ()

    @property
    def name(self) -> str | None:
        """Name of the newest configuration, if any."""
        return self.latest_config[0].name if self.latest_config else None

    @classmethod
    def from_api(cls, payload: Mapping[str, Any]) -> Self:
        return read_payload(_SHARED[cls], payload)


@dataclass(frozen=True)
class Gpt(_SharedObject):
    """A custom GPT."""


@dataclass(frozen=True)
class Project(_SharedObject):
    """A ChatGPT project (served like a GPT)."""


@dataclass(frozen=True)
class Deletion:
    """Result of a DELETE; `already_gone` when the API said the object no longer exists."""

    id: Annotated[str, PlainValidator(str)]
    deleted: Flag
    object: Text = None
    already_gone: bool = False

    @classmethod
    def from_api(cls, payload: Mapping[str, Any], *, default_id: str) -> Deletion:
        return read_payload(
            _DELETION,
            {
                "id": payload.get("id") or default_id,
                "deleted": payload.get("deleted", True),
                "object": payload.get("object"),
            },
        )


_LOG_FILE = payload_reader(LogFile)
_FILE_REF = payload_reader(FileRef)
_ATTRIBUTION = payload_reader(Attribution)
_MESSAGE = payload_reader(Message, _message_payload)
_CONVERSATION_REF = payload_reader(ConversationRef, _with_attribution)
_EVENT = payload_reader(ConversationMessageEvent, _event_payload)
_CONVERSATION = payload_reader(Conversation)
_USER = payload_reader(User)
_GPT_CONFIG = payload_reader(GptConfig)
_SHARED: dict[type, TypeAdapter[Any]] = {kind: payload_reader(kind) for kind in (Gpt, Project)}
_DELETION = payload_reader(Deletion)
