"""The catalog store: Iceberg tables (Parquet data files) of the compliance catalog.

Importing this package is cheap (no pyiceberg, pyarrow or duckdb until a store is used), so
Airflow can parse DAG files that reference it.
"""

from openai_connector.catalog.config import CatalogConfig, CatalogConfigError
from openai_connector.catalog.format import FORMATS, write_table
from openai_connector.catalog.frames import frame
from openai_connector.catalog.schema import TABLES, Column, TableSpec
from openai_connector.catalog.store import (
    CatalogError,
    CatalogStore,
    CommitConflictError,
    UpsertResult,
)

__all__ = [
    "FORMATS",
    "TABLES",
    "CatalogConfig",
    "CatalogConfigError",
    "CatalogError",
    "CatalogStore",
    "Column",
    "CommitConflictError",
    "TableSpec",
    "UpsertResult",
    "frame",
    "write_table",
]
