from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from openai_connector.pipeline.window import RunMode, WindowError, parse_moment, resolve_window

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
