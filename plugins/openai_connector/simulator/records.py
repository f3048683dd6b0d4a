"""What a simulated workspace holds: its objects as records, and the state they share.

Objects are never removed: deletion sets a flag, which keeps pagination cursors on deleted
ids valid and lets the ground truth list what was deleted.
"""

from __future__ import annotations

import hashlib
import random
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from openai_connector.simulator import documents


@dataclass
class User:
    id: str
    email: str
    name: str
    role: str
    status: str
    created_at: datetime


@dataclass(slots=True)
class Conversation:
    id: str
    user_id: str
    title: str
    created_at: datetime
    updated_at: datetime
    is_temporary: bool
    is_pinned: bool
    gpt_id: str | None = None
    project_id: str | None = None
    message_ids: list[str] = field(default_factory=list)
    deleted: bool = False


@dataclass(slots=True)
class Message:
    id: str
    event_id: str
    conversation_id: str
    parent_id: str | None
    role: str
    created_at: datetime
    content_type: str | None
    text: str | None
    title_seen: str
    author_key: str = "type"
    model: str | None = None
    tool_name: str | None = None
    annotations: list[dict[str, object]] = field(default_factory=list)
    file_ids: list[str] = field(default_factory=list)
    files_as_list_object: bool = False
    #: ``content.quote``: text the message quotes from a source.
    quote: str | None = None


@dataclass
class StoredFile:
    id: str
    kind: str  # user | gpt | project
    owner_id: str
    name: str
    format: str
    text: str
    created_at: datetime
    conversation_id: str | None = None
    message_id: str | None = None
    aged_out: bool = False
    deleted: bool = False
    #: Served as is instead of rendering ``text`` (hostile files: binary, zip bomb, latin-1).
    raw_body: bytes | None = field(default=None, repr=False)

    @property
    def mime_type(self) -> str:
        return documents.MIME_TYPES[self.format]

    @cached_property
    def body(self) -> bytes:
        if self.raw_body is not None:
            return self.raw_body
        return documents.render(self.format, self.text)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass
class Assistant:
    """A custom GPT (``g-…``) or a project (``g-p-…``); the API shapes them alike."""

    id: str
    kind: str  # gpt | project
    owner_id: str
    name: str
    description: str
    instructions: str
    created_at: datetime
    config_id: str
    conversation_starters: list[str] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    file_ids: list[str] = field(default_factory=list)
    shared_user_ids: list[str] = field(default_factory=list)
    visibility: str = "workspace"
    deleted: bool = False
    #: Custom actions (``custom_action`` tools), their OpenAPI specs holding planted secrets.
    actions: list[dict[str, object]] = field(default_factory=list)


@dataclass
class LogFile:
    id: str
    event_type: str
    end_time: datetime
    message_ids: list[str] = field(default_factory=list)
    static_events: list[dict[str, object]] = field(default_factory=list)
    #: Raw lines served between the events (hostile content: corrupt or unknown lines).
    extra_lines: list[bytes] = field(default_factory=list)
    #: A body served verbatim instead of the events (payloads a test publishes as is).
    raw_body: bytes | None = None

    @property
    def file_name(self) -> str:
        return f"{self.event_type.lower()}_{self.end_time:%Y%m%dT%H%M%S%f}Z_{self.id[-8:]}.jsonl"


@dataclass(frozen=True)
class ServedLog:
    """A log file's body as served, and the digest the listing announces for it."""

    body: bytes
    sha256: str


@dataclass(frozen=True)
class Planted:
    object_type: str
    object_id: str
    entity_type: str
    value: str
    field: str
    offset: int


@dataclass(frozen=True)
class Deletion:
    object_type: str
    id: str


class WorkspaceState:
    """The state every part of a workspace shares: its identity, objects and ground truth.

    Generation (:mod:`.generation`), the objects' lifecycle (:mod:`.lifecycle`) and the wire
    format (:mod:`.wire`) are mixins over it; :class:`.workspace.Workspace` combines them.
    """

    seed: int
    generated_at: datetime
    id: str
    organization_id: str
    name: str
    domain: str
    users: dict[str, User]
    conversations: dict[str, Conversation]
    messages: dict[str, Message]
    files: dict[str, StoredFile]
    assistants: dict[str, Assistant]
    log_files: dict[str, list[LogFile]]
    planted: list[Planted]
    deletions: list[Deletion]
    _rng: random.Random
    #: Served log bodies by (log file id, duplicate rate, concatenation rate, deep JSON).
    _served_logs: OrderedDict[tuple[str, float, float, bool], ServedLog]
