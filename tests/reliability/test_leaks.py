"""Leak suite: whole DAG runs with a canary API key and canary sensitive values, then a search
of everything the product leaves behind.

Searched: the console output of the runs; every file under ``AIRFLOW_HOME`` (task logs,
configuration, the metadata DB); every column of every table of the Airflow metadata DB (XCom,
rendered fields, task instance notes, run conf, audit log); every file of the warehouse
(Parquet decoded column by column plus its footer, Iceberg metadata JSON, Avro manifests
decoded, the catalog's SQLite file); exception texts; the DLP page and its report download.
Every file is also searched as raw bytes, so whatever the decoders miss is still seen.

The canaries are built at run time, so no key-shaped literal sits in the source and no
earlier run can satisfy or spoil the search.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import traceback
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from airflow.api_fastapi.auth.managers.simple.user import SimpleAuthManagerUser
from airflow.api_fastapi.core_api.security import get_user
from fastapi.testclient import TestClient
from pyiceberg.typedef import Record

from openai_connector.api import ComplianceClient, PermissionDeniedError
from openai_connector.catalog import CatalogStore
from openai_connector.hooks.compliance import OpenAIComplianceHook
from openai_connector.policy import POLICY_DIR_ENV
from openai_connector.simulator import RunningSimulator, SimulatorConfig, sensitive
from openai_connector.ui.app import REPORT_FILE, create_app
from openai_connector.ui.plugin import PAGE_PATH
from tests.harness import FAST_RETRY, deploy, workspace_settings

Haystack = tuple[str, str]
"""Where some text was read (file, table and column, record ...), and that text."""

_SQLITE_MAGIC = b"SQLite format 3\x00"
_PARQUET_MAGIC = b"PAR1"
_AVRO_MAGIC = b"Obj\x01"

#: The carrier sentences of the canary values (the AWS one carries key id and secret).
CARRIERS = ("EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN", "OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY")


# ----------------------------------------------------------------------------- search helpers
def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _flatten(value: object) -> Iterator[str]:
    """Every leaf of a decoded Avro record (nested records, maps, lists, bytes bounds)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _flatten(key)
            yield from _flatten(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, Record):
        for index in range(len(value)):
            yield from _flatten(value[index])
    else:
        yield _text(value)


def sqlite_haystacks(path: Path) -> Iterator[Haystack]:
    """Every column of every table, whatever the schema: new tables are searched too."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            cursor = db.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the DB
            names = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
            for index, name in enumerate(names):
                yield (
                    f"{path} table {table} column {name}",
                    "\n".join(_text(row[index]) for row in rows),
                )


def parquet_haystacks(path: Path) -> Iterator[Haystack]:
    """Each column as strings, and the footer (statistics hold min/max values verbatim)."""
    parquet = pq.ParquetFile(path)
    yield f"{path} footer", f"{parquet.metadata.to_dict()} {parquet.schema_arrow.metadata}"
    table = parquet.read()
    for name in table.column_names:
        yield f"{path} column {name}", "\n".join(map(str, table.column(name).to_pylist()))


def avro_haystacks(path: Path) -> Iterator[Haystack]:
    """Iceberg manifests and manifest lists, decoded with the Avro reader pyiceberg ships."""
    from pyiceberg.avro.file import AvroFile
    from pyiceberg.io.pyarrow import PyArrowFileIO

    with AvroFile[Any](PyArrowFileIO().new_input(str(path))) as avro:
        for index, record in enumerate(avro):
            yield f"{path} record {index}", "\n".join(_flatten(record))


def file_haystacks(paths: Iterable[Path]) -> Iterator[Haystack]:
    """Raw bytes of every file, plus the decoded contents of the formats that hide text."""
    for path in paths:
        data = path.read_bytes()
        yield f"{path} (raw bytes)", data.decode("utf-8", "replace")
        if data.startswith(_SQLITE_MAGIC):
            yield from sqlite_haystacks(path)
        elif data.startswith(_PARQUET_MAGIC):
            yield from parquet_haystacks(path)
        elif data.startswith(_AVRO_MAGIC):
            yield from avro_haystacks(path)


def files_under(*roots: Path) -> list[Path]:
    return sorted({path for root in roots for path in root.rglob("*") if path.is_file()})


def leaks(needles: Mapping[str, str], haystacks: Iterable[Haystack]) -> list[str]:
    """``"<needle label> found in <where>"`` for every place a needle occurs."""
    return [
        f"{label} found in {where}"
        for where, text in haystacks
        for label, needle in needles.items()
        if needle in text
    ]


def airflow_db_path() -> Path:
    from airflow.configuration import conf

    url = conf.get("database", "sql_alchemy_conn")
    assert url.startswith("sqlite:///"), url
    return Path(url.removeprefix("sqlite:///"))


def dlp_pages(conn_id: str) -> list[Haystack]:
    """The DLP page and the report download, as a signed-in viewer gets them."""
    app = create_app()
    app.dependency_overrides[get_user] = lambda: SimpleAuthManagerUser(
        username="viewer", role="viewer"
    )
    client = TestClient(app)
    pages = []
    for path in (PAGE_PATH, f"{PAGE_PATH}/{REPORT_FILE}"):
        response = client.get(path, params={"workspace": conn_id})
        assert response.status_code == 200, response.text
        pages.append((f"DLP app {path}", response.text))
    return pages


def everything(warehouse: Path, console: str, log_records: str) -> list[Haystack]:
    """What a run leaves behind: console and log records, Airflow home and DB, warehouse."""
    paths = files_under(Path(os.environ["AIRFLOW_HOME"]), warehouse)
    database = airflow_db_path()
    if database not in paths:
        paths.append(database)
    return [
        ("console output", console),
        ("log records", log_records),
        *file_haystacks(paths),
    ]


def assert_search_reached(haystacks: list[Haystack], sim: RunningSimulator) -> None:
    """Positive controls: the search did read XCom, decoded Parquet and Avro manifests."""
    found = leaks({"workspace id": sim.workspace_id}, haystacks)
    assert any("table xcom column value" in where for where in found), found
    assert any(".parquet column workspace_id" in where for where in found), found
    manifests = [text for where, text in haystacks if " record " in where]
    assert any(".parquet" in text for text in manifests), "no Avro manifest was decoded"


# ----------------------------------------------------------------------------- canaries
@dataclass(frozen=True)
class Canaries:
    key: str
    values: Mapping[str, str]

    @property
    def key_needles(self) -> dict[str, str]:
        """The whole key and a distinctive slice (a masked or truncated key still leaks it)."""
        return {"canary API key": self.key, "slice of the canary API key": self.key[-16:]}

    @property
    def value_needles(self) -> dict[str, str]:
        return {f"canary {entity}": value for entity, value in self.values.items()}

    def texts(self) -> list[str]:
        """The values in realistic sentences, as users paste them."""
        return [sensitive.CARRIERS[entity][0].format_map(self.values) for entity in CARRIERS]


def new_canaries() -> Canaries:
    rng = random.Random(uuid.uuid4().int)
    values = {
        "EMAIL_ADDRESS": f"canary.{uuid.uuid4().hex[:12]}@{sensitive.COMPANY_DOMAINS[0]}",
        "CREDIT_CARD": sensitive.credit_card(rng).replace(" ", ""),
        "US_SSN": sensitive.us_ssn(rng),
        "OPENAI_API_KEY": sensitive.openai_api_key(rng),
        "AWS_ACCESS_KEY_ID": sensitive.aws_access_key_id(rng),
        "AWS_SECRET_ACCESS_KEY": sensitive.aws_secret_access_key(rng),
    }
    return Canaries(key="sk-canary-" + uuid.uuid4().hex, values=values)


def plant(sim: RunningSimulator, texts: list[str]) -> list[str]:
    """New user messages carrying ``texts``; returns their ids."""
    created = sim.add_activity(
        conversations=1, messages_per_conversation=2 * len(texts), files=0, prompts=texts
    )
    return created["message_ids"][::2]


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=23, scale="small")


@pytest.fixture
def canaries() -> Canaries:
    return new_canaries()


def planted_values(sim: RunningSimulator) -> dict[str, str]:
    planted = sim.truth().to_dict()["planted"]
    return {f"planted {p['entity_type']} of {p['object_id']}": p["value"] for p in planted}


def assert_findings_masked(store: CatalogStore, needles: Mapping[str, str]) -> None:
    """No raw value in any column of any finding (masked previews above all)."""
    findings = store.read("findings").to_pylist()
    assert findings
    fields = [
        (f"finding {finding['finding_id']} {name}", str(value))
        for finding in findings
        for name, value in finding.items()
    ]
    assert not leaks(needles, fields)


# ----------------------------------------------------------------------------- tests
def test_the_search_names_where_a_planted_canary_sits(tmp_path: Path) -> None:
    """The helpers can fail: a canary written into Parquet and SQLite is found and located."""
    canary = "canary-" + uuid.uuid4().hex
    table = pa.table({"id": ["a", "b", "c"], "note": ["apple", f"banana {canary}", "cherry"]})
    pq.write_table(table, tmp_path / "data.parquet", compression="zstd")
    with closing(sqlite3.connect(tmp_path / "meta.db")) as db:
        db.execute("CREATE TABLE xcom (key TEXT, value BLOB)")
        db.execute("INSERT INTO xcom VALUES (?, ?)", ("plan", json.dumps({"v": canary}).encode()))
        db.commit()

    found = leaks({"canary": canary}, file_haystacks(files_under(tmp_path)))
    assert f"canary found in {tmp_path / 'data.parquet'} column note" in found
    assert f"canary found in {tmp_path / 'meta.db'} table xcom column value" in found
    assert not leaks({"canary": canary}, [("clean", "apple banana cherry")])


@pytest.mark.parametrize("storage", ["redacted", "none"])
def test_canaries_leak_nowhere_after_a_whole_run(
    airflow_db: None,
    sim: RunningSimulator,
    canaries: Canaries,
    warehouse: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    storage: str,
) -> None:
    sim.add_key(canaries.key, {"read"})
    message_ids = plant(sim, canaries.texts())
    entry = None
    if storage != "redacted":  # redacted is the default: no policy file at all
        policies = tmp_path / "policies"
        policies.mkdir()
        (policies / "leaks.yaml").write_text(f"version: 1\nstorage: {storage}\n")
        monkeypatch.setenv(POLICY_DIR_ENV, str(policies))
        entry = {"policy": "leaks.yaml"}
    deployed = deploy(monkeypatch, sim, str(warehouse), api_key=canaries.key, entry=entry)
    run = deployed.workspace_dag.test()
    out, err = capfd.readouterr()
    console = out + err
    assert run.state == "success", console
    store = deployed.store

    messages = store.read("messages", columns=["message_id", "text", "text_storage"]).to_pylist()
    assert {m["text_storage"] for m in messages} == {storage}
    planted = {m["message_id"]: m["text"] for m in messages if m["message_id"] in message_ids}
    assert set(planted) == set(message_ids)
    if storage == "none":
        assert {m["text"] for m in messages} == {None}
    else:
        assert all(text and "<" in text for text in planted.values()), planted
    found = store.read("findings", columns=["object_id", "entity_type"]).to_pylist()
    assert {f["object_id"] for f in found} >= set(message_ids), "every canary was detected"

    assert_findings_masked(store, {**canaries.value_needles, **planted_values(sim)})
    haystacks = [*everything(warehouse, console, caplog.text), *dlp_pages(deployed.conn_id)]
    assert_search_reached(haystacks, sim)
    assert not leaks({**canaries.key_needles, **canaries.value_needles}, haystacks)


def test_a_run_failing_on_the_key_keeps_it_out_of_every_error(
    airflow_db: None,
    sim: RunningSimulator,
    canaries: Canaries,
    warehouse: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A key without the read scope: the error path formats API errors, tracebacks, the
    runs row and the connection test, all places a key could slip into."""
    sim.add_key(canaries.key, set())
    deployed = deploy(monkeypatch, sim, str(warehouse), api_key=canaries.key)
    run = deployed.workspace_dag.test()
    assert run.state == "failed"
    out, err = capfd.readouterr()
    console = out + err
    assert "Missing scopes" in console  # the exception text is in what is searched
    (recorded,) = deployed.store.read("runs", columns=["outcome"]).to_pylist()
    assert recorded["outcome"] == "failed"

    with (
        pytest.raises(PermissionDeniedError) as raised,
        ComplianceClient(workspace_settings(sim, canaries.key), retry=FAST_RETRY) as client,
    ):
        list(client.iter_users())
    error = raised.value
    exception_text = "".join(traceback.format_exception(error)) + repr(error) + str(vars(error))
    ok, message = OpenAIComplianceHook(deployed.conn_id).test_connection()
    assert not ok

    haystacks = [
        *everything(warehouse, console, caplog.text),
        ("client exception", exception_text),
        ("connection test message", message),
    ]
    assert not leaks(canaries.key_needles, haystacks)
