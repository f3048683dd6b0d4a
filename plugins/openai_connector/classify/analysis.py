"""Detections for a batch of texts: what Presidio's ``analyze`` reports, found faster.

spaCy runs over all chunks of the batch at once (``nlp.pipe``). Each chunk then goes
through Presidio's steps as ``AnalyzerEngine.analyze`` takes them for a request of every
entity (recognizers in registry order, context enhancement, threshold, de-duplication),
except that recognizers the prefilter proves silent are not called, and that the
decision-process explanations nobody reads are not stripped. Detections hold offsets
and scores, no text, so they are cheap to send between processes and to cache.

Imports Presidio at import time; the classifier imports this module lazily.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import NamedTuple

from presidio_analyzer import EntityRecognizer, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from openai_connector.classify.chunking import chunk_text
from openai_connector.classify.config import ClassifierConfig
from openai_connector.classify.engine import get_analyzer
from openai_connector.classify.prefilter import gates


class Detection(NamedTuple):
    """One recognizer result, with offsets into the whole text."""

    entity_type: str
    start: int
    end: int
    score: float
    recognizer: str


class TextAnalyzer:
    """Runs the shared Presidio analyzer of a config over batches of texts."""

    def __init__(self, config: ClassifierConfig) -> None:
        self.config = config
        self._analyzer = get_analyzer(config)
        self._lock = _analyzer_lock(self._analyzer)
        language = config.language
        supported = self._analyzer.get_supported_entities(language)
        if config.entities is not None:
            unknown = sorted(set(config.entities) - set(supported))
            if unknown:
                # Presidio only warns about these; a typo would silently find nothing.
                raise ValueError(
                    f"unsupported entity types {unknown}; supported: {sorted(supported)}"
                )
        self._entities = list(config.entities) if config.entities is not None else supported
        self._recognizers = [
            recognizer
            for recognizer in self._analyzer.registry.recognizers
            if recognizer.supported_language == language
            and set(recognizer.supported_entities) & set(self._entities)
        ]
        self._gates = gates(self._recognizers)
        for recognizer in self._recognizers:
            self._load(recognizer)

    def _load(self, recognizer: EntityRecognizer) -> None:
        """Load a recognizer, and compile its regexes now rather than in the first batches.

        Presidio compiles a pattern on first use; the URL patterns alone take a third of a
        second, which would otherwise land on whichever batch first passes their gate.
        """
        if not recognizer.is_loaded:
            recognizer.load()
            recognizer.is_loaded = True
        if isinstance(recognizer, PatternRecognizer):
            recognizer.analyze("", self._entities)

    def analyze(self, texts: Sequence[str]) -> list[list[Detection]]:
        """Detections per text, in order; blank texts have none.

        Runs inside a spaCy memory zone: otherwise every new token string (each e-mail,
        id and secret ever seen) stays in the shared vocabulary for the life of the
        process, and memory grows with the size of the workspace. Nothing of spaCy's
        leaves the zone: detections are plain tuples. The zone is process-wide, hence
        the lock (spaCy is not thread-safe anyway).
        """
        nlp = self._analyzer.nlp_engine.nlp[self.config.language]
        with self._lock, nlp.memory_zone():
            return self._analyze(texts)

    def _analyze(self, texts: Sequence[str]) -> list[list[Detection]]:
        config = self.config
        units = [
            (index, chunk)
            for index, text in enumerate(texts)
            if text.strip()
            for chunk in chunk_text(text, config.chunk_chars, config.chunk_overlap)
        ]
        processed = self._analyzer.nlp_engine.process_batch(
            [chunk.text for _, chunk in units], config.language, batch_size=config.batch_size
        )
        detections: list[list[Detection]] = [[] for _ in texts]
        for (index, chunk), (_, nlp_artifacts) in zip(units, processed, strict=True):
            detections[index].extend(
                Detection(
                    result.entity_type,
                    chunk.offset + result.start,
                    chunk.offset + result.end,
                    round(float(result.score), 4),
                    str((result.recognition_metadata or {}).get("recognizer_name", "")),
                )
                for result in self._analyze_chunk(chunk.text, nlp_artifacts)
                if chunk.owns(chunk.offset + result.start)
            )
        return detections

    def _analyze_chunk(self, text: str, nlp_artifacts: NlpArtifacts) -> list[RecognizerResult]:
        """``AnalyzerEngine.analyze`` for every requested entity, minus silent recognizers."""
        results: list[RecognizerResult] = []
        for gate in self._gates:
            if not gate.admits(text, nlp_artifacts):
                continue
            recognizer = gate.recognizer
            found = recognizer.analyze(
                text=text, entities=self._entities, nlp_artifacts=nlp_artifacts
            )
            for result in found or ():
                _stamp(result, recognizer)
                results.append(result)
        if not results:
            return results
        results = self._analyzer._enhance_using_context(
            text, results, nlp_artifacts, self._recognizers
        )
        threshold = self.config.score_threshold
        return EntityRecognizer.remove_duplicates([r for r in results if r.score >= threshold])


_LOCKS: dict[int, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _analyzer_lock(analyzer: object) -> threading.Lock:
    """One lock per shared analyzer (its spaCy pipeline), whoever analyses with it."""
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(id(analyzer), threading.Lock())


def _stamp(result: RecognizerResult, recognizer: EntityRecognizer) -> None:
    """Name the recognizer in the result, as the engine does for context enhancement."""
    metadata = result.recognition_metadata or {}
    metadata.setdefault(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY, recognizer.id)
    metadata.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, recognizer.name)
    result.recognition_metadata = metadata
