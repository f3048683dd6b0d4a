from __future__ import annotations

import logging

import pytest

from openai_connector.pipeline.progress import Progress


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_logs_at_steady_cadence_with_rate_and_eta(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    progress = Progress("classify", total=100, every=10.0, clock=clock)
    with caplog.at_level(logging.INFO):
        for _ in range(50):
            clock.now += 0.5
            progress.advance()
        progress.finish()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3  # at 10s, at 20s, and the final line
    assert lines[0] == "classify: 20 records in 10.0s (2.0/s), 20% of 100, ETA 40s"
    assert lines[-1].endswith("(done)")


def test_unknown_total_has_no_eta() -> None:
    clock = FakeClock()
    progress = Progress("log files", unit="files", clock=clock)
    progress.advance(3)
    clock.now = 2.0
    assert progress.line(clock.now) == "log files: 3 files in 2.0s (1.5/s)"
