"""Office Open XML packages (docx, xlsx, pptx), opened zip-bomb safe.

Before anything is inflated, the central directory is checked: member count, total declared
size, and each large member's inflation ratio. Python's ``zipfile`` never inflates a member
beyond its declared size (it stops there and fails the CRC check), so these checks bound the
work of the libraries that read a package afterwards too. Members read here go through a
pull parser in bounded chunks, with entities left unresolved and no DTD or network access.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, NoReturn, cast

from openai_connector.extract.formats import OLE_MAGIC
from openai_connector.extract.model import Budget, ExtractionFailed, ExtractLimits

if TYPE_CHECKING:
    from lxml import etree

    from openai_connector._compat.lxml import Element

_CHUNK_BYTES = 64 * 1024
_ENCRYPTED_MARKER = "EncryptedPackage".encode("utf-16-le")
_ZIP_ENCRYPTED_FLAG = 0x1


def reject_ole(data: bytes) -> NoReturn:
    """A Compound File is either a password-protected OOXML package or a legacy binary."""
    if _ENCRYPTED_MARKER in data:
        raise ExtractionFailed("encrypted", "Office document is password-protected")
    raise ExtractionFailed("unsupported", "Office 97-2003 binary file is not extracted")


def open_package(data: bytes, limits: ExtractLimits) -> zipfile.ZipFile:
    """The package, once its directory promises nothing beyond the limits."""
    if data.startswith(OLE_MAGIC):
        reject_ole(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ExtractionFailed("corrupt", f"not a zip package: {exc}") from None
    try:
        _check_members(archive.infolist(), limits)
    except ExtractionFailed:
        archive.close()
        raise
    return archive


def _check_members(infos: list[zipfile.ZipInfo], limits: ExtractLimits) -> None:
    """Refuse encrypted members and directories that would inflate past the limits."""
    if len(infos) > limits.max_members:
        raise ExtractionFailed(
            "too_large", f"{len(infos)} package members exceed {limits.max_members}"
        )
    total = 0
    for info in infos:
        if info.flag_bits & _ZIP_ENCRYPTED_FLAG:
            raise ExtractionFailed("encrypted", "package members are encrypted")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise ExtractionFailed(
                "too_large",
                f"a package member inflates {ratio:.0f}x (limit {limits.max_ratio}x): zip bomb",
            )
    if total > limits.max_unzipped_bytes:
        raise ExtractionFailed(
            "too_large", f"package inflates to {total} bytes (limit {limits.max_unzipped_bytes})"
        )


def _read_member(archive: zipfile.ZipFile, name: str, budget: Budget) -> Iterator[bytes]:
    """A member's bytes in bounded chunks, with a look at the clock between them."""
    with archive.open(name) as stream:
        while chunk := stream.read(_CHUNK_BYTES):
            budget.check_time()
            yield chunk


def iter_elements(
    archive: zipfile.ZipFile, name: str, tag: str, budget: Budget
) -> Iterator[Element]:
    """Each ``tag`` element of an XML member once it is complete, then freed.

    Streaming keeps memory flat for huge parts; an element nested in another one of the same
    tag is yielded (and emptied) first, so its text is not repeated by the outer one.
    """
    from lxml import etree

    parser = etree.XMLPullParser(
        events=("end",),
        tag=tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    for chunk in _read_member(archive, name, budget):
        parser.feed(chunk)
        yield from _completed(parser)
    parser.close()
    yield from _completed(parser)


def _completed(parser: etree.XMLPullParser) -> Iterator[Element]:
    for _event, item in parser.read_events():
        element = cast("Element", item)  # only "end" events were asked for: all elements
        yield element
        element.clear(keep_tail=True)  # type: ignore[call-arg]  # missing from lxml-stubs
        while element.getprevious() is not None:
            del cast("Element", element.getparent())[0]  # an element with a sibling has a parent
