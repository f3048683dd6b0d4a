"""The README's "Run it in your own Airflow" commands, run as written, in their order.

Two lines are not run: installing (the suite runs in the installed environment) and
``airflow standalone`` (a long-running server; the browser tests start that stack). The
simulator's values replace the ``<…>`` placeholders the reader copies from its output, and
home, port and working directory are private to the test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live.stack import free_port
from tests.paths import REPO

SECTION = "### Run it in your own Airflow (no Docker)"
NOT_RUN = ("python3.11 -m venv", "pip install", "airflow standalone")
#: The README's placeholders, read from the simulator's JSON line when the script reaches them.
PLACEHOLDERS = {
    "<read_delete key>": "keys.read_delete",
    "<workspace_id>": "workspace_id",
    "<organization_id>": "organization_id",
}


def readme_commands() -> list[str]:
    """The section's shell block, one command per entry (continuations joined)."""
    text = (REPO / "README.md").read_text()
    section = text[text.index(SECTION) :]
    block = section[section.index("```sh\n") + 6 :]
    block = block[: block.index("```")]
    return [command.strip() for command in block.replace("\\\n", " ").splitlines() if command]


def script(commands: list[str], home: Path, port: int) -> str:
    """The commands as one bash script in the test's sandbox."""
    lines = [
        "set -euo pipefail",
        "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT",
        'field() { python -c \'import json,sys; v=json.load(open("simulator.json"))\n'
        'for k in sys.argv[1].split("."): v=v[k]\nprint(v)\' "$1"; }',
    ]
    for command in commands:
        if command.startswith(NOT_RUN):
            continue
        command = command.replace("~/dlp-airflow", str(home)).replace("8700", str(port))
        command = command.replace("$PWD/dags", str(REPO / "dags"))
        for placeholder, key in PLACEHOLDERS.items():
            command = command.replace(f'"{placeholder}"', f'"$(field {key})"')
            command = command.replace(placeholder, f'"$(field {key})"')
        lines.append(command)
    return "\n".join(lines) + "\n"


@pytest.mark.timeout(600)
def test_the_readme_commands_enroll_run_report_and_remediate(tmp_path: Path) -> None:
    commands = readme_commands()
    assert [c for c in commands if c.startswith(NOT_RUN)], "the section changed shape"
    bash = script(commands, tmp_path / "airflow", free_port())
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "OPENAI_CONN"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    run = subprocess.run(
        ["bash", "-c", bash], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=560
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-4000:]
    assert "Created connection 'acme'" in output
    assert "Added 'acme' to the Airflow Variable 'openai_compliance_workspaces'" in output
    assert re.search(r"Run acme/manual__\S+ of acme: success", output)
    assert "Wrote dlp-report.html: 1 workspace(s)" in output
    assert "DRY RUN (nothing is deleted)" in output
    assert (tmp_path / "dlp-report.html").exists()
