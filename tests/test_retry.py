"""The one retry mechanism: limits, backoff, `Retry-After`, all without really waiting."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from openai_connector.retry import RetryPolicy, attempts_made, parse_retry_after

from .api.fakes import FakeClock, fast_retry


class Busy(Exception):
    """A retryable failure; ``retry_after`` is the server's hint, as on a 429."""

    def __init__(self, retry_after: str | None = None) -> None:
        super().__init__("busy")
        self.retry_after = retry_after


def failing(*failures: Exception) -> Callable[[], str]:
    """An operation raising ``failures`` in turn, then succeeding."""
    pending = list(failures)

    def operation() -> str:
        if pending:
            raise pending.pop(0)
        return "done"

    return operation


def is_busy(error: BaseException) -> bool:
    return isinstance(error, Busy)


def test_backoff_doubles_up_to_the_cap_without_jitter() -> None:
    policy = RetryPolicy(initial_backoff=0.5, max_backoff=3.0, jitter=False)
    assert [policy.backoff(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_full_jitter_scales_the_exponential_ceiling() -> None:
    policy = RetryPolicy(initial_backoff=1.0, max_backoff=30.0, random=lambda: 0.25)
    assert [policy.backoff(n) for n in range(1, 4)] == [0.25, 0.5, 1.0]


def test_retrying_stops_after_max_attempts_with_the_operations_own_error() -> None:
    clock = FakeClock()
    retrying = fast_retry(clock, max_attempts=3).retrying(is_busy)
    with pytest.raises(Busy):
        retrying(failing(*[Busy()] * 5))
    assert clock.sleeps == [0.5, 1.0]
    assert attempts_made(retrying) == 3


def test_retrying_stops_when_the_next_wait_would_exceed_max_total() -> None:
    clock = FakeClock()
    with pytest.raises(Busy):
        fast_retry(clock, max_attempts=100, max_total=3.0).retrying(is_busy)(
            failing(*[Busy()] * 100)
        )
    assert clock.sleeps == [0.5, 1.0]
    assert sum(clock.sleeps) <= 3.0


def test_retry_after_seconds_is_honoured_and_capped() -> None:
    clock = FakeClock()
    retrying = fast_retry(clock, max_backoff=10.0).retrying(is_busy)
    assert retrying(failing(Busy("7"), Busy("3600"))) == "done"
    assert clock.sleeps == [7.0, 10.0]


def test_other_failures_are_not_retried_and_each_retry_is_announced() -> None:
    clock = FakeClock()
    announced: list[tuple[str, int, float]] = []
    retrying = fast_retry(clock).retrying(
        is_busy, lambda error, attempt, delay: announced.append((str(error), attempt, delay))
    )
    with pytest.raises(KeyError):
        retrying(failing(Busy(), KeyError("no")))
    assert announced == [("busy", 1, 0.5)]
    assert attempts_made(retrying) == 2


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("2", 2.0),
        ("0.5", 0.5),
        ("-4", 0.0),
        ("Mon, 12 Jan 1970 13:46:45 GMT", 5.0),
        ("Mon, 12 Jan 1970 13:46:30 GMT", 0.0),
        ("soon", None),
        ("nan", None),
        (None, None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, now=1_000_000.0) == expected


def test_invalid_policies_are_rejected() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError, match="negative"):
        RetryPolicy(max_backoff=-1)
