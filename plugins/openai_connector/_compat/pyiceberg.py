"""pyiceberg internals the catalog store reads and writes chosen data files with.

pyiceberg's public API reads a whole scan (``DataScan.to_arrow``, ``to_arrow_batch_reader``)
and writes by row filter (``append``, ``overwrite``, ``delete``). The store works file by
file: it reads only the files that may hold a batch's keys, streams a scan one file at a
time, and swaps exact files in one commit (``catalog/datafiles.py``, ``catalog/keys.py``).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from pyiceberg.expressions import AlwaysTrue, BooleanExpression
from pyiceberg.io.pyarrow import ArrowScan, _dataframe_to_data_files

if TYPE_CHECKING:
    import pyarrow as pa
    from pyiceberg.io import FileIO
    from pyiceberg.manifest import DataFile
    from pyiceberg.schema import Schema
    from pyiceberg.table import Table
    from pyiceberg.table.metadata import TableMetadata


def file_reader(
    table_metadata: TableMetadata,
    io: FileIO,
    projected_schema: Schema,
    row_filter: BooleanExpression | None = None,
    *,
    case_sensitive: bool = True,
    limit: int | None = None,
) -> ArrowScan:
    """``pyiceberg.io.pyarrow.ArrowScan``: reads the ``FileScanTask``s it is handed
    (``to_table``, ``to_record_batches``), projected and filtered.

    Not in pyiceberg's documented API: ``DataScan`` builds it inside ``to_arrow``, and no
    public call reads a chosen list of tasks. Built by keyword, so a signature change
    fails here instead of shifting arguments.
    """
    return ArrowScan(
        table_metadata=table_metadata,
        io=io,
        projected_schema=projected_schema,
        row_filter=AlwaysTrue() if row_filter is None else row_filter,
        case_sensitive=case_sensitive,
        limit=limit,
    )


def write_data_files(table: Table, rows: pa.Table, write_uuid: uuid.UUID) -> list[DataFile]:
    """``pyiceberg.io.pyarrow._dataframe_to_data_files``: ``rows`` written as data files of
    the table (partitioned and sized as its properties say), not yet part of any snapshot.

    The public writes commit at once and pick the files they replace by row filter; an
    overwrite of exact files (``update_snapshot().overwrite()``) needs the new files first.
    """
    return list(
        _dataframe_to_data_files(
            table_metadata=table.metadata, df=rows, io=table.io, write_uuid=write_uuid
        )
    )
