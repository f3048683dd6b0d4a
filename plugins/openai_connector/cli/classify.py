"""``openai-connector classify``: findings in texts, JSONL files or documents, as JSONL.

Input: with no FILE, or ``-``, JSONL on stdin; a ``.jsonl``/``.ndjson`` file likewise. Each
line is ``{"id": …, "text": …}`` (id a string or a whole number, echoed as given). Any other
file is a document (text, PDF, Office …, by its type), its id the path as given.

Output: one JSON object per finding on stdout, in input order: ``id``, ``entity_type``,
``start`` and ``end`` (character offsets in the text, or in the part at ``location``),
``score``, ``masked`` (a masked preview, never the value), ``severity``, ``recognizer`` and
``location`` (a document's page, sheet or slide; ``null`` for plain text). ``--policy FILE``
applies a detection policy, as a workspace run would.

Bad input (invalid JSON, a missing id or text, an unreadable or unsupported file) is named on
stderr with its file and line, never with its content, and skipped: the rest is still
classified, and the exit code is 2. An invalid policy stops before any input is read.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from openai_connector.budgets import loads
from openai_connector.cli import Subcommands

if TYPE_CHECKING:
    from openai_connector.classify import Finding, TextItem

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
EXIT_BAD_INPUT = 2


def register(commands: Subcommands) -> None:
    parser = commands.add_parser(
        "classify",
        help="find PII and secrets in JSONL texts or documents; findings as JSONL",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="JSONL of {id, text} ('-' or none: stdin) or a document (id: its path)",
    )
    parser.add_argument("--policy", metavar="FILE", help="detection policy (YAML) to apply")
    parser.set_defaults(handler=_classify)


def _classify(args: argparse.Namespace) -> int:
    from openai_connector.classify import ClassificationError
    from openai_connector.policy import Policy, PolicyError, load_policy, policy_classifier

    try:
        policy = load_policy(args.policy) if args.policy else Policy.default()
    except PolicyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if not args.verbose:
        # Presidio logs every recognizer it loads at INFO: noise around the findings.
        logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    inputs = Inputs(args.files or [STDIN])
    try:
        for item, findings in policy_classifier(policy).classify(inputs.items()):
            ident = inputs.ids.pop(item.object_id)
            sys.stdout.writelines(f"{json.dumps(finding_row(ident, f))}\n" for f in findings)
    except ClassificationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if inputs.skipped:
        print(f"classify: {inputs.skipped} input(s) skipped, see above", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def finding_row(ident: str | int, finding: Finding) -> dict[str, Any]:
    """The output object of one finding: where it is and what it is, masked."""
    return {
        "id": ident,
        "entity_type": finding.entity_type,
        "start": finding.start,
        "end": finding.end,
        "score": finding.score,
        "masked": finding.masked_preview,
        "severity": finding.severity,
        "recognizer": finding.recognizer,
        "location": finding.location,
    }


class Inputs:
    """Text items read from the command's sources; a bad one is reported and skipped.

    Items get a running number as object id; ``ids`` maps it back to the caller's id until
    the item's findings are written, so memory stays bounded by the classifier's batch.
    """

    def __init__(self, sources: Iterable[str]) -> None:
        self.sources = list(sources)
        self.ids: dict[str, str | int] = {}
        self.skipped = 0
        self._numbers = itertools.count()

    def items(self) -> Iterator[TextItem]:
        for source in self.sources:
            if source == STDIN:
                yield from self._jsonl(sys.stdin.buffer, "<stdin>")
            elif Path(source).suffix.lower() in JSONL_SUFFIXES:
                yield from self._jsonl_file(source)
            else:
                yield from self._document(source)

    def _item(self, ident: str | int, text: str, location: str | None = None) -> TextItem:
        from openai_connector.classify import TextItem

        key = str(next(self._numbers))
        self.ids[key] = ident
        return TextItem("input", key, text, location)

    def _skip(self, where: str, problem: str) -> None:
        print(f"{where}: {problem}", file=sys.stderr)
        self.skipped += 1

    def _jsonl_file(self, path: str) -> Iterator[TextItem]:
        try:
            with open(path, "rb") as handle:
                yield from self._jsonl(handle, path)
        except OSError as exc:
            self._skip(path, f"cannot read ({exc.strerror})")

    def _jsonl(self, lines: IO[bytes], name: str) -> Iterator[TextItem]:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            where = f"{name} line {number}"
            try:
                record = loads(raw)
            except ValueError as exc:  # not UTF-8, not JSON, or nested past the budget
                problem = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
                self._skip(where, f"invalid JSON ({problem})")
                continue
            ident = record.get("id") if isinstance(record, dict) else None
            text = record.get("text") if isinstance(record, dict) else None
            if isinstance(ident, bool) or not isinstance(ident, str | int):
                self._skip(where, 'expected an object with "id" (a string or a whole number)')
            elif not isinstance(text, str):
                self._skip(where, 'expected an object with "text" (a string)')
            else:
                yield self._item(ident, text)

    def _document(self, path: str) -> Iterator[TextItem]:
        from openai_connector.extract import extract_text

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self._skip(path, f"cannot read ({exc.strerror})")
            return
        extracted = extract_text(path, None, data)
        if extracted.status != "ok":
            self._skip(path, f"{extracted.status.replace('_', ' ')}: {extracted.detail}")
            return
        for segment in extracted.segments:
            yield self._item(path, segment.text, segment.location)
