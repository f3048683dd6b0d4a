"""Catalog tables as pandas DataFrames, for notebooks and downstream jobs.

    >>> from openai_connector.catalog import frame
    >>> findings = frame("findings", workspace="acme", since="2026-12-01")

The filters are pushed into the Iceberg scan (partition pruning by workspace and day), so a
frame of one workspace and one week reads that, not the whole table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from openai_connector.catalog.config import CatalogConfig
from openai_connector.catalog.schema import table_spec
from openai_connector.catalog.store import CatalogStore

if TYPE_CHECKING:
    import pandas as pd
    from pyiceberg.expressions import BooleanExpression

Moment = datetime | date | str


def frame(
    table: str,
    *,
    workspace: str | None = None,
    since: Moment | None = None,
    until: Moment | None = None,
    columns: Sequence[str] | None = None,
    store: CatalogStore | None = None,
) -> pd.DataFrame:
    """Rows of a catalog table as a DataFrame.

    ``workspace`` is a workspace id or the Airflow connection id a workspace was enrolled
    under (resolved through the ``runs`` table, so no Airflow is needed). ``since``
    (inclusive) and ``until`` (exclusive) filter on the table's main timestamp: a finding's
    ``detected_at``, a message's ``created_at``, a run's ``started_at`` … (naive values are
    UTC). ``store`` defaults to the catalog the environment configures, as the DAGs use it.
    """
    from pyiceberg.expressions import AlwaysTrue, And, EqualTo, GreaterThanOrEqual, LessThan

    # pyiceberg types its predicates by their pydantic fields, not by their (term, value)
    # constructors (iceberg-python issue 3101): hence the ignores.
    spec = table_spec(table)
    store = store or CatalogStore(CatalogConfig.from_env())
    row_filter: BooleanExpression = AlwaysTrue()
    if workspace is not None:
        if "workspace_id" not in spec.column_names:
            raise ValueError(f"table {table} has no workspace_id column to filter on")
        row_filter = And(row_filter, EqualTo("workspace_id", resolve_workspace(store, workspace)))  # type: ignore[call-arg, arg-type]
    if since is not None or until is not None:
        if spec.day_column is None:
            raise ValueError(f"table {table} has no timestamp column to filter on")
        if since is not None:
            row_filter = And(row_filter, GreaterThanOrEqual(spec.day_column, _instant(since)))  # type: ignore[call-arg, arg-type]
        if until is not None:
            row_filter = And(row_filter, LessThan(spec.day_column, _instant(until)))  # type: ignore[call-arg, arg-type]
    return store.read(table, row_filter, list(columns) if columns else None).to_pandas()


def resolve_workspace(store: CatalogStore, workspace: str) -> str:
    """The workspace id ``workspace`` names: itself if the catalog knows it as an id, else the
    workspace whose runs were made under connection id ``workspace``."""
    from pyiceberg.expressions import EqualTo, StartsWith

    # Predicates typed by their pydantic fields, not their constructors (see ``frame``).
    if store.count("runs", EqualTo("workspace_id", workspace)):  # type: ignore[call-arg, arg-type]
        return workspace
    runs = store.read("runs", StartsWith("run_id", f"{workspace}/"), ["workspace_id"])  # type: ignore[call-arg, arg-type]
    ids = sorted(set(runs.column("workspace_id").to_pylist()))
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise ValueError(f"no workspace id or connection id {workspace!r} in the catalog's runs")
    raise ValueError(f"connection id {workspace!r} has run for several workspaces: {ids}")


def _instant(moment: Moment) -> str:
    """An ISO timestamp in UTC, as pyiceberg binds it to a ``timestamptz`` column."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat()
