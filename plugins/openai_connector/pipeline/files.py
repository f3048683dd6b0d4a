"""The files step: fetch, extract, classify and land every pending file.

A file costs one API call and one download, and waiting on the network would leave the
classifier idle, so downloads run on a few threads, each extracting the file it fetched
(parsing and OCR overlap the next downloads). The threads share the client and so its
rate limiter: concurrency never raises the request rate above the key's limit. The step's
own thread classifies the fetched files in groups and lands them in large batches (one
commit per table for hundreds of files), while at most ``FileOptions.window`` fetched files
wait for it (back-pressure). Whatever a file holds is an outcome recorded on its row; an
API failure stops the step, but only after every file fetched so far has been landed.

The step's summary says where its time went (``seconds`` per stage, summed over the threads
that spent it) and so what bound it: the API's rate limit, the download threads (downloads
and extraction), classification or landing.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from openai_connector.api.models import ATTRIBUTION_COLUMNS
from openai_connector.extract.model import ExtractLimits, Segment
from openai_connector.pipeline.landing import classify, land_findings, stamp, with_findings
from openai_connector.pipeline.progress import Progress

if TYPE_CHECKING:
    from openai_connector.api import ComplianceClient
    from openai_connector.classify import TextItem
    from openai_connector.pipeline.job import WorkspaceJob

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FileOptions:
    """How the files step spreads its work.

    - ``downloads``: files fetched (and extracted) at once, within the client's rate limit.
    - ``window``: fetched files that may wait while the step's thread classifies or lands;
      bounds memory. At least the files of one classification group, so the next group
      downloads while this one is classified.
    - ``classify_texts`` / ``classify_chars``: text segments classified together, by count
      and by characters. Two of the classifier's batches (64 texts), so two classifier
      processes share a group evenly (a group is one call, which ends on its slowest batch).
    - ``land_files``: files landed in one commit per table (a crash redoes at most these).
    - ``limits``: what extracting one file may cost (its size is also the download cap).
    """

    downloads: int = 4
    window: int = 200
    classify_texts: int = 128
    classify_chars: int = 2_000_000
    land_files: int = 500
    limits: ExtractLimits = field(default_factory=ExtractLimits)

    def __post_init__(self) -> None:
        for name in ("downloads", "window", "classify_texts", "classify_chars", "land_files"):
            if getattr(self, name) < 1:
                raise ValueError(f"FileOptions.{name} must be at least 1")


class StageClock:
    """Seconds spent per stage, summed over the threads that spend them."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    def add(self, stage: str, seconds: float) -> None:
        with self._lock:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @contextlib.contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(stage, time.perf_counter() - started)

    def bound(self, downloads: int) -> str:
        """The busiest lane: waiting for request slots and downloading (``rate_limit_wait``
        is part of ``download``) and extracting share the download threads; classification
        and landing share the step's thread."""
        spent = self.seconds.get
        lanes = {
            "API rate limit": spent("rate_limit_wait", 0.0) / downloads,
            "downloads and extraction": (
                spent("download", 0.0)
                - spent("rate_limit_wait", 0.0)
                + spent("extract", 0.0)
                + spent("ocr", 0.0)
            )
            / downloads,
            "classification": spent("classify", 0.0),
            "landing": spent("land", 0.0),
        }
        if not any(lanes.values()):
            return "nothing (no file to fetch)"
        return max(lanes, key=lanes.__getitem__)


@dataclass(frozen=True)
class FetchedFile:
    """A file's row with its fetch and extraction outcome, and the text found in it."""

    row: dict[str, Any]
    segments: tuple[Segment, ...] = ()

    @property
    def chars(self) -> int:
        return sum(len(segment.text) for segment in self.segments)


def sync_files(job: WorkspaceJob, options: FileOptions | None = None) -> dict[str, Any]:
    """Fetch, extract and classify every pending file (chat uploads expire after 48 hours)."""
    from openai_connector.catalog.operations import pending_files

    options = options or FileOptions()
    with job.client() as client:
        if not job.plan.include_files:
            log.info("include_files is off: file content is not fetched in this run.")
            return job.summary()
        rows = pending_files(job.catalog, job.plan.workspace_id)
        progress = Progress(
            "files", unit="files", total=len(rows), every=job.progress_every, logger=log
        )
        clock = StageClock()
        batch = _FileBatch(job, options, progress, clock)
        try:
            for fetched in _fetch_files(client, rows, options, clock):
                job.count(f"files_{fetched.row['status']}")
                batch.add(fetched)
        except Exception:
            batch.land()  # what was fetched before the failure is kept
            raise
        batch.land()
        progress.finish()
        clock.add("rate_limit_wait", float(client.stats.snapshot()["rate_limit_wait_seconds"]))
        bound = clock.bound(options.downloads)
        log.info(
            "files: %s seconds (summed over threads); bound by %s",
            ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in clock.seconds.items()),
            bound,
        )
        seconds = {stage: round(value, 3) for stage, value in clock.seconds.items()}
        return job.summary() | {"seconds": seconds, "bound": bound}


def _fetch_files(
    client: ComplianceClient, rows: list[dict[str, Any]], options: FileOptions, clock: StageClock
) -> Iterator[FetchedFile]:
    """Each file fetched and extracted, in the order the downloads finish.

    At most ``options.downloads`` run at once and ``options.window`` wait to be consumed.
    When a fetch raises, no new one starts; the files already fetched are yielded first,
    then the first error is raised.
    """
    queued = iter(rows)
    running: set[Future[FetchedFile]] = set()
    error: BaseException | None = None
    pool = ThreadPoolExecutor(options.downloads, thread_name_prefix="file-fetch")
    try:
        while True:
            if error is None:
                for row in queued:
                    running.add(pool.submit(_fetch_file, client, row, options.limits, clock))
                    if len(running) >= options.window:
                        break
            if not running:
                break
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                failure = future.exception()
                if failure is None:
                    yield future.result()
                elif error is None:
                    error = failure
        if error is not None:
            raise error
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _FileBatch:
    """Fetched files waiting to be classified, and classified rows waiting to be landed."""

    def __init__(
        self, job: WorkspaceJob, options: FileOptions, progress: Progress, clock: StageClock
    ) -> None:
        self._job = job
        self._options = options
        self._progress = progress
        self._clock = clock
        self._unclassified: list[FetchedFile] = []
        self._unclassified_texts = 0
        self._unclassified_chars = 0
        self._rows: list[dict[str, Any]] = []
        self._findings: dict[str, list[Any]] = {}

    def add(self, fetched: FetchedFile) -> None:
        self._unclassified.append(fetched)
        self._unclassified_texts += len(fetched.segments)
        self._unclassified_chars += fetched.chars
        if (
            self._unclassified_texts >= self._options.classify_texts
            or self._unclassified_chars >= self._options.classify_chars
        ):
            self._classify()
        if len(self._rows) >= self._options.land_files:
            self.land()

    def _classify(self) -> None:
        """Each text segment (page, sheet, slide) is classified with its location, so a
        finding points into the file."""
        from openai_connector.classify import TextItem

        texts: list[TextItem] = [
            TextItem("file", fetched.row["file_id"], segment.text, location=segment.location)
            for fetched in self._unclassified
            for segment in fetched.segments
        ]
        with self._clock.timing("classify"):
            classified = classify(self._job, texts)
        for fetched in self._unclassified:
            file_id = fetched.row["file_id"]
            found = self._findings[file_id] = classified.findings.get(file_id, [])
            self._rows.append(
                with_findings(fetched.row, found)
                | {"classify_truncated": file_id in classified.truncated}
            )
        self._unclassified, self._unclassified_texts, self._unclassified_chars = [], 0, 0

    def land(self) -> None:
        """Classify what waits, then land the rows and their findings."""
        if self._unclassified:
            self._classify()
        if not self._rows:
            return
        job = self._job
        with self._clock.timing("land"):
            conversations = [row.get("conversation_id") for row in self._rows]
            attribution = _conversation_attribution(job, conversations)
            context = {
                row["file_id"]: {**row, **attribution.get(row.get("conversation_id") or "", {})}
                for row in self._rows
            }
            land_findings(job, "file", self._findings, context)
            job.catalog.upsert("files", stamp(self._rows, job))
        self._progress.advance(len(self._rows))
        self._rows, self._findings = [], {}


def _conversation_attribution(
    job: WorkspaceJob, conversation_ids: list[str | None]
) -> dict[str, dict[str, Any]]:
    """The GPT/project each conversation ran in, so a chat upload's findings name it too."""
    from openai_connector.catalog.operations import rows_by_key

    wanted = sorted({c for c in conversation_ids if c})
    columns = ["conversation_id", *ATTRIBUTION_COLUMNS]
    stored = rows_by_key(
        job.catalog, "conversations", "conversation_id", wanted, columns,
        workspace_id=job.plan.workspace_id,
    )  # fmt: skip
    return {
        row["conversation_id"]: {c: row[c] for c in ATTRIBUTION_COLUMNS if row[c]} for row in stored
    }


def _fetch_file(
    client: ComplianceClient, row: dict[str, Any], limits: ExtractLimits, clock: StageClock
) -> FetchedFile:
    """The file's row with what fetching and extracting it found, and its text segments.

    Chat uploads and GPT/project knowledge files take this same path. The status is the
    fetch outcome (``expired``, ``not_found``, ``too_large``; ``error`` for an id the API
    cannot have issued) or, once fetched, ``scanned``
    or the extraction outcome (``unsupported``, ``too_large``, ``corrupt``, ``encrypted``,
    ``timeout``) with its reason in ``status_detail``.
    """
    from openai_connector.api.ids import InvalidIdError
    from openai_connector.extract import extract_text
    from openai_connector.extract.formats import detect_type

    try:
        with clock.timing("download"):
            fetching = client.fetch_file(
                row["kind"],
                row["file_id"],
                user_id=row.get("user_id"),
                conversation_id=row.get("conversation_id"),
                max_bytes=limits.max_bytes,
            )
    except InvalidIdError as exc:  # the API listed an id no URL may hold: record, never fetch
        return FetchedFile({**row, "status": "error", "status_detail": str(exc)})
    with fetching as fetch:
        row = {**row, "status": fetch.status, "fetched_at": datetime.now(UTC)}
        if fetch.status == "too_large":
            row["status_detail"] = f"download larger than {limits.max_bytes} bytes"
        if fetch.status != "fetched":
            return FetchedFile(row)
        mime_type = row.get("mime_type") or fetch.content_type
        name, data = row.get("name") or "", fetch.read()
        stage = "ocr" if detect_type(name, mime_type, data).family == "image" else "extract"
        with clock.timing(stage):
            extracted = extract_text(name, mime_type, data, limits)
        row |= {"size": fetch.size, "sha256": fetch.sha256, "mime_type": mime_type}
    scanned = extracted.status == "ok"
    row |= {
        "status": "scanned" if scanned else extracted.status,
        "status_detail": extracted.detail,
        "text_length": extracted.char_count if scanned else None,
    }
    return FetchedFile(row, extracted.segments)
