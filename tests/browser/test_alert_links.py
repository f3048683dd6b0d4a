"""The remediation link an alert carries, opened as the analyst who reads the alert: the form
lists the alert's targets and starts a dry run of exactly those, then shows the run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from openai_connector.links import remediation_dag_id, remediation_trigger_url
from tests.live.stack import AirflowStack

from .pages import CONN_ID, UI, until_true

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
TARGETS = ["conv-alert-1", "file-alert-2"]


def test_remediation_link_starts_a_dry_run_of_the_targets(
    browser: Any, stack: AirflowStack, artifacts: Path
) -> None:
    ui = UI(browser, stack.base_url, artifacts)
    ui.log_in()
    dag_id = remediation_dag_id(CONN_ID)
    stack.wait_for_dag(dag_id)

    browser.get(remediation_trigger_url(stack.base_url, CONN_ID, TARGETS))
    ui.wait_text("Start dry run")
    assert all(target in ui.text() for target in TARGETS)
    ui.shot("remediation-form-from-alert")
    ui.button("Start dry run").click()
    until_true("the run's page", lambda: f"/dags/{dag_id}/runs/" in browser.current_url)
    ((conf, triggered_by),) = stack.rows(
        "select conf, triggered_by from dag_run where dag_id = ?", dag_id
    )
    assert json.loads(conf) == {"dry_run": True, "targets": TARGETS}
    assert triggered_by == "UI"
