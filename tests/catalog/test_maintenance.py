"""Maintenance on a real Iceberg catalog: fewer files, every live row kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogStore
from openai_connector.catalog.maintenance import maintain
from openai_connector.cli.main import main

from .rows import MessageFactory


def test_maintenance_compacts_and_removes_orphans_keeping_every_row(
    store: CatalogStore, message: MessageFactory
) -> None:
    day = datetime(2026, 7, 15, 9, tzinfo=UTC)
    for batch in range(12):  # small commits, and re-landings that rewrite files
        rows = [message(f"m{batch}-{n}", created_at=day + timedelta(hours=n % 2)) for n in range(5)]
        store.upsert("messages", rows)
        store.upsert("messages", [message(f"m{batch // 2}-0", text=f"edit {batch}")])
    before = store.read("messages").sort_by("message_id")

    (report,) = maintain(store, ["messages"], orphan_grace=timedelta(0))

    assert store.read("messages").sort_by("message_id").equals(before)
    assert report.data_files_after == 1 < report.data_files_before
    assert report.orphans_removed > 0
    assert report.files_after < report.files_before
    # a second pass finds nothing more to do, and later upserts still see every key
    (again,) = maintain(store, ["messages"], orphan_grace=timedelta(0))
    assert (again.data_files_after, again.orphans_removed) == (1, 0)
    assert store.upsert("messages", [message("m0-0", text="after")]).updated == 1
    assert store.count("messages") == before.num_rows


def test_recent_unreferenced_files_are_kept(store: CatalogStore, message: MessageFactory) -> None:
    """A concurrent writer's files are not referenced until it commits: the grace period
    keeps them."""
    for number in range(3):
        store.upsert("messages", [message("m1", text=f"v{number}")])

    (report,) = maintain(store, ["messages"])

    assert report.orphans_removed == 0
    assert store.read("messages", columns=["text"]).to_pylist() == [{"text": "v2"}]


def test_maintain_command_prints_files_before_and_after(
    warehouse: Path,
    store: CatalogStore,
    message: MessageFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for number in range(4):
        store.upsert("messages", [message(f"m{number}")])
    monkeypatch.setenv("OPENAI_CONNECTOR_WAREHOUSE", str(warehouse))

    assert main(["catalog", "maintain", "messages", "--orphan-grace-hours", "0"]) == 0

    header, row = capsys.readouterr().out.splitlines()[-2:]
    assert header.split()[:3] == ["table", "files", "before"]
    name, _, _, data_before, data_after, _ = row.split()
    assert (name, data_before, data_after) == ("messages", "4", "1")
    assert store.count("messages") == 4
    assert main(["catalog", "maintain", "no_such_table"]) == 2
