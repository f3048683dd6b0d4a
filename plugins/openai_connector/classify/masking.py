"""Masking values for previews and redacting spans out of text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from openai_connector.classify.model import severity_for
from openai_connector.constants import SEVERITY_RANK

FULL_MASK = "****"
_MAX_EDGE_CHARS = 4
# Each edge shows at most 1/6 of the value, so at most 1/3 of it is ever revealed.
_EDGE_DIVISOR = 6
_MIN_EDGE_CHARS = 2


class Span(Protocol):
    """Anything with a typed character span, such as a Finding."""

    @property
    def entity_type(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def mask_value(value: str) -> str:
    """A preview that lets a reviewer recognise a value without revealing it.

    Long values keep a few edge characters (``sk-p…x7Qa``); short ones, where even two
    characters would give away too much, become ``****``.
    """
    single_line = " ".join(value.split())
    edge = min(_MAX_EDGE_CHARS, len(single_line) // _EDGE_DIVISOR)
    if edge < _MIN_EDGE_CHARS:
        return FULL_MASK
    return f"{single_line[:edge]}…{single_line[-edge:]}"


def mask_email(value: str) -> str:
    """An e-mail address with its local part masked and its domain kept (``c…@acme.com``), so a
    reviewer tells internal from external addresses without learning whose they are."""
    local, at, domain = " ".join(value.split()).rpartition("@")
    if not at or not local or not domain:
        return mask_value(value)
    return f"{local[0]}…@{domain.lower()}"


def mask_name(value: str) -> str:
    """A person's name as the initials of its words (``O… K…``): the same shape for every
    name, short or long."""
    words = value.split()
    if not words:
        return FULL_MASK
    return " ".join(f"{word[0]}…" for word in words)


#: Entity types whose previews keep a recognisable shape (see each function).
_SHAPED_MASKS = {"EMAIL_ADDRESS": mask_email, "PERSON": mask_name}


def mask_entity(entity_type: str, value: str) -> str:
    """The preview of a detected value: its entity's shaped mask, else :func:`mask_value`."""
    return _SHAPED_MASKS.get(entity_type, mask_value)(value)


def _label_rank(span: Span) -> tuple[int, int]:
    return (SEVERITY_RANK[severity_for(span.entity_type)], span.end - span.start)


def redact_text(text: str, findings: Iterable[Span]) -> str:
    """Replace every span with ``<ENTITY_TYPE>``.

    Overlapping spans merge into one placeholder named after the most severe (then
    longest) entity among them, so no fragment of a sensitive value survives in between.
    """
    pieces: list[str] = []
    cursor = 0
    group_end = 0
    group_label: Span | None = None
    for span in sorted(findings, key=lambda item: (item.start, -item.end)):
        start, end = max(span.start, 0), min(span.end, len(text))
        if start >= end:
            continue
        if group_label is not None and start < group_end:
            group_end = max(group_end, end)
            group_label = max(group_label, span, key=_label_rank)
            continue
        if group_label is not None:
            pieces.append(f"<{group_label.entity_type}>")
            cursor = group_end
        pieces.append(text[cursor:start])
        group_label, group_end = span, end
    if group_label is not None:
        pieces.append(f"<{group_label.entity_type}>")
        cursor = group_end
    pieces.append(text[cursor:])
    return "".join(pieces)
