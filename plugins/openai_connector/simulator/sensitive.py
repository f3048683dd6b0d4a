"""Synthetic sensitive values and the text that carries them, with exact offsets.

Every value is generated from the seeded random source, is valid for its kind (Luhn for cards,
mod-97 for IBANs, allowed SSN ranges) and is not a well-known sample, so a detector that finds
it has really found it. Decoys such as ``user@example.com`` are written as plain text and
never recorded.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, field

PII_TYPES = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "US_SSN",
    "IBAN_CODE",
    "IP_ADDRESS",
    "PERSON",
)
SECRET_TYPES = (
    "OPENAI_API_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "GITHUB_TOKEN",
    "SLACK_TOKEN",
    "STRIPE_SECRET_KEY",
    "PRIVATE_KEY",
    "JWT",
    "PASSWORD",
)
ENTITY_TYPES = PII_TYPES + SECRET_TYPES

FIRST_NAMES = (
    "Maria", "James", "Aisha", "Kenji", "Olivia", "Mateo", "Priya", "Lukas", "Chloe", "Tomasz",
    "Fatima", "Daniel", "Ingrid", "Samuel", "Hannah", "Rafael", "Elena", "Victor", "Nadia", "Oscar",
)  # fmt: skip
LAST_NAMES = (
    "Gonzalez", "Whitfield", "Okafor", "Tanaka", "Brennan", "Alvarez", "Raman", "Becker",
    "Dubois", "Kowalski", "Haddad", "Lindqvist", "Moreau", "Petrov", "Castillo", "Nakamura",
)  # fmt: skip
COMPANY_DOMAINS = ("northwind-labs.com", "contoso-health.net", "fabrikam.io", "tailspin-air.org")
_AREA_CODES = ("212", "312", "415", "617", "206", "303", "512", "646", "702", "919")
_ALNUM = string.ascii_letters + string.digits
_WELL_KNOWN_CARDS = frozenset(
    {"4111111111111111", "4242424242424242", "5555555555554444", "378282246310005"}
)


def _token(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def email_address(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES).lower(), rng.choice(LAST_NAMES).lower()
    return f"{first}.{last}{rng.randint(1, 99)}@{rng.choice(COMPANY_DOMAINS)}"


def phone_number(rng: random.Random) -> str:
    area = rng.choice(_AREA_CODES)
    exchange = rng.randint(201, 989)
    while exchange in (555, 911):
        exchange = rng.randint(201, 989)
    line = rng.randint(1000, 9999)
    return rng.choice((f"({area}) {exchange}-{line}", f"+1 {area}-{exchange}-{line}"))


def _luhn_check_digit(partial: str) -> str:
    total = 0
    for index, char in enumerate(reversed(partial)):
        digit = int(char)
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def credit_card(rng: random.Random) -> str:
    while True:
        prefix, length = rng.choice((("4", 16), (str(rng.randint(51, 55)), 16), ("37", 15)))
        partial = prefix + _token(rng, string.digits, length - len(prefix) - 1)
        number = partial + _luhn_check_digit(partial)
        if number not in _WELL_KNOWN_CARDS:
            break
    if length == 16 and rng.random() < 0.5:
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))
    return number


def us_ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def _iban(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    numeric = "".join(str(int(char, 36)) for char in rearranged)
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{bban}"


def iban_code(rng: random.Random) -> str:
    country = rng.choice(("DE", "GB", "NL"))
    if country == "DE":
        bban = _token(rng, string.digits, 18)
    elif country == "GB":
        bban = _token(rng, string.ascii_uppercase, 4) + _token(rng, string.digits, 14)
    else:
        bban = _token(rng, string.ascii_uppercase, 4) + _token(rng, string.digits, 10)
    return _iban(country, bban)


def ip_address(rng: random.Random) -> str:
    first = rng.choice((34, 52, 81, 93, 145, 185, 198))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def openai_api_key(rng: random.Random) -> str:
    return "sk-proj-" + _token(rng, _ALNUM + "-_", 40) + "T3BlbkFJ" + _token(rng, _ALNUM, 40)


def aws_access_key_id(rng: random.Random) -> str:
    return "AKIA" + _token(rng, string.ascii_uppercase + "234567", 16)


def aws_secret_access_key(rng: random.Random) -> str:
    return _token(rng, _ALNUM + "/+", 40)


def github_token(rng: random.Random) -> str:
    return "ghp_" + _token(rng, _ALNUM, 36)


def slack_token(rng: random.Random) -> str:
    return (
        f"xoxb-{_token(rng, string.digits, 12)}-{_token(rng, string.digits, 13)}-"
        f"{_token(rng, _ALNUM, 24)}"
    )


def stripe_secret_key(rng: random.Random) -> str:
    return "sk_live_" + _token(rng, _ALNUM, 32)


def private_key(rng: random.Random) -> str:
    body = base64.b64encode(rng.randbytes(240)).decode()
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN RSA PRIVATE KEY-----", *lines, "-----END RSA PRIVATE KEY-----"])


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def json_web_token(rng: random.Random) -> str:
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    issued_at = rng.randint(1_700_000_000, 1_800_000_000)
    claims = {"sub": f"user-{_token(rng, _ALNUM, 12)}", "iat": issued_at}
    payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    return f"{header}.{payload}.{_b64url(rng.randbytes(32))}"


def password(rng: random.Random) -> str:
    return (
        _token(rng, string.ascii_letters, 6)
        + _token(rng, string.digits, 3)
        + "!"
        + (_token(rng, _ALNUM, 5))
    )


GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "EMAIL_ADDRESS": email_address,
    "PHONE_NUMBER": phone_number,
    "CREDIT_CARD": credit_card,
    "US_SSN": us_ssn,
    "IBAN_CODE": iban_code,
    "IP_ADDRESS": ip_address,
    "PERSON": person_name,
    "OPENAI_API_KEY": openai_api_key,
    "AWS_ACCESS_KEY_ID": aws_access_key_id,
    "AWS_SECRET_ACCESS_KEY": aws_secret_access_key,
    "GITHUB_TOKEN": github_token,
    "SLACK_TOKEN": slack_token,
    "STRIPE_SECRET_KEY": stripe_secret_key,
    "PRIVATE_KEY": private_key,
    "JWT": json_web_token,
    "PASSWORD": password,
}

# Sentences that carry one or more planted values; ``{TYPE}`` marks a value.
CARRIERS: dict[str, tuple[str, ...]] = {
    "EMAIL_ADDRESS": (
        "Can you draft a reply to {EMAIL_ADDRESS} about the delayed shipment?",
        "Please add {EMAIL_ADDRESS} to the distribution list for the quarterly review.",
    ),
    "PHONE_NUMBER": (
        "The customer asked us to call back on {PHONE_NUMBER} before Friday.",
        "Escalation contact for the outage is {PHONE_NUMBER}.",
    ),
    "CREDIT_CARD": (
        "The refund failed for card {CREDIT_CARD}, can you explain the decline code?",
        "Customer paid with {CREDIT_CARD} and wants the receipt resent.",
    ),
    "US_SSN": (
        "Fill in the onboarding form for the new hire, SSN {US_SSN}.",
        "The tax document lists SSN {US_SSN} and needs a summary.",
    ),
    "IBAN_CODE": (
        "Wire the deposit to IBAN {IBAN_CODE} and confirm the reference.",
        "Supplier bank details changed to {IBAN_CODE}, is this plausible?",
    ),
    "IP_ADDRESS": (
        "Our firewall keeps blocking {IP_ADDRESS}, how do I allow-list it?",
        "The suspicious logins came from {IP_ADDRESS} last night.",
    ),
    "PERSON": (
        "Summarize the performance review notes for {PERSON}.",
        "Write a farewell message for {PERSON} who is leaving the team.",
    ),
    "OPENAI_API_KEY": (
        'Why does this fail? client = OpenAI(api_key="{OPENAI_API_KEY}")',
        "export OPENAI_API_KEY={OPENAI_API_KEY} is set but I still get 401.",
    ),
    "AWS_ACCESS_KEY_ID": (
        "Debug my boto3 setup: aws_access_key_id = {AWS_ACCESS_KEY_ID}, "
        "aws_secret_access_key = {AWS_SECRET_ACCESS_KEY}",
    ),
    "AWS_SECRET_ACCESS_KEY": (
        "[default]\naws_access_key_id={AWS_ACCESS_KEY_ID}\n"
        "aws_secret_access_key={AWS_SECRET_ACCESS_KEY}\nWhat is wrong with this profile?",
    ),
    "GITHUB_TOKEN": (
        "git clone https://{GITHUB_TOKEN}@github.com/acme/payments.git fails with 403.",
        "The CI variable GH_TOKEN={GITHUB_TOKEN} does not seem to work.",
    ),
    "SLACK_TOKEN": ("Our bot uses token {SLACK_TOKEN} and gets not_authed errors.",),
    "STRIPE_SECRET_KEY": ('stripe.api_key = "{STRIPE_SECRET_KEY}" why are charges failing?',),
    "PRIVATE_KEY": ("Is this key in the right format for the deploy server?\n{PRIVATE_KEY}",),
    "JWT": ("Decode this token and tell me when it expires: {JWT}",),
    "PASSWORD": (
        "Connection fails: postgresql://svc_orders:{PASSWORD}@db.internal.lan:5432/orders",
        "DATABASE_URL=mysql://reporting:{PASSWORD}@bi-replica.internal.lan:3306/bi is it right?",
    ),
}

DECOYS = (
    "For the docs example use user@example.com as the address.",
    "Replace sk-your-key-here with your own key before running the sample.",
)

_PLACEHOLDER = re.compile(r"\{([A-Z_]+)\}")


@dataclass(frozen=True)
class PlantedValue:
    """A sensitive value at a character offset of some text."""

    entity_type: str
    value: str
    offset: int


@dataclass
class TextBuilder:
    """Builds text piece by piece and remembers where each planted value landed."""

    parts: list[str] = field(default_factory=list)
    planted: list[PlantedValue] = field(default_factory=list)
    length: int = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def add_template(self, template: str, rng: random.Random) -> None:
        """Append a carrier sentence, generating and recording a value for each ``{TYPE}``."""
        position = 0
        for match in _PLACEHOLDER.finditer(template):
            self.add(template[position : match.start()])
            entity_type = match.group(1)
            value = GENERATORS[entity_type](rng)
            self.planted.append(PlantedValue(entity_type, value, self.length))
            self.add(value)
            position = match.end()
        self.add(template[position:])

    @property
    def text(self) -> str:
        return "".join(self.parts)


def carrier_for(entity_type: str, rng: random.Random) -> str:
    return rng.choice(CARRIERS[entity_type])
