"""The ``Policy`` value: what a workspace counts as a finding, how severe, how text is stored.

Frozen and hashable, so a process keeps one policy-aware classifier per distinct policy, and
JSON-able (``to_dict`` gives the YAML schema back), so a run plan carries it through XCom.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openai_connector.constants import Severity

SCHEMA_VERSION = 1
STORAGE_MODES = ("full", "redacted", "none")
SEVERITIES = ("low", "medium", "high", "critical")
DEFAULT_STORAGE = "redacted"
#: Same floor as the classifier's default, so the default policy changes no finding.
DEFAULT_MIN_SCORE = 0.4
DEFAULT_DENY_ENTITY = "DENY_LIST"
DEFAULT_RECOGNIZER_SCORE = 0.85


@dataclass(frozen=True, slots=True)
class DenyTerm:
    """An exact, case-sensitive value that is always a finding (a codename, a client)."""

    value: str = field(repr=False)
    entity: str = DEFAULT_DENY_ENTITY
    severity: Severity | None = None

    def to_dict(self) -> dict[str, Any]:
        return _without_none(
            {"value": self.value, "entity": self.entity, "severity": self.severity}
        )


@dataclass(frozen=True, slots=True)
class CustomRecognizer:
    """A regex the workspace adds (employee ids, internal hostnames) with its entity type."""

    name: str
    entity: str
    pattern: str
    score: float = DEFAULT_RECOGNIZER_SCORE
    severity: Severity | None = None

    def to_dict(self) -> dict[str, Any]:
        return _without_none(
            {
                "name": self.name,
                "entity": self.entity,
                "pattern": self.pattern,
                "score": self.score,
                "severity": self.severity,
            }
        )


@dataclass(frozen=True, slots=True)
class Policy:
    """A workspace's detection policy; ``Policy.default()`` is what applies without a file.

    Mappings are kept as sorted ``(key, value)`` tuples and sets as frozensets so the value
    stays hashable; ``PolicyClassifier`` turns them into dicts once.
    """

    storage: str = DEFAULT_STORAGE
    min_score: float = DEFAULT_MIN_SCORE
    disabled: frozenset[str] = frozenset()
    enabled: frozenset[str] = frozenset()
    countries: frozenset[str] | None = None
    thresholds: tuple[tuple[str, float], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    allow_values: frozenset[str] = field(default=frozenset(), repr=False)
    allow_patterns: tuple[str, ...] = ()
    allow_email_domains: frozenset[str] = frozenset()
    deny: tuple[DenyTerm, ...] = ()
    recognizers: tuple[CustomRecognizer, ...] = ()

    @classmethod
    def default(cls) -> Policy:
        """Every entity on by default in the catalog, at the classifier's threshold, text
        stored redacted."""
        return cls()

    @property
    def inactive(self) -> frozenset[str]:
        """Entities this policy leaves off: disabled, off by default, or of other countries."""
        from openai_connector.classify.entities import inactive_entities

        return inactive_entities(self.disabled, self.enabled, self.countries)

    @property
    def score_floor(self) -> float:
        """The lowest score any entity may be reported at: what the classifier must keep."""
        return min((self.min_score, *(score for _, score in self.thresholds)))

    def to_dict(self) -> dict[str, Any]:
        """The policy in its YAML schema, as plain JSON types."""
        return {
            "version": SCHEMA_VERSION,
            "storage": self.storage,
            "min_score": self.min_score,
            "countries": None if self.countries is None else sorted(self.countries),
            "entities": {
                "disabled": sorted(self.disabled),
                "enabled": sorted(self.enabled),
                "thresholds": dict(self.thresholds),
            },
            "severity": dict(self.severity),
            "allow": {
                "values": sorted(self.allow_values),
                "patterns": list(self.allow_patterns),
                "email_domains": sorted(self.allow_email_domains),
            },
            "deny": [term.to_dict() for term in self.deny],
            "recognizers": [recognizer.to_dict() for recognizer in self.recognizers],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Policy:
        """Validate a policy in its schema (as ``to_dict`` or a YAML file gives it)."""
        from openai_connector.policy.schema import policy_from_data

        return policy_from_data(data, source="policy")


def _without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}
