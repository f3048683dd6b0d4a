"""presidio-analyzer internals the classifier needs to run Presidio's steps itself.

``AnalyzerEngine.analyze`` spaCy-processes each text on its own; the classifier processes a
whole batch at once, named-entity recognition only in windows (``classify/analysis.py``),
and then needs Presidio's artifacts for documents it already has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
    from spacy.tokens import Doc


def nlp_artifacts_of(engine: SpacyNlpEngine, doc: Doc, language: str) -> NlpArtifacts:
    """``SpacyNlpEngine._doc_to_nlp_artifact``: Presidio's artifacts of a processed document.

    The public ``process_text`` and ``process_batch`` run the spaCy pipeline themselves, on
    whole texts; nothing public turns a ``Doc`` into artifacts, and rebuilding them with
    ``NlpArtifacts(...)`` would copy the engine's private entity mapping and scoring.
    """
    return engine._doc_to_nlp_artifact(doc, language)
