"""Client-side rate limiting that keeps a key under the API's per-endpoint-class limits.

Limits are per key, so every client using one key in a process shares one `RateLimits`
(`RateLimits.for_key`); processes sharing a key split the budget: each takes its `share`.
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


#: OpenAI's documented per-key limits: list endpoints, and single items (downloads, deletes).
DOCUMENTED_LIST_PER_MINUTE = 50
DOCUMENTED_ITEM_PER_MINUTE = 100


class RateLimits:
    """One bucket per endpoint class, burst = the per-minute count (None = unlimited)."""

    def __init__(
        self,
        list_per_minute: float | None = DOCUMENTED_LIST_PER_MINUTE,
        item_per_minute: float | None = DOCUMENTED_ITEM_PER_MINUTE,
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
    def for_key(cls, api_key: str, *, share: float = 1.0) -> RateLimits:
        """The process-wide limits of one key at the documented rates (50 and 100 a minute),
        or at ``share`` of them when that many processes use the key at once."""
        if not 0 < share <= 1:
            raise ValueError("a rate-limit share must be in (0, 1]")
        fingerprint = hashlib.sha256(api_key.encode()).hexdigest()
        with _SHARED_LOCK:
            return _SHARED.setdefault(
                (fingerprint, share),
                cls(DOCUMENTED_LIST_PER_MINUTE * share, DOCUMENTED_ITEM_PER_MINUTE * share),
            )

    @classmethod
    def unlimited(cls) -> RateLimits:
        """No throttling (tests, or a server-side limit handled elsewhere)."""
        return cls(list_per_minute=None, item_per_minute=None)

    def acquire(self, endpoint: EndpointClass) -> float:
        """Wait for a request slot of `endpoint`'s class; return the seconds waited."""
        bucket = self._buckets.get(endpoint)
        return bucket.acquire() if bucket is not None else 0.0


_SHARED: dict[tuple[str, float], RateLimits] = {}
_SHARED_LOCK = threading.Lock()
