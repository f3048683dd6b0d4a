"""The findings explorer over HTTP, as Airflow mounts it, on a catalog the real pipeline
filled: filters, pages, a conversation's redacted messages, exports and the remediation
link and status; masked values only."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser
from airflow.api_fastapi.core_api.security import get_user
from fastapi.testclient import TestClient

from openai_connector.catalog import CatalogStore
from openai_connector.remediation import Criteria, Request, remediate
from openai_connector.reporting.explorer import EXPORT_COLUMNS, PAGE_SIZE
from openai_connector.simulator import RunningSimulator
from openai_connector.ui.app import create_app
from openai_connector.ui.plugin import PAGE_PATH, URL_PREFIX, LazyApp
from tests.cataloged import CONN_ID, planted_values, raw_identities
from tests.harness import fast_client, workspace_settings

FINDINGS = f"{PAGE_PATH}/findings"


@pytest.fixture
def client(airflow_env: dict[str, str], airflow_db: None) -> TestClient:
    from airflow.api_fastapi.app import create_auth_manager

    create_auth_manager()  # the remediation form asks Airflow's auth manager, as the api-server
    app = create_app()
    app.dependency_overrides[get_user] = lambda: SimpleAuthManagerUser(
        username="viewer", role="viewer"
    )
    return TestClient(app)


@pytest.fixture(scope="module")
def findings(cataloged_store: CatalogStore) -> list[dict]:
    return cataloged_store.read("findings").to_pylist()


def assert_masked(sim: RunningSimulator, text: str) -> None:
    assert not {value for value in planted_values(sim) | raw_identities(sim) if value in text}
    assert sim.keys.read not in text


def app_path(href: str) -> str:
    """A link of the page, as the app under test serves it (Airflow mounts it at a prefix)."""
    return unescape(href).removeprefix(URL_PREFIX)


def rows_of(page: str) -> list[str]:
    body = page[page.index("<tbody>") :] if "<tbody>" in page else ""
    return re.findall(r"<tr>(.*?)</tr>", body)


def test_anonymous_requests_are_refused() -> None:
    client = TestClient(LazyApp())
    for path in (FINDINGS, f"{FINDINGS}.csv", f"{PAGE_PATH}/conversations/x"):
        assert client.get(path).status_code == 401


def test_the_list_pages_through_every_finding_newest_first(
    client: TestClient, findings: list[dict], module_sim: RunningSimulator
) -> None:
    first = client.get(FINDINGS, params={"workspace": CONN_ID})
    assert first.status_code == 200
    assert f"<b>{len(findings):,}</b> findings match" in first.text
    assert len(rows_of(first.text)) == min(PAGE_SIZE, len(findings))
    seen = len(rows_of(first.text))
    nxt = re.search(r'id="next" href="([^"]+)"', first.text)
    while nxt:
        page = client.get(app_path(nxt.group(1)))
        seen += len(rows_of(page.text))
        nxt = re.search(r'id="next" href="([^"]+)"', page.text)
    assert seen == len(findings)
    written = re.findall(r"<td>(\d{4}-\d\d-\d\d \d\d:\d\d)</td>", first.text)
    assert written == sorted(written, reverse=True)
    assert_masked(module_sim, first.text)


def test_filters_narrow_the_list_to_what_matches(client: TestClient, findings: list[dict]) -> None:
    entity, _ = Counter(f["entity_type"] for f in findings).most_common(1)[0]
    user = next(f["user_id"] for f in findings if f["entity_type"] == entity and f["user_id"])
    expected = [f for f in findings if f["entity_type"] == entity and f["user_id"] == user]
    page = client.get(
        FINDINGS,
        params={"workspace": CONN_ID, "entity_type": entity, "user_id": user, "min_severity": ""},
    ).text
    assert f"<b>{len(expected):,}</b> findings match" in page
    assert f'<option value="{entity}" selected>' in page
    critical = client.get(FINDINGS, params={"workspace": CONN_ID, "min_severity": "critical"})
    expected_critical = sum(f["severity"] == "critical" for f in findings)
    assert f"<b>{expected_critical:,}</b> findings match" in critical.text
    gpt = next(f for f in findings if f["gpt_id"])
    by_gpt = client.get(FINDINGS, params={"workspace": CONN_ID, "gpt_id": gpt["gpt_id"]}).text
    count = sum(f["gpt_id"] == gpt["gpt_id"] for f in findings)
    assert f"<b>{count:,}</b> findings match" in by_gpt
    nothing = client.get(FINDINGS, params={"workspace": CONN_ID, "since": "2999-01-01"}).text
    assert "No finding matches these filters." in nothing


def test_bad_filters_and_unknown_workspaces_are_refused(client: TestClient) -> None:
    bad = client.get(FINDINGS, params={"workspace": CONN_ID, "since": "Tuesday"})
    assert bad.status_code == 400
    assert "since: not a date" in bad.json()["detail"]
    injected = client.get(FINDINGS, params={"workspace": CONN_ID, "user_id": "x' or 1=1 --"})
    assert injected.status_code == 400
    assert client.get(FINDINGS, params={"workspace": "nope"}).status_code == 404
    assert (
        client.get(f"{PAGE_PATH}/conversations/nope", params={"workspace": CONN_ID}).status_code
        == 404
    )


def test_a_conversation_shows_its_redacted_messages_with_findings_marked(
    client: TestClient, cataloged_store: CatalogStore, module_sim: RunningSimulator
) -> None:
    conversation = max(
        cataloged_store.read("conversations").to_pylist(), key=lambda c: c["finding_count"] or 0
    )
    overview = client.get(PAGE_PATH).text
    assert f'href="/openai-connector/dlp/findings?workspace={CONN_ID}"' in overview
    link = f"/openai-connector/dlp/conversations/{conversation['conversation_id']}"
    assert link in overview
    page = client.get(app_path(link), params={"workspace": CONN_ID})
    assert page.status_code == 200
    marked = re.findall(r'<mark data-entity="([A-Z0-9_]+)"', page.text)
    assert marked
    messages = [
        m for m in cataloged_store.read("messages").to_pylist()
        if m["conversation_id"] == conversation["conversation_id"]
    ]  # fmt: skip
    assert page.text.count('class="message"') == len(messages)
    assert conversation["title"] not in page.text
    assert_masked(module_sim, page.text)
    remediate_link = re.search(r'id="remediate" href="([^"]+)"', page.text).group(1)
    query = parse_qs(urlsplit(unescape(remediate_link)).query)
    assert query == {"targets": [conversation["conversation_id"]], "min_severity": ["low"]}


def test_exports_hold_the_filtered_list_masked(
    client: TestClient, findings: list[dict], module_sim: RunningSimulator
) -> None:
    params = {"workspace": CONN_ID, "min_severity": "high"}
    expected = {f["finding_id"] for f in findings if f["severity"] in ("high", "critical")}
    as_csv = client.get(f"{FINDINGS}.csv", params=params)
    assert as_csv.status_code == 200
    assert "attachment" in as_csv.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    assert {row["finding_id"] for row in rows} == expected
    as_json = client.get(f"{FINDINGS}.json", params=params).json()
    assert {row["finding_id"] for row in as_json} == expected
    assert all("@" not in (row["user_email_masked"] or "@x").split("@")[0][1:-1] for row in as_json)
    assert_masked(module_sim, as_csv.text + json.dumps(as_json))


def test_remediation_link_and_status_follow_the_selection(
    client: TestClient,
    cataloged_store: CatalogStore,
    module_sim: RunningSimulator,
    findings: list[dict],
) -> None:
    params = {"workspace": CONN_ID, "min_severity": "critical", "object_type": "message"}
    page = client.get(FINDINGS, params=params).text
    targets = sorted(
        {f["conversation_id"] for f in findings
         if f["severity"] == "critical" and f["object_type"] == "message"}
    )  # fmt: skip
    assert f"Remediate the selection: {len(targets)} target" in page
    href = unescape(re.search(r'id="remediate" href="([^"]+)"', page).group(1))
    assert (
        urlsplit(href).path == f"/openai-connector/remediate/openai_compliance_remediate__{CONN_ID}"
    )
    query = parse_qs(urlsplit(href).query)
    assert (query["targets"], query["min_severity"]) == (targets, ["critical"])
    form = client.get(app_path(href)).text
    assert f"A dry run with these values selects <b>{len(targets)}</b> targets now" in form
    assert '<input type="hidden" name="min_severity" value="critical">' in form
    assert_masked(module_sim, form)
    assert "not remediated" in page

    settings = workspace_settings(module_sim, module_sim.keys.read_delete)
    request = Request(run_id="acme/remediate/t1", triggered_by="pytest", criteria=Criteria(),
                      dry_run=True, confirm=None, max_deletions=100)  # fmt: skip
    remediate(
        request,
        settings=settings,
        store=cataloged_store,
        client_factory=lambda: fast_client(settings),
    )
    after = client.get(FINDINGS, params=params).text
    assert re.search(r'class="status status-planned">planned<', after)
