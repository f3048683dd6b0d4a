"""The catalog store: idempotent upserts into Iceberg tables, reads and DuckDB queries.

Landing must be restartable (a crashed run redoes its window), so every write is an upsert
keyed by the table's stable ids: rows whose key exists replace the stored row, the rest are
appended, and rows repeated within one call collapse (last wins). One upsert is one Iceberg
commit (copy-on-write delete of the replaced rows plus an append), validated against the
snapshot its key lookup read; when another writer committed in between, the whole upsert is
redone on fresh metadata, so concurrent writers never lose a commit nor duplicate a key.
Deletes by row filter (re-classification, remediation) are single commits retried the same way.

pyiceberg, pyarrow and duckdb are imported inside the methods: importing this module stays
cheap for the command line and task start-up.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import itertools
import logging
import math
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from openai_connector.catalog.config import CATALOG_NAME, CatalogConfig, redact_uri
from openai_connector.catalog.keys import KeyIndex, key_strings
from openai_connector.catalog.schema import TABLES, TableSpec, table_spec
from openai_connector.errors import OpenAIConnectorError
from openai_connector.retry import RetryPolicy, attempts_made

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa
    from pyiceberg.catalog import Catalog
    from pyiceberg.expressions import BooleanExpression
    from pyiceberg.table import DataScan, FileScanTask, Table

    RowFilter = str | BooleanExpression
    RowMerge = Callable[[list[dict[str, Any]], list[dict[str, Any]]], list[dict[str, Any]]]
    Rows = pa.Table | pa.RecordBatch | Iterable[Mapping[str, Any] | pa.Table | pa.RecordBatch]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Table properties this store sets. Upserts do their own retries (they must re-read the
#: keys), so pyiceberg's blind rebase of the append is off. Appends merge small manifests, so
#: planning a scan reads a few manifests rather than one per commit ever made; each commit
#: drops the metadata files of all but the last few table versions.
_TABLE_PROPERTIES = {
    "commit.retry.num-retries": "0",
    "commit.manifest-merge.enabled": "true",
    "write.metadata.delete-after-commit.enabled": "true",
    "write.metadata.previous-versions-max": "5",
}
#: Snapshots a table keeps in its metadata. Every commit copies the whole snapshot list, so an
#: unbounded history makes each commit slower than the last (quadratic over a first run of a
#: large workspace: one commit per batch per table). Older snapshots are expired once the
#: history holds twice this many; their data files stay on disk. Nothing here reads history
#: (the ``runs`` table is the audit trail), so this only limits ad-hoc time travel. pyiceberg
#: deep-copies the metadata several times per commit: keeping 5 rather than 10 landed 50
#: batches of new messages 1.2-1.5x faster (noisy, shared machine).
SNAPSHOTS_KEPT = 5
#: Opening a new SQL catalog may lose the race to create its tables this often, see
#: :func:`_lost_catalog_creation_race`.
_OPEN_ATTEMPTS = 3
#: Longest wait between two attempts of a commit that lost the race to another writer.
COMMIT_BACKOFF_CAP = 2.0


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


class CatalogError(OpenAIConnectorError, RuntimeError):
    """A catalog operation failed for a reason the caller can act on."""


class CommitConflictError(CatalogError):
    """Other writers kept committing to the table; every retry of a write lost the race."""


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
            _concat(replaced) if replaced else None,
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
    2 s): the ``commit_retry`` policy, whose sleep and clock a test may replace.
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
        from pyiceberg.exceptions import TableAlreadyExistsError

        with_day = day_partitions_supported()
        catalog = self._catalog()
        try:
            catalog.create_namespace_if_not_exists(self.config.namespace)
        except Exception:  # another process may create it between the check and the insert
            if not catalog.namespace_exists(self.config.namespace):
                raise
        for spec in TABLES.values():
            schema = spec.iceberg_schema()
            try:
                catalog.create_table(
                    self._identifier(spec.name),
                    schema=schema,
                    partition_spec=spec.partition_spec(schema, with_day=with_day),
                    properties=_TABLE_PROPERTIES,
                )
            except TableAlreadyExistsError:
                self._evolve(catalog.load_table(self._identifier(spec.name)), spec, with_day)
        self._tables_ready = True

    @staticmethod
    def _evolve(table: Table, spec: TableSpec, with_day: bool) -> None:
        from pyiceberg.transforms import DayTransform

        if set(spec.column_names) - {field.name for field in table.schema().fields}:
            with table.update_schema() as update:
                update.union_by_name(spec.iceberg_schema())
        if any(table.properties.get(name) != value for name, value in _TABLE_PROPERTIES.items()):
            with table.transaction() as transaction:
                transaction.set_properties(_TABLE_PROPERTIES)
        partition_names = {field.name for field in table.spec().fields}
        if with_day and spec.day_column and spec.day_partition not in partition_names:
            with table.update_spec() as update:
                update.add_field(spec.day_column, DayTransform(), spec.day_partition)

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
        for chunk in _normalised_chunks(spec, rows, self.batch_rows):
            result += self._upsert_chunk(spec, chunk, merge)
        return result

    def _upsert_chunk(
        self, spec: TableSpec, data: pa.Table, merge: RowMerge | None
    ) -> UpsertResult:
        """Append the absent keys; rewrite only the files holding present ones (one commit)."""
        data = _last_row_per_key(data, spec.key)

        import pyarrow as pa
        import pyarrow.compute as pc

        def attempt(iceberg_table: Table) -> UpsertResult:
            holders = self._key_holders(iceberg_table, data, spec)
            if not holders:
                iceberg_table.append(_merged(merge, data, data.slice(0, 0)) if merge else data)
                return UpsertResult(inserted=data.num_rows, replaced=data.slice(0, 0))
            stored = read_files(iceberg_table, holders, data.schema)
            is_replaced = pc.is_in(key_strings(stored, spec.key), key_strings(data, spec.key))
            replaced = stored.filter(is_replaced)
            written = _merged(merge, data, replaced) if merge else data
            kept = stored.filter(pc.invert(is_replaced))
            replace_files(iceberg_table, holders, pa.concat_tables([kept, written]))
            inserted = data.num_rows - replaced.num_rows
            return UpsertResult(inserted, replaced.num_rows, replaced)

        return self.commit(spec.name, "upsert into", attempt)

    def _key_holders(self, table: Table, keys: pa.Table, spec: TableSpec) -> list[FileScanTask]:
        """The data files that may hold some of ``keys`` (see :mod:`.keys`)."""
        scan = table.scan(
            row_filter=_key_filter(keys, spec.key, exact=False), selected_fields=spec.key
        )
        keep = _day_pruner(table, keys, spec)
        candidates = [task for task in scan.plan_files() if keep is None or keep(task)]
        return self._key_index.lookup(table, candidates, keys, spec.key).files

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
        _trim_history(iceberg_table)
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
        holders = self._key_holders(iceberg_table, wanted, spec)
        stored = read_files(iceberg_table, holders, spec.arrow_schema())
        wanted_keys = key_strings(wanted, spec.key)
        found = stored.filter(pc.is_in(key_strings(stored, spec.key), wanted_keys))
        return found.select(selected)

    def iter_batches(
        self, table: str, row_filter: RowFilter | None = None, columns: Sequence[str] | None = None
    ) -> Iterator[pa.RecordBatch]:
        """Like :meth:`read`, streamed batch by batch so memory stays bounded."""
        yield from _file_by_file(self._scan(table, row_filter, columns))

    def count(self, table: str, row_filter: RowFilter | None = None) -> int:
        """Row count; answered from file metadata where the filter allows."""
        return self._scan(table, row_filter, None).count()

    def get_watermarks(self, workspace_id: str) -> dict[str, datetime]:
        """Stream name → watermark of one workspace (streams never landed are absent)."""
        from pyiceberg.expressions import EqualTo

        rows = self.read(
            "watermarks", EqualTo("workspace_id", workspace_id), ["stream", "watermark"]
        )
        return {row["stream"]: row["watermark"] for row in rows.to_pylist()}

    def query(self, sql: str) -> pa.Table:
        """Run DuckDB SQL over the catalog tables, addressed by their plain names.

        Every catalog table name is bound to a lazy source: only the tables the SQL reads are
        loaded (one snapshot each for the whole query) and each DuckDB scan of them is a
        fresh streaming Iceberg scan, so memory stays bounded and self-joins work. The DuckDB
        session has no file system access and never loads extensions (offline, and queries
        cannot read or write arbitrary files).
        """
        connection = sealed_duckdb()
        try:
            for name in TABLES:
                connection.register(
                    name, _LazyTableSource(functools.partial(self.iceberg_table, name))
                )
            return connection.sql(sql).to_arrow_table()
        finally:
            connection.close()

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
                self._catalog_instance = self._open_catalog()
            return self._catalog_instance

    def _open_catalog(self) -> Catalog:
        from pyiceberg.catalog import load_catalog

        if self.config.is_local:
            Path(self.config.warehouse).mkdir(parents=True, exist_ok=True)
        if self.config.catalog_uri is None:
            self.config.default_sqlite_path().parent.mkdir(parents=True, exist_ok=True)
        for attempt in itertools.count(1):
            try:
                return load_catalog(CATALOG_NAME, **self.config.catalog_properties())
            except Exception as error:
                if attempt < _OPEN_ATTEMPTS and _lost_catalog_creation_race(error):
                    log.info("another writer created the catalog tables first; opening again")
                    continue
                raise CatalogError(
                    f"cannot open the catalog at "
                    f"{redact_uri(self.config.effective_catalog_uri)}: "
                    f"{type(error).__name__}: {error}"
                ) from error

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


def _lost_catalog_creation_race(error: Exception) -> bool:
    """A new SQL catalog database opened by several writers at once: each sees no catalog
    tables and creates them, and all but one fail on PostgreSQL (duplicate table or type).
    Opening again finds the tables."""
    from sqlalchemy.exc import IntegrityError, ProgrammingError

    return isinstance(error, (IntegrityError, ProgrammingError))


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


# -- row normalisation (pure functions over Arrow data) -----------------------------------


def _normalised_chunks(spec: TableSpec, rows: Rows, batch_rows: int) -> Iterator[pa.Table]:
    """Conform the input to the table schema, in chunks of about ``batch_rows`` rows."""
    import pyarrow as pa

    if isinstance(rows, (pa.Table, pa.RecordBatch)):
        yield _conform(spec, _as_table(rows))
        return
    pending: list[pa.Table] = []
    pending_rows = 0
    dicts: list[Mapping[str, Any]] = []
    for item in rows:
        if isinstance(item, Mapping):
            dicts.append(item)
            if len(dicts) < batch_rows:
                continue
            piece = _from_dicts(spec, dicts)
            dicts = []
        elif isinstance(item, (pa.Table, pa.RecordBatch)):
            piece = _conform(spec, _as_table(item))
        else:
            raise TypeError(
                f"upsert rows must be dicts or Arrow tables/batches, got {type(item).__name__}"
            )
        pending.append(piece)
        pending_rows += piece.num_rows
        if pending_rows >= batch_rows:
            yield pa.concat_tables(pending)
            pending, pending_rows = [], 0
    if dicts:
        pending.append(_from_dicts(spec, dicts))
    if pending:
        yield pa.concat_tables(pending)


def _as_table(data: pa.Table | pa.RecordBatch) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_batches([data]) if isinstance(data, pa.RecordBatch) else data


def _from_dicts(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Columns straight in their target type when the values allow, else as inferred."""
    import pyarrow as pa

    present = {name for row in rows for name in row}
    _reject_unknown(spec, present)
    columns = {}
    for field in spec.arrow_schema():
        if field.name not in present and field.name not in spec.key:
            continue
        values = [row.get(field.name) for row in rows]
        try:
            columns[field.name] = pa.array(values, type=field.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            try:
                columns[field.name] = pa.array(values)  # _conform casts it or names the problem
            except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
                raise ValueError(f"{spec.name}.{field.name}: unusable values: {error}") from None
    return _conform(spec, pa.table(columns))


def _conform(spec: TableSpec, data: pa.Table) -> pa.Table:
    """Cast to the table's Arrow schema: add null columns, order, check keys, stamp ingested_at."""
    import pyarrow as pa
    import pyarrow.compute as pc

    _reject_unknown(spec, set(data.column_names))
    schema = spec.arrow_schema()
    arrays = []
    for target in schema:
        if target.name not in data.column_names:
            arrays.append(pa.nulls(data.num_rows, target.type))
            continue
        column = data.column(target.name)
        try:
            arrays.append(column.cast(target.type, safe=not pa.types.is_timestamp(target.type)))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as error:
            raise ValueError(
                f"{spec.name}.{target.name}: cannot convert {column.type} to {target.type}: {error}"
            ) from None
        if not target.nullable and column.null_count:
            raise ValueError(
                f"{spec.name}.{target.name}: key column has {column.null_count} null(s)"
            )
    table = pa.Table.from_arrays(arrays, schema=schema)
    ingested_at = table.column("ingested_at")
    if ingested_at.null_count:
        now = pa.scalar(datetime.now(UTC), pa.timestamp("us", tz="UTC"))
        table = table.set_column(
            schema.get_field_index("ingested_at"), schema.field("ingested_at"),
            pc.coalesce(ingested_at, now),
        )  # fmt: skip
    return table


def _reject_unknown(spec: TableSpec, names: set[str]) -> None:
    unknown = sorted(names - set(spec.column_names))
    if unknown:
        raise ValueError(
            f"unknown column(s) for table {spec.name}: {', '.join(unknown)}; "
            f"columns are: {', '.join(spec.column_names)}"
        )


def _merged(merge: RowMerge, incoming: pa.Table, stored: pa.Table) -> pa.Table:
    """The rows ``merge`` computes from the incoming and stored rows, in the incoming schema."""
    import pyarrow as pa

    return pa.Table.from_pylist(
        merge(incoming.to_pylist(), stored.to_pylist()), schema=incoming.schema
    )


def _last_row_per_key(data: pa.Table, key: tuple[str, ...]) -> pa.Table:
    """Collapse rows repeating a key within one batch; the last one wins."""
    import pyarrow as pa

    if data.num_rows < 2:
        return data
    position = pa.array(range(data.num_rows), pa.int64())
    last = (
        data.select(list(key)).append_column("__position", position)
        .group_by(list(key), use_threads=False).aggregate([("__position", "max")])
        .column("__position_max")
    )  # fmt: skip
    if len(last) == data.num_rows:
        return data
    return data.take(last.sort())


def _key_filter(data: pa.Table, key: tuple[str, ...], *, exact: bool = True) -> BooleanExpression:
    """Iceberg filter on the keys of ``data``: one term per value of the leading key columns
    (workspace_id, few distinct values, so partition pruning applies).

    ``exact`` matches the last key column with ``IN (…)``; otherwise with its min…max range,
    a superset that still prunes files by column bounds but is far cheaper for pyiceberg to
    bind than thousands of literals: meant for lookups whose result is then matched exactly.
    """
    import pyarrow as pa
    from pyiceberg.expressions import (
        AlwaysFalse,
        And,
        EqualTo,
        GreaterThanOrEqual,
        In,
        LessThanOrEqual,
        Or,
    )

    *prefix, last = key
    aggregates = [(last, "list")] if exact else [(last, "min"), (last, "max")]
    keys = data.select(list(key))
    if not prefix:  # Arrow cannot aggregate without group keys: group by a constant
        keys = keys.append_column("__all", pa.repeat(True, keys.num_rows))
    group_keys = prefix or ["__all"]
    groups = keys.group_by(group_keys, use_threads=False).aggregate(aggregates).to_pylist()
    terms = []
    for group in groups:
        if exact:
            last_term = In(last, group[f"{last}_list"])
        else:
            last_term = And(
                GreaterThanOrEqual(last, group[f"{last}_min"]),
                LessThanOrEqual(last, group[f"{last}_max"]),
            )
        terms.append(functools.reduce(And, [EqualTo(c, group[c]) for c in prefix], last_term))
    return functools.reduce(Or, terms, AlwaysFalse())


def _day_pruner(
    table: Table, data: pa.Table, spec: TableSpec
) -> Callable[[FileScanTask], bool] | None:
    """Accepts only data files whose day partition may hold ``data``'s rows, if it can tell.

    Random ids (UUIDs) span the whole key range in any batch, so key bounds alone prune
    nothing. When a key's day never changes, a stored row sits in the partition of its
    own day: files of other days cannot hold it. Files without that partition value (null
    day, or written before the table had the field) are always read. Done on the planned
    files rather than as a row filter: pyiceberg 0.12 fails to evaluate a range against
    a null partition value.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (spec.stable_day and spec.day_partition and spec.day_column in data.column_names):
        return None
    bounds = pc.min_max(data.column(spec.day_column).cast(pa.timestamp("us", tz="UTC"))).as_py()
    if bounds["min"] is None or data.column(spec.day_column).null_count:
        return None
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    first, last = ((bounds[end] - epoch).days for end in ("min", "max"))
    positions = {
        spec_id: names.index(spec.day_partition)
        for spec_id, partition_spec in table.specs().items()
        if spec.day_partition in (names := [field.name for field in partition_spec.fields])
    }

    def may_hold(task: FileScanTask) -> bool:
        position = positions.get(task.file.spec_id)
        if position is None:
            return True
        day = task.file.partition[position]
        return day is None or first <= day <= last

    return may_hold


def _trim_history(table: Table) -> None:
    """Expire all but the newest :data:`SNAPSHOTS_KEPT` snapshots once twice that many exist.

    Maintenance, not part of the write: losing a race to another writer only postpones it.
    """
    snapshots = table.metadata.snapshots
    if len(snapshots) <= 2 * SNAPSHOTS_KEPT:
        return
    newest_first = sorted(snapshots, key=lambda snapshot: snapshot.timestamp_ms, reverse=True)
    expire_snapshots(table, [snapshot.snapshot_id for snapshot in newest_first[SNAPSHOTS_KEPT:]])


def expire_snapshots(table: Table, snapshot_ids: Sequence[int]) -> None:
    """Expire these snapshots, never the current one; their files stay on disk until orphan
    removal. A commit race lost to a writer leaves them for next time."""
    from pyiceberg.exceptions import CommitFailedException

    current = table.metadata.current_snapshot_id
    expired = [snapshot_id for snapshot_id in snapshot_ids if snapshot_id != current]
    if not expired:
        return
    try:
        table.maintenance.expire_snapshots().by_ids(expired).commit()
    except CommitFailedException:
        log.debug("snapshot expiry of %s lost a commit race; retried later", table.name())
        return
    log.debug("expired %d old snapshots of %s", len(expired), table.name())


def _file_by_file(
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


def _concat(tables: Sequence[pa.Table]) -> pa.Table:
    import pyarrow as pa

    return pa.concat_tables(tables) if len(tables) > 1 else tables[0]


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
