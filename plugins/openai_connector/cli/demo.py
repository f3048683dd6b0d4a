"""``openai-connector demo``: the whole product, offline, on a simulated workspace.

Starts the simulator, migrates a repo-local Airflow home, enrolls the simulated workspace,
runs its DAG with ``airflow dags test``, adds activity, runs again to show the increment, and
prints what landed. Everything lives under ``--workdir``; nothing global is touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from openai_connector.cli import Subcommands
from openai_connector.links import workspace_dag_id
from openai_connector.workspaces import WORKSPACES_VARIABLE

CONN_ID = "demo"


def register(commands: Subcommands) -> None:
    demo = commands.add_parser("demo", help="run the product end to end on the simulator")
    demo.add_argument("--workdir", default="var/demo", help="Airflow home and catalog go here")
    demo.add_argument("--dags-folder", default="dags", help="folder with the workspace DAG file")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--scale", choices=("small", "medium", "large"), default="small")
    demo.add_argument("--keep", action="store_true", help="keep the previous demo's state")
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from openai_connector.simulator import SimulatorConfig, serve_in_thread

    workdir = Path(args.workdir).resolve()
    dags_folder = Path(args.dags_folder).resolve()
    if not (dags_folder / "openai_compliance.py").exists():
        print(f"error: no openai_compliance.py in {dags_folder} (run from the repository root)")
        return 2
    if workdir.exists() and not args.keep:
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    env = demo_environment(workdir, dags_folder)

    with serve_in_thread(SimulatorConfig(seed=args.seed, scale=args.scale)) as sim:
        print(f"Simulated Compliance API at {sim.base_url} (workspace {sim.workspace_name!r})")
        _step("Migrating the Airflow metadata database", ["airflow", "db", "migrate"], env)
        _step(
            "Enrolling the simulated workspace",
            [
                "openai-connector",
                "enroll",
                CONN_ID,
                "--workspace-id",
                sim.workspace_id,
                "--organization-id",
                sim.organization_id,
                "--workspace-name",
                sim.workspace_name,
                "--base-url",
                sim.base_url,
                "--api-key",
                sim.keys.read_delete,
            ],
            env,
        )
        dag_id = workspace_dag_id(CONN_ID)
        # `airflow dags test` parses outside the DAG processor, where Variables in the metadata
        # DB are not visible to DAG files: hand it the list the DAG processor would read.
        env[f"AIRFLOW_VAR_{WORKSPACES_VARIABLE.upper()}"] = json.dumps(
            [{"conn_id": CONN_ID, "retries": 0}]
        )
        first = _step("First run (30-day lookback)", ["airflow", "dags", "test", dag_id], env)
        added = sim.add_activity(conversations=3, messages_per_conversation=4, files=1)
        print(
            f"Simulator: added {len(added['conversation_ids'])} conversations, "
            f"{len(added['message_ids'])} messages, {len(added['file_ids'])} files"
        )
        second = _step("Second run (only what is new)", ["airflow", "dags", "test", dag_id], env)

    print_summary(env, {"first run": first, "second run": second})
    print_next_steps(env)
    return 0


def print_next_steps(env: dict[str, str]) -> None:
    """Commands that work as printed, from any shell: the demo's own home, catalog and CLI."""
    cli = Path(sys.executable).parent / "openai-connector"
    prefix = (
        f"AIRFLOW_HOME={env['AIRFLOW_HOME']} "
        f"OPENAI_CONNECTOR_WAREHOUSE={env['OPENAI_CONNECTOR_WAREHOUSE']} {cli}"
    )
    example = "select entity_type, count(*) from findings group by 1"
    print(
        f"\nNext, with the demo's catalog and Airflow home:\n"
        f"  {prefix} catalog query {example!r} --format table\n"
        f"  {prefix} report --out {Path(env['AIRFLOW_HOME']).parent / 'report.html'}"
        f"    # the DLP page as a file\n"
        f"  {prefix} remediate {CONN_ID}    # a dry run: what remediation would delete\n"
        f"The Airflow UI, the DLP page and its findings explorer: README, "
        f'"Run it in your own Airflow (no Docker)".'
    )


def demo_environment(workdir: Path, dags_folder: Path) -> dict[str, str]:
    """Environment of every demo subprocess: a private Airflow home and catalog."""
    bin_dir = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
        "AIRFLOW_HOME": str(workdir / "airflow_home"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(dags_folder),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
        "OPENAI_CONNECTOR_WAREHOUSE": str(workdir / "warehouse"),
    }


def _step(title: str, command: list[str], env: dict[str, str]) -> float:
    print(f"\n== {title}: {' '.join(command[:4])} …", flush=True)
    started = time.monotonic()
    log_path = Path(env["AIRFLOW_HOME"]).parent / f"{command[0]}-{command[1]}.log"
    with log_path.open("a") as log_file:
        result = subprocess.run(command, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        print(f"   failed (exit {result.returncode}) after {elapsed:.1f}s; see {log_path}")
        raise SystemExit(result.returncode)
    print(f"   done in {elapsed:.1f}s (log: {log_path})")
    return elapsed


def print_summary(env: dict[str, str], wall_times: dict[str, float]) -> None:
    from openai_connector.catalog import TABLES, CatalogConfig, CatalogStore, write_table

    store = CatalogStore(CatalogConfig.from_env(env))
    print("\n== Summary")
    for name, seconds in wall_times.items():
        print(f"{name}: {seconds:.1f}s wall time")
    counts = " union all ".join(  # table names come from the schema, not from input
        f"select '{t}' as table_name, count(*) as rows from {t}"  # noqa: S608
        for t in TABLES
    )
    sections = {
        "Rows per table": counts,
        "Runs": "select mode, outcome, round(duration_seconds, 1) as seconds, api_calls, retries, "
        "records from runs order by started_at",
        "Findings by entity type": "select entity_type, severity, count(*) as findings "
        "from findings group by 1, 2 order by 3 desc",
        "Top conversations by severity": "select conversation_id, coalesce(title, '') as title, "
        "user_email, highest_severity, finding_count from conversations "
        "where finding_count > 0 order by case highest_severity when 'critical' then 0 "
        "when 'high' then 1 when 'medium' then 2 else 3 end, finding_count desc limit 10",
    }
    for title, sql in sections.items():
        print(f"\n{title}:")
        write_table(store.query(sql), sys.stdout, "table")
