"""The catalog's errors: what a caller can act on when a catalog operation fails."""

from __future__ import annotations

from openai_connector.errors import OpenAIConnectorError


class CatalogError(OpenAIConnectorError, RuntimeError):
    """A catalog operation failed for a reason the caller can act on."""


class CommitConflictError(CatalogError):
    """Other writers kept committing to the table; every retry of a write lost the race."""
