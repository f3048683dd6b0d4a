"""Suite-wide set-up: a private Airflow home, no connection outside loopback, and the shared
fixtures of ``pytest_plugin.py``."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Fixtures shared across directories; helpers whose asserts should report like a test's.
pytest_plugins = ["tests.pytest_plugin"]
pytest.register_assert_rewrite(
    "tests.truth", "tests.harness", "tests.api.fakes", "tests.cli.console"
)

# Before anything imports Airflow: its configuration is read once, from AIRFLOW_HOME.
os.environ["AIRFLOW_HOME"] = tempfile.mkdtemp(prefix="openai-connector-airflow-")
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ.pop("AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES", None)
# One classifier process per test process (the default is one per core): test processes run
# side by side, and the tests of worker processes ask for them.
os.environ.setdefault("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", "1")


class NetworkGuardError(RuntimeError):
    """A test tried to reach a host that is not loopback."""


#: Names that resolve locally (/etc/hosts); Airflow looks up the machine's own name.
_LOCAL_NAMES = {"localhost", "localhost.localdomain", socket.gethostname()}


def _is_loopback(host: str) -> bool:
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _check(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        host = str(address[0])
        if not _is_loopback(host):
            raise NetworkGuardError(f"test tried to connect to {host}:{address[1]} (not loopback)")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _check(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _check(self, address)
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    if host is not None and not _is_loopback(
        str(host.decode() if isinstance(host, bytes) else host)
    ):
        raise NetworkGuardError(f"test tried to resolve {host!r} (not loopback)")
    return _real_getaddrinfo(host, *args, **kwargs)


def pytest_configure(config: pytest.Config) -> None:
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo


@pytest.fixture(scope="session")
def airflow_db() -> None:
    """The suite's Airflow metadata DB (SQLite in the private home), migrated once."""
    import subprocess
    import sys

    airflow = Path(sys.executable).parent / "airflow"
    subprocess.run([str(airflow), "db", "migrate"], check=True, capture_output=True)
