"""When and how long to wait before retrying a failed request.

The API's rate limits are per key and undocumented in their 429s, so the policy honours
`Retry-After` when present and otherwise backs off exponentially with full jitter, bounded
both in attempts and in total time so a run fails instead of hanging.
"""

from __future__ import annotations

import random
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

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


def parse_retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta seconds or HTTP date), if valid."""
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - now
        except (TypeError, ValueError, IndexError):
            return None
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """Retry limits; `sleep`, `clock`, `wall_clock` and `random` are injectable for tests."""

    max_attempts: int = 6
    initial_backoff: float = 0.5
    max_backoff: float = 30.0
    max_total: float = 300.0
    jitter: bool = True
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)
    wall_clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if min(self.initial_backoff, self.max_backoff, self.max_total) < 0:
            raise ValueError("backoff and time limits must not be negative")

    def backoff(self, retry_number: int) -> float:
        """Delay before retry `retry_number` (1-based) when the server gave no hint."""
        ceiling = min(self.max_backoff, self.initial_backoff * 2 ** (retry_number - 1))
        return ceiling * self.random() if self.jitter else ceiling

    def start(self) -> RetrySchedule:
        """Begin counting attempts and time for one logical request."""
        return RetrySchedule(self)


class RetrySchedule:
    """Attempt budget of one logical request (which may span several HTTP requests)."""

    def __init__(self, policy: RetryPolicy) -> None:
        self._policy = policy
        self._started = policy.clock()
        self.attempt = 1

    def wait_before_retry(self, retry_after: str | None = None) -> bool:
        """Sleep before the next attempt and return True, or return False if out of budget."""
        policy = self._policy
        if self.attempt >= policy.max_attempts:
            return False
        hinted = parse_retry_after(retry_after, now=policy.wall_clock())
        delay = policy.backoff(self.attempt) if hinted is None else min(hinted, policy.max_backoff)
        if policy.clock() - self._started + delay > policy.max_total:
            return False
        policy.sleep(delay)
        self.attempt += 1
        return True
