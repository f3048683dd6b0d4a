from __future__ import annotations

import json

import pytest

from openai_connector.api import DEFAULT_BASE_URL, InvalidSettingsError, WorkspaceSettings

from .fakes import CANARY_KEY, ORGANIZATION_ID, WORKSPACE_ID, assert_clean, settings


def test_from_connection_fields_reads_the_documented_extra_keys() -> None:
    extra = {
        "workspace_id": WORKSPACE_ID,
        "workspace_name": "Acme",
        "organization_id": ORGANIZATION_ID,
        "unrelated": "ignored",
    }
    built = WorkspaceSettings.from_connection_fields(
        "https://api.chatgpt.com/v1/", CANARY_KEY, extra
    )
    assert built == settings()
    assert built.validate() is built


def test_extra_may_arrive_as_a_json_string() -> None:
    extra = json.dumps({"workspace_id": WORKSPACE_ID, "organization_id": ORGANIZATION_ID})
    built = WorkspaceSettings.from_connection_fields(None, CANARY_KEY, extra)
    assert built.workspace_id == WORKSPACE_ID
    assert built.base_url == DEFAULT_BASE_URL
    assert built.workspace_name is None
    assert built.display_name == WORKSPACE_ID


def test_malformed_extra_json_gets_a_clear_error() -> None:
    with pytest.raises(InvalidSettingsError, match="extra is not valid JSON") as caught:
        WorkspaceSettings.from_connection_fields(None, CANARY_KEY, '{"workspace_id": ')
    assert caught.value.field == "extra"


def test_extra_that_is_not_an_object_is_rejected() -> None:
    with pytest.raises(InvalidSettingsError, match="must be a JSON object") as caught:
        WorkspaceSettings.from_connection_fields(None, CANARY_KEY, "[1, 2]")
    assert caught.value.field == "extra"


def test_values_are_normalised() -> None:
    built = WorkspaceSettings(
        workspace_id=f"  {WORKSPACE_ID.upper()} ",
        organization_id=f" {ORGANIZATION_ID}\n",
        api_key=f" {CANARY_KEY} ",
        base_url=" https://api.chatgpt.com/v1// ",
        workspace_name="  ",
    )
    assert built == settings(workspace_name=None)
    assert built.display_name == WORKSPACE_ID


def test_schemeless_host_from_a_uri_connection_becomes_https() -> None:
    assert settings(base_url="api.chatgpt.com/v1").base_url == DEFAULT_BASE_URL


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"workspace_id": ""}, "workspace_id", "Workspace ID is empty"),
        ({"workspace_id": "acme"}, "workspace_id", "Workspace ID must be a UUID, got 'acme'"),
        ({"workspace_id": "8c5c2c7a6a594c1a9f4e0a1b2c3d4e5f"}, "workspace_id", "must be a UUID"),
        ({"organization_id": ""}, "organization_id", "Organization ID is empty"),
        ({"organization_id": "acme"}, "organization_id", "Organization ID must start with 'org-'"),
        ({"organization_id": "org-"}, "organization_id", "must start with 'org-'"),
        ({"api_key": "   "}, "api_key", "API key is empty"),
        ({"api_key": "sk-a b"}, "api_key", "API key contains spaces"),
        ({"api_key": "sk-é"}, "api_key", "cannot be sent"),
        ({"base_url": "http://api.chatgpt.com/v1"}, "base_url", "Base URL must use https"),
        ({"base_url": "ftp://api.chatgpt.com/v1"}, "base_url", "is not a URL"),
        ({"base_url": "https://"}, "base_url", "is not a URL"),
        ({"base_url": "https://api.chatgpt.com:port/v1"}, "base_url", "is not a URL"),
        ({"base_url": "not a url"}, "base_url", "is not a URL"),
        ({"base_url": "https://u:p@api.chatgpt.com/v1"}, "base_url", "user name or password"),
        ({"base_url": "https://api.chatgpt.com/v1?x=1"}, "base_url", "query or fragment"),
    ],
)
def test_validation_names_the_field_in_product_words(
    overrides: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(InvalidSettingsError) as caught:
        settings(**overrides).validate()
    assert caught.value.field == field
    assert message in str(caught.value)
    assert_clean(caught.value)


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:8080/v1", "http://localhost:9/v1", "http://[::1]:80/v1"]
)
def test_plain_http_is_allowed_for_loopback(base_url: str) -> None:
    assert settings(base_url=base_url).validate().base_url == base_url


def test_a_key_pasted_into_another_field_is_not_echoed() -> None:
    with pytest.raises(InvalidSettingsError) as caught:
        settings(workspace_id=CANARY_KEY).validate()
    assert "looks like an API key" in str(caught.value)
    assert_clean(caught.value)


def test_repr_hides_the_key() -> None:
    assert CANARY_KEY not in repr(settings())
    assert CANARY_KEY not in str(settings())
