"""Conversation roll-ups (message and finding counts, highest severity), kept at landing time.

A conversation's roll-up is the sum of its messages' contributions. Landing a batch adds
each new message's contribution and, for a message landed again (re-delivered,
re-classified, marked deleted), swaps the stored row's contribution for the new one; the
stored rows come from the messages upsert itself, and the conversation row is updated in
the same attempt as its commit, so concurrent writers cannot lose each other's counts.
The highest severity is kept exact under such swaps by counting messages per severity
(``messages_by_severity``).

Messages are committed before their conversations. A crash in between leaves those
messages landed and their conversations behind; the replay finds the messages stored with
a landing time later than their conversation's and recounts that conversation from the
messages table, as it does for a conversation whose roll-up is unset (written by an
older version). Recounting reads only the messages of those conversations.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from openai_connector.pipeline.records import add_type_counts, count_by_type, highest_severity

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogStore

#: The roll-up columns of a conversation row.
ROLLUP_COLUMNS = (
    "message_count",
    "finding_count",
    "highest_severity",
    "findings_by_type",
    "messages_by_severity",
)
#: What a message row contributes to its conversation's roll-up.
CONTRIBUTION_COLUMNS = ("conversation_id", "finding_count", "highest_severity", "findings_by_type")


@dataclass
class Rollup:
    """A conversation's totals over its messages; a message can be added or taken back."""

    messages: int = 0
    findings: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)

    @classmethod
    def stored(cls, row: Mapping[str, Any]) -> Rollup | None:
        """The roll-up a conversation row holds; None if it is unset or incomplete."""
        if row.get("message_count") is None:
            return None
        if row.get("highest_severity") and not row.get("messages_by_severity"):
            return None  # written before severities were counted
        rollup = cls(row["message_count"], row.get("finding_count") or 0)
        add_type_counts(rollup.by_type, row.get("findings_by_type"))
        add_type_counts(rollup.by_severity, row.get("messages_by_severity"))
        return rollup

    def add(self, message: Mapping[str, Any], sign: int = 1) -> None:
        """Add (``sign`` 1) or take back (-1) one message row's contribution."""
        self.messages += sign
        self.findings += sign * (message.get("finding_count") or 0)
        if message.get("findings_by_type"):
            for entity_type, count in json.loads(message["findings_by_type"]).items():
                self.by_type[entity_type] += sign * count
        if message.get("highest_severity"):
            self.by_severity[message["highest_severity"]] += sign

    def __iadd__(self, other: Rollup) -> Rollup:
        self.messages += other.messages
        self.findings += other.findings
        self.by_type.update(other.by_type)
        self.by_severity.update(other.by_severity)
        return self

    def columns(self) -> dict[str, Any]:
        """The roll-up columns of the conversation row."""
        severities = +self.by_severity  # drops zero counts
        return {
            "message_count": self.messages,
            "finding_count": self.findings,
            "highest_severity": highest_severity(severities),
            "findings_by_type": count_by_type((+self.by_type).elements()),
            "messages_by_severity": count_by_type(severities.elements()),
        }


@dataclass
class BatchRollups:
    """What one landed messages batch changes in its conversations' roll-ups."""

    deltas: dict[str, Rollup] = field(default_factory=dict)
    #: Per conversation, the latest landing time among its replaced message rows.
    replaced_landed_at: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(
        cls, landed: Iterable[Mapping[str, Any]], replaced: Iterable[Mapping[str, Any]]
    ) -> BatchRollups:
        """From the rows written and the stored rows they replaced (a message keeps its
        conversation)."""
        result = cls()
        for row in landed:
            result._delta(row["conversation_id"]).add(row)
        for row in replaced:
            conversation_id = row["conversation_id"]
            result._delta(conversation_id).add(row, -1)
            landed_at = result.replaced_landed_at.get(conversation_id)
            if landed_at is None or row["ingested_at"] > landed_at:
                result.replaced_landed_at[conversation_id] = row["ingested_at"]
        return result

    def _delta(self, conversation_id: str) -> Rollup:
        return self.deltas.setdefault(conversation_id, Rollup())

    def apply(self, stored: Mapping[str, Any] | None, conversation_id: str) -> Rollup | None:
        """The conversation's new roll-up from its stored row, or None: recount it."""
        landed_at = self.replaced_landed_at.get(conversation_id)
        if stored is None:
            # no row yet: its messages are new, unless some were stored before (a crash)
            rollup = Rollup() if landed_at is None else None
        else:
            rollup = Rollup.stored(stored)
            if landed_at is not None and landed_at > stored["ingested_at"]:
                rollup = None  # a landing of these messages never reached the conversation
        if rollup is not None:
            rollup += self.deltas.get(conversation_id, Rollup())
        return rollup


def recount(
    store: CatalogStore, workspace_id: str, conversation_ids: Iterable[str]
) -> dict[str, Rollup]:
    """Roll-ups of these conversations counted from the messages table."""
    from openai_connector.catalog.operations import messages_of

    ids = sorted(set(conversation_ids))
    totals = {conversation_id: Rollup() for conversation_id in ids}
    for row in messages_of(store, workspace_id, ids, CONTRIBUTION_COLUMNS):
        totals[row["conversation_id"]].add(row)
    return totals
