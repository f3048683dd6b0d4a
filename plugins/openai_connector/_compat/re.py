"""The structure of a regular expression, as CPython's own parser reads it.

Wraps ``re._parser.parse`` and the opcodes of ``re._constants`` (``sre_parse`` and
``sre_constants`` before Python 3.11). The standard library has no public API for a
pattern's parse tree; google-re2's ``Filter`` derives required substrings only for RE2
syntax, which has no lookarounds or backreferences, and does not give them as patterns.

A tree is a sequence of ``(opcode, argument)`` pairs; the arguments this project reads:
``SUBPATTERN (group, add_flags, del_flags, nodes)``, ``BRANCH (None, [nodes, ...])``,
``ATOMIC_GROUP nodes``, ``GROUPREF_EXISTS (group, nodes, nodes | None)``,
``ASSERT``/``ASSERT_NOT (direction, nodes)``, ``*_REPEAT (min, max, nodes)``,
``LITERAL``/``NOT_LITERAL code``, ``IN [(LITERAL | RANGE | CATEGORY | NEGATE, value), ...]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re._constants import (
    ASSERT,
    ASSERT_NOT,
    AT,
    ATOMIC_GROUP,
    BRANCH,
    CATEGORY,
    CATEGORY_DIGIT,
    CATEGORY_NOT_DIGIT,
    CATEGORY_NOT_SPACE,
    CATEGORY_NOT_WORD,
    CATEGORY_SPACE,
    CATEGORY_WORD,
    GROUPREF_EXISTS,
    IN,
    LITERAL,
    MAX_REPEAT,
    MIN_REPEAT,
    NEGATE,
    NOT_LITERAL,
    POSSESSIVE_REPEAT,
    RANGE,
    SUBPATTERN,
)
from re._parser import parse as _parse
from typing import Any, NamedTuple

__all__ = [
    "ASSERT",
    "ASSERT_NOT",
    "AT",
    "ATOMIC_GROUP",
    "BRANCH",
    "CATEGORY",
    "CATEGORY_DIGIT",
    "CATEGORY_NOT_DIGIT",
    "CATEGORY_NOT_SPACE",
    "CATEGORY_NOT_WORD",
    "CATEGORY_SPACE",
    "CATEGORY_WORD",
    "GROUPREF_EXISTS",
    "IN",
    "LITERAL",
    "MAX_REPEAT",
    "MIN_REPEAT",
    "NEGATE",
    "NOT_LITERAL",
    "POSSESSIVE_REPEAT",
    "RANGE",
    "SUBPATTERN",
    "Nodes",
    "ParsedPattern",
    "parse",
]

Nodes = Sequence[tuple[Any, Any]]


class ParsedPattern(NamedTuple):
    """A pattern's parse tree and the flags it sets inline (``(?i)`` and the like)."""

    nodes: Nodes
    inline_flags: int


def parse(pattern: str, verbose: bool = False) -> ParsedPattern:
    """``re._parser.parse``: the tree ``re.compile`` builds, with the same errors and
    warnings (``re.error``, ``FutureWarning`` for syntax the parser may read otherwise)."""
    parsed = _parse(pattern, re.VERBOSE if verbose else 0)
    return ParsedPattern(parsed.data, parsed.state.flags)
