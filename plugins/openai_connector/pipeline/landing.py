"""Classify a batch of records and upsert it, so a batch is either fully landed or not at all.

A batch is whole log files (or whole legacy pages): the watermark can then advance to the last
file of a landed batch, and a crash before that replays whole files into idempotent upserts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from openai_connector.pipeline.records import highest_severity, merge_conversation

if TYPE_CHECKING:
    from openai_connector.classify import Finding
    from openai_connector.pipeline.job import WorkspaceJob


@dataclass
class PendingMessage:
    row: dict[str, Any]
    text: str | None


@dataclass
class MessageBatch:
    messages: dict[str, PendingMessage] = field(default_factory=dict)
    conversations: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.messages)

    def add(
        self,
        row: dict[str, Any],
        text: str | None,
        conversation: dict[str, Any],
        files: Iterable[dict[str, Any]] = (),
    ) -> None:
        """Add one message; a re-delivered message or conversation collapses here already."""
        self.messages[row["message_id"]] = PendingMessage(row, text)
        key = conversation["conversation_id"]
        self.conversations[key] = merge_conversation(self.conversations.get(key), conversation)
        for file_row in files:
            self.files.setdefault(file_row["file_id"], file_row)


def stamp(rows: Iterable[dict[str, Any]], job: WorkspaceJob) -> list[dict[str, Any]]:
    """Add the run id and landing time every table carries."""
    now = datetime.now(UTC)
    return [{**row, "run_id": job.plan.run_id, "ingested_at": now} for row in rows]


def finding_rows(
    job: WorkspaceJob,
    findings: Sequence[Finding],
    *,
    conversation_id: str | None,
    user_id: str | None,
) -> list[dict[str, Any]]:
    detected_at = datetime.now(UTC)
    return [
        {
            **finding.to_row(),
            "workspace_id": job.plan.workspace_id,
            "conversation_id": conversation_id,
            "user_id": user_id,
            "detected_at": detected_at,
        }
        for finding in findings
    ]


def stored_text(mode: str, text: str | None, findings: Sequence[Finding]) -> str | None:
    """Message text as the workspace's storage policy allows: full, redacted or none."""
    from openai_connector.classify import redact_text

    if text is None or mode == "none":
        return None
    return text if mode == "full" else redact_text(text, findings)


def land_message_batch(job: WorkspaceJob, batch: MessageBatch) -> None:
    """Classify the batch's texts, then upsert messages, findings, conversations and new files."""
    from openai_connector.classify import TextItem

    if not batch:
        return
    items = [
        TextItem("message", pending.row["message_id"], pending.text)
        for pending in batch.messages.values()
        if pending.text
    ]
    found: dict[str, list[Finding]] = {}
    for item, findings in job.classifier_factory().classify(items):
        found[item.object_id] = findings

    message_rows: list[dict[str, Any]] = []
    all_findings: list[dict[str, Any]] = []
    for message_id, pending in batch.messages.items():
        findings = found.get(message_id, [])
        row = pending.row
        message_rows.append(
            {
                **row,
                "text": stored_text(job.plan.text_storage, pending.text, findings),
                "text_storage": job.plan.text_storage,
                "finding_count": len(findings),
                "highest_severity": highest_severity(f.severity for f in findings),
            }
        )
        all_findings += finding_rows(
            job, findings, conversation_id=row["conversation_id"], user_id=row["user_id"]
        )

    store = job.catalog
    store.upsert("messages", stamp(message_rows, job))
    if all_findings:
        store.upsert("findings", stamp(all_findings, job))
    land_conversations(job, batch.conversations)
    insert_new_files(job, batch.files.values())
    job.count("messages", len(message_rows))
    job.count("findings", len(all_findings))


def land_conversations(job: WorkspaceJob, conversations: dict[str, dict[str, Any]]) -> None:
    """Merge with what the catalog knows and recompute the roll-ups from landed messages."""
    from pyiceberg.expressions import And, EqualTo, In

    if not conversations:
        return
    ids = list(conversations)
    scope = And(EqualTo("workspace_id", job.plan.workspace_id), In("conversation_id", ids))
    existing = {
        row["conversation_id"]: row for row in job.catalog.read("conversations", scope).to_pylist()
    }
    messages_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for message in job.catalog.read(
        "messages", scope, columns=["conversation_id", "finding_count", "highest_severity"]
    ).to_pylist():
        messages_of[message["conversation_id"]].append(message)
    rows = []
    for conversation_id, new in conversations.items():
        merged = merge_conversation(existing.get(conversation_id), new)
        mine = messages_of[conversation_id]
        merged["message_count"] = len(mine)
        merged["finding_count"] = sum(m["finding_count"] or 0 for m in mine)
        merged["highest_severity"] = highest_severity(m["highest_severity"] for m in mine)
        merged.pop("run_id", None)
        merged.pop("ingested_at", None)
        rows.append(merged)
    job.catalog.upsert("conversations", stamp(rows, job))
    job.count("conversations", len(rows))


def insert_new_files(job: WorkspaceJob, files: Iterable[dict[str, Any]]) -> None:
    """Record newly referenced files as pending; a file already known keeps its status."""
    from pyiceberg.expressions import And, EqualTo, In

    candidates = {row["file_id"]: row for row in files}
    if not candidates:
        return
    scope = And(EqualTo("workspace_id", job.plan.workspace_id), In("file_id", list(candidates)))
    known = set(job.catalog.read("files", scope, columns=["file_id"]).column("file_id").to_pylist())
    fresh = [row for file_id, row in candidates.items() if file_id not in known]
    if fresh:
        job.catalog.upsert("files", stamp(fresh, job))
        job.count("files", len(fresh))
