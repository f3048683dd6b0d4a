"""What every match of a regex must contain: sound on real texts, declined when unsure."""

from __future__ import annotations

import itertools
import re

import pytest
import regex

from openai_connector.classify.required import required_pattern
from tests.classify.samples import SECRETS, text_with_secret

PATTERNS = [
    (r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}", 0),
    (r"(?<![A-Za-z0-9_-])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9_-])", 0),
    (r"(?i:(?<=aws_?secret_?(?:access_?)?key[\"']?\s{0,3}[:=]\s{0,3}[\"']?))[A-Za-z0-9/+]{40}", 0),
    (r"\b[0-9]{8,17}\b", regex.IGNORECASE),
    (r"\b(([1-9]|0[1-9]|[1-2][0-9]|3[0-1])-(JAN|FEB|MAR|APR)-(\d{4}|\d{2}))\b", regex.IGNORECASE),
    (r"(?i)(?:https?://)?(www\d{0,3}[.])?[a-z0-9.\-]{1,253}[.](?:com|org|io)\b", 0),
    (r"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]{1,200}?-----END \1PRIVATE KEY-----", 0),
    (r"[\w.+-]+@[\w-]+\.[\w.-]+", regex.IGNORECASE | regex.MULTILINE | regex.DOTALL),
    (r"\b\d{3}[- .]?\d{2}[- .]?\d{4}\b", 0),
    (r"(?:x|y)?z{2}[^a]", 0),
    (r"(?x) foo \d+  # a comment\n", 0),
    (r"(?-i:Ab)c", regex.IGNORECASE),
]

TEXTS = [
    "",
    "Could you rewrite this paragraph so it sounds friendlier?",
    "Call me at 415 55 1234 or 219-09-9999, or visit https://www.acme-corp.io/docs today.",
    "Meeting on 12-jan-2024 with maria.garcia@acme-corp.io and 12345678 as the ticket.",
    "AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMIbK7MDENGbPxRfiCYzEXAMPLEKEY1'",
    "abc ABC aBc zzq xzzb yzz\n FOO 12 foo 3",
    "ünïcödé façade ß Straße ΣΊΣΥΦΟΣ ﬁle \u212a-kelvin \u017f long-s",
    *(text_with_secret(entity) for entity in sorted(SECRETS)),
]


def _trigger(pattern: str, flags: int) -> regex.Pattern[str] | None:
    required = required_pattern(pattern, bool(flags & regex.IGNORECASE), flags & ~regex.IGNORECASE)
    return None if required is None else regex.compile(required)


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_every_text_the_pattern_matches_has_the_requirement(pattern, flags):
    trigger = _trigger(pattern, flags)
    assert trigger is not None
    compiled = regex.compile(pattern, flags)
    for text in TEXTS:
        # Every substring of a text, too: matches that start or stop at its edges.
        for start, end in itertools.combinations(range(0, len(text) + 1, 7), 2):
            window = text[start:end]
            if compiled.search(window):
                assert trigger.search(window), (pattern, window)


def test_requirement_is_selective():
    trigger = _trigger(PATTERNS[0][0], 0)
    assert trigger is not None
    assert trigger.search("sk-proj-")
    assert not trigger.search("SK-PROJ- ask me, sk")


def test_scoped_case_flags_are_kept():
    trigger = _trigger(r"(?-i:Ab)c", regex.IGNORECASE)
    assert trigger is not None
    assert trigger.search("Abc")
    assert not trigger.search("ab ab")


@pytest.mark.parametrize(
    "pattern",
    [
        r"\p{L}+",  # regex-only syntax
        r"[[:alpha:]]+",  # a POSIX class to regex, a plain set to Python
        r"a{e<=1}",  # a fuzzy constraint to regex, literal text to Python
        r"(a)?b*",  # nothing is required at all
        r"(?a:\w+)",  # a flag that changes what a class means
        r"(unclosed",
    ],
)
def test_declines_what_it_cannot_read_for_sure(pattern):
    assert required_pattern(pattern, ignorecase=False) is None


def test_declines_flags_that_change_classes():
    assert required_pattern("abc", ignorecase=False, other_flags=re.ASCII) is None
