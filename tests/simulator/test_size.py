"""Explicitly sized workspaces (scale runs): exact counts, same seeded features, bounded caches."""

from __future__ import annotations

import httpx
import pytest

from openai_connector.simulator import SimulatorConfig, serve_in_thread, wire
from openai_connector.simulator.cli import main
from openai_connector.simulator.faults import FaultDice, FaultSpec
from openai_connector.simulator.truth import build_truth
from openai_connector.simulator.workspace import CONVERSATION_MESSAGE, Workspace, WorkspaceSize

from .calls import FIXED_NOW


def _sized(messages: int, files: int, seed: int = 7) -> Workspace:
    return Workspace(seed, WorkspaceSize.of_counts(messages, files), FIXED_NOW)


@pytest.mark.parametrize("messages", [1, 13, 14, 2_345])
def test_exactly_the_messages_asked_for(messages: int) -> None:
    workspace = _sized(messages, 0)
    assert len(workspace.messages) == messages
    assert workspace.counts()["messages"] == messages
    served = [m for files in workspace.log_files.values() for f in files for m in f.message_ids]
    assert sorted(served) == sorted(workspace.messages)


def test_files_split_like_the_named_scales() -> None:
    workspace = _sized(3_000, 170)
    counts = workspace.counts()
    assert counts["files"] == 170
    assert (counts["gpts"], counts["projects"]) == (30, 20)
    assert sum(f.kind == "user" for f in workspace.files.values()) == 120
    assert counts["users"] == 8
    assert _sized(100_000, 0).counts()["users"] == 200


def test_same_seed_same_sized_workspace() -> None:
    def truth(seed: int) -> dict:
        return build_truth(_sized(400, 17, seed), FaultDice(seed, FaultSpec())).to_dict()

    assert truth(3) == truth(3)
    assert truth(3)["messages"] != truth(4)["messages"]


def test_bad_sizes_are_rejected() -> None:
    with pytest.raises(ValueError, match="messages >= 1"):
        WorkspaceSize.of_counts(0, 5)
    with pytest.raises(ValueError, match="messages= as well"):
        SimulatorConfig(files=5)
    assert SimulatorConfig(messages=1_000).workspace_size().chat_files == 4  # 5 files by default


def test_served_log_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wire, "SERVED_LOG_CACHE", 2)
    workspace = _sized(500, 0)
    dice = FaultDice(7, FaultSpec())
    log_files = workspace.log_files[CONVERSATION_MESSAGE][:4]
    first = [workspace.served_log(f, dice) for f in log_files]
    assert len(workspace._served_logs) == 2
    assert [workspace.served_log(f, dice) for f in log_files] == first


def test_counts_over_http_follow_deletions() -> None:
    with serve_in_thread(SimulatorConfig(seed=2, messages=300, files=17, now=FIXED_NOW)) as sim:
        admin = sim.base_url.removesuffix("/v1") + "/_sim/counts"
        before = httpx.get(admin).json()
        assert (before["messages"], before["files"]) == (300, 17)
        conversation = sim.truth().conversations[0]
        headers = {"Authorization": f"Bearer {sim.keys.read_delete}"}
        path = f"/compliance/workspaces/{sim.workspace_id}/conversations/{conversation['id']}"
        assert httpx.delete(sim.base_url + path, headers=headers).status_code == 200
        after = httpx.get(admin).json()
    assert after["conversations"] == before["conversations"] - 1
    assert after["messages"] == 300 - len(conversation["message_ids"])


def test_cli_rejects_files_without_messages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--files", "5", "--port", "0"]) == 2
    assert "messages" in capsys.readouterr().err
