"""The time budget of the text being analysed, for recognizers that work through it in parts.

Budgets are CPU seconds of this process (``time.process_time``), so a busy machine slows
a text down without cutting it. The analyzer checks a text's budget between windows and
between recognizers; a recognizer whose own cost can reach seconds on one window
(libphonenumber's matcher) works in smaller parts and asks ``over_budget()`` between
them, which also records that the text was cut.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Budget:
    """When the current text's analysis must stop, and whether some part of it did."""

    deadline: float
    cut: bool = False


_CURRENT: ContextVar[Budget | None] = ContextVar("openai_connector_budget", default=None)


@contextmanager
def time_budget(deadline: float) -> Iterator[Budget]:
    """Make ``deadline`` (a ``time.process_time()`` value) the budget of the code inside."""
    budget = Budget(deadline)
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)


def over_budget() -> bool:
    """Whether the current text is past its deadline (recorded as a cut); never without one."""
    budget = _CURRENT.get()
    if budget is None or time.process_time() <= budget.deadline:
        return False
    budget.cut = True
    return True
