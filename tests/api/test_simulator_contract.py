"""The client against the local simulator over loopback: every endpoint and every fault."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from openai_connector.api import (
    AuthenticationError,
    ComplianceClient,
    ConversationMessageEvent,
    CorruptLine,
    Deletion,
    EndpointRetiredError,
    IntegrityError,
    PermissionDeniedError,
    RateLimitError,
    RateLimits,
    RetryPolicy,
    RouteNotFoundError,
    ServerError,
    TransportError,
    WorkspaceNotFoundError,
    WorkspaceSettings,
)
from openai_connector.simulator import FaultSpec, RunningSimulator, SimulatorConfig, serve_in_thread

from .fakes import CANARY_KEY, assert_clean

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
FAST_RETRY = RetryPolicy(max_attempts=12, initial_backoff=0.001, max_backoff=0.005, max_total=30)


@pytest.fixture(scope="module")
def sim_config() -> SimulatorConfig:
    return SimulatorConfig(seed=7, scale="small")


@pytest.fixture(scope="module")
def module_sim(module_sim: RunningSimulator) -> RunningSimulator:
    module_sim.add_key(CANARY_KEY, {"read", "delete"})
    return module_sim


@pytest.fixture
def sim(module_sim: RunningSimulator) -> RunningSimulator:
    """Most tests here only read: the module's simulator, with faults and request log cleared."""
    module_sim.set_faults(FaultSpec())
    module_sim.reset_request_log()
    return module_sim


@pytest.fixture
def fresh_sim(sim_config: SimulatorConfig) -> Iterator[RunningSimulator]:
    """A simulator of its own, for tests that delete or add data."""
    with serve_in_thread(sim_config) as running:
        running.add_key(CANARY_KEY, {"read", "delete"})
        yield running


def _client(sim: RunningSimulator, *, key: str = CANARY_KEY, **overrides: Any) -> ComplianceClient:
    values = {
        "workspace_id": sim.workspace_id,
        "organization_id": sim.organization_id,
        "api_key": key,
        "base_url": sim.base_url,
        "workspace_name": sim.workspace_name,
    }
    values.update(overrides)
    return ComplianceClient(
        WorkspaceSettings(**values),
        retry=FAST_RETRY,
        rate_limits=RateLimits.unlimited(),
        timeout=5.0,
    )


@dataclass
class Pull:
    messages: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)
    conversations: set[str] = field(default_factory=set)
    files: dict[str, str] = field(default_factory=dict)
    events: int = 0
    log_files: int = 0


def _pull(client: ComplianceClient) -> Pull:
    """What a collector sees: log events (deduplicated), then every referenced file."""
    pull = Pull()
    file_owners: dict[str, tuple[str, str | None, str | None]] = {}
    for log_file in client.iter_log_files(after=EPOCH, page_size=5):
        pull.log_files += 1
        for line in client.iter_log_events(log_file):
            assert not isinstance(line, CorruptLine), line
            assert isinstance(line, ConversationMessageEvent)
            pull.events += 1
            message = line.message
            pull.messages[message.id] = (message.author_role, message.content_type, message.text)
            pull.conversations.add(line.conversation.id)
            for ref in message.files:
                owner = ref.user_id or line.actor_user_id
                file_owners[ref.id] = ("user", owner, line.conversation.id)
    for kind, listing in (("gpt", client.iter_gpts()), ("project", client.iter_projects())):
        for assistant in listing:
            for config in assistant.latest_config:
                for ref in config.files:
                    file_owners[ref.id] = (kind, None, None)
    for file_id, (kind, user_id, conversation_id) in file_owners.items():
        with client.fetch_file(
            kind,
            file_id,
            user_id=user_id,
            conversation_id=conversation_id,  # type: ignore[arg-type]
        ) as fetched:
            pull.files[file_id] = fetched.status if fetched.status != "fetched" else fetched.sha256
    return pull


def _expected(sim: RunningSimulator) -> Pull:
    truth = sim.truth().to_dict()
    return Pull(
        messages={m["id"]: (m["role"], m["content_type"], m["text"]) for m in truth["messages"]},
        conversations={c["id"] for c in truth["conversations"]},
        files={f["id"]: "expired" if f["expired"] else f["sha256"] for f in truth["files"]},
    )


def _assert_matches_truth(pull: Pull, expected: Pull) -> None:
    assert pull.messages == expected.messages
    assert pull.conversations == expected.conversations
    assert pull.files == expected.files


def test_a_clean_pull_equals_the_ground_truth(sim: RunningSimulator) -> None:
    with _client(sim) as client:
        pull = _pull(client)
        assert client.stats.snapshot()["retries"] == 0
    _assert_matches_truth(pull, _expected(sim))
    assert pull.events == len(pull.messages)
    signed = [r for r in sim.request_log() if r.path.startswith("/signed/")]
    assert signed
    assert not any(record.had_authorization for record in signed)


def test_a_pull_through_mixed_faults_equals_the_ground_truth(sim: RunningSimulator) -> None:
    sim.set_faults(
        FaultSpec.parse(
            "latency=0.01,429=0.1,5xx=0.1,reset=0.05,truncate=0.05,"
            "sha_mismatch=0.1,duplicate_events=0.2,boundary=0.5"
        )
    )
    with _client(sim) as client:
        pull = _pull(client)
        stats = client.stats.snapshot()
    _assert_matches_truth(pull, _expected(sim))
    assert stats["retries"] > 0
    assert pull.events > len(pull.messages)


@pytest.mark.parametrize(
    "faults",
    [
        "latency=0.02",
        "429=0.4",
        "429_no_retry_after=0.4",
        "5xx=0.4",
        "reset=0.3",
        "truncate=0.3",
        "sha_mismatch=0.5",
        "duplicate_events=1",
        "boundary=1",
    ],
)
def test_each_recoverable_fault_kind(sim: RunningSimulator, faults: str) -> None:
    sim.set_faults(FaultSpec.parse(faults))
    with _client(sim) as client:
        pull = _pull(client)
    _assert_matches_truth(pull, _expected(sim))


def test_boundary_repeats_with_tiny_pages_neither_loop_nor_lose_files(
    sim: RunningSimulator,
) -> None:
    sim.set_faults(FaultSpec.parse("boundary=1"))
    with _client(sim) as client:
        ids = [log_file.id for log_file in client.iter_log_files(after=EPOCH, page_size=1)]
    sim.set_faults(FaultSpec())
    with _client(sim) as client:
        assert ids == [log_file.id for log_file in client.iter_log_files(after=EPOCH)]
    assert len(ids) == len(set(ids)) > 1


def test_expired_files_fault_is_reported_as_expired(sim: RunningSimulator) -> None:
    sim.set_faults(FaultSpec.parse("expired_files=1"))
    with _client(sim) as client:
        pull = _pull(client)
    expected = _expected(sim)
    _assert_matches_truth(pull, expected)
    user_files = {f["id"] for f in sim.truth().to_dict()["files"] if f["kind"] == "user"}
    assert user_files
    assert {pull.files[file_id] for file_id in user_files} == {"expired"}


def test_legacy_gone_is_endpoint_retired(sim: RunningSimulator) -> None:
    sim.set_faults(FaultSpec.parse("legacy_gone=1"))
    with _client(sim) as client, pytest.raises(EndpointRetiredError) as caught:
        list(client.iter_conversations())
    assert_clean(caught.value)


@pytest.mark.parametrize(
    ("faults", "error"),
    [("429=1", RateLimitError), ("5xx=1", ServerError), ("reset=1", TransportError)],
)
def test_persistent_faults_fail_after_bounded_retries(
    sim: RunningSimulator, faults: str, error: type[Exception]
) -> None:
    sim.set_faults(FaultSpec.parse(faults))
    with _client(sim) as client, pytest.raises(error) as caught:
        list(client.iter_users())
    assert len(sim.request_log()) == FAST_RETRY.max_attempts
    assert_clean(caught.value)


def test_sha_mismatch_on_every_download_is_an_integrity_error(sim: RunningSimulator) -> None:
    sim.set_faults(FaultSpec.parse("sha_mismatch=1"))
    with _client(sim) as client:
        log_file = next(client.iter_log_files(after=EPOCH))
        with pytest.raises(IntegrityError, match="sha256 mismatch"):
            client.download_log_file(log_file)


def test_legacy_conversations_and_inventory_match_the_truth(sim: RunningSimulator) -> None:
    truth = sim.truth().to_dict()
    with _client(sim) as client:
        conversations = list(client.iter_conversations(page_size=7, file_format="url"))
        users = list(client.iter_users(page_size=3))
        gpts = list(client.iter_gpts(page_size=2))
        projects = list(client.iter_projects())
        gpt = client.get_gpt(gpts[0].id)
        gpt_configs = list(client.iter_gpt_configs(gpts[0].id))
        project = client.get_project(projects[0].id)
        project_configs = list(client.iter_project_configs(projects[0].id))
        since = max(c.last_active_at for c in conversations if c.last_active_at)
        recent = list(
            client.iter_conversations(since=since, users=[conversations[0].user_id or ""])
        )
    assert {c.id for c in conversations} == {c["id"] for c in truth["conversations"]}
    legacy_messages = {m.id: m.text for c in conversations for m in c.messages}
    assert legacy_messages == {m["id"]: m["text"] for m in truth["messages"]}
    assert [u.id for u in users] == [u["id"] for u in truth["users"]]
    assert {g.id for g in gpts} == {g["id"] for g in truth["gpts"]}
    assert {p.id for p in projects} == {p["id"] for p in truth["projects"]}
    truth_gpt = next(g for g in truth["gpts"] if g["id"] == gpt.id)
    assert (gpt.name, gpt_configs[0].instructions) == (truth_gpt["name"], truth_gpt["instructions"])
    truth_project = next(p for p in truth["projects"] if p["id"] == project.id)
    assert project_configs[0].instructions == truth_project["instructions"]
    assert all(
        c.last_active_at and c.last_active_at >= since.replace(microsecond=0) for c in recent
    )


def test_incremental_pull_sees_new_activity_only(fresh_sim: RunningSimulator) -> None:
    sim = fresh_sim
    with _client(sim) as client:
        files = list(client.iter_log_files(after=EPOCH))
        created = sim.add_activity(conversations=2, messages_per_conversation=3, files=1)
        new_files = list(client.iter_log_files(after=files[-1].end_time))
        new_ids = {
            line.message.id
            for log_file in new_files
            for line in client.iter_log_events(log_file)
            if isinstance(line, ConversationMessageEvent)
        }
    assert [log_file.id for log_file in new_files] == created["log_file_ids"]
    assert new_ids == set(created["message_ids"])


def test_probe_and_connection_errors(sim: RunningSimulator) -> None:
    with _client(sim) as client:
        probe = client.probe()
    assert (probe.user_count, probe.more_users) == (len(sim.truth().to_dict()["users"]), False)
    assert sim.workspace_name in probe.summary
    cases: list[tuple[dict[str, Any], type[Exception]]] = [
        ({"key": "sk-wrong-key-000"}, AuthenticationError),
        ({"key": sim.keys.no_scope}, PermissionDeniedError),
        ({"workspace_id": "00000000-0000-4000-8000-000000000000"}, WorkspaceNotFoundError),
        ({"base_url": sim.base_url.removesuffix("/v1")}, RouteNotFoundError),
    ]
    for overrides, error in cases:
        with _client(sim, **overrides) as client, pytest.raises(error) as caught:
            client.probe()
        assert_clean(caught.value)
        assert sim.keys.no_scope not in str(caught.value)


def test_read_only_key_cannot_delete(sim: RunningSimulator) -> None:
    conversation_id = sim.truth().to_dict()["conversations"][0]["id"]
    with _client(sim, key=sim.keys.read) as client, pytest.raises(PermissionDeniedError) as caught:
        client.delete_conversation(conversation_id)
    assert sim.keys.read not in str(caught.value)


def test_every_delete_endpoint(fresh_sim: RunningSimulator) -> None:
    sim = fresh_sim
    truth = sim.truth().to_dict()
    conversation = truth["conversations"][0]["id"]
    user_file = next(f for f in truth["files"] if f["kind"] == "user")
    gpt = next(g for g in truth["gpts"] if g["file_ids"])
    project = next(p for p in truth["projects"] if p["file_ids"])
    shared_gpt = next(g for g in truth["gpts"] if g["shared_user_ids"])
    shared_project = next((p for p in truth["projects"] if p["shared_user_ids"]), None)
    with _client(sim) as client:
        results = [
            client.delete_conversation(conversation),
            client.delete_user_file(user_file["owner_id"], user_file["id"]),
            client.delete_gpt_file(gpt["id"], gpt["file_ids"][0]),
            client.delete_project_file(project["id"], project["file_ids"][0]),
            client.unshare_gpt(shared_gpt["id"]),
        ]
        if shared_project is not None:
            results.append(client.unshare_project(shared_project["id"]))
        results += [client.delete_gpt(gpt["id"]), client.delete_project(project["id"])]
        assert all(result.deleted and not result.already_gone for result in results)
        assert client.delete_conversation(conversation) == Deletion(
            conversation, deleted=False, already_gone=True
        )
        assert client.fetch_file("user", user_file["id"], user_id=user_file["owner_id"]).status == (
            "not_found"
        )
    deleted = {item["id"] for item in sim.truth().to_dict()["deleted"]}
    assert {conversation, user_file["id"], gpt["id"], project["id"]} <= deleted


def test_signed_urls_stay_out_of_httpcore_debug_logs(
    sim: RunningSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    """httpcore's DEBUG trace logs response headers: the 307's Location (a signed URL)."""
    with _client(sim) as client:
        log_file = next(client.iter_log_files(after=EPOCH))
        client.download_log_file(log_file).close()
    trace = [r.getMessage() for r in caplog.records if r.name.startswith("httpcore.")]
    assert any("b'Location', b'[redacted]'" in message for message in trace)
    assert "/signed/" not in caplog.text
