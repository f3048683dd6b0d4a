"""Parsing log file bodies: JSON Lines, where one line may hold several concatenated objects.

A bad line (or the bad rest of a line) becomes a :class:`CorruptLine`, never an exception, so
one broken event costs only itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from openai_connector.api.events import LogEvent
from openai_connector.api.models import (
    CONVERSATION_MESSAGE,
    MODEL_ERRORS,
    ConversationMessageEvent,
    model_error_reason,
)
from openai_connector.budgets import JSONTooDeepError, raw_decode


@dataclass(frozen=True)
class CorruptLine:
    """A log line that could not be parsed; `reason` never quotes the line itself."""

    line_number: int
    reason: str


LogLine = ConversationMessageEvent | LogEvent | CorruptLine

_WHITESPACE = " \t\r\n"


def _event(line_number: int, payload: object) -> LogLine:
    if not isinstance(payload, dict):
        return CorruptLine(line_number, f"expected a JSON object, got {type(payload).__name__}")
    is_chat = payload.get("type", payload.get("event_type")) == CONVERSATION_MESSAGE
    try:
        return ConversationMessageEvent.from_api(payload) if is_chat else LogEvent.from_api(payload)
    except Exception as exc:  # one bad record is quarantined, never the whole file
        kind = CONVERSATION_MESSAGE if is_chat else str(payload.get("type"))
        reason = model_error_reason(exc) if isinstance(exc, MODEL_ERRORS) else type(exc).__name__
        return CorruptLine(line_number, f"invalid {kind} event: {reason}")


def _parse_line(line_number: int, line: bytes) -> Iterator[LogLine]:
    """Every JSON value of one line: bodies may concatenate objects ("concatenated JSON").

    Values before a part that does not parse are kept; only the rest of the line is corrupt.
    """
    try:
        text = line.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        yield CorruptLine(line_number, "not valid UTF-8")
        return
    position = 0
    while True:
        while position < len(text) and text[position] in _WHITESPACE:
            position += 1
        if position >= len(text):
            return
        try:
            payload, position = raw_decode(text, position)
        except json.JSONDecodeError as exc:
            yield CorruptLine(line_number, f"not valid JSON ({exc.msg} at column {exc.colno})")
            return
        except JSONTooDeepError as exc:
            yield CorruptLine(line_number, str(exc))
            return
        yield _event(line_number, payload)


def parse_log_events(lines: Iterable[bytes]) -> Iterator[LogLine]:
    """Parse JSONL log lines; a bad line becomes a `CorruptLine`, never an exception."""
    for line_number, line in enumerate(lines, start=1):
        if line.strip():
            yield from _parse_line(line_number, line)
