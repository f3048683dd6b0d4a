"""The findings explorer's queries: filtered, paginated findings of one workspace, one
conversation with its stored messages, and the remediation status of what they sit in.

Every query is built here from validated filter values (quoted by :func:`_literal`), runs
server-side in DuckDB and is limited, so a page costs a few scans of ``findings`` however
many rows match. Nothing raw leaves: findings hold masked previews, e-mails are masked here,
titles are never selected and message text is shown as stored, redacted if stored in full.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from openai_connector.classify.masking import mask_email, redact_text
from openai_connector.constants import SEVERITY_RANK
from openai_connector.errors import OpenAIConnectorError
from openai_connector.reporting.queries import OCCURRED_AT, literal, rank_sql

if TYPE_CHECKING:
    import pyarrow as pa

    from openai_connector.catalog import CatalogStore

PAGE_SIZE = 50
#: Rows an export holds at most; the page says when a filter matches more.
EXPORT_LIMIT = 100_000
#: Messages a conversation view shows at most.
CONVERSATION_MESSAGES = 500
#: Targets one link to the remediation form carries at most (they travel in its URL).
TARGETS_PER_FORM = 100
OBJECT_TYPES = ("message", "file", "gpt", "project")
_ID = re.compile(r"^[A-Za-z0-9_.:@-]{1,200}$")
_ENTITY = re.compile(r"^[A-Z0-9_]{1,80}$")

#: The remediation target a finding's object belongs to: a message's whole conversation, the
#: file, GPT or project itself.
TARGET_SQL = "(case when f.object_type = 'message' then f.conversation_id else f.object_id end)"

EXPORT_COLUMNS = (
    "finding_id", "occurred_at", "detected_at", "severity", "entity_type", "masked_preview",
    "object_type", "object_id", "conversation_id", "user_id", "user_email_masked", "gpt_id",
    "gpt_name", "project_id", "project_name", "target_id", "remediation_status",
)  # fmt: skip


class WorkspaceTables:
    """One workspace's rows of the tables an explorer page reads, each read from the catalog
    once per page (one Iceberg scan, only the columns the explorer uses, narrowed to one
    conversation for its view) and queried in memory with DuckDB: a page's few queries cost
    one scan of ``findings``, not one each. Queried like ``CatalogStore.query``."""

    COLUMNS: Mapping[str, tuple[str, ...]] = {
        "findings": (
            "workspace_id", "finding_id", "object_type", "object_id", "conversation_id",
            "user_id", "gpt_id", "gpt_name", "project_id", "project_name", "entity_type",
            "start", "end", "location", "masked_preview", "severity", "occurred_at",
            "detected_at",
        ),
        "users": ("workspace_id", "user_id", "email"),
        "remediation_actions": ("workspace_id", "target_id", "status", "dry_run", "created_at"),
        "conversations": (
            "workspace_id", "conversation_id", "user_id", "user_email", "gpt_name",
            "project_name", "created_at", "status", "highest_severity",
        ),
        "messages": (
            "workspace_id", "conversation_id", "message_id", "created_at", "author_role",
            "text", "text_storage", "highest_severity", "finding_count",
        ),
    }  # fmt: skip
    #: Tables narrowed to the conversation when the page shows one.
    _BY_CONVERSATION = ("findings", "conversations", "messages")

    def __init__(
        self, store: CatalogStore, workspace_id: str, conversation_id: str | None = None
    ) -> None:
        if conversation_id is not None and not _ID.match(conversation_id):
            raise FilterError(f"conversation_id: not a valid value: {conversation_id[:80]!r}")
        self._store = store
        self._workspace_id = workspace_id
        self._conversation_id = conversation_id
        self._loaded: dict[str, pa.Table] = {}

    def query(self, sql: str) -> pa.Table:
        from openai_connector.catalog.query import sealed_duckdb

        connection = sealed_duckdb()
        try:
            for name in self.COLUMNS:
                if re.search(rf"\b{name}\b", sql):
                    connection.register(name, self._table(name))
            return connection.sql(sql).to_arrow_table()
        finally:
            connection.close()

    def _table(self, name: str) -> pa.Table:
        from openai_connector.catalog.operations import workspace_table

        if name not in self._loaded:
            by_conversation = name in self._BY_CONVERSATION
            conversation_id = self._conversation_id if by_conversation else None
            self._loaded[name] = workspace_table(
                self._store, name, self._workspace_id, self.COLUMNS[name], conversation_id
            )
        return self._loaded[name]


class FilterError(OpenAIConnectorError, ValueError):
    """A filter value the explorer cannot use; the message names the parameter."""


@dataclass(frozen=True)
class FindingFilter:
    """What the analyst narrowed the findings to; every field optional but the workspace.

    ``since`` and ``until`` are days (UTC, both included) of when the text was written.
    """

    workspace_id: str
    since: date | None = None
    until: date | None = None
    min_severity: str | None = None
    entity_type: str | None = None
    user_id: str | None = None
    gpt_id: str | None = None
    project_id: str | None = None
    object_type: str | None = None
    conversation_id: str | None = None

    #: Query parameter names, as the page's form and links use them.
    PARAMS = (
        "since", "until", "min_severity", "entity_type", "user_id", "gpt_id", "project_id",
        "object_type", "conversation_id",
    )  # fmt: skip

    @classmethod
    def from_params(cls, workspace_id: str, params: Mapping[str, str | None]) -> FindingFilter:
        """Validate the query parameters; empty values mean "any"."""
        values = {name: (params.get(name) or "").strip() or None for name in cls.PARAMS}
        since = _day("since", values.pop("since"))
        until = _day("until", values.pop("until"))
        checks: dict[str, Callable[[str], object]] = {
            "min_severity": lambda v: v in SEVERITY_RANK,
            "entity_type": _ENTITY.match,
            "object_type": lambda v: v in OBJECT_TYPES,
        }
        for name, value in values.items():
            if value is not None and not checks.get(name, _ID.match)(value):
                raise FilterError(f"{name}: not a valid value: {value[:80]!r}")
        return cls(workspace_id, since=since, until=until, **values)

    def params(self, **changes: Any) -> dict[str, str]:
        """The non-empty filter values as query parameters (``changes`` applied first)."""
        current = replace(self, **changes) if changes else self
        values = {name: getattr(current, name) for name in self.PARAMS}
        return {name: str(value) for name, value in values.items() if value is not None}

    def where(self) -> str:
        """The SQL condition on ``findings f``."""
        conditions = [f"f.workspace_id = {literal(self.workspace_id)}"]
        if self.since:
            start = literal(self.since.isoformat())
            conditions.append(f"{_f(OCCURRED_AT)} >= {start}::timestamptz")
        if self.until:
            end = (self.until + timedelta(days=1)).isoformat()
            conditions.append(f"{_f(OCCURRED_AT)} < {literal(end)}::timestamptz")
        if self.min_severity:
            conditions.append(f"{rank_sql('f.severity')} >= {SEVERITY_RANK[self.min_severity]}")
        for column in ("entity_type", "user_id", "gpt_id", "project_id", "object_type",
                       "conversation_id"):  # fmt: skip
            value = getattr(self, column)
            if value is not None:
                conditions.append(f"f.{column} = {literal(value)}")
        return " and ".join(conditions)


@dataclass(frozen=True)
class FindingRow:
    finding_id: str
    occurred_at: datetime | None
    detected_at: datetime | None
    severity: str | None
    entity_type: str | None
    masked_preview: str | None
    object_type: str | None
    object_id: str | None
    conversation_id: str | None
    user_id: str | None
    user_email_masked: str | None
    gpt_id: str | None
    gpt_name: str | None
    project_id: str | None
    project_name: str | None
    target_id: str | None
    remediation_status: str | None

    def export(self) -> dict[str, Any]:
        row = {name: getattr(self, name) for name in EXPORT_COLUMNS}
        for name in ("occurred_at", "detected_at"):
            row[name] = row[name].isoformat() if row[name] else None
        return row


@dataclass(frozen=True)
class Facets:
    """The values the filter form offers, with their finding counts in the workspace."""

    entity_types: list[tuple[str, int]] = field(default_factory=list)
    users: list[tuple[str, str | None, int]] = field(default_factory=list)
    gpts: list[tuple[str, str | None, int]] = field(default_factory=list)
    projects: list[tuple[str, str | None, int]] = field(default_factory=list)


@dataclass(frozen=True)
class FindingsPage:
    filter: FindingFilter
    total: int
    offset: int
    rows: list[FindingRow]
    #: Distinct remediation targets of the whole filtered list, when at most TARGETS_PER_FORM.
    targets: list[str]
    target_count: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.rows) < self.total


@dataclass(frozen=True)
class StoredMessage:
    message_id: str
    created_at: datetime | None
    author_role: str | None
    #: Text as shown: stored redacted text, or full text redacted with its findings' spans;
    #: None when the policy stores no text or the conversation was deleted.
    shown_text: str | None
    text_storage: str | None
    highest_severity: str | None
    finding_count: int


@dataclass(frozen=True)
class ConversationView:
    conversation_id: str
    user_id: str | None
    user_email_masked: str | None
    gpt_name: str | None
    project_name: str | None
    created_at: datetime | None
    status: str | None
    highest_severity: str | None
    messages: list[StoredMessage]
    findings: list[FindingRow]
    remediation_status: str | None


def findings_page(tables: WorkspaceTables, filter: FindingFilter, offset: int = 0) -> FindingsPage:
    """One page of the filtered findings, newest text first, with how many match in all."""
    where = filter.where()
    counts = tables.query(
        f"select count(*) as total, count(distinct {TARGET_SQL}) as targets "  # noqa: S608
        f"from findings f where {where}"
    ).to_pylist()[0]
    rows = _finding_rows(tables, filter, limit=PAGE_SIZE, offset=max(offset, 0))
    targets: list[str] = []
    if 0 < counts["targets"] <= TARGETS_PER_FORM:
        targets = (
            tables.query(
                f"select distinct {TARGET_SQL} as target from findings f where {where} "  # noqa: S608
                f"and {TARGET_SQL} is not null order by 1"
            )
            .column(0)
            .to_pylist()
        )
    return FindingsPage(filter, counts["total"], max(offset, 0), rows, targets, counts["targets"])


def export_rows(tables: WorkspaceTables, filter: FindingFilter) -> list[FindingRow]:
    """The filtered list for CSV/JSON, at most ``EXPORT_LIMIT`` rows."""
    return _finding_rows(tables, filter, limit=EXPORT_LIMIT, offset=0)


def facets(tables: WorkspaceTables, workspace_id: str) -> Facets:
    """Entity types, users, GPTs and projects that have findings, in one scan."""
    workspace = literal(workspace_id)
    rows = tables.query(
        f"with counts as (select entity_type, user_id, gpt_id, any_value(gpt_name) as gpt_name, "  # noqa: S608
        f"project_id, any_value(project_name) as project_name, count(*) as n from findings "
        f"where workspace_id = {workspace} group by grouping sets "
        f"((entity_type), (user_id), (gpt_id), (project_id))) "
        f"select c.*, u.email from counts c left join users u on u.workspace_id = {workspace} "
        f"and u.user_id = c.user_id order by c.n desc"
    ).to_pylist()
    result = Facets()
    for row in rows:
        if row["entity_type"]:
            result.entity_types.append((row["entity_type"], row["n"]))
        elif row["user_id"]:
            result.users.append((row["user_id"], _mask(row["email"]), row["n"]))
        elif row["gpt_id"]:
            result.gpts.append((row["gpt_id"], row["gpt_name"], row["n"]))
        elif row["project_id"]:
            result.projects.append((row["project_id"], row["project_name"], row["n"]))
    return result


def conversation_view(
    tables: WorkspaceTables, workspace_id: str, conversation_id: str
) -> ConversationView | None:
    """A conversation's header, stored messages and findings; None if the catalog lacks it."""
    if not _ID.match(conversation_id):
        raise FilterError(f"conversation_id: not a valid value: {conversation_id[:80]!r}")
    scope = (
        f"workspace_id = {literal(workspace_id)} and conversation_id = {literal(conversation_id)}"
    )
    header = tables.query(
        f"select user_id, user_email, gpt_name, project_name, created_at, status, "  # noqa: S608
        f"highest_severity from conversations where {scope}"
    ).to_pylist()
    if not header:
        return None
    conversation = header[0]
    findings = _finding_rows(
        tables,
        FindingFilter(workspace_id, conversation_id=conversation_id),
        limit=EXPORT_LIMIT,
        offset=0,
    )
    spans = _message_spans(tables, scope)
    messages = [
        _stored_message(row, spans.get(row["message_id"], []))
        for row in tables.query(
            f"select message_id, created_at, author_role, text, text_storage, "  # noqa: S608
            f"highest_severity, finding_count from messages where {scope} "
            f"order by created_at nulls last, message_id limit {CONVERSATION_MESSAGES}"
        ).to_pylist()
    ]
    status = remediation_statuses(tables, workspace_id, [conversation_id])
    return ConversationView(
        conversation_id=conversation_id,
        user_id=conversation["user_id"],
        user_email_masked=_mask(conversation["user_email"]),
        gpt_name=conversation["gpt_name"],
        project_name=conversation["project_name"],
        created_at=conversation["created_at"],
        status=conversation["status"],
        highest_severity=conversation["highest_severity"],
        messages=messages,
        findings=findings,
        remediation_status=status.get(conversation_id),
    )


def remediation_statuses(
    tables: WorkspaceTables, workspace_id: str, target_ids: Sequence[str]
) -> dict[str, str]:
    """The latest remediation outcome per target, in the analyst's words."""
    if not target_ids:
        return {}
    ids = ", ".join(literal(target) for target in target_ids)
    rows = tables.query(_latest_status_sql(workspace_id, ids)).to_pylist()
    return {row["target_id"]: row["status"] for row in rows}


def _latest_status_sql(workspace_id: str, targets: str) -> str:
    """The query of each target's latest outcome; ``targets`` is a SQL list or subquery."""
    return (
        f"select target_id, {_STATUS_SQL} as status from remediation_actions "  # noqa: S608
        f"where workspace_id = {literal(workspace_id)} and target_id in ({targets}) "
        f"qualify row_number() over (partition by target_id order by created_at desc) = 1"
    )


#: ``remediation_actions`` outcomes as the page names them: a dry run plans, a run deletes
#: (or finds it gone), un-shares, fails or is blocked.
_STATUS_SQL = (
    "(case when dry_run then 'planned' "
    "when status in ('deleted', 'already_gone', 'done_earlier') then 'deleted' "
    "else status end)"
)


def _finding_rows(
    tables: WorkspaceTables, filter: FindingFilter, *, limit: int, offset: int
) -> list[FindingRow]:
    rows = tables.query(
        f"with page as (select f.*, {_f(OCCURRED_AT)} as occurred, {TARGET_SQL} as target "  # noqa: S608
        f"from findings f where {filter.where()} order by occurred desc nulls last, "
        f"f.finding_id limit {int(limit)} offset {int(offset)}), "
        f"latest as ({_latest_status_sql(filter.workspace_id, 'select target from page')}) "
        f"select p.*, u.email as user_email, l.status as remediation_status from page p "
        f"left join users u on u.workspace_id = p.workspace_id and u.user_id = p.user_id "
        f"left join latest l on l.target_id = p.target "
        f"order by p.occurred desc nulls last, p.finding_id"
    ).to_pylist()
    return [
        FindingRow(
            finding_id=row["finding_id"],
            occurred_at=row["occurred"],
            detected_at=row["detected_at"],
            severity=row["severity"],
            entity_type=row["entity_type"],
            masked_preview=row["masked_preview"],
            object_type=row["object_type"],
            object_id=row["object_id"],
            conversation_id=row["conversation_id"],
            user_id=row["user_id"],
            user_email_masked=_mask(row["user_email"]),
            gpt_id=row["gpt_id"],
            gpt_name=row["gpt_name"],
            project_id=row["project_id"],
            project_name=row["project_name"],
            target_id=row["target"],
            remediation_status=row["remediation_status"],
        )
        for row in rows
    ]


@dataclass(frozen=True)
class _Span:
    entity_type: str
    start: int
    end: int


def _message_spans(tables: WorkspaceTables, scope: str) -> dict[str, list[_Span]]:
    rows = tables.query(
        f'select object_id, entity_type, start, "end" from findings where {scope} '  # noqa: S608
        f"and object_type = 'message' and location is null"
    ).to_pylist()
    spans: dict[str, list[_Span]] = {}
    for row in rows:
        if row["start"] is not None and row["end"] is not None:
            spans.setdefault(row["object_id"], []).append(
                _Span(row["entity_type"], row["start"], row["end"])
            )
    return spans


def _stored_message(row: dict[str, Any], spans: list[_Span]) -> StoredMessage:
    text, storage = row["text"], row["text_storage"]
    if text is not None and storage == "full":
        text = redact_text(text, spans)
    elif storage not in ("full", "redacted"):
        text = None
    return StoredMessage(
        message_id=row["message_id"],
        created_at=row["created_at"],
        author_role=row["author_role"],
        shown_text=text,
        text_storage=storage,
        highest_severity=row["highest_severity"],
        finding_count=row["finding_count"] or 0,
    )


def _mask(email: str | None) -> str | None:
    return mask_email(email) if email else None


def _f(expression: str) -> str:
    """``OCCURRED_AT`` on the ``f`` alias."""
    return expression.replace("occurred_at", "f.occurred_at").replace(
        "detected_at", "f.detected_at"
    )


def _day(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name}: not a date (YYYY-MM-DD): {value[:40]!r}") from None
