"""Loading policies: defaults, the documented example, round trips, and every error's line."""

from __future__ import annotations

import pytest

from openai_connector.policy import (
    CustomRecognizer,
    DenyTerm,
    Policy,
    PolicyError,
    load_policy,
    parse_policy,
)
from tests.paths import REPO
from tests.policy.policies import policy_of

EXAMPLE = REPO / "include" / "policies" / "example.yaml"


def test_default_policy_reports_everything_and_stores_redacted_text() -> None:
    policy = Policy.default()
    assert policy.storage == "redacted"
    assert policy.min_score == 0.4
    assert policy.disabled == frozenset()
    assert (policy.allow_values, policy.deny, policy.recognizers) == (frozenset(), (), ())
    assert policy_of("") == policy


def test_the_documented_example_loads() -> None:
    policy = load_policy(EXAMPLE)
    assert policy.disabled == {"DATE_TIME", "NRP", "URL"}
    assert dict(policy.thresholds) == {"PERSON": 0.7, "LOCATION": 0.6}
    assert dict(policy.severity) == {"PERSON": "low", "US_SSN": "critical"}
    assert policy.allow_email_domains == {"acme.com"}
    assert policy.deny == (
        DenyTerm("Project Bluebird", "CODENAME", "high"),
        DenyTerm("Globex merger"),
    )
    assert policy.recognizers == (
        CustomRecognizer("acme_employee_id", "ACME_EMPLOYEE_ID", r"\bEMP-\d{6}\b", 0.9, "medium"),
    )


def test_round_trips_through_json_and_is_hashable() -> None:
    policy = load_policy(EXAMPLE)
    again = Policy.from_dict(policy.to_dict())
    assert again == policy
    assert hash(again) == hash(policy)
    assert parse_policy(EXAMPLE.read_text(), "x") == policy


def test_score_floor_is_the_lowest_threshold() -> None:
    assert policy_of("min_score: 0.5\nentities: {thresholds: {PERSON: 0.8}}").score_floor == 0.5
    assert policy_of("entities: {thresholds: {US_BANK_NUMBER: 0.05}}").score_floor == 0.05


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("storage: full\n", "line 1: version is required"),
        ("version: 2\n", "line 1: version must be 1, got 2"),
        ("version: true\n", "line 1: version must be 1, got True"),
        ("version: 1\nstorage: raw\n", "line 2: storage must be one of full, redacted, none"),
        ("version: 1\nmin_score: 1.5\n", "line 2: min_score must be a number from 0 to 1"),
        ("version: 1\nmin_score: high\n", "line 2: min_score must be a number from 0 to 1"),
        ("version: 1\nthreshold: 0.5\n", "line 2: threshold is not a known key; use one of"),
        ("version: 1\nentities:\n  disabled: PERSON\n", "line 3: entities.disabled must be a list"),
        (
            "version: 1\nentities:\n  disabled: [PERSON, email]\n",
            "line 3: entities.disabled[1] must be an entity type like US_SSN, got 'email'",
        ),
        (
            "version: 1\nentities:\n  thresholds:\n    PERSON: 0.5\n    US_SSN: -1\n",
            "line 5: entities.thresholds.US_SSN must be a number from 0 to 1, got -1",
        ),
        ("version: 1\nentities: [PERSON]\n", "line 2: entities must be a mapping, got list"),
        (
            "version: 1\n\nseverity:\n  PERSON: low\n  OPENAI_API_KEY: severe\n",
            "test.yaml line 5: severity.OPENAI_API_KEY must be one of low, medium, high, critical",
        ),
        (
            "version: 1\nallow:\n  patterns:\n    - '^ok'\n    - '(unclosed'\n",
            "line 5: allow.patterns[1] is not a valid regex: missing ), unterminated subpattern",
        ),
        (
            "version: 1\nallow:\n  patterns: ['(\\w+)\\1@']\n",
            "line 3: allow.patterns[0] cannot run in linear time",
        ),
        (
            "version: 1\nallow:\n  values: ['']\n",
            "line 3: allow.values[0] must be a non-empty string",
        ),
        (
            "version: 1\nallow:\n  email_domains: [acme]\n",
            "line 3: allow.email_domains[0] must be a domain like example.com, got 'acme'",
        ),
        ("version: 1\ndeny:\n  - {entity: CODENAME}\n", "line 3: deny[0].value is required"),
        (
            "version: 1\ndeny:\n  - Bluebird\n  - {value: Bluebird}\n",
            "line 4: deny[1].value repeats an earlier deny value",
        ),
        (
            "version: 1\ndeny:\n  - {value: Bluebird, severity: urgent}\n",
            "line 3: deny[0].severity must be one of low, medium, high, critical, got 'urgent'",
        ),
        (
            "version: 1\nrecognizers:\n  - name: ids\n    entity: EMP_ID\n    pattern: 'x*'\n",
            "line 5: recognizers[0].pattern matches the empty string",
        ),
        (
            "version: 1\nrecognizers:\n  - name: ids\n    entity: EMP_ID\n",
            "line 3: recognizers[0].pattern is required",
        ),
        (
            "version: 1\nrecognizers:\n  - {name: a, entity: A, pattern: a}\n"
            "  - {name: a, entity: B, pattern: b}\n",
            "line 4: recognizers[1].name repeats the recognizer name 'a'",
        ),
        (
            "version: 1\nrecognizers:\n  - {name: a, entity: A, pattern: a, score: 2}\n",
            "line 3: recognizers[0].score must be a number from 0 to 1, got 2",
        ),
        (
            "version: 1\nrecognizers:\n  - {name: a, entity: A, pattern: a, context: [x]}\n",
            "line 3: recognizers[0].context is not a known key",
        ),
        ("version: 1\nstorage: full\nstorage: none\n", "line 3: key 'storage' is repeated"),
        ("version: 1\nstorage: [full\n", "line 3: invalid YAML"),
        ("version: 1\nstorage: !!python/name:os.system full\n", "line 2: invalid YAML"),
        ("", "the policy is empty; it needs at least 'version: 1'"),
        ("versoin: 1\n", "line 1: versoin is not a known key; use one of version, storage"),
        ("version: 1\ncountries: [[US]]\n", "line 2: countries[0] must be a country code"),
        ("version: 1\ndeny: [{value: x, colour: null}]\n", "line 2: deny[0].colour is not a known"),
    ],
)
def test_invalid_policy_names_file_line_and_key(body: str, expected: str) -> None:
    with pytest.raises(PolicyError) as error:
        parse_policy(body, "test.yaml")
    assert str(error.value).startswith("test.yaml")
    assert expected in str(error.value)


def test_missing_or_unreadable_file_is_a_policy_error(tmp_path) -> None:
    with pytest.raises(PolicyError, match=r"acme\.yaml: cannot read the policy file"):
        load_policy(tmp_path / "acme.yaml")
    (tmp_path / "bad.yaml").write_bytes(b"version: 1\nstorage: \xff\n")
    with pytest.raises(PolicyError, match="not UTF-8"):
        load_policy(tmp_path / "bad.yaml")


def test_from_dict_validates_without_lines() -> None:
    with pytest.raises(PolicyError, match=r"^policy: storage must be one of"):
        Policy.from_dict({"version": 1, "storage": "everything"})
