"""The catalog hook: environment settings, overridden by a connection's extra when named."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfigError
from openai_connector.hooks.catalog import CatalogHook
from openai_connector.settings import CATALOG_CONN_ID_ENV, WAREHOUSE_ENV


@pytest.fixture
def env_warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    warehouse = tmp_path / "from-env"
    monkeypatch.setenv(WAREHOUSE_ENV, str(warehouse))
    monkeypatch.delenv(CATALOG_CONN_ID_ENV, raising=False)
    return warehouse


def set_catalog_connection(monkeypatch: pytest.MonkeyPatch, extra: object) -> None:
    conn = {"conn_type": "generic", "extra": extra}
    monkeypatch.setenv("AIRFLOW_CONN_CATALOG_UNDER_TEST", json.dumps(conn))
    monkeypatch.setenv(CATALOG_CONN_ID_ENV, "catalog_under_test")


def test_without_a_connection_the_environment_decides(env_warehouse: Path) -> None:
    config = CatalogHook().config
    assert config.warehouse == str(env_warehouse)
    assert config.effective_catalog_uri == f"sqlite:///{env_warehouse / 'catalog.db'}"


def test_connection_extra_overrides_the_environment(
    env_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "from-connection"
    set_catalog_connection(
        monkeypatch,
        {
            "warehouse": str(warehouse),
            "namespace": "dlp",
            "properties": {"s3.secret-access-key": "canary-secret-value"},
        },
    )
    config = CatalogHook().config
    assert (config.warehouse, config.namespace) == (str(warehouse), "dlp")
    assert config.catalog_properties()["s3.secret-access-key"] == "canary-secret-value"
    assert "canary-secret-value" not in repr(config)


def test_store_from_the_connection_lands_in_its_warehouse(
    env_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "from-connection"
    set_catalog_connection(monkeypatch, {"warehouse": str(warehouse)})
    store = CatalogHook().get_conn()
    store.set_watermark("ws", "CONVERSATION_MESSAGE", datetime(2026, 1, 1, tzinfo=UTC), "run")
    assert (warehouse / "catalog.db").exists()
    assert not env_warehouse.exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"warehose": "/tmp/x"}, "unknown keys: warehose"),
        ({"properties": {"s3.region": 1}}, "properties.s3.region is invalid"),
        ({"namespace": 3}, "namespace must be a non-empty string"),
        ({"namespace": "not a name"}, "namespace must be a plain identifier"),
        ({"catalog_uri": "nonsense"}, "must be a SQLAlchemy URL"),
        ({"properties": ["s3.region"]}, "properties must map names to strings"),
    ],
)
def test_bad_connection_extra_names_the_connection_and_key(
    env_warehouse: Path, monkeypatch: pytest.MonkeyPatch, extra: dict, message: str
) -> None:
    set_catalog_connection(monkeypatch, extra)
    with pytest.raises(CatalogConfigError) as raised:
        _ = CatalogHook().config
    assert "connection 'catalog_under_test'" in str(raised.value)
    assert message in str(raised.value)
