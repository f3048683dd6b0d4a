"""Catalog maintenance: compact small data files, expire old snapshots, remove orphan files.

Landing commits once per batch, so a partition collects many small files; copy-on-write
rewrites and expired snapshots leave files no snapshot references any more, and a write
that lost its commit leaves the files it wrote. pyiceberg (0.12) offers snapshot expiry but
neither compaction nor orphan removal, so both are done here with its table API:

- **compaction** rewrites, per partition, the data files smaller than a target into as few
  files as the rows need, in one overwrite commit (retried on conflicts like any write;
  rows are only moved, never changed);
- **expiry** drops the snapshots older than the grace period but the current one (nothing
  reads history: the ``runs`` table is the audit trail), so compacted files become orphans;
- **orphan removal** deletes files under the table's location that no kept snapshot or
  metadata version references and that are older than a grace period (a concurrent
  writer's files are new and not referenced yet: the grace period protects them).

Run it on a schedule (the ``openai-connector catalog maintain`` command), not per batch.
Only the snapshot history is bounded after every commit (:func:`trim_history`): each commit
copies the whole snapshot list, so an unbounded history slows every commit down.
"""

from __future__ import annotations

import functools
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from openai_connector.catalog.datafiles import read_files, replace_files
from openai_connector.catalog.schema import TABLES, table_spec

if TYPE_CHECKING:
    import pyarrow as pa
    from pyarrow.fs import FileInfo, FileSystem
    from pyiceberg.table import FileScanTask, Table

    from openai_connector.catalog.store import CatalogStore

log = logging.getLogger(__name__)

#: Data files smaller than this are compacted together (Parquet bytes on disk).
SMALL_FILE_BYTES = 32 * 2**20
#: Files younger than this are never removed as orphans (a running write may own them).
ORPHAN_GRACE = timedelta(hours=1)
#: Snapshots a table keeps in its metadata. Every commit copies the whole snapshot list, so an
#: unbounded history makes each commit slower than the last (quadratic over a first run of a
#: large workspace: one commit per batch per table). Older snapshots are expired once the
#: history holds twice this many; their data files stay on disk. Nothing here reads history
#: (the ``runs`` table is the audit trail), so this only limits ad-hoc time travel. pyiceberg
#: deep-copies the metadata several times per commit: keeping 5 rather than 10 landed 50
#: batches of new messages 1.2-1.5x faster (noisy, shared machine).
SNAPSHOTS_KEPT = 5


@dataclass(frozen=True)
class TableMaintenance:
    """What maintenance did to one table: files on disk and live data files before/after."""

    table: str
    files_before: int
    files_after: int
    data_files_before: int
    data_files_after: int
    orphans_removed: int


def maintain(
    store: CatalogStore,
    tables: Iterable[str] | None = None,
    *,
    orphan_grace: timedelta = ORPHAN_GRACE,
    small_file_bytes: int = SMALL_FILE_BYTES,
) -> list[TableMaintenance]:
    """Compact, expire and remove orphans, table by table (all catalog tables by default)."""
    reports = []
    for name in tables or TABLES:
        before = store.iceberg_table(name)
        files_before = len(_files_on_disk(before))
        data_before = len(_live_data_files(before))
        schema = table_spec(name).arrow_schema()
        store.commit(
            name,
            "compact",
            functools.partial(compact, schema=schema, small_file_bytes=small_file_bytes),
        )
        expire_old_snapshots(store.iceberg_table(name), orphan_grace)
        after = store.iceberg_table(name)
        removed = remove_orphans(after, orphan_grace)
        report = TableMaintenance(
            name,
            files_before,
            len(_files_on_disk(after)),
            data_before,
            len(_live_data_files(after)),
            removed,
        )
        log.info("maintained %s: %s", name, report)
        reports.append(report)
    return reports


def compact(table: Table, schema: pa.Schema, small_file_bytes: int = SMALL_FILE_BYTES) -> int:
    """Rewrite each partition's small data files into as few as needed; one commit.
    Returns how many files were rewritten."""
    by_partition: dict[tuple[int, object], list[FileScanTask]] = defaultdict(list)
    for task in table.scan().plan_files():
        if task.file.file_size_in_bytes < small_file_bytes and not task.delete_files:
            by_partition[(task.file.spec_id, task.file.partition)].append(task)
    small = [task for tasks in by_partition.values() if len(tasks) > 1 for task in tasks]
    if small:
        replace_files(table, small, read_files(table, small, schema))
    return len(small)


def expire_old_snapshots(table: Table, grace: timedelta = ORPHAN_GRACE) -> None:
    """Expire every snapshot older than ``grace`` except the current one."""
    cutoff_ms = (time.time() - grace.total_seconds()) * 1000
    snapshots = table.metadata.snapshots
    expire_snapshots(table, [s.snapshot_id for s in snapshots if s.timestamp_ms < cutoff_ms])


def trim_history(table: Table) -> None:
    """Expire all but the newest :data:`SNAPSHOTS_KEPT` snapshots once twice that many exist.

    Maintenance, not part of the write: losing a race to another writer only postpones it.
    """
    snapshots = table.metadata.snapshots
    if len(snapshots) <= 2 * SNAPSHOTS_KEPT:
        return
    newest_first = sorted(snapshots, key=lambda snapshot: snapshot.timestamp_ms, reverse=True)
    expire_snapshots(table, [snapshot.snapshot_id for snapshot in newest_first[SNAPSHOTS_KEPT:]])


def expire_snapshots(table: Table, snapshot_ids: Sequence[int]) -> None:
    """Expire these snapshots, never the current one; their files stay on disk until orphan
    removal. A commit race lost to a writer leaves them for next time."""
    from pyiceberg.exceptions import CommitFailedException

    current = table.metadata.current_snapshot_id
    expired = [snapshot_id for snapshot_id in snapshot_ids if snapshot_id != current]
    if not expired:
        return
    try:
        table.maintenance.expire_snapshots().by_ids(expired).commit()
    except CommitFailedException:
        log.debug("snapshot expiry of %s lost a commit race; retried later", table.name())
        return
    log.debug("expired %d old snapshots of %s", len(expired), table.name())


def remove_orphans(table: Table, grace: timedelta = ORPHAN_GRACE) -> int:
    """Delete unreferenced files under the table's location older than ``grace``."""
    referenced = _referenced(table)
    cutoff = time.time() - grace.total_seconds()
    filesystem, _ = _filesystem(table)
    removed = 0
    for info in _files_on_disk(table):
        old = info.mtime is not None and info.mtime.timestamp() < cutoff
        if old and info.path not in referenced:
            filesystem.delete_file(info.path)
            removed += 1
    return removed


def _live_data_files(table: Table) -> list[str]:
    return [task.file.file_path for task in table.scan().plan_files()]


def _referenced(table: Table) -> set[str]:
    """Paths (without scheme) of every file a kept snapshot or metadata version needs."""
    metadata = table.metadata
    paths = [table.metadata_location, *(entry.metadata_file for entry in metadata.metadata_log)]
    paths += [statistics.statistics_path for statistics in metadata.statistics]
    for snapshot in metadata.snapshots:
        paths.append(snapshot.manifest_list)
        for manifest in snapshot.manifests(table.io):
            paths.append(manifest.manifest_path)
            entries = manifest.fetch_manifest_entry(table.io, discard_deleted=True)
            paths.extend(entry.data_file.file_path for entry in entries)
    return {_path_of(path) for path in paths}


def _files_on_disk(table: Table) -> list[FileInfo]:
    from pyarrow.fs import FileSelector, FileType

    filesystem, root = _filesystem(table)
    selector = FileSelector(root, recursive=True, allow_not_found=True)
    return [info for info in filesystem.get_file_info(selector) if info.type == FileType.File]


def _filesystem(table: Table) -> tuple[FileSystem, str]:
    """The table's file system (with the catalog's credentials) and its root path in it."""
    from pyiceberg.io.pyarrow import PyArrowFileIO

    scheme, netloc, path = PyArrowFileIO.parse_location(table.location())
    io = table.io
    if isinstance(io, PyArrowFileIO):
        return io.fs_by_scheme(scheme, netloc), path
    from pyarrow.fs import FileSystem

    return FileSystem.from_uri(table.location())[0], path


def _path_of(location: str) -> str:
    from pyiceberg.io.pyarrow import PyArrowFileIO

    return PyArrowFileIO.parse_location(location)[2]
