"""Compiling a policy's regexes for RE2, whose matching time is linear in the text.

Python's ``re`` backtracks, so a pattern such as ``(a|a)+$`` or ``\\w+\\w+\\w+X`` can take
minutes on one text, and no static check catches every such pattern. RE2 (google-re2)
runs every pattern it accepts in time linear in the text, so a policy regex cannot stall
a task. What RE2 refuses needs backtracking (backreferences, lookaround, possessive
quantifiers, atomic groups) or is too large (a counted repetition beyond 1,000); such a
pattern is refused when the policy is loaded, with RE2's reason. RE2 reads ``\\d``,
``\\w`` and ``\\b`` as ASCII.
"""

from __future__ import annotations

import re

import re2

from openai_connector._compat.re2 import CompiledPattern
from openai_connector.errors import OpenAIConnectorError

MAX_PATTERN_CHARS = 1000

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # the reason goes into the policy error, not onto stderr


class UnsafePatternError(OpenAIConnectorError, ValueError):
    """A regex that is invalid, that RE2 cannot run in linear time, or that matches the
    empty string."""


def compile_pattern(pattern: str) -> CompiledPattern:
    """The RE2-compiled pattern, or ``UnsafePatternError`` saying why it is refused."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise UnsafePatternError(f"is longer than {MAX_PATTERN_CHARS} characters")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise UnsafePatternError(f"is not a valid regex: {exc}") from None
    try:
        compiled = re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise UnsafePatternError(
            f"cannot run in linear time ({reason}); backreferences, lookaround, possessive "
            "quantifiers and atomic groups need backtracking"
        ) from None
    if compiled.fullmatch("") is not None:
        raise UnsafePatternError("matches the empty string")
    return compiled
