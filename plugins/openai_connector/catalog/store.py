"""The catalog store: idempotent upserts into Iceberg tables, reads and DuckDB queries.

Landing must be restartable (a crashed run redoes its window), so every write is an upsert
keyed by the table's stable ids: rows whose key exists replace the stored row, the rest are
appended, and rows repeated within one call collapse (last wins). One upsert is one Iceberg
commit (copy-on-write delete of the replaced rows plus an append), validated against the
snapshot its key lookup read; when another writer committed in between, the whole upsert is
redone on fresh metadata, so concurrent writers never lose a commit nor duplicate a key.
Deletes by row filter (re-classification, remediation) are single commits retried the same way.

:class:`CatalogStore` is the one facade callers use; the work is done by the modules beside
it: :mod:`.evolution` (creating and evolving tables), :mod:`.arrow` (input rows to the
table's Arrow schema), :mod:`.lookups` and :mod:`.keys` (which files hold a batch's keys),
:mod:`.datafiles` (reading and replacing data files), :mod:`.maintenance` (history expiry),
:mod:`.query` (DuckDB) and :mod:`.connection` (opening the catalog).

pyiceberg, pyarrow and duckdb are imported inside the functions: importing this module stays
cheap for the command line and task start-up.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from openai_connector.catalog import evolution
from openai_connector.catalog.arrow import concat, last_row_per_key, merged, normalised_chunks
from openai_connector.catalog.config import CatalogConfig
from openai_connector.catalog.connection import open_catalog
from openai_connector.catalog.datafiles import file_by_file, read_files, replace_files
from openai_connector.catalog.errors import CatalogError, CommitConflictError
from openai_connector.catalog.keys import KeyIndex, key_strings
from openai_connector.catalog.lookups import key_holders
from openai_connector.catalog.maintenance import trim_history
from openai_connector.catalog.query import run_query
from openai_connector.catalog.schema import TableSpec, table_spec
from openai_connector.retry import RetryPolicy, attempts_made

if TYPE_CHECKING:
    import pyarrow as pa
    from pyiceberg.catalog import Catalog
    from pyiceberg.expressions import BooleanExpression
    from pyiceberg.table import DataScan, Table

    from openai_connector.catalog.arrow import RowMerge, Rows

    RowFilter = str | BooleanExpression

__all__ = ["CatalogError", "CatalogStore", "CommitConflictError", "UpsertResult"]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Opening a new SQL catalog may lose the race to create its tables this often, see
#: :mod:`.connection`.
_OPEN_ATTEMPTS = 3
#: Longest wait between two attempts of a commit that lost the race to another writer.
COMMIT_BACKOFF_CAP = 2.0


@dataclass(frozen=True)
class UpsertResult:
    """Rows that were new (inserted) and rows that replaced a stored row (updated)."""

    inserted: int = 0
    updated: int = 0
    replaced: pa.Table | None = dataclasses.field(default=None, compare=False, repr=False)
    """The stored rows the upsert replaced (all columns)."""

    def __add__(self, other: UpsertResult) -> UpsertResult:
        replaced = [part for part in (self.replaced, other.replaced) if part is not None]
        return UpsertResult(
            self.inserted + other.inserted,
            self.updated + other.updated,
            concat(replaced) if replaced else None,
        )

    @property
    def total(self) -> int:
        return self.inserted + self.updated

    def replaced_rows(self, columns: Sequence[str]) -> list[dict[str, Any]]:
        """These ``columns`` of the stored rows the upsert replaced."""
        return [] if self.replaced is None else self.replaced.select(list(columns)).to_pylist()


class CatalogStore:
    """The catalog tables of one namespace. Thread-safe; the catalog is opened on first use.

    ``batch_rows`` bounds memory of :meth:`upsert`: an iterable input is committed in chunks
    of about that many rows. ``commit_attempts`` and ``retry_delay`` bound the conflict
    retries (exponential backoff with full jitter, from ``retry_delay`` seconds, capped at
    2 s): the ``commit_retry`` policy, whose sleep and clock a test may replace, as they may
    those of ``open_retry`` (opening a new catalog database that others create at once).
    """

    def __init__(
        self,
        config: CatalogConfig,
        *,
        batch_rows: int = 50_000,
        commit_attempts: int = 10,
        retry_delay: float = 0.05,
    ) -> None:
        self.config = config
        self.batch_rows = batch_rows
        self.commit_retry = RetryPolicy(
            max_attempts=commit_attempts,
            initial_backoff=retry_delay,
            max_backoff=COMMIT_BACKOFF_CAP,
            max_total=math.inf,
        )
        self.open_retry = RetryPolicy(
            max_attempts=_OPEN_ATTEMPTS,
            initial_backoff=retry_delay,
            max_backoff=COMMIT_BACKOFF_CAP,
            max_total=math.inf,
        )
        self._lock = threading.Lock()
        self._setup_lock = threading.Lock()
        self._catalog_instance: Catalog | None = None
        self._tables_ready = False
        self._key_index = KeyIndex()

    def __repr__(self) -> str:
        return f"CatalogStore({self.config!r})"

    # -- setup -----------------------------------------------------------------------------

    def ensure_tables(self) -> None:
        """Create the namespace and missing tables; bring older tables up to the declared
        columns and partitioning (schema and partition evolution; existing files stay)."""
        evolution.ensure_tables(self._catalog(), self.config.namespace)
        self._tables_ready = True

    # -- writes ----------------------------------------------------------------------------

    def upsert(self, table: str, rows: Rows, *, merge: RowMerge | None = None) -> UpsertResult:
        """Insert or replace ``rows`` by the table key; see the module docstring.

        ``rows`` is an Arrow table or batch, an iterable of dicts, or an iterable of Arrow
        tables/batches (e.g. a ``RecordBatchReader``) that is committed in chunks of about
        ``batch_rows`` rows, keeping memory bounded. Missing nullable columns become null,
        ``ingested_at`` defaults to now, unknown columns raise ``ValueError``. Each chunk is
        its own commit, so a key repeated in a later chunk counts as inserted, then updated.

        ``merge(incoming, stored)`` computes the rows written (dicts) from the incoming rows
        and the stored rows of those of their keys the table holds, read in the same attempt
        as the commit: a read-modify-write that cannot lose a concurrent writer's update. The
        result's ``replaced`` holds the stored rows that were replaced.
        """
        spec = table_spec(table)
        result = UpsertResult()
        for chunk in normalised_chunks(spec, rows, self.batch_rows):
            result += self._upsert_chunk(spec, chunk, merge)
        return result

    def _upsert_chunk(
        self, spec: TableSpec, data: pa.Table, merge: RowMerge | None
    ) -> UpsertResult:
        """Append the absent keys; rewrite only the files holding present ones (one commit)."""
        data = last_row_per_key(data, spec.key)

        import pyarrow as pa
        import pyarrow.compute as pc

        def attempt(iceberg_table: Table) -> UpsertResult:
            holders = key_holders(iceberg_table, data, spec, self._key_index)
            if not holders:
                iceberg_table.append(merged(merge, data, data.slice(0, 0)) if merge else data)
                return UpsertResult(inserted=data.num_rows, replaced=data.slice(0, 0))
            stored = read_files(iceberg_table, holders, data.schema)
            is_replaced = pc.is_in(key_strings(stored, spec.key), key_strings(data, spec.key))
            replaced = stored.filter(is_replaced)
            written = merged(merge, data, replaced) if merge else data
            kept = stored.filter(pc.invert(is_replaced))
            replace_files(iceberg_table, holders, pa.concat_tables([kept, written]))
            inserted = data.num_rows - replaced.num_rows
            return UpsertResult(inserted, replaced.num_rows, replaced)

        return self.commit(spec.name, "upsert into", attempt)

    def delete(self, table: str, row_filter: RowFilter) -> None:
        """Delete the rows matching ``row_filter`` (pyiceberg expression or filter string).

        One commit (copy-on-write: files with matching rows are rewritten without them),
        redone on fresh metadata when another writer committed in between, like an upsert.
        A filter that matches nothing changes nothing (pyiceberg warns about it).
        """

        def attempt(iceberg_table: Table) -> None:
            iceberg_table.delete(row_filter)

        self.commit(table, "delete from", attempt)

    def commit(self, table: str, operation: str, attempt: Callable[[Table], _T]) -> _T:
        """Run ``attempt`` on fresh table metadata until its commit wins the race (bounded)."""
        from pyiceberg.exceptions import CommitFailedException, ValidationException

        lost_race = (CommitFailedException, ValidationException)

        def log_conflict(_error: BaseException, number: int, delay: float) -> None:
            log.warning(
                "commit conflict on %s (attempt %d/%d), retrying in %.2fs",
                table, number, self.commit_retry.max_attempts, delay,
            )  # fmt: skip

        def on_fresh_metadata() -> tuple[Table, _T]:
            iceberg_table = self.iceberg_table(table)
            return iceberg_table, attempt(iceberg_table)

        retrying = self.commit_retry.retrying(lambda e: isinstance(e, lost_race), log_conflict)
        try:
            iceberg_table, result = retrying(on_fresh_metadata)
        except lost_race as error:
            raise CommitConflictError(
                f"{operation} {table} lost {attempts_made(retrying)} commit races in a row; "
                "too many concurrent writers"
            ) from error
        trim_history(iceberg_table)
        return result

    def set_watermark(self, workspace_id: str, stream: str, value: datetime, run_id: str) -> None:
        """Record how far ``stream`` was landed; call only after its data is committed."""
        if value.tzinfo is None:
            raise ValueError("watermark must be timezone-aware (UTC)")
        now = datetime.now(UTC)
        row = {
            "workspace_id": workspace_id, "stream": stream, "watermark": value,
            "updated_at": now, "run_id": run_id, "ingested_at": now,
        }  # fmt: skip
        self.upsert("watermarks", [row])

    # -- reads -----------------------------------------------------------------------------

    def read(
        self, table: str, row_filter: RowFilter | None = None, columns: Sequence[str] | None = None
    ) -> pa.Table:
        """The rows matching ``row_filter`` (pyiceberg syntax, e.g. ``"status = 'active'"``)."""
        return self._scan(table, row_filter, columns).to_arrow()

    def read_keys(self, table: str, keys: Rows, columns: Sequence[str] | None = None) -> pa.Table:
        """The stored rows whose key is among ``keys`` (rows holding at least the key columns).

        For lookups of many keys at once, e.g. a batch's conversations: an ``IN`` filter of
        thousands of ids is slow for pyiceberg to bind and prunes no file when ids are random.
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        spec = table_spec(table)
        wanted = keys if isinstance(keys, pa.Table) else pa.Table.from_pylist(list(keys))
        selected = list(columns) if columns else list(spec.column_names)
        iceberg_table = self.iceberg_table(table)
        if not wanted.num_rows:
            return spec.arrow_schema().empty_table().select(selected)
        holders = key_holders(iceberg_table, wanted, spec, self._key_index)
        stored = read_files(iceberg_table, holders, spec.arrow_schema())
        wanted_keys = key_strings(wanted, spec.key)
        found = stored.filter(pc.is_in(key_strings(stored, spec.key), wanted_keys))
        return found.select(selected)

    def iter_batches(
        self, table: str, row_filter: RowFilter | None = None, columns: Sequence[str] | None = None
    ) -> Iterator[pa.RecordBatch]:
        """Like :meth:`read`, streamed batch by batch so memory stays bounded."""
        yield from file_by_file(self._scan(table, row_filter, columns))

    def count(self, table: str, row_filter: RowFilter | None = None) -> int:
        """Row count; answered from file metadata where the filter allows."""
        return self._scan(table, row_filter, None).count()

    def get_watermarks(self, workspace_id: str) -> dict[str, datetime]:
        """Stream name → watermark of one workspace (streams never landed are absent)."""
        from pyiceberg.expressions import EqualTo

        # Typed by its pydantic fields, not its (term, value) constructor (iceberg-python 3101).
        this_workspace = EqualTo("workspace_id", workspace_id)  # type: ignore[call-arg, arg-type]
        rows = self.read("watermarks", this_workspace, ["stream", "watermark"])
        return {row["stream"]: row["watermark"] for row in rows.to_pylist()}

    def query(self, sql: str) -> pa.Table:
        """Run DuckDB SQL over the catalog tables, addressed by their plain names.

        See :mod:`.query`: only the tables the SQL reads are loaded, memory stays bounded,
        and the DuckDB session can touch nothing else.
        """
        return run_query(sql, self.iceberg_table)

    def iceberg_table(self, table: str) -> Table:
        """The pyiceberg table with fresh metadata (for inspection and maintenance jobs);
        creates the tables on first use."""
        table_spec(table)
        with self._setup_lock:
            if not self._tables_ready:
                self.ensure_tables()
        return self._catalog().load_table(self._identifier(table))

    # -- internals -------------------------------------------------------------------------

    def _catalog(self) -> Catalog:
        with self._lock:
            if self._catalog_instance is None:
                self._catalog_instance = open_catalog(self.config, self.open_retry)
            return self._catalog_instance

    def _identifier(self, table: str) -> tuple[str, str]:
        return (self.config.namespace, table)

    def _scan(
        self, table: str, row_filter: RowFilter | None, columns: Sequence[str] | None
    ) -> DataScan:
        from pyiceberg.expressions import AlwaysTrue

        spec = table_spec(table)
        unknown = sorted(set(columns or ()) - set(spec.column_names))
        if unknown:
            raise ValueError(f"table {table} has no columns {unknown}")
        return self.iceberg_table(table).scan(
            row_filter=AlwaysTrue() if row_filter is None else row_filter,
            selected_fields=tuple(columns) if columns else ("*",),
        )
