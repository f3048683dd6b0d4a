"""The figures of a DLP report, read from the catalog with a handful of DuckDB queries.

Every query covers all reported workspaces at once (grouped by ``workspace_id``), so a report
costs the same few table scans however many workspaces it shows. Nothing raw leaves here:
findings only hold masked previews, e-mail addresses and names from ``users`` and
``conversations`` are masked before they enter a report, and titles and error texts are
never selected.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from openai_connector.classify.masking import mask_email, mask_name
from openai_connector.constants import SEVERITY_RANK
from openai_connector.reporting.model import (
    ConversationRisk,
    Report,
    RunFigures,
    UserRisk,
    WorkspaceRef,
    WorkspaceReport,
)

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogStore

#: When a finding's text was written; findings landed before ``occurred_at`` existed fall back
#: to when they were detected.
OCCURRED_AT = "coalesce(occurred_at, detected_at)"
Row = dict[str, Any]


def catalog_workspace_ids(store: CatalogStore) -> list[str]:
    """Workspaces the catalog holds runs or findings of, enrolled or not."""
    table = store.query(
        "select workspace_id from runs union select workspace_id from findings order by 1"
    )
    return [value for value in table.column(0).to_pylist() if value]


def collect(
    store: CatalogStore,
    workspaces: Sequence[WorkspaceRef],
    *,
    now: datetime | None = None,
    days: int = 30,
    top: int = 10,
    last_runs: int = 10,
) -> Report:
    """The report of ``workspaces``: findings of the last ``days`` days by day and type,
    all findings by severity, the ``top`` riskiest conversations and users, files by status
    and the ``last_runs`` most recent runs."""
    now = now or datetime.now(UTC)
    sections = {ref.workspace_id: WorkspaceReport(ref) for ref in workspaces}
    if sections:
        scope = "workspace_id in (" + ", ".join(literal(ws) for ws in sections) + ")"
        since = literal((now - timedelta(days=days)).isoformat())
        conversation_rank = rank_sql("highest_severity")
        # Interpolated: workspace ids and the date quoted by literal, ints, constant SQL.
        queries: tuple[tuple[str, Callable[[WorkspaceReport, Row], None]], ...] = (
            (
                f"select * exclude (error) from runs where {scope} qualify row_number() over "  # noqa: S608
                f"(partition by workspace_id order by started_at desc nulls last) "
                f"<= {int(last_runs)} order by started_at desc nulls last",
                _add_run,
            ),
            (
                f"select workspace_id, cast(timezone('UTC', {OCCURRED_AT}) as date) as day, "  # noqa: S608
                f"entity_type, max({rank_sql('severity')}) as max_rank, count(*) as n "
                f"from findings where {scope} and {OCCURRED_AT} >= {since}::timestamptz "
                f"group by all order by day, entity_type",
                _add_day,
            ),
            (
                f"select workspace_id, severity, count(*) as n from findings where {scope} "  # noqa: S608
                f"group by workspace_id, severity order by {rank_sql('severity')} desc",
                _add_severity,
            ),
            (
                f"select workspace_id, count(*) as n from conversations where {scope} "  # noqa: S608
                f"and finding_count > 0 group by all",
                _set_conversations_with_findings,
            ),
            (
                f"select workspace_id, conversation_id, user_id, user_email, highest_severity, "  # noqa: S608
                f"finding_count, findings_by_type from conversations where {scope} and "
                f"finding_count > 0 qualify row_number() over (partition by workspace_id order "
                f"by {conversation_rank} desc, finding_count desc, conversation_id) <= {int(top)}"
                f" order by {conversation_rank} desc, finding_count desc, conversation_id",
                _add_conversation,
            ),
            (_top_users_sql(scope, int(top)), _add_user),
            (
                f"select workspace_id, status, count(*) as n from files where {scope} "  # noqa: S608
                f"group by all order by n desc, status",
                _add_file_status,
            ),
        )
        for sql, add in queries:
            for row in store.query(sql).to_pylist():
                add(sections[row["workspace_id"]], row)
    return Report(now, days, list(sections.values()))


def _top_users_sql(scope: str, top: int) -> str:
    """Users ranked by their worst finding, then by how many findings they have."""
    return (
        f"with per_user as (select workspace_id, user_id, count(*) as n, "  # noqa: S608
        f"max({rank_sql('severity')}) as max_rank, count(distinct conversation_id) "
        f"as conversations, count(distinct object_id) filter (where object_type <> 'message') "
        f"as files from findings where {scope} and user_id is not null group by all) "
        f"select p.*, u.email, u.name from per_user p left join users u "
        f"on u.workspace_id = p.workspace_id and u.user_id = p.user_id "
        f"qualify row_number() over (partition by p.workspace_id order by p.max_rank desc, "
        f"p.n desc, p.user_id) <= {top} order by p.max_rank desc, p.n desc, p.user_id"
    )


def _add_run(section: WorkspaceReport, row: Row) -> None:
    section.runs.append(
        RunFigures(
            run_id=row["run_id"],
            mode=row["mode"],
            started_at=row["started_at"],
            window_start=row["window_start"],
            window_end=row["window_end"],
            outcome=row["outcome"],
            duration_seconds=row["duration_seconds"],
            records=_json_counts(row["records"]),
            api_calls=row["api_calls"],
            retries=row["retries"],
        )
    )


def _add_day(section: WorkspaceReport, row: Row) -> None:
    entity_type = row["entity_type"] or "UNKNOWN"
    section.findings_by_day.append((row["day"], entity_type, row["n"]))
    ranks = section.entity_ranks
    ranks[entity_type] = max(ranks.get(entity_type, -1), row["max_rank"])


def _add_severity(section: WorkspaceReport, row: Row) -> None:
    section.severity_counts[row["severity"] or "unknown"] = row["n"]


def _set_conversations_with_findings(section: WorkspaceReport, row: Row) -> None:
    section.conversations_with_findings = row["n"]


def _add_conversation(section: WorkspaceReport, row: Row) -> None:
    section.top_conversations.append(
        ConversationRisk(
            conversation_id=row["conversation_id"],
            user_id=row["user_id"],
            masked_email=_masked(mask_email, row["user_email"]),
            highest_severity=row["highest_severity"],
            finding_count=row["finding_count"] or 0,
            findings_by_type=_json_counts(row["findings_by_type"]),
        )
    )


def _add_user(section: WorkspaceReport, row: Row) -> None:
    names = {rank: name for name, rank in SEVERITY_RANK.items()}
    section.top_users.append(
        UserRisk(
            user_id=row["user_id"],
            masked_email=_masked(mask_email, row["email"]),
            masked_name=_masked(mask_name, row["name"]),
            highest_severity=names.get(row["max_rank"]),
            finding_count=row["n"],
            conversation_count=row["conversations"],
            file_count=row["files"],
        )
    )


def _add_file_status(section: WorkspaceReport, row: Row) -> None:
    section.files_by_status[row["status"] or "unknown"] = row["n"]


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def rank_sql(column: str) -> str:
    """SQL ranking a severity column like ``SEVERITY_RANK`` does; -1 for anything else."""
    cases = " ".join(f"when '{name}' then {rank}" for name, rank in SEVERITY_RANK.items())
    return f"(case {column} {cases} else -1 end)"


def _masked(mask: Callable[[str], str], value: str | None) -> str | None:
    return mask(value) if value else None


def _json_counts(raw: str | None) -> dict[str, int]:
    """A JSON object of counts (``records``, ``findings_by_type``); anything else is empty."""
    try:
        value = json.loads(raw) if raw else {}
    except json.JSONDecodeError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, int)}
