"""The plugin as Airflow finds it: registered under its entry point, mounting the app and
the DLP page's menu entry, and loading nothing heavy."""

from __future__ import annotations

from importlib.metadata import entry_points

from openai_connector.ui.plugin import PAGE_PATH, URL_PREFIX, OpenAIConnectorPlugin


def test_plugin_is_registered() -> None:
    """What its import loads is checked in ``tests/test_imports.py``."""
    (entry,) = [e for e in entry_points(group="airflow.plugins") if e.name == "openai_connector"]
    assert entry.load() is OpenAIConnectorPlugin
    (app,) = OpenAIConnectorPlugin.fastapi_apps
    (view,) = OpenAIConnectorPlugin.external_views
    assert (app["url_prefix"], view["href"]) == (URL_PREFIX, URL_PREFIX + PAGE_PATH)
