"""Scale: a simulated workspace of 1,000,000 messages and 5,000 files through the pipeline.

Run: python bench/scale.py [--messages 1000000] [--files 5000] [--checkpoint 100000]

The simulator serves the workspace from a separate process, so its memory is not counted.
This process runs the steps of one workspace run as the DAG does (inventory, messages,
files, run record) into a fresh local warehouse in a temporary directory, with the
classifier as configured (``OPENAI_CONNECTOR_CLASSIFY_PROCESSES``) and no client-side rate
limit. A sampler thread reads the RSS of this process (and of classifier worker processes,
if any) every 0.5 s and notes the peak so far when the landed message count crosses the
checkpoint and when the messages step ends; memory must not grow by 1.5x between the two.
At the end a cheap correctness check: as many messages and files landed as the simulator
holds, and no key twice.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psutil

from openai_connector.api import ComplianceClient, RateLimits, WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import get_classifier
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window

SAMPLE_SECONDS = 0.5
REPORT_SECONDS = 30.0
MAX_GROWTH = 1.5
MB = 2**20


@dataclass
class Simulator:
    """``openai-connector simulate`` with an explicit size, in a child process."""

    messages: int
    files: int
    seed: int
    info: dict[str, Any] = field(default_factory=dict)
    startup_seconds: float = 0.0
    _process: subprocess.Popen[str] | None = None

    def __enter__(self) -> Simulator:
        command = [sys.executable, "-m", "openai_connector.simulator.cli", "--port", "0"]
        command += ["--seed", str(self.seed), "--messages", str(self.messages)]
        command += ["--files", str(self.files)]
        started = time.perf_counter()
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        line = self._process.stdout.readline() if self._process.stdout else ""
        if not line:
            sys.exit(f"the simulator exited with {self._process.wait()} before serving")
        self.info = json.loads(line)
        self.startup_seconds = time.perf_counter() - started
        return self

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGTERM)
            self._process.wait(timeout=30)

    def admin(self, what: str) -> Any:
        """An admin endpoint's answer (counts, requests)."""
        return httpx.get(f"{self.info['admin_url']}/{what}", timeout=120).json()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def rss(self) -> int:
        return psutil.Process(self._process.pid).memory_info().rss if self._process else 0


@dataclass
class Checkpoint:
    messages: int
    seconds: float
    peak_rss: int
    peak_children_rss: int


class MemorySampler:
    """Peak RSS of this process (and, apart, of its children), with checkpoints on a count."""

    def __init__(
        self, landed: Callable[[], int], thresholds: Sequence[int], exclude: int | None
    ) -> None:
        self.peak = 0
        self.peak_children = 0
        self.checkpoints: list[Checkpoint] = []
        self._landed = landed
        self._exclude = exclude
        self._pending = sorted(thresholds)
        self._started = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        last_report = time.perf_counter()
        while not self._stop.is_set():
            rss = self.sample()
            if time.perf_counter() - last_report >= REPORT_SECONDS:
                last_report = time.perf_counter()
                print(f"  rss {rss / MB:,.0f} MB at {self._landed():,} messages", flush=True)
            self._stop.wait(SAMPLE_SECONDS)

    def sample(self) -> int:
        """Take one sample; return this process's RSS."""
        me = psutil.Process()
        rss = me.memory_info().rss
        self.peak = max(self.peak, rss)
        children = 0
        for child in me.children(recursive=True):
            if child.pid == self._exclude:
                continue
            try:
                children += child.memory_info().rss
            except psutil.Error:
                continue
        self.peak_children = max(self.peak_children, children)
        landed = self._landed()
        while self._pending and landed >= self._pending[0]:
            self.checkpoint(self._pending.pop(0), landed)
        return rss

    def checkpoint(self, label: int, landed: int) -> None:
        elapsed = time.perf_counter() - self._started
        self.checkpoints.append(Checkpoint(landed, elapsed, self.peak, self.peak_children))
        print(
            f"  checkpoint {label:,}: {landed:,} messages landed after {elapsed:,.0f} s, "
            f"peak RSS {self.peak / MB:,.0f} MB",
            flush=True,
        )

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


class Stopwatch:
    """Seconds spent inside wrapped calls, by what they do."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    def add(self, what: str, seconds: float) -> None:
        with self._lock:
            self.seconds[what] = self.seconds.get(what, 0.0) + seconds

    def timed_iter(self, what: str, items: Iterator[Any]) -> Iterator[Any]:
        """Count the time spent producing each item, not the consumer's time between them."""
        while True:
            started = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                self.add(what, time.perf_counter() - started)
                return
            self.add(what, time.perf_counter() - started)
            yield item


class TimedCatalog(CatalogStore):
    """The catalog store, timing every read and write for the per-stage figures."""

    def __init__(self, config: CatalogConfig, watch: Stopwatch) -> None:
        super().__init__(config)
        self.watch = watch

    def upsert(self, table: str, rows: Any) -> Any:
        started = time.perf_counter()
        try:
            return super().upsert(table, rows)
        finally:
            self.watch.add("catalog", time.perf_counter() - started)

    def read(self, table: str, row_filter: Any = None, columns: Any = None) -> Any:
        started = time.perf_counter()
        try:
            return super().read(table, row_filter, columns)
        finally:
            self.watch.add("catalog", time.perf_counter() - started)

    def iter_batches(self, table: str, row_filter: Any = None, columns: Any = None) -> Any:
        return self.watch.timed_iter("catalog", super().iter_batches(table, row_filter, columns))

    def delete(self, table: str, row_filter: Any) -> None:
        started = time.perf_counter()
        try:
            super().delete(table, row_filter)
        finally:
            self.watch.add("catalog", time.perf_counter() - started)


class TimedClassifier:
    """The pipeline's classifier, timed."""

    def __init__(self, watch: Stopwatch) -> None:
        self._inner = get_classifier()
        self._watch = watch

    def classify(self, items: Any) -> Iterator[Any]:
        return self._watch.timed_iter("classify", iter(self._inner.classify(items)))


@dataclass
class StepResult:
    name: str
    seconds: float
    summary: dict[str, Any]
    watch: dict[str, float]


def run_pipeline(
    sim: Simulator, warehouse: Path, checkpoint: int
) -> tuple[list[StepResult], MemorySampler, CatalogStore]:
    """Every step of one workspace run, as the DAG runs them, each with a fresh job."""
    info = sim.info
    settings = WorkspaceSettings(
        workspace_id=info["workspace_id"],
        organization_id=info["organization_id"],
        api_key=info["keys"]["read"],
        base_url=info["base_url"],
        workspace_name=info["workspace_name"],
    )
    watch = Stopwatch()
    store = TimedCatalog(CatalogConfig(warehouse=str(warehouse)), watch)
    store.ensure_tables()
    now = datetime.now(UTC)
    plan = RunPlan.create(
        run_id="bench/scale",
        conn_id="bench",
        workspace_id=settings.workspace_id,
        window=resolve_window(now=now, watermark=None),
        started_at=now,
    )
    classifier = TimedClassifier(watch)
    jobs: list[WorkspaceJob] = []

    def new_job() -> WorkspaceJob:
        job = WorkspaceJob(
            plan=plan,
            settings=settings,
            catalog=store,
            client_factory=lambda: ComplianceClient(settings, rate_limits=RateLimits.unlimited()),
            classifier_factory=lambda: classifier,  # type: ignore[arg-type, return-value]
            progress_every=60.0,
        )
        jobs.append(job)
        return job

    def landed() -> int:
        return sum(job.counters.get("messages", 0) for job in jobs)

    sampler = MemorySampler(landed, [checkpoint], exclude=sim.pid)
    results: list[StepResult] = []
    summaries: dict[str, dict[str, Any] | None] = {}
    for name in (*steps.STEPS, "record_run"):
        before = dict(watch.seconds)
        started = time.perf_counter()
        if name == "record_run":
            summary = steps.record_run(new_job(), summaries, dag_run_id=plan.run_id)
        else:
            summary = summaries[name] = getattr(steps, name)(new_job())
        seconds = time.perf_counter() - started
        spent = {k: v - before.get(k, 0.0) for k, v in watch.seconds.items()}
        results.append(StepResult(name, seconds, summary, spent))
        parts = ", ".join(f"{k} {v:,.1f} s" for k, v in sorted(spent.items()))
        print(f"  {name}: {seconds:,.1f} s ({parts})", flush=True)
        if name == "sync_messages":
            sampler.checkpoint(landed(), landed())
    sampler.stop()
    return results, sampler, store


def catalog_figures(store: CatalogStore, warehouse: Path) -> dict[str, Any]:
    """Size on disk, data files on disk and live in the current snapshots, duplicate keys."""
    from openai_connector.catalog.schema import TABLES

    files = [p for p in warehouse.rglob("*") if p.is_file()]
    live = 0
    duplicates = {}
    for name, spec in TABLES.items():
        snapshot = store.iceberg_table(name).current_snapshot()
        if snapshot and snapshot.summary:
            live += int(snapshot.summary.get("total-data-files", 0))
        key = ", ".join(spec.key)
        sql = f"SELECT count(*) - count(DISTINCT ({key})) AS n FROM {name}"  # noqa: S608
        duplicates[name] = store.query(sql).column("n")[0].as_py()
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "parquet_files": sum(p.suffix == ".parquet" for p in files),
        "live": live,
        "duplicate_keys": {k: v for k, v in duplicates.items() if v},
    }


def report(
    sim: Simulator,
    results: list[StepResult],
    sampler: MemorySampler,
    store: CatalogStore,
    warehouse: Path,
) -> bool:
    """Print the table; return whether the run landed everything correctly within bounds."""
    expected = sim.admin("counts")
    landed_messages = store.count("messages")
    landed_files = store.count("files")
    catalog = catalog_figures(store, warehouse)
    by_step = {result.name: result for result in results}
    messages_step = by_step["sync_messages"]
    api = [result.summary.get("api", {}) for result in results if "api" in result.summary]
    calls = sum(int(a.get("calls_total", 0)) for a in api)
    message_calls = int(messages_step.summary["api"].get("calls_total", 0))
    retries = sum(int(a.get("retries", 0)) for a in api)
    total_seconds = sum(result.seconds for result in results)
    first, last = sampler.checkpoints[0], sampler.checkpoints[-1]
    growth = last.peak_rss / first.peak_rss
    classify_s = messages_step.watch.get("classify", 0.0)
    catalog_s = messages_step.watch.get("catalog", 0.0)
    extract_s = messages_step.seconds - classify_s - catalog_s
    per_s = landed_messages / messages_step.seconds
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows = [
        ("messages landed / simulator", f"{landed_messages:,} / {expected['messages']:,}"),
        ("files landed / simulator", f"{landed_files:,} / {expected['files']:,}"),
        ("simulator start (generation)", f"{sim.startup_seconds:,.1f} s"),
        *((f"  {r.name}", f"{r.seconds:,.1f} s") for r in results),
        ("wall time, all steps", f"{total_seconds:,.1f} s"),
        ("messages/s, overall", f"{landed_messages / total_seconds:,.0f}"),
        ("messages/s, messages step", f"{per_s:,.0f}"),
        ("  extraction (API, parse, rows)", _share(extract_s, landed_messages)),
        ("  classification", _share(classify_s, landed_messages)),
        ("  landing (catalog reads/writes)", _share(catalog_s, landed_messages)),
        ("files/s, files step", f"{landed_files / by_step['sync_files'].seconds:,.1f}"),
        ("API calls, all steps", f"{calls:,}"),
        ("API calls per 1,000 messages", f"{1000 * calls / max(landed_messages, 1):.2f}"),
        ("  messages step only", f"{1000 * message_calls / max(landed_messages, 1):.2f}"),
        ("retries", f"{retries:,}"),
        (f"peak RSS at {first.messages:,} messages", f"{first.peak_rss / MB:,.0f} MB"),
        (f"peak RSS at {last.messages:,} messages", f"{last.peak_rss / MB:,.0f} MB"),
        (f"growth (must be < {MAX_GROWTH}x)", f"{growth:.2f}x"),
        ("peak RSS, whole run (files too)", f"{sampler.peak / MB:,.0f} MB"),
        ("maxrss (getrusage)", f"{maxrss_kb / 1024:,.0f} MB"),
        ("classifier workers, peak RSS", f"{sampler.peak_children / MB:,.0f} MB"),
        ("simulator process RSS (not counted)", f"{sim.rss / MB:,.0f} MB"),
        ("catalog size on disk", f"{catalog['bytes'] / MB:,.1f} MB"),
        ("data files on disk / live", f"{catalog['parquet_files']:,} / {catalog['live']:,}"),
        ("duplicate keys", json.dumps(catalog["duplicate_keys"] or "none")),
    ]  # fmt: skip
    width = max(len(label) for label, _ in rows)
    print()
    for label, value in rows:
        print(f"{label:<{width}}  {value:>24}")
    ok = (
        landed_messages == expected["messages"]
        and landed_files == expected["files"]
        and not catalog["duplicate_keys"]
        and growth < MAX_GROWTH
    )
    print("\nresult:", "OK" if ok else "FAILED")
    return ok


def _share(seconds: float, messages: int) -> str:
    rate = f"{messages / seconds:,.0f}/s" if seconds else "-"
    return f"{seconds:,.1f} s ({rate})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--files", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--checkpoint", type=int, help="first memory checkpoint (default: messages / 10)"
    )
    parser.add_argument("--keep", type=Path, help="land into this directory and keep it")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    for noisy in ("httpx", "pyiceberg", "presidio-analyzer"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    checkpoint = args.checkpoint or max(args.messages // 10, 1)
    processes = os.environ.get("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", "1")
    print(
        f"scale: {args.messages:,} messages, {args.files:,} files, seed {args.seed}, "
        f"classifier processes {processes}, CPUs {os.cpu_count()}",
        flush=True,
    )
    with Simulator(args.messages, args.files, args.seed) as sim:
        print(f"  simulator ready after {sim.startup_seconds:,.1f} s", flush=True)
        with tempfile.TemporaryDirectory(prefix="scale-") as scratch:
            warehouse = args.keep or Path(scratch) / "warehouse"
            results, sampler, store = run_pipeline(sim, warehouse, checkpoint)
            ok = report(sim, results, sampler, store, warehouse)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
