"""What an alert says (masked values only) and the HTTP message a format makes of it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from openai_connector.links import dlp_page_url, remediation_trigger_url


@dataclass(frozen=True)
class Alert:
    """One finding as the security team reads it. Every text field is masked or an id."""

    finding_id: str
    workspace_id: str
    conn_id: str
    workspace_name: str
    entity_type: str
    severity: str
    masked_preview: str
    object_type: str
    object_id: str
    detected_at: str
    conversation_id: str | None = None
    user_id: str | None = None
    user: str | None = None
    """The user's e-mail, masked."""
    gpt_id: str | None = None
    gpt_name: str | None = None
    project_id: str | None = None
    project_name: str | None = None

    @property
    def remediation_target(self) -> str:
        """What the remediation DAG deletes for this finding: a message's conversation, else
        the object itself (a file, GPT or project)."""
        if self.object_type == "message" and self.conversation_id:
            return self.conversation_id
        return self.object_id

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Alert:
        return cls(**json.loads(raw))


@dataclass(frozen=True)
class Links:
    """The Airflow pages an alert points to."""

    dlp_page: str
    remediate: str

    @classmethod
    def build(cls, airflow_url: str, conn_id: str, alerts: list[Alert]) -> Links:
        return cls(
            dlp_page=dlp_page_url(airflow_url, conn_id),
            remediate=remediation_trigger_url(
                airflow_url, conn_id, [alert.remediation_target for alert in alerts]
            ),
        )


@dataclass(frozen=True)
class Batch:
    """What one message carries: some alerts of one workspace, how many more there are, and
    (for a SIEM) the workspace's non-chat events the run landed, as masked records."""

    alerts: list[Alert]
    more: int
    links: Links
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def workspace_name(self) -> str:
        return self.alerts[0].workspace_name


@dataclass(frozen=True)
class RunFailure:
    """A workspace DAG run that failed, and why, in one sentence."""

    conn_id: str
    workspace_name: str
    dag_id: str
    dag_run_id: str
    cause: str
    run_url: str
    dlp_page: str


@dataclass(frozen=True)
class Message:
    """One HTTP request body for a destination: JSON (``body``) or raw text (``data``)."""

    body: dict[str, Any] | None = None
    data: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    #: Path the format posts to under the connection's base URL (e.g. Splunk's collector).
    endpoint: str | None = None
