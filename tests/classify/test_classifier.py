"""The Classifier end to end with the real engine: PII, masking, ids, batching, chunking."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator

import pytest

from openai_connector.classify import (
    Classifier,
    ClassifierConfig,
    ModelNotInstalledError,
    TextItem,
    get_classifier,
)
from tests.classify.samples import SECRETS, text_with_secret

CHAT = (
    "Hi, I'm Maria Garcia from the Berlin office. Please email maria.garcia@acme-corp.io "
    "or call me at (415) 555-0132. My card 4556 7375 8689 9855 was charged twice and my "
    "SSN is 536-22-1746 if you need it for the claim."
)


def _by_type(findings):
    return {f.entity_type: f for f in findings}


def test_finds_personal_data_in_chat(find):
    found = _by_type(find(CHAT))

    expected = {
        "PERSON": "Maria Garcia",
        "EMAIL_ADDRESS": "maria.garcia@acme-corp.io",
        "PHONE_NUMBER": "(415) 555-0132",
        "CREDIT_CARD": "4556 7375 8689 9855",
        "US_SSN": "536-22-1746",
    }
    for entity, value in expected.items():
        assert entity in found, entity
        assert CHAT[found[entity].start : found[entity].end] == value
    assert found["CREDIT_CARD"].severity == "high"
    assert found["US_SSN"].severity == "high"
    assert found["EMAIL_ADDRESS"].severity == "medium"
    assert found["PERSON"].recognizer == "ChatPersonRecognizer"


def test_nothing_found_in_harmless_text(find):
    assert find("Could you rewrite this paragraph so it sounds friendlier?") == []


def test_blank_texts_give_no_findings(classifier):
    items = [TextItem("message", "a", ""), TextItem("message", "b", "   \n")]
    assert [findings for _, findings in classifier.classify(items)] == [[], []]


@pytest.mark.parametrize("entity", sorted(SECRETS))
def test_raw_secret_never_in_finding_output(find, entity):
    value = SECRETS[entity]

    [finding] = [f for f in find(text_with_secret(entity)) if f.entity_type == entity]

    assert value not in finding.masked_preview
    assert value not in repr(finding)
    assert value not in str(finding.to_row())
    assert len(finding.masked_preview) <= len(value) // 3 + 1


def test_text_item_repr_hides_text():
    assert SECRETS["GITHUB_TOKEN"] not in repr(TextItem("file", "f-1", SECRETS["GITHUB_TOKEN"]))


def test_finding_ids_are_stable_and_distinct(classifier):
    item = TextItem("message", "m-42", CHAT, location="content")
    [(_, first)] = classifier.classify([item])
    [(_, second)] = classifier.classify([dataclasses.replace(item)])
    [(_, elsewhere)] = classifier.classify([dataclasses.replace(item, location="title")])

    assert [f.finding_id for f in first] == [f.finding_id for f in second]
    assert len({f.finding_id for f in first}) == len(first)
    assert {f.finding_id for f in first}.isdisjoint(f.finding_id for f in elsewhere)
    assert all(len(f.finding_id) == 32 for f in first)


def _messages() -> list[TextItem]:
    secrets = [f"token {value} end" for name, value in SECRETS.items() if name != "PASSWORD"]
    texts = [CHAT, "Nothing to see here.", *secrets, "Ask John Smith at john@acme-corp.io."]
    return [TextItem("message", f"m-{i}", text) for i, text in enumerate(texts)]


def test_batching_gives_the_same_findings_as_one_by_one(classifier):
    items = _messages()
    batched = list(Classifier(ClassifierConfig(batch_size=4)).classify(items))
    one_by_one = [next(iter(classifier.classify([item]))) for item in items]

    assert [item for item, _ in batched] == items
    assert [findings for _, findings in batched] == [findings for _, findings in one_by_one]
    assert sum(len(findings) for _, findings in batched) > len(items)


def test_classify_streams_batch_by_batch():
    pulled = 0

    def items() -> Iterator[TextItem]:
        nonlocal pulled
        for index in itertools.count():
            pulled += 1
            yield TextItem("message", str(index), "x" * 60)

    results = Classifier(ClassifierConfig(batch_size=10, max_batch_chars=100)).classify(items())
    next(results)

    assert pulled == 2


def test_long_text_is_chunked_with_original_offsets(classifier):
    size, overlap = 2_000, 400
    planted = [SECRETS["GITHUB_TOKEN"], SECRETS["AWS_ACCESS_KEY_ID"], SECRETS["STRIPE_SECRET_KEY"]]
    # Each secret straddles the end of one chunk, so only the next chunk sees it whole.
    positions = [(size - overlap) * index + size - 10 for index in range(9)]
    characters = list(("The quarterly report looks fine to all of us. " * 400)[:16_000])
    for position, value in zip(positions, itertools.cycle(planted), strict=False):
        characters[position - 1 : position + len(value) + 1] = f" {value} "
    text = "".join(characters)
    chunked = Classifier(ClassifierConfig(chunk_chars=size, chunk_overlap=overlap))

    [(_, findings)] = chunked.classify([TextItem("file", "f-1", text)])
    [(_, whole)] = classifier.classify([TextItem("file", "f-1", text)])

    secret_types = {"GITHUB_TOKEN", "AWS_ACCESS_KEY_ID", "STRIPE_SECRET_KEY"}
    secrets = [f for f in findings if f.entity_type in secret_types]
    assert [f.start for f in secrets] == positions
    assert all(text[f.start : f.end] in planted for f in secrets)
    assert secrets == [f for f in whole if f.entity_type in secret_types]


def test_entity_filter_limits_findings():
    only_email = Classifier(ClassifierConfig(entities=("EMAIL_ADDRESS",)))
    [(_, findings)] = only_email.classify([TextItem("message", "m", CHAT)])
    assert [f.entity_type for f in findings] == ["EMAIL_ADDRESS"]


def test_unknown_entity_is_rejected():
    with pytest.raises(ValueError, match="NOT_AN_ENTITY"):
        Classifier(ClassifierConfig(entities=("NOT_AN_ENTITY",)))


def test_missing_model_fails_clearly_without_download(monkeypatch):
    def no_download(*args, **kwargs):
        raise AssertionError("tried to download a model")

    monkeypatch.setattr("spacy.cli.download", no_download)
    with pytest.raises(ModelNotInstalledError, match="en_core_web_missing_xx") as error:
        Classifier(ClassifierConfig(spacy_model="en_core_web_missing_xx"))
    assert "OPENAI_CONNECTOR_SPACY_MODEL" in str(error.value)


def test_get_classifier_is_cached_per_config():
    config = ClassifierConfig(batch_size=8)
    assert get_classifier(config) is get_classifier(ClassifierConfig(batch_size=8))
    assert get_classifier(config) is not get_classifier(ClassifierConfig(batch_size=9))
