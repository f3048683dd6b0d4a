from __future__ import annotations

import pytest

from openai_connector.workspaces import WorkspaceEntry, WorkspaceListError, parse_workspace_list


def test_ids_and_objects_mix() -> None:
    entries = parse_workspace_list(
        '["acme", {"conn_id": "beta", "schedule": "*/30 * * * *", "policy": "strict.yaml"}]'
    )
    assert entries == [
        WorkspaceEntry("acme"),
        WorkspaceEntry("beta", schedule="*/30 * * * *", policy="strict.yaml"),
    ]
    assert entries[0].dag_id == "openai_compliance__acme"
    assert entries[0].pool_name == "default_pool"
    assert entries[0].dedicated_pool_name == "openai_compliance__acme"
    assert WorkspaceEntry("beta", pool="beta_api").pool_name == "beta_api"


@pytest.mark.parametrize("raw", [None, "", "  ", "[]"])
def test_empty_values_build_nothing(raw: str | None) -> None:
    assert parse_workspace_list(raw) == []


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"conn_id": "a"}', "must be a JSON list"),
        ("[42]", "must be a connection id or an object"),
        ('[{"conn_id": "a b"}]', "conn_id must be a connection id"),
        ('[{"conn_id": "a", "colour": "red"}]', "unknown keys: colour"),
        ('["a", "a"]', "listed twice"),
        ('[{"conn_id": "a", "surface": "ftp"}]', "surface must be one of"),
        ('[{"conn_id": "a", "schedule": 5}]', "schedule must be a string"),
        ('[{"conn_id": "a", "retries": -1}]', "retries must be a whole number"),
        ('[{"conn_id": "a", "partitions": 0}]', "partitions must be a whole number from 1 to 32"),
        ('[{"conn_id": "a", "partitions": "4"}]', "partitions must be a whole number"),
        ('[{"schedule": "@daily"}]', r"openai_compliance_workspaces\[0\]\.conn_id is required"),
        (
            '["a", {"conn_id": "b", "event_types": ["AUTH_LOG", "auth log"]}]',
            r"openai_compliance_workspaces\[1\]\.event_types\[1\] must be an event type name .*"
            "got 'auth log'",
        ),
        (
            '[{"conn_id": "a", "alerts": [{"destination": "s", "format": "xml"}]}]',
            r"openai_compliance_workspaces\[0\]\.alerts\[0\]\.format must be one of",
        ),
    ],
)
def test_malformed_values_say_what_is_wrong(raw: str, message: str) -> None:
    with pytest.raises(WorkspaceListError, match=message):
        parse_workspace_list(raw)


def test_event_types_default_to_all_and_can_be_narrowed() -> None:
    from openai_connector.event_types import EVENT_TYPES

    default, narrowed = parse_workspace_list(
        '["acme", {"conn_id": "beta", "event_types": ["CONVERSATION_MESSAGE", "AUTH_LOG", '
        '"AUTH_LOG", "FUTURE_LOG"]}]'
    )
    assert default.event_types == EVENT_TYPES
    assert narrowed.event_types == ("CONVERSATION_MESSAGE", "AUTH_LOG", "FUTURE_LOG")


@pytest.mark.parametrize("value", ["[]", '"AUTH_LOG"', '["auth log"]', "[1]"])
def test_malformed_event_types_say_what_is_wrong(value: str) -> None:
    with pytest.raises(WorkspaceListError, match="event_types"):
        parse_workspace_list(f'[{{"conn_id": "acme", "event_types": {value}}}]')


def test_partitions_default_to_one_task() -> None:
    default, split = parse_workspace_list('["acme", {"conn_id": "beta", "partitions": 4}]')
    assert (default.partitions, split.partitions) == (1, 4)


def test_blank_fields_mean_the_default_and_the_entry_validates_when_built() -> None:
    (entry,) = parse_workspace_list('[{"conn_id": "a", "schedule": "", "surface": null}]')
    assert entry == WorkspaceEntry("a")
    with pytest.raises(ValueError, match="retries"):
        WorkspaceEntry("a", retries=11)
