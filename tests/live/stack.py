"""A real Airflow deployment on loopback: api-server, scheduler and dag-processor processes.

LocalExecutor on a migrated SQLite database in a private Airflow home, as ``airflow standalone``
runs it, but with each component started separately so tests control the ports and logs.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from openai_connector.workspaces import WORKSPACES_VARIABLE
from tests.paths import REPO

BIN = Path(sys.executable).parent
COMPONENTS = ("api-server", "scheduler", "dag-processor")
LOCKED_RETRIES = 5
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def classifier_pools(log: str) -> set[int]:
    """How many classifier worker processes tasks started, as their logs say (a task that
    classifies in its own process says nothing)."""
    return {int(count) for count in re.findall(r"Classifying on (\d+) worker processes", log)}


def wait_for(what: str, probe: Callable[[], T | None], timeout: float, every: float = 1.0) -> T:
    """Poll ``probe`` until it returns something, or fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(every)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")


@dataclass
class AirflowStack:
    """One Airflow home; ``start()`` migrates it and launches the components."""

    home: Path
    connections: Mapping[str, dict] = field(default_factory=dict)
    workspaces: list[dict] = field(default_factory=list)
    extra_env: Mapping[str, str] = field(default_factory=dict)
    #: Metadata database (SQLAlchemy URL, e.g. PostgreSQL with psycopg); None: SQLite in home.
    database_url: str | None = None
    port: int = field(default_factory=free_port)
    #: One secret for every process of the stack, whenever it is started.
    jwt_secret: str = field(default_factory=lambda: secrets.token_hex(16))
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("AIRFLOW", "OPENAI_CONNECTOR"))
        }
        env.update(
            {
                "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
                "AIRFLOW_HOME": str(self.home),
                "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
                "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
                "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
                "AIRFLOW__CORE__PARALLELISM": "2",
                "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.base_url}/execution/",
                "AIRFLOW__API__HOST": "127.0.0.1",
                "AIRFLOW__API__PORT": str(self.port),
                "AIRFLOW__API__BASE_URL": self.base_url,
                "AIRFLOW__API_AUTH__JWT_SECRET": self.jwt_secret,
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
                "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(
                    self.home / "passwords.json"
                ),
                "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "1",
                "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
                "OPENAI_CONNECTOR_WAREHOUSE": str(self.home / "warehouse"),
                f"AIRFLOW_VAR_{WORKSPACES_VARIABLE.upper()}": json.dumps(self.workspaces),
            }
        )
        for conn_id, conn in self.connections.items():
            env[f"AIRFLOW_CONN_{conn_id.upper()}"] = json.dumps(conn)
        if self.database_url:
            env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = self.database_url
            # Airflow's async engine would default to asyncpg; psycopg 3 serves both.
            env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC"] = self.database_url.replace(
                "+psycopg://", "+psycopg_async://"
            )
        env.update(self.extra_env)
        return env

    def airflow(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run an ``airflow`` CLI command against this home; fail with its output.

        SQLite allows one writer: a command racing the scheduler's commit may find the
        database locked, which is retried a few times as a real operator would.
        """
        for _ in range(LOCKED_RETRIES):
            result = subprocess.run(
                [str(BIN / "airflow"), *args],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
            if "database is locked" not in result.stderr + result.stdout:
                break
            time.sleep(2)
        if result.returncode != 0:
            raise RuntimeError(
                f"airflow {' '.join(args)} exited {result.returncode}:\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return result

    def start(self) -> AirflowStack:
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "passwords.json").write_text(json.dumps({"admin": "admin"}))
        self.airflow("db", "migrate")
        env = self.env
        for component in COMPONENTS:
            log = (self.home / f"{component}.log").open("w")
            self.processes[component] = subprocess.Popen(
                [str(BIN / "airflow"), component],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, 15)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
        self.processes.clear()

    def check_alive(self) -> None:
        for component, process in self.processes.items():
            if process.poll() is not None:
                log = (self.home / f"{component}.log").read_text()[-3000:]
                raise RuntimeError(f"airflow {component} exited {process.returncode}:\n{log}")

    def rows(self, sql: str, *params: object) -> list[tuple]:
        """Read the metadata database directly (cheaper than a CLI call per poll).

        ``sql`` uses ``?`` placeholders whichever the database.
        """
        if self.database_url:
            import psycopg
            from sqlalchemy import make_url

            url = make_url(self.database_url).set(drivername="postgresql")
            with psycopg.connect(url.render_as_string(hide_password=False)) as db:
                return db.execute(sql.replace("?", "%s"), params).fetchall()
        with sqlite3.connect(self.home / "airflow.db", timeout=30) as db:
            return db.execute(sql, params).fetchall()

    def wait_for_dag(self, dag_id: str, timeout: float = 180) -> None:
        def parsed() -> bool:
            self.check_alive()
            return bool(self.rows("select 1 from serialized_dag where dag_id = ?", dag_id))

        wait_for(f"the DAG processor to serialize {dag_id}", parsed, timeout)

    def wait_for_runs(self, dag_id: str, count: int, timeout: float = 600) -> list[tuple]:
        """Wait until ``count`` runs of the DAG have finished; return (run_id, type, state)."""

        def finished() -> list[tuple] | None:
            self.check_alive()
            runs = self.rows(
                "select run_id, run_type, state, data_interval_start, data_interval_end "
                "from dag_run where dag_id = ? order by data_interval_start",
                dag_id,
            )
            done = [run for run in runs if run[2] in ("success", "failed")]
            return runs if len(done) >= count else None

        return wait_for(f"{count} finished runs of {dag_id}", finished, timeout, every=2)

    def task_log_text(self, task_id: str | None = None) -> str:
        """Every log of this home (or one task's instances' logs), concatenated (for failure
        messages and leak checks)."""
        pattern = "*.log" if task_id is None else f"task_id={task_id}/**/*.log"
        logs = sorted((self.home / "logs").rglob(pattern))
        return "\n".join(path.read_text(errors="replace") for path in logs)
