"""Detection quality per entity type: the project classifier beside Presidio's default engine.

Run: python bench/quality.py [--size 900] [--seed 20261130]

Both detectors see the same texts from ``quality_corpus.generate_corpus`` (a labelled,
seeded set of chat-like texts with PII, credentials, code, logs and decoys) at the same
score threshold (the classifier config's, 0.4 by default):
- ours: ``openai_connector.classify.get_classifier()``, findings after overlap resolution;
- presidio default: ``AnalyzerEngine()`` on a spaCy engine loading the same installed model
  (never a download), its predefined recognizers unchanged, ``analyze`` per text.

Span matching rule: a prediction is a true positive when its entity type equals a label's
and its span overlaps that label's span (at least one shared character); a label is found
when at least one such prediction exists. So precision = matching predictions / all
predictions of the type, recall = found labels / labels of the type, and
F2 = 5PR / (4P + R) weighs recall twice, as a data-loss scan should. Predictions of types the
corpus never labels (DATE_TIME, LOCATION, URL, …) are outside the evaluation and ignored.
The "credentials" row pools every secret type, "overall" pools every labelled type.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from quality_corpus import DEFAULT_SEED, DEFAULT_SIZE, LABELLED, LabelledSpan, Sample
from quality_corpus import generate_corpus as build_corpus

PII_TYPES = (
    "PERSON",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "IP_ADDRESS",
)
SECRET_TYPES = tuple(entity for entity in LABELLED if entity not in PII_TYPES)
EVALUATED = frozenset(LABELLED)

Prediction = LabelledSpan
Detector = Callable[[Sequence[Any]], list[list[Prediction]]]
T = TypeVar("T")


@dataclass
class Tally:
    """Counts for one entity type (or a pool of them)."""

    predicted: int = 0
    correct: int = 0
    labelled: int = 0
    found: int = 0

    def add(self, other: Tally) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.labelled += other.labelled
        self.found += other.found

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.labelled if self.labelled else None

    @property
    def f2(self) -> float | None:
        precision, recall = self.precision or 0.0, self.recall
        if recall is None or precision + recall == 0:
            return None if recall is None else 0.0
        return 5 * precision * recall / (4 * precision + recall)


def _overlaps(a: LabelledSpan, b: LabelledSpan) -> bool:
    return a.entity_type == b.entity_type and a.start < b.end and b.start < a.end


def score(
    samples: Sequence[Sample], predictions: Sequence[Iterable[Prediction]]
) -> dict[str, Tally]:
    """Per-type tallies under the overlap rule of the module docstring."""
    tallies = {entity: Tally() for entity in LABELLED}
    for sample, predicted in zip(samples, predictions, strict=True):
        kept = [p for p in predicted if p.entity_type in EVALUATED]
        for prediction in kept:
            tally = tallies[prediction.entity_type]
            tally.predicted += 1
            tally.correct += any(_overlaps(prediction, label) for label in sample.spans)
        for label in sample.spans:
            tally = tallies[label.entity_type]
            tally.labelled += 1
            tally.found += any(_overlaps(label, prediction) for prediction in kept)
    return tallies


def pooled(tallies: dict[str, Tally], entities: Iterable[str]) -> Tally:
    """One tally summing several types (micro average)."""
    total = Tally()
    for entity in entities:
        total.add(tallies[entity])
    return total


def ours(samples: Sequence[Sample]) -> list[list[Prediction]]:
    """The project classifier's findings, batched as in production."""
    from openai_connector.classify import TextItem, get_classifier

    items = [TextItem("message", str(index), sample.text) for index, sample in enumerate(samples)]
    return [
        [Prediction(f.entity_type, f.start, f.end) for f in findings]
        for _, findings in get_classifier().classify(items)
    ]


def presidio_default(samples: Sequence[Any]) -> list[list[Prediction]]:
    """Presidio's stock engine and recognizers on the same installed spaCy model, offline."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from openai_connector.classify import ClassifierConfig

    config = ClassifierConfig()
    # The stock e-mail recognizer's shared extractor would fetch the suffix list online.
    tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    nlp_engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": config.language, "model_name": config.spacy_model}],
        }
    ).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=[config.language])
    return [
        [
            Prediction(r.entity_type, r.start, r.end)
            for r in analyzer.analyze(
                sample.text, language=config.language, score_threshold=config.score_threshold
            )
        ]
        for sample in samples
    ]


Scorer = Callable[[Sequence[Any], list[list[Prediction]]], T]


def compare(samples: Sequence[Any], scorer: Scorer[T], mine: Detector) -> dict[str, T]:
    """Ours and Presidio's default scored on the same samples; prints how long each took."""
    results, timings = {}, {}
    for name, detector in (("ours", mine), ("presidio default", presidio_default)):
        started = time.perf_counter()
        results[name] = scorer(samples, detector(samples))
        timings[name] = time.perf_counter() - started
    print(", ".join(f"{name} {seconds:.1f}s" for name, seconds in timings.items()))
    return results


def _fmt(value: float | None) -> str:
    return "    -" if value is None else f"{value:5.3f}"


def _row(name: str, left: Tally, right: Tally) -> str:
    cells = [f"{_fmt(t.precision)} {_fmt(t.recall)} {_fmt(t.f2)}" for t in (left, right)]
    return f"{name:<24} {left.labelled:>5}  {cells[0]}   {cells[1]}"


def print_table(left: dict[str, Tally], right: dict[str, Tally]) -> None:
    """Per-type rows, then the credentials and overall pools, ours beside Presidio's."""
    print(f"{'':<24} {'':>5}  {'ours':^17}   {'presidio default':^17}")
    print(f"{'entity type':<24} {'n':>5}  {'P     R     F2':^17}   {'P     R     F2':^17}")
    for entity in (*PII_TYPES, *SECRET_TYPES):
        print(_row(entity, left[entity], right[entity]))
    print("-" * 64)
    for name, entities in (("credentials", SECRET_TYPES), ("overall", tuple(LABELLED))):
        print(_row(name, pooled(left, entities), pooled(right, entities)))


def main() -> None:
    """Generate the corpus, run both detectors, print the table and the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()

    samples = build_corpus(args.size, args.seed)
    labels = Counter(span.entity_type for sample in samples for span in sample.spans)
    print(f"{len(samples)} texts, {sum(labels.values())} labelled values, seed {args.seed}")
    results = compare(samples, score, ours)
    print_table(results["ours"], results["presidio default"])


if __name__ == "__main__":
    main()
