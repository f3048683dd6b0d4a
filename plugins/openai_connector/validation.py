"""Reading pydantic's validation errors as the project's one-line, field-path messages.

Shapes (workspace entries, policy documents, catalog settings, remediation params) are pydantic
models; each module turns a :class:`pydantic.ValidationError` into its own error type with
:func:`describe`, so a caller sees ``where: deny[2].severity must be one of …`` and never a
pydantic traceback. pydantic is loaded by Airflow's SDK anyway, so the DAG file may use it.

Validators phrase their own refusals with :func:`invalid` (``must be …, got …``); the path is
written before them. pydantic's own messages (a wrong type) follow the path after a colon.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BeforeValidator, ValidationError, ValidatorFunctionWrapHandler, WrapValidator
from pydantic_core import PydanticCustomError

#: Where a value sits in a document: keys and list indexes from the top.
Loc = tuple[str | int, ...]

_OURS = "invalid"
_UNKNOWN_KEYS = frozenset({"extra_forbidden", "unexpected_keyword_argument"})


def invalid(problem: str) -> PydanticCustomError:
    """A refusal in the project's words, e.g. ``invalid("must be one of a, b, got 'c'")``."""
    return PydanticCustomError(_OURS, problem)


def reworded(problem: str) -> WrapValidator:
    """Annotation: a refusal of this value (not of an item inside it) in the project's words.

    ``problem`` may show the value as ``{value}`` (a scalar as written, else its type) or its
    type as ``{kind}``; the declared type and constraints still decide what is refused, this
    only says it the way the project's documentation does.
    """

    def wrap(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError as exc:
            if any(error["loc"] for error in exc.errors()):
                raise  # an item inside the value: its own path and message say more
            raise invalid(problem.format(value=shown(value), kind=kind(value))) from None

    return WrapValidator(wrap)


def one_of(choices: Sequence[str]) -> BeforeValidator:
    """Annotation: the value must be one of ``choices`` (``must be one of a, b, got 'c'``)."""

    def check(value: Any) -> Any:
        if not isinstance(value, str) or value not in choices:
            raise invalid(f"must be one of {', '.join(choices)}, got {shown(value)}")
        return value

    return BeforeValidator(check)


def dotted(path: Sequence[str | int]) -> str:
    """``deny[2].severity`` for ``("deny", 2, "severity")``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass(frozen=True)
class Problem:
    """One refused value: where it is and what is wrong with it (a phrase after the path)."""

    loc: Loc
    problem: str
    unknown_key: bool = False
    missing: bool = False

    def describe(self, root: str = "") -> str:
        path = dotted((root, *self.loc) if root else self.loc)
        return f"{path} {self.problem}" if path else self.problem


def problems(error: ValidationError, *, show_values: bool = True) -> Iterator[Problem]:
    """Each error of ``error`` in input order; a bad mapping key is reported at the key.

    ``show_values=False`` keeps refused values out of the message (settings that may hold a
    secret); a project validator's own message decides for itself.
    """
    for item in error.errors(include_url=False, include_context=False):
        loc = tuple(item["loc"])
        if loc and loc[-1] == "[key]":
            loc = (*loc[:-2], str(loc[-2]))  # a key, never an index
        if item["type"] == _OURS:
            yield Problem(loc, item["msg"])
        elif item["type"] == "missing":
            yield Problem(loc, "is required", missing=True)
        elif item["type"] in _UNKNOWN_KEYS:
            yield Problem(loc, "is not a known key", unknown_key=True)
        else:
            message = item["msg"][:1].lower() + item["msg"][1:]
            value = f" (got {shown(item.get('input'))})" if show_values else ""
            yield Problem(loc, f"is invalid: {message}{value}")


def first_problems(error: ValidationError, *, show_values: bool = True) -> list[Problem]:
    """The problems of ``error``, unknown keys first: a misspelt key explains a "required"."""
    return sorted(problems(error, show_values=show_values), key=lambda p: not p.unknown_key)


def describe(error: ValidationError, root: str = "", *, show_values: bool = True) -> str:
    """The first problem of ``error`` as one line (the others are usually its consequences).

    Unknown keys are listed together: ``where has unknown keys: colour, size``.
    """
    found = first_problems(error, show_values=show_values)
    first = found[0]
    if not first.unknown_key:
        return first.describe(root)
    keys = [p.loc[-1] for p in found if p.unknown_key and p.loc[:-1] == first.loc[:-1]]
    unknown = ", ".join(sorted(str(key) for key in keys))
    where = dotted((root, *first.loc[:-1]) if root else first.loc[:-1])
    return f"{where} has unknown keys: {unknown}" if where else f"unknown keys: {unknown}"


def kind(value: Any) -> str:
    """A value's type as a message names it (``nothing`` for None)."""
    return "nothing" if value is None else type(value).__name__


def shown(value: Any) -> str:
    """A wrong value in a message: scalars as written, anything bigger by its type."""
    if isinstance(value, str | int | float | bool) and len(repr(value)) <= 40:
        return repr(value)
    return kind(value)
