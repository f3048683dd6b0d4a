"""Project recognizers, added on top of Presidio's predefined ones.

``default_recognizers()`` is the seam: the engine registers whatever it returns, so new
credential recognizers only need to be listed there. Every credential recognizer is
case-sensitive and rejects placeholders (``sk-your-key-here``, ``XXXXX``, documentation
values such as ``…EXAMPLE`` or ``example.com`` hosts) so tutorials pasted into chats do
not drown real leaks.

This module imports Presidio at import time; only the engine imports it, lazily.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any, ClassVar

import tldextract
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import EmailRecognizer

_PLACEHOLDER = re.compile(
    r"your[-_ ]?(?:api[-_ ]?|secret[-_ ]?|access[-_ ]?)?(?:key|token|secret|password|pass)"
    r"|example|placeholder|dummy|changeme|redacted|[xX]{5,}|\*{3,}|<[^>]*>|\$\{|\{\{",
    re.IGNORECASE,
)
# Hosts reserved for documentation (RFC 2606 / RFC 6761).
_EXAMPLE_HOST = re.compile(
    r"(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid)$", re.IGNORECASE
)
# Not secrets but names of one, typical of templates: "postgres://user:password@db".
_PASSWORD_STAND_INS = frozenset({"password", "passwd", "pass", "pwd", "secret", "pw"})


def is_placeholder(value: str) -> bool:
    """Whether a credential-shaped value is a stand-in from docs or templates."""
    return _PLACEHOLDER.search(value) is not None


def is_example_host(host: str) -> bool:
    """Whether a host name is reserved for documentation (``example.com`` and friends)."""
    return _EXAMPLE_HOST.search(host.rstrip(".")) is not None


class SecretPatternRecognizer(PatternRecognizer):
    """Case-sensitive pattern recognizer for one credential type.

    Subclasses set ``ENTITY``, ``PATTERNS`` and ``CONTEXT`` and may refine
    ``validate_secret``: ``True`` raises the score to 1.0, ``False`` drops the match,
    ``None`` keeps the pattern's score.
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]] = []

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            global_regex_flags=0,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Reject placeholders before the type-specific check."""
        if is_placeholder(pattern_text):
            return False
        return self.validate_secret(pattern_text)

    def validate_secret(self, pattern_text: str) -> bool | None:
        """Type-specific structural check; the pattern alone decides by default."""
        return None


def _token(body: str) -> str:
    """Wrap a token regex so it does not start or end inside a longer token."""
    return rf"(?<![A-Za-z0-9_-]){body}(?![A-Za-z0-9_-])"


class OpenAIKeyRecognizer(SecretPatternRecognizer):
    """OpenAI API keys: project, service-account, admin and legacy user keys."""

    ENTITY = "OPENAI_API_KEY"
    # "T3BlbkFJ" is base64 for "OpenAI" and sits in the middle of OpenAI keys.
    MARKER = "T3BlbkFJ"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("openai_scoped_key", _token(r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}"), 0.85),
        Pattern("openai_legacy_key", _token(r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}"), 0.9),
    ]
    CONTEXT: ClassVar[list[str]] = ["openai", "api", "key", "token", "secret"]

    def validate_secret(self, pattern_text: str) -> bool | None:
        """The OpenAI marker makes the match certain."""
        return True if self.MARKER in pattern_text else None


class AwsAccessKeyRecognizer(SecretPatternRecognizer):
    """AWS access key ids: long-term (AKIA) and temporary (ASIA)."""

    ENTITY = "AWS_ACCESS_KEY_ID"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("aws_access_key_id", _token(r"(?:AKIA|ASIA)[A-Z0-9]{16}"), 0.8),
    ]
    CONTEXT: ClassVar[list[str]] = ["aws", "access", "key", "amazon", "iam"]


class AwsSecretKeyRecognizer(SecretPatternRecognizer):
    """AWS secret access keys: 40 base64 characters, only where a label names them.

    The bare shape matches any 40-character token, so the label (an ``aws_secret_access_key``
    assignment, as in credentials files and SDK calls) is required; only the value is reported.
    """

    ENTITY = "AWS_SECRET_ACCESS_KEY"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "aws_secret_access_key",
            r"(?i:(?<=aws_?secret_?(?:access_?)?key[\"']?\s{0,3}[:=]\s{0,3}[\"']?))"
            r"[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
            0.9,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["aws", "secret", "access", "key"]

    def validate_secret(self, pattern_text: str) -> bool | None:
        """A real key mixes cases and digits; a run of one class is a placeholder."""
        classes = (str.isupper, str.islower, str.isdigit)
        return None if all(any(test(c) for c in pattern_text) for test in classes) else False


class GitHubTokenRecognizer(SecretPatternRecognizer):
    """GitHub personal, OAuth, app and refresh tokens, and fine-grained PATs."""

    ENTITY = "GITHUB_TOKEN"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("github_token", _token(r"gh[pousr]_[A-Za-z0-9]{36}"), 0.9),
        Pattern(
            "github_fine_grained_pat",
            _token(r"github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"),
            0.95,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["github", "token", "pat", "git"]


class SlackTokenRecognizer(SecretPatternRecognizer):
    """Slack bot, user, app and refresh tokens (``xoxb-``, ``xoxp-``, ``xoxa-``, ``xoxr-``)."""

    ENTITY = "SLACK_TOKEN"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("slack_token", _token(r"xox[abpr]-(?:[0-9]{6,15}-){1,3}[A-Za-z0-9]{16,64}"), 0.85),
    ]
    CONTEXT: ClassVar[list[str]] = ["slack", "token", "bot"]


class StripeSecretKeyRecognizer(SecretPatternRecognizer):
    """Stripe live secret and restricted keys (test-mode keys move no money)."""

    ENTITY = "STRIPE_SECRET_KEY"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("stripe_live_key", _token(r"(?:sk|rk)_live_[A-Za-z0-9]{20,247}"), 0.9),
    ]
    CONTEXT: ClassVar[list[str]] = ["stripe", "key", "secret"]


class PrivateKeyRecognizer(SecretPatternRecognizer):
    """PEM and OpenSSH private key blocks, from BEGIN to END."""

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
        lines = match.group(1).splitlines() if match else []
        body = "".join(line.strip() for line in lines if ":" not in line)
        return len(body) >= self._MIN_BODY_CHARS and self._BASE64.fullmatch(body) is not None


class JwtRecognizer(SecretPatternRecognizer):
    """JSON Web Tokens: three base64url parts, the first a JSON header naming ``alg``."""

    ENTITY = "JWT"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("jwt", _token(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*"), 0.5),
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


class UrlPasswordRecognizer(LocalRecognizer):
    """Passwords in URL userinfo (``scheme://user:password@host``); the span is the password."""

    ENTITY = "PASSWORD"
    SCORE = 0.85
    _URL_WITH_CREDENTIALS = re.compile(
        r"\b[a-z][a-z0-9+.-]{1,31}://"
        r"(?P<user>[^\s:/@?#]{1,256}):(?P<password>[^\s/@?#]{1,256})"
        r"@(?P<host>[^\s/@?#:]{1,253})",
        re.IGNORECASE,
    )

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[self.ENTITY],
            name=type(self).__name__,
            context=["password", "connection", "url", "dsn"],
        )

    def load(self) -> None:
        """Nothing to load: the pattern is compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Report the password part of every URL that carries real credentials."""
        results = []
        for match in self._URL_WITH_CREDENTIALS.finditer(text):
            if not self._is_real(match):
                continue
            start, end = match.span("password")
            results.append(
                RecognizerResult(
                    entity_type=self.ENTITY,
                    start=start,
                    end=end,
                    score=self.SCORE,
                    # Presidio's context enhancer writes into the explanation: it must exist.
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.name,
                        original_score=self.SCORE,
                        textual_explanation="password in the user-info part of a URL",
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                )
            )
        return results

    @staticmethod
    def _is_real(match: re.Match[str]) -> bool:
        password = match.group("password")
        return not (
            is_placeholder(password)
            or is_example_host(match.group("host"))
            or password.lower() in _PASSWORD_STAND_INS
            or password.startswith(("$", "%", "{"))
        )


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, validating domains with the bundled suffix list only.

    The stock recognizer calls ``tldextract.extract``, whose shared extractor fetches the
    public suffix list over the network on first use. This one never does.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # No URLs to fetch, no disk cache: the snapshot shipped inside tldextract only.
        self._domains = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def validate_result(self, pattern_text: str) -> bool:
        """An address is only valid with a domain under a known public suffix."""
        return self._domains(pattern_text).fqdn != ""


def default_recognizers() -> list[EntityRecognizer]:
    """Fresh instances of the project's recognizers, registered on top of Presidio's."""
    return [
        OpenAIKeyRecognizer(),
        AwsAccessKeyRecognizer(),
        AwsSecretKeyRecognizer(),
        GitHubTokenRecognizer(),
        SlackTokenRecognizer(),
        StripeSecretKeyRecognizer(),
        PrivateKeyRecognizer(),
        JwtRecognizer(),
        UrlPasswordRecognizer(),
    ]
