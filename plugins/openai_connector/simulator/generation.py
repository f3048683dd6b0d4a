"""Generating a simulated workspace: seeded users, conversations, files, GPTs, projects and
log files.

Everything derives from ``random.Random(seed)`` and the generation time, so the same seed and
``now`` give the same workspace (the order of the draws is part of that contract); new
activity after generation is :mod:`.activity`'s. A
workspace is sized by a named scale or by explicit message and file counts
(``WorkspaceSize.of_counts``), for scale runs of a million messages.
"""

from __future__ import annotations

import random
import string
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from typing import Literal

from openai_connector.event_types import CONVERSATION_MESSAGE
from openai_connector.simulator import events, hostile, sensitive
from openai_connector.simulator.chat import RealisticChat
from openai_connector.simulator.lifecycle import CHAT_UPLOAD_RETENTION
from openai_connector.simulator.records import (
    Assistant,
    Conversation,
    LogFile,
    Message,
    Planted,
    StoredFile,
    User,
    WorkspaceState,
)
from openai_connector.simulator.timefmt import iso, truncate_to_millis

Scale = Literal["small", "medium", "large"]
#: ``templated``: a few fixed sentences around planted values (cheap to classify, as each
#: distinct text is analysed once); ``realistic``: varied chat (see ``chat.py``).
TextMix = Literal["templated", "realistic"]
TEXT_MIXES = ("templated", "realistic")
SCALE_FACTORS: dict[str, int] = {"small": 1, "medium": 10, "large": 100}
#: Most messages one generated conversation can have: 4 turns of user, tool and reply, plus
#: a regenerated reply.
MAX_CONVERSATION_MESSAGES = 13
#: Users per message of an explicitly sized workspace (at least the 8 of the small scale).
MESSAGES_PER_USER = 500
AUTH_LOG = "AUTH_LOG"
ACTIVITY_SPAN = timedelta(days=21)
WORKSPACE_NAMES = ("Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay")
MODELS = ("gpt-5", "gpt-5-thinking", "gpt-4.1", "o3")
TOOL_NAMES = ("python", "browser", "myfiles_browser")
TITLES = (
    "Quarterly planning",
    "Refund question",
    "SQL help",
    "Onboarding checklist",
    "Vendor contract review",
    "Fix CI pipeline",
    "Marketing copy",
    "Incident follow-up",
    "Budget spreadsheet",
    "Travel policy",
    "API integration",
    "Customer escalation",
)
UNICODE_TITLES = ("Résumé für Zoë 📄", "会议纪要: Q3", "Ñandú: análisis de costes")
USER_PROMPTS = (
    "Can you help me outline the next steps for this project?",
    "Rewrite this paragraph so it sounds more professional.",
    "What is the difference between a left join and an inner join?",
    "Give me three ideas for the team offsite agenda.",
    "Summarize the main risks in two bullet points.",
    "How should I structure the migration plan?",
)
ASSISTANT_REPLIES = (
    "Here is a structured plan with clear owners and deadlines for each step.",
    "Sure. I kept the meaning but tightened the wording and the tone.",
    "An inner join keeps matching rows only, while a left join keeps every row on the left.",
    "Here are three options, from the simplest to the most ambitious.",
    "The main risks are schedule slippage and unclear ownership of the rollout.",
)
TOOL_OUTPUTS = ("Search returned 4 results.", "Execution finished: 42 rows processed.")
CODE_SNIPPET = "def total(rows):\n    return sum(row['amount'] for row in rows)\n"
FILE_NAMES = {
    "txt": ("deploy_notes.txt", "meeting_notes.txt", "scratch.txt"),
    "csv": ("customer_export.csv", "payroll_extract.csv"),
    "json": ("config_backup.json", "webhook_payload.json"),
    "pdf": ("invoice_0423.pdf", "signed_contract.pdf"),
    "docx": ("contract_draft.docx", "Résumé_Zoë.docx", "handover.docx"),
    "xlsx": ("vendor_payments.xlsx", "budget_2026.xlsx"),
    "png": ("whiteboard.png",),
}
FILE_KINDS = ("txt", "csv", "json", "pdf", "docx", "xlsx", "png")
_ALNUM = string.ascii_letters + string.digits


def check_text_options(text_mix: str, events_per_log_file: int | None) -> None:
    """Raise ``ValueError`` for an unknown text mix or a log file size below one event."""
    if text_mix not in TEXT_MIXES:
        raise ValueError(f"unknown text mix {text_mix!r}; choose one of {', '.join(TEXT_MIXES)}")
    if events_per_log_file is not None and events_per_log_file < 1:
        raise ValueError(f"events_per_log_file must be at least 1, got {events_per_log_file}")


@dataclass(frozen=True)
class WorkspaceSize:
    """How much a workspace holds: a fixed number of conversations (named scales) or as many
    as it takes to reach exactly ``messages`` messages."""

    users: int
    gpts: int
    projects: int
    chat_files: int
    conversations: int = 0
    messages: int | None = None

    @classmethod
    def of_scale(cls, scale: Scale) -> WorkspaceSize:
        if scale not in SCALE_FACTORS:
            raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALE_FACTORS)}")
        factor = SCALE_FACTORS[scale]
        return cls(8 * factor, 3 * factor, 2 * factor, 12 * factor, conversations=25 * factor)

    @classmethod
    def of_counts(cls, messages: int, files: int) -> WorkspaceSize:
        """``files`` split as in the named scales: 3 GPT and 2 project knowledge files for
        every 12 chat uploads (one knowledge file per GPT or project)."""
        if messages < 1 or files < 0:
            raise ValueError("a workspace needs messages >= 1 and files >= 0")
        knowledge = files * 5 // 17
        gpts = knowledge * 3 // 5
        return cls(
            users=max(8, messages // MESSAGES_PER_USER),
            gpts=gpts,
            projects=knowledge - gpts,
            chat_files=files - knowledge,
            messages=messages,
        )


class Generation(WorkspaceState):
    """Builds the workspace's objects and log files from its random source."""

    _chat: RealisticChat | None
    _events_per_log_file: int | None
    _pending_entities: list[str]

    def _token(self, length: int, alphabet: str = _ALNUM) -> str:
        return "".join(self._rng.choice(alphabet) for _ in range(length))

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def _ago(self, low: timedelta, high: timedelta) -> datetime:
        seconds = self._rng.uniform(low.total_seconds(), high.total_seconds())
        return truncate_to_millis(self.generated_at - timedelta(seconds=seconds))

    def _next_entity(self) -> str:
        if self._pending_entities:
            return self._pending_entities.pop()
        return self._rng.choice(sensitive.ENTITY_TYPES)

    def _generate(self, size: WorkspaceSize) -> None:
        self._generate_users(size.users)
        for kind, count in (("gpt", size.gpts), ("project", size.projects)):
            for _ in range(count):
                self._generate_assistant(kind)
        if size.messages is None:
            conversations = [self._generate_conversation(i) for i in range(size.conversations)]
        else:
            conversations = self._generate_messages(size.messages)
        self._generate_chat_files(size.chat_files, conversations)
        self._publish_history()
        self._generate_auth_logs()
        self._generate_event_logs()

    def _generate_messages(self, count: int) -> list[Conversation]:
        """Conversations until exactly ``count`` messages: the last one takes the remainder."""
        conversations: list[Conversation] = []
        while len(self.messages) + MAX_CONVERSATION_MESSAGES < count:
            conversations.append(self._generate_conversation(len(conversations)))
        remainder = count - len(self.messages)
        conversation = self._new_conversation(
            self._ago(timedelta(hours=50), ACTIVITY_SPAN), self._rng.choice(TITLES), temporary=False
        )
        self._add_linear_messages(conversation, remainder, timedelta(seconds=30))
        return [*conversations, conversation]

    def _generate_users(self, count: int) -> None:
        roles = ["account-owner", "account-admin"] + ["standard-user"] * (count - 2)
        for index, role in enumerate(roles):
            if index == 2:
                name = "Zoë Ångström-Nakamura"
                local = "zoe.angstrom"
            else:
                name = sensitive.person_name(self._rng)
                local = name.lower().replace(" ", ".")
            user = User(
                id="user-" + self._token(24),
                email=f"{local}{index}@{self.domain}",
                name=name,
                role=role,
                status="inactive" if index == count - 1 else "active",
                created_at=self._ago(timedelta(days=200), timedelta(days=400)),
            )
            self.users[user.id] = user

    @cached_property
    def active_user_ids(self) -> list[str]:
        """Users never change after generation, so neither does this list."""
        return [user.id for user in self.users.values() if user.status == "active"]

    @cached_property
    def _assistant_ids(self) -> dict[str, list[str]]:
        """GPT and project ids by kind, deleted ones included; first read once all exist."""
        ids: dict[str, list[str]] = {"gpt": [], "project": []}
        for assistant in self.assistants.values():
            ids[assistant.kind].append(assistant.id)
        return ids

    def _generate_assistant(self, kind: str) -> None:
        builder = sensitive.TextBuilder()
        builder.add("You help the team answer questions about internal tools. ")
        for _ in range(self._rng.randint(1, 2)):
            builder.add_template(sensitive.carrier_for(self._next_entity(), self._rng), self._rng)
            builder.add(" ")
        builder.add("Always answer politely.")
        prefix = "g-p-" if kind == "project" else "g-"
        users = list(self.users)
        assistant = Assistant(
            id=prefix + self._token(32, string.ascii_lowercase + string.digits),
            kind=kind,
            owner_id=self._rng.choice(users[:3]),
            name=self._rng.choice(("Helpdesk", "Sales Coach", "Release Bot", "Legal Q&A")),
            description="Answers questions using the team's knowledge files.",
            instructions=builder.text,
            created_at=self._ago(timedelta(days=30), timedelta(days=120)),
            config_id="cfg-" + self._token(20),
            conversation_starters=["What can you do?", "Summarize the latest policy."],
            tools=self._rng.sample(["browser", "python", "dalle"], 2),
        )
        if self._rng.random() < 0.6:
            assistant.visibility = "invite-only"
            assistant.shared_user_ids = self._rng.sample(users, min(2, len(users)))
        self.assistants[assistant.id] = assistant
        self._record(kind, assistant.id, "instructions", builder.planted)
        knowledge = self._make_file(kind, assistant.id, assistant.created_at)
        assistant.file_ids.append(knowledge.id)

    def _record(
        self, object_type: str, object_id: str, field_name: str, found: list[sensitive.PlantedValue]
    ) -> None:
        self.planted.extend(
            Planted(object_type, object_id, p.entity_type, p.value, field_name, p.offset)
            for p in found
        )

    def _make_file(self, kind: str, owner_id: str, created_at: datetime) -> StoredFile:
        file_format = self._rng.choice(FILE_KINDS)
        entities = [] if file_format == "png" else [self._next_entity() for _ in range(2)]
        if file_format == "json" and "PRIVATE_KEY" in entities:
            file_format = "txt"
        text, found = self._document_text(file_format, entities)
        stored = StoredFile(
            id="file-" + self._token(24),
            kind=kind,
            owner_id=owner_id,
            name=self._rng.choice(FILE_NAMES[file_format]),
            format=file_format,
            text=text,
            created_at=created_at,
        )
        self.files[stored.id] = stored
        self._record("file", stored.id, "text", found)
        return stored

    def _document_text(
        self, file_format: str, entities: list[str]
    ) -> tuple[str, list[sensitive.PlantedValue]]:
        builder = sensitive.TextBuilder()
        if file_format == "csv":
            builder.add("record_id,field,value\n")
            for number, entity in enumerate(entities, start=1):
                builder.add_template(f'{number},{entity.lower()},"{{{entity}}}"\n', self._rng)
        elif file_format == "json":
            builder.add('{"records": [')
            for number, entity in enumerate(entities):
                builder.add(", " if number else "")
                record = f'{{"field": "{entity.lower()}", "value": "{{{entity}}}"}}'
                builder.add_template(record, self._rng)
            builder.add("]}\n")
        elif file_format == "xlsx":
            builder.add("field\tvalue")
            for entity in entities:
                builder.add_template(f"\n{entity.lower()}\t{{{entity}}}", self._rng)
        elif file_format != "png":
            builder.add("Internal document - do not forward\n")
            builder.add(self._rng.choice(ASSISTANT_REPLIES))
            for entity in entities:
                builder.add("\n")
                builder.add_template(sensitive.carrier_for(entity, self._rng), self._rng)
        return builder.text, builder.planted

    def _generate_conversation(self, index: int) -> Conversation:
        recent = self._rng.random() < 0.35
        if recent:
            start = self._ago(timedelta(hours=2), timedelta(hours=40))
        else:
            start = self._ago(timedelta(hours=50), ACTIVITY_SPAN)
        title = self._rng.choice(TITLES)
        if index == 4 or self._rng.random() < 0.05:
            title = ""
        elif index == 5 or self._rng.random() < 0.05:
            title = self._rng.choice(UNICODE_TITLES)
        conversation = self._new_conversation(
            start, title, temporary=index == 3 or self._rng.random() < 0.08
        )
        self._add_turns(
            conversation,
            turns=self._rng.randint(1, 4),
            branch=index == 0 or self._rng.random() < 0.1,
            null_content=index == 1 or self._rng.random() < 0.03,
            code_content=index == 2 or self._rng.random() < 0.08,
            late_title=self._rng.random() < 0.5,
        )
        return conversation

    def _new_conversation(self, start: datetime, title: str, temporary: bool) -> Conversation:
        conversation = Conversation(
            id=self._uuid(),
            user_id=self._rng.choice(self.active_user_ids),
            title=title,
            created_at=start,
            updated_at=start,
            is_temporary=temporary,
            is_pinned=self._rng.random() < 0.1,
        )
        gpts, projects = self._assistant_ids["gpt"], self._assistant_ids["project"]
        roll = self._rng.random()
        if gpts and roll < 0.1:
            conversation.gpt_id = self._rng.choice(gpts)
        elif projects and roll < 0.2:
            conversation.project_id = self._rng.choice(projects)
        self.conversations[conversation.id] = conversation
        return conversation

    def _add_message(
        self,
        conversation: Conversation,
        parent_id: str | None,
        role: str,
        at: datetime,
        text: str | None,
        content_type: str | None = "text",
        title_seen: str | None = None,
    ) -> Message:
        message = Message(
            id=self._uuid(),
            event_id=self._uuid(),
            conversation_id=conversation.id,
            parent_id=parent_id,
            role=role,
            created_at=at,
            content_type=content_type if text is not None else None,
            text=text,
            title_seen=conversation.title if title_seen is None else title_seen,
            author_key="role" if self._rng.random() < 0.3 else "type",
            files_as_list_object=self._rng.random() < 0.5,
        )
        if role == "assistant":
            message.model = self._rng.choice(MODELS)
            if self._rng.random() < 0.2:
                message.annotations = [
                    {"type": "url_citation", "urls": ["https://docs.python.org/3/"]}
                ]
        self.messages[message.id] = message
        conversation.message_ids.append(message.id)
        conversation.updated_at = max(conversation.updated_at, at)
        return message

    def _user_text(self) -> tuple[str, list[sensitive.PlantedValue]]:
        if self._chat is not None:
            return self._chat.user_text()
        builder = sensitive.TextBuilder()
        roll = self._rng.random()
        if roll < 0.3:
            builder.add_template(sensitive.carrier_for(self._next_entity(), self._rng), self._rng)
        else:
            builder.add(self._rng.choice(USER_PROMPTS))
        if 0.3 <= roll < 0.36:
            builder.add(" " + self._rng.choice(sensitive.DECOYS))
        return builder.text, builder.planted

    def _reply_text(self) -> str:
        if self._chat is not None:
            return self._chat.assistant_text()
        return self._rng.choice(ASSISTANT_REPLIES)

    def _tool_text(self) -> str:
        return self._chat.tool_text() if self._chat is not None else self._rng.choice(TOOL_OUTPUTS)

    def _code_text(self) -> str:
        return self._chat.code() if self._chat is not None else CODE_SNIPPET

    def _add_turns(
        self,
        conversation: Conversation,
        turns: int,
        branch: bool = False,
        null_content: bool = False,
        code_content: bool = False,
        late_title: bool = False,
        spacing: timedelta | None = None,
    ) -> None:
        at = conversation.created_at
        parent: str | None = conversation.message_ids[-1] if conversation.message_ids else None

        def tick() -> datetime:
            nonlocal at
            step = spacing or timedelta(seconds=self._rng.uniform(5, 240))
            at = truncate_to_millis(at + step)
            return at

        for turn in range(turns):
            text, found = self._user_text()
            seen = "" if late_title and turn == 0 and not conversation.message_ids else None
            user_message = self._add_message(
                conversation, parent, "user", tick(), text, title_seen=seen
            )
            self._record("message", user_message.id, "text", found)
            parent = user_message.id
            if self._rng.random() < 0.2:
                tool = self._add_message(conversation, parent, "tool", tick(), self._tool_text())
                tool.tool_name = self._rng.choice(TOOL_NAMES)
                parent = tool.id
            last_turn = turn == turns - 1
            if code_content and last_turn:
                reply = self._add_message(
                    conversation,
                    parent,
                    "assistant",
                    tick(),
                    self._code_text(),
                    content_type="code",
                )
            elif null_content and last_turn:
                reply = self._add_message(conversation, parent, "assistant", tick(), None)
            else:
                reply = self._add_message(
                    conversation, parent, "assistant", tick(), self._reply_text()
                )
            if branch and turn == 0:
                reply = self._add_message(
                    conversation, parent, "assistant", tick(), self._reply_text()
                )
            parent = reply.id

    def _generate_chat_files(self, count: int, conversations: list[Conversation]) -> None:
        cutoff = self.generated_at - CHAT_UPLOAD_RETENTION
        recent = [c for c in conversations if c.created_at > cutoff]
        for index in range(count):
            pool = recent if recent and (index % 3 != 2) else conversations
            conversation = self._rng.choice(pool)
            self._attach_file(conversation)

    def _attach_file(self, conversation: Conversation) -> StoredFile:
        user_messages = [
            self.messages[m] for m in conversation.message_ids if self.messages[m].role == "user"
        ]
        message = self._rng.choice(user_messages)
        stored = self._make_file("user", conversation.user_id, message.created_at)
        stored.conversation_id = conversation.id
        stored.message_id = message.id
        stored.aged_out = stored.created_at < self.generated_at - CHAT_UPLOAD_RETENTION
        message.file_ids.append(stored.id)
        return stored

    def _publish_history(self) -> None:
        """CONVERSATION_MESSAGE log files: one per hour with activity, ending at the hour, or
        files of ``events_per_log_file`` events each, ending at their last event."""
        ordered = sorted(self.messages.values(), key=lambda m: m.created_at)
        if self._events_per_log_file is not None:
            size = self._events_per_log_file
            end_time = datetime.min.replace(tzinfo=self.generated_at.tzinfo)
            for start in range(0, len(ordered), size):
                chunk = ordered[start : start + size]
                # End times strictly increase, so listing pages never split a tie.
                end_time = max(chunk[-1].created_at, end_time + timedelta(milliseconds=1))
                self._publish(CONVERSATION_MESSAGE, end_time, [m.id for m in chunk])
            return
        buckets: dict[datetime, list[Message]] = {}
        for message in ordered:
            hour = message.created_at.replace(minute=0, second=0, microsecond=0)
            buckets.setdefault(hour, []).append(message)
        for hour, messages in sorted(buckets.items()):
            end_time = min(hour + timedelta(hours=1), self.generated_at)
            self._publish(CONVERSATION_MESSAGE, end_time, [m.id for m in messages])

    def _publish(self, event_type: str, end_time: datetime, message_ids: list[str]) -> LogFile:
        log_file = LogFile(
            id="eclf_" + self._token(32, "0123456789abcdef"),
            event_type=event_type,
            end_time=end_time,
            message_ids=message_ids,
        )
        self.log_files[event_type].append(log_file)
        return log_file

    def _generate_auth_logs(self) -> None:
        users = list(self.users.values())
        for day in range(5, 0, -1):
            end_time = truncate_to_millis(self.generated_at - timedelta(days=day * 3))
            log_file = self._publish(AUTH_LOG, end_time, [])
            for user in self._rng.sample(users, min(4, len(users))):
                log_file.static_events.append(
                    self._auth_event(
                        end_time - timedelta(minutes=self._rng.randint(1, 600)),
                        {"type": "ACCOUNT_USER", "user_id": user.id, "user_email": user.email},
                    )
                )
            log_file.static_events.append(
                self._auth_event(
                    end_time - timedelta(minutes=1),
                    {"type": "API_KEY", "redacted_id": "sk-..." + self._token(4)},
                )
            )

    def _generate_event_logs(self) -> None:
        """One log file of every other type (see ``events``), from a generator of its own so
        the chat data of a seed stays what it was."""
        rng = random.Random(f"{self.seed}:events")
        people = [events.Person(u.id, u.email) for u in self.users.values() if u.status == "active"]
        generator = events.EventGenerator(
            rng, self.id, people, self.generated_at, lambda: rng.choice(sensitive.ENTITY_TYPES)
        )
        for log in generator.generate(self._first_leak()):
            log_file = self._publish(log.event_type, min(log.end_time, self.generated_at), [])
            log_file.static_events.extend(log.events)
            self.planted.extend(
                Planted(
                    p.object_type,
                    p.event_id,
                    p.value.entity_type,
                    p.value.value,
                    p.location,
                    p.value.offset,
                )
                for p in log.planted
            )
        for files in self.log_files.values():
            files.sort(key=lambda log_file: log_file.end_time)
        self._plant_quotes_and_actions(rng)

    def _plant_quotes_and_actions(self, rng: random.Random) -> None:
        """Planted values in the surfaces people forget: a quote and an annotation's
        ``quote_text`` of messages, and a custom action's OpenAPI spec of every GPT/project."""
        cited = [m for m in self.messages.values() if m.annotations][:2]
        for message in cited:
            builder = sensitive.TextBuilder()
            builder.add_template(sensitive.carrier_for(rng.choice(sensitive.PII_TYPES), rng), rng)
            message.annotations = [{**message.annotations[0], "quote_text": builder.text}]
            location = "annotations[0].quote_text"
            self._record("message_annotation", message.id, location, builder.planted)
        quoting = next((m for m in self.messages.values() if m.role == "user" and m.text), None)
        if quoting is not None:
            builder = sensitive.TextBuilder()
            builder.add_template(sensitive.carrier_for(rng.choice(sensitive.PII_TYPES), rng), rng)
            quoting.quote = builder.text
            self._record("message_quote", quoting.id, "content.quote", builder.planted)
        for assistant in self.assistants.values():
            builder = sensitive.TextBuilder()
            builder.add('{"openapi": "3.1.0", "servers": [{"url": "https://erp.internal"}], ')
            builder.add_template('"x-api-key": "{OPENAI_API_KEY}"}', rng)
            index = len(assistant.tools)
            assistant.actions.append(
                {
                    "type": "custom_action",
                    "action_domain": "erp.internal",
                    "action_openapi_raw": builder.text,
                    "auth_type": "api_key",
                }
            )
            location = f"tools[{index}].action_openapi_raw"
            self._record(f"{assistant.kind}_action", assistant.id, location, builder.planted)

    def _first_leak(self) -> events.Leak | None:
        """The earliest user message holding a credential, and its author."""
        leaks = [
            self.messages[p.object_id]
            for p in self.planted
            if p.object_type == "message" and p.entity_type in sensitive.SECRET_TYPES
        ]
        if not leaks:
            return None
        message = min(leaks, key=lambda m: m.created_at)
        user = self.users[self.conversations[message.conversation_id].user_id]
        return events.Leak(events.Person(user.id, user.email), message.created_at)

    def _auth_event(self, at: datetime, actor: dict[str, object]) -> dict[str, object]:
        return {
            "event_id": self._uuid(),
            "type": AUTH_LOG,
            "principal": {"id": self.id, "type": "CHATGPT_WORKSPACE"},
            "actor": actor,
            "timestamp": iso(at),
            "auth": {
                "method": self._rng.choice(("SSO", "PASSWORD")),
                "outcome": "SUCCESS" if self._rng.random() < 0.9 else "FAILURE",
            },
        }

    # ----------------------------------------------------------------- hostile content
    def _plant_hostile(self, kinds: frozenset[str]) -> hostile.HostileManifest:
        """One conversation of hostile messages and files, published in the newest message
        log file, which also gets the bad lines; see ``hostile`` for the kinds."""
        if not kinds:
            return hostile.HostileManifest()
        log_file = self.log_files[CONVERSATION_MESSAGE][-1]
        moments = (log_file.end_time - timedelta(seconds=60 - n) for n in range(60))
        conversation = self._new_conversation(next(moments), "Hostile input", temporary=False)
        opener = self._add_message(
            conversation, None, "user", next(moments), "Please read the attached files."
        )
        messages: dict[str, str] = {}
        if "null_content" in kinds:
            null = self._add_message(conversation, opener.id, "assistant", next(moments), None)
            empty = self._add_message(conversation, null.id, "assistant", next(moments), None)
            empty.content_type = "text"  # served as {"type": "text", "value": null}
            messages |= {"null_content": null.id, "null_value": empty.id}
        if "huge_message" in kinds:
            text, found = hostile.huge_text(self._rng)
            huge = self._add_message(conversation, opener.id, "user", next(moments), text)
            self._record("message", huge.id, "text", found)
            messages["huge_message"] = huge.id
        files: dict[str, str] = {}
        for kind in hostile.FILE_KINDS:
            if kind in kinds:
                content = hostile.file_content(kind, self._rng)
                stored = self._attach_hostile_file(opener, content)
                self._record("file", stored.id, "text", content.planted)
                files[kind] = stored.id
        log_file.message_ids.extend(conversation.message_ids)
        timestamp = iso(log_file.end_time - timedelta(seconds=1))
        bad_lines = hostile.corrupt_lines() if "corrupt_lines" in kinds else []
        if "non_utf8" in kinds:
            bad_lines.append(hostile.latin1_event_line(self._rng, self.id, timestamp))
        unknown = (
            hostile.unknown_event_lines(self._rng, self.id, timestamp)
            if "unknown_events" in kinds
            else []
        )
        log_file.extra_lines.extend(bad_lines + unknown)
        return hostile.HostileManifest(
            kinds=kinds,
            log_file_id=log_file.id,
            corrupt_lines=len(bad_lines),
            unknown_events=len(unknown),
            messages=messages,
            files=files,
        )

    def _attach_hostile_file(self, message: Message, content: hostile.HostileFile) -> StoredFile:
        """A chat upload of ``message`` served as ``content.body``, whatever its name says."""
        conversation = self.conversations[message.conversation_id]
        stored = StoredFile(
            id="file-" + self._token(24),
            kind="user",
            owner_id=conversation.user_id,
            name=content.name,
            format=content.format,
            text=content.text,
            created_at=message.created_at,
            conversation_id=conversation.id,
            message_id=message.id,
            raw_body=content.body,
        )
        self.files[stored.id] = stored
        message.file_ids.append(stored.id)
        return stored

    def _add_linear_messages(self, conversation: Conversation, count: int, step: timedelta) -> None:
        parent: str | None = None
        at = conversation.created_at
        for number in range(count):
            at = truncate_to_millis(at + step)
            if number % 2 == 0:
                text, found = self._user_text()
                message = self._add_message(conversation, parent, "user", at, text)
                self._record("message", message.id, "text", found)
            else:
                message = self._add_message(
                    conversation, parent, "assistant", at, self._reply_text()
                )
            parent = message.id
