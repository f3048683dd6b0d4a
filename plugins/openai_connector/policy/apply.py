"""Applying a policy around the shared classifier, with the same ``classify`` contract.

The classifier finds what it finds; the policy then drops disabled entities, findings under
their threshold and allowed values, adds its deny-list and custom-regex findings, sets
severities, and resolves overlaps again. Allow rules match the original text of a span,
which only this layer sees: findings themselves carry masked previews only.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

from openai_connector._compat.re2 import CompiledPattern, PatternMatch
from openai_connector.classify.findings import span_finding
from openai_connector.classify.model import Finding, TextItem, resolve_overlaps
from openai_connector.policy.model import CustomRecognizer, DenyTerm, Policy
from openai_connector.policy.regex import compile_pattern

if TYPE_CHECKING:
    from openai_connector.classify import Classifier

#: Matches one policy regex may add per text: a runaway pattern cannot flood the catalog.
MAX_MATCHES_PER_PATTERN = 1000
DENY_SCORE = 1.0

_EMAIL = re.compile(r"^[^@\s]+@([^@\s]+)$")


class TextClassifier(Protocol):
    """What the pipeline needs of a classifier (``Classifier`` and ``PolicyClassifier``)."""

    def classify(
        self, items: Iterable[TextItem], *, on_cut: Callable[[TextItem], None] | None = None
    ) -> Iterator[tuple[TextItem, list[Finding]]]: ...


class PolicyClassifier:
    """A classifier whose findings follow one workspace policy; regexes compile once."""

    def __init__(self, classifier: Classifier, policy: Policy) -> None:
        self.policy = policy
        self._classifier = classifier
        self._inactive = policy.inactive
        self._thresholds = dict(policy.thresholds)
        self._severity = dict(policy.severity)
        self._allow_values = {value.strip().casefold() for value in policy.allow_values}
        self._allow_patterns = [compile_pattern(pattern) for pattern in policy.allow_patterns]
        self._recognizers = [
            (recognizer, compile_pattern(recognizer.pattern)) for recognizer in policy.recognizers
        ]
        self._deny_terms = {term.value: term for term in policy.deny}
        self._deny = _deny_pattern(policy.deny)

    def classify(
        self, items: Iterable[TextItem], *, on_cut: Callable[[TextItem], None] | None = None
    ) -> Iterator[tuple[TextItem, list[Finding]]]:
        """Yield each item with its findings under the policy, in input order."""
        for item, findings in self._classifier.classify(items, resolve=False, on_cut=on_cut):
            yield item, self.apply(item, findings)

    def apply(self, item: TextItem, findings: Iterable[Finding]) -> list[Finding]:
        """The policy's findings for one item, given what the classifier found in it."""
        candidates = [self._with_severity(finding) for finding in findings]
        candidates += self._custom_findings(item)
        kept = [finding for finding in candidates if self._keeps(item.text, finding)]
        return resolve_overlaps([*kept, *self._deny_findings(item)])

    def _with_severity(self, finding: Finding) -> Finding:
        severity = self._severity.get(finding.entity_type)
        if severity is None or severity == finding.severity:
            return finding
        return dataclasses.replace(finding, severity=severity)

    def _keeps(self, text: str, finding: Finding) -> bool:
        if finding.entity_type in self._inactive:
            return False
        if finding.score < self._thresholds.get(finding.entity_type, self.policy.min_score):
            return False
        return not self._allowed(text[finding.start : finding.end])

    def _allowed(self, value: str) -> bool:
        """Allow-listed: an exact value (any case), a pattern hit, or an allowed mail domain."""
        if value.strip().casefold() in self._allow_values:
            return True
        if any(pattern.search(value) for pattern in self._allow_patterns):
            return True
        email = _EMAIL.match(value.strip())
        if email is None:
            return False
        domain = email.group(1).lower()
        return any(
            domain == allowed or domain.endswith(f".{allowed}")
            for allowed in self.policy.allow_email_domains
        )

    def _custom_findings(self, item: TextItem) -> list[Finding]:
        found = []
        for recognizer, pattern in self._recognizers:
            for match in _bounded(pattern, item.text):
                found.append(self._finding(item, recognizer, match, recognizer.score))
        return found

    def _deny_findings(self, item: TextItem) -> list[Finding]:
        if self._deny is None:
            return []
        return [
            self._finding(item, self._deny_terms[match.group()], match, DENY_SCORE)
            for match in _bounded(self._deny, item.text)
        ]

    def _finding(
        self,
        item: TextItem,
        rule: CustomRecognizer | DenyTerm,
        match: re.Match[str] | PatternMatch,
        score: float,
    ) -> Finding:
        start, end = match.span()
        name = rule.name if isinstance(rule, CustomRecognizer) else "deny_list"
        return span_finding(
            item,
            entity_type=rule.entity,
            start=start,
            end=end,
            score=score,
            recognizer=f"policy:{name}",
            severity=rule.severity or self._severity.get(rule.entity),
        )


def _bounded(
    pattern: re.Pattern[str] | CompiledPattern, text: str
) -> Iterator[re.Match[str] | PatternMatch]:
    """Non-empty matches, at most ``MAX_MATCHES_PER_PATTERN`` per text."""
    matches = (match for match in pattern.finditer(text) if match.end() > match.start())
    return itertools.islice(matches, MAX_MATCHES_PER_PATTERN)


def _deny_pattern(terms: Iterable[DenyTerm]) -> re.Pattern[str] | None:
    """One alternation of every deny value (longest first), not inside a longer word."""
    values = sorted((term.value for term in terms), key=len, reverse=True)
    if not values:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, values))})(?!\w)")


_WRAPPERS: dict[tuple[Policy, int | None], PolicyClassifier] = {}
_WRAPPERS_LOCK = threading.Lock()


def policy_classifier(policy: Policy, processes: int | None = None) -> PolicyClassifier:
    """The process-wide classifier for a policy, on the shared engine, classifying on
    ``processes`` processes (``None``: the default of ``ClassifierConfig``)."""
    key = (policy, processes)
    with _WRAPPERS_LOCK:
        if key not in _WRAPPERS:
            _WRAPPERS[key] = PolicyClassifier(_base_classifier(policy, processes), policy)
        return _WRAPPERS[key]


def _base_classifier(policy: Policy, processes: int | None) -> Classifier:
    """The engine's classifier as the policy needs it.

    It keeps scores down to the policy's lowest threshold, so a threshold under the default
    still has findings to choose from, and never looks for entities the policy leaves off, so
    they cannot hide a finding they overlap. Filters on what is left apply after the engine resolved
    overlaps: a finding dropped for its score or an allow rule does not bring back a weaker
    one it covered.
    """
    from openai_connector.classify import ClassifierConfig, get_classifier
    from openai_connector.classify.engine import get_analyzer

    config = ClassifierConfig()
    if processes is not None:
        config = dataclasses.replace(config, processes=processes)
    if policy.score_floor < config.score_threshold:
        config = dataclasses.replace(config, score_threshold=policy.score_floor)
    inactive = policy.inactive
    if inactive:
        supported = get_analyzer(config).get_supported_entities(config.language)
        config = dataclasses.replace(config, entities=tuple(sorted(set(supported) - inactive)))
    return get_classifier(config)
