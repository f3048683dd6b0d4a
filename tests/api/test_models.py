from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from openai_connector.api import (
    Conversation,
    ConversationMessageEvent,
    CorruptLine,
    Deletion,
    FileRef,
    Gpt,
    LogEvent,
    LogFile,
    Message,
    Project,
    User,
    parse_log_events,
    parse_timestamp,
)
from openai_connector.api.models import PayloadError, format_timestamp, model_error_reason


def _event(**overrides: Any) -> dict[str, Any]:
    event: dict[str, Any] = {
        "event_id": "ev-1",
        "type": "CONVERSATION_MESSAGE",
        "principal": {"id": "ws-1", "type": "CHATGPT_WORKSPACE"},
        "actor": {"type": "ACCOUNT_USER", "user_id": "user-1", "user_email": "a@b.com"},
        "timestamp": "2026-07-15T15:29:00.243000Z",
        "previous_message_id": "m-0",
        "message": {
            "id": "m-1",
            "created_at": "2026-07-15T15:29:00Z",
            "author": {"type": "user", "client_type": "desktop_web", "tools_used": ["browser"]},
            "content": {
                "type": "text",
                "value": "hello",
                "annotations": [{"type": "url_citation", "urls": ["https://x"]}],
            },
            "brand_new_field": 1,
        },
        "conversation": {"id": "c-1", "title": "", "is_pinned": True},
    }
    event.update(overrides)
    return event


def _lines(*events: Any) -> list[bytes]:
    return [event if isinstance(event, bytes) else json.dumps(event).encode() for event in events]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("2026-07-15T15:29:00Z", datetime(2026, 7, 15, 15, 29, tzinfo=UTC)),
        ("2026-07-15T17:29:00+02:00", datetime(2026, 7, 15, 15, 29, tzinfo=UTC)),
        ("2026-07-15T15:29:00", datetime(2026, 7, 15, 15, 29, tzinfo=UTC)),
        (1692158096.5, datetime(2023, 8, 16, 3, 54, 56, 500000, tzinfo=UTC)),
        (1692158096, datetime(2023, 8, 16, 3, 54, 56, tzinfo=UTC)),
        ("1692158096.5", datetime(2023, 8, 16, 3, 54, 56, 500000, tzinfo=UTC)),
    ],
)
def test_parse_timestamp(value: Any, expected: datetime | None) -> None:
    parsed = parse_timestamp(value)
    assert parsed == expected
    if parsed is not None:
        assert parsed.tzinfo is UTC


@pytest.mark.parametrize("value", [True, [1], "yesterday"])
def test_parse_timestamp_rejects_garbage(value: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        parse_timestamp(value)


def test_format_timestamp_is_utc_z_with_microseconds() -> None:
    value = datetime(2026, 7, 16, 2, 0, tzinfo=UTC).astimezone()
    assert format_timestamp(value) == "2026-07-16T02:00:00.000000Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        format_timestamp(datetime(2026, 7, 16))


def test_conversation_message_event_fields() -> None:
    (event,) = parse_log_events(_lines(_event()))
    assert isinstance(event, ConversationMessageEvent)
    assert event.event_id == "ev-1"
    assert event.workspace_id == "ws-1"
    assert (event.actor_user_id, event.actor_email) == ("user-1", "a@b.com")
    assert event.previous_message_id == "m-0"
    assert event.timestamp == datetime(2026, 7, 15, 15, 29, 0, 243000, tzinfo=UTC)
    message = event.message
    assert (message.id, message.author_role, message.client_type) == ("m-1", "user", "desktop_web")
    assert message.tools_used == ("browser",)
    assert (message.content_type, message.text) == ("text", "hello")
    assert message.annotations[0]["type"] == "url_citation"
    assert event.conversation.id == "c-1"
    assert event.conversation.is_pinned is True
    assert event.conversation.title == ""


def test_author_role_is_accepted_instead_of_type() -> None:
    message = Message.from_api({"id": "m", "author": {"role": "assistant", "model": "gpt-5"}})
    assert (message.author_role, message.author_model) == ("assistant", "gpt-5")


def test_null_content_keeps_the_message() -> None:
    message = Message.from_api({"id": "m", "author": {"type": "tool"}, "content": None})
    assert (message.content_type, message.text) == (None, None)


def test_unknown_content_type_is_kept_with_whatever_text_there_is() -> None:
    image = Message.from_api({"id": "m", "content": {"type": "image_asset_pointer"}})
    assert (image.content_type, image.text) == ("image_asset_pointer", None)
    parts = Message.from_api(
        {"id": "m", "content": {"content_type": "multimodal", "parts": ["a", {}, "b"]}}
    )
    assert (parts.content_type, parts.text) == ("multimodal", "a\nb")
    untyped = Message.from_api({"id": "m", "content": {"value": "x"}})
    assert (untyped.content_type, untyped.text) == ("unknown", "x")


@pytest.mark.parametrize(
    "files",
    [
        [{"id": "file-1", "name": "a.txt", "user_id": "user-1"}],
        {
            "object": "list",
            "data": [{"id": "file-1", "name": "a.txt", "user_id": "user-1"}],
            "has_more": False,
        },
    ],
)
def test_file_refs_from_both_list_shapes(files: Any) -> None:
    message = Message.from_api({"id": "m", "files": files})
    assert message.files == (FileRef(id="file-1", name="a.txt", user_id="user-1"),)


def test_expired_file_ref_and_signed_url_stays_out_of_repr() -> None:
    ref = FileRef.from_api({"id": "file-1", "name": None, "download_url": "https://s/x?sig=SECRET"})
    assert ref.download_url == "https://s/x?sig=SECRET"
    assert "SECRET" not in repr(ref)
    assert FileRef.from_api({"id": "file-2", "name": None, "download_url": None}).name is None


def test_corrupt_lines_are_reported_not_raised() -> None:
    lines = _lines(
        _event(),
        b"{not json",
        b"\xff\xfe",
        b"[1, 2]",
        b"   \n",
        _event(message={"author": {}}),
        _event(conversation=None),
        _event(timestamp="not a time"),
        _event(event_id="ev-9"),
    )
    parsed = list(parse_log_events(lines))
    assert [type(item).__name__ for item in parsed] == [
        "ConversationMessageEvent",
        "CorruptLine",
        "CorruptLine",
        "CorruptLine",
        "CorruptLine",
        "CorruptLine",
        "CorruptLine",
        "ConversationMessageEvent",
    ]
    corrupt = [item for item in parsed if isinstance(item, CorruptLine)]
    assert [item.line_number for item in corrupt] == [2, 3, 4, 6, 7, 8]
    assert "not valid JSON" in corrupt[0].reason
    assert "UTF-8" in corrupt[1].reason
    assert "missing 'id'" in corrupt[3].reason
    assert "missing 'conversation'" in corrupt[4].reason


def test_a_line_of_concatenated_objects_yields_each_of_them() -> None:
    """Bodies may be "concatenated JSON": several objects on one line, with or without
    whitespace between them; what follows a part that does not parse is the only loss."""
    first, second = _event(event_id="ev-1"), _event(event_id="ev-2")
    glued = json.dumps(first).encode() + json.dumps(second).encode()
    spaced = json.dumps(first).encode() + b" \t " + json.dumps(second).encode() + b" "
    broken = json.dumps(second).encode() + b'{"event_id": "ev-3", "typ'
    parsed = list(parse_log_events([glued, spaced, broken]))
    assert [getattr(item, "event_id", None) for item in parsed] == [
        "ev-1", "ev-2", "ev-1", "ev-2", "ev-2", None,
    ]  # fmt: skip
    assert isinstance(parsed[-1], CorruptLine)
    assert (parsed[-1].line_number, "not valid JSON" in parsed[-1].reason) == (3, True)


def test_conversation_attribution_names_the_gpt_or_project() -> None:
    conversation = {
        "id": "c-1",
        "gpt_id": "g-abc",
        "gpt_name": "Release helper",
        "project_id": "g-p-xyz",
        "project_name": "Launch",
    }
    (event,) = parse_log_events(_lines(_event(conversation=conversation)))
    assert isinstance(event, ConversationMessageEvent)
    assert event.conversation.attribution.as_row() == {
        "gpt_id": "g-abc",
        "gpt_name": "Release helper",
        "project_id": "g-p-xyz",
        "project_name": "Launch",
    }
    legacy = Message.from_api({"id": "m", "gpt_id": "g-abc", "project_id": None})
    assert (legacy.attribution.gpt_id, legacy.attribution.project_id) == ("g-abc", None)


def test_other_event_types_keep_envelope_and_raw_body() -> None:
    sign_in = {
        "event_id": "a",
        "type": "AUTH_LOG",
        "timestamp": "2026-07-15T10:53:18Z",
        "actor": {"type": "ACCOUNT_USER", "user_id": "user-1", "user_email": "a@b.com"},
        "request_metadata": {"client_ip": "192.0.2.7", "client_user_agent": "Browser/1"},
        "action_data": {"action": "login_success"},
    }
    audit = {"type": "AUDIT_LOG", "actor": {"type": "API_KEY", "redacted_id": "sk-...wxyz"},
             "action": "INVITE_SEND", "timestamp": 1752576798.5}  # fmt: skip
    agent = {
        "event_id": "c",
        "type": "CUSTOM_AGENTS_LOG",
        "event_type": "AGENT_RUN_MESSAGE",
        "actor": {
            "type": "AGENT",
            "name": "Ops agent",
            "product_id": "agent-1",
            "agent_runtime": {"delegator": {"user_id": "user-2", "user_email": "c@d.com"}},
        },
        "event_details": {"text": "the token is here", "run_id": "thread_1"},
    }
    unknown = {"event_id": "d", "type": "BRAND_NEW_LOG", "whatever": [1]}
    parsed = list(parse_log_events(_lines(sign_in, audit, agent, unknown)))
    assert all(isinstance(item, LogEvent) for item in parsed)
    first, second, third, fourth = parsed
    assert (first.action, first.client_ip, first.user_agent) == (
        "login_success", "192.0.2.7", "Browser/1",
    )  # fmt: skip
    assert (first.actor.user_id, first.actor.user_email) == ("user-1", "a@b.com")
    assert (second.action, second.actor.api_key_id) == ("INVITE_SEND", "sk-...wxyz")
    assert second.event_id.startswith("sha256:")  # no event_id: a stable one from content
    assert second.timestamp == datetime(2025, 7, 15, 10, 53, 18, 500000, tzinfo=UTC)
    assert (third.actor.type, third.actor.name, third.actor.user_id) == (
        "AGENT", "Ops agent", "user-2",
    )  # fmt: skip
    assert [(s.object_type, text) for s, text in third.texts()] == [
        ("agent_message", "the token is here")
    ]
    assert (fourth.known_type, fourth.raw) == (False, unknown)


def test_log_file_from_api() -> None:
    log_file = LogFile.from_api(
        {
            "id": "eclf_1",
            "event_type": "CONVERSATION_MESSAGE",
            "end_time": "2026-07-16T00:00:00Z",
            "file_name": "a.jsonl",
            "file_size": 641,
            "file_sha256": "ABC",
            "new": True,
        }
    )
    assert log_file.file_sha256 == "abc"
    assert log_file.end_time == datetime(2026, 7, 16, tzinfo=UTC)
    with pytest.raises(KeyError):
        LogFile.from_api({"id": "eclf_2"})


def test_legacy_conversation_with_list_object_messages() -> None:
    conversation = Conversation.from_api(
        {
            "object": "compliance.workspace.conversation",
            "id": "c-1",
            "user_id": "user-1",
            "created_at": 1692158096.299021,
            "last_active_at": None,
            "messages": {
                "object": "list",
                "data": [
                    {
                        "id": "m-1",
                        "parent_id": None,
                        "author": {"role": "tool", "tool_name": "python"},
                        "content": {"type": "text", "value": "out"},
                        "files": {"object": "list", "data": [{"id": "file-1", "name": "x"}]},
                    }
                ],
                "has_more": True,
            },
        }
    )
    assert conversation.last_active_at is None
    assert conversation.messages_truncated is True
    (message,) = conversation.messages
    assert (message.author_role, message.author_tool_name) == ("tool", "python")
    assert message.files[0].id == "file-1"


def test_gpt_and_project_with_configs() -> None:
    payload = {
        "id": "g-1",
        "owner_id": "user-1",
        "sharing": {"visibility": "workspace", "recipients": ["user-2"]},
        "latest_config": {
            "object": "list",
            "data": [
                {
                    "id": "cfg-1",
                    "name": "Support Bot",
                    "instructions": "use key sk-xyz",
                    "conversation_starters": ["hi"],
                    "files": [{"id": "file-9", "name": "kb.pdf"}],
                    "tools": [{"type": "browser"}],
                }
            ],
        },
    }
    gpt = Gpt.from_api(payload)
    assert (gpt.visibility, gpt.recipients, gpt.name) == ("workspace", ("user-2",), "Support Bot")
    assert gpt.latest_config[0].files[0].id == "file-9"
    assert gpt.latest_config[0].conversation_starters == ("hi",)
    project = Project.from_api(
        {**payload, "id": "g-p-1", "latest_config": payload["latest_config"]["data"][0]}
    )
    assert isinstance(project, Project)
    assert project.latest_config[0].instructions == "use key sk-xyz"


def test_user_and_deletion() -> None:
    user = User.from_api(
        {"id": "user-1", "email": "a@b.com", "role": "standard-user", "status": "active"}
    )
    assert (user.email, user.role, user.status) == ("a@b.com", "standard-user", "active")
    assert Deletion.from_api({"id": "c-1", "deleted": True}, default_id="x") == Deletion(
        "c-1", True
    )
    assert Deletion.from_api({}, default_id="g-1") == Deletion("g-1", True)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"message": {"id": None}}, "message: missing 'id'"),
        (
            {"message": {"id": "m", "created_at": "yesterday"}},
            "message.created_at must be an ISO 8601 or Unix timestamp, got 'yesterday'",
        ),
        (
            {"message": {"id": "m", "files": [{"id": "f", "size": "big"}]}},
            "message.files[0].size must be a whole number, got 'big'",
        ),
        ({"conversation": "c-1"}, "missing 'conversation'"),
    ],
)
def test_a_bad_payload_names_the_field_path(change: dict, reason: str) -> None:
    payload = {"event_id": "ev", "message": {"id": "m"}, "conversation": {"id": "c"}, **change}
    with pytest.raises(PayloadError) as error:
        ConversationMessageEvent.from_api(payload)
    assert model_error_reason(error.value) == reason
    assert isinstance(error.value, KeyError)  # what callers of the hand-written readers caught


def test_a_log_event_with_a_bad_timestamp_names_the_field() -> None:
    from openai_connector.api import LogEvent

    with pytest.raises(PayloadError, match=r"^timestamp must be an ISO 8601 or Unix timestamp"):
        LogEvent.from_api({"event_id": "e", "type": "AUTH_LOG", "timestamp": "soon"})
    event = LogEvent.from_api({"type": "AUTH_LOG", "actor": {"redacted_id": "key_1"}})
    assert (event.event_id.startswith("sha256:"), event.actor.api_key_id) == (True, "key_1")
