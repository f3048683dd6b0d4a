"""Fault injection: which failures the simulator plays and how often.

A spec reads like ``"429=0.2,reset=0.1,retry_after=0"``. Rates are probabilities per request
(0..1); ``latency`` is the largest delay in seconds; ``retry_after`` is the value of the
``Retry-After`` header sent with ``429``. A kind without ``=`` means rate 1.
"""

from __future__ import annotations

import hashlib
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

TRANSIENT_KINDS = ("429", "429_no_retry_after", "5xx", "reset", "truncate")
"""Faults that fail one request; a retry of the same request may succeed."""

RATE_KINDS = (
    *TRANSIENT_KINDS,
    "sha_mismatch",
    "duplicate_events",
    "concatenated",
    "boundary",
    "legacy_gone",
    "logs_unavailable",
    "expired_files",
    *("deep_json", "cursor_loop", "gzip_bomb", "oversized_log", "insecure_redirect"),
)
"""``deep_json``: a log file gains a line nested 50,000 levels deep. ``cursor_loop``: a log
listing page creeps one microsecond past ``after`` and serves the previous file again.
``gzip_bomb``: a JSON answer comes gzip-encoded, inflating past any sane budget.
``oversized_log``: a log file's download serves more than its listing declared.
``insecure_redirect``: a download redirect points at plain http on a non-loopback host."""
KNOWN_KINDS = ("latency", "retry_after", *RATE_KINDS)
DATA_KINDS = ("expired_files",)
"""Faults that describe the workspace's data rather than a bad moment of the API: an upload
that expired stays expired, so :meth:`FaultSpec.settled` keeps them."""
SERVER_ERROR_STATUSES = (500, 502, 503, 504)

FAULT_SCENARIOS: dict[str, str] = {
    "latency": "latency=0.05",
    "429": "429=0.4,retry_after=0",
    "429_no_retry_after": "429_no_retry_after=0.4",
    "5xx": "5xx=0.4",
    "reset": "reset=0.3",
    "truncate": "truncate=0.3",
    "sha_mismatch": "sha_mismatch=0.5",
    "duplicate_events": "duplicate_events=0.5",
    "concatenated": "concatenated=0.5",
    "boundary": "boundary=1",
    "expired_files": "expired_files=0.5",
    "logs_unavailable": "logs_unavailable=1",
    "legacy_gone": "logs_unavailable=1,legacy_gone=1",
    "deep_json": "deep_json=0.5",
    "cursor_loop": "cursor_loop=1",
    "gzip_bomb": "gzip_bomb=0.5",
    "oversized_log": "oversized_log=0.5",
    "insecure_redirect": "insecure_redirect=0.4",
    "mixed": (
        "latency=0.02,429=0.1,retry_after=0,429_no_retry_after=0.1,5xx=0.1,reset=0.05,"
        "truncate=0.05,sha_mismatch=0.3,duplicate_events=0.5,concatenated=0.3,boundary=0.5,"
        "expired_files=0.3,logs_unavailable=0.1,legacy_gone=0.5,deep_json=0.3,cursor_loop=0.05,"
        "gzip_bomb=0.01,oversized_log=0.1,insecure_redirect=0.1"
    ),
}
"""Named fault specs for reliability tests and the fault-matrix benchmark.

Each kind plays alone at a rate high enough to hit most runs, so a run that survives has
really been tested; ``retry_after=0`` keeps 429 retries instant. ``legacy_gone`` only bites
when the legacy conversations endpoint is read, which a run does when the logs platform is
unavailable, so it comes with ``logs_unavailable``: both surfaces gone, every run must fail
with the logs error and converge once they are back. ``mixed`` plays every kind at once,
with the transient rates lower so that a request still gets through within a few retries
and the logs platform rarely away, so that most runs reach extraction and files.
"""


@dataclass(frozen=True)
class FaultSpec:
    """An immutable set of fault rates; the empty spec means a well-behaved API."""

    rates: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    latency: float = 0.0
    retry_after: int = 1

    @classmethod
    def parse(cls, spec: str | None) -> FaultSpec:
        """Parse ``kind=value,...``; raise ValueError naming any unknown kind or bad value."""
        rates: dict[str, float] = {}
        latency = 0.0
        retry_after = 1
        for item in (spec or "").split(","):
            item = item.strip()
            if not item:
                continue
            kind, _, raw_value = item.partition("=")
            kind = kind.strip()
            if kind not in KNOWN_KINDS:
                raise ValueError(
                    f"unknown fault kind {kind!r}; known kinds: {', '.join(KNOWN_KINDS)}"
                )
            value = _parse_number(kind, raw_value.strip() or "1")
            if kind == "latency":
                latency = value
            elif kind == "retry_after":
                if value != int(value):
                    raise ValueError(f"retry_after must be whole seconds, got {raw_value!r}")
                retry_after = int(value)
            else:
                if value > 1:
                    raise ValueError(f"fault rate for {kind!r} must be within 0..1, got {value}")
                rates[kind] = value
        return cls(rates=MappingProxyType(rates), latency=latency, retry_after=retry_after)

    def rate(self, kind: str) -> float:
        return self.rates.get(kind, 0.0)

    def settled(self) -> FaultSpec:
        """The API once its bad moments have passed: only the data kinds of this spec remain
        (the expected outcome of each file must not change between a run and its rerun)."""
        kept = {kind: rate for kind, rate in self.rates.items() if kind in DATA_KINDS}
        return FaultSpec(rates=MappingProxyType(kept))

    def __str__(self) -> str:
        parts = [f"{kind}={rate:g}" for kind, rate in self.rates.items() if rate]
        if self.latency:
            parts.append(f"latency={self.latency:g}")
        if self.retry_after != 1:
            parts.append(f"retry_after={self.retry_after}")
        return ",".join(parts)


def _parse_number(kind: str, raw_value: str) -> float:
    try:
        value = float(raw_value)
    except ValueError:
        raise ValueError(f"fault {kind!r} needs a number, got {raw_value!r}") from None
    if value < 0:
        raise ValueError(f"fault {kind!r} must not be negative, got {value}")
    return value


class FaultDice:
    """Seeded, thread-safe random draws against the current spec."""

    def __init__(self, seed: int, spec: FaultSpec) -> None:
        self._random = random.Random(f"faults:{seed}")
        self._lock = threading.Lock()
        self._seed = seed
        self.spec = spec

    def hits(self, kind: str) -> bool:
        rate = self.spec.rate(kind)
        if rate <= 0:
            return False
        with self._lock:
            return self._random.random() < rate

    def latency(self) -> float:
        if self.spec.latency <= 0:
            return 0.0
        with self._lock:
            return self._random.uniform(0, self.spec.latency)

    def choice(self, options: tuple[int, ...]) -> int:
        with self._lock:
            return self._random.choice(options)

    def pick_transient(self, rate_limited: bool = True) -> str | None:
        """The transient fault to play on this request, if any (at most one).

        Pre-signed downloads are not rate limited by the API, so they get no 429.
        """
        for kind in TRANSIENT_KINDS:
            if (rate_limited or not kind.startswith("429")) and self.hits(kind):
                return kind
        return None

    def stable_hit(self, kind: str, key: str) -> bool:
        """A draw that is the same for the same key every time (for immutable artefacts)."""
        rate = self.spec.rate(kind)
        if rate <= 0:
            return False
        digest = hashlib.sha256(f"{self._seed}:{kind}:{key}".encode()).digest()
        return int.from_bytes(digest[:8], "big") / 2**64 < rate
