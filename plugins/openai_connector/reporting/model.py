"""What a DLP report holds: plain data, filled by :mod:`.queries` and drawn by :mod:`.html`.

Fields that come from free-text or identity columns hold masked values only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from openai_connector.constants import SEVERITY_RANK
from openai_connector.links import remediation_dag_id, workspace_dag_id

#: Highest first, the order every report lists severities in.
SEVERITIES = tuple(sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__, reverse=True))
_WORKSPACE_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")


@dataclass(frozen=True)
class WorkspaceRef:
    """A workspace as the catalog knows it (``workspace_id``) and, when enrolled, as Airflow
    knows it (connection id, whose DAGs the page links to)."""

    workspace_id: str
    conn_id: str | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        if not _WORKSPACE_ID.match(self.workspace_id):
            raise ValueError(f"not a workspace id: {self.workspace_id!r}")

    @property
    def label(self) -> str:
        return self.name or self.conn_id or self.workspace_id

    @property
    def dag_ids(self) -> tuple[str, str] | None:
        """The workspace DAG and the remediation DAG, when the connection is known."""
        if self.conn_id is None:
            return None
        return (workspace_dag_id(self.conn_id), remediation_dag_id(self.conn_id))


@dataclass(frozen=True)
class RunFigures:
    """One row of ``runs``, without its error text (free text has no place in a report)."""

    run_id: str
    mode: str | None
    started_at: datetime | None
    window_start: datetime | None
    window_end: datetime | None
    outcome: str | None
    duration_seconds: float | None
    records: Mapping[str, int]
    api_calls: int | None
    retries: int | None


@dataclass(frozen=True)
class ConversationRisk:
    conversation_id: str
    user_id: str | None
    masked_email: str | None
    highest_severity: str | None
    finding_count: int
    findings_by_type: Mapping[str, int]


@dataclass(frozen=True)
class UserRisk:
    user_id: str
    masked_email: str | None
    masked_name: str | None
    highest_severity: str | None
    finding_count: int
    conversation_count: int
    #: Files (and GPT/project objects) with findings: a user's findings may lie in no chat.
    file_count: int = 0


@dataclass
class WorkspaceReport:
    """Everything one workspace section shows; filled query by query."""

    workspace: WorkspaceRef
    runs: list[RunFigures] = field(default_factory=list)
    #: (day, entity type, findings in text written that day), oldest day first.
    findings_by_day: list[tuple[date, str, int]] = field(default_factory=list)
    #: Highest severity rank (``SEVERITY_RANK``) each charted entity type was found at.
    entity_ranks: dict[str, int] = field(default_factory=dict)
    severity_counts: dict[str, int] = field(default_factory=dict)
    top_conversations: list[ConversationRisk] = field(default_factory=list)
    top_users: list[UserRisk] = field(default_factory=list)
    files_by_status: dict[str, int] = field(default_factory=dict)
    conversations_with_findings: int = 0

    @property
    def finding_count(self) -> int:
        return sum(self.severity_counts.values())


@dataclass(frozen=True)
class Report:
    generated_at: datetime
    days: int
    workspaces: list[WorkspaceReport]


def entity_totals(
    rows: Iterable[tuple[date, str, int]], ranks: Mapping[str, int]
) -> dict[str, int]:
    """Findings per entity type over the charted days, most severe types first, then the
    most frequent: six credential types must not hide behind URL and DATE_TIME."""
    totals: dict[str, int] = {}
    for _, entity_type, count in rows:
        totals[entity_type] = totals.get(entity_type, 0) + count
    return dict(sorted(totals.items(), key=lambda kv: (-ranks.get(kv[0], -1), -kv[1], kv[0])))
