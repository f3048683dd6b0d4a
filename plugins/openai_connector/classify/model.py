"""What goes into the classifier (TextItem) and what comes out (Finding).

A Finding carries a masked preview only: the raw sensitive value never leaves the
classifier, so nothing downstream (catalog, logs, reports) can leak it.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from openai_connector.classify.national_ids import NATIONAL_ID_ENTITIES
from openai_connector.constants import SEVERITY_RANK, Severity

#: The entity of the detection that marks a text whose analysis its time budget cut short;
#: it never becomes a finding.
TIME_BUDGET_MARK = "CLASSIFY_TIME_BUDGET"

SEVERITY_BY_ENTITY: Mapping[str, Severity] = {
    # Secrets: whoever reads them can act as their owner until they are rotated.
    "PRIVATE_KEY": "critical",
    "GCP_SERVICE_ACCOUNT_KEY": "critical",
    "OPENAI_API_KEY": "critical",
    "ANTHROPIC_API_KEY": "critical",
    "AWS_ACCESS_KEY_ID": "critical",
    "AWS_SECRET_ACCESS_KEY": "critical",
    "GOOGLE_API_KEY": "critical",
    "AZURE_STORAGE_KEY": "critical",
    "AZURE_SAS_TOKEN": "critical",
    "GITHUB_TOKEN": "critical",
    "GITLAB_TOKEN": "critical",
    "SLACK_TOKEN": "critical",
    "SLACK_WEBHOOK_URL": "critical",
    "STRIPE_SECRET_KEY": "critical",
    "JWT": "critical",
    "PASSWORD": "critical",
    "GENERIC_SECRET": "critical",
    # A hash reveals its password only to offline cracking, and only when that is weak.
    "PASSWORD_HASH": "high",
    # Financial and government identifiers: enough for fraud or identity theft.
    "CREDIT_CARD": "high",
    "US_SSN": "high",
    "IBAN_CODE": "high",
    "US_BANK_NUMBER": "high",
    "US_ITIN": "high",
    "US_PASSPORT": "high",
    "US_DRIVER_LICENSE": "high",
    "UK_NHS": "high",
    "MEDICAL_LICENSE": "high",
    "CRYPTO": "high",
    # Health data tied to a person, and what finds a person's home or age.
    "PHI": "high",
    "MEDICAL_RECORD_NUMBER": "high",
    "HEALTH_PLAN_ID": "high",
    "DATE_OF_BIRTH": "high",
    "STREET_ADDRESS": "medium",
    # Personal data that identifies or reaches a person.
    "PERSON": "medium",
    "EMAIL_ADDRESS": "medium",
    "PHONE_NUMBER": "medium",
    "IP_ADDRESS": "medium",
    # Context that is rarely sensitive on its own.
    "LOCATION": "low",
    "DATE_TIME": "low",
    "NRP": "low",
    "ORGANIZATION": "low",
    "URL": "low",
    "UUID": "low",
    "MAC_ADDRESS": "low",
}

# Entity names that denote credentials, so recognizers added later are critical by default.
_SECRET_NAME_MARKERS = ("_KEY", "_TOKEN", "_SECRET", "PASSWORD", "CREDENTIAL", "WEBHOOK")


#: A credential finding is critical only when its recognizer is this sure of the shape
#: (vendor prefix, PEM block, signed JWT, credential URL, high-entropy assigned value);
#: below it the finding is ``high``, since remediation deletes on critical by default.
CRITICAL_MIN_SCORE = 0.8


def severity_for(entity_type: str, score: float | None = None) -> Severity:
    """Severity of an entity type: the explicit map, national identifiers, credential names.

    With ``score``, a critical type found with less confidence than ``CRITICAL_MIN_SCORE``
    is ``high``.
    """
    if entity_type in SEVERITY_BY_ENTITY:
        severity = SEVERITY_BY_ENTITY[entity_type]
    elif entity_type in NATIONAL_ID_ENTITIES:
        severity = "high"
    elif any(marker in entity_type for marker in _SECRET_NAME_MARKERS):
        severity = "critical"
    else:
        severity = "medium"
    if severity == "critical" and score is not None and score < CRITICAL_MIN_SCORE:
        return "high"
    return severity


def make_finding_id(
    object_type: str,
    object_id: str,
    location: str | None,
    entity_type: str,
    start: int,
    end: int,
) -> str:
    """Stable id so re-classifying the same object upserts instead of duplicating."""
    key = "\x1f".join((object_type, object_id, location or "", entity_type, str(start), str(end)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class TextItem:
    """One piece of text to classify; ``location`` tells apart texts of one object."""

    object_type: str
    object_id: str
    text: str = field(repr=False)
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected entity; ``start``/``end`` index the item's original text."""

    finding_id: str
    object_type: str
    object_id: str
    entity_type: str
    score: float
    start: int
    end: int
    masked_preview: str
    recognizer: str
    severity: Severity
    location: str | None = None

    def to_row(self) -> dict[str, Any]:
        """Plain dict for tables and JSON output (every field is a plain value, so no
        recursive ``asdict``: landing builds one per finding)."""
        return {name: getattr(self, name) for name in _FINDING_FIELDS}


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def _rank(finding: Finding) -> tuple[int, float, int]:
    return (SEVERITY_RANK[finding.severity], finding.score, finding.end - finding.start)


def _shadows(strong: Finding, weak: Finding) -> bool:
    contains = strong.start <= weak.start and weak.end <= strong.end
    overlaps = weak.start < strong.end and strong.start < weak.end
    more_severe = SEVERITY_RANK[strong.severity] > SEVERITY_RANK[weak.severity]
    return contains or (overlaps and more_severe)


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Drop findings shadowed by a stronger one, and order the rest by position.

    Several recognizers often claim one span (a date inside a card number, a URL inside
    an e-mail address, anything inside a private key block); the most severe, then most
    confident, then longest finding speaks for it. A less severe finding that merely
    overlaps a more severe one goes too (the "e-mail" ``s3cret@db.host`` inside a
    database URL): its preview would show part of the secret. Findings of equal severity
    that only partly overlap are kept, since each covers text the other does not.
    """
    # Kept findings by start: only those starting within the longest kept finding's length
    # before a candidate can reach it, so a text with thousands of findings stays fast.
    starts: list[int] = []
    kept: list[Finding] = []
    longest = 0
    for candidate in sorted(findings, key=_rank, reverse=True):
        near = kept[
            bisect.bisect_left(starts, candidate.start - longest) : bisect.bisect_right(
                starts, candidate.end
            )
        ]
        if not any(_shadows(strong, candidate) for strong in near):
            index = bisect.bisect_left(starts, candidate.start)
            starts.insert(index, candidate.start)
            kept.insert(index, candidate)
            longest = max(longest, candidate.end - candidate.start)
    return sorted(kept, key=lambda finding: (finding.start, finding.end, finding.entity_type))
