"""The analyst questions the README answers with ``catalog query``, asked of a landed workspace.

Each query is written here once and must appear verbatim in the README, so the documented
SQL is the tested SQL.
"""

from __future__ import annotations

from openai_connector.cli.main import main
from tests.paths import REPO

FINDINGS_BY_GPT = """\
select coalesce(gpt_name, project_name, gpt_id, project_id) as assistant, entity_type,
  severity, count(*) as findings
from findings where gpt_id is not null or project_id is not null
group by all order by findings desc"""

CODEX_CREDENTIALS_BY_USER = """\
select t.user_email, count(distinct t.event_id) as prompts,
  list(distinct f.entity_type) as credentials
from codex_turns t join findings f on f.object_id = t.event_id
where f.object_type = 'codex_prompt' and f.severity = 'critical'
group by 1 order by prompts desc"""

NEW_ADDRESS_BEFORE_FINDING = """\
with sign_ins as (
  select user_id, client_ip, timestamp,
    row_number() over (partition by user_id, client_ip order by timestamp) = 1 as new_address,
    row_number() over (partition by user_id order by timestamp) > 1 as seen_before
  from events where event_type = 'AUTH_LOG' and action = 'login_success')
select s.user_id, s.client_ip, s.timestamp as signed_in_at, f.occurred_at,
  f.object_type, f.entity_type, f.severity
from sign_ins s join findings f on f.user_id = s.user_id
  and f.occurred_at between s.timestamp and s.timestamp + interval 1 day
where s.new_address and s.seen_before and f.severity in ('high', 'critical')
order by s.timestamp"""

QUERIES = (FINDINGS_BY_GPT, CODEX_CREDENTIALS_BY_USER, NEW_ADDRESS_BEFORE_FINDING)


def test_the_readme_shows_exactly_these_queries() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for query in QUERIES:
        assert query in readme


def test_each_question_is_answered_from_a_landed_workspace(sim, store, run_workspace) -> None:
    run_workspace()
    truth = sim.truth().to_dict()

    by_gpt = store.query(FINDINGS_BY_GPT).to_pylist()
    assistants = truth["gpts"] + truth["projects"]
    names = {a["name"] for a in assistants} | {a["id"] for a in assistants}
    assert by_gpt
    assert {row["assistant"] for row in by_gpt} <= names

    codex = store.query(CODEX_CREDENTIALS_BY_USER).to_pylist()
    codex_users = {e["user_email"] for e in store.read("codex_turns").to_pylist()}
    assert codex
    assert {row["user_email"] for row in codex} <= codex_users
    assert all(row["prompts"] >= 1 for row in codex)

    (hit, *_) = store.query(NEW_ADDRESS_BEFORE_FINDING).to_pylist()
    assert hit["client_ip"] == "203.0.113.77"  # the simulator's one sign-in from a new address
    assert hit["signed_in_at"] < hit["occurred_at"]


def test_catalog_query_command_answers_too(sim, store, run_workspace, capsys, monkeypatch) -> None:
    run_workspace()
    monkeypatch.setenv("OPENAI_CONNECTOR_WAREHOUSE", store.config.warehouse)
    assert main(["catalog", "query", NEW_ADDRESS_BEFORE_FINDING, "--format", "jsonl"]) == 0
    assert "203.0.113.77" in capsys.readouterr().out
