"""The Iceberg SQL catalog on PostgreSQL: opened by many writers at once, racing commits."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pyiceberg.catalog.sql import SqlCatalog

from openai_connector.catalog import CatalogConfig, CatalogStore, UpsertResult
from tests.catalog.rows import MessageFactory


def _store(url: str, warehouse: Path) -> CatalogStore:
    """A store of its own (own engine and connections), as each worker process has."""
    return CatalogStore(CatalogConfig(str(warehouse), catalog_uri=url), retry_delay=0.001)


def test_a_new_catalog_opened_by_two_writers_at_once(
    new_database: Callable[[str], str],
    tmp_path: Path,
    message: MessageFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both writers find no catalog tables and create them together; one loses that race."""
    barrier = threading.Barrier(2, timeout=30)
    create_tables = SqlCatalog.create_tables

    def create_together(catalog: SqlCatalog) -> None:
        barrier.wait()
        create_tables(catalog)

    monkeypatch.setattr(SqlCatalog, "create_tables", create_together)
    url = new_database("catalog")
    stores = [_store(url, tmp_path / "warehouse") for _ in range(2)]

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(store.upsert, "messages", [message(f"m{number}")])
            for number, store in enumerate(stores)
        ]
        results = [future.result(timeout=60) for future in futures]

    assert results == [UpsertResult(inserted=1)] * 2
    assert stores[0].count("messages") == 2


@pytest.mark.usefixtures("racing_commits")
def test_racing_upserts_both_land(
    new_database: Callable[[str], str],
    tmp_path: Path,
    message: MessageFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = new_database("catalog")
    first, second = (_store(url, tmp_path / "warehouse") for _ in range(2))
    first.ensure_tables()
    second.ensure_tables()
    caplog.set_level(logging.WARNING, logger="openai_connector.catalog.store")

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(first.upsert, "messages", [message(f"a{i}") for i in range(30)]),
            pool.submit(second.upsert, "messages", [message(f"b{i}") for i in range(30)]),
        ]
        results = [future.result(timeout=60) for future in futures]

    assert results == [UpsertResult(inserted=30)] * 2
    assert first.count("messages") == 60
    assert "commit conflict on messages" in caplog.text
