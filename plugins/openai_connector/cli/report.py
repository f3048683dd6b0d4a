"""``openai-connector report``: the DLP page as one self-contained HTML file, readable offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from openai_connector.cli import Subcommands
from openai_connector.errors import OpenAIConnectorError


def register(commands: Subcommands) -> None:
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
        help="base URL of the Airflow UI the report links to (default: Airflow's [api] base_url, "
        "else http://localhost:<[api] port>)",
    )
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace) -> int:
    from openai_connector.hooks.catalog import CatalogHook
    from openai_connector.reporting import collect, render_html
    from openai_connector.ui.workspaces import report_workspaces

    if args.days < 1:
        print("error: --days must be at least 1", file=sys.stderr)
        return 2
    try:
        store = CatalogHook().get_conn()
        report = collect(store, report_workspaces(store, args.workspace), days=args.days)
    except OpenAIConnectorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    airflow_url = args.airflow_url or _configured_airflow_url()
    args.out.write_text(render_html(report, airflow_url=airflow_url), encoding="utf-8")
    findings = sum(section.finding_count for section in report.workspaces)
    print(f"Wrote {args.out}: {len(report.workspaces)} workspace(s), {findings} findings")
    print(f"Links point to the Airflow UI at {airflow_url}")
    return 0


def _configured_airflow_url() -> str:
    """Where this Airflow's UI is served, from its own configuration."""
    from airflow.configuration import conf

    base_url = conf.get("api", "base_url", fallback=None)
    return base_url or f"http://localhost:{conf.getint('api', 'port', fallback=8080)}"
