"""Blind peer round 19: secret and PII cases written by "blind19" without the detector in view.

The cases were written and frozen before the detector ran on them even once. Formats and
tricky negatives follow what public suites document: detect-secrets' plugin tests, Nosey
Parker and Kingfisher rule examples (examples and negative examples), secretlint's rule
tests, gitleaks' rule definitions, trufflehog's detector tests, and Presidio's recognizer
tests for the PII side. Nothing is copied from them: every key-shaped value is generated at
run time from its documented shape (prefix, alphabet, length, GitHub's CRC32 tail), so this
file holds no credential literal.

Kinds: ``literal`` (credentials in pasted configs, code, logs and messages in several
languages), ``generated`` (vendor tokens from rule patterns in a chat or code context),
``negative`` (placeholders, references, documentation values, hashes, generated ids, prose),
``pii`` (one value of one Presidio type per text) and ``pii_negative`` (technical and
scientific look-alikes holding no PII). ``round19_cases(seed)`` is deterministic per seed.
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
from bench.quality_corpus import LabelledSpan as Span
from bench.quality_corpus import _chars, credit_card, iban, us_ssn

SIZES = {"literal": 150, "generated": 200, "negative": 200, "pii": 60, "pii_negative": 100}

BASE62 = DIGITS + UPPER + LOWER
USERS = ("deploy", "app_rw", "svc_reports", "ci-bot", "etl", "admin", "backend", "grafana_ro")
HOSTS = ("db.internal", "pg-primary.prod.svc", "mongo-0.data.local", "cache.staging.lan")
DBS = ("orders", "billing", "analytics", "inventory", "app_prod", "metrics")
WORDS = ("Winter", "Falcon", "Tulip", "Harbor", "Quartz", "Mango", "Orbit", "Cedar", "Lumen")


def _fill(rng: random.Random, template: str) -> str:
    """Fill the context slots of a template (user, host, database, port), not the value."""
    slots = {
        "{u}": rng.choice(USERS),
        "{h}": rng.choice(HOSTS),
        "{d}": rng.choice(DBS),
        "{p}": str(rng.choice((5432, 3306, 27017, 6379, 5672, 1433))),
        "{n}": str(rng.randint(2, 9999)),
    }
    for slot, value in slots.items():
        template = template.replace(slot, value)
    return template


def _around(rng: random.Random, template: str, value: str) -> Segments:
    before, after = _fill(rng, template).split("{v}")
    return [(before, None), (value, SECRET), (after, None)]


# --- values -----------------------------------------------------------------------------


def _password(rng: random.Random) -> str:
    word = rng.choice(WORDS)
    return f"{word}{rng.choice('!#%*?')}{rng.randint(10, 9999)}{_chars(rng, ALNUM, 4)}"


def _url_password(rng: random.Random) -> str:
    return _chars(rng, ALNUM, 1) + _chars(rng, ALNUM + "-_.", rng.randint(12, 20)) + "x"


def _pem(rng: random.Random, label: str, size: int, width: int = 64) -> str:
    body = _b64(rng.randbytes(size))
    lines = [body[i : i + width] for i in range(0, len(body), width)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----"


def _private_key(rng: random.Random) -> str:
    label = rng.choice(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"))
    size = {"EC PRIVATE KEY": 121, "OPENSSH PRIVATE KEY": 400}.get(label, 1190)
    return _pem(rng, label, size, 70 if label.startswith("OPENSSH") else 64)


def _jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(("HS256", "RS256")), "typ": "JWT"}
    claims = {"sub": _uuid(rng), "iat": rng.randint(1_600_000_000, 1_750_000_000), "scope": "api"}
    encoded = (_b64url(json.dumps(part).encode()) for part in (header, claims))
    return ".".join((*encoded, _chars(rng, URLSAFE, 42) + "A"))


def _django_secret(rng: random.Random) -> str:
    return _chars(rng, ALNUM, 2) + _chars(rng, LOWER + DIGITS + "!@#%^&*(-_=+)", 46) + "9k"


def _basic(rng: random.Random) -> str:
    return _b64(f"{rng.choice(USERS)}:{_password(rng)}".encode())


def _github(prefix: str) -> Token:
    """A GitHub token: prefix, 30 random characters and the base62 CRC32 of those."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = BASE62[digit] + tail
        return prefix + body + tail

    return build


def _mapbox(rng: random.Random) -> str:
    claims = {"u": rng.choice(("geo-team", "mapsdev", "fleetviz")), "a": _chars(rng, LOWER, 12)}
    return "sk." + _b64url(json.dumps(claims).encode()) + "." + _chars(rng, URLSAFE, 21) + "Q"


def _onepassword(rng: random.Random) -> str:
    claims = {"signInAddress": "my.1password.com", "userAuth": {"method": "SRPg-4096"}}
    claims["secretKey"] = _chars(rng, UPPER + DIGITS, 26)
    return "ops_" + _b64url(json.dumps(claims).encode())


def _alnum_end(token: Token) -> Token:
    return lambda rng: token(rng) + _chars(rng, ALNUM, 1)


# --- literal credentials in pasted context ---------------------------------------------

LITERALS: list[tuple[str, Token, tuple[str, ...]]] = [
    (
        "dotenv-password",
        _password,
        ("DB_PASSWORD={v}\nDB_USER={u}\nDB_HOST={h}\n", "# local\nPOSTGRES_PASSWORD={v}\n"),
    ),
    (
        "yaml-password",
        _password,
        (
            "database:\n  host: {h}\n  user: {u}\n  password: {v}\n",
            "spring:\n  datasource:\n    username: {u}\n    password: '{v}'\n",
        ),
    ),
    (
        "json-client-secret",
        _tok("", ALNUM, 40),
        (
            '{\n  "client_id": "portal-{n}",\n  "client_secret": "{v}"\n}',
            'config = {"auth": {"clientSecret": "{v}", "tenant": "ops"}}',
        ),
    ),
    (
        "curl-user",
        _password,
        (
            "curl -u {u}:{v} https://registry.example.net/v2/_catalog",
            "$ curl -s --user '{u}:{v}' https://jenkins.example.org/api/json\n401?",
        ),
    ),
    (
        "basic-header",
        _basic,
        (
            "GET /api/v1/jobs HTTP/1.1\nHost: ci.example.com\nAuthorization: Basic {v}\n",
            "curl -H 'Authorization: Basic {v}' https://nexus.example.org/service/rest",
        ),
    ),
    (
        "bearer-header",
        _tok("", ALNUM, 48),
        (
            'fetch(url, { headers: { Authorization: "Bearer {v}" } })',
            "> Authorization: Bearer {v}\n< HTTP/2 403",
        ),
    ),
    (
        "token-header",
        _tok("", HEX, 40),
        (
            "requests.get(url, headers={'Authorization': 'Token {v}'})",
            "http GET :8000/api/items 'Authorization: Token {v}'",
        ),
    ),
    (
        "postgres-url",
        _url_password,
        (
            "DATABASE_URL=postgres://{u}:{v}@{h}:{p}/{d}\n",
            'engine = create_engine("postgresql+psycopg2://{u}:{v}@{h}/{d}")',
        ),
    ),
    (
        "mongodb-url",
        _url_password,
        (
            "MONGO_URI=mongodb+srv://{u}:{v}@cluster{n}.mongo.example.net/{d}?retryWrites=true",
            'client = MongoClient("mongodb://{u}:{v}@{h}:27017/?authSource=admin")',
        ),
    ),
    (
        "redis-amqp-url",
        _url_password,
        ("CELERY_BROKER_URL=amqp://{u}:{v}@{h}:5672//\n", "REDIS_URL=redis://:{v}@{h}:6379/0"),
    ),
    (
        "jdbc-password",
        _password,
        (
            "jdbc:sqlserver://{h}:1433;databaseName={d};user={u};password={v};encrypt=true",
            "spring.datasource.password={v}\nspring.datasource.username={u}\n",
        ),
    ),
    (
        "dotnet-connection-string",
        _password,
        (
            '"DefaultConnection": "Server={h};Database={d};User Id={u};Password={v};"',
            'var cs = "Host={h};Username={u};Password={v};Database={d}";',
        ),
    ),
    (
        "private-key",
        _private_key,
        (
            "here is the deploy key, the server rejects it:\n\n{v}\n",
            "```\n{v}\n```\nwhy does ssh say invalid format?",
        ),
    ),
    (
        "service-account-key",
        lambda rng: _pem(rng, "PRIVATE KEY", 1190).replace("\n", "\\n"),
        (
            '{\n  "type": "service_account",\n  "private_key": "{v}\\n",\n'
            '  "project_id": "p-{n}"\n}',
        ),
    ),
    (
        "jwt",
        _jwt,
        (
            "the API returns 401 with this token: {v}\nis it expired?",
            "Cookie: session={v}; Path=/; HttpOnly",
        ),
    ),
    (
        "aws-secret-key",
        _tok("", B64, 40),
        (
            "[default]\naws_access_key_id = {n}\naws_secret_access_key = {v}\nregion = eu-west-1\n",
            "export AWS_SECRET_ACCESS_KEY={v}\n",
        ),
    ),
    (
        "azure-storage-key",
        lambda rng: _chars(rng, B64, 86) + "==",
        (
            "DefaultEndpointsProtocol=https;AccountName=stor{n};AccountKey={v};"
            "EndpointSuffix=core.windows.net",
        ),
    ),
    (
        "cli-password-flag",
        _password,
        (
            "mysql -h {h} -u {u} --password={v} {d}",
            "docker login registry.example.io -u {u} --password {v}",
            "PGPASSWORD={v} psql -h {h} -U {u} {d}",
            "sshpass -p '{v}' ssh {u}@{h}",
        ),
    ),
    (
        "code-python",
        _password,
        (
            'conn = psycopg2.connect(host="{h}", user="{u}", password="{v}", dbname="{d}")',
            'smtp.login("{u}", "{v}")',
        ),
    ),
    (
        "code-java",
        _password,
        (
            'props.setProperty("password", "{v}");',
            'private static final String DB_PASS = "{v}";',
        ),
    ),
    ("code-php", _password, ("define('DB_PASSWORD', '{v}');", "$db_pass = '{v}';")),
    (
        "code-ruby-go-rust",
        _tok("", HEX, 32),
        (
            'config.api_key = "{v}"',
            'const apiSecret = "{v}"',
            'let api_key = String::from("{v}");',
        ),
    ),
    (
        "code-csharp-kotlin",
        _tok("", ALNUM, 32),
        (
            'private const string ApiKey = "{v}";',
            'val apiSecret = "{v}"',
            'client.DefaultRequestHeaders.Add("X-Api-Key", "{v}");',
        ),
    ),
    ("xml-password", _password, ("<datasource>\n  <password>{v}</password>\n</datasource>",)),
    ("ini-password", _password, ("[database]\nhost = {h}\nuser = {u}\npassword = {v}\n",)),
    (
        "git-url-token",
        _tok("", ALNUM, 40),
        ("git clone https://{u}:{v}@git.example.com/platform/infra.git",),
    ),
    (
        "query-api-key",
        _tok("", HEX, 32),
        ("GET https://api.example.com/v1/forecast?api_key={v}&units=metric",),
    ),
    (
        "stack-trace",
        _url_password,
        (
            "Traceback (most recent call last):\n  ...\nsqlalchemy.exc.OperationalError: "
            "could not connect to postgresql://{u}:{v}@{h}/{d}\n",
        ),
    ),
    (
        "log-line",
        _tok("", ALNUM, 40),
        (
            "2024-05-02T10:14:07Z DEBUG http.client sending header x-api-key={v}\n",
            "[worker-{n}] WARN retrying with token={v} after 429\n",
        ),
    ),
    (
        "docker-env",
        _password,
        (
            "docker run -d -e POSTGRES_PASSWORD={v} -p 5432:5432 postgres:16",
            "docker run -e MYSQL_ROOT_PASSWORD={v} mysql:8.0",
        ),
    ),
    (
        "kubernetes-secret",
        lambda rng: _b64(_password(rng).encode()),
        ("apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  password: {v}\n",),
    ),
    (
        "terraform-ansible",
        _password,
        (
            'resource "aws_db_instance" "main" {\n  username = "{u}"\n  password = "{v}"\n}',
            "ansible_become_pass: {v}\nansible_user: {u}\n",
        ),
    ),
    ("django-secret-key", _django_secret, ("SECRET_KEY = '{v}'\nDEBUG = False\n",)),
    (
        "rails-secret-key-base",
        _tok("", HEX, 128),
        ("production:\n  secret_key_base: {v}\n",),
    ),
    (
        "npmrc-pypirc",
        _alnum_end(_tok("", URLSAFE, 36)),
        (
            "//registry.example.org/:_authToken={v}\n",
            "[pypi]\nusername = __token__\npassword = {v}\n",
        ),
    ),
    (
        "ticket-de",
        _password,
        (
            "Hallo zusammen, das Passwort für den Testserver lautet {v}\nBitte nicht weitergeben.",
            "Zugangsdaten für die Staging-Datenbank: Benutzer {u}, Kennwort {v}\n",
        ),
    ),
    (
        "ticket-es",
        _password,
        ("la contraseña del servidor de pruebas es {v}\n¿me avisas si funciona?",),
    ),
    (
        "ticket-fr",
        _password,
        ("Le mot de passe de la base de recette : {v}\nMerci de le changer.",),
    ),
    ("ticket-ja", _password, ("ステージングのパスワードは {v} です。変更お願いします。",)),
    ("ticket-ru", _password, ("пароль от тестовой базы: {v}\nне публикуйте его.",)),  # noqa: RUF001
    ("ticket-pt", _password, ("a senha do banco de homologação é {v}\nvaleu!",)),
    (
        "chat-en",
        _password,
        (
            "temp admin creds for the demo box: {u} / {v}\nrotate after friday pls",
            "fyi the wifi guest password changed to {v}\n",
        ),
    ),
]

# --- generated vendor tokens -------------------------------------------------------------

VENDORS: list[tuple[str, str, Token]] = [
    ("aws-access-key-id", "AWS_ACCESS_KEY_ID", _tok("AKIA", UPPER + "234567", 16)),
    ("github-pat", "GITHUB_TOKEN", _github("ghp_")),
    ("github-oauth", "GH_OAUTH_TOKEN", _github("gho_")),
    ("github-app", "GH_APP_TOKEN", _github("ghs_")),
    ("github-fine-grained", "GH_PAT", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    ("gitlab-pat", "GITLAB_TOKEN", _tok("glpat-", ALNUM, 20)),
    ("gitlab-deploy", "GITLAB_DEPLOY_TOKEN", _tok("gldt-", ALNUM, 20)),
    (
        "slack-bot",
        "SLACK_BOT_TOKEN",
        _parts("xoxb-", (DIGITS, 12), "-", (DIGITS, 13), "-", (ALNUM, 24)),
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
        "DISCORD_WEBHOOK",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 18), "/", (ALNUM, 68)),
    ),
    ("telegram-bot", "TELEGRAM_BOT_TOKEN", _parts((DIGITS, 10), ":AA", (ALNUM, 33))),
    (
        "openai",
        "OPENAI_API_KEY",
        _parts("sk-proj-", (ALNUM, 58), "T3BlbkFJ", (ALNUM, 58)),
    ),
    ("anthropic", "ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (ALNUM, 93), "AA")),
    ("openrouter", "OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    ("groq", "GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    ("perplexity", "PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    ("replicate", "REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    ("xai", "XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    ("huggingface", "HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    ("langsmith", "LANGSMITH_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    ("google-api-key", "GOOGLE_API_KEY", _tok("AIza", ALNUM, 35)),
    ("gcp-oauth-secret", "GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", ALNUM, 28)),
    ("firebase-fcm", "FCM_SERVER_KEY", _parts("AAAA", (ALNUM, 7), ":APA91b", (ALNUM, 134))),
    (
        "azure-ad-client-secret",
        "AZURE_CLIENT_SECRET",
        _parts((ALNUM, 3), "8Q~", (ALNUM, 34)),
    ),
    ("azure-devops-pat", "AZURE_DEVOPS_PAT", _tok("", "abcdefghijklmnopqrstuvwxyz234567", 52)),
    ("alibaba", "ALIBABA_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    ("digitalocean-pat", "DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    ("digitalocean-oauth", "DO_OAUTH_TOKEN", _tok("doo_v1_", HEX, 64)),
    ("heroku", "HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 57, "w")),
    ("flyio", "FLY_API_TOKEN", _tok("fo1_", ALNUM, 43)),
    ("supabase", "SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    ("planetscale", "PLANETSCALE_TOKEN", _tok("pscale_tkn_", ALNUM, 43)),
    ("render", "RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    ("netlify", "NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    ("doppler", "DOPPLER_TOKEN", _tok("dp.pt.", ALNUM, 43)),
    (
        "terraform-cloud",
        "TFE_TOKEN",
        _parts((ALNUM, 14), ".atlasv1.", (ALNUM, 67)),
    ),
    ("vault", "VAULT_TOKEN", _tok("hvs.", ALNUM, 90)),
    ("pulumi", "PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    (
        "age-secret-key",
        "SOPS_AGE_KEY",
        _tok("AGE-SECRET-KEY-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
    ),
    ("tailscale", "TS_AUTHKEY", _parts("tskey-auth-k", (ALNUM, 11), "CNTRL-", (ALNUM, 33))),
    ("circleci", "CIRCLECI_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    ("buildkite", "BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    ("sonarqube", "SONAR_TOKEN", _tok("squ_", HEX, 40)),
    ("sourcegraph", "SRC_ACCESS_TOKEN", _tok("sgp_", HEX, 40)),
    ("docker-hub", "DOCKERHUB_TOKEN", _tok("dckr_pat_", ALNUM, 27)),
    ("npm", "NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    ("pypi", "PYPI_API_TOKEN", _tok("pypi-AgEIcHlwaS5vcmc", URLSAFE, 70, "A")),
    ("rubygems", "GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    ("nuget", "NUGET_API_KEY", _tok("oy2", LOWER + DIGITS, 43)),
    ("clojars", "CLOJARS_TOKEN", _tok("CLOJARS_", LOWER + DIGITS, 60)),
    ("stripe-secret", "STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 99)),
    ("stripe-restricted", "STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 99)),
    ("square", "SQUARE_ACCESS_TOKEN", _tok("EAAA", ALNUM, 60)),
    ("square-oauth-secret", "SQUARE_OAUTH_SECRET", _tok("sq0csp-", ALNUM, 43)),
    (
        "braintree",
        "BRAINTREE_TOKEN",
        _parts("access_token$production$", (LOWER + DIGITS, 16), "$", (HEX, 32)),
    ),
    ("paystack", "PAYSTACK_SECRET_KEY", _tok("sk_live_", HEX, 40)),
    ("razorpay", "RAZORPAY_KEY_ID", _tok("rzp_live_", ALNUM, 14)),
    ("flutterwave", "FLW_SECRET_KEY", _tok("FLWSECK-", HEX, 32, "-X")),
    ("shippo", "SHIPPO_API_TOKEN", _tok("shippo_live_", HEX, 40)),
    ("easypost", "EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    ("duffel", "DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", ALNUM, 43)),
    ("shopify", "SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    ("shopify-shared-secret", "SHOPIFY_SHARED_SECRET", _tok("shpss_", HEX, 32)),
    ("sendgrid", "SENDGRID_API_KEY", _parts("SG.", (ALNUM, 22), ".", (ALNUM, 43))),
    ("mailgun", "MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    ("mailchimp", "MAILCHIMP_API_KEY", lambda r: _chars(r, HEX, 32) + f"-us{r.randint(2, 21)}"),
    ("twilio", "TWILIO_API_KEY", _tok("SK", HEX, 32)),
    ("linear", "LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    ("notion", "NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    ("airtable", "AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    ("clickup", "CLICKUP_TOKEN", _parts("pk_", (DIGITS, 8), "_", (UPPER + DIGITS, 32))),
    ("contentful", "CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", ALNUM, 43)),
    ("figma", "FIGMA_TOKEN", _tok("figd_", ALNUM, 40)),
    ("typeform", "TYPEFORM_TOKEN", _tok("tfp_", ALNUM, 44)),
    ("postman", "POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    ("atlassian", "JIRA_API_TOKEN", _parts("ATATT3xFfGF0", (ALNUM, 180), "=", (HEX, 8))),
    ("bitbucket", "BITBUCKET_APP_PASSWORD", _parts("ATBB", (ALNUM, 28), (HEX, 8))),
    ("databricks", "DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    ("prefect", "PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    ("grafana-service-account", "GRAFANA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    ("newrelic", "NEW_RELIC_API_KEY", _tok("NRAK-", UPPER + DIGITS, 27)),
    ("sentry-user", "SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    (
        "dynatrace",
        "DT_API_TOKEN",
        _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64)),
    ),
    ("datadog", "DD_API_KEY", _tok("", HEX, 32)),
    ("mapbox", "MAPBOX_SECRET_TOKEN", _mapbox),
    ("onepassword", "OP_SERVICE_ACCOUNT_TOKEN", _onepassword),
    ("readme", "README_API_KEY", _tok("rdme_", LOWER + DIGITS, 70)),
    ("infracost", "INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    (
        "cloudflare-origin-ca",
        "CF_ORIGIN_CA_KEY",
        _parts("v1.0-", (HEX, 24), "-", (HEX, 146)),
    ),
    ("base32-totp-seed", "TOTP_SECRET", _tok("", BASE32, 32)),
]

GENERATED_CONTEXTS = (
    "{var}={v}\n",
    'export {var}="{v}"\n',
    "env:\n  {var}: {v}\n",
    '{\n  "{var}": "{v}"\n}',
    'os.environ.setdefault("{var}", "{v}")',
    'const key = process.env.{var} ?? "{v}";',
    'token := "{v}" // TODO move to {var}',
    "docker run --rm -e {var}={v} ghcr.io/acme/worker:latest",
    "$env:{var} = '{v}'",
    "steps:\n  - run: ./deploy.sh\n    env:\n      {var}: {v}\n",
    'String key = System.getenv().getOrDefault("{var}", "{v}");',
    "I set {var} to {v} but the call still fails with 401, any idea?",
    "Hallo, ich habe {var}={v} gesetzt, aber der Build schlägt fehl.",
    "¿Por qué falla? Mi {var} es {v} y la API devuelve 403.",
    "Voici la clé ({var}) : {v}\nÀ révoquer après le test.",
    "この {var} は {v} ですが、認証エラーになります。",
    "Configurei {var}={v} no pipeline e não funcionou.",
    "kubectl create secret generic app --from-literal={var}={v}",
)


# --- negatives (no credential, no PII) ---------------------------------------------------


def _hex(rng: random.Random, n: int) -> str:
    return _chars(rng, HEX, n)


def _version(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"


NEGATIVES: list[tuple[str, Callable[[random.Random], str]]] = [
    (
        "placeholder-angle",
        lambda r: r.choice(
            (
                "OPENAI_API_KEY=<your-api-key>\n",
                'api_key: "<YOUR_API_KEY_HERE>"\n',
                "curl -H 'Authorization: Bearer <token>' https://api.example.com/v1/me",
                "password = <insert password>",
            )
        ),
    ),
    (
        "placeholder-x",
        lambda r: r.choice(
            (
                f"STRIPE_SECRET_KEY=sk_live_{'x' * r.randint(20, 30)}\n",
                'password: "xxxxxxxx"',
                f"token = '{'X' * r.randint(16, 40)}'",
                "AWS_SECRET_ACCESS_KEY=****************************************",
            )
        ),
    ),
    (
        "env-reference",
        lambda r: r.choice(
            (
                "DB_PASSWORD=${DB_PASSWORD}\n",
                'api_key = os.environ["OPENAI_API_KEY"]',
                "const secret = process.env.STRIPE_SECRET_KEY;",
                'token := os.Getenv("GITHUB_TOKEN")',
                "password: ${{ secrets.DB_PASSWORD }}",
                'String pw = System.getenv("DB_PASS");',
            )
        ),
    ),
    (
        "template-reference",
        lambda r: r.choice(
            (
                "password: {{ .Values.postgresql.auth.password }}",
                "password = var.db_password",
                "api_key: \"{{ vault 'secret/data/app' 'api_key' }}\"",
                'db_password: "%(DB_PASSWORD)s"',
                "apiKey: !Ref ApiKeyParameter",
            )
        ),
    ),
    (
        "secret-ref-yaml",
        lambda r: (
            f"env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n"
            f"        name: {r.choice(DBS).replace('_', '-')}-secret\n        key: password\n"
        ),
    ),
    (
        "empty-assignment",
        lambda r: r.choice(
            (
                "PASSWORD=\nAPI_KEY=\nSECRET=\n",
                'api_key: ""',
                "token = None",
                "let password = String::new();",
                'client_secret: ""  # fill in locally',
            )
        ),
    ),
    (
        "variable-names",
        lambda r: r.choice(
            (
                "def rotate_password(user_id: int, new_password: str) -> None:",
                "if (token == null || token.isExpired()) { token = refreshToken(); }",
                "password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt())",
                "const [apiKey, setApiKey] = useState('');",
                "func (c *Client) SetToken(token string) { c.token = token }",
            )
        ),
    ),
    (
        "redacted",
        lambda r: r.choice(
            (
                "Authorization: Bearer [REDACTED]",
                "password=********",
                f"api_key=sk-...{_chars(r, LOWER, 4)} (masked)",
                "DB_PASSWORD=<redacted>",
                "token: '***'",
            )
        ),
    ),
    (
        "prose",
        lambda r: r.choice(
            (
                "Never commit an API key; keep it in a secrets manager and rotate it every "
                f"{r.choice((30, 60, 90))} days.",
                "The token expires after one hour, so the client refreshes it on a 401.",
                "Password must be at least 12 characters and contain a digit and a symbol.",
                "We moved every secret to the vault; the .env file only holds references now.",
            )
        ),
    ),
    (
        "prose-other-languages",
        lambda r: r.choice(
            (
                "Das Passwort wird aus dem Tresor gelesen und nie im Code gespeichert.",
                "La clave de la API se rota cada mes; no la pegues en el chat.",
                "Le jeton expire au bout d'une heure, le client le renouvelle seul.",
                "トークンは環境変数から読み込みます。コードには書かないでください。",
                "A senha fica no cofre de segredos, nunca no repositório.",
            )
        ),
    ),
    (
        "docs-example-aws",
        lambda r: (
            f"aws_access_key_id = AKIA{_chars(r, UPPER + '234567', 9)}EXAMPLE\n"
            "# example value from the docs, not a real key"
        ),
    ),
    (
        "sha256-checksum",
        lambda r: f"{_hex(r, 64)}  {r.choice(('app.tar.gz', 'wheel.whl', 'setup.exe'))}",
    ),
    ("md5-checksum", lambda r: f"MD5 ({r.choice(('report.pdf', 'dump.sql'))}) = {_hex(r, 32)}"),
    (
        "commit-sha",
        lambda r: f"git revert {_hex(r, 40)}\n" + f"{_hex(r, 7)} fix flaky retry test\n",
    ),
    (
        "image-digest",
        lambda r: f"image: ghcr.io/acme/api@sha256:{_hex(r, 64)}",
    ),
    (
        "npm-integrity",
        lambda r: (
            f'"resolved": "https://registry.npmjs.org/lodash/-/lodash-{_version(r)}.tgz",\n'
            f'"integrity": "sha512-{_b64(r.randbytes(64))}"'
        ),
    ),
    (
        "uuid-request-id",
        lambda r: f"request_id={_uuid(r)} status=200 duration_ms={r.randint(3, 900)}",
    ),
    ("uuid-config", lambda r: f'"tenantId": "{_uuid(r)}",\n"subscriptionId": "{_uuid(r)}"'),
    (
        "versions-ports",
        lambda r: (
            f"upgraded from {_version(r)} to {_version(r)}; the service listens on port "
            f"{r.choice((8080, 8443, 9090, 3000))}"
        ),
    ),
    (
        "timestamps",
        lambda r: (
            f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:"
            f"{r.randint(0, 59):02d}:00Z job finished in {r.randint(1, 59)}s"
        ),
    ),
    (
        "build-coordinates",
        lambda r: r.choice(
            (
                f"implementation 'org.apache.commons:commons-lang3:3.{r.randint(10, 17)}.0'",
                f"<version>{_version(r)}</version>",
                f"requests=={_version(r)}\nurllib3>={_version(r)}",
            )
        ),
    ),
    (
        "file-paths",
        lambda r: r.choice(
            (
                "/etc/ssl/private/server.key is mode 0600",
                "C:\\ProgramData\\App\\secrets.json not found",
                "/var/run/secrets/kubernetes.io/serviceaccount/token",
                "~/.aws/credentials",
            )
        ),
    ),
    (
        "html-css",
        lambda r: r.choice(
            (
                '<input type="password" name="password" autocomplete="current-password">',
                f".token-badge {{ color: #{_hex(r, 6)}; padding: 4px; }}",
                '<meta name="csrf-token" content="{{ csrf_token() }}">',
            )
        ),
    ),
    (
        "minified-js",
        lambda r: (
            "function(e,t){return e.token=t.token||null,e.password=void 0,e}"
            f";var n{r.randint(1, 9)}=Object.assign({{}},e);"
        ),
    ),
    (
        "public-key",
        lambda r: r.choice((_pem(r, "PUBLIC KEY", 294), _pem(r, "CERTIFICATE", 600))),
    ),
    (
        "ssh-public-key",
        lambda r: (
            "ssh-ed25519 "
            + _b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + r.randbytes(32))
            + " deploy-key"
        ),
    ),
    (
        "base64-plain",
        lambda r: (
            "echo "
            + _b64(r.choice((b"hello from the config loader", b"retry=3;timeout=30")))
            + " | base64 -d"
        ),
    ),
    (
        "bundle-hashes",
        lambda r: f"main.{_hex(r, 8)}.js  vendor.{_hex(r, 20)}.chunk.js  styles.{_hex(r, 8)}.css",
    ),
    (
        "lfs-pointer",
        lambda r: (
            f"version https://git-lfs.github.com/spec/v1\noid sha256:{_hex(r, 64)}\n"
            f"size {r.randint(1000, 99999)}"
        ),
    ),
    (
        "test-fixtures",
        lambda r: r.choice(
            (
                'assert check_password("wrong") is False',
                "password = 'test'  # unit test fixture",
                'self.client.login(username="test", password="test")',
            )
        ),
    ),
    (
        "vault-arn",
        lambda r: (
            f"secret: arn:aws:secretsmanager:eu-west-1:{_chars(r, DIGITS, 12)}:"
            f"secret:prod/db-{_chars(r, LOWER, 6)}"
        ),
    ),
    ("semver-range", lambda r: f'"dependencies": {{ "jsonwebtoken": "^{_version(r)}" }}'),
    (
        "css-hash-classes",
        lambda r: f'<div class="css-{_chars(r, LOWER + DIGITS, 7)} sc-{_chars(r, LOWER, 6)}">',
    ),
    (
        "log-no-secret",
        lambda r: (
            f"INFO auth: token refreshed for client portal-{r.randint(1, 99)} "
            f"(expires_in={r.choice((3600, 7200))})"
        ),
    ),
    (
        "password-policy-config",
        lambda r: (
            f"password_min_length: {r.randint(8, 16)}\npassword_require_symbol: true\n"
            f"token_ttl_seconds: {r.choice((900, 3600))}\n"
        ),
    ),
    (
        "mock-secret-names",
        lambda r: r.choice(
            (
                "SECRET_KEY=change-me-in-production",
                "JWT_SECRET=your_jwt_secret",
                "api_key = 'dummy'",
                "DB_PASSWORD=example",
            )
        ),
    ),
    (
        "sql-schema",
        lambda r: (
            "CREATE TABLE users (\n  id serial PRIMARY KEY,\n  password_hash text NOT NULL,"
            f"\n  api_token_id uuid\n);  -- v{r.randint(2, 40)}"
        ),
    ),
    (
        "regex-pattern",
        lambda r: r.choice(
            (
                r'pattern = r"(?i)api[_-]?key\s*[:=]\s*[A-Za-z0-9]{32}"',
                r"grep -rE 'password\s*=' src/",
            )
        ),
    ),
    (
        "random-slug",
        lambda r: f"deployment {_chars(r, LOWER, 8)}-{_chars(r, LOWER + DIGITS, 5)} ready",
    ),
]


# --- PII ---------------------------------------------------------------------------------

NAMES = (
    "Chidinma Okafor",
    "Mateus Carvalho",
    "Priya Raghunathan",
    "Søren Kjærgaard",
    "Fatima Zahra Benali",
    "Tomasz Wiśniewski",
    "Hiroshi Tanabe",
    "Oksana Kovalenko",
    "Diego Villalobos",
    "Aroha Ngata",
    "Kwame Mensah",
    "Nguyen Thi Lan",
    "Ayşe Demirtaş",
    "Siobhán Ní Bhriain",
    "Rafael Quiñones",
    "Ingrid Halvorsen",
    "Yusuf Al-Sayegh",
    "Mei-Ling Chou",
    "Olumide Adeyemi",
    "Anastasia Volkova",
)
EMAIL_LOCALS = ("finance.team", "j.okafor", "m.carvalho", "billing+eu", "ops-oncall", "hr.desk")
EMAIL_DOMAINS = ("example.com", "corp-mail.net", "northwind.io", "acme-labs.org")
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IN", "BR", "JP", "AU")

PII_TEMPLATES: dict[str, tuple[str, ...]] = {
    "person": (
        "Please add {v} to the on-call rotation starting next week.",
        "Can you ask {v} to review the migration before we merge?",
        "Notes: {v} owns the billing service now.",
        "Bitte {v} in den Verteiler für das Release aufnehmen.",
        "El informe lo firma {v}; revisad las cifras.",
        "Merci à {v} pour la revue du correctif.",
    ),
    "email": (
        "send the invoice to {v} please",
        "Contact: {v}\nTeam: platform",
        "Der Kunde hat an {v} geschrieben.",
        "reply-to header was {v} in the bounced message",
    ),
    "phone": (
        "call me on {v} if the deploy breaks",
        "Support hotline: {v}",
        "Rufnummer für Rückfragen: {v}",
        "mi número es {v}, escríbeme por la tarde",
    ),
    "credit_card": (
        "the customer says card {v} was charged twice",
        "Karte {v} wurde abgelehnt.",
        "refund to {v}, order was cancelled",
    ),
    "us_ssn": (
        "SSN on the onboarding form: {v}",
        "employee record shows ssn {v}, please verify",
        "the W-2 lists {v} as the social security number",
    ),
    "iban": (
        "Please wire the deposit to {v} by Friday.",
        "Bankverbindung: IBAN {v}",
        "Virement sur le compte {v} effectué.",
    ),
    "ip_address": (
        "the requests all come from {v}, can we block it?",
        "ssh into {v} and restart the worker",
        "Zugriffe von {v} wurden gesperrt.",
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


def _phone(rng: random.Random) -> str:
    region = rng.choice(PHONE_REGIONS)
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    while True:
        digits = national[:3] + _chars(rng, DIGITS, len(national) - 3)
        number = phonenumbers.parse(digits, region)
        if phonenumbers.is_valid_number(number):
            break
    if region == "US" and rng.random() < 0.5:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return "2001:db8:" + ":".join(f"{rng.randint(1, 65535):x}" for _ in range(6))
    first = rng.choice((23, 45, 81, 98, 142, 176, 203))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


PII_VALUES: dict[str, Token] = {
    "person": lambda r: r.choice(NAMES),
    "email": lambda r: f"{r.choice(EMAIL_LOCALS)}{r.randint(1, 99)}@{r.choice(EMAIL_DOMAINS)}",
    "phone": _phone,
    "credit_card": credit_card,
    "us_ssn": us_ssn,
    "iban": iban,
    "ip_address": _ip,
}
PII_LABELS = {
    "person": "PERSON",
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "credit_card": "CREDIT_CARD",
    "us_ssn": "US_SSN",
    "iban": "IBAN_CODE",
    "ip_address": "IP_ADDRESS",
}

# --- PII look-alikes: technical and scientific text --------------------------------------

FEATURES = (
    "Batch Export",
    "Access Policies",
    "Retention Window",
    "Webhook Delivery",
    "Audit Log",
    "Smart Routing",
    "Usage Quotas",
    "Workspace Settings",
)
TEAMS = ("Platform Team", "Data Engineering", "Site Reliability", "Developer Experience")
ROLES = ("Staff Engineer", "Product Manager", "Engineering Manager", "Release Captain")


def _ratio(rng: random.Random) -> str:
    return f"{rng.randint(0, 99)}.{rng.randint(0, 9)}"


PII_NEGATIVES: list[tuple[str, Callable[[random.Random], str]]] = [
    (
        "abstract",
        lambda r: (
            "Abstract. We propose a sparse attention scheme that reduces memory by "
            f"{r.randint(20, 70)}% on sequences of length {r.choice((512, 2048, 8192))}, "
            f"with a perplexity change below {_ratio(r)}."
        ),
    ),
    (
        "math",
        lambda r: (
            f"Let f(x) = {r.randint(2, 9)}x^2 - {r.randint(1, 9)}x + {r.randint(1, 9)}; "
            "then f'(x) = 0 at the vertex, and the integral over [0, 1] is finite."
        ),
    ),
    (
        "chemistry",
        lambda r: (
            f"Dissolve {r.randint(2, 50)}.{r.randint(0, 9)} g NaCl in {r.randint(1, 5)}00 mL "
            f"water (c = {_ratio(r)} mol/L), then titrate with HCl at {r.randint(18, 30)} °C."
        ),
    ),
    (
        "units",
        lambda r: (
            f"Pressure rose from {r.randint(90, 110)} kPa to {r.randint(120, 300)} kPa; "
            f"flow {_ratio(r)} L/min, power draw {r.randint(1, 9)}.{r.randint(1, 9)} kW."
        ),
    ),
    (
        "api-docs",
        lambda r: (
            f"## {r.choice(FEATURES)}\n\nGET /v{r.randint(1, 3)}/workspaces/{{workspace_id}}/"
            f"exports\n\nReturns a paginated list. Use `page_size` (max {r.choice((50, 100))})."
        ),
    ),
    (
        "feature-release",
        lambda r: (
            f"Release {_version(r)}: {r.choice(FEATURES)} is now generally available; "
            f"{r.choice(FEATURES)} moves to beta."
        ),
    ),
    (
        "team-roles",
        lambda r: (
            f"The {r.choice(TEAMS)} is hiring a {r.choice(ROLES)}; the {r.choice(ROLES)} "
            "will own the roadmap for Q3."
        ),
    ),
    (
        "code-review",
        lambda r: (
            f"nit: line {r.randint(10, 400)} shadows `result`; also consider early return "
            f"here. LGTM after that (+{r.randint(1, 80)}/-{r.randint(1, 80)})."
        ),
    ),
    (
        "metrics-table",
        lambda r: (
            "| batch | p50 ms | p99 ms |\n|---|---|---|\n"
            + "\n".join(
                f"| {size} | {r.randint(3, 40)} | {r.randint(50, 400)} |" for size in (8, 32, 128)
            )
        ),
    ),
    (
        "order-numbers",
        lambda r: (
            f"Order ORD-{r.randint(10000, 99999)} shipped; SKU {_chars(r, UPPER, 3)}-"
            f"{r.randint(100, 999)} back in stock, qty {r.randint(1, 40)}."
        ),
    ),
    (
        "tracking-id",
        lambda r: f"tracking id trk_{_chars(r, LOWER, 12)} created at step {r.randint(1, 9)}",
    ),
    (
        "css-colours",
        lambda r: (
            f".btn-primary {{ background: #{_hex(r, 6)}; border-radius: {r.randint(2, 8)}px; }}"
        ),
    ),
    (
        "versions",
        lambda r: f"python {_version(r)}, numpy {_version(r)}, build {r.randint(100, 999)}",
    ),
    (
        "timestamp-log",
        lambda r: (
            f"2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} {r.randint(0, 23):02d}:"
            f"{r.randint(0, 59):02d} INFO Scheduler run {r.randint(100, 999)} done in "
            f"{_ratio(r)} s"
        ),
    ),
    (
        "isbn-citation",
        lambda r: (
            f"See chapter {r.randint(2, 19)} of the handbook (ISBN 978-0-"
            f"{r.randint(100, 999)}-{r.randint(10, 99)})."
        ),
    ),
    (
        "code-snippet",
        lambda r: (
            f"def scale(values: list[float], factor: float = {_ratio(r)}) -> list[float]:\n"
            "    return [v * factor for v in values]"
        ),
    ),
    (
        "title-case-headings",
        lambda r: f"Getting Started > {r.choice(FEATURES)} > Advanced Filters > Export Formats",
    ),
    (
        "german-tech",
        lambda r: (
            f"Die Latenz sank nach dem Update auf {r.randint(10, 90)} ms; der Speicherbedarf "
            "liegt jetzt unter der Grenze."
        ),
    ),
    (
        "spanish-tech",
        lambda r: (
            f"La versión {_version(r)} corrige la caché y reduce el tiempo de compilación "
            f"un {r.randint(5, 40)}%."
        ),
    ),
    (
        "french-science",
        lambda r: (
            f"La réaction est exothermique : ΔH = -{r.randint(40, 400)} kJ/mol à pression "
            "constante."
        ),
    ),
    (
        "japanese-tech",
        lambda r: (
            f"バージョン {_version(r)} でキャッシュの不具合を修正しました。"
            f"処理時間は {r.randint(5, 60)}% 短縮。"
        ),
    ),
    (
        "stats",
        lambda r: (
            f"mean = {_ratio(r)}, sd = {r.randint(0, 9)}.{r.randint(10, 99)}, "
            f"n = {r.randint(20, 400)}, p < 0.0{r.randint(1, 5)}"
        ),
    ),
    (
        "matrix",
        lambda r: (
            "A = [["
            + ", ".join(str(r.randint(0, 9)) for _ in range(3))
            + "], ["
            + ", ".join(str(r.randint(0, 9)) for _ in range(3))
            + "]]"
        ),
    ),
    (
        "config-numbers",
        lambda r: (
            f"max_connections = {r.randint(50, 500)}\nshared_buffers = {r.randint(1, 8)}GB\n"
            f"work_mem = {r.randint(4, 64)}MB"
        ),
    ),
    (
        "product-names",
        lambda r: (
            f"Compare the Starter, Growth and Enterprise plans: {r.choice(FEATURES)} is "
            "included only in Enterprise."
        ),
    ),
]


# --- assembly ----------------------------------------------------------------------------


def _literal_cases(rng: random.Random) -> list[Case]:
    cases = []
    for index in range(SIZES["literal"]):
        family, value, templates = LITERALS[index % len(LITERALS)]
        text, spans = _join(_around(rng, rng.choice(templates), value(rng)))
        cases.append(Case(family, "literal", text, spans))
    return cases


def _generated_cases(rng: random.Random) -> list[Case]:
    cases = []
    for index in range(SIZES["generated"]):
        family, var, token = VENDORS[index % len(VENDORS)]
        context = rng.choice(GENERATED_CONTEXTS).replace("{var}", var)
        text, spans = _join(_around(rng, context, token(rng)))
        cases.append(Case(family, "generated", text, spans))
    return cases


def _pii_cases(rng: random.Random) -> list[Case]:
    cases = []
    for family, count in PII_COUNTS.items():
        for _ in range(count):
            before, after = rng.choice(PII_TEMPLATES[family]).split("{v}")
            value = PII_VALUES[family](rng)
            span = Span(PII_LABELS[family], len(before), len(before) + len(value))
            cases.append(Case(family, "pii", before + value + after, (span,)))
    return cases


def _harmless(rng: random.Random, kind: str, table: list[tuple[str, Token]]) -> list[Case]:
    cases = []
    for index in range(SIZES[kind]):
        family, build = table[index % len(table)]
        cases.append(Case(family, kind, build(rng), harmless=True))
    return cases


def round19_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """All round-19 cases, deterministic for a seed."""
    rng = random.Random(seed)
    return [
        *_literal_cases(rng),
        *_generated_cases(rng),
        *_harmless(rng, "negative", NEGATIVES),
        *_pii_cases(rng),
        *_harmless(rng, "pii_negative", PII_NEGATIVES),
    ]
