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

A second table reports the blind round (``peer_blind_corpus``), written without the
detector in view and frozen before it first ran, by half: ``a`` may be used for tuning,
``b`` is held out. Both detectors see both sets in the same run.

``--families`` adds recall and false positives per family, and every blind case ours
missed or falsely flagged.
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

from bench.peer_blind_corpus import blind_cases, blind_half
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


def _outcome(case: Case, hits: list[Hit]) -> bool:
    """Found (for a labelled case) or fired (for a negative one)."""
    if case.kind in ("negative", "pii_negative"):
        return _fires(case, hits)
    return _label_found(case, hits)


def _is_error(case: Case, hits: list[Hit]) -> bool:
    return _outcome(case, hits) == (case.kind in ("negative", "pii_negative"))


def evaluate(cases: Sequence[Case], hits: Sequence[list[Hit]]) -> dict[str, dict[str, Score]]:
    """Per kind (and per family), found or fired over cases."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for case, found in zip(cases, hits, strict=True):
        outcome = _outcome(case, found)
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


Results = dict[str, dict[str, dict[str, Score]]]  # column -> key -> "all"/"critical" -> score


def _print_table(columns: Results) -> None:
    """The summary rows, one column per detector (and half)."""
    width = max(20, *(len(name) + 2 for name in columns))
    print(f"{'':<34}" + "".join(f"{name:>{width}}" for name in columns))
    for label, key in ROWS:
        scores = (str(results[key]["all"]) for results in columns.values())
        print(f"{label:<34}" + "".join(f"{score:>{width}}" for score in scores))
    critical = (results["harmless"]["critical"] for results in columns.values())
    print(
        f"{'critical findings on harmless set':<34}"
        + "".join(f"{f'{c.found} ({c.total} texts)':>{width}}" for c in critical)
    )


def _print_families(columns: Results, prefix: str = "") -> None:
    """Families where ours misses a label or fires on a negative."""
    ours = columns["ours"]
    for key in sorted(k for k in ours if ":" in k):
        left = ours[key]["all"]
        if key.startswith(("negative", "pii_negative")) and left.found == 0:
            continue
        if key.startswith(("literal", "generated", "pii:")) and left.found == left.total:
            continue
        others = "".join(f"{results[key]['all']!s:>24}" for results in columns.values())
        print(f"{prefix + key:<46}{others}")


def main() -> None:
    """Build the cases, run both detectors on both sets, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--families", action="store_true", help="rows per family too")
    args = parser.parse_args()

    cases, blind = peer_cases(args.seed), blind_cases(args.seed)
    halves = {
        half: [i for i, case in enumerate(blind) if blind_half(case) == half] for half in "ab"
    }
    results: Results = {}
    blind_results: Results = {}
    blind_hits: dict[str, list[list[Hit]]] = {}
    timings = {}
    for name, detector in (("ours", ours), ("presidio default", presidio)):
        started = time.perf_counter()
        hits = detector([*cases, *blind])
        timings[name] = time.perf_counter() - started
        results[name] = evaluate(cases, hits[: len(cases)])
        blind_hits[name] = found = hits[len(cases) :]
        blind_results[name] = evaluate(blind, found)
        for half, indices in halves.items():
            members = [blind[i] for i in indices]
            blind_results[f"{name}, {half}"] = evaluate(members, [found[i] for i in indices])
    print(f"{len(cases)} texts, seed {args.seed}")
    _print_table(results)
    sizes = ", ".join(f"{half}: {len(members)}" for half, members in halves.items())
    print(f"\nblind round (written without the detector in view), half a / half b ({sizes} texts)")
    _print_table({name: blind_results[name] for name in blind_results if "," in name})
    if args.families:
        print()
        _print_families(results)
        print()
        _print_families(
            {name: blind_results[name] for name in ("ours", "presidio default")}, "blind "
        )
        print("\nblind cases ours got wrong (family, kind, half, text):")
        for case, hits in zip(blind, blind_hits["ours"], strict=True):
            if _is_error(case, hits):
                print(f"  {case.family} | {case.kind} | {blind_half(case)} | {case.text[:150]!r}")
    print(", ".join(f"{name} {seconds:.1f}s (both sets)" for name, seconds in timings.items()))


if __name__ == "__main__":
    main()
