"""What a remediation run is asked to do, what it selected and what happened: plain data.

Everything here is JSON-able and free of I/O, so the DAG, the command line and the tests share
one vocabulary and a plan can be printed, audited and compared without touching the API.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from openai_connector.constants import (
    REMEDIATION_MAX_DELETIONS,
    REMEDIATION_MIN_SEVERITY,
    SEVERITY_RANK,
)
from openai_connector.errors import OpenAIConnectorError
from openai_connector.validation import describe

TargetType = Literal[
    "conversation", "user_file", "gpt_file", "project_file", "gpt_sharing", "project_sharing"
]
#: Visibilities that expose a GPT or project beyond the workspace.
PUBLIC_VISIBILITIES = ("anyone-with-link", "gpt-store")

Status = Literal[
    "planned",  # dry run: would be acted on
    "blocked",  # a safety gate stopped the run before any API call on the target
    "pending",  # written before the API call; left alone only by a crash
    "deleted",
    "unshared",
    "already_gone",  # the API answered 404: someone (or an earlier crashed run) removed it
    "done_earlier",  # an earlier run's audit row already records it as done
    "failed",
]
#: Outcomes after which a target must never be sent to the API again.
DONE_STATUSES: tuple[Status, ...] = ("deleted", "unshared", "already_gone", "done_earlier")


class CriteriaError(OpenAIConnectorError, ValueError):
    """A remediation parameter is invalid; the message names it."""


@dataclass(frozen=True)
class Criteria:
    """Which findings make an object a target; ``targets`` narrows to explicit ids."""

    min_severity: str = REMEDIATION_MIN_SEVERITY
    entity_types: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.min_severity not in SEVERITY_RANK:
            raise CriteriaError(
                f"min_severity must be one of {', '.join(SEVERITY_RANK)}, got {self.min_severity!r}"
            )

    @classmethod
    def from_values(
        cls,
        min_severity: str | None = None,
        entity_types: Sequence[str] | None = None,
        targets: Sequence[str] | None = None,
    ) -> Criteria:
        """From form or command-line values: blanks dropped, duplicates collapsed, order kept."""
        return cls(
            min_severity=min_severity or REMEDIATION_MIN_SEVERITY,
            entity_types=_clean(entity_types, upper=True),
            targets=_clean(targets),
        )

    @property
    def severities(self) -> tuple[str, ...]:
        """Every severity at or above ``min_severity``."""
        floor = SEVERITY_RANK[self.min_severity]
        return tuple(name for name, rank in SEVERITY_RANK.items() if rank >= floor)


def _clean(values: Sequence[str] | None, *, upper: bool = False) -> tuple[str, ...]:
    cleaned = (str(value).strip() for value in values or ())
    return tuple(dict.fromkeys(v.upper() if upper else v for v in cleaned if v))


@dataclass(frozen=True)
class Target:
    """One object to act on, with the evidence (finding ids, entity types) that selected it.

    ``parent_id`` is the owner the API path needs: the user of a user file, the GPT or
    project of a knowledge file. ``previews`` are the findings' masked previews.
    """

    target_type: TargetType
    target_id: str
    finding_ids: tuple[str, ...]
    entity_types: tuple[str, ...]
    highest_severity: str
    parent_id: str | None = None
    previews: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.target_type, self.target_id)

    @property
    def reason(self) -> str:
        """Why it was selected, as the audit table records it."""
        count = len(self.finding_ids)
        return (
            f"{count} finding{'s' if count != 1 else ''} up to {self.highest_severity} "
            f"({', '.join(self.entity_types)}): {', '.join(self.finding_ids)}"
        )


@dataclass(frozen=True)
class Skipped:
    """An object with matching findings that cannot or need not be acted on, and why."""

    object_type: str
    object_id: str
    why: str


@dataclass(frozen=True)
class Plan:
    """The selection: targets in a stable order, what was skipped, explicit ids not found."""

    workspace_id: str
    criteria: Criteria
    targets: tuple[Target, ...]
    skipped: tuple[Skipped, ...] = ()
    unmatched: tuple[str, ...] = ()


@dataclass(frozen=True)
class Request:
    """What the trigger form (or the command line) asked for; a dry run unless told."""

    run_id: str
    triggered_by: str
    criteria: Criteria = field(default_factory=Criteria)
    dry_run: bool = True
    confirm: str | None = None
    max_deletions: int = REMEDIATION_MAX_DELETIONS

    def __post_init__(self) -> None:
        if isinstance(self.max_deletions, bool) or self.max_deletions < 0:
            raise CriteriaError(f"max_deletions must be 0 or more, got {self.max_deletions!r}")

    @classmethod
    def from_params(cls, params: Mapping[str, Any], *, run_id: str, triggered_by: str) -> Request:
        """From the remediation DAG's params (also the command line's options)."""
        try:
            values = RemediationParams.model_validate(params)
        except ValidationError as exc:
            raise CriteriaError(f"remediation params: {describe(exc)}") from None
        return cls(
            run_id=run_id,
            triggered_by=triggered_by,
            criteria=Criteria.from_values(values.min_severity, values.entity_types, values.targets),
            dry_run=values.dry_run,
            confirm=values.confirm or None,
            max_deletions=values.max_deletions,
        )


class RemediationParams(BaseModel):
    """The shape of the remediation DAG's params; other params of the run are ignored.

    Values are checked where they are used (:class:`Criteria`, :class:`Request`). Anything but
    an explicit ``false`` is a dry run: a form that sends ``"false"`` or a typo must not delete.
    """

    model_config = ConfigDict(frozen=True, coerce_numbers_to_str=True)

    min_severity: str | None = None
    entity_types: tuple[str, ...] | None = None
    targets: tuple[str, ...] | None = None
    dry_run: Annotated[bool, BeforeValidator(lambda value: value is not False)] = True
    confirm: str | None = None
    max_deletions: Annotated[
        int, BeforeValidator(lambda value: REMEDIATION_MAX_DELETIONS if value is None else value)
    ] = REMEDIATION_MAX_DELETIONS


@dataclass(frozen=True)
class Outcome:
    """What happened to one target; ``detail`` is an error or note, never a raw value."""

    target: Target
    status: Status
    api_status: int | None = None
    detail: str | None = None


@dataclass(frozen=True)
class Result:
    """A finished run: its plan and one outcome per target."""

    run_id: str
    dry_run: bool
    plan: Plan
    outcomes: tuple[Outcome, ...]

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(outcome.status for outcome in self.outcomes))

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.status == "failed")

    def summary(self) -> dict[str, Any]:
        """Small JSON-able summary (XCom, logs): counts per status, no previews."""
        return {
            "run_id": self.run_id,
            "dry_run": self.dry_run,
            "targets": len(self.plan.targets),
            "skipped": len(self.plan.skipped),
            "unmatched_targets": list(self.plan.unmatched),
            "outcomes": self.counts,
        }
