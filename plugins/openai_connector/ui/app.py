"""The DLP page: the reporting package's HTML, for authenticated Airflow users only.

Mounted by :mod:`.plugin` under ``/openai-connector``. Authentication is Airflow's own
(``get_user``: the UI's session cookie or a bearer token), so the page is as private as the
rest of the UI; it only ever shows masked values.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlencode, urlsplit

from airflow.api_fastapi.core_api.security import get_user
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from openai_connector.ui.plugin import PAGE_PATH, URL_PREFIX
from openai_connector.ui.remediate import remediation_router

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogStore
    from openai_connector.reporting import WorkspaceRef
    from openai_connector.reporting.explorer import FindingFilter
    from openai_connector.reporting.explorer_html import ExplorerLinks

log = logging.getLogger(__name__)
REPORT_FILE = "openai-connector-dlp-report.html"
#: The one answer for a workspace the page does not show: the same for a missing connection,
#: another type's connection and a broken one, so the page reveals nothing about connections.
NO_SUCH_WORKSPACE = "no such workspace"
Workspace = Annotated[str | None, Query(description="only this workspace connection id")]


def create_app() -> FastAPI:
    """The app; every route depends on an authenticated user."""
    app = FastAPI(
        title="OpenAI Connector DLP",
        dependencies=[Depends(get_user)],
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.include_router(remediation_router(airflow_ui_path()))

    @app.get(PAGE_PATH, response_class=HTMLResponse)
    async def dlp_page(workspace: Workspace = None) -> HTMLResponse:
        query = f"?{urlencode({'workspace': workspace})}" if workspace else ""
        download = f"{PAGE_PATH.strip('/')}/{REPORT_FILE}{query}"
        page = await run_in_threadpool(_render, workspace, download)
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    @app.get(f"{PAGE_PATH}/{REPORT_FILE}")
    async def report_file(workspace: Workspace = None) -> Response:
        page = await run_in_threadpool(_render, workspace, None)
        return Response(
            page,
            media_type="text/html",
            headers={
                "Content-Disposition": f'attachment; filename="{REPORT_FILE}"',
                "Cache-Control": "no-store",
            },
        )

    @app.get(f"{PAGE_PATH}/findings", response_class=HTMLResponse)
    async def findings_page(request: Request, workspace: Workspace = None) -> HTMLResponse:
        params = dict(request.query_params)
        page = await run_in_threadpool(_render_findings, workspace, params)
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    @app.get(f"{PAGE_PATH}/findings.{{kind}}")
    async def findings_export(request: Request, kind: str, workspace: Workspace = None) -> Response:
        if kind not in EXPORTS:
            raise HTTPException(404, "export as csv or json")
        params = dict(request.query_params)
        body = await run_in_threadpool(_export_findings, workspace, params, kind)
        name = f"findings-{workspace or 'workspace'}.{kind}"
        return Response(
            body,
            media_type=EXPORTS[kind],
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )

    @app.get(f"{PAGE_PATH}/conversations/{{conversation_id}}", response_class=HTMLResponse)
    async def conversation_page(conversation_id: str, workspace: Workspace = None) -> HTMLResponse:
        page = await run_in_threadpool(_render_conversation, workspace, conversation_id)
        return HTMLResponse(page, headers={"Cache-Control": "no-store"})

    return app


EXPORTS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _explorer_scope(
    conn_id: str | None,
) -> tuple[CatalogStore, WorkspaceRef, list[WorkspaceRef], ExplorerLinks]:
    """The catalog, the explored workspace (an enrolled one: the first when none is named),
    every enrolled workspace for the form, and the explorer's links. Any other name gets
    the page's one neutral 404."""
    from openai_connector.hooks.catalog import CatalogHook
    from openai_connector.reporting.explorer_html import ExplorerLinks
    from openai_connector.ui.workspaces import (
        UnknownWorkspaceError,
        enrolled_conn_ids,
        workspace_ref,
    )

    refs = []
    for enrolled_id in enrolled_conn_ids():
        try:
            refs.append(workspace_ref(enrolled_id))
        except UnknownWorkspaceError as exc:
            log.warning("DLP explorer: skipping %s", exc)
    ref = next((r for r in refs if conn_id in (None, r.conn_id)), None)
    if ref is None:
        log.info("DLP explorer: no enrolled workspace %r", conn_id)
        raise HTTPException(404, NO_SUCH_WORKSPACE)
    base = airflow_ui_path()
    links = ExplorerLinks(page=f"{base}{URL_PREFIX}{PAGE_PATH}", airflow_url=base, ref=ref)
    store = CatalogHook().get_conn()
    return store, ref, refs, links


def _filter(ref: WorkspaceRef, params: dict[str, str]) -> FindingFilter:
    from openai_connector.reporting.explorer import FilterError, FindingFilter

    try:
        return FindingFilter.from_params(ref.workspace_id, params)
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from None


def _render_findings(conn_id: str | None, params: dict[str, str]) -> str:
    from openai_connector.reporting.explorer import WorkspaceTables, facets, findings_page
    from openai_connector.reporting.explorer_html import render_findings

    store, ref, refs, links = _explorer_scope(conn_id)
    try:
        offset = int(params.get("offset") or 0)
    except ValueError:
        raise HTTPException(400, "offset: not a number") from None
    tables = WorkspaceTables(store, ref.workspace_id)
    page = findings_page(tables, _filter(ref, params), offset)
    return render_findings(page, facets(tables, ref.workspace_id), links, refs)


def _export_findings(conn_id: str | None, params: dict[str, str], kind: str) -> str:
    from openai_connector.reporting.explorer import WorkspaceTables, export_rows
    from openai_connector.reporting.explorer_html import findings_csv, findings_json

    store, ref, _, _ = _explorer_scope(conn_id)
    rows = export_rows(WorkspaceTables(store, ref.workspace_id), _filter(ref, params))
    return findings_csv(rows) if kind == "csv" else findings_json(rows)


def _render_conversation(conn_id: str | None, conversation_id: str) -> str:
    from openai_connector.reporting.explorer import (
        FilterError,
        WorkspaceTables,
        conversation_view,
    )
    from openai_connector.reporting.explorer_html import render_conversation

    store, ref, _, links = _explorer_scope(conn_id)
    try:
        tables = WorkspaceTables(store, ref.workspace_id, conversation_id)
        view = conversation_view(tables, ref.workspace_id, conversation_id)
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from None
    if view is None:
        raise HTTPException(404, "no such conversation in this workspace")
    return render_conversation(view, links)


def _render(conn_id: str | None, download_href: str | None) -> str:
    """Read the catalog (blocking: duckdb and pyiceberg) and render the page."""
    from openai_connector.hooks.catalog import CatalogHook
    from openai_connector.reporting import collect, render_html
    from openai_connector.ui.workspaces import UnknownWorkspaceError, report_workspaces

    store = CatalogHook().get_conn()
    try:
        workspaces = report_workspaces(store, conn_id)
    except UnknownWorkspaceError as exc:
        log.info("DLP page: %s", exc)
        raise HTTPException(404, NO_SUCH_WORKSPACE) from None
    return render_html(
        collect(store, workspaces),
        title="OpenAI Compliance - DLP",
        airflow_url=airflow_ui_path(),
        download_href=download_href,
        explorer_page=f"{airflow_ui_path()}{URL_PREFIX}{PAGE_PATH}" if download_href else None,
    )


def airflow_ui_path() -> str:
    """The path Airflow's UI is served under (``[api] base_url``), so DAG links work behind a
    reverse proxy that serves Airflow at ``/airflow/`` as well as at the root."""
    from airflow.configuration import conf

    return urlsplit(conf.get("api", "base_url", fallback="") or "").path.rstrip("/")
