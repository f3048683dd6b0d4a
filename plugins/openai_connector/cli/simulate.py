"""``openai-connector simulate``: a local Compliance API to try the product without a key."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "simulate",
        help="serve a simulated Compliance API on loopback",
        add_help=False,
    )
    parser.add_argument("simulator_args", nargs=argparse.REMAINDER)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from openai_connector.simulator.cli import main as simulator_main

    return simulator_main(args.simulator_args)
