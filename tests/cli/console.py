"""``openai-connector`` as a user types it: the installed console script, in a child process."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

CONSOLE_SCRIPT = Path(sys.executable).parent / "openai-connector"


def with_option(argv: Sequence[str], option: str, value: str) -> list[str]:
    """``argv`` with ``option``'s value replaced (the option must be there)."""
    changed = list(argv)
    changed[changed.index(option) + 1] = value
    return changed


def serve_with_console_script(argv: Sequence[str]) -> dict[str, Any]:
    """Start ``openai-connector *argv`` (a ``simulate`` command), check it answers, stop it
    with SIGTERM; the JSON line it printed, once it exited cleanly."""
    child = subprocess.Popen(
        [str(CONSOLE_SCRIPT), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first_line = child.stdout.readline() if child.stdout else ""
        if not first_line:
            child.wait(timeout=30)
            stderr = child.stderr.read() if child.stderr else ""
            raise AssertionError(f"exit {child.returncode} before serving: {stderr}")
        info = json.loads(first_line)
        answer = httpx.get(f"{info['admin_url']}/info", timeout=10)
        assert answer.status_code == 200, answer.text
        assert answer.json()["workspace_id"] == info["workspace_id"]
    finally:
        child.terminate()
        child.wait(timeout=30)
    assert child.returncode == 0, child.stderr.read() if child.stderr else ""
    return info
