from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from openai_connector.pipeline.window import (
    LATE_DELIVERY_GRACE,
    Partition,
    RunMode,
    Window,
    WindowError,
    parse_moment,
    resolve_window,
    split_log_files,
)

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def test_first_scheduled_run_looks_back_thirty_days() -> None:
    window = resolve_window(now=NOW, watermark=None)
    assert window.mode is RunMode.SCHEDULED
    assert window.after == NOW - timedelta(days=30)
    assert window.until is None
    assert window.moves_watermark


def test_scheduled_run_continues_from_watermark() -> None:
    mark = NOW - timedelta(hours=1)
    window = resolve_window(now=NOW, watermark=mark)
    assert (window.after, window.until, window.warnings) == (mark, None, ())


def test_manual_window_does_not_move_the_watermark() -> None:
    window = resolve_window(
        now=NOW,
        watermark=NOW,
        since="2026-11-20T00:00:00Z",
        until="2026-11-21T00:00:00+00:00",
    )
    assert window.mode is RunMode.WINDOW
    assert not window.moves_watermark
    assert window.after == datetime(2026, 11, 20, tzinfo=UTC)
    assert window.until == datetime(2026, 11, 21, tzinfo=UTC)
    assert window.contains(datetime(2026, 11, 20, 23, tzinfo=UTC))
    assert not window.contains(datetime(2026, 11, 21, tzinfo=UTC))


def test_backfill_interval_is_a_window() -> None:
    start, end = NOW - timedelta(hours=2), NOW - timedelta(hours=1)
    window = resolve_window(now=NOW, watermark=NOW, backfill_interval=(start, end))
    assert (window.mode, window.after, window.until) == (RunMode.BACKFILL, start, end)


def test_backfill_ignores_since_and_until_and_says_so() -> None:
    start, end = NOW - timedelta(hours=2), NOW - timedelta(hours=1)
    window = resolve_window(
        now=NOW, watermark=NOW, since="2026-11-01T00:00:00Z", backfill_interval=(start, end)
    )
    assert (window.mode, window.after, window.until) == (RunMode.BACKFILL, start, end)
    assert "since/until are ignored in a backfill" in window.warnings[0]


def test_backfill_interval_still_open_reads_up_to_now() -> None:
    window = resolve_window(
        now=NOW,
        watermark=None,
        backfill_interval=(NOW - timedelta(hours=1), NOW + timedelta(hours=1)),
    )
    assert window.until is None


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        ("2026-11-21T00:00:00Z", "2026-11-20T00:00:00Z", "must be before until"),
        ("2026-11-21T00:00:00Z", "2026-11-21T00:00:00Z", "must be before until"),
        ("2026-12-25T00:00:00Z", None, "since .* is in the future"),
        ("2026-11-21T00:00:00Z", "2027-01-01T00:00:00Z", "until .* is in the future"),
        ("yesterday", None, "since must be an ISO-8601 date-time"),
        (None, 42, "until must be an ISO-8601 date-time"),
    ],
)
def test_bad_windows_are_refused_clearly(since: object, until: object, message: str) -> None:
    with pytest.raises(WindowError, match=message):
        resolve_window(now=NOW, watermark=None, since=since, until=until)


def test_window_past_retention_warns_instead_of_running_empty() -> None:
    window = resolve_window(now=NOW, watermark=None, since="2026-09-01T00:00:00Z")
    assert len(window.warnings) == 1
    assert "keeps logs for about 30 days" in window.warnings[0]


def test_naive_moment_is_utc() -> None:
    assert parse_moment("2026-11-01T10:00:00", "since") == datetime(2026, 11, 1, 10, tzinfo=UTC)


def hours(*offsets: int) -> list[datetime]:
    return [NOW - timedelta(hours=24) + timedelta(hours=h) for h in offsets]


def test_partitions_cover_the_window_in_ranges_of_about_equal_bytes() -> None:
    window = resolve_window(now=NOW, watermark=NOW - timedelta(hours=24))
    ends = hours(1, 2, 3, 4, 5, 6)
    files = list(zip(ends, [100, 100, 100, 100, 100, 100], strict=True))
    first, second = split_log_files(window, files, 2)
    assert (first.after, first.before) == (window.after, ends[2])
    assert (second.after, second.before) == (ends[2], None)  # open like the window
    assert (first.index, second.index, first.count) == (0, 1, 2)
    # Bytes, not file counts: one big file is a partition of its own.
    big = split_log_files(window, list(zip(ends[:3], [1000, 10, 10], strict=True)), 2)
    assert [p.before for p in big] == [ends[0], None]


def test_a_closed_window_keeps_its_late_delivery_grace_in_the_last_partition() -> None:
    window = resolve_window(now=NOW, watermark=None, since=hours(0)[0], until=hours(10)[0])
    ends = hours(1, 2, 3, 4)
    last = split_log_files(window, [(end, 1) for end in ends], 3)[-1]
    assert last.before == window.until + LATE_DELIVERY_GRACE == window.files_before


def test_fewer_files_than_partitions_or_shared_end_times_make_fewer_partitions() -> None:
    window = resolve_window(now=NOW, watermark=NOW - timedelta(hours=24))
    assert split_log_files(window, [], 4) == (Partition.whole(window),)
    (one,) = split_log_files(window, [(hours(1)[0], 10)], 4)
    assert (one.after, one.before, one.count) == (window.after, None, 1)
    same = hours(1) * 4
    assert len(split_log_files(window, [(end, 10) for end in same], 4)) == 1
    ends = hours(1, 1, 2, 2)
    assert [p.before for p in split_log_files(window, [(e, 10) for e in ends], 4)] == [
        ends[0],
        None,
    ]


def test_a_partition_round_trips_through_xcom_json() -> None:
    window = Window(RunMode.BACKFILL, hours(0)[0], hours(1)[0])
    for partition in (Partition.whole(window), Partition(1, 3, hours(0)[0], None)):
        assert Partition.from_dict(partition.to_dict()) == partition
