"""Classification throughput: messages per second, CPU time and peak memory per method.

Run: python bench/throughput.py [--messages 1000] [--batch-size 64] [--sweep]
                               [--methods presidio-per-message,ours-1]

Every method classifies the same chat mix (``chat_mix.py``) in a fresh process of its
own, after loading its model and warming up on other texts, so neither loading nor
another method's memory is counted:

- presidio per-message: stock ``AnalyzerEngine`` and stock ``SpacyNlpEngine`` (the full
  pipeline of the installed model), ``analyze`` per text — the baseline;
- presidio batch: Presidio's ``BatchAnalyzerEngine`` on that engine;
- ours, 1 and 2 processes: ``Classifier.classify`` (NER-only pipeline, NER only in the
  gate's windows, batches, exact prefilters, each distinct text once);
- spaCy NER only: ``nlp.pipe`` with the NER component alone over every text — the floor
  of any classifier that runs NER everywhere (ours runs it only around the words that
  could be part of an entity, ``ner_gate``).

The Presidio engines use the project's recognizers, so all do the same detection work.
CPU time counts worker processes too, and "CPU ratio" is the baseline's CPU seconds over
the method's (on a loaded machine less disturbed than the wall-clock ratio); peak RSS
sums the method's processes, sampled.
With ``--sweep``, "ours" also runs at batch sizes 16 to 256.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
from chat_mix import chat_mix

METHODS = ("presidio-per-message", "presidio-batch", "ours-1", "ours-2", "spacy-ner-floor")
LABELS = {
    "presidio-per-message": "presidio per-message",
    "presidio-batch": "presidio BatchAnalyzerEngine",
    "ours-1": "ours, 1 process",
    "ours-2": "ours, 2 processes",
    "spacy-ner-floor": "spaCy NER only (floor)",
}
WARM_UP = [
    "Warm-up: please summarise the attached minutes for Dana Whitfield by Monday.",
    "Warm-up: the staging host answers on 10.0.0.12 and mail goes to ops@acme-corp.io.",
] * 8
SAMPLE_SECONDS = 0.02


class PeakRss:
    """Samples the summed RSS of this process and its children until stopped."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(SAMPLE_SECONDS)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def tree_cpu_seconds() -> float:
    """User and system CPU time of this process and its live children."""
    me = psutil.Process()
    total = 0.0
    for process in [me, *me.children(recursive=True)]:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def prepare(method: str, batch_size: int) -> Callable[[list[str]], int]:
    """Load the method's engine; return a function classifying texts, giving result count."""
    from openai_connector.classify import ClassifierConfig, TextItem

    config = ClassifierConfig(batch_size=batch_size, processes=2 if method == "ours-2" else 1)
    if method.startswith("ours"):
        from openai_connector.classify import Classifier

        classifier = Classifier(config)

        def ours(texts: list[str]) -> int:
            items = (TextItem("message", str(index), text) for index, text in enumerate(texts))
            return sum(len(findings) for _, findings in classifier.classify(items))

        return ours
    if method == "spacy-ner-floor":
        from openai_connector.classify.nlp import LOWERCASE_LEMMAS, load_pipeline

        nlp = load_pipeline(config.spacy_model)
        nlp.remove_pipe(LOWERCASE_LEMMAS)

        def floor(texts: list[str]) -> int:
            return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=batch_size))

        return floor
    return presidio(method, config)


def presidio(method: str, config: object) -> Callable[[list[str]], int]:
    """Stock Presidio engines on the installed model, with the project's recognizers."""
    import spacy
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from openai_connector.classify.engine import get_analyzer
    from openai_connector.classify.nlp import NER_CONFIGURATION

    model, language = config.spacy_model, config.language  # type: ignore[attr-defined]
    if not spacy.util.is_package(model):
        sys.exit(f"spaCy model {model} is not installed (this benchmark never downloads)")
    nlp_engine = SpacyNlpEngine(
        models=[{"lang_code": language, "model_name": model}],
        ner_model_configuration=NER_CONFIGURATION,
    )
    nlp_engine.load()
    registry = get_analyzer(config).registry  # type: ignore[arg-type]
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine)
    threshold = config.score_threshold  # type: ignore[attr-defined]
    batch_size = config.batch_size  # type: ignore[attr-defined]
    if method == "presidio-batch":
        batch = BatchAnalyzerEngine(analyzer_engine=analyzer)

        def batched(texts: list[str]) -> int:
            results = batch.analyze_iterator(
                texts, language, batch_size=batch_size, score_threshold=threshold
            )
            return sum(map(len, results))

        return batched

    def per_message(texts: list[str]) -> int:
        found = (analyzer.analyze(text, language, score_threshold=threshold) for text in texts)
        return sum(map(len, found))

    return per_message


def run_method(method: str, count: int, batch_size: int) -> dict[str, float]:
    """Measure one method in this process (called in a fresh child by ``main``)."""
    memory = PeakRss()
    texts = chat_mix(count)
    classify = prepare(method, batch_size)
    classify(WARM_UP)
    cpu_before, started = tree_cpu_seconds(), time.perf_counter()
    results = classify(texts)
    elapsed = time.perf_counter() - started
    cpu = tree_cpu_seconds() - cpu_before
    return {
        "per_second": count / elapsed,
        "cpu_seconds": cpu,
        "peak_rss_mb": memory.stop() / 2**20,
        "results": results,
    }


def measure(method: str, count: int, batch_size: int) -> dict[str, float]:
    """Run one method in a fresh interpreter and read its figures."""
    command = [sys.executable, str(Path(__file__)), "--method", method]
    command += ["--messages", str(count), "--batch-size", str(batch_size)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{method} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Measure every method and print a table with ratios to the per-message baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--sweep", action="store_true", help="also run ours at other batch sizes")
    parser.add_argument(
        "--methods",
        default=",".join(METHODS),
        help="comma-separated subset to run; the baseline (presidio-per-message) always runs",
    )
    parser.add_argument("--method", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.method:
        print(json.dumps(run_method(args.method, args.messages, args.batch_size)))
        return

    texts = chat_mix(args.messages)
    print(
        f"{len(texts)} messages, {len(set(texts))} distinct, "
        f"avg {sum(map(len, texts)) / len(texts):.0f} chars; batch size {args.batch_size}; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start"
    )
    chosen = {"presidio-per-message", *args.methods.split(",")}
    unknown = chosen - set(METHODS)
    if unknown:
        parser.error(f"unknown methods {sorted(unknown)}; choose from {', '.join(METHODS)}")
    methods = [method for method in METHODS if method in chosen]
    rows = [(LABELS[m], measure(m, args.messages, args.batch_size)) for m in methods]
    if args.sweep:
        rows += [
            (f"ours, 1 process, batch {size}", measure("ours-1", args.messages, size))
            for size in (16, 32, 64, 128, 256)
        ]
    figures = dict(rows)
    baseline = figures[LABELS["presidio-per-message"]]["per_second"]
    # CPU time of the same messages: on a loaded machine less disturbed than wall clock.
    baseline_cpu = figures[LABELS["presidio-per-message"]]["cpu_seconds"]
    print(
        f"{'method':<34} {'msg/s':>8} {'ratio':>7} {'CPU s':>7} {'CPU ratio':>9}"
        f" {'peak RSS':>9} {'results':>7}"
    )
    for label, row in rows:
        print(
            f"{label:<34} {row['per_second']:>8.1f} {row['per_second'] / baseline:>6.2f}x "
            f"{row['cpu_seconds']:>7.1f} {baseline_cpu / row['cpu_seconds']:>8.2f}x"
            f" {row['peak_rss_mb']:>6.0f} MB {row['results']:>7.0f}"
        )
    ours = figures.get(LABELS["ours-1"])
    if ours is not None:
        print(
            f"ours 1 process: {ours['per_second'] / baseline:.2f}x presidio per-message "
            f"(CPU time {baseline_cpu / ours['cpu_seconds']:.2f}x)"
        )
    print(f"Load average {os.getloadavg()[0]:.2f} at end.")


if __name__ == "__main__":
    main()
