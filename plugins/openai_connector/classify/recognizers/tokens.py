"""Vendor API keys and tokens with documented prefixes, private keys and JWTs.

Formats follow each vendor's published token format; the prefixes make false positives
rare, so validation mostly rejects placeholders and values too uniform to be generated.
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import ClassVar

from presidio_analyzer import Pattern

from openai_connector.budgets import loads
from openai_connector.classify.recognizers.base import SecretPatternRecognizer, token
from openai_connector.classify.recognizers.placeholders import looks_random


class OpenAIKeyRecognizer(SecretPatternRecognizer):
    """OpenAI API keys: project, service-account, admin and legacy user keys."""

    ENTITY = "OPENAI_API_KEY"
    GENERATED = True
    # "T3BlbkFJ" is base64 for "OpenAI" and sits in the middle of OpenAI keys.
    MARKER = "T3BlbkFJ"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("openai_scoped_key", token(r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}"), 0.85),
        Pattern("openai_legacy_key", token(r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"), 0.9),
    ]
    CONTEXT: ClassVar[list[str]] = ["openai", "api", "key", "token", "secret"]
    # Issued keys hold the marker between two generated parts (58 or 74 characters in
    # today's keys, 20 in legacy ones); without it, or with a short part, a key was cut.
    EXACT = re.compile(
        r"sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}"
        r"|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"
    )

    def validate_secret(self, pattern_text: str) -> bool | None:
        """The OpenAI marker makes the match certain."""
        return True if self.MARKER in pattern_text else None


class AnthropicKeyRecognizer(SecretPatternRecognizer):
    """Anthropic API and admin keys: ``sk-ant-api03-`` / ``sk-ant-admin01-`` then 95 chars."""

    ENTITY = "ANTHROPIC_API_KEY"
    GENERATED = True
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("anthropic_key", token(r"sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{93}AA"), 0.95),
        Pattern("anthropic_key_other", token(r"sk-ant-[a-z]+\d{2}-[A-Za-z0-9_-]{40,}"), 0.7),
    ]
    CONTEXT: ClassVar[list[str]] = ["anthropic", "claude", "api", "key"]


class GitHubTokenRecognizer(SecretPatternRecognizer):
    """GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens, and PATs."""

    ENTITY = "GITHUB_TOKEN"
    GENERATED = True
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("github_token", token(r"gh[pousr]_[A-Za-z0-9]{36}"), 0.9),
        Pattern("github_refresh_token", token(r"ghr_[A-Za-z0-9]{76}"), 0.9),
        Pattern(
            "github_fine_grained_pat",
            token(r"github_pat_[A-Za-z0-9_]{82}"),
            0.95,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["github", "token", "pat", "git"]


class GitLabTokenRecognizer(SecretPatternRecognizer):
    """GitLab personal, deploy, runner, CI job, trigger, OAuth and feed tokens (``glpat-``…),
    and runner registration tokens (``GR1348941``…)."""

    ENTITY = "GITLAB_TOKEN"
    GENERATED = True
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "gitlab_token",
            token(
                r"gl(?:pat|dt|rt|cbt|ptt|oas|ft|imt|soat|ffct|agent)-[A-Za-z0-9_-]{20,}"
                r"(?:\.[A-Za-z0-9_-]{2,})?"
            ),
            0.9,
        ),
        Pattern("gitlab_runner_registration", token(r"GR1348941[A-Za-z0-9_-]{20}"), 0.9),
    ]
    CONTEXT: ClassVar[list[str]] = ["gitlab", "token", "private-token"]
    # OAuth application secrets and pipeline trigger tokens are hex digests of one length.
    EXACT = re.compile(r"gloas-[0-9a-f]{64}|glptt-[0-9a-f]{40}|(?!gloas-|glptt-)[\s\S]+")


class SlackTokenRecognizer(SecretPatternRecognizer):
    """Slack bot, user, app, legacy, configuration and refresh tokens (``xoxb-``, ``xoxe.``…)."""

    ENTITY = "SLACK_TOKEN"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "slack_token",
            # legacy tokens carry a version digit (xoxa-2-) and up to four ids
            token(
                r"xox[abposer]-(?:\d-(?:[0-9]{6,15}-){0,4}|(?:[0-9]{6,15}-){1,4})"
                r"[A-Za-z0-9]{10,180}"
            ),
            0.85,
        ),
        Pattern("slack_config_token", token(r"xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{100,200}"), 0.9),
        Pattern("slack_app_token", token(r"xapp-\d-[A-Z0-9]{9,12}-\d{10,15}-[a-f0-9]{40,80}"), 0.9),
    ]
    CONTEXT: ClassVar[list[str]] = ["slack", "token", "bot"]
    _LONG_TAIL = 16

    def validate_secret(self, pattern_text: str) -> bool | None:
        """The last part is generated, never ``xxxx``; a short one (legacy tokens end in ten
        hex digits) is judged with the ids before it."""
        tail = pattern_text.rsplit("-", 1)[-1]
        return (
            None if looks_random(tail if len(tail) >= self._LONG_TAIL else pattern_text) else False
        )


class SlackWebhookRecognizer(SecretPatternRecognizer):
    """Slack incoming-webhook and workflow URLs: whoever holds one can post to the channel."""

    ENTITY = "SLACK_WEBHOOK_URL"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "slack_webhook",
            r"https?://hooks\.slack\.com/(?:services|workflows|triggers)/"
            r"T[A-Z0-9]{8,12}/[A-Z0-9]{8,12}/(?:\d{8,20}/)?[A-Za-z0-9]{20,40}(?![A-Za-z0-9])",
            0.95,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["slack", "webhook", "hook"]

    def validate_secret(self, pattern_text: str) -> bool | None:
        """The last path segment is the secret: generated, never ``T00000000/…/XXXX``."""
        return None if looks_random(pattern_text.rsplit("/", 1)[-1]) else False


class StripeSecretKeyRecognizer(SecretPatternRecognizer):
    """Stripe live secret and restricted keys (test-mode and publishable keys move no money)."""

    ENTITY = "STRIPE_SECRET_KEY"
    GENERATED = True
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("stripe_live_key", token(r"(?:sk|rk)_(?:live|prod)_[A-Za-z0-9]{20,247}"), 0.9),
    ]
    CONTEXT: ClassVar[list[str]] = ["stripe", "key", "secret"]


class PrivateKeyRecognizer(SecretPatternRecognizer):
    """PEM and OpenSSH private key blocks, from BEGIN to END, also JSON-escaped (``\\n``), and
    whole blocks base64-encoded, as kubeconfig's ``client-key-data`` and Kubernetes secrets'
    ``tls.key`` hold them."""

    ENTITY = "PRIVATE_KEY"
    _PEM = (
        r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----"
        r"[\s\S]{1,20000}?"
        r"-----END \1PRIVATE KEY(?: BLOCK)?-----"
    )
    # "-----BEGIN" in base64: an encoded block starts with these characters.
    _ENCODED_START = "LS0tLS1CRUdJTi"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("pem_private_key", _PEM, 0.9),
        Pattern(
            "base64_pem_private_key", token(_ENCODED_START + r"[A-Za-z0-9+/]{100,30000}={0,2}"), 0.9
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["key", "private", "ssh", "rsa"]
    _BLOCK = re.compile(_PEM)
    _BODY = re.compile(r"PRIVATE KEY(?: BLOCK)?-----([\s\S]*?)-----END")
    _BASE64 = re.compile(r"[A-Za-z0-9+/=]*")
    # Newlines as JSON writes them (a backslash and n), also JSON in JSON (two backslashes).
    _ESCAPED_NEWLINES = re.compile(r"\\+[nr]")
    _MIN_BODY_CHARS = 64

    def validate_secret(self, pattern_text: str) -> bool | None:
        """A real key has a base64 body (after optional ``Name: value`` headers); an encoded
        block must decode to such a key (a certificate's block decodes to no private key)."""
        if pattern_text.startswith(self._ENCODED_START):
            try:
                decoded = base64.b64decode(pattern_text, validate=True).decode("ascii")
            except (binascii.Error, UnicodeDecodeError):
                return False
            block = self._BLOCK.search(decoded)
            return block is not None and self._has_key_body(block.group())
        return self._has_key_body(pattern_text)

    def _has_key_body(self, block: str) -> bool:
        match = self._BODY.search(block)
        lines = self._ESCAPED_NEWLINES.sub("\n", match.group(1)).splitlines() if match else []
        body = "".join(line.strip() for line in lines if ":" not in line)
        return len(body) >= self._MIN_BODY_CHARS and self._BASE64.fullmatch(body) is not None


class JwtRecognizer(SecretPatternRecognizer):
    """JSON Web Tokens: three base64url parts, the first a JSON header naming ``alg``."""

    ENTITY = "JWT"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("jwt", token(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*"), 0.5),
    ]
    CONTEXT: ClassVar[list[str]] = ["jwt", "token", "bearer", "authorization"]

    def validate_secret(self, pattern_text: str) -> bool | None:
        """A JSON header with an ``alg`` field, JSON claims, and a signature: an unsigned
        token (``alg: none``) is accepted by no careful verifier, so it grants nothing."""
        header, _, rest = pattern_text.partition(".")
        claims, _, signature = rest.partition(".")
        decoded = _json_part(header)
        if decoded is None or "alg" not in decoded or _json_part(claims) is None:
            return False
        return bool(signature) and str(decoded["alg"]).lower() != "none"


def _json_part(part: str) -> dict[str, object] | None:
    """A base64url part of a JWT decoded to its JSON object, or ``None``."""
    try:
        decoded = loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return decoded if isinstance(decoded, dict) else None
