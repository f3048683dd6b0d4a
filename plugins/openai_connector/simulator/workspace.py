"""The simulated workspace: seeded users, conversations, files, GPTs, projects and log files.

:class:`Workspace` combines the parts, one concern each: :mod:`.records` (the objects and
their shared state), :mod:`.generation` (seeded generation), :mod:`.activity` (new activity
on demand), :mod:`.lifecycle` (deletion and expiry) and :mod:`.wire` (the API's shapes and
log bodies).
The same seed and ``now`` give the same workspace.
"""

from __future__ import annotations

import json
import random
import uuid
from collections import OrderedDict
from datetime import datetime

from openai_connector.event_types import (
    CONVERSATION_MESSAGE,
    EVENT_TYPES,
    ORGANIZATION_EVENT_TYPES,
)
from openai_connector.simulator import hostile, sensitive
from openai_connector.simulator.activity import Activity
from openai_connector.simulator.chat import RealisticChat
from openai_connector.simulator.generation import (
    WORKSPACE_NAMES,
    Scale,
    TextMix,
    WorkspaceSize,
    check_text_options,
)
from openai_connector.simulator.records import Conversation, LogFile, Message
from openai_connector.simulator.timefmt import truncate_to_millis
from openai_connector.simulator.wire import WireFormat

WORKSPACE_EVENT_TYPES = tuple(t for t in EVENT_TYPES if t not in ORGANIZATION_EVENT_TYPES)
ORGANIZATION_LOG_TYPES = tuple(t for t in EVENT_TYPES if t in ORGANIZATION_EVENT_TYPES)


class Workspace(Activity, WireFormat):
    """The whole synthetic workspace; callers serialize access (the server holds a lock)."""

    def __init__(
        self,
        seed: int,
        scale: Scale | WorkspaceSize,
        now: datetime,
        hostile_kinds: frozenset[str] = frozenset(),
        *,
        text_mix: TextMix = "templated",
        events_per_log_file: int | None = None,
    ) -> None:
        size = scale if isinstance(scale, WorkspaceSize) else WorkspaceSize.of_scale(scale)
        check_text_options(text_mix, events_per_log_file)
        self._chat = RealisticChat(seed) if text_mix == "realistic" else None
        self._events_per_log_file = events_per_log_file
        self.seed = seed
        self.generated_at = truncate_to_millis(now)
        self._rng = random.Random(seed)
        self.id = str(uuid.UUID(int=self._rng.getrandbits(128), version=4))
        self.organization_id = "org-" + self._token(24)
        base_name = self._rng.choice(WORKSPACE_NAMES)
        self.name = f"{base_name} Simulated"
        self.domain = f"{base_name.lower()}-sim.com"
        self.users = {}
        self.conversations = {}
        self.messages = {}
        self.files = {}
        self.assistants = {}
        self.log_files = {t: [] for t in EVENT_TYPES}
        self.planted = []
        self.deletions = []
        self._pending_entities = list(sensitive.ENTITY_TYPES)
        self._rng.shuffle(self._pending_entities)
        self._served_logs = OrderedDict()
        self._generate(size)
        self.hostile = self._plant_hostile(hostile.check_kinds(hostile_kinds))

    # ----------------------------------------------------------------- state queries
    def messages_of(self, conversation: Conversation) -> list[Message]:
        return [self.messages[m] for m in conversation.message_ids]

    def other_events(self) -> list[dict[str, object]]:
        """Every event that is not a chat message, once: ``id``, ``type``, ``timestamp``.

        Besides the other types' files, chat files may carry lines of unknown types (hostile
        content): those that are JSON objects are events too."""
        found: dict[str, dict[str, object]] = {}
        for event_type, files in self.log_files.items():
            for log_file in files:
                candidates = (
                    list(log_file.static_events) if event_type != CONVERSATION_MESSAGE else []
                )
                for line in log_file.extra_lines:
                    try:
                        payload = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(payload, dict) and payload.get("type") != CONVERSATION_MESSAGE:
                        candidates.append(payload)
                for event in candidates:
                    event_id = str(event["event_id"])
                    found[event_id] = {
                        "id": event_id,
                        "type": event.get("type"),
                        "timestamp": event.get("timestamp"),
                    }
        return list(found.values())

    def find_log_file(self, log_file_id: str) -> LogFile | None:
        for files_ in self.log_files.values():
            for log_file in files_:
                if log_file.id == log_file_id:
                    return log_file
        return None
