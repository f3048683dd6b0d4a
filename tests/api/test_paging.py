"""Every paginator ends or fails naming its loop, whatever cursors the API sends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from openai_connector.api import CursorStalledError
from openai_connector.api.models import format_timestamp
from openai_connector.api.paging import MAX_IDLE_PAGES

from .fakes import FakeAPI, api_json, list_page

START = datetime(2026, 7, 16, tzinfo=UTC)


def _log_entry(file_id: str, end_time: datetime) -> dict[str, object]:
    return {
        "id": file_id,
        "event_type": "CONVERSATION_MESSAGE",
        "end_time": format_timestamp(end_time),
    }


def test_a_legacy_cursor_that_cycles_is_an_error_naming_the_loop() -> None:
    """``last_id`` B → A → B once paged forever."""
    pages = {None: "user-b", "user-b": "user-a", "user-a": "user-b"}

    def handle(request: httpx.Request) -> httpx.Response:
        last = pages[request.url.params.get("after")]
        return list_page([{"id": last}], has_more=True, last_id=last)

    api = FakeAPI(handle)
    with (
        api.client() as client,
        pytest.raises(CursorStalledError, match=r"the users listing .* came back"),
    ):
        list(client.iter_users())
    assert len(api.requests) == 3


def test_a_log_cursor_creeping_a_microsecond_a_page_is_an_error() -> None:
    """The same file again and again, the cursor one microsecond further each time."""

    def handle(request: httpx.Request) -> httpx.Response:
        after = datetime.fromisoformat(request.url.params["after"])
        page = {
            "data": [_log_entry("eclf_same", START)],
            "has_more": True,
            "last_end_time": format_timestamp(after + timedelta(microseconds=1)),
        }
        return api_json(page)

    api = FakeAPI(handle)
    with (
        api.client() as client,
        pytest.raises(CursorStalledError, match=r"CONVERSATION_MESSAGE log listing .* nothing new"),
    ):
        list(client.iter_log_files(after=START - timedelta(days=1)))
    assert len(api.requests) == MAX_IDLE_PAGES + 1


def test_endless_fresh_pages_stop_at_the_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("openai_connector.api.paging.MAX_PAGES", 50)

    def handle(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("after", "user-0")
        following = f"user-{int(after.removeprefix('user-')) + 1}"
        return list_page([{"id": following}], has_more=True, last_id=following)

    api = FakeAPI(handle)
    with (
        api.client() as client,
        pytest.raises(CursorStalledError, match="more than 50 pages in one run"),
    ):
        list(client.iter_users())
    assert len(api.requests) == 50


def test_before_is_applied_even_when_the_api_ignores_it() -> None:
    before = START + timedelta(hours=5)

    def handle(request: httpx.Request) -> httpx.Response:
        assert request.url.params["before"] == format_timestamp(before)
        after = datetime.fromisoformat(request.url.params["after"])
        end = after + timedelta(hours=2)
        page = {"data": [_log_entry(f"eclf_{end.hour}", end)], "has_more": True}
        return api_json(page | {"last_end_time": format_timestamp(end)})

    api = FakeAPI(handle)
    with api.client() as client:
        files = list(client.iter_log_files(after=START, before=before))
    assert [f.end_time for f in files] == [START + timedelta(hours=2), START + timedelta(hours=4)]
    assert len(api.requests) == 3
