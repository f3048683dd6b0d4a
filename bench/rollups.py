"""Conversation roll-ups: kept at landing time against the previous separate pass, same run.

Run: python bench/rollups.py [--conversations 60000] [--messages 120000] [--batch 10000]

A first run of a workspace, landed twice into fresh local warehouses from the same seeded
rows: ``--messages`` messages over ``--conversations`` conversations created over
``--days`` days, in batches of ``--batch`` messages (each batch: its messages, then its
conversations).

- **baseline** (the previous algorithm, kept here only): each batch reads its stored
  conversations, merges them and upserts them with the roll-ups unset; after the last
  batch, a pass over the workspace's messages per 20,000 unset conversations recomputes
  them.
- **at landing**: ``landing.land_messages``, which moves each conversation's roll-up by
  what the batch's messages commit added and replaced, in the conversations upsert itself.

Prints the seconds of landing and of the pass for each, and checks that both catalogs
hold the same roll-ups and that the message counts add up.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from openai_connector.api import WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore, operations
from openai_connector.pipeline import landing
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.records import count_by_type, merge_conversation
from openai_connector.pipeline.rollups import ROLLUP_COLUMNS, Rollup
from openai_connector.pipeline.window import resolve_window

WORKSPACE = "00000000-0000-4000-8000-0000000000b1"
START = datetime(2026, 10, 1, tzinfo=UTC)
#: The previous pass's conversations per pass over the messages, and rows per upsert.
BASELINE_PER_PASS = 20_000
BASELINE_UPSERT_ROWS = 5_000
COMPARED = ("conversation_id", *ROLLUP_COLUMNS[:4])


def batches(args: argparse.Namespace) -> Iterator[tuple[list[dict[str, Any]], dict[str, Any]]]:
    """(message rows as classification leaves them, their conversations) per batch."""
    rng = random.Random(args.seed)
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(args.conversations)]
    created = {
        key: START + timedelta(days=rng.randrange(args.days), seconds=rng.randrange(86_400))
        for key in ids
    }
    severities = ("low", "medium", "high")
    for start in range(0, args.messages, args.batch):
        rows, conversations = [], {}
        for number in range(start, min(start + args.batch, args.messages)):
            # every conversation gets a message first, then random ones
            conversation_id = ids[number] if number < len(ids) else rng.choice(ids)
            findings = rng.choice((0, 0, 0, 1, 2))
            rows.append({
                "workspace_id": WORKSPACE, "message_id": str(uuid.UUID(int=rng.getrandbits(128))),
                "conversation_id": conversation_id, "created_at": created[conversation_id],
                "text": "hello " * 20, "finding_count": findings,
                "highest_severity": rng.choice(severities) if findings else None,
                "findings_by_type": count_by_type(["EMAIL_ADDRESS"] * findings),
                "status": "active", "source": "logs",
            })  # fmt: skip
            conversations[conversation_id] = {
                "workspace_id": WORKSPACE, "conversation_id": conversation_id,
                "title": f"conversation {conversation_id[:8]}", "user_id": "user-1",
                "created_at": created[conversation_id], "updated_at": created[conversation_id],
                "status": "active", "source": "logs",
            }  # fmt: skip
        yield rows, conversations


def _job(store: CatalogStore) -> WorkspaceJob:
    now = datetime.now(UTC)
    plan = RunPlan.create(
        run_id="bench/rollups",
        conn_id="bench",
        workspace_id=WORKSPACE,
        window=resolve_window(now=now, watermark=None),
        started_at=now,
    )
    settings = WorkspaceSettings(workspace_id=WORKSPACE, organization_id="org-bench", api_key="-")
    no_api = no_classifier = None  # rows arrive classified
    return WorkspaceJob(plan, settings, store, no_api, no_classifier)  # type: ignore[arg-type]


# -- the previous algorithm (baseline) -----------------------------------------------------


def baseline_land(job: WorkspaceJob, rows: list[dict[str, Any]], conversations: dict) -> None:
    job.catalog.upsert("messages", landing.stamp(rows, job))
    keys = [{"workspace_id": WORKSPACE, "conversation_id": key} for key in conversations]
    existing = {
        row["conversation_id"]: row
        for row in job.catalog.read_keys("conversations", keys).to_pylist()
    }
    merged = [
        merge_conversation(existing.get(key), new) | dict.fromkeys(ROLLUP_COLUMNS)
        for key, new in conversations.items()
    ]
    job.catalog.upsert("conversations", landing.stamp(merged, job))


def baseline_pass(job: WorkspaceJob) -> int:
    ids = pa.array(operations.conversations_without_rollup(job.catalog, WORKSPACE), pa.string())
    for start in range(0, len(ids), BASELINE_PER_PASS):
        _baseline_pass_of(job, ids.slice(start, BASELINE_PER_PASS))
    return len(ids)


def _baseline_pass_of(job: WorkspaceJob, ids: pa.Array) -> None:
    keys = pa.table({"workspace_id": pa.repeat(WORKSPACE, len(ids)), "conversation_id": ids})
    stale = job.catalog.read_keys("conversations", keys)
    totals = {key: Rollup() for key in stale.column("conversation_id").to_pylist()}
    columns = ["conversation_id", "finding_count", "highest_severity", "findings_by_type"]
    for batch in operations.workspace_batches(job.catalog, "messages", WORKSPACE, columns):
        batch = batch.filter(pc.is_in(batch.column("conversation_id"), value_set=ids))
        for row in batch.to_pylist():
            totals[row["conversation_id"]].add(row)
    rows = [row | totals[row["conversation_id"]].columns() for row in stale.to_pylist()]
    for start in range(0, len(rows), BASELINE_UPSERT_ROWS):
        job.catalog.upsert("conversations", rows[start : start + BASELINE_UPSERT_ROWS])


# -- measurement ---------------------------------------------------------------------------


def run(args: argparse.Namespace, incremental: bool) -> tuple[float, float, pa.Table]:
    with tempfile.TemporaryDirectory(prefix="bench-rollups-") as directory:
        store = CatalogStore(CatalogConfig(warehouse=str(Path(directory) / "warehouse")))
        store.ensure_tables()
        job = _job(store)
        began = time.perf_counter()
        for rows, conversations in batches(args):
            if incremental:
                landing.land_messages(job, rows, conversations)
            else:
                baseline_land(job, rows, conversations)
        landed = time.perf_counter()
        if not incremental:
            baseline_pass(job)
        passed = time.perf_counter()
        rollups = store.read("conversations", columns=list(COMPARED)).sort_by("conversation_id")
        return landed - began, passed - landed, rollups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=60_000)
    parser.add_argument("--messages", type=int, default=120_000)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    print(
        f"{args.messages:,} messages over {args.conversations:,} conversations, "
        f"batches of {args.batch:,}, {args.days} days"
    )
    results = {}
    for name, incremental in (("baseline: separate pass", False), ("at landing", True)):
        print(f"  {name} ...", flush=True)
        results[name] = run(args, incremental)
    print(f"\n{'variant':<26}{'landing s':>11}{'pass s':>9}{'total s':>10}{'ratio':>8}")
    base_total = sum(results["baseline: separate pass"][:2])
    for name, (landing_s, pass_s, _) in results.items():
        total = landing_s + pass_s
        print(
            f"{name:<26}{landing_s:>11.1f}{pass_s:>9.1f}{total:>10.1f}{total / base_total:>7.2f}x"
        )
    (_, _, old), (_, _, new) = results.values()
    same = old.equals(new)
    counted = pc.sum(new.column("message_count")).as_py()
    print(f"\nsame roll-ups in both catalogs: {'yes' if same else 'NO'}; "
          f"message counts add up: {'yes' if counted == args.messages else 'NO'}")  # fmt: skip
    if not same or counted != args.messages:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
