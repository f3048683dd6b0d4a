"""The API key goes only to the API's own origin, whatever URL a request is sent to."""

from __future__ import annotations

from collections.abc import Generator

import httpx


class BearerAuth(httpx.Auth):
    """Adds the key only to requests for the API's own origin, whatever the caller does."""

    def __init__(self, api_key: str, base_url: httpx.URL) -> None:
        self._header = f"Bearer {api_key}"
        self._origin = (base_url.scheme, base_url.host, base_url.port)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if (request.url.scheme, request.url.host, request.url.port) == self._origin:
            request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return f"{type(self).__name__}(origin={self._origin!r})"
