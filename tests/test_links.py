"""Links into Airflow's UI: the DLP page narrowed to a workspace, and the remediation DAG's
trigger form with its targets filled in."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from openai_connector.dag_factory import build_remediation_dag, remediation_params
from openai_connector.links import (
    PAGE_PATH,
    TARGETS_PARAM,
    URL_PREFIX,
    dag_url,
    dlp_page_url,
    remediation_dag_id,
    remediation_trigger_url,
)
from openai_connector.ui.plugin import OpenAIConnectorPlugin
from openai_connector.workspaces import WorkspaceEntry


@pytest.mark.parametrize(
    ("base", "root"),
    [
        ("https://airflow.example.com", "https://airflow.example.com"),
        ("https://airflow.example.com/", "https://airflow.example.com"),
        ("https://example.com/airflow/", "https://example.com/airflow"),
        ("", ""),
    ],
)
def test_dlp_page_under_any_base(base: str, root: str) -> None:
    assert dlp_page_url(base) == f"{root}/openai-connector/dlp"
    assert dlp_page_url(base, "acme") == f"{root}/openai-connector/dlp?workspace=acme"


def test_dlp_page_is_where_the_plugin_mounts_it() -> None:
    (view,) = OpenAIConnectorPlugin.external_views
    assert (
        urlsplit(dlp_page_url("https://a.example")).path == view["href"] == URL_PREFIX + PAGE_PATH
    )


def test_workspace_is_encoded() -> None:
    query = urlsplit(dlp_page_url("https://a.example", "a&b=c d")).query
    assert parse_qs(query) == {"workspace": ["a&b=c d"]}


def test_remediation_form_prefills_the_selection_and_nothing_else() -> None:
    url = remediation_trigger_url(
        "https://a.example/airflow/", "acme", ["conv-2", "file-1", "conv-2"]
    )
    parts = urlsplit(url)
    assert parts.netloc == "a.example"
    assert parts.path == "/airflow/openai-connector/remediate/openai_compliance_remediate__acme"
    assert parse_qs(parts.query) == {"targets": ["conv-2", "file-1"]}
    narrowed = remediation_trigger_url("", "acme", ["c"], min_severity="high",
                                       entity_types=["US_SSN"])  # fmt: skip
    assert parse_qs(urlsplit(narrowed).query) == {
        "targets": ["c"],
        "min_severity": ["high"],
        "entity_types": ["US_SSN"],
    }


def test_names_match_the_remediation_dag() -> None:
    """The DAG id and the param name the link uses are the ones the factory builds."""
    dag = build_remediation_dag(WorkspaceEntry("acme"))
    assert dag.dag_id == remediation_dag_id("acme")
    assert TARGETS_PARAM in remediation_params()
    assert remediation_params()[TARGETS_PARAM].schema["type"] == ["null", "array"]


def test_dag_id_is_quoted() -> None:
    assert dag_url("https://a.example", "x/y") == "https://a.example/dags/x%2Fy"
