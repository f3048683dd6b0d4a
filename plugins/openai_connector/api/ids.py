"""The shapes of the ids the Compliance API issues: an id enters a URL path only in its shape.

Quoting alone is not enough: ``.`` and ``..`` survive it and httpx collapses them, so
``DELETE …/gpts/g-1/files/..`` would delete the GPT. Every id the client puts in a path is
checked here first, and remediation refuses a target whose ids fail (see
:func:`id_problem`), so a hostile or corrupt id can never address another object.
"""

from __future__ import annotations

import re
from typing import Literal

from openai_connector.errors import OpenAIConnectorError

IdKind = Literal[
    "workspace", "organization", "user", "gpt", "project", "file", "conversation", "log_file"
]

_UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
_TAIL = r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}"
#: One pattern per kind; every one starts with a letter or digit and has no dot or slash.
ID_SHAPES: dict[IdKind, re.Pattern[str]] = {
    "workspace": re.compile(_UUID),
    "conversation": re.compile(_UUID),
    "organization": re.compile(f"org-{_TAIL}"),
    "user": re.compile(f"user-{_TAIL}"),
    "gpt": re.compile(f"g-(?!p-){_TAIL}"),
    "project": re.compile(f"g-p-{_TAIL}"),
    "file": re.compile(f"file[-_]{_TAIL}"),
    # The logs platform's own file ids (``eclf_…``); no public source fixes their prefix.
    "log_file": re.compile(_TAIL),
}
_ECHO_CHARS = 40


class InvalidIdError(OpenAIConnectorError, ValueError):
    """An id does not have the shape the API issues for its kind; it never reaches a URL."""

    def __init__(self, kind: IdKind, value: object) -> None:
        super().__init__(id_problem(kind, value))
        self.kind = kind


def id_problem(kind: IdKind, value: object) -> str | None:
    """Why ``value`` is not a ``kind`` id, or ``None`` when it is one."""
    if isinstance(value, str) and ID_SHAPES[kind].fullmatch(value):
        return None
    shown = repr(value)
    if len(shown) > _ECHO_CHARS:
        shown = shown[:_ECHO_CHARS] + "…"
    return f"{shown} is not a {kind.replace('_', ' ')} id as the API issues them"


def checked_id(kind: IdKind, value: object) -> str:
    """``value`` if it is a ``kind`` id, else :class:`InvalidIdError`."""
    if id_problem(kind, value) is not None:
        raise InvalidIdError(kind, value)
    return str(value)
