"""What our code costs Airflow before any task runs, and what the core packages cost to import.

The DAG processor parses the DAG file again and again, and Airflow's components load the plugin,
so both may import only the stdlib, Airflow and the few small project modules listed here: the
pipeline, the API client, the catalog and the classifier load inside task code, on the worker.
Every check runs in a fresh interpreter, so nothing another test imported can hide an import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.paths import REPO

#: Every project module a parse of the DAG file leaves loaded: Airflow itself reads the provider
#: metadata, then the DAG factory and what the DAGs declare (workspace entries and their alert
#: routes, the run-failure notifier, DAG ids, the trigger forms' constants, the error root).
PARSE_MODULES = {
    "openai_connector",
    "openai_connector.alerts",
    "openai_connector.alerts.routes",
    "openai_connector.constants",
    "openai_connector.dag_factory",
    "openai_connector.errors",
    "openai_connector.event_types",
    "openai_connector.get_provider_info",
    "openai_connector.links",
    "openai_connector.notifications",
    "openai_connector.validation",
    "openai_connector.workspaces",
}
#: Every project module loading the plugin leaves loaded: its FastAPI app loads on first request.
PLUGIN_MODULES = {
    "openai_connector",
    "openai_connector.budgets",
    "openai_connector.constants",
    "openai_connector.errors",
    "openai_connector.get_provider_info",
    "openai_connector.links",
    "openai_connector.ui",
    "openai_connector.ui.connection_test",
    "openai_connector.ui.plugin",
}
#: Named for the reader: what task code uses and a parse must never import (Airflow loads some
#: of them itself, so the probe also records what our modules ask for by name).
FORBIDDEN = {
    "duckdb",
    "fastapi",
    "httpx",
    "pandas",
    "presidio_analyzer",
    "pyarrow",
    "pyiceberg",
    "spacy",
    "structlog",
    "tenacity",
}
#: What project code may import while Airflow parses or loads it: pydantic (workspace entries
#: are pydantic dataclasses) is loaded by Airflow's SDK before any DAG file is read.
ALLOWED_ROOTS = sys.stdlib_module_names | {
    "airflow",
    "openai_connector",
    "pydantic",
    "pydantic_core",
}

#: Runs ``argv[1]`` in an Airflow process (the SDK loaded, as in the DAG processor and the
#: api-server) and reports the project modules loaded, the top-level names project code (or the
#: DAG file) imported, and the top-level packages the step added.
PROBE = """
import builtins, json, runpy, sys

asked = set()
real_import = builtins.__import__

def recording_import(name, globals=None, locals=None, fromlist=(), level=0):
    importer = (globals or {}).get("__name__") or ""
    if level == 0 and importer.partition(".")[0] in ("openai_connector", "<run_path>"):
        asked.add(name.partition(".")[0])
    return real_import(name, globals, locals, fromlist, level)

builtins.__import__ = recording_import
import airflow.sdk

ready = set(sys.modules)
names = {}
exec(sys.argv[1])
print(json.dumps({
    "dags": sorted(k for k, v in names.items() if type(v).__name__ == "DAG"),
    "project": sorted(m for m in sys.modules if m.partition(".")[0] == "openai_connector"),
    "asked": sorted(asked),
    "added": sorted({m.partition(".")[0] for m in set(sys.modules) - ready}),
}))
"""

#: Every kind of entry, so every declaration a parse can make is made.
WORKSPACES = [
    "plain",
    {
        "conn_id": "alerted",
        "partitions": 4,
        "policy": "strict.yaml",
        "alerts": [{"destination": "siem", "format": "splunk_hec", "run_failures": True}],
    },
]


def probe(step: str, tmp_path) -> dict[str, Any]:
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(tmp_path),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES": json.dumps(WORKSPACES),
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE, step], env=env, capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_light(loaded: dict[str, Any], modules: set[str]) -> None:
    assert set(loaded["project"]) == modules
    assert set(loaded["asked"]) - ALLOWED_ROOTS == set()
    assert FORBIDDEN & (set(loaded["asked"]) | set(loaded["added"])) == set()


def test_a_dag_parse_loads_only_the_declaring_modules(tmp_path) -> None:
    dag_file = REPO / "dags" / "openai_compliance.py"
    loaded = probe(f"names = runpy.run_path({str(dag_file)!r})", tmp_path)
    assert loaded["dags"] == [
        "openai_compliance__alerted",
        "openai_compliance__plain",
        "openai_compliance_remediate__alerted",
        "openai_compliance_remediate__plain",
    ]
    assert_light(loaded, PARSE_MODULES)


def test_loading_the_plugin_loads_only_its_own_light_modules(tmp_path) -> None:
    loaded = probe("import openai_connector.ui.plugin", tmp_path)
    assert_light(loaded, PLUGIN_MODULES)


def test_the_probe_sees_an_import_airflow_made_first(tmp_path) -> None:
    """httpx is in every Airflow process already; the probe still catches our code asking."""
    loaded = probe("import openai_connector.api", tmp_path)
    assert {"httpx", "openai_connector"} <= set(loaded["asked"])


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
    "package",
    [
        "openai_connector.api",
        "openai_connector.classify",
        "openai_connector.catalog",
        "openai_connector.simulator",
        "openai_connector.workspaces",
        "openai_connector.links",
        "openai_connector.constants",
    ],
)
def test_a_core_package_loads_nothing_heavy(package: str) -> None:
    """The core packages stay cheap for the hook, the command line and task start-up."""
    code = (
        f"import json, sys, {package}\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert HEAVY & loaded == set()
