"""The policy document's shape (parsed YAML, or a run plan's JSON) and building the ``Policy``.

The shape is declared once, as pydantic models below; every error names the source, the line
(when the document came from a file) and the key, e.g.
``acme.yaml line 12: severity.OPENAI_API_KEY must be one of low, medium, high, critical``.
Unknown keys are errors too: a misspelt ``thresholds`` must not silently do nothing. A null
value means the key's default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, NoReturn

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictStr,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from openai_connector.constants import Severity
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
from openai_connector.validation import (
    Loc,
    dotted,
    first_problems,
    invalid,
    one_of,
    reworded,
    shown,
)

#: Where a value sits in the document: keys and list indexes from the top.
KeyPath = Loc

_ENTITY = r"^[A-Z][A-Z0-9_]{0,63}$"
_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_DOMAIN = re.compile(r"^[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$")


class PolicyError(OpenAIConnectorError, ValueError):
    """A policy that cannot be used; the message names the file, the line and the key."""


def _schema_version(value: Any) -> int:
    if isinstance(value, bool) or value != SCHEMA_VERSION:
        raise invalid(f"must be {SCHEMA_VERSION}, got {shown(value)}")
    return SCHEMA_VERSION


def _safe_pattern(pattern: str) -> str:
    try:
        compile_pattern(pattern)
    except UnsafePatternError as exc:
        raise invalid(str(exc)) from None
    return pattern


def _plain_name(name: str) -> str:
    if not _NAME.match(name):
        raise invalid(f"must be letters, digits, '_', '.' or '-', got {name!r}")
    return name


def _email_domain(value: str) -> str:
    domain = value.strip().lower().lstrip("@")
    if not _DOMAIN.match(domain):
        raise invalid(f"must be a domain like example.com, got {domain!r}")
    return domain


def _country(value: Any) -> str:
    """A country code of the entity catalog (loaded only when a policy names countries)."""
    from openai_connector.classify.entities import COUNTRIES

    if not isinstance(value, str) or value not in COUNTRIES:
        raise invalid(
            f"must be a country code of the entity catalog ({', '.join(sorted(COUNTRIES))})"
            f", got {shown(value)}"
        )
    return value


_List = reworded("must be a list, got {kind}")
_Mapping = reworded("must be a mapping, got {kind}")
_ByEntity = reworded("must be a mapping of entity types, got {kind}")
_Text = Annotated[
    StrictStr, Field(pattern=r"\S"), reworded("must be a non-empty string, got {kind}")
]
_Entity = Annotated[
    StrictStr, Field(pattern=_ENTITY), reworded("must be an entity type like US_SSN, got {value}")
]
_Score = Annotated[
    StrictFloat, Field(ge=0, le=1), reworded("must be a number from 0 to 1, got {value}")
]
_Severity = Annotated[Severity, one_of(SEVERITIES)]
_Pattern = Annotated[_Text, AfterValidator(_safe_pattern)]
_EntityList = Annotated[tuple[_Entity, ...], _List]


class _Section(BaseModel):
    """A mapping of known keys; a null value is the key's default."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _null_is_default(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: item
                for key, item in value.items()
                if item is not None or key not in cls.model_fields
            }
        return value


class _Entities(_Section):
    disabled: _EntityList = ()
    enabled: _EntityList = ()
    thresholds: Annotated[dict[_Entity, _Score], _ByEntity] = {}


class _Allow(_Section):
    values: Annotated[tuple[_Text, ...], _List] = ()
    patterns: Annotated[tuple[_Pattern, ...], _List] = ()
    email_domains: Annotated[
        tuple[Annotated[_Text, AfterValidator(_email_domain)], ...], _List
    ] = ()


class _DenyTerm(_Section):
    """A deny entry: an object, or just the value; a blank entity is the default one."""

    value: _Text
    entity: _Entity = DEFAULT_DENY_ENTITY
    severity: _Severity | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_value(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"value": value}
        if isinstance(value, dict) and not value.get("entity"):
            return {key: item for key, item in value.items() if key != "entity"}
        return value


class _Recognizer(_Section):
    name: Annotated[_Text, AfterValidator(_plain_name)]
    entity: _Entity
    pattern: _Pattern
    score: _Score = DEFAULT_RECOGNIZER_SCORE
    severity: _Severity | None = None


class _Document(_Section):
    version: Annotated[int, BeforeValidator(_schema_version)]
    storage: Annotated[str, one_of(STORAGE_MODES)] = DEFAULT_STORAGE
    min_score: _Score = DEFAULT_MIN_SCORE
    #: Country codes of the catalog; absent means every country.
    countries: Annotated[tuple[Annotated[str, BeforeValidator(_country)], ...], _List] | None = None
    entities: Annotated[_Entities, _Mapping] = _Entities()
    severity: Annotated[dict[_Entity, _Severity], _ByEntity] = {}
    allow: Annotated[_Allow, _Mapping] = _Allow()
    deny: Annotated[tuple[Annotated[_DenyTerm, _Mapping], ...], _List] = ()
    recognizers: Annotated[tuple[Annotated[_Recognizer, _Mapping], ...], _List] = ()


_DOCUMENT = TypeAdapter(Annotated[_Document, _Mapping])
#: The model whose keys a mapping may have, by the first key of the mapping's path.
_SECTIONS: dict[str | int, type[_Section]] = {
    "entities": _Entities,
    "allow": _Allow,
    "deny": _DenyTerm,
    "recognizers": _Recognizer,
}


def policy_from_data(data: Any, source: str, lines: Mapping[KeyPath, int] | None = None) -> Policy:
    """The ``Policy`` a document describes; ``lines`` maps key paths to 1-based line numbers."""
    try:
        document = _DOCUMENT.validate_python(data)
    except ValidationError as exc:
        problem = first_problems(exc)[0]
        if problem.unknown_key:
            model = _SECTIONS[problem.loc[0]] if len(problem.loc) > 1 else _Document
            known = ", ".join(model.model_fields)
            _fail(source, lines, problem.loc, f"is not a known key; use one of {known}")
        _fail(source, lines, problem.loc, problem.problem)
    _check_unique(source, lines, "deny", [term.value for term in document.deny], "value")
    _check_unique(source, lines, "recognizers", [r.name for r in document.recognizers], "name")
    return Policy(
        storage=document.storage,
        min_score=document.min_score,
        disabled=frozenset(document.entities.disabled),
        enabled=frozenset(document.entities.enabled),
        countries=None if document.countries is None else frozenset(document.countries),
        thresholds=tuple(sorted(document.entities.thresholds.items())),
        severity=tuple(sorted(document.severity.items())),
        allow_values=frozenset(document.allow.values),
        allow_patterns=document.allow.patterns,
        allow_email_domains=frozenset(document.allow.email_domains),
        deny=tuple(DenyTerm(**term.model_dump()) for term in document.deny),
        recognizers=tuple(CustomRecognizer(**r.model_dump()) for r in document.recognizers),
    )


def _check_unique(
    source: str, lines: Mapping[KeyPath, int] | None, section: str, names: list[str], key: str
) -> None:
    """Two deny terms with one value, or two recognizers with one name, are a mistake."""
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            problem = (
                "repeats an earlier deny value"
                if section == "deny"
                else f"repeats the recognizer name {name!r}"
            )
            _fail(source, lines, (section, index, key), problem)
        seen.add(name)


def _fail(
    source: str, lines: Mapping[KeyPath, int] | None, path: KeyPath, problem: str
) -> NoReturn:
    """Raise the ``PolicyError`` for ``path``, at the line of its nearest ancestor on record."""
    where = source
    for depth in range(len(path), -1, -1):
        if lines and path[:depth] in lines:
            where = f"{source} line {lines[path[:depth]]}"
            break
    raise PolicyError(f"{where}: {dotted(path) or 'the policy'} {problem}")
