"""The ``alerts`` section of a workspace entry: defaults, validation naming entry and key."""

from __future__ import annotations

import json

import pytest

from openai_connector.alerts.routes import AlertRoute
from openai_connector.workspaces import WorkspaceListError, parse_workspace_list


def routes(alerts: object) -> tuple[AlertRoute, ...]:
    (entry,) = parse_workspace_list(json.dumps([{"conn_id": "acme", "alerts": alerts}]))
    return entry.alerts


def test_defaults_and_normalised_types() -> None:
    (route,) = routes(
        [{"destination": "dlp_slack", "entity_types": [" openai_api_key ", "IBAN_CODE"]}]
    )
    assert route == AlertRoute(
        destination="dlp_slack",
        format="json",
        min_severity="critical",
        entity_types=("IBAN_CODE", "OPENAI_API_KEY"),
        mode="digest",
        max_per_run=20,
        run_failures=True,
        events=False,
    )
    assert route.severities == ("critical",)
    assert route.wants("critical", "IBAN_CODE")
    assert not route.wants("critical", "US_SSN")
    assert not route.wants("high", "IBAN_CODE")


def test_min_severity_includes_everything_above() -> None:
    (route,) = routes(
        [{"destination": "siem", "format": "splunk_hec", "min_severity": "medium", "events": True}]
    )
    assert route.severities == ("critical", "high", "medium")
    assert route.is_siem
    assert route.events


def test_no_alerts_key_means_no_routes() -> None:
    (entry,) = parse_workspace_list('["acme"]')
    assert entry.alerts == ()


@pytest.mark.parametrize(
    ("alerts", "message"),
    [
        ({"destination": "x"}, r"alerts must be a list"),
        ([{}], r"alerts\[0\]\.destination must be an http connection id"),
        (
            [{"destination": "x", "format": "sms"}],
            r"alerts\[0\]\.format must be one of slack, teams",
        ),
        ([{"destination": "x", "mode": "often"}], r"mode must be one of digest, each"),
        ([{"destination": "x", "min_severity": "urgent"}], r"min_severity must be one of"),
        (
            [{"destination": "x", "max_per_run": 0}],
            r"max_per_run must be a whole number from 1 to 40",
        ),
        ([{"destination": "x", "max_per_run": 41}], r"from 1 to 40"),
        ([{"destination": "x", "entity_types": "IBAN_CODE"}], r"entity_types must be a list"),
        ([{"destination": "x", "run_failures": "yes"}], r"run_failures must be true or false"),
        ([{"destination": "x", "events": True}], r"events is for SIEM formats \(splunk_hec\)"),
        ([{"destination": "x", "channel": "#dlp"}], r"unknown keys: channel"),
        ([{"destination": "x"}, {"destination": "x"}], r"destination 'x' is listed twice"),
    ],
)
def test_mistakes_are_named(alerts: object, message: str) -> None:
    with pytest.raises(WorkspaceListError, match=r"openai_compliance_workspaces\[0\]\.alerts"):
        routes(alerts)
    with pytest.raises(WorkspaceListError, match=message):
        routes(alerts)
