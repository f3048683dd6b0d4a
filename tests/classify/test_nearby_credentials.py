"""Credentials named a few words before their value: found, high, and only when generated.

Values are assembled at run time so the repository holds nothing a secret scanner would
flag.
"""

from __future__ import annotations

import base64

import pytest

from openai_connector.classify.recognizers.nearby import CredentialNearbyRecognizer
from tests.classify.samples import random_chars

TOKEN = random_chars(28, 101)
PASSWORD = "Tulip!88" + random_chars(4, 102)


@pytest.fixture(scope="module")
def recognizer() -> CredentialNearbyRecognizer:
    return CredentialNearbyRecognizer()


def _values(recognizer: CredentialNearbyRecognizer, text: str) -> list[tuple[str, str]]:
    return [(entity, text[start:end]) for entity, start, end, _, _ in recognizer.find(text)]


@pytest.mark.parametrize(
    "template",
    [
        "the new key for staging is {v}",
        "secret for the webhook -> {v}",
        "use this api key {v} for the sandbox",
        "the token we use in prod: {v}",
        "Here is my access token, please debug: {v}.",
        "Here is the token you asked for:\n\n{v}\n\nThanks",
        "la clé du compte de service : {v}",
        "der API-Schlüssel für Staging ist {v}",
        "our deploy creds, don't share: ({v})",
        "{v} is the new staging token",
        "fyi {v} (that's the prod api key)",
        "Here you go: {v} (that's the staging key)",
    ],
)
def test_generated_value_a_few_words_after_its_name(recognizer, template):
    text = template.format(v=TOKEN)
    assert _values(recognizer, text) == [("GENERIC_SECRET", TOKEN)]


@pytest.mark.parametrize(
    "template",
    [
        "the root password for the vpn box: {v}",
        "wifi password in the lobby -> {v}",
        "Passwort für den Testnutzer \u2014 {v}",
        "new password for the shared mailbox below:\n\n{v}\n",
        "root@bastion's password -> {v}",
    ],
)
def test_chosen_password_handed_over_after_a_password_word(recognizer, template):
    text = template.format(v=PASSWORD)
    assert _values(recognizer, text) == [("PASSWORD", PASSWORD)]


def test_chosen_password_without_a_handing_sign_is_no_finding(recognizer):
    """ "the password policy mentions Tulip!…" names no password: nothing hands it over."""
    assert _values(recognizer, f"the password policy mentions {PASSWORD} as an example") == []


@pytest.mark.parametrize(
    "text",
    [
        f"SSH key fingerprint: SHA256:{TOKEN}",
        f"idempotency key {TOKEN} sent",
        f"public key: {TOKEN}",
        f"The API key page shows the key name {TOKEN}",
        f"S3 object key: uploads/2024/03/Invoice_{TOKEN[:8]}.pdf",
        f"Access token TTL is 3600s; the JWT kid is {TOKEN}",
        f"the token refresh failed for request {TOKEN} at 10:32",
        f'token error: {{"request_id": "{TOKEN}"}}',
        f"key rotation done in commit {random_chars(40, 103, '0123456789abcdef')}",
        f"the token expired. Build {TOKEN} is unrelated",
        f"the token for customer cus_{TOKEN[:14]} failed",
        "my token payload: " + base64.b64encode(b'{"user": "someone", "role": "x"}').decode(),
        "the key for the release is ProdBackendKey2024Final",
        f"the secretary sent {TOKEN}",
        f"request_id={TOKEN} token expired",
        f"Build {TOKEN} failed: token expired",
    ],
)
def test_what_stands_near_a_name_but_is_not_its_value(recognizer, text):
    assert _values(recognizer, text) == []


def test_findings_are_high_through_the_engine(find):
    text = f"the token we use in prod: {TOKEN}"
    (finding,) = [f for f in find(text) if text[f.start : f.end] == TOKEN]
    assert (finding.entity_type, finding.severity) == ("GENERIC_SECRET", "high")


def test_a_value_far_from_its_name_is_no_finding(recognizer):
    text = "the token " + "and then some more words " * 5 + TOKEN
    assert _values(recognizer, text) == []
