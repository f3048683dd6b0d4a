"""A classifier worker process: ``python -m openai_connector.classify.worker``.

It reads length-prefixed pickle frames on stdin and answers on stdout: first a
``ClassifierConfig``, answered ``("ready", pid)`` once its analyzer is built or
``("failed", error)``; then each frame is a batch of texts, answered ``("done", detections)``
or ``("failed", error)``. End of input ends the process. Anything else the process prints
goes to stderr, the parent's (a task's log), so stray output cannot corrupt a frame.

Started as a plain program, not through ``multiprocessing``, it does not depend on the
parent's ``__main__`` (the ``airflow`` script), its start method or its daemon flag (Celery's
prefork pool runs tasks in daemonic processes, which ``multiprocessing`` forbids children).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import traceback
from typing import IO, Any

from openai_connector.classify.frames import read_frame, sendable, write_frame


def main() -> None:
    """Serve batches until stdin ends; the parent stops a worker by closing its input."""
    # Interrupts go to the parent, which stops its workers; a dead parent ends the input.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    requests = sys.stdin.buffer
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    with contextlib.suppress(BrokenPipeError):  # the parent is gone: no one waits for answers
        serve(requests, answers)


def serve(requests: IO[bytes], answers: IO[bytes]) -> None:
    """Build the analyzer the first frame configures, then answer batch frames in order."""
    from openai_connector.classify.analysis import TextAnalyzer

    try:
        analyzer = TextAnalyzer(read_frame(requests))
    except EOFError:
        return
    except Exception as error:  # reported to the parent, which re-raises it
        write_frame(answers, ("failed", sendable(error)))
        return
    write_frame(answers, ("ready", os.getpid()))
    while True:
        try:
            texts = read_frame(requests)
        except EOFError:
            return
        try:
            answer: tuple[str, Any] = ("done", analyzer.analyze(texts))
        except Exception as error:  # the batch's future raises it in the parent
            traceback.print_exc()
            answer = ("failed", sendable(error))
        write_frame(answers, answer)


if __name__ == "__main__":
    main()
