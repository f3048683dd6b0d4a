"""Vendor API keys and tokens with documented prefixes, private keys and JWTs.

Formats follow each vendor's published token format; the prefixes make false positives
rare, so validation mostly rejects placeholders and values too uniform to be generated.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import ClassVar

from presidio_analyzer import Pattern

from openai_connector.classify.recognizers.base import SecretPatternRecognizer, token


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
        Pattern(
            "github_fine_grained_pat",
            token(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"),
            0.95,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["github", "token", "pat", "git"]


class GitLabTokenRecognizer(SecretPatternRecognizer):
    """GitLab personal, deploy, runner, CI job, trigger, OAuth and feed tokens (``glpat-``…)."""

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
    ]
    CONTEXT: ClassVar[list[str]] = ["gitlab", "token", "private-token"]


class SlackTokenRecognizer(SecretPatternRecognizer):
    """Slack bot, user, app, config and refresh tokens (``xoxb-``, ``xoxp-``, ``xoxe-``…)."""

    ENTITY = "SLACK_TOKEN"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "slack_token",
            token(r"(?:xoxe\.)?xox[abposer]-(?:[0-9]{1,15}-){1,3}[A-Za-z0-9]{16,64}"),
            0.85,
        ),
        Pattern("slack_app_token", token(r"xapp-\d-[A-Z0-9]{9,12}-\d{10,15}-[a-f0-9]{40,80}"), 0.9),
    ]
    CONTEXT: ClassVar[list[str]] = ["slack", "token", "bot"]


class SlackWebhookRecognizer(SecretPatternRecognizer):
    """Slack incoming-webhook and workflow URLs: whoever holds one can post to the channel."""

    ENTITY = "SLACK_WEBHOOK_URL"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "slack_webhook",
            r"https://hooks\.slack\.com/(?:services|workflows|triggers)/"
            r"T[A-Z0-9]{8,12}/[A-Z0-9]{8,12}/[A-Za-z0-9]{20,32}(?![A-Za-z0-9])",
            0.95,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["slack", "webhook", "hook"]


class StripeSecretKeyRecognizer(SecretPatternRecognizer):
    """Stripe live secret and restricted keys (test-mode and publishable keys move no money)."""

    ENTITY = "STRIPE_SECRET_KEY"
    GENERATED = True
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("stripe_live_key", token(r"(?:sk|rk)_live_[A-Za-z0-9]{20,247}"), 0.9),
    ]
    CONTEXT: ClassVar[list[str]] = ["stripe", "key", "secret"]


class PrivateKeyRecognizer(SecretPatternRecognizer):
    """PEM and OpenSSH private key blocks, from BEGIN to END, also JSON-escaped (``\\n``)."""

    ENTITY = "PRIVATE_KEY"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "pem_private_key",
            r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----"
            r"[\s\S]{1,20000}?"
            r"-----END \1PRIVATE KEY(?: BLOCK)?-----",
            0.9,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["key", "private", "ssh", "rsa"]
    _BODY = re.compile(r"PRIVATE KEY(?: BLOCK)?-----([\s\S]*?)-----END")
    _BASE64 = re.compile(r"[A-Za-z0-9+/=]*")
    _MIN_BODY_CHARS = 64

    def validate_secret(self, pattern_text: str) -> bool | None:
        """A real key has a base64 body (after optional ``Name: value`` headers)."""
        match = self._BODY.search(pattern_text)
        lines = match.group(1).replace("\\n", "\n").splitlines() if match else []
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
        """Only a decodable header with an ``alg`` field makes it a JWT."""
        header = pattern_text.split(".", 1)[0]
        try:
            decoded = json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return False
        return isinstance(decoded, dict) and "alg" in decoded
