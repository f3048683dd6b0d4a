"""Building a finding from a span of a text item: the one place a raw value is read.

Detectors (Presidio recognizers, policy regexes and deny-lists) only say *where* an entity
is; this turns the span into a finding with a stable id and a masked preview, so no code
path can put the raw value into a finding.
"""

from __future__ import annotations

from openai_connector.classify.masking import mask_entity
from openai_connector.classify.model import (
    Finding,
    Severity,
    TextItem,
    make_finding_id,
    severity_for,
)


def span_finding(
    item: TextItem,
    *,
    entity_type: str,
    start: int,
    end: int,
    score: float,
    recognizer: str,
    severity: Severity | None = None,
) -> Finding:
    """The finding for ``item.text[start:end]``; severity defaults to the entity's at that
    score."""
    return Finding(
        finding_id=make_finding_id(
            item.object_type, item.object_id, item.location, entity_type, start, end
        ),
        object_type=item.object_type,
        object_id=item.object_id,
        entity_type=entity_type,
        score=score,
        start=start,
        end=end,
        masked_preview=mask_entity(entity_type, item.text[start:end]),
        recognizer=recognizer,
        severity=severity or severity_for(entity_type, score),
        location=item.location,
    )
