"""Partitions: one workspace's message extraction as 1 partition vs 2 partitions on 2 workers.

Run: python bench/partitions.py [--messages 4000] [--partitions 2] [--events-per-file 400]

One simulated workspace of realistic (varied) chat text in log files of 400 events, served
from a thread of this process, is extracted twice, each time into a fresh local warehouse,
with the same run plan apart from the partition count: ``plan_partitions`` lists the log
files, every partition runs in a process of its own (as a LocalExecutor or Celery worker
runs each mapped ``sync_messages`` task: it builds its own job, client and classifier), and
``finish_messages`` follows once all have landed. Each partition classifies in one process,
as on a worker of one core (``OPENAI_CONNECTOR_CLASSIFY_PROCESSES=1``). The figure is the
wall time of the whole message stage; classifier start-up is inside it, as in every task.
Clients are not rate limited (the API's per-key limits are a separate bound, see the
README's sizing section), so the ratio is what the workers' CPUs give. The load average is
printed before and after: the ratio means little on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from resource import RUSAGE_CHILDREN, RUSAGE_SELF, getrusage
from typing import Any

from openai_connector.api import ComplianceClient, RateLimits, WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import get_classifier
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import Partition, resolve_window
from openai_connector.settings import PROCESSES_ENV
from openai_connector.simulator import SimulatorConfig, serve_in_thread


def new_job(
    plan: RunPlan, settings: WorkspaceSettings, warehouse: str, partition: Partition | None = None
) -> WorkspaceJob:
    return WorkspaceJob(
        plan=plan,
        settings=settings,
        catalog=CatalogStore(CatalogConfig(warehouse=warehouse)),
        client_factory=lambda: ComplianceClient(settings, rate_limits=RateLimits.unlimited()),
        classifier_factory=get_classifier,
        partition=partition,
        progress_every=600.0,
    )


def run_partition(
    plan: dict[str, Any], settings: dict[str, Any], warehouse: str, partition: dict[str, Any]
) -> dict[str, Any]:
    """One mapped ``sync_messages`` task, in a worker process of its own."""
    job = new_job(
        RunPlan.from_dict(plan),
        WorkspaceSettings(**settings),
        warehouse,
        Partition.from_dict(partition),
    )
    return steps.sync_message_partition(job)


def message_stage(settings: WorkspaceSettings, partitions: int, warehouse: str) -> dict[str, Any]:
    """Plan, the partitions side by side (one process each), finish: seconds and messages."""
    now = datetime.now(UTC)
    plan = RunPlan.create(
        run_id=f"bench/partitions-{partitions}",
        conn_id="bench",
        workspace_id=settings.workspace_id,
        window=resolve_window(now=now, watermark=None),
        started_at=now,
        partitions=partitions,
    )
    CatalogStore(CatalogConfig(warehouse=warehouse)).ensure_tables()
    started = time.perf_counter()
    cpu_before = cpu_seconds()
    planned = steps.plan_partitions(new_job(plan, settings, warehouse))
    with ProcessPoolExecutor(len(planned), mp_context=get_context("spawn")) as workers:
        done = list(
            workers.map(
                run_partition,
                *zip(
                    *(
                        (plan.to_dict(), asdict(settings), warehouse, partition.to_dict())
                        for partition in planned
                    ),
                    strict=True,
                ),
            )
        )
    landed = [
        datetime.fromisoformat(summary["landed_through"])
        for summary in done
        if summary.get("landed_through")
    ]
    steps.finish_messages(new_job(plan, settings, warehouse), landed)
    seconds = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_before
    messages = CatalogStore(CatalogConfig(warehouse=warehouse)).count("messages")
    per_partition = [
        (
            summary["records"].get("messages", 0),
            summary.get("stages", {}).get("wall_seconds", 0.0),
            summary.get("stages", {}).get("bound", "?"),
        )
        for summary in done
    ]
    return {"partitions": len(planned), "seconds": seconds, "cpu": cpu, "messages": messages,
            "per_partition": per_partition}  # fmt: skip


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the partition processes)."""
    own, children = (getrusage(who) for who in (RUSAGE_SELF, RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=4_000)
    parser.add_argument("--events-per-file", type=int, default=400)
    parser.add_argument("--partitions", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    os.environ[PROCESSES_ENV] = "1"  # one core per worker; the partition processes inherit it
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} CPUs", flush=True)  # fmt: skip
    config = SimulatorConfig(
        seed=args.seed,
        messages=args.messages,
        files=0,
        text_mix="realistic",
        events_per_log_file=args.events_per_file,
    )
    with serve_in_thread(config) as sim, tempfile.TemporaryDirectory() as tmp:
        settings = WorkspaceSettings(
            workspace_id=sim.workspace_id,
            organization_id=sim.organization_id,
            api_key=sim.keys.read,
            base_url=sim.base_url,
            workspace_name=sim.workspace_name,
        )
        results = [
            message_stage(settings, count, str(Path(tmp, f"warehouse-{count}")))
            for count in (1, args.partitions)
        ]
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| partitions (workers) | messages | seconds | messages/s | CPU s (cores busy) "
          "| per partition: messages, seconds of its message loop, bound |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---|")
    for result in results:
        rate = result["messages"] / result["seconds"]
        split = "; ".join(f"{n:,}, {t:.1f} s, {b}" for n, t, b in result["per_partition"])
        print(f"| {result['partitions']} | {result['messages']:,} | {result['seconds']:.1f} "
              f"| {rate:,.0f} | {result['cpu']:.0f} ({result['cpu'] / result['seconds']:.2f}) "
              f"| {split} |")  # fmt: skip
    one, many = results
    print(f"speed-up: {one['seconds'] / many['seconds']:.2f}x")
    assert one["messages"] == many["messages"], "the partitioned run landed other messages"


if __name__ == "__main__":
    main()
