"""Blind round 5 of the peer evaluation: cases written without ever seeing the detector.

Written by a blind engineer ("blind5") who never read the classifier, its tests, the other
rounds or the benches, only the public suites: trufflehog's detector tests
(``pkg/detectors/*/*_test.go``), the examples in Nosey Parker's and Kingfisher's rule YAML,
gitleaks' rule definitions, detect-secrets' plugin tests and Presidio's analyzer tests. The
round was frozen (merged) before the detector first ran on it; its cases are never changed
afterwards, so the figures it yields were not tuned for.

Every key-shaped value is drawn at run time from the shape the vendor documents (prefix,
alphabet, length, checksum where the format has one), so the source holds no credential
literal, and every case sits in a place people paste into a chat: ``.env`` files, YAML,
JSON, shell history, curl, code in many languages, stack traces, logs, chat messages,
e-mails, tickets, markdown tables, notebook cells, prose in several languages.

Kinds: ``literal`` (credentials written the ways the suites' positives write them),
``generated`` (vendor tokens in rotating contexts), ``negative`` (must-not-fire texts, all
harmless), ``pii`` (one Presidio entity per text) and ``pii_negative`` (look-alikes holding
no PII at all). ``round5_cases(seed)`` is deterministic per seed.
"""

from __future__ import annotations

import json
import random
import unicodedata
import zlib
from collections.abc import Callable

from bench.peer_corpus import (
    ALNUM,
    B64,
    DEFAULT_SEED,
    DIGITS,
    HEX,
    LOWER,
    SECRET,
    UPPER,
    URLSAFE,
    Case,
    Segments,
    Token,
    _b64,
    _b64url,
    _join,
    _parts,
    _tok,
    _uuid,
)
from bench.quality_corpus import _chars, credit_card, iban, us_ssn

LOWER_ALNUM = LOWER + DIGITS
UPPER_ALNUM = UPPER + DIGITS
UPPER_HEX = "0123456789ABCDEF"
BECH32_UPPER = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
SIZES = {"literal": 150, "generated": 200, "negative": 200, "pii": 60, "pii_negative": 100}

Build = Callable[[random.Random], Segments]


# --- value shapes ------------------------------------------------------------------------

_WORDS = (
    "Tulip",
    "Harbor",
    "Falcon",
    "Maple",
    "Copper",
    "Winter",
    "Orchid",
    "Summit",
    "Velvet",
    "Cobalt",
    "Pepper",
    "Juniper",
    "Lantern",
    "Meadow",
    "Quartz",
    "Saffron",
    "Thistle",
    "Walnut",
    "Zephyr",
    "Bramble",
    "Cinder",
    "Dahlia",
    "Ember",
    "Fjord",
    "Glacier",
    "Hazel",
)
_SYMBOLS = "!#%*_-.?"
_URL_SAFE_SYMBOLS = "-._~"  # what stays literal in a URL and an unquoted shell word


def _human_password(rng: random.Random, symbols: str = _SYMBOLS) -> str:
    """A password a person picks: a word, a symbol, digits, a few letters, in some order."""
    word = rng.choice(_WORDS)
    digits = _chars(rng, DIGITS, rng.randint(2, 4))
    symbol = rng.choice(symbols)
    tail = _chars(rng, ALNUM, rng.randint(2, 3))
    shape = rng.randrange(4)
    if shape == 0:
        return f"{word}{symbol}{digits}{tail}"
    if shape == 1:
        return f"{word.lower()}{digits}{symbol}{rng.choice(_WORDS)}"
    if shape == 2:
        return f"{tail}{symbol}{word}{digits}"
    return f"{word}{digits}{symbol}{word.lower()[::-1].capitalize()}{tail}"


def _random_secret(rng: random.Random, low: int = 20, high: int = 32) -> str:
    return _chars(rng, ALNUM, rng.randint(low, high))


def _password_or_secret(rng: random.Random, symbols: str = _SYMBOLS) -> str:
    return _human_password(rng, symbols) if rng.random() < 0.5 else _random_secret(rng)


def _hex(rng: random.Random, length: int) -> str:
    return _chars(rng, HEX, length)


def _aws_secret(rng: random.Random) -> str:
    return _chars(rng, ALNUM, 12) + _chars(rng, B64, 26) + _chars(rng, ALNUM, 2)


def _pem_body(rng: random.Random, lead: bytes, size: int, newline: str = "\n") -> str:
    body = _b64(lead + rng.randbytes(size))
    return newline.join(body[i : i + 64] for i in range(0, len(body), 64))


def _pem(rng: random.Random, kind: str, newline: str = "\n") -> str:
    lead = {"OPENSSH": b"openssh-key-v1\x00", "EC": b"\x30\x77\x02\x01\x01\x04\x20"}.get(
        kind, b"\x30\x82\x04\xa4\x02\x01\x00"
    )
    label = f"{kind} PRIVATE KEY".strip()
    size = 380 if kind in ("EC", "OPENSSH") else 900
    body = _pem_body(rng, lead, size if kind != "EC" else 100, newline)
    return f"-----BEGIN {label}-----{newline}{body}{newline}-----END {label}-----"


_USERS = ("svc_app", "deploy", "ci-bot", "admin", "etl_user", "reporting", "backup", "webapp")
_HOSTS = (
    "db.internal",
    "pg-prod-02.corp.lan",
    "10.20.4.17",
    "mysql-primary.svc.cluster.local",
    "warehouse.acme-analytics.io",
    "cache-01.eu-west.internal",
    "db.staging.example.org",
)


def _user(rng: random.Random) -> str:
    return rng.choice(_USERS)


def _host(rng: random.Random) -> str:
    return rng.choice(_HOSTS)


def _basic(user: str, password: str) -> str:
    return _b64(f"{user}:{password}".encode())


# --- literal: credentials in the forms the suites' true positives use -------------------


def _lit(before: str, value: str, after: str) -> Segments:
    return [(before, None), (value, SECRET), (after, None)]


def _literal_families() -> dict[str, Build]:
    """Every local builder is a family, named after its function."""

    def curl_u(r: random.Random) -> Segments:
        return _lit(
            f"$ curl -u {_user(r)}:",
            _human_password(r, _URL_SAFE_SYMBOLS),
            f" https://{_host(r)}/api/v2/status\n",
        )

    def curl_user_long(r: random.Random) -> Segments:
        return _lit(
            f"curl -sS --user '{_user(r)}:",
            _password_or_secret(r, _URL_SAFE_SYMBOLS),
            "' -X POST https://jenkins.corp.lan/job/nightly/build\n",
        )

    def basic_header(r: random.Random) -> Segments:
        value = _basic(_user(r), _human_password(r))
        return _lit(
            'curl -H "Accept: application/json" -H "Authorization: Basic ',
            value,
            f'" https://{_host(r)}/rest/api/2/search\n',
        )

    def token_header(r: random.Random) -> Segments:
        return _lit(
            "GET /api/v1/projects HTTP/1.1\nHost: sentry.internal\nAuthorization: Token ",
            _hex(r, 40),
            "\nAccept: */*\n",
        )

    def bearer_log(r: random.Random) -> Segments:
        return _lit(
            "2024-06-11 09:14:02,118 DEBUG urllib3 send: headers={'Authorization': 'Bearer ",
            _chars(r, URLSAFE, 38) + _chars(r, ALNUM, 2),
            "', 'User-Agent': 'python-requests/2.31'}\n",
        )

    def postgres_url(r: random.Random) -> Segments:
        return _lit(
            f"DATABASE_URL=postgresql://{_user(r)}:",
            _password_or_secret(r, _URL_SAFE_SYMBOLS),
            f"@{_host(r)}:5432/orders?sslmode=require\n",
        )

    def jdbc_mysql(r: random.Random) -> Segments:
        return _lit(
            f"spring.datasource.url=jdbc:mysql://{_host(r)}:3306/shop?user=app&password=",
            _human_password(r, _URL_SAFE_SYMBOLS),
            "&useSSL=true\n",
        )

    def mongo_srv(r: random.Random) -> Segments:
        cluster = _chars(r, LOWER_ALNUM, 5)
        return _lit(
            f'client = MongoClient("mongodb+srv://{_user(r)}:',
            _random_secret(r, 16, 24),
            f'@cluster0.{cluster}.mongodb.net/?retryWrites=true&w=majority")\n',
        )

    def redis_url(r: random.Random) -> Segments:
        return _lit("REDIS_URL: redis://:", _random_secret(r, 24, 32), f"@{_host(r)}:6379/0\n")

    def amqp_url(r: random.Random) -> Segments:
        return _lit(
            f"    broker_url = 'amqp://{_user(r)}:",
            _human_password(r, _URL_SAFE_SYMBOLS),
            "@rabbitmq:5672/celery'\n",
        )

    def mssql_conn(r: random.Random) -> Segments:
        return _lit(
            '"ConnectionStrings": {\n  "Default": "Server=tcp:sql-prod.corp.lan,1433;'
            "Initial Catalog=Billing;User ID=billing_rw;Password=",
            _human_password(r),
            ';Encrypt=True;"\n}\n',
        )

    def azure_storage(r: random.Random) -> Segments:
        key = _chars(r, B64, 86) + "=="
        account = "st" + _chars(r, LOWER_ALNUM, 10)
        return _lit(
            f"AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName={account};"
            "AccountKey=",
            key,
            ";EndpointSuffix=core.windows.net\n",
        )

    def dotenv(r: random.Random) -> Segments:
        return _lit(
            "APP_ENV=production\nDB_HOST=db.internal\nDB_PASSWORD=",
            _password_or_secret(r),
            "\nDB_PORT=5432\n",
        )

    def spring_yaml(r: random.Random) -> Segments:
        return _lit(
            "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/app\n    username: app\n"
            "    password: ",
            _human_password(r),
            "\n  jpa:\n    open-in-view: false\n",
        )

    def json_client_secret(r: random.Random) -> Segments:
        return _lit(
            '{\n  "client_id": "' + _uuid(r) + '",\n  "client_secret": "',
            _random_secret(r, 30, 40),
            '",\n  "redirect_uri": "https://app.local/callback"\n}',
        )

    def xml_password(r: random.Random) -> Segments:
        return _lit(
            "<server>\n  <id>nexus-releases</id>\n  <username>deployer</username>\n  <password>",
            _password_or_secret(r),
            "</password>\n</server>\n",
        )

    def set_property(r: random.Random) -> Segments:
        return _lit(
            'System.setProperty("javax.net.ssl.keyStorePassword", "', _human_password(r), '");\n'
        )

    def properties(r: random.Random) -> Segments:
        return _lit(
            "spring.mail.host=smtp.office365.com\nspring.mail.password=",
            _human_password(r),
            "\nspring.mail.port=587\n",
        )

    def ini_passwd(r: random.Random) -> Segments:
        return _lit(
            "[database]\nhost = localhost\nuser = report\npasswd = ",
            _password_or_secret(r),
            "\n\n[logging]\nlevel = INFO\n",
        )

    def terraform(r: random.Random) -> Segments:
        return _lit(
            'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "dbadmin"\n'
            '  password = "',
            _human_password(r),
            '"\n}\n',
        )

    def dockerfile(r: random.Random) -> Segments:
        return _lit(
            "FROM python:3.12-slim\nENV API_SECRET=", _random_secret(r, 28, 36), "\nCOPY . /app\n"
        )

    def k8s_string_data(r: random.Random) -> Segments:
        return _lit(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-db\ntype: Opaque\nstringData:\n"
            "  password: ",
            _password_or_secret(r),
            "\n",
        )

    def gha_env(r: random.Random) -> Segments:
        return _lit(
            "    steps:\n      - run: ./deploy.sh\n        env:\n          DEPLOY_TOKEN: ",
            _random_secret(r, 32, 40),
            "\n",
        )

    def docker_run(r: random.Random) -> Segments:
        return _lit(
            "docker run -d -e POSTGRES_PASSWORD=",
            _human_password(r, _URL_SAFE_SYMBOLS),
            " -p 5432:5432 postgres:16\n",
        )

    def mysql_cli(r: random.Random) -> Segments:
        return _lit(
            f"mysql -h {_host(r)} -u root -p",
            _human_password(r, _URL_SAFE_SYMBOLS),
            " shop < dump.sql\n",
        )

    def pgpassword_env(r: random.Random) -> Segments:
        return _lit("PGPASSWORD=", _random_secret(r, 16, 24), f" psql -h {_host(r)} -U etl -d dw\n")

    def docker_login(r: random.Random) -> Segments:
        return _lit(
            "docker login registry.corp.lan -u ci --password ", _random_secret(r, 24, 32), "\n"
        )

    def pgpass(r: random.Random) -> Segments:
        return _lit(f"# ~/.pgpass\n{_host(r)}:5432:analytics:analyst:", _human_password(r), "\n")

    def netrc(r: random.Random) -> Segments:
        return _lit(
            "machine artifacts.corp.lan\n  login ci-bot\n  password ", _random_secret(r), "\n"
        )

    def pip_index(r: random.Random) -> Segments:
        return _lit(
            "pip install --extra-index-url https://deploy:",
            _random_secret(r, 24, 32),
            "@pypi.corp.lan/simple/ internal-utils\n",
        )

    def git_remote(r: random.Random) -> Segments:
        return _lit(
            "git remote set-url origin https://oauth2:",
            _random_secret(r, 20, 26),
            "@git.corp.lan/platform/infra.git\n",
        )

    def python_suffix(r: random.Random) -> Segments:
        name = r.choice(("api_token_123", "mySecretString", "svcAuthSecret2", "upload_key_v2"))
        return _lit(
            f'class Client:\n    def __init__(self):\n        self.{name} = "',
            _random_secret(r, 24, 32),
            '"\n',
        )

    def go_const(r: random.Random) -> Segments:
        return _lit('package auth\n\nconst signingSecret = "', _hex(r, 64), '"\n')

    def js_const(r: random.Random) -> Segments:
        return _lit(
            "const jwt = require('jsonwebtoken');\nconst jwtSecret = '",
            _random_secret(r, 28, 40),
            "';\n",
        )

    def php_define(r: random.Random) -> Segments:
        return _lit(
            "<?php\ndefine('DB_USER', 'wp');\ndefine('DB_PASSWORD', '", _human_password(r), "');\n"
        )

    def ruby_secret_base(r: random.Random) -> Segments:
        return _lit(
            'Rails.application.configure do\n  config.secret_key_base = "', _hex(r, 128), '"\nend\n'
        )

    def csharp_client_secret(r: random.Random) -> Segments:
        value = _azure_ad_secret(r)
        return _lit(
            "builder.Services.AddAuthentication().AddMicrosoftIdentityWebApp(options => {\n"
            '    options.ClientSecret = "',
            value,
            '";\n});\n',
        )

    def aws_credentials_file(r: random.Random) -> Segments:
        key_id = "AKIA" + _chars(r, UPPER_ALNUM, 16)
        return _lit(
            f"[default]\naws_access_key_id = {key_id}\naws_secret_access_key = ",
            _aws_secret(r),
            "\nregion = eu-central-1\n",
        )

    def gcp_escaped_json(r: random.Random) -> Segments:
        key = _pem(r, "", newline="\\\\n")
        return _lit(
            '{"name": "sa-key", "value": "{\\"type\\": \\"service_account\\", '
            '\\"private_key\\": \\"',
            key,
            '\\\\n\\", \\"client_email\\": \\"loader@proj.iam.gserviceaccount.com\\"}"}',
        )

    def pem_chat(r: random.Random) -> Segments:
        return _lit("can someone check why this key fails?\n```\n", _pem(r, "RSA"), "\n```\n")

    def openssh(r: random.Random) -> Segments:
        return _lit("$ cat ~/.ssh/id_ed25519\n", _pem(r, "OPENSSH"), "\n$ \n")

    def ec_yaml_block(r: random.Random) -> Segments:
        key = _pem(r, "EC", newline="\n    ")
        return _lit("tls:\n  key: |\n    ", key, "\n  cert_path: /etc/tls/server.crt\n")

    def notebook_cell(r: random.Random) -> Segments:
        return _lit(
            'In [3]: API_SECRET = "',
            _hex(r, 32),
            '"\n        resp = session.get(BASE, headers={"X-Api-Secret": API_SECRET})\n',
        )

    def slack_wifi(r: random.Random) -> Segments:
        return _lit(
            "[10:42] office wifi is Guest-5G, the password is ",
            _human_password(r),
            " (changes monthly)\n",
        )

    def email_temp(r: random.Random) -> Segments:
        return _lit(
            "Subject: Your account\n\nHello,\n\nYour temporary password is: ",
            _human_password(r),
            "\nPlease change it after your first login.\n",
        )

    def sql_create_user(r: random.Random) -> Segments:
        return _lit(
            "CREATE USER reporting WITH PASSWORD '",
            _human_password(r),
            "';\nGRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting;\n",
        )

    def smtplib_login(r: random.Random) -> Segments:
        return _lit(
            'server = smtplib.SMTP("smtp.gmail.com", 587)\nserver.starttls()\n'
            'server.login("alerts@acme-corp.io", "',
            _chars(r, LOWER, 16),
            '")\n',
        )

    def ldap_bind(r: random.Random) -> Segments:
        return _lit(
            'ldapsearch -x -H ldaps://ldap.corp.lan -D "cn=admin,dc=corp,dc=lan" -w ',
            _human_password(r, _URL_SAFE_SYMBOLS),
            ' -b "ou=people,dc=corp,dc=lan"\n',
        )

    def helm_webhook(r: random.Random) -> Segments:
        return _lit("github:\n  webhookSecret: ", _hex(r, 40), "\n  appId: 123456\n")

    def elastic_url(r: random.Random) -> Segments:
        return _lit(
            "ES_HOSTS=https://elastic:", _random_secret(r, 20, 24), "@es-01.corp.lan:9200\n"
        )

    def powershell_secure(r: random.Random) -> Segments:
        return _lit(
            '$pw = ConvertTo-SecureString "',
            _human_password(r, _URL_SAFE_SYMBOLS),
            '" -AsPlainText -Force\n$cred = New-Object PSCredential("CORP\\svc", $pw)\n',
        )

    def keytool(r: random.Random) -> Segments:
        return _lit(
            "keytool -importcert -alias root -file ca.pem -keystore truststore.jks -storepass ",
            _human_password(r),
            " -noprompt\n",
        )

    def sshpass(r: random.Random) -> Segments:
        return _lit("sshpass -p '", _human_password(r), "' ssh ops@bastion.corp.lan uptime\n")

    def form_body(r: random.Random) -> Segments:
        return _lit(
            "POST /login HTTP/1.1\nContent-Type: application/x-www-form-urlencoded\n\n"
            "username=ops-admin&password=",
            _human_password(r, _URL_SAFE_SYMBOLS),
            "&remember=1\n",
        )

    def stack_trace(r: random.Random) -> Segments:
        return _lit(
            'Traceback (most recent call last):\n  File "etl/load.py", line 88, in connect\n'
            "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server "
            f"failed\n[SQL: connect] [dsn: host={_host(r)} user=etl password=",
            _password_or_secret(r),
            " dbname=dw]\n",
        )

    def header_dict_log(r: random.Random) -> Segments:
        return _lit(
            "INFO gateway: forwarding with headers {'X-Api-Key': '",
            _random_secret(r, 32, 40),
            "', 'Accept': 'application/json'}\n",
        )

    def poetry_toml(r: random.Random) -> Segments:
        return _lit(
            '[http-basic.internal]\nusername = "ci"\npassword = "', _random_secret(r), '"\n'
        )

    def npmrc_auth(r: random.Random) -> Segments:
        return _lit(
            "registry=https://npm.corp.lan/\n_auth=",
            _basic("ci", _random_secret(r)),
            "\nalways-auth=true\n",
        )

    def docker_config(r: random.Random) -> Segments:
        return _lit(
            '{\n  "auths": {\n    "registry.corp.lan": {\n      "auth": "',
            _basic("deployer", _human_password(r)),
            '"\n    }\n  }\n}\n',
        )

    def kafka_jaas(r: random.Random) -> Segments:
        return _lit(
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule "
            'required username="stream" password="',
            _random_secret(r),
            '";\n',
        )

    def ansible_become(r: random.Random) -> Segments:
        return _lit(
            "[web]\nweb01 ansible_user=deploy ansible_become_pass=",
            _human_password(r, _URL_SAFE_SYMBOLS),
            "\n",
        )

    def markdown_table(r: random.Random) -> Segments:
        return _lit(
            "| env | user | password |\n|---|---|---|\n| staging | qa_user | ",
            _human_password(r),
            " |\n",
        )

    def german_prose(r: random.Random) -> Segments:
        return _lit(
            "Hallo zusammen, das neue Passwort für den Testserver lautet ",
            _human_password(r),
            " - bitte nicht weitergeben.\n",
        )

    def spanish_prose(r: random.Random) -> Segments:
        return _lit("Te paso la contraseña del FTP: ", _human_password(r), " (usuario: subidas)\n")

    return dict(locals())


# --- generated: vendor tokens from their documented formats ------------------------------


def _compact(claims: dict) -> bytes:
    """JSON as token issuers encode it: no blanks."""
    return json.dumps(claims, separators=(",", ":")).encode()


def _jwt(rng: random.Random) -> str:
    header = _b64url(_compact({"alg": "HS256", "typ": "JWT"}))
    claims = {"sub": _uuid(rng), "iat": rng.randint(1_700_000_000, 1_760_000_000), "role": "svc"}
    return f"{header}.{_b64url(_compact(claims))}.{_b64url(rng.randbytes(32))}"


def _github_fine_grained(rng: random.Random) -> str:
    return f"github_pat_11{_chars(rng, UPPER_ALNUM, 20)}_{_chars(rng, ALNUM, 59)}"


def _crc32_base62(payload: str) -> str:
    """GitHub's classic tokens end in the CRC32 of their body, six base-62 digits."""
    value, digits = zlib.crc32(payload.encode()), []
    for _ in range(6):
        value, rest = divmod(value, 62)
        digits.append((DIGITS + UPPER + LOWER)[rest])
    return "".join(reversed(digits))


def _github_classic(prefix: str) -> Token:
    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        return f"{prefix}{body}{_crc32_base62(body)}"

    return build


def _slack_bot(rng: random.Random) -> str:
    return f"xoxb-{_chars(rng, DIGITS, 12)}-{_chars(rng, DIGITS, 13)}-{_chars(rng, ALNUM, 24)}"


def _slack_user(rng: random.Random) -> str:
    parts = (_chars(rng, DIGITS, 12), _chars(rng, DIGITS, 12), _chars(rng, DIGITS, 13))
    return f"xoxp-{'-'.join(parts)}-{_chars(rng, HEX, 32)}"


def _slack_webhook(rng: random.Random) -> str:
    team, bot = _chars(rng, UPPER_ALNUM, 10), _chars(rng, UPPER_ALNUM, 11)
    return f"https://hooks.slack.com/services/T{team}/B{bot}/{_chars(rng, ALNUM, 24)}"


def _discord_bot(rng: random.Random) -> str:
    ident = _b64url(str(rng.randint(10**17, 10**18 - 1)).encode())
    return f"{ident}.{_chars(rng, URLSAFE, 6)}.{_chars(rng, URLSAFE, 38)}"


def _discord_webhook(rng: random.Random) -> str:
    return (
        f"https://discord.com/api/webhooks/{rng.randint(10**18, 2 * 10**18)}/"
        f"{_chars(rng, URLSAFE, 66)}{_chars(rng, ALNUM, 2)}"
    )


def _slack_workflow_webhook(rng: random.Random) -> str:
    team, app = _chars(rng, UPPER_ALNUM, 10), _chars(rng, UPPER_ALNUM, 10)
    return (
        f"https://hooks.slack.com/workflows/T{team}/A{app}/{rng.randint(10**17, 9 * 10**17)}/"
        f"{_chars(rng, ALNUM, 24)}"
    )


def _google_chat_webhook(rng: random.Random) -> str:
    space = "AAAA" + _chars(rng, URLSAFE, 6) + rng.choice(ALNUM)
    return (
        f"https://chat.googleapis.com/v1/spaces/{space}/messages?key=AIza{_chars(rng, URLSAFE, 35)}"
        f"&token={_chars(rng, URLSAFE, 42)}{rng.choice(ALNUM)}"
    )


def _aws_other_key_id(rng: random.Random) -> str:
    return rng.choice(("ABIA", "ACCA", "AIDA", "AROA")) + _chars(rng, UPPER_ALNUM, 16)


def _teams_webhook(rng: random.Random) -> str:
    return (
        f"https://acmecorp.webhook.office.com/webhookb2/{_uuid(rng)}@{_uuid(rng)}"
        f"/IncomingWebhook/{_hex(rng, 32)}/{_uuid(rng)}"
    )


def _telegram(rng: random.Random) -> str:
    return f"{rng.randint(10**9, 8 * 10**9)}:AA{_chars(rng, URLSAFE, 31)}{_chars(rng, ALNUM, 2)}"


def _sendgrid(rng: random.Random) -> str:
    return (
        f"SG.{_chars(rng, URLSAFE, 21)}{rng.choice(ALNUM)}"
        f".{_chars(rng, URLSAFE, 42)}{rng.choice(ALNUM)}"
    )


def _mapbox_secret(rng: random.Random) -> str:
    claims = _b64url(_compact({"u": _chars(rng, LOWER, 8), "a": _chars(rng, LOWER_ALNUM, 25)}))
    return f"sk.{claims}.{_chars(rng, URLSAFE, 21)}{rng.choice(ALNUM)}"


def _bedrock(rng: random.Random) -> str:
    return "ABSK" + _b64(
        b"BedrockAPIKey-"
        + _chars(rng, LOWER_ALNUM, 4).encode()
        + b"-at-"
        + _chars(rng, DIGITS, 12).encode()
        + b":"
        + rng.randbytes(46)
    )


def _pypi(rng: random.Random) -> str:
    return "pypi-" + _b64url(b"\x01\x08\x12\x08pypi.org\x02" + rng.randbytes(120))


def _onepassword(rng: random.Random) -> str:
    claims = {
        "signInAddress": "my.1password.com",
        "userAuth": {"alg": "SRPg-4096"},
        "email": f"{_chars(rng, LOWER, 12)}@1passwordserviceaccounts.com",
        "srpX": _hex(rng, 64),
        "muk": {"k": _b64url(rng.randbytes(32))},
    }
    return "ops_" + _b64url(_compact(claims))


def _atlassian(rng: random.Random) -> str:
    return f"ATATT3xFfGF0{_chars(rng, URLSAFE, 170)}{rng.choice(ALNUM)}={_chars(rng, UPPER_HEX, 8)}"


def _azure_ad_secret(rng: random.Random) -> str:
    tail = _chars(rng, ALNUM + "_~.-", 33) + rng.choice(ALNUM)
    return f"{_chars(rng, ALNUM, 3)}{rng.choice(DIGITS)}Q~{tail}"


def _twitter_bearer(rng: random.Random) -> str:
    return "A" * 22 + _chars(rng, ALNUM, 17) + "%3D" + _chars(rng, ALNUM, 50)


def _grafana_cloud(rng: random.Random) -> str:
    claims = {
        "o": _chars(rng, DIGITS, 6),
        "n": f"stack-{_chars(rng, DIGITS, 6)}-hm-read",
        "k": _chars(rng, ALNUM, 24),
        "m": {"r": "prod-eu-west-2"},
    }
    return "glc_" + _b64(_compact(claims)).rstrip("=")


def _braintree(rng: random.Random) -> str:
    return f"access_token$production${_chars(rng, LOWER_ALNUM, 16)}${_hex(rng, 32)}"


def _terraform_cloud(rng: random.Random) -> str:
    return f"{_chars(rng, ALNUM, 14)}.atlasv1.{_chars(rng, URLSAFE, 66)}{rng.choice(ALNUM)}"


def _sentry_org(rng: random.Random) -> str:
    claims = {
        "iat": rng.randint(1_700_000_000, 1_760_000_000),
        "url": "https://sentry.io",
        "region_url": "https://us.sentry.io",
        "org": _chars(rng, LOWER, 8),
    }
    body = _b64url(_compact(claims))
    return f"sntrys_{body}_{_chars(rng, URLSAFE, 42)}{rng.choice(ALNUM)}"


def _firebase_fcm(rng: random.Random) -> str:
    return f"AAAA{_chars(rng, URLSAFE, 7)}:APA91b{_chars(rng, URLSAFE, 133)}{rng.choice(ALNUM)}"


def _salesforce(rng: random.Random) -> str:
    return f"00D{_chars(rng, ALNUM, 12)}!{_chars(rng, ALNUM + '.', 95)}{rng.choice(ALNUM)}"


def _mailchimp(rng: random.Random) -> str:
    return f"{_hex(rng, 32)}-us{rng.randint(1, 21)}"


def _hubspot(rng: random.Random) -> str:
    return f"pat-{rng.choice(('na1', 'eu1', 'na2'))}-{_uuid(rng)}"


def _plaid(rng: random.Random) -> str:
    return f"access-production-{_uuid(rng)}"


def _langfuse(rng: random.Random) -> str:
    return f"sk-lf-{_uuid(rng)}"


def _ado_pat(rng: random.Random) -> str:
    return f"{_chars(rng, ALNUM, 52)}{_chars(rng, ALNUM, 24)}AZDO{_chars(rng, ALNUM, 4)}"


def _rand_alnum_end(alphabet: str, length: int) -> Token:
    """A run of ``alphabet`` whose last character is alphanumeric (formats never end in -)."""
    return lambda rng: _chars(rng, alphabet, length - 1) + rng.choice(ALNUM)


def _pre(prefix: str, alphabet: str, length: int) -> Token:
    if alphabet == URLSAFE:
        tail = _rand_alnum_end(URLSAFE, length)
        return lambda rng: prefix + tail(rng)
    return _tok(prefix, alphabet, length)


# family -> (the name people give the variable, the token's shape)
VENDORS: dict[str, tuple[str, Token]] = {
    # cloud
    "aws_access_key_id": ("AWS_ACCESS_KEY_ID", _pre("AKIA", UPPER_ALNUM, 16)),
    "aws_sts_key_id": ("AWS_ACCESS_KEY_ID", _pre("ASIA", UPPER_ALNUM, 16)),
    "aws_abia_acca_aida_ids": ("AWS_KEY_ID", _aws_other_key_id),
    "aws_bedrock": ("AWS_BEARER_TOKEN_BEDROCK", _bedrock),
    "gcp_api_key": ("GOOGLE_API_KEY", _pre("AIza", URLSAFE, 35)),
    "gcp_oauth_client_secret": ("GOOGLE_CLIENT_SECRET", _pre("GOCSPX-", URLSAFE, 28)),
    "gcp_oauth_access_token": ("GOOGLE_ACCESS_TOKEN", _pre("ya29.a0", URLSAFE, 150)),
    "azure_ad_client_secret": ("AZURE_CLIENT_SECRET", _azure_ad_secret),
    "azure_devops_pat": ("AZURE_DEVOPS_EXT_PAT", _ado_pat),
    "alibaba_access_key": ("ALIBABA_CLOUD_ACCESS_KEY_ID", _pre("LTAI", ALNUM, 20)),
    "tencent_secret_id": ("TENCENTCLOUD_SECRET_ID", _pre("AKID", ALNUM, 32)),
    "digitalocean_pat": ("DIGITALOCEAN_TOKEN", _pre("dop_v1_", HEX, 64)),
    "digitalocean_oauth": ("DO_OAUTH_TOKEN", _pre("doo_v1_", HEX, 64)),
    "heroku_v2": ("HEROKU_API_KEY", _pre("HRKU-AA", URLSAFE, 58)),
    "flyio": ("FLY_API_TOKEN", _pre("fo1_", URLSAFE, 43)),
    "cloudflare_origin_ca": ("CF_ORIGIN_CA_KEY", _parts("v1.0-", (HEX, 24), "-", (HEX, 146))),
    "yandex_api_key": ("YC_API_KEY", _pre("AQVN", URLSAFE, 36)),
    "supabase_pat": ("SUPABASE_ACCESS_TOKEN", _pre("sbp_", HEX, 40)),
    "planetscale": ("PLANETSCALE_SERVICE_TOKEN", _pre("pscale_tkn_", URLSAFE, 43)),
    "netlify": ("NETLIFY_AUTH_TOKEN", _pre("nfp_", ALNUM, 36)),
    # AI providers
    "openai_project": (
        "OPENAI_API_KEY",
        _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 73), (ALNUM, 1)),
    ),
    "openai_legacy": ("OPENAI_API_KEY", _parts("sk-", (ALNUM, 20), "T3BlbkFJ", (ALNUM, 20))),
    "anthropic": ("ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    "anthropic_admin": ("ANTHROPIC_ADMIN_KEY", _parts("sk-ant-admin01-", (URLSAFE, 93), "AA")),
    "huggingface": ("HF_TOKEN", _pre("hf_", UPPER + LOWER, 34)),
    "huggingface_org": ("HF_ORG_TOKEN", _pre("api_org_", UPPER + LOWER, 34)),
    "xai": ("XAI_API_KEY", _pre("xai-", ALNUM, 80)),
    "perplexity": ("PERPLEXITY_API_KEY", _pre("pplx-", ALNUM, 48)),
    "groq": ("GROQ_API_KEY", _pre("gsk_", ALNUM, 52)),
    "replicate": ("REPLICATE_API_TOKEN", _pre("r8_", ALNUM, 37)),
    "openrouter": ("OPENROUTER_API_KEY", _pre("sk-or-v1-", HEX, 64)),
    "langsmith": ("LANGSMITH_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    "langfuse": ("LANGFUSE_SECRET_KEY", _langfuse),
    # payment
    "stripe_live_secret": ("STRIPE_SECRET_KEY", _pre("sk_live_", ALNUM, 99)),
    "stripe_restricted": ("STRIPE_RESTRICTED_KEY", _pre("rk_live_", ALNUM, 99)),
    "stripe_webhook_secret": ("STRIPE_WEBHOOK_SECRET", _pre("whsec_", ALNUM, 32)),
    "square_access_token": ("SQUARE_ACCESS_TOKEN", _pre("EAAA", URLSAFE, 60)),
    "square_oauth_secret": ("SQUARE_APP_SECRET", _pre("sq0csp-", URLSAFE, 43)),
    "braintree": ("BRAINTREE_ACCESS_TOKEN", _braintree),
    "paystack": ("PAYSTACK_SECRET_KEY", _pre("sk_live_", HEX, 40)),
    "razorpay": ("RAZORPAY_KEY_ID", _pre("rzp_live_", ALNUM, 14)),
    "flutterwave": ("FLW_SECRET_KEY", _parts("FLWSECK-", (HEX, 32), "-X")),
    "shippo": ("SHIPPO_API_TOKEN", _pre("shippo_live_", HEX, 40)),
    "easypost": ("EASYPOST_API_KEY", _pre("EZAK", ALNUM, 54)),
    "plaid": ("PLAID_ACCESS_TOKEN", _plaid),
    "duffel": ("DUFFEL_ACCESS_TOKEN", _pre("duffel_live_", URLSAFE, 43)),
    # VCS and CI
    "github_classic_pat": ("GITHUB_TOKEN", _github_classic("ghp_")),
    "github_oauth": ("GH_OAUTH_TOKEN", _github_classic("gho_")),
    "github_app_server": ("GH_APP_TOKEN", _github_classic("ghs_")),
    "github_refresh": ("GH_REFRESH_TOKEN", _pre("ghr_", ALNUM, 76)),
    "github_fine_grained": ("GITHUB_PAT", _github_fine_grained),
    "gitlab_pat": ("GITLAB_TOKEN", _pre("glpat-", URLSAFE, 20)),
    "gitlab_runner": ("CI_RUNNER_TOKEN", _pre("glrt-", URLSAFE, 20)),
    "gitlab_deploy": ("GITLAB_DEPLOY_TOKEN", _pre("gldt-", URLSAFE, 20)),
    "gitlab_trigger": ("GITLAB_TRIGGER_TOKEN", _pre("glptt-", HEX, 40)),
    "bitbucket_app_password": (
        "BITBUCKET_APP_PASSWORD",
        _parts("ATBB", (ALNUM, 24), (UPPER_HEX, 8)),
    ),
    "circleci_pat": ("CIRCLE_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    "buildkite": ("BUILDKITE_API_TOKEN", _pre("bkua_", LOWER_ALNUM, 40)),
    "sourcegraph": ("SRC_ACCESS_TOKEN", _parts("sgp_", (HEX, 16), "_", (HEX, 40))),
    "sonarqube": ("SONAR_TOKEN", _pre("squ_", HEX, 40)),
    "octopus_deploy": ("OCTOPUS_API_KEY", _pre("API-", UPPER_ALNUM, 26)),
    "docker_hub_pat": ("DOCKERHUB_TOKEN", _pre("dckr_pat_", URLSAFE, 27)),
    # chat and messaging
    "slack_bot": ("SLACK_BOT_TOKEN", _slack_bot),
    "slack_user": ("SLACK_USER_TOKEN", _slack_user),
    "slack_app": (
        "SLACK_APP_TOKEN",
        _parts("xapp-1-A", (UPPER_ALNUM, 10), "-", (DIGITS, 13), "-", (HEX, 64)),
    ),
    "slack_config_refresh": ("SLACK_CONFIG_REFRESH_TOKEN", _parts("xoxe-1-", (ALNUM, 146))),
    "slack_webhook": ("SLACK_WEBHOOK_URL", _slack_webhook),
    "slack_workflow_webhook": ("SLACK_WORKFLOW_URL", _slack_workflow_webhook),
    "slack_legacy_workspace": (
        "SLACK_LEGACY_TOKEN",
        _parts("xoxa-2-", (DIGITS, 12), "-", (DIGITS, 12), "-", (DIGITS, 13), "-", (HEX, 64)),
    ),
    "google_chat_webhook": ("GOOGLE_CHAT_WEBHOOK", _google_chat_webhook),
    "discord_bot": ("DISCORD_TOKEN", _discord_bot),
    "discord_webhook": ("DISCORD_WEBHOOK", _discord_webhook),
    "teams_webhook": ("TEAMS_WEBHOOK_URL", _teams_webhook),
    "telegram_bot": ("TELEGRAM_BOT_TOKEN", _telegram),
    "twilio_api_key": ("TWILIO_API_KEY", _pre("SK", HEX, 32)),
    "sendgrid": ("SENDGRID_API_KEY", _sendgrid),
    "mailgun": ("MAILGUN_API_KEY", _pre("key-", HEX, 32)),
    "mailchimp": ("MAILCHIMP_API_KEY", _mailchimp),
    "brevo": ("BREVO_API_KEY", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16))),
    # package registries
    "npm": ("NPM_TOKEN", _pre("npm_", ALNUM, 36)),
    "pypi": ("PYPI_API_TOKEN", _pypi),
    "rubygems": ("GEM_HOST_API_KEY", _pre("rubygems_", HEX, 48)),
    "nuget": ("NUGET_API_KEY", _pre("oy2", LOWER_ALNUM, 43)),
    "crates_io": ("CARGO_REGISTRY_TOKEN", _pre("cio", ALNUM, 32)),
    "clojars": ("CLOJARS_DEPLOY_TOKEN", _pre("CLOJARS_", LOWER_ALNUM, 60)),
    "jfrog_artifactory": ("ARTIFACTORY_API_KEY", _pre("AKCp", ALNUM, 69)),
    # SaaS and productivity
    "atlassian_api": ("JIRA_API_TOKEN", _atlassian),
    "linear": ("LINEAR_API_KEY", _pre("lin_api_", ALNUM, 40)),
    "notion": ("NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    "airtable_pat": ("AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    "postman": ("POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    "figma": ("FIGMA_TOKEN", _pre("figd_", URLSAFE, 40)),
    "hubspot": ("HUBSPOT_ACCESS_TOKEN", _hubspot),
    "salesforce": ("SF_ACCESS_TOKEN", _salesforce),
    "shopify_admin": ("SHOPIFY_ACCESS_TOKEN", _pre("shpat_", HEX, 32)),
    "shopify_shared_secret": ("SHOPIFY_API_SECRET", _pre("shpss_", HEX, 32)),
    "contentful": ("CONTENTFUL_MANAGEMENT_TOKEN", _pre("CFPAT-", URLSAFE, 43)),
    "typeform": ("TYPEFORM_TOKEN", _parts("tfp_", (URLSAFE, 43), (ALNUM, 1), "_", (ALNUM, 14))),
    "readme": ("README_API_KEY", _pre("rdme_", LOWER_ALNUM, 70)),
    "dropbox": ("DROPBOX_ACCESS_TOKEN", _pre("sl.", URLSAFE, 135)),
    "twitter_bearer": ("TWITTER_BEARER_TOKEN", _twitter_bearer),
    "facebook_access": ("FB_ACCESS_TOKEN", _pre("EAACEdEose0cBA", ALNUM, 80)),
    "mapbox_secret": ("MAPBOX_SECRET_TOKEN", _mapbox_secret),
    "firebase_fcm": ("FCM_SERVER_KEY", _firebase_fcm),
    # infrastructure, secrets managers, databases
    "vault_service": ("VAULT_TOKEN", _pre("hvs.", URLSAFE, 90)),
    "terraform_cloud": ("TFE_TOKEN", _terraform_cloud),
    "pulumi": ("PULUMI_ACCESS_TOKEN", _pre("pul-", HEX, 40)),
    "doppler": ("DOPPLER_TOKEN", _pre("dp.st.", ALNUM, 43)),
    "onepassword_service": ("OP_SERVICE_ACCOUNT_TOKEN", _onepassword),
    "age_identity": ("SOPS_AGE_KEY", _pre("AGE-SECRET-KEY-1", BECH32_UPPER, 58)),
    "databricks": ("DATABRICKS_TOKEN", _parts("dapi", (HEX, 32), "-2")),
    "prefect": ("PREFECT_API_KEY", _pre("pnu_", ALNUM, 36)),
    "infracost": ("INFRACOST_API_KEY", _pre("ico-", ALNUM, 32)),
    "scalingo": ("SCALINGO_API_TOKEN", _pre("tk-us-", URLSAFE, 48)),
    # observability
    "grafana_service_account": ("GRAFANA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    "grafana_cloud": ("GRAFANA_CLOUD_TOKEN", _grafana_cloud),
    "new_relic_user": ("NEW_RELIC_API_KEY", _pre("NRAK-", UPPER_ALNUM, 27)),
    "new_relic_insert": ("NEW_RELIC_INSERT_KEY", _pre("NRII-", URLSAFE, 32)),
    "sentry_org": ("SENTRY_AUTH_TOKEN", _sentry_org),
    "sentry_user": ("SENTRY_USER_TOKEN", _pre("sntryu_", HEX, 64)),
    "dynatrace": ("DT_API_TOKEN", _parts("dt0c01.", (UPPER_ALNUM, 24), ".", (UPPER_ALNUM, 64))),
    "posthog_personal": ("POSTHOG_PERSONAL_API_KEY", _pre("phx_", ALNUM, 43)),
    # signed tokens
    "jwt_hs256": ("SESSION_JWT", _jwt),
}

# Where people paste a token: ``{n}`` is the variable's name, ``{v}`` the token itself.
CONTEXTS = (
    "{n}={v}\n",
    'export {n}="{v}"\n',
    "# .env.production\nNODE_ENV=production\n{n}={v}\nLOG_LEVEL=info\n",
    'env:\n  - name: {n}\n    value: "{v}"\n',
    '{{\n  "service": "sync",\n  "{n}": "{v}",\n  "timeout": 30\n}}\n',
    'import os\nos.environ["{n}"] = "{v}"\n',
    "const client = new Client({{ token: process.env.{n} || '{v}' }});\n",
    'func main() {{\n\tos.Setenv("{n}", "{v}")\n\trun()\n}}\n',
    'let key = std::env::var("{n}").unwrap_or("{v}".to_string());\n',
    'private static final String {n} = "{v}";\n',
    '$env:{n} = "{v}"\n',
    "set -gx {n} {v}\n",
    "docker run --rm -e {n}={v} ghcr.io/acme/worker:1.4.2\n",
    "kubectl create secret generic app-keys --from-literal={n}={v} -n prod\n",
    "[default]\n{n} = {v}\n",
    '<add key="{n}" value="{v}" />\n',
    'variable "{n}" {{\n  default = "{v}"\n}}\n',
    '  1042  echo "{v}" | gh secret set {n}\n  1043  history -c\n',
    "hey, the build is failing, I set {n} to {v} but it still says unauthorized\n",
    'Traceback (most recent call last):\n  File "app.py", line 12, in <module>\n'
    '    client = Client(api_key="{v}")\nAuthenticationError: 401\n',
    "2024-11-02T08:15:44Z WARN config loaded {n}={v} source=env\n",
    "| Name | Value |\n|------|-------|\n| {n} | {v} |\n",
    "In [7]: %env {n}={v}\n",
    "Hi team,\n\nplease use this for the integration until Friday: {v}\n\nThanks\n",
    "Bonjour, voici la clé pour le service de test : {v} (ne pas partager)\n",
    "Oi! A chave da API é {v}, configurei no servidor ontem.\n",
    "{n}: {v}\n",
    "RUN --mount=type=secret,id=x true && echo {n}={v} >> /etc/app.env\n",
    "      - name: Publish\n        run: ./publish.sh\n        env:\n          {n}: {v}\n",
    'curl -s https://api.service.example/v1/me -H "Authorization: Bearer {v}"\n',
    "INSERT INTO integrations (name, secret) VALUES ('{n}', '{v}');\n",
    "ticket #4821: rotated {n}; old value was {v}, new one is in the vault\n",
)


def _context(rng: random.Random, name: str, value: str) -> Segments:
    """The token in a random context; a URL-shaped token is never sent as a bearer token."""
    templates = [t for t in CONTEXTS if not (value.startswith("https://") and "Bearer" in t)]
    before, after = rng.choice(templates).split("{v}")
    return _lit(before.format(n=name), value, after.format(n=name))


# --- negatives: what the suites list as must-not-fire, and the harmless shapes ----


def _ipv6(r: random.Random) -> str:
    return "2001:0db8:" + ":".join(f"{r.getrandbits(16):04x}" for _ in range(6))


def _version(r: random.Random) -> str:
    return f"{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 40)}"


def _date(r: random.Random) -> str:
    return f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"


def _stamp(r: random.Random) -> str:
    return f"{_date(r)}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z"


def _negative_families() -> dict[str, Callable[[random.Random], str]]:
    """Every local builder is a family, named after its function."""

    def ipv6_full(r: random.Random) -> str:
        return f"listen [{_ipv6(r)}]:443 ssl;\n"

    def ipv6_link_local(r: random.Random) -> str:
        return (
            f"inet6 fe80::{r.getrandbits(16):x}:{r.getrandbits(16):x}:{r.getrandbits(16):x}"
            f":{r.getrandbits(16):x}%eth0 prefixlen 64 scopeid 0x20<link>\n"
        )

    def ipv6_bgp_peer(r: random.Random) -> str:
        return f"peer {_ipv6(r)} port 179 state Established uptime {r.randint(1, 90)}d\n"

    def ports(r: random.Random) -> str:
        return (
            f'ports:\n  - "{r.randint(1024, 9999)}:{r.randint(1024, 9999)}"\n'
            f'  - "127.0.0.1:{r.randint(5000, 6000)}:5432"\n'
        )

    def localhost_url(r: random.Random) -> str:
        return (
            f"Server listening on http://localhost:{r.randint(3000, 9000)}/ (press CTRL+C to "
            "quit)\n"
        )

    def subnet(r: random.Random) -> str:
        return (
            f"Subnet: 10.{r.randint(0, 255)}.0.0/16\nGateway: 10.{r.randint(0, 255)}.0.1\n"
            f"VPC CIDR 172.{r.randint(16, 31)}.0.0/12\n"
        )

    def versions(r: random.Random) -> str:
        return (
            f"Upgraded from v{_version(r)} to "
            f"v{_version(r)}-rc.{r.randint(1, 5)}+build.{r.randint(10, 999)}\n"
        )

    def dates(r: random.Random) -> str:
        return f"created_at: {_stamp(r)}\nupdated_at: {_stamp(r)}\nexpires: {_date(r)}\n"

    def sha256_named(r: random.Random) -> str:
        return f"sha256sum release.tar.gz\n{_hex(r, 64)}  release-{_version(r)}.tar.gz\n"

    def md5_named(r: random.Random) -> str:
        return f"MD5 (installer.dmg) = {_hex(r, 32)}\n"

    def npm_integrity(r: random.Random) -> str:
        return (
            f'    "node_modules/lodash": {{\n      "version": "{_version(r)}",\n      "integrity": '
            f'"sha512-{_b64(r.randbytes(64))}"\n    }},\n'
        )

    def go_sum(r: random.Random) -> str:
        return f"golang.org/x/crypto v0.{r.randint(10, 40)}.0 h1:{_b64(r.randbytes(32))}\n"

    def docker_digest(r: random.Random) -> str:
        return f"FROM python:3.12-slim@sha256:{_hex(r, 64)}\n"

    def uuid_ids(r: random.Random) -> str:
        return f'{{"order_id": "{_uuid(r)}", "customer_id": "{_uuid(r)}", "status": "shipped"}}\n'

    def request_id_log(r: random.Random) -> str:
        return (
            f"{_stamp(r)} INFO request_id={_uuid(r)} trace_id={_hex(r, 32)} "
            f"span_id={_hex(r, 16)} status=200 latency_ms={r.randint(3, 900)}\n"
        )

    def maven_coordinate(r: random.Random) -> str:
        minor, patch = r.randint(10, 18), r.randint(0, 3)
        return f"implementation 'com.fasterxml.jackson.core:jackson-databind:2.{minor}.{patch}'\n"

    def build_coordinates(r: random.Random) -> str:
        return (
            f"requests=={_version(r)}\nnumpy>={_version(r)}\n"
            f"@babel/core@{_version(r)}\nnginx:1.{r.randint(20, 27)}.0-alpine\n"
        )

    def empty_env(r: random.Random) -> str:
        return (
            f"DB_PASSWORD=\nDB_HOST=db.internal\nDB_PORT={r.choice(('5432', '3306'))}\nAPI_KEY=\n"
        )

    def empty_yaml(r: random.Random) -> str:
        return f'password: ""\napi_key: null\ntoken: ~\nretries: {r.randint(1, 5)}\n'

    def empty_json(r: random.Random) -> str:
        return f'{{"client_secret": "", "apiKey": null, "timeout": {r.randint(5, 60)}}}\n'

    def angle_placeholder(r: random.Random) -> str:
        return (
            "OPENAI_API_KEY=<your-api-key>\nSTRIPE_SECRET_KEY=<insert key "
            f"here>\nPORT={r.randint(3000, 9000)}\n"
        )

    def x_placeholder(r: random.Random) -> str:
        return f"export GITHUB_TOKEN={'x' * r.randint(20, 40)}\n"

    def prefixed_x_placeholder(r: random.Random) -> str:
        return f"SLACK_BOT_TOKEN=xoxb-{'X' * r.randint(10, 12)}-{'X' * 13}-{'X' * 24}\n"

    def changeme(r: random.Random) -> str:
        return (
            "admin:\n  user: admin\n  password: "
            f"{r.choice(('changeme', 'CHANGE_ME', 'change-me-please'))}\n"
        )

    def env_reference(r: random.Random) -> str:
        return f"DATABASE_URL=postgres://app:${{DB_PASSWORD}}@db:{r.choice((5432, 6432))}/app\n"

    def template_reference(r: random.Random) -> str:
        return f"password: {{{{ .Values.db.password }}}}\nreplicas: {r.randint(1, 6)}\n"

    def jinja_vault(r: random.Random) -> str:
        return (
            f'ansible_become_pass: "{{{{ vault_become_pass }}}}"\nansible_port: '
            f"{r.choice((22, 2222))}\n"
        )

    def gha_secret_ref(r: random.Random) -> str:
        return (
            f"        env:\n          NPM_TOKEN: ${{{{ secrets.NPM_TOKEN }}}}\n          "
            f"NODE_VERSION: {r.randint(18, 22)}\n"
        )

    def python_environ(r: random.Random) -> str:
        return f'api_key = os.environ["OPENAI_API_KEY"]\ntimeout = {r.randint(5, 60)}\n'

    def python_getenv(r: random.Random) -> str:
        return (
            'password = os.getenv("DB_PASSWORD", "")\nsecret = self.secret\nport = '
            f"{r.randint(1000, 9999)}\n"
        )

    def js_process_env(r: random.Random) -> str:
        return (
            "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, "
            f"{{ maxNetworkRetries: {r.randint(1, 4)} }});\n"
        )

    def vault_ref(r: random.Random) -> str:
        return f"DB_PASSWORD=vault:secret/data/prod/db#password\nCACHE_TTL={r.randint(60, 600)}\n"

    def keyvault_ref(r: random.Random) -> str:
        return (
            f'"DbPassword": "@Microsoft.KeyVault(SecretUri=https://kv-prod-{r.randint(1, 9)}'
            ".vault.azure.net"
            '/secrets/db-password/)"\n'
        )

    def secrets_manager_arn(r: random.Random) -> str:
        return (
            f'secret_arn = "arn:aws:secretsmanager:eu-west-1:{_chars(r, DIGITS, 12)}'
            f':secret:prod/db-{_chars(r, ALNUM, 6)}"\n'
        )

    def k8s_secret_key_ref(r: random.Random) -> str:
        return (
            "        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n"
            f"              name: db-credentials-{r.randint(1, 9)}\n              key: password\n"
        )

    def terraform_var(r: random.Random) -> str:
        return f"  password = var.db_password\n  allocated_storage = {r.randint(20, 500)}\n"

    def aws_doc_example(r: random.Random) -> str:
        key_id = "AKIA" + "IOSFODNN7" + "EXAMPLE"
        secret = "wJalrXUtnFEMI/" + "K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY"
        return (
            f"# from the AWS CLI docs\naws_access_key_id = {key_id}\n"
            f"aws_secret_access_key = {secret}\nregion = us-west-{r.randint(1, 2)}\n"
        )

    def doc_example_jwt_header(r: random.Random) -> str:
        return (
            "A JWT has three parts: header.payload.signature, e.g. `xxxxx.yyyyy.zzzzz` (step "
            f"{r.randint(1, 5)}).\n"
        )

    def masked_openai(r: random.Random) -> str:
        return f"Your key sk-...{_chars(r, ALNUM, 4)} was revoked on {_date(r)}.\n"

    def masked_stars(r: random.Random) -> str:
        return f"password: {'*' * r.randint(8, 16)}\napi_token: ****{_chars(r, DIGITS, 4)}\n"

    def masked_github(r: random.Random) -> str:
        return f"| ghp_****{_chars(r, ALNUM, 4)} | CI token | expires {_date(r)} |\n"

    def redacted_log(r: random.Random) -> str:
        return f"{_stamp(r)} DEBUG Authorization: Bearer [REDACTED] path=/v1/chat status=200\n"

    def ssh_public_key(r: random.Random) -> str:
        blob = _b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + r.randbytes(32))
        return f"ssh-ed25519 {blob} build@ci-runner-{r.randint(1, 9)}\n"

    def rsa_public_key(r: random.Random) -> str:
        body = _pem_body(r, b"\x30\x82\x01\x22\x30\x0d\x06\x09", 280)
        return f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n"

    def certificate(r: random.Random) -> str:
        body = _pem_body(r, b"\x30\x82\x03\x5c\x30\x82\x02\x44", 600)
        indented = body.replace("\n", "\n  ")
        return (
            f"ssl_cert: |\n  -----BEGIN CERTIFICATE-----\n  {indented}\n  -----END "
            "CERTIFICATE-----\n"
        )

    def file_paths(r: random.Random) -> str:
        return (
            f"ssl_certificate_key /etc/ssl/private/site-{r.randint(1, 9)}.key;\n"
            "credentials_file = ~/.aws/credentials\nkeyfile: C:\\Users\\Public\\keys\\id_rsa.pub\n"
        )

    def git_log(r: random.Random) -> str:
        return (
            f"commit {_hex(r, 40)}\nMerge: {_hex(r, 7)} {_hex(r, 7)}\nDate:   {_stamp(r)}\n\n"
            "    fix: retry token refresh on 401\n"
        )

    def git_short_shas(r: random.Random) -> str:
        return "\n".join(f"{_hex(r, 7)} chore: bump deps" for _ in range(3)) + "\n"

    def base64_data_uri(r: random.Random) -> str:
        png = _b64(b"\x89PNG\r\n\x1a\n" + r.randbytes(60))
        return f'<img src="data:image/png;base64,{png}" alt="logo">\n'

    def base64_text(r: random.Random) -> str:
        sentence = (
            f"Quarterly report for region {r.randint(1, 9)} attached, see page {r.randint(2, 40)}."
        )
        return (
            f'{{"attachment": {{"encoding": "base64", "content": "{_b64(sentence.encode())}"}}}}\n'
        )

    def css_colours(r: random.Random) -> str:
        return (
            f".btn-primary {{ color: #{_hex(r, 6)}; background: #{_hex(r, 6)}; }}\n"
            f":root {{ --accent: #{_hex(r, 3)}; --shadow: #{_hex(r, 8)}; }}\n"
        )

    def minified_js(r: random.Random) -> str:
        a, b = _chars(r, LOWER, 1), _chars(r, LOWER, 1)
        return (
            f'!function({a},{b}){{"object"==typeof exports?module.exports={b}():{a}.lib={b}()}}'
            f"(this,function(){{var {a}=[{r.randint(1, 99)},{r.randint(1, 99)}];return {a}.map("
            "function(t){return t*2})});\n"
        )

    def i18n_keys(r: random.Random) -> str:
        return (
            '"auth.password.label": "Password",\n"auth.password.hint": "At least '
            f"{r.randint(8, 14)} "
            'characters",\n"auth.token.expired": "Your session token has expired",\n'
        )

    def prose_password_policy(r: random.Random) -> str:
        return (
            f"Reminder: passwords must be rotated every {r.choice((60, 90))} days and must "
            "never be "
            "shared over chat. If you forgot yours, use the reset link on the login page.\n"
        )

    def prose_french(r: random.Random) -> str:
        return (
            f"Le mot de passe doit contenir au moins {r.randint(10, 16)} caractères, dont un "
            "chiffre "
            "et un symbole. Ne l'envoyez jamais par e-mail.\n"
        )

    def prose_german(r: random.Random) -> str:
        return (
            f"Bitte das API-Token nach {r.randint(30, 90)} Tagen erneuern; der Schlüssel liegt im "
            "Passwort-Manager, nicht im Repository.\n"
        )

    def prose_japanese(r: random.Random) -> str:
        return (
            f"パスワードは{r.randint(8, 16)}文字以上にしてください。"
            "トークンはチャットに貼らないでください。\n"
        )

    def slack_question(r: random.Random) -> str:
        return (
            f"[{r.randint(9, 17)}:{r.randint(10, 59)}] does anyone know how to reset the staging "
            "admin password? the token in the wiki seems expired\n"
        )

    def policy_config(r: random.Random) -> str:
        return (
            f"PASSWORD_MIN_LENGTH={r.randint(8, 16)}\n"
            f"PASSWORD_RESET_TIMEOUT={r.randint(600, 7200)}\n"
            "TOKEN_EXPIRY=30m\nAUTH_TYPE=password\nAPI_KEY_HEADER=X-API-Key\n"
        )

    def secret_name_only(r: random.Random) -> str:
        return f"secretName: tls-wildcard-{r.randint(1, 9)}\nsecret_name: app-db-credentials\n"

    def password_field_schema(r: random.Random) -> str:
        return (
            '{"type": "object", "properties": {"password": {"type": "string", '
            f'"minLength": {r.randint(8, 12)}, "format": "password"}}}}}}\n'
        )

    def sql_hash_column(r: random.Random) -> str:
        return (
            f"ALTER TABLE users ADD COLUMN password_hash VARCHAR({r.choice((60, 97, 255))}) "
            "NOT NULL;\n"
            "CREATE INDEX idx_users_token ON users (reset_token);\n"
        )

    def java_stack(r: random.Random) -> str:
        return (
            "java.lang.NullPointerException: token was null\n\tat "
            "com.acme.auth.TokenService.refresh"
            f"(TokenService.java:{r.randint(20, 400)})\n\tat "
            "com.acme.auth.Filter.doFilter(Filter.java:"
            f"{r.randint(20, 400)})\n"
        )

    def windows_build(r: random.Random) -> str:
        return (
            f"OS Version: 10.0.{r.randint(19041, 22631)}.{r.randint(1000, 4999)} N/A Build "
            f"{r.randint(19041, 22631)}\n"
        )

    def webpack_chunks(r: random.Random) -> str:
        return (
            f'<script src="/static/js/main.{_hex(r, 8)}.js"></script>\n<link '
            f'href="/static/css/app.{_hex(r, 20)}.css">\n'
        )

    def markdown_versions(r: random.Random) -> str:
        return (
            f"| package | version | sha |\n|---|---|---|\n| core | {_version(r)} | "
            f"{_hex(r, 12)} |\n"
            f"| cli | {_version(r)} | {_hex(r, 12)} |\n"
        )

    def cron_and_durations(r: random.Random) -> str:
        return (
            f'schedule: "{r.randint(0, 59)} {r.randint(0, 23)} * * 1-5"\ntimeout: '
            f"{r.randint(1, 9)}h{r.randint(0, 59)}m\n"
        )

    def mac_and_serials(r: random.Random) -> str:
        mac = ":".join(f"{r.getrandbits(8):02x}" for _ in range(6))
        return f"ether {mac} txqueuelen 1000\nserial: SN-{_chars(r, UPPER_ALNUM, 10)}\n"

    def numbers_table(r: random.Random) -> str:
        return (
            "\n".join(",".join(str(r.randint(0, 10**6)) for _ in range(6)) for _ in range(3)) + "\n"
        )

    def settings_instruction(r: random.Random) -> str:
        return (
            "Set `api_key` in settings.toml (see docs section "
            f"{r.randint(2, 9)}.{r.randint(1, 9)}) before running.\n"
        )

    def theme_colours(r: random.Random) -> str:
        primary, secondary = _hex(r, 6).upper(), _hex(r, 6).upper()
        return f'{{"theme": {{"primary": "#{primary}", "secondary": "#{secondary}"}}}}\n'

    def jwt_doc_placeholder(r: random.Random) -> str:
        return (
            'curl -H "Authorization: Bearer $TOKEN" '
            f"https://api.example.com/v{r.randint(1, 3)}/users\n"
        )

    def notebook_output(r: random.Random) -> str:
        return (
            f"Out[{r.randint(2, 40)}]: array([{r.random():.6f}, {r.random():.6f}, "
            f"{r.random():.6f}])\n"
        )

    return dict(locals())


# --- PII: one Presidio entity per chat message --------------------------------------------

_FIRST = (
    "Ngozi",
    "Mateusz",
    "Aiko",
    "Rahul",
    "Siobhán",
    "Joaquín",
    "Lars",
    "Fatima",
    "Thanh",
    "Björn",
    "Amara",
    "Dmitri",
    "Priya",
    "Chloé",
    "Kwame",
    "Yusuf",
    "Ingrid",
    "Mei-Ling",
    "Tomás",
    "Hannah",
    "Oluwaseun",
    "Keiko",
    "Anders",
    "Leilani",
)
_LAST = (
    "Adeyemi",
    "Kowalczyk",
    "Tanaka",
    "Venkataraman",
    "O'Connell",
    "Herrera",
    "Henriksen",
    "Al-Sayed",
    "Nguyen",
    "Lindqvist",
    "Okafor",
    "Volkov",
    "Raghunathan",
    "Lefèvre",
    "Mensah",
    "Demir",
    "Halvorsen",
    "Chen",
    "Ferreira",
    "Goldberg",
    "Kapoor",
    "Szabó",
    "Mwangi",
    "Novak",
)
_MAIL_DOMAINS = ("outlook.com", "gmail.com", "proton.me", "web.de", "yahoo.co.jp", "fastmail.fm")
_US_AREAS = ("212", "415", "312", "617", "206", "303", "512", "305", "404", "713")


def _person(r: random.Random) -> str:
    return f"{r.choice(_FIRST)} {r.choice(_LAST)}"


def _email_address(r: random.Random) -> str:
    first, last = _ascii_letters(r.choice(_FIRST)), _ascii_letters(r.choice(_LAST))
    local = r.choice((f"{first}.{last}", f"{first[0]}{last}{r.randint(1, 99)}", f"{last}_{first}"))
    return f"{local}@{r.choice(_MAIL_DOMAINS)}"


def _ascii_letters(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(char for char in plain.lower() if char.isalpha())


def _phone(r: random.Random) -> str:
    def digits(n: int) -> str:
        return _chars(r, DIGITS, n)

    exchange = f"{r.randint(2, 9)}{r.choice('0234679')}{r.randint(0, 9)}"
    return r.choice(
        (
            f"+1 ({r.choice(_US_AREAS)}) {exchange}-{digits(4)}",
            f"({r.choice(_US_AREAS)}) {exchange}-{digits(4)}",
            f"+44 79{r.choice('45678')}{digits(1)} {digits(6)}",
            f"+49 15{r.choice('12')} {digits(8)}",
            f"+33 6 {r.choice('0124678')}{digits(1)} {digits(2)} {digits(2)} {digits(2)}",
            f"+91 98{digits(3)} {digits(5)}",
            f"+61 4{r.choice('0123')}{digits(1)} {digits(3)} {digits(3)}",
            f"+81 90-{r.randint(1, 9)}{digits(3)}-{digits(4)}",
            f"+55 11 9{digits(4)}-{digits(4)}",
            f"+34 6{digits(2)} {digits(3)} {digits(3)}",
        )
    )


def _ip(r: random.Random) -> str:
    if r.random() < 0.3:
        return "2a02:" + ":".join(f"{r.getrandbits(16):x}" for _ in range(7))
    return f"{r.randint(23, 203)}.{r.randint(1, 254)}.{r.randint(1, 254)}.{r.randint(1, 254)}"


PII_TEMPLATES: dict[str, tuple[Callable[[random.Random], str], int, tuple[str, ...]]] = {
    "PERSON": (
        _person,
        10,
        (
            "Can you help me write a thank-you note to {v} for covering my shift last week?",
            "Meeting recap: {v} will own the migration plan and share a draft by Thursday.",
            "Dear {v},\n\nthank you for your patience while we looked into the billing issue.",
            "please add {v} as a reviewer on the design doc, they wrote the original module",
            "Rewrite this more politely: '{v} keeps missing the standup and nobody knows why.'",
            "Mi compañero {v} me pidió que revisara su presentación, ¿me ayudas a dar feedback?",
        ),
    ),
    "EMAIL_ADDRESS": (
        _email_address,
        8,
        (
            "can you send the summary to {v} when it's ready?",
            "From: {v}\nSubject: Re: contract renewal\n\nSounds good, let's proceed.",
            "the signup form rejects {v} with 'invalid address', is my regex wrong?",
            "| role | contact |\n|---|---|\n| on-call | {v} |",
            "Bitte die Rechnung an {v} schicken, nicht an die alte Adresse.",
        ),
    ),
    "PHONE_NUMBER": (
        _phone,
        9,
        (
            "If anything breaks tonight call me on {v}, I'll keep my phone on.",
            "Customer asked for a callback at {v} regarding the refund.",
            "emergency contact: {v} (mobile)",
            "Can you format this number for the CRM import: {v}",
            "Vous pouvez me joindre au {v} après 18h.",
        ),
    ),
    "CREDIT_CARD": (
        credit_card,
        8,
        (
            "The payment failed with card {v}, expiry 09/27. Is it blocked?",
            "customer says they were charged twice on {v}, can you draft a reply?",
            "Test in prod by mistake?? log shows card_number={v} in plain text",
            "Meine Kreditkarte {v} wurde abgelehnt, woran kann das liegen?",
        ),
    ),
    "US_SSN": (
        us_ssn,
        8,
        (
            "For the I-9 form my SSN is {v}, is that the right field?",
            "Employee record: ssn: {v}, start date next Monday.",
            "Can you check if this looks valid: SSN {v}",
            "the payroll export has a column with values like {v}, should we mask it?",
        ),
    ),
    "IBAN_CODE": (
        iban,
        8,
        (
            "Please wire the deposit to IBAN {v} before Friday.",
            "Bankverbindung: {v} - Verwendungszweck: Rechnung 2291",
            "is {v} a valid IBAN? the bank portal keeps rejecting it",
            "Refund to account {v}, reference REF-7781.",
        ),
    ),
    "IP_ADDRESS": (
        _ip,
        9,
        (
            "We're seeing brute-force attempts from {v} on the login endpoint.",
            "nginx: client {v} closed connection while waiting for request",
            "Can you whitelist {v} on the firewall for the vendor?",
            "my home router's public address is {v}, why can't I reach the VPN?",
        ),
    ),
}


def _pii(rng: random.Random) -> list[Case]:
    """Each entity's cases in turn through its templates; no value is drawn twice."""
    cases, seen = [], set()
    for entity, (value_of, count, templates) in PII_TEMPLATES.items():
        for index in range(count):
            value = value_of(rng)
            while value in seen:
                value = value_of(rng)
            seen.add(value)
            before, after = templates[index % len(templates)].split("{v}")
            text, spans = _join([(before, None), (value, entity), (after, None)])
            cases.append(Case(entity, "pii", text, spans))
    return cases


# --- PII look-alikes: numbers and capitalised words that are nobody's data ----------------


def _not_luhn(digits: str) -> str:
    """``digits`` with its last digit changed so the Luhn check fails (not a card number)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    if total % 10:
        return digits
    return digits[:-1] + str((int(digits[-1]) + 1) % 10)


def _isbn13(r: random.Random) -> str:
    body = "978" + _chars(r, DIGITS, 9)
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
    return f"{body[:3]}-{body[3]}-{body[4:8]}-{body[8:]}-{check}"


def _pii_negative_families() -> dict[str, Callable[[random.Random], str]]:
    """Every local builder is a family, named after its function."""

    def order_number(r: random.Random) -> str:
        return (
            f"Order #{r.choice(UPPER)}{_chars(r, DIGITS, 5)}-{_chars(r, DIGITS, 2)} shipped with "
            "3 items."
        )

    def invoice(r: random.Random) -> str:
        return f"Invoice INV-2024-{_chars(r, DIGITS, 5)} is due in {r.choice((14, 30, 45))} days."

    def ticket(r: random.Random) -> str:
        return (
            f"Ticket OPS-{r.randint(1000, 9999)} moved to In Review, blocked by "
            f"OPS-{r.randint(1000, 9999)}."
        )

    def app_version(r: random.Random) -> str:
        return (
            f"Bumped the mobile app to {_version(r)} (build {_chars(r, DIGITS, 5)}) for the store "
            "release."
        )

    def assembly_version(r: random.Random) -> str:
        version = f"{r.randint(1, 9)}.{r.randint(0, 9)}.{r.randint(0, 9)}.0"
        return f'[assembly: AssemblyVersion("{version}")]'

    def timestamps(r: random.Random) -> str:
        clock = (
            f"{r.randint(10, 23)}:{r.randint(10, 59)}:{r.randint(10, 59)}.{_chars(r, DIGITS, 3)}"
        )
        return f"{_date(r)} {clock} job finished in 00:0{r.randint(1, 9)}:{r.randint(10, 59)}"

    def epoch_millis(r: random.Random) -> str:
        stamp = _not_luhn(str(r.randint(1_700_000_000_000, 1_760_000_000_000)))
        return f'{{"event": "click", "ts": {stamp}, "seq": {r.randint(1, 999)}}}'

    def sku(r: random.Random) -> str:
        colour, size = r.choice(("BLK", "WHT", "RED")), r.choice(("S", "M", "XL"))
        code = f"{_chars(r, UPPER, 2)}-{_chars(r, DIGITS, 4)}-{colour}-{size}"
        return f"SKU {code}, qty {r.randint(1, 9)}"

    def isbn(r: random.Random) -> str:
        return f"The textbook is ISBN {_isbn13(r)}, second edition, chapter {r.randint(2, 14)}."

    def tracking(r: random.Random) -> str:
        return (
            f"Tracking: 1Z{_chars(r, UPPER_ALNUM, 6)}{_chars(r, DIGITS, 10)}, estimated delivery "
            f"in {r.randint(2, 5)} business days."
        )

    def booking_reference(r: random.Random) -> str:
        number = _not_luhn("7" + _chars(r, DIGITS, 15))
        return (
            f"Booking reference {' '.join(number[i : i + 4] for i in range(0, 16, 4))} confirmed."
        )

    def ean_barcode(r: random.Random) -> str:
        return (
            f"Barcode {_not_luhn('40' + _chars(r, DIGITS, 11))} scanned at checkout lane "
            f"{r.randint(1, 12)}."
        )

    def quadratic(r: random.Random) -> str:
        a, b = r.randint(1, 9), r.randint(1, 9)
        return f"Solve x^2 - {a + b}x + {a * b} = 0. The roots are x = {a} and x = {b}."

    def matrix(r: random.Random) -> str:
        rows = [" ".join(str(r.randint(-9, 9)) for _ in range(3)) for _ in range(3)]
        return "det of\n" + "\n".join(rows) + f"\nequals {r.randint(-200, 200)}?"

    def c_loop(r: random.Random) -> str:
        return (
            f"for (int i = 0; i < {r.choice((256, 512, 1024))}; i++) "
            f"{{ buf[i] = (i * {r.randint(3, 97)}) % 256; }}"
        )

    def python_snippet(r: random.Random) -> str:
        return (
            f"def chunk(xs, n={r.randint(2, 64)}):\n    return [xs[i:i + n] for i in range(0, "
            "len(xs), n)]"
        )

    def headings(r: random.Random) -> str:
        title = r.choice(
            (
                "Quarterly Planning Review",
                "Release Notes",
                "Incident Postmortem",
                "Getting Started",
                "Migration Checklist",
            )
        )
        return (
            f"## {title} {r.randint(2, 9)}\n### Action Items\n- Update Runbook\n- Close Open "
            "Tickets"
        )

    def product_names(r: random.Random) -> str:
        return (
            f"Compare the Falcon Pro {r.choice((13, 14, 16))} and the Orbit Air "
            f"{r.choice((11, 13))}: "
            "battery life, weight, and Thunderbolt ports."
        )

    def aspect_ratio(r: random.Random) -> str:
        return (
            f"Export at 16:9, 1920x1080, {r.choice(('23.976', '29.97', '59.94'))} fps, bitrate "
            f"{r.randint(8, 40)} Mbps."
        )

    def chemistry(r: random.Random) -> str:
        return f"C6H12O6 + 6 O2 -> 6 CO2 + 6 H2O releases about {r.randint(2800, 2900)} kJ/mol."

    def hex_dump(r: random.Random) -> str:
        return "\n".join(
            f"{i * 16:08x}: " + " ".join(_hex(r, 4) for _ in range(8)) for i in range(3)
        )

    def error_code(r: random.Random) -> str:
        return (
            f"Install failed: error 0x{_chars(r, UPPER_HEX, 8)} at offset "
            f"0x{_chars(r, UPPER_HEX, 3)}, retry {r.randint(1, 5)} of 5."
        )

    def statistics(r: random.Random) -> str:
        return (
            f"p = 0.0{r.randint(10, 49)}, n = {r.randint(200, 5000)}, 95% CI "
            f"[0.{r.randint(30, 45)}, 0.{r.randint(50, 70)}]"
        )

    def chess(r: random.Random) -> str:
        return (
            f"1. e4 e5 2. Nf3 Nc6 3. Bb5 a6 4. Ba4 Nf6 5. O-O Be7 -- move {r.randint(6, 40)} is "
            "where it went wrong"
        )

    def spreadsheet(r: random.Random) -> str:
        return f'=SUMIF(B2:B{r.randint(20, 400)}, ">0") / COUNTA(C2:C{r.randint(20, 400)})'

    def regex(r: random.Random) -> str:
        return f"Use ^[A-Z]{{2}}\\d{{{r.randint(4, 8)}}}$ to validate the part code field."

    def semver_range(r: random.Random) -> str:
        return f'"dependencies": {{ "left-pad": "^{_version(r)}", "chalk": "~{_version(r)}" }}'

    def case_number(r: random.Random) -> str:
        return (
            f"Case {r.randint(2019, 2025)}-{_chars(r, DIGITS, 4)}-{_chars(r, DIGITS, 4)} closed "
            "as duplicate."
        )

    def sql_ids(r: random.Random) -> str:
        ids = f"{_chars(r, DIGITS, 6)}, {_chars(r, DIGITS, 6)}"
        query = f"SELECT * FROM orders WHERE id IN ({ids}) LIMIT {r.randint(10, 100)};"  # noqa: S608
        return query  # text to classify; nothing runs it

    def units(r: random.Random) -> str:
        return (
            f"Convert {r.randint(1, 9)},{_chars(r, DIGITS, 3)},{_chars(r, DIGITS, 3)} bytes to "
            "MiB and round to 2 decimals."
        )

    def serial_number(r: random.Random) -> str:
        serial = "-".join(_chars(r, UPPER_ALNUM, 3) for _ in range(3))
        return f"S/N {serial}, firmware {_version(r)}"

    def docker_tags(r: random.Random) -> str:
        return f"image: registry/worker:{_date(r).replace('-', '.')}-{_hex(r, 7)}"

    def durations(r: random.Random) -> str:
        return (
            f"Lap times: 1:{r.randint(10, 59)}.{_chars(r, DIGITS, 3)}, "
            f"1:{r.randint(10, 59)}.{_chars(r, DIGITS, 3)}, best sector "
            f"{r.randint(20, 40)}.{_chars(r, DIGITS, 3)}"
        )

    return dict(locals())


# --- assembly ----------------------------------------------------------------------------


def _distinct(rng: random.Random, builders: dict, count: int, make: Callable) -> list[Case]:
    """``count`` cases cycling through ``builders``; a text drawn twice is drawn again."""
    cases: list[Case] = []
    seen: set[str] = set()
    names = list(builders)
    index = 0
    while len(cases) < count:
        name = names[index % len(names)]
        index += 1
        for _ in range(20):
            case = make(name, builders[name](rng))
            if case.text not in seen:
                seen.add(case.text)
                cases.append(case)
                break
    return cases


def _literal_case(name: str, segments: Segments) -> Case:
    text, spans = _join(segments)
    return Case(name, "literal", text, spans)


def _generated(rng: random.Random) -> list[Case]:
    families = list(VENDORS)
    rng.shuffle(families)
    cases = []
    for index in range(SIZES["generated"]):
        family = families[index % len(families)]
        variable, token = VENDORS[family]
        text, spans = _join(_context(rng, variable, token(rng)))
        cases.append(Case(family, "generated", text, spans))
    return cases


def round5_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """The round's cases, the same for the same seed."""
    rng = random.Random(seed)
    literal = _distinct(rng, _literal_families(), SIZES["literal"], _literal_case)
    negative = _distinct(
        rng,
        _negative_families(),
        SIZES["negative"],
        lambda name, text: Case(name, "negative", text, harmless=True),
    )
    pii_negative = _distinct(
        rng,
        _pii_negative_families(),
        SIZES["pii_negative"],
        lambda name, text: Case(name, "pii_negative", text, harmless=True),
    )
    return literal + _generated(rng) + negative + _pii(rng) + pii_negative
