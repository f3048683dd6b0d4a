"""Catalog landing throughput: the store's upsert against the previous algorithm, same run.

Usage: python bench/catalog_upsert.py [--batches 40] [--rows 2000] [--existing 0.2]

Lands ``--batches`` batches of ``--rows`` messages one after the other into a growing table
(an hour of messages per batch, so a day partition collects 24 files), as a workspace run
does, twice per algorithm: all keys new, and a mix where ``--existing`` of each batch's keys
were landed before (re-delivered messages); then the same keys as findings, whose
detection day does not narrow a lookup (every batch's lookup considers every file).
Prints rows/s per case and algorithm and the ratio; then the files of the messages table
before and after ``catalog maintain`` (compaction, snapshot expiry, orphan removal), and
checks that no key was stored twice.

The baseline is the previous upsert, kept here only: every batch reads the key column of
every candidate file to find its stored keys, then one commit of pyiceberg's filtered
delete (which reads every file the filter may match) plus the append.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
from pyiceberg.io.pyarrow import schema_to_pyarrow
from pyiceberg.table import Table

from openai_connector.catalog import CatalogConfig, CatalogStore, UpsertResult
from openai_connector.catalog.arrow import last_row_per_key
from openai_connector.catalog.datafiles import file_by_file
from openai_connector.catalog.lookups import day_pruner, key_filter
from openai_connector.catalog.maintenance import maintain
from openai_connector.catalog.schema import TableSpec

WORKSPACE = "00000000-0000-4000-8000-000000000001"
START = datetime(2026, 7, 1, tzinfo=UTC)


class BaselineStore(CatalogStore):
    """The previous upsert: a full key scan of the candidate files per batch."""

    def _upsert_chunk(self, spec: TableSpec, data: pa.Table, merge: object) -> UpsertResult:
        data = last_row_per_key(data, spec.key)

        def attempt(iceberg_table: Table) -> UpsertResult:
            replaced = _stored_keys(iceberg_table, data, spec)
            with iceberg_table.transaction() as transaction:
                if replaced.num_rows:
                    transaction.delete(key_filter(replaced, spec.key))
                transaction.append(data)
            return UpsertResult(data.num_rows - replaced.num_rows, replaced.num_rows)

        return self.commit(spec.name, "upsert into", attempt)


def _stored_keys(table: Table, data: pa.Table, spec: TableSpec) -> pa.Table:
    key = list(spec.key)
    scan = table.scan(row_filter=key_filter(data, spec.key, exact=False), selected_fields=spec.key)
    target = schema_to_pyarrow(scan.projection())
    wanted = data.select(key).cast(pa.schema([target.field(name) for name in key]))
    found = [target.empty_table()]
    pruner = day_pruner(table, data, spec)
    for batch in file_by_file(scan, pruner):
        stored = pa.Table.from_batches([batch])
        matched = stored.join(wanted, key, join_type="left semi", use_threads=False)
        found.append(matched.cast(target))
    return pa.concat_tables(found).group_by(key, use_threads=False).aggregate([])


def batches(count: int, rows: int, existing: float, seed: int) -> list[pa.Table]:
    """The batches of one case: new ids, with ``existing`` of each re-sent from earlier."""
    rng = random.Random(seed)
    landed: list[tuple[str, datetime]] = []
    result = []
    for number in range(count):
        hour = START + timedelta(hours=number)
        repeats = rng.sample(landed, min(len(landed), int(rows * existing)))
        fresh = [
            (str(uuid.UUID(int=rng.getrandbits(128))), hour + timedelta(seconds=i))
            for i in range(rows - len(repeats))
        ]
        landed.extend(fresh)
        keys = repeats + fresh
        result.append(
            pa.table(
                {
                    "workspace_id": [WORKSPACE] * len(keys),
                    "message_id": [message_id for message_id, _ in keys],
                    "conversation_id": [f"c-{rng.randrange(rows):06d}" for _ in keys],
                    "created_at": [created for _, created in keys],
                    "text": [f"batch {number} " + "lorem ipsum " * 15 for _ in keys],
                    "text_storage": ["redacted"] * len(keys),
                    "finding_count": [rng.randrange(3) for _ in keys],
                    "status": ["active"] * len(keys),
                    "source": ["logs"] * len(keys),
                    "run_id": [f"run-{number}"] * len(keys),
                }
            )
        )
    return result


def as_findings(messages: list[pa.Table]) -> list[pa.Table]:
    """The same keys as findings: a table whose day (detection, one day per run) does not
    narrow a lookup, so every batch's lookup considers every file of the workspace."""
    return [
        pa.table(
            {
                "workspace_id": batch.column("workspace_id"),
                "finding_id": batch.column("message_id"),
                "object_type": pa.repeat("message", batch.num_rows),
                "object_id": batch.column("message_id"),
                "entity_type": pa.repeat("EMAIL_ADDRESS", batch.num_rows),
                "masked_preview": pa.repeat("j***@example.com", batch.num_rows),
                "detected_at": pa.repeat(START, batch.num_rows),
            }
        )
        for batch in messages
    ]


def land(store: CatalogStore, table: str, cases: list[pa.Table]) -> float:
    """Seconds to land the batches one after the other; checks no key is stored twice."""
    key = "message_id" if table == "messages" else "finding_id"
    began = time.perf_counter()
    for batch in cases:
        store.upsert(table, batch)
    seconds = time.perf_counter() - began
    keys = store.read(table, columns=[key]).column(key)
    assert len(keys) == len(set(keys.to_pylist())), "a key was stored twice"
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--rows", type=int, default=2_000)
    parser.add_argument("--existing", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    new_keys = batches(args.batches, args.rows, 0.0, args.seed)
    mix = batches(args.batches, args.rows, args.existing, args.seed)
    cases = {
        ("messages", "new keys only"): new_keys,
        ("messages", f"mix, {args.existing:.0%} existing"): mix,
        ("findings", "new keys only"): as_findings(new_keys),
        ("findings", f"mix, {args.existing:.0%} existing"): as_findings(mix),
    }
    print(f"{args.batches} batches of {args.rows:,} rows, landed one after the other")
    print(f"{'table':<10}{'case':<22}{'baseline rows/s':>17}{'upsert rows/s':>15}{'speed-up':>10}")
    files: tuple[int, int, int, int] | None = None
    for (table, name), case in cases.items():
        rows = sum(batch.num_rows for batch in case)
        with tempfile.TemporaryDirectory() as old_dir, tempfile.TemporaryDirectory() as new_dir:
            old_store = BaselineStore(CatalogConfig(str(Path(old_dir) / "w")))
            baseline = land(old_store, table, case)
            store = CatalogStore(CatalogConfig(str(Path(new_dir) / "w")))
            current = land(store, table, case)
            print(f"{table:<10}{name:<22}{rows / baseline:>17,.0f}{rows / current:>15,.0f}"
                  f"{baseline / current:>9.2f}x")  # fmt: skip
            if files is None:
                before = store.read("messages").sort_by("message_id")
                (report,) = maintain(store, ["messages"], orphan_grace=timedelta(0))
                assert store.read("messages").sort_by("message_id").equals(before)
                files = (
                    report.files_before, report.files_after,
                    report.data_files_before, report.data_files_after,
                )  # fmt: skip
    assert files is not None
    print(
        f"\nmaintenance of the new-keys table: {files[0]:,} files on disk before, "
        f"{files[1]:,} after; live data files {files[2]:,} -> {files[3]:,}; every row kept"
    )


if __name__ == "__main__":
    main()
