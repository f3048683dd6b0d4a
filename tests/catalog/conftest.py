"""A real Iceberg catalog (SQLite catalog file, local warehouse) per test."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore

WORKSPACE = "11111111-1111-4111-8111-111111111111"
OTHER_WORKSPACE = "22222222-2222-4222-8222-222222222222"


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse"


@pytest.fixture
def store(warehouse: Path) -> CatalogStore:
    return CatalogStore(CatalogConfig(str(warehouse)), retry_delay=0.001)


MessageFactory = Callable[..., dict[str, object]]


@pytest.fixture
def message() -> MessageFactory:
    """Builds messages rows: ``message("m1", text="…")`` overrides or adds columns."""
    return _message


def _message(message_id: str, workspace_id: str = WORKSPACE, **values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "workspace_id": workspace_id,
        "message_id": message_id,
        "conversation_id": "conv-1",
        "author_role": "user",
        "created_at": datetime(2026, 7, 15, 15, 29, tzinfo=UTC),
        "text": f"text of {message_id}",
        "text_storage": "redacted",
        "file_ids": [],
        "run_id": "run-1",
    }
    row.update(values)
    return row
