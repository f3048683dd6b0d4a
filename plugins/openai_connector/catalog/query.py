"""DuckDB SQL over the catalog tables, in a session that can touch nothing else.

Every catalog table name is bound to a lazy source: only the tables the SQL reads are
loaded (one snapshot each for the whole query) and each DuckDB scan of them is a fresh
streaming Iceberg scan, so memory stays bounded and self-joins work. The DuckDB session has
no file system access and never loads extensions (offline, and queries cannot read or write
arbitrary files).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from openai_connector.catalog.schema import TABLES

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa
    from pyiceberg.table import Table


def run_query(sql: str, load_table: Callable[[str], Table]) -> pa.Table:
    """Run ``sql`` over the catalog tables (plain names), each loaded by ``load_table``."""
    connection = sealed_duckdb()
    try:
        for name in TABLES:
            connection.register(name, _LazyTableSource(functools.partial(load_table, name)))
        return connection.sql(sql).to_arrow_table()
    finally:
        connection.close()


def sealed_duckdb() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB session without file system access that never loads extensions
    (offline, and SQL cannot read or write arbitrary files)."""
    import duckdb

    return duckdb.connect(
        config={
            "enable_external_access": False,
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        }
    )


class _LazyTableSource:
    """An Arrow C stream DuckDB may open several times: one Iceberg scan each, all of the
    snapshot current when the query first touched the table."""

    def __init__(self, load: Callable[[], Table]) -> None:
        self._load = load
        self._table: Table | None = None

    def __arrow_c_stream__(self, requested_schema: object = None) -> object:
        if self._table is None:
            self._table = self._load()
        reader = self._table.scan().to_arrow_batch_reader()
        return reader.__arrow_c_stream__(requested_schema)
