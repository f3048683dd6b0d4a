"""Blind peer round 13: secret and PII cases written without the detector in view.

Written blind by "blind13": the author never read the detector's code, its tests, its tuning
notes or the other rounds, and the round was frozen before the detector ran on it even once.
Formats and tricky negatives follow the public suites' documented examples: detect-secrets'
plugin tests (keyword detector, high-entropy strings, private keys, basic auth, JWT),
secretlint's rule tests, Nosey Parker's rule examples and negative examples, gitleaks' rule
definitions (true and false positives), trufflehog's detector tests and Presidio's
recognizer tests. Nothing is copied from them: every key-shaped value is generated here at
run time from its documented shape (prefix, alphabet, length, checksum where one is
documented, such as the CRC32 tail of GitHub's tokens), so this file holds no credential.

The emphasis is on developer pastes in many languages and tools (Python, JavaScript, Go,
Java, C#, Rust, PHP, Ruby, Kotlin, Swift, SQL, shell, PowerShell, Dockerfiles, CI YAML,
Terraform, Ansible, nginx and Apache configs, ``.properties``/``.ini``/``.toml``, notebook
output, test fixtures), on chat messages in several human languages, and on PII look-alikes
from science, engineering and education.

Kinds: ``literal`` (a credential written the way people paste it), ``generated`` (a vendor
token from its rule pattern, in a chat or code context), ``negative`` (harmless technical
text), ``pii`` (one PII value per text) and ``pii_negative`` (look-alikes holding no PII).
``round13_cases(seed)`` is deterministic per seed: one ``random.Random`` feeds every builder.
"""

# Templates are data, kept one per line; full-width and typographic punctuation belongs to the
# languages they are written in.
# ruff: noqa: E501, RUF001

from __future__ import annotations

import json
import random
import re
import zlib

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

MARK = "§"  # where the labelled value goes in a template
SLOT = re.compile(r"«(\w+)»")  # a slot filled with harmless random text

# --- small value makers -------------------------------------------------------------------

WORDS = (
    "Harbor", "Quokka", "Lantern", "Basalt", "Juniper", "Meteor", "Saffron", "Tundra",
    "Walnut", "Cobalt", "Fjord", "Pebble", "Marble", "Copper", "Thistle", "Nimbus",
)  # fmt: skip
SERVICES = (
    "billing", "ledger", "checkout", "search", "ingest", "reports", "notifier", "gateway",
    "inventory", "auth", "scheduler", "exporter", "catalog", "metrics",
)  # fmt: skip
USERS = ("svc_backup", "app", "deploy", "ci-bot", "admin", "etl_user", "report_ro", "root")
HOSTS = (
    "db-prod-02.internal", "pg.staging.svc.cluster.local", "mysql-primary.corp.example",
    "cache01.int.example.net", "rabbit.ops.example.org", "sql-eu.example.io",
)  # fmt: skip


def _password(rng: random.Random, symbols: str = "!#%*^&?") -> str:
    """A password as people choose or generate them; starts and ends with a letter or digit."""
    style = rng.randrange(4)
    if style == 0:
        first, second = rng.sample(WORDS, 2)
        return f"{first}{rng.choice(symbols)}{rng.randint(10, 9999)}{second.lower()}"
    if style == 1:
        return _chars(rng, ALNUM, 1) + _chars(rng, ALNUM + symbols, 18) + _chars(rng, ALNUM, 1)
    if style == 2:
        words = [w.lower() for w in rng.sample(WORDS, 3)]
        return rng.choice("-_.").join(words) + str(rng.randint(2, 99))
    return _chars(rng, UPPER, 2) + _chars(rng, LOWER + DIGITS, 9) + rng.choice(symbols) + "7"


def _url_password(rng: random.Random) -> str:
    return _password(rng, symbols="-_.~")


def _secret_hex(rng: random.Random) -> str:
    return _chars(rng, HEX, rng.choice((32, 40, 64)))


def _secret_b64(rng: random.Random) -> str:
    return _b64(rng.randbytes(rng.choice((24, 32, 48))))


def _secret_alnum(rng: random.Random) -> str:
    return _chars(rng, ALNUM, rng.randint(28, 44))


def _basic(rng: random.Random) -> str:
    return _b64(f"{rng.choice(USERS)}:{_password(rng)}".encode())


def _jwt(rng: random.Random) -> str:
    issued = rng.randint(1_700_000_000, 1_760_000_000)
    header = {"alg": rng.choice(("HS256", "RS256", "ES256")), "typ": "JWT"}
    payload = {
        "sub": _uuid(rng),
        "iat": issued,
        "exp": issued + rng.choice((900, 3600, 86400)),
        "scope": rng.choice(("read write", "admin", "orders:read", "openid profile")),
        "iss": rng.choice(("auth-service", "idp", "gateway")),
    }
    signature = rng.randbytes(32 if header["alg"] == "HS256" else 64)
    parts = [_b64url(json.dumps(p, separators=(",", ":")).encode()) for p in (header, payload)]
    return ".".join([*parts, _b64url(signature)])


PEM_HEADS = {
    "RSA PRIVATE KEY": bytes.fromhex("308204a40201000282010100"),
    "PRIVATE KEY": bytes.fromhex("308204be020100300d06092a864886f70d0101010500"),
    "EC PRIVATE KEY": bytes.fromhex("30770201010420"),
    "ENCRYPTED PRIVATE KEY": bytes.fromhex("308205063040"),
    "OPENSSH PRIVATE KEY": b"openssh-key-v1\x00",
    "DSA PRIVATE KEY": bytes.fromhex("308201bb02010002818100"),
}


def _pem(rng: random.Random, label: str, newline: str = "\n") -> str:
    rows = 3 if label == "EC PRIVATE KEY" else rng.randint(8, 26)
    head = PEM_HEADS[label]
    body = _b64(head + rng.randbytes(48 * rows - len(head)))
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return newline.join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"])


def _any_pem(rng: random.Random) -> str:
    return _pem(rng, rng.choice(sorted(PEM_HEADS)))


def _escaped_pem(rng: random.Random) -> str:
    return _pem(rng, "PRIVATE KEY", newline="\\n")


def _pgp_block(rng: random.Random) -> str:
    body = _b64(bytes.fromhex("9507") + rng.randbytes(46 * 14))
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    checksum = "=" + _b64(rng.randbytes(3))
    return "\n".join(
        [
            "-----BEGIN PGP PRIVATE KEY BLOCK-----",
            "",
            *lines,
            checksum,
            "-----END PGP PRIVATE KEY BLOCK-----",
        ]
    )


def _aws_secret(rng: random.Random) -> str:
    return _chars(rng, ALNUM, 1) + _chars(rng, B64, 38) + _chars(rng, ALNUM, 1)


def _azure_account_key(rng: random.Random) -> str:
    return _b64(rng.randbytes(64))


def _wireguard(rng: random.Random) -> str:
    return _b64(rng.randbytes(32))


def _django_key(rng: random.Random) -> str:
    return "django-insecure-" * (rng.random() < 0.3) + _chars(
        rng, LOWER + DIGITS + "!@#%^&*(-_=+)", 50
    )


def _k8s_b64_password(rng: random.Random) -> str:
    return _b64(_password(rng).encode())


BASE62 = DIGITS + UPPER + LOWER


def _github(prefix: str) -> Token:
    """GitHub's token shape: prefix, 30 random base62 characters, base62 CRC32 of them."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, BASE62, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = BASE62[digit] + tail
        return f"{prefix}_{body}{tail}"

    return build


def _telegram(rng: random.Random) -> str:
    return f"{rng.randint(100_000_000, 9_999_999_999)}:AA{_chars(rng, URLSAFE, 33)}"


def _teams_webhook(rng: random.Random) -> str:
    tenant = rng.choice(("contoso", "fabrikam", "northwind"))
    return (
        f"https://{tenant}.webhook.office.com/webhookb2/{_uuid(rng)}@{_uuid(rng)}"
        f"/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}"
    )


def _braintree(rng: random.Random) -> str:
    return f"access_token$production${_chars(rng, LOWER + DIGITS, 16)}${_chars(rng, HEX, 32)}"


def _mapbox(rng: random.Random) -> str:
    user = _b64url(
        json.dumps({"u": rng.choice(WORDS).lower(), "a": _chars(rng, LOWER, 8)}).encode()
    )
    return f"sk.{user}.{_chars(rng, URLSAFE, 22)}"


def _onepassword(rng: random.Random) -> str:
    blob = {"signInAddress": "my.1password.com", "userAuth": {"alg": "PBES2g-HS256"}}
    blob["secretKey"] = _chars(rng, UPPER + DIGITS, 26)
    return "ops_" + _b64url(json.dumps(blob).encode())


def _grafana_cloud(rng: random.Random) -> str:
    blob = {
        "o": str(rng.randint(100_000, 999_999)),
        "n": "stack-write",
        "k": _chars(rng, ALNUM, 24),
    }
    return "glc_" + _b64(json.dumps(blob, separators=(",", ":")).encode()).rstrip("=")


# Vendor families: (family, variable name people give it, token builder), shapes as the
# public rule sets describe them.
VENDORS: tuple[tuple[str, str, Token], ...] = (
    ("aws-access-key-id", "AWS_ACCESS_KEY_ID", lambda r: r.choice(("AKIA", "ASIA")) + _chars(r, BASE32, 16)),
    ("aws-secret-access-key", "AWS_SECRET_ACCESS_KEY", _aws_secret),
    ("github-pat", "GITHUB_TOKEN", _github("ghp")),
    ("github-oauth", "GH_OAUTH_TOKEN", _github("gho")),
    ("github-user-to-server", "GH_USER_TOKEN", _github("ghu")),
    ("github-app-installation", "GH_APP_TOKEN", _github("ghs")),
    ("github-fine-grained", "GH_TOKEN", _parts("github_pat_", (BASE62, 22), "_", (BASE62, 59))),
    ("gitlab-pat", "GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    ("gitlab-runner", "RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20)),
    ("gitlab-deploy", "CI_DEPLOY_TOKEN", _tok("gldt-", URLSAFE, 20)),
    ("gitlab-feed", "GITLAB_FEED_TOKEN", _tok("glft-", URLSAFE, 20)),
    ("gitlab-oauth-secret", "GITLAB_APP_SECRET", _tok("gloas-", HEX, 64)),
    ("slack-bot", "SLACK_BOT_TOKEN", _parts("xoxb-", (DIGITS, 11), "-", (DIGITS, 13), "-", (ALNUM, 24))),
    ("slack-user", "SLACK_USER_TOKEN", _parts("xoxp-", (DIGITS, 11), "-", (DIGITS, 12), "-", (DIGITS, 13), "-", (HEX, 32))),
    ("slack-app", "SLACK_APP_TOKEN", _parts("xapp-1-A", (UPPER + DIGITS, 10), "-", (DIGITS, 13), "-", (HEX, 64))),
    ("slack-webhook", "SLACK_WEBHOOK_URL", _parts("https://hooks.slack.com/services/T", (UPPER + DIGITS, 10), "/B", (UPPER + DIGITS, 10), "/", (ALNUM, 24))),
    ("stripe-secret", "STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 99)),
    ("stripe-restricted", "STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 24)),
    ("stripe-webhook-secret", "STRIPE_WEBHOOK_SECRET", _tok("whsec_", ALNUM, 32)),
    ("openai", "OPENAI_API_KEY", _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74))),
    ("openai-service-account", "OPENAI_KEY", _parts("sk-svcacct-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74))),
    ("anthropic", "ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    ("anthropic-admin", "ANTHROPIC_ADMIN_KEY", _parts("sk-ant-admin01-", (URLSAFE, 93), "AA")),
    ("google-api-key", "GOOGLE_API_KEY", _tok("AIza", URLSAFE, 35)),
    ("gcp-oauth-client-secret", "GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28)),
    ("huggingface", "HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    ("sendgrid", "SENDGRID_API_KEY", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43))),
    ("twilio-api-key", "TWILIO_API_KEY", _tok("SK", HEX, 32)),
    ("mailgun", "MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    ("mailchimp", "MAILCHIMP_KEY", lambda r: f"{_chars(r, HEX, 32)}-us{r.randint(2, 21)}"),
    ("npm", "NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    ("pypi", "TWINE_PASSWORD", _parts("pypi-AgEIcHlwaS5vcmc", (URLSAFE, 120))),
    ("nuget", "NUGET_API_KEY", _tok("oy2", LOWER + DIGITS, 43)),
    ("rubygems", "GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    ("dockerhub", "DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 27)),
    ("digitalocean", "DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    ("heroku", "HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 58)),
    ("vault-service", "VAULT_TOKEN", _tok("hvs.", URLSAFE, 90)),
    ("vault-batch", "VAULT_BATCH_TOKEN", _tok("hvb.", URLSAFE, 138)),
    ("terraform-cloud", "TFE_TOKEN", _parts((ALNUM, 14), ".atlasv1.", (ALNUM, 67))),
    ("pulumi", "PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    ("doppler", "DOPPLER_TOKEN", _tok("dp.st.", ALNUM, 43)),
    ("shopify", "SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    ("shopify-shared-secret", "SHOPIFY_API_SECRET", _tok("shpss_", HEX, 32)),
    ("square", "SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60)),
    ("square-oauth", "SQUARE_APP_SECRET", _tok("sq0csp-", URLSAFE, 43)),
    ("braintree", "BRAINTREE_ACCESS_TOKEN", _braintree),
    ("discord-bot", "DISCORD_TOKEN", _parts("M", (ALNUM, 23), ".", (URLSAFE, 6), ".", (URLSAFE, 38))),
    ("discord-webhook", "DISCORD_WEBHOOK", _parts("https://discord.com/api/webhooks/", (DIGITS, 19), "/", (URLSAFE, 68))),
    ("telegram-bot", "TELEGRAM_BOT_TOKEN", _telegram),
    ("teams-webhook", "TEAMS_WEBHOOK_URL", _teams_webhook),
    ("new-relic-user", "NEW_RELIC_API_KEY", _tok("NRAK-", UPPER + DIGITS, 27)),
    ("new-relic-license", "NEW_RELIC_LICENSE_KEY", _tok("eu01xx", HEX, 34, "NRAL")),
    ("sentry-user", "SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    ("grafana-cloud", "GRAFANA_CLOUD_TOKEN", _grafana_cloud),
    ("grafana-service-account", "GRAFANA_SA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    ("dynatrace", "DT_API_TOKEN", _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64))),
    ("linear", "LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    ("notion", "NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    ("airtable-pat", "AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    ("atlassian", "JIRA_API_TOKEN", _tok("ATATT3xFfGF0", URLSAFE, 180)),
    ("asana", "ASANA_PAT", _parts("2/", (DIGITS, 16), "/", (DIGITS, 16), ":", (HEX, 32))),
    ("databricks", "DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    ("circleci", "CIRCLE_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    ("buildkite", "BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    ("netlify", "NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    ("flyio", "FLY_API_TOKEN", _tok("fo1_", URLSAFE, 43)),
    ("render", "RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    ("supabase", "SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    ("planetscale", "PLANETSCALE_PASSWORD", _tok("pscale_pw_", URLSAFE, 43)),
    ("postman", "POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    ("age-secret-key", "SOPS_AGE_KEY", _tok("AGE-SECRET-KEY-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)),
    ("sonarqube", "SONAR_TOKEN", _tok("squ_", HEX, 40)),
    ("groq", "GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    ("replicate", "REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    ("perplexity", "PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    ("xai", "XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    ("openrouter", "OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    ("langsmith", "LANGCHAIN_API_KEY", _parts("lsv2_sk_", (HEX, 32), "_", (HEX, 10))),
    ("pinecone", "PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 6), "_", (ALNUM, 63))),
    ("azure-ad-client-secret", "AZURE_CLIENT_SECRET", _parts((ALNUM, 3), (DIGITS, 1), "Q~", (ALNUM + "_.-", 34))),
    ("alibaba", "ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    ("tencent", "TENCENTCLOUD_SECRET_ID", _tok("AKID", ALNUM, 32)),
    ("cloudflare-origin-ca", "CF_ORIGIN_CA_KEY", _parts("v1.0-", (HEX, 24), "-", (HEX, 146))),
    ("flutterwave", "FLW_SECRET_KEY", _tok("FLWSECK-", HEX, 32, "-X")),
    ("facebook", "FB_ACCESS_TOKEN", _tok("EAAB", ALNUM, 160)),
    ("twitter-bearer", "TWITTER_BEARER_TOKEN", _parts("A" * 22, (ALNUM + "%", 90))),
    ("dropbox", "DROPBOX_TOKEN", _tok("sl.", URLSAFE, 136)),
    ("jfrog", "ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    ("mapbox", "MAPBOX_SECRET_TOKEN", _mapbox),
    ("contentful", "CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43)),
    ("figma", "FIGMA_TOKEN", _tok("figd_", URLSAFE, 40)),
    ("prefect", "PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    ("tailscale", "TS_AUTHKEY", _parts("tskey-auth-k", (ALNUM, 11), "CNTRL-", (ALNUM, 33))),
    ("shippo", "SHIPPO_TOKEN", _tok("shippo_live_", HEX, 40)),
    ("easypost", "EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    ("duffel", "DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", URLSAFE, 43)),
    ("adobe", "ADOBE_CLIENT_SECRET", _tok("p8e-", ALNUM, 32)),
    ("clojars", "CLOJARS_DEPLOY_TOKEN", _tok("CLOJARS_", LOWER + DIGITS, 60)),
    ("readme", "README_API_KEY", _tok("rdme_", LOWER + DIGITS, 70)),
    ("octopus-deploy", "OCTOPUS_API_KEY", _tok("API-", UPPER + DIGITS, 26)),
    ("bitbucket", "BITBUCKET_APP_PASSWORD", _tok("ATBB", ALNUM, 32)),
    ("elevenlabs", "ELEVENLABS_API_KEY", _tok("sk_", HEX, 48)),
    ("tavily", "TAVILY_API_KEY", _tok("tvly-", ALNUM, 32)),
    ("nvidia", "NGC_API_KEY", _tok("nvapi-", URLSAFE, 64)),
    ("neon", "NEON_API_KEY", _tok("napi_", LOWER + DIGITS, 64)),
    ("onepassword-service-account", "OP_SERVICE_ACCOUNT_TOKEN", _onepassword),
    ("gocardless", "GOCARDLESS_ACCESS_TOKEN", _tok("live_", URLSAFE, 40)),
    ("jwt", "ACCESS_TOKEN", _jwt),
)  # fmt: skip

# Contexts for a generated token: ``{var}`` is the variable name, ``{lvar}`` its lower case.
GENERATED_CONTEXTS = (
    "{var}=§\n",
    "# .env.production\nNODE_ENV=production\n{var}=§\nLOG_LEVEL=info\n",
    'export {var}="§"\n',
    "$ docker run --rm -e {var}=§ -p 8080:8080 ghcr.io/acme/«svc»:«ver»",
    'env:\n  - name: {var}\n    value: "§"\n  - name: LOG_FORMAT\n    value: json',
    "jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      {var}: §\n    steps:\n      - run: make release",
    'import os\nos.environ["{var}"] = "§"  # TODO move to the vault\n',
    'client = Client(\n    {lvar}="§",\n    timeout=30,\n)',
    "const {lvar} = process.env.{var} ?? '§';\n",
    'package main\n\nconst {lvar} = "§"\n',
    'private static final String {var} = "§";',
    'var settings = new ClientSettings { ApiKey = "§" };',
    'let {lvar} = "§";\nlet client = Client::new({lvar});',
    "<?php\n$config['{lvar}'] = '§';\n",
    "ENV['{var}'] ||= '§'\n",
    'val {lvar} = "§"\n',
    'let {lvar} = "§"  // Swift, AppDelegate.swift',
    '$env:{var} = "§"\n.\\deploy.ps1 -Environment prod',
    'provider "acme" {\n  {lvar} = "§"\n}',
    "{lvar}: §\nansible_user: deploy\n",
    'FROM python:3.12-slim\nENV {var}=§\nCMD ["python", "-m", "«svc»"]',
    '{\n  "{var}": "§",\n  "region": "eu-central-1"\n}',
    '[«svc»]\n{lvar} = "§"\n',
    "«svc».{lvar}=§\n",
    "In [7]: os.environ['{var}'] = '§'\n\nIn [8]: client.ping()\nOut[8]: True",
    'curl -s https://api.example.com/v1/«svc» -H "Authorization: Bearer §"',
    "2025-03-14T09:12:44Z DEBUG «svc» request headers={'Authorization': 'Bearer §'}",
    "why does this return 401?? {var}=§",
    "Voici la variable que j'utilise : {var}=§ — l'appel renvoie toujours 403.",
    "Hola, ¿por qué falla el despliegue? Tengo {var}=§ en el .env",
    "Ich habe den Schlüssel so gesetzt: {var}=§ – trotzdem kommt ein Fehler.",
    "Olá! Configurei {var}=§ mas o job continua falhando.",
    "この値で設定しました: {var}=§ でも認証エラーになります。",
    "我在配置文件里写了 {var}=§ ，还是报 401 错误。",
    "Привет, вот токен из конфигурации: § — почему не работает?",
    "Ciao, ho messo § nella variabile {var} ma la build fallisce.",
    "Hoi, dit is de sleutel uit onze config: § (werkt niet meer sinds gisteren)",
    "Cześć, token z pliku konfiguracyjnego: § — co jest nie tak?",
)

# --- literal cases: (family, value maker, templates) ---------------------------------------

LITERALS: tuple[tuple[str, Token, tuple[str, ...]], ...] = (
    ("env-password", _password, (
        "DB_HOST=«host»\nDB_USER=«user»\nDB_PASSWORD=§\nDB_PORT=5432\n",
        "# .env.local\nPOSTGRES_PASSWORD=§\n",
    )),
    ("yaml-password", _password, (
        "spring:\n  datasource:\n    url: jdbc:postgresql://«host»:5432/«svc»\n    username: «user»\n    password: §\n",
        "database:\n  user: «user»\n  password: \"§\"\n  pool: 10\n",
    )),
    ("json-client-secret", _secret_alnum, (
        '{\n  "client_id": "«svc»-web",\n  "client_secret": "§",\n  "redirect_uri": "/callback"\n}',
        'auth config: {"clientSecret":"§","scope":"openid"}',
    )),
    ("shell-history", _password, (
        "  512  mysql -h «host» -u «user» -p'§' «svc»\n  513  history | tail",
        "$ PGPASSWORD='§' psql -h «host» -U «user» -d «svc» -c 'select 1'",
        "sshpass -p '§' ssh «user»@bastion.internal",
    )),
    ("curl-basic-u", _url_password, (
        "curl -u «user»:§ https://ci.example.com/api/json",
        "curl --user «user»:§ -X POST https://registry.example.net/v2/token",
    )),
    ("authorization-basic", _basic, (
        "GET /api/v2/«svc» HTTP/1.1\nHost: internal.example.com\nAuthorization: Basic §\nAccept: */*",
        "requests.get(url, headers={'Authorization': 'Basic §'})",
    )),
    ("authorization-bearer", _secret_alnum, (
        "curl https://api.example.com/v3/«svc» -H 'Authorization: Bearer §'",
        "fetch(url, { headers: { Authorization: `Bearer §` } })",
    )),
    ("authorization-token", _secret_hex, (
        "http GET :8000/api/«svc»/ 'Authorization: Token §'",
        "curl -H \"Authorization: token §\" https://git.example.org/api/v1/repos",
    )),
    ("url-credentials", _url_password, (
        "DATABASE_URL=postgres://«user»:§@«host»:5432/«svc»",
        "engine = create_engine(\"mysql+pymysql://«user»:§@«host»/«svc»\")",
        "spring.rabbitmq.addresses=amqp://«user»:§@«host»:5672",
    )),
    ("mongodb-srv", _url_password, (
        "MONGO_URI=mongodb+srv://«user»:§@cluster0.ab1cd.mongodb.net/«svc»?retryWrites=true",
        "client = MongoClient('mongodb://«user»:§@«host»:27017/?authSource=admin')",
    )),
    ("redis-url", _url_password, (
        "REDIS_URL=redis://:§@«host»:6379/0",
        "CELERY_BROKER_URL = 'rediss://default:§@«host»:6380/1'",
    )),
    ("jdbc-password", _url_password, (
        "jdbc:sqlserver://«host»:1433;databaseName=«svc»;user=«user»;password=§;encrypt=true",
        "url = \"jdbc:mysql://«host»:3306/«svc»?user=«user»&password=§&useSSL=true\"",
    )),
    ("ado-connection-string", _password, (
        '"ConnectionStrings": {\n  "Default": "Server=«host»;Database=«svc»;User Id=«user»;Password=§;"\n}',
        "Data Source=«host»;Initial Catalog=«svc»;User ID=«user»;Password=§;TrustServerCertificate=True",
    )),
    ("azure-storage-key", _azure_account_key, (
        "DefaultEndpointsProtocol=https;AccountName=«svc»store;AccountKey=§;EndpointSuffix=core.windows.net",
        "AZURE_STORAGE_CONNECTION_STRING=\"DefaultEndpointsProtocol=https;AccountName=«svc»data;AccountKey=§\"",
    )),
    ("private-key-pem", _any_pem, (
        "this is the key the deploy job uses, is the format right?\n\n§\n",
        "$ cat deploy_key\n§\n$ chmod 600 deploy_key",
        "```\n§\n```\nssh still says invalid format",
    )),
    ("private-key-pgp", _pgp_block, (
        "exported with gpg --armor --export-secret-keys:\n§\n",
    )),
    ("gcp-service-account", _escaped_pem, (
        '{\n  "type": "service_account",\n  "project_id": "«svc»-prod",\n  "private_key_id": "«hex40»",\n  "private_key": "§\\n",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}',
    )),
    ("jwt", _jwt, (
        "Authorization: Bearer §",
        "document.cookie = \"session=§; path=/\"",
        "the token from /login is § but /me returns 401",
        "access_token: §\nrefresh_in: 3600",
    )),
    ("aws-credentials-file", _aws_secret, (
        "[default]\nregion = eu-west-1\naws_secret_access_key = §\n",
        "AWS_SECRET_ACCESS_KEY=§ aws s3 ls s3://«svc»-backups",
    )),
    ("k8s-secret-data", _k8s_b64_password, (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: «svc»-db\ntype: Opaque\ndata:\n  password: §\n",
    )),
    ("docker-env-password", _password, (
        "docker run -d -e MYSQL_ROOT_PASSWORD=§ -p 3306:3306 mysql:8.4",
        "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: §\n",
    )),
    ("docker-login", _password, (
        "docker login registry.example.com -u «user» -p '§'",
        "echo '§' | docker login ghcr.io -u «user» --password-stdin",
    )),
    ("git-remote-credentials", _secret_hex, (
        "git clone https://«user»:§@git.example.com/platform/«svc».git",
        "git remote set-url origin https://oauth2:§@gitlab.example.com/group/«svc».git",
    )),
    ("package-index-credentials", _url_password, (
        "pip install --extra-index-url https://«user»:§@nexus.example.com/repository/pypi/simple «svc»",
        "//npm.example.com/:_password=§\nalways-auth=true",
    )),
    ("maven-settings", _password, (
        "<server>\n  <id>releases</id>\n  <username>«user»</username>\n  <password>§</password>\n</server>",
    )),
    ("properties-password", _password, (
        "spring.mail.host=smtp.example.com\nspring.mail.username=«user»\nspring.mail.password=§\n",
        "ldap.bindDN=cn=«user»,dc=corp\nldap.bindPassword=§\n",
    )),
    ("ini-password", _password, (
        "[database]\nhost = «host»\nuser = «user»\npassword = §\n",
        "[client]\nuser=«user»\npassword=§\n",
    )),
    ("toml-secret", _secret_alnum, (
        "[«svc»]\nendpoint = \"https://api.example.com\"\nsecret_key = \"§\"\n",
    )),
    ("python-code", _password, (
        "conn = psycopg2.connect(host=\"«host»\", user=\"«user»\", password=\"§\", dbname=\"«svc»\")",
        "smtp.login(\"«user»\", \"§\")",
    )),
    ("javascript-code", _password, (
        "const pool = new Pool({ host: '«host»', user: '«user»', password: '§' });",
        "const transporter = nodemailer.createTransport({ auth: { user: '«user»', pass: '§' } });",
    )),
    ("go-code", _url_password, (
        'db, err := sql.Open("mysql", "«user»:§@tcp(«host»:3306)/«svc»")',
        'apikey := "§"\nreq.Header.Set("X-Api-Key", apikey)',
    )),
    ("java-code", _password, (
        'props.setProperty("password", "§");\nConnection c = DriverManager.getConnection(url, props);',
        "DataSource ds = DataSourceBuilder.create().password(\"§\").build();",
    )),
    ("csharp-code", _password, (
        'var cred = new NetworkCredential("«user»", "§");',
        'builder.Password = "§";',
    )),
    ("rust-code", _secret_hex, (
        'let hmac_secret = "§";\nlet mac = HmacSha256::new_from_slice(hmac_secret.as_bytes())?;',
    )),
    ("php-code", _password, (
        "define('DB_PASSWORD', '§');\ndefine('DB_HOST', '«host»');",
        '$password = "§";\n$pdo = new PDO($dsn, "«user»", $password);',
    )),
    ("ruby-code", _secret_hex, (
        'config.secret_key_base = "§"',
        "Stripe.api_key = ENV.fetch('STRIPE_KEY', '§')",
    )),
    ("kotlin-swift-code", _secret_alnum, (
        'val apiSecret = "§"\nval client = OkHttpClient()',
        'static let clientSecret = "§"',
    )),
    ("stack-trace", _password, (
        "Traceback (most recent call last):\n  File \"app.py\", line 41, in connect\n    return psycopg2.connect(dsn)\nOperationalError: connection to server failed (dsn='host=«host» user=«user» password=§ dbname=«svc»')",
        "Exception in thread \"main\" java.sql.SQLException: Access denied; url=jdbc:mysql://«host»/«svc», user=«user», password=§\n\tat com.mysql.cj.jdbc.ConnectionImpl.<init>(ConnectionImpl.java:448)",
    )),
    ("log-line", _password, (
        "2025-02-11 08:03:17,224 INFO  [«svc»] login attempt user=«user» password=§ result=ok",
        "[«svc»] DEBUG connecting with {'user': '«user»', 'password': '§', 'port': 5432}",
    )),
    ("ticket-multilingual", _password, (
        "Bonjour, le mot de passe du serveur de recette est § — merci de le changer après usage.",
        "Hallo, das Passwort für den Admin-Zugang lautet: § (bitte nach dem Test ändern).",
        "Hola equipo, la contraseña de la base de staging es § por si la necesitan.",
        "Olá, a senha do painel é § — não compartilhem fora do time.",
        "Ciao, la password del database di collaudo è § per adesso.",
        "Hoi, het wachtwoord van de testomgeving is § tot vrijdag.",
        "Cześć, hasło do panelu administracyjnego to § — zmienię je jutro.",
        "ステージング環境のパスワードは § です。後で変更してください。",
        "测试服务器的密码是 § ，用完请修改。",
        "Пароль от тестовой базы: § — поменяю вечером.",
        "Merhaba, test sunucusunun şifresi § olarak ayarlandı.",
        "Hej, lösenordet till testmiljön är § tills vidare.",
    )),
    ("chat-multilingual-api-key", _secret_alnum, (
        "Voici la clé d'API du compte de test : § — elle expire à la fin du mois.",
        "Der API-Schlüssel für das Staging ist § – bitte nicht weitergeben.",
        "Te paso la clave de la API para probar: §",
        "A chave de API do ambiente de homologação é § (válida até sexta).",
        "APIキーはこちらです: § 本番では使わないでください。",
        "接口密钥是 § ，只在测试环境用。",
        "Ключ API для тестового стенда: § — не коммитьте его.",
        "Klucz API do środowiska testowego: § — ważny do piątku.",
    )),
    ("powershell", _password, (
        '$secure = ConvertTo-SecureString "§" -AsPlainText -Force\n$cred = New-Object PSCredential("«user»", $secure)',
        'Invoke-Sqlcmd -ServerInstance «host» -Username «user» -Password "§" -Query "SELECT 1"',
    )),
    ("sql", _password, (
        "CREATE USER «user» WITH PASSWORD '§';",
        "ALTER LOGIN «user» WITH PASSWORD = '§';",
        "CREATE USER '«user»'@'%' IDENTIFIED BY '§';",
    )),
    ("ansible", _password, (
        "all:\n  vars:\n    ansible_user: «user»\n    ansible_become_password: §\n",
        "- name: create db user\n  postgresql_user:\n    name: «user»\n    password: \"§\"\n",
    )),
    ("terraform", _password, (
        'resource "azurerm_mssql_server" "main" {\n  administrator_login          = "«user»"\n  administrator_login_password = "§"\n}',
        'resource "aws_db_instance" "«svc»" {\n  username = "«user»"\n  password = "§"\n}',
    )),
    ("nginx-apache", _basic, (
        'location /api/ {\n    proxy_set_header Authorization "Basic §";\n    proxy_pass http://upstream_«svc»;\n}',
    )),
    ("apache-ldap", _password, (
        "AuthLDAPBindDN \"cn=«user»,ou=services,dc=corp\"\nAuthLDAPBindPassword \"§\"",
    )),
    ("wireguard", _wireguard, (
        "[Interface]\nPrivateKey = §\nListenPort = 51820\n",
    )),
    ("django-secret-key", _django_key, (
        "SECRET_KEY = '§'\nDEBUG = False",
    )),
    ("high-entropy-hex", _secret_hex, (
        "WEBHOOK_SIGNING_SECRET=§",
        "hmac_key: §\nalgorithm: sha256",
    )),
    ("high-entropy-base64", _secret_b64, (
        "encryption_key: \"§\"\ncipher: aes-256-gcm",
        "MASTER_KEY=§",
    )),
    ("pgpass-netrc", _url_password, (
        "«host»:5432:«svc»:«user»:§",
        "machine api.example.com\n  login «user»\n  password §\n",
    )),
    ("kafka-jaas", _password, (
        'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="«user»" password="§";',
    )),
    ("redis-requirepass", _password, (
        "# redis.conf\nport 6379\nrequirepass §\nmaxmemory 2gb",
    )),
    ("web-config", _secret_alnum, (
        '<appSettings>\n  <add key="ApiSecret" value="§" />\n</appSettings>',
    )),
    ("helm-set", _password, (
        "helm upgrade --install «svc» bitnami/postgresql --set auth.postgresPassword=§",
    )),
    ("jupyter", _secret_alnum, (
        "In [3]: api_secret = '§'\n\nIn [4]: resp = session.get(url, auth=('«user»', api_secret))\n\nIn [5]: resp.status_code\nOut[5]: 200",
    )),
    ("test-fixture-real", _secret_alnum, (
        "# copied the prod value into the test so it stops flaking\nPROD_API_SECRET = \"§\"",
    )),
)  # fmt: skip

# --- negatives: harmless technical text -----------------------------------------------------

NEGATIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("placeholder", (
        "OPENAI_API_KEY=<your-api-key>\nMODEL=gpt-4o",
        "api_key: YOUR_API_KEY_HERE  # replace before running",
        "export STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
        "password: ********\nuser: «user»",
        "GITHUB_TOKEN=ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
        "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX",
        "token = \"<insert token here>\"",
        "SLACK_BOT_TOKEN=xoxb-your-bot-token",
        "client_secret = \"REPLACE_ME\"",
        "db_password: \"changeme\"  # not used in prod, the chart overrides it",
    )),
    ("env-reference", (
        "api_key = os.environ[\"«var»\"]",
        "const token = process.env.«var»;",
        "password := os.Getenv(\"«var»\")",
        "String secret = System.getenv(\"«var»\");",
        "var key = Environment.GetEnvironmentVariable(\"«var»\");",
        "let token = std::env::var(\"«var»\")?;",
        "$password = getenv('«var»');",
        "secret = ENV.fetch(\"«var»\")",
        "val apiKey = System.getenv(\"«var»\") ?: error(\"missing\")",
        "let key = ProcessInfo.processInfo.environment[\"«var»\"] ?? \"\"",
        "$token = $env:«var»",
        "password=${«var»}",
    )),
    ("template-reference", (
        "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  «var»: ${{ secrets.«var» }}",
        "password: \"{{ vault_db_password }}\"",
        "password = var.db_password\nusername = var.db_username",
        "- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: «svc»-db\n      key: password",
        "password: {{ .Values.auth.password | quote }}",
        "spring.datasource.password=${DB_PASSWORD:}",
        "token: !vault-ref secret/data/«svc»#api_token",
        "api_key = \"{{ lookup('env', '«var»') }}\"",
        "docker run --env-file .env.«env» ghcr.io/acme/«svc»:«ver»",
        "$ aws secretsmanager get-secret-value --secret-id «svc»/«env»/db --query SecretString",
    )),
    ("documentation-example", (
        "The docs use AKIAIOSFODNN7EXAMPLE as the sample access key id; never commit a real one.",
        "curl -u username:password https://api.example.com/v1/status",
        "postgres://user:password@localhost:5432/mydb is the default in the README.",
        "Authorization: Bearer <token>",
        "Example: `mysql -u root -p` then type your password at the prompt.",
        "jdbc:postgresql://localhost:5432/test?user=test&password=test",
    )),
    ("hash-checksum", (
        "$ sha256sum «svc»-«ver».tar.gz\n«hex64»  «svc»-«ver».tar.gz",
        "$ md5sum backup.sql\n«hex32»  backup.sql",
        "pip install «svc»==«ver» --hash=sha256:«hex64»",
        "[[package]]\nname = \"«svc»\"\nversion = \"«ver»\"\nchecksum = \"«hex64»\"",
        "Digest: sha256:«hex64»\nStatus: Downloaded newer image for «svc»:«ver»",
        "\"integrity\": \"sha512-«sri»\"",
        "<script src=\"/static/app.js\" integrity=\"sha384-«sri»\" crossorigin=\"anonymous\"></script>",
        "etag: \"«hex32»\"",
    )),
    ("commit-sha", (
        "$ git log --oneline -3\n«hex7» fix «svc» retry loop\n«hex7» bump deps\n«hex7» add metrics",
        "reverted in «hex40», the original change was «hex40»",
        "HEAD is now at «hex7» Merge pull request #«int» from feature/«svc»",
        "git cherry-pick «hex40»",
    )),
    ("uuid-ids", (
        "request_id=«uuid» status=504 upstream=«svc»",
        "metadata:\n  uid: «uuid»\n  resourceVersion: \"«int»\"",
        "AZURE_SUBSCRIPTION_ID=«uuid»\nAZURE_TENANT_ID=«uuid»",
        "trace «hex32» span «hex16» took «int»ms",
    )),
    ("network-ports-versions", (
        "listen [::]:443 ssl http2;\nlisten 443 ssl;\nserver_name «svc».example.com;",
        "EXPOSE 8080 9090\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz || exit 1",
        "bind = [\"::1\"]\nport = «port»",
        "upgraded from «ver» to «ver», node 20.11.1, python 3.12.3",
        "Released «date»: «svc» «ver» (build «int»)",
        "implementation(\"com.fasterxml.jackson.core:jackson-databind:2.17.1\")",
        "<dependency>\n  <groupId>org.postgresql</groupId>\n  <artifactId>postgresql</artifactId>\n  <version>42.7.3</version>\n</dependency>",
    )),
    ("empty-assignment", (
        "password=\napi_key=\nsecret=",
        "DB_PASSWORD: \"\"",
        "token = None  # set in setUp()",
        "client_secret: null",
        "theapikey := \"\"",
        "private String password;",
        "let password: String? = nil",
    )),
    ("keyword-without-value", (
        "def reset_password(self, user_id: int) -> None:",
        "password = forms.CharField(widget=forms.PasswordInput, min_length=12)",
        "PASSWORD_MIN_LENGTH = 12\nTOKEN_TTL_SECONDS = 3600",
        "if (!isValidToken(token)) { return res.status(401).end(); }",
        "<input type=\"password\" name=\"password\" autocomplete=\"current-password\">",
        "read -s -p \"Password: \" PGPASSWORD && export PGPASSWORD",
        "ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL;",
        "func (c *Client) RefreshToken(ctx context.Context) error {",
        "public function setApiKey(string $apiKey): self",
        "secret_rotation_days: 90\nsecret_store: vault",
    )),
    ("redacted", (
        "password=[REDACTED] user=«user» host=«host»",
        "Authorization: Bearer ***",
        "api_key: \"****************\"",
        "token=<redacted> status=200 latency=«int»ms",
        "AWS_SECRET_ACCESS_KEY=****...****",
        "\"password\": \"[FILTERED]\"",
    )),
    ("prose-about-secrets", (
        "Rotate the API key every 90 days and keep it in the secret manager, never in the repo.",
        "Never paste tokens into tickets; link the vault path instead.",
        "Bitte niemals Passwörter im Chat teilen – nutzt den Passwort-Manager.",
        "Ne partagez jamais vos clés d'API dans un ticket ; utilisez le coffre-fort.",
        "No compartas contraseñas por correo; usa el gestor de secretos.",
        "トークンはチャットに貼らないでください。シークレットマネージャーを使ってください。",
        "请不要在聊天里发送密码或令牌，使用密钥管理服务。",
        "The token expired, so I generated a new one in the console and updated the pipeline variable.",
        "Our password policy needs 12 characters, one symbol and no reuse of the last 5.",
    )),
    ("base64-ordinary", (
        "next_cursor: «b64json»",
        "data:text/plain;base64,«b64text»",
        "echo «b64text» | base64 -d",
        "\"pageToken\": \"«b64json»\"",
    )),
    ("public-material", (
        "ssh-ed25519 «ed25519» deploy-key-«svc»",
        "«certificate»",
        "«public_pem»",
        "-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----",
    )),
    ("file-paths", (
        "ssl_certificate_key /etc/nginx/ssl/«svc».key;",
        "SSLCertificateKeyFile /etc/ssl/private/«svc».key",
        "IdentityFile ~/.ssh/id_ed25519",
        "cp C:\\Program Files\\«svc»\\config\\appsettings.json .\\backup\\",
        "/var/lib/postgresql/16/main/pg_hba.conf",
        "GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp-sa.json",
    )),
    ("css-html-minified", (
        ".btn-primary { color: #ffffff; background-color: #1e6fd9; border-radius: 4px; }",
        "<div class=\"css-1q2w3e4 token-badge\" data-testid=\"api-key-field\"></div>",
        "!function(e,t){\"object\"==typeof exports&&\"undefined\"!=typeof module?module.exports=t():e.lib=t()}(this,function(){return{}});",
        "main.«hex8».js  vendors.«hex8».chunk.js  styles.«hex8».css",
        "@font-face { font-family: Inter; src: url(/fonts/inter-var.«hex8».woff2); }",
    )),
    ("test-fixture-fake", (
        "@pytest.fixture\ndef api_key() -> str:\n    return \"test-api-key\"",
        "mock.patch.dict(os.environ, {\"«var»\": \"dummy\"})",
        "jest.mock('./client', () => ({ token: 'fake-token-for-tests' }));",
        "FAKE_PASSWORD = \"not-a-real-password\"  # unit tests only",
        "theapikey := \"somefakekey\"",
        "when(vault.read(\"db\")).thenReturn(\"test-secret\");",
        "let mockToken = \"mock-token\"",
    )),
    ("secret-regex", (
        "rules:\n  - id: aws-key\n    regex: 'AKIA[0-9A-Z]{16}'",
        "GITHUB_RE = re.compile(r\"gh[pousr]_[A-Za-z0-9]{36}\")",
        "const slackPattern = /xox[baprs]-[0-9a-zA-Z-]{10,48}/;",
    )),
    ("notebook-output", (
        "Out[12]:\n   epoch   loss    acc\n0      1  0.693  0.512\n1      2  0.541  0.734",
        "In [2]: df.shape\nOut[2]: («int», 14)",
        "Out[9]: array([0.125, 0.25 , 0.5  , 1.   ])",
    )),
    ("ci-config", (
        "stages: [build, test, deploy]\nbuild:\n  image: node:20\n  script:\n    - npm ci\n    - npm run build",
        "steps:\n  - uses: actions/checkout@v4\n  - uses: actions/setup-python@v5\n    with:\n      python-version: '3.12'",
        "pipeline {\n  agent any\n  stages { stage('Build') { steps { sh './gradlew build' } } }\n}",
    )),
    ("infra-config", (
        "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"«svc»-logs-«env»\"\n}",
        "- name: install packages\n  apt:\n    name: [nginx, certbot]\n    state: present",
        "[server]\nport = «port»\nworkers = 4\n[logging]\nlevel = info",
        "upstream «svc» {\n    server «svc»-1:8080;\n    server «svc»-2:8080;\n}",
    )),
)  # fmt: skip

# --- PII ----------------------------------------------------------------------------------

FIRST = (
    "Ilse", "Rafael", "Mireille", "Kofi", "Saanvi", "Henrik", "Lucía", "Yusuf", "Margit",
    "Dong-hyun", "Imogen", "Bogdan", "Ayumi", "Thiago", "Nkechi", "Elif", "Oskar", "Valentina",
)  # fmt: skip
LAST = (
    "Okonkwo", "Lindqvist", "Baptiste", "Ferreira", "Nakamura", "Kowalczyk", "Haddad",
    "Brennan", "Vasquez", "Rautenberg", "Mensah", "Iyer", "Castellano", "Papadakis", "Kaya",
    "Moreau", "Sørensen", "Halvorsen",
)  # fmt: skip
MAIL_DOMAINS = ("northwind-labs.io", "acme-corp.com", "example.org", "contoso.net", "mailbox.de")
PHONE_REGIONS = ("US", "US", "US", "GB", "DE", "FR", "IN", "BR", "JP", "AU", "ES", "NL")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    ascii_first = first.lower().replace("í", "i").replace("-", "")
    local = rng.choice((f"{ascii_first}.{last.lower()}", f"{ascii_first[0]}{last.lower()}"))
    local = local.replace("ø", "o")
    return f"{local}@{rng.choice(MAIL_DOMAINS)}"


def _phone(rng: random.Random) -> str:
    region = rng.choice(PHONE_REGIONS)
    kind = rng.choice(
        (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE)
    )
    example = phonenumbers.example_number_for_type(region, kind)
    national = str(example.national_number)
    while True:
        candidate = national[:3] + _chars(rng, DIGITS, len(national) - 3)
        number = phonenumbers.parse(f"+{example.country_code}{candidate}")
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) == region
        ):
            break
    style = phonenumbers.PhoneNumberFormat
    formats = [style.INTERNATIONAL, style.E164]
    if region == "US":
        formats.append(style.NATIONAL)
    return phonenumbers.format_number(number, rng.choice(formats))


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.25:
        groups = [_chars(rng, HEX, 4) for _ in range(5)]
        return "2a02:" + ":".join(groups[:3]) + "::" + groups[3]
    first = rng.choice((23, 34, 46, 52, 81, 91, 104, 141, 178, 185, 203, 212))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


PII: tuple[tuple[str, str, Token, tuple[str, ...]], ...] = (
    ("person", "PERSON", _person, (
        "Can you draft a polite reply to § about the delayed invoice?",
        "Please loop in § on the retro notes before Friday.",
        "Merci de transmettre le dossier à § avant jeudi.",
        "Kannst du § fragen, ob der Release heute noch rausgeht?",
        "§ approved the rollout plan this morning, so we can start.",
        "Hola, ¿puedes enviar el informe a § cuando esté listo?",
        "Summarise this thread for § who was out last week.",
    )),
    ("email", "EMAIL_ADDRESS", _email, (
        "send the export to § once the job finishes",
        "Contact: §\nSubject: access request for the analytics workspace",
        "Por favor, escreva para § com o relatório.",
        "Please add § to the on-call rotation list.",
        "Die Rechnung bitte an § schicken.",
    )),
    ("phone", "PHONE_NUMBER", _phone, (
        "call me back at § when the build is green",
        "Customer left a voicemail, callback number §.",
        "Mon numéro pour l'astreinte : §",
        "Meine Handynummer ist §, ruf einfach an.",
        "The vendor's support line is § if the portal stays down.",
    )),
    ("credit_card", "CREDIT_CARD", credit_card, (
        "Customer says card § was charged twice, can you draft a refund note?",
        "Payment failed for card number §, expiry 09/27.",
        "La tarjeta § fue rechazada en el checkout.",
        "refund the order paid with § please",
    )),
    ("us_ssn", "US_SSN", us_ssn, (
        "The onboarding form lists SSN § — should that be in the ticket?",
        "Applicant social security number: §",
        "can you mask the SSN § in this CSV before I share it",
    )),
    ("iban", "IBAN_CODE", iban, (
        "Please wire the deposit to IBAN § by Monday.",
        "Bitte überweise den Betrag auf § (Verwendungszweck: Rechnung 42).",
        "Merci d'effectuer le virement sur le compte §.",
        "The supplier changed their bank details to §, is that legit?",
    )),
    ("ip_address", "IP_ADDRESS", _ip, (
        "ssh keeps timing out on § since the firewall change",
        "Blocked client § after 500 failed logins in a minute.",
        "El servidor con IP § no responde al ping.",
        "whitelist § on the partner API please",
    )),
)  # fmt: skip
PII_COUNTS = {
    "person": 10,
    "email": 9,
    "phone": 9,
    "credit_card": 8,
    "us_ssn": 8,
    "iban": 8,
    "ip_address": 8,
}

PII_NEGATIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("order-and-tracking", (
        "Order #«order» shipped, tracking 1Z«trk»",
        "RMA «order» approved; replacement unit ships in 3 business days.",
        "Invoice INV-«year»-«n4» is overdue by «small» days.",
    )),
    ("versions-timestamps", (
        "Upgraded the cluster to «ver» on «date» at «time» UTC.",
        "Build «ver»+«hex7» finished in «small»m «small»s.",
        "Log rotated at «date»T«time»Z, «small» files compressed.",
    )),
    ("product-feature-names", (
        "Smart Compose and Dark Mode ship in the «ver» release.",
        "Widget Pro Max now supports Offline Sync and Bulk Export.",
        "The Insights Dashboard replaces the old Usage Report next sprint.",
        "Enable Advanced Threat Protection for the Premium tier only.",
    )),
    ("team-and-job-titles", (
        "The Platform Reliability team owns the Incident Review process.",
        "Hiring: Senior Staff Engineer, Principal Data Scientist, Engineering Manager.",
        "Ask the Release Captain or the Duty Manager before merging.",
        "Grace period ends after «small» days; Bill of Materials is attached.",
    )),
    ("code-identifiers", (
        "class OrderLineItem(BaseModel):\n    sku: str\n    quantity: int",
        "public sealed class HttpClientFactory : IDisposable",
        "Given A Logged In Admin When The Report Runs Then Totals Match",
        "UserProfileSerializer fails when PaymentMethodView is cached.",
    )),
    ("formulas-units", (
        "E = m·c², so 1 g of mass is about 8.99e13 J.",
        "g = 9.81 m/s², v = g·t, after «small» s v ≈ «small»·9.81 m/s.",
        "N_A = 6.022e23 mol⁻¹; R = 8.314 J/(mol·K).",
        "F = m·a with m = «small» kg and a = 2.5 m/s².",
        "The resistor reads «small»0 Ω ± 5 %, power rating 0.25 W.",
    )),
    ("measurements-tables", (
        "| sample | mass (g) | temp (°C) |\n|---|---|---|\n| A | «dec» | «dec» |\n| B | «dec» | «dec» |",
        "trial «small»: «dec» ms, «dec» ms, «dec» ms (median «dec» ms)",
        "pH 7.4, osmolality 290 mOsm/kg, glucose 5.5 mmol/L",
    )),
    ("coordinates-non-places", (
        "Point (x, y, z) = («dec», -«dec», «dec») lies outside the unit sphere.",
        "Move the sprite to grid cell B7, then to (12, 40) on the canvas.",
        "Lattice vector a = (0.5, 0.5, 0) in units of the cubic cell.",
    )),
    ("part-and-sku", (
        "Replace the LM317T regulator and the 1N4007 diode on board rev C.",
        "SKU-«upper3»-XL-«n4» is back in stock; SKU-«upper3»-M-«n4» is not.",
        "Part no. «upper3»-«n4»-«upper3», torque 12 N·m.",
    )),
    ("course-codes-citations", (
        "Prerequisites: MATH «n4» and CS «n3» (or equivalent).",
        "See Table 3 in Proc. of the Workshop on Systems, pp. «n3»–«n3».",
        "Lecture notes for PHYS-«n3», chapter «small», section «small».«small».",
        "ISBN «isbn», third edition, chapter «small».",
    )),
    ("colours-css", (
        "Primary #«hex6», accent #«hex6», rgb(30, 144, 255) for links.",
        "--brand-500: hsl(«n3», 70%, 45%);",
    )),
    ("other-language", (
        "Le rapport trimestriel est prêt ; la version «ver» corrige le bug d'affichage.",
        "Die Migration dauert etwa «small» Minuten, danach bitte den Cache leeren.",
        "La reunión de planificación se movió al jueves a las «small» de la tarde.",
        "リリースは来週の予定です。テストはすべて成功しました。",
        "新版本修复了导出功能，请更新到 «ver»。",
        "A nova versão melhora o desempenho do relatório em «small» %.",
    )),
    ("ticket-ids", (
        "PLAT-«n4» blocks REL-«n4»; both are in the current sprint.",
        "Closes #«n4», relates to #«n4».",
        "Error code E«n4» on step «small» of the wizard.",
    )),
)  # fmt: skip

# --- slot fillers: harmless random text -----------------------------------------------------

ENV_NAMES = ("staging", "prod", "dev", "qa")
VARS = ("API_KEY", "DB_PASSWORD", "SECRET_TOKEN", "CLIENT_SECRET", "AUTH_TOKEN", "SMTP_PASSWORD")


def _sri(rng: random.Random) -> str:
    return _b64(rng.randbytes(48))


def _b64json(rng: random.Random) -> str:
    blob = {"page": rng.randint(2, 90), "size": rng.choice((20, 50, 100)), "sort": "created_at"}
    return _b64(json.dumps(blob).encode())


def _b64text(rng: random.Random) -> str:
    line = rng.choice(("hello world", "build passed", "release notes follow", "ok"))
    return _b64(f"{line} #{rng.randint(1, 999)}\n".encode())


def _ed25519(rng: random.Random) -> str:
    return _b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rng.randbytes(32))


def _certificate(rng: random.Random) -> str:
    body = _b64(bytes.fromhex("3082030d308201f5a003020102") + rng.randbytes(48 * 12 - 13))
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN CERTIFICATE-----", *lines, "-----END CERTIFICATE-----"])


def _public_pem(rng: random.Random) -> str:
    body = _b64(
        bytes.fromhex("30820122300d06092a864886f70d01010105000382010f00") + rng.randbytes(270)
    )
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join(["-----BEGIN PUBLIC KEY-----", *lines, "-----END PUBLIC KEY-----"])


def _isbn(rng: random.Random) -> str:
    body = "978" + _chars(rng, DIGITS, 9)
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
    return f"{body[:3]}-{body[3]}-{body[4:7]}-{body[7:]}-{check}"


FILLERS: dict[str, Token] = {
    "host": lambda r: r.choice(HOSTS),
    "user": lambda r: r.choice(USERS),
    "svc": lambda r: r.choice(SERVICES),
    "env": lambda r: r.choice(ENV_NAMES),
    "var": lambda r: r.choice(VARS),
    "ver": lambda r: f"{r.randint(1, 9)}.{r.randint(0, 30)}.{r.randint(0, 20)}",
    "port": lambda r: str(r.choice((3000, 5432, 6379, 8080, 8443, 9090, 9200))),
    "date": lambda r: f"2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
    "time": lambda r: f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}",
    "year": lambda r: str(r.randint(2019, 2025)),
    "int": lambda r: str(r.randint(2, 9999)),
    "small": lambda r: str(r.randint(2, 59)),
    "n3": lambda r: str(r.randint(100, 499)),
    "n4": lambda r: str(r.randint(1000, 4999)),
    "dec": lambda r: f"{r.uniform(0.1, 99):.2f}",
    "hex6": _tok("", HEX, 6),
    "hex7": _tok("", HEX, 7),
    "hex8": _tok("", HEX, 8),
    "hex16": _tok("", HEX, 16),
    "hex32": _tok("", HEX, 32),
    "hex40": _tok("", HEX, 40),
    "hex64": _tok("", HEX, 64),
    "upper3": _tok("", UPPER, 3),
    "order": _parts((UPPER, 2), "-", (DIGITS, 5), "-", (UPPER, 2)),
    "trk": _tok("", UPPER + DIGITS, 16),
    "uuid": _uuid,
    "sri": _sri,
    "b64json": _b64json,
    "b64text": _b64text,
    "ed25519": _ed25519,
    "certificate": _certificate,
    "public_pem": _public_pem,
    "isbn": _isbn,
}

LEADS = ("", "", "", "quick question: ", "fyi ", "context:\n", "hey, ", "see below\n\n")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_QUAD = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
_LONG_DIGITS = re.compile(r"\d(?:[ -]?\d){12,18}")
_SSN_SHAPE = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def lookalike_is_clean(text: str) -> bool:
    """True when ``text`` holds no phone number (US, GB), e-mail, IPv4, card or SSN shape."""
    for region in ("US", "GB"):
        if any(True for _ in phonenumbers.PhoneNumberMatcher(text, region)):
            return False
    if _EMAIL.search(text) or _QUAD.search(text) or _SSN_SHAPE.search(text):
        return False
    runs = (re.sub(r"\D", "", run) for run in _LONG_DIGITS.findall(text))
    return not any(_luhn_ok(run) for run in runs)


def _fill(rng: random.Random, template: str) -> str:
    return SLOT.sub(lambda match: FILLERS[match.group(1)](rng), template)


def _clean_fill(rng: random.Random, template: str) -> str:
    """Fill the slots until the text holds nothing PII-shaped (a few draws suffice)."""
    for _ in range(50):
        text = _fill(rng, template)
        if lookalike_is_clean(text):
            return text
    raise ValueError(template)


def _segments(rng: random.Random, template: str, value: str, label: str) -> Segments:
    before, after = template.split(MARK)
    return [(_fill(rng, before), None), (value, label), (_fill(rng, after), None)]


# --- builders -------------------------------------------------------------------------------


def _literal_cases(rng: random.Random) -> list[Case]:
    slots = [(family, make, t) for family, make, templates in LITERALS for t in templates]
    rng.shuffle(slots)
    chosen = (slots * 2)[: SIZES["literal"]]
    cases = []
    for family, make, template in chosen:
        text, spans = _join(_segments(rng, template, make(rng), SECRET))
        cases.append(Case(family, "literal", text, spans))
    return cases


def _generated_cases(rng: random.Random) -> list[Case]:
    vendors = list(VENDORS)
    rng.shuffle(vendors)
    picks = (vendors * 2)[: SIZES["generated"]]
    cases = []
    for family, var, make in picks:
        template = rng.choice(GENERATED_CONTEXTS)
        template = template.replace("{var}", var).replace("{lvar}", _camel(var))
        text, spans = _join(_segments(rng, template, make(rng), SECRET))
        cases.append(Case(family, "generated", text, spans))
    return cases


def _camel(var: str) -> str:
    head, *rest = var.lower().split("_")
    return head + "".join(part.title() for part in rest)


def _negative_cases(rng: random.Random) -> list[Case]:
    slots = [(family, t) for family, templates in NEGATIVES for t in templates]
    cases = []
    while len(cases) < SIZES["negative"]:
        family, template = rng.choice(slots) if len(cases) >= len(slots) else slots[len(cases)]
        text = rng.choice(LEADS) + _clean_fill(rng, template)
        cases.append(Case(family, "negative", text, harmless=True))
    return cases


def _pii_cases(rng: random.Random) -> list[Case]:
    cases = []
    for family, label, make, templates in PII:
        for _ in range(PII_COUNTS[family]):
            text, spans = _join(_segments(rng, rng.choice(templates), make(rng), label))
            cases.append(Case(family, "pii", text, spans))
    return cases


def _pii_negative_cases(rng: random.Random) -> list[Case]:
    slots = [(family, t) for family, templates in PII_NEGATIVES for t in templates]
    cases = []
    while len(cases) < SIZES["pii_negative"]:
        family, template = rng.choice(slots) if len(cases) >= len(slots) else slots[len(cases)]
        cases.append(Case(family, "pii_negative", _clean_fill(rng, template), harmless=True))
    return cases


def round13_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """All of round 13's cases, in a fixed order for a given seed."""
    rng = random.Random(seed)
    return [
        *_literal_cases(rng),
        *_generated_cases(rng),
        *_negative_cases(rng),
        *_pii_cases(rng),
        *_pii_negative_cases(rng),
    ]
