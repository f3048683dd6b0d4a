"""A real Iceberg catalog (SQLite catalog file, local warehouse) per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture
def store(warehouse: Path) -> CatalogStore:
    return CatalogStore(CatalogConfig(str(warehouse)), retry_delay=0.001)
