"""Presidio's PII recognizers, made offline and taught to skip documentation values.

Each class replaces the predefined recognizer named in ``REPLACES``: same patterns and
checksums, plus the rejections a chat corpus needs (``example.com`` addresses, payment
test cards, sample SSNs, version strings and documentation ranges that parse as IPs).
"""

from __future__ import annotations

import re
from typing import Any

import tldextract
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UsSsnRecognizer,
)

from openai_connector.classify.budget import over_budget
from openai_connector.classify.chunking import chunk_text
from openai_connector.classify.recognizers.base import ResultFilter
from openai_connector.classify.recognizers.national import is_named_identifier
from openai_connector.classify.recognizers.placeholders import (
    is_example_host,
    is_non_personal_ip,
    is_test_card,
    is_test_iban,
    is_test_ssn,
)

# Mailboxes of machines, not people: service accounts, error-tracker DSN hosts.
_MACHINE_MAIL_DOMAINS = re.compile(
    r"(?:\.iam\.gserviceaccount\.com|\.ingest\.(?:\w+\.)?sentry\.io|users\.noreply\.github\.com)$",
    re.IGNORECASE,
)
# Message-IDs and generated local parts: a UUID or a long hex run before the "@".
_GENERATED_LOCAL_PART = re.compile(
    r"^(?:[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}|[0-9a-f]{16,})$"
)


# ``user@host:path``: scp's and git's remote syntax, a path after the host's colon (not a
# port: ``admin:pw@db.acme.io:5432/prod`` holds an address-like ``pw@db.acme.io``).
_SSH_REMOTE_PATH = re.compile(r":(?=[A-Za-z~./])[\w~./-]*/|:[\w.-]+\.git\b")
_GLUED_BEFORE = re.compile(r"[\w.-]$")
_GLUED_AFTER = re.compile(r"^[.-]?\w")


def _before(text: str, start: int, chars: int) -> str:
    return text[max(0, start - chars) : start]


# Words naming a number as another kind of reference: an order's, an invoice's, a part's
# (in the languages of the other look-alikes too).
_REFERENCE_NAME = re.compile(
    r"(?i:\b(?:order|invoice|ticket|tracking|part|serial|sku|lot|case|booking|confirmation"
    r"|reference|ref|po|build|job|issue|batch|shipment|parcel|model|item|article|transaction"
    r"|txn|receipt|bestellung|rechnung|auftrag|artikel|commande|facture|pedido|factura"
    r"|ordine|fattura|isbn(?:-1[03])?|issn|ean|upc|gtin)\b"
    r"(?:[ \t]*(?:no\.?|nr\.?|number|num|#|id|n[°º]\.?)){0,2}[ \t]*[:#]?[ \t]*)$"
)
_REFERENCE_LOOKBEHIND_CHARS = 40


# A page range or a place in a document: "pp. 352-449", "p. 12", "vol. 3".
_DOCUMENT_PLACE = re.compile(r"(?i:\b(?:pp?|pg|pages?|vol|volume|chap|chapter|sec)\.?[ \t]*)$")


def is_named_reference(text: str, start: int) -> bool:
    """Whether the words right before a number name it an order, invoice, part… number or
    a document's pages: digits that libphonenumber or Luhn would take for a phone or a card."""
    before = _before(text, start, _REFERENCE_LOOKBEHIND_CHARS)
    return _REFERENCE_NAME.search(before) is not None or _DOCUMENT_PLACE.search(before) is not None


def is_glued(text: str, start: int, end: int) -> bool:
    """Whether a match continues an identifier (``123-4567890-1234567``, ``v1.2.3.4.5``)."""
    return bool(
        _GLUED_BEFORE.search(_before(text, start, 1)) or _GLUED_AFTER.match(text[end : end + 2])
    )


class OfflineEmailRecognizer(ResultFilter, EmailRecognizer):
    """Presidio's e-mail recognizer, offline, ignoring documentation domains.

    The stock recognizer calls ``tldextract.extract``, whose shared extractor fetches the
    public suffix list over the network on first use. This one only reads the snapshot
    bundled with tldextract, and rejects ``example.com``-family hosts.
    """

    REPLACES = "EmailRecognizer"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # No URLs to fetch, no disk cache: the snapshot shipped inside tldextract only.
        self._domains = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def validate_result(self, pattern_text: str) -> bool:
        """A personal address: known public suffix, not reserved, not a machine mailbox."""
        local, _, domain = pattern_text.rpartition("@")
        return (
            self._domains(pattern_text).fqdn != ""
            and not is_example_host(domain)
            and _MACHINE_MAIL_DOMAINS.search(domain) is None
            and _GENERATED_LOCAL_PART.match(local.lower()) is None
        )

    def keeps(self, text: str, result: RecognizerResult) -> bool:
        """Not the user-info of a URL (``https://key@host``) nor an SSH remote
        (``git@github.com:org/repo.git``), which are no mailboxes."""
        return not (
            _before(text, result.start, 3).endswith("://")
            or _SSH_REMOTE_PATH.match(text, result.end) is not None
        )


# Presidio's card pattern, with Mastercard's 2-series (2221-2720, issued since 2017) beside
# its 51-55 range.
_CARD_PATTERNS = [
    Pattern(
        "All Credit Cards (weak)",
        r"\b(?!1\d{12}(?!\d))((4\d{3})|(5[0-5]\d{2})|(2(?:2(?:2[1-9]|[3-9]\d)|[3-6]\d{2}"
        r"|7(?:[01]\d|20)))|(6\d{3})|(1\d{3})|(3\d{3}))[- ]?(\d{3,4})[- ]?(\d{3,4})"
        r"[- ]?(\d{3,5})\b",
        0.3,
    )
]


class TestAwareCreditCardRecognizer(ResultFilter, CreditCardRecognizer):
    """Card numbers passing Luhn, except the processors' published test numbers."""

    REPLACES = "CreditCardRecognizer"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(patterns=_CARD_PATTERNS, **kwargs)

    def invalidate_result(self, pattern_text: str) -> bool:
        """Test numbers are in every payment tutorial and charge nobody."""
        return is_test_card(pattern_text)

    def keeps(self, text: str, result: RecognizerResult) -> bool:
        """Not a digit run cut out of a longer identifier, nor a named national identifier
        whose scheme also uses Luhn (a South African ID, a Swedish personnummer), nor an
        order's or invoice's number."""
        return not (
            is_glued(text, result.start, result.end)
            or is_named_identifier(text, result.start, result.end)
            or is_named_reference(text, result.start)
        )


class TestAwareSsnRecognizer(UsSsnRecognizer):
    """US SSNs, except sample numbers and areas the SSA never issues (000, 666, 9xx)."""

    REPLACES = "UsSsnRecognizer"

    def invalidate_result(self, pattern_text: str) -> bool:
        """Presidio's structural checks, then the sample and never-issued numbers."""
        return bool(super().invalidate_result(pattern_text)) or is_test_ssn(pattern_text)


class TestAwareIbanRecognizer(IbanRecognizer):
    """IBANs passing mod-97, except the sample accounts of bank and standards documentation."""

    REPLACES = "IbanRecognizer"

    def validate_result(self, pattern_text: str) -> bool:
        """Presidio's checksum, then no sample IBAN (they appear in every payment tutorial)."""
        return not is_test_iban(pattern_text) and bool(super().validate_result(pattern_text))


class StructuredPhoneRecognizer(PhoneRecognizer):
    """Phone numbers, minus the numbers that are plainly something else.

    libphonenumber accepts dotted quads (``255.255.255.0``, ``192.168.1.0/24``), SSN-shaped
    groups, dated references (``2026-11-0042``) and digit runs inside longer identifiers
    (OIDs, order numbers); the layout says they are not dialled.
    """

    REPLACES = "PhoneRecognizer"
    # Dotted quads (with a CIDR prefix), SSN-shaped groups, numbers opening with a year,
    # dates (``07.06.2026``), a table's columns (decimals, runs of blanks), and times since
    # 1970 in seconds or milliseconds (``1722655249``).
    _NOT_A_PHONE = re.compile(
        r"^\d+(?:\.\d+){3,}(?:/\d{1,3})?$|^\d{3}-\d{2}-\d{4}$|^(?:19|20)\d{2}-\d{2}-\d+$"
        r"|^\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}$|\s{3,}|(?:^|\s)0\.\d|^1[5-9]\d{8}(?:\d{3})?$"
    )

    # ``timeout = 30000000``, ``"max_bytes": 10485760``, ``ttl: 86400000``: undivided digits
    # given to a code name, or to a word naming a quantity, are a setting, not a number
    # anyone dials. Prose keeps its colon (``Call Jane: 5551234567``).
    _ASSIGNED = re.compile(
        r"(?P<quote>[\"']?)(?P<name>[A-Za-z_][\w.-]*)(?P=quote)\s*(?P<op>:=|=>|=|:)\s*[\"']?$"
    )
    _CODE_NAME = re.compile(r"[_.\d-]|[a-z][A-Z]")
    _QUANTITY_NAME = re.compile(
        r"timeout|size|limit|max|min|count|bytes|interval|ttl|port|retries|threshold|capacity"
        r"|length|offset|seconds|millis|delay|duration|budget|quota|total|amount|price|seed",
        re.IGNORECASE,
    )
    _PHONE_NAME = re.compile(
        r"phone|tel|mobile|cell|fax|msisdn|whatsapp|sms|dial|contact|number|call", re.IGNORECASE
    )
    _NAME_LOOKBEHIND_CHARS = 64

    # Four or more dotted numbers (addresses, OIDs, versions) and runs of more digits than
    # any phone number has (E.164 allows fifteen) are never dialled.
    _NEVER_DIALLED = re.compile(r"\d+(?:\.\d+){3,}|\d{16,}")
    _WINDOW_CHARS = 4_000
    _WINDOW_OVERLAP = 100

    def analyze(self, text: str, entities: list[str], *args: Any, **kwargs: Any) -> list[Any]:
        """libphonenumber over the text with what is never dialled blanked (same length),
        in windows, within the text's time budget.

        Its matcher tries the digit groups of a run like ``1.1.1.1 1.1.1.1 …`` or a long
        digit run one by one, in time quadratic in the run; none of them could be kept.
        Even so it costs up to a second per few thousand characters of digit-dense text,
        so it works window by window and stops when the text's budget runs out.
        """
        blanked = self._NEVER_DIALLED.sub(lambda run: " " * len(run.group()), text)
        results = []
        for window in chunk_text(blanked, self._WINDOW_CHARS, self._WINDOW_OVERLAP):
            if over_budget():
                break
            for result in super().analyze(window.text, entities, *args, **kwargs):
                result.start += window.offset
                result.end += window.offset
                if window.owns(result.start) and self.keeps(text, result):
                    results.append(result)
        return results

    # Its results are some of the parent's, so the parent's prefilter (a digit) applies.
    FILTERS_PARENT_RESULTS = True

    def keeps(self, text: str, result: RecognizerResult) -> bool:
        """Standing alone, not shaped like an IP address, OID or SSN, not a quantity, nor a
        number named an order's, part's or invoice's."""
        shaped_otherwise = self._NOT_A_PHONE.search(text[result.start : result.end])
        return (
            not shaped_otherwise
            and not is_glued(text, result.start, result.end)
            and not is_named_reference(text, result.start)
            and not self._is_quantity(text, result.start, result.end)
        )

    def _is_quantity(self, text: str, start: int, end: int) -> bool:
        """Undivided digits assigned to a name that is not about phones."""
        if not text[start:end].isdigit():
            return False
        assigned = self._ASSIGNED.search(_before(text, start, self._NAME_LOOKBEHIND_CHARS))
        if not assigned or self._PHONE_NAME.search(name := assigned["name"]):
            return False
        written_as_code = (
            assigned["op"] != ":" or bool(assigned["quote"]) or bool(self._CODE_NAME.search(name))
        )
        return written_as_code or bool(self._QUANTITY_NAME.search(name))


class PersonalIpRecognizer(ResultFilter, IpRecognizer):
    """IP addresses that can point at a person or host, not versions or documentation."""

    REPLACES = "IpRecognizer"
    # "version 1.2.3.4", "Chrome 120.0.6099.109", "urllib3==1.26.18.1",
    # ``AssemblyVersion("1.0.0.0")``: a dotted number after these words (a name ending in
    # "version" too) or operators is a version (or a mask); one inside a longer run is an OID.
    _VERSION_BEFORE = re.compile(
        r"(?:(?:version|\b(?:ver|v|build|release|rel|firmware|fw|chrome|firefox|safari|windows"
        r"|ios|android|macos|python|java|kernel|sdk|section|rfc|oid|broadcast|netmask|mask"
        r"|subnet))[\s:#=(\"'>]{0,6}|==|>=|<=|~=|\d\.|\.)$",
        re.IGNORECASE,
    )
    _CONTINUES = re.compile(r"^\.\d")
    _LOOKBEHIND_CHARS = 24

    def invalidate_result(self, pattern_text: str) -> bool:
        """Loopback, unspecified, netmask and documentation addresses identify nobody."""
        return is_non_personal_ip(pattern_text)

    def keeps(self, text: str, result: RecognizerResult) -> bool:
        """Not written as a version, nor part of a longer dotted number."""
        return not self._is_version(text, result.start, result.end)

    def _is_version(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - self._LOOKBEHIND_CHARS) : start]
        return bool(self._VERSION_BEFORE.search(before) or self._CONTINUES.match(text[end:]))
