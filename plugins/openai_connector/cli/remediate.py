"""``openai-connector remediate``: the remediation DAG's steps from a shell, dry run unless told.

It reads the workspace connection the way ``check`` does, so it works wherever Airflow's
connections (or ``AIRFLOW_CONN_…`` variables) are visible, and writes the same audit rows.
"""

from __future__ import annotations

import argparse
import getpass
from datetime import UTC, datetime

from openai_connector.cli import Subcommands
from openai_connector.cli.connections import load_connection
from openai_connector.constants import (
    REMEDIATION_MAX_DELETIONS,
    REMEDIATION_MIN_SEVERITY,
    SEVERITY_RANK,
)
from openai_connector.errors import OpenAIConnectorError


def register(commands: Subcommands) -> None:
    remediate = commands.add_parser(
        "remediate",
        help="delete what the findings select in a workspace (a dry run unless --execute)",
    )
    remediate.add_argument("conn_id", metavar="CONN_ID")
    remediate.add_argument(
        "--execute", action="store_true", help="really delete (needs --confirm); default: dry run"
    )
    remediate.add_argument(
        "--confirm", metavar="NAME", help="the workspace's display name, exactly, to execute"
    )
    remediate.add_argument(
        "--min-severity", choices=list(SEVERITY_RANK), default=REMEDIATION_MIN_SEVERITY
    )
    remediate.add_argument(
        "--entity-type",
        dest="entity_types",
        action="append",
        metavar="TYPE",
        help="only findings of this type (repeatable)",
    )
    remediate.add_argument(
        "--target",
        dest="targets",
        action="append",
        metavar="ID",
        help="only this conversation, file, GPT or project id (repeatable)",
    )
    remediate.add_argument("--max-deletions", type=int, default=REMEDIATION_MAX_DELETIONS)
    remediate.set_defaults(handler=_remediate)


def _remediate(args: argparse.Namespace) -> int:
    from openai_connector.api import ComplianceClient, WorkspaceSettings
    from openai_connector.hooks.catalog import CatalogHook
    from openai_connector.remediation import RemediationError, Request, remediate
    from openai_connector.remediation.report import describe

    conn = load_connection(args.conn_id)
    if conn is None:
        return 1
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    try:
        settings = WorkspaceSettings.from_connection_fields(
            host=conn.host, password=conn.password, extra=conn.extra
        ).validate()
        request = Request.from_params(
            {
                "dry_run": not args.execute,
                "confirm": args.confirm,
                "min_severity": args.min_severity,
                "entity_types": args.entity_types,
                "targets": args.targets,
                "max_deletions": args.max_deletions,
            },
            run_id=f"{args.conn_id}/remediate/cli__{stamp}",
            triggered_by=f"cli:{getpass.getuser()}",
        )
        result = remediate(
            request,
            settings=settings,
            store=CatalogHook().get_conn(),
            client_factory=lambda: ComplianceClient(settings),
        )
    except RemediationError as exc:
        print(f"REFUSED: {exc}")
        return 1
    except OpenAIConnectorError as exc:
        print(f"FAILED: {exc}")
        return 1
    print("\n".join(describe(result)))
    return 1 if result.failed else 0
