"""Counters a run records about its API usage (for the runs table and benchmarks)."""

from __future__ import annotations

import threading
from collections import Counter

from openai_connector.api.ratelimit import EndpointClass


class ClientStats:
    """Thread-safe counters of one client's traffic."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: Counter[EndpointClass] = Counter()
        self._downloads = 0
        self._retries = 0
        self._bytes_downloaded = 0
        self._rate_limit_waits = 0
        self._rate_limit_wait_seconds = 0.0
        self._quarantined = 0

    def record_call(self, endpoint: EndpointClass) -> None:
        """One HTTP request sent to the API (every attempt counts against the limits)."""
        with self._lock:
            self._calls[endpoint] += 1

    def record_download(self, size: int) -> None:
        """One body fetched from a signed URL."""
        with self._lock:
            self._downloads += 1
            self._bytes_downloaded += size

    def record_quarantined(self) -> None:
        """One listed item the client could not read, skipped so the rest of the list lands."""
        with self._lock:
            self._quarantined += 1

    def record_retry(self) -> None:
        with self._lock:
            self._retries += 1

    def record_rate_limit_wait(self, seconds: float) -> None:
        if seconds <= 0:
            return
        with self._lock:
            self._rate_limit_waits += 1
            self._rate_limit_wait_seconds += seconds

    def snapshot(self) -> dict[str, int | float]:
        """A consistent copy of every counter, as plain JSON-friendly values."""
        with self._lock:
            calls = {f"calls_{endpoint.value}": self._calls[endpoint] for endpoint in EndpointClass}
            return {
                **calls,
                "calls_total": sum(calls.values()),
                "downloads": self._downloads,
                "retries": self._retries,
                "quarantined": self._quarantined,
                "bytes_downloaded": self._bytes_downloaded,
                "rate_limit_waits": self._rate_limit_waits,
                "rate_limit_wait_seconds": round(self._rate_limit_wait_seconds, 6),
            }
