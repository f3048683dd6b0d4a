"""File bodies written by hand, so the simulator needs no document library.

Every format is rendered from plain text whose lines become lines, paragraphs or rows; that
text is what an extractor should get back, so planted offsets refer to it. Zip members carry a
fixed timestamp, which keeps bodies (and their sha256) identical for the same seed.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from xml.sax.saxutils import escape

MIME_TYPES = {
    "txt": "text/plain",
    "csv": "text/csv",
    "json": "application/json",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
}
_ZIP_TIMESTAMP = (2024, 1, 1, 0, 0, 0)


def render_plain(text: str) -> bytes:
    return text.encode()


def render_pdf(text: str) -> bytes:
    """A one-page PDF 1.4 with an uncompressed text stream, one ``Tj`` per line."""
    shown = " T* ".join(f"({_pdf_escape(line)}) Tj" for line in text.split("\n"))
    stream = f"BT /F1 10 Tf 14 TL 50 750 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref_offset = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_offset)
    return out.getvalue()


def _pdf_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return out.getvalue()


_XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)


def _content_types(overrides: dict[str, str]) -> str:
    parts = "".join(
        f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides.items()
    )
    return (
        _XML_HEADER
        + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + '<Default Extension="rels" '
        + 'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        + '<Default Extension="xml" ContentType="application/xml"/>'
        + parts
        + "</Types>"
    )


def _relationships(relations: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"/>'
        for rel_id, kind, target in relations
    )
    return _XML_HEADER + f'<Relationships xmlns="{_PACKAGE_RELS}">{items}</Relationships>'


def render_docx(text: str) -> bytes:
    """A WordprocessingML package with one paragraph per line."""
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        for line in text.split("\n")
    )
    document = (
        _XML_HEADER
        + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + f"<w:body>{paragraphs}</w:body></w:document>"
    )
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                {
                    "/word/document.xml": "application/vnd.openxmlformats-officedocument."
                    "wordprocessingml.document.main+xml"
                }
            ),
            "_rels/.rels": _relationships([("rId1", _OFFICE_DOC_REL, "word/document.xml")]),
            "word/document.xml": document,
        }
    )


def render_xlsx(text: str) -> bytes:
    """A SpreadsheetML package with one sheet; lines are rows, tabs separate cells."""
    rows = []
    for row_number, line in enumerate(text.split("\n"), start=1):
        cells = "".join(
            f'<c r="{_column_name(column)}{row_number}" t="inlineStr">'
            f"<is><t>{escape(value)}</t></is></c>"
            for column, value in enumerate(line.split("\t"))
        )
        rows.append(f'<row r="{row_number}">{cells}</row>')
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet_data = "".join(rows)
    sheet = (
        _XML_HEADER
        + f'<worksheet xmlns="{main_ns}"><sheetData>{sheet_data}</sheetData></worksheet>'
    )
    workbook = (
        _XML_HEADER
        + f'<workbook xmlns="{main_ns}" xmlns:r="{rel_ns}">'
        + '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    worksheet_rel = f"{rel_ns}/worksheet"
    return _zip(
        {
            "[Content_Types].xml": _content_types(
                {
                    "/xl/workbook.xml": "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet.main+xml",
                    "/xl/worksheets/sheet1.xml": "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.worksheet+xml",
                }
            ),
            "_rels/.rels": _relationships([("rId1", _OFFICE_DOC_REL, "xl/workbook.xml")]),
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": _relationships(
                [("rId1", worksheet_rel, "worksheets/sheet1.xml")]
            ),
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def _column_name(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name


def render_png(_text: str) -> bytes:
    """A 1x1 grey PNG: a file with no text at all."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


RENDERERS: dict[str, Callable[[str], bytes]] = {
    "txt": render_plain,
    "csv": render_plain,
    "json": render_plain,
    "pdf": render_pdf,
    "docx": render_docx,
    "xlsx": render_xlsx,
    "png": render_png,
}


def render(kind: str, text: str) -> bytes:
    return RENDERERS[kind](text)
