"""Checking a policy document (parsed YAML, or a run plan's JSON) and building the ``Policy``.

Every error names the source, the line (when the document came from a file) and the key, e.g.
``acme.yaml line 12: severity.OPENAI_API_KEY must be one of low, medium, high, critical``.
Unknown keys are errors too: a misspelt ``thresholds`` must not silently do nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, NoReturn

from openai_connector.errors import OpenAIConnectorError
from openai_connector.policy.model import (
    DEFAULT_DENY_ENTITY,
    DEFAULT_MIN_SCORE,
    DEFAULT_RECOGNIZER_SCORE,
    DEFAULT_STORAGE,
    SCHEMA_VERSION,
    SEVERITIES,
    STORAGE_MODES,
    CustomRecognizer,
    DenyTerm,
    Policy,
)
from openai_connector.policy.regex import UnsafePatternError, compile_pattern

#: Where a value sits in the document: keys and list indexes from the top.
KeyPath = tuple[str | int, ...]

_ENTITY = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_DOMAIN = re.compile(r"^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$")
_TOP_KEYS = (
    "version",
    "storage",
    "min_score",
    "countries",
    "entities",
    "severity",
    "allow",
    "deny",
    "recognizers",
)


class PolicyError(OpenAIConnectorError, ValueError):
    """A policy that cannot be used; the message names the file, the line and the key."""


def dotted(path: KeyPath) -> str:
    """``deny[2].severity`` for ``("deny", 2, "severity")``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _Document:
    """Typed reads of a policy document that fail with the offending line and key."""

    def __init__(self, source: str, lines: Mapping[KeyPath, int]) -> None:
        self.source = source
        self.lines = lines

    def fail(self, path: KeyPath, problem: str) -> NoReturn:
        where = self.source
        for depth in range(len(path), -1, -1):
            if path[:depth] in self.lines:
                where = f"{self.source} line {self.lines[path[:depth]]}"
                break
        raise PolicyError(f"{where}: {dotted(path) or 'the policy'} {problem}")

    def mapping(
        self, value: Any, path: KeyPath, keys: Iterable[str], required: Iterable[str] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping, got {_kind(value)}")
        allowed = tuple(keys)
        for key in value:
            if key not in allowed:
                self.fail((*path, str(key)), f"is not a known key; use one of {', '.join(allowed)}")
        for key in required:
            if value.get(key) is None:
                self.fail((*path, key), "is required")
        return value

    def section(self, value: Any, path: KeyPath, keys: Iterable[str]) -> dict[str, Any]:
        """An optional mapping: absent or empty means every default."""
        return {} if value is None else self.mapping(value, path, keys)

    def entries(self, value: Any, path: KeyPath) -> dict[str, Any]:
        """A mapping keyed by entity type (thresholds, severity)."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(path, f"must be a mapping of entity types, got {_kind(value)}")
        for key in value:
            self.entity(key, (*path, str(key)))
        return value

    def sequence(self, value: Any, path: KeyPath) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, f"must be a list, got {_kind(value)}")
        return value

    def string(self, value: Any, path: KeyPath) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"must be a non-empty string, got {_kind(value)}")
        return value

    def score(self, value: Any, path: KeyPath) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            self.fail(path, f"must be a number from 0 to 1, got {_shown(value)}")
        return float(value)

    def choice(self, value: Any, path: KeyPath, choices: tuple[str, ...]) -> str:
        if value not in choices:
            self.fail(path, f"must be one of {', '.join(choices)}, got {_shown(value)}")
        return str(value)

    def entity(self, value: Any, path: KeyPath) -> str:
        if not isinstance(value, str) or not _ENTITY.match(value):
            self.fail(path, f"must be an entity type like US_SSN, got {_shown(value)}")
        return value

    def pattern(self, value: Any, path: KeyPath) -> str:
        pattern = self.string(value, path)
        try:
            compile_pattern(pattern)
        except UnsafePatternError as exc:
            self.fail(path, str(exc))
        return pattern


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _shown(value: Any) -> str:
    """A wrong value in an error: scalars as written, anything bigger by its type."""
    if isinstance(value, str | int | float | bool) and len(repr(value)) <= 40:
        return repr(value)
    return _kind(value)


def policy_from_data(data: Any, source: str, lines: Mapping[KeyPath, int] | None = None) -> Policy:
    """The ``Policy`` a document describes; ``lines`` maps key paths to 1-based line numbers."""
    doc = _Document(source, lines or {})
    top = doc.mapping(data, (), _TOP_KEYS, required=("version",))
    version = top["version"]
    if isinstance(version, bool) or version != SCHEMA_VERSION:
        doc.fail(("version",), f"must be {SCHEMA_VERSION}, got {_shown(version)}")
    storage = top.get("storage")
    if storage is not None:
        doc.choice(storage, ("storage",), STORAGE_MODES)
    min_score = top.get("min_score")
    if min_score is not None:
        doc.score(min_score, ("min_score",))
    entities = doc.section(
        top.get("entities"), ("entities",), ("disabled", "enabled", "thresholds")
    )
    thresholds_path: KeyPath = ("entities", "thresholds")
    thresholds = doc.entries(entities.get("thresholds"), thresholds_path)
    severity = doc.entries(top.get("severity"), ("severity",))
    return Policy(
        storage=DEFAULT_STORAGE if storage is None else storage,
        min_score=DEFAULT_MIN_SCORE if min_score is None else float(min_score),
        disabled=_entity_set(doc, entities.get("disabled"), ("entities", "disabled")),
        enabled=_entity_set(doc, entities.get("enabled"), ("entities", "enabled")),
        countries=_countries(doc, top.get("countries")),
        thresholds=tuple(
            sorted(
                (key, doc.score(value, (*thresholds_path, key)))
                for key, value in thresholds.items()
            )
        ),
        severity=tuple(
            sorted(
                (key, doc.choice(value, ("severity", key), SEVERITIES))
                for key, value in severity.items()
            )
        ),
        **_allow(doc, top.get("allow")),
        deny=_deny(doc, top.get("deny")),
        recognizers=_recognizers(doc, top.get("recognizers")),
    )


def _entity_set(doc: _Document, value: Any, path: KeyPath) -> frozenset[str]:
    return frozenset(
        doc.entity(item, (*path, index)) for index, item in enumerate(doc.sequence(value, path))
    )


def _countries(doc: _Document, value: Any) -> frozenset[str] | None:
    """Country codes of the catalog; absent means every country."""
    from openai_connector.classify.entities import COUNTRIES

    if value is None:
        return None
    codes = []
    for index, item in enumerate(doc.sequence(value, ("countries",))):
        if item not in COUNTRIES:
            doc.fail(
                ("countries", index),
                f"must be a country code of the entity catalog ({', '.join(sorted(COUNTRIES))})"
                f", got {_shown(item)}",
            )
        codes.append(item)
    return frozenset(codes)


def _allow(doc: _Document, value: Any) -> dict[str, Any]:
    allow = doc.section(value, ("allow",), ("values", "patterns", "email_domains"))

    def strings(key: str) -> list[tuple[KeyPath, str]]:
        path: KeyPath = ("allow", key)
        return [
            ((*path, index), doc.string(item, (*path, index)))
            for index, item in enumerate(doc.sequence(allow.get(key), path))
        ]

    domains = []
    for path, domain in strings("email_domains"):
        domain = domain.strip().lower().lstrip("@")
        if not _DOMAIN.match(domain):
            doc.fail(path, f"must be a domain like example.com, got {domain!r}")
        domains.append(domain)
    return {
        "allow_values": frozenset(value for _, value in strings("values")),
        "allow_patterns": tuple(doc.pattern(value, path) for path, value in strings("patterns")),
        "allow_email_domains": frozenset(domains),
    }


def _deny(doc: _Document, value: Any) -> tuple[DenyTerm, ...]:
    terms: dict[str, DenyTerm] = {}
    for index, item in enumerate(doc.sequence(value, ("deny",))):
        path: KeyPath = ("deny", index)
        if isinstance(item, str):
            item = {"value": item}
        entry = doc.mapping(item, path, ("value", "entity", "severity"), required=("value",))
        term = DenyTerm(
            value=doc.string(entry["value"], (*path, "value")),
            entity=doc.entity(entry.get("entity") or DEFAULT_DENY_ENTITY, (*path, "entity")),
            severity=_optional_severity(doc, entry.get("severity"), (*path, "severity")),
        )
        if term.value in terms:
            doc.fail((*path, "value"), "repeats an earlier deny value")
        terms[term.value] = term
    return tuple(terms.values())


def _recognizers(doc: _Document, value: Any) -> tuple[CustomRecognizer, ...]:
    recognizers: dict[str, CustomRecognizer] = {}
    keys = ("name", "entity", "pattern", "score", "severity")
    for index, item in enumerate(doc.sequence(value, ("recognizers",))):
        path: KeyPath = ("recognizers", index)
        entry = doc.mapping(item, path, keys, required=("name", "entity", "pattern"))
        name = doc.string(entry["name"], (*path, "name"))
        if not _NAME.match(name):
            doc.fail((*path, "name"), f"must be letters, digits, '_', '.' or '-', got {name!r}")
        if name in recognizers:
            doc.fail((*path, "name"), f"repeats the recognizer name {name!r}")
        score = entry.get("score")
        recognizers[name] = CustomRecognizer(
            name=name,
            entity=doc.entity(entry["entity"], (*path, "entity")),
            pattern=doc.pattern(entry["pattern"], (*path, "pattern")),
            score=DEFAULT_RECOGNIZER_SCORE if score is None else doc.score(score, (*path, "score")),
            severity=_optional_severity(doc, entry.get("severity"), (*path, "severity")),
        )
    return tuple(recognizers.values())


def _optional_severity(doc: _Document, value: Any, path: KeyPath) -> str | None:
    return None if value is None else doc.choice(value, path, SEVERITIES)
