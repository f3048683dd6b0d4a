"""Plain-text files (text, Markdown, CSV, JSON, source code) and their encodings.

Byte-order marks and UTF-8 are certain; BOM-less UTF-16 shows in its NUL bytes. Beyond that,
``charset-normalizer`` is trusted for multi-byte encodings (Shift-JIS, GBK, EUC-KR …), which
it recognises well, but not for single-byte code pages, where its guesses between cp1250,
cp1252 and Mac encodings on short texts are no better than a coin: Western Windows text
(cp1252) and finally latin-1, which maps every byte, are the fallback.
"""

from __future__ import annotations

import codecs

from openai_connector.extract.model import Budget, ExtractedText, ExtractionFailed, Segment

# Bytes looked at to tell text from binary.
_SNIFF_BYTES = 8192

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(sample: bytes) -> str | None:
    """Spot BOM-less UTF-16 of mostly ASCII by its NUL bytes all sitting on one side of pairs."""
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


def _detected_multibyte(data: bytes, *, wide_only: bool) -> str | None:
    """charset-normalizer's guess, kept only for multi-byte (or, if ``wide_only``, UTF-16/32)."""
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    best = from_bytes(data[: 16 * _SNIFF_BYTES]).best()
    if best is None or not is_multi_byte_encoding(best.encoding):
        return None
    if wide_only and not best.encoding.startswith(("utf_16", "utf_32")):
        return None
    return best.encoding


def _decode_text(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` for text bytes, or ``None`` when they look binary."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, encoding)
    sample = data[:_SNIFF_BYTES]
    if 0 in sample:
        wide = _utf16_without_bom(sample) or _detected_multibyte(data, wide_only=True)
        return _decode_as(data, wide) if wide else None
    if decoded := _decode_as(data, "utf-8"):
        return decoded
    if (multibyte := _detected_multibyte(data, wide_only=False)) and (
        decoded := _decode_as(data, multibyte)
    ):
        return decoded
    return _decode_as(data, "cp1252") or (data.decode("latin-1"), "latin-1")


def _decode_as(data: bytes, encoding: str) -> tuple[str, str] | None:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


def extract_plain(data: bytes, budget: Budget, *, declared: bool, type_name: str) -> ExtractedText:
    """One segment without a location: offsets index the whole decoded file.

    ``declared`` tells whether name or MIME type promised text (else it was sniffed);
    ``type_name`` names the file's type when it turns out binary.
    """
    max_chars = budget.limits.max_chars
    # No text encoding needs more than 4 bytes per character.
    if len(data) > 4 * max_chars:
        raise ExtractionFailed("too_large", f"{len(data)} bytes exceed {max_chars} chars")
    decoded = _decode_text(data)
    if decoded is None:
        raise ExtractionFailed("unsupported", f"binary content ({type_name})")
    text, encoding = decoded
    segments = (Segment(None, budget.take(text)),) if text else ()
    origin = "declared" if declared else "sniffed"
    return ExtractedText("ok", segments, f"{origin} text, {encoding}")
