"""The connection check behind the UI "Test" button and ``openai-connector check``.

It turns the client's precise errors into one sentence an admin can act on, so both faces of the
product say the same thing for the same cause. The sentence is ours: an error body is never
echoed, since a wrong base URL may point at an internal service whose errors carry secrets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from openai_connector.api import (
    APIStatusError,
    AuthenticationError,
    ComplianceAPIError,
    ComplianceClient,
    InvalidSettingsError,
    PermissionDeniedError,
    RetryPolicy,
    RouteNotFoundError,
    TransportError,
    WorkspaceNotFoundError,
    WorkspaceSettings,
)

#: An error type shown as is: a few short lowercase words (``insufficient_scope``), too
#: plain to carry a token.
_ERROR_TYPE = re.compile(r"[a-z]{1,15}(?:_[a-z]{1,15}){0,3}")
#: A connection test must answer while the admin waits: few retries, short backoff.
CHECK_RETRY = RetryPolicy(max_attempts=2, initial_backoff=0.5, max_backoff=2.0, max_total=20.0)


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    message: str


def check_connection(
    host: str | None, password: str | None, extra: Mapping[str, Any] | str | None
) -> CheckResult:
    """Check an Airflow connection's values, whichever way the connection was loaded."""
    try:
        settings = WorkspaceSettings.from_connection_fields(host, password, extra)
    except InvalidSettingsError as exc:
        return _misconfigured(exc)
    return check_workspace(settings)


def check_workspace(settings: WorkspaceSettings) -> CheckResult:
    """Validate the settings, then prove key, scope and workspace with one read."""
    try:
        settings.validate()
        with ComplianceClient(settings, retry=CHECK_RETRY, timeout=15.0) as client:
            probe = client.probe()
    except InvalidSettingsError as exc:
        return _misconfigured(exc)
    except TransportError as exc:
        return CheckResult(False, f"Host unreachable: {exc}")
    except RouteNotFoundError:
        return CheckResult(
            False,
            f"Wrong base URL: {settings.base_url} does not serve the Compliance API (404 for its "
            "paths). The Compliance API lives at https://api.chatgpt.com/v1; api.openai.com is "
            "the Platform API.",
        )
    except WorkspaceNotFoundError:
        return CheckResult(
            False,
            f"Unknown workspace: {settings.workspace_id} was not found for this key (404). Check "
            "the Workspace ID and that the key was created in the organization linked to it.",
        )
    except PermissionDeniedError as exc:
        return CheckResult(
            False,
            f"The key is valid but lacks the Compliance API scope ({_answer(exc)}). Ask OpenAI "
            "support to grant read, or read & delete.",
        )
    except AuthenticationError:
        return CheckResult(False, "Invalid API key: the Compliance API rejected it (401).")
    except APIStatusError as exc:
        return CheckResult(False, f"The Compliance API answered with an error ({_answer(exc)}).")
    except ComplianceAPIError as exc:
        return CheckResult(
            False,
            f"The Compliance API's answer could not be read ({type(exc).__name__}). Check that "
            f"{settings.base_url} is the Compliance API.",
        )
    return CheckResult(True, f"{probe.summary}.")


def _answer(exc: APIStatusError) -> str:
    """The status, and the error type when it is a plain identifier: never the body's text,
    which a service behind a wrong base URL may fill with its own secrets."""
    error_type = exc.error_type or ""
    if _ERROR_TYPE.fullmatch(error_type):
        return f"HTTP {exc.status_code}, {error_type}"
    return f"HTTP {exc.status_code}"


def _misconfigured(exc: InvalidSettingsError) -> CheckResult:
    return CheckResult(False, f"Connection is misconfigured: {exc}")
