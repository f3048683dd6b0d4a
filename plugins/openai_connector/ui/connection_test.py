"""Makes the UI's connection "Test" button work for this connection type on Airflow 3.3.

The UI posts ``"port": 0`` for a connection without a port, while the stored connection has
none; the API then refuses the test ("the host or port to test differs from the stored
connection"). Our connection type hides the port, so for it ``0`` means "no port": this
root middleware rewrites exactly that value, on exactly that endpoint, before Airflow reads it.
Pure ASGI and stdlib only, since plugins load in every Airflow component.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from openai_connector.budgets import loads
from openai_connector.get_provider_info import CONN_TYPE

TEST_PATH = "/api/v2/connections/test"

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Message, Receive, Send], Awaitable[None]]


class HiddenPortMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Message, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != TEST_PATH:
            await self.app(scope, receive, send)
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        body = normalise_test_body(b"".join(chunks))
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def normalise_test_body(body: bytes) -> bytes:
    """The body with ``port: 0`` removed for this connection type; anything else unchanged."""
    try:
        data = loads(body)
    except ValueError:  # not JSON, or nested past the budget: Airflow answers it
        return body
    if not isinstance(data, dict) or data.get("conn_type") != CONN_TYPE or data.get("port") != 0:
        return body
    data["port"] = None
    return json.dumps(data).encode()
