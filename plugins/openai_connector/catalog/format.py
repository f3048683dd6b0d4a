"""Render query results for people (aligned text) and for tools (JSON Lines, CSV).

The CLI's ``catalog query --format table|jsonl|csv`` writes through :func:`write_table`.
JSON Lines and CSV stream batch by batch; the text table needs every row to size its columns
and shortens long cells so one message text cannot wreck the layout.
"""

from __future__ import annotations

import base64
import csv
import json
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, TextIO

if TYPE_CHECKING:
    import pyarrow as pa

OutputFormat = Literal["table", "jsonl", "csv"]
FORMATS: tuple[OutputFormat, ...] = ("table", "jsonl", "csv")
MAX_CELL_WIDTH = 60


def write_table(
    table: pa.Table, stream: TextIO, fmt: OutputFormat = "table", *, max_width: int = MAX_CELL_WIDTH
) -> None:
    """Write ``table`` to ``stream`` as ``table`` (aligned text), ``jsonl`` or ``csv``."""
    if fmt == "jsonl":
        for row in _rows(table):
            stream.write(json.dumps(row, default=_json_value, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(table.column_names)
        for row in _rows(table):
            writer.writerow([_csv_value(value) for value in row.values()])
    elif fmt == "table":
        _write_text_table(table, stream, max_width)
    else:
        raise ValueError(f"unknown output format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _rows(table: pa.Table) -> Iterator[dict[str, Any]]:
    for batch in table.to_batches():
        yield from batch.to_pylist()


def _json_value(value: object) -> object:
    """JSON for what ``json`` cannot encode: timestamps as ISO 8601, bytes as base64."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def _csv_value(value: object) -> object:
    """Scalars as themselves (null → empty), nested values as JSON."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=_json_value, ensure_ascii=False)
    if isinstance(value, (datetime, date, time, bytes, bytearray, Decimal)):
        return _json_value(value)
    return value


def _text_cell(value: object, max_width: int) -> str:
    text = "" if value is None else str(_csv_value(value))
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ")
    return text if len(text) <= max_width else text[: max_width - 1] + "…"


def _write_text_table(table: pa.Table, stream: TextIO, max_width: int) -> None:
    header = list(table.column_names)
    cells = [[_text_cell(value, max_width) for value in row.values()] for row in _rows(table)]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(header)]
    numeric = [_is_numeric(field.type) for field in table.schema]

    def line(values: list[str]) -> str:
        padded = (
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths, numeric, strict=True)
        )
        return "  ".join(padded).rstrip() + "\n"

    stream.write(line(header))
    stream.write(line(["-" * width for width in widths]))
    for row in cells:
        stream.write(line(row))
    stream.write(f"({table.num_rows} row{'' if table.num_rows == 1 else 's'})\n")


def _is_numeric(data_type: pa.DataType) -> bool:
    import pyarrow as pa

    return (
        pa.types.is_integer(data_type)
        or pa.types.is_floating(data_type)
        or pa.types.is_decimal(data_type)
    )
