"""Contract: google-re2's compiled patterns and matches are of the aliased classes."""

from __future__ import annotations

import re2

from openai_connector._compat.re2 import CompiledPattern, PatternMatch
from tests._compat.contract import contract


def test_compile_and_search_give_the_aliased_types() -> None:
    with contract("google-re2", "re2"):
        compiled = re2.compile(r"a+b")
        assert isinstance(compiled, CompiledPattern)
        assert isinstance(compiled.search("xaab"), PatternMatch)
        assert all(isinstance(match, PatternMatch) for match in compiled.finditer("ab aab"))
