from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from openai_connector.api import (
    CursorStalledError,
    Deletion,
    RouteNotFoundError,
    WorkspaceNotFoundError,
)
from openai_connector.api.ids import InvalidIdError

from .fakes import (
    SIGNED_HOST,
    WORKSPACE_ID,
    WS_PATH,
    FakeAPI,
    api_error,
    api_json,
    bearer_of,
    list_page,
    redirect_to,
)

CONVERSATION_ID = "1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"


def _params(request: httpx.Request) -> list[tuple[str, str]]:
    return list(request.url.params.multi_items())


def test_legacy_lists_page_with_after_last_id_and_short_pages_are_not_the_end() -> None:
    api = FakeAPI.answering(
        list_page([{"id": "user-1"}], has_more=True, last_id="user-1"),
        list_page([{"id": "user-2"}, {"id": "user-3"}], has_more=True),
        list_page([], has_more=False),
    )
    with api.client() as client:
        assert [user.id for user in client.iter_users(page_size=50)] == [
            "user-1",
            "user-2",
            "user-3",
        ]
    assert [_params(request) for request in api.requests] == [
        [("limit", "50")],
        [("limit", "50"), ("after", "user-1")],
        [("limit", "50"), ("after", "user-3")],
    ]
    assert api.paths() == [f"{WS_PATH}/users"] * 3


@pytest.mark.parametrize(
    "second",
    [list_page([], has_more=True), list_page([{"id": "user-1"}], has_more=True, last_id="user-1")],
)
def test_a_legacy_cursor_that_does_not_move_is_an_error(second: httpx.Response) -> None:
    api = FakeAPI.answering(list_page([{"id": "user-1"}], has_more=True, last_id="user-1"), second)
    with api.client() as client, pytest.raises(CursorStalledError):
        list(client.iter_users())


def test_conversations_send_since_timestamp_on_the_first_page_only() -> None:
    conversation = {"id": "c-1", "messages": {"object": "list", "data": [{"id": "m-1"}]}}
    api = FakeAPI.answering(
        list_page([conversation], has_more=True, last_id="c-1"),
        list_page([{**conversation, "id": "c-2"}], has_more=False),
    )
    since = datetime(2026, 7, 1, 0, 0, 0, 900000, tzinfo=UTC)
    with api.client() as client:
        conversations = list(client.iter_conversations(since=since, users=["user-1", "user-2"]))
    assert [c.id for c in conversations] == ["c-1", "c-2"]
    assert conversations[0].messages[0].id == "m-1"
    first, second = (_params(request) for request in api.requests)
    users = [("users", "user-1"), ("users", "user-2")]
    assert first == [
        ("limit", "500"),
        ("file_format", "id"),
        *users,
        ("since_timestamp", "1782864000"),
    ]
    assert second == [("limit", "500"), ("file_format", "id"), *users, ("after", "c-1")]


def test_more_than_99_users_are_split_into_several_listings() -> None:
    api = FakeAPI(lambda request: list_page([], has_more=False))
    users = [f"user-{n}" for n in range(150)]
    with api.client() as client:
        list(client.iter_conversations(users=users, file_format="url"))
    sent = [[v for k, v in _params(request) if k == "users"] for request in api.requests]
    assert [len(batch) for batch in sent] == [99, 51]
    assert [user for batch in sent for user in batch] == users
    assert all(request.url.params["file_format"] == "url" for request in api.requests)


GPT = {
    "id": "g-1",
    "sharing": {"visibility": "invite-only", "recipients": []},
    "latest_config": {"object": "list", "data": [{"id": "cfg-1", "name": "Bot"}]},
}


@pytest.mark.parametrize(
    ("call", "path", "expected"),
    [
        (lambda c: [g.id for g in c.iter_gpts(file_format="id")], "/gpts", ["g-1"]),
        (lambda c: c.get_gpt("g-1").name, "/gpts/g-1", "Bot"),
        (lambda c: [cfg.id for cfg in c.iter_gpt_configs("g-1")], "/gpts/g-1/configs", ["cfg-1"]),
        (lambda c: [p.id for p in c.iter_projects()], "/projects", ["g-1"]),
        (lambda c: c.get_project("g-p-1").id, "/projects/g-p-1", "g-1"),
        (
            lambda c: [cfg.id for cfg in c.iter_project_configs("g-p-1")],
            "/projects/g-p-1/configs",
            ["cfg-1"],
        ),
    ],
)
def test_gpt_and_project_endpoints(call: Any, path: str, expected: Any) -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/configs"):
            return list_page([{"id": "cfg-1", "name": "Bot"}], has_more=False)
        if request.url.path.rsplit("/", 1)[-1] in ("gpts", "projects"):
            return list_page([GPT], has_more=False)
        return api_json(GPT)

    api = FakeAPI(handle)
    with api.client() as client:
        assert call(client) == expected
    assert api.paths() == [f"{WS_PATH}{path}"]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.delete_gpt_file("g-123", ".."),
        lambda c: c.delete_user_file("user-1", ".."),
        lambda c: c.delete_project_file("g-p-1", "."),
        lambda c: c.delete_conversation(".."),
        lambda c: c.delete_gpt(".."),
        lambda c: c.delete_gpt("g-p-1"),
        lambda c: c.delete_project("g-1"),
        lambda c: c.get_gpt("../users"),
        lambda c: c.unshare_project("g-p-1/../x"),
        lambda c: c.fetch_file("user", "file-1", user_id=".."),
        lambda c: c.fetch_file("gpt", "file-1%2F.."),
        lambda c: c.delete_user_file("user-1", ""),
    ],
)
def test_an_id_not_shaped_as_the_api_issues_it_never_reaches_a_url(call: Any) -> None:
    """``..`` survives quoting and httpx collapses it: ``DELETE …/gpts/g-123/files/..`` was
    sent as ``DELETE …/gpts/g-123``, deleting the GPT."""
    api = FakeAPI(lambda request: api_json({"id": "x", "deleted": True}))
    with api.client() as client, pytest.raises(InvalidIdError, match=r"is not a .* id"):
        call(client)
    assert api.requests == []


@pytest.mark.parametrize(
    ("call", "path"),
    [
        (lambda c: c.delete_conversation(CONVERSATION_ID), f"/conversations/{CONVERSATION_ID}"),
        (lambda c: c.delete_user_file("user-1", "file-1"), "/users/user-1/files/file-1"),
        (lambda c: c.delete_user_file("user-1", "file_00a1"), "/users/user-1/files/file_00a1"),
        (lambda c: c.delete_gpt("g-1"), "/gpts/g-1"),
        (lambda c: c.delete_gpt_file("g-1", "file-1"), "/gpts/g-1/files/file-1"),
        (lambda c: c.delete_project("g-p-1"), "/projects/g-p-1"),
        (lambda c: c.delete_project_file("g-p-1", "file-1"), "/projects/g-p-1/files/file-1"),
        (lambda c: c.unshare_gpt("g-1"), "/gpts/g-1/shared_users"),
        (lambda c: c.unshare_project("g-p-1"), "/projects/g-p-1/shared_users"),
    ],
)
def test_delete_endpoints(call: Any, path: str) -> None:
    api = FakeAPI(lambda request: api_json({"id": "x-1", "object": "deleted", "deleted": True}))
    with api.client() as client:
        assert call(client) == Deletion(id="x-1", deleted=True, object="deleted")
    (request,) = api.requests
    assert (request.method, request.url.path) == ("DELETE", f"{WS_PATH}{path}")


def test_delete_of_something_already_gone_is_an_outcome() -> None:
    api = FakeAPI(lambda request: api_error(404, "Conversation not found", "not_found_error"))
    with api.client() as client:
        assert client.delete_conversation(CONVERSATION_ID) == Deletion(
            CONVERSATION_ID, deleted=False, already_gone=True
        )


def test_delete_with_an_empty_body_succeeds() -> None:
    api = FakeAPI(lambda request: httpx.Response(204))
    with api.client() as client:
        assert client.delete_gpt("g-1") == Deletion("g-1", deleted=True)


NOT_THERE_BODIES = [
    httpx.Response(404, text="Not Found"),
    httpx.Response(404, html="<html><body>404</body></html>"),
    api_json({"detail": "Not Found"}, 404),
    httpx.Response(404),
]


@pytest.mark.parametrize("response", NOT_THERE_BODIES)
def test_a_404_on_an_item_endpoint_is_not_there_whatever_its_body(
    response: httpx.Response,
) -> None:
    with FakeAPI(lambda request: response).client() as client:
        assert client.delete_user_file("user-1", "file-1").already_gone
        assert client.fetch_file("user", "file-1", user_id="user-1").status == "not_found"


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (
            api_error(404, f"Workspace {WORKSPACE_ID} not found", "not_found_error"),
            WorkspaceNotFoundError,
        ),
        (api_error(404, "Invalid URL (DELETE /v1/x)"), RouteNotFoundError),
    ],
)
def test_delete_against_a_wrong_workspace_or_url_still_raises(
    response: httpx.Response, error: type[Exception]
) -> None:
    with FakeAPI(lambda request: response).client() as client, pytest.raises(error):
        client.delete_conversation(CONVERSATION_ID)


def _users_pages(total: int, page: int = 200) -> FakeAPI:
    def handle(request: httpx.Request) -> httpx.Response:
        after = request.url.params.get("after")
        start = int(after.removeprefix("user-")) + 1 if after else 0
        ids = [f"user-{n}" for n in range(start, min(start + page, total))]
        return list_page(
            [{"id": i} for i in ids],
            has_more=start + page < total,
            last_id=ids[-1] if ids else None,
        )

    return FakeAPI(handle)


def test_probe_counts_users() -> None:
    api = _users_pages(42)
    with api.client() as client:
        probe = client.probe()
    assert (probe.user_count, probe.more_users) == (42, False)
    assert probe.summary.endswith("Acme at https://api.chatgpt.com/v1: 42 users")


def test_probe_stops_counting_at_1000() -> None:
    api = _users_pages(5000)
    with api.client() as client:
        probe = client.probe()
    assert (probe.user_count, probe.more_users) == (1000, True)
    assert "more than 1,000 users" in probe.summary
    assert len(api.requests) == 5


# ------------------------------------------------------------------ file content

CONTENT = b"%PDF-1.4 secret report"


def _file_server(
    *, status: int = 200, body: Any = CONTENT, headers: dict[str, str] | None = None
) -> FakeAPI:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host == SIGNED_HOST:
            return httpx.Response(
                200, content=body, headers=headers or {"Content-Type": "application/pdf"}
            )
        if status != 307:
            return api_error(status, "File file-1 not found" if status == 404 else "expired", "x")
        return redirect_to(f"https://{SIGNED_HOST}/f/file-1?sig=abc")

    return FakeAPI(handle)


@pytest.mark.parametrize(
    ("kind", "kwargs", "path"),
    [
        ("user", {"user_id": "user-1"}, "/users/user-1/files/file-1"),
        ("gpt", {}, "/gpt_files/file-1"),
        ("project", {}, "/project_files/file-1"),
    ],
)
def test_fetch_file_streams_the_content(kind: Any, kwargs: dict[str, str], path: str) -> None:
    api = _file_server(status=307)
    with api.client() as client, client.fetch_file(kind, "file-1", **kwargs) as fetched:
        assert fetched.status == "fetched"
        assert fetched.read() == CONTENT
        assert fetched.open().read(4) == b"%PDF"
        assert (fetched.size, fetched.sha256) == (len(CONTENT), hashlib.sha256(CONTENT).hexdigest())
        assert fetched.content_type == "application/pdf"
    api_request, signed = api.requests
    assert api_request.url.path == f"{WS_PATH}{path}"
    assert bearer_of(signed) is None


def test_fetch_file_passes_conversation_id_for_audio_and_video() -> None:
    api = _file_server(status=307)
    with api.client() as client:
        client.fetch_file("user", "file-1", user_id="user-1", conversation_id="c-9").close()
    assert api.requests[0].url.params["conversation_id"] == "c-9"


@pytest.mark.parametrize(("status", "outcome"), [(410, "expired"), (404, "not_found")])
def test_expired_and_missing_files_are_outcomes(status: int, outcome: str) -> None:
    with _file_server(status=status).client() as client:
        fetched = client.fetch_file("gpt", "file-1")
    assert (fetched.status, fetched.size, fetched.sha256) == (outcome, None, None)
    with pytest.raises(ValueError, match=f"was not fetched \\({outcome}\\)"):
        fetched.read()


def _chunks() -> Iterator[bytes]:
    yield b"x" * 60
    yield b"x" * 60


@pytest.mark.parametrize(
    ("body", "headers", "declared"),
    [(b"x" * 120, None, 120), (_chunks(), {"Content-Type": "text/plain"}, None)],
    ids=["content-length", "streamed"],
)
def test_files_over_max_bytes_are_too_large(body: Any, headers: Any, declared: int | None) -> None:
    api = _file_server(status=307, body=body, headers=headers)
    with api.client() as client:
        fetched = client.fetch_file("project", "file-1", max_bytes=100)
    assert (fetched.status, fetched.size) == ("too_large", declared)


def test_expired_at_the_signed_host_is_an_outcome_too() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host == SIGNED_HOST:
            return httpx.Response(410, text="gone")
        return redirect_to(f"https://{SIGNED_HOST}/f/file-1?sig=abc")

    with FakeAPI(handle).client() as client:
        assert client.fetch_file("user", "file-1", user_id="user-1").status == "expired"


def test_fetch_file_argument_errors() -> None:
    with FakeAPI(lambda request: api_json({})).client() as client:
        with pytest.raises(ValueError, match="user_id is required"):
            client.fetch_file("user", "file-1")
        with pytest.raises(ValueError, match="unknown file kind"):
            client.fetch_file("team", "file-1")  # type: ignore[arg-type]


def test_stats_count_calls_retries_and_bytes() -> None:
    responses = [
        api_json({}, 429, **{"Retry-After": "0"}),
        list_page([{"id": "u"}], has_more=False),
    ]

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.host == SIGNED_HOST:
            return httpx.Response(200, content=CONTENT)
        if request.url.path.endswith("/users"):
            return responses.pop(0)
        return redirect_to(f"https://{SIGNED_HOST}/f?sig=1")

    with FakeAPI(handle).client() as client:
        list(client.iter_users())
        client.fetch_file("gpt", "file-1").close()
        assert client.stats.snapshot() == {
            "calls_list": 2,
            "calls_item": 1,
            "calls_total": 3,
            "downloads": 1,
            "retries": 1,
            "quarantined": 0,
            "bytes_downloaded": len(CONTENT),
            "rate_limit_waits": 0,
            "rate_limit_wait_seconds": 0.0,
        }


def test_since_must_be_timezone_aware() -> None:
    api = FakeAPI(lambda request: list_page([], has_more=False))
    with api.client() as client, pytest.raises(ValueError, match="timezone-aware"):
        next(client.iter_conversations(since=datetime(2026, 7, 1)))
    assert api.requests == []
