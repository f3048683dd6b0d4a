"""Suite-wide set-up: a private Airflow home, no connection outside loopback, and the shared
fixtures of ``pytest_plugin.py``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests import network_guard
from tests.paths import REPO

# Fixtures shared across directories; helpers whose asserts should report like a test's.
pytest_plugins = ["tests.pytest_plugin"]
pytest.register_assert_rewrite(
    "tests.truth", "tests.harness", "tests.api.fakes", "tests.cli.console"
)

# Before anything imports Airflow: its configuration is read once, from AIRFLOW_HOME.
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="openai-connector-airflow-")
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ.pop("AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES", None)
# One classifier process per test process (the default is one per core): test processes run
# side by side, and the tests of worker processes ask for them.
os.environ.setdefault("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", "1")


def pytest_configure(config: pytest.Config) -> None:
    network_guard.install()


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """The suite's Airflow metadata DB (SQLite in the private home), migrated once."""
    import subprocess
    import sys

    airflow = Path(sys.executable).parent / "airflow"
    subprocess.run([str(airflow), "db", "migrate"], check=True, capture_output=True)
