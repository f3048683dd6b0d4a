"""The connector's one way to retry: tenacity runs the attempts, this module sets the pace.

tenacity (what Airflow's HttpHook and pyiceberg retry with) loops, stops and sleeps; a
:class:`RetryPolicy` gives it the limits (attempts and total time, so a run fails instead of
hanging), a wait that honours a server's ``Retry-After`` and otherwise backs off exponentially
with full jitter, and the sleep, clocks and random source, all injectable so tests never wait.

An exception asks for a particular wait through a ``retry_after`` attribute holding a
``Retry-After`` header value (delta seconds or an HTTP date).

tenacity is imported on first use: importing this module stays cheap for DAG parsing.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from tenacity import RetryCallState, Retrying

#: Told about each retry before its wait: the failure, the number of the attempt that failed
#: (1-based) and the seconds about to be slept.
OnRetry = Callable[[BaseException, int, float], None]


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

    def retrying(
        self, retry_on: Callable[[BaseException], bool], on_retry: OnRetry | None = None
    ) -> Retrying:
        """A tenacity controller for one logical operation (its time budget starts now).

        Failures ``retry_on`` accepts are retried while the budget lasts; once it is spent,
        or for any other failure, the operation's own exception is raised (never tenacity's
        ``RetryError``). Call it with the operation: ``policy.retrying(...)(operation)``.
        """
        import tenacity

        started = self.clock()
        out_of_attempts = tenacity.stop_after_attempt(self.max_attempts)

        def spent(state: RetryCallState) -> bool:
            """Out of attempts, or the next wait would end past the time budget."""
            if out_of_attempts(state):
                return True
            return self.clock() - started + state.upcoming_sleep > self.max_total

        def announce(state: RetryCallState) -> None:
            if on_retry is not None:
                on_retry(_failure(state), state.attempt_number, state.upcoming_sleep)

        return tenacity.Retrying(
            retry=tenacity.retry_if_exception(retry_on),
            wait=self._wait,
            stop=spent,
            sleep=self.sleep,
            before_sleep=announce,
            reraise=True,
        )

    def _wait(self, state: RetryCallState) -> float:
        hint = parse_retry_after(
            getattr(_failure(state), "retry_after", None), now=self.wall_clock()
        )
        return self.backoff(state.attempt_number) if hint is None else min(hint, self.max_backoff)


def attempts_made(retrying: Retrying) -> int:
    """How many attempts ``retrying`` made (in this thread) of its latest operation."""
    return int(retrying.statistics.get("attempt_number", 0))


def _failure(state: RetryCallState) -> BaseException:
    """The attempt's exception: only failed attempts are retried (``retry_if_exception``)."""
    outcome = state.outcome
    assert outcome is not None  # set once an attempt has ended
    return cast("BaseException", outcome.exception())
