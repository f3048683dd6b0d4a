"""Airflow hook: the catalog store, configured by environment and optionally a connection."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from airflow.sdk import BaseHook

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogConfig, CatalogStore


class CatalogHook(BaseHook):
    """The catalog the workspace DAGs write and the CLI reads.

    Settings come from the ``OPENAI_CONNECTOR_*`` environment variables; a connection named
    by ``catalog_conn_id`` (default: the ``OPENAI_CONNECTOR_CATALOG_CONN_ID`` variable)
    overrides them with its extra (``warehouse``, ``catalog_uri``, ``namespace``,
    ``properties``), so credentials such as ``s3.secret-access-key`` can live in a secrets
    backend instead of the environment.
    """

    conn_name_attr = "catalog_conn_id"
    hook_name = "OpenAI Connector catalog"

    def __init__(self, catalog_conn_id: str | None = None, **kwargs: Any) -> None:
        from openai_connector.settings import connector_settings

        super().__init__(**kwargs)
        self.catalog_conn_id = catalog_conn_id or connector_settings().catalog_conn_id

    @cached_property
    def config(self) -> CatalogConfig:
        """The environment's settings with the connection's extra applied over them."""
        from openai_connector.catalog import CatalogConfig

        config = CatalogConfig.from_env()
        if self.catalog_conn_id is None:
            return config
        conn = self.get_connection(self.catalog_conn_id)
        return config.with_overrides(conn.extra_dejson, f"connection {self.catalog_conn_id!r}")

    def get_conn(self) -> CatalogStore:
        """A store over the configured catalog."""
        from openai_connector.catalog import CatalogStore

        return CatalogStore(self.config)
