"""Two writers committing at the same moment: both land, nothing is lost or duplicated."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pyiceberg.table import Transaction

from openai_connector.catalog import (
    CatalogConfig,
    CatalogStore,
    CommitConflictError,
    UpsertResult,
)

from .rows import MessageFactory


def _run_in_two_threads(*jobs: Callable[[], UpsertResult]) -> list[UpsertResult]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(job) for job in jobs]
        return [future.result(timeout=60) for future in futures]


def _writer(warehouse: Path, **options: float) -> CatalogStore:
    """A store of its own (own catalog connection), like a second process would have."""
    store = CatalogStore(CatalogConfig(str(warehouse)), retry_delay=0.001, **options)  # type: ignore[arg-type]
    store.ensure_tables()
    return store


@pytest.mark.usefixtures("racing_commits")
def test_concurrent_upserts_both_land(
    warehouse: Path, message: MessageFactory, caplog: pytest.LogCaptureFixture
) -> None:
    first, second = _writer(warehouse), _writer(warehouse)
    caplog.set_level(logging.WARNING, logger="openai_connector.catalog.store")

    results = _run_in_two_threads(
        lambda: first.upsert("messages", [message(f"a{i}") for i in range(50)]),
        lambda: second.upsert("messages", [message(f"b{i}") for i in range(50)]),
    )

    assert results == [UpsertResult(inserted=50), UpsertResult(inserted=50)]
    assert first.count("messages") == 100
    assert "commit conflict on messages" in caplog.text  # the race really happened


@pytest.mark.usefixtures("racing_commits")
def test_concurrent_upserts_of_the_same_keys_do_not_duplicate(
    warehouse: Path, message: MessageFactory
) -> None:
    first, second = _writer(warehouse), _writer(warehouse)

    results = _run_in_two_threads(
        lambda: first.upsert("messages", [message(f"m{i}", text="one") for i in range(20)]),
        lambda: second.upsert("messages", [message(f"m{i}", text="two") for i in range(20)]),
    )

    assert sorted(results, key=lambda r: r.updated) == [
        UpsertResult(inserted=20),
        UpsertResult(updated=20),
    ]
    rows = first.read("messages", columns=["message_id", "text"]).to_pylist()
    assert len(rows) == 20
    assert len({row["text"] for row in rows}) == 1  # one writer's batch, whole


@pytest.mark.usefixtures("racing_commits")
def test_conflict_error_when_retries_run_out(warehouse: Path, message: MessageFactory) -> None:
    first = _writer(warehouse, commit_attempts=1)
    second = _writer(warehouse, commit_attempts=1)

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(first.upsert, "messages", [message("a")]),
            pool.submit(second.upsert, "messages", [message("b")]),
        ]
        errors = [future.exception(timeout=60) for future in futures]

    assert sum(isinstance(error, CommitConflictError) for error in errors) == 1
    assert first.count("messages") == 1


def test_shared_store_from_many_threads(store: CatalogStore, message: MessageFactory) -> None:
    def land(worker: int) -> UpsertResult:
        return store.upsert("messages", [message(f"w{worker}-{i}") for i in range(10)])

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(land, range(8)))

    assert sum(result.inserted for result in results) == 80
    assert store.count("messages") == 80


def test_delete_is_redone_when_another_writer_committed_first(
    warehouse: Path,
    message: MessageFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    deleter, other = _writer(warehouse), _writer(warehouse)
    deleter.upsert("messages", [message(f"old{i}") for i in range(5)])
    original = Transaction.commit_transaction
    interfered: list[bool] = []

    def commit_after_another_writer(self: Transaction) -> object:
        if not interfered:  # the delete's first commit: another writer gets in just before
            interfered.append(True)
            other.upsert("messages", [message("new")])
        return original(self)

    monkeypatch.setattr(Transaction, "commit_transaction", commit_after_another_writer)
    caplog.set_level(logging.WARNING, logger="openai_connector.catalog.store")

    deleter.delete("messages", "message_id IN ('old1', 'old3')")

    ids = sorted(deleter.read("messages", columns=["message_id"]).column("message_id").to_pylist())
    assert ids == ["new", "old0", "old2", "old4"]
    assert "commit conflict on messages" in caplog.text


def test_lost_commit_races_back_off_on_the_policy_then_fail_naming_the_attempts(
    warehouse: Path, message: MessageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every attempt of the delete loses to another writer: it backs off with the store's
    retry policy (its sleep and jitter injected here, so nothing waits) and gives up."""
    deleter = _writer(warehouse, commit_attempts=3)
    sleeps: list[float] = []
    deleter.commit_retry = dataclasses.replace(
        deleter.commit_retry, sleep=sleeps.append, random=lambda: 0.5
    )
    other = _writer(warehouse)
    deleter.upsert("messages", [message("old")])
    original = Transaction.commit_transaction
    interfering = threading.Lock()

    def another_writer_first(self: Transaction) -> object:
        if interfering.acquire(blocking=False):  # the other writer's own commit goes through
            try:
                other.upsert("messages", [message(f"new{len(sleeps)}")])
            finally:
                interfering.release()
        return original(self)

    monkeypatch.setattr(Transaction, "commit_transaction", another_writer_first)

    with pytest.raises(CommitConflictError, match="lost 3 commit races in a row"):
        deleter.delete("messages", "message_id = 'old'")

    assert sleeps == pytest.approx([0.0005, 0.001])  # retry_delay doubling, times the jitter
    ids = deleter.read("messages", columns=["message_id"]).column("message_id").to_pylist()
    assert sorted(ids) == ["new0", "new1", "new2", "old"]
