"""``openai-connector report`` as an operator runs it: a real process, the real catalog."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from openai_connector.simulator import RunningSimulator
from tests.cataloged import planted_values, raw_identities

CLI = Path(sys.executable).parent / "openai-connector"


def run_report(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "report", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_writes_one_offline_file(
    airflow_env: dict[str, str], module_sim: RunningSimulator, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = run_report(airflow_env, "--workspace", "acme", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "1 workspace(s)" in result.stdout
    page = out.read_text()
    assert module_sim.workspace_name in page
    assert 'data-chart="findings-by-day"' in page
    assert "<script" not in page
    assert not re.search(r"<script|<link|<img|src=|url\(", page), "nothing is fetched"
    assert 'href="http://localhost:8080/dags/openai_compliance_remediate__acme"' in page
    assert not {
        value for value in planted_values(module_sim) | raw_identities(module_sim) if value in page
    }
    assert module_sim.keys.read not in page + result.stdout + result.stderr


def test_all_workspaces_by_default_and_unknown_connections_fail(
    airflow_env: dict[str, str], tmp_path: Path
) -> None:
    every = run_report(airflow_env, "--out", str(tmp_path / "all.html"))
    assert every.returncode == 0, every.stderr
    assert "1 workspace(s)" in every.stdout
    unknown = run_report(airflow_env, "--workspace", "nope", "--out", str(tmp_path / "x.html"))
    assert unknown.returncode == 2
    assert "'nope'" in unknown.stderr
    assert not (tmp_path / "x.html").exists()
