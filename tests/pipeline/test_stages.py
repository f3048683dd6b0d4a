"""Overlapped stages: order, bounded memory, errors that name their stage and lose nothing."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from openai_connector.pipeline.stages import Stage, StageTimes


def _counting(n: int, produced: list[int], fail_at: int | None = None) -> Iterator[int]:
    for value in range(n):
        if value == fail_at:
            raise ValueError(f"broken record {value}")
        produced.append(value)
        yield value


def _stage_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("stage-")]


def test_results_arrive_in_order_through_chained_stages() -> None:
    produced: list[int] = []
    with (
        Stage("first", _counting(50, produced)) as first,
        Stage("second", (value * 2 for value in first)) as second,
    ):
        assert list(second) == [value * 2 for value in range(50)]
    assert not _stage_threads()


@pytest.mark.parametrize("depth", [1, 3])
def test_a_slow_consumer_holds_the_producer_a_bounded_distance_ahead(depth: int) -> None:
    produced: list[int] = []
    ahead = []
    with Stage("producer", _counting(30, produced), depth=depth) as stage:
        for consumed, _ in enumerate(stage, start=1):
            time.sleep(0.01)
            ahead.append(len(produced) - consumed)
    # ``depth`` results queued and one in hand, waiting for room in the queue.
    assert max(ahead) <= depth + 1
    assert max(ahead) >= depth  # the producer did run ahead


def test_an_error_arrives_after_every_result_before_it_and_names_its_stage() -> None:
    received: list[int] = []

    def consume(stage: Stage[int]) -> None:
        received.extend(stage)

    with (
        Stage("extraction", _counting(10, [], fail_at=6)) as stage,
        pytest.raises(ValueError, match="broken record 6") as raised,
    ):
        consume(stage)
    assert received == [0, 1, 2, 3, 4, 5]
    assert "(raised in the extraction stage)" in raised.value.__notes__


def test_an_upstream_error_keeps_the_name_of_the_stage_it_came_from() -> None:
    with (
        Stage("extraction", _counting(10, [], fail_at=2)) as first,
        Stage("classification", (value for value in first)) as second,
        pytest.raises(ValueError, match="broken record 2") as raised,
    ):
        list(second)
    assert raised.value.__notes__ == ["(raised in the extraction stage)"]


def test_closing_early_stops_the_producer_and_closes_its_source() -> None:
    closed = threading.Event()

    def endless() -> Iterator[int]:
        try:
            value = 0
            while True:
                value += 1
                yield value
        finally:
            closed.set()

    with Stage("endless", endless(), depth=2) as stage:
        for value in stage:
            if value == 5:
                break
    assert closed.is_set()
    assert not _stage_threads()


def test_a_depth_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="depth of at least 1"):
        Stage("bad", iter(()), depth=0)


@pytest.mark.parametrize(
    ("times", "bound"),
    [
        (StageTimes(10, extraction=1, classification=9, landing=2), "classification"),
        (StageTimes(10, extraction=1, classification=3, landing=8), "landing"),
        (StageTimes(10, extraction=9, classification=3, landing=2), "extraction"),
        (
            StageTimes(10, extraction=9, classification=3, landing=2, rate_limit_wait=7),
            "api_rate_limit",
        ),
    ],
)
def test_the_bound_is_the_busiest_stage_or_the_rate_limit(times: StageTimes, bound: str) -> None:
    assert times.bound == bound
    assert times.to_dict()["bound"] == bound
