"""Streamed reads hold one data file at a time, whatever the size of the table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyarrow as pa
import pytest
from pyiceberg.io.pyarrow import ArrowScan

from openai_connector.catalog import CatalogStore

from .rows import MessageFactory


def test_batches_are_read_one_data_file_at_a_time(
    store: CatalogStore, message: MessageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3):
        store.upsert("messages", [message(f"m{number}")])  # a data file per commit
    requested: list[int] = []
    read = ArrowScan.to_record_batches

    def spy(scan: ArrowScan, tasks: Iterable[object]) -> Iterator[pa.RecordBatch]:
        tasks = list(tasks)
        requested.append(len(tasks))
        return read(scan, tasks)  # type: ignore[arg-type]

    monkeypatch.setattr(ArrowScan, "to_record_batches", spy)
    batches = store.iter_batches("messages", columns=["message_id"])
    first = next(batches)
    assert requested == [1]
    rest = list(batches)
    assert requested == [1, 1, 1]
    assert first.schema.names == ["message_id"]
    ids = [i for batch in (first, *rest) for i in batch.column("message_id").to_pylist()]
    assert sorted(ids) == ["m0", "m1", "m2"]
