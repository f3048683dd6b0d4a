"""Blind round 6 of the peer evaluation: cases written without ever seeing the detector.

Written by a blind engineer ("blind6") from what public suites document: gitleaks' rule
definitions (``cmd/generate/config/rules``: each rule's format and its true and false
positives), detect-secrets' plugin tests (``tests/plugins``), trufflehog's detector tests
(``pkg/detectors``) and Presidio's analyzer tests (the recognizers' positive and negative
cases). Nothing is copied: every key-shaped value is built here at run time from the format
those sources describe, and every text is our own. The round was frozen (merged) before the
detector first ran on it, and no case changed afterwards.

Kinds: ``literal`` (credentials written by hand in configs, code, shells and chats),
``generated`` (vendor tokens from their documented formats), ``negative`` (harmless texts
the suites list as must-not-fire), ``pii`` and ``pii_negative`` (look-alikes without any
personal data). ``round6_cases(seed)`` is deterministic per seed.
"""

from __future__ import annotations

import json
import random
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

Rng = random.Random
UPDIG = UPPER + DIGITS
LOWDIG = LOWER + DIGITS

SIZES = {"literal": 150, "generated": 200, "negative": 200, "pii": 60, "pii_negative": 100}

# --- realistic values --------------------------------------------------------------------

_WORDS = (
    "Tulip", "Falke", "Marmot", "Ciruela", "Girasole", "Kestrel", "Moerbei", "Sakura",
    "Tundra", "Pelican", "Zitrone", "Orchidee", "Bramble", "Koala", "Mistral", "Quokka",
    "Lavanda", "Nordlys", "Copper", "Juniper", "Papagaio", "Horizon", "Walnuss", "Biscuit",
)  # fmt: skip
_SYMBOLS = "!#%*?+"
_URL_SYMBOLS = "!*~"


def _human_password(rng: Rng, symbols: str = _SYMBOLS) -> str:
    """A password a person picks: a word, digits, a symbol, a few letters, in some order."""
    word = rng.choice(_WORDS)
    digits = _chars(rng, DIGITS, rng.randint(2, 4))
    tail = _chars(rng, ALNUM, rng.randint(2, 4))
    symbol = rng.choice(symbols)
    shape = rng.randrange(4)
    if shape == 0:
        return f"{word}{symbol}{digits}{tail}"
    if shape == 1:
        return f"{word.lower()}{digits}{symbol}{word[:2].upper()}{tail}"
    if shape == 2:
        return f"{tail}{symbol}{word}{digits}"
    return f"{rng.choice(_WORDS)}-{word.lower()}-{digits}{tail}"


def _machine_secret(rng: Rng, length: int = 24, alphabet: str = ALNUM) -> str:
    return _chars(rng, alphabet, length)


def _password(rng: Rng, symbols: str = _SYMBOLS) -> str:
    if rng.random() < 0.6:
        return _human_password(rng, symbols)
    return _machine_secret(rng, rng.choice((16, 20, 24, 32)))


def _user(rng: Rng) -> str:
    return rng.choice(("admin", "svc_etl", "deploy", "app_rw", "root", "reporting", "ci-bot"))


def _host(rng: Rng) -> str:
    return rng.choice(
        ("db-prod-02.internal", "pg.core.lan", "10.20.3.14", "mysql-primary", "cache-01",
         "rabbit.svc.cluster.local", "sql-eu1.corp.net", "mongo-a.shard0.internal")
    )  # fmt: skip


_DER_HEADS = {  # how the DER encoding of each kind starts, so bodies look like the real ones
    "PUBLIC KEY": "30820122300d06092a864886f70d01010105000382010f003082010a0282010100",
    "CERTIFICATE": "308204a830820390a003020102",
    "RSA PRIVATE KEY": "308204a40201000282010100",
    "PRIVATE KEY": "308204be020100300d06092a864886f70d0101010500048204a8",
    "EC PRIVATE KEY": "30770201010420",
    "OPENSSH PRIVATE KEY": "6f70656e7373682d6b65792d763100",
}


def _pem(rng: Rng, kind: str) -> str:
    size = 100 if kind == "EC PRIVATE KEY" else rng.choice((280, 600, 900))
    body = _b64(bytes.fromhex(_DER_HEADS[kind]) + rng.randbytes(size))
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN {kind}-----\n{lines}\n-----END {kind}-----"


def _rotation(rng: Rng, names: list[str], kind: str) -> list[str]:
    """The families of a kind in a shuffled rotation, as many as the kind's size."""
    order = names * (SIZES[kind] // len(names) + 1)
    rng.shuffle(order)
    return order[: SIZES[kind]]


def _harmless(rng: Rng, kind: str, families: dict[str, Callable[[Rng], str]]) -> list[Case]:
    return [Case(family, kind, families[family](rng), harmless=True)
            for family in _rotation(rng, list(families), kind)]  # fmt: skip


# --- literal credentials -----------------------------------------------------------------

LiteralFamily = Callable[[Rng], Segments]


def _lit(before: str, after: str, value: Callable[[Rng], str]) -> LiteralFamily:
    """A family whose text is ``before`` + the secret + ``after`` (formatted with rng)."""

    def build(rng: Rng) -> Segments:
        user, host = _user(rng), _host(rng)
        return [
            (before.format(user=user, host=host, n=rng.randint(2, 99)), None),
            (value(rng), SECRET),
            (after.format(user=user, host=host, n=rng.randint(2, 99)), None),
        ]

    return build


def _url_password(rng: Rng) -> str:
    return _password(rng, _URL_SYMBOLS)


def _basic_header(rng: Rng) -> Segments:
    raw = f"{_user(rng)}:{_password(rng)}".encode()
    tool = rng.choice(
        (
            "curl -s -H 'Authorization: Basic ",
            "GET /api/v2/jobs HTTP/1.1\nHost: jenkins.corp.net\nAuthorization: Basic ",
        )
    )
    end = "' https://jenkins.corp.net/api/json" if tool.startswith("curl") else "\nAccept: */*\n"
    return [(tool, None), (_b64(raw), SECRET), (end, None)]


def _k8s_secret(rng: Rng) -> Segments:
    value = _b64(_password(rng).encode())
    return [
        ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing-db\ntype: Opaque\n"
         "data:\n  username: " + _b64(_user(rng).encode()) + "\n  password: ", None),
        (value, SECRET),
        ("\n", None),
    ]  # fmt: skip


def _escaped_service_account(rng: Rng) -> Segments:
    key = _pem(rng, "PRIVATE KEY").replace("\n", "\\\\n")
    prefix = (
        '{"job": "export", "credentials": "{\\"type\\": \\"service_account\\", '
        f'\\"project_id\\": \\"analytics-{rng.randint(100, 999)}\\", '
        f'\\"private_key_id\\": \\"{_chars(rng, HEX, 40)}\\", \\"private_key\\": \\"'
    )
    return [(prefix, None), (key, SECRET), ('\\", \\"client_email\\": \\"etl@x.iam\\"}"}', None)]


def _django_key(rng: Rng) -> str:
    return _chars(rng, ALNUM, 1) + _chars(rng, ALNUM + "!%^&*-_=+", 48) + _chars(rng, ALNUM, 1)


def _aws_credentials_file(rng: Rng) -> Segments:
    key_id = "AKIA" + _chars(rng, BASE32, 16)
    return [
        (f"[default]\naws_access_key_id = {key_id}\naws_secret_access_key = ", None),
        (_chars(rng, B64, 40), SECRET),
        ("\nregion = eu-west-1\n", None),
    ]


def _literal_families() -> dict[str, LiteralFamily]:
    pw, up = _password, _url_password
    sec32 = lambda r: _machine_secret(r, 32)  # noqa: E731
    hex40 = lambda r: _chars(r, HEX, 40)  # noqa: E731
    return {
        "env_password": _lit(
            "APP_ENV=production\nDB_HOST={host}\nDB_USER={user}\nDB_PASSWORD=",
            "\nDB_PORT=5432\n",
            pw,
        ),
        "env_quoted_secret": _lit('# .env.local\nSESSION_SECRET="', '"\nLOG_LEVEL=info\n', sec32),
        "curl_u": _lit("$ curl -u {user}:", " https://artifacts.corp.net/api/storage/libs\n", pw),
        "curl_user_long": _lit(
            "curl --fail --user '{user}:", "' -X POST https://ci.corp.net/job/nightly/build\n", pw
        ),
        "basic_header": _basic_header,
        "token_header": _lit(
            'requests.get(url, headers={{"Authorization": "Token ', '"}})\n', hex40
        ),
        "bearer_header": _lit(
            'curl -H "Authorization: Bearer ',
            '" https://api.internal.example.org/v1/me\n',
            lambda r: _machine_secret(r, 40, URLSAFE),
        ),
        "postgres_url": _lit("DATABASE_URL=postgresql://{user}:", "@{host}:5432/billing\n", up),
        "mongodb_srv": _lit(
            'client = MongoClient("mongodb+srv://{user}:',
            '@cluster0.abcde.mongodb.net/?retryWrites=true")\n',
            up,
        ),
        "redis_url": _lit("REDIS_URL: redis://:", "@{host}:6379/0\n", up),
        "amqp_url": _lit("broker_url = 'amqp://{user}:", "@{host}:5672//'\n", up),
        "jdbc_password": _lit(
            "spring.datasource.url=jdbc:mysql://{host}:3306/shop?user={user}&password=",
            "&useSSL=true\n",
            up,
        ),
        "mssql_connection": _lit(
            '"ConnectionStrings": {{ "Main": "Server={host};Database'
            "=Orders;User Id={user};Password=",
            ';Encrypt=True;" }}\n',
            up,
        ),
        "azure_storage_connection": _lit(
            "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName="
            "stlogs{n};AccountKey=",
            ";EndpointSuffix=core.windows.net\n",
            lambda r: _b64(r.randbytes(64)),
        ),
        "mysql_cli": _lit("mysql -h {host} -u {user} -p", " -e 'SHOW PROCESSLIST'\n", up),
        "pgpassword_env": _lit("PGPASSWORD='", "' psql -h {host} -U {user} -d analytics\n", pw),
        "docker_login": _lit("docker login registry.corp.net -u {user} -p ", "\n", pw),
        "python_assignment": _lit(
            'import psycopg\n\nDB_USER = "{user}"\ndb_password = "',
            '"\nconn = psycopg.connect(user=DB_USER, password=db_password)\n',
            pw,
        ),
        "java_set_property": _lit(
            'System.setProperty("javax.net.ssl.keyStorePassword", "', '");\n', pw
        ),
        "xml_password": _lit(
            "<server>\n  <id>nexus-releases</id>\n  <username>{user}</username>\n  <password>",
            "</password>\n</server>\n",
            pw,
        ),
        "spring_properties": _lit(
            "spring.mail.username={user}\nspring.mail.password=", "\nspring.mail.port=587\n", pw
        ),
        "yaml_password": _lit(
            "database:\n  host: {host}\n  user: {user}\n  password: ", "\n  pool: 10\n", pw
        ),
        "terraform_password": _lit(
            'resource "azurerm_mssql_server" "main" {{\n  '
            'administrator_login          = "{user}"\n  '
            'administrator_login_password = "',
            '"\n}}\n',
            pw,
        ),
        "dockerfile_env": _lit(
            "FROM python:3.12-slim\nENV API_SECRET=", '\nCMD ["gunicorn"]\n', sec32
        ),
        "k8s_secret_data": _k8s_secret,
        "github_actions_with": _lit(
            "      - uses: docker/login-action@v3\n        with:\n"
            "          username: {user}\n          password: ",
            "\n",
            pw,
        ),
        "pypirc": _lit("[pypi]\nusername = {user}\npassword = ", "\n", pw),
        "netrc": _lit("machine git.corp.net login {user} password ", "\n", pw),
        "pgpass": _lit("{host}:5432:billing:{user}:", "\n", up),
        "wp_config": _lit("define( 'DB_USER', '{user}' );\ndefine( 'DB_PASSWORD', '", "' );\n", pw),
        "django_secret_key": _lit("SECRET_KEY = '", "'\nDEBUG = False\n", _django_key),
        "rails_secret_key_base": _lit(
            "production:\n  secret_key_base: ", "\n", lambda r: _chars(r, HEX, 128)
        ),
        "laravel_app_key": _lit(
            "APP_NAME=Shop\nAPP_KEY=base64:", "\nAPP_DEBUG=false\n", lambda r: _b64(r.randbytes(32))
        ),
        "jwt_secret": _lit("JWT_SECRET=", "\nJWT_EXPIRES_IN=3600\n", sec32),
        "suffixed_key_name": _lit('api_token_{n} = "', '"\n', lambda r: _machine_secret(r, 28)),
        "camel_secret_string": _lit(
            'private static final String mySecretString = "',
            '";\n',
            lambda r: _machine_secret(r, 24),
        ),
        "ini_section": _lit("[smtp]\nhost = smtp.corp.net\nuser = {user}\npass = ", "\n", pw),
        "powershell_securestring": _lit(
            '$pw = ConvertTo-SecureString "', '" -AsPlainText -Force\n', pw
        ),
        "git_clone_credential": _lit(
            "git clone https://{user}:", "@git.corp.net/platform/infra.git\n", hex40
        ),
        "ldap_bind": _lit(
            "ldapsearch -x -H ldaps://ldap.corp.net -D 'cn={user},ou=svc,dc=corp,dc=net' -w '",
            "' '(uid=*)'\n",
            pw,
        ),
        "smtp_django": _lit("EMAIL_HOST_USER = 'noreply'\nEMAIL_HOST_PASSWORD = '", "'\n", pw),
        "rsa_private_key": _lit(
            "Here is the deploy key:\n```\n", "\n```\n", lambda r: _pem(r, "RSA PRIVATE KEY")
        ),
        "openssh_private_key": _lit(
            "$ cat ~/.ssh/id_ed25519\n", "\n", lambda r: _pem(r, "OPENSSH PRIVATE KEY")
        ),
        "ec_private_key": _lit("tls.key: |\n", "\n", lambda r: _pem(r, "EC PRIVATE KEY")),
        "chat_password": _lit(
            "hey, the admin pw for the staging grafana is ", " - please don't share it\n", pw
        ),
        "chat_password_de": _lit("Das neue WLAN-Passwort lautet: ", " (gilt ab Montag)\n", pw),
        "chat_password_fr": _lit(
            "Mot de passe du compte de service : ", "\nMerci de le changer après la démo.\n", pw
        ),
        "chat_password_es": _lit(
            "La contraseña del servidor FTP es ", " y el usuario es {user}\n", pw
        ),
        "ansible_become": _lit(
            "all:\n  vars:\n    ansible_user: {user}\n    ansible_become_pass: ", "\n", pw
        ),
        "go_const": _lit('const clientSecret = "', '"\n', lambda r: _machine_secret(r, 32)),
        "csharp_network_credential": _lit(
            'var cred = new NetworkCredential("{user}", "', '");\n', pw
        ),
        "node_pg_client": _lit(
            "const client = new Client({{ user: '{user}', password: '",
            "', host: '{host}' }});\n",
            pw,
        ),
        "query_string_api_key": _lit(
            "GET https://reports.partner.io/v3/export?format=csv&api_key=",
            "&page=2\n",
            lambda r: _chars(r, HEX, 32),
        ),
        "redis_cli": _lit("redis-cli -h {host} -a ", " --no-auth-warning INFO\n", pw),
        "sshpass": _lit("sshpass -p '", "' ssh {user}@{host} uptime\n", pw),
        "oauth_client_secret_json": _lit(
            '{{"client_id": "dashboard", "client_secret": "',
            '", "grant_type": "client_credentials"}}\n',
            lambda r: _machine_secret(r, 32, URLSAFE),
        ),
        "aws_credentials_file": _aws_credentials_file,
        "escaped_service_account_json": _escaped_service_account,
        "notebook_cell": _lit(
            'In [3]: openai_client = Client(api_key="', '")\n', lambda r: _machine_secret(r, 40)
        ),
        "htaccess_proxy_auth": _lit(
            "export HTTPS_PROXY=http://{user}:", "@proxy.corp.net:3128\n", up
        ),
        "sql_identified_by": _lit("CREATE USER '{user}'@'%' IDENTIFIED BY '", "';\n", pw),
    }


# --- generated vendor tokens -------------------------------------------------------------


def _slack_bot(rng: Rng) -> str:
    return f"xoxb-{_chars(rng, DIGITS, 12)}-{_chars(rng, DIGITS, 13)}-{_chars(rng, ALNUM, 24)}"


def _slack_user(rng: Rng) -> str:
    ids = "-".join(_chars(rng, DIGITS, 12) for _ in range(3))
    return f"xoxp-{ids}-{_chars(rng, HEX, 32)}"


def _discord_bot(rng: Rng) -> str:
    head = _b64url(str(rng.randint(10**17, 10**18)).encode())
    return f"{head}.{_chars(rng, URLSAFE, 6)}.{_chars(rng, URLSAFE, 38)}"


def _jwt(rng: Rng) -> str:
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = {"sub": _uuid(rng), "iat": rng.randint(1_600_000_000, 1_800_000_000)}
    payload = _b64url(json.dumps(claims).encode())
    return f"{header}.{payload}.{_b64url(rng.randbytes(32))}"


def _mapbox_secret(rng: Rng) -> str:
    payload = _b64url(json.dumps({"u": f"team{rng.randint(1, 999)}", "a": "clx"}).encode())
    return f"sk.{payload}.{_chars(rng, URLSAFE, 22)}"


def _pypi(rng: Rng) -> str:
    return _b64(b"\x02\x01\x08pypi.org").rstrip("=") + _chars(rng, URLSAFE, 70)


def _onepassword_secret_key(rng: Rng) -> str:
    groups = [_chars(rng, UPDIG, n) for n in (6, 11, 5, 5, 5)]
    return "A3-" + "-".join(groups)


def _teams_webhook(rng: Rng) -> str:
    return (f"https://corpnet.webhook.office.com/webhookb2/{_uuid(rng)}@{_uuid(rng)}"
            f"/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}")  # fmt: skip


_VENDORS: dict[str, tuple[str, Token]] = {
    "aws_access_key_id": ("AWS_ACCESS_KEY_ID", _tok("AKIA", BASE32, 16)),
    "aws_sts_key_id": ("AWS_ACCESS_KEY_ID", _tok("ASIA", BASE32, 16)),
    "github_pat_classic": ("GITHUB_TOKEN", _tok("ghp_", ALNUM, 36)),
    "github_oauth": ("GH_OAUTH_TOKEN", _tok("gho_", ALNUM, 36)),
    "github_app_server": ("GITHUB_APP_TOKEN", _tok("ghs_", ALNUM, 36)),
    "github_refresh": ("GITHUB_REFRESH_TOKEN", _tok("ghr_", ALNUM, 36)),
    "github_fine_grained": ("GH_PAT", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    "gitlab_pat": ("GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    "gitlab_runner": ("CI_RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20)),
    "gitlab_pipeline_trigger": ("TRIGGER_TOKEN", _tok("glptt-", HEX, 40)),
    "gitlab_deploy": ("GITLAB_DEPLOY_TOKEN", _tok("gldt-", URLSAFE, 20)),
    "slack_bot": ("SLACK_BOT_TOKEN", _slack_bot),
    "slack_user": ("SLACK_USER_TOKEN", _slack_user),
    "slack_app_level": (
        "SLACK_APP_TOKEN",
        _parts("xapp-1-A", (UPDIG, 10), "-", (DIGITS, 13), "-", (HEX, 64)),
    ),
    "slack_config_refresh": ("SLACK_CONFIG_REFRESH", _tok("xoxe-1-", UPDIG, 146)),
    "slack_webhook": (
        "SLACK_WEBHOOK_URL",
        _parts(
            "https://hooks.slack.com/services/T", (UPDIG, 10), "/B", (UPDIG, 10), "/", (ALNUM, 24)
        ),
    ),
    "stripe_live_secret": ("STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 99)),
    "stripe_restricted": ("STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 99)),
    "stripe_webhook_secret": ("STRIPE_WEBHOOK_SECRET", _tok("whsec_", ALNUM, 32)),
    "openai_project": (
        "OPENAI_API_KEY",
        _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74)),
    ),
    "openai_legacy": ("OPENAI_API_KEY", _parts("sk-", (ALNUM, 20), "T3BlbkFJ", (ALNUM, 20))),
    "anthropic": ("ANTHROPIC_API_KEY", _tok("sk-ant-api03-", URLSAFE, 93, "AA")),
    "anthropic_admin": ("ANTHROPIC_ADMIN_KEY", _tok("sk-ant-admin01-", URLSAFE, 93, "AA")),
    "google_api_key": ("GOOGLE_API_KEY", _tok("AIza", URLSAFE, 35)),
    "gcp_oauth_client_secret": ("GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28)),
    "google_oauth_access": ("GOOGLE_ACCESS_TOKEN", _tok("ya29.", URLSAFE, 120)),
    "huggingface": ("HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    "huggingface_org": ("HF_ORG_TOKEN", _tok("api_org_", UPPER + LOWER, 34)),
    "npm": ("NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    "pypi": ("PYPI_API_TOKEN", _pypi),
    "rubygems": ("GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    "clojars": ("CLOJARS_TOKEN", _tok("CLOJARS_", LOWDIG, 60)),
    "nuget": ("NUGET_API_KEY", _tok("oy2", LOWDIG, 43)),
    "sendgrid": ("SENDGRID_API_KEY", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43))),
    "twilio_api_key": ("TWILIO_API_KEY", _tok("SK", HEX, 32)),
    "discord_bot": ("DISCORD_BOT_TOKEN", _discord_bot),
    "discord_webhook": (
        "DISCORD_WEBHOOK",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 18), "/", (URLSAFE, 68)),
    ),
    "telegram_bot": ("TELEGRAM_BOT_TOKEN", _parts((DIGITS, 10), ":AA", (URLSAFE, 33))),
    "xai": ("XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    "perplexity": ("PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    "groq": ("GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    "openrouter": ("OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    "replicate": ("REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    "langsmith": ("LANGSMITH_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    "mailgun": ("MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    "mailchimp": ("MAILCHIMP_API_KEY", _parts((HEX, 32), "-us", (DIGITS, 2))),
    "brevo": ("BREVO_API_KEY", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16))),
    "shopify_access": ("SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    "shopify_shared_secret": ("SHOPIFY_API_SECRET", _tok("shpss_", HEX, 32)),
    "digitalocean_pat": ("DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    "digitalocean_oauth": ("DO_OAUTH_TOKEN", _tok("doo_v1_", HEX, 64)),
    "doppler": ("DOPPLER_TOKEN", _tok("dp.pt.", ALNUM, 43)),
    "linear": ("LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    "postman": ("POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    "pulumi": ("PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    "databricks": ("DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    "dynatrace": ("DT_API_TOKEN", _parts("dt0c01.", (UPDIG, 24), ".", (UPDIG, 64))),
    "newrelic_user": ("NEW_RELIC_API_KEY", _tok("NRAK-", UPDIG, 27)),
    "grafana_service_account": ("GRAFANA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    "sentry_user": ("SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    "atlassian": ("JIRA_API_TOKEN", _tok("ATATT3", URLSAFE, 186)),
    "azure_ad_client_secret": (
        "AZURE_CLIENT_SECRET",
        _parts((ALNUM, 3), (DIGITS, 1), "Q~", (URLSAFE + ".~", 34)),
    ),
    "age_secret_key": (
        "SOPS_AGE_KEY",
        _tok("AGE-SECRET-KEY-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
    ),
    "terraform_cloud": (
        "TF_TOKEN_app_terraform_io",
        _parts((ALNUM, 14), ".atlasv1.", (URLSAFE, 67)),
    ),
    "vault_service_token": ("VAULT_TOKEN", _tok("hvs.", URLSAFE, 95)),
    "vault_batch_token": ("VAULT_BATCH_TOKEN", _tok("hvb.", URLSAFE, 138)),
    "artifactory": ("ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    "planetscale": ("PLANETSCALE_TOKEN", _tok("pscale_tkn_", URLSAFE, 43)),
    "planetscale_password": ("PLANETSCALE_PASSWORD", _tok("pscale_pw_", URLSAFE, 43)),
    "flyio": ("FLY_API_TOKEN", _tok("fo1_", URLSAFE, 43)),
    "supabase": ("SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    "square_access": ("SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60)),
    "square_oauth_secret": ("SQUARE_APP_SECRET", _tok("sq0csp-", URLSAFE, 43)),
    "facebook_access": ("FB_ACCESS_TOKEN", _tok("EAAC", ALNUM, 160)),
    "shippo": ("SHIPPO_API_KEY", _tok("shippo_live_", HEX, 40)),
    "easypost": ("EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    "flutterwave": ("FLW_SECRET_KEY", _parts("FLWSECK-", (HEX, 32), "-X")),
    "duffel": ("DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", URLSAFE, 43)),
    "readme": ("README_API_KEY", _tok("rdme_", LOWDIG, 70)),
    "prefect": ("PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    "scalingo": ("SCALINGO_API_TOKEN", _tok("tk-us-", URLSAFE, 48)),
    "frameio": ("FRAMEIO_TOKEN", _tok("fio-u-", URLSAFE, 64)),
    "infracost": ("INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    "cloudflare_origin_ca": ("CF_ORIGIN_CA_KEY", _parts("v1.0-", (HEX, 24), "-", (HEX, 146))),
    "openshift": ("OPENSHIFT_TOKEN", _tok("sha256~", URLSAFE, 43)),
    "onepassword_secret_key": ("OP_SECRET_KEY", _onepassword_secret_key),
    "contentful": ("CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43)),
    "defined_networking": ("DN_API_KEY", _parts("dnkey-", (UPDIG, 26), "-", (UPDIG, 52))),
    "harness": ("HARNESS_PAT", _parts("pat.", (URLSAFE, 22), ".", (HEX, 24), ".", (ALNUM, 20))),
    "heroku_new": ("HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 58)),
    "notion": ("NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    "alibaba": ("ALIBABA_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    "bitbucket_app_password": ("BITBUCKET_APP_PASSWORD", _tok("ATBB", ALNUM, 32)),
    "buildkite": ("BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    "circleci": ("CIRCLE_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    "docker_hub_pat": ("DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 27)),
    "figma": ("FIGMA_TOKEN", _parts("figd_", (URLSAFE, 40))),
    "sourcegraph": ("SRC_ACCESS_TOKEN", _parts("sgp_", (HEX, 16), "_", (HEX, 40))),
    "tailscale": ("TS_AUTHKEY", _parts("tskey-auth-k", (ALNUM, 11), "-", (ALNUM, 33))),
    "dropbox_short_lived": ("DROPBOX_TOKEN", _tok("sl.", URLSAFE, 135)),
    "mapbox_secret": ("MAPBOX_SECRET_TOKEN", _mapbox_secret),
    "teams_webhook": ("TEAMS_WEBHOOK_URL", _teams_webhook),
    "jwt_signed": ("AUTH_JWT", _jwt),
    "netlify": ("NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    "airtable_pat": ("AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    "beamer": ("BEAMER_API_KEY", _tok("b_", URLSAFE, 44)),
}

_CONTEXTS: tuple[tuple[str, str], ...] = (
    ("{name}=", "\n"),
    ('export {name}="', '"\n'),
    ("env:\n  {name}: ", "\n"),
    ('{{"{lname}": "', '", "timeout": 30}}'),
    ('{lname} = os.getenv("{name}", "', '")\n'),
    ("docker run --rm -e {name}=", " ghcr.io/acme/worker:1.4.2\n"),
    ("const {camel} = '", "';\n"),
    ('[credentials]\n{lname} = "', '"\n'),
    ('  - name: {name}\n    value: "', '"\n'),
    ('$env:{name} = "', '"\n'),
    ("can you tell me why this fails? I set `{name}` to `", "` and still get 401\n"),
    ("2026-03-04T11:22:09Z DEBUG config loaded {lname}=", " region=eu-central-1\n"),
    ("| {name} | `", "` | prod |\n"),
    ('variable "{lname}" {{\n  default = "', '"\n}}\n'),
    ('In [7]: os.environ["{name}"] = "', '"\n'),
    ("set -x\n+ {name}=", "\n+ ./deploy.sh staging\n"),
)


def _camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(part.capitalize() for part in rest)


def _generated(rng: Rng) -> list[Case]:
    cases = []
    for family in _rotation(rng, list(_VENDORS), "generated"):
        name, token = _VENDORS[family]
        before, after = rng.choice(_CONTEXTS)
        fields = {"name": name, "lname": name.lower(), "camel": _camel(name)}
        text, spans = _join([(before.format(**fields), None), (token(rng), SECRET),
                             (after.format(**fields), None)])  # fmt: skip
        cases.append(Case(family, "generated", text, spans))
    return cases


def _literal(rng: Rng) -> list[Case]:
    families = _literal_families()
    cases = []
    for family in _rotation(rng, list(families), "literal"):
        text, spans = _join(families[family](rng))
        cases.append(Case(family, "literal", text, spans))
    return cases


# --- harmless negatives ------------------------------------------------------------------


def _ipv6(rng: Rng) -> str:
    return ":".join(f"{rng.randrange(0x10000):x}" for _ in range(8))


def _semver(rng: Rng) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 20)}"


def _sha(rng: Rng, n: int = 40) -> str:
    return _chars(rng, HEX, n)


def _iso(rng: Rng) -> str:
    return (f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
            f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z")  # fmt: skip


def _var(rng: Rng) -> str:
    return rng.choice(
        (
            "DB_PASSWORD",
            "API_KEY",
            "STRIPE_SECRET_KEY",
            "GITHUB_TOKEN",
            "SLACK_BOT_TOKEN",
            "OPENAI_API_KEY",
            "SMTP_PASSWORD",
            "JWT_SECRET",
        )
    )


def _ssh_public(rng: Rng) -> str:
    return _b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rng.randbytes(32))


_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NegativeFamily = Callable[[Rng], str]


def _negative_families() -> dict[str, NegativeFamily]:
    v, s, iso = _var, _sha, _iso
    return {
        "ipv6_listen": lambda r: f"listen [{_ipv6(r)}]:{r.choice((443, 8443, 9090))} ssl;\n",
        "ipv6_ping": lambda r: f"$ ping6 -c 3 {_ipv6(r)}\n3 packets transmitted, 3 received\n",
        "ipv6_compressed": lambda r: (
            f"inet6 fe80::{r.randrange(0x10000):x}:"
            f"{r.randrange(0x10000):x}:fe{r.randrange(0x100):02x}:{r.randrange(0x10000):x}/64 "
            "scope link\n"
        ),
        "port_mapping": lambda r: (
            f'ports:\n  - "{r.randint(3000, 9999)}:{r.choice((80, 8080))}"'
            f'\n  - "127.0.0.1:{r.randint(5400, 5499)}:5432"\n'
        ),
        "host_port": lambda r: f"Connecting to localhost:{r.randint(1024, 65535)} ... refused\n",
        "subnet": lambda r: (
            f"Subnet: 10.{r.randint(0, 255)}.0.0/{r.choice((16, 20, 24))}\n"
            f"Gateway: 10.{r.randint(0, 255)}.0.1\n"
        ),
        "cidr_terraform": lambda r: f'cidr_block = "172.{r.randint(16, 31)}.0.0/16"\n',
        "pinned_versions": lambda r: (
            f"numpy=={_semver(r)}\npandas=={_semver(r)}\nrequests>={_semver(r)},<3\n"
        ),
        "version_prose": lambda r: (
            f"Upgrading from v{_semver(r)} to v{_semver(r)}-rc."
            f"{r.randint(1, 5)}"
            " broke the migrations.\n"
        ),
        "timestamps": lambda r: (
            f"[{iso(r)}] INFO worker-{r.randint(1, 9)} finished in {r.randint(10, 999)}ms\n"
        ),
        "sha256sum": lambda r: f"{s(r, 64)}  release-{_semver(r)}.tar.gz\n",
        "checksum_named": lambda r: f"SHA-256 checksum: {s(r, 64)}\nMD5: {s(r, 32)}\n",
        "pip_hashes": lambda r: f"flask=={_semver(r)} \\\n    --hash=sha256:{s(r, 64)}\n",
        "npm_integrity": lambda r: f'      "integrity": "sha512-{_b64(r.randbytes(64))}"\n',
        "go_sum": lambda r: (
            f"golang.org/x/net v0.{r.randint(10, 40)}.0 h1:{_b64(r.randbytes(32))}\n"
        ),
        "docker_digest": lambda r: f"image: nginx@sha256:{s(r, 64)}\n",
        "git_log": lambda r: (
            "\n".join(
                f"{s(r, 7)} {m}"
                for m in r.sample(
                    (
                        "fix flaky test",
                        "bump deps",
                        "add retry to uploader",
                        "docs: typo",
                        "refactor config loader",
                        "merge branch 'main'",
                    ),
                    3,
                )
            )
            + "\n"
        ),
        "git_commit": lambda r: (
            f"commit {s(r)}\nMerge: {s(r, 7)} {s(r, 7)}\n"
            f"Date:   Tue Mar 3 10:{r.randint(10, 59)}:02 2026 +0100\n"
        ),
        "uuid_request_id": lambda r: f"ERROR request_id={_uuid(r)} status=502 upstream timeout\n",
        "uuid_json_ids": lambda r: (
            json.dumps({"id": _uuid(r), "parent_id": _uuid(r), "status": "queued"}) + "\n"
        ),
        "maven_coordinate": lambda r: (
            f"<dependency>org.apache.commons:commons-lang3:{_semver(r)}</dependency>\n"
        ),
        "gradle_coordinate": lambda r: (
            f'implementation("com.squareup.okhttp3:okhttp:{_semver(r)}")\n'
        ),
        "empty_env": lambda r: f"{v(r)}=\nDB_HOST=localhost\nDB_PORT=5432\n",
        "empty_yaml": lambda r: f'secrets:\n  {v(r).lower()}: ""\n  region: eu-west-1\n',
        "placeholder_angle": lambda r: f"export {v(r)}=<your-api-key>\n",
        "placeholder_x": lambda r: f"{v(r)}=xxxxxxxxxxxxxxxxxxxx\n",
        "placeholder_changeme": lambda r: "password: changeme  # set a real one in prod\n",
        "env_reference": lambda r: f"{v(r)}=${{{v(r)}}}\n",
        "jinja_reference": lambda r: f'password: "{{{{ vault_{v(r).lower()} }}}}"\n',
        "gha_secret_reference": lambda r: (
            f"        env:\n          {v(r)}: ${{{{ secrets.{v(r)} }}}}\n"
        ),
        "os_environ": lambda r: f'api_key = os.environ["{v(r)}"]\n',
        "process_env": lambda r: f"const token = process.env.{v(r)} ?? '';\n",
        "vault_ref": lambda r: (
            f"DB_PASSWORD=vault:secret/data/billing/{r.choice(('prod', 'dev'))}#password\n"
        ),
        "k8s_secret_key_ref": lambda r: (
            "        - name: DB_PASSWORD\n          valueFrom:\n"
            "            secretKeyRef:\n              name: billing-db\n"
            "              key: password\n"
        ),
        "terraform_var": lambda r: "  administrator_login_password = var.sql_admin_password\n",
        "aws_doc_example": lambda r: f"aws_access_key_id = AKIA{_chars(r, UPDIG, 9)}EXAMPLE\n",
        "aws_doc_secret_example": lambda r: (
            f"aws_secret_access_key = {_chars(r, B64, 30)}EXAMPLEKEY\n"
        ),
        "masked_openai": lambda r: f"Your key sk-...{_chars(r, ALNUM, 4)} was revoked.\n",
        "masked_stars": lambda r: f"{v(r)}=********\n",
        "masked_github": lambda r: (
            f"Token ghp_************************{_chars(r, ALNUM, 4)} expires in 7 days\n"
        ),
        "masked_dots": lambda r: "Password: •••••••• (hidden)\n",
        "ssh_public_key": lambda r: f"ssh-ed25519 {_ssh_public(r)} deploy@ci\n",
        "pem_public_key": lambda r: _pem(r, "PUBLIC KEY") + "\n",
        "pem_certificate": lambda r: "ca.crt: |\n" + _pem(r, "CERTIFICATE") + "\n",
        "file_paths": lambda r: (
            f'  File "/usr/lib/python3.{r.randint(9, 13)}/site-packages/'
            f'urllib3/connectionpool.py", line {r.randint(100, 900)}, in urlopen\n'
        ),
        "windows_path": lambda r: (
            f"C:\\Users\\build\\AppData\\Local\\Temp\\msbuild_{s(r, 8)}"
            "\\obj\\Release\\net8.0\\App.dll\n"
        ),
        "base64_text": lambda r: (
            f"$ echo -n 'hello {r.choice(('world', 'there', 'team'))}' | "
            f"base64\n{_b64(('hello ' + r.choice(('world', 'there', 'team'))).encode())}\n"
        ),
        "data_uri": lambda r: (
            f'<img src="data:image/png;base64,{_b64(_PNG_MAGIC + r.randbytes(48))}">\n'
        ),
        "css_colours": lambda r: (
            f".btn {{ color: #{s(r, 6)}; background: #{s(r, 6)}; border: 1px solid #{s(r, 3)}; }}\n"
        ),
        "minified_js": lambda r: (
            '!function(e,t){"object"==typeof exports?module.exports=t():'
            f"e.lib=t()}}(this,function(){{var n={r.randint(1, 99)};return n*2}});\n"
        ),
        "i18n_keys": lambda r: (
            '"auth.password.reset.title": "Reset your password",\n'
            '"auth.token.expired": "Your session has expired",\n'
        ),
        "password_policy_prose": lambda r: (
            f"Passwords must be at least {r.randint(10, 16)} "
            "characters long and may not reuse any of your last five passwords.\n"
        ),
        "password_prose_de": lambda r: (
            "Bitte ändere dein Passwort nach der ersten Anmeldung "
            "und speichere es im Passwortmanager.\n"
        ),
        "password_prose_fr": lambda r: (
            f"Le mot de passe doit être renouvelé tous les {r.choice((60, 90))} jours.\n"
        ),
        "password_prose_es": lambda r: (
            "Si olvidaste la contraseña, usa el enlace de recuperación; nunca la envíes por chat.\n"
        ),
        "password_config_knobs": lambda r: (
            f"PASSWORD_MIN_LENGTH={r.randint(8, 16)}\n"
            "PASSWORD_REQUIRE_SYMBOL=true\nTOKEN_TTL_SECONDS=3600\n"
        ),
        "password_form_code": lambda r: (
            "password = forms.CharField(widget=forms.PasswordInput, min_length=12)\n"
        ),
        "password_length_check": lambda r: (
            "if (password.length() < MIN_LENGTH) { throw new WeakPasswordException(); }\n"
        ),
        "token_response_meta": lambda r: (
            f'{{"token_type": "Bearer", "expires_in": '
            f'{r.choice((3600, 7200))}, "scope": "read write"}}\n'
        ),
        "bearer_placeholder": lambda r: (
            'curl -H "Authorization: Bearer $TOKEN" https://api.internal.example.org/v1/me\n'
        ),
        "curl_env_user": lambda r: (
            'curl -u "$ARTIFACTORY_USER:$ARTIFACTORY_PASSWORD" -T '
            "build.zip https://artifacts.corp.net/libs/\n"
        ),
        "docs_url": lambda r: (
            "See https://docs.python.org/3/library/secrets.html#recipes-and-best-practices\n"
        ),
        "webpack_chunks": lambda r: (
            f"main.{s(r, 8)}.js  {r.randint(100, 900)} KiB\n"
            f"vendor.{s(r, 8)}.js  {r.randint(100, 900)} KiB\n"
        ),
        "sln_guids": lambda r: (
            f'Project("{{{_uuid(r).upper()}}}") = "Api", "Api.csproj", "{{{_uuid(r).upper()}}}"\n'
        ),
        "mac_address": lambda r: (
            "ether " + ":".join(f"{r.randrange(256):02x}" for _ in range(6)) + " txqueuelen 1000\n"
        ),
        "k8s_metadata": lambda r: (
            f"metadata:\n  uid: {_uuid(r)}\n  resourceVersion: "
            f'"{r.randint(10**6, 10**7)}"\n  generation: {r.randint(1, 9)}\n'
        ),
        "aws_arn": lambda r: f"arn:aws:iam::{_chars(r, DIGITS, 12)}:role/etl-runner\n",
        "youtube_link": lambda r: (
            f"Great talk: https://www.youtube.com/watch?v={_chars(r, URLSAFE, 11)}\n"
        ),
        "snowflake_ids": lambda r: (
            f"message_id={r.randint(10**17, 10**18)} channel_id={r.randint(10**17, 10**18)}\n"
        ),
        "sql_placeholder": lambda r: "CREATE USER reporting IDENTIFIED BY '<password>';\n",
        "stack_trace_token_word": lambda r: (
            "Traceback (most recent call last):\n  File "
            '"auth.py", line 42, in refresh\n    token = session.fetch_token()\n'
            "KeyError: 'access_token'\n"
        ),
        "log_hash_fields": lambda r: (
            f'level=info msg="cache hit" key=sha1:{s(r)} size={r.randint(1, 999)}\n'
        ),
        "etag_header": lambda r: f'ETag: W/"{s(r, 32)}"\nCache-Control: max-age=600\n',
        "jira_links": lambda r: (
            f"Blocked by OPS-{r.randint(100, 9999)} and PLAT-{r.randint(100, 9999)}\n"
        ),
    }


# --- PII ---------------------------------------------------------------------------------

_GIVEN = (
    "Aiyana", "Bartholomew", "Chidinma", "Dagný", "Eszter", "Farouk", "Giulietta", "Hamid",
    "Ingrid", "Jurgis", "Kalani", "Leocadia", "Mateus", "Nkechi", "Oksana", "Priyanka",
    "Quentin", "Radosław", "Siobhán", "Thandeka", "Ulrike", "Vikram", "Wiremu", "Xiomara",
    "Yusuf", "Zofia", "Anneliese", "Bogdan", "Consuelo", "Desmond", "Emeka", "Fenna",
)  # fmt: skip
_FAMILY = (
    "Okonkwo", "Van der Berg", "Szymańska", "Haraldsdóttir", "Moreau-Laurent", "Takahashi",
    "Abernathy", "Castellanos", "Nakamura", "Oyelaran", "Lindqvist", "Fitzgerald",
    "Mukherjee", "Delacroix", "Kowalczyk", "Ferreira da Silva", "Nguyễn", "Rasmussen",
    "O'Sullivan", "Papadopoulos", "Achterberg", "Quispe", "Brennan", "Schwarzenbach",
)  # fmt: skip
_MAIL_DOMAINS = (
    "gmail.com",
    "outlook.de",
    "proton.me",
    "acme-logistics.co.uk",
    "web.de",
    "fastmail.fm",
    "kpmg-partners.nl",
    "yahoo.fr",
    "uni-example.edu",
)
_PHONE_REGIONS = (
    "US",
    "GB",
    "DE",
    "FR",
    "IN",
    "BR",
    "JP",
    "AU",
    "ES",
    "IT",
    "NL",
    "MX",
    "CA",
    "SE",
    "PL",
    "ZA",
    "CH",
)


def _ascii(name: str) -> str:
    table = str.maketrans("ńółśąęćżźáéíóúýðþæøåäöüõãçñśđễ", "nolsaeczzaeiouydtaoaaouoacnsde")
    return name.lower().translate(table).replace(" ", "").replace("'", "").replace("-", "")


def _person(rng: Rng) -> str:
    return f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"


def _email(rng: Rng) -> str:
    given, family = _ascii(rng.choice(_GIVEN)), _ascii(rng.choice(_FAMILY))
    local = rng.choice((f"{given}.{family}", f"{given[0]}{family}", f"{given}{rng.randint(1, 99)}"))
    return f"{local}@{rng.choice(_MAIL_DOMAINS)}"


def _phone(rng: Rng) -> str:
    """A valid mobile or fixed number of a random region, written the way people write it."""
    region = rng.choice(_PHONE_REGIONS)
    kind = rng.choice((phonenumbers.PhoneNumberType.MOBILE,
                       phonenumbers.PhoneNumberType.FIXED_LINE))  # fmt: skip
    example = phonenumbers.example_number_for_type(region, kind)
    national = str(example.national_number)
    for _ in range(500):
        digits = national[:2] + _chars(rng, DIGITS, len(national) - 2)
        number = phonenumbers.parse(f"+{example.country_code}{digits}")
        if phonenumbers.is_valid_number(number):
            style = rng.choice((phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                                phonenumbers.PhoneNumberFormat.E164))  # fmt: skip
            return phonenumbers.format_number(number, style)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _public_ipv4(rng: Rng) -> str:
    first = rng.choice([n for n in range(11, 224) if n not in (100, 127, 169, 172, 192, 198)])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def _ip(rng: Rng) -> str:
    return _public_ipv4(rng) if rng.random() < 0.75 else _ipv6(rng)


_PII: dict[str, tuple[Callable[[Rng], str], tuple[tuple[str, str], ...]]] = {
    "PERSON": (
        _person,
        (
            ("Can you draft a polite reminder to ", " about the overdue expense report?"),
            ("Meeting notes: ", " will own the vendor review until the end of Q3."),
            ("Bitte schreib eine Absage an ", ", die Stelle ist leider schon vergeben."),
            ("Rédige une lettre de recommandation pour ", ", stagiaire dans notre équipe data."),
            ("Redacta un correo para ", " confirmando la entrevista del jueves."),
            ("Summarise this thread between me and ", " in three bullet points please."),
            ("Dear ", ",\nthank you for your application. We would like to invite you."),
            ("Scrivi un messaggio di auguri per ", " che va in pensione venerdì."),
        ),
    ),
    "EMAIL_ADDRESS": (
        _email,
        (
            ("pls forward the signed NDA to ", " before noon"),
            ("Kontakt für Rückfragen: ", "\n"),
            ("From: ", "\nSubject: Re: invoice 2026-031\n"),
            ("Je n'arrive pas à me connecter avec ", ", le lien de réinitialisation expire."),
            ('git config user.email "', '"'),
            ("Add ", " as a reviewer on the PR"),
        ),
    ),
    "PHONE_NUMBER": (
        _phone,
        (
            ("call me on ", " if the deploy fails tonight"),
            ("Mein Handy: ", " (ab 18 Uhr erreichbar)"),
            ("Pour toute urgence, appelez le ", "."),
            ("Customer asked for a callback at ", " regarding ticket 4471."),
            ("WhatsApp: ", "\nThanks!"),
            ("Mi número es ", ", escríbeme cuando llegues."),
        ),
    ),
    "CREDIT_CARD": (
        credit_card,
        (
            ("My card ", " was charged twice for the same order, how do I dispute it?"),
            ("Karte: ", " \u2013 Ablaufdatum 09/28"),
            ("Payment failed with card number ", ", error code 05"),
            ("Ma carte bancaire ", " a été refusée hier."),
        ),
    ),
    "US_SSN": (
        us_ssn,
        (
            ("My SSN is ", ", can you fill in the W-9 for me?"),
            ("Applicant social security number: ", "\nDate of birth: on file"),
            ("ssn=", " was rejected by the payroll import"),
            ("Here's the social for the background check: ", "."),
        ),
    ),
    "IBAN_CODE": (
        iban,
        (
            ("Bitte überweise die Miete auf ", " bis zum Monatsersten."),
            ("IBAN: ", "\nBIC on the invoice"),
            ("Can you check if ", " is a valid IBAN?"),
            ("Virement à effectuer sur le compte ", " avant vendredi."),
            ("Transferencia a la cuenta ", ", concepto: factura 118."),
        ),
    ),
    "IP_ADDRESS": (
        _ip,
        (
            ("Failed password for invalid user from ", " port 52144 ssh2"),
            ("My home IP is ", ", can you whitelist it on the firewall?"),
            ("X-Forwarded-For: ", "\n"),
            ("Blocked ", " after 40 failed logins in 2 minutes."),
            ("La IP del cliente era ", " según el log del balanceador."),
        ),
    ),
}


def _pii(rng: Rng) -> list[Case]:
    cases = []
    for entity in _rotation(rng, list(_PII), "pii"):
        value, templates = _PII[entity]
        before, after = rng.choice(templates)
        text, spans = _join([(before, None), (value(rng), entity), (after, None)])
        cases.append(Case(entity.lower(), "pii", text, spans))
    return cases


# --- PII look-alikes ---------------------------------------------------------------------


def _parcel_number(rng: Rng) -> str:
    """A 20-digit parcel label number (SSCC style), printed in groups of four."""
    digits = "0034" + _chars(rng, DIGITS, 16)
    return " ".join(digits[i : i + 4] for i in range(0, 20, 4))


def _isbn13(rng: Rng) -> str:
    body = "978" + _chars(rng, DIGITS, 9)
    check = (10 - sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body)) % 10) % 10
    return f"{body[:3]}-{body[3]}-{body[4:8]}-{body[8:]}-{check}"


def _pii_negative_families() -> dict[str, Callable[[Rng], str]]:
    n = lambda r, a, b: r.randint(a, b)  # noqa: E731
    return {
        "order_number": lambda r: (
            f"Order #{n(r, 100000, 999999)} shipped, "
            f"{n(r, 2, 9)} items, total EUR {n(r, 20, 400)}.{n(r, 10, 99)}"
        ),
        "invoice_de": lambda r: (
            f"Rechnungsnummer RE-2026-{n(r, 1000, 9999)} ist seit {n(r, 3, 30)} Tagen fällig."
        ),
        "ticket_fr": lambda r: f"Le ticket INC{n(r, 1000000, 9999999)} est passé en priorité P2.",
        "jira_key": lambda r: (
            f"Can you reopen DATA-{n(r, 100, 9999)}? The fix in "
            f"DATA-{n(r, 100, 9999)} didn't cover nulls."
        ),
        "semver": lambda r: (
            f"Bumped the SDK from {_semver(r)} to {_semver(r)}; changelog "
            "mentions a breaking change in retries."
        ),
        "assembly_version": lambda r: (
            f'[assembly: AssemblyVersion("{n(r, 1, 9)}.{n(r, 0, 9)}.'
            f'{n(r, 0, 99)}.{n(r, 0, 9999)}")]'
        ),
        "snmp_oid": lambda r: (
            f"snmpget -v2c -c public switch01 1.3.6.1.2.1.2.2.1.{n(r, 1, 20)}.{n(r, 1, 48)}"
        ),
        "timestamp_log": lambda r: (
            f"{_iso(r)} WARN queue depth {n(r, 100, 9000)} exceeds threshold {n(r, 50, 99)}"
        ),
        "unix_epoch": lambda r: (
            f"expires_at={n(r, 1_700_000_000, 1_900_000_000)} "
            f"now={n(r, 1_700_000_000, 1_900_000_000)}"
        ),
        "sku": lambda r: (
            f"SKU {_chars(r, UPPER, 3)}-{n(r, 10000, 99999)}-"
            f"{r.choice(('BLK', 'WHT', 'RED'))}-{r.choice(('S', 'M', 'L', 'XL'))} is out of stock."
        ),
        "isbn": lambda r: f"ISBN {_isbn13(r)} — second edition, {n(r, 200, 800)} pages.",
        "tracking_number": lambda r: (
            f"Tracking: 1Z{_chars(r, UPDIG, 6)}{_chars(r, DIGITS, 10)} (in transit)"
        ),
        "parcel_number_de": lambda r: (
            f"Sendungsnummer {_parcel_number(r)} \u2013 Zustellung voraussichtlich morgen."
        ),
        "math": lambda r: (
            f"{n(r, 12, 99)} \u00d7 {n(r, 12, 99)} = ? and then divide by {n(r, 2, 9)}"
        ),
        "matrix_numpy": lambda r: (
            f"np.array([[{n(r, 1, 9)}, {n(r, 1, 9)}], [{n(r, 1, 9)}, "
            f"{n(r, 1, 9)}]]) @ x + {n(r, 1, 99)}"
        ),
        "python_code": lambda r: (
            f"for i in range({n(r, 2, 50)}):\n    total += weights[i] * 0.{n(r, 10, 99)}"
        ),
        "sql_query": lambda r: (
            f"SELECT order_id, SUM(amount) FROM Payments WHERE created_at >"  # noqa: S608
            f" '2026-0{n(r, 1, 9)}-01' GROUP BY order_id LIMIT {n(r, 10, 500)};"
        ),
        "heading_en": lambda r: (
            r.choice(
                (
                    "## Quarterly Revenue Review",
                    "# Release Notes",
                    "### Known Issues And Workarounds",
                    "## Data Retention Policy",
                )
            )
            + "\n\nDraft v"
            + str(n(r, 2, 9))
        ),
        "product_names": lambda r: (
            "We compared PostgreSQL, Redis and Elasticsearch for the "
            f"cache layer; latency p99 was {n(r, 3, 40)} ms."
        ),
        "http_status": lambda r: (
            f"HTTP/1.1 {r.choice((404, 429, 503))} after {n(r, 100, 5000)} ms, retry {n(r, 1, 5)}/5"
        ),
        "stack_trace_java": lambda r: (
            "java.lang.NullPointerException\n\tat com.shop.cart."
            f"CartService.total(CartService.java:{n(r, 20, 400)})\n\tat com.shop.api."
            f"CheckoutController.post(CheckoutController.java:{n(r, 20, 400)})"
        ),
        "percentages": lambda r: (
            f"Conversion rose {n(r, 1, 9)}.{n(r, 0, 9)} % week over week;"
            f" churn fell to {n(r, 1, 5)}.{n(r, 0, 9)} %."
        ),
        "table_markdown": lambda r: (
            "| Metric | Q1 | Q2 |\n|---|---|---|\n"
            f"| Revenue | {n(r, 100, 999)} | {n(r, 100, 999)} |\n| Tickets | {n(r, 10, 99)} | "
            f"{n(r, 10, 99)} |"
        ),
        "recipe_es": lambda r: (
            f"Mezcla {n(r, 100, 500)} g de harina con {n(r, 2, 4)} huevos y "
            f"hornea {n(r, 20, 45)} minutos a {n(r, 160, 220)} °C."
        ),
        "recipe_it": lambda r: (
            f"Cuocere per {n(r, 8, 12)} minuti, poi aggiungere {n(r, 50, 150)} ml di panna."
        ),
        "german_prose": lambda r: (
            f"Die Besprechung wurde auf {n(r, 9, 16)}:30 Uhr verschoben, "
            "Raum und Agenda bleiben gleich."
        ),
        "dutch_prose": lambda r: (
            f"De build faalt sinds versie {_semver(r)}, zie de logs van de nachtelijke run."
        ),
        "portuguese_prose": lambda r: (
            f"O relatório mensal tem {n(r, 10, 60)} páginas e {n(r, 3, 20)} gráficos."
        ),
        "polish_prose": lambda r: (
            f"Zamówienie nr {n(r, 10000, 99999)} zostało anulowane przez system."
        ),
        "japanese_prose": lambda r: (
            f"注文番号 {n(r, 100000, 999999)} の発送は{n(r, 2, 5)}日後です。"
        ),
        "chinese_prose": lambda r: f"版本 {_semver(r)} 修复了 {n(r, 2, 30)} 个问题。",
        "port_list": lambda r: (
            f"Open ports: {n(r, 20, 25)}, {n(r, 80, 90)}, {n(r, 8000, 8999)} (tcp)"
        ),
        "hex_dump": lambda r: "00000010: " + " ".join(_chars(r, HEX, 4) for _ in range(8)),
        "git_sha_prose": lambda r: f"Reverted {_sha(r, 12)} because it broke the nightly job.",
        "uuid_ids": lambda r: f"trace_id={_uuid(r)} span_id={_sha(r, 16)}",
        "measurements": lambda r: (
            f"Box dimensions {n(r, 10, 90)} x {n(r, 10, 90)} x "
            f"{n(r, 10, 90)} cm, weight {n(r, 1, 30)}.{n(r, 0, 9)} kg"
        ),
        "part_numbers": lambda r: (
            f"Replace part {n(r, 100, 999)}-{n(r, 1000, 9999)}-{n(r, 10, 99)} with revision C."
        ),
        "date_formats": lambda r: (
            f"Due {n(r, 1, 28):02d}/{n(r, 1, 12):02d}/2026, "
            f"reminder on 2026-{n(r, 1, 12):02d}-{n(r, 1, 28):02d}."
        ),
        "currency": lambda r: (
            f"Budget: USD {n(r, 1, 99)},{n(r, 100, 999)}.00 vs. actual "
            f"USD {n(r, 1, 99)},{n(r, 100, 999)}.00"
        ),
        "coordinates_grid": lambda r: (
            f"Cell B{n(r, 2, 200)} references Sheet2!C{n(r, 2, 200)}:C{n(r, 201, 900)}"
        ),
        "chemistry": lambda r: (
            f"Dissolve {n(r, 1, 9)}.{n(r, 0, 9)} g NaCl in "
            f"{n(r, 100, 900)} mL H2O at pH {n(r, 5, 8)}.{n(r, 0, 9)}"
        ),
        "license_header": lambda r: (
            f"# SPDX-License-Identifier: Apache-2.0\n# Copyright 20"
            f"{n(r, 10, 26)} The Project Authors"
        ),
        "css_rule": lambda r: (
            f".card {{ margin: {n(r, 2, 24)}px; z-index: {n(r, 1, 999)}; color: #{_sha(r, 6)}; }}"
        ),
        "regex_code": lambda r: (
            f'pattern = re.compile(r"^[A-Z]{{{n(r, 2, 4)}}}-\\d{{{n(r, 3, 6)}}}$")'
        ),
        "build_number": lambda r: (
            f"Build #{n(r, 1000, 9999)} (commit {_sha(r, 7)}) passed in "
            f"{n(r, 3, 20)}m {n(r, 0, 59)}s"
        ),
        "sports_score": lambda r: (
            f"Final score {n(r, 0, 5)}:{n(r, 0, 5)}, attendance {n(r, 10, 80)},{n(r, 100, 999)}"
        ),
        "serial_number": lambda r: (
            f"Serial number: SN{_chars(r, UPDIG, 10)} (warranty until 20{n(r, 27, 30)})"
        ),
        "kanban": lambda r: (
            f"Backlog: {n(r, 3, 30)} | In Progress: {n(r, 1, 8)} | Done: {n(r, 10, 90)}"
        ),
    }


def round6_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """Every case of round 6, built from one random stream so a seed fixes the round."""
    rng = random.Random(seed)
    return (
        _literal(rng)
        + _generated(rng)
        + _harmless(rng, "negative", _negative_families())
        + _pii(rng)
        + _harmless(rng, "pii_negative", _pii_negative_families())
    )
