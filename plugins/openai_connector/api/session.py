"""Requests to the API's own origin: one logical request, rate limited and retried.

Every call waits for the rate limiter, retries 429, 5xx and curable transport failures on
the retry policy (honouring ``Retry-After``), reads the body within the response budget and
turns an error status into the matching exception of :mod:`.errors`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import httpx

from openai_connector import __version__
from openai_connector.api.auth import BearerAuth
from openai_connector.api.errors import (
    APIStatusError,
    DecodeError,
    ResponseTooLargeError,
    TransportError,
    error_for_status,
    scrub_secrets,
)
from openai_connector.api.models import MODEL_ERRORS, model_error_reason
from openai_connector.api.ratelimit import EndpointClass, RateLimits
from openai_connector.api.retry import RETRYABLE_STATUSES, is_retryable_exception
from openai_connector.api.stats import ClientStats
from openai_connector.budgets import (
    ACCEPT_ENCODING,
    MAX_RESPONSE_BYTES,
    BodyTooLargeError,
    UnsupportedEncodingError,
    check_declared_size,
    decoded_chunks,
    loads,
)
from openai_connector.errors import OpenAIConnectorError
from openai_connector.retry import OnRetry, RetryPolicy, attempts_made

logger = logging.getLogger(__name__)

T = TypeVar("T")
USER_AGENT = f"openai-connector/{__version__}"
CHUNK_BYTES = 64 * 1024


class APISession:
    """The credentialed connection to one API origin, shared by the client's listings,
    downloads and deletes; ``secrets`` never appear in the errors it raises."""

    def __init__(
        self,
        base_url: httpx.URL,
        api_key: str,
        *,
        retry: RetryPolicy,
        rate_limits: RateLimits,
        stats: ClientStats,
        timeout: float,
        transport: httpx.BaseTransport | None,
    ) -> None:
        self.retry = retry
        self.rate_limits = rate_limits
        self.stats = stats
        self.host = base_url.host
        self.secrets = (api_key,)
        self._http = httpx.Client(
            base_url=base_url,
            auth=BearerAuth(api_key, base_url),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def call(
        self,
        method: str,
        path: str,
        endpoint: EndpointClass,
        handle: Callable[[httpx.Response], T],
        params: Any = None,
    ) -> T:
        """Send one logical request with rate limiting and retries; `handle` reads the body."""
        retrying = self.retry.retrying(_worth_retrying, self.on_retry(method, path))

        def attempt() -> T:
            self.stats.record_rate_limit_wait(self.rate_limits.acquire(endpoint))
            self.stats.record_call(endpoint)
            response = self._request(method, path, params)
            status = response.status_code
            logger.debug("%s %s -> %d (attempt %d)", method, path, status, attempts_made(retrying))
            if status in RETRYABLE_STATUSES:
                raise _RetryableStatus(response)
            if response.is_error:
                raise self.status_error(response, method, path, response.content)
            return handle(response)

        try:
            return retrying(attempt)
        except httpx.RequestError as exc:
            attempts = attempts_made(retrying)
            raise self.transport_error(exc, method, path, self.host, attempts) from exc
        except _RetryableStatus as failure:
            raise self.status_error(
                failure.response, method, path, failure.response.content
            ) from None

    def get_object(
        self, path: str, endpoint: EndpointClass, params: Any = None
    ) -> Mapping[str, Any]:
        return self.call("GET", path, endpoint, json_object, params)

    def get_item(self, path: str, model: Callable[[Mapping[str, Any]], T]) -> T:
        return self.build(model, self.get_object(path, EndpointClass.ITEM), path)

    def build(self, model: Callable[[Mapping[str, Any]], T], item: Any, path: str) -> T:
        """``model`` built from one item of a response; unreadable items are a DecodeError."""
        if not isinstance(item, Mapping):
            raise DecodeError(
                f"GET {path}: expected an object in 'data', got {type(item).__name__}"
            )
        try:
            return model(item)
        except MODEL_ERRORS as exc:
            reason = model_error_reason(exc)
            raise DecodeError(f"GET {path}: unexpected item in response ({reason})") from None

    def on_retry(self, method: str, path: str) -> OnRetry:
        """Counts and logs each retry of ``method path``."""

        def count_and_log(failure: BaseException, attempt: int, _delay: float) -> None:
            self.stats.record_retry()
            why = type(failure).__name__ if isinstance(failure, httpx.RequestError) else failure
            logger.info("Retrying %s %s after %s (attempt %d)", method, path, why, attempt + 1)

        return count_and_log

    def status_error(
        self, response: httpx.Response, method: str, path: str, body: bytes
    ) -> APIStatusError:
        return error_for_status(
            response.status_code,
            method=method,
            path=path,
            body=body,
            content_type=response.headers.get("Content-Type", ""),
            secrets=self.secrets,
        )

    def transport_error(
        self, exc: httpx.RequestError, method: str, path: str, host: str, attempts: int
    ) -> TransportError:
        reason = scrub_secrets(str(exc) or type(exc).__name__, self.secrets)
        plural = "s" if attempts != 1 else ""
        return TransportError(
            f"Could not reach {host} ({method} {path}): {reason} after {attempts} attempt{plural}",
            host=host,
        )

    def _request(self, method: str, path: str, params: Any) -> httpx.Response:
        """The response, its body read within :data:`MAX_RESPONSE_BYTES` once decoded (the
        client inflates gzip itself, in slices, so a small body cannot expand in memory)."""
        request = self._http.build_request(method, path, params=params)
        response = self._http.send(request, stream=True)
        try:
            check_declared_size(response.headers, MAX_RESPONSE_BYTES)
            body = b"".join(decoded_chunks(*raw_body(response), MAX_RESPONSE_BYTES))
        except (BodyTooLargeError, UnsupportedEncodingError) as exc:
            raise ResponseTooLargeError(f"{method} {path}: {exc}") from None
        finally:
            response.close()
        headers = [
            (name, value)
            for name, value in response.headers.multi_items()
            if name.lower() not in ("content-encoding", "content-length", "transfer-encoding")
        ]
        return httpx.Response(response.status_code, headers=headers, content=body, request=request)


class _RetryableStatus(OpenAIConnectorError):
    """The API answered 429 or 5xx; `response` makes the error raised once retries are spent."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response
        self.retry_after = response.headers.get("Retry-After")


def _worth_retrying(error: BaseException) -> bool:
    """Statuses and transport failures a later attempt may cure, and unreadable bodies."""
    if isinstance(error, httpx.RequestError):
        return is_retryable_exception(error)
    return isinstance(error, _RetryableStatus | DecodeError)


def json_object(response: httpx.Response) -> Mapping[str, Any]:
    """The response's JSON object; anything else is a DecodeError naming the request."""
    request = response.request
    try:
        payload = loads(response.content)
    except ValueError:
        content_type = response.headers.get("Content-Type", "unknown")
        raise DecodeError(
            f"{request.method} {request.url.path}: response is not JSON "
            f"(HTTP {response.status_code}, content type {content_type})"
        ) from None
    if not isinstance(payload, Mapping):
        raise DecodeError(
            f"{request.method} {request.url.path}: expected a JSON object, "
            f"got {type(payload).__name__}"
        )
    return payload


def json_object_or_empty(response: httpx.Response) -> Mapping[str, Any]:
    """Like :func:`json_object`, but an empty body is an empty object."""
    return json_object(response) if response.content.strip() else {}


def raw_body(response: httpx.Response) -> tuple[Iterable[bytes], str | None]:
    """The body as it comes off the wire, and its ``Content-Encoding``; decoding is ours.

    A response a transport built in memory (``httpx.MockTransport``) is already read and
    decoded: its content is the one chunk.
    """
    if response.is_stream_consumed:
        return [response.content], None
    return response.iter_raw(CHUNK_BYTES), response.headers.get("Content-Encoding")
