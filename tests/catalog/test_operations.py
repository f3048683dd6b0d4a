"""The catalog's intent-named operations against a real Iceberg catalog: each selects exactly
its rows (other workspaces, statuses and objects stay out) and writes only what it says."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from openai_connector.catalog import CatalogStore, operations

from .rows import OTHER_WORKSPACE, WORKSPACE, MessageFactory

NOW = datetime(2026, 7, 15, 15, 29, tzinfo=UTC)


def _finding(finding_id: str, workspace_id: str = WORKSPACE, **values: Any) -> dict[str, Any]:
    row = {
        "workspace_id": workspace_id, "finding_id": finding_id, "object_type": "message",
        "object_id": "m1", "entity_type": "EMAIL_ADDRESS", "severity": "high", "run_id": "run-1",
        "detected_at": NOW,
    }  # fmt: skip
    return row | values


def _outbox_item(item_id: str, **values: Any) -> dict[str, Any]:
    row = {"workspace_id": WORKSPACE, "destination": "siem", "item_id": item_id}
    return row | {"status": "queued", "queued_at": NOW, "run_id": "run-1"} | values


def _ids(rows: list[dict[str, Any]], column: str) -> list[str]:
    return sorted(row[column] for row in rows)


def test_pending_files_are_the_workspaces_files_still_to_fetch(store: CatalogStore) -> None:
    store.upsert(
        "files",
        [
            {"workspace_id": WORKSPACE, "file_id": "f1", "status": "pending", "name": "a.txt"},
            {"workspace_id": WORKSPACE, "file_id": "f2", "status": "scanned"},
            {"workspace_id": OTHER_WORKSPACE, "file_id": "f3", "status": "pending"},
        ],
    )

    pending = operations.pending_files(store, WORKSPACE)

    assert _ids(pending, "file_id") == ["f1"]
    assert pending[0]["name"] == "a.txt"  # all columns


def test_delete_findings_of_objects_keeps_other_objects_types_and_workspaces(
    store: CatalogStore,
) -> None:
    store.upsert(
        "findings",
        [
            _finding("gone-1", object_id="m1"),
            _finding("gone-2", object_id="m2", object_type="message_quote"),
            _finding("kept-other-object", object_id="m3"),
            _finding("kept-other-type", object_id="m1", object_type="file"),
            _finding("kept-other-workspace", OTHER_WORKSPACE, object_id="m1"),
        ],
    )

    operations.delete_findings_of(store, WORKSPACE, ["message", "message_quote"], ["m1", "m2"])

    left = store.read("findings", columns=["finding_id"]).to_pylist()
    assert _ids(left, "finding_id") == [
        "kept-other-object", "kept-other-type", "kept-other-workspace",
    ]  # fmt: skip


def test_messages_of_conversations_streams_the_columns_across_scans(
    store: CatalogStore, message: MessageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(operations, "IDS_PER_SCAN", 2)  # three conversations: two scans
    store.upsert(
        "messages",
        [
            message("m1", conversation_id="c1"),
            message("m2", conversation_id="c1"),
            message("m3", conversation_id="c2"),
            message("m4", conversation_id="c3"),
            message("m5", conversation_id="c4"),
            message("m6", OTHER_WORKSPACE, conversation_id="c1"),
        ],
    )

    rows = list(
        operations.messages_of(store, WORKSPACE, ["c3", "c1", "c2", "c1"], ["conversation_id"])
    )

    assert sorted(row["conversation_id"] for row in rows) == ["c1", "c1", "c2", "c3"]
    assert all(row.keys() == {"conversation_id"} for row in rows)


def test_conversations_without_rollup_are_those_never_counted(store: CatalogStore) -> None:
    def conversation(conversation_id: str, workspace_id: str = WORKSPACE, **values: Any) -> dict:
        return {"workspace_id": workspace_id, "conversation_id": conversation_id} | values

    store.upsert(
        "conversations",
        [
            conversation("unset-1"),
            conversation("unset-2", message_count=None),
            conversation("counted", message_count=3),
            conversation("counted-empty", message_count=0),
            conversation("other-workspace", OTHER_WORKSPACE),
        ],
    )

    unset = operations.conversations_without_rollup(store, WORKSPACE)

    assert sorted(unset) == ["unset-1", "unset-2"]


def test_rows_by_key_and_known_ids_look_up_keys_under_their_leading_columns(
    store: CatalogStore,
) -> None:
    store.upsert(
        "alert_outbox",
        [
            _outbox_item("i1"),
            _outbox_item("i2"),
            _outbox_item("i3", destination="mail"),
            _outbox_item("i3", workspace_id=OTHER_WORKSPACE),
        ],
    )
    siem = {"workspace_id": WORKSPACE, "destination": "siem"}

    rows = operations.rows_by_key(
        store, "alert_outbox", "item_id", ["i1", "i3", "i9"], ["item_id", "status"], **siem
    )

    assert rows == [{"item_id": "i1", "status": "queued"}]
    assert operations.known_ids(store, "alert_outbox", "item_id", ["i2", "i3"], **siem) == {"i2"}
    assert operations.known_ids(store, "alert_outbox", "item_id", [], **siem) == set()


def test_rows_of_objects_by_any_column(store: CatalogStore, message: MessageFactory) -> None:
    store.upsert(
        "messages",
        [
            message("m1", conversation_id="c1"),
            message("m2", conversation_id="c2"),
            message("m3", conversation_id="c3"),
            message("m4", OTHER_WORKSPACE, conversation_id="c1"),
        ],
    )

    rows = operations.rows_of(store, "messages", WORKSPACE, "conversation_id", {"c1", "c2"})

    assert _ids(rows, "message_id") == ["m1", "m2"]
    assert operations.rows_of(store, "messages", WORKSPACE, "conversation_id", []) == []


def test_update_rows_rewrites_only_rows_not_yet_so(
    store: CatalogStore, message: MessageFactory
) -> None:
    store.upsert(
        "messages",
        [
            message("m1", conversation_id="c1", status="active"),
            message("m2", conversation_id="c1", status="deleted", text=None, text_storage="none"),
            message("m3", conversation_id="c2", status="active"),
            message("m4", OTHER_WORKSPACE, conversation_id="c1", status="active"),
        ],
    )
    values = {"status": "deleted", "text": None, "text_storage": "none"}

    rewritten = operations.update_rows(
        store, "messages", WORKSPACE, "conversation_id", ["c1"], values, "remediation-1"
    )

    assert rewritten == 1
    rows = {row["message_id"]: row for row in store.read("messages").to_pylist()}
    assert {k: rows["m1"][k] for k in values} == values
    assert rows["m1"]["run_id"] == "remediation-1"
    assert rows["m2"]["run_id"] == "run-1"  # already so: not rewritten
    assert rows["m3"]["status"] == rows["m4"]["status"] == "active"
    assert rows["m4"]["text"] == "text of m4"
    again = operations.update_rows(
        store, "messages", WORKSPACE, "conversation_id", ["c1"], values, "remediation-2"
    )
    assert again == 0


def test_findings_matching_severities_and_entity_types(store: CatalogStore) -> None:
    store.upsert(
        "findings",
        [
            _finding("f1", severity="high", entity_type="EMAIL_ADDRESS"),
            _finding("f2", severity="critical", entity_type="API_KEY"),
            _finding("f3", severity="low", entity_type="EMAIL_ADDRESS"),
            _finding("f4", OTHER_WORKSPACE, severity="high"),
        ],
    )
    columns = ["finding_id", "severity"]

    any_type = operations.findings_matching(store, WORKSPACE, ("high", "critical"), (), columns)
    keys = operations.findings_matching(
        store, WORKSPACE, ("high", "critical"), ["API_KEY"], columns
    )

    assert _ids(any_type, "finding_id") == ["f1", "f2"]
    assert _ids(keys, "finding_id") == ["f2"]
    assert keys[0].keys() == set(columns)


def test_executed_actions_leave_out_dry_runs_other_statuses_and_targets(
    store: CatalogStore,
) -> None:
    def action(action_id: str, **values: Any) -> dict[str, Any]:
        row = {
            "action_id": action_id, "workspace_id": WORKSPACE, "run_id": "r1",
            "target_type": "conversation", "target_id": "c1", "dry_run": False,
            "status": "deleted",
        }  # fmt: skip
        return row | values

    store.upsert(
        "remediation_actions",
        [
            action("a1"),
            action("a2", target_id="c2", status="already_gone", run_id="r2"),
            action("a3", target_id="c1", dry_run=True),
            action("a4", target_id="c1", status="failed"),
            action("a5", target_id="c3"),
            action("a6", workspace_id=OTHER_WORKSPACE),
        ],
    )

    rows = operations.executed_actions(
        store, WORKSPACE, ["c1", "c2", "c1"], ("deleted", "already_gone")
    )

    assert sorted(rows, key=lambda row: row["run_id"]) == [
        {"target_type": "conversation", "target_id": "c1", "run_id": "r1"},
        {"target_type": "conversation", "target_id": "c2", "run_id": "r2"},
    ]
    assert operations.executed_actions(store, WORKSPACE, [], ("deleted",)) == []


def test_findings_and_events_of_a_run(store: CatalogStore) -> None:
    store.upsert(
        "findings",
        [
            _finding("f1", run_id="run-2", severity="high"),
            _finding("f2", run_id="run-2", severity="low"),
            _finding("f3", run_id="run-1", severity="high"),
            _finding("f4", OTHER_WORKSPACE, run_id="run-2", severity="high"),
        ],
    )
    store.upsert(
        "events",
        [
            {"workspace_id": WORKSPACE, "event_id": "e1", "run_id": "run-2", "action": "login"},
            {"workspace_id": WORKSPACE, "event_id": "e2", "run_id": "run-1"},
            {"workspace_id": OTHER_WORKSPACE, "event_id": "e3", "run_id": "run-2"},
        ],
    )

    findings = operations.findings_of_run(store, WORKSPACE, "run-2", ["high", "critical"])
    events = operations.events_of_run(store, WORKSPACE, "run-2", ["event_id", "action"])

    assert _ids(findings, "finding_id") == ["f1"]
    assert findings[0]["entity_type"] == "EMAIL_ADDRESS"  # all columns
    assert events == [{"event_id": "e1", "action": "login"}]


def test_outbox_items_of_a_destination_in_these_statuses(store: CatalogStore) -> None:
    store.upsert(
        "alert_outbox",
        [
            _outbox_item("i1"),
            _outbox_item("i2", status="failed"),
            _outbox_item("i3", status="sent"),
            _outbox_item("i4", destination="mail"),
            _outbox_item("i5", workspace_id=OTHER_WORKSPACE),
        ],
    )

    rows = operations.outbox_items(store, WORKSPACE, "siem", ("queued", "failed"))

    assert _ids(rows, "item_id") == ["i1", "i2"]


def test_run_error(store: CatalogStore) -> None:
    store.upsert(
        "runs",
        [
            {"workspace_id": WORKSPACE, "run_id": "conn/failed", "error": "Boom. The cause."},
            {"workspace_id": WORKSPACE, "run_id": "conn/fine"},
        ],
    )

    assert operations.run_error(store, "conn/failed") == "Boom. The cause."
    assert operations.run_error(store, "conn/fine") is None
    assert operations.run_error(store, "conn/unknown") is None


def test_workspace_table_of_one_workspace_or_one_conversation(
    store: CatalogStore, message: MessageFactory
) -> None:
    store.upsert(
        "messages",
        [
            message("m1", conversation_id="c1"),
            message("m2", conversation_id="c2"),
            message("m3", OTHER_WORKSPACE, conversation_id="c1"),
        ],
    )
    columns = ["message_id", "conversation_id"]

    workspace = operations.workspace_table(store, "messages", WORKSPACE, columns)
    conversation = operations.workspace_table(store, "messages", WORKSPACE, columns, "c1")

    assert workspace.column_names == columns
    assert sorted(workspace.column("message_id").to_pylist()) == ["m1", "m2"]
    assert conversation.column("message_id").to_pylist() == ["m1"]


def test_workspace_batches_stream_the_columns_of_one_workspace(
    store: CatalogStore, message: MessageFactory
) -> None:
    store.upsert("messages", [message("m1"), message("m2"), message("m3", OTHER_WORKSPACE)])

    batches = list(operations.workspace_batches(store, "messages", WORKSPACE, ["message_id"]))

    assert all(batch.schema.names == ["message_id"] for batch in batches)
    assert sorted(m for batch in batches for m in batch.column("message_id").to_pylist()) == [
        "m1",
        "m2",
    ]


def test_upsert_merge_computes_rows_from_incoming_and_stored_dicts(
    store: CatalogStore, message: MessageFactory
) -> None:
    store.upsert("messages", [message("m1", text="stored")])
    seen: list[tuple[list[str], list[str]]] = []

    def merge(incoming: list[dict[str, Any]], stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen.append(([row["text"] for row in incoming], [row["text"] for row in stored]))
        previous = {row["message_id"]: row["text"] for row in stored}
        return [
            row | {"text": f"{previous.get(row['message_id'])}+{row['text']}"} for row in incoming
        ]

    result = store.upsert(
        "messages", [message("m1", text="new"), message("m2", text="fresh")], merge=merge
    )

    assert seen == [(["new", "fresh"], ["stored"])]
    texts = {row["message_id"]: row["text"] for row in store.read("messages").to_pylist()}
    assert texts == {"m1": "stored+new", "m2": "None+fresh"}
    assert result.replaced_rows(["message_id", "text"]) == [{"message_id": "m1", "text": "stored"}]
