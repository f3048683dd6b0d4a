"""The messages step as overlapped stages, through the real simulator, Presidio and Iceberg:
an error in downloading, in a classifier process or in landing surfaces with its cause, keeps
what landed before it (and the watermark with it), and the next run converges."""

from __future__ import annotations

import itertools
import signal
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import psutil
import pytest

from openai_connector.api import ComplianceClient, RateLimits, WorkspaceSettings
from openai_connector.api.models import LogFile
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import Classifier, ClassifierConfig, TextItem, get_classifier
from openai_connector.classify.parallel import WORKER_MODULE, WorkerProcessError
from openai_connector.pipeline import steps
from openai_connector.pipeline.job import MESSAGES_STREAM, RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window
from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.harness import FAST_RETRY, fast_client, workspace_settings

MESSAGES = 240
EVENTS_PER_FILE = 20
#: Two log files per batch: batches of whole files, 40 messages each.
BATCH_SIZE = 40
_runs = itertools.count(1)


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=11, messages=MESSAGES, files=0, events_per_log_file=EVENTS_PER_FILE)


def _sync_messages(
    sim: RunningSimulator,
    store: CatalogStore,
    *,
    client_factory: Callable[[WorkspaceSettings], ComplianceClient] = fast_client,
    classifier_factory: Callable[[], Any] = get_classifier,
) -> dict[str, Any]:
    """The messages step of a scheduled run, as its DAG task runs it."""
    settings = workspace_settings(sim)
    now = datetime.now(UTC)
    watermark = store.get_watermarks(settings.workspace_id).get(MESSAGES_STREAM)
    plan = RunPlan.create(
        run_id=f"stages/{next(_runs)}",
        conn_id="stages",
        workspace_id=settings.workspace_id,
        window=resolve_window(now=now, watermark=watermark),
        started_at=now,
    )
    job = WorkspaceJob(
        plan,
        settings,
        store,
        client_factory=lambda: client_factory(settings),
        classifier_factory=classifier_factory,
        batch_size=BATCH_SIZE,
    )
    return steps.sync_messages(job)


def _log_files(sim: RunningSimulator) -> list[LogFile]:
    with fast_client(workspace_settings(sim)) as client:
        return list(client.iter_log_files(MESSAGES_STREAM, after=datetime(2000, 1, 1, tzinfo=UTC)))


def _message_ids(store: CatalogStore) -> list[str]:
    return store.read("messages", columns=["message_id"]).column("message_id").to_pylist()


def _assert_landed_whole_batches(sim: RunningSimulator, store: CatalogStore, batches: int) -> None:
    """The first ``batches`` batches landed, and the watermark names their last file."""
    files = _log_files(sim)
    assert len(files) == MESSAGES // EVENTS_PER_FILE
    assert store.count("messages") == batches * BATCH_SIZE
    watermark = store.get_watermarks(sim.workspace_id)[MESSAGES_STREAM]
    assert watermark == files[2 * batches - 1].end_time


def _assert_converges(sim: RunningSimulator, store: CatalogStore) -> None:
    """The next clean run lands the rest: every message once, the watermark at the end."""
    summary = _sync_messages(sim, store)
    ids = _message_ids(store)
    assert len(ids) == len(set(ids)) == MESSAGES
    assert set(ids) == {m["id"] for m in sim.truth().to_dict()["messages"]}
    assert store.get_watermarks(sim.workspace_id)[MESSAGES_STREAM] == _log_files(sim)[-1].end_time
    assert summary["stages"]["bound"] in ("extraction", "classification", "landing")


def _no_stage_threads() -> bool:
    return not [t for t in threading.enumerate() if t.name.startswith("stage-")]


def test_a_staged_run_lands_every_message_once_and_says_what_bound_it(sim, store) -> None:
    summary = _sync_messages(sim, store)
    assert summary["records"]["messages"] == MESSAGES
    assert summary["records"]["log_files"] == MESSAGES // EVENTS_PER_FILE
    stages = summary["stages"]
    assert stages["wall_seconds"] > 0
    assert stages["bound"] in ("extraction", "classification", "landing")
    assert 0 < stages["classification_busy"] <= 1.5  # busy time within the wall time (rounding)
    # A second run of the same window finds every key landed: no row twice.
    _assert_converges(sim, store)


class _DownloadFails(ComplianceClient):
    """The real client, whose fifth log download breaks off (a reset connection)."""

    def __init__(self, settings: WorkspaceSettings) -> None:
        super().__init__(settings, retry=FAST_RETRY, rate_limits=RateLimits.unlimited())
        self._downloads = 0

    def iter_log_events(self, log_file: LogFile) -> Iterator[Any]:
        self._downloads += 1
        if self._downloads == 5:
            raise ConnectionResetError(f"connection reset while reading {log_file.id}")
        return super().iter_log_events(log_file)


def test_an_error_in_the_download_stage_keeps_the_batches_before_it(sim, store) -> None:
    with pytest.raises(ConnectionResetError, match="connection reset") as raised:
        _sync_messages(sim, store, client_factory=_DownloadFails)
    assert "(raised in the extraction stage)" in raised.value.__notes__
    assert _no_stage_threads()
    _assert_landed_whole_batches(sim, store, batches=2)
    _assert_converges(sim, store)


class _KillsAWorker:
    """A real two-process classifier; one worker process is killed at the third batch."""

    def __init__(self) -> None:
        self.inner = Classifier(ClassifierConfig(processes=2))
        self._calls = 0

    def classify(self, items: Any, **options: Any) -> Any:
        self._calls += 1
        if self._calls == 3:
            (victim, *_) = [
                process
                for process in psutil.Process().children(recursive=True)
                if WORKER_MODULE in process.cmdline()
            ]
            victim.send_signal(signal.SIGKILL)
            self._until_the_death_is_known()
        return self.inner.classify(items, **options)

    def _until_the_death_is_known(self) -> None:
        """Classify probes until one fails: the classifier has seen its worker die."""
        for attempt in itertools.count():
            probe = TextItem("message", "probe", f"probe number {attempt}")
            try:
                list(self.inner.classify([probe]))
            except WorkerProcessError:
                return
            time.sleep(0.1)


def test_an_error_in_a_classifier_process_keeps_the_batches_before_it(sim, store) -> None:
    classifier = _KillsAWorker()
    try:
        with pytest.raises(WorkerProcessError, match="was killed by SIGKILL") as raised:
            _sync_messages(sim, store, classifier_factory=lambda: classifier)
    finally:
        classifier.inner.close()
    assert "(raised in the classification stage)" in raised.value.__notes__
    assert _no_stage_threads()
    _assert_landed_whole_batches(sim, store, batches=2)
    _assert_converges(sim, store)


class _DiskFillsUp(CatalogStore):
    """The real catalog store, whose third upsert of messages fails."""

    def __init__(self, config: CatalogConfig) -> None:
        super().__init__(config)
        self.message_upserts = 0

    def upsert(self, table: str, rows: Any, **options: Any) -> Any:
        if table == "messages":
            self.message_upserts += 1
            if self.message_upserts == 3:
                raise OSError(28, "No space left on device")
        return super().upsert(table, rows, **options)


def test_an_error_in_landing_stops_the_stages_and_keeps_what_landed(sim, tmp_path) -> None:
    config = CatalogConfig(warehouse=str(tmp_path / "warehouse"))
    failing = _DiskFillsUp(config)
    with pytest.raises(OSError, match="No space left"):
        _sync_messages(sim, failing)
    assert _no_stage_threads()
    store = CatalogStore(config)
    _assert_landed_whole_batches(sim, store, batches=2)
    _assert_converges(sim, store)
