"""Contract: Presidio turns a processed document into the artifacts ``process_text`` gives."""

from __future__ import annotations

from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

from openai_connector._compat.presidio import nlp_artifacts_of
from openai_connector.classify.config import ClassifierConfig
from openai_connector.classify.engine import get_analyzer
from tests._compat.contract import contract

TEXT = "Maria Garcia flew from Berlin to Paris on 12 January with Acme Corp's tickets."


def summary(artifacts: NlpArtifacts) -> tuple[object, ...]:
    return (
        [(entity.start_char, entity.end_char, entity.label_) for entity in artifacts.entities],
        artifacts.scores,
        artifacts.tokens_indices,
        artifacts.lemmas,
        [token.text for token in artifacts.tokens],
        artifacts.keywords,
        artifacts.nlp_engine,
    )


def test_artifacts_of_a_doc_are_those_of_process_text() -> None:
    config = ClassifierConfig()
    engine = get_analyzer(config).nlp_engine
    assert isinstance(engine, SpacyNlpEngine)
    doc = engine.nlp[config.language](TEXT)
    with contract("presidio-analyzer", "presidio.nlp_artifacts_of"):
        ours = nlp_artifacts_of(engine, doc, config.language)
        assert isinstance(ours, NlpArtifacts)
        assert ours.entities, "the sample text should have named entities"
        assert summary(ours) == summary(engine.process_text(TEXT, config.language))
