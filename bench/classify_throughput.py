"""Messages per second: Presidio's per-message analyze versus the batched Classifier.

Run: python bench/classify_throughput.py [--messages 500] [--batch-size 64]

All rows use the same recognizers on the same ~180-character synthetic chat messages,
measured in this one process:
- presidio per-message: stock spaCy pipeline (all components), ``analyze`` per text;
- project engine per-message: the NER-only pipeline, ``analyze`` per text;
- classifier batched: ``Classifier.classify`` (``nlp.pipe`` batches + NER-only pipeline).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import SpacyNlpEngine

from openai_connector.classify import ClassifierConfig, TextItem, get_classifier
from openai_connector.classify.engine import get_analyzer
from openai_connector.classify.nlp import NER_CONFIGURATION

FIRST_NAMES = ["Alice", "Bob", "Maria", "Chen", "Fatima", "John", "Priya", "Lukas"]
LAST_NAMES = ["Smith", "Garcia", "Nguyen", "Okafor", "Müller", "Rossi", "Kim", "Patel"]
TEMPLATES = [
    "Hey, can you draft a reply to {name} ({email}) about the Q3 budget review? "
    "Keep it short and friendly, and mention that the meeting moved to Thursday afternoon.",
    "Summarize this ticket: customer {name} called from {phone} because the invoice total "
    "looks wrong after the discount was applied twice on the annual renewal order.",
    "Why does this fail? client = OpenAI(api_key='{key}') and then the request times out "
    "after thirty seconds with a connection error on the corporate proxy server.",
    "Please rewrite for clarity: our new onboarding flow asks users for fewer fields, "
    "which should reduce drop-off on mobile devices and tablets by a noticeable margin.",
    "Translate to German: thanks {name}, the card ending {card} was charged today and "
    "the receipt was sent to your registered inbox this morning as requested.",
]


def synthetic_messages(count: int, seed: int = 7) -> list[str]:
    """Deterministic chat-like messages, some with PII or a secret."""
    rng = random.Random(seed)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    messages = []
    for _ in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        messages.append(
            rng.choice(TEMPLATES).format(
                name=f"{first} {last}",
                email=f"{first.lower()}.{last.lower()}@acme-corp.io",
                phone=f"(415) 555-{rng.randint(1000, 9999)}",
                key="sk-proj-" + "".join(rng.choices(alphabet, k=40)),
                card="4111 1111 1111 1111",
            )
        )
    return messages


def rate(label: str, count: int, run: Callable[[], object]) -> tuple[str, float]:
    """Messages per second of one full pass."""
    started = time.perf_counter()
    run()
    return label, count / (time.perf_counter() - started)


def main() -> None:
    """Measure the three ways and print a table with ratios to the stock baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    config = ClassifierConfig(batch_size=args.batch_size)
    messages = synthetic_messages(args.messages)
    classifier = get_classifier(config)
    project_analyzer = get_analyzer(config)
    stock_nlp = SpacyNlpEngine(
        models=[{"lang_code": config.language, "model_name": config.spacy_model}],
        ner_model_configuration=NER_CONFIGURATION,
    )
    stock_analyzer = AnalyzerEngine(registry=project_analyzer.registry, nlp_engine=stock_nlp)

    def per_message(analyzer: AnalyzerEngine, texts: list[str] = messages) -> Callable[[], object]:
        return lambda: [
            analyzer.analyze(text, language=config.language, score_threshold=0.4) for text in texts
        ]

    items = [TextItem("message", str(index), text) for index, text in enumerate(messages)]
    # Warm up both pipelines so lazy loading is not timed.
    for analyzer in (stock_analyzer, project_analyzer):
        per_message(analyzer, messages[:10])()
    rows = [
        rate("presidio per-message (full spaCy)", len(messages), per_message(stock_analyzer)),
        rate("project engine per-message", len(messages), per_message(project_analyzer)),
        rate(f"classifier batched (batch {args.batch_size})", len(messages),
             lambda: list(classifier.classify(items))),
    ]  # fmt: skip
    baseline = rows[0][1]
    print(f"{len(messages)} messages, avg {sum(map(len, messages)) / len(messages):.0f} chars")
    print(f"{'method':<40} {'msg/s':>8} {'ratio':>7}")
    for label, messages_per_second in rows:
        print(f"{label:<40} {messages_per_second:>8.1f} {messages_per_second / baseline:>6.2f}x")


if __name__ == "__main__":
    main()
