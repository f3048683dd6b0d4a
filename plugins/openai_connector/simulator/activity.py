"""New activity in a generated workspace, on demand (the admin endpoint, tests, benches).

New conversations, messages and files are drawn from the workspace's random source like the
generated ones and published in a log file ending after every other, so a later run picks
them up exactly as it would pick up a real workspace's new activity.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from openai_connector.event_types import CONVERSATION_MESSAGE
from openai_connector.simulator.generation import TITLES, Generation
from openai_connector.simulator.timefmt import truncate_to_millis


class Activity(Generation):
    """Adds conversations and raw log files after generation."""

    def add_activity(
        self,
        now: datetime,
        conversations: int,
        messages_per_conversation: int,
        files: int,
        prompts: Sequence[str] = (),
        gpt_id: str | None = None,
    ) -> dict[str, list[str]]:
        """New conversations just before ``now``, published in one log file after all others.

        ``prompts`` replace the generated texts of the first new user messages, in order, so a
        test can plant exactly the values it then looks for; ``gpt_id`` runs the new
        conversations in that GPT.
        """
        if gpt_id is not None and gpt_id not in self._assistant_ids["gpt"]:
            raise ValueError(f"no GPT {gpt_id!r} in this workspace")
        if conversations < 0 or messages_per_conversation < 1 or files < 0:
            raise ValueError("conversations and files must be >= 0, messages_per_conversation >= 1")
        if files and not conversations:
            raise ValueError("files are attached to new conversations: ask for at least one")
        now = truncate_to_millis(now)
        last_end = max(f.end_time for files_ in self.log_files.values() for f in files_)
        start = max(last_end, now - timedelta(seconds=60))
        total = conversations * messages_per_conversation
        step = max((now - start) / (total + 1), timedelta(milliseconds=1))
        new_conversations = []
        before = set(self.messages)
        for index in range(conversations):
            conversation = self._new_conversation(
                truncate_to_millis(start + step * index * messages_per_conversation),
                self._rng.choice(TITLES),
                temporary=False,
            )
            if gpt_id is not None:
                conversation.gpt_id, conversation.project_id = gpt_id, None
            self._add_linear_messages(conversation, messages_per_conversation, step)
            new_conversations.append(conversation)
        new_files = [self._attach_file(new_conversations[i % conversations]) for i in range(files)]
        new_message_ids = [m for m in self.messages if m not in before]
        new_messages = [self.messages[message_id] for message_id in new_message_ids]
        user_messages = [message for message in new_messages if message.role == "user"]
        if len(prompts) > len(user_messages):
            raise ValueError(f"{len(prompts)} prompts for {len(user_messages)} new user messages")
        for message, prompt in zip(user_messages, prompts, strict=False):
            message.text = prompt
        log_ids: list[str] = []
        if new_message_ids:
            newest = max(self.messages[m].created_at for m in new_message_ids)
            end_time = max(now, last_end, newest) + timedelta(milliseconds=1)
            log_ids.append(self._publish(CONVERSATION_MESSAGE, end_time, new_message_ids).id)
        return {
            "conversation_ids": [c.id for c in new_conversations],
            "message_ids": new_message_ids,
            "file_ids": [f.id for f in new_files],
            "log_file_ids": log_ids,
        }

    def publish_raw_log(self, now: datetime, event_type: str, body: bytes) -> str:
        """A log file of ``event_type`` ending after every other, serving ``body`` verbatim
        (a payload shape under test; it is not part of the ground truth)."""
        last_end = max(f.end_time for files_ in self.log_files.values() for f in files_)
        end_time = max(truncate_to_millis(now), last_end) + timedelta(milliseconds=1)
        log_file = self._publish(event_type, end_time, [])
        log_file.raw_body = body
        return log_file.id
