"""Catalog upsert throughput: append into an empty table vs. upsert onto existing rows.

Usage: python bench/catalog_upsert.py [--rows 10000] [--repeat 3]

Prints rows/s for each case and the upsert/append ratio. Runs on a throw-away local
warehouse with the default SQLite catalog.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime, timedelta

import pyarrow as pa

from openai_connector.catalog import CatalogConfig, CatalogStore

WORKSPACE = "00000000-0000-4000-8000-000000000001"


def message_rows(count: int, version: int) -> pa.Table:
    """``count`` messages spread over 7 days; ``version`` changes every non-key value."""
    start = datetime(2026, 7, 1, tzinfo=UTC)
    return pa.table(
        {
            "workspace_id": [WORKSPACE] * count,
            "message_id": [f"msg-{i:08d}" for i in range(count)],
            "conversation_id": [f"conv-{i // 20:06d}" for i in range(count)],
            "user_id": [f"user-{i % 50:03d}" for i in range(count)],
            "author_role": ["user" if i % 2 else "assistant" for i in range(count)],
            "created_at": [start + timedelta(minutes=i) for i in range(count)],
            "text": [f"v{version} message {i} " + "lorem ipsum " * 15 for i in range(count)],
            "text_storage": ["redacted"] * count,
            "text_length": [180] * count,
            "file_ids": [[f"file-{i}"] if i % 10 == 0 else [] for i in range(count)],
            "finding_count": [i % 3 for i in range(count)],
            "status": ["active"] * count,
            "source": ["logs"] * count,
            "run_id": [f"run-{version}"] * count,
        }
    )


def measure(rows: int, repeat: int) -> tuple[float, float]:
    """Best-of-``repeat`` seconds for (append into empty table, upsert of the same keys)."""
    append_times, upsert_times = [], []
    for attempt in range(repeat):
        with tempfile.TemporaryDirectory() as warehouse:
            store = CatalogStore(CatalogConfig(warehouse))
            store.ensure_tables()
            first, second = message_rows(rows, 2 * attempt), message_rows(rows, 2 * attempt + 1)

            began = time.perf_counter()
            result = store.upsert("messages", first)
            append_times.append(time.perf_counter() - began)
            assert result.inserted == rows, result

            began = time.perf_counter()
            result = store.upsert("messages", second)
            upsert_times.append(time.perf_counter() - began)
            assert result.updated == rows, result
            assert store.count("messages") == rows
    return min(append_times), min(upsert_times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    append_s, upsert_s = measure(args.rows, args.repeat)
    print(f"messages: {args.rows} rows, best of {args.repeat}")
    print(f"{'case':<32}{'seconds':>10}{'rows/s':>12}")
    print(f"{'append into empty table':<32}{append_s:>10.3f}{args.rows / append_s:>12,.0f}")
    print(f"{'upsert onto existing rows':<32}{upsert_s:>10.3f}{args.rows / upsert_s:>12,.0f}")
    print(f"upsert / append time ratio: {upsert_s / append_s:.2f}")


if __name__ == "__main__":
    main()
