"""False-positive control: documentation values, test numbers, versions and hashes."""

from __future__ import annotations

import pytest

from openai_connector.classify.recognizers.placeholders import (
    has_repeated_chunk,
    has_typed_sequence,
    is_non_personal_ip,
    is_placeholder,
    is_test_card,
    is_test_iban,
    is_test_ssn,
    looks_random,
    reads_as_words,
    shannon_entropy,
)
from tests.classify.samples import random_chars

HEX = "0123456789abcdef"


@pytest.mark.parametrize(
    ("value", "placeholder"),
    [
        ("sk-your-key-here", True),
        ("AKIAIOSFODNN7EXAMPLE", True),
        ("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", True),
        ("<your-token>", True),
        ("${DB_PASSWORD}", True),
        ("{{ vault_db_password }}", True),
        ("sk-proj-...abcd", True),
        ("AAAAAAAAAAAAAAAAAAAA", True),
        ("REDACTED", True),
        ("a-fake-tooshort-key", True),
        ("RANDOMSTRINGHERE", True),
        ("pass456", True),
        (random_chars(20, 90) + "AAAABBBBCCCC" + random_chars(20, 91), True),  # runs of filler
        ("P@ssw0rd$1", True),
        ("secret123", True),
        ("Tr0ub4dor&3", False),
        ("passage-Zq81kLm", False),
        ("m{{h}o)p${e]nob(ody[finds>-_$#thisone}}", False),  # no template: not closed around a name
        (random_chars(40, 1), False),
    ],
)
def test_is_placeholder(value, placeholder):
    assert is_placeholder(value) is placeholder


def test_entropy_and_sequences_tell_generated_from_typed():
    assert shannon_entropy(random_chars(40, 2)) > 4.0
    assert shannon_entropy("aaaaaaaaaaaaaaaa") == 0.0
    assert has_typed_sequence("key-abcdefgh")
    assert has_typed_sequence("pass12345678")
    assert has_typed_sequence("zyxwvutsrq9876543210")
    assert has_typed_sequence("ATBB123abcDEF456ghiJKL789mnoPQR")  # runs of three, either case
    assert has_typed_sequence("abc123def456ghi789")  # its digits run too
    assert not has_typed_sequence("a7fed681805c31ba981973")  # hex letters far apart
    assert not has_typed_sequence(random_chars(40, 3))


@pytest.mark.parametrize(
    "value",
    [
        "my-tokens_are-correctAB38",
        "hellOworld380_testin_pretty_long_token_long",
        "checking_Length-Is-_exactly_64--",
        "a-string-secret-at-least-256-bits",
        "walnut-glacier-harbor49",  # a passphrase: chosen, not generated
    ],
)
def test_words_in_any_case_and_joint_read_as_typed(value):
    assert reads_as_words(value)
    assert not looks_random(value)


def test_generated_values_do_not_read_as_words():
    alphabets = ("abcdefghijklmnopqrstuvwxyz0123456789", HEX, None)
    for seed in range(300):
        for alphabet in alphabets:
            value = random_chars(32, seed, alphabet) if alphabet else random_chars(32, seed)
            assert not reads_as_words(value), value
    assert not reads_as_words("mytokenscorrect")  # too few letters to judge


def test_filler_and_names_do_not_look_generated():
    assert has_repeated_chunk("abcd1234abcd1234abcd1234")
    assert has_repeated_chunk("abcd1234abcd1234ABCD1234ABCD1234--__")
    twice = random_chars(21, 6)
    assert has_repeated_chunk(twice + twice[:19])
    assert not has_repeated_chunk(random_chars(64, 4))
    assert not looks_random("SlackAppConfigurationAccessToken")
    assert looks_random(random_chars(40, 5))


@pytest.mark.parametrize(
    ("number", "test"),
    [
        ("4111 1111 1111 1111", True),
        ("4242424242424242", True),
        ("5555-5555-5555-4444", True),
        ("378282246310005", True),
        ("4556 7375 8689 9855", False),
    ],
)
def test_is_test_card(number, test):
    assert is_test_card(number) is test


@pytest.mark.parametrize(
    ("ssn", "test"),
    [
        ("078-05-1120", True),
        ("123-45-6789", True),
        ("219-09-9999", True),
        ("000-12-3456", True),
        ("666-12-3456", True),
        ("912-34-5678", True),
        ("536-22-1746", False),
    ],
)
def test_is_test_ssn(ssn, test):
    assert is_test_ssn(ssn) is test


def test_is_test_iban():
    assert is_test_iban("GB82 WEST 1234 5698 7654 32")
    assert is_test_iban("de89370400440532013000")
    assert not is_test_iban("DE44500105175407324931")


@pytest.mark.parametrize(
    ("address", "non_personal"),
    [
        ("127.0.0.1", True),
        ("0.0.0.0", True),
        ("255.255.255.0", True),
        ("192.0.2.17", True),
        ("198.51.100.4", True),
        ("203.0.113.250", True),
        ("2001:db8::1", True),
        ("10.4.20.7", False),
        ("81.2.69.160", False),
    ],
)
def test_is_non_personal_ip(address, non_personal):
    assert is_non_personal_ip(address) is non_personal


# (entity, text, value that must be found or None when the text holds only decoys)
END_TO_END = [
    ("EMAIL_ADDRESS", "write to jane.doe@example.com or admin@mail.example.org", None),
    ("EMAIL_ADDRESS", "SENTRY_DSN=https://3f2a91c@o1.ingest.sentry.io/1", None),
    ("EMAIL_ADDRESS", "Message-ID: <2509043d-6708-4d86-987f-4397c81002cd@mail.acme.io>", None),
    ("EMAIL_ADDRESS", "grant etl@prod-42.iam.gserviceaccount.com the viewer role", None),
    ("EMAIL_ADDRESS", "cc amelie.dubois@initech.fr please", "amelie.dubois@initech.fr"),
    ("CREDIT_CARD", "Stripe test card 4242 4242 4242 4242, any expiry", None),
    ("CREDIT_CARD", "Amazon order 114-6235327-4687939 arrived", None),
    ("CREDIT_CARD", "charged card 4556 7375 8689 9855 twice", "4556 7375 8689 9855"),
    ("US_SSN", "the form rejects SSN 078-05-1120", None),
    ("US_SSN", "SSN 912-34-5678 is in the ITIN range", None),
    ("US_SSN", "new hire SSN 536-22-1746", "536-22-1746"),
    ("IBAN_CODE", "the fixture IBAN DE89370400440532013000 for every account", None),
    ("IBAN_CODE", "wire to IBAN DE44500105175407324931 today", "DE44500105175407324931"),
    ("IP_ADDRESS", "upgrade to version 1.2.3.4 before Friday", None),
    ("IP_ADDRESS", "Chrome 120.0.61.109 breaks the date picker", None),
    ("IP_ADDRESS", "urllib3==1.26.18.1 conflicts", None),
    ("IP_ADDRESS", "query OID 1.3.6.1.4.1.343.1 over SNMP", None),
    ("IP_ADDRESS", "bind to 127.0.0.1 and netmask 255.255.255.0", None),
    ("IP_ADDRESS", "the RFC example client is 192.0.2.10", None),
    ("IP_ADDRESS", "logins from 81.2.69.160 last night", "81.2.69.160"),
    ("IP_ADDRESS", "DB_HOST=10.20.0.5", "10.20.0.5"),
    ("IP_ADDRESS", "ssh root@52.14.200.7 hangs", "52.14.200.7"),
    ("PHONE_NUMBER", "netmask 255.255.255.0 on eth0", None),
    ("PHONE_NUMBER", "query OID 1.3.6.1.4.1.343.1 over SNMP", None),
    ("PHONE_NUMBER", "call me at (415) 867-5309 tomorrow", "(415) 867-5309"),
    ("PHONE_NUMBER", "timeout = 30000000", None),
    ("PHONE_NUMBER", "Reference number 4989254256691959 in the batch export.", None),
    ("PHONE_NUMBER", '{"max_bytes": 10485760}', None),
    ("PHONE_NUMBER", "ttl: 86400000", None),
    ("PHONE_NUMBER", "retryDelay: 4158675309", None),
    ("PHONE_NUMBER", 'phone = "4158675309"', "4158675309"),
    ("PHONE_NUMBER", "mobile: 4158675309", "4158675309"),
    ("PHONE_NUMBER", "Call Jane: 4158675309 tonight", "4158675309"),
    ("PHONE_NUMBER", "See Table 3 in Proc. of the Workshop on Systems, pp. 352\u2013449.", None),
]


@pytest.mark.parametrize(("entity", "text", "value"), END_TO_END)
def test_decoys_skipped_and_real_values_found(find, entity, text, value):
    found = [text[f.start : f.end] for f in find(text) if f.entity_type == entity]
    assert found == ([] if value is None else [value])


@pytest.mark.parametrize(
    "text",
    [
        "git checkout " + random_chars(40, 4, HEX),
        "sha256sum gives " + random_chars(64, 5, HEX),
        "image digest sha256:" + random_chars(64, 6, HEX),
        "request_id=0f8fad5b-d9cb-469f-a165-70867728950e took 812 ms",
        "integrity sha512-" + random_chars(86, 7) + "==",
    ],
)
def test_hashes_and_ids_are_not_credentials(find, text):
    from openai_connector.classify import severity_for

    assert [f.entity_type for f in find(text) if severity_for(f.entity_type) == "critical"] == []


def test_published_samples_are_known_by_digest_wherever_they_sit(find, monkeypatch):
    """A key published in an SDK is not reported, alone or inside a JWT or config line;
    the same shape with other characters still is."""
    import hashlib

    from openai_connector.classify.recognizers import placeholders

    published, private = "AIza" + random_chars(35, 41), "AIza" + random_chars(35, 42)
    digest = hashlib.sha256(published.encode()).hexdigest()
    monkeypatch.setattr(placeholders, "KNOWN_SAMPLE_DIGESTS", frozenset({digest}))
    for text in (published, f'firebase: {{"apiKey": "{published}"}}'):
        assert not [f for f in find(text) if f.entity_type == "GOOGLE_API_KEY"], text
    assert [f.entity_type for f in find(f"apiKey: {private}")] == ["GOOGLE_API_KEY"]


def test_a_timestamp_in_a_token_variable_is_not_a_generated_secret(find):
    text = "AZURE_BLOB_SAS_TOKEN=st=2025-03-04T07:24:52Z&se=2025-04-04T15:24:52Z&spr=https"
    assert [f.masked_preview for f in find(text) if f.severity == "critical"] == []


def test_generated_values_repeat_no_run_and_hold_no_sequence():
    alphabets = ("abcdefghijklmnopqrstuvwxyz0123456789", HEX, None)
    for seed in range(300):
        for alphabet in alphabets:
            value = random_chars(64, seed, alphabet) if alphabet else random_chars(64, seed)
            assert not has_repeated_chunk(value), value
            assert not has_typed_sequence(value), value


@pytest.mark.parametrize(
    "text",
    ['[assembly: AssemblyVersion("8.0.6.0")]', "<FileVersion>2.4.1.0</FileVersion>"],
)
def test_versions_in_code_are_no_ip_addresses(find, text):
    assert [f for f in find(text) if f.entity_type == "IP_ADDRESS"] == []


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Part number 0451-203-118, revision C, lot 77341.", "PHONE_NUMBER"),
        ("Order 4539 1488 0343 6467 was cancelled.", "CREDIT_CARD"),
        ("Rechnung Nr. 4539 1488 0343 6467 ist bezahlt.", "CREDIT_CARD"),
    ],
)
def test_numbers_named_as_references_are_no_phones_or_cards(find, text, entity):
    assert [f for f in find(text) if f.entity_type == entity] == []


def test_a_card_named_as_one_is_still_a_card(find):
    text = "paid with card 4539 1488 0343 6467 yesterday"
    assert [f.entity_type for f in find(text) if f.entity_type == "CREDIT_CARD"] == ["CREDIT_CARD"]


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("git clone git@github.com:acme/payments.git && cd payments", "EMAIL_ADDRESS"),
        ("ISBN 0-306-40615-2", "PHONE_NUMBER"),
        ('{"version": "3.2.1.0", "build": 4512}', "IP_ADDRESS"),
    ],
)
def test_remotes_isbns_and_json_versions_are_no_pii(find, text, entity):
    assert [f for f in find(text) if f.entity_type == entity] == []


@pytest.mark.parametrize(
    "text",
    [
        "last sync 1722655249 (unix seconds)",
        "Fällig am 07.06.2026, Betrag 893,09 €",
        "epoch  loss\n0      0.6282    0.4260",
    ],
)
def test_epoch_times_dates_and_table_columns_are_no_phones(find, text):
    assert [f for f in find(text) if f.entity_type == "PHONE_NUMBER"] == []
