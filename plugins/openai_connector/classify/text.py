"""Turning file bytes into text the classifier can read.

Handles plain-text formats (text, Markdown, CSV, JSON, source code) with encoding
detection. Anything else gets status ``unsupported`` with a reason instead of an error,
so the file is still recorded; rich documents (PDF, Office) come later.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal

ExtractStatus = Literal["ok", "unsupported", "too_large"]

DEFAULT_MAX_CHARS = 10_000_000
# Bytes looked at to tell text from binary.
_SNIFF_BYTES = 8192

TEXT_EXTENSIONS = frozenset(
    {
        "txt", "text", "md", "markdown", "rst", "csv", "tsv", "json", "jsonl", "ndjson",
        "log", "xml", "html", "htm", "yaml", "yml", "toml", "ini", "cfg", "conf", "env",
        "properties", "sql", "py", "ipynb", "js", "jsx", "ts", "tsx", "java", "kt", "scala",
        "go", "rs", "rb", "php", "c", "h", "cc", "cpp", "hpp", "cs", "swift", "m", "r",
        "pl", "lua", "sh", "bash", "zsh", "ps1", "bat", "tf", "hcl", "css", "scss", "vue",
        "svelte", "gradle", "dockerfile", "pem", "key", "crt",
    }
)  # fmt: skip

TEXT_MIME_TYPES = frozenset(
    {
        "application/json", "application/x-ndjson", "application/jsonl", "application/xml",
        "application/yaml", "application/x-yaml", "application/toml", "application/sql",
        "application/javascript", "application/x-sh", "application/x-python",
        "application/x-pem-file",
    }
)  # fmt: skip

# Formats recognised but not extracted yet: named in the detail so the gap is visible.
DOCUMENT_TYPES = {
    "pdf": "PDF document",
    "docx": "Word document",
    "doc": "Word document",
    "xlsx": "Excel workbook",
    "xls": "Excel workbook",
    "pptx": "PowerPoint presentation",
    "ppt": "PowerPoint presentation",
    "odt": "OpenDocument text",
    "rtf": "RTF document",
}
DOCUMENT_MIME_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/rtf": "rtf",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class ExtractedText:
    """Result of extraction; ``detail`` says which encoding was used or why nothing was."""

    status: ExtractStatus
    text: str = field(default="", repr=False)
    detail: str = ""


def _extension(name: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.name.lower() == "dockerfile":
        return "dockerfile"
    return path.suffix.lower().lstrip(".")


def _document_kind(extension: str, mime: str) -> str | None:
    if extension in DOCUMENT_TYPES:
        return extension
    return DOCUMENT_MIME_TYPES.get(mime)


def _declared_text(extension: str, mime: str) -> bool:
    return extension in TEXT_EXTENSIONS or mime.startswith("text/") or mime in TEXT_MIME_TYPES


def _utf16_without_bom(sample: bytes) -> str | None:
    """Spot BOM-less UTF-16 by its NUL bytes all sitting on one side of each pair."""
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    pairs = len(sample) // 2
    if pairs == 0:
        return None
    if odd_nuls > 0.3 * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.3 * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` for text bytes, or ``None`` when they look binary or garbled."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, encoding)
    sample = data[:_SNIFF_BYTES]
    if 0 in sample:
        encoding = _utf16_without_bom(sample)
        return _decode_as(data, encoding) if encoding else None
    # cp1252 covers typical Windows text; latin-1 maps every byte, so it always succeeds.
    return (
        _decode_as(data, "utf-8")
        or _decode_as(data, "cp1252")
        or (data.decode("latin-1"), "latin-1")
    )


def _decode_as(data: bytes, encoding: str) -> tuple[str, str] | None:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


def extract_text(
    name: str, mime: str | None, data: bytes, max_chars: int = DEFAULT_MAX_CHARS
) -> ExtractedText:
    """Decode a file into text, or say why it cannot be (unsupported, too large)."""
    extension = _extension(name)
    mime_type = (mime or "").split(";")[0].strip().lower()
    document = _document_kind(extension, mime_type)
    if document is not None:
        return ExtractedText(
            "unsupported", detail=f"{DOCUMENT_TYPES[document]} (.{document}) is not extracted yet"
        )
    # No text encoding needs more than 4 bytes per character.
    if len(data) > 4 * max_chars:
        return ExtractedText("too_large", detail=f"{len(data)} bytes exceed {max_chars} chars")
    decoded = decode_text(data)
    if decoded is None:
        kind = mime_type or (f".{extension}" if extension else "unknown type")
        return ExtractedText("unsupported", detail=f"binary content ({kind})")
    text, encoding = decoded
    if len(text) > max_chars:
        return ExtractedText("too_large", detail=f"{len(text)} chars exceed {max_chars}")
    source = "declared text" if _declared_text(extension, mime_type) else "sniffed text"
    return ExtractedText("ok", text=text, detail=f"{source}, {encoding}")
