"""Remediation with a Read & Delete key: policy-driven deletion, dry run first, fully audited.

Airflow-free: the remediation DAG, ``openai-connector remediate`` and the tests call
``remediate``. Importing this package is cheap (pyiceberg loads when the catalog is read).
"""

from openai_connector.remediation.execution import (
    ConfirmationError,
    DeletionLimitError,
    MissingScopeError,
    RemediationError,
    remediate,
)
from openai_connector.remediation.model import (
    Criteria,
    CriteriaError,
    Outcome,
    Plan,
    Request,
    Result,
    Skipped,
    Target,
)
from openai_connector.remediation.selection import select_targets

__all__ = [
    "ConfirmationError",
    "Criteria",
    "CriteriaError",
    "DeletionLimitError",
    "MissingScopeError",
    "Outcome",
    "Plan",
    "RemediationError",
    "Request",
    "Result",
    "Skipped",
    "Target",
    "remediate",
    "select_targets",
]
