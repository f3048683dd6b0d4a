from __future__ import annotations

import socket

import httpx
import pytest

from openai_connector.api import RetryPolicy
from openai_connector.api.retry import is_retryable_exception, parse_retry_after

from .fakes import FakeClock, fast_retry


def test_backoff_doubles_up_to_the_cap_without_jitter() -> None:
    policy = RetryPolicy(initial_backoff=0.5, max_backoff=3.0, jitter=False)
    assert [policy.backoff(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


def test_full_jitter_scales_the_exponential_ceiling() -> None:
    policy = RetryPolicy(initial_backoff=1.0, max_backoff=30.0, random=lambda: 0.25)
    assert [policy.backoff(n) for n in range(1, 4)] == [0.25, 0.5, 1.0]


def test_schedule_stops_after_max_attempts() -> None:
    clock = FakeClock()
    schedule = fast_retry(clock, max_attempts=3).start()
    assert schedule.wait_before_retry()
    assert schedule.wait_before_retry()
    assert not schedule.wait_before_retry()
    assert clock.sleeps == [0.5, 1.0]
    assert schedule.attempt == 3


def test_schedule_stops_when_the_next_wait_would_exceed_max_total() -> None:
    clock = FakeClock()
    schedule = fast_retry(clock, max_attempts=100, max_total=3.0).start()
    while schedule.wait_before_retry():
        pass
    assert clock.sleeps == [0.5, 1.0]
    assert sum(clock.sleeps) <= 3.0


def test_retry_after_seconds_is_honoured_and_capped() -> None:
    clock = FakeClock()
    schedule = fast_retry(clock, max_backoff=10.0).start()
    assert schedule.wait_before_retry("7")
    assert schedule.wait_before_retry("3600")
    assert clock.sleeps == [7.0, 10.0]


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


def test_which_transport_errors_are_retried() -> None:
    dns = httpx.ConnectError("name resolution failed")
    dns.__context__ = socket.gaierror(-2, "Name or service not known")
    assert not is_retryable_exception(dns)
    assert is_retryable_exception(httpx.ConnectError("refused"))
    assert is_retryable_exception(httpx.ReadTimeout("slow"))
    assert is_retryable_exception(httpx.RemoteProtocolError("peer closed connection"))
    assert not is_retryable_exception(httpx.UnsupportedProtocol("ftp"))
