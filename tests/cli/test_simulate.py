"""``openai-connector simulate`` typed as the README and the demo container type it."""

from __future__ import annotations

import socket

import pytest

from .console import serve_with_console_script, with_option


def _free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


@pytest.mark.parametrize(
    "argv",
    [
        # The demo container's command (it binds 0.0.0.0 in its own network namespace).
        ["simulate", "--host", "127.0.0.1", "--port", "8799", "--seed", "7"],
        # The README's options.
        [
            "simulate", "--port", "8700", "--seed", "3", "--scale", "small",
            "--faults", "429=0.1,5xx=0.05,reset=0.02", "--hostile", "corrupt_lines",
        ],
    ],
)  # fmt: skip
def test_simulate_options_parse_through_the_console_script(argv: list[str]) -> None:
    """``simulate --host … --port …`` once exited 2 ("unrecognized arguments")."""
    info = serve_with_console_script(with_option(argv, "--port", _free_port()))
    assert info["base_url"].startswith("http://127.0.0.1:")


def test_truth_file_is_written(tmp_path) -> None:
    truth = tmp_path / "truth.json"
    serve_with_console_script(["simulate", "--port", _free_port(), "--truth", str(truth)])
    assert truth.stat().st_size > 0
