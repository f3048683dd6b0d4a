"""Reconciliation: how far what a catalog holds is from the simulator's ground truth.

Pure and catalog-free, so tests and benchmarks share one definition of "exactly the truth":
callers read the landed rows (the columns named in :data:`LANDED_COLUMNS`) and pass them in.
Rows are counted, not deduplicated, so a key landed twice shows as a duplicate.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from openai_connector.simulator.truth import GroundTruth, Record

#: Per reconciled entity: the catalog table's key column (and, for files, the status column).
LANDED_COLUMNS: dict[str, tuple[str, ...]] = {
    "messages": ("message_id",),
    "conversations": ("conversation_id",),
    "files": ("file_id", "status"),
    "users": ("user_id",),
    "events": ("event_id",),
}
_IMAGE_PREFIX = "image/"


def expected_file_status(file: Record, *, ocr: bool) -> str:
    """The status a correct run gives a truth file: expired uploads cannot be fetched, and
    images are only read when OCR is available; every other simulated file extracts."""
    if file["expired"]:
        return "expired"
    if file["mime"].startswith(_IMAGE_PREFIX) and not ocr:
        return "unsupported"
    return "scanned"


@dataclass(frozen=True)
class EntityDiff:
    """One entity's comparison; ``wrong_status`` counts files landed with another status."""

    expected: int
    landed: int
    lost: int
    duplicated: int
    unexpected: int
    wrong_status: int = 0

    @property
    def exact(self) -> bool:
        return not (self.lost or self.duplicated or self.unexpected or self.wrong_status)


@dataclass(frozen=True)
class Reconciliation:
    """Every entity's comparison, with totals across them."""

    entities: Mapping[str, EntityDiff]

    @property
    def total(self) -> EntityDiff:
        """The counts of every entity added up."""
        diffs = list(self.entities.values())
        return EntityDiff(
            *(sum(getattr(diff, f.name) for diff in diffs) for f in dataclasses.fields(EntityDiff))
        )

    @property
    def exact(self) -> bool:
        return all(diff.exact for diff in self.entities.values())

    def describe(self) -> str:
        """A one-line account of every inexact entity (empty when exact), for assertions."""
        return "; ".join(
            f"{name}: {diff.lost} lost, {diff.duplicated} duplicated, "
            f"{diff.unexpected} unexpected, {diff.wrong_status} wrong status"
            for name, diff in self.entities.items()
            if not diff.exact
        )


def reconcile(
    truth: GroundTruth, landed: Mapping[str, Iterable[Mapping[str, Any]]], *, ocr: bool
) -> Reconciliation:
    """Compare landed rows (per entity of :data:`LANDED_COLUMNS`) with the ground truth.

    ``ocr`` says whether image files can be read here, which decides their expected status.
    An entity missing from ``landed`` counts as nothing landed.
    """
    expected: dict[str, dict[str, str | None]] = {
        "messages": {m["id"]: None for m in truth.messages},
        "conversations": {c["id"]: None for c in truth.conversations},
        "files": {f["id"]: expected_file_status(f, ocr=ocr) for f in truth.files},
        "users": {u["id"]: None for u in truth.users},
        "events": {e["id"]: None for e in truth.events},
    }
    entities = {}
    for name, (key, *status) in LANDED_COLUMNS.items():
        rows = list(landed.get(name, ()))
        entities[name] = _diff(expected[name], rows, key, status[0] if status else None)
    return Reconciliation(entities)


def _diff(
    expected: Mapping[str, str | None],
    rows: list[Mapping[str, Any]],
    key: str,
    status: str | None,
) -> EntityDiff:
    landed = Counter(row[key] for row in rows)
    wrong_status = 0
    if status is not None:
        wrong_status = sum(
            1 for row in rows if row[key] in expected and row[status] != expected[row[key]]
        )
    return EntityDiff(
        expected=len(expected),
        landed=len(rows),
        lost=sum(1 for k in expected if k not in landed),
        duplicated=sum(n - 1 for n in landed.values()),
        unexpected=sum(1 for k in landed if k not in expected),
        wrong_status=wrong_status,
    )
