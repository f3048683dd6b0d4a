"""What a workspace run should land: the catalog held against the simulator's ground truth.

Shared by the pipeline, DAG and storage tests, which land the same workspace by different
routes (steps without Airflow, ``dag.test()``, an S3 warehouse).
"""

from __future__ import annotations

import shutil

from openai_connector.api.models import ATTRIBUTION_COLUMNS
from openai_connector.catalog import CatalogStore
from openai_connector.simulator import RunningSimulator

TABLES = ("conversations", "messages", "files", "findings", "users", "gpts", "projects")


def ids(store: CatalogStore, table: str, column: str) -> list[str]:
    return store.read(table, columns=[column]).column(column).to_pylist()


def counts(store: CatalogStore) -> dict[str, int]:
    return {table: store.count(table) for table in TABLES}


def expected_file_status(file: dict) -> str:
    if file["expired"]:
        return "expired"
    if file["mime"].startswith("image/") and shutil.which("tesseract") is None:
        return "unsupported"
    return "scanned"


def assert_equals_truth(sim: RunningSimulator, store: CatalogStore) -> None:
    truth = sim.truth().to_dict()
    message_ids = ids(store, "messages", "message_id")
    assert len(message_ids) == len(set(message_ids))
    assert set(message_ids) == {m["id"] for m in truth["messages"]}
    assert set(ids(store, "conversations", "conversation_id")) == {
        c["id"] for c in truth["conversations"]
    }
    files = store.read("files", columns=["file_id", "status"]).to_pylist()
    assert {f["file_id"]: f["status"] for f in files} == {
        f["id"]: expected_file_status(f) for f in truth["files"]
    }
    assert set(ids(store, "users", "user_id")) == {u["id"] for u in truth["users"]}
    assert_attribution(truth, store, names=False)


def assert_attribution(truth: dict, store: CatalogStore, *, names: bool) -> None:
    """Conversations, their messages and their findings name the GPT/project they ran in."""
    fields = ATTRIBUTION_COLUMNS if names else ("gpt_id", "project_id")
    expected = {c["id"]: tuple(c.get(f) for f in fields) for c in truth["conversations"]}
    assert any(any(value) for value in expected.values())
    for table in ("conversations", "messages", "findings"):
        rows = store.read(table, columns=["conversation_id", *fields]).to_pylist()
        landed = {
            (row["conversation_id"], tuple(row[f] for f in fields))
            for row in rows
            if row["conversation_id"]
        }
        assert landed <= {(c, value) for c, value in expected.items()}, table
