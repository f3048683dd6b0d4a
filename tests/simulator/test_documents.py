from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

import pytest

from openai_connector.extract import extract_text
from openai_connector.simulator import documents

TEXT = "Quarterly report (draft)\nIBAN DE89370400440532013000 \\ ok\nÜnïcode & <tags>"
ASCII_TEXT = "Quarterly report (draft)\nIBAN DE89370400440532013000 \\ ok"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def test_pdf_has_header_trailer_and_a_correct_xref() -> None:
    body = documents.render_pdf(ASCII_TEXT)
    assert body.startswith(b"%PDF-1.4\n")
    assert body.rstrip().endswith(b"%%EOF")
    xref_at = int(re.search(rb"startxref\n(\d+)\n", body).group(1))
    assert body[xref_at:].startswith(b"xref\n0 6\n")
    offsets = [int(n) for n in re.findall(rb"(\d{10}) 00000 n", body)]
    for number, offset in enumerate(offsets, start=1):
        assert body[offset:].startswith(b"%d 0 obj" % number)


def test_pdf_text_stream_carries_every_line_escaped() -> None:
    body = documents.render_pdf(ASCII_TEXT)
    shown = re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", body)
    unescaped = [re.sub(rb"\\(.)", rb"\1", part).decode() for part in shown]
    assert "\n".join(unescaped) == ASCII_TEXT
    length = int(re.search(rb"/Length (\d+)", body).group(1))
    stream = body.split(b"stream\n", 1)[1].split(b"\nendstream", 1)[0]
    assert len(stream) == length


def test_docx_is_a_word_package_with_one_paragraph_per_line() -> None:
    archive = zipfile.ZipFile(io.BytesIO(documents.render_docx(TEXT)))
    assert archive.testzip() is None
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= set(archive.namelist())
    root = ElementTree.fromstring(  # noqa: S314 - our own generated XML
        archive.read("word/document.xml")
    )
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]
    assert "\n".join(paragraphs) == TEXT


def test_xlsx_is_a_spreadsheet_package_with_rows_and_cells() -> None:
    text = "field\tvalue\nemail\tmaria@northwind-labs.com\nnote\ta & b"
    archive = zipfile.ZipFile(io.BytesIO(documents.render_xlsx(text)))
    assert "xl/workbook.xml" in archive.namelist()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    assert 'Target="worksheets/sheet1.xml"' in rels
    sheet = ElementTree.fromstring(  # noqa: S314 - our own generated XML
        archive.read("xl/worksheets/sheet1.xml")
    )
    rows = ["\t".join(t.text or "" for t in row.iter(f"{S}t")) for row in sheet.iter(f"{S}row")]
    assert "\n".join(rows) == text
    assert [c.get("r") for c in sheet.iter(f"{S}c")][:2] == ["A1", "B1"]


def test_png_is_a_png() -> None:
    assert documents.render_png("").startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("kind", sorted(documents.RENDERERS))
def test_rendering_is_deterministic(kind: str) -> None:
    text = ASCII_TEXT if kind == "pdf" else TEXT
    body = documents.render(kind, text)
    assert body == documents.render(kind, text)
    assert kind in documents.MIME_TYPES
    if body.startswith(b"PK"):  # zip packages: no member may carry the time of rendering
        infos = zipfile.ZipFile(io.BytesIO(body)).infolist()
        assert {info.date_time for info in infos} == {(2024, 1, 1, 0, 0, 0)}


# Every format but PNG, which the simulator renders as one grey pixel: no text to give back.
@pytest.mark.parametrize("kind", sorted(documents.RENDERERS.keys() - {"png"}))
def test_extraction_gives_back_the_rendered_text(kind: str) -> None:
    """Planted offsets refer to the source text, so extraction must return it unchanged."""
    text = ASCII_TEXT if kind == "pdf" else TEXT
    extracted = extract_text(
        f"file.{kind}", documents.MIME_TYPES[kind], documents.render(kind, text)
    )
    assert [segment.text for segment in extracted.segments] == [text]
