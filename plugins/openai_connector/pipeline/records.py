"""Typed API objects → catalog rows. Pure functions: no I/O, no classification."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from openai_connector.api.models import Attribution
from openai_connector.constants import SEVERITY_RANK

if TYPE_CHECKING:
    from openai_connector.api.models import (
        Conversation,
        ConversationMessageEvent,
        FileRef,
        Gpt,
        Message,
        Project,
        User,
    )


def highest_severity(severities: Iterable[str | None]) -> str | None:
    ranked = [s for s in severities if s]
    return max(ranked, key=SEVERITY_RANK.__getitem__) if ranked else None


def count_by_type(entity_types: Iterable[str]) -> str | None:
    """Finding counts per entity type as a JSON object (queryable with DuckDB's JSON functions)."""
    counts = Counter(entity_types)
    return json.dumps(dict(sorted(counts.items()))) if counts else None


def add_type_counts(total: Counter[str], encoded: str | None) -> None:
    """Add a ``count_by_type`` value into a running total."""
    if encoded:
        total.update(json.loads(encoded))


def text_digest(text: str | None) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else None


def message_row(
    workspace_id: str,
    message: Message,
    *,
    conversation_id: str,
    user_id: str | None,
    user_email: str | None,
    parent_id: str | None,
    source: str,
    attribution: Attribution,
    event_id: str | None = None,
    log_file_id: str | None = None,
) -> dict[str, Any]:
    """The message's metadata; text, findings and storage are filled in at landing.

    ``attribution`` is the conversation's GPT/project; the message's own wins where it has one.
    """
    return {
        "workspace_id": workspace_id,
        "message_id": message.id,
        "conversation_id": conversation_id,
        "parent_id": parent_id,
        "event_id": event_id,
        "log_file_id": log_file_id,
        "user_id": user_id,
        "user_email": user_email,
        "author_role": message.author_role,
        "author_model": message.author_model,
        "created_at": message.created_at,
        "content_type": message.content_type,
        "text_sha256": text_digest(message.text),
        "text_length": len(message.text) if message.text is not None else 0,
        "file_ids": [ref.id for ref in message.files],
        **message.attribution.or_else(attribution).as_row(),
        "status": "active",
        "source": source,
    }


def conversation_from_event(workspace_id: str, event: ConversationMessageEvent) -> dict[str, Any]:
    conversation = event.conversation
    moment = event.timestamp or event.message.created_at
    return {
        "workspace_id": workspace_id,
        "conversation_id": conversation.id,
        "title": conversation.title or None,
        "user_id": event.actor_user_id if event.message.author_role == "user" else None,
        "user_email": event.actor_email if event.message.author_role == "user" else None,
        "created_at": conversation.created_at,
        "updated_at": moment,
        "is_temporary": conversation.is_temporary_chat,
        "is_pinned": conversation.is_pinned,
        **conversation.attribution.as_row(),
        "status": "active",
        "source": "logs",
    }


def conversation_from_legacy(workspace_id: str, conversation: Conversation) -> dict[str, Any]:
    """The legacy surface names the GPT/project on each message: the conversation takes the
    first message's."""
    attribution = Attribution()
    for message in conversation.messages:
        attribution = attribution.or_else(message.attribution)
    return {
        "workspace_id": workspace_id,
        "conversation_id": conversation.id,
        "title": conversation.title or None,
        "user_id": conversation.user_id,
        "user_email": conversation.user_email,
        "created_at": conversation.created_at,
        "updated_at": conversation.last_active_at,
        "is_temporary": False,
        "is_pinned": False,
        **attribution.as_row(),
        "status": "active",
        "source": "legacy",
    }


def merge_conversation(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Combine what is known of one conversation: the latest title wins, times widen."""
    if old is None:
        return dict(new)
    older, newer = sorted((old, new), key=lambda row: _moment(row.get("updated_at")))
    merged = {**older, **{k: v for k, v in newer.items() if v is not None}}
    merged["title"] = newer.get("title") or older.get("title")
    merged["user_id"] = old.get("user_id") or new.get("user_id")
    merged["user_email"] = old.get("user_email") or new.get("user_email")
    created = [moment for row in (old, new) if (moment := row.get("created_at"))]
    merged["created_at"] = min(created) if created else None
    return merged


def _moment(value: datetime | None) -> float:
    return value.timestamp() if value else float("-inf")


def chat_file_row(
    workspace_id: str,
    ref: FileRef,
    *,
    user_id: str | None,
    conversation_id: str | None,
    message_id: str | None,
    sent_at: datetime | None,
    seen_at: datetime,
) -> dict[str, Any]:
    """A chat upload's row; without its own upload time it was uploaded with its message."""
    owner = ref.user_id or user_id
    return {
        "workspace_id": workspace_id,
        "file_id": ref.id,
        "kind": "user",
        "owner_id": owner,
        "user_id": owner,
        "conversation_id": conversation_id,
        "message_id": message_id,
        "name": ref.name,
        "status": "pending",
        "uploaded_at": ref.created_at or sent_at,
        "first_seen_at": seen_at,
    }


def knowledge_file_row(
    workspace_id: str, ref: FileRef, *, kind: str, owner_id: str, seen_at: datetime
) -> dict[str, Any]:
    return {
        "workspace_id": workspace_id,
        "file_id": ref.id,
        "kind": kind,
        "owner_id": owner_id,
        "gpt_id": owner_id if kind == "gpt" else None,
        "project_id": owner_id if kind == "project" else None,
        "name": ref.name,
        "status": "pending",
        "uploaded_at": ref.created_at,
        "first_seen_at": seen_at,
    }


def user_row(workspace_id: str, user: User) -> dict[str, Any]:
    return {
        "workspace_id": workspace_id,
        "user_id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "status": user.status,
        "created_at": user.created_at,
    }


def shared_object_row(workspace_id: str, kind: str, item: Gpt | Project) -> dict[str, Any]:
    config = item.latest_config[0] if item.latest_config else None
    return {
        "workspace_id": workspace_id,
        f"{kind}_id": item.id,
        "name": config.name if config else None,
        "description": config.description if config else None,
        "owner_id": item.owner_id,
        "owner_email": item.owner_email,
        "builder_name": item.builder_name,
        "visibility": item.visibility,
        "created_at": item.created_at,
        "file_ids": [ref.id for ref in config.files] if config else [],
        "status": "active",
    }
