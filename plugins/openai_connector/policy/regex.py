"""Compiling a policy's regexes, refusing those that could stall a task on one text.

Python's ``re`` has no time limit, so a pattern with nested unbounded repetition such as
``(\\w+\\s?)+`` can take exponential time on a near-miss. Such patterns are refused when the
policy is loaded, naming possessive quantifiers and atomic groups as the fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# The parser behind ``re.compile``: the only way to see a pattern's structure.
from re import _parser as sre_parser

MAX_PATTERN_CHARS = 1000

_BACKTRACKING_REPEATS = (sre_parser.MAX_REPEAT, sre_parser.MIN_REPEAT)
# Once these match, the engine never retries them another way.
_ATOMIC = (sre_parser.ATOMIC_GROUP, sre_parser.POSSESSIVE_REPEAT)


class UnsafePatternError(ValueError):
    """A regex that does not compile or could backtrack catastrophically."""


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The compiled pattern, or ``UnsafePatternError`` saying why it is refused."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise UnsafePatternError(f"is longer than {MAX_PATTERN_CHARS} characters")
    try:
        compiled = re.compile(pattern)
        parsed = sre_parser.parse(pattern)
    except re.error as exc:
        raise UnsafePatternError(f"is not a valid regex: {exc}") from None
    if _nested_unbounded_repeat(parsed):
        raise UnsafePatternError(
            "nests unbounded repetition (like (a+)+), which can backtrack for minutes; "
            "use a possessive quantifier (a++) or an atomic group (?>…)"
        )
    if compiled.fullmatch(""):
        raise UnsafePatternError("matches the empty string")
    return compiled


def _subpatterns(value: object) -> Iterator[sre_parser.SubPattern]:
    """Sub-patterns nested anywhere in an opcode's argument (groups, branches, lookarounds)."""
    if isinstance(value, sre_parser.SubPattern):
        yield value
    elif isinstance(value, tuple | list):
        for part in value:
            yield from _subpatterns(part)


def _unbounded(op: object, av: object) -> bool:
    """A greedy or lazy repeat without an upper bound (``*``, ``+``, ``{n,}``)."""
    return op in _BACKTRACKING_REPEATS and av[1] == sre_parser.MAXREPEAT  # type: ignore[index]


def _has_unbounded_repeat(pattern: sre_parser.SubPattern) -> bool:
    """A backtracking unbounded repeat anywhere inside, atomic parts aside."""
    for op, av in pattern.data:
        if _unbounded(op, av):
            return True
        if op not in _ATOMIC and any(_has_unbounded_repeat(sub) for sub in _subpatterns(av)):
            return True
    return False


def _nested_unbounded_repeat(pattern: sre_parser.SubPattern) -> bool:
    """An unbounded repeat of something that itself repeats unboundedly: ``(a+)+``."""
    for op, av in pattern.data:
        if _unbounded(op, av) and _has_unbounded_repeat(av[2]):
            return True
        if any(_nested_unbounded_repeat(sub) for sub in _subpatterns(av)):
            return True
    return False
