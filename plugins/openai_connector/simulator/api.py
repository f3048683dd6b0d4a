"""The Compliance API surface: routing, auth, paging and response bodies, free of HTTP plumbing.

``ComplianceApi.handle`` turns a parsed request into a response; the HTTP layer in
``server.py`` adds the transport faults on top.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from openai_connector.errors import OpenAIConnectorError
from openai_connector.simulator import hostile
from openai_connector.simulator.faults import FaultDice
from openai_connector.simulator.records import (
    Assistant,
    Conversation,
    LogFile,
    Message,
    StoredFile,
)
from openai_connector.simulator.signing import InvalidSignatureError, SignedTarget, UrlSigner
from openai_connector.simulator.timefmt import iso, parse_iso, unix
from openai_connector.simulator.wire import list_object, message_content
from openai_connector.simulator.workspace import (
    ORGANIZATION_LOG_TYPES,
    WORKSPACE_EVENT_TYPES,
    Workspace,
)

READ_SCOPE = "read"
DELETE_SCOPE = "delete"
SIGNED_DOWNLOAD_TTL = timedelta(minutes=5)
LEGACY_DOWNLOAD_TTL = timedelta(hours=1)
SIGNED_PREFIX = "/signed/"
#: Where ``insecure_redirect`` points downloads: plain http on a documentation address
#: (RFC 5737), never loopback; a client must refuse it before connecting.
INSECURE_ORIGIN = "http://198.51.100.7"
#: What ``oversized_log`` appends to a log file's body beyond its listed size.
OVERSIZED_LOG_EXTRA = 4 * 2**20
_WS = r"/v1/compliance/workspaces/(?P<ws>[^/]+)"
_ORG = r"/v1/compliance/organizations/(?P<org>[^/]+)"
_ASSISTANTS = r"(?P<kind>gpts|projects)"
_ID = r"[^/]+"


@dataclass(frozen=True)
class ApiRequest:
    method: str
    path: str
    query: Mapping[str, list[str]]
    authorization: str | None


@dataclass
class ApiResponse:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


#: Tool type names as the API spells them.
TOOL_TYPES = {"python": "code_interpreter", "dalle": "dall-e"}


class ApiError(OpenAIConnectorError):
    def __init__(self, status: int, message: str, error_type: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type


def json_response(status: int, payload: object) -> ApiResponse:
    return ApiResponse(status, json.dumps(payload, ensure_ascii=False).encode())


def error_response(status: int, message: str, error_type: str) -> ApiResponse:
    return json_response(status, {"error": {"message": message, "type": error_type}})


def _s3_error(status: int, code: str, message: str) -> ApiResponse:
    body = f"<?xml version='1.0' encoding='UTF-8'?><Error><Code>{code}</Code>"
    body += f"<Message>{message}</Message></Error>"
    return ApiResponse(status, body.encode(), content_type="application/xml")


def _bad_request(message: str) -> ApiError:
    return ApiError(400, message, "invalid_request_error")


def _not_found(message: str) -> ApiError:
    return ApiError(404, message, "not_found_error")


Handler = Callable[[ApiRequest, dict[str, str]], ApiResponse]


class ComplianceApi:
    """Answers API calls against one workspace; callers hold the workspace lock."""

    def __init__(
        self,
        workspace: Workspace,
        keys: Mapping[str, frozenset[str]],
        dice: FaultDice,
        signer: UrlSigner,
        clock: Callable[[], datetime],
        download_origin: str,
    ) -> None:
        self.workspace = workspace
        self.keys = keys
        self.dice = dice
        self.signer = signer
        self.clock = clock
        self.download_origin = download_origin
        w, o, a = _WS, _ORG, _ASSISTANTS
        self._routes: list[tuple[str, re.Pattern[str], Handler, str]] = [
            ("GET", re.compile(f"{w}/logs"), self._list_workspace_logs, READ_SCOPE),
            ("GET", re.compile(f"{w}/logs/(?P<log>{_ID})"), self._download_log, READ_SCOPE),
            ("GET", re.compile(f"{o}/logs"), self._list_organization_logs, READ_SCOPE),
            ("GET", re.compile(f"{o}/logs/(?P<log>{_ID})"), self._download_log, READ_SCOPE),
            ("GET", re.compile(f"{w}/conversations"), self._list_conversations, READ_SCOPE),
            ("DELETE", re.compile(f"{w}/conversations/(?P<id>{_ID})"),
             self._delete_conversation, DELETE_SCOPE),
            ("GET", re.compile(f"{w}/users"), self._list_users, READ_SCOPE),
            ("GET", re.compile(f"{w}/users/(?P<user>{_ID})/files/(?P<file>{_ID})"),
             self._user_file, READ_SCOPE),
            ("DELETE", re.compile(f"{w}/users/(?P<user>{_ID})/files/(?P<file>{_ID})"),
             self._delete_user_file, DELETE_SCOPE),
            ("GET", re.compile(f"{w}/(?P<kind>gpt|project)_files/(?P<file>{_ID})"),
             self._assistant_file, READ_SCOPE),
            ("GET", re.compile(f"{w}/{a}"), self._list_assistants, READ_SCOPE),
            ("GET", re.compile(f"{w}/{a}/(?P<id>{_ID})"), self._get_assistant, READ_SCOPE),
            ("GET", re.compile(f"{w}/{a}/(?P<id>{_ID})/configs"), self._configs, READ_SCOPE),
            ("GET", re.compile(f"{w}/{a}/(?P<id>{_ID})/shared_users"),
             self._shared_users, READ_SCOPE),
            ("DELETE", re.compile(f"{w}/{a}/(?P<id>{_ID})"), self._delete_assistant, DELETE_SCOPE),
            ("DELETE", re.compile(f"{w}/{a}/(?P<id>{_ID})/files/(?P<file>{_ID})"),
             self._delete_assistant_file, DELETE_SCOPE),
            ("DELETE", re.compile(f"{w}/{a}/(?P<id>{_ID})/shared_users"),
             self._unshare, DELETE_SCOPE),
        ]  # fmt: skip

    # ----------------------------------------------------------------- dispatch
    def handle(self, request: ApiRequest) -> ApiResponse:
        if request.path.startswith(SIGNED_PREFIX):
            return self._signed_download(request)
        for method, pattern, handler, scope in self._routes:
            match = pattern.fullmatch(request.path)
            if match and method == request.method:
                try:
                    self._authorize(request, scope)
                    self._check_owner(match.groupdict())
                    return handler(request, match.groupdict())
                except ApiError as error:
                    return error_response(error.status, str(error), error.error_type)
        return error_response(
            404, f"Invalid URL ({request.method} {request.path})", "invalid_request_error"
        )

    def _authorize(self, request: ApiRequest, scope: str) -> None:
        scheme, _, key = (request.authorization or "").partition(" ")
        scopes = self.keys.get(key.strip()) if scheme.lower() == "bearer" else None
        if scopes is None:
            raise ApiError(401, "Incorrect API key provided.", "invalid_api_key")
        if not scopes:
            raise ApiError(403, f"Missing scopes: api.compliance.{scope}", "insufficient_scope")
        if scope not in scopes:
            raise ApiError(
                401,
                "You have insufficient permissions for this operation. "
                f"Missing scopes: api.compliance.{scope}.",
                "insufficient_scope",
            )

    def _check_owner(self, params: dict[str, str]) -> None:
        if "ws" in params and params["ws"] != self.workspace.id:
            raise _not_found(f"Workspace {params['ws']} not found")
        if "org" in params and params["org"] != self.workspace.organization_id:
            raise _not_found(f"Organization {params['org']} not found")

    # ----------------------------------------------------------------- parameters
    @staticmethod
    def _single(request: ApiRequest, name: str) -> str | None:
        values = request.query.get(name)
        return values[-1] if values else None

    def _limit(self, request: ApiRequest, default: int, maximum: int) -> int:
        raw = self._single(request, "limit")
        if raw is None:
            return default
        if not raw.isdigit() or not 1 <= int(raw) <= maximum:
            raise _bad_request(f"Invalid 'limit': must be an integer between 1 and {maximum}.")
        return int(raw)

    def _required_timestamp(self, request: ApiRequest, name: str) -> datetime:
        raw = self._single(request, name)
        if raw is None:
            raise _bad_request(f"Missing required parameter: '{name}'.")
        return _parse_timestamp(name, raw)

    def _optional_timestamp(self, request: ApiRequest, name: str) -> datetime | None:
        raw = self._single(request, name)
        return None if raw is None else _parse_timestamp(name, raw)

    # ----------------------------------------------------------------- logs
    def _list_workspace_logs(self, request: ApiRequest, _params: dict[str, str]) -> ApiResponse:
        return self._list_logs(request, WORKSPACE_EVENT_TYPES)

    def _list_organization_logs(self, request: ApiRequest, _params: dict[str, str]) -> ApiResponse:
        return self._list_logs(request, ORGANIZATION_LOG_TYPES)

    def _list_logs(self, request: ApiRequest, allowed: tuple[str, ...]) -> ApiResponse:
        if self.dice.hits("logs_unavailable"):
            raise _not_found("Compliance logs are not enabled for this account.")
        event_type = self._single(request, "event_type")
        if event_type not in allowed:
            raise _bad_request(
                f"Invalid 'event_type': {event_type!r}. Expected one of {', '.join(allowed)}."
            )
        after = self._required_timestamp(request, "after")
        before = self._optional_timestamp(request, "before")
        limit = self._limit(request, default=100, maximum=100)
        if self.dice.hits("cursor_loop"):
            return self._creeping_page(event_type, after)
        include_boundary = self.dice.hits("boundary")
        matching = [
            log_file
            for log_file in self.workspace.log_files.get(event_type, [])
            if (log_file.end_time > after or (include_boundary and log_file.end_time == after))
            and (before is None or log_file.end_time <= before)
        ]
        oversized = "oversized_pages" in self.workspace.hostile.kinds
        page = matching[: limit * hostile.OVERSIZED_PAGE_FACTOR if oversized else limit]
        entries = [self._log_entry(log_file) for log_file in page]
        if oversized:
            entries = [entry | hostile.page_padding() for entry in entries]
        return json_response(
            200,
            {
                "data": entries,
                "has_more": len(matching) > len(page),
                "last_end_time": iso(page[-1].end_time) if page else None,
            },
        )

    def _creeping_page(self, event_type: str, after: datetime) -> ApiResponse:
        """The ``cursor_loop`` fault: the file before ``after`` again, the cursor a microsecond
        further, ``has_more`` for ever."""
        files = self.workspace.log_files.get(event_type, [])
        earlier = [log_file for log_file in files if log_file.end_time <= after][-1:]
        return json_response(
            200,
            {
                "data": [self._log_entry(log_file) for log_file in earlier],
                "has_more": True,
                "last_end_time": iso(after + timedelta(microseconds=1)),
            },
        )

    def _log_entry(self, log_file: LogFile) -> dict[str, object]:
        served = self.workspace.served_log(log_file, self.dice)
        return {
            "id": log_file.id,
            "event_type": log_file.event_type,
            "end_time": iso(log_file.end_time),
            "file_name": log_file.file_name,
            "file_size": len(served.body),
            "file_sha256": served.sha256,
        }

    def _download_log(self, _request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        log_file = self.workspace.find_log_file(params["log"])
        scope_types = WORKSPACE_EVENT_TYPES if "ws" in params else ORGANIZATION_LOG_TYPES
        if log_file is None or log_file.event_type not in scope_types:
            raise _not_found(f"Log file {params['log']} not found")
        return self._redirect(SignedTarget("log", log_file.id))

    def _redirect(self, target: SignedTarget) -> ApiResponse:
        location = self._signed_url(target, SIGNED_DOWNLOAD_TTL)
        return ApiResponse(307, b"", headers={"Location": location})

    def _signed_url(self, target: SignedTarget, ttl: timedelta) -> str:
        token = self.signer.sign(target, self.clock() + ttl)
        origin = INSECURE_ORIGIN if self.dice.hits("insecure_redirect") else self.download_origin
        return f"{origin}{SIGNED_PREFIX}{token}"

    def _signed_download(self, request: ApiRequest) -> ApiResponse:
        if request.method != "GET":
            return _s3_error(405, "MethodNotAllowed", "The specified method is not allowed.")
        if request.authorization is not None:
            return _s3_error(
                400,
                "InvalidArgument",
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                "Signature query string parameter or the Authorization header should be specified",
            )
        try:
            target = self.signer.verify(request.path[len(SIGNED_PREFIX) :], self.clock())
        except InvalidSignatureError as error:
            return _s3_error(403, "AccessDenied", str(error))
        if target.kind == "log":
            log_file = self.workspace.find_log_file(target.id)
            if log_file is None:
                return _s3_error(404, "NoSuchKey", "The specified key does not exist.")
            body = self.workspace.served_log(log_file, self.dice).body
            if body and self.dice.hits("sha_mismatch"):
                body = body[:-2] + bytes([body[-2] ^ 0x01]) + body[-1:]
            if self.dice.hits("oversized_log"):
                body += b" " * OVERSIZED_LOG_EXTRA
            return ApiResponse(200, body, content_type="application/jsonl")
        stored = self.workspace.file(target.id)
        if stored is None:
            return _s3_error(404, "NoSuchKey", "The specified key does not exist.")
        return ApiResponse(200, stored.body, content_type=stored.mime_type)

    # ----------------------------------------------------------------- files
    def _user_file(self, _request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        stored = self.workspace.file(params["file"], "user", params["user"])
        if stored is None:
            raise _not_found(f"File {params['file']} not found")
        if self.workspace.is_expired(stored, self.dice):
            raise ApiError(410, f"File {stored.id} has expired and is no longer available", "gone")
        return self._redirect(SignedTarget("file", stored.id))

    def _assistant_file(self, _request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        stored = self.workspace.file(params["file"], params["kind"])
        if stored is None:
            raise _not_found(f"File {params['file']} not found")
        return self._redirect(SignedTarget("file", stored.id))

    def _file_item(self, stored: StoredFile, file_format: str) -> dict[str, object]:
        if file_format == "id":
            owner = stored.owner_id if stored.kind == "user" else None
            return {"id": stored.id, "name": stored.name, "user_id": owner}
        expired = self.workspace.is_expired(stored, self.dice)
        target = SignedTarget("file", stored.id)
        download_url = None if expired else self._signed_url(target, LEGACY_DOWNLOAD_TTL)
        return {
            "id": stored.id,
            "name": stored.name,
            "created_at": unix(stored.created_at),
            "download_url": download_url,
        }

    def _file_format(self, request: ApiRequest) -> str:
        file_format = self._single(request, "file_format") or "url"
        if file_format not in ("url", "id"):
            raise _bad_request("Invalid 'file_format': expected 'url' or 'id'.")
        return file_format

    # ----------------------------------------------------------------- conversations
    def _list_conversations(self, request: ApiRequest, _params: dict[str, str]) -> ApiResponse:
        if self.dice.hits("legacy_gone"):
            raise ApiError(
                410,
                "This endpoint has been retired. Use the Compliance Logs Platform.",
                "gone",
            )
        since_raw = self._single(request, "since_timestamp")
        after = self._single(request, "after")
        if since_raw is not None and after is not None:
            raise _bad_request("'since_timestamp' cannot be combined with 'after'.")
        if since_raw is not None and not since_raw.isdigit():
            raise _bad_request("Invalid 'since_timestamp': expected integer Unix seconds.")
        users = request.query.get("users", [])
        if len(users) >= 100:
            raise _bad_request("Too many 'users': at most 99 per request.")
        limit = self._limit(request, default=500, maximum=500)
        file_format = self._file_format(request)

        def order(conversation: Conversation) -> tuple[datetime, str]:
            return conversation.updated_at, conversation.id

        candidates = sorted(
            (c for c in self.workspace.conversations.values() if not c.deleted), key=order
        )
        if since_raw is not None:
            since = int(since_raw)
            candidates = [c for c in candidates if unix(c.updated_at) >= since]
        if after is not None:
            cursor = self.workspace.conversations.get(after)
            if cursor is None:
                raise _bad_request(f"Invalid 'after': unknown conversation {after}.")
            candidates = [c for c in candidates if order(c) > order(cursor)]
        if users:
            candidates = [c for c in candidates if c.user_id in users]
        page = candidates[:limit]
        items = [self._conversation(c, file_format) for c in page]
        return json_response(200, list_object(items, has_more=len(candidates) > limit))

    def _conversation(self, conversation: Conversation, file_format: str) -> dict[str, object]:
        user = self.workspace.users[conversation.user_id]
        messages = [
            self._message(m, conversation, file_format)
            for m in self.workspace.messages_of(conversation)
        ]
        return {
            "object": "compliance.workspace.conversation",
            "id": conversation.id,
            "workspace_id": self.workspace.id,
            "user_id": user.id,
            "user_email": user.email,
            "created_at": unix(conversation.created_at),
            "last_active_at": unix(conversation.updated_at),
            "title": conversation.title,
            "messages": list_object(messages),
        }

    def _message(
        self, message: Message, conversation: Conversation, file_format: str
    ) -> dict[str, object]:
        content = message_content(message)
        files = [
            self._file_item(self.workspace.files[f], file_format)
            for f in self.workspace.live_file_ids(message)
        ]
        return {
            "object": "compliance.workspace.conversation.message",
            "id": message.id,
            "parent_id": message.parent_id,
            "created_at": unix(message.created_at),
            "gpt_id": conversation.gpt_id,
            "project_id": conversation.project_id,
            "author": {"role": message.role, "tool_name": message.tool_name},
            "content": content,
            "files": list_object(files),
        }

    def _delete_conversation(self, _request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        if not self.workspace.delete_conversation(params["id"]):
            raise _not_found(f"Conversation {params['id']} not found")
        return _deleted(params["id"], "conversation")

    # ----------------------------------------------------------------- users
    def _list_users(self, request: ApiRequest, _params: dict[str, str]) -> ApiResponse:
        limit = self._limit(request, default=20, maximum=200)
        after = self._single(request, "after") or ""
        candidates = sorted(u for u in self.workspace.users if u > after)
        page = candidates[:limit]
        items = []
        for user_id in page:
            user = self.workspace.users[user_id]
            items.append(
                {
                    "object": "compliance.workspace.user",
                    "id": user.id,
                    "email": user.email,
                    "name": user.name,
                    "created_at": unix(user.created_at),
                    "role": user.role,
                    "status": user.status,
                }
            )
        return json_response(200, list_object(items, has_more=len(candidates) > limit))

    def _delete_user_file(self, _request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        if not self.workspace.delete_file(params["file"], "user", params["user"]):
            raise _not_found(f"File {params['file']} not found")
        return _deleted(params["file"], "file")

    # ----------------------------------------------------------------- GPTs and projects
    def _assistant(self, params: dict[str, str]) -> Assistant:
        kind = params["kind"].removesuffix("s")
        assistant = self.workspace.assistant(params["id"], kind)
        if assistant is None:
            raise _not_found(f"{kind.capitalize()} {params['id']} not found")
        return assistant

    def _list_assistants(self, request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        kind = params["kind"].removesuffix("s")
        limit = self._limit(request, default=20, maximum=200)
        file_format = self._file_format(request)
        after = self._single(request, "after") or ""
        candidates = sorted(
            (a for a in self.workspace.assistants.values() if a.kind == kind and not a.deleted),
            key=lambda a: a.id,
        )
        candidates = [a for a in candidates if a.id > after]
        items = [self._assistant_object(a, file_format) for a in candidates[:limit]]
        return json_response(200, list_object(items, has_more=len(candidates) > limit))

    def _get_assistant(self, request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        assistant = self._assistant(params)
        return json_response(200, self._assistant_object(assistant, self._file_format(request)))

    def _configs(self, request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        assistant = self._assistant(params)
        config = self._config(assistant, self._file_format(request))
        return json_response(200, list_object([config]))

    def _shared_users(self, _request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        assistant = self._assistant(params)
        return json_response(200, list_object(self._recipients(assistant)))

    def _recipients(self, assistant: Assistant) -> list[dict[str, object]]:
        return [
            {
                "object": f"compliance.workspace.{assistant.kind}.shared_user",
                "id": user_id,
                "email": self.workspace.users[user_id].email,
            }
            for user_id in assistant.shared_user_ids
        ]

    def _assistant_object(self, assistant: Assistant, file_format: str) -> dict[str, object]:
        owner = self.workspace.users[assistant.owner_id]
        return {
            "object": f"compliance.workspace.{assistant.kind}",
            "id": assistant.id,
            "created_at": unix(assistant.created_at),
            "owner_id": owner.id,
            "owner_email": owner.email,
            "builder_name": owner.name,
            "sharing": {
                "visibility": assistant.visibility,
                "recipients": self._recipients(assistant),
            },
            "latest_config": list_object([self._config(assistant, file_format)]),
        }

    def _config(self, assistant: Assistant, file_format: str) -> dict[str, object]:
        files = [
            self._file_item(self.workspace.files[f], file_format)
            for f in self.workspace.live_file_ids(assistant)
        ]
        tools: list[dict[str, object]] = [
            {"type": TOOL_TYPES.get(tool, tool)} for tool in assistant.tools
        ]
        return {
            "object": f"compliance.workspace.{assistant.kind}.configuration",
            "id": assistant.config_id,
            "name": assistant.name,
            "description": assistant.description,
            "instructions": assistant.instructions,
            "conversation_starters": assistant.conversation_starters,
            "files": list_object(files),
            "tools": list_object(tools + assistant.actions),
        }

    def _delete_assistant(self, _request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        assistant = self._assistant(params)
        self.workspace.delete_assistant(assistant.id, assistant.kind)
        return _deleted(assistant.id, assistant.kind)

    def _delete_assistant_file(self, _request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        assistant = self._assistant(params)
        if not self.workspace.delete_file(params["file"], assistant.kind, assistant.id):
            raise _not_found(f"File {params['file']} not found")
        return _deleted(params["file"], "file")

    def _unshare(self, _request: ApiRequest, params: dict[str, str]) -> ApiResponse:
        assistant = self._assistant(params)
        if not self.workspace.unshare(assistant.id, assistant.kind):
            raise _not_found(f"{assistant.id} has no shared users")
        return _deleted(assistant.id, f"{assistant.kind}.shared_users")


def _parse_timestamp(name: str, raw: str) -> datetime:
    try:
        return parse_iso(raw)
    except ValueError:
        raise _bad_request(
            f"Invalid '{name}': expected an ISO 8601 timestamp with a time zone."
        ) from None


def _deleted(object_id: str, thing: str) -> ApiResponse:
    return json_response(
        200, {"id": object_id, "object": f"compliance.workspace.{thing}.deleted", "deleted": True}
    )
