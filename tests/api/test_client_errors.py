from __future__ import annotations

import socket

import httpx
import pytest

from openai_connector import api
from openai_connector.api import (
    AuthenticationError,
    ComplianceAPIError,
    ComplianceClient,
    DecodeError,
    EndpointRetiredError,
    InvalidSettingsError,
    PermissionDeniedError,
    RateLimitError,
    RouteNotFoundError,
    ServerError,
    TransportError,
    WorkspaceNotFoundError,
)

from .fakes import (
    CANARY_KEY,
    WORKSPACE_ID,
    FakeAPI,
    api_error,
    api_json,
    assert_clean,
    list_page,
    settings,
)

USERS_OK = list_page([{"id": "user-1"}], has_more=False)


def _sequence(*responses: httpx.Response | Exception) -> FakeAPI:
    """Answers in turn, the last one for every further request (retries until exhausted)."""
    return FakeAPI.answering(*responses, repeat_last=True)


def _users(api: FakeAPI, **retry: float) -> list[str]:
    with api.client(**retry) as client:
        return [user.id for user in client.iter_users()]


def test_retry_after_is_honoured() -> None:
    api = _sequence(api_json({}, 429, **{"Retry-After": "2"}), USERS_OK)
    assert _users(api) == ["user-1"]
    assert api.clock.sleeps == [2.0]


def test_429_without_retry_after_backs_off_exponentially_then_gives_up() -> None:
    api = _sequence(api_error(429, "Too many requests", "rate_limit_exceeded"))
    with pytest.raises(RateLimitError, match="429 on GET") as caught:
        _users(api)
    assert api.clock.sleeps == [0.5, 1.0, 2.0, 4.0, 8.0]
    assert len(api.requests) == 6
    assert_clean(caught.value)


def test_total_retry_time_is_bounded() -> None:
    api = _sequence(api_json({}, 503, **{"Retry-After": "20"}))
    with pytest.raises(ServerError):
        _users(api, max_attempts=50, max_total=45.0)
    assert api.clock.sleeps == [20.0, 20.0]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried(status: int) -> None:
    api = _sequence(httpx.Response(status, text="oops"), USERS_OK)
    assert _users(api) == ["user-1"]
    assert len(api.requests) == 2


@pytest.mark.parametrize(
    "error",
    [
        httpx.ConnectError("refused"),
        httpx.ReadTimeout("timed out"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
)
def test_transport_errors_are_retried(error: Exception) -> None:
    api = _sequence(error, USERS_OK)
    assert _users(api) == ["user-1"]


def test_unreachable_host_names_the_host_after_retries() -> None:
    api = _sequence(httpx.ConnectError("[Errno 111] Connection refused"))
    with pytest.raises(TransportError, match=r"Could not reach api\.chatgpt\.com") as caught:
        _users(api, max_attempts=3)
    assert caught.value.host == "api.chatgpt.com"
    assert "after 3 attempts" in str(caught.value)
    assert_clean(caught.value)


def test_dns_failure_fails_fast() -> None:
    error = httpx.ConnectError("[Errno -2] Name or service not known")
    error.__cause__ = socket.gaierror(-2, "Name or service not known")
    api = _sequence(error)
    with pytest.raises(TransportError, match=r"after 1 attempt$"):
        _users(api)
    assert len(api.requests) == 1


@pytest.mark.parametrize(
    ("response", "expected", "text"),
    [
        (
            api_error(401, "Incorrect API key provided", "invalid_api_key"),
            AuthenticationError,
            "check the API key",
        ),
        (api_error(401, "Missing scopes: api.compliance.read"), PermissionDeniedError, "scope"),
        (
            api_error(403, "Missing scopes: read", "insufficient_scope"),
            PermissionDeniedError,
            "scope",
        ),
        (
            api_error(404, f"Workspace {WORKSPACE_ID} not found", "not_found_error"),
            WorkspaceNotFoundError,
            "Workspace ID",
        ),
        (
            api_error(404, "Invalid URL (GET /v1/compliance/workspaces/x/users)"),
            RouteNotFoundError,
            "api.openai.com is the Platform API",
        ),
        (httpx.Response(404, html="<html>nope</html>"), RouteNotFoundError, "HTML page"),
    ],
)
def test_error_statuses_become_precise_errors_without_retrying(
    response: httpx.Response, expected: type[Exception], text: str
) -> None:
    api = _sequence(response)
    with pytest.raises(expected, match=text) as caught:
        _users(api)
    assert type(caught.value) is expected
    assert len(api.requests) == 1
    assert_clean(caught.value)


def test_410_on_legacy_conversations_is_endpoint_retired() -> None:
    api = _sequence(api_error(410, "This endpoint has been retired", "gone"))
    with api.client() as client, pytest.raises(EndpointRetiredError, match="use the logs platform"):
        next(client.iter_conversations())


@pytest.mark.parametrize(
    ("response", "text"),
    [
        (httpx.Response(200, html="<html>login</html>"), "not JSON"),
        (api_json([1, 2]), "expected a JSON object"),
        (api_json({"object": "list"}), "no 'data' array"),
    ],
)
def test_bodies_of_the_wrong_shape_are_decode_errors(response: httpx.Response, text: str) -> None:
    with pytest.raises(DecodeError, match=text):
        _users(_sequence(response), max_attempts=2)


def test_an_unreadable_item_is_quarantined_and_counted_and_the_rest_lands() -> None:
    page = {"data": [42, {"email": "no-id@example.com"}, {"id": "user-1"}], "has_more": False}
    with _sequence(api_json(page)).client() as client:
        assert [user.id for user in client.iter_users()] == ["user-1"]
        assert client.stats.snapshot()["quarantined"] == 2


def test_a_garbled_page_is_retried() -> None:
    api = _sequence(httpx.Response(200, text='{"data": ['), USERS_OK)
    assert _users(api) == ["user-1"]


def test_every_error_is_a_compliance_api_error() -> None:
    exported = [getattr(api, name) for name in api.__all__]
    errors = [item for item in exported if isinstance(item, type) and issubclass(item, Exception)]
    assert TransportError in errors
    assert all(issubclass(error, ComplianceAPIError) for error in errors)
    assert issubclass(InvalidSettingsError, ValueError)


def test_client_refuses_invalid_settings_before_any_request() -> None:
    with pytest.raises(InvalidSettingsError, match="Workspace ID"):
        ComplianceClient(settings(workspace_id="nope"))


def test_client_repr_hides_the_key() -> None:
    with _sequence(USERS_OK).client() as client:
        assert CANARY_KEY not in repr(client)
        assert "Acme" in repr(client)
        assert CANARY_KEY not in repr(client._session._http.auth)
