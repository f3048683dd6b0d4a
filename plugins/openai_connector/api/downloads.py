"""Downloads: the API redirects to a pre-signed URL, fetched by a client without credentials.

Bodies are verified (size, sha256) while they stream into spooled temp files, so memory
stays bounded for big files; a bad body, an expired URL or a curable transport failure asks
the API for a fresh URL, on the retry policy. Only https leaves the machine.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, Literal, Self

import httpx

from openai_connector.api.errors import (
    DecodeError,
    GoneError,
    IntegrityError,
    NotFoundError,
    UnsafeURLError,
)
from openai_connector.api.models import LogFile
from openai_connector.api.ratelimit import EndpointClass
from openai_connector.api.redaction import SIGNED_URL_REDACTION
from openai_connector.api.retry import RETRYABLE_STATUSES, is_retryable_exception
from openai_connector.api.session import USER_AGENT, raw_body
from openai_connector.api.settings import is_loopback_host
from openai_connector.budgets import (
    ACCEPT_ENCODING,
    BodyTooLargeError,
    UnsupportedEncodingError,
    check_declared_size,
    decoded_chunks,
)
from openai_connector.errors import OpenAIConnectorError
from openai_connector.retry import attempts_made

if TYPE_CHECKING:
    from openai_connector.api.session import APISession

logger = logging.getLogger(__name__)

FileKind = Literal["user", "gpt", "project"]
FetchStatus = Literal["fetched", "expired", "not_found", "too_large"]
SPOOL_MEMORY_BYTES = 8 * 2**20
#: How much of a download's error body is read.
ERROR_BODY_BYTES = 64 * 1024
SIGNED_URL = "signed download URL"


class SpooledBody:
    """A verified body: in memory up to a limit, on disk beyond; close it when done."""

    def __init__(
        self, file: IO[bytes], *, size: int, sha256: str, content_type: str | None = None
    ) -> None:
        self._file = file
        self.size = size
        self.sha256 = sha256
        self.content_type = content_type

    def open(self) -> IO[bytes]:
        """The body as a binary file, rewound to its start."""
        self._file.seek(0)
        return self._file

    def read(self) -> bytes:
        """The whole body; prefer `open()` or `iter_lines()` for large files."""
        return self.open().read()

    def iter_lines(self) -> Iterator[bytes]:
        """Lines of the body (with their line endings), read from the spool."""
        yield from self.open()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class DownloadedLog(SpooledBody):
    """A log file whose body matched its advertised sha256 (and size)."""

    def __init__(self, log_file: LogFile, body: SpooledBody) -> None:
        super().__init__(body.open(), size=body.size, sha256=body.sha256)
        self.log_file = log_file


@dataclass
class FileFetch:
    """Outcome of fetching a file's content: expired and missing files are outcomes too."""

    kind: FileKind
    file_id: str
    status: FetchStatus
    body: SpooledBody | None = field(default=None, repr=False)
    declared_size: int | None = None

    @property
    def size(self) -> int | None:
        return self.body.size if self.body is not None else self.declared_size

    @property
    def sha256(self) -> str | None:
        return self.body.sha256 if self.body is not None else None

    @property
    def content_type(self) -> str | None:
        return self.body.content_type if self.body is not None else None

    def _fetched_body(self) -> SpooledBody:
        if self.body is None:
            raise ValueError(f"{self.kind} file {self.file_id} was not fetched ({self.status})")
        return self.body

    def open(self) -> IO[bytes]:
        """The content as a binary file, rewound; only for status "fetched"."""
        return self._fetched_body().open()

    def read(self) -> bytes:
        """The whole content; only for status "fetched"."""
        return self._fetched_body().read()

    def close(self) -> None:
        if self.body is not None:
            self.body.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class TooLarge(OpenAIConnectorError):
    """The body is over its limit; ``declared_size`` is what its headers said, if anything."""

    def __init__(self, declared_size: int | None) -> None:
        super().__init__(declared_size)
        self.declared_size = declared_size


class Downloader:
    """Fetches what the API's download endpoints redirect to, through ``session``."""

    def __init__(
        self, session: APISession, *, timeout: float, transport: httpx.BaseTransport | None
    ) -> None:
        self._session = session
        # Credential-free, so following a storage service's own redirects is safe; every hop
        # is checked to stay on https (or loopback).
        self._signed = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=timeout,
            transport=transport,
            follow_redirects=True,
            event_hooks={"request": [refuse_plain_http]},
        )

    def close(self) -> None:
        self._signed.close()

    def download(
        self,
        path: str,
        *,
        params: Any = None,
        expected_sha256: str | None = None,
        expected_size: int | None = None,
        max_bytes: int | None = None,
        label: str,
    ) -> SpooledBody:
        """Ask the API for a pre-signed URL, then stream it; a bad body gets a fresh URL.

        Over ``max_bytes`` without a declared size raises :class:`TooLarge`."""
        session = self._session
        retrying = session.retry.retrying(
            lambda error: isinstance(error, _RetryableDownload),
            session.on_retry("GET", SIGNED_URL),
        )

        def attempt() -> SpooledBody:
            url = session.call("GET", path, EndpointClass.ITEM, _redirect_location, params)
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
        bound = expected_size if expected_is_limit else max_bytes
        limit: float = math.inf if bound is None else bound
        try:
            try:
                digest, size, content_type = self._stream_into(spool, url, limit)
            except TooLarge:
                if not expected_is_limit:
                    raise
                raise _RetryableDownload.integrity(
                    f"{label}: more than the {expected_size} bytes its listing declared,"
                ) from None
            self._session.stats.record_download(size)
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
                SIGNED_URL_REDACTION.hiding(url),
                self._signed.stream("GET", url) as response,
            ):
                status = response.status_code
                logger.debug("GET %s on %s -> %d", SIGNED_URL, host, status)
                if response.is_error:
                    raise self._signed_url_error(response, _error_body(response))
                try:
                    declared_size = check_declared_size(response.headers, limit)
                except BodyTooLargeError as exc:
                    raise TooLarge(exc.declared) from None
                try:
                    for chunk in decoded_chunks(*raw_body(response), limit):
                        size += len(chunk)
                        digest.update(chunk)
                        sink.write(chunk)
                except BodyTooLargeError:
                    raise TooLarge(declared_size) from None
                except UnsupportedEncodingError as exc:
                    raise DecodeError(f"GET {SIGNED_URL} on {host}: {exc}") from None
                content_type = response.headers.get("Content-Type")
        except UnsafeURLError as exc:  # a fresh pre-signed URL may point somewhere safe
            unsafe: Exception = exc
            raise _RetryableDownload(str(exc), lambda _attempts: unsafe) from None
        except httpx.RequestError as exc:
            transport_error = functools.partial(
                self._session.transport_error, exc, "GET", SIGNED_URL, host
            )
            if is_retryable_exception(exc):
                raise _RetryableDownload(
                    f"{type(exc).__name__} from {host}", transport_error
                ) from None
            raise transport_error(1) from exc
        return digest, size, content_type

    def _signed_url_error(self, response: httpx.Response, body: bytes) -> Exception:
        status = response.status_code
        if status == 404:
            return NotFoundError(404, f"404 on GET {SIGNED_URL}: the file is gone", method="GET")
        if status == 410:
            return GoneError(410, f"410 on GET {SIGNED_URL}: the file expired", method="GET")
        error = self._session.status_error(response, "GET", SIGNED_URL, body)
        if status in RETRYABLE_STATUSES or status == 403:  # 403: the URL expired meanwhile
            return _RetryableDownload(
                str(error), lambda _attempts: error, response.headers.get("Retry-After")
            )
        return error


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


def refuse_plain_http(request: httpx.Request) -> None:
    """Only https leaves the machine: a signed URL or a storage redirect to plain http on
    another host (an internal address, a cloud metadata service) is never requested."""
    url = request.url
    if url.scheme == "https" or (url.scheme == "http" and is_loopback_host(url.host)):
        return
    raise UnsafeURLError(
        f"refused to fetch a {SIGNED_URL} on {url.host or 'no host'} over {url.scheme}: "
        "only https leaves the machine"
    )


def _redirect_location(response: httpx.Response) -> httpx.URL:
    location = response.headers.get("Location")
    if not response.is_redirect or not location:
        raise DecodeError(
            f"{response.request.method} {response.request.url.path}: expected a redirect "
            f"to a download URL, got HTTP {response.status_code}"
        )
    return response.url.join(location)


def _error_body(response: httpx.Response) -> bytes:
    """The start of an error body: only its first few hundred characters are ever shown."""
    body = bytearray()
    for chunk in raw_body(response)[0]:
        body += chunk
        if len(body) >= ERROR_BODY_BYTES:
            break
    return bytes(body[:ERROR_BODY_BYTES])
