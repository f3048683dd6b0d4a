"""The remediation trigger form an alert links to: the remediation DAG's targets filled in.

Airflow's own UI cannot open its trigger form with values from a URL in 3.3 (the
``/dags/<id>/trigger/single`` route of later releases answers 404), so the plugin serves a
small form: it lists the alert's targets and starts a **dry run** of the workspace's
remediation DAG with them, as the analyst who clicks (Airflow checks their right to trigger
that DAG, as its own trigger endpoint does), then opens the run. Executing stays in Airflow's
form, with its confirmation.
"""

from __future__ import annotations

import re
from html import escape
from typing import Annotated

from airflow.api_fastapi.auth.managers.models.resource_details import DagAccessEntity
from airflow.api_fastapi.core_api.security import GetUserDep, requires_access_dag
from fastapi import APIRouter, Depends, Form, HTTPException, Query
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from openai_connector.links import REMEDIATE_PATH, TARGETS_PARAM, dag_run_url, dag_url

_REMEDIATION_DAG = re.compile(r"^openai_compliance_remediate__[A-Za-z0-9_.-]{1,200}$")
_TARGET = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")
MAX_TARGETS = 500
Targets = list[str]

_CSS = (
    "body{font-family:system-ui,sans-serif;margin:24px;color:#1d2330}"
    "code{background:#f1f3f6;padding:1px 4px;border-radius:3px}"
    "button{font-size:14px;padding:6px 14px;margin-top:12px}"
)


def remediation_router(ui_path: str) -> APIRouter:
    """Routes under the plugin's prefix; ``ui_path`` is where Airflow's UI is served."""
    router = APIRouter()

    @router.get(
        REMEDIATE_PATH + "/{dag_id}",
        response_class=HTMLResponse,
        dependencies=[
            Depends(requires_access_dag(method="GET", access_entity=DagAccessEntity.RUN))
        ],
    )
    async def form(dag_id: str, targets: Annotated[Targets, Query()] = []) -> HTMLResponse:  # noqa: B006
        _check(dag_id, targets)
        items = "".join(f"<li><code>{escape(t)}</code></li>" for t in targets)
        hidden = "".join(
            f'<input type="hidden" name="{TARGETS_PARAM}" value="{escape(t)}">' for t in targets
        )
        page = (
            f"<!doctype html><meta charset=utf-8><title>Remediation dry run</title>"
            f"<style>{_CSS}</style><h1>Dry run of <code>{escape(dag_id)}</code></h1>"
            f"<p>Plans the remediation of these {len(targets)} targets and writes the plan to "
            f"<code>remediation_actions</code>; nothing is deleted.</p><ul>{items}</ul>"
            f'<form method="post">{hidden}<button type="submit">Start dry run</button></form>'
            f'<p><a href="{escape(dag_url(ui_path, dag_id))}" target="_top">The DAG in Airflow'
            "</a>: executing needs its trigger form (dry run off, confirmation).</p>"
        )
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    @router.post(
        REMEDIATE_PATH + "/{dag_id}",
        dependencies=[
            Depends(requires_access_dag(method="POST", access_entity=DagAccessEntity.RUN))
        ],
    )
    async def start(
        dag_id: str,
        user: GetUserDep,
        targets: Annotated[Targets, Form()] = [],  # noqa: B006
    ) -> RedirectResponse:
        _check(dag_id, targets)
        run_id = await run_in_threadpool(_trigger_dry_run, dag_id, targets, user.get_name())
        return RedirectResponse(dag_run_url(ui_path, dag_id, run_id), status_code=303)

    return router


def _check(dag_id: str, targets: Targets) -> None:
    if not _REMEDIATION_DAG.match(dag_id):
        raise HTTPException(404, "not a remediation DAG")
    if not targets or len(targets) > MAX_TARGETS or not all(_TARGET.match(t) for t in targets):
        raise HTTPException(400, f"targets must be 1 to {MAX_TARGETS} object ids")


def _trigger_dry_run(dag_id: str, targets: Targets, user_name: str) -> str:
    from airflow.api.common.trigger_dag import trigger_dag
    from airflow.exceptions import DagNotFound
    from airflow.utils.types import DagRunTriggeredByType

    try:
        run = trigger_dag(
            dag_id,
            triggered_by=DagRunTriggeredByType.UI,
            triggering_user_name=user_name,
            conf={"dry_run": True, TARGETS_PARAM: targets},
            note="Dry run started from a DLP alert",
        )
    except DagNotFound:
        raise HTTPException(404, "not a remediation DAG") from None
    if run is None:
        raise HTTPException(409, "the DAG did not start a run")
    return run.run_id
