"""Classify a batch of records and upsert it, so a batch is either fully landed or not at all.

A batch is whole log files (or whole legacy pages): the watermark can then advance to the last
file of a landed batch, and a crash before that replays whole files into idempotent upserts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from openai_connector.api.models import ATTRIBUTION_COLUMNS
from openai_connector.pipeline.records import (
    count_by_type,
    highest_severity,
    merge_conversation,
)
from openai_connector.pipeline.rollups import CONTRIBUTION_COLUMNS, BatchRollups, recount

if TYPE_CHECKING:
    from openai_connector.classify import Finding, TextItem
    from openai_connector.pipeline.job import WorkspaceJob

log = logging.getLogger(__name__)

#: What a finding row copies from the row of the object it was found in.
FINDING_CONTEXT = ("conversation_id", "user_id", *ATTRIBUTION_COLUMNS)


#: Object types of findings in a message: its text, its ``content.quote``, its annotations'
#: ``quote_text`` (the object id is the message's in each case).
MESSAGE_OBJECT_TYPES = ("message", "message_quote", "message_annotation")


@dataclass
class PendingMessage:
    row: dict[str, Any]
    text: str | None
    #: ``(object_type, location, text)`` of the message's quoted texts.
    quotes: Sequence[tuple[str, str, str]] = ()


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
        quotes: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        """Add one message; a re-delivered message or conversation collapses here already."""
        self.messages[row["message_id"]] = PendingMessage(row, text, quotes)
        key = conversation["conversation_id"]
        self.conversations[key] = merge_conversation(self.conversations.get(key), conversation)
        for file_row in files:
            self.files.setdefault(file_row["file_id"], file_row)


def stamp(rows: Iterable[dict[str, Any]], job: WorkspaceJob) -> list[dict[str, Any]]:
    """Add the run id and landing time every table carries (replacing earlier ones)."""
    now = datetime.now(UTC)
    return [{**row, "run_id": job.plan.run_id, "ingested_at": now} for row in rows]


@dataclass
class Classified:
    """Findings per object id, and the ids of objects classified only up to the cap."""

    findings: dict[str, list[Finding]]
    truncated: frozenset[str]
    max_chars: int


def classify(job: WorkspaceJob, items: Sequence[TextItem]) -> Classified:
    """Findings per object id, over all its items (a file's pages); no text, no findings.

    Each object is classified up to ``max_object_chars()`` characters, and each of its
    texts within the classifier's time budget, so one pasted 10 MB log or one hostile text
    cannot hold the run for minutes; cut objects are counted and named in a warning (their
    id, never their text), and the caller marks their rows.
    """
    from openai_connector.classify.cap import cap_items
    from openai_connector.classify.config import max_object_chars

    max_chars = max_object_chars()
    capped = cap_items(items, max_chars)
    for object_id, (object_type, length) in capped.cut.items():
        log.warning(
            "Classified only the first %d of %d characters of %s %s (the classification cap)",
            max_chars,
            length,
            object_type,
            object_id,
        )
    out_of_time: set[str] = set()

    def cut_short(item: TextItem) -> None:
        # An object cut by the cap already has its warning.
        if item.object_id not in out_of_time and item.object_id not in capped.cut:
            log.warning(
                "Classified %s %s only in part: its analysis reached the time budget per text",
                item.object_type,
                item.object_id,
            )
            out_of_time.add(item.object_id)

    found: dict[str, list[Finding]] = {}
    if capped.items:  # no text: no classifier to build (nor worker processes to start)
        for item, findings in job.classifier_factory().classify(capped.items, on_cut=cut_short):
            found.setdefault(item.object_id, []).extend(findings)
    truncated = frozenset(capped.cut) | out_of_time
    if truncated:
        job.count("classify_truncated", len(truncated))
    return Classified(found, truncated, max_chars)


def with_findings(row: dict[str, Any], findings: Sequence[Finding]) -> dict[str, Any]:
    """The object's row with its finding count, highest severity and counts by type."""
    return {
        **row,
        "finding_count": len(findings),
        "highest_severity": highest_severity(f.severity for f in findings),
        "findings_by_type": count_by_type(f.entity_type for f in findings),
    }


def occurred_at(row: dict[str, Any]) -> datetime | None:
    """When the object's text was written: a message's or GPT's creation, a file's upload
    (as first seen when the API gives no upload time), so findings chart by when data was
    pasted, not when it was scanned, and a rerun gives a finding the same time."""
    return row.get("created_at") or row.get("uploaded_at") or row.get("first_seen_at")


def land_findings(
    job: WorkspaceJob,
    object_types: str | Sequence[str],
    findings_by_object: dict[str, list[Finding]],
    context: dict[str, dict[str, Any]],
) -> None:
    """Upsert the objects' findings; with ``reclassify`` their earlier findings go first.

    ``context`` gives each object's ``conversation_id``, ``user_id`` and GPT/project
    attribution for the finding rows.
    Without ``reclassify`` a finding an earlier policy produced stays: upserts only add.
    """
    from openai_connector.catalog.operations import delete_findings_of

    detected_at = datetime.now(UTC)
    rows = [
        {
            **finding.to_row(),
            "workspace_id": job.plan.workspace_id,
            **{name: context[object_id].get(name) for name in FINDING_CONTEXT},
            "occurred_at": occurred_at(context[object_id]),
            "detected_at": detected_at,
        }
        for object_id, findings in findings_by_object.items()
        for finding in findings
    ]
    if job.plan.reclassify and findings_by_object:
        types = [object_types] if isinstance(object_types, str) else list(object_types)
        delete_findings_of(job.catalog, job.plan.workspace_id, types, findings_by_object)
    if rows:
        job.catalog.upsert("findings", stamp(rows, job))
        job.count("findings", len(rows))


def stored_text(mode: str, text: str | None, findings: Sequence[Finding]) -> str | None:
    """Text as the workspace's storage policy allows: full, redacted or none.

    ``findings`` must be those found in this very text (their spans index it).
    """
    from openai_connector.classify import redact_text

    if text is None or mode == "none":
        return None
    return text if mode == "full" else redact_text(text, findings)


def message_items(batch: MessageBatch) -> list[TextItem]:
    """The texts of the batch's messages to classify: each text and its quoted texts."""
    from openai_connector.classify import TextItem

    items = []
    for message_id, pending in batch.messages.items():
        if pending.text:
            items.append(TextItem("message", message_id, pending.text))
        items.extend(
            TextItem(object_type, message_id, quote, location=location)
            for object_type, location, quote in pending.quotes
        )
    return items


def land_message_batch(
    job: WorkspaceJob, batch: MessageBatch, classified: Classified | None = None
) -> None:
    """Upsert messages, findings, conversations and new files of the batch, classifying its
    texts first unless ``classified`` (from ``classify(job, message_items(batch))``) is given."""
    if not batch:
        return
    if classified is None:
        classified = classify(job, message_items(batch))
    found = classified.findings
    rows = []
    for message_id, pending in batch.messages.items():
        findings = found.setdefault(message_id, [])
        truncated = message_id in classified.truncated
        text = pending.text
        if truncated and job.plan.text_storage == "redacted" and text is not None:
            text = text[: classified.max_chars]  # only what was classified can be redacted
        row = with_findings(pending.row, findings)
        in_text = [f for f in findings if f.object_type == "message"]
        row["text"] = stored_text(job.plan.text_storage, text, in_text)
        row["text_storage"] = job.plan.text_storage
        row["classify_truncated"] = truncated
        rows.append(row)
    land_messages(job, rows, batch.conversations)
    land_findings(job, MESSAGE_OBJECT_TYPES, found, {row["message_id"]: row for row in rows})
    insert_new_files(job, batch.files.values())


def land_messages(
    job: WorkspaceJob, rows: list[dict[str, Any]], conversations: dict[str, dict[str, Any]]
) -> None:
    """Upsert classified message rows, then their conversations with the roll-ups moved by
    exactly what the messages commit added and replaced."""
    landed = job.catalog.upsert("messages", stamp(rows, job))
    job.count("messages", len(rows))
    replaced = landed.replaced_rows([*CONTRIBUTION_COLUMNS, "ingested_at"])
    land_conversations(job, conversations, BatchRollups.of(rows, replaced))


def land_conversations(
    job: WorkspaceJob, conversations: dict[str, dict[str, Any]], rollups: BatchRollups
) -> None:
    """Merge with what the catalog knows and bring the roll-ups up to date (see
    :mod:`.rollups`), in one upsert whose merge reads the stored rows."""
    if not conversations:
        return

    def merge(incoming: list[dict[str, Any]], stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
        stored_rows = {row["conversation_id"]: row for row in stored}
        rows, stale = [], []
        for new in incoming:
            conversation_id = new["conversation_id"]
            old = stored_rows.get(conversation_id)
            # the landing stamp always wins: it tells a replay whether this row saw its messages
            row = merge_conversation(old, new) | {
                name: new[name] for name in ("run_id", "ingested_at")
            }
            rollup = rollups.apply(old, conversation_id)
            if rollup is None:
                stale.append(conversation_id)
            else:
                row |= rollup.columns()
            rows.append(row)
        if stale:
            recounted = recount(job.catalog, job.plan.workspace_id, stale)
            job.count("conversations_recounted", len(stale))
            for row in rows:
                if row["conversation_id"] in recounted:
                    row |= recounted[row["conversation_id"]].columns()
        return rows

    job.catalog.upsert("conversations", stamp(conversations.values(), job), merge=merge)
    job.count("conversations", len(conversations))


def insert_new_files(job: WorkspaceJob, files: Iterable[dict[str, Any]]) -> None:
    """Record newly referenced files as pending; a file already known keeps its status."""
    from openai_connector.catalog.operations import known_ids

    candidates = {row["file_id"]: row for row in files}
    if not candidates:
        return
    known = known_ids(
        job.catalog, "files", "file_id", candidates, workspace_id=job.plan.workspace_id
    )
    fresh = [row for file_id, row in candidates.items() if file_id not in known]
    if fresh:
        job.catalog.upsert("files", stamp(fresh, job))
        job.count("files", len(fresh))
