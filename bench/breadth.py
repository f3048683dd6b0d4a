"""PII breadth per entity: the project classifier beside Presidio's default engine.

Run: python bench/breadth.py [--seed 20261206] [--per-id 24] [--per-kind 120]

Both detectors see the texts of ``breadth_corpus.generate``: every national identifier
scheme of the catalog with valid numbers in chat sentences and their broken twins (one
character changed, so the scheme's validation fails), then dates of birth, street
addresses, lower-case names, medical record numbers, health-plan ids and PHI, each beside
look-alikes. Ours is the pipeline's classifier under the default policy; Presidio's
default is ``AnalyzerEngine()`` on the same installed spaCy model, at the same threshold.

- recall: labelled values with a finding of the right type overlapping them;
- twins / look-alikes reported: texts where that entity type is reported at all;
- presidio "any": labelled values (or twins) overlapped by a finding of *any* type, which
  is what a reviewer sees when Presidio flags a CPF as a phone number.

Groups marked ``*`` are held out: phrasings, names and formats written after the
recognizers were tuned on the others, and reported as they stand; ``**`` marks a second
held-out round of lower-case names, written before the name gazetteer was chosen, and
``***`` a third, written before the international gazetteer and the NER gate, ``****``
a fourth, written before the name rules were tuned on the third's misses, and ``*****``
a fifth, written after the fourth's one run and before its misses were looked at, and
``******`` a sixth, likewise after the fifth's; ``*******`` a seventh, written by an
engineer who did not change the rules and read by nobody who did before its one run.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from breadth_corpus import DEFAULT_SEED, PER_CONTEXT_KIND, PER_ID, Case, generate
from quality import Prediction, compare

from openai_connector.classify.national_ids import NATIONAL_ID_ENTITIES

#: Context groups report an entity type of another name (``*``: the held-out phrasings).
ENTITY_OF_GROUP = {
    "LOWERCASE_PERSON": "PERSON",
    "LOWERCASE_PERSON*": "PERSON",
    "LOWERCASE_PERSON**": "PERSON",
    "LOWERCASE_PERSON***": "PERSON",
    "LOWERCASE_PERSON****": "PERSON",
    "LOWERCASE_PERSON*****": "PERSON",
    "LOWERCASE_PERSON******": "PERSON",
    "LOWERCASE_PERSON*******": "PERSON",
}


@dataclass
class Counts:
    """Per group: labelled values found, and negatives (twins, look-alikes) reported."""

    labelled: int = 0
    found: int = 0
    found_any: int = 0
    negatives: int = 0
    reported: int = 0
    reported_any: int = 0

    def add(self, other: Counts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _overlap(prediction: Prediction, start: int, end: int) -> bool:
    return prediction.start < end and start < prediction.end


def tally(cases: Sequence[Case], predictions: Sequence[list[Prediction]]) -> dict[str, Counts]:
    """Counts per group under the rules of the module docstring."""
    counts: dict[str, Counts] = defaultdict(Counts)
    for case, predicted in zip(cases, predictions, strict=True):
        entity = ENTITY_OF_GROUP.get(case.group, case.group.rstrip("*"))
        of_type = [p for p in predicted if p.entity_type == entity]
        row = counts[case.group]
        for span in case.spans:
            row.labelled += 1
            row.found += any(_overlap(p, span.start, span.end) for p in of_type)
            row.found_any += any(_overlap(p, span.start, span.end) for p in predicted)
        if not case.spans:
            row.negatives += 1
            row.reported += bool(of_type)
            if case.twin is not None:
                row.reported_any += any(_overlap(p, *case.twin) for p in predicted)
    return counts


def ours(cases: Sequence[Case]) -> list[list[Prediction]]:
    """The pipeline's classifier under the default policy."""
    from openai_connector.classify import TextItem
    from openai_connector.policy import Policy, policy_classifier

    items = [TextItem("message", str(index), case.text) for index, case in enumerate(cases)]
    return [
        [Prediction(f.entity_type, f.start, f.end) for f in findings]
        for _, findings in policy_classifier(Policy.default()).classify(items)
    ]


def _rate(part: int, whole: int) -> str:
    return "    -" if whole == 0 else f"{part / whole:5.3f}"


def print_table(mine: dict[str, Counts], stock: dict[str, Counts]) -> None:
    """Identifier rows, their pool, then the context-bound groups."""
    header = (
        f"{'group':<24} {'n':>4} {'neg':>4} | {'ours R':>6} {'ours neg':>8} |"
        f" {'pres R':>6} {'pres any':>8} {'any neg':>7}"
    )
    print(header)
    print("-" * len(header))
    pool_mine, pool_stock = Counts(), Counts()
    identifiers = sorted(group for group in mine if group in NATIONAL_ID_ENTITIES)
    others = [group for group in mine if group not in NATIONAL_ID_ENTITIES]
    for group in (*identifiers, None, *others):
        if group is None:
            print("-" * len(header))
            _print_row("national ids (pooled)", pool_mine, pool_stock)
            print("-" * len(header))
            continue
        if group in NATIONAL_ID_ENTITIES:
            pool_mine.add(mine[group])
            pool_stock.add(stock[group])
        _print_row(group, mine[group], stock[group])


def _print_row(name: str, mine: Counts, stock: Counts) -> None:
    print(
        f"{name:<24} {mine.labelled:>4} {mine.negatives:>4} |"
        f" {_rate(mine.found, mine.labelled):>6} {_rate(mine.reported, mine.negatives):>8} |"
        f" {_rate(stock.found, stock.labelled):>6} {_rate(stock.found_any, stock.labelled):>8}"
        f" {_rate(stock.reported_any, stock.negatives):>7}"
    )


def main() -> None:
    """Generate the set, run both detectors, print the table and the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--per-id", type=int, default=PER_ID)
    parser.add_argument("--per-kind", type=int, default=PER_CONTEXT_KIND)
    args = parser.parse_args()

    cases = generate(args.seed, args.per_id, args.per_kind)
    print(f"{len(cases)} texts, seed {args.seed}")
    results = compare(cases, tally, ours)
    print_table(results["ours"], results["presidio default"])


if __name__ == "__main__":
    main()
