"""A workspace's detection policy under real Airflow: validated by ``plan``, applied by the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openai_connector.policy import POLICY_DIR_ENV
from tests.harness import parse_dags

ENTRY = '[{"conn_id": "simulated", "retries": 0, "policy": "acme.yaml"}]'


@pytest.fixture
def policy_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """``acme.yaml`` in the policy folder the environment names."""
    folder = tmp_path / "policies"
    folder.mkdir()
    monkeypatch.setenv(POLICY_DIR_ENV, str(folder))
    return folder / "acme.yaml"


def test_an_invalid_policy_fails_the_plan_naming_file_and_line(
    workspace,
    policy_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    _, store, _ = workspace
    policy_file.write_text("version: 1\nstorage: full\nseverity:\n  US_SSN: urgent\n")
    run = parse_dags(monkeypatch, ENTRY).dags["openai_compliance__simulated"].test()
    assert run.state == "failed"
    out, err = capfd.readouterr()
    expected = (
        f"Invalid detection policy: {policy_file} line 4: "
        "severity.US_SSN must be one of low, medium, high, critical, got 'urgent'"
    )
    assert expected in out + err
    assert store.count("messages") == 0


def test_the_policy_decides_findings_and_stored_text(
    workspace,
    policy_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sim, store, _ = workspace
    truth = sim.truth().to_dict()
    planted = next(
        p
        for p in truth["planted"]
        if p["object_type"] == "message" and p["entity_type"] == "PERSON"
    )
    name = json.dumps(planted["value"])
    policy_file.write_text(
        "version: 1\nstorage: none\nentities:\n  disabled: [PHONE_NUMBER]\n"
        f"deny:\n  - {{value: {name}, entity: CODENAME, severity: critical}}\n"
    )
    run = parse_dags(monkeypatch, ENTRY).dags["openai_compliance__simulated"].test()
    assert run.state == "success"

    messages = store.read("messages", columns=["text", "text_storage"]).to_pylist()
    assert len(messages) == len(truth["messages"])
    assert {(m["text"], m["text_storage"]) for m in messages} == {(None, "none")}
    findings = store.read("findings").to_pylist()
    assert "PHONE_NUMBER" not in {f["entity_type"] for f in findings}
    denied = {
        (f["object_id"], f["severity"]) for f in findings if f["recognizer"] == "policy:deny_list"
    }
    assert (planted["object_id"], "critical") in denied
    assert planted["value"] not in json.dumps(findings, default=str)
