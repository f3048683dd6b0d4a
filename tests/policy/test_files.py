"""Where a workspace's policy file is looked up."""

from __future__ import annotations

from pathlib import Path

import pytest

from openai_connector.policy import (
    POLICY_DIR_ENV,
    Policy,
    PolicyError,
    load_policy,
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


def _laughs(levels: int = 9) -> str:
    """The classic alias bomb: each level a list of ten aliases to the one before."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        refs = ",".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "version: 1\n" + "\n".join(lines) + "\n"


def test_an_alias_bomb_is_a_policy_error_not_a_hang(tmp_path: Path) -> None:
    """A 430-byte file once took 73 s and 4.7 GB to expand."""
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(_laughs())
    assert bomb.stat().st_size < 500
    with pytest.raises(PolicyError, match=r"laughs.yaml line \d+: more than .* values"):
        load_policy(bomb)


@pytest.mark.parametrize(
    "nested",
    [
        "version: 1\nseverity: " + "[" * 50_000 + "]" * 50_000 + "\n",
        "version: 1\nx:\n" + "".join(f"{'  ' * (n + 1)}k{n}:\n" for n in range(200)),
    ],
)
def test_deep_nesting_is_a_policy_error_with_the_line(tmp_path: Path, nested: str) -> None:
    """Deep nesting once raised RecursionError out of the loader."""
    deep = tmp_path / "deep.yaml"
    deep.write_text(nested)
    with pytest.raises(PolicyError, match=r"deep.yaml line \d+: nested deeper than 32 levels"):
        load_policy(deep)
