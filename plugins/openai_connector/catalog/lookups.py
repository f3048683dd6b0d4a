"""Which stored data files may hold a batch's keys: what upserts and key reads scan.

Planning narrows the table's files by an Iceberg filter on the keys (partition and column
bounds) and by the day partition when a key's day never changes; the key index
(:mod:`.keys`) then keeps only the files that may really hold one of the keys.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from openai_connector.catalog.keys import KeyIndex
from openai_connector.catalog.schema import TableSpec

if TYPE_CHECKING:
    import pyarrow as pa
    from pyiceberg.expressions import BooleanExpression
    from pyiceberg.table import FileScanTask, Table


def key_holders(
    table: Table, keys: pa.Table, spec: TableSpec, index: KeyIndex
) -> list[FileScanTask]:
    """The data files that may hold some of ``keys``."""
    scan = table.scan(row_filter=key_filter(keys, spec.key, exact=False), selected_fields=spec.key)
    keep = day_pruner(table, keys, spec)
    candidates = [task for task in scan.plan_files() if keep is None or keep(task)]
    return index.lookup(table, candidates, keys, spec.key).files


def key_filter(data: pa.Table, key: tuple[str, ...], *, exact: bool = True) -> BooleanExpression:
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
    # pyiceberg types its predicates by their pydantic fields, not by their (term, value)
    # constructors (iceberg-python issue 3101): hence the ignores.
    terms: list[BooleanExpression] = []
    for group in groups:
        last_term: BooleanExpression
        if exact:
            last_term = In(last, group[f"{last}_list"])  # type: ignore[call-arg, arg-type]
        else:
            last_term = And(
                GreaterThanOrEqual(last, group[f"{last}_min"]),  # type: ignore[call-arg, arg-type]
                LessThanOrEqual(last, group[f"{last}_max"]),  # type: ignore[call-arg, arg-type]
            )
        equal = [EqualTo(c, group[c]) for c in prefix]  # type: ignore[call-arg, arg-type]
        terms.append(functools.reduce(And, equal, last_term))
    nothing: BooleanExpression = AlwaysFalse()
    return functools.reduce(Or, terms, nothing)


def day_pruner(
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
