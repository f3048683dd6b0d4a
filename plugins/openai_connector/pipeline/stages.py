"""Overlapped stages: a producer runs in its own thread, one bounded queue ahead of its consumer.

Chained, they let downloads and parsing, classification and landing work at once, so
classifier processes are not left idle while the main thread lands. The queue bounds memory
(a producer blocks once ``depth`` results wait) and keeps order. A producer's error reaches the
consumer after every result produced before it, with the stage named in a note, so what was
already extracted or classified still lands. Closing a stage (the consumer failed or stopped
early) stops its thread at the next result and waits for it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

#: How often a blocked thread looks whether its stage was closed.
_POLL_SECONDS = 0.1
#: The note an error gets from the stage it was raised in (upstream stages pass it on as is).
_NOTE = "(raised in the"


class _Done:
    """The end of a stage's results: ``error`` is what stopped its producer, if anything."""

    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


class Stage(Generic[T]):
    """Iterates ``source`` in a thread of its own; iterate the stage to get its results.

    ``busy_seconds`` is the time spent inside ``source`` (for a chained stage that includes
    waiting on its own upstream); ``waited_seconds`` is the time the consumer spent waiting
    for results.
    """

    def __init__(self, name: str, source: Iterator[T], *, depth: int = 1) -> None:
        if depth < 1:
            raise ValueError(f"a stage needs a queue depth of at least 1, got {depth}")
        self.name = name
        self.busy_seconds = 0.0
        self.waited_seconds = 0.0
        self._source = source
        self._queue: queue.Queue[T | _Done] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name=f"stage-{name}", daemon=True)
        self._thread.start()

    def _produce(self) -> None:
        done = _Done()
        try:
            while not self._stop.is_set():
                started = time.perf_counter()
                try:
                    item = next(self._source)
                except StopIteration:
                    break
                finally:
                    self.busy_seconds += time.perf_counter() - started
                self._put(item)
        except BaseException as error:  # handed to the consumer, which re-raises it
            if not any(note.startswith(_NOTE) for note in getattr(error, "__notes__", ())):
                error.add_note(f"{_NOTE} {self.name} stage)")
            done = _Done(error)
        finally:
            close = getattr(self._source, "close", None)
            if close is not None:
                close()
        self._put(done)

    def _put(self, item: T | _Done) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_POLL_SECONDS)
                return
            except queue.Full:
                continue

    def __iter__(self) -> Iterator[T]:
        while True:
            started = time.perf_counter()
            item = self._get()
            self.waited_seconds += time.perf_counter() - started
            if isinstance(item, _Done):
                if item.error is not None:
                    raise item.error
                return
            yield item

    def _get(self) -> T | _Done:
        while True:
            try:
                return self._queue.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if not self._thread.is_alive() and self._queue.empty():
                    return _Done(RuntimeError(f"the {self.name} stage stopped without a result"))

    def close(self) -> None:
        """Stop the producer (it finishes the result in hand) and wait for its thread."""
        self._stop.set()
        self._thread.join()

    def __enter__(self) -> Stage[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@dataclass(frozen=True)
class StageTimes:
    """Seconds each stage worked during one overlapped run, and what bound the run."""

    wall: float
    extraction: float
    classification: float
    landing: float
    rate_limit_wait: float = 0.0

    @property
    def bound(self) -> str:
        """The stage that was busy longest, or ``api_rate_limit`` when extraction spent at
        least half its time waiting for the API's rate limit."""
        busiest = max(
            ("extraction", self.extraction),
            ("classification", self.classification),
            ("landing", self.landing),
            key=lambda pair: pair[1],
        )[0]
        if busiest == "extraction" and self.rate_limit_wait >= self.extraction / 2:
            return "api_rate_limit"
        return busiest

    def to_dict(self) -> dict[str, float | str]:
        """Seconds per stage and each stage's share of the wall time, plus the bound."""
        figures: dict[str, float | str] = {"wall_seconds": round(self.wall, 3)}
        for name in ("extraction", "classification", "landing"):
            seconds = getattr(self, name)
            figures[f"{name}_seconds"] = round(seconds, 3)
            figures[f"{name}_busy"] = round(seconds / self.wall, 3) if self.wall else 0.0
        figures["rate_limit_wait_seconds"] = round(self.rate_limit_wait, 3)
        figures["bound"] = self.bound
        return figures
