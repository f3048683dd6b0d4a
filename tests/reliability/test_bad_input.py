"""The bad-input catalogue: every kind of bad input, its tested outcome and its message.

Connection and parameter items are checked the way a user meets them: the connection check
behind the UI's Test button and ``openai-connector check``, and the DAG's plan task. Content
items share one real pipeline run against a simulator serving every hostile kind (real
Presidio, real Iceberg), then each test looks at what became of its piece.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from openai_connector.api import ComplianceClient
from openai_connector.api.models import ConversationMessageEvent
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.check import check_connection
from openai_connector.classify.config import DEFAULT_MAX_CHARS
from openai_connector.settings import MAX_CHARS_ENV
from openai_connector.simulator import RunningSimulator, SimulatorConfig, serve_in_thread
from openai_connector.simulator.hostile import (
    EXPECTED_FILE_STATUS,
    HUGE_MESSAGE_CHARS,
    parse_hostile,
)
from tests.harness import FAST_RETRY, deploy, run_steps, workspace_settings

WORKSPACE_ID = "0b9e5d1c-3f4a-4d6e-9a77-5c2f1e8d0a11"
API = "https://api.chatgpt.com/v1"
KEY = "sk-proj-bad-input-canary"


def misconfigured(host: str, extra: Any) -> str:
    """The connection check's verdict on these values; it must fail, and never echo the key."""
    result = check_connection(host, KEY, extra)
    assert not result.ok
    assert KEY not in result.message
    return result.message


def plan(params: dict[str, Any], conn_id: str = "simulated") -> dict[str, Any]:
    """What the DAG's plan task decides for a manual run with these params."""
    from airflow.sdk.api.datamodels._generated import DagRunType

    from openai_connector.dag_tasks import plan_from_context
    from openai_connector.workspaces import WorkspaceEntry

    context = {
        "params": {"since": None, "until": None, "users": [], **params},
        "dag_run": SimpleNamespace(run_type=DagRunType.MANUAL, run_id="manual__bad_input"),
    }
    return plan_from_context(WorkspaceEntry(conn_id), context)


# --- connection and run parameters ----------------------------------------------------------


def test_malformed_connection_extras_name_the_expected_keys() -> None:
    keys = "workspace_id, workspace_name, organization_id"
    assert misconfigured(API, "{workspace_id: oops") == (
        "Connection is misconfigured: Connection extra is not valid JSON (Expecting property "
        f"name enclosed in double quotes at line 1 column 2); expected an object with keys {keys}"
    )
    assert misconfigured(API, "[1]") == (
        "Connection is misconfigured: Connection extra must be a JSON object with keys "
        f"{keys}, got list"
    )


def test_non_uuid_workspace_id_is_refused(monkeypatch) -> None:
    extra = {"workspace_id": "acme-prod", "organization_id": "org-test"}
    assert misconfigured(API, extra) == (
        "Connection is misconfigured: Workspace ID must be a UUID, got 'acme-prod'"
    )
    conn = {"conn_type": "openai_compliance", "host": API, "password": KEY, "extra": extra}
    monkeypatch.setenv("AIRFLOW_CONN_BAD_WORKSPACE", json.dumps(conn))
    from airflow.sdk.exceptions import AirflowFailException

    expected = "Connection 'bad_workspace' is misconfigured: Workspace ID must be a UUID"
    with pytest.raises(AirflowFailException, match=expected):  # failed for good: no retries
        plan({}, conn_id="bad_workspace")  # a run stops at its plan, before any API call


def test_organization_id_without_org_prefix_is_refused() -> None:
    extra = {"workspace_id": WORKSPACE_ID, "organization_id": "acme"}
    assert misconfigured(API, extra) == (
        "Connection is misconfigured: Organization ID must start with 'org-', got 'acme'"
    )


def test_http_base_url_to_a_remote_host_is_refused_before_any_request() -> None:
    """The suite's socket guard would fail this test if the check tried to connect."""
    extra = {"workspace_id": WORKSPACE_ID, "organization_id": "org-test"}
    assert misconfigured("http://compliance.example.net/v1", extra) == (
        "Connection is misconfigured: Base URL must use https (http is allowed only for "
        "loopback hosts), got 'http://compliance.example.net/v1'"
    )


def test_base_url_of_another_product_names_the_right_one() -> None:
    with serve_in_thread(SimulatorConfig(seed=3)) as sim:
        wrong = sim.base_url.replace("/v1", "/platform/v1")
        extra = {"workspace_id": sim.workspace_id, "organization_id": sim.organization_id}
        result = check_connection(wrong, sim.keys.read, extra)
    assert not result.ok
    assert result.message == (
        f"Wrong base URL: {wrong} does not serve the Compliance API (404 for its paths). The "
        "Compliance API lives at https://api.chatgpt.com/v1; api.openai.com is the Platform API."
    )


@pytest.fixture
def deployed(airflow_db, monkeypatch, tmp_path) -> Iterator[Any]:
    with serve_in_thread(SimulatorConfig(seed=3)) as sim:
        yield deploy(monkeypatch, sim, str(tmp_path / "warehouse"))


def test_run_params_out_of_range_or_unparsable_fail_clearly(deployed) -> None:
    """Airflow refuses an unparsable date-time before the run exists (UI form or API); the
    plan refuses windows it cannot serve, before any API call."""
    from airflow.sdk.exceptions import AirflowFailException, ParamValidationError

    with pytest.raises(ParamValidationError) as refused:
        deployed.workspace_dag.test(run_conf={"since": "yesterday"})
    assert str(refused.value).startswith(
        "Invalid input for param since: 'yesterday' is not a 'date-time'"
    )
    cases = {
        "since": ("2999-01-01T00:00:00Z", "since (2999-01-01T00:00:00+00:00) is in the future"),
        "until": ("2999-01-01T00:00:00Z", "until (2999-01-01T00:00:00+00:00) is in the future"),
    }
    for name, (value, reason) in cases.items():
        with pytest.raises(AirflowFailException) as failure:
            plan({name: value})
        assert str(failure.value) == f"Invalid run parameters: {reason}"
    deployed.sim.reset_request_log()
    with pytest.raises(AirflowFailException) as failure:
        plan({"since": "2026-13-45"})
    assert str(failure.value) == (
        "Invalid run parameters: since must be an ISO-8601 date-time, got '2026-13-45'"
    )
    assert deployed.sim.request_log() == []


# --- content: one run against every hostile kind --------------------------------------------


class _Records(logging.Handler):
    """Keeps the product's warnings of the run, to check what they say (and do not say)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class HostileRun:
    sim: RunningSimulator
    store: CatalogStore
    records: dict[str, int]
    warnings: list[str]
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def findings_of(self, object_id: str) -> list[dict[str, Any]]:
        return [f for f in self.store.read("findings").to_pylist() if f["object_id"] == object_id]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileRun]:
    warehouse = tmp_path_factory.mktemp("bad_input") / "warehouse"
    store = CatalogStore(CatalogConfig(warehouse=str(warehouse)))
    handler = _Records()
    logger = logging.getLogger("openai_connector")
    logger.addHandler(handler)
    config = SimulatorConfig(seed=5, hostile=parse_hostile("all"))
    try:
        with serve_in_thread(config) as sim:
            result = run_steps(workspace_settings(sim), store)
            assert result["outcome"] == "success"
            run = HostileRun(sim, store, json.loads(result["records"]), handler.messages)
            run.messages = {row["message_id"]: row for row in store.read("messages").to_pylist()}
            run.files = {row["file_id"]: row for row in store.read("files").to_pylist()}
            yield run
    finally:
        logger.removeHandler(handler)


def test_corrupt_jsonl_lines_are_counted_and_the_rest_of_the_file_lands(hostile) -> None:
    manifest = hostile.sim.hostile()
    assert hostile.records["corrupt_lines"] == manifest.corrupt_lines == 4
    with ComplianceClient(workspace_settings(hostile.sim), retry=FAST_RETRY) as client:
        (log_file,) = [
            f
            for f in client.iter_log_files(after=datetime(2020, 1, 1, tzinfo=UTC))
            if f.id == manifest.log_file_id
        ]
        lines = list(client.iter_log_events(log_file))
    good = {line.message.id for line in lines if isinstance(line, ConversationMessageEvent)}
    assert len(good) > len(manifest.messages)  # other conversations share the file
    assert good <= set(hostile.messages)
    assert {m["log_file_id"] for m in hostile.messages.values() if m["message_id"] in good} == {
        manifest.log_file_id
    }
    corrupt = [w for w in hostile.warnings if w.startswith("Skipped corrupt line")]
    assert len(corrupt) == manifest.corrupt_lines
    assert any("not valid UTF-8" in w for w in corrupt)
    assert all(manifest.log_file_id in w for w in corrupt)


def test_unknown_event_types_are_skipped_with_a_count(hostile) -> None:
    assert hostile.records["unknown_events"] == hostile.sim.hostile().unknown_events == 2


def test_null_content_lands_as_a_message_without_text(hostile) -> None:
    ids = hostile.sim.hostile().messages
    for role, content_type in (("null_content", None), ("null_value", "text")):
        row = hostile.messages[ids[role]]
        assert (row["content_type"], row["text"], row["text_length"]) == (content_type, None, 0)
        assert (row["finding_count"], row["classify_truncated"]) == (0, False)


def test_ten_megabyte_message_lands_classified_up_to_the_cap(hostile) -> None:
    message_id = hostile.sim.hostile().messages["huge_message"]
    row = hostile.messages[message_id]
    assert row["text_length"] == HUGE_MESSAGE_CHARS
    assert row["classify_truncated"] is True
    assert hostile.records["classify_truncated"] == 1
    findings = hostile.findings_of(message_id)
    (planted,) = [
        p for p in hostile.sim.truth().to_dict()["planted"] if p["object_id"] == message_id
    ]
    assert ("EMAIL_ADDRESS", planted["offset"]) in {
        (f["entity_type"], f["start"]) for f in findings
    }
    # The message ends with an address too, far beyond the cap: nothing there was classified.
    assert max(f["end"] for f in findings) <= DEFAULT_MAX_CHARS
    assert len(row["text"]) <= DEFAULT_MAX_CHARS  # only what was classified is stored redacted
    assert planted["value"] not in row["text"]
    (warning,) = [w for w in hostile.warnings if message_id in w]
    assert warning == (
        f"Classified only the first {DEFAULT_MAX_CHARS} of {HUGE_MESSAGE_CHARS} characters of "
        f"message {message_id} (the classification cap)"
    )


def test_binary_file_with_a_text_name_is_unsupported_with_a_reason(hostile) -> None:
    row = hostile.files[hostile.sim.hostile().files["binary_file"]]
    assert row["status"] == EXPECTED_FILE_STATUS["binary_file"] == "unsupported"
    assert row["status_detail"] == "binary content (.txt)"
    assert row["mime_type"] == "text/plain"
    assert row["finding_count"] == 0


def test_zip_bomb_is_refused_before_inflating(hostile) -> None:
    row = hostile.files[hostile.sim.hostile().files["zip_bomb"]]
    assert row["status"] == EXPECTED_FILE_STATUS["zip_bomb"] == "too_large"
    assert row["status_detail"].endswith("(limit 200x): zip bomb")
    assert row["size"] < 1_000_000
    assert row["text_length"] is None


def test_non_utf8_text_is_decoded_and_classified(hostile) -> None:
    file_id = hostile.sim.hostile().files["non_utf8"]
    row = hostile.files[file_id]
    (truth,) = [f for f in hostile.sim.truth().to_dict()["files"] if f["id"] == file_id]
    assert row["status"] == EXPECTED_FILE_STATUS["non_utf8"] == "scanned"
    assert row["status_detail"] == "declared text, cp1252"
    assert row["text_length"] == len(truth["text"])
    (planted,) = [p for p in hostile.sim.truth().to_dict()["planted"] if p["object_id"] == file_id]
    found = {(f["entity_type"], f["start"]) for f in hostile.findings_of(file_id)}
    assert (planted["entity_type"], planted["offset"]) in found


def test_oversized_pages_lose_nothing(hostile) -> None:
    truth = hostile.sim.truth().to_dict()
    assert set(hostile.messages) == {m["id"] for m in truth["messages"]}
    headers = {"Authorization": f"Bearer {hostile.sim.keys.read}"}
    page = httpx.get(  # the first listing page as the run asked for it
        f"{hostile.sim.base_url}/compliance/workspaces/{hostile.sim.workspace_id}/logs",
        params={
            "event_type": "CONVERSATION_MESSAGE",
            "after": "2020-01-01T00:00:00Z",
            "limit": 100,
        },
        headers=headers,
    )
    assert len(page.content) > 1_000_000
    assert hostile.records["log_files"] == len(
        {m["log_file_id"] for m in hostile.messages.values()}
    )


def test_dag_run_records_the_bad_input_counts(airflow_db, monkeypatch, tmp_path) -> None:
    """Under real Airflow, with a lower classification cap set by the environment."""
    monkeypatch.setenv(MAX_CHARS_ENV, "20000")
    kinds = parse_hostile("corrupt_lines,unknown_events,huge_message,binary_file,zip_bomb")
    with serve_in_thread(SimulatorConfig(seed=6, hostile=kinds)) as sim:
        deployed = deploy(monkeypatch, sim, str(tmp_path / "warehouse"))
        run = deployed.workspace_dag.test()
        manifest = sim.hostile()
    assert run.state == "success"
    (row,) = deployed.store.read("runs").to_pylist()
    records = json.loads(row["records"])
    counted = ("corrupt_lines", "unknown_events", "classify_truncated", "files_unsupported")
    assert {key: records[key] for key in (*counted, "files_too_large")} == {
        "corrupt_lines": manifest.corrupt_lines,
        "unknown_events": manifest.unknown_events,
        "classify_truncated": 1,
        "files_unsupported": 1,
        "files_too_large": 1,
    }
    huge = deployed.store.read("messages").to_pylist()
    (message,) = [m for m in huge if m["message_id"] == manifest.messages["huge_message"]]
    assert message["classify_truncated"] is True
    assert len(message["text"]) <= 20000
