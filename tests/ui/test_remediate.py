"""The plugin's remediation form (what an alert's remediation link opens): authenticated
users only, Airflow's DAG permissions decide who may start the dry run, ids checked. The
browser suite starts a real dry run through it."""

from __future__ import annotations

import pytest
from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser
from airflow.api_fastapi.core_api.security import get_user
from fastapi.testclient import TestClient

from openai_connector.links import REMEDIATE_PATH, remediation_trigger_url
from openai_connector.ui.app import create_app
from openai_connector.ui.plugin import LazyApp

FORM = f"{REMEDIATE_PATH}/openai_compliance_remediate__acme"


def as_user(role: str) -> TestClient:
    """The app as the api-server runs it (its auth manager decides) for a user of ``role``."""
    from airflow.api_fastapi.app import create_auth_manager

    create_auth_manager()
    app = create_app()
    app.dependency_overrides[get_user] = lambda: SimpleAuthManagerUser(username=role, role=role)
    return TestClient(app)


def test_the_link_opens_the_form() -> None:
    assert remediation_trigger_url("", "acme", ["c"]) == f"/openai-connector{FORM}?targets=c"


def test_anonymous_requests_are_refused() -> None:
    client = TestClient(LazyApp())
    assert client.get(FORM, params={"targets": ["c"]}).status_code in (401, 403)
    assert client.post(FORM, data={"targets": ["c"]}).status_code in (401, 403)


def test_the_form_lists_the_targets_escaped(airflow_db: None) -> None:
    page = as_user("viewer").get(FORM, params={"targets": ["conv-1", "file-2"]})
    assert page.status_code == 200
    assert '<input type="hidden" name="targets" value="conv-1">' in page.text
    assert "Start dry run" in page.text


def test_a_viewer_cannot_start_a_run(airflow_db: None) -> None:
    response = as_user("viewer").post(FORM, data={"targets": ["conv-1"]}, follow_redirects=False)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("path", "targets", "status"),
    [
        (f"{REMEDIATE_PATH}/openai_compliance__acme", ["c"], 404),
        (FORM, [], 400),
        (FORM, ["<script>"], 400),
        (FORM, [f"c{i}" for i in range(501)], 400),
    ],
)
def test_bad_requests(airflow_db: None, path: str, targets: list[str], status: int) -> None:
    assert as_user("viewer").get(path, params={"targets": targets}).status_code == status


def test_an_admin_gets_past_the_permission_check(airflow_db: None) -> None:
    """With no such DAG in the metadata DB, the trigger itself answers."""
    response = as_user("admin").post(FORM, data={"targets": ["conv-1"]}, follow_redirects=False)
    assert (response.status_code, response.json()) == (404, {"detail": "not a remediation DAG"})
