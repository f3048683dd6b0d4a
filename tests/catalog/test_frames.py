"""``frame``: catalog tables as pandas DataFrames, by workspace id or connection id, and by
the table's main timestamp."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import pytest

from openai_connector.catalog import CatalogStore, frame

T0 = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture
def filled(store: CatalogStore) -> CatalogStore:
    for workspace, conn_id in (("ws-a", "acme"), ("ws-b", "beta")):
        store.upsert(
            "runs",
            [{"workspace_id": workspace, "run_id": f"{conn_id}/run-1", "started_at": T0}],
        )
        store.upsert(
            "findings",
            [
                {
                    "workspace_id": workspace,
                    "finding_id": f"{workspace}-{day}",
                    "entity_type": "US_SSN",
                    "severity": "critical",
                    "detected_at": T0 + timedelta(days=day),
                }
                for day in range(5)
            ],
        )
    return store


def test_by_connection_id_and_time(filled: CatalogStore) -> None:
    findings = frame(
        "findings", workspace="acme", since="2026-12-02", until=date(2026, 12, 4), store=filled
    )
    assert isinstance(findings, pd.DataFrame)
    assert sorted(findings["finding_id"]) == ["ws-a-1", "ws-a-2"]
    assert str(findings["detected_at"].dtype) == "datetime64[us, UTC]"


def test_by_workspace_id_and_columns(filled: CatalogStore) -> None:
    findings = frame("findings", workspace="ws-b", columns=["finding_id"], store=filled)
    assert list(findings.columns) == ["finding_id"]
    assert len(findings) == 5


def test_the_environment_catalog_by_default(
    filled: CatalogStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_CONNECTOR_WAREHOUSE", filled.config.warehouse)
    assert len(frame("findings")) == 10


@pytest.mark.parametrize(
    ("table", "options", "message"),
    [
        ("findings", {"workspace": "nope"}, "no workspace id or connection id 'nope'"),
        ("remediation_actions", {"workspace": "ws-a"}, None),
        ("watermarks", {"since": "2026-12-01"}, "has no timestamp column"),
        ("nope", {}, "unknown catalog table 'nope'"),
    ],
)
def test_clear_errors(
    filled: CatalogStore, table: str, options: dict[str, str], message: str | None
) -> None:
    if message is None:
        assert frame(table, store=filled, **options).empty
        return
    with pytest.raises(ValueError, match=message):
        frame(table, store=filled, **options)
