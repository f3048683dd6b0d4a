"""Telling real values from the stand-ins that fill documentation, templates and tests.

A security team stops reading alerts that fire on ``sk-your-key-here``, the jwt.io sample
token or Stripe's test card, so every recognizer consults these checks before reporting.
Pure Python: no Presidio import, cheap to unit test.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import math
import re
from collections import Counter
from itertools import pairwise

_PLACEHOLDER = re.compile(
    r"your[-_ ]?(?:api[-_ ]?|secret[-_ ]?|access[-_ ]?)?(?:key|token|secret|password|pass)"
    r"|(?:string|token|key|secret|password|value)[-_ ]?here|(?:replace|fill|set)[-_ ]?me\b"
    r"|example|placeholder|dummy|fake|invalid|change[-_ ]?me|redacted|sample"
    r"|[xX]{5,}|\*{3,}|\.{3}|…"
    r"|<[^>]*>|\$\{[\w.:-]+(?:[:?+=-][^{}]*)?\}|\{\{[^{}]*\}\}|(.)\1{7,}",
    re.IGNORECASE,
)
# Hosts reserved for documentation (RFC 2606 / RFC 6761).
_EXAMPLE_HOST = re.compile(
    r"(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid)$", re.IGNORECASE
)
# SHA-256 digests of values published in vendor documentation and SDKs, equal in every copy
# of the docs (digests, so this file holds no key-shaped literal for scanners to trip on).
KNOWN_SAMPLE_DIGESTS = frozenset(
    {
        # Signature of the jwt.io debugger's default token, and the debugger's default secret.
        "051d093c4bdedbf23f905ad01d9c6111414d54e2170e1d7f76657c4e76e3e65b",
        "465d9ad5d5528ebe287b5dce4fb51620833d09b290e49ddcc70ca6c4a0aea01b",
        # The Azure Storage emulator (Azurite) account key, public by design.
        "0011cc25eb4320717494d2703e8cba85743e71b500283c21c8b88147992f9059",
        # Example Google API keys in the Firebase Android SDK's sources and tests (gitleaks
        # allowlists the same values).
        "0b476bdf9acf2123d547b5ae76f1e59884d8ec9553ee0c47e9f31fd4768f3f3c",
        "2037abcaffb2b77785da716cf7ccff4ff4d00c4ea930db0167b7d71f50af7eb4",
        "27a9a42931dff7eb2f8434e20a9bce976ea364e7bee49187f19d5cfeca9c7045",
        "37f8f09bdf12c2f2eae4ead7273a62ddb0c23459cbf902892f282b57f7ed6619",
        "3a8b61d0f636b007840c0d40ba12bcf48465dc054cdc1a68704a33521d84b665",
        "3f370c9dd8225c63b5c77de1f785edc9712958f18bb612d5fa2e0ae33aeca682",
        "49f777db995e8260da7ca9ffdf0c08d66f0453e97ec967018baf2cdfe3b582d0",
        "4c98242dcadc8b29005c6b4aad526552d5ea1842149154c0694adeec75847583",
        "8731261cb72d86267a32a532ebd3df429e2144e5e4ced7e13568bc9e6c8fb1b1",
        "a19f89ab3555eac10c40741f6df79ecf0935998f15569f8db9d67bce0181fff6",
        "a6c814bc555ae62c7bd8b58ec07bf559c7ed3a009976a1e0acc9cef0d4473b41",
        "dc0fcf046c61640cbd1e8b999ada3262d722c2ca4bf42dceac999020ffdbb614",
        "e4a5542bb7fd7b67e943c71ad29c34b5972c9840597e7eda53e666f44d5da0b9",
        "ea9bb1082cf95663f5faca23b8b15ef2aa0fce0a5c6df9c32dcb85b2e0a4513d",
        "eb540d2b6ee2a0a47c5779bc8a0141784c6b753840d4c6f4e2428a6e86e9e0b1",
        "f56e323494a6ffc2064e7a955908957d84f0755e5f975dabd64328d0359a8f7c",
    }
)
# The runs a published sample could be: base64/base64url/hex tokens between separators.
_SAMPLE_CANDIDATE = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
# Payment-network and processor test numbers (Stripe, Adyen, Braintree, Visa/Mastercard docs).
TEST_CARD_NUMBERS = frozenset(
    {
        "4111111111111111", "4242424242424242", "4000056655665556", "4012888888881881",
        "4222222222222", "4000000000000002", "4000000000009995", "4000002500003155",
        "4000000000003220", "5555555555554444", "5200828282828210", "5105105105105100",
        "2223003122003222", "378282246310005", "371449635398431", "378734493671000",
        "6011111111111117", "6011000990139424", "30569309025904", "38520000023237",
        "3566002020360505", "3530111333300000", "6200000000000005", "4917610000000000",
    }
)  # fmt: skip
# SSNs printed on sample cards and in tutorials, invalidated by the SSA or never issued.
TEST_SSNS = frozenset({"078051120", "219099999", "123456789", "457555462", "987654320"})
# IBANs from the examples of banks, SWIFT and the European Payments Council.
TEST_IBANS = frozenset(
    {
        "DE89370400440532013000", "GB82WEST12345698765432", "GB29NWBK60161331926819",
        "FR1420041010050500013M02606", "NL91ABNA0417164300", "ES9121000418450200051332",
        "CH9300762011623852957", "BE68539007547034", "IT60X0542811101000000123456",
    }
)  # fmt: skip
_DOCUMENTATION_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)


# Stock credentials: the word a template puts there, perhaps in leetspeak, with a number
# or a symbol after it (``pass456``, ``P@ssw0rd$1``, ``secret123``, ``user1``). A year and
# symbols after it (``Welcome2024!#``) is the temporary password IT hands out, not one.
_STOCK_CREDENTIAL = re.compile(
    r"(?:p[a@4][s$5]{2}(?:w[o0]rd)?|passwd|pwd|s[e3]cr[e3]t|us[e3]r(?:name)?|[a@]dm[i1]n|t[e3]st"
    r"|root|guest|demo|qwerty|letmein|welcome|changeit|default)"
    r"(?!(?:19|20)\d\d[^\w\s]{1,3}$)[\W_]{0,2}\d{0,6}[\W_]{0,2}",
    re.IGNORECASE,
)


def is_placeholder(value: str) -> bool:
    """Whether a credential-shaped value is a stand-in from docs or templates."""
    if _PLACEHOLDER.search(value) is not None or _STOCK_CREDENTIAL.fullmatch(value):
        return True
    return is_known_sample(value) or len(_FILLER_RUN.findall(value)) >= _FILLER_RUNS


def is_known_sample(value: str) -> bool:
    """Whether the value holds a published sample (a JWT whose signature is jwt.io's, a
    connection string with the emulator's key)."""
    return any(
        hashlib.sha256(run.encode()).hexdigest() in KNOWN_SAMPLE_DIGESTS
        for run in _SAMPLE_CANDIDATE.findall(value)
    )


# "abcdef…", "123456…": typed by hand, and all but impossible in a generated value.
_SEQUENCE_CHARS = 6


def has_typed_sequence(value: str) -> bool:
    """Whether the value holds a run such as ``abcdef``, ``345678`` or ``zyxwvu``, also
    interleaved and in either case (``a1b2c3d4e5f6``, ``abc123def456``: its letters run
    ``abcdef``, its digits ``123456``). Letters count as interleaved with one character at
    most between steps, since hex letters a few apart (``a7fed6…c31ba``) run by chance;
    digits, of ten kinds, with up to three."""
    lowered = value.lower()
    letters = [(i, char) for i, char in enumerate(lowered) if char.isalpha()]
    digits = [(i, char) for i, char in enumerate(value) if char.isdigit()]
    return (
        _has_run(list(enumerate(value)), 0)
        or _has_run(letters, _MAX_LETTER_GAP)
        or _has_run(digits, _MAX_DIGIT_GAP)
    )


_MAX_LETTER_GAP = 1
_MAX_DIGIT_GAP = 3


def _has_run(chars: list[tuple[int, str]], max_gap: int) -> bool:
    for step in (1, -1):
        run = 1
        for (before, previous), (at, current) in pairwise(chars):
            close = at - before <= max_gap + 1
            run = run + 1 if close and ord(current) - ord(previous) == step else 1
            if run >= _SEQUENCE_CHARS:
                return True
    return False


# Words test fixtures spell ("glimt-my-tokens_are-correct", "hellOworld_testin"): English
# stop words and Faker's lorem vocabulary, with the words of credentials and tests.
_FIXTURE_WORDS = """
    token tokens key keys secret secrets test tests testing prefix hello length longer
    checking correct password api app dev prod chars string bits fake dummy sample demo
    valid invalid foo bar baz
"""
# Below this many letters a random value spells words by chance too often (measured: under
# 0.02 % of 16-letter random base62 values reach the share; none longer).
_MIN_WORD_LETTERS = 16
_MIN_WORD_SHARE = 0.6
_LETTER_RUN = re.compile(r"[a-z]+")


@functools.cache
def _english_words() -> tuple[frozenset[str], int]:
    """The words, and the length of the longest."""
    from faker.providers.lorem.en_US import Provider
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {*Provider.word_list, *STOP_WORDS, *_FIXTURE_WORDS.split()}
    lowered = frozenset(word.lower() for word in words if len(word) >= 2)
    return lowered, max(map(len, lowered))


# Separators people put between words (``a-string-secret-at-least-256-bits``).
_WORD_SEPARATOR = re.compile(r"[-_.]")


# A word of a passphrase: lower-case letters, perhaps a number after them (``harbor82``).
_PASSPHRASE_WORD = re.compile(r"[a-z]{3,}\d{0,4}|[a-z]{1,2}")


def reads_as_words(value: str) -> bool:
    """Whether a value was typed as words: three or more lower-case words joined by
    separators, a number after a word allowed (``walnut-glacier-harbor49``; a prefix such
    as ``bedrock-api-key-`` before a generated body is not),
    or most letters of a long value spelling English words in any case and
    however joined. A generated value has a separator or two among mixed runs, and its
    letters spell words only by chance."""
    segments = _WORD_SEPARATOR.split(value)
    others = [part for part in segments if _PASSPHRASE_WORD.fullmatch(part) is None]
    if len(segments) - len(others) >= 3 and len(others) <= 1 and len("".join(others)) <= 6:
        return True  # at most one short non-word among them: "…-at-least-256-bits"
    lowered = value.lower()
    letters = sum(char.isalpha() for char in lowered)
    if letters < _MIN_WORD_LETTERS:
        return False
    spelled = sum(_spelled_letters(run) for run in _LETTER_RUN.findall(lowered))
    return spelled >= _MIN_WORD_SHARE * letters


def _spelled_letters(run: str) -> int:
    """The most letters of ``run`` that a sequence of non-overlapping words covers."""
    words, longest = _english_words()
    best = [0] * (len(run) + 1)
    for end in range(1, len(run) + 1):
        best[end] = best[end - 1]
        for start in range(max(0, end - longest), end - 1):
            if run[start:end] in words:
                best[end] = max(best[end], best[start] + end - start)
    return best[-1]


def is_example_host(host: str) -> bool:
    """Whether a host name is reserved for documentation (``example.com`` and friends)."""
    return _EXAMPLE_HOST.search(host.rstrip(".")) is not None


def shannon_entropy(value: str) -> float:
    """Bits per character: generated secrets score high, words and repeats low."""
    if not value:
        return 0.0
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


# A generated token has well over 3 bits of entropy per character; words and keyboard
# runs stay below.
_MIN_RANDOM_ENTROPY = 3.0
_SHORT_VALUE_SHARE = 0.85


# Capitalised words run together ("SlackAppConfigurationToken"): a name, not a value.
_CAMEL_WORDS = re.compile(r"(?:[A-Z][a-z]{2,}){3,}")
# A run of a few characters said three times ("abcd1234abcd1234ABCD1234"): typed filler.
_REPEATED_CHUNK = re.compile(r"(.{3,12}?)\1\1")
# A long run said twice in a key-sized value ("…qsCGuilpkk2ngrsz75w…qsCGuilpkk2ngrsz75w"):
# pasted twice by hand; a generator repeats twelve characters by chance all but never.
_TWICE_SAID_CHARS = 12
_MAX_KEY_CHARS = 64


def has_repeated_chunk(value: str) -> bool:
    """Whether the value repeats a short run three times in a row (in any case), or, in a
    key-sized value, a long run twice."""
    if _REPEATED_CHUNK.search(value.lower()) is not None:
        return True
    if len(value) > _MAX_KEY_CHARS:
        return False
    runs = [value[i : i + _TWICE_SAID_CHARS] for i in range(len(value) - _TWICE_SAID_CHARS + 1)]
    return len(set(runs)) < len(runs)


# Traces of a hand at work, none of which a generator leaves: hex digits in both cases, a
# letter dropped into hex, runs of one character, a chunk said twice, base64 padding inside.
_HEX_DIGITS = re.compile(r"[0-9a-fA-F]{16,}")
_LETTER_IN_HEX = re.compile(r"[0-9a-f]{6,}[g-z][0-9a-f]{6,}|[0-9A-F]{6,}[G-Z][0-9A-F]{6,}")
_RUN_OF_FOUR = re.compile(r"(.)\1{3}")
# Three runs of four letters or digits (``…AAAABBBB…BBBBDDD``): filler typed into a value;
# one run is a generator's chance in a few thousand, three in billions. (Dashes run in every
# PEM armour line.)
_FILLER_RUN = re.compile(r"([A-Za-z0-9])\1{3}")
_FILLER_RUNS = 3
_PADDING_INSIDE = re.compile(r"=[A-Za-z0-9+/]")
_CHUNK = 5
# An encoded structure (base64 JSON) repeats itself and is long; a key repeats by chance
# rarely, and is short.
_MAX_CHUNKED_CHARS = 64


def looks_hand_edited(value: str) -> bool:
    """Whether a person made or altered the value (``…9A01DC3E…8b2f``, ``…AAAABBBB…``,
    ``…OAdwf…OAdwf…``): a test's stand-in or a key with a character swapped, not a key a
    generator issued as it stands."""
    mixed_case_hex = _HEX_DIGITS.fullmatch(value) is not None and value.lower() != value.upper()
    if mixed_case_hex and not (value.islower() or value.isupper()):
        return True
    if _LETTER_IN_HEX.fullmatch(value) or _PADDING_INSIDE.search(value):
        return True
    if len(_RUN_OF_FOUR.findall(value)) >= 2:
        return True
    if len(value) > _MAX_CHUNKED_CHARS:
        return False
    chunks = [value[i : i + _CHUNK] for i in range(len(value) - _CHUNK + 1)]
    return len(set(chunks)) < len(chunks)


def looks_random(value: str) -> bool:
    """Whether a token looks machine-generated rather than typed.

    A short value cannot reach the entropy bar (ten characters hold at most 3.3 bits
    each), so below a dozen characters the bar is most of what its length allows.
    """
    bar = min(_MIN_RANDOM_ENTROPY, _SHORT_VALUE_SHARE * math.log2(max(len(value), 2)))
    return (
        shannon_entropy(value) >= bar
        and not has_typed_sequence(value)
        and not has_repeated_chunk(value)
        and _CAMEL_WORDS.fullmatch(value) is None
        and not reads_as_words(value)
    )


def character_classes(value: str) -> int:
    """How many of upper case, lower case, digits and symbols the value mixes."""
    tests = (str.isupper, str.islower, str.isdigit, lambda c: not c.isalnum())
    return sum(any(test(char) for char in value) for test in tests)


def is_test_card(number: str) -> bool:
    """A documented test card number, or one digit repeated."""
    digits = "".join(char for char in number if char.isdigit())
    return digits in TEST_CARD_NUMBERS or len(set(digits)) <= 2


def is_test_ssn(ssn: str) -> bool:
    """Sample SSNs, and areas never issued (000, 666, 9xx is the ITIN range)."""
    digits = "".join(char for char in ssn if char.isdigit())
    return digits in TEST_SSNS or digits[:3] in ("000", "666") or digits.startswith("9")


def is_test_iban(value: str) -> bool:
    """A sample IBAN from bank or standards documentation."""
    return "".join(value.split()).upper() in TEST_IBANS


def is_non_personal_ip(value: str) -> bool:
    """Addresses that identify nobody: loopback, unspecified, netmasks, networks,
    documentation ranges."""
    try:
        interface = ipaddress.ip_interface(value)
    except ValueError:
        return True
    address = interface.ip
    if "/" in value and address == interface.network.network_address:
        return True  # a network in CIDR notation (10.0.0.0/8), not a host
    if address.is_loopback or address.is_unspecified or address.is_multicast:
        return True
    if any(address in network for network in _DOCUMENTATION_NETWORKS):
        return True
    return address.version == 4 and _is_netmask(int(address))


def _is_netmask(bits: int) -> bool:
    inverted = ~bits & 0xFFFFFFFF
    return bits != 0 and inverted & (inverted + 1) == 0
