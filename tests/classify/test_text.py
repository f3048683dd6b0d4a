"""Extracting text from file bytes."""

from __future__ import annotations

import codecs

import pytest

from openai_connector.classify import extract_text


@pytest.mark.parametrize(
    ("name", "mime", "data", "encoding"),
    [
        ("notes.txt", "text/plain", "café ☕".encode(), "utf-8"),
        ("notes.md", None, codecs.BOM_UTF8 + "# Título".encode(), "utf-8-sig"),
        ("data.csv", "text/csv", "naïve,1\n".encode("utf-16"), "utf-16"),
        ("data.json", "application/json", '{"k": "ü"}'.encode("utf-16-le"), "utf-16-le"),
        ("legacy.txt", None, "Grüße “quoted”".encode("cp1252"), "cp1252"),
        ("old.txt", None, "Smørrebrød".encode("latin-1") + b"\x81", "latin-1"),
        ("main.py", "text/x-python", b"print('hi')\n", "utf-8"),
    ],
)
def test_decodes_text_formats(name, mime, data, encoding):
    extracted = extract_text(name, mime, data)
    assert extracted.status == "ok"
    assert extracted.detail.endswith(encoding)
    assert extracted.text == data.decode(encoding)


def test_utf16_text_keeps_content():
    extracted = extract_text("chat.txt", None, "api key: sk-abc".encode("utf-16"))
    assert extracted.text == "api key: sk-abc"


@pytest.mark.parametrize(
    ("name", "mime", "expected"),
    [
        ("report.pdf", None, "PDF"),
        ("file", "application/pdf", "PDF"),
        ("sheet.xlsx", None, "Excel"),
        ("memo.docx", "application/octet-stream", "Word"),
    ],
)
def test_documents_are_unsupported_for_now(name, mime, expected):
    extracted = extract_text(name, mime, b"%PDF-1.7 ...")
    assert extracted.status == "unsupported"
    assert expected in extracted.detail
    assert extracted.text == ""


def test_binary_is_unsupported():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    extracted = extract_text("image.png", "image/png", png)
    assert extracted.status == "unsupported"
    assert "binary" in extracted.detail


def test_too_large():
    assert extract_text("big.txt", None, b"a" * 101, max_chars=100).status == "too_large"
    assert extract_text("big.txt", None, b"a" * 401, max_chars=100).status == "too_large"
    assert extract_text("ok.txt", None, b"a" * 100, max_chars=100).status == "ok"


def test_empty_file_is_ok():
    assert extract_text("empty.txt", None, b"").status == "ok"
