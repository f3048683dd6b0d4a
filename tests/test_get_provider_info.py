"""Packaging: Airflow must discover the connection type through the installed distribution."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import distribution, entry_points

from openai_connector.get_provider_info import CONN_TYPE, get_provider_info


def test_entry_point_resolves_to_provider_info() -> None:
    (point,) = [
        ep
        for ep in entry_points(group="apache_airflow_provider")
        if ep.dist.name == "openai-connector"
    ]
    info = point.load()()
    assert info["package-name"] == distribution("openai-connector").metadata["Name"]


def test_console_script_is_declared() -> None:
    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts["openai-connector"] == "openai_connector.cli.main:main"


def test_connection_form_is_declared_as_data() -> None:
    (conn,) = get_provider_info()["connection-types"]
    assert conn["connection-type"] == CONN_TYPE
    fields = conn["conn-fields"]
    assert {name: f["label"] for name, f in fields.items()} == {
        "workspace_id": "Workspace ID",
        "workspace_name": "Workspace Name",
        "organization_id": "Organization ID",
    }
    # A type without "null" makes the field required in the form.
    assert fields["workspace_id"]["schema"]["type"] == "string"
    assert fields["organization_id"]["schema"]["type"] == "string"
    assert "null" in fields["workspace_name"]["schema"]["type"]
    behaviour = conn["ui-field-behaviour"]
    assert behaviour["relabeling"] == {"host": "Base URL", "password": "API key"}
    assert behaviour["placeholders"]["host"] == "https://api.chatgpt.com/v1"
    assert set(behaviour["hidden-fields"]) == {"schema", "login", "port", "extra"}


def test_airflow_lists_the_hook_and_form(tmp_path) -> None:
    """Run Airflow's own providers manager in a fresh process, as the api-server would."""
    script = (
        "import json\n"
        "from airflow.providers_manager import ProvidersManager\n"
        "pm = ProvidersManager()\n"
        f"hook = pm.hooks[{CONN_TYPE!r}]\n"
        "widgets = {k: v.field['schema'].get('title')"
        " for k, v in pm.connection_form_widgets.items()"
        f" if k.startswith('extra__{CONN_TYPE}__')}}\n"
        f"behaviour = pm.field_behaviours[{CONN_TYPE!r}]\n"
        "print(json.dumps([hook.hook_class_name, hook.hook_name, widgets, behaviour]))\n"
    )
    env = {**os.environ, "AIRFLOW_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    hook_class, hook_name, widgets, behaviour = json.loads(out.strip().splitlines()[-1])
    assert hook_class == "openai_connector.hooks.compliance.OpenAIComplianceHook"
    assert hook_name == "OpenAI Compliance"
    assert widgets == {
        f"extra__{CONN_TYPE}__workspace_id": "Workspace ID",
        f"extra__{CONN_TYPE}__workspace_name": "Workspace Name",
        f"extra__{CONN_TYPE}__organization_id": "Organization ID",
    }
    assert behaviour["relabeling"]["password"] == "API key"


def test_airflow_providers_hooks_command_lists_the_type(tmp_path) -> None:
    env = {**os.environ, "AIRFLOW_HOME": str(tmp_path)}
    airflow = os.path.join(os.path.dirname(sys.executable), "airflow")
    out = subprocess.run(
        [airflow, "providers", "hooks", "--output", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = json.loads(out[out.index("[") :])
    assert any(row.get("connection_type") == CONN_TYPE for row in rows)
