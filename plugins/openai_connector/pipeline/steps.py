"""The steps of a workspace run. Each is restartable: it redoes its work into idempotent upserts.

Every step returns a small JSON-able summary (counts and API statistics) for the ``runs`` table.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from openai_connector.api.models import Attribution, ConversationMessageEvent
from openai_connector.pipeline.events import (
    EventBatch,
    land_event_batch,
    other_event,
    sync_event_logs,
)
from openai_connector.pipeline.files import sync_files
from openai_connector.pipeline.job import LEGACY_STREAM, MESSAGES_STREAM, WorkspaceJob
from openai_connector.pipeline.landing import (
    Classified,
    MessageBatch,
    classify,
    insert_new_files,
    land_findings,
    land_message_batch,
    message_items,
    stamp,
    with_findings,
)
from openai_connector.pipeline.progress import Progress
from openai_connector.pipeline.records import (
    chat_file_row,
    conversation_from_event,
    conversation_from_legacy,
    knowledge_file_row,
    message_row,
    shared_object_row,
    user_row,
)
from openai_connector.pipeline.stages import Stage, StageTimes
from openai_connector.pipeline.window import Partition, split_log_files

if TYPE_CHECKING:
    from openai_connector.api import ComplianceClient
    from openai_connector.api.models import (
        ConversationMessageEvent,
        Gpt,
        LogFile,
        Message,
        Project,
    )

log = logging.getLogger(__name__)

#: The legacy cursor restarts this far before the previous run began, to cover clock skew.
LEGACY_OVERLAP = timedelta(minutes=5)
#: GPTs or projects classified and landed together.
SHARED_OBJECT_BATCH = 200


# --- inventory ------------------------------------------------------------------------------


def sync_inventory(job: WorkspaceJob) -> dict[str, Any]:
    """Refresh users, GPTs and projects; classify GPT/project instructions and the OpenAPI
    specs of their custom actions."""
    with job.client() as client:
        _land_in_batches(
            job, "users", (user_row(job.plan.workspace_id, u) for u in client.iter_users())
        )
        for kind, items in (("gpt", client.iter_gpts()), ("project", client.iter_projects())):
            _sync_shared_objects(job, kind, items)
        return job.summary()


def _land_in_batches(job: WorkspaceJob, table: str, rows: Iterator[dict[str, Any]]) -> None:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= job.batch_size:
            job.catalog.upsert(table, stamp(batch, job))
            job.count(table, len(batch))
            batch = []
    if batch:
        job.catalog.upsert(table, stamp(batch, job))
        job.count(table, len(batch))


def _sync_shared_objects(job: WorkspaceJob, kind: str, items: Iterator[Gpt | Project]) -> None:
    """GPTs or projects a batch at a time: memory holds one batch, however many there are."""
    pending = iter(items)
    while batch := list(itertools.islice(pending, SHARED_OBJECT_BATCH)):
        _land_shared_objects(job, kind, batch)


def _land_shared_objects(job: WorkspaceJob, kind: str, items: list[Gpt | Project]) -> None:
    from openai_connector.classify import TextItem

    workspace_id = job.plan.workspace_id
    seen_at = datetime.now(UTC)
    configs = {item.id: item.latest_config[0] for item in items if item.latest_config}
    texts = []
    for item_id, config in configs.items():
        if config.instructions:
            texts.append(TextItem(kind, item_id, config.instructions, location="instructions"))
        texts.extend(
            TextItem(f"{kind}_action", item_id, spec, location=location)
            for location, spec in config.action_specs()
        )
    found = classify(job, texts).findings
    rows = [
        with_findings(shared_object_row(workspace_id, kind, item), found.setdefault(item.id, []))
        for item in items
    ]
    if rows:
        table = f"{kind}s"
        job.catalog.upsert(table, stamp(rows, job))
        job.count(table, len(rows))
    land_findings(
        job,
        (kind, f"{kind}_action"),
        found,
        {
            item.id: {"user_id": item.owner_id, f"{kind}_id": item.id, f"{kind}_name": item.name}
            for item in items
        },
    )
    insert_new_files(
        job,
        (
            knowledge_file_row(workspace_id, ref, kind=kind, owner_id=item_id, seen_at=seen_at)
            for item_id, config in configs.items()
            for ref in config.files
        ),
    )


# --- messages -------------------------------------------------------------------------------


def plan_partitions(job: WorkspaceJob) -> tuple[Partition, ...]:
    """Split the window's chat log files into ``plan.partitions`` ranges of about equal bytes.

    Listing costs one list call per 100 files, against one item call per file to download
    them. One partition, the legacy surface, or a logs platform that is not there: the whole
    window, unlisted (``sync_messages`` handles a missing platform).
    """
    from openai_connector.api import GoneError, NotFoundError

    window = job.plan.window
    if job.plan.partitions == 1 or job.plan.surface == "legacy":
        return (Partition.whole(window),)
    with job.client() as client:
        try:
            listed = [
                (log_file.end_time, log_file.file_size or 0)
                for log_file in client.iter_log_files(
                    MESSAGES_STREAM, after=window.after, before=window.files_before
                )
            ]
        except (NotFoundError, GoneError):
            return (Partition.whole(window),)
    partitions = split_log_files(window, listed, job.plan.partitions)
    log.info(
        "%d log files in %d partitions, each limited to %.0f%% of the key's API rate limits",
        len(listed),
        len(partitions),
        100 * job.plan.api_share,
    )
    return partitions


def sync_messages(job: WorkspaceJob) -> dict[str, Any]:
    """The whole message stage in one process (CLI, benchmarks): every log file of the window,
    then what follows once all partitions have landed."""
    partition = sync_message_partition(job)  # its stage times, then the step's totals
    return partition | finish_messages(job, [job.landed_through])


def sync_message_partition(job: WorkspaceJob) -> dict[str, Any]:
    """Extract the job's partition of the window from the logs platform (or the legacy
    endpoint) and land it. Idempotent: a retried partition re-lands the same keys."""
    from openai_connector.api import EndpointRetiredError, GoneError, NotFoundError

    stages: StageTimes | None = None
    with job.client() as client:
        if job.plan.surface == "legacy":
            _sync_legacy_conversations(job, client)
        else:
            try:
                stages = _sync_message_logs(job, client)
            except (NotFoundError, GoneError) as exc:
                if not _logs_platform_unavailable(job, exc):
                    raise
                log.warning("Logs platform unavailable (%s); reading legacy conversations.", exc)
                try:
                    _sync_legacy_conversations(job, client)
                except EndpointRetiredError:
                    raise exc from None
        summary = job.summary()
        if stages is not None:
            summary["stages"] = stages.to_dict()
        return summary


def finish_messages(job: WorkspaceJob, landed_through: Sequence[datetime | None]) -> dict[str, Any]:
    """Once every partition has landed: move a scheduled run's chat watermark to the newest
    file landed (the first partition moved it through its own range already), pull every
    other configured event type (conversation roll-ups are kept up to date by landing)."""
    newest = max((moment for moment in landed_through if moment), default=None)
    if newest is not None and job.plan.window.moves_watermark:
        job.catalog.set_watermark(job.plan.workspace_id, MESSAGES_STREAM, newest, job.plan.run_id)
    with job.client() as client:
        sync_event_logs(job, client)
    return job.summary()


def _logs_platform_unavailable(job: WorkspaceJob, exc: Exception) -> bool:
    """A 404/410 from the logs listing itself, not a wrong workspace or base URL."""
    from openai_connector.api import RouteNotFoundError, WorkspaceNotFoundError

    wrong_setup = isinstance(exc, RouteNotFoundError | WorkspaceNotFoundError)
    return not wrong_setup and not job.counters.get("log_files")


@dataclass
class _ExtractedBatch:
    """Whole log files' messages and other events, and the last of those files."""

    messages: MessageBatch = field(default_factory=MessageBatch)
    others: EventBatch = field(default_factory=EventBatch)
    last_file: LogFile | None = None

    def __len__(self) -> int:
        return len(self.messages) + len(self.others)


def _message_log_files(job: WorkspaceJob, client: ComplianceClient) -> Iterator[LogFile]:
    """The chat log files the job's partition handles: those ending in its range (without a
    partition, every file of the window, plus those delivered late)."""
    partition = job.partition or Partition.whole(job.plan.window)
    return client.iter_log_files(MESSAGES_STREAM, after=partition.after, before=partition.before)


def _sync_message_logs(job: WorkspaceJob, client: ComplianceClient) -> StageTimes:
    """Extract, classify and land the log files as overlapped stages, each batch in order.

    Downloads and parsing run in one thread, classification (which waits on classifier
    processes, if any) in another, while this one lands the previous batch; one batch
    waits between stages at most, so memory stays bounded. A stage's error surfaces here
    after the batches before it have landed; only landed batches count as landed.
    """
    started = time.perf_counter()
    waited_before = _rate_limit_wait(client)
    landed = Progress("messages", unit="messages", every=job.progress_every, logger=log)
    landing = 0.0
    batches = _extract_batches(job, client, _message_log_files(job, client))
    with (
        Stage("extraction", batches) as extracting,
        Stage("classification", _classify_batches(job, extracting)) as classifying,
    ):
        for batch, classified in classifying:
            landing_started = time.perf_counter()
            _flush(job, batch, classified)
            landing += time.perf_counter() - landing_started
            landed.advance(len(batch.messages))
    landed.finish()
    times = StageTimes(
        wall=time.perf_counter() - started,
        extraction=extracting.busy_seconds,
        classification=classifying.busy_seconds - extracting.waited_seconds,
        landing=landing,
        rate_limit_wait=_rate_limit_wait(client) - waited_before,
    )
    log.info(
        "Messages in %.1fs: extraction %.1fs, classification %.1fs, landing %.1fs; bound: %s",
        times.wall,
        times.extraction,
        times.classification,
        times.landing,
        times.bound,
    )
    return times


def _rate_limit_wait(client: ComplianceClient) -> float:
    return float(client.stats.snapshot()["rate_limit_wait_seconds"])


def _extract_batches(
    job: WorkspaceJob, client: ComplianceClient, log_files: Iterator[LogFile]
) -> Iterator[_ExtractedBatch]:
    """Download and parse log files into batches of whole files; the last batch may be empty
    and still names the last file (the watermark moves to it)."""
    users = set(job.plan.users)
    files = Progress("log files", unit="files", every=job.progress_every, logger=log)
    batch = _ExtractedBatch()
    for log_file in log_files:
        for line in client.iter_log_events(log_file):
            _add_log_line(job, batch, line, log_file, users)
        files.advance()
        job.count("log_files")
        batch.last_file = log_file
        if len(batch) >= job.batch_size:
            yield batch
            batch = _ExtractedBatch()
    files.finish()
    yield batch


def _add_log_line(
    job: WorkspaceJob, batch: _ExtractedBatch, line: Any, log_file: LogFile, users: set[str]
) -> None:
    """Add a chat message of the window (and of the users asked for) or another event."""
    if not isinstance(line, ConversationMessageEvent):
        other = other_event(job, line, log_file)
        if other is not None:
            batch.others.add(other, log_file.id)
        return
    event = line
    window = job.plan.window
    moment = event.timestamp or event.message.created_at
    if window.until and moment and not window.contains(moment):
        return
    if users and not users & {event.actor_user_id, event.actor_email}:
        return
    try:
        _add_message(
            job,
            batch.messages,
            event.message,
            conversation=conversation_from_event(job.plan.workspace_id, event),
            user_id=event.actor_user_id,
            user_email=event.actor_email,
            parent_id=event.previous_message_id or event.message.parent_id,
            source="logs",
            event_id=event.event_id,
            log_file_id=log_file.id,
        )
    except Exception as exc:  # one bad record is quarantined, the file lands
        job.count("corrupt_lines")
        log.warning("Skipped an event of log file %s: %s", log_file.id, type(exc).__name__)


def _classify_batches(
    job: WorkspaceJob, batches: Iterable[_ExtractedBatch]
) -> Iterator[tuple[_ExtractedBatch, Classified]]:
    """Each batch with its messages' findings (the classification stage)."""
    for batch in batches:
        yield batch, classify(job, message_items(batch.messages))


def _add_message(
    job: WorkspaceJob,
    batch: MessageBatch,
    message: Message,
    *,
    conversation: dict[str, Any],
    user_id: str | None,
    user_email: str | None,
    **row_fields: Any,
) -> None:
    """Add one message of either surface, with the chat files it references."""
    workspace_id = job.plan.workspace_id
    conversation_id = conversation["conversation_id"]
    row = message_row(
        workspace_id,
        message,
        conversation_id=conversation_id,
        user_id=user_id,
        user_email=user_email,
        attribution=Attribution.from_api(conversation),
        **row_fields,
    )
    seen_at = datetime.now(UTC)
    files = [
        chat_file_row(
            workspace_id,
            ref,
            user_id=user_id,
            conversation_id=conversation_id,
            message_id=message.id,
            sent_at=message.created_at,
            seen_at=seen_at,
        )
        for ref in message.files
    ]
    batch.add(row, message.text, conversation, files, message.quoted_texts())


def _flush(job: WorkspaceJob, batch: _ExtractedBatch, classified: Classified) -> None:
    """Land the batch (and other events its files held), then — and only then — count its
    files as landed, and move a scheduled run's watermark if they continue it."""
    land_message_batch(job, batch.messages, classified)
    land_event_batch(job, batch.others)
    if batch.last_file is None:
        return
    job.landed_through = batch.last_file.end_time
    if job.plan.window.moves_watermark and _continues_watermark(job):
        job.catalog.set_watermark(
            job.plan.workspace_id, MESSAGES_STREAM, batch.last_file.end_time, job.plan.run_id
        )


def _continues_watermark(job: WorkspaceJob) -> bool:
    """Whether the job's files start where the watermark is: the watermark only ever covers
    files of which every earlier one has landed, so the first partition (or an unpartitioned
    run) moves it batch by batch, and the others' ranges count once all have landed."""
    return job.partition is None or job.partition.index == 0


def _sync_legacy_conversations(job: WorkspaceJob, client: ComplianceClient) -> None:
    window = job.plan.window
    workspace_id = job.plan.workspace_id
    started = datetime.fromisoformat(job.plan.started_at)
    since = window.after
    if window.moves_watermark:
        since = job.catalog.get_watermarks(workspace_id).get(LEGACY_STREAM) or window.after
    progress = Progress("conversations", unit="conversations", every=job.progress_every, logger=log)
    batch = MessageBatch()
    for conversation in client.iter_conversations(since=since, users=job.plan.users or None):
        conversation_row = conversation_from_legacy(workspace_id, conversation)
        for message in conversation.messages:
            if window.until and message.created_at and not window.contains(message.created_at):
                continue
            _add_message(
                job,
                batch,
                message,
                conversation=conversation_row,
                user_id=conversation.user_id,
                user_email=conversation.user_email,
                parent_id=message.parent_id,
                source="legacy",
            )
        progress.advance()
        if len(batch) >= job.batch_size:
            land_message_batch(job, batch)
            batch = MessageBatch()
    land_message_batch(job, batch)
    progress.finish()
    if window.moves_watermark:
        job.catalog.set_watermark(
            workspace_id, LEGACY_STREAM, started - LEGACY_OVERLAP, job.plan.run_id
        )


# --- run record -----------------------------------------------------------------------------

STEP_FUNCTIONS: dict[str, Callable[[WorkspaceJob], dict[str, Any]]] = {
    "sync_inventory": sync_inventory,
    "sync_messages": sync_messages,
    "sync_files": sync_files,
}
"""The steps of a workspace run in order; each is one task of the workspace DAG."""
STEPS = tuple(STEP_FUNCTIONS)


def record_run(
    job: WorkspaceJob,
    step_summaries: Mapping[str, dict[str, Any] | None],
    *,
    dag_run_id: str | None,
) -> dict[str, Any]:
    """Append the run's row to ``runs``: window, records per table, API figures, outcome.

    A step's summary is ``None`` when it left nothing, or a partial one marked ``failed``.
    """
    import json

    totals = merge_summaries(step_summaries.values())
    records, api = totals["records"], totals["api"]
    failed = sorted(
        step for step, result in step_summaries.items() if result is None or result.get("failed")
    )
    started = datetime.fromisoformat(job.plan.started_at)
    finished = datetime.now(UTC)
    window = job.plan.window
    row = {
        "workspace_id": job.plan.workspace_id,
        "run_id": job.plan.run_id,
        "dag_run_id": dag_run_id,
        "mode": job.plan.mode,
        "window_start": window.after,
        "window_end": window.until,
        "started_at": started,
        "finished_at": finished,
        "duration_seconds": (finished - started).total_seconds(),
        "outcome": "failed" if failed else "success",
        "records": json.dumps(records, sort_keys=True),
        "api_calls": api.get("calls_total", 0),
        "retries": api.get("retries", 0),
        "bytes_downloaded": api.get("bytes_downloaded", 0),
        "error": _failure_text(failed, step_summaries) if failed else None,
    }
    job.catalog.upsert("runs", stamp([row], job))
    log.info(
        "Run %s of %s: %s in %.1fs; records %s; API calls %d, retries %d",
        job.plan.run_id,
        job.plan.conn_id,
        row["outcome"],
        row["duration_seconds"],
        row["records"],
        row["api_calls"],
        row["retries"],
    )
    return {key: row[key] for key in ("run_id", "outcome", "records", "duration_seconds")}


def merge_summaries(summaries: Iterable[dict[str, Any] | None]) -> dict[str, Any]:
    """Several tasks' summaries as one: counts and API figures summed; failed (with the first
    cause given) if any failed or left nothing."""
    records: dict[str, int] = {}
    api: dict[str, int] = {}
    merged: dict[str, Any] = {"records": records, "api": api}
    for summary in summaries:
        if summary is None or summary.get("failed"):
            merged["failed"] = True
        for key, value in (summary or {}).get("records", {}).items():
            records[key] = records.get(key, 0) + value
        for key, value in (summary or {}).get("api", {}).items():
            api[key] = api.get(key, 0) + int(value)
        if summary and summary.get("cause"):
            merged.setdefault("cause", summary["cause"])
    return merged


def _failure_text(failed: list[str], step_summaries: Mapping[str, dict[str, Any] | None]) -> str:
    """``failed steps: …``, then the one-sentence causes the failed steps left, if any."""
    causes = dict.fromkeys(
        summary["cause"] for summary in step_summaries.values() if summary and summary.get("cause")
    )
    text = f"failed steps: {', '.join(failed)}"
    return f"{text}. {' '.join(causes)}" if causes else text


def run_all(new_job: Callable[[], WorkspaceJob], *, dag_run_id: str) -> dict[str, Any]:
    """Every step in order and then the run record, outside Airflow (CLI, benchmarks, tests).

    Each step gets a fresh job from ``new_job``, as each DAG task builds its own, so no
    state passes between steps except through the catalog, exactly as under Airflow.
    """
    summaries = {step: run_step(new_job()) for step, run_step in STEP_FUNCTIONS.items()}
    return record_run(new_job(), summaries, dag_run_id=dag_run_id)
