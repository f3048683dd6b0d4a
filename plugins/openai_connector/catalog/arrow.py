"""Rows in, Arrow tables out: what an upsert writes, in its table's exact Arrow schema.

Pure functions over Arrow data (no Iceberg): the input (dicts, Arrow tables or batches) is
checked against the table spec, cast to its types and cut into chunks of bounded size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from openai_connector.catalog.schema import TableSpec

if TYPE_CHECKING:
    import pyarrow as pa

    Row: TypeAlias = dict[str, Any]
    RowMerge: TypeAlias = Callable[[list[Row], list[Row]], list[Row]]
    Data: TypeAlias = pa.Table | pa.RecordBatch
    Rows: TypeAlias = Data | Iterable[Mapping[str, Any] | Data]


def normalised_chunks(spec: TableSpec, rows: Rows, batch_rows: int) -> Iterator[pa.Table]:
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


def merged(merge: RowMerge, incoming: pa.Table, stored: pa.Table) -> pa.Table:
    """The rows ``merge`` computes from the incoming and stored rows, in the incoming schema."""
    import pyarrow as pa

    return pa.Table.from_pylist(
        merge(incoming.to_pylist(), stored.to_pylist()), schema=incoming.schema
    )


def last_row_per_key(data: pa.Table, key: tuple[str, ...]) -> pa.Table:
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


def concat(tables: Sequence[pa.Table]) -> pa.Table:
    import pyarrow as pa

    return pa.concat_tables(tables) if len(tables) > 1 else tables[0]
