"""The DLP page as Airflow mounts it: authenticated users only, the report's charts, links
to the workspace's DAGs, masked values only."""

from __future__ import annotations

import json
import re

import pytest
from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser
from airflow.api_fastapi.core_api.security import get_user
from fastapi.testclient import TestClient

from openai_connector.classify import mask_email, mask_name
from openai_connector.simulator import RunningSimulator
from openai_connector.ui.app import NO_SUCH_WORKSPACE, REPORT_FILE, create_app
from openai_connector.ui.plugin import PAGE_PATH, LazyApp
from openai_connector.workspaces import WORKSPACES_VARIABLE
from tests.cataloged import CONN_ID, planted_values, raw_identities


@pytest.fixture
def client(airflow_env: dict[str, str]) -> TestClient:
    app = create_app()
    app.dependency_overrides[get_user] = lambda: SimpleAuthManagerUser(
        username="viewer", role="viewer"
    )
    return TestClient(app)


def test_anonymous_requests_are_refused() -> None:
    client = TestClient(LazyApp())
    for path in (PAGE_PATH, f"{PAGE_PATH}/{REPORT_FILE}"):
        assert client.get(path).status_code == 401


def test_page_shows_the_enrolled_workspace_masked(
    client: TestClient, module_sim: RunningSimulator
) -> None:
    response = client.get(PAGE_PATH)
    assert response.status_code == 200
    page = response.text
    assert module_sim.workspace_name in page
    for chart in ("findings-by-day", "severity", "files"):
        assert f'data-chart="{chart}"' in page
    for dag_id in (f"openai_compliance__{CONN_ID}", f"openai_compliance_remediate__{CONN_ID}"):
        assert f'href="/dags/{dag_id}" target="_top"' in page
    assert not {
        value for value in planted_values(module_sim) | raw_identities(module_sim) if value in page
    }
    assert module_sim.keys.read not in page


def test_page_masks_emails_to_their_domain_and_names_to_initials(
    client: TestClient, module_sim: RunningSimulator
) -> None:
    page = client.get(PAGE_PATH).text
    users = module_sim.truth().to_dict()["users"]
    assert {mask_email(u["email"]) for u in users} & set(re.findall(r"\w…@[\w.-]+", page))
    assert {mask_name(u["name"]) for u in users if u.get("name")} & set(
        re.findall(r"(?:\w… ?)+", page)
    )
    assert not re.search(r"\w…\w+\.\w+<", page), "an e-mail masked down to its ending"


def test_dag_links_follow_airflows_base_url(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind a proxy serving Airflow under a path, links must keep that path."""
    monkeypatch.setenv("AIRFLOW__API__BASE_URL", "https://dlp.example.com/airflow/")
    page = client.get(PAGE_PATH).text
    assert f'href="/airflow/dags/openai_compliance__{CONN_ID}" target="_top"' in page


def test_report_download_and_workspace_filter(client: TestClient) -> None:
    download = client.get(f"{PAGE_PATH}/{REPORT_FILE}", params={"workspace": CONN_ID})
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    assert 'data-chart="findings-by-day"' in download.text


def test_only_enrolled_workspaces_answer_and_all_others_alike(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No connection oracle: a missing connection, another type's connection and a broken
    one enrolled by mistake get the same neutral 404, naming neither them nor an exception."""
    monkeypatch.setenv("AIRFLOW_CONN_OTHER_TYPE", json.dumps({"conn_type": "http", "host": "h"}))
    monkeypatch.setenv("AIRFLOW_CONN_BROKEN", json.dumps({"conn_type": "openai_compliance"}))
    monkeypatch.setenv(
        f"AIRFLOW_VAR_{WORKSPACES_VARIABLE.upper()}", json.dumps([CONN_ID, "broken"])
    )
    answers = set()
    for conn_id in ("nope", "other_type", "broken"):
        for path in (PAGE_PATH, f"{PAGE_PATH}/{REPORT_FILE}"):
            response = client.get(path, params={"workspace": conn_id})
            assert response.status_code == 404
            answers.add(response.text)
    assert answers == {json.dumps({"detail": NO_SUCH_WORKSPACE}, separators=(",", ":"))}
    assert client.get(PAGE_PATH, params={"workspace": CONN_ID}).status_code == 200
