# ruff: noqa: RUF001 (texts in other languages and scripts, on purpose)
"""Blind peer round 18: written blind by "blind18", frozen before the detector ran on it.

The author never read the detector, its tests or its tuning notes. Families, formats and
tricky negatives follow the public suites: gitleaks' rule definitions (true and false
positives of ``cmd/generate/config/rules``), trufflehog's detector tests, detect-secrets'
plugin tests, Nosey Parker / Kingfisher rule examples, secretlint's rule tests and
Presidio's recognizer tests (positives and negatives). Nothing is copied from them: every
key-shaped value is generated at run time from its documented shape (prefix, alphabet,
length, checksum), and every case sits in a context people paste into a work chat: ``.env``
files, CI logs, error messages, onboarding notes, shared-account messages, code, in English
and several other languages.

``round18_cases(seed)`` is deterministic per seed: one ``random.Random`` feeds every builder.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from collections.abc import Callable

import phonenumbers

from bench.peer_corpus import (
    ALNUM,
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
Text = Callable[[random.Random], str]
_BASE62 = DIGITS + UPPER + LOWER


# --- shared value makers --------------------------------------------------------------------


def _password(rng: random.Random) -> str:
    """A human-chosen or generated password; starts and ends with a letter or digit."""
    style = rng.randrange(4)
    if style == 0:
        word = rng.choice(("Sommer", "Kestrel", "Lantern", "Birch", "Nimbus", "Copper", "Delta"))
        return f"{word}{rng.choice('!#%*?')}{rng.randint(10, 9999)}{_chars(rng, ALNUM, 2)}"
    if style == 1:
        return _chars(rng, ALNUM, 1) + _chars(rng, ALNUM + "!#%*-_.", 18) + _chars(rng, ALNUM, 1)
    if style == 2:
        words = rng.sample(("maple", "river", "stone", "violet", "ember", "tiger", "cloud"), 3)
        return "-".join(words) + str(rng.randint(1, 99))
    return _chars(rng, ALNUM, rng.randint(14, 28))


def _github(prefix: str) -> Token:
    """A GitHub token whose last six characters are the base62 CRC32 of the 30 before."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = _BASE62[digit] + tail
        return f"{prefix}_{body}{tail}"

    return build


def _jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(("HS256", "RS256")), "typ": "JWT"}
    now = rng.randint(1_700_000_000, 1_760_000_000)
    claims = {"sub": str(rng.randint(10_000, 99_999)), "iat": now, "exp": now + 3600}
    if rng.random() < 0.5:
        claims["scope"] = rng.choice(("read write", "admin", "service"))
    encode = [
        _b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
    ]
    return ".".join([*encode, _chars(rng, URLSAFE, 43)])


def _b64_json_token(prefix: str, fields: tuple[str, ...], tail: int) -> Token:
    """A prefix, base64url of a small JSON object of random ids, a random tail."""

    def build(rng: random.Random) -> str:
        body = {name: _chars(rng, LOWER + DIGITS, 12) for name in fields}
        encoded = _b64url(json.dumps(body, separators=(",", ":")).encode())
        return f"{prefix}{encoded}.{_chars(rng, URLSAFE, tail)}" if tail else prefix + encoded

    return build


def _pem(rng: random.Random) -> str:
    kind = rng.choice(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"))
    lines = [_b64(rng.randbytes(48)) for _ in range(rng.randint(5, 12))]
    lines.append(_b64(rng.randbytes(rng.randint(10, 40))))
    return "\n".join([f"-----BEGIN {kind}-----", *lines, f"-----END {kind}-----"])


def _host(rng: random.Random) -> str:
    return rng.choice(("db", "pg", "mysql", "cache", "mq", "api", "auth")) + rng.choice(
        ("-staging", "-prod", "-01", ".internal", "-eu1", "-dev")
    )


def _user(rng: random.Random) -> str:
    return rng.choice(("app", "svc_etl", "admin", "deploy", "reporting", "root", "ci_runner"))


# --- literal: credentials in the contexts of the suites' positive examples -----------------

LITERAL: dict[str, Builder] = {
    "env-password": lambda r: [
        (f"# .env ({r.choice(('staging', 'local', 'prod'))})\nDB_HOST={_host(r)}\n", None),
        (f"DB_USER={_user(r)}\nDB_PASSWORD=", None),
        (_password(r), SECRET),
        (f"\nDB_PORT={r.choice((5432, 3306))}\n", None),
    ],
    "yaml-api-key": lambda r: [
        (f"{r.choice(('integrations', 'services', 'vendors'))}:\n  billing:\n    api_key: ", None),
        (_chars(r, ALNUM, r.randint(32, 48)), SECRET),
        ("\n    timeout: 30\n", None),
    ],
    "json-client-secret": lambda r: [
        ('{\n  "client_id": "' + _uuid(r) + '",\n  "client_secret": "', None),
        (_chars(r, URLSAFE, 1) + _chars(r, ALNUM, 39), SECRET),
        ('",\n  "redirect_uri": "https://app.local/callback"\n}', None),
    ],
    "shell-history-export": lambda r: [
        (f"  {r.randint(300, 999)}  cd deploy\n  {r.randint(1000, 1999)}  export ", None),
        (r.choice(("SECRET_KEY", "API_SECRET", "APP_TOKEN")) + "=", None),
        (_chars(r, HEX, 64), SECRET),
        (f"\n  {r.randint(2000, 2999)}  ./run.sh --env prod\n", None),
    ],
    "curl-user-pass": lambda r: [
        (f"curl -s -u {_user(r)}:", None),
        (_password(r), SECRET),
        (f" https://{_host(r)}.example.net/api/v2/{r.choice(('jobs', 'status'))}", None),
    ],
    "curl-bearer": lambda r: [
        ("curl -X POST https://api.example.org/v1/deploy \\\n", None),
        ('  -H "Authorization: Bearer ', None),
        (_chars(r, ALNUM, r.randint(40, 64)), SECRET),
        ('" \\\n  -d \'{"ref": "main"}\'', None),
    ],
    "basic-auth-header": lambda r: [
        (r.choice(("GET /metrics HTTP/1.1\n", "> GET /admin HTTP/2\n")), None),
        ("Host: monitoring.example.com\nAuthorization: Basic ", None),
        (_b64(f"{_user(r)}:{_password(r)}".encode()), SECRET),
        ("\nAccept: */*\n", None),
    ],
    "token-header": lambda r: [
        ("requests.get(url, headers={'Authorization': 'Token ", None),
        (_chars(r, HEX, 40), SECRET),
        ("'})", None),
    ],
    "url-credentials": lambda r: [
        (r.choice(("DATABASE_URL=", "SQLALCHEMY_URL = '", "uri: ")), None),
        (
            r.choice(("postgresql://", "mysql://", "mongodb+srv://", "amqp://")) + _user(r) + ":",
            None,
        ),
        (_chars(r, ALNUM, r.randint(14, 24)), SECRET),
        (f"@{_host(r)}.example.com:5432/main\n", None),
    ],
    "private-key-pem": lambda r: [
        (
            r.choice(("here's the deploy key, put it in the runner:\n", "id_deploy contents:\n")),
            None,
        ),
        (_pem(r), SECRET),
        ("\n", None),
    ],
    "jwt-cookie": lambda r: [
        (
            r.choice(("Cookie: session=", "set-cookie: access_token=", "localStorage token = ")),
            None,
        ),
        (_jwt(r), SECRET),
        ("; Path=/; HttpOnly", None),
    ],
    "aws-secret-key": lambda r: [
        ("[default]\naws_access_key_id = AKIA" + _chars(r, BASE32, 16) + "\n", None),
        ("aws_secret_access_key = ", None),
        (_chars(r, ALNUM + "+/", 40), SECRET),
        ("\nregion = eu-west-1\n", None),
    ],
    "docker-run-env": lambda r: [
        ("docker run -d --name pg -p 5432:5432 \\\n  -e POSTGRES_USER=app \\\n", None),
        ("  -e POSTGRES_PASSWORD=", None),
        (_password(r), SECRET),
        (f" \\\n  postgres:{r.randint(13, 17)}", None),
    ],
    "python-connect": lambda r: [
        ('conn = psycopg2.connect(\n    host="' + _host(r) + '",\n    user="app",\n', None),
        ('    password="', None),
        (_password(r), SECRET),
        ('",\n    dbname="orders",\n)', None),
    ],
    "java-set-property": lambda r: [
        ('props.setProperty("user", "' + _user(r) + '");\n', None),
        ('props.setProperty("password", "', None),
        (_password(r), SECRET),
        ('");\nConnection c = DriverManager.getConnection(url, props);', None),
    ],
    "go-const": lambda r: [
        ('package client\n\nconst (\n\tbaseURL   = "https://api.example.io"\n', None),
        ('\tapiSecret = "', None),
        (_chars(r, ALNUM, 32), SECRET),
        ('"\n)\n', None),
    ],
    "js-client-config": lambda r: [
        ("const client = new ApiClient({\n  region: 'eu',\n  apiKey: '", None),
        (_chars(r, ALNUM, r.randint(30, 40)), SECRET),
        ("',\n});", None),
    ],
    "dotnet-connection-string": lambda r: [
        ('"ConnectionStrings": { "Main": "Server=' + _host(r) + ",1433;Database=Sales;", None),
        ("User Id=sa;Password=", None),
        (_password(r), SECRET),
        (';TrustServerCertificate=True" }', None),
    ],
    "jdbc-url": lambda r: [
        (f"spring.datasource.url=jdbc:mysql://{_host(r)}:3306/shop?user=app&password=", None),
        (_chars(r, ALNUM, r.randint(12, 20)), SECRET),
        ("&useSSL=true", None),
    ],
    "stack-trace": lambda r: [
        ('Traceback (most recent call last):\n  File "sync.py", line 41, in <module>\n', None),
        ('    client = Client(api_key="', None),
        (_chars(r, ALNUM, 36), SECRET),
        ('")\nAuthenticationError: 401 Unauthorized', None),
    ],
    "log-header-dump": lambda r: [
        (f"2024-0{r.randint(1, 9)}-1{r.randint(0, 9)}T08:12:44Z DEBUG outgoing headers=", None),
        ("{'Content-Type': 'application/json', 'X-Api-Key': '", None),
        (_chars(r, ALNUM, 32), SECRET),
        ("'}", None),
    ],
    "ticket-message-en": lambda r: [
        (
            r.choice(
                (
                    "OPS ticket: staging DB was reset. New admin password is ",
                    "fyi the shared analytics login changed, password: ",
                    "Onboarding note - VPN pre-shared key is ",
                )
            ),
            None,
        ),
        (_password(r), SECRET),
        (r.choice((" (rotate after the demo)", "\nplease don't forward", " - thanks!")), None),
    ],
    "message-other-language": lambda r: [
        (
            r.choice(
                (
                    "Das Passwort für den Staging-Server lautet ",
                    "Le mot de passe du compte partagé est ",
                    "La contraseña del servidor de pruebas es ",
                    "A senha do banco de homologação é ",
                    "ステージング環境のパスワードは ",
                    "测试服务器的密码是 ",
                    "Пароль от тестовой базы: ",
                    "Hasło do serwera testowego to ",
                    "La password dell'ambiente di collaudo è ",
                    "Het wachtwoord voor de testomgeving is ",
                )
            ),
            None,
        ),
        (_password(r), SECRET),
        (
            r.choice((" — bitte nicht weitergeben.", " ; merci !", " (gracias)", " です。", "\n")),
            None,
        ),
    ],
    "azure-storage-connection": lambda r: [
        ("DefaultEndpointsProtocol=https;AccountName=stdata" + _chars(r, LOWER, 6), None),
        (";AccountKey=", None),
        (_b64(r.randbytes(64)), SECRET),
        (";EndpointSuffix=core.windows.net", None),
    ],
    "k8s-secret-data": lambda r: [
        ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-creds\ntype: Opaque\n", None),
        ("data:\n  username: " + _b64(_user(r).encode()) + "\n  password: ", None),
        (_b64(_password(r).encode()), SECRET),
        ("\n", None),
    ],
    "npmrc-auth": lambda r: [
        ("registry=https://npm.corp.example/\n//npm.corp.example/:_auth=", None),
        (_b64(f"{_user(r)}:{_password(r)}".encode()), SECRET),
        ("\nalways-auth=true\n", None),
    ],
    "pypirc-password": lambda r: [
        ("[distutils]\nindex-servers = internal\n\n[internal]\nrepository = ", None),
        ("https://pypi.corp.example/simple/\nusername = publisher\npassword = ", None),
        (_password(r), SECRET),
        ("\n", None),
    ],
    "git-remote-token": lambda r: [
        ("git remote set-url origin https://oauth2:", None),
        (_chars(r, URLSAFE, 1) + _chars(r, ALNUM, 25), SECRET),
        ("@git.example.com/platform/infra.git", None),
    ],
    "terraform-tfvars": lambda r: [
        (f'environment = "{r.choice(("prod", "stage"))}"\ninstance_class = "db.t3.medium"\n', None),
        ('db_master_password = "', None),
        (_password(r), SECRET),
        ('"\n', None),
    ],
    "php-define": lambda r: [
        ("<?php\ndefine('DB_NAME', 'wordpress');\ndefine('DB_USER', 'wp');\n", None),
        ("define('DB_PASSWORD', '", None),
        (_password(r), SECRET),
        ("');", None),
    ],
    "rails-secret-key-base": lambda r: [
        ("production:\n  secret_key_base: ", None),
        (_chars(r, HEX, 128), SECRET),
        ("\n", None),
    ],
    "django-secret-key": lambda r: [
        ("# settings/prod.py\nDEBUG = False\nSECRET_KEY = '", None),
        (
            _chars(r, LOWER + DIGITS, 20) + _chars(r, LOWER + DIGITS + "!#%^*(-_=+)", 28) + "x",
            SECRET,
        ),
        ("'\nALLOWED_HOSTS = ['app.example.com']", None),
    ],
    "sshpass": lambda r: [
        ("sshpass -p '", None),
        (_password(r), SECRET),
        (f"' ssh -o StrictHostKeyChecking=no deploy@{_host(r)}.example.net", None),
    ],
    "mysql-cli": lambda r: [
        (f"mysql -h {_host(r)} -u {_user(r)} --password=", None),
        (_password(r), SECRET),
        (" -e 'SHOW PROCESSLIST'", None),
    ],
    "xml-password": lambda r: [
        ("<server>\n  <id>nexus-releases</id>\n  <username>deployer</username>\n", None),
        ("  <password>", None),
        (_password(r), SECRET),
        ("</password>\n</server>", None),
    ],
    "ini-password": lambda r: [
        (f"[database]\nhost = {_host(r)}\nuser = {_user(r)}\npassword = ", None),
        (_password(r), SECRET),
        ("\n\n[cache]\nttl = 300\n", None),
    ],
    "spring-properties": lambda r: [
        ("spring.rabbitmq.host=mq.internal\nspring.rabbitmq.username=orders\n", None),
        ("spring.rabbitmq.password=", None),
        (_password(r), SECRET),
        ("\n", None),
    ],
    "shared-account-message": lambda r: [
        (
            r.choice(
                (
                    "Login for the shared design account: team-design / ",
                    "Shared QA account -> user: qa-bot, pass: ",
                    "Für den gemeinsamen Test-Account: Benutzer qa, Kennwort ",
                )
            ),
            None,
        ),
        (_password(r), SECRET),
        (r.choice(("\nplease log out after use", " (2FA off for now)", "\n")), None),
    ],
    "ci-log": lambda r: [
        (f"Run ./scripts/deploy.sh\n[{r.randint(10, 59)}:03] Using registry token ", None),
        (_chars(r, ALNUM, 1) + _chars(r, URLSAFE, 38) + _chars(r, ALNUM, 1), SECRET),
        ("\n[deploy] pushing image...", None),
    ],
    "http-api-key-header": lambda r: [
        ("POST /v3/events HTTP/1.1\nHost: ingest.example.io\n", None),
        (r.choice(("X-API-Key: ", "x-api-key: ", "Api-Key: ")), None),
        (_chars(r, HEX, 32), SECRET),
        ("\nContent-Length: 512\n", None),
    ],
    "query-string-key": lambda r: [
        ("GET https://maps.example.com/geo/v1/lookup?q=warehouse&api_key=", None),
        (_chars(r, ALNUM, 32), SECRET),
        ("&format=json -> 403 Forbidden", None),
    ],
    "oauth-token-request": lambda r: [
        ("curl https://auth.example.com/oauth/token -d grant_type=client_credentials ", None),
        (f"-d client_id={_chars(r, HEX, 24)} -d client_secret=", None),
        (_chars(r, URLSAFE, 1) + _chars(r, ALNUM, 40), SECRET),
        ("\n", None),
    ],
    "redis-url": lambda r: [
        ("REDIS_URL=redis://default:", None),
        (_chars(r, ALNUM, 32), SECRET),
        (f"@{_host(r)}.cache.example.com:6379/0\n", None),
    ],
    "onboarding-doc": lambda r: [
        ("## Onboarding\n1. Clone the repo\n2. Copy `.env.example` to `.env`\n", None),
        ("3. Set `PAYMENTS_SANDBOX_SECRET=", None),
        (_chars(r, ALNUM, 40), SECRET),
        ("` (team sandbox key)\n4. Run `make dev`", None),
    ],
    "jwt-bearer-log": lambda r: [
        (f"[{r.choice(('WARN', 'INFO'))}] token rejected: exp passed; token=", None),
        (_jwt(r), SECRET),
        ("\n", None),
    ],
    "ruby-hash": lambda r: [
        ("Stripe.api_version = '2024-06-20'\nconfig = { adapter: 'postgresql', ", None),
        ("password: '", None),
        (_password(r), SECRET),
        ("', pool: 5 }", None),
    ],
}


# --- generated: vendor tokens from their rule patterns --------------------------------------


def _mailchimp(rng: random.Random) -> str:
    return f"{_chars(rng, HEX, 32)}-us{rng.randint(1, 21)}"


def _telegram(rng: random.Random) -> str:
    return f"{rng.randint(10**8, 10**10 - 1)}:AA{_chars(rng, URLSAFE, 33)}"


def _teams_webhook(rng: random.Random) -> str:
    return (
        f"https://corp{_chars(rng, LOWER, 4)}.webhook.office.com/webhookb2/{_uuid(rng)}@"
        f"{_uuid(rng)}/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}"
    )


VENDORS: dict[str, tuple[str, Token]] = {
    "aws-access-key": ("AWS_ACCESS_KEY_ID", lambda r: "AKIA" + _chars(r, BASE32, 16)),
    "github-pat": ("GITHUB_TOKEN", _github("ghp")),
    "github-oauth": ("GH_OAUTH_TOKEN", _github("gho")),
    "github-app": ("GH_APP_TOKEN", _github("ghs")),
    "github-fine-grained": ("GH_PAT", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    "gitlab-pat": ("GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    "slack-bot": (
        "SLACK_BOT_TOKEN",
        _parts("xoxb-", (DIGITS, 11), "-", (DIGITS, 13), "-", (ALNUM, 24)),
    ),
    "slack-webhook": (
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
    "stripe-secret": ("STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 99)),
    "stripe-restricted": ("STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 99)),
    "openai": ("OPENAI_API_KEY", _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74))),
    "anthropic": ("ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    "google-api-key": ("GOOGLE_API_KEY", _tok("AIza", URLSAFE, 35)),
    "gcp-client-secret": ("GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28)),
    "huggingface": ("HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    "sendgrid": ("SENDGRID_API_KEY", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43))),
    "npm": ("NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    "pypi": ("PYPI_API_TOKEN", _tok("pypi-AgEIcHlwaS5vcmc", URLSAFE, 70)),
    "twilio": ("TWILIO_API_KEY", _tok("SK", HEX, 32)),
    "mailgun": ("MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    "mailchimp": ("MAILCHIMP_API_KEY", _mailchimp),
    "discord-webhook": (
        "DISCORD_WEBHOOK",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 18), "/", (URLSAFE, 68)),
    ),
    "telegram-bot": ("TELEGRAM_BOT_TOKEN", _telegram),
    "shopify": ("SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    "digitalocean": ("DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    "databricks": ("DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    "atlassian": ("ATLASSIAN_API_TOKEN", _tok("ATATT3", URLSAFE, 186)),
    "linear": ("LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    "new-relic": ("NEW_RELIC_USER_KEY", _tok("NRAK-", UPPER + DIGITS, 27)),
    "grafana-service-account": ("GRAFANA_SA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    "grafana-cloud": ("GRAFANA_CLOUD_TOKEN", _b64_json_token("glc_", ("o", "n", "k"), 0)),
    "doppler": ("DOPPLER_TOKEN", _tok("dp.pt.", ALNUM, 43)),
    "postman": ("POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    "pulumi": ("PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    "age": ("SOPS_AGE_KEY", _tok("AGE-SECRET-KEY-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)),
    "vault": ("VAULT_TOKEN", _tok("hvs.", URLSAFE, 90)),
    "terraform-cloud": (
        "TFE_TOKEN",
        _parts((ALNUM, 14), ".atlasv1.", (URLSAFE, 67)),
    ),
    "heroku": ("HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 58)),
    "dynatrace": (
        "DT_API_TOKEN",
        _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64)),
    ),
    "sentry-user": ("SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    "cloudflare-origin-ca": ("CF_ORIGIN_CA_KEY", _parts("v1.0-", (HEX, 24), "-", (HEX, 146))),
    "square": ("SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60)),
    "flutterwave": ("FLW_SECRET_KEY", _tok("FLWSECK-", HEX, 32, "-X")),
    "alibaba": ("ALIBABA_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    "azure-ad-client-secret": (
        "AZURE_CLIENT_SECRET",
        _parts((ALNUM, 3), (DIGITS, 1), "Q~", (ALNUM + "_~.-", 30), (ALNUM, 1)),
    ),
    "contentful": ("CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43)),
    "easypost": ("EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    "flyio": ("FLY_API_TOKEN", _tok("fo1_", URLSAFE, 43)),
    "frameio": ("FRAMEIO_TOKEN", _tok("fio-u-", URLSAFE, 64)),
    "infracost": ("INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    "planetscale": ("PLANETSCALE_TOKEN", _tok("pscale_tkn_", URLSAFE, 43)),
    "prefect": ("PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    "readme": ("README_API_KEY", _tok("rdme_", LOWER + DIGITS, 70)),
    "rubygems": ("GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    "scalingo": ("SCALINGO_API_TOKEN", _tok("tk-us-", URLSAFE, 48)),
    "brevo": ("BREVO_API_KEY", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16))),
    "shippo": ("SHIPPO_API_TOKEN", _tok("shippo_live_", HEX, 40)),
    "typeform": ("TYPEFORM_TOKEN", _tok("tfp_", ALNUM, 59)),
    "clojars": ("CLOJARS_DEPLOY_TOKEN", _tok("CLOJARS_", LOWER + DIGITS, 60)),
    "duffel": ("DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", URLSAFE, 43)),
    "notion": ("NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    "airtable": ("AIRTABLE_PAT", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    "bitbucket-app-password": ("BITBUCKET_APP_PASSWORD", _tok("ATBB", ALNUM, 32)),
    "mapbox": ("MAPBOX_SECRET_TOKEN", _b64_json_token("sk.", ("u", "a"), 22)),
    "openshift": ("OPENSHIFT_TOKEN", _tok("sha256~", URLSAFE, 43)),
    "jfrog": ("ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    "harness": ("HARNESS_PAT", _parts("pat.", (ALNUM, 22), ".", (HEX, 24), ".", (ALNUM, 20))),
    "octopus-deploy": ("OCTOPUS_API_KEY", _tok("API-", UPPER + DIGITS, 26)),
    "circleci": ("CIRCLE_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    "buildkite": ("BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    "sonarqube": ("SONAR_TOKEN", _tok("squ_", HEX, 40)),
    "docker-hub": ("DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 27)),
    "tailscale": ("TS_AUTHKEY", _parts("tskey-auth-", (ALNUM, 11), "CNTRL-", (ALNUM, 33))),
    "supabase": ("SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    "netlify": ("NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    "render": ("RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    "posthog": ("POSTHOG_PERSONAL_API_KEY", _tok("phx_", ALNUM, 43)),
    "langfuse": ("LANGFUSE_SECRET_KEY", lambda r: "sk-lf-" + _uuid(r)),
    "pinecone": ("PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 5), "_", (ALNUM, 63))),
    "figma": ("FIGMA_TOKEN", _parts("figd_", (URLSAFE, 40))),
    "hubspot": ("HUBSPOT_PRIVATE_APP_TOKEN", lambda r: "pat-na1-" + _uuid(r)),
    "teams-webhook": ("TEAMS_WEBHOOK_URL", _teams_webhook),
    "braintree": (
        "BRAINTREE_ACCESS_TOKEN",
        _parts("access_token$production$", (LOWER + DIGITS, 16), "$", (HEX, 32)),
    ),
    "plaid": ("PLAID_ACCESS_TOKEN", lambda r: "access-production-" + _uuid(r)),
    "nuget": ("NUGET_API_KEY", _tok("oy2", LOWER + DIGITS, 43)),
    "groq": ("GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    "replicate": ("REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    "openrouter": ("OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    "nvidia": ("NGC_API_KEY", _tok("nvapi-", URLSAFE, 64)),
    "perplexity": ("PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    "xai": ("XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    "launchdarkly": ("LD_API_KEY", lambda r: "api-" + _uuid(r)),
}

_URL_VENDORS = {"slack-webhook", "discord-webhook", "teams-webhook"}

Wrap = Callable[[random.Random, str, str, str], Segments]


def _around(before: str, after: str) -> Wrap:
    """A context: ``before`` and ``after`` with ``{name}``/``{vendor}`` filled, value between."""

    def wrap(_rng: random.Random, name: str, vendor: str, value: str) -> Segments:
        return [
            (before.format(name=name, vendor=vendor), None),
            (value, SECRET),
            (after.format(name=name, vendor=vendor), None),
        ]

    return wrap


_CONTEXTS: tuple[Wrap, ...] = (
    _around("# .env\nNODE_ENV=production\n{name}=", "\nLOG_LEVEL=info\n"),
    _around("$ export {name}=", "\n$ make release\n"),
    _around("env:\n  - name: {name}\n    value: ", "\n  - name: PORT\n    value: '8080'\n"),
    _around('{{\n  "{vendor}": {{\n    "token": "', '"\n  }}\n}}'),
    _around('os.environ.setdefault("{name}", "', '")\n'),
    _around("docker run --rm -e {name}=", " ghcr.io/acme/worker:latest\n"),
    _around("Run actions/setup@v4\n  env:\n    {name}: ", "\n##[group]Install deps\n"),
    _around("here's the {vendor} key for the integration: ", " (don't share outside the team)"),
    _around(
        "Hier ist der {vendor}-Schlüssel für die Pipeline: ", " — bitte nur im Tresor ablegen."
    ),
    _around("Voici la clé {vendor} pour l'intégration : ", "\nMerci de la mettre dans le coffre."),
    _around("Te paso el token de {vendor}: ", " , caduca en 30 días."),
    _around("{vendor} のトークンです: ", "\n共有しないでください。"),
    _around("Segue o token do {vendor}: ", " (não compartilhe, por favor)"),
    _around("Токен {vendor} для деплоя: ", "\nНе пересылайте его дальше."),
    _around("Error: request to {vendor} failed with 401 using key ", "\n    at Client.send"),
    _around('provider "{vendor}" {{\n  token = "', '"\n}}\n'),
    _around("kind: Secret\nstringData:\n  {name}: ", "\n"),
    _around("[{vendor}]\ntoken = ", "\nretries = 3\n"),
    _around("const {{ Client }} = require('{vendor}');\nconst c = new Client('", "');\n"),
    _around("{name}: ", "  # TODO move to secret manager\n"),
    _around("Nouveau token {vendor} généré ce matin : ", "\nL'ancien est révoqué."),
    _around("{vendor} 的密钥：", "\n请勿外传。"),
)
_HEADER_CONTEXTS: tuple[Wrap, ...] = (
    _around('curl https://api.example.com/v1/me -H "Authorization: Bearer ', '"\n'),
    _around("Authorization: Bearer ", "\nUser-Agent: sync/2.3\n"),
)
_URL_CONTEXTS: tuple[Wrap, ...] = (
    _around("# .env\n{name}=", "\n"),
    _around("curl -X POST -H 'Content-type: application/json' --data '{{}}' ", "\n"),
    _around("alerts:\n  {vendor}:\n    url: ", "\n"),
    _around("Webhook für die Alarme: ", " — bitte nicht öffentlich posten."),
    _around("webhook do canal de alertas: ", "\n"),
)


def _generated(rng: random.Random, count: int) -> list[Case]:
    families = sorted(VENDORS)
    order = families + [rng.choice(families) for _ in range(count - len(families))]
    rng.shuffle(order)
    cases, seen = [], set()
    for family in order:
        name, token = VENDORS[family]
        value = token(rng)
        while value in seen:
            value = token(rng)
        seen.add(value)
        if family in _URL_VENDORS:
            wrap = rng.choice(_URL_CONTEXTS)
        else:
            wrap = rng.choice(_CONTEXTS + _HEADER_CONTEXTS if rng.random() < 0.3 else _CONTEXTS)
        text, spans = _join(wrap(rng, name, family, value))
        cases.append(Case(family, "generated", text, spans))
    return cases


# --- negative: the suites' must-not-fire texts and everyday technical chat -----------------


def _pick(*options: str) -> Text:
    return lambda rng: rng.choice(options)


NEGATIVE: dict[str, Text] = {
    "placeholder-angle": lambda r: (
        f"{r.choice(('OPENAI_API_KEY', 'API_KEY', 'STRIPE_SECRET'))}=<your-api-key>\n"
        f"# get one from the dashboard ({r.randint(2, 9)} min setup)"
    ),
    "placeholder-x": lambda r: f"api_key: {'x' * r.randint(8, 40)}\nendpoint: /v{r.randint(1, 3)}/",
    "placeholder-template": lambda r: (
        f"password: ${{{r.choice(('DB_PASSWORD', 'SECRET', 'PG_PASS'))}}}\nuser: ${{DB_USER}}"
    ),
    "env-reference-python": lambda r: (
        f'password = os.environ["{r.choice(("DB_PASSWORD", "PGPASSWORD"))}"]\n'
        'token = os.getenv("API_TOKEN", "")'
    ),
    "env-reference-node": lambda r: (
        f"const apiKey = process.env.{r.choice(('API_KEY', 'STRIPE_KEY', 'OPENAI_KEY'))};\n"
        "if (!apiKey) throw new Error('missing api key');"
    ),
    "vault-reference": lambda r: (
        f'db_password: "{{{{ vault_{r.choice(("db", "pg", "app"))}_password }}}}"\n'
        "api_token: \"{{ lookup('env', 'API_TOKEN') }}\""
    ),
    "k8s-secret-ref": lambda r: (
        "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n"
        f"        name: {r.choice(('db-creds', 'pg-secret'))}\n        key: password"
    ),
    "gha-secret-ref": lambda r: (
        f"      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: "
        f"${{{{ secrets.{r.choice(('NPM_TOKEN', 'PUBLISH_TOKEN'))} }}}}"
    ),
    "empty-assignment": lambda r: (
        f"{r.choice(('PASSWORD', 'SECRET_KEY', 'AUTH_TOKEN'))}=\nDEBUG=true\n"
        f"PORT={r.randint(3000, 9000)}"
    ),
    "redacted": lambda r: r.choice(
        (
            "Authorization: Bearer [REDACTED]",
            f"token: {'*' * r.randint(8, 20)}",
            "DEPLOY_TOKEN=***",
            "api_key=sk-...redacted (see vault)",
            "password: <hidden>",
        )
    ),
    "aws-doc-example": _pick(
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE  # value from the AWS docs",
        "Replace AKIAIOSFODNN7EXAMPLE with your own key id.",
    ),
    "sha256sum": lambda r: (
        f"{_chars(r, HEX, 64)}  release-{r.randint(1, 4)}.{r.randint(0, 20)}.tar.gz"
    ),
    "git-log": lambda r: "\n".join(
        _chars(r, HEX, 7)
        + " "
        + r.choice(("fix: retry on 503", "chore: bump deps", "feat: export csv"))
        for _ in range(r.randint(3, 5))
    ),
    "commit-sha": lambda r: f"reverted in {_chars(r, HEX, 40)}, will cherry-pick tomorrow",
    "uuid-request-id": lambda r: f"request_id={_uuid(r)} status=504 upstream timed out",
    "image-digest": lambda r: f"image: registry.example.com/api@sha256:{_chars(r, HEX, 64)}",
    "maven-coordinates": lambda r: (
        f"<dependency>\n  <groupId>org.apache.commons</groupId>\n  <artifactId>commons-lang3"
        f"</artifactId>\n  <version>3.{r.randint(10, 17)}.0</version>\n</dependency>"
    ),
    "versions": lambda r: (
        f"upgraded numpy {r.randint(1, 2)}.{r.randint(20, 26)}.{r.randint(0, 9)} -> 2.1.3, "
        f"torch 2.{r.randint(0, 5)}.1+cu121"
    ),
    "timestamp": lambda r: (
        f"job started 2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T0{r.randint(0, 9)}:15:00Z"
    ),
    "ports": lambda r: (
        f"EXPOSE {r.choice((8080, 8443, 9090))}\nHEALTHCHECK CMD curl -f "
        f"http://localhost:{r.choice((8080, 3000))}/health"
    ),
    "base64-ordinary": lambda r: (
        "echo "
        + _b64(r.choice((b"hello from the build step", b'{"feature":"dark-mode"}')))
        + " | base64 -d"
    ),
    "file-paths": lambda r: (
        f"see src/auth/{r.choice(('password_reset', 'token_refresh'))}.py and "
        "config/secrets.example.yaml"
    ),
    "css": lambda r: (
        f".btn-primary {{ color: #{_chars(r, HEX, 6)}; background: #{_chars(r, HEX, 6)}; "
        f"padding: {r.randint(4, 16)}px; }}"
    ),
    "html": lambda r: (
        f'<input type="password" name="password" id="pw-{r.randint(1, 9)}" '
        'placeholder="Enter your password" autocomplete="current-password">'
    ),
    "minified-js": lambda r: (
        f"!function(e,t){{var n=e.length,r={r.randint(0, 9)};for(;r<n;r++)t(e[r],r)}}"
        "(a,function(o,i){return o.token&&o.token.length})"
    ),
    "prose-about-secrets": _pick(
        "Reminder: rotate API keys every 90 days and never paste tokens in this channel.",
        "Can someone explain the difference between an access token and a refresh token?",
        "The password policy now requires 14 characters and no reuse of the last 5.",
        "Where should the client secret live - env vars or the secret manager?",
    ),
    "prose-other-language": _pick(
        "Bitte Passwörter niemals im Chat teilen, nutzt den Tresor.",
        "Ne partagez jamais vos clés d'API dans ce canal, utilisez le coffre-fort.",
        "Recuerden: la contraseña nunca se envía por correo ni por chat.",
        "API キーはチャットに貼らないでください。シークレットマネージャーを使ってください。",
        "Не храните токены в репозитории, используйте хранилище секретов.",
        "Lembrete: a senha do banco deve ficar só no cofre de segredos.",
    ),
    "function-signature": _pick(
        "def hash_password(password: str, *, rounds: int = 12) -> bytes:",
        "public String getAccessToken() { return this.accessToken; }",
        "func (c *Client) SetToken(token string) { c.token = token }",
        "token = auth_client.fetch_token(scope=SCOPES)",
    ),
    "sql-schema": lambda r: (
        f"CREATE TABLE users_{r.randint(1, 9)} (\n  id BIGSERIAL PRIMARY KEY,\n"
        "  password_hash VARCHAR(255) NOT NULL,\n  api_token_last4 CHAR(4)\n);"
    ),
    "npm-integrity": lambda r: (
        f'"node_modules/lodash": {{\n  "version": "4.17.{r.randint(15, 21)}",\n'
        f'  "integrity": "sha512-{_b64(r.randbytes(64))}"\n}}'
    ),
    "go-sum": lambda r: (
        f"github.com/stretchr/testify v1.{r.randint(7, 9)}.0 h1:{_b64(r.randbytes(32))}"
    ),
    "asset-hashes": lambda r: (
        f"main.{_chars(r, HEX, 8)}.js  {r.randint(100, 900)} kB\n"
        f"vendor.{_chars(r, HEX, 8)}.js  {r.randint(100, 900)} kB"
    ),
    "ticket-keys": lambda r: (
        f"PLAT-{r.randint(100, 9999)} blocked by INFRA-{r.randint(100, 999)}, "
        f"PR #{r.randint(10, 999)}"
    ),
    "ssh-public-key": lambda r: (
        "add this to authorized_keys:\nssh-ed25519 "
        + _b64(bytes.fromhex("0000000b7373682d6564323535313900000020") + r.randbytes(32))
        + " ci-deploy-key"
    ),
    "certificate": lambda r: "\n".join(
        [
            "-----BEGIN CERTIFICATE-----",
            *(_b64(r.randbytes(48)) for _ in range(r.randint(4, 8))),
            "-----END CERTIFICATE-----",
        ]
    ),
    "public-key": lambda r: "\n".join(
        [
            "-----BEGIN PUBLIC KEY-----",
            _b64(r.randbytes(48)),
            _b64(r.randbytes(18)),
            "-----END PUBLIC KEY-----",
        ]
    ),
    "doc-ellipsis": _pick(
        "export OPENAI_API_KEY=sk-...",
        "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "Set STRIPE_SECRET_KEY to your sk_test_ key from the dashboard.",
        "Your token looks like xoxb-... and goes in SLACK_BOT_TOKEN.",
    ),
    "regex-pattern": _pick(
        'PATTERN = re.compile(r"ghp_[A-Za-z0-9]{36}")',
        "rule: '(?i)api[_-]?key\\s*[:=]\\s*[a-z0-9]{32}'",
        "grep -E 'AKIA[0-9A-Z]{16}' -r .",
    ),
    "masked-ci-log": lambda r: (
        f"[{r.randint(10, 59)}:02] Logging in to registry with token ***\n"
        "Login Succeeded\n##[debug]Secret masked"
    ),
    "env-names-only": lambda r: (
        "Required variables: "
        + ", ".join(
            r.sample(("DB_PASSWORD", "API_TOKEN", "JWT_SECRET", "SMTP_PASS", "S3_BUCKET"), 4)
        )
    ),
    "getpass": _pick(
        "password = getpass.getpass('Password: ')",
        "read -s -p 'Password: ' PASSWORD",
        "token = input('Paste your token: ').strip()",
    ),
    "analytics-ids": lambda r: (
        f"gtag('config', 'G-{_chars(r, UPPER + DIGITS, 10)}'); // measurement id, public"
    ),
    "test-fixture-names": _pick(
        "def test_login_rejects_empty_password(client):",
        "it('refreshes the token when it expires', async () => {",
        "assert response.json()['detail'] == 'Invalid token'",
    ),
    "changelog": lambda r: (
        f"## {r.randint(1, 5)}.{r.randint(0, 12)}.0\n- Tokens are now hashed at rest\n"
        "- Password reset links expire after 1 hour"
    ),
}


# --- pii: Presidio-style positives -----------------------------------------------------------

_FIRST = (
    "Marisol",
    "Tobias",
    "Ingrid",
    "Rafael",
    "Yuki",
    "Oskar",
    "Leila",
    "Dmitri",
    "Aoife",
    "Mateo",
)
_LAST = ("Varga", "Lindqvist", "Okafor", "Brennan", "Castellano", "Nakamura", "Holm", "Duarte")
_PHONE_REGIONS = ("US", "GB", "DE", "FR", "ES", "NL", "IT", "CA", "AU")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _email(rng: random.Random) -> str:
    local = rng.choice(_FIRST).lower() + rng.choice((".", "_", "")) + rng.choice(_LAST).lower()
    return f"{local}@{rng.choice(('northwind-mail.com', 'fabrikam.io', 'contoso-group.net'))}"


def _phone(rng: random.Random) -> str:
    while True:
        region = rng.choice(_PHONE_REGIONS)
        example = phonenumbers.example_number_for_type(
            region, phonenumbers.PhoneNumberType.MOBILE
        ) or phonenumbers.example_number(region)
        national = str(example.national_number)
        digits = national[:2] + _chars(rng, DIGITS, len(national) - 2)
        number = phonenumbers.parse(f"+{example.country_code}{digits}")
        if phonenumbers.is_valid_number(number):
            if region == "US" and rng.random() < 0.5:
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _ip(rng: random.Random) -> str:
    first = rng.choice((34, 52, 81, 91, 145, 185, 203))
    return ".".join(str(n) for n in (first, *(rng.randint(1, 254) for _ in range(3))))


PII: dict[str, tuple[str, Text, tuple[tuple[str, str], ...]]] = {
    "person": (
        "PERSON",
        _person,
        (
            ("Can you loop in ", " on the vendor review?"),
            ("Meeting notes taken by ", ", shared after the call."),
            ("Der Vertrag wurde von ", " unterschrieben, bitte archivieren."),
            ("La demande a été validée par ", " ce matin."),
            ("Please add ", " as an approver for the release."),
        ),
    ),
    "email": (
        "EMAIL_ADDRESS",
        _email,
        (
            ("Send the invoice copy to ", " please."),
            ("Contact for the pilot: ", "\n"),
            ("Bitte die Unterlagen an ", " schicken."),
            ("El correo de contacto es ", " para dudas."),
        ),
    ),
    "phone": (
        "PHONE_NUMBER",
        _phone,
        (
            ("Call me back on ", " after lunch."),
            ("Kontakt telefonisch: ", "\n"),
            ("Le numéro du client est le ", ", merci."),
            ("cell: ", " (WhatsApp too)"),
        ),
    ),
    "credit_card": (
        "CREDIT_CARD",
        credit_card,
        (
            ("Charge the deposit to card ", " exp 09/27."),
            ("Kartennummer: ", " bitte nur einmal belasten."),
            ("Customer read out the card number ", " on the call."),
            ("Número de tarjeta: ", "\n"),
        ),
    ),
    "us_ssn": (
        "US_SSN",
        us_ssn,
        (
            ("For the background check, SSN: ", "\n"),
            ("the employee's social security number is ", ", please verify."),
            ("W-4 form attached, SSN ", " written on page 1."),
        ),
    ),
    "iban": (
        "IBAN_CODE",
        iban,
        (
            ("Please wire the refund to IBAN ", " by Friday."),
            ("Bankverbindung: IBAN ", "\n"),
            ("Virement sur le compte ", " svp."),
            ("IBAN for the supplier payment: ", " (checked twice)"),
        ),
    ),
    "ip_address": (
        "IP_ADDRESS",
        _ip,
        (
            ("Login attempts keep coming from ", ", can we block it?"),
            ("Der Kunde verbindet sich von ", " aus, bitte freischalten."),
            ("whitelist ", " on the partner firewall"),
        ),
    ),
}


def _pii(rng: random.Random, count: int) -> list[Case]:
    families = list(PII)
    cases, seen = [], set()
    while len(cases) < count:
        family = families[len(cases) % len(families)]
        label, make, frames = PII[family]
        before, after = rng.choice(frames)
        text, spans = _join([(before, None), (make(rng), label), (after, None)])
        if text not in seen:
            seen.add(text)
            cases.append(Case(family, "pii", text, spans))
    return cases


# --- pii_negative: everyday workplace text with capitals, numbers and codes, no PII ---------

PII_NEGATIVE: dict[str, Text] = {
    "status-update": lambda r: (
        f"Status: Checkout v{r.randint(2, 5)}.{r.randint(0, 9)} is at "
        f"{r.randint(60, 99)}% rollout, "
        f"error rate {r.randint(1, 9)}.{r.randint(0, 9)}%, no blockers."
    ),
    "standup": lambda r: (
        f"Standup: yesterday finished PLAT-{r.randint(100, 999)}, today pairing on Search "
        f"Relevance, blocked on the Design Review."
    ),
    "incident-timeline": lambda r: (
        f"{r.randint(10, 12)}:{r.randint(10, 59)} UTC alert fired\n"
        f"{r.randint(13, 14)}:{r.randint(10, 59)} UTC rollback of Payments API\n"
        f"{r.randint(15, 16)}:{r.randint(10, 59)} UTC resolved, postmortem on Thursday"
    ),
    "spreadsheet": lambda r: (
        "Quarter | Revenue | Churn\n"
        + "\n".join(
            f"Q{q} | {r.randint(100, 999)}.{r.randint(0, 9)}k | "
            f"{r.randint(1, 9)}.{r.randint(0, 9)}%"
            for q in range(1, 5)
        )
    ),
    "marketing-copy": _pick(
        "Introducing Smart Inbox: Priority Sort, Quick Replies and Focus Mode, now in Pro.",
        "Meet Nova Analytics - Live Dashboards, Anomaly Alerts and Team Workspaces.",
        "New in Release 24: Dark Mode, Offline Sync and the redesigned Command Palette.",
    ),
    "job-titles": _pick(
        "We're hiring a Senior Platform Engineer and a Staff Product Designer.",
        "The Head of Customer Success will present the Quarterly Business Review.",
        "Open roles: Data Analyst II, Engineering Manager (Growth), Technical Writer.",
    ),
    "team-names": _pick(
        "Team Phoenix owns Billing, Team Atlas owns Search, Team Orbit owns Mobile.",
        "Handover from Core Infrastructure to the Developer Experience squad next sprint.",
    ),
    "order-numbers": lambda r: (
        f"Order ORD-{r.randint(10000, 99999)} shipped, {r.randint(2, 9)} items, "
        f"tracking ref TRK{_chars(r, UPPER, 3)}{r.randint(100, 999)}."
    ),
    "sku-codes": lambda r: (
        f"SKU {_chars(r, UPPER, 3)}-{r.randint(100, 999)}-{_chars(r, UPPER, 2)} restocked, "
        f"bin {r.choice('ABCDE')}{r.randint(1, 40)}, qty {r.randint(10, 500)}"
    ),
    "isbn": lambda r: (
        f"Book club pick this month: ISBN 978-{r.randint(0, 1)}-{r.randint(100, 999)}-"
        f"{r.randint(10000, 99999)}-{r.randint(0, 9)}"
    ),
    "version-strings": lambda r: (
        f"Android app {r.randint(3, 9)}.{r.randint(0, 30)}.{r.randint(0, 9)} (build "
        f"{r.randint(1000, 9999)}) requires API level {r.randint(24, 34)}."
    ),
    "timestamps": lambda r: (
        f"Backup finished 2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} "
        f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}, took {r.randint(2, 59)} min."
    ),
    "css-colours": lambda r: (
        f"Brand palette: Primary #{_chars(r, HEX, 6)}, Accent #{_chars(r, HEX, 6)}, Neutral #f4f4f5"
    ),
    "code": _pick(
        "for (const Item of Items) { Total += Item.Price * Item.Qty; }",
        "class InvoiceBuilder:\n    def Build(self) -> Invoice: ...",
        "SELECT Region, SUM(Amount) FROM Sales GROUP BY Region ORDER BY 2 DESC;",
    ),
    "german": lambda r: (
        f"Sprint-Review am Donnerstag: Release {r.randint(10, 30)} ist fertig, "
        "Feature-Flags für Schnellsuche werden geprüft."
    ),
    "french": lambda r: (
        f"Point d'équipe : la version {r.randint(2, 9)}.{r.randint(0, 9)} est déployée, "
        "les tests de régression sont terminés."
    ),
    "spanish": lambda r: (
        f"Resumen: {r.randint(10, 90)} tickets cerrados, la migración del Catálogo está "
        "al día y el Panel de Control funciona."
    ),
    "japanese": lambda r: (
        f"本日のリリース {r.randint(1, 9)}.{r.randint(0, 9)} は完了しました。"
        "検索機能の改善を含みます。"
    ),
    "portuguese": lambda r: (
        f"Atualização: o Módulo de Relatórios chegou a {r.randint(50, 99)}% de cobertura de testes."
    ),
    "polish": lambda r: (
        f"Wdrożenie wersji {r.randint(2, 8)}.{r.randint(0, 9)} zakończone, "
        "żadnych błędów krytycznych."
    ),
    "russian": lambda r: f"Релиз {r.randint(2, 9)}.{r.randint(0, 9)} выкатили, метрики в норме.",
    "kpi-table": lambda r: (
        "Metric,Target,Actual\n"
        + "\n".join(
            f"{name},{r.randint(50, 99)},{r.randint(40, 99)}" for name in ("NPS", "Uptime", "CSAT")
        )
    ),
    "feature-flags": lambda r: (
        f"Flags: NewCheckout=on, SmartSearch={r.choice(('on', 'off'))}, BetaReports=off "
        f"(config rev {r.randint(100, 999)})"
    ),
    "invoice-line": lambda r: (
        f"INV-{r.randint(2024, 2025)}-{r.randint(1000, 9999)}: {r.randint(3, 40)} seats x "
        f"{r.randint(10, 99)}.00 EUR, net {r.randint(30, 90)} days"
    ),
}


# --- assembly --------------------------------------------------------------------------------


# Drawn more often once every literal family has one case: chat in other languages and keys.
_LITERAL_FAVOURED = ("message-other-language", "shared-account-message", "private-key-pem")


def _literal(rng: random.Random, count: int) -> list[Case]:
    families = sorted(LITERAL)
    cases, seen = [], set()
    while len(cases) < count:
        if len(cases) < len(families):
            family = families[len(cases)]
        elif rng.random() < 0.3:
            family = rng.choice(_LITERAL_FAVOURED)
        else:
            family = rng.choice(families)
        text, spans = _join(LITERAL[family](rng))
        if text not in seen:
            seen.add(text)
            cases.append(Case(family, "literal", text, spans))
    return cases


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _card_shaped(text: str) -> bool:
    """Whether a run of 13 to 19 digits (spaces or dashes between) passes Luhn."""
    runs = re.findall(r"\d(?:[ -]?\d){12,18}", text)
    return any(_luhn_valid(re.sub(r"\D", "", run)) for run in runs)


def _harmless(rng: random.Random, makers: dict[str, Text], count: int, kind: str) -> list[Case]:
    families = sorted(makers)
    cases = []
    for index in range(count):
        family = families[index] if index < len(families) else rng.choice(families)
        text = makers[family](rng)
        while _card_shaped(text):  # a hex id can hold a Luhn-valid digit run by chance
            text = makers[family](rng)
        cases.append(Case(family, kind, text, harmless=True))
    return cases


def round18_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """All cases of round 18, deterministic per ``seed``."""
    rng = random.Random(seed)
    return [
        *_literal(rng, SIZES["literal"]),
        *_generated(rng, SIZES["generated"]),
        *_harmless(rng, NEGATIVE, SIZES["negative"], "negative"),
        *_pii(rng, SIZES["pii"]),
        *_harmless(rng, PII_NEGATIVE, SIZES["pii_negative"], "pii_negative"),
    ]
