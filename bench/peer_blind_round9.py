"""Blind peer round 9: credentials, harmless look-alikes, PII and PII look-alikes.

Written by a blind engineer ("blind9") who never saw the detector, its tests or earlier
rounds' cases; frozen (merged) before the detector first ran on it. The shapes come from
what public suites document: trufflehog's detector tests, Nosey Parker's and Kingfisher's
rule examples, gitleaks' rule true/false positives, detect-secrets' plugin tests, and
Presidio's analyzer recognizer tests. Every key-shaped value is drawn at run time from
its documented shape (prefix, alphabet, length, checksum); no public literal is copied.
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
BASE32 = UPPER + "234567"
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
HEXU = "0123456789ABCDEF"
LOWNUM = LOWER + DIGITS


def _fill(template: str, value: str) -> Segments:
    """Split ``template`` at ``{v}`` and label the value there."""
    before, after = template.split("{v}")
    return [(before, None), (value, SECRET), (after, None)]


# --- generated: vendor tokens from documented formats -----------------------------------


def _crc_token(prefix: str, length: int) -> Token:
    """GitHub-style token: random body and a base62 CRC32 checksum tail (6 chars)."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, length - 6)
        crc = zlib.crc32(body.encode())
        tail = ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = (DIGITS + UPPER + LOWER)[digit] + tail
        return f"{prefix}{body}{tail}"

    return build


def _mapbox(rng: random.Random) -> str:
    claims = json.dumps(
        {"u": rng.choice(("kaito-m", "ops-geo", "ldelacroix")), "a": _chars(rng, LOWNUM, 25)},
        separators=(",", ":"),
    )
    return f"sk.{_b64url(claims.encode())}.{_chars(rng, URLSAFE, 22)}"


def _onepassword(rng: random.Random) -> str:
    claims = {
        "signInAddress": "my.1password.com",
        "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256"},
        "email": f"{_chars(rng, LOWNUM, 13)}@1passwordserviceaccounts.com",
        "srpX": _chars(rng, HEX, 64),
        "muk": {"alg": "A256GCM", "ext": True, "k": _chars(rng, URLSAFE, 43), "kty": "oct"},
        "secretKey": f"A3-{_chars(rng, UPPER + DIGITS, 6)}-{_chars(rng, UPPER + DIGITS, 11)}",
        "deviceUuid": _chars(rng, LOWNUM, 26),
    }
    return "ops_" + _b64url(json.dumps(claims, separators=(",", ":")).encode())


def _braintree(rng: random.Random) -> str:
    return f"access_token$production${_chars(rng, LOWNUM, 16)}${_chars(rng, HEX, 32)}"


def _azure_ad(rng: random.Random) -> str:
    chars = ALNUM + "_~."
    return (
        f"{_chars(rng, chars, 3)}{rng.choice(DIGITS)}Q~{_chars(rng, chars, 30)}{rng.choice(ALNUM)}"
    )


def _plaid(rng: random.Random) -> str:
    return f"access-production-{_uuid(rng)}"


GENERATED: dict[str, Token] = {
    "aws_access_key": _parts("AKIA", (BASE32, 16)),
    "aws_session_key": _parts("ASIA", (BASE32, 16)),
    "github_classic_pat": _crc_token("ghp_", 36),
    "github_oauth": _crc_token("gho_", 36),
    "github_app_install": _crc_token("ghs_", 36),
    "github_refresh": _parts("ghr_", (ALNUM, 76)),
    "github_fine_grained": _parts("github_pat_11", (UPPER + DIGITS, 20), "_", (ALNUM, 59)),
    "gitlab_pat": _tok("glpat-", URLSAFE, 20),
    "gitlab_runner": _tok("glrt-", URLSAFE, 20),
    "gitlab_deploy": _tok("gldt-", URLSAFE, 20),
    "gitlab_trigger": _tok("glptt-", HEX, 40),
    "slack_bot": _parts("xoxb-", (DIGITS, 12), "-", (DIGITS, 13), "-", (ALNUM, 24)),
    "slack_user": _parts(
        "xoxp-", (DIGITS, 12), "-", (DIGITS, 12), "-", (DIGITS, 13), "-", (HEX, 32)
    ),
    "slack_app": _parts("xapp-1-A", (UPPER + DIGITS, 10), "-", (DIGITS, 13), "-", (HEX, 64)),
    "slack_webhook": _parts(
        "https://hooks.slack.com/services/T",
        (UPPER + DIGITS, 8),
        "/B",
        (UPPER + DIGITS, 10),
        "/",
        (ALNUM, 24),
    ),
    "stripe_live_secret": _tok("sk_live_", ALNUM, 99),
    "stripe_restricted": _tok("rk_live_", ALNUM, 99),
    "stripe_webhook": _tok("whsec_", ALNUM, 32),
    "openai_project": _tok("sk-proj-", URLSAFE, 156),
    "openai_legacy": _parts("sk-", (ALNUM, 20), "T3BlbkFJ", (ALNUM, 20)),
    "openai_admin": _parts("sk-admin-", (URLSAFE, 58), "T3BlbkFJ", (URLSAFE, 58)),
    "anthropic": _parts("sk-ant-api03-", (URLSAFE, 93), "AA"),
    "anthropic_admin": _parts("sk-ant-admin01-", (URLSAFE, 93), "AA"),
    "google_api": _tok("AIza", URLSAFE, 35),
    "google_oauth_secret": _tok("GOCSPX-", URLSAFE, 28),
    "google_refresh": _tok("1//0", URLSAFE, 100),
    "huggingface": _tok("hf_", UPPER + LOWER, 34),
    "groq": _tok("gsk_", ALNUM, 52),
    "replicate": _tok("r8_", ALNUM, 37),
    "perplexity": _tok("pplx-", ALNUM, 48),
    "xai": _tok("xai-", ALNUM, 80),
    "openrouter": _tok("sk-or-v1-", HEX, 64),
    "langsmith": _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10)),
    "pinecone": _parts("pcsk_", (ALNUM, 5), "_", (ALNUM, 63)),
    "sendgrid": _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43)),
    "twilio_api_key": _tok("SK", HEX, 32),
    "mailgun": _tok("key-", HEX, 32),
    "mailchimp": _parts((HEX, 32), "-us", (DIGITS, 2)),
    "brevo": _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16)),
    "npm": _crc_token("npm_", 36),
    "pypi": _parts("pypi-AgEIcHlwaS5vcmc", (URLSAFE, 70)),
    "rubygems": _tok("rubygems_", HEX, 48),
    "nuget": _tok("oy2", LOWNUM, 43),
    "dockerhub": _tok("dckr_pat_", URLSAFE, 27),
    "jfrog": _tok("AKCp", ALNUM, 69),
    "shopify_access": _tok("shpat_", HEX, 32),
    "shopify_shared": _tok("shpss_", HEX, 32),
    "digitalocean": _tok("dop_v1_", HEX, 64),
    "doppler": _tok("dp.pt.", ALNUM, 43),
    "heroku": _tok("HRKU-AA", URLSAFE, 58),
    "atlassian": _tok("ATATT3", URLSAFE, 186),
    "bitbucket_app": _tok("ATBB", ALNUM, 32),
    "linear": _tok("lin_api_", ALNUM, 40),
    "notion": _parts("ntn_", (DIGITS, 11), (ALNUM, 35)),
    "postman": _parts("PMAK-", (HEX, 24), "-", (HEX, 34)),
    "databricks": _tok("dapi", HEX, 32),
    "grafana_cloud": _tok("glc_", B64.replace("+", "").replace("/", ""), 80),
    "grafana_service": _parts("glsa_", (ALNUM, 32), "_", (HEX, 8)),
    "newrelic": _tok("NRAK-", UPPER + DIGITS, 27),
    "sentry_user": _tok("sntryu_", HEX, 64),
    "dynatrace": _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64)),
    "alibaba": _tok("LTAI", ALNUM, 20),
    "tencent": _tok("AKID", ALNUM, 32),
    "azure_ad_secret": _azure_ad,
    "telegram_bot": _parts((DIGITS, 10), ":AA", (URLSAFE, 33)),
    "discord_webhook": _parts(
        "https://discord.com/api/webhooks/1", (DIGITS, 18), "/", (URLSAFE, 68)
    ),
    "square": _tok("EAAA", URLSAFE, 60),
    "square_oauth": _tok("sq0csp-", URLSAFE, 43),
    "braintree": _braintree,
    "adafruit": _tok("aio_", ALNUM, 28),
    "age_secret": _tok("AGE-SECRET-KEY-1", BECH32, 58),
    "cloudflare_origin_ca": _parts("v1.0-", (HEX, 24), "-", (HEX, 146)),
    "flyio": _tok("fo1_", URLSAFE, 43),
    "pulumi": _tok("pul-", HEX, 40),
    "terraform_cloud": _parts((ALNUM, 14), ".atlasv1.", (URLSAFE, 67)),
    "vault_service": _tok("hvs.", URLSAFE, 95),
    "vault_batch": _tok("hvb.", URLSAFE, 138),
    "netlify": _tok("nfp_", ALNUM, 36),
    "supabase": _tok("sbp_", HEX, 40),
    "planetscale": _tok("pscale_tkn_", URLSAFE, 43),
    "figma": _parts("figd_", (URLSAFE, 40)),
    "airtable": _parts("pat", (ALNUM, 14), ".", (HEX, 64)),
    "asana": _parts("2/", (DIGITS, 16), "/", (DIGITS, 16), ":", (HEX, 32)),
    "sonarqube": _tok("squ_", HEX, 40),
    "buildkite": _tok("bkua_", HEX, 40),
    "circleci": _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40)),
    "contentful": _tok("CFPAT-", URLSAFE, 43),
    "prefect": _tok("pnu_", ALNUM, 36),
    "readme": _tok("rdme_", LOWNUM, 70),
    "duffel": _tok("duffel_live_", URLSAFE, 43),
    "shippo": _tok("shippo_live_", HEX, 40),
    "easypost": _tok("EZAK", ALNUM, 54),
    "flutterwave": _parts("FLWSECK-", (HEX, 32), "-X"),
    "typeform": _tok("tfp_", URLSAFE, 59),
    "mapbox": _mapbox,
    "onepassword_sa": _onepassword,
    "okta": _tok("00", URLSAFE, 40),
    "salesforce": _parts("00D", (ALNUM, 15), "!", (ALNUM + ".", 95), (ALNUM, 1)),
    "plaid": _plaid,
    "scalingo": _tok("tk-us-", URLSAFE, 48),
    "frameio": _tok("fio-u-", URLSAFE, 64),
}

# Where people paste a vendor token: {v} is the token, {n} an env-style name.
GENERATED_CONTEXTS = (
    "{n}={v}\n",
    'export {n}="{v}"\n',
    '$ curl -s -H "Authorization: Bearer {v}" https://api.internal.dev/v1/me | jq .\n',
    'client = Client(api_key="{v}")\nresult = client.list()\n',
    "const token = '{v}';\nawait fetch(url, { headers: { Authorization: `Bearer ${token}` } });\n",
    "env:\n  {n}: {v}\n  LOG_LEVEL: info\n",
    '{"{n_lower}": "{v}", "timeout": 30}\n',
    "hey, the deploy broke again. i put the new key in the runner: {v} can you retry?\n",
    "[2024-05-02T09:14:03Z] DEBUG http.client request headers={'X-Api-Key': '{v}'}\n",
    "Hola, ¿por qué falla esto? Ya puse la clave {v} en el archivo .env y sigue dando 401.\n",
    "Bonjour, voici le jeton pour la préprod : {v}\nMerci de ne pas le partager.\n",
    "Hallo zusammen, neues Token für die Pipeline: {v} (gilt bis Freitag)\n",
    "このトークンで認証できません: {v}\n",
    "| service | key |\n|---|---|\n| prod | {v} |\n",
    'os.environ["{n}"] = "{v}"\n',
    "ENV {n}={v}\n",
    '  - name: {n}\n    value: "{v}"\n',
    'resource "vault_generic_secret" "app" {\n  data_json = jsonencode({ token = "{v}" })\n}\n',
    '{n} := "{v}" // TODO move to secret manager\n',
    "PS> $env:{n} = '{v}'\n",
    'Traceback (most recent call last):\n  File "sync.py", line 41, in <module>\n'
    '    auth = login("{v}")\nAuthError: 403 Forbidden\n',
    "Ticket OPS-{num}: rotate leaked credential {v} found in #general\n",
    'docker run -d -e {n}="{v}" -p 8080:8080 ghcr.io/acme/api:latest\n',
    'let client = Client::new("{v}");\n',
    'val apiKey = "{v}"\nval service = Api.create(apiKey)\n',
    "- uses: actions/checkout@v4\n- run: ./publish.sh --token {v}\n",
    "> error: authentication failed\n> token used: {v}\n> any idea what is wrong?\n",
    "In [7]: %env {n}={v}\n",
    "[default]\n{n_lower} = {v}\n",
    "Subject: credentials for the vendor portal\n\nHi, the key is {v}\nRegards\n",
)


def _generated(rng: random.Random) -> list[Case]:
    families = list(GENERATED)
    rng.shuffle(families)
    cases = []
    for index in range(SIZES["generated"]):
        family = families[index % len(families)]
        value = GENERATED[family](rng)
        name = family.upper().split("_")[0] + rng.choice(("_TOKEN", "_API_KEY", "_SECRET", "_KEY"))
        template = rng.choice(GENERATED_CONTEXTS)
        template = template.replace("{n_lower}", name.lower()).replace("{n}", name)
        template = template.replace("{num}", str(rng.randint(1000, 9999)))
        text, spans = _join(_fill(template, value))
        cases.append(Case(family, "generated", text, spans))
    return cases


# --- literal: credentials the way the suites' true positives show them ------------------

WORDS = (
    "tulip",
    "falcon",
    "harbor",
    "quartz",
    "maple",
    "sunrise",
    "pelican",
    "orbit",
    "cobalt",
    "juniper",
    "saffron",
    "mango",
    "glacier",
    "walnut",
    "lantern",
    "hibiscus",
    "zorro",
    "paloma",
    "kirsche",
    "sakura",
    "bolinho",
    "mercury",
    "otter",
    "tundra",
)
HOSTS = (
    "db-prod-2.internal",
    "10.20.4.17",
    "pg.eu-west-1.rds.amazonaws.com",
    "mongo0.corp.lan",
    "redis.cache.svc.cluster.local",
    "mysql-replica",
    "sql-ops.int.example.net",
)
USERS = ("app", "svc_reporting", "admin", "deploy", "etl_user", "grafana", "root", "jenkins")


def _human_password(rng: random.Random) -> str:
    word = rng.choice(WORDS)
    word = word.capitalize() if rng.random() < 0.7 else word
    tail = _chars(rng, ALNUM, rng.randint(1, 3))
    return f"{word}{rng.choice('!@#$%&*?')}{rng.randint(10, 9999)}{tail}"


def _random_secret(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return _chars(rng, ALNUM, rng.choice((16, 24, 32)))
    if kind == 1:
        return _chars(rng, HEX, rng.choice((32, 40, 64)))
    if kind == 2:
        return _b64(rng.randbytes(rng.choice((24, 33, 48))))
    return (
        _chars(rng, ALNUM, 2)
        + _chars(rng, ALNUM + "!#%^*-_+", rng.randint(14, 28))
        + _chars(rng, ALNUM, 2)
    )


def _url_password(rng: random.Random) -> str:
    """A password that needs no escaping in a URL or an unquoted shell word."""
    if rng.random() < 0.5:
        return _chars(rng, ALNUM, rng.choice((16, 20, 24)))
    word = rng.choice(WORDS).capitalize()
    return f"{word}{rng.choice('-_.~')}{rng.randint(10, 9999)}{_chars(rng, ALNUM, 2)}"


def _any_password(rng: random.Random) -> str:
    return _human_password(rng) if rng.random() < 0.5 else _random_secret(rng)


def _pem(rng: random.Random) -> str:
    kind = rng.choice(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"))
    body = _b64(rng.randbytes(rng.choice((240, 480, 900))))
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN {kind}-----\n{lines}\n-----END {kind}-----"


def _ctx(*templates: str, value: Token = _any_password) -> Token:
    """A literal family: one of ``templates`` with a value; returns a marker-joined text."""

    def build(rng: random.Random) -> str:
        template = rng.choice(templates)
        return (
            template.replace("{u}", rng.choice(USERS)).replace("{h}", rng.choice(HOSTS))
            + "\x00"
            + value(rng)
        )

    return build


LITERAL: dict[str, Token] = {
    "dotenv_password": _ctx(
        "DB_PASSWORD={v}\nDB_USER={u}\n",
        "POSTGRES_PASSWORD={v}\n",
        "# local only\nMYSQL_ROOT_PASSWORD={v}\n",
        "SMTP_PASS={v}\nSMTP_HOST=mail.corp.lan\n",
    ),
    "postgres_url": _ctx(
        "DATABASE_URL=postgresql://{u}:{v}@{h}:5432/orders\n",
        'engine = create_engine("postgresql+psycopg2://{u}:{v}@{h}/analytics")\n',
        value=_url_password,
    ),
    "mongo_url": _ctx(
        'MONGO_URI="mongodb+srv://{u}:{v}@cluster0.ab1cd.mongodb.net/app?retryWrites=true"\n',
        'mongosh "mongodb://{u}:{v}@{h}:27017/admin"\n',
        value=_random_secret,
    ),
    "redis_url": _ctx(
        "CELERY_BROKER_URL=redis://:{v}@{h}:6379/0\n",
        "rediss://default:{v}@{h}:6380\n",
        value=_url_password,
    ),
    "amqp_url": _ctx("amqp://{u}:{v}@{h}:5672/%2F\n", value=_url_password),
    "jdbc": _ctx(
        "jdbc:sqlserver://{h}:1433;databaseName=crm;user={u};password={v};encrypt=true\n",
        "spring.datasource.url=jdbc:mysql://{h}/shop?user={u}&password={v}&useSSL=true\n",
        value=_url_password,
    ),
    "ado_connection": _ctx(
        '<add name="Main" connectionString="Server={h};Database=Billing;User Id={u};'
        'Password={v};" providerName="System.Data.SqlClient" />\n'
    ),
    "spring_properties": _ctx("spring.datasource.username={u}\nspring.datasource.password={v}\n"),
    "ini_file": _ctx(
        "[database]\nhost = {h}\nuser = {u}\npassword = {v}\n",
        '[client]\nuser={u}\npassword="{v}"\n',
    ),
    "yaml_config": _ctx(
        'database:\n  host: {h}\n  username: {u}\n  password: "{v}"\n',
        "smtp:\n  user: {u}\n  pass: '{v}'\n  port: 587\n",
    ),
    "json_config": _ctx(
        '{\n  "db": {"user": "{u}", "password": "{v}"},\n  "debug": false\n}\n',
        '{"client_id": "reporting", "client_secret": "{v}"}\n',
        value=_random_secret,
    ),
    "xml_config": _ctx(
        "<datasource>\n  <username>{u}</username>\n  <password>{v}</password>\n</datasource>\n",
        "<server>\n  <id>nexus</id>\n  <username>{u}</username>\n"
        "  <password>{v}</password>\n</server>\n",
    ),
    "python_code": _ctx(
        'conn = psycopg2.connect(host="{h}", user="{u}", password="{v}")\n',
        "SECRET_KEY = '{v}'\nDEBUG = False\n",
        'API_SECRET = "{v}"  # prod\n',
    ),
    "js_code": _ctx(
        "const pool = mysql.createPool({ host: '{h}', user: '{u}', password: '{v}' });\n",
        "module.exports = { jwtSecret: \"{v}\", expiresIn: '1h' };\n",
    ),
    "java_code": _ctx(
        'private static final String DB_PASSWORD = "{v}";\n', 'ds.setPassword("{v}");\n'
    ),
    "csharp_code": _ctx('var cred = new NetworkCredential("{u}", "{v}");\n'),
    "go_code": _ctx(
        'cfg := mysql.Config{User: "{u}", Passwd: "{v}", Net: "tcp", Addr: "{h}:3306"}\n'
    ),
    "php_code": _ctx(
        "$password = '{v}';\n$pdo = new PDO($dsn, '{u}', $password);\n",
        "define('DB_PASSWORD', '{v}');\n",
    ),
    "ruby_code": _ctx('  password: "{v}",\n  adapter: "postgresql"\n'),
    "shell_cli": _ctx(
        "mysql -u {u} -p'{v}' -h {h} orders < dump.sql\n",
        "$ PGPASSWORD='{v}' psql -h {h} -U {u} -d metrics\n",
        "sshpass -p '{v}' ssh {u}@{h}\n",
        "docker login registry.corp.lan -u {u} -p {v}\n",
        value=_url_password,
    ),
    "cli_flag": _ctx(
        "./migrate --db-user {u} --db-password={v} --dry-run\n",
        'vpn-client connect --username {u} --password "{v}"\n',
        value=_url_password,
    ),
    "basic_auth_url": _ctx(
        "git clone https://{u}:{v}@git.corp.lan/platform/infra.git\n",
        "pip install --index-url https://{u}:{v}@pypi.corp.lan/simple/ internal-lib\n",
        value=_url_password,
    ),
    "bearer_header": _ctx(
        "curl -X POST https://api.corp.lan/jobs -H 'Authorization: Bearer {v}' -d @job.json\n",
        "GET /v2/items HTTP/1.1\nHost: api.corp.lan\nAuthorization: Bearer {v}\n",
        value=lambda r: _chars(r, URLSAFE, r.choice((32, 40, 48))),
    ),
    "api_key_header": _ctx(
        "http GET https://api.corp.lan/stats X-API-Key:{v}\n",
        'requests.get(url, headers={"x-api-key": "{v}"})\n',
        value=_random_secret,
    ),
    "basic_auth_header": _ctx(
        "Authorization: Basic {v}\n",
        value=lambda r: _b64(f"{r.choice(USERS)}:{_human_password(r)}".encode()),
    ),
    "k8s_secret": _ctx(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-creds\ntype: Opaque\ndata:\n"
        "  password: {v}\n",
        value=lambda r: _b64(_random_secret(r).encode()),
    ),
    "k8s_string_data": _ctx('kind: Secret\nstringData:\n  DB_PASSWORD: "{v}"\n'),
    "terraform": _ctx(
        'resource "aws_db_instance" "main" {\n  username = "{u}"\n  password = "{v}"\n}\n',
        'variable "admin_password" {\n  default = "{v}"\n}\n',
    ),
    "dockerfile": _ctx(
        'FROM python:3.12-slim\nENV DB_PASSWORD={v}\nCMD ["gunicorn", "app:app"]\n',
        "ARG NPM_AUTH={v}\nRUN npm ci\n",
    ),
    "docker_compose": _ctx(
        "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: {v}\n"
    ),
    "ci_file": _ctx(
        'deploy:\n  stage: deploy\n  variables:\n    DEPLOY_PASSWORD: "{v}"\n',
        "steps:\n  - run: ./release.sh\n    env:\n      REGISTRY_PASSWORD: {v}\n",
    ),
    "ansible": _ctx("ansible_user: {u}\nansible_become_pass: {v}\n"),
    "htpasswd_plain_chat": _ctx(
        "the wifi in the lab is Lab-5G, password is {v}\n",
        "new login for the staging admin panel: {u} / {v}\n",
        "meu usuário é {u} e a senha {v}, pode testar?\n",
        "Zugangsdaten für den Testserver: Benutzer {u}, Passwort: {v}\n",
        "le mot de passe du compte {u} est {v}\n",
        value=_human_password,
    ),
    "private_key": _ctx(
        "here is the deploy key:\n```\n{v}\n```\n", "ssh_private_key: |\n{v}\n", value=_pem
    ),
    "log_line": _ctx(
        "2024-11-03 12:00:01 WARN auth: login failed user={u} password={v} ip=10.0.3.7\n",
        "[worker-3] connecting with credentials {u}:{v}\n",
        value=_url_password,
    ),
    "netrc": _ctx("machine api.corp.lan login {u} password {v}\n", value=_url_password),
    "npmrc": _ctx("//npm.corp.lan/:_authToken={v}\n", value=_uuid),
    "wp_config": _ctx(
        "define( 'AUTH_KEY', '{v}' );\n",
        value=lambda r: (
            _chars(r, ALNUM, 1) + _chars(r, ALNUM + "!@#%^*()-_[]<>~+=", 62) + _chars(r, ALNUM, 1)
        ),
    ),
    "notebook_cell": _ctx(
        'In [3]: openai_client = connect(key="{v}")\n',
        '# %% [cell]\npassword = "{v}"\nsession.login("{u}", password)\n',
    ),
    "powershell": _ctx("$secure = ConvertTo-SecureString '{v}' -AsPlainText -Force\n"),
    "jwt_secret_toml": _ctx('[auth]\njwt_secret = "{v}"\n', value=_random_secret),
}


def _literal(rng: random.Random) -> list[Case]:
    families = list(LITERAL)
    cases = []
    for index in range(SIZES["literal"]):
        if index % len(families) == 0:
            rng.shuffle(families)
        family = families[index % len(families)]
        template, value = LITERAL[family](rng).split("\x00")
        if family == "private_key" and template.startswith("ssh_private_key"):
            value = value.replace("\n", "\n  ")
            template = template.replace("|\n{v}", "|\n  {v}")
        text, spans = _join(_fill(template, value))
        cases.append(Case(family, "literal", text, spans))
    return cases


# --- negative: what the suites list as must-not-fire --------------------------------------


def _ipv6(rng: random.Random) -> str:
    groups = [f"{rng.randrange(0x10000):x}" for _ in range(rng.choice((3, 4)))]
    return "2001:db8:" + ":".join(groups) + "::" + f"{rng.randrange(1, 0xFFFF):x}"


def _semver(rng: random.Random) -> str:
    return f"{rng.randint(0, 12)}.{rng.randint(0, 40)}.{rng.randint(0, 99)}"


def _sha(rng: random.Random, size: int = 40) -> str:
    return _chars(rng, HEX, size)


def _substitute(template: str, slots: dict[str, Callable[[], str]]) -> str:
    """Replace each ``{slot}`` of ``template`` with a fresh draw, one draw per occurrence."""
    for key, make in slots.items():
        while "{" + key + "}" in template:
            template = template.replace("{" + key + "}", make(), 1)
    return template


def _n(rng: random.Random, template: str) -> str:
    """Fill the ``{...}`` slots of a negative's template with harmless random values."""
    slots = {
        "ip6": lambda: _ipv6(rng),
        "port": lambda: str(rng.choice((22, 80, 443, 5432, 6379, 8080, 9092, 27017))),
        "subnet": lambda: (
            f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.0/{rng.choice((16, 20, 24))}"
        ),
        "ver": lambda: _semver(rng),
        "date": lambda: (
            f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ),
        "sha1": lambda: _sha(rng),
        "sha256": lambda: _sha(rng, 64),
        "md5": lambda: _sha(rng, 32),
        "short": lambda: _sha(rng, 7),
        "uuid": lambda: _uuid(rng),
        "num": lambda: str(rng.randint(100, 99999)),
        "word": lambda: rng.choice(WORDS),
        "color": lambda: _chars(rng, HEXU, 6),
        "b64": lambda: _b64(
            rng.choice(
                (
                    b"hello world, this is a test payload",
                    b'{"page": 2, "size": 50}',
                    b"The quick brown fox jumps over the lazy dog",
                    b"id,name,qty\n1,bolt,40\n",
                )
            )
        ),
        "pub": lambda: _b64(rng.randbytes(rng.choice((51, 279)))),
        "mask": lambda: _chars(rng, ALNUM, 4),
        "aws_doc_id": lambda: "AKIA" + rng.choice(("IOSFODNN7", "I44QH8DHB")) + "EXAMPLE",
        "aws_doc_secret": lambda: "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY",
    }
    return _substitute(template, slots)


NEGATIVE: dict[str, tuple[str, ...]] = {
    "ipv6": (
        "listen [{ip6}]:{port};\n",
        "ping6 {ip6} -> 64 bytes from {ip6}: icmp_seq=1 ttl=57 time=11.2 ms\n",
    ),
    "ports_subnets": (
        "ALLOWED_CIDR={subnet}\nAPP_PORT={port}\n",
        "ufw allow from {subnet} to any port {port}\n",
    ),
    "versions": (
        "requests=={ver}\nurllib3=={ver}\nnumpy>={ver}\n",
        "Bumped chart version from {ver} to {ver}\n",
        '"dependencies": {"react": "^{ver}", "vite": "~{ver}"}\n',
    ),
    "dates": (
        "Release window: {date} 22:00 UTC to {date} 02:00 UTC\n",
        "created_at,updated_at\n{date}T08:00:00Z,{date}T09:12:44Z\n",
    ),
    "checksums": (
        "sha256sum: {sha256}  terraform_{ver}_linux_amd64.zip\n",
        "MD5 ({word}.tar.gz) = {md5}\n",
        "integrity: sha512-checksum-of-tarball (see lockfile), sha1: {sha1}\n",
    ),
    "git_sha": (
        "commit {sha1}\nMerge: {short} {short}\n",
        "fixed in {short} (cherry-picked onto release/{ver})\n",
        "$ git checkout {sha1} -- src/app.py\n",
    ),
    "uuid_ids": (
        "request_id={uuid} status=200 duration_ms={num}\n",
        "GET /api/v1/orders/{uuid} 404\n",
        '{"tenant_id": "{uuid}", "plan": "team"}\n',
    ),
    "build_coords": (
        "implementation 'com.squareup.okhttp3:okhttp:{ver}'\n",
        "image: ghcr.io/acme/worker:{ver}@sha256:{sha256}\n",
        "<version>{ver}</version>\n<artifactId>spring-boot-starter-web</artifactId>\n",
    ),
    "empty_assign": (
        "DB_PASSWORD=\nAPI_KEY=\nDEBUG=true\n",
        'password: ""\ntoken: null\n',
        "secret = None  # set at runtime\n",
    ),
    "placeholders": (
        "OPENAI_API_KEY=<your-key-here>\n",
        "api_key: xxxxxxxxxxxxxxxxxxxxxxxx\n",
        "DB_PASSWORD=changeme\n",
        "password: ${DB_PASSWORD}\n",
        "token: {{ secrets.DEPLOY_TOKEN }}\n",
        "STRIPE_KEY=your_stripe_secret_key_here\n",
        "export GITHUB_TOKEN=<paste token>\n",
        '"password": "YOUR_PASSWORD"\n',
        "AWS_SECRET_ACCESS_KEY=REPLACE_ME\n",
    ),
    "env_refs": (
        'api_key = os.environ["OPENAI_API_KEY"]\n',
        "const key = process.env.STRIPE_SECRET_KEY;\n",
        "password = os.getenv('DB_PASSWORD', '')\n",
        'token := os.Getenv("SLACK_BOT_TOKEN")\n',
        'String pw = System.getenv("DB_PASSWORD");\n',
    ),
    "vault_refs": (
        "password: vault:secret/data/prod/db#password\n",
        "DB_PASS=arn:aws:secretsmanager:eu-west-1:{num}:secret:prod/db\n",
        "key: !secret api_key\n",
        "password: ((concourse-db-password))\n",
        "valueFrom:\n  secretKeyRef:\n    name: db-creds\n    key: password\n",
    ),
    "doc_examples": (
        "aws_access_key_id = {aws_doc_id}\n",
        "Example (from the AWS docs): export AWS_ACCESS_KEY_ID={aws_doc_id}\n",
        "aws_secret_access_key = {aws_doc_secret}  # documentation example\n",
    ),
    "redacted": (
        "OPENAI_API_KEY=sk-...{mask}\n",
        "token: ****************\n",
        "password=[REDACTED]\n",
        "Authorization: Bearer <redacted>\n",
        "key ending in …{mask} was rotated on {date}\n",
        'api_key: "********"  # masked in logs\n',
    ),
    "public_keys": (
        "ssh-ed25519 {pub} deploy@ci\n",
        "-----BEGIN PUBLIC KEY-----\n{pub}\n-----END PUBLIC KEY-----\n",
        "ssh-rsa {pub} laptop\n",
    ),
    "file_paths": (
        "/var/lib/postgresql/16/main/base/{num}/pg_filenode.map\n",
        "C:\\Users\\Public\\Documents\\reports\\{date}\\summary.xlsx\n",
        'File "/opt/app/venv/lib/python3.12/site-packages/urllib3/connectionpool.py", line {num}\n',
    ),
    "base64_data": ("data: {b64}\n", 'payload="{b64}"  # base64 of the test fixture\n'),
    "css_colors": (
        ".btn-primary { color: #{color}; background: #{color}; border-color: #{color}; }\n",
        "--brand-accent: #{color};\n",
    ),
    "minified": (
        '!function(e,t){"object"==typeof exports?module.exports=t():e.lib=t()}'
        "(this,function(){return{a:1}});\n",
        "var n=function(t){return t&&t.__esModule?t:{default:t}},r=n(o),i=n(a);\n",
    ),
    "i18n_keys": (
        '"auth.password.reset.title": "Reset your password",\n'
        '"auth.token.expired": "Session expired"\n',
        "t('settings.api_key.description')\n",
        "password_hint=Use at least 12 characters\n",
    ),
    "prose_passwords": (
        "Please never share your password in Slack; use the vault link instead.\n",
        "Reminder: rotate the API keys every 90 days and revoke unused tokens.\n",
        "Das Passwort muss mindestens zwölf Zeichen lang sein und eine Zahl enthalten.\n",
        "Si olvidaste tu contraseña, usa el enlace de recuperación en la pantalla de inicio.\n",
        "Le jeton d'accès expire après une heure ; il faut en demander un nouveau.\n",
        "パスワードは定期的に変更してください。\n",
    ),
    "hashes_named": (
        'password_hash = "{sha256}"  # sha256 of the fixture file, not a secret\n',
        'ETag: "{md5}"\n',
        "Docker image digest sha256:{sha256}\n",
    ),
    "k8s_no_secret": (
        'apiVersion: v1\nkind: ConfigMap\ndata:\n  LOG_LEVEL: debug\n  REPLICAS: "3"\n',
    ),
    "log_noise": (
        "{date} 10:22:01 INFO token refresh scheduled in {num}s\n",
        '{date} 10:22:03 ERROR password authentication failed for user "app"\n',
    ),
    "jwt_header_only": ("alg=HS256 typ=JWT kid={uuid}\n",),
    "feature_flags": ("FEATURE_NEW_CHECKOUT=true\nMAX_RETRIES=5\nTIMEOUT_SECONDS=30\n",),
    "test_names": (
        "def test_rejects_wrong_password(client):\n"
        '    assert client.login("app", "").status_code == 401\n',
    ),
    "sql": (
        "SELECT id, email_verified FROM users"
        " WHERE password_reset_at < now() - interval '30 days';\n",
    ),
    "iac_references": (
        "password = var.db_password\nusername = data.aws_ssm_parameter.user.value\n",
        "auth:\n  existingSecret: postgres-credentials\n  secretKeys:\n    adminPasswordKey: pw\n",
        "DB_PASSWORD: !Ref DatabasePasswordParam\n",
    ),
    "lorem_and_ids": (
        "<ProjectGuid>{{uuid}}</ProjectGuid>\n<RootNamespace>Billing.Api</RootNamespace>\n",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit, token {num} of the list.\n",
    ),
    "markdown_table": (
        "| Setting | Default |\n|---|---|\n| token_ttl | 3600 |\n| max_keys | {num} |\n",
    ),
}


def _negatives(rng: random.Random) -> list[Case]:
    families = list(NEGATIVE)
    cases, seen = [], set()
    for index in range(SIZES["negative"]):
        if index % len(families) == 0:
            rng.shuffle(families)
        family = families[index % len(families)]
        text = _n(rng, rng.choice(NEGATIVE[family]))
        for _ in range(20):  # prefer a text not drawn yet; fixed templates may repeat
            if text not in seen:
                break
            family = rng.choice(families)
            text = _n(rng, rng.choice(NEGATIVE[family]))
        seen.add(text)
        cases.append(Case(family, "negative", text, harmless=True))
    return cases


# --- pii: people's data in chat-shaped text ----------------------------------------------

GIVEN = (
    "Amara",
    "Henrik",
    "Yuki",
    "Mateo",
    "Priya",
    "Olusegun",
    "Ingrid",
    "Tomasz",
    "Leila",
    "Dmitri",
    "Camila",
    "Siobhan",
    "Kwame",
    "Annika",
    "Rafael",
    "Mei-Ling",
    "Farhan",
    "Beatriz",
    "Jonas",
    "Aisha",
)
FAMILY = (
    "Okonkwo",
    "Lindqvist",
    "Tanaka",
    "Fernández",
    "Raghunathan",
    "Adeyemi",
    "Kowalczyk",
    "Haddad",
    "Volkov",
    "O'Sullivan",
    "Mensah",
    "Bergström",
    "Moreira",
    "Nguyen",
    "Schäfer",
    "Castellanos",
)
MAIL_DOMAINS = (
    "gmail.com",
    "outlook.com",
    "fastmail.fm",
    "web.de",
    "yahoo.co.jp",
    "northwind-logistics.com",
    "contoso.org",
    "proton.me",
)
PHONE_SHAPES = (
    ("US", "+1 ({a}) {b}-{c}"),
    ("US", "({a}) {b}-{c}"),
    ("GB", "+44 7{d} {e}"),
    ("DE", "+49 15{f} {g}"),
    ("FR", "+33 6 {h}"),
    ("IN", "+91 9{i} {j}"),
    ("BR", "+55 11 9{k}-{l}"),
    ("AU", "+61 4{m} {n3} {o}"),
)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def _email(rng: random.Random) -> str:
    given, family = rng.choice(GIVEN).lower(), rng.choice(FAMILY).lower()
    family = family.translate(str.maketrans("áäöé", "aaoe", "'"))
    given = given.replace("-", "")
    local = rng.choice((f"{given}.{family}", f"{given[0]}{family}", f"{given}{rng.randint(7, 98)}"))
    return f"{local}@{rng.choice(MAIL_DOMAINS)}"


def _phone(rng: random.Random) -> str:
    while True:
        region, shape = rng.choice(PHONE_SHAPES)
        number = shape.format(
            a=f"{rng.randint(2, 9)}{_chars(rng, DIGITS, 2)}",
            b=f"{rng.randint(2, 9)}{_chars(rng, DIGITS, 2)}",
            c=_chars(rng, DIGITS, 4),
            d=_chars(rng, DIGITS, 3),
            e=_chars(rng, DIGITS, 6),
            f=_chars(rng, DIGITS, 1),
            g=_chars(rng, DIGITS, 7),
            h=" ".join(_chars(rng, DIGITS, 2) for _ in range(4)),
            i=_chars(rng, DIGITS, 4),
            j=_chars(rng, DIGITS, 5),
            k=_chars(rng, DIGITS, 4),
            l=_chars(rng, DIGITS, 4),
            m=_chars(rng, DIGITS, 2),
            n3=_chars(rng, DIGITS, 3),
            o=_chars(rng, DIGITS, 3),
        )
        if phonenumbers.is_valid_number(phonenumbers.parse(number, region)):
            return number


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.25:
        groups = [f"{rng.randrange(0x1000, 0xFFFF):x}", f"{rng.randrange(0x10000):x}"]
        return f"2a02:{':'.join(groups)}:{rng.randrange(1, 0xFFFF):x}::{rng.randrange(1, 0xFF):x}"
    first = rng.choice((31, 46, 62, 81, 84, 93, 109, 151, 176, 185, 188, 212, 217))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


PII: dict[str, tuple[str, Token, tuple[str, ...]]] = {
    "person": (
        "PERSON",
        _person,
        (
            "Can you write a short thank-you note to {v} for covering my on-call shift?\n",
            "Meeting notes: {v} will own the migration, due next sprint.\n",
            "Hi team, please welcome {v}, who joins the data platform group on Monday!\n",
            "Bitte schreib eine höfliche Absage an {v} wegen des Vorstellungsgesprächs.\n",
            "Resumen: {v} aprobó el presupuesto del tercer trimestre.\n",
            "assignee: {v}\nstatus: in progress\npriority: P2\n",
        ),
    ),
    "email": (
        "EMAIL_ADDRESS",
        _email,
        (
            "please forward the invoice to {v} before friday\n",
            "From: {v}\nSubject: Re: contract renewal\n",
            'git config user.email "{v}"\n',
            '{"customer": {"email": "{v}", "tier": "gold"}}\n',
            "Merci d'envoyer le devis à {v} dès que possible.\n",
        ),
    ),
    "phone": (
        "PHONE_NUMBER",
        _phone,
        (
            "call me back on {v} after 6pm please\n",
            "Kontakt für Rückfragen: {v}\n",
            "Mi número es {v}, escríbeme por WhatsApp.\n",
            "customer_phone,plan\n{v},premium\n",
            "Emergency contact: {v} (mobile)\n",
        ),
    ),
    "credit_card": (
        "CREDIT_CARD",
        credit_card,
        (
            "the charge failed on card {v}, exp 09/27, can you check why?\n",
            "Payment log: card_number={v} amount=129.00 EUR declined\n",
            "Mi tarjeta es {v}, ¿por qué me cobraron dos veces?\n",
            "| customer | card |\n|---|---|\n| 4471 | {v} |\n",
        ),
    ),
    "us_ssn": (
        "US_SSN",
        us_ssn,
        (
            "For the W-9 my SSN is {v}, is that all you need?\n",
            "Employee record: ssn={v}, start date 2023-04-01\n",
            "Please verify the applicant's social security number {v} against the form.\n",
        ),
    ),
    "iban": (
        "IBAN_CODE",
        iban,
        (
            "Bitte überweisen Sie den Betrag auf IBAN {v}.\n",
            "Can you check why the transfer to {v} bounced?\n",
            'vendor_iban: "{v}"\nterms: net30\n',
            "Virement à effectuer sur le compte {v} avant la fin du mois.\n",
        ),
    ),
    "ip_address": (
        "IP_ADDRESS",
        _ip,
        (
            "The suspicious logins all came from {v}, should we block it?\n",
            '{v} - - [12/Mar/2024:10:01:07 +0000] "GET /login HTTP/1.1" 200 512\n',
            "sshd[2211]: Failed password for invalid user from {v} port 50122\n",
            "Mein Heimrouter hat die Adresse {v}, kann ich die freischalten lassen?\n",
        ),
    ),
}


def _pii(rng: random.Random) -> list[Case]:
    families = list(PII)
    cases, seen = [], set()
    while len(cases) < SIZES["pii"]:
        family = families[len(cases) % len(families)]
        entity, make, templates = PII[family]
        value = make(rng)
        before, after = rng.choice(templates).split("{v}")
        text, spans = _join([(before, None), (value, entity), (after, None)])
        if text not in seen:
            seen.add(text)
            cases.append(Case(family, "pii", text, spans))
    return cases


# --- pii_negative: look-alikes holding no person, contact, card, id, account or place ----


def _isbn13(rng: random.Random) -> str:
    body = "978" + _chars(rng, DIGITS, 9)
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
    return f"{body[:3]}-{body[3]}-{body[4:8]}-{body[8:]}-{check}"


def _p(rng: random.Random, template: str) -> str:
    """Fill the ``{...}`` slots of a look-alike's template."""
    slots = {
        "order": lambda: (
            f"{rng.choice(('ORD', 'INV', 'PO', 'RMA'))}-{rng.randint(2019, 2026)}"
            f"/{_chars(rng, DIGITS, 5)}"
        ),
        "ticket": lambda: f"{rng.choice(('JIRA', 'OPS', 'SUP', 'BUG'))}-{rng.randint(100, 9999)}",
        "ver": lambda: _semver(rng),
        "ts": lambda: (
            f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
            f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{_chars(rng, DIGITS, 3)}Z"
        ),
        "epoch": lambda: str(rng.randint(1_600_000_000, 1_800_000_000)),
        "sku": lambda: (
            f"{_chars(rng, UPPER, 3)}-{_chars(rng, DIGITS, 4)}-"
            f"{rng.choice(('BLK', 'WHT', 'XL', 'M'))}"
        ),
        "isbn": lambda: _isbn13(rng),
        "track": lambda: f"1Z{_chars(rng, UPPER + DIGITS, 16)}",
        "small": lambda: str(rng.randint(2, 99)),
        "money": lambda: f"{rng.randint(10, 9999)}.{rng.randint(0, 99):02d}",
        "pct": lambda: f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%",
        "sha": lambda: _sha(rng, 12),
        "ms": lambda: str(rng.randint(3, 4000)),
    }
    return _substitute(template, slots)


PII_NEGATIVE: dict[str, tuple[str, ...]] = {
    "order_numbers": (
        "Order {order} shipped, total {money} EUR.\n",
        "refund for {order} was approved in ticket {ticket}\n",
        "Rechnung {order} ist seit {small} Tagen überfällig.\n",
    ),
    "tickets": (
        "{ticket}: login page returns 500 after upgrade to {ver}\n",
        "Closing {ticket} as duplicate of {ticket}.\n",
        "Ticket {ticket} — prioridad alta, reproducible en {ver}\n",
    ),
    "versions": (
        "Upgraded from {ver} to {ver}; no breaking changes.\n",
        "pip install fastapi=={ver} uvicorn=={ver}\n",
    ),
    "timestamps": (
        "{ts} INFO worker heartbeat ok latency_ms={ms}\n",
        "last_seen={epoch} next_run={epoch}\n",
        "Backup finished at {ts} ({ms} ms)\n",
    ),
    "skus": (
        "SKU {sku} is out of stock; restock qty {small}.\n",
        "| sku | qty | price |\n|---|---|---|\n| {sku} | {small} | {money} |\n",
    ),
    "isbn": ("ISBN {isbn}, paperback, {small} chapters\n", "Referenz: ISBN {isbn}\n"),
    "tracking": (
        "Tracking number {track}, expected in {small} days.\n",
        "package {track} status=IN_TRANSIT\n",
    ),
    "math": (
        "If x = {small} and y = {small}, then x * y + 3 = ?\n",
        "The integral of 2x from 0 to {small} equals its square.\n",
        "Compute {money} * {small} / 3.5 and round to 2 decimals.\n",
    ),
    "code": (
        "for (let i = 0; i < {small}; i++) { total += items[i].price; }\n",
        "def retry(times: int = {small}) -> Callable:\n    return backoff(times)\n",
        "SELECT COUNT(*) FROM orders WHERE created_at > now() - interval '{small} days';\n",
    ),
    "headings": (
        "## Quarterly Revenue Summary\nGrowth was {pct} quarter over quarter.\n",
        "# Incident Review: Cache Stampede\nImpact: {pct} of requests slower than {ms} ms.\n",
        "### Getting Started With The Dashboard\nClick New Report, then Save.\n",
    ),
    "product_names": (
        "Does the Galaxy Tab support USB-C charging at {small} W?\n",
        "Kubernetes {ver} deprecates the old Ingress API.\n",
        "Is PostgreSQL {small} faster than MySQL for JSON queries?\n",
    ),
    "metrics": (
        "p95 latency {ms} ms, p99 {ms} ms, error rate {pct}\n",
        "cpu={pct} mem={pct} disk={pct}\n",
    ),
    "hashes": ("build {sha} passed {small}/{small} checks\n", "cache key: v{small}-{sha}\n"),
    "prose": (
        "Lo siento, no puedo ayudar con eso ahora; inténtalo de nuevo en {small} minutos.\n",
        "Peux-tu résumer ce document en {small} points clés ?\n",
        "Kannst du diesen Absatz kürzer und freundlicher formulieren?\n",
        "Explain the difference between a process and a thread in simple words.\n",
    ),
    "measurements": (
        "Dimensions: {small} x {small} x {small} cm, weight {money} g\n",
        "Temperature rose by {pct} to {small}.5 °C\n",
    ),
}


def _pii_negatives(rng: random.Random) -> list[Case]:
    families = list(PII_NEGATIVE)
    cases, seen = [], set()
    while len(cases) < SIZES["pii_negative"]:
        family = families[len(cases) % len(families)]
        text = _p(rng, rng.choice(PII_NEGATIVE[family]))
        if text not in seen:
            seen.add(text)
            cases.append(Case(family, "pii_negative", text, harmless=True))
    return cases


BUILDERS = (_literal, _generated, _negatives, _pii, _pii_negatives)


def round9_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """The whole round, deterministic per seed: one generator threads through every builder."""
    rng = random.Random(seed)
    return [case for build in BUILDERS for case in build(rng)]
