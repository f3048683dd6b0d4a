"""Airflow DAGs for ChatGPT Enterprise workspaces → DLP catalog: one DAG per entry of the
``openai_compliance_workspaces`` Variable (see the README)."""

from openai_connector.dag_factory import build_workspace_dags

globals().update(build_workspace_dags())
