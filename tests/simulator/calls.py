"""How the simulator tests call it: a fixed clock, a keyless client for signed URLs,
workspace paths and the logs listing."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from openai_connector.simulator import FaultSpec, RunningSimulator

FIXED_NOW = datetime(2026, 7, 16, 12, 0, tzinfo=UTC)
EPOCH = "2026-01-01T00:00:00Z"
DOWNLOADER = httpx.Client(follow_redirects=False)
"""Shared client without any key: building an httpx client costs ~20 ms."""


def ws_path(sim: RunningSimulator, suffix: str) -> str:
    return f"/compliance/workspaces/{sim.workspace_id}/{suffix}"


def list_logs(
    client: httpx.Client, sim: RunningSimulator, after: str = EPOCH, **params: object
) -> httpx.Response:
    query = {"event_type": "CONVERSATION_MESSAGE", "after": after, **params}
    return client.get(ws_path(sim, "logs"), params=query)


def faults(spec: str) -> FaultSpec:
    return FaultSpec.parse(spec)
