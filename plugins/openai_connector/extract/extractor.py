"""The one entry point: file bytes in, located text segments (or a status saying why not) out."""

from __future__ import annotations

import re
from collections.abc import Callable

from openai_connector.extract.docx import extract_docx
from openai_connector.extract.formats import detect_type
from openai_connector.extract.image import extract_image
from openai_connector.extract.model import Budget, ExtractedText, ExtractionFailed, ExtractLimits
from openai_connector.extract.ooxml import reject_ole
from openai_connector.extract.pdf import extract_pdf
from openai_connector.extract.plain import extract_plain
from openai_connector.extract.pptx import extract_pptx
from openai_connector.extract.xlsx import extract_xlsx

_DOCUMENT_EXTRACTORS: dict[str, Callable[[bytes, Budget], ExtractedText]] = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "xlsx": extract_xlsx,
    "pptx": extract_pptx,
    "image": extract_image,
    "ole": lambda data, _budget: reject_ole(data),
}
# Library messages may quote bytes of the file; those never reach a status detail.
_QUOTED = re.compile(r"b?'[^']*'|b?\"[^\"]*\"")
_MAX_REASON_CHARS = 160


def extract_text(
    name: str, mime: str | None, data: bytes, limits: ExtractLimits | None = None
) -> ExtractedText:
    """Read a file's text as segments located in it (page, sheet, slide, part).

    Never raises for what a file contains: oversize, corrupt, encrypted, slow or unknown
    files come back as a status with a one-line detail, so one bad upload cannot stop a run.
    """
    limits = limits or ExtractLimits()
    if len(data) > limits.max_bytes:
        return ExtractedText("too_large", detail=f"{len(data)} bytes exceed {limits.max_bytes}")
    file_type = detect_type(name, mime, data)
    budget = Budget(limits)
    try:
        if file_type.family == "unsupported":
            raise ExtractionFailed("unsupported", f"{file_type.name} is not extracted")
        if file_type.family == "text":
            return extract_plain(
                data, budget, declared=file_type.declared, type_name=file_type.name
            )
        return _DOCUMENT_EXTRACTORS[file_type.family](data, budget)
    except ExtractionFailed as failed:
        return ExtractedText(failed.status, detail=failed.detail)
    except Exception as exc:  # a library choking on a malformed file
        return ExtractedText("corrupt", detail=f"unreadable {file_type.name}: {_reason(exc)}")


def _reason(exc: Exception) -> str:
    """The library's reason in one short line, without quoted file content."""
    lines = str(exc).strip().splitlines()
    message = _QUOTED.sub("…", lines[0]) if lines else ""
    reason = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return reason[:_MAX_REASON_CHARS]
