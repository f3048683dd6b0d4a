"""Shared fixtures: one real Presidio engine (real spaCy model) for the whole session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from openai_connector.classify import (
    Classifier,
    Finding,
    TextItem,
    get_classifier,
)

FindFn = Callable[..., list[Finding]]


@pytest.fixture(scope="session")
def classifier() -> Classifier:
    """The process-wide default classifier, built once for all tests."""
    return get_classifier()


@pytest.fixture(scope="session")
def find(classifier: Classifier) -> FindFn:
    """Findings for one text with the shared classifier."""

    def find_in(text: str) -> list[Finding]:
        [(_, findings)] = classifier.classify([TextItem("message", "m-1", text)])
        return findings

    return find_in
