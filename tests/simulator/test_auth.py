from __future__ import annotations

import httpx
import pytest

from openai_connector.simulator import RunningSimulator

from .calls import ws_path


def _get(sim: RunningSimulator, path: str, key: str | None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.get(sim.base_url + path, headers=headers)


@pytest.mark.parametrize("key", [None, "sk-wrong"])
def test_missing_or_unknown_key_is_401(sim: RunningSimulator, key: str | None) -> None:
    response = _get(sim, ws_path(sim, "users"), key)
    assert response.status_code == 401
    assert response.json() == {
        "error": {"message": "Incorrect API key provided.", "type": "invalid_api_key"}
    }


def test_platform_key_without_scopes_is_403(sim: RunningSimulator) -> None:
    response = _get(sim, ws_path(sim, "users"), sim.keys.no_scope)
    assert response.status_code == 403
    assert response.json()["error"] == {
        "message": "Missing scopes: api.compliance.read",
        "type": "insufficient_scope",
    }


def test_read_key_cannot_delete(sim: RunningSimulator) -> None:
    conversation = sim.truth().conversations[0]["id"]
    response = httpx.delete(
        sim.base_url + ws_path(sim, f"conversations/{conversation}"),
        headers={"Authorization": f"Bearer {sim.keys.read}"},
    )
    assert response.status_code == 401
    assert "api.compliance.delete" in response.json()["error"]["message"]
    assert not sim.truth().deleted


def test_read_key_reads(sim: RunningSimulator) -> None:
    assert _get(sim, ws_path(sim, "users"), sim.keys.read).status_code == 200


def test_added_key_gets_its_scopes(sim: RunningSimulator) -> None:
    sim.add_key("sk-canary-1", {"read"})
    assert _get(sim, ws_path(sim, "users"), "sk-canary-1").status_code == 200
    with pytest.raises(ValueError, match="write"):
        sim.add_key("sk-canary-2", {"write"})


def test_unknown_workspace_and_organization_are_404(sim: RunningSimulator) -> None:
    other = "00000000-0000-4000-8000-000000000000"
    response = _get(sim, f"/compliance/workspaces/{other}/users", sim.keys.read)
    assert response.status_code == 404
    assert response.json()["error"] == {
        "message": f"Workspace {other} not found",
        "type": "not_found_error",
    }
    response = _get(sim, "/compliance/organizations/org-nope/logs", sim.keys.read)
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "not_found_error"


@pytest.mark.parametrize(
    "path",
    ["/compliance/workspaces/{ws}/users", "/platform/v1/compliance/workspaces/{ws}/users"],
)
def test_base_url_without_v1_is_an_invalid_url(sim: RunningSimulator, path: str) -> None:
    path = path.format(ws=sim.workspace_id)
    origin = sim.base_url.removesuffix("/v1")
    response = httpx.get(origin + path, headers={"Authorization": f"Bearer {sim.keys.read}"})
    assert response.status_code == 404
    assert response.json()["error"] == {
        "message": f"Invalid URL (GET {path})",
        "type": "invalid_request_error",
    }


def test_wrong_method_is_an_invalid_url(sim: RunningSimulator) -> None:
    response = httpx.post(sim.base_url + ws_path(sim, "users"))
    assert response.status_code == 404
    assert response.json()["error"]["message"].startswith("Invalid URL (POST ")


def test_keys_stay_out_of_reprs(sim: RunningSimulator) -> None:
    assert sim.keys.read not in repr(sim.keys)
