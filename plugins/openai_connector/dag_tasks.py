"""Glue between Airflow's task context and the pipeline: the only place that reads the context.

Imported inside task code (never at parse time), so it may import the heavy pipeline modules,
and quiets the libraries' INFO chatter for the task logs it is imported into.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from airflow.sdk.exceptions import AirflowFailException

from openai_connector.alerts.causes import failure_cause
from openai_connector.api.errors import InvalidSettingsError
from openai_connector.catalog import CatalogStore
from openai_connector.classify.classifier import release_classifiers
from openai_connector.classify.config import default_processes
from openai_connector.hooks.catalog import CatalogHook
from openai_connector.hooks.compliance import OpenAIComplianceHook
from openai_connector.logs import quiet_library_loggers
from openai_connector.pipeline.job import MESSAGES_STREAM, RunPlan, WorkspaceJob
from openai_connector.pipeline.steps import (
    STEP_FUNCTIONS,
    STEPS,
    finish_messages,
    merge_summaries,
    plan_partitions,
    record_run,
    sync_message_partition,
)
from openai_connector.pipeline.window import Partition, WindowError, resolve_window
from openai_connector.policy import Policy, PolicyError, policy_classifier, policy_for_workspace
from openai_connector.settings import connector_settings
from openai_connector.workspaces import WorkspaceEntry

if TYPE_CHECKING:
    from openai_connector.alerts.model import Message
    from openai_connector.alerts.routes import AlertRoute

log = logging.getLogger(__name__)
quiet_library_loggers()

#: ``dag_run.run_type`` of a backfill run: a value of the REST API's ``DagRunType`` (the Task
#: SDK's enum of it is not exported by ``airflow.sdk``; its members are strings).
BACKFILL_RUN_TYPE = "backfill"


def catalog_store() -> CatalogStore:
    """The catalog configured by environment (and a connection), defaulting under AIRFLOW_HOME."""
    return CatalogHook().get_conn()


def plan_from_context(entry: WorkspaceEntry, context: dict[str, Any]) -> dict[str, Any]:
    """Turn params, run type, data interval and the workspace policy into a ``RunPlan``."""
    policy = load_workspace_policy(entry)
    try:
        settings = OpenAIComplianceHook(entry.conn_id).settings
    except InvalidSettingsError as exc:  # retrying cannot fix a connection's values
        raise AirflowFailException(
            f"Connection {entry.conn_id!r} is misconfigured: {exc}"
        ) from None
    params = context["params"]
    dag_run = context["dag_run"]
    backfill_interval = None
    if dag_run.run_type == BACKFILL_RUN_TYPE:
        backfill_interval = (context["data_interval_start"], context["data_interval_end"])
    store = catalog_store()
    watermark = store.get_watermarks(settings.workspace_id).get(MESSAGES_STREAM)
    try:
        window = resolve_window(
            now=datetime.now(UTC),
            watermark=watermark,
            since=params.get("since"),
            until=params.get("until"),
            backfill_interval=backfill_interval,
        )
    except WindowError as exc:
        raise AirflowFailException(f"Invalid run parameters: {exc}") from None
    for warning in window.warnings:
        log.warning("%s", warning)
    plan = RunPlan.create(
        run_id=f"{entry.conn_id}/{dag_run.run_id}",
        conn_id=entry.conn_id,
        workspace_id=settings.workspace_id,
        window=window,
        started_at=datetime.now(UTC),
        users=tuple(params.get("users") or ()),
        reclassify=bool(params.get("reclassify")),
        include_files=bool(params.get("include_files", True)),
        surface=entry.surface,
        event_types=entry.event_types,
        text_storage=policy.storage,
        policy=policy.to_dict(),
        partitions=entry.partitions,
        settings=connector_settings().record(),
    )
    log.info(
        "Plan for %s: %s run, records after %s until %s, messages in up to %d partitions "
        "sharing the key's rate limits (each %.0f%% of them)",
        settings.display_name,
        plan.mode,
        plan.after,
        plan.until or "now",
        plan.partitions,
        100 * plan.api_share,
    )
    return plan.to_dict()


def load_workspace_policy(entry: WorkspaceEntry) -> Policy:
    """The workspace's detection policy, read at task start; a broken file fails the run."""
    from airflow.sdk.configuration import conf

    try:
        policy = policy_for_workspace(entry.policy, conf.get("core", "dags_folder"))
    except PolicyError as exc:
        raise AirflowFailException(f"Invalid detection policy: {exc}") from None
    log.info("Detection policy: %s", entry.policy or "default")
    return policy


def job_for(
    conn_id: str, run_plan: dict[str, Any], partition: Partition | None = None
) -> WorkspaceJob:
    """The job of one task; a message partition's clients get its share of the key's limits,
    its classifier its share of the worker's cores (the run's partitions may all run on it)."""
    from openai_connector.api import RateLimits

    plan = RunPlan.from_dict(run_plan)
    hook = OpenAIComplianceHook(conn_id)
    if partition is not None and plan.api_share < 1:
        limits = RateLimits.for_key(hook.settings.api_key, share=plan.api_share)
        hook = OpenAIComplianceHook(conn_id, rate_limits=limits)
    policy = Policy.from_dict(plan.policy) if plan.policy else Policy.default()
    processes = default_processes(sharing=plan.partitions if partition is not None else 1)
    return WorkspaceJob(
        plan=plan,
        settings=hook.settings,
        catalog=catalog_store(),
        client_factory=hook.get_conn,
        classifier_factory=partial(policy_classifier, policy, processes),
        partition=partition,
    )


#: XCom key of the partial summary a failed step leaves for the run record.
PARTIAL_SUMMARY_KEY = "partial_summary"
#: XCom key of the partition planner's summary (its return value is the partitions).
PLANNING_SUMMARY_KEY = "summary"
#: Task ids of the message stage: planner, mapped partitions, what follows them.
PLAN_PARTITIONS, SYNC_MESSAGES, FINISH_MESSAGES = (
    "plan_partitions",
    "sync_messages",
    "finish_messages",
)

T = TypeVar("T")


def reporting_failure(
    job: WorkspaceJob, step: str, context: dict[str, Any], work: Callable[[], T]
) -> T:
    """Run a task's work; if it fails, leave what it did (counts, API calls, retries) in XCom
    first, so the ``runs`` row of a failed run still shows the faults it met. Either way the
    classifier's worker processes stop with the work."""
    try:
        return work()
    except Exception as exc:
        summary = {**job.summary(failed=True), "cause": failure_cause(exc, step)}
        context["ti"].xcom_push(key=PARTIAL_SUMMARY_KEY, value=summary)
        raise
    finally:
        release_classifiers()


def run_step(conn_id: str, run_plan: dict[str, Any], step: str, context: dict[str, Any]) -> Any:
    """Run one unpartitioned pipeline step."""
    job = job_for(conn_id, run_plan)
    return reporting_failure(job, step, context, partial(STEP_FUNCTIONS[step], job))


def plan_partitions_from_context(
    conn_id: str, run_plan: dict[str, Any], context: dict[str, Any]
) -> list[dict[str, Any]]:
    """The message partitions ``sync_messages`` is mapped over (its API calls kept aside)."""
    job = job_for(conn_id, run_plan)
    partitions = reporting_failure(job, SYNC_MESSAGES, context, partial(plan_partitions, job))
    context["ti"].xcom_push(key=PLANNING_SUMMARY_KEY, value=job.summary())
    return [partition.to_dict() for partition in partitions]


def sync_partition_from_context(
    conn_id: str, run_plan: dict[str, Any], partition: dict[str, Any], context: dict[str, Any]
) -> dict[str, Any]:
    """Land one partition; retried alone, it re-lands the same keys."""
    job = job_for(conn_id, run_plan, Partition.from_dict(partition))
    return reporting_failure(job, SYNC_MESSAGES, context, partial(sync_message_partition, job))


def finish_messages_from_context(
    conn_id: str,
    run_plan: dict[str, Any],
    partition_summaries: Iterable[dict[str, Any]],
    context: dict[str, Any],
) -> dict[str, Any]:
    """Runs only when every partition succeeded: the watermark moves to the newest file."""
    landed = [
        datetime.fromisoformat(summary["landed_through"])
        for summary in partition_summaries
        if summary.get("landed_through")
    ]
    job = job_for(conn_id, run_plan)
    return reporting_failure(job, SYNC_MESSAGES, context, partial(finish_messages, job, landed))


def record_run_from_context(
    conn_id: str, run_plan: dict[str, Any] | None, context: dict[str, Any]
) -> dict[str, Any]:
    """Write the ``runs`` row whatever happened, then fail the DAG run if a step failed."""
    if run_plan is None:
        raise AirflowFailException("The plan task failed; nothing was extracted.")
    ti = context["ti"]
    summaries = {step: task_summary(ti, step) for step in STEPS}
    summaries[SYNC_MESSAGES] = message_stage_summary(ti)
    result = record_run(job_for(conn_id, run_plan), summaries, dag_run_id=context["dag_run"].run_id)
    if result["outcome"] != "success":
        raise AirflowFailException(f"Run recorded as {result['outcome']}: {result['records']}")
    return result


def task_summary(ti: Any, task_id: str, map_index: int | None = None) -> dict[str, Any] | None:
    """What one task instance returned, else the partial summary it left when it failed."""
    indexes = {} if map_index is None else {"map_indexes": map_index}
    return ti.xcom_pull(task_ids=task_id, **indexes) or ti.xcom_pull(
        task_ids=task_id, key=PARTIAL_SUMMARY_KEY, **indexes
    )


def message_stage_summary(ti: Any) -> dict[str, Any] | None:
    """The planner's, every partition's and the finishing task's summaries as one step's:
    failed if any of them failed or never ran."""
    planned = ti.xcom_pull(task_ids=PLAN_PARTITIONS)
    if planned is None:
        return ti.xcom_pull(task_ids=PLAN_PARTITIONS, key=PARTIAL_SUMMARY_KEY)
    return merge_summaries(
        [
            ti.xcom_pull(task_ids=PLAN_PARTITIONS, key=PLANNING_SUMMARY_KEY),
            *(task_summary(ti, SYNC_MESSAGES, index) for index in range(len(planned))),
            task_summary(ti, FINISH_MESSAGES),
        ]
    )


#: How long one deliver task may spend sending; what is left waits for the next run.
DELIVERY_BUDGET_SECONDS = 120.0


def queue_alerts_from_context(
    conn_id: str, routes: tuple[AlertRoute, ...], run_plan: dict[str, Any] | None
) -> dict[str, int]:
    """Queue the findings this run landed in the outbox (nothing when the plan failed)."""
    from openai_connector.alerts.outbox import queue_alerts

    if run_plan is None:
        return {}
    plan = RunPlan.from_dict(run_plan)
    return queue_alerts(
        catalog_store(),
        routes,
        run_id=plan.run_id,
        workspace_id=plan.workspace_id,
        conn_id=conn_id,
        workspace_name=OpenAIComplianceHook(conn_id).settings.display_name,
    )


def deliver_alerts_from_context(
    conn_id: str, routes: tuple[AlertRoute, ...]
) -> dict[str, dict[str, int]]:
    """Deliver what the outbox holds for this workspace; a destination that is down is
    recorded in the outbox and retried by the next run, never raised."""
    import time

    from openai_connector.alerts.delivery import deliver_alerts
    from openai_connector.hooks.alert_destination import AlertDestinationHook

    def send(route: AlertRoute, message: Message) -> None:
        AlertDestinationHook(route.destination, route.format).deliver(message)

    return deliver_alerts(
        catalog_store(),
        routes,
        send,
        workspace_id=OpenAIComplianceHook(conn_id).settings.workspace_id,
        airflow_url=airflow_base_url(),
        deadline=time.monotonic() + DELIVERY_BUDGET_SECONDS,
    )


def airflow_base_url() -> str:
    """Where Airflow's UI is served (``[api] base_url``), for the links alerts carry."""
    from airflow.sdk.configuration import conf

    return conf.get("api", "base_url", fallback="") or ""
