"""One PostgreSQL cluster for the session; each test gets fresh databases in it."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from .cluster import PostgresCluster, server_bin

_names = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
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
    return lambda label: postgres.create_database(f"{label}_{next(_names)}")
