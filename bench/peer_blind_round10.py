"""Blind peer round 10: a held-out evaluation set written without the detector in view.

Written blind by "blind10": the author never read the detector's code, its tests (other than
the shape test of an earlier round), its documentation or its history, and never ran the
detector on these cases. The set was frozen before the detector first ran on it.

Formats and tricky negatives follow the public suites: gitleaks' rule definitions
(``cmd/generate/config/rules``: each rule's true and false positives), trufflehog's detector
tests (``pkg/detectors/*/*_test.go``), detect-secrets' plugin tests and Presidio's analyzer
recognizer tests (positive and negative examples). Nothing is copied from them: every
key-shaped value is generated at run time from its documented shape (prefix, alphabet,
length, and GitHub's CRC32 tail where it is documented), so this file holds no credential.

About a third of the texts in every kind are chat messages in languages other than English;
many are support tickets, incident write-ups and Slack-style threads.

Kinds of case (``SIZES``):
- ``literal``: a credential written the way people paste it (``.env``, YAML, JSON, shell,
  curl, code, stack traces, connection strings, logs, tickets, messages), one SECRET span;
- ``generated``: a vendor token built from its rule's pattern, in a chat or code context;
- ``negative``: harmless texts from the suites' false positives and everyday technical chat;
- ``pii``: one Presidio-style PII value per text;
- ``pii_negative``: texts that look as if they might hold PII but hold none.

``round10_cases(seed)`` is deterministic per seed: one ``random.Random`` runs through every
builder.
"""

from __future__ import annotations

import json
import random
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
from bench.quality_corpus import _chars, credit_card, iban, us_ssn

SIZES = {"literal": 150, "generated": 200, "negative": 200, "pii": 60, "pii_negative": 100}

Builder = Callable[[random.Random], Segments]
TextBuilder = Callable[[random.Random], str]

NON_ENGLISH_SHARE = 0.4
LOWNUM = LOWER + DIGITS
BASE62 = DIGITS + UPPER + LOWER
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


# --- small value helpers ---------------------------------------------------------------------


def _edge_safe(rng: random.Random, alphabet: str, length: int) -> str:
    """Random text of ``alphabet`` whose first and last characters are letters or digits."""
    middle = _chars(rng, alphabet, length - 2)
    return _chars(rng, ALNUM, 1) + middle + _chars(rng, ALNUM, 1)


WORDS = (
    "Harbor", "Quartz", "Tulpe", "Nebel", "Cometa", "Girasol", "Maree", "Falaise", "Vento",
    "Koraal", "Lantern", "Glacier", "Sakura", "Orchid", "Pixel", "Boreal", "Cobalt", "Zephyr",
)  # fmt: skip


def _password(rng: random.Random) -> str:
    """A password as people choose or generate them; starts and ends with a letter or digit."""
    style = rng.randrange(4)
    if style == 0:
        return _edge_safe(rng, ALNUM + "!#%*^?", rng.randint(14, 22))
    if style == 1:
        first, second = rng.sample(WORDS, 2)
        return f"{first}{rng.choice('!#%*')}{rng.randint(10, 9999)}{second}"
    if style == 2:
        return _chars(rng, ALNUM, rng.randint(20, 32))
    words = [w.lower() for w in rng.sample(WORDS, 3)]
    return "-".join(words) + f"-{rng.randint(10, 99)}{_chars(rng, ALNUM, 2)}"


def _url_password(rng: random.Random) -> str:
    """A password that may sit inside a URL or a query string without escaping."""
    return _edge_safe(rng, ALNUM + "-_.~", rng.randint(14, 26))


def _user(rng: random.Random) -> str:
    return rng.choice(
        ("svc_app", "deploy", "admin", "report_ro", "etl", "backup", "ci-bot", "api", "root")
    )


def _host(rng: random.Random) -> str:
    stem = rng.choice(("db", "pg", "mysql", "redis", "mq", "mongo", "cache", "warehouse"))
    env = rng.choice(("prod", "staging", "int", "qa", "dev"))
    zone = rng.choice(("internal", "corp.local", "svc.cluster.local", "lan"))
    return f"{stem}-{env}-{rng.randint(1, 9)}.{zone}"


def _hhmm(rng: random.Random) -> str:
    return f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def _github(prefix: str) -> Token:
    """A GitHub token: 30 random characters and a 6-character base62 CRC32 of them."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = BASE62[digit] + tail
        return f"{prefix}_{body}{tail}"

    return build


def _pem(rng: random.Random, kind: str) -> str:
    """A PEM private key block with a plausible DER header and random body."""
    if kind == "RSA PRIVATE KEY":
        der = bytes.fromhex("308204a40201000282010100") + rng.randbytes(1180)
    elif kind == "EC PRIVATE KEY":
        der = (
            bytes.fromhex("30770201010420")
            + rng.randbytes(32)
            + bytes.fromhex("a00a06082a8648ce3d030107a144034200")
            + b"\x04"
            + rng.randbytes(64)
        )
    elif kind == "OPENSSH PRIVATE KEY":
        der = b"openssh-key-v1\x00\x00\x00\x00\x04none" + rng.randbytes(380)
    else:
        der = bytes.fromhex("308204be020100300d06092a864886f70d0101010500048204a8")
        der += rng.randbytes(1190)
    body = _b64(der)
    width = 70 if kind == "OPENSSH PRIVATE KEY" else 64
    lines = [body[i : i + width] for i in range(0, len(body), width)]
    return "\n".join([f"-----BEGIN {kind}-----", *lines, f"-----END {kind}-----"])


def _jwt(rng: random.Random) -> str:
    alg = rng.choice(("HS256", "RS256", "ES256"))
    header = {"alg": alg, "typ": "JWT"}
    payload = {
        "sub": _uuid(rng),
        "iss": rng.choice(("auth.internal", "sso.acme-corp.dev", "kubernetes/serviceaccount")),
        "iat": 1_700_000_000 + rng.randint(0, 50_000_000),
        "scope": rng.choice(("read write", "admin", "orders:read", "deploy")),
    }
    payload["exp"] = payload["iat"] + 3600
    sig_len = {"HS256": 32, "RS256": 256, "ES256": 64}[alg]
    parts = (
        _b64url(json.dumps(header, separators=(",", ":")).encode()),
        _b64url(json.dumps(payload, separators=(",", ":")).encode()),
        _b64url(rng.randbytes(sig_len)),
    )
    return ".".join(parts)


def _split(template: str, value: str, label: str = SECRET, **names: str) -> Segments:
    """Segments of ``template`` with ``value`` (labelled) at ``%V%`` and names filled in."""
    for key, text in names.items():
        template = template.replace(f"%{key}%", text)
    before, after = template.split("%V%")
    return [(before, None), (value, label), (after, None)]


# --- frames: the chat, ticket, incident or thread a snippet is pasted into -----------------

FRAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("Why does this return 401? Here's what I have:\n```\n", "```\nAny idea?"),
        ("Ticket SUP-%I%: customer pasted the config below, sync stopped overnight.\n\n", ""),
        (
            "Incident %I% write-up (draft)\nSummary: worker failed to start after a deploy.\n"
            "Timeline: %T% alert fired, %T% rollback.\nConfig in use at the time:\n",
            "\nAction items: move config to the secret store.",
        ),
        ("[%T%] @oncall: prod worker is crashlooping, here's the env\n", "\n[%T%] @infra: on it"),
        ("Can you turn this into a Kubernetes manifest?\n\n", ""),
        ("Rewrite this in TypeScript please:\n\n", "\nThanks!"),
        ("thread from #deploys\n> ", "\n> ^ is this the right one for staging?"),
        ("Quick review before I commit this?\n```\n", "```"),
        ("Postmortem notes, section 3 (config):\n", "\nRoot cause is still being discussed."),
        ("Help, the job fails with this setup:\n", "\nLogs say connection refused."),
    ),
    "es": (
        ("¿Por qué me da 401? Esta es mi configuración:\n```\n", "```\nGracias de antemano."),
        ("Ticket SOP-%I%: el cliente pegó su config, la sincronización falló anoche.\n\n", ""),
        ("[%T%] @guardia: el worker de prod se reinicia en bucle, aquí el env\n", "\n¿Alguien?"),
    ),
    "de": (
        ("Warum bekomme ich hier einen 401? Meine Konfiguration:\n```\n", "```\nDanke!"),
        ("Störungsbericht %I% (Entwurf)\nZusammenfassung: Deployment fehlgeschlagen.\n", ""),
        ("Kannst du das kurz prüfen, bevor ich es einchecke?\n", "\nGruß aus dem Plattform-Team"),
    ),
    "fr": (
        ("Pourquoi j'ai une erreur 401 ? Voici ma config :\n```\n", "```\nMerci d'avance !"),
        ("[%T%] @astreinte : le worker de prod redémarre en boucle, voici l'env\n", "\nje regarde"),
        ("Ticket %I% : le client a collé sa configuration ci-dessous.\n\n", "\nPriorité haute."),
    ),
    "pt": (
        ("Alguém sabe por que isso dá 401? Segue a configuração:\n```\n", "```\nValeu!"),
        ("Chamado %I%: o cliente colou a configuração abaixo, a integração parou.\n\n", ""),
    ),
    "it": (
        ("Perché ottengo 401? Ecco la mia configurazione:\n```\n", "```\nGrazie mille."),
        ("Ticket %I%: il cliente ha incollato la configurazione, non sincronizza da ieri.\n", ""),
    ),
    "nl": (
        ("Waarom krijg ik een 401? Dit is mijn configuratie:\n```\n", "```\nAlvast bedankt!"),
        ("Incident %I%: deploy faalde na de release. Gebruikte config:\n", "\nActie: opschonen."),
    ),
    "ja": (
        ("このAPIが401を返します。設定は以下の通りです:\n```\n", "```\nよろしくお願いします。"),
        (
            "障害報告 %I% (下書き)\n概要: デプロイ後にワーカーが起動しない。\n設定:\n",
            "\n以上です。",
        ),
        ("[%T%] @当番: 本番のワーカーが再起動を繰り返しています。envはこちら\n", ""),
    ),
}
OTHER_LANGUAGES = tuple(lang for lang in FRAMES if lang != "en")


def _language(rng: random.Random) -> str:
    return rng.choice(OTHER_LANGUAGES) if rng.random() < NON_ENGLISH_SHARE else "en"


def _frame(rng: random.Random, segments: Segments) -> Segments:
    before, after = rng.choice(FRAMES[_language(rng)])
    filled = []
    for text in (before, after):
        text = text.replace("%I%", str(rng.randint(1000, 99999)), 1)
        while "%T%" in text:
            text = text.replace("%T%", _hhmm(rng), 1)
        filled.append(text)
    return [(filled[0], None), *segments, (filled[1], None)]


# --- literal credentials ----------------------------------------------------------------------


def _lit_env_password(rng: random.Random) -> Segments:
    name = rng.choice(("DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "ADMIN_PASS"))
    return _split("APP_ENV=production\nDB_HOST=%H%\n%N%=%V%\nLOG_LEVEL=info\n", _password(rng),
                  N=name, H=_host(rng))  # fmt: skip


def _lit_compose(rng: random.Random) -> Segments:
    return _split(
        "services:\n  db:\n    image: postgres:16\n    environment:\n"
        '      POSTGRES_USER: %U%\n      POSTGRES_PASSWORD: "%V%"\n',
        _password(rng),
        U=_user(rng),
    )


def _lit_json_client_secret(rng: random.Random) -> Segments:
    secret = _edge_safe(rng, URLSAFE + "~.", rng.randint(32, 48))
    return _split(
        '{\n  "client_id": "%C%",\n  "client_secret": "%V%",\n  "redirect_uri": "/callback"\n}\n',
        secret,
        C=_uuid(rng),
    )


def _lit_basic_header(rng: random.Random) -> Segments:
    pair = f"{_user(rng)}:{_password(rng)}"
    return _split(
        "GET /api/v2/exports HTTP/1.1\nHost: reports.internal\nAuthorization: Basic %V%\n"
        "Accept: application/json\n",
        _b64(pair.encode()),
    )


def _lit_bearer_curl(rng: random.Random) -> Segments:
    token = _edge_safe(rng, URLSAFE + ".", rng.randint(40, 64))
    return _split(
        "curl -s https://api.partner-gateway.io/v1/orders?limit=50 \\\n"
        '  -H "Authorization: Bearer %V%" \\\n  -H "Accept: application/json"\n',
        token,
    )


def _lit_token_header(rng: random.Random) -> Segments:
    token = _chars(rng, HEX, 40)
    return _split(
        "headers = {\n    'Authorization': 'Token %V%',\n"
        "    'Content-Type': 'application/json',\n}\n",
        token,
    )


def _lit_curl_user(rng: random.Random) -> Segments:
    return _split(
        "curl -u %U%:%V% -X POST https://ci.internal/job/nightly/buildWithParameters\n",
        _url_password(rng),
        U=_user(rng),
    )


def _lit_db_url(rng: random.Random) -> Segments:
    scheme, port = rng.choice(
        (("postgresql", 5432), ("mysql", 3306), ("mongodb", 27017), ("amqp", 5672))
    )
    key = rng.choice(("DATABASE_URL", "SQLALCHEMY_DATABASE_URI", "MONGO_URI", "BROKER_URL"))
    return _split(
        f"{key}={scheme}://%U%:%V%@%H%:{port}/app\n",
        _url_password(rng),
        U=_user(rng),
        H=_host(rng),
    )


def _lit_redis_url(rng: random.Random) -> Segments:
    return _split(
        "CACHES = {'default': {'BACKEND': 'django_redis.cache.RedisCache',\n"
        "    'LOCATION': 'rediss://:%V%@%H%:6380/0'}}\n",
        _url_password(rng),
        H=_host(rng),
    )


def _lit_mongo_srv(rng: random.Random) -> Segments:
    cluster = f"cluster{rng.randint(0, 9)}.{_chars(rng, LOWNUM, 5)}.mongodb.net"
    return _split(
        'const uri = "mongodb+srv://%U%:%V%@%C%/?retryWrites=true&w=majority";\n',
        _url_password(rng),
        U=_user(rng),
        C=cluster,
    )


def _lit_pem(kind: str) -> Builder:
    def build(rng: random.Random) -> Segments:
        path = rng.choice(("deploy_key", "id_rsa", "server.key", "signing.pem", "tls.key"))
        return _split(f"$ cat {path}\n%V%\n$ chmod 600 {path}\n", _pem(rng, kind))

    return build


def _lit_jwt(rng: random.Random) -> Segments:
    return _split(
        rng.choice(
            (
                "Authorization: Bearer %V%\n",
                'localStorage.setItem("access_token", "%V%");\n',
                "kubectl --token=%V% get pods -n payments\n",
            )
        ),
        _jwt(rng),
    )


def _lit_aws_secret(rng: random.Random) -> Segments:
    key_id = "AKIA" + _chars(rng, BASE32, 16)
    return _split(
        "[default]\naws_access_key_id = %K%\naws_secret_access_key = %V%\nregion = eu-west-1\n",
        _chars(rng, B64, 40),
        K=key_id,
    )


def _lit_azure_storage(rng: random.Random) -> Segments:
    account = "st" + _chars(rng, LOWNUM, 10)
    return _split(
        '"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=%A%;'
        'AccountKey=%V%;EndpointSuffix=core.windows.net"\n',
        _b64(rng.randbytes(64)),
        A=account,
    )


def _lit_dotnet_conn(rng: random.Random) -> Segments:
    return _split(
        '"ConnectionStrings": {\n  "Default": "Server=tcp:%H%,1433;Database=orders;'
        'User ID=%U%;Password=%V%;Encrypt=True;"\n}\n',
        _url_password(rng),
        H=_host(rng),
        U=_user(rng),
    )


def _lit_jdbc(rng: random.Random) -> Segments:
    return _split(
        "jdbc:postgresql://%H%:5432/ledger?user=%U%&password=%V%&ssl=true\n",
        _url_password(rng),
        H=_host(rng),
        U=_user(rng),
    )


def _lit_spring(rng: random.Random) -> Segments:
    return _split(
        "spring.datasource.url=jdbc:mysql://%H%:3306/shop\n"
        "spring.datasource.username=%U%\nspring.datasource.password=%V%\n",
        _password(rng),
        H=_host(rng),
        U=_user(rng),
    )


def _lit_php_define(rng: random.Random) -> Segments:
    return _split(
        "define( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', '%U%' );\n"
        "define( 'DB_PASSWORD', '%V%' );\ndefine( 'DB_HOST', 'localhost' );\n",
        _password(rng),
        U=_user(rng),
    )


def _lit_python_auth(rng: random.Random) -> Segments:
    return _split(
        'resp = requests.get(url, auth=("%U%", "%V%"), timeout=10)\nresp.raise_for_status()\n',
        _password(rng),
        U=_user(rng),
    )


def _lit_git_credentials(rng: random.Random) -> Segments:
    return _split(
        "$ cat .git-credentials\nhttps://%U%:%V%@git.internal-forge.dev\n",
        _url_password(rng),
        U=_user(rng),
    )


def _lit_npmrc(rng: random.Random) -> Segments:
    pair = f"{_user(rng)}:{_password(rng)}"
    return _split(
        "registry=https://npm.internal-forge.dev/\n//npm.internal-forge.dev/:_auth=%V%\n"
        "always-auth=true\n",
        _b64(pair.encode()),
    )


def _lit_pypirc(rng: random.Random) -> Segments:
    return _split(
        "[distutils]\nindex-servers = internal\n\n[internal]\n"
        "repository = https://pypi.internal-forge.dev/simple/\nusername = %U%\npassword = %V%\n",
        _password(rng),
        U=_user(rng),
    )


def _lit_docker_auth(rng: random.Random) -> Segments:
    pair = f"{_user(rng)}:{_password(rng)}"
    return _split(
        '{\n  "auths": {\n    "registry.internal-forge.dev": {\n'
        '      "auth": "%V%"\n    }\n  }\n}\n',
        _b64(pair.encode()),
    )


def _lit_kubeconfig(rng: random.Random) -> Segments:
    return _split(
        "users:\n- name: ci-deployer\n  user:\n    token: %V%\ncontexts:\n- name: prod\n",
        _jwt(rng),
    )


def _lit_stacktrace_dsn(rng: random.Random) -> Segments:
    return _split(
        'Traceback (most recent call last):\n  File "app/db.py", line 18, in <module>\n'
        '    engine = create_engine("postgresql+psycopg2://%U%:%V%@%H%/billing")\n'
        "sqlalchemy.exc.OperationalError: could not translate host name\n",
        _url_password(rng),
        U=_user(rng),
        H=_host(rng),
    )


def _lit_log_bearer(rng: random.Random) -> Segments:
    token = _edge_safe(rng, URLSAFE, rng.randint(32, 48))
    stamp = f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T{_hhmm(rng)}:07Z"
    return _split(
        f"{stamp} DEBUG http.client send: b'GET /v1/accounts HTTP/1.1\\r\\n"
        "Authorization: Bearer %V%\\r\\n'\n",
        token,
    )


def _lit_docker_run(rng: random.Random) -> Segments:
    name = rng.choice(("POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "RABBITMQ_DEFAULT_PASS"))
    return _split(
        "docker run -d --name db -e %N%=%V% -p 5432:5432 postgres:16-alpine\n",
        _url_password(rng),
        N=name,
    )


def _lit_terraform(rng: random.Random) -> Segments:
    return _split(
        'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n'
        '  username = "%U%"\n  password = "%V%"\n}\n',
        _password(rng),
        U=_user(rng),
    )


def _lit_ansible(rng: random.Random) -> Segments:
    return _split(
        "[web]\nweb01 ansible_user=deploy ansible_become_password=%V%\n",
        _url_password(rng),
    )


def _lit_django_secret(rng: random.Random) -> Segments:
    return _split(
        "DEBUG = False\nSECRET_KEY = '%V%'\nALLOWED_HOSTS = ['app.internal']\n",
        _edge_safe(rng, LOWNUM + "!@#%^*(-_=+)", 50),
    )


def _lit_smtp(rng: random.Random) -> Segments:
    return _split(
        "EMAIL_HOST = 'smtp.mail-relay.net'\nEMAIL_PORT = 587\nEMAIL_HOST_USER = 'notifier'\n"
        "EMAIL_HOST_PASSWORD = '%V%'\n",
        _password(rng),
    )


def _lit_x_api_key(rng: random.Random) -> Segments:
    return _split(
        "curl https://api.inventory-hub.io/v3/items -H 'X-API-Key: %V%'\n",
        _chars(rng, ALNUM, rng.randint(32, 40)),
    )


def _lit_query_key(rng: random.Random) -> Segments:
    return _split(
        "requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: "
        "https://api.weather-feed.io/v2/forecast?lat=0&lon=0&api_key=%V%\n",
        _chars(rng, HEX, 32),
    )


def _lit_webhook_secret(rng: random.Random) -> Segments:
    return _split(
        "webhooks:\n  endpoint: /hooks/payments\n  signing_secret: %V%\n",
        _chars(rng, ALNUM, rng.randint(32, 44)),
    )


def _lit_generic_api_key(rng: random.Random) -> Segments:
    key = rng.choice(("api_key", "apiKey", "access_token", "auth_token", "service_secret"))
    return _split(
        rng.choice(('%K%: "%V%"\n', "%K% = '%V%'\n", '"%K%": "%V%",\n', "%K%=%V%\n")),
        _chars(rng, rng.choice((ALNUM, HEX, LOWNUM)), rng.randint(24, 48)),
        K=key,
    )


def _lit_sshpass(rng: random.Random) -> Segments:
    return _split(
        "sshpass -p '%V%' ssh -o StrictHostKeyChecking=no %U%@%H% 'systemctl restart app'\n",
        _password(rng),
        U=_user(rng),
        H=_host(rng),
    )


def _lit_mysql_flag(rng: random.Random) -> Segments:
    return _split(
        "mysqldump -h %H% -u %U% --password='%V%' shop > shop.sql\n",
        _password(rng),
        H=_host(rng),
        U=_user(rng),
    )


def _lit_powershell(rng: random.Random) -> Segments:
    return _split(
        '$pw = ConvertTo-SecureString "%V%" -AsPlainText -Force\n'
        "$cred = New-Object System.Management.Automation.PSCredential ('%U%', $pw)\n",
        _password(rng),
        U=_user(rng),
    )


def _lit_redis_conf(rng: random.Random) -> Segments:
    return _split(
        "bind 127.0.0.1\nport 6379\nrequirepass %V%\nmaxmemory 2gb\n",
        _url_password(rng),
    )


def _lit_netrc(rng: random.Random) -> Segments:
    return _split(
        "machine artifacts.internal-forge.dev\n  login %U%\n  password %V%\n",
        _url_password(rng),
        U=_user(rng),
    )


def _lit_gcp_service_account(rng: random.Random) -> Segments:
    key = _pem(rng, "PRIVATE KEY").replace("\n", "\\n")
    project = f"analytics-{_chars(rng, LOWNUM, 6)}"
    return _split(
        '{\n  "type": "service_account",\n  "project_id": "%P%",\n'
        '  "private_key_id": "%I%",\n  "private_key": "%V%\\n",\n'
        '  "client_email": "loader@%P%.iam.gserviceaccount.com"\n}\n',
        key,
        P=project,
        I=_chars(rng, HEX, 40),
    )


def _lit_google_refresh(rng: random.Random) -> Segments:
    return _split(
        '{"access_token": "<expired>", "refresh_token": "%V%", "token_type": "Bearer"}\n',
        "1//0" + _edge_safe(rng, URLSAFE, 99),
    )


def _lit_go_dsn(rng: random.Random) -> Segments:
    return _split(
        'db, err := sql.Open("postgres", "host=%H% user=%U% password=%V% dbname=app")\n',
        _url_password(rng),
        H=_host(rng),
        U=_user(rng),
    )


def _lit_ldap(rng: random.Random) -> Segments:
    return _split(
        "ldap:\n  url: ldaps://directory.corp.local:636\n  bindDN: cn=svc-sync,ou=services\n"
        "  bindPassword: %V%\n",
        _password(rng),
    )


def _lit_markdown_table(rng: random.Random) -> Segments:
    return _split(
        "| system | user | password |\n|---|---|---|\n| reporting-db | %U% | %V% |\n",
        _password(rng),
        U=_user(rng),
    )


def _lit_k8s_secret_data(rng: random.Random) -> Segments:
    return _split(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\ntype: Opaque\n"
        "data:\n  password: %V%\n",
        _b64(_password(rng).encode()),
    )


def _lit_laravel_key(rng: random.Random) -> Segments:
    return _split(
        "APP_NAME=Portal\nAPP_ENV=production\nAPP_KEY=%V%\nAPP_DEBUG=false\n",
        "base64:" + _b64(rng.randbytes(32)),
    )


def _lit_rust(rng: random.Random) -> Segments:
    return _split(
        'let client = Client::new(Config { api_token: "%V%".into(), ..Default::default() });\n',
        _chars(rng, ALNUM, rng.randint(32, 40)),
    )


def _lit_csharp(rng: random.Random) -> Segments:
    return _split(
        'var cred = new NetworkCredential("%U%", "%V%");\nsmtp.Credentials = cred;\n',
        _password(rng),
        U=_user(rng),
    )


def _lit_ruby(rng: random.Random) -> Segments:
    return _split(
        "Acme::Billing.configure do |config|\n  config.secret_key = '%V%'\nend\n",
        _chars(rng, HEX, rng.choice((32, 40, 64))),
    )


def _lit_java_properties(rng: random.Random) -> Segments:
    return _split(
        'props.setProperty("mail.smtp.user", "%U%");\nprops.setProperty("password", "%V%");\n',
        _password(rng),
        U=_user(rng),
    )


def _lit_xml_password(rng: random.Random) -> Segments:
    return _split(
        "<server>\n  <id>internal-releases</id>\n  <username>%U%</username>\n"
        "  <password>%V%</password>\n</server>\n",
        _password(rng),
        U=_user(rng),
    )


CHAT_PASSWORDS = (
    "fyi the root password for the bastion is %V% until we rotate it friday",
    "La contraseña del servidor de staging es %V% , no la compartas fuera del canal.",
    "Das WLAN-Passwort für den Besprechungsraum lautet: %V%\nBitte nicht weitergeben.",
    "Le mot de passe du compte de service est %V% (à changer après la migration).",
    "A senha do banco de homologação é %V% , troquei ontem à noite.",
    "La password dell'utente admin è %V% , l'ho appena reimpostata.",
    "Het wachtwoord voor de testomgeving is %V% , graag na gebruik wijzigen.",
    "ステージング環境のDBパスワードは %V% です。共有はこのチャンネルだけにしてください。",
    "SUP-%I%: customer can't reach SFTP. They log in as `upload` with password `%V%`.",
    "Incidente %I%: para entrar al panel usad admin / %V% mientras arreglamos el SSO.",
    "[%T%] @oncall: temporary creds for the vendor portal -> user: ops, pass: %V%",
    "Ticket %I%: Zugangsdaten für den Testshop: Benutzer demo, Kennwort %V%",
)


def _lit_chat_password(rng: random.Random) -> Segments:
    template = rng.choice(CHAT_PASSWORDS)
    return _split(template, _password(rng), I=str(rng.randint(1000, 99999)), T=_hhmm(rng))


# (family, builder, framed): framed snippets are pasted into a chat, ticket or thread
LITERAL: tuple[tuple[str, Builder, bool], ...] = (
    ("env-password", _lit_env_password, True),
    ("compose-password", _lit_compose, True),
    ("json-client-secret", _lit_json_client_secret, True),
    ("basic-auth-header", _lit_basic_header, True),
    ("bearer-header", _lit_bearer_curl, True),
    ("token-header", _lit_token_header, True),
    ("curl-user", _lit_curl_user, True),
    ("database-url", _lit_db_url, True),
    ("redis-url", _lit_redis_url, True),
    ("mongodb-srv-url", _lit_mongo_srv, True),
    ("pem-rsa", _lit_pem("RSA PRIVATE KEY"), True),
    ("pem-ec", _lit_pem("EC PRIVATE KEY"), True),
    ("pem-pkcs8", _lit_pem("PRIVATE KEY"), True),
    ("pem-openssh", _lit_pem("OPENSSH PRIVATE KEY"), True),
    ("jwt", _lit_jwt, True),
    ("aws-secret-access-key", _lit_aws_secret, True),
    ("azure-storage-key", _lit_azure_storage, True),
    ("dotnet-connection-string", _lit_dotnet_conn, True),
    ("jdbc-password", _lit_jdbc, True),
    ("spring-password", _lit_spring, True),
    ("php-define", _lit_php_define, True),
    ("python-auth-tuple", _lit_python_auth, True),
    ("git-credentials", _lit_git_credentials, True),
    ("npmrc-auth", _lit_npmrc, True),
    ("pypirc-password", _lit_pypirc, True),
    ("docker-config-auth", _lit_docker_auth, True),
    ("kubeconfig-token", _lit_kubeconfig, True),
    ("stacktrace-dsn", _lit_stacktrace_dsn, True),
    ("log-bearer", _lit_log_bearer, True),
    ("docker-run-password", _lit_docker_run, True),
    ("terraform-password", _lit_terraform, True),
    ("ansible-password", _lit_ansible, True),
    ("django-secret-key", _lit_django_secret, True),
    ("smtp-password", _lit_smtp, True),
    ("x-api-key-header", _lit_x_api_key, True),
    ("query-api-key", _lit_query_key, True),
    ("webhook-signing-secret", _lit_webhook_secret, True),
    ("generic-api-key", _lit_generic_api_key, True),
    ("sshpass", _lit_sshpass, True),
    ("mysql-password-flag", _lit_mysql_flag, True),
    ("powershell-securestring", _lit_powershell, True),
    ("redis-requirepass", _lit_redis_conf, True),
    ("netrc-password", _lit_netrc, True),
    ("gcp-service-account-key", _lit_gcp_service_account, True),
    ("google-refresh-token", _lit_google_refresh, True),
    ("go-dsn", _lit_go_dsn, True),
    ("ldap-bind-password", _lit_ldap, True),
    ("markdown-table-password", _lit_markdown_table, False),
    ("k8s-secret-data", _lit_k8s_secret_data, True),
    ("laravel-app-key", _lit_laravel_key, True),
    ("rust-token", _lit_rust, True),
    ("csharp-credential", _lit_csharp, True),
    ("ruby-secret-key", _lit_ruby, True),
    ("java-properties-password", _lit_java_properties, True),
    ("maven-settings-password", _lit_xml_password, True),
    ("chat-password", _lit_chat_password, False),
    ("chat-password", _lit_chat_password, False),
)


# --- generated vendor tokens (shapes from gitleaks rules and trufflehog detectors) ----------


def _mapbox(rng: random.Random) -> str:
    claims = {"u": rng.choice(("geo-team", "maps-ci", "fleetview")), "a": _chars(rng, LOWNUM, 12)}
    return f"sk.{_b64url(json.dumps(claims).encode())}.{_chars(rng, URLSAFE, 22)}"


def _onepassword(rng: random.Random) -> str:
    claims = {
        "signInAddress": "my.1password.eu",
        "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000},
        "srpX": _chars(rng, HEX, 64),
        "muk": {"alg": "A256GCM", "k": _chars(rng, URLSAFE, 43), "kid": "mp"},
        "deviceUuid": _chars(rng, LOWNUM, 26),
    }
    return "ops_" + _b64(json.dumps(claims).encode()).rstrip("=")


def _salesforce(rng: random.Random) -> str:
    return "00D" + _chars(rng, ALNUM, 12) + "!" + _chars(rng, ALNUM + "._", 95) + rng.choice(ALNUM)


def _teams_webhook(rng: random.Random) -> str:
    tenant = rng.choice(("contoso", "acmecorp", "northwind", "globex"))
    return (
        f"https://{tenant}.webhook.office.com/webhookb2/{_uuid(rng)}@{_uuid(rng)}"
        f"/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}"
    )


VENDORS: tuple[tuple[str, str, Token], ...] = (
    (
        "aws-access-key-id",
        "AWS_ACCESS_KEY_ID",
        lambda r: r.choice(("AKIA", "ASIA")) + _chars(r, BASE32, 16),
    ),
    ("github-pat", "GITHUB_TOKEN", _github("ghp")),
    ("github-oauth", "GH_OAUTH_TOKEN", _github("gho")),
    ("github-app-token", "GH_APP_TOKEN", _github("ghs")),
    ("github-refresh-token", "GH_REFRESH_TOKEN", _github("ghr")),
    ("github-fine-grained-pat", "GH_PAT", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    ("gitlab-pat", "GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    ("gitlab-deploy-token", "CI_DEPLOY_PASSWORD", _tok("gldt-", URLSAFE, 20)),
    ("gitlab-runner-token", "RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20)),
    ("gitlab-feed-token", "GITLAB_FEED_TOKEN", _tok("glft-", URLSAFE, 20)),
    (
        "slack-bot-token",
        "SLACK_BOT_TOKEN",
        _parts("xoxb-", (DIGITS, 12), "-", (DIGITS, 13), "-", (ALNUM, 24)),
    ),
    (
        "slack-user-token",
        "SLACK_USER_TOKEN",
        _parts("xoxp-", (DIGITS, 12), "-", (DIGITS, 12), "-", (DIGITS, 13), "-", (HEX, 32)),
    ),
    (
        "slack-app-token",
        "SLACK_APP_TOKEN",
        _parts("xapp-1-A", (UPPER + DIGITS, 10), "-", (DIGITS, 13), "-", (HEX, 64)),
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
    ),
    (
        "discord-webhook",
        "DISCORD_WEBHOOK_URL",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 18), "/", (URLSAFE, 67), (ALNUM, 1)),
    ),
    (
        "discord-bot-token",
        "DISCORD_BOT_TOKEN",
        _parts("MT", (ALNUM, 22), ".", (URLSAFE, 6), ".", (URLSAFE, 26), (ALNUM, 1)),
    ),
    (
        "telegram-bot-token",
        "TELEGRAM_BOT_TOKEN",
        _parts((DIGITS[1:], 1), (DIGITS, 9), ":AA", (URLSAFE, 32), (ALNUM, 1)),
    ),
    ("teams-webhook", "TEAMS_WEBHOOK_URL", _teams_webhook),
    ("stripe-secret-key", "STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 99)),
    ("stripe-restricted-key", "STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 24)),
    ("stripe-webhook-secret", "STRIPE_WEBHOOK_SECRET", _tok("whsec_", ALNUM, 32)),
    ("square-access-token", "SQUARE_ACCESS_TOKEN", _parts("EAAA", (URLSAFE, 59), (ALNUM, 1))),
    ("square-oauth-secret", "SQUARE_APP_SECRET", _parts("sq0csp-", (URLSAFE, 42), (ALNUM, 1))),
    (
        "braintree-access-token",
        "BRAINTREE_ACCESS_TOKEN",
        _parts("access_token$production$", (LOWNUM, 16), "$", (HEX, 32)),
    ),
    ("shopify-access-token", "SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    ("shopify-shared-secret", "SHOPIFY_API_SECRET", _tok("shpss_", HEX, 32)),
    ("flutterwave-secret-key", "FLW_SECRET_KEY", _tok("FLWSECK-", HEX, 32, "-X")),
    ("shippo-token", "SHIPPO_API_TOKEN", _tok("shippo_live_", HEX, 40)),
    ("easypost-api-key", "EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    ("duffel-token", "DUFFEL_ACCESS_TOKEN", _parts("duffel_live_", (URLSAFE, 42), (ALNUM, 1))),
    ("plaid-access-token", "PLAID_ACCESS_TOKEN", lambda r: "access-production-" + _uuid(r)),
    (
        "openai-project-key",
        "OPENAI_API_KEY",
        _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 73), (ALNUM, 1)),
    ),
    (
        "openai-service-account-key",
        "OPENAI_API_KEY",
        _parts("sk-svcacct-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 73), (ALNUM, 1)),
    ),
    ("anthropic-api-key", "ANTHROPIC_API_KEY", _tok("sk-ant-api03-", URLSAFE, 93, "AA")),
    ("anthropic-admin-key", "ANTHROPIC_ADMIN_KEY", _tok("sk-ant-admin01-", URLSAFE, 93, "AA")),
    ("google-api-key", "GOOGLE_API_KEY", _parts("AIza", (URLSAFE, 34), (ALNUM, 1))),
    (
        "gcp-oauth-client-secret",
        "GOOGLE_CLIENT_SECRET",
        _parts("GOCSPX-", (URLSAFE, 27), (ALNUM, 1)),
    ),
    ("huggingface-token", "HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    ("groq-api-key", "GROQ_API_KEY", _tok("gsk_", ALNUM, 48)),
    (
        "langsmith-api-key",
        "LANGSMITH_API_KEY",
        lambda r: f"lsv2_{r.choice(('pt', 'sk'))}_{_chars(r, LOWNUM, 32)}_{_chars(r, LOWNUM, 10)}",
    ),
    ("perplexity-api-key", "PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    ("openrouter-api-key", "OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    ("replicate-api-token", "REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    ("xai-api-key", "XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    ("elevenlabs-api-key", "ELEVENLABS_API_KEY", _tok("sk_", HEX, 48)),
    ("pinecone-api-key", "PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 5), "_", (ALNUM, 63))),
    ("azure-openai-key", "AZURE_OPENAI_API_KEY", _tok("", HEX, 32)),
    (
        "sendgrid-api-key",
        "SENDGRID_API_KEY",
        _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 42), (ALNUM, 1)),
    ),
    ("mailgun-api-key", "MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    (
        "mailchimp-api-key",
        "MAILCHIMP_API_KEY",
        lambda r: f"{_chars(r, HEX, 32)}-us{r.randint(1, 21)}",
    ),
    ("brevo-api-key", "BREVO_API_KEY", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16))),
    ("resend-api-key", "RESEND_API_KEY", _parts("re_", (ALNUM, 8), "_", (ALNUM, 24))),
    ("twilio-api-key", "TWILIO_API_KEY", _tok("SK", HEX, 32)),
    ("npm-access-token", "NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    (
        "pypi-upload-token",
        "PYPI_API_TOKEN",
        _parts("pypi-AgEIcHlwaS5vcmc", (URLSAFE, 69), (ALNUM, 1)),
    ),
    ("rubygems-api-key", "GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    ("nuget-api-key", "NUGET_API_KEY", _tok("oy2", LOWNUM, 43)),
    ("dockerhub-pat", "DOCKERHUB_TOKEN", _parts("dckr_pat_", (URLSAFE, 26), (ALNUM, 1))),
    ("clojars-token", "CLOJARS_PASSWORD", _tok("CLOJARS_", LOWNUM, 60)),
    ("jfrog-api-key", "ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    ("jfrog-reference-token", "JFROG_ACCESS_TOKEN", _tok("cmVmd", ALNUM, 59)),
    (
        "sonarqube-token",
        "SONAR_TOKEN",
        lambda r: r.choice(("squ_", "sqp_", "sqa_")) + _chars(r, HEX, 40),
    ),
    ("circleci-pat", "CIRCLECI_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    ("buildkite-token", "BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    (
        "harness-pat",
        "HARNESS_API_KEY",
        _parts("pat.", (URLSAFE, 22), ".", (ALNUM, 24), ".", (ALNUM, 20)),
    ),
    ("octopus-api-key", "OCTOPUS_API_KEY", _tok("API-", UPPER + DIGITS, 26)),
    ("digitalocean-pat", "DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    ("digitalocean-oauth-token", "DO_OAUTH_TOKEN", _tok("doo_v1_", HEX, 64)),
    (
        "terraform-cloud-token",
        "TF_TOKEN_app_terraform_io",
        _parts((LOWNUM, 14), ".atlasv1.", (URLSAFE, 66), (ALNUM, 1)),
    ),
    ("vault-service-token", "VAULT_TOKEN", _parts("hvs.", (URLSAFE, 89), (ALNUM, 1))),
    ("doppler-token", "DOPPLER_TOKEN", _tok("dp.pt.", ALNUM, 43)),
    ("pulumi-token", "PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    ("heroku-api-key", "HEROKU_API_KEY", _parts("HRKU-AA", (URLSAFE, 57), (ALNUM, 1))),
    ("flyio-token", "FLY_API_TOKEN", _parts("fo1_", (URLSAFE, 42), (ALNUM, 1))),
    ("alibaba-access-key", "ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    (
        "azure-ad-client-secret",
        "AZURE_CLIENT_SECRET",
        _parts((ALNUM, 3), (DIGITS, 1), "Q~", (ALNUM + "_~.-", 33), (ALNUM, 1)),
    ),
    ("databricks-token", "DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    (
        "planetscale-password",
        "PLANETSCALE_PASSWORD",
        _parts("pscale_pw_", (URLSAFE, 42), (ALNUM, 1)),
    ),
    ("supabase-access-token", "SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    ("neon-api-key", "NEON_API_KEY", _tok("napi_", LOWNUM, 64)),
    ("netlify-token", "NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    ("render-api-key", "RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    ("deno-deploy-token", "DENO_DEPLOY_TOKEN", _tok("ddp_", ALNUM, 36)),
    ("tailscale-auth-key", "TS_AUTHKEY", _parts("tskey-auth-k", (ALNUM, 11), "-", (ALNUM, 33))),
    ("ngrok-authtoken", "NGROK_AUTHTOKEN", _parts("2", (ALNUM, 26), "_", (ALNUM, 21))),
    ("cloudflare-origin-ca-key", "CF_ORIGIN_CA_KEY", _parts("v1.0-", (HEX, 24), "-", (HEX, 146))),
    ("cloudflare-api-token", "CLOUDFLARE_API_TOKEN", _parts((ALNUM, 1), (URLSAFE, 38), (ALNUM, 1))),
    ("newrelic-user-key", "NEW_RELIC_API_KEY", _tok("NRAK-", UPPER + DIGITS, 27)),
    ("newrelic-insert-key", "NEW_RELIC_INSERT_KEY", _parts("NRII-", (URLSAFE, 31), (ALNUM, 1))),
    ("datadog-api-key", "DD_API_KEY", _tok("", HEX, 32)),
    ("sentry-user-token", "SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    ("grafana-service-account", "GRAFANA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    (
        "dynatrace-token",
        "DT_API_TOKEN",
        _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64)),
    ),
    ("splunk-hec-token", "SPLUNK_HEC_TOKEN", _uuid),
    ("opsgenie-api-key", "OPSGENIE_API_KEY", _uuid),
    ("posthog-personal-key", "POSTHOG_PERSONAL_API_KEY", _tok("phx_", ALNUM, 43)),
    ("linear-api-key", "LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    ("notion-token", "NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    (
        "atlassian-api-token",
        "JIRA_API_TOKEN",
        _parts("ATATT3", (URLSAFE, 177), "=", (HEX.upper()[:16], 8)),
    ),
    ("postman-api-key", "POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    ("airtable-pat", "AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    ("contentful-pat", "CONTENTFUL_MANAGEMENT_TOKEN", _parts("CFPAT-", (URLSAFE, 42), (ALNUM, 1))),
    ("figma-pat", "FIGMA_TOKEN", _parts("figd_", (URLSAFE, 39), (ALNUM, 1))),
    ("typeform-pat", "TYPEFORM_TOKEN", _parts("tfp_", (URLSAFE, 58), (ALNUM, 1))),
    (
        "hubspot-private-app-token",
        "HUBSPOT_ACCESS_TOKEN",
        lambda r: f"pat-{r.choice(('na1', 'eu1'))}-{_uuid(r)}",
    ),
    ("mapbox-secret-token", "MAPBOX_SECRET_TOKEN", _mapbox),
    ("dropbox-token", "DROPBOX_ACCESS_TOKEN", _parts("sl.", (URLSAFE, 134), (ALNUM, 1))),
    ("facebook-page-token", "FB_PAGE_ACCESS_TOKEN", _parts("EAA", ("MC", 1), (ALNUM, 150))),
    ("okta-api-token", "OKTA_API_TOKEN", _parts("00", (URLSAFE, 39), (ALNUM, 1))),
    ("salesforce-access-token", "SF_ACCESS_TOKEN", _salesforce),
    ("launchdarkly-token", "LD_API_KEY", lambda r: "api-" + _uuid(r)),
    ("sourcegraph-token", "SRC_ACCESS_TOKEN", _parts("sgp_", (HEX, 16), "_", (HEX, 40))),
    ("age-secret-key", "SOPS_AGE_KEY", _parts("AGE-SECRET-KEY-1", (BECH32.upper(), 58))),
    ("onepassword-service-account", "OP_SERVICE_ACCOUNT_TOKEN", _onepassword),
    (
        "firebase-fcm-server-key",
        "FCM_SERVER_KEY",
        _parts("AAAA", (URLSAFE, 7), ":APA91b", (URLSAFE, 133), (ALNUM, 1)),
    ),
    ("infracost-api-key", "INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    ("scalingo-token", "SCALINGO_API_TOKEN", _parts("tk-us-", (URLSAFE, 47), (ALNUM, 1))),
    ("readme-api-key", "README_API_KEY", _tok("rdme_", LOWNUM, 70)),
    ("prefect-api-key", "PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    ("frameio-token", "FRAMEIO_TOKEN", _parts("fio-u-", (URLSAFE, 63), (ALNUM, 1))),
    ("lob-api-key", "LOB_API_KEY", _tok("live_", HEX, 35)),
    ("deepl-auth-key", "DEEPL_AUTH_KEY", lambda r: _uuid(r) + ":fx"),
    ("wandb-api-key", "WANDB_API_KEY", _tok("", HEX, 40)),
    ("snyk-token", "SNYK_TOKEN", _uuid),
)


def _camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(part.capitalize() for part in rest)


CODE_CONTEXTS = (
    "%N%=%V%\n",
    'export %N%="%V%"\n',
    "docker run --rm -e %N%=%V% ghcr.io/acme/worker:1.8.2\n",
    'env:\n  - name: %N%\n    value: "%V%"\n',
    '{\n  "%K%": "%V%",\n  "timeout": 30\n}\n',
    'import os\nos.environ["%N%"] = "%V%"\n',
    "const %C% = '%V%';\n",
    '%C% := "%V%"\n',
    '$env:%N% = "%V%"\n',
    'gh secret set %N% --body "%V%"\n',
    "kubectl create secret generic app-secrets --from-literal=%K%=%V%\n",
    "[settings]\n%K% = %V%\n",
    "%K%: %V%\n",
    "[%T%] @platform: new %L% key for the integration is `%V%` (old one revoked)\n",
    "2025-03-11T08:14:52Z WARN config loaded: %N%=%V% source=env\n",
    'Traceback (most recent call last):\n  File "app/clients.py", line 42, in connect\n'
    '    client = Client(token="%V%")\nAuthenticationError: 401 Unauthorized\n',
    "curl -sS -H 'Authorization: Bearer %V%' https://api.internal.dev/v1/health\n",
)
URL_CONTEXTS = (
    "%N%=%V%\n",
    "curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"deploy ok\"}' %V%\n",
    "notifications:\n  webhook_url: %V%\n",
    'requests.post("%V%", json=payload, timeout=5)\n',
)
CHAT_CONTEXTS = (
    "pls use this %L% token for the integration: %V% — it's the prod one",
    "Este es el token de %L% que usa el pipeline: %V%\n¿Puedes revisar si sigue activo?",
    "Hier der %L%-Schlüssel aus der alten Pipeline: %V%\nFunktioniert der noch?",
    "Voici la clé %L% utilisée par le batch de nuit : %V%\nTu peux vérifier ?",
    "Segue o token do %L% que o job usa: %V%\nConsegue ver se expirou?",
    "Ecco la chiave %L% del progetto: %V%\nmi dice sempre 401.",
    "Dit is de %L%-token uit de CI: %V%\nWerkt die bij jou wel?",
    "%L%のトークンはこれです: %V%\n期限切れかどうか確認できますか?",
)


def _generated_case(rng: random.Random, family: str, name: str, token: Token) -> Segments:
    value = token(rng)
    label = family.split("-")[0]
    names = {"N": name, "K": name.lower(), "C": _camel(name), "L": label, "T": _hhmm(rng)}
    if family.endswith("webhook"):
        return _frame(rng, _split(rng.choice(URL_CONTEXTS), value, **names))
    if rng.random() < 0.18:
        return _split(rng.choice(CHAT_CONTEXTS), value, **names)
    return _frame(rng, _split(rng.choice(CODE_CONTEXTS), value, **names))


# --- negatives: what must not fire ------------------------------------------------------------


def _semver(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"


def _date(rng: random.Random) -> str:
    return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _neg_placeholder_env(rng: random.Random) -> str:
    name = rng.choice(("OPENAI_API_KEY", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "DB_PASSWORD"))
    value = rng.choice(
        ("<your-api-key>", "your_key_here", "xxxxxxxxxxxxxxxxxxxxxxxx", "CHANGE_ME", "REPLACE_ME",
         "<insert token>", "TODO", "''", f"${{{name}}}", "********", "[REDACTED]", "<redacted>")
    )  # fmt: skip
    return f"# copy to .env and fill in\n{name}={value}\nPORT={rng.choice((3000, 8000, 8080))}\n"


def _neg_env_reference(rng: random.Random) -> str:
    name = rng.choice(("DATABASE_PASSWORD", "API_TOKEN", "CLIENT_SECRET", "SLACK_BOT_TOKEN"))
    return rng.choice(
        (
            f'password = os.environ["{name}"]\n',
            f"const token = process.env.{name};\n",
            f'token := os.Getenv("{name}")\n',
            f"api_key: ${{{name}}}\n",
            f"password: {{{{ secrets.{name} }}}}\n",
            f'@Value("${{{name.lower().replace("_", ".")}}}")\nprivate String secret;\n',
            f"password = var.{name.lower()}\n",
            f"secret = ENV.fetch('{name}')\n",
        )
    )


def _neg_vendor_placeholder(rng: random.Random) -> str:
    prefix = rng.choice(("ghp_", "sk_live_", "xoxb-", "glpat-", "gsk_", "sk-proj-", "hf_"))
    filler = rng.choice(("x" * rng.randint(20, 40), "X" * rng.randint(20, 40), "...", "<token>"))
    return (
        f"Example (do not use):\n  TOKEN={prefix}{filler}\nGenerate your own in the settings page."
    )


def _neg_redacted(rng: random.Random) -> str:
    return rng.choice(
        (
            "Authorization: Bearer ***\n",
            f"api_key=sk-...{_chars(rng, LOWER, 4)} (redacted in logs)\n",
            "password: ****************\n",
            'token: "[REDACTED]"\n',
            f"X-Api-Key: {'•' * 12}{_chars(rng, DIGITS, 4)}\n",
            "DB_PASSWORD=<hidden>\n",
        )
    )


def _neg_empty_assignment(rng: random.Random) -> str:
    return rng.choice(
        (
            "PASSWORD=\nAPI_KEY=\nSECRET_KEY=\n",
            'api_key: ""\ntimeout: 30\n',
            "token = None  # set at runtime\n",
            "let password = String::new();\n",
            '"client_secret": null,\n',
            "auth_token: ~\n",
        )
    )


def _neg_variable_names(rng: random.Random) -> str:
    return rng.choice(
        (
            "def validate_password(password: str) -> bool:\n    return len(password) >= 12\n",
            f"PASSWORD_RESET_TOKEN_TTL = {rng.choice((900, 1800, 3600))}\n",
            f'{{"model": "gpt-4o", "max_tokens": {rng.choice((256, 1024, 4096))}, '
            '"temperature": 0.2}\n',
            "if (token_count > MAX_TOKENS) { truncate(messages); }\n",
            "class ApiKeyAuthentication(BaseAuthentication):\n    keyword = 'Api-Key'\n",
            '<input type="password" name="password" autocomplete="current-password">\n',
            "password_field = forms.CharField(widget=forms.PasswordInput)\n",
            "client_vpn_endpoint_id = aws_ec2_client_vpn_endpoint.client-vpn-endpoint.id\n",
        )
    )


def _neg_hashes(rng: random.Random) -> str:
    return rng.choice(
        (
            f"$ sha256sum release.tar.gz\n{_chars(rng, HEX, 64)}  release.tar.gz\n",
            f"MD5 ({rng.choice(('setup.exe', 'firmware.bin'))}) = {_chars(rng, HEX, 32)}\n",
            f"image: registry.internal/api@sha256:{_chars(rng, HEX, 64)}\n",
            f"checksum: sha1:{_chars(rng, HEX, 40)}\n",
        )
    )


def _neg_commits(rng: random.Random) -> str:
    lines = [
        f"{_chars(rng, HEX, 7)} {msg}"
        for msg in rng.sample(
            ("fix flaky test", "bump deps", "add retry to client", "docs: typo", "refactor auth",
             "rotate signing key reference", "drop py3.9"), 3)
    ]  # fmt: skip
    full = _chars(rng, HEX, 40)
    return "$ git log --oneline -3\n" + "\n".join(lines) + f"\nreverting {full} tomorrow\n"


def _neg_uuids(rng: random.Random) -> str:
    return (
        f"{_date(rng)}T{_hhmm(rng)}:12Z INFO request_id={_uuid(rng)} "
        f"trace_id={_chars(rng, HEX, 32)} span_id={_chars(rng, HEX, 16)} status=200\n"
    )


def _neg_ipv6_ports(rng: random.Random) -> str:
    return (
        "$ ss -tlnp\nState  Local Address:Port\nLISTEN [::1]:5432\n"
        f"LISTEN [fe80::{_chars(rng, HEX, 4)}:{_chars(rng, HEX, 4)}]:{rng.choice((8080, 9090))}\n"
        "LISTEN *:443\n"
    )


def _neg_versions(rng: random.Random) -> str:
    return (
        f"requests=={_semver(rng)}\nurllib3=={_semver(rng)}\ncryptography=={_semver(rng)}\n"
        f"pydantic>={_semver(rng)},<3\n"
    )


def _neg_coordinates(rng: random.Random) -> str:
    return (
        f"<dependency>\n  <groupId>com.fasterxml.jackson.core</groupId>\n"
        f"  <artifactId>jackson-databind</artifactId>\n  <version>{_semver(rng)}</version>\n"
        f"</dependency>\nimplementation 'io.grpc:grpc-netty-shaded:{_semver(rng)}'\n"
    )


def _neg_lockfile(rng: random.Random) -> str:
    pkg = rng.choice(("lodash", "axios", "react-dom", "zod"))
    return (
        f'"node_modules/{pkg}": {{\n  "version": "{_semver(rng)}",\n'
        f'  "resolved": "https://registry.npmjs.org/{pkg}/-/{pkg}-{_semver(rng)}.tgz",\n'
        f'  "integrity": "sha512-{_b64(rng.randbytes(64))}"\n}}\n'
    )


def _neg_public_key(rng: random.Random) -> str:
    blob = _b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rng.randbytes(32))
    return rng.choice(
        (
            f"add this to authorized_keys:\nssh-ed25519 {blob} deploy-key\n",
            "-----BEGIN PUBLIC KEY-----\n"
            + "\n".join(_b64(rng.randbytes(48)) for _ in range(4))
            + "\n-----END PUBLIC KEY-----\n",
            "-----BEGIN CERTIFICATE-----\n"
            + "\n".join(_b64(rng.randbytes(48)) for _ in range(6))
            + "\n-----END CERTIFICATE-----\n",
        )
    )


def _neg_base64_data(rng: random.Random) -> str:
    payload = rng.choice(
        (
            b'{"theme":"dark","language":"en","sidebar":true}',
            b"<svg xmlns='http://www.w3.org/2000/svg' width='16' height='16'/>",
            b"hello world, this is just a test fixture",
            b'{"page":2,"per_page":50,"sort":"created_at"}',
        )
    )
    return rng.choice(
        (
            f"background-image: url(data:image/svg+xml;base64,{_b64(payload)});\n",
            f"cursor: {_b64(payload)}\n(it's just the pagination state, base64)\n",
            f"echo {_b64(payload)} | base64 -d\n",
        )
    )


def _neg_paths(rng: random.Random) -> str:
    return rng.choice(
        (
            "src/components/auth/TokenInput.tsx\nsrc/components/auth/PasswordStrength.tsx\n",
            f"/var/lib/postgresql/16/main/pg_wal/00000001000000{_chars(rng, HEX.upper(), 10)}\n",
            "C:\\Program Files\\Common Files\\microsoft shared\\ink\\TipTsf.dll\n",
            "/etc/ssl/certs/ca-certificates.crt\n/etc/nginx/conf.d/api.conf\n",
        )
    )


def _neg_css_html(rng: random.Random) -> str:
    return (
        f".btn-primary {{ color: #{_chars(rng, HEX, 6)}; background: #{_chars(rng, HEX, 6)}; }}\n"
        f".token-badge {{ border-radius: {rng.randint(2, 12)}px; font-family: monospace; }}\n"
    )


def _neg_minified(rng: random.Random) -> str:
    return (
        '!function(e,t){"use strict";var n=t.getItem("token")||"";e.auth={token:n,'
        f'set:function(r){{t.setItem("token",r)}}}}}}(window,localStorage);//# {_semver(rng)}\n'
    )


def _neg_k8s_ref(rng: random.Random) -> str:
    return (
        "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n"
        f"        name: {rng.choice(('db-credentials', 'pg-app', 'orders-db'))}\n"
        "        key: password\n"
    )


def _neg_vault_cli(rng: random.Random) -> str:
    team = rng.choice(("payments", "search", "platform"))
    return (
        f"vault kv get -field=password secret/data/{team}/postgres\n# prints nothing useful here\n"
    )


def _neg_aws_doc_example(rng: random.Random) -> str:
    return (
        "From the AWS docs example:\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
        f"region = {rng.choice(('eu-central-1', 'us-east-2'))}\n"
    )


def _neg_stripe_object_ids(rng: random.Random) -> str:
    return (
        f"customer: cus_{_chars(rng, ALNUM, 14)}\npayment_intent: pi_{_chars(rng, ALNUM, 24)}\n"
        f"charge: ch_{_chars(rng, ALNUM, 24)}\nstatus: succeeded\n"
    )


def _neg_oauth_response(rng: random.Random) -> str:
    return (
        '{"token_type": "Bearer", "expires_in": '
        f'{rng.choice((3600, 7200))}, "scope": "read write", "access_token": "<omitted>"}}\n'
    )


def _neg_password_policy(rng: random.Random) -> str:
    return (
        f"password_policy:\n  min_length: {rng.randint(10, 16)}\n  require_symbols: true\n"
        f"  max_age_days: {rng.choice((60, 90, 180))}\n  history: 5\n"
    )


def _neg_i18n(rng: random.Random) -> str:
    return rng.choice(
        (
            '{"login.password.label": "Contraseña", "login.token.hint": "Pega tu token aquí"}\n',
            '"auth.password": "Passwort",\n"auth.forgot": "Passwort vergessen?"\n',
            'msgid "API key"\nmsgstr "Clé d\'API"\n',
        )
    )


def _neg_sql(rng: random.Random) -> str:
    return rng.choice(
        (
            "SELECT id, password_hash FROM users WHERE email_verified = true LIMIT 10;\n",
            "ALTER TABLE api_tokens ADD COLUMN revoked_at timestamptz;\n",
            f"DELETE FROM sessions WHERE expires_at < now() - interval '{rng.randint(1, 30)} d';\n",  # noqa: S608
        )
    )


def _neg_build_hashes(rng: random.Random) -> str:
    return (
        f"dist/assets/index-{_chars(rng, LOWNUM, 8)}.js   {rng.randint(100, 900)}.4 kB\n"
        f"dist/assets/vendor-{_chars(rng, LOWNUM, 8)}.js  {rng.randint(100, 900)}.1 kB\n"
        f"pod/api-{_chars(rng, LOWNUM, 9)}-{_chars(rng, LOWNUM, 5)}   Running   0   3d\n"
    )


def _neg_jwt_truncated(rng: random.Random) -> str:
    return (
        "The header always starts with eyJhbGciOi... so you can spot a JWT, but the value "
        f"itself lives in the auth cookie (HttpOnly, max-age {rng.choice((900, 3600))}).\n"
    )


def _neg_go_sum(rng: random.Random) -> str:
    return (
        f"golang.org/x/oauth2 v0.{rng.randint(10, 30)}.0 h1:{_b64(rng.randbytes(32))}\n"
        f"golang.org/x/oauth2 v0.{rng.randint(10, 30)}.0/go.mod h1:{_b64(rng.randbytes(32))}\n"
    )


def _neg_cron_regex(rng: random.Random) -> str:
    return rng.choice(
        (
            f"schedule: '{rng.randint(0, 59)} {rng.randint(0, 23)} * * 1-5'\n",
            "PATTERN = r'(?i)(api[_-]?key|token)\\s*[:=]\\s*([A-Za-z0-9_\\-]{20,})'\n",
            "gitleaks detect --source . --redact --report-format sarif\n",
        )
    )


def _neg_placeholder_dsn(rng: random.Random) -> str:
    return rng.choice(
        (
            "DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/DBNAME\n",
            "mongodb+srv://<username>:<password>@cluster0.mongodb.net/\n",
            "redis://:${REDIS_PASSWORD}@cache:6379/0\n",
            "amqp://guest:guest@localhost:5672/\n",
        )
    )


def _neg_publishable(rng: random.Random) -> str:
    return (
        "Stripe.js only needs the publishable key, which is public by design:\n"
        f"const stripe = Stripe('pk_test_{_chars(rng, ALNUM, 24)}');\n"
    )


NEG_PROSE = (
    "Reminder: never paste API keys or passwords into tickets. Use the vault link instead.",
    "We rotate all service tokens every 90 days; the next rotation is scheduled for the first "
    "Monday of the quarter.",
    "Recordatorio: no compartáis contraseñas por chat. Usad el gestor de secretos del equipo.",
    "Zur Info: Alle Tokens der Pipeline wurden gestern rotiert, bitte die Jobs neu starten.",
    "Rappel : les clés d'API ne doivent jamais être commitées. Le hook pre-commit le vérifie.",
    "Lembrete: as senhas de serviço agora ficam no cofre, não no arquivo de configuração.",
    "Promemoria: i token scadono dopo 30 giorni, rigenerateli dalla pagina delle impostazioni.",
    "Ter info: de API-sleutels staan voortaan in de secret manager, niet meer in de repo.",
    "注意: APIキーやパスワードをチャットに貼らないでください。シークレット管理を使ってください。",
    "Postmortem: the outage was caused by an expired certificate, not by a leaked credential. "
    "No keys were exposed.",
    "Q: where do I find the password for the staging DB?\nA: request access in the portal; "
    "it's issued per person and expires after 8 hours.",
    "Incidente %I%: el token del bot caducó y las alertas dejaron de llegar. Ya se regeneró y se "
    "guardó en el gestor de secretos.",
    "Störung %I%: Das Zertifikat der API war abgelaufen. Es wurden keine Zugangsdaten offengelegt.",
    "[%T%] @security: heads up, the scanner flagged a test fixture, false alarm, nothing leaked\n"
    "[%T%] @backend: thanks, closing the ticket",
    "チケット %I%: トークンの有効期限切れで同期が停止。再発行済み、値は金庫に保存しました。",
    "Ticket %I% : le mot de passe a été réinitialisé par le client lui-même, rien à faire.",
    "O token foi revogado às %T% e um novo foi gerado pelo próprio portal. Chamado %I% encerrado.",
    "Het incident %I% is gesloten: de sleutel is ingetrokken en er is geen misbruik gevonden.",
)


def _neg_prose(rng: random.Random) -> str:
    text = rng.choice(NEG_PROSE).replace("%I%", str(rng.randint(1000, 99999)), 1)
    while "%T%" in text:
        text = text.replace("%T%", _hhmm(rng), 1)
    return text


NEGATIVE: tuple[tuple[str, TextBuilder], ...] = (
    ("placeholder-env", _neg_placeholder_env),
    ("env-reference", _neg_env_reference),
    ("vendor-placeholder", _neg_vendor_placeholder),
    ("redacted", _neg_redacted),
    ("empty-assignment", _neg_empty_assignment),
    ("variable-names", _neg_variable_names),
    ("hashes", _neg_hashes),
    ("commit-shas", _neg_commits),
    ("uuids", _neg_uuids),
    ("ipv6-ports", _neg_ipv6_ports),
    ("versions", _neg_versions),
    ("build-coordinates", _neg_coordinates),
    ("lockfile-integrity", _neg_lockfile),
    ("public-key", _neg_public_key),
    ("base64-data", _neg_base64_data),
    ("file-paths", _neg_paths),
    ("css", _neg_css_html),
    ("minified-js", _neg_minified),
    ("k8s-secret-ref", _neg_k8s_ref),
    ("vault-cli", _neg_vault_cli),
    ("doc-example-key", _neg_aws_doc_example),
    ("object-ids", _neg_stripe_object_ids),
    ("oauth-response", _neg_oauth_response),
    ("password-policy", _neg_password_policy),
    ("i18n", _neg_i18n),
    ("sql", _neg_sql),
    ("build-hashes", _neg_build_hashes),
    ("jwt-prose", _neg_jwt_truncated),
    ("go-sum", _neg_go_sum),
    ("cron-regex", _neg_cron_regex),
    ("placeholder-dsn", _neg_placeholder_dsn),
    ("publishable-key", _neg_publishable),
    ("prose", _neg_prose),
    ("prose", _neg_prose),
    ("prose", _neg_prose),
)


# --- PII (Presidio recognizer families) ------------------------------------------------------

FIRST_NAMES = (
    "Amelia", "Rafael", "Ingrid", "Kwame", "Sofia", "Mateus", "Yuki", "Lena", "Tomasz", "Priya",
    "Olivier", "Chiara", "Sven", "Aisha", "Diego", "Hannah", "Marek", "Leila", "Joost", "Camille",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Lindqvist", "Moreau", "Castellanos", "Nakamura", "Brandt", "Rossi", "Kowalczyk",
    "Haddad", "van Dijk", "Pereira", "Fischer", "Novak", "Bianchi", "Mensah", "Tanaka",
    "Alvarez", "Janssen", "Dubois", "Schneider",
)  # fmt: skip
MAIL_DOMAINS = (
    "tailspin-toys.com", "wingtipmail.io", "litware.de", "adatum.fr", "proseware.com.br",
    "lucerne-publishing.it", "woodgrove.nl", "fabrikam.co.jp", "contoso-mail.net",
)  # fmt: skip
PHONE_REGIONS = ("US", "US", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "JP", "CA", "AU")
US_AREA_CODES = ("212", "415", "312", "617", "206", "512", "303", "404", "702", "646")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES).lower(), rng.choice(LAST_NAMES).lower().replace(" ", "")
    local = rng.choice(
        (f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}", "billing-ops",
         "facturacion", "support.team", f"{last}.{first[0]}")
    )  # fmt: skip
    return f"{local}@{rng.choice(MAIL_DOMAINS)}"


def _phone(rng: random.Random) -> str:
    region = rng.choice(PHONE_REGIONS)
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    keep = 3 if region != "US" else 0
    while True:
        if region == "US":
            digits = rng.choice(US_AREA_CODES) + str(rng.randint(2, 9)) + _chars(rng, DIGITS, 6)
        else:
            digits = national[:keep] + _chars(rng, DIGITS, len(national) - keep)
        number = phonenumbers.parse(f"+{example.country_code}{digits}")
        if phonenumbers.is_valid_number(number):
            break
    if region == "US" and rng.random() < 0.6:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    formats = phonenumbers.PhoneNumberFormat
    return phonenumbers.format_number(
        number, rng.choice((formats.INTERNATIONAL,) * 3 + (formats.E164,))
    )


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return ":".join(["2a02", *(f"{rng.randint(0, 0xFFFF):x}" for _ in range(7))])
    first = rng.choice((23, 34, 52, 63, 81, 91, 104, 141, 151, 178, 185, 212, 10, 172))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


PII: dict[str, tuple[str, TextBuilder, tuple[str, ...]]] = {
    "person": (
        "PERSON",
        _person,
        (
            "Can you loop in %V% from finance on the renewal thread?",
            "SUP-%I%: caller identified as %V%, asked for a refund on the annual plan.",
            "[%T%] @oncall: %V% is covering the pager tonight, ping them for anything urgent",
            "Por favor, envía el informe trimestral a %V% antes del viernes.",
            "Bitte Rückmeldung an %V%, sie betreut das Projekt ab nächster Woche.",
            "Le contrat a été signé par %V% hier après-midi.",
            "Quem aprovou a mudança foi %V%, pode falar direto com ela.",
            "Ho parlato con %V% e conferma la riunione di domani.",
            "Incident %I% write-up: escalation owner was %V%; timeline attached.",
        ),
    ),
    "email": (
        "EMAIL_ADDRESS",
        _email,
        (
            "Please send the signed NDA to %V% so legal can countersign.",
            "Ticket %I%: customer asks that invoices go to %V% from now on.",
            "Mi correo nuevo es %V% , actualízalo en el CRM por favor.",
            "Meine neue Adresse lautet %V% , die alte wird abgeschaltet.",
            "Vous pouvez écrire à %V% pour toute question sur la facture.",
            "Het verzoek kwam binnen via %V% , kun jij het oppakken?",
            "請求書は %V% に送ってください。",
            "[%T%] @support: bounce from %V% again, mailbox full?",
            "Contact for the pilot: %V%",
        ),
    ),
    "phone": (
        "PHONE_NUMBER",
        _phone,
        (
            "Call me back at %V% when the deploy is done.",
            "SUP-%I%: customer requests a callback on %V% between 2 and 4 pm.",
            "Mi número es %V% , escríbeme por WhatsApp si no contesto.",
            "Sie erreichen mich unter %V% bis Freitag.",
            "Mon portable : %V% , appelle-moi si le client rappelle.",
            "Pode me ligar no %V% depois das 18h.",
            "Il mio cellulare è %V% , sono reperibile tutto il weekend.",
            "Incident %I%: on-call reachable at %V% during the maintenance window.",
        ),
    ),
    "credit_card": (
        "CREDIT_CARD",
        credit_card,
        (
            "Customer read the card number over chat: %V% , exp next year. Retry the charge?",
            "SUP-%I%: please refund the last payment on card %V%",
            "El cargo se hizo a la tarjeta %V% , pero no aparece en el pedido.",
            "Die Zahlung lief über die Karte %V% , bitte prüfen.",
            "Le client a donné sa carte %V% par téléphone, à ne pas noter dans le ticket.",
            "Il pagamento è stato fatto con la carta %V% ma risulta rifiutato.",
            "[%T%] @billing: card on file is %V% , the bank declined it twice",
            "カード番号 %V% で決済エラーが発生しています。",
        ),
    ),
    "us_ssn": (
        "US_SSN",
        us_ssn,
        (
            "For the background check, my SSN is %V%.",
            "Ticket %I%: employee submitted SSN %V% on the onboarding form, please verify.",
            "W-9 attached. SSN: %V%",
            "El empleado nuevo dejó su SSN %V% en el formulario de nómina.",
            "Für die US-Lohnabrechnung: Sozialversicherungsnummer (SSN) %V%",
            "Payroll asked me to confirm the SSN %V% before the first paycheck.",
            "[%T%] @hr-ops: typo in the SSN field, correct one is %V%",
            "Le formulaire W-4 indique le SSN %V%, merci de vérifier.",
        ),
    ),
    "iban": (
        "IBAN_CODE",
        iban,
        (
            "Please wire the deposit to IBAN %V% by end of week.",
            "Bitte überweise den Betrag auf IBAN %V% , Verwendungszweck Rechnungsnummer.",
            "Os dados para transferência: IBAN %V%",
            "Nuevo IBAN del proveedor: %V% , actualízalo en el ERP.",
            "Mon IBAN : %V% , pour le remboursement des frais.",
            "Ticket %I%: supplier changed bank details, new IBAN %V% (verify by phone!)",
            "Graag terugstorten op %V% , bedankt.",
            "L'IBAN corretto è %V% , quello vecchio è stato chiuso.",
        ),
    ),
    "ip_address": (
        "IP_ADDRESS",
        _ip,
        (
            "Failed logins keep coming from %V% , can we block it at the edge?",
            "SUP-%I%: customer's office egress is %V% , please add to the allowlist.",
            "[%T%] @netops: suspicious scan from %V% on port 22",
            "La conexión viene de %V% , ¿es de la VPN?",
            "Bitte die Adresse %V% in der Firewall freigeben.",
            "Le serveur répond depuis %V% mais le DNS pointe ailleurs.",
            "Incident %I%: traffic spike originated at %V%",
            "接続元のアドレスは %V% です。",
        ),
    ),
}


# --- PII look-alikes --------------------------------------------------------------------------


def _pn_order(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Order #A-{rng.randint(1000, 9999)}-{_chars(rng, UPPER, 2)} shipped, "
            f"tracking ref TRK-{_chars(rng, UPPER + DIGITS, 8)}.",
            f"Pedido {_chars(rng, UPPER, 3)}-{rng.randint(100, 999)} enviado; "
            f"referencia interna {_chars(rng, UPPER, 2)}{rng.randint(100, 999)}.",
            f"Bestellung {_chars(rng, UPPER, 2)}-{rng.randint(10000, 99999)} ist unterwegs.",
        )
    )


def _pn_versions(rng: random.Random) -> str:
    return (
        f"Release v{_semver(rng)} is out; build {_date(rng).replace('-', '.')}"
        f"-rc{rng.randint(1, 5)}"
        f" fixes the cache bug. Next: v{_semver(rng)}."
    )


def _pn_timestamps(rng: random.Random) -> str:
    return (
        f"Job started {_date(rng)}T{_hhmm(rng)}:05Z, finished at {_hhmm(rng)}, "
        f"took {rng.randint(2, 59)} min {rng.randint(0, 59)} s."
    )


def _pn_capitalised(rng: random.Random) -> str:
    return rng.choice(
        (
            "The Platform Guild will demo Dark Mode and the new Release Train at the All Hands.",
            "Our Staff Engineer and the Product Owner agreed to ship Smart Filters next sprint.",
            "Team Orion owns the Billing Service; Team Nova owns Search Relevance.",
            "Feature Flags, Audit Log and Single Sign-On are all in the Enterprise tier.",
            "The Site Reliability team paged the Data Platform team about Query Planner timeouts.",
            "Head of Design asked for the Onboarding Wizard copy before Thursday.",
        )
    )


def _pn_foreign(rng: random.Random) -> str:
    return rng.choice(
        (
            "La reunión de planificación se movió a la tarde, traed los números del sprint.",
            "Das Deployment ist durch, die Dashboards sehen wieder normal aus.",
            "Le correctif est en production depuis ce matin, merci à toute l'équipe.",
            "A nova versão do aplicativo já está disponível para todos os usuários.",
            "Il rilascio è slittato di un giorno per via dei test di regressione.",
            "De nieuwe release staat klaar, graag nog even testen op de testomgeving.",
            "本日のリリースは完了しました。ダッシュボードに異常はありません。",
            "W tym sprincie skupiamy się na wydajności i poprawkach błędów.",
            "El cambio de esquema se aplica esta noche, la ventana dura dos horas.",
            "Die Abfrage läuft jetzt dreimal schneller, danke für den Index-Tipp.",
            "On garde le mode sombre pour la prochaine version, pas pour celle-ci.",
            "O painel de métricas agora atualiza a cada cinco minutos.",
            "La pipeline è di nuovo verde dopo il fix del test instabile.",
            "De migratie is gelukt, alle tabellen zijn bijgewerkt.",
            "キャッシュの設定を見直したところ、応答時間が半分になりました。",
        )
    )


FOREIGN_TICKETS = (
    "Ticket %N%: la exportación a CSV falla con archivos de más de %M% MB. Prioridad media.",
    "Ticket %N%: Der Export bricht nach %M% Sekunden ab, Fehlercode E%M%.",
    "Ticket %N% : l'import échoue au-delà de %M% lignes, contournement en place.",
    "Chamado %N%: o relatório demora %M% segundos para carregar, prioridade baixa.",
    "Ticket %N%: il caricamento si blocca al %M%%, stiamo indagando.",
    "Melding %N%: de zoekfunctie geeft na %M% resultaten een fout.",
    "チケット %N%: %M% 件を超えるとエクスポートが失敗します。",
    "Incidente %N%: latencia de %M% ms en la API de búsqueda durante el despliegue.",
    "Störung %N%: Warteschlange mit %M% Nachrichten im Rückstau, Ursache war ein Deadlock.",
)


def _pn_foreign_ticket(rng: random.Random) -> str:
    template = rng.choice(FOREIGN_TICKETS)
    return template.replace("%N%", str(rng.randint(100, 9999))).replace(
        "%M%", str(rng.randint(2, 500))
    )


def _pn_code(rng: random.Random) -> str:
    return rng.choice(
        (
            f"for i in range({rng.randint(2, 99)}):\n    retry(delay=i * 0.5, jitter=True)",
            "const user = await db.users.findOne({ where: { id } });\nif (!user) return null;",
            f"SELECT count(*) FROM orders WHERE total > {rng.randint(10, 999)};",  # noqa: S608
            'if err != nil {\n    return fmt.Errorf("load config: %w", err)\n}',
        )
    )


def _pn_table(rng: random.Random) -> str:
    rows = "\n".join(
        f"| {q} | {rng.randint(100, 999)} | {rng.randint(10, 99)}.{rng.randint(0, 9)}% |"
        for q in ("Q1", "Q2", "Q3", "Q4")
    )
    return f"| quarter | tickets | SLA met |\n|---|---|---|\n{rows}"


def _pn_colours(rng: random.Random) -> str:
    return (
        f"Palette: primary #{_chars(rng, HEX, 6)}, accent #{_chars(rng, HEX, 6)}, "
        f"muted rgb({rng.randint(0, 255)}, {rng.randint(0, 255)}, {rng.randint(0, 255)})."
    )


def _pn_sku(rng: random.Random) -> str:
    return (
        f"SKU-{_chars(rng, UPPER, 2)}-{rng.randint(1000, 9999)}-{rng.choice(('BLK', 'WHT', 'RED'))}"
        f" is low on stock, reorder {rng.randint(10, 500)} units."
    )


def _isbn(rng: random.Random) -> str:
    """An ISBN-13 with a valid check digit, hyphenated as printed on books."""
    group, publisher, title = rng.choice("0139"), _chars(rng, DIGITS, 4), _chars(rng, DIGITS, 4)
    digits = "978" + group + publisher + title
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return f"978-{group}-{publisher}-{title}-{check}"


def _pn_isbn(rng: random.Random) -> str:
    return rng.choice(
        (
            "For the reading group: ISBN %s, second edition.",
            "Das Buch hat die ISBN %s, bitte für die Bibliothek bestellen.",
            "Referência: ISBN %s (capítulo 7).",
        )
    ).replace("%s", _isbn(rng))


def _pn_jira(rng: random.Random) -> str:
    return (
        f"PLAT-{rng.randint(100, 9999)} blocks WEB-{rng.randint(100, 9999)}; "
        f"estimate {rng.randint(1, 13)} points, due in sprint {rng.randint(10, 60)}."
    )


def _pn_money(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Budget approved: €{rng.randint(1, 99)},{rng.randint(100, 999)}.00 for Q3 tooling.",
            f"Costo mensual de la nube: {rng.randint(1, 99)}.{rng.randint(100, 999)} USD.",
            f"Die Lizenz kostet {rng.randint(10, 999)},00 € pro Jahr.",
        )
    )


def _pn_hashes(rng: random.Random) -> str:
    return f"Fixed in commit {_chars(rng, HEX, 7)}, reverted in {_chars(rng, HEX, 7)}."


def _pn_metrics(rng: random.Random) -> str:
    return (
        f"p50 {rng.randint(10, 99)} ms, p95 {rng.randint(100, 499)} ms, p99 {rng.randint(500, 999)}"
        f" ms, error rate {rng.randint(0, 9)}.{rng.randint(0, 99):02d}%, {rng.randint(2, 64)} pods."
    )


def _pn_dimensions(rng: random.Random) -> str:
    return (
        f"Export at {rng.choice(('1920x1080', '2560x1440', '1280x720'))}, "
        f"{rng.choice((24, 30, 60))} fps, bitrate {rng.randint(2, 20)} Mbps."
    )


def _pn_ticket_thread(rng: random.Random) -> str:
    return (
        f"[{_hhmm(rng)}] @release-bot: build {rng.randint(100, 9999)} passed\n"
        f"[{_hhmm(rng)}] @qa: smoke tests green on {rng.randint(3, 40)} of "
        f"{rng.randint(40, 45)} suites\n[{_hhmm(rng)}] @release-bot: promoting to canary"
    )


def _pn_dates(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Abgabe ist am {rng.randint(1, 28)}. März, Review eine Woche später.",
            f"La fecha límite es el {rng.randint(1, 28)} de octubre.",
            f"Le gel des versions commence le {rng.randint(1, 28)} décembre.",
            f"Sprint review on {_date(rng)}, retro the day after.",
        )
    )


def _pn_units(rng: random.Random) -> str:
    return (
        f"Disk at {rng.randint(50, 99)}% ({rng.randint(100, 999)} GiB of 1 TiB), "
        f"inode usage {rng.randint(1, 60)}%, load average {rng.randint(0, 9)}.{rng.randint(0, 99)}."
    )


def _pn_incident(rng: random.Random) -> str:
    return (
        f"Incident {rng.randint(100, 9999)} summary: cache eviction storm after deploy "
        f"{_chars(rng, HEX, 7)}. Impact {rng.randint(3, 45)} min, severity {rng.randint(2, 4)}. "
        "Follow-ups: add jitter, alert on hit ratio."
    )


def _pn_config(rng: random.Random) -> str:
    return (
        f"replicas: {rng.randint(2, 12)}\nresources:\n  limits:\n    cpu: {rng.randint(1, 8)}\n"
        f"    memory: {rng.choice((512, 1024, 2048))}Mi\nport: {rng.choice((80, 8080, 9000))}"
    )


def _pn_chemistry(rng: random.Random) -> str:
    return rng.choice(
        (
            "Lab note: pH 7.4 buffer, 37 °C, incubated for 48 h.",
            "Sample batch B-12 passed QC; viscosity 1.2 cP at 25 °C.",
        )
    )


PII_NEGATIVE: tuple[tuple[str, TextBuilder], ...] = (
    ("order-numbers", _pn_order),
    ("versions", _pn_versions),
    ("timestamps", _pn_timestamps),
    ("capitalised-non-names", _pn_capitalised),
    ("capitalised-non-names", _pn_capitalised),
    ("other-languages", _pn_foreign),
    ("other-languages", _pn_foreign),
    ("other-languages", _pn_foreign),
    ("other-languages", _pn_foreign),
    ("other-language-tickets", _pn_foreign_ticket),
    ("other-language-tickets", _pn_foreign_ticket),
    ("other-language-tickets", _pn_foreign_ticket),
    ("code", _pn_code),
    ("number-table", _pn_table),
    ("css-colours", _pn_colours),
    ("sku", _pn_sku),
    ("isbn", _pn_isbn),
    ("issue-keys", _pn_jira),
    ("amounts", _pn_money),
    ("commit-hashes", _pn_hashes),
    ("metrics", _pn_metrics),
    ("dimensions", _pn_dimensions),
    ("chat-thread", _pn_ticket_thread),
    ("dates", _pn_dates),
    ("units", _pn_units),
    ("incident-summary", _pn_incident),
    ("config", _pn_config),
    ("lab-values", _pn_chemistry),
)


# --- assembly ---------------------------------------------------------------------------------


def _schedule(rng: random.Random, pool: tuple, count: int) -> list:
    """``count`` draws that visit every entry of ``pool`` as evenly as possible, shuffled."""
    order = [pool[i % len(pool)] for i in range(count)]
    rng.shuffle(order)
    return order


def _literal(rng: random.Random, seen: set[str]) -> list[Case]:
    cases = []
    for family, build, framed in _schedule(rng, LITERAL, SIZES["literal"]):
        while True:
            segments = build(rng)
            text, spans = _join(_frame(rng, segments) if framed else segments)
            if text not in seen:
                break
        seen.add(text)
        cases.append(Case(family, "literal", text, spans))
    return cases


def _generated(rng: random.Random, seen: set[str]) -> list[Case]:
    cases, values = [], set()
    for family, name, token in _schedule(rng, VENDORS, SIZES["generated"]):
        while True:
            text, spans = _join(_generated_case(rng, family, name, token))
            value = text[spans[0].start : spans[0].end]
            if text not in seen and value not in values:
                break
        seen.add(text)
        values.add(value)
        cases.append(Case(family, "generated", text, spans))
    return cases


def _negative(rng: random.Random) -> list[Case]:
    cases = []
    for family, build in _schedule(rng, NEGATIVE, SIZES["negative"]):
        text = build(rng)
        if family != "prose" and rng.random() < 0.9:
            text, _ = _join(_frame(rng, [(text, None)]))
        cases.append(Case(family, "negative", text, harmless=True))
    return cases


def _pii(rng: random.Random, seen: set[str]) -> list[Case]:
    cases = []
    families = _schedule(rng, tuple(PII), SIZES["pii"])
    for family in families:
        label, value_of, templates = PII[family]
        while True:
            template = rng.choice(templates)
            segments = _split(
                template, value_of(rng), label, I=str(rng.randint(1000, 99999)), T=_hhmm(rng)
            )
            text, spans = _join(segments)
            if text not in seen:
                break
        seen.add(text)
        cases.append(Case(family, "pii", text, spans))
    return cases


def _pii_negative(rng: random.Random) -> list[Case]:
    return [
        Case(family, "pii_negative", build(rng), harmless=True)
        for family, build in _schedule(rng, PII_NEGATIVE, SIZES["pii_negative"])
    ]


def round10_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """Every case of blind round 10, in a fixed order for ``seed``."""
    rng = random.Random(seed)
    seen: set[str] = set()
    return [
        *_literal(rng, seen),
        *_generated(rng, seen),
        *_negative(rng),
        *_pii(rng, seen),
        *_pii_negative(rng),
    ]
