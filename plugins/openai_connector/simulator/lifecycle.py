"""What happens to a workspace's objects after generation: deletion and expiry.

Deletion sets a flag (cursors on deleted ids stay valid), records the deletion in the
ground truth and drops every served log body, so the next download is purged of it. Chat
uploads expire 48 hours after they were made, as the real API's do.
"""

from __future__ import annotations

from datetime import timedelta

from openai_connector.simulator.faults import FaultDice
from openai_connector.simulator.records import (
    Assistant,
    Deletion,
    Message,
    StoredFile,
    WorkspaceState,
)

CHAT_UPLOAD_RETENTION = timedelta(hours=48)


class Lifecycle(WorkspaceState):
    """Live objects, deletions and expiry."""

    def is_expired(self, stored: StoredFile, dice: FaultDice) -> bool:
        """Chat uploads age out after 48 hours; the ``expired_files`` fault expires more."""
        if stored.kind != "user":
            return False
        return stored.aged_out or dice.stable_hit("expired_files", stored.id)

    def live_file_ids(self, holder: Message | Assistant) -> list[str]:
        """The files a message or a GPT/project still has (deleted ones are purged)."""
        return [f for f in holder.file_ids if not self.files[f].deleted]

    def file(
        self, file_id: str, kind: str | None = None, owner_id: str | None = None
    ) -> StoredFile | None:
        """A live file, optionally only of that kind (user, gpt, project) and owner."""
        stored = self.files.get(file_id)
        if (
            stored is None
            or stored.deleted
            or (kind is not None and stored.kind != kind)
            or (owner_id is not None and stored.owner_id != owner_id)
        ):
            return None
        return stored

    def counts(self) -> dict[str, int]:
        """Live users, conversations, messages, files, GPTs and projects."""
        conversations = [c for c in self.conversations.values() if not c.deleted]
        assistants = [a for a in self.assistants.values() if not a.deleted]
        return {
            "users": len(self.users),
            "conversations": len(conversations),
            "messages": sum(len(c.message_ids) for c in conversations),
            "files": sum(not f.deleted for f in self.files.values()),
            "gpts": sum(a.kind == "gpt" for a in assistants),
            "projects": sum(a.kind == "project" for a in assistants),
        }

    def _mark_deleted(self, object_type: str, object_id: str) -> None:
        self.deletions.append(Deletion(object_type, object_id))
        self._served_logs.clear()

    def delete_conversation(self, conversation_id: str) -> bool:
        conversation = self.conversations.get(conversation_id)
        if conversation is None or conversation.deleted:
            return False
        conversation.deleted = True
        self._mark_deleted("conversation", conversation_id)
        for message_id in conversation.message_ids:
            self.deletions.append(Deletion("message", message_id))
        return True

    def delete_file(self, file_id: str, kind: str, owner_id: str) -> bool:
        stored = self.file(file_id, kind, owner_id)
        if stored is None:
            return False
        stored.deleted = True
        self._mark_deleted("file", file_id)
        return True

    def delete_assistant(self, assistant_id: str, kind: str) -> bool:
        assistant = self.assistant(assistant_id, kind)
        if assistant is None:
            return False
        assistant.deleted = True
        self._mark_deleted(kind, assistant_id)
        for file_id in assistant.file_ids:
            if not self.files[file_id].deleted:
                self.files[file_id].deleted = True
                self.deletions.append(Deletion("file", file_id))
        return True

    def unshare(self, assistant_id: str, kind: str) -> bool:
        assistant = self.assistant(assistant_id, kind)
        if assistant is None or not assistant.shared_user_ids:
            return False
        assistant.shared_user_ids = []
        assistant.visibility = "invite-only"
        self._mark_deleted(f"{kind}_shared_users", assistant_id)
        return True

    def assistant(self, assistant_id: str, kind: str) -> Assistant | None:
        assistant = self.assistants.get(assistant_id)
        if assistant is None or assistant.deleted or assistant.kind != kind:
            return None
        return assistant
