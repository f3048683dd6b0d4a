from __future__ import annotations

import httpx

from openai_connector.simulator import RunningSimulator

from .calls import ws_path


def _admin(sim: RunningSimulator) -> str:
    return sim.base_url.removesuffix("/v1") + "/_sim"


def test_info_names_everything_a_user_needs(sim: RunningSimulator, plain: httpx.Client) -> None:
    info = plain.get(f"{_admin(sim)}/info").json()
    assert info["base_url"] == sim.base_url
    assert info["workspace_id"] == sim.workspace_id
    assert info["workspace_name"] == sim.workspace_name
    assert info["organization_id"] == sim.organization_id
    assert info["keys"] == {
        "read": sim.keys.read,
        "read_delete": sim.keys.read_delete,
        "no_scope": sim.keys.no_scope,
    }


def test_truth_over_http_matches_python(sim: RunningSimulator, plain: httpx.Client) -> None:
    assert plain.get(f"{_admin(sim)}/truth").json() == sim.truth().to_dict()


def test_activity_faults_and_requests_over_http(
    sim: RunningSimulator, plain: httpx.Client, client: httpx.Client
) -> None:
    created = plain.post(
        f"{_admin(sim)}/activity", json={"conversations": 1, "messages_per_conversation": 2}
    ).json()
    assert len(created["message_ids"]) == 2
    assert plain.post(f"{_admin(sim)}/activity", json={"bogus": 1}).status_code == 400
    assert plain.put(f"{_admin(sim)}/faults", json={"spec": "429=1"}).json() == {"spec": "429=1"}
    assert client.get(ws_path(sim, "users")).status_code == 429
    bad = plain.put(f"{_admin(sim)}/faults", json={"spec": "gremlins=1"})
    assert bad.status_code == 400
    assert "gremlins" in bad.json()["error"]["message"]
    records = plain.get(f"{_admin(sim)}/requests").json()
    assert records[-1] == {
        "method": "GET",
        "path": f"/v1{ws_path(sim, 'users')}",
        "query": "",
        "status": 429,
        "had_authorization": True,
    }
    plain.delete(f"{_admin(sim)}/requests")
    assert sim.request_log() == []


def test_request_log_shows_no_key_on_signed_downloads(
    sim: RunningSimulator, client: httpx.Client, plain: httpx.Client
) -> None:
    sim.reset_request_log()
    file_id = sim.truth().gpts[0]["file_ids"][0]
    location = client.get(ws_path(sim, f"gpt_files/{file_id}")).headers["Location"]
    plain.get(location)
    api_call, download = sim.request_log()
    assert (api_call.status, api_call.had_authorization) == (307, True)
    assert download.path.startswith("/signed/")
    assert (download.status, download.had_authorization) == (200, False)


def test_unknown_admin_endpoint_is_404(sim: RunningSimulator, plain: httpx.Client) -> None:
    assert plain.get(f"{_admin(sim)}/nothing").status_code == 404
