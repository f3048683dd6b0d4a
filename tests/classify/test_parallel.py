"""Classifying on worker processes: the same findings, in order, and no worker left behind."""

from __future__ import annotations

import psutil
import pytest

from openai_connector.classify import (
    Classifier,
    ClassifierConfig,
    ModelNotInstalledError,
    TextItem,
)
from openai_connector.classify.config import usable_cores
from tests.classify.samples import SECRETS, text_with_secret

CHAT = (
    "Hi, I'm Maria Garcia from the Berlin office. Please email maria.garcia@acme-corp.io "
    "or call me at (415) 555-0132. My card 4111 1111 1111 1111 was charged twice."
)


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


def _workers() -> list[psutil.Process]:
    """Spawned pool workers (not multiprocessing's resource tracker, which stays)."""
    return [
        process
        for process in psutil.Process().children(recursive=True)
        if "spawn_main" in " ".join(process.cmdline())
    ]


def test_workers_give_the_same_findings_in_order_and_stop(classifier):
    items = _items()
    before = {process.pid for process in _workers()}

    with Classifier(ClassifierConfig(processes=2, batch_size=3)) as parallel:
        workers = [process for process in _workers() if process.pid not in before]
        results = list(parallel.classify(items))

    assert len(workers) >= 2
    assert [item for item, _ in results] == items
    assert results == list(classifier.classify(items))
    assert sum(len(findings) for _, findings in results) > len(items)
    assert psutil.wait_procs(workers, timeout=30)[1] == []


def test_worker_start_up_errors_reach_the_caller():
    before = {process.pid for process in _workers()}

    with pytest.raises(ModelNotInstalledError, match="'en_core_web_missing_xx' is not"):
        Classifier(ClassifierConfig(processes=2, spacy_model="en_core_web_missing_xx"))

    leftovers = [process for process in _workers() if process.pid not in before]
    assert psutil.wait_procs(leftovers, timeout=30)[1] == []


def test_process_count_comes_from_environment(monkeypatch):
    monkeypatch.setenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", "3")
    assert ClassifierConfig().processes == 3
    monkeypatch.delenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES")
    assert ClassifierConfig().processes == usable_cores()


def test_default_process_count_follows_the_cores_this_process_may_use(monkeypatch):
    monkeypatch.delenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", raising=False)
    monkeypatch.setattr("os.sched_getaffinity", lambda _pid: {0, 2, 5}, raising=False)
    assert ClassifierConfig().processes == 3


@pytest.mark.parametrize("value", ["two", "0"])
def test_invalid_process_count_is_rejected(monkeypatch, value):
    monkeypatch.setenv("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", value)
    with pytest.raises(ValueError, match=r"processes|PROCESSES"):
        ClassifierConfig()
