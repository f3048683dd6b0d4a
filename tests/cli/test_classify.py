"""``openai-connector classify`` as a user runs it: JSONL or documents in, findings out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
POLICY = """\
version: 1
allow:
  email_domains: [acme.com]
deny:
  - {value: Project Bluebird, entity: CODENAME, severity: high}
recognizers:
  - {name: badge, entity: ACME_BADGE, pattern: '\\bEMP-\\d{6}\\b'}
"""
FIELDS = {
    "id",
    "entity_type",
    "start",
    "end",
    "score",
    "masked",
    "severity",
    "recognizer",
    "location",
}


def classify(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "openai-connector"), "classify", *args],
        input=stdin,
        capture_output=True,
        text=True,
    )


def findings(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture
def policy(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_text(POLICY)
    return path


def test_jsonl_on_stdin_gives_masked_findings_under_the_policy(policy: Path) -> None:
    texts = [
        {"id": 7, "text": "Badge EMP-123456 is on Project Bluebird, mail ops@acme.com."},
        {"id": "m-2", "text": "Write to maria.garcia@globex-corp.io about it."},
    ]
    stdin = "".join(json.dumps(text) + "\n" for text in texts)
    result = classify("-", "--policy", str(policy), stdin=stdin)
    assert result.returncode == 0, result.stderr
    rows = findings(result)
    assert all(set(row) == FIELDS for row in rows)
    got = {(row["id"], row["entity_type"], row["recognizer"]) for row in rows}
    assert {
        (7, "ACME_BADGE", "policy:badge"),
        (7, "CODENAME", "policy:deny_list"),
        ("m-2", "EMAIL_ADDRESS", "OfflineEmailRecognizer"),
    } <= got
    assert not any(row["entity_type"] == "EMAIL_ADDRESS" for row in rows if row["id"] == 7)
    [badge] = [row for row in rows if row["entity_type"] == "ACME_BADGE"]
    assert texts[0]["text"][badge["start"] : badge["end"]] == "EMP-123456"
    for raw in ("EMP-123456", "Project Bluebird", "maria.garcia@globex-corp.io"):
        assert raw not in result.stdout + result.stderr


def test_files_and_bad_input_are_reported_by_line_and_skipped(tmp_path: Path) -> None:
    jsonl = tmp_path / "chats.jsonl"
    jsonl.write_text(
        '{"id": "a", "text": "Mail anna.kowalski@globex-corp.io today."}\n'
        '{"id": "b", "body": "secret token sk-live-123"}\n'
        "\n"
        "not json at all\n"
    )
    document = tmp_path / "notes.txt"
    document.write_text("Reach me at lee.chen@initech-labs.com.\n")
    missing = tmp_path / "gone.pdf"
    result = classify(str(jsonl), str(document), str(missing))
    assert result.returncode == 2
    assert {(row["id"], row["entity_type"]) for row in findings(result)} >= {
        ("a", "EMAIL_ADDRESS"),
        (str(document), "EMAIL_ADDRESS"),
    }
    assert f'{jsonl} line 2: expected an object with "text"' in result.stderr
    assert f"{jsonl} line 4: invalid JSON" in result.stderr
    assert f"{missing}: cannot read" in result.stderr
    assert "3 input(s) skipped" in result.stderr
    assert "sk-live-123" not in result.stderr + result.stdout
    assert "not json" not in result.stderr


def test_an_invalid_policy_stops_before_reading(tmp_path: Path) -> None:
    policy = tmp_path / "broken.yaml"
    policy.write_text("version: 1\nseverity:\n  PERSON: severe\n")
    result = classify("--policy", str(policy), stdin='{"id": 1, "text": "x"}\n')
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"{policy} line 3: severity.PERSON must be one of low, medium, high, critical" in (
        result.stderr
    )
