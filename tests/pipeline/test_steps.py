"""The acceptance criteria of extraction, through the real path minus Airflow."""

from __future__ import annotations

from collections import Counter

import pytest

from openai_connector.catalog import CatalogStore
from openai_connector.simulator import RunningSimulator

from .conftest import RunWorkspace, set_faults

TABLES = ("conversations", "messages", "files", "findings", "users", "gpts", "projects")


def ids(store: CatalogStore, table: str, column: str) -> list[str]:
    return store.read(table, columns=[column]).column(column).to_pylist()


def counts(store: CatalogStore) -> dict[str, int]:
    return {table: store.count(table) for table in TABLES}


def expected_file_status(file: dict) -> str:
    if file["expired"]:
        return "expired"
    return "scanned" if file["mime"].startswith(("text/", "application/json")) else "unsupported"


def assert_equals_truth(sim: RunningSimulator, store: CatalogStore) -> None:
    truth = sim.truth().to_dict()
    message_ids = ids(store, "messages", "message_id")
    assert len(message_ids) == len(set(message_ids))
    assert set(message_ids) == {m["id"] for m in truth["messages"]}
    assert set(ids(store, "conversations", "conversation_id")) == {
        c["id"] for c in truth["conversations"]
    }
    files = store.read("files", columns=["file_id", "status"]).to_pylist()
    assert {f["file_id"]: f["status"] for f in files} == {
        f["id"]: expected_file_status(f) for f in truth["files"]
    }
    assert set(ids(store, "users", "user_id")) == {u["id"] for u in truth["users"]}


def test_first_run_lands_the_ground_truth(sim, store, run_workspace: RunWorkspace) -> None:
    result = run_workspace()
    assert result["outcome"] == "success"
    assert_equals_truth(sim, store)
    (run,) = store.read("runs").to_pylist()
    api_requests = [r for r in sim.request_log() if not r.path.startswith("/signed/")]
    assert run["api_calls"] == len(api_requests)
    conversations = store.read("conversations").to_pylist()
    truth_counts = Counter(m["conversation_id"] for m in sim.truth().to_dict()["messages"])
    assert {c["conversation_id"]: c["message_count"] for c in conversations} == truth_counts
    planted = {p["value"] for p in sim.truth().to_dict()["planted"]}
    for finding in store.read("findings").to_pylist():
        assert finding["masked_preview"] not in planted
    for message in store.read("messages", columns=["text"]).to_pylist():
        assert not any(value in (message["text"] or "") for value in planted if len(value) > 8)


def test_quiet_second_run_lists_little_and_lands_nothing(sim, store, run_workspace) -> None:
    run_workspace()
    before = counts(store)
    sim.reset_request_log()
    run_workspace()
    log_lists = [r for r in sim.request_log() if r.method == "GET" and r.path.endswith("/logs")]
    assert len(log_lists) <= 2
    assert counts(store) == before


def test_growth_lands_only_the_new_records(sim, store, run_workspace) -> None:
    run_workspace()
    before = counts(store)
    added = sim.add_activity(conversations=2, messages_per_conversation=3, files=1)
    run_workspace()
    after = counts(store)
    assert after["messages"] - before["messages"] == len(added["message_ids"])
    assert after["conversations"] - before["conversations"] == len(added["conversation_ids"])
    assert_equals_truth(sim, store)


def test_window_rerun_and_overlap_change_no_row_count(sim, store, run_workspace) -> None:
    run_workspace()
    before = counts(store)
    watermarks = store.get_watermarks(sim.workspace_id)
    run_workspace(since="2020-01-01T00:00:00Z")  # past the retention: a warning, not an error
    messages = sim.truth().to_dict()["messages"]
    middle = sorted(m["created_at"] for m in messages)[len(messages) // 2]
    run_workspace(since=middle, reclassify=True)
    assert counts(store) == before
    assert store.get_watermarks(sim.workspace_id) == watermarks


def test_duplicates_and_boundary_re_returns_collapse(sim, store, run_workspace) -> None:
    set_faults(sim, "duplicate_events=0.5,boundary=1")
    run_workspace()
    assert_equals_truth(sim, store)


def test_mixed_transient_faults_still_land_the_truth(sim, store, run_workspace) -> None:
    set_faults(sim, "429=0.1,retry_after=0,5xx=0.1,reset=0.05,truncate=0.05,sha_mismatch=0.1")
    run_workspace()
    assert_equals_truth(sim, store)


def test_failure_after_landing_converges_on_next_run(sim, store, run_workspace) -> None:
    with pytest.raises(RuntimeError, match="injected failure"):
        run_workspace(fail_before="sync_files")
    run_workspace()
    assert_equals_truth(sim, store)
