"""Where the catalog lives: warehouse location, catalog backend and namespace.

Defaults aim at a single machine with nothing to set up: a local warehouse directory holding
its own SQLite catalog file. Multi-machine deployments point ``catalog_uri`` at Postgres
(``postgresql+psycopg://…``) or an Iceberg REST catalog and the warehouse at object storage.

:meth:`CatalogConfig.from_env` builds the configuration from the project's settings
(:mod:`openai_connector.settings`; the README's Configuration table lists the variables). Its
defaults: the warehouse under ``$AIRFLOW_HOME/openai_connector/warehouse``; the catalog a
SQLite file ``catalog.db`` in a local warehouse, or for an object-store warehouse
``<state dir>/catalogs/<warehouse as a slug>.db`` in the local state dir (only visible on
that machine); S3 endpoint and region from the settings for an ``s3://`` warehouse, while
credentials are left to the standard AWS chain so they never sit in this object. A catalog
connection's extra overrides these (:meth:`CatalogConfig.with_overrides`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictStr, ValidationError

from openai_connector.errors import OpenAIConnectorError
from openai_connector.settings import (
    CATALOG_URI_ENV,
    WAREHOUSE_ENV,
    ConnectorSettings,
    connector_settings,
)
from openai_connector.validation import describe, reworded

DEFAULT_NAMESPACE = "openai_compliance"
CATALOG_NAME = "openai_connector"


OBJECT_STORE_SCHEMES = frozenset(
    {"s3", "s3a", "s3n", "gs", "gcs", "abfs", "abfss", "wasb", "wasbs", "hdfs", "oss"}
)
_SECRET_PROPERTY = re.compile(r"secret|token|password|credential|key", re.IGNORECASE)
_SQLALCHEMY_URL = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\+[A-Za-z0-9_]+)?://")
_URI_PASSWORD = re.compile(r"(?<=:)[^:@/]+(?=@)")
_NAMESPACE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class CatalogConfigError(OpenAIConnectorError, ValueError):
    """The catalog configuration cannot work; the message says which setting and why."""


_Setting = Annotated[
    StrictStr | None,
    Field(default=None, min_length=1),
    reworded("must be a non-empty string"),
]


class CatalogOverrides(BaseModel):
    """What a connection extra may set, see :meth:`CatalogConfig.with_overrides`."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    warehouse: _Setting = None
    catalog_uri: _Setting = None
    namespace: _Setting = None
    #: Merged over the environment's properties; values may be credentials (never echoed).
    properties: Annotated[
        dict[StrictStr, StrictStr] | None,
        BeforeValidator(lambda value: value or None),
        reworded("must map names to strings"),
    ] = None


@dataclass(frozen=True, repr=False)
class CatalogConfig:
    """Catalog location. ``catalog_uri=None`` means a SQLite file chosen from the warehouse."""

    warehouse: str
    catalog_uri: str | None = None
    namespace: str = DEFAULT_NAMESPACE
    properties: Mapping[str, str] = field(default_factory=dict)
    state_dir: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "warehouse", _normalise_warehouse(self.warehouse))
        if self.catalog_uri is not None:
            _check_catalog_uri(self.catalog_uri)
        if not _NAMESPACE.match(self.namespace):
            raise CatalogConfigError(
                f"catalog namespace must be a plain identifier (letters, digits, _); "
                f"got {self.namespace!r}"
            )

    @property
    def is_local(self) -> bool:
        """True when the warehouse is a directory on this machine."""
        return urlsplit(self.warehouse).scheme not in OBJECT_STORE_SCHEMES

    @property
    def is_rest(self) -> bool:
        return urlsplit(self.effective_catalog_uri).scheme in {"http", "https"}

    @property
    def effective_catalog_uri(self) -> str:
        """The configured catalog URI, or the default SQLite file for this warehouse."""
        if self.catalog_uri:
            return self.catalog_uri
        return f"sqlite:///{self.default_sqlite_path()}"

    def default_sqlite_path(self) -> Path:
        """Inside a local warehouse; under the state dir for an object-store warehouse."""
        if self.is_local:
            return Path(self.warehouse) / "catalog.db"
        state_dir = Path(self.state_dir or "~/.local/state/openai_connector").expanduser()
        slug = re.sub(r"[^A-Za-z0-9]+", "_", self.warehouse).strip("_")[:80]
        digest = hashlib.sha256(self.warehouse.encode()).hexdigest()[:8]
        return state_dir / "catalogs" / f"{slug}_{digest}.db"

    def catalog_properties(self) -> dict[str, str]:
        """Properties for ``pyiceberg.catalog.load_catalog``."""
        return {
            "type": "rest" if self.is_rest else "sql",
            "uri": self.effective_catalog_uri,
            "warehouse": self.warehouse,
            **self.properties,
        }

    def __repr__(self) -> str:
        properties = {
            name: "***" if _SECRET_PROPERTY.search(name) else value
            for name, value in self.properties.items()
        }
        return (
            f"CatalogConfig(warehouse={self.warehouse!r}, "
            f"catalog_uri={redact_uri(self.catalog_uri)!r}, namespace={self.namespace!r}, "
            f"properties={properties!r})"
        )

    def with_overrides(self, overrides: Mapping[str, object], source: str) -> CatalogConfig:
        """This configuration with the values ``source`` (e.g. a connection) sets replaced.

        ``properties`` are merged over the current ones. Errors name ``source`` and the key.
        """
        try:
            parsed = CatalogOverrides.model_validate(overrides)
        except ValidationError as exc:
            raise CatalogConfigError(f"{source}: {describe(exc, show_values=False)}") from None
        values = parsed.model_dump(exclude={"properties"}, exclude_none=True)
        properties = parsed.properties or {}
        try:
            return replace(self, **values, properties={**self.properties, **properties})
        except CatalogConfigError as exc:
            raise CatalogConfigError(f"{source}: {exc}") from None

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, default_warehouse: str | None = None
    ) -> CatalogConfig:
        """Build the configuration from the project's settings (see the module docstring);
        ``environ`` stands in for the process environment."""
        env = connector_settings() if environ is None else ConnectorSettings.from_environ(environ)
        airflow_home = env.airflow_home or "~/airflow"
        warehouse = (
            env.warehouse
            or default_warehouse
            or str(Path(airflow_home) / "openai_connector" / "warehouse")
        )
        properties: dict[str, str] = {}
        if urlsplit(warehouse).scheme in {"s3", "s3a", "s3n"}:
            properties.update({"s3.endpoint": env.s3_endpoint} if env.s3_endpoint else {})
            properties.update({"s3.region": env.s3_region} if env.s3_region else {})
        return cls(
            warehouse=warehouse,
            catalog_uri=env.catalog_uri,
            namespace=env.catalog_namespace or DEFAULT_NAMESPACE,
            properties=properties,
            state_dir=env.state_dir or str(Path(airflow_home) / "openai_connector" / "state"),
        )


def redact_uri(uri: str | None) -> str | None:
    """The URI with any ``user:password@`` password masked, safe for logs and errors.

    Works on malformed URIs too, since those are exactly the ones echoed in error messages.
    """
    return _URI_PASSWORD.sub("***", uri) if uri else uri


def _normalise_warehouse(warehouse: str) -> str:
    """Object-store URIs stay as they are; local paths become absolute paths."""
    if not warehouse or not warehouse.strip():
        raise CatalogConfigError(f"the warehouse location is empty; set {WAREHOUSE_ENV}")
    scheme = urlsplit(warehouse).scheme
    if scheme in OBJECT_STORE_SCHEMES:
        if not urlsplit(warehouse).netloc:
            raise CatalogConfigError(
                f"warehouse URI {warehouse!r} has no bucket/container; "
                f"expected e.g. {scheme}://bucket/prefix"
            )
        return warehouse.rstrip("/")
    if scheme == "file":
        return str(Path(urlsplit(warehouse).path).resolve())
    if scheme and len(scheme) > 1:  # a one-letter "scheme" is a Windows drive
        raise CatalogConfigError(
            f"warehouse {warehouse!r} has an unsupported scheme {scheme!r}; use a local path "
            f"or one of {', '.join(sorted(OBJECT_STORE_SCHEMES))}"
        )
    return str(Path(warehouse).expanduser().resolve())


def _check_catalog_uri(uri: str) -> None:
    scheme = urlsplit(uri).scheme
    if scheme in {"http", "https"}:
        if not urlsplit(uri).netloc:
            raise CatalogConfigError(f"REST catalog URI {redact_uri(uri)!r} has no host")
        return
    if not _SQLALCHEMY_URL.match(uri):
        raise CatalogConfigError(
            f"{CATALOG_URI_ENV} must be a SQLAlchemy URL (sqlite:///path/catalog.db, "
            f"postgresql+psycopg://user@host/db) or an http(s):// Iceberg REST endpoint; "
            f"got {redact_uri(uri)!r}"
        )
