"""Pre-signed URLs are bearer credentials: keep them out of httpx's and httpcore's logs.

httpx logs every request URL at INFO and httpcore's DEBUG trace logs response headers (a
redirect's ``Location`` is a pre-signed URL). The filters here are installed on those
libraries' loggers once, by the first client built, and redact whatever URL they carry.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections import Counter
from collections.abc import Iterator

import httpx


class SignedURLRedaction(logging.Filter):
    """httpx logs every request URL at INFO, but a pre-signed URL is a bearer credential.

    URLs being downloaded (:meth:`hiding`) are logged as their origin only; any other URL
    logged by httpx loses its query string (storage redirects carry signatures there).
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


class TraceRedaction(logging.Filter):
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


SIGNED_URL_REDACTION = SignedURLRedaction()
_TRACE_REDACTION = TraceRedaction()
#: A logger's filters see only records made on that logger, not its children's: every
#: logger httpcore writes to is named.
_TRACE_LOGGERS = tuple(
    f"httpcore.{name}" for name in ("connection", "http11", "http2", "proxy", "socks")
)


def install_log_redaction() -> None:
    """Add the filters to httpx's and httpcore's loggers (once; later calls do nothing)."""
    for name, redaction in (
        ("httpx", SIGNED_URL_REDACTION),
        *((name, _TRACE_REDACTION) for name in _TRACE_LOGGERS),
    ):
        logger = logging.getLogger(name)
        if redaction not in logger.filters:
            logger.addFilter(redaction)
