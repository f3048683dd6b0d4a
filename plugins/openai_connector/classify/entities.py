"""The entity catalog: every entity type the product reports, as data.

Each entry says what the entity is, which country it belongs to (none for the global
ones), how a match is validated, which words announce it, its severity and whether it is
on by default. The policy reads ``CATALOG`` to turn countries and entities on and off: pure
data, no Presidio, no stdnum. ``full_catalog()`` adds a row per service of the vendor token
table (global, on by default), read from the recognizers, so it imports Presidio; the
README's table is ``markdown_table()`` (``python -m openai_connector.classify.entities``).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from openai_connector.classify.model import severity_for
from openai_connector.classify.national_ids import NATIONAL_IDS, NationalId
from openai_connector.constants import Severity


@dataclass(frozen=True, slots=True)
class EntityType:
    """One reportable entity type."""

    entity: str
    description: str
    category: str
    validation: str
    country: str | None = None
    context: tuple[str, ...] = ()
    default_enabled: bool = True
    #: The severity its findings get when the only rule that reports the type scores it
    #: under the critical floor; otherwise the type's own severity.
    found_as: Severity | None = None

    @property
    def severity(self) -> Severity:
        return self.found_as or severity_for(self.entity)


def _credential(
    entity: str, description: str, validation: str, found_as: Severity | None = None
) -> EntityType:
    return EntityType(entity, description, "credential", validation, found_as=found_as)


CREDENTIALS = (
    _credential("OPENAI_API_KEY", "OpenAI API key", "prefix and length, not a placeholder"),
    _credential("ANTHROPIC_API_KEY", "Anthropic API key", "prefix and length"),
    _credential("AWS_ACCESS_KEY_ID", "AWS access key id", "prefix, random-looking"),
    _credential("AWS_SECRET_ACCESS_KEY", "AWS secret access key", "context and entropy"),
    _credential("GOOGLE_API_KEY", "Google API key", "prefix and length"),
    _credential("GCP_SERVICE_ACCOUNT_KEY", "GCP service-account key file", "JSON structure"),
    _credential("AZURE_STORAGE_KEY", "Azure storage account key", "connection-string shape"),
    _credential("AZURE_SAS_TOKEN", "Azure shared access signature", "signed query parameters"),
    _credential("GITHUB_TOKEN", "GitHub token", "prefix and CRC32 checksum"),
    _credential("GITLAB_TOKEN", "GitLab token", "prefix and length"),
    _credential("SLACK_TOKEN", "Slack token", "prefix and shape"),
    _credential("SLACK_WEBHOOK_URL", "Slack incoming webhook URL", "URL shape"),
    _credential("STRIPE_SECRET_KEY", "Stripe live secret key", "prefix, live mode only"),
    _credential("PRIVATE_KEY", "PEM private key block", "PEM armour"),
    _credential("JWT", "JSON Web Token", "decodes to a JWT header"),
    _credential("PASSWORD", "Password in a URL or an assignment", "context and entropy"),
    _credential("GENERIC_SECRET", "Secret assigned to a key-like name", "context and entropy"),
    _credential(
        "PASSWORD_HASH",
        "Password hash (crypt, bcrypt, PHC, Django, Cisco, Kerberos): crackable offline",
        "scheme structure, salt and checksum alphabet and length",
    ),
)
PERSONAL = (
    EntityType("PERSON", "Person's name, including lower-case names typed in chat", "personal",
               "NER checked for evidence, cues, name gazetteer"),
    EntityType("EMAIL_ADDRESS", "E-mail address of a person", "contact",
               "public suffix, not a documentation or machine domain"),
    EntityType("PHONE_NUMBER", "Phone number", "contact", "libphonenumber"),
    EntityType("IP_ADDRESS", "IP address that can point at a person or host", "contact",
               "not a version, loopback or documentation range"),
    EntityType("STREET_ADDRESS", "Street address with house number, city and postcode",
               "contact", "house number beside a street word",
               context=("street", "rue", "calle", "straße", "via")),
    EntityType("DATE_OF_BIRTH", "Date of birth", "personal", "date after a birth word",
               context=("born", "DOB", "date of birth", "geboren", "né le", "nacido")),
    EntityType("LOCATION", "Place name", "contact", "NER"),
    EntityType("DATE_TIME", "Date or time", "context", "NER"),
    EntityType("NRP", "Nationality, religious or political group", "personal", "NER"),
    EntityType("URL", "URL", "context", "pattern"),
    EntityType("UUID", "UUID", "context", "pattern"),
    EntityType("MAC_ADDRESS", "MAC address", "context", "pattern"),
)  # fmt: skip
FINANCIAL = (
    EntityType("CREDIT_CARD", "Payment card number", "financial",
               "issuer range (also Mastercard 2-series), Luhn check, not a processor test card"),
    EntityType("IBAN_CODE", "IBAN", "financial", "mod-97 check digits, not a sample IBAN"),
    EntityType("CRYPTO", "Bitcoin address", "financial", "Base58Check / Bech32 checksum"),
    EntityType("US_BANK_NUMBER", "US bank account number", "financial", "context required",
               country="US", context=("account", "acct", "bank", "checking", "debit")),
)  # fmt: skip
HEALTH = (
    EntityType("PHI", "Diagnosis or medication in a message that identifies a person",
               "health", "medical term beside a name or identifier"),
    EntityType("MEDICAL_RECORD_NUMBER", "Medical record number", "health",
               "label before the number", context=("MRN", "medical record", "patient id")),
    EntityType("HEALTH_PLAN_ID", "Health plan member id", "health", "label before the number",
               context=("member id", "subscriber id", "insurance number", "medicare number")),
    EntityType("MEDICAL_LICENSE", "US DEA registration number", "health", "check digit",
               country="US", context=("DEA", "medical", "certificate")),
)  # fmt: skip
US_IDENTIFIERS = (
    EntityType("US_SSN", "US Social Security number", "national id",
               "format, never-issued areas and samples rejected", country="US",
               context=("ssn", "social security")),
    EntityType("US_ITIN", "US Individual Taxpayer Identification Number", "national id",
               "format and issued ranges", country="US", context=("itin", "taxpayer")),
    EntityType("US_PASSPORT", "US passport number", "national id", "context required",
               country="US", context=("passport",)),
    EntityType("US_DRIVER_LICENSE", "US driver's licence number (no check digit, formats "
               "vary by state)", "national id", "context required", country="US",
               context=("driver", "license", "licence"), default_enabled=False),
)  # fmt: skip


def _national(spec: NationalId) -> EntityType:
    how = "check digit (python-stdnum)" if spec.check_digit else "format (python-stdnum)"
    if spec.validator.startswith("local:"):
        how = "format and issued prefixes"
    return EntityType(
        spec.entity,
        f"{spec.name} ({spec.kind})",
        "national id",
        f"{how}; context{' or distinctive format' if spec.distinctive else ''}",
        country=spec.country,
        context=spec.context,
    )


CATALOG: tuple[EntityType, ...] = (
    *CREDENTIALS,
    *PERSONAL,
    *FINANCIAL,
    *HEALTH,
    *US_IDENTIFIERS,
    *(_national(spec) for spec in NATIONAL_IDS),
)
COUNTRIES: frozenset[str] = frozenset(e.country for e in CATALOG if e.country is not None)


def inactive_entities(
    disabled: frozenset[str] = frozenset(),
    enabled: frozenset[str] = frozenset(),
    countries: frozenset[str] | None = None,
) -> frozenset[str]:
    """Entities a policy leaves off.

    Off: what is ``disabled``; entities off by default unless ``enabled``; with a
    ``countries`` list, the entities of every other country unless ``enabled``.
    """
    off = set(disabled)
    for entry in CATALOG:
        if entry.entity in enabled:
            continue
        other_country = countries is not None and entry.country not in (None, *countries)
        if not entry.default_enabled or other_country:
            off.add(entry.entity)
    return frozenset(off)


@functools.cache
def full_catalog() -> tuple[EntityType, ...]:
    """``CATALOG``, one credential row per service of the vendor token table, and one per
    service only the vendor-name table knows (a bare key after the vendor's name)."""
    from openai_connector.classify.recognizers.vendor_keywords import (
        VENDOR_KEYWORDS,
        VendorKeywordRecognizer,
    )
    from openai_connector.classify.recognizers.vendors import VENDOR_TOKENS

    formats: dict[str, int] = defaultdict(int)
    for row in VENDOR_TOKENS:
        formats[row.entity] += 1
    listed = {entry.entity for entry in CATALOG}
    vendors = tuple(
        _credential(
            entity,
            entity.replace("_", " ").lower(),
            f"vendor token format{'s' if count > 1 else ''}, generated-looking",
        )
        for entity, count in formats.items()
        if entity not in listed
    )
    named = tuple(
        _credential(
            entity,
            entity.replace("_", " ").lower(),
            "a key of the vendor's shape after its name, random-looking",
            found_as=severity_for(entity, VendorKeywordRecognizer.SCORE),
        )
        for entity in dict.fromkeys(row.entity for row in VENDOR_KEYWORDS)
        if entity not in listed and entity not in formats
    )
    return (*CATALOG, *vendors, *named)


def markdown_table() -> str:
    """The full catalog as the README's table, one row per entity, by category and country."""
    rows = [
        "| entity | country | category | severity | validation | context words | default |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for entry in sorted(full_catalog(), key=lambda e: (e.category, e.country or "", e.entity)):
        context = ", ".join(entry.context[:4])
        rows.append(
            f"| `{entry.entity}` | {entry.country or 'any'} | {entry.category} "
            f"| {entry.severity} | {entry.validation} | {context} "
            f"| {'on' if entry.default_enabled else 'off'} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
