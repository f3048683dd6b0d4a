"""A labelled evaluation set of chat-like texts, generated from a seed.

Texts read like what people paste into a chat assistant: requests about colleagues and
customers, code with credentials in it, config files, logs, stack traces, tutorials. They
mix labelled values (PII and credentials, each with its exact span) with the look-alikes
that really appear next to them and must not be reported: documentation placeholders
(``example.com``, ``AKIAIOSFODNN7EXAMPLE``, the jwt.io sample token, payment test cards,
sample SSNs), version strings shaped like IP addresses, git SHAs and digests, UUIDs,
emulator keys, publishable or test-mode keys, product names that spaCy takes for people.

Only values that identify a person or grant access are labelled. Documentation IP ranges
(RFC 5737), loopback and netmasks are not personal data; private-range addresses are.

``generate_corpus(size, seed)`` is deterministic: the same seed gives the same samples.
Template markers: ``[[TYPE]]`` inserts a labelled value of entity ``TYPE``;
``[[~name]]`` inserts an unlabelled filler or decoy.
"""

from __future__ import annotations

import base64
import json
import random
import re
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import phonenumbers

DEFAULT_SEED = 20_261_130
DEFAULT_SIZE = 900

ALNUM = string.ascii_letters + string.digits
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"
HEX = "0123456789abcdef"

Segments = list[tuple[str, str | None]]
Generator = Callable[[random.Random], "str | Segments"]


@dataclass(frozen=True, slots=True)
class LabelledSpan:
    """A labelled value: ``text[start:end]`` is an entity of ``entity_type``."""

    entity_type: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sample:
    """One evaluation text and its labels."""

    text: str
    spans: tuple[LabelledSpan, ...]


FIRST_NAMES = (
    "Maria", "Kenji", "Aisha", "Oluwaseun", "Siobhan", "Priya", "Mohammed", "Wei", "Xiaoling",
    "Sven", "Ingrid", "Dmitri", "Anastasia", "Carlos", "Guadalupe", "Fatima", "Yuki", "Hiroshi",
    "Min-jun", "Seo-yeon", "Thabo", "Chidi", "Ngozi", "Aarav", "Ananya", "João", "Zoltán",
    "Agnieszka", "Bartłomiej", "Leilani", "Tariq", "Leila", "Emre", "Ayşe", "Björn", "Søren",
    "Niamh", "Ciarán", "Rahul", "Deepika", "Kwame", "Abena", "Luca", "Giulia", "Pierre",
    "Amélie", "Jürgen", "Hannah", "Mei", "Javier", "Lucía", "Olga", "Tomasz", "Ewa", "Omar",
    "Nadia", "Samuel", "Rachel", "David", "Emily", "Michael", "Sarah", "Daniel", "Laura",
    "Will", "Grace", "Hope", "Mark", "Rose", "Faith", "Joy", "Bill", "Summer", "Hunter",
    "Dawn", "Jack", "Amber", "June", "Ivy", "Victor", "Chase", "Page", "Sky", "Angel",
)  # fmt: skip
LAST_NAMES = (
    "Gonzalez", "Okafor", "Tanaka", "Nakamura", "Kowalski", "Haddad", "Lindqvist", "Moreau",
    "Petrov", "Castillo", "Nguyen", "Chen", "Wang", "Kim", "Park", "Singh", "Patel", "Sharma",
    "Adeyemi", "Mensah", "O'Brien", "MacLeod", "Müller", "Schmidt", "García", "Fernández",
    "Rossi", "Bianchi", "Dubois", "Jansen", "de Vries", "Y\u0131lmaz", "Öztürk", "Kuznetsov",
    "Ivanova", "Abubakar", "Nkosi", "Hernández", "da Silva", "Santos", "Andersson", "Nielsen",
    "Kaur", "Baker", "Cook", "Young", "Brown", "Green", "Hill", "Wood", "Stone", "Fisher",
    "Walker", "Bell", "Rivers", "Sato", "Suzuki", "Ali", "Hassan", "Novak", "Horvat", "Popescu",
)  # fmt: skip
COMPANY_DOMAINS = (
    "northwind-labs.com", "contoso-health.net", "fabrikam.io", "tailspin-air.org",
    "acme-logistics.co.uk", "globex.de", "initech.fr", "umbrella-bio.com", "hooli.xyz",
    "stark-industries.ca", "wayne-ent.com.au", "cyberdyne.ai", "gmail.com", "outlook.com",
    "yahoo.co.jp", "proton.me", "web.de", "mail.ru",
)  # fmt: skip
PRODUCTS = (
    "Kubernetes", "Terraform", "Jenkins", "Docker", "Grafana", "Kafka", "Django", "Flask",
    "Jupyter", "Ansible", "Postgres", "Redis", "Airflow", "Spark", "Excel", "Outlook", "Jira",
    "Confluence", "Sentry", "Heroku", "Vercel", "Alexa", "Copilot", "Claude", "Gemini",
    "ChatGPT", "Tableau", "Salesforce", "Zendesk", "Okta", "Datadog", "Prometheus", "Helm",
    "Nginx", "Celery", "Pydantic", "FastAPI", "Gradle", "Maven", "Xcode", "Figma", "Notion",
)  # fmt: skip
CITIES = (
    "Lagos", "Osaka", "Lyon", "Kraków", "Austin", "Manchester", "Pune", "Bogotá", "Nairobi",
    "Hamburg", "Seoul", "Lisbon", "Toronto", "Melbourne", "Istanbul", "Cape Town",
)  # fmt: skip
SERVICES = ("orders", "billing", "auth", "search", "payments", "inventory", "reporting", "crm")
WORDS = (
    "alpha", "bravo", "sunset", "river", "maple", "copper", "falcon", "orbit", "tiger",
    "velvet", "winter", "harbor", "meadow", "cobalt", "ember", "lotus",
)  # fmt: skip


def _chars(rng: random.Random, alphabet: str, length: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _luhn_digit(partial: str) -> str:
    total = 0
    for index, char in enumerate(reversed(partial)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


def _iban(country: str, bban: str) -> str:
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


# --- labelled values -------------------------------------------------------------------


def person(rng: random.Random) -> str:
    """A name as people write it: full, first only, or (rarely) all lower case."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    form = rng.random()
    if form < 0.55:
        return f"{first} {last}"
    if form < 0.9:
        return first
    return f"{first} {last}".lower() if form < 0.95 else first.lower()


def email(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES).lower().replace("-", "")
    last = rng.choice(LAST_NAMES).lower().replace(" ", "").replace("'", "")
    local = rng.choice(
        (f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}{rng.randint(1, 99)}")
    )
    return f"{local}@{rng.choice(COMPANY_DOMAINS)}"


def phone(rng: random.Random) -> str:
    """A phone number in one of nine national formats, valid by libphonenumber's plan (a
    drawn French ``+33 6 90…`` is no number, so it is drawn again)."""
    while True:
        number = _phone_draw(rng)
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "US")):
            return number


def _phone_draw(rng: random.Random) -> str:
    area = rng.choice(("212", "312", "415", "617", "206", "303", "512", "646", "702", "919"))
    line = f"{rng.randint(201, 989)}"
    while line in ("555", "911"):
        line = f"{rng.randint(201, 989)}"
    digits = f"{rng.randint(1000, 9999)}"
    return rng.choice(
        (
            f"({area}) {line}-{digits}",
            f"+1 {area}-{line}-{digits}",
            f"{area}.{line}.{digits}",
            f"+44 20 {rng.randint(7000, 8999)} {rng.randint(1000, 9999)}",
            f"+49 30 {rng.randint(1000000, 9999999)}",
            f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
            f"{rng.randint(10, 99)}",
            f"+91 98{rng.randint(100, 999)} {rng.randint(10000, 99999)}",
            f"+81 3-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
            f"+61 2 {rng.randint(8000, 9999)} {rng.randint(1000, 9999)}",
        )
    )


def credit_card(rng: random.Random) -> str:
    prefix, length = rng.choice((("4", 16), (str(rng.randint(51, 55)), 16), ("37", 15)))
    partial = prefix + _chars(rng, string.digits, length - len(prefix) - 1)
    number = partial + _luhn_digit(partial)
    if length == 16 and rng.random() < 0.6:
        return rng.choice(" -").join(number[i : i + 4] for i in range(0, 16, 4))
    return number


def us_ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    return f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def iban(rng: random.Random) -> str:
    country = rng.choice(("DE", "GB", "NL", "FR", "ES"))
    bban = {
        "DE": lambda: _chars(rng, string.digits, 18),
        "GB": lambda: _chars(rng, string.ascii_uppercase, 4) + _chars(rng, string.digits, 14),
        "NL": lambda: _chars(rng, string.ascii_uppercase, 4) + _chars(rng, string.digits, 10),
        "FR": lambda: _chars(rng, string.digits, 23),
        "ES": lambda: _chars(rng, string.digits, 20),
    }[country]()
    value = _iban(country, bban)
    if rng.random() < 0.4:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def ip_address(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    first = rng.choice((34, 52, 81, 93, 145, 185, 77, 213, 88, 101))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def openai_key(rng: random.Random) -> str:
    kind = rng.choice(("proj", "proj", "svcacct", "admin", "legacy"))
    if kind == "legacy":
        return f"sk-{_chars(rng, ALNUM, 20)}T3BlbkFJ{_chars(rng, ALNUM, 20)}"
    return f"sk-{kind}-{_chars(rng, B64URL, 74)}T3BlbkFJ{_chars(rng, B64URL, 74)}"


def anthropic_key(rng: random.Random) -> str:
    kind = rng.choice(("api03", "api03", "admin01"))
    return f"sk-ant-{kind}-{_chars(rng, B64URL, 93)}AA"


def aws_key_id(rng: random.Random) -> str:
    return rng.choice(("AKIA", "AKIA", "ASIA")) + _chars(rng, string.ascii_uppercase + "234567", 16)


def aws_secret(rng: random.Random) -> str:
    return _chars(rng, B64, 40)


def google_api_key(rng: random.Random) -> str:
    return "AIza" + _chars(rng, B64URL, 35)


def github_token(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return f"github_pat_{_chars(rng, ALNUM, 22)}_{_chars(rng, ALNUM, 59)}"
    return f"gh{rng.choice('pousr')}_{_chars(rng, ALNUM, 36)}"


def gitlab_token(rng: random.Random) -> str:
    return rng.choice(("glpat-", "glpat-", "gldt-", "glrt-")) + _chars(rng, B64URL, 20)


def slack_token(rng: random.Random) -> str:
    kind = rng.choice("bpa")
    return f"xox{kind}-{_chars(rng, string.digits, 12)}-{_chars(rng, string.digits, 13)}-" + (
        _chars(rng, ALNUM, 24) if kind == "b" else _chars(rng, HEX, 32)
    )


def slack_webhook(rng: random.Random) -> str:
    team = "T" + _chars(rng, string.ascii_uppercase + string.digits, 10)
    channel = "B" + _chars(rng, string.ascii_uppercase + string.digits, 10)
    return f"https://hooks.slack.com/services/{team}/{channel}/{_chars(rng, ALNUM, 24)}"


def stripe_key(rng: random.Random) -> str:
    return rng.choice(("sk_live_", "sk_live_", "rk_live_")) + _chars(rng, ALNUM, 99)


def _pem_lines(rng: random.Random, size: int) -> list[str]:
    body = base64.b64encode(rng.randbytes(size)).decode()
    return [body[i : i + 64] for i in range(0, len(body), 64)]


def private_key(rng: random.Random) -> str:
    kind = rng.choice(("RSA ", "", "EC ", "OPENSSH ", "ENCRYPTED "))
    lines = _pem_lines(rng, rng.choice((180, 360, 600)))
    return "\n".join(
        [f"-----BEGIN {kind}PRIVATE KEY-----", *lines, f"-----END {kind}PRIVATE KEY-----"]
    )


def jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(("HS256", "RS256", "ES256")), "typ": "JWT"}
    claims = {
        "sub": str(uuid.UUID(int=rng.getrandbits(128))),
        "email": email(rng),
        "iat": rng.randint(1_700_000_000, 1_800_000_000),
    }
    parts = [json.dumps(part, separators=(",", ":")).encode() for part in (header, claims)]
    return ".".join([*map(_b64url, parts), _b64url(rng.randbytes(rng.choice((32, 64))))])


def password(rng: random.Random) -> str:
    """Passwords people choose (word, year, symbol) or generate; safe inside URLs."""
    if rng.random() < 0.5:
        word = rng.choice(WORDS)
        return f"{word.capitalize()}{rng.randint(10, 2030)}{rng.choice('!-_.~')}{rng.choice(WORDS)}"
    return _chars(rng, ALNUM + "-_.!~", rng.randint(12, 24))


def generic_secret(rng: random.Random) -> str:
    return rng.choice(
        (
            _chars(rng, HEX, rng.choice((32, 48, 64))),
            _chars(rng, ALNUM, rng.randint(24, 48)),
            base64.b64encode(rng.randbytes(rng.choice((24, 32, 48)))).decode(),
        )
    )


def azure_key(rng: random.Random) -> str:
    return base64.b64encode(rng.randbytes(64)).decode()


def azure_sas_signature(rng: random.Random) -> str:
    raw = base64.b64encode(rng.randbytes(32)).decode()
    return raw.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")


def gcp_service_account(rng: random.Random) -> Segments:
    """A service-account key file; the private key inside is the labelled credential."""
    project = f"{rng.choice(WORDS)}-{rng.choice(SERVICES)}-{rng.randint(100000, 999999)}"
    key = "\\n".join(
        ["-----BEGIN PRIVATE KEY-----", *_pem_lines(rng, 600), "-----END PRIVATE KEY-----\\n"]
    )
    head = (
        '{\n  "type": "service_account",\n'
        f'  "project_id": "{project}",\n'
        f'  "private_key_id": "{_chars(rng, HEX, 40)}",\n'
        '  "private_key": "'
    )
    tail = (
        '",\n'
        f'  "client_email": "etl-runner@{project}.iam.gserviceaccount.com",\n'
        f'  "client_id": "{_chars(rng, string.digits, 21)}",\n'
        '  "token_uri": "https://oauth2.googleapis.com/token"\n}'
    )
    return [(head, None), (key, "GCP_SERVICE_ACCOUNT_KEY"), (tail, None)]


LABELLED: dict[str, Generator] = {
    "PERSON": person,
    "EMAIL_ADDRESS": email,
    "PHONE_NUMBER": phone,
    "CREDIT_CARD": credit_card,
    "US_SSN": us_ssn,
    "IBAN_CODE": iban,
    "IP_ADDRESS": ip_address,
    "OPENAI_API_KEY": openai_key,
    "ANTHROPIC_API_KEY": anthropic_key,
    "AWS_ACCESS_KEY_ID": aws_key_id,
    "AWS_SECRET_ACCESS_KEY": aws_secret,
    "GOOGLE_API_KEY": google_api_key,
    "GCP_SERVICE_ACCOUNT_KEY": gcp_service_account,
    "AZURE_STORAGE_KEY": azure_key,
    "AZURE_SAS_TOKEN": azure_sas_signature,
    "GITHUB_TOKEN": github_token,
    "GITLAB_TOKEN": gitlab_token,
    "SLACK_TOKEN": slack_token,
    "SLACK_WEBHOOK_URL": slack_webhook,
    "STRIPE_SECRET_KEY": stripe_key,
    "PRIVATE_KEY": private_key,
    "JWT": jwt,
    "PASSWORD": password,
    "GENERIC_SECRET": generic_secret,
}

# --- unlabelled fillers and decoys -----------------------------------------------------


def _pick(*values: str) -> Generator:
    return lambda rng: rng.choice(values)


def _version4(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}.{rng.randint(0, 20)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}"


def _semver(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 20)}"


def _doc_ip(rng: random.Random) -> str:
    net = rng.choice(("192.0.2", "198.51.100", "203.0.113"))
    return f"{net}.{rng.randint(1, 254)}"


def _order_id(rng: random.Random) -> str:
    return rng.choice(
        (
            f"{rng.randint(100, 999)}-{rng.randint(10**6, 10**7 - 1)}"
            f"-{rng.randint(10**6, 10**7 - 1)}",
            f"INV-{rng.randint(2019, 2026)}-{rng.randint(10000, 99999)}",
            f"1Z{_chars(rng, string.ascii_uppercase + string.digits, 16)}",
            str(rng.randint(10**15, 10**16 - 1)),
        )
    )


def _timestamp(rng: random.Random) -> str:
    return (
        f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
        f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999):03d}Z"
    )


def _fictional_phone(rng: random.Random) -> str:
    return f"(555) 01{rng.randint(0, 99):02d}"


def _example_email(rng: random.Random) -> str:
    local = rng.choice(("user", "jane.doe", "john.smith", "admin", "you", "your.name", "noreply"))
    host = rng.choice(("example.com", "example.org", "example.net", "mail.example.com"))
    return f"{local}@{host}"


DECOYS: dict[str, Generator] = {
    "product": lambda rng: rng.choice(PRODUCTS),
    "city": lambda rng: rng.choice(CITIES),
    "service": lambda rng: rng.choice(SERVICES),
    "domain": lambda rng: rng.choice(COMPANY_DOMAINS[:12]),
    "sha1": lambda rng: _chars(rng, HEX, 40),
    "sha256": lambda rng: _chars(rng, HEX, 64),
    "short_sha": lambda rng: _chars(rng, HEX, 7),
    "uuid": lambda rng: str(uuid.UUID(int=rng.getrandbits(128))),
    "version4": _version4,
    "semver": _semver,
    "doc_ip": _doc_ip,
    "local_ip": _pick("127.0.0.1", "0.0.0.0", "255.255.255.0", "255.255.0.0"),  # noqa: S104
    "order_id": _order_id,
    "timestamp": _timestamp,
    "port": lambda rng: str(rng.choice((5432, 3306, 6379, 8080, 8443, 9092, 27017))),
    "number": lambda rng: str(rng.randint(2, 950)),
    "fictional_phone": _fictional_phone,
    "example_email": _example_email,
    "test_card": _pick(
        "4111 1111 1111 1111",
        "4242424242424242",
        "5555555555554444",
        "378282246310005",
        "4000 0566 5566 5556",
        "5105105105105100",
    ),
    "test_ssn": _pick("078-05-1120", "123-45-6789", "000-12-3456", "666-45-1234", "987-65-4321"),
    "example_iban": _pick("DE89370400440532013000", "GB82 WEST 1234 5698 7654 32"),
    "doc_openai": _pick(
        "sk-your-key-here",
        "sk-...",
        # Built here so the source holds no key-shaped literal for secret scanners to flag.
        "sk-proj-" + "x" * 24,
        "sk-proj-...abcd",
        "sk-<your-api-key>",
        "$OPENAI_API_KEY",
    ),
    "doc_aws_id": _pick("AKIAIOSFODNN7EXAMPLE", "AKIAXXXXXXXXXXXXXXXX", "<access-key-id>"),
    "doc_aws_secret": _pick(
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "<secret-access-key>", "${AWS_SECRET}"
    ),
    "jwt_io": _pick(
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9"
        "lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "eyJhbGciOiJSUzI1NiIs...",
    ),
    "azurite_key": _pick(
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    ),
    "stripe_test": lambda rng: (
        rng.choice(("sk_test_", "pk_live_", "pk_test_")) + _chars(rng, ALNUM, 24)
    ),
    "npm_integrity": lambda rng: "sha512-" + base64.b64encode(rng.randbytes(64)).decode(),
    "docker_digest": lambda rng: "sha256:" + _chars(rng, HEX, 64),
    "env_ref": _pick(
        "${DB_PASSWORD}",
        "os.environ['DB_PASSWORD']",
        "{{ vault_db_password }}",
        "$(cat /run/secrets/db)",
        "changeme",
        "<password>",
        "********",
    ),
    "doc_token": _pick(
        "<your-token>",
        "YOUR_TOKEN_HERE",
        "ghp_xxxxxxxxxxxxxxxxxxxx",
        "xxxx",
        "${{ secrets.GITHUB_TOKEN }}",
        "glpat-XXXXXXXXXXXXXXXXXXXX",
    ),
    "base64_blob": lambda rng: base64.b64encode(rng.randbytes(rng.choice((30, 45, 60)))).decode(),
    "word": lambda rng: rng.choice(WORDS),
    "aws_account": lambda rng: str(rng.randint(10**11, 10**12 - 1)),
}

# --- templates ---------------------------------------------------------------------------

CHAT = (
    "Can you draft a polite reply to [[PERSON]] ([[EMAIL_ADDRESS]]) saying the contract renewal "
    "slipped to next quarter?",
    "Summarize this thread for [[PERSON]]. Main points: the [[~product]] migration is done, "
    "[[~product]] dashboards still need work.",
    "hey can you help me write a birthday message for [[PERSON]]? she loves hiking and bad puns",
    "Write a farewell note for [[PERSON]], who is leaving the [[~city]] office after 6 years.",
    "I had a call with [[PERSON]] and [[PERSON]] today about the [[~product]] rollout. "
    "Turn my notes into action items.",
    "The customer, [[PERSON]], called from [[PHONE_NUMBER]] about a double charge on card "
    "[[CREDIT_CARD]]. Draft an apology email.",
    "Please rewrite: 'Hi [[PERSON]], following up on our chat, can you send the signed NDA to "
    "[[EMAIL_ADDRESS]] by Friday?'",
    "Translate to Spanish: Dear [[PERSON]], your refund for order [[~order_id]] has been "
    "processed.",
    "Employee onboarding form: Name: [[PERSON]]\nSSN: [[US_SSN]]\nPhone: [[PHONE_NUMBER]]\n"
    "Email: [[EMAIL_ADDRESS]]\nCan you check nothing is missing?",
    "My SSN is [[US_SSN]] and the IRS letter says it doesn't match, what should I do?",
    "Supplier changed bank details to IBAN [[IBAN_CODE]] (was [[IBAN_CODE]]). Is this a "
    "phishing attempt?",
    "Wire 4,200 EUR to [[PERSON]], IBAN [[IBAN_CODE]], reference [[~order_id]]. Write the "
    "payment instruction.",
    "Reach me at [[PHONE_NUMBER]] or [[EMAIL_ADDRESS]] if the courier can't find the building.",
    "Can you format this contact list as a table?\n[[PERSON]] - [[PHONE_NUMBER]]\n[[PERSON]] - "
    "[[PHONE_NUMBER]]\n[[PERSON]] - [[EMAIL_ADDRESS]]",
    "Customer says card [[CREDIT_CARD]] was declined at checkout but works elsewhere. Ideas?",
    "Reference letter for [[PERSON]]: worked under my supervision at the [[~city]] lab and "
    "was outstanding.",
    "Performance review notes for [[PERSON]]: strong on delivery, needs to delegate more. "
    "Make this sound constructive.",
    "Meeting with [[PERSON]] moved to Thursday. Also loop in [[PERSON]] from legal.",
    "I think [[PERSON]] already fixed that in [[~product]] [[~semver]], ask them before "
    "reopening the ticket.",
    "Thanks [[PERSON]]! Can you also send the slides to [[EMAIL_ADDRESS]]?",
    "Patient [[PERSON]], DOB 03/14/1987, phone [[PHONE_NUMBER]], was referred for a follow up. "
    "Summarize the referral.",
    "Our user [[EMAIL_ADDRESS]] keeps getting locked out; logs show attempts from "
    "[[IP_ADDRESS]] and [[IP_ADDRESS]].",
    "Tell [[PERSON]] the [[~product]] license expires on the 30th.",
    "is [[PERSON]] coming to the offsite? she owes me the [[~product]] runbook",
    "Ask [[PERSON]] whether the [[~city]] warehouse can ship by Monday.",
    "Can you make this sound less angry: [[PERSON]], this is the third time the deploy broke.",
    "Reply to [[PERSON]]: yes we can move the call, my mobile is [[PHONE_NUMBER]].",
    "My wifi password is [[PASSWORD]], can you write a script that prints it as a QR code?",
    "Best regards,\n[[PERSON]]\nSenior Account Manager | [[PHONE_NUMBER]] | [[EMAIL_ADDRESS]]"
    "\n\nCan you shorten my signature?",
    "Our Tokyo office is on [[PHONE_NUMBER]], the Sydney one on [[PHONE_NUMBER]]. Make a "
    "table with time zones.",
    "Thanks for the quick turnaround! Dear Sir or Madam is too formal, right?",
    "Here is the invoice text, please extract the fields: Bill to [[PERSON]], "
    "[[EMAIL_ADDRESS]], IBAN [[IBAN_CODE]], amount 1,250.00",
)

DOCS = (
    "For the docs example use [[~example_email]] as the sender and [[~example_email]] as "
    "the reply-to address.",
    "In the tutorial they set OPENAI_API_KEY=[[~doc_openai]], do I literally type that?",
    "Stripe says to test with card [[~test_card]] and any future expiry. Mine fails, why?",
    "The form validation rejects [[~test_ssn]], is that a real SSN format?",
    "The AWS docs show aws_access_key_id = [[~doc_aws_id]] and aws_secret_access_key = "
    "[[~doc_aws_secret]]. Where do I put mine?",
    "What does this JWT from jwt.io contain? [[~jwt_io]]",
    "Our test fixture uses IBAN [[~example_iban]] for every account, is that valid?",
    "Azurite connection string: DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
    "AccountKey=[[~azurite_key]];BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;",
    "Why is [[~stripe_test]] rejected in production mode?",
    "Config template:\ndatabase:\n  host: db.internal\n  user: app\n  password: [[~env_ref]]\n"
    "Is it ok to commit this?",
    "The README says export GITHUB_TOKEN=[[~doc_token]]. Which scopes do I need?",
    "In the RFC example the client is at [[~doc_ip]] and the server at [[~doc_ip]]. Draw a "
    "sequence diagram.",
    "Call the fictional number [[~fictional_phone]] in the screenplay scene, is that a real "
    "number?",
    "Explain the difference between sk_live and sk_test keys in Stripe.",
    "Set the password to [[~env_ref]] in the helm chart values, or use an existing secret?",
    "Mock data: name 'John Doe', email [[~example_email]], SSN [[~test_ssn]], card [[~test_card]]",
    "The guide says to replace the key in `Authorization: Bearer [[~doc_token]]`. Where is "
    "the token page?",
    "Explain Diffie-Hellman with Alice and Bob, and what Eve can see on the wire.",
    "```python\npassword = getpass.getpass('DB password: ')\ntoken = os.environ.get("
    "'SLACK_BOT_TOKEN')\napi_key = request.headers.get('X-API-Key')\n```\nIs this safe?",
    "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: "
    "[[~service]]-db\n        key: password\nwhy is the pod stuck in CreateContainerConfigError?",
    '{"model": "gpt-4.1", "max_tokens": 4096, "temperature": 0.2, "token_count": [[~number]]}',
    "//registry.npmjs.org/:_authToken=${NPM_TOKEN} in .npmrc, CI still gets E401",
    'user row: {"id": [[~number]], "password_hash": "$2b$12$[[~base64_blob]]", '
    '"reset_token_expires": "[[~timestamp]]"}',
    "The ARN is arn:aws:iam::[[~aws_account]]:role/deploy and the account id [[~aws_account]]",
    "Google's sample uses key=AIzaSy... in the URL; where do I create mine?",
)

CODE = (
    "Why does this fail with 401?\n\n```python\nfrom openai import OpenAI\nclient = OpenAI("
    'api_key="[[OPENAI_API_KEY]]")\nresp = client.responses.create(model="gpt-4.1", '
    'input="hi")\n```',
    "export OPENAI_API_KEY=[[OPENAI_API_KEY]]\npython agent.py  # still says invalid key?",
    'curl https://api.openai.com/v1/models -H "Authorization: Bearer [[OPENAI_API_KEY]]"',
    "The access key is [[AWS_ACCESS_KEY_ID]] and the secret is [[AWS_SECRET_ACCESS_KEY]], "
    "which region should I pick?",
    "https://api.github.com/user/repos?access_token=[[GITHUB_TOKEN]] stopped working",
    "my ~/.pgpass has db.internal:5432:*:app:[[PASSWORD]] but psql still prompts",
    "import anthropic\nclient = anthropic.Anthropic(api_key='[[ANTHROPIC_API_KEY]]')\n"
    "# getting overloaded_error, retry?",
    "ANTHROPIC_API_KEY=[[ANTHROPIC_API_KEY]] npx @anthropic-ai/claude-code is failing on "
    "[[~product]]",
    "Debug my boto3 setup:\ns3 = boto3.client('s3', aws_access_key_id='[[AWS_ACCESS_KEY_ID]]', "
    "aws_secret_access_key='[[AWS_SECRET_ACCESS_KEY]]', region_name='eu-west-1')",
    "[default]\naws_access_key_id = [[AWS_ACCESS_KEY_ID]]\naws_secret_access_key = "
    "[[AWS_SECRET_ACCESS_KEY]]\nregion = us-east-1\n\nwhy does the CLI ignore this profile?",
    'aws sts get-session-token output:\n{\n  "Credentials": {\n    "AccessKeyId": '
    '"[[AWS_ACCESS_KEY_ID]]",\n    "SecretAccessKey": "[[AWS_SECRET_ACCESS_KEY]]",\n'
    '    "Expiration": "[[~timestamp]]"\n  }\n}\nhow do I export these?',
    "const map = new google.maps.Map(el, {center}); // key=[[GOOGLE_API_KEY]]\n"
    '<script src="https://maps.googleapis.com/maps/api/js?key=[[GOOGLE_API_KEY]]"></script>',
    "gcloud says the key file is malformed, here it is:\n[[GCP_SERVICE_ACCOUNT_KEY]]",
    'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=[[~word]]'
    'store;AccountKey=[[AZURE_STORAGE_KEY]];EndpointSuffix=core.windows.net"\nblob upload '
    "times out",
    "This SAS URL returns 403: https://[[~word]]data.blob.core.windows.net/exports/report.csv?"
    "sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-31T23:59:59Z&st=2026-01-01T00:00:00Z&spr=https"
    "&sig=[[AZURE_SAS_TOKEN]]",
    "git remote set-url origin https://[[GITHUB_TOKEN]]@github.com/acme/[[~service]].git\n"
    "still asks for a password",
    "- name: Checkout\n  env:\n    GH_TOKEN: [[GITHUB_TOKEN]]\n  run: gh pr list\nWhy is "
    "the token not picked up?",
    'curl --header "PRIVATE-TOKEN: [[GITLAB_TOKEN]]" https://gitlab.[[~domain]]/api/v4/projects',
    "slack_sdk WebClient(token=\"[[SLACK_TOKEN]]\").chat_postMessage(channel='#ops', text='hi') "
    "returns not_in_channel",
    "Our alert posts to [[SLACK_WEBHOOK_URL]] but nothing shows in the channel.",
    'stripe.api_key = "[[STRIPE_SECRET_KEY]]"\ncharges are created twice, see the code below',
    "Is this key in the right format for the deploy server?\n[[PRIVATE_KEY]]",
    "ssh complains 'invalid format' for my id_ed25519:\n[[PRIVATE_KEY]]\nIt was copied from "
    "Windows.",
    "Decode this token and tell me when it expires: [[JWT]]",
    "curl -H 'Authorization: Bearer [[JWT]]' https://api.[[~domain]]/v2/me returns 401",
    "Connection fails: postgresql://svc_[[~service]]:[[PASSWORD]]@db.internal.lan:[[~port]]/"
    "[[~service]]",
    "DATABASE_URL=mysql://reporting:[[PASSWORD]]@bi-replica.[[~domain]]:3306/bi is it right?",
    "Server=tcp:sql-[[~service]].database.windows.net,1433;Initial Catalog=[[~service]];"
    "User ID=app;Password=[[PASSWORD]];Encrypt=True;\nEF Core says login failed",
    "spring:\n  datasource:\n    url: jdbc:postgresql://[[IP_ADDRESS]]:5432/[[~service]]\n"
    "    username: app\n    password: [[PASSWORD]]\nwhat is wrong with my yaml?",
    "redis-cli -a '[[PASSWORD]]' -h cache.[[~domain]] ping gives NOAUTH",
    "settings.py:\nSECRET_KEY = '[[GENERIC_SECRET]]'\nDEBUG = False\nALLOWED_HOSTS = ['*']",
    "OAuth config:\nclient_id: [[~uuid]]\nclient_secret: [[GENERIC_SECRET]]\n"
    "redirect_uri: https://app.[[~domain]]/callback",
    "webhook_secret=[[GENERIC_SECRET]] but signature verification fails, code below",
    '{"api_token": "[[GENERIC_SECRET]]", "endpoint": "https://api.[[~domain]]/v1", "timeout": 30}',
    ".env\nAPP_ENV=production\nDB_HOST=[[IP_ADDRESS]]\nDB_PASSWORD=[[PASSWORD]]\n"
    "SENTRY_DSN=https://[[~short_sha]]@o1.ingest.sentry.io/1\nJWT_SECRET=[[GENERIC_SECRET]]",
)

LOGS = (
    "[[~timestamp]] INFO  request_id=[[~uuid]] user=[[EMAIL_ADDRESS]] ip=[[IP_ADDRESS]] "
    "status=200 latency_ms=[[~number]]",
    "[[~timestamp]] WARN  failed login for [[EMAIL_ADDRESS]] from [[IP_ADDRESS]] "
    "(attempt 3), trace=[[~sha1]]",
    "Deploying [[~service]] version [[~version4]] commit [[~sha1]] to the cluster. "
    "Why does the rollout hang?",
    "pip freeze shows [[~product]]==[[~semver]] and urllib3==[[~version4]], is that compatible?",
    "Image digest [[~docker_digest]] differs between staging and prod, see the diff",
    '"integrity": "[[~npm_integrity]]" changed in package-lock.json after npm install, '
    "should I commit it?",
    "sha256sum release.tar.gz gives [[~sha256]] but the website lists a different hash",
    "git log --oneline\n[[~short_sha]] fix retry\n[[~short_sha]] bump to [[~semver]]\n"
    "[[~short_sha]] merge branch 'main'\nSquash these into one commit message.",
    'nginx access log:\n[[IP_ADDRESS]] - - [[[~timestamp]]] "GET /health HTTP/1.1" 200 2\n'
    '[[~local_ip]] - - [[[~timestamp]]] "GET /metrics HTTP/1.1" 200 812',
    "ifconfig shows inet [[IP_ADDRESS]] netmask [[~local_ip]] broadcast 10.0.255.255, but "
    "the VPN route is missing",
    "The service binds to [[~local_ip]]:[[~port]] but the load balancer at [[IP_ADDRESS]] "
    "cannot reach it.",
    'Traceback (most recent call last):\n  File "/srv/[[~service]]/app.py", line [[~number]], '
    "in handler\nKeyError: '[[~uuid]]'\nWhat does this mean?",
    "Windows build [[~version4]] breaks our driver, the event id was [[~number]]",
    "Order [[~order_id]] shipped via UPS tracking [[~order_id]], customer asks why it is late.",
    "x-amz-request-id: [[~order_id]]\nx-amz-id-2: [[~base64_blob]]\nthe upload returns 403",
    "GIT_COMMIT=[[~sha1]] BUILD_ID=[[~number]] checksum: sha256:[[~sha256]]",
    "pip install --require-hashes: --hash=sha256:[[~sha256]] does not match",
    "The message id was <[[~uuid]]@mail.[[~domain]]> and the bounce came back at [[~timestamp]].",
    "Chrome [[~version4]] on macOS breaks our date picker, Firefox [[~semver]] is fine.",
    "Our SNMP OID is 1.3.6.1.4.1.[[~number]].1, how do I query it?",
    "ssh-keygen -lf shows SHA256:[[~base64_blob]] for the host key, is it the same server?",
    "Here is the base64 thumbnail: data:image/png;base64,[[~base64_blob]]",
    "Firewall rule: allow tcp from [[IP_ADDRESS]] to any port [[~port]]; the audit flagged it",
)

PROSE = (
    "Explain the difference between [[~product]] and [[~product]] for a small data team.",
    "Write a haiku about [[~city]] in winter.",
    "Will the [[~product]] upgrade affect our grace period for the license? I hope not.",
    "Give me a packing list for a week in [[~city]] in June.",
    "Rewrite this paragraph to be more concise: our onboarding flow asks for fewer fields, "
    "which should reduce drop-off on mobile by a noticeable margin.",
    "Mark the tickets as done once [[~product]] is upgraded to [[~semver]].",
    "Compare [[~product]], [[~product]] and [[~product]] for log aggregation.",
    "Our summer interns start in June; draft a welcome plan with a buddy system.",
    "What is the capital of Australia and why isn't it Sydney?",
    "Is it better to use [[~product]] or cron for nightly jobs? We run [[~product]] on "
    "[[~product]].",
    "Bill the client for 12 hours and add a note about the rush fee.",
    "Does Jenkins or GitHub Actions handle matrix builds better?",
    "Please review: 'Dear Hiring Manager, I am excited to apply for the Data Engineer role.'",
    "Alexa keeps mishearing my timer requests. Any settings to fix that?",
    "Compare the Marriott and Hilton loyalty programs for a consultant who travels weekly.",
    "Write a cover letter for a data analyst role at Goldman Sachs or Wells Fargo.",
    "Plan a walking tour from Baker Street to Abbey Road with a coffee stop.",
    "Our Tesla fleet dashboard and the Ford Pro API disagree on mileage. Why?",
    "Suggest a team lunch menu for after Diwali and one for the end of Ramadan.",
    "Write a short bio of [[PERSON]] for the conference program, she leads the [[~product]] team.",
    "Summarize the article by [[PERSON]] on vector databases in three bullet points.",
    "Thanks, that worked! Cheers.",
)

CATEGORIES: tuple[tuple[tuple[str, ...], float], ...] = (
    (CHAT, 0.34),
    (CODE, 0.28),
    (LOGS, 0.16),
    (DOCS, 0.12),
    (PROSE, 0.10),
)

_MARKER = re.compile(r"\[\[(~?)([A-Za-z_0-9]+)\]\]")


class _Builder:
    """Concatenates pieces and records where labelled values landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[LabelledSpan] = []
        self.length = 0

    def add(self, text: str, label: str | None = None) -> None:
        if label is not None:
            self.spans.append(LabelledSpan(label, self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def add_template(self, template: str, rng: random.Random) -> None:
        position = 0
        for match in _MARKER.finditer(template):
            self.add(template[position : match.start()])
            decoy, name = match.group(1) == "~", match.group(2)
            value = (DECOYS if decoy else LABELLED)[name](rng)
            if isinstance(value, str):
                self.add(value, None if decoy else name)
            else:
                for text, label in value:
                    self.add(text, label)
            position = match.end()
        self.add(template[position:])

    def sample(self) -> Sample:
        return Sample("".join(self.parts), tuple(self.spans))


def _template(rng: random.Random) -> str:
    groups, weights = zip(*CATEGORIES, strict=True)
    return rng.choice(rng.choices(groups, weights=weights)[0])


def generate_corpus(size: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED) -> list[Sample]:
    """``size`` samples, the same for the same seed; about a third join two templates."""
    rng = random.Random(seed)
    samples = []
    for _ in range(size):
        builder = _Builder()
        builder.add_template(_template(rng), rng)
        if rng.random() < 0.3:
            builder.add(rng.choice(("\n\n", " ", "\nAlso: ")))
            builder.add_template(_template(rng), rng)
        samples.append(builder.sample())
    return samples
