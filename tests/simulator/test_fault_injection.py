"""Every fault kind, observed on the wire with a raw client."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest

from openai_connector.simulator import RunningSimulator

from .calls import DOWNLOADER, EPOCH, faults, list_logs, ws_path


def _users(client: httpx.Client, sim: RunningSimulator) -> httpx.Response:
    return client.get(ws_path(sim, "users"))


def test_429_carries_a_configurable_retry_after(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    sim.set_faults(faults("429=1,retry_after=0"))
    response = _users(client, sim)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "0"
    sim.set_faults(faults("429_no_retry_after=1"))
    response = _users(client, sim)
    assert response.status_code == 429
    assert "Retry-After" not in response.headers


def test_5xx_statuses(client: httpx.Client, sim: RunningSimulator) -> None:
    sim.set_faults(faults("5xx=1"))
    statuses = {_users(client, sim).status_code for _ in range(30)}
    assert statuses <= {500, 502, 503, 504}
    assert len(statuses) > 1


def test_reset_drops_the_connection(client: httpx.Client, sim: RunningSimulator) -> None:
    sim.set_faults(faults("reset=1"))
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        _users(client, sim)
    assert sim.request_log()[-1].status == 0


def test_truncate_sends_part_of_the_body(client: httpx.Client, sim: RunningSimulator) -> None:
    sim.set_faults(faults("truncate=1"))
    with pytest.raises(httpx.RemoteProtocolError):
        _users(client, sim)


def test_transient_faults_clear_on_retry(client: httpx.Client, sim: RunningSimulator) -> None:
    sim.set_faults(faults("429=0.2,5xx=0.2,reset=0.2,truncate=0.2,retry_after=0"))
    outcomes = []
    for _ in range(40):
        try:
            outcomes.append(_users(client, sim).status_code)
        except httpx.TransportError:
            outcomes.append(0)
    assert 200 in outcomes
    assert set(outcomes) - {200}


def test_admin_endpoints_are_never_faulted(sim: RunningSimulator, plain: httpx.Client) -> None:
    sim.set_faults(faults("429=1,5xx=1,reset=1,truncate=1,legacy_gone=1"))
    origin = sim.base_url.removesuffix("/v1")
    for _ in range(5):
        assert plain.get(f"{origin}/_sim/info").status_code == 200
        assert plain.get(f"{origin}/_sim/truth").json()["workspace_id"] == sim.workspace_id


def test_sha_mismatch_then_a_fresh_download_succeeds(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    entry = list_logs(client, sim, limit=1).json()["data"][0]
    sim.set_faults(faults("sha_mismatch=0.5"))
    digests = []
    for _ in range(20):
        location = client.get(ws_path(sim, f"logs/{entry['id']}")).headers["Location"]
        body = DOWNLOADER.get(location).content
        assert len(body) == entry["file_size"]
        digests.append(hashlib.sha256(body).hexdigest() == entry["file_sha256"])
    assert True in digests
    assert False in digests


def test_duplicate_events_repeat_identical_events_in_a_later_file(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    truth_before = sim.truth().to_dict()
    sim.set_faults(faults("duplicate_events=0.5"))
    seen: dict[str, list[tuple[int, dict]]] = {}
    for position, entry in enumerate(list_logs(client, sim).json()["data"]):
        location = client.get(ws_path(sim, f"logs/{entry['id']}")).headers["Location"]
        body = DOWNLOADER.get(location).content
        assert hashlib.sha256(body).hexdigest() == entry["file_sha256"]
        for line in body.splitlines():
            event = json.loads(line)
            seen.setdefault(event["event_id"], []).append((position, event))
    repeated = [copies for copies in seen.values() if len(copies) > 1]
    assert repeated
    for copies in repeated:
        assert all(event == copies[0][1] for _, event in copies)
        assert copies[1][0] > copies[0][0]
    assert sim.truth().to_dict() == truth_before


def test_concatenated_bodies_put_two_events_on_a_line(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    """Glued (``}{``) and spaced (``} {``) pairs; every event is still there, once."""
    entries = list_logs(client, sim).json()["data"]
    plain = {}
    for entry in entries:
        location = client.get(ws_path(sim, f"logs/{entry['id']}")).headers["Location"]
        plain[entry["id"]] = DOWNLOADER.get(location).content
    sim.set_faults(faults("concatenated=1"))
    for entry in list_logs(client, sim).json()["data"]:
        location = client.get(ws_path(sim, f"logs/{entry['id']}")).headers["Location"]
        body = DOWNLOADER.get(location).content
        assert hashlib.sha256(body).hexdigest() == entry["file_sha256"]
        events = [event for line in body.splitlines() for event in _json_values(line)]
        before = [json.loads(line) for line in plain[entry["id"]].splitlines()]
        assert events == before
        if len(before) > 1:
            assert len(body.splitlines()) < len(before)


def _json_values(line: bytes) -> list[dict]:
    decoder, text, position, values = json.JSONDecoder(), line.decode(), 0, []
    while position < len(text):
        value, position = decoder.raw_decode(text, position)
        values.append(value)
        position += len(text[position:]) - len(text[position:].lstrip())
    return values


def test_boundary_file_comes_back(client: httpx.Client, sim: RunningSimulator) -> None:
    first = list_logs(client, sim, limit=2).json()
    sim.set_faults(faults("boundary=1"))
    again = list_logs(client, sim, after=first["last_end_time"], limit=2).json()
    assert again["data"][0] == first["data"][-1]
    sim.set_faults(faults(""))
    clean = list_logs(client, sim, after=first["last_end_time"], limit=2).json()
    assert clean["data"][0]["end_time"] > first["last_end_time"]


def test_legacy_gone(client: httpx.Client, sim: RunningSimulator) -> None:
    sim.set_faults(faults("legacy_gone=1"))
    response = client.get(ws_path(sim, "conversations"))
    assert response.status_code == 410
    assert response.json() == {
        "error": {
            "message": "This endpoint has been retired. Use the Compliance Logs Platform.",
            "type": "gone",
        }
    }
    assert list_logs(client, sim).status_code == 200


def test_logs_unavailable(client: httpx.Client, sim: RunningSimulator) -> None:
    sim.set_faults(faults("logs_unavailable=1"))
    response = list_logs(client, sim)
    assert response.status_code == 404
    assert "not enabled" in response.json()["error"]["message"]
    assert client.get(ws_path(sim, "conversations")).status_code == 200


def test_expired_files_expire_more_and_truth_follows(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    before = sum(f["expired"] for f in sim.truth().files)
    sim.set_faults(faults("expired_files=1"))
    chat = [f for f in sim.truth().files if f["kind"] == "user"]
    assert all(f["expired"] for f in chat)
    assert len(chat) > before
    target = chat[-1]
    path = ws_path(sim, f"users/{target['owner_id']}/files/{target['id']}")
    assert client.get(path).status_code == 410


def test_latency_still_answers(client: httpx.Client, sim: RunningSimulator) -> None:
    sim.set_faults(faults("latency=0.01"))
    assert _users(client, sim).status_code == 200
    assert str(sim.faults) == "latency=0.01"


def test_faulted_requests_do_not_change_state(client: httpx.Client, sim: RunningSimulator) -> None:
    sim.set_faults(faults("5xx=1"))
    conversation = sim.truth().conversations[0]["id"]
    assert client.delete(ws_path(sim, f"conversations/{conversation}")).status_code >= 500
    assert sim.truth().deleted == []
    sim.set_faults(faults(""))
    assert list_logs(client, sim, after=EPOCH).status_code == 200
