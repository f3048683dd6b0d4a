"""Hostile and broken files end in a status with a reason, never in an exception."""

from __future__ import annotations

import io
import struct
import time
import zipfile

import pytest

from openai_connector.extract import ExtractLimits, extract_text
from openai_connector.extract.formats import OLE_MAGIC

from .documents import AWS_KEY, docx_bytes, pdf_bytes, pptx_bytes, xlsx_bytes, zip_bytes


def with_member(package: bytes, name: str, content: bytes) -> bytes:
    """The package with one more member."""
    out = io.BytesIO(package)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return out.getvalue()


def test_zip_bomb_member_is_refused_before_inflating() -> None:
    bomb = with_member(docx_bytes(["hello"]), "word/media/image1.bin", bytes(16 * 2**20))
    assert len(bomb) < 100_000
    extracted = extract_text("bomb.docx", None, bomb)
    assert extracted.status == "too_large"
    assert "zip bomb" in extracted.detail


@pytest.mark.parametrize(
    ("name", "make"),
    [("a.docx", lambda: docx_bytes(["x"])), ("a.xlsx", lambda: xlsx_bytes({"S": [["x"]]}))],
)
def test_total_inflated_size_is_limited(name, make) -> None:
    package = with_member(make(), "customXml/blob.bin", bytes(range(256)) * 4096)  # 1 MiB
    extracted = extract_text(name, None, package, ExtractLimits(max_unzipped_bytes=2**20))
    assert extracted.status == "too_large"
    assert "package inflates to" in extracted.detail


def test_member_count_is_limited() -> None:
    package = zip_bytes({f"word/part{n}.xml": b"<x/>" for n in range(20)})
    extracted = extract_text("many.docx", None, package, ExtractLimits(max_members=10))
    assert (extracted.status, extracted.detail) == ("too_large", "20 package members exceed 10")


def patch_headers(package: bytes, member: str, field: tuple[int, int, str], value: int) -> bytes:
    """Overwrite one field of a member in both zip headers, as a crafted file would.

    ``field`` is its offset in the local header, in the central directory entry, and its
    struct format.
    """
    data = bytearray(package)
    local_offset, central_offset, size = field
    info = zipfile.ZipFile(io.BytesIO(package)).getinfo(member)
    struct.pack_into(size, data, info.header_offset + local_offset, value)
    entry = data.index(b"PK\x01\x02")
    while not data[entry + 46 :].startswith(member.encode()):
        entry = data.index(b"PK\x01\x02", entry + 1)
    struct.pack_into(size, data, entry + central_offset, value)
    return bytes(data)


UNCOMPRESSED_SIZE = (22, 24, "<I")
FLAG_BITS = (6, 8, "<H")


def test_a_member_is_never_inflated_beyond_its_declared_size() -> None:
    body = "<w:p><w:r><w:t>" + "A" * (8 * 2**20) + "</w:t></w:r></w:p>"
    xml = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    package = with_member(
        zip_bytes({"[Content_Types].xml": b"<Types/>"}), "word/document.xml", xml.encode()
    )
    started = time.monotonic()
    extracted = extract_text(
        "liar.docx", None, patch_headers(package, "word/document.xml", UNCOMPRESSED_SIZE, 4096)
    )
    assert time.monotonic() - started < 5
    assert extracted.status == "corrupt"


@pytest.mark.parametrize("name", ["scan.pdf", "memo.docx", "sheet.xlsx", "deck.pptx", "photo.png"])
def test_garbage_with_a_document_name_is_corrupt(name: str) -> None:
    extracted = extract_text(name, None, b"this is not what the name says \x00\x01\x02" * 20)
    assert extracted.status in {"corrupt", "unsupported"}  # unsupported: no tesseract for .png
    assert "\n" not in extracted.detail
    assert extracted.segments == ()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("a.pdf", lambda: pdf_bytes([f"key {AWS_KEY}"] * 3)),
        ("a.docx", lambda: docx_bytes([f"key {AWS_KEY}"] * 50)),
        ("a.xlsx", lambda: xlsx_bytes({"S": [[AWS_KEY]] * 200})),
        ("a.pptx", lambda: pptx_bytes([(f"key {AWS_KEY}", None)] * 3)),
    ],
)
def test_truncated_documents_are_corrupt(name, make) -> None:
    data = make()
    extracted = extract_text(name, None, data[: len(data) // 2])
    assert extracted.status == "corrupt", extracted.detail
    assert (
        extracted.detail.startswith(f"unreadable .{name.rsplit('.', 1)[1]}")
        or "zip" in extracted.detail
    )
    assert AWS_KEY not in extracted.detail


def test_password_protected_pdf_is_encrypted() -> None:
    extracted = extract_text("locked.pdf", None, pdf_bytes([f"key {AWS_KEY}"], user_password="pw"))
    assert (extracted.status, extracted.detail) == ("encrypted", "PDF is password-protected")


def test_pdf_with_only_an_owner_password_is_read() -> None:
    extracted = extract_text("restricted.pdf", None, pdf_bytes([AWS_KEY], owner_password="pw"))
    assert extracted.status == "ok"
    assert extracted.segments[0].text == AWS_KEY


def test_password_protected_office_file_is_encrypted() -> None:
    """Office wraps an encrypted package in a Compound File with an EncryptedPackage stream."""
    compound = OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(64)
    for name in ("secret.docx", "secret.xlsx", "secret.pptx", "upload"):
        assert extract_text(name, None, compound).status == "encrypted"
    legacy = extract_text("old.docx", None, OLE_MAGIC + bytes(1024))
    assert legacy.status == "unsupported"


def test_zip_encrypted_members_are_encrypted() -> None:
    package = patch_headers(docx_bytes(["x"]), "word/document.xml", FLAG_BITS, 0x1)
    extracted = extract_text("zipcrypto.docx", None, package)
    assert (extracted.status, extracted.detail) == ("encrypted", "package members are encrypted")


@pytest.mark.parametrize(
    ("name", "make", "unit"),
    [
        ("long.pdf", lambda: pdf_bytes(["page"] * 4), "pages"),
        ("wide.xlsx", lambda: xlsx_bytes({f"S{n}": [["x"]] for n in range(4)}), "sheets"),
        ("long.pptx", lambda: pptx_bytes([("slide", None)] * 4), "slides"),
    ],
)
def test_part_count_is_limited(name, make, unit) -> None:
    extracted = extract_text(name, None, make(), ExtractLimits(max_parts=3))
    assert (extracted.status, extracted.detail) == ("too_large", f"4 {unit} exceed the limit of 3")


def test_cell_count_is_limited() -> None:
    data = xlsx_bytes({"Big": [[1, 2, 3, 4]] * 30})
    extracted = extract_text("big.xlsx", None, data, ExtractLimits(max_cells=100))
    assert (extracted.status, extracted.detail) == ("too_large", "more than 100 cells")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("a.pdf", lambda: pdf_bytes(["x" * 60, "y" * 60])),
        ("a.docx", lambda: docx_bytes(["x" * 60, "y" * 60])),
        ("a.xlsx", lambda: xlsx_bytes({"S": [["x" * 60], ["y" * 60]]})),
        ("a.pptx", lambda: pptx_bytes([("x" * 60, "y" * 60)])),
    ],
)
def test_extracted_characters_are_limited(name, make) -> None:
    extracted = extract_text(name, None, make(), ExtractLimits(max_chars=100))
    assert (extracted.status, extracted.detail) == ("too_large", "more than 100 chars of text")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("a.pdf", lambda: pdf_bytes(["x"])),
        ("a.docx", lambda: docx_bytes(["x"])),
        ("a.xlsx", lambda: xlsx_bytes({"S": [["x"]] * 1000})),
        ("a.pptx", lambda: pptx_bytes([("x", None)])),
    ],
)
def test_spent_time_budget_is_a_timeout(name, make) -> None:
    extracted = extract_text(name, None, make(), ExtractLimits(max_seconds=0))
    assert (extracted.status, extracted.detail) == ("timeout", "extraction took longer than 0s")
