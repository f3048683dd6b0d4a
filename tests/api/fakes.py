"""A scripted fake Compliance API (httpx.MockTransport) and utilities shared by the tests."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from openai_connector.api import (
    ComplianceClient,
    LogFile,
    RateLimits,
    RetryPolicy,
    WorkspaceSettings,
)

CANARY_KEY = "sk-canary-KEY-must-never-leak-0123456789"
WORKSPACE_ID = "8c5c2c7a-6a59-4c1a-9f4e-0a1b2c3d4e5f"
ORGANIZATION_ID = "org-test123"
BASE_URL = "https://api.chatgpt.com/v1"
WS_PATH = f"/v1/compliance/workspaces/{WORKSPACE_ID}"
SIGNED_HOST = "files.example.net"

Handler = Callable[[httpx.Request], httpx.Response]


@dataclass
class FakeClock:
    """Monotonic clock that only moves when the code under test sleeps."""

    now: float = 0.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def fast_retry(clock: FakeClock, **overrides: Any) -> RetryPolicy:
    options: dict[str, Any] = {"initial_backoff": 0.5, "jitter": False}
    options.update(overrides)
    return RetryPolicy(sleep=clock.sleep, clock=clock, wall_clock=lambda: 1_000_000.0, **options)


def api_json(payload: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", **headers},
    )


def api_error(
    status: int, message: str, error_type: str = "invalid_request_error"
) -> httpx.Response:
    return api_json({"error": {"message": message, "type": error_type}}, status)


def scripted(*answers: httpx.Response | Exception, repeat_last: bool = False) -> Handler:
    """A handler giving `answers` in turn (an exception is raised, as a transport would).

    With `repeat_last` the last answer comes back for every further request; without it a
    request beyond the script fails the test.
    """
    queue = list(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        if not queue:
            raise AssertionError(f"unscripted request {request.method} {request.url}")
        answer = queue[0] if repeat_last and len(queue) == 1 else queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handle


def settings(**overrides: Any) -> WorkspaceSettings:
    values: dict[str, Any] = {
        "workspace_id": WORKSPACE_ID,
        "organization_id": ORGANIZATION_ID,
        "api_key": CANARY_KEY,
        "base_url": BASE_URL,
        "workspace_name": "Acme",
    }
    values.update(overrides)
    return WorkspaceSettings(**values)


@dataclass
class FakeAPI:
    """Routes requests to a handler, records them, and builds clients wired to it."""

    handler: Handler
    clock: FakeClock = field(default_factory=FakeClock)
    requests: list[httpx.Request] = field(default_factory=list)

    @classmethod
    def answering(cls, *answers: httpx.Response | Exception, repeat_last: bool = False) -> FakeAPI:
        """An API that gives `answers` in turn (see `scripted`)."""
        return cls(scripted(*answers, repeat_last=repeat_last))

    def _dispatch(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    def client(self, **retry_overrides: Any) -> ComplianceClient:
        return ComplianceClient(
            settings(),
            retry=fast_retry(self.clock, **retry_overrides),
            rate_limits=RateLimits.unlimited(),
            transport=httpx.MockTransport(self._dispatch),
        )

    def paths(self) -> list[str]:
        return [request.url.path for request in self.requests]


def assert_clean(error: BaseException) -> None:
    """Neither the error nor anything it chains to may show the key."""
    seen: BaseException | None = error
    while seen is not None:
        assert CANARY_KEY not in str(seen)
        assert CANARY_KEY not in repr(seen)
        assert "canary" not in str(seen).lower()
        seen = seen.__cause__ or seen.__context__


def redirect_to(url: str) -> httpx.Response:
    return httpx.Response(307, headers={"Location": url})


def list_page(items: list[Any], *, has_more: bool, last_id: str | None = None) -> httpx.Response:
    payload: dict[str, Any] = {"object": "list", "data": items, "has_more": has_more}
    if last_id is not None:
        payload["last_id"] = last_id
    return api_json(payload)


def bearer_of(request: httpx.Request) -> str | None:
    return request.headers.get("Authorization")


def log_file_entry(file_id: str, end_time: str, body: bytes = b"") -> dict[str, Any]:
    """One compliance log file as the list endpoint describes it, with ``body``'s size and hash."""
    return {
        "id": file_id,
        "event_type": "CONVERSATION_MESSAGE",
        "end_time": end_time,
        "file_name": f"{file_id}.jsonl",
        "file_size": len(body),
        "file_sha256": hashlib.sha256(body).hexdigest(),
    }


EVENT = {
    "event_id": "ev-1",
    "type": "CONVERSATION_MESSAGE",
    "message": {
        "id": "m-1",
        "author": {"type": "user"},
        "content": {"type": "text", "value": "hi"},
    },
    "conversation": {"id": "c-1"},
}
BODY = (json.dumps(EVENT) + "\n{broken\n").encode()
"""A log file's body: one chat event, then a corrupt line."""
LOG_FILE = LogFile.from_api(log_file_entry("eclf_1", "2026-07-16T01:00:00Z", BODY))
