"""Fault matrix: every named fault scenario through the pipeline, and what each cost.

Run: python bench/fault_matrix.py [--seeds 1] [--scale small] [--retry product|fast]
                                  [--scenario NAME ...]

For each seed, a baseline with no faults, then every scenario of ``FAULT_SCENARIOS``: a
fresh simulator on loopback playing the scenario, a fresh local warehouse, and one workspace
run of every step as the DAG runs them (``steps.run_all``, no Airflow, no client-side rate
limit). A run that fails, or that defers event types the API did not serve (counted, their
watermarks kept), is followed by a clean run (faults cleared, except the expiry of uploads,
which is a fact of the data and not a bad moment of the API), which must converge.
Each row then reconciles the catalog with the simulator's ground truth: records lost,
duplicated, and other differences (unexpected keys, wrong file statuses). API calls and
retries are the client's own counts over both runs (signed downloads are not API calls);
the ratios compare a scenario with the baseline of the same seed.

``--retry product`` uses the connector's default retry policy (what a deployment pays);
``fast`` caps backoffs at 50 ms to see the matrix in a minute or two.
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from openai_connector.api import ComplianceClient, RateLimits, RetryPolicy, WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import get_classifier
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import MESSAGES_STREAM, RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window
from openai_connector.simulator import FaultSpec, RunningSimulator, SimulatorConfig, serve_in_thread
from openai_connector.simulator.faults import FAULT_SCENARIOS
from openai_connector.simulator.reconcile import LANDED_COLUMNS, Reconciliation, reconcile

BASELINE = "baseline"
RETRY_POLICIES = {
    "product": RetryPolicy(),
    "fast": RetryPolicy(max_attempts=8, initial_backoff=0.01, max_backoff=0.05, max_total=30.0),
}


@dataclass
class Row:
    """One scenario's outcome for one seed."""

    scenario: str
    seed: int
    outcome: str
    converged: str
    reconciliation: Reconciliation
    calls: int
    retries: int
    seconds: float


class Runner:
    """Runs one workspace through every step against one simulator and warehouse."""

    def __init__(self, sim: RunningSimulator, store: CatalogStore, retry: RetryPolicy) -> None:
        self.sim = sim
        self.store = store
        self.retry = retry
        self.clients: list[ComplianceClient] = []
        self.runs = 0
        self.settings = WorkspaceSettings(
            workspace_id=sim.workspace_id,
            organization_id=sim.organization_id,
            api_key=sim.keys.read,
            base_url=sim.base_url,
            workspace_name=sim.workspace_name,
        )

    def run(self) -> str:
        """One scheduled run: ``success``, ``deferred: N event types`` or ``failed: <class>``."""
        self.runs += 1
        now = datetime.now(UTC)
        watermark = self.store.get_watermarks(self.settings.workspace_id).get(MESSAGES_STREAM)
        plan = RunPlan.create(
            run_id=f"bench/{self.runs}",
            conn_id="bench",
            workspace_id=self.settings.workspace_id,
            window=resolve_window(now=now, watermark=watermark),
            started_at=now,
        )

        def new_job() -> WorkspaceJob:
            return WorkspaceJob(
                plan=plan,
                settings=self.settings,
                catalog=self.store,
                client_factory=self.client,
                classifier_factory=get_classifier,
            )

        try:
            result = steps.run_all(new_job, dag_run_id=plan.run_id)
        except Exception as exc:  # the error class is the outcome
            return f"failed: {type(exc).__name__}"
        deferred = json.loads(result["records"]).get("event_types_unavailable", 0)
        if result["outcome"] == "success" and deferred:
            return f"deferred: {deferred} event types"
        return result["outcome"]

    def client(self) -> ComplianceClient:
        """A client whose counters stay readable when its step fails."""
        client = ComplianceClient(
            self.settings, retry=self.retry, rate_limits=RateLimits.unlimited()
        )
        self.clients.append(client)
        return client

    def api_figures(self) -> tuple[int, int]:
        """API calls and retries over every client so far."""
        stats = [client.stats.snapshot() for client in self.clients]
        return sum(int(s["calls_total"]) for s in stats), sum(int(s["retries"]) for s in stats)

    def reconcile(self) -> Reconciliation:
        landed = {
            table: self.store.read(table, columns=list(columns)).to_pylist()
            for table, columns in LANDED_COLUMNS.items()
        }
        return reconcile(self.sim.truth(), landed, ocr=shutil.which("tesseract") is not None)


def run_scenario(scenario: str, seed: int, scale: str, retry: RetryPolicy) -> Row:
    spec = FaultSpec.parse(FAULT_SCENARIOS.get(scenario, ""))
    config = SimulatorConfig(seed=seed, scale=scale, faults=spec)  # type: ignore[arg-type]
    with serve_in_thread(config) as sim, tempfile.TemporaryDirectory(prefix="faults-") as scratch:
        store = CatalogStore(CatalogConfig(warehouse=str(Path(scratch) / "warehouse")))
        runner = Runner(sim, store, retry)
        started = time.perf_counter()
        outcome = runner.run()
        seconds = time.perf_counter() - started
        converged = "-"
        if outcome != "success":
            sim.set_faults(spec.settled())
            converged = "yes" if runner.run() == "success" else "no"
        reconciliation = runner.reconcile()
        if converged == "yes" and not reconciliation.exact:
            converged = "no"
        calls, retries = runner.api_figures()
        return Row(scenario, seed, outcome, converged, reconciliation, calls, retries, seconds)


def print_matrix(rows: Sequence[Row]) -> None:
    baselines = {row.seed: row for row in rows if row.scenario == BASELINE}
    header = (
        "scenario",
        "seed",
        "outcome",
        "converged",
        "lost",
        "dup",
        "other",
        "API calls",
        "retries",
        "seconds",
        "calls x",
        "time x",
    )
    table = [header]
    for row in rows:
        base = baselines[row.seed]
        diff = row.reconciliation.total
        table.append(
            (
                row.scenario,
                str(row.seed),
                row.outcome,
                row.converged,
                str(diff.lost),
                str(diff.duplicated),
                str(diff.unexpected + diff.wrong_status),
                f"{row.calls:,}",
                f"{row.retries:,}",
                f"{row.seconds:.1f}",
                f"{row.calls / max(base.calls, 1):.2f}",
                f"{row.seconds / base.seconds:.2f}",
            )
        )
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    print()
    for number, line in enumerate(table):
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1, help="seeds 1..N, each a workspace")
    parser.add_argument("--scale", choices=("small", "medium"), default="small")
    parser.add_argument("--retry", choices=sorted(RETRY_POLICIES), default="product")
    parser.add_argument(
        "--scenario",
        action="append",
        choices=sorted(FAULT_SCENARIOS),
        help="only this scenario (repeatable; default: all)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    scenarios = [BASELINE, *(args.scenario or FAULT_SCENARIOS)]
    print(
        f"fault matrix: {len(scenarios) - 1} scenarios, seeds 1..{args.seeds}, "
        f"{args.scale} workspace, {args.retry} retries",
        flush=True,
    )
    # Unmeasured: loads the classifier's models and warms the catalog code, which would
    # otherwise all be charged to the first baseline.
    run_scenario(BASELINE, 0, args.scale, RETRY_POLICIES[args.retry])
    rows = []
    for seed in range(1, args.seeds + 1):
        for scenario in scenarios:
            row = run_scenario(scenario, seed, args.scale, RETRY_POLICIES[args.retry])
            rows.append(row)
            print(f"  seed {seed} {scenario}: {row.outcome} in {row.seconds:.1f} s", flush=True)
    print_matrix(rows)
    inexact = [row for row in rows if not row.reconciliation.exact]
    for row in inexact:
        print(f"\nseed {row.seed} {row.scenario}: {row.reconciliation.describe()}")
    print("\nresult:", "FAILED" if inexact else "OK (every run converged to the exact truth)")
    return 1 if inexact else 0


if __name__ == "__main__":
    raise SystemExit(main())
