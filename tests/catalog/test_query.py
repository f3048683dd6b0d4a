"""DuckDB SQL over the catalog tables."""

from __future__ import annotations

import duckdb
import pytest

from openai_connector.catalog import CatalogStore

from .rows import WORKSPACE, MessageFactory


def _finding(finding_id: str, entity_type: str, object_id: str = "m1") -> dict[str, object]:
    return {
        "workspace_id": WORKSPACE,
        "finding_id": finding_id,
        "object_type": "message",
        "object_id": object_id,
        "entity_type": entity_type,
        "score": 0.85,
        "masked_preview": "j***@example.com",
    }


@pytest.fixture
def findings(store: CatalogStore) -> CatalogStore:
    rows = [
        _finding("f1", "EMAIL_ADDRESS"),
        _finding("f2", "EMAIL_ADDRESS", object_id="m2"),
        _finding("f3", "AWS_ACCESS_KEY"),
    ]
    store.upsert("findings", rows)
    return store


def test_group_by_over_findings(findings: CatalogStore) -> None:
    result = findings.query(
        "select entity_type, count(*) as n from findings group by 1 order by n desc"
    )

    assert result.to_pylist() == [
        {"entity_type": "EMAIL_ADDRESS", "n": 2},
        {"entity_type": "AWS_ACCESS_KEY", "n": 1},
    ]


def test_join_and_self_join(findings: CatalogStore, message: MessageFactory) -> None:
    findings.upsert("messages", [message("m1"), message("m2")])

    joined = findings.query(
        "select m.message_id, count(*) as n from findings f "
        "join messages m on f.object_id = m.message_id group by 1 order by 1"
    )
    pairs = findings.query(
        "select count(*) as n from findings a join findings b using (workspace_id)"
    )

    assert joined.to_pylist() == [{"message_id": "m1", "n": 2}, {"message_id": "m2", "n": 1}]
    assert pairs.to_pylist() == [{"n": 9}]


def test_empty_table_query(store: CatalogStore) -> None:
    assert store.query("select count(*) as n from conversations").to_pylist() == [{"n": 0}]


def test_queries_cannot_touch_files(findings: CatalogStore, tmp_path) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")

    with pytest.raises(duckdb.Error, match="disabled"):
        findings.query(f"select * from read_csv('{secret}')")  # noqa: S608 - the attack itself
