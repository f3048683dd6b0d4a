"""The quality benchmark's corpus: reproducible, and every label covers its value exactly."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from bench.quality_corpus import LABELLED, generate_corpus

# What the labelled substring of each type must look like.
SHAPES = {
    "PERSON": r"[^\W\d_][\w' -]*[^\W\d_]",
    "EMAIL_ADDRESS": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "PHONE_NUMBER": r"[+(\d][\d ().-]{6,}\d",
    "CREDIT_CARD": r"\d[\d -]{13,22}\d",
    "US_SSN": r"\d{3}-\d{2}-\d{4}",
    "IBAN_CODE": r"[A-Z]{2}\d{2}[A-Z0-9 ]{10,40}",
    "IP_ADDRESS": r"\d{1,3}(?:\.\d{1,3}){3}",
    "OPENAI_API_KEY": r"sk-(?:proj-|svcacct-|admin-)?[\w-]+T3BlbkFJ[\w-]+",
    "ANTHROPIC_API_KEY": r"sk-ant-(?:api03|admin01)-[\w-]{93}AA",
    "AWS_ACCESS_KEY_ID": r"(?:AKIA|ASIA)[A-Z2-7]{16}",
    "AWS_SECRET_ACCESS_KEY": r"[A-Za-z0-9+/]{40}",
    "GOOGLE_API_KEY": r"AIza[\w-]{35}",
    "GCP_SERVICE_ACCOUNT_KEY": r"-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----\\n",
    "AZURE_STORAGE_KEY": r"[A-Za-z0-9+/]{86}==",
    "AZURE_SAS_TOKEN": r"[A-Za-z0-9%]{40,}",
    "GITHUB_TOKEN": r"gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{82}",
    "GITLAB_TOKEN": r"gl(?:pat|dt|rt)-[\w-]{20}",
    "SLACK_TOKEN": r"xox[bpa]-\d+-\d+-\w+",
    "SLACK_WEBHOOK_URL": r"https://hooks\.slack\.com/services/T\w+/B\w+/\w{24}",
    "STRIPE_SECRET_KEY": r"(?:sk|rk)_live_\w+",
    "PRIVATE_KEY": r"-----BEGIN [A-Z ]*PRIVATE KEY-----\n[\s\S]+\n-----END [A-Z ]*PRIVATE KEY-----",
    "JWT": r"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+",
    "PASSWORD": r"[\w.!~-]{8,}",
    "GENERIC_SECRET": r"[A-Za-z0-9+/=]{24,}",
}


def test_every_labelled_type_has_a_shape():
    assert set(SHAPES) == set(LABELLED)


def test_same_seed_same_corpus_other_seed_other_corpus():
    assert generate_corpus(60, seed=7) == generate_corpus(60, seed=7)
    assert generate_corpus(60, seed=7) != generate_corpus(60, seed=8)


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus(400, seed=11)


def test_labels_cover_exactly_their_values(corpus):
    seen = set()
    for sample in corpus:
        for span in sample.spans:
            value = sample.text[span.start : span.end]
            assert re.fullmatch(SHAPES[span.entity_type], value), (span.entity_type, value)
            seen.add(span.entity_type)
    assert seen == set(LABELLED)


def test_labels_do_not_overlap(corpus):
    for sample in corpus:
        spans = sorted(sample.spans, key=lambda span: span.start)
        assert all(a.end <= b.start for a, b in pairwise(spans))


def test_decoys_are_present_and_unlabelled(corpus):
    texts = "\n".join(sample.text for sample in corpus)
    for decoy in ("example.com", "4242424242424242", "AKIAIOSFODNN7EXAMPLE", "078-05-1120"):
        if decoy in texts:
            break
    else:
        pytest.fail("no documentation decoy in the corpus")
    for sample in corpus:
        for span in sample.spans:
            assert "example." not in sample.text[span.start : span.end]
