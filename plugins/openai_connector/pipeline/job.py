"""What one run is asked to do (``RunPlan``, JSON-able for XCom) and what it works with."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from openai_connector.event_types import EVENT_TYPES
from openai_connector.pipeline.window import Partition, RunMode, Window

if TYPE_CHECKING:
    from openai_connector.api import ComplianceClient, WorkspaceSettings
    from openai_connector.catalog import CatalogStore
    from openai_connector.policy import TextClassifier

#: Stream name of the message watermark (one per event type of the logs platform).
MESSAGES_STREAM = "CONVERSATION_MESSAGE"
#: Stream name of the legacy conversations cursor (``since_timestamp``).
LEGACY_STREAM = "legacy_conversations"


@dataclass(frozen=True)
class RunPlan:
    """The decisions of the ``plan`` task, handed to every other task through XCom."""

    run_id: str
    conn_id: str
    workspace_id: str
    mode: str
    after: str
    until: str | None
    started_at: str
    users: tuple[str, ...] = ()
    reclassify: bool = False
    include_files: bool = True
    surface: str = "logs"
    #: Log event types to pull besides chat messages' (each with its own watermark).
    event_types: tuple[str, ...] = EVENT_TYPES
    text_storage: str = "redacted"
    warnings: tuple[str, ...] = ()
    #: The workspace's detection policy (``Policy.to_dict()``); ``None`` means the default.
    policy: dict[str, Any] | None = None
    #: How many partitions the message extraction may split into (``sync_messages`` tasks).
    partitions: int = 1
    #: The environment the plan was made in (``ConnectorSettings.record()``: no secret).
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def api_share(self) -> float:
        """The part of the key's per-minute limits each message partition may use: the
        partitions run at once, possibly on different workers, and the limits are per key."""
        return 1 / self.partitions

    @classmethod
    def create(
        cls,
        *,
        run_id: str,
        conn_id: str,
        workspace_id: str,
        window: Window,
        started_at: datetime,
        **options: Any,
    ) -> RunPlan:
        return cls(
            run_id=run_id,
            conn_id=conn_id,
            workspace_id=workspace_id,
            mode=window.mode.value,
            after=window.after.isoformat(),
            until=window.until.isoformat() if window.until else None,
            started_at=started_at.isoformat(),
            warnings=window.warnings,
            **options,
        )

    @property
    def window(self) -> Window:
        return Window(
            RunMode(self.mode),
            datetime.fromisoformat(self.after),
            datetime.fromisoformat(self.until) if self.until else None,
            self.warnings,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["users"] = list(self.users)
        data["warnings"] = list(self.warnings)
        data["event_types"] = list(self.event_types)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunPlan:
        values = dict(data)
        values["users"] = tuple(values.get("users") or ())
        values["warnings"] = tuple(values.get("warnings") or ())
        values["event_types"] = tuple(values.get("event_types") or EVENT_TYPES)
        return cls(**values)


@dataclass
class WorkspaceJob:
    """A run's plan plus the live parts it needs; built per task, never serialized."""

    plan: RunPlan
    settings: WorkspaceSettings
    catalog: CatalogStore
    client_factory: Callable[[], ComplianceClient]
    classifier_factory: Callable[[], TextClassifier]
    batch_size: int = 2000
    progress_every: float = 10.0
    #: The log files this job's message extraction reads (None: the whole window).
    partition: Partition | None = None
    counters: dict[str, int] = field(default_factory=dict)
    clients: list[ComplianceClient] = field(default_factory=list)
    #: Stages of a step count from their own threads.
    _count_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: ``end_time`` of the newest chat log file this job landed: where the watermark moves to
    #: once every partition of the run has landed.
    landed_through: datetime | None = None

    def count(self, key: str, n: int = 1) -> None:
        with self._count_lock:
            self.counters[key] = self.counters.get(key, 0) + n

    def client(self) -> ComplianceClient:
        """A new client (a context manager); the job remembers it for :meth:`summary`."""
        client = self.client_factory()
        self.clients.append(client)
        return client

    def summary(self, *, failed: bool = False) -> dict[str, Any]:
        """Records counted and API figures of this job's clients so far.

        ``failed`` marks the partial summary of a step that raised, so the run record
        still shows what the step did (its calls and retries above all) and that it failed.
        """
        api: dict[str, int | float] = {}
        for client in self.clients:
            for key, value in client.stats.snapshot().items():
                api[key] = api.get(key, 0) + value
        result: dict[str, Any] = {"records": dict(self.counters), "api": api}
        if self.landed_through is not None:
            result["landed_through"] = self.landed_through.isoformat()
        if failed:
            result["failed"] = True
        return result
