"""The one place that talks to OpenAI's Compliance API.

Paged methods are generators (a workspace never sits in memory), every request goes through
the rate limiter and the retry policy, and the key is only ever sent to the API's own origin:
pre-signed download URLs are fetched by a separate client that has no credentials at all.

The client composes small modules, one concern each: :mod:`.session` (rate-limited,
retried requests with the key), :mod:`.paths` (the URL layout), :mod:`.paging` (the two
listing styles), :mod:`.downloads` (pre-signed URLs, verified bodies), :mod:`.deletes`
(remediation's DELETE endpoints) and :mod:`.redaction` (signed URLs out of the logs).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Literal

import httpx

from openai_connector.api import paging
from openai_connector.api.deletes import DeleteMethods
from openai_connector.api.downloads import DownloadedLog, Downloader, FileFetch, FileKind, TooLarge
from openai_connector.api.errors import GoneError, IntegrityError, NotFoundError, is_missing_object
from openai_connector.api.logs import LogLine, parse_log_events
from openai_connector.api.models import (
    CONVERSATION_MESSAGE,
    Conversation,
    Gpt,
    GptConfig,
    LogFile,
    Project,
    User,
    unix_seconds,
)
from openai_connector.api.paths import WorkspacePaths
from openai_connector.api.ratelimit import RateLimits
from openai_connector.api.redaction import install_log_redaction
from openai_connector.api.session import CHUNK_BYTES, APISession
from openai_connector.api.settings import WorkspaceSettings
from openai_connector.api.stats import ClientStats
from openai_connector.retry import RetryPolicy

PROBE_USER_LIMIT = 1000
MAX_USERS_PER_CONVERSATIONS_REQUEST = 99
#: A log file whose listing gives no size is read up to this much, never more.
MAX_LOG_FILE_BYTES = 2**30


@dataclass(frozen=True)
class WorkspaceProbe:
    """What the connection test found: the key, scope and workspace work together."""

    workspace_id: str
    display_name: str
    base_url: str
    user_count: int
    more_users: bool

    @property
    def summary(self) -> str:
        count = f"more than {self.user_count:,}" if self.more_users else f"{self.user_count:,}"
        noun = "user" if self.user_count == 1 and not self.more_users else "users"
        return f"Connected to workspace {self.display_name} at {self.base_url}: {count} {noun}"


class ComplianceClient(DeleteMethods):
    """Synchronous Compliance API client for one workspace; use it as a context manager."""

    def __init__(
        self,
        settings: WorkspaceSettings,
        *,
        retry: RetryPolicy | None = None,
        rate_limits: RateLimits | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.settings = settings.validate()
        self.stats = ClientStats()
        self._session = APISession(
            httpx.URL(settings.base_url),
            settings.api_key,
            retry=retry or RetryPolicy(),
            rate_limits=rate_limits or RateLimits.for_key(settings.api_key),
            stats=self.stats,
            timeout=timeout,
            transport=transport,
        )
        self._downloader = Downloader(self._session, timeout=timeout, transport=transport)
        self._paths = WorkspacePaths(settings.workspace_id, settings.organization_id)
        install_log_redaction()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(workspace={self.settings.display_name!r}, "
            f"base_url={self.settings.base_url!r})"
        )

    def close(self) -> None:
        self._session.close()
        self._downloader.close()

    def __enter__(self) -> ComplianceClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----------------------------------------------------------------- logs platform

    def iter_log_files(
        self,
        event_type: str = CONVERSATION_MESSAGE,
        *,
        after: datetime,
        before: datetime | None = None,
        page_size: int = 100,
    ) -> Iterator[LogFile]:
        """Log files whose end_time is after `after` (and not after `before`), ascending, each
        file id at most once (see :func:`.paging.iter_log_files`)."""
        paging.check_page_size(page_size, 100)
        path = self._paths.logs(event_type)
        yield from paging.iter_log_files(
            self._session, path, event_type, after=after, before=before, page_size=page_size
        )

    def download_log_file(self, log_file: LogFile, dest: IO[bytes] | None = None) -> DownloadedLog:
        """Download and verify a log file; optionally also copy the verified bytes to `dest`.

        Never more than the listing's ``file_size`` is read (a larger body is an integrity
        failure and gets a fresh URL), nor more than :data:`MAX_LOG_FILE_BYTES` without one.
        """
        label = f"log file {log_file.id}"
        try:
            body = self._downloader.download(
                self._paths.log_file(log_file.event_type, log_file.id),
                expected_sha256=log_file.file_sha256,
                expected_size=log_file.file_size,
                max_bytes=MAX_LOG_FILE_BYTES,
                label=label,
            )
        except TooLarge:
            raise IntegrityError(f"{label}: larger than {MAX_LOG_FILE_BYTES} bytes") from None
        downloaded = DownloadedLog(log_file, body)
        if dest is not None:
            shutil.copyfileobj(downloaded.open(), dest, CHUNK_BYTES)
        return downloaded

    def iter_log_events(self, log_file: LogFile) -> Iterator[LogLine]:
        """Download one log file and parse its lines (corrupt lines are yielded, not raised)."""
        with self.download_log_file(log_file) as downloaded:
            yield from parse_log_events(downloaded.iter_lines())

    # ----------------------------------------------------------------- files

    def fetch_file(
        self,
        kind: FileKind,
        file_id: str,
        *,
        user_id: str | None = None,
        conversation_id: str | None = None,
        max_bytes: int = 50 * 2**20,
    ) -> FileFetch:
        """Fetch a file's content; expired, missing and oversized files are outcomes."""
        path = self._paths.file_content(kind, file_id, user_id)
        params = {"conversation_id": conversation_id} if conversation_id else None
        try:
            body = self._downloader.download(
                path, params=params, max_bytes=max_bytes, label=f"{kind} file {file_id}"
            )
        except TooLarge as too_large:
            return FileFetch(kind, file_id, "too_large", declared_size=too_large.declared_size)
        except GoneError:
            return FileFetch(kind, file_id, "expired")
        except NotFoundError as exc:
            if not is_missing_object(exc):
                raise
            return FileFetch(kind, file_id, "not_found")
        return FileFetch(kind, file_id, "fetched", body=body)

    # ----------------------------------------------------------------- legacy REST lists

    def iter_conversations(
        self,
        since: datetime | None = None,
        users: Sequence[str] | None = None,
        page_size: int = 500,
        file_format: Literal["id", "url"] = "id",
    ) -> Iterator[Conversation]:
        """Legacy conversations updated since `since` (410 → `EndpointRetiredError`)."""
        paging.check_page_size(page_size, 500)
        path = self._paths.collection("conversations")
        first_page = [("since_timestamp", unix_seconds(since))] if since else []
        user_ids = list(users or [])
        batches = [
            user_ids[start : start + MAX_USERS_PER_CONVERSATIONS_REQUEST]
            for start in range(0, len(user_ids), MAX_USERS_PER_CONVERSATIONS_REQUEST)
        ] or [[]]
        for batch in batches:
            params = [("file_format", file_format), *(("users", user) for user in batch)]
            yield from paging.iter_list(
                self._session,
                path,
                Conversation.from_api,
                page_size=page_size,
                params=params,
                first_page_params=first_page,
            )

    def iter_users(self, page_size: int = 200) -> Iterator[User]:
        paging.check_page_size(page_size, 200)
        path = self._paths.collection("users")
        return paging.iter_list(self._session, path, User.from_api, page_size=page_size)

    def iter_gpts(self, page_size: int = 20, file_format: str | None = None) -> Iterator[Gpt]:
        params = [("file_format", file_format)] if file_format else []
        path = self._paths.collection("gpts")
        return paging.iter_list(
            self._session, path, Gpt.from_api, page_size=page_size, params=params
        )

    def get_gpt(self, gpt_id: str) -> Gpt:
        return self._session.get_item(self._paths.object("gpt", gpt_id), Gpt.from_api)

    def iter_gpt_configs(self, gpt_id: str, page_size: int = 20) -> Iterator[GptConfig]:
        path = f"{self._paths.object('gpt', gpt_id)}/configs"
        return paging.iter_list(self._session, path, GptConfig.from_api, page_size=page_size)

    def iter_projects(
        self, page_size: int = 20, file_format: str | None = None
    ) -> Iterator[Project]:
        params = [("file_format", file_format)] if file_format else []
        path = self._paths.collection("projects")
        return paging.iter_list(
            self._session, path, Project.from_api, page_size=page_size, params=params
        )

    def get_project(self, project_id: str) -> Project:
        path = self._paths.object("project", project_id)
        return self._session.get_item(path, Project.from_api)

    def iter_project_configs(self, project_id: str, page_size: int = 20) -> Iterator[GptConfig]:
        path = f"{self._paths.object('project', project_id)}/configs"
        return paging.iter_list(self._session, path, GptConfig.from_api, page_size=page_size)

    # ----------------------------------------------------------------- connection test

    def probe(self) -> WorkspaceProbe:
        """List users (up to 1,000 counted) to prove key, scope and workspace match."""
        count = 0
        more = False
        path = self._paths.collection("users")
        for items, has_more in paging.iter_list_pages(self._session, path, page_size=200):
            count += len(items)
            if count >= PROBE_USER_LIMIT and has_more:
                more = True
                break
        return WorkspaceProbe(
            workspace_id=self.settings.workspace_id,
            display_name=self.settings.display_name,
            base_url=self.settings.base_url,
            user_count=PROBE_USER_LIMIT if more else count,
            more_users=more,
        )
