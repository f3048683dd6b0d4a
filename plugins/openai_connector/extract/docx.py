"""Word documents: the body, headers, footers, footnotes, endnotes and comments.

Parsed straight from the package's XML (see ``ooxml``): python-docx reads only the body and
headers, loads the whole tree into memory, and skips deleted (tracked) text, which still sits
in the file for anyone to read. Paragraphs become lines; tabs and breaks keep their meaning.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from openai_connector.extract.model import Budget, ExtractedText, ExtractionFailed, Segment, counted
from openai_connector.extract.ooxml import iter_elements, open_package

if TYPE_CHECKING:
    from openai_connector._compat.lxml import Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_TAGS = frozenset({f"{_W}t", f"{_W}delText"})
_BREAK_TAGS = frozenset({f"{_W}br", f"{_W}cr"})
_TAB = f"{_W}tab"
_MAIN_PART = "word/document.xml"
_TEXT_PART = re.compile(r"word/(header|footer|footnotes|endnotes|comments)(\d*)\.xml")


def extract_docx(data: bytes, budget: Budget) -> ExtractedText:
    """One segment per part with text, located ``part:body``, ``part:header1`` …"""
    with open_package(data, budget.limits) as archive:
        names = archive.namelist()
        if _MAIN_PART not in names:
            raise ExtractionFailed("corrupt", f"Word package without {_MAIN_PART}")
        parts = [_MAIN_PART, *sorted(filter(_TEXT_PART.fullmatch, names), key=_part_order)]
        segments = []
        for name in parts:
            paragraphs = iter_elements(archive, name, f"{_W}p", budget)
            text = "\n".join(budget.take(_paragraph_text(p)) for p in paragraphs)
            if text.strip():
                segments.append(Segment(_location(name), text))
    return ExtractedText("ok", tuple(segments), f"Word document, {counted(len(parts), 'part')}")


def _part_label(name: str) -> tuple[str, str]:
    """``("header", "2")`` for ``word/header2.xml``; the main part is the body."""
    match = _TEXT_PART.fullmatch(name)
    return (match[1], match[2]) if match else ("body", "")


def _part_order(name: str) -> tuple[str, int]:
    kind, number = _part_label(name)
    return kind, int(number or 0)


def _location(name: str) -> str:
    return "part:" + "".join(_part_label(name))


def _paragraph_text(paragraph: Element) -> str:
    pieces = []
    for node in paragraph.iter():
        if node.tag in _TEXT_TAGS:
            # Children appear only in hostile files (unresolved entities); keep what follows.
            pieces.extend([node.text or "", *(child.tail or "" for child in node)])
        elif node.tag == _TAB:
            pieces.append("\t")
        elif node.tag in _BREAK_TAGS:
            pieces.append("\n")
    return "".join(pieces)
