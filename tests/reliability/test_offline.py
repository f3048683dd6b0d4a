"""Offline guarantee: the suite's socket guard refuses anything outside loopback, and a whole
DAG run talks to nothing but the API it is configured with.

The recorder wraps whatever guard is installed (it delegates to the current functions), so a
call the guard would refuse still fails the run, and a call it lets through is still seen.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.harness import deploy
from tests.network_guard import NetworkGuardError

_INTERNET = (socket.AF_INET, socket.AF_INET6)


@dataclass
class NetworkRecorder:
    """Every lookup and every internet connection attempt, in order."""

    lookups: list[tuple[str, object]] = field(default_factory=list)
    connections: list[tuple[str, int]] = field(default_factory=list)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
        getaddrinfo = socket.getaddrinfo

        def recording(delegate: Callable[..., Any]) -> Callable[..., Any]:
            def method(sock: socket.socket, address: Any) -> Any:
                if sock.family in _INTERNET:
                    self.connections.append((str(address[0]), int(address[1])))
                return delegate(sock, address)

            return method

        def recording_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            self.lookups.append((_text(host), port))
            return getaddrinfo(host, port, *args, **kwargs)

        monkeypatch.setattr(socket.socket, "connect", recording(connect))
        monkeypatch.setattr(socket.socket, "connect_ex", recording(connect_ex))
        monkeypatch.setattr(socket, "getaddrinfo", recording_getaddrinfo)


def _text(host: Any) -> str:
    return host.decode() if isinstance(host, bytes) else str(host)


def addresses_of(host: str, port: int) -> set[tuple[str, int]]:
    """Where a connection to ``host:port`` may land (``localhost`` resolves to 127.0.0.1 or ::1)."""
    return {(info[4][0], port) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=31, scale="small")


def test_the_suite_guard_refuses_anything_outside_loopback() -> None:
    with pytest.raises(NetworkGuardError, match=r"192\.0\.2\.1"):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkGuardError, match=r"192\.0\.2\.1:443"),
    ):
        sock.connect(("192.0.2.1", 443))
    with (
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkGuardError, match=r"2001:db8::1"),
    ):
        sock.connect_ex(("2001:db8::1", 443))
    with pytest.raises(NetworkGuardError, match=r"api\.chatgpt\.com"):
        socket.getaddrinfo("api.chatgpt.com", 443)


def test_the_recorder_sees_what_the_guard_lets_through(monkeypatch: pytest.MonkeyPatch) -> None:
    """A loopback service other than the API (a local proxy, say) passes the guard: the
    recorder must still name it, or the run test below could not fail on it."""
    recorder = NetworkRecorder()
    recorder.install(monkeypatch)
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("localhost", port), timeout=5):
            pass
    assert ("localhost", port) in recorder.lookups
    assert set(recorder.connections) <= addresses_of("localhost", port)
    assert recorder.connections


def test_a_whole_dag_run_talks_only_to_the_configured_api(
    airflow_db: None, sim: RunningSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deployed = deploy(monkeypatch, sim, str(tmp_path / "warehouse"))
    api = urlsplit(sim.base_url)
    # The API hands out signed download URLs on its own origin (the simulator names it
    # ``localhost`` to tell them apart); nothing else may be reached.
    downloads = urlsplit(sim.api.download_origin)
    allowed = addresses_of(api.hostname, api.port) | addresses_of(downloads.hostname, api.port)
    recorder = NetworkRecorder()
    recorder.install(monkeypatch)

    run = deployed.workspace_dag.test()

    assert run.state == "success"
    assert any(r.path.startswith("/v1/compliance/") for r in sim.request_log())
    assert any(r.path.startswith("/signed/") for r in sim.request_log()), "no file was fetched"
    assert recorder.connections, "the recorder saw no connection: the run bypassed it"
    assert set(recorder.connections) <= allowed, set(recorder.connections) - allowed
    looked_up = {host for host, _ in recorder.lookups}
    assert looked_up <= {api.hostname, downloads.hostname, socket.gethostname()}, looked_up
