"""Which workspaces a report shows, with the Airflow names the page links by.

Enrolled workspaces come from the ``openai_compliance_workspaces`` Variable and their
connections (for the workspace id the catalog rows carry); workspaces the catalog holds but
no longer lists are shown too, by id only. A single workspace is answered only for an
enrolled connection id, so the page cannot be used to probe Airflow's other connections.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from openai_connector.errors import OpenAIConnectorError
from openai_connector.reporting import WorkspaceRef, catalog_workspace_ids
from openai_connector.workspaces import WORKSPACES_VARIABLE, parse_workspace_list

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogStore

log = logging.getLogger(__name__)


class UnknownWorkspaceError(OpenAIConnectorError, LookupError):
    """The requested connection is not an enrolled, usable workspace connection."""


def workspace_ref(conn_id: str) -> WorkspaceRef:
    """The workspace behind a connection; the key is read only to validate the connection."""
    from openai_connector.api import WorkspaceSettings
    from openai_connector.hooks.metadata import stored_connection

    try:
        conn = stored_connection(conn_id)
        settings = WorkspaceSettings.from_connection_fields(
            host=conn.host, password=conn.password, extra=conn.extra
        ).validate()
    except Exception as exc:  # not found or invalid: both mean "no such workspace"
        raise UnknownWorkspaceError(
            f"connection {conn_id!r} is not a usable workspace connection ({type(exc).__name__})"
        ) from None
    return WorkspaceRef(settings.workspace_id, conn_id=conn_id, name=settings.workspace_name)


def enrolled_conn_ids() -> list[str]:
    """The connection ids the Variable enrolls, in its order."""
    from openai_connector.hooks.metadata import stored_variable

    entries = parse_workspace_list(stored_variable(WORKSPACES_VARIABLE))
    return [entry.conn_id for entry in entries]


def report_workspaces(store: CatalogStore, conn_id: str | None = None) -> list[WorkspaceRef]:
    """``conn_id``'s workspace (enrolled ones only), or every enrolled one plus those only the
    catalog knows."""
    enrolled = enrolled_conn_ids()
    if conn_id is not None:
        if conn_id not in enrolled:
            raise UnknownWorkspaceError(f"connection {conn_id!r} is not enrolled")
        return [workspace_ref(conn_id)]
    refs: dict[str, WorkspaceRef] = {}
    for enrolled_id in enrolled:
        try:
            ref = workspace_ref(enrolled_id)
        except UnknownWorkspaceError as exc:
            log.warning("skipping enrolled workspace: %s", exc)
            continue
        refs.setdefault(ref.workspace_id, ref)
    for workspace_id in catalog_workspace_ids(store):
        refs.setdefault(workspace_id, WorkspaceRef(workspace_id))
    return list(refs.values())
