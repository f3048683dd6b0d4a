"""Provider metadata Airflow reads through the ``apache_airflow_provider`` entry point.

Connection types can only be registered this way (not from an ``AirflowPlugin``), and since
Airflow 3.2 the connection form is declared here as data, so the api-server renders it without
importing the hook. Airflow reads it when any of its processes starts, so it imports only the
stdlib and :mod:`openai_connector.constants`.
"""

from __future__ import annotations

from typing import Any

from openai_connector import __version__
from openai_connector.constants import DEFAULT_BASE_URL

CONN_TYPE = "openai_compliance"
UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def get_provider_info() -> dict[str, Any]:
    return {
        "package-name": "openai-connector",
        "name": "OpenAI Compliance",
        "description": (
            "Catalogs and classifies ChatGPT Enterprise workspaces through OpenAI's Compliance API "
            "for data-loss prevention."
        ),
        "versions": [__version__],
        "integrations": [
            {
                "integration-name": "OpenAI Compliance",
                "external-doc-url": "https://help.openai.com/en/articles/9261474",
                "tags": ["service"],
            }
        ],
        "hooks": [
            {
                "integration-name": "OpenAI Compliance",
                "python-modules": ["openai_connector.hooks.compliance"],
            }
        ],
        "connection-types": [
            {
                "hook-class-name": "openai_connector.hooks.compliance.OpenAIComplianceHook",
                "hook-name": "OpenAI Compliance",
                "connection-type": CONN_TYPE,
                "conn-fields": {
                    "workspace_id": {
                        "label": "Workspace ID",
                        "description": (
                            "UUID of the ChatGPT Enterprise workspace "
                            "(Workspace settings → Workspace details)."
                        ),
                        "schema": {"type": "string", "pattern": UUID_PATTERN},
                    },
                    "workspace_name": {
                        "label": "Workspace Name",
                        "description": "Display label for DAGs, reports and remediation prompts.",
                        "schema": {"type": ["string", "null"]},
                    },
                    "organization_id": {
                        "label": "Organization ID",
                        "description": (
                            "The OpenAI Platform organization linked to the workspace (org-…)."
                        ),
                        "schema": {"type": "string", "pattern": "^org-[A-Za-z0-9_-]+$"},
                    },
                },
                "ui-field-behaviour": {
                    "hidden-fields": ["schema", "login", "port", "extra"],
                    "relabeling": {"host": "Base URL", "password": "API key"},
                    "placeholders": {
                        "host": DEFAULT_BASE_URL,
                        "password": "Platform API key with the Compliance API scopes",
                        "workspace_id": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                        "workspace_name": "Acme Corp",
                        "organization_id": "org-…",
                    },
                },
            }
        ],
    }
