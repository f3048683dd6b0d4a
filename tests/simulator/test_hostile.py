"""Hostile content: off by default, served where the manifest says, truth kept right."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator

import httpx
import pytest

from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread
from openai_connector.simulator.cli import main
from openai_connector.simulator.hostile import (
    HOSTILE_KINDS,
    HUGE_MESSAGE_CHARS,
    OVERSIZED_PAGE_FACTOR,
    PAGE_PADDING_CHARS,
    ZIP_BOMB_MEMBER_BYTES,
    parse_hostile,
)

from .calls import DOWNLOADER, FIXED_NOW, list_logs, ws_path


@pytest.fixture(scope="module")
def hostile_sim() -> Iterator[RunningSimulator]:
    config = SimulatorConfig(seed=7, now=FIXED_NOW, hostile=parse_hostile("all"))
    with serve_in_thread(config) as running:
        yield running


@pytest.fixture
def api(hostile_sim: RunningSimulator) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {hostile_sim.keys.read}"}
    with httpx.Client(base_url=hostile_sim.base_url, headers=headers) as http:
        yield http


def download(api: httpx.Client, path: str) -> httpx.Response:
    redirect = api.get(path, follow_redirects=False)
    assert redirect.status_code == 307
    return DOWNLOADER.get(redirect.headers["Location"])


def log_lines(api: httpx.Client, sim: RunningSimulator) -> list[bytes]:
    log_file_id = sim.hostile().log_file_id
    return download(api, ws_path(sim, f"logs/{log_file_id}")).content.splitlines()


def events_by_message(lines: list[bytes]) -> dict[str, dict]:
    events = {}
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict) and event.get("type") == "CONVERSATION_MESSAGE":
            events[event["message"]["id"]] = event
    return events


def test_spec_parsing_names_unknown_kinds() -> None:
    assert parse_hostile("all") == frozenset(HOSTILE_KINDS)
    assert parse_hostile(" zip_bomb , corrupt_lines ") == {"zip_bomb", "corrupt_lines"}
    assert parse_hostile("") == frozenset()
    with pytest.raises(ValueError, match="unknown hostile kinds \\['gremlins'\\]"):
        parse_hostile("zip_bomb,gremlins")
    with pytest.raises(ValueError, match="gremlins"):
        SimulatorConfig(hostile=frozenset({"gremlins"}))


def test_cli_rejects_an_unknown_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--hostile", "gremlins", "--port", "0"]) == 2
    assert "--hostile: unknown hostile kinds ['gremlins']" in capsys.readouterr().err


def test_off_by_default_and_planting_leaves_the_rest_unchanged(hostile_sim) -> None:
    with serve_in_thread(SimulatorConfig(seed=7, now=FIXED_NOW)) as plain_sim:
        assert plain_sim.hostile().to_dict()["kinds"] == []
        plain = plain_sim.truth().to_dict()
    hostile = hostile_sim.truth().to_dict()
    manifest = hostile_sim.hostile()
    planted_ids = set(manifest.messages.values()) | set(manifest.files.values())
    assert plain["planted"] == [p for p in hostile["planted"] if p["object_id"] not in planted_ids]
    assert {m["id"] for m in plain["messages"]} < {m["id"] for m in hostile["messages"]}
    assert {f["id"] for f in plain["files"]} < {f["id"] for f in hostile["files"]}


def test_bad_lines_sit_between_the_real_events(api, hostile_sim) -> None:
    manifest = hostile_sim.hostile()
    lines = log_lines(api, hostile_sim)
    corrupt = unknown = 0
    for line in lines:
        try:
            event = json.loads(line.decode("utf-8"))
        except ValueError:
            corrupt += 1
            continue
        if not isinstance(event, dict):
            corrupt += 1
        elif event.get("type") != "CONVERSATION_MESSAGE":
            unknown += 1
    assert (corrupt, unknown) == (manifest.corrupt_lines, manifest.unknown_events) == (4, 2)
    assert any(line.startswith(b"<html>") for line in lines[:2])  # not only at the end
    truth_ids = {m["id"] for m in hostile_sim.truth().to_dict()["messages"]}
    served = events_by_message(lines)
    assert set(served) <= truth_ids
    assert set(manifest.messages.values()) <= set(served)


def test_null_content_and_null_value_are_served_and_true(api, hostile_sim) -> None:
    messages = hostile_sim.hostile().messages
    served = events_by_message(log_lines(api, hostile_sim))
    assert served[messages["null_content"]]["message"]["content"] is None
    assert served[messages["null_value"]]["message"]["content"]["value"] is None
    truth = {m["id"]: m for m in hostile_sim.truth().to_dict()["messages"]}
    assert (
        truth[messages["null_content"]]["content_type"],
        truth[messages["null_content"]]["text"],
    ) == (None, None)
    assert (
        truth[messages["null_value"]]["content_type"],
        truth[messages["null_value"]]["text"],
    ) == ("text", None)


def test_huge_message_makes_a_huge_log_file(api, hostile_sim) -> None:
    manifest = hostile_sim.hostile()
    huge_id = manifest.messages["huge_message"]
    listing = list_logs(api, hostile_sim, limit=100).json()["data"]
    (entry,) = [e for e in listing if e["id"] == manifest.log_file_id]
    assert entry["file_size"] > HUGE_MESSAGE_CHARS
    text = events_by_message(log_lines(api, hostile_sim))[huge_id]["message"]["content"]["value"]
    assert len(text) == HUGE_MESSAGE_CHARS
    (planted,) = [p for p in hostile_sim.truth().to_dict()["planted"] if p["object_id"] == huge_id]
    assert planted["offset"] < 200
    assert text[planted["offset"] :].startswith(planted["value"])
    assert "@" in text[-1000:]  # an address no classification cap reaches, never recorded


def test_hostile_files_are_served_as_promised_and_recorded_as_true(api, hostile_sim) -> None:
    files = hostile_sim.hostile().files
    truth = {f["id"]: f for f in hostile_sim.truth().to_dict()["files"]}

    def body(kind: str) -> httpx.Response:
        record = truth[files[kind]]
        path = ws_path(hostile_sim, f"users/{record['owner_id']}/files/{record['id']}")
        response = download(api, path)
        assert len(response.content) == record["size"]
        return response

    binary = body("binary_file")
    assert truth[files["binary_file"]]["name"].endswith(".txt")
    assert binary.headers["Content-Type"] == "text/plain"
    assert b"\x00" in binary.content
    assert truth[files["binary_file"]]["text"] == ""

    bomb = body("zip_bomb").content
    assert len(bomb) < 1_000_000
    declared = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert declared > ZIP_BOMB_MEMBER_BYTES
    assert truth[files["zip_bomb"]]["text"] == ""

    latin1 = body("non_utf8").content
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    record = truth[files["non_utf8"]]
    assert latin1.decode("latin-1") == record["text"]
    (planted,) = [
        p for p in hostile_sim.truth().to_dict()["planted"] if p["object_id"] == record["id"]
    ]
    assert record["text"][planted["offset"] :].startswith(planted["value"])


def test_listings_ignore_the_limit_and_pad_entries(api, hostile_sim) -> None:
    response = list_logs(api, hostile_sim, limit=2)
    page = response.json()
    assert len(page["data"]) == 2 * OVERSIZED_PAGE_FACTOR
    assert page["has_more"] is True
    assert len(response.content) > 2 * OVERSIZED_PAGE_FACTOR * PAGE_PADDING_CHARS
    assert page["last_end_time"] == page["data"][-1]["end_time"]


def test_admin_endpoint_reports_the_manifest(hostile_sim) -> None:
    answer = httpx.get(f"{hostile_sim.origin}/_sim/hostile").json()
    assert answer == hostile_sim.hostile().to_dict()
    assert answer["kinds"] == sorted(HOSTILE_KINDS)
