"""Client-side rate limiting that keeps a key under the API's per-endpoint-class limits.

Limits are per key, so every client using one key in a process shares one `RateLimits`
(`RateLimits.for_key`); processes sharing a key must split the budget themselves.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from enum import StrEnum


class EndpointClass(StrEnum):
    """The API limits list endpoints and single-item calls separately."""

    LIST = "list"
    ITEM = "item"


class TokenBucket:
    """Thread-safe token bucket; callers reserve a token and sleep outside the lock."""

    def __init__(
        self,
        per_minute: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_minute <= 0:
            raise ValueError("a rate limit must be positive")
        self.capacity = float(per_minute)
        self._rate = per_minute / 60.0
        self._clock = clock
        self._sleep = sleep
        self._tokens = self.capacity
        self._updated = clock()
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take one token now and return how many seconds the caller must wait for it."""
        with self._lock:
            now = self._clock()
            self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self._rate)
            self._updated = now
            self._tokens -= 1.0
            return 0.0 if self._tokens >= 0 else -self._tokens / self._rate

    def acquire(self) -> float:
        """Block until a token is available; return the seconds spent waiting."""
        wait = self.reserve()
        if wait > 0:
            self._sleep(wait)
        return wait


class RateLimits:
    """One bucket per endpoint class, burst = the per-minute count (None = unlimited)."""

    def __init__(
        self,
        list_per_minute: float | None = 50,
        item_per_minute: float | None = 100,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        limits = {EndpointClass.LIST: list_per_minute, EndpointClass.ITEM: item_per_minute}
        self._buckets = {
            endpoint: TokenBucket(limit, clock=clock, sleep=sleep)
            for endpoint, limit in limits.items()
            if limit is not None
        }

    @classmethod
    def for_key(cls, api_key: str) -> RateLimits:
        """The process-wide limits of one key at the documented rates (50 and 100 a minute)."""
        fingerprint = hashlib.sha256(api_key.encode()).hexdigest()
        with _SHARED_LOCK:
            return _SHARED.setdefault(fingerprint, cls())

    @classmethod
    def unlimited(cls) -> RateLimits:
        """No throttling (tests, or a server-side limit handled elsewhere)."""
        return cls(list_per_minute=None, item_per_minute=None)

    def acquire(self, endpoint: EndpointClass) -> float:
        """Wait for a request slot of `endpoint`'s class; return the seconds waited."""
        bucket = self._buckets.get(endpoint)
        return bucket.acquire() if bucket is not None else 0.0


_SHARED: dict[str, RateLimits] = {}
_SHARED_LOCK = threading.Lock()
