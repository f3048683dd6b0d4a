"""What every match of a regular expression must contain, derived from its parse tree.

``required_pattern(r"sk-(?:proj|admin)-\\w{20,}", ignorecase=False)`` finds ``sk-``: a
text without it cannot match the expression, so searching for it first is an exact
prefilter, and a cheap one, since a short run of characters is found without the
expression's backtracking. Candidates are the runs of adjacent characters every match
consumes (literals, classes, a class repeated a fixed number of times, the first
character of a group) and the requirements of the expression's parts (the union over
the branches of an alternation, a positive lookaround); the one least likely to occur in
chat text wins.

Only syntax that Python's parser reads the way Presidio's ``regex`` engine does is
understood; anything else (syntax only the ``regex`` module knows, flags that change what
a class means) gives ``None``, meaning "no prefilter". Backreferences and conditionals
only stop a run: they never make a requirement wrong. The parse tree comes from CPython's
private parser, through ``openai_connector._compat.re``.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from openai_connector._compat import re as sre
from openai_connector._compat.re import Nodes

# Rough share of characters in chat text, to rank candidates; anything else is rare.
_WEIGHTS = {
    **dict.fromkeys(map(chr, range(ord("!"), ord("~") + 1)), 0.002),
    **dict.fromkeys("abcdefghijklmnopqrstuvwxyz", 0.05),
    **dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 0.006),
    **dict.fromkeys("0123456789", 0.004),
    **dict.fromkeys(".,'\"\n", 0.01),
    " ": 0.16,
}
_RARE = 0.0005
# Longer alternations cost more to search than many recognizers cost to run.
_MAX_ALTERNATIVES = 8
# Alternative first characters are tried only where the rest of a run matched: cheap.
_MAX_FIRSTS = 64
_MAX_FIXED_REPEAT = 16
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
# Flags that change neither how an expression parses nor what a class or literal matches.
NEUTRAL_FLAGS = re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE


@dataclass(frozen=True, slots=True)
class _Piece:
    """A pattern with explicit case flags, and how often it occurs per character of chat."""

    pattern: str
    weight: float


Requirement = tuple[_Piece, ...]  # every match contains a match of one of the pieces


def required_pattern(pattern: str, ignorecase: bool, other_flags: int = 0) -> str | None:
    """A pattern found in every text that ``pattern`` matches, or ``None`` if unknown.

    ``ignorecase`` is the expression's compile-time case-insensitivity; ``other_flags``
    are its other flags as Python's ``re`` numbers them (any but multi-line, dot-all,
    Unicode and verbose give ``None``). The result carries its own case flags.
    """
    if other_flags & ~NEUTRAL_FLAGS:
        return None
    try:
        with warnings.catch_warnings():
            # Python warns where the regex module would read a nested set or POSIX class.
            warnings.simplefilter("error")
            parsed = sre.parse(pattern, verbose=bool(other_flags & re.VERBOSE))
    except (re.error, FutureWarning, DeprecationWarning, RecursionError):
        return None
    inline = parsed.inline_flags
    if inline & ~(NEUTRAL_FLAGS | re.IGNORECASE) or _has_literal_brace(parsed.nodes):
        # A "{" Python reads as a literal may be a fuzzy-match constraint to regex.
        return None
    requirement = _sequence(parsed.nodes, ignorecase or bool(inline & re.IGNORECASE))
    return "|".join(piece.pattern for piece in requirement) if requirement else None


def _has_literal_brace(nodes: Nodes) -> bool:
    return any(
        (op is sre.LITERAL and av == ord("{")) or any(map(_has_literal_brace, _children(op, av)))
        for op, av in nodes
    )


def _children(op: Any, av: Any) -> list[Nodes]:
    if op is sre.SUBPATTERN:
        return [av[3]]
    if op in _REPEATS:
        return [av[2]]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op is sre.BRANCH:
        return list(av[1])
    if op is sre.ATOMIC_GROUP:
        return [av]
    if op is sre.GROUPREF_EXISTS:
        return [branch for branch in av[1:] if branch is not None]
    return []


def _sequence(nodes: Nodes, ignorecase: bool) -> Requirement | None:
    """The rarest requirement among the runs and the parts of a sequence."""
    candidates: list[Requirement] = []
    run: list[_Piece] = []

    def close_run() -> None:
        if run:
            pattern = "".join(piece.pattern for piece in run)
            candidates.append((_Piece(pattern, math.prod(piece.weight for piece in run)),))
            run.clear()

    for op, av in nodes:
        if op in _ZERO_WIDTH:
            # Consumes nothing: the characters around it stay adjacent. What a positive
            # lookaround needs is still somewhere in the text.
            if op is sre.ASSERT and (inner := _sequence(av[1], ignorecase)):
                candidates.append(inner)
            continue
        atom = _atom(op, av, ignorecase)
        if atom is not None:
            run.append(atom)
            continue
        if op in _REPEATS and av[0] >= 1 and (repeated := _only_atom(av[2], ignorecase)):
            run.append(_repeat(repeated, av[0]))
            if av[1] != av[0] or av[0] > _MAX_FIXED_REPEAT:
                close_run()
            continue
        first = _first(((op, av),), ignorecase)
        if first is not None:
            run.append(first)
        close_run()
        inner = _part(op, av, ignorecase)
        if inner:
            candidates.append(inner)
    close_run()
    return min(candidates, key=_rarity, default=None)


def _part(op: Any, av: Any, ignorecase: bool) -> Requirement | None:
    """The requirement of an element that is not a single character."""
    if op is sre.SUBPATTERN:
        case = _scoped_case(av[1], av[2], ignorecase)
        return None if case is None else _sequence(av[3], case)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, ignorecase)
    if op in _REPEATS:
        return _sequence(av[2], ignorecase) if av[0] >= 1 else None
    if op is sre.BRANCH:
        union: dict[str, _Piece] = {}
        for branch in av[1]:
            requirement = _sequence(branch, ignorecase)
            if requirement is None:
                break
            union.update((piece.pattern, piece) for piece in requirement)
        else:
            if len(union) <= _MAX_ALTERNATIVES:
                return tuple(union.values())
        # Too many (or unknown) alternatives: a character every branch needs may do.
        common = set.intersection(*(_needed_atoms(branch, ignorecase) for branch in av[1]))
        return (min(common, key=_rarity_of_piece),) if common else None
    return None


def _needed_atoms(nodes: Nodes, ignorecase: bool) -> set[_Piece]:
    """Single characters (as patterns) that every match of ``nodes`` consumes."""
    needed: set[_Piece] = set()
    for op, av in nodes:
        atom = _atom(op, av, ignorecase)
        if atom is not None:
            needed.add(atom)
        elif op in _REPEATS and av[0] >= 1:
            needed |= _needed_atoms(av[2], ignorecase)
        elif op is sre.SUBPATTERN and (case := _scoped_case(av[1], av[2], ignorecase)) is not None:
            needed |= _needed_atoms(av[3], case)
        elif op is sre.ATOMIC_GROUP:
            needed |= _needed_atoms(av, ignorecase)
        elif op is sre.BRANCH:
            needed |= set.intersection(*(_needed_atoms(branch, ignorecase) for branch in av[1]))
    return needed


def _scoped_case(add_flags: int, del_flags: int, ignorecase: bool) -> bool | None:
    """Case-insensitivity inside ``(?flags-flags:...)``; ``None`` for other flag changes."""
    if (add_flags | del_flags) & ~(NEUTRAL_FLAGS | re.IGNORECASE):
        return None
    if add_flags & re.IGNORECASE:
        return True
    if del_flags & re.IGNORECASE:
        return False
    return ignorecase


def _only_atom(nodes: Nodes, ignorecase: bool) -> _Piece | None:
    return _atom(*nodes[0], ignorecase) if len(nodes) == 1 else None


def _repeat(atom: _Piece, times: int) -> _Piece:
    times = min(times, _MAX_FIXED_REPEAT)
    if times == 1:
        return atom
    # Repeated classes are far from independent ("2024", "README"): weigh two at most.
    return _Piece(f"(?:{atom.pattern}){{{times}}}", atom.weight ** min(times, 2))


def _atom(op: Any, av: Any, ignorecase: bool) -> _Piece | None:
    """A pattern for an element that always consumes exactly one character."""
    if op is sre.SUBPATTERN:
        case = _scoped_case(av[1], av[2], ignorecase)
        return None if case is None else _only_atom(av[3], case)
    if op is sre.LITERAL:
        body: str | None = _char(av)
    elif op is sre.NOT_LITERAL:
        body = f"[^{_char(av)}]"
    elif op is sre.IN:
        body = _char_class(av)
    else:
        body = None
    if body is None:
        return None
    pattern = body if _caseless(op, av) else f"(?{'' if ignorecase else '-'}i:{body})"
    return _Piece(pattern, _weight(pattern))


def _caseless(op: Any, av: Any) -> bool:
    """Whether an atom matches the same characters with or without ignoring case."""
    if op is sre.LITERAL:
        return _uncased(av, av)
    if op is sre.IN:
        return all(
            (kind is sre.LITERAL and _uncased(value, value))
            or (kind is sre.RANGE and _uncased(*value))
            or (kind is sre.CATEGORY and value in _CATEGORIES)
            for kind, value in av
        )
    return False


def _uncased(low: int, high: int) -> bool:
    """No character in the range has another case (checked for ASCII ranges only)."""
    if high >= 0x80:
        return False
    return all(chr(code).lower() == chr(code).upper() for code in range(low, high + 1))


def _char(code: int) -> str:
    return f"\\U{code:08x}"


def _char_class(items: Nodes) -> str | None:
    negate, parts = "", []
    for op, av in items:
        if op is sre.NEGATE:
            negate = "^"
        elif op is sre.LITERAL:
            parts.append(_char(av))
        elif op is sre.RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return None
    return f"[{negate}{''.join(parts)}]"


def _first(nodes: Nodes, ignorecase: bool) -> _Piece | None:
    """A pattern for the first character every match of ``nodes`` consumes."""
    for op, av in nodes:
        if op in _ZERO_WIDTH:
            continue
        atom = _atom(op, av, ignorecase)
        if atom is not None:
            return atom
        if op in _REPEATS:
            return _first(av[2], ignorecase) if av[0] >= 1 else None
        if op is sre.SUBPATTERN:
            case = _scoped_case(av[1], av[2], ignorecase)
            return None if case is None else _first(av[3], case)
        if op is sre.ATOMIC_GROUP:
            return _first(av, ignorecase)
        if op is sre.BRANCH:
            firsts = {_first(branch, ignorecase) for branch in av[1]}
            if None in firsts or len(firsts) > _MAX_FIRSTS:
                return None
            patterns = sorted(piece.pattern for piece in firsts if piece)
            return _Piece(f"(?:{'|'.join(patterns)})", _weight(f"(?:{'|'.join(patterns)})"))
        return None
    return None


def _rarity(requirement: Requirement) -> tuple[float, int]:
    """Expected matches per character of chat text; longer patterns break ties."""
    return (
        sum(piece.weight for piece in requirement),
        -sum(len(piece.pattern) for piece in requirement),
    )


def _rarity_of_piece(piece: _Piece) -> tuple[float, str]:
    return (piece.weight, piece.pattern)


@lru_cache(maxsize=4096)
def _weight(single_character: str) -> float:
    compiled = re.compile(single_character)
    weight = sum(w for char, w in _WEIGHTS.items() if compiled.fullmatch(char))
    return min(1.0, max(_RARE, weight))
