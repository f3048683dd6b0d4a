"""No Docker engine runs here: check what can be checked of docker-compose.yaml and .env.example."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from openai_connector.cli.main import build_parser
from tests.cli.console import serve_with_console_script, with_option
from tests.paths import REPO

from .compose import VARIABLE, compose_text, env_example, interpolate

AIRFLOW_SERVICES = {
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
    "airflow-init",
}
DEMO_SERVICES = {"simulator", "demo-enroll"}
#: Every Airflow container must agree on these, or tasks cannot talk to the api-server,
#: decrypt connections, or find the catalog the others write.
SHARED_SETTINGS = {
    "AIRFLOW__CORE__FERNET_KEY",
    "AIRFLOW__API_AUTH__JWT_SECRET",
    "AIRFLOW__CORE__EXECUTION_API_SERVER_URL",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
    "AIRFLOW__CELERY__BROKER_URL",
    "OPENAI_CONNECTOR_WAREHOUSE",
    "OPENAI_CONNECTOR_CATALOG_URI",
    "OPENAI_CONNECTOR_S3_ENDPOINT",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_REGION",
}


def test_services_follow_the_airflow3_layout_plus_object_storage(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "minio", "minio-init"} | (
        AIRFLOW_SERVICES | DEMO_SERVICES
    )
    commands = {name: services[name]["command"] for name in AIRFLOW_SERVICES - {"airflow-init"}}
    assert commands == {
        "airflow-apiserver": "api-server",
        "airflow-scheduler": "scheduler",
        "airflow-dag-processor": "dag-processor",
        "airflow-triggerer": "triggerer",
        "airflow-worker": "celery worker",
    }


def test_celery_settings_are_the_ones_the_celery_test_runs(compose: dict[str, Any]) -> None:
    """tests/deployment/test_celery.py proves this setup: a Redis broker, the metadata
    database (psycopg 3, the driver installed) as result backend, one task per slot."""
    env = compose["services"]["airflow-worker"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert env["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://")
    metadata = env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    assert env["AIRFLOW__CELERY__RESULT_BACKEND"] == f"db+{metadata}"
    assert metadata.startswith("postgresql+psycopg://")
    assert env["AIRFLOW__CELERY__WORKER_PREFETCH_MULTIPLIER"] == "1"
    assert int(env["AIRFLOW__CELERY__WORKER_CONCURRENCY"]) >= 1


def test_every_airflow_container_shares_the_same_settings(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name in AIRFLOW_SERVICES | DEMO_SERVICES:
        assert services[name]["image"] == "openai-connector:latest", name
        assert set(services[name]["environment"]) >= SHARED_SETTINGS, name
    values = {
        setting: {services[name]["environment"][setting] for name in AIRFLOW_SERVICES}
        for setting in SHARED_SETTINGS
    }
    assert all(len(distinct) == 1 for distinct in values.values()), values


def test_catalog_lives_in_minio_and_postgres(compose: dict[str, Any]) -> None:
    services = compose["services"]
    env = services["airflow-scheduler"]["environment"]
    warehouse = urlsplit(env["OPENAI_CONNECTOR_WAREHOUSE"])
    assert warehouse.scheme == "s3"
    assert urlsplit(env["OPENAI_CONNECTOR_S3_ENDPOINT"]).hostname == "minio"
    assert env["AWS_ACCESS_KEY_ID"] == services["minio"]["environment"]["MINIO_ROOT_USER"]
    assert env["AWS_SECRET_ACCESS_KEY"] == services["minio"]["environment"]["MINIO_ROOT_PASSWORD"]

    init = services["minio-init"]
    bucket_command = " ".join(init["command"])
    assert "mc mb --ignore-existing" in bucket_command
    assert init["environment"]["OPENAI_CONNECTOR_BUCKET"] == warehouse.netloc

    catalog = urlsplit(env["OPENAI_CONNECTOR_CATALOG_URI"])
    assert catalog.scheme == "postgresql+psycopg"
    assert catalog.hostname == "postgres"
    (config,) = services["postgres"]["configs"]
    assert config["target"].startswith("/docker-entrypoint-initdb.d/")
    create = compose["configs"][config["source"]]["content"]
    assert f"CREATE DATABASE {catalog.path.lstrip('/')} " in create


def test_dependencies_wait_for_health_or_completion(compose: dict[str, Any]) -> None:
    services = compose["services"]
    one_shots = {"minio-init", "airflow-init", "demo-enroll"}
    for name, service in services.items():
        if name not in one_shots:
            assert "healthcheck" in service, f"{name} runs for good but has no healthcheck"
            assert service.get("restart") == "always", name
        for target, dependency in service.get("depends_on", {}).items():
            assert target in services, f"{name} depends on unknown {target}"
            expected = (
                "service_completed_successfully" if target in one_shots else "service_healthy"
            )
            assert dependency["condition"] == expected, f"{name} -> {target}"
            if not set(services[target].get("profiles", [])) <= set(service.get("profiles", [])):
                pytest.fail(f"{name} depends on {target}, which only runs in a profile")
    for name in AIRFLOW_SERVICES - {"airflow-init"}:
        assert services[name]["depends_on"]["airflow-init"]["condition"] == (
            "service_completed_successfully"
        )
        assert "minio-init" in services[name]["depends_on"], name


def test_demo_profile_serves_the_simulator_and_enrolls_it(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {name for name, s in services.items() if "demo" in s.get("profiles", [])} == (
        DEMO_SERVICES
    )
    simulator = services["simulator"]
    assert simulator["entrypoint"] == "openai-connector"
    command = simulator["command"]
    assert command[0] == "simulate"
    # The container's command line through the installed console script, on loopback.
    served = serve_with_console_script(
        with_option(with_option(command, "--host", "127.0.0.1"), "--port", "0")
    )
    assert served["workspace_name"]
    port = command[command.index("--port") + 1]

    enroll = " ".join(services["demo-enroll"]["command"][1:])
    enroll_args = shlex.split(enroll[enroll.index("openai-connector enroll") :])[1:]
    parsed = build_parser().parse_args(enroll_args)
    assert parsed.command == "enroll"
    assert parsed.conn_id == "demo"
    assert urlsplit(parsed.base_url).port == int(port)
    assert f"localhost:{port}/_sim/info" in enroll
    for name in DEMO_SERVICES:
        assert services[name]["network_mode"] == "service:airflow-worker", name


def test_env_example_documents_exactly_the_variables_compose_reads() -> None:
    used = {match["name"] for match in VARIABLE.finditer(compose_text())}
    documented = env_example()
    assert set(documented) == used
    required = {match["name"] for match in VARIABLE.finditer(compose_text()) if match["op"] == "?"}
    with pytest.raises(KeyError):
        interpolate(compose_text(), {name: "" for name in documented})
    assert required >= {"AIRFLOW_FERNET_KEY", "AIRFLOW_JWT_SECRET", "MINIO_ROOT_PASSWORD"}
    assert not [name for name in required if documented[name] and "PASSWORD" in name]


def _compose_client() -> list[str] | None:
    """``docker compose`` (plugin) or ``docker-compose``, when one is installed."""
    for command in (["docker", "compose"], ["docker-compose"]):
        if (
            shutil.which(command[0])
            and subprocess.run([*command, "version"], capture_output=True, check=False).returncode
            == 0
        ):
            return command
    return None


def test_docker_compose_config_accepts_the_file(tmp_path: Path) -> None:
    """Compose's own validation needs no engine; runs where a compose client is installed."""
    client = _compose_client()
    if client is None:
        pytest.skip("no docker compose client installed; the YAML checks above still ran")
    env_file = tmp_path / ".env"
    env_file.write_text(
        "".join(f"{name}={value or 'x'}\n" for name, value in env_example().items())
    )
    result = subprocess.run(
        [*client, "--env-file", str(env_file), "--profile", "demo", "config", "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
