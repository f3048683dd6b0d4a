"""Passwords and secrets identified by where they stand rather than by their shape.

A password has no format, so these recognizers look for the places credentials are
written: URL user-info, ``key = value`` assignments in code, config and connection
strings, and the password flags of common command-line clients. Only the value is
reported, and only when it is not a reference (``${DB_PASSWORD}``,
``os.environ[...]``), a template marker or a placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from openai_connector.classify.recognizers.base import SpanRecognizer
from openai_connector.classify.recognizers.placeholders import (
    character_classes,
    has_typed_sequence,
    is_example_host,
    is_placeholder,
    shannon_entropy,
)

# Not secrets but names of one or literals, typical of templates and schemas.
_STAND_INS = frozenset(
    {
        "password", "passwd", "pass", "pwd", "secret", "token", "pw", "none", "null", "nil",
        "true", "false", "undefined", "required", "optional", "string", "str", "env",
        "admin", "root", "test", "default", "empty", "hidden", "masked", "yes", "no",
    }
)  # fmt: skip
# References to a value held elsewhere: environment, vault, code, templates, files.
_REFERENCE = re.compile(r"^[$%&*]|[({\[]|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|://|^(?:~|\.{1,2})?/")
# A segment of a dotted code path: snake_case, camelCase or CONSTANT_CASE, as people name things.
_IDENTIFIER = re.compile(r"_?[a-z]+(?:[A-Z][a-z]+|_[a-z]+|\d+)*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*")


def _is_reference(value: str) -> bool:
    """A variable, path or template standing for the value (``settings.DB_PASSWORD``)."""
    if _REFERENCE.search(value) is not None or value.lower() in _STAND_INS:
        return True
    segments = value.split(".")
    return len(segments) > 1 and all(_IDENTIFIER.fullmatch(part) for part in segments)


def is_plausible_password(value: str) -> bool:
    """A chosen password: long enough, mixing classes, and not a stand-in or reference."""
    return (
        len(value) >= 8
        and character_classes(value) >= 2
        and not is_placeholder(value)
        and not _is_reference(value)
    )


# Generated secrets (hex, base64, alphanumeric) carry at least this much entropy per char.
_MIN_SECRET_ENTROPY = 3.2
_MIN_SECRET_CHARS = 16


def is_plausible_secret(value: str) -> bool:
    """A generated secret: long, high-entropy, mixed, and not a stand-in or reference."""
    return (
        len(value) >= _MIN_SECRET_CHARS
        and shannon_entropy(value) >= _MIN_SECRET_ENTROPY
        and character_classes(value) >= 2
        and not has_typed_sequence(value)
        and not is_placeholder(value)
        and not _is_reference(value)
    )


class UrlPasswordRecognizer(SpanRecognizer):
    """Passwords in URL userinfo (``scheme://user:password@host``); the span is the password."""

    ENTITIES: ClassVar[list[str]] = ["PASSWORD"]
    CONTEXT: ClassVar[list[str]] = ["password", "connection", "url", "dsn"]
    SCORE = 0.85
    _URL_WITH_CREDENTIALS = re.compile(
        r"\b[a-z][a-z0-9+.-]{1,31}://"
        r"(?P<user>[^\s:/@?#]{1,256}):(?P<password>[^\s/@?#]{1,256})"
        r"@(?P<host>[^\s/@?#:]{1,253})",
        re.IGNORECASE,
    )

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """The password part of every URL that carries real credentials."""
        return [
            ("PASSWORD", *match.span("password"), self.SCORE, "password in URL user-info")
            for match in self._URL_WITH_CREDENTIALS.finditer(text)
            if self._is_real(match)
        ]

    @staticmethod
    def _is_real(match: re.Match[str]) -> bool:
        password = match.group("password")
        return not (
            is_placeholder(password)
            or is_example_host(match.group("host"))
            or _is_reference(password)
        )


_VALUE = (
    r"(?:(?P<q>[\"'`])(?P<quoted>[^\"'`\n]{1,256})(?P=q)"
    r"|(?P<bare>[^\s\"'`,;}\]]{1,256}))"
)


class CredentialAssignmentRecognizer(SpanRecognizer):
    """Values assigned to password, secret, token and API-key names, and CLI password flags.

    ``DB_PASSWORD=…``, ``password: …``, ``Password=…;``, "the password is …",
    ``--password …`` and ``.pgpass`` lines give ``PASSWORD``; ``client_secret``,
    ``api_token``, ``SECRET_KEY``, ``Authorization: Bearer`` give ``GENERIC_SECRET`` when
    the value looks generated. Scores stay below the vendor
    recognizers' (and get no context boost), so a GitHub token assigned to ``GH_TOKEN``
    is reported as ``GITHUB_TOKEN``.
    """

    ENTITIES: ClassVar[list[str]] = ["PASSWORD", "GENERIC_SECRET"]
    PASSWORD_SCORE = 0.7
    SECRET_SCORE = 0.6
    _PASSWORD_NAME = re.compile(r"(?:pass(?:word|wd|phrase)?|pwd)$", re.IGNORECASE)
    _ASSIGNMENT = re.compile(
        r"(?<![A-Za-z0-9_.-])(?P<key>[A-Za-z0-9_.-]{0,40}?"
        r"(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"
        r"|private[_-]?key|secret[_-]?key|client[_-]?secret|auth[_-]?key|credentials?))"
        r"[\"']?(?:\s{0,3}(?::=|=>|[:=])\s{0,3}|\s+(?:is|was)\s+)" + _VALUE,
        re.IGNORECASE,
    )
    _AUTHORIZATION = re.compile(
        r"\bAuthorization[\"']?\s{0,3}[:=]\s{0,3}[\"']?(?:Bearer|Token|token)\s+"
        r"(?P<bare>[A-Za-z0-9._~+/=-]{16,1024})"
    )
    _CLI_PASSWORD = re.compile(
        r"(?:--pass(?:word|wd)?(?:=|\s+)"
        r"|\bmysql(?:dump|admin)?\b[^\n]{0,200}?\s-p(?=\S)"
        r"|\bredis-cli\b[^\n]{0,200}?\s-a\s+"
        r"|\bsshpass\s+-p\s*"
        # PostgreSQL password file line: hostname:port:database:username:password
        r"|(?<![\w:])(?:[\w.-]+|\*):(?:\d{2,5}|\*):(?:[\w.-]+|\*):(?:[\w.-]+|\*):(?=\S))" + _VALUE
    )

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Labelled values that pass the password or generated-secret checks."""
        return list(self._assignments(text)) + list(self._headers_and_flags(text))

    def _assignments(self, text: str) -> Iterator[tuple[str, int, int, float, str]]:
        for match in self._ASSIGNMENT.finditer(text):
            group = "quoted" if match.group("quoted") is not None else "bare"
            value = match.group(group)
            if self._PASSWORD_NAME.search(match.group("key")):
                if is_plausible_password(value):
                    yield ("PASSWORD", *match.span(group), self.PASSWORD_SCORE, "password value")
            elif is_plausible_secret(value):
                yield ("GENERIC_SECRET", *match.span(group), self.SECRET_SCORE, "secret value")

    def _headers_and_flags(self, text: str) -> Iterator[tuple[str, int, int, float, str]]:
        for match in self._AUTHORIZATION.finditer(text):
            if is_plausible_secret(match.group("bare")):
                yield ("GENERIC_SECRET", *match.span("bare"), self.SECRET_SCORE, "bearer token")
        for match in self._CLI_PASSWORD.finditer(text):
            group = "quoted" if match.group("quoted") is not None else "bare"
            if is_plausible_password(match.group(group)):
                yield ("PASSWORD", *match.span(group), self.PASSWORD_SCORE, "password flag")
