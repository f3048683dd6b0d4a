"""Upserts, reads and watermarks against a real Iceberg catalog."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa
import pytest

from openai_connector.catalog import CatalogStore, UpsertResult

from .rows import OTHER_WORKSPACE, WORKSPACE, MessageFactory


def _texts(store: CatalogStore) -> dict[str, str]:
    rows = store.read("messages", columns=["message_id", "text"]).to_pylist()
    return {row["message_id"]: row["text"] for row in rows}


def test_upsert_is_idempotent_and_later_values_win(
    store: CatalogStore, message: MessageFactory
) -> None:
    rows = [message(f"m{i}") for i in range(5)]

    assert store.upsert("messages", rows) == UpsertResult(inserted=5, updated=0)
    assert store.upsert("messages", rows) == UpsertResult(inserted=0, updated=5)
    assert store.count("messages") == 5

    changed = [message("m1", text="edited"), message("m9")]
    assert store.upsert("messages", changed) == UpsertResult(inserted=1, updated=1)
    assert store.count("messages") == 6
    assert _texts(store)["m1"] == "edited"
    assert _texts(store)["m2"] == "text of m2"


def test_duplicate_keys_in_one_batch_collapse_last_wins(
    store: CatalogStore, message: MessageFactory
) -> None:
    rows = [message("m1", text="first"), message("m2"), message("m1", text="last")]

    assert store.upsert("messages", rows) == UpsertResult(inserted=2, updated=0)
    assert _texts(store) == {"m1": "last", "m2": "text of m2"}


def test_same_id_in_two_workspaces_is_two_rows(
    store: CatalogStore, message: MessageFactory
) -> None:
    store.upsert("messages", [message("m1"), message("m1", workspace_id=OTHER_WORKSPACE)])
    store.upsert("messages", [message("m1", text="only here")])

    rows = store.read("messages", columns=["workspace_id", "text"]).to_pylist()
    assert sorted((r["workspace_id"], r["text"]) for r in rows) == [
        (WORKSPACE, "only here"),
        (OTHER_WORKSPACE, "text of m1"),
    ]


def test_missing_optional_columns_become_null_and_ingested_at_is_stamped(
    store: CatalogStore,
) -> None:
    before = datetime.now(UTC)
    store.upsert("messages", [{"workspace_id": WORKSPACE, "message_id": "m1"}])

    (row,) = store.read("messages").to_pylist()
    assert row["text"] is None
    assert row["file_ids"] is None
    assert row["ingested_at"] >= before - timedelta(seconds=1)


def test_values_are_converted_to_the_column_types(store: CatalogStore) -> None:
    row = {
        "workspace_id": WORKSPACE,
        "file_id": "file-1",
        "size": 12,
        "first_seen_at": "2026-07-15T15:29:00.243000Z",
        "text_length": 3.0,
    }
    store.upsert("files", [row])

    (stored,) = store.read("files").to_pylist()
    assert stored["first_seen_at"] == datetime(2026, 7, 15, 15, 29, 0, 243000, tzinfo=UTC)
    assert stored["size"] == 12
    assert stored["text_length"] == 3


def test_unknown_columns_are_named_in_the_error(store: CatalogStore) -> None:
    row = {"workspace_id": WORKSPACE, "message_id": "m1", "txt": "typo", "colour": "red"}

    with pytest.raises(ValueError, match=r"unknown column\(s\) for table messages: colour, txt"):
        store.upsert("messages", [row])


def test_unknown_arrow_columns_are_rejected(store: CatalogStore) -> None:
    data = pa.table({"workspace_id": [WORKSPACE], "message_id": ["m1"], "extra": [1]})

    with pytest.raises(ValueError, match="extra"):
        store.upsert("messages", data)


def test_null_key_is_rejected(store: CatalogStore) -> None:
    with pytest.raises(ValueError, match=r"messages\.message_id: key column has 1 null"):
        store.upsert("messages", [{"workspace_id": WORKSPACE, "message_id": None}])
    assert store.count("messages") == 0


def test_unconvertible_value_names_the_column(store: CatalogStore) -> None:
    row = {"workspace_id": WORKSPACE, "file_id": "f", "size": "twelve"}

    with pytest.raises(ValueError, match=r"files\.size"):
        store.upsert("files", [row])


def test_unknown_table_lists_the_tables(store: CatalogStore) -> None:
    with pytest.raises(ValueError, match=r"unknown catalog table 'mesages'.*messages"):
        store.upsert("mesages", [])


def test_iterable_input_is_committed_in_bounded_chunks(warehouse, message: MessageFactory) -> None:
    from openai_connector.catalog import CatalogConfig

    store = CatalogStore(CatalogConfig(str(warehouse)), batch_rows=3)
    rows = (message(f"m{i}") for i in range(7))

    assert store.upsert("messages", rows) == UpsertResult(inserted=7, updated=0)
    assert store.count("messages") == 7
    snapshots = store.iceberg_table("messages").snapshots()
    assert len(snapshots) == 3  # chunks of 3, 3 and 1 rows


def test_record_batch_reader_input(store: CatalogStore, message: MessageFactory) -> None:
    batch = pa.RecordBatch.from_pylist([message("m1"), message("m2")])
    reader = pa.RecordBatchReader.from_batches(batch.schema, [batch, batch])

    assert store.upsert("messages", reader) == UpsertResult(inserted=2, updated=0)
    assert store.count("messages") == 2


def test_single_column_key_table(store: CatalogStore) -> None:
    action = {"action_id": "a1", "workspace_id": WORKSPACE, "dry_run": True, "entity_types": []}

    assert store.upsert("remediation_actions", [action]).inserted == 1
    assert store.upsert("remediation_actions", [{**action, "dry_run": False}]).updated == 1
    assert store.read("remediation_actions", columns=["dry_run"]).to_pylist() == [
        {"dry_run": False}
    ]


def test_read_filters_columns_and_batches(store: CatalogStore, message: MessageFactory) -> None:
    store.upsert("messages", [message("m1", author_role="user"), message("m2", author_role="tool")])

    users = store.read("messages", "author_role = 'user'", ["message_id"])
    assert users.column_names == ["message_id"]
    assert users.to_pylist() == [{"message_id": "m1"}]
    assert store.count("messages", "author_role = 'tool'") == 1
    batches = list(store.iter_batches("messages", columns=["message_id"]))
    assert sum(batch.num_rows for batch in batches) == 2
    with pytest.raises(ValueError, match="no columns"):
        store.read("messages", columns=["nope"])


def test_watermarks_round_trip(store: CatalogStore) -> None:
    first = datetime(2026, 7, 15, 12, 0, 0, 123456, tzinfo=UTC)
    later = first + timedelta(hours=1)

    assert store.get_watermarks(WORKSPACE) == {}
    store.set_watermark(WORKSPACE, "CONVERSATION_MESSAGE", first, "run-1")
    store.set_watermark(WORKSPACE, "users", first, "run-1")
    store.set_watermark(OTHER_WORKSPACE, "users", later, "run-9")
    store.set_watermark(WORKSPACE, "CONVERSATION_MESSAGE", later, "run-2")

    assert store.get_watermarks(WORKSPACE) == {"CONVERSATION_MESSAGE": later, "users": first}
    assert store.get_watermarks(OTHER_WORKSPACE) == {"users": later}
    assert store.count("watermarks") == 3


def test_watermark_must_be_timezone_aware(store: CatalogStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.set_watermark(WORKSPACE, "users", datetime(2026, 7, 15), "run-1")


def test_tables_are_created_lazily_and_reopened(warehouse, message: MessageFactory) -> None:
    from openai_connector.catalog import CatalogConfig

    CatalogStore(CatalogConfig(str(warehouse))).upsert("messages", [message("m1")])

    reopened = CatalogStore(CatalogConfig(str(warehouse)))
    assert reopened.count("messages") == 1
    assert (warehouse / "catalog.db").is_file()


def test_repr_hides_catalog_password(tmp_path) -> None:
    from openai_connector.catalog import CatalogConfig

    config = CatalogConfig(str(tmp_path), catalog_uri="postgresql+psycopg://u:hunter2@db/cat")
    assert "hunter2" not in repr(CatalogStore(config))


@pytest.mark.filterwarnings("ignore:Delete operation did not match any records")
def test_delete_removes_only_matching_rows(store: CatalogStore, message: MessageFactory) -> None:
    from pyiceberg.expressions import And, EqualTo, In

    store.upsert(
        "messages",
        [message("m1"), message("m2"), message("m3"), message("m1", workspace_id=OTHER_WORKSPACE)],
    )

    in_workspace = EqualTo("workspace_id", WORKSPACE)
    store.delete("messages", And(in_workspace, In("message_id", ["m1", "m3"])))
    store.delete("messages", f"workspace_id = '{OTHER_WORKSPACE}'")
    store.delete("messages", "message_id = 'never-stored'")

    rows = store.read("messages", columns=["workspace_id", "message_id"]).to_pylist()
    assert rows == [{"workspace_id": WORKSPACE, "message_id": "m2"}]
    with pytest.raises(ValueError, match="unknown catalog table"):
        store.delete("mesages", "message_id = 'm2'")


def test_read_by_key_values_skips_files_whose_bounds_exclude_them(store: CatalogStore) -> None:
    """Iceberg prunes data files by partition and by column min/max bounds, not by value."""
    from pyiceberg.expressions import In

    for prefix in "abc":  # one data file per upsert, with disjoint conversation_id ranges
        rows = [{"workspace_id": WORKSPACE, "conversation_id": f"{prefix}-{i}"} for i in range(5)]
        store.upsert("conversations", rows)
    table = store.iceberg_table("conversations")

    def planned(row_filter: object) -> int:
        return len(list(table.scan(row_filter=row_filter).plan_files()))  # type: ignore[arg-type]

    assert planned(In("conversation_id", ["b-1", "b-3"])) == 1
    assert planned(In("conversation_id", ["a-1", "c-3"])) == 2
    too_many = [f"b-{i}" for i in range(201)]  # past pyiceberg's IN limit bounds are not used
    assert planned(In("conversation_id", too_many)) == 3
    assert store.read("conversations", In("conversation_id", ["b-1", "b-3"])).num_rows == 2


def test_message_key_lookups_read_only_the_files_of_the_batch_time_range(
    store: CatalogStore, message: MessageFactory
) -> None:
    """Random ids span the whole key range; the stable creation time is what prunes."""
    from openai_connector.catalog.lookups import day_pruner
    from openai_connector.catalog.schema import table_spec

    start = datetime(2026, 7, 1, 12, tzinfo=UTC)
    for day in range(6):  # one data file per day, ids interleaved across all of them
        created = start + timedelta(days=day)
        store.upsert("messages", [message(f"m{i}-{day}", created_at=created) for i in range(3)])
    table = store.iceberg_table("messages")
    tasks = list(table.scan().plan_files())
    assert len(tasks) == 6

    redelivered = [message("m1-3", created_at=start + timedelta(days=3))]
    may_hold = day_pruner(table, pa.Table.from_pylist(redelivered), table_spec("messages"))
    assert may_hold is not None
    assert sum(map(may_hold, tasks)) == 1
    assert store.upsert("messages", redelivered) == UpsertResult(inserted=0, updated=1)
    assert store.count("messages") == 18


def test_messages_without_a_creation_time_are_still_found_by_key(
    store: CatalogStore, message: MessageFactory
) -> None:
    created = datetime(2026, 7, 1, tzinfo=UTC)
    store.upsert("messages", [message("m1", created_at=None), message("m2", created_at=created)])
    again = [message("m1", created_at=None, text="new"), message("m2", created_at=created)]
    assert store.upsert("messages", again) == UpsertResult(inserted=0, updated=2)
    assert store.count("messages") == 2


def test_history_is_trimmed_and_the_data_stays(
    store: CatalogStore, message: MessageFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each commit copies the snapshot list: it must stay bounded as commits accumulate."""
    from openai_connector.catalog import maintenance

    monkeypatch.setattr(maintenance, "SNAPSHOTS_KEPT", 3)
    for number in range(12):
        store.upsert("messages", [message(f"m{number}"), message("m0", text=f"v{number}")])
    snapshots = store.iceberg_table("messages").metadata.snapshots
    assert 3 <= len(snapshots) <= 6
    assert store.count("messages") == 12
    assert _texts(store)["m0"] == "v11"


def test_read_keys_returns_exactly_the_stored_rows_of_those_keys(
    store: CatalogStore, message: MessageFactory
) -> None:
    store.upsert("messages", [message(f"m{i}") for i in range(20)])
    store.upsert("messages", [message("m3", workspace_id=OTHER_WORKSPACE, text="other")])
    keys = [
        {"workspace_id": WORKSPACE, "message_id": "m3"},
        {"workspace_id": WORKSPACE, "message_id": "m17"},
        {"workspace_id": WORKSPACE, "message_id": "m3"},
        {"workspace_id": WORKSPACE, "message_id": "never-stored"},
        {"workspace_id": OTHER_WORKSPACE, "message_id": "m3"},
    ]
    rows = store.read_keys("messages", keys, columns=["message_id", "text"]).to_pylist()
    assert sorted((r["message_id"], r["text"]) for r in rows) == [
        ("m17", "text of m17"),
        ("m3", "other"),
        ("m3", "text of m3"),
    ]
    assert store.read_keys("messages", keys[3:4]).num_rows == 0
