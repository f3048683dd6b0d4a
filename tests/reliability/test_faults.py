"""The fault suite: the workspace DAG under real Airflow against a simulator playing each
named fault scenario.

Every run either lands exactly the ground truth, or fails naming the error its faults can
cause, or defers the event types whose listing the API did not serve (counted, watermarks
kept), and then a clean run converges to exactly the truth. Read the parametrized ids as
the rows of a matrix: one scenario per row.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogStore
from openai_connector.simulator import FaultSpec, RunningSimulator, SimulatorConfig, serve_in_thread
from openai_connector.simulator.faults import DATA_KINDS, FAULT_SCENARIOS, RATE_KINDS
from openai_connector.simulator.reconcile import LANDED_COLUMNS, Reconciliation, reconcile
from tests.harness import FAST_RETRY, Deployment, deploy

SEED = 2
"""A workspace on which the mixed scenario's run gets through, so its retries are on record
(a failed step leaves no figures in the ``runs`` row)."""
ERRORS_OF_KIND = {
    "429": r"RateLimitError: 429 on GET ",
    "429_no_retry_after": r"RateLimitError: 429 on GET ",
    "5xx": r"ServerError: 50[0234] on GET ",
    "reset": r"TransportError: Could not reach .* after \d+ attempts",
    "truncate": r"TransportError: Could not reach .* after \d+ attempts",
    "sha_mismatch": r"IntegrityError: .*sha256 mismatch .* after \d+ attempts",
    "logs_unavailable": r"NotFoundError: 404 on GET \S+/logs: Compliance logs are not enabled",
    "cursor_loop": r"CursorStalledError: the \w+ log listing \(GET \S+\) stopped: ",
    "gzip_bomb": r"ResponseTooLargeError: \w+ \S+: the body is larger, over the budget",
    "oversized_log": (
        r"IntegrityError: log file \S+: more than the \d+ bytes its listing declared, "
        r"after \d+ attempts"
    ),
    "insecure_redirect": r"UnsafeURLError: refused to fetch a signed download URL on \S+ over",
}
"""The error a kind may leave once retries are spent (as a run's log prints it); kinds not
listed must never fail a run. ``legacy_gone`` only ever surfaces as the logs error."""
RETRIED_KINDS = (
    *("429", "429_no_retry_after", "5xx", "reset", "truncate", "sha_mismatch"),
    *("oversized_log", "insecure_redirect"),
)
"""Kinds the client retries: a run facing them at these rates must record retries."""


def unexplained_errors(spec: FaultSpec, output: str) -> list[str]:
    """The Compliance API errors in a run's output that none of the spec's kinds can cause."""
    allowed = [pattern for kind, pattern in ERRORS_OF_KIND.items() if spec.rate(kind)]
    raised = re.findall(r"openai_connector\.api\.errors\.(\w+: .*)", output)
    assert raised, f"the run failed without a Compliance API error: {output[-3000:]}"
    return [error for error in raised if not any(re.match(p, error) for p in allowed)]


def reconciled(sim: RunningSimulator, store: CatalogStore) -> Reconciliation:
    landed = {
        table: store.read(table, columns=list(columns)).to_pylist()
        for table, columns in LANDED_COLUMNS.items()
    }
    return reconcile(sim.truth(), landed, ocr=shutil.which("tesseract") is not None)


@pytest.fixture
def deployed(
    request: pytest.FixtureRequest,
    airflow_db: None,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[Deployment]:
    """A fresh simulator playing the scenario, enrolled in Airflow with a fresh warehouse."""
    spec = FaultSpec.parse(FAULT_SCENARIOS[request.param])
    with serve_in_thread(SimulatorConfig(seed=SEED, scale="small", faults=spec)) as sim:
        yield deploy(monkeypatch, sim, str(tmp_path / "warehouse"), fast_retries=True)


@pytest.mark.parametrize("deployed", sorted(FAULT_SCENARIOS), indirect=True)
def test_scenario_lands_the_truth_or_fails_clearly_and_converges(
    deployed: Deployment, capfd: pytest.CaptureFixture[str]
) -> None:
    sim, store, dag = deployed.sim, deployed.store, deployed.workspace_dag
    spec = sim.faults
    first = dag.test()
    out, err = capfd.readouterr()
    if first.state != "success":
        assert unexplained_errors(spec, out + err) == []
    deferred = first.state == "success" and deferred_event_types(store) > 0
    if first.state != "success" or deferred:
        sim.set_faults(spec.settled())
        assert dag.test().state == "success"
    diff = reconciled(sim, store)
    assert diff.exact, diff.describe()
    runs = sorted(store.read("runs").to_pylist(), key=lambda run: run["started_at"])
    expected = {"success": ["success"], "failed": ["failed", "success"]}[first.state]
    assert [run["outcome"] for run in runs] == expected + (["success"] if deferred else [])
    if first.state == "success" and any(spec.rate(kind) for kind in RETRIED_KINDS):
        assert runs[0]["retries"] > 0, "the faults were not played"


def deferred_event_types(store: CatalogStore) -> int:
    """Event types the first run counted as not served (their listing answered 404)."""
    (run,) = store.read("runs").to_pylist()
    return json.loads(run["records"]).get("event_types_unavailable", 0)


def test_a_failed_run_still_records_the_calls_and_retries_of_its_failed_steps(
    airflow_db: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every request answers 5xx: each step spends its retries, then fails."""
    with serve_in_thread(SimulatorConfig(seed=SEED, faults=FaultSpec.parse("5xx=1"))) as sim:
        deployed = deploy(monkeypatch, sim, str(tmp_path / "warehouse"), fast_retries=True)
        assert deployed.workspace_dag.test().state == "failed"
        (run,) = deployed.store.read("runs").to_pylist()
    attempts = FAST_RETRY.max_attempts
    assert run["outcome"] == "failed"
    assert run["error"] == (
        "failed steps: sync_files, sync_inventory, sync_messages. "
        "The API kept failing with server errors (5xx) through every retry."
    )
    assert run["api_calls"] >= 2 * attempts  # inventory and messages each tried to the limit
    assert run["retries"] >= 2 * (attempts - 1)


def test_the_scenarios_cover_every_kind_and_mixed_plays_them_all() -> None:
    specs = {name: FaultSpec.parse(spec) for name, spec in FAULT_SCENARIOS.items()}
    alone = {kind for spec in specs.values() for kind in spec.rates}
    assert alone == set(RATE_KINDS)
    assert set(specs["mixed"].rates) == set(RATE_KINDS)
    assert specs["mixed"].latency > 0
    assert specs["latency"].latency > 0
    assert set(specs["mixed"].settled().rates) == set(DATA_KINDS)
