"""Payloads in the shapes public integrations publish (``tests/fixtures/contract``), through the
client and the pipeline: a field the API reference calls meaningful must land somewhere.

Log bodies are served verbatim by the simulator over loopback; the legacy REST shapes, which
the simulator renders itself, come from a transport serving the fixture files.
"""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from openai_connector.api import TEXT_SURFACES, ComplianceClient
from openai_connector.api.events import value_at
from openai_connector.catalog import CatalogStore
from openai_connector.classify import get_classifier
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import RunMode, Window
from openai_connector.simulator import RunningSimulator
from openai_connector.simulator.sensitive import GENERATORS
from tests.api.fakes import WORKSPACE_ID, settings
from tests.harness import FAST_RETRY

FIXTURES = Path(__file__).parents[1] / "fixtures" / "contract"
_SECRET = re.compile(r"\{\{SECRET:([A-Z_]+)\}\}")


class Rendered:
    """A fixture with its placeholders filled: secrets are built now, never stored."""

    def __init__(self, name: str, workspace_id: str, now: datetime) -> None:
        rng = random.Random(name)
        self.secrets: dict[str, str] = {}

        def secret(match: re.Match[str]) -> str:
            value = self.secrets.setdefault(match.group(1), GENERATORS[match.group(1)](rng))
            return json.dumps(value)[1:-1]

        text = (FIXTURES / name).read_text(encoding="utf-8")
        text = _SECRET.sub(secret, text)
        self.text = (
            text.replace("{{WORKSPACE_ID}}", workspace_id)
            .replace("{{NOW}}", now.isoformat(timespec="microseconds").replace("+00:00", "Z"))
            .replace("{{NOW_SECONDS}}", now.strftime("%Y-%m-%dT%H:%M:%SZ"))
            .replace("{{NOW_UNIX}}", f"{now.timestamp():.3f}")
        )

    @property
    def body(self) -> bytes:
        return self.text.encode("utf-8")

    def events(self) -> list[dict[str, Any]]:
        decoder, found = json.JSONDecoder(), []
        for line in self.text.splitlines():
            position = 0
            while position < len(line):
                event, position = decoder.raw_decode(line, position)
                found.append(event)
        return found


NOW = datetime.now(UTC).replace(microsecond=123456) - timedelta(hours=1)


def publish(sim: RunningSimulator, event_type: str, name: str) -> Rendered:
    rendered = Rendered(name, sim.workspace_id, NOW)
    sim.publish_raw_log(event_type, rendered.body)
    return rendered


def rows(store: CatalogStore, table: str, key: str) -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in store.read(table).to_pylist()}


def findings_of(store: CatalogStore, object_id: str) -> set[tuple[str, str]]:
    return {
        (f["object_type"], f["entity_type"])
        for f in store.read("findings").to_pylist()
        if f["object_id"] == object_id
    }


def test_chat_shapes_land_every_meaningful_field(sim, store, run_workspace) -> None:
    chat = publish(sim, "CONVERSATION_MESSAGE", "conversation_message.jsonl")
    glued = publish(sim, "CONVERSATION_MESSAGE", "concatenated.jsonl")
    run_workspace()

    messages = rows(store, "messages", "message_id")
    first, second = (messages[event["message"]["id"]] for event in chat.events())
    assert (first["author_role"], first["content_type"], first["user_email"]) == (
        "user", "text", "dana.ortiz@contract.example",
    )  # fmt: skip
    assert (second["author_role"], second["author_model"]) == ("assistant", "gpt-5-thinking")
    assert second["parent_id"] == first["message_id"]
    assert second["created_at"] == NOW.replace(microsecond=0)
    assert second["file_ids"] == ["file-Hb7Nq2Lx9Wc4Tz6Rk1Vm3Ps8"]
    attribution = ("g-Kp2mQ8vX4rT6yB1n", "Deploy Helper", "g-p-Zt5wY3uR7eQ1oP9s",
                   "Platform Migration")  # fmt: skip
    columns = ("gpt_id", "gpt_name", "project_id", "project_name")
    assert tuple(first[c] for c in columns) == attribution
    conversation = rows(store, "conversations", "conversation_id")[first["conversation_id"]]
    assert conversation["title"] == "Deploy script"
    assert tuple(conversation[c] for c in columns) == attribution
    assert "file-Hb7Nq2Lx9Wc4Tz6Rk1Vm3Ps8" in rows(store, "files", "file_id")
    assert ("message", "OPENAI_API_KEY") in findings_of(store, first["message_id"])
    assert {("message_quote", "EMAIL_ADDRESS"), ("message_annotation", "CREDIT_CARD")} <= (
        findings_of(store, second["message_id"])
    )
    glued_ids = [event["message"]["id"] for event in glued.events()]
    assert set(glued_ids) <= set(messages)
    assert ("message", "GITHUB_TOKEN") in findings_of(store, glued_ids[0])
    stored = " ".join(row["text"] or "" for row in messages.values())
    secrets = {**chat.secrets, **glued.secrets}.values()
    assert not [value for value in secrets if value in stored]


def _expected_raw(event: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
    """The event as landed: the original, with each text surface as the landed raw has it."""
    expected = json.loads(json.dumps(event))
    for surface in TEXT_SURFACES.get(event["type"], ()):
        if isinstance(value_at(event, surface.path), str):
            holder = expected
            for key in surface.path[:-1]:
                holder = holder[key]
            holder[surface.path[-1]] = value_at(stored, surface.path)
    return expected


EVENT_FIXTURES = {
    "CODEX_LOG": "codex_log.jsonl",
    "CUSTOM_AGENTS_LOG": "custom_agents_log.jsonl",
    "AUTH_LOG": "auth_log.jsonl",
    "AUDIT_LOG": "audit_log.jsonl",
}


def test_event_shapes_land_whole_with_text_redacted(sim, store, run_workspace) -> None:
    published = {t: publish(sim, t, name) for t, name in EVENT_FIXTURES.items()}
    run_workspace()

    events = rows(store, "events", "event_id")
    for rendered in published.values():
        for event in rendered.events():
            row = events[event["event_id"]]
            stored = json.loads(row["raw"])
            assert stored == _expected_raw(event, stored), event["event_id"]
            assert not [value for value in rendered.secrets.values() if value in row["raw"]]
            assert row["known_type"] is True
    sign_in, = (event for event in published["AUTH_LOG"].events())  # fmt: skip
    row = events[sign_in["event_id"]]
    assert (row["action"], row["client_ip"], row["user_email"]) == (
        "login_success", "203.0.113.9", "dana.ortiz@contract.example",
    )  # fmt: skip
    assert row["user_agent"].startswith("Mozilla/5.0")
    assert row["timestamp"] == NOW.replace(microsecond=0)
    audit, = published["AUDIT_LOG"].events()  # fmt: skip
    row = events[audit["event_id"]]
    assert (row["action"], row["actor_type"], row["api_key_id"]) == (
        "LIST_WORKSPACE_LOG_FILES", "API_KEY", "sk-...Ct9q",
    )  # fmt: skip

    turn, tool_call = published["CODEX_LOG"].events()
    codex = rows(store, "codex_turns", "event_id")
    assert tool_call["event_id"] not in codex
    row = codex[turn["event_id"]]
    assert (row["session_id"], row["turn_id"], row["model"], row["status"]) == (
        "session-ct-1", "turn-1", "gpt-5-codex", "success",
    )  # fmt: skip
    assert (row["user_id"], row["client_id"]) == ("user-Rt5yU7iO9pA1sD3fG5hJ7kL9", "CODEX_CLI")
    assert "<AWS_ACCESS_KEY_ID>" in row["prompt_text"]
    assert "<EMAIL_ADDRESS>" in row["response_text"]
    assert findings_of(store, turn["event_id"]) >= {
        ("codex_prompt", "AWS_ACCESS_KEY_ID"), ("codex_response", "EMAIL_ADDRESS"),
    }  # fmt: skip

    created, message = published["CUSTOM_AGENTS_LOG"].events()
    row = rows(store, "agent_messages", "event_id")[message["event_id"]]
    assert (row["agent_name"], row["agent_id"], row["agent_run_id"], row["message_id"]) == (
        "Billing Agent", "agent-ct-7", "thread_ct-1", "msg-ct-1",
    )  # fmt: skip
    assert (row["user_id"], row["phase"]) == ("user-Pl0kI9jU8hY7gT6fR5eD4wS3", "final")
    assert "<US_SSN>" in row["text"]
    assert ("agent_message", "US_SSN") in findings_of(store, message["event_id"])
    assert ("agent_instructions", "STRIPE_SECRET_KEY") in findings_of(store, created["event_id"])
    assert events[message["event_id"]]["actor_type"] == "AGENT"


# --------------------------------------------------------------- legacy REST shapes


def _legacy_api(gpt: Rendered, conversations: Rendered) -> httpx.MockTransport:
    empty_list = {"object": "list", "data": [], "has_more": False, "last_id": None}

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("/gpts"):
            return httpx.Response(200, json={**empty_list, "data": [json.loads(gpt.text)]})
        if path.endswith("/conversations"):
            return httpx.Response(200, json=json.loads(conversations.text))
        if path.endswith("/logs"):
            return httpx.Response(200, json={"data": [], "has_more": False, "last_end_time": None})
        return httpx.Response(200, json=empty_list)

    return httpx.MockTransport(handle)


@pytest.fixture
def legacy_job(store: CatalogStore) -> tuple[WorkspaceJob, list[str]]:
    """A legacy-surface job against the fixtures, and the secrets they hold."""
    gpt = Rendered("gpt.json", WORKSPACE_ID, NOW)
    conversations = Rendered("legacy_conversations.json", WORKSPACE_ID, NOW)
    transport = _legacy_api(gpt, conversations)
    window = Window(RunMode.WINDOW, datetime(2025, 1, 1, tzinfo=UTC), None)
    plan = RunPlan.create(
        run_id="contract/1", conn_id="contract", workspace_id=WORKSPACE_ID, window=window,
        started_at=datetime.now(UTC), surface="legacy", include_files=False,
    )  # fmt: skip
    job = WorkspaceJob(
        plan=plan,
        settings=settings(),
        catalog=store,
        client_factory=lambda: ComplianceClient(settings(), retry=FAST_RETRY, transport=transport),
        classifier_factory=get_classifier,
    )
    return job, [*gpt.secrets.values(), *conversations.secrets.values()]


def test_legacy_conversation_and_gpt_shapes_land_every_meaningful_field(legacy_job, store) -> None:
    job, secrets = legacy_job
    steps.sync_inventory(job)
    steps.sync_messages(job)

    message = rows(store, "messages", "message_id")["6f1e2d3c-4b5a-4968-8776-655443322110"]
    assert (message["author_role"], message["gpt_id"], message["source"]) == (
        "user", "g-Vn3bM5cX7zQ9wE1r", "legacy",
    )  # fmt: skip
    assert message["created_at"] == datetime.fromtimestamp(1764950400.5, UTC)
    assert message["file_ids"] == ["file-Ut6Yh8Jk0Lm2Np4Qr6St8Vw0"]
    conversation = rows(store, "conversations", "conversation_id")[message["conversation_id"]]
    assert (conversation["title"], conversation["user_email"], conversation["gpt_id"]) == (
        "Vendor onboarding", "kim.nguyen@contract.example", "g-Vn3bM5cX7zQ9wE1r",
    )  # fmt: skip
    assert conversation["updated_at"] == datetime.fromtimestamp(1764954000.125, UTC)
    assert ("message", "PASSWORD") in findings_of(store, message["message_id"])

    gpt = rows(store, "gpts", "gpt_id")["g-Vn3bM5cX7zQ9wE1r"]
    assert (gpt["name"], gpt["visibility"], gpt["owner_email"], gpt["builder_name"]) == (
        "Vendor Desk", "anyone-with-link", "kim.nguyen@contract.example", "Kim Nguyen",
    )  # fmt: skip
    assert gpt["file_ids"] == ["file-Gt5Hy6Ju7Ki8Lo9Pa0Sd1Fg2"]
    assert findings_of(store, "g-Vn3bM5cX7zQ9wE1r") >= {
        ("gpt", "EMAIL_ADDRESS"), ("gpt_action", "OPENAI_API_KEY"),
    }  # fmt: skip
    masked = " ".join(f["masked_preview"] for f in store.read("findings").to_pylist())
    assert not [value for value in secrets if value in masked]
