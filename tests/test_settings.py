"""The settings object: one declared list of environment variables, read once, recorded."""

from __future__ import annotations

import ast
import re

import pytest

from openai_connector.settings import (
    ConnectorSettings,
    SettingsError,
    connector_settings,
    variable_names,
)
from tests.paths import REPO

PACKAGE = REPO / "plugins" / "openai_connector"
#: Reads of the environment that are not settings: the command line's own key input, and
#: the PATH a demo subprocess inherits.
NOT_SETTINGS = {"cli/connections.py", "cli/demo.py"}


def test_values_are_read_stripped_blank_is_unset_and_aliases_fall_back() -> None:
    settings = ConnectorSettings.from_environ(
        {
            "OPENAI_CONNECTOR_WAREHOUSE": " /data/wh ",
            "OPENAI_CONNECTOR_POLICY_DIR": "  ",
            "OPENAI_CONNECTOR_S3_ENDPOINT": "",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9000",
            "OPENAI_CONNECTOR_CLASSIFY_PROCESSES": "2",
            "UNRELATED": "x",
        }
    )
    assert settings.warehouse == "/data/wh"
    assert settings.policy_dir is None
    assert settings.s3_endpoint == "http://127.0.0.1:9000"
    assert settings.classify_processes == 2


@pytest.mark.parametrize(
    ("name", "value"),
    [("OPENAI_CONNECTOR_CLASSIFY_PROCESSES", "0"), ("OPENAI_CONNECTOR_CLASSIFY_MAX_CHARS", "lots")],
)
def test_a_bad_value_names_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as error:
        ConnectorSettings.from_environ({name: value})
    assert str(error.value) == f"{name} must be a positive whole number, got {value!r}"


def test_the_record_masks_the_catalog_password_and_names_every_setting() -> None:
    password = "-".join(["pw", "not", "real"])
    settings = ConnectorSettings.from_environ(
        {"OPENAI_CONNECTOR_CATALOG_URI": f"postgresql+psycopg://dlp:{password}@db/catalog"}
    )
    record = settings.record()
    assert password not in repr(record)
    assert record["OPENAI_CONNECTOR_CATALOG_URI"] == "postgresql+psycopg://dlp:***@db/catalog"
    assert set(record) <= set(variable_names())
    assert len(record) == len(ConnectorSettings.model_fields)


def test_the_process_settings_follow_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_CONNECTOR_SPACY_MODEL", "en_core_web_lg")
    assert connector_settings().spacy_model == "en_core_web_lg"
    assert connector_settings() is connector_settings()
    monkeypatch.delenv("OPENAI_CONNECTOR_SPACY_MODEL")
    assert connector_settings().spacy_model is None


def test_the_readme_documents_every_variable() -> None:
    table = REPO.joinpath("README.md").read_text().partition("### Configuration")[2]
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)`", table, flags=re.MULTILINE))
    assert set(variable_names()) - {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL",
                                    "AWS_DEFAULT_REGION"} <= documented  # fmt: skip
    assert "OPENAI_CONNECTOR_API_KEY" in documented


def test_only_the_settings_module_reads_the_environment() -> None:
    readers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text())):
            if _reads_environment(node) and name not in NOT_SETTINGS | {"settings.py"}:
                readers.append(f"{name}:{node.lineno}")
    assert readers == []


def _reads_environment(node: ast.AST) -> bool:
    """``os.environ.get(…)``, ``os.getenv(…)`` or ``os.environ[…]`` read as a value."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        target = ast.unparse(node.func)
        return target in {"os.environ.get", "os.getenv", "environ.get"}
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        return ast.unparse(node.value) in {"os.environ", "environ"}
    return False
