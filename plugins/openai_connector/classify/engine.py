"""The Presidio analyzer, built once per process and shared.

Loading the spaCy model and compiling every recognizer takes about a second, so each
(model, language) pair is built once and reused. Presidio is imported only here, inside
the builder, so importing the package stays cheap (the hook, the command line and task
start-up import it).
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from openai_connector.classify.config import ClassifierConfig

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine

_ANALYZERS: dict[tuple[str, str], AnalyzerEngine] = {}
_BUILD_LOCK = threading.Lock()


def get_analyzer(config: ClassifierConfig) -> AnalyzerEngine:
    """The shared analyzer for the config's model and language, built on first use."""
    key = (config.spacy_model, config.language)
    with _BUILD_LOCK:
        if key not in _ANALYZERS:
            _ANALYZERS[key] = build_analyzer(config.spacy_model, config.language)
        return _ANALYZERS[key]


def build_analyzer(spacy_model: str, language: str) -> AnalyzerEngine:
    """A new analyzer: Presidio's predefined recognizers, some replaced, plus the project's."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from openai_connector.classify.nlp import build_nlp_engine
    from openai_connector.classify.recognizers import default_recognizers

    nlp_engine = build_nlp_engine(spacy_model, language)
    registry = RecognizerRegistry(supported_languages=[language])
    # Presidio warns once per recognizer of every other language it skips: noise in task logs.
    presidio_logger = logging.getLogger("presidio-analyzer")
    level = presidio_logger.level
    presidio_logger.setLevel(logging.ERROR)
    try:
        registry.load_predefined_recognizers(nlp_engine=nlp_engine, languages=[language])
    finally:
        presidio_logger.setLevel(level)
    for recognizer in default_recognizers(language, nlp_engine.get_supported_entities()):
        replaced = getattr(recognizer, "REPLACES", None)
        if replaced is not None:
            registry.remove_recognizer(replaced)
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[language])
