"""Classifying streams of texts in batches.

Texts go through spaCy in batches (``nlp.pipe``, several times faster than one call per
text), then through Presidio's recognizers with the precomputed NLP results. Long texts
are cut into overlapping chunks whose findings are mapped back to original offsets.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from openai_connector.classify.chunking import Chunk, chunk_text
from openai_connector.classify.config import ClassifierConfig
from openai_connector.classify.engine import get_analyzer
from openai_connector.classify.masking import mask_value
from openai_connector.classify.model import (
    Finding,
    TextItem,
    make_finding_id,
    resolve_overlaps,
    severity_for,
)

if TYPE_CHECKING:
    from presidio_analyzer import RecognizerResult


class Classifier:
    """Finds PII and secrets in texts and reports them with masked values only."""

    def __init__(self, config: ClassifierConfig | None = None) -> None:
        self.config = config or ClassifierConfig()
        self._analyzer = get_analyzer(self.config)
        self._entities = self._checked_entities()

    def _checked_entities(self) -> list[str] | None:
        """Fail early on entity names no recognizer produces (Presidio only warns)."""
        if self.config.entities is None:
            return None
        supported = set(self._analyzer.get_supported_entities(self.config.language))
        unknown = sorted(set(self.config.entities) - supported)
        if unknown:
            raise ValueError(f"unsupported entity types {unknown}; supported: {sorted(supported)}")
        return list(self.config.entities)

    def classify(self, items: Iterable[TextItem]) -> Iterator[tuple[TextItem, list[Finding]]]:
        """Yield each item with its findings, in input order, one batch at a time."""
        for batch in self._batches(items):
            yield from zip(batch, self._classify_batch(batch), strict=True)

    def _batches(self, items: Iterable[TextItem]) -> Iterator[list[TextItem]]:
        """Group items by count and by total size, so memory stays bounded."""
        batch: list[TextItem] = []
        batch_chars = 0
        for item in items:
            batch.append(item)
            batch_chars += len(item.text)
            if len(batch) >= self.config.batch_size or batch_chars >= self.config.max_batch_chars:
                yield batch
                batch, batch_chars = [], 0
        if batch:
            yield batch

    def _classify_batch(self, batch: list[TextItem]) -> list[list[Finding]]:
        config = self.config
        units: list[tuple[int, Chunk]] = [
            (index, chunk)
            for index, item in enumerate(batch)
            if item.text.strip()
            for chunk in chunk_text(item.text, config.chunk_chars, config.chunk_overlap)
        ]
        findings: list[list[Finding]] = [[] for _ in batch]
        processed = self._analyzer.nlp_engine.process_batch(
            [chunk.text for _, chunk in units], config.language, batch_size=config.batch_size
        )
        for (index, chunk), (_, nlp_artifacts) in zip(units, processed, strict=True):
            results = self._analyzer.analyze(
                text=chunk.text,
                language=config.language,
                entities=self._entities,
                score_threshold=config.score_threshold,
                nlp_artifacts=nlp_artifacts,
            )
            findings[index].extend(
                _to_finding(batch[index], result, chunk.offset)
                for result in results
                if chunk.owns(chunk.offset + result.start)
            )
        return [resolve_overlaps(item_findings) for item_findings in findings]


def _to_finding(item: TextItem, result: RecognizerResult, offset: int) -> Finding:
    start, end = offset + result.start, offset + result.end
    metadata = result.recognition_metadata or {}
    return Finding(
        finding_id=make_finding_id(
            item.object_type, item.object_id, item.location, result.entity_type, start, end
        ),
        object_type=item.object_type,
        object_id=item.object_id,
        entity_type=result.entity_type,
        score=round(float(result.score), 4),
        start=start,
        end=end,
        masked_preview=mask_value(item.text[start:end]),
        recognizer=str(metadata.get("recognizer_name", "")),
        severity=severity_for(result.entity_type),
        location=item.location,
    )


_CLASSIFIERS: dict[ClassifierConfig, Classifier] = {}
_CLASSIFIERS_LOCK = threading.Lock()


def get_classifier(config: ClassifierConfig | None = None) -> Classifier:
    """The process-wide classifier for a config (the default one when ``None``)."""
    config = config or ClassifierConfig()
    with _CLASSIFIERS_LOCK:
        if config not in _CLASSIFIERS:
            _CLASSIFIERS[config] = Classifier(config)
        return _CLASSIFIERS[config]
