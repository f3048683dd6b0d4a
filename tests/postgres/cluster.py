"""A throwaway PostgreSQL server on loopback, from the Debian ``postgresql`` package.

PostgreSQL refuses to run as root, so as root the server runs as the ``postgres`` OS user, in
a data directory of its own under the system temp dir (pytest's temp dirs are private to
root). Durability is switched off: the cluster is deleted when the tests end.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.live.stack import free_port

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"


def server_bin() -> Path | None:
    """The newest installed server's bin directory, or None when none is installed."""
    found = [Path(path) for path in glob.glob(BIN_GLOB) if Path(path, "initdb").exists()]
    return max(found, key=lambda path: int(path.parent.name), default=None)


@dataclass
class PostgresCluster:
    """``start()`` creates and starts the cluster; ``url(db)`` is a SQLAlchemy URL to it."""

    bin_dir: Path
    root: Path
    port: int

    @classmethod
    def create(cls, bin_dir: Path) -> PostgresCluster:
        root = Path(tempfile.mkdtemp(prefix="openai-connector-pg-"))
        if os.geteuid() == 0:
            shutil.chown(root, SERVER_USER)
        return cls(bin_dir, root, free_port())

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", SERVER_USER, "--"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*prefix, *args], capture_output=True, text=True, timeout=120, cwd=self.root
        )
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {result.stdout}{result.stderr}{tail}")

    def start(self) -> PostgresCluster:
        data = str(self.root / "data")
        self._run(
            str(self.bin_dir / "initdb"), "-D", data, "-U", SERVER_USER, "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", data, "-o", options,
            "-l", str(self.root / "server.log"), "-w", "-t", "60", "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        try:
            data = str(self.root / "data")
            self._run(str(self.bin_dir / "pg_ctl"), "-D", data, "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def create_database(self, name: str) -> str:
        """A new empty database; returns its SQLAlchemy URL (psycopg 3 driver)."""
        import psycopg

        with psycopg.connect(self.url("postgres", driver=""), autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def url(self, database: str, driver: str = "+psycopg") -> str:
        return f"postgresql{driver}://{SERVER_USER}@127.0.0.1:{self.port}/{database}"
