"""Links into Airflow's UI that alerts, the DLP page and reports hand to a security analyst.

Stdlib only, no Airflow import: the alert formatter and the report build these links outside
any Airflow process. ``base_url`` is where Airflow's UI is served (``[api] base_url``, e.g.
``https://airflow.example.com`` or ``https://example.com/airflow``); an empty base gives
server-relative links.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote, urlencode

#: Where the plugin mounts its FastAPI app, and the DLP page inside it.
URL_PREFIX = "/openai-connector"
PAGE_PATH = "/dlp"
#: The plugin's remediation trigger form (Airflow 3.3's UI cannot prefill its own).
REMEDIATE_PATH = "/remediate"
#: The remediation DAG's param that narrows a run to listed ids.
TARGETS_PARAM = "targets"


def workspace_dag_id(conn_id: str) -> str:
    return f"openai_compliance__{conn_id}"


def remediation_dag_id(conn_id: str) -> str:
    return f"openai_compliance_remediate__{conn_id}"


def dlp_page_url(base_url: str, workspace: str | None = None) -> str:
    """The DLP page, narrowed to one workspace connection id when given."""
    url = f"{_root(base_url)}{URL_PREFIX}{PAGE_PATH}"
    return f"{url}?{urlencode({'workspace': workspace})}" if workspace else url


def dag_url(base_url: str, dag_id: str) -> str:
    """A DAG's page in Airflow's UI."""
    return f"{_root(base_url)}/dags/{quote(dag_id, safe='')}"


def dag_run_url(base_url: str, dag_id: str, dag_run_id: str) -> str:
    """One run of a DAG in Airflow's UI."""
    return f"{dag_url(base_url, dag_id)}/runs/{quote(dag_run_id, safe='')}"


def remediation_trigger_url(
    base_url: str,
    conn_id: str,
    targets: Iterable[str],
    *,
    min_severity: str | None = None,
    entity_types: Iterable[str] = (),
) -> str:
    """The remediation DAG's trigger form with ``targets`` filled in (the plugin's, see
    :mod:`openai_connector.ui.remediate`): it starts a dry run of exactly those targets,
    narrowed like the selection they came from by ``min_severity`` and ``entity_types``."""
    query: list[tuple[str, str]] = [(TARGETS_PARAM, target) for target in sorted(set(targets))]
    if min_severity:
        query.append(("min_severity", min_severity))
    query += [("entity_types", entity) for entity in sorted(set(entity_types))]
    dag_id = quote(remediation_dag_id(conn_id), safe="")
    return f"{_root(base_url)}{URL_PREFIX}{REMEDIATE_PATH}/{dag_id}?{urlencode(query)}"


def _root(base_url: str) -> str:
    return base_url.rstrip("/")
