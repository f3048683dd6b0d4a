"""The ``remediation_actions`` table: the evidence of what a run planned, did, and why.

One row per run and target (``action_id`` hashes both), so a later status of the same run
replaces the earlier one: ``pending`` is written before a DELETE and replaced by its outcome
after it. A crash in between leaves ``pending`` behind, and the next run sends that DELETE
again (a 404 then counts as done) instead of skipping it silently.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from openai_connector.remediation.model import DONE_STATUSES, Outcome, Request, Target

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogStore

TABLE = "remediation_actions"


def action_id(run_id: str, target: Target) -> str:
    """Stable per run and target, so re-recording a target updates its row."""
    key = "\x1f".join((run_id, target.target_type, target.target_id))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


class AuditLog:
    """Writes the audit rows of one run and reads what earlier runs finished."""

    def __init__(self, store: CatalogStore, workspace_id: str, request: Request) -> None:
        self.store = store
        self.workspace_id = workspace_id
        self.request = request

    def record(self, outcomes: Sequence[Outcome]) -> None:
        """Upsert one row per outcome, in one commit."""
        if outcomes:
            now = datetime.now(UTC)
            self.store.upsert(TABLE, [self._row(outcome, now) for outcome in outcomes])

    def _row(self, outcome: Outcome, now: datetime) -> dict[str, Any]:
        target = outcome.target
        return {
            "action_id": action_id(self.request.run_id, target),
            "workspace_id": self.workspace_id,
            "run_id": self.request.run_id,
            "target_type": target.target_type,
            "target_id": target.target_id,
            "parent_id": target.parent_id,
            "reason": target.reason,
            "finding_ids": list(target.finding_ids),
            "entity_types": list(target.entity_types),
            "dry_run": self.request.dry_run,
            "status": outcome.status,
            "api_status": outcome.api_status,
            "detail": outcome.detail,
            "triggered_by": self.request.triggered_by,
            "created_at": now,
            "ingested_at": now,
        }

    def finished(self, targets: Iterable[Target]) -> dict[tuple[str, str], str]:
        """Targets an executing run (this one included) already finished → that run's id."""
        from openai_connector.catalog.operations import executed_actions

        ids = (target.target_id for target in targets)
        rows = executed_actions(self.store, self.workspace_id, ids, DONE_STATUSES)
        finished: dict[tuple[str, str], str] = {}
        for row in sorted(rows, key=lambda row: row["run_id"] != self.request.run_id):
            finished.setdefault((row["target_type"], row["target_id"]), row["run_id"])
        return finished
