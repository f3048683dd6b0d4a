"""Which extractor reads a file: by its name, then its MIME type, then its first bytes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

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

DOCUMENT_EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx", "docm": "docx", "dotx": "docx",
    "xlsx": "xlsx", "xlsm": "xlsx", "xltx": "xlsx",
    "pptx": "pptx", "pptm": "pptx", "potx": "pptx",
    "png": "image", "jpg": "image", "jpeg": "image", "gif": "image", "bmp": "image",
    "tif": "image", "tiff": "image", "webp": "image",
}  # fmt: skip

_OOXML = "application/vnd.openxmlformats-officedocument"
DOCUMENT_MIME_TYPES = {
    "application/pdf": "pdf",
    f"{_OOXML}.wordprocessingml.document": "docx",
    f"{_OOXML}.spreadsheetml.sheet": "xlsx",
    f"{_OOXML}.presentationml.presentation": "pptx",
}

# Recognised but not read: named in the detail so the gap is visible.
UNSUPPORTED_TYPES = {
    "doc": "Word 97-2003 document",
    "xls": "Excel 97-2003 workbook",
    "ppt": "PowerPoint 97-2003 presentation",
    "odt": "OpenDocument text",
    "ods": "OpenDocument spreadsheet",
    "odp": "OpenDocument presentation",
    "rtf": "RTF document",
}
UNSUPPORTED_MIME_TYPES = {
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/rtf": "rtf",
}

#: Compound File Binary: legacy Office files, and password-protected OOXML packages.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_PACKAGE_MAIN_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}


@dataclass(frozen=True, slots=True)
class FileType:
    """``family`` picks the extractor (``text``, ``pdf``, ``docx``, ``xlsx``, ``pptx``,
    ``image``, ``ole`` or ``unsupported``); ``declared`` is false when only content told it;
    ``name`` is how details refer to the type."""

    family: str
    declared: bool
    name: str


def _extension(name: str) -> str:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.name.lower() == "dockerfile":
        return "dockerfile"
    return path.suffix.lower().lstrip(".")


def detect_type(name: str, mime: str | None, data: bytes) -> FileType:
    """The declared type when name or MIME type gives one, else what the first bytes show."""
    extension = _extension(name)
    mime_type = (mime or "").split(";")[0].strip().lower()
    shown = f".{extension}" if extension else mime_type or "unknown type"
    if extension in DOCUMENT_EXTENSIONS:
        return FileType(DOCUMENT_EXTENSIONS[extension], True, shown)
    legacy = extension if extension in UNSUPPORTED_TYPES else None
    legacy = legacy or UNSUPPORTED_MIME_TYPES.get(mime_type)
    if legacy:
        return FileType("unsupported", True, f"{UNSUPPORTED_TYPES[legacy]} (.{legacy})")
    if extension in TEXT_EXTENSIONS:
        return FileType("text", True, shown)
    if mime_type in DOCUMENT_MIME_TYPES:
        return FileType(DOCUMENT_MIME_TYPES[mime_type], True, mime_type)
    if mime_type.startswith("image/"):
        return FileType("image", True, mime_type)
    if mime_type.startswith("text/") or mime_type in TEXT_MIME_TYPES:
        return FileType("text", True, mime_type)
    return _sniff(data, shown)


def _sniff(data: bytes, shown: str) -> FileType:
    family = "text"
    if b"%PDF-" in data[:1024]:
        family = "pdf"
    elif data.startswith(OLE_MAGIC):
        family = "ole"
    elif data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        family = "image"
    elif data.startswith(b"PK\x03\x04"):
        family = _package_family(data)
        shown = "zip archive" if family == "unsupported" else shown
    return FileType(family, False, shown)


def _package_family(data: bytes) -> str:
    """An Office package by its main part; any other zip archive is not read."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError):
        return "text"  # binary after all: the text extractor says so
    for part, family in _PACKAGE_MAIN_PARTS.items():
        if part in names:
            return family
    return "unsupported"
