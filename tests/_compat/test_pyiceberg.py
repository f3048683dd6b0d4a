"""Contract: pyiceberg reads chosen data files and writes uncommitted ones."""

from __future__ import annotations

import uuid
from pathlib import Path

import pyarrow as pa
import pytest
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.expressions import EqualTo
from pyiceberg.table import Table

from openai_connector._compat.pyiceberg import file_reader, write_data_files
from openai_connector.catalog.datafiles import replace_files
from tests._compat.contract import contract

SCHEMA = pa.schema([pa.field("id", pa.string()), pa.field("n", pa.int64())])


def rows(*pairs: tuple[str, int]) -> pa.Table:
    return pa.Table.from_pylist([{"id": i, "n": n} for i, n in pairs], schema=SCHEMA)


@pytest.fixture
def table(tmp_path: Path) -> Table:
    """A table of two data files: one per append."""
    catalog = SqlCatalog(
        "contract", uri=f"sqlite:///{tmp_path}/catalog.db", warehouse=tmp_path.as_uri()
    )
    catalog.create_namespace("ns")
    table = catalog.create_table("ns.t", schema=SCHEMA)
    table.append(rows(("a", 1), ("b", 2)))
    table.append(rows(("c", 1)))
    return table


def test_reads_exactly_the_files_it_is_handed(table: Table) -> None:
    tasks = sorted(table.scan().plan_files(), key=lambda task: task.file.record_count)
    with contract("pyiceberg", "pyiceberg.file_reader"):
        reader = file_reader(table.metadata, table.io, table.schema())
        assert reader.to_table(tasks[:1]).to_pylist() == [{"id": "c", "n": 1}]
        assert reader.to_table(tasks).num_rows == 3


def test_projects_filters_and_limits(table: Table) -> None:
    tasks = list(table.scan().plan_files())
    with contract("pyiceberg", "pyiceberg.file_reader"):
        reader = file_reader(table.metadata, table.io, table.schema().select("id"), EqualTo("n", 1))
        batches = list(reader.to_record_batches(tasks))
        assert sorted(id_ for batch in batches for id_ in batch.column("id").to_pylist()) == [
            "a",
            "c",
        ]
        assert all(batch.schema.names == ["id"] for batch in batches)
        limited = file_reader(table.metadata, table.io, table.schema(), limit=1)
        assert limited.to_table(tasks).num_rows == 1


def test_written_files_are_outside_the_table_until_committed(table: Table) -> None:
    with contract("pyiceberg", "pyiceberg.write_data_files"):
        new_files = write_data_files(table, rows(("z", 9), ("y", 8)), uuid.uuid4())
        assert sum(data_file.record_count for data_file in new_files) == 2
        assert all(table.io.new_input(data_file.file_path).exists() for data_file in new_files)
        assert table.scan().to_arrow().num_rows == 3


def test_exact_files_are_swapped_in_one_commit(table: Table) -> None:
    """How the store uses the written files: an overwrite naming the files it replaces."""
    old = list(table.scan().plan_files())
    snapshots = len(table.metadata.snapshots)
    with contract("pyiceberg", "pyiceberg.write_data_files"):
        replace_files(table, old, rows(("z", 9)))
        assert table.scan().to_arrow().to_pylist() == [{"id": "z", "n": 9}]
        assert len(table.metadata.snapshots) == snapshots + 1
