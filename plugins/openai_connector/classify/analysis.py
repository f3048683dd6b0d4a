"""Detections for a batch of texts: what Presidio's ``analyze`` reports, found faster.

spaCy runs over all chunks of the batch at once (``nlp.pipe``), its named-entity
recognizer only around the words that could be part of an entity (``ner_gate``). Each
chunk then goes through Presidio's steps as ``AnalyzerEngine.analyze`` takes them for a
request of every entity (recognizers in registry order, context enhancement, threshold,
de-duplication), except that recognizers the prefilter proves silent are not called, that the
decision-process explanations nobody reads are not stripped, and that each text has a
time budget: what a hostile text (any shape, up to the classification cap) would cost
beyond it is not spent, and the text is marked instead. Detections hold offsets
and scores, no text, so they are cheap to send between processes and to cache.

Imports Presidio at import time; the classifier imports this module lazily.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from typing import TYPE_CHECKING, NamedTuple, cast

from presidio_analyzer import EntityRecognizer, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.tokens import Doc, Span

from openai_connector._compat.presidio import nlp_artifacts_of
from openai_connector.classify.budget import over_budget, time_budget
from openai_connector.classify.chunking import Chunk, chunk_text
from openai_connector.classify.config import ClassifierConfig
from openai_connector.classify.engine import get_analyzer
from openai_connector.classify.model import TIME_BUDGET_MARK
from openai_connector.classify.ner_gate import ner_windows
from openai_connector.classify.prefilter import gates

if TYPE_CHECKING:
    from openai_connector.classify.nlp import OfflineSpacyNlpEngine


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
        self._ner_seconds_per_token = self._measure_ner()

    @property
    def _engine(self) -> OfflineSpacyNlpEngine:
        """The analyzer's NLP engine: ``build_analyzer`` always gives it this spaCy one."""
        return cast("OfflineSpacyNlpEngine", self._analyzer.nlp_engine)

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
        nlp = self._engine.nlp[self.config.language]
        with self._lock, nlp.memory_zone():
            return self._analyze(texts)

    def _analyze(self, texts: Sequence[str]) -> list[list[Detection]]:
        """Chunks in groups of about ``chunk_chars``, each text within its time budget.

        A text's clock starts with its first group. Before a group, a text that would pass
        its budget if the group cost what the last one did stops, and so does one past it
        between the recognizers of a chunk: the rest of it is not analysed, and a
        ``TIME_BUDGET_MARK`` detection says from where.
        """
        config = self.config
        units = [
            (index, chunk)
            for index, text in enumerate(texts)
            if text.strip()
            for chunk in chunk_text(text, config.chunk_chars, config.chunk_overlap)
        ]
        detections: list[list[Detection]] = [[] for _ in texts]
        deadlines: dict[int, float] = {}
        cut: dict[int, int] = {}
        last_group_seconds = 0.0  # what the next group will likely cost
        for group in _groups(units, config.chunk_chars):
            now = time.process_time()
            for index, _ in group:
                deadlines.setdefault(index, now + config.time_budget_seconds)
            for index, chunk in group:
                if index not in cut and now + last_group_seconds > deadlines[index]:
                    cut[index] = chunk.own_start
            live = [(index, chunk) for index, chunk in group if index not in cut]
            nlp_texts = [_tokenizable(chunk.text) for _, chunk in live]
            with_ner = not live or self._ner_fits(
                nlp_texts, min(deadlines[index] for index, _ in live)
            )
            if not with_ner:  # the names and places of the rest go unseen: a cut
                for index, chunk in live:
                    cut.setdefault(index, chunk.own_start)
            processed = self._process(nlp_texts, with_ner)
            for (index, chunk), (_, nlp_artifacts) in zip(live, processed, strict=True):
                # A text's first window always gets every recognizer (their cost per window
                # is bounded); later windows only within the budget.
                deadline = deadlines[index] if chunk.offset else math.inf
                results, complete = self._analyze_chunk(chunk.text, nlp_artifacts, deadline)
                detections[index].extend(
                    Detection(
                        result.entity_type,
                        chunk.offset + result.start,
                        chunk.offset + result.end,
                        round(float(result.score), 4),
                        str((result.recognition_metadata or {}).get("recognizer_name", "")),
                    )
                    for result in results
                    if chunk.owns(chunk.offset + result.start)
                )
                if not complete:
                    cut.setdefault(index, chunk.own_start)
            last_group_seconds = time.process_time() - now
        for index, start in cut.items():
            detections[index].append(
                Detection(TIME_BUDGET_MARK, start, len(texts[index]), 0.0, "time budget")
            )
        return detections

    def _process(self, texts: list[str], with_ner: bool) -> list[tuple[str, NlpArtifacts]]:
        """spaCy over the texts; its named-entity recognizer only over their ``ner_windows``
        (none without NER), the entities it finds there set on the whole text's tokens."""
        engine = self._engine
        language = self.config.language
        nlp = engine.nlp[language]
        batch_size = self.config.batch_size
        plans = [ner_windows(text) if with_ner else [] for text in texts]
        whole = [plan == [(0, len(text))] for text, plan in zip(texts, plans, strict=True)]
        windows = [
            text[start:end] for text, plan in zip(texts, plans, strict=True) for start, end in plan
        ]
        recognized = iter(list(nlp.pipe(windows, batch_size=batch_size)))
        with nlp.select_pipes(disable=[name for name in ("ner",) if name in nlp.pipe_names]):
            rest = [text for text, is_whole in zip(texts, whole, strict=True) if not is_whole]
            tokenized = iter(list(nlp.pipe(rest, batch_size=batch_size)))
        processed = []
        for text, plan, is_whole in zip(texts, plans, whole, strict=True):
            if is_whole:
                doc = next(recognized)
            else:
                doc = next(tokenized)
                doc.ents = [
                    span for start, _ in plan for span in _moved(next(recognized), doc, start)
                ]
            processed.append((text, nlp_artifacts_of(engine, doc, language)))
        return processed

    def _ner_fits(self, texts: list[str], deadline: float) -> bool:
        """Whether named-entity recognition over the texts should end before the deadline.

        Its cost per token varies fivefold with the text's shape, so a group that would
        not fit at the costliest rate measured at start-up gets its own rate measured on a
        sample of its first text.
        """
        tokens = sum(len(_TOKEN.findall(text)) for text in texts)
        if time.process_time() + tokens * self._ner_seconds_per_token <= deadline:
            return True
        sample = texts[0][:_NER_SAMPLE_CHARS]
        sample_tokens = len(_TOKEN.findall(sample))
        if not sample_tokens:
            return True
        started = time.process_time()
        self._engine.nlp[self.config.language](sample)
        rate = (time.process_time() - started) / sample_tokens
        return time.process_time() + tokens * rate <= deadline

    def _measure_ner(self) -> float:
        """Seconds per token of spaCy's NER on one-character tokens, the costliest kind."""
        nlp = self._engine.nlp[self.config.language]
        text = "a-" * (_CALIBRATION_TOKENS // 2)
        started = time.process_time()
        nlp(text)
        return (time.process_time() - started) / _CALIBRATION_TOKENS

    def _analyze_chunk(
        self, text: str, nlp_artifacts: NlpArtifacts, deadline: float
    ) -> tuple[list[RecognizerResult], bool]:
        """``AnalyzerEngine.analyze`` for every requested entity, minus silent recognizers;
        and whether every recognizer ran before the deadline."""
        results: list[RecognizerResult] = []
        # Without a deadline there is nothing to check (and reading the CPU clock costs).
        with time_budget(deadline) if deadline < math.inf else nullcontext() as budget:
            for gate in self._gates:
                if not gate.admits(text, nlp_artifacts):
                    continue
                if over_budget():
                    break
                recognizer = gate.recognizer
                found = recognizer.analyze(
                    text=text, entities=self._entities, nlp_artifacts=nlp_artifacts
                )
                for result in found or ():
                    _stamp(result, recognizer)
                    results.append(result)
        complete = budget is None or not budget.cut
        if not results:
            return results, complete
        if len(results) <= _MAX_CONTEXT_RESULTS:
            results = self._context_enhanced(text, results, nlp_artifacts)
        else:  # context scoring compares every result with every token: quadratic
            complete = False
        threshold = self.config.score_threshold
        kept = EntityRecognizer.remove_duplicates([r for r in results if r.score >= threshold])
        return kept, complete

    def _context_enhanced(
        self, text: str, results: list[RecognizerResult], nlp_artifacts: NlpArtifacts
    ) -> list[RecognizerResult]:
        """Context enhancement as ``analyze`` does it, from Presidio's public parts: each
        recognizer rescores its own results (seeing the others'), in registry order, then the
        analyzer's context-aware enhancer rescores them all."""
        enhanced: list[RecognizerResult] = []
        for recognizer in self._recognizers:
            own: list[RecognizerResult] = []
            others: list[RecognizerResult] = []
            for result in results:
                is_own = result.recognition_metadata[_RECOGNIZER_ID] == recognizer.id
                (own if is_own else others).append(result)
            enhanced.extend(
                recognizer.enhance_using_context(
                    text=text,
                    raw_recognizer_results=own,
                    other_raw_recognizer_results=others,
                    nlp_artifacts=nlp_artifacts,
                    context=None,
                )
            )
        return self._analyzer.context_aware_enhancer.enhance_using_context(
            text=text,
            raw_results=enhanced,
            nlp_artifacts=nlp_artifacts,
            recognizers=self._recognizers,
            context=None,
        )


# Tokens of the start-up measurement of NER cost, characters of a group's own sample, and
# what counts as a token for both.
_CALIBRATION_TOKENS = 2_000
_NER_SAMPLE_CHARS = 3_000
_TOKEN = re.compile(r"\w+|[^\w\s]")
# Results of one window beyond which context scoring is skipped (and the text marked cut).
_MAX_CONTEXT_RESULTS = 2_000
_RECOGNIZER_ID = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
# spaCy's tokenizer takes time quadratic in the length of a run without whitespace
# ("x:x:x:…" of 100,000 characters: minutes); no entity spaCy finds is that long.
_LONG_RUN = re.compile(r"\S{100}")


def _tokenizable(text: str) -> str:
    """The text for spaCy: same length, with a space ending every 100-character run."""
    if _LONG_RUN.search(text) is None:
        return text
    return _LONG_RUN.sub(lambda run: run.group()[:-1] + " ", text)


def _moved(window: Doc, doc: Doc, offset: int) -> Iterator[Span]:
    """The entities of a window's document as spans of the whole text's document."""
    for entity in window.ents:
        span = doc.char_span(offset + entity.start_char, offset + entity.end_char, entity.label_)
        if span is not None:  # windows start and end at white space: tokens line up
            yield span


def _groups(units: list[tuple[int, Chunk]], chars: int) -> Iterator[list[tuple[int, Chunk]]]:
    """Consecutive units of about ``chars`` characters together (at least one each)."""
    group: list[tuple[int, Chunk]] = []
    size = 0
    for unit in units:
        if group and size + len(unit[1].text) > chars:
            yield group
            group, size = [], 0
        group.append(unit)
        size += len(unit[1].text)
    if group:
        yield group


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
    metadata.setdefault(RecognizerResult.RECOGNIZER_NAME_KEY, recognizer.name)  # type: ignore[has-type]  # unannotated in Presidio
    result.recognition_metadata = metadata
