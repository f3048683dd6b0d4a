"""The HTTP side: a threaded stdlib server, transport faults on the wire, and admin endpoints.

Faults are played here, before the API sees the request, so a faulted call never changes
state. ``/_sim/...`` endpoints drive a simulator in another process; they answer loopback
clients only and are never faulted.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import json
import os
import random
import socket
import string
import struct
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, parse_qs, urlsplit

from openai_connector.simulator.api import (
    DELETE_SCOPE,
    READ_SCOPE,
    SIGNED_PREFIX,
    ApiRequest,
    ApiResponse,
    ComplianceApi,
    error_response,
    json_response,
)
from openai_connector.simulator.faults import SERVER_ERROR_STATUSES, FaultDice, FaultSpec
from openai_connector.simulator.generation import (
    Scale,
    TextMix,
    WorkspaceSize,
    check_text_options,
)
from openai_connector.simulator.hostile import HostileManifest, check_kinds
from openai_connector.simulator.signing import UrlSigner
from openai_connector.simulator.truth import GroundTruth, build_truth
from openai_connector.simulator.workspace import Workspace

ADMIN_PREFIX = "/_sim/"
REQUEST_LOG_LIMIT = 100_000
_WILDCARD_HOSTS = frozenset({"", "0.0.0.0"})  # noqa: S104 - recognising, not binding


@dataclass(frozen=True)
class SimulatorConfig:
    seed: int = 7
    scale: Scale = "small"
    faults: FaultSpec = field(default_factory=FaultSpec)
    host: str = "127.0.0.1"
    port: int = 0
    now: datetime | None = None  # None: real UTC now; else the clock starts there and runs
    truth_path: Path | None = None  # rewritten whenever the ground truth changes
    #: Explicit size instead of ``scale``: exactly this many messages, and ``files`` files
    #: (default: one per 200 messages); see ``WorkspaceSize.of_counts``.
    messages: int | None = None
    files: int | None = None
    #: Hostile content to serve (``hostile.HOSTILE_KINDS``; ``hostile.parse_hostile`` reads
    #: ``"all"`` or a comma list); none by default.
    hostile: frozenset[str] = frozenset()
    #: ``realistic``: varied chat text instead of the few fixed sentences (scale benchmarks).
    text_mix: TextMix = "templated"
    #: Events per CONVERSATION_MESSAGE log file; ``None``: one file per hour with activity.
    events_per_log_file: int | None = None

    def __post_init__(self) -> None:
        self.workspace_size()  # a bad size fails here, not in the server thread
        check_text_options(self.text_mix, self.events_per_log_file)
        object.__setattr__(self, "hostile", check_kinds(self.hostile))

    def workspace_size(self) -> WorkspaceSize:
        if self.messages is None:
            if self.files is not None:
                raise ValueError("files= needs messages= as well")
            return WorkspaceSize.of_scale(self.scale)
        files = self.messages // 200 if self.files is None else self.files
        return WorkspaceSize.of_counts(self.messages, files)


@dataclass(frozen=True)
class SimulatorKeys:
    """The three keys every simulator knows (hidden from reprs like any key)."""

    read: str = field(repr=False)
    read_delete: str = field(repr=False)
    no_scope: str = field(repr=False)

    @classmethod
    def for_seed(cls, seed: int) -> SimulatorKeys:
        rng = random.Random(f"keys:{seed}")

        def key(label: str) -> str:
            return f"sk-sim-{label}-" + "".join(
                rng.choice(string.ascii_letters + string.digits) for _ in range(32)
            )

        return cls(read=key("read"), read_delete=key("admin"), no_scope=key("platform"))


@dataclass(frozen=True)
class RequestRecord:
    """One API call as the server saw it; status 0 means the connection was reset."""

    method: str
    path: str
    query: str
    status: int
    had_authorization: bool


def _clock(now: datetime | None) -> Callable[[], datetime]:
    if now is None:
        return lambda: datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("SimulatorConfig.now must be timezone-aware")
    started = time.monotonic()
    return lambda: now + timedelta(seconds=time.monotonic() - started)


def _normalize_scopes(scopes: set[str]) -> frozenset[str]:
    names = frozenset(scope.removeprefix("api.compliance.") for scope in scopes)
    unknown = names - {READ_SCOPE, DELETE_SCOPE}
    if unknown:
        raise ValueError(f"unknown scopes {sorted(unknown)}; use 'read' and/or 'delete'")
    return names


class RunningSimulator:
    """A simulator serving in a daemon thread; use as a context manager or call ``close``."""

    def __init__(self, config: SimulatorConfig) -> None:
        self.config = config
        self._clock = _clock(config.now)
        self._lock = threading.RLock()
        self._dice = FaultDice(config.seed, config.faults)
        self._workspace = Workspace(
            config.seed,
            config.workspace_size(),
            self._clock(),
            config.hostile,
            text_mix=config.text_mix,
            events_per_log_file=config.events_per_log_file,
        )
        self.keys = SimulatorKeys.for_seed(config.seed)
        self._key_scopes: dict[str, frozenset[str]] = {
            self.keys.read: frozenset({READ_SCOPE}),
            self.keys.read_delete: frozenset({READ_SCOPE, DELETE_SCOPE}),
            self.keys.no_scope: frozenset(),
        }
        self._requests: deque[RequestRecord] = deque(maxlen=REQUEST_LOG_LIMIT)
        self._in_flight = 0
        self._peak_in_flight = 0
        self._server = _Server((config.host, config.port), _Handler, self)
        port = self._server.server_address[1]
        api_host = "127.0.0.1" if config.host in _WILDCARD_HOSTS else config.host
        download_host = "localhost" if api_host == "127.0.0.1" else "127.0.0.1"
        self.origin = f"http://{api_host}:{port}"
        self.base_url = f"{self.origin}/v1"
        self.api = ComplianceApi(
            self._workspace,
            self._key_scopes,
            self._dice,
            UrlSigner.for_seed(config.seed),
            self._clock,
            download_origin=f"http://{download_host}:{port}",
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # how long close() may wait for the loop to notice
            name=f"compliance-simulator:{port}",
            daemon=True,
        )

    # ----------------------------------------------------------------- lifecycle
    def start(self) -> RunningSimulator:
        self._thread.start()
        self.write_truth()
        return self

    def close(self) -> None:
        self._server.shutdown()
        self._server.close_open_connections()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> RunningSimulator:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ----------------------------------------------------------------- identity
    @property
    def workspace_id(self) -> str:
        return self._workspace.id

    @property
    def organization_id(self) -> str:
        return self._workspace.organization_id

    @property
    def workspace_name(self) -> str:
        return self._workspace.name

    def info(self) -> dict[str, Any]:
        """What a user needs to point the product at this simulator (includes the keys)."""
        return {
            "base_url": self.base_url,
            "workspace_id": self.workspace_id,
            "workspace_name": self.workspace_name,
            "organization_id": self.organization_id,
            "keys": {
                "read": self.keys.read,
                "read_delete": self.keys.read_delete,
                "no_scope": self.keys.no_scope,
            },
            "admin_url": f"{self.origin}{ADMIN_PREFIX.rstrip('/')}",
        }

    # ----------------------------------------------------------------- control
    def add_key(self, key: str, scopes: set[str]) -> None:
        with self._lock:
            self._key_scopes[key] = _normalize_scopes(scopes)

    def truth(self) -> GroundTruth:
        with self._lock:
            return build_truth(self._workspace, self._dice)

    def hostile(self) -> HostileManifest:
        """Where the configured hostile content went (empty when none is configured)."""
        return self._workspace.hostile

    def counts(self) -> dict[str, int]:
        """Live objects per kind: what a complete pull lands, without building the truth."""
        with self._lock:
            return self._workspace.counts()

    def write_truth(self) -> None:
        path = self.config.truth_path
        if path is None:
            return
        payload = json.dumps(self.truth().to_dict(), ensure_ascii=False, indent=1)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(payload, encoding="utf-8")
        os.replace(partial, path)

    def add_activity(
        self,
        conversations: int = 2,
        messages_per_conversation: int = 4,
        files: int = 1,
        prompts: Sequence[str] = (),
        gpt_id: str | None = None,
    ) -> dict[str, list[str]]:
        with self._lock:
            created = self._workspace.add_activity(
                self._clock(), conversations, messages_per_conversation, files, prompts, gpt_id
            )
        self.write_truth()
        return created

    def publish_raw_log(self, event_type: str, body: bytes) -> str:
        """Serve ``body`` verbatim as a new log file of ``event_type``; returns its id."""
        with self._lock:
            return self._workspace.publish_raw_log(self._clock(), event_type, body)

    @property
    def faults(self) -> FaultSpec:
        return self._dice.spec

    def set_faults(self, spec: FaultSpec) -> None:
        with self._lock:
            self._dice.spec = spec
        self.write_truth()

    def request_log(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._requests)

    def reset_request_log(self) -> None:
        """Forget the calls seen so far, and the peak of concurrent requests."""
        with self._lock:
            self._requests.clear()
            self._peak_in_flight = self._in_flight

    @property
    def peak_in_flight(self) -> int:
        """The most requests (API calls and downloads) answered at once so far."""
        with self._lock:
            return self._peak_in_flight

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        """Count a request as in flight while the handler answers it."""
        with self._lock:
            self._in_flight += 1
            self._peak_in_flight = max(self._peak_in_flight, self._in_flight)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    # ----------------------------------------------------------------- used by the handler
    def record(self, record: RequestRecord) -> None:
        with self._lock:
            self._requests.append(record)

    def answer(self, request: ApiRequest) -> ApiResponse:
        with self._lock:
            response = self.api.handle(request)
        if request.method == "DELETE" and response.status == 200:
            self.write_truth()
        return response

    @property
    def dice(self) -> FaultDice:
        return self._dice


def serve_in_thread(config: SimulatorConfig | None = None) -> RunningSimulator:
    """Start a simulator on loopback; it stops on ``close()`` or at the end of a ``with``."""
    return RunningSimulator(config or SimulatorConfig()).start()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        simulator: RunningSimulator,
    ) -> None:
        self.simulator = simulator
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, handler)

    def track(self, connection: socket.socket, is_open: bool) -> None:
        with self._connections_lock:
            if is_open:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_open_connections(self) -> None:
        """Keep-alive connections would otherwise keep answering after the server stopped."""
        with self._connections_lock:
            for connection in self._connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            self._connections.clear()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    server_version = "ComplianceSimulator/1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without this, Nagle's algorithm and
        # delayed ACKs add ~40 ms to every keep-alive response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection, is_open=True)

    def finish(self) -> None:
        self.server.track(self.connection, is_open=False)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log; ``request_log()`` records calls instead."""

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    # ----------------------------------------------------------------- dispatch
    def _dispatch(self) -> None:
        body = self._read_body()
        url = urlsplit(self.path)
        if url.path.startswith(ADMIN_PREFIX):
            self._send(self._admin(url.path, body))
            return
        # Counted as in flight until its answer is ready, not until it is written: a client
        # may send its next request as soon as it has read this answer.
        with self.server.simulator.answering():
            answer = self._answer(url)
        if answer is None:
            self._reset()
        else:
            self._send(*answer)

    def _answer(self, url: SplitResult) -> tuple[ApiResponse, bool] | None:
        """The response and whether to truncate it, or None to drop the connection."""
        simulator = self.server.simulator
        request = ApiRequest(
            method=self.command,
            path=url.path,
            query=parse_qs(url.query, keep_blank_values=True),
            authorization=self.headers.get("Authorization"),
        )

        def record(status: int) -> None:
            simulator.record(
                RequestRecord(
                    self.command, url.path, url.query, status, request.authorization is not None
                )
            )

        dice = simulator.dice
        delay = dice.latency()
        if delay:
            time.sleep(delay)
        fault = dice.pick_transient(rate_limited=not url.path.startswith(SIGNED_PREFIX))
        if fault == "reset":
            record(0)
            return None
        if fault in ("429", "429_no_retry_after"):
            response = error_response(
                429, "Rate limit reached for requests. Please try again later.", "requests"
            )
            if fault == "429":
                response.headers["Retry-After"] = str(dice.spec.retry_after)
        elif fault == "5xx":
            response = _server_error(dice.choice(SERVER_ERROR_STATUSES))
        else:
            response = simulator.answer(request)
            signed = url.path.startswith(SIGNED_PREFIX)
            if response.status == 200 and not signed and dice.hits("gzip_bomb"):
                response = _gzip_bomb()
        record(response.status)
        return response, fault == "truncate"

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, response: ApiResponse, truncate: bool = False) -> None:
        body = response.body
        truncate = truncate and len(body) > 1
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if truncate:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            # A client that stops reading an over-budget body closes the connection.
            with contextlib.suppress(ConnectionError):
                self.wfile.write(body[: len(body) // 2] if truncate else body)

    def _reset(self) -> None:
        """Drop the connection with a TCP RST and no response at all."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.rfile.close()

    # ----------------------------------------------------------------- admin
    def _admin(self, path: str, body: bytes) -> ApiResponse:
        if not ipaddress.ip_address(self.client_address[0]).is_loopback:
            return error_response(403, "admin endpoints answer loopback only", "forbidden")
        simulator = self.server.simulator
        route = (self.command, path.removeprefix(ADMIN_PREFIX).rstrip("/"))
        try:
            if route == ("GET", "info"):
                return json_response(200, simulator.info())
            if route == ("GET", "counts"):
                return json_response(200, simulator.counts())
            if route == ("GET", "hostile"):
                return json_response(200, simulator.hostile().to_dict())
            if route == ("GET", "truth"):
                return json_response(200, simulator.truth().to_dict())
            if route == ("GET", "requests"):
                return json_response(200, [asdict(r) for r in simulator.request_log()])
            if route == ("DELETE", "requests"):
                simulator.reset_request_log()
                return json_response(200, {"cleared": True})
            if route == ("POST", "activity"):
                return json_response(200, simulator.add_activity(**_json_object(body)))
            if route == ("PUT", "faults"):
                spec = FaultSpec.parse(str(_json_object(body).get("spec", "")))
                simulator.set_faults(spec)
                return json_response(200, {"spec": str(spec)})
        except (ValueError, TypeError) as error:
            return error_response(400, str(error), "invalid_request_error")
        return error_response(404, f"Unknown admin endpoint {self.command} {path}", "not_found")


def _json_object(body: bytes) -> dict[str, Any]:
    payload = json.loads(body or b"{}")
    if not isinstance(payload, dict):
        raise ValueError("expected a JSON object")
    return payload


@functools.cache
def _gzip_bomb_body() -> bytes:
    """A JSON object padded with spaces to 128 MiB, gzip-compressed to about 128 KiB."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * 2**20
    chunks = [deflater.compress(b'{"data": [], "has_more": false, "padding": "')]
    chunks += [deflater.compress(block) for _ in range(128)]
    chunks.append(deflater.compress(b'"}') + deflater.flush())
    return b"".join(chunks)


def _gzip_bomb() -> ApiResponse:
    """The ``gzip_bomb`` fault: small on the wire, far over any budget once inflated."""
    return ApiResponse(200, _gzip_bomb_body(), headers={"Content-Encoding": "gzip"})


def _server_error(status: int) -> ApiResponse:
    """Some gateways answer plain text, the API itself JSON; clients must cope with both."""
    if status in (502, 504):
        reason = "Bad Gateway" if status == 502 else "Gateway Timeout"
        return ApiResponse(status, f"{status} {reason}".encode(), content_type="text/plain")
    return error_response(
        status,
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
    )
