from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
import pytest

from openai_connector.event_types import CONVERSATION_MESSAGE as CHAT
from openai_connector.simulator import RunningSimulator
from openai_connector.simulator.signing import SignedTarget, UrlSigner
from openai_connector.simulator.workspace import WORKSPACE_EVENT_TYPES

from .calls import DOWNLOADER, EPOCH, FIXED_NOW, list_logs, ws_path


def _all_pages(client: httpx.Client, sim: RunningSimulator, **params: object) -> list[dict]:
    files: list[dict] = []
    after = EPOCH
    while True:
        page = list_logs(client, sim, after=after, **params).json()
        files += page["data"]
        if not page["has_more"]:
            return files
        after = page["last_end_time"]


def _download(client: httpx.Client, sim: RunningSimulator, log_id: str) -> bytes:
    """Follow the 307 by hand, without the key with a client that carries no key."""
    redirect = client.get(ws_path(sim, f"logs/{log_id}"))
    assert redirect.status_code == 307
    return DOWNLOADER.get(redirect.headers["Location"]).content


def test_pages_follow_last_end_time_in_ascending_order(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    first = list_logs(client, sim, limit=5).json()
    assert first["has_more"] is True
    assert len(first["data"]) == 5
    assert first["last_end_time"] == first["data"][-1]["end_time"]
    files = _all_pages(client, sim, limit=7)
    end_times = [f["end_time"] for f in files]
    assert end_times == sorted(end_times)
    assert len(set(end_times)) == len(end_times)
    assert [f["id"] for f in files] == [f["id"] for f in _all_pages(client, sim, limit=100)]
    entry = files[0]
    assert entry["id"].startswith("eclf_")
    assert entry["event_type"] == "CONVERSATION_MESSAGE"
    assert entry["file_name"].endswith(".jsonl")


def test_empty_page_has_null_last_end_time(client: httpx.Client, sim: RunningSimulator) -> None:
    page = list_logs(client, sim, after="2030-01-01T00:00:00Z").json()
    assert page == {"data": [], "has_more": False, "last_end_time": None}


def test_before_bounds_the_window(client: httpx.Client, sim: RunningSimulator) -> None:
    files = _all_pages(client, sim)
    cut = files[3]["end_time"]
    windowed = list_logs(client, sim, before=cut).json()["data"]
    assert [f["id"] for f in windowed] == [f["id"] for f in files[:4]]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"limit": "ten"},
        {"after": "2026-07-01T00:00:00"},
        {"after": "yesterday"},
        {"event_type": "CHAT"},
    ],
)
def test_bad_parameters_are_400(
    client: httpx.Client, sim: RunningSimulator, params: dict[str, object]
) -> None:
    response = list_logs(client, sim, **params)
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_after_is_required(client: httpx.Client, sim: RunningSimulator) -> None:
    response = client.get(ws_path(sim, "logs"), params={"event_type": "CONVERSATION_MESSAGE"})
    assert response.status_code == 400
    assert "'after'" in response.json()["error"]["message"]


def test_download_redirects_to_another_host_that_refuses_the_key(
    client: httpx.Client, sim: RunningSimulator, plain: httpx.Client
) -> None:
    entry = list_logs(client, sim, limit=1).json()["data"][0]
    redirect = client.get(ws_path(sim, f"logs/{entry['id']}"))
    assert redirect.status_code == 307
    location = urlsplit(redirect.headers["Location"])
    assert location.hostname == "localhost" != urlsplit(sim.base_url).hostname
    keyed = plain.get(location.geturl(), headers={"Authorization": f"Bearer {sim.keys.read}"})
    assert keyed.status_code == 400
    body = plain.get(location.geturl())
    assert body.status_code == 200
    assert len(body.content) == entry["file_size"]
    assert hashlib.sha256(body.content).hexdigest() == entry["file_sha256"]


def test_signed_urls_reject_tampering_and_expiry(
    sim: RunningSimulator, plain: httpx.Client
) -> None:
    origin = sim.base_url.removesuffix("/v1").replace("127.0.0.1", "localhost")
    signer = UrlSigner.for_seed(7)
    log_id = sim.truth().to_dict()["workspace_id"]  # any id: the signature is checked first
    expired = signer.sign(SignedTarget("log", log_id), FIXED_NOW - timedelta(minutes=1))
    assert plain.get(f"{origin}/signed/{expired}").status_code == 403
    valid = signer.sign(SignedTarget("log", log_id), FIXED_NOW + timedelta(minutes=5))
    assert plain.get(f"{origin}/signed/{valid}x").status_code == 403
    assert plain.get(f"{origin}/signed/{valid}").status_code == 404


def test_unknown_log_file_is_404(client: httpx.Client, sim: RunningSimulator) -> None:
    response = client.get(ws_path(sim, "logs/eclf_missing"))
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "not_found_error"


def test_events_follow_the_documented_schema(client: httpx.Client, sim: RunningSimulator) -> None:
    events = [
        json.loads(line)
        for entry in _all_pages(client, sim)
        for line in _download(client, sim, entry["id"]).splitlines()
    ]
    for event in events:
        assert event["type"] == "CONVERSATION_MESSAGE"
        assert event["principal"] == {"id": sim.workspace_id, "type": "CHATGPT_WORKSPACE"}
        assert event["actor"]["type"] == "ACCOUNT_USER"
        assert event["timestamp"].endswith("Z")
        assert {"id", "created_at", "author", "content"} <= set(event["message"])
        conversation_fields = {"id", "title", "created_at", "is_pinned", "is_temporary_chat"}
        attribution = {"gpt_id", "gpt_name", "project_id", "project_name"}
        assert conversation_fields <= set(event["conversation"])
        assert set(event["conversation"]) <= conversation_fields | attribution
    authors = [e["message"]["author"] for e in events]
    assert any("role" in a for a in authors)
    assert any("type" in a for a in authors)
    file_lists = [e["message"]["files"] for e in events if "files" in e["message"]]
    assert any(isinstance(f, list) for f in file_lists)
    assert any(isinstance(f, dict) and f["object"] == "list" for f in file_lists)
    assert sum("previous_message_id" not in e for e in events) == 25
    assert any("gpt_name" in e["conversation"] for e in events)
    assert any("project_name" in e["conversation"] for e in events)


def test_a_full_pull_sees_exactly_the_truth(client: httpx.Client, sim: RunningSimulator) -> None:
    served: dict[str, dict] = {}
    for entry in _all_pages(client, sim):
        for line in _download(client, sim, entry["id"]).splitlines():
            event = json.loads(line)
            served[event["message"]["id"]] = event
    truth = sim.truth().to_dict()
    assert set(served) == {m["id"] for m in truth["messages"]}
    for message in truth["messages"]:
        event = served[message["id"]]
        content = event["message"]["content"]
        assert (content["value"] if content else None) == message["text"]
        assert event["message"]["created_at"] == message["created_at"]
        assert event["conversation"]["id"] == message["conversation_id"]
        assert event.get("previous_message_id") == message["parent_id"]
    titles = {c["id"]: c["title"] for c in truth["conversations"]}
    latest: dict[str, dict] = {}
    for event in sorted(served.values(), key=lambda e: e["timestamp"]):
        latest[event["conversation"]["id"]] = event
    assert {cid: e["conversation"]["title"] for cid, e in latest.items()} == titles


@pytest.mark.parametrize("event_type", [t for t in WORKSPACE_EVENT_TYPES if t != CHAT])
def test_every_workspace_event_type_is_served_in_its_public_shape(
    client: httpx.Client, sim: RunningSimulator, event_type: str
) -> None:
    entries = list_logs(client, sim, event_type=event_type).json()["data"]
    assert entries
    events = [
        json.loads(line) for e in entries for line in _download(client, sim, e["id"]).splitlines()
    ]
    truth_ids = {e["id"] for e in sim.truth().to_dict()["events"] if e["type"] == event_type}
    assert {event["event_id"] for event in events} == truth_ids
    for event in events:
        assert event["type"] == event_type
        assert event["principal"] == {"id": sim.workspace_id, "type": "CHATGPT_WORKSPACE"}
        assert event["actor"]["type"] in {"ACCOUNT_USER", "API_KEY", "AGENT"}
        assert event["timestamp"].endswith("Z")


def test_sign_in_logs_name_address_and_action(client: httpx.Client, sim: RunningSimulator) -> None:
    entries = list_logs(client, sim, event_type="AUTH_LOG").json()["data"]
    events = [
        json.loads(line) for e in entries for line in _download(client, sim, e["id"]).splitlines()
    ]
    assert {event["actor"]["type"] for event in events} == {"ACCOUNT_USER", "API_KEY"}
    assert [
        event["request_metadata"]["client_ip"] for event in events if "request_metadata" in event
    ]


def test_organization_logs_are_listed(client: httpx.Client, sim: RunningSimulator) -> None:
    path = f"/compliance/organizations/{sim.organization_id}/logs"
    response = client.get(path, params={"event_type": "APP_ORGANIZATION_LOG", "after": EPOCH})
    assert response.status_code == 200
    (entry,) = response.json()["data"]
    assert client.get(f"{path}/{entry['id']}").status_code == 307
    assert client.get(ws_path(sim, f"logs/{entry['id']}")).status_code == 404
    bad = client.get(path, params={"event_type": "CONVERSATION_MESSAGE", "after": EPOCH})
    assert bad.status_code == 400
