"""No Docker engine runs here: check what can be checked of the compose file and the image."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import REPO

AIRFLOW_SERVICES = {
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
    "airflow-init",
}
SHARED_SETTINGS = {
    "AIRFLOW__CORE__FERNET_KEY",
    "AIRFLOW__API_AUTH__JWT_SECRET",
    "AIRFLOW__CORE__EXECUTION_API_SERVER_URL",
}


def test_compose_follows_the_airflow3_layout() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis"} | AIRFLOW_SERVICES <= set(services)
    for name in AIRFLOW_SERVICES:
        service = services[name]
        assert service["image"] == "openai-connector:latest", name
        assert set(service["environment"]) >= SHARED_SETTINGS, name
    commands = {name: services[name]["command"] for name in AIRFLOW_SERVICES - {"airflow-init"}}
    assert commands == {
        "airflow-apiserver": "api-server",
        "airflow-scheduler": "scheduler",
        "airflow-dag-processor": "dag-processor",
        "airflow-triggerer": "triggerer",
        "airflow-worker": "celery worker",
    }


def test_image_build_context_has_what_the_dockerfile_copies() -> None:
    dockerfile = (REPO / "Dockerfile").read_text().splitlines()
    assert dockerfile[[line.startswith("FROM") for line in dockerfile].index(True)].startswith(
        "FROM apache/airflow:3.3."
    )
    for line in dockerfile:
        if line.startswith("COPY"):
            sources = [part for part in line.split()[1:-1] if not part.startswith("--")]
            for source in sources:
                assert Path(REPO / source).exists(), source
