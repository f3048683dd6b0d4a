"""``openai-connector catalog query``: DuckDB SQL over the catalog tables by their names."""

from __future__ import annotations

import argparse
import sys

from openai_connector.catalog import FORMATS


def register(commands: argparse._SubParsersAction) -> None:
    catalog = commands.add_parser("catalog", help="read the catalog tables")
    actions = catalog.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    query = actions.add_parser(
        "query",
        help="run DuckDB SQL over the tables (conversations, messages, files, findings, …)",
    )
    query.add_argument("sql", metavar="SQL")
    query.add_argument("--format", choices=FORMATS, default="table")
    query.set_defaults(handler=_query)


def _query(args: argparse.Namespace) -> int:
    from openai_connector.catalog import CatalogConfigError, CatalogError, write_table
    from openai_connector.hooks.catalog import CatalogHook

    try:
        result = CatalogHook().get_conn().query(args.sql)
    except (CatalogConfigError, CatalogError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_table(result, sys.stdout, args.format)
    return 0
