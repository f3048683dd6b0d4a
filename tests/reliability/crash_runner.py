"""A workspace run that kills its own process at a chosen point, as a crashed worker dies.

Run as ``python -m tests.reliability.crash_runner`` from the repository root, with a JSON
object on standard input (it holds an API key, which a command line would show). It gives
``settings`` (the :class:`WorkspaceSettings` fields), the ``warehouse`` and the ``crash``
point: ``target``, a dotted name of a product function or method; ``call``, the call that
dies; ``when``, ``"before"`` or ``"after"`` the real call. The process ends with SIGKILL
there: no ``finally``, no ``atexit``, no flush, nothing the product could clean up with. If
the point is never reached the run completes and the process exits normally, which the
caller counts as a failure.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openai_connector.api import WorkspaceSettings
from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.pipeline import steps
from openai_connector.pipeline.files import FileOptions, sync_files
from tests import harness

#: Log files are landed in batches of about this many messages here (2000 by default), so a
#: small workspace lands in several commits and a crash can fall between two of them.
MESSAGE_BATCH = 40
#: Files are fetched, classified and landed in groups of this many here, for the same reason.
SMALL_FILE_GROUPS = FileOptions(downloads=2, window=5, classify_texts=5, land_files=5)


@dataclass(frozen=True)
class CrashPoint:
    """Die on call number ``call`` of ``target``, ``before`` or ``after`` the real call."""

    target: str
    call: int
    when: str = "before"

    def __str__(self) -> str:
        return f"{self.when} call {self.call} of {self.target}"


def use_small_file_groups() -> None:
    """Make every job of this process fetch and land files in small groups."""
    steps.STEP_FUNCTIONS["sync_files"] = functools.partial(sync_files, options=SMALL_FILE_GROUPS)


def _resolve(dotted: str) -> tuple[Any, str]:
    """The object holding the last name of ``dotted`` (a module or a class), and that name."""
    parts = dotted.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            owner: Any = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for name in parts[split:-1]:
            owner = getattr(owner, name)
        getattr(owner, parts[-1])  # an unknown name fails here, not by never crashing
        return owner, parts[-1]
    raise ValueError(f"no module in {dotted!r}")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def arm(point: CrashPoint) -> None:
    """Wrap ``point.target`` so that its ``point.call``-th call kills this process.

    A module-level function is replaced wherever it is bound (``from x import f`` copies the
    reference into the importing module); a method is replaced on its class.
    """
    owner, name = _resolve(point.target)
    original: Callable[..., Any] = getattr(owner, name)
    calls = 0

    @functools.wraps(original)
    def crashing(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == point.call and point.when == "before":
            _die()
        result = original(*args, **kwargs)
        if calls == point.call and point.when == "after":
            _die()
        return result

    if isinstance(owner, type):
        setattr(owner, name, crashing)
        return
    for module in list(sys.modules.values()):
        for attribute, value in list(vars(module).items()):
            if value is original:
                setattr(module, attribute, crashing)


def main() -> None:
    spec = json.load(sys.stdin)
    settings = WorkspaceSettings(**spec["settings"])
    store = CatalogStore(CatalogConfig(warehouse=spec["warehouse"]))
    use_small_file_groups()
    arm(CrashPoint(**spec["crash"]))
    harness.run_steps(settings, store, conn_id="crashing", batch_size=MESSAGE_BATCH)


if __name__ == "__main__":
    main()
