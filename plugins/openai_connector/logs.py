"""Library loggers whose INFO lines bury ours in task logs and command output.

pyiceberg logs "Defaulting to PyArrow FileIO" on every table it opens (hundreds per run) and
Presidio one "Loaded recognizer" line per recognizer; their warnings and errors still show.
"""

from __future__ import annotations

import logging

NOISY_LIBRARY_LOGGERS = ("pyiceberg", "presidio-analyzer")


def quiet_library_loggers() -> None:
    """Raise the noisy libraries' loggers to WARNING."""
    for name in NOISY_LIBRARY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
