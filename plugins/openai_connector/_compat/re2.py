"""google-re2's types, for annotations.

``re2.compile`` returns a ``re2._Regexp`` and its matches are ``re2._Match``; the module
exports no public name for either (the standard library's ``re.Pattern`` and ``re.Match``
are other classes).
"""

from __future__ import annotations

from typing import TypeAlias

import re2

CompiledPattern: TypeAlias = re2._Regexp
"""``re2._Regexp``: what ``re2.compile`` returns."""
PatternMatch: TypeAlias = re2._Match
"""``re2._Match``: what a compiled pattern's ``search`` and ``finditer`` give."""
