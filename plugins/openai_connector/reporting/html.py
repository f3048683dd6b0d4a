"""A report as one self-contained HTML document: inline CSS and SVG, no fetch, and no script
in the offline file (the served page adds one, for its links out of Airflow's iframe).

Every value is escaped. The DLP page in Airflow and the ``report`` command both render this
document, so what a security team sees in the UI and in a mailed file is the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from html import escape
from urllib.parse import quote, urlencode

from openai_connector.links import dag_url
from openai_connector.reporting import svg
from openai_connector.reporting.model import Report, RunFigures, WorkspaceReport, entity_totals

#: Entity types charted with their own colour; the rest are grouped as "other".
CHARTED_TYPES = len(svg.PALETTE)
OTHER = "other"

PAGE_CSS = """
body{font-family:system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:20px}header p{margin:0;color:#c9ced8;font-size:13px}
header nav a,header a{color:#9cc3ff;margin-right:14px;font-size:13px}
main{padding:8px 24px 32px}
section.workspace{background:#fff;border:1px solid #dde1e8;border-radius:8px;
padding:12px 20px;margin:16px 0}
h2{margin:4px 0}h3{font-size:14px;margin:18px 0 6px;color:#39414f}
.meta{color:#5b6472;font-size:12px}.meta a{margin-right:12px}
.kpis{display:flex;gap:12px;flex-wrap:wrap;margin:10px 0}
.kpi{border:1px solid #dde1e8;border-radius:6px;padding:6px 12px;min-width:110px}
.kpi b{display:block;font-size:20px}.kpi span{font-size:12px;color:#5b6472}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
.legend{font-size:12px;margin:4px 0}.legend span{margin-right:12px;white-space:nowrap}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
table{border-collapse:collapse;font-size:12px;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eceff3}
th{background:#f1f3f6}td.num{text-align:right}
.sev{padding:1px 6px;border-radius:8px;color:#fff;font-size:11px}
.empty{color:#5b6472;font-style:italic;font-size:12px}
"""


#: Served pages only. Airflow embeds the DLP page in a sandboxed iframe that may not navigate
#: the top window, so a ``target="_top"`` link (a DAG, the remediation form) would do
#: nothing; the frame is same-origin, so it moves the UI's own history to the link instead.
TOP_LINKS_SCRIPT = (
    "<script>document.addEventListener('click',function(e){"
    "var a=e.target.closest('a[target=_top]');if(!a||window.top===window)return;"
    "try{window.top.history.pushState(null,'',a.href);e.preventDefault();"
    "window.top.location.reload();}catch(err){}});</script>"
)


def render_html(
    report: Report,
    *,
    title: str = "OpenAI Compliance - DLP report",
    airflow_url: str | None = None,
    download_href: str | None = None,
    explorer_page: str | None = None,
) -> str:
    """The whole document. ``airflow_url`` ("" for the same server) turns DAG ids into
    links to their pages; ``download_href`` adds a link to the offline copy;
    ``explorer_page`` (the DLP page's path, served pages only) links each enrolled workspace
    and its top conversations to the findings explorer."""
    generated = report.generated_at.strftime("%Y-%m-%d %H:%M UTC")
    nav = "".join(
        f'<a href="#{_anchor(section)}">{escape(section.workspace.label)}</a>'
        for section in report.workspaces
    )
    download = (
        f' · <a href="{escape(download_href)}">Download this report</a>' if download_href else ""
    )
    body = "".join(
        _workspace(section, report, airflow_url, explorer_page) for section in report.workspaces
    )
    if not report.workspaces:
        body = '<p class="empty">No workspace has landed data in the catalog yet.</p>'
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{PAGE_CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>Generated {generated} · charts cover the last "
        f"{report.days} days · sensitive values are shown masked only{download}</p>"
        f"<nav>{nav}</nav></header><main>{body}</main>"
        f"{TOP_LINKS_SCRIPT if explorer_page else ''}</body></html>"
    )


def _anchor(section: WorkspaceReport) -> str:
    return "ws-" + section.workspace.workspace_id


def _workspace(
    section: WorkspaceReport, report: Report, airflow_url: str | None, explorer_page: str | None
) -> str:
    ref = section.workspace
    explore = explorer_page if ref.conn_id else None
    meta = [f"workspace id {escape(ref.workspace_id)}"]
    if explore:
        href = escape(f"{explore}/findings?{urlencode({'workspace': ref.conn_id})}")
        meta.append(f'<a class="explore" href="{href}"><b>Explore findings</b></a>')
    if ref.conn_id:
        meta.append(f"connection {escape(ref.conn_id)}")
    for label, dag_id in zip(("Workspace DAG", "Remediation DAG"), ref.dag_ids or (), strict=False):
        if airflow_url is None:
            meta.append(f"{label} {escape(dag_id)}")
        else:
            href = escape(dag_url(airflow_url, dag_id))
            meta.append(f'<a href="{href}" target="_top">{label}</a>')
    return (
        f'<section class="workspace" id="{escape(_anchor(section))}" '
        f'data-workspace="{escape(ref.workspace_id)}">'
        f'<h2>{escape(ref.label)}</h2><p class="meta">{" · ".join(meta)}</p>'
        f"{_kpis(section)}"
        f"<h3>Findings by entity type, per day the text was written (most severe types "
        f"first)</h3>{_findings_chart(section, report)}"
        f'<div class="grid"><div><h3>Findings by severity</h3>{_severity_chart(section)}</div>'
        f"<div><h3>Files by status</h3>{_files_chart(section)}</div></div>"
        f"<h3>Top conversations by severity</h3>{_conversations(section, explore)}"
        f"<h3>Top users by severity</h3>{_users(section)}"
        f"<h3>Last runs</h3>{_runs(section.runs)}</section>"
    )


def _kpis(section: WorkspaceReport) -> str:
    severities = section.severity_counts
    figures = [
        ("findings", section.finding_count),
        ("critical", severities.get("critical", 0)),
        ("high", severities.get("high", 0)),
        ("conversations with findings", section.conversations_with_findings),
        ("files", sum(section.files_by_status.values())),
    ]
    cells = "".join(f'<div class="kpi"><b>{value}</b><span>{escape(label)}</span></div>'
                    for label, value in figures)  # fmt: skip
    return f'<div class="kpis">{cells}</div>'


def _findings_chart(section: WorkspaceReport, report: Report) -> str:
    if not section.findings_by_day:
        return '<p class="empty">No findings detected in this period.</p>'
    totals = entity_totals(section.findings_by_day, section.entity_ranks)
    charted = list(totals)[: CHARTED_TYPES - 1] if len(totals) > CHARTED_TYPES else list(totals)
    counts: dict[str, dict[date, int]] = {}
    for day, entity_type, count in section.findings_by_day:
        series = counts.setdefault(entity_type if entity_type in charted else OTHER, {})
        series[day] = series.get(day, 0) + count
    colours = dict(zip(charted, svg.PALETTE, strict=False))
    last = report.generated_at.date()
    days = [last - timedelta(days=offset) for offset in range(report.days - 1, -1, -1)]
    chart = svg.stacked_days("findings-by-day", days, counts, colours)
    legend = "".join(
        f'<span><i class="swatch" style="background:{colours.get(name, svg.OTHER_COLOUR)}">'
        f"</i>{escape(name)} {sum(counts[name].values())}</span>"
        for name in [*charted, OTHER]
        if name in counts
    )
    return f'{chart}<div class="legend">{legend}</div>'


def _severity_chart(section: WorkspaceReport) -> str:
    if not section.severity_counts:
        return '<p class="empty">No findings.</p>'
    return svg.horizontal_bars(
        "severity", section.severity_counts, svg.SEVERITY_COLOURS, "Findings by severity"
    )


def _files_chart(section: WorkspaceReport) -> str:
    if not section.files_by_status:
        return '<p class="empty">No files cataloged.</p>'
    colours = dict(zip(section.files_by_status, svg.PALETTE, strict=False))
    return svg.horizontal_bars("files", section.files_by_status, colours, "Files by status")


def severity_badge(severity: str | None) -> str:
    if not severity:
        return ""
    colour = svg.SEVERITY_COLOURS.get(severity, svg.OTHER_COLOUR)
    return f'<span class="sev" style="background:{colour}">{escape(severity)}</span>'


def html_table(headers: Sequence[str], rows: Iterable[Sequence[str]], empty: str) -> str:
    """Cells arrive escaped (they may hold badges); numbers are right-aligned by header."""
    body = "".join(
        "<tr>" + "".join(_cell(header, cell) for header, cell in zip(headers, row, strict=True))
        + "</tr>"
        for row in rows
    )  # fmt: skip
    if not body:
        return f'<p class="empty">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(header)}</th>" for header in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_NUMERIC = {"Findings", "Conversations", "Files", "API calls", "Retries", "Seconds"}


def _cell(header: str, cell: str) -> str:
    return f'<td class="num">{cell}</td>' if header in _NUMERIC else f"<td>{cell}</td>"


def _top_types(counts: dict[str, int], limit: int = 3) -> str:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return ", ".join(f"{name} {count}" for name, count in ranked)


def _conversations(section: WorkspaceReport, explorer_page: str | None) -> str:
    def conversation(conversation_id: str) -> str:
        if not explorer_page:
            return escape(conversation_id)
        query = urlencode({"workspace": section.workspace.conn_id})
        href = escape(f"{explorer_page}/conversations/{quote(conversation_id, safe='')}?{query}")
        return f'<a href="{href}">{escape(conversation_id)}</a>'

    rows = (
        (
            conversation(c.conversation_id),
            escape(c.user_id or ""),
            escape(c.masked_email or ""),
            severity_badge(c.highest_severity),
            str(c.finding_count),
            escape(_top_types(dict(c.findings_by_type))),
        )
        for c in section.top_conversations
    )
    headers = ("Conversation", "User", "User e-mail (masked)", "Severity", "Findings", "Types")
    return html_table(headers, rows, "No conversation has findings.")


def _users(section: WorkspaceReport) -> str:
    rows = (
        (
            escape(u.user_id),
            escape(u.masked_email or ""),
            escape(u.masked_name or ""),
            severity_badge(u.highest_severity),
            str(u.finding_count),
            str(u.conversation_count),
            str(u.file_count),
        )
        for u in section.top_users
    )
    headers = ("User", "E-mail (masked)", "Name (masked)", "Severity", "Findings",
               "Conversations", "Files")  # fmt: skip
    return html_table(headers, rows, "No user has findings.")


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


#: What a run's record counts are called in a report, in this order; ``files_<status>``
#: counts read "files <status>". Other counters are bookkeeping (log files read,
#: conversations rolled up) and stay out of it.
LANDED_LABELS = {
    "messages": "messages",
    "conversations": "conversations",
    "files": "files",
    "findings": "findings",
    "users": "users",
    "gpts": "GPTs",
    "projects": "projects",
    "classify_truncated": "texts classified in part",
    "corrupt_lines": "corrupt log lines skipped",
    "unknown_events": "unknown events skipped",
}
_FILE_STATUS = "files_"


def landed(records: Mapping[str, int]) -> str:
    """``messages 170, findings 66, files scanned 13, …``; zero counts left out."""
    labels = dict(LANDED_LABELS)
    labels |= {
        key: "files " + key.removeprefix(_FILE_STATUS).replace("_", " ")
        for key in sorted(records)
        if key.startswith(_FILE_STATUS)
    }
    return ", ".join(
        f"{label} {records[key]:,}" for key, label in labels.items() if records.get(key)
    )


def _runs(runs: Sequence[RunFigures]) -> str:
    rows = (
        (
            escape(when(run.started_at)),
            escape(run.mode or ""),
            escape(f"{when(run.window_start)} → {when(run.window_end)}"),
            escape(run.outcome or ""),
            f"{run.duration_seconds:.0f}" if run.duration_seconds is not None else "",
            escape(landed(run.records)),
            str(run.api_calls or 0),
            str(run.retries or 0),
        )
        for run in runs
    )
    headers = ("Started (UTC)", "Mode", "Window (UTC)", "Outcome", "Seconds", "Landed",
               "API calls", "Retries")  # fmt: skip
    return html_table(headers, rows, "No run recorded yet.")
