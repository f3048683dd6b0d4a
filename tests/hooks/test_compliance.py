"""Every outcome of the connection test, against the simulator over loopback."""

from __future__ import annotations

import json
import logging
import secrets
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from openai_connector.hooks.compliance import OpenAIComplianceHook
from openai_connector.simulator import SimulatorConfig

OTHER_WORKSPACE = "00000000-0000-4000-8000-000000000001"


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=11, scale="small")


def enroll_env(
    monkeypatch: pytest.MonkeyPatch,
    *,
    host: str,
    key: str,
    workspace_id: str,
    organization_id: str = "org-test",
    workspace_name: str | None = "Acme",
) -> OpenAIComplianceHook:
    extra = {"workspace_id": workspace_id, "organization_id": organization_id}
    if workspace_name:
        extra["workspace_name"] = workspace_name
    conn = {"conn_type": "openai_compliance", "host": host, "password": key, "extra": extra}
    monkeypatch.setenv("AIRFLOW_CONN_WS_UNDER_TEST", json.dumps(conn))
    return OpenAIComplianceHook("ws_under_test")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def outcome(hook: OpenAIComplianceHook, key: str, caplog: pytest.LogCaptureFixture) -> str:
    with caplog.at_level(logging.DEBUG):
        ok, message = hook.test_connection()
    assert key not in message
    assert key not in caplog.text
    return ("OK " if ok else "FAIL ") + message


def test_success_names_workspace_and_user_count(module_sim, monkeypatch, caplog) -> None:
    hook = enroll_env(
        monkeypatch,
        host=module_sim.base_url,
        key=module_sim.keys.read,
        workspace_id=module_sim.workspace_id,
    )
    users = len(module_sim.truth().to_dict()["users"])
    message = outcome(hook, module_sim.keys.read, caplog)
    assert message.startswith("OK Connected to workspace Acme at ")
    assert message.endswith(f": {users} users.")


def test_invalid_key(module_sim, monkeypatch, caplog) -> None:
    key = "sk-proj-not-a-real-key-0123456789"
    hook = enroll_env(
        monkeypatch, host=module_sim.base_url, key=key, workspace_id=module_sim.workspace_id
    )
    assert outcome(hook, key, caplog).startswith("FAIL Invalid API key")


def test_key_without_compliance_scope(module_sim, monkeypatch, caplog) -> None:
    hook = enroll_env(
        monkeypatch,
        host=module_sim.base_url,
        key=module_sim.keys.no_scope,
        workspace_id=module_sim.workspace_id,
    )
    assert "lacks the Compliance API scope" in outcome(hook, module_sim.keys.no_scope, caplog)


def test_unknown_workspace(module_sim, monkeypatch, caplog) -> None:
    hook = enroll_env(
        monkeypatch,
        host=module_sim.base_url,
        key=module_sim.keys.read,
        workspace_id=OTHER_WORKSPACE,
    )
    assert outcome(hook, module_sim.keys.read, caplog).startswith(
        f"FAIL Unknown workspace: {OTHER_WORKSPACE}"
    )


def test_base_url_of_another_product(module_sim, monkeypatch, caplog) -> None:
    wrong = module_sim.base_url.replace("/v1", "/platform/v1")
    hook = enroll_env(
        monkeypatch, host=wrong, key=module_sim.keys.read, workspace_id=module_sim.workspace_id
    )
    message = outcome(hook, module_sim.keys.read, caplog)
    assert message.startswith("FAIL Wrong base URL")
    assert "https://api.chatgpt.com/v1" in message


def test_unreachable_host(monkeypatch, caplog) -> None:
    host = f"http://127.0.0.1:{closed_port()}/v1"
    key = "sk-proj-unreachable-canary"
    hook = enroll_env(monkeypatch, host=host, key=key, workspace_id=OTHER_WORKSPACE)
    assert outcome(hook, key, caplog).startswith("FAIL Host unreachable")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"workspace_id": "not-a-uuid"}, "Workspace ID"),
        ({"workspace_id": ""}, "Workspace ID"),
        ({"organization_id": "acme"}, "Organization ID"),
        ({"host": "http://compliance.example.net/v1"}, "Base URL"),
        ({"key": ""}, "API key"),
    ],
)
def test_malformed_connection_names_the_field(monkeypatch, caplog, overrides, field) -> None:
    values = {
        "host": "https://api.chatgpt.com/v1",
        "key": "sk-proj-malformed-canary",
        "workspace_id": OTHER_WORKSPACE,
        "organization_id": "org-test",
    } | overrides
    hook = enroll_env(monkeypatch, **values)
    message = outcome(hook, values["key"] or "sk-never-set", caplog)
    assert message.startswith("FAIL Connection is misconfigured")
    assert field in message


def test_extra_that_is_not_json_is_reported_not_raised(monkeypatch, caplog) -> None:
    conn = {
        "conn_type": "openai_compliance",
        "host": "https://api.chatgpt.com/v1",
        "password": "sk-proj-bad-extra-canary",
        "extra": "{workspace_id: oops",
    }
    monkeypatch.setenv("AIRFLOW_CONN_WS_UNDER_TEST", json.dumps(conn))
    message = outcome(OpenAIComplianceHook("ws_under_test"), conn["password"], caplog)
    assert message.startswith("FAIL Connection is misconfigured")


def serving(status: int, body: bytes, content_type: str) -> ThreadingHTTPServer:
    """A loopback service answering every request with one error: not the Compliance API."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize("status", [400, 403, 409, 500])
@pytest.mark.parametrize("shape", ["openai", "detail", "text"])
def test_an_internal_services_error_text_is_never_reflected(
    monkeypatch, caplog, status: int, shape: str
) -> None:
    """Testing against an internal service once copied its error text (here an admin token)
    into the UI message; now the status and our own sentence only."""
    token = f"internal-admin-{secrets.token_hex(12)}"
    body = {
        "openai": json.dumps({"error": {"message": f"token {token}", "type": token}}),
        "detail": json.dumps({"detail": f"admin token {token}"}),
        "text": f"admin token {token}\n" * 50,
    }[shape].encode()
    server = serving(status, body, "application/json" if shape != "text" else "text/plain")
    try:
        host = f"http://127.0.0.1:{server.server_address[1]}/v1"
        key = "sk-proj-reflection-canary"
        hook = enroll_env(monkeypatch, host=host, key=key, workspace_id=OTHER_WORKSPACE)
        message = outcome(hook, key, caplog)
    finally:
        server.shutdown()
        server.server_close()
    assert message.startswith("FAIL ")
    assert f"HTTP {status}" in message or f"({status})" in message
    assert "admin" not in message
    assert token[-12:] not in message
    assert len(message) < 300


def test_a_plain_error_type_is_shown(monkeypatch, caplog) -> None:
    body = json.dumps({"error": {"message": "no", "type": "insufficient_scope"}}).encode()
    server = serving(403, body, "application/json")
    try:
        host = f"http://127.0.0.1:{server.server_address[1]}/v1"
        hook = enroll_env(monkeypatch, host=host, key="sk-proj-x", workspace_id=OTHER_WORKSPACE)
        message = outcome(hook, "sk-proj-x", caplog)
    finally:
        server.shutdown()
        server.server_close()
    assert "(HTTP 403, insufficient_scope)" in message
