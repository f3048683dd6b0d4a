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
``b`` is held out. A third reports the second blind round (``peer_blind_round2``), written
the same way after the first round had been used for tuning, and held out as a whole: all
its cases, then each half. A fourth reports the third blind round (``peer_blind_round3``),
written the same way after the first two had been used for tuning; it has no halves and is
reported whole. Rounds 4 and 5 (``peer_blind_round4``, ``peer_blind_round5``) were written
the same way, in parallel, by two more engineers after round 3 had been used for tuning,
rounds 6 and 7 by two more after rounds 4 and 5 had been, rounds 8 and 9 by two more
after rounds 6 and 7 had been, rounds 10 and 11 by two more after rounds 8 and 9 had
been, rounds 12 and 13 by two more after rounds 10 and 11 had been, rounds 14 and 15 by
two more after rounds 12 and 13 had been, rounds 16 and 17 by two more after rounds 14
and 15 had been, and rounds 18 and 19 by two more after rounds 16 and 17 had been. Both
detectors see every set in the same run.

``--families`` adds recall and false positives per family, and every case of any blind
round ours missed or falsely flagged.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.peer_blind_corpus import blind_cases, blind_half
from bench.peer_blind_round2 import round2_cases, round2_half
from bench.peer_blind_round3 import round3_cases
from bench.peer_blind_round4 import round4_cases
from bench.peer_blind_round5 import round5_cases
from bench.peer_blind_round6 import round6_cases
from bench.peer_blind_round7 import round7_cases
from bench.peer_blind_round8 import round8_cases
from bench.peer_blind_round9 import round9_cases
from bench.peer_blind_round10 import round10_cases
from bench.peer_blind_round11 import round11_cases
from bench.peer_blind_round12 import round12_cases
from bench.peer_blind_round13 import round13_cases
from bench.peer_blind_round14 import round14_cases
from bench.peer_blind_round15 import round15_cases
from bench.peer_blind_round16 import round16_cases
from bench.peer_blind_round17 import round17_cases
from bench.peer_blind_round18 import round18_cases
from bench.peer_blind_round19 import round19_cases
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


class BlindRound(NamedTuple):
    """A set written without the detector in view, reported whole and/or by half."""

    label: str
    title: str
    cases: list[Case]
    half: Callable[[Case], str] | None  # None: a round with no halves, reported whole
    whole_column: bool  # a column for both halves together, beside each half

    def halves(self) -> tuple[str, ...]:
        return ("a", "b") if self.half else ("all",)

    def half_of(self, case: Case) -> str:
        return self.half(case) if self.half else "all"


def _blind_results(blind: BlindRound, hits: dict[str, list[list[Hit]]]) -> tuple[Results, Results]:
    """Per detector, the round as a whole and per half (columns ``name`` and ``name, h``)."""
    whole: Results = {}
    columns: Results = {}
    for name, found in hits.items():
        whole[name] = evaluate(blind.cases, found)
        if blind.whole_column:
            columns[name] = whole[name]
        if blind.half is None:
            continue
        for half in blind.halves():
            indices = [i for i, case in enumerate(blind.cases) if blind.half(case) == half]
            members = [blind.cases[i] for i in indices]
            columns[f"{name}, {half}"] = evaluate(members, [found[i] for i in indices])
    return whole, columns


def _print_blind_errors(blind: BlindRound, hits: list[list[Hit]]) -> None:
    print(f"\n{blind.label} cases ours got wrong (family, kind, half, text):")
    for case, found in zip(blind.cases, hits, strict=True):
        if _is_error(case, found):
            print(f"  {case.family} | {case.kind} | {blind.half_of(case)} | {case.text[:150]!r}")


def main() -> None:
    """Build the cases, run both detectors on every set, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--families", action="store_true", help="rows per family too")
    args = parser.parse_args()

    cases = peer_cases(args.seed)
    rounds = (
        BlindRound(
            "blind",
            "blind round (written without the detector in view), half a / half b",
            blind_cases(args.seed),
            blind_half,
            whole_column=False,
        ),
        BlindRound(
            "round 2",
            "blind round 2 (written without the detector in view; held out), all / a / b",
            round2_cases(args.seed),
            round2_half,
            whole_column=True,
        ),
        BlindRound(
            "round 3",
            "blind round 3 (written without the detector in view; measured once, then tuned on)",
            round3_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 4",
            "blind round 4 (written without the detector in view, by a fourth engineer)",
            round4_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 5",
            "blind round 5 (written without the detector in view, by a fifth engineer)",
            round5_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 6",
            "blind round 6 (written without the detector in view, by a sixth engineer)",
            round6_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 7",
            "blind round 7 (written without the detector in view, by a seventh engineer)",
            round7_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 8",
            "blind round 8 (written without the detector in view, by an eighth engineer)",
            round8_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 9",
            "blind round 9 (written without the detector in view, by a ninth engineer)",
            round9_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 10",
            "blind round 10 (written without the detector in view, by a tenth engineer)",
            round10_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 11",
            "blind round 11 (written without the detector in view, by an eleventh engineer)",
            round11_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 12",
            "blind round 12 (written without the detector in view, by a twelfth engineer)",
            round12_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 13",
            "blind round 13 (written without the detector in view, by a thirteenth engineer)",
            round13_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 14",
            "blind round 14 (written without the detector in view, by a fourteenth engineer)",
            round14_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 15",
            "blind round 15 (written without the detector in view, by a fifteenth engineer)",
            round15_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 16",
            "blind round 16 (written without the detector in view, by a sixteenth engineer)",
            round16_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 17",
            "blind round 17 (written without the detector in view, by a seventeenth engineer)",
            round17_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 18",
            "blind round 18 (written without the detector in view, by an eighteenth engineer)",
            round18_cases(args.seed),
            None,
            whole_column=True,
        ),
        BlindRound(
            "round 19",
            "blind round 19 (written without the detector in view, by a nineteenth engineer)",
            round19_cases(args.seed),
            None,
            whole_column=True,
        ),
    )
    results: Results = {}
    round_hits: list[dict[str, list[list[Hit]]]] = [{} for _ in rounds]
    timings = {}
    for name, detector in (("ours", ours), ("presidio default", presidio)):
        started = time.perf_counter()
        hits = detector([*cases, *(case for blind in rounds for case in blind.cases)])
        timings[name] = time.perf_counter() - started
        results[name] = evaluate(cases, hits[: len(cases)])
        start = len(cases)
        for blind, found in zip(rounds, round_hits, strict=True):
            found[name] = hits[start : start + len(blind.cases)]
            start += len(blind.cases)
    print(f"{len(cases)} texts, seed {args.seed}")
    _print_table(results)
    evaluated = [
        _blind_results(blind, found) for blind, found in zip(rounds, round_hits, strict=True)
    ]
    for blind, (_, columns) in zip(rounds, evaluated, strict=True):
        sizes = ", ".join(
            f"{half}: {sum(blind.half_of(case) == half for case in blind.cases)}"
            for half in blind.halves()
        )
        print(f"\n{blind.title} ({sizes} texts)")
        _print_table(columns)
    if args.families:
        print()
        _print_families(results)
        for blind, (whole, _), found in zip(rounds, evaluated, round_hits, strict=True):
            print()
            _print_families(whole, f"{blind.label} ")
            _print_blind_errors(blind, found["ours"])
    print(", ".join(f"{name} {seconds:.1f}s (all sets)" for name, seconds in timings.items()))


if __name__ == "__main__":
    main()
