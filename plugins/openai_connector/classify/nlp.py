"""The spaCy pipeline Presidio runs on: an installed model, never a download, NER only.

Presidio reads tokens, named entities and lemmas (to find context words such as "phone"
near a match); tagging and parsing cost most of spaCy's time and feed none of that.
Imports spaCy and Presidio at import time; the engine imports this module lazily.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine
from presidio_analyzer.nlp_engine.ner_model_configuration import MODEL_TO_PRESIDIO_ENTITY_MAPPING
from spacy.language import Language
from spacy.tokens import Doc

from openai_connector.classify.errors import ModelNotInstalledError

UNUSED_COMPONENTS = (
    "tagger",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
    "trainable_lemmatizer",
    "textcat",
    "textcat_multilabel",
    "entity_linker",
    "spancat",
    "span_finder",
)
# Shared encoders are only worth running while a kept component listens to them.
SHARED_ENCODERS = ("tok2vec", "transformer")
LOWERCASE_LEMMAS = "openai_connector_lowercase_lemmas"

# Same as Presidio's default spaCy configuration: spaCy labels that are not personal data
# (and ORG, which is mostly false positives) are dropped instead of logged one by one.
NER_CONFIGURATION = NerModelConfiguration(
    model_to_presidio_entity_mapping={**MODEL_TO_PRESIDIO_ENTITY_MAPPING, "FAC": "LOCATION"},
    labels_to_ignore=[
        "ORGANIZATION",
        "CARDINAL",
        "EVENT",
        "LANGUAGE",
        "LAW",
        "MONEY",
        "ORDINAL",
        "PERCENT",
        "PRODUCT",
        "QUANTITY",
        "WORK_OF_ART",
    ],
)


@Language.component(LOWERCASE_LEMMAS)
def lowercase_lemmas(doc: Doc) -> Doc:
    """Use lower-cased words as lemmas.

    Presidio matches context words as substrings of lemmas ("emails" contains "email"), so
    this is nearly as good as real lemmas, which would need the tagger.
    """
    for token in doc:
        token.lemma_ = token.lower_
    return doc


def load_pipeline(model_name: str) -> Language:
    """Load an installed spaCy model with only the components Presidio needs."""
    if not (spacy.util.is_package(model_name) or Path(model_name).exists()):
        raise ModelNotInstalledError(model_name)
    nlp = spacy.load(model_name, exclude=list(UNUSED_COMPONENTS))
    for name in SHARED_ENCODERS:
        if name in nlp.pipe_names and not getattr(nlp.get_pipe(name), "listening_components", []):
            nlp.remove_pipe(name)
    nlp.add_pipe(LOWERCASE_LEMMAS, last=True)
    return nlp


class OfflineSpacyNlpEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, loading through ``load_pipeline`` instead of downloading."""

    # Presidio's constructor sets None, its only declaration: mypy infers the type None.
    nlp: dict[str, Language]  # type: ignore[assignment]

    def load(self) -> None:
        """Load one pipeline per configured language."""
        self.nlp = {model["lang_code"]: load_pipeline(model["model_name"]) for model in self.models}


def build_nlp_engine(model_name: str, language: str) -> OfflineSpacyNlpEngine:
    """A loaded NLP engine for one model and language."""
    engine = OfflineSpacyNlpEngine(
        models=[{"lang_code": language, "model_name": model_name}],
        ner_model_configuration=NER_CONFIGURATION,
    )
    engine.load()
    return engine
