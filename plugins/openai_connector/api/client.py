"""The one place that talks to OpenAI's Compliance API.

Paged methods are generators (a workspace never sits in memory), every request goes through
the rate limiter and the retry policy, and the key is only ever sent to the API's own origin:
pre-signed download URLs are fetched by a separate client that has no credentials at all.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import math
import re
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import IO, Any, Literal, TypeVar

import httpx

from openai_connector import __version__
from openai_connector.api.downloads import DownloadedLog, FileFetch, FileKind, SpooledBody
from openai_connector.api.errors import (
    APIStatusError,
    CursorStalledError,
    DecodeError,
    GoneError,
    IntegrityError,
    NotFoundError,
    ResponseTooLargeError,
    RouteNotFoundError,
    TransportError,
    UnsafeURLError,
    WorkspaceNotFoundError,
    error_for_status,
    scrub_secrets,
)
from openai_connector.api.ids import IdKind, checked_id
from openai_connector.api.logs import LogLine, parse_log_events
from openai_connector.api.models import (
    CONVERSATION_MESSAGE,
    MODEL_ERRORS,
    Conversation,
    Deletion,
    Gpt,
    GptConfig,
    LogFile,
    Project,
    User,
    format_timestamp,
    model_error_reason,
    parse_timestamp,
    unix_seconds,
)
from openai_connector.api.paging import PageGuard
from openai_connector.api.ratelimit import EndpointClass, RateLimits
from openai_connector.api.retry import RETRYABLE_STATUSES, is_retryable_exception
from openai_connector.api.settings import WorkspaceSettings, is_loopback_host
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
from openai_connector.event_types import ORGANIZATION_EVENT_TYPES
from openai_connector.retry import OnRetry, RetryPolicy, attempts_made

logger = logging.getLogger(__name__)

T = TypeVar("T")
PROBE_USER_LIMIT = 1000
MAX_USERS_PER_CONVERSATIONS_REQUEST = 99
SPOOL_MEMORY_BYTES = 8 * 2**20
#: How much of a download's error body is read.
ERROR_BODY_BYTES = 64 * 1024
#: A log file whose listing gives no size is read up to this much, never more.
MAX_LOG_FILE_BYTES = 2**30
_CHUNK_BYTES = 64 * 1024
_SIGNED_URL = "signed download URL"
_COLLECTIONS: Mapping[IdKind, str] = {
    "user": "users",
    "gpt": "gpts",
    "project": "projects",
    "conversation": "conversations",
}


class _BearerAuth(httpx.Auth):
    """Adds the key only to requests for the API's own origin, whatever the caller does."""

    def __init__(self, api_key: str, base_url: httpx.URL) -> None:
        self._header = f"Bearer {api_key}"
        self._origin = (base_url.scheme, base_url.host, base_url.port)

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        if (request.url.scheme, request.url.host, request.url.port) == self._origin:
            request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return f"{type(self).__name__}(origin={self._origin!r})"


class _SignedURLRedaction(logging.Filter):
    """httpx logs every request URL at INFO, but a pre-signed URL is a bearer credential.

    URLs this module is downloading are logged as their origin only; any other URL logged by
    httpx loses its query string (storage redirects carry signatures there).
    """

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._signed: Counter[str] = Counter()

    @contextlib.contextmanager
    def hiding(self, url: httpx.URL) -> Iterator[None]:
        key = str(url)
        with self._lock:
            self._signed[key] += 1
        try:
            yield
        finally:
            with self._lock:
                self._signed[key] -= 1
                if not self._signed[key]:
                    del self._signed[key]

    def _redact(self, arg: object) -> object:
        if not isinstance(arg, httpx.URL):
            return arg
        with self._lock:
            signed = str(arg) in self._signed
        if signed:
            return f"{arg.scheme}://{arg.netloc.decode('ascii')}/[signed URL redacted]"
        if arg.query:
            return f"{arg.copy_with(query=None)}?[redacted]"
        return arg

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self._redact(arg) for arg in record.args)
        return True


class _TraceRedaction(logging.Filter):
    """httpcore's DEBUG trace logs every response's headers, pre-formatted into the message:
    a redirect's ``Location`` is a pre-signed URL. Header values that carry URLs lose their
    value, and any other URL in the message loses its query string."""

    _URL_HEADER = re.compile(
        r"(\(b'(?:location|content-location|link|refresh)', b)'[^']*'", re.IGNORECASE
    )
    _QUERY = re.compile(r"(\w+://[^\s'\"?]*)\?[^\s'\"]*")

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self._QUERY.sub(
            r"\1?[redacted]", self._URL_HEADER.sub(r"\1'[redacted]'", message)
        )
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


_SIGNED_URL_REDACTION = _SignedURLRedaction()
_TRACE_REDACTION = _TraceRedaction()
#: A logger's filters see only records made on that logger, not its children's: every
#: logger httpcore writes to is named.
_TRACE_LOGGERS = tuple(
    f"httpcore.{name}" for name in ("connection", "http11", "http2", "proxy", "socks")
)


def _install_log_redaction() -> None:
    for name, redaction in (
        ("httpx", _SIGNED_URL_REDACTION),
        *((name, _TRACE_REDACTION) for name in _TRACE_LOGGERS),
    ):
        logger_ = logging.getLogger(name)
        if redaction not in logger_.filters:
            logger_.addFilter(redaction)


def _segment(kind: IdKind, value: str) -> str:
    """One URL path segment: only an id of the shape the API issues for ``kind``, so no id
    (``..`` included) can change which object a path addresses."""
    return checked_id(kind, value)


def _refuse_plain_http(request: httpx.Request) -> None:
    """Only https leaves the machine: a signed URL or a storage redirect to plain http on
    another host (an internal address, a cloud metadata service) is never requested."""
    url = request.url
    if url.scheme == "https" or (url.scheme == "http" and is_loopback_host(url.host)):
        return
    raise UnsafeURLError(
        f"refused to fetch a {_SIGNED_URL} on {url.host or 'no host'} over {url.scheme}: "
        "only https leaves the machine"
    )


def _is_missing_object(error: NotFoundError) -> bool:
    """On an item endpoint (file content, DELETE) a 404 means "not there", whatever its body
    (error bodies are undocumented), unless an API error object says the workspace or the
    URL itself is wrong."""
    if isinstance(error, RouteNotFoundError):
        return not error.api_said_so
    return not isinstance(error, WorkspaceNotFoundError)


def _check_page_size(page_size: int, maximum: int) -> None:
    if not 1 <= page_size <= maximum:
        raise ValueError(f"page_size must be between 1 and {maximum}, got {page_size}")


@dataclass(frozen=True)
class WorkspaceProbe:
    """What the connection test found: the key, scope and workspace work together."""

    workspace_id: str
    display_name: str
    base_url: str
    user_count: int
    more_users: bool

    @property
    def summary(self) -> str:
        count = f"more than {self.user_count:,}" if self.more_users else f"{self.user_count:,}"
        noun = "user" if self.user_count == 1 and not self.more_users else "users"
        return f"Connected to workspace {self.display_name} at {self.base_url}: {count} {noun}"


class _RetryableDownload(OpenAIConnectorError):
    """A download attempt failed in a way a fresh pre-signed URL may fix.

    `give_up(attempts)` builds the error to raise once the retry budget is spent.
    """

    def __init__(
        self, reason: str, give_up: Callable[[int], Exception], retry_after: str | None = None
    ) -> None:
        super().__init__(reason)
        self.give_up = give_up
        self.retry_after = retry_after

    @classmethod
    def integrity(cls, reason: str) -> _RetryableDownload:
        return cls(reason, lambda attempts: IntegrityError(f"{reason} after {attempts} attempts"))


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


class _TooLarge(OpenAIConnectorError):
    def __init__(self, declared_size: int | None) -> None:
        super().__init__(declared_size)
        self.declared_size = declared_size


class ComplianceClient:
    """Synchronous Compliance API client for one workspace; use it as a context manager."""

    def __init__(
        self,
        settings: WorkspaceSettings,
        *,
        retry: RetryPolicy | None = None,
        rate_limits: RateLimits | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings.validate()
        self.stats = ClientStats()
        self._retry = retry or RetryPolicy()
        self._rate_limits = rate_limits or RateLimits.for_key(settings.api_key)
        self._secrets = (settings.api_key,)
        base_url = httpx.URL(settings.base_url)
        self._host = base_url.host
        user_agent = {"User-Agent": f"openai-connector/{__version__}"}
        self._api = httpx.Client(
            base_url=base_url,
            auth=_BearerAuth(settings.api_key, base_url),
            headers={
                **user_agent,
                "Accept": "application/json",
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )
        # Credential-free, so following a storage service's own redirects is safe; every hop
        # is checked to stay on https (or loopback).
        self._signed = httpx.Client(
            headers={**user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=timeout,
            transport=transport,
            follow_redirects=True,
            event_hooks={"request": [_refuse_plain_http]},
        )
        self._workspace_path = (
            f"/compliance/workspaces/{_segment('workspace', settings.workspace_id)}"
        )
        self._organization_path = (
            f"/compliance/organizations/{_segment('organization', settings.organization_id)}"
        )
        _install_log_redaction()

    def _object_path(self, kind: IdKind, object_id: str) -> str:
        return f"{self._workspace_path}/{_COLLECTIONS[kind]}/{_segment(kind, object_id)}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(workspace={self.settings.display_name!r}, "
            f"base_url={self.settings.base_url!r})"
        )

    def close(self) -> None:
        self._api.close()
        self._signed.close()

    def __enter__(self) -> ComplianceClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----------------------------------------------------------------- request machinery

    def _on_retry(self, method: str, path: str) -> OnRetry:
        def count_and_log(failure: BaseException, attempt: int, _delay: float) -> None:
            self.stats.record_retry()
            why = type(failure).__name__ if isinstance(failure, httpx.RequestError) else failure
            logger.info("Retrying %s %s after %s (attempt %d)", method, path, why, attempt + 1)

        return count_and_log

    def _transport_error(
        self, exc: httpx.RequestError, method: str, path: str, host: str, attempts: int
    ) -> TransportError:
        reason = scrub_secrets(str(exc) or type(exc).__name__, self._secrets)
        plural = "s" if attempts != 1 else ""
        return TransportError(
            f"Could not reach {host} ({method} {path}): {reason} after {attempts} attempt{plural}",
            host=host,
        )

    def _call(
        self,
        method: str,
        path: str,
        endpoint: EndpointClass,
        handle: Callable[[httpx.Response], T],
        params: Any = None,
    ) -> T:
        """Send one logical request with rate limiting and retries; `handle` reads the body."""
        retrying = self._retry.retrying(_worth_retrying, self._on_retry(method, path))

        def attempt() -> T:
            self.stats.record_rate_limit_wait(self._rate_limits.acquire(endpoint))
            self.stats.record_call(endpoint)
            response = self._request(method, path, params)
            status = response.status_code
            logger.debug("%s %s -> %d (attempt %d)", method, path, status, attempts_made(retrying))
            if status in RETRYABLE_STATUSES:
                raise _RetryableStatus(response)
            if response.is_error:
                raise self._status_error(response, method, path, response.content)
            return handle(response)

        try:
            return retrying(attempt)
        except httpx.RequestError as exc:
            attempts = attempts_made(retrying)
            raise self._transport_error(exc, method, path, self._host, attempts) from exc
        except _RetryableStatus as failure:
            raise self._status_error(
                failure.response, method, path, failure.response.content
            ) from None

    def _status_error(
        self, response: httpx.Response, method: str, path: str, body: bytes
    ) -> APIStatusError:
        return error_for_status(
            response.status_code,
            method=method,
            path=path,
            body=body,
            content_type=response.headers.get("Content-Type", ""),
            secrets=self._secrets,
        )

    def _request(self, method: str, path: str, params: Any) -> httpx.Response:
        """The response, its body read within :data:`MAX_RESPONSE_BYTES` once decoded (the
        client inflates gzip itself, in slices, so a small body cannot expand in memory)."""
        request = self._api.build_request(method, path, params=params)
        response = self._api.send(request, stream=True)
        try:
            check_declared_size(response.headers, MAX_RESPONSE_BYTES)
            body = b"".join(decoded_chunks(*_raw_body(response), MAX_RESPONSE_BYTES))
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

    def _get_object(
        self, path: str, endpoint: EndpointClass, params: Any = None
    ) -> Mapping[str, Any]:
        return self._call("GET", path, endpoint, _json_object, params)

    def _get_item(self, path: str, model: Callable[[Mapping[str, Any]], T]) -> T:
        return self._build(model, self._get_object(path, EndpointClass.ITEM), path)

    def _build(self, model: Callable[[Mapping[str, Any]], T], item: Any, path: str) -> T:
        if not isinstance(item, Mapping):
            raise DecodeError(
                f"GET {path}: expected an object in 'data', got {type(item).__name__}"
            )
        try:
            return model(item)
        except MODEL_ERRORS as exc:
            reason = model_error_reason(exc)
            raise DecodeError(f"GET {path}: unexpected item in response ({reason})") from None

    def _iter_list(
        self,
        path: str,
        model: Callable[[Mapping[str, Any]], T],
        *,
        page_size: int,
        params: Sequence[tuple[str, Any]] = (),
        first_page_params: Sequence[tuple[str, Any]] = (),
    ) -> Iterator[T]:
        for items, _has_more in self._iter_list_pages(path, page_size, params, first_page_params):
            for item in items:
                try:
                    built = self._build(model, item, path)
                except DecodeError as exc:  # one unreadable item, not the whole listing
                    self.stats.record_quarantined()
                    logger.warning("Skipped an unreadable item: %s", exc)
                    continue
                yield built

    def _iter_list_pages(
        self,
        path: str,
        page_size: int,
        params: Sequence[tuple[str, Any]] = (),
        first_page_params: Sequence[tuple[str, Any]] = (),
    ) -> Iterator[tuple[list[Any], bool]]:
        """Pages of a legacy list envelope; `after=last_id` while `has_more` (see `PageGuard`)."""
        guard = PageGuard(f"the {path.rsplit('/', 1)[-1]} listing", path)
        after: str | None = None
        while True:
            cursor = [("after", after)] if after else list(first_page_params)
            page = self._get_object(
                path, EndpointClass.LIST, [("limit", page_size), *params, *cursor]
            )
            items = _page_data(page, path)
            has_more = bool(page.get("has_more"))
            yield items, has_more
            if not has_more:
                return
            guard.page(len(items))
            last_item = items[-1] if items and isinstance(items[-1], Mapping) else {}
            next_after = page.get("last_id") or last_item.get("id")
            if not next_after or str(next_after) == after:
                raise _cursor_stalled(path, after)
            after = guard.next_cursor(str(next_after))

    # ----------------------------------------------------------------- logs platform

    def _logs_path(self, event_type: str) -> str:
        scope = (
            self._organization_path
            if event_type in ORGANIZATION_EVENT_TYPES
            else self._workspace_path
        )
        return f"{scope}/logs"

    def iter_log_files(
        self,
        event_type: str = CONVERSATION_MESSAGE,
        *,
        after: datetime,
        before: datetime | None = None,
        page_size: int = 100,
    ) -> Iterator[LogFile]:
        """Log files whose end_time is after `after` (and not after `before`), ascending, each
        file id at most once. `before` is applied here too, whatever the API does with it; the
        cursor must strictly advance, within the bounds of `PageGuard`."""
        _check_page_size(page_size, 100)
        path = self._logs_path(event_type)
        guard = PageGuard(f"the {event_type} log listing", path)
        cursor = guard.next_cursor(format_timestamp(after))
        fixed: dict[str, Any] = {"event_type": event_type, "limit": page_size}
        if before is not None:
            fixed["before"] = format_timestamp(before)
        seen: set[str] = set()
        while True:
            page = self._get_object(path, EndpointClass.LIST, {**fixed, "after": cursor})
            files = self._log_files_of(page, cursor, path)
            new = 0
            for log_file in files:
                if log_file.id in seen or (before is not None and log_file.end_time > before):
                    continue
                seen.add(log_file.id)
                new += 1
                yield log_file
            if not page.get("has_more"):
                return
            guard.page(new)
            cursor = guard.next_cursor(self._next_log_cursor(page, files, cursor, path))
            if before is not None and _cursor_time(cursor, path) >= before:
                return

    def _log_files_of(self, page: Mapping[str, Any], cursor: str, path: str) -> list[LogFile]:
        """The page's files; one without ``end_time`` gets the newest end before it."""
        files: list[LogFile] = []
        known = _cursor_time(cursor, path)
        for item in _page_data(page, path):
            model = functools.partial(LogFile.from_api, end_time_fallback=known)
            log_file = self._build(model, item, path)
            known = max(known, log_file.end_time)
            files.append(log_file)
        return files

    def _next_log_cursor(
        self, page: Mapping[str, Any], files: list[LogFile], cursor: str, path: str
    ) -> str:
        """`last_end_time` (else the newest file's end_time); it must move forward."""
        last_end_time = page.get("last_end_time")
        if last_end_time:
            next_cursor = str(last_end_time)
        elif files:
            next_cursor = format_timestamp(max(log_file.end_time for log_file in files))
        else:
            next_cursor = cursor
        cursor_time = _cursor_time(cursor, path)
        if _cursor_time(next_cursor, path) > cursor_time:
            return next_cursor
        if files and all(log_file.end_time == cursor_time for log_file in files):
            # Only the boundary file came back again; `after` is exclusive, so step past it.
            return format_timestamp(cursor_time + timedelta(microseconds=1))
        raise _cursor_stalled(path, cursor)

    def download_log_file(self, log_file: LogFile, dest: IO[bytes] | None = None) -> DownloadedLog:
        """Download and verify a log file; optionally also copy the verified bytes to `dest`.

        Never more than the listing's ``file_size`` is read (a larger body is an integrity
        failure and gets a fresh URL), nor more than :data:`MAX_LOG_FILE_BYTES` without one.
        """
        path = f"{self._logs_path(log_file.event_type)}/{_segment('log_file', log_file.id)}"
        label = f"log file {log_file.id}"
        try:
            body = self._download(
                path,
                expected_sha256=log_file.file_sha256,
                expected_size=log_file.file_size,
                max_bytes=MAX_LOG_FILE_BYTES,
                label=label,
            )
        except _TooLarge:
            raise IntegrityError(f"{label}: larger than {MAX_LOG_FILE_BYTES} bytes") from None
        downloaded = DownloadedLog(log_file, body)
        if dest is not None:
            shutil.copyfileobj(downloaded.open(), dest, _CHUNK_BYTES)
        return downloaded

    def iter_log_events(self, log_file: LogFile) -> Iterator[LogLine]:
        """Download one log file and parse its lines (corrupt lines are yielded, not raised)."""
        with self.download_log_file(log_file) as downloaded:
            yield from parse_log_events(downloaded.iter_lines())

    # ----------------------------------------------------------------- downloads

    def _redirect_location(self, response: httpx.Response) -> httpx.URL:
        location = response.headers.get("Location")
        if not response.is_redirect or not location:
            raise DecodeError(
                f"{response.request.method} {response.request.url.path}: expected a redirect "
                f"to a download URL, got HTTP {response.status_code}"
            )
        return response.url.join(location)

    def _download(
        self,
        path: str,
        *,
        params: Any = None,
        expected_sha256: str | None = None,
        expected_size: int | None = None,
        max_bytes: int | None = None,
        label: str,
    ) -> SpooledBody:
        """Ask the API for a pre-signed URL, then stream it; a bad body gets a fresh URL."""
        retrying = self._retry.retrying(
            lambda error: isinstance(error, _RetryableDownload),
            self._on_retry("GET", _SIGNED_URL),
        )

        def attempt() -> SpooledBody:
            url = self._call("GET", path, EndpointClass.ITEM, self._redirect_location, params)
            return self._stream(url, expected_sha256, expected_size, max_bytes, label)

        try:
            return retrying(attempt)
        except _RetryableDownload as failure:
            raise failure.give_up(attempts_made(retrying)) from None

    def _stream(
        self,
        url: httpx.URL,
        expected_sha256: str | None,
        expected_size: int | None,
        max_bytes: int | None,
        label: str,
    ) -> SpooledBody:
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_BYTES)  # noqa: SIM115
        expected_is_limit = expected_size is not None and (
            max_bytes is None or expected_size < max_bytes
        )
        limit = expected_size if expected_is_limit else max_bytes
        limit = math.inf if limit is None else limit
        try:
            try:
                digest, size, content_type = self._stream_into(spool, url, limit)
            except _TooLarge:
                if not expected_is_limit:
                    raise
                raise _RetryableDownload.integrity(
                    f"{label}: more than the {expected_size} bytes its listing declared,"
                ) from None
            self.stats.record_download(size)
            sha256 = digest.hexdigest()
            if expected_size is not None and size != expected_size:
                raise _RetryableDownload.integrity(
                    f"{label}: got {size} bytes, expected {expected_size},"
                )
            if expected_sha256 and sha256 != expected_sha256:
                raise _RetryableDownload.integrity(
                    f"{label}: sha256 mismatch (expected {expected_sha256}, got {sha256})"
                )
        except BaseException:
            spool.close()
            raise
        spool.seek(0)
        return SpooledBody(spool, size=size, sha256=sha256, content_type=content_type)

    def _stream_into(
        self, sink: IO[bytes], url: httpx.URL, limit: float
    ) -> tuple[Any, int, str | None]:
        digest = hashlib.sha256()
        size = 0
        host = url.host
        try:
            with (
                _SIGNED_URL_REDACTION.hiding(url),
                self._signed.stream("GET", url) as response,
            ):
                status = response.status_code
                logger.debug("GET %s on %s -> %d", _SIGNED_URL, host, status)
                if response.is_error:
                    raise self._signed_url_error(response, _error_body(response))
                try:
                    declared_size = check_declared_size(response.headers, limit)
                except BodyTooLargeError as exc:
                    raise _TooLarge(exc.declared) from None
                try:
                    for chunk in decoded_chunks(*_raw_body(response), limit):
                        size += len(chunk)
                        digest.update(chunk)
                        sink.write(chunk)
                except BodyTooLargeError:
                    raise _TooLarge(declared_size) from None
                except UnsupportedEncodingError as exc:
                    raise DecodeError(f"GET {_SIGNED_URL} on {host}: {exc}") from None
                content_type = response.headers.get("Content-Type")
        except UnsafeURLError as exc:  # a fresh pre-signed URL may point somewhere safe
            raise _RetryableDownload(str(exc), lambda _attempts, error=exc: error) from None
        except httpx.RequestError as exc:
            if is_retryable_exception(exc):
                raise _RetryableDownload(
                    f"{type(exc).__name__} from {host}",
                    functools.partial(self._transport_error, exc, "GET", _SIGNED_URL, host),
                ) from None
            raise self._transport_error(exc, "GET", _SIGNED_URL, host, 1) from exc
        return digest, size, content_type

    def _signed_url_error(self, response: httpx.Response, body: bytes) -> Exception:
        status = response.status_code
        if status == 404:
            return NotFoundError(404, f"404 on GET {_SIGNED_URL}: the file is gone", method="GET")
        if status == 410:
            return GoneError(410, f"410 on GET {_SIGNED_URL}: the file expired", method="GET")
        error = self._status_error(response, "GET", _SIGNED_URL, body)
        if status in RETRYABLE_STATUSES or status == 403:  # 403: the URL expired meanwhile
            return _RetryableDownload(
                str(error), lambda _attempts: error, response.headers.get("Retry-After")
            )
        return error

    def fetch_file(
        self,
        kind: FileKind,
        file_id: str,
        *,
        user_id: str | None = None,
        conversation_id: str | None = None,
        max_bytes: int = 50 * 2**20,
    ) -> FileFetch:
        """Fetch a file's content; expired, missing and oversized files are outcomes."""
        path = self._file_content_path(kind, file_id, user_id)
        params = {"conversation_id": conversation_id} if conversation_id else None
        try:
            body = self._download(
                path, params=params, max_bytes=max_bytes, label=f"{kind} file {file_id}"
            )
        except _TooLarge as too_large:
            return FileFetch(kind, file_id, "too_large", declared_size=too_large.declared_size)
        except GoneError:
            return FileFetch(kind, file_id, "expired")
        except NotFoundError as exc:
            if not _is_missing_object(exc):
                raise
            return FileFetch(kind, file_id, "not_found")
        return FileFetch(kind, file_id, "fetched", body=body)

    def _file_content_path(self, kind: FileKind, file_id: str, user_id: str | None) -> str:
        if kind == "user":
            if not user_id:
                raise ValueError("user_id is required to fetch a user file")
            return f"{self._object_path('user', user_id)}/files/{_segment('file', file_id)}"
        if kind == "gpt":
            return f"{self._workspace_path}/gpt_files/{_segment('file', file_id)}"
        if kind == "project":
            return f"{self._workspace_path}/project_files/{_segment('file', file_id)}"
        raise ValueError(f"unknown file kind {kind!r}; expected 'user', 'gpt' or 'project'")

    # ----------------------------------------------------------------- legacy REST lists

    def iter_conversations(
        self,
        since: datetime | None = None,
        users: Sequence[str] | None = None,
        page_size: int = 500,
        file_format: Literal["id", "url"] = "id",
    ) -> Iterator[Conversation]:
        """Legacy conversations updated since `since` (410 → `EndpointRetiredError`)."""
        _check_page_size(page_size, 500)
        path = f"{self._workspace_path}/conversations"
        first_page = [("since_timestamp", unix_seconds(since))] if since else []
        user_ids = list(users or [])
        batches = [
            user_ids[start : start + MAX_USERS_PER_CONVERSATIONS_REQUEST]
            for start in range(0, len(user_ids), MAX_USERS_PER_CONVERSATIONS_REQUEST)
        ] or [[]]
        for batch in batches:
            params = [("file_format", file_format), *(("users", user) for user in batch)]
            yield from self._iter_list(
                path,
                Conversation.from_api,
                page_size=page_size,
                params=params,
                first_page_params=first_page,
            )

    def iter_users(self, page_size: int = 200) -> Iterator[User]:
        _check_page_size(page_size, 200)
        return self._iter_list(f"{self._workspace_path}/users", User.from_api, page_size=page_size)

    def iter_gpts(self, page_size: int = 20, file_format: str | None = None) -> Iterator[Gpt]:
        params = [("file_format", file_format)] if file_format else []
        return self._iter_list(
            f"{self._workspace_path}/gpts", Gpt.from_api, page_size=page_size, params=params
        )

    def get_gpt(self, gpt_id: str) -> Gpt:
        path = self._object_path("gpt", gpt_id)
        return self._get_item(path, Gpt.from_api)

    def iter_gpt_configs(self, gpt_id: str, page_size: int = 20) -> Iterator[GptConfig]:
        path = f"{self._object_path('gpt', gpt_id)}/configs"
        return self._iter_list(path, GptConfig.from_api, page_size=page_size)

    def iter_projects(
        self, page_size: int = 20, file_format: str | None = None
    ) -> Iterator[Project]:
        params = [("file_format", file_format)] if file_format else []
        return self._iter_list(
            f"{self._workspace_path}/projects", Project.from_api, page_size=page_size, params=params
        )

    def get_project(self, project_id: str) -> Project:
        path = self._object_path("project", project_id)
        return self._get_item(path, Project.from_api)

    def iter_project_configs(self, project_id: str, page_size: int = 20) -> Iterator[GptConfig]:
        path = f"{self._object_path('project', project_id)}/configs"
        return self._iter_list(path, GptConfig.from_api, page_size=page_size)

    # ----------------------------------------------------------------- deletes

    def _delete(self, path: str, object_id: str) -> Deletion:
        try:
            payload = self._call("DELETE", path, EndpointClass.ITEM, _json_object_or_empty)
        except NotFoundError as exc:
            if not _is_missing_object(exc):
                raise
            return Deletion(id=object_id, deleted=False, already_gone=True)
        return Deletion.from_api(payload, default_id=object_id)

    def delete_conversation(self, conversation_id: str) -> Deletion:
        path = self._object_path("conversation", conversation_id)
        return self._delete(path, conversation_id)

    def delete_user_file(self, user_id: str, file_id: str) -> Deletion:
        path = f"{self._object_path('user', user_id)}/files/{_segment('file', file_id)}"
        return self._delete(path, file_id)

    def delete_gpt(self, gpt_id: str) -> Deletion:
        return self._delete(self._object_path("gpt", gpt_id), gpt_id)

    def delete_gpt_file(self, gpt_id: str, file_id: str) -> Deletion:
        path = f"{self._object_path('gpt', gpt_id)}/files/{_segment('file', file_id)}"
        return self._delete(path, file_id)

    def delete_project(self, project_id: str) -> Deletion:
        return self._delete(self._object_path("project", project_id), project_id)

    def delete_project_file(self, project_id: str, file_id: str) -> Deletion:
        path = f"{self._object_path('project', project_id)}/files/{_segment('file', file_id)}"
        return self._delete(path, file_id)

    def unshare_gpt(self, gpt_id: str) -> Deletion:
        path = f"{self._object_path('gpt', gpt_id)}/shared_users"
        return self._delete(path, gpt_id)

    def unshare_project(self, project_id: str) -> Deletion:
        path = f"{self._object_path('project', project_id)}/shared_users"
        return self._delete(path, project_id)

    # ----------------------------------------------------------------- connection test

    def probe(self) -> WorkspaceProbe:
        """List users (up to 1,000 counted) to prove key, scope and workspace match."""
        count = 0
        more = False
        path = f"{self._workspace_path}/users"
        for items, has_more in self._iter_list_pages(path, page_size=200):
            count += len(items)
            if count >= PROBE_USER_LIMIT and has_more:
                more = True
                break
        return WorkspaceProbe(
            workspace_id=self.settings.workspace_id,
            display_name=self.settings.display_name,
            base_url=self.settings.base_url,
            user_count=PROBE_USER_LIMIT if more else count,
            more_users=more,
        )


def _cursor_stalled(path: str, cursor: str | None) -> CursorStalledError:
    return CursorStalledError(
        f"GET {path}: the API said has_more but its cursor did not advance past {cursor!r}"
    )


def _cursor_time(value: str, path: str) -> datetime:
    try:
        parsed = parse_timestamp(value)
    except MODEL_ERRORS:
        parsed = None
    if parsed is None:
        raise DecodeError(f"GET {path}: unreadable last_end_time {value!r}")
    return parsed


def _json_object(response: httpx.Response) -> Mapping[str, Any]:
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


def _raw_body(response: httpx.Response) -> tuple[Iterable[bytes], str | None]:
    """The body as it comes off the wire, and its ``Content-Encoding``; decoding is ours.

    A response a transport built in memory (``httpx.MockTransport``) is already read and
    decoded: its content is the one chunk.
    """
    if response.is_stream_consumed:
        return [response.content], None
    return response.iter_raw(_CHUNK_BYTES), response.headers.get("Content-Encoding")


def _error_body(response: httpx.Response) -> bytes:
    """The start of an error body: only its first few hundred characters are ever shown."""
    body = bytearray()
    for chunk in _raw_body(response)[0]:
        body += chunk
        if len(body) >= ERROR_BODY_BYTES:
            break
    return bytes(body[:ERROR_BODY_BYTES])


def _json_object_or_empty(response: httpx.Response) -> Mapping[str, Any]:
    return _json_object(response) if response.content.strip() else {}


def _page_data(page: Mapping[str, Any], path: str) -> list[Any]:
    data = page.get("data")
    if not isinstance(data, list):
        raise DecodeError(f"GET {path}: list response has no 'data' array")
    return data
