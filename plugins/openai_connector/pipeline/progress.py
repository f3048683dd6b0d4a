"""Progress lines for long-running steps: counts, rate and ETA at a steady cadence."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable


class Progress:
    """Logs ``what: n done (rate/s), ETA`` at most every ``every`` seconds, and once at the end.

    ``total`` may be unknown (log files are discovered page by page): then no ETA is printed.
    """

    def __init__(
        self,
        what: str,
        *,
        unit: str = "records",
        total: int | None = None,
        every: float = 10.0,
        logger: logging.Logger | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.what = what
        self.unit = unit
        self.total = total
        self.count = 0
        self._every = every
        self._log = logger or logging.getLogger(__name__)
        self._clock = clock
        self._started = clock()
        self._last = self._started

    def advance(self, n: int = 1) -> None:
        self.count += n
        now = self._clock()
        if now - self._last >= self._every:
            self._last = now
            self._log.info("%s", self.line(now))

    def finish(self) -> None:
        self._log.info("%s (done)", self.line(self._clock()))

    def line(self, now: float) -> str:
        elapsed = max(now - self._started, 1e-9)
        rate = self.count / elapsed
        text = f"{self.what}: {self.count:,} {self.unit} in {elapsed:.1f}s ({rate:,.1f}/s)"
        if self.total:
            text += f", {self.count / self.total:.0%} of {self.total:,}"
            if rate > 0 and self.count < self.total:
                text += f", ETA {(self.total - self.count) / rate:.0f}s"
        return text
