"""Tables pasted in chats: credentials and people found by the column they sit in.

Values are assembled at run time so the repository holds nothing a secret scanner would
flag.
"""

from __future__ import annotations

import pytest

from openai_connector.classify import Classifier, ClassifierConfig, TextItem
from openai_connector.classify.budget import time_budget
from openai_connector.classify.model import TIME_BUDGET_MARK
from openai_connector.classify.recognizers.tables import TableCellRecognizer
from tests.classify.samples import random_chars

SECRET = random_chars(32, 141)
PASSWORD = "Juniper&" + random_chars(4, 142, "0123456789") + "wz"
OTHER_PASSWORD = "Walnut!" + random_chars(5, 143, "0123456789")


def _from_tables(find, text: str) -> set[tuple[str, str]]:
    """What the table recognizer reports (other recognizers may read the text as prose)."""
    return {
        (f.entity_type, text[f.start : f.end])
        for f in find(text)
        if f.recognizer == TableCellRecognizer.__name__
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "| env | user | password |\n|-----|------|----------|\n"
            f"| prod | admin | {PASSWORD} |\n| dev | admin | see vault |",
            {("PASSWORD", PASSWORD)},
        ),
        (
            "| Service | API Key | Owner |\n|:--|:--|:--|\n"
            f"| billing | `{SECRET}` | Mateo Whitaker |\n"
            "| search | ${SEARCH_KEY} | Platform Team |",
            {("GENERIC_SECRET", SECRET), ("PERSON", "Mateo Whitaker")},
        ),
        (
            f"id,full_name,email_verified,pwd\n7,Amara Raman,yes,{OTHER_PASSWORD}\n8,N/A,no,",
            {("PERSON", "Amara Raman"), ("PASSWORD", OTHER_PASSWORD)},
        ),
        (
            f"host\tport\ttoken\tassignee\ndb1\t5432\t{SECRET}\tIngrid Whitaker",
            {("GENERIC_SECRET", SECRET), ("PERSON", "Ingrid Whitaker")},
        ),
        (
            f" id | username | passwd\n----+----------+--------\n  1 | ana      | {PASSWORD}",
            {("PASSWORD", PASSWORD)},
        ),
        (
            f"key,value\nregion,eu-west-1\nDB password,{OTHER_PASSWORD}\nsigning key,{SECRET}",
            {("PASSWORD", OTHER_PASSWORD), ("GENERIC_SECRET", SECRET)},
        ),
    ],
    ids=["markdown-password", "markdown-key-owner", "csv", "tsv", "psql", "labelled"],
)
def test_cells_of_credential_and_person_columns_are_found(find, text, expected):
    findings = find(text)
    assert expected <= {(f.entity_type, text[f.start : f.end]) for f in findings}
    spans = [(f.entity_type, f.start, f.end) for f in findings]
    assert len(spans) == len(set(spans)), "a span reported twice"


def test_a_chosen_password_is_high_and_a_generated_key_critical(find):
    text = f"| user | password | api_key |\n|---|---|---|\n| admin | {PASSWORD} | {SECRET} |"
    severities = {text[f.start : f.end]: f.severity for f in find(text)}
    assert severities[PASSWORD] == "high"
    assert severities[SECRET] == "critical"


def test_a_cell_the_assignment_rule_also_reports_is_one_finding(find):
    text = f"| Setting | Value |\n|---|---|\n| apiKey | {SECRET} |"
    findings = [f for f in find(text) if text[f.start : f.end] == SECRET]
    assert [f.entity_type for f in findings] == ["GENERIC_SECRET"]


@pytest.mark.parametrize(
    "text",
    [
        "| service | password_policy | token_count |\n|---|---|---|\n"
        f"| api | {PASSWORD} | {random_chars(18, 144, '0123456789')} |",
        "| env | password | api_token |\n|---|---|---|\n| prod | see vault | **** |\n"
        "| dev | ${DB_PASSWORD} |  |\n| qa | `<redacted>` | vault:secret/qa |",
        "name,plan,seats\nAtlas Pro,team,12\nNimbus Cloud,enterprise,40\nN/A,free,1\n"
        "Unknown,free,1\nPlatform Team,internal,9",
        "| name | owner |\n|---|---|\n| payments-api | Platform Team |\n| Starter Plan | Unknown |",
        "x,y,z\n" + "\n".join(f"{k},{k * 7 % 13},{k * 31 % 97}" for k in range(40)),
        "Thanks, team, for the update\nPassword, token and key rotation are next, Priya",
    ],
    ids=["about-columns", "references", "products", "teams", "numbers", "prose"],
)
def test_tables_without_credentials_or_people_give_nothing(find, text):
    assert _from_tables(find, text) == set()


def _hostile_table(chars: int) -> str:
    rows = [f"| user{k} | {PASSWORD}{k} |" for k in range(chars // 20)]
    return ("| user | password |\n|---|---|\n" + "\n".join(rows))[:chars]


def test_a_table_stops_at_the_texts_budget():
    text = _hostile_table(200_000)
    recognizer = TableCellRecognizer()
    assert recognizer.find(text[:2_000])  # the rows are findings when there is time
    with time_budget(deadline=0.0) as budget:
        assert recognizer.find(text) == []
    assert budget.cut is True


def test_a_hostile_table_text_is_cut_at_its_budget_not_the_run():
    hasty = Classifier(ClassifierConfig(time_budget_seconds=0.05, dedupe_cache_size=0))
    text = _hostile_table(200_000)
    cut: list[TextItem] = []
    [(item, findings)] = hasty.classify([TextItem("message", "m-1", text)], on_cut=cut.append)
    assert cut == [item]
    assert any(f.entity_type == "PASSWORD" for f in findings)
    assert TIME_BUDGET_MARK not in {f.entity_type for f in findings}
