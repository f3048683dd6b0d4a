"""Budgets for what comes from outside: bytes on the wire, decoded bytes, JSON depth.

A hostile or broken server decides what it sends; these bound what that costs us. A body is
read raw and inflated here, in slices no larger than what is left of its budget, so a small
gzip body cannot expand to gigabytes in memory; a JSON value nested deeper than
:data:`MAX_JSON_DEPTH` is refused as a ``ValueError`` instead of a ``RecursionError`` that no
handler expects.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from openai_connector.errors import OpenAIConnectorError

#: JSON nesting the Compliance API's shapes never come near (a GPT page is about ten deep).
MAX_JSON_DEPTH = 64
#: Decoded size of one API response (a listing page, an error, a deletion).
MAX_RESPONSE_BYTES = 64 * 2**20
_INFLATING = {"gzip", "x-gzip", "deflate"}
_IDENTITY = {"", "identity"}
#: What the client asks for: only encodings it inflates itself, within a budget.
ACCEPT_ENCODING = "gzip, deflate, identity"


class BodyTooLargeError(OpenAIConnectorError, ValueError):
    """A body is (or declares itself, or inflates to) more than its budget."""

    def __init__(self, limit: int, declared: int | None = None) -> None:
        size = f"declares {declared} bytes" if declared is not None else "is larger"
        super().__init__(f"the body {size}, over the budget of {limit} bytes")
        self.limit = limit
        self.declared = declared


class UnsupportedEncodingError(OpenAIConnectorError, ValueError):
    """A ``Content-Encoding`` the client did not ask for and cannot inflate within a budget."""


class JSONTooDeepError(OpenAIConnectorError, ValueError):
    """A JSON value nested deeper than :data:`MAX_JSON_DEPTH`."""

    def __init__(self) -> None:
        super().__init__(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")


def check_declared_size(headers: Any, limit: float) -> int | None:
    """The ``Content-Length`` (if any); ``BodyTooLargeError`` if it is over ``limit``."""
    declared = headers.get("Content-Length")
    size = int(declared) if declared and declared.isdigit() else None
    if size is not None and size > limit:
        raise BodyTooLargeError(int(limit), size)
    return size


def decoded_chunks(
    raw_chunks: Iterable[bytes], content_encoding: str | None, limit: float
) -> Iterator[bytes]:
    """The body decoded, never more than ``limit`` bytes of it in total."""
    encoding = (content_encoding or "").strip().lower()
    if encoding in _IDENTITY:
        chunks: Iterable[bytes] = raw_chunks
    elif encoding in _INFLATING:
        chunks = _inflate(raw_chunks, limit)
    else:
        raise UnsupportedEncodingError(f"unsupported Content-Encoding {encoding[:40]!r}")
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise BodyTooLargeError(int(limit))
        if chunk:
            yield chunk


def _inflate(raw_chunks: Iterable[bytes], limit: float) -> Iterator[bytes]:
    inflater = zlib.decompressobj(wbits=47)  # gzip or zlib header, detected
    budget = int(min(limit, 2**31 - 2)) + 1  # one byte over proves the budget is exceeded
    try:
        for raw in raw_chunks:
            data = raw
            while data:
                yield inflater.decompress(data, budget)
                data = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise UnsupportedEncodingError(f"the compressed body is corrupt ({exc})") from None


def loads(data: str | bytes) -> Any:
    """``json.loads`` within the depth budget."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise JSONTooDeepError() from None
    return _within_depth(value, data)


_DECODER = json.JSONDecoder()


def raw_decode(text: str, position: int = 0) -> tuple[Any, int]:
    """``JSONDecoder.raw_decode`` within the depth budget."""
    try:
        value, end = _DECODER.raw_decode(text, position)
    except RecursionError:
        raise JSONTooDeepError() from None
    return _within_depth(value, text[position:end]), end


def _within_depth(value: Any, source: str | bytes) -> Any:
    # Cheap test first: a value cannot nest deeper than it has brackets.
    brackets = (
        source.count(b"[") + source.count(b"{")
        if isinstance(source, bytes)
        else source.count("[") + source.count("{")
    )
    if brackets > MAX_JSON_DEPTH and _too_deep(value):
        raise JSONTooDeepError()
    return value


def _too_deep(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
