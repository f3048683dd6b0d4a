"""Rows for the catalog's tables, as the pipeline would land them, for the catalog tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

WORKSPACE = "11111111-1111-4111-8111-111111111111"
OTHER_WORKSPACE = "22222222-2222-4222-8222-222222222222"

MessageFactory = Callable[..., dict[str, object]]


def message_row(
    message_id: str, workspace_id: str = WORKSPACE, **values: object
) -> dict[str, object]:
    """A ``messages`` row; ``values`` override or add columns."""
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
