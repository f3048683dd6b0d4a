"""The project's environment variables, declared and read in one place.

Every ``OPENAI_CONNECTOR_*`` variable (and the few standard ones the project honours) is a
field of :class:`ConnectorSettings`, named by its alias; the README's table lists the same
names. Code that needs a setting asks :func:`connector_settings`; nothing else reads
``os.environ``. A blank variable counts as unset. A run records :meth:`~ConnectorSettings.record`
in its plan, so a run's log says how the machine was configured (never a password: a
catalog URI is recorded redacted, credentials are never read here).

Not here, on purpose: the API key (a connection's password; the command line's ``enroll``
takes ``OPENAI_CONNECTOR_API_KEY`` as its own input) and the AWS credentials (left to the
standard AWS chain).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, model_validator

from openai_connector.errors import OpenAIConnectorError
from openai_connector.validation import describe, reworded

WAREHOUSE_ENV = "OPENAI_CONNECTOR_WAREHOUSE"
CATALOG_URI_ENV = "OPENAI_CONNECTOR_CATALOG_URI"
CATALOG_CONN_ID_ENV = "OPENAI_CONNECTOR_CATALOG_CONN_ID"
POLICY_DIR_ENV = "OPENAI_CONNECTOR_POLICY_DIR"
SPACY_MODEL_ENV = "OPENAI_CONNECTOR_SPACY_MODEL"
PROCESSES_ENV = "OPENAI_CONNECTOR_CLASSIFY_PROCESSES"
MAX_CHARS_ENV = "OPENAI_CONNECTOR_CLASSIFY_MAX_CHARS"


class SettingsError(OpenAIConnectorError, ValueError):
    """An environment variable has a value the project cannot use; the message names it."""


def _variable(*names: str, description: str) -> Any:
    return Field(default=None, validation_alias=AliasChoices(*names), description=description)


_Count = Annotated[int, Field(ge=1), reworded("must be a positive whole number, got {value}")]


class ConnectorSettings(BaseModel):
    """The environment, validated: each field names the variable(s) it is read from."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)

    airflow_home: str | None = _variable(
        "AIRFLOW_HOME",
        description="Airflow's home; the default warehouse and state dir live under it.",
    )
    warehouse: str | None = _variable(
        WAREHOUSE_ENV,
        description="Warehouse directory or object-store URI (`s3://bucket/prefix`).",
    )
    catalog_uri: str | None = _variable(
        CATALOG_URI_ENV,
        description="SQLAlchemy URL or `http(s)://` Iceberg REST endpoint of the catalog.",
    )
    catalog_namespace: str | None = _variable(
        "OPENAI_CONNECTOR_CATALOG_NAMESPACE", description="Iceberg namespace of the tables."
    )
    catalog_conn_id: str | None = _variable(
        CATALOG_CONN_ID_ENV,
        description="Airflow connection whose extra overrides the catalog settings.",
    )
    state_dir: str | None = _variable(
        "OPENAI_CONNECTOR_STATE_DIR",
        description="Local state (the SQLite catalog of an object-store warehouse).",
    )
    s3_endpoint: str | None = _variable(
        "OPENAI_CONNECTOR_S3_ENDPOINT",
        "AWS_ENDPOINT_URL_S3",
        "AWS_ENDPOINT_URL",
        description="S3 endpoint of an `s3://` warehouse (first one set wins).",
    )
    s3_region: str | None = _variable(
        "AWS_REGION", "AWS_DEFAULT_REGION", description="S3 region of an `s3://` warehouse."
    )
    policy_dir: str | None = _variable(
        POLICY_DIR_ENV,
        description="Folder relative policy names resolve against.",
    )
    spacy_model: str | None = _variable(
        SPACY_MODEL_ENV, description="spaCy model the classifier loads."
    )
    classify_processes: _Count | None = _variable(
        PROCESSES_ENV,
        description="Classifier processes per task (default: one per usable core, shared "
        "by a run's message partitions).",
    )
    classify_max_chars: _Count | None = _variable(
        MAX_CHARS_ENV,
        description="Characters of one object's text that are classified.",
    )

    @model_validator(mode="before")
    @classmethod
    def _blank_is_unset(cls, values: Any) -> Any:
        if isinstance(values, Mapping):
            stripped = {name: str(value).strip() for name, value in values.items()}
            return {name: value for name, value in stripped.items() if value}
        return values

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> ConnectorSettings:
        """The settings ``environ`` describes; a bad value raises :class:`SettingsError`."""
        names = variable_names()
        try:
            return cls.model_validate({name: environ[name] for name in names if name in environ})
        except ValidationError as exc:
            raise SettingsError(describe(exc)) from None

    def record(self) -> dict[str, Any]:
        """JSON for a run's plan: each setting by its first variable's name, URIs redacted."""
        from openai_connector.catalog.config import redact_uri

        values = self.model_dump()
        values["catalog_uri"] = redact_uri(self.catalog_uri)
        return {_names(field)[0]: values[field] for field in type(self).model_fields}


def _names(field: str) -> tuple[str, ...]:
    alias = ConnectorSettings.model_fields[field].validation_alias
    return tuple(str(choice) for choice in getattr(alias, "choices", ()))


def variable_names() -> tuple[str, ...]:
    """Every environment variable the project reads, in declaration order."""
    return tuple(name for field in ConnectorSettings.model_fields for name in _names(field))


def connector_settings() -> ConnectorSettings:
    """The process's settings: read and validated once per distinct environment.

    The variables are looked up on every call (a dozen dictionary reads), so a deployment,
    a bench or a test that changes one is seen; parsing and validation happen once per set
    of values.
    """
    return _settings_for(tuple((name, os.environ.get(name)) for name in variable_names()))


@lru_cache(maxsize=4)
def _settings_for(values: tuple[tuple[str, str | None], ...]) -> ConnectorSettings:
    return ConnectorSettings.from_environ({name: value for name, value in values if value})
