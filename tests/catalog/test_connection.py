"""Opening the catalog: a lost race to create a new catalog database is retried on the
store's ``open_retry`` policy (the project's one retry mechanism); other failures are not."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pyiceberg.catalog
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from openai_connector.catalog import CatalogConfig, CatalogError, CatalogStore


def _store(warehouse: Path, sleeps: list[float]) -> CatalogStore:
    store = CatalogStore(CatalogConfig(str(warehouse)))
    store.open_retry = dataclasses.replace(store.open_retry, sleep=sleeps.append, random=lambda: 1)
    return store


def _losing(times: int, error: Exception, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the first ``times`` opens fail with ``error``, as if another writer won; the
    later ones open the real catalog. Returns the log of the opens."""
    real = pyiceberg.catalog.load_catalog
    opens: list[str] = []

    def load_catalog(name: str, **properties: str) -> pyiceberg.catalog.Catalog:
        opens.append(name)
        if len(opens) <= times:
            raise error
        return real(name, **properties)

    monkeypatch.setattr(pyiceberg.catalog, "load_catalog", load_catalog)
    return opens


def _duplicate_table() -> IntegrityError:
    return IntegrityError("CREATE TABLE iceberg_tables", {}, Exception("duplicate key value"))


def test_a_lost_creation_race_is_retried_on_the_policy_and_the_catalog_opens(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="openai_connector.catalog.connection")
    sleeps: list[float] = []
    store = _store(warehouse, sleeps)
    opens = _losing(2, _duplicate_table(), monkeypatch)

    assert store.count("messages") == 0
    assert len(opens) == 3
    assert sleeps == [store.open_retry.backoff(1), store.open_retry.backoff(2)]
    assert caplog.text.count("another writer created the catalog tables first") == 2


def test_a_race_lost_on_every_attempt_is_a_catalog_error(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[float] = []
    store = _store(warehouse, sleeps)
    opens = _losing(99, _duplicate_table(), monkeypatch)

    with pytest.raises(CatalogError, match=r"cannot open the catalog at .*IntegrityError"):
        store.count("messages")
    assert len(opens) == store.open_retry.max_attempts == 3
    assert len(sleeps) == 2


def test_any_other_failure_is_reported_at_once(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[float] = []
    store = _store(warehouse, sleeps)
    unreachable = OperationalError("connect", {}, Exception("connection refused"))
    opens = _losing(1, unreachable, monkeypatch)

    with pytest.raises(CatalogError, match="OperationalError"):
        store.count("messages")
    assert (len(opens), sleeps) == (1, [])
