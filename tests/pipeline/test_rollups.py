"""Conversation roll-ups kept at landing time equal a recount from the messages table after
any sequence of landings, re-landings (re-classification, re-delivery), remediation
deletes and crashes between the messages and the conversations commit."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from openai_connector.api import WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.constants import SEVERITY_RANK
from openai_connector.pipeline import landing
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window
from openai_connector.remediation.marking import mark_removed
from openai_connector.remediation.model import Target

WORKSPACE = "00000000-0000-4000-8000-00000000000a"
NOW = datetime(2026, 7, 16, 12, 0, tzinfo=UTC)
ENTITY_TYPES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "API_KEY")


def _job(store: CatalogStore, run: int = 1) -> WorkspaceJob:
    plan = RunPlan.create(
        run_id=f"rollups/{run}",
        conn_id="test",
        workspace_id=WORKSPACE,
        window=resolve_window(now=NOW, watermark=None),
        started_at=NOW,
    )
    settings = WorkspaceSettings(workspace_id=WORKSPACE, organization_id="org-x", api_key="k")
    return WorkspaceJob(plan, settings, store, client_factory=None, classifier_factory=None)  # type: ignore[arg-type]


def _classified(rng: random.Random, message_id: str, conversation_id: str) -> dict[str, Any]:
    """A message row as classification leaves it, with random findings."""
    types = [rng.choice(ENTITY_TYPES) for _ in range(rng.choice((0, 0, 1, 2, 3)))]
    return {
        "workspace_id": WORKSPACE,
        "message_id": message_id,
        "conversation_id": conversation_id,
        "created_at": NOW - timedelta(days=int(message_id[1:]) % 3),
        "finding_count": len(types),
        "highest_severity": rng.choice(list(SEVERITY_RANK)) if types else None,
        "findings_by_type": json.dumps(Counter(types)) if types else None,
    }


def _conversation(conversation_id: str) -> dict[str, Any]:
    return {
        "workspace_id": WORKSPACE,
        "conversation_id": conversation_id,
        "title": f"title of {conversation_id}",
        "created_at": NOW - timedelta(days=3),
    }


def _land(job: WorkspaceJob, rows: list[dict[str, Any]]) -> None:
    conversations = {row["conversation_id"]: _conversation(row["conversation_id"]) for row in rows}
    landing.land_messages(job, rows, conversations)


def _recounted(store: CatalogStore) -> dict[str, tuple[Any, ...]]:
    """Every conversation's roll-up computed from scratch over the messages table."""
    totals: dict[str, tuple[int, int, str | None, Counter[str]]] = {}
    for row in store.read("messages").to_pylist():
        count, findings, severity, by_type = totals.get(
            row["conversation_id"], (0, 0, None, Counter())
        )
        severities = [s for s in (severity, row["highest_severity"]) if s]
        by_type = by_type + Counter(json.loads(row["findings_by_type"] or "{}"))
        totals[row["conversation_id"]] = (
            count + 1,
            findings + (row["finding_count"] or 0),
            max(severities, key=SEVERITY_RANK.__getitem__) if severities else None,
            by_type,
        )
    return {
        conversation_id: (count, findings, severity, dict(by_type) or None)
        for conversation_id, (count, findings, severity, by_type) in totals.items()
    }


def _rolled_up(store: CatalogStore) -> dict[str, tuple[Any, ...]]:
    return {
        row["conversation_id"]: (
            row["message_count"],
            row["finding_count"],
            row["highest_severity"],
            json.loads(row["findings_by_type"]) if row["findings_by_type"] else None,
        )
        for row in store.read("conversations").to_pylist()
    }


class _Crash(Exception):
    pass


def test_rollups_equal_a_recount_after_random_landings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = CatalogStore(CatalogConfig(str(tmp_path / "warehouse")), retry_delay=0.001)
    rng = random.Random(18)
    conversations = [f"c{number}" for number in range(6)]
    stored: dict[str, str] = {}  # message id -> conversation id
    operations = Counter[str]()
    for step in range(24):
        job = _job(store, run=step)
        operation = rng.choice(("new", "new", "reclassify", "redeliver", "delete", "crash"))
        if operation == "delete" and stored:  # remediation deletes a whole conversation
            conversation_id = rng.choice(sorted(set(stored.values())))
            target = Target("conversation", conversation_id, (), (), "high")
            mark_removed(store, WORKSPACE, job.plan.run_id, [target])
        else:
            if operation in ("new", "crash") or not stored:
                first = len(stored)
                ids = {f"m{first + n}": rng.choice(conversations) for n in range(rng.randint(1, 6))}
            else:
                ids = {m: stored[m] for m in rng.sample(sorted(stored), min(4, len(stored)))}
            if operation == "redeliver":
                stored_rows = store.read_keys("messages", [
                    {"workspace_id": WORKSPACE, "message_id": m} for m in ids
                ]).to_pylist()  # fmt: skip
                rows = [
                    {k: v for k, v in row.items() if k not in ("run_id", "ingested_at")}
                    for row in stored_rows
                ]
            else:
                rows = [_classified(rng, m, c) for m, c in ids.items()]
            if operation == "crash":  # the messages commit lands, the conversations one not
                with monkeypatch.context() as patch:
                    patch.setattr(landing, "land_conversations", _raise)
                    with pytest.raises(_Crash):
                        _land(job, rows)
                job = _job(store, run=step)  # the retry of the same batch
            _land(job, rows)
            stored.update(ids)
        operations[operation] += 1
        assert _rolled_up(store) == _recounted(store), (step, operation)
    assert store.count("messages") == len(stored)
    assert all(operations[name] for name in ("new", "reclassify", "redeliver", "delete", "crash"))


def _raise(*args: object) -> None:
    raise _Crash


def test_a_conversation_without_counted_severities_is_recounted(tmp_path: Path) -> None:
    """Rows written by an older version (roll-up unset, or no severity counts) are recounted
    from the messages the first time a landing touches them."""
    store = CatalogStore(CatalogConfig(str(tmp_path / "warehouse")), retry_delay=0.001)
    rng = random.Random(3)
    old = [_classified(rng, f"m{n}", "c-old") for n in range(5)]
    store.upsert("messages", old)
    store.upsert(
        "conversations",
        [{**_conversation("c-old"), "message_count": 5, "highest_severity": "high"}],
    )
    job = _job(store)

    _land(job, [_classified(rng, "m9", "c-old")])

    assert _rolled_up(store) == _recounted(store)
    assert job.counters["conversations_recounted"] == 1
