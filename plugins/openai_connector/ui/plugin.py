"""The Airflow plugin: a FastAPI app under ``/openai-connector``, a "DLP" nav entry and the
connection-test fix of :mod:`.connection_test`.

Airflow loads plugins in each of its components, so this module imports only Airflow's plugin
base, the stdlib and small stdlib-only project modules (links, the middleware, the provider's
constants; ``tests/test_imports.py`` holds the list): the app is built on its first request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from airflow.plugins_manager import AirflowPlugin

from openai_connector.links import PAGE_PATH, URL_PREFIX
from openai_connector.ui.connection_test import HiddenPortMiddleware

__all__ = ["PAGE_PATH", "URL_PREFIX", "LazyApp", "OpenAIConnectorPlugin"]

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class LazyApp:
    """An ASGI app that imports and builds the real one when the first request arrives."""

    def __init__(self) -> None:
        self._app: Callable[[Scope, Receive, Send], Awaitable[None]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._app is None:
            from openai_connector.ui.app import create_app

            self._app = create_app()
        await self._app(scope, receive, send)


class OpenAIConnectorPlugin(AirflowPlugin):
    """Registers the DLP page and the Test-button fix; the connection type itself comes from
    the provider entry point."""

    name = "openai_connector"
    fastapi_apps = [{"app": LazyApp(), "url_prefix": URL_PREFIX, "name": "OpenAI Connector DLP"}]
    fastapi_root_middlewares = [{"middleware": HiddenPortMiddleware, "name": "hidden port"}]
    external_views = [
        {
            "name": "DLP",
            "href": URL_PREFIX + PAGE_PATH,
            "url_route": "openai-connector-dlp",
            "destination": "nav",
            "nav_top_level": True,
        }
    ]
