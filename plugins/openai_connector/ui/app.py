"""The DLP page: the reporting package's HTML, for authenticated Airflow users only.

Mounted by :mod:`.plugin` under ``/openai-connector``. Authentication is Airflow's own
(``get_user``: the UI's session cookie or a bearer token), so the page is as private as the
rest of the UI; it only ever shows masked values.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from airflow.api_fastapi.core_api.security import get_user
from fastapi import Depends, FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from openai_connector.ui.plugin import PAGE_PATH

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

    return app


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
    )


def airflow_ui_path() -> str:
    """The path Airflow's UI is served under (``[api] base_url``), so DAG links work behind a
    reverse proxy that serves Airflow at ``/airflow/`` as well as at the root."""
    from airflow.configuration import conf

    return urlsplit(conf.get("api", "base_url", fallback="") or "").path.rstrip("/")
