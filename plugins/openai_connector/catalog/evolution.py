"""Creating the catalog's tables, and bringing tables written by older versions up to date.

Tables are never recreated: columns the code declares and a table lacks are added (schema
evolution), and a table created before it could be partitioned by day gains the day
partition (partition evolution). Existing data files stay as they are.
"""

from __future__ import annotations

import importlib.util
import logging
from typing import TYPE_CHECKING

from openai_connector.catalog.schema import TABLES, TableSpec

if TYPE_CHECKING:
    from pyiceberg.catalog import Catalog
    from pyiceberg.table import Table

log = logging.getLogger(__name__)

#: Table properties the store relies on. Upserts do their own retries (they must re-read the
#: keys), so pyiceberg's blind rebase of the append is off. Appends merge small manifests, so
#: planning a scan reads a few manifests rather than one per commit ever made; each commit
#: drops the metadata files of all but the last few table versions.
TABLE_PROPERTIES = {
    "commit.retry.num-retries": "0",
    "commit.manifest-merge.enabled": "true",
    "write.metadata.delete-after-commit.enabled": "true",
    "write.metadata.previous-versions-max": "5",
}


def day_partitions_supported() -> bool:
    """Writing day-partitioned files needs pyiceberg's Rust transforms (``pyiceberg-core``).

    Without them tables are partitioned by workspace only, and gain the day partition by
    partition evolution once the package is installed.
    """
    supported = importlib.util.find_spec("pyiceberg_core") is not None
    if not supported:
        log.warning(
            "pyiceberg-core is not installed: catalog tables are partitioned by workspace only"
        )
    return supported


def ensure_tables(catalog: Catalog, namespace: str) -> None:
    """Create ``namespace`` and the missing tables; evolve the existing ones."""
    from pyiceberg.exceptions import TableAlreadyExistsError

    with_day = day_partitions_supported()
    try:
        catalog.create_namespace_if_not_exists(namespace)
    except Exception:  # another process may create it between the check and the insert
        if not catalog.namespace_exists(namespace):
            raise
    for spec in TABLES.values():
        schema = spec.iceberg_schema()
        try:
            catalog.create_table(
                (namespace, spec.name),
                schema=schema,
                partition_spec=spec.partition_spec(schema, with_day=with_day),
                properties=TABLE_PROPERTIES,
            )
        except TableAlreadyExistsError:
            evolve(catalog.load_table((namespace, spec.name)), spec, with_day)


def evolve(table: Table, spec: TableSpec, with_day: bool) -> None:
    """Add ``spec``'s missing columns, the store's properties and (``with_day``) the day
    partition to an existing table."""
    from pyiceberg.transforms import DayTransform

    if set(spec.column_names) - {field.name for field in table.schema().fields}:
        with table.update_schema() as update:
            update.union_by_name(spec.iceberg_schema())
    if any(table.properties.get(name) != value for name, value in TABLE_PROPERTIES.items()):
        with table.transaction() as transaction:
            transaction.set_properties(TABLE_PROPERTIES)
    partition_names = {field.name for field in table.spec().fields}
    if with_day and spec.day_column and spec.day_partition not in partition_names:
        with table.update_spec() as update:
            update.add_field(spec.day_column, DayTransform(), spec.day_partition)
