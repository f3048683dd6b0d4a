"""The acceptance criteria of extraction, through the real path minus Airflow."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from openai_connector.api import EVENT_TYPES, NotFoundError
from openai_connector.catalog import CatalogStore
from openai_connector.simulator import FaultSpec, RunningSimulator
from tests.harness import RunWorkspace
from tests.truth import assert_attribution, assert_equals_truth, counts, ids


def set_faults(sim: RunningSimulator, spec: str) -> None:
    sim.set_faults(FaultSpec.parse(spec))


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
    assert_attribution(sim.truth().to_dict(), store, names=True)
    by_gpt = store.query(
        "select gpt_name, count(*) as n from findings where gpt_id is not null "
        "and object_type in ('message', 'gpt') group by 1"
    ).to_pylist()
    assert by_gpt
    assert all(row["gpt_name"] for row in by_gpt)
    assert_every_surface_scanned(sim.truth().to_dict(), store)
    planted = {p["value"] for p in sim.truth().to_dict()["planted"]}
    for finding in store.read("findings").to_pylist():
        assert finding["masked_preview"] not in planted
    for message in store.read("messages", columns=["text"]).to_pylist():
        assert not any(value in (message["text"] or "") for value in planted if len(value) > 8)


NEWER_SURFACES = (
    "message_quote", "message_annotation", "gpt_action", "project_action", "codex_prompt",
    "codex_response", "agent_message", "agent_instructions", "memory",
)  # fmt: skip


def assert_every_surface_scanned(truth: dict, store: CatalogStore) -> None:
    """Each value planted in a quote, annotation, action spec, Codex turn, agent run or memory
    is a finding of that surface, at that field."""
    found = {
        (f["object_type"], f["object_id"], f["location"], f["entity_type"])
        for f in store.read("findings").to_pylist()
    }
    planted = [p for p in truth["planted"] if p["object_type"] in NEWER_SURFACES]
    assert {p["object_type"] for p in planted} == set(NEWER_SURFACES)
    missed = [
        p for p in planted
        if (p["object_type"], p["object_id"], p["field"], p["entity_type"]) not in found
    ]  # fmt: skip
    assert missed == []


def landed(result: dict) -> dict[str, int]:
    """Rows a run upserted, per table, from its ``runs`` record."""
    return json.loads(result["records"])


def test_quiet_second_run_lists_little_and_lands_nothing(sim, store, run_workspace) -> None:
    run_workspace()
    before = counts(store)
    sim.reset_request_log()
    result = run_workspace()
    log_lists = [r for r in sim.request_log() if r.method == "GET" and r.path.endswith("/logs")]
    assert len(log_lists) <= len(EVENT_TYPES) + 1  # one listing per event type
    assert landed(result).get("messages", 0) == 0
    assert landed(result).get("log_files", 0) == 0
    assert counts(store) == before


def test_growth_lands_only_the_new_records(sim, store, run_workspace) -> None:
    run_workspace()
    before = counts(store)
    added = sim.add_activity(conversations=2, messages_per_conversation=3, files=1)
    result = run_workspace()
    assert landed(result)["messages"] == len(added["message_ids"])
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
    now = datetime.now(UTC)
    result = run_workspace(backfill=(now - timedelta(days=7), now - timedelta(days=6)))
    assert counts(store) == before
    assert store.get_watermarks(sim.workspace_id) == watermarks
    assert [
        r["mode"] for r in store.read("runs").to_pylist() if r["run_id"] == result["run_id"]
    ] == ["backfill"]


def test_duplicates_and_boundary_re_returns_collapse(sim, store, run_workspace) -> None:
    set_faults(sim, "duplicate_events=0.5,boundary=1")
    run_workspace()
    assert_equals_truth(sim, store)


def test_mixed_transient_faults_still_land_the_truth(sim, store, run_workspace) -> None:
    set_faults(sim, "429=0.1,retry_after=0,5xx=0.1,reset=0.05,truncate=0.05,sha_mismatch=0.1")
    run_workspace()
    assert_equals_truth(sim, store)
    (run,) = store.read("runs").to_pylist()
    assert run["retries"] > 0


def test_failure_after_landing_converges_on_next_run(sim, store, run_workspace) -> None:
    with pytest.raises(RuntimeError, match="injected failure"):
        run_workspace(fail_before="sync_files")
    run_workspace()
    assert_equals_truth(sim, store)


def test_window_for_some_users_lands_only_theirs(sim, store, run_workspace) -> None:
    truth = sim.truth().to_dict()
    owner = {c["id"]: c["user_id"] for c in truth["conversations"]}
    user = Counter(owner.values()).most_common(1)[0][0]
    run_workspace(since="2026-01-01T00:00:00Z", users=(user,))
    message_ids = set(ids(store, "messages", "message_id"))
    assert message_ids == {
        m["id"] for m in truth["messages"] if owner[m["conversation_id"]] == user
    }


def test_legacy_surface_lands_the_same_catalog(sim, store, run_workspace) -> None:
    run_workspace(surface="legacy")
    assert_equals_truth(sim, store)
    assert set(ids(store, "messages", "source")) == {"legacy"}


def test_unavailable_logs_platform_falls_back_to_legacy_conversations(
    sim, store, run_workspace
) -> None:
    set_faults(sim, "logs_unavailable=1")
    run_workspace()
    assert_equals_truth(sim, store)
    assert set(ids(store, "messages", "source")) == {"legacy"}


def test_unavailable_logs_and_retired_legacy_fail_with_the_logs_error(
    sim, store, run_workspace
) -> None:
    set_faults(sim, "logs_unavailable=1,legacy_gone=1")
    with pytest.raises(NotFoundError, match="not enabled"):
        run_workspace()
    assert store.count("messages") == 0


def test_reclassify_replaces_findings_and_plain_runs_keep_them(sim, store, run_workspace) -> None:
    run_workspace()
    message = store.read("messages", "finding_count > 0", ["message_id"]).to_pylist()[0]
    stale = store.read("findings", f"object_id == '{message['message_id']}'").to_pylist()[0]
    stale.update(finding_id="0" * 32, entity_type="RETIRED_RECOGNIZER", start=0, end=1)
    store.upsert("findings", [stale])

    run_workspace(since="2026-01-01T00:00:00Z")
    assert store.count("findings", "entity_type == 'RETIRED_RECOGNIZER'") == 1
    run_workspace(since="2026-01-01T00:00:00Z", reclassify=True)
    assert store.count("findings", "entity_type == 'RETIRED_RECOGNIZER'") == 0


def test_conversation_rollups_count_findings_by_type(sim, store, run_workspace) -> None:
    run_workspace()
    per_type = store.query(
        "select conversation_id, entity_type, count(*) as n from findings "
        "where object_type in ('message', 'message_quote', 'message_annotation') group by 1, 2"
    ).to_pylist()
    expected: dict[str, dict[str, int]] = {}
    for row in per_type:
        expected.setdefault(row["conversation_id"], {})[row["entity_type"]] = row["n"]
    rollups = store.read(
        "conversations", columns=["conversation_id", "findings_by_type", "finding_count"]
    ).to_pylist()
    assert expected
    for row in rollups:
        counts = json.loads(row["findings_by_type"]) if row["findings_by_type"] else {}
        assert counts == expected.get(row["conversation_id"], {})
        assert sum(counts.values()) == row["finding_count"]
