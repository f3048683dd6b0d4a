"""``openai-connector simulate``: a local Compliance API to try the product without a key."""

from __future__ import annotations

from openai_connector.cli import Subcommands
from openai_connector.simulator import cli as simulator_cli


def register(commands: Subcommands) -> None:
    parser = commands.add_parser(
        "simulate",
        help="serve a simulated Compliance API on loopback",
        description=simulator_cli.DESCRIPTION,
    )
    simulator_cli.add_arguments(parser)
    parser.set_defaults(handler=simulator_cli.run)
