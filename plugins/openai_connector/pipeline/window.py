"""Which slice of time a run extracts, whether it may move the scheduled watermark, and how
its message extraction splits into partitions.

Scheduled runs follow the stored cursor; explicit windows (manual ``since``/``until`` or a
backfill's data interval) re-extract exactly their slice and never move the cursor backwards.
A partition is a contiguous range of the window's log files (by ``end_time``), so partitions
never share a file and together cover the window exactly.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from openai_connector.errors import OpenAIConnectorError

#: The logs platform keeps about 30 days; nothing older can be re-read.
LOG_RETENTION = timedelta(days=30)
DEFAULT_INITIAL_LOOKBACK = LOG_RETENTION
#: A log file ending this long after a window's end may still hold events from before it.
LATE_DELIVERY_GRACE = timedelta(hours=1)


class WindowError(OpenAIConnectorError, ValueError):
    """A requested window is unusable (reversed, in the future, unparsable)."""


class RunMode(enum.StrEnum):
    SCHEDULED = "scheduled"  # continue from the watermark, advance it
    WINDOW = "window"  # manual since/until: re-extract and upsert, watermark untouched
    BACKFILL = "backfill"  # a backfill's data interval: same as WINDOW


@dataclass(frozen=True)
class Window:
    """``after`` exclusive, ``until`` exclusive (None: up to what the API has now)."""

    mode: RunMode
    after: datetime
    until: datetime | None
    warnings: tuple[str, ...] = ()

    @property
    def moves_watermark(self) -> bool:
        return self.mode is RunMode.SCHEDULED

    def contains(self, moment: datetime) -> bool:
        return moment > self.after and (self.until is None or moment < self.until)

    @property
    def files_before(self) -> datetime | None:
        """The latest log-file ``end_time`` that may hold events of the window (None: any)."""
        return self.until + LATE_DELIVERY_GRACE if self.until else None


@dataclass(frozen=True)
class Partition:
    """The log files whose ``end_time`` is in (``after``, ``before``]; ``before`` None: every
    later file, as far as the API has them when the partition runs."""

    index: int
    count: int
    after: datetime
    before: datetime | None

    @classmethod
    def whole(cls, window: Window) -> Partition:
        """The one partition of an unpartitioned run: every file of the window."""
        return cls(0, 1, window.after, window.files_before)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "count": self.count,
            "after": self.after.isoformat(),
            "before": self.before.isoformat() if self.before else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Partition:
        before = data.get("before")
        return cls(
            int(data["index"]),
            int(data["count"]),
            datetime.fromisoformat(data["after"]),
            datetime.fromisoformat(before) if before else None,
        )


def split_log_files(
    window: Window, files: Sequence[tuple[datetime, int]], count: int
) -> tuple[Partition, ...]:
    """Cut the window's listed files (``(end_time, bytes)``, ascending) into at most ``count``
    contiguous ranges of about equal bytes.

    The last range stays open like the window, so files listed after planning are still read;
    files sharing an ``end_time`` always fall in one range (fewer partitions, never a split file).
    """
    total = sum(max(size, 1) for _, size in files)
    cuts: list[datetime] = []
    landed = 0
    for end_time, size in files[:-1]:
        landed += max(size, 1)
        target = total * (len(cuts) + 1) / count
        if len(cuts) < count - 1 and landed >= target and (not cuts or end_time > cuts[-1]):
            cuts.append(end_time)
    if files:
        cuts = [cut for cut in cuts if cut < files[-1][0]]
    starts = [window.after, *cuts]
    ends = [*cuts, window.files_before]
    return tuple(
        Partition(index, len(starts), after, before)
        for index, (after, before) in enumerate(zip(starts, ends, strict=True))
    )


def parse_moment(value: object, name: str) -> datetime | None:
    """Accept ISO-8601 strings (a trailing Z included) or datetimes; naive means UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise WindowError(f"{name} must be an ISO-8601 date-time, got {value!r}") from exc
    else:
        raise WindowError(f"{name} must be an ISO-8601 date-time, got {type(value).__name__}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def resolve_window(
    *,
    now: datetime,
    watermark: datetime | None,
    since: object = None,
    until: object = None,
    backfill_interval: tuple[datetime, datetime] | None = None,
    initial_lookback: timedelta = DEFAULT_INITIAL_LOOKBACK,
) -> Window:
    """Decide the run's window from its params, its backfill interval and the watermark.

    A backfill run extracts its own data interval: ``since``/``until`` from the backfill
    form would give every run of the backfill the same window, so they are ignored (said in
    the run's warnings).
    """
    since_at = parse_moment(since, "since")
    until_at = parse_moment(until, "until")
    ignored: tuple[str, ...] = ()
    if backfill_interval is not None:
        if since_at is not None or until_at is not None:
            ignored = (
                "since/until are ignored in a backfill: each backfill run extracts its own "
                "data interval (From/To of the backfill)",
            )
        since_at, until_at = backfill_interval
        mode = RunMode.BACKFILL
    elif since_at is not None or until_at is not None:
        mode = RunMode.WINDOW
    else:
        after = watermark or now - initial_lookback
        return Window(RunMode.SCHEDULED, after, None, _retention_warnings(after, now))

    after = since_at or now - initial_lookback
    if after > now:
        raise WindowError(f"since ({after.isoformat()}) is in the future")
    if until_at is not None and until_at <= after:
        raise WindowError(
            f"since ({after.isoformat()}) must be before until ({until_at.isoformat()})"
        )
    if until_at is not None and until_at > now:
        if mode is RunMode.WINDOW:
            raise WindowError(f"until ({until_at.isoformat()}) is in the future")
        until_at = None  # a backfill's last interval is still open: read up to now
    return Window(mode, after, until_at, ignored + _retention_warnings(after, now))


def _retention_warnings(after: datetime, now: datetime) -> tuple[str, ...]:
    oldest = now - LOG_RETENTION
    if after >= oldest:
        return ()
    return (
        f"the window starts {after.isoformat()}, but the Compliance API keeps logs for about "
        f"{LOG_RETENTION.days} days (oldest served ≈ {oldest.isoformat()}): records before that "
        "cannot be extracted any more",
    )
