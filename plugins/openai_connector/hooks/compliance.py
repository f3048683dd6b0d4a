"""Airflow hook: an ``openai_compliance`` connection → a configured Compliance API client."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from airflow.sdk import BaseHook

from openai_connector.get_provider_info import CONN_TYPE

if TYPE_CHECKING:
    from openai_connector.api import ComplianceClient, RateLimits, RetryPolicy, WorkspaceSettings


class OpenAIComplianceHook(BaseHook):
    """Reads one enrolled workspace: Workspace ID, Organization ID, API key and base URL.

    :param openai_compliance_conn_id: id of a connection of type ``openai_compliance``.
    :param retry: retry policy for the client (defaults to the client's).
    :param rate_limits: client-side per-endpoint limits (defaults to OpenAI's documented ones).
    """

    conn_name_attr = "openai_compliance_conn_id"
    default_conn_name = "openai_compliance_default"
    conn_type = CONN_TYPE
    hook_name = "OpenAI Compliance"

    def __init__(
        self,
        openai_compliance_conn_id: str = default_conn_name,
        *,
        retry: RetryPolicy | None = None,
        rate_limits: RateLimits | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.openai_compliance_conn_id = openai_compliance_conn_id
        self._retry = retry
        self._rate_limits = rate_limits

    @cached_property
    def settings(self) -> WorkspaceSettings:
        """The connection's values, validated; errors name the offending field."""
        from openai_connector.api import WorkspaceSettings

        conn = self.get_connection(self.openai_compliance_conn_id)
        settings = WorkspaceSettings.from_connection_fields(
            host=conn.host, password=conn.password, extra=conn.extra
        )
        settings.validate()
        return settings

    def get_conn(self) -> ComplianceClient:
        """A new client; the caller closes it (it is a context manager)."""
        from openai_connector.api import ComplianceClient

        return ComplianceClient(self.settings, retry=self._retry, rate_limits=self._rate_limits)

    def test_connection(self) -> tuple[bool, str]:
        """Powers the UI "Test" button; the message names the cause of a failure."""
        from openai_connector.check import check_connection

        conn = self.get_connection(self.openai_compliance_conn_id)
        result = check_connection(conn.host, conn.password, conn.extra)
        return result.ok, result.message
