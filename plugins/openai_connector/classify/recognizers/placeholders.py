"""Telling real values from the stand-ins that fill documentation, templates and tests.

A security team stops reading alerts that fire on ``sk-your-key-here``, the jwt.io sample
token or Stripe's test card, so every recognizer consults these checks before reporting.
Pure Python: no Presidio import, cheap to unit test.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections import Counter
from itertools import pairwise

_PLACEHOLDER = re.compile(
    r"your[-_ ]?(?:api[-_ ]?|secret[-_ ]?|access[-_ ]?)?(?:key|token|secret|password|pass)"
    r"|(?:string|token|key|secret|password|value)[-_ ]?here"
    r"|example|placeholder|dummy|fake|changeme|redacted|sample|[xX]{5,}|\*{3,}|\.{3}|…"
    r"|<[^>]*>|\$\{[\w.:-]+(?:[:?+=-][^{}]*)?\}|\{\{[^{}]*\}\}|(.)\1{7,}",
    re.IGNORECASE,
)
# Hosts reserved for documentation (RFC 2606 / RFC 6761).
_EXAMPLE_HOST = re.compile(
    r"(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid)$", re.IGNORECASE
)
# Values published in vendor documentation and SDKs, equal in every copy of the docs.
KNOWN_SAMPLE_VALUES = frozenset(
    {
        # Signature of the jwt.io debugger's default token.
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        # The Azure Storage emulator (Azurite) account key, public by design.
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    }
)
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


def is_placeholder(value: str) -> bool:
    """Whether a credential-shaped value is a stand-in from docs or templates."""
    if _PLACEHOLDER.search(value) is not None:
        return True
    return any(sample in value for sample in KNOWN_SAMPLE_VALUES)


# "abcdef…", "123456…": typed by hand, and all but impossible in a generated value.
_SEQUENCE_CHARS = 6


def has_typed_sequence(value: str) -> bool:
    """Whether the value holds an ascending run such as ``abcdef`` or ``345678``."""
    run = 1
    for previous, current in pairwise(value):
        run = run + 1 if ord(current) - ord(previous) == 1 else 1
        if run >= _SEQUENCE_CHARS:
            return True
    return False


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
# A run of a few characters said three times ("abcd1234abcd1234abcd1234"): typed filler.
_REPEATED_CHUNK = re.compile(r"(.{3,12}?)\1\1")


def has_repeated_chunk(value: str) -> bool:
    """Whether the value repeats a short run of characters three times in a row."""
    return _REPEATED_CHUNK.search(value) is not None


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
