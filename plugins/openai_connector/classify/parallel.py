"""Where batches are analysed: in this process, or on a pool of worker processes.

spaCy and the recognizers hold the GIL, so only processes use more than one core. Each
worker builds its analyzer once, at start; batches travel as texts and come back as
detections (offsets and scores), which is little to pickle. Workers are spawned rather
than forked: forking a process that already runs threads (Airflow's task runner does)
can deadlock the child.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from concurrent.futures import Future
from threading import Barrier
from typing import TYPE_CHECKING, Protocol

from openai_connector.classify.config import ClassifierConfig

if TYPE_CHECKING:
    from openai_connector.classify.analysis import Detection, TextAnalyzer

# A worker that cannot start reports why on the first task instead of breaking the pool.
_STARTUP_TIMEOUT_SECONDS = 600
_worker_analyzer: TextAnalyzer | None = None
_worker_error: BaseException | None = None
_worker_barrier: Barrier | None = None


class Backend(Protocol):
    """Runs ``TextAnalyzer.analyze`` on batches, returning futures."""

    #: How many batches may be submitted before the oldest must be collected.
    in_flight: int

    def submit(self, texts: Sequence[str]) -> Future[list[list[Detection]]]:
        """Start analysing one batch."""
        ...

    def close(self) -> None:
        """Release workers, if any."""
        ...


class InlineBackend:
    """Analyses each batch in this process as it is submitted."""

    in_flight = 1

    def __init__(self, config: ClassifierConfig) -> None:
        from openai_connector.classify.analysis import TextAnalyzer

        self._analyzer = TextAnalyzer(config)

    def submit(self, texts: Sequence[str]) -> Future[list[list[Detection]]]:
        """Analyse now; the future is already done."""
        future: Future[list[list[Detection]]] = Future()
        try:
            future.set_result(self._analyzer.analyze(texts))
        except Exception as error:  # handed to the caller through the future
            future.set_exception(error)
        return future

    def close(self) -> None:
        """Nothing to release: the analyzer is shared process-wide."""


class ProcessPoolBackend:
    """Analyses batches on ``config.processes`` spawned workers, two batches each in flight."""

    def __init__(self, config: ClassifierConfig) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        workers = config.processes
        self.in_flight = 2 * workers
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(dataclasses.replace(config, processes=1), context.Barrier(workers)),
        )
        try:
            # One task per worker, each waiting for all: every worker has built its analyzer
            # (or reported why it could not) before the first batch is timed or sent.
            for ready in [self._executor.submit(_wait_until_all_ready) for _ in range(workers)]:
                ready.result()
        except BaseException:
            self.close()
            raise

    def submit(self, texts: Sequence[str]) -> Future[list[list[Detection]]]:
        """Queue one batch for the next free worker."""
        return self._executor.submit(_analyze, list(texts))

    def close(self) -> None:
        """Stop the workers; batches not yet started are dropped."""
        self._executor.shutdown(wait=True, cancel_futures=True)


def backend_for(config: ClassifierConfig) -> Backend:
    """In-process for one process, a worker pool for more."""
    return InlineBackend(config) if config.processes == 1 else ProcessPoolBackend(config)


def _start_worker(config: ClassifierConfig, barrier: Barrier) -> None:
    global _worker_analyzer, _worker_error, _worker_barrier
    from openai_connector.classify.analysis import TextAnalyzer

    _worker_barrier = barrier
    try:
        _worker_analyzer = TextAnalyzer(config)
    except Exception as error:  # re-raised, with its message, by every task
        _worker_error = error


def _wait_until_all_ready() -> None:
    assert _worker_barrier is not None
    if _worker_error is not None:
        _worker_barrier.abort()  # the other workers stop waiting for this one
        raise _worker_error
    _worker_barrier.wait(_STARTUP_TIMEOUT_SECONDS)


def _analyze(texts: list[str]) -> list[list[Detection]]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker_analyzer is not None
    return _worker_analyzer.analyze(texts)
