"""Log events of every type besides chat, in the shapes public integrations document.

Sign-ins, admin actions, app and connector activity carry no user text; Codex turns, agent
runs and memories do, and each of their text surfaces gets a planted value (recorded with the
surface's object type, the event id and the field path, so the ground truth says exactly what
a scan must find where). One user signs in from an address never seen before minutes before
pasting a credential: the correlation a security team runs first.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from openai_connector.event_types import EVENT_TYPES
from openai_connector.simulator import sensitive
from openai_connector.simulator.timefmt import iso, truncate_to_millis

CHAT_TYPE = EVENT_TYPES[0]
#: Seconds between the new-address sign-in and the credential it precedes.
NEW_ADDRESS_LEAD = timedelta(minutes=10)
USER_AGENTS = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0",
    "CodexCLI/1.2 (Linux x86_64)",
)


@dataclass(frozen=True)
class PlantedText:
    """A planted value in an event's text surface (``location``: its field path)."""

    object_type: str
    event_id: str
    location: str
    value: sensitive.PlantedValue


@dataclass
class EventLog:
    """The events of one log file of one type."""

    event_type: str
    events: list[dict[str, object]] = field(default_factory=list)
    planted: list[PlantedText] = field(default_factory=list)

    @property
    def end_time(self) -> datetime:
        latest = max(str(event["timestamp"]) for event in self.events)
        return datetime.fromisoformat(latest) + timedelta(milliseconds=1)


@dataclass(frozen=True)
class Person:
    user_id: str
    email: str


@dataclass(frozen=True)
class Leak:
    """A user message holding a credential: the new-address sign-in precedes it."""

    user: Person
    at: datetime


class EventGenerator:
    """Builds the log files of every non-chat type for one simulated workspace."""

    def __init__(
        self,
        rng: random.Random,
        workspace_id: str,
        users: Sequence[Person],
        now: datetime,
        next_entity: Callable[[], str],
    ) -> None:
        self._rng = rng
        self._workspace_id = workspace_id
        self._users = list(users)
        self._now = now
        self._next_entity = next_entity
        self._home = {user.user_id: self._address() for user in self._users}

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def _address(self) -> str:
        return f"198.51.100.{self._rng.randint(2, 254)}"

    def _ago(self, days_low: float, days_high: float) -> datetime:
        seconds = self._rng.uniform(days_low * 86400, days_high * 86400)
        return truncate_to_millis(self._now - timedelta(seconds=seconds))

    def _envelope(
        self, log_type: str, at: datetime, actor: dict[str, object], **body: object
    ) -> dict[str, object]:
        """The envelope every type shares; ``body`` may name the action ``event_type``."""
        return {
            "event_id": self._uuid(),
            "type": log_type,
            "timestamp": iso(at),
            "principal": {"id": self._workspace_id, "type": "CHATGPT_WORKSPACE"},
            "actor": actor,
            **body,
        }

    @staticmethod
    def _user_actor(user: Person) -> dict[str, object]:
        return {"type": "ACCOUNT_USER", "user_id": user.user_id, "user_email": user.email}

    def _metadata(self, user: Person | None, address: str | None = None) -> dict[str, object]:
        ip = address or (self._home[user.user_id] if user else self._address())
        return {"client_ip": ip, "client_user_agent": self._rng.choice(USER_AGENTS)}

    def _planted_text(
        self,
        log: EventLog,
        event_id: str,
        object_type: str,
        location: str,
        entity: str | None = None,
    ) -> str:  # fmt: skip
        builder = sensitive.TextBuilder()
        builder.add("Context for the task: ")
        builder.add_template(
            sensitive.carrier_for(entity or self._next_entity(), self._rng), self._rng
        )
        log.planted.extend(
            PlantedText(object_type, event_id, location, value) for value in builder.planted
        )
        return builder.text

    # ----------------------------------------------------------------- per type
    def generate(self, leak: Leak | None) -> list[EventLog]:
        builders: dict[str, Callable[[], EventLog]] = {
            "AUTH_LOG": lambda: self._auth(leak),
            "AUDIT_LOG": self._audit,
            "CODEX_LOG": self._codex,
            "CUSTOM_AGENTS_LOG": self._agents,
            "MEMORY_CONTEXT": self._memories,
        }
        logs = []
        for event_type in EVENT_TYPES:
            if event_type == CHAT_TYPE:
                continue
            logs.append(builders.get(event_type, lambda t=event_type: self._activity(t))())
        return logs

    def _auth(self, leak: Leak | None) -> EventLog:
        log = EventLog("AUTH_LOG")
        for user in self._users:
            at = self._ago(20, 25)
            log.events.append(
                self._envelope(
                    "AUTH_LOG",
                    at,
                    self._user_actor(user),
                    request_metadata=self._metadata(user),
                    action_data={"action": "login_success", "role": "standard-user"},
                )
            )
        if leak is not None:
            log.events.append(
                self._envelope(
                    "AUTH_LOG",
                    leak.at - NEW_ADDRESS_LEAD,
                    self._user_actor(leak.user),
                    request_metadata=self._metadata(leak.user, "203.0.113.77"),
                    action_data={"action": "login_success", "role": "standard-user"},
                )
            )
        return log

    def _audit(self) -> EventLog:
        log = EventLog("AUDIT_LOG")
        admin = self._users[0]
        log.events.append(
            self._envelope(
                "AUDIT_LOG",
                self._ago(1, 5),
                {"type": "API_KEY", "redacted_id": "sk-...x7Qa"},
                action="LIST_WORKSPACE_LOG_FILES",
                action_result="SUCCESS",
                action_privilege="ADMIN",
                request_metadata=self._metadata(None),
                action_data={"event_type": "AUDIT_LOG", "limit": "100"},
            )
        )
        log.events.append(
            self._envelope(
                "AUDIT_LOG",
                self._ago(1, 5),
                self._user_actor(admin),
                action="WORKSPACE_TOGGLE_FEATURE",
                action_result="SUCCESS",
                action_privilege="ADMIN",
                request_metadata=self._metadata(admin),
                action_data={"feature": "gpt_sharing", "value": True},
            )
        )
        return log

    def _codex(self) -> EventLog:
        log = EventLog("CODEX_LOG")
        user = self._rng.choice(self._users)
        session = "session-" + self._uuid()[:8]
        for turn in range(2):
            event = self._envelope(
                "CODEX_LOG",
                self._ago(0.5, 3),
                self._user_actor(user),
                event_type="PROMPT_RESPONSE_RECEIVED",
                client_id="CODEX_CLI",
                workspace_id=self._workspace_id,
                request_metadata=self._metadata(user),
            )
            event_id = str(event["event_id"])
            secret = sensitive.SECRET_TYPES[turn % len(sensitive.SECRET_TYPES)]
            event["event_details"] = {
                "detail_type": "PROMPT_RESPONSE_RECEIVED",
                "session_id": session,
                "turn_id": f"turn-{turn + 1}",
                "model": "gpt-5.1-codex",
                "status": "success",
                "prompt_text": self._planted_text(
                    log, event_id, "codex_prompt", "event_details.prompt_text", secret
                ),
                "response_text": self._planted_text(
                    log, event_id, "codex_response", "event_details.response_text"
                ),
                "token_usage": {"input_tokens": 1200, "output_tokens": 300},
            }
            log.events.append(event)
        log.events.append(
            self._envelope(
                "CODEX_LOG",
                self._ago(0.5, 3),
                self._user_actor(user),
                event_type="TOOL_CALL_COMPLETED",
                client_id="CODEX_CLI",
                event_details={
                    "detail_type": "TOOL_CALL_COMPLETED",
                    "session_id": session,
                    "tool_name": "apply_patch",
                    "status": "success",
                },
            )
        )
        return log

    def _agents(self) -> EventLog:
        log = EventLog("CUSTOM_AGENTS_LOG")
        user = self._rng.choice(self._users)
        agent = {"agent_id": "agent-" + self._uuid()[:12], "version_id": "version-1"}
        run = {**agent, "run_id": "thread_" + self._uuid()}
        created = self._envelope(
            "CUSTOM_AGENTS_LOG",
            self._ago(2, 4),
            self._user_actor(user),
            event_type="AGENT_CREATED",
            client_id="AGENT_BUILDER_WEB",
        )
        created["event_details"] = {
            **agent,
            "detail_type": "AGENT_CREATED",
            "agent_fields": {
                "name": "Ops Agent",
                "prompt": self._planted_text(
                    log,
                    str(created["event_id"]),
                    "agent_instructions",
                    "event_details.agent_fields.prompt",
                ),
            },
        }
        invoked = self._envelope(
            "CUSTOM_AGENTS_LOG",
            self._ago(1, 2),
            self._user_actor(user),
            event_type="AGENT_RUN_CREATED",
            client_id="CHATGPT_WEB",
        )
        invoked["event_details"] = {
            **run,
            "detail_type": "AGENT_RUN_CREATED",
            "invoker": {
                "type": "chatgpt",
                "user_message_text": self._planted_text(
                    log,
                    str(invoked["event_id"]),
                    "agent_message",
                    "event_details.invoker.user_message_text",
                ),
            },
        }
        actor: dict[str, object] = {
            "type": "AGENT",
            "id": "agent-harness-" + self._uuid()[:8],
            "name": "Ops Agent",
            "product_id": agent["agent_id"],
            "agent_runtime": {"id": "runtime-1", "delegator": self._user_actor(user)},
        }
        message = self._envelope(
            "CUSTOM_AGENTS_LOG",
            self._ago(0.5, 1),
            actor,
            event_type="AGENT_RUN_MESSAGE",
            client_id="CHATGPT_WEB",
        )
        message["event_details"] = {
            **run,
            "detail_type": "AGENT_RUN_MESSAGE",
            "message_id": "msg-1",
            "phase": "final",
            "text": self._planted_text(
                log, str(message["event_id"]), "agent_message", "event_details.text"
            ),
        }
        log.events.extend([created, invoked, message])
        return log

    def _memories(self) -> EventLog:
        log = EventLog("MEMORY_CONTEXT")
        user = self._rng.choice(self._users)
        event = self._envelope(
            "MEMORY_CONTEXT",
            self._ago(1, 6),
            self._user_actor(user),
            event_type="MEMORY_CREATED",
        )
        event["event_details"] = {
            "memory_id": "mem-" + self._uuid()[:12],
            "memory": self._planted_text(
                log, str(event["event_id"]), "memory", "event_details.memory"
            ),
        }
        log.events.append(event)
        return log

    def _activity(self, event_type: str) -> EventLog:
        """Types without user text: app and connector activity, Codex security, plugins."""
        log = EventLog(event_type)
        user = self._rng.choice(self._users)
        for action in ("APP_CONNECTED", "APP_ACTION_INVOKED"):
            log.events.append(
                self._envelope(
                    event_type,
                    self._ago(1, 10),
                    self._user_actor(user),
                    event_type=action,
                    request_metadata=self._metadata(user),
                    event_details={"app_id": "connector-drive", "app_name": "Drive"},
                )
            )
        return log
