"""Documents written with the real libraries, with planted values at known places, and what
the classifier finds in their extracted segments.

The AWS key id is assembled at run time so the repository holds no credential-shaped string.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from openai_connector.classify import TextItem, get_classifier
from openai_connector.extract import ExtractedText
from openai_connector.simulator.documents import render_pdf

#: ``(location, entity type, matched text)`` of findings.
Located = set[tuple[str | None, str, str]]

AWS_KEY = "AK" + "IA" + "Q3EGRT5YVX7LMN2B"
EMAIL = "jane.doe@acme-corp.com"


def pdf_bytes(
    pages: Sequence[str], *, user_password: str | None = None, owner_password: str | None = None
) -> bytes:
    """Pages of plain lines; with a password the file is RC4-encrypted (no extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for text in pages:
        writer.append(PdfReader(io.BytesIO(render_pdf(text))))
    if user_password is not None or owner_password is not None:
        writer.encrypt(user_password or "", owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(
    paragraphs: Sequence[str],
    *,
    header: str | None = None,
    table: Sequence[Sequence[str]] = (),
    comment: str | None = None,
) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if comment is not None:
        first = document.paragraphs[0]
        document.add_comment(first.runs, text=comment, author="Reviewer")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes(
    sheets: dict[str, Sequence[Sequence[object]]], *, hidden: str | None = None
) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        if title == hidden:
            sheet.sheet_state = "hidden"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def pptx_bytes(slides: Sequence[tuple[str, str | None]]) -> bytes:
    """One title-and-content slide per ``(text, notes)``."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    for text, notes in slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[6])  # blank
        box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1))
        box.text_frame.text = text
        if notes is not None:
            slide.notes_slide.notes_text_frame.text = notes
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def png_bytes(lines: Sequence[str], size: tuple[int, int] = (1400, 240)) -> bytes:
    """Black text, large and clear, on white: easy for OCR."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    for number, line in enumerate(lines):
        draw.text((40, 40 + 90 * number), line, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def located_findings(extracted: ExtractedText) -> Located:
    """Where the classifier finds what, in the extracted segments."""
    texts = {segment.location: segment.text for segment in extracted.segments}
    items = [TextItem("file", "file-test", text, location) for location, text in texts.items()]
    return {
        (
            finding.location,
            finding.entity_type,
            texts[finding.location][finding.start : finding.end],
        )
        for _item, findings in get_classifier().classify(items)
        for finding in findings
    }
