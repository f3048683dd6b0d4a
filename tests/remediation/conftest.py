"""A cataloged workspace to remediate: fresh simulator and catalog per test, real HTTP."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from openai_connector.api import ComplianceClient, RateLimits
from openai_connector.catalog import CatalogStore
from openai_connector.remediation import Criteria, Request, Result, remediate
from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.harness import FAST_RETRY, workspace_settings

from .landed import CONFIG, landed_tables, restore


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return CONFIG


@pytest.fixture
def sim(sim: RunningSimulator) -> RunningSimulator:
    """The test's own simulator (deleting mutates it), holding what the snapshot holds."""
    landed = set(landed_tables()["conversations"].column("conversation_id").to_pylist())
    assert landed == {c["id"] for c in sim.truth().conversations}, "seed drifted"
    return sim


@pytest.fixture
def store(store: CatalogStore) -> CatalogStore:
    """The test's own catalog, holding the snapshot."""
    restore(store)
    return store


@pytest.fixture
def run(sim: RunningSimulator, store: CatalogStore) -> Callable[..., Result]:
    """Remediate the workspace; an executing run unless ``dry_run=True``, confirmed by default."""
    counter = iter(range(1, 1000))

    def call(
        *,
        dry_run: bool = False,
        key: str | None = None,
        confirm: str | None = "",
        criteria: Criteria | None = None,
        max_deletions: int = 100,
        client_class: Callable[..., ComplianceClient] = ComplianceClient,
        run_id: str | None = None,
    ) -> Result:
        workspace = workspace_settings(sim, key or sim.keys.read_delete)
        request = Request(
            run_id=run_id or f"test/remediate/{next(counter)}",
            triggered_by="pytest",
            criteria=criteria or Criteria(),
            dry_run=dry_run,
            confirm=sim.workspace_name if confirm == "" else confirm,
            max_deletions=max_deletions,
        )
        return remediate(
            request,
            settings=workspace,
            store=store,
            client_factory=lambda: client_class(
                workspace, retry=FAST_RETRY, rate_limits=RateLimits.unlimited()
            ),
        )

    return call
