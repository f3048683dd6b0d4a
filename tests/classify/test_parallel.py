"""Classifying on worker processes: the same findings, in order, a clear error when a worker
dies or cannot start, and no worker left behind."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from concurrent.futures import wait

import psutil
import pytest

from openai_connector.classify import (
    Classifier,
    ClassifierConfig,
    ModelNotInstalledError,
    TextItem,
    get_classifier,
)
from openai_connector.classify.classifier import release_classifiers
from openai_connector.classify.config import default_processes, usable_cores
from openai_connector.classify.parallel import (
    WORKER_MODULE,
    WorkerProcessBackend,
    WorkerProcessError,
)
from tests.classify.samples import SECRETS, text_with_secret

CHAT = (
    "Hi, I'm Maria Garcia from the Berlin office. Please email maria.garcia@acme-corp.io "
    "or call me at (415) 555-0132. My card 4111 1111 1111 1111 was charged twice."
)
#: Seconds a test waits for what must happen at once; exceeding it means a hang.
PROMPTLY = 120


def _items() -> list[TextItem]:
    texts = [
        CHAT,
        "Could you rewrite this paragraph so it sounds friendlier?",
        *(text_with_secret(entity) for entity in sorted(SECRETS)),
        "thanks!",
        "Ask John Smith at john@acme-corp.io before 12/31/2024.",
    ]
    # Repeats land in other batches, some still in flight when they come up again.
    return [TextItem("message", f"m-{i}", texts[i % len(texts)]) for i in range(3 * len(texts))]


def _workers() -> set[int]:
    """Pids of this process's classifier worker processes."""
    return {
        process.pid
        for process in psutil.Process().children(recursive=True)
        if WORKER_MODULE in process.cmdline()
    }


def _assert_reaped(pids: set[int]) -> None:
    """Gone, not even zombies: whoever started them has waited for them."""
    assert pids
    assert [pid for pid in pids if psutil.pid_exists(pid)] == []


def test_workers_give_the_same_findings_in_order_and_stop(classifier):
    items = _items()

    with Classifier(ClassifierConfig(processes=2, batch_size=3)) as parallel:
        workers = _workers()
        results = list(parallel.classify(items))

    assert len(workers) == 2
    assert [item for item, _ in results] == items
    assert results == list(classifier.classify(items))
    assert sum(len(findings) for _, findings in results) > len(items)
    _assert_reaped(workers)


def test_a_worker_killed_mid_batch_fails_its_batches_and_later_ones_clearly():
    # Long texts: each batch keeps its worker busy for seconds.
    slow = [CHAT * 60] * 12
    backend = WorkerProcessBackend(ClassifierConfig(processes=2))
    try:
        workers = _workers()
        futures = [backend.submit(slow) for _ in range(backend.in_flight)]
        victim = min(workers)
        _wait_until_busy(victim)
        os.kill(victim, signal.SIGKILL)

        assert wait(futures, timeout=PROMPTLY).not_done == set()
        errors = [str(f.exception()) for f in futures if f.exception() is not None]
        assert errors
        assert all(f"process {victim} was killed by SIGKILL while analysing" in e for e in errors)
        later = backend.submit(["Call me at (415) 555-0132."])
        with pytest.raises(WorkerProcessError, match=f"process {victim} was killed by SIGKILL"):
            later.result(timeout=PROMPTLY)
    finally:
        backend.close()
    _assert_reaped(workers)


def _wait_until_busy(pid: int) -> None:
    process = psutil.Process(pid)
    deadline = time.monotonic() + PROMPTLY
    while process.cpu_percent(interval=0.2) < 5:
        assert time.monotonic() < deadline, "the worker never started on its batch"


def test_worker_start_up_errors_reach_the_caller():
    before = _workers()

    with pytest.raises(ModelNotInstalledError, match="'en_core_web_missing_xx' is not"):
        Classifier(ClassifierConfig(processes=2, spacy_model="en_core_web_missing_xx"))

    assert _workers() - before == set()


def test_a_worker_that_exits_before_it_is_ready_is_named_with_its_exit_code(monkeypatch):
    monkeypatch.setattr(sys, "executable", shutil.which("false"))

    with pytest.raises(WorkerProcessError, match=r"process \d+ exited with code 1 before it was"):
        WorkerProcessBackend(ClassifierConfig(processes=2))


def test_released_classifiers_stop_their_workers_and_start_new_ones_when_used_again():
    items = _items()[:6]
    shared = get_classifier(ClassifierConfig(processes=2, batch_size=2))
    first = list(shared.classify(items))
    workers = _workers()

    release_classifiers()
    _assert_reaped(workers)

    assert list(shared.classify(items)) == first
    restarted = _workers()
    assert len(restarted) == 2
    assert restarted.isdisjoint(workers)
    release_classifiers()
    _assert_reaped(restarted)


def test_process_count_comes_from_environment(monkeypatch):
    monkeypatch.setenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", "3")
    assert ClassifierConfig().processes == 3
    assert default_processes(sharing=4) == 3
    monkeypatch.delenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES")
    assert ClassifierConfig().processes == usable_cores()


def test_default_process_count_follows_the_cores_this_process_may_use(monkeypatch):
    monkeypatch.delenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", raising=False)
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 2, 5, 7}, raising=False)
    assert ClassifierConfig().processes == 4
    # Shared by classifiers that may run side by side on those cores (a run's partitions).
    assert default_processes(sharing=2) == 2
    assert default_processes(sharing=3) == 1
    assert default_processes(sharing=8) == 1


@pytest.mark.parametrize("value", ["two", "0"])
def test_invalid_process_count_is_rejected(monkeypatch, value):
    monkeypatch.setenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", value)
    with pytest.raises(ValueError, match=r"processes|PROCESSES"):
        ClassifierConfig()
