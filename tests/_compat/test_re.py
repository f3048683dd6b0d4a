"""Contract: CPython's parser gives the trees ``classify/required.py`` reads."""

from __future__ import annotations

import re
import warnings
from typing import Any

import pytest

from openai_connector._compat import re as sre
from tests._compat.contract import contract

A, B, C, D = map(ord, "abcd")


def plain(value: Any) -> Any:
    """A tree as nested lists (the parser nests its own sequence type)."""
    if isinstance(value, str | bytes) or not hasattr(value, "__len__"):
        return value
    return [plain(item) for item in value]


TREES = [
    ("a", [[sre.LITERAL, A]]),
    ("[^a]", [[sre.NOT_LITERAL, A]]),
    (
        r"[^a-c\d\D\s\S\w\W]",
        [
            [
                sre.IN,
                [
                    [sre.NEGATE, None],
                    [sre.RANGE, [A, C]],
                    *(
                        [sre.CATEGORY, category]
                        for category in (
                            sre.CATEGORY_DIGIT,
                            sre.CATEGORY_NOT_DIGIT,
                            sre.CATEGORY_SPACE,
                            sre.CATEGORY_NOT_SPACE,
                            sre.CATEGORY_WORD,
                            sre.CATEGORY_NOT_WORD,
                        )
                    ),
                ],
            ]
        ],
    ),
    ("(a)", [[sre.SUBPATTERN, [1, 0, 0, [[sre.LITERAL, A]]]]]),
    ("(?i-s:a)", [[sre.SUBPATTERN, [None, re.IGNORECASE, re.DOTALL, [[sre.LITERAL, A]]]]]),
    (
        "ab|cd",
        [
            [
                sre.BRANCH,
                [
                    None,
                    [[[sre.LITERAL, A], [sre.LITERAL, B]], [[sre.LITERAL, C], [sre.LITERAL, D]]],
                ],
            ]
        ],
    ),
    ("(?>a)", [[sre.ATOMIC_GROUP, [[sre.LITERAL, A]]]]),
    (
        "(a)?(?(1)b|c)",
        [
            [sre.MAX_REPEAT, [0, 1, [[sre.SUBPATTERN, [1, 0, 0, [[sre.LITERAL, A]]]]]]],
            [sre.GROUPREF_EXISTS, [1, [[sre.LITERAL, B]], [[sre.LITERAL, C]]]],
        ],
    ),
    ("(?=a)", [[sre.ASSERT, [1, [[sre.LITERAL, A]]]]]),
    ("(?<=a)", [[sre.ASSERT, [-1, [[sre.LITERAL, A]]]]]),
    ("(?!a)", [[sre.ASSERT_NOT, [1, [[sre.LITERAL, A]]]]]),
    ("a{2,5}", [[sre.MAX_REPEAT, [2, 5, [[sre.LITERAL, A]]]]]),
    ("a{1,3}?", [[sre.MIN_REPEAT, [1, 3, [[sre.LITERAL, A]]]]]),
    ("a{2}+", [[sre.POSSESSIVE_REPEAT, [2, 2, [[sre.LITERAL, A]]]]]),
]


@pytest.mark.parametrize(("pattern", "tree"), TREES, ids=[pattern for pattern, _ in TREES])
def test_parse_tree_shape(pattern: str, tree: list[Any]) -> None:
    with contract("python", "re.parse"):
        assert plain(sre.parse(pattern).nodes) == tree


def test_opcodes_are_identities() -> None:
    """``required.py`` compares opcodes with ``is``."""
    with contract("python", "re.parse"):
        [(op, _)] = sre.parse("^").nodes
        assert op is sre.AT
        [(op, _)] = sre.parse("[ab]").nodes
        assert op is sre.IN


def test_inline_flags_and_verbose() -> None:
    with contract("python", "re.parse"):
        assert sre.parse("(?i)a").inline_flags & re.IGNORECASE
        assert not sre.parse("a").inline_flags & re.IGNORECASE
        assert plain(sre.parse("a b # note", verbose=True).nodes) == [
            [sre.LITERAL, A],
            [sre.LITERAL, B],
        ]


def test_errors_and_warnings_are_the_compilers() -> None:
    with contract("python", "re.parse"):
        assert isinstance(failure("("), re.error)
        assert isinstance(failure("[[a]"), FutureWarning)  # a nested set to other engines


def failure(pattern: str) -> Exception | None:
    """What parsing ``pattern`` raises, with warnings as errors (as ``required.py`` does)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            sre.parse(pattern)
        except (re.error, FutureWarning) as exc:
            return exc
    return None
