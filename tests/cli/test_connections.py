"""``openai-connector enroll`` and ``check`` as an admin runs them, on a migrated Airflow DB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from openai_connector.simulator import RunningSimulator, SimulatorConfig

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def airflow_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("airflow_home")
    env = {**os.environ, "AIRFLOW_HOME": str(home), "AIRFLOW__CORE__LOAD_EXAMPLES": "False"}
    subprocess.run(
        [str(BIN / "airflow"), "db", "migrate"], env=env, check=True, capture_output=True
    )
    return env


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=21, scale="small")


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "openai-connector"), *args], env=env, capture_output=True, text=True
    )


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    """What the command printed last (Airflow's own warnings may come first)."""
    return result.stdout.strip().splitlines()[-1]


def enroll(env: dict[str, str], sim: RunningSimulator, conn_id: str, **overrides: str):
    values = {
        "--workspace-id": sim.workspace_id,
        "--organization-id": sim.organization_id,
        "--workspace-name": "Acme",
        "--base-url": sim.base_url,
        "--api-key": sim.keys.read,
    } | overrides
    return cli(env, "enroll", conn_id, *[part for pair in values.items() for part in pair])


def test_enroll_then_check(airflow_env, module_sim) -> None:
    enrolled = enroll(airflow_env, module_sim, "acme")
    assert enrolled.returncode == 0, enrolled.stdout + enrolled.stderr
    assert "Created connection 'acme'" in enrolled.stdout
    assert "Added 'acme' to the Airflow Variable 'openai_compliance_workspaces'" in enrolled.stdout
    again = enroll(airflow_env, module_sim, "acme")
    assert "Updated connection 'acme'" in again.stdout

    checked = cli(airflow_env, "check", "acme")
    assert checked.returncode == 0
    assert last_line(checked).startswith("OK: Connected to workspace Acme")

    variable = subprocess.run(
        [str(BIN / "airflow"), "variables", "get", "openai_compliance_workspaces"],
        env=airflow_env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(variable.strip().splitlines()[-1]) == [
        {"conn_id": "acme", "pool": "openai_compliance__acme"}
    ]
    pools = subprocess.run(
        [str(BIN / "airflow"), "pools", "get", "openai_compliance__acme", "-o", "json"],
        env=airflow_env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(pools)[0]["slots"] == "2"
    for result in (enrolled, again, checked):
        assert module_sim.keys.read not in result.stdout + result.stderr


def test_enroll_takes_the_key_from_stdin_or_the_environment(airflow_env, module_sim) -> None:
    values = {
        "--workspace-id": module_sim.workspace_id,
        "--organization-id": module_sim.organization_id,
        "--base-url": module_sim.base_url,
    }
    args = ["enroll", "piped", *[part for pair in values.items() for part in pair]]
    piped = subprocess.run(
        [str(BIN / "openai-connector"), *args, "--api-key-stdin"],
        env=airflow_env,
        input=module_sim.keys.read + "\n",
        capture_output=True,
        text=True,
    )
    assert piped.returncode == 0, piped.stdout + piped.stderr
    assert "Created connection 'piped'" in piped.stdout
    from_env = cli({**airflow_env, "OPENAI_CONNECTOR_API_KEY": module_sim.keys.read}, *args)
    assert "Updated connection 'piped'" in from_env.stdout
    missing = cli({k: v for k, v in airflow_env.items() if k != "OPENAI_CONNECTOR_API_KEY"}, *args)
    assert missing.returncode == 2
    assert (
        "no API key: pipe it to --api-key-stdin or set OPENAI_CONNECTOR_API_KEY" in missing.stdout
    )
    for result in (piped, from_env, missing):
        assert module_sim.keys.read not in result.stdout + result.stderr


def test_report_check_and_remediate_find_an_enrolled_connection_quietly(
    airflow_env, module_sim, tmp_path
) -> None:
    """The connection lives in the metadata DB only (no AIRFLOW_CONN_ variable)."""
    env = {**airflow_env, "OPENAI_CONNECTOR_WAREHOUSE": str(tmp_path / "warehouse")}
    assert enroll(env, module_sim, "stored").returncode == 0
    report = cli(env, "report", "--workspace", "stored", "--out", str(tmp_path / "one.html"))
    assert report.returncode == 0, report.stdout + report.stderr
    every = cli(env, "report", "--out", str(tmp_path / "all.html"))
    assert every.returncode == 0, every.stdout + every.stderr
    page = (tmp_path / "all.html").read_text()
    assert "<h2>Acme</h2>" in page
    assert 'href="http://localhost:8080/dags/openai_compliance_remediate__' in page
    checked = cli(env, "check", "stored")
    remediated = cli(env, "remediate", "stored")
    assert checked.returncode == 0
    assert remediated.returncode == 0, remediated.stdout + remediated.stderr
    assert "DRY RUN" in remediated.stdout
    for result in (report, every, checked, remediated):
        assert "RFC3986" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("overrides", "cause"),
    [
        ({"--api-key": "sk-proj-wrong-key-canary-0001"}, "Invalid API key"),
        ({"--workspace-id": "00000000-0000-4000-8000-00000000beef"}, "Unknown workspace"),
        ({"--base-url": "PLATFORM"}, "Wrong base URL"),
    ],
)
def test_check_names_the_cause_and_fails(airflow_env, module_sim, overrides, cause) -> None:
    if overrides.get("--base-url") == "PLATFORM":
        overrides = {"--base-url": module_sim.base_url.replace("/v1", "/platform/v1")}
    key = overrides.get("--api-key", module_sim.keys.read)
    conn = {
        "conn_type": "openai_compliance",
        "host": overrides.get("--base-url", module_sim.base_url),
        "password": key,
        "extra": {
            "workspace_id": overrides.get("--workspace-id", module_sim.workspace_id),
            "organization_id": module_sim.organization_id,
        },
    }
    env = {**airflow_env, "AIRFLOW_CONN_BROKEN": json.dumps(conn)}
    checked = cli(env, "check", "broken")
    assert checked.returncode == 1
    assert last_line(checked).startswith(f"FAILED: {cause}")
    assert key not in checked.stdout + checked.stderr

    refused = enroll(airflow_env, module_sim, "refused", **overrides)
    assert refused.returncode == 1
    assert "Nothing was saved." in refused.stdout
    assert key not in refused.stdout + refused.stderr
