"""Which failed requests are worth retrying; how to retry is :mod:`openai_connector.retry`.

The API's rate limits are per key and undocumented in their 429s, so its statuses 429 and
5xx are retried (honouring `Retry-After` when present), as are transport failures a second
attempt can cure.
"""

from __future__ import annotations

import socket

import httpx

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


def is_retryable_exception(exc: httpx.RequestError) -> bool:
    """Timeouts, resets and truncated bodies are worth retrying; a DNS miss or bad URL is not."""
    if isinstance(exc, httpx.ConnectError) and _caused_by_dns_failure(exc):
        return False
    return isinstance(exc, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError)


def _caused_by_dns_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
