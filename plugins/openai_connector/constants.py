"""Values Airflow shows before any task runs, shared with the core packages.

The provider's connection form (read in every Airflow process) and the DAGs' trigger forms
(built at every parse) show these, so they live here, stdlib only, and not in the packages whose
``__init__`` loads the API client, the classifier or the remediation engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

#: OpenAI's Compliance API: a connection's base URL unless its host names another.
DEFAULT_BASE_URL = "https://api.chatgpt.com/v1"

Severity = Literal["critical", "high", "medium", "low"]
SEVERITY_RANK: Mapping[str, int] = {"low": 0, "medium": 1, "high": 2, "critical": 3}

#: What a remediation run selects, and how many deletions it may make, unless told otherwise.
REMEDIATION_MIN_SEVERITY = "critical"
REMEDIATION_MAX_DELETIONS = 100
