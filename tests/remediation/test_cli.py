"""``openai-connector remediate`` as a security engineer runs it: a subprocess, env connection."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openai_connector.catalog import CatalogConfig, CatalogStore
from tests.harness import connection_json

from .landed import restore

BIN = Path(sys.executable).parent


def test_dry_run_prints_the_masked_plan_and_unconfirmed_execute_is_refused(
    sim, tmp_path: Path
) -> None:
    warehouse = tmp_path / "cli-warehouse"
    store = CatalogStore(CatalogConfig(warehouse=str(warehouse)))
    restore(store)
    env = {
        **os.environ,
        "AIRFLOW_CONN_ACME": connection_json(sim, sim.keys.read_delete),
        "OPENAI_CONNECTOR_WAREHOUSE": str(warehouse),
    }

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [str(BIN / "openai-connector"), "remediate", "acme", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True)

    dry = cli("--entity-type", "OPENAI_API_KEY", "--min-severity", "high")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    header = "DRY RUN (nothing is deleted); severity >= high, entity types OPENAI_API_KEY"
    assert header in dry.stdout
    target_lines = [line for line in dry.stdout.splitlines() if line.endswith("-> planned")]
    assert target_lines
    assert all("OPENAI_API_KEY" in line for line in target_lines)
    assert f"Outcomes: planned {len(target_lines)}" in dry.stdout

    refused = cli("--execute", "--confirm", sim.workspace_name.upper())
    assert refused.returncode == 1
    assert "REFUSED: Executing needs confirm set to the workspace's display name" in refused.stdout

    assert [r for r in sim.request_log() if r.method == "DELETE"] == []
    planted = [p["value"] for p in sim.truth().planted if len(p["value"]) > 6]
    for result in (dry, refused):
        output = result.stdout + result.stderr
        assert sim.keys.read_delete not in output
        assert not [value for value in planted if value in output]
    audit = store.read("remediation_actions").to_pylist()
    assert {(r["run_id"].split("/")[0], r["dry_run"]) for r in audit} == {
        ("acme", True),
        ("acme", False),
    }
