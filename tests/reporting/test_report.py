"""The report over a catalog the real pipeline filled: figures match the catalog, nothing
raw reaches the HTML, and every value is escaped."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

from openai_connector.catalog import CatalogStore
from openai_connector.classify.model import severity_for
from openai_connector.constants import SEVERITY_RANK
from openai_connector.reporting import (
    WorkspaceRef,
    catalog_workspace_ids,
    collect,
    render_html,
)
from openai_connector.simulator import RunningSimulator
from tests.cataloged import CONN_ID, planted_values, raw_identities


def test_figures_match_the_catalog(cataloged_store: CatalogStore, workspace: WorkspaceRef) -> None:
    collected = collect(cataloged_store, [workspace])
    (section,) = collected.workspaces
    findings = cataloged_store.read("findings").to_pylist()
    assert findings, "the simulator plants sensitive values; the run must find some"
    assert section.severity_counts == dict(
        sorted(
            Counter(f["severity"] for f in findings).items(),
            key=lambda kv: ["critical", "high", "medium", "low"].index(kv[0]),
        )
    )
    charted_since = collected.generated_at - timedelta(days=collected.days)
    written = [f["occurred_at"] or f["detected_at"] for f in findings]
    assert sum(n for _, _, n in section.findings_by_day) == sum(
        moment >= charted_since for moment in written
    )
    assert section.files_by_status == dict(
        Counter(f["status"] for f in cataloged_store.read("files").to_pylist())
    )
    (run,) = section.runs
    (landed_run,) = cataloged_store.read("runs").to_pylist()
    assert (run.run_id, run.outcome) == (landed_run["run_id"], "success")
    assert run.records["findings"] > 0


def test_findings_chart_by_the_day_the_text_was_written(
    cataloged_store: CatalogStore, workspace: WorkspaceRef
) -> None:
    """A first run detects everything today; the chart must still spread over message days."""
    (section,) = collect(cataloged_store, [workspace]).workspaces
    messages = {
        m["message_id"]: m["created_at"] for m in cataloged_store.read("messages").to_pylist()
    }
    written = Counter(
        messages[f["object_id"]].date()
        for f in cataloged_store.read("findings").to_pylist()
        if f["object_type"] == "message"
    )
    charted = Counter()
    for day, _, count in section.findings_by_day:
        charted[day] += count
    assert len(written) > 3
    assert all(charted[day] >= count for day, count in written.items())


def test_legend_lists_the_most_severe_types_first(
    cataloged_store: CatalogStore, workspace: WorkspaceRef
) -> None:
    page = render_html(collect(cataloged_store, [workspace]))
    chart = page[page.index('data-chart="findings-by-day"') :]
    legend = re.findall(r"</i>([A-Z_]+|other) \d+</span>", chart[chart.index('class="legend"') :])
    severities = [severity_for(name) for name in legend if name != "other"]
    ranks = [SEVERITY_RANK[severity] for severity in severities]
    assert ranks == sorted(ranks, reverse=True)
    assert severities[0] == "critical"
    assert "conversations_rolled_up" not in page
    assert "log_files" not in page
    assert re.search(r"<td>messages \d+, conversations \d+, files \d+, findings \d+", page)


def test_top_lists_are_ranked_by_severity_then_count(
    cataloged_store: CatalogStore, workspace: WorkspaceRef
) -> None:
    (section,) = collect(cataloged_store, [workspace], top=3).workspaces
    ranks = {"critical": 3, "high": 2, "medium": 1, "low": 0}
    for rows in (section.top_conversations, section.top_users):
        assert 0 < len(rows) <= 3
        keys = [(ranks[row.highest_severity], row.finding_count) for row in rows]
        assert keys == sorted(keys, reverse=True)
    worst = max(
        cataloged_store.read("conversations").to_pylist(),
        key=lambda c: (ranks.get(c["highest_severity"], -1), c["finding_count"] or 0),
    )
    assert section.top_conversations[0].finding_count == worst["finding_count"]


def test_html_has_the_charts_and_no_raw_value(
    module_sim: RunningSimulator, cataloged_store: CatalogStore, workspace: WorkspaceRef
) -> None:
    page = render_html(collect(cataloged_store, [workspace]), airflow_url="")
    for chart in ("findings-by-day", "severity", "files"):
        assert f'data-chart="{chart}"' in page
    assert f'href="/dags/openai_compliance__{CONN_ID}"' in page
    assert f'href="/dags/openai_compliance_remediate__{CONN_ID}"' in page
    leaked = {
        value for value in planted_values(module_sim) | raw_identities(module_sim) if value in page
    }
    assert not leaked
    for key in (module_sim.keys.read, module_sim.keys.read_delete):
        assert key not in page
    assert not re.search(r"<script|<link|src=\"http|url\(", page), "must be self-contained"


def test_every_label_is_escaped(
    cataloged_store: CatalogStore, module_sim: RunningSimulator
) -> None:
    hostile = WorkspaceRef(module_sim.workspace_id, conn_id="x", name="<script>alert(1)</script>")
    page = render_html(collect(cataloged_store, [hostile]))
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_discovers_catalog_workspaces_and_renders_an_empty_catalog(
    cataloged_store: CatalogStore, module_sim: RunningSimulator, tmp_path
) -> None:
    assert catalog_workspace_ids(cataloged_store) == [module_sim.workspace_id]
    empty = collect(cataloged_store, [], now=datetime(2026, 1, 1, tzinfo=UTC))
    assert "No workspace has landed data" in render_html(empty)
