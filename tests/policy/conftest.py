"""Shared helpers: policies from YAML text, and findings under a policy with the real engine."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from openai_connector.classify import Finding, TextItem
from openai_connector.policy import Policy, parse_policy, policy_classifier

FindFn = Callable[[Policy, str], list[Finding]]


def policy_of(yaml_text: str) -> Policy:
    """A policy from YAML lines (``version: 1`` is added)."""
    return parse_policy(f"version: 1\n{yaml_text}", "test.yaml")


@pytest.fixture(scope="session")
def find() -> FindFn:
    """Findings for one text under a policy, with the process-wide classifier underneath."""

    def find_in(policy: Policy, text: str) -> list[Finding]:
        [(_, findings)] = policy_classifier(policy).classify([TextItem("message", "m-1", text)])
        return findings

    return find_in
