from __future__ import annotations

import json

import pytest

from openai_connector.api import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    EndpointRetiredError,
    GoneError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RouteNotFoundError,
    ServerError,
    WorkspaceNotFoundError,
)
from openai_connector.api.errors import error_for_status, scrub_secrets

from .fakes import CANARY_KEY, WORKSPACE_ID, assert_clean


def _error(status: int, body: bytes | str, path: str = "/compliance/workspaces/x/users", **kw):
    raw = body.encode() if isinstance(body, str) else body
    return error_for_status(status, method="GET", path=path, body=raw, **kw)


def _api_body(message: str, error_type: str = "invalid_request_error") -> str:
    return json.dumps({"error": {"message": message, "type": error_type}})


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (400, _api_body("bad"), BadRequestError),
        (401, _api_body("Invalid API key", "invalid_api_key"), AuthenticationError),
        (401, _api_body("Missing scopes: api.compliance.read"), PermissionDeniedError),
        (403, _api_body("Missing scopes: read", "insufficient_scope"), PermissionDeniedError),
        (
            404,
            _api_body(f"Workspace {WORKSPACE_ID} not found", "not_found_error"),
            WorkspaceNotFoundError,
        ),
        (404, _api_body("Invalid URL (GET /v1/compliance/x)"), RouteNotFoundError),
        (404, "<html><body>Not Found</body></html>", RouteNotFoundError),
        (404, "404 page not found", RouteNotFoundError),
        (404, _api_body("Conversation c-1 not found", "not_found_error"), NotFoundError),
        (410, _api_body("expired", "gone"), GoneError),
        (429, _api_body("slow down", "rate_limit"), RateLimitError),
        (503, "upstream unavailable", ServerError),
        (418, "teapot", APIStatusError),
    ],
)
def test_status_classification(status: int, body: str, expected: type[APIStatusError]) -> None:
    error = _error(status, body)
    assert type(error) is expected
    assert error.status_code == status
    assert f"{status} on GET /compliance/workspaces/x/users" in str(error)


def test_route_miss_explains_where_the_compliance_api_lives() -> None:
    message = str(_error(404, _api_body("Invalid URL (GET /v1/compliance/x)")))
    assert "https://api.chatgpt.com/v1" in message
    assert "api.openai.com is the Platform API" in message


def test_410_on_the_conversations_list_means_retired() -> None:
    error = _error(410, _api_body("Gone"), path="/compliance/workspaces/x/conversations")
    assert isinstance(error, EndpointRetiredError)
    assert "use the logs platform" in str(error)


def test_api_error_type_is_kept() -> None:
    error = _error(401, _api_body("Invalid API key", "invalid_api_key"))
    assert error.error_type == "invalid_api_key"


def test_long_plain_bodies_are_truncated() -> None:
    assert len(str(_error(500, "x" * 5000))) < 500


def test_a_key_echoed_by_the_server_is_scrubbed() -> None:
    error = _error(401, _api_body(f"Incorrect API key provided: {CANARY_KEY}"))
    assert_clean(error)
    assert "sk-[redacted]" in str(error)


def test_scrub_removes_exact_secrets_and_key_shapes() -> None:
    assert scrub_secrets("token abc123 here", ("abc123",)) == "token [redacted] here"
    assert scrub_secrets("key sk-proj-****abcd used") == "key sk-[redacted] used"
