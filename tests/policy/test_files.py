"""Where a workspace's policy file is looked up."""

from __future__ import annotations

from pathlib import Path

import pytest

from openai_connector.policy import (
    POLICY_DIR_ENV,
    Policy,
    PolicyError,
    policy_dir,
    policy_for_workspace,
    resolve_policy_path,
)


def test_relative_names_resolve_next_to_the_dags_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(POLICY_DIR_ENV, raising=False)
    dags = tmp_path / "dags"
    assert policy_dir(dags) == tmp_path / "include" / "policies"
    assert resolve_policy_path("acme.yaml", dags) == tmp_path / "include" / "policies/acme.yaml"
    assert resolve_policy_path("/etc/dlp/acme.yaml", dags) == Path("/etc/dlp/acme.yaml")


def test_environment_names_the_policy_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(POLICY_DIR_ENV, str(tmp_path / "policies"))
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "acme.yaml").write_text("version: 1\nstorage: none\n")
    assert policy_for_workspace("acme.yaml", "/unused/dags").storage == "none"


def test_no_name_is_the_default_and_a_missing_file_an_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv(POLICY_DIR_ENV, str(tmp_path))
    assert policy_for_workspace(None, tmp_path) == Policy.default()
    with pytest.raises(PolicyError, match=r"beta\.yaml: cannot read the policy file"):
        policy_for_workspace("beta.yaml", tmp_path)
