from __future__ import annotations

import hashlib
import json

import httpx
import pytest

from openai_connector.simulator import RunningSimulator

from .calls import DOWNLOADER, list_logs, ws_path


def _conversations(client: httpx.Client, sim: RunningSimulator, **params: object) -> list[dict]:
    items: list[dict] = []
    query: dict[str, object] = dict(params)
    while True:
        page = client.get(ws_path(sim, "conversations"), params=query).json()
        items += page["data"]
        if not page["has_more"]:
            return items
        query = {k: v for k, v in query.items() if k != "since_timestamp"}
        query["after"] = page["last_id"]


def test_conversations_page_by_last_id_and_match_truth(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    items = _conversations(client, sim, limit=4)
    truth = sim.truth().to_dict()
    assert sorted(c["id"] for c in items) == sorted(c["id"] for c in truth["conversations"])
    updated = [c["last_active_at"] for c in items]
    assert updated == sorted(updated)
    texts = {m["id"]: m["text"] for m in truth["messages"]}
    for conversation in items:
        assert conversation["object"] == "compliance.workspace.conversation"
        assert conversation["workspace_id"] == sim.workspace_id
        messages = conversation["messages"]
        assert messages["object"] == "list"
        for message in messages["data"]:
            content = message["content"]
            assert (content["value"] if content else None) == texts[message["id"]]
            assert isinstance(message["created_at"], float)


def test_since_timestamp_is_inclusive_and_first_page_only(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    items = _conversations(client, sim)
    pivot = int(items[10]["last_active_at"])
    recent = _conversations(client, sim, since_timestamp=pivot)
    assert [c["id"] for c in recent] == [c["id"] for c in items if c["last_active_at"] >= pivot]
    both = client.get(
        ws_path(sim, "conversations"), params={"since_timestamp": pivot, "after": items[0]["id"]}
    )
    assert both.status_code == 400


@pytest.mark.parametrize(
    "params", [{"limit": 501}, {"limit": 0}, {"since_timestamp": "1.5"}, {"file_format": "blob"}]
)
def test_conversation_parameter_errors(
    client: httpx.Client, sim: RunningSimulator, params: dict[str, object]
) -> None:
    assert client.get(ws_path(sim, "conversations"), params=params).status_code == 400


def test_users_filter_is_repeatable(client: httpx.Client, sim: RunningSimulator) -> None:
    owners = sorted({c["user_id"] for c in sim.truth().conversations})[:2]
    items = _conversations(client, sim, users=owners)
    assert items
    assert {c["user_id"] for c in items} <= set(owners)


def test_file_items_follow_file_format(client: httpx.Client, sim: RunningSimulator) -> None:
    truth = sim.truth().to_dict()
    expired = {f["id"] for f in truth["files"] if f["expired"]}
    by_url = [
        item
        for c in _conversations(client, sim)
        for m in c["messages"]["data"]
        for item in m["files"]["data"]
    ]
    assert len(by_url) == len([f for f in truth["files"] if f["kind"] == "user"])
    for item in by_url:
        assert (item["download_url"] is None) == (item["id"] in expired)
    live = next(item for item in by_url if item["download_url"])
    assert DOWNLOADER.get(live["download_url"]).status_code == 200
    by_id = _conversations(client, sim, file_format="id")
    item = next(i for c in by_id for m in c["messages"]["data"] for i in m["files"]["data"])
    assert set(item) == {"id", "name", "user_id"}


def test_users_ascend_and_page(client: httpx.Client, sim: RunningSimulator) -> None:
    first = client.get(ws_path(sim, "users"), params={"limit": 5}).json()
    second = client.get(ws_path(sim, "users"), params={"after": first["last_id"]}).json()
    ids = [u["id"] for u in first["data"] + second["data"]]
    assert first["has_more"]
    assert not second["has_more"]
    assert ids == sorted(ids) == [u["id"] for u in sim.truth().users]
    assert client.get(ws_path(sim, "users"), params={"limit": 201}).status_code == 400


@pytest.mark.parametrize("kind", ["gpts", "projects"])
def test_gpts_and_projects(client: httpx.Client, sim: RunningSimulator, kind: str) -> None:
    truth = getattr(sim.truth(), kind)
    listed = client.get(ws_path(sim, kind)).json()
    assert [a["id"] for a in listed["data"]] == sorted(a["id"] for a in truth)
    one = truth[0]
    item = client.get(ws_path(sim, f"{kind}/{one['id']}")).json()
    config = item["latest_config"]["data"][0]
    assert config["instructions"] == one["instructions"]
    assert item["object"] == f"compliance.workspace.{kind[:-1]}"
    configs = client.get(ws_path(sim, f"{kind}/{one['id']}/configs")).json()
    assert configs["data"][0]["id"] == config["id"]
    shared = client.get(ws_path(sim, f"{kind}/{one['id']}/shared_users")).json()
    assert [u["id"] for u in shared["data"]] == one["shared_user_ids"]
    file_id = one["file_ids"][0]
    content = client.get(ws_path(sim, f"{kind[:-1]}_files/{file_id}"))
    assert content.status_code == 307
    body = DOWNLOADER.get(content.headers["Location"]).content
    truth_file = next(f for f in sim.truth().files if f["id"] == file_id)
    assert len(body) == truth_file["size"]
    assert client.get(ws_path(sim, f"{kind}/g-missing")).status_code == 404


def test_user_file_content_answers_307_404_410(client: httpx.Client, sim: RunningSimulator) -> None:
    chat = [f for f in sim.truth().files if f["kind"] == "user"]
    live = next(f for f in chat if not f["expired"])
    gone = next(f for f in chat if f["expired"])
    response = client.get(ws_path(sim, f"users/{live['owner_id']}/files/{live['id']}"))
    assert response.status_code == 307
    body = DOWNLOADER.get(response.headers["Location"])
    assert hashlib.sha256(body.content).hexdigest() == live["sha256"]
    assert body.headers["content-type"] == live["mime"]
    assert (
        client.get(ws_path(sim, f"users/{gone['owner_id']}/files/{gone['id']}")).status_code == 410
    )
    assert client.get(ws_path(sim, f"users/{live['owner_id']}/files/file-nope")).status_code == 404


def test_deleting_a_conversation_removes_it_everywhere(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    conversation = sim.truth().conversations[0]
    path = ws_path(sim, f"conversations/{conversation['id']}")
    response = client.delete(path)
    assert response.json() == {
        "id": conversation["id"],
        "object": "compliance.workspace.conversation.deleted",
        "deleted": True,
    }
    assert client.delete(path).status_code == 404
    truth = sim.truth().to_dict()
    assert {"object_type": "conversation", "id": conversation["id"]} in truth["deleted"]
    assert conversation["id"] not in {c["id"] for c in truth["conversations"]}
    assert not set(conversation["message_ids"]) & {m["id"] for m in truth["messages"]}
    assert not set(conversation["message_ids"]) & {p["object_id"] for p in truth["planted"]}
    listed = {c["id"] for c in _conversations(client, sim)}
    assert conversation["id"] not in listed
    served = set()
    for entry in list_logs(client, sim).json()["data"]:
        location = client.get(ws_path(sim, f"logs/{entry['id']}")).headers["Location"]
        body = DOWNLOADER.get(location).content
        assert hashlib.sha256(body).hexdigest() == entry["file_sha256"]  # listing follows too
        served |= {json.loads(line)["conversation"]["id"] for line in body.splitlines()}
    assert conversation["id"] not in served


@pytest.mark.parametrize("kind", ["gpts", "projects"])
def test_assistant_deletes(client: httpx.Client, sim: RunningSimulator, kind: str) -> None:
    first, second = getattr(sim.truth(), kind)[:2]
    file_path = ws_path(sim, f"{kind}/{first['id']}/files/{first['file_ids'][0]}")
    assert client.delete(file_path).json()["deleted"] is True
    assert client.delete(file_path).status_code == 404
    assert client.delete(ws_path(sim, f"{kind}/{second['id']}")).json()["deleted"] is True
    assert client.get(ws_path(sim, f"{kind}/{second['id']}")).status_code == 404
    remaining = {a["id"]: a for a in getattr(sim.truth(), kind)}
    assert second["id"] not in remaining
    assert remaining[first["id"]]["file_ids"] == []
    shared = next(a for a in remaining.values() if a["shared_user_ids"])  # seed 7 has one
    unshare = ws_path(sim, f"{kind}/{shared['id']}/shared_users")
    assert client.delete(unshare).json()["deleted"] is True
    assert client.delete(unshare).status_code == 404
    assert client.get(unshare).json()["data"] == []


def test_deleting_a_user_file(client: httpx.Client, sim: RunningSimulator) -> None:
    chat = next(f for f in sim.truth().files if f["kind"] == "user")
    path = ws_path(sim, f"users/{chat['owner_id']}/files/{chat['id']}")
    assert client.delete(path).json()["object"] == "compliance.workspace.file.deleted"
    assert client.get(path).status_code == 404
    truth = sim.truth().to_dict()
    assert chat["id"] not in {f["id"] for f in truth["files"]}
    assert all(chat["id"] not in m["file_ids"] for m in truth["messages"])
