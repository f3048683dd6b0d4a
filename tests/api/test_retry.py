from __future__ import annotations

import socket

import httpx

from openai_connector.api.retry import is_retryable_exception


def test_which_transport_errors_are_retried() -> None:
    dns = httpx.ConnectError("name resolution failed")
    dns.__context__ = socket.gaierror(-2, "Name or service not known")
    assert not is_retryable_exception(dns)
    assert is_retryable_exception(httpx.ConnectError("refused"))
    assert is_retryable_exception(httpx.ReadTimeout("slow"))
    assert is_retryable_exception(httpx.RemoteProtocolError("peer closed connection"))
    assert not is_retryable_exception(httpx.UnsupportedProtocol("ftp"))
