"""Conversation roll-ups: recomputed from the messages for conversations left unset, only."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from openai_connector.api import WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.pipeline import landing
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.landing import refresh_rollups
from openai_connector.pipeline.window import resolve_window

WORKSPACE = "00000000-0000-4000-8000-00000000000a"
NOW = datetime(2026, 7, 16, 12, 0, tzinfo=UTC)


def _job(store: CatalogStore) -> WorkspaceJob:
    plan = RunPlan.create(
        run_id="rollups/2",
        conn_id="test",
        workspace_id=WORKSPACE,
        window=resolve_window(now=NOW, watermark=None),
        started_at=NOW,
    )
    settings = WorkspaceSettings(workspace_id=WORKSPACE, organization_id="org-x", api_key="k")
    return WorkspaceJob(plan, settings, store, client_factory=None, classifier_factory=None)  # type: ignore[arg-type]


def _conversation(conversation_id: str, **rollup: object) -> dict[str, object]:
    return {
        "workspace_id": WORKSPACE,
        "conversation_id": conversation_id,
        "title": f"title of {conversation_id}",
        "created_at": NOW,
        "run_id": "rollups/1",
        **rollup,
    }


def _message(message_id: str, conversation_id: str, **findings: object) -> dict[str, object]:
    return {
        "workspace_id": WORKSPACE,
        "message_id": message_id,
        "conversation_id": conversation_id,
        "created_at": NOW,
        **findings,
    }


@pytest.mark.parametrize("per_pass", [1, landing.ROLLUP_CONVERSATIONS_PER_PASS])
def test_unset_rollups_are_recomputed_and_set_ones_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, per_pass: int
) -> None:
    monkeypatch.setattr(landing, "ROLLUP_UPSERT_ROWS", 1)  # one upsert per conversation
    monkeypatch.setattr(landing, "ROLLUP_CONVERSATIONS_PER_PASS", per_pass)
    store = CatalogStore(CatalogConfig(warehouse=str(tmp_path / "warehouse")))
    store.upsert(
        "conversations",
        [
            _conversation("c-mixed"),
            _conversation("c-empty"),
            _conversation("c-done", message_count=7, finding_count=0),
        ],
    )
    store.upsert(
        "messages",
        [
            _message("m1", "c-mixed", finding_count=2, highest_severity="medium",
                     findings_by_type=json.dumps({"EMAIL_ADDRESS": 1, "PERSON": 1})),
            _message("m2", "c-mixed", finding_count=1, highest_severity="high",
                     findings_by_type=json.dumps({"EMAIL_ADDRESS": 1})),
            _message("m3", "c-mixed", finding_count=0),
            _message("m4", "c-done", finding_count=5, highest_severity="high"),
        ],
    )  # fmt: skip

    assert refresh_rollups(_job(store)) == 2

    rows = {row["conversation_id"]: row for row in store.read("conversations").to_pylist()}
    mixed, empty, done = rows["c-mixed"], rows["c-empty"], rows["c-done"]
    assert (mixed["message_count"], mixed["finding_count"], mixed["highest_severity"]) == (
        3, 3, "high",
    )  # fmt: skip
    assert json.loads(mixed["findings_by_type"]) == {"EMAIL_ADDRESS": 2, "PERSON": 1}
    assert (empty["message_count"], empty["finding_count"]) == (0, 0)
    assert empty["highest_severity"] is None
    assert empty["findings_by_type"] is None
    assert (mixed["title"], mixed["created_at"]) == ("title of c-mixed", NOW)
    assert (mixed["run_id"], done["run_id"]) == ("rollups/2", "rollups/1")
    assert (done["message_count"], done["finding_count"]) == (7, 0)
    assert refresh_rollups(_job(store)) == 0
