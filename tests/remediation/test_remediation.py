"""Remediation against the simulator over loopback HTTP and a catalog landed by the pipeline."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from openai_connector.api import ComplianceClient, Deletion
from openai_connector.catalog import CatalogStore
from openai_connector.remediation import (
    ConfirmationError,
    Criteria,
    CriteriaError,
    DeletionLimitError,
    MissingScopeError,
    Plan,
    Request,
    Result,
    Skipped,
)
from openai_connector.remediation.report import describe
from openai_connector.remediation.selection import UNDELETABLE
from openai_connector.simulator import RequestRecord, RunningSimulator

Remediate = Callable[..., Result]
"""The ``run`` fixture: remediate the workspace, executing unless ``dry_run=True``."""


def deletes(sim: RunningSimulator) -> list[RequestRecord]:
    return [record for record in sim.request_log() if record.method == "DELETE"]


def deleted_ids(sim: RunningSimulator, status: int | None = None) -> Counter[str]:
    """DELETE requests per object id (the last path segment), optionally of one status."""
    return Counter(
        record.path.rsplit("/", 1)[1]
        for record in deletes(sim)
        if status is None or record.status == status
    )


def audit(store: CatalogStore, run_id: str) -> list[dict[str, Any]]:
    return [row for row in store.read("remediation_actions").to_pylist() if row["run_id"] == run_id]


def critical_objects(store: CatalogStore) -> set[str]:
    """What the default policy must select, computed independently with SQL."""
    conversations = store.query(
        "select distinct conversation_id as id from findings "
        "where severity = 'critical' and object_type = 'message'"
    )
    files = store.query(
        "select distinct x.object_id as id from findings x join files f on x.object_id = f.file_id "
        "where x.severity = 'critical' and x.object_type = 'file' "
        "and f.status not in ('deleted', 'expired', 'not_found')"
    )
    return set(conversations.column("id").to_pylist()) | set(files.column("id").to_pylist())


def live_ids(sim: RunningSimulator) -> set[str]:
    truth = sim.truth()
    return {c["id"] for c in truth.conversations} | {f["id"] for f in truth.files}


def test_dry_run_sends_no_delete_and_audits_the_full_plan(sim, store, run: Remediate) -> None:
    result = run(dry_run=True, key=sim.keys.read, confirm=None)

    assert deletes(sim) == []
    expected = critical_objects(store)
    assert expected
    assert {t.target_id for t in result.plan.targets} == expected
    assert {t.target_type for t in result.plan.targets} >= {"conversation", "user_file"}
    rows = audit(store, result.run_id)
    assert {(r["target_type"], r["target_id"]) for r in rows} == {
        t.key for t in result.plan.targets
    }
    critical = {
        row["finding_id"]: row["entity_type"]
        for row in store.read("findings").to_pylist()
        if row["severity"] == "critical"
    }
    for row in rows:
        assert (row["status"], row["dry_run"], row["triggered_by"]) == ("planned", True, "pytest")
        assert set(row["finding_ids"]) <= set(critical)
        assert set(row["entity_types"]) == {critical[f] for f in row["finding_ids"]}
        assert all(finding_id in row["reason"] for finding_id in row["finding_ids"])
    statuses = store.read("conversations", columns=["status"]).column("status").to_pylist()
    assert set(statuses) == {"active"}
    assert live_ids(sim) >= expected


def test_read_only_key_fails_before_deleting_naming_the_scope(sim, store, run) -> None:
    with pytest.raises(MissingScopeError, match=r"api\.compliance\.delete") as refused:
        run(key=sim.keys.read)

    assert sim.keys.read not in str(refused.value)
    (probe,) = deletes(sim)  # the scope check only: an id that cannot exist
    assert probe.status == 401
    assert probe.path.rsplit("/", 1)[1] not in live_ids(sim)
    assert sim.truth().deleted == []
    rows = store.read("remediation_actions").to_pylist()
    assert len(rows) == len(critical_objects(store))
    assert {(r["status"], r["dry_run"]) for r in rows} == {("blocked", False)}


@pytest.mark.parametrize("confirm", [None, "wrong", "LOWER", " PADDED"])
def test_wrong_or_missing_confirmation_sends_no_delete(sim, store, run, confirm) -> None:
    name = sim.workspace_name
    typed = {"LOWER": name.lower(), " PADDED": f" {name}"}.get(confirm, confirm)
    assert typed != name
    with pytest.raises(ConfirmationError, match="display name"):
        run(confirm=typed)
    assert deletes(sim) == []
    assert {r["status"] for r in store.read("remediation_actions").to_pylist()} == {"blocked"}


def test_more_targets_than_max_deletions_sends_no_delete(sim, store, run) -> None:
    planned = len(run(dry_run=True).plan.targets)
    with pytest.raises(DeletionLimitError, match=f"{planned} targets exceed max_deletions"):
        run(max_deletions=planned - 1)
    assert deletes(sim) == []
    assert sim.truth().deleted == []


def assert_removed(sim: RunningSimulator, store: CatalogStore, targets: set[str]) -> None:
    """Gone at the API and marked in the catalog; stored text dropped, findings kept."""
    assert not live_ids(sim) & targets
    assert targets <= {d["id"] for d in sim.truth().deleted}
    marked = {
        row[column]
        for table, column in (("conversations", "conversation_id"), ("files", "file_id"))
        for row in store.read(table).to_pylist()
        if row["status"] == "deleted"
    }
    assert marked == targets
    for message in store.read("messages").to_pylist():
        if message["conversation_id"] in targets:
            assert (message["status"], message["text"]) == ("deleted", None)
    findings = store.read("findings", columns=["object_id", "conversation_id"]).to_pylist()
    assert targets <= {f["conversation_id"] for f in findings} | {f["object_id"] for f in findings}


def test_confirmed_run_deletes_exactly_the_selection_once(sim, store, run) -> None:
    findings_before = store.count("findings")
    live_before = live_ids(sim)
    targets = {t.target_id for t in run(dry_run=True).plan.targets}

    result = run()

    assert result.counts == {"deleted": len(targets)}
    assert deleted_ids(sim, status=200) == dict.fromkeys(targets, 1)
    assert sum(deleted_ids(sim).values()) == len(targets) + 1  # plus the 404 scope check
    assert_removed(sim, store, targets)
    assert live_ids(sim) == live_before - targets
    assert store.count("findings") == findings_before
    rows = audit(store, result.run_id)
    assert {(r["status"], r["api_status"], r["dry_run"]) for r in rows} == {("deleted", 200, False)}

    sim.reset_request_log()
    again = run()
    assert deletes(sim) == []
    assert again.plan.targets == ()
    assert len(deletable(again.plan.skipped)) == len(targets)


class Crash(Exception):
    """Stands in for the worker dying mid-run."""


def crashing(on_call: int, *, after_send: bool) -> type[ComplianceClient]:
    """A client whose ``on_call``-th DELETE (the scope check is the first) never returns."""
    calls = itertools.count(1)

    class CrashingClient(ComplianceClient):
        def _delete(self, path: str, object_id: str) -> Deletion:
            crash = next(calls) == on_call
            if crash and not after_send:
                raise Crash(path)
            deletion = super()._delete(path, object_id)
            if crash:
                raise Crash(path)
            return deletion

    return CrashingClient


@pytest.mark.parametrize("after_send", [False, True], ids=["before-send", "after-send"])
def test_crash_mid_run_then_rerun_deletes_the_rest_and_none_twice(
    sim, store, run, after_send
) -> None:
    targets = [t.target_id for t in run(dry_run=True).plan.targets]

    with pytest.raises(Crash):
        run(client_class=crashing(3, after_send=after_send), run_id="test/crashed")
    crashed = Counter(r["status"] for r in audit(store, "test/crashed"))
    assert crashed == {"deleted": 1, "pending": len(targets) - 1}

    resumed = run()

    assert deleted_ids(sim, status=200) == dict.fromkeys(targets, 1)
    sent = {target_id: n for target_id, n in deleted_ids(sim).items() if target_id in targets}
    assert sent == dict.fromkeys(targets, 1) | ({targets[1]: 2} if after_send else {})
    expected = {"done_earlier": 1, "deleted": len(targets) - 1}
    if after_send:  # its DELETE went through before the crash: the API now answers 404
        expected = {"done_earlier": 1, "already_gone": 1, "deleted": len(targets) - 2}
    assert resumed.counts == expected
    assert_removed(sim, store, set(targets))


def test_entity_types_and_explicit_targets_narrow_the_selection(sim, store, run) -> None:
    keys = run(dry_run=True, criteria=Criteria.from_values("low", ["openai_api_key"]))
    with_key = {
        f["conversation_id"] if f["object_type"] == "message" else f["object_id"]
        for f in store.read("findings").to_pylist()
        if f["entity_type"] == "OPENAI_API_KEY" and f["object_type"] in ("message", "file")
    }
    assert {t.target_id for t in keys.plan.targets} == with_key
    assert all(t.entity_types == ("OPENAI_API_KEY",) for t in keys.plan.targets)

    everything = run(dry_run=True).plan.targets
    wanted = (everything[0].target_id, everything[-1].target_id, "no-such-id")
    narrowed = run(dry_run=True, criteria=Criteria.from_values("critical", [], wanted)).plan
    assert [t.target_id for t in narrowed.targets] == list(wanted[:2])
    assert narrowed.unmatched == ("no-such-id",)
    assert deletes(sim) == []


def test_deleted_and_expired_objects_are_skipped(sim, store, run) -> None:
    targets = run(dry_run=True).plan.targets
    conversation = next(t for t in targets if t.target_type == "conversation")
    upload = next(t for t in targets if t.target_type == "user_file")
    for table, column, target, status in (
        ("conversations", "conversation_id", conversation, "deleted"),
        ("files", "file_id", upload, "expired"),
    ):
        row = store.read(table).to_pylist()
        store.upsert(table, [{**r, "status": status} for r in row if r[column] == target.target_id])

    plan = run(dry_run=True).plan

    assert {t.target_id for t in plan.targets} == {t.target_id for t in targets} - {
        conversation.target_id,
        upload.target_id,
    }
    assert {(s.object_id, s.why.split(" (")[0]) for s in deletable(plan.skipped)} == {
        (conversation.target_id, "already deleted"),
        (upload.target_id, "expired"),
    }


def deletable(skipped: tuple[Skipped, ...]) -> list[Skipped]:
    """Skipped objects of the kinds the API can delete."""
    return [s for s in skipped if s.object_type not in UNDELETABLE]


def test_surfaces_the_api_cannot_delete_are_skipped_saying_so(sim, store, run) -> None:
    """Codex turns, agent messages and memories holding a credential are findings, never
    targets: the plan names each with the reason and what to do instead."""
    plan = run(dry_run=True).plan
    credentials = store.query(
        "select distinct object_type, object_id from findings where severity = 'critical' "
        "and object_type in ('codex_prompt', 'codex_response', 'agent_message', 'memory')"
    ).to_pylist()
    assert credentials
    skipped = {(s.object_type, s.object_id): s.why for s in plan.skipped}
    for row in credentials:
        why = skipped[(row["object_type"], row["object_id"])]
        assert why.startswith("the Compliance API has no DELETE for")
    assert not {t.target_id for t in plan.targets} & {row["object_id"] for row in credentials}


def test_public_gpt_holding_a_credential_is_unshared(sim, store, run) -> None:
    """The simulator shares no GPT publicly, so the catalog is told one was published."""
    credential_gpts = {
        f["object_id"]
        for f in store.read("findings").to_pylist()
        if f["object_type"] == "gpt" and f["severity"] == "critical"
    }
    gpts = store.read("gpts").to_pylist()
    gpt = next(g for g in gpts if g["gpt_id"] in credential_gpts and g["visibility"] != "workspace")
    store.upsert("gpts", [{**gpt, "visibility": "anyone-with-link"}])

    result = run(criteria=Criteria.from_values(targets=[gpt["gpt_id"]]))

    (outcome,) = result.outcomes
    assert (outcome.target.target_type, outcome.status) == ("gpt_sharing", "unshared")
    assert {"object_type": "gpt_shared_users", "id": gpt["gpt_id"]} in sim.truth().deleted
    assert gpt["gpt_id"] in {g["id"] for g in sim.truth().gpts}  # un-shared, not deleted
    (stored,) = [g for g in store.read("gpts").to_pylist() if g["gpt_id"] == gpt["gpt_id"]]
    assert stored["visibility"] == "invite-only"


@pytest.mark.parametrize("hostile_id", ["..", ".", "file-1/../..", "file-1?x=1"])
def test_a_file_id_not_shaped_like_one_is_blocked_and_never_sent(
    sim, store, run, hostile_id: str
) -> None:
    """A catalog row with file id ``..`` once made ``DELETE …/gpts/g-…/files/..`` delete the
    GPT itself while the audit said the file was deleted."""
    critical = [f for f in store.read("findings").to_pylist() if f["severity"] == "critical"]
    files = {f["file_id"]: f for f in store.read("files").to_pylist() if f["kind"] == "gpt"}
    finding = next(f for f in critical if f["object_id"] in files)
    gpt_file = files[finding["object_id"]]
    store.upsert("files", [{**gpt_file, "file_id": hostile_id}])
    store.upsert("findings", [{**finding, "finding_id": "hostile", "object_id": hostile_id}])

    result = run(criteria=Criteria.from_values(targets=[hostile_id]))

    (outcome,) = result.outcomes
    assert (outcome.target.target_type, outcome.status) == ("gpt_file", "blocked")
    assert "is not a file id" in (outcome.detail or "")
    assert deletes(sim) == []
    assert gpt_file["gpt_id"] in {g["id"] for g in sim.truth().gpts}
    (row,) = audit(store, result.run_id)
    assert (row["target_id"], row["status"], row["detail"]) == (
        hostile_id,
        "blocked",
        outcome.detail,
    )


def test_nothing_raw_reaches_the_audit_or_the_report(sim, store, run) -> None:
    result = run()
    planted = {p["value"] for p in sim.truth().planted if len(p["value"]) > 6}
    written = json.dumps(store.read("remediation_actions").to_pylist(), default=str)
    shown = "\n".join(describe(result))
    for text in (written, shown):
        assert not [value for value in planted if value in text]
        assert sim.keys.read_delete not in text
    previews = {p for t in result.plan.targets for p in t.previews}
    assert previews
    assert previews <= set(store.read("findings").column("masked_preview").to_pylist())


def test_request_from_params_defaults_to_a_dry_run() -> None:
    request = Request.from_params({}, run_id="r", triggered_by="t")
    assert (request.dry_run, request.max_deletions, request.criteria) == (True, 100, Criteria())
    params = {"dry_run": False, "entity_types": [" jwt ", "JWT", ""], "targets": None}
    executing = Request.from_params(params, run_id="r", triggered_by="t")
    assert (executing.dry_run, executing.criteria.entity_types) == (False, ("JWT",))
    with pytest.raises(CriteriaError, match="min_severity"):
        Criteria(min_severity="severe")
    with pytest.raises(CriteriaError, match="max_deletions"):
        Request(run_id="r", triggered_by="t", max_deletions=-1)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"max_deletions": "many"}, r"^remediation params: max_deletions is invalid: .*'many'"),
        ({"targets": ["conv-1", None]}, r"^remediation params: targets\[1\] is invalid"),
        ({"entity_types": "JWT"}, r"^remediation params: entity_types is invalid"),
        ({"min_severity": "severe"}, r"^min_severity must be one of"),
    ],
)
def test_request_from_params_names_the_bad_param(params: dict, message: str) -> None:
    with pytest.raises(CriteriaError, match=message):
        Request.from_params(params, run_id="r", triggered_by="t")


def test_request_from_params_executes_only_on_an_explicit_false() -> None:
    for value in ("false", 0, None, "no"):
        assert Request.from_params({"dry_run": value}, run_id="r", triggered_by="t").dry_run
    request = Request.from_params(
        {"dry_run": False, "max_deletions": "5", "confirm": "", "workspace": "x"},
        run_id="r",
        triggered_by="t",
    )
    assert (request.dry_run, request.max_deletions, request.confirm) == (False, 5, None)


def test_result_summary_is_json_able() -> None:
    plan = Plan(workspace_id="w", criteria=Criteria(), targets=(), unmatched=("x",))
    summary = json.loads(json.dumps(Result("r", True, plan, outcomes=()).summary()))
    assert summary == {
        "run_id": "r", "dry_run": True, "targets": 0, "skipped": 0,
        "unmatched_targets": ["x"], "outcomes": {},
    }  # fmt: skip


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import json, sys, openai_connector.remediation\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(out.stdout.strip().splitlines()[-1]))
    assert loaded.isdisjoint({"pyiceberg", "pyarrow", "pandas", "duckdb", "presidio_analyzer"})
