"""The findings explorer as HTML: a filter form (plain GET, no script), the paginated list,
a conversation's stored messages with their findings highlighted, and links to export and to
the remediation form. Every value is escaped; only masked values reach these pages.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote, urlencode

from openai_connector.classify.model import severity_for
from openai_connector.constants import SEVERITY_RANK
from openai_connector.links import dag_url, remediation_dag_id, remediation_trigger_url
from openai_connector.reporting import svg
from openai_connector.reporting.explorer import (
    EXPORT_COLUMNS,
    OBJECT_TYPES,
    PAGE_SIZE,
    TARGETS_PER_FORM,
    ConversationView,
    Facets,
    FindingFilter,
    FindingRow,
    FindingsPage,
    StoredMessage,
)
from openai_connector.reporting.html import (
    PAGE_CSS,
    TOP_LINKS_SCRIPT,
    html_table,
    severity_badge,
    when,
)
from openai_connector.reporting.model import SEVERITIES, WorkspaceRef

_EXPLORER_CSS = """
form.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end;font-size:12px;
background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:10px 14px;margin:14px 0}
form.filters label{display:flex;flex-direction:column;gap:2px}
form.filters select,form.filters input{font-size:12px;padding:3px;max-width:220px}
.actions{font-size:13px;margin:8px 0}.actions a{margin-right:14px}
.pager{margin:10px 0;font-size:13px}.pager a{margin-right:12px}
.message{background:#fff;border:1px solid #dde1e8;border-radius:6px;padding:8px 12px;margin:8px 0}
.message pre{white-space:pre-wrap;word-break:break-word;font-family:inherit;margin:6px 0 0}
mark{padding:0 3px;border-radius:3px;color:#fff;font-weight:600}
.status{font-size:11px;padding:1px 6px;border-radius:8px;background:#e6e9ef}
.status-deleted{background:#c7e9c0}.status-failed{background:#fcbba1}
.status-planned{background:#fdd0a2}
"""
STATUS_LABELS: dict[str | None, str] = {None: "not remediated"}


@dataclass(frozen=True)
class ExplorerLinks:
    """Where the explorer's pages live (``page``: the DLP page's path) and Airflow's UI."""

    page: str
    airflow_url: str
    ref: WorkspaceRef

    def findings(self, filter: FindingFilter, *, suffix: str = "", **changes: object) -> str:
        query = {"workspace": self.ref.conn_id or "", **filter.params(**changes)}
        return f"{self.page}/findings{suffix}?{urlencode(query)}"

    def conversation(self, conversation_id: str) -> str:
        query = urlencode({"workspace": self.ref.conn_id or ""})
        return f"{self.page}/conversations/{quote(conversation_id, safe='')}?{query}"

    def remediation_form(
        self, targets: Sequence[str], filter: FindingFilter | None = None
    ) -> str | None:
        """The remediation form with ``targets``; a filter's severity and entity type narrow
        it the same way (any severity when the filter has none: the targets are the choice)."""
        if self.ref.conn_id is None:
            return None
        return remediation_trigger_url(
            self.airflow_url,
            self.ref.conn_id,
            targets,
            min_severity=(filter.min_severity if filter else None) or "low",
            entity_types=[filter.entity_type] if filter and filter.entity_type else [],
        )


def render_findings(
    page: FindingsPage,
    facets: Facets,
    links: ExplorerLinks,
    workspaces: Sequence[WorkspaceRef],
) -> str:
    """The explorer: filters, actions on the selection, the list and its pager."""
    filter = page.filter
    first = page.offset + 1 if page.rows else 0
    summary = (
        f'<p class="actions" id="summary"><b>{page.total:,}</b> findings match · showing '
        f"{first:,} to {page.offset + len(page.rows):,}</p>"
    )
    body = (
        f"{_filter_form(filter, facets, links, workspaces)}{summary}"
        f"{_actions(page, links)}{_findings_table(page.rows, links)}{_pager(page, links)}"
    )
    return _document(f"Findings · {links.ref.label}", links, body)


def render_conversation(view: ConversationView, links: ExplorerLinks) -> str:
    """A conversation as stored: its messages (redacted) with findings marked by type."""
    remediate = links.remediation_form([view.conversation_id])
    meta = [
        f"user {escape(view.user_id or '')} {escape(view.user_email_masked or '')}",
        f"started {escape(when(view.created_at))} UTC",
        f"status {escape(view.status or '')}",
        f"remediation {_status(view.remediation_status)}",
    ]
    if view.gpt_name or view.project_name:
        meta.append(f"in {escape(view.gpt_name or view.project_name or '')}")
    actions = [
        f'<a href="{escape(links.findings(FindingFilter(links.ref.workspace_id)))}">'
        "All findings</a>"
    ]
    if remediate:
        actions.append(
            f'<a id="remediate" href="{escape(remediate)}">Open the remediation '
            f"form for this conversation (dry run by default)</a>"
        )
    severities = _severity_by_type(view.findings)
    messages = "".join(_message(message, severities) for message in view.messages)
    body = (
        f"<h2>Conversation {escape(view.conversation_id)} "
        f"{severity_badge(view.highest_severity)}</h2>"
        f'<p class="meta">{" · ".join(meta)}</p><p class="actions">{" ".join(actions)}</p>'
        f"<h3>Messages as stored ({len(view.messages)})</h3>"
        f"{messages or '<p class=empty>No message stored.</p>'}"
        f"<h3>Findings ({len(view.findings)})</h3>{_findings_table(view.findings, links)}"
    )
    return _document(f"Conversation · {links.ref.label}", links, body)


def findings_csv(rows: Sequence[FindingRow]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(row.export() for row in rows)
    return out.getvalue()


def findings_json(rows: Sequence[FindingRow]) -> str:
    return json.dumps([row.export() for row in rows], ensure_ascii=False)


def _document(title: str, links: ExplorerLinks, body: str) -> str:
    overview = f"{links.page}?{urlencode({'workspace': links.ref.conn_id or ''})}"
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{PAGE_CSS}{_EXPLORER_CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>Sensitive values are shown masked only · "
        f'<a href="{escape(overview)}">DLP overview</a></p></header><main>{body}</main>'
        f"{TOP_LINKS_SCRIPT}</body></html>"
    )


def _filter_form(
    filter: FindingFilter, facets: Facets, links: ExplorerLinks, workspaces: Sequence[WorkspaceRef]
) -> str:
    workspace_options = [(ref.conn_id or "", ref.label) for ref in workspaces if ref.conn_id]
    fields = [
        _select("workspace", "Workspace", workspace_options, links.ref.conn_id, any_label=None),
        _date("since", "Written from", filter.since),
        _date("until", "Written until", filter.until),
        _select(
            "min_severity",
            "Severity at least",
            [(name, name) for name in SEVERITIES],
            filter.min_severity,
        ),
        _select(
            "entity_type",
            "Entity type",
            sorted(
                ((name, f"{name} ({n:,})") for name, n in facets.entity_types),
                key=lambda option: (-SEVERITY_RANK[severity_for(option[0])], option[0]),
            ),
            filter.entity_type,
        ),
        _select(
            "user_id",
            "User",
            [(uid, f"{email or uid} ({n:,})") for uid, email, n in facets.users],
            filter.user_id,
        ),
        _select(
            "gpt_id",
            "GPT",
            [(gid, f"{name or gid} ({n:,})") for gid, name, n in facets.gpts],
            filter.gpt_id,
        ),
        _select(
            "project_id",
            "Project",
            [(pid, f"{name or pid} ({n:,})") for pid, name, n in facets.projects],
            filter.project_id,
        ),
        _select("object_type", "Found in", [(t, t) for t in OBJECT_TYPES], filter.object_type),
    ]
    if filter.conversation_id:
        fields.append(
            f'<input type="hidden" name="conversation_id" value="{escape(filter.conversation_id)}">'
        )
    clear = escape(links.findings(FindingFilter(links.ref.workspace_id)))
    return (
        f'<form class="filters" method="get" action="{escape(links.page)}/findings">'
        f'{"".join(fields)}<button type="submit">Filter</button>'
        f'<a href="{clear}">Clear</a></form>'
    )


def _select(
    name: str,
    label: str,
    options: Sequence[tuple[str, str]],
    selected: str | None,
    *,
    any_label: str | None = "any",
) -> str:
    choices = [("", any_label)] if any_label is not None else []
    if selected and selected not in {value for value, _ in options}:
        choices.append((selected, selected))
    html_options = "".join(
        f'<option value="{escape(value)}"{" selected" if value == (selected or "") else ""}>'
        f"{escape(text or '')}</option>"
        for value, text in [*choices, *options]
    )
    return f'<label>{escape(label)}<select name="{name}">{html_options}</select></label>'


def _date(name: str, label: str, value: object) -> str:
    shown = escape(str(value)) if value else ""
    return f'<label>{escape(label)}<input type="date" name="{name}" value="{shown}"></label>'


def _actions(page: FindingsPage, links: ExplorerLinks) -> str:
    csv_href = escape(links.findings(page.filter, suffix=".csv"))
    json_href = escape(links.findings(page.filter, suffix=".json"))
    parts = [
        f'<a id="export-csv" href="{csv_href}" download>Export CSV</a>',
        f'<a id="export-json" href="{json_href}" download>Export JSON</a>',
    ]
    noun = "target" if page.target_count == 1 else "targets"
    form = links.remediation_form(page.targets, page.filter)
    if form and 0 < page.target_count <= TARGETS_PER_FORM:
        parts.append(
            f'<a id="remediate" href="{escape(form)}">Remediate the selection: '
            f"{page.target_count} {noun} (conversations, files, GPTs, projects) prefilled in "
            f"the remediation form, a dry run by default</a>"
        )
    elif page.target_count > TARGETS_PER_FORM:
        parts.append(
            f"<span>{page.target_count:,} {noun} selected: narrow the filters to at most "
            f"{TARGETS_PER_FORM} to open the remediation form with them</span>"
        )
    if links.ref.conn_id:
        dag = escape(dag_url(links.airflow_url, remediation_dag_id(links.ref.conn_id)))
        parts.append(f'<a href="{dag}" target="_top">Remediation DAG</a>')
    return f'<p class="actions">{"".join(parts)}</p>'


def _findings_table(rows: Sequence[FindingRow], links: ExplorerLinks) -> str:
    cells = (
        (
            escape(when(row.occurred_at)),
            severity_badge(row.severity),
            escape(row.entity_type or ""),
            f"<code>{escape(row.masked_preview or '')}</code>",
            escape(row.user_email_masked or row.user_id or ""),
            escape(row.gpt_name or row.project_name or ""),
            _object(row, links),
            _status(row.remediation_status),
        )
        for row in rows
    )
    headers = ("Written (UTC)", "Severity", "Entity type", "Preview (masked)", "User",
               "GPT / project", "Found in", "Remediation")  # fmt: skip
    return html_table(headers, cells, "No finding matches these filters.")


def _object(row: FindingRow, links: ExplorerLinks) -> str:
    if row.object_type == "message" and row.conversation_id:
        href = escape(links.conversation(row.conversation_id))
        short = escape(row.conversation_id[:8])
        return f'<a class="conversation" href="{href}">conversation {short}…</a>'
    return escape(f"{row.object_type or ''} {row.object_id or ''}")


def _status(status: str | None) -> str:
    label = STATUS_LABELS.get(status, status or "")
    return f'<span class="status status-{escape(status or "none")}">{escape(label)}</span>'


def _pager(page: FindingsPage, links: ExplorerLinks) -> str:
    parts = []
    if page.offset > 0:
        previous = links.findings(page.filter) + f"&offset={max(page.offset - PAGE_SIZE, 0)}"
        parts.append(f'<a href="{escape(previous)}">← newer</a>')
    if page.has_next:
        following = links.findings(page.filter) + f"&offset={page.offset + PAGE_SIZE}"
        parts.append(f'<a id="next" href="{escape(following)}">older →</a>')
    return f'<p class="pager">{"".join(parts)}</p>'


_PLACEHOLDER = re.compile(r"&lt;([A-Z0-9_]{1,80})&gt;")


def _message(message: StoredMessage, severities: dict[str, str]) -> str:
    if message.shown_text is None:
        text = '<p class="empty">Text not stored (storage policy or deleted).</p>'
    else:
        text = f"<pre>{_highlight(escape(message.shown_text), severities)}</pre>"
    return (
        f'<div class="message" id="m-{escape(message.message_id)}">'
        f'<span class="meta">{escape(when(message.created_at))} UTC · '
        f"{escape(message.author_role or '')} · {message.finding_count} findings</span> "
        f"{severity_badge(message.highest_severity)}{text}</div>"
    )


def _highlight(escaped: str, severities: dict[str, str]) -> str:
    """Marks each ``<ENTITY_TYPE>`` placeholder in the colour of its severity."""

    def mark(match: re.Match[str]) -> str:
        entity = match.group(1)
        severity = severities.get(entity, severity_for(entity))
        colour = svg.SEVERITY_COLOURS.get(severity, svg.OTHER_COLOUR)
        return (
            f'<mark data-entity="{entity}" title="{entity} ({severity})" '
            f'style="background:{colour}">{match.group(0)}</mark>'
        )

    return _PLACEHOLDER.sub(mark, escaped)


def _severity_by_type(findings: Sequence[FindingRow]) -> dict[str, str]:
    result: dict[str, str] = {}
    for row in findings:
        severity = row.severity
        if row.entity_type and severity is not None and severity in SEVERITY_RANK:
            current = result.get(row.entity_type)
            if current is None or SEVERITY_RANK[severity] > SEVERITY_RANK[current]:
                result[row.entity_type] = severity
    return result
