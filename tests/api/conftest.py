"""Guards every API test: the key may appear in no log record and in no error raised."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from openai_connector.api import ComplianceAPIError

from .fakes import CANARY_KEY, assert_clean


@pytest.fixture(autouse=True)
def _no_key_in_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Every API test runs with DEBUG logging everywhere and fails if the key shows up."""
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "openai_connector"):
        caplog.set_level(logging.DEBUG, logger=name)
    yield
    records = [*caplog.get_records("setup"), *caplog.get_records("call"), *caplog.records]
    text = "\n".join(f"{record.getMessage()} {record.exc_text or ''}" for record in records)
    assert CANARY_KEY not in text
    assert "canary" not in text.lower()


@pytest.fixture(autouse=True)
def _no_key_in_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Record every ComplianceAPIError built during the test and check each one at the end."""
    created: list[ComplianceAPIError] = []

    def recording_init(self: ComplianceAPIError, *args: object) -> None:
        Exception.__init__(self, *args)
        created.append(self)

    monkeypatch.setattr(ComplianceAPIError, "__init__", recording_init)
    yield
    for error in created:
        assert_clean(error)
