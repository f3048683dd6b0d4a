"""One exception hierarchy for everything the Compliance API client can raise.

Messages name the method, path and the API's own message so an admin can act on them; they
never contain headers, query strings or the API key.
"""

from __future__ import annotations

import re

from openai_connector.budgets import loads
from openai_connector.errors import OpenAIConnectorError

COMPLIANCE_BASE_URL_HINT = (
    "The Compliance API lives at https://api.chatgpt.com/v1; "
    "api.openai.com is the Platform API and does not serve /compliance paths."
)
_KEY_PATTERN = re.compile(r"\bsk-[A-Za-z0-9_\-*.]{4,}")
_MAX_BODY_CHARS = 300


class ComplianceAPIError(OpenAIConnectorError):
    """Root of every error raised by `openai_connector.api`."""


class InvalidSettingsError(ComplianceAPIError, ValueError):
    """A connection setting is missing or malformed; `field` names the setting."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class TransportError(ComplianceAPIError):
    """The host could not be reached (DNS, refused, reset, timeout) even after retries."""

    def __init__(self, message: str, *, host: str) -> None:
        super().__init__(message)
        self.host = host


class APIStatusError(ComplianceAPIError):
    """The API answered with an error status."""

    def __init__(
        self,
        status_code: int,
        message: str,
        error_type: str | None = None,
        *,
        method: str = "",
        path: str = "",
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message
        self.error_type = error_type
        self.method = method
        self.path = path


class BadRequestError(APIStatusError):
    """400: the request was malformed (or a signed URL got an Authorization header)."""


class AuthenticationError(APIStatusError):
    """401: the key is wrong, revoked or not a key of the workspace's organization."""


class PermissionDeniedError(APIStatusError):
    """403, or 401 about scopes: the key lacks the `read`/`delete` compliance scope."""


class NotFoundError(APIStatusError):
    """404 for an object (conversation, file, GPT …) that does not exist."""


class WorkspaceNotFoundError(NotFoundError):
    """404 because the workspace id is unknown to the API (or to this key)."""


class RouteNotFoundError(NotFoundError):
    """404 for the URL itself: the base URL does not point at the Compliance API.

    ``api_said_so`` when an OpenAI error object said "Invalid URL"; otherwise the body was
    merely not an API error (HTML, plain text, another JSON shape), which on an item endpoint
    means no more than "not there".
    """

    @property
    def api_said_so(self) -> bool:
        return self.error_type is not None or "Invalid URL" in self.message


def is_missing_object(error: NotFoundError) -> bool:
    """On an item endpoint (file content, DELETE) a 404 means "not there", whatever its body
    (error bodies are undocumented), unless an API error object says the workspace or the
    URL itself is wrong."""
    if isinstance(error, RouteNotFoundError):
        return not error.api_said_so
    return not isinstance(error, WorkspaceNotFoundError)


class GoneError(APIStatusError):
    """410: the object or endpoint existed but is gone (e.g. an expired chat upload)."""


class EndpointRetiredError(GoneError):
    """410 on the legacy conversations endpoint: read messages from the logs platform."""


class RateLimitError(APIStatusError):
    """429 that persisted through every retry."""


class ServerError(APIStatusError):
    """5xx that persisted through every retry."""


class UnsafeURLError(ComplianceAPIError):
    """A download URL or one of its redirects is not https (nor loopback): never fetched."""


class IntegrityError(ComplianceAPIError):
    """A downloaded body never matched its advertised sha256 or size."""


class CursorStalledError(ComplianceAPIError):
    """A paged listing said `has_more` but its cursor did not advance."""


class DecodeError(ComplianceAPIError):
    """A response body was not the JSON shape the client needs."""


class ResponseTooLargeError(ComplianceAPIError):
    """A response body is larger than its budget (declared, read or once inflated)."""


def scrub_secrets(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove `secrets` and anything that looks like an OpenAI key from `text`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    return _KEY_PATTERN.sub("sk-[redacted]", text)


def _describe_body(body: bytes, content_type: str) -> tuple[str, str | None, bool]:
    """Return (message, error type, is an API error object) for an error response body."""
    text = body.decode("utf-8", errors="replace").strip()
    try:
        payload = loads(text) if text else None
    except ValueError:
        payload = None
    if isinstance(payload, dict):
        error = payload.get("error")
        if isinstance(error, dict):
            message = error.get("message")
            error_type = error.get("type")
            return (
                str(message) if message is not None else "",
                str(error_type) if error_type is not None else None,
                True,
            )
        for key in ("message", "detail", "error"):
            if isinstance(payload.get(key), str):
                return payload[key], None, False
    if "html" in content_type.lower() or text.lower().startswith(("<!doctype", "<html")):
        return "the server answered with an HTML page", None, False
    if len(text) > _MAX_BODY_CHARS:
        text = text[:_MAX_BODY_CHARS] + "…"
    return text, None, False


def _is_route_miss(message: str, is_api_error: bool) -> bool:
    return not is_api_error or message.startswith("Invalid URL")


def error_for_status(
    status_code: int,
    *,
    method: str,
    path: str,
    body: bytes,
    content_type: str = "",
    secrets: tuple[str, ...] = (),
) -> APIStatusError:
    """Build the most specific `APIStatusError` for a final (non-retried) error response."""
    api_message, error_type, is_api_error = _describe_body(body, content_type)
    api_message = scrub_secrets(api_message, secrets)
    lowered = api_message.lower()
    prefix = f"{status_code} on {method} {path}"
    detail = f"{prefix}: {api_message}" if api_message else prefix
    cls: type[APIStatusError] = APIStatusError
    hint = ""
    if status_code == 400:
        cls = BadRequestError
    elif status_code == 403 or (status_code == 401 and "scope" in lowered):
        cls = PermissionDeniedError
        hint = "the key needs the compliance scope for this call (granted by OpenAI support)"
    elif status_code == 401:
        cls = AuthenticationError
        hint = "check the API key and that it belongs to the workspace's organization"
    elif status_code == 404:
        if _is_route_miss(api_message, is_api_error):
            cls = RouteNotFoundError
            hint = f"the base URL looks wrong. {COMPLIANCE_BASE_URL_HINT}"
        elif "workspace" in lowered:
            cls = WorkspaceNotFoundError
            hint = "check the Workspace ID (ChatGPT admin settings) and that the key belongs to it"
        else:
            cls = NotFoundError
    elif status_code == 410:
        if method == "GET" and path.rstrip("/").endswith("/conversations"):
            cls = EndpointRetiredError
            hint = "legacy conversations endpoint retired — use the logs platform"
        else:
            cls = GoneError
    elif status_code == 429:
        cls = RateLimitError
        hint = "rate limit still exceeded after retries"
    elif status_code >= 500:
        cls = ServerError
        hint = "the API kept failing after retries"
    message = f"{detail} ({hint})" if hint else detail
    return cls(status_code, message, error_type, method=method, path=path)
