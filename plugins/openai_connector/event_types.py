"""The Compliance Logs Platform's event types (stdlib only: DAG parsing reads them)."""

from __future__ import annotations

CONVERSATION_MESSAGE = "CONVERSATION_MESSAGE"
CODEX_LOG = "CODEX_LOG"
CUSTOM_AGENTS_LOG = "CUSTOM_AGENTS_LOG"
MEMORY_CONTEXT = "MEMORY_CONTEXT"
#: Every type public integrations name, chat first. A workspace pulls all of them by default.
EVENT_TYPES = (
    CONVERSATION_MESSAGE,
    "AUTH_LOG",
    "AUDIT_LOG",
    "APP_LOG",
    "APP_AUTH_LOG",
    CODEX_LOG,
    "CODEX_SECURITY_LOG",
    CUSTOM_AGENTS_LOG,
    MEMORY_CONTEXT,
    "CHATGPT_PLUGIN_SPREADSHEET_LOG",
    "APP_AUTH_ORGANIZATION_LOG",
    "APP_ORGANIZATION_LOG",
)
#: Types served under ``/compliance/organizations/{org_id}/logs`` instead of the workspace.
ORGANIZATION_EVENT_TYPES = frozenset({"APP_AUTH_ORGANIZATION_LOG", "APP_ORGANIZATION_LOG"})
