from __future__ import annotations

import threading

import pytest

from openai_connector.api import EndpointClass, RateLimits
from openai_connector.api.ratelimit import TokenBucket

from .fakes import FakeClock


def test_burst_equals_the_per_minute_count_then_waits_evenly() -> None:
    clock = FakeClock()
    bucket = TokenBucket(60, clock=clock, sleep=clock.sleep)
    assert [bucket.acquire() for _ in range(60)] == [0.0] * 60
    assert bucket.acquire() == pytest.approx(1.0)
    assert bucket.acquire() == pytest.approx(1.0)
    assert clock.now == pytest.approx(2.0)


def test_tokens_refill_with_time_but_never_beyond_the_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(50, clock=clock, sleep=clock.sleep)
    for _ in range(50):
        bucket.acquire()
    clock.now += 600
    assert [bucket.acquire() for _ in range(50)] == [0.0] * 50
    assert bucket.acquire() == pytest.approx(60 / 50)


def test_waits_queue_up_when_reserved_concurrently() -> None:
    clock = FakeClock()
    bucket = TokenBucket(60, clock=clock, sleep=clock.sleep)
    for _ in range(60):
        bucket.reserve()
    assert [bucket.reserve() for _ in range(3)] == pytest.approx([1.0, 2.0, 3.0])


def test_list_and_item_classes_have_separate_budgets() -> None:
    clock = FakeClock()
    limits = RateLimits(list_per_minute=2, item_per_minute=3, clock=clock, sleep=clock.sleep)
    assert [limits.acquire(EndpointClass.LIST) for _ in range(2)] == [0.0, 0.0]
    assert [limits.acquire(EndpointClass.ITEM) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limits.acquire(EndpointClass.ITEM) == pytest.approx(20.0)
    # 20 s refilled 2/3 of a list token, so a third list call waits for the last third.
    assert limits.acquire(EndpointClass.LIST) == pytest.approx(10.0)


def test_unlimited_never_waits() -> None:
    limits = RateLimits.unlimited()
    assert all(limits.acquire(EndpointClass.LIST) == 0.0 for _ in range(1000))


def test_threads_share_one_bucket_without_losing_tokens() -> None:
    clock = FakeClock()
    waits: list[float] = []
    lock = threading.Lock()
    bucket = TokenBucket(100, clock=clock, sleep=lambda _: None)

    def worker() -> None:
        for _ in range(50):
            wait = bucket.reserve()
            with lock:
                waits.append(wait)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(1 for wait in waits if wait == 0.0) == 100
    assert max(waits) == pytest.approx(100 * 60 / 100)


def test_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        TokenBucket(0)


def test_clients_of_one_key_share_limits_and_other_keys_do_not() -> None:
    assert RateLimits.for_key("sk-one") is RateLimits.for_key("sk-one")
    assert RateLimits.for_key("sk-one") is not RateLimits.for_key("sk-two")


def test_a_share_of_the_key_limits_gets_its_part_of_the_burst_and_rate() -> None:
    """Two partitions on two workers each take half of the key's 50 and 100 a minute."""
    half = RateLimits.for_key("sk-shared", share=0.5)
    assert half is RateLimits.for_key("sk-shared", share=0.5)
    assert half is not RateLimits.for_key("sk-shared")
    buckets = half._buckets
    assert (buckets[EndpointClass.LIST].capacity, buckets[EndpointClass.ITEM].capacity) == (25, 50)
    with pytest.raises(ValueError, match="share"):
        RateLimits.for_key("sk-shared", share=0)
