"""The CeleryExecutor deployment for real: Redis as broker, PostgreSQL as metadata database
and result backend, a scheduler, a DAG processor, the api-server (tasks talk to it) and two
Celery workers, all on loopback. One workspace run's message partitions run on both workers
and the catalog ends up equal to the simulator's ground truth."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from openai_connector.classify.config import usable_cores
from openai_connector.pipeline.job import MESSAGES_STREAM
from openai_connector.simulator import RunningSimulator, SimulatorConfig
from tests.harness import connection
from tests.live.stack import BIN, AirflowStack, classifier_pools, free_port, wait_for
from tests.paths import REPO

from .worker_host import WORKER_NAME_VARIABLE

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]
CONN_ID = "celery_ws"
DAG_ID = f"openai_compliance__{CONN_ID}"
WORKERS = ("worker-a", "worker-b")
#: More partitions than workers: a worker busy with the inventory cannot take them all.
PARTITIONS = 4


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A throwaway Redis on loopback (Debian's ``redis-server``), no persistence."""
    server = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if server is None:
        pytest.skip("redis-server missing: `make system-deps` installs the redis-server package")
    import redis

    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(host="127.0.0.1", port=port)

        def answers() -> bool:
            try:
                return bool(client.ping())
            except redis.ConnectionError:
                return False

        wait_for("redis-server to answer PING", answers, timeout=30, every=0.2)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=41, scale="small")


@pytest.fixture(scope="module")
def stack(
    module_sim: RunningSimulator,
    redis_url: str,
    new_database: Callable[[str], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[AirflowStack]:
    home = Path(tmp_path_factory.mktemp("airflow-celery"))
    metadata = new_database("airflow")
    running = AirflowStack(
        home=home,
        connections={CONN_ID: connection(module_sim)},
        workspaces=[{"conn_id": CONN_ID, "retries": 0, "partitions": PARTITIONS}],
        database_url=metadata,
        extra_env={
            "OPENAI_CONNECTOR_CATALOG_URI": new_database("catalog"),
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__CORE__PARALLELISM": "8",
            "AIRFLOW__CELERY__BROKER_URL": redis_url,
            "AIRFLOW__CELERY__RESULT_BACKEND": f"db+{metadata}",
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "1",
            "AIRFLOW__CELERY__SYNC_PARALLELISM": "1",
        },
    ).start()
    try:
        for name in WORKERS:
            start_worker(running, name)
        for name in WORKERS:
            wait_for(f"Celery worker {name} to be ready", partial(worker_ready, running, name), 180)
        yield running
    finally:
        running.stop()


def start_worker(stack: AirflowStack, name: str) -> None:
    """``airflow celery worker`` under its own Celery hostname, reporting ``name`` as the host
    of the task instances it runs (one slot each, no log server: they would share a port)."""
    env = stack.env
    env[WORKER_NAME_VARIABLE] = name
    env["AIRFLOW__CORE__HOSTNAME_CALLABLE"] = "tests.deployment.worker_host.hostname"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    log = (stack.home / f"{name}.log").open("w")
    stack.processes[name] = subprocess.Popen(
        [str(BIN / "airflow"), "celery", "worker", "--celery-hostname", f"{name}@%h",
         "--concurrency", "1", "--skip-serve-logs"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def worker_ready(stack: AirflowStack, name: str) -> bool:
    stack.check_alive()
    return "ready." in (stack.home / f"{name}.log").read_text()


def test_partitions_of_one_run_land_on_both_celery_workers(
    module_sim: RunningSimulator, stack: AirflowStack
) -> None:
    stack.wait_for_dag(DAG_ID)
    stack.airflow("dags", "unpause", DAG_ID)
    runs = stack.wait_for_runs(DAG_ID, 1, timeout=400)
    assert [run[1:3] for run in runs] == [("scheduled", "success")], stack.task_log_text()[-5000:]

    instances = stack.rows(
        "select task_id, map_index, hostname, state from task_instance where dag_id = ?", DAG_ID
    )
    partitions = [row for row in instances if row[0] == "sync_messages"]
    assert len(partitions) > 1
    assert {row[3] for row in instances} == {"success"}
    assert {row[2] for row in partitions} == set(WORKERS)

    store = CatalogStore(
        CatalogConfig(
            warehouse=stack.env["OPENAI_CONNECTOR_WAREHOUSE"],
            catalog_uri=stack.env["OPENAI_CONNECTOR_CATALOG_URI"],
        )
    )
    truth = module_sim.truth().to_dict()
    for table, column, objects in (
        ("messages", "message_id", "messages"),
        ("files", "file_id", "files"),
        ("conversations", "conversation_id", "conversations"),
        ("users", "user_id", "users"),
    ):
        landed = store.read(table, columns=[column]).column(0).to_pylist()
        assert sorted(landed) == sorted(item["id"] for item in truth[objects]), table
    assert MESSAGES_STREAM in store.get_watermarks(module_sim.workspace_id)
    (run,) = store.read("runs", columns=["outcome"]).to_pylist()
    assert run["outcome"] == "success"
    assert module_sim.keys.read not in stack.task_log_text()
    # Tasks in Celery's prefork pool start classifier workers: the files step one per core,
    # the partitions their share (on 2 cores: none, they classify in their own process).
    assert classifier_pools(stack.task_log_text("sync_files")) == {usable_cores()} - {1}
    partitions_pools = classifier_pools(stack.task_log_text("sync_messages"))
    assert partitions_pools == {usable_cores() // PARTITIONS} - {0, 1}
