"""What security teams read: per-workspace DLP figures from the catalog, rendered as HTML.

The same data and renderer serve the DLP page inside the Airflow UI and the offline
``openai-connector report`` file. Airflow-free; duckdb and pyiceberg load only when a
report is collected.
"""

from openai_connector.reporting.html import render_html
from openai_connector.reporting.model import Report, WorkspaceRef, WorkspaceReport
from openai_connector.reporting.queries import catalog_workspace_ids, collect

__all__ = [
    "Report",
    "WorkspaceRef",
    "WorkspaceReport",
    "catalog_workspace_ids",
    "collect",
    "render_html",
]
