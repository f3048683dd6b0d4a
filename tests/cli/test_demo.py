"""``openai-connector demo`` as ``make demo`` runs it, and its closing hints: each printed
command works as printed, from a shell without the virtualenv on its PATH."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import REPO

BIN = Path(sys.executable).parent


@pytest.mark.timeout(600)
def test_the_demo_ends_with_commands_that_work_as_printed(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "OPENAI_CONN"))}
    demo = subprocess.run(
        [str(BIN / "openai-connector"), "demo", "--workdir", str(tmp_path / "demo")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=560,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stdout[-3000:] + demo.stderr[-3000:]
    hints = demo.stdout[demo.stdout.index("Next, with the demo's catalog") :].splitlines()[1:4]
    assert [h.split("#")[0].split()[2].rsplit("/", 1)[-1] for h in hints] == [
        "openai-connector"
    ] * 3
    bare = {**env, "PATH": "/usr/bin:/bin"}
    for hint in hints:
        run = subprocess.run(
            ["bash", "-c", hint], env=bare, capture_output=True, text=True, timeout=180
        )
        assert run.returncode == 0, hint + "\n" + run.stdout[-2000:] + run.stderr[-2000:]
    assert (tmp_path / "demo" / "report.html").exists()
    assert "Run it in your own Airflow" in demo.stdout
