from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread

from .calls import DOWNLOADER, FIXED_NOW, list_logs, ws_path


def test_new_activity_lands_in_a_later_log_file(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    files = list_logs(client, sim).json()["data"]
    cursor = files[-1]["end_time"]
    created = sim.add_activity(conversations=2, messages_per_conversation=3, files=1)
    assert len(created["conversation_ids"]) == 2
    assert len(created["message_ids"]) == 6
    assert len(created["file_ids"]) == 1
    page = list_logs(client, sim, after=cursor).json()
    assert [f["id"] for f in page["data"]] == created["log_file_ids"]
    assert page["data"][0]["end_time"] > cursor
    location = client.get(ws_path(sim, f"logs/{page['data'][0]['id']}")).headers["Location"]
    events = [json.loads(line) for line in DOWNLOADER.get(location).content.splitlines()]
    assert [e["message"]["id"] for e in events] == created["message_ids"]
    truth = sim.truth().to_dict()
    assert set(created["message_ids"]) <= {m["id"] for m in truth["messages"]}
    new_file = next(f for f in truth["files"] if f["id"] == created["file_ids"][0])
    assert new_file["expired"] is False


def test_new_activity_can_carry_chosen_prompts(client: httpx.Client, sim: RunningSimulator) -> None:
    prompts = ["first planted prompt", "second planted prompt"]
    created = sim.add_activity(
        conversations=1, messages_per_conversation=4, files=0, prompts=prompts
    )
    location = client.get(ws_path(sim, f"logs/{created['log_file_ids'][0]}")).headers["Location"]
    events = [json.loads(line) for line in DOWNLOADER.get(location).content.splitlines()]
    served = json.dumps(events)
    assert all(prompt in served for prompt in prompts)
    truth_texts = {m["id"]: m["text"] for m in sim.truth().to_dict()["messages"]}
    assert [truth_texts[m] for m in created["message_ids"][::2]] == prompts
    with pytest.raises(ValueError, match="3 prompts for 1 new user messages"):
        sim.add_activity(conversations=1, messages_per_conversation=2, files=0, prompts=["a"] * 3)


def test_legacy_update_time_advances(client: httpx.Client, sim: RunningSimulator) -> None:
    old = client.get(ws_path(sim, "conversations")).json()["data"]
    newest = max(c["last_active_at"] for c in old)
    created = sim.add_activity(conversations=1, messages_per_conversation=2, files=0)
    recent = client.get(
        ws_path(sim, "conversations"), params={"since_timestamp": int(newest) + 1}
    ).json()["data"]
    assert [c["id"] for c in recent] == created["conversation_ids"]


def test_repeated_activity_keeps_end_times_increasing(
    client: httpx.Client, sim: RunningSimulator
) -> None:
    for _ in range(3):
        sim.add_activity(conversations=1, messages_per_conversation=1, files=0)
    end_times = [f["end_time"] for f in list_logs(client, sim).json()["data"]]
    assert end_times == sorted(set(end_times))


def test_activity_arguments_are_checked(sim: RunningSimulator) -> None:
    with pytest.raises(ValueError, match="files"):
        sim.add_activity(conversations=0, messages_per_conversation=2, files=1)


def test_truth_file_is_written_and_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "truth.json"
    config = SimulatorConfig(seed=3, now=FIXED_NOW, truth_path=target)
    with serve_in_thread(config) as sim:
        first = json.loads(target.read_text())
        assert first["workspace_id"] == sim.workspace_id
        sim.add_activity(conversations=1, messages_per_conversation=2, files=0)
        second = json.loads(target.read_text())
        assert len(second["messages"]) == len(first["messages"]) + 2
