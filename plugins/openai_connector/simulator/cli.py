"""Command line entry: serve the simulator until SIGINT/SIGTERM.

Prints one JSON line (base URL, workspace, organization, keys) so scripts can read it.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from openai_connector.simulator.faults import FaultSpec
from openai_connector.simulator.generation import SCALE_FACTORS, TEXT_MIXES
from openai_connector.simulator.hostile import HOSTILE_KINDS, parse_hostile
from openai_connector.simulator.server import SimulatorConfig, serve_in_thread

DESCRIPTION = "Serve a simulated OpenAI Compliance API with a synthetic workspace."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The simulator's options, on its own parser and on ``openai-connector simulate``."""
    parser.add_argument("--host", default="127.0.0.1", help="interface to bind (default loopback)")
    parser.add_argument("--port", type=int, default=8700, help="port (0 picks a free one)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic workspace")
    parser.add_argument("--scale", choices=sorted(SCALE_FACTORS), default="small")
    parser.add_argument(
        "--messages", type=int, help="exactly this many messages instead of --scale (scale runs)"
    )
    parser.add_argument(
        "--files", type=int, help="with --messages: this many files (default: messages / 200)"
    )
    parser.add_argument(
        "--text",
        choices=TEXT_MIXES,
        default="templated",
        help="message text: a few fixed sentences around planted values (default), or "
        "realistic varied chat (scale benchmarks)",
    )
    parser.add_argument(
        "--events-per-log-file",
        type=int,
        help="events per message log file (default: one file per hour with activity)",
    )
    parser.add_argument(
        "--faults",
        default="",
        help='fault spec such as "429=0.2,reset=0.1,retry_after=0" (default: none)',
    )
    parser.add_argument(
        "--hostile",
        default="",
        help=f"hostile content to serve: 'all' or some of {', '.join(HOSTILE_KINDS)} "
        "(comma-separated; default: none)",
    )
    parser.add_argument(
        "--truth", type=Path, help="write the ground-truth manifest here (kept up to date)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="openai-connector simulate", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Serve until SIGINT/SIGTERM; 2 for a bad option value, 1 if the port cannot be bound."""
    try:
        faults = FaultSpec.parse(args.faults)
    except ValueError as error:
        print(f"error: --faults: {error}", file=sys.stderr)
        return 2
    try:
        hostile = parse_hostile(args.hostile)
    except ValueError as error:
        print(f"error: --hostile: {error}", file=sys.stderr)
        return 2
    try:
        config = SimulatorConfig(
            seed=args.seed,
            scale=args.scale,
            faults=faults,
            host=args.host,
            port=args.port,
            truth_path=args.truth,
            messages=args.messages,
            files=args.files,
            hostile=hostile,
            text_mix=args.text,
            events_per_log_file=args.events_per_log_file,
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()
    previous = {
        signum: signal.signal(signum, lambda *_: stop.set())
        for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        with serve_in_thread(config) as simulator:
            print(json.dumps(simulator.info()), flush=True)
            while not stop.wait(0.5):
                pass
    except OSError as error:
        print(f"error: cannot serve on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
