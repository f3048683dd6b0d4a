"""The catalog tables, declared as data.

Table names, key columns and column names are part of the product: downstream SQL, reports
and the remediation DAG read them. Everything else (Iceberg schema, partition spec, Arrow
schema) is derived from these declarations, so a column is added in exactly one place.

Conventions shared by every table: key columns come first and are required strings; every
table ends with ``run_id`` (the run that wrote the row) and ``ingested_at``; timestamps are
microsecond UTC ``timestamptz``; tables are partitioned by ``workspace_id`` (identity) and by
the day of their main timestamp when they have one (``day_column``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    import pyarrow as pa
    from pyiceberg.partitioning import PartitionSpec
    from pyiceberg.schema import Schema
    from pyiceberg.types import IcebergType, PrimitiveType

ColumnType = Literal["string", "bool", "int", "long", "double", "timestamptz", "list<string>"]
COLUMN_TYPES: tuple[ColumnType, ...] = get_args(ColumnType)


@dataclass(frozen=True)
class Column:
    """One column; ``doc`` lands in the Iceberg schema so catalog browsers show it."""

    name: str
    type: ColumnType = "string"
    required: bool = False
    doc: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """A catalog table: its key (upsert identity), its columns and its day-partition column."""

    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    day_column: str | None = None
    stable_day: bool = False
    """A key's ``day_column`` value never changes (a message's creation time), so a lookup
    of keys may prune files by that column: an upsert then reads the few files of the
    batch's time range instead of every file of the table."""

    def __post_init__(self) -> None:
        names = [column.name for column in self.columns]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"table {self.name}: duplicate columns {duplicates}")
        missing = [name for name in (*self.key, self.day_column) if name and name not in names]
        if missing:
            raise ValueError(f"table {self.name}: key/partition columns {missing} are not columns")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def iceberg_schema(self) -> Schema:
        """The Iceberg schema, with the key declared as identifier fields."""
        from pyiceberg.schema import Schema
        from pyiceberg.types import ListType, NestedField

        element_ids = iter(range(len(self.columns) + 1, 2 * len(self.columns) + 1))
        fields = []
        for field_id, column in enumerate(self.columns, start=1):
            field_type: IcebergType
            if column.type == "list<string>":
                field_type = ListType(next(element_ids), _iceberg_primitive("string"), False)
            else:
                field_type = _iceberg_primitive(column.type)
            fields.append(
                NestedField(field_id, column.name, field_type, column.required, column.doc)
            )
        key_ids = [f.field_id for f in fields if f.name in self.key]
        return Schema(*fields, identifier_field_ids=key_ids)

    @property
    def day_partition(self) -> str | None:
        """Name of the day(day_column) partition field, if the table has one."""
        return f"{self.day_column}_day" if self.day_column else None

    def partition_spec(self, schema: Schema, *, with_day: bool = True) -> PartitionSpec:
        """Identity on workspace_id plus day(day_column), as far as the table has them.

        ``with_day=False`` leaves out the day field, for writers that cannot compute it.
        """
        from pyiceberg.partitioning import PartitionField, PartitionSpec
        from pyiceberg.transforms import DayTransform, IdentityTransform

        fields = []
        if "workspace_id" in self.column_names:
            source_id = schema.find_field("workspace_id").field_id
            fields.append(PartitionField(source_id, 1000, IdentityTransform(), "workspace_id"))
        if with_day and self.day_column and self.day_partition:
            source_id = schema.find_field(self.day_column).field_id
            field_id = 1000 + len(fields)
            fields.append(PartitionField(source_id, field_id, DayTransform(), self.day_partition))
        return PartitionSpec(*fields)

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema rows are normalised to before they are written."""
        import pyarrow as pa

        return pa.schema(
            [pa.field(c.name, _arrow_type(c.type), nullable=not c.required) for c in self.columns]
        )


def _iceberg_primitive(column_type: ColumnType) -> PrimitiveType:
    from pyiceberg import types

    return {
        "string": types.StringType(),
        "bool": types.BooleanType(),
        "int": types.IntegerType(),
        "long": types.LongType(),
        "double": types.DoubleType(),
        "timestamptz": types.TimestamptzType(),
    }[column_type]


def _arrow_type(column_type: ColumnType) -> pa.DataType:
    import pyarrow as pa

    return {
        "string": pa.string(),
        "bool": pa.bool_(),
        "int": pa.int32(),
        "long": pa.int64(),
        "double": pa.float64(),
        "timestamptz": pa.timestamp("us", tz="UTC"),
        "list<string>": pa.list_(pa.string()),
    }[column_type]


def _parse_column(declaration: str | Column) -> Column:
    """``"name"`` is a nullable string, ``"name:type"`` any other nullable type."""
    if isinstance(declaration, Column):
        return declaration
    name, _, column_type = declaration.partition(":")
    column_type = column_type or "string"
    if column_type not in COLUMN_TYPES:
        raise ValueError(f"column {name}: unknown type {column_type!r}")
    return Column(name, column_type)


def _one_of(name: str, *values: str) -> Column:
    return Column(name, doc="one of: " + ", ".join(values))


def _table(
    name: str,
    key: tuple[str, ...],
    *columns: str | Column,
    day_column: str | None = None,
    stable_day: bool = False,
) -> TableSpec:
    """Key columns first (required strings), then the declared ones, then run_id, ingested_at."""
    key_columns = tuple(Column(k, required=True) for k in key)
    declared = tuple(_parse_column(c) for c in columns)
    trailer = tuple(
        Column(*spec)
        for spec in (("run_id", "string"), ("ingested_at", "timestamptz"))
        if spec[0] not in {c.name for c in key_columns + declared}
    )
    return TableSpec(name, key, key_columns + declared + trailer, day_column, stable_day)


_STATUS = _one_of("status", "active", "deleted")
_TEXT_STORAGE = _one_of("text_storage", "full", "redacted", "none")
_BY_TYPE = Column(
    "findings_by_type",
    doc='JSON object of finding counts per entity type, e.g. {"EMAIL_ADDRESS": 2}',
)
_SOURCE = _one_of("source", "logs", "legacy")
_CLASSIFY_TRUNCATED = Column(
    "classify_truncated",
    "bool",
    doc="text longer than the classification cap: only its first characters were classified "
    "(a redacted message text is stored up to the cap)",
)
_ATTRIBUTION = (
    Column("gpt_id", doc="the custom GPT the conversation ran in (g-…)"),
    "gpt_name",
    Column("project_id", doc="the project the conversation ran in (g-p-…)"),
    "project_name",
)
#: Columns closing a table of event text: its storage mode, finding roll-ups and source file.
_EVENT_TEXT_TRAILER = (
    _TEXT_STORAGE, "finding_count:int", "highest_severity", _BY_TYPE, "log_file_id",
)  # fmt: skip
_INVENTORY = (
    "name", "description", "owner_id", "owner_email", "builder_name", "visibility",
    "created_at:timestamptz", "file_ids:list<string>", "finding_count:int", "highest_severity",
    _BY_TYPE, "status",
)  # fmt: skip

_SPECS = (
    _table(
        "conversations", ("workspace_id", "conversation_id"),
        "title", "user_id", "user_email", "created_at:timestamptz", "updated_at:timestamptz",
        "is_temporary:bool", "is_pinned:bool", *_ATTRIBUTION, "message_count:int",
        "finding_count:int", "highest_severity", _BY_TYPE, _STATUS, _SOURCE,
        Column(
            "messages_by_severity",
            doc='JSON object of message counts per highest severity, e.g. {"high": 1}',
        ),
        day_column="created_at",
    ),
    _table(
        "messages", ("workspace_id", "message_id"),
        "conversation_id", "parent_id", "event_id", "log_file_id", "user_id", "user_email",
        "author_role", "author_model", "created_at:timestamptz", "content_type",
        Column("text", doc="raw or redacted text, per text_storage"),
        _TEXT_STORAGE,
        "text_sha256", "text_length:int", "file_ids:list<string>", *_ATTRIBUTION,
        "finding_count:int",
        "highest_severity", _BY_TYPE, _CLASSIFY_TRUNCATED, _STATUS, _SOURCE,
        day_column="created_at",
        stable_day=True,
    ),
    _table(
        "files", ("workspace_id", "file_id"),
        _one_of("kind", "user", "gpt", "project"),
        "owner_id", "user_id", "gpt_id", "project_id", "conversation_id", "message_id", "name",
        "mime_type", "size:long", "sha256",
        _one_of(
            "status", "pending", "scanned", "expired", "too_large", "unsupported", "corrupt",
            "encrypted", "timeout", "error", "not_found", "deleted",
        ),
        "status_detail", "text_length:int", "finding_count:int", "highest_severity", _BY_TYPE,
        _CLASSIFY_TRUNCATED, "uploaded_at:timestamptz", "first_seen_at:timestamptz",
        "fetched_at:timestamptz",
        day_column="first_seen_at",
    ),
    _table(
        "findings", ("workspace_id", "finding_id"),
        "object_type", "object_id", "conversation_id", "user_id", *_ATTRIBUTION,
        "entity_type", "score:double",
        "start:int", "end:int", "location",
        Column("masked_preview", doc="the match with its sensitive characters masked"),
        "recognizer", "severity",
        Column(
            "occurred_at", "timestamptz",
            doc="when the text was written: the message's or GPT's creation, the file's upload",
        ),
        "detected_at:timestamptz",
        day_column="detected_at",
    ),
    _table(
        "events", ("workspace_id", "event_id"),
        Column("event_type", doc="the log's type: AUTH_LOG, AUDIT_LOG, CODEX_LOG, …"),
        Column("action", doc="what happened: login_success, INVITE_SEND, AGENT_RUN_MESSAGE, …"),
        "timestamp:timestamptz",
        Column("actor_type", doc="ACCOUNT_USER, AGENT or API_KEY"),
        Column("user_id", doc="the acting user, or the user an agent acted for"),
        "user_email",
        Column("actor_name", doc="an agent's name"), Column("actor_id", doc="an agent's id"),
        Column("api_key_id", doc="the redacted id of an acting API key (sk-...abcd)"),
        "client_ip", "user_agent", "client_id", "log_file_id",
        Column("known_type", "bool", doc="false: a type this connector does not know, kept raw"),
        Column("raw", doc="the event's JSON; its text surfaces stored per text_storage"),
        _TEXT_STORAGE,
        "finding_count:int", "highest_severity", _BY_TYPE,
        day_column="timestamp",
        stable_day=True,
    ),
    _table(
        "codex_turns", ("workspace_id", "event_id"),
        "session_id", "turn_id", "action", "model", "status", "client_id", "user_id",
        "user_email", "created_at:timestamptz",
        Column("prompt_text", doc="the user's prompt, per text_storage"),
        Column("response_text", doc="Codex's response, per text_storage"),
        *_EVENT_TEXT_TRAILER,
        day_column="created_at",
        stable_day=True,
    ),
    _table(
        "agent_messages", ("workspace_id", "event_id"),
        "agent_id", "agent_name", "version_id", "agent_run_id", "conversation_id",
        Column("message_id", doc="the agent run's message id"), "phase", "action",
        Column("user_id", doc="the user the agent ran for"), "user_email",
        "created_at:timestamptz", Column("text", doc="the message, per text_storage"),
        *_EVENT_TEXT_TRAILER,
        day_column="created_at",
        stable_day=True,
    ),
    _table(
        "users", ("workspace_id", "user_id"),
        "email", "name", "role", "status", "created_at:timestamptz",
        day_column="created_at",
    ),
    _table("gpts", ("workspace_id", "gpt_id"), *_INVENTORY, day_column="created_at"),
    _table("projects", ("workspace_id", "project_id"), *_INVENTORY, day_column="created_at"),
    _table(
        "runs", ("workspace_id", "run_id"),
        "dag_run_id", _one_of("mode", "scheduled", "window", "backfill", "cli"),
        "window_start:timestamptz", "window_end:timestamptz", "started_at:timestamptz",
        "finished_at:timestamptz", "duration_seconds:double",
        _one_of("outcome", "success", "failed", "partial"),
        Column("records", doc="JSON object of per-table row counts"),
        "api_calls:long", "retries:long", "bytes_downloaded:long", "error",
        day_column="started_at",
    ),
    _table(
        "watermarks", ("workspace_id", "stream"),
        "watermark:timestamptz", "updated_at:timestamptz", "run_id",
    ),
    _table(
        "remediation_actions", ("action_id",),
        "workspace_id", "run_id",
        _one_of(
            "target_type", "conversation", "user_file", "gpt_file", "project_file",
            "gpt_sharing", "project_sharing",
        ),
        "target_id", Column("parent_id", doc="owner in the API path: user, GPT or project"),
        "reason", "finding_ids:list<string>", "entity_types:list<string>", "dry_run:bool",
        _one_of(
            "status", "planned", "blocked", "pending", "deleted", "unshared", "already_gone",
            "done_earlier", "failed",
        ),
        "api_status:int", Column("detail", doc="why a target was blocked or failed"),
        "triggered_by", "created_at:timestamptz",
        day_column="created_at",
    ),
    _table(
        "alert_outbox", ("workspace_id", "destination", "item_id"),
        Column("kind", doc="finding, or event (a non-chat event forwarded to a SIEM)"),
        Column("conn_id", doc="the workspace connection whose run queued the alert"),
        Column("entity_type", doc="a finding's entity type, an event's event type"),
        "severity",
        Column("detected_at", "timestamptz", doc="when a finding was detected, an event happened"),
        _one_of("status", "queued", "sent", "summarized", "failed"),
        Column("attempts", "int", doc="delivery attempts so far (each with its own retries)"),
        "queued_at:timestamptz", "last_attempt_at:timestamptz", "sent_at:timestamptz",
        Column("last_error", doc="why the last attempt failed: an HTTP status or a timeout"),
        Column("alert", doc="JSON of the alert as delivered: masked values only"),
        day_column="queued_at",
    ),
)  # fmt: skip

TABLES: Mapping[str, TableSpec] = {spec.name: spec for spec in _SPECS}


def table_spec(name: str) -> TableSpec:
    """The spec of a catalog table, or a ValueError listing the valid names."""
    try:
        return TABLES[name]
    except KeyError:
        raise ValueError(f"unknown catalog table {name!r}; tables: {', '.join(TABLES)}") from None
