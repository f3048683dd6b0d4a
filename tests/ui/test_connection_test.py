"""The fix for Airflow's connection test of a form without a port: only this connection
type's hidden port is touched, in the request Airflow reads."""

from __future__ import annotations

import json

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from openai_connector.ui.connection_test import (
    TEST_PATH,
    HiddenPortMiddleware,
    normalise_test_body,
)


def test_the_connection_test_fix_only_touches_a_hidden_port_of_this_type() -> None:
    body = {"connection_id": "x", "conn_type": "openai_compliance", "port": 0, "host": "h"}
    fixed = json.loads(normalise_test_body(json.dumps(body).encode()))
    assert fixed == {**body, "port": None}
    for untouched in (
        json.dumps({**body, "conn_type": "http"}).encode(),
        json.dumps({**body, "port": 8443}).encode(),
        b"not json",
    ):
        assert normalise_test_body(untouched) == untouched


def test_the_connection_test_fix_rewrites_the_request_airflow_reads() -> None:
    api = FastAPI()

    @api.post(TEST_PATH)
    async def echo(request: Request) -> dict:
        return await request.json()

    client = TestClient(HiddenPortMiddleware(api))
    body = {"conn_type": "openai_compliance", "port": 0}
    assert client.post(TEST_PATH, json=body).json() == {**body, "port": None}
    assert client.post(TEST_PATH, json={**body, "port": 1}).json() == {**body, "port": 1}
