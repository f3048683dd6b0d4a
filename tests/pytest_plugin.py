"""The suite's shared fixtures, registered by the top-level ``conftest.py``.

A fixture lives here when tests of more than one directory use it; one directory's own
fixtures stay in that directory's ``conftest.py``, and plain helpers live in modules that
are neither (``harness.py``, ``truth.py``, a directory's ``rows.py`` or ``fakes.py``).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator

import pytest

from tests.catalog.rows import MessageFactory, message_row
from tests.postgres.cluster import PostgresCluster, server_bin

_database_numbers = itertools.count(1)


@pytest.fixture
def message() -> MessageFactory:
    """Builds messages rows: ``message("m1", text="…")`` overrides or adds columns."""
    return message_row


@pytest.fixture
def racing_commits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold each thread's first commit until the other thread reached its first commit too,
    so both commit on the same base snapshot and exactly one of them must retry."""
    from pyiceberg.table import Transaction  # only the tests that race load pyiceberg here

    barrier = threading.Barrier(2, timeout=30)
    waited: set[int] = set()
    original = Transaction.commit_transaction

    def commit_together(self: Transaction) -> object:
        if threading.get_ident() not in waited:
            waited.add(threading.get_ident())
            barrier.wait()
        return original(self)

    monkeypatch.setattr(Transaction, "commit_transaction", commit_together)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """One PostgreSQL cluster for the session (skips when the server is not installed)."""
    bin_dir = server_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries missing: `make system-deps` installs postgresql")
    cluster = PostgresCluster.create(bin_dir).start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def new_database(postgres: PostgresCluster) -> Callable[[str], str]:
    """``new_database("catalog")`` creates an empty database and returns its URL."""
    return lambda label: postgres.create_database(f"{label}_{next(_database_numbers)}")
