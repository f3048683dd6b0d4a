"""Severity honesty: critical only for a shape as a vendor or a generator issues it.

A vendor's prefix on a value of another length, a generated-looking value that a hand made
or altered, and a time-based UUID are the public suites' negatives in chat form; values
are assembled at run time, so the repository holds nothing a secret scanner would flag.
"""

from __future__ import annotations

import random
import uuid

import pytest

from openai_connector.classify.recognizers.placeholders import looks_hand_edited
from tests.classify.samples import random_chars

HEX = "0123456789abcdef"
MARKER = "T3Blbk" + "FJ"


def _on_value(find, text: str, value: str) -> list:
    start = text.index(value)
    return [f for f in find(text) if f.start < start + len(value) and start < f.end]


def _severities(find, text: str, value: str) -> set[str]:
    return {f.severity for f in _on_value(find, text, value)}


def _mixed_case_hex(seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice((str.upper, str.lower))(c) for c in random_chars(32, seed, HEX))


def _letter_in_hex(seed: int) -> str:
    value = random_chars(32, seed, HEX)
    return value[:13] + "q" + value[14:]


def _runs_of_one_character(seed: int) -> str:
    value = random_chars(40, seed)
    return value[:10] + "AAAA" + value[10:30] + "CCCC" + value[30:]  # three runs: filler


def _chunk_said_twice(seed: int) -> str:
    value = random_chars(40, seed)
    return value[:30] + value[5:11] + value[30:]


def _padding_inside(seed: int) -> str:
    value = random_chars(40, seed)
    return value[:18] + "+=" + value[18:]


EDITED = [_mixed_case_hex, _letter_in_hex, _runs_of_one_character, _chunk_said_twice]
EDITED.append(_padding_inside)


@pytest.mark.parametrize("edit", EDITED, ids=lambda edit: edit.__name__)
def test_hand_edited_value_under_a_secret_name_is_high(find, edit):
    value = edit(80)
    assert looks_hand_edited(value)
    text = f"CLIENT_ID=svc-reports\nCLIENT_SECRET={value}\n"
    assert _severities(find, text, value) == {"high"}


@pytest.mark.parametrize("seed", range(40))
def test_generated_values_do_not_look_hand_edited(seed):
    """Values of generators' alphabets and lengths stay critical under a secret's name."""
    for alphabet, length in ((HEX, 32), (HEX, 64), (HEX.upper(), 40), (None, 40), (None, 64)):
        value = (
            random_chars(length, seed) if alphabet is None else random_chars(length, seed, alphabet)
        )
        assert not looks_hand_edited(value), value


def test_generated_value_under_a_secret_name_stays_critical(find):
    value = random_chars(40, 81)
    assert _severities(find, f"CLIENT_SECRET={value}\n", value) == {"critical"}


def _openai(before: int, after: int) -> str:
    return "sk-" + "proj-" + random_chars(before, 82) + MARKER + random_chars(after, 83)


@pytest.mark.parametrize(
    ("value", "severity"),
    [
        (_openai(58, 58), "critical"),
        (_openai(74, 74), "critical"),
        (_openai(5, 58), "high"),  # a part cut short
        (_openai(58, 5), "high"),
        ("sk-" + "admin-" + random_chars(48, 84), "high"),  # no marker
    ],
)
def test_openai_key_is_critical_only_in_its_issued_shape(find, value, severity):
    """Whatever the words around it: "OpenAI key" before it lifts no score here."""
    text = f"# the OpenAI key of the reporting job\nOPENAI_KEY={value}\n"
    assert _severities(find, text, value) == {severity}


@pytest.mark.parametrize(
    ("value", "severity"),
    [
        ("glo" + "as-" + random_chars(64, 85, HEX), "critical"),
        ("glo" + "as-" + random_chars(32, 85, HEX), "high"),
        ("glp" + "tt-" + random_chars(40, 86, HEX), "critical"),
        ("glp" + "tt-" + random_chars(24, 86, HEX), "high"),
    ],
)
def test_gitlab_digest_tokens_are_critical_only_at_their_length(find, value, severity):
    text = f"gitlab:\n  client_id: {random_chars(64, 87, HEX)}\n  client_secret: {value}\n"
    assert _severities(find, text, value) == {severity}


def _teams(guid) -> str:
    return (
        f"https://acme.webhook.office.com/webhookb2/{guid()}@{guid()}"
        f"/IncomingWebhook/{random_chars(32, 88, HEX)}/{guid()}"
    )


def test_teams_webhook_is_critical_only_with_its_ids():
    rng = random.Random(89)
    real = _teams(lambda: uuid.UUID(int=rng.getrandbits(128)))
    scrambled = _teams(
        lambda: "-".join(random_chars(n, rng.randrange(1000)) for n in (8, 4, 4, 4, 12))
    )
    from openai_connector.classify.recognizers.vendors import VendorTokenRecognizer

    recognizer = VendorTokenRecognizer()
    assert [found[3] for found in recognizer.find(real)] == [VendorTokenRecognizer.SCORE]
    assert [found[3] for found in recognizer.find(scrambled)] == [VendorTokenRecognizer.LOOSE_SCORE]


def test_time_based_uuid_is_an_identifier(find):
    time_based = str(uuid.uuid1(node=random.Random(90).getrandbits(48), clock_seq=90))
    text = f"registry.npmjs.org/:_authToken={time_based}\n"
    assert _severities(find, text, time_based) <= {"low"}  # the URL around it, no credential


def test_random_uuid_token_is_still_found(find):
    random_uuid = str(uuid.UUID(int=random.Random(91).getrandbits(128), version=4))
    text = f"registry.npmjs.org/:_authToken={random_uuid}\n"
    assert _severities(find, text, random_uuid) == {"high"}
