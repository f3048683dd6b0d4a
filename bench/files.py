"""Files: the files step over a simulated workspace, one file at a time vs concurrent.

Run: python bench/files.py [--files 400] [--limited-files 150] [--seed 3]

The simulator serves a workspace of ``--files`` files (text, CSV, JSON, PDF, Word, Excel as
it renders them, and a seventh of them PNG images) from another process. Each
configuration gets a fresh warehouse, where inventory and messages are landed first so
every file is pending; then only the files step is timed:

- ``one at a time``: one download at a time, classification every 25 texts and landing every
  25 files (about what the step did before it went concurrent: 25 files at a time);
- ``concurrent``: the step's defaults (``FileOptions()``);
- both without OCR (as on a worker without tesseract: images are recorded ``unsupported``),
  then ``concurrent`` with OCR, to measure OCR apart;
- ``concurrent`` again under the client's real default rate limits (100 item reads a minute,
  a burst of 100) on a workspace of ``--limited-files`` files. The simulator itself enforces
  no rate limit, so every other run goes as fast as the client and the machine allow.

Stage seconds are the step's own figures (its summary), summed over the threads that spend
them: downloads (rate-limit waits included) and extraction run on the download threads,
classification and landing on the step's thread. ``bound`` is the step's own verdict: the
busiest of the API's rate limit, the download threads, classification and landing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openai_connector.api import ComplianceClient, RateLimits, WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify import Classifier
from openai_connector.pipeline import steps
from openai_connector.pipeline.files import FileOptions, sync_files
from openai_connector.pipeline.job import RunPlan, WorkspaceJob
from openai_connector.pipeline.window import resolve_window

ONE_AT_A_TIME = FileOptions(downloads=1, window=1, classify_texts=25, land_files=25)
CONCURRENT = FileOptions()


@dataclass(frozen=True)
class Setup:
    label: str
    options: FileOptions
    ocr: bool
    real_limits: bool = False


@dataclass
class Figures:
    setup: Setup
    seconds: float
    files: int
    documents_scanned: int
    images: int
    summary: dict[str, Any]
    load: tuple[float, ...]


@contextlib.contextmanager
def simulator(files: int, seed: int) -> Iterator[dict[str, Any]]:
    """``openai-connector simulate`` with as many messages as files, in a child process so
    its CPU time is not this process's; yields what it printed (URL, workspace, keys)."""
    command = [sys.executable, "-m", "openai_connector.simulator.cli", "--port", "0"]
    command += ["--seed", str(seed), "--messages", str(files), "--files", str(files)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            line = process.stdout.readline() if process.stdout else ""
            if not line:
                sys.exit(f"the simulator exited with {process.wait()} before serving")
            yield json.loads(line)
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextlib.contextmanager
def without_ocr() -> Iterator[None]:
    """Hide tesseract from this process, as on a worker that does not have it."""
    path = os.environ.get("PATH", "")
    kept = [d for d in path.split(os.pathsep) if not (Path(d) / "tesseract").exists()]
    os.environ["PATH"] = os.pathsep.join(kept)
    try:
        yield
    finally:
        os.environ["PATH"] = path


def run_setup(info: dict[str, Any], setup: Setup, scratch: Path) -> Figures:
    """A fresh warehouse with inventory and messages landed; then the timed files step."""
    settings = WorkspaceSettings(
        workspace_id=info["workspace_id"],
        organization_id=info["organization_id"],
        api_key=info["keys"]["read"],
        base_url=info["base_url"],
        workspace_name=info["workspace_name"],
    )
    store = CatalogStore(CatalogConfig(warehouse=tempfile.mkdtemp(prefix="files-", dir=scratch)))
    store.ensure_tables()
    now = datetime.now(UTC)
    plan = RunPlan.create(
        run_id="bench/files",
        conn_id="bench",
        workspace_id=settings.workspace_id,
        window=resolve_window(now=now, watermark=None),
        started_at=now,
    )

    classifier = Classifier()  # its own dedupe cache: no run reuses another's analyses

    def job(rate_limits: RateLimits) -> WorkspaceJob:
        return WorkspaceJob(
            plan=plan,
            settings=settings,
            catalog=store,
            client_factory=lambda: ComplianceClient(settings, rate_limits=rate_limits),
            classifier_factory=lambda: classifier,
            progress_every=60.0,
        )

    steps.sync_inventory(job(RateLimits.unlimited()))
    steps.sync_messages(job(RateLimits.unlimited()))
    limits = RateLimits() if setup.real_limits else RateLimits.unlimited()
    load_before = os.getloadavg()
    with contextlib.nullcontext() if setup.ocr else without_ocr():
        started = time.perf_counter()
        summary = sync_files(job(limits), setup.options)
        seconds = time.perf_counter() - started
    load = tuple(max(a, b) for a, b in zip(load_before, os.getloadavg(), strict=True))
    rows = store.read("files", columns=["mime_type", "status"]).to_pylist()
    images = [(r["mime_type"] or "").startswith("image/") for r in rows]
    documents = sum(
        1 for r, image in zip(rows, images, strict=True) if r["status"] == "scanned" and not image
    )
    classifier.close()
    return Figures(setup, seconds, len(rows), documents, sum(images), summary, load)


def report(results: list[Figures]) -> None:
    header = (
        "| run | files | wall s | files/s | scanned documents/s | download s | extract s | OCR s "
        "| classify s | land s | API calls/file | rate-limit wait s | bound | load avg 1/5 min |"
    )
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for f in results:
        stage = f.summary["seconds"].get
        calls = f.summary["api"]["calls_total"] / max(f.files, 1)
        print(
            f"| {f.setup.label} | {f.files} | {f.seconds:.1f} | {f.files / f.seconds:.1f} "
            f"| {f.documents_scanned / f.seconds:.1f} | {stage('download', 0):.1f} "
            f"| {stage('extract', 0):.1f} | {stage('ocr', 0):.1f} | {stage('classify', 0):.1f} "
            f"| {stage('land', 0):.1f} | {calls:.2f} | {stage('rate_limit_wait', 0):.1f} "
            f"| {f.summary['bound']} | {f.load[0]:.1f} / {f.load[1]:.1f} |"
        )
    by_label = {f.setup.label: f for f in results}
    old, new = by_label.get("one at a time, no OCR"), by_label.get("concurrent, no OCR")
    if old and new:
        ratio = (new.files / new.seconds) / (old.files / old.seconds)
        print(f"\nconcurrent / one at a time (files/s, no OCR, same run): {ratio:.2f}x")
    ocr = by_label.get("concurrent, OCR")
    if ocr and ocr.images:
        ocr_seconds = ocr.summary["seconds"].get("ocr", 0.0)
        print(
            f"OCR: {ocr.images} images in {ocr_seconds:.1f} s of OCR summed over the download "
            f"threads ({ocr.images / max(ocr_seconds, 1e-9):.1f} images/s per thread)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--limited-files", type=int, default=150)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    print(
        f"files: {args.files:,} files (and {args.limited_files:,} under the real limits), "
        f"seed {args.seed}, {os.cpu_count()} CPUs, classifier processes "
        f"{os.environ.get('OPENAI_CONNECTOR_CLASSIFY_PROCESSES', 'default')}",
        flush=True,
    )
    setups = [
        Setup("one at a time, no OCR", ONE_AT_A_TIME, ocr=False),
        Setup("concurrent, no OCR", CONCURRENT, ocr=False),
        Setup("concurrent, OCR", CONCURRENT, ocr=True),
    ]
    results: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="bench-files-") as scratch:
        with simulator(args.files, args.seed) as info:
            for setup in setups:
                results.append(run_setup(info, setup, Path(scratch)))
                print(f"  {setup.label}: {results[-1].seconds:.1f} s", flush=True)
        if args.limited_files:
            limited = Setup("concurrent, real client limits, no OCR", CONCURRENT, False, True)
            with simulator(args.limited_files, args.seed) as info:
                results.append(run_setup(info, limited, Path(scratch)))
                print(f"  {limited.label}: {results[-1].seconds:.1f} s", flush=True)
    report(results)


if __name__ == "__main__":
    main()
