"""What an operator does in the Airflow UI, end to end: log in, add the workspace connection
(its five fields and labels), press Test, trigger the workspace DAG with since/until from its
trigger form, then read the DLP page. Screenshots of each step land in var/browser-artifacts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from openai_connector.simulator import RunningSimulator
from openai_connector.ui.plugin import PAGE_PATH, URL_PREFIX
from tests.live.stack import AirflowStack, wait_for

from .pages import CONN_ID, UI, until_true

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]
DAG_ID = f"openai_compliance__{CONN_ID}"


def pick_datetime(ui: UI, label: str, moment: datetime) -> None:
    """Fill one date-time field of the trigger form through its date and time inputs."""
    from selenium.webdriver.common.keys import Keys

    field = ui.driver.find_element(
        ui.by.XPATH, f"//label[normalize-space(.)='{label}']/ancestor::*[@role='group'][1]"
    )
    field.find_element(ui.by.CSS_SELECTOR, "[data-testid=datetime-input]").click()
    date_input = ui.find("[data-part=content][data-state=open] input[placeholder='YYYY/MM/DD']")
    date_input.send_keys(moment.strftime("%Y/%m/%d"))
    time_input = ui.find("[data-part=content][data-state=open] input[placeholder='HH:mm']")
    time_input.send_keys(moment.strftime("%H:%M"), Keys.ESCAPE)
    until_true(
        f"{label} to show the picked day",
        lambda: moment.strftime("%Y") in field.text and "Select date" not in field.text,
    )


def test_operator_flow(
    browser: Any, stack: AirflowStack, module_sim: RunningSimulator, artifacts: Path
) -> None:
    from selenium.webdriver.common.keys import Keys

    ui = UI(browser, stack.base_url, artifacts)

    ui.log_in()

    # Admin → Connections → Add Connection, type OpenAI Compliance: the five fields.
    ui.open("/connections")
    ui.button("Add Connection").click()
    ui.find("input[name=connection_id]").send_keys(CONN_ID)
    conn_type = ui.find("[role=dialog] input[role=combobox]")
    conn_type.send_keys("OpenAI Compliance")
    conn_type.send_keys(Keys.ENTER)
    ui.find("input[name=host]").send_keys(module_sim.base_url)
    ui.find("input[name=password]").send_keys(module_sim.keys.read)
    ui.button("Extra Fields").click()
    values = {
        "workspace_id": module_sim.workspace_id,
        "workspace_name": module_sim.workspace_name,
        "organization_id": module_sim.organization_id,
    }
    for name, value in values.items():
        ui.find(f"input[name=element_{name}]").send_keys(value)
    assert {"Base URL", "API key", "Workspace ID", "Workspace Name", "Organization ID"} <= (
        ui.labels()
    )
    assert not {"Login", "Port", "Schema"} & ui.labels()
    ui.shot("connection-form")
    ui.button("Save").click()
    until_true("the saved connection", lambda: CONN_ID in ui.find("table").text)

    # Test → the hook's own success message.
    ui.find("button[aria-label='Test Connection']").click()
    ui.wait_text(f"Connected to workspace {module_sim.workspace_name}")
    ui.shot("connection-test")

    # Trigger the workspace DAG with an explicit window from its trigger form.
    stack.wait_for_dag(DAG_ID)
    until = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    since = until - timedelta(days=30)
    ui.open(f"/dags/{DAG_ID}")
    ui.button("Trigger").click()
    ui.wait_text("Run Parameters")
    pick_datetime(ui, "Since", since)
    pick_datetime(ui, "Until", until)
    ui.shot("trigger-form")
    browser.find_elements(ui.by.XPATH, "//*[@role='dialog']//button[normalize-space(.)='Trigger']")[
        -1
    ].click()
    # Unpausing on trigger also lets the scheduler start its own run: wait for ours.
    state, conf = wait_for(
        "the triggered run to finish",
        lambda: stack.rows(
            "select state, conf from dag_run where dag_id = ? and run_type = 'manual' "
            "and state in ('success', 'failed')",
            DAG_ID,
        ),
        timeout=600,
        every=2,
    )[0]
    assert state == "success", stack.task_log_text()
    conf = json.loads(conf)
    assert datetime.fromisoformat(conf["since"]) == since
    assert datetime.fromisoformat(conf["until"]) == until

    # The DLP page, from the nav, embedded in the Airflow UI.
    ui.open("/")
    until_true("the DLP nav entry", lambda: browser.find_element(ui.by.LINK_TEXT, "DLP")).click()
    frame = ui.find("iframe")
    assert frame.get_attribute("src").endswith(URL_PREFIX + PAGE_PATH)
    browser.switch_to.frame(frame)
    ui.wait_text(module_sim.workspace_name)
    charts = {
        e.get_attribute("data-chart")
        for e in browser.find_elements(ui.by.CSS_SELECTOR, "svg.chart")
    }
    assert charts == {"findings-by-day", "severity", "files"}
    assert browser.find_elements(ui.by.CSS_SELECTOR, "svg[data-chart=findings-by-day] rect")
    page = browser.page_source
    assert f'/dags/openai_compliance_remediate__{CONN_ID}"' in page
    assert module_sim.keys.read not in page
    assert not [p["value"] for p in module_sim.truth().to_dict()["planted"] if p["value"] in page]
    browser.switch_to.default_content()
    ui.shot("dlp-page")
