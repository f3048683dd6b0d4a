"""Peer evaluation: secrets and PII on the cases other projects test their detectors with.

Run: python bench/peer_secrets.py [--seed 20261206] [--families]

The cases (``peer_corpus.peer_cases``) follow the families, formats and negatives of
gitleaks' rules, detect-secrets' and trufflehog's detector tests and Presidio's analyzer
tests, generated at run time. Both detectors see the same texts at the classifier
config's score threshold: ours (``get_classifier()``) and Presidio's default engine.

- secrets recall: a labelled credential counts as found when a finding of any credential
  type overlaps it, reported for ``literal`` and ``generated`` cases apart;
- secrets false positives: share of negative texts with any credential finding;
- critical on harmless: findings of critical severity on the harmless negatives (ours);
- PII recall: a labelled value found by a finding of its own type that overlaps it;
- PII false positives: share of PII look-alike texts with any PII or LOCATION finding.

``--families`` adds recall and false positives per family.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.peer_corpus import DEFAULT_SEED, SECRET, Case, peer_cases
from bench.quality import presidio_default

PII_TYPES = frozenset(
    {"PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "US_SSN", "IBAN_CODE", "IP_ADDRESS"}
)
# Findings that are neither credentials nor personal data a look-alike may be mistaken for.
CONTEXT_TYPES = frozenset(
    {"DATE_TIME", "NRP", "URL", "ORGANIZATION", "UUID", "MAC_ADDRESS", "LOCATION"}
)
PII_FALSE_POSITIVE_TYPES = PII_TYPES | {"LOCATION"}
OTHER_IDENTIFIERS = ("US_", "UK_", "MEDICAL_", "CRYPTO", "IN_", "AU_", "SG_", "IT_", "ES_", "PL_")


class Hit(NamedTuple):
    entity_type: str
    start: int
    end: int
    severity: str


def is_credential(entity_type: str) -> bool:
    """Every type that is neither personal data nor context is a credential type."""
    return (
        entity_type not in PII_TYPES
        and entity_type not in CONTEXT_TYPES
        and not entity_type.startswith(OTHER_IDENTIFIERS)
    )


def ours(cases: Sequence[Case]) -> list[list[Hit]]:
    """The project classifier's findings, batched as in production."""
    from openai_connector.classify import TextItem, get_classifier

    items = [TextItem("message", str(index), case.text) for index, case in enumerate(cases)]
    return [
        [Hit(f.entity_type, f.start, f.end, f.severity) for f in findings]
        for _, findings in get_classifier().classify(items)
    ]


def presidio(cases: Sequence[Case]) -> list[list[Hit]]:
    """Presidio's default engine; severities are ours for the same entity type."""
    from openai_connector.classify import severity_for

    return [
        [Hit(p.entity_type, p.start, p.end, severity_for(p.entity_type)) for p in found]
        for found in presidio_default(cases)
    ]


class Score(NamedTuple):
    found: int
    total: int

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.rate:6.3f} ({self.found}/{self.total})"


def _label_found(case: Case, hits: list[Hit]) -> bool:
    for span in case.spans:
        for hit in hits:
            overlaps = hit.start < span.end and span.start < hit.end
            same = (
                is_credential(hit.entity_type)
                if span.entity_type == SECRET
                else (hit.entity_type == span.entity_type)
            )
            if overlaps and same:
                return True
    return False


def _fires(case: Case, hits: list[Hit]) -> bool:
    if case.kind == "negative":
        return any(is_credential(hit.entity_type) for hit in hits)
    return any(hit.entity_type in PII_FALSE_POSITIVE_TYPES for hit in hits)


def evaluate(cases: Sequence[Case], hits: Sequence[list[Hit]]) -> dict[str, dict[str, Score]]:
    """Per kind (and per family), found or fired over cases."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for case, found in zip(cases, hits, strict=True):
        if case.kind in ("negative", "pii_negative"):
            outcome = _fires(case, found)
        else:
            outcome = _label_found(case, found)
        for key in (case.kind, f"{case.kind}:{case.family}"):
            counts[key]["all"][0] += outcome
            counts[key]["all"][1] += 1
        if case.harmless:
            critical = sum(hit.severity == "critical" for hit in found)
            counts["harmless"]["critical"][0] += critical
            counts["harmless"]["critical"][1] += 1
    return {
        key: {name: Score(*pair) for name, pair in value.items()} for key, value in counts.items()
    }


ROWS = (
    ("secrets recall, literal", "literal"),
    ("secrets recall, generated", "generated"),
    ("secrets false positives", "negative"),
    ("PII recall", "pii"),
    ("PII false positives", "pii_negative"),
)


def main() -> None:
    """Build the cases, run both detectors, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--families", action="store_true", help="rows per family too")
    args = parser.parse_args()

    cases = peer_cases(args.seed)
    results, timings = {}, {}
    for name, detector in (("ours", ours), ("presidio default", presidio)):
        started = time.perf_counter()
        results[name] = evaluate(cases, detector(cases))
        timings[name] = time.perf_counter() - started
    print(f"{len(cases)} texts, seed {args.seed}")
    print(f"{'':<34}{'ours':>20}{'presidio default':>24}")
    for label, key in ROWS:
        left, right = (results[name][key]["all"] for name in results)
        print(f"{label:<34}{left!s:>20}{right!s:>24}")
    harmless = results["ours"]["harmless"]["critical"]
    print(
        f"{'critical findings on harmless set':<34}{harmless.found:>20}  (texts: {harmless.total})"
    )
    if args.families:
        print()
        for key in sorted(k for k in results["ours"] if ":" in k):
            left, right = (results[name][key]["all"] for name in results)
            if key.startswith(("negative", "pii_negative")) and left.found == 0:
                continue
            if key.startswith(("literal", "generated", "pii:")) and left.found == left.total:
                continue
            print(f"{key:<40}{left!s:>20}{right!s:>24}")
    print(", ".join(f"{name} {seconds:.1f}s" for name, seconds in timings.items()))


if __name__ == "__main__":
    main()
