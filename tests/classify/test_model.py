"""Finding ids, severities and overlap resolution."""

from __future__ import annotations

from openai_connector.classify import severity_for
from openai_connector.classify.model import Finding, make_finding_id, resolve_overlaps


def test_finding_id_is_stable_and_sensitive_to_every_part():
    parts = ("message", "m-1", "content", "EMAIL_ADDRESS", 3, 17)
    finding_id = make_finding_id(*parts)
    assert finding_id == make_finding_id(*parts)
    assert len(finding_id) == 32
    assert int(finding_id, 16) >= 0
    for index in range(len(parts)):
        changed = list(parts)
        changed[index] = changed[index] + 1 if isinstance(changed[index], int) else "other"
        assert make_finding_id(*changed) != finding_id
    assert make_finding_id("message", "m-1", None, "EMAIL_ADDRESS", 3, 17) != finding_id


def test_severity_map():
    assert severity_for("PRIVATE_KEY") == "critical"
    assert severity_for("CREDIT_CARD") == "high"
    assert severity_for("US_SSN") == "high"
    assert severity_for("IBAN_CODE") == "high"
    assert severity_for("EMAIL_ADDRESS") == "medium"
    assert severity_for("DATE_TIME") == "low"
    assert severity_for("AZURE_STORAGE_KEY") == "critical"
    assert severity_for("SOMETHING_NEW") == "medium"


def _finding(entity: str, start: int, end: int, score: float = 0.8) -> Finding:
    return Finding(
        "id", "message", "m", entity, score, start, end, "****", "test", severity_for(entity)
    )


def test_resolve_overlaps_keeps_strongest_of_same_span():
    weaker = _finding("PERSON", 0, 10, 0.85)
    stronger = _finding("EMAIL_ADDRESS", 0, 10, 1.0)
    assert resolve_overlaps([weaker, stronger]) == [stronger]


def test_resolve_overlaps_drops_contained_and_overlapped_weaker():
    card = _finding("CREDIT_CARD", 10, 29, 1.0)
    date_inside = _finding("DATE_TIME", 25, 29)
    password = _finding("PASSWORD", 40, 48)
    email_over_password = _finding("EMAIL_ADDRESS", 40, 60, 1.0)
    location_over_card = _finding("LOCATION", 8, 12)
    person = _finding("PERSON", 0, 6)
    ip_address_overlapping_person = _finding("IP_ADDRESS", 4, 9)

    kept = resolve_overlaps(
        [
            date_inside,
            email_over_password,
            card,
            password,
            location_over_card,
            person,
            ip_address_overlapping_person,
        ]
    )

    assert kept == [person, ip_address_overlapping_person, card, password]


def test_to_row_has_every_field():
    row = _finding("URL", 1, 5).to_row()
    assert row["entity_type"] == "URL"
    assert set(row) == {
        "finding_id", "object_type", "object_id", "entity_type", "score", "start", "end",
        "masked_preview", "recognizer", "severity", "location",
    }  # fmt: skip
