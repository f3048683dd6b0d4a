"""Budgets on what a faulty or hostile API sends: JSON depth, body size, inflated size."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator

import httpx
import pytest

from openai_connector.api import (
    BadRequestError,
    CorruptLine,
    DecodeError,
    IntegrityError,
    LogFile,
    ResponseTooLargeError,
    parse_log_events,
)
from openai_connector.api.client import MAX_LOG_FILE_BYTES
from openai_connector.budgets import MAX_JSON_DEPTH, MAX_RESPONSE_BYTES, loads

from .fakes import BODY, EVENT, LOG_FILE, SIGNED_HOST, FakeAPI, api_json, redirect_to

DEEP = "[" * 50_000 + "]" * 50_000
CHUNK = 64 * 1024


class Pulled:
    """A streamed body that counts how much of it the client pulled off the wire."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.bytes = 0
        self._chunks = chunks

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            self.bytes += len(chunk)
            yield chunk


def _gzip_of_spaces(size: int) -> Iterator[bytes]:
    """A gzip stream inflating to ``size`` bytes, a few hundred kilobytes on the wire."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * 2**20
    for _ in range(size // len(block)):
        if out := deflater.compress(block):
            yield out
    yield deflater.flush()


def test_a_deeply_nested_line_is_quarantined_and_the_rest_lands() -> None:
    """50,000 levels once raised RecursionError: nothing landed and the file was re-read
    on every run."""
    good = json.dumps(EVENT).encode()
    lines = list(parse_log_events([good + b"\n", DEEP.encode() + b"\n", good + b" " + good]))
    assert [type(line).__name__ for line in lines] == [
        "ConversationMessageEvent",
        "CorruptLine",
        "ConversationMessageEvent",
        "ConversationMessageEvent",
    ]
    assert lines[1] == CorruptLine(2, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")


def test_json_just_within_the_depth_budget_parses_and_one_deeper_does_not() -> None:
    within = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert loads(within) is not None
    with pytest.raises(ValueError, match="nested deeper"):
        loads("[" + within + "]")


def test_a_deeply_nested_listing_page_is_a_decode_error() -> None:
    api = FakeAPI(
        lambda request: httpx.Response(
            200, content=f'{{"data": {DEEP}}}', headers={"Content-Type": "application/json"}
        )
    )
    with api.client(max_attempts=2) as client, pytest.raises(DecodeError, match="not JSON"):
        list(client.iter_users())


def test_a_deeply_nested_error_body_is_still_the_status_error() -> None:
    api = FakeAPI(lambda request: httpx.Response(400, content=DEEP))
    with api.client() as client, pytest.raises(BadRequestError, match="400 on GET"):
        list(client.iter_users())


def test_a_gzip_page_cannot_inflate_past_the_response_budget() -> None:
    """A gzip page of 0.39 MiB on the wire once took memory from 43 MiB to 1.2 GiB."""
    wire = Pulled(_gzip_of_spaces(2 * MAX_RESPONSE_BYTES))
    api = FakeAPI(
        lambda request: httpx.Response(
            200,
            headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
            content=iter(wire),
        )
    )
    with api.client() as client, pytest.raises(ResponseTooLargeError, match="over the budget"):
        list(client.iter_users())
    total = sum(len(chunk) for chunk in _gzip_of_spaces(2 * MAX_RESPONSE_BYTES))
    assert wire.bytes < total  # stopped reading part way


def test_a_declared_size_over_the_budget_is_refused_before_reading() -> None:
    wire = Pulled(iter([b"{}"]))
    declared = str(MAX_RESPONSE_BYTES + 1)
    api = FakeAPI(
        lambda request: httpx.Response(
            200, headers={"Content-Length": declared}, content=iter(wire)
        )
    )
    with api.client() as client, pytest.raises(ResponseTooLargeError, match="declares"):
        list(client.iter_users())
    assert wire.bytes == 0


def test_an_unknown_content_encoding_is_refused() -> None:
    api = FakeAPI(
        lambda request: httpx.Response(
            200, headers={"Content-Encoding": "br"}, content=iter([b"\x00\x01"])
        )
    )
    with api.client() as client, pytest.raises(ResponseTooLargeError, match="Content-Encoding"):
        list(client.iter_users())


@pytest.mark.parametrize("declared", [True, False])
def test_a_log_file_is_never_read_past_its_declared_size(declared: bool) -> None:
    """A file listed at 100 B once spooled 512 MiB per attempt before the size check."""
    pulled: list[Pulled] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host != SIGNED_HOST:
            return redirect_to(f"https://{SIGNED_HOST}/blob/eclf_1")
        wire = Pulled(iter([b"x" * CHUNK] * (512 * 16)))  # 512 MiB, streamed
        pulled.append(wire)
        headers = {"Content-Length": str(512 * 2**20)} if declared else {}
        return httpx.Response(200, headers=headers, content=iter(wire))

    api = FakeAPI(handle)
    with api.client(max_attempts=3) as client, pytest.raises(IntegrityError, match="declared"):
        client.download_log_file(LOG_FILE)
    assert len(pulled) == 3
    assert all(wire.bytes <= LOG_FILE.file_size + CHUNK for wire in pulled)


def test_a_log_file_without_a_size_stops_at_the_hard_cap(monkeypatch) -> None:
    monkeypatch.setattr("openai_connector.api.client.MAX_LOG_FILE_BYTES", 4 * CHUNK)
    unsized = LogFile.from_api(
        {"id": "eclf_1", "event_type": "CONVERSATION_MESSAGE", "end_time": "2026-07-16T01:00:00Z"}
    )
    wire = Pulled(iter([b"x" * CHUNK] * 100))

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host != SIGNED_HOST:
            return redirect_to(f"https://{SIGNED_HOST}/blob/eclf_1")
        return httpx.Response(200, content=iter(wire))

    with (
        FakeAPI(handle).client() as client,
        pytest.raises(IntegrityError, match="larger than"),
    ):
        client.download_log_file(unsized)
    assert wire.bytes <= 5 * CHUNK
    assert MAX_LOG_FILE_BYTES >= 2**30


def test_a_gzip_log_file_is_inflated_within_its_size(monkeypatch) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host != SIGNED_HOST:
            return redirect_to(f"https://{SIGNED_HOST}/blob/eclf_1")
        return httpx.Response(
            200, headers={"Content-Encoding": "gzip"}, content=iter([_gzip(BODY)])
        )

    with FakeAPI(handle).client() as client, client.download_log_file(LOG_FILE) as body:
        assert body.read() == BODY


def _gzip(data: bytes) -> bytes:
    deflater = zlib.compressobj(6, zlib.DEFLATED, 31)
    return deflater.compress(data) + deflater.flush()


def test_fakes_still_answer_json() -> None:
    with FakeAPI(lambda request: api_json({"data": [], "has_more": False})).client() as client:
        assert list(client.iter_users()) == []
