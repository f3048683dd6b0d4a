"""The files step through the real simulator: downloads run concurrently, every file lands
exactly once, the key's rate limiter gates every request, and what one file holds or one
download fails on stays with that file."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from openai_connector.api import ComplianceClient, RateLimits, TransportError, WorkspaceSettings
from openai_connector.api.ratelimit import EndpointClass
from openai_connector.catalog import CatalogStore
from openai_connector.classify import get_classifier
from openai_connector.pipeline.files import FileOptions, StageClock, sync_files
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window
from openai_connector.simulator import FaultSpec, RunningSimulator, SimulatorConfig
from openai_connector.simulator.api import SIGNED_PREFIX
from openai_connector.simulator.hostile import EXPECTED_FILE_STATUS, FILE_KINDS
from tests.harness import FAST_RETRY, run_steps, workspace_settings
from tests.truth import expected_file_status

DOWNLOADS = 3
OPTIONS = FileOptions(downloads=DOWNLOADS, window=6, classify_texts=7, land_files=11)
"""Small groups, so a small workspace is classified and landed in several of each."""


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    """A small workspace with the hostile uploads, whose every request takes a while, so
    concurrent downloads overlap at the server."""
    return SimulatorConfig(
        seed=11, scale="small", hostile=frozenset(FILE_KINDS), faults=FaultSpec(latency=0.03)
    )


@pytest.fixture
def store(store: CatalogStore, sim: RunningSimulator) -> CatalogStore:
    """The catalog after inventory and messages: every file is recorded as pending."""
    with pytest.raises(RuntimeError, match="injected failure"):
        run_steps(workspace_settings(sim), store, fail_before="sync_files")
    sim.reset_request_log()
    return store


class CountingLimits(RateLimits):
    """The key's limits (here wide enough not to slow the test), noting which threads ask
    for item slots."""

    def __init__(self) -> None:
        super().__init__(list_per_minute=None, item_per_minute=10_000)
        self.item_slots: Counter[str] = Counter()
        self._lock = threading.Lock()

    def acquire(self, endpoint: EndpointClass) -> float:
        if endpoint is EndpointClass.ITEM:
            with self._lock:
                self.item_slots[threading.current_thread().name] += 1
        return super().acquire(endpoint)


class FailingFileTransport(httpx.HTTPTransport):
    """The network, except that every request for one file's content cannot connect."""

    def __init__(self, file_id: str) -> None:
        super().__init__()
        self.file_id = file_id

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(f"/{self.file_id}"):
            raise httpx.ConnectError("connection refused", request=request)
        return super().handle_request(request)


def files_job(settings: WorkspaceSettings, store: CatalogStore, client: Any = None) -> WorkspaceJob:
    now = datetime.now(UTC)
    plan = RunPlan.create(
        run_id="test/files",
        conn_id="test",
        workspace_id=settings.workspace_id,
        window=resolve_window(now=now, watermark=None),
        started_at=now,
    )
    return WorkspaceJob(
        plan=plan,
        settings=settings,
        catalog=store,
        client_factory=client
        or (
            lambda: ComplianceClient(settings, retry=FAST_RETRY, rate_limits=RateLimits.unlimited())
        ),
        classifier_factory=get_classifier,
    )


def landed_files(store: CatalogStore) -> dict[str, dict[str, Any]]:
    rows = store.read("files").to_pylist()
    by_id = {row["file_id"]: row for row in rows}
    assert len(by_id) == len(rows), "a file was landed twice"
    return by_id


def expected_statuses(sim: RunningSimulator) -> dict[str, str]:
    expected = {f["id"]: expected_file_status(f) for f in sim.truth().to_dict()["files"]}
    for kind, file_id in sim.hostile().files.items():
        expected[file_id] = EXPECTED_FILE_STATUS[kind]
    return expected


def content_requests(sim: RunningSimulator) -> Counter[str]:
    """Requests for each file's content (the API call that answers with a download URL)."""
    return Counter(
        record.path.rsplit("/", 1)[1]
        for record in sim.request_log()
        if not record.path.startswith(SIGNED_PREFIX) and "files/" in record.path
    )


def test_concurrent_downloads_land_every_file_once_within_the_limit(
    sim: RunningSimulator, store: CatalogStore
) -> None:
    settings = workspace_settings(sim)
    limits = CountingLimits()
    job = files_job(
        settings, store, lambda: ComplianceClient(settings, retry=FAST_RETRY, rate_limits=limits)
    )
    summary = sync_files(job, OPTIONS)

    files = landed_files(store)
    assert {file_id: row["status"] for file_id, row in files.items()} == expected_statuses(sim)
    assert set(content_requests(sim).values()) == {1}, "a file was fetched twice"
    assert set(content_requests(sim)) == set(files)
    assert 2 <= sim.peak_in_flight <= DOWNLOADS
    assert limits.item_slots.total() == summary["api"]["calls_item"] == len(files)
    assert len(limits.item_slots) > 1, "the downloads did not run on several threads"
    assert all(name.startswith("file-fetch") for name in limits.item_slots)
    assert {"download", "extract", "classify", "land"} <= set(summary["seconds"])
    assert summary["bound"] in {"downloads and extraction", "classification", "landing"}


def test_each_bad_file_is_recorded_with_its_reason(
    sim: RunningSimulator, store: CatalogStore
) -> None:
    sync_files(files_job(workspace_settings(sim), store), OPTIONS)
    files = landed_files(store)
    hostile = {kind: files[file_id] for kind, file_id in sim.hostile().files.items()}
    assert hostile["binary_file"]["status_detail"] == "binary content (.txt)"
    assert "zip bomb" in hostile["zip_bomb"]["status_detail"]
    assert hostile["non_utf8"]["finding_count"] > 0


def test_a_failed_download_stops_the_step_after_landing_every_other_fetched_file(
    sim: RunningSimulator, store: CatalogStore
) -> None:
    settings = workspace_settings(sim)
    pending = [row["file_id"] for row in store.read("files").to_pylist()]
    failing = pending[-1]  # submitted last: every other download has started before it fails
    transport = FailingFileTransport(failing)
    job = files_job(
        settings,
        store,
        lambda: ComplianceClient(
            settings, retry=FAST_RETRY, rate_limits=RateLimits.unlimited(), transport=transport
        ),
    )
    with pytest.raises(TransportError, match="connection refused"):
        sync_files(job, OPTIONS)
    files = landed_files(store)
    assert files[failing]["status"] == "pending"
    expected = expected_statuses(sim)
    assert {f: row["status"] for f, row in files.items() if f != failing} == {
        f: status for f, status in expected.items() if f != failing
    }

    sim.reset_request_log()
    sync_files(files_job(settings, store), OPTIONS)
    assert {f: row["status"] for f, row in landed_files(store).items()} == expected
    assert content_requests(sim) == Counter({failing: 1}), "a landed file was fetched again"


def test_the_bound_of_a_step_with_no_file_names_no_stage() -> None:
    """A run without files must not report that the API's rate limit held it back."""
    idle = StageClock()
    idle.add("rate_limit_wait", 0.0)
    assert idle.bound(DOWNLOADS) == "nothing (no file to fetch)"

    busy = StageClock()
    busy.add("classify", 0.5)
    assert busy.bound(DOWNLOADS) == "classification"
