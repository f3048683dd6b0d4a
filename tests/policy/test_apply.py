"""A policy applied around the real classifier: filters, additions, severities, overlaps."""

from __future__ import annotations

from openai_connector.classify import TextItem, get_classifier
from openai_connector.policy import Policy, policy_classifier
from openai_connector.policy.apply import MAX_MATCHES_PER_PATTERN
from tests.policy.policies import FindFn, policy_of

CHAT = (
    "Hi, I'm Maria Garcia from the Berlin office. Please email maria.garcia@acme-corp.io "
    "or call me at (415) 555-0132. My SSN is 536-22-1234."
)


def spans(text: str, findings) -> dict[str, str]:
    return {f.entity_type: text[f.start : f.end] for f in findings}


def test_default_policy_changes_nothing(find: FindFn) -> None:
    [(_, plain)] = get_classifier().classify([TextItem("message", "m-1", CHAT)])
    assert find(Policy.default(), CHAT) == plain
    assert {"PERSON", "LOCATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "US_SSN"} <= {
        f.entity_type for f in plain
    }


def test_disabled_entities_and_thresholds_drop_findings(find: FindFn) -> None:
    policy = policy_of(
        "entities:\n  disabled: [LOCATION]\n  thresholds: {PHONE_NUMBER: 0.5, US_SSN: 0.9}\n"
    )
    assert set(spans(CHAT, find(policy, CHAT))) == {"PERSON", "EMAIL_ADDRESS"}
    assert set(spans(CHAT, find(policy_of("min_score: 0.95"), CHAT))) == {"EMAIL_ADDRESS"}


def test_a_threshold_below_the_default_reveals_weaker_findings(find: FindFn) -> None:
    text = "Ticket 123456789 was closed."
    assert "US_BANK_NUMBER" not in spans(text, find(Policy.default(), text))
    lowered = policy_of("entities: {thresholds: {US_BANK_NUMBER: 0.05}}")
    assert spans(text, find(lowered, text))["US_BANK_NUMBER"] == "123456789"


def test_disabled_entities_do_not_hide_what_they_overlap(find: FindFn) -> None:
    """At score 0.05 weak identifiers cover the date; disabled, they must not hide it."""
    text = "Ticket 123456789 was closed."
    assert "DATE_TIME" not in spans(text, find(policy_of("min_score: 0.05"), text))
    hidden = policy_of("min_score: 0.05\nentities: {disabled: [US_BANK_NUMBER, US_PASSPORT]}")
    assert spans(text, find(hidden, text)) == {"DATE_TIME": "123456789"}


def test_an_allowed_finding_does_not_hide_what_it_overlaps(find: FindFn) -> None:
    """The policy filters before overlaps are resolved: the password shadows the e-mail-like
    span it sits in; allow-listed, it must give that span back."""
    text = "Connect with postgres://admin:Vx9pLq2w@db.acme.io:5432/prod today."
    assert spans(text, find(Policy.default(), text))["PASSWORD"] == "Vx9pLq2w"
    allowed = spans(text, find(policy_of("allow: {values: [Vx9pLq2w]}"), text))
    assert "PASSWORD" not in allowed
    assert allowed["EMAIL_ADDRESS"] == "Vx9pLq2w@db.acme.io"


def test_allow_lists_match_the_span_text(find: FindFn) -> None:
    text = (
        "Write to Support@Acme.com, ops@eu.acme.com or ann@notacme.com; "
        "test card 4539 1488 0343 6467, real one 4556 7375 8689 9855."
    )
    policy = policy_of(
        "allow:\n  values: [support@acme.com]\n  patterns: ['^4539 ']\n"
        "  email_domains: [acme.com]\n"
    )
    found = [text[f.start : f.end] for f in find(policy, text)]
    assert "ann@notacme.com" in found
    assert "4556 7375 8689 9855" in found
    assert not {"Support@Acme.com", "ops@eu.acme.com", "4539 1488 0343 6467"} & set(found)


def test_deny_terms_are_always_findings(find: FindFn) -> None:
    text = "Project Bluebird ships with Project Bluebirds and project bluebird notes; Globex."
    policy = policy_of(
        "deny:\n  - {value: Project Bluebird, entity: CODENAME, severity: high}\n  - Globex\n"
        "entities: {disabled: [CODENAME, DENY_LIST]}\nallow: {values: [Globex]}\n"
    )
    denied = [f for f in find(policy, text) if f.recognizer == "policy:deny_list"]
    assert [(text[f.start : f.end], f.entity_type, f.severity) for f in denied] == [
        ("Project Bluebird", "CODENAME", "high"),
        ("Globex", "DENY_LIST", "medium"),
    ]
    assert all(f.score == 1.0 and "Bluebird" not in f.masked_preview for f in denied)


def test_custom_recognizers_find_and_follow_allow_rules(find: FindFn) -> None:
    text = "Badge EMP-123456 and EMP-000000 belong to staff."
    policy = policy_of(
        "recognizers:\n"
        "  - {name: acme_employee_id, entity: ACME_EMPLOYEE_ID, pattern: '\\bEMP-\\d{6}\\b'}\n"
        "severity: {ACME_EMPLOYEE_ID: high}\nallow: {values: [EMP-000000]}\n"
    )
    [finding] = find(policy, text)
    assert text[finding.start : finding.end] == "EMP-123456"
    assert (finding.entity_type, finding.recognizer) == (
        "ACME_EMPLOYEE_ID",
        "policy:acme_employee_id",
    )
    assert (finding.score, finding.severity, finding.masked_preview) == (0.85, "high", "****")
    assert finding.finding_id == find(policy, text)[0].finding_id


def test_severity_overrides_rank_overlaps(find: FindFn) -> None:
    """A custom rule over a built-in span wins or loses by the policy's severities."""
    text = "Call me at (415) 555-0132."
    rule = "recognizers:\n  - {name: desk, entity: DESK_LINE, pattern: '\\(415\\) 555-\\d{4}'}\n"
    low = find(policy_of(rule + "severity: {DESK_LINE: low}"), text)
    assert [(f.entity_type, f.severity) for f in low] == [("PHONE_NUMBER", "medium")]
    critical = find(policy_of(rule + "severity: {PHONE_NUMBER: low, DESK_LINE: critical}"), text)
    assert [(f.entity_type, f.severity) for f in critical] == [("DESK_LINE", "critical")]
    person = find(policy_of("severity: {PERSON: critical}"), CHAT)
    assert {f.severity for f in person if f.entity_type == "PERSON"} == {"critical"}


def test_matches_per_pattern_are_capped(find: FindFn) -> None:
    text = "Q " * (MAX_MATCHES_PER_PATTERN + 500)
    policy = policy_of("recognizers:\n  - {name: q, entity: Q_MARK, pattern: Q}\n")
    assert len(find(policy, text)) == MAX_MATCHES_PER_PATTERN


def test_one_wrapper_per_policy() -> None:
    assert policy_classifier(policy_of("min_score: 0.5")) is policy_classifier(
        policy_of("min_score: 0.5")
    )
    assert policy_classifier(Policy.default()) is not policy_classifier(policy_of("storage: full"))
