"""Policy regexes: compiled once, refused when they could stall a task."""

from __future__ import annotations

import pytest

from openai_connector.policy.regex import MAX_PATTERN_CHARS, UnsafePatternError, compile_pattern


@pytest.mark.parametrize(
    "pattern",
    [r"\bEMP-\d{6}\b", r"^ACME-TEST-", r"(\d{3}-?)+", r"(\w+\s?)++", r"(?>\w+\s?)+x", "a|b"],
)
def test_accepts_linear_patterns(pattern: str) -> None:
    assert compile_pattern(pattern).pattern == pattern


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(\w+\s?)+$", "nests unbounded repetition"),
        (r"(?:a|b(c*)*)", "nests unbounded repetition"),
        (r"x(?=(a+){2,})", "nests unbounded repetition"),
        (r"(a+?)*?b", "nests unbounded repetition"),
        ("[a-", "is not a valid regex"),
        ("a?", "matches the empty string"),
        ("a" * (MAX_PATTERN_CHARS + 1), "is longer than"),
    ],
)
def test_refuses_unsafe_patterns(pattern: str, reason: str) -> None:
    with pytest.raises(UnsafePatternError, match=reason):
        compile_pattern(pattern)
