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
from collections.abc import Sequence
from html import escape
from typing import Annotated

from airflow.api_fastapi.auth.managers.models.resource_details import DagAccessEntity
from airflow.api_fastapi.core_api.security import GetUserDep, requires_access_dag
from fastapi import APIRouter, Depends, Form, HTTPException, Query
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from openai_connector.constants import SEVERITY_RANK
from openai_connector.links import REMEDIATE_PATH, TARGETS_PARAM, dag_run_url, dag_url

_REMEDIATION_DAG = re.compile(r"^openai_compliance_remediate__[A-Za-z0-9_.-]{1,200}$")
_TARGET = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")
_ENTITY = re.compile(r"^[A-Z0-9_]{1,80}$")
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
    async def form(
        dag_id: str,
        targets: Annotated[Targets, Query()] = [],  # noqa: B006
        min_severity: Annotated[str | None, Query()] = None,
        entity_types: Annotated[Targets, Query()] = [],  # noqa: B006
    ) -> HTMLResponse:
        _check(dag_id, targets, min_severity, entity_types)
        selected = await run_in_threadpool(_selected, dag_id, targets, min_severity, entity_types)
        items = "".join(f"<li><code>{escape(t)}</code></li>" for t in targets)
        narrowing = {"min_severity": [min_severity] if min_severity else [],
                     "entity_types": entity_types}  # fmt: skip
        hidden = "".join(
            f'<input type="hidden" name="{name}" value="{escape(value)}">'
            for name, values in {TARGETS_PARAM: targets, **narrowing}.items()
            for value in values
        )
        scope = f" at severity {escape(min_severity)} or above" if min_severity else ""
        if entity_types:
            scope += f", of types {escape(', '.join(entity_types))}"
        page = (
            f"<!doctype html><meta charset=utf-8><title>Remediation dry run</title>"
            f"<style>{_CSS}</style><h1>Dry run of <code>{escape(dag_id)}</code></h1>"
            f"<p>Plans the remediation of these {len(targets)} targets{scope} and writes the "
            f"plan to <code>remediation_actions</code>; nothing is deleted.</p><ul>{items}</ul>"
            f"{selected}"
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
        min_severity: Annotated[str | None, Form()] = None,
        entity_types: Annotated[Targets, Form()] = [],  # noqa: B006
    ) -> RedirectResponse:
        _check(dag_id, targets, min_severity, entity_types)
        narrowing: dict[str, object] = {"min_severity": min_severity} if min_severity else {}
        if entity_types:
            narrowing["entity_types"] = entity_types
        run_id = await run_in_threadpool(
            _trigger_dry_run, dag_id, targets, user.get_name(), narrowing
        )
        return RedirectResponse(dag_run_url(ui_path, dag_id, run_id), status_code=303)

    return router


def _check(
    dag_id: str,
    targets: Targets,
    min_severity: str | None = None,
    entity_types: Sequence[str] = (),
) -> None:
    if not _REMEDIATION_DAG.match(dag_id):
        raise HTTPException(404, "not a remediation DAG")
    if not targets or len(targets) > MAX_TARGETS or not all(_TARGET.match(t) for t in targets):
        raise HTTPException(400, f"targets must be 1 to {MAX_TARGETS} object ids")
    if min_severity is not None and min_severity not in SEVERITY_RANK:
        raise HTTPException(400, f"min_severity must be one of {', '.join(SEVERITY_RANK)}")
    if not all(_ENTITY.match(e) for e in entity_types):
        raise HTTPException(400, "entity_types must be entity type names")


def _selected(
    dag_id: str, targets: Targets, min_severity: str | None, entity_types: Targets
) -> str:
    """What the dry run would select now, read from the catalog (no API call): the count
    and each target's severity, entity types and masked previews."""
    from openai_connector.hooks.catalog import CatalogHook
    from openai_connector.remediation import Criteria
    from openai_connector.remediation.selection import select_targets
    from openai_connector.ui.workspaces import UnknownWorkspaceError, workspace_ref

    conn_id = dag_id.removeprefix("openai_compliance_remediate__")
    try:
        workspace_id = workspace_ref(conn_id).workspace_id
    except UnknownWorkspaceError:
        return "<p>What it would select cannot be shown: the workspace is not enrolled.</p>"
    criteria = Criteria.from_values(min_severity, entity_types, targets)
    plan = select_targets(CatalogHook().get_conn(), workspace_id, criteria)
    rows = "".join(
        f"<li><code>{escape(t.target_type)} {escape(t.target_id)}</code> "
        f"[{escape(t.highest_severity)}] {escape(', '.join(t.entity_types))}: "
        f"<code>{escape(', '.join(t.previews[:3]))}</code></li>"
        for t in plan.targets
    )
    notes = f"; {len(plan.skipped)} skipped" if plan.skipped else ""
    if plan.unmatched:
        notes += f"; {len(plan.unmatched)} listed ids select nothing"
    return (
        f'<p id="selected">A dry run with these values selects <b>{len(plan.targets)}</b> '
        f"targets now{notes}:</p><ul>{rows}</ul>"
    )


def _trigger_dry_run(
    dag_id: str, targets: Targets, user_name: str, narrowing: dict[str, object]
) -> str:
    from airflow.api.common.trigger_dag import trigger_dag
    from airflow.exceptions import DagNotFound
    from airflow.utils.types import DagRunTriggeredByType

    try:
        run = trigger_dag(
            dag_id,
            triggered_by=DagRunTriggeredByType.UI,
            triggering_user_name=user_name,
            conf={"dry_run": True, TARGETS_PARAM: targets, **narrowing},
            note="Dry run started from a DLP alert",
        )
    except DagNotFound:
        raise HTTPException(404, "not a remediation DAG") from None
    if run is None:
        raise HTTPException(409, "the DAG did not start a run")
    return run.run_id
