"""Why a run failed, in one sentence a security team can act on.

Sentences are fixed per error class (no exception text), so no URL, key or value of the
failing request can reach a notification.
"""

from __future__ import annotations

from openai_connector.api import errors

_CAUSES: tuple[tuple[type[BaseException], str], ...] = (
    (errors.InvalidSettingsError, "The workspace connection is misconfigured."),
    (
        errors.AuthenticationError,
        "The API key was rejected (HTTP 401): it is wrong or was revoked.",
    ),
    (
        errors.PermissionDeniedError,
        "The API key lacks the Compliance API scope (HTTP 403): never granted or removed.",
    ),
    (
        errors.WorkspaceNotFoundError,
        "The API does not know this workspace id for this key (HTTP 404).",
    ),
    (
        errors.RouteNotFoundError,
        "The base URL does not answer as the Compliance API (HTTP 404).",
    ),
    (errors.GoneError, "The Compliance API endpoint is gone (HTTP 410)."),
    (errors.RateLimitError, "The API kept answering 429 (rate limited) through every retry."),
    (errors.ServerError, "The API kept failing with server errors (5xx) through every retry."),
    (
        errors.TransportError,
        "The API host could not be reached (DNS, refused connection or timeout).",
    ),
    (errors.IntegrityError, "Downloaded content never matched its advertised checksum."),
    (errors.ComplianceAPIError, "The API answered in a way the connector cannot read."),
)


def failure_cause(exc: BaseException, step: str) -> str:
    """The sentence for ``exc``, raised by pipeline step ``step``."""
    for error_class, sentence in _CAUSES:
        if isinstance(exc, error_class):
            return sentence
    return f"Step {step} failed with {type(exc).__name__}; its task log has the details."


#: When no step left a cause: the plan task failed before anything was extracted.
PLAN_FAILED = (
    "The run stopped before extracting anything: its connection, detection policy or "
    "parameters were refused (the plan task's log names which)."
)
