"""PDF documents, page by page, with pypdf (pure Python, so a hostile file cannot crash us).

pypdf caps the size of decompressed streams itself; the page count and the clock are checked
here, between pages. A PDF with only an owner password (printing or copying restricted)
opens with the empty user password and is read like any other; one needing a password is
``encrypted``.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from openai_connector.extract.model import Budget, ExtractedText, ExtractionFailed, Segment, counted

if TYPE_CHECKING:
    from pypdf import PdfReader


def extract_pdf(data: bytes, budget: Budget) -> ExtractedText:
    """One segment per page with text, located ``page:1``, ``page:2`` …"""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        _unlock(reader)
    count = len(reader.pages)
    budget.check_parts(count, "pages")
    segments = []
    for number, page in enumerate(reader.pages, start=1):
        budget.check_time()
        text = budget.take(page.extract_text() or "")
        if text.strip():
            segments.append(Segment(f"page:{number}", text))
    return ExtractedText("ok", tuple(segments), f"PDF, {counted(count, 'page')}")


def _unlock(reader: PdfReader) -> None:
    from pypdf import PasswordType
    from pypdf.errors import DependencyError

    try:
        opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
    except DependencyError:  # AES without the optional cryptography package
        opened = False
    if not opened:
        raise ExtractionFailed("encrypted", "PDF is password-protected")
