"""Bring the catalog in line with what remediation removed at the API.

Deleted conversations and files are marked ``deleted``; the stored text of a deleted
conversation's messages is dropped (a copy of what was removed must not outlive it). Findings
stay: their masked previews are the evidence of why the object was removed. Un-shared GPTs and
projects become ``invite-only``, as the API leaves them. Every step is an idempotent upsert, so
marking again after a crash changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from openai_connector.remediation.model import Target

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogStore

_FILE_TYPES = ("user_file", "gpt_file", "project_file")


def mark_removed(
    store: CatalogStore, workspace_id: str, run_id: str, targets: Iterable[Target]
) -> None:
    """Mark the catalog objects of finished targets (see the module docstring)."""
    from openai_connector.catalog.operations import update_rows

    by_type: dict[str, list[str]] = {}
    for target in targets:
        by_type.setdefault(target.target_type, []).append(target.target_id)
    conversations = by_type.get("conversation", [])
    files = [file_id for kind in _FILE_TYPES for file_id in by_type.get(kind, [])]
    unshared = {"visibility": "invite-only"}
    changes: list[tuple[str, str, list[str], dict[str, Any]]] = [
        ("conversations", "conversation_id", conversations, {"status": "deleted"}),
        (
            "messages",
            "conversation_id",
            conversations,
            {"status": "deleted", "text": None, "text_storage": "none"},
        ),
        (
            "files",
            "file_id",
            files,
            {"status": "deleted", "status_detail": f"deleted by remediation run {run_id}"},
        ),
        ("gpts", "gpt_id", by_type.get("gpt_sharing", []), unshared),
        ("projects", "project_id", by_type.get("project_sharing", []), unshared),
    ]
    for table, column, ids, values in changes:
        update_rows(store, table, workspace_id, column, ids, values, run_id)
