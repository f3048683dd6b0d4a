"""A second blind round of the peer evaluation: held out, written without the detector in view.

The first blind round was later used for tuning, so its figures no longer measure cases
nobody tuned for. This round was written by an engineer who read neither the detector, its
tests, nor the earlier peer sets beyond their case types, and it was frozen (committed)
before the detector first ran on it. It follows the families, formats and must-not-fire
cases documented by gitleaks' rules, detect-secrets' plugin tests, trufflehog's detector
tests, Nosey Parker's and Kingfisher's rule files and Presidio's analyzer tests, without
copying their literals: every key-shaped value is built here at run time from a documented
shape (prefix, alphabet, length), so the repository holds no credential literal.

Each case belongs to half ``"a"`` or ``"b"`` by a hash of its family, kind and text
(``round2_half``), for sessions that later need a tuning half; the round as a whole is the
held-out figure. Changing a case after the detector has run on it spoils the round.

``round2_cases(seed)`` is deterministic.
"""

from __future__ import annotations

import hashlib
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

LOWER_ALNUM = LOWER + DIGITS
UPPER_ALNUM = UPPER + DIGITS
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _jwt(rng: random.Random) -> str:
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = {"sub": _chars(rng, DIGITS, 8), "iat": rng.randint(1_700_000_000, 1_790_000_000)}
    claims["scope"] = rng.choice(("read write", "admin", "api"))
    payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    return f"{header}.{payload}.{_b64url(rng.randbytes(32))}"


def _eyj_token(prefix: str, claims: dict[str, str]) -> Token:
    def build(rng: random.Random) -> str:
        body = dict(claims, nonce=_chars(rng, ALNUM, 24))
        return f"{prefix}{_b64url(json.dumps(body).encode())}{_chars(rng, URLSAFE, 40)}"

    return build


def _bedrock(rng: random.Random) -> str:
    inner = f"BedrockAPIKey-{_chars(rng, LOWER_ALNUM, 4)}-at-{_chars(rng, DIGITS, 12)}:"
    return "ABSK" + _b64(inner.encode() + rng.randbytes(30))


# family, the name people give it in config, how the value is built
VENDORS: tuple[tuple[str, str, Token], ...] = (
    ("aws_access_key_id", "AWS_ACCESS_KEY_ID", _tok("AKIA", BASE32, 16)),
    ("aws_session_key_id", "AWS_ACCESS_KEY_ID", _tok("ASIA", BASE32, 16)),
    ("aws_bedrock_key_id", "AWS_ACCESS_KEY_ID", _tok("ABIA", BASE32, 16)),
    ("aws_bedrock_api_key", "AWS_BEARER_TOKEN_BEDROCK", _bedrock),
    ("github_pat_classic", "GITHUB_TOKEN", _tok("ghp_", ALNUM, 36)),
    ("github_oauth", "GH_OAUTH_TOKEN", _tok("gho_", ALNUM, 36)),
    ("github_app_server", "GITHUB_APP_TOKEN", _tok("ghs_", ALNUM, 36)),
    ("github_refresh", "GH_REFRESH_TOKEN", _tok("ghr_", ALNUM, 36)),
    ("github_fine_grained", "GITHUB_PAT", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    ("gitlab_pat", "GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    ("gitlab_runner", "RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20)),
    ("gitlab_deploy", "GITLAB_DEPLOY_TOKEN", _tok("gldt-", URLSAFE, 20)),
    ("gitlab_trigger", "CI_TRIGGER_TOKEN", _tok("glptt-", HEX, 40)),
    ("gitlab_feed", "GITLAB_FEED_TOKEN", _tok("glft-", URLSAFE, 20)),
    (
        "slack_bot",
        "SLACK_BOT_TOKEN",
        _parts("xoxb-", (DIGITS, 12), "-", (DIGITS, 13), "-", (ALNUM, 24)),
    ),
    (
        "slack_user",
        "SLACK_USER_TOKEN",
        _parts("xoxp-", (DIGITS, 12), "-", (DIGITS, 12), "-", (DIGITS, 13), "-", (HEX, 32)),
    ),
    (
        "slack_app",
        "SLACK_APP_TOKEN",
        _parts("xapp-1-A", (UPPER_ALNUM, 10), "-", (DIGITS, 13), "-", (HEX, 64)),
    ),
    ("slack_config", "SLACK_CONFIG_TOKEN", _tok("xoxe.xoxp-1-", ALNUM, 163)),
    (
        "slack_webhook",
        "SLACK_WEBHOOK_URL",
        _parts(
            "https://hooks.slack.com/services/T",
            (UPPER_ALNUM, 10),
            "/B",
            (UPPER_ALNUM, 10),
            "/",
            (ALNUM, 24),
        ),
    ),
    ("stripe_secret", "STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 24)),
    ("stripe_restricted", "STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 99)),
    ("stripe_webhook_secret", "STRIPE_WEBHOOK_SECRET", _tok("whsec_", ALNUM, 32)),
    (
        "openai_project",
        "OPENAI_API_KEY",
        _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74)),
    ),
    ("openai_legacy", "OPENAI_API_KEY", _parts("sk-", (ALNUM, 20), "T3BlbkFJ", (ALNUM, 20))),
    (
        "openai_service_account",
        "OPENAI_KEY",
        _parts("sk-svcacct-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74)),
    ),
    ("anthropic", "ANTHROPIC_API_KEY", _tok("sk-ant-api03-", URLSAFE, 93, "AA")),
    ("anthropic_admin", "ANTHROPIC_ADMIN_KEY", _tok("sk-ant-admin01-", URLSAFE, 93, "AA")),
    ("google_api_key", "GOOGLE_API_KEY", _tok("AIza", URLSAFE, 35)),
    ("google_oauth_secret", "GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28)),
    ("google_oauth_access", "GOOGLE_ACCESS_TOKEN", _tok("ya29.a0", URLSAFE, 150)),
    ("twilio_api_key", "TWILIO_API_KEY", _tok("SK", HEX, 32)),
    ("sendgrid", "SENDGRID_API_KEY", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43))),
    ("mailgun", "MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    ("mailchimp", "MAILCHIMP_API_KEY", _parts((HEX, 32), "-us", (DIGITS, 2))),
    ("npm", "NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    ("pypi", "PYPI_API_TOKEN", _tok("pypi-AgEIcHlwaS5vcmc", URLSAFE, 70)),
    ("huggingface", "HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    ("huggingface_org", "HF_ORG_TOKEN", _tok("api_org_", UPPER + LOWER, 34)),
    (
        "discord_bot",
        "DISCORD_BOT_TOKEN",
        _parts("M", (ALNUM, 25), ".", (URLSAFE, 6), ".", (URLSAFE, 38)),
    ),
    (
        "discord_webhook",
        "DISCORD_WEBHOOK",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 18), "/", (URLSAFE, 68)),
    ),
    ("telegram_bot", "TELEGRAM_BOT_TOKEN", _parts((DIGITS, 10), ":AA", (URLSAFE, 33))),
    ("shopify_access", "SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    ("shopify_shared_secret", "SHOPIFY_API_SECRET", _tok("shpss_", HEX, 32)),
    ("atlassian", "JIRA_API_TOKEN", _parts("ATATT3xFfGF0", (URLSAFE, 180), "=", (HEX.upper(), 8))),
    ("databricks", "DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    ("digitalocean_pat", "DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    ("digitalocean_oauth", "DO_OAUTH_TOKEN", _tok("doo_v1_", HEX, 64)),
    ("doppler", "DOPPLER_TOKEN", _tok("dp.pt.", ALNUM, 43)),
    ("dynatrace", "DT_API_TOKEN", _parts("dt0c01.", (UPPER_ALNUM, 24), ".", (UPPER_ALNUM, 64))),
    ("linear", "LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    ("postman", "POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    ("pulumi", "PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    ("grafana_service_account", "GRAFANA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    ("sentry_user", "SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    ("new_relic_user", "NEW_RELIC_API_KEY", _tok("NRAK-", UPPER_ALNUM, 27)),
    ("heroku_v2", "HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 58)),
    (
        "terraform_cloud",
        "TFE_TOKEN",
        _parts((ALNUM, 14), ".atlasv1.", (URLSAFE, 67)),
    ),
    ("vault_service", "VAULT_TOKEN", _tok("hvs.", URLSAFE, 90)),
    ("vault_batch", "VAULT_BATCH_TOKEN", _tok("hvb.", URLSAFE, 138)),
    (
        "age_secret_key",
        "SOPS_AGE_KEY",
        lambda rng: "AGE-SECRET-KEY-1" + _chars(rng, BECH32, 58).upper(),
    ),
    ("adafruit", "ADAFRUIT_IO_KEY", _tok("aio_", ALNUM, 28)),
    ("alibaba_access_key", "ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    (
        "azure_ad_client_secret",
        "AZURE_CLIENT_SECRET",
        _parts((ALNUM, 3), (DIGITS, 1), "Q~", (URLSAFE + "~.", 34)),
    ),
    ("clojars", "CLOJARS_TOKEN", _tok("CLOJARS_", LOWER_ALNUM, 60)),
    (
        "cloudflare_origin_ca",
        "CF_ORIGIN_CA_KEY",
        _parts("v1.0-", (HEX, 24), "-", (HEX, 146)),
    ),
    ("duffel_live", "DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", URLSAFE, 43)),
    ("dropbox_short_lived", "DROPBOX_ACCESS_TOKEN", _tok("sl.", URLSAFE, 135)),
    ("easypost", "EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    ("flutterwave", "FLW_SECRET_KEY", _tok("FLWSECK-", HEX, 32, "-X")),
    ("frameio", "FRAMEIO_TOKEN", _tok("fio-u-", URLSAFE, 64)),
    ("intra42", "FT_CLIENT_SECRET", _tok("s-s4t2ud-", HEX, 64)),
    ("mapbox_secret", "MAPBOX_SECRET_TOKEN", _eyj_token("sk.", {"u": "maps-team"})),
    ("notion", "NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    ("notion_legacy", "NOTION_API_KEY", _tok("secret_", ALNUM, 43)),
    ("octopus_deploy", "OCTOPUS_API_KEY", _tok("API-", UPPER_ALNUM, 26)),
    ("openshift", "OPENSHIFT_TOKEN", _tok("sha256~", URLSAFE, 43)),
    ("planetscale", "PLANETSCALE_TOKEN", _tok("pscale_tkn_", URLSAFE, 43)),
    ("planetscale_password", "PLANETSCALE_DB_PASSWORD", _tok("pscale_pw_", URLSAFE, 43)),
    ("prefect", "PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    ("readme", "README_API_KEY", _tok("rdme_", LOWER_ALNUM, 70)),
    ("rubygems", "GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    ("scalingo", "SCALINGO_API_TOKEN", _tok("tk-us-", URLSAFE, 48)),
    ("brevo", "BREVO_API_KEY", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16))),
    ("shippo_live", "SHIPPO_API_KEY", _tok("shippo_live_", HEX, 40)),
    ("square_access", "SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60)),
    ("square_oauth_secret", "SQUARE_APP_SECRET", _tok("sq0csp-", URLSAFE, 43)),
    ("typeform", "TYPEFORM_TOKEN", _tok("tfp_", URLSAFE, 59)),
    ("flyio", "FLY_API_TOKEN", _tok("fo1_", URLSAFE, 43)),
    (
        "onepassword_secret_key",
        "OP_SECRET_KEY",
        _parts(
            "A3-",
            (UPPER_ALNUM, 6),
            "-",
            (UPPER_ALNUM, 11),
            "-",
            (UPPER_ALNUM, 5),
            "-",
            (UPPER_ALNUM, 5),
            "-",
            (UPPER_ALNUM, 5),
        ),
    ),
    (
        "onepassword_service_account",
        "OP_SERVICE_ACCOUNT_TOKEN",
        _eyj_token("ops_", {"signInAddress": "my.1password.com", "userAuth": "srp"}),
    ),
    ("perplexity", "PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    ("xai", "XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    ("groq", "GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    ("replicate", "REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    ("openrouter", "OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    ("nvidia_nim", "NVIDIA_API_KEY", _tok("nvapi-", URLSAFE, 64)),
    ("pinecone", "PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 5), "_", (ALNUM, 63))),
    ("langsmith", "LANGSMITH_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    ("langfuse_secret", "LANGFUSE_SECRET_KEY", lambda rng: "sk-lf-" + _uuid(rng)),
    ("elevenlabs", "ELEVENLABS_API_KEY", _tok("sk_", HEX, 48)),
    ("airtable_pat", "AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    ("buildkite", "BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    ("circleci", "CIRCLECI_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    ("render", "RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    ("supabase_pat", "SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    ("supabase_secret", "SUPABASE_SECRET_KEY", _parts("sb_secret_", (URLSAFE, 22), "_", (HEX, 8))),
    ("docker_hub", "DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 27)),
    ("jfrog_reference", "JFROG_ACCESS_TOKEN", _tok("cmVmdGtuOjAxOjE3", ALNUM, 48)),
    ("jfrog_api_key", "ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    ("harness", "HARNESS_PAT", _parts("pat.", (URLSAFE, 22), ".", (HEX, 24), ".", (ALNUM, 20))),
    ("figma", "FIGMA_TOKEN", _tok("figd_", URLSAFE, 40)),
    ("tailscale", "TS_AUTHKEY", _parts("tskey-auth-k", (ALNUM, 11), "CNTRL-", (ALNUM, 33))),
    ("resend", "RESEND_API_KEY", _parts("re_", (ALNUM, 8), "_", (ALNUM, 24))),
    ("neon", "NEON_API_KEY", _tok("napi_", LOWER_ALNUM, 64)),
    ("segment", "SEGMENT_TOKEN", _tok("sgp_", ALNUM, 64)),
    ("sourcegraph", "SRC_ACCESS_TOKEN", _parts("sgp_", (HEX, 16), "_", (HEX, 40))),
    ("contentful", "CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43)),
    ("nuget", "NUGET_API_KEY", _tok("oy2", LOWER_ALNUM, 43)),
    ("infracost", "INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    ("mailersend", "MAILERSEND_API_KEY", _tok("mlsn.", HEX, 64)),
    (
        "salesforce_access",
        "SF_ACCESS_TOKEN",
        _parts("00D", (ALNUM, 12), "!", (ALNUM, 30), ".", (URLSAFE + ".", 66)),
    ),
    ("facebook_access", "FB_ACCESS_TOKEN", _tok("EAAG", ALNUM, 180)),
    ("twitter_bearer", "TWITTER_BEARER_TOKEN", _tok("AAAAAAAAAAAAAAAAAAAAA", ALNUM + "%", 90)),
    (
        "teams_webhook",
        "TEAMS_WEBHOOK_URL",
        lambda rng: (
            f"https://contoso{rng.randint(1, 99)}.webhook.office.com/webhookb2/"
            f"{_uuid(rng)}@{_uuid(rng)}/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}"
        ),
    ),
    (
        "zapier_webhook",
        "ZAPIER_HOOK",
        _parts("https://hooks.zapier.com/hooks/catch/", (DIGITS, 7), "/", (LOWER_ALNUM, 6), "/"),
    ),
    ("beamer", "BEAMER_API_KEY", _tok("b_", URLSAFE, 44)),
    ("bitbucket_app_password", "BITBUCKET_APP_PASSWORD", _tok("ATBB", ALNUM, 32)),
    ("launchdarkly_sdk", "LAUNCHDARKLY_SDK_KEY", lambda rng: "sdk-" + _uuid(rng)),
    ("plaid_production", "PLAID_ACCESS_TOKEN", lambda rng: "access-production-" + _uuid(rng)),
    # values with no distinctive shape: only their name says what they are
    ("heroku_legacy", "HEROKU_API_KEY", _uuid),
    ("datadog_api", "DD_API_KEY", _tok("", HEX, 32)),
    ("datadog_app", "DD_APP_KEY", _tok("", HEX, 40)),
    ("azure_devops_pat", "AZURE_DEVOPS_PAT", _tok("", LOWER + "234567", 52)),
    ("cloudflare_api_token", "CLOUDFLARE_API_TOKEN", _tok("", URLSAFE, 40)),
    ("okta", "OKTA_API_TOKEN", _tok("00", URLSAFE, 40)),
    ("algolia_admin", "ALGOLIA_ADMIN_KEY", _tok("", HEX, 32)),
    ("mistral", "MISTRAL_API_KEY", _tok("", ALNUM, 32)),
    ("cohere", "COHERE_API_KEY", _tok("", ALNUM, 40)),
    ("twilio_auth_token", "TWILIO_AUTH_TOKEN", _tok("", HEX, 32)),
    ("wandb", "WANDB_API_KEY", _tok("", HEX, 40)),
    ("snyk", "SNYK_TOKEN", _uuid),
    ("azure_openai", "AZURE_OPENAI_API_KEY", _tok("", HEX, 32)),
)


def _snake(name: str) -> str:
    return name.lower()


def _camel(name: str) -> str:
    head, *rest = name.lower().split("_")
    return head + "".join(part.title() for part in rest)


def _host(family: str) -> str:
    return f"api.{family.split('_')[0]}.com"


Context = Callable[[random.Random, str, str, str], Segments]

# How a named value sits in what people paste: (rng, family, NAME, value) -> segments
NAMED_CONTEXTS: tuple[Context, ...] = (
    lambda rng, f, n, v: [
        (f"# {f.replace('_', ' ')} for staging\n{n}=", None),
        (v, SECRET),
        ("\nLOG_LEVEL=debug\n", None),
    ],
    lambda rng, f, n, v: [(f'export {n}="', None), (v, SECRET), ('"\npython manage.py run', None)],
    lambda rng, f, n, v: [
        ("services:\n  worker:\n    environment:\n      ", None),
        (f"{n}: ", None),
        (v, SECRET),
        ("\n      REGION: eu-west-1", None),
    ],
    lambda rng, f, n, v: [
        (json.dumps({"name": "worker", "env": {n: "@"}}).split("@")[0], None),
        (v, SECRET),
        ('"}}', None),
    ],
    lambda rng, f, n, v: [
        (f'[{f.split("_")[0]}]\n{_snake(n)} = "', None),
        (v, SECRET),
        ('"\ntimeout = 30', None),
    ],
    lambda rng, f, n, v: [
        (f"docker run --rm -e {n}=", None),
        (v, SECRET),
        (" ghcr.io/acme/worker:1.4.2", None),
    ],
    lambda rng, f, n, v: [
        (f'        - name: {n}\n          value: "', None),
        (v, SECRET),
        ('"', None),
    ],
    lambda rng, f, n, v: [
        (f'os.environ["{n}"] = "', None),
        (v, SECRET),
        ('"  # TODO remove before merge', None),
    ],
    lambda rng, f, n, v: [
        (f"const config = {{\n  {_camel(n)}: '", None),
        (v, SECRET),
        ("',\n  retries: 3,\n};", None),
    ],
    lambda rng, f, n, v: [
        (f'\t{_camel(n)} := "', None),
        (v, SECRET),
        ('"\n\tclient := NewClient(' + _camel(n) + ")", None),
    ],
    lambda rng, f, n, v: [
        (f"hey, {n} on the build box is ", None),
        (v, SECRET),
        (" — can you check why it 401s?", None),
    ],
    lambda rng, f, n, v: [
        (f"2026-11-30T09:14:02Z WARN config loaded {n}=", None),
        (v, SECRET),
        (" source=env", None),
    ],
    lambda rng, f, n, v: [
        (f'$env:{n} = "', None),
        (v, SECRET),
        ('"\n.\\deploy.ps1 -Stage prod', None),
    ],
    lambda rng, f, n, v: [
        (f"| variable | value |\n|---|---|\n| `{n}` | `", None),
        (v, SECRET),
        ("` |", None),
    ],
    lambda rng, f, n, v: [
        (f"      - run: ./release.sh\n        env:\n          {n}: ", None),
        (v, SECRET),
        ("\n", None),
    ],
    lambda rng, f, n, v: [(f'{n.lower()}: "', None), (v, SECRET), ('"  # rotated last week', None)],
)

# Contexts for tokens whose own shape names the vendor: no variable name around them
BARE_CONTEXTS: tuple[Context, ...] = (
    lambda rng, f, n, v: [
        ("here's the token from the vault, use it for the migration: ", None),
        (v, SECRET),
    ],
    lambda rng, f, n, v: [
        ('curl -sS -H "Authorization: Bearer ', None),
        (v, SECRET),
        (f'" https://{_host(f)}/v1/me | jq .', None),
    ],
    lambda rng, f, n, v: [
        (
            'Traceback (most recent call last):\n  File "sync.py", line 41, in <module>\n'
            "    client.login()\nAuthError: token rejected: '",
            None,
        ),
        (v, SECRET),
        ("'", None),
    ],
    lambda rng, f, n, v: [
        ("Rotated it. New one:\n\n", None),
        (v, SECRET),
        ("\n\nold one is revoked.", None),
    ],
    lambda rng, f, n, v: [
        ('client = Client(token="', None),
        (v, SECRET),
        ('", timeout=30)', None),
    ],
    lambda rng, f, n, v: [
        ("git commit -m 'wip' # oops, pushed ", None),
        (v, SECRET),
        (" in settings.py", None),
    ],
)

NAME_ONLY = frozenset(
    {
        "heroku_legacy",
        "datadog_api",
        "datadog_app",
        "azure_devops_pat",
        "cloudflare_api_token",
        "okta",
        "algolia_admin",
        "mistral",
        "cohere",
        "twilio_auth_token",
        "wandb",
        "snyk",
        "azure_openai",
        "mailchimp",
        "twilio_api_key",
    }
)


def _generated(rng: random.Random) -> list[Case]:
    cases = []
    for family, name, token in VENDORS:
        for repeat in range(2):
            pool = NAMED_CONTEXTS if family in NAME_ONLY or repeat == 0 else BARE_CONTEXTS
            segments = rng.choice(pool)(rng, family, name, token(rng))
            cases.append(Case(family, "generated", *_join(segments)))
    return cases


# --- literal: credentials in the ways people and the suites write them -----------------

WORDS = ("Harbor", "Juniper", "Copper", "Saffron", "Glacier", "Nimbus", "Pepper", "Walnut")
USERS = ("admin", "deploy", "svc_backup", "root", "etl_user", "grafana", "jenkins", "app")
HOSTS = ("db-prod-2.internal", "10.20.3.14", "pg.acme.io", "mysql.eu-1.acme.net", "cache-01")


SYMBOLS = "!#$%&*@"
URL_SYMBOLS = "-_.~"  # safe unescaped in a URL's user-info and in an unquoted shell word


def _password(rng: random.Random, symbols: str = SYMBOLS) -> str:
    """A password as people or generators make them."""
    style = rng.randrange(4)
    if style == 0:
        word, symbol = rng.choice(WORDS), rng.choice(symbols)
        return f"{word}{symbol}{rng.randint(100, 9999)}{_chars(rng, LOWER, 2)}"
    if style == 1:
        return _chars(rng, ALNUM + symbols + "-_", rng.randint(14, 24))
    if style == 2:
        return "-".join(rng.choice(WORDS).lower() for _ in range(3)) + str(rng.randint(10, 99))
    return _chars(rng, ALNUM, rng.randint(16, 32))


def _secret(rng: random.Random) -> str:
    return rng.choice((_chars(rng, ALNUM, 40), _chars(rng, HEX, 64), _b64(rng.randbytes(32))))


def _pem(rng: random.Random, kind: str, sep: str = "\n") -> str:
    body = _b64(rng.randbytes(rng.choice((600, 900, 1190))))
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return sep.join([f"-----BEGIN {kind}-----", *lines, f"-----END {kind}-----"])


Literal = Callable[[random.Random], Segments]


def _curl_user(rng: random.Random) -> Segments:
    user = rng.choice(USERS)
    flag = rng.choice(("-u", "--user"))
    pw = _password(rng)
    return [
        (f"curl {flag} '{user}:", None),
        (pw, SECRET),
        ("' -X POST https://jenkins.acme.io/job/deploy/build", None),
    ]


def _basic_header(rng: random.Random) -> Segments:
    blob = _b64(f"{rng.choice(USERS)}:{_password(rng)}".encode())
    return [
        ("GET /api/v2/items HTTP/1.1\nHost: registry.acme.io\nAuthorization: Basic ", None),
        (blob, SECRET),
        ("\nAccept: */*", None),
    ]


def _token_header(rng: random.Random) -> Segments:
    scheme = rng.choice(("Token", "Bearer", "token"))
    return [
        (f"requests.get(url, headers={{'Authorization': '{scheme} ", None),
        (_chars(rng, rng.choice((HEX, ALNUM)), 40), SECRET),
        ("'})", None),
    ]


def _x_api_key_header(rng: random.Random) -> Segments:
    name = rng.choice(("X-API-Key", "x-api-key", "X-Auth-Token", "Api-Key"))
    return [
        (f'curl https://api.internal.acme.io/v3/reports -H "{name}: ', None),
        (_chars(rng, ALNUM, 32), SECRET),
        ('"', None),
    ]


def _db_url(rng: random.Random) -> Segments:
    scheme, port = rng.choice(
        (
            ("postgresql", 5432),
            ("mysql", 3306),
            ("mongodb+srv", None),
            ("redis", 6379),
            ("amqp", 5672),
            ("mssql+pyodbc", 1433),
        )
    )
    user = "" if scheme == "redis" and rng.random() < 0.5 else rng.choice(USERS)
    host = rng.choice(HOSTS) + (f":{port}" if port else "")
    return [
        (f"DATABASE_URL={scheme}://{user}:", None),
        (_password(rng, URL_SYMBOLS), SECRET),
        (f"@{host}/app", None),
    ]


def _url_in_log(rng: random.Random) -> Segments:
    return [
        (
            "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect\n"
            f"[SQL: connect] url=postgresql://{rng.choice(USERS)}:",
            None,
        ),
        (_password(rng, URL_SYMBOLS), SECRET),
        ("@db-prod-2.internal:5432/orders", None),
    ]


def _git_url(rng: random.Random) -> Segments:
    return [
        ("git clone https://oauth2:", None),
        (_chars(rng, ALNUM, 32), SECRET),
        ("@git.acme.io/platform/infra.git", None),
    ]


def _jdbc(rng: random.Random) -> Segments:
    return [
        ("spring.datasource.url=jdbc:postgresql://pg.acme.io:5432/app?user=app&password=", None),
        (_password(rng, URL_SYMBOLS), SECRET),
        ("&ssl=true", None),
    ]


def _ado_connection(rng: random.Random) -> Segments:
    return [
        (f"Server=tcp:{rng.choice(HOSTS)},1433;Database=billing;User Id=sa;Password=", None),
        (_password(rng), SECRET),
        (";Encrypt=True;", None),
    ]


def _azure_storage(rng: random.Random) -> Segments:
    return [
        ("DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=", None),
        (_b64(rng.randbytes(64)), SECRET),
        (";EndpointSuffix=core.windows.net", None),
    ]


def _assignment(lang: str) -> Literal:
    """A credential-named variable set to a value, in one language's syntax."""
    templates = {
        "python": ('{n} = "', '"', "db_password"),
        "java": ('private static final String {n} = "', '";', "DB_PASSWORD"),
        "csharp": ('var {n} = "', '";', "connectionPassword"),
        "go": ('{n} := "', '"', "apiSecret"),
        "ruby": ("{n} = '", "'", "smtp_password"),
        "php": ("$config['{n}'] = '", "';", "db_pass"),
        "rust": ('let {n} = "', '";', "api_token"),
        "kotlin": ('val {n} = "', '"', "clientSecret"),
        "swift": ('let {n} = "', '"', "authToken"),
        "js": ("export const {n} = '", "';", "SECRET_KEY"),
        "shell": ("{n}='", "' ./backup.sh", "MYSQL_PWD"),
        "properties": ("{n}=", "", "mail.smtp.password"),
        "ini": ("[database]\nhost = db1\n{n} = ", "\n", "password"),
        "yaml": ("redis:\n  host: cache-01\n  {n}: ", "\n  db: 0", "password"),
        "toml": ('[auth]\n{n} = "', '"', "client_secret"),
        "terraform": ('resource "aws_db_instance" "main" {{\n  {n} = "', '"\n}}', "password"),
        "xml": ("<datasource>\n  <user>app</user>\n  <{n}>", "</{n}>\n</datasource>", "password"),
        "hcl_vault": ('secret "app" {{\n  {n} = "', '"\n}}', "api_key"),
        "dotnet_json": ('"ConnectionStrings": {{ }},\n"Jwt": {{ "{n}": "', '" }}', "SigningKey"),
        "ansible": ("ansible_user: deploy\n{n}: ", "\n", "ansible_become_password"),
    }
    head, tail, name = templates[lang]

    def build(rng: random.Random) -> Segments:
        value = _password(rng) if "pass" in name.lower() or "pwd" in name.lower() else _secret(rng)
        return [(head.format(n=name), None), (value, SECRET), (tail.format(n=name), None)]

    return build


def _suffixed_name(rng: random.Random) -> Segments:
    name = rng.choice(
        (
            "api_token_2",
            "mySecretString",
            "stripeSecretKeyProd",
            "X_AUTH_TOKEN_V2",
            "secretAccessKey",
            "db_password_old",
            "AUTH_SECRET_PRIMARY",
            "pwd_admin",
        )
    )
    return [(f'{name} = "', None), (_secret(rng), SECRET), ('"', None)]


def _set_property(rng: random.Random) -> Segments:
    call = rng.choice(
        (
            'System.setProperty("db.password", "',
            'props.put("api.secret", "',
            'config.set("auth", "token", "',
            'conf.setString("s3.secret-key", "',
        )
    )
    return [(call, None), (_secret(rng), SECRET), ('");', None)]


def _code_call(rng: random.Random) -> Segments:
    head, value, tail = rng.choice(
        (
            ('conn = psycopg2.connect(host="db1", user="etl", password="', _password(rng), '")'),
            ('session.auth = ("admin", "', _password(rng), '")'),
            ('client = boto3.client("s3", aws_secret_access_key="', _chars(rng, B64, 40), '")'),
            (
                'mysql.createConnection({ host: "db1", user: "app", password: "',
                _password(rng),
                '" })',
            ),
            ('sql.Open("mysql", "app:', _password(rng, URL_SYMBOLS), '@tcp(db1:3306)/orders")'),
            ('smtp.login("alerts@acme.io", "', _password(rng), '")'),
        )
    )
    return [(head, None), (value, SECRET), (tail, None)]


def _cli_flag(rng: random.Random) -> Segments:
    head, tail = rng.choice(
        (
            ("mysql -h db1 -u root -p'", "' orders < dump.sql"),
            ("docker login registry.acme.io -u ci -p ", ""),
            ("sshpass -p '", "' ssh deploy@10.20.3.14"),
            ("mysqldump --user=backup --password=", " --all-databases > all.sql"),
            ("PGPASSWORD=", " psql -h pg.acme.io -U app orders"),
            ("az login --service-principal -u 3f1c0a9e-app -p ", " --tenant acme.onmicrosoft.com"),
            ("openssl pkcs12 -export -in cert.pem -passout pass:", " -out bundle.p12"),
            ("net use \\\\fileserver\\share /user:ACME\\svc_backup ", ""),
            ("htpasswd -b -c .htpasswd admin ", ""),
            ("redis-cli -h cache-01 -a ", " INFO"),
        )
    )
    return [(head, None), (_password(rng, URL_SYMBOLS), SECRET), (tail, None)]


def _prose(rng: random.Random) -> Segments:
    head, tail = rng.choice(
        (
            ("the password for the staging box is ", ", don't share it"),
            ("creds for the vendor portal: admin / ", ""),
            ("pw: ", " (temporary, change on first login)"),
            ("Can you try logging in as svc_report with password ", "? It worked for me."),
            ("I reset it, new password → ", ""),
            ("the wifi password at the office is ", ""),
            ("login: deploy\npassword: ", "\nport: 22"),
        )
    )
    return [(head, None), (_password(rng), SECRET), (tail, None)]


def _table(rng: random.Random) -> Segments:
    return [
        ("| env | user | password |\n|-----|------|----------|\n| prod | admin | ", None),
        (_password(rng), SECRET),
        (" |\n| dev | admin | see vault |", None),
    ]


def _log_line(rng: random.Random) -> Segments:
    return [
        (
            "[2026-11-28 22:41:07,118] DEBUG auth.client: POST /oauth/token "
            "grant_type=client_credentials&client_id=reports&client_secret=",
            None,
        ),
        (_chars(rng, URLSAFE, 40), SECRET),
        (" -> 200", None),
    ]


def _aws_credentials(rng: random.Random) -> Segments:
    return [
        (
            "[default]\naws_access_key_id = AKIA"
            + _chars(rng, BASE32, 16)
            + "\naws_secret_access_key = ",
            None,
        ),
        (_chars(rng, B64, 40), SECRET),
        ("\nregion = eu-west-1", None),
    ]


def _aws_secret_named(rng: random.Random) -> Segments:
    head, tail = rng.choice(
        (
            ("AWS_SECRET_ACCESS_KEY=", ""),
            ("aws_secret_key: ", ""),
            ('{"AccessKeyId": "ASIA' + _chars(rng, BASE32, 16) + '", "SecretAccessKey": "', '"}'),
        )
    )
    return [(head, None), (_chars(rng, B64, 40), SECRET), (tail, None)]


def _private_key(rng: random.Random) -> Segments:
    kind = rng.choice(
        (
            "RSA PRIVATE KEY",
            "OPENSSH PRIVATE KEY",
            "EC PRIVATE KEY",
            "PRIVATE KEY",
            "PGP PRIVATE KEY BLOCK",
            "ENCRYPTED PRIVATE KEY",
        )
    )
    return [
        ("here is the deploy key, paste it into ~/.ssh/id_deploy:\n\n", None),
        (_pem(rng, kind), SECRET),
        ("\n", None),
    ]


def _service_account(rng: random.Random) -> Segments:
    key = _pem(rng, "PRIVATE KEY", "\\n")
    head = json.dumps(
        {
            "type": "service_account",
            "project_id": "acme-data-prod",
            "private_key_id": _chars(rng, HEX, 40),
        }
    )[:-1]
    tail = '\\n", "client_email": "etl@acme-data-prod.iam.gserviceaccount.com"}'
    escaped = rng.random() < 0.5
    if escaped:  # the JSON itself pasted as a string value
        head, key, tail = (
            head.replace('"', '\\"'),
            key.replace("\\n", "\\\\n"),
            tail.replace('"', '\\"').replace("\\n", "\\\\n"),
        )
        return [
            ('{"credentials": "' + head + ', \\"private_key\\": \\"', None),
            (key, SECRET),
            (tail + '"}', None),
        ]
    return [(head + ', "private_key": "', None), (key, SECRET), (tail, None)]


def _jwt_literal(rng: random.Random) -> Segments:
    return [
        ("Authorization: Bearer ", None),
        (_jwt(rng), SECRET),
        ("\nContent-Type: application/json", None),
    ]


def _framework_key(rng: random.Random) -> Segments:
    head, value, tail = rng.choice(
        (
            ("SECRET_KEY = '", _chars(rng, LOWER_ALNUM + "!@#$%^&*(-_=+)", 50), "'"),
            ("app.secret_key = b'", _chars(rng, HEX, 48), "'"),
            ("secret_key_base: ", _chars(rng, HEX, 128), ""),
            ("JWT_SECRET=", _b64(rng.randbytes(48)), ""),
            ("NEXTAUTH_SECRET=", _b64(rng.randbytes(32)), ""),
            ("ENCRYPTION_KEY=base64:", _b64(rng.randbytes(32)), ""),
        )
    )
    return [(head, None), (value, SECRET), (tail, None)]


def _pgpass(rng: random.Random) -> Segments:
    return [
        (f"{rng.choice(HOSTS)}:5432:orders:{rng.choice(USERS)}:", None),
        (_password(rng), SECRET),
        ("", None),
    ]


def _netrc(rng: random.Random) -> Segments:
    return [
        ("machine api.heroku.com\n  login ops@acme.io\n  password ", None),
        (
            _chars(rng, HEX, 8)
            + "-"
            + _chars(rng, HEX, 4)
            + "-"
            + _chars(rng, HEX, 4)
            + "-"
            + _chars(rng, HEX, 4)
            + "-"
            + _chars(rng, HEX, 12),
            SECRET,
        ),
        ("\n", None),
    ]


def _npmrc(rng: random.Random) -> Segments:
    return [
        ("registry=https://npm.acme.io/\n//npm.acme.io/:_authToken=", None),
        (_uuid(rng) if rng.random() < 0.5 else _chars(rng, ALNUM, 36), SECRET),
        ("\n", None),
    ]


def _docker_config(rng: random.Random) -> Segments:
    blob = _b64(f"ci:{_password(rng)}".encode())
    return [('{"auths": {"registry.acme.io": {"auth": "', None), (blob, SECRET), ('"}}}', None)]


def _k8s_secret(rng: random.Random) -> Segments:
    return [
        (
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n"
            "  password: ",
            None,
        ),
        (_b64(_password(rng).encode()), SECRET),
        ("\n", None),
    ]


def _powershell(rng: random.Random) -> Segments:
    return [
        ('$pw = ConvertTo-SecureString "', None),
        (_password(rng), SECRET),
        ('" -AsPlainText -Force', None),
    ]


def _webhook_secret(rng: random.Random) -> Segments:
    name = rng.choice(("GITHUB_WEBHOOK_SECRET", "signing_secret", "HMAC_KEY"))
    return [(f"{name}: ", None), (_chars(rng, HEX, 40), SECRET), ("", None)]


LITERALS: tuple[tuple[str, Literal, int], ...] = (
    ("curl_user", _curl_user, 6),
    ("basic_header", _basic_header, 5),
    ("token_header", _token_header, 4),
    ("api_key_header", _x_api_key_header, 4),
    ("connection_url", _db_url, 8),
    ("url_in_log", _url_in_log, 3),
    ("git_credential_url", _git_url, 3),
    ("jdbc_password", _jdbc, 2),
    ("ado_connection_string", _ado_connection, 3),
    ("azure_storage_key", _azure_storage, 3),
    ("suffixed_name", _suffixed_name, 5),
    ("set_property", _set_property, 4),
    ("code_call", _code_call, 6),
    ("cli_flag", _cli_flag, 10),
    ("prose", _prose, 7),
    ("table", _table, 2),
    ("log_client_secret", _log_line, 2),
    ("aws_credentials_file", _aws_credentials, 3),
    ("aws_secret_named", _aws_secret_named, 3),
    ("private_key", _private_key, 6),
    ("service_account_json", _service_account, 4),
    ("jwt_bearer", _jwt_literal, 3),
    ("framework_secret", _framework_key, 6),
    ("pgpass", _pgpass, 2),
    ("netrc", _netrc, 2),
    ("npmrc", _npmrc, 2),
    ("docker_config_auth", _docker_config, 2),
    ("k8s_secret_data", _k8s_secret, 2),
    ("powershell_securestring", _powershell, 2),
    ("webhook_secret", _webhook_secret, 3),
    *(
        (f"assignment_{lang}", _assignment(lang), 1)
        for lang in (
            "python",
            "java",
            "csharp",
            "go",
            "ruby",
            "php",
            "rust",
            "kotlin",
            "swift",
            "js",
            "shell",
            "properties",
            "ini",
            "yaml",
            "toml",
            "terraform",
            "xml",
            "hcl_vault",
            "dotnet_json",
            "ansible",
        )
    ),
)


def _literals(rng: random.Random) -> list[Case]:
    return [
        Case(family, "literal", *_join(build(rng)))
        for family, build, count in LITERALS
        for _ in range(count)
    ]


# --- negatives: what must not fire ------------------------------------------------------

Text = Callable[[random.Random], str]
Option = str | Text


def _sequence_token(prefix: str, length: int) -> str:
    """A documentation-style filler: the alphabet in order."""
    return prefix + (ALNUM * 3)[:length]


def _pem_option(kind: str) -> Text:
    return lambda rng: _pem(rng, kind)


# family -> (every text the family holds, whether no finding on it may be critical)
NEGATIVES: dict[str, tuple[tuple[Option, ...], bool]] = {
    "placeholder_angle": (
        (
            "OPENAI_API_KEY=<your-api-key>",
            'api_key: "<YOUR_API_KEY>"',
            "Authorization: Bearer <token>",
            "export GITHUB_TOKEN=<paste token here>",
            "password: <password>",
            "curl -u <username>:<password> https://ci.acme.io/api/json",
            "mysql -u root -p<PASSWORD> orders",
        ),
        True,
    ),
    "placeholder_words": (
        (
            'STRIPE_SECRET_KEY="your_stripe_secret_key_here"',
            "DB_PASSWORD=changeme",
            "password = 'password'",
            "api_key = 'INSERT_API_KEY_HERE'",
            "token: replace-with-your-token",
            "SECRET_KEY=dev-secret-key-change-me",
            "client_secret = 'YOUR_CLIENT_SECRET'",
            "password: secret",
            "HF_TOKEN=hf_your_token_goes_here",
            "ANTHROPIC_API_KEY=sk-ant-your-key",
            "postgres://user:password@localhost:5432/mydb",
            "redis://:yourpassword@localhost:6379",
            "aws_secret_access_key = YOUR_SECRET_ACCESS_KEY",
            "SLACK_BOT_TOKEN=xoxb-your-bot-token",
        ),
        True,
    ),
    "placeholder_masked": (
        (
            "password: ********",
            "api_key = '" + "x" * 32 + "'",
            "OPENAI_API_KEY=sk-...",
            "GITHUB_TOKEN=ghp_" + "x" * 36,
            "token: sk_live_" + "X" * 24,
            "AWS_SECRET_ACCESS_KEY=" + "*" * 40,
            "slack: xoxb-" + "X" * 12 + "-" + "X" * 13 + "-" + "x" * 24,
            "postgres://app:****@db-prod-2.internal:5432/orders",
            "Authorization: Basic [REDACTED]",
            "client_secret=<redacted>",
        ),
        True,
    ),
    "documentation_example": (
        (
            "aws_access_key_id = AKIA" + "IOSFODNN7" + "EXAMPLE",
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY",
            lambda rng: "token = " + _sequence_token("ghp_", 36),
            lambda rng: "api_key: " + _sequence_token("sk-", 32),
            "STRIPE_KEY=sk_live_" + "1234567890" * 2 + "abcd",
            "password: example-password",
            "secret: dummy_secret_value",
            "TOKEN=" + "0" * 40,
            "api_key=" + "abcdef" * 6,
            "password=" + "1234567890" * 2,
            "# e.g. GITLAB_TOKEN=glpat-" + "xxxxxxxxxxxxxxxxxxxx",
        ),
        True,
    ),
    "empty_assignment": (
        (
            "DB_PASSWORD=\nDB_HOST=localhost\nDB_PORT=5432",
            'password: ""',
            '{"token": null}',
            "api_key = None",
            "SECRET_KEY=''",
            "<password></password>",
            "client_secret:\n  region: eu",
            "export AWS_SECRET_ACCESS_KEY=",
            "API_TOKEN=\n",
            '"apiKey": "",\n"endpoint": "https://api.acme.io"',
            'String password = "";',
            "password=\n2001:db8::1",
        ),
        True,
    ),
    "env_reference": (
        (
            "password: ${DB_PASSWORD}",
            "token = os.environ['GITHUB_TOKEN']",
            "apiKey: process.env.OPENAI_API_KEY",
            "password: {{ .Values.db.password }}",
            "token: ${{ secrets.NPM_TOKEN }}",
            "api_key = os.getenv('API_KEY')",
            'curl -u "$USER:$PASS" https://ci.acme.io',
            "Authorization: Bearer $TOKEN",
            "PASSWORD=%(db_password)s",
            "password = ENV.fetch('DB_PASSWORD')",
            "secret: {{ lookup('env', 'SECRET') }}",
            "DATABASE_URL=postgres://app:${PGPASSWORD}@db:5432/app",
            'String key = System.getenv("STRIPE_SECRET_KEY");',
            "token: !Ref GitHubTokenParameter",
            "password: '{{resolve:secretsmanager:prod/db:SecretString:password}}'",
            "$env:API_KEY = $(op read op://vault/acme/api-key)",
        ),
        True,
    ),
    "secret_file_reference": (
        (
            "password_file: /run/secrets/db_password",
            'passwordFile = "/etc/app/pass.txt"',
            "valueFrom:\n  secretKeyRef:\n    name: db\n    key: password",
            "api_key_path: ~/.config/acme/key",
            "token_file=/var/run/secrets/kubernetes.io/serviceaccount/token",
            "GOOGLE_APPLICATION_CREDENTIALS=/secrets/sa.json",
        ),
        True,
    ),
    "password_in_prose": (
        (
            "I forgot my password again, can you send the reset link?",
            "password must be at least 12 characters and contain a digit",
            "the token expired so the job failed overnight",
            "please rotate the API key after the offboarding",
            "where do we keep the prod database password these days?",
            "def login(username: str, password: str) -> Session:",
            "password = getpass.getpass('Password: ')",
            "if (password == null || password.isEmpty()) throw new AuthException();",
            "password = request.form['password']",
            "Enter passphrase for key '/home/ops/.ssh/id_ed25519':",
            "error: invalid_client (client secret is wrong or expired)",
            "self.password = password",
            "token_type: bearer\nexpires_in: 3600",
        ),
        True,
    ),
    "checksum": (
        (
            lambda rng: f"{_chars(rng, HEX, 64)}  airflow-3.1.0.tar.gz",
            lambda rng: f"sha256sum: {_chars(rng, HEX, 64)}",
            lambda rng: f"md5: {_chars(rng, HEX, 32)}",
            lambda rng: f"pip install acme==2.1.0 --hash=sha256:{_chars(rng, HEX, 64)}",
            lambda rng: f'"integrity": "sha512-{_b64(rng.randbytes(64))}"',
            lambda rng: f"github.com/acme/lib v1.4.2 h1:{_b64(rng.randbytes(32))}",
            lambda rng: f'checksum = "{_chars(rng, HEX, 64)}"',
            lambda rng: f"oid sha256:{_chars(rng, HEX, 64)}\nsize {rng.randint(1000, 999999)}",
            lambda rng: f"SHA256 ({_chars(rng, LOWER, 6)}.zip) = {_chars(rng, HEX, 64)}",
            lambda rng: (
                f'resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#{_chars(rng, HEX, 40)}"'
            ),
            lambda rng: f"sha1 of the file: {_chars(rng, HEX, 40)}",
            lambda rng: f"expected md5 {_chars(rng, HEX, 32)}, got {_chars(rng, HEX, 32)}",
            lambda rng: f"blake2b: {_chars(rng, HEX, 128)}",
        ),
        True,
    ),
    "commit_sha": (
        (
            lambda rng: (
                f"commit {_chars(rng, HEX, 40)}\nMerge: {_chars(rng, HEX, 7)} {_chars(rng, HEX, 7)}"
            ),
            lambda rng: f"fixed in {_chars(rng, HEX, 40)}, please pull",
            lambda rng: f"uses: actions/checkout@{_chars(rng, HEX, 40)}",
            lambda rng: f"git cherry-pick {_chars(rng, HEX, 12)}",
            lambda rng: f"revision: {_chars(rng, HEX, 40)}\nbranch: main",
            lambda rng: f'"gitHead": "{_chars(rng, HEX, 40)}"',
        ),
        True,
    ),
    "image_digest": (
        (
            lambda rng: f"image: ghcr.io/acme/api@sha256:{_chars(rng, HEX, 64)}",
            lambda rng: f"FROM python:3.12-slim@sha256:{_chars(rng, HEX, 64)}",
            lambda rng: f"Digest: sha256:{_chars(rng, HEX, 64)}",
            lambda rng: f"Status: Downloaded newer image\nid: sha256:{_chars(rng, HEX, 64)}",
        ),
        True,
    ),
    "uuid_id": (
        (
            lambda rng: f"request_id: {_uuid(rng)}",
            lambda rng: f'{{"id": "{_uuid(rng)}", "status": "queued"}}',
            lambda rng: f"X-Request-ID: {_uuid(rng)}",
            lambda rng: f'tenant_id = "{_uuid(rng)}"',
            lambda rng: f"correlationId={_uuid(rng)} level=info msg=done",
            lambda rng: f'ProjectGuid = "{{{_uuid(rng).upper()}}}"',
            lambda rng: f"subscription_id: {_uuid(rng)}",
            lambda rng: f"AZURE_CLIENT_ID={_uuid(rng)}",
            lambda rng: f"GET /api/v1/orders/{_uuid(rng)} 404",
        ),
        True,
    ),
    "trace_ids": (
        (
            lambda rng: f"trace_id={_chars(rng, HEX, 32)} span_id={_chars(rng, HEX, 16)}",
            lambda rng: f"x-amz-request-id: {_chars(rng, UPPER_ALNUM, 16)}",
            lambda rng: f"req_{_chars(rng, ALNUM, 14)} failed with 502",
            lambda rng: f"traceparent: 00-{_chars(rng, HEX, 32)}-{_chars(rng, HEX, 16)}-01",
            lambda rng: f"cf-ray: {_chars(rng, HEX, 16)}-FRA",
        ),
        True,
    ),
    "version": (
        (
            "version: 3.12.1",
            "apache-airflow==3.1.0",
            "Release v2.31.0-rc.1 is out",
            "node@20.11.0",
            '"version": "4.0.0-beta.3+build.1187"',
            "go 1.22.4",
            "Chrome/131.0.6778.86 Safari/537.36",
            "kernel 6.8.0-49-generic",
            'terraform {\n  required_version = ">= 1.9.0"\n}',
        ),
        True,
    ),
    "port_host": (
        (
            "postgres://db-prod-2.internal:5432/orders",
            "localhost:6379",
            "port=5432",
            "server: http://10.20.3.14:8080/health",
            "redis://cache-01:6379/0",
            "mongodb://mongo-0.mongo:27017,mongo-1.mongo:27017/?replicaSet=rs0",
            "jdbc:postgresql://pg.acme.io:5432/app",
            "EXPOSE 8443",
            'ports:\n  - "8080:80"',
            "https://grafana.acme.io:3000/d/abc/overview?orgId=1",
        ),
        True,
    ),
    "ip_address": (
        (
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
            "listen [::1]:8080;",
            "fe80::1ff:fe23:4567:890a%eth0",
            "allowed_ips = 10.0.0.0/8, 192.168.1.0/24",
            "inet6 2a01:4f8:c17:b8f::2/64 scope global",
            "nameserver 1.1.1.1",
            "Subnet: 172.16.0.0/12",
            "host all all ::1/128 md5",
            "ip6: 2606:4700:4700:0000:0000:0000:0000:1111",
        ),
        True,
    ),
    "date_time": (
        (
            "2026-12-07T13:55:00Z",
            "Dec  7 13:55:01 web-1 sshd[2211]: session opened",
            "created_at: 2025-03-14 09:26:53.589793+00",
            "expires: Tue, 09 Dec 2026 08:00:00 GMT",
            lambda rng: f"timestamp={rng.randint(1_700_000_000_000, 1_790_000_000_000)}",
            "cron: '30 2 * * 1-5'",
        ),
        True,
    ),
    "build_coordinate": (
        (
            "com.fasterxml.jackson.core:jackson-databind:2.17.1",
            "implementation 'org.apache.iceberg:iceberg-core:1.6.0'",
            "image: python:3.12-slim-bookworm",
            "org.springframework.boot:spring-boot-starter-web:3.3.2",
            "pkg:npm/%40babel/core@7.24.7",
            "arn:aws:iam::123456789012:role/airflow-worker",
            "<artifactId>maven-surefire-plugin</artifactId><version>3.2.5</version>",
        ),
        True,
    ),
    "public_key": (
        (
            lambda rng: f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{_chars(rng, B64, 43)} ops@laptop",
            lambda rng: f"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ{_chars(rng, B64, 300)} deploy@ci",
            _pem_option("PUBLIC KEY"),
            _pem_option("CERTIFICATE"),
            lambda rng: "STRIPE_PUBLISHABLE_KEY=pk_live_" + _chars(rng, ALNUM, 24),
            lambda rng: (
                "mapboxgl.accessToken = 'pk."
                + _b64url(b'{"u":"acme"}')
                + f".{_chars(rng, URLSAFE, 22)}';"
            ),
            lambda rng: "LANGFUSE_PUBLIC_KEY=pk-lf-" + _uuid(rng),
            lambda rng: "NEXT_PUBLIC_POSTHOG_KEY=phc_" + _chars(rng, ALNUM, 43),
        ),
        True,
    ),
    "test_mode_key": (
        (
            lambda rng: "STRIPE_SECRET_KEY=sk_test_" + _chars(rng, ALNUM, 24),
            lambda rng: "rk_test_" + _chars(rng, ALNUM, 24),
            lambda rng: "FLW_SECRET_KEY=FLWSECK_TEST-" + _chars(rng, HEX, 32) + "-X",
            lambda rng: "DUFFEL_TOKEN=duffel_test_" + _chars(rng, URLSAFE, 43),
            lambda rng: "SHIPPO_API_KEY=shippo_test_" + _chars(rng, HEX, 40),
            lambda rng: "PLAID_ACCESS_TOKEN=access-sandbox-" + _uuid(rng),
        ),
        False,
    ),
    "truncated_prefix": (
        (
            "GitHub tokens start with ghp_ and are 40 characters long",
            "the key looks like sk-proj-… but it's truncated in the screenshot",
            "AWS access key IDs begin with AKIA (long-term) or ASIA (temporary)",
            "slack bot tokens are xoxb- followed by numbers",
            lambda rng: "api_key=sk-…" + _chars(rng, ALNUM, 4),
            lambda rng: f"key ending in ****{_chars(rng, ALNUM, 4)} was revoked",
            lambda rng: f"token: ghp_****{_chars(rng, ALNUM, 4)}",
            lambda rng: f"glpat-{_chars(rng, URLSAFE, 4)}… (first chars only)",
        ),
        True,
    ),
    "non_credential_key_name": (
        (
            lambda rng: f'sort_key = "{_chars(rng, ALNUM, 24)}"',
            lambda rng: f"cache_key: {_chars(rng, HEX, 40)}",
            lambda rng: f'partition_key = "{_chars(rng, LOWER_ALNUM, 20)}"',
            lambda rng: f'"primary_key": "{_chars(rng, HEX, 24)}"',
            lambda rng: f"idempotency_key={_uuid(rng)}",
            lambda rng: f'object_key = "uploads/2026/12/{_chars(rng, HEX, 32)}.png"',
            lambda rng: f'ETag: "{_chars(rng, HEX, 32)}"',
            lambda rng: f"dedupe_key: {_chars(rng, HEX, 64)}",
            lambda rng: f"key_id: {_chars(rng, HEX, 16)}",
            lambda rng: f'"kid": "{_chars(rng, URLSAFE, 43)}"',
            lambda rng: f"ssh fingerprint SHA256:{_chars(rng, B64, 43)}",
            lambda rng: f"monkey_patch_token_count = {rng.randint(100, 9999)}",
            lambda rng: f"tokens_used: {rng.randint(100, 99999)}",
            lambda rng: f"keyboard_layout: {rng.choice(('de', 'us', 'fr'))}",
            lambda rng: f'"row_key": "{_chars(rng, ALNUM, 22)}"',
            lambda rng: f"routing_key={_chars(rng, LOWER, 8)}.events",
        ),
        True,
    ),
    "random_non_secret": (
        (
            lambda rng: f'<img src="data:image/png;base64,{_b64(rng.randbytes(90))}">',
            lambda rng: f"main.{_chars(rng, HEX, 8)}.js   {rng.randint(10, 900)} kB",
            lambda rng: f"CONTAINER ID   IMAGE\n{_chars(rng, HEX, 12)}   nginx:1.27",
            lambda rng: (
                f"api-{_chars(rng, LOWER_ALNUM, 9)}-{_chars(rng, LOWER_ALNUM, 5)}   1/1   Running"
            ),
            lambda rng: (
                f"customer cus_{_chars(rng, ALNUM, 14)} charged via ch_{_chars(rng, ALNUM, 24)}"
            ),
            lambda rng: (
                f"channel C0{_chars(rng, UPPER_ALNUM, 8)} user U0{_chars(rng, UPPER_ALNUM, 8)}"
            ),
            lambda rng: (
                f"Twilio account AC{_chars(rng, HEX, 32)} sent {rng.randint(2, 90)} messages"
            ),
            lambda rng: f"bucket acme-artifacts-{_chars(rng, LOWER_ALNUM, 8)}",
            lambda rng: f"AWS account 8{_chars(rng, DIGITS, 11)} in eu-west-1",
            lambda rng: f"youtube.com/watch?v={_chars(rng, URLSAFE, 11)}",
            lambda rng: f"invite code {_chars(rng, UPPER_ALNUM, 8)} expires Friday",
            lambda rng: f"css-{_chars(rng, LOWER_ALNUM, 6)} .jsx-{_chars(rng, DIGITS, 10)}",
        ),
        True,
    ),
}


def _negatives(rng: random.Random) -> list[Case]:
    return [
        Case(
            family,
            "negative",
            option if isinstance(option, str) else option(rng),
            harmless=harmless,
        )
        for family, (options, harmless) in NEGATIVES.items()
        for option in options
    ]


# --- PII --------------------------------------------------------------------------------

FIRST = (
    "Priya",
    "Lukas",
    "Amara",
    "Mateo",
    "Sofia",
    "Kenji",
    "Olivia",
    "Tomasz",
    "Fatima",
    "Daniel",
    "Ingrid",
    "Rafael",
)
LAST = (
    "Raman",
    "Becker",
    "Okafor",
    "Fernandez",
    "Rossi",
    "Tanaka",
    "Bennett",
    "Nowak",
    "Haddad",
    "Whitaker",
    "Larsen",
    "Costa",
)
# region, leading digits, length of the national significant number
PHONE_PLANS = (
    ("US", ("212", "312", "415", "617", "206", "303", "512"), 10),
    ("GB", ("7700", "7911", "7400", "20"), 10),
    ("DE", ("151", "160", "176"), 11),
    ("FR", ("6", "7"), 9),
    ("IN", ("98", "91", "70"), 10),
    ("AU", ("4",), 9),
)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST).lower(), rng.choice(LAST).lower()
    local = rng.choice(
        (f"{first}.{last}", f"{first[0]}{last}", f"{first}_{last}{rng.randint(1, 99)}")
    )
    return (
        f"{local}@{rng.choice(('gmail.com', 'outlook.com', 'acme-logistics.co.uk', 'globex.de'))}"
    )


def _phone(rng: random.Random) -> str:
    """A number ``phonenumbers`` holds valid, written the way its country writes it."""
    while True:
        region, prefixes, length = rng.choice(PHONE_PLANS)
        prefix = rng.choice(prefixes)
        national = prefix + _chars(rng, DIGITS, length - len(prefix))
        parsed = phonenumbers.parse(national, region)
        if phonenumbers.is_valid_number(parsed) and "555" not in national[3:6]:
            style = rng.choice(
                (
                    phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                    phonenumbers.PhoneNumberFormat.NATIONAL,
                )
            )
            return phonenumbers.format_number(parsed, style)


def _ipv4(rng: random.Random) -> str:
    first = rng.choice((31, 46, 62, 78, 84, 91, 145, 178, 185, 212))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


PiiBuild = Callable[[random.Random], Segments]

PII: tuple[tuple[str, PiiBuild, int], ...] = (
    (
        "signature_person",
        lambda rng: [
            ("Thanks for the quick fix!\n\nBest regards,\n", None),
            (_person(rng), "PERSON"),
            ("\nData Platform Team", None),
        ],
        5,
    ),
    (
        "git_log_person",
        lambda rng: [
            (f"commit {_chars(rng, HEX, 40)}\nAuthor: ", None),
            (_person(rng), "PERSON"),
            (" <dev@acme.io>\nDate:   Mon Dec 7 10:02:11 2026 +0100", None),
        ],
        4,
    ),
    (
        "ticket_person",
        lambda rng: [
            ("Reporter: ", None),
            (_person(rng), "PERSON"),
            ("\nPriority: P2\nSummary: export job stuck since Friday", None),
        ],
        4,
    ),
    (
        "ticket_email",
        lambda rng: [
            ("Customer wrote in from ", None),
            (_email(rng), "EMAIL_ADDRESS"),
            (" asking why the invoice was charged twice.", None),
        ],
        5,
    ),
    (
        "git_log_email",
        lambda rng: [
            ("Author: Release Bot <", None),
            (_email(rng), "EMAIL_ADDRESS"),
            (">\n\n    bump version", None),
        ],
        3,
    ),
    (
        "signature_phone",
        lambda rng: [
            ("Cheers,\nOps on-call\nMobile: ", None),
            (_phone(rng), "PHONE_NUMBER"),
            ("", None),
        ],
        5,
    ),
    (
        "chat_phone",
        lambda rng: [
            ("call me on ", None),
            (_phone(rng), "PHONE_NUMBER"),
            (" if the deploy breaks again", None),
        ],
        5,
    ),
    (
        "support_card",
        lambda rng: [
            ("customer pasted their card in the chat: ", None),
            (credit_card(rng), "CREDIT_CARD"),
            (" exp 09/28, please redact", None),
        ],
        5,
    ),
    (
        "hr_ssn",
        lambda rng: [
            ("New hire paperwork — SSN: ", None),
            (us_ssn(rng), "US_SSN"),
            (", start date Jan 5", None),
        ],
        5,
    ),
    (
        "invoice_iban",
        lambda rng: [
            ("Please wire the refund to IBAN ", None),
            (iban(rng), "IBAN_CODE"),
            (" (account holder on file).", None),
        ],
        5,
    ),
    (
        "log_ip",
        lambda rng: [
            ("Failed password for invalid user admin from ", None),
            (_ipv4(rng), "IP_ADDRESS"),
            (" port 51422 ssh2", None),
        ],
        5,
    ),
    (
        "access_log_ip",
        lambda rng: [
            ("", None),
            (_ipv4(rng), "IP_ADDRESS"),
            (' - - [07/Dec/2026:10:14:03 +0000] "GET /login HTTP/1.1" 200 512', None),
        ],
        3,
    ),
    (
        "csv_row_email",
        lambda rng: [
            ("id,name,email,plan\n1042,acct,", None),
            (_email(rng), "EMAIL_ADDRESS"),
            (",pro", None),
        ],
        3,
    ),
    (
        "csv_row_person",
        lambda rng: [
            ("id,name,plan,seats\n", None),
            (str(rng.randint(1000, 9999)), None),
            (",", None),
            (_person(rng), "PERSON"),
            (",team,12", None),
        ],
        3,
    ),
)


def _pii(rng: random.Random) -> list[Case]:
    return [
        Case(family, "pii", *_join(build(rng)))
        for family, build, count in PII
        for _ in range(count)
    ]


PII_LOOKALIKES: tuple[tuple[str, Text, int], ...] = (
    (
        "order_number",
        lambda rng: (
            f"order #{rng.randint(10_000_000, 99_999_999)} shipped, {rng.randint(2, 9)} items"
        ),
        4,
    ),
    (
        "version_number",
        lambda rng: (
            f"upgraded the cluster from {rng.randint(1, 9)}.{rng.randint(0, 30)}."
            f"{rng.randint(0, 20)} to {rng.randint(10, 19)}.{rng.randint(0, 9)}.0"
        ),
        4,
    ),
    (
        "timestamp",
        lambda rng: rng.choice(
            (
                f"last_seen={rng.randint(1_700_000_000, 1_790_000_000)} "
                f"duration_ms={rng.randint(100, 99_999)}",
                f"2026-11-{rng.randint(10, 30)}T{rng.randint(10, 23)}:{rng.randint(10, 59)}:"
                f"{rng.randint(10, 59)}.{rng.randint(100, 999)}+01:00 run finished",
                f"elapsed 00:{rng.randint(10, 59)}:{rng.randint(10, 59)}.{rng.randint(100, 999)}",
            )
        ),
        4,
    ),
    ("hex_id", lambda rng: f"job {_chars(rng, HEX, 24)} finished in {rng.randint(2, 59)}s", 4),
    (
        "sku",
        lambda rng: (
            f"restock SKU-{rng.randint(1000, 9999)}-{rng.choice(('BLK', 'RED', 'NVY'))}"
            f"-{rng.choice(('S', 'M', 'XL'))}, qty {rng.randint(5, 80)}"
        ),
        4,
    ),
    (
        "config_number",
        lambda rng: rng.choice(
            (
                f"max_connections = {rng.randint(100, 5000)}\n"
                f"shared_buffers = {rng.randint(1, 64)}GB",
                f"timeout_ms: {rng.randint(1000, 120000)}\nretries: {rng.randint(1, 9)}",
                f"worker_concurrency={rng.randint(2, 64)} batch_size={rng.randint(100, 10000)}",
            )
        ),
        4,
    ),
    (
        "build_number",
        lambda rng: f"build #{rng.randint(1000, 99999)} passed on runner-{rng.randint(1, 40)}",
        3,
    ),
    (
        "file_size",
        lambda rng: (
            f"backup.tar.gz {rng.randint(1, 999)}.{rng.randint(0, 9)} GB "
            f"({rng.randint(10**9, 10**10):,} bytes)"
        ),
        3,
    ),
)


def _pii_negatives(rng: random.Random) -> list[Case]:
    return [
        Case(family, "pii_negative", build(rng))
        for family, build, count in PII_LOOKALIKES
        for _ in range(count)
    ]


def round2_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """Every case of the round, deterministic per seed."""
    rng = random.Random(seed)
    return [*_literals(rng), *_generated(rng), *_negatives(rng), *_pii(rng), *_pii_negatives(rng)]


def round2_half(case: Case) -> str:
    """``"a"`` or ``"b"``, by a hash of the case, stable across runs and machines."""
    digest = hashlib.sha256(f"round2|{case.family}|{case.kind}|{case.text}".encode()).digest()
    return "ab"[digest[0] % 2]
