"""Policies from YAML text, for the policy tests."""

from __future__ import annotations

from collections.abc import Callable

from openai_connector.classify import Finding
from openai_connector.policy import Policy, parse_policy

FindFn = Callable[[Policy, str], list[Finding]]


def policy_of(yaml_text: str) -> Policy:
    """A policy from YAML lines (``version: 1`` is added)."""
    return parse_policy(f"version: 1\n{yaml_text}", "test.yaml")
