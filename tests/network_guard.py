"""No connection outside loopback: the suite installs this guard before any test runs."""

from __future__ import annotations

import ipaddress
import socket


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


def install() -> None:
    """Route every connect and name lookup of this process through the loopback check."""
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo
