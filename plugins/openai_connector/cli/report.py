"""``openai-connector report``: the DLP page as one self-contained HTML file, readable offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help="write the DLP report (charts and tables) as one offline HTML file"
    )
    report.add_argument(
        "--workspace", metavar="CONN_ID", help="only this workspace connection (default: all)"
    )
    report.add_argument("--out", required=True, type=Path, help="HTML file to write")
    report.add_argument("--days", type=int, default=30, help="days charted (default 30)")
    report.add_argument(
        "--airflow-url",
        help="base URL of the Airflow UI, to link the workspace and remediation DAGs",
    )
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from openai_connector.catalog import CatalogConfigError, CatalogError
    from openai_connector.hooks.catalog import CatalogHook
    from openai_connector.reporting import collect, render_html
    from openai_connector.ui.workspaces import UnknownWorkspaceError, report_workspaces

    if args.days < 1:
        print("error: --days must be at least 1", file=sys.stderr)
        return 2
    try:
        store = CatalogHook().get_conn()
        report = collect(store, report_workspaces(store, args.workspace), days=args.days)
    except (CatalogConfigError, CatalogError, UnknownWorkspaceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.out.write_text(render_html(report, airflow_url=args.airflow_url), encoding="utf-8")
    findings = sum(section.finding_count for section in report.workspaces)
    print(f"Wrote {args.out}: {len(report.workspaces)} workspace(s), {findings} findings")
    return 0
