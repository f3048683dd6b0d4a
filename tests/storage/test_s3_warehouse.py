"""A full workspace run landing in an S3 bucket, read back by the store, DuckDB and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogStore
from openai_connector.cli.main import main as cli_main
from openai_connector.simulator import RunningSimulator
from tests.harness import RunWorkspace
from tests.truth import assert_equals_truth

from .s3 import BUCKET, S3Server

pytestmark = pytest.mark.slow


def test_workspace_run_lands_in_the_bucket(
    sim: RunningSimulator,
    store: CatalogStore,
    run_workspace: RunWorkspace,
    s3: S3Server,
    s3_env: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert not store.config.is_local

    result = run_workspace()

    assert result["outcome"] == "success"
    assert_equals_truth(sim, store)
    prefix = s3_env["OPENAI_CONNECTOR_WAREHOUSE"].removeprefix(f"s3://{BUCKET}/") + "/"
    keys = s3.keys()
    assert keys
    assert all(key.startswith(prefix) for key in keys)
    data_files = [key for key in keys if key.endswith(".parquet")]
    assert any("/messages/data/" in key for key in data_files)
    assert any("/findings/data/" in key for key in data_files)
    # Only the SQLite catalog is local; no data file was written to this machine.
    assert not [path for path in tmp_path.rglob("*.parquet")]

    truth = sim.truth().to_dict()
    by_conversation = store.query(
        "select conversation_id, count(*) as n from messages group by 1"
    ).to_pylist()
    assert {row["conversation_id"]: row["n"] for row in by_conversation} == {
        conversation["id"]: sum(
            1 for message in truth["messages"] if message["conversation_id"] == conversation["id"]
        )
        for conversation in truth["conversations"]
        if any(message["conversation_id"] == conversation["id"] for message in truth["messages"])
    }

    for name, value in s3_env.items():
        monkeypatch.setenv(name, value)
    sql = "select count(*) as n, count(distinct entity_type) as types from findings"
    assert cli_main(["catalog", "query", sql, "--format", "jsonl"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line) == store.query(sql).to_pylist()[0]
    assert json.loads(line)["n"] == store.count("findings") > 0


def test_a_second_run_on_the_bucket_lands_nothing_twice(
    sim: RunningSimulator, store: CatalogStore, run_workspace: RunWorkspace
) -> None:
    run_workspace()
    counts = {table: store.count(table) for table in ("messages", "findings", "files")}

    second = run_workspace()

    assert second["outcome"] == "success"
    assert {table: store.count(table) for table in counts} == counts
    assert_equals_truth(sim, store)
