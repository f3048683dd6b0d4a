"""Building blocks shared by the project's recognizers."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from presidio_analyzer import (
    AnalysisExplanation,
    LocalRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from openai_connector.classify.recognizers.placeholders import is_placeholder, looks_random


def token(body: str) -> str:
    """Wrap a token regex so it does not start or end inside a longer token."""
    return rf"(?<![A-Za-z0-9_-]){body}(?![A-Za-z0-9_-])"


class ResultFilter:
    """Mixin for a Presidio recognizer: drop matches that their surroundings contradict.

    A pattern sees only its match; ``1.2.3.4`` after "version" or a card-shaped run inside
    an order number needs the text around it. Put the mixin before the recognizer class.
    Its results are some of the recognizer's, so the recognizer's prefilter applies.
    """

    FILTERS_PARENT_RESULTS: ClassVar[bool] = True

    def keeps(self, text: str, result: RecognizerResult) -> bool:
        """Whether ``result`` stands, given the whole ``text``."""
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], *args: Any, **kwargs: Any
    ) -> list[RecognizerResult]:
        """The recognizer's own results that ``keeps`` accepts."""
        # A mixin: the recognizer class after it in the MRO has the analyze mypy cannot see.
        found = super().analyze(text, entities, *args, **kwargs)  # type: ignore[misc]
        return [result for result in found if self.keeps(text, result)]


class SecretPatternRecognizer(PatternRecognizer):
    """Case-sensitive pattern recognizer for one credential type.

    Subclasses set ``ENTITY``, ``PATTERNS`` and ``CONTEXT``, ``GENERATED`` when every real
    value is machine-generated (so typed, low-entropy look-alikes are stand-ins), and may
    refine ``validate_secret``: ``True`` raises the score to 1.0, ``False`` drops the
    match, ``None`` keeps the pattern's score.

    ``EXACT`` is the vendor's documented shape when the patterns are looser (to find a
    token cut or padded in a paste): a match of another length or without the marker is
    still reported, but scores ``LOOSE_SCORE``, below critical whatever the words near it
    (and above the assignment rule's high, so the vendor still names it).
    """

    ENTITY: ClassVar[str]
    PATTERNS: ClassVar[list[Pattern]]
    CONTEXT: ClassVar[list[str]] = []
    GENERATED: ClassVar[bool] = False
    EXACT: ClassVar[re.Pattern[str] | None] = None
    LOOSE_SCORE: ClassVar[float] = 0.75
    # The results are the patterns' own (rescored), so the prefilter may gate on them.
    FILTERS_PARENT_RESULTS: ClassVar[bool] = True

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entity=self.ENTITY,
            name=type(self).__name__,
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=0,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Reject placeholders and typed look-alikes before the type-specific check."""
        if is_placeholder(pattern_text) or (self.GENERATED and not looks_random(pattern_text)):
            return False
        return self.validate_secret(pattern_text)

    def validate_secret(self, pattern_text: str) -> bool | None:
        """Type-specific structural check; the pattern alone decides by default."""
        return None

    @classmethod
    def is_loose(cls, value: str) -> bool:
        """Whether ``value`` is the vendor's by its patterns but not of its ``EXACT`` shape."""
        return (
            cls.EXACT is not None
            and cls.EXACT.fullmatch(value) is None
            and any(re.fullmatch(pattern.regex, value) for pattern in cls.PATTERNS)
        )

    def analyze(
        self, text: str, entities: list[str], *args: Any, **kwargs: Any
    ) -> list[RecognizerResult]:
        """The patterns' results; those not of the ``EXACT`` shape score ``LOOSE_SCORE``."""
        found: list[RecognizerResult] = super().analyze(text, entities, *args, **kwargs)
        if self.EXACT is None:
            return found
        for result in found:
            if self.EXACT.fullmatch(text, result.start, result.end) is None:
                result.score = min(result.score, self.LOOSE_SCORE)
                # The shape was weighed here: a context word ("key") must not lift it back.
                result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = (
                    True
                )
        return found


def is_loose_vendor_value(value: str) -> bool:
    """Whether a vendor's recognizer claims ``value`` by its patterns but not in the shape
    the vendor issues (``EXACT``); the package loads every recognizer before any is used."""
    return any(kind.is_loose(value) for kind in SecretPatternRecognizer.__subclasses__())


class SpanRecognizer(LocalRecognizer):
    """A recognizer that finds spans with its own code rather than one regex match.

    Subclasses set ``ENTITIES`` and ``CONTEXT`` and implement ``find`` yielding
    ``(entity, start, end, score, why)``; this class wraps them into Presidio results.
    """

    ENTITIES: ClassVar[list[str]]
    CONTEXT: ClassVar[list[str]] = []

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=self.ENTITIES,
            name=type(self).__name__,
            supported_language=supported_language,
            context=self.CONTEXT,
        )

    def load(self) -> None:
        """Nothing to load: patterns are compiled at import."""

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Spans found in ``text``, as ``(entity, start, end, score, why)``."""
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Presidio results for the spans ``find`` reports, of the requested entities."""
        return [
            self.result(entity, start, end, score, why)
            for entity, start, end, score, why in self.find(text)
            if entity in entities
        ]

    def result(self, entity: str, start: int, end: int, score: float, why: str) -> RecognizerResult:
        """One result with the explanation Presidio's context enhancer writes into."""
        return RecognizerResult(
            entity_type=entity,
            start=start,
            end=end,
            score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name,  # type: ignore[has-type]  # unannotated in Presidio
                original_score=score,
                textual_explanation=why,
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,  # type: ignore[has-type]  # unannotated in Presidio
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
