"""The entity catalog: complete, consistent with the engine, and published in the README."""

from __future__ import annotations

import re
from pathlib import Path

from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from openai_connector.classify import ClassifierConfig, severity_for
from openai_connector.classify.engine import get_analyzer
from openai_connector.classify.entities import COUNTRIES, full_catalog, markdown_table
from openai_connector.classify.nlp import NER_CONFIGURATION
from openai_connector.classify.recognizers.vendor_keywords import VendorKeywordRecognizer

README = Path(__file__).resolve().parents[2] / "README.md"
_TABLE = re.compile(r"<!-- entity-catalog:begin -->\n(.*?)\n<!-- entity-catalog:end -->", re.S)


def _reportable_entities() -> set[str]:
    """What the engine can report: recognizers' entities, NER ones the model can produce."""
    analyzer = get_analyzer(ClassifierConfig())
    nlp = analyzer.nlp_engine.nlp[ClassifierConfig().language]
    mapping = NER_CONFIGURATION.model_to_presidio_entity_mapping
    ignored = set(NER_CONFIGURATION.labels_to_ignore)
    from_ner = {mapping[label] for label in nlp.get_pipe("ner").labels if label in mapping}
    reportable: set[str] = set()
    for recognizer in analyzer.registry.recognizers:
        entities = set(recognizer.supported_entities)
        if isinstance(recognizer, SpacyRecognizer):
            entities &= from_ner - ignored
        reportable |= entities
    return reportable


def test_catalog_lists_exactly_what_the_engine_reports() -> None:
    entities = [entry.entity for entry in full_catalog()]
    assert set(entities) == _reportable_entities()
    assert len(entities) == len(set(entities))


def test_severity_of_every_entry_is_the_findings_severity() -> None:
    by_entity = {entry.entity: entry for entry in full_catalog()}
    named_only = [entry for entry in by_entity.values() if entry.found_as is not None]
    for entry in by_entity.values():
        if entry.found_as is None:
            assert entry.severity == severity_for(entry.entity)
    assert named_only, "the services only the vendor-name rule reports have their rows"
    for entry in named_only:  # that rule's score stays under the critical floor
        assert entry.entity in VendorKeywordRecognizer.ENTITIES
        assert entry.severity == severity_for(entry.entity, VendorKeywordRecognizer.SCORE)
        assert entry.severity == "high"
    for entity in ("BR_CPF", "IN_AADHAAR", "PHI", "DATE_OF_BIRTH"):
        assert by_entity[entity].severity == "high"


def test_countries_are_iso_codes() -> None:
    assert all(re.fullmatch(r"[A-Z]{2}", country) for country in COUNTRIES)
    assert len(COUNTRIES) >= 20


def test_readme_table_is_generated_from_the_catalog() -> None:
    match = _TABLE.search(README.read_text(encoding="utf-8"))
    assert match is not None, "README lacks the entity-catalog markers"
    assert match.group(1) == markdown_table(), (
        "README catalog table is stale: regenerate it with "
        "python -m openai_connector.classify.entities"
    )
