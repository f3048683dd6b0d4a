"""Glue between Airflow's task context and the pipeline: the only place that reads the context.

Imported inside task code (never at parse time), so it may import the heavy pipeline modules,
and quiets the libraries' INFO chatter for the task logs it is imported into.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from airflow.sdk.api.datamodels._generated import DagRunType
from airflow.sdk.exceptions import AirflowFailException

from openai_connector.alerts.causes import failure_cause
from openai_connector.api.errors import InvalidSettingsError
from openai_connector.catalog import CatalogStore
from openai_connector.hooks.catalog import CatalogHook
from openai_connector.hooks.compliance import OpenAIComplianceHook
from openai_connector.logs import quiet_library_loggers
from openai_connector.pipeline.job import MESSAGES_STREAM, RunPlan, WorkspaceJob
from openai_connector.pipeline.steps import STEP_FUNCTIONS, STEPS, record_run
from openai_connector.pipeline.window import WindowError, resolve_window
from openai_connector.policy import Policy, PolicyError, policy_classifier, policy_for_workspace
from openai_connector.workspaces import WorkspaceEntry

if TYPE_CHECKING:
    from openai_connector.alerts.model import Message
    from openai_connector.alerts.routes import AlertRoute

log = logging.getLogger(__name__)
quiet_library_loggers()


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
    if dag_run.run_type == DagRunType.BACKFILL:
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
    )
    log.info(
        "Plan for %s: %s run, records after %s until %s",
        settings.display_name,
        plan.mode,
        plan.after,
        plan.until or "now",
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


def job_for(conn_id: str, run_plan: dict[str, Any]) -> WorkspaceJob:
    hook = OpenAIComplianceHook(conn_id)
    plan = RunPlan.from_dict(run_plan)
    policy = Policy.from_dict(plan.policy) if plan.policy else Policy.default()
    return WorkspaceJob(
        plan=plan,
        settings=hook.settings,
        catalog=catalog_store(),
        client_factory=hook.get_conn,
        classifier_factory=partial(policy_classifier, policy),
    )


#: XCom key of the partial summary a failed step leaves for the run record.
PARTIAL_SUMMARY_KEY = "partial_summary"


def run_step(conn_id: str, run_plan: dict[str, Any], step: str, context: dict[str, Any]) -> Any:
    """Run one pipeline step; if it fails, leave what it did (counts, API calls, retries) in
    XCom first, so the ``runs`` row of a failed run still shows the faults it met."""
    job = job_for(conn_id, run_plan)
    try:
        return STEP_FUNCTIONS[step](job)
    except Exception as exc:
        summary = {**job.summary(failed=True), "cause": failure_cause(exc, step)}
        context["ti"].xcom_push(key=PARTIAL_SUMMARY_KEY, value=summary)
        raise


def record_run_from_context(
    conn_id: str, run_plan: dict[str, Any] | None, context: dict[str, Any]
) -> dict[str, Any]:
    """Write the ``runs`` row whatever happened, then fail the DAG run if a step failed."""
    if run_plan is None:
        raise AirflowFailException("The plan task failed; nothing was extracted.")
    ti = context["ti"]
    summaries = {
        step: ti.xcom_pull(task_ids=step) or ti.xcom_pull(task_ids=step, key=PARTIAL_SUMMARY_KEY)
        for step in STEPS
    }
    result = record_run(job_for(conn_id, run_plan), summaries, dag_run_id=context["dag_run"].run_id)
    if result["outcome"] != "success":
        raise AirflowFailException(f"Run recorded as {result['outcome']}: {result['records']}")
    return result


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
