"""The starter credential recognizers: real value found, look-alikes and placeholders not."""

from __future__ import annotations

import base64

import pytest

from openai_connector.classify.recognizers import is_example_host
from tests.classify.samples import (
    SECRETS,
    b64url,
    in_chat,
    random_chars,
    sample_private_key,
    text_with_secret,
)


@pytest.mark.parametrize("entity", sorted(SECRETS))
def test_detects_secret_with_exact_span(find, entity):
    value = SECRETS[entity]
    text = text_with_secret(entity)

    findings = [f for f in find(text) if f.entity_type == entity]

    assert len(findings) == 1
    finding = findings[0]
    assert text[finding.start : finding.end] == value
    assert finding.severity == "critical"
    assert finding.score >= 0.4


def test_legacy_openai_key(find):
    value = "sk-" + random_chars(20, 11) + "T3Blbk" + "FJ" + random_chars(20, 12)
    [finding] = [f for f in find(in_chat(value)) if f.entity_type == "OPENAI_API_KEY"]
    assert finding.score == 1.0


def test_openssh_private_key(find):
    value = sample_private_key("OPENSSH ")
    [finding] = [f for f in find(in_chat(value)) if f.entity_type == "PRIVATE_KEY"]
    assert (finding.end - finding.start) == len(value)


NEGATIVES = {
    "OPENAI_API_KEY": [
        "the risk-proj-" + random_chars(24, 21) + " budget",
        "sk-proj-short",
        "sk-" + random_chars(48, 22),
    ],
    "AWS_ACCESS_KEY_ID": ["AKIA1234 is too short", "BKIA" + random_chars(16, 23).upper()],
    "GITHUB_TOKEN": ["gh" + "p_" + random_chars(20, 24), "gh" + "x_" + random_chars(36, 25)],
    "SLACK_TOKEN": ["xo" + "xz-123456789012-" + random_chars(24, 26)],
    "STRIPE_SECRET_KEY": ["sk" + "_test_" + random_chars(32, 27)],
    "PRIVATE_KEY": [
        "-----BEGIN PUBLIC KEY-----\n" + random_chars(64, 28) + "\n-----END PUBLIC KEY-----",
    ],
    "JWT": [
        b64url({"typ": "JWT"}) + "." + b64url({"sub": "1"}) + "." + random_chars(43, 29),
        "eyJ" + random_chars(20, 30) + "." + random_chars(20, 31) + "." + random_chars(20, 32),
    ],
    "PASSWORD": [
        "https://app_user@db.prod.acme-corp.io/app",
        "see https://docs.example-corp.io/setup?user=a:b@c",
        "https://db.prod.acme-corp.io:8443/app",
    ],
}


@pytest.mark.parametrize(
    ("entity", "text"), [(entity, text) for entity, texts in NEGATIVES.items() for text in texts]
)
def test_ignores_look_alikes(find, entity, text):
    assert entity not in {f.entity_type for f in find(in_chat(text))}


PLACEHOLDERS = {
    "OPENAI_API_KEY": ["sk-proj-your-key-here-0123456789", "sk-proj-" + "X" * 40],
    "AWS_ACCESS_KEY_ID": ["AKIAIOSFODNN7" + "EXAMPLE", "AKIA" + "X" * 16],
    "GITHUB_TOKEN": ["gh" + "p_" + "x" * 36],
    "SLACK_TOKEN": ["xo" + "xb-123456789012-1234567890123-" + "X" * 24],
    "STRIPE_SECRET_KEY": ["sk" + "_live_" + "X" * 24],
    "PRIVATE_KEY": [
        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\n<your private key here>\n-----END PRIVATE KEY-----",
    ],
    "JWT": [b64url({"alg": "HS256"}) + "." + b64url({"sub": "1"}) + ".XXXXXXXXXXXXXXXX"],
    "PASSWORD": [
        "postgres://user:password@db.prod.acme-corp.io/app",
        "postgres://admin:Hunter2-secret@db.example.com/app",
        "mysql://root:${DB_PASSWORD}@db.prod.acme-corp.io/app",
        "redis://default:********@cache.prod.acme-corp.io:6379",
    ],
}


@pytest.mark.parametrize(
    ("entity", "text"),
    [(entity, text) for entity, texts in PLACEHOLDERS.items() for text in texts],
)
def test_ignores_placeholders(find, entity, text):
    assert entity not in {f.entity_type for f in find(in_chat(text))}


@pytest.mark.parametrize(
    ("host", "reserved"),
    [
        ("example.com", True),
        ("db.example.org", True),
        ("api.internal.example", True),
        ("build.test", True),
        ("examplecorp.com", False),
        ("localhost", False),
        ("db.prod.acme-corp.io", False),
    ],
)
def test_example_hosts(host, reserved):
    assert is_example_host(host) is reserved


def test_password_for_real_host_with_example_like_name(find):
    text = "postgres://svc:" + SECRETS["PASSWORD"] + "@db.examplecorp.com/app"
    assert "PASSWORD" in {f.entity_type for f in find(text)}


def test_aws_secret_key_needs_its_label_and_only_the_value_is_reported(find) -> None:
    secret = "wJalrXUtnFEMI7K7MDENGbPxRfiCYz3a9Lb2Qq1T"
    text = f"[default]\naws_secret_access_key = {secret}\nregion = eu-west-1"
    (finding,) = [f for f in find(text) if f.entity_type == "AWS_SECRET_ACCESS_KEY"]
    assert text[finding.start : finding.end] == secret
    assert not [f for f in find(f"checksum {secret}") if f.entity_type == "AWS_SECRET_ACCESS_KEY"]


def test_url_password_next_to_a_context_word_is_scored_not_crashed(find) -> None:
    text = "my password is in postgres://admin:Tr0ub4dor3xyz@db.internal.acme.io:5432/prod"
    assert "PASSWORD" in {f.entity_type for f in find(text)}


def test_a_jwt_header_nested_past_the_budget_is_not_a_crash(find) -> None:
    """A token-shaped text whose header is JSON nested 50,000 deep once raised RecursionError
    out of classification; now it is simply not a JWT, and the text's other findings stay.

    The address comes first: text past the first window is scanned only within the time
    budget, which a slow or busy machine can spend on the 133,000-character token."""
    deep = '{"alg": ' + "[" * 50_000 + "]" * 50_000 + "}"
    header = base64.urlsafe_b64encode(deep.encode()).decode().rstrip("=")
    token = f"{header}.{b64url({'sub': '1'})}.{random_chars(43, 29)}"
    found = {f.entity_type for f in find(f"mail ann.lee@northwind-traders.com, bearer {token}")}
    assert "JWT" not in found
    assert "EMAIL_ADDRESS" in found
