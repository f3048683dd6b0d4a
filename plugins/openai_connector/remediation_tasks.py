"""Glue between the remediation DAG's task context and ``openai_connector.remediation``.

Imported inside task code (never at parse time). It reads the trigger form, names who
triggered the run for the audit table, and turns a refused or incomplete run into a failed
task whose message says why; the decisions themselves live in the remediation package.
"""

from __future__ import annotations

import logging
from typing import Any

from airflow.sdk.exceptions import AirflowFailException

from openai_connector.dag_tasks import catalog_store
from openai_connector.hooks.compliance import OpenAIComplianceHook
from openai_connector.remediation import CriteriaError, RemediationError, Request, remediate
from openai_connector.remediation.report import describe

log = logging.getLogger(__name__)


def triggered_by(dag_run: Any) -> str:
    """Who asked, as Airflow knows it: the triggering user and the kind of run."""
    user = getattr(dag_run, "triggering_user_name", None) or "unknown user"
    run_type = getattr(dag_run.run_type, "value", dag_run.run_type)
    return f"airflow:{user} ({run_type} run {dag_run.run_id})"


def remediate_from_context(conn_id: str, context: dict[str, Any]) -> dict[str, Any]:
    """Run the remediation the form asked for; fail the task if it was refused or incomplete."""
    dag_run = context["dag_run"]
    try:
        request = Request.from_params(
            context["params"],
            run_id=f"{conn_id}/remediate/{dag_run.run_id}",
            triggered_by=triggered_by(dag_run),
        )
    except (CriteriaError, TypeError, ValueError) as exc:
        raise AirflowFailException(f"Invalid remediation parameters: {exc}") from None
    hook = OpenAIComplianceHook(conn_id)
    try:
        result = remediate(
            request, settings=hook.settings, store=catalog_store(), client_factory=hook.get_conn
        )
    except RemediationError as exc:
        raise AirflowFailException(f"Remediation refused: {exc}") from None
    for line in describe(result):
        log.info("%s", line)
    if result.failed:
        raise AirflowFailException(
            f"{len(result.failed)} of {len(result.plan.targets)} targets failed (see the "
            "remediation_actions table); trigger again to retry them, nothing is deleted twice."
        )
    return result.summary()
