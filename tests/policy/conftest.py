"""Findings under a policy with the real engine."""

from __future__ import annotations

import pytest

from openai_connector.classify import Finding, TextItem
from openai_connector.policy import Policy, policy_classifier
from tests.policy.policies import FindFn


@pytest.fixture(scope="session")
def find() -> FindFn:
    """Findings for one text under a policy, with the process-wide classifier underneath."""

    def find_in(policy: Policy, text: str) -> list[Finding]:
        [(_, findings)] = policy_classifier(policy).classify([TextItem("message", "m-1", text)])
        return findings

    return find_in
