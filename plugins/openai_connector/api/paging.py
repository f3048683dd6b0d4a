"""The progress guarantee of every paged listing: it ends, or it fails naming the loop.

An API that keeps saying ``has_more`` can page a client forever: a cursor that cycles
(``B → A → B``), one that creeps forward a microsecond a page, or fresh cursors that bring
nothing new. Each listing feeds a :class:`PageGuard` every cursor it is about to send and how
many new items the page brought; the guard refuses a cursor seen before, a run of pages that
bring nothing new, and more than :data:`MAX_PAGES` pages in one listing.
"""

from __future__ import annotations

from openai_connector.api.errors import CursorStalledError

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
