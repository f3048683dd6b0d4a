from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from openai_connector.simulator.cli import main

SERVE = "from openai_connector.simulator.cli import main; raise SystemExit(main())"


def test_serves_prints_info_and_stops_on_sigterm(tmp_path: Path) -> None:
    truth = tmp_path / "truth.json"
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, "--port", "0", "--seed", "5", "--truth", str(truth)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        info = json.loads(process.stdout.readline())
        headers = {"Authorization": f"Bearer {info['keys']['read']}"}
        users = httpx.get(
            f"{info['base_url']}/compliance/workspaces/{info['workspace_id']}/users",
            headers=headers,
        )
        assert users.status_code == 200
        assert json.loads(truth.read_text())["workspace_id"] == info["workspace_id"]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_bad_fault_spec_exits_2(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--faults", "gremlins=1", "--port", "0"]) == 2
    assert "gremlins" in capsys.readouterr().err
