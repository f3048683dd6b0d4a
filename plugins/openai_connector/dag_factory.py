"""One DAG per enrolled workspace, built from the ``openai_compliance_workspaces`` Variable.

This module is imported at every DAG parse, so it imports only Airflow's SDK, the stdlib and
the small stdlib-only modules the DAGs are declared from (workspace entries and their alert
routes, DAG ids, constants, the run-failure notifier; ``tests/test_imports.py`` holds the list).
Task code imports the rest (API client, pipeline, catalog, classifier) when it runs, on the worker.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import (
    DAG,
    Asset,
    CronDataIntervalTimetable,
    Param,
    TriggerRule,
    Variable,
    get_parsing_context,
    task,
)

from openai_connector.constants import (
    REMEDIATION_MAX_DELETIONS,
    REMEDIATION_MIN_SEVERITY,
    SEVERITY_RANK,
)
from openai_connector.links import TARGETS_PARAM, remediation_dag_id
from openai_connector.notifications import RunFailureNotifier
from openai_connector.workspaces import (
    WORKSPACES_VARIABLE,
    WorkspaceEntry,
    WorkspaceListError,
    parse_workspace_list,
)

log = logging.getLogger(__name__)

#: Tables a run lands; each becomes an Asset so downstream DAGs can be scheduled on them.
LANDED_TABLES = (
    "conversations",
    "messages",
    "files",
    "findings",
    "users",
    "gpts",
    "projects",
    "events",
    "codex_turns",
    "agent_messages",
    "runs",
)

DOC_MD = """
### ChatGPT Enterprise workspace `{conn_id}`

Pulls what is new from OpenAI's Compliance API, classifies it for PII and secrets with
Presidio, and upserts it into the catalog (Iceberg tables: {tables}).

* **Scheduled runs** continue from the stored watermark (first run: {lookback_days} days back).
* **Trigger with `since`/`until`** to re-extract exactly that window in one run; the
  scheduled watermark never moves backwards.
* **Run Backfill** makes one run per schedule interval in From/To (hourly: 720 runs for 30
  days), each extracting its own interval; `since`/`until` are ignored there.
* `users` limits a window to some users, `reclassify` re-scans what is already cataloged,
  `include_files` fetches file content (chat uploads live 48 hours).
* Messages are extracted in up to {partitions} partitions (`sync_messages` is mapped over the
  log-file ranges `plan_partitions` lists), which the executor spreads over its workers; they
  share the API key's rate limits, and the watermark moves only when all of them have landed.
"""


def workspace_params() -> dict[str, Param]:
    """The trigger form of every workspace DAG."""
    return {
        "since": Param(
            None,
            type=["null", "string"],
            format="date-time",
            title="Since",
            description=(
                "Start of an explicit window (UTC). Empty: continue from the watermark. "
                "Ignored in a backfill: each backfill run extracts its own From/To interval."
            ),
        ),
        "until": Param(
            None,
            type=["null", "string"],
            format="date-time",
            title="Until",
            description=(
                "End of the window (UTC, exclusive). Empty: up to now. Ignored in a backfill, "
                "like Since. One window run is the quick way to re-extract a period: a backfill "
                "of an hourly DAG makes one run per hour (720 for 30 days)."
            ),
        ),
        "users": Param(
            [],
            type=["null", "array"],
            items={"type": "string"},
            title="Users",
            description="Only these user ids or e-mails (window runs). Empty: everyone.",
        ),
        "reclassify": Param(
            False,
            type="boolean",
            title="Re-classify",
            description=(
                "Replace the findings of the records this run extracts (after a policy or "
                "recognizer change). Off: new findings are added, earlier ones kept."
            ),
        ),
        "include_files": Param(
            True,
            type="boolean",
            title="Include files",
            description="Fetch and scan file content referenced by messages, GPTs and projects.",
        ),
    }


def table_asset(conn_id: str, table: str) -> Asset:
    return Asset(
        name=f"openai_compliance__{conn_id}__{table}",
        uri=f"iceberg://openai_compliance/{table}?workspace={conn_id}",
        group="openai_compliance",
    )


#: Longest a task may run before Airflow fails it (and retries): each text's analysis is
#: bounded by the classifier's time budget, so only a stuck call or a huge window gets here.
TASK_TIMEOUT = timedelta(hours=6)


def build_workspace_dag(entry: WorkspaceEntry) -> DAG:
    """The extraction DAG of one workspace: plan → inventory, message partitions → files →
    record."""
    conn_id = entry.conn_id
    default_args: dict[str, Any] = {
        "owner": "security-engineering",
        "retries": entry.retries,
        "retry_delay": timedelta(minutes=2),
        "retry_exponential_backoff": True,
        "pool": entry.pool_name,
        "execution_timeout": TASK_TIMEOUT,
    }
    failure_routes = tuple(route for route in entry.alerts if route.run_failures)
    with DAG(
        dag_id=entry.dag_id,
        on_failure_callback=RunFailureNotifier(conn_id, failure_routes) if failure_routes else None,
        schedule=CronDataIntervalTimetable(entry.schedule, timezone="UTC"),
        start_date=datetime(2026, 1, 1, tzinfo=UTC),
        catchup=False,
        max_active_runs=1,
        # Inventory beside every message partition; each partition's client takes its share of
        # the key's rate limits (OpenAI's limits are per key), so this bounds the key's load.
        max_active_tasks=entry.partitions + 1,
        default_args=default_args,
        params=workspace_params(),
        tags=["openai-compliance", "dlp", conn_id],
        doc_md=DOC_MD.format(
            conn_id=conn_id,
            tables=", ".join(LANDED_TABLES),
            lookback_days=30,
            partitions=entry.partitions,
        ),
        description=f"DLP extraction of ChatGPT Enterprise workspace {conn_id}",
    ) as dag:

        @task(task_id="plan")
        def plan(**context: Any) -> dict[str, Any]:
            from openai_connector.dag_tasks import plan_from_context

            return plan_from_context(entry, context)

        @task(task_id="sync_inventory")
        def sync_inventory(run_plan: dict[str, Any], **context: Any) -> dict[str, Any]:
            from openai_connector.dag_tasks import run_step

            return run_step(conn_id, run_plan, "sync_inventory", context)

        @task(task_id="plan_partitions")
        def plan_partitions(run_plan: dict[str, Any], **context: Any) -> list[dict[str, Any]]:
            from openai_connector.dag_tasks import plan_partitions_from_context

            return plan_partitions_from_context(conn_id, run_plan, context)

        @task(task_id="sync_messages")
        def sync_messages(
            run_plan: dict[str, Any], partition: dict[str, Any], **context: Any
        ) -> dict[str, Any]:
            from openai_connector.dag_tasks import sync_partition_from_context

            return sync_partition_from_context(conn_id, run_plan, partition, context)

        @task(task_id="finish_messages")
        def finish_messages(
            run_plan: dict[str, Any], partition_summaries: list[dict[str, Any]], **context: Any
        ) -> dict[str, Any]:
            from openai_connector.dag_tasks import finish_messages_from_context

            return finish_messages_from_context(conn_id, run_plan, partition_summaries, context)

        @task(task_id="sync_files")
        def sync_files(run_plan: dict[str, Any], **context: Any) -> dict[str, Any]:
            from openai_connector.dag_tasks import run_step

            return run_step(conn_id, run_plan, "sync_files", context)

        @task(
            task_id="record_run",
            trigger_rule=TriggerRule.ALL_DONE,
            outlets=[table_asset(conn_id, table) for table in LANDED_TABLES],
        )
        def record_run(run_plan: dict[str, Any] | None, **context: Any) -> dict[str, Any]:
            from openai_connector.dag_tasks import record_run_from_context

            return record_run_from_context(conn_id, run_plan, context)

        # TaskFlow passes an XComArg's value for any parameter, but Airflow types a task's
        # call with the function's own parameters: hence the ignores.
        run_plan = plan()
        inventory = sync_inventory(run_plan)  # type: ignore[arg-type]
        partitions = sync_messages.partial(run_plan=run_plan).expand(
            partition=plan_partitions(run_plan)  # type: ignore[arg-type]
        )
        messages = finish_messages(run_plan, partitions)  # type: ignore[arg-type]
        files = sync_files(run_plan)  # type: ignore[arg-type]
        [inventory, messages] >> files
        files >> record_run(run_plan)  # type: ignore[arg-type]
        if entry.alerts:
            files >> add_alert_tasks(entry, run_plan)
    return dag


def add_alert_tasks(entry: WorkspaceEntry, run_plan: Any) -> Any:
    """``queue_alerts`` → ``deliver_alerts``, beside the run record: both run whatever the
    steps did (what landed is alerted on), and delivery never fails for a destination."""
    conn_id, routes = entry.conn_id, entry.alerts

    @task(task_id="queue_alerts", trigger_rule=TriggerRule.ALL_DONE)
    def queue_alerts(run_plan: dict[str, Any] | None) -> dict[str, int]:
        from openai_connector.dag_tasks import queue_alerts_from_context

        return queue_alerts_from_context(conn_id, routes, run_plan)

    @task(
        task_id="deliver_alerts",
        trigger_rule=TriggerRule.ALL_DONE,
        retries=2,
        retry_delay=timedelta(seconds=30),
        retry_exponential_backoff=True,
        execution_timeout=timedelta(minutes=5),
    )
    def deliver_alerts() -> dict[str, dict[str, int]]:
        from openai_connector.dag_tasks import deliver_alerts_from_context

        return deliver_alerts_from_context(conn_id, routes)

    queued = queue_alerts(run_plan)
    queued >> deliver_alerts()
    return queued


REMEDIATION_DOC_MD = """
### Remediation of ChatGPT Enterprise workspace `{conn_id}` (manual only)

Deletes, through the Compliance API, what the catalog's findings select: conversations, user
files and GPT/project knowledge files with findings at or above `min_severity` (optionally of
`entity_types` only, or only the listed `targets`), and un-shares public GPTs and projects that
hold credentials. **Deleted data cannot be recovered.**

* Runs are **dry runs** by default: the plan lands in the `remediation_actions` table and
  nothing is deleted. Review it, then trigger again with `dry_run` off.
* Executing requires `confirm` to be the workspace's display name, exactly; more targets than
  `max_deletions` stops the run before any DELETE; the key must hold the `delete` scope.
* Every target and outcome is recorded in `remediation_actions`; a re-run never deletes twice.
"""


def remediation_params() -> dict[str, Param]:
    """The trigger form of every remediation DAG: a dry run unless told otherwise."""
    return {
        "dry_run": Param(
            True,
            type="boolean",
            title="Dry run",
            description="On: write the plan to remediation_actions and delete nothing.",
        ),
        "confirm": Param(
            "",
            type=["null", "string"],
            title="Confirm (workspace name)",
            description=(
                "To execute (dry run off): type the workspace's display name exactly. "
                "Anything else deletes nothing."
            ),
        ),
        "min_severity": Param(
            REMEDIATION_MIN_SEVERITY,
            type="string",
            enum=list(SEVERITY_RANK),
            title="Minimum severity",
            description="Objects with findings at or above this severity are selected.",
        ),
        "entity_types": Param(
            [],
            type=["null", "array"],
            items={"type": "string"},
            title="Entity types",
            description="Only findings of these types (e.g. OPENAI_API_KEY). Empty: all types.",
        ),
        TARGETS_PARAM: Param(
            [],
            type=["null", "array"],
            items={"type": "string"},
            title="Targets",
            description="Only these conversation, file, GPT or project ids. Empty: all selected.",
        ),
        "max_deletions": Param(
            REMEDIATION_MAX_DELETIONS,
            type="integer",
            minimum=0,
            title="Maximum deletions",
            description="More targets than this stops the run before anything is deleted.",
        ),
    }


def build_remediation_dag(entry: WorkspaceEntry) -> DAG:
    """The manual-only remediation DAG of one workspace: one task, every gate inside it."""
    conn_id = entry.conn_id
    with DAG(
        dag_id=remediation_dag_id(conn_id),
        schedule=None,
        start_date=datetime(2026, 1, 1, tzinfo=UTC),
        catchup=False,
        max_active_runs=1,
        default_args={
            "owner": "security-engineering",
            "retries": 0,
            "pool": entry.pool_name,
            "execution_timeout": TASK_TIMEOUT,
        },
        params=remediation_params(),
        tags=["openai-compliance", "dlp", "remediation", conn_id],
        doc_md=REMEDIATION_DOC_MD.format(conn_id=conn_id),
        description=f"Policy-driven deletion in ChatGPT Enterprise workspace {conn_id}",
    ) as dag:

        @task(task_id="remediate")
        def remediate(**context: Any) -> dict[str, Any]:
            from openai_connector.remediation_tasks import remediate_from_context

            return remediate_from_context(conn_id, context)

        remediate()
    return dag


def load_workspace_entries() -> list[WorkspaceEntry]:
    """Read the workspace list; a malformed value builds no DAG and logs why."""
    raw = Variable.get(WORKSPACES_VARIABLE, default=None)
    try:
        return parse_workspace_list(raw)
    except WorkspaceListError as exc:
        log.error("No OpenAI Compliance DAGs built: %s", exc)
        return []


def build_workspace_dags() -> dict[str, DAG]:
    """All workspace and remediation DAGs, keyed by DAG id (only the one a worker asks for,
    when it asks)."""
    wanted = get_parsing_context().dag_id
    dags: dict[str, DAG] = {}
    for entry in load_workspace_entries():
        builders = (
            (entry.dag_id, build_workspace_dag),
            (remediation_dag_id(entry.conn_id), build_remediation_dag),
        )
        for dag_id, build in builders:
            if not wanted or wanted == dag_id:
                dags[dag_id] = build(entry)
    return dags
