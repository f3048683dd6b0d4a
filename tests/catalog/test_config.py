"""Catalog configuration from code and from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogConfigError


def test_local_warehouse_defaults_to_sqlite_inside_it(tmp_path: Path) -> None:
    config = CatalogConfig(str(tmp_path / "wh"))

    assert config.is_local
    assert config.effective_catalog_uri == f"sqlite:///{tmp_path / 'wh' / 'catalog.db'}"
    assert config.catalog_properties() == {
        "type": "sql",
        "uri": config.effective_catalog_uri,
        "warehouse": str(tmp_path / "wh"),
    }


def test_relative_and_file_uri_warehouses_become_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    assert CatalogConfig("wh").warehouse == str(tmp_path / "wh")
    assert CatalogConfig(f"file://{tmp_path}/wh2").warehouse == str(tmp_path / "wh2")


def test_from_env_reads_every_setting(tmp_path: Path) -> None:
    env = {
        "OPENAI_CONNECTOR_WAREHOUSE": str(tmp_path / "wh"),
        "OPENAI_CONNECTOR_CATALOG_URI": "postgresql+psycopg://airflow@db:5432/catalog",
        "OPENAI_CONNECTOR_CATALOG_NAMESPACE": "dlp",
    }

    config = CatalogConfig.from_env(env)

    assert config.warehouse == str(tmp_path / "wh")
    assert config.catalog_uri == "postgresql+psycopg://airflow@db:5432/catalog"
    assert config.namespace == "dlp"
    assert config.catalog_properties()["type"] == "sql"


def test_from_env_defaults_under_airflow_home(tmp_path: Path) -> None:
    config = CatalogConfig.from_env({"AIRFLOW_HOME": str(tmp_path)})

    assert config.warehouse == str(tmp_path / "openai_connector" / "warehouse")
    assert config.catalog_uri is None
    assert config.namespace == "openai_compliance"


def test_default_warehouse_argument_loses_to_the_env_var(tmp_path: Path) -> None:
    fallback = str(tmp_path / "fallback")

    assert CatalogConfig.from_env({}, default_warehouse=fallback).warehouse == fallback
    env = {"OPENAI_CONNECTOR_WAREHOUSE": str(tmp_path / "env")}
    assert CatalogConfig.from_env(env, default_warehouse=fallback).warehouse == str(
        tmp_path / "env"
    )


def test_s3_warehouse_keeps_its_sqlite_catalog_in_the_state_dir(tmp_path: Path) -> None:
    env = {
        "OPENAI_CONNECTOR_WAREHOUSE": "s3://dlp-bucket/catalog/",
        "OPENAI_CONNECTOR_S3_ENDPOINT": "http://127.0.0.1:9000",
        "AWS_REGION": "eu-west-1",
        "AWS_SECRET_ACCESS_KEY": "do-not-copy-me",
        "OPENAI_CONNECTOR_STATE_DIR": str(tmp_path / "state"),
    }

    config = CatalogConfig.from_env(env)

    assert not config.is_local
    assert config.warehouse == "s3://dlp-bucket/catalog"
    sqlite_path = config.default_sqlite_path()
    assert sqlite_path.parent == tmp_path / "state" / "catalogs"
    assert sqlite_path.name.startswith("s3_dlp_bucket_catalog_")
    assert config.effective_catalog_uri == f"sqlite:///{sqlite_path}"
    assert config.properties == {"s3.endpoint": "http://127.0.0.1:9000", "s3.region": "eu-west-1"}


def test_rest_catalog() -> None:
    config = CatalogConfig("s3://bucket/wh", catalog_uri="https://iceberg.example.test/api/catalog")

    assert config.is_rest
    assert config.catalog_properties()["type"] == "rest"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"warehouse": ""}, "warehouse location is empty"),
        ({"warehouse": "ftp://host/wh"}, "unsupported scheme 'ftp'"),
        ({"warehouse": "s3:///no-bucket"}, "has no bucket"),
        ({"warehouse": "/tmp/wh", "catalog_uri": "catalog.db"}, "must be a SQLAlchemy URL"),
        ({"warehouse": "/tmp/wh", "catalog_uri": "https:///x"}, "has no host"),
        ({"warehouse": "/tmp/wh", "namespace": "bad.name"}, "plain identifier"),
    ],
)
def test_bad_settings_get_clear_errors(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(CatalogConfigError, match=message):
        CatalogConfig(**kwargs)  # type: ignore[arg-type]


def test_passwords_stay_out_of_errors_and_reprs() -> None:
    with pytest.raises(CatalogConfigError) as error:
        CatalogConfig("/tmp/wh", catalog_uri="postgres//admin:hunter2@db/catalog")
    assert "hunter2" not in str(error.value)

    config = CatalogConfig(
        "s3://bucket/wh",
        catalog_uri="postgresql+psycopg://admin:hunter2@db/catalog",
        properties={"s3.secret-access-key": "s3cr3t", "s3.region": "eu-west-1"},
    )
    assert "hunter2" not in repr(config)
    assert "s3cr3t" not in repr(config)
    assert "eu-west-1" in repr(config)


def test_overrides_name_the_source_and_the_key_without_echoing_values() -> None:
    config = CatalogConfig("/tmp/wh")
    secret = "-".join(["not", "a", "real", "secret"])
    with pytest.raises(CatalogConfigError) as error:
        config.with_overrides({"properties": {"s3.secret-access-key": [secret]}}, "connection 'c'")
    assert str(error.value) == (
        "connection 'c': properties.s3.secret-access-key is invalid: input should be a valid string"
    )
    with pytest.raises(CatalogConfigError, match=r"^connection 'c': unknown keys: name, uri$"):
        config.with_overrides({"uri": "x", "name": "y"}, "connection 'c'")
    blank = config.with_overrides({"namespace": " dlp ", "properties": None}, "c")
    assert (blank.namespace, blank.properties) == ("dlp", {})
