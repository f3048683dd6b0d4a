"""Hostile content: what a real workspace can serve that a well-formed one never does.

Off by default. Each kind adds content a client must survive without crashing and without
losing the records around it:

- ``corrupt_lines``: garbage, a truncated JSON object and non-object JSON inside a message log
  file, between its real events;
- ``unknown_events``: well-formed lines of a type the API never documented, and one without a
  type;
- ``null_content``: a message whose ``content`` is null and one whose text ``value`` is null;
- ``huge_message``: one message of about 10 MB (so its log file is that large too), with a
  planted value near its start and an unrecorded e-mail address near its end;
- ``binary_file``: random bytes named ``.txt`` and served as ``text/plain``;
- ``zip_bomb``: a Word package of some 64 KB whose extra member inflates to 64 MiB;
- ``non_utf8``: a latin-1 ``.txt`` file, and a log line in latin-1 (invalid UTF-8, so corrupt);
- ``oversized_pages``: log listings ignore ``limit`` (up to five times as many entries) and
  pad every entry with an unknown field of 64 KiB.

The ground truth stays what a correct client lands: corrupt lines and unknown events are not
messages; null content is a message without text; the huge message lands whole; binary and
bomb files have no text; the latin-1 file's text is what decoding it gives. Only values a
classifier is expected to report are recorded as planted: the e-mail address at the end of
the huge message lies beyond any sane classification cap.
"""

from __future__ import annotations

import io
import json
import random
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from openai_connector.simulator import documents, sensitive

HOSTILE_KINDS = (
    "corrupt_lines",
    "unknown_events",
    "null_content",
    "huge_message",
    "binary_file",
    "zip_bomb",
    "non_utf8",
    "oversized_pages",
)
ALL = "all"
HUGE_MESSAGE_CHARS = 10_000_000
#: Characters from the end of the huge message to its unrecorded e-mail address.
HUGE_MESSAGE_TAIL = 1_000
BINARY_FILE_BYTES = 64 * 1024
ZIP_BOMB_MEMBER_BYTES = 64 * 2**20
OVERSIZED_PAGE_FACTOR = 5
PAGE_PADDING_CHARS = 64 * 1024
_FILLER = "lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n"
_ZIP_TIMESTAMP = (2024, 1, 1, 0, 0, 0)
_MEBIBYTE = bytes(2**20)


def check_kinds(kinds: Iterable[str]) -> frozenset[str]:
    """The kinds as a set; ValueError naming any unknown one."""
    chosen = frozenset(kinds)
    unknown = sorted(chosen - set(HOSTILE_KINDS))
    if unknown:
        raise ValueError(
            f"unknown hostile kinds {unknown}; known kinds: {', '.join(HOSTILE_KINDS)} (or {ALL})"
        )
    return chosen


def parse_hostile(spec: str | None) -> frozenset[str]:
    """``"corrupt_lines,zip_bomb"`` or ``"all"`` (empty: none); ValueError for unknown kinds."""
    names = [name.strip() for name in (spec or "").split(",") if name.strip()]
    if ALL in names:
        return frozenset(HOSTILE_KINDS)
    return check_kinds(names)


@dataclass(frozen=True)
class HostileManifest:
    """Where the hostile content went, so tests can check what became of each piece.

    ``messages`` and ``files`` map a role (``null_content``, ``null_value``, ``huge_message``;
    ``binary_file``, ``zip_bomb``, ``non_utf8``) to the object's id; ``log_file_id`` is the
    message log file carrying the bad lines, ``corrupt_lines`` and ``unknown_events`` count them.
    """

    kinds: frozenset[str] = frozenset()
    log_file_id: str | None = None
    corrupt_lines: int = 0
    unknown_events: int = 0
    messages: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kinds": sorted(self.kinds),
            "log_file_id": self.log_file_id,
            "corrupt_lines": self.corrupt_lines,
            "unknown_events": self.unknown_events,
            "messages": dict(self.messages),
            "files": dict(self.files),
        }


# --- log lines ------------------------------------------------------------------------------


def corrupt_lines() -> list[bytes]:
    """A gateway error page, a JSON object cut short, and JSON that is not an object."""
    return [
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
        b'{"event_id": "0b9e5d1c-3f4a-4d6e-9a77-5c2f1e8d0a11", "type": "CONVERSATION_MESSAGE", '
        b'"message": {"id": "',
        b'["CONVERSATION_MESSAGE", 42]',
    ]


def unknown_event_lines(rng: random.Random, workspace_id: str, timestamp: str) -> list[bytes]:
    """An event of a type nobody documented, and one with no type at all."""
    principal = {"id": workspace_id, "type": "CHATGPT_WORKSPACE"}
    events = [
        {
            "event_id": _uuid(rng),
            "type": "CONVERSATION_FEEDBACK",
            "principal": principal,
            "timestamp": timestamp,
            "feedback": {"rating": "thumbs_down", "message_id": _uuid(rng)},
        },
        {"event_id": _uuid(rng), "principal": principal, "timestamp": timestamp},
    ]
    return [json.dumps(event).encode() for event in events]


def latin1_event_line(rng: random.Random, workspace_id: str, timestamp: str) -> bytes:
    """A message event written in latin-1: JSON must be UTF-8, so this line is corrupt.

    Its message belongs to no conversation of the workspace, so the truth misses nothing.
    """
    event = {
        "event_id": _uuid(rng),
        "type": "CONVERSATION_MESSAGE",
        "principal": {"id": workspace_id, "type": "CHATGPT_WORKSPACE"},
        "timestamp": timestamp,
        "message": {
            "id": _uuid(rng),
            "author": {"type": "user"},
            "content": {"type": "text", "value": "Réunion avec Zoë à 10h, café compris."},
        },
        "conversation": {"id": _uuid(rng), "title": "Café"},
    }
    return json.dumps(event, ensure_ascii=False).encode("latin-1")


def page_padding() -> dict[str, str]:
    """An unknown field that makes a listing entry some 64 KiB larger."""
    return {"diagnostics": "x" * PAGE_PADDING_CHARS}


# --- message and file content ---------------------------------------------------------------


def huge_text(rng: random.Random) -> tuple[str, list[sensitive.PlantedValue]]:
    """About 10 MB of pasted text: a recorded value first, filler, an unrecorded address last."""
    builder = sensitive.TextBuilder()
    builder.add_template(sensitive.carrier_for("EMAIL_ADDRESS", rng), rng)
    builder.add("\n")
    tail = f"\nSend questions to {sensitive.email_address(rng)} please.\n"
    filler_chars = HUGE_MESSAGE_CHARS - builder.length - HUGE_MESSAGE_TAIL
    builder.add((_FILLER * (filler_chars // len(_FILLER) + 1))[:filler_chars])
    builder.add(tail)
    builder.add("." * (HUGE_MESSAGE_TAIL - len(tail)))
    return builder.text, builder.planted


FILE_KINDS = ("binary_file", "zip_bomb", "non_utf8")
#: The ``files.status`` a correct client lands for each hostile upload (the truth's file
#: records cannot say: they describe what the workspace holds, not what extraction makes of it).
EXPECTED_FILE_STATUS = {
    "binary_file": "unsupported",
    "zip_bomb": "too_large",
    "non_utf8": "scanned",
}


@dataclass(frozen=True)
class HostileFile:
    """A chat upload served as ``body``, whatever its name and format promise; ``text`` is
    what a correct extractor gets out of it."""

    name: str
    format: str
    text: str
    planted: list[sensitive.PlantedValue]
    body: bytes = field(repr=False)


def file_content(kind: str, rng: random.Random) -> HostileFile:
    """The upload of one of ``FILE_KINDS``."""
    if kind == "binary_file":
        return HostileFile("server_dump.txt", "txt", "", [], rng.randbytes(BINARY_FILE_BYTES))
    if kind == "zip_bomb":
        return HostileFile("quarterly_report.docx", "docx", "", [], zip_bomb_body())
    if kind == "non_utf8":
        text, planted = latin1_text(rng)
        return HostileFile("notes_réunion.txt", "txt", text, planted, text.encode("latin-1"))
    raise ValueError(f"{kind!r} is not a hostile file kind")


def zip_bomb_body() -> bytes:
    """A valid Word package plus one member of zeros that deflates about a thousandfold."""
    out = io.BytesIO(documents.render_docx("Quarterly report"))
    with zipfile.ZipFile(out, "a") as archive:
        info = zipfile.ZipInfo("word/media/image1.bin", date_time=_ZIP_TIMESTAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w") as member:
            for _ in range(ZIP_BOMB_MEMBER_BYTES // len(_MEBIBYTE)):
                member.write(_MEBIBYTE)
    return out.getvalue()


def latin1_text(rng: random.Random) -> tuple[str, list[sensitive.PlantedValue]]:
    """Meeting notes with accented names and a planted address, all within latin-1.

    No character falls in U+0080..U+009F, so cp1252 and latin-1 decode the bytes alike.
    """
    builder = sensitive.TextBuilder()
    builder.add("Notes de réunion: Zoë, François et Jürgen; café à 10h, coût ±½ EUR.\n")
    builder.add_template(sensitive.carrier_for("EMAIL_ADDRESS", rng), rng)
    builder.add("\nÀ bientôt.\n")
    return builder.text, builder.planted


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
