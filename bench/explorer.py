"""Response time of the DLP page and its findings explorer as the catalog grows.

Usage: python bench/explorer.py [--findings 1000000] [--baseline 10000] [--repeat 3]

Fills two throw-away local warehouses (default SQLite catalog) with synthetic findings of one
workspace (and a tenth as many conversations, a fifth as many messages, 500 users, some
remediation actions), then times each page through the DLP app as Airflow mounts it (an
authenticated request, the catalog read for every request). Prints best-of-``repeat``
seconds per page at both sizes and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa

from openai_connector.catalog import CatalogConfig, CatalogStore

WORKSPACE = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
CONN_ID = "bench"
ENTITIES = (
    ("AWS_ACCESS_KEY_ID", "critical"), ("OPENAI_API_KEY", "critical"), ("PASSWORD", "critical"),
    ("US_SSN", "high"), ("CREDIT_CARD", "high"), ("IBAN_CODE", "high"),
    ("EMAIL_ADDRESS", "medium"), ("PERSON", "medium"), ("PHONE_NUMBER", "medium"),
    ("URL", "low"), ("DATE_TIME", "low"), ("LOCATION", "low"),
)  # fmt: skip
USERS = 500
GPTS = 20
DAYS = 30


def fill(store: CatalogStore, findings: int, now: datetime) -> None:
    rng = random.Random(findings)
    conversations = max(findings // 10, 1)
    messages = max(findings // 5, 1)
    start = now - timedelta(days=DAYS)
    span = DAYS * 86_400

    def conversation_of(message: int) -> str:
        return f"conv-{message % conversations:08d}"

    message_times = [start + timedelta(seconds=rng.randrange(span)) for _ in range(messages)]
    store.upsert("users", pa.table({
        "workspace_id": [WORKSPACE] * USERS,
        "user_id": [f"user-{i:04d}" for i in range(USERS)],
        "email": [f"person{i}@{'acme.com' if i % 4 else 'gmail.com'}" for i in range(USERS)],
        "name": [f"Person Number{i}" for i in range(USERS)],
    }))  # fmt: skip
    store.upsert("conversations", pa.table({
        "workspace_id": [WORKSPACE] * conversations,
        "conversation_id": [f"conv-{i:08d}" for i in range(conversations)],
        "user_id": [f"user-{i % USERS:04d}" for i in range(conversations)],
        "user_email": [f"person{i % USERS}@acme.com" for i in range(conversations)],
        "created_at": [start] * conversations,
        "finding_count": [10] * conversations,
        "highest_severity": ["critical"] * conversations,
        "status": ["active"] * conversations,
    }))  # fmt: skip
    store.upsert("messages", pa.table({
        "workspace_id": [WORKSPACE] * messages,
        "message_id": [f"msg-{i:08d}" for i in range(messages)],
        "conversation_id": [conversation_of(i) for i in range(messages)],
        "user_id": [f"user-{(i % conversations) % USERS:04d}" for i in range(messages)],
        "author_role": ["user"] * messages,
        "created_at": message_times,
        "text": ["my key is <AWS_ACCESS_KEY_ID>, mail <EMAIL_ADDRESS>"] * messages,
        "text_storage": ["redacted"] * messages,
        "finding_count": [5] * messages,
        "status": ["active"] * messages,
    }))  # fmt: skip
    picks = [rng.randrange(messages) for _ in range(findings)]
    kinds = [ENTITIES[rng.randrange(len(ENTITIES))] for _ in range(findings)]
    gpts = [f"g-{rng.randrange(GPTS):04d}" if p % 5 == 0 else None for p in picks]
    store.upsert("findings", pa.table({
        "workspace_id": [WORKSPACE] * findings,
        "finding_id": [f"f-{i:09d}" for i in range(findings)],
        "object_type": ["message"] * findings,
        "object_id": [f"msg-{p:08d}" for p in picks],
        "conversation_id": [conversation_of(p) for p in picks],
        "user_id": [f"user-{(p % conversations) % USERS:04d}" for p in picks],
        "gpt_id": gpts,
        "gpt_name": [f"GPT {g}" if g else None for g in gpts],
        "entity_type": [k[0] for k in kinds],
        "severity": [k[1] for k in kinds],
        "masked_preview": ["AKIA…7QXA"] * findings,
        "start": [10] * findings,
        "end": [30] * findings,
        "occurred_at": [message_times[p] for p in picks],
        "detected_at": [now] * findings,
    }))  # fmt: skip
    actions = min(1000, conversations)
    store.upsert("remediation_actions", pa.table({
        "action_id": [f"a-{i:06d}" for i in range(actions)],
        "workspace_id": [WORKSPACE] * actions,
        "target_type": ["conversation"] * actions,
        "target_id": [f"conv-{i:08d}" for i in range(actions)],
        "dry_run": [i % 2 == 0 for i in range(actions)],
        "status": ["planned" if i % 2 == 0 else "deleted" for i in range(actions)],
        "created_at": [now] * actions,
    }))  # fmt: skip


def pages() -> dict[str, tuple[str, dict[str, str]]]:
    workspace = {"workspace": CONN_ID}
    return {
        "overview (charts, top lists)": ("/dlp", workspace),
        "findings, first page": ("/dlp/findings", workspace),
        "findings, page 100": ("/dlp/findings", {**workspace, "offset": "4950"}),
        "findings, filtered (type, user, days)": (
            "/dlp/findings",
            {
                **workspace,
                "entity_type": "AWS_ACCESS_KEY_ID",
                "user_id": "user-0007",
                "since": "2000-01-01",
                "until": "2999-01-01",
            },
        ),
        "conversation view": ("/dlp/conversations/conv-00000007", workspace),
        "CSV export, filtered (one user)": (
            "/dlp/findings.csv",
            {**workspace, "user_id": "user-0007"},
        ),
    }


def measure(warehouse: str, repeat: int) -> dict[str, float]:
    from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser
    from airflow.api_fastapi.core_api.security import get_user
    from fastapi.testclient import TestClient

    from openai_connector.ui.app import create_app

    os.environ["OPENAI_CONNECTOR_WAREHOUSE"] = warehouse
    app = create_app()
    app.dependency_overrides[get_user] = lambda: SimpleAuthManagerUser(username="b", role="viewer")
    client = TestClient(app)
    figures = {}
    for name, (path, params) in pages().items():
        best = float("inf")
        for _ in range(repeat):
            began = time.perf_counter()
            response = client.get(path, params=params)
            best = min(best, time.perf_counter() - began)
            assert response.status_code == 200, (name, response.text[:300])
        figures[name] = best
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    connection = {
        "conn_type": "openai_compliance", "host": "https://api.chatgpt.com/v1",
        "password": "bench-key-never-used",
        "extra": {"workspace_id": WORKSPACE, "organization_id": "org-bench",
                  "workspace_name": "Bench"},
    }  # fmt: skip
    os.environ[f"AIRFLOW_CONN_{CONN_ID.upper()}"] = json.dumps(connection)
    os.environ["AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES"] = json.dumps([CONN_ID])
    now = datetime.now(UTC)
    results = {}
    with tempfile.TemporaryDirectory() as root:
        for size in (args.baseline, args.findings):
            warehouse = str(Path(root) / f"w{size}")
            began = time.perf_counter()
            fill(CatalogStore(CatalogConfig(warehouse)), size, now)
            print(f"filled {size:,} findings in {time.perf_counter() - began:.0f}s", flush=True)
            results[size] = measure(warehouse, args.repeat)
    base, big = results[args.baseline], results[args.findings]
    print(f"\n| page | {args.baseline:,} findings | {args.findings:,} findings | ratio |")
    print("| --- | --- | --- | --- |")
    for name in base:
        print(
            f"| {name} | {base[name]:.2f} s | {big[name]:.2f} s | {big[name] / base[name]:.1f}x |"
        )


if __name__ == "__main__":
    main()
