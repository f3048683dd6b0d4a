"""A real Iceberg catalog (SQLite catalog file, local warehouse) per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore


@pytest.fixture
def store(warehouse: Path) -> CatalogStore:
    """The test's own catalog, whose commit-conflict retries barely wait: these tests race."""
    return CatalogStore(CatalogConfig(str(warehouse)), retry_delay=0.001)
