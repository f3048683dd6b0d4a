"""Run-failure notifications: an Airflow notifier on each workspace DAG that has alert
routes, telling their destinations that a run failed and why, in one sentence.

Built at DAG parse time, so this module imports Airflow's SDK, the stdlib and the alert routes
only; the catalog and the http provider are imported when a run has failed.
"""

from __future__ import annotations

import logging
from typing import Any

from airflow.sdk import BaseNotifier

from openai_connector.alerts.routes import AlertRoute

log = logging.getLogger(__name__)


class RunFailureNotifier(BaseNotifier):
    """``on_failure_callback`` of a workspace DAG: posts the cause to each route that wants
    run failures. A destination that cannot be reached is logged, never raised."""

    def __init__(self, conn_id: str, routes: tuple[AlertRoute, ...]) -> None:
        super().__init__()
        self.conn_id = conn_id
        self.routes = routes

    def render_template_fields(self, context: Any, jinja_env: Any = None) -> None:
        """Nothing to render: this notifier has no templated fields. (Under ``dag.test()``
        the callback context carries the serialized DAG, which cannot build a Jinja
        environment, so the base class's rendering would fail there.)"""

    def notify(self, context: Any) -> None:
        from openai_connector.alerts.delivery import DeliveryError
        from openai_connector.alerts.formats import FORMATTERS
        from openai_connector.hooks.alert_destination import AlertDestinationHook

        failure = self.describe(context)
        for route in self.routes:
            try:
                message = FORMATTERS[route.format][1](failure)
                AlertDestinationHook(route.destination, route.format).deliver(message)
            except DeliveryError as exc:
                log.warning("Run-failure notification to %s failed: %s", route.destination, exc)

    def describe(self, context: Any) -> Any:
        """The failed run and its cause, read from the ``runs`` row the run wrote."""
        from openai_connector.alerts.model import RunFailure
        from openai_connector.dag_tasks import airflow_base_url
        from openai_connector.links import dag_run_url, dlp_page_url, workspace_dag_id

        dag_run_id = str(context["run_id"])
        dag_id = workspace_dag_id(self.conn_id)
        base = airflow_base_url()
        return RunFailure(
            conn_id=self.conn_id,
            workspace_name=self._workspace_name(),
            dag_id=dag_id,
            dag_run_id=dag_run_id,
            cause=self._cause(dag_run_id),
            run_url=dag_run_url(base, dag_id, dag_run_id),
            dlp_page=dlp_page_url(base, self.conn_id),
        )

    def _workspace_name(self) -> str:
        from openai_connector.hooks.compliance import OpenAIComplianceHook

        try:
            return OpenAIComplianceHook(self.conn_id).settings.display_name
        except Exception:  # a broken connection may be the very cause of the failure
            return self.conn_id

    def _cause(self, dag_run_id: str) -> str:
        from openai_connector.alerts.causes import PLAN_FAILED
        from openai_connector.catalog.operations import run_error
        from openai_connector.dag_tasks import catalog_store

        error = run_error(catalog_store(), f"{self.conn_id}/{dag_run_id}")
        if not error:
            return PLAN_FAILED
        _, _, cause = error.partition(". ")
        return cause or f"The run failed ({error})."
