"""Roll-up pass: peak memory and time of ``refresh_rollups`` by conversations per pass.

Run: python bench/rollups.py [--conversations 60000] [--messages 300000] [--per-pass 20000 10000]

Every variant runs in a fresh child process (a memory high-water mark is per process) on
the same seeded synthetic workspace: conversations appended a thousand at a time over a
few weeks of day partitions, as landing leaves them, all with roll-ups unset, and messages
spread over them. The child reads the catalog once (imports and metadata loaded), then a
sampler thread notes the RSS peak while ``refresh_rollups`` runs. The baseline is one pass
over all conversations. A cheap check: the refreshed message counts add up to the messages.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil
import pyarrow as pa
from pyiceberg.io.pyarrow import schema_to_pyarrow

from openai_connector.api import WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.pipeline import landing
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window

WORKSPACE = "00000000-0000-4000-8000-0000000000b1"
START = datetime(2026, 10, 1, tzinfo=UTC)
CONVERSATIONS_PER_APPEND = 1_000
MESSAGES_PER_APPEND = 20_000
SAMPLE_SECONDS = 0.02
MB = 2**20


def build(store: CatalogStore, conversations: int, messages: int, days: int, seed: int) -> None:
    """The synthetic workspace, appended straight to the tables (no key lookups needed)."""
    rng = random.Random(seed)
    ids = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(conversations)]
    created = {
        conversation_id: START + timedelta(days=rng.randrange(days), seconds=rng.randrange(86_400))
        for conversation_id in ids
    }
    conversation_rows = (
        {
            "workspace_id": WORKSPACE, "conversation_id": conversation_id,
            "title": f"conversation {conversation_id[:8]}", "user_id": f"user-{index % 500}",
            "created_at": created[conversation_id], "updated_at": created[conversation_id],
            "status": "active", "source": "logs", "run_id": "bench/build",
        }
        for index, conversation_id in enumerate(ids)
    )  # fmt: skip
    _append(store, "conversations", conversation_rows, CONVERSATIONS_PER_APPEND)
    severities = (None, None, "low", "medium", "high")
    message_rows = (
        {
            "workspace_id": WORKSPACE, "message_id": str(uuid.UUID(int=rng.getrandbits(128))),
            "conversation_id": (conversation_id := ids[rng.randrange(conversations)]),
            "created_at": created[conversation_id], "text": "hello " * 20,
            "finding_count": (findings := rng.randrange(3)),
            "highest_severity": rng.choice(severities) if findings else None,
            "findings_by_type": json.dumps({"EMAIL_ADDRESS": findings}) if findings else None,
            "status": "active", "source": "logs", "run_id": "bench/build",
        }
        for _ in range(messages)
    )  # fmt: skip
    _append(store, "messages", message_rows, MESSAGES_PER_APPEND)


def _append(store: CatalogStore, table: str, rows: Any, per_append: int) -> None:
    iceberg_table = store.iceberg_table(table)
    schema = schema_to_pyarrow(iceberg_table.schema())
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == per_append:
            iceberg_table.append(pa.Table.from_pylist(chunk, schema=schema))
            chunk = []
    if chunk:
        iceberg_table.append(pa.Table.from_pylist(chunk, schema=schema))


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """In this (child) process: build, warm up, then time ``refresh_rollups`` under a sampler."""
    with tempfile.TemporaryDirectory(prefix="bench-rollups-") as directory:
        store = CatalogStore(CatalogConfig(warehouse=str(Path(directory) / "warehouse")))
        build(store, args.conversations, args.messages, args.days, args.seed)
        landing.ROLLUP_CONVERSATIONS_PER_PASS = args.child_per_pass
        store.read("conversations", None, ["conversation_id"])  # imports and metadata loaded
        process = psutil.Process()
        before = process.memory_info().rss
        peak = before
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(SAMPLE_SECONDS):
                peak = max(peak, process.memory_info().rss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        refreshed = landing.refresh_rollups(_job(store))
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        counted = store.query("SELECT sum(message_count) AS n FROM conversations")["n"][0]
        return {
            "per_pass": landing.ROLLUP_CONVERSATIONS_PER_PASS, "refreshed": refreshed,
            "before": before, "peak": max(peak, process.memory_info().rss),
            "seconds": seconds, "messages_counted": int(counted.as_py()),
        }  # fmt: skip


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
    no_api = no_classifier = None  # the roll-up pass reads and writes the catalog only
    return WorkspaceJob(plan, settings, store, no_api, no_classifier)  # type: ignore[arg-type]


def run_child(args: argparse.Namespace, per_pass: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child-per-pass", str(per_pass)]
    command += ["--conversations", str(args.conversations), "--messages", str(args.messages)]
    command += ["--days", str(args.days), "--seed", str(args.seed)]
    finished = subprocess.run(command, capture_output=True, text=True)
    if finished.returncode:
        sys.exit(f"the {per_pass:,}-per-pass child failed:\n{finished.stderr[-3000:]}")
    output = finished.stdout
    return json.loads(output.splitlines()[-1])


def report(args: argparse.Namespace, results: list[dict[str, Any]]) -> bool:
    baseline = results[0]
    base_growth = baseline["peak"] - baseline["before"]
    print(
        f"\nroll-up pass: {args.conversations:,} conversations unset, {args.messages:,} messages,"
        f" {args.days} days; baseline = one pass of all (current default "
        f"{landing.ROLLUP_CONVERSATIONS_PER_PASS:,})\n"
    )
    header = ("per pass", 10), ("passes", 7), ("peak over start", 16), ("ratio", 6), ("time", 9)
    print(" ".join(f"{name:>{width}}" for name, width in header), f"{'ratio':>6}")
    correct = True
    for result in results:
        growth = result["peak"] - result["before"]
        passes = -(-result["refreshed"] // result["per_pass"])
        print(
            f"{result['per_pass']:>10,} {passes:>7} {growth / MB:>13.0f} MB "
            f"{growth / base_growth:>5.2f}x {result['seconds']:>7.1f} s "
            f"{result['seconds'] / baseline['seconds']:>5.2f}x"
        )
        correct &= result["messages_counted"] == args.messages
        correct &= result["refreshed"] == args.conversations
    print(f"\nmessage counts add up in every variant: {'yes' if correct else 'NO'}")
    return correct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=60_000)
    parser.add_argument("--messages", type=int, default=300_000)
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-pass", type=int, nargs="+", default=[20_000, 10_000])
    parser.add_argument("--child-per-pass", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_per_pass:
        print(json.dumps(measure(args)))
        return
    variants = [args.conversations, *args.per_pass]
    results = []
    for per_pass in variants:
        print(f"  {per_pass:,} conversations per pass ...", flush=True)
        results.append(run_child(args, per_pass))
    sys.exit(0 if report(args, results) else 1)


if __name__ == "__main__":
    main()
