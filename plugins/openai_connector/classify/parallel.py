"""Where batches are analysed: in this process, or on worker processes.

spaCy and the recognizers hold the GIL, so only processes use more than one core. Each
worker (``classify/worker.py``) is a program of its own, started with this interpreter and
this process's import path, so it works wherever the parent runs: a command, a benchmark,
any Airflow task (whose ``__main__`` is the ``airflow`` script, and which Celery's prefork
pool runs as a daemonic process). It builds its analyzer once, at start; batches travel
through its pipes as texts and come back as detections (offsets and scores), little to pickle.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import IO, TYPE_CHECKING, NamedTuple, Protocol

from openai_connector.classify.config import ClassifierConfig
from openai_connector.classify.errors import ClassificationError
from openai_connector.classify.frames import read_frame, write_frame

if TYPE_CHECKING:
    from openai_connector.classify.analysis import Detection, TextAnalyzer

log = logging.getLogger(__name__)

#: The program of a worker process (``python -m``), as its command line names it.
WORKER_MODULE = "openai_connector.classify.worker"
#: Batches a worker holds at once: the one it analyses and the next, already in its pipe.
BATCHES_PER_WORKER = 2
#: How long a stopped worker may take to exit before it is killed.
_STOP_SECONDS = 10.0


class WorkerProcessError(ClassificationError):
    """A classifier worker process ended before answering; the message says how."""


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

        self._analyzer: TextAnalyzer = TextAnalyzer(config)

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


class _Batch(NamedTuple):
    texts: list[str]
    future: Future[list[list[Detection]]]


class WorkerProcessBackend:
    """Analyses batches on ``config.processes`` worker processes, each taking the next batch
    when it has fewer than ``BATCHES_PER_WORKER``.

    Every worker has built its analyzer (or the first error is raised) before the constructor
    returns, so start-up is never timed as classification. A worker that dies fails its
    batches and every later one with a ``WorkerProcessError`` naming its exit code or signal.
    """

    def __init__(self, config: ClassifierConfig) -> None:
        self.in_flight = BATCHES_PER_WORKER * config.processes
        self._queue: queue.SimpleQueue[_Batch | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._broken: WorkerProcessError | None = None
        self._closed = False
        self._workers: list[_Worker] = []
        started = time.perf_counter()
        try:
            worker_config = dataclasses.replace(config, processes=1)
            for _ in range(config.processes):  # all start loading before any is waited for
                self._workers.append(_Worker(worker_config))
            for worker in self._workers:
                worker.wait_until_ready()
        except BaseException:
            self.close()
            raise
        for worker in self._workers:
            worker.serve(self._queue, self._break)
        log.info(
            "Classifying on %d worker processes (pids %s), ready in %.1fs",
            len(self._workers),
            ", ".join(str(worker.pid) for worker in self._workers),
            time.perf_counter() - started,
        )

    def submit(self, texts: Sequence[str]) -> Future[list[list[Detection]]]:
        """Queue one batch for the next worker with room for it."""
        future: Future[list[list[Detection]]] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the classifier's worker processes are stopped")
            if self._broken is not None:
                future.set_exception(self._broken)
            else:
                self._queue.put(_Batch(list(texts), future))
        return future

    def close(self) -> None:
        """Stop and reap the workers; batches not yet answered fail."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._fail_queued(WorkerProcessError("The classifier was closed"))
        for _ in self._workers:
            self._queue.put(None)  # each feeding thread takes one and ends
        for worker in self._workers:
            worker.stop()

    def _break(self, error: WorkerProcessError) -> None:
        """A worker died: fail what is queued and every later batch (the pool is short)."""
        with self._lock:
            if self._closed or self._broken is not None:
                return
            self._broken = error
        self._fail_queued(error)

    def _fail_queued(self, error: WorkerProcessError) -> None:
        while True:
            try:
                batch = self._queue.get_nowait()
            except queue.Empty:
                return
            if batch is not None:
                batch.future.set_exception(error)


class _Worker:
    """One worker process, and the two threads that feed it and collect its answers."""

    def __init__(self, config: ClassifierConfig) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-P", "-m", WORKER_MODULE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_worker_environment(),
        )
        self.pid = self._process.pid
        self._requests: IO[bytes] = _pipe(self._process.stdin)
        self._answers: IO[bytes] = _pipe(self._process.stdout)
        self._answered = threading.Condition()
        self._unanswered: deque[Future[list[list[Detection]]]] = deque()
        self._ended: WorkerProcessError | None = None
        self._threads: list[threading.Thread] = []
        with contextlib.suppress(OSError):  # it died at once: waiting for it says how
            write_frame(self._requests, config)

    def wait_until_ready(self) -> None:
        """Wait for the worker's analyzer; raise the error that stopped it, if any."""
        try:
            status, error = read_frame(self._answers)
        except EOFError:
            raise self._death("before it was ready") from None
        if status != "ready":
            raise error

    def serve(
        self,
        batches: queue.SimpleQueue[_Batch | None],
        on_death: Callable[[WorkerProcessError], None],
    ) -> None:
        """Start feeding it batches from the shared queue and setting their futures."""
        self._threads = [
            threading.Thread(target=self._feed, args=(batches,), daemon=True),
            threading.Thread(target=self._collect, args=(on_death,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _feed(self, batches: queue.SimpleQueue[_Batch | None]) -> None:
        """Take a batch whenever the worker holds fewer than it may; stop at a ``None``."""
        while True:
            with self._answered:
                while len(self._unanswered) >= BATCHES_PER_WORKER and self._ended is None:
                    self._answered.wait()
            batch = batches.get()
            if batch is None:  # the backend is closing
                return
            if not batch.future.set_running_or_notify_cancel():
                continue
            with self._answered:
                if self._ended is not None:
                    batch.future.set_exception(self._ended)
                    continue
                self._unanswered.append(batch.future)
            # If it died (or is being stopped), collecting fails the batch, saying how.
            with contextlib.suppress(OSError, ValueError):
                write_frame(self._requests, batch.texts)

    def _collect(self, on_death: Callable[[WorkerProcessError], None]) -> None:
        """Set each batch's future from the worker's answers, in order, until it ends."""
        while True:
            try:
                status, value = read_frame(self._answers)
            except EOFError:
                break
            except Exception:  # not a frame of ours: the worker cannot be trusted any more
                log.exception("Unreadable answer from classifier worker process %d", self.pid)
                self._process.kill()
                break
            with self._answered:
                future = self._unanswered.popleft()
                self._answered.notify()
            if status == "done":
                future.set_result(value)
            else:
                future.set_exception(value)
        with self._answered:
            busy = bool(self._unanswered)
        error = self._death("while analysing a batch" if busy else "while waiting for a batch")
        with self._answered:
            self._ended = error
            lost = list(self._unanswered)
            self._unanswered.clear()
            self._answered.notify_all()
        for future in lost:
            future.set_exception(error)
        on_death(error)

    def _death(self, when: str) -> WorkerProcessError:
        """The error that says how the worker ended (it has closed its output)."""
        try:
            how = _exit_description(self._process.wait(_STOP_SECONDS))
        except subprocess.TimeoutExpired:
            how = "closed its output"
        return WorkerProcessError(
            f"Classifier worker process {self.pid} {how} {when} "
            "(its own messages, if any, are in the log above)"
        )

    def stop(self) -> None:
        """End the worker and reap it: at once if it is busy or still starting, else by
        ending its input (it exits when it has read everything)."""
        with self._answered:
            busy = bool(self._unanswered)
        if busy or not self._threads:
            self._process.terminate()
        else:
            _close_quietly(self._requests)
        try:
            self._process.wait(_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for thread in self._threads:
            thread.join()
        _close_quietly(self._requests)
        _close_quietly(self._answers)


def backend_for(config: ClassifierConfig) -> Backend:
    """In-process for one process, worker processes for more."""
    return InlineBackend(config) if config.processes == 1 else WorkerProcessBackend(config)


def _worker_environment() -> dict[str, str]:
    """This environment, with this process's import path: Airflow extends ``sys.path`` at
    run time (the plugins folder), which the interpreter alone would not find."""
    path = [entry for entry in sys.path if entry]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path)}


def _pipe(stream: IO[bytes] | None) -> IO[bytes]:
    assert stream is not None  # Popen with PIPE
    return stream


def _close_quietly(stream: IO[bytes]) -> None:
    with contextlib.suppress(OSError):  # the worker is gone already
        stream.close()


def _exit_description(code: int) -> str:
    if code >= 0:
        return f"exited with code {code}"
    try:
        return f"was killed by {signal.Signals(-code).name}"
    except ValueError:
        return f"was killed by signal {-code}"
