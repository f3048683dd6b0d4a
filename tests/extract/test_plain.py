"""Plain-text files: encodings, binary content, size limits."""

from __future__ import annotations

import codecs
import time

import pytest

from openai_connector.extract import ExtractLimits, extract_text

JAPANESE = "顧客情報 山田太郎様、メールは jane.doe@acme-corp.com です。東京都千代田区。"
CHINESE = "客户信息 张伟、邮箱 jane.doe@acme-corp.com、北京市。"


@pytest.mark.parametrize(
    ("name", "mime", "data", "encoding"),
    [
        ("notes.txt", "text/plain", "café ☕".encode(), "utf-8"),
        ("notes.md", None, codecs.BOM_UTF8 + "# Título".encode(), "utf-8-sig"),
        ("data.csv", "text/csv", "naïve,1\n".encode("utf-16"), "utf-16"),
        ("data.json", "application/json", '{"k": "ü"}'.encode("utf-16-le"), "utf-16-le"),
        ("data.json", None, '{"k": "ü"}'.encode("utf-16-be"), "utf-16-be"),
        ("legacy.txt", None, "Grüße “quoted” 5 € ‰".encode("cp1252"), "cp1252"),
        ("old.txt", None, "Smørrebrød".encode("latin-1") + b"\x81", "latin-1"),
        ("main.py", "text/x-python", b"print('hi')\n", "utf-8"),
    ],
)
def test_decodes_text_formats(name, mime, data, encoding) -> None:
    extracted = extract_text(name, mime, data)
    assert extracted.status == "ok"
    assert extracted.detail == f"declared text, {encoding}"
    assert extracted.segments[0].text == data.decode(encoding)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("shift_jis", JAPANESE), ("euc_jp", JAPANESE), ("gb18030", CHINESE), ("utf-16-le", JAPANESE)],
)
def test_multibyte_encodings_are_detected(encoding: str, text: str) -> None:
    """Shift-JIS and friends, and BOM-less UTF-16 of CJK text, defeat simple heuristics."""
    extracted = extract_text("customers.txt", None, text.encode(encoding))
    assert extracted.segments[0].text == text
    assert not extracted.detail.endswith(("cp1252", "latin-1"))


def test_undeclared_text_is_sniffed() -> None:
    extracted = extract_text("README", "application/octet-stream", b"plain words")
    assert (extracted.status, extracted.detail) == ("ok", "sniffed text, utf-8")


def test_binary_is_unsupported() -> None:
    blob = b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 64
    extracted = extract_text("blob.bin", None, blob)
    assert (extracted.status, extracted.detail) == ("unsupported", "binary content (.bin)")
    assert extracted.segments == ()


def test_character_limit() -> None:
    limits = ExtractLimits(max_chars=100)
    assert extract_text("big.txt", None, b"a" * 101, limits).status == "too_large"
    assert extract_text("big.txt", None, b"a" * 401, limits).status == "too_large"
    assert extract_text("ok.txt", None, b"a" * 100, limits).status == "ok"


def test_ten_megabyte_file_gets_a_status_quickly() -> None:
    data = b"x" * (10 * 2**20)
    started = time.monotonic()
    extracted = extract_text("dump.txt", None, data)
    assert extracted.status == "too_large"
    assert "10000000 chars" in extracted.detail
    assert time.monotonic() - started < 10  # a guard against hangs, not a benchmark
    roomy = extract_text("dump.txt", None, data, ExtractLimits(max_chars=11 * 2**20))
    assert roomy.char_count == len(data)


def test_input_size_limit_comes_first() -> None:
    extracted = extract_text("a.txt", None, b"abc", ExtractLimits(max_bytes=2))
    assert (extracted.status, extracted.detail) == ("too_large", "3 bytes exceed 2")


def test_empty_file_is_ok_without_segments() -> None:
    extracted = extract_text("empty.txt", None, b"")
    assert (extracted.status, extracted.segments, extracted.char_count) == ("ok", (), 0)
