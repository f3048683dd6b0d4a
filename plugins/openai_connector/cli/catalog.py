"""``openai-connector catalog query``: DuckDB SQL over the catalog tables by their names;
``openai-connector catalog maintain``: compaction, snapshot expiry and orphan-file removal."""

from __future__ import annotations

import argparse
import sys

from openai_connector.catalog import FORMATS
from openai_connector.cli import Subcommands
from openai_connector.errors import OpenAIConnectorError


def register(commands: Subcommands) -> None:
    catalog = commands.add_parser("catalog", help="read the catalog tables")
    actions = catalog.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    query = actions.add_parser(
        "query",
        help="run DuckDB SQL over the tables (conversations, messages, files, findings, …)",
    )
    query.add_argument("sql", metavar="SQL")
    query.add_argument("--format", choices=FORMATS, default="table")
    query.set_defaults(handler=_query)
    maintain = actions.add_parser(
        "maintain",
        help="compact small files, expire old snapshots and remove orphan files (run on a "
        "schedule, e.g. daily)",
    )
    maintain.add_argument("tables", nargs="*", metavar="TABLE", help="default: every table")
    maintain.add_argument(
        "--orphan-grace-hours",
        type=float,
        default=1.0,
        help="never remove files younger than this (a running write may own them)",
    )
    maintain.set_defaults(handler=_maintain)


def _query(args: argparse.Namespace) -> int:
    from openai_connector.catalog import write_table
    from openai_connector.hooks.catalog import CatalogHook

    try:
        result = CatalogHook().get_conn().query(args.sql)
    except OpenAIConnectorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_table(result, sys.stdout, args.format)
    return 0


def _maintain(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from openai_connector.catalog.maintenance import maintain
    from openai_connector.hooks.catalog import CatalogHook

    grace = timedelta(hours=args.orphan_grace_hours)
    try:
        reports = maintain(CatalogHook().get_conn(), args.tables or None, orphan_grace=grace)
    except (OpenAIConnectorError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"{'table':<22}{'files before':>14}{'after':>8}{'data files':>12}{'after':>8}{'orphans':>9}"
    )
    for report in reports:
        print(
            f"{report.table:<22}{report.files_before:>14}{report.files_after:>8}"
            f"{report.data_files_before:>12}{report.data_files_after:>8}"
            f"{report.orphans_removed:>9}"
        )
    return 0
