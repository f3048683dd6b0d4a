from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from openai_connector.api import (
    ConversationMessageEvent,
    CorruptLine,
    CursorStalledError,
    DecodeError,
    IntegrityError,
    NotFoundError,
    ServerError,
    TransportError,
    UnsafeURLError,
)

from .fakes import (
    BODY,
    CANARY_KEY,
    LOG_FILE,
    ORGANIZATION_ID,
    SIGNED_HOST,
    WS_PATH,
    FakeAPI,
    api_error,
    api_json,
    assert_clean,
    bearer_of,
    log_file_entry,
    redirect_to,
    scripted,
)

AFTER = datetime(2026, 7, 16, tzinfo=UTC)


def _logs_page(files: list[dict[str, Any]], *, has_more: bool, last: str | None) -> httpx.Response:
    return api_json({"data": files, "has_more": has_more, "last_end_time": last})


def test_pages_follow_last_end_time_with_the_documented_query() -> None:
    api = FakeAPI.answering(
        _logs_page(
            [log_file_entry("eclf_1", "2026-07-16T01:00:00Z")],
            has_more=True,
            last="2026-07-16T01:00:00Z",
        ),
        _logs_page(
            [log_file_entry("eclf_2", "2026-07-16T02:00:00.5Z")],
            has_more=False,
            last="2026-07-16T02:00:00.5Z",
        ),
    )
    with api.client() as client:
        files = list(client.iter_log_files(after=AFTER, page_size=10))
    assert [log_file.id for log_file in files] == ["eclf_1", "eclf_2"]
    first, second = (dict(request.url.params) for request in api.requests)
    assert first == {
        "event_type": "CONVERSATION_MESSAGE",
        "after": "2026-07-16T00:00:00.000000Z",
        "limit": "10",
    }
    assert second["after"] == "2026-07-16T01:00:00Z"
    assert api.paths() == [f"{WS_PATH}/logs"] * 2
    assert all(bearer_of(request) == f"Bearer {CANARY_KEY}" for request in api.requests)


def test_before_is_sent_and_org_event_types_use_the_organization_path() -> None:
    api = FakeAPI.answering(_logs_page([], has_more=False, last=None))
    before = datetime(2026, 7, 17, tzinfo=UTC)
    with api.client() as client:
        assert list(client.iter_log_files("APP_ORGANIZATION_LOG", after=AFTER, before=before)) == []
    (request,) = api.requests
    assert request.url.path == f"/v1/compliance/organizations/{ORGANIZATION_ID}/logs"
    assert request.url.params["before"] == "2026-07-17T00:00:00.000000Z"


def test_a_file_returned_again_at_the_boundary_is_yielded_once() -> None:
    boundary = log_file_entry("eclf_2", "2026-07-16T02:00:00Z")
    api = FakeAPI.answering(
        _logs_page(
            [log_file_entry("eclf_1", "2026-07-16T01:00:00Z"), boundary],
            has_more=True,
            last="2026-07-16T02:00:00Z",
        ),
        _logs_page(
            [boundary, log_file_entry("eclf_3", "2026-07-16T03:00:00Z")],
            has_more=False,
            last="2026-07-16T03:00:00Z",
        ),
    )
    with api.client() as client:
        assert [f.id for f in client.iter_log_files(after=AFTER)] == ["eclf_1", "eclf_2", "eclf_3"]


def test_null_last_end_time_with_files_advances_to_the_newest_file() -> None:
    api = FakeAPI.answering(
        _logs_page([log_file_entry("eclf_1", "2026-07-16T01:00:00Z")], has_more=True, last=None),
        _logs_page([], has_more=False, last=None),
    )
    with api.client() as client:
        assert [f.id for f in client.iter_log_files(after=AFTER)] == ["eclf_1"]
    assert api.requests[1].url.params["after"] == "2026-07-16T01:00:00.000000Z"


def test_empty_page_with_null_cursor_ends_when_nothing_more() -> None:
    api = FakeAPI.answering(_logs_page([], has_more=False, last=None))
    with api.client() as client:
        assert list(client.iter_log_files(after=AFTER)) == []


@pytest.mark.parametrize(
    "page",
    [
        _logs_page([], has_more=True, last=None),
        _logs_page(
            [log_file_entry("eclf_0", "2026-07-15T00:00:00Z")],
            has_more=True,
            last="2026-07-16T00:00:00Z",
        ),
        _logs_page([], has_more=True, last="2026-07-15T00:00:00Z"),
    ],
)
def test_a_cursor_that_does_not_advance_is_an_error_not_a_loop(page: httpx.Response) -> None:
    api = FakeAPI(lambda request: page)
    with api.client() as client, pytest.raises(CursorStalledError, match="did not advance"):
        list(client.iter_log_files(after=AFTER))
    assert len(api.requests) == 1


def test_a_page_holding_only_the_boundary_file_steps_past_it() -> None:
    boundary = log_file_entry("eclf_1", "2026-07-16T01:00:00Z")
    api = FakeAPI.answering(
        _logs_page([boundary], has_more=True, last="2026-07-16T01:00:00Z"),
        _logs_page([boundary], has_more=True, last="2026-07-16T01:00:00Z"),
        _logs_page([log_file_entry("eclf_2", "2026-07-16T02:00:00Z")], has_more=False, last=None),
    )
    with api.client() as client:
        assert [f.id for f in client.iter_log_files(after=AFTER, page_size=1)] == [
            "eclf_1",
            "eclf_2",
        ]
    assert api.requests[2].url.params["after"] == "2026-07-16T01:00:00.000001Z"


def test_an_unreadable_cursor_is_a_decode_error() -> None:
    api = FakeAPI.answering(_logs_page([], has_more=True, last="yesterday"))
    with api.client() as client, pytest.raises(DecodeError, match="unreadable last_end_time"):
        list(client.iter_log_files(after=AFTER))


def test_page_size_and_timezone_are_checked() -> None:
    api = FakeAPI.answering()
    with api.client() as client:
        with pytest.raises(ValueError, match="between 1 and 100"):
            next(client.iter_log_files(after=AFTER, page_size=101))
        with pytest.raises(ValueError, match="timezone-aware"):
            next(client.iter_log_files(after=datetime(2026, 7, 16)))
    assert api.requests == []


def test_a_malformed_list_item_is_a_decode_error() -> None:
    api = FakeAPI(lambda request: _logs_page([{"event_type": "X"}], has_more=False, last=None))
    with api.client() as client, pytest.raises(DecodeError, match="missing 'id'"):
        list(client.iter_log_files(after=AFTER))


def test_entries_without_end_time_or_file_fields_take_the_previous_end() -> None:
    """Only ``id`` is needed: a missing end stands in as the newest end before it (a lower
    bound, so a watermark set from it replays the file rather than skipping it)."""
    page = [
        {"id": "eclf_1"},
        log_file_entry("eclf_2", "2026-07-16T02:00:00.5Z"),
        {"id": "eclf_3", "event_type": "CONVERSATION_MESSAGE"},
    ]
    api = FakeAPI(lambda request: _logs_page(page, has_more=False, last=None))
    with api.client() as client:
        files = list(client.iter_log_files(after=AFTER))
    assert [(f.id, f.end_time) for f in files] == [
        ("eclf_1", AFTER),
        ("eclf_2", datetime(2026, 7, 16, 2, 0, 0, 500000, tzinfo=UTC)),
        ("eclf_3", datetime(2026, 7, 16, 2, 0, 0, 500000, tzinfo=UTC)),
    ]
    assert (files[0].file_name, files[0].file_size, files[0].file_sha256) == (None, None, None)


# ------------------------------------------------------------------ downloads

SIGNED_URL = f"https://{SIGNED_HOST}/blob/eclf_1?sig=SIGNATURE-SECRET&se=1"


class DownloadServer:
    """API answers 307; the signed host serves `bodies` in turn (the last one repeats)."""

    def __init__(self, *bodies: httpx.Response | bytes | Exception) -> None:
        answers = [httpx.Response(200, content=b) if isinstance(b, bytes) else b for b in bodies]
        self.signed = scripted(*answers, repeat_last=True)
        self.api = FakeAPI(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == SIGNED_HOST:
            return self.signed(request)
        assert request.url.path == f"{WS_PATH}/logs/eclf_1"
        return redirect_to(SIGNED_URL)

    def signed_requests(self) -> list[httpx.Request]:
        return [request for request in self.api.requests if request.url.host == SIGNED_HOST]

    def api_requests(self) -> list[httpx.Request]:
        return [request for request in self.api.requests if request.url.host != SIGNED_HOST]


def test_download_follows_the_307_without_sending_the_key() -> None:
    server = DownloadServer(BODY)
    with server.api.client() as client, client.download_log_file(LOG_FILE) as downloaded:
        assert downloaded.read() == BODY
        assert list(downloaded.iter_lines()) == BODY.splitlines(keepends=True)
        assert (downloaded.size, downloaded.sha256) == (len(BODY), LOG_FILE.file_sha256)
        assert client.stats.snapshot()["bytes_downloaded"] == len(BODY)
    (signed,) = server.signed_requests()
    assert bearer_of(signed) is None
    assert bearer_of(server.api_requests()[0]) == f"Bearer {CANARY_KEY}"


def test_iter_log_events_parses_and_reports_corrupt_lines() -> None:
    server = DownloadServer(BODY)
    with server.api.client() as client:
        event, corrupt = client.iter_log_events(LOG_FILE)
    assert isinstance(event, ConversationMessageEvent)
    assert event.message.text == "hi"
    assert corrupt == CorruptLine(
        2, "not valid JSON (Expecting property name enclosed in double quotes at column 2)"
    )


def test_verified_bytes_are_copied_to_dest() -> None:
    dest = io.BytesIO()
    with DownloadServer(BODY).api.client() as client:
        client.download_log_file(LOG_FILE, dest).close()
    assert dest.getvalue() == BODY


def test_sha_mismatch_then_success_requests_a_fresh_url() -> None:
    server = DownloadServer(BODY.replace(b"hi", b"ho"), BODY)
    with server.api.client() as client, client.download_log_file(LOG_FILE) as downloaded:
        assert downloaded.read() == BODY
        assert client.stats.snapshot()["retries"] == 1
    assert len(server.api_requests()) == 2
    assert len(server.signed_requests()) == 2


def test_sha_mismatch_forever_is_an_integrity_error_after_bounded_attempts() -> None:
    server = DownloadServer(BODY.replace(b"hi", b"ho"))
    with (
        server.api.client(max_attempts=3) as client,
        pytest.raises(IntegrityError, match="sha256 mismatch") as caught,
    ):
        client.download_log_file(LOG_FILE)
    assert len(server.signed_requests()) == 3
    assert "after 3 attempts" in str(caught.value)
    assert_clean(caught.value)


def test_a_signed_host_that_keeps_resetting_is_a_transport_error() -> None:
    server = DownloadServer(httpx.ReadError("connection reset by peer"))
    with server.api.client(max_attempts=4) as client, pytest.raises(TransportError) as caught:
        client.download_log_file(LOG_FILE)
    assert str(caught.value) == (
        f"Could not reach {SIGNED_HOST} (GET signed download URL): "
        "connection reset by peer after 4 attempts"
    )
    assert caught.value.host == SIGNED_HOST


def _truncated_stream() -> Iterator[bytes]:
    yield BODY[:10]
    raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


@pytest.mark.parametrize(
    "first",
    [
        BODY[:-3],
        httpx.Response(200, content=_truncated_stream()),
        httpx.ReadError("connection reset by peer"),
        httpx.Response(503, text="busy"),
        httpx.Response(403, text="signature expired"),
    ],
    ids=["short-body", "truncated-stream", "reset", "503", "expired-signature"],
)
def test_broken_downloads_are_retried_with_a_fresh_url(first: Any) -> None:
    server = DownloadServer(first, BODY)
    with server.api.client() as client, client.download_log_file(LOG_FILE) as downloaded:
        assert downloaded.read() == BODY
    assert len(server.api_requests()) == 2


def test_persistent_signed_host_errors_surface_after_retries() -> None:
    server = DownloadServer(httpx.Response(500, text="broken"))
    with (
        server.api.client(max_attempts=2) as client,
        pytest.raises(ServerError, match="signed download URL"),
    ):
        client.download_log_file(LOG_FILE)


def test_a_200_instead_of_a_redirect_is_a_decode_error() -> None:
    api = FakeAPI(lambda request: api_json({"unexpected": True}))
    with (
        api.client(max_attempts=2) as client,
        pytest.raises(DecodeError, match="expected a redirect"),
    ):
        client.download_log_file(LOG_FILE)


def test_relative_location_on_the_api_host_still_gets_no_key() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/v1/"):
            return redirect_to("/signed/eclf_1?sig=x")
        return httpx.Response(200, content=BODY)

    api = FakeAPI(handle)
    with api.client() as client, client.download_log_file(LOG_FILE) as downloaded:
        assert downloaded.read() == BODY
    signed = api.requests[1]
    assert (signed.url.host, signed.url.path) == ("api.chatgpt.com", "/signed/eclf_1")
    assert bearer_of(signed) is None


def test_signed_urls_are_redacted_from_httpx_logs(caplog: pytest.LogCaptureFixture) -> None:
    with DownloadServer(BODY).api.client() as client:
        client.download_log_file(LOG_FILE).close()
    assert "SIGNATURE-SECRET" not in caplog.text
    assert "/blob/eclf_1" not in caplog.text
    assert f"GET https://{SIGNED_HOST}/[signed URL redacted]" in caplog.text


def test_storage_redirects_are_followed_without_logging_their_query(
    caplog: pytest.LogCaptureFixture,
) -> None:
    hop = f"https://{SIGNED_HOST}/hop/eclf_1?X-Amz-Signature=HOP-SECRET"
    server = DownloadServer(httpx.Response(302, headers={"Location": hop}), BODY)
    with server.api.client() as client, client.download_log_file(LOG_FILE) as downloaded:
        assert downloaded.read() == BODY
    assert [r.url.path for r in server.signed_requests()] == ["/blob/eclf_1", "/hop/eclf_1"]
    assert all(bearer_of(request) is None for request in server.signed_requests())
    assert "HOP-SECRET" not in caplog.text
    assert f"{SIGNED_HOST}/hop/eclf_1?[redacted]" in caplog.text


def test_api_errors_on_the_download_request_are_classified() -> None:
    api = FakeAPI(lambda request: api_error(404, "Log file eclf_1 not found", "not_found_error"))
    with api.client() as client, pytest.raises(NotFoundError, match="404 on GET") as caught:
        client.download_log_file(LOG_FILE)
    assert type(caught.value) is NotFoundError
    assert len(api.requests) == 1


@pytest.mark.parametrize(
    "unsafe",
    [
        "http://169.254.169.254/latest/meta-data/iam",  # a cloud metadata service
        "http://10.0.0.5:8080/admin",  # an internal address
        "http://files.example.net/blob/eclf_1",  # a storage host without TLS
        "ftp://files.example.net/blob/eclf_1",
    ],
)
@pytest.mark.parametrize("hop", ["first", "redirect"])
def test_a_download_url_that_is_not_https_is_never_requested(unsafe: str, hop: str) -> None:
    """A 307/302 to plain http on a non-loopback host was fetched (SSRF)."""
    first = redirect_to(unsafe) if hop == "first" else redirect_to(SIGNED_URL)

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host == SIGNED_HOST and request.url.scheme == "https":
            return httpx.Response(302, headers={"Location": unsafe})
        if request.url.path.startswith("/v1/"):
            return first
        raise AssertionError(f"requested {request.url}")

    api = FakeAPI(handle)
    with api.client() as client, pytest.raises(UnsafeURLError, match="only https leaves"):
        client.download_log_file(LOG_FILE)
    assert not [r for r in api.requests if r.url.scheme != "https"]
