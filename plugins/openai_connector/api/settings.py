"""The four values an admin copies from the OpenAI admin pages, normalised and validated."""

from __future__ import annotations

import ipaddress
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from openai_connector.api.errors import InvalidSettingsError
from openai_connector.constants import DEFAULT_BASE_URL

EXTRA_KEYS = ("workspace_id", "workspace_name", "organization_id")
_MAX_ECHO_CHARS = 80


def is_loopback_host(host: str) -> bool:
    """Loopback: the one place plain http may go (the simulator, tests)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _normalise_base_url(value: str) -> str:
    value = value.strip()
    if value and "://" not in value:
        # Airflow connections built from a URI keep only the host; the API is https-only.
        value = f"https://{value}"
    return value.rstrip("/")


@dataclass(frozen=True)
class WorkspaceSettings:
    """Where and as whom to call the Compliance API for one workspace.

    Values are normalised on construction (whitespace, trailing slash, UUID case) so two
    spellings of the same workspace compare equal; `validate()` checks them.
    """

    workspace_id: str
    organization_id: str
    api_key: str = field(repr=False)
    base_url: str = DEFAULT_BASE_URL
    workspace_name: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "workspace_id", (self.workspace_id or "").strip().lower())
        object.__setattr__(self, "organization_id", (self.organization_id or "").strip())
        object.__setattr__(self, "api_key", (self.api_key or "").strip())
        base_url = _normalise_base_url(self.base_url or "") or DEFAULT_BASE_URL
        object.__setattr__(self, "base_url", base_url)
        object.__setattr__(self, "workspace_name", (self.workspace_name or "").strip() or None)

    @classmethod
    def from_connection_fields(
        cls,
        host: str | None,
        password: str | None,
        extra: Mapping[str, Any] | str | None,
    ) -> WorkspaceSettings:
        """Build settings from an Airflow connection's host, password and extra."""
        extras = _parse_extra(extra)

        def text(key: str) -> str:
            value = extras.get(key)
            return "" if value is None else str(value)

        return cls(
            workspace_id=text("workspace_id"),
            organization_id=text("organization_id"),
            api_key=password or "",
            base_url=host or DEFAULT_BASE_URL,
            workspace_name=text("workspace_name"),
        )

    @property
    def display_name(self) -> str:
        """Label for logs and UI: the admin's workspace name, else its id."""
        return self.workspace_name or self.workspace_id

    def validate(self) -> WorkspaceSettings:
        """Raise `InvalidSettingsError` for the first invalid field; return self otherwise."""
        self._validate_workspace_id()
        self._validate_organization_id()
        self._validate_api_key()
        self._validate_base_url()
        return self

    def _echo(self, value: str) -> str:
        """Quote a user value for an error message unless it could be the key."""
        if (self.api_key and self.api_key in value) or value.startswith("sk-"):
            return "a value that looks like an API key (not shown)"
        if len(value) > _MAX_ECHO_CHARS:
            value = value[:_MAX_ECHO_CHARS] + "…"
        return repr(value)

    def _validate_workspace_id(self) -> None:
        if not self.workspace_id:
            raise InvalidSettingsError("workspace_id", "Workspace ID is empty")
        try:
            parsed = uuid.UUID(self.workspace_id)
        except ValueError:
            parsed = None
        if parsed is None or str(parsed) != self.workspace_id:
            raise InvalidSettingsError(
                "workspace_id",
                f"Workspace ID must be a UUID, got {self._echo(self.workspace_id)}",
            )

    def _validate_organization_id(self) -> None:
        if not self.organization_id:
            raise InvalidSettingsError("organization_id", "Organization ID is empty")
        if not self.organization_id.startswith("org-") or len(self.organization_id) == 4:
            raise InvalidSettingsError(
                "organization_id",
                f"Organization ID must start with 'org-', got {self._echo(self.organization_id)}",
            )

    def _validate_api_key(self) -> None:
        if not self.api_key:
            raise InvalidSettingsError("api_key", "API key is empty")
        if not self.api_key.isascii() or not self.api_key.isprintable() or " " in self.api_key:
            raise InvalidSettingsError(
                "api_key", "API key contains spaces or characters that cannot be sent (not shown)"
            )

    def _validate_base_url(self) -> None:
        not_a_url = InvalidSettingsError(
            "base_url",
            f"Base URL {self._echo(self.base_url)} is not a URL "
            f"(expected something like {DEFAULT_BASE_URL})",
        )
        try:
            parts = urlsplit(self.base_url)
            host = parts.hostname or ""
            parts.port  # noqa: B018 - raises ValueError for a malformed port
        except ValueError:
            raise not_a_url from None
        if parts.scheme not in ("http", "https") or not host or " " in self.base_url:
            raise not_a_url
        if parts.username or parts.password:
            raise InvalidSettingsError(
                "base_url", "Base URL must not contain a user name or password (not shown)"
            )
        if parts.query or parts.fragment:
            raise InvalidSettingsError(
                "base_url",
                f"Base URL {self._echo(self.base_url)} must not have a query or fragment",
            )
        if parts.scheme == "http" and not is_loopback_host(host):
            raise InvalidSettingsError(
                "base_url",
                "Base URL must use https (http is allowed only for loopback hosts), "
                f"got {self._echo(self.base_url)}",
            )


def _parse_extra(extra: Mapping[str, Any] | str | None) -> Mapping[str, Any]:
    """Accept the connection extra as a mapping, a JSON string or nothing."""
    if extra is None or extra == "":
        return {}
    if isinstance(extra, str):
        try:
            extra = json.loads(extra)
        except json.JSONDecodeError as exc:
            raise InvalidSettingsError(
                "extra",
                f"Connection extra is not valid JSON ({exc.msg} at line {exc.lineno} "
                f"column {exc.colno}); expected an object with keys {', '.join(EXTRA_KEYS)}",
            ) from None
    if not isinstance(extra, Mapping):
        raise InvalidSettingsError(
            "extra",
            f"Connection extra must be a JSON object with keys {', '.join(EXTRA_KEYS)}, "
            f"got {type(extra).__name__}",
        )
    return extra
