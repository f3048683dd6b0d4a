"""Policy regexes: compiled once, refused when they could stall a task."""

from __future__ import annotations

import pytest

from openai_connector.policy.regex import MAX_PATTERN_CHARS, UnsafePatternError, compile_pattern


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bEMP-\d{6}\b",
        r"^ACME-TEST-",
        r"(\d{3}-?)+",
        r"(\w+\s?)+$",
        r"(a|a)+$",
        r"\w+\w+\w+X",
        "a|b",
    ],
)
def test_accepts_patterns_that_run_in_linear_time(pattern: str) -> None:
    assert compile_pattern(pattern).pattern == pattern


def test_backtracking_shapes_match_as_in_python() -> None:
    """Patterns that take Python's re minutes on a near-miss keep their meaning under RE2."""
    assert compile_pattern(r"(a|a)+$").search("a" * 40 + "b") is None
    assert compile_pattern(r"(a|a)+$").search("xaaa").span() == (1, 4)
    assert compile_pattern(r"\w+\w+\w+X").search("ab" * 20_000) is None
    assert compile_pattern(r"\w+\w+\w+X").search("id abcX").group() == "abcX"


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(\w+)\1+X", "cannot run in linear time"),
        (r"(\w{1,40}){1,40}X", "cannot run in linear time"),
        (r"(\w+\s?)++", "cannot run in linear time"),
        (r"(?>\w+\s?)+x", "cannot run in linear time"),
        (r"x(?=(a+){2,})", "cannot run in linear time"),
        ("[a-", "is not a valid regex"),
        ("a?", "matches the empty string"),
        ("a" * (MAX_PATTERN_CHARS + 1), "is longer than"),
    ],
)
def test_refuses_unsafe_patterns(pattern: str, reason: str) -> None:
    with pytest.raises(UnsafePatternError, match=reason):
        compile_pattern(pattern)
