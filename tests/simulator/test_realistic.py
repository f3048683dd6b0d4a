"""Realistic text and sized log files: varied chat with exact ground truth, chosen at start."""

from __future__ import annotations

import itertools
from collections import Counter

import httpx
import pytest

from openai_connector.simulator import SimulatorConfig, serve_in_thread
from openai_connector.simulator.chat import FOLLOW_UPS
from openai_connector.simulator.cli import main
from openai_connector.simulator.sensitive import SECRET_TYPES
from openai_connector.simulator.workspace import CONVERSATION_MESSAGE, Workspace, WorkspaceSize

from .calls import FIXED_NOW


def _workspace(
    seed: int = 7, messages: int = 3_000, text_mix: str = "realistic", **options: int
) -> Workspace:
    size = WorkspaceSize.of_counts(messages, 0)
    return Workspace(seed, size, FIXED_NOW, text_mix=text_mix, **options)  # type: ignore[arg-type]


def _texts(workspace: Workspace) -> list[str]:
    return [m.text for m in workspace.messages.values() if m.text]


def test_realistic_text_repeats_only_short_follow_ups() -> None:
    texts = _texts(_workspace())
    counts = Counter(texts)
    assert len(counts) / len(texts) > 0.85
    repeated = {text for text, n in counts.items() if n > 1}
    assert repeated <= set(FOLLOW_UPS)
    templated = _texts(_workspace(text_mix="templated"))
    assert len(set(templated)) / len(templated) < 0.3  # what the default mode looks like


def test_realistic_text_holds_code_long_documents_and_credentials() -> None:
    workspace = _workspace()
    texts = _texts(workspace)
    assert sum("```" in text for text in texts) > 50
    assert sum(len(text) > 2_000 for text in texts) > 20
    planted = Counter(p.entity_type for p in workspace.planted if p.object_type == "message")
    assert set(planted) & set(SECRET_TYPES)
    assert planted["PERSON"] > 10


def test_planted_values_sit_exactly_at_their_offsets() -> None:
    workspace = _workspace()
    planted = [p for p in workspace.planted if p.object_type == "message"]
    assert len(planted) > 100
    for value in planted:
        text = workspace.messages[value.object_id].text or ""
        assert text[value.offset : value.offset + len(value.value)] == value.value


def test_realistic_text_is_the_same_for_the_same_seed() -> None:
    assert _texts(_workspace(seed=3, messages=500)) == _texts(_workspace(seed=3, messages=500))
    assert _texts(_workspace(seed=3, messages=500)) != _texts(_workspace(seed=4, messages=500))


def test_log_files_hold_the_events_asked_for() -> None:
    workspace = _workspace(messages=1_000, events_per_log_file=64)
    files = workspace.log_files[CONVERSATION_MESSAGE]
    assert [len(f.message_ids) for f in files] == [64] * 15 + [40]
    served = [m for f in files for m in f.message_ids]
    assert sorted(served) == sorted(workspace.messages)
    ends = [f.end_time for f in files]
    assert all(earlier < later for earlier, later in itertools.pairwise(ends))
    for log_file in files:
        times = [workspace.messages[m].created_at for m in log_file.message_ids]
        assert max(times) <= log_file.end_time


def test_bad_text_options_are_refused_before_serving() -> None:
    with pytest.raises(ValueError, match="unknown text mix 'poetry'"):
        SimulatorConfig(text_mix="poetry")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="events_per_log_file must be at least 1"):
        SimulatorConfig(events_per_log_file=0)
    assert main(["--events-per-log-file", "0", "--port", "0"]) == 2


def test_a_served_realistic_workspace_lists_files_of_the_size_asked_for() -> None:
    config = SimulatorConfig(
        seed=5, messages=300, files=0, text_mix="realistic", events_per_log_file=100, now=FIXED_NOW
    )
    with serve_in_thread(config) as sim:
        headers = {"Authorization": f"Bearer {sim.keys.read}"}
        listing = httpx.get(
            f"{sim.base_url}/compliance/workspaces/{sim.workspace_id}/logs",
            params={"event_type": CONVERSATION_MESSAGE, "after": "2026-01-01T00:00:00Z"},
            headers=headers,
        ).json()
        truth = sim.truth().to_dict()
    assert len(listing["data"]) == 3
    texts = {m["id"]: m.get("text") for m in truth["messages"]}
    assert len(set(texts.values())) > 250
