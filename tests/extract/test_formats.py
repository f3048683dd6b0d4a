"""Choosing the extractor: name first, then MIME type, then the first bytes."""

from __future__ import annotations

import pytest

from openai_connector.extract.formats import OLE_MAGIC, FileType, detect_type

from .documents import docx_bytes, pdf_bytes, png_bytes, zip_bytes

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("name", "mime", "expected"),
    [
        ("Report.PDF", None, FileType("pdf", True, ".pdf")),
        ("memo.docx", "application/octet-stream", FileType("docx", True, ".docx")),
        ("budget.xlsm", None, FileType("xlsx", True, ".xlsm")),
        ("deck.pptx", None, FileType("pptx", True, ".pptx")),
        ("scan.JPG", None, FileType("image", True, ".jpg")),
        ("upload", XLSX_MIME, FileType("xlsx", True, XLSX_MIME)),
        ("upload", "image/webp", FileType("image", True, "image/webp")),
        ("Dockerfile", None, FileType("text", True, ".dockerfile")),
        ("upload", "text/markdown; charset=utf-8", FileType("text", True, "text/markdown")),
        ("old.doc", None, FileType("unsupported", True, "Word 97-2003 document (.doc)")),
        ("upload", "application/rtf", FileType("unsupported", True, "RTF document (.rtf)")),
    ],
)  # fmt: skip
def test_declared_types(name: str, mime: str | None, expected: FileType) -> None:
    assert detect_type(name, mime, b"") == expected


@pytest.mark.parametrize(
    ("data", "family"),
    [
        (pdf_bytes(["x"]), "pdf"),
        (docx_bytes(["x"]), "docx"),
        (png_bytes(["x"], size=(40, 20)), "image"),
        (OLE_MAGIC + b"\x00" * 64, "ole"),
        (zip_bytes({"notes.txt": b"x"}), "unsupported"),
        (b"PK\x03\x04 not really a zip", "text"),
        (b"BMW quarterly figures", "text"),
    ],
)
def test_undeclared_types_are_sniffed(data: bytes, family: str) -> None:
    detected = detect_type("upload", "application/octet-stream", data)
    assert (detected.family, detected.declared) == (family, False)


def test_other_zip_archives_are_named() -> None:
    detected = detect_type("upload", None, zip_bytes({"a.txt": b"x"}))
    assert detected == FileType("unsupported", False, "zip archive")
