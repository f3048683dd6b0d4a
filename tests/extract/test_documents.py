"""Documents of each type yield their planted values, at the page, sheet, slide or part
they sit in, and the classifier finds them there."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable

import pytest

from openai_connector.extract import extract_text

from .documents import (
    AWS_KEY,
    EMAIL,
    Located,
    docx_bytes,
    located_findings,
    pdf_bytes,
    pptx_bytes,
    xlsx_bytes,
)

CASES: list[tuple[str, Callable[[], bytes], Located]] = [
    (
        "report.pdf",
        lambda: pdf_bytes(["Quarterly report", f"AWS key id {AWS_KEY}", f"Contact {EMAIL}"]),
        {("page:2", "AWS_ACCESS_KEY_ID", AWS_KEY), ("page:3", "EMAIL_ADDRESS", EMAIL)},
    ),
    (
        "memo.docx",
        lambda: docx_bytes(
            ["Rollout memo", f"The deploy user is {AWS_KEY}."],
            header=f"Owner: {EMAIL}",
            comment=f"Rotate {AWS_KEY} after the rollout",
        ),
        {
            ("part:body", "AWS_ACCESS_KEY_ID", AWS_KEY),
            ("part:header1", "EMAIL_ADDRESS", EMAIL),
            ("part:comments", "AWS_ACCESS_KEY_ID", AWS_KEY),
        },
    ),
    (
        "customers.xlsx",
        lambda: xlsx_bytes(
            {
                "Summary": [["region", "total"], ["EMEA", 1200]],
                "Customers": [["name", "email", "key"], ["Jane Doe", EMAIL, AWS_KEY]],
            },
            hidden="Customers",
        ),
        {
            ("sheet:Customers", "EMAIL_ADDRESS", EMAIL),
            ("sheet:Customers", "AWS_ACCESS_KEY_ID", AWS_KEY),
        },
    ),
    (
        "deck.pptx",
        lambda: pptx_bytes([("Roadmap", None), (f"Deploy with {AWS_KEY}", f"Ask {EMAIL}")]),
        {("slide:2", "AWS_ACCESS_KEY_ID", AWS_KEY), ("slide:2:notes", "EMAIL_ADDRESS", EMAIL)},
    ),
]


@pytest.mark.parametrize(("name", "make", "expected"), CASES, ids=[case[0] for case in CASES])
def test_planted_values_are_found_where_they_sit(
    name: str, make: Callable[[], bytes], expected: Located
) -> None:
    extracted = extract_text(name, None, make())
    assert extracted.status == "ok", extracted.detail
    assert expected <= located_findings(extracted)


def test_locations_and_text_are_stable_for_the_same_content() -> None:
    """Finding ids derive from location and offsets: the same file must give the same ones."""
    data = pptx_bytes([("one", "notes"), ("two", None)])
    assert extract_text("a.pptx", None, data) == extract_text("a.pptx", None, data)


def test_spreadsheet_rows_are_lines_of_tab_separated_cells() -> None:
    data = xlsx_bytes({"People": [["name", None, "email"], [None, None, None], ["Jane", 3, EMAIL]]})
    (segment,) = extract_text("people.xlsx", None, data).segments
    assert segment.text == f"name\t\temail\n\nJane\t3\t{EMAIL}"


def replace_member(package: bytes, name: str, content: str) -> bytes:
    """The package with one member's content swapped (for hand-written XML)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = content.encode() if info.filename == name else source.read(info)
            target.writestr(info.filename, body)
    return out.getvalue()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def word_document(body: str, doctype: str = "") -> bytes:
    xml = f"<?xml version='1.0'?>{doctype}<w:document {W_NS}><w:body>{body}</w:body></w:document>"
    return replace_member(docx_bytes(["placeholder"]), "word/document.xml", xml)


def test_deleted_text_of_tracked_changes_is_read() -> None:
    """A reviewer's deletion stays in the file for anyone to read, so it is scanned too."""
    body = (
        f"<w:p><w:r><w:t>key:</w:t></w:r><w:r><w:tab/></w:r>"
        f"<w:del><w:r><w:delText>{AWS_KEY}</w:delText></w:r></w:del></w:p>"
    )
    extracted = extract_text("tracked.docx", None, word_document(body))
    assert extracted.segments[0].text == f"key:\t{AWS_KEY}"


def test_external_entities_are_not_resolved(tmp_path) -> None:
    secret_file = tmp_path / "host-secret.txt"
    secret_file.write_text("LOCAL-FILE-CONTENT")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>'
    body = "<w:p><w:r><w:t>before &xxe; after</w:t></w:r></w:p>"
    extracted = extract_text("xxe.docx", None, word_document(body, doctype))
    assert extracted.segments[0].text == "before  after"


def test_entity_expansion_bombs_do_not_expand() -> None:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)
    )
    doctype = f"<!DOCTYPE w:document [{entities}]>"
    started = time.monotonic()
    extracted = extract_text(
        "laughs.docx", None, word_document("<w:p><w:r><w:t>&i;</w:t></w:r></w:p>", doctype)
    )
    assert time.monotonic() - started < 5  # a guard against hangs, not a benchmark
    assert extracted.status in {"ok", "corrupt"}  # libxml2 may refuse the amplification
    assert extracted.char_count < 1000  # 10**9 characters if expanded
