"""A security analyst's path through the DLP page in a real Airflow, without a query: from the
overview to "this user pasted an AWS key into this GPT on that day", its redacted message, the
filtered export and the remediation form prefilled with the conversation.

The workspace is cataloged by the real pipeline into the deployment's warehouse before the
browser starts (the operator flow in ``test_ui_flow.py`` covers running the DAG from the UI).
"""

from __future__ import annotations

import json
import secrets
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.simulator import RunningSimulator
from openai_connector.ui.plugin import PAGE_PATH, URL_PREFIX
from tests.harness import connection, run_steps, workspace_settings
from tests.live.stack import AirflowStack, wait_for

from .pages import UI, serves, until_true

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]
CONN_ID = "analyst"
REMEDIATION_DAG = f"openai_compliance_remediate__{CONN_ID}"


def aws_key_id() -> str:
    """An AWS access key id shape, made up at run time (never a literal in the repository)."""
    alphabet = string.ascii_uppercase + "234567"
    return "AKIA" + "".join(secrets.choice(alphabet) for _ in range(16))


@pytest.fixture(scope="module")
def pasted(module_sim: RunningSimulator) -> dict[str, str]:
    """One user pastes an AWS key into a GPT conversation."""
    truth = module_sim.truth().to_dict()
    gpt_id = next(c["gpt_id"] for c in truth["conversations"] if c.get("gpt_id"))
    key = aws_key_id()
    created = module_sim.add_activity(
        conversations=1,
        messages_per_conversation=2,
        files=0,
        prompts=[f"why does the deploy fail with aws_access_key_id = {key} in the config?"],
        gpt_id=gpt_id,
    )
    return {"key": key, "gpt_id": gpt_id, "conversation_id": created["conversation_ids"][0]}


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory, module_sim: RunningSimulator, pasted: dict[str, str]
) -> Iterator[AirflowStack]:
    running = AirflowStack(
        home=Path(tmp_path_factory.mktemp("airflow-analyst")),
        connections={CONN_ID: connection(module_sim)},
        workspaces=[{"conn_id": CONN_ID, "retries": 0}],
    )
    store = CatalogStore(CatalogConfig(warehouse=running.env["OPENAI_CONNECTOR_WAREHOUSE"]))
    run_steps(workspace_settings(module_sim), store, conn_id=CONN_ID)
    running.start()
    try:
        wait_for("the api-server", lambda: serves(running.base_url + "/api/v2/monitor/health"), 180)
        yield running
    finally:
        running.stop()


def select(ui: UI, name: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(ui.find(f"select[name={name}]")).select_by_value(value)


def test_from_the_overview_to_a_prefilled_remediation_form(
    browser: Any, stack: AirflowStack, module_sim: RunningSimulator, pasted: dict[str, str],
    artifacts: Path,
) -> None:  # fmt: skip
    ui = UI(browser, stack.base_url, artifacts)
    store = CatalogStore(CatalogConfig(warehouse=stack.env["OPENAI_CONNECTOR_WAREHOUSE"]))
    (finding,) = [
        f for f in store.read("findings").to_pylist()
        if f["conversation_id"] == pasted["conversation_id"]
        and f["entity_type"] == "AWS_ACCESS_KEY_ID"
    ]  # fmt: skip
    day = finding["occurred_at"].date().isoformat()
    gpt_name = finding["gpt_name"]
    assert gpt_name

    ui.open("/")
    ui.find("input[name=username]").send_keys("admin")
    ui.find("input[name=password]").send_keys("admin")
    ui.find("button[type=submit]").click()
    until_true("the home page", lambda: "/auth/login" not in browser.current_url)

    # The overview, from Airflow's nav; then "Explore findings" for the workspace.
    until_true("the DLP nav entry", lambda: browser.find_element(ui.by.LINK_TEXT, "DLP")).click()
    frame = ui.find("iframe")
    assert frame.get_attribute("src").endswith(URL_PREFIX + PAGE_PATH)
    browser.switch_to.frame(frame)
    ui.wait_text(module_sim.workspace_name)
    legend = ui.find("svg[data-chart=findings-by-day] + .legend").text
    assert legend.split()[0] in {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "PRIVATE_KEY",
                                 "OPENAI_API_KEY", "STRIPE_SECRET_KEY", "GITHUB_TOKEN",
                                 "SLACK_TOKEN", "JWT", "PASSWORD"}  # fmt: skip
    ui.shot("dlp-page")
    ui.find("a.explore").click()

    # Filter: the day it was written, AWS access keys, in that GPT.
    ui.wait_text("findings match")
    ui.find("input[name=since]").send_keys(_date_keys(day))
    ui.find("input[name=until]").send_keys(_date_keys(day))
    select(ui, "entity_type", "AWS_ACCESS_KEY_ID")
    select(ui, "gpt_id", pasted["gpt_id"])
    ui.button("Filter").click()
    until_true("the filtered list", lambda: "<b>1</b> findings match" in browser.page_source)
    row = ui.find("tbody tr").text
    assert "AWS_ACCESS_KEY_ID" in row
    assert gpt_name in row
    assert day in row
    assert "not remediated" in row
    ui.shot("findings-explorer")

    # The CSV export of exactly this selection, fetched with the page's own session.
    href = ui.find("#export-csv").get_attribute("href")
    exported = browser.execute_async_script(
        "const done = arguments[1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done);",
        href,
    )
    lines = exported.strip().splitlines()
    assert len(lines) == 2
    assert finding["finding_id"] in lines[1]
    assert pasted["key"] not in exported

    # Drill down: the conversation as stored, the key redacted and marked.
    ui.find("a.conversation").click()
    mark = ui.find("mark[data-entity=AWS_ACCESS_KEY_ID]")
    assert mark.text == "<AWS_ACCESS_KEY_ID>"
    assert pasted["key"] not in browser.page_source
    assert module_sim.keys.read not in browser.page_source
    ui.shot("conversation")

    # The remediation form, prefilled with this conversation, says what a dry run selects.
    ui.find("#remediate").click()
    ui.wait_text("A dry run with these values selects 1 targets now")
    assert pasted["conversation_id"] in ui.text()
    assert pasted["key"] not in browser.page_source
    browser.switch_to.default_content()
    ui.shot("remediation-form")
    browser.switch_to.frame(ui.find("iframe"))

    # Start it: a dry run of exactly that conversation, triggered as the analyst.
    stack.wait_for_dag(REMEDIATION_DAG)
    ui.button("Start dry run").click()
    ((conf, user),) = wait_for(
        "the remediation run",
        lambda: stack.rows(
            "select conf, triggering_user_name from dag_run where dag_id = ?", REMEDIATION_DAG
        ),
        timeout=60,
    )
    assert json.loads(conf) == {
        "dry_run": True,
        "targets": [pasted["conversation_id"]],
        "min_severity": "low",
    }
    assert user == "admin"


def _date_keys(day: str) -> str:
    """What a user types into Chromium's date input (month, day, year in en-US order)."""
    year, month, dom = day.split("-")
    return f"{month}{dom}{year}"
