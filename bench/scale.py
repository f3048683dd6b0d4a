"""Scale: a simulated workspace run end to end, against the classifier alone on the same texts.

Run: python bench/scale.py [--messages 10000] [--processes 1|2] [--text realistic|templated]
                           [--events-per-log-file 400] [--files 0] [--checkpoint 100000]

The simulator serves the workspace from a separate process (realistic chat text by default:
varied prompts, replies, code and pasted documents, so the classifier's dedupe cache does not
flatter it), so its memory is not counted. This process runs the steps of one workspace run
as the DAG does (inventory, messages, files, run record) into a fresh local warehouse in a
temporary directory, with ``--processes`` classifier processes (default: one per usable core)
and no client-side rate limit unless ``--api-limits documented``. Then, in the same run, a
fresh classifier with as many processes classifies the texts the messages step classified
(up to ``--classifier-sample`` of them): its messages/s is what the run could reach if
extraction and landing cost nothing, and end-to-end / classifier is the figure to watch.

A sampler thread reads the RSS of this process (and of classifier worker processes, if any)
every 0.5 s, notes the peak when the landed message count crosses the checkpoint and when the
messages step ends (memory must not grow by 1.5x between the two), and prints progress with
rate and ETA every 30 s. At the end a cheap correctness check: as many messages and files
landed as the simulator holds, and no key twice.
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psutil

from openai_connector.api import ComplianceClient, RateLimits, WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import Classifier, ClassifierConfig, TextItem, get_classifier
from openai_connector.classify.parallel import WORKER_MODULE
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window
from openai_connector.settings import PROCESSES_ENV
from openai_connector.simulator.generation import TEXT_MIXES

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
    text: str = "realistic"
    events_per_log_file: int | None = None
    info: dict[str, Any] = field(default_factory=dict)
    startup_seconds: float = 0.0
    _process: subprocess.Popen[str] | None = None

    def __enter__(self) -> Simulator:
        command = [sys.executable, "-m", "openai_connector.simulator.cli", "--port", "0"]
        command += ["--seed", str(self.seed), "--messages", str(self.messages)]
        command += ["--files", str(self.files), "--text", self.text]
        if self.events_per_log_file is not None:
            command += ["--events-per-log-file", str(self.events_per_log_file)]
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
    def cpu_seconds(self) -> float:
        """User and system CPU the simulator has spent: it shares this machine's cores."""
        if self._process is None:
            return 0.0
        times = psutil.Process(self._process.pid).cpu_times()
        return times.user + times.system

    @property
    def rss(self) -> int:
        return psutil.Process(self._process.pid).memory_info().rss if self._process else 0


@dataclass
class Checkpoint:
    messages: int
    seconds: float
    peak_rss: int


class MemorySampler:
    """Peak RSS of this process (and, apart, of its children), with checkpoints on a count."""

    def __init__(
        self,
        landed: Callable[[], int],
        thresholds: Sequence[int],
        exclude: int | None,
        total: int,
    ) -> None:
        self.total = total
        #: CPU seconds of the sampler's own thread, which are not the pipeline's.
        self.cpu_seconds = 0.0
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
            cpu = time.thread_time()
            rss = self.sample()
            if time.perf_counter() - last_report >= REPORT_SECONDS:
                last_report = time.perf_counter()
                self.report_progress(rss)
            self.cpu_seconds += time.thread_time() - cpu
            self._stop.wait(SAMPLE_SECONDS)

    def report_progress(self, rss: int) -> None:
        """Landed so far, the rate since the start, the ETA of the rest, and memory."""
        landed = self._landed()
        elapsed = time.perf_counter() - self._started
        rate = landed / elapsed if elapsed else 0.0
        eta = f"{(self.total - landed) / rate:,.0f} s" if rate and landed < self.total else "-"
        print(
            f"  {landed:,} / {self.total:,} messages landed after {elapsed:,.0f} s "
            f"({rate:,.1f}/s, ETA {eta}), rss {rss / MB:,.0f} MB",
            flush=True,
        )

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
        self.checkpoints.append(Checkpoint(landed, elapsed, self.peak))
        print(
            f"  checkpoint {label:,}: {landed:,} messages landed after {elapsed:,.0f} s, "
            f"peak RSS {self.peak / MB:,.0f} MB",
            flush=True,
        )

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


class RecordingClassifier:
    """The pipeline's classifier; keeps the first texts of the messages step (up to ``cap``)
    for the classifier-alone run, and counts them all."""

    def __init__(self, cap: int) -> None:
        self._inner = get_classifier()
        self._cap = cap
        self._lock = threading.Lock()
        self.recording = False
        self.items: list[TextItem] = []
        self.total_items = 0

    def classify(self, items: Sequence[TextItem], **options: Any) -> Any:
        if self.recording:
            with self._lock:
                self.total_items += len(items)
                self.items.extend(items[: max(self._cap - len(self.items), 0)])
        return self._inner.classify(items, **options)


@dataclass
class StepResult:
    name: str
    seconds: float
    summary: dict[str, Any]


@dataclass(frozen=True)
class Cpu:
    """CPU seconds (user and system) of this process and of classifier worker processes."""

    main: float
    workers: float

    @classmethod
    def now(cls, sampler: MemorySampler | None = None) -> Cpu:
        """CPU so far; with ``sampler``, this process's without the sampler's thread."""
        workers = 0.0
        for child in psutil.Process().children(recursive=True):
            try:
                if WORKER_MODULE in child.cmdline():
                    times = child.cpu_times()
                    workers += times.user + times.system
            except psutil.Error:
                continue
        own = sampler.cpu_seconds if sampler is not None else 0.0
        return cls(time.process_time() - own, workers)

    def __sub__(self, other: Cpu) -> Cpu:
        return Cpu(self.main - other.main, self.workers - other.workers)

    @property
    def total(self) -> float:
        return self.main + self.workers

    def __str__(self) -> str:
        return f"{self.main:,.1f} s + {self.workers:,.1f} s"


@dataclass
class Run:
    """What one workspace run left: step results, memory, the catalog, the recorded texts,
    and the CPU time of the messages step."""

    results: list[StepResult]
    sampler: MemorySampler
    store: CatalogStore
    classifier: RecordingClassifier
    messages_cpu: Cpu
    simulator_cpu: float


def run_pipeline(
    sim: Simulator, warehouse: Path, checkpoint: int, *, api_limits: str, sample: int
) -> Run:
    """Every step of one workspace run, as the DAG runs them, each with a fresh job."""
    info = sim.info
    settings = WorkspaceSettings(
        workspace_id=info["workspace_id"],
        organization_id=info["organization_id"],
        api_key=info["keys"]["read"],
        base_url=info["base_url"],
        workspace_name=info["workspace_name"],
    )
    store = CatalogStore(CatalogConfig(warehouse=str(warehouse)))
    store.ensure_tables()
    now = datetime.now(UTC)
    plan = RunPlan.create(
        run_id="bench/scale",
        conn_id="bench",
        workspace_id=settings.workspace_id,
        window=resolve_window(now=now, watermark=None),
        started_at=now,
    )
    classifier = RecordingClassifier(sample)  # workers started and ready before the clock
    limits = RateLimits() if api_limits == "documented" else RateLimits.unlimited()
    jobs: list[WorkspaceJob] = []

    def new_job() -> WorkspaceJob:
        job = WorkspaceJob(
            plan=plan,
            settings=settings,
            catalog=store,
            client_factory=lambda: ComplianceClient(settings, rate_limits=limits),
            classifier_factory=lambda: classifier,  # type: ignore[arg-type, return-value]
            progress_every=60.0,
        )
        jobs.append(job)
        return job

    def landed() -> int:
        return sum(job.counters.get("messages", 0) for job in jobs)

    total = sim.admin("counts")["messages"]
    sampler = MemorySampler(landed, [checkpoint], exclude=sim.pid, total=total)
    results: list[StepResult] = []
    summaries: dict[str, dict[str, Any] | None] = {}
    messages_cpu, simulator_cpu = Cpu(0.0, 0.0), 0.0
    for name in (*steps.STEPS, "record_run"):
        started, cpu, sim_cpu = time.perf_counter(), Cpu.now(sampler), sim.cpu_seconds
        classifier.recording = name == "sync_messages"
        if name == "record_run":
            summary = steps.record_run(new_job(), summaries, dag_run_id=plan.run_id)
        else:
            summary = summaries[name] = steps.STEP_FUNCTIONS[name](new_job())
        classifier.recording = False
        seconds = time.perf_counter() - started
        results.append(StepResult(name, seconds, summary))
        print(f"  {name}: {seconds:,.1f} s", flush=True)
        if name == "sync_messages":
            messages_cpu = Cpu.now(sampler) - cpu
            simulator_cpu = sim.cpu_seconds - sim_cpu
            sampler.checkpoint(landed(), landed())
    sampler.stop()
    return Run(results, sampler, store, classifier, messages_cpu, simulator_cpu)


def classifier_alone(items: list[TextItem]) -> tuple[float, Cpu]:
    """Seconds and CPU a fresh classifier (as many processes as the pipeline's, started
    before the clock, nothing cached) takes for ``items``."""
    with Classifier(ClassifierConfig()) as classifier:
        started, cpu = time.perf_counter(), Cpu.now()
        for _ in classifier.classify(items):
            pass
        return time.perf_counter() - started, Cpu.now() - cpu


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


def report(sim: Simulator, run: Run, warehouse: Path, alone_seconds: float, alone_cpu: Cpu) -> bool:
    """Print the table; return whether the run landed everything correctly within bounds."""
    expected = sim.admin("counts")
    store, sampler = run.store, run.sampler
    landed_messages = store.count("messages")
    landed_files = store.count("files")
    catalog = catalog_figures(store, warehouse)
    by_step = {result.name: result for result in run.results}
    messages_step = by_step["sync_messages"]
    stages = messages_step.summary["stages"]
    api = [result.summary.get("api", {}) for result in run.results if "api" in result.summary]
    calls = sum(int(a.get("calls_total", 0)) for a in api)
    message_calls = int(messages_step.summary["api"].get("calls_total", 0))
    retries = sum(int(a.get("retries", 0)) for a in api)
    total_seconds = sum(result.seconds for result in run.results)
    first, last = sampler.checkpoints[0], sampler.checkpoints[-1]
    growth = last.peak_rss / first.peak_rss
    recorded = run.classifier
    # The classifier alone, in messages/s: the sample's share of the step's texts, timed.
    sampled_messages = landed_messages * len(recorded.items) / max(recorded.total_items, 1)
    alone_rate = sampled_messages / alone_seconds if alone_seconds else 0.0
    # Messages per CPU second (this process and its workers): what a quiet machine shows.
    step_per_cpu = landed_messages / run.messages_cpu.total if run.messages_cpu.total else 0.0
    alone_per_cpu = sampled_messages / alone_cpu.total if alone_cpu.total else 0.0
    overall_rate = landed_messages / total_seconds
    step_rate = landed_messages / messages_step.seconds
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    files_step = by_step["sync_files"].seconds
    rows = [
        ("messages landed / simulator", f"{landed_messages:,} / {expected['messages']:,}"),
        ("files landed / simulator", f"{landed_files:,} / {expected['files']:,}"),
        ("simulator start (generation)", f"{sim.startup_seconds:,.1f} s"),
        *((f"  {r.name}", f"{r.seconds:,.1f} s") for r in run.results),
        ("wall time, all steps", f"{total_seconds:,.1f} s"),
        ("messages/s, end to end (all steps)", f"{overall_rate:,.1f}"),
        ("messages/s, messages step", f"{step_rate:,.1f}"),
        ("  overlapped stages, wall", _rate(stages["wall_seconds"], landed_messages)),
        ("  extraction (API, parse, rows)", _stage(stages, "extraction", landed_messages)),
        ("  classification", _stage(stages, "classification", landed_messages)),
        ("  landing (catalog)", _stage(stages, "landing", landed_messages)),
        ("  waiting on the API rate limit", f"{stages['rate_limit_wait_seconds']:,.1f} s"),
        ("  bound", stages["bound"]),
        (f"classifier alone, {len(recorded.items):,} texts",
         _rate(alone_seconds, sampled_messages)),
        ("end to end / classifier alone", _ratio(overall_rate, alone_rate)),
        ("messages step / classifier alone", _ratio(step_rate, alone_rate)),
        ("CPU, messages step (this process + workers)", str(run.messages_cpu)),
        ("CPU, classifier alone (this process + workers)", str(alone_cpu)),
        ("CPU, simulator during the messages step", f"{run.simulator_cpu:,.1f} s"),
        ("CPU-time ratio, step / classifier alone", _ratio(step_per_cpu, alone_per_cpu)),
        ("files/s, files step", f"{landed_files / files_step:,.1f}" if landed_files else "-"),
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
        ("load average (1, 5, 15 min)", ", ".join(f"{v:.1f}" for v in os.getloadavg())),
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


def _rate(seconds: float, messages: float) -> str:
    rate = f"{messages / seconds:,.1f}/s" if seconds else "-"
    return f"{seconds:,.1f} s ({rate})"


def _ratio(rate: float, alone_rate: float) -> str:
    return f"{rate / alone_rate:.2f}" if alone_rate else "-"


def _stage(stages: dict[str, Any], name: str, messages: int) -> str:
    """A stage's busy seconds, the messages/s it alone would allow, its share of the wall."""
    return f"{_rate(stages[f'{name}_seconds'], messages)}, busy {stages[f'{name}_busy']:.0%}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--text", choices=TEXT_MIXES, default="realistic")
    parser.add_argument(
        "--events-per-log-file",
        type=int,
        default=400,
        help="events per message log file (0: one file per hour with activity)",
    )
    parser.add_argument(
        "--processes", type=int, help="classifier processes (default: one per usable core)"
    )
    parser.add_argument(
        "--api-limits",
        choices=("unlimited", "documented"),
        default="unlimited",
        help="client-side rate limits: none, or the documented 50 listings and 100 items a minute",
    )
    parser.add_argument(
        "--classifier-sample",
        type=int,
        default=20_000,
        help="texts of the messages step the classifier alone classifies (the first ones)",
    )
    parser.add_argument(
        "--checkpoint", type=int, help="first memory checkpoint (default: messages / 10)"
    )
    parser.add_argument("--keep", type=Path, help="land into this directory and keep it")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    for noisy in ("httpx", "pyiceberg", "presidio-analyzer"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if args.processes is not None:
        os.environ[PROCESSES_ENV] = str(args.processes)
    checkpoint = args.checkpoint or max(args.messages // 10, 1)
    print(
        f"scale: {args.messages:,} messages ({args.text} text, "
        f"{args.events_per_log_file or 'hourly'} events per log file), {args.files:,} files, "
        f"seed {args.seed}, classifier processes {ClassifierConfig().processes}, "
        f"CPUs {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    events_per_file = args.events_per_log_file or None
    with Simulator(args.messages, args.files, args.seed, args.text, events_per_file) as sim:
        print(f"  simulator ready after {sim.startup_seconds:,.1f} s", flush=True)
        with tempfile.TemporaryDirectory(prefix="scale-") as scratch:
            warehouse = args.keep or Path(scratch) / "warehouse"
            run = run_pipeline(
                sim,
                warehouse,
                checkpoint,
                api_limits=args.api_limits,
                sample=args.classifier_sample,
            )
            print(f"  classifier alone on {len(run.classifier.items):,} texts ...", flush=True)
            alone_seconds, alone_cpu = classifier_alone(run.classifier.items)
            ok = report(sim, run, warehouse, alone_seconds, alone_cpu)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
