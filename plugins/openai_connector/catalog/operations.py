"""What the pipeline, remediation, alerts and reports ask of the catalog, named by intent.

Callers pass plain values (ids, statuses, column names) and get rows back as dicts; the
Iceberg row filters are built here, so a schema or engine change is made in the catalog, not
in its callers. Importing this module is cheap: pyiceberg loads when an operation runs.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa
    from pyiceberg.expressions import BooleanExpression

    from openai_connector.catalog.store import CatalogStore

Row = dict[str, Any]
#: A column's wanted value: equal to a single value, one of a collection of values, or null.
Wanted = str | bool | Collection[str] | None
#: Ids per read when streaming by an ``IN`` filter: pyiceberg is slow to bind thousands.
IDS_PER_SCAN = 500


# -- pipeline ------------------------------------------------------------------------------


def pending_files(store: CatalogStore, workspace_id: str) -> list[Row]:
    """The workspace's files still to fetch (status ``pending``), all columns."""
    return _rows(store, "files", workspace_id=workspace_id, status="pending")


def delete_findings_of(
    store: CatalogStore, workspace_id: str, object_types: Iterable[str], object_ids: Iterable[str]
) -> None:
    """Delete the findings of these objects (of any of ``object_types``); one commit."""
    store.delete(
        "findings",
        _where(
            workspace_id=workspace_id, object_type=list(object_types), object_id=list(object_ids)
        ),
    )


def messages_of(
    store: CatalogStore, workspace_id: str, conversation_ids: Iterable[str], columns: Sequence[str]
) -> Iterator[Row]:
    """The ``columns`` of the messages of these conversations, streamed (bounded memory)."""
    ids = sorted(set(conversation_ids))
    for start in range(0, len(ids), IDS_PER_SCAN):
        row_filter = _where(
            workspace_id=workspace_id, conversation_id=ids[start : start + IDS_PER_SCAN]
        )
        for batch in store.iter_batches("messages", row_filter, columns):
            yield from batch.to_pylist()


def conversations_without_rollup(store: CatalogStore, workspace_id: str) -> list[str]:
    """Ids of the workspace's conversations whose roll-up columns were never computed."""
    rows = _rows(
        store, "conversations", ["conversation_id"], workspace_id=workspace_id, message_count=None
    )
    return [row["conversation_id"] for row in rows]


# -- lookups in any table ------------------------------------------------------------------


def rows_by_key(
    store: CatalogStore,
    table: str,
    column: str,
    ids: Iterable[str],
    columns: Sequence[str],
    **key: str,
) -> list[Row]:
    """The ``columns`` of the stored rows whose key is ``key`` (its leading columns, e.g. the
    workspace) with one of ``ids`` in ``column``: a key lookup, far cheaper than an ``IN``
    filter for many random ids."""
    keys = [{**key, column: value} for value in ids]
    if not keys:
        return []
    return store.read_keys(table, keys, columns).to_pylist()


def known_ids(
    store: CatalogStore, table: str, column: str, ids: Iterable[str], **key: str
) -> set[str]:
    """Those of ``ids`` the table holds under ``key`` (see :func:`rows_by_key`)."""
    return {row[column] for row in rows_by_key(store, table, column, ids, [column], **key)}


def rows_of(
    store: CatalogStore, table: str, workspace_id: str, column: str, ids: Iterable[str]
) -> list[Row]:
    """The workspace's rows of ``table`` whose ``column`` is one of ``ids``, all columns."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    return _rows(store, table, workspace_id=workspace_id, **{column: wanted})


def update_rows(
    store: CatalogStore,
    table: str,
    workspace_id: str,
    column: str,
    ids: Iterable[str],
    values: Mapping[str, Any],
    run_id: str,
) -> int:
    """Set ``values`` on the workspace's rows whose ``column`` is one of ``ids``, stamped with
    ``run_id``; rows already so are not rewritten (idempotent). Returns the rows rewritten."""
    stale = [
        row
        for row in rows_of(store, table, workspace_id, column, ids)
        if any(row[name] != value for name, value in values.items())
    ]
    if stale:
        now = datetime.now(UTC)
        store.upsert(
            table, [{**row, **values, "run_id": run_id, "ingested_at": now} for row in stale]
        )
    return len(stale)


# -- remediation ---------------------------------------------------------------------------


def findings_matching(
    store: CatalogStore,
    workspace_id: str,
    severities: Collection[str],
    entity_types: Collection[str],
    columns: Sequence[str],
) -> list[Row]:
    """The workspace's findings of these severities (and entity types, unless none given)."""
    types = {"entity_type": list(entity_types)} if entity_types else {}
    return _rows(
        store, "findings", columns, workspace_id=workspace_id, severity=list(severities), **types
    )


def executed_actions(
    store: CatalogStore, workspace_id: str, target_ids: Iterable[str], statuses: Collection[str]
) -> list[Row]:
    """Remediation actions (not dry runs) on these targets that ended in one of ``statuses``:
    their ``target_type``, ``target_id`` and ``run_id``."""
    ids = sorted(set(target_ids))
    if not ids:
        return []
    return _rows(
        store,
        "remediation_actions",
        ["target_type", "target_id", "run_id"],
        workspace_id=workspace_id,
        dry_run=False,
        status=list(statuses),
        target_id=ids,
    )


# -- alerts and reports --------------------------------------------------------------------


def findings_of_run(
    store: CatalogStore, workspace_id: str, run_id: str, severities: Collection[str]
) -> list[Row]:
    """The findings run ``run_id`` landed with one of these severities, all columns."""
    return _rows(
        store, "findings", workspace_id=workspace_id, run_id=run_id, severity=list(severities)
    )


def events_of_run(
    store: CatalogStore, workspace_id: str, run_id: str, columns: Sequence[str]
) -> list[Row]:
    """The ``columns`` of the events run ``run_id`` landed."""
    return _rows(store, "events", columns, workspace_id=workspace_id, run_id=run_id)


def outbox_items(
    store: CatalogStore, workspace_id: str, destination: str, statuses: Collection[str]
) -> list[Row]:
    """The alert outbox rows for ``destination`` in one of ``statuses``, all columns."""
    return _rows(
        store,
        "alert_outbox",
        workspace_id=workspace_id,
        destination=destination,
        status=list(statuses),
    )


def run_error(store: CatalogStore, run_id: str) -> str | None:
    """The error recorded for run ``run_id`` (``None`` if it has none or is not recorded)."""
    rows = _rows(store, "runs", ["error"], run_id=run_id)
    return rows[0]["error"] if rows else None


def workspace_table(
    store: CatalogStore,
    table: str,
    workspace_id: str,
    columns: Sequence[str],
    conversation_id: str | None = None,
) -> pa.Table:
    """The ``columns`` of one workspace's rows (of one conversation if given), as Arrow, for
    in-memory SQL over them."""
    conversation = {} if conversation_id is None else {"conversation_id": conversation_id}
    return store.read(table, _where(workspace_id=workspace_id, **conversation), columns)


def workspace_batches(
    store: CatalogStore, table: str, workspace_id: str, columns: Sequence[str]
) -> Iterator[pa.RecordBatch]:
    """The ``columns`` of all the workspace's rows of ``table``, streamed as Arrow batches
    (bounded memory) for passes over a whole workspace."""
    return store.iter_batches(table, _where(workspace_id=workspace_id), columns)


# -- filters -------------------------------------------------------------------------------


def _rows(
    store: CatalogStore, table: str, columns: Sequence[str] | None = None, **wanted: Wanted
) -> list[Row]:
    return store.read(table, _where(**wanted), columns).to_pylist()


def _where(**wanted: Wanted) -> BooleanExpression:
    """Every column equal to its value, one of its values when given a collection, or null
    when given ``None``."""
    from pyiceberg.expressions import And

    return functools.reduce(And, [_term(name, value) for name, value in wanted.items()])


def _term(name: str, value: Wanted) -> BooleanExpression:
    from pyiceberg.expressions import EqualTo, In, IsNull

    # pyiceberg types its predicates by their pydantic fields, not by their (term, value)
    # constructors (iceberg-python issue 3101): hence the ignores.
    if value is None:
        return IsNull(name)  # type: ignore[call-arg, arg-type]
    if isinstance(value, (str, bool)):
        return EqualTo(name, value)  # type: ignore[call-arg, arg-type]
    return In(name, list(value))  # type: ignore[call-arg, arg-type]
