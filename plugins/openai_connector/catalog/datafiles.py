"""Whole data files read and replaced through the pyiceberg shim (:mod:`.._compat.pyiceberg`).

Upserts rewrite only the files holding replaced keys and compaction merges small files:
both read files as they are and swap them in one overwrite commit. Streamed reads go file
by file so memory stays bounded by the largest file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa
    from pyiceberg.table import DataScan, FileScanTask, Table


def file_by_file(
    scan: DataScan, keep: Callable[[FileScanTask], bool] | None = None
) -> Iterator[pa.RecordBatch]:
    """The scan's batches, reading one data file at a time (those ``keep`` accepts).

    pyiceberg's batch reader submits every file of the scan to its thread pool at once, so a
    consumer slower than the reads ends up holding the whole result in memory; here memory
    is bounded by the largest file, whatever the table's size.
    """
    from pyiceberg.io.pyarrow import schema_to_pyarrow

    from openai_connector._compat.pyiceberg import file_reader

    projected = scan.projection()
    target = schema_to_pyarrow(projected)
    reader = file_reader(
        scan.table_metadata,
        scan.io,
        projected,
        scan.row_filter,
        case_sensitive=scan.case_sensitive,
        limit=scan.limit,
    )
    for task in scan.plan_files():
        if keep is not None and not keep(task):
            continue
        for batch in reader.to_record_batches([task]):
            yield batch.cast(target)


def read_files(table: Table, tasks: Sequence[FileScanTask], schema: pa.Schema) -> pa.Table:
    """Every row of these data files, in ``schema`` (the table spec's Arrow schema)."""
    from openai_connector._compat.pyiceberg import file_reader

    if not tasks:
        return schema.empty_table()
    rows = file_reader(table.metadata, table.io, table.schema()).to_table(list(tasks))
    return rows.select(schema.names).cast(schema)


def replace_files(table: Table, old: Sequence[FileScanTask], rows: pa.Table) -> None:
    """One overwrite commit: the ``old`` data files out, ``rows`` written as new files in."""
    import uuid

    from openai_connector._compat.pyiceberg import write_data_files

    commit_uuid = uuid.uuid4()
    new_files = write_data_files(table, rows, commit_uuid)
    with (
        table.transaction() as transaction,
        transaction.update_snapshot().overwrite(commit_uuid) as overwrite,
    ):
        for task in old:
            overwrite.delete_data_file(task.file)
        for data_file in new_files:
            overwrite.append_data_file(data_file)
