"""Blind evaluation round 14: secrets and PII as people paste them into a company chat.

Written blind by "blind14", without the detector (its code, its tests, its tuning notes or its
output) in view, and frozen before the detector ran on it. Formats and tricky negatives come
from public suites: gitleaks' rule definitions (``cmd/generate/config/rules``, each rule's true
and false positives), trufflehog's detector tests (``pkg/detectors/*/*_test.go``),
detect-secrets' plugin tests, Nosey Parker / Kingfisher rule examples and negative examples,
secretlint's rule tests, GitGuardian's detector docs and Presidio's analyzer tests. Nothing is
copied from them: every key-shaped value is generated here at run time from its documented
shape (prefix, alphabet, length, and checksum where one is documented, such as GitHub's CRC32
tail), so the source holds no credential literal.

Half the texts of every kind are short and casual (one or two lines, lower case, typos,
emoji); the rest are longer pastes: ``.env`` files, YAML, JSON, shell history, curl, code in
several languages, stack traces, logs, tickets, and messages in many languages.

Kinds: ``literal`` (credentials written the ways the suites' positives write them, human
passwords among them), ``generated`` (vendor tokens from rule patterns), ``negative``
(must-not-fire texts), ``pii`` (one PII value each) and ``pii_negative`` (look-alikes with no
personal data). ``round14_cases(seed)`` is deterministic per seed.
"""

# ruff: noqa: RUF001 (other scripts and full-width punctuation are the point of the texts)

from __future__ import annotations

import hashlib
import json
import random
import re
import zlib
from collections.abc import Callable

import phonenumbers
from stdnum import luhn

from bench.peer_corpus import (
    ALNUM,
    B64,
    BASE32,
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

SIZES = {"literal": 150, "generated": 200, "negative": 200, "pii": 60, "pii_negative": 100}

Builder = Callable[[random.Random, bool], str]
_B62 = DIGITS + UPPER + LOWER
_HOLE = "⟨v⟩"

# --- shared wording --------------------------------------------------------------------------

LEADS = (
    "here's the config:",
    "this is what i have in prod rn",
    "can someone tell me why this fails?",
    "pasting the file, sorry for the wall of text",
    "aquí está el archivo:",
    "hier die Config:",
    "voici le fichier :",
    "segue a config:",
    "ecco la configurazione:",
    "hier is de config:",
    "här är konfigurationen:",
    "oto konfiguracja:",
    "işte yapılandırma:",
    "設定ファイルです：",
    "配置如下：",
)
ASKS = (
    "any idea what's wrong?",
    "works locally but not in CI 🤔",
    "thx in advance 🙏",
    "pls help, demo is in 1h 😬",
    "¿alguien sabe por qué falla?",
    "weiß jemand, warum das nicht geht?",
    "quelqu'un a une idée ?",
    "alguém sabe o motivo?",
    "qualcuno sa perché?",
    "iemand een idee?",
    "någon som vet varför?",
    "ktoś wie, dlaczego?",
    "neden çalışmıyor?",
    "なぜ動かないのでしょうか？",
    "有人知道为什么吗？",
)
USERS = ("admin", "svc_etl", "deploy", "app_rw", "root", "ci-bot", "backup", "reporting", "sa")
HOSTS = (
    "db-prod-01.internal",
    "pg.staging.svc",
    "mysql-replica-2",
    "redis-cache.prod",
    "mq.internal",
    "sql-3.corp.local",
    "warehouse.db.lan",
)
DBS = ("orders", "billing", "analytics", "inventory", "crm", "payments", "ledger")
SERVICES = ("payments-api", "billing-worker", "search", "auth-service", "report-gen", "notifier")
SYSTEMS = ("Grafana", "Jenkins", "the staging DB", "the NAS", "Metabase", "Airflow", "Kibana")


def _fields(rng: random.Random) -> dict[str, str]:
    return {
        "lead": rng.choice(LEADS),
        "ask": rng.choice(ASKS),
        "user": rng.choice(USERS),
        "host": rng.choice(HOSTS),
        "db": rng.choice(DBS),
        "svc": rng.choice(SERVICES),
        "system": rng.choice(SYSTEMS),
        "num": str(rng.randint(100, 9999)),
        "ver": f"{rng.randint(1, 4)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}",
    }


def _fill(template: str, value: str, fields: dict[str, str]) -> Segments:
    """The template with its ``⟨name⟩`` fields filled and the value at its one hole."""
    for key, text in fields.items():
        template = template.replace(f"⟨{key}⟩", text)
    before, after = template.split(_HOLE)
    return [(before, None), (value, SECRET), (after, None)]


# --- passwords people choose ------------------------------------------------------------------

WORDS = (
    "harbor",
    "falcon",
    "maple",
    "copper",
    "velvet",
    "summit",
    "lantern",
    "orchid",
    "pepper",
    "glacier",
    "meadow",
    "rocket",
    "willow",
    "cobalt",
    "thunder",
    "biscuit",
    "saffron",
    "tundra",
    "marble",
    "jigsaw",
    "nectar",
    "quokka",
    "walrus",
    "zephyr",
    "ember",
    "raven",
)
FOREIGN_WORDS = (
    "Sonnenblume",
    "Schmetterling",
    "mariposa",
    "papillon",
    "borboleta",
    "farfalla",
    "vlinder",
    "fjäril",
    "motyl",
    "kelebek",
    "Käsebrot",
    "tortuga",
)
SYMBOLS = "!#%&*?@$^"
_LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "$"})


def _pw_words(rng: random.Random) -> str:
    first, second = rng.sample(WORDS, 2)
    return f"{first.title()}{second.title()}{rng.randint(1, 2025)}{rng.choice(SYMBOLS)}"


def _pw_leet(rng: random.Random) -> str:
    first, second = rng.sample(WORDS, 2)
    joiner = rng.choice("&#_!")
    return f"{first.title().translate(_LEET)}{joiner}{second.translate(_LEET)}{rng.randint(0, 99)}"


def _pw_phrase(rng: random.Random) -> str:
    joiner = rng.choice("-._")
    return joiner.join(rng.sample(WORDS, 4)) + str(rng.randint(1, 9))


def _pw_memorable(rng: random.Random) -> str:
    words = rng.sample(WORDS, 3)
    words[rng.randrange(3)] = words[rng.randrange(3)].upper()
    return "-".join(words) + f"-{rng.randint(1, 99)}"


def _pw_random(rng: random.Random) -> str:
    middle = _chars(rng, ALNUM + "!#%&*@^", rng.randint(14, 22))
    return _chars(rng, ALNUM, 1) + middle + _chars(rng, ALNUM, 1)


def _pw_seasonal(rng: random.Random) -> str:
    base = rng.choice(("Summer", "Winter", "Welcome", "Spring", "Autumn", "Company", "Changeit"))
    return f"{base}{rng.randint(2019, 2026)}{rng.choice(SYMBOLS)}{rng.choice(('', '!', '#'))}"


def _pw_foreign(rng: random.Random) -> str:
    return f"{rng.choice(FOREIGN_WORDS)}{rng.choice(SYMBOLS)}{rng.randint(10, 999)}"


PASSWORDS: tuple[Token, ...] = (
    _pw_words,
    _pw_leet,
    _pw_phrase,
    _pw_memorable,
    _pw_random,
    _pw_seasonal,
    _pw_foreign,
)


def _password(rng: random.Random) -> str:
    return rng.choice(PASSWORDS)(rng)


def _app_password(rng: random.Random) -> str:
    groups = [_chars(rng, LOWER, 4) for _ in range(4)]
    return rng.choice((" ", "")).join(groups)


# --- literal credentials ----------------------------------------------------------------------

PASSWORD_CHAT = (
    (
        "the password is ⟨v⟩",
        "pw: ⟨v⟩ (dont share pls)",
        "pass for ⟨system⟩ is ⟨v⟩ 🙈",
        "login ⟨user⟩ / ⟨v⟩ , lmk if it doesnt work",
        "la contraseña es ⟨v⟩",
        "contraseña del wifi: ⟨v⟩ 😅",
        "das Passwort ist ⟨v⟩",
        "Kennwort für den Testserver: ⟨v⟩",
        "le mot de passe est ⟨v⟩",
        "mdp du compte ⟨user⟩ : ⟨v⟩",
        "a senha é ⟨v⟩ , troca depois",
        "la password è ⟨v⟩",
        "het wachtwoord is ⟨v⟩",
        "lösenordet är ⟨v⟩",
        "hasło do bazy to ⟨v⟩",
        "şifre: ⟨v⟩",
        "パスワードは ⟨v⟩ です",
        "密码是 ⟨v⟩",
        "密码：⟨v⟩ 别外传",
        "пароль: ⟨v⟩",
    ),
    (
        "hey folks,\nnew creds for ⟨system⟩:\nuser: ⟨user⟩\npassword: ⟨v⟩\n"
        "please change it after first login",
        "Hola equipo,\nles paso el acceso a ⟨system⟩:\nusuario: ⟨user⟩\ncontraseña: ⟨v⟩\nSaludos",
        "Hallo zusammen,\nZugang für ⟨system⟩:\nBenutzer: ⟨user⟩\nPasswort: ⟨v⟩\n"
        "Bitte nach dem ersten Login ändern.",
        "Bonjour,\nvoici les accès pour ⟨system⟩ :\nidentifiant : ⟨user⟩\n"
        "mot de passe : ⟨v⟩\nMerci de le changer rapidement.",
        "Oi pessoal,\nacesso ao ⟨system⟩:\nusuário: ⟨user⟩\nsenha: ⟨v⟩\nvaleu!",
        "Ciao a tutti,\ncredenziali per ⟨system⟩:\nutente: ⟨user⟩\npassword: ⟨v⟩\n"
        "cambiatela al primo accesso.",
        "Hoi allemaal,\ninloggegevens voor ⟨system⟩:\ngebruiker: ⟨user⟩\n"
        "wachtwoord: ⟨v⟩\nGraag na de eerste login wijzigen.",
        "Hej!\ninloggning till ⟨system⟩:\nanvändare: ⟨user⟩\nlösenord: ⟨v⟩\nbyt det snarast.",
        "Cześć,\ndostęp do ⟨system⟩:\nlogin: ⟨user⟩\nhasło: ⟨v⟩\nzmieńcie je po zalogowaniu.",
        "Merhaba ekip,\n⟨system⟩ erişimi:\nkullanıcı: ⟨user⟩\nşifre: ⟨v⟩\n"
        "ilk girişte değiştirin lütfen.",
        "お疲れさまです。\n⟨system⟩ のアカウントです。\nユーザー: ⟨user⟩\n"
        "パスワード: ⟨v⟩\nログイン後に変更してください。",
        "大家好，\n⟨system⟩ 的账号如下：\n用户名：⟨user⟩\n密码：⟨v⟩\n登录后请及时修改。",
        "fyi the shared vault entry for ⟨system⟩ got deleted so here it is again\n"
        "username ⟨user⟩\npassphrase ⟨v⟩\nwill re-add it tomorrow",
    ),
)

ENV_FILE = (
    ("DB_PASSWORD=⟨v⟩", "POSTGRES_PASSWORD=⟨v⟩ <- thats the one in .env.prod"),
    (
        "⟨lead⟩\nAPP_ENV=production\nDB_HOST=⟨host⟩\nDB_NAME=⟨db⟩\nDB_USER=⟨user⟩\n"
        "DB_PASSWORD=⟨v⟩\nLOG_LEVEL=info",
        "# .env.staging\nPORT=8080\nREDIS_URL=redis://⟨host⟩:6379/0\n"
        'ADMIN_PASSWORD="⟨v⟩"\nFEATURE_FLAGS=search,export\n⟨ask⟩',
    ),
)
YAML_CONFIG = (
    ("password: ⟨v⟩   # prod, do not commit", 'db:\n  password: "⟨v⟩"'),
    (
        "⟨lead⟩\nspring:\n  datasource:\n    url: jdbc:postgresql://⟨host⟩:5432/⟨db⟩\n"
        "    username: ⟨user⟩\n    password: ⟨v⟩\n  jpa:\n    open-in-view: false",
        "services:\n  db:\n    image: mariadb:11\n    environment:\n"
        "      MARIADB_ROOT_PASSWORD: '⟨v⟩'\n      MARIADB_DATABASE: ⟨db⟩\n⟨ask⟩",
    ),
)
JSON_CONFIG = (
    ('{"user": "⟨user⟩", "password": "⟨v⟩"}', 'creds json → {"apiSecret":"⟨v⟩"}'),
    (
        '⟨lead⟩\n{\n  "database": {\n    "host": "⟨host⟩",\n    "user": "⟨user⟩",\n'
        '    "password": "⟨v⟩"\n  },\n  "pool": 10\n}',
        'appsettings.json:\n{\n  "Smtp": {\n    "Port": 587,\n    "Password": "⟨v⟩"\n  }\n}\n⟨ask⟩',
    ),
)
SHELL_HISTORY = (
    ("export DB_PASS='⟨v⟩'", "sshpass -p '⟨v⟩' ssh -l ⟨user⟩ ⟨host⟩"),
    (
        "$ history | tail -4\n  501  cd deploy\n  502  mysql -h ⟨host⟩ -u ⟨user⟩ "
        "--password=⟨v⟩ ⟨db⟩\n  503  ls -la\n  504  history | tail -4",
        '⟨lead⟩\n$ export PGPASSWORD="⟨v⟩"\n$ pg_dump -h ⟨host⟩ -U ⟨user⟩ ⟨db⟩ > dump.sql\n'
        "pg_dump: error: connection failed\n⟨ask⟩",
    ),
)
CURL_USER = (
    (
        "curl -u ⟨user⟩:⟨v⟩ https://ci.internal/api/json",
        "try curl -s -u ⟨user⟩:⟨v⟩ https://nexus.corp.local/service/rest/v1/status",
    ),
    (
        "⟨lead⟩\ncurl -X POST https://jenkins.internal/job/⟨svc⟩/build \\\n"
        "  --user ⟨user⟩:⟨v⟩ \\\n  -H 'Content-Type: application/json'\n⟨ask⟩",
        'curl -v -u "⟨user⟩:⟨v⟩" https://registry.corp.local/v2/_catalog\n'
        "< HTTP/1.1 401 Unauthorized\n⟨ask⟩",
    ),
)
BASIC_HEADER = (
    ("Authorization: Basic ⟨v⟩", "header is `Basic ⟨v⟩` right?"),
    (
        "GET /api/v1/reports HTTP/1.1\nHost: ⟨host⟩\nAuthorization: Basic ⟨v⟩\n"
        "Accept: application/json\n\n⟨ask⟩",
        '⟨lead⟩\nrequests.get(\n    url,\n    headers={"Authorization": "Basic ⟨v⟩"},\n'
        "    timeout=10,\n)",
    ),
)
BEARER_HEADER = (
    ("Authorization: Bearer ⟨v⟩", "token is Bearer ⟨v⟩ fwiw"),
    (
        'curl https://⟨host⟩/v2/orders \\\n  -H "Authorization: Bearer ⟨v⟩" \\\n'
        "  -H 'Accept: application/json'\n⟨ask⟩",
        "fetch(`/api/⟨svc⟩/items`, {\n  headers: { Authorization: 'Bearer ⟨v⟩' },\n})\n"
        "  .then((r) => r.json());",
    ),
)
TOKEN_HEADER = (
    ("Authorization: Token ⟨v⟩", "use `-H 'Authorization: token ⟨v⟩'`"),
    (
        "http GET https://⟨host⟩/api/projects/ \\\n  'Authorization: Token ⟨v⟩'\n⟨ask⟩",
        "⟨lead⟩\nclient = httpx.Client(\n    headers={'Authorization': 'Token ⟨v⟩'},\n)",
    ),
)
CREDENTIAL_URL = (
    (
        "postgres://⟨user⟩:⟨v⟩@⟨host⟩:5432/⟨db⟩",
        "mongodb+srv://⟨user⟩:⟨v⟩@cluster0.corp.local/⟨db⟩?retryWrites=true",
    ),
    (
        "⟨lead⟩\nDATABASE_URL=mysql://⟨user⟩:⟨v⟩@⟨host⟩:3306/⟨db⟩\nPOOL_SIZE=5\n⟨ask⟩",
        "celery:\n  broker_url: amqp://⟨user⟩:⟨v⟩@⟨host⟩:5672//\n  result_backend: rpc://\n⟨ask⟩",
        "[global]\nindex-url = https://⟨user⟩:⟨v⟩@pypi.corp.local/simple\ntimeout = 60\n⟨ask⟩",
    ),
)
CODE_PASSWORD = (
    (
        'conn = psycopg2.connect(host="⟨host⟩", user="⟨user⟩", password="⟨v⟩")',
        'props.setProperty("password", "⟨v⟩");',
        "define('DB_PASSWORD', '⟨v⟩');",
    ),
    (
        '⟨lead⟩\n```go\ncfg := mysql.Config{\n\tUser:   "⟨user⟩",\n\tPasswd: "⟨v⟩",\n'
        '\tAddr:   "⟨host⟩:3306",\n}\n```',
        '```csharp\nvar builder = new NpgsqlConnectionStringBuilder {\n    Host = "⟨host⟩",\n'
        '    Username = "⟨user⟩",\n    Password = "⟨v⟩"\n};\n```\n⟨ask⟩',
        "```ruby\nActiveRecord::Base.establish_connection(\n  adapter: 'postgresql',\n"
        "  username: '⟨user⟩',\n  password: '⟨v⟩'\n)\n```",
        '```kotlin\nval ds = HikariDataSource().apply {\n    username = "⟨user⟩"\n'
        '    password = "⟨v⟩"\n}\n```\n⟨ask⟩',
        '```rust\nlet opts = PgConnectOptions::new()\n    .host("⟨host⟩")\n'
        '    .username("⟨user⟩")\n    .password("⟨v⟩");\n```',
        "$cred = New-Object PSCredential('⟨user⟩', (ConvertTo-SecureString '⟨v⟩' "
        "-AsPlainText -Force))\nInvoke-Command -ComputerName ⟨host⟩ -Credential $cred\n⟨ask⟩",
    ),
)
CONNECTION_STRING = (
    (
        "Server=⟨host⟩;Database=⟨db⟩;User Id=⟨user⟩;Password=⟨v⟩;",
        "jdbc:mysql://⟨host⟩:3306/⟨db⟩?user=⟨user⟩&password=⟨v⟩&useSSL=true",
    ),
    (
        '⟨lead⟩\n"ConnectionStrings": {\n  "Default": "Server=⟨host⟩;Database=⟨db⟩;'
        'User Id=⟨user⟩;Password=⟨v⟩;TrustServerCertificate=True"\n}',
        "Data Source=⟨host⟩;Initial Catalog=⟨db⟩;User ID=⟨user⟩;Pwd=⟨v⟩;\n"
        "^ that's the string from web.config\n⟨ask⟩",
    ),
)
DOCKER_RUN = (
    (
        "docker run -e POSTGRES_PASSWORD=⟨v⟩ -d postgres:16",
        "docker run -d -e MYSQL_ROOT_PASSWORD='⟨v⟩' mysql:8",
    ),
    (
        "⟨lead⟩\ndocker run -d --name ⟨svc⟩ \\\n  -e DB_USER=⟨user⟩ \\\n"
        "  -e DB_PASSWORD=⟨v⟩ \\\n  -p 8080:8080 ghcr.io/acme/⟨svc⟩:⟨ver⟩",
        "docker compose run --rm \\\n  -e RABBITMQ_DEFAULT_PASS=⟨v⟩ \\\n  broker\n⟨ask⟩",
    ),
)
KUBECTL_SECRET = (
    (
        "kubectl create secret generic db-creds --from-literal=password=⟨v⟩",
        "kubectl create secret generic ⟨svc⟩ --from-literal=DB_PASS='⟨v⟩' -n prod",
    ),
    (
        "⟨lead⟩\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ⟨svc⟩-db\ntype: Opaque\n"
        'stringData:\n  username: ⟨user⟩\n  password: "⟨v⟩"',
    ),
)
STACK_TRACE = (
    (
        "sqlalchemy.exc.OperationalError: could not connect to postgresql://⟨user⟩:⟨v⟩@⟨host⟩/⟨db⟩",
        "ERROR: auth failed for redis://:⟨v⟩@⟨host⟩:6379/0 (WRONGPASS)",
    ),
    (
        'Traceback (most recent call last):\n  File "app/db.py", line 42, in connect\n'
        '    engine = create_engine("postgresql://⟨user⟩:⟨v⟩@⟨host⟩:5432/⟨db⟩")\n'
        "sqlalchemy.exc.OperationalError: timeout expired\n⟨ask⟩",
        'Exception in thread "main" java.sql.SQLException: Access denied\n'
        "\tat com.acme.db.Pool.open(Pool.java:88)\n"
        "\tconfig: jdbc.password=⟨v⟩\n\tat com.acme.Main.main(Main.java:12)",
    ),
)
LOG_LINE = (
    (
        "GET /v1/search?q=boots&api_key=⟨v⟩ HTTP/1.1 200 512",
        "[warn] retrying login for ⟨user⟩ with password=⟨v⟩ (attempt 3)",
    ),
    (
        "2025-05-14T08:12:44Z INFO  ⟨svc⟩ starting\n"
        "2025-05-14T08:12:45Z DEBUG ⟨svc⟩ config loaded: db.user=⟨user⟩ db.password=⟨v⟩\n"
        "2025-05-14T08:12:47Z ERROR ⟨svc⟩ connection refused\n⟨ask⟩",
        "[⟨svc⟩] 10:41:03 POST /oauth/token grant_type=client_credentials "
        "client_secret=⟨v⟩\n[⟨svc⟩] 10:41:03 401 invalid_client\n⟨ask⟩",
    ),
)
TICKET = (
    (
        "OPS-⟨num⟩: reset ⟨system⟩ admin, temp password ⟨v⟩",
        "ticket says the service account pw is ⟨v⟩ lol",
    ),
    (
        "Ticket SUP-⟨num⟩\nSummary: cannot log into ⟨system⟩\nSteps:\n1. user ⟨user⟩\n"
        "2. password ⟨v⟩\n3. error 403\nPriority: high",
        "Incidencia INC-⟨num⟩\nResumen: el acceso a ⟨system⟩ falla\nusuario ⟨user⟩, "
        "contraseña ⟨v⟩\nEstado: abierta",
        "Störung ⟨num⟩\n⟨system⟩ nicht erreichbar.\nTestzugang: ⟨user⟩ / ⟨v⟩\n"
        "Bitte bis Freitag prüfen.",
    ),
)
OAUTH_SECRET = (
    ("client_secret=⟨v⟩", 'OAUTH_CLIENT_SECRET: "⟨v⟩"'),
    (
        "⟨lead⟩\nauth:\n  provider: oidc\n  client_id: ⟨svc⟩\n  client_secret: ⟨v⟩\n"
        "  scopes: [openid, profile]",
        "curl -X POST https://⟨host⟩/oauth/token \\\n  -d grant_type=client_credentials \\\n"
        "  -d client_id=⟨svc⟩ \\\n  -d client_secret=⟨v⟩\n⟨ask⟩",
    ),
)
GENERIC_API_KEY = (
    ('api_key: "⟨v⟩"', "apiKey = '⟨v⟩'  // TODO move to vault"),
    (
        '⟨lead⟩\n```go\nconst (\n\tbaseURL = "https://⟨host⟩/v3"\n\tapiKey  = "⟨v⟩"\n)\n```',
        '<appSettings>\n  <add key="Environment" value="prod" />\n'
        '  <add key="ApiKey" value="⟨v⟩" />\n</appSettings>\n⟨ask⟩',
        "settings.py\nSECRET_KEY = '⟨v⟩'\nDEBUG = False\nALLOWED_HOSTS = ['*']",
    ),
)
XML_CONFIG = (
    ("<password>⟨v⟩</password>", '<property name="password" value="⟨v⟩"/>'),
    (
        "⟨lead⟩\n<settings>\n  <servers>\n    <server>\n      <id>releases</id>\n"
        "      <username>⟨user⟩</username>\n      <password>⟨v⟩</password>\n"
        "    </server>\n  </servers>\n</settings>",
    ),
)
AZURE_STORAGE = (
    (
        "AccountKey=⟨v⟩;EndpointSuffix=core.windows.net",
        "storage key: ⟨v⟩",
    ),
    (
        '⟨lead⟩\nAZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;'
        'AccountName=acme⟨num⟩;AccountKey=⟨v⟩;EndpointSuffix=core.windows.net"\n⟨ask⟩',
    ),
)
AWS_SECRET = (
    ("aws_secret_access_key = ⟨v⟩", "AWS_SECRET_ACCESS_KEY=⟨v⟩ (the new one)"),
    (
        "⟨lead⟩\n[profile ⟨svc⟩]\nregion = eu-west-1\noutput = json\naws_secret_access_key = ⟨v⟩",
        'provider "aws" {\n  region     = "us-east-2"\n  secret_key = "⟨v⟩"\n}\n⟨ask⟩',
    ),
)
SMTP_PASSWORD = (
    ("EMAIL_HOST_PASSWORD = '⟨v⟩'", "gmail app password for the alerts mailbox: ⟨v⟩"),
    (
        "⟨lead⟩\nspring.mail.host=smtp.corp.local\nspring.mail.port=587\n"
        "spring.mail.password=⟨v⟩\nspring.mail.properties.mail.smtp.auth=true",
    ),
)
JWT_TEXT = (
    ("token: ⟨v⟩", "here's my jwt ⟨v⟩ it says expired??"),
    (
        "⟨lead⟩\nGET /api/me HTTP/1.1\nAuthorization: Bearer ⟨v⟩\nUser-Agent: okhttp/4.12\n",
        "Set-Cookie: session=⟨v⟩; Path=/; HttpOnly; Secure\n⟨ask⟩",
    ),
)


def _pem_body(rng: random.Random, size: int, width: int) -> list[str]:
    raw = _b64(bytes(rng.getrandbits(8) for _ in range(size)))
    return [raw[i : i + width] for i in range(0, len(raw), width)]


def _pem(rng: random.Random, newline: str) -> str:
    kind, size, width = rng.choice(
        (
            ("RSA PRIVATE KEY", 1190, 64),
            ("PRIVATE KEY", 1217, 64),
            ("EC PRIVATE KEY", 121, 64),
            ("OPENSSH PRIVATE KEY", 399, 70),
        )
    )
    lines = [f"-----BEGIN {kind}-----", *_pem_body(rng, size, width), f"-----END {kind}-----"]
    return newline.join(lines)


PEM_BLOCK = (
    (
        '"private_key": "⟨v⟩\\n",',
        'SSH_KEY="⟨v⟩"',
    ),
    (
        "here's the deploy key, pls add it to the bastion:\n⟨v⟩\nthx!",
        "⟨lead⟩\n```\n⟨v⟩\n```\nssh says 'invalid format' ⟨ask⟩",
        "Ticket SEC-⟨num⟩ attachment id_ed25519 contents:\n\n⟨v⟩\n",
    ),
)
SERVICE_ACCOUNT = (
    (
        '{"type": "service_account", "project_id": "⟨db⟩-prod-⟨num⟩", "private_key": "⟨v⟩\\n", '
        '"token_uri": "https://oauth2.googleapis.com/token"}',
    ),
    (
        '⟨lead⟩\n{\n  "type": "service_account",\n  "project_id": "⟨db⟩-prod-⟨num⟩",\n'
        '  "private_key": "⟨v⟩\\n",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}',
    ),
)


def _jwt(rng: random.Random) -> str:
    alg = rng.choice(("HS256", "RS256", "ES256"))
    header = {"alg": alg, "typ": "JWT"}
    payload = {
        "sub": _uuid(rng),
        "iat": rng.randint(1_700_000_000, 1_760_000_000),
        "scope": rng.choice(("read write", "admin", "orders:read", "offline_access")),
    }
    payload["exp"] = payload["iat"] + 3600
    sig_size = {"HS256": 32, "RS256": 256, "ES256": 64}[alg]
    parts = (json.dumps(header).encode(), json.dumps(payload).encode())
    signature = _b64url(bytes(rng.getrandbits(8) for _ in range(sig_size)))
    return ".".join((*(_b64url(part) for part in parts), signature))


def _basic(rng: random.Random) -> str:
    return _b64(f"{rng.choice(USERS)}:{_password(rng)}".encode())


def _azure_key(rng: random.Random) -> str:
    return _b64(bytes(rng.getrandbits(8) for _ in range(64)))


def _alnum_end(alphabet: str, length: int) -> Token:
    """A run of ``alphabet`` that starts and ends with a letter or digit."""
    return _parts((ALNUM, 1), (alphabet, length - 2), (ALNUM, 1))


LITERAL: tuple[tuple[str, Token, tuple[tuple[str, ...], tuple[str, ...]], int], ...] = (
    ("password_chat", _password, PASSWORD_CHAT, 20),
    ("env_file", _password, ENV_FILE, 7),
    ("yaml_config", _password, YAML_CONFIG, 6),
    ("json_config", _password, JSON_CONFIG, 6),
    ("shell_history", _password, SHELL_HISTORY, 5),
    ("curl_user", _password, CURL_USER, 5),
    ("basic_auth_header", _basic, BASIC_HEADER, 6),
    ("bearer_header", _alnum_end(URLSAFE + ".", 48), BEARER_HEADER, 5),
    ("token_header", _tok("", HEX, 40), TOKEN_HEADER, 5),
    ("credential_url", _password, CREDENTIAL_URL, 7),
    ("private_key", lambda r: _pem(r, r.choice(("\\n", "\n"))), PEM_BLOCK, 6),
    ("jwt", _jwt, JWT_TEXT, 6),
    ("aws_secret_key", _alnum_end(B64, 40), AWS_SECRET, 5),
    ("code_db_password", _password, CODE_PASSWORD, 7),
    ("connection_string", _password, CONNECTION_STRING, 6),
    ("docker_run_env", _password, DOCKER_RUN, 5),
    ("kubectl_secret", _password, KUBECTL_SECRET, 3),
    ("stack_trace", _password, STACK_TRACE, 5),
    ("log_line", _alnum_end(ALNUM, 32), LOG_LINE, 5),
    ("ticket", _password, TICKET, 5),
    ("oauth_client_secret", _alnum_end(URLSAFE + "~.", 40), OAUTH_SECRET, 5),
    ("generic_api_key", _alnum_end(ALNUM + "_-", 36), GENERIC_API_KEY, 5),
    ("xml_config", _password, XML_CONFIG, 4),
    ("azure_storage_key", _azure_key, AZURE_STORAGE, 4),
    ("service_account_json", lambda r: _pem(r, "\\n"), SERVICE_ACCOUNT, 4),
    ("smtp_app_password", _app_password, SMTP_PASSWORD, 3),
)


def _literal(rng: random.Random) -> list[Case]:
    cases = []
    for family, value, (short, long), count in LITERAL:
        for _ in range(count):
            is_short = len(cases) % 2 == 0
            template = rng.choice(short if is_short else long)
            secret = value(rng)
            if family == "private_key" and not is_short:
                secret = secret.replace("\\n", "\n")
            elif family == "private_key":
                secret = secret.replace("\n", "\\n")
            text, spans = _join(_fill(template, secret, _fields(rng)))
            cases.append(Case(family, "literal", text, spans))
    return cases


# --- generated vendor tokens ------------------------------------------------------------------


def _github(prefix: str) -> Token:
    """A GitHub token: 30 random characters and the base-62 CRC32 of them as a 6-char tail."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = _B62[digit] + tail
        return f"{prefix}{body}{tail}"

    return build


def _azure_ad(rng: random.Random) -> str:
    head = _chars(rng, ALNUM, 1) + _chars(rng, ALNUM + "_~.", 2) + rng.choice(DIGITS) + "Q~"
    return head + _chars(rng, ALNUM + "_~.-", 33) + _chars(rng, ALNUM, 1)


def _mapbox(rng: random.Random) -> str:
    claims = {"u": f"acme-maps-{rng.randint(1, 99)}", "a": _chars(rng, LOWER + DIGITS, 25)}
    return (
        f"sk.{_b64url(json.dumps(claims).encode())}.{_chars(rng, URLSAFE, 21)}{rng.choice(ALNUM)}"
    )


def _teams(rng: random.Random) -> str:
    return (
        f"https://{_chars(rng, LOWER, 8)}.webhook.office.com/webhookb2/{_uuid(rng)}@{_uuid(rng)}"
        f"/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}"
    )


def _slack_webhook(rng: random.Random) -> str:
    ids = _chars(rng, UPPER + DIGITS, 10), _chars(rng, UPPER + DIGITS, 10)
    return f"https://hooks.slack.com/services/T{ids[0]}/B{ids[1]}/{_chars(rng, ALNUM, 24)}"


def _discord_webhook(rng: random.Random) -> str:
    tail = _chars(rng, URLSAFE, 67) + _chars(rng, ALNUM, 1)
    return f"https://discord.com/api/webhooks/{_chars(rng, DIGITS, 19)}/{tail}"


# family: (variable name, vendor as people call it, value, is a URL)
VENDORS: dict[str, tuple[str, str, Token, bool]] = {
    "aws-access-key-id": (
        "AWS_ACCESS_KEY_ID",
        "AWS",
        _parts("AKIA", (BASE32, 16)),
        False,
    ),
    "gcp-api-key": (
        "GOOGLE_API_KEY",
        "Google Maps",
        _parts("AIza", (URLSAFE, 34), (ALNUM, 1)),
        False,
    ),
    "gcp-oauth-secret": ("GOOGLE_CLIENT_SECRET", "Google OAuth", _tok("GOCSPX-", ALNUM, 28), False),
    "azure-ad-client-secret": ("AZURE_CLIENT_SECRET", "Entra ID", _azure_ad, False),
    "alibaba": ("ALIBABA_ACCESS_KEY_ID", "Alibaba Cloud", _tok("LTAI", ALNUM, 20), False),
    "digitalocean": ("DIGITALOCEAN_TOKEN", "DigitalOcean", _tok("dop_v1_", HEX, 64), False),
    "heroku": ("HEROKU_API_KEY", "Heroku", _tok("HRKU-AA", ALNUM, 58), False),
    "flyio": ("FLY_API_TOKEN", "Fly.io", _tok("fo1_", ALNUM, 43), False),
    "yandex": ("YC_API_KEY", "Yandex Cloud", _tok("AQVN", ALNUM, 36), False),
    "cloudflare-origin-ca": (
        "CF_ORIGIN_CA_KEY",
        "Cloudflare",
        _parts("v1.0-", (HEX, 24), "-", (HEX, 146)),
        False,
    ),
    "vault": ("VAULT_TOKEN", "Vault", _tok("hvs.", ALNUM, 92), False),
    "terraform-cloud": (
        "TFE_TOKEN",
        "Terraform Cloud",
        _parts((LOWER + DIGITS, 14), ".atlasv1.", (ALNUM, 67)),
        False,
    ),
    "supabase": ("SUPABASE_ACCESS_TOKEN", "Supabase", _tok("sbp_", HEX, 40), False),
    "planetscale": ("PLANETSCALE_TOKEN", "PlanetScale", _tok("pscale_tkn_", ALNUM, 43), False),
    "render": ("RENDER_API_KEY", "Render", _tok("rnd_", ALNUM, 32), False),
    "databricks": ("DATABRICKS_TOKEN", "Databricks", _tok("dapi", HEX, 32), False),
    "github-classic": ("GITHUB_TOKEN", "GitHub", _github("ghp_"), False),
    "github-oauth": ("GH_OAUTH_TOKEN", "GitHub OAuth", _github("gho_"), False),
    "github-app": ("GH_APP_TOKEN", "GitHub App", _github("ghs_"), False),
    "github-user-to-server": ("GH_USER_TOKEN", "GitHub user", _github("ghu_"), False),
    "github-fine-grained": (
        "GH_PAT",
        "GitHub fine-grained",
        _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59)),
        False,
    ),
    "gitlab-pat": ("GITLAB_TOKEN", "GitLab", _tok("glpat-", ALNUM, 20), False),
    "gitlab-runner": ("RUNNER_TOKEN", "GitLab runner", _tok("glrt-", ALNUM, 20), False),
    "gitlab-deploy": ("DEPLOY_TOKEN", "GitLab deploy", _tok("gldt-", ALNUM, 20), False),
    "atlassian": ("JIRA_API_TOKEN", "Jira", _tok("ATATT3", ALNUM, 186), False),
    "circleci": (
        "CIRCLECI_TOKEN",
        "CircleCI",
        _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40)),
        False,
    ),
    "buildkite": ("BUILDKITE_API_TOKEN", "Buildkite", _tok("bkua_", HEX, 40), False),
    "dockerhub": ("DOCKERHUB_TOKEN", "Docker Hub", _tok("dckr_pat_", ALNUM, 27), False),
    "octopus-deploy": ("OCTOPUS_API_KEY", "Octopus", _tok("API-", UPPER + DIGITS, 26), False),
    "harness": (
        "HARNESS_PAT",
        "Harness",
        _parts("pat.", (ALNUM, 22), ".", (ALNUM, 24), ".", (ALNUM, 20)),
        False,
    ),
    "sonarqube": ("SONAR_TOKEN", "SonarQube", _tok("squ_", HEX, 40), False),
    "jfrog": ("ARTIFACTORY_API_KEY", "Artifactory", _tok("AKCp", ALNUM, 69), False),
    "pulumi": ("PULUMI_ACCESS_TOKEN", "Pulumi", _tok("pul-", HEX, 40), False),
    "prefect": ("PREFECT_API_KEY", "Prefect", _tok("pnu_", ALNUM, 36), False),
    "stripe-secret": ("STRIPE_SECRET_KEY", "Stripe", _tok("sk_live_", ALNUM, 99), False),
    "stripe-restricted": ("STRIPE_RK", "Stripe restricted", _tok("rk_live_", ALNUM, 24), False),
    "stripe-webhook-secret": (
        "STRIPE_WEBHOOK_SECRET",
        "Stripe webhook",
        _tok("whsec_", ALNUM, 32),
        False,
    ),
    "square": ("SQUARE_ACCESS_TOKEN", "Square", _tok("EAAA", ALNUM, 60), False),
    "square-oauth-secret": ("SQUARE_APP_SECRET", "Square app", _tok("sq0csp-", ALNUM, 43), False),
    "braintree": (
        "BRAINTREE_ACCESS_TOKEN",
        "Braintree",
        _parts("access_token$production$", (LOWER + DIGITS, 16), "$", (HEX, 32)),
        False,
    ),
    "flutterwave": (
        "FLW_SECRET_KEY",
        "Flutterwave",
        _parts("FLWSECK_TEST-", (HEX, 32), "-X"),
        False,
    ),
    "paystack": ("PAYSTACK_SECRET_KEY", "Paystack", _tok("sk_live_", HEX, 40), False),
    "plaid": ("PLAID_ACCESS_TOKEN", "Plaid", lambda r: "access-production-" + _uuid(r), False),
    "shippo": ("SHIPPO_API_TOKEN", "Shippo", _tok("shippo_live_", HEX, 40), False),
    "easypost": ("EASYPOST_API_KEY", "EasyPost", _tok("EZAK", ALNUM, 54), False),
    "duffel": ("DUFFEL_TOKEN", "Duffel", _tok("duffel_live_", ALNUM, 43), False),
    "slack-bot": (
        "SLACK_BOT_TOKEN",
        "Slack bot",
        _parts("xoxb-", (DIGITS, 12), "-", (DIGITS, 13), "-", (ALNUM, 24)),
        False,
    ),
    "slack-user": (
        "SLACK_USER_TOKEN",
        "Slack user",
        _parts("xoxp-", (DIGITS, 12), "-", (DIGITS, 12), "-", (DIGITS, 13), "-", (HEX, 32)),
        False,
    ),
    "slack-webhook": ("SLACK_WEBHOOK_URL", "Slack", _slack_webhook, True),
    "discord-bot": (
        "DISCORD_TOKEN",
        "Discord bot",
        _parts("M", (ALNUM, 25), ".", (URLSAFE, 6), ".", (ALNUM, 38)),
        False,
    ),
    "discord-webhook": ("DISCORD_WEBHOOK", "Discord", _discord_webhook, True),
    "teams-webhook": ("TEAMS_WEBHOOK_URL", "Teams", _teams, True),
    "telegram-bot": (
        "TELEGRAM_BOT_TOKEN",
        "Telegram",
        _parts((DIGITS, 10), ":AA", (URLSAFE, 32), (ALNUM, 1)),
        False,
    ),
    "twilio-api-key": ("TWILIO_API_KEY", "Twilio", _tok("SK", HEX, 32), False),
    "sendgrid": (
        "SENDGRID_API_KEY",
        "SendGrid",
        _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 42), (ALNUM, 1)),
        False,
    ),
    "mailgun": ("MAILGUN_API_KEY", "Mailgun", _tok("key-", HEX, 32), False),
    "mailchimp": (
        "MAILCHIMP_API_KEY",
        "Mailchimp",
        lambda r: f"{_chars(r, HEX, 32)}-us{r.randint(1, 21)}",
        False,
    ),
    "brevo": ("BREVO_API_KEY", "Brevo", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16)), False),
    "resend": ("RESEND_API_KEY", "Resend", _parts("re_", (ALNUM, 8), "_", (ALNUM, 24)), False),
    "openai": (
        "OPENAI_API_KEY",
        "OpenAI",
        _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 73), (ALNUM, 1)),
        False,
    ),
    "anthropic": (
        "ANTHROPIC_API_KEY",
        "Claude",
        _parts("sk-ant-api03-", (URLSAFE, 93), "AA"),
        False,
    ),
    "huggingface": ("HF_TOKEN", "Hugging Face", _tok("hf_", UPPER + LOWER, 34), False),
    "groq": ("GROQ_API_KEY", "Groq", _tok("gsk_", ALNUM, 52), False),
    "replicate": ("REPLICATE_API_TOKEN", "Replicate", _tok("r8_", ALNUM, 37), False),
    "perplexity": ("PPLX_API_KEY", "Perplexity", _tok("pplx-", ALNUM, 48), False),
    "xai": ("XAI_API_KEY", "Grok", _tok("xai-", ALNUM, 80), False),
    "openrouter": ("OPENROUTER_API_KEY", "OpenRouter", _tok("sk-or-v1-", HEX, 64), False),
    "langsmith": (
        "LANGSMITH_API_KEY",
        "LangSmith",
        _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10)),
        False,
    ),
    "nvidia": ("NVIDIA_API_KEY", "NVIDIA NIM", _tok("nvapi-", ALNUM, 64), False),
    "tavily": ("TAVILY_API_KEY", "Tavily", _tok("tvly-", ALNUM, 32), False),
    "langfuse": ("LANGFUSE_SECRET_KEY", "Langfuse", lambda r: "sk-lf-" + _uuid(r), False),
    "elevenlabs": ("ELEVENLABS_API_KEY", "ElevenLabs", _tok("sk_", HEX, 48), False),
    "deepseek": ("DEEPSEEK_API_KEY", "DeepSeek", _tok("sk-", HEX, 32), False),
    "mistral": ("MISTRAL_API_KEY", "Mistral", _tok("", ALNUM, 32), False),
    "cohere": ("COHERE_API_KEY", "Cohere", _tok("", ALNUM, 40), False),
    "new-relic": ("NEW_RELIC_API_KEY", "New Relic", _tok("NRAK-", UPPER + DIGITS, 27), False),
    "grafana-service-account": (
        "GRAFANA_SA_TOKEN",
        "Grafana",
        _parts("glsa_", (ALNUM, 32), "_", (HEX, 8)),
        False,
    ),
    "sentry": ("SENTRY_AUTH_TOKEN", "Sentry", _tok("sntryu_", HEX, 64), False),
    "dynatrace": (
        "DT_API_TOKEN",
        "Dynatrace",
        _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64)),
        False,
    ),
    "datadog": ("DD_API_KEY", "Datadog", _tok("", HEX, 32), False),
    "npm": ("NPM_TOKEN", "npm", _tok("npm_", ALNUM, 36), False),
    "pypi": ("PYPI_API_TOKEN", "PyPI", _tok("pypi-AgEIcHlwaS5vcmc", ALNUM, 70), False),
    "rubygems": ("GEM_HOST_API_KEY", "RubyGems", _tok("rubygems_", HEX, 48), False),
    "nuget": ("NUGET_API_KEY", "NuGet", _tok("oy2", LOWER + DIGITS, 43), False),
    "clojars": ("CLOJARS_TOKEN", "Clojars", _tok("CLOJARS_", LOWER + DIGITS, 60), False),
    "shopify": ("SHOPIFY_ACCESS_TOKEN", "Shopify", _tok("shpat_", HEX, 32), False),
    "linear": ("LINEAR_API_KEY", "Linear", _tok("lin_api_", ALNUM, 40), False),
    "notion": (
        "NOTION_TOKEN",
        "Notion",
        _parts("ntn_", (DIGITS, 11), (ALNUM, 35)),
        False,
    ),
    "airtable": (
        "AIRTABLE_PAT",
        "Airtable",
        _parts("pat", (ALNUM, 14), ".", (HEX, 64)),
        False,
    ),
    "hubspot": ("HUBSPOT_TOKEN", "HubSpot", lambda r: "pat-na1-" + _uuid(r), False),
    "figma": ("FIGMA_TOKEN", "Figma", _parts("figd_", (URLSAFE, 39), (ALNUM, 1)), False),
    "postman": ("POSTMAN_API_KEY", "Postman", _parts("PMAK-", (HEX, 24), "-", (HEX, 34)), False),
    "doppler": ("DOPPLER_TOKEN", "Doppler", _tok("dp.pt.", ALNUM, 43), False),
    "typeform": ("TYPEFORM_TOKEN", "Typeform", _tok("tfp_", ALNUM, 59), False),
    "readme": ("README_API_KEY", "ReadMe", _tok("rdme_", LOWER + DIGITS, 70), False),
    "mapbox": ("MAPBOX_SECRET_TOKEN", "Mapbox", _mapbox, False),
    "dropbox": ("DROPBOX_ACCESS_TOKEN", "Dropbox", _tok("sl.", ALNUM, 135), False),
    "launchdarkly": ("LD_API_KEY", "LaunchDarkly", lambda r: "api-" + _uuid(r), False),
    "1password-secret-key": (
        "OP_SECRET_KEY",
        "1Password",
        _parts(
            "A3-",
            (UPPER + DIGITS, 6),
            "-",
            (UPPER + DIGITS, 11),
            "-",
            (UPPER + DIGITS, 5),
            "-",
            (UPPER + DIGITS, 5),
            "-",
            (UPPER + DIGITS, 5),
        ),
        False,
    ),
    "age-secret-key": (
        "SOPS_AGE_KEY",
        "age",
        _tok("AGE-SECRET-KEY-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
        False,
    ),
    "okta": ("OKTA_API_TOKEN", "Okta", _tok("00", ALNUM, 40), False),
    "contentful": ("CONTENTFUL_TOKEN", "Contentful", _tok("CFPAT-", ALNUM, 43), False),
    "algolia": ("ALGOLIA_ADMIN_KEY", "Algolia", _tok("", HEX, 32), False),
    "facebook": ("FB_PAGE_TOKEN", "Facebook", _tok("EAAC", ALNUM, 150), False),
    "infracost": ("INFRACOST_API_KEY", "Infracost", _tok("ico-", ALNUM, 32), False),
    "azure-devops": (
        "AZURE_DEVOPS_PAT",
        "Azure DevOps",
        _tok("", "abcdefghijklmnopqrstuvwxyz234567", 52),
        False,
    ),
    "maxmind": (
        "MAXMIND_LICENSE_KEY",
        "MaxMind",
        _parts((ALNUM, 6), "_", (ALNUM, 29), "_mmk"),
        False,
    ),
    "openshift": (
        "OPENSHIFT_TOKEN",
        "OpenShift",
        _parts("sha256~", (URLSAFE, 42), (ALNUM, 1)),
        False,
    ),
    "scalingo": ("SCALINGO_API_TOKEN", "Scalingo", _tok("tk-us-", ALNUM, 48), False),
    "firecrawl": ("FIRECRAWL_API_KEY", "Firecrawl", _tok("fc-", HEX, 32), False),
}

GENERATED_SHORT = (
    "⟨name⟩=⟨v⟩",
    "here's the ⟨vendor⟩ key: ⟨v⟩",
    "new ⟨vendor⟩ token ⟨v⟩ (rotated today)",
    "can u try with ⟨v⟩ ? the old one expired",
    "export ⟨name⟩=⟨v⟩",
    "⟨vendor⟩ token for staging → ⟨v⟩ 🙏",
    "nuevo token de ⟨vendor⟩: ⟨v⟩",
    "neuer ⟨vendor⟩ Token: ⟨v⟩",
    "le token ⟨vendor⟩ c'est ⟨v⟩",
    "token do ⟨vendor⟩: ⟨v⟩",
    "ecco la chiave ⟨vendor⟩: ⟨v⟩",
    "⟨vendor⟩ のトークン: ⟨v⟩",
    "⟨vendor⟩ 的密钥是 ⟨v⟩",
    "oops wrong chat, ignore ⟨v⟩ 🙃",
)
GENERATED_LONG = (
    "⟨lead⟩\nAPP_ENV=production\nLOG_LEVEL=info\n⟨name⟩=⟨v⟩\nPORT=8080",
    "```yaml\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      ⟨name⟩: ⟨v⟩\n"
    "    steps:\n      - uses: actions/checkout@v4\n```\n⟨ask⟩",
    'import os\n\nos.environ.setdefault("⟨name⟩", "⟨v⟩")\nclient = Client(timeout=30)\n⟨ask⟩',
    "const config = {\n  ⟨camel⟩: '⟨v⟩',\n  retries: 3,\n};\nmodule.exports = config;",
    "docker run --rm \\\n  -e ⟨name⟩=⟨v⟩ \\\n  -p 8080:8080 \\\n  ghcr.io/acme/⟨svc⟩:⟨ver⟩",
    'variable "⟨lower⟩" {\n  type      = string\n  sensitive = true\n  default   = "⟨v⟩"\n}',
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: ⟨svc⟩\ntype: Opaque\nstringData:\n"
    '  ⟨name⟩: "⟨v⟩"',
    '⟨lead⟩\n{\n  "service": "⟨svc⟩",\n  "⟨lower⟩": "⟨v⟩",\n  "timeout_ms": 5000\n}',
    "2025-06-02T11:04:19Z WARN [⟨svc⟩] ⟨vendor⟩ call failed\n"
    "2025-06-02T11:04:19Z DEBUG [⟨svc⟩] retrying with ⟨name⟩=⟨v⟩\n"
    "2025-06-02T11:04:20Z ERROR [⟨svc⟩] 401 Unauthorized",
    "Ticket OPS-⟨num⟩\nSummary: ⟨vendor⟩ integration broken\n"
    "Details: the token ⟨v⟩ returns 403 since yesterday\nPriority: high",
    'curl -s https://api.⟨slug⟩.com/v1/me \\\n  -H "Authorization: Bearer ⟨v⟩"\n⟨ask⟩',
    '```python\nsettings = Settings(\n    ⟨lower⟩="⟨v⟩",\n    region="eu",\n)\n```\n⟨ask⟩',
)
URL_SHORT = (
    "webhook url: ⟨v⟩",
    "post alerts to ⟨v⟩ pls",
    "⟨name⟩=⟨v⟩",
    "el webhook de ⟨vendor⟩ es ⟨v⟩",
    "der ⟨vendor⟩ Webhook: ⟨v⟩",
)
URL_LONG = (
    "curl -X POST -H 'Content-type: application/json' \\\n  --data '{\"text\":\"deploy done\"}' "
    "\\\n  ⟨v⟩\n⟨ask⟩",
    "⟨lead⟩\nreceivers:\n  - name: oncall\n    ⟨lower⟩_configs:\n      - url: ⟨v⟩\n"
    "        send_resolved: true",
    "⟨lead⟩\nNOTIFY_CHANNEL=ops\n⟨name⟩=⟨v⟩\nNOTIFY_LEVEL=warning",
)


def _camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(part.title() for part in rest)


def _generated(rng: random.Random) -> list[Case]:
    families = sorted(VENDORS)
    rng.shuffle(families)
    cases, seen = [], set()
    for index in range(SIZES["generated"]):
        family = families[index % len(families)]
        name, vendor, token, is_url = VENDORS[family]
        value = token(rng)
        while value in seen:
            value = token(rng)
        seen.add(value)
        is_short = index % 2 == 0
        pool = (URL_SHORT, URL_LONG) if is_url else (GENERATED_SHORT, GENERATED_LONG)
        fields = _fields(rng) | {
            "name": name,
            "vendor": vendor,
            "camel": _camel(name),
            "lower": name.lower(),
            "slug": re.sub(r"[^a-z0-9]", "", vendor.lower().split()[0]),
        }
        template = rng.choice(pool[0] if is_short else pool[1])
        text, spans = _join(_fill(template, value, fields))
        cases.append(Case(family, "generated", text, spans))
    return cases


# --- negatives: what the suites list as must-not-fire -------------------------------------


def _semver(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"


def _date(rng: random.Random) -> str:
    return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _sha(rng: random.Random, text: str) -> str:
    return hashlib.sha256(f"{text}{rng.random()}".encode()).hexdigest()


def _neg_placeholder(rng: random.Random, short: bool) -> str:
    name = rng.choice(("OPENAI_API_KEY", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "DB_PASSWORD"))
    holder = rng.choice(
        ("<your-api-key>", "<YOUR_TOKEN_HERE>", "your_api_key_here", "<password>", "INSERT_KEY")
    )
    if short:
        return rng.choice(
            (
                f"{name}={holder}",
                f"just set {name} to {holder} and run it",
                f"replace {holder} with your own key obv",
            )
        )
    return (
        f"# copy to .env and fill in\n{name}={holder}\nAPI_BASE=https://api.{rng.choice(DBS)}.dev\n"
        f"TIMEOUT={rng.randint(5, 60)}\n# never commit the real value"
    )


def _neg_masked(rng: random.Random, short: bool) -> str:
    mask = rng.choice(
        (
            "x" * rng.randint(16, 40),
            "*" * rng.randint(8, 16),
            "sk-" + "x" * rng.randint(20, 40),
            "ghp_" + "X" * 36,
            "XXXX-XXXX-XXXX-XXXX",
            "AKIA" + "X" * 16,
        )
    )
    if short:
        return rng.choice((f"token: {mask}", f'password = "{mask}"', f"key is {mask} (masked)"))
    return (
        f"api:\n  endpoint: https://{rng.choice(HOSTS)}/v2\n  key: {mask}\n"
        f"  retries: {rng.randint(1, 5)}\n# masked before pasting"
    )


def _neg_reference(rng: random.Random, short: bool) -> str:
    name = rng.choice(("DB_PASSWORD", "API_TOKEN", "STRIPE_KEY", "NPM_TOKEN", "SLACK_WEBHOOK"))
    refs = (
        f"password: ${{{name}}}",
        f'api_key = os.environ["{name}"]',
        f"const token = process.env.{name};",
        f"token: ${{{{ secrets.{name} }}}}",
        f"PASSWORD=$(cat /run/secrets/{name.lower()})",
        f'key := os.Getenv("{name}")',
        f"password: !vault {name.lower()}",
    )
    if short:
        return rng.choice(refs)
    return (
        "env:\n  - name: "
        + name
        + "\n    valueFrom:\n      secretKeyRef:\n        name: "
        + rng.choice(SERVICES)
        + "\n        key: "
        + name.lower()
        + "\n"
        + rng.choice(refs)
    )


def _neg_doc_example(rng: random.Random, short: bool) -> str:
    example = rng.choice(
        (
            "AKIA" + _chars(rng, BASE32, 9) + "EXAMPLE",
            "sk_test_" + "EXAMPLE" + "0" * rng.randint(10, 20),
            "your-secret-key-goes-here",
            "example-token-" + str(rng.randint(1, 99)),
            "dummy_password",
        )
    )
    if short:
        return rng.choice(
            (
                f"the docs use {example} as the sample value",
                f"from the README: api_key = {example}",
            )
        )
    return (
        "## Quick start\n\n```bash\n"
        f"export API_KEY={example}\nacme-cli login\n```\n\n"
        "Replace the sample value above with a key from the dashboard."
    )


def _neg_checksum(rng: random.Random, short: bool) -> str:
    name = rng.choice(("app.tar.gz", "release.zip", "model.bin", "installer.msi", "dump.sql.gz"))
    digest = _sha(rng, name)
    md5 = hashlib.md5(name.encode() + bytes([rng.randint(0, 255)]), usedforsecurity=False)
    if short:
        return rng.choice((f"sha256 matches: {digest}", f"md5 of {name} is {md5.hexdigest()} fyi"))
    integrity = _b64(hashlib.sha512(digest.encode()).digest())
    return (
        f"$ sha256sum {name}\n{digest}  {name}\n"
        f'"resolved": "https://registry.npmjs.org/left-pad/-/left-pad-{_semver(rng)}.tgz",\n'
        f'"integrity": "sha512-{integrity}"'
    )


def _neg_commit(rng: random.Random, short: bool) -> str:
    sha = _sha(rng, "commit")[:40]
    if short:
        return rng.choice((f"fixed in {sha[:7]}, pls pull", f"revert {sha} broke the build 😩"))
    lines = [f"{_sha(rng, 'c')[:7]} {msg}" for msg in ("fix flaky test", "bump deps", "docs")]
    return "$ git log --oneline -3\n" + "\n".join(lines) + f"\nmerge base: {sha}"


def _neg_uuid(rng: random.Random, short: bool) -> str:
    if short:
        return rng.choice(
            (
                f"request id {_uuid(rng)} if that helps",
                f"trace_id={_uuid(rng)} span_id={_chars(rng, HEX, 16)}",
            )
        )
    return (
        f'{{\n  "id": "{_uuid(rng)}",\n  "tenant_id": "{_uuid(rng)}",\n'
        f'  "created_at": "{_date(rng)}T09:00:00Z",\n  "status": "pending"\n}}'
    )


def _neg_digest(rng: random.Random, short: bool) -> str:
    digest = _sha(rng, "image")
    if short:
        return f"pin it to ghcr.io/acme/{rng.choice(SERVICES)}@sha256:{digest}"
    return (
        f"$ docker pull nginx:1.{rng.randint(20, 27)}\n"
        f"Digest: sha256:{digest}\nStatus: Downloaded newer image"
    )


def _neg_network(rng: random.Random, short: bool) -> str:
    v6 = f"2001:db8:{rng.randint(1, 0xFFFF):x}::{rng.randint(1, 0xFF):x}"
    port = rng.choice((5432, 6379, 8080, 8443, 9092, 27017, 3000))
    if short:
        return rng.choice((f"listening on [{v6}]:{port}", f"port {port} is taken, use {port + 1}"))
    return (
        f'server:\n  listen: "[::]:{port}"\n  upstream: "[{v6}]:{port + 1}"\n'
        f"  keepalive: {rng.randint(10, 120)}s"
    )


def _neg_versions(rng: random.Random, short: bool) -> str:
    if short:
        return rng.choice(
            (
                f"upgraded to v{_semver(rng)} on {_date(rng)}",
                f"works on node {rng.randint(18, 22)}.{rng.randint(0, 12)}.0, not on 16",
            )
        )
    pkgs = rng.sample(("requests", "urllib3", "pydantic", "numpy", "boto3", "httpx", "attrs"), 4)
    return "$ pip freeze | head -4\n" + "\n".join(f"{p}=={_semver(rng)}" for p in pkgs)


def _neg_coordinates(rng: random.Random, short: bool) -> str:
    artifact = rng.choice(("jackson-databind", "guava", "slf4j-api", "commons-lang3"))
    if short:
        return f"implementation 'com.acme.libs:{artifact}:{_semver(rng)}'"
    go_hash = _b64(hashlib.sha256(artifact.encode() + bytes([rng.randint(0, 255)])).digest())
    return (
        f"<dependency>\n  <groupId>com.acme.libs</groupId>\n  <artifactId>{artifact}</artifactId>\n"
        f"  <version>{_semver(rng)}</version>\n</dependency>\n"
        f"golang.org/x/text v0.{rng.randint(3, 20)}.0 h1:{go_hash}"
    )


def _neg_empty(rng: random.Random, short: bool) -> str:
    empties = ("PASSWORD=", 'api_key = ""', "token: null", "secret: ''", "AWS_SECRET_ACCESS_KEY=")
    if short:
        return f"{rng.choice(empties)}  <- why is this empty in prod??"
    return "\n".join(("# .env.example", *rng.sample(empties, 3), "DEBUG=true"))


def _neg_identifiers(rng: random.Random, short: bool) -> str:
    snippets = (
        'password = form.cleaned_data["password"]',
        "def reset_password(user, token):",
        "MAX_TOKEN_LENGTH = 4096",
        "tokenizer = AutoTokenizer.from_pretrained(model_name)",
        "passwordInput.type = 'password';",
        "if not api_key: raise MissingApiKey()",
        "secret_name = f'{env}/db/credentials'",
    )
    if short:
        return rng.choice(snippets)
    return "```python\n" + "\n".join(rng.sample(snippets, 4)) + "\n```\nrefactor ok?"


def _neg_redacted(rng: random.Random, short: bool) -> str:
    red = rng.choice(
        ("[REDACTED]", "<redacted>", "***", "sk-...a1b2", "****" + str(rng.randint(1000, 9999)))
    )
    if short:
        return rng.choice((f"Authorization: Bearer {red}", f"password={red} (scrubbed)"))
    return (
        f"POST /v1/charges 402\nAuthorization: Bearer {red}\n"
        f'X-Request-Id: {_uuid(rng)}\nbody: {{"amount": {rng.randint(100, 9999)}}}'
    )


PROSE = (
    "rotate your keys every 90 days and never paste tokens in here",
    "reminder: secrets go in the vault, not in slack",
    "the password reset email takes a few minutes to arrive",
    "we should add secret scanning to the pre-commit hooks",
    "recordad: nunca compartáis contraseñas por chat",
    "Bitte keine Passwörter im Chat teilen, nutzt den Tresor.",
    "ne partagez jamais vos mots de passe ici svp",
    "não compartilhem senhas aqui, usem o cofre",
    "non condividete le password in chat",
    "deel nooit wachtwoorden in de chat",
    "dela aldrig lösenord i chatten",
    "nie udostępniajcie haseł na czacie",
    "şifreleri sohbette paylaşmayın lütfen",
    "パスワードはチャットに貼らないでください",
    "请不要在聊天里发密码",
)


def _neg_prose(rng: random.Random, short: bool) -> str:
    if short:
        return rng.choice(PROSE)
    return "\n".join(rng.sample(PROSE, 3))


def _neg_base64(rng: random.Random, short: bool) -> str:
    payload = json.dumps({"page": rng.randint(1, 50), "sort": rng.choice(("asc", "desc"))})
    blob = _b64(payload.encode())
    if short:
        return f"the cursor is just base64: {blob}"
    text = rng.choice(("hello world, this is a test file", "quarterly report draft, v2"))
    return (
        f"next_cursor: {blob}\ncontent_b64: {_b64(text.encode())}\n"
        "decode it with base64 -d, nothing secret in there"
    )


def _neg_paths(rng: random.Random, short: bool) -> str:
    paths = (
        "/var/lib/postgresql/data/pg_wal",
        "C:\\Program Files\\Acme\\config\\settings.ini",
        "./secrets/README.md",
        "~/.ssh/known_hosts",
        "/etc/ssl/certs/ca-certificates.crt",
        "src/main/resources/application.yml",
    )
    if short:
        return f"file is at {rng.choice(paths)}"
    return "$ ls -1\n" + "\n".join(rng.sample(paths, 4))


def _neg_css_html(rng: random.Random, short: bool) -> str:
    color = f"#{_chars(rng, HEX, 6)}"
    if short:
        return f".login-btn {{ background: {color}; border-radius: {rng.randint(2, 12)}px; }}"
    return (
        '<form method="post">\n  <label for="password">Password</label>\n'
        '  <input type="password" id="password" name="password" '
        'autocomplete="current-password">\n'
        f'  <button style="color: {color}">Sign in</button>\n</form>'
    )


def _neg_minified(rng: random.Random, short: bool) -> str:
    a, b = rng.sample("abcdefghnrtu", 2)
    code = (
        f"function {a}({b}){{return {b}&&{b}.token?{b}.token:null}}"
        f"var {b}={{apiKey:void 0,timeout:{rng.randint(1, 9)}e3}};"
    )
    if short:
        return code
    return f"bundle.min.js line 1:\n{code}\n{code[::-1][:40]}\nsourcemap missing"


def _ssh_pub(rng: random.Random) -> str:
    blob = _b64(
        b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + bytes(rng.getrandbits(8) for _ in range(32))
    )
    return f"ssh-ed25519 {blob} deploy-key-{rng.randint(1, 99)}"


def _neg_public_material(rng: random.Random, short: bool) -> str:
    if short:
        return rng.choice(
            (
                f"add this to authorized_keys: {_ssh_pub(rng)}",
                f"publishable key for checkout: pk_live_{_chars(rng, ALNUM, 24)}",
                f"oauth client id {rng.randint(10**11, 10**12 - 1)}-"
                f"{_chars(rng, LOWER + DIGITS, 32)}.apps.googleusercontent.com",
            )
        )
    kind = rng.choice(("PUBLIC KEY", "CERTIFICATE"))
    body = "\n".join(_pem_body(rng, rng.choice((294, 600)), 64))
    block = f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----"
    return f"here's our public cert, share freely\n{block}"


def _neg_cli_help(rng: random.Random, short: bool) -> str:
    if short:
        return rng.choice(
            ("usage: acme login --token TOKEN", "--password-stdin reads the password from stdin")
        )
    return (
        "Usage: acme deploy [OPTIONS]\n\nOptions:\n"
        "  --token TEXT       API token (or set ACME_TOKEN)\n"
        "  --password TEXT    registry password\n"
        f"  --timeout INTEGER  seconds [default: {rng.randint(10, 90)}]"
    )


def _neg_policy(rng: random.Random, short: bool) -> str:
    length = rng.randint(10, 16)
    if short:
        days = rng.choice((60, 90))
        return f"new policy: passwords need {length}+ chars and rotate every {days} days"
    return (
        "Password policy v" + _semver(rng) + "\n"
        f"- minimum length {length}\n- no reuse of the last {rng.randint(3, 12)} passwords\n"
        "- MFA required for admin accounts"
    )


def _neg_k8s(rng: random.Random, short: bool) -> str:
    svc = rng.choice(SERVICES)
    if short:
        return f"kubectl get secret {svc}-creds -o yaml | grep -c data"
    return (
        f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {svc}\nspec:\n"
        f"  replicas: {rng.randint(1, 6)}\n  template:\n    spec:\n      containers:\n"
        f"        - name: {svc}\n          envFrom:\n            - secretRef:\n"
        f"                name: {svc}-creds"
    )


def _neg_terraform(rng: random.Random, short: bool) -> str:
    if short:
        return rng.choice(
            (
                "client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.main.id",
                "client_secret = var.client_secret",
                "password = data.aws_secretsmanager_secret_version.db.secret_string",
            )
        )
    return (
        'resource "azuread_application_password" "app" {\n'
        "  application_id = azuread_application.app.id\n"
        f'  end_date       = "{_date(rng)}T00:00:00Z"\n}}\n\n'
        'output "client_secret" {\n  value     = azuread_application_password.app.value\n'
        "  sensitive = true\n}"
    )


NEGATIVES: tuple[tuple[str, Builder], ...] = (
    ("placeholder", _neg_placeholder),
    ("masked_value", _neg_masked),
    ("env_reference", _neg_reference),
    ("documentation_example", _neg_doc_example),
    ("checksum", _neg_checksum),
    ("commit_sha", _neg_commit),
    ("uuid", _neg_uuid),
    ("image_digest", _neg_digest),
    ("ipv6_and_ports", _neg_network),
    ("versions_and_dates", _neg_versions),
    ("build_coordinates", _neg_coordinates),
    ("empty_assignment", _neg_empty),
    ("variable_names", _neg_identifiers),
    ("redacted", _neg_redacted),
    ("prose_about_secrets", _neg_prose),
    ("base64_data", _neg_base64),
    ("file_paths", _neg_paths),
    ("css_html", _neg_css_html),
    ("minified_code", _neg_minified),
    ("public_key_material", _neg_public_material),
    ("cli_help", _neg_cli_help),
    ("password_policy", _neg_policy),
    ("k8s_without_secret", _neg_k8s),
    ("terraform_references", _neg_terraform),
)


# --- PII ------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Amara",
    "Tobias",
    "Lucía",
    "Hiroshi",
    "Ingrid",
    "Mateus",
    "Priya",
    "Dmitri",
    "Fatima",
    "Sven",
    "Chiara",
    "Oluwaseun",
    "Mei",
    "Rafael",
    "Annika",
    "Kwame",
    "Elif",
    "Tomasz",
    "Jonas",
    "Aisha",
    "Niamh",
    "Kenji",
)
LAST_NAMES = (
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Kowalski",
    "Fernández",
    "Nakamura",
    "Brennan",
    "Haddad",
    "van der Berg",
    "Rossi",
    "Yilmaz",
    "Novak",
    "Achterberg",
    "Castillo",
    "Mensah",
    "Schreiber",
    "Gallagher",
)
DOMAINS = ("northwind-traders.com", "globex.net", "initech.io", "umbrella-labs.com", "hooli.dev")
US_AREAS = (212, 305, 312, 404, 415, 503, 512, 602, 617, 646, 702, 713, 720, 801, 917, 206, 919)
INTL = (("44", "7", 9), ("49", "151", 8), ("49", "176", 8), ("33", "6", 8), ("34", "6", 8))
INTL += (("31", "6", 8), ("39", "34", 8), ("91", "98", 8), ("61", "4", 8), ("46", "70", 7))


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _email(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES).lower().replace("í", "i")
    last = rng.choice(LAST_NAMES).lower().replace(" ", "").replace("á", "a")
    local = rng.choice(
        (f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}{rng.randint(1, 99)}")
    )
    return f"{local}@{rng.choice(DOMAINS)}"


def _valid(text: str) -> phonenumbers.PhoneNumber | None:
    number = phonenumbers.parse(text)
    return number if phonenumbers.is_valid_number(number) else None


def _phone(rng: random.Random) -> str:
    for _ in range(1000):
        if rng.random() < 0.5:
            area, exchange, line = rng.choice(US_AREAS), rng.randint(200, 999), rng.randint(0, 9999)
            if (
                exchange == 555
                or exchange % 100 == 11
                or not _valid(f"+1{area}{exchange}{line:04d}")
            ):
                continue
            shape = rng.choice(("({a}) {e}-{l}", "{a}-{e}-{l}", "{a}.{e}.{l}", "+1 {a} {e} {l}"))
            return shape.format(a=area, e=exchange, l=f"{line:04d}")
        code, start, rest = rng.choice(INTL)
        number = _valid(f"+{code}{start}{_chars(rng, DIGITS, rest)}")
        if number:
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    raise ValueError("no valid phone number drawn")


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.15:
        groups = ":".join(_chars(rng, HEX, 4) for _ in range(3))
        return f"2a02:{groups}::{rng.randint(1, 0xFFFF):x}"
    first = rng.choice((31, 46, 62, 77, 85, 91, 109, 141, 151, 178, 185, 193, 212, 217, 10))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


PII: dict[str, tuple[str, Token, int, tuple[str, ...], tuple[str, ...]]] = {
    "person": (
        "PERSON",
        _person,
        10,
        (
            "can u ping ⟨v⟩ about the invoice?",
            "⟨v⟩ is out sick today 🤒",
            "cc ⟨v⟩ pls",
            "reunión con ⟨v⟩ a las 10",
            "Termin mit ⟨v⟩ ist verschoben",
            "rdv avec ⟨v⟩ demain matin",
        ),
        (
            "Onboarding checklist\nNew hire: ⟨v⟩\nStart: next Monday\nTeam: Platform\n"
            "Laptop: ordered",
            "Interview feedback\nCandidate: ⟨v⟩\nRole: Backend Engineer\nOverall: strong hire",
            "Notas da reunião\nParticipante externa: ⟨v⟩\nPróximos passos: enviar proposta",
            "Escalation\nCustomer contact: ⟨v⟩\nIssue: export times out\nOwner: support tier 2",
        ),
    ),
    "email": (
        "EMAIL_ADDRESS",
        _email,
        9,
        (
            "send it to ⟨v⟩ pls",
            "my work mail is ⟨v⟩",
            "invite ⟨v⟩ to the channel?",
            "escríbele a ⟨v⟩",
            "schick es an ⟨v⟩ bitte",
        ),
        (
            "Vendor form\nBilling contact: ⟨v⟩\nPayment terms: net 30\nCurrency: EUR",
            "CRM export (1 row)\nstage: negotiation\ncontact_email: ⟨v⟩\nscore: 82",
            "Hi team,\nplease forward the signed copy to ⟨v⟩\nthanks!",
        ),
    ),
    "phone": (
        "PHONE_NUMBER",
        _phone,
        9,
        (
            "call me at ⟨v⟩ after lunch",
            "my cell is ⟨v⟩ if slack is down",
            "llámame al ⟨v⟩",
            "ruf mich an: ⟨v⟩",
            "mon portable : ⟨v⟩",
        ),
        (
            "On-call handover\nPrimary phone: ⟨v⟩\nEscalate after 15 min\nRunbook: see wiki",
            "Shipping label\nRecipient phone: ⟨v⟩\nParcel: 2 boxes\nService: express",
            "Supplier contact sheet\nHotline: ⟨v⟩\nHours: weekdays 9-17",
        ),
    ),
    "credit_card": (
        "CREDIT_CARD",
        credit_card,
        8,
        (
            "card number is ⟨v⟩ for the team lunch",
            "use the corporate card ⟨v⟩ for the renewal",
            "número de tarjeta: ⟨v⟩",
            "Kartennummer ⟨v⟩ für die Konferenz",
        ),
        (
            "Expense report\nMerchant: conference tickets\nCard: ⟨v⟩\nAmount: 1,240.00\n"
            "Approved: yes",
            "Refund request\nOrder total: 89.90\nCharged card: ⟨v⟩\nReason: duplicate charge",
        ),
    ),
    "us_ssn": (
        "US_SSN",
        us_ssn,
        8,
        (
            "ssn for the w-4 is ⟨v⟩",
            "my SSN: ⟨v⟩ (for the background check)",
            "SSN ⟨v⟩ was rejected by the payroll form",
        ),
        (
            "Payroll setup\nEmployee type: full-time\nSSN: ⟨v⟩\nFiling status: single\n"
            "Allowances: 1",
            "Benefits enrollment\nPlan: PPO\nSocial Security Number: ⟨v⟩\nCoverage: employee only",
        ),
    ),
    "iban": (
        "IBAN_CODE",
        iban,
        8,
        (
            "pls wire it to ⟨v⟩",
            "IBAN: ⟨v⟩ für die Erstattung",
            "mi IBAN es ⟨v⟩",
            "virement sur ⟨v⟩ svp",
        ),
        (
            "Supplier bank details\nAccount holder: on file\nIBAN: ⟨v⟩\nReference: INV-2291",
            "Reimbursement\nAmount: 342.17 EUR\nPay to IBAN ⟨v⟩\nDue: end of month",
        ),
    ),
    "ip_address": (
        "IP_ADDRESS",
        _ip,
        8,
        (
            "my home ip is ⟨v⟩ can u whitelist it",
            "login came from ⟨v⟩ , was that you?",
            "la ip del cliente es ⟨v⟩",
        ),
        (
            "Security alert\nFailed logins: 14\nSource address: ⟨v⟩\nAction: account locked",
            "Firewall request\nAllow inbound 443 from ⟨v⟩\nReason: partner integration\n"
            "Expires: 30 days",
        ),
    ),
}


def _pii(rng: random.Random) -> list[Case]:
    cases = []
    for family, (label, value, count, short, long) in PII.items():
        for _ in range(count):
            is_short = len(cases) % 2 == 0
            template = rng.choice(short if is_short else long)
            before, after = template.split(_HOLE)
            text, spans = _join([(before, None), (value(rng), label), (after, None)])
            cases.append(Case(family, "pii", text, spans))
    return cases


# --- PII look-alikes: HR, legal, sales and product material with no personal data -----------

PRODUCTS = ("Insights Pro", "Workflow Builder", "Data Vault", "Team Spaces", "Smart Routing")
TEAMS = ("Platform Team", "Growth Squad", "Core Billing", "Site Reliability", "Revenue Ops")
TITLES = (
    "Senior Staff Engineer",
    "VP of Sales",
    "Head of People",
    "Account Executive",
    "Solutions Architect",
    "Chief Financial Officer",
    "Legal Counsel",
    "Customer Success Manager",
)
POLICIES = (
    "Parental Leave Policy",
    "Code of Conduct",
    "Remote Work Guidelines",
    "Travel and Expense Policy",
    "Acceptable Use Policy",
)
CLAUSES = (
    "Section 4.2 Limitation of Liability",
    "Clause 9 Force Majeure",
    "Section 12 Confidentiality",
    "Schedule B Service Levels",
    "Clause 7.1 Termination for Convenience",
)
TIERS = ("Starter", "Growth", "Business", "Enterprise Plus")
TERRITORIES = ("Strategic Accounts", "Mid-Market 2", "Territory 7B", "Public Sector", "SMB Inbound")
FOREIGN_SENTENCES = (
    "La reunión se movió al jueves por la tarde.",
    "Die Rechnung ist am Monatsende fällig.",
    "Le déploiement est prévu pour vendredi.",
    "O relatório trimestral já está pronto.",
    "Il contratto scade alla fine del trimestre.",
    "De release staat gepland voor dinsdag.",
    "Mötet är flyttat till fredag.",
    "Spotkanie przeniesiono na środę.",
    "Toplantı perşembe gününe ertelendi.",
    "会議は木曜日に変更されました。",
    "季度报告已经上传到共享盘了。",
)


def _money(rng: random.Random) -> str:
    return f"{rng.choice('$€£')}{rng.randint(1, 99)},{rng.randint(0, 999):03d}"


def _pn_orders(rng: random.Random, short: bool) -> str:
    order = f"{rng.choice(('A', 'SO', 'PO'))}-{rng.randint(10000, 99999)}"
    if short:
        return f"order {order} shipped, {rng.randint(2, 9)} items 📦"
    return (
        f"Order {order}\nStatus: packed\nItems: {rng.randint(1, 12)}\n"
        f"Total: {_money(rng)}\n"
        f"Carrier ref: TRK-{_chars(rng, UPPER, 4)}-{_chars(rng, UPPER + DIGITS, 4)}"
    )


def _pn_skus(rng: random.Random, short: bool) -> str:
    skus = [f"SKU-{_chars(rng, UPPER, 3)}-{rng.randint(100, 999)}" for _ in range(3)]
    if short:
        return f"{skus[0]} is out of stock again"
    return "sku | qty | bin\n" + "\n".join(
        f"{s} | {rng.randint(0, 400)} | B{rng.randint(1, 40)}" for s in skus
    )


def _pn_versions(rng: random.Random, short: bool) -> str:
    if short:
        return f"{rng.choice(PRODUCTS)} v{_semver(rng)} is live"
    return (
        f"Release notes {rng.choice(PRODUCTS)} {_semver(rng)}\n- faster exports\n"
        f"- fixed pagination bug\n- build {rng.randint(1000, 9999)}"
    )


def _pn_timestamps(rng: random.Random, short: bool) -> str:
    stamp = f"{_date(rng)}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"
    if short:
        return f"job finished at {stamp}, took {rng.randint(2, 59)}m"
    return (
        f"cron: 0 {rng.randint(0, 23)} * * 1-5\nlast run: {stamp}\n"
        f"duration: {rng.randint(1, 300)}s\nstatus: ok"
    )


def _pn_products(rng: random.Random, short: bool) -> str:
    a, b = rng.sample(PRODUCTS, 2)
    if short:
        return f"is {a} bundled with {b} now?"
    return (
        f"Roadmap Q{rng.randint(1, 4)}\n- {a}: beta\n- {b}: general availability\n"
        "- Audit Trail: planned"
    )


def _pn_teams(rng: random.Random, short: bool) -> str:
    a, b = rng.sample(TEAMS, 2)
    if short:
        return f"{a} owns this, not {b} 🙃"
    return f"Ownership map\n{a}: ingestion, exports\n{b}: invoicing\nOn-call rotation: weekly"


def _pn_titles(rng: random.Random, short: bool) -> str:
    a, b = rng.sample(TITLES, 2)
    if short:
        return rng.choice(
            (
                f"we're hiring a {a}, pls share",
                f"buscamos un {a}, compartid la oferta porfa",
                f"wir suchen eine:n {a}, gerne teilen",
            )
        )
    return (
        f"Open roles\n- {a} (level {rng.randint(3, 7)})\n- {b}\n"
        f"Budget: {_money(rng)} per year\nApproval: Head of People"
    )


def _pn_policy(rng: random.Random, short: bool) -> str:
    policy = rng.choice(POLICIES)
    if short:
        return rng.choice(
            (
                f"updated {policy} is in the handbook",
                f"la {policy} actualizada ya está en el manual",
                f"die neue {policy} liegt im Handbuch",
                f"la {policy} mise à jour est dans le manuel",
            )
        )
    return (
        f"{policy} (rev {rng.randint(2, 9)})\nApplies to: all full-time staff\n"
        f"Effective: {_date(rng)}\nOwner: People Operations"
    )


def _pn_legal(rng: random.Random, short: bool) -> str:
    clause = rng.choice(CLAUSES)
    if short:
        return rng.choice(
            (
                f"legal wants changes to {clause}",
                f"o jurídico pediu mudanças na {clause}",
                f"l'ufficio legale vuole modifiche alla {clause}",
                f"juridiska vill ändra {clause}",
            )
        )
    return (
        f"Contract redline\n{clause}: cap at {rng.randint(1, 3)}x annual fees\n"
        "Clause 14 Assignment: mutual consent\nRenewal: automatic, 12 months"
    )


def _pn_tiers(rng: random.Random, short: bool) -> str:
    tier = rng.choice(TIERS)
    if short:
        return f"{tier} is {_money(rng)}/yr per seat now"
    return "\n".join(f"{t}: {_money(rng)} / seat / year" for t in TIERS)


def _pn_territories(rng: random.Random, short: bool) -> str:
    a, b = rng.sample(TERRITORIES, 2)
    if short:
        return f"moving the account from {a} to {b}"
    return (
        f"Territory plan FY{rng.randint(25, 27)}\n{a}: quota {_money(rng)}\n"
        f"{b}: quota {_money(rng)}\nReview: quarterly"
    )


def _pn_foreign(rng: random.Random, short: bool) -> str:
    if short:
        return rng.choice(FOREIGN_SENTENCES)
    return "\n".join(rng.sample(FOREIGN_SENTENCES, 3))


def _pn_code(rng: random.Random, short: bool) -> str:
    if short:
        return f"for i in range({rng.randint(2, 99)}): queue.put(i)"
    return (
        "def total(items):\n    return sum(i.price * i.qty for i in items)\n\n"
        f"assert total([]) == 0  # ticket {rng.randint(100, 999)}"
    )


def _pn_table(rng: random.Random, short: bool) -> str:
    if short:
        return f"p50 {rng.randint(10, 99)}ms / p99 {rng.randint(100, 999)}ms"
    rows = [
        f"{w} | {rng.randint(100, 9999)} | {rng.randint(1, 99)}%" for w in ("wk1", "wk2", "wk3")
    ]
    return "week | signups | churn\n" + "\n".join(rows)


def _pn_colours(rng: random.Random, short: bool) -> str:
    colours = [f"#{_chars(rng, HEX, 6)}" for _ in range(3)]
    if short:
        return f"brand colour is {colours[0]}, not {colours[1]}"
    return ":root {\n" + "\n".join(f"  --c{i}: {c};" for i, c in enumerate(colours)) + "\n}"


def _isbn(rng: random.Random) -> str:
    digits = "978" + _chars(rng, DIGITS, 9)
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return f"{digits[:3]}-{digits[3]}-{digits[4:8]}-{digits[8:]}-{check}"


def _pn_isbn(rng: random.Random, short: bool) -> str:
    if short:
        return f"the book club pick is ISBN {_isbn(rng)}"
    return f"Reading list\n- ISBN {_isbn(rng)}\n- ISBN {_isbn(rng)}\nBudget: {_money(rng)}"


def _pn_meeting(rng: random.Random, short: bool) -> str:
    if short:
        minute = rng.choice(("00", "15", "30"))
        hour = rng.randint(9, 11)
        return rng.choice(
            (
                f"standup moved to {hour}:{minute}, room {rng.randint(1, 20)}B",
                f"daily przeniesione na {hour}:{minute}, sala {rng.randint(1, 20)}B",
                f"スタンドアップは{hour}:{minute}に変更です",
            )
        )
    return (
        f"Offsite agenda\n09:00 kickoff\n10:30 {rng.choice(TEAMS)} roadmap\n"
        f"13:00 lunch\n14:00 {rng.choice(PRODUCTS)} demo"
    )


def _pn_invoice(rng: random.Random, short: bool) -> str:
    invoice = f"INV-{rng.randint(2024, 2026)}-{rng.randint(100, 999)}"
    if short:
        days = rng.randint(3, 40)
        return rng.choice(
            (
                f"{invoice} is overdue by {days} days",
                f"fatura {invoice} {days} gün gecikmiş",
                f"发票 {invoice} 已逾期 {days} 天",
            )
        )
    vat = rng.choice((19, 20, 21))
    return f"Invoice {invoice}\nSubtotal: {_money(rng)}\nVAT: {vat}%\nTerms: net 30"


def _pn_kpis(rng: random.Random, short: bool) -> str:
    if short:
        before, after = rng.randint(20, 40), rng.randint(41, 70)
        return rng.choice(
            (
                f"NPS went from {before} to {after} 🎉",
                f"el NPS subió de {before} a {after} 🎉",
                f"NPS est passé de {before} à {after}",
            )
        )
    return (
        f"KPIs Q{rng.randint(1, 4)}\nARR growth: {rng.randint(5, 60)}%\n"
        f"Net retention: {rng.randint(95, 130)}%\nSupport CSAT: {rng.randint(80, 99)}%"
    )


PII_NEGATIVES: tuple[tuple[str, Builder], ...] = (
    ("order_numbers", _pn_orders),
    ("sku_codes", _pn_skus),
    ("version_strings", _pn_versions),
    ("timestamps", _pn_timestamps),
    ("product_names", _pn_products),
    ("team_names", _pn_teams),
    ("job_titles", _pn_titles),
    ("hr_policy", _pn_policy),
    ("contract_clauses", _pn_legal),
    ("product_tiers", _pn_tiers),
    ("sales_territories", _pn_territories),
    ("other_languages", _pn_foreign),
    ("code", _pn_code),
    ("number_tables", _pn_table),
    ("css_colours", _pn_colours),
    ("isbn", _pn_isbn),
    ("meeting_logistics", _pn_meeting),
    ("invoice_amounts", _pn_invoice),
    ("kpi_metrics", _pn_kpis),
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_QUAD = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}\b")


def lookalike_is_clean(text: str) -> bool:
    """True when the text holds nothing PII-shaped: no e-mail, IPv4, SSN, IBAN, Luhn-valid card
    run, or phone number that ``phonenumbers`` finds for the US or GB."""
    if any(p.search(text) for p in (_EMAIL, _QUAD, _SSN, _IBAN)):
        return False
    for run in re.findall(r"\d(?:[ -]?\d){12,18}", text):
        if luhn.is_valid(re.sub(r"\D", "", run)):
            return False
    return not any(
        True for region in ("US", "GB") for _ in phonenumbers.PhoneNumberMatcher(text, region)
    )


def _clean(rng: random.Random, build: Builder, short: bool) -> str:
    for _ in range(100):
        text = build(rng, short)
        if lookalike_is_clean(text):
            return text
    raise ValueError(f"{build.__name__} keeps drawing PII-shaped text")


def _harmless(
    rng: random.Random, kind: str, families: tuple[tuple[str, Builder], ...]
) -> list[Case]:
    cases = []
    for index in range(SIZES[kind]):
        family, build = families[index % len(families)]
        text = _clean(rng, build, index % 2 == 0)
        cases.append(Case(family, kind, text, harmless=True))
    return cases


def round14_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """Every case of round 14, deterministic per seed."""
    rng = random.Random(seed)
    cases = [
        *_literal(rng),
        *_generated(rng),
        *_harmless(rng, "negative", NEGATIVES),
        *_pii(rng),
        *_harmless(rng, "pii_negative", PII_NEGATIVES),
    ]
    for case in cases:
        if "⟨" in case.text:
            raise ValueError(f"unfilled field in {case.family}: {case.text!r}")
    return cases
