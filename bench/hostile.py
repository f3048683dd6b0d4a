"""Time per hostile text: 200,000 characters of shapes that make regexes or spaCy slow.

Run: python bench/hostile.py [--chars 200000]

Each shape is one text of the classification cap's length, classified alone by the
project classifier (one process, default config, cache off). Reported: wall and CPU
seconds (the time budget counts CPU seconds, so on a loaded machine wall time is longer),
findings, and whether the budget cut the text (its row would be marked
``classify_truncated``). Presidio's stock URL recognizer alone takes minutes on ``a.a.a…``.
"""

from __future__ import annotations

import argparse
import os
import random
import string
import time

SHAPES = {
    "a.a.a.": lambda n, r: "a." * (n // 2),
    "1.1.1.": lambda n, r: "1." * (n // 2),
    "a-a-a-": lambda n, r: "a-" * (n // 2),
    "x:x:x:": lambda n, r: "x:" * (n // 2),
    "a=a=a=": lambda n, r: "a=" * (n // 2),
    "a@a@a@": lambda n, r: "a@" * (n // 2),
    "aaaa…": lambda n, r: "a" * n,
    "digits": lambda n, r: "1" * n,
    "1 1 1 ": lambda n, r: "1 " * (n // 2),
    "(1) (1) ": lambda n, r: "(1) " * (n // 4),
    " a a a": lambda n, r: " a" * (n // 2),
    "'a''a'": lambda n, r: "'a'" * (n // 3),
    "dotted quads": lambda n, r: "1.1.1.1 " * (n // 8),
    "http://a…": lambda n, r: ("http://a" * (n // 8))[:n],
    "key=key=": lambda n, r: "key=" * (n // 4),
    "-password ": lambda n, r: "-password " * (n // 10),
    "password='x": lambda n, r: ('password="' + "password='x" * n)[:n],
    "$krb5tgs$*a$": lambda n, r: ("$krb5tgs$23$" + "*a$" * n)[:n],
    "sig=…&": lambda n, r: ("sig=" + "A" * 40 + "&") * (n // 45),
    "PEM headers": lambda n, r: ("-----BEGIN PRIVATE KEY-----\n" * (n // 28))[:n],
    "base64": lambda n, r: "".join(r.choice(string.ascii_letters + "+/") for _ in range(n)),
    "key words": lambda n, r: " ".join(
        r.choice(["the", "password", "is", "token", "=", "sk-", "Bearer", "John", "Smith"])
        for _ in range(n // 5)
    )[:n],
    "prose": lambda n, r: ("Maria Gonzalez met Kenji Sato in Berlin about the invoice. " * n)[:n],
    "token near": lambda n, r: ("the token for prod is " * n)[:n],
    "login a / ": lambda n, r: ("login with admin / " * n)[:n],
}


def main() -> None:
    """Classify each shape once and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000)
    args = parser.parse_args()

    from openai_connector.classify import Classifier, ClassifierConfig, TextItem

    classifier = Classifier(ClassifierConfig(processes=1, dedupe_cache_size=0))
    list(classifier.classify([TextItem("message", "warm-up", "warm up at acme.io")]))
    print(f"{args.chars:,} characters per text; load average {os.getloadavg()[0]:.1f}")
    print(f"{'shape':<14}{'wall s':>8}{'cpu s':>8}{'findings':>10}  cut by budget")
    worst = 0.0
    for name, make in SHAPES.items():
        text = make(args.chars, random.Random(1))
        cut: list[TextItem] = []
        wall, cpu = time.perf_counter(), time.process_time()
        [(_, findings)] = classifier.classify([TextItem("message", name, text)], on_cut=cut.append)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        worst = max(worst, cpu)
        print(f"{name:<14}{wall:8.2f}{cpu:8.2f}{len(findings):10}  {'yes' if cut else 'no'}")
    print(f"worst CPU seconds per text: {worst:.2f}")


if __name__ == "__main__":
    main()
