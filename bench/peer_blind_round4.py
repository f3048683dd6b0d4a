"""Blind round 4 of the peer evaluation: secrets and PII cases written without seeing the detector.

Written by a blind engineer of this project ("blind4") who never read the classifier, its
tests or the earlier rounds' cases, from what the public suites document: gitleaks' rule
definitions (``cmd/generate/config/rules``: prefixes, alphabets, lengths, and each rule's
true and false positives), detect-secrets' plugin tests (keyword, basic-auth, high-entropy and
private-key plugins: assignment forms and must-not-fire values), trufflehog's detector tests
(vendors gitleaks lacks: xAI, Groq, Replicate, LangSmith, ElevenLabs, CircleCI, Docker Hub...)
and Presidio's analyzer tests (recognizer positives and look-alikes). Nothing is copied from
them: every key-shaped value is drawn at run time from its documented shape (checksums where
the format has one), so the repository holds no credential literal. The round was frozen
(merged) before the detector first ran on it; its cases must not change afterwards.

Kinds: ``literal`` (credentials the way people write them in config, code, shells and chat),
``generated`` (vendor tokens of many families in rotating chat-shaped contexts), ``negative``
(must-not-fire texts, all harmless), ``pii`` (one PII value per text) and ``pii_negative``
(look-alikes holding no PII at all). ``round4_cases(seed)`` is deterministic per seed.
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
from bench.quality_corpus import _chars, iban, us_ssn

SIZES = {"literal": 150, "generated": 200, "negative": 200, "pii": 60, "pii_negative": 100}

BASE62 = DIGITS + UPPER + LOWER
UPPER_DIGITS = UPPER + DIGITS
LOWER_DIGITS = LOWER + DIGITS
BECH32 = "".join(c for c in LOWER_DIGITS if c not in "1bio").upper()
AZ_SECRET = ALNUM + "_~."
PASSWORD_SYMBOLS = "!#$%*+-.?@^_~"
URL_SYMBOLS = "!*-._~"

_WORDS = (
    "Tulip", "Harbor", "Maple", "Falcon", "Quartz", "Ember", "Juniper", "Nimbus", "Orchid",
    "Pepper", "Saffron", "Velvet", "Wombat", "Zephyr", "Cobalt", "Lantern", "Biscuit", "Meadow",
    "Pixel", "Rocket", "Sunset", "Thistle", "Walnut", "Glacier", "Mango", "Otter", "Cactus",
)  # fmt: skip


# --- value shapes --------------------------------------------------------------------------


def _password(rng: random.Random, symbols: str = PASSWORD_SYMBOLS) -> str:
    """A password a person picks: word, symbol, digits, letters; alphanumeric at both ends."""
    word, other = rng.choice(_WORDS), rng.choice(_WORDS)
    sym = rng.choice(symbols)
    shape = rng.randrange(5)
    if shape == 0:
        return f"{word}{sym}{_chars(rng, DIGITS, 4)}{rng.choice(LOWER)}{rng.choice(UPPER)}"
    if shape == 1:
        return f"{word.lower()}{_chars(rng, DIGITS, 2)}{sym}{other}"
    if shape == 2:
        return f"{word}{rng.randint(1960, 2024)}{sym}{other.lower()}{rng.randint(1, 9)}"
    if shape == 3:
        middle = _chars(rng, ALNUM + symbols, 14)
        return f"{rng.choice(UPPER)}{middle}{rng.choice(DIGITS)}"
    return f"{word.lower()}-{other.lower()}-{_chars(rng, DIGITS, 3)}-{rng.choice(_WORDS)}"


def _secret(rng: random.Random, length: int = 24) -> str:
    return _chars(rng, ALNUM, length)


def _b62(number: int, width: int) -> str:
    digits = []
    while number:
        number, rest = divmod(number, 62)
        digits.append(BASE62[rest])
    return "".join(reversed(digits)).rjust(width, "0")


def _crc_token(prefix: str) -> Token:
    """GitHub/npm style: 30 random base62 characters and their CRC32 as 6 base62 digits."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        return f"{prefix}{body}{_b62(zlib.crc32(body.encode()), 6)}"

    return build


def _ending(alphabet: str, length: int, last: str = ALNUM) -> Token:
    return lambda rng: _chars(rng, alphabet, length - 1) + rng.choice(last)


def _digits(rng: random.Random, low: int, high: int) -> str:
    return rng.choice("123456789") + _chars(rng, DIGITS, rng.randint(low, high) - 1)


def _jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(("HS256", "RS256", "ES256")), "typ": "JWT"}
    payload = {
        "sub": _uuid(rng),
        "iss": rng.choice(("https://auth.internal", "api-gateway", "identity")),
        "iat": rng.randint(1_700_000_000, 1_790_000_000),
        "scope": rng.choice(("read write", "admin", "orders:read")),
    }
    compact = {"separators": (",", ":")}
    parts = (
        json.dumps(header, **compact).encode(),
        json.dumps(payload, **compact).encode(),
        rng.randbytes(32),
    )
    return ".".join(_b64url(part) for part in parts)


def _der(rng: random.Random, size: int) -> bytes:
    """DER-shaped bytes (a SEQUENCE header, then content), so the base64 opens like real keys."""
    return b"\x30\x82" + size.to_bytes(2, "big") + rng.randbytes(size)


def _armored(label: str, raw: bytes, join: str = "\n", indent: str = "") -> str:
    body = _b64(raw)
    lines = [indent + body[i : i + 64] for i in range(0, len(body), 64)]
    return join.join([f"-----BEGIN {label}-----", *lines, f"{indent}-----END {label}-----"])


def _pem(rng: random.Random, kind: str, join: str = "\n", indent: str = "") -> str:
    if kind == "OPENSSH ":
        raw = b"openssh-key-v1\x00" + rng.randbytes(rng.choice((380, 1800)))
    else:
        raw = _der(rng, rng.choice((121, 1190, 1217)))
    return _armored(f"{kind}PRIVATE KEY", raw, join, indent)


def _slack_ids(rng: random.Random) -> tuple[str, str]:
    return _digits(rng, 10, 13), _digits(rng, 10, 13)


def _slack_bot(rng: random.Random) -> str:
    team, bot = _slack_ids(rng)
    return f"xoxb-{team}-{bot}-{_chars(rng, ALNUM, 24)}"


def _slack_user(rng: random.Random) -> str:
    team, user = _slack_ids(rng)
    return f"xoxp-{team}-{user}-{_digits(rng, 12, 13)}-{_chars(rng, HEX, 32)}"


def _discord_bot(rng: random.Random) -> str:
    user_id = _b64(_digits(rng, 18, 18).encode()).rstrip("=")
    return f"{user_id}.{_chars(rng, URLSAFE, 6)}.{_chars(rng, URLSAFE, 37)}{rng.choice(ALNUM)}"


def _sentry_org(rng: random.Random) -> str:
    claims = {
        "iat": rng.uniform(1.7e9, 1.79e9),
        "url": "https://sentry.io",
        "region_url": "https://us.sentry.io",
        "org": rng.choice(("acme-labs", "northwind", "blue-harbor")),
    }
    body = _b64(json.dumps(claims, separators=(",", ":")).encode()).rstrip("=")
    return f"sntrys_{body}_{_chars(rng, ALNUM, 43)}"


def _grafana_cloud(rng: random.Random) -> str:
    claims = {"o": _digits(rng, 6, 7), "n": "stack-writer", "k": _chars(rng, ALNUM, 24)}
    return "glc_" + _b64(json.dumps(claims, separators=(",", ":")).encode()).rstrip("=")


def _intercom(rng: random.Random) -> str:
    return _b64(f"tok:{_uuid(rng).replace('-', '_')}:1:0".encode())


def _mapbox(rng: random.Random) -> str:
    user = rng.choice(("mapsteam", "geo-ops", "fleetview"))
    claims = json.dumps({"u": user, "a": _chars(rng, LOWER_DIGITS, 25)}, separators=(",", ":"))
    return f"sk.{_b64url(claims.encode())}.{_chars(rng, URLSAFE, 22)}"


def _pypi(rng: random.Random) -> str:
    header = _b64(b"\x02\x01\x08pypi.org").rstrip("=")
    caveat = json.dumps({"permissions": "user", "version": 1}).encode()
    body = _b64url(b"\x02%" + caveat + rng.randbytes(70))
    return f"pypi-{header}{body}"


def _bedrock_long(rng: random.Random) -> str:
    account = _digits(rng, 12, 12)
    raw = f"BedrockAPIKey-{_chars(rng, LOWER_DIGITS, 4)}-at-{account}:{_b64(rng.randbytes(45))}"
    return "ABSK" + _b64(raw.encode())


def _bedrock_short(rng: random.Random) -> str:
    query = (
        "bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        f"&X-Amz-Credential=ASIA{_chars(rng, UPPER + '234567', 16)}%2F20261207%2Fus-east-1"
        f"%2Fbedrock%2Faws4_request&X-Amz-Expires=43200&X-Amz-Signature={_chars(rng, HEX, 64)}"
        "&Version=1"
    )
    return "bedrock-api-key-" + _b64(query.encode())


def _one_password_sa(rng: random.Random) -> str:
    claims = {
        "signInAddress": "my.1password.com",
        "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000},
        "email": f"{_chars(rng, LOWER, 12)}@1passwordserviceaccounts.com",
        "srpX": _chars(rng, HEX, 64),
        "muk": {"alg": "A256GCM", "ext": True, "k": _b64url(rng.randbytes(32)), "kty": "oct"},
        "secretKey": f"A3-{_chars(rng, UPPER_DIGITS, 6)}-{_chars(rng, UPPER_DIGITS, 11)}",
        "deviceUuid": _chars(rng, LOWER_DIGITS, 26),
    }
    return "ops_" + _b64(json.dumps(claims, separators=(",", ":")).encode()).rstrip("=")


def _braintree(rng: random.Random) -> str:
    merchant, key = _chars(rng, LOWER_DIGITS, 16), _chars(rng, HEX, 32)
    return f"access_token$production${merchant}${key}"


def _teams_webhook(rng: random.Random) -> str:
    tenant = rng.choice(("contoso", "acmecorp", "northwind"))
    group, owner = _uuid(rng), _uuid(rng)
    return (
        f"https://{tenant}.webhook.office.com/webhookb2/{group}@{owner}/IncomingWebhook/"
        f"{_chars(rng, HEX, 32)}/{_uuid(rng)}"
    )


def _slack_webhook(rng: random.Random) -> str:
    team, hook = _chars(rng, UPPER_DIGITS, 10), _chars(rng, UPPER_DIGITS, 10)
    kind = rng.choice(("services", "services", "workflows", "triggers"))
    if kind == "triggers":
        trigger = f"{_digits(rng, 13, 13)}/{_chars(rng, HEX, 32)}"
        return f"https://hooks.slack.com/triggers/T{team}/{trigger}"
    return f"https://hooks.slack.com/{kind}/T{team}/B{hook}/{_chars(rng, ALNUM, 24)}"


def _discord_webhook(rng: random.Random) -> str:
    host = rng.choice(("discord.com", "discordapp.com"))
    body = _chars(rng, URLSAFE, 67) + rng.choice(ALNUM)
    return f"https://{host}/api/webhooks/{_digits(rng, 18, 19)}/{body}"


def _cloudinary(rng: random.Random) -> str:
    secret = _chars(rng, URLSAFE, 26) + rng.choice(ALNUM)
    return f"cloudinary://{_digits(rng, 15, 15)}:{secret}@{rng.choice(('dx7', 'acme', 'media'))}"


def _aws_id(rng: random.Random) -> str:
    return rng.choice(("AKIA", "ASIA", "ABIA", "ACCA")) + _chars(rng, UPPER + "234567", 16)


# family -> (environment name, is a URL, builder); formats as the rules/detectors document them
VENDORS: dict[str, tuple[str, bool, Token]] = {
    # cloud
    "aws_access_key_id": ("AWS_ACCESS_KEY_ID", False, _aws_id),
    "aws_secret_access_key": ("AWS_SECRET_ACCESS_KEY", False, _ending(B64, 40)),
    "aws_bedrock_long_lived": ("AWS_BEARER_TOKEN_BEDROCK", False, _bedrock_long),
    "aws_bedrock_short_lived": ("AWS_BEARER_TOKEN_BEDROCK", False, _bedrock_short),
    "gcp_api_key": ("GOOGLE_API_KEY", False, _parts("AIza", (URLSAFE, 34), (ALNUM, 1))),
    "gcp_oauth_client_secret": ("GOOGLE_CLIENT_SECRET", False, _parts("GOCSPX-", (ALNUM, 28))),
    "gcp_oauth_access_token": ("GOOGLE_ACCESS_TOKEN", False, _parts("ya29.", (URLSAFE, 150))),
    "azure_ad_client_secret": (
        "AZURE_CLIENT_SECRET",
        False,
        _parts((AZ_SECRET, 3), (DIGITS, 1), "Q~", (AZ_SECRET + "-", 33), (ALNUM, 1)),
    ),
    "azure_devops_pat": ("AZURE_DEVOPS_EXT_PAT", False, _tok("", LOWER + "234567", 52)),
    "alibaba_access_key_id": ("ALIBABA_CLOUD_ACCESS_KEY_ID", False, _tok("LTAI", ALNUM, 20)),
    "digitalocean_pat": ("DIGITALOCEAN_TOKEN", False, _tok("dop_v1_", HEX, 64)),
    "digitalocean_oauth": ("DO_OAUTH_TOKEN", False, _tok("doo_v1_", HEX, 64)),
    "heroku_api_key_v2": ("HEROKU_API_KEY", False, _parts("HRKU-AA", (URLSAFE, 57), (ALNUM, 1))),
    "flyio_token": ("FLY_API_TOKEN", False, _parts("fo1_", (URLSAFE, 42), (ALNUM, 1))),
    "cloudflare_origin_ca": (
        "CF_ORIGIN_CA_KEY",
        False,
        _parts("v1.0-", (HEX, 24), "-", (HEX, 146)),
    ),
    "cloudflare_api_token": ("CLOUDFLARE_API_TOKEN", False, _ending(URLSAFE, 40)),
    "yandex_api_key": ("YANDEX_API_KEY", False, _parts("AQVN", (URLSAFE, 35), (ALNUM, 1))),
    "tailscale_auth_key": (
        "TS_AUTHKEY",
        False,
        _parts("tskey-auth-k", (ALNUM, 10), "CNTRL-", (ALNUM, 33)),
    ),
    # infrastructure, secrets managers, IaC
    "hashicorp_vault_token": ("VAULT_TOKEN", False, _parts("hvs.", (URLSAFE, 94), (ALNUM, 1))),
    "terraform_cloud_token": (
        "TFE_TOKEN",
        False,
        _parts((LOWER_DIGITS, 14), ".atlasv1.", (URLSAFE, 66), (ALNUM, 1)),
    ),
    "pulumi_token": ("PULUMI_ACCESS_TOKEN", False, _tok("pul-", HEX, 40)),
    "doppler_token": ("DOPPLER_TOKEN", False, _tok("dp.pt.", ALNUM, 43)),
    "infracost_token": ("INFRACOST_API_KEY", False, _tok("ico-", ALNUM, 32)),
    "octopus_deploy_key": ("OCTOPUS_API_KEY", False, _tok("API-", UPPER_DIGITS, 26)),
    "harness_pat": (
        "HARNESS_API_KEY",
        False,
        _parts("pat.", (URLSAFE, 21), (ALNUM, 1), ".", (ALNUM, 24), ".", (ALNUM, 20)),
    ),
    "age_secret_key": ("SOPS_AGE_KEY", False, _tok("AGE-SECRET-KEY-1", BECH32, 58)),
    "onepassword_service_account": ("OP_SERVICE_ACCOUNT_TOKEN", False, _one_password_sa),
    "onepassword_secret_key": (
        "OP_SECRET_KEY",
        False,
        _parts(
            "A3-",
            (UPPER_DIGITS, 6),
            "-",
            (UPPER_DIGITS, 11),
            "-",
            (UPPER_DIGITS, 5),
            "-",
            (UPPER_DIGITS, 5),
            "-",
            (UPPER_DIGITS, 5),
        ),
    ),
    # AI providers
    "openai_project_key": (
        "OPENAI_API_KEY",
        False,
        lambda r: (
            f"sk-proj-{_chars(r, URLSAFE, 74)}{_b64(b'OpenAI')}{_chars(r, URLSAFE, 73)}"
            + r.choice(ALNUM)
        ),
    ),
    "openai_legacy_key": (
        "OPENAI_API_KEY",
        False,
        lambda r: f"sk-{_chars(r, ALNUM, 20)}{_b64(b'OpenAI')}{_chars(r, ALNUM, 20)}",
    ),
    "anthropic_api_key": ("ANTHROPIC_API_KEY", False, _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    "anthropic_admin_key": (
        "ANTHROPIC_ADMIN_KEY",
        False,
        _parts("sk-ant-admin01-", (URLSAFE, 93), "AA"),
    ),
    "huggingface_token": ("HF_TOKEN", False, _tok("hf_", UPPER + LOWER, 34)),
    "huggingface_org_token": ("HUGGINGFACE_ORG_TOKEN", False, _tok("api_org_", UPPER + LOWER, 34)),
    "xai_api_key": ("XAI_API_KEY", False, _tok("xai-", ALNUM, 80)),
    "perplexity_api_key": ("PERPLEXITY_API_KEY", False, _tok("pplx-", ALNUM, 48)),
    "groq_api_key": ("GROQ_API_KEY", False, _tok("gsk_", ALNUM, 52)),
    "replicate_token": ("REPLICATE_API_TOKEN", False, _tok("r8_", ALNUM, 37)),
    "openrouter_key": ("OPENROUTER_API_KEY", False, _tok("sk-or-v1-", HEX, 64)),
    "langsmith_key": ("LANGSMITH_API_KEY", False, _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    "cohere_api_key": ("CO_API_KEY", False, _tok("", ALNUM, 40)),
    "mistral_api_key": ("MISTRAL_API_KEY", False, _tok("", ALNUM, 32)),
    "elevenlabs_key": ("ELEVENLABS_API_KEY", False, _tok("sk_", HEX, 48)),
    "wandb_api_key": ("WANDB_API_KEY", False, _tok("", HEX, 40)),
    # VCS, CI/CD, artifact stores
    "github_pat": ("GITHUB_TOKEN", False, _crc_token("ghp_")),
    "github_oauth": ("GH_OAUTH_TOKEN", False, _crc_token("gho_")),
    "github_app_installation": ("GH_APP_TOKEN", False, _crc_token("ghs_")),
    "github_user_to_server": ("GH_USER_TOKEN", False, _crc_token("ghu_")),
    "github_refresh": ("GH_REFRESH_TOKEN", False, _crc_token("ghr_")),
    "github_fine_grained_pat": (
        "GH_TOKEN",
        False,
        _parts("github_pat_11", (UPPER_DIGITS, 20), "_", (ALNUM, 59)),
    ),
    "gitlab_pat": ("GITLAB_TOKEN", False, _parts("glpat-", (URLSAFE, 19), (ALNUM, 1))),
    "gitlab_runner_token": ("CI_RUNNER_TOKEN", False, _parts("glrt-", (URLSAFE, 19), (ALNUM, 1))),
    "gitlab_runner_registration": ("REGISTRATION_TOKEN", False, _tok("GR1348941", ALNUM, 20)),
    "gitlab_pipeline_trigger": ("GITLAB_TRIGGER_TOKEN", False, _tok("glptt-", HEX, 40)),
    "gitlab_deploy_token": (
        "GITLAB_DEPLOY_TOKEN",
        False,
        _parts("gldt-", (URLSAFE, 19), (ALNUM, 1)),
    ),
    "bitbucket_app_password": ("BITBUCKET_APP_PASSWORD", False, _tok("ATBB", ALNUM, 32)),
    "circleci_pat": ("CIRCLECI_TOKEN", False, _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    "buildkite_token": ("BUILDKITE_API_TOKEN", False, _tok("bkua_", HEX, 40)),
    "sourcegraph_token": ("SRC_ACCESS_TOKEN", False, _parts("sgp_", (HEX, 16), "_", (HEX, 40))),
    "sonarqube_token": ("SONAR_TOKEN", False, _tok("squ_", HEX, 40)),
    "jenkins_api_token": ("JENKINS_API_TOKEN", False, _tok("11", HEX, 32)),
    "artifactory_api_key": ("ARTIFACTORY_API_KEY", False, _tok("AKCp", ALNUM, 69)),
    "jfrog_reference_token": (
        "JFROG_ACCESS_TOKEN",
        False,
        lambda r: _b64(b"reftkn:01:").rstrip("=") + _chars(r, ALNUM, 50),
    ),
    "docker_hub_pat": ("DOCKERHUB_TOKEN", False, _parts("dckr_pat_", (URLSAFE, 26), (ALNUM, 1))),
    # package registries
    "npm_token": ("NPM_TOKEN", False, _crc_token("npm_")),
    "pypi_upload_token": ("TWINE_PASSWORD", False, _pypi),
    "rubygems_key": ("GEM_HOST_API_KEY", False, _tok("rubygems_", HEX, 48)),
    "nuget_api_key": ("NUGET_API_KEY", False, _tok("oy2", LOWER_DIGITS, 43)),
    "clojars_token": ("CLOJARS_PASSWORD", False, _tok("CLOJARS_", LOWER_DIGITS, 60)),
    "crates_io_token": ("CARGO_REGISTRY_TOKEN", False, _tok("cio", ALNUM, 32)),
    # databases and data platforms
    "databricks_token": ("DATABRICKS_TOKEN", False, _tok("dapi", HEX, 32)),
    "planetscale_token": ("PLANETSCALE_SERVICE_TOKEN", False, _tok("pscale_tkn_", ALNUM, 43)),
    "planetscale_password": ("DATABASE_PASSWORD", False, _tok("pscale_pw_", ALNUM, 43)),
    "supabase_access_token": ("SUPABASE_ACCESS_TOKEN", False, _tok("sbp_", HEX, 40)),
    "clickhouse_cloud_key": ("CLICKHOUSE_KEY_SECRET", False, _tok("4b1d", ALNUM, 38)),
    "confluent_cloud_secret": ("CONFLUENT_CLOUD_API_SECRET", False, _tok("", ALNUM, 64)),
    # observability
    "datadog_api_key": ("DD_API_KEY", False, _tok("", HEX, 32)),
    "datadog_app_key": ("DD_APP_KEY", False, _tok("", HEX, 40)),
    "newrelic_user_key": ("NEW_RELIC_API_KEY", False, _tok("NRAK-", UPPER_DIGITS, 27)),
    "grafana_service_account": (
        "GRAFANA_SA_TOKEN",
        False,
        _parts("glsa_", (ALNUM, 32), "_", (HEX, 8)),
    ),
    "grafana_cloud_token": ("GRAFANA_CLOUD_TOKEN", False, _grafana_cloud),
    "sentry_user_token": ("SENTRY_AUTH_TOKEN", False, _tok("sntryu_", HEX, 64)),
    "sentry_org_token": ("SENTRY_AUTH_TOKEN", False, _sentry_org),
    "dynatrace_token": (
        "DT_API_TOKEN",
        False,
        _parts("dt0c01.", (UPPER_DIGITS, 24), ".", (UPPER_DIGITS, 64)),
    ),
    # SaaS and productivity
    "atlassian_api_token": ("JIRA_API_TOKEN", False, _parts("ATATT3", (URLSAFE, 185), (ALNUM, 1))),
    "linear_api_key": ("LINEAR_API_KEY", False, _tok("lin_api_", ALNUM, 40)),
    "notion_token": ("NOTION_TOKEN", False, _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    "airtable_pat": ("AIRTABLE_TOKEN", False, _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    "figma_pat": ("FIGMA_TOKEN", False, _parts("figd_", (URLSAFE, 39), (ALNUM, 1))),
    "postman_api_key": ("POSTMAN_API_KEY", False, _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    "typeform_token": ("TYPEFORM_TOKEN", False, _parts("tfp_", (URLSAFE, 58), (ALNUM, 1))),
    "contentful_pat": ("CONTENTFUL_MANAGEMENT_TOKEN", False, _parts("CFPAT-", (URLSAFE, 43))),
    "hubspot_private_app": ("HUBSPOT_ACCESS_TOKEN", False, lambda r: f"pat-na1-{_uuid(r)}"),
    "intercom_token": ("INTERCOM_ACCESS_TOKEN", False, _intercom),
    "zendesk_api_token": ("ZENDESK_API_TOKEN", False, _tok("", ALNUM, 40)),
    "okta_api_token": ("OKTA_API_TOKEN", False, _parts("00", (URLSAFE, 39), (ALNUM, 1))),
    "frameio_token": ("FRAMEIO_TOKEN", False, _tok("fio-u-", ALNUM, 64)),
    "readme_api_key": ("README_API_KEY", False, _tok("rdme_", LOWER_DIGITS, 70)),
    "maxmind_license_key": (
        "MAXMIND_LICENSE_KEY",
        False,
        _parts((ALNUM, 6), "_", (ALNUM, 29), "_mmk"),
    ),
    "mapbox_secret_token": ("MAPBOX_SECRET_TOKEN", False, _mapbox),
    "shopify_access_token": ("SHOPIFY_ACCESS_TOKEN", False, _tok("shpat_", HEX, 32)),
    "shopify_shared_secret": ("SHOPIFY_API_SECRET", False, _tok("shpss_", HEX, 32)),
    "dropbox_short_lived": (
        "DROPBOX_ACCESS_TOKEN",
        False,
        _parts("sl.", (URLSAFE, 134), (ALNUM, 1)),
    ),
    "cloudinary_url": ("CLOUDINARY_URL", True, _cloudinary),
    # email and messaging
    "sendgrid_key": (
        "SENDGRID_API_KEY",
        False,
        _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 42), (ALNUM, 1)),
    ),
    "mailgun_key": ("MAILGUN_API_KEY", False, _tok("key-", HEX, 32)),
    "mailchimp_key": (
        "MAILCHIMP_API_KEY",
        False,
        lambda r: f"{_chars(r, HEX, 32)}-us{r.randint(10, 21)}",
    ),
    "brevo_key": ("BREVO_API_KEY", False, _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16))),
    "twilio_api_key_sid": ("TWILIO_API_KEY", False, _tok("SK", HEX, 32)),
    "twilio_auth_token": ("TWILIO_AUTH_TOKEN", False, _tok("", HEX, 32)),
    "slack_bot_token": ("SLACK_BOT_TOKEN", False, _slack_bot),
    "slack_user_token": ("SLACK_USER_TOKEN", False, _slack_user),
    "slack_app_token": (
        "SLACK_APP_TOKEN",
        False,
        lambda r: (
            f"xapp-1-A{_chars(r, UPPER_DIGITS, 10)}-{_digits(r, 13, 13)}-{_chars(r, HEX, 64)}"
        ),
    ),
    "slack_config_access": ("SLACK_CONFIG_TOKEN", False, _tok("xoxe.xoxp-1-", ALNUM, 164)),
    "slack_config_refresh": ("SLACK_CONFIG_REFRESH_TOKEN", False, _tok("xoxe-1-", ALNUM, 146)),
    "slack_legacy_bot_token": (
        "SLACK_API_TOKEN",
        False,
        _parts("xoxb-", (DIGITS, 11), "-", (ALNUM, 24)),
    ),
    "slack_legacy_workspace_token": ("SLACK_WORKSPACE_TOKEN", False, _tok("xoxa-2-", ALNUM, 40)),
    "slack_legacy_user_token": (
        "SLACK_LEGACY_TOKEN",
        False,
        _parts("xoxs-", (DIGITS, 10), "-", (DIGITS, 11), "-", (DIGITS, 12), "-", (HEX, 64)),
    ),
    "slack_webhook": ("SLACK_WEBHOOK_URL", True, _slack_webhook),
    "discord_bot_token": ("DISCORD_BOT_TOKEN", False, _discord_bot),
    "discord_webhook": ("DISCORD_WEBHOOK_URL", True, _discord_webhook),
    "telegram_bot_token": (
        "TELEGRAM_BOT_TOKEN",
        False,
        lambda r: f"{_digits(r, 9, 10)}:AA{_chars(r, URLSAFE, 32)}{r.choice(ALNUM)}",
    ),
    "teams_webhook": ("TEAMS_WEBHOOK_URL", True, _teams_webhook),
    # payments and commerce
    "stripe_live_secret": ("STRIPE_SECRET_KEY", False, _tok("sk_live_", ALNUM, 99)),
    "stripe_restricted_live": ("STRIPE_RESTRICTED_KEY", False, _tok("rk_live_", ALNUM, 99)),
    "stripe_webhook_secret": ("STRIPE_WEBHOOK_SECRET", False, _tok("whsec_", ALNUM, 32)),
    "square_access_token": (
        "SQUARE_ACCESS_TOKEN",
        False,
        _parts("EAAA", (URLSAFE, 59), (ALNUM, 1)),
    ),
    "square_oauth_secret": (
        "SQUARE_APP_SECRET",
        False,
        _parts("sq0csp-", (URLSAFE, 42), (ALNUM, 1)),
    ),
    "braintree_access_token": ("BRAINTREE_ACCESS_TOKEN", False, _braintree),
    "razorpay_live_key": ("RAZORPAY_KEY_ID", False, _tok("rzp_live_", ALNUM, 14)),
    "flutterwave_secret": (
        "FLW_SECRET_KEY",
        False,
        lambda r: f"FLWSECK-{_chars(r, HEX, 32)}-X",
    ),
    "shippo_live_token": ("SHIPPO_API_TOKEN", False, _tok("shippo_live_", HEX, 40)),
    "duffel_live_token": (
        "DUFFEL_ACCESS_TOKEN",
        False,
        _parts("duffel_live_", (URLSAFE, 42), (ALNUM, 1)),
    ),
    "easypost_live_key": ("EASYPOST_API_KEY", False, _tok("EZAK", ALNUM, 54)),
    "plaid_access_token": ("PLAID_ACCESS_TOKEN", False, lambda r: f"access-production-{_uuid(r)}"),
    "facebook_page_token": ("FB_PAGE_ACCESS_TOKEN", False, _parts("EAAC", (ALNUM, 150))),
    "twitter_bearer": (
        "TWITTER_BEARER_TOKEN",
        False,
        lambda r: "A" * 22 + _chars(r, ALNUM + "%", 90) + r.choice(ALNUM),
    ),
    # identity, tokens in general
    "jwt_signed": ("ACCESS_TOKEN", False, _jwt),
    "adobe_client_secret": ("ADOBE_CLIENT_SECRET", False, _tok("p8e-", ALNUM, 32)),
    "authress_key": (
        "AUTHRESS_KEY",
        False,
        _parts(
            "sc_",
            (LOWER_DIGITS, 20),
            ".",
            (LOWER_DIGITS, 5),
            ".acc_",
            (LOWER_DIGITS, 20),
            ".",
            (ALNUM, 64),
        ),
    ),
    "prefect_api_key": ("PREFECT_API_KEY", False, _tok("pnu_", ALNUM, 36)),
    "scalingo_token": ("SCALINGO_API_TOKEN", False, _parts("tk-us-", (URLSAFE, 47), (ALNUM, 1))),
    "settlemint_pat": ("SETTLEMINT_ACCESS_TOKEN", False, _tok("sm_pat_", ALNUM, 16)),
    "intra42_secret": ("FT_CLIENT_SECRET", False, _tok("s-s4t2ud-", HEX, 64)),
    "ngrok_authtoken": ("NGROK_AUTHTOKEN", False, _parts("2", (ALNUM, 26), "_", (ALNUM, 21))),
}


# contexts a vendor token is pasted in; {v} is the token, {NAME} its environment variable
_KEY_CONTEXTS = (
    "# {vendor}\n{NAME}={v}\nLOG_LEVEL=info\n",
    " 1042  export {NAME}='{v}'\n 1043  python sync.py --dry-run\n",
    '{\n  "{name}": "{v}",\n  "timeout_seconds": 30\n}\n',
    "{section}:\n  enabled: true\n  {name}: {v}\n  retries: 3\n",
    'curl -sS https://api.{host}/v1/me \\\n  -H "Authorization: Bearer {v}" \\\n'
    '  -H "Accept: application/json"\n',
    "2026-11-03T14:22:10.512Z DEBUG [{section}] loaded {NAME}={v} from environment\n",
    'Traceback (most recent call last):\n  File "/srv/app/jobs/sync.py", line 41, in <module>\n'
    '    client = Client(api_key="{v}")\nPermissionError: 401 Unauthorized\n',
    "@here rotated the {vendor} credential, new value is {v} please update staging\n",
    "FROM node:20-alpine\nWORKDIR /app\nENV {NAME}={v}\nRUN npm ci --omit=dev\n",
    "env:\n  {NAME}: {v}\njobs:\n  build:\n    runs-on: ubuntu-latest\n",
    '[{section}]\n{name} = "{v}"\nregion = "eu-west-1"\n',
    "| service | credential | env |\n|---|---|---|\n| {vendor} | {v} | prod |\n",
    'In [3]: import os\n   ...: os.environ["{NAME}"] = "{v}"\n',
    'provider "{section}" {\n  token = "{v}"\n}\n',
    '$env:{NAME} = "{v}"\n.\\deploy.ps1 -Environment staging\n',
    'cfg := Config{\n\tAPIKey:  "{v}",\n\tTimeout: 10 * time.Second,\n}\n',
    "const {camel} = process.env.{NAME} ?? '{v}';\n",
    "Hi team,\n\nhere is the {vendor} credential for the staging tenant:\n\n{v}\n\n"
    "Please move it to the vault and delete this mail.\n",
    "Kurze Info: der neue {vendor}-Schlüssel lautet {v} und gilt ab Montag.\n",
    "Te paso la clave de {vendor}: {v} (no la subas al repo)\n",
    "Voici le jeton {vendor} pour la prod : {v}\n",
    "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {dash}\ntype: Opaque\nstringData:\n"
    "  {NAME}: {v}\n",
    "docker run --rm -e {NAME}={v} -p 8080:8080 ghcr.io/acme/worker:1.4.2\n",
    '{camel_cap}.configure do |c|\n  c.api_key = "{v}"\nend\n',
    "{section}.{name}={v}\n{section}.timeout=30s\n",
    "OPS-{ticket}: {vendor} sync failing since the deploy\n\n"
    "Steps to reproduce: run the nightly job"
    " with\n\n    {NAME}={v}\n\nExpected: 200, got 401.\n",
    '<appSettings>\n  <add key="{NAME}" value="{v}" />\n</appSettings>\n',
    'val {camel} = "{v}" // TODO move to BuildConfig\n',
    "variables:\n  {NAME}:\n    value: {v}\n    masked: false\n",
)
_URL_CONTEXTS = (
    "{NAME}={v}\n",
    'requests.post(\n    "{v}",\n    json={"text": "deploy finished"},\n)\n',
    "curl -X POST -H 'Content-type: application/json' --data '{\"text\":\"ping\"}' {v}\n",
    "notifications:\n  {name}: {v}\n",
    "hey, the {vendor} hook is {v} if you want to wire up alerts\n",
    '{"{name}": "{v}", "channel": "#deploys"}\n',
)


_DISPLAY = {
    "aws": "AWS", "gcp": "GCP", "xai": "xAI", "jwt": "JWT", "openai": "OpenAI",
    "flyio": "Fly.io", "github": "GitHub", "gitlab": "GitLab", "huggingface": "Hugging Face",
    "digitalocean": "DigitalOcean", "newrelic": "New Relic", "sendgrid": "SendGrid",
    "pypi": "PyPI", "npm": "npm", "onepassword": "1Password", "sonarqube": "SonarQube",
    "circleci": "CircleCI", "openrouter": "OpenRouter", "langsmith": "LangSmith",
    "elevenlabs": "ElevenLabs", "wandb": "W&B", "planetscale": "PlanetScale",
    "clickhouse": "ClickHouse", "hashicorp": "Vault", "intra42": "42 Intra",
    "easypost": "EasyPost", "rubygems": "RubyGems", "nuget": "NuGet", "hubspot": "HubSpot",
    "dynatrace": "Dynatrace", "azure": "Azure", "age": "age", "jfrog": "JFrog",
}  # fmt: skip


def _vendor_fields(family: str, env: str, rng: random.Random) -> dict[str, str]:
    words = family.split("_")
    vendor = _DISPLAY.get(words[0], words[0].capitalize())
    camel = words[0] + "".join(w.capitalize() for w in words[1:])
    return {
        "{NAME}": env,
        "{name}": env.lower(),
        "{vendor}": vendor,
        "{section}": words[0],
        "{dash}": family.replace("_", "-"),
        "{camel}": camel,
        "{camel_cap}": camel[0].upper() + camel[1:],
        "{host}": rng.choice(("example-vendor.io", "internal.example", "saas.example.com")),
        "{ticket}": str(rng.randint(100, 9999)),
    }


def _in_context(template: str, fields: dict[str, str], value: str) -> Segments:
    for key, text in fields.items():
        template = template.replace(key, text)
    before, after = template.split("{v}")
    return [(before, None), (value, SECRET), (after, None)]


def _generated(rng: random.Random, size: int) -> list[Case]:
    families = list(VENDORS)
    rng.shuffle(families)
    cases = []
    for index in range(size):
        family = families[index % len(families)]
        env, is_url, build = VENDORS[family]
        template = rng.choice(_URL_CONTEXTS if is_url else _KEY_CONTEXTS)
        segments = _in_context(template, _vendor_fields(family, env, rng), build(rng))
        cases.append(Case(family, "generated", *_join(segments)))
    return cases


# --- literal credentials: assignments, URLs, headers, flags, files ------------------------

Literal = Callable[[random.Random], Segments]


def _around(before: str, value: str, after: str = "\n") -> Segments:
    return [(before, None), (value, SECRET), (after, None)]


def _host(rng: random.Random) -> str:
    return rng.choice(("db-prod-01.internal", "pg.eu-central.example.net", "10.20.4.17",
                       "mysql.corp.local", "warehouse.internal"))  # fmt: skip


def _user(rng: random.Random) -> str:
    return rng.choice(("app", "svc_orders", "etl", "deploy", "ci-bot", "reporting", "admin"))


def _basic(rng: random.Random) -> str:
    return _b64(f"{_user(rng)}:{_password(rng)}".encode())


def _literals() -> dict[str, Literal]:
    def pw(r: random.Random) -> str:
        return _password(r)

    def url_pw(r: random.Random) -> str:
        return _password(r, URL_SYMBOLS)

    forms: dict[str, Literal] = {
        "env_db_password": lambda r: _around(
            f"DB_HOST={_host(r)}\nDB_USER={_user(r)}\nDB_PASSWORD=", pw(r), "\nDB_PORT=5432\n"
        ),
        "env_quoted_secret": lambda r: _around('APP_SECRET="', _secret(r, 32), '"\n'),
        "yaml_spring_datasource": lambda r: _around(
            "spring:\n  datasource:\n    url: jdbc:postgresql://db:5432/shop\n"
            f"    username: {_user(r)}\n    password: ",
            pw(r),
        ),
        "json_client_secret": lambda r: _around(
            '{\n  "auth": {\n    "client_id": "orders-service",\n    "client_secret": "',
            _secret(r, 40),
            '"\n  }\n}\n',
        ),
        "postgres_url": lambda r: _around(
            f"DATABASE_URL=postgresql://{_user(r)}:", url_pw(r), f"@{_host(r)}:5432/orders\n"
        ),
        "mongodb_srv": lambda r: _around(
            f'MONGO_URI = "mongodb+srv://{_user(r)}:',
            url_pw(r),
            '@cluster0.x7k2p.mongodb.net/app?retryWrites=true&w=majority"\n',
        ),
        "redis_url": lambda r: _around(
            "REDIS_URL=redis://:", url_pw(r), "@cache.internal:6379/0\n"
        ),
        "amqp_url": lambda r: _around(
            f"broker_url = 'amqp://{_user(r)}:", url_pw(r), "@rabbitmq:5672//'\n"
        ),
        "jdbc_password_param": lambda r: _around(
            f'String url = "jdbc:mysql://{_host(r)}:3306/crm?user={_user(r)}&password=',
            url_pw(r),
            '&useSSL=true";\n',
        ),
        "curl_u": lambda r: _around(
            f"$ curl -u {_user(r)}:", url_pw(r), " https://nexus.internal/service/rest/v1/status\n"
        ),
        "curl_user_quoted": lambda r: _around(
            f'curl --user "{_user(r)}:', pw(r), '" -X POST https://jenkins.internal/job/build\n'
        ),
        "http_basic_header": lambda r: _around(
            "GET /api/v2/reports HTTP/1.1\nHost: reports.internal\nAuthorization: Basic ",
            _basic(r),
            "\nAccept: */*\n",
        ),
        "curl_basic_header": lambda r: _around(
            "curl -H 'Authorization: Basic ", _basic(r), "' https://registry.internal/v2/_catalog\n"
        ),
        "bearer_header_random": lambda r: _around(
            'curl -H "Authorization: Bearer ', _secret(r, 40), '" https://api.internal/v1/jobs\n'
        ),
        "token_header": lambda r: _around(
            "Authorization: Token ", _chars(r, HEX, 40), "\nContent-Type: application/json\n"
        ),
        "x_api_key_header": lambda r: _around(
            "curl https://gateway.internal/v1/quotes -H 'X-API-Key: ", _secret(r, 32), "'\n"
        ),
        "python_requests_bearer": lambda r: _around(
            'resp = requests.get(url, headers={"Authorization": "Bearer ',
            _secret(r, 48),
            '"}, timeout=10)\n',
        ),
        "maven_settings_xml": lambda r: _around(
            "<server>\n  <id>internal-releases</id>\n  <username>deployer</username>\n  <password>",
            pw(r),
            "</password>\n</server>\n",
        ),
        "java_set_property": lambda r: _around(
            'System.setProperty("db.password", "', pw(r), '");\n'
        ),
        "java_properties": lambda r: _around(
            "spring.datasource.username=app\nspring.datasource.password=", pw(r)
        ),
        "ini_section": lambda r: _around(
            f"[database]\nhost = {_host(r)}\nuser = {_user(r)}\npassword = ",
            pw(r),
            "\nport = 3306\n",
        ),
        "toml_section": lambda r: _around('[database]\nuser = "app"\npassword = "', pw(r), '"\n'),
        "terraform_db_instance": lambda r: _around(
            'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n'
            '  username = "dbadmin"\n  password = "',
            pw(r),
            '"\n}\n',
        ),
        "dockerfile_env": lambda r: _around(
            "FROM python:3.12-slim\nENV API_SECRET=", _secret(r, 32), '\nCMD ["python", "app.py"]\n'
        ),
        "k8s_secret_data": lambda r: _around(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\ntype: Opaque\n"
            "data:\n  username: YXBw\n  password: ",
            _b64(pw(r).encode()),
        ),
        "compose_environment": lambda r: _around(
            "services:\n  db:\n    image: postgres:16\n    environment:\n"
            "      - POSTGRES_USER=app\n      - POSTGRES_PASSWORD=",
            pw(r),
        ),
        "gha_docker_login": lambda r: _around(
            "    - name: Login\n      run: docker login -u ci-bot -p ",
            url_pw(r),
            " registry.internal\n",
        ),
        "mysql_cli": lambda r: _around(
            f"mysql -h {_host(r)} -u root -p", url_pw(r), " shop < dump.sql\n"
        ),
        "pgpassword_env": lambda r: _around(
            "PGPASSWORD=", url_pw(r), f" psql -h {_host(r)} -U {_user(r)} -d analytics\n"
        ),
        "sshpass": lambda r: _around("sshpass -p '", pw(r), "' ssh deploy@10.0.4.12 uptime\n"),
        "pgpass_file": lambda r: _around(
            f"{_host(r)}:5432:orders:{_user(r)}:", _password(r, "!*-_.~"), "\n"
        ),
        "netrc": lambda r: _around(
            "machine artifacts.internal\n  login ci-bot\n  password ", _secret(r, 28)
        ),
        "django_secret_key": lambda r: _around(
            "SECRET_KEY = '",
            _secret(r, 1) + _chars(r, ALNUM + "!@#$%^&*(-_=+)", 48) + _secret(r, 1),
            "'\nDEBUG = False\n",
        ),
        "rails_secret_key_base": lambda r: _around(
            "production:\n  secret_key_base: ", _chars(r, HEX, 128)
        ),
        "laravel_app_key": lambda r: _around(
            "APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=", "base64:" + _b64(r.randbytes(32))
        ),
        "aws_credentials_file": lambda r: _around(
            "[prod]\nregion = eu-west-1\naws_secret_access_key = ", _chars(r, B64, 39) + "Q"
        ),
        "azure_storage_connection": lambda r: _around(
            "DefaultEndpointsProtocol=https;AccountName=stshopdata;AccountKey=",
            _b64(r.randbytes(64)),
            ";EndpointSuffix=core.windows.net\n",
        ),
        "azure_sas_url": lambda r: _around(
            "https://stshopdata.blob.core.windows.net/exports/q3.csv?sv=2022-11-02&ss=b&srt=o"
            "&sp=r&se=2026-12-31T23:59:59Z&spr=https&sig=",
            _b64(r.randbytes(32)).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D"),
            "\n",
        ),
        "gcp_service_account_escaped": lambda r: _around(
            '"{\\"type\\": \\"service_account\\", \\"project_id\\": \\"shop-prod\\", '
            '\\"private_key_id\\": \\"' + _chars(r, HEX, 40) + '\\", \\"private_key\\": \\"',
            _pem(r, "", join="\\n"),
            '\\n\\", \\"client_email\\": \\"etl@shop-prod.iam.gserviceaccount.com\\"}"\n',
        ),
        "pem_rsa_in_chat": lambda r: _around(
            "can you tell me why ssh says invalid format for this key?\n\n",
            _pem(r, "RSA "),
            "\n\nthanks!\n",
        ),
        "pem_openssh": lambda r: _around("$ cat ~/.ssh/id_ed25519\n", _pem(r, "OPENSSH ")),
        "pem_ec_yaml_block": lambda r: _around(
            "tls:\n  crt: /etc/tls/tls.crt\n  key: |\n    ", _pem(r, "EC ", indent="    ")
        ),
        "csharp_connection_string": lambda r: _around(
            'var cs = "Server=tcp:shop-sql.database.windows.net,1433;Database=shop;'
            "User ID=sqladmin;Password=",
            pw(r),
            ';Encrypt=True;";\n',
        ),
        "php_define": lambda r: _around("define('DB_PASSWORD', '", pw(r), "');\n"),
        "js_config_object": lambda r: _around(
            "module.exports = {\n  port: 3000,\n  apiKey: '", _secret(r, 32), "',\n};\n"
        ),
        "go_sql_open": lambda r: _around(
            'db, err := sql.Open("mysql", "app:', url_pw(r), '@tcp(db:3306)/shop?parseTime=true")\n'
        ),
        "ruby_secret_token": lambda r: _around(
            "Rails.application.config.secret_token = '", _chars(r, HEX, 64), "'\n"
        ),
        "suffixed_key_name": lambda r: _around(
            f'api_token_{r.randint(1, 999)} = "', _secret(r, 32), '"\n'
        ),
        "camel_case_secret_name": lambda r: _around(
            'private static final String mySecretString = "', _secret(r, 24), '";\n'
        ),
        "nuget_config": lambda r: _around(
            '<packageSourceCredentials>\n  <internal>\n    <add key="Username" value="ci" />\n'
            '    <add key="ClearTextPassword" value="',
            pw(r),
            '" />\n  </internal>\n</packageSourceCredentials>\n',
        ),
        "npmrc_password": lambda r: _around(
            "registry=https://npm.internal/\n//npm.internal/:username=ci\n//npm.internal/:_password=",
            _b64(pw(r).encode()),
        ),
        "pip_index_url": lambda r: _around(
            "[global]\nindex-url = https://ci:", url_pw(r), "@pypi.internal/simple\n"
        ),
        "git_clone_token_url": lambda r: _around(
            "git clone https://oauth2:", _secret(r, 20), "@gitlab.internal/platform/infra.git\n"
        ),
        "wpa_supplicant": lambda r: _around(
            'network={\n    ssid="office-5g"\n    psk="', pw(r), '"\n}\n'
        ),
        "django_email_password": lambda r: _around(
            "EMAIL_HOST = 'smtp.internal'\nEMAIL_HOST_USER = 'noreply'\nEMAIL_HOST_PASSWORD = '",
            pw(r),
            "'\n",
        ),
        "traceback_engine_url": lambda r: _around(
            'Traceback (most recent call last):\n  File "etl/load.py", line 12, in <module>\n'
            '    engine = create_engine("postgresql://etl:',
            url_pw(r),
            '@warehouse:5432/dw")\nsqlalchemy.exc.OperationalError: could not connect\n',
        ),
        "ansible_become": lambda r: _around(
            "all:\n  vars:\n    ansible_user: deploy\n    ansible_become_password: ", pw(r)
        ),
        "helm_values": lambda r: _around(
            'auth:\n  username: app\n  rootPassword: "', pw(r), '"\n  database: shop\n'
        ),
        "notebook_connect": lambda r: _around(
            'In [2]: conn = snowflake.connector.connect(user="ETL", password="',
            pw(r),
            '", account="xy12345")\n',
        ),
        "sql_create_user": lambda r: _around(
            "CREATE USER reporting WITH PASSWORD '",
            pw(r),
            "';\nGRANT SELECT ON ALL TABLES TO reporting;\n",
        ),
        "sql_identified_by": lambda r: _around(
            "ALTER USER 'app'@'%' IDENTIFIED BY '", pw(r), "';\n"
        ),
        "ldapsearch_bind": lambda r: _around(
            'ldapsearch -x -D "cn=admin,dc=corp,dc=local" -w ', url_pw(r), " -b dc=corp,dc=local\n"
        ),
        "redis_cli": lambda r: _around("redis-cli -h cache.internal -a ", url_pw(r), " PING\n"),
        "chat_db_pw": lambda r: _around("prod db pw: `", pw(r), "` (rotating on Friday)\n"),
        "german_email": lambda r: _around(
            "Hallo zusammen,\n\ndas Passwort für den Testserver lautet: ",
            pw(r),
            "\n\nViele Grüße\n",
        ),
        "spanish_chat": lambda r: _around(
            "la contraseña del servidor de pruebas es ", pw(r), " (cámbiala al entrar)\n"
        ),
        "french_chat": lambda r: _around("Identifiant : admin\nMot de passe : ", pw(r)),
        "markdown_table": lambda r: _around(
            "| service | user | password |\n|---|---|---|\n| grafana | admin | ", pw(r), " |\n"
        ),
        "webhook_signing_secret": lambda r: _around("WEBHOOK_SIGNING_SECRET=", _chars(r, HEX, 64)),
        "jwt_secret_env": lambda r: _around("JWT_SECRET=", _secret(r, 48)),
        "encryption_key_b64": lambda r: _around("ENCRYPTION_KEY=", _b64(r.randbytes(32))),
        "oauth_refresh_json": lambda r: _around(
            '{"token_type": "bearer", "expires_in": 3600, "refresh_token": "',
            _chars(r, URLSAFE, 63) + r.choice(ALNUM),
            '"}\n',
        ),
        "session_cookie": lambda r: _around(
            "Cookie: csrftoken=abc; sessionid=", _chars(r, LOWER_DIGITS, 32), "\n"
        ),
        "windows_net_use": lambda r: _around(
            "net use Z: \\\\fileserver\\finance /user:CORP\\svc_backup ", url_pw(r), "\n"
        ),
        "powershell_securestring": lambda r: _around(
            '$pw = ConvertTo-SecureString "', pw(r), '" -AsPlainText -Force\n'
        ),
        "web_config_connection": lambda r: _around(
            '<add name="Default" connectionString="Data Source=sql01;Initial Catalog=Shop;'
            "User Id=web;Password=",
            pw(r),
            ';" providerName="System.Data.SqlClient" />\n',
        ),
        "kafka_jaas": lambda r: _around(
            "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
            'username="svc" password="',
            pw(r),
            '";\n',
        ),
        "ftp_url": lambda r: _around("ftp://upload:", url_pw(r), "@ftp.partner.example/inbound/\n"),
        "pypirc_password": lambda r: _around(
            "[distutils]\nindex-servers = internal\n\n[internal]\nrepository = "
            "https://pypi.internal/\nusername = ci\npassword = ",
            pw(r),
        ),
        "docker_config_auth": lambda r: _around(
            '{\n  "auths": {\n    "registry.internal": {\n      "auth": "',
            _basic(r),
            '"\n    }\n  }\n}\n',
        ),
        "git_credentials_store": lambda r: _around(
            "https://ci-bot:", _chars(r, HEX, 40), "@git.internal\n"
        ),
        "htpasswd_batch": lambda r: _around("htpasswd -b .htpasswd admin ", url_pw(r), "\n"),
        "python_requests_auth": lambda r: _around(
            'r = requests.get(f"{base}/api/builds", auth=("deploy", "', pw(r), '"))\n'
        ),
        "url_query_api_key": lambda r: _around(
            '10.1.4.7 - - [03/Nov/2026:10:22:01 +0000] "GET /v1/search?q=shoes&api_key=',
            _secret(r, 32),
            ' HTTP/1.1" 200 5123\n',
        ),
        "kubectl_from_literal": lambda r: _around(
            "kubectl create secret generic db-creds --from-literal=username=app "
            "--from-literal=password=",
            url_pw(r),
        ),
        "vault_kv_put": lambda r: _around(
            "vault kv put secret/shop/db username=app password=", url_pw(r)
        ),
        "az_cli_service_principal": lambda r: _around(
            f"az login --service-principal -u {_uuid(r)} -p ",
            _chars(r, ALNUM, 3) + r.choice(DIGITS) + "Q~" + _chars(r, ALNUM + "_~.-", 33) + "x",
            f" --tenant {_uuid(r)}\n",
        ),
        "jdbc_get_connection": lambda r: _around(
            'Connection c = DriverManager.getConnection(url, "report", "', pw(r), '");\n'
        ),
        "spaced_passphrase": lambda r: _around(
            'vpn_password = "',
            " ".join(w.lower() for w in r.sample(_WORDS, 3)) + f" {r.randint(10, 99)}",
            '"\n',
        ),
        "go_short_assign": lambda r: _around('\tdbPassword := "', pw(r), '"\n'),
        "objc_string": lambda r: _around('NSString *apiSecret = @"', _secret(r, 32), '";\n'),
        "htaccess_style_api_secret": lambda r: _around(
            "SetEnv PAYMENT_API_SECRET ", _secret(r, 32), "\n"
        ),
    }
    return forms


def _literal(rng: random.Random, size: int) -> list[Case]:
    forms = _literals()
    names = sorted(forms)
    rng.shuffle(names)
    return [
        Case(names[i % len(names)], "literal", *_join(forms[names[i % len(names)]](rng)))
        for i in range(size)
    ]


# --- negatives: what must not raise a credential finding ----------------------------------

Negative = Callable[[random.Random], str]


def _ipv6(rng: random.Random) -> str:
    groups = [f"{rng.randrange(0x10000):04x}" for _ in range(8)]
    groups[0] = rng.choice(("2001", "2a02", "2607", "fd12"))
    if rng.random() < 0.5:
        return ":".join(groups)
    return ":".join(groups[:3]) + "::" + ":".join(g.lstrip("0") or "0" for g in groups[6:])


def _semver(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 30)}"


def _placeholder(rng: random.Random) -> str:
    return rng.choice((
        "<your-api-key>", "YOUR_API_KEY_HERE", "xxxxxxxxxxxxxxxxxxxx", "changeme", "${API_KEY}",
        "{{ secrets.API_KEY }}", "<REPLACE_ME>", "TODO", "dummy", "your-secret-here", "********",
        "%API_KEY%", "$(cat /run/secrets/api_key)", "[REDACTED]", "null", "***",
    ))  # fmt: skip


_PLAIN_SENTENCES = (
    "hello world from the build agent",
    "the quick brown fox jumps",
    "meeting moved to thursday",
)


def _negatives() -> dict[str, Negative]:
    return {
        "ipv6_full": lambda r: f"upstream backend {{\n  server [{_ipv6(r)}]:8443;\n}}\n",
        "ipv6_pgpass_like": lambda r: f"listen [{_ipv6(r)}]:5432\nhost all all ::1/128 trust\n",
        "ipv6_log": lambda r: (
            f"Nov 03 09:12:44 edge sshd[2211]: Connection closed by {_ipv6(r)} port "
            f"{r.randint(1024, 65535)}\n"
        ),
        "ports_compose": lambda r: f'ports:\n  - "{r.randint(3000, 9999)}:80"\n  - "5432:5432"\n',
        "port_in_url": lambda r: (
            f"DATABASE_URL=postgres://db.internal:{r.randint(1024, 65535)}/shop\n"
        ),
        "host_port_pair": lambda r: (
            f"redis: localhost:{r.randint(6000, 6999)}\nkafka: broker-1:9092\n"
        ),
        "subnets": lambda r: (
            f'cidr_block = "10.{r.randint(0, 255)}.0.0/16"\n'
            f'subnet = "172.31.{r.randint(0, 240)}.0/20"\n'
        ),
        "pip_versions": lambda r: (
            f"requests=={_semver(r)}\nurllib3=={_semver(r)}\nboto3=={_semver(r)}\n"
        ),
        "package_json_versions": lambda r: (
            f'"dependencies": {{\n  "react": "^{_semver(r)}",\n  "lodash": "~{_semver(r)}"\n}}\n'
        ),
        "docker_image_tag": lambda r: (
            f"FROM python:3.{r.randint(9, 13)}.{r.randint(0, 9)}-slim-bookworm\n"
        ),
        "dates": lambda r: (
            f"Release date: 2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}, freeze starts "
            f"{r.randint(1, 28)}/11/2026\n"
        ),
        "iso_timestamps": lambda r: (
            "created_at: "
            f"2026-0{r.randint(1, 9)}-1{r.randint(0, 9)}T0{r.randint(0, 9)}:"
            f"{r.randint(10, 59)}:{r.randint(10, 59)}.{r.randint(100, 999)}Z\n"
        ),
        "sha256_checksum": lambda r: f"sha256  {_chars(r, HEX, 64)}  release-{_semver(r)}.tar.gz\n",
        "sha256sum_output": lambda r: (
            f"$ sha256sum installer.sh\n{_chars(r, HEX, 64)}  installer.sh\n"
        ),
        "md5_etag": lambda r: (
            f'ETag: "{_chars(r, HEX, 32)}"\nContent-Length: {r.randint(100, 99999)}\n'
        ),
        "npm_integrity": lambda r: f'"integrity": "sha512-{_b64(r.randbytes(64))}"\n',
        "go_sum": lambda r: (
            f"golang.org/x/text v0.{r.randint(1, 20)}.0 h1:{_b64(r.randbytes(32))}\n"
        ),
        "csp_hash": lambda r: (
            f"Content-Security-Policy: script-src 'self' 'sha256-{_b64(r.randbytes(32))}'\n"
        ),
        "yarn_lock_resolved": lambda r: (
            "  resolved "
            f'"https://registry.yarnpkg.com/lodash/-/lodash-{_semver(r)}.tgz'
            f'#{_chars(r, HEX, 40)}"\n'
        ),
        "docker_digest": lambda r: f"image: ghcr.io/acme/api@sha256:{_chars(r, HEX, 64)}\n",
        "uuid_request_id": lambda r: f"X-Request-Id: {_uuid(r)}\nX-Correlation-Id: {_uuid(r)}\n",
        "uuid_tenant_id": lambda r: (
            f'{{"tenant_id": "{_uuid(r)}", "subscription_id": "{_uuid(r)}"}}\n'
        ),
        "uuid_log": lambda r: f"INFO job {_uuid(r)} finished in {r.randint(2, 900)}ms\n",
        "maven_coordinates": lambda r: (
            f"org.apache.commons:commons-lang3:3.{r.randint(10, 17)}.0\n"
            f"com.fasterxml.jackson.core:jackson-databind:2.{r.randint(12, 18)}.1\n"
        ),
        "gradle_dependency": lambda r: (
            f'implementation("com.squareup.okhttp3:okhttp:4.{r.randint(9, 12)}.0")\n'
        ),
        "pom_dependency": lambda r: (
            "<dependency>\n  <groupId>org.springframework.boot</groupId>\n"
            "  <artifactId>spring-boot-starter-web</artifactId>\n"
            f"  <version>3.{r.randint(0, 4)}.{r.randint(0, 9)}</version>\n</dependency>\n"
        ),
        "empty_env_value": lambda r: (
            f"DB_PASSWORD=\nDB_HOST=db.internal\nDB_PORT={r.choice((5432, 3306))}\n"
        ),
        "empty_yaml_value": lambda r: (
            f'credentials:\n  username: {_user(r)}\n  password: ""\n  api_key:\n'
        ),
        "null_json_value": lambda r: '{"api_key": null, "secret": "", "token": null}\n',
        "placeholder_env": lambda r: f"API_KEY={_placeholder(r)}\nAPI_SECRET={_placeholder(r)}\n",
        "placeholder_yaml": lambda r: f"stripe:\n  secret_key: {_placeholder(r)}\n",
        "placeholder_sk_live_xs": lambda r: (
            f"STRIPE_SECRET_KEY=sk_live_{'x' * r.randint(24, 32)}\n"
        ),
        "placeholder_slack": lambda r: f"SLACK_BOT_TOKEN=xoxb-{'X' * 12}-{'X' * 13}-{'X' * 24}\n",
        "placeholder_slack_words": lambda r: (
            "slack:\n  token: xoxb-your-bot-token-here\n  signing_secret: your-signing-secret\n"
        ),
        "env_var_reference": lambda r: r.choice(
            (
                'api_key = os.environ["OPENAI_API_KEY"]\n',
                "const secret = process.env.STRIPE_SECRET_KEY;\n",
                'password := os.Getenv("DB_PASSWORD")\n',
                "token = ENV.fetch('GITHUB_TOKEN')\n",
            )
        ),
        "shell_var_reference": lambda r: (
            'curl -u "$NEXUS_USER:$NEXUS_PASSWORD" https://nexus.internal/\n'
        ),
        "bearer_var": lambda r: (
            'curl -H "Authorization: Bearer ${ACCESS_TOKEN}" https://api.internal/v1/me\n'
        ),
        "gha_secret_ref": lambda r: (
            "env:\n  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n"
            "  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n"
        ),
        "jinja_secret": lambda r: (
            "password: \"{{ vault_db_password }}\"\napi_key: \"{{ lookup('env', 'API_KEY') }}\"\n"
        ),
        "vault_reference": lambda r: r.choice(
            (
                "password: vault:secret/data/shop/db#password\n",
                "DB_PASSWORD=ref+vault://secret/shop/db#/password\n",
                f"arn:aws:secretsmanager:eu-west-1:{_digits(r, 12, 12)}:secret:prod/shop/db\n",
                "api_key: !secret weather_api_key\n",
            )
        ),
        "k8s_secret_key_ref": lambda r: (
            "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n"
            "        name: db-credentials\n        key: password\n"
        ),
        "terraform_var_ref": lambda r: (
            'resource "aws_db_instance" "main" {\n  password = var.db_password\n'
            "  username = random_pet.user.id\n}\n"
        ),
        "aws_doc_example": lambda r: (
            f"aws_access_key_id = AKIA{_chars(r, UPPER + '234567', 9)}EXAMPLE\n"
        ),
        "aws_doc_example_secret": lambda r: (
            f"aws_secret_access_key = {_chars(r, ALNUM, 30)}EXAMPLEKEY\n"
        ),
        "example_url_credentials": lambda r: r.choice(
            (
                "postgresql://user:password@localhost:5432/mydb\n",
                "mongodb://username:password@host:27017/db\n",
                "https://user:pass@example.com/path\n",
            )
        ),
        "masked_openai": lambda r: (
            f"Your key sk-...{_chars(r, ALNUM, 4)} was last used 3 days ago.\n"
        ),
        "masked_stars": lambda r: f"password: ****\napi_key: {'*' * r.randint(8, 24)}\n",
        "masked_partial_token": lambda r: (
            f"token ghp_****{_chars(r, ALNUM, 4)} expires in 7 days\n"
        ),
        "redacted_log": lambda r: "Authorization: Bearer <redacted>\nCookie: [FILTERED]\n",
        "ssh_public_key": lambda r: (
            "ssh-ed25519 "
            + _b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + r.randbytes(32))
            + " deploy@ci-runner\n"
        ),
        "ssh_rsa_public_key": lambda r: (
            "ssh-rsa "
            + _b64(b"\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01" + r.randbytes(257))
            + " backup@nas\n"
        ),
        "pem_public_key": lambda r: _armored("PUBLIC KEY", _der(r, 290)) + "\n",
        "pem_certificate": lambda r: (
            "server.crt:\n" + _armored("CERTIFICATE", _der(r, r.choice((780, 1100)))) + "\n"
        ),
        "file_paths": lambda r: f"/var/lib/docker/overlay2/{_chars(r, HEX, 64)}/merged\n",
        "windows_path": lambda r: (
            r"C:\Program Files\Common Files\microsoft shared\ClickToRun\OfficeClickToRun.exe" + "\n"
        ),
        "source_paths": lambda r: (
            "src/components/auth/PasswordResetForm.tsx\nsrc/services/secretManager.ts\n"
        ),
        "git_sha_commit": lambda r: (
            f"commit {_chars(r, HEX, 40)}\nAuthor: ci <ci@noreply>\n\n    fix flaky test\n"
        ),
        "git_short_shas": lambda r: (
            f"Merge: {_chars(r, HEX, 7)} {_chars(r, HEX, 7)}\n{_chars(r, HEX, 7)} bump version\n"
        ),
        "git_rev_parse": lambda r: f"$ git rev-parse HEAD\n{_chars(r, HEX, 40)}\n",
        "base64_json_payload": lambda r: (
            "payload="
            + _b64(json.dumps({"event": "order.created", "id": r.randint(1000, 99999)}).encode())
            + "\n"
        ),
        "base64_text": lambda r: (
            "echo " + _b64(r.choice(_PLAIN_SENTENCES).encode()) + " | base64 -d\n"
        ),
        "data_uri_image": lambda r: (
            '<img src="data:image/png;base64,'
            + _b64(b"\x89PNG\r\n\x1a\n" + r.randbytes(48))
            + '">\n'
        ),
        "css_colours": lambda r: (
            f".btn {{ color: #{_chars(r, HEX, 6)}; background: #{_chars(r, HEX, 6)}; border-color: "
            f"#{_chars(r, HEX, 3)}; }}\n"
        ),
        "minified_js": lambda r: (
            '!function(e,t){"object"==typeof exports&&"undefined"!=typeof '
            'module?module.exports=t():"function"==typeof '
            'define&&define.amd?define(t):(e=e||self).Lib=t()}(this,function(){"use strict";var '
            "e=function(e,t){return e+t};return e});\n"
        ),
        "i18n_keys": lambda r: (
            '"auth.password.reset.title": "Reset your password",\n'
            '"settings.api_key.label": "API key",\n'
            '"settings.api_key.help": "Create a key in the dashboard"\n'
        ),
        "i18n_calls": lambda r: "t('login.password.placeholder')\nt('errors.secret.expired')\n",
        "prose_password_policy": lambda r: r.choice(
            (
                "Make sure your password has at least 12 characters and rotate it every 90 days.\n",
                "Never paste your API key into a ticket; use the secrets manager instead.\n",
                "Das Passwort muss mindestens zwölf Zeichen lang sein.\n",
                "Le mot de passe doit être changé tous les trois mois.\n",
                "Olvidé mi contraseña, ¿cómo la restablezco?\n",
            )
        ),
        "html_password_input": lambda r: (
            '<input type="password" name="password" autocomplete="current-password" required>\n'
        ),
        "password_regex": lambda r: (
            'PASSWORD_REGEX = r"^(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s]).{12,}$"\n'
        ),
        "password_function": lambda r: (
            "def reset_password(user_id: int, new_password: str) -> None:\n"
            "    user = repo.get(user_id)\n    user.set_password(new_password)\n"
        ),
        "password_kwargs": lambda r: (
            'password = request.form["password"]\nlogin(username=username, password=password)\n'
        ),
        "getpass_prompt": lambda r: 'pw = getpass.getpass("Password: ")\n',
        "sudo_prompt": lambda r: "$ sudo systemctl restart nginx\n[sudo] password for deploy:\n",
        "mysql_access_denied": lambda r: (
            f"ERROR 1045 (28000): Access denied for user '{_user(r)}'@'localhost' (using password: "
            "YES)\n"
        ),
        "auth_failed_log": lambda r: (
            'psycopg2.OperationalError: FATAL:  password authentication failed for user "'
            f'{_user(r)}"\n'
        ),
        "password_settings": lambda r: (
            f"password_min_length = {r.randint(8, 16)}\n"
            f"max_password_age_days = {r.choice((30, 60, 90))}\n"
        ),
        "java_password_encoder": lambda r: (
            f"PasswordEncoder encoder = new BCryptPasswordEncoder({r.randint(10, 14)});\n"
        ),
        "oauth_doc_placeholders": lambda r: (
            "client_id=YOUR_CLIENT_ID&client_secret=YOUR_CLIENT_SECRET&grant_type=client_credentials\n"
        ),
        "w3c_traceparent": lambda r: (
            f"traceparent: 00-{_chars(r, HEX, 32)}-{_chars(r, HEX, 16)}-01\n"
        ),
        "aws_request_ids": lambda r: (
            f"x-amz-request-id: {_chars(r, UPPER_DIGITS, 16)}\n"
            f"x-amz-id-2: {_b64(r.randbytes(54))}\n"
        ),
        "stripe_object_ids": lambda r: (
            f"customer: cus_{_chars(r, ALNUM, 14)}\ninvoice: in_{_chars(r, ALNUM, 24)}\n"
        ),
        "slack_ids": lambda r: (
            f"channel=C0{_chars(r, UPPER_DIGITS, 9)} user=U0{_chars(r, UPPER_DIGITS, 9)}\n"
        ),
        "k8s_pod_names": lambda r: (
            f"api-{_chars(r, LOWER_DIGITS, 10)}-{_chars(r, LOWER_DIGITS, 5)}   1/1   Running   0   "
            "3d\n"
        ),
        "webpack_chunks": lambda r: (
            f"main.{_chars(r, HEX, 8)}.js  vendor.{_chars(r, HEX, 20)}.js\n"
        ),
        "numpy_output": lambda r: "array([[0.1234, 0.5678],\n       [0.9012, 0.3456]])\n",
        "build_number_log": lambda r: (
            f"Build #{r.randint(100, 9999)} finished: SUCCESS (took {r.randint(1, 59)}m "
            f"{r.randint(1, 59)}s)\n"
        ),
        "semver_tags": lambda r: (
            f"v{_semver(r)}-rc.{r.randint(1, 5)}+build.{r.randint(100, 999)}\n"
        ),
        "hex_color_json": lambda r: (
            f'{{"primary": "#{_chars(r, HEX, 6)}", "accent": "#{_chars(r, HEX, 6)}"}}\n'
        ),
        "line_numbers_stacktrace": lambda r: (
            f"  at com.shop.orders.OrderService.place(OrderService.java:{r.randint(10, 500)})\n"
            f"  at com.shop.web.OrderController.create(OrderController.java:{r.randint(10, 300)})\n"
        ),
        "secret_word_in_code": lambda r: (
            'class SecretRotationJob:\n    """Rotates secrets before they expire."""\n'
        ),
        "token_count_prose": lambda r: (
            f"The prompt used {r.randint(100, 9000)} tokens and the completion "
            f"{r.randint(10, 900)} tokens.\n"
        ),
        "key_value_config_nonsecret": lambda r: (
            f'cache_key_prefix = "orders:v{r.randint(1, 9)}"\nkey_size = 2048\n'
        ),
    }


def _negative(rng: random.Random, size: int) -> list[Case]:
    forms = _negatives()
    names = sorted(forms)
    rng.shuffle(names)
    return [
        Case(names[i % len(names)], "negative", forms[names[i % len(names)]](rng), harmless=True)
        for i in range(size)
    ]


# --- PII ---------------------------------------------------------------------------------

_PEOPLE = (
    "Aiko Tanaka", "Oluwaseun Adeyemi", "Mateus Carvalho", "Priya Raghunathan", "Søren Kjær",
    "Zofia Wiśniewska", "Karim Haddad", "Ingrid Johansson", "Siobhán O'Brien", "Mei-Ling Chen",
    "Dmitri Volkov", "Amara Okafor", "Lucía Fernández", "Hiroshi Nakamura", "Fatima Benali",
    "Rafael Mendoza", "Annika Bergström", "Kwame Mensah", "Elif Öztürk", "Jonas Schneider",
    "Chloé Martin", "Ravi Iyer", "Margaret Thompson", "Piotr Kowalski", "Giulia Rossi",
    "Sean Murphy", "Thi Lan Nguyen", "Daniel Cohen", "Yusuf Demir", "Camille Laurent",
    "Anders Nilsson", "Ngozi Eze", "Javier Morales", "Hannah Weber", "Wei Zhang",
)  # fmt: skip
_DOMAINS = ("gmail.com", "outlook.com", "northwind-logistics.com", "web.de", "yahoo.co.jp",
            "proton.me", "shop-acme.co.uk", "uni-example.edu")  # fmt: skip

_PHONE_PLANS = (  # region, national-number shape, leading part
    ("US", ("212", "415", "312", "617", "206", "303", "512", "404"), 7),
    ("GB", ("74", "75", "77", "78", "79"), 8),
    ("DE", ("151", "160", "170", "176"), 8),
    ("FR", ("6", "7"), 8),
    ("IN", ("98", "99", "97"), 8),
    ("BR", ("119", "219"), 8),
    ("AU", ("4",), 8),
    ("ES", ("6",), 8),
    ("JP", ("90", "80"), 8),
)


def _phone(rng: random.Random) -> str:
    region, leads, rest = rng.choice(_PHONE_PLANS)
    while True:
        number = rng.choice(leads) + rng.choice("23456789") + _chars(rng, DIGITS, rest - 1)
        parsed = phonenumbers.parse(number, region)
        if phonenumbers.is_valid_number(parsed):
            break
    style = rng.choice(
        (phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.NATIONAL)
        if region == "US"
        else (phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164)
    )
    return phonenumbers.format_number(parsed, style)


def _luhn_complete(partial: str) -> str:
    total = 0
    for index, char in enumerate(reversed(partial)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return partial + str((10 - total % 10) % 10)


def _card(rng: random.Random) -> str:
    prefix, length = rng.choice(
        (("4", 16), ("5" + rng.choice("12345"), 16), (str(rng.randint(2221, 2720)), 16),
         ("3" + rng.choice("47"), 15), ("6011", 16), (str(rng.randint(3528, 3589)), 16))
    )  # fmt: skip
    number = _luhn_complete(prefix + _chars(rng, DIGITS, length - len(prefix) - 1))
    if length == 15:
        return f"{number[:4]} {number[4:10]} {number[10:]}" if rng.random() < 0.5 else number
    sep = rng.choice(("", " ", "-"))
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


def _person(rng: random.Random) -> str:
    return rng.choice(_PEOPLE)


_ASCII_LOCAL = str.maketrans("øóéíáśæöü", "ooeiasaou", "-'")


def _email(rng: random.Random) -> str:
    given, _, family = rng.choice(_PEOPLE).lower().translate(_ASCII_LOCAL).rpartition(" ")
    given = given.replace(" ", "")
    local = rng.choice((f"{given}.{family}", f"{given[0]}{family}", f"{given}{rng.randint(7, 99)}"))
    return f"{local}@{rng.choice(_DOMAINS)}"


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.25:
        return _ipv6(rng)
    first = rng.choice((23, 45, 62, 81, 91, 104, 142, 151, 185, 203))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


# family -> (entity type, value, chat templates with {v})
PII: dict[str, tuple[str, Token, tuple[str, ...]]] = {
    "person": (
        "PERSON",
        _person,
        (
            "Can you draft a polite reply to {v} about the delayed invoice?",
            "Meeting notes: {v} will own the migration plan and report back on Friday.",
            "Please translate this for {v}: the contract renewal is due next month.",
            "Write a short LinkedIn recommendation for my former colleague {v}.",
            "Hallo, bitte fasse das Gespräch mit {v} von gestern kurz zusammen.",
            "Thanks for the quick turnaround!\n\nBest regards,\n{v}\nSenior Data Engineer",
            '{"ticket": 4821, "assignee": "{v}", "priority": "high"}',
        ),
    ),
    "email": (
        "EMAIL_ADDRESS",
        _email,
        (
            "Send the summary to {v} when you are done.",
            "From: {v}\nSubject: quarterly numbers\n\nSee attached.",
            "my login email is {v}, why can't I reset it?",
            "Pouvez-vous répondre à {v} avant midi ?",
            "| owner | contact |\n|---|---|\n| billing | {v} |",
            '{"contact": "{v}", "newsletter": false}',
        ),
    ),
    "phone": (
        "PHONE_NUMBER",
        _phone,
        (
            "You can reach the on-call engineer at {v} tonight.",
            "Customer called from {v} asking about the refund.",
            "Mi número es {v}, llámame después de las cinco.",
            "Rückruf bitte unter {v}.",
            "Emergency contact: {v}",
            '{"customer_id": 88412, "phone": "{v}"}',
            "Tel.: {v}\nBüro 3. Stock",
        ),
    ),
    "credit_card": (
        "CREDIT_CARD",
        _card,
        (
            "The customer paid with card {v} but the charge failed, why?",
            "Card number: {v}\nExpiry: 09/28",
            "why does our validator reject {v} as invalid?",
            '{"card_number": "{v}", "exp": "11/27"}',
        ),
    ),
    "us_ssn": (
        "US_SSN",
        us_ssn,
        (
            "Applicant SSN: {v} - please verify before onboarding.",
            "The W-2 form shows social security number {v}.",
            "my ssn is {v}, is it safe to put it on this form?",
            "ssn,plan\n{v},gold",
        ),
    ),
    "iban": (
        "IBAN_CODE",
        iban,
        (
            "Please wire the deposit to IBAN {v} by Monday.",
            "Bankverbindung: {v}",
            "Can you check if {v} is a valid account number?",
            '{"payout": {"iban": "{v}", "currency": "EUR"}}',
        ),
    ),
    "ip_address": (
        "IP_ADDRESS",
        _ip,
        (
            "Our server at {v} stopped responding after the update.",
            "Failed password for invalid user from {v} port 52211 ssh2",
            "Whitelist {v} in the firewall please.",
            "X-Forwarded-For: {v}\nUser-Agent: curl/8.5.0",
            "$ ping -c 3 {v}\nRequest timeout for icmp_seq 0",
        ),
    ),
}


def _pii(rng: random.Random, size: int) -> list[Case]:
    families = list(PII)
    cases, seen = [], set()
    for index in range(size):
        family = families[index % len(families)]
        entity, build, templates = PII[family]
        value = build(rng)
        while value in seen:
            value = build(rng)
        seen.add(value)
        before, after = rng.choice(templates).split("{v}")
        cases.append(Case(family, "pii", *_join([(before, None), (value, entity), (after, None)])))
    return cases


# look-alikes: no person, place, email, phone, card, SSN, IBAN or IP in any of them
PII_NEGATIVES: dict[str, Negative] = {
    "order_number": lambda r: (
        f"Order ORD-{r.randint(2020, 2026)}-{_chars(r, DIGITS, 6)} was shipped; status: in transit."
    ),
    "ticket_number": lambda r: (
        f"JIRA ticket PLAT-{r.randint(100, 9999)} is blocked by PLAT-{r.randint(100, 9999)}."
    ),
    "invoice_number": lambda r: (
        f"Invoice INV/{r.randint(2024, 2026)}/{_chars(r, DIGITS, 5)} is overdue by "
        f"{r.randint(2, 40)} days."
    ),
    "version_strings": lambda r: (
        f"Upgraded from v{_semver(r)} to v{_semver(r)}; build {r.randint(1000, 9999)}."
    ),
    "timestamps": lambda r: (
        f"Job started 2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d} "
        f"{r.randint(10, 23)}:{r.randint(10, 59)}:{r.randint(10, 59)} and ended after "
        f"{r.randint(2, 59)} minutes."
    ),
    "unix_epoch": lambda r: f"expires_at={r.randint(1_700_000_000, 1_799_999_999)} (unix seconds)",
    "sku": lambda r: (
        f"SKU {_chars(r, UPPER, 3)}-{_chars(r, DIGITS, 4)}-{_chars(r, UPPER, 2)} is out of stock."
    ),
    "isbn": lambda r: (
        "ISBN "
        f"978-{r.randint(0, 1)}-{_chars(r, DIGITS, 3)}-{_chars(r, DIGITS, 5)}-{r.randint(0, 9)}"
    ),
    "ups_tracking": lambda r: (
        f"Tracking number: 1Z{_chars(r, UPPER_DIGITS, 6)}{_chars(r, DIGITS, 10)}"
    ),
    "math": lambda r: (
        f"If x = {r.randint(2, 99)} and y = {r.randint(2, 99)}, then x * y + {r.randint(1, 9)} = ?"
    ),
    "matrix": lambda r: (
        f"det([[{r.randint(1, 9)}, {r.randint(1, 9)}], [{r.randint(1, 9)}, {r.randint(1, 9)}]])"
    ),
    "python_code": lambda r: (
        f"for i in range({r.randint(2, 500)}):\n    total += values[i] * {r.randint(2, 9)}"
    ),
    "sql_code": lambda r: (
        "SELECT status, COUNT(*) FROM orders WHERE created_at > now() - interval "  # noqa: S608
        f"'{r.randint(2, 30)} days' GROUP BY 1;"
    ),
    "headings": lambda r: (
        f"## {r.choice(_HEADING_TIMES)} {r.choice(_HEADING_TOPICS)}\n\n"
        f"{r.choice(('Summary', 'Action Items', 'Open Questions', 'Next Steps'))}: "
        f"{r.randint(2, 9)} items"
    ),
    "product_names": lambda r: (
        f"Is the {r.choice(_BRANDS)} {r.choice(_PRODUCTS)} compatible with the "
        f"{r.choice(_BRANDS)} {r.choice(_PRODUCTS)} on the {r.choice(('Pro', 'Team', 'Max'))} plan?"
    ),
    "git_log_line": lambda r: (
        f"{_chars(r, HEX, 7)} Fix pagination in CSV export (#{r.randint(100, 2999)})\n"
        f"{_chars(r, HEX, 7)} Bump eslint from 8.{r.randint(10, 57)}.0 to 9.{r.randint(0, 9)}.0"
    ),
    "serial_number": lambda r: (
        "S/N: "
        f"{_chars(r, UPPER, 2)}{r.randint(1, 9)}-{_chars(r, DIGITS, 4)}-{_chars(r, UPPER, 1)}, "
        f"firmware {_semver(r)}"
    ),
    "request_log": lambda r: (
        f"GET /api/v2/orders?page={r.randint(1, 40)}&per_page=50 {r.choice((200, 304))} "
        f"{r.randint(20, 1999)}ms"
    ),
    "open_ports": lambda r: f"Open ports: 22, 80, 443, {r.choice((8080, 8443, 9090))}",
    "sprint_dates": lambda r: _sprint(r.randint(10, 90), r.randint(1, 9), r.randint(1, 9)),
    "k8s_resources": lambda r: (
        f"resources:\n  requests:\n    cpu: {r.randint(1, 9)}00m\n"
        f"    memory: {r.choice((256, 512, 1024))}Mi"
    ),
    "hardware_readings": lambda r: (
        f"CPU at {r.randint(40, 95)} °C, fan {r.randint(900, 3000)} rpm, load "
        f"{r.randint(1, 9)}.{r.randint(10, 99)}"
    ),
    "page_references": lambda r: (
        f"See section {r.randint(1, 9)}.{r.randint(1, 9)}.{r.randint(1, 9)}, pages "
        f"{r.randint(10, 200)}-{r.randint(201, 400)}."
    ),
    "spreadsheet_formula": lambda r: (
        f'=SUMIF(B2:B{r.randint(50, 999)}, ">{r.randint(10, 500)}", C2:C{r.randint(50, 999)})'
    ),
    "metrics_table": lambda r: (
        f"| metric | p50 | p95 |\n|---|---|---|\n| latency ms | {r.randint(20, 200)} | "
        f"{r.randint(201, 900)} |\n"
        f"| errors % | 0.{r.randint(1, 9)} | {r.randint(1, 5)}.{r.randint(0, 9)} |"
    ),
    "retry_log": lambda r: (
        f"WARN retry {r.randint(1, 4)}/5 after {r.choice((250, 500, 1000))}ms backoff "
        f"(attempt id {r.randint(1000, 9999)})"
    ),
    "recipe": lambda r: (
        f"Mix {r.randint(200, 500)} g flour with {r.randint(2, 4)} eggs and bake at "
        f"{r.choice((160, 180, 200))} °C for {r.randint(20, 45)} minutes."
    ),
    "latex": lambda r: (
        f"\\frac{{{r.randint(2, 9)}x}}{{y + {r.randint(1, 9)}}} + \\sqrt{{x^2 + {r.randint(1, 9)}}}"
    ),
    "shortcut_help": lambda r: (
        f"Press {r.choice(('Ctrl', 'Cmd'))}+Shift+P and choose Reload Window, then wait "
        f"{r.randint(2, 9)} seconds."
    ),
    "german_status": lambda r: (
        f"Der Build {r.randint(1000, 9999)} ist fehlgeschlagen, bitte die Tests erneut ausführen."
    ),
    "french_release": lambda r: (
        f"Le déploiement de la version {_semver(r)} est prévu pour jeudi à {r.randint(9, 17)} h."
    ),
    "spanish_invoice": lambda r: (
        f"La factura número {r.randint(100, 999)} vence en {r.choice((15, 30, 60))} días."
    ),
    "http_status": lambda r: (
        f"The endpoint returned HTTP {r.choice((400, 404, 429, 500, 503))} after "
        f"{r.randint(100, 2999)} ms."
    ),
    "percentages": lambda r: (
        f"Conversion rose {r.randint(1, 40)}.{r.randint(0, 9)}% while churn fell "
        f"{r.randint(1, 9)}.{r.randint(0, 9)}%."
    ),
    "money": lambda r: (
        f"Total: {r.randint(10, 9999)}.{r.randint(10, 99)} EUR incl. {r.randint(5, 25)}% VAT"
    ),
    "dimensions": lambda r: (
        f"Box size {r.randint(10, 90)} x {r.randint(10, 90)} x {r.randint(5, 60)} cm, weight "
        f"{r.randint(1, 30)}.{r.randint(0, 9)} kg"
    ),
    "hex_dump": lambda r: " ".join(_chars(r, HEX, 2) for _ in range(16)),
    "semver_range": lambda r: f"Requires node >= {r.randint(14, 22)}.0.0 < {r.randint(23, 26)}.0.0",
    "bug_report": lambda r: (
        f"Steps: open settings, click Export, wait {r.randint(2, 30)} seconds; expected a CSV, got "
        "an empty file."
    ),
    "build_id": lambda r: (
        f"Pipeline #{r.randint(10000, 99999)} (build {r.randint(100, 999)}.{r.randint(0, 99)}) "
        "passed all checks."
    ),
    "chess": lambda r: (
        f"After {r.randint(5, 40)}. Nf3 Nc6 the engine evaluates +0.{r.randint(1, 9)}."
    ),
    "room_codes": lambda r: (
        f"The review is in room B{r.randint(1, 4)}.{r.randint(10, 99)} on floor {r.randint(1, 9)}."
    ),
    "scores": lambda r: (
        f"Final score {r.randint(0, 9)}:{r.randint(0, 9)}, attendance {r.randint(1000, 9999)}."
    ),
    "config_numbers": lambda r: (
        f"max_connections = {r.randint(50, 500)}\nwork_mem = {r.randint(4, 64)}MB\n"
        f"shared_buffers = {r.randint(1, 16)}GB"
    ),
}


def _sprint(number: int, month: int, day: int) -> str:
    start, end = f"2026-{month:02d}-{day:02d}", f"2026-{month:02d}-{day + 13:02d}"
    return f"Sprint {number} runs {start} to {end}; capacity {number % 40 + 20} points."


_HEADING_TIMES = ("Quarterly", "Weekly", "Annual", "Sprint", "Monthly")
_HEADING_TOPICS = (
    "Roadmap Review", "Release Notes", "Planning Notes", "Metrics Summary",
    "Incident Postmortem", "Onboarding Checklist", "Retention Policy Update",
)  # fmt: skip
_BRANDS = ("Orbit", "Nimbus", "Lumen", "Quartz", "Vertex", "Cobalt", "Pixel")
_PRODUCTS = ("Analytics", "Sync Agent", "Edge Gateway", "Dashboard", "Studio", "Backup Suite")

_DOTTED_QUAD = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
_DIGIT_RUN = re.compile(r"\d[\d -]{11,22}\d")


def _holds_pii_shape(text: str) -> bool:
    """True when a look-alike would truly hold an IP, a Luhn-valid number or a US phone.

    Other regions' plans accept almost any digit group (an order number reads as a valid
    German number), so only what is unambiguously a number of a strict plan is avoided; the
    rest is exactly the look-alike a detector must read in context.
    """
    for quad in _DOTTED_QUAD.findall(text):
        if all(int(part) <= 255 for part in quad.split(".")):
            return True
    for run in _DIGIT_RUN.findall(text):
        digits = re.sub(r"\D", "", run)
        if 13 <= len(digits) <= 19 and _luhn_complete(digits[:-1]) == digits:
            return True
    return any(
        True for _ in phonenumbers.PhoneNumberMatcher(text, "US", phonenumbers.Leniency.VALID)
    )


def _pii_negative(rng: random.Random, size: int) -> list[Case]:
    names = sorted(PII_NEGATIVES)
    rng.shuffle(names)
    cases = []
    for index in range(size):
        family = names[index % len(names)]
        text = PII_NEGATIVES[family](rng)
        while _holds_pii_shape(text):
            text = PII_NEGATIVES[family](rng)
        cases.append(Case(family, "pii_negative", text, harmless=True))
    return cases


def round4_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """All cases of round 4, in a fixed order; the same seed gives the same cases."""
    rng = random.Random(seed)
    return [
        *_literal(rng, SIZES["literal"]),
        *_generated(rng, SIZES["generated"]),
        *_negative(rng, SIZES["negative"]),
        *_pii(rng, SIZES["pii"]),
        *_pii_negative(rng, SIZES["pii_negative"]),
    ]
