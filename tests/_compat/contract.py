"""One clear failure when an installed library no longer fits a ``_compat`` shim."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version

import pytest


@contextmanager
def contract(distribution: str, shim: str) -> Iterator[None]:
    """Any error inside becomes a failure naming the installed version and the shim to fix.

    ``distribution`` is the library's name on PyPI, or ``python`` for the standard library.
    """
    try:
        yield
    except Exception as exc:
        installed = python_version() if distribution == "python" else version(distribution)
        pytest.fail(
            f"{distribution} {installed} no longer fits openai_connector._compat.{shim} "
            f"({type(exc).__name__}: {exc}). Adapt the shim to the new version, then move "
            "the upper bound in pyproject.toml.",
            pytrace=False,
        )


def python_version() -> str:
    import platform

    return platform.python_version()
