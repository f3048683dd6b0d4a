"""The API's URL layout for one workspace, built only from ids of the shape the API issues.

Every id becomes one checked path segment, so no id (``..`` included) can change which
object a path addresses.
"""

from __future__ import annotations

from collections.abc import Mapping

from openai_connector.api.downloads import FileKind
from openai_connector.api.ids import IdKind, checked_id
from openai_connector.event_types import ORGANIZATION_EVENT_TYPES

_COLLECTIONS: Mapping[IdKind, str] = {
    "user": "users",
    "gpt": "gpts",
    "project": "projects",
    "conversation": "conversations",
}


def segment(kind: IdKind, value: str) -> str:
    """One URL path segment: only an id of the shape the API issues for ``kind``."""
    return checked_id(kind, value)


class WorkspacePaths:
    """Paths of one workspace's objects, and of its organization's logs."""

    def __init__(self, workspace_id: str, organization_id: str) -> None:
        self.workspace = f"/compliance/workspaces/{segment('workspace', workspace_id)}"
        self.organization = f"/compliance/organizations/{segment('organization', organization_id)}"

    def collection(self, name: str) -> str:
        """A listing of the workspace (``users``, ``gpts``, ``conversations`` …)."""
        return f"{self.workspace}/{name}"

    def object(self, kind: IdKind, object_id: str) -> str:
        return f"{self.workspace}/{_COLLECTIONS[kind]}/{segment(kind, object_id)}"

    def object_file(self, kind: IdKind, object_id: str, file_id: str) -> str:
        """A file of a user, GPT or project."""
        return f"{self.object(kind, object_id)}/files/{segment('file', file_id)}"

    def file_content(self, kind: FileKind, file_id: str, user_id: str | None) -> str:
        if kind == "user":
            if not user_id:
                raise ValueError("user_id is required to fetch a user file")
            return self.object_file("user", user_id, file_id)
        if kind == "gpt":
            return f"{self.workspace}/gpt_files/{segment('file', file_id)}"
        if kind == "project":
            return f"{self.workspace}/project_files/{segment('file', file_id)}"
        raise ValueError(f"unknown file kind {kind!r}; expected 'user', 'gpt' or 'project'")

    def logs(self, event_type: str) -> str:
        """The log listing of ``event_type``: organization events live at the organization."""
        organization = event_type in ORGANIZATION_EVENT_TYPES
        return f"{self.organization if organization else self.workspace}/logs"

    def log_file(self, event_type: str, log_file_id: str) -> str:
        return f"{self.logs(event_type)}/{segment('log_file', log_file_id)}"
