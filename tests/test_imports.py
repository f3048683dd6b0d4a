"""Core packages stay cheap to import: DAG parsing, the hook and the CLI load them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = {
    "presidio_analyzer",
    "spacy",
    "tldextract",
    "pandas",
    "pyarrow",
    "pyiceberg",
    "duckdb",
    "sqlalchemy",
    "airflow",
}


@pytest.mark.parametrize(
    ("package", "allowed"),
    [
        ("openai_connector.api", set()),
        ("openai_connector.classify", set()),
        ("openai_connector.catalog", set()),
        ("openai_connector.simulator", set()),
        ("openai_connector.workspaces", set()),
        ("openai_connector.links", set()),
        ("openai_connector.dag_factory", {"airflow", "sqlalchemy"}),
    ],
)
def test_import_loads_nothing_heavy(package: str, allowed: set[str]) -> None:
    """Checked in a fresh interpreter, so nothing another test imported can hide it."""
    code = (
        f"import json, sys, {package}\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert (HEAVY - allowed) & loaded == set()
