"""``openai-connector enroll`` and ``check``: the admin's two commands for a workspace."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from typing import TYPE_CHECKING

from openai_connector.cli import Subcommands
from openai_connector.constants import DEFAULT_BASE_URL
from openai_connector.get_provider_info import CONN_TYPE
from openai_connector.workspaces import WORKSPACES_VARIABLE, WorkspaceEntry, parse_workspace_list

if TYPE_CHECKING:
    from airflow.models import Connection

    from openai_connector.api import WorkspaceSettings

log = logging.getLogger(__name__)

#: Environment variable ``enroll`` takes the API key from when no option gives it.
API_KEY_VARIABLE = "OPENAI_CONNECTOR_API_KEY"


def register(commands: Subcommands) -> None:
    check = commands.add_parser("check", help="test an enrolled workspace connection")
    check.add_argument("conn_id", metavar="CONN_ID")
    check.set_defaults(handler=_check)

    enroll = commands.add_parser(
        "enroll", help="check a workspace, then save it as an Airflow connection"
    )
    enroll.add_argument("conn_id", metavar="CONN_ID")
    enroll.add_argument("--workspace-id", required=True)
    enroll.add_argument("--organization-id", required=True)
    key = enroll.add_mutually_exclusive_group()
    key.add_argument(
        "--api-key-stdin",
        action="store_true",
        help="read the Platform API key (with the Compliance API scopes) from standard input",
    )
    key.add_argument(
        "--api-key",
        help=f"the key as an argument (visible in ps and shell history; prefer --api-key-stdin "
        f"or {API_KEY_VARIABLE})",
    )
    enroll.add_argument("--workspace-name")
    enroll.add_argument("--base-url", default=DEFAULT_BASE_URL)
    enroll.set_defaults(handler=_enroll)


def load_connection(conn_id: str) -> Connection | None:
    """The connection as Airflow's secrets backends see it; ``None``, said on stdout, if absent."""
    from airflow.exceptions import AirflowNotFoundException

    from openai_connector.hooks.metadata import stored_connection

    try:
        return stored_connection(conn_id)
    except AirflowNotFoundException:
        print(f"FAILED: no connection {conn_id!r} (check AIRFLOW_HOME or enroll it first)")
        return None


def _check(args: argparse.Namespace) -> int:
    """The UI's Test button, from a shell: reads the connection as the api-server does."""
    from openai_connector.check import check_connection

    conn = load_connection(args.conn_id)
    if conn is None:
        return 1
    result = check_connection(conn.host, conn.password, conn.extra)
    print(("OK: " if result.ok else "FAILED: ") + result.message)
    return 0 if result.ok else 1


def _enroll(args: argparse.Namespace) -> int:
    from openai_connector.api import WorkspaceSettings
    from openai_connector.check import check_workspace

    api_key = _api_key(args)
    if not api_key:
        print(
            f"FAILED: no API key: pipe it to --api-key-stdin or set {API_KEY_VARIABLE}.\n"
            "Nothing was saved."
        )
        return 2
    settings = WorkspaceSettings(
        workspace_id=args.workspace_id,
        organization_id=args.organization_id,
        api_key=api_key,
        base_url=args.base_url,
        workspace_name=args.workspace_name,
    )
    result = check_workspace(settings)
    if not result.ok:
        print(f"FAILED: {result.message}\nNothing was saved.")
        return 1
    created = save_connection(args.conn_id, settings)
    pool = ensure_pool(WorkspaceEntry(args.conn_id).dedicated_pool_name)
    listed = add_to_workspace_list(args.conn_id, pool)
    print(f"OK: {result.message}")
    print(f"{'Created' if created else 'Updated'} connection {args.conn_id!r}.")
    if listed:
        print(f"Added {args.conn_id!r} to the Airflow Variable {WORKSPACES_VARIABLE!r}.")
    print(f"API concurrency of its DAG is bounded by the pool {pool!r}.")
    return 0


def _api_key(args: argparse.Namespace) -> str:
    """The key from standard input, the option or the environment, without surrounding space."""
    if args.api_key_stdin:
        return sys.stdin.readline().strip()
    return (args.api_key or os.environ.get(API_KEY_VARIABLE, "")).strip()


def save_connection(conn_id: str, settings: WorkspaceSettings) -> bool:
    """Create or update the connection through Airflow's ORM models; True when created."""
    from airflow.models import Connection
    from airflow.utils.session import create_session
    from sqlalchemy import select

    extra = {
        "workspace_id": settings.workspace_id,
        "organization_id": settings.organization_id,
    }
    if settings.workspace_name:
        extra["workspace_name"] = settings.workspace_name
    with create_session() as session:
        conn = session.scalar(select(Connection).where(Connection.conn_id == conn_id).limit(1))
        created = conn is None
        if conn is None:
            conn = Connection(conn_id=conn_id, conn_type=CONN_TYPE)
            session.add(conn)
        conn.conn_type = CONN_TYPE
        conn.host = settings.base_url
        conn.password = settings.api_key
        conn.description = f"ChatGPT Enterprise workspace {settings.display_name}"
        conn.set_extra(json.dumps(extra))
    return created


def add_to_workspace_list(conn_id: str, pool: str) -> bool:
    """Append ``conn_id`` with its pool to the workspace list; False when it was already there."""
    from airflow.models import Variable

    current = Variable.get(WORKSPACES_VARIABLE, default_var=None)
    entries = parse_workspace_list(current)
    if any(entry.conn_id == conn_id for entry in entries):
        return False
    raw = json.loads(current) if current and current.strip() else []
    raw.append({"conn_id": conn_id, "pool": pool})
    Variable.set(WORKSPACES_VARIABLE, json.dumps(raw))
    return True


#: Concurrent API-calling tasks per workspace; OpenAI's limits are per key, shared by all.
POOL_SLOTS = 2


def ensure_pool(name: str) -> str:
    """Create the workspace's pool unless it exists (an admin may have resized it)."""
    from airflow.models import Pool

    if Pool.get_pool(name) is None:
        Pool.create_or_update_pool(
            name,
            slots=POOL_SLOTS,
            description="OpenAI Compliance API calls of one workspace",
            include_deferred=False,
        )
    return name
