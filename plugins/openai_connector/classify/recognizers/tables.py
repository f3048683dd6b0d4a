"""Credentials and people found by the column they sit in: markdown, CSV and TSV tables.

People paste tables into chats. A cell holds no name of its own (``| prod | admin |
s3cr3t! |``); its column's header does. A block is a table when a line of names is
followed by a markdown (or psql) separator row, or by rows with as many comma- or
tab-separated fields. A column whose header is a credential's name, as the assignment rule
reads names (``password``, ``API Key``, not ``password_policy``), has its cells judged by
that rule's value judges; a column meant for a person (``name``, ``owner``, ``assignee``)
reports the cells that are personal names. In a table of labelled values (``| Setting |
Value |``) each row's label names its value (``| DB password | … |``). Only the cell is
reported, at the score the assignment rule or a cued name would get, so the same span
from both merges into one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from openai_connector.classify.budget import over_budget
from openai_connector.classify.recognizers.base import SpanRecognizer
from openai_connector.classify.recognizers.passwords import (
    CredentialAssignmentRecognizer,
    is_credential_name,
)
from openai_connector.classify.recognizers.person import ChatPersonRecognizer, is_field_name

Span = tuple[str, int, int, float, str]
# Headers of columns meant for a person, as normalised by ``_header_key``.
_PERSON_ROLES = (
    r"customer|client|employee|contact|owner|author|assignee|reporter|patient|member"
    r"|manager|requester|approver|reviewer|holder|cardholder|person|user|display|legal"
)
_PERSON_HEADER = re.compile(
    rf"(?:(?:full|first|last|given|family|middle|{_PERSON_ROLES})_?)?name|surname"
    rf"|{_PERSON_ROLES}"
)
# A CSV or TSV header field: a short name (``id``, ``full name``, ``api_key``, ``"Owner"``).
_VALUE_HEADER = re.compile(r"(?:current_|default_)?values?")
_HEADER_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9 _./()#-]{0,40}")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")
# What a markdown cell may wrap its content in: bold, code, quotes.
_WRAPPERS = "*`\"'"
_SEPARATOR_ROW_CHARS = frozenset(" \t:|+-")
# Rows between checks of the text's time budget.
_ROWS_PER_CHECK = 256
# A header line longer than this is prose or data, not a table's column names.
_MAX_HEADER = 1_000
# Cells longer than this are prose or a blob, not a credential or a name.
_MAX_CELL = 512


@dataclass(frozen=True, slots=True)
class _Column:
    """What a column holds, by its header: a credential (the header is its name) or people."""

    credential_name: str | None
    person: bool


def _header_key(header: str) -> str:
    """``Full Name``, ``fullName`` and ``full-name`` as one key: ``full_name``."""
    return _SEPARATORS.sub("_", _CAMEL.sub("_", header.strip(_WRAPPERS + " \t"))).strip("_").lower()


def _credential_name(label: str) -> str | None:
    """A header or row label as the assignment rule would read it, if it names a credential."""
    # The assignment rule reads names with separators, never spaces: "API Key" is API_Key.
    name = re.sub(r"[ \t]+", "_", label.strip(_WRAPPERS + " \t"))
    return name if name and is_credential_name(name) else None


def _column(header: str) -> _Column | None:
    """The column's kind by its header, or ``None`` for a column of neither kind."""
    credential = _credential_name(header)
    is_person = _PERSON_HEADER.fullmatch(_header_key(header)) is not None
    if credential is None and not is_person:
        return None
    return _Column(credential, is_person)


def _value_column(text: str, header: list[tuple[int, int]]) -> int | None:
    """In a table of labelled values (``| Setting | Value |``), the value column: each row's
    label is then its value's name (``| DB password | … |``)."""
    for index, (start, end) in enumerate(header[1:], start=1):
        if _VALUE_HEADER.fullmatch(_header_key(text[start:end])):
            return index
    return None


def _is_separator_row(line: str) -> bool:
    """A markdown (``|---|:--:|``) or psql (``----+----``) line under a header."""
    return "--" in line and set(line) <= _SEPARATOR_ROW_CHARS


def _bar_cells(line: str, offset: int) -> list[tuple[int, int]]:
    """Spans of a bar-separated row's cells (outer bars optional), in text positions."""
    bars = [index for index, char in enumerate(line) if char == "|"]
    edges = [-1, *bars, len(line)]
    cells = [(edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1)]
    if bars and not line[: bars[0]].strip():
        cells = cells[1:]
    if bars and not line[bars[-1] + 1 :].strip():
        cells = cells[:-1]
    return [(offset + start, offset + end) for start, end in cells]


def _delimited_cells(line: str, offset: int, delimiter: str) -> list[tuple[int, int]] | None:
    """Spans of a CSV or TSV row's values as the csv module reads them; ``None`` where a
    value cannot be placed in the line (an escaped quote inside it)."""
    values = next(csv.reader([line], delimiter=delimiter), [])
    spans = []
    cursor = 0
    for value in values:
        position = line.find(value, cursor)
        if position < 0:
            return None
        spans.append((offset + position, offset + position + len(value)))
        cursor = position + len(value)
    return spans


class TableCellRecognizer(SpanRecognizer):
    """Credentials and personal names in the cells of pasted tables, judged by column."""

    ENTITIES: ClassVar[list[str]] = ["PASSWORD", "GENERIC_SECRET", "PERSON"]
    SCORE = CredentialAssignmentRecognizer.PASSWORD_SCORE
    PERSON_SCORE = ChatPersonRecognizer.CUE_SCORE

    def find(self, text: str) -> list[Span]:
        """Cells of credential and person columns that hold one."""
        if "|" not in text and "," not in text and "\t" not in text:
            return []
        lines = text.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        found: list[Span] = []
        index = 0
        while index < len(lines) - 1:
            if over_budget():
                break
            index = self._table_at(text, lines, starts, index, found)
        return found

    def _table_at(
        self, text: str, lines: list[str], starts: list[int], index: int, found: list[Span]
    ) -> int:
        """Read the table whose header is line ``index``, if it is one, into ``found``;
        the index of the next line to look at."""
        line = lines[index]
        if "|" in line and _is_separator_row(lines[index + 1]):
            first_row = index + 2
            end = first_row
            while end < len(lines) and "|" in lines[end]:
                end += 1
            found += self._cells(
                text,
                _bar_cells(line, starts[index]),
                (_bar_cells(lines[k], starts[k]) for k in range(first_row, end)),
            )
            return end
        delimiter = "\t" if "\t" in line else "," if "," in line else None
        if delimiter is None or len(line) > _MAX_HEADER:
            return index + 1
        fields = _delimited_cells(line, starts[index], delimiter)
        header = [] if fields is None else [_unwrapped(text, start, end) for start, end in fields]
        if len(header) < 2 or not all(
            _HEADER_FIELD.fullmatch(text, start, end) for start, end in header
        ):
            return index + 1
        end = index + 1
        while end < len(lines) and delimiter in lines[end]:
            end += 1
        rows = (_delimited_cells(lines[k], starts[k], delimiter) for k in range(index + 1, end))
        found += self._cells(
            text, header, (row for row in rows if row is not None and len(row) == len(header))
        )
        return end

    def _cells(
        self, text: str, header: list[tuple[int, int]], rows: Iterator[list[tuple[int, int]]]
    ) -> Iterator[Span]:
        """The findings of the rows: by their column's header, or by the row's label in a
        table of labelled values."""
        labelled = _value_column(text, header)
        # The first column of labelled values holds names, whatever its header (``key``).
        kinds = {
            index: _column(text[start:end])
            for index, (start, end) in enumerate(header)
            if index or labelled is None
        }
        columns = {index: kind for index, kind in kinds.items() if kind is not None}
        if not columns and labelled is None:
            return
        for count, row in enumerate(rows):
            if count % _ROWS_PER_CHECK == _ROWS_PER_CHECK - 1 and over_budget():
                return
            for index, column in columns.items():
                if index < len(row):
                    yield from self._judge(text, column, *_unwrapped(text, *row[index]))
            if labelled is not None and labelled < len(row):
                label = _credential_name(text[slice(*_unwrapped(text, *row[0]))])
                if label is not None:
                    cell = _unwrapped(text, *row[labelled])
                    yield from self._judge(text, _Column(label, person=False), *cell)

    def _judge(self, text: str, column: _Column, start: int, end: int) -> Iterator[Span]:
        value = text[start:end]
        if not value or len(value) > _MAX_CELL:
            return
        if column.credential_name is not None:
            verdict = CredentialAssignmentRecognizer.judge_value(
                column.credential_name, value, self.SCORE
            )
            if verdict is not None:
                entity, score, why = verdict
                yield (entity, start, end, score, f"{why} in a table column")
        if column.person and is_field_name(value):
            yield ("PERSON", start, end, self.PERSON_SCORE, "name in a person column")


def _unwrapped(text: str, start: int, end: int) -> tuple[int, int]:
    """A cell's span without its surrounding blanks and one pair of wrapping marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2 and text[start] == text[end - 1] and text[start] in _WRAPPERS:
        return start + 1, end - 1
    return start, end
