"""The ground-truth manifest: exactly what a correct, complete pull of the simulator sees.

Deleted objects are left out of every list (the simulator purges them from lists and log
downloads alike) and named under ``deleted`` instead. Timestamps are ISO 8601 strings as on
the logs platform; ``text`` is the message content exactly as served (``None`` when the
content is null). Planted offsets count characters of the object's ``field``: a message's
``text``, a GPT's or project's ``instructions`` or a custom action's
``tools[i].action_openapi_raw``, a file's extracted ``text``, or an event's field path
(``event_details.prompt_text``). ``events`` lists every event of every other log type, and
the events of unknown types served among chat messages, each exactly once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from openai_connector.simulator.faults import FaultDice
from openai_connector.simulator.timefmt import iso
from openai_connector.simulator.workspace import Workspace

Record = dict[str, Any]


@dataclass
class GroundTruth:
    workspace_id: str
    workspace_name: str
    organization_id: str
    users: list[Record] = field(default_factory=list)
    conversations: list[Record] = field(default_factory=list)
    messages: list[Record] = field(default_factory=list)
    files: list[Record] = field(default_factory=list)
    gpts: list[Record] = field(default_factory=list)
    projects: list[Record] = field(default_factory=list)
    events: list[Record] = field(default_factory=list)
    planted: list[Record] = field(default_factory=list)
    deleted: list[Record] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_truth(workspace: Workspace, dice: FaultDice) -> GroundTruth:
    truth = GroundTruth(workspace.id, workspace.name, workspace.organization_id)
    truth.users = [
        {
            "id": u.id,
            "email": u.email,
            "name": u.name,
            "role": u.role,
            "status": u.status,
            "created_at": iso(u.created_at),
        }
        for u in sorted(workspace.users.values(), key=lambda u: u.id)
    ]
    live_conversations = [c for c in workspace.conversations.values() if not c.deleted]
    live_ids: set[str] = set()
    for conversation in live_conversations:
        live_ids.add(conversation.id)
        truth.conversations.append(
            {
                "id": conversation.id,
                "user_id": conversation.user_id,
                "title": conversation.title,
                "created_at": iso(conversation.created_at),
                "updated_at": iso(conversation.updated_at),
                "is_temporary": conversation.is_temporary,
                "is_pinned": conversation.is_pinned,
                "gpt_id": conversation.gpt_id,
                "project_id": conversation.project_id,
                **workspace.attribution(conversation),
                "message_ids": list(conversation.message_ids),
            }
        )
        for message in workspace.messages_of(conversation):
            live_ids.add(message.id)
            truth.messages.append(
                {
                    "id": message.id,
                    "conversation_id": conversation.id,
                    "parent_id": message.parent_id,
                    "role": message.role,
                    "created_at": iso(message.created_at),
                    "content_type": message.content_type,
                    "text": message.text,
                    "model": message.model,
                    "tool_name": message.tool_name,
                    "file_ids": workspace.live_file_ids(message),
                }
            )
    for stored in workspace.files.values():
        if stored.deleted:
            continue
        live_ids.add(stored.id)
        truth.files.append(
            {
                "id": stored.id,
                "kind": stored.kind,
                "owner_id": stored.owner_id,
                "conversation_id": stored.conversation_id,
                "message_id": stored.message_id,
                "name": stored.name,
                "mime": stored.mime_type,
                "size": len(stored.body),
                "sha256": stored.sha256,
                "created_at": iso(stored.created_at),
                "expired": workspace.is_expired(stored, dice),
                "text": stored.text,
            }
        )
    for assistant in workspace.assistants.values():
        if assistant.deleted:
            continue
        live_ids.add(assistant.id)
        target = truth.gpts if assistant.kind == "gpt" else truth.projects
        target.append(
            {
                "id": assistant.id,
                "owner_id": assistant.owner_id,
                "name": assistant.name,
                "description": assistant.description,
                "instructions": assistant.instructions,
                "created_at": iso(assistant.created_at),
                "file_ids": workspace.live_file_ids(assistant),
                "visibility": assistant.visibility,
                "shared_user_ids": list(assistant.shared_user_ids),
            }
        )
    truth.events = workspace.other_events()
    live_ids.update(str(event["id"]) for event in truth.events)
    truth.planted = [
        {
            "object_type": p.object_type,
            "object_id": p.object_id,
            "entity_type": p.entity_type,
            "value": p.value,
            "field": p.field,
            "offset": p.offset,
        }
        for p in workspace.planted
        if p.object_id in live_ids
    ]
    truth.deleted = [{"object_type": d.object_type, "id": d.id} for d in workspace.deletions]
    return truth
