"""Rendering query results as text table, JSON Lines and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pyarrow as pa
import pytest

from openai_connector.catalog import FORMATS, write_table


@pytest.fixture
def result() -> pa.Table:
    return pa.table(
        {
            "entity_type": ["EMAIL_ADDRESS", None],
            "n": [12, 3],
            "seen": [datetime(2026, 7, 15, 15, 29, tzinfo=UTC), None],
            "ids": [["a", "b"], []],
            "text": ["line one\nline two", "x" * 200],
        }
    )


def _render(table: pa.Table, fmt: str) -> str:
    out = io.StringIO()
    write_table(table, out, fmt)  # type: ignore[arg-type]
    return out.getvalue()


def test_text_table_is_aligned_and_bounded(result: pa.Table) -> None:
    lines = _render(result, "table").splitlines()

    assert lines[0].split() == ["entity_type", "n", "seen", "ids", "text"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].startswith("EMAIL_ADDRESS  12  2026-07-15T15:29:00+00:00")
    assert "line one\\nline two" in lines[2]
    assert lines[3].endswith("x" * 59 + "…")
    assert (lines[2][15:17], lines[3][15:17]) == ("12", " 3")  # numbers right-aligned
    assert lines[-1] == "(2 rows)"


def test_jsonl_round_trips(result: pa.Table) -> None:
    rows = [json.loads(line) for line in _render(result, "jsonl").splitlines()]

    assert rows[0] == {
        "entity_type": "EMAIL_ADDRESS",
        "n": 12,
        "seen": "2026-07-15T15:29:00+00:00",
        "ids": ["a", "b"],
        "text": "line one\nline two",
    }
    assert rows[1]["entity_type"] is None


def test_csv_has_header_and_json_lists(result: pa.Table) -> None:
    rows = list(csv.reader(io.StringIO(_render(result, "csv"))))

    assert rows[0] == ["entity_type", "n", "seen", "ids", "text"]
    assert rows[1] == [
        "EMAIL_ADDRESS",
        "12",
        "2026-07-15T15:29:00+00:00",
        '["a", "b"]',
        "line one\nline two",
    ]
    assert rows[2][0] == ""


def test_empty_result_and_unknown_format() -> None:
    empty = pa.table({"n": pa.array([], pa.int64())})

    assert _render(empty, "table").splitlines()[-1] == "(0 rows)"
    assert _render(empty, "jsonl") == ""
    assert FORMATS == ("table", "jsonl", "csv")
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        _render(empty, "xml")
