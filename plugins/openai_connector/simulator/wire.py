"""The wire format: a workspace's objects as the Compliance API serves them.

Log files are served as JSON Lines of events, purged of deleted data, with the faults a
run asked for (re-delivered events, concatenated JSON, a deeply nested line) applied. Bodies
are kept for the most recently served files only, so memory grows with the messages'
metadata, not with what was served.
"""

from __future__ import annotations

import hashlib
import json

from openai_connector.event_types import CONVERSATION_MESSAGE
from openai_connector.simulator.faults import FaultDice
from openai_connector.simulator.lifecycle import Lifecycle
from openai_connector.simulator.records import Conversation, LogFile, Message, ServedLog, StoredFile
from openai_connector.simulator.timefmt import iso

#: The ``deep_json`` fault's line: valid JSON nested 50,000 levels deep.
DEEP_JSON_LINE = b"[" * 50_000 + b"]" * 50_000
#: Served log bodies kept: more than one listing page (100 files), whose downloads follow it.
SERVED_LOG_CACHE = 128


class WireFormat(Lifecycle):
    """Log bodies and the API's shapes of the workspace's objects."""

    def served_log(self, log_file: LogFile, dice: FaultDice) -> ServedLog:
        """The JSONL body as served now: purged of deleted data, with re-delivered events.

        Built once per file and ``duplicate_events`` rate while among the most recently served;
        deletions drop every cached body.
        """
        rate = dice.spec.rate("duplicate_events")
        deep = dice.stable_hit("deep_json", log_file.id)
        key = (log_file.id, rate, dice.spec.rate("concatenated"), deep)
        if log_file.raw_body is not None:
            return ServedLog(log_file.raw_body, hashlib.sha256(log_file.raw_body).hexdigest())
        if key in self._served_logs:
            self._served_logs.move_to_end(key)
        else:
            events = self._events(log_file)
            siblings = self.log_files[log_file.event_type]
            position = siblings.index(log_file)
            if position and rate:
                events += [
                    event
                    for event in self._events(siblings[position - 1])
                    if dice.stable_hit("duplicate_events", str(event["event_id"]))
                ]
            lines = [json.dumps(event, ensure_ascii=False).encode() for event in events]
            if dice.stable_hit("concatenated", log_file.id):
                lines = _concatenated(lines)
            if deep:
                lines.append(DEEP_JSON_LINE)
            body = b"".join(line + b"\n" for line in _interleave(lines, log_file.extra_lines))
            self._served_logs[key] = ServedLog(body, hashlib.sha256(body).hexdigest())
            if len(self._served_logs) > SERVED_LOG_CACHE:
                self._served_logs.popitem(last=False)
        return self._served_logs[key]

    def _events(self, log_file: LogFile) -> list[dict[str, object]]:
        return list(log_file.static_events) or self._message_events(log_file.message_ids)

    def _message_events(self, message_ids: list[str]) -> list[dict[str, object]]:
        events = []
        for message_id in message_ids:
            message = self.messages[message_id]
            conversation = self.conversations[message.conversation_id]
            if not conversation.deleted:
                events.append(self._message_event(message, conversation))
        return events

    def _message_event(self, message: Message, conversation: Conversation) -> dict[str, object]:
        user = self.users[conversation.user_id]
        author: dict[str, object] = {message.author_key: message.role}
        if message.role == "user":
            author["client_type"] = "desktop_web"
        if message.model:
            author["model"] = message.model
            author["tools_used"] = ["browser"] if message.annotations else []
            author["skills_used"] = []
        content = message_content(message)
        body: dict[str, object] = {
            "id": message.id,
            "created_at": iso(message.created_at),
            "author": author,
            "content": content,
        }
        file_ids = self.live_file_ids(message)
        if file_ids:
            items = [self.file_reference(self.files[f]) for f in file_ids]
            body["files"] = list_object(items) if message.files_as_list_object else items
        event: dict[str, object] = {
            "event_id": message.event_id,
            "type": CONVERSATION_MESSAGE,
            "principal": {"id": self.id, "type": "CHATGPT_WORKSPACE"},
            "actor": {"type": "ACCOUNT_USER", "user_id": user.id, "user_email": user.email},
            "timestamp": iso(message.created_at),
        }
        if message.parent_id:
            event["previous_message_id"] = message.parent_id
        event["message"] = body
        event["conversation"] = {
            "id": conversation.id,
            "title": message.title_seen,
            "created_at": iso(conversation.created_at),
            "is_pinned": conversation.is_pinned,
            "is_temporary_chat": conversation.is_temporary,
            **self.attribution(conversation),
        }
        return event

    def attribution(self, conversation: Conversation) -> dict[str, str]:
        """The GPT or project a conversation ran in, as the log event's conversation names it."""
        fields: dict[str, str] = {}
        kinds = (("gpt", conversation.gpt_id), ("project", conversation.project_id))
        for kind, assistant_id in kinds:
            if assistant_id:
                name = self.assistants[assistant_id].name
                fields |= {f"{kind}_id": assistant_id, f"{kind}_name": name}
        return fields

    def file_reference(self, stored: StoredFile) -> dict[str, object]:
        return {
            "id": stored.id,
            "name": stored.name,
            "mime_type": stored.mime_type,
            "size_bytes": len(stored.body),
            "created_at": iso(stored.created_at),
            "user_id": stored.owner_id if stored.kind == "user" else None,
        }


def list_object(items: list[dict[str, object]], has_more: bool = False) -> dict[str, object]:
    """The legacy list envelope (also used for nested lists)."""
    return {
        "object": "list",
        "data": items,
        "first_id": items[0].get("id") if items else None,
        "last_id": items[-1].get("id") if items else None,
        "has_more": has_more,
    }


def message_content(message: Message) -> dict[str, object] | None:
    """A message's ``content`` as both surfaces serve it (null for content-less messages)."""
    if message.content_type is None:
        return None
    content: dict[str, object] = {
        "type": message.content_type,
        "value": message.text,
        "annotations": message.annotations,
    }
    if message.quote:
        content["quote"] = message.quote
    return content


def _interleave(lines: list[bytes], extra: list[bytes]) -> list[bytes]:
    """``extra`` spread between ``lines``: one after each line, the rest at the end."""
    mixed: list[bytes] = []
    for index, line in enumerate(lines):
        mixed.append(line)
        if index < len(extra):
            mixed.append(extra[index])
    return mixed + extra[len(lines) :]


def _concatenated(lines: list[bytes]) -> list[bytes]:
    """Pairs of events on one line ("concatenated JSON"), alternately glued and spaced."""
    pairs = [lines[index : index + 2] for index in range(0, len(lines), 2)]
    return [(b"" if n % 2 else b" ").join(pair) for n, pair in enumerate(pairs)]
