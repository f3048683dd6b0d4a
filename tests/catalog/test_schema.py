"""The declared tables, and what lands in the Iceberg catalog from them."""

from __future__ import annotations

import pytest
from pyiceberg.transforms import DayTransform, IdentityTransform
from pyiceberg.types import ListType, StringType, TimestamptzType

from openai_connector.catalog import TABLES, CatalogStore, Column, TableSpec, evolution
from openai_connector.catalog.schema import table_spec

EXPECTED_KEYS = {
    "conversations": ("workspace_id", "conversation_id"),
    "messages": ("workspace_id", "message_id"),
    "files": ("workspace_id", "file_id"),
    "findings": ("workspace_id", "finding_id"),
    "events": ("workspace_id", "event_id"),
    "codex_turns": ("workspace_id", "event_id"),
    "agent_messages": ("workspace_id", "event_id"),
    "users": ("workspace_id", "user_id"),
    "gpts": ("workspace_id", "gpt_id"),
    "projects": ("workspace_id", "project_id"),
    "runs": ("workspace_id", "run_id"),
    "watermarks": ("workspace_id", "stream"),
    "remediation_actions": ("action_id",),
    "alert_outbox": ("workspace_id", "destination", "item_id"),
}


def test_table_names_and_keys_are_the_product_ones() -> None:
    assert {name: spec.key for name, spec in TABLES.items()} == EXPECTED_KEYS


@pytest.mark.parametrize("name", sorted(EXPECTED_KEYS))
def test_every_table_has_the_shared_columns(name: str) -> None:
    spec = TABLES[name]
    columns = {column.name: column for column in spec.columns}

    assert spec.column_names[: len(spec.key)] == spec.key
    assert all(columns[k].required and columns[k].type == "string" for k in spec.key)
    assert {"workspace_id", "run_id", "ingested_at"} <= columns.keys()
    assert columns["ingested_at"].type == "timestamptz"
    if spec.day_column:
        assert columns[spec.day_column].type == "timestamptz"


def test_column_types_follow_the_declarations() -> None:
    messages = {c.name: c.type for c in TABLES["messages"].columns}
    runs = {c.name: c.type for c in TABLES["runs"].columns}

    assert messages["file_ids"] == "list<string>"
    assert messages["text_length"] == "int"
    assert runs["duration_seconds"] == "double"
    assert runs["bytes_downloaded"] == "long"
    assert TABLES["projects"].column_names[2:] == TABLES["gpts"].column_names[2:]


def test_declared_tables_land_in_the_catalog(store: CatalogStore) -> None:
    store.ensure_tables()

    for name, spec in TABLES.items():
        schema = store.iceberg_table(name).schema()
        assert [field.name for field in schema.fields] == list(spec.column_names)
        assert {schema.find_column_name(i) for i in schema.identifier_field_ids} == set(spec.key)
    messages = store.iceberg_table("messages").schema()
    assert messages.find_field("created_at").field_type == TimestamptzType()
    assert messages.find_field("file_ids").field_type == ListType(
        element_id=messages.find_field("file_ids").field_type.element_id,
        element_type=StringType(),
        element_required=False,
    )
    assert "one of: full, redacted, none" in (messages.find_field("text_storage").doc or "")


def test_partition_spec_has_workspace_and_day() -> None:
    spec = TABLES["findings"]

    fields = spec.partition_spec(spec.iceberg_schema()).fields
    assert [(f.name, f.transform) for f in fields] == [
        ("workspace_id", IdentityTransform()),
        ("detected_at_day", DayTransform()),
    ]
    watermarks = TABLES["watermarks"]
    assert [f.name for f in watermarks.partition_spec(watermarks.iceberg_schema()).fields] == [
        "workspace_id"
    ]


def test_data_files_are_partitioned_by_workspace(store: CatalogStore) -> None:
    rows = [
        {"workspace_id": workspace, "user_id": "user-1", "email": "a@example.com"}
        for workspace in ("ws-a", "ws-b")
    ]
    store.upsert("users", rows)

    files = store.iceberg_table("users").inspect.files().to_pylist()
    assert sorted(f["partition"]["workspace_id"] for f in files) == ["ws-a", "ws-b"]
    assert all(f"workspace_id={f['partition']['workspace_id']}" in f["file_path"] for f in files)


def test_day_partition_is_added_to_older_tables(warehouse, monkeypatch: pytest.MonkeyPatch) -> None:
    from openai_connector.catalog import CatalogConfig

    monkeypatch.setattr(evolution, "day_partitions_supported", lambda: False)
    CatalogStore(CatalogConfig(str(warehouse))).ensure_tables()
    monkeypatch.setattr(evolution, "day_partitions_supported", lambda: True)
    store = CatalogStore(CatalogConfig(str(warehouse)))
    assert [f.name for f in store.iceberg_table("messages").spec().fields] == [
        "workspace_id",
        "created_at_day",
    ]


def test_new_columns_are_added_to_existing_tables(
    store: CatalogStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.ensure_tables()
    users = TABLES["users"]
    extended = TableSpec(
        "users", users.key, (*users.columns, Column("department")), users.day_column
    )
    monkeypatch.setitem(TABLES, "users", extended)  # type: ignore[index]

    store.ensure_tables()
    assert "department" in store.iceberg_table("users").schema().column_names


def test_store_owned_retries_are_restored_on_existing_tables(store: CatalogStore) -> None:
    store.ensure_tables()
    with store.iceberg_table("files").transaction() as transaction:
        transaction.remove_properties("commit.retry.num-retries")

    store.ensure_tables()
    assert store.iceberg_table("files").properties["commit.retry.num-retries"] == "0"


def test_bad_declarations_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate columns"):
        TableSpec("t", ("a",), (Column("a", required=True), Column("a")))
    with pytest.raises(ValueError, match="are not columns"):
        TableSpec("t", ("a",), (Column("b"),))
    with pytest.raises(ValueError, match="unknown catalog table"):
        table_spec("nope")
