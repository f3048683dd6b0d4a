"""The destination hook through the http provider against a loopback receiver: retries with
backoff on 429/5xx (honouring Retry-After), timeouts, and where each format's secret goes."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from openai_connector.alerts.delivery import DeliveryError
from openai_connector.alerts.formats import HEC_ENDPOINT
from openai_connector.alerts.model import Message
from openai_connector.hooks.alert_destination import AlertDestinationHook

from .receiver import Answer, Receiver, http_connection, receiving

MESSAGE = Message(body={"text": "hello"})


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with receiving() as receiver:
        yield receiver


def hook(
    monkeypatch: pytest.MonkeyPatch, conn: str, route_format: str = "json"
) -> AlertDestinationHook:
    monkeypatch.setenv("AIRFLOW_CONN_DEST", conn)
    return AlertDestinationHook("dest", route_format, backoff=0.01)


def test_posts_json_to_the_host(monkeypatch: pytest.MonkeyPatch, receiver: Receiver) -> None:
    hook(monkeypatch, http_connection(receiver.url + "/hook")).deliver(MESSAGE)
    (request,) = receiver.requests
    assert (request.path, request.json()) == ("/hook", {"text": "hello"})


def test_429_is_retried_after_the_retry_after(
    monkeypatch: pytest.MonkeyPatch, receiver: Receiver
) -> None:
    receiver.script("/hook", Answer(429, {"Retry-After": "0"}), Answer(503), Answer(200))
    hook(monkeypatch, http_connection(receiver.url + "/hook")).deliver(MESSAGE)
    assert len(receiver.at("/hook")) == 3


def test_persistent_5xx_is_a_delivery_error(
    monkeypatch: pytest.MonkeyPatch, receiver: Receiver
) -> None:
    receiver.always["/hook"] = Answer(502)
    with pytest.raises(DeliveryError, match=r"^HTTP 502$"):
        hook(monkeypatch, http_connection(receiver.url + "/hook")).deliver(MESSAGE)
    assert len(receiver.at("/hook")) == 3  # every attempt spent


def test_client_errors_are_not_retried(monkeypatch: pytest.MonkeyPatch, receiver: Receiver) -> None:
    receiver.always["/hook"] = Answer(404)
    with pytest.raises(DeliveryError, match="HTTP 404"):
        hook(monkeypatch, http_connection(receiver.url + "/hook")).deliver(MESSAGE)
    assert len(receiver.at("/hook")) == 1


def test_timeout_is_a_delivery_error(monkeypatch: pytest.MonkeyPatch, receiver: Receiver) -> None:
    receiver.always["/hook"] = Answer(200, delay=1.0)
    conn = http_connection(receiver.url + "/hook", timeout=0.2)
    with pytest.raises(DeliveryError, match=r"no answer within 0.2 s"):
        hook(monkeypatch, conn).deliver(MESSAGE)


def test_unreachable_is_a_delivery_error(
    monkeypatch: pytest.MonkeyPatch, receiver: Receiver
) -> None:
    receiver.close()
    with pytest.raises(DeliveryError, match="unreachable"):
        hook(monkeypatch, http_connection(receiver.url + "/hook")).deliver(MESSAGE)


def test_webhook_secret_path_lives_in_the_password(
    monkeypatch: pytest.MonkeyPatch, receiver: Receiver
) -> None:
    path = f"/services/T0/B0/{secrets.token_hex(8)}"
    hook(monkeypatch, http_connection(receiver.url, password=path), "slack").deliver(MESSAGE)
    assert [r.path for r in receiver.requests] == [path]


def test_hec_token_goes_in_the_splunk_header(
    monkeypatch: pytest.MonkeyPatch, receiver: Receiver
) -> None:
    token = secrets.token_hex(16)
    message = Message(data='{"event": 1}', endpoint=HEC_ENDPOINT)
    hook(monkeypatch, http_connection(receiver.url, password=token), "splunk_hec").deliver(message)
    (request,) = receiver.requests
    assert request.path == HEC_ENDPOINT
    assert request.headers["Authorization"] == f"Splunk {token}"


def test_a_missing_connection_is_a_delivery_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIRFLOW_CONN_NOWHERE", raising=False)
    with pytest.raises(DeliveryError, match="connection 'nowhere' cannot be read"):
        AlertDestinationHook("nowhere", "json").deliver(MESSAGE)
