"""How long the DAG file takes to parse as the workspace list grows.

Each case runs in a fresh interpreter that has already imported Airflow's SDK (as the DAG
processor has), then times executing the DAG file: the first parse (our modules imported cold)
and the median of ten re-parses, and counts the modules the first parse added and our
modules the process holds (Airflow's provider discovery included). Baseline: one workspace,
measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DAG_FILE = REPO / "dags" / "openai_compliance.py"
SIZES = (1, 10, 50, 200)

PROBE = """
import json, runpy, statistics, sys, time
import airflow.sdk  # the DAG processor has this loaded already
from airflow.sdk import DAG  # noqa: F401
ready = set(sys.modules)
started = time.perf_counter()
dags = [v for v in runpy.run_path(sys.argv[1]).values() if type(v).__name__ == "DAG"]
first = time.perf_counter() - started
added = len(set(sys.modules) - ready)
ours = sum(1 for m in sys.modules if m.partition(".")[0] == "openai_connector")
again = []
for _ in range(10):
    started = time.perf_counter()
    runpy.run_path(sys.argv[1])
    again.append(time.perf_counter() - started)
heavy = [m for m in ("presidio_analyzer", "spacy", "pyiceberg", "pyarrow", "pandas", "duckdb")
         if m in sys.modules]
print(json.dumps({"dags": len(dags), "first": first, "warm": statistics.median(again),
                  "added": added, "ours": ours, "heavy": heavy}))
"""


def measure(workspaces: int, home: str) -> dict:
    entries = [f"ws{i:03d}" for i in range(workspaces)]
    env = {
        **os.environ,
        "AIRFLOW_HOME": home,
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW_VAR_OPENAI_COMPLIANCE_WORKSPACES": json.dumps(entries),
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(DAG_FILE)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        results = {size: measure(size, home) for size in SIZES}
    base = results[SIZES[0]]
    print(
        f"{'workspaces':>10}  {'DAGs':>5}  {'first parse s':>13}  {'re-parse s':>10}  "
        f"{'vs 1 ws':>8}  {'modules added':>13}  {'ours loaded':>11}  heavy imports"
    )
    for size, r in results.items():
        ratio = r["warm"] / base["warm"] if base["warm"] else float("nan")
        print(
            f"{size:>10}  {r['dags']:>5}  {r['first']:>13.3f}  {r['warm']:>10.3f}  "
            f"{ratio:>7.1f}x  {r['added']:>13}  {r['ours']:>11}  {','.join(r['heavy']) or 'none'}"
        )


if __name__ == "__main__":
    main()
