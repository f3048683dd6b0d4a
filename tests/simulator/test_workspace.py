from __future__ import annotations

from datetime import timedelta

import pytest

from openai_connector.simulator import documents, sensitive
from openai_connector.simulator.faults import FaultDice, FaultSpec
from openai_connector.simulator.truth import build_truth
from openai_connector.simulator.workspace import Workspace

from .calls import FIXED_NOW


@pytest.fixture(scope="module")
def workspace() -> Workspace:
    return Workspace(7, "small", FIXED_NOW)


@pytest.fixture(scope="module")
def truth(workspace: Workspace) -> dict:
    return build_truth(workspace, FaultDice(7, FaultSpec())).to_dict()


def _truth(seed: int) -> dict:
    return build_truth(Workspace(seed, "small", FIXED_NOW), FaultDice(seed, FaultSpec())).to_dict()


def test_same_seed_same_workspace_other_seed_other_workspace() -> None:
    assert _truth(7) == _truth(7)
    other = _truth(8)
    assert other["workspace_id"] != _truth(7)["workspace_id"]
    assert other["planted"] != _truth(7)["planted"]


def test_small_scale_sizes(truth: dict) -> None:
    assert len(truth["users"]) == 8
    assert len(truth["conversations"]) == 25
    assert 100 <= len(truth["messages"]) <= 220
    assert len([f for f in truth["files"] if f["kind"] == "user"]) == 12
    assert (len(truth["gpts"]), len(truth["projects"])) == (3, 2)


def test_medium_is_about_ten_times_small() -> None:
    medium = Workspace(7, "medium", FIXED_NOW)
    assert len(medium.conversations) == 250
    assert len(medium.users) == 80


def test_unknown_scale_is_rejected() -> None:
    with pytest.raises(ValueError, match="huge"):
        Workspace(7, "huge", FIXED_NOW)  # type: ignore[arg-type]


def test_users_cover_roles_status_and_unicode(truth: dict) -> None:
    users = truth["users"]
    assert {u["role"] for u in users} == {"account-owner", "account-admin", "standard-user"}
    assert [u["status"] for u in users].count("inactive") == 1
    assert any(not u["name"].isascii() for u in users)
    assert all(u["id"].startswith("user-") for u in users)


def test_conversation_features(truth: dict) -> None:
    conversations, messages = truth["conversations"], truth["messages"]
    assert any(c["title"] == "" for c in conversations)
    assert any(c["title"] and not c["title"].isascii() for c in conversations)
    assert any(c["is_temporary"] for c in conversations)
    assert any(m["text"] is None and m["content_type"] is None for m in messages)
    assert any(m["content_type"] not in ("text", None) for m in messages)
    assert {"user", "assistant", "tool"} <= {m["role"] for m in messages}
    assert all(m["model"] for m in messages if m["role"] == "assistant")
    parents = [m["parent_id"] for m in messages if m["role"] == "assistant"]
    assert len(parents) > len(set(parents)), "a regenerated reply shares its parent"


def test_activity_lies_within_log_retention(truth: dict) -> None:
    oldest = min(m["created_at"] for m in truth["messages"])
    assert oldest > (FIXED_NOW - timedelta(days=29)).strftime("%Y-%m-%dT%H:%M:%S")
    assert max(m["created_at"] for m in truth["messages"]) < "2026-07-16T12:00:00"


def test_files_cover_formats_and_expiry(truth: dict) -> None:
    files = truth["files"]
    mimes = {f["mime"] for f in _files_of_a_few_seeds()}
    assert {
        documents.MIME_TYPES[kind] for kind in ("txt", "csv", "json", "pdf", "docx", "xlsx")
    } <= mimes
    chat = [f for f in files if f["kind"] == "user"]
    assert any(f["expired"] for f in chat)
    assert not all(f["expired"] for f in chat)
    assert not any(f["expired"] for f in files if f["kind"] != "user")
    assert all(f["message_id"] and f["conversation_id"] for f in chat)


def _files_of_a_few_seeds() -> list[dict]:
    """Formats across a few seeds: a single small seed need not draw every one."""
    files: list[dict] = []
    for seed in range(4):
        files += _truth(seed)["files"]
    return files


def test_every_entity_type_is_planted_with_exact_offsets(workspace: Workspace, truth: dict) -> None:
    planted = truth["planted"]
    assert {p["entity_type"] for p in planted} == set(sensitive.ENTITY_TYPES)
    assert {p["object_type"] for p in planted} == {
        "message", "message_quote", "message_annotation", "file", "gpt", "project",
        "gpt_action", "project_action", "codex_prompt", "codex_response", "agent_message",
        "agent_instructions", "memory",
    }  # fmt: skip
    texts = {m["id"]: m["text"] for m in truth["messages"]}
    texts |= {f["id"]: f["text"] for f in truth["files"]}
    texts |= {g["id"]: g["instructions"] for g in truth["gpts"] + truth["projects"]}
    in_fields = {"text", "instructions"}
    for entry in planted:
        if entry["field"] in in_fields:
            text = texts[entry["object_id"]]
            assert text[entry["offset"] : entry["offset"] + len(entry["value"])] == entry["value"]
    elsewhere = [entry for entry in planted if entry["field"] not in in_fields]
    assert {entry["object_id"] for entry in elsewhere} <= (
        {e["id"] for e in truth["events"]}
        | {m["id"] for m in truth["messages"]}
        | {g["id"] for g in truth["gpts"] + truth["projects"]}
    )


def test_decoys_are_present_but_never_planted(truth: dict) -> None:
    all_text = " ".join(m["text"] or "" for m in truth["messages"])
    assert "user@example.com" in all_text or "sk-your-key-here" in all_text
    values = {p["value"] for p in truth["planted"]}
    assert not values & {"user@example.com", "sk-your-key-here"}


def test_gpts_and_projects_have_ids_instructions_and_files(truth: dict) -> None:
    assert all(g["id"].startswith("g-") and not g["id"].startswith("g-p-") for g in truth["gpts"])
    assert all(p["id"].startswith("g-p-") for p in truth["projects"])
    assert all(a["instructions"] and a["file_ids"] for a in truth["gpts"] + truth["projects"])


def test_large_scale_builds_lazily() -> None:
    large = Workspace(7, "large", FIXED_NOW)
    assert len(large.conversations) == 2500
    assert all("body" not in vars(f) for f in large.files.values())
