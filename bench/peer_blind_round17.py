"""Blind round 17: held-out secret and PII cases written by "blind17" without the detector in
view, frozen before the detector ran on them.

Families, formats and tricky negatives were drawn from public suites: detect-secrets' plugin
tests, Nosey Parker and Kingfisher rule examples (positive and negative), gitleaks' rule
definitions, trufflehog's detector tests, secretlint's rule tests and Presidio's analyzer
recognizer tests. Nothing is copied: every key-shaped value is generated at run time from its
documented shape (prefix, alphabet, length, checksum), and every case sits in a context people
paste into a chat: tickets, onboarding e-mails, framework configs, CLI snippets, logs.

``round17_cases(seed)`` is deterministic: one ``random.Random(seed)`` feeds every builder.
"""

# ruff: noqa: E501, RUF001 (case tables keep one case per line; full-width text is intended)

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

TextBuilder = Callable[[random.Random], str]
_GH62 = DIGITS + UPPER + LOWER


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _password(rng: random.Random) -> str:
    """A password as people choose them: a word, symbols, digits; never ending in punctuation."""
    word = _pick(rng, "Spring", "Kestrel", "Lagoon", "Copper", "Nimbus", "Saffron", "Granite")
    middle = _pick(rng, "!", "#", "$", "%", "*", "-", "_", ".", "?")
    return f"{word}{middle}{rng.randint(100, 99999)}{_chars(rng, ALNUM, rng.randint(2, 5))}"


def _random_secret(rng: random.Random) -> str:
    return _chars(rng, ALNUM, rng.randint(24, 40))


def _github(prefix: str) -> Token:
    """A classic GitHub token: 30 random characters and a base62 CRC32 tail of six."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = _GH62[digit] + tail
        return f"{prefix}_{body}{tail}"

    return build


def _pem(rng: random.Random) -> str:
    label = _pick(rng, "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY")
    lines = [_chars(rng, B64, 64) for _ in range(rng.randint(4, 9))]
    lines.append(_chars(rng, B64, rng.randint(8, 60)) + "=")
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"])


def _jwt(rng: random.Random) -> str:
    header = _b64url(b'{"alg":"HS256","typ":"JWT"}')
    claims = f'{{"sub":"{rng.randint(1000, 99999)}","scope":"admin","exp":{rng.randint(1, 9)}}}'
    return f"{header}.{_b64url(claims.encode())}.{_b64url(rng.randbytes(32))}"


# --- literal credentials in the places people paste them ------------------------------------

_HOSTS = ("db-prod-02.internal", "pg.staging.svc", "mysql-reports.lan", "10.0.12.7", "cache-01")
_USERS = ("svc_app", "admin", "deploy", "root", "etl_user", "ops-team", "reporting")


def _fill(rng: random.Random, template: str, value: str) -> Segments:
    text = template
    for marker, options in (("<HOST>", _HOSTS), ("<USER>", _USERS)):
        text = text.replace(marker, rng.choice(options))
    text = text.replace("<N>", str(rng.randint(2, 998)))
    before, after = text.split("@@")
    return [(before, None), (value, SECRET), (after, None)]


def _basic(rng: random.Random) -> str:
    return _b64(f"{rng.choice(_USERS)}:{_password(rng)}".encode())


def _django_key(rng: random.Random) -> str:
    return _chars(rng, LOWER + DIGITS + "!@#$%^&*(-_=+)", 49) + _chars(rng, ALNUM, 1)


def _laravel_key(rng: random.Random) -> str:
    return "base64:" + _b64(rng.randbytes(32))


def _aws_secret(rng: random.Random) -> str:
    return _chars(rng, B64, 39) + _chars(rng, ALNUM, 1)


LITERALS: tuple[tuple[str, TextBuilder, tuple[str, ...]], ...] = (
    ("dotenv-password", _password, (
        "here's my .env, why won't it connect?\n\nDB_HOST=<HOST>\nDB_USER=<USER>\nDB_PASSWORD=@@\nDB_PORT=5432\n",
        "APP_ENV=production\nMAIL_PASSWORD=@@\nMAIL_PORT=587\n",
        "Voici mon fichier .env :\nDATABASE_PASS=@@\nDATABASE_NAME=facturation\n",
    )),
    ("spring-yaml", _password, (
        "spring:\n  datasource:\n    url: jdbc:postgresql://<HOST>:5432/orders\n    username: <USER>\n    password: @@\n",
        "application.properties:\nspring.mail.username=<USER>\nspring.mail.password=@@\nspring.mail.port=587\n",
        "spring.datasource.password=@@\n# Warum bekomme ich trotzdem einen Auth-Fehler?\n",
    )),
    ("django-secret-key", _django_key, (
        "settings.py\n\nDEBUG = False\nSECRET_KEY = '@@'\nALLOWED_HOSTS = ['*']\n",
        "# prod settings\nSECRET_KEY = \"@@\"\n",
    )),
    ("django-email-password", _password, (
        "EMAIL_HOST_USER = '<USER>'\nEMAIL_HOST_PASSWORD = '@@'\nEMAIL_USE_TLS = True\n",
    )),
    ("rails-secret-key-base", lambda r: _chars(r, HEX, 128), (
        "config/secrets.yml\nproduction:\n  secret_key_base: @@\n",
        "heroku config:set SECRET_KEY_BASE=@@ -a my-shop\n",
    )),
    ("laravel-app-key", _laravel_key, (
        "APP_NAME=Laravel\nAPP_ENV=production\nAPP_KEY=@@\nAPP_DEBUG=false\n",
    )),
    ("laravel-db-password", _password, (
        "DB_CONNECTION=mysql\nDB_HOST=<HOST>\nDB_USERNAME=<USER>\nDB_PASSWORD=@@\n",
    )),
    ("dotnet-connection-string", _password, (
        '"ConnectionStrings": {\n  "Default": "Server=<HOST>;Database=Billing;User Id=<USER>;Password=@@;TrustServerCertificate=True"\n}',
        "Data Source=<HOST>;Initial Catalog=Crm;User ID=<USER>;Pwd=@@;",
    )),
    ("node-config", _password, (
        "module.exports = {\n  host: '<HOST>',\n  user: '<USER>',\n  password: '@@',\n};\n",
        "const pool = new Pool({ user: '<USER>', host: '<HOST>', password: '@@', port: 5432 });",
    )),
    ("xml-password", _password, (
        "<datasource>\n  <user-name><USER></user-name>\n  <password>@@</password>\n</datasource>",
        '<add key="SmtpPassword" value="@@" />',
        "<server>\n  <id>nexus</id>\n  <username><USER></username>\n  <password>@@</password>\n</server>",
    )),
    ("toml-token", _random_secret, (
        '[tool.poetry.http-basic.internal]\nusername = "<USER>"\npassword = "@@"\n',
        '[api]\nbase_url = "https://api.internal"\napi_key = "@@"\n',
    )),
    ("shell-mysql", _password, (
        "$ mysql -h <HOST> -u <USER> -p'@@' orders\nERROR 1045 (28000): Access denied",
        "history | tail -3\n  <N>  mysqldump -u <USER> --password=@@ shop > dump.sql\n",
    )),
    ("curl-basic-user", _password, (
        "curl -u <USER>:@@ https://jenkins.internal/api/json",
        "curl --user '<USER>:@@' -X POST https://registry.internal/v2/_catalog",
    )),
    ("basic-header", _basic, (
        "curl -H 'Authorization: Basic @@' https://api.internal/v1/health",
        "GET /export HTTP/1.1\nHost: reports.internal\nAuthorization: Basic @@\n",
    )),
    ("bearer-header", _random_secret, (
        'curl -s -H "Authorization: Bearer @@" https://api.internal/v2/users',
        "requests.get(url, headers={'Authorization': 'Bearer @@'})",
    )),
    ("token-header", lambda r: _chars(r, HEX, 40), (
        "curl -H 'Authorization: Token @@' https://app.internal/api/projects/",
        "http GET :8000/api/orders 'Authorization:Token @@'",
    )),
    ("api-key-header", _random_secret, (
        "curl -H 'X-API-Key: @@' https://partner.internal/v1/quotes",
        'fetch(url, { headers: { "x-api-key": "@@" } })',
    )),
    ("url-credentials", _password, (
        "DATABASE_URL=postgres://<USER>:@@@<HOST>:5432/app",
        "mongodb+srv://<USER>:@@@cluster0.mongodb.net/test?retryWrites=true",
        "redis://:@@@<HOST>:6379/0",
        "amqp://<USER>:@@@rabbit.internal:5672/vhost",
        "ftp://<USER>:@@@files.internal/incoming/",
    )),
    ("stack-trace-url", _password, (
        'Traceback (most recent call last):\n  File "app.py", line 12, in <module>\n    engine = create_engine("mysql+pymysql://<USER>:@@@<HOST>/shop")\nOperationalError: (2003) timed out',
        "Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed\n  url=jdbc:postgresql://<HOST>/orders?user=<USER>&password=@@\n",
    )),
    ("private-key", _pem, (
        "this is the deploy key the server rejects:\n\n@@\n\nany idea?",
        "id_rsa contents below\n@@\n",
        "cat ~/.ssh/id_ed25519\n@@\n",
    )),
    ("jwt", _jwt, (
        "decode this for me please: @@",
        "Authorization: Bearer @@\n401 Unauthorized - token expired?",
        "localStorage.setItem('access_token', '@@');",
    )),
    ("aws-secret-access-key", _aws_secret, (
        "[default]\naws_access_key_id = <USER>\naws_secret_access_key = @@\nregion = us-east-1\n",
        "export AWS_SECRET_ACCESS_KEY=@@\naws s3 ls",
        "s3 = boto3.client('s3', aws_secret_access_key='@@')",
    )),
    ("azure-storage-key", lambda r: _b64(r.randbytes(64)), (
        "DefaultEndpointsProtocol=https;AccountName=stcontoso;AccountKey=@@;EndpointSuffix=core.windows.net",
        "az storage blob list --account-name stlogs --account-key @@ -c raw",
    )),
    ("it-ticket-temp-password", _password, (
        "Ticket INC-<N>: account unlocked. Temporary password: @@ (change at first login)",
        "Hi, I reset your VPN account. Your new password is @@ and it expires in 24h.",
        "Ticket <N> - Kennwort zurückgesetzt. Neues Initialkennwort: @@\nBitte sofort ändern.",
    )),
    ("onboarding-email", _password, (
        "Welcome aboard! Your laptop login is your badge id and the initial password is @@\nSee you Monday.",
        "Bienvenue ! Votre mot de passe provisoire est @@ — merci de le changer dès la première connexion.",
        "¡Bienvenido! Tu contraseña inicial es @@ y debes cambiarla al entrar.",
        "Olá! Sua senha provisória é @@ para o portal interno.",
        "ようこそ。初期パスワードは @@ です。ログイン後に変更してください。",
    )),
    ("wifi-password", _password, (
        "wifi for the offsite: network Guest-5G, password @@",
        "WLAN im Büro: Netzwerk Besucher, Passwort @@",
        "El wifi de la sala: red Invitados, clave @@",
    )),
    ("shared-account", _password, (
        "shared login for the vendor portal is <USER> / @@ - don't change it please",
        "creds for the staging admin: user <USER> pass @@",
        "账号 <USER> 密码 @@ 用完请告诉我",
    )),
    ("docker-env", _password, (
        "docker run -d -e POSTGRES_PASSWORD=@@ -p 5432:5432 postgres:16",
        "docker run -e MYSQL_ROOT_PASSWORD=@@ -d mysql:8.0",
    )),
    ("kubectl-literal", _password, (
        "kubectl create secret generic db-creds --from-literal=password=@@ -n prod",
    )),
    ("pgpass", _password, (
        "~/.pgpass:\n<HOST>:5432:orders:<USER>:@@\n",
    )),
    ("git-credentials", _random_secret, (
        "git clone https://<USER>:@@@git.internal/platform/infra.git",
    )),
    ("redis-cli", _password, (
        "redis-cli -h <HOST> -a @@ ping",
    )),
    ("java-set-property", _password, (
        'props.setProperty("password", "@@");\nConnection c = DriverManager.getConnection(url, props);',
        'DataSource ds = builder.username("<USER>").password("@@").build();',
    )),
    ("csharp-credential", _password, (
        'var cred = new NetworkCredential("<USER>", "@@");',
        'client.Credentials = new NetworkCredential("<USER>", "@@", "CORP");',
    )),
    ("php-assignment", _password, (
        "<?php\n$db_user = '<USER>';\n$db_pass = '@@';\n$conn = new mysqli($host, $db_user, $db_pass);",
    )),
    ("ruby-config", _random_secret, (
        'Stripe.api_key = ENV.fetch("STRIPE_KEY")\nMailer.configure { |c| c.api_key = "@@" }',
        'config.client_secret = "@@"',
    )),
    ("go-config", _random_secret, (
        'cfg := &Config{Endpoint: "https://api.internal", APIKey: "@@"}',
    )),
    ("oauth-client-secret", _random_secret, (
        '{\n  "client_id": "web-portal",\n  "client_secret": "@@",\n  "redirect_uri": "https://app.internal/cb"\n}',
        "OAUTH_CLIENT_ID=dashboard\nOAUTH_CLIENT_SECRET=@@\n",
        "clientSecret: @@\nclientId: grafana\n",
    )),
    ("ansible-vars", _password, (
        "all:\n  vars:\n    ansible_user: <USER>\n    ansible_become_pass: @@\n",
    )),
    ("terraform-password", _password, (
        'resource "aws_db_instance" "main" {\n  username = "<USER>"\n  password = "@@"\n}',
    )),
    ("powershell-securestring", _password, (
        '$pw = ConvertTo-SecureString "@@" -AsPlainText -Force',
    )),
    ("sshpass", _password, (
        "sshpass -p '@@' ssh <USER>@<HOST> uptime",
    )),
    ("log-line", _random_secret, (
        "2024-03-02T10:11:12Z WARN auth rejected api_key=@@ path=/v1/export",
        "[INFO] calling upstream with token=@@ status=403",
    )),
    ("json-api-key", _random_secret, (
        '{"service": "geocoder", "api_key": "@@", "timeout": 30}',
        '{\n  "apiKey": "@@",\n  "region": "eu"\n}',
    )),
    ("npmrc-password", lambda r: _b64(_password(r).encode()), (
        "//npm.internal/:username=<USER>\n//npm.internal/:_password=@@\n//npm.internal/:always-auth=true\n",
    )),
    ("smtp-chat-message", _password, (
        "SMTP: smtp.internal port 587, user <USER>, password: @@",
        "Zugangsdaten für den Mailserver: Benutzer <USER>, Passwort: @@",
    )),
)  # fmt: skip


def _literal(rng: random.Random, index: int) -> Case:
    family, value, templates = LITERALS[index % len(LITERALS)]
    text, spans = _join(_fill(rng, rng.choice(templates), value(rng)))
    return Case(family, "literal", text, spans)


# --- vendor tokens drawn from rule patterns ---------------------------------------------------

VENDORS: dict[str, tuple[str, Token]] = {
    "aws-access-key-id": ("AWS_ACCESS_KEY_ID", _parts("AKIA", (BASE32, 16))),
    "github-pat-classic": ("GITHUB_TOKEN", _github("ghp")),
    "github-oauth": ("GH_OAUTH_TOKEN", _github("gho")),
    "github-app-server": ("GH_APP_TOKEN", _github("ghs")),
    "github-fine-grained": ("GH_PAT", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    "gitlab-pat": ("GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    "gitlab-runner": ("RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20)),
    "slack-bot": ("SLACK_BOT_TOKEN", _parts("xoxb-", (DIGITS, 12), "-", (DIGITS, 13), "-", (ALNUM, 24))),
    "slack-user": ("SLACK_USER_TOKEN", _parts("xoxp-", (DIGITS, 12), "-", (DIGITS, 12), "-", (DIGITS, 13), "-", (HEX, 32))),
    "openai-project": ("OPENAI_API_KEY", _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74))),
    "openai-service-account": ("OPENAI_KEY", _parts("sk-svcacct-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74))),
    "anthropic": ("ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    "google-api-key": ("GOOGLE_MAPS_KEY", _tok("AIza", URLSAFE, 35)),
    "gcp-oauth-secret": ("GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28)),
    "stripe-secret": ("STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 99)),
    "stripe-restricted": ("STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 99)),
    "huggingface": ("HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    "sendgrid": ("SENDGRID_API_KEY", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43))),
    "npm": ("NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    "pypi": ("TWINE_PASSWORD", _tok("pypi-AgEIcHlwaS5vcmc", URLSAFE, 80)),
    "twilio-api-key": ("TWILIO_API_KEY", _tok("SK", HEX, 32)),
    "mailgun": ("MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    "mailchimp": ("MAILCHIMP_KEY", _parts((HEX, 32), "-us", (DIGITS, 2))),
    "shopify-access": ("SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    "shopify-shared-secret": ("SHOPIFY_SHARED_SECRET", _tok("shpss_", HEX, 32)),
    "digitalocean-pat": ("DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    "digitalocean-oauth": ("DO_OAUTH_TOKEN", _tok("doo_v1_", HEX, 64)),
    "linear": ("LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    "notion": ("NOTION_TOKEN", _tok("ntn_", ALNUM, 46)),
    "telegram-bot": ("TELEGRAM_BOT_TOKEN", _parts((DIGITS, 10), ":AA", (URLSAFE, 33))),
    "databricks": ("DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    "doppler": ("DOPPLER_TOKEN", _tok("dp.pt.", ALNUM, 43)),
    "pulumi": ("PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    "terraform-cloud": ("TFE_TOKEN", _parts((ALNUM, 14), ".atlasv1.", (URLSAFE, 67))),
    "hashicorp-vault": ("VAULT_TOKEN", _tok("hvs.", URLSAFE, 90)),
    "grafana-service-account": ("GRAFANA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    "new-relic-user": ("NEW_RELIC_API_KEY", _tok("NRAK-", UPPER + DIGITS, 27)),
    "sentry-user": ("SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    "postman": ("POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    "rubygems": ("GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    "nuget": ("NUGET_API_KEY", _tok("oy2", LOWER + DIGITS, 43)),
    "docker-hub": ("DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 27)),
    "age-secret-key": ("SOPS_AGE_KEY", _tok("AGE-SECRET-KEY-1", UPPER.replace("B", "").replace("I", "").replace("O", "") + "023456789", 58)),
    "flyio": ("FLY_API_TOKEN", _tok("fo1_", URLSAFE, 43)),
    "planetscale": ("PLANETSCALE_TOKEN", _tok("pscale_tkn_", URLSAFE, 43)),
    "supabase": ("SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    "airtable-pat": ("AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    "alibaba-access-key": ("ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    "azure-ad-client-secret": ("AZURE_CLIENT_SECRET", _parts((ALNUM, 3), "8Q~", (URLSAFE, 31), (ALNUM, 3))),
    "contentful": ("CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43)),
    "easypost": ("EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    "flutterwave": ("FLW_SECRET_KEY", _parts("FLWSECK-", (HEX, 32), "-X")),
    "replicate": ("REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    "groq": ("GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    "perplexity": ("PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    "xai": ("XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    "openrouter": ("OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    "langsmith": ("LANGSMITH_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    "jfrog": ("ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    "sonarqube": ("SONAR_TOKEN", _tok("squ_", HEX, 40)),
    "circleci": ("CIRCLE_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    "buildkite": ("BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    "square": ("SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60)),
    "braintree": ("BRAINTREE_TOKEN", _parts("access_token$production$", (LOWER + DIGITS, 16), "$", (HEX, 32))),
    "razorpay": ("RAZORPAY_KEY_ID", _tok("rzp_live_", ALNUM, 14)),
    "shippo": ("SHIPPO_API_TOKEN", _tok("shippo_live_", HEX, 40)),
    "hubspot": ("HUBSPOT_ACCESS_TOKEN", lambda r: f"pat-na1-{_uuid(r)}"),
    "typeform": ("TYPEFORM_TOKEN", _tok("tfp_", URLSAFE, 44)),
    "mailersend": ("MAILERSEND_API_KEY", _tok("mlsn.", HEX, 64)),
    "dynatrace": ("DT_API_TOKEN", _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64))),
    "new-relic-insert": ("NEW_RELIC_INSERT_KEY", _tok("NRII-", URLSAFE, 32)),
    "figma": ("FIGMA_TOKEN", _tok("figd_", URLSAFE, 40)),
    "bitbucket-app-password": ("BITBUCKET_APP_PASSWORD", _tok("ATBB", ALNUM, 32)),
    "sourcegraph": ("SRC_ACCESS_TOKEN", _tok("sgp_", HEX, 40)),
    "tailscale": ("TS_AUTHKEY", _parts("tskey-auth-k", (ALNUM, 10), "CNTRL-", (ALNUM, 33))),
    "prefect": ("PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    "readme": ("README_API_KEY", _tok("rdme_", LOWER + DIGITS, 70)),
    "netlify": ("NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    "render": ("RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    "infracost": ("INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    "octopus-deploy": ("OCTOPUS_API_KEY", _tok("API-", UPPER + DIGITS, 26)),
    "frameio": ("FRAMEIO_TOKEN", _tok("fio-u-", URLSAFE, 64)),
    "adafruit": ("ADAFRUIT_IO_KEY", _tok("aio_", ALNUM, 28)),
    "clojars": ("CLOJARS_TOKEN", _tok("CLOJARS_", LOWER + DIGITS, 60)),
    "cloudflare-origin-ca": ("CF_ORIGIN_CA_KEY", _parts("v1.0-", (HEX, 24), "-", (HEX, 146))),
    "scalingo": ("SCALINGO_API_TOKEN", _tok("tk-us-", URLSAFE, 48)),
    "firebase-fcm": ("FCM_SERVER_KEY", _parts("AAAA", (URLSAFE, 7), ":APA91b", (URLSAFE, 134))),
    "discord-bot": ("DISCORD_TOKEN", _parts("MT", (ALNUM, 24), ".", (URLSAFE, 6), ".", (URLSAFE, 38))),
    "heroku": ("HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 58)),
    "pinecone": ("PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 6), "_", (ALNUM, 63))),
    "resend": ("RESEND_API_KEY", _parts("re_", (ALNUM, 8), "_", (ALNUM, 24))),
}  # fmt: skip

_GEN_CONTEXTS = (
    "export <NAME>=@@\n",
    "<NAME>=@@\n",
    '<NAME>="@@"\n',
    "env:\n  - name: <NAME>\n    value: @@\n",
    '{\n  "<lower>": "@@"\n}',
    "docker run --rm -e <NAME>=@@ ghcr.io/acme/worker:latest",
    'curl -H "Authorization: Bearer @@" https://api.example.org/v1/me',
    'os.environ["<NAME>"] = "@@"',
    "const <lower> = '@@';",
    '[default]\n<lower> = "@@"\n',
    "can someone check why this key returns 401? @@",
    "rotated the <lower>, new one is @@ (old one revoked)",
    '$env:<NAME> = "@@"',
    "<lower>: @@\n",
    "setx <NAME> @@",
    "Nouvelle clé pour la prod : @@ — merci de mettre à jour le coffre.",
    "Hier ist der neue Schlüssel: @@ bitte nicht weitergeben.",
    "Aquí está el token nuevo: @@ caduca en 30 días.",
    "新しいトークンです: @@ 共有しないでください。",
    "<NAME> = '@@'  # TODO move to vault",
)


def _generated(rng: random.Random, index: int) -> Case:
    families = sorted(VENDORS)
    family = families[index % len(families)]
    name, token = VENDORS[family]
    template = rng.choice(_GEN_CONTEXTS).replace("<NAME>", name)
    template = template.replace("<lower>", name.lower())
    before, after = template.split("@@")
    text, spans = _join([(before, None), (token(rng), SECRET), (after, None)])
    return Case(family, "generated", text, spans)


# --- harmless look-alikes ---------------------------------------------------------------------

_WORDS = ("orders", "billing", "search", "ledger", "catalog", "reports", "checkout", "ingest")


def _hex(rng: random.Random, n: int) -> str:
    return _chars(rng, HEX, n)


NEGATIVES: tuple[tuple[str, TextBuilder], ...] = (
    ("placeholder-angle", lambda r: f"Set OPENAI_API_KEY=<your-api-key> in .env, then run make {r.choice(_WORDS)}"),
    ("placeholder-x", lambda r: f"api_key: {'x' * r.randint(8, 40)}\nendpoint: https://api.internal/{r.choice(_WORDS)}"),
    ("placeholder-env-ref", lambda r: f"DB_PASSWORD=${{DB_PASSWORD}}\nDB_NAME={r.choice(_WORDS)}"),
    ("os-environ", lambda r: f'password = os.environ["{r.choice(_WORDS).upper()}_DB_PASSWORD"]'),
    ("process-env", lambda r: f"const key = process.env.{r.choice(_WORDS).upper()}_API_KEY ?? '';"),
    ("actions-secret", lambda r: f"      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{{{ secrets.NPM_TOKEN }}}}  # job {r.randint(1, 99)}"),
    ("helm-template", lambda r: f"password: {{{{ .Values.{r.choice(_WORDS)}.password | b64enc }}}}"),
    ("k8s-secret-ref", lambda r: f"env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: {r.choice(_WORDS)}-db\n        key: password"),
    ("terraform-var", lambda r: f'password = var.{r.choice(_WORDS)}_db_password'),
    ("empty-assignment", lambda r: r.choice(("PASSWORD=\nTOKEN=\n", 'api_key: ""\n', "client_secret = ''", "SECRET_KEY=\n# fill in locally"))),
    ("redacted", lambda r: r.choice(("password=********", "token: [REDACTED]", "Authorization: Bearer <redacted>", "api_key=***")) + f"  (req {r.randint(10, 999)})"),
    ("docs-example-aws", lambda r: "aws configure  # e.g. AKIA" + "IOSFODNN7" + "EXAMPLE as in the docs, region " + r.choice(("us-west-2", "eu-west-1"))),
    ("prose-about-secrets", lambda r: r.choice((
        "Rotate the API key every 90 days and keep it in the vault, never in the repo.",
        "What's the difference between a client secret and an access token in OAuth?",
        "Our password policy needs 14 characters and no reuse of the last 5.",
        "Le mot de passe doit contenir au moins 12 caractères et un chiffre.",
        "Die Token-Rotation läuft jede Nacht automatisch; bitte keine Schlüssel im Chat posten.",
        "La clave de API se guarda en el gestor de secretos, no en el código.",
    )) + f" #{r.randint(1, 500)}"),
    ("variable-names", lambda r: f"def reset_password(user_id: int, new_password: str) -> None:\n    validate(new_password)  # v{r.randint(1, 9)}"),
    ("function-signature", lambda r: f"async function refreshToken(token, {r.choice(_WORDS)}) {{ return api.refresh(token); }}"),
    ("commit-sha", lambda r: f"git cherry-pick {_hex(r, 40)}\ngit revert --no-edit {_hex(r, 7)}"),
    ("git-log", lambda r: f"commit {_hex(r, 40)}\nMerge: {_hex(r, 7)} {_hex(r, 7)}\n\n    fix {r.choice(_WORDS)} pagination"),
    ("sha256sum", lambda r: f"{_hex(r, 64)}  {r.choice(_WORDS)}-1.4.{r.randint(0, 9)}.tar.gz"),
    ("docker-digest", lambda r: f"image: ghcr.io/acme/{r.choice(_WORDS)}@sha256:{_hex(r, 64)}"),
    ("npm-integrity", lambda r: f'"integrity": "sha512-{_b64(r.randbytes(64))}"'),
    ("uuid-resource", lambda r: f"az group show --subscription {_uuid(r)} -n rg-{r.choice(_WORDS)}"),
    ("request-id", lambda r: f"HTTP 502 from upstream, x-request-id: {_uuid(r)}, trace {_hex(r, 32)}"),
    ("build-id", lambda r: f"Build #{r.randint(1000, 9999)} ({_hex(r, 12)}) failed at stage test-{r.choice(_WORDS)}"),
    ("etag", lambda r: f'ETag: "{_hex(r, 32)}"\nCache-Control: max-age={r.randint(60, 3600)}'),
    ("content-hash-file", lambda r: f"<script src=\"/static/js/main.{_hex(r, 8)}.chunk.js\"></script>"),
    ("base64-ordinary", lambda r: f"payload is {_b64(json.dumps({'page': r.randint(1, 50), 'sort': r.choice(_WORDS)}).encode())}, decode it?"),
    ("base64-text", lambda r: f"echo {_b64(('hello from the ' + r.choice(_WORDS) + ' team').encode())} | base64 -d"),
    ("versions", lambda r: f"bumped requests {r.randint(2, 3)}.{r.randint(0, 32)}.{r.randint(0, 9)} -> urllib3 2.{r.randint(0, 9)}.1, python 3.{r.randint(9, 13)}"),
    ("ports", lambda r: f"ports:\n  - \"{r.randint(3000, 9000)}:80\"\n  - \"5432:5432\""),
    ("dates", lambda r: f"release window 2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T09:00:00Z to 11:00 UTC"),
    ("maven-coordinates", lambda r: f"<dependency>org.apache.commons:commons-lang3:3.{r.randint(10, 17)}.0</dependency>"),
    ("file-paths", lambda r: f"tail -f /var/log/{r.choice(_WORDS)}/app.log /etc/ssl/certs/ca-certificates.crt"),
    ("windows-path", lambda r: f"C:\\Program Files\\Acme\\{r.choice(_WORDS).title()}\\config\\settings.json not found"),
    ("css", lambda r: f".btn-primary {{ color: #{_hex(r, 6)}; border: 1px solid #{_hex(r, 3)}; }}"),
    ("html", lambda r: f'<input type="password" name="password" placeholder="Password" autocomplete="current-password" id="pw{r.randint(1, 9)}">'),
    ("minified-js", lambda r: f"!function(e,t){{var n=e.{r.choice(_WORDS)}||{{}};n.token=t.token||null}}(window,{{}});"),
    ("sql-schema", lambda r: f"CREATE TABLE users_{r.randint(1, 9)} (id serial, password_hash text NOT NULL, api_token_id uuid);"),
    ("hash-function-doc", lambda r: f"md5('{r.choice(_WORDS)}') = {_hex(r, 32)}  -- just an example checksum"),
    ("docs-jwt-mention", lambda r: f"The JWT has three parts: header.payload.signature; check `exp` (expires in {r.randint(5, 60)} minutes)."),
    ("semantic-token-names", lambda r: f"TOKEN_TTL_SECONDS={r.randint(60, 86400)}\nPASSWORD_MIN_LENGTH={r.randint(8, 16)}\nSECRET_ROTATION_DAYS=90"),
    ("lockfile", lambda r: f'"resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.{r.randint(10, 21)}.tgz"'),
    ("vault-path", lambda r: f"vault kv get secret/{r.choice(_WORDS)}/prod  # read it yourself, don't paste it"),
    ("ticket-without-secret", lambda r: f"Ticket INC-{r.randint(1000, 9999)}: password reset link sent, user will set a new one."),
    ("chinese-prose", lambda r: f"请不要在聊天里发送密码或密钥，第{r.randint(1, 9)}条规定。"),
    ("japanese-prose", lambda r: f"APIキーは環境変数から読み込んでください（手順{r.randint(1, 9)}）。"),
    ("git-config", lambda r: f"[credential]\n\thelper = osxkeychain\n[core]\n\tautocrlf = input  # {r.choice(_WORDS)}"),
    ("random-seed", lambda r: f"torch.manual_seed({r.randint(1, 9999)}); np.random.seed(42)"),
    ("guid-dotnet", lambda r: f'[Guid("{_uuid(r).upper()}")]\npublic interface I{r.choice(_WORDS).title()}Service {{}}'),
    ("sri-hash", lambda r: f'<link rel="stylesheet" integrity="sha384-{_b64(r.randbytes(48))}" crossorigin="anonymous">'),
    ("password-hint-form", lambda r: f"Passwort vergessen? Klicken Sie auf 'Zurücksetzen' (Schritt {r.randint(1, 5)})."),
)  # fmt: skip


def _negative(rng: random.Random, index: int) -> Case:
    family, build = NEGATIVES[index % len(NEGATIVES)]
    return Case(family, "negative", build(rng), harmless=True)


# --- PII, one value per text ------------------------------------------------------------------

_FIRST = ("Maren", "Tobias", "Aiyana", "Rafael", "Ingrid", "Desmond", "Priya", "Lukas", "Noemi")
_LAST = ("Okafor", "Lindqvist", "Brannigan", "Castellanos", "Whitfield", "Nakamura", "Duarte")
_DOMAINS = ("northwind-logistics.com", "brightpath.io", "fabrikam-labs.net", "contoso-health.org")
_REGIONS = ("US", "GB", "DE", "FR", "ES", "IT", "NL", "AU", "IN", "JP", "BR", "CA")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _email(rng: random.Random) -> str:
    local = _pick(rng, f"{rng.choice(_FIRST).lower()}.{rng.choice(_LAST).lower()}", "billing")
    return f"{local}{rng.randint(1, 99)}@{rng.choice(_DOMAINS)}"


def _phone(rng: random.Random) -> str:
    """A number valid per libphonenumber: a region's example with its tail redrawn."""
    while True:
        region = rng.choice(_REGIONS)
        example = phonenumbers.example_number(region)
        national = str(example.national_number)
        national = national[:-4] + _chars(rng, DIGITS, 4)
        number = phonenumbers.parse(national, region)
        if phonenumbers.is_valid_number(number):
            style = phonenumbers.PhoneNumberFormat.INTERNATIONAL
            if region == "US" and rng.random() < 0.5:
                style = phonenumbers.PhoneNumberFormat.NATIONAL
            return phonenumbers.format_number(number, style)


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return f"2a02:{_hex(rng, 4)}:{_hex(rng, 3)}::{_hex(rng, 2)}"
    return f"{rng.choice((23, 51, 84, 104, 176, 198))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


PII: dict[str, tuple[str, TextBuilder, tuple[str, ...]]] = {
    "person": ("PERSON", _person, (
        "Can you draft a polite reply to @@ about the delayed invoice?",
        "My name is @@ and I need help with a refund.",
        "Summarise the feedback @@ left on the onboarding doc.",
        "Bitte schreib eine kurze Dankesnachricht an @@ für die Hilfe beim Umzug der Datenbank.",
        "Peux-tu résumer le rapport rédigé par @@ ?",
    )),
    "email": ("EMAIL_ADDRESS", _email, (
        "please send the signed contract to @@ by Friday",
        "the bounce said: 550 mailbox unavailable for @@",
        "Reply-To: @@\nSubject: renewal quote",
        "Envía la factura a @@ por favor.",
    )),
    "phone": ("PHONE_NUMBER", _phone, (
        "call me back on @@ after 3pm",
        "the courier's hotline is @@ if the parcel doesn't arrive",
        "Rückrufnummer: @@ (nur vormittags)",
        "my number changed, it's now @@",
    )),
    "credit_card": ("CREDIT_CARD", credit_card, (
        "the charge on card @@ failed twice, can you explain the decline code?",
        "card number @@ exp 09/27 - is this format right for the form?",
        "Le paiement avec la carte @@ a été refusé.",
    )),
    "us_ssn": ("US_SSN", us_ssn, (
        "the W-2 shows SSN @@ - is that field required on the form?",
        "my social security number is @@, do I need it for the background check?",
        "SSN: @@\nfiling status: single",
    )),
    "iban": ("IBAN_CODE", iban, (
        "please wire the deposit to IBAN @@ before the 15th",
        "Überweisung bitte auf @@ mit Verwendungszweck Rechnung 42.",
        "IBAN du compte : @@",
    )),
    "ip_address": ("IP_ADDRESS", _ip, (
        "the login attempts all came from @@ - block it?",
        "nginx access log shows @@ hammering /wp-login.php",
        "mi servidor tiene la IP @@ y no responde al ping",
    )),
}  # fmt: skip


def _pii(rng: random.Random, index: int) -> Case:
    family = sorted(PII)[index % len(PII)]
    label, value, templates = PII[family]
    before, after = rng.choice(templates).split("@@")
    text, spans = _join([(before, None), (value(rng), label), (after, None)])
    return Case(family, "pii", text, spans)


# --- PII look-alikes: legal, finance, product texts with no PII ---------------------------------

_FEATURES = ("Smart Reorder", "Usage Insights", "Revenue Recognition", "Bulk Export", "Audit Trail")
_TEAMS = ("Platform Reliability", "Growth Analytics", "Treasury Operations", "Legal Ops")


def _no_phone(text: str) -> bool:
    return not any(
        any(True for _ in phonenumbers.PhoneNumberMatcher(text, region)) for region in ("US", "GB")
    )


LOOKALIKES: tuple[tuple[str, TextBuilder], ...] = (
    ("order-number", lambda r: f"Order SO-{r.randint(1000, 9999)}-{_chars(r, UPPER, 3)} shipped; invoice INV/{r.randint(2023, 2025)}/{r.randint(100, 999)} pending."),
    ("version-string", lambda r: f"Release {r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 9)}-rc.{r.randint(1, 5)} ships the {r.choice(_FEATURES)} flag."),
    ("timestamp", lambda r: f"Last sync 2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} {r.randint(0, 23):02d}:{r.randint(0, 59):02d} UTC, lag {r.randint(1, 90)}s."),
    ("tracking-id", lambda r: f"Tracking ref TRK-{_chars(r, UPPER, 4)}-{r.randint(100, 999)} is still in transit."),
    ("title-case-features", lambda r: f"Roadmap Q{r.randint(1, 4)}: {r.choice(_FEATURES)}, {r.choice(_FEATURES)} and Dark Mode for the Admin Console."),
    ("team-names", lambda r: f"{r.choice(_TEAMS)} owns the On-Call Rotation; the Staff Engineer approves changes over {r.randint(2, 9)} points."),
    ("job-titles", lambda r: f"Open roles: Senior Product Manager, Principal Engineer, Head of Compliance ({r.randint(2, 6)} openings)."),
    ("legal-clause", lambda r: f"Clause {r.randint(2, 19)}.{r.randint(1, 9)} (Limitation of Liability): aggregate liability shall not exceed the Fees paid in the prior twelve months."),
    ("policy-names", lambda r: f"See the Acceptable Use Policy v{r.randint(2, 6)} and the Data Retention Standard before the Quarterly Business Review."),
    ("finance-metrics", lambda r: f"ARR grew {r.randint(5, 40)}% QoQ; Net Revenue Retention {r.randint(100, 130)}%, Gross Margin {r.randint(60, 80)}.{r.randint(0, 9)}%."),
    ("numbers-table", lambda r: "| Metric | Q1 | Q2 |\n|---|---|---|\n" + f"| Churn | {r.randint(1, 9)}.{r.randint(0, 9)}% | {r.randint(1, 9)}.{r.randint(0, 9)}% |\n| NPS | {r.randint(20, 70)} | {r.randint(20, 70)} |"),
    ("css-colours", lambda r: f":root {{ --brand: #{_hex(r, 6)}; --accent: #{_hex(r, 6)}; --radius: {r.randint(2, 12)}px; }}"),
    ("sku-codes", lambda r: f"SKU {_chars(r, UPPER, 3)}-{r.randint(100, 999)}-{_chars(r, UPPER, 2)} is out of stock; reorder level {r.randint(10, 99)} units."),
    ("isbn", lambda r: f"Reading list: ISBN 978-{r.randint(0, 1)}-{r.randint(10, 99)}-{r.randint(100, 999)}-X for the finance book club."),
    ("german-legal", lambda r: f"Gemäß § {r.randint(10, 99)} Abs. {r.randint(1, 4)} der Allgemeinen Geschäftsbedingungen endet der Vertrag zum Quartalsende."),
    ("french-finance", lambda r: f"Le chiffre d'affaires du trimestre a progressé de {r.randint(2, 30)} % ; la marge brute reste stable."),
    ("spanish-product", lambda r: f"La función Exportación Masiva llegará en la versión {r.randint(2, 9)}.{r.randint(0, 9)} según la hoja de ruta."),
    ("code-snippet", lambda r: f"for (let i = 0; i < {r.randint(10, 99)}; i++) {{ totals[i] = round(sum[i] * 1.{r.randint(1, 9)}, 2); }}"),
    ("okr", lambda r: f"KR{r.randint(1, 4)}: reduce Time To First Value from {r.randint(10, 30)} to {r.randint(2, 9)} days for the Starter Plan."),
    ("japanese-product", lambda r: f"次のリリース（v{r.randint(2, 9)}.{r.randint(0, 9)}）で一括エクスポート機能を追加します。"),
)  # fmt: skip


def _lookalike(rng: random.Random, index: int) -> Case:
    family, build = LOOKALIKES[index % len(LOOKALIKES)]
    text = build(rng)
    while not _no_phone(text):
        text = build(rng)
    return Case(family, "pii_negative", text, harmless=True)


def round17_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """The round's cases, in kind order; the same seed gives the same cases."""
    rng = random.Random(seed)
    builders: dict[str, Callable[[random.Random, int], Case]] = {
        "literal": _literal,
        "generated": _generated,
        "negative": _negative,
        "pii": _pii,
        "pii_negative": _lookalike,
    }
    return [builders[kind](rng, index) for kind, size in SIZES.items() for index in range(size)]
