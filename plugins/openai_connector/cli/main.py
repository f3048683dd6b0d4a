"""``openai-connector``: the product's face outside the Airflow UI."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from openai_connector.cli import (
    catalog,
    classify,
    connections,
    demo,
    remediate,
    report,
    simulate,
)
from openai_connector.logs import quiet_library_loggers


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="openai-connector",
        description="Catalog and classify ChatGPT Enterprise workspaces for DLP.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (simulate, connections, catalog, classify, demo, remediate, report):
        module.register(commands)
    return parser


#: Airflow warns, whenever it caches a connection, that a type name with ``_`` is no RFC 3986
#: scheme; this product's type name is fixed, and the warning read like an error.
_QUIET_AIRFLOW_LOGGERS = "airflow.models.connection.Connection=error"


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("AIRFLOW__LOGGING__NAMESPACE_LEVELS", _QUIET_AIRFLOW_LOGGERS)
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        quiet_library_loggers()
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
