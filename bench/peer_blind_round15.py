"""Blind evaluation round 15: secret and PII cases written by "blind15" without the detector
in view, and frozen before the detector ever ran on them.

Formats and tricky negatives follow the public suites: detect-secrets' plugin tests (keyword
assignments, "fake" values, basic-auth URLs, private keys), Nosey Parker's and Kingfisher's
rule YAMLs (examples and negative examples: connection strings, setup passwords, vendor
prefixes), gitleaks' rule definitions (vendor token shapes and their false positives),
trufflehog's detector tests, secretlint's rule tests (database connection strings, good and
bad), GitGuardian's detector pages, and Presidio's analyzer recognizer tests (PII positives
and look-alikes). No key-shaped literal was copied: every value is drawn at run time from
its documented shape (prefix, alphabet, length, and GitHub's CRC32 tail).

Kinds: ``literal`` (credentials as people paste them: config formats of many kinds,
connection strings, HTTP requests from tools and browsers, code, traces, messages in several
languages), ``generated`` (vendor tokens in chat and code contexts), ``negative`` (harmless
look-alikes from fixtures, docs and tutorials), ``pii`` and ``pii_negative``.

``round15_cases(seed)`` is deterministic: one ``random.Random(seed)`` feeds every builder.
"""

# Tables of templates hold one case shape per line, however long the line, and texts in
# other scripts use their own punctuation.
# ruff: noqa: E501, RUF001

from __future__ import annotations

import json
import random
import re
import zlib
from collections.abc import Callable

import phonenumbers

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
from bench.quality_corpus import _chars

SIZES = {"literal": 150, "generated": 200, "negative": 200, "pii": 60, "pii_negative": 100}
BASE62 = DIGITS + UPPER + LOWER
MARK = re.compile(r"§(\w+)§")


def _fill(
    template: str, rng: random.Random, value: str | None = None, label: str = SECRET
) -> Segments:
    """Replace every ``§field§`` with a draw from ``POOLS``; ``§v§`` becomes the labelled
    ``value`` (no label when ``value`` is None)."""

    def draw(match: re.Match[str]) -> str:
        name = match.group(1)
        return "§v§" if name == "v" else rng.choice(POOLS[name])

    text = MARK.sub(draw, template)
    if value is None:
        return [(text, None)]
    before, after = text.split("§v§")
    return [(before, None), (value, label), (after, None)]


POOLS: dict[str, tuple[str, ...]] = {
    "user": ("app_rw", "svc_billing", "etl", "admin", "root", "deploy", "reporting_ro", "ingest"),
    "host": (
        "db-prod-01.internal",
        "pg-primary.data.svc.cluster.local",
        "orders-db.corp.example",
        "mysql-replica-2.internal",
        "warehouse.example.net",
        "db.staging.example.org",
    ),
    "db": ("orders", "billing", "analytics", "inventory", "app_production", "ledger"),
    "api": (
        "api.example.com",
        "billing.example.net",
        "internal-gw.example.org",
        "partners.example.io",
        "hooks.example.dev",
    ),
    "svc": ("payments-worker", "report-runner", "sync-agent", "ingest-api", "notifier"),
    "pre": (
        "",
        "",
        "Here's the config, can you see why it fails?\n",
        "quick question, this keeps timing out:\n",
        "why does this return 401?\n",
        "¿Por qué falla esta configuración?\n",
        "Hola, me da error de autenticación:\n",
        "Hallo, warum schlägt das fehl?\n",
        "Kannst du das prüfen? Bekomme 403:\n",
        "Bonjour, la connexion échoue avec ceci :\n",
        "Voici ma config, qu'est-ce qui cloche ?\n",
        "Olá, a conexão dá erro com isto:\n",
        "Ciao, perché questa configurazione non va?\n",
        "この設定で認証エラーになります:\n",
        "这个配置为什么连接失败？\n",
        "Почему это не работает?\n",
        "Cześć, dlaczego to nie działa?\n",
        "Merhaba, bu ayarla bağlanamıyorum:\n",
        "Hoi, waarom werkt dit niet?\n",
    ),
    "post": (
        "",
        "",
        "\nthanks!",
        "\nany idea?",
        "\n(staging only)",
        "\n¿alguna idea?",
        "\nDanke im Voraus!",
        "\nmerci d'avance",
        "\nよろしくお願いします",
        "\n谢谢",
        "\nзаранее спасибо",
        "\ngrazie",
    ),
    "lang": ("python", "node", "go", "java", "ruby"),
    "ts": (
        "2025-02-11T08:14:07Z",
        "2025-03-03 17:42:19,118",
        "2024-12-30T23:59:01.442+00:00",
        "2025-01-19 06:05:33",
        "2025-04-07T12:00:45.901Z",
    ),
}


# --- credential values -------------------------------------------------------------------

WORDS = (
    "Maple", "Orchard", "Copper", "Lantern", "Glacier", "Thistle", "Harbor", "Saffron",
    "Falcon", "Meadow", "Quartz", "Willow", "Ember", "Cobalt", "Juniper", "Tundra",
)  # fmt: skip


def _password(rng: random.Random) -> str:
    """A chosen or generated password; starts and ends alphanumeric, safe in URLs."""
    form = rng.randrange(4)
    if form == 0:
        return (
            f"{rng.choice(WORDS)}{rng.choice('!*-_.~')}{rng.randint(10, 9999)}{rng.choice(WORDS)}"
        )
    if form == 1:
        middle = _chars(rng, ALNUM + "!*-_.~", rng.randint(14, 22))
        return rng.choice(ALNUM) + middle + rng.choice(ALNUM)
    if form == 2:
        words = [rng.choice(WORDS).lower() for _ in range(3)]
        return "-".join(words) + str(rng.randint(2, 99))
    return _chars(rng, ALNUM, rng.randint(16, 28))


def _hex(n: int) -> Token:
    return lambda rng: _chars(rng, HEX, n)


def _b64_bytes(n: int) -> Token:
    return lambda rng: _b64(rng.randbytes(n))


def _opaque(rng: random.Random) -> str:
    return _chars(rng, URLSAFE, rng.randint(32, 48)) + rng.choice(ALNUM)


def _jwt(rng: random.Random) -> str:
    alg = rng.choice(("HS256", "RS256"))
    head = _b64url(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    now = rng.randint(1_730_000_000, 1_760_000_000)
    claims = {
        "iss": rng.choice(("https://auth.example.com/", "https://login.example.org/realms/main")),
        "sub": _uuid(rng),
        "aud": rng.choice(("orders-api", "console", "account")),
        "iat": now,
        "exp": now + rng.choice((900, 3600, 86400)),
        "scope": rng.choice(("read write", "openid profile", "admin")),
    }
    signature = _b64url(rng.randbytes(32 if alg == "HS256" else 256))
    return f"{head}.{_b64url(json.dumps(claims).encode())}.{signature}"


def _pem_body(raw: bytes) -> str:
    text = _b64(raw)
    return "\n".join(text[i : i + 64] for i in range(0, len(text), 64))


def _pem(kind: str, size: int) -> Token:
    def build(rng: random.Random) -> str:
        raw = rng.randbytes(size)
        if kind == "OPENSSH ":
            raw = b"openssh-key-v1\x00" + raw
        body = _pem_body(raw)
        return f"-----BEGIN {kind}PRIVATE KEY-----\n{body}\n-----END {kind}PRIVATE KEY-----"

    return build


def _pgp(rng: random.Random) -> str:
    body = _pem_body(rng.randbytes(rng.randint(700, 900)))
    check = _b64(rng.randbytes(3))
    return (
        "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n"
        f"{body}\n={check}\n-----END PGP PRIVATE KEY BLOCK-----"
    )


def _escaped_pkcs8(rng: random.Random) -> str:
    body = _pem_body(rng.randbytes(1216)).replace("\n", "\\n")
    return f"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----"


def _basic(rng: random.Random) -> str:
    return _b64(f"{rng.choice(POOLS['user'])}:{_password(rng)}".encode())


def _django(rng: random.Random) -> str:
    return (
        rng.choice(ALNUM) + _chars(rng, LOWER + DIGITS + "!@#$%^&*(-_=+)", 48) + rng.choice(ALNUM)
    )


VALUES: dict[str, Token] = {
    "pw": _password,
    "hex32": _hex(32),
    "hex40": _hex(40),
    "hex64": _hex(64),
    "b64": _b64_bytes(32),
    "opaque": _opaque,
    "aws_secret": _parts((ALNUM, 1), (B64, 38), (ALNUM, 1)),
    "azure_key": _b64_bytes(64),
    "sas_key": _b64_bytes(32),
    "jwt": _jwt,
    "rsa": _pem("RSA ", 1190),
    "openssh": _pem("OPENSSH ", 380),
    "ec": _pem("EC ", 121),
    "pkcs8": _pem("", 1216),
    "pkcs8_escaped": _escaped_pkcs8,
    "pgp": _pgp,
    "basic": _basic,
    "django": _django,
    "jenkins": _hex(32),
}

# (family, value kind, template): ``§v§`` is the credential, other ``§field§`` are drawn.
LITERAL: tuple[tuple[str, str, str], ...] = (
    (
        "dotenv-password",
        "pw",
        "§pre§DB_HOST=§host§\nDB_USER=§user§\nDB_PASSWORD=§v§\nDB_PORT=5432§post§",
    ),
    (
        "dotenv-api-key",
        "hex32",
        "§pre§# .env.production\nAPP_ENV=production\nAPI_KEY=§v§\nLOG_LEVEL=info§post§",
    ),
    (
        "yaml-datasource",
        "pw",
        "§pre§spring:\n  datasource:\n    url: jdbc:postgresql://§host§:5432/§db§\n    username: §user§\n    password: §v§§post§",
    ),
    (
        "yaml-oauth-client",
        "opaque",
        '§pre§oauth:\n  client_id: §svc§\n  client_secret: "§v§"\n  token_url: https://§api§/oauth/token§post§',
    ),
    (
        "json-appsettings",
        "opaque",
        '§pre§{\n  "AzureAd": {\n    "Instance": "https://login.example.com/",\n    "ClientSecret": "§v§"\n  }\n}§post§',
    ),
    (
        "toml-database",
        "pw",
        '§pre§[database]\nhost = "§host§"\nuser = "§user§"\npassword = "§v§"\npool_size = 10§post§',
    ),
    ("ini-mycnf", "pw", "§pre§[client]\nuser=§user§\npassword=§v§\nhost=§host§§post§"),
    (
        "xml-maven-settings",
        "pw",
        "§pre§<servers>\n  <server>\n    <id>releases</id>\n    <username>§user§</username>\n    <password>§v§</password>\n  </server>\n</servers>§post§",
    ),
    (
        "plist-api-key",
        "hex40",
        "§pre§<dict>\n\t<key>APIEndpoint</key>\n\t<string>https://§api§</string>\n\t<key>APISecret</key>\n\t<string>§v§</string>\n</dict>§post§",
    ),
    (
        "properties-spring",
        "pw",
        "§pre§spring.datasource.url=jdbc:mysql://§host§:3306/§db§\nspring.datasource.username=§user§\nspring.datasource.password=§v§§post§",
    ),
    (
        "hcl-terraform",
        "pw",
        '§pre§resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "§user§"\n  password = "§v§"\n}§post§',
    ),
    ("tfvars", "pw", '§pre§# terraform.tfvars\nregion_name = "primary"\ndb_password = "§v§"§post§'),
    (
        "dockerfile-env",
        "opaque",
        '§pre§FROM §lang§:slim\nWORKDIR /app\nENV SERVICE_TOKEN=§v§\nCMD ["./run.sh"]§post§',
    ),
    (
        "compose-env",
        "pw",
        "§pre§services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: §user§\n      POSTGRES_PASSWORD: §v§§post§",
    ),
    (
        "k8s-secret-stringdata",
        "pw",
        "§pre§apiVersion: v1\nkind: Secret\nmetadata:\n  name: §svc§-db\ntype: Opaque\nstringData:\n  password: §v§§post§",
    ),
    (
        "gradle-properties",
        "pw",
        "§pre§# gradle.properties\nsigning.keyId=releases\nsigning.password=§v§\nmavenUser=§user§§post§",
    ),
    (
        "gradle-credentials",
        "pw",
        '§pre§repositories {\n  maven {\n    url "https://repo.example.com/releases"\n    credentials {\n      username "§user§"\n      password "§v§"\n    }\n  }\n}§post§',
    ),
    (
        "podfile-env",
        "opaque",
        "§pre§# Podfile\nENV['ARTIFACTORY_API_KEY'] ||= '§v§'\nsource 'https://repo.example.com/cocoapods'§post§",
    ),
    (
        "gitlab-ci-variables",
        "pw",
        '§pre§deploy:\n  stage: deploy\n  variables:\n    DEPLOY_PASSWORD: "§v§"\n  script:\n    - ./deploy.sh§post§',
    ),
    (
        "actions-env",
        "opaque",
        "§pre§jobs:\n  release:\n    runs-on: ubuntu-latest\n    env:\n      API_SECRET: §v§\n    steps:\n      - run: make release§post§",
    ),
    ("shell-export", "pw", "§pre§$ export DATABASE_PASSWORD='§v§'\n$ ./manage.py migrate§post§"),
    ("mysql-cli", "pw", "§pre§mysql -h §host§ -u §user§ -p'§v§' §db§ < dump.sql§post§"),
    (
        "pgpassword",
        "pw",
        "§pre§PGPASSWORD=§v§ psql -h §host§ -U §user§ -d §db§ -c 'select 1'§post§",
    ),
    ("curl-user", "pw", "§pre§curl -u §user§:§v§ https://§api§/v2/reports?limit=50§post§"),
    (
        "curl-bearer",
        "opaque",
        '§pre§curl -X POST https://§api§/v1/jobs \\\n  -H "Authorization: Bearer §v§" \\\n  -H "Content-Type: application/json" -d \'{"dry_run": true}\'§post§',
    ),
    (
        "curl-basic-header",
        "basic",
        "§pre§curl -s -H 'Authorization: Basic §v§' https://§api§/health§post§",
    ),
    (
        "httpie-token",
        "hex40",
        "§pre§http POST https://§api§/v1/sync Authorization:'Token §v§' full:=true§post§",
    ),
    (
        "postman-collection",
        "opaque",
        '§pre§"auth": {\n  "type": "bearer",\n  "bearer": [\n    {"key": "token", "value": "§v§", "type": "string"}\n  ]\n}§post§',
    ),
    (
        "har-header",
        "jwt",
        '§pre§"headers": [\n  {"name": "accept", "value": "application/json"},\n  {"name": "authorization", "value": "Bearer §v§"}\n]§post§',
    ),
    (
        "browser-fetch",
        "hex32",
        '§pre§fetch("https://§api§/graphql", {\n  "headers": {\n    "content-type": "application/json",\n    "x-api-key": "§v§"\n  },\n  "method": "POST"\n});§post§',
    ),
    (
        "raw-http-request",
        "opaque",
        "§pre§GET /v3/accounts/me HTTP/1.1\nHost: §api§\nAccept: */*\nX-Auth-Token: §v§\nUser-Agent: §lang§-client§post§",
    ),
    ("cookie-session", "opaque", "§pre§Cookie: theme=dark; sessionid=§v§; csrftoken_set=1§post§"),
    (
        "url-credentials",
        "pw",
        "§pre§git clone https://§user§:§v§@git.example.com/platform/infra.git§post§",
    ),
    (
        "postgres-uri",
        "pw",
        "§pre§DATABASE_URL=postgresql://§user§:§v§@§host§:5432/§db§?sslmode=require§post§",
    ),
    (
        "mysql-uri",
        "pw",
        '§pre§SQLALCHEMY_DATABASE_URI = "mysql+pymysql://§user§:§v§@§host§/§db§"§post§',
    ),
    (
        "mongodb-srv",
        "pw",
        '§pre§const uri = "mongodb+srv://§user§:§v§@cluster0.ab1cd.mongodb.net/§db§?retryWrites=true";§post§',
    ),
    ("redis-uri", "pw", "§pre§REDIS_URL=redis://:§v§@cache.internal:6379/0§post§"),
    (
        "amqp-uri",
        "pw",
        "§pre§CELERY_BROKER_URL=amqp://§user§:§v§@rabbitmq.internal:5672/prod§post§",
    ),
    (
        "kafka-jaas",
        "pw",
        '§pre§sasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="§user§" password="§v§";§post§',
    ),
    (
        "jdbc-sqlserver",
        "pw",
        "§pre§jdbc:sqlserver://§host§:1433;databaseName=§db§;user=§user§;password=§v§;encrypt=true§post§",
    ),
    (
        "adonet-connection",
        "pw",
        '§pre§"ConnectionStrings": {\n  "Default": "Server=tcp:§host§,1433;Database=§db§;User ID=§user§;Password=§v§;Encrypt=True;"\n}§post§',
    ),
    ("oracle-sqlplus", "pw", "§pre§sqlplus system/§v§@//§host§:1521/ORCLPDB§post§"),
    (
        "azure-storage-connection",
        "azure_key",
        "§pre§AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=stassets;AccountKey=§v§;EndpointSuffix=core.windows.net§post§",
    ),
    (
        "azure-servicebus-connection",
        "sas_key",
        '§pre§"ServiceBus": "Endpoint=sb://orders-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=§v§"§post§',
    ),
    (
        "aws-configure",
        "aws_secret",
        "§pre§$ aws configure set aws_secret_access_key §v§ --profile ci§post§",
    ),
    (
        "jwt-token-response",
        "jwt",
        '§pre§{"access_token": "§v§", "token_type": "Bearer", "expires_in": 3600}§post§',
    ),
    ("jwt-devtools", "jwt", "§pre§> localStorage.getItem('id_token')\n'§v§'§post§"),
    (
        "pem-rsa",
        "rsa",
        "§pre§this is the key on the deploy box, is it the right format?\n\n§v§\n§post§",
    ),
    ("pem-openssh", "openssh", "§pre§cat ~/.ssh/id_ed25519\n§v§§post§"),
    ("pem-ec", "ec", "§pre§tls.key:\n§v§\n§post§"),
    ("pem-pkcs8", "pkcs8", "§pre§openssl pkcs8 -topk8 -nocrypt -in key.pem\n§v§§post§"),
    (
        "service-account-json",
        "pkcs8_escaped",
        '§pre§{\n  "type": "service_account",\n  "project_id": "analytics-prod",\n  "private_key_id": "0f3c",\n  "private_key": "§v§\\n"\n}§post§',
    ),
    ("pgp-private-block", "pgp", "§pre§exported the signing key for the release job:\n§v§§post§"),
    (
        "python-traceback",
        "pw",
        '§pre§Traceback (most recent call last):\n  File "app/db.py", line 14, in connect\n    conn = psycopg.connect(host="§host§", user="§user§", password="§v§")\npsycopg.OperationalError: connection timeout expired§post§',
    ),
    (
        "log-form-body",
        "opaque",
        "§ts§ DEBUG http.client send: b'POST /oauth/token HTTP/1.1 ... grant_type=client_credentials&client_id=§svc§&client_secret=§v§&scope=read'",
    ),
    (
        "ticket-steps",
        "pw",
        "§pre§Steps to reproduce:\n1. Log in to the admin console as §user§ (password: §v§)\n2. Open Reports > Export\n3. Observe the 500 error§post§",
    ),
    (
        "chat-es",
        "pw",
        "La contraseña del servidor de staging es §v§ pero el login falla desde ayer.",
    ),
    (
        "chat-de",
        "pw",
        "Das Passwort für die Testdatenbank lautet §v§ – kannst du prüfen, warum der Login scheitert?",
    ),
    (
        "chat-fr",
        "pw",
        "Le mot de passe du compte de service est §v§ , la connexion échoue quand même.",
    ),
    ("chat-pt", "pw", "A senha do banco de homologação é §v§ e mesmo assim dá acesso negado."),
    ("chat-it", "pw", "La password del database di test è §v§ ma l'accesso viene rifiutato."),
    ("chat-ja", "pw", "ステージングDBのパスワードは §v§ です。ログインできません。"),
    ("chat-zh", "pw", "测试数据库的密码是 §v§ ，但是一直连接失败。"),
    ("chat-ru", "pw", "Пароль от тестовой базы: §v§ — но подключиться не получается."),
    ("chat-pl", "pw", "Hasło do bazy testowej to §v§ ale logowanie nie działa."),
    ("chat-tr", "pw", "Test veritabanının şifresi §v§ ama bağlantı reddediliyor."),
    ("chat-nl", "pw", "Het wachtwoord van de testdatabase is §v§ maar inloggen lukt niet."),
    (
        "chat-en-api-secret",
        "hex64",
        "§pre§our webhook signing secret is §v§ — the signature check still fails, what am I missing?",
    ),
    (
        "python-client",
        "opaque",
        '§pre§client = ApiClient(base_url="https://§api§", api_key="§v§")\nprint(client.ping())§post§',
    ),
    (
        "js-const",
        "hex40",
        "§pre§const API_SECRET = '§v§';\nexport default { apiSecret: API_SECRET };§post§",
    ),
    (
        "go-literal",
        "pw",
        '§pre§cfg := mysql.Config{User: "§user§", Passwd: "§v§", Net: "tcp", DBName: "§db§"}§post§',
    ),
    ("java-constant", "opaque", '§pre§private static final String CLIENT_SECRET = "§v§";§post§'),
    ("csharp-literal", "pw", '§pre§var cred = new NetworkCredential("§user§", "§v§");§post§'),
    (
        "ruby-config",
        "hex64",
        "§pre§Rails.application.configure do\n  config.secret_key_base = '§v§'\nend§post§",
    ),
    (
        "php-define",
        "pw",
        "§pre§define( 'DB_USER', '§user§' );\ndefine( 'DB_PASSWORD', '§v§' );§post§",
    ),
    ("rust-literal", "opaque", '§pre§let token = "§v§";\nlet client = Client::new(token);§post§'),
    (
        "swift-literal",
        "hex32",
        '§pre§let apiKey = "§v§"\nlet request = makeRequest(apiKey: apiKey)§post§',
    ),
    (
        "kotlin-literal",
        "pw",
        '§pre§val dataSource = HikariDataSource().apply {\n    username = "§user§"\n    password = "§v§"\n}§post§',
    ),
    ("django-secret-key", "django", "§pre§SECRET_KEY = '§v§'\nDEBUG = False§post§"),
    ("flask-secret-key", "hex32", "§pre§app.config['SECRET_KEY'] = '§v§'§post§"),
    (
        "laravel-app-key",
        "b64",
        "§pre§APP_NAME=Portal\nAPP_ENV=production\nAPP_KEY=base64:§v§\nAPP_DEBUG=false§post§",
    ),
    (
        "npmrc-auth",
        "basic",
        "§pre§registry=https://npm.example.com/\n//npm.example.com/:_auth=§v§\nalways-auth=true§post§",
    ),
    (
        "pip-conf",
        "pw",
        "§pre§[global]\nindex-url = https://§user§:§v§@pypi.example.com/simple§post§",
    ),
    (
        "docker-config-auth",
        "basic",
        '§pre§{\n  "auths": {\n    "registry.example.com": {\n      "auth": "§v§"\n    }\n  }\n}§post§',
    ),
    ("sshpass", "pw", "§pre§sshpass -p '§v§' ssh -o StrictHostKeyChecking=no §user§@bastion§post§"),
    (
        "ldapsearch",
        "pw",
        '§pre§ldapsearch -x -H ldaps://ldap.example.com -D "cn=§user§,dc=example,dc=com" -w §v§ -b "dc=example,dc=com"§post§',
    ),
    (
        "smtp-env",
        "pw",
        "§pre§MAIL_HOST=smtp.example.com\nMAIL_PORT=587\nMAIL_USERNAME=§user§\nMAIL_PASSWORD=§v§§post§",
    ),
    (
        "redis-cli",
        "pw",
        "§pre§redis-cli -h cache.internal -p 6379 -a §v§ --no-auth-warning INFO memory§post§",
    ),
    (
        "docker-run-env",
        "pw",
        "§pre§docker run -d --name pg -e POSTGRES_PASSWORD=§v§ -p 5432:5432 postgres:16§post§",
    ),
    (
        "helm-set",
        "pw",
        "§pre§helm upgrade --install cache bitnami/redis --set auth.password=§v§ -n data§post§",
    ),
    (
        "kubectl-from-literal",
        "pw",
        "§pre§kubectl create secret generic §svc§-db --from-literal=username=§user§ --from-literal=password=§v§§post§",
    ),
    (
        "ansible-vars",
        "pw",
        "§pre§# group_vars/all.yml\nansible_user: §user§\nansible_become_password: §v§§post§",
    ),
    (
        "vault-kv-output",
        "pw",
        "§pre§$ vault kv get secret/§svc§\n====== Data ======\nKey         Value\n---         -----\npassword    §v§\nusername    §user§§post§",
    ),
    (
        "jenkins-setup-password",
        "jenkins",
        "Jenkins initial setup is required. An admin user has been created and a password generated.\nPlease use the following password to proceed to installation:\n\n§v§\n\nThis may also be found at: /var/jenkins_home/secrets/initialAdminPassword",
    ),
    ("webhook-secret-env", "hex40", "§pre§GITHUB_WEBHOOK_SECRET=§v§§post§"),
    ("rails-master-key", "hex32", "§pre§cat config/master.key\n§v§§post§"),
    ("wpa-supplicant", "pw", '§pre§network={\n    ssid="office-guest"\n    psk="§v§"\n}§post§'),
    ("ipsec-psk", "pw", '§pre§# /etc/ipsec.secrets\n: PSK "§v§"§post§'),
    (
        "keycloak-client-json",
        "opaque",
        '§pre§{\n  "realm": "main",\n  "resource": "§svc§",\n  "credentials": {\n    "secret": "§v§"\n  }\n}§post§',
    ),
    (
        "airflow-conn-uri",
        "pw",
        "§pre§export AIRFLOW_CONN_WAREHOUSE='postgresql://§user§:§v§@§host§:5432/§db§'§post§",
    ),
    (
        "snowsql-env",
        "pw",
        "§pre§export SNOWSQL_PWD='§v§'\nsnowsql -a acme-xy12345 -u §user§ -d §db§§post§",
    ),
    (
        "clickhouse-client",
        "pw",
        "§pre§clickhouse-client --host §host§ --user §user§ --password §v§ --query 'SELECT 1'§post§",
    ),
    ("sqlcmd", "pw", "§pre§sqlcmd -S §host§ -U sa -P '§v§' -Q \"SELECT @@VERSION\"§post§"),
    (
        "elastic-curl",
        "pw",
        "§pre§curl -k -u elastic:§v§ https://search.internal:9200/_cluster/health§post§",
    ),
    ("neo4j-auth", "pw", "§pre§docker run -p 7474:7474 -e NEO4J_AUTH=neo4j/§v§ neo4j:5§post§"),
    (
        "mqtt-cli",
        "pw",
        "§pre§mosquitto_pub -h mqtt.internal -u §user§ -P §v§ -t sensors/test -m hello§post§",
    ),
    ("nats-url", "pw", "§pre§NATS_URL=nats://§user§:§v§@nats.internal:4222§post§"),
    ("ftp-url", "pw", "§pre§lftp ftp://§user§:§v§@ftp.example.com/exports§post§"),
    (
        "cifs-mount",
        "pw",
        "§pre§sudo mount -t cifs //fileserver/share /mnt/share -o username=§user§,password=§v§,vers=3.0§post§",
    ),
    (
        "powershell-securestring",
        "pw",
        '§pre§$secure = ConvertTo-SecureString "§v§" -AsPlainText -Force\n$cred = New-Object PSCredential("§user§", $secure)§post§',
    ),
    ("pgpass", "pw", "§pre§# ~/.pgpass\n§host§:5432:§db§:§user§:§v§§post§"),
    ("netrc", "pw", "§pre§machine §api§\n  login §user§\n  password §v§§post§"),
    (
        "jenkinsfile-withenv",
        "opaque",
        "§pre§withEnv(['API_SECRET=§v§']) {\n    sh './gradlew publish'\n}§post§",
    ),
    ("encryption-key-env", "b64", "§pre§ENCRYPTION_KEY=§v§\nENCRYPTION_ALGO=aes-256-gcm§post§"),
    ("cassandra-cqlsh", "pw", "§pre§cqlsh §host§ 9042 -u cassandra_admin -p §v§§post§"),
)


def _literal(rng: random.Random) -> list[Case]:
    order = list(LITERAL)
    rng.shuffle(order)
    cases = []
    for index in range(SIZES["literal"]):
        family, kind, template = order[index % len(order)]
        text, spans = _join(_fill(template, rng, VALUES[kind](rng)))
        cases.append(Case(family, "literal", text, spans))
    return cases


# --- generated vendor tokens -------------------------------------------------------------


def _github(prefix: str) -> Token:
    """A GitHub token: prefix, 30 random base62 characters, a 6-character base62 CRC32."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = BASE62[digit] + tail
        return prefix + body + tail

    return build


def _uuid_after(prefix: str) -> Token:
    return lambda rng: prefix + _uuid(rng)


def _mapbox(rng: random.Random) -> str:
    claims = {
        "u": rng.choice(("acme-geo", "fleet-maps", "tiles-svc")),
        "a": _chars(rng, LOWER + DIGITS, 25),
    }
    return f"sk.{_b64url(json.dumps(claims, separators=(',', ':')).encode())}.{_chars(rng, URLSAFE, 22)}"


def _grafana_cloud(rng: random.Random) -> str:
    claims = {"o": _chars(rng, DIGITS, 6), "n": "stack-writer", "k": _chars(rng, ALNUM, 24)}
    return "glc_" + _b64(json.dumps(claims, separators=(",", ":")).encode()).rstrip("=")


def _teams(rng: random.Random) -> str:
    return (
        f"https://{_chars(rng, LOWER, 8)}.webhook.office.com/webhookb2/{_uuid(rng)}@{_uuid(rng)}"
        f"/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}"
    )


# (family, variable name, generator, is a URL)
VENDORS: tuple[tuple[str, str, Token, bool], ...] = (
    ("aws-access-key-id", "AWS_ACCESS_KEY_ID", _tok("AKIA", BASE32, 16), False),
    ("github-pat-classic", "GITHUB_TOKEN", _github("ghp_"), False),
    ("github-oauth", "GH_OAUTH_TOKEN", _github("gho_"), False),
    ("github-app-installation", "GH_INSTALLATION_TOKEN", _github("ghs_"), False),
    ("github-fine-grained", "GH_PAT", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59)), False),
    ("gitlab-pat", "GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20), False),
    ("gitlab-runner", "RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20), False),
    ("gitlab-deploy", "GITLAB_DEPLOY_TOKEN", _tok("gldt-", URLSAFE, 20), False),
    (
        "slack-bot",
        "SLACK_BOT_TOKEN",
        _parts("xoxb-", (DIGITS, 12), "-", (DIGITS, 13), "-", (ALNUM, 24)),
        False,
    ),
    (
        "slack-user",
        "SLACK_USER_TOKEN",
        _parts("xoxp-", (DIGITS, 12), "-", (DIGITS, 12), "-", (DIGITS, 13), "-", (HEX, 32)),
        False,
    ),
    (
        "slack-webhook",
        "SLACK_WEBHOOK_URL",
        _parts(
            "https://hooks.slack.com/services/T",
            (UPPER + DIGITS, 10),
            "/B",
            (UPPER + DIGITS, 10),
            "/",
            (ALNUM, 24),
        ),
        True,
    ),
    (
        "discord-webhook",
        "DISCORD_WEBHOOK",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 19), "/", (URLSAFE, 68)),
        True,
    ),
    ("teams-webhook", "TEAMS_WEBHOOK_URL", _teams, True),
    ("stripe-secret", "STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 99), False),
    ("stripe-restricted", "STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 99), False),
    ("stripe-webhook-secret", "STRIPE_WEBHOOK_SECRET", _tok("whsec_", ALNUM, 32), False),
    (
        "openai",
        "OPENAI_API_KEY",
        _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74)),
        False,
    ),
    ("anthropic", "ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (URLSAFE, 93), "AA"), False),
    ("google-api-key", "GOOGLE_API_KEY", _tok("AIza", URLSAFE, 35), False),
    ("google-oauth-secret", "GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28), False),
    ("huggingface", "HF_TOKEN", _tok("hf_", UPPER + LOWER, 34), False),
    ("sendgrid", "SENDGRID_API_KEY", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43)), False),
    ("mailgun", "MAILGUN_API_KEY", _tok("key-", HEX, 32), False),
    ("mailchimp", "MAILCHIMP_API_KEY", _parts((HEX, 32), "-us", (DIGITS, 2)), False),
    ("twilio-api-key", "TWILIO_API_KEY", _tok("SK", HEX, 32), False),
    ("npm", "NPM_TOKEN", _tok("npm_", ALNUM, 36), False),
    ("pypi", "PYPI_API_TOKEN", _parts("pypi-AgEIcHlwaS5vcmc", (URLSAFE, 150)), False),
    ("rubygems", "GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48), False),
    ("nuget", "NUGET_API_KEY", _tok("oy2", LOWER + DIGITS, 43), False),
    ("dockerhub", "DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 27), False),
    ("digitalocean", "DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64), False),
    ("heroku", "HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 58), False),
    ("shopify", "SHOPIFY_ADMIN_TOKEN", _tok("shpat_", HEX, 32), False),
    ("square", "SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60), False),
    ("pulumi", "PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40), False),
    ("doppler", "DOPPLER_TOKEN", _tok("dp.pt.", ALNUM, 43), False),
    ("databricks", "DATABRICKS_TOKEN", _tok("dapi", HEX, 32), False),
    ("atlassian", "JIRA_API_TOKEN", _tok("ATATT3", URLSAFE, 186), False),
    ("linear", "LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40), False),
    ("new-relic", "NEW_RELIC_API_KEY", _tok("NRAK-", UPPER + DIGITS, 27), False),
    (
        "grafana-service-account",
        "GRAFANA_SA_TOKEN",
        _parts("glsa_", (ALNUM, 32), "_", (HEX, 8)),
        False,
    ),
    ("grafana-cloud", "GRAFANA_CLOUD_TOKEN", _grafana_cloud, False),
    ("postman", "POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34)), False),
    ("vault", "VAULT_TOKEN", _tok("hvs.", URLSAFE, 92), False),
    ("terraform-cloud", "TFE_TOKEN", _parts((ALNUM, 14), ".atlasv1.", (ALNUM, 67)), False),
    (
        "dynatrace",
        "DT_API_TOKEN",
        _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64)),
        False,
    ),
    ("sentry-user", "SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64), False),
    ("planetscale", "PLANETSCALE_SERVICE_TOKEN", _tok("pscale_tkn_", URLSAFE, 43), False),
    ("figma", "FIGMA_TOKEN", _tok("figd_", URLSAFE, 40), False),
    ("notion", "NOTION_API_KEY", _parts("ntn_", (DIGITS, 11), (ALNUM, 35)), False),
    ("airtable", "AIRTABLE_PAT", _parts("pat", (ALNUM, 14), ".", (HEX, 64)), False),
    ("telegram-bot", "TELEGRAM_BOT_TOKEN", _parts((DIGITS, 10), ":AA", (URLSAFE, 33)), False),
    (
        "discord-bot",
        "DISCORD_TOKEN",
        _parts("M", (ALNUM, 25), ".", (URLSAFE, 6), ".", (URLSAFE, 38)),
        False,
    ),
    ("dropbox", "DROPBOX_ACCESS_TOKEN", _tok("sl.", URLSAFE, 135), False),
    ("jfrog", "ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69), False),
    ("flyio", "FLY_API_TOKEN", _tok("fo1_", URLSAFE, 43), False),
    ("netlify", "NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36), False),
    ("supabase", "SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40), False),
    ("render", "RENDER_API_KEY", _tok("rnd_", ALNUM, 32), False),
    (
        "azure-ad-client-secret",
        "AZURE_CLIENT_SECRET",
        _parts((ALNUM, 3), (DIGITS, 1), "Q~", (ALNUM + "_~.-", 33), (ALNUM, 1)),
        False,
    ),
    ("alibaba", "ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20), False),
    ("tencent", "TENCENTCLOUD_SECRET_ID", _tok("AKID", ALNUM, 32), False),
    ("okta", "OKTA_API_TOKEN", _tok("00", URLSAFE, 40), False),
    ("circleci", "CIRCLE_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40)), False),
    ("buildkite", "BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40), False),
    ("sonarqube", "SONAR_TOKEN", _tok("squ_", HEX, 40), False),
    ("launchdarkly", "LD_API_KEY", _uuid_after("api-"), False),
    ("brevo", "BREVO_API_KEY", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16)), False),
    ("hubspot", "HUBSPOT_TOKEN", _uuid_after("pat-na1-"), False),
    ("clickup", "CLICKUP_API_TOKEN", _parts("pk_", (DIGITS, 8), "_", (UPPER + DIGITS, 32)), False),
    ("tailscale", "TS_AUTHKEY", _parts("tskey-auth-", (ALNUM, 12), "-", (ALNUM, 32)), False),
    (
        "1password-secret-key",
        "OP_SECRET_KEY",
        _parts(
            "A3-",
            (UPPER + DIGITS, 6),
            "-",
            (UPPER + DIGITS, 6),
            "-",
            (UPPER + DIGITS, 5),
            "-",
            (UPPER + DIGITS, 5),
            "-",
            (UPPER + DIGITS, 5),
            "-",
            (UPPER + DIGITS, 5),
        ),
        False,
    ),
    ("facebook-page", "FB_PAGE_TOKEN", _tok("EAAM", ALNUM, 150), False),
    (
        "firebase-fcm",
        "FCM_SERVER_KEY",
        _parts("AAAA", (URLSAFE, 7), ":APA91b", (URLSAFE, 134)),
        False,
    ),
    (
        "salesforce",
        "SF_ACCESS_TOKEN",
        _parts("00D", (ALNUM, 12), "!", (ALNUM + "._", 95), (ALNUM, 1)),
        False,
    ),
    ("yandex", "YC_API_KEY", _tok("AQVN", URLSAFE, 36), False),
    ("sourcegraph", "SRC_ACCESS_TOKEN", _parts("sgp_", (HEX, 16), "_", (HEX, 40)), False),
    (
        "braintree",
        "BRAINTREE_ACCESS_TOKEN",
        _parts("access_token$production$", (LOWER + DIGITS, 16), "$", (HEX, 32)),
        False,
    ),
    ("razorpay", "RAZORPAY_KEY_ID", _tok("rzp_live_", ALNUM, 14), False),
    ("flutterwave", "FLW_SECRET_KEY", _parts("FLWSECK-", (HEX, 32), "-X"), False),
    ("paystack", "PAYSTACK_SECRET_KEY", _tok("sk_live_", HEX, 40), False),
    ("plaid", "PLAID_ACCESS_TOKEN", _uuid_after("access-production-"), False),
    ("shippo", "SHIPPO_API_KEY", _tok("shippo_live_", HEX, 40), False),
    ("easypost", "EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54), False),
    ("contentful", "CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43), False),
    ("mapbox", "MAPBOX_SECRET_TOKEN", _mapbox, False),
    ("groq", "GROQ_API_KEY", _tok("gsk_", ALNUM, 52), False),
    ("replicate", "REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37), False),
    ("openrouter", "OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64), False),
    ("xai", "XAI_API_KEY", _tok("xai-", ALNUM, 80), False),
    ("perplexity", "PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48), False),
    ("langsmith", "LANGSMITH_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10)), False),
    ("nvidia", "NVIDIA_API_KEY", _tok("nvapi-", URLSAFE, 64), False),
    ("pinecone", "PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 5), "_", (ALNUM, 63)), False),
    ("adafruit-io", "AIO_KEY", _tok("aio_", ALNUM, 28), False),
    ("readme", "README_API_KEY", _tok("rdme_", LOWER + DIGITS, 70), False),
    ("octopus-deploy", "OCTOPUS_API_KEY", _tok("API-", UPPER + DIGITS, 26), False),
    ("infracost", "INFRACOST_API_KEY", _tok("ico-", ALNUM, 32), False),
    (
        "sidekiq-enterprise",
        "BUNDLE_ENTERPRISE__CONTRIBSYS__COM",
        _parts((HEX, 8), ":", (HEX, 8)),
        False,
    ),
    ("frameio", "FRAMEIO_TOKEN", _tok("fio-u-", URLSAFE, 64), False),
    ("prefect", "PREFECT_API_KEY", _tok("pnu_", ALNUM, 36), False),
    ("ubidots", "UBIDOTS_TOKEN", _tok("BBFF-", ALNUM, 30), False),
    ("duffel", "DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", URLSAFE, 43), False),
    ("scalingo", "SCALINGO_API_TOKEN", _tok("tk-us-", URLSAFE, 48), False),
    (
        "age-secret-key",
        "SOPS_AGE_KEY",
        _tok("AGE-SECRET-KEY-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
        False,
    ),
    ("azure-devops-pat", "AZURE_DEVOPS_EXT_PAT", _tok("", LOWER + DIGITS, 52), False),
    ("datadog", "DD_API_KEY", _hex(32), False),
    ("cloudflare-api-token", "CLOUDFLARE_API_TOKEN", _tok("", URLSAFE, 40), False),
)

GENERATED_CONTEXTS = (
    "§pre§§k§=§v§§post§",
    '§pre§export §k§="§v§"§post§',
    '§pre§env:\n  - name: §k§\n    value: "§v§"§post§',
    '§pre§{\n  "§k§": "§v§",\n  "timeout": 30\n}§post§',
    "§pre§docker run --rm -e §k§=§v§ ghcr.io/example/§svc§:1.4.2§post§",
    '§pre§os.environ["§k§"] = "§v§"§post§',
    "§pre§process.env.§k§ = '§v§';§post§",
    '§pre§[secrets]\n§k§ = "§v§"§post§',
    "§pre§    steps:\n      - run: ./scripts/publish.sh\n        env:\n          §k§: §v§§post§",
    "§pre§services:\n  §svc§:\n    environment:\n      - §k§=§v§§post§",
    "§pre§apiVersion: v1\nkind: Secret\nmetadata:\n  name: §svc§\nstringData:\n  §k§: §v§§post§",
    'variable "§k§" {\n  type    = string\n  default = "§v§"\n}',
    "my §k§ is §v§ and every call returns 401, did I paste it wrong?",
    "§ts§ DEBUG settings loaded: §k§=§v§ env=production",
    '§pre§Traceback (most recent call last):\n  File "worker.py", line 88, in run\n    raise AuthError(f"rejected token {token!r}")\nAuthError: rejected token \'§v§\'§post§',
    '<add key="§k§" value="§v§" />',
    '$env:§k§ = "§v§"',
    "set -gx §k§ §v§",
    "¿Alguien sabe por qué falla? Tengo §k§=§v§ en el .env",
    "Mein §k§ ist §v§ und trotzdem kommt 401 zurück.",
    "J'ai mis §k§=§v§ dans le fichier mais l'appel échoue.",
    "§k§ に §v§ を設定しましたが認証に失敗します。",
    "我把 §k§ 设置成 §v§ 了，还是报 401。",
    "В переменной §k§ лежит §v§ , но API отвечает 401.",
    "Configurei §k§=§v§ e continua dando 401.",
)
TOKEN_ONLY_CONTEXTS = (
    'curl -s https://§api§/v1/me -H "Authorization: Bearer §v§"',
    'headers = {"Authorization": "Bearer §v§"}',
    "http GET https://§api§/v2/items 'Authorization:Bearer §v§'",
    'client := api.NewClient("§v§")',
)


def _generated(rng: random.Random) -> list[Case]:
    vendors = list(VENDORS)
    rng.shuffle(vendors)
    cases = []
    for index in range(SIZES["generated"]):
        family, name, build, is_url = vendors[index % len(vendors)]
        contexts = GENERATED_CONTEXTS if is_url else GENERATED_CONTEXTS + TOKEN_ONLY_CONTEXTS
        template = rng.choice(contexts).replace("§k§", name)
        text, spans = _join(_fill(template, rng, build(rng)))
        cases.append(Case(family, "generated", text, spans))
    return cases


# --- harmless look-alikes ----------------------------------------------------------------


def _ordinary_b64(rng: random.Random) -> str:
    data = rng.choice(
        (
            {"theme": "dark", "lang": "en", "page_size": rng.randint(10, 99)},
            {"feature": "bulk_export", "enabled": True, "rollout": rng.randint(1, 100)},
            {"cursor": rng.randint(1000, 99999), "direction": "next"},
        )
    )
    return _b64(json.dumps(data).encode())


def _integrity(rng: random.Random) -> str:
    return "sha512-" + _b64(rng.randbytes(64))


def _ssh_public(rng: random.Random) -> str:
    return "ssh-ed25519 " + _b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rng.randbytes(32))


def _certificate(rng: random.Random) -> str:
    body = _pem_body(rng.randbytes(600))
    return f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----"


def _public_key(rng: random.Random) -> str:
    body = _pem_body(rng.randbytes(294))
    return f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----"


def _word(rng: random.Random) -> str:
    return rng.choice(("orders", "billing", "search", "reports", "ingest", "audit", "catalog"))


def _semver(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"


FILLERS: dict[str, Token] = {
    "hex7": _hex(7),
    "hex32": _hex(32),
    "hex40": _hex(40),
    "hex64": _hex(64),
    "uuid": _uuid,
    "b64data": _ordinary_b64,
    "integrity": _integrity,
    "sshpub": _ssh_public,
    "cert": _certificate,
    "pubkey": _public_key,
    "word": _word,
    "semver": _semver,
    "port": lambda rng: str(rng.choice((3000, 5432, 6379, 8080, 8443, 9092, 27017))),
    "n": lambda rng: str(rng.randint(2, 480)),
    "b64url22": lambda rng: _b64url(rng.randbytes(16)),
    "objid": _hex(24),
    "ulid": lambda rng: _chars(rng, "0123456789ABCDEFGHJKMNPQRSTVWXYZ", 26),
    "stripeid": lambda rng: (
        rng.choice(("cus_", "pi_", "ch_", "evt_", "prod_")) + _chars(rng, ALNUM, 24)
    ),
    "docid": lambda rng: _chars(rng, URLSAFE, 44),
    "mask": lambda rng: "*" * rng.randint(6, 16),
    "date": lambda rng: f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    "tail4": lambda rng: _chars(rng, LOWER + DIGITS, 4),
}
LEADS = (
    "", "", "", "", "fyi: ", "Quick check: ", "Context: ", "Nota: ", "Hinweis: ", "Remarque : ",
    "参考: ", "Для справки: ", "Is this fine to commit?\n", "Can you review this?\n",
    "¿Esto está bien así?\n", "Passt das so?\n", "C'est correct ?\n", "これで大丈夫ですか?\n",
    "这样写可以吗?\n", "Czy to jest w porządku?\n", "From the wiki:\n", "Pasted from the ticket:\n",
)  # fmt: skip


class _Draws(dict):
    """A ``str.format_map`` mapping that draws a fresh filler on every lookup."""

    def __init__(self, rng: random.Random, fillers: dict[str, Token]) -> None:
        super().__init__()
        self.rng, self.fillers = rng, fillers

    def __missing__(self, key: str) -> str:
        return self.fillers[key](self.rng)


NEGATIVE: tuple[tuple[str, str], ...] = (
    ("placeholder-angle", "API_KEY=<your-api-key>\nAPI_URL=https://api.example.com"),
    (
        "placeholder-angle",
        'Replace `<YOUR_TOKEN>` in the snippet: curl -H "Authorization: Bearer <YOUR_TOKEN>" https://api.example.com/v1/me',
    ),
    (
        "placeholder-xxx",
        "STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n# ask the payments team for the real one",
    ),
    ("placeholder-xxx", "password: xxxxxxxx  # set in the vault, not here"),
    ("placeholder-your", 'OPENAI_API_KEY="your-api-key-here"'),
    ("placeholder-your", "DB_PASSWORD=YOUR_PASSWORD_HERE"),
    ("placeholder-replace", "client_secret: REPLACE_ME\nclient_id: {word}-service"),
    (
        "placeholder-changeit",
        "# TODO: set a strong value before deploying\nADMIN_PASSWORD=<change-me>",
    ),
    ("env-reference", 'DATABASE_URL="postgresql://app:${{DB_PASSWORD}}@db:{port}/app"'),
    ("env-reference", "export GITHUB_TOKEN=$(gh auth token)"),
    (
        "env-reference",
        'password = os.environ["DB_PASSWORD"]\nuser = os.environ.get("DB_USER", "app")',
    ),
    (
        "env-reference",
        "const apiKey = process.env.PAYMENTS_API_KEY;\nif (!apiKey) throw new Error('PAYMENTS_API_KEY is not set');",
    ),
    ("env-reference", 'String secret = System.getenv("CLIENT_SECRET");'),
    ("env-reference", "token = ENV.fetch('SLACK_BOT_TOKEN')"),
    ("env-reference", 'dbPass := os.Getenv("DB_PASSWORD")'),
    (
        "ci-secret-reference",
        "env:\n  NPM_TOKEN: ${{{{ secrets.NPM_TOKEN }}}}\n  SONAR_TOKEN: ${{{{ secrets.SONAR_TOKEN }}}}",
    ),
    ("helm-template", "password: {{{{ .Values.postgresql.auth.password | quote }}}}"),
    (
        "k8s-secret-ref",
        "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: {word}-db\n        key: password",
    ),
    ("terraform-var", 'resource "aws_db_instance" "main" {{\n  password = var.db_password\n}}'),
    ("docker-secret-file", "POSTGRES_PASSWORD_FILE=/run/secrets/postgres_password"),
    ("spring-placeholder", '@Value("${{spring.datasource.password}}")\nprivate String password;'),
    ("maven-placeholder", "<password>${{env.MAVEN_PASSWORD}}</password>"),
    ("python-format", 'dsn = "postgresql://%(user)s:%(password)s@%(host)s/%(db)s" % settings'),
    ("redacted", "password=********\nuser=app"),
    ("redacted", "Authorization: Bearer [REDACTED]"),
    ("redacted", "token: {mask} (masked in logs)"),
    ("redacted", "The key ending in …{tail4} was revoked on {date}."),
    ("redacted", "DATABASE_URL=postgres://app:***@db:{port}/app"),
    ("fixture-fake", 'password = "fake-password-for-tests"'),
    ("fixture-fake", 'api_key = "dummy"  # tests only'),
    ("fixture-fake", 'mock_token = "not-a-real-token"'),
    ("fixture-fake", "secret: example-secret-value"),
    ("fixture-fake", 'theapikey := "somefakekey"'),
    ("fixture-fake", '@pytest.fixture\ndef client():\n    return ApiClient(api_key="test")'),
    ("empty-assignment", "DB_PASSWORD=\nDB_USER=app\nDB_HOST=localhost"),
    ("empty-assignment", '{{"apiKey": "", "timeout": {n}}}'),
    ("empty-assignment", "token: null\nrefresh_token: ~"),
    ("empty-assignment", 'theapikey := ""'),
    (
        "name-without-value",
        'def rotate_api_key(account_id: str) -> None:\n    """Issue a new key and revoke the old one."""',
    ),
    ("name-without-value", 'if not password:\n    raise ValueError("password is required")'),
    ("name-without-value", "  --token TOKEN   API token (default: read from $API_TOKEN)"),
    (
        "name-without-value",
        "ERROR: Invalid API key provided. Check the key in your dashboard settings.",
    ),
    (
        "name-without-value",
        '<input type="password" name="password" autocomplete="current-password" required>',
    ),
    ("name-without-value", "ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL;"),
    (
        "prose",
        "We rotate API keys every {n} days and store them in the secrets manager, never in the repo.",
    ),
    ("prose", "What's the difference between a client secret and an access token in OAuth?"),
    ("prose", "Pon las contraseñas en variables de entorno, nunca en el código fuente."),
    ("prose", "Bitte keine Tokens in Tickets posten – nutzt den Passwort-Manager."),
    ("prose", "Les clés d'API doivent être renouvelées après chaque départ de l'équipe."),
    ("prose", "秘密鍵はリポジトリにコミットしないでください。"),
    ("git-sha", "commit {hex40}\n\n    Fix pagination off-by-one in {word} export"),
    (
        "git-sha",
        "{hex7} Bump lodash from 4.17.20 to 4.17.21\n{hex7} Merge pull request #{n} from feature/cache",
    ),
    ("checksum", "{hex64}  {word}-{semver}.tar.gz"),
    ("checksum", "SHA256 ({word}.zip) = {hex64}"),
    ("checksum", "md5: {hex32}\nsize: {n} KB"),
    ("docker-digest", "FROM python:3.12-slim@sha256:{hex64}"),
    (
        "npm-integrity",
        '"resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",\n"integrity": "{integrity}"',
    ),
    ("pip-hash", "requests==2.32.3 \\\n    --hash=sha256:{hex64}"),
    (
        "sri",
        '<script src="/static/app.js" integrity="{integrity}" crossorigin="anonymous"></script>',
    ),
    ("git-lfs-pointer", "version https://git-lfs.github.com/spec/v1\noid sha256:{hex64}\nsize {n}"),
    ("uuid", "request_id={uuid} status=200 duration_ms={n}"),
    ("uuid", 'terraform {{\n  backend "s3" {{}}\n}}\n# lineage: {uuid}'),
    ("object-id", 'db.orders.find({{ _id: ObjectId("{objid}") }})'),
    ("object-id", "created job {ulid} in queue {word}"),
    ("object-id", "webhook event {stripeid} delivered"),
    ("doc-link", "design doc: https://docs.google.com/document/d/{docid}/edit"),
    ("base64-data", "echo '{b64data}' | base64 -d"),
    ("base64-data", "next_page_token: {b64data}"),
    ("base64-data", 'ETag: "{b64url22}"'),
    ("public-key", "{sshpub} ci-runner"),
    ("public-key", "Here is our public key for verifying webhooks:\n{pubkey}"),
    ("certificate", "ca.crt:\n{cert}"),
    ("port", "EXPOSE {port}\nHEALTHCHECK CMD curl -f http://localhost:{port}/healthz || exit 1"),
    ("port", 'ports:\n  - "{port}:{port}"'),
    ("version", "upgraded from {semver} to {semver}, tests pass"),
    (
        "build-coordinate",
        'implementation("org.springframework.boot:spring-boot-starter-web:3.3.2")\nimplementation("com.fasterxml.jackson.core:jackson-databind:2.17.1")',
    ),
    (
        "build-coordinate",
        "<dependency>\n  <groupId>org.apache.kafka</groupId>\n  <artifactId>kafka-clients</artifactId>\n  <version>3.7.0</version>\n</dependency>",
    ),
    ("file-path", "ls -la /etc/ssl/private/ /var/lib/postgresql/16/main/"),
    ("file-path", "ssh -i ~/.ssh/id_ed25519 -p 22 deploy-host"),
    ("css", ".btn-primary {{ color: #ffffff; background: #1f6feb; border: 1px solid #1a5fd0; }}"),
    (
        "html",
        '<meta name="csrf-param" content="authenticity_token">\n<link rel="preload" href="/assets/app-{hex32}.css" as="style">',
    ),
    (
        "minified",
        '!function(e,t){{"object"==typeof exports?module.exports=t():e.lib=t()}}(this,function(){{return{{v:"{semver}"}}}});',
    ),
    ("hashed-asset", "dist/assets/index-{hex7}.js   {n}.4 kB │ gzip: 12.1 kB"),
    ("date", "Release freeze starts {date}; the rotation date for service keys is {date}."),
    ("docs-example", "curl https://api.example.com/v1/charges -u <secret_key>: -d amount=2000"),
    ("docs-example", "# Example only, not a real key\nexport EXAMPLE_API_KEY=EXAMPLEKEY123"),
    ("keyword-in-name", 'password_reset_url = f"{{base_url}}/account/password/reset"'),
    (
        "keyword-in-name",
        "token_endpoint: https://auth.example.com/oauth2/token\ntoken_ttl_seconds: {n}",
    ),
    (
        "keyword-in-name",
        "SECRET_NAME=prod/{word}/db-credentials\naws secretsmanager get-secret-value --secret-id $SECRET_NAME",
    ),
    ("vault-command", "vault kv get -field=password secret/{word}"),
    ("cli-prompt", "mysql -u root -p\nEnter password:"),
    ("high-entropy-id", "Trace: traceparent: 00-{hex32}-{tail4}{tail4}{tail4}{tail4}-01"),
)


# --- PII ---------------------------------------------------------------------------------

NAMES: tuple[tuple[str, ...], ...] = (
    ("Oluwaseun", "Chiamaka", "Emeka", "Ngozi"), ("Adeyemi", "Okonkwo", "Eze", "Balogun"),
    ("Priya", "Arjun", "Ananya", "Vikram"), ("Raghunathan", "Iyer", "Kulkarni", "Bhattacharya"),
    ("Kenji", "Haruka", "Sota", "Yui"), ("Watanabe", "Takahashi", "Kobayashi", "Matsumoto"),
    ("Mateusz", "Zuzanna", "Krzysztof", "Agnieszka"), ("Kowalczyk", "Wiśniewska", "Zieliński", "Nowak"),
    ("Ximena", "Santiago", "Valentina", "Joaquín"), ("Castañeda", "Villalobos", "Restrepo", "Ibarra"),
    ("Björn", "Ingrid", "Sigrid", "Henrik"), ("Lindqvist", "Andersson", "Bergström", "Johansson"),
    ("Thandiwe", "Sipho", "Lerato", "Bongani"), ("Nkosi", "Dlamini", "Mokoena", "Khumalo"),
    ("Siobhán", "Declan", "Aoife", "Cillian"), ("O'Connell", "Gallagher", "Byrne", "McCarthy"),
    ("Nguyen", "Tran", "Pham", "Le"), ("Thi Lan", "Van Minh", "Quoc Bao", "Thu Ha"),
    ("Fatima", "Youssef", "Layla", "Omar"), ("Al-Sayed", "Haddad", "Nasser", "Mansour"),
)  # fmt: skip


def _person(rng: random.Random) -> str:
    origin = rng.randrange(len(NAMES) // 2)
    first, last = rng.choice(NAMES[2 * origin]), rng.choice(NAMES[2 * origin + 1])
    return f"{first} {last}"  # Vietnamese pairs list the family name first


def _email(rng: random.Random) -> str:
    origin = rng.randrange(len(NAMES) // 2)
    first = rng.choice(NAMES[2 * origin]).lower()
    last = re.sub(r"[^a-z]", "", rng.choice(NAMES[2 * origin + 1]).lower())
    first = first.translate(str.maketrans("áéíóúñöåšçãśńł", "aeiounoascasnl"))
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}"))
    domain = rng.choice(
        (
            "northwindtraders.com",
            "contoso-health.org",
            "fabrikam.io",
            "tailspin-air.net",
            "woodgrovebank.co.uk",
        )
    )
    return f"{re.sub(r'[^a-z0-9.]', '', local)}@{domain}"


PHONE_SHAPES: tuple[tuple[str, str], ...] = (
    ("US", "{a}{b}{c}-{d}{d}{d}-{d}{d}{d}{d}"),
    ("US", "({a}{b}{c}) {d}{d}{d}-{d}{d}{d}{d}"),
    ("US", "{a}{b}{c}.{d}{d}{d}.{d}{d}{d}{d}"),
    ("GB", "+44 7{d}{d}{d} {d}{d}{d}{d}{d}{d}"),
    ("DE", "+49 15{d} {d}{d}{d}{d}{d}{d}{d}{d}"),
    ("FR", "+33 6 {d}{d} {d}{d} {d}{d} {d}{d}"),
    ("ES", "+34 6{d}{d} {d}{d}{d} {d}{d}{d}"),
    ("IN", "+91 9{d}{d}{d}{d} {d}{d}{d}{d}{d}"),
    ("BR", "+55 11 9{d}{d}{d}{d}-{d}{d}{d}{d}"),
    ("JP", "+81 90-{d}{d}{d}{d}-{d}{d}{d}{d}"),
    ("AU", "+61 4{d}{d} {d}{d}{d} {d}{d}{d}"),
    ("MX", "+52 55 {d}{d}{d}{d} {d}{d}{d}{d}"),
    ("NG", "+234 803 {d}{d}{d} {d}{d}{d}{d}"),
)


def _phone(rng: random.Random) -> str:
    region, shape = rng.choice(PHONE_SHAPES)
    while True:
        area = rng.choice(("212", "312", "415", "617", "206", "303", "512", "713", "404", "919"))
        value = shape.replace("{a}{b}{c}", area)
        value = re.sub(r"\{d\}", lambda _: rng.choice(DIGITS), value)
        parsed = phonenumbers.parse(value, region)
        if phonenumbers.is_valid_number(parsed) and "555" not in value[:9]:
            return value


def _luhn_tail(partial: str) -> str:
    total = 0
    for index, char in enumerate(reversed(partial)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


def _card(rng: random.Random) -> str:
    prefix, length = rng.choice(
        (
            ("4", 16),
            ("5" + rng.choice("12345"), 16),
            ("2221", 16),
            ("3" + rng.choice("47"), 15),
            ("6011", 16),
        )
    )
    partial = prefix + _chars(rng, DIGITS, length - len(prefix) - 1)
    number = partial + _luhn_tail(partial)
    if length == 15:
        return rng.choice((number, f"{number[:4]} {number[4:10]} {number[10:]}"))
    sep = rng.choice((" ", "-", ""))
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


def _ssn(rng: random.Random) -> str:
    area = rng.choice([n for n in range(1, 900) if n != 666])
    value = f"{area:03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"
    return value if rng.random() < 0.8 else value.replace("-", " ")


IBAN_SHAPES: dict[str, tuple[tuple[str, int], ...]] = {
    "DE": ((DIGITS, 18),),
    "GB": ((UPPER, 4), (DIGITS, 14)),
    "NL": ((UPPER, 4), (DIGITS, 10)),
    "FR": ((DIGITS, 23),),
    "ES": ((DIGITS, 20),),
    "IT": ((UPPER, 1), (DIGITS, 22)),
    "BE": ((DIGITS, 12),),
    "PL": ((DIGITS, 24),),
    "CH": ((DIGITS, 17),),
    "AT": ((DIGITS, 16),),
    "SE": ((DIGITS, 20),),
    "PT": ((DIGITS, 21),),
    "IE": ((UPPER, 4), (DIGITS, 14)),
}


def _iban(rng: random.Random) -> str:
    country = rng.choice(sorted(IBAN_SHAPES))
    bban = "".join(_chars(rng, alphabet, n) for alphabet, n in IBAN_SHAPES[country])
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    value = f"{country}{98 - int(numeric) % 97:02d}{bban}"
    if rng.random() < 0.5:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.2:
        groups = ["2a01", _chars(rng, HEX, 3)] + [
            _chars(rng, HEX, 4).lstrip("0") or "0" for _ in range(4)
        ]
        return ":".join(groups[:2]) + "::" + ":".join(groups[2:])
    first = rng.choice((23, 45, 66, 98, 134, 151, 178, 203, 81, 92, 109, 192))
    if first == 192:
        return f"192.168.{rng.randint(0, 255)}.{rng.randint(2, 254)}"
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}"


PII: dict[str, tuple[str, Callable[[random.Random], str], tuple[str, ...]]] = {
    "person": (
        "PERSON",
        _person,
        (
            "Can you draft a short thank-you note to §v§ for covering the on-call shift last weekend?",
            "Meeting notes: §v§ will own the migration runbook and report back next sprint.",
            "Please add §v§ as a reviewer on the pull request for the billing fix.",
            "Write a welcome message for §v§, who joins the data platform team on Monday.",
            "Escribe un correo breve para §v§ explicando el retraso del proyecto.",
            "Bitte formuliere eine Absage an §v§ für die ausgeschriebene Stelle.",
            "Peux-tu rédiger un message de félicitations pour §v§ après sa promotion ?",
            "Summarise this feedback from §v§: the new dashboard loads too slowly.",
            "The incident commander for tonight is §v§; page them if latency spikes.",
            "Remind §v§ that the quarterly access review is due on Friday.",
        ),
    ),
    "email": (
        "EMAIL_ADDRESS",
        _email,
        (
            "Please forward the signed contract to §v§ before the end of the week.",
            "The alert emails are going to §v§ instead of the on-call alias, how do I change that?",
            "Add §v§ to the distribution list for the release notes.",
            "Bounce: delivery to §v§ failed with 550 mailbox unavailable.",
            "Envía la factura a §v§ por favor.",
            "Bitte schick die Zugangsdaten-Anfrage an §v§ weiter.",
            "Contact: §v§",
            'git config user.email "§v§"',
            "Reply-To: §v§",
        ),
    ),
    "phone": (
        "PHONE_NUMBER",
        _phone,
        (
            "You can reach the vendor's support desk at §v§ during business hours.",
            "Customer asked us to call back on §v§ about the failed delivery.",
            "Emergency contact for the data center visit: §v§",
            "Llámame al §v§ cuando termine el despliegue.",
            "Ruf bitte unter §v§ zurück, es geht um die Rechnung.",
            "Rappelle-moi au §v§ si le problème persiste.",
            "The SMS verification goes to §v§ but it never arrives.",
            "On-call phone for this week: §v§",
            "Update the profile so the mobile number reads §v§",
        ),
    ),
    "credit_card": (
        "CREDIT_CARD",
        _card,
        (
            "The customer says card §v§ was charged twice for the same order.",
            "Refund failed for card number §v§, can you check the gateway log?",
            "Card on file: §v§ exp 09/28",
            "Why does the checkout form reject §v§ as invalid?",
            "El cargo a la tarjeta §v§ aparece duplicado.",
            "Die Kreditkarte §v§ wurde abgelehnt, obwohl sie gültig ist.",
            "payment_method: card §v§ (declined, insufficient funds)",
            "Please update the billing card to §v§ for the team subscription.",
        ),
    ),
    "us_ssn": (
        "US_SSN",
        _ssn,
        (
            "The applicant's SSN is §v§, please verify it against the form.",
            "Payroll rejected the record with social security number §v§.",
            "W-4 attached; SSN: §v§",
            "Can you check why the background check for SSN §v§ is still pending?",
            "Employee SSN §v§ is missing from the benefits export.",
            "Tax form field 'SSN' contains §v§, is the format right?",
            "Número de seguro social: §v§",
            "Verify identity: social security no. §v§",
        ),
    ),
    "iban": (
        "IBAN_CODE",
        _iban,
        (
            "Please wire the deposit to IBAN §v§ by Thursday.",
            "The supplier changed their bank details to §v§, can you update the vendor record?",
            "Bitte überweise den Betrag auf §v§.",
            "Le virement vers l'IBAN §v§ a été rejeté.",
            "Transferencia a la cuenta §v§ pendiente de aprobación.",
            "Refund to account §v§ failed validation in the payments job.",
            "Bankgegevens: IBAN §v§",
            "Can you check whether §v§ is a valid IBAN before we pay the invoice?",
        ),
    ),
    "ip_address": (
        "IP_ADDRESS",
        _ip,
        (
            "Our firewall keeps blocking §v§, is it on a deny list?",
            '§v§ - - [12/Mar/2025:10:01:22 +0000] "GET /healthz HTTP/1.1" 200 17',
            "Failed password attempts from §v§ in the auth log, should we ban it?",
            "Please allow-list §v§ for the partner integration.",
            "El cliente se conecta desde §v§ y recibe timeout.",
            "Die Anfragen von §v§ landen alle beim falschen Backend.",
            "sshd: Connection closed by authenticating user from §v§ port 51514",
            "Which service is listening on §v§? It answers on port 443.",
        ),
    ),
}
PII_COUNTS = {
    "person": 10,
    "email": 9,
    "phone": 9,
    "credit_card": 8,
    "us_ssn": 8,
    "iban": 8,
    "ip_address": 8,
}


def _pii(rng: random.Random) -> list[Case]:
    cases = []
    for family, count in PII_COUNTS.items():
        label, build, templates = PII[family]
        order = list(templates)
        rng.shuffle(order)
        for index in range(count):
            text, spans = _join(_fill(order[index % len(order)], rng, build(rng), label))
            cases.append(Case(family, "pii", text, spans))
    return cases


LOOKALIKE_FILLERS: dict[str, Token] = {
    "sku": _parts((UPPER, 3), "-", (DIGITS, 4), "-", (UPPER, 2)),
    "order": _parts("ORD-", (UPPER + DIGITS, 8)),
    "ver": _semver,
    "build": lambda rng: str(rng.randint(1000, 9999)),
    "pct": lambda rng: f"{rng.randint(90, 99)}.{rng.randint(0, 9)}",
    "ms": lambda rng: str(rng.randint(12, 900)),
    "n": lambda rng: str(rng.randint(2, 480)),
    "color": _hex(6),
    "track": _parts("TRK", (UPPER + DIGITS, 10)),
    "sha": _hex(7),
    "ts": lambda rng: (
        f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T0{rng.randint(0, 9)}:{rng.randint(10, 59)}:{rng.randint(10, 59)}Z"
    ),
    "price": lambda rng: f"{rng.randint(5, 999)}.{rng.choice(('00', '49', '99'))}",
    "isbn": lambda rng: _isbn(rng),
    "ticket": _parts((UPPER, 4), "-", (DIGITS, 4)),
}


def _isbn(rng: random.Random) -> str:
    body = "978" + _chars(rng, DIGITS, 9)
    check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body)) % 10) % 10
    return f"{body[:3]}-{body[3]}-{body[4:8]}-{body[8:]}-{check}"


PII_NEGATIVE: tuple[tuple[str, str], ...] = (
    ("order-number", "Order {order} is stuck in Pending Fulfilment; SKU {sku} shows zero stock."),
    ("order-number", "Can you check why order {order} was refunded {price} twice?"),
    ("sku", "Bulk import failed on row {n}: SKU {sku} already exists in the Catalog."),
    ("version", "Release {ver} ships Smart Retry, Bulk Export and the new Audit Trail view."),
    ("version", "Upgrading the driver from {ver} to {ver} fixed the pooling leak."),
    ("timestamp", "Build {build} finished at {ts} in {n} seconds."),
    ("timestamp", "Last successful sync: {ts}; next run scheduled in {n} minutes."),
    ("tracking-id", "Shipment {track} left the sorting facility and is in transit."),
    ("ticket-id", "Duplicate of {ticket}; closing this one and linking the Root Cause Analysis."),
    ("metrics", "p50 {ms} ms | p95 {ms} ms | p99 {ms} ms | availability {pct}%"),
    (
        "metrics",
        "Error Budget Burn Rate is {n}x over the last hour; Checkout Latency SLO at {pct}%.",
    ),
    ("dashboard", "Grafana panel 'Queue Depth by Consumer Group' shows {n} messages lagging."),
    (
        "runbook",
        "Step {n}: drain the node, cordon it, then wait for the Pod Disruption Budget to settle.",
    ),
    (
        "runbook",
        "If the Disk Pressure alert fires, rotate logs first and only then resize the volume.",
    ),
    (
        "release-notes",
        "Release Notes {ver}\n- Added Dark Mode\n- Fixed Saved Filters not persisting\n- Deprecated Legacy Reports",
    ),
    (
        "paper-title",
        'Can you summarise "Attention Is All You Need" and "Deep Residual Learning for Image Recognition" in two paragraphs?',
    ),
    (
        "paper-title",
        "Compare Retrieval-Augmented Generation for Knowledge-Intensive Tasks with Chain of Thought Prompting.",
    ),
    (
        "feature-name",
        "Turn on Inline Suggestions, Smart Compose and Auto Archive for the Beta cohort.",
    ),
    (
        "team-name",
        "Platform Enablement and Data Foundations will pair on the Ingestion Rewrite next quarter.",
    ),
    ("team-name", "Escalate to Trust and Safety, then loop in Checkout Experience."),
    (
        "job-title",
        "We're hiring a Staff Site Reliability Engineer and a Principal Product Manager.",
    ),
    ("job-title", "The Head of Customer Success asked for a Quarterly Business Review deck."),
    ("css-colour", ".badge {{ color: #{color}; background-color: #{color}; padding: 2px 6px; }}"),
    ("code", "for (let i = 0; i < rows.length; i++) {{ total += rows[i].amount * {n}; }}"),
    (
        "code",
        "SELECT status, COUNT(*) FROM orders WHERE created_at > now() - interval '{n} days' GROUP BY status;",
    ),
    (
        "table",
        "| shard | rows | lag ms |\n|---|---|---|\n| shard-a | {build} | {ms} |\n| shard-b | {build} | {ms} |",
    ),
    ("isbn", "The reference book on our shelf is ISBN {isbn}."),
    ("commit", "Reverted {sha} because it broke the Nightly Build."),
    ("price", "Pro plan is {price} per seat per month, Enterprise is custom."),
    (
        "other-language",
        "El despliegue terminó sin errores después de la migración de la versión {ver}.",
    ),
    ("other-language", "Die Pipeline läuft wieder, der Cache wurde um {n} MB verkleinert."),
    ("other-language", "La nouvelle version corrige le problème de pagination dans les rapports."),
    ("other-language", "新しいバージョンではページネーションの不具合を修正しました。"),
    ("other-language", "Сборка {build} прошла успешно после обновления зависимостей."),
    ("other-language", "Il test di carico ha raggiunto {n} richieste al secondo senza errori."),
    ("units", "Set resources.limits to cpu: {n}m and memory: {n}Mi for the worker."),
    ("http", "GET /api/v2/reports?page={n}&per_page=50 returned 429 Too Many Requests."),
    ("kanban", "Moved '{ticket} Improve Search Relevance' from In Review to Done."),
)


EMAIL_SHAPE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
QUAD_SHAPE = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
SSN_SHAPE = re.compile(r"\b\d{3}[- ]\d{2}[- ]\d{4}\b")
CARD_RUN = re.compile(r"\d(?:[ -]?\d){12,18}")


def lookalike_is_clean(text: str) -> bool:
    """True when ``text`` holds nothing PII-shaped: no e-mail, dotted quad, SSN shape,
    Luhn-valid card run, or number ``phonenumbers`` finds for the US or GB."""
    if EMAIL_SHAPE.search(text) or QUAD_SHAPE.search(text) or SSN_SHAPE.search(text):
        return False
    for run in CARD_RUN.findall(text):
        digits = re.sub(r"\D", "", run)
        if _luhn_tail(digits[:-1]) == digits[-1]:
            return False
    return not any(
        any(True for _ in phonenumbers.PhoneNumberMatcher(text, region)) for region in ("US", "GB")
    )


def _harmless(
    rng: random.Random, kind: str, table: tuple[tuple[str, str], ...], fillers: dict[str, Token]
) -> list[Case]:
    """Harmless texts; a draw that came out PII-shaped by chance is drawn again."""
    order = list(table)
    rng.shuffle(order)
    cases = []
    for index in range(SIZES[kind]):
        family, template = order[index % len(order)]
        for _ in range(100):
            text = rng.choice(LEADS) + template.format_map(_Draws(rng, fillers))
            if lookalike_is_clean(text):
                break
        else:
            raise ValueError(template)
        cases.append(Case(family, kind, text, harmless=True))
    return cases


def round15_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """The whole round, in kind order, deterministic per ``seed``."""
    rng = random.Random(seed)
    return [
        *_literal(rng),
        *_generated(rng),
        *_harmless(rng, "negative", NEGATIVE, FILLERS),
        *_pii(rng),
        *_harmless(rng, "pii_negative", PII_NEGATIVE, LOOKALIKE_FILLERS),
    ]
