"""What running spaCy's NER only in the gate's windows loses: entities per type, per corpus.

Run: python bench/ner_gate.py

For the chat mix of ``throughput.py`` (distinct messages), the texts of ``quality.py`` and
those of ``breadth.py``, spaCy's NER runs over every whole text, as Presidio runs it; an
entity of a type the product reports (PERSON, LOCATION, NRP, DATE_TIME) is *lost* when it
does not lie inside one of the text's ``ner_windows``. Also printed: the share of
characters inside windows (about the share of NER work left) and the texts with none.
Lost entities are listed, most frequent first: a capitalised command spaCy takes for a
person is a loss worth having.
"""

from __future__ import annotations

from collections import Counter

from breadth_corpus import generate as breadth_texts
from chat_mix import chat_mix
from quality_corpus import generate_corpus

from openai_connector.classify import ClassifierConfig
from openai_connector.classify.ner_gate import ner_windows
from openai_connector.classify.nlp import NER_CONFIGURATION, load_pipeline

REPORTED_TYPES = {"PERSON", "LOCATION", "NRP", "DATE_TIME"}
SHOWN = 12


def main() -> None:
    """Print, per corpus, entities kept and lost by type and the most frequent losses."""
    nlp = load_pipeline(ClassifierConfig().spacy_model)
    mapping = NER_CONFIGURATION.model_to_presidio_entity_mapping
    corpora = {
        "chat mix (throughput)": list(dict.fromkeys(chat_mix(1000))),
        "quality": [sample.text for sample in generate_corpus()],
        "breadth": [case.text for case in breadth_texts()],
    }
    for name, texts in corpora.items():
        found: Counter[str] = Counter()
        lost: Counter[str] = Counter()
        examples: Counter[tuple[str, str]] = Counter()
        inside = 0
        plans = [ner_windows(text) for text in texts]
        for plan, doc in zip(plans, nlp.pipe(texts, batch_size=64), strict=True):
            inside += sum(end - start for start, end in plan)
            for entity in doc.ents:
                kind = mapping.get(entity.label_)
                if kind not in REPORTED_TYPES:
                    continue
                found[kind] += 1
                if not any(s <= entity.start_char and entity.end_char <= e for s, e in plan):
                    lost[kind] += 1
                    examples[(kind, entity.text)] += 1
        share = inside / sum(map(len, texts))
        print(
            f"{name}: {len(texts)} texts, {share:.3f} of characters in windows, "
            f"{sum(not plan for plan in plans)} texts without a window"
        )
        for kind in sorted(found):
            print(f"  {kind:<10} lost {lost[kind]:>4} of {found[kind]:>5}")
        for (kind, value), count in examples.most_common(SHOWN):
            print(f"    lost {count:>3} x {kind} {value!r}")


if __name__ == "__main__":
    main()
