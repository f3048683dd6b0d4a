"""Which stored data files hold a batch's keys, without reading the files again per batch.

An upsert must know which of its keys the table already holds. Keys are random ids, so
the files' column bounds prune nothing and a lookup used to read the key column of every
candidate file on every batch: landing slowed down as the table grew. Data files are
immutable, so the keys of one file never change: the index reads a file's key columns
once, keeps a sorted array of their 64-bit hashes, and answers later lookups in memory.
A hash match only says the key *may* be stored (a collision is as likely as 2**-64); the
caller then reads the few matching files to find the stored rows exactly. A file the
index has not seen (written by another process) is read on its first lookup, so a
concurrent writer's keys are never missed.

Memory: 8 bytes per stored key of the files a lookup considers; entries of files that
leave a table's candidates (rewritten, compacted, or of days no longer landed) are dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa
    from pyiceberg.table import FileScanTask, Table

#: Separator of multi-column keys when hashed as one string (never inside an id).
_KEY_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class KeyLookup:
    """The outcome of one lookup: which rows' keys may be stored, and in which files."""

    maybe_stored: np.ndarray
    """One bool per input row."""
    files: list[FileScanTask]
    """The candidate files holding at least one of the keys."""


def key_strings(data: pa.Table, key: Sequence[str]) -> pa.ChunkedArray | pa.Array:
    """One string per row identifying its key (columns joined by a separator)."""
    import pyarrow.compute as pc

    columns = [data.column(name).cast("string") for name in key]
    if len(columns) == 1:
        return columns[0]
    return pc.binary_join_element_wise(*columns, _KEY_SEPARATOR)


def key_hashes(data: pa.Table, key: Sequence[str]) -> np.ndarray:
    """64-bit hashes of the rows' keys (pandas' vectorised SipHash)."""
    import numpy as np
    import pandas as pd

    strings = key_strings(data, key).to_numpy(zero_copy_only=False)
    return pd.util.hash_array(np.asarray(strings, dtype=object), categorize=False)


class KeyIndex:
    """Sorted key hashes per data file, per table; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, dict[str, np.ndarray]] = {}

    def lookup(
        self, table: Table, candidates: Sequence[FileScanTask], data: pa.Table, key: Sequence[str]
    ) -> KeyLookup:
        """Which of ``data``'s keys may be held by ``candidates``, and by which of them."""
        import numpy as np

        wanted = key_hashes(data, key)
        maybe_stored = np.zeros(len(wanted), dtype=bool)
        holders = []
        name = str(table.name())
        with self._lock:
            known = self._files.get(name, {})
        current = {}
        for task in candidates:
            path = task.file.file_path
            stored = known.get(path)
            if stored is None:
                stored = _read_key_hashes(table, task, key)
            current[path] = stored
            if not len(stored):
                continue
            positions = np.minimum(np.searchsorted(stored, wanted), len(stored) - 1)
            hits = stored[positions] == wanted
            if hits.any():
                maybe_stored |= hits
                holders.append(task)
        with self._lock:
            self._files[name] = current
        return KeyLookup(maybe_stored, holders)


def _read_key_hashes(table: Table, task: FileScanTask, key: Sequence[str]) -> np.ndarray:
    import numpy as np

    from openai_connector._compat.pyiceberg import file_reader

    projected = table.schema().select(*key)
    rows = file_reader(table.metadata, table.io, projected).to_table([task])
    return np.sort(key_hashes(rows, key))
