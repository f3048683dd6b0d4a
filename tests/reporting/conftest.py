"""The reports read the cataloged workspace of the shared plugin (one real pipeline run per
module: reports are read-only, so every test of a module shares it)."""

from __future__ import annotations

import pytest

from openai_connector.reporting import WorkspaceRef
from openai_connector.simulator import RunningSimulator
from tests.cataloged import CONN_ID


@pytest.fixture(scope="module")
def workspace(module_sim: RunningSimulator) -> WorkspaceRef:
    return WorkspaceRef(module_sim.workspace_id, conn_id=CONN_ID, name=module_sim.workspace_name)
