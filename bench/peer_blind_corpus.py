"""A blind round of the peer evaluation, written without the detector in view.

The round was written by an engineer who did not read the detector, its tests or the first
peer set beyond its case types, and it was frozen (committed) before the detector ever ran on
it, so its figures say how the detector does on cases nobody tuned it for. Like the first set
it follows the families, formats and must-not-fire cases documented by gitleaks' rules,
detect-secrets' plugin tests, trufflehog's detector tests and Presidio's analyzer tests,
without copying their literals: every key-shaped value is built here at run time from a
vendor's documented shape (prefix, alphabet, length, fixed base64 header), so the repository
holds no credential literal.

Each case belongs to half ``"a"`` or ``"b"`` by a hash of its family, kind and text
(``blind_half``). Half ``a`` may later be used to tune the detector; half ``b`` stays held out
and is the honest figure. Changing a case after the detector has run on it spoils the round.

``blind_cases(seed)`` is deterministic.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from collections.abc import Callable

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
    Span,
    Token,
    _b64,
    _b64url,
    _join,
    _uuid,
)
from bench.quality_corpus import _chars, credit_card, email, iban, phone, us_ssn

Context = Callable[[random.Random, str, str], Segments]

URL_PASSWORD = ALNUM + "-_.~!*"
PASSWORD = ALNUM + "!#%^&*-_=+?."
WORDS = ("summer", "falcon", "orchid", "granite", "harbor", "velvet", "copper", "meadow")


def _bytes(rng: random.Random, size: int) -> bytes:
    return bytes(rng.randrange(256) for _ in range(size))


def _password(rng: random.Random, alphabet: str = PASSWORD) -> str:
    """A random password, or a human one (word, digits, symbol): both plausibly live."""
    if rng.random() < 0.3:
        word, symbol = rng.choice(WORDS).capitalize(), rng.choice(alphabet[len(ALNUM) :])
        return f"{word}{rng.randint(1000, 9999)}{symbol}{rng.choice(WORDS)}"
    body = _chars(rng, alphabet, rng.randint(13, 22))
    return rng.choice(UPPER) + body + rng.choice(DIGITS)


def _user(rng: random.Random) -> str:
    return rng.choice(("deploy", "svc_etl", "admin", "ci-bot", "jenkins", "app", "reporting"))


def _host(rng: random.Random) -> str:
    return rng.choice(
        (
            "db-prod-3.internal",
            "orders.cluster-c8x.eu-west-1.rds.amazonaws.com",
            "pg.acme-corp.net",
            "10.12.4.21",
            "mongo0.shard.example-co.io",
        )
    )


# -- vendor token shapes (prefix + alphabet + length, as the rules document them) ----------


def _aws_key_id(prefix: str) -> Token:
    return lambda rng: prefix + _chars(rng, BASE32, 16)


def _aws_secret(rng: random.Random) -> str:
    return _chars(rng, B64, 40)


def _prefixed(prefix: str, alphabet: str, length: int, suffix: str = "") -> Token:
    return lambda rng: prefix + _chars(rng, alphabet, length) + suffix


def _openai(kind: str) -> Token:
    marker = _b64(b"OpenAI")

    def build(rng: random.Random) -> str:
        if kind == "legacy":
            return f"sk-{_chars(rng, ALNUM, 20)}{marker}{_chars(rng, ALNUM, 20)}"
        length = rng.choice((58, 74))
        return f"sk-{kind}-{_chars(rng, URLSAFE, length)}{marker}{_chars(rng, URLSAFE, length)}"

    return build


def _anthropic(kind: str) -> Token:
    return lambda rng: f"sk-ant-{kind}-{_chars(rng, URLSAFE, 93)}AA"


def _bedrock(rng: random.Random) -> str:
    header = _b64(b"BedrockAPIKey-")[:18]
    return "ABSK" + header + _chars(rng, ALNUM, rng.choice((108, 140, 246))) + "="


def _pypi(rng: random.Random) -> str:
    header = _b64(b"\x02\x01\x08pypi.org")
    return "pypi-" + header[:15] + _chars(rng, URLSAFE, rng.randint(80, 180))


def _github_fine_grained(rng: random.Random) -> str:
    return f"github_pat_11{_chars(rng, UPPER + DIGITS, 20)}_{_chars(rng, ALNUM, 59)}"


def _gitlab_routable(prefix: str) -> Token:
    def build(rng: random.Random) -> str:
        body = _chars(rng, URLSAFE, rng.randint(27, 40))
        return f"{prefix}{body}.{_chars(rng, LOWER + DIGITS, 2)}{_chars(rng, LOWER + DIGITS, 7)}"

    return build


def _slack_bot(rng: random.Random) -> str:
    first, second = rng.randint(10, 13), rng.randint(10, 13)
    return (
        f"xoxb-{_chars(rng, DIGITS, first)}-{_chars(rng, DIGITS, second)}-{_chars(rng, ALNUM, 24)}"
    )


def _slack_user(rng: random.Random) -> str:
    ids = "-".join(_chars(rng, DIGITS, rng.randint(10, 13)) for _ in range(3))
    return f"xoxp-{ids}-{_chars(rng, HEX, 32)}"


def _slack_app(rng: random.Random) -> str:
    return (
        f"xapp-1-A{_chars(rng, UPPER + DIGITS, 10)}-{_chars(rng, DIGITS, 13)}-"
        f"{_chars(rng, HEX, 64)}"
    )


def _slack_config_access(rng: random.Random) -> str:
    return f"xoxe.xox{rng.choice('bp')}-1-{_chars(rng, ALNUM, rng.randint(163, 166))}"


def _slack_config_refresh(rng: random.Random) -> str:
    return f"xoxe-1-{_chars(rng, ALNUM, 146)}"


def _slack_legacy(rng: random.Random) -> str:
    kind = rng.choice(("xoxa-2", "xoxr", "xoxs", "xoxo"))
    if kind in ("xoxs", "xoxo"):
        ids = "-".join(_chars(rng, DIGITS, rng.randint(10, 12)) for _ in range(3))
        return f"{kind}-{ids}-{_chars(rng, HEX, 64)}"
    return f"{kind}-{_chars(rng, ALNUM, rng.randint(30, 48))}"


def _slack_webhook(rng: random.Random) -> str:
    kind = rng.choice(("services", "services", "workflows", "triggers"))
    if kind == "services":
        path = f"T{_chars(rng, UPPER + DIGITS, 10)}/B{_chars(rng, UPPER + DIGITS, 10)}/"
        return f"https://hooks.slack.com/services/{path}{_chars(rng, ALNUM, 24)}"
    path = f"T{_chars(rng, UPPER + DIGITS, 10)}/A{_chars(rng, UPPER + DIGITS, 10)}/"
    return (
        f"https://hooks.slack.com/{kind}/{path}{_chars(rng, DIGITS, 18)}/{_chars(rng, ALNUM, 32)}"
    )


def _discord_bot(rng: random.Random) -> str:
    return (
        f"{rng.choice('MNO')}{_chars(rng, ALNUM, 25)}.{_chars(rng, URLSAFE, 6)}."
        f"{_chars(rng, URLSAFE, 38)}"
    )


def _discord_webhook(rng: random.Random) -> str:
    return f"https://discord.com/api/webhooks/{_chars(rng, DIGITS, 19)}/{_chars(rng, URLSAFE, 68)}"


def _sendgrid(rng: random.Random) -> str:
    return f"SG.{_chars(rng, URLSAFE, 22)}.{_chars(rng, URLSAFE, 43)}"


def _telegram(rng: random.Random) -> str:
    return f"{rng.randint(10**8, 10**10 - 1)}:AA{_chars(rng, URLSAFE, 33)}"


def _azure_ad_secret(rng: random.Random) -> str:
    return f"{_chars(rng, ALNUM + '_~.', 3)}{rng.randint(7, 8)}Q~{_chars(rng, ALNUM + '_~.-', 34)}"


def _azure_storage(rng: random.Random) -> str:
    return _b64(_bytes(rng, 64))


def _azure_devops(rng: random.Random) -> str:
    return _chars(rng, LOWER + "234567", 52)


def _mailchimp(rng: random.Random) -> str:
    return f"{_chars(rng, HEX, 32)}-us{rng.randint(2, 21)}"


def _postman(rng: random.Random) -> str:
    return f"PMAK-{_chars(rng, HEX, 24)}-{_chars(rng, HEX, 34)}"


def _grafana_sa(rng: random.Random) -> str:
    return f"glsa_{_chars(rng, ALNUM, 32)}_{_chars(rng, HEX, 8)}"


def _dynatrace(rng: random.Random) -> str:
    return f"dt0c01.{_chars(rng, UPPER + DIGITS, 24)}.{_chars(rng, UPPER + DIGITS, 64)}"


def _terraform(rng: random.Random) -> str:
    return f"{_chars(rng, ALNUM, 14)}.atlasv1.{_chars(rng, ALNUM, 67)}"


def _sendinblue(rng: random.Random) -> str:
    return f"xkeysib-{_chars(rng, HEX, 64)}-{_chars(rng, ALNUM, 16)}"


def _one_password(rng: random.Random) -> str:
    claims = json.dumps({"signInAddress": "acme.1password.com", "userAuth": _chars(rng, ALNUM, 40)})
    return "ops_" + _b64(claims.encode() + _bytes(rng, 180)).rstrip("=")


def _age(rng: random.Random) -> str:
    return "AGE-SECRET-KEY-1" + _chars(rng, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)


def _langsmith(rng: random.Random) -> str:
    return f"lsv2_{rng.choice(('pt', 'sk'))}_{_chars(rng, HEX, 32)}_{_chars(rng, HEX, 10)}"


def _firebase_fcm(rng: random.Random) -> str:
    return f"AAAA{_chars(rng, URLSAFE, 7)}:APA91b{_chars(rng, URLSAFE, 134)}"


def _google_oauth_token(rng: random.Random) -> str:
    return f"ya29.a0{_chars(rng, URLSAFE, rng.randint(120, 160))}"


def _facebook(rng: random.Random) -> str:
    return f"EAA{rng.choice('CM')}{_chars(rng, ALNUM, rng.randint(120, 180))}"


def _notion(rng: random.Random) -> str:
    return f"ntn_{_chars(rng, DIGITS, 11)}{_chars(rng, ALNUM, 35)}"


def _twitter_bearer(rng: random.Random) -> str:
    return "A" * 22 + _chars(rng, ALNUM, 30) + "%3D" + _chars(rng, ALNUM, 50)


# family, the variable name people give it, the token shape, whether the shape needs the name
VENDORS: tuple[tuple[str, str, Token, bool], ...] = (
    ("aws_access_key_id_akia", "AWS_ACCESS_KEY_ID", _aws_key_id("AKIA"), False),
    ("aws_access_key_id_asia", "AWS_ACCESS_KEY_ID", _aws_key_id("ASIA"), False),
    ("aws_access_key_id_abia", "AWS_ACCESS_KEY_ID", _aws_key_id("ABIA"), False),
    ("aws_access_key_id_acca", "AWS_ACCESS_KEY_ID", _aws_key_id("ACCA"), False),
    ("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", _aws_secret, True),
    ("aws_bedrock_api_key", "AWS_BEARER_TOKEN_BEDROCK", _bedrock, False),
    ("gcp_api_key", "GOOGLE_API_KEY", _prefixed("AIza", URLSAFE, 35), False),
    (
        "google_oauth_client_secret",
        "GOOGLE_CLIENT_SECRET",
        _prefixed("GOCSPX-", URLSAFE, 28),
        False,
    ),
    ("google_oauth_access_token", "GOOGLE_ACCESS_TOKEN", _google_oauth_token, False),
    ("firebase_fcm_server_key", "FCM_SERVER_KEY", _firebase_fcm, False),
    ("azure_ad_client_secret", "AZURE_CLIENT_SECRET", _azure_ad_secret, False),
    ("azure_storage_account_key", "AZURE_STORAGE_KEY", _azure_storage, True),
    ("azure_devops_pat", "AZURE_DEVOPS_PAT", _azure_devops, True),
    ("github_pat_classic", "GITHUB_TOKEN", _prefixed("ghp_", ALNUM, 36), False),
    ("github_oauth", "GH_OAUTH_TOKEN", _prefixed("gho_", ALNUM, 36), False),
    ("github_app_server", "GITHUB_APP_TOKEN", _prefixed("ghs_", ALNUM, 36), False),
    ("github_app_user", "GITHUB_USER_TOKEN", _prefixed("ghu_", ALNUM, 36), False),
    ("github_refresh", "GITHUB_REFRESH_TOKEN", _prefixed("ghr_", ALNUM, 36), False),
    ("github_fine_grained_pat", "GH_TOKEN", _github_fine_grained, False),
    ("gitlab_pat", "GITLAB_TOKEN", _prefixed("glpat-", URLSAFE, 20), False),
    ("gitlab_pat_routable", "GITLAB_TOKEN", _gitlab_routable("glpat-"), False),
    ("gitlab_runner_token", "RUNNER_TOKEN", _prefixed("glrt-", URLSAFE, 20), False),
    ("gitlab_runner_routable", "CI_RUNNER_TOKEN", _gitlab_routable("glrt-t1_"), False),
    (
        "gitlab_runner_registration",
        "REGISTRATION_TOKEN",
        _prefixed("GR1348941", URLSAFE, 20),
        False,
    ),
    ("gitlab_agent_token", "GITLAB_AGENT_TOKEN", _prefixed("glagent-", URLSAFE, 50), False),
    ("gitlab_deploy_token", "CI_DEPLOY_PASSWORD", _prefixed("gldt-", URLSAFE, 20), False),
    ("gitlab_cicd_job_token", "CI_JOB_TOKEN", _prefixed("glcbt-1a_", URLSAFE, 20), False),
    ("gitlab_pipeline_trigger", "TRIGGER_TOKEN", _prefixed("glptt-", HEX, 40), False),
    ("gitlab_oauth_app_secret", "GITLAB_OAUTH_SECRET", _prefixed("gloas-", URLSAFE, 64), False),
    ("slack_bot_token", "SLACK_BOT_TOKEN", _slack_bot, False),
    ("slack_user_token", "SLACK_USER_TOKEN", _slack_user, False),
    ("slack_app_token", "SLACK_APP_TOKEN", _slack_app, False),
    ("slack_config_access_token", "SLACK_CONFIG_TOKEN", _slack_config_access, False),
    ("slack_config_refresh_token", "SLACK_REFRESH_TOKEN", _slack_config_refresh, False),
    ("slack_legacy_token", "SLACK_TOKEN", _slack_legacy, False),
    ("slack_webhook", "SLACK_WEBHOOK_URL", _slack_webhook, False),
    ("stripe_secret_key", "STRIPE_SECRET_KEY", _prefixed("sk_live_", ALNUM, 99), False),
    ("stripe_restricted_key", "STRIPE_API_KEY", _prefixed("rk_live_", ALNUM, 99), False),
    ("stripe_test_secret_key", "STRIPE_SECRET_KEY", _prefixed("sk_test_", ALNUM, 99), False),
    ("stripe_webhook_secret", "STRIPE_WEBHOOK_SECRET", _prefixed("whsec_", ALNUM, 32), False),
    ("twilio_api_key", "TWILIO_API_KEY", _prefixed("SK", HEX, 32), False),
    ("twilio_auth_token", "TWILIO_AUTH_TOKEN", _prefixed("", HEX, 32), True),
    ("sendgrid_api_key", "SENDGRID_API_KEY", _sendgrid, False),
    ("sendinblue_api_key", "BREVO_API_KEY", _sendinblue, False),
    ("mailgun_api_key", "MAILGUN_API_KEY", _prefixed("key-", HEX, 32), False),
    ("mailchimp_api_key", "MAILCHIMP_API_KEY", _mailchimp, False),
    ("npm_access_token", "NPM_TOKEN", _prefixed("npm_", ALNUM, 36), False),
    ("pypi_upload_token", "TWINE_PASSWORD", _pypi, False),
    ("rubygems_api_key", "GEM_HOST_API_KEY", _prefixed("rubygems_", HEX, 48), False),
    ("nuget_api_key", "NUGET_API_KEY", _prefixed("oy2", LOWER + DIGITS, 43), False),
    ("dockerhub_pat", "DOCKERHUB_TOKEN", _prefixed("dckr_pat_", URLSAFE, 27), False),
    ("huggingface_token", "HF_TOKEN", _prefixed("hf_", UPPER + LOWER, 34), False),
    (
        "huggingface_org_token",
        "HUGGINGFACE_ORG_TOKEN",
        _prefixed("api_org_", UPPER + LOWER, 34),
        False,
    ),
    ("openai_project_key", "OPENAI_API_KEY", _openai("proj"), False),
    ("openai_service_account_key", "OPENAI_API_KEY", _openai("svcacct"), False),
    ("openai_admin_key", "OPENAI_ADMIN_KEY", _openai("admin"), False),
    ("openai_legacy_key", "OPENAI_API_KEY", _openai("legacy"), False),
    ("anthropic_api_key", "ANTHROPIC_API_KEY", _anthropic("api03"), False),
    ("anthropic_admin_key", "ANTHROPIC_ADMIN_KEY", _anthropic("admin01"), False),
    ("xai_api_key", "XAI_API_KEY", _prefixed("xai-", ALNUM, 80), False),
    ("perplexity_api_key", "PERPLEXITY_API_KEY", _prefixed("pplx-", ALNUM, 48), False),
    ("groq_api_key", "GROQ_API_KEY", _prefixed("gsk_", ALNUM, 52), False),
    ("openrouter_api_key", "OPENROUTER_API_KEY", _prefixed("sk-or-v1-", HEX, 64), False),
    ("replicate_api_token", "REPLICATE_API_TOKEN", _prefixed("r8_", ALNUM, 37), False),
    ("langsmith_api_key", "LANGSMITH_API_KEY", _langsmith, False),
    ("mistral_api_key", "MISTRAL_API_KEY", _prefixed("", ALNUM, 32), True),
    ("cohere_api_key", "COHERE_API_KEY", _prefixed("", ALNUM, 40), True),
    ("discord_bot_token", "DISCORD_BOT_TOKEN", _discord_bot, False),
    ("discord_webhook", "DISCORD_WEBHOOK_URL", _discord_webhook, False),
    ("telegram_bot_token", "TELEGRAM_BOT_TOKEN", _telegram, False),
    ("shopify_access_token", "SHOPIFY_ACCESS_TOKEN", _prefixed("shpat_", HEX, 32), False),
    ("shopify_shared_secret", "SHOPIFY_API_SECRET", _prefixed("shpss_", HEX, 32), False),
    ("shopify_custom_app_token", "SHOPIFY_TOKEN", _prefixed("shpca_", HEX, 32), False),
    ("databricks_token", "DATABRICKS_TOKEN", _prefixed("dapi", HEX, 32), False),
    ("datadog_api_key", "DD_API_KEY", _prefixed("", HEX, 32), True),
    ("datadog_app_key", "DD_APP_KEY", _prefixed("", HEX, 40), True),
    ("heroku_api_key", "HEROKU_API_KEY", _uuid, True),
    ("heroku_api_key_v2", "HEROKU_API_KEY", _prefixed("HRKU-AA", URLSAFE, 58), False),
    ("digitalocean_pat", "DIGITALOCEAN_TOKEN", _prefixed("dop_v1_", HEX, 64), False),
    ("doppler_token", "DOPPLER_TOKEN", _prefixed("dp.pt.", ALNUM, 43), False),
    ("linear_api_key", "LINEAR_API_KEY", _prefixed("lin_api_", ALNUM, 40), False),
    ("notion_token", "NOTION_TOKEN", _notion, False),
    ("postman_api_key", "POSTMAN_API_KEY", _postman, False),
    ("pulumi_access_token", "PULUMI_ACCESS_TOKEN", _prefixed("pul-", HEX, 40), False),
    ("grafana_service_account", "GRAFANA_TOKEN", _grafana_sa, False),
    ("vault_service_token", "VAULT_TOKEN", _prefixed("hvs.", URLSAFE, 95), False),
    ("terraform_cloud_token", "TFE_TOKEN", _terraform, False),
    ("planetscale_password", "DATABASE_PASSWORD", _prefixed("pscale_pw_", URLSAFE, 43), False),
    ("newrelic_user_key", "NEW_RELIC_API_KEY", _prefixed("NRAK-", UPPER + DIGITS, 27), False),
    ("age_secret_key", "SOPS_AGE_KEY", _age, False),
    ("onepassword_service_account", "OP_SERVICE_ACCOUNT_TOKEN", _one_password, False),
    ("dynatrace_token", "DT_API_TOKEN", _dynatrace, False),
    ("flyio_token", "FLY_API_TOKEN", _prefixed("fo1_", URLSAFE, 43), False),
    ("sentry_user_token", "SENTRY_AUTH_TOKEN", _prefixed("sntryu_", HEX, 64), False),
    ("alibaba_access_key_id", "ALIBABA_CLOUD_ACCESS_KEY_ID", _prefixed("LTAI", ALNUM, 20), False),
    ("easypost_api_key", "EASYPOST_API_KEY", _prefixed("EZAK", ALNUM, 54), False),
    ("shippo_api_token", "SHIPPO_TOKEN", _prefixed("shippo_live_", HEX, 40), False),
    ("openshift_token", "OPENSHIFT_TOKEN", _prefixed("sha256~", URLSAFE, 43), False),
    ("square_access_token", "SQUARE_ACCESS_TOKEN", _prefixed("EAAA", URLSAFE, 60), False),
    ("square_oauth_secret", "SQUARE_APP_SECRET", _prefixed("sq0csp-", URLSAFE, 43), False),
    ("clickhouse_cloud_key", "CLICKHOUSE_SECRET", _prefixed("4b1d", ALNUM, 38), False),
    ("prefect_api_key", "PREFECT_API_KEY", _prefixed("pnu_", ALNUM, 36), False),
    ("facebook_access_token", "FB_ACCESS_TOKEN", _facebook, False),
    ("twitter_bearer_token", "TWITTER_BEARER_TOKEN", _twitter_bearer, False),
    ("cloudflare_api_token", "CLOUDFLARE_API_TOKEN", _prefixed("", URLSAFE, 40), True),
    ("snyk_token", "SNYK_TOKEN", _uuid, True),
)


# -- contexts a token is pasted in ---------------------------------------------------------


def _env_file(rng: random.Random, name: str, value: str) -> Segments:
    return [
        (
            f"Here is my .env, the app still fails:\n```\nAPP_ENV=production\nPORT=8080\n{name}=",
            None,
        ),
        (value, SECRET),
        ("\nLOG_LEVEL=info\n```", None),
    ]


def _shell_history(rng: random.Random, name: str, value: str) -> Segments:
    number = rng.randint(200, 990)
    return [
        (f"  {number}  cd ~/src/billing\n  {number + 1}  export {name}='", None),
        (value, SECRET),
        (f"'\n  {number + 2}  python -m billing.sync --dry-run\n", None),
    ]


def _compose(rng: random.Random, name: str, value: str) -> Segments:
    return [
        ("services:\n  worker:\n    image: ghcr.io/acme/worker:1.8.2\n    environment:\n", None),
        (f"      - {name}=", None),
        (value, SECRET),
        ("\n      - TZ=UTC\n", None),
    ]


def _json_config(rng: random.Random, name: str, value: str) -> Segments:
    key = name.lower()
    return [
        (f'{{\n  "service": "ingest",\n  "timeout_s": 30,\n  "{key}": "', None),
        (value, SECRET),
        ('"\n}', None),
    ]


def _python(rng: random.Random, name: str, value: str) -> Segments:
    return [
        (f'import os\n\nos.environ.setdefault("{name}", "', None),
        (value, SECRET),
        ('")\nclient = build_client()\n', None),
    ]


def _javascript(rng: random.Random, name: str, value: str) -> Segments:
    variable = "".join(part.capitalize() for part in name.lower().split("_"))
    return [
        (f"const default{variable} = '", None),
        (value, SECRET),
        ("';\nmodule.exports = {};", None),
    ]


def _curl_bearer(rng: random.Random, name: str, value: str) -> Segments:
    return [
        (
            "curl -sS https://api.service.example/v1/me \\\n  -H 'Accept: application/json' \\\n",
            None,
        ),
        ('  -H "Authorization: Bearer ', None),
        (value, SECRET),
        ('"', None),
    ]


def _prose(rng: random.Random, name: str, value: str) -> Segments:
    opener = rng.choice(
        (
            f"can you check why this {name} gives me 401? ",
            f"my {name} is ",
            f"I pasted the {name} below, is it the right format?\n",
        )
    )
    return [
        (opener, None),
        (value, SECRET),
        (rng.choice((" thanks!", "", "\n\nstill failing")), None),
    ]


def _stack_trace(rng: random.Random, name: str, value: str) -> Segments:
    return [
        (
            "Traceback (most recent call last):\n"
            '  File "/srv/app/sync.py", line 41, in run\n'
            "    resp = session.get(url, timeout=10)\n"
            "requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: "
            "https://api.service.example/v2/export?",
            None,
        ),
        (f"{name.lower()}=", None),
        (value, SECRET),
        ("&page=2", None),
    ]


def _toml(rng: random.Random, name: str, value: str) -> Segments:
    return [
        (f'[credentials]\nregion = "eu-west-1"\n{name.lower()} = "', None),
        (value, SECRET),
        ('"\n', None),
    ]


def _actions(rng: random.Random, name: str, value: str) -> Segments:
    return [
        ("jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n", None),
        (f"      {name}: ", None),
        (value, SECRET),
        ("\n    steps:\n      - run: make deploy\n", None),
    ]


def _docker_run(rng: random.Random, name: str, value: str) -> Segments:
    return [
        (f"docker run --rm -e {name}=", None),
        (value, SECRET),
        (" -p 8000:8000 acme/api:2.3", None),
    ]


CONTEXTS: tuple[Context, ...] = (
    _env_file,
    _shell_history,
    _compose,
    _json_config,
    _python,
    _javascript,
    _curl_bearer,
    _prose,
    _stack_trace,
    _toml,
    _actions,
    _docker_run,
)
# Contexts that carry the variable name, for shapes that only the name makes a credential;
# those shapes get a third case, as their context is what varies.
NAMED_CONTEXTS = tuple(c for c in CONTEXTS if c not in (_curl_bearer,))


def _generated(rng: random.Random) -> list[tuple[str, Segments]]:
    cases = []
    for index, (family, name, token, named) in enumerate(VENDORS):
        contexts = NAMED_CONTEXTS if named else CONTEXTS
        for repeat in range(3 if named else 2):
            context = contexts[(index * 5 + repeat * 7 + rng.randrange(3)) % len(contexts)]
            cases.append((family, context(rng, name, token(rng))))
    return cases


# -- literal credentials, written the ways the suites' positives write them ----------------


def _pem(rng: random.Random, label: str, size: int) -> str:
    if label == "OPENSSH PRIVATE KEY":
        raw = b"openssh-key-v1\x00" + _bytes(rng, size)
    else:
        raw = bytes((0x30, 0x82, size >> 8 & 0xFF, size & 0xFF, 0x02, 0x01, 0x00)) + _bytes(
            rng, size
        )
    body = _b64(raw)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"])


def _jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(("HS256", "RS256")), "typ": "JWT"}
    issued = rng.randint(1_760_000_000, 1_790_000_000)
    claims = {"sub": _uuid(rng), "iat": issued, "exp": issued + 3600, "scope": "read write"}
    compact = {"separators": (",", ":")}
    signing_input = ".".join(
        _b64url(json.dumps(part, **compact).encode()) for part in (header, claims)
    )
    if header["alg"] == "HS256":
        digest = hmac.new(_bytes(rng, 32), signing_input.encode(), hashlib.sha256).digest()
        return f"{signing_input}.{_b64url(digest)}"
    return f"{signing_input}.{_b64url(_bytes(rng, 256))}"


def _basic(rng: random.Random) -> str:
    return _b64(f"{_user(rng)}:{_password(rng)}".encode())


def _pair(before: str, value: str, after: str = "") -> Segments:
    return [(before, None), (value, SECRET), (after, None)]


def _curl_user(rng: random.Random) -> list[Segments]:
    cases = []
    forms = (
        lambda u, p: (f"curl -u {u}:", p, " https://jenkins.acme.io/api/json"),
        lambda u, p: (f"curl -s --user '{u}:", p, "' https://api.mailer.example/v3/messages"),
        lambda u, p: (f'curl -X POST --user "{u}:', p, '" -d @body.json https://hooks.acme.io/x'),
        lambda u, p: (f"curl --user={u}:", p, " -k https://localhost:9200/_cat/indices"),
        lambda u, p: (
            f"$ curl https://registry.acme.io/v2/_catalog \\\n    -H 'Accept: */*' \\\n    -u {u}:",
            p,
            "",
        ),
        lambda u, p: ('curl -u ":', p, '" https://search.acme.io:9200'),
        lambda u, p: (f"curl -u {u}@acme.io:", p, " https://acme.atlassian.net/rest/api/3/myself"),
        lambda u, p: (
            f"curl -fsSL -u {u}:",
            p,
            " https://nexus.acme.io/repository/raw/x.tgz -o x.tgz",
        ),
    )
    for form in forms:
        before, value, after = form(_user(rng), _password(rng, URL_PASSWORD))
        cases.append(_pair(before, value, after))
    return cases


def _auth_headers(rng: random.Random) -> list[Segments]:
    return [
        _pair("curl -H 'Authorization: Basic ", _basic(rng), "' https://api.acme.io/v1/orders"),
        _pair(
            "GET /api/v2/reports HTTP/1.1\nHost: bi.acme.io\nAuthorization: Basic ",
            _basic(rng),
            "\nAccept: */*",
        ),
        _pair(
            'headers = {"Authorization": "Basic ', _basic(rng), '", "Accept": "application/json"}'
        ),
        _pair(
            'curl -H "Authorization: Bearer ',
            _chars(rng, ALNUM, 40),
            '" https://api.acme.io/v1/users',
        ),
        _pair(
            "fetch(url, { headers: { Authorization: `Bearer ", _chars(rng, URLSAFE, 48), "` } })"
        ),
        _pair("> Authorization: Bearer ", _chars(rng, B64, 64) + "==", "\n< HTTP/2 401"),
        _pair(
            'curl -H "Authorization: Token ',
            _chars(rng, HEX, 40),
            '" https://ci.acme.io/api/builds',
        ),
        _pair(
            "Authorization: Api-Token ", _chars(rng, ALNUM, 40), "\nContent-Type: application/json"
        ),
        _pair(
            "curl --header 'X-API-Key: ", _chars(rng, ALNUM, 32), "' https://api.acme.io/v1/stats"
        ),
        _pair('requests.get(url, headers={"X-Auth-Token": "', _chars(rng, HEX, 48), '"})'),
    ]


def _xml_forms(rng: random.Random) -> list[Segments]:
    return [
        _pair(
            "<server>\n  <id>nexus-releases</id>\n  <username>deploy</username>\n  <password>",
            _password(rng),
            "</password>\n</server>",
        ),
        _pair(
            '<appSettings>\n  <add key="ApiKey" value="',
            _chars(rng, ALNUM, 36),
            '" />\n</appSettings>',
        ),
        _pair(
            '<connectionStrings><add name="Db" connectionString="Server=sql1;User Id=app;Password=',
            _password(rng, URL_PASSWORD),
            ';" /></connectionStrings>',
        ),
        _pair('<property name="hibernate.connection.password">', _password(rng), "</property>"),
        _pair('<entry key="client_secret">', _chars(rng, URLSAFE, 40), "</entry>"),
        _pair("<secretKey>", _chars(rng, B64, 40), "</secretKey>"),
    ]


def _set_property(rng: random.Random) -> list[Segments]:
    return [
        _pair('System.setProperty("DB_PASSWORD", "', _password(rng), '");'),
        _pair('props.setProperty("api.key", "', _chars(rng, ALNUM, 32), '");'),
        _pair('System.setProperty("javax.net.ssl.keyStorePassword", "', _password(rng), '");'),
        _pair('os.environ["API_TOKEN"] = "', _chars(rng, URLSAFE, 40), '"'),
        _pair('config.set("auth", "client_secret", "', _chars(rng, ALNUM, 40), '")'),
        _pair('process.env.SESSION_SECRET = "', _chars(rng, HEX, 64), '";'),
        _pair('Environment.SetEnvironmentVariable("SMTP_PASSWORD", "', _password(rng), '");'),
    ]


def _cli_flags(rng: random.Random) -> list[Segments]:
    user = _user(rng)
    return [
        _pair(f"psql --host db.internal --username {user} --password ", _password(rng), " orders"),
        _pair(
            f"mysql -h 10.0.2.15 -u {user} -p", _password(rng, URL_PASSWORD), " -e 'show databases'"
        ),
        _pair(f"docker login registry.acme.io -u {user} -p ", _password(rng), ""),
        _pair(
            "PGPASSWORD=",
            _password(rng, URL_PASSWORD),
            f" pg_dump -h db.internal -U {user} sales > sales.sql",
        ),
        _pair("sshpass -p '", _password(rng), f"' ssh {user}@10.20.0.7"),
        _pair(
            "vault login -method=userpass username=ops password=", _password(rng, URL_PASSWORD), ""
        ),
        _pair(
            f"mongosh --username {user} --password '",
            _password(rng),
            "' --authenticationDatabase admin",
        ),
        _pair(
            "az login --service-principal -u 3c1f --password ",
            _azure_ad_secret(rng),
            " --tenant acme.onmicrosoft.com",
        ),
        _pair("MYSQL_PWD=", _password(rng, URL_PASSWORD), " mysqldump --single-transaction shop"),
        _pair("keytool -importkeystore -srcstorepass ", _password(rng), " -deststorepass changeit"),
    ]


def _suffixed_names(rng: random.Random) -> list[Segments]:
    return [
        _pair('some_api_token_123 = "', _chars(rng, ALNUM, 60), '"'),
        _pair("mySecretString=", _chars(rng, ALNUM, 30), ""),
        _pair("todo_secret_do_not_commit = ", _chars(rng, ALNUM, 30), ""),
        _pair('password_super_secure = "', _password(rng), '"'),
        _pair("db_pass_prod := `", _password(rng), "`"),
        _pair('apikey_myservice: "', _chars(rng, ALNUM, 32), '"'),
        _pair('if (my_password_sec !== "', _password(rng), '") {'),
        _pair('if ("', _password(rng), '" == admin_password) {'),
        _pair('std::string secret("', _chars(rng, ALNUM, 28), '");'),
        _pair('NSString *password = @"', _password(rng), '";'),
        _pair("creds = ", _chars(rng, ALNUM, 30), ""),
        _pair("passwd = ", _chars(rng, URLSAFE + ".=", 30), ""),
        _pair("private-key: ", _chars(rng, URLSAFE + ".=", 100), ""),
        _pair('"user_auth": "', _b64(f"{_user(rng)}:{_uuid(rng)}".encode()), '"'),
        _pair('"credentials" : "', _chars(rng, HEX, 64), '"'),
        _pair('utils.GetEnvOrDefault("api_token", "', _uuid(rng), '")'),
        _pair("clientSecretValue = '", _chars(rng, URLSAFE, 34), "'"),
        _pair("SECRET_KEY = '", _chars(rng, LOWER + DIGITS + "!@#$%^&*(-_=+)", 50), "'"),
        _pair("secret_key_base: ", _chars(rng, HEX, 128), ""),
    ]


def _credential_urls(rng: random.Random) -> list[Segments]:
    user = _user(rng)
    return [
        _pair(
            f"DATABASE_URL=postgres://{user}:",
            _password(rng, URL_PASSWORD),
            f"@{_host(rng)}:5432/orders",
        ),
        _pair(
            f"mongodb+srv://{user}:",
            _password(rng, URL_PASSWORD),
            "@cluster0.ab1cd.mongodb.net/?retryWrites=true",
        ),
        _pair("REDIS_URL=redis://:", _password(rng, URL_PASSWORD), "@cache.internal:6379/0"),
        _pair(f"amqp://{user}:", _password(rng, URL_PASSWORD), "@rabbit.internal:5672/%2F"),
        _pair(
            f"git clone https://{user}:",
            _password(rng, URL_PASSWORD),
            "@git.acme.io/platform/infra.git",
        ),
        _pair(
            f"sqlalchemy.url = mysql+pymysql://{user}:",
            _password(rng, URL_PASSWORD),
            "@10.1.1.9/crm",
        ),
        _pair(
            "jdbc:postgresql://db.internal:5432/app?user=app&password=",
            _password(rng, URL_PASSWORD),
            "&ssl=true",
        ),
        _pair(
            f"smtp://{user}%40acme.io:", _password(rng, URL_PASSWORD), "@smtp.mailhost.example:587"
        ),
        _pair("https://oauth2:", _prefixed("glpat-", URLSAFE, 20)(rng), "@gitlab.com/acme/app.git"),
        _pair(
            "https://x-access-token:", _prefixed("ghs_", ALNUM, 36)(rng), "@github.com/acme/infra"
        ),
        _pair(f"ftp://{user}:", _password(rng, URL_PASSWORD), "@files.acme.io/outbox/"),
    ]


def _connection_strings(rng: random.Random) -> list[Segments]:
    return [
        _pair(
            "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=",
            _azure_storage(rng),
            ";EndpointSuffix=core.windows.net",
        ),
        _pair(
            '"ServiceBus": "Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=',
            _b64(_bytes(rng, 32)),
            '"',
        ),
        _pair(
            "Server=tcp:acme.database.windows.net,1433;Database=crm;User ID=crm_app;Password=",
            _password(rng, URL_PASSWORD),
            ";Encrypt=True;",
        ),
        _pair(
            "host=db.internal port=5432 dbname=ledger user=ledger password=",
            _password(rng, URL_PASSWORD),
            " sslmode=require",
        ),
        _pair(
            "https://acmestore.blob.core.windows.net/exports/q3.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2027-01-01T00:00:00Z&sig=",
            _chars(rng, ALNUM, 43) + "%3D",
            "",
        ),
    ]


def _config_files(rng: random.Random) -> list[Segments]:
    registry_auth = _b64(f"{_user(rng)}:{_password(rng)}".encode())
    token = _chars(rng, URLSAFE, 40)
    return [
        _pair(
            f"# ~/.pgpass\n{_host(rng)}:5432:orders:{_user(rng)}:",
            _password(rng, URL_PASSWORD),
            "\n",
        ),
        _pair("localhost:5432:*:postgres:", _password(rng, URL_PASSWORD), ""),
        _pair(
            '{\n  "auths": {\n    "registry.acme.io": {\n      "auth": "',
            registry_auth,
            '"\n    }\n  }\n}',
        ),
        _pair(
            "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ",
            _jwt(rng),
            "\ncontexts: []\n",
        ),
        _pair(
            "users:\n- name: admin\n  user:\n    client-key-data: ",
            _b64(_pem(rng, "RSA PRIVATE KEY", 600).encode()),
            "\n",
        ),
        _pair(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\n"
            "data:\n  password: ",
            _b64(_password(rng).encode()),
            "\n",
        ),
        _pair("machine api.heroku.com\n  login ops@acme.io\n  password ", token, "\n"),
        _pair("//registry.npmjs.org/:_authToken=", _prefixed("npm_", ALNUM, 36)(rng), "\n"),
        _pair("[pypi]\nusername = __token__\npassword = ", _pypi(rng), "\n"),
        _pair(
            "[default]\naws_access_key_id = AKIA"
            + _chars(rng, BASE32, 16)
            + "\naws_secret_access_key = ",
            _aws_secret(rng),
            "\nregion = us-east-1\n",
        ),
    ]


def _aws_secret_forms(rng: random.Random) -> list[Segments]:
    return [
        _pair("AWS_SECRET_ACCESS_KEY=", _aws_secret(rng), "\nAWS_DEFAULT_REGION=eu-central-1"),
        _pair(
            's3 = boto3.client("s3", aws_access_key_id=key_id, aws_secret_access_key="',
            _aws_secret(rng),
            '")',
        ),
        _pair(
            'provider "aws" {\n  region     = "us-west-2"\n  secret_key = "',
            _aws_secret(rng),
            '"\n}',
        ),
        _pair(
            '{\n    "Credentials": {\n        "AccessKeyId": "ASIA'
            + _chars(rng, BASE32, 16)
            + '",\n        "SecretAccessKey": "',
            _aws_secret(rng),
            '",\n        "Expiration": "2026-12-07T15:04:05+00:00"\n    }\n}',
        ),
        _pair("aws configure set aws_secret_access_key ", _aws_secret(rng), ""),
        _pair("the secret access key is ", _aws_secret(rng), " and the region eu-west-1"),
    ]


def _service_account(rng: random.Random) -> dict[str, str]:
    project = rng.choice(("acme-prod-3312", "billing-eu", "ml-platform-22"))
    return {
        "type": "service_account",
        "project_id": project,
        "private_key_id": _chars(rng, HEX, 40),
        "private_key": _pem(rng, "PRIVATE KEY", 1210) + "\n",
        "client_email": f"etl@{project}.iam.gserviceaccount.com",
        "client_id": _chars(rng, DIGITS, 21),
        "token_uri": "https://oauth2.googleapis.com/token",
    }


def _located(text: str, value: str) -> tuple[str, tuple[Span, ...]]:
    start = text.index(value)
    return text, (Span(SECRET, start, start + len(value)),)


def _gcp_json(rng: random.Random) -> list[tuple[str, tuple[Span, ...]]]:
    cases = []
    for layer in range(4):
        account = _service_account(rng)
        key = json.dumps(account["private_key"])[1:-1]
        if layer == 0:
            text = json.dumps(account, indent=2)
        elif layer == 1:
            text = "GOOGLE_CREDENTIALS='" + json.dumps(account) + "'"
        else:
            inner = json.dumps(account)
            key = json.dumps(key)[1:-1]
            wrapper = {"name": "gcp-sa", "value": inner} if layer == 2 else {"secret_string": inner}
            text = json.dumps(wrapper)
        cases.append(_located(text, key))
    return cases


def _pem_keys(rng: random.Random) -> list[tuple[str, tuple[Span, ...]]]:
    cases = []
    for label, size, frame in (
        ("RSA PRIVATE KEY", 1190, "here's the deploy key:\n{}\n"),
        ("EC PRIVATE KEY", 118, "```\n{}\n```"),
        ("OPENSSH PRIVATE KEY", 380, "cat ~/.ssh/id_ed25519\n{}"),
        ("PRIVATE KEY", 1210, "tls:\n  key: |\n{}"),
        ("ENCRYPTED PRIVATE KEY", 1250, "{}"),
        ("DSA PRIVATE KEY", 440, '"key": "{}"'),
    ):
        block = _pem(rng, label, size)
        if frame.startswith("tls"):
            block = "\n".join("    " + line for line in block.splitlines())
            text = frame.format(block)
            cases.append(_located(text, block.strip()))
        elif frame.startswith('"key"'):
            escaped = block.replace("\n", "\\n")
            cases.append(_located(frame.format(escaped), escaped))
        else:
            cases.append(_located(frame.format(block), block))
    return cases


def _jwts(rng: random.Random) -> list[Segments]:
    return [
        _pair("Cookie: session=", _jwt(rng), "; theme=dark"),
        _pair('{"token_type": "Bearer", "expires_in": 3600, "access_token": "', _jwt(rng), '"}'),
        _pair("curl -H 'Authorization: Bearer ", _jwt(rng), "' https://api.acme.io/me"),
        _pair("decoded this id_token and the exp looks wrong: ", _jwt(rng), ""),
        _pair("localStorage.setItem('jwt', '", _jwt(rng), "');"),
    ]


def _prose_passwords(rng: random.Random) -> list[Segments]:
    user = _user(rng)
    return [
        _pair("the db password is ", _password(rng), " — can you update the runbook?"),
        _pair(f"login for staging: {user} / ", _password(rng), ""),
        _pair("new wifi password: ", _password(rng), " (rotates monthly)"),
        _pair(f"I reset it, username {user}, pw: ", _password(rng), ""),
        _pair("use passphrase ", _password(rng), " to decrypt the backup"),
        _pair("admin password was set to ", _password(rng), " during install, how do I change it?"),
    ]


def _yaml_properties(rng: random.Random) -> list[Segments]:
    return [
        _pair("spring.datasource.username=app\nspring.datasource.password=", _password(rng), "\n"),
        _pair("ansible_user: deploy\nansible_become_pass: ", _password(rng), "\n"),
        _pair(
            "redis:\n  host: cache.internal\n  port: 6379\n  password: ",
            _password(rng, URL_PASSWORD),
            "\n",
        ),
        _pair("smtp:\n  user: mailer@acme.io\n  pass: '", _password(rng), "'\n"),
        _pair("[database]\nhost = db.internal\npassword = ", _password(rng), "\n"),
        _pair(
            "  MYSQL_ROOT_PASSWORD: ", _password(rng, URL_PASSWORD), "\n  MYSQL_DATABASE: shop\n"
        ),
        _pair("client_id: 0oa1b2c3\nclient_secret: ", _chars(rng, URLSAFE, 40), "\n"),
        _pair('"webhook_secret": "', _chars(rng, ALNUM, 32), '",'),
        _pair("encryption_key: ", _b64(_bytes(rng, 32)), "\n"),
        _pair("JWT_SIGNING_KEY=", _chars(rng, HEX, 64), "\n"),
    ]


def _stack_traces(rng: random.Random) -> list[Segments]:
    user = _user(rng)
    return [
        _pair(
            "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to "
            "server failed\n(Background on this error at: https://sqlalche.me/e/20/e3q8)\n"
            f"engine url: postgresql://{user}:",
            _password(rng, URL_PASSWORD),
            "@db.internal:5432/app",
        ),
        _pair(
            "Exception in thread \"main\" java.sql.SQLException: Access denied for user 'app'\n"
            "\tat Main.connect(Main.java:22)\n\t-- props: {user=app, password=",
            _password(rng, URL_PASSWORD),
            "}",
        ),
        _pair(
            "[2026-12-07 09:14:02] ERROR http: request failed method=POST "
            "url=https://api.acme.io/v1/pay "
            "headers={'Authorization': 'Bearer ",
            _chars(rng, URLSAFE, 44),
            "'} status=502",
        ),
        _pair(
            '  File "/app/client.py", line 88, in __init__\n'
            "    self._login(user='svc', password='",
            _password(rng),
            "')\nAuthError: invalid credentials",
        ),
    ]


LITERALS: tuple[tuple[str, Callable[[random.Random], list[Segments]]], ...] = (
    ("curl_user", _curl_user),
    ("auth_header", _auth_headers),
    ("xml_password", _xml_forms),
    ("set_property", _set_property),
    ("cli_password_flag", _cli_flags),
    ("suffixed_key_name", _suffixed_names),
    ("credential_url", _credential_urls),
    ("connection_string", _connection_strings),
    ("config_file_credential", _config_files),
    ("aws_secret_access_key_literal", _aws_secret_forms),
    ("jwt", _jwts),
    ("password_in_prose", _prose_passwords),
    ("yaml_properties_secret", _yaml_properties),
    ("stack_trace_credential", _stack_traces),
)


# -- negatives: what the suites list as must-not-fire --------------------------------------


def _hex(rng: random.Random, length: int) -> str:
    return _chars(rng, HEX, length)


def _ipv6(rng: random.Random) -> str:
    return ":".join(f"{rng.randrange(0x10000):04x}" for _ in range(8))


def _placeholders(rng: random.Random) -> list[str]:
    return [
        "OPENAI_API_KEY=sk-" + "x" * 48,
        "export GITHUB_TOKEN=ghp_" + "X" * 36,
        "aws_access_key_id = AKIA" + "X" * 16,
        "password: xxxxxxxxxxxx",
        '"api_key": "' + "x" * 32 + '"',
        "STRIPE_SECRET_KEY=sk_live_" + "*" * 24,
        "Authorization: Bearer " + "*" * 20,
        "password=********",
        "token: '••••••••••••'",
        "GITLAB_TOKEN=glpat-" + "x" * 20,
    ]


def _sequences(rng: random.Random) -> list[str]:
    return [
        "API_KEY=abcd1234",
        'secret = "1234567890abcdef"',
        "token: abcdefghijklmnopqrstuvwxyz012345",
        "SECRET_KEY=0123456789abcdef0123456789abcdef",
        "api_key: ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "password = 12345678",
        "HF_TOKEN=hf_" + "abcdefghijklmnopqrstuvwxyzabcdefgh",
        "client_secret=qwertyuiop",
    ]


def _placeholder_words(rng: random.Random) -> list[str]:
    return [
        "OPENAI_API_KEY=your-api-key-here",
        "api_key: YOUR_API_KEY",
        'password = "replace_me"',
        "DB_PASSWORD=changeme",
        'secret: "<insert-secret-here>"',
        "SLACK_BOT_TOKEN=xoxb-your-bot-token",
        'password := "somefakekey"',
        "API_TOKEN=TODO",
        "token = 'dummy-token-for-tests'",
        "ANTHROPIC_API_KEY=sk-ant-...",
    ]


def _angle_placeholders(rng: random.Random) -> list[str]:
    return [
        "Authorization: Bearer <token>",
        "password: <YOUR_PASSWORD>",
        "curl --user neo4j:[PASSWORD] http://[IP]:7474/db/data/",
        "connect with postgres://<user>:<password>@<host>:5432/<db>",
        "api_key = {api_key}",
        "curl -u <user:password> https://test.com/endpoint",
        "Set `HF_TOKEN=<your token>` before running.",
    ]


def _references(rng: random.Random) -> list[str]:
    return [
        "DB_PASSWORD=${DB_PASSWORD}",
        "password: ${link}",
        "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}",
        "password: {{ .Values.postgresql.auth.password }}",
        'api_key = os.environ["OPENAI_API_KEY"]',
        "const key = process.env.STRIPE_SECRET_KEY;",
        "set PASSWORD=%DB_PASSWORD%",
        'curl -sL --user "$GITHUB_USERNAME:$GITHUB_PASSWORD" "$GITHUB_URL"',
        'curl -X POST --user "$(cat ./login.txt):$(cat ./password.txt)"',
        "env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n"
        "      name: db\n      key: password",
        'curl -XGET -i -u "${{ env.ELK_ID }}:${{ env.ELK_PASS }}"',
        "token = get_secret('billing/api-token')",
    ]


def _empty_assignments(rng: random.Random) -> list[str]:
    return [
        "DB_PASSWORD=\nDB_HOST=db.internal\nDB_PORT=5432",
        'API_KEY=""',
        "redis:\n  password:\n  port: 6379",
        '{"client_secret": null, "client_id": "web"}',
        "token = None",
        "GITHUB_API_KEY=\nDYNATRACE_API_KEY=",
        "snowflake.password=\njdbc.snowflake.url=jdbc:snowflake://acme.snowflakecomputing.com",
        "secret: ''",
    ]


def _curl_placeholders(rng: random.Random) -> list[str]:
    return [
        "curl -i -u 'test:test' http://localhost:8080/health",
        'curl -u "myusername" http://localhost:15130/api/check_user/',
        "curl -u username:token https://api.example.com",
        'curl -u ":" https://localhost:9200',
        'curl --user "xxx:yyy" https://api.example.com',
        "curl http://127.0.0.1:5000/file --user user:pass --digest",
        'curl -X GET --insecure --user "username:password" https://localhost',
        'curl --insecure --ssl-reqd "smtps://smtp.example.com" --user "src@example.com" '
        "--upload-file out.txt",
    ]


def _doc_examples(rng: random.Random) -> list[str]:
    key_id = "AKIA" + "IOSFODNN7" + "EXAMPLE"
    secret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY"
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": "1234567890", "name": "John Doe", "iat": 1516239022}
    payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = _b64url(
        hmac.new(b"your-256-bit-secret", f"{header}.{payload}".encode(), hashlib.sha256).digest()
    )
    return [
        f"aws_access_key_id = {key_id}",
        f"[default]\naws_access_key_id={key_id}\naws_secret_access_key={secret}",
        f"the jwt.io sample token {header}.{payload}.{signature} decodes to John Doe",
        "DATABASE_URL=postgres://user:password@localhost:5432/mydb",
        "mongodb://username:password@localhost:27017/admin",
        "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/" + "X" * 24,
        "slack token format: xoxb-" + "0" * 12 + "-" + "0" * 13 + "-" + "x" * 24,
        "redis://:password@localhost:6379/0",
    ]


def _ipv6_texts(rng: random.Random) -> list[str]:
    return [
        f"inet6 {_ipv6(rng)}/64 scope global dynamic",
        f"listen [{_ipv6(rng)}]:8443 ssl;",
        f"fe80::{rng.randrange(0x10000):x}:{rng.randrange(0x10000):x}:{rng.randrange(0x10000):x}%eth0",
        f"ping6 {_ipv6(rng)}",
        f"allow {_ipv6(rng)[:19]}::/48;",
        f"Connecting to [{_ipv6(rng)}]:5432 ... failed",
        f"host    all  all  {_ipv6(rng)}/128  scram-sha-256",
    ]


def _ports_addresses(rng: random.Random) -> list[str]:
    return [
        f"DB_HOST=10.0.{rng.randint(0, 255)}.{rng.randint(1, 254)}:5432",
        "docker run -p 8080:80 -p 5432:5432 postgres:16",
        "postgres://app@db.internal:5432/orders",
        "amqp://guest@rabbit:5672/",
        "http://admin@grafana.internal:3000/d/abc",
        "EXPOSE 8000 9090",
        "Subnet: 192.168.1.0/24",
        f"server 172.16.{rng.randint(0, 255)}.{rng.randint(1, 254)}:11211 weight=1",
        "kubectl port-forward svc/api 8080:80",
    ]


def _versions(rng: random.Random) -> list[str]:
    return [
        "requests==2.31.0\nurllib3==2.2.1\ncryptography==42.0.5",
        '"dependencies": {"lodash": "^4.17.21", "axios": "1.6.7"}',
        f"version: {rng.randint(1, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 99)}"
        f"-rc.1+build.{rng.randint(1, 999)}",
        "FROM python:3.12.1-slim-bookworm",
        "node v20.11.1, npm 10.2.4",
        "COMMUNICATION_API_VERSION=rc0.13.0_20230412_0712-SNAPSHOT",
        "Linux build-7 6.5.0-1016-azure #16~22.04.1-Ubuntu SMP x86_64 GNU/Linux",
    ]


def _build_coordinates(rng: random.Random) -> list[str]:
    return [
        "org.apache.commons:commons-lang3:3.14.0",
        "implementation 'com.google.guava:guava:33.0.0-jre'",
        "[DEBUG]   org.slf4j:slf4j-api:jar:2.0.9:compile",
        "[DEBUG]   org.neo4j:neo4j-graphdb-api:jar:3.5.12:test",
        "event-bus-message-api:rc0.15.0_20231217_1420-SNAPSHOT",
        "npm ERR! peer @types/node@20.10.5 from ts-node@10.9.2",
        "<dependency><groupId>io.jsonwebtoken</groupId><artifactId>jjwt-api</artifactId><version>0.11.5</version></dependency>",
    ]


def _checksums(rng: random.Random) -> list[str]:
    return [
        f"{_hex(rng, 64)}  terraform_1.7.4_linux_amd64.zip",
        f'"integrity": "sha512-{_b64(_bytes(rng, 64))}"',
        f'LIC_FILES_CHKSUM = "file://LICENSE;md5={_hex(rng, 32)}"',
        f"image: ghcr.io/acme/api@sha256:{_hex(rng, 64)}",
        f"commit {_hex(rng, 40)}\nAuthor: build bot\n\n    bump deps",
        f'SRCREV_moby = "{_hex(rng, 40)}"',
        f"github.com/pkg/errors v0.9.1 h1:{_b64(_bytes(rng, 32))}",
        f"MantleAPI_version={_hex(rng, 40)}",
        f"sha1sum: {_hex(rng, 40)}  backup-2026-12-01.tar",
        f'<script src="/static/js/main.{_hex(rng, 8)}.js" '
        f'integrity="sha384-{_b64(_bytes(rng, 48))}"></script>',
    ]


def _uuid_ids(rng: random.Random) -> list[str]:
    return [
        f"request_id: {_uuid(rng)}",
        f"credentialsId: '{_uuid(rng)}'",
        f'clientId = "{_uuid(rng)}"',
        f'"tenant_id": "{_uuid(rng)}", "subscription_id": "{_uuid(rng)}"',
        f"  <UserSecretsId>{_uuid(rng)}</UserSecretsId>",
        f'"kms_key_id": "{_uuid(rng)}",',
        f"X-Correlation-ID: {_uuid(rng)}",
        f"report_access_id: {_uuid(rng)}",
        f'accessibilityYesOptionId = "{_uuid(rng)}"',
    ]


def _dates(rng: random.Random) -> list[str]:
    return [
        "token expires: 2026-12-31T23:59:59Z",
        "Date: Mon, 07 Dec 2026 13:00:00 GMT",
        "password_changed_at: 2026-11-02",
        f"token_expiry={rng.randint(1_760_000_000, 1_790_000_000)}",
        'schedule: cron("0 3 * * ? *")',
        "last_rotated 07/12/2026 09:41",
    ]


def _public_keys(rng: random.Random) -> list[str]:
    exponent = b"\x00\x00\x00\x03\x01\x00\x01\x00\x00\x01\x01\x00"
    ssh = _b64(b"\x00\x00\x00\x07ssh-rsa" + exponent + _bytes(rng, 256))
    pem = _pem(rng, "PUBLIC KEY", 290)
    cert = _pem(rng, "CERTIFICATE", 700)
    return [
        f"ssh-rsa {ssh} ops@laptop",
        f"here is my public key:\n{pem}",
        f"ca.crt:\n{cert}",
        f'public_key = "{_chars(rng, ALNUM, 43)}"',
        f'publicToken = "{_chars(rng, ALNUM, 43)}"',
        "STRIPE_PUBLISHABLE_KEY=pk_live_" + _chars(rng, ALNUM, 99),
        f'<div class="g-recaptcha" data-sitekey="6L{_chars(rng, URLSAFE, 38)}"></div>',
        f"certificate-authority-data: {_b64(cert.encode())[:600]}",
    ]


def _truncated(rng: random.Random) -> list[str]:
    return [
        "the key starts with sk-proj- but the dashboard shows it masked",
        "I rotated the AKIA… one yesterday",
        "GitHub classic tokens look like ghp_ followed by 36 characters",
        "set SLACK_BOT_TOKEN to your xoxb- token",
        "the header is `Authorization: Bearer` followed by the token",
        "Anthropic keys begin with sk-ant-api03-",
        "use --password-stdin instead of --password",
    ]


def _masked(rng: random.Random) -> list[str]:
    return [
        f"sk-proj-...{_chars(rng, ALNUM, 4)}",
        "password: [REDACTED]",
        "token=***",
        "AKIA****************",
        "ghp_" + "*" * 36,
        f"Key ending in …{_chars(rng, ALNUM, 4)} was revoked",
        "DATABASE_URL=postgres://app:****@db.internal:5432/app",
    ]


def _benign_names(rng: random.Random) -> list[str]:
    return [
        "max_tokens: 4096",
        '"usage": {"prompt_tokens": 1532, "completion_tokens": 211}',
        "secret_length = X25519.secret_length",
        'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"',
        "secretName: app-tls",
        "password_min_length: 12",
        '"token_type": "bearer", "expires_in": 3600',
        "PuttyPassword=0",
        "keyboard: us-intl",
        "access_token_url='https://github.com/login/oauth/access_token',",
        "IceSSL.KeyFile=s_rsa1024_priv.pem",
        "passwordEncoder = new BCryptPasswordEncoder();",
        'String password = request.getParameter("password");',
        "def check_password(password: str) -> bool:",
        "api_key = settings.API_KEY",
        'author = "james.fake@example.com",',
    ]


def _random_under_other_names(rng: random.Random) -> list[str]:
    return [
        f"primaryKey={_chars(rng, URLSAFE + '.=', 30)}",
        f"foreignKey={_chars(rng, URLSAFE + '.=', 30)}",
        f"issuerKeyHash={_chars(rng, URLSAFE + '.=', 30)}",
        f"trace_id={_hex(rng, 32)} span_id={_hex(rng, 16)}",
        f'"etag": "W/\\"{_hex(rng, 4)}-{_chars(rng, URLSAFE, 27)}\\""',
        f"https://docs.google.com/document/d/{_chars(rng, URLSAFE, 44)}/edit",
        f"https://www.youtube.com/watch?v={_chars(rng, URLSAFE, 11)}",
        f"container {_hex(rng, 64)} exited with code 137",
    ]


def _vendor_object_ids(rng: random.Random) -> list[str]:
    return [
        f'"id": "chatcmpl-{_chars(rng, ALNUM, 29)}", "object": "chat.completion"',
        f"uploaded as file-{_chars(rng, ALNUM, 24)} for assistant asst_{_chars(rng, ALNUM, 24)}",
        f"organization org-{_chars(rng, ALNUM, 24)} has 3 projects",
        f'"customer": "cus_{_chars(rng, ALNUM, 14)}", "invoice": "in_{_chars(rng, ALNUM, 24)}"',
        f"request-id: req_{_chars(rng, ALNUM, 24)}",
        f'{{"type": "message", "id": "msg_{_chars(rng, ALNUM, 24)}", "role": "assistant"}}',
        f"<@U{_chars(rng, UPPER + DIGITS, 10)}> posted in <#C{_chars(rng, UPPER + DIGITS, 10)}>",
        f"Stripe event evt_{_chars(rng, ALNUM, 24)} for account acct_{_chars(rng, ALNUM, 16)}",
    ]


def _encoded_data(rng: random.Random) -> list[str]:
    png = _b64(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _bytes(rng, 60))
    jpeg = _b64(b"\xff\xd8\xff\xe0" + _bytes(rng, 48))
    return [
        f'<img src="data:image/png;base64,{png}">',
        f'"thumbnail": "data:image/jpeg;base64,{jpeg}"',
        f"description: {_b64(b'Quarterly export of the orders table, EU region only.')}",
    ]


def _secret_store_refs(rng: random.Random) -> list[str]:
    return [
        f"arn:aws:secretsmanager:us-east-1:{_chars(rng, DIGITS, 12)}:secret:prod/db-"
        f"{_chars(rng, ALNUM, 6)}",
        "projects/acme-prod/secrets/db-password/versions/latest",
        "vault kv get -field=password secret/data/billing",
        f"https://acme-kv.vault.azure.net/secrets/DbPassword/{_hex(rng, 32)}",
        'aws ssm get-parameter --name "/prod/api/token" --with-decryption',
    ]


def _test_defaults(rng: random.Random) -> list[str]:
    return [
        "password: password",
        'assert login("admin", "admin")',
        "secret: secret",
        "curl -u user:pass http://localhost:8080",
        "DB_USER=test\nDB_PASSWORD=test",
    ]


def _non_secret_config(rng: random.Random) -> list[str]:
    return [
        '{"auths": {"ghcr.io": {}}, "credsStore": "desktop"}',
        "AZURE_STORAGE_CONNECTION_STRING=UseDevelopmentStorage=true",
        '<password-policy min-length="12" require-digit="true"/>',
        '<add key="PasswordResetUrl" value="https://acme.io/reset" />',
        "users:\n- name: ci\n  user:\n    exec:\n      command: aws\n      args: [eks, get-token]",
        '{"type": "service_account", "project_id": "acme-prod", "private_key": ""}',
        "docker login -u deploy --password-stdin < token.txt",
        "mysql -u root -p",
        "# .pgpass format: hostname:port:database:username:password",
    ]


NEGATIVES: tuple[tuple[str, Callable[[random.Random], list[str]], bool], ...] = (
    ("placeholder_masked_chars", _placeholders, True),
    ("placeholder_sequence", _sequences, True),
    ("placeholder_words", _placeholder_words, True),
    ("placeholder_angle", _angle_placeholders, True),
    ("variable_reference", _references, True),
    ("empty_assignment", _empty_assignments, True),
    ("curl_placeholder", _curl_placeholders, True),
    ("documentation_example", _doc_examples, True),
    ("ipv6", _ipv6_texts, True),
    ("ports_addresses", _ports_addresses, True),
    ("versions", _versions, True),
    ("build_coordinates", _build_coordinates, True),
    ("checksum_hash", _checksums, True),
    ("uuid_identifier", _uuid_ids, True),
    ("dates", _dates, True),
    ("public_key", _public_keys, True),
    ("truncated_prefix", _truncated, True),
    ("masked_value", _masked, True),
    ("benign_key_name", _benign_names, True),
    ("random_under_other_name", _random_under_other_names, False),
    ("secret_store_reference", _secret_store_refs, True),
    ("vendor_object_id", _vendor_object_ids, True),
    ("encoded_data", _encoded_data, True),
    ("test_default", _test_defaults, True),
    ("non_secret_config", _non_secret_config, True),
)


# -- PII, Presidio style --------------------------------------------------------------------

FIRST = ("Priya", "Mateo", "Olivia", "Kwame", "Ingrid", "Hiroshi", "Fatima", "Dmitri")
LAST = ("Raman", "Alvarez", "Bennett", "Mensah", "Lindqvist", "Tanaka", "O'Connor", "Volkov")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return _ipv6(rng)
    octets = (rng.choice((81, 94, 185, 203, 151)), rng.randint(0, 255), rng.randint(0, 255))
    return ".".join(map(str, (*octets, rng.randint(1, 254))))


PII_FRAMES: dict[str, tuple[Token, tuple[str, ...]]] = {
    "PERSON": (
        _person,
        (
            "Hi team, {} asked for access to the billing dashboard.",
            "Please forward the contract to {} before Friday.",
            "Meeting notes: {} will own the migration.",
            "Signed, {}",
            "Ticket reassigned from the queue to {}.",
            "Can you check whether {} is still on the on-call rota?",
            "Author: {}\nDate: Tue Dec 1 10:02:11 2026",
            "{} reported that the export is missing rows.",
            "Thanks {}, that fixed it.",
        ),
    ),
    "EMAIL_ADDRESS": (
        email,
        (
            "send the report to {} please",
            "Author: build bot <{}>",
            "contact: {}",
            '"owner": "{}",',
            "git config user.email {}",
            "From: {}\nSubject: invoice",
            "mailto:{}?subject=access",
            "user {} could not log in",
            "cc {} on the incident",
        ),
    ),
    "PHONE_NUMBER": (
        phone,
        (
            "call me at {} after 5",
            "Phone: {}",
            "on-call number {}",
            "customer phone {} wants a callback",
            '"phone": "{}"',
            "reach the site manager on {}",
            "Tel. {} (office)",
            "whatsapp {}",
            "the number on file is {}",
        ),
    ),
    "CREDIT_CARD": (
        credit_card,
        (
            "card number {} exp 09/28",
            "charge failed for card {}",
            "cc: {}",
            '"pan": "{}"',
            "please refund {} the full amount",
            "Card: {} CVV on the back",
            "paid with {} yesterday",
            "the customer's Visa/Mastercard {} was declined",
            "use {} for the test order",
        ),
    ),
    "US_SSN": (
        us_ssn,
        (
            "SSN: {}",
            "social security number {}",
            "employee ssn={}",
            '"ssn": "{}"',
            "my SSN is {} for the W-2",
            "SSN {} on the onboarding form",
            "applicant social security no. {}",
            "tax id (SSN) {}",
            "verify ssn {} with HR",
        ),
    ),
    "IBAN_CODE": (
        iban,
        (
            "IBAN: {}",
            "please wire to {} by Monday",
            "beneficiary account {}",
            '"iban": "{}"',
            "bank details: {} (BIC on request)",
            "refund to IBAN {}",
            "Kontonummer/IBAN {}",
            "payout account {} was rejected",
            "IBAN {} reference INV-1043",
        ),
    ),
    "IP_ADDRESS": (
        _ip,
        (
            "Failed password for root from {} port 52144 ssh2",
            "client ip {} exceeded rate limit",
            '"remote_addr": "{}"',
            '{} - - [07/Dec/2026:10:00:01 +0000] "GET /login HTTP/1.1" 200',
            "blocked {} after 5 attempts",
            "X-Forwarded-For: {}",
            "user logged in from {}",
            "origin address {} is on the deny list",
            "ssh deploy@{}",
        ),
    ),
}


def _pii_negatives(rng: random.Random) -> list[tuple[str, str]]:
    digits16 = _chars(rng, DIGITS, 15)
    bad_luhn = digits16 + str((int(_luhn_check(digits16)) + 1) % 10)
    return [
        ("order_number", f"Order #{rng.randint(100000, 999999)}-{rng.randint(10, 99)} shipped"),
        ("order_number", f"order id {bad_luhn} is stuck in processing"),
        ("invoice", f"Invoice INV-2026-{rng.randint(1000, 9999)} is overdue"),
        ("version", "upgraded to 4.18.0.553 and 10.4.2.998"),
        ("version", "release 2026.12.1 build 20261207.3"),
        ("timestamp", "2026-12-07T13:45:02.118Z job finished in 00:04:13"),
        ("timestamp", "started 1765112702 ended 1765112989"),
        ("hex_id", f"job {_hex(rng, 24)} failed"),
        ("hex_id", f"build artifact {_hex(rng, 12)} uploaded"),
        ("product_code", f"SKU {rng.randint(1000, 9999)}-XL-{rng.randint(10, 99)} out of stock"),
        ("product_code", "part number 978-3-16-148410-0 reordered"),
        ("tracking_number", f"tracking 1Z{_chars(rng, UPPER + DIGITS, 16)}"),
        ("invalid_ssn", "test fixture ssn 000-12-3456"),
        ("invalid_ssn", "sample 666-45-1234 from the spec"),
        ("invalid_ssn", "placeholder 078-05-1120 from the docs"),
        ("invalid_iban", "IBAN check failed: DE00 1234 5678 9012 3456 78"),
        ("quantity", "processed 1,234,567 rows in 12.5 s"),
        ("quantity", "disk usage 73% of 512 GiB"),
        ("build_number", f"pipeline #{rng.randint(10000, 99999)} passed, 412 tests"),
        ("room", "meeting in room 4-112, floor 3"),
        ("config", "replicas: 3\nmemory: 512Mi\ncpu: 250m"),
        ("config", "retry_after_ms=1500 max_retries=5"),
        ("coordinates", "lat 48.8566 lon 2.3522"),
        ("error_code", "error 0x80070005 access denied"),
        ("error_code", "HTTP 503 from upstream after 30000 ms"),
        ("ticket", f"see JIRA OPS-{rng.randint(1000, 9999)} and PR #{rng.randint(100, 999)}"),
        ("checksum", f"crc32 {_hex(rng, 8)} md5 {_hex(rng, 32)}"),
        ("code", "for i in range(10):\n    total += values[i]"),
        ("code", "SELECT count(*) FROM orders WHERE status = 'open';"),
        ("percentage", "conversion rate 3.41%, p95 latency 212 ms"),
        ("table", "| id | qty | price |\n| 17 | 3 | 19.99 |"),
        ("serial", f"serial no. {_chars(rng, UPPER + DIGITS, 12)}"),
    ]


def _luhn_check(partial: str) -> str:
    total = 0
    for index, char in enumerate(reversed(partial)):
        digit = int(char)
        if index % 2 == 0:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return str(-total % 10)


# -- assembly --------------------------------------------------------------------------------


def _family_rng(seed: int, family: str) -> random.Random:
    return random.Random(f"{seed}:{family}")


def blind_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """Every case of the blind round, deterministic per seed."""
    cases: list[Case] = []
    for family, build in LITERALS:
        for segments in build(_family_rng(seed, family)):
            cases.append(Case(family, "literal", *_join(segments)))
    for family, build in (("gcp_service_account_json", _gcp_json), ("pem_private_key", _pem_keys)):
        for text, spans in build(_family_rng(seed, family)):
            cases.append(Case(family, "literal", text, spans))
    for family, segments in _generated(_family_rng(seed, "generated")):
        cases.append(Case(family, "generated", *_join(segments)))
    for family, build, harmless in NEGATIVES:
        for text in build(_family_rng(seed, family)):
            cases.append(Case(family, "negative", text, harmless=harmless))
    for entity, (value, frames) in PII_FRAMES.items():
        rng = _family_rng(seed, entity)
        for frame in frames:
            before, after = frame.split("{}")
            cases.append(
                Case(
                    entity.lower(),
                    "pii",
                    *_join([(before, None), (value(rng), entity), (after, None)]),
                )
            )
    for family, text in _pii_negatives(_family_rng(seed, "pii_negative")):
        cases.append(Case(family, "pii_negative", text))
    return cases


def blind_half(case: Case) -> str:
    """Half ``a`` (may be used for tuning) or ``b`` (held out), stable per case."""
    digest = hashlib.sha256(f"{case.family}\x00{case.kind}\x00{case.text}".encode()).digest()
    return "ab"[digest[0] & 1]
