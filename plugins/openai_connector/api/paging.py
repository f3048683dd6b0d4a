"""Paged listings: the legacy list envelope, the logs platform's time cursor, and the
progress guarantee of both: a listing ends, or it fails naming the loop.

Listings are generators, so a workspace never sits in memory. An API that keeps saying
``has_more`` can page a client forever: a cursor that cycles (``B → A → B``), one that creeps
forward a microsecond a page, or fresh cursors that bring nothing new. Each listing feeds a
:class:`PageGuard` every cursor it is about to send and how many new items the page brought;
the guard refuses a cursor seen before, a run of pages that bring nothing new, and more than
:data:`MAX_PAGES` pages in one listing.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from openai_connector.api.errors import CursorStalledError, DecodeError
from openai_connector.api.models import MODEL_ERRORS, LogFile, format_timestamp, parse_timestamp
from openai_connector.api.ratelimit import EndpointClass

if TYPE_CHECKING:
    from openai_connector.api.session import APISession

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Pages one listing may take in one run: 10 million log files at 100 a page.
MAX_PAGES = 100_000
#: Pages in a row without a new item before a listing is declared stuck (a boundary file
#: coming back is one such page; ten in a row is a loop).
MAX_IDLE_PAGES = 10


class PageGuard:
    """Progress of one listing ``loop`` (named in every error) over ``path``."""

    def __init__(self, loop: str, path: str) -> None:
        self.loop = loop
        self.path = path
        self.max_pages = MAX_PAGES
        self.pages = 0
        self._idle = 0
        self._cursors: set[str] = set()

    def page(self, new_items: int) -> None:
        """Count a page that brought ``new_items`` items not seen before in this listing."""
        self.pages += 1
        self._idle = 0 if new_items else self._idle + 1
        if self._idle >= MAX_IDLE_PAGES:
            raise self._stuck(f"{self._idle} pages in a row brought nothing new")
        if self.pages >= self.max_pages:
            raise self._stuck(f"more than {self.max_pages} pages in one run")

    def next_cursor(self, cursor: str) -> str:
        """``cursor``, if this listing never sent it before."""
        if cursor in self._cursors:
            raise self._stuck(f"cursor {cursor[:80]!r} came back after {self.pages} pages")
        self._cursors.add(cursor)
        return cursor

    def _stuck(self, why: str) -> CursorStalledError:
        return CursorStalledError(f"{self.loop} (GET {self.path}) stopped: {why}")


def check_page_size(page_size: int, maximum: int) -> None:
    if not 1 <= page_size <= maximum:
        raise ValueError(f"page_size must be between 1 and {maximum}, got {page_size}")


# -- the legacy list envelope: {"data": [...], "has_more": ..., "last_id": ...} -------------


def iter_list(
    session: APISession,
    path: str,
    model: Callable[[Mapping[str, Any]], T],
    *,
    page_size: int,
    params: Sequence[tuple[str, Any]] = (),
    first_page_params: Sequence[tuple[str, Any]] = (),
) -> Iterator[T]:
    """The listing's items built as ``model``; an unreadable item is skipped and counted."""
    for items, _has_more in iter_list_pages(session, path, page_size, params, first_page_params):
        for item in items:
            try:
                built = session.build(model, item, path)
            except DecodeError as exc:  # one unreadable item, not the whole listing
                session.stats.record_quarantined()
                logger.warning("Skipped an unreadable item: %s", exc)
                continue
            yield built


def iter_list_pages(
    session: APISession,
    path: str,
    page_size: int,
    params: Sequence[tuple[str, Any]] = (),
    first_page_params: Sequence[tuple[str, Any]] = (),
) -> Iterator[tuple[list[Any], bool]]:
    """Pages of a legacy list envelope; `after=last_id` while `has_more` (see `PageGuard`)."""
    guard = PageGuard(f"the {path.rsplit('/', 1)[-1]} listing", path)
    after: str | None = None
    while True:
        cursor = [("after", after)] if after else list(first_page_params)
        page = session.get_object(
            path, EndpointClass.LIST, [("limit", page_size), *params, *cursor]
        )
        items = _page_data(page, path)
        has_more = bool(page.get("has_more"))
        yield items, has_more
        if not has_more:
            return
        guard.page(len(items))
        last_item = items[-1] if items and isinstance(items[-1], Mapping) else {}
        next_after = page.get("last_id") or last_item.get("id")
        if not next_after or str(next_after) == after:
            raise _cursor_stalled(path, after)
        after = guard.next_cursor(str(next_after))


# -- the logs platform: files ordered by end_time, paged by a time cursor ---------------------


def iter_log_files(
    session: APISession,
    path: str,
    event_type: str,
    *,
    after: datetime,
    before: datetime | None,
    page_size: int,
) -> Iterator[LogFile]:
    """Log files whose end_time is after `after` (and not after `before`), ascending, each
    file id at most once. `before` is applied here too, whatever the API does with it; the
    cursor must strictly advance, within the bounds of `PageGuard`."""
    guard = PageGuard(f"the {event_type} log listing", path)
    cursor = guard.next_cursor(format_timestamp(after))
    fixed: dict[str, Any] = {"event_type": event_type, "limit": page_size}
    if before is not None:
        fixed["before"] = format_timestamp(before)
    seen: set[str] = set()
    while True:
        page = session.get_object(path, EndpointClass.LIST, {**fixed, "after": cursor})
        files = _log_files_of(session, page, cursor, path)
        new = 0
        for log_file in files:
            if log_file.id in seen or (before is not None and log_file.end_time > before):
                continue
            seen.add(log_file.id)
            new += 1
            yield log_file
        if not page.get("has_more"):
            return
        guard.page(new)
        cursor = guard.next_cursor(_next_log_cursor(page, files, cursor, path))
        if before is not None and _cursor_time(cursor, path) >= before:
            return


def _log_files_of(
    session: APISession, page: Mapping[str, Any], cursor: str, path: str
) -> list[LogFile]:
    """The page's files; one without ``end_time`` gets the newest end before it."""
    files: list[LogFile] = []
    known = _cursor_time(cursor, path)
    for item in _page_data(page, path):
        model = functools.partial(LogFile.from_api, end_time_fallback=known)
        log_file = session.build(model, item, path)
        known = max(known, log_file.end_time)
        files.append(log_file)
    return files


def _next_log_cursor(page: Mapping[str, Any], files: list[LogFile], cursor: str, path: str) -> str:
    """`last_end_time` (else the newest file's end_time); it must move forward."""
    last_end_time = page.get("last_end_time")
    if last_end_time:
        next_cursor = str(last_end_time)
    elif files:
        next_cursor = format_timestamp(max(log_file.end_time for log_file in files))
    else:
        next_cursor = cursor
    cursor_time = _cursor_time(cursor, path)
    if _cursor_time(next_cursor, path) > cursor_time:
        return next_cursor
    if files and all(log_file.end_time == cursor_time for log_file in files):
        # Only the boundary file came back again; `after` is exclusive, so step past it.
        return format_timestamp(cursor_time + timedelta(microseconds=1))
    raise _cursor_stalled(path, cursor)


def _cursor_stalled(path: str, cursor: str | None) -> CursorStalledError:
    return CursorStalledError(
        f"GET {path}: the API said has_more but its cursor did not advance past {cursor!r}"
    )


def _cursor_time(value: str, path: str) -> datetime:
    try:
        parsed = parse_timestamp(value)
    except MODEL_ERRORS:
        parsed = None
    if parsed is None:
        raise DecodeError(f"GET {path}: unreadable last_end_time {value!r}")
    return parsed


def _page_data(page: Mapping[str, Any], path: str) -> list[Any]:
    data = page.get("data")
    if not isinstance(data, list):
        raise DecodeError(f"GET {path}: list response has no 'data' array")
    return data
