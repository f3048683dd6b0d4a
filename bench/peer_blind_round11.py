"""Blind peer round 11: credentials in pastes, harmless look-alikes, PII and PII look-alikes.

Written blind by "blind11", who never saw the detector, its tests, its documentation or the
other rounds' cases; the round was frozen (committed) before the detector first ran on it.
The families and tricky negatives follow what public suites document: Nosey Parker's and
Kingfisher's rule YAMLs (examples and negative examples), detect-secrets' plugin tests,
secretlint's rule tests, gitleaks' rule true and false positives, trufflehog's detector tests,
and Presidio's analyzer recognizer tests. No public literal is copied: every key-shaped value
is drawn at run time from its documented shape (prefix, alphabet, length, checksum).

The emphasis is code review and DevOps pastes (Terraform, Kubernetes manifests, Helm values,
CI workflows, notebook output, Java, Go, Rust, C#, PHP, Ruby, SQL, logs) and, for the PII
look-alikes, business documents (minutes, changelogs, spreadsheets pasted as text).
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

BASE62 = DIGITS + UPPER + LOWER
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
UPPER_DIGITS = UPPER + DIGITS
LOWER_DIGITS = LOWER + DIGITS
PW_SYMBOLS = "!#%^*-_~"
VAR, LOW, VALUE = "«VAR»", "«var»", "«VALUE»"


def _secret(family: str, kind: str, before: str, value: str, after: str) -> Case:
    """A case whose one labelled span is ``value``, between ``before`` and ``after``."""
    segments: Segments = [(before, None), (value, SECRET), (after, None)]
    text, spans = _join(segments)
    return Case(family, kind, text, spans)


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _password(rng: random.Random, url_safe: bool = False) -> str:
    """A password as people choose or generate them; never starts or ends on a symbol."""
    style = rng.randrange(4)
    words = ("lantern", "copper", "meadow", "glacier", "pepper", "violet", "harbour", "cobalt")
    symbols = "-_" if url_safe else PW_SYMBOLS
    if style == 0:
        word = rng.choice(words).capitalize()
        return f"{word}{rng.choice(symbols)}{rng.randint(100, 99999)}{_chars(rng, LOWER, 2)}"
    if style == 1:
        middle = _chars(rng, ALNUM + symbols, rng.randint(10, 18))
        return _chars(rng, ALNUM, 1) + middle + _chars(rng, ALNUM, 1)
    if style == 2:
        picked = rng.sample(words, 3)
        return "-".join(w.capitalize() if i == 1 else w for i, w in enumerate(picked)) + str(
            rng.randint(10, 99)
        )
    return _chars(rng, ALNUM, rng.randint(20, 32))


def _fill(template: str, var: str) -> tuple[str, str]:
    before, _, after = template.replace(VAR, var).replace(LOW, var.lower()).partition(VALUE)
    return before, after


# --- tokens with a documented structure -----------------------------------------------------


def _github(prefix: str) -> Token:
    """A GitHub token: prefix, 30 random base62 characters, then the base62 CRC32 of them."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = BASE62[digit] + tail
        return prefix + body + tail

    return build


def _pem(rng: random.Random, label: str, header: bytes, size: int) -> str:
    body = _b64(header + rng.randbytes(size))
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----"


PEM_KINDS = (
    ("RSA PRIVATE KEY", bytes.fromhex("308204a40201000282010100"), 1150),
    ("PRIVATE KEY", bytes.fromhex("308204bd020100300d06092a864886f70d0101010500"), 1180),
    ("EC PRIVATE KEY", bytes.fromhex("307702010104"), 115),
    ("OPENSSH PRIVATE KEY", b"openssh-key-v1\x00\x00\x00\x00\x04none", 380),
)


def _private_key(rng: random.Random) -> str:
    label, header, size = rng.choice(PEM_KINDS)
    return _pem(rng, label, header, size)


def _jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(("HS256", "RS256", "ES256")), "typ": "JWT"}
    claims = {
        "sub": _uuid(rng),
        "iss": rng.choice(("https://auth.acme-internal.io", "billing-api", "sso-gateway")),
        "iat": rng.randint(1_700_000_000, 1_760_000_000),
        "scope": rng.choice(("read write", "admin", "orders:write")),
    }
    claims["exp"] = claims["iat"] + rng.choice((900, 3600, 86400))
    parts = (json.dumps(header, separators=(",", ":")), json.dumps(claims, separators=(",", ":")))
    signature = _b64url(rng.randbytes(rng.choice((32, 64))))
    return ".".join(_b64url(p.encode()) for p in parts) + "." + signature


def _mapbox(rng: random.Random) -> str:
    claims = {
        "u": rng.choice(("acme-maps", "fleetview", "geo-team")),
        "a": _chars(rng, LOWER_DIGITS, 25),
    }
    return (
        "sk."
        + _b64url(json.dumps(claims, separators=(",", ":")).encode())
        + "."
        + _chars(rng, URLSAFE, 22)
    )


def _grafana_cloud(rng: random.Random) -> str:
    claims = {
        "o": _chars(rng, DIGITS, 6),
        "n": f"stack-{_chars(rng, DIGITS, 6)}-hm-read-{rng.choice(('ci', 'deploy', 'agent'))}",
        "k": _chars(rng, ALNUM, 24),
        "m": {"r": rng.choice(("prod-us-east-0", "prod-eu-west-2"))},
    }
    return "glc_" + _b64(json.dumps(claims, separators=(",", ":")).encode()).rstrip("=")


def _onepassword(rng: random.Random) -> str:
    claims = {
        "signInAddress": "acme-corp.1password.com",
        "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000},
        "srpX": _chars(rng, HEX, 64),
        "deviceUuid": _chars(rng, LOWER_DIGITS, 26),
    }
    return "ops_" + _b64url(json.dumps(claims, separators=(",", ":")).encode())


def _pypi(rng: random.Random) -> str:
    macaroon = b"\x02\x01\x08pypi.org\x02\x25\x08\x01\x12\x20" + rng.randbytes(rng.randint(60, 90))
    return "pypi-" + _b64url(macaroon)


def _circleci(rng: random.Random) -> str:
    return (
        "CCIPAT_"
        + _chars(rng, ALNUM, 4)
        + _chars(rng, LOWER, 5)
        + _chars(rng, LOWER_DIGITS, 3)
        + _chars(rng, DIGITS, 3)
        + _chars(rng, LOWER, 2)
        + _chars(rng, UPPER, 2)
        + _chars(rng, DIGITS, 1)
        + _chars(rng, LOWER, 1)
        + _chars(rng, LOWER_DIGITS, 1)
        + _chars(rng, DIGITS, 1)
        + _chars(rng, LOWER, 1)
        + "_"
        + _chars(rng, LOWER_DIGITS, 40)
    )


def _teams_webhook(rng: random.Random) -> str:
    tenant = rng.choice(("acmecorp", "northwindtraders", "fabrikamltd"))
    return (
        f"https://{tenant}.webhook.office.com/webhookb2/{_uuid(rng)}@{_uuid(rng)}"
        f"/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}"
    )


# family -> (environment variable a developer would name it, builder)
VENDORS: dict[str, tuple[str, Token]] = {
    # cloud
    "aws-access-key-id": (
        "AWS_ACCESS_KEY_ID",
        lambda r: _pick(r, "AKIA", "ASIA") + _chars(r, BASE32, 16),
    ),
    "gcp-api-key": ("GOOGLE_MAPS_API_KEY", _tok("AIza", URLSAFE, 35)),
    "azure-ad-client-secret": (
        "AZURE_CLIENT_SECRET",
        _parts((ALNUM, 3), (DIGITS, 1), "Q~", (ALNUM + "_~.-", 33), (ALNUM, 1)),
    ),
    "alibaba-access-key": ("ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    "digitalocean-pat": ("DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    "heroku-api-key": ("HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 57, "A")),
    "flyio-token": ("FLY_API_TOKEN", _tok("fo1_", URLSAFE, 42, "x")),
    "supabase-pat": ("SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    "planetscale-token": ("PLANETSCALE_SERVICE_TOKEN", _tok("pscale_tkn_", URLSAFE, 42, "Q")),
    "planetscale-password": ("DATABASE_PASSWORD", _tok("pscale_pw_", URLSAFE, 42, "k")),
    "netlify-pat": ("NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    "tailscale-auth-key": (
        "TS_AUTHKEY",
        _parts("tskey-auth-k", (ALNUM, 10), "CNTRL-", (ALNUM, 33)),
    ),
    "terraform-cloud": (
        "TFE_TOKEN",
        _parts((ALNUM, 14), ".atlasv1.", (LOWER_DIGITS + "-_", 66), (LOWER_DIGITS, 1)),
    ),
    "vault-service-token": ("VAULT_TOKEN", _tok("hvs.", URLSAFE, 94, "g")),
    "doppler-service-token": ("DOPPLER_TOKEN", _tok("dp.st.prd.", ALNUM, 40)),
    "pulumi-token": ("PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    "cloudflare-origin-ca": (
        "CF_ORIGIN_CA_KEY",
        _parts("v1.0-", (HEX, 24), "-", (HEX, 146)),
    ),
    "age-secret-key": ("SOPS_AGE_KEY", _tok("AGE-SECRET-KEY-1", BECH32, 58)),
    "onepassword-service-account": ("OP_SERVICE_ACCOUNT_TOKEN", _onepassword),
    # version control and CI
    "github-pat": ("GITHUB_TOKEN", _github("ghp_")),
    "github-oauth": ("GH_OAUTH_TOKEN", _github("gho_")),
    "github-app-installation": ("GH_APP_TOKEN", _github("ghs_")),
    "github-fine-grained": (
        "GH_TOKEN",
        _parts("github_pat_11", (UPPER_DIGITS, 20), "_", (ALNUM, 59)),
    ),
    "gitlab-pat": ("GITLAB_TOKEN", _tok("glpat-", URLSAFE, 19, "z")),
    "gitlab-runner": ("RUNNER_TOKEN", _tok("glrt-", URLSAFE, 19, "m")),
    "gitlab-deploy-token": ("CI_DEPLOY_PASSWORD", _tok("gldt-", URLSAFE, 19, "P")),
    "gitlab-feed-token": ("GITLAB_FEED_TOKEN", _tok("glft-", URLSAFE, 19, "4")),
    "bitbucket-app-password": (
        "BITBUCKET_APP_PASSWORD",
        _parts("ATBB", (ALNUM, 24), (HEX.upper(), 8)),
    ),
    "atlassian-api-token": (
        "JIRA_API_TOKEN",
        _parts("ATATT3xFfGF0", (URLSAFE, 170), (ALNUM, 1), "=", (HEX.upper(), 8)),
    ),
    "buildkite-token": ("BUILDKITE_API_TOKEN", _tok("bkua_", LOWER_DIGITS, 40)),
    "circleci-pat": ("CIRCLECI_TOKEN", _circleci),
    "sourcegraph-token": ("SRC_ACCESS_TOKEN", _parts("sgp_", (HEX, 16), "_", (HEX, 40))),
    "sonarqube-token": (
        "SONAR_TOKEN",
        lambda r: _pick(r, "squ_", "sqp_", "sqa_") + _chars(r, HEX, 40),
    ),
    "octopus-deploy": ("OCTOPUS_API_KEY", _tok("API-", UPPER_DIGITS, 26)),
    "artifactory-api-key": ("ARTIFACTORY_API_KEY", _tok("AKCp8", ALNUM, 68)),
    "harness-pat": (
        "HARNESS_API_KEY",
        _parts("pat.", (URLSAFE, 21), "x.", (ALNUM, 24), ".", (ALNUM, 20)),
    ),
    "prefect-api-key": ("PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    # package registries
    "npm-token": ("NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    "pypi-token": ("TWINE_PASSWORD", _pypi),
    "rubygems-key": ("GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    "nuget-key": ("NUGET_API_KEY", _tok("oy2", LOWER_DIGITS, 43)),
    "crates-io-token": ("CARGO_REGISTRY_TOKEN", _tok("cio", ALNUM, 32)),
    "dockerhub-pat": ("DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 26, "w")),
    # payments and commerce
    "stripe-secret": ("STRIPE_SECRET_KEY", lambda r: "sk_live_51" + _chars(r, ALNUM, 97)),
    "stripe-restricted": ("STRIPE_RESTRICTED_KEY", lambda r: "rk_live_51" + _chars(r, ALNUM, 97)),
    "stripe-webhook-secret": ("STRIPE_WEBHOOK_SECRET", _tok("whsec_", ALNUM, 32)),
    "square-access-token": ("SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 59, "v")),
    "square-oauth-secret": ("SQUARE_APP_SECRET", _tok("sq0csp-", URLSAFE, 42, "8")),
    "braintree-access-token": (
        "BRAINTREE_ACCESS_TOKEN",
        _parts("access_token$production$", (LOWER_DIGITS, 16), "$", (HEX, 32)),
    ),
    "razorpay-key": ("RAZORPAY_KEY_SECRET", _tok("rzp_live_", ALNUM, 14)),
    "flutterwave-secret": ("FLW_SECRET_KEY", _parts("FLWSECK-", (HEX, 32), "-X")),
    "plaid-access-token": ("PLAID_ACCESS_TOKEN", lambda r: "access-production-" + _uuid(r)),
    "shopify-admin-token": ("SHOPIFY_ADMIN_TOKEN", _tok("shpat_", HEX, 32)),
    "shippo-token": ("SHIPPO_API_TOKEN", _tok("shippo_live_", HEX, 40)),
    "easypost-key": ("EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    "duffel-token": ("DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", LOWER_DIGITS + "_-", 42, "q")),
    # chat and messaging
    "slack-bot-token": (
        "SLACK_BOT_TOKEN",
        _parts("xoxb-", (DIGITS, 12), "-", (DIGITS, 13), "-", (ALNUM, 24)),
    ),
    "slack-user-token": (
        "SLACK_USER_TOKEN",
        _parts("xoxp-", (DIGITS, 12), "-", (DIGITS, 12), "-", (DIGITS, 13), "-", (HEX, 32)),
    ),
    "slack-app-token": (
        "SLACK_APP_TOKEN",
        _parts("xapp-1-A", (UPPER_DIGITS, 10), "-", (DIGITS, 13), "-", (HEX, 64)),
    ),
    "slack-webhook": (
        "SLACK_WEBHOOK_URL",
        _parts(
            "https://hooks.slack.com/services/T",
            (UPPER_DIGITS, 10),
            "/B",
            (UPPER_DIGITS, 10),
            "/",
            (ALNUM, 24),
        ),
    ),
    "discord-bot-token": (
        "DISCORD_TOKEN",
        _parts("MT", (ALNUM, 24), ".", (URLSAFE, 5), "x.", (URLSAFE, 37), (ALNUM, 1)),
    ),
    "discord-webhook": (
        "DISCORD_WEBHOOK",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 19), "/", (URLSAFE, 67), (ALNUM, 1)),
    ),
    "telegram-bot-token": (
        "TELEGRAM_BOT_TOKEN",
        lambda r: f"{r.randint(10**8, 10**10 - 1)}:AA{_chars(r, URLSAFE, 32)}{_chars(r, ALNUM, 1)}",
    ),
    "teams-webhook": ("TEAMS_WEBHOOK_URL", _teams_webhook),
    "twilio-api-key": ("TWILIO_API_KEY", _tok("SK", HEX, 32)),
    "sendgrid-key": (
        "SENDGRID_API_KEY",
        _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 42), (ALNUM, 1)),
    ),
    "mailgun-key": ("MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    "mailchimp-key": ("MAILCHIMP_API_KEY", lambda r: f"{_chars(r, HEX, 32)}-us{r.randint(1, 21)}"),
    "mailersend-token": ("MAILERSEND_API_TOKEN", _tok("mlsn.", HEX, 64)),
    # AI providers
    "openai-project-key": (
        "OPENAI_API_KEY",
        _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 73), (ALNUM, 1)),
    ),
    "openai-service-account": (
        "OPENAI_API_KEY",
        _parts("sk-svcacct-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 73), (ALNUM, 1)),
    ),
    "anthropic-key": ("ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    "anthropic-admin-key": ("ANTHROPIC_ADMIN_KEY", _parts("sk-ant-admin01-", (URLSAFE, 93), "AA")),
    "groq-key": ("GROQ_API_KEY", _parts("gsk_", (ALNUM, 20), "WGdyb3FY", (ALNUM, 24))),
    "huggingface-token": ("HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    "replicate-token": ("REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    "perplexity-key": ("PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    "xai-key": ("XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    "openrouter-key": ("OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    "langsmith-key": ("LANGCHAIN_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    "nvidia-key": ("NVIDIA_API_KEY", _tok("nvapi-", URLSAFE, 63, "Z")),
    "pinecone-key": ("PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 5), "_", (ALNUM, 63))),
    "tavily-key": ("TAVILY_API_KEY", _tok("tvly-", ALNUM, 32)),
    "firecrawl-key": ("FIRECRAWL_API_KEY", _tok("fc-", HEX, 32)),
    "jina-key": ("JINA_API_KEY", _parts("jina_", (HEX, 32), (URLSAFE, 27), (ALNUM, 1))),
    # observability
    "new-relic-user-key": ("NEW_RELIC_API_KEY", _tok("NRAK-", UPPER_DIGITS, 27)),
    "grafana-service-account": ("GRAFANA_SA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    "grafana-cloud-token": ("GRAFANA_CLOUD_TOKEN", _grafana_cloud),
    "sentry-user-token": ("SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    "dynatrace-token": (
        "DT_API_TOKEN",
        _parts("dt0c01.", (UPPER_DIGITS, 24), ".", (UPPER_DIGITS, 64)),
    ),
    "posthog-personal-key": ("POSTHOG_PERSONAL_API_KEY", _tok("phx_", ALNUM, 43)),
    # SaaS
    "linear-key": ("LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    "notion-token": ("NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    "airtable-pat": ("AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    "figma-token": ("FIGMA_TOKEN", _tok("figd_", URLSAFE, 39, "e")),
    "clickup-token": ("CLICKUP_API_TOKEN", _parts("pk_", (DIGITS, 8), "_", (UPPER_DIGITS, 32))),
    "asana-pat": (
        "ASANA_ACCESS_TOKEN",
        _parts("2/", (DIGITS, 16), "/", (DIGITS, 16), ":", (HEX, 32)),
    ),
    "hubspot-private-app": ("HUBSPOT_ACCESS_TOKEN", lambda r: "pat-na1-" + _uuid(r)),
    "typeform-token": ("TYPEFORM_TOKEN", _tok("tfp_", LOWER_DIGITS + "_-", 58, "r")),
    "postman-key": ("POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    "mapbox-secret": ("MAPBOX_SECRET_TOKEN", _mapbox),
    "dropbox-token": ("DROPBOX_ACCESS_TOKEN", _tok("sl.", URLSAFE, 137, "A")),
    "contentful-pat": ("CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 42, "n")),
    "databricks-token": ("DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    "readme-key": ("README_API_KEY", _tok("rdme_", LOWER_DIGITS, 70)),
    "launchdarkly-key": ("LD_API_KEY", lambda r: "api-" + _uuid(r)),
    "adafruit-io-key": ("ADAFRUIT_IO_KEY", _tok("aio_", ALNUM, 28)),
    "infracost-key": ("INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    "scalingo-token": ("SCALINGO_API_TOKEN", _tok("tk-us-", URLSAFE, 47, "0")),
    "frameio-token": ("FRAMEIO_TOKEN", _tok("fio-u-", URLSAFE, 63, "c")),
}

GENERATED_CONTEXTS = (
    "Deploy fails with 401 since this morning, here's the .env from the box:\n\n"
    "NODE_ENV=production\nLOG_LEVEL=info\n«VAR»=«VALUE»\nPORT=8080\n",
    "history | tail -4\n  512  cd services/billing\n  513  export «VAR»=«VALUE»\n"
    "  514  make integration-test\n  515  git status\n",
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: worker-config\n  namespace: jobs\n"
    "data:\n  LOG_FORMAT: json\n  «VAR»: «VALUE»\n",
    "name: release\non:\n  push:\n    tags: ['v*']\njobs:\n  publish:\n    runs-on: ubuntu-latest\n"
    "    env:\n      «VAR»: «VALUE»\n    steps:\n      - uses: actions/checkout@v4\n",
    "docker run --rm -d --name sync-worker -e «VAR»=«VALUE» -e TZ=UTC ghcr.io/acme/sync:2.4.1\n",
    'variable "«var»" {\n  type    = string\n  default = "«VALUE»"\n}\n\n'
    "# TODO move this to the workspace variables before merging\n",
    "# values-prod.yaml\nreplicaCount: 3\nimage:\n  tag: 1.18.0\nsecrets:\n  «var»: «VALUE»\n"
    "resources:\n  limits:\n    memory: 512Mi\n",
    'import os\n\nos.environ.setdefault("«VAR»", "«VALUE»")\n\nclient = build_client()\n',
    "In [7]: «var» = '«VALUE»'\n\nIn [8]: resp = session.get(url, timeout=10)\n\n"
    "In [9]: resp.status_code\nOut[9]: 403\n",
    '{\n  "name": "ingest-lambda",\n  "environment": {\n    "«VAR»": "«VALUE»",\n'
    '    "STAGE": "prod"\n  }\n}\n',
    'private static final String «VAR» = "«VALUE»";\n\npublic Client client() {\n'
    "    return Client.builder().token(«VAR»).build();\n}\n",
    'const «var» = "«VALUE»"\n\nfunc newClient() *Client {\n\treturn &Client{token: «var»}\n}\n',
    'let «var» = "«VALUE»";\nlet client = reqwest::Client::new();\n'
    "let res = client.get(url).bearer_auth(«var»).send().await?;\n",
    'var «var» = "«VALUE»";\nhttp.DefaultRequestHeaders.Authorization =\n'
    '    new AuthenticationHeaderValue("Bearer", «var»);\n',
    "$«var» = '«VALUE»';\n$response = $http->get($url, ['headers' => ['Authorization' => "
    '"Bearer $«var»"]]);\n',
    "ENV['«VAR»'] ||= '«VALUE»'\nclient = Api::Client.new(token: ENV.fetch('«VAR»'))\n",
    "2024-11-04T10:22:31.114Z DEBUG http.client request headers={'Authorization': "
    "'Bearer «VALUE»', 'Accept': 'application/json'}\n",
    "Quick question: can someone confirm this is the right one for staging? «VALUE»\n"
    "It keeps failing the health check.\n",
    "Hallo zusammen, der neue Schlüssel für die Pipeline ist «VALUE» - bitte nur im "
    "Vault ablegen.\n",
    "Bonjour, voici la clé pour l'environnement de recette : «VALUE»\nMerci de la "
    "remplacer après la démo.\n",
    "Hola equipo, el token que me pasaron es «VALUE» y sigue dando 403.\n",
    "本番用のトークンです: «VALUE»\n後でローテーションします。\n",
    'resource "kubernetes_secret" "app" {\n  metadata {\n    name = "app-env"\n  }\n'
    '  data = {\n    «VAR» = "«VALUE»"\n  }\n}\n',
    "UPDATE integrations SET api_token = '«VALUE»' WHERE name = 'sync';\n",
)


# --- literal credentials, written as people paste them ---------------------------------------

INTROS = (
    "Can you see why this fails?",
    "Here's the config, the service won't start:",
    "Pasted from the staging box:",
    "This is what we have in the repo right now:",
    "Kannst du mal drüberschauen?",
    "¿Alguien sabe por qué falla esto?",
    "Est-ce que quelqu'un voit le problème ?",
    "Perché non funziona?",
    "Alguém consegue ver o erro?",
    "これで接続できません:",
    "Czy ktoś wie, czemu to nie działa?",
    "Kan iemand hiernaar kijken?",
)


def _host(rng: random.Random) -> str:
    return _pick(
        rng,
        "db.internal",
        "pg-primary.prod.svc.cluster.local",
        "orders-db.acme-internal.io",
        "mysql-01.corp.lan",
        "warehouse.cluster-c1x.eu-west-1.rds.amazonaws.com",
    )


def _user(rng: random.Random) -> str:
    return _pick(rng, "app", "svc_backup", "deploy", "admin", "root", "etl_user", "api_rw", "ci")


def _lit_env_password(rng: random.Random) -> Case:
    key = _pick(rng, "DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "SMTP_PASSWORD")
    before = f"{rng.choice(INTROS)}\n\nDB_HOST={_host(rng)}\nDB_USER={_user(rng)}\n{key}="
    return _secret("env_password", "literal", before, _password(rng), "\nDB_PORT=5432\n")


def _lit_yaml_api_key(rng: random.Random) -> Case:
    key = _pick(rng, "api_key", "apiKey", "access_key", "secret_key")
    before = (
        f"{rng.choice(INTROS)}\n\nservice:\n  endpoint: https://api.partner.example/v2\n  {key}: "
    )
    return _secret("yaml_api_key", "literal", before, _chars(rng, HEX, 32), "\n  timeout: 30s\n")


def _lit_json_client_secret(rng: random.Random) -> Case:
    before = (
        '{\n  "client_id": "'
        + _uuid(rng)
        + '",\n  "'
        + _pick(rng, "client_secret", "clientSecret", "app_secret")
        + '": "'
    )
    value = (
        _chars(rng, ALNUM, rng.choice((32, 40))) + _chars(rng, "-_.~", 1) + _chars(rng, ALNUM, 6)
    )
    return _secret(
        "json_client_secret",
        "literal",
        before,
        value,
        '",\n  "grant_type": "client_credentials"\n}',
    )


def _lit_shell_export(rng: random.Random) -> Case:
    key = _pick(rng, "SERVICE_TOKEN", "INTERNAL_API_SECRET", "AUTH_SECRET", "SIGNING_KEY")
    before = f"$ export {key}="
    value = _chars(rng, B64, 43) + "="
    return _secret(
        "shell_export",
        "literal",
        before,
        value,
        f"\n$ ./run.sh --env prod\nerror: {key} rejected\n",
    )


def _lit_basic_header(rng: random.Random) -> Case:
    creds = f"{_user(rng)}:{_password(rng)}".encode()
    before = "curl -s https://jenkins.corp.example/api/json -H 'Authorization: Basic "
    return _secret("basic_auth_header", "literal", before, _b64(creds), "' | jq .jobs\n")


def _lit_bearer_header(rng: random.Random) -> Case:
    before = (
        f"{rng.choice(INTROS)}\n\ncurl -X POST https://api.internal.example/v1/reports \\\n"
        '  -H "Authorization: Bearer '
    )
    value = _chars(rng, URLSAFE, rng.randint(36, 60)) + _chars(rng, ALNUM, 1)
    return _secret("bearer_header", "literal", before, value, '" \\\n  -d @report.json\n')


def _lit_token_header(rng: random.Random) -> Case:
    before = "GET /api/v1/projects/ HTTP/1.1\nHost: tracker.internal.example\nAuthorization: Token "
    return _secret(
        "token_header", "literal", before, _chars(rng, HEX, 40), "\nAccept: */*\n\nHTTP/1.1 401\n"
    )


def _lit_curl_user(rng: random.Random) -> Case:
    before = f"curl -u {_user(rng)}:"
    after = _pick(
        rng,
        " https://nexus.corp.example/service/rest/v1/repositories\n",
        " -X PUT https://elastic.internal:9200/_cluster/settings -d @settings.json\n",
        " https://registry.internal.example/v2/_catalog\n",
    )
    return _secret("curl_user_password", "literal", before, _password(rng, url_safe=True), after)


def _lit_url_credentials(rng: random.Random) -> Case:
    scheme, port = rng.choice(
        (("postgresql", 5432), ("mysql", 3306), ("mongodb", 27017), ("amqp", 5672), ("redis", 6379))
    )
    before = f"{_pick(rng, 'DATABASE_URL=', 'url: ', 'broker_url = ')}{scheme}://{_user(rng)}:"
    after = f"@{_host(rng)}:{port}/{_pick(rng, 'app', 'orders', '0', 'prod')}\n"
    return _secret("url_credentials", "literal", before, _password(rng, url_safe=True), after)


def _lit_private_key(rng: random.Random) -> Case:
    before = _pick(
        rng,
        "ssh keeps saying 'invalid format' for this key, what's wrong?\n\n",
        "Found this in the deploy role, is it still used?\n```\n",
        "Ключ для сервера сборки:\n",
        "id_deploy:\n",
    )
    return _secret(
        "private_key", "literal", before, _private_key(rng), "\n```\n" if "```" in before else "\n"
    )


def _lit_service_account(rng: random.Random) -> Case:
    pem = _pem(
        rng, "PRIVATE KEY", bytes.fromhex("308204bd020100300d06092a864886f70d0101010500"), 1180
    )
    escaped = pem.replace("\n", "\\n")
    project = _pick(rng, "billing-prod-4821", "data-lake-dev", "ml-sandbox-17")
    before = (
        '{\n  "type": "service_account",\n  "project_id": "'
        + project
        + '",\n  "private_key_id": "'
        + _chars(rng, HEX, 40)
        + '",\n  "private_key": "'
    )
    return _secret(
        "service_account_json",
        "literal",
        before,
        escaped,
        '\\n",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}',
    )


def _lit_jwt(rng: random.Random) -> Case:
    before = _pick(
        rng,
        "Cookie: session=",
        "[auth] token validation failed for token=",
        "Why is this one expired already?\n",
        "Authorization: Bearer ",
    )
    return _secret(
        "jwt", "literal", before, _jwt(rng), _pick(rng, "; Path=/\n", " (kid mismatch)\n", "\n")
    )


def _lit_aws_credentials(rng: random.Random) -> Case:
    profile = _pick(rng, "default", "profile ci", "profile backup")
    before = f"~/.aws/credentials\n[{profile}]\nregion = eu-central-1\naws_secret_access_key = "
    return _secret(
        "aws_secret_access_key",
        "literal",
        before,
        _chars(rng, ALNUM, 30) + _chars(rng, B64, 9) + _chars(rng, ALNUM, 1),
        "\noutput = json\n",
    )


def _lit_azure_storage(rng: random.Random) -> Case:
    account = _pick(rng, "acmelogs", "stgbackupprod", "mediauploads01")
    before = f"DefaultEndpointsProtocol=https;AccountName={account};AccountKey="
    value = _chars(rng, B64, 86) + "=="
    return _secret(
        "azure_storage_key", "literal", before, value, ";EndpointSuffix=core.windows.net\n"
    )


def _lit_docker_run(rng: random.Random) -> Case:
    key, image = rng.choice(
        (
            ("POSTGRES_PASSWORD", "postgres:16"),
            ("MYSQL_ROOT_PASSWORD", "mysql:8.4"),
            ("RABBITMQ_DEFAULT_PASS", "rabbitmq:3-management"),
            ("MINIO_ROOT_PASSWORD", "minio/minio:latest"),
        )
    )
    return _secret(
        "docker_run_env",
        "literal",
        f"docker run -d --name db -e {key}=",
        _password(rng),
        f" -p 5432:5432 {image}\n",
    )


def _lit_k8s_secret(rng: random.Random) -> Case:
    before = (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\ntype: Opaque\n"
        f"stringData:\n  username: {_user(rng)}\n  password: "
    )
    return _secret("kubernetes_secret", "literal", before, _password(rng), "\n")


def _lit_terraform(rng: random.Random) -> Case:
    before = (
        'resource "aws_db_instance" "main" {\n  engine         = "postgres"\n'
        '  instance_class = "db.t3.medium"\n  username       = "'
        + _user(rng)
        + '"\n  password       = "'
    )
    return _secret(
        "terraform_password",
        "literal",
        before,
        _password(rng),
        '"\n  skip_final_snapshot = true\n}\n',
    )


def _lit_helm_values(rng: random.Random) -> Case:
    key = _pick(rng, "rootPassword", "adminPassword", "password", "replicationPassword")
    before = f"# values.yaml override\nauth:\n  enabled: true\n  {key}: "
    return _secret(
        "helm_values", "literal", before, _password(rng), "\narchitecture: replication\n"
    )


def _lit_actions_hardcoded(rng: random.Random) -> Case:
    before = (
        "      - name: Upload coverage\n        run: ./upload.sh\n        env:\n"
        "          UPLOAD_TOKEN: "
    )
    return _secret("ci_workflow_secret", "literal", before, _chars(rng, HEX, 40), "\n")


def _lit_java(rng: random.Random) -> Case:
    before = _pick(
        rng,
        'dataSource.setPassword("',
        'props.setProperty("mail.smtp.password", "',
        'config.setClientSecret("',
        'KeyStore.getInstance("PKCS12").load(in, "',
    )
    after = '".toCharArray());\n' if "KeyStore" in before else '");\n'
    return _secret("java_code", "literal", before, _password(rng), after)


def _lit_go(rng: random.Random) -> Case:
    key = _pick(rng, "apiSecret", "hmacSecret", "clientSecret", "dbPassword")
    before = f'package config\n\nconst (\n\tbaseURL   = "https://api.internal.example"\n\t{key} = "'
    return _secret("go_code", "literal", before, _chars(rng, ALNUM, 32), '"\n)\n')


def _lit_rust(rng: random.Random) -> Case:
    before = (
        'let mut conn = PgConnection::connect(&format!(\n    "host=localhost user=app password='
    )
    return _secret("rust_code", "literal", before, _password(rng), ' dbname=orders"\n)).await?;\n')


def _lit_csharp(rng: random.Random) -> Case:
    before = f'client.Credentials = new NetworkCredential("{_user(rng)}", "'
    return _secret("csharp_credentials", "literal", before, _password(rng), '");\n')


def _lit_php(rng: random.Random) -> Case:
    before = (
        f"define( 'DB_NAME', 'wordpress' );\ndefine( 'DB_USER', '{_user(rng)}' );\ndefine( "
        "'DB_PASSWORD', '"
    )
    return _secret(
        "php_config", "literal", before, _password(rng), "' );\ndefine( 'DB_HOST', 'localhost' );\n"
    )


def _lit_ruby(rng: random.Random) -> Case:
    if rng.random() < 0.5:
        before = "production:\n  adapter: postgresql\n  database: shop_production\n  password: "
        return _secret("ruby_config", "literal", before, _password(rng), "\n  pool: 5\n")
    before = "Rails.application.configure do\n  config.secret_key_base = '"
    return _secret("ruby_config", "literal", before, _chars(rng, HEX, 128), "'\nend\n")


def _lit_python(rng: random.Random) -> Case:
    if rng.random() < 0.5:
        before = 'resp = requests.get(url, auth=("' + _user(rng) + '", "'
        return _secret("python_code", "literal", before, _password(rng), '"), timeout=5)\n')
    before = "# settings.py\nDEBUG = False\nSECRET_KEY = '"
    value = (
        "django-insecure-" + _chars(rng, LOWER_DIGITS + "!@#%^&*(-_=+)", 49) + _chars(rng, LOWER, 1)
    )
    return _secret("python_code", "literal", before, value, "'\nALLOWED_HOSTS = ['*']\n")


def _lit_sql(rng: random.Random) -> Case:
    before = _pick(
        rng,
        f"CREATE USER {_user(rng)} WITH PASSWORD '",
        f"ALTER USER '{_user(rng)}'@'%' IDENTIFIED BY '",
        "ALTER LOGIN sa WITH PASSWORD = '",
    )
    return _secret("sql_password", "literal", before, _password(rng), "';\n")


def _lit_stack_trace(rng: random.Random) -> Case:
    before = (
        'Traceback (most recent call last):\n  File "etl/load.py", line 88, in connect\n'
        "psycopg.OperationalError: connection to server failed\n"
        f'DETAIL: dsn="host={_host(rng)} port=5432 user={_user(rng)} password='
    )
    return _secret("stack_trace_dsn", "literal", before, _password(rng), ' sslmode=require"\n')


def _lit_jdbc(rng: random.Random) -> Case:
    before = (
        f"spring.datasource.url=jdbc:sqlserver://{_host(rng)}:1433;databaseName=erp;"
        f"user={_user(rng)};password="
    )
    return _secret("jdbc_url", "literal", before, _password(rng), ";encrypt=true\n")


def _lit_dotnet(rng: random.Random) -> Case:
    before = (
        '"ConnectionStrings": {\n  "Default": "Server=tcp:sql-prod.database.windows.net,1433;'
        f"Initial Catalog=crm;User ID={_user(rng)};Password="
    )
    return _secret(
        "dotnet_connection_string", "literal", before, _password(rng), ';Encrypt=True;"\n}'
    )


def _lit_log_line(rng: random.Random) -> Case:
    before = (
        f"2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 08:14:0{rng.randint(0, 9)} INFO  "
        "partner.sync - calling /v3/export with api_key="
    )
    return _secret(
        "log_api_key", "literal", before, _chars(rng, LOWER_DIGITS, 32), " page=3 size=500\n"
    )


def _lit_foreign_message(rng: random.Random) -> Case:
    before, after = rng.choice(
        (
            ("Das Passwort für den Testserver lautet: ", "\nBitte nicht weitergeben."),
            ("Le mot de passe de l'admin est ", " (à changer après la migration)."),
            ("La contraseña del usuario de servicio es ", " y caduca el lunes."),
            ("A senha do banco de homologação é ", " — não compartilhe."),
            ("La password dell'utente di servizio è ", " fino a venerdì."),
            ("管理者パスワード: ", "\n月曜日に変更してください。"),
            ("Hasło do panelu administracyjnego: ", "\nZmień je po wdrożeniu."),
            ("Het wachtwoord voor de testomgeving is ", " tot vrijdag."),
            ("服务账号密码是 ", "\n用完请删除。"),
        )
    )
    return _secret("foreign_language_password", "literal", before, _password(rng), after)


def _lit_npmrc(rng: random.Random) -> Case:
    creds = f"{_user(rng)}:{_password(rng)}".encode()
    before = "registry=https://nexus.corp.example/repository/npm-group/\n_auth="
    return _secret("npmrc_auth", "literal", before, _b64(creds), "\nalways-auth=true\n")


def _lit_netrc(rng: random.Random) -> Case:
    before = f"machine artifacts.corp.example\n  login {_user(rng)}\n  password "
    return _secret("netrc_password", "literal", before, _password(rng), "\n")


def _lit_git_url_token(rng: random.Random) -> Case:
    before = "git clone https://oauth2:"
    return _secret(
        "git_remote_token",
        "literal",
        before,
        _chars(rng, HEX, 40),
        "@git.corp.example/platform/infra.git\n",
    )


def _lit_notebook(rng: random.Random) -> Case:
    before = 'In [3]: from vendor_sdk import Client\n\nIn [4]: client = Client(api_key="'
    after = "\")\n\nIn [5]: client.ping()\nOut[5]: {'status': 'ok'}\n"
    return _secret("notebook_api_key", "literal", before, _chars(rng, ALNUM, 32), after)


def _lit_ldap(rng: random.Random) -> Case:
    before = (
        "ldapsearch -x -H ldaps://ldap.corp.example -D "
        "'cn=svc-read,ou=services,dc=corp,dc=example' -w '"
    )
    return _secret(
        "ldap_bind_password", "literal", before, _password(rng), "' -b 'dc=corp,dc=example'\n"
    )


def _lit_properties(rng: random.Random) -> Case:
    before = "spring.mail.host=smtp.corp.example\nspring.mail.port=587\nspring.mail.password="
    return _secret(
        "properties_password",
        "literal",
        before,
        _password(rng),
        "\nspring.mail.properties.mail.smtp.auth=true\n",
    )


def _lit_redis_conf(rng: random.Random) -> Case:
    before = "# redis.conf\nport 6379\nprotected-mode yes\nrequirepass "
    return _secret("redis_requirepass", "literal", before, _password(rng), "\nmaxmemory 2gb\n")


def _lit_docker_login(rng: random.Random) -> Case:
    before = f"docker login registry.corp.example -u {_user(rng)} -p "
    return _secret(
        "docker_login",
        "literal",
        before,
        _password(rng),
        "\nWARNING! Using --password via the CLI is insecure.\n",
    )


def _lit_laravel_key(rng: random.Random) -> Case:
    before = "APP_NAME=Portal\nAPP_ENV=production\nAPP_KEY="
    value = "base64:" + _b64(rng.randbytes(32))
    return _secret("laravel_app_key", "literal", before, value, "\nAPP_DEBUG=false\n")


def _lit_node_jwt_secret(rng: random.Random) -> Case:
    before = "const jwt = require('jsonwebtoken');\nconst JWT_SECRET = '"
    return _secret(
        "node_jwt_secret",
        "literal",
        before,
        _chars(rng, ALNUM + "-_", 47) + _chars(rng, ALNUM, 1),
        "';\n",
    )


def _lit_ticket(rng: random.Random) -> Case:
    before = (
        f"INC-{rng.randint(10000, 99999)} | Priority: P2 | Status: In progress\n"
        "Description: the partner portal rejects our calls. Credentials used:\n"
        f"  username: {_user(rng)}\n  password: "
    )
    return _secret(
        "ticket_credentials",
        "literal",
        before,
        _password(rng),
        "\nSteps to reproduce: run the nightly job.\n",
    )


LITERAL_BUILDERS: tuple[Callable[[random.Random], Case], ...] = (
    _lit_env_password,
    _lit_yaml_api_key,
    _lit_json_client_secret,
    _lit_shell_export,
    _lit_basic_header,
    _lit_bearer_header,
    _lit_token_header,
    _lit_curl_user,
    _lit_url_credentials,
    _lit_private_key,
    _lit_service_account,
    _lit_jwt,
    _lit_aws_credentials,
    _lit_azure_storage,
    _lit_docker_run,
    _lit_k8s_secret,
    _lit_terraform,
    _lit_helm_values,
    _lit_actions_hardcoded,
    _lit_java,
    _lit_go,
    _lit_rust,
    _lit_csharp,
    _lit_php,
    _lit_ruby,
    _lit_python,
    _lit_sql,
    _lit_stack_trace,
    _lit_jdbc,
    _lit_dotnet,
    _lit_log_line,
    _lit_foreign_message,
    _lit_npmrc,
    _lit_netrc,
    _lit_git_url_token,
    _lit_notebook,
    _lit_ldap,
    _lit_properties,
    _lit_redis_conf,
    _lit_docker_login,
    _lit_laravel_key,
    _lit_node_jwt_secret,
    _lit_ticket,
)


def _literal_cases(rng: random.Random) -> list[Case]:
    return [LITERAL_BUILDERS[i % len(LITERAL_BUILDERS)](rng) for i in range(SIZES["literal"])]


def _generated_cases(rng: random.Random) -> list[Case]:
    families = list(VENDORS)
    cases = []
    for i in range(SIZES["generated"]):
        family = families[i % len(families)]
        var, build = VENDORS[family]
        value = build(rng)
        before, after = _fill(rng.choice(GENERATED_CONTEXTS), var)
        cases.append(_secret(family, "generated", before, value, after))
    return cases


# --- harmless look-alikes for the credential detector -----------------------------------------

PHONE_REGIONS = ("US", "GB")
LONG_DIGITS = re.compile(r"\d(?:[ -]?\d){12,18}")
SSN_SHAPE = re.compile(r"\b\d{3}[- ]\d{2}[- ]\d{4}\b")
DOTTED_QUAD = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _pii_free(text: str) -> bool:
    """No phone number phonenumbers would find, no card-like run, no SSN or IPv4 shape."""
    for region in PHONE_REGIONS:
        if any(True for _ in phonenumbers.PhoneNumberMatcher(text, region)):
            return False
    for run in LONG_DIGITS.findall(text):
        if _luhn_ok(re.sub(r"\D", "", run)):
            return False
    return not SSN_SHAPE.search(text) and not DOTTED_QUAD.search(text)


def _clean(rng: random.Random, build: Callable[[random.Random], str]) -> str:
    for _ in range(200):
        text = build(rng)
        if _pii_free(text):
            return text
    raise ValueError(f"{build.__name__} keeps drawing PII-shaped text")


def _semver(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}"


def _neg_placeholder(rng: random.Random) -> str:
    key = _pick(
        rng, "OPENAI_API_KEY", "STRIPE_SECRET_KEY", "API_TOKEN", "DB_PASSWORD", "CLIENT_SECRET"
    )
    value = _pick(
        rng,
        "<your-api-key>",
        "<YOUR_TOKEN_HERE>",
        "your_password_here",
        "REPLACE_ME",
        "changeit-in-prod-see-wiki",
        "<insert secret>",
        "TODO",
    )
    return f"Copy .env.example to .env and fill it in:\n\n{key}={value}\nLOG_LEVEL=info\n"


def _neg_masked_prefix(rng: random.Random) -> str:
    prefix = _pick(rng, "ghp_", "sk_live_", "xoxb-", "glpat-", "npm_", "AKIA")
    length = rng.choice((20, 24, 36))
    fill = rng.choice("xX*")
    return (
        f"The token looks like `{prefix}{fill * length}` in the docs; paste yours in the settings "
        "page, not here."
    )


def _neg_env_reference(rng: random.Random) -> str:
    return _pick(
        rng,
        'password: "${DB_PASSWORD}"\nusername: "${DB_USER}"\n',
        'export PGPASSWORD="$(cat /run/secrets/pg_password)"\npsql -h db -U app\n',
        "token: {{ .Values.global.apiToken | quote }}\n",
        'api_key: \'{{ vault "secret/data/partner" "api_key" }}\'\n',
        "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  GH_TOKEN: ${{ github.token }}\n",
        "DATABASE_URL=postgres://${PGUSER}:${PGPASSWORD}@${PGHOST}:5432/${PGDATABASE}\n",
        "password = %(DB_PASSWORD)s\n",
        'auth_token = "#{ENV["AUTH_TOKEN"]}"\n',
    )


def _neg_code_lookup(rng: random.Random) -> str:
    return _pick(
        rng,
        'password = os.environ["DB_PASSWORD"]\napi_key = os.getenv("PARTNER_API_KEY", "")\n',
        'token := os.Getenv("GITHUB_TOKEN")\nif token == "" {\n\tlog.Fatal("GITHUB_TOKEN not '
        'set")\n}\n',
        'let api_key = std::env::var("API_KEY").expect("API_KEY must be set");\n',
        'var key = builder.Configuration["Jwt:Key"];\nvar secret = '
        'config.GetValue<string>("ClientSecret");\n',
        '@Value("${spring.datasource.password}")\nprivate String password;\n',
        "$password = getenv('DB_PASSWORD');\n$token = $_ENV['API_TOKEN'] ?? null;\n",
        'config.secret_key_base = ENV.fetch("SECRET_KEY_BASE")\n',
        "const secret = process.env.JWT_SECRET;\nif (!secret) throw new Error('JWT_SECRET "
        "missing');\n",
        'password = keyring.get_password("vpn", username)\n',
    )


def _neg_secret_ref_manifest(rng: random.Random) -> str:
    name = _pick(rng, "db-credentials", "partner-api", "smtp-auth")
    return (
        "        env:\n          - name: DB_PASSWORD\n            valueFrom:\n"
        f"              secretKeyRef:\n                name: {name}\n                key: "
        "password\n"
    )


def _neg_terraform_ref(rng: random.Random) -> str:
    return _pick(
        rng,
        'resource "aws_db_instance" "main" {\n  username = var.db_username\n'
        "  password = random_password.db.result\n}\n",
        'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n',
        'data "aws_secretsmanager_secret_version" "api" {\n  secret_id = "prod/partner/api"\n}\n',
        "auth:\n  existingSecret: db-credentials\n  secretKeys:\n    adminPasswordKey: "
        "admin-password\n",
    )


def _neg_empty(rng: random.Random) -> str:
    return _pick(
        rng,
        "DB_PASSWORD=\nAPI_KEY=\nSECRET_KEY=\n",
        'api_key = ""\ntoken = None\n',
        "password: null\nclient_secret: ~\n",
        '"password": "",\n"apiKey": ""\n',
        "String password = null;\n",
        "auth:\n  token: ''\n",
    )


def _neg_docs_example(rng: random.Random) -> str:
    return _pick(
        rng,
        "The AWS docs use AKIAIOSFODNN7EXAMPLE as the sample access key id; never a real one.",
        "Example from the README: `curl -H 'Authorization: Bearer <token>' https://api.example.com/v1/me`",
        'In the tutorial they write `password = "password"` just to show the field name.',
        "Use `postgresql://USER:PASSWORD@HOST:5432/DBNAME` as the template for DATABASE_URL.",
        "Set `API_KEY=sk-...` (the dots stand for your own key) in your shell profile.",
    )


def _neg_hashes(rng: random.Random) -> str:
    digest = _chars(rng, HEX, 64)
    return _pick(
        rng,
        f"{digest}  terraform_{_semver(rng)}_linux_amd64.zip\n",
        f"sha256sum says {digest} for the installer, matches the release page.",
        f"Image pinned to ghcr.io/acme/api@sha256:{digest}\n",
        f"md5: {_chars(rng, HEX, 32)}  backup-2024-10-01.tar.gz\n",
    )


def _neg_commits(rng: random.Random) -> str:
    lines = [
        f"{_chars(rng, HEX, 7)} {rng.choice(('fix', 'feat', 'chore', 'docs'))}: "
        f"{rng.choice(('bump deps', 'handle empty page', 'retry on 503', 'lint'))}"
        for _ in range(4)
    ]
    return (
        "git log --oneline -4\n"
        + "\n".join(lines)
        + f"\n\nReverting {_chars(rng, HEX, 40)} fixed it.\n"
    )


def _neg_integrity(rng: random.Random) -> str:
    return (
        f'"node_modules/lodash": {{\n  "version": "4.17.{rng.randint(10, 21)}",\n'
        '  "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",\n'
        f'  "integrity": "sha512-{_b64(rng.randbytes(64))}"\n}}\n'
    )


def _neg_uuids(rng: random.Random) -> str:
    return _pick(
        rng,
        f"request_id={_uuid(rng)} status=504 upstream=payments "
        f"duration_ms={rng.randint(3000, 9000)}\n",
        f'metadata:\n  uid: {_uuid(rng)}\n  resourceVersion: "{rng.randint(100000, 999999)}"\n',
        f"Correlation ID {_uuid(rng)} — can you check the gateway logs for it?",
        f"trace_id={_chars(rng, HEX, 32)} span_id={_chars(rng, HEX, 16)} level=error "
        'msg="timeout"\n',
    )


def _neg_network(rng: random.Random) -> str:
    return _pick(
        rng,
        "server {\n    listen 8443 ssl;\n    listen [::]:8443 ssl;\n    server_name _;\n}\n",
        "The docs use the 2001:db8::/32 prefix for examples, e.g. 2001:db8::1 on the loopback "
        "test.",
        f'ports:\n  - "{rng.randint(3000, 9000)}:80"\n  - "9090:9090"\n',
        "curl -v http://localhost:8080/healthz\n< HTTP/1.1 200 OK\n",
        "ss -tlnp | grep :5432\nLISTEN 0 244 [::1]:5432 [::]:*\n",
    )


def _neg_versions(rng: random.Random) -> str:
    return _pick(
        rng,
        f"implementation 'org.apache.commons:commons-lang3:3.{rng.randint(10, 17)}.0'\n"
        f"implementation 'com.fasterxml.jackson.core:jackson-databind:2.{rng.randint(12, 18)}.1'\n",
        f"## [{_semver(rng)}] - 2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n### Fixed\n- "
        "token refresh race\n",
        f"requirements.txt\nrequests=={_semver(rng)}\nurllib3>=2.0,<3\n"
        f"cryptography=={rng.randint(41, 44)}.0.{rng.randint(0, 8)}\n",
        "<dependency>\n  <groupId>io.jsonwebtoken</groupId>\n  "
        "<artifactId>jjwt-api</artifactId>\n  "
        f"<version>0.12.{rng.randint(0, 6)}</version>\n</dependency>\n",
    )


def _neg_redacted(rng: random.Random) -> str:
    return _pick(
        rng,
        "password=******** host=db.internal port=5432\n",
        "Authorization: Bearer [REDACTED]\n",
        '"client_secret": "<redacted>",\n',
        "token: ***masked***\n",
        f"api_key=sk-****{_chars(rng, LOWER_DIGITS, 4)} (last four only, the rest is in the "
        "vault)\n",
    )


def _neg_prose(rng: random.Random) -> str:
    return _pick(
        rng,
        "Rotate the API keys every 90 days and keep them in the secrets manager, never in the "
        "repo.",
        "If a token leaks, revoke it first, then check the audit log for its use.",
        "The password policy needs at least 14 characters; we don't store plaintext passwords "
        "anywhere.",
        "Reminder: personal access tokens expire after 30 days now, regenerate yours before "
        "Friday.",
        "Wir speichern keine Passwörter im Klartext, nur gesalzene Hashes.",
        "Les jetons d'accès doivent être renouvelés chaque mois.",
        "秘密鍵はリポジトリに置かないでください。",
    )


def _neg_base64_data(rng: random.Random) -> str:
    payload = _pick(
        rng, "hello world\n", "feature_flags: {dark_mode: true}\n", "# default nginx page\n"
    )
    return f"apiVersion: v1\nkind: ConfigMap\nbinaryData:\n  banner.txt: {_b64(payload.encode())}\n"


def _neg_paths(rng: random.Random) -> str:
    return _pick(
        rng,
        "ssl_certificate_key /etc/ssl/private/server.key;\n",
        "The key lives in ~/.ssh/id_ed25519, the public half in ~/.ssh/id_ed25519.pub.",
        "C:\\ProgramData\\Agent\\config\\secrets.json is created on first start.",
        "volumeMounts:\n  - name: tokens\n    mountPath: "
        "/var/run/secrets/kubernetes.io/serviceaccount\n",
    )


def _neg_markup(rng: random.Random) -> str:
    return _pick(
        rng,
        '<input type="password" name="password" id="password" autocomplete="current-password" '
        "required>\n",
        f".btn-primary {{ color: #{_chars(rng, HEX, 6)}; background: #{_chars(rng, HEX, 6)}; }}\n",
        '<meta name="csrf-token" content="{{ csrf_token() }}">\n',
        "label[for=api-key] { font-weight: 600; }\n",
    )


def _neg_minified(rng: random.Random) -> str:
    return _pick(
        rng,
        'function n(e,t){return e.token=t.password||"",e}var r=o(12),i=r.a;\n',
        f'!function(e){{var t={{}};function n(r){{return t[r]}}n.p="/static/";}}([]);//# '
        f"sourceMappingURL=main.{_chars(rng, HEX, 8)}.js.map\n",
        f'<script src="/assets/app.{_chars(rng, HEX, 20)}.js" defer></script>\n',
    )


def _neg_identifiers(rng: random.Random) -> str:
    return _pick(
        rng,
        "def reset_password(user_id: int, new_password: str) -> None:\n    ...\n",
        "PASSWORD_MIN_LENGTH = 14\nTOKEN_EXPIRY_SECONDS = 3600\n",
        'type Credentials struct {\n\tUsername string\n\tPassword string `json:"password"`\n}\n',
        "CREATE TABLE users (\n  id BIGSERIAL PRIMARY KEY,\n  password_hash TEXT NOT NULL\n);\n",
        "query { viewer { apiTokens { id name lastUsedAt } } }\n",
        'TOKEN_TYPE = "Bearer"\nGRANT_TYPE = "client_credentials"\n',
    )


def _neg_public_key(rng: random.Random) -> str:
    if rng.random() < 0.5:
        blob = _b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20" + rng.randbytes(32))
        return f"Add this to authorized_keys on the bastion:\nssh-ed25519 {blob} ci-deploy-key\n"
    return (
        "Public key for the webhook signature check:\n"
        + _pem(
            rng,
            "PUBLIC KEY",
            bytes.fromhex("30820122300d06092a864886f70d01010105000382010f00"),
            270,
        )
        + "\n"
    )


def _neg_certificate(rng: random.Random) -> str:
    cert = _pem(rng, "CERTIFICATE", bytes.fromhex("308203"), 700)
    return f"Here's the CA cert the client should trust (it's public):\n{cert}\n"


def _neg_notebook(rng: random.Random) -> str:
    rows = "\n".join(
        f"{i}  {rng.randint(100, 999)}.{rng.randint(0, 99):02d}  {rng.random():.4f}"
        for i in range(4)
    )
    return (
        "In [12]: df[['latency_ms', 'error_rate']].head(4)\nOut[12]:\n   latency_ms  "
        f"error_rate\n{rows}\n"
    )


def _neg_dates(rng: random.Random) -> str:
    return (
        f"Maintenance window: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T02:00:00Z to "
        "04:00 UTC, cron `0 2 * * 0`."
    )


def _neg_wordy_password(rng: random.Random) -> str:
    return _pick(
        rng,
        "forgot_password_url: /account/forgot-password\nreset_token_ttl: 15m\n",
        'usernameLabel: "Username", passwordLabel: "Password", rememberMe: "Keep me signed in"\n',
        "IAMUserChangePassword policy is attached to the group, nothing else.\n",
        "this.showPassword = '#toggle-password';\n",
    )


def _neg_random_ids(rng: random.Random) -> str:
    return _pick(
        rng,
        f"Build #{rng.randint(1000, 9999)} artifact: "
        f"dist/app-{_semver(rng)}+build.{_chars(rng, HEX, 7)}.tar.gz\n",
        f"Tailwind produced class names like css-{_chars(rng, LOWER_DIGITS, 6)} and "
        f"sc-{_chars(rng, LOWER, 6)}.\n",
        f"Pipeline run {rng.randint(100000, 999999)} for commit {_chars(rng, HEX, 8)} passed in "
        "6m.\n",
    )


NEGATIVE_BUILDERS: tuple[tuple[str, Callable[[random.Random], str]], ...] = (
    ("placeholder", _neg_placeholder),
    ("masked_vendor_prefix", _neg_masked_prefix),
    ("env_reference", _neg_env_reference),
    ("code_lookup", _neg_code_lookup),
    ("secret_ref_manifest", _neg_secret_ref_manifest),
    ("terraform_reference", _neg_terraform_ref),
    ("empty_assignment", _neg_empty),
    ("documentation_example", _neg_docs_example),
    ("checksum", _neg_hashes),
    ("commit_sha", _neg_commits),
    ("lockfile_integrity", _neg_integrity),
    ("uuid_trace", _neg_uuids),
    ("network_config", _neg_network),
    ("versions", _neg_versions),
    ("redacted", _neg_redacted),
    ("prose", _neg_prose),
    ("base64_data", _neg_base64_data),
    ("file_path", _neg_paths),
    ("markup", _neg_markup),
    ("minified_code", _neg_minified),
    ("identifier_names", _neg_identifiers),
    ("public_key", _neg_public_key),
    ("certificate", _neg_certificate),
    ("notebook_output", _neg_notebook),
    ("dates", _neg_dates),
    ("password_words", _neg_wordy_password),
    ("build_ids", _neg_random_ids),
)


def _negative_cases(rng: random.Random) -> list[Case]:
    cases = []
    for i in range(SIZES["negative"]):
        family, build = NEGATIVE_BUILDERS[i % len(NEGATIVE_BUILDERS)]
        cases.append(Case(family, "negative", _clean(rng, build), harmless=True))
    return cases


# --- PII ----------------------------------------------------------------------------------------

FIRST = (
    "Ingrid",
    "Tomasz",
    "Amara",
    "Kenji",
    "Lucía",
    "Oluwaseun",
    "Mireille",
    "Dmitri",
    "Saanvi",
    "Henrik",
)
LAST = (
    "Haugen",
    "Kowalczyk",
    "Okonkwo",
    "Tanabe",
    "Ferreira",
    "Adeyemi",
    "Lacroix",
    "Volkov",
    "Raghunathan",
    "Lindqvist",
)
PHONE_PLAN = ("US", "US", "US", "GB", "DE", "FR", "AU", "CA", "IN", "NL")
US_AREAS = ("212", "312", "415", "617", "206", "303", "404", "512", "646", "720")


def _pii(family: str, label: str, before: str, value: str, after: str) -> Case:
    segments: Segments = [(before, None), (value, label), (after, None)]
    text, spans = _join(segments)
    return Case(family, "pii", text, spans)


def _person(rng: random.Random) -> Case:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    before, after = rng.choice(
        (
            ("Action items: ", " to update the rollout plan before the next sync.\n"),
            ("Please add ", " to the on-call rotation starting next week."),
            ("Approved by: ", "\nStatus: ready for deploy\n"),
            ("| Owner | ", " |\n| Due | 2025-03-14 |\n"),
            ("The contract was signed by ", " on behalf of the vendor."),
            ("Reviewer: ", "\nChanges requested: add retries to the webhook handler.\n"),
            ("Minutes, sprint review. Presenter: ", "\nDemo: the new export screen.\n"),
            ("Expense report 2025-Q1,travel,", ",pending approval\n"),
            ("Can you ask ", " whether the vendor renewal went through?"),
            ("Escalated to ", " because the SLA breach needs sign-off.\n"),
        )
    )
    return _pii("person", "PERSON", before, name, after)


def _email(rng: random.Random) -> Case:
    local = _pick(
        rng, "j.okafor", "m.lindqvist", "t.kowalczyk", "a.ferreira", "k.tanabe", "hr-lead"
    )
    domain = _pick(rng, "fabrikam-mail.com", "northwind-traders.net", "contoso-health.org")
    value = f"{local}{rng.randint(1, 99)}@{domain}"
    before, after = rng.choice(
        (
            ("Send the signed invoice to ", " by Friday.\n"),
            ("reply-to: ", "\nsubject: quarterly access review\n"),
            ('"contact": "', '",\n"tier": "gold"\n'),
            ("Forward the incident report to ", " please."),
        )
    )
    return _pii("email", "EMAIL_ADDRESS", before, value, after)


def _phone_number(rng: random.Random) -> str:
    region = rng.choice(PHONE_PLAN)
    template = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(template.national_number) if template else ""
    for _ in range(200):
        us_head = rng.choice(US_AREAS) + str(rng.randint(2, 9))
        head = us_head if region == "US" else national[:-6]
        candidate = head + _chars(rng, DIGITS, 10 - len(head) if region == "US" else 6)
        number = phonenumbers.parse(candidate, region)
        if phonenumbers.is_valid_number(number):
            if region == "US":
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    raise ValueError(region)


def _phone(rng: random.Random) -> Case:
    before, after = rng.choice(
        (
            ("If the deploy breaks tonight, call me on ", ".\n"),
            ("Escalation contact (mobile): ", "\n"),
            ("Customer asked to be called back at ", " after 3pm."),
            ("| Backup pager | ", " |\n"),
        )
    )
    return _pii("phone", "PHONE_NUMBER", before, _phone_number(rng), after)


def _card(rng: random.Random) -> Case:
    before, after = rng.choice(
        (
            ("The refund should go back to card ", ", the customer confirmed it.\n"),
            ("payment_method: ", "\nstatus: declined\n"),
            ("Chargeback on ", " — can finance check?"),
            ("Karte: ", "\nBitte bis Montag stornieren.\n"),
        )
    )
    return _pii("credit_card", "CREDIT_CARD", before, credit_card(rng), after)


def _ssn(rng: random.Random) -> Case:
    before, after = rng.choice(
        (
            ("Payroll form is missing the SSN; employee gave ", " over chat.\n"),
            ("ssn: ", "\nfiling_status: single\n"),
            ("Background check requires social security number ", " to proceed."),
        )
    )
    return _pii("us_ssn", "US_SSN", before, us_ssn(rng), after)


def _iban(rng: random.Random) -> Case:
    before, after = rng.choice(
        (
            ("Please wire the deposit to IBAN ", " before the end of the month.\n"),
            ("Bankverbindung: ", "\nVerwendungszweck: Rechnung 2025-114\n"),
            ("Supplier updated their account, new IBAN: ", "\n"),
            ("IBAN du fournisseur : ", " (mis à jour)."),
        )
    )
    return _pii("iban", "IBAN_CODE", before, iban(rng), after)


def _ip(rng: random.Random) -> Case:
    first = rng.choice((34, 52, 81, 93, 145, 185, 77, 213))
    value = f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    before, after = rng.choice(
        (
            ("Blocked login attempts from ", " in the last hour.\n"),
            ("client_ip=", " method=POST path=/login status=401\n"),
            ("The customer's router shows ", " as the WAN address."),
            ("Allowlist this address for the partner: ", "\n"),
        )
    )
    return _pii("ip_address", "IP_ADDRESS", before, value, after)


PII_BUILDERS: tuple[Callable[[random.Random], Case], ...] = (
    _person,
    _email,
    _phone,
    _card,
    _ssn,
    _iban,
    _ip,
)


def _pii_cases(rng: random.Random) -> list[Case]:
    return [PII_BUILDERS[i % len(PII_BUILDERS)](rng) for i in range(SIZES["pii"])]


# --- PII look-alikes -------------------------------------------------------------------------


def _isbn13(rng: random.Random) -> str:
    body = "978" + _chars(rng, DIGITS, 9)
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10) % 10
    full = body + str(check)
    return f"{full[:3]}-{full[3]}-{full[4:7]}-{full[7:12]}-{full[12]}"


def _pn_order(rng: random.Random) -> str:
    return (
        f"Order ORD-{rng.randint(2023, 2025)}-{_chars(rng, UPPER_DIGITS, 6)} shipped, "
        f"{rng.randint(2, 40)} items, total {rng.randint(20, 900)}.{rng.randint(0, 99):02d} EUR."
    )


def _pn_versions(rng: random.Random) -> str:
    return (
        f"Upgraded the agent from {_semver(rng)} to {_semver(rng)}; schema version is now "
        f"v{rng.randint(2, 9)}."
    )


def _pn_timestamps(rng: random.Random) -> str:
    return (
        f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
        f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z job=nightly-export "
        f"rows={rng.randint(1000, 99999)} status=ok"
    )


def _pn_tracking(rng: random.Random) -> str:
    return (
        "Tracking ref "
        f"{_pick(rng, 'PKG', 'SHP', 'TRK')}-{_chars(rng, UPPER, 3)}{rng.randint(100, 999)}-"
        f"{_chars(rng, UPPER_DIGITS, 4)} "
        "is stuck in customs clearance."
    )


def _pn_capitalised(rng: random.Random) -> str:
    product = _pick(
        rng, "Quantum Ledger", "Nimbus Sync", "Halcyon Reports", "Velvet Router", "Granite Vault"
    )
    team = _pick(
        rng, "Platform Reliability", "Growth Analytics", "Customer Success", "Data Engineering"
    )
    title = _pick(
        rng,
        "Senior Data Engineer",
        "Staff Product Designer",
        "Principal Architect",
        "Head of Support",
    )
    return (
        f"{product} moves to {team}; the {title} role will own the roadmap from "
        f"Q{rng.randint(1, 4)}."
    )


def _pn_foreign(rng: random.Random) -> str:
    return (
        _pick(
            rng,
            "Der Build ist fehlgeschlagen, bitte den Cache leeren und neu starten.",
            "La réunion de lundi est reportée, l'ordre du jour reste le même.",
            "El informe trimestral ya está en la carpeta compartida.",
            "A migração do banco termina amanhã cedo.",
            "明日のリリースは午後に延期します。",
            "Il rilascio è stato posticipato alla prossima settimana.",
            "Wdrożenie przesuwamy na czwartek.",
            "De nieuwe versie staat klaar voor de acceptatietest.",
        )
        + f" ({rng.randint(2, 9)} tickets)"
    )


def _pn_code(rng: random.Random) -> str:
    return _pick(
        rng,
        f"for (int i = 0; i < {rng.randint(10, 500)}; i++) {{ buffer[i] = (byte) (i % 7); }}",
        "SELECT sku, SUM(qty) FROM order_lines GROUP BY sku ORDER BY 2 DESC LIMIT 20;",
        f"retry = Retry(total={rng.randint(3, 8)}, backoff_factor=0.{rng.randint(1, 9)}, "
        "status_forcelist=[502, 503])",
        f"fn checksum(data: &[u8]) -> u32 {{ data.iter().fold({rng.randint(0, 9)}, |a, b| "
        f"a.wrapping_add(*b as u32)) }}",
    )


def _pn_table(rng: random.Random) -> str:
    rows = [
        f"Q{q} | {rng.randint(100, 999)},{rng.randint(100, 999)} | "
        f"{rng.randint(10, 99)}.{rng.randint(0, 9)}% | {rng.randint(20, 400)}"
        for q in range(1, 5)
    ]
    return "Quarter | Revenue | Margin | Units\n" + "\n".join(rows)


def _pn_css(rng: random.Random) -> str:
    return (
        f":root {{ --brand: #{_chars(rng, HEX, 6)}; --accent: #{_chars(rng, HEX, 6)}; --radius: "
        f"{rng.randint(2, 12)}px; }}"
    )


def _pn_sku(rng: random.Random) -> str:
    return (
        f"SKU {_chars(rng, UPPER, 3)}-{rng.randint(1000, 9999)}-{_chars(rng, UPPER, 2)} is out of "
        f"stock; reorder point {rng.randint(10, 90)} units."
    )


def _pn_isbn(rng: random.Random) -> str:
    return (
        f"Reading list for the team: ISBN {_isbn13(rng)}, chapter {rng.randint(2, 14)} on queueing."
    )


def _pn_minutes(rng: random.Random) -> str:
    return (
        f"Minutes - Sprint {rng.randint(20, 80)} review\nAttendees: Backend, Frontend, QA\n"
        f"Decisions: freeze the Payments API at v{rng.randint(2, 5)}; move Search Revamp to next "
        "quarter.\n"
        f"Action items: Release Manager to draft notes; Support Lead to update the FAQ."
    )


def _pn_changelog(rng: random.Random) -> str:
    return (
        f"## {_semver(rng)} ({rng.randint(1, 28)} Mar 2025)\n- Added: Bulk Export for Admin "
        "Console\n"
        f"- Fixed: pagination after {rng.randint(100, 999)} rows\n- Changed: default timeout "
        f"{rng.randint(10, 90)}s"
    )


def _pn_invoice_number(rng: random.Random) -> str:
    return (
        f"Invoice INV-{rng.randint(2024, 2025)}/{rng.randint(1000, 9999)} was paid; credit note "
        f"CN-{rng.randint(100, 999)} applied."
    )


def _pn_metrics(rng: random.Random) -> str:
    return (
        f"p50={rng.randint(10, 90)}ms p95={rng.randint(100, 400)}ms p99={rng.randint(400, 999)}ms "
        f"rps={rng.randint(100, 999)} errors={rng.random():.3f}%"
    )


def _pn_dimensions(rng: random.Random) -> str:
    return (
        f"Box size {rng.randint(20, 90)} x {rng.randint(20, 90)} x {rng.randint(10, 50)} cm, "
        f"weight {rng.randint(1, 30)}.{rng.randint(0, 9)} kg, pallet slot B{rng.randint(1, 40)}."
    )


def _pn_cron(rng: random.Random) -> str:
    return (
        f'schedule: "{rng.randint(0, 59)} {rng.randint(0, 23)} * * {rng.randint(1, 5)}"  # weekly '
        f"compaction, keeps {rng.randint(7, 30)} snapshots"
    )


def _pn_coordinates(rng: random.Random) -> str:
    return (
        f"Build coordinates: com.acme.billing:invoice-core:{_semver(rng)} (classifier: tests, "
        "packaging: jar)"
    )


def _pn_percentages(rng: random.Random) -> str:
    return (
        f"Conversion went from {rng.randint(1, 9)}.{rng.randint(0, 9)}% to "
        f"{rng.randint(1, 9)}.{rng.randint(0, 9)}% after the Checkout Redesign; Feature Flag "
        "'one_page_pay' stays on."
    )


PII_NEGATIVE_BUILDERS: tuple[tuple[str, Callable[[random.Random], str]], ...] = (
    ("order_number", _pn_order),
    ("version_string", _pn_versions),
    ("timestamp", _pn_timestamps),
    ("tracking_id", _pn_tracking),
    ("capitalised_terms", _pn_capitalised),
    ("other_language", _pn_foreign),
    ("code", _pn_code),
    ("number_table", _pn_table),
    ("css_colours", _pn_css),
    ("sku", _pn_sku),
    ("isbn", _pn_isbn),
    ("meeting_minutes", _pn_minutes),
    ("changelog", _pn_changelog),
    ("invoice_number", _pn_invoice_number),
    ("metrics", _pn_metrics),
    ("dimensions", _pn_dimensions),
    ("cron", _pn_cron),
    ("build_coordinates", _pn_coordinates),
    ("percentages", _pn_percentages),
)


def _pii_negative_cases(rng: random.Random) -> list[Case]:
    cases = []
    for i in range(SIZES["pii_negative"]):
        family, build = PII_NEGATIVE_BUILDERS[i % len(PII_NEGATIVE_BUILDERS)]
        cases.append(Case(family, "pii_negative", _clean(rng, build), harmless=True))
    return cases


def round11_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """The whole round, deterministic per seed: one generator threads through every builder."""
    rng = random.Random(seed)
    return [
        *_literal_cases(rng),
        *_generated_cases(rng),
        *_negative_cases(rng),
        *_pii_cases(rng),
        *_pii_negative_cases(rng),
    ]
