"""Memory stays flat as a workspace grows: spaCy must not keep every token string it sees."""

from __future__ import annotations

from openai_connector.classify import TextItem, get_classifier
from openai_connector.classify.config import ClassifierConfig
from openai_connector.classify.engine import get_analyzer


def test_new_token_strings_do_not_accumulate_in_the_vocabulary() -> None:
    classifier = get_classifier()
    vocabulary = get_analyzer(ClassifierConfig()).nlp_engine.nlp["en"].vocab.strings
    texts = [
        f"Ask Zorblax{n} Quennic{n} at zq{n}@example-{n}.org about ticket QX{n:07d}-{n * 7}"
        for n in range(400)
    ]
    list(classifier.classify([TextItem("message", "warm-up", texts[0])]))
    before = len(vocabulary)
    found = list(classifier.classify(TextItem("message", f"m{n}", t) for n, t in enumerate(texts)))
    assert all(any(f.entity_type == "EMAIL_ADDRESS" for f in findings) for _, findings in found)
    assert len(vocabulary) - before < 50  # without a memory zone: over 3,000 new strings
