"""A third blind round of the peer evaluation: the final held-out measurement.

The first two blind rounds were later used for tuning, so their figures no longer measure
cases nobody tuned for. This round was written by an engineer who read neither the detector,
its tests, nor the earlier peer sets beyond their case types, and it was frozen (committed)
before the detector first ran on it. It follows the families, formats and must-not-fire
cases documented by gitleaks' rules, detect-secrets' plugin tests, trufflehog's detectors,
Nosey Parker's and Kingfisher's rule files and Presidio's analyzer tests, without copying
their literals: every key-shaped value is built here at run time from a documented shape
(prefix, alphabet, length), so the repository holds no credential literal.

The round is reported as a whole (no tuning half): changing a case after the detector has
run on it spoils the round.

``round3_cases(seed)`` is deterministic.
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
from bench.quality_corpus import _chars, credit_card, email, iban, us_ssn

LITERAL_CASES = 150
GENERATED_CASES = 250
NEGATIVE_CASES = 220
PII_CASES = 60
PII_NEGATIVE_CASES = 30


def _jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(("HS256", "RS256", "ES256")), "typ": "JWT"}
    claims = {
        "sub": str(rng.randint(10_000, 99_999_999)),
        "iat": rng.randint(1_700_000_000, 1_760_000_000),
        "scope": rng.choice(("read write", "admin", "api")),
    }
    signature = rng.randbytes(32 if header["alg"] == "HS256" else 64)
    return ".".join(
        _b64url(part)
        for part in (json.dumps(header).encode(), json.dumps(claims).encode(), signature)
    )


def _slack_bot(rng: random.Random) -> str:
    return f"xoxb-{_chars(rng, DIGITS, 12)}-{_chars(rng, DIGITS, 13)}-{_chars(rng, ALNUM, 24)}"


def _slack_user(rng: random.Random) -> str:
    numbers = "-".join(_chars(rng, DIGITS, 12) for _ in range(3))
    return f"xoxp-{numbers}-{_chars(rng, HEX, 32)}"


def _github_fine_grained(rng: random.Random) -> str:
    return f"github_pat_{_chars(rng, ALNUM, 22)}_{_chars(rng, ALNUM, 59)}"


def _openai_project(rng: random.Random) -> str:
    return f"sk-proj-{_chars(rng, URLSAFE, 74)}T3BlbkFJ{_chars(rng, URLSAFE, 74)}"


def _anthropic(rng: random.Random) -> str:
    return f"sk-ant-api03-{_chars(rng, URLSAFE, 93)}AA"


def _pypi(rng: random.Random) -> str:
    return "pypi-AgEIcHlwaS5vcmc" + _chars(rng, URLSAFE, 140)


def _azure_ad_secret(rng: random.Random) -> str:
    return _chars(rng, ALNUM, 3) + str(rng.randint(0, 9)) + "Q~" + _chars(rng, ALNUM + "_~.-", 34)


def _azure_storage(rng: random.Random) -> str:
    return _b64(rng.randbytes(64))


def _aws_secret(rng: random.Random) -> str:
    return _chars(rng, B64, 40)


def _telegram(rng: random.Random) -> str:
    return f"{rng.randint(100_000_000, 9_999_999_999)}:AA{_chars(rng, URLSAFE, 33)}"


def _discord_bot(rng: random.Random) -> str:
    first = _b64url(str(rng.randint(10**17, 10**18)).encode())
    return f"{first}.{_chars(rng, URLSAFE, 6)}.{_chars(rng, URLSAFE, 38)}"


def _mailchimp(rng: random.Random) -> str:
    return f"{_chars(rng, HEX, 32)}-us{rng.randint(1, 21)}"


def _sendgrid(rng: random.Random) -> str:
    return f"SG.{_chars(rng, URLSAFE, 22)}.{_chars(rng, URLSAFE, 43)}"


def _gitlab_routable(rng: random.Random) -> str:
    return f"glpat-{_chars(rng, URLSAFE, 36)}.01.{_chars(rng, LOWER + DIGITS, 9)}"


def _teams_webhook(rng: random.Random) -> str:
    tenant = rng.choice(("contoso", "acmecorp", "northwind"))
    return (
        f"https://{tenant}.webhook.office.com/webhookb2/{_uuid(rng)}@{_uuid(rng)}"
        f"/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}"
    )


def _slack_webhook(rng: random.Random) -> str:
    return (
        f"https://hooks.slack.com/services/T{_chars(rng, UPPER + DIGITS, 10)}"
        f"/B{_chars(rng, UPPER + DIGITS, 10)}/{_chars(rng, ALNUM, 24)}"
    )


def _discord_webhook(rng: random.Random) -> str:
    return f"https://discord.com/api/webhooks/{_chars(rng, DIGITS, 19)}/{_chars(rng, URLSAFE, 68)}"


def _age(rng: random.Random) -> str:
    return "AGE-SECRET-KEY-1" + _chars(rng, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)


def _onepassword(rng: random.Random) -> str:
    groups = [_chars(rng, UPPER + DIGITS, n) for n in (6, 6, 5, 5, 5, 5)]
    return "A3-" + "-".join(groups)


def _tf_cloud(rng: random.Random) -> str:
    return f"{_chars(rng, LOWER + DIGITS, 14)}.atlasv1.{_chars(rng, URLSAFE, 67)}"


def _shopify(kind: str) -> Token:
    return _tok(f"shp{kind}_", HEX, 32)


# Vendor tokens: (family, variable name carrying the vendor's keyword, builder).
VENDORS: tuple[tuple[str, str, Token], ...] = (
    ("aws_access_key_id", "AWS_ACCESS_KEY_ID", _parts("AKIA", (UPPER + "234567", 16))),
    ("aws_session_key_id", "AWS_ACCESS_KEY_ID", _parts("ASIA", (UPPER + "234567", 16))),
    ("aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", _aws_secret),
    ("aws_bedrock_key", "AWS_BEARER_TOKEN_BEDROCK", _tok("ABSK", B64, 108)),
    ("gcp_api_key", "GOOGLE_API_KEY", _tok("AIza", URLSAFE, 35)),
    ("gcp_oauth_secret", "GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28)),
    ("google_oauth_refresh", "GOOGLE_REFRESH_TOKEN", _tok("1//0", URLSAFE, 99)),
    ("azure_ad_client_secret", "AZURE_CLIENT_SECRET", _azure_ad_secret),
    ("azure_storage_key", "AZURE_STORAGE_ACCOUNT_KEY", _azure_storage),
    ("alibaba_access_key", "ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    ("digitalocean_pat", "DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    ("digitalocean_oauth", "DIGITALOCEAN_ACCESS_TOKEN", _tok("doo_v1_", HEX, 64)),
    ("linode_token", "LINODE_TOKEN", _tok("", HEX, 64)),
    ("scaleway_secret", "SCW_SECRET_KEY", _uuid),
    ("github_pat", "GITHUB_TOKEN", _tok("ghp_", ALNUM, 36)),
    ("github_oauth", "GH_OAUTH_TOKEN", _tok("gho_", ALNUM, 36)),
    ("github_app", "GITHUB_APP_TOKEN", _tok("ghs_", ALNUM, 36)),
    ("github_user_server", "GH_USER_TOKEN", _tok("ghu_", ALNUM, 36)),
    ("github_refresh", "GITHUB_REFRESH_TOKEN", _tok("ghr_", ALNUM, 36)),
    ("github_fine_grained", "GH_TOKEN", _github_fine_grained),
    ("gitlab_pat", "GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    ("gitlab_pat_routable", "GITLAB_PRIVATE_TOKEN", _gitlab_routable),
    ("gitlab_runner", "CI_RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20)),
    ("gitlab_deploy", "GITLAB_DEPLOY_TOKEN", _tok("gldt-", URLSAFE, 20)),
    ("gitlab_trigger", "GITLAB_TRIGGER_TOKEN", _tok("glptt-", HEX, 40)),
    ("gitlab_oauth_secret", "GITLAB_OAUTH_SECRET", _tok("gloas-", URLSAFE, 64)),
    ("bitbucket_app_password", "BITBUCKET_APP_PASSWORD", _tok("ATBB", ALNUM, 32)),
    (
        "atlassian_api_token",
        "JIRA_API_TOKEN",
        _parts("ATATT3xFfGF0", (URLSAFE, 171), "=", (HEX.upper(), 8)),
    ),
    ("slack_bot", "SLACK_BOT_TOKEN", _slack_bot),
    ("slack_user", "SLACK_USER_TOKEN", _slack_user),
    (
        "slack_app",
        "SLACK_APP_TOKEN",
        _parts("xapp-1-A", (UPPER + DIGITS, 10), "-", (DIGITS, 13), "-", (HEX, 64)),
    ),
    (
        "slack_config_refresh",
        "SLACK_CONFIG_REFRESH_TOKEN",
        _parts("xoxe-1-", (UPPER + DIGITS, 146)),
    ),
    ("slack_webhook", "SLACK_WEBHOOK_URL", _slack_webhook),
    ("discord_bot", "DISCORD_BOT_TOKEN", _discord_bot),
    ("discord_webhook", "DISCORD_WEBHOOK", _discord_webhook),
    ("teams_webhook", "TEAMS_WEBHOOK_URL", _teams_webhook),
    ("telegram_bot", "TELEGRAM_BOT_TOKEN", _telegram),
    ("twilio_api_key", "TWILIO_API_KEY", _tok("SK", HEX, 32)),
    ("twilio_auth_token", "TWILIO_AUTH_TOKEN", _tok("", HEX, 32)),
    ("sendgrid", "SENDGRID_API_KEY", _sendgrid),
    ("mailgun", "MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    ("mailchimp", "MAILCHIMP_API_KEY", _mailchimp),
    ("brevo", "BREVO_API_KEY", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16))),
    ("postmark", "POSTMARK_SERVER_TOKEN", _uuid),
    ("resend", "RESEND_API_KEY", _parts("re_", (ALNUM, 8), "_", (ALNUM, 24))),
    ("stripe_secret", "STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 99)),
    ("stripe_restricted", "STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 99)),
    ("stripe_webhook_secret", "STRIPE_WEBHOOK_SECRET", _tok("whsec_", ALNUM, 32)),
    ("square_access", "SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60)),
    ("square_oauth_secret", "SQUARE_OAUTH_SECRET", _tok("sq0csp-", URLSAFE, 43)),
    (
        "paypal_braintree",
        "BRAINTREE_ACCESS_TOKEN",
        _parts("access_token$production$", (LOWER + DIGITS, 16), "$", (HEX, 32)),
    ),
    ("adyen_api_key", "ADYEN_API_KEY", _parts("AQE", (URLSAFE, 20), "+", (B64, 60))),
    ("flutterwave_secret", "FLUTTERWAVE_SECRET_KEY", _parts("FLWSECK-", (HEX, 32), "-X")),
    ("razorpay", "RAZORPAY_KEY_SECRET", _tok("", ALNUM, 24)),
    ("coinbase", "COINBASE_API_SECRET", _tok("", ALNUM, 32)),
    ("plaid_access", "PLAID_ACCESS_TOKEN", lambda rng: "access-production-" + _uuid(rng)),
    ("shopify_access", "SHOPIFY_ACCESS_TOKEN", _shopify("at")),
    ("shopify_custom", "SHOPIFY_CUSTOM_APP_TOKEN", _shopify("ca")),
    ("shopify_private", "SHOPIFY_PRIVATE_APP_PASSWORD", _shopify("pa")),
    ("shopify_shared_secret", "SHOPIFY_SHARED_SECRET", _shopify("ss")),
    ("openai_project", "OPENAI_API_KEY", _openai_project),
    ("openai_legacy", "OPENAI_API_KEY", _parts("sk-", (ALNUM, 20), "T3BlbkFJ", (ALNUM, 20))),
    (
        "openai_admin",
        "OPENAI_ADMIN_KEY",
        lambda rng: _openai_project(rng).replace("proj", "admin", 1),
    ),
    ("anthropic", "ANTHROPIC_API_KEY", _anthropic),
    ("anthropic_admin", "ANTHROPIC_ADMIN_KEY", _parts("sk-ant-admin01-", (URLSAFE, 93), "AA")),
    ("xai", "XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    ("groq", "GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    ("perplexity", "PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    ("huggingface", "HF_TOKEN", _tok("hf_", ALNUM, 34)),
    ("huggingface_org", "HUGGINGFACE_ORG_TOKEN", _tok("api_org_", ALNUM, 34)),
    ("replicate", "REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    ("openrouter", "OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    ("deepseek", "DEEPSEEK_API_KEY", _tok("sk-", HEX, 32)),
    ("mistral", "MISTRAL_API_KEY", _tok("", ALNUM, 32)),
    ("cohere", "COHERE_API_KEY", _tok("", ALNUM, 40)),
    ("together", "TOGETHER_API_KEY", _tok("tgp_v1_", URLSAFE, 43)),
    ("fireworks", "FIREWORKS_API_KEY", _tok("fw_", ALNUM, 24)),
    ("langsmith", "LANGSMITH_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    ("langfuse_secret", "LANGFUSE_SECRET_KEY", lambda rng: "sk-lf-" + _uuid(rng)),
    ("pinecone", "PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 5), "_", (ALNUM, 64))),
    ("elevenlabs", "ELEVENLABS_API_KEY", _tok("sk_", HEX, 48)),
    ("assemblyai", "ASSEMBLYAI_API_KEY", _tok("", HEX, 32)),
    ("weights_and_biases", "WANDB_API_KEY", _tok("", HEX, 40)),
    ("cursor", "CURSOR_API_KEY", _tok("key_", HEX, 64)),
    ("vercel", "VERCEL_TOKEN", _tok("", ALNUM, 24)),
    ("netlify", "NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    ("cloudflare_api_token", "CLOUDFLARE_API_TOKEN", _tok("", URLSAFE, 40)),
    ("cloudflare_global_key", "CLOUDFLARE_API_KEY", _tok("", HEX, 37)),
    ("fly_io", "FLY_API_TOKEN", _parts("FlyV1 fm2_", (B64, 140))),
    ("heroku", "HEROKU_API_KEY", _uuid),
    ("heroku_v2", "HEROKU_API_TOKEN", _tok("HRKU-AA", URLSAFE, 58)),
    ("render", "RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    ("railway", "RAILWAY_TOKEN", _uuid),
    ("supabase_service", "SUPABASE_SERVICE_ROLE_KEY", _tok("sbp_", HEX, 40)),
    ("supabase_secret", "SUPABASE_SECRET_KEY", _tok("sb_secret_", URLSAFE, 31)),
    ("planetscale_password", "PLANETSCALE_PASSWORD", _tok("pscale_pw_", URLSAFE, 43)),
    ("planetscale_token", "PLANETSCALE_SERVICE_TOKEN", _tok("pscale_tkn_", URLSAFE, 43)),
    ("neon", "NEON_API_KEY", _tok("napi_", LOWER + DIGITS, 64)),
    ("mongodb_atlas", "MONGODB_ATLAS_PRIVATE_KEY", _uuid),
    ("databricks", "DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    ("snowflake_pat", "SNOWFLAKE_PASSWORD", _tok("", ALNUM + "!#%", 20)),
    ("doppler", "DOPPLER_TOKEN", _tok("dp.st.prd.", ALNUM, 43)),
    ("hashicorp_vault_service", "VAULT_TOKEN", _tok("hvs.", URLSAFE, 95)),
    ("hashicorp_vault_batch", "VAULT_BATCH_TOKEN", _tok("hvb.", URLSAFE, 150)),
    ("terraform_cloud", "TF_API_TOKEN", _tf_cloud),
    ("pulumi", "PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    ("infracost", "INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    ("onepassword_secret_key", "OP_SECRET_KEY", _onepassword),
    (
        "onepassword_service",
        "OP_SERVICE_ACCOUNT_TOKEN",
        lambda rng: "ops_eyJ" + _chars(rng, B64, 260),
    ),
    ("age_secret_key", "SOPS_AGE_KEY", _age),
    ("npm", "NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    ("pypi", "PYPI_API_TOKEN", _pypi),
    ("rubygems", "GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    ("nuget", "NUGET_API_KEY", _tok("oy2", LOWER + DIGITS, 43)),
    ("docker_hub", "DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 27)),
    ("jfrog", "ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    ("sonarqube", "SONAR_TOKEN", _tok("squ_", HEX, 40)),
    ("snyk", "SNYK_TOKEN", _uuid),
    ("sentry_user", "SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    ("datadog_api", "DATADOG_API_KEY", _tok("", HEX, 32)),
    ("datadog_app", "DD_APP_KEY", _tok("", HEX, 40)),
    ("new_relic_user", "NEW_RELIC_API_KEY", _tok("NRAK-", UPPER + DIGITS, 27)),
    ("new_relic_license", "NEW_RELIC_LICENSE_KEY", _parts((HEX, 36), "NRAL")),
    ("grafana_cloud", "GRAFANA_CLOUD_TOKEN", _tok("glc_", B64, 80)),
    ("grafana_service_account", "GRAFANA_SA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    ("honeycomb", "HONEYCOMB_API_KEY", _tok("hcaik_", LOWER + DIGITS, 58)),
    ("pagerduty", "PAGERDUTY_TOKEN", _tok("u+", URLSAFE, 18)),
    ("opsgenie", "OPSGENIE_API_KEY", _uuid),
    ("linear", "LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    ("notion", "NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    ("airtable_pat", "AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    ("asana", "ASANA_ACCESS_TOKEN", _parts("2/", (DIGITS, 16), "/", (DIGITS, 16), ":", (HEX, 32))),
    ("clickup", "CLICKUP_API_TOKEN", _parts("pk_", (DIGITS, 8), "_", (UPPER + DIGITS, 32))),
    ("figma", "FIGMA_TOKEN", _tok("figd_", URLSAFE, 40)),
    ("postman", "POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    ("readme", "README_API_KEY", _tok("rdme_", LOWER + DIGITS, 70)),
    ("typeform", "TYPEFORM_TOKEN", _tok("tfp_", URLSAFE, 59)),
    ("hubspot_private_app", "HUBSPOT_ACCESS_TOKEN", lambda rng: f"pat-na1-{_uuid(rng)}"),
    ("intercom", "INTERCOM_ACCESS_TOKEN", lambda rng: "dG9rOj" + _chars(rng, B64, 54) + "="),
    ("zendesk", "ZENDESK_API_TOKEN", _tok("", ALNUM, 40)),
    ("dropbox", "DROPBOX_ACCESS_TOKEN", _tok("sl.", URLSAFE, 135)),
    ("box", "BOX_DEVELOPER_TOKEN", _tok("", ALNUM, 32)),
    (
        "mapbox_secret",
        "MAPBOX_SECRET_TOKEN",
        _parts("sk.eyJ1Ijoi", (URLSAFE, 50), ".", (URLSAFE, 22)),
    ),
    ("algolia_admin", "ALGOLIA_ADMIN_API_KEY", _tok("", HEX, 32)),
    ("contentful", "CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43)),
    ("prefect", "PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    ("shippo", "SHIPPO_API_TOKEN", _tok("shippo_live_", HEX, 40)),
    ("easypost", "EASYPOST_API_KEY", _tok("EZAK", HEX, 54)),
    ("lob", "LOB_API_KEY", _tok("live_", HEX, 35)),
    ("openshift", "OPENSHIFT_TOKEN", _tok("sha256~", URLSAFE, 43)),
    ("octopus_deploy", "OCTOPUS_API_KEY", _tok("API-", UPPER + DIGITS, 26)),
    (
        "harness",
        "HARNESS_API_KEY",
        _parts("pat.", (URLSAFE, 22), ".", (ALNUM, 24), ".", (ALNUM, 20)),
    ),
    ("buildkite", "BUILDKITE_AGENT_TOKEN", _tok("bkua_", HEX, 40)),
    ("circleci", "CIRCLECI_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    ("travis", "TRAVIS_API_TOKEN", _tok("", ALNUM, 22)),
    ("frameio", "FRAMEIO_TOKEN", _tok("fio-u-", URLSAFE, 64)),
    ("maxmind", "MAXMIND_LICENSE_KEY", _parts((ALNUM, 6), "_", (ALNUM, 29), "_mmk")),
    (
        "dynatrace",
        "DT_API_TOKEN",
        _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64)),
    ),
    ("jwt_bearer", "ACCESS_TOKEN", _jwt),
    ("yandex_api", "YANDEX_API_KEY", _tok("AQVN", URLSAFE, 36)),
    ("tailscale", "TS_AUTHKEY", _parts("tskey-auth-", (ALNUM, 17), "-", (ALNUM, 32))),
    ("ngrok", "NGROK_AUTHTOKEN", _parts((ALNUM, 27), "_", (ALNUM, 21))),
    ("okta", "OKTA_API_TOKEN", _tok("00", URLSAFE, 40)),
    ("auth0_secret", "AUTH0_CLIENT_SECRET", _tok("", URLSAFE, 64)),
    ("clerk", "CLERK_SECRET_KEY", _tok("sk_live_", ALNUM, 40)),
    ("twitter_bearer", "TWITTER_BEARER_TOKEN", _parts("A" * 22, (ALNUM + "%", 90))),
    ("facebook_page", "FACEBOOK_ACCESS_TOKEN", _tok("EAAB", ALNUM, 150)),
    ("twitch", "TWITCH_CLIENT_SECRET", _tok("", LOWER + DIGITS, 30)),
)


# --- contexts ------------------------------------------------------------------------

Context = Callable[[random.Random, str, str], Segments]


def _vendor_word(name: str) -> str:
    return name.split("_")[0].lower()


GENERATED_CONTEXTS: tuple[Context, ...] = (
    lambda rng, var, tok: [
        (f"# .env.production\n{var}=", None),
        (tok, SECRET),
        ("\nLOG_LEVEL=info\n", None),
    ],
    lambda rng, var, tok: [
        (f'export {var}="', None),
        (tok, SECRET),
        ('"\n$ ./deploy.sh staging', None),
    ],
    lambda rng, var, tok: [
        (f"services:\n  api:\n    environment:\n      {var}: ", None),
        (tok, SECRET),
        ('\n      PORT: "8080"', None),
    ],
    lambda rng, var, tok: [
        (f'{{\n  "env": {{\n    "{var}": "', None),
        (tok, SECRET),
        ('",\n    "DEBUG": false\n  }\n}', None),
    ],
    lambda rng, var, tok: [
        (f'[{_vendor_word(var)}]\n{var.lower()} = "', None),
        (tok, SECRET),
        ('"\ntimeout = 30', None),
    ],
    lambda rng, var, tok: [
        (f"[default]\n{var.lower()} = ", None),
        (tok, SECRET),
        ("\nregion = eu-west-1", None),
    ],
    lambda rng, var, tok: [
        (f'import os\nos.environ["{var}"] = "', None),
        (tok, SECRET),
        ('"  # TODO remove before commit', None),
    ],
    lambda rng, var, tok: [
        (f"const {_camel(var)} = '", None),
        (tok, SECRET),
        ("';\nmodule.exports = { client };", None),
    ],
    lambda rng, var, tok: [
        (f'export const {_camel(var)}: string = "', None),
        (tok, SECRET),
        ('";', None),
    ],
    lambda rng, var, tok: [
        (f'{_camel(var)} := "', None),
        (tok, SECRET),
        ('"\nclient := NewClient(' + _camel(var) + ")", None),
    ],
    lambda rng, var, tok: [
        (f'private static final String {var} = "', None),
        (tok, SECRET),
        ('";', None),
    ],
    lambda rng, var, tok: [
        (f'var {_camel(var)} = "', None),
        (tok, SECRET),
        ('"; // C#, from appsettings', None),
    ],
    lambda rng, var, tok: [(f"define('{var}', '", None), (tok, SECRET), ("');", None)],
    lambda rng, var, tok: [(f"ENV['{var}'] ||= '", None), (tok, SECRET), ("'", None)],
    lambda rng, var, tok: [
        (f'let {var.lower()} = "', None),
        (tok, SECRET),
        ('".to_string();', None),
    ],
    lambda rng, var, tok: [
        (f"FROM python:3.12-slim\nENV {var}=", None),
        (tok, SECRET),
        ("\nRUN pip install -r requirements.txt", None),
    ],
    lambda rng, var, tok: [
        (f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\nstringData:\n  {var}: ", None),
        (tok, SECRET),
        ("\n", None),
    ],
    lambda rng, var, tok: [
        (f"jobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      {var}: ", None),
        (tok, SECRET),
        ("\n    steps:\n      - uses: actions/checkout@v4", None),
    ],
    lambda rng, var, tok: [
        ('curl -sS https://api.example.com/v1/items -H "Authorization: Bearer ', None),
        (tok, SECRET),
        ('"', None),
    ],
    lambda rng, var, tok: [
        (f"2025-11-03T09:14:22.118Z DEBUG config loaded {var}=", None),
        (tok, SECRET),
        (" source=env", None),
    ],
    lambda rng, var, tok: [
        (
            'Traceback (most recent call last):\n  File "app.py", line 42, in <module>\n    '
            "client = Client(token='",
            None,
        ),
        (tok, SECRET),
        ("')\nAuthenticationError: 401 Unauthorized", None),
    ],
    lambda rng, var, tok: [
        (f"Hi team, the {_vendor_word(var)} key for staging is ", None),
        (tok, SECRET),
        (" - please rotate it after the demo.", None),
    ],
    lambda rng, var, tok: [
        (f"Ticket OPS-{rng.randint(1000, 9999)}: deploy fails. I set {var} to ", None),
        (tok, SECRET),
        (" but still get 403.", None),
    ],
    lambda rng, var, tok: [
        (f"Subject: credentials\n\nHere is the {_vendor_word(var)} token you asked for:\n\n", None),
        (tok, SECRET),
        ("\n\nThanks,\nOps", None),
    ],
    lambda rng, var, tok: [
        (f"@here heads up: I pasted the {_vendor_word(var)} token in the wrong channel: ", None),
        (tok, SECRET),
        (" — revoking it now.", None),
    ],
    lambda rng, var, tok: [
        ("can you check why this one is rejected?\n\n", None),
        (tok, SECRET),
        (f"\n\nit's the {_vendor_word(var)} key from the shared vault", None),
    ],
    lambda rng, var, tok: [
        (f"> Review comment: please don't hardcode {var} = ", None),
        (tok, SECRET),
        (", load it from the secret store instead.", None),
    ],
    lambda rng, var, tok: [
        ("Support chat transcript\nCustomer: my integration stopped working, key is ", None),
        (tok, SECRET),
        ("\nAgent: thanks, checking the logs now.", None),
    ],
    lambda rng, var, tok: [
        (f"- [ ] rotate {var} (current value `", None),
        (tok, SECRET),
        ("`) before the audit on Friday", None),
    ],
    lambda rng, var, tok: [
        (f"Note to self: {_vendor_word(var)} creds for the new project -> ", None),
        (tok, SECRET),
        ("", None),
    ],
    lambda rng, var, tok: _foreign_prose(rng, var, tok),
    lambda rng, var, tok: _foreign_prose(rng, var, tok),
)


def _foreign_prose(rng: random.Random, var: str, tok: str) -> Segments:
    """A chat message in Spanish, German, French or Portuguese around the token."""
    before, after = rng.choice(
        (
            (f"Hola, ¿por qué falla? Puse {var}=", " en el .env y sigue dando 401."),
            (f"Kannst du kurz schauen? Mein {_vendor_word(var)}-Token ist ", " und geht nicht."),
            (f"Bonjour, voici la clé {_vendor_word(var)} : ", " — elle ne marche plus."),
            (f"Oi! Configurei {var}=", " no servidor mas dá erro 401."),
        )
    )
    return [(before, None), (tok, SECRET), (after, None)]


def _camel(var: str) -> str:
    head, *rest = var.lower().split("_")
    return head + "".join(word.capitalize() for word in rest)


def _generated(rng: random.Random) -> list[Case]:
    """Every vendor once, then again from the top until the count is reached."""
    cases = []
    for index in range(GENERATED_CASES):
        family, var, build = VENDORS[index % len(VENDORS)]
        context = rng.choice(GENERATED_CONTEXTS)
        text, spans = _join(context(rng, var, build(rng)))
        cases.append(Case(family, "generated", text, spans))
    return cases


# --- literal credentials ---------------------------------------------------------------

USERS = ("admin", "deploy", "svc_etl", "app_user", "jenkins", "root", "ci-bot", "reporting")
HOSTS = ("db.internal", "10.20.3.15", "pg-prod-01.corp.local", "cluster0.mongo.net", "cache-1")
WORDS = ("Falcon", "Orchid", "Granite", "Nimbus", "Juniper", "Copper", "Meadow", "Saffron")


def _strong_password(rng: random.Random) -> str:
    return _chars(rng, ALNUM + "!@#%^*-_", rng.randint(14, 24))


def _human_password(rng: random.Random) -> str:
    return (
        f"{rng.choice(WORDS)}{rng.choice('!#$%&*?@')}"
        f"{rng.randint(100, 9999)}{_chars(rng, ALNUM, 4)}"
    )


def _password(rng: random.Random) -> str:
    return _strong_password(rng) if rng.random() < 0.6 else _human_password(rng)


def _url_password(rng: random.Random) -> str:
    return _chars(rng, ALNUM, rng.randint(12, 22))


def _random_token(rng: random.Random) -> str:
    return _chars(rng, rng.choice((ALNUM, HEX, URLSAFE)), rng.choice((32, 40, 48, 64)))


def _pem_body(rng: random.Random, lines: int) -> str:
    return (
        "\n".join(_chars(rng, B64, 64) for _ in range(lines)) + "\n" + _chars(rng, B64, 20) + "=="
    )


Literal = Callable[[random.Random], Segments]


def _around(before: str, make: Token, after: str = "") -> Literal:
    """A value between two texts; ``{user}`` and ``{host}`` in them pick a login and host."""

    def build(rng: random.Random) -> Segments:
        value = make(rng)
        fill = {"user": rng.choice(USERS), "host": rng.choice(HOSTS)}
        return [(before.format(**fill), None), (value, SECRET), (after.format(**fill), None)]

    return build


def _choose(*literals: Literal) -> Literal:
    """One of several spellings of the same family."""
    return lambda rng: rng.choice(literals)(rng)


def _basic_blob(rng: random.Random) -> str:
    return _b64(f"{rng.choice(USERS)}:{_url_password(rng)}".encode())


def _b64_password(rng: random.Random) -> str:
    return _b64(_password(rng).encode())


def _laravel_key(rng: random.Random) -> str:
    return "base64:" + _b64(rng.randbytes(32))


def _encryption_key(rng: random.Random) -> str:
    return _b64(rng.randbytes(32))


def _pem_private_key(rng: random.Random) -> str:
    kind = rng.choice(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"))
    return f"-----BEGIN {kind}-----\n{_pem_body(rng, rng.randint(5, 12))}\n-----END {kind}-----"


def _connection_url(rng: random.Random) -> Segments:
    scheme = rng.choice(sorted(URL_SCHEMES))
    user = "" if scheme == "redis" else rng.choice(USERS)
    return _around(
        f"DATABASE_URL={scheme}://{user}:", _url_password, f"@{{host}}{URL_SCHEMES[scheme]}"
    )(rng)


def _gcp_escaped_json(rng: random.Random) -> Segments:
    body = "\\n".join(_chars(rng, B64, 64) for _ in range(rng.randint(6, 10)))
    key = f"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----\\n"
    inner = (
        '{\\"type\\": \\"service_account\\", \\"project_id\\": \\"analytics-prod\\", '
        f'\\"private_key_id\\": \\"{_chars(rng, HEX, 40)}\\", \\"private_key\\": \\"'
    )
    tail = '\\", \\"client_email\\": \\"etl@analytics-prod.iam.gserviceaccount.com\\"}"}'
    return [(f'{{"credentials": "{inner}', None), (key, SECRET), (tail, None)]


def _aws_credentials_file(rng: random.Random) -> Segments:
    key_id = "AKIA" + _chars(rng, UPPER + "234567", 16)
    before = f"[prod]\naws_access_key_id = {key_id}\naws_secret_access_key = "
    return _around(before, _aws_secret, "\n")(rng)


def _azure_sp_json(rng: random.Random) -> Segments:
    before = f'{{\n  "appId": "{_uuid(rng)}",\n  "displayName": "sp-deploy",\n  "password": "'
    secret = _azure_ad_secret(rng)
    return [(before, None), (secret, SECRET), (f'",\n  "tenant": "{_uuid(rng)}"\n}}', None)]


def _picked(name: str, options: tuple[str, ...], before: str, make: Token, after: str) -> Literal:
    """``before`` with ``{name}`` filled by one of ``options``, then the value."""
    return lambda rng: _around(before.replace("{" + name + "}", rng.choice(options)), make, after)(
        rng
    )


URL_SCHEMES = {
    "postgresql": ":5432/app", "mysql": ":3306/app", "mongodb+srv": "/app?retryWrites=true",
    "amqp": ":5672/%2f", "redis": ":6379/0", "mssql": ":1433/app",
}  # fmt: skip
DJANGO_ALPHABET = LOWER + DIGITS + "!@#$%^&*(-_=+)"

LITERALS: tuple[tuple[str, Literal], ...] = (
    (
        "curl_user",
        _choose(
            _around("curl -u {user}:", _password, " https://jenkins.corp.local/api/json"),
            _around("curl --user {user}:", _password, " -X POST https://ci.corp.local/job/build"),
        ),
    ),
    (
        "httpie_auth",
        _around("http -a {user}:", _url_password, " GET https://registry.corp.local/v2/_catalog"),
    ),
    (
        "basic_header",
        _around(
            "GET /api/v2/status HTTP/1.1\nHost: internal.example.net\nAuthorization: Basic ",
            _basic_blob,
            "\nAccept: */*",
        ),
    ),
    (
        "token_header",
        _picked(
            "scheme",
            ("Token", "Bearer", "token"),
            "curl -X POST https://api.internal/v1/jobs -H 'Authorization: {scheme} ",
            _random_token,
            "' -d @job.json",
        ),
    ),
    (
        "api_key_header",
        _picked(
            "name",
            ("X-API-Key", "X-Auth-Token", "api-key", "X-Access-Token"),
            "requests.get(url, headers={{'{name}': '",
            _random_token,
            "'}}, timeout=10)",
        ),
    ),
    ("connection_url", _connection_url),
    (
        "totp_seed",
        _around("otpauth://totp/Corp:ops?secret=", _tok("", BASE32, 32), "&issuer=Corp&digits=6"),
    ),
    (
        "stack_trace_url",
        _around(
            "sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect\n"
            "[SQL: engine=create_engine('postgresql+psycopg2://{user}:",
            _url_password,
            "@{host}/warehouse')]",
        ),
    ),
    (
        "git_credentials",
        _around(
            "$ cat ~/.git-credentials\nhttps://{user}:", _tok("", ALNUM, 36), "@git.corp.local"
        ),
    ),
    (
        "pip_index_url",
        _around("[global]\nindex-url = https://{user}:", _url_password, "@pypi.corp.local/simple/"),
    ),
    (
        "dotenv_password",
        _picked(
            "key",
            (
                "DB_PASSWORD",
                "POSTGRES_PASSWORD",
                "MYSQL_ROOT_PASSWORD",
                "SMTP_PASS",
                "REDIS_PASSWORD",
            ),
            "DB_HOST={host}\n{key}=",
            _password,
            "\nDB_PORT=5432",
        ),
    ),
    (
        "yaml_password",
        _around(
            "spring:\n  datasource:\n    url: jdbc:postgresql://{host}:5432/app\n"
            "    username: {user}\n    password: ",
            _password,
            "\n",
        ),
    ),
    (
        "json_client_secret",
        _around(
            '{{"client_id": "web-portal", "client_secret": "',
            _tok("", URLSAFE, 40),
            '", "grant_type": "client_credentials"}}',
        ),
    ),
    (
        "toml_password",
        _around('[database]\nhost = "{host}"\nuser = "{user}"\npassword = "', _password, '"\n'),
    ),
    ("ini_password", _around("[mysql]\nhost={host}\nuser={user}\npassword=", _password, "\n")),
    (
        "xml_password",
        _around(
            "<datasource>\n  <user>{user}</user>\n  <password>",
            _password,
            "</password>\n</datasource>",
        ),
    ),
    (
        "nuget_password",
        _around(
            '<packageSourceCredentials>\n  <corp>\n    <add key="Username" value="ci" />\n'
            '    <add key="ClearTextPassword" value="',
            _password,
            '" />\n  </corp>\n</packageSourceCredentials>',
        ),
    ),
    (
        "java_set_property",
        _picked(
            "key",
            ("javax.net.ssl.keyStorePassword", "db.password", "mail.smtp.password"),
            'System.setProperty("{key}", "',
            _password,
            '");',
        ),
    ),
    (
        "csharp_connection_string",
        _around(
            'var cs = "Server={host};Database=Sales;User Id=sa;Password=',
            _password,
            ';TrustServerCertificate=True";',
        ),
    ),
    ("php_define", _around("define('DB_USER', 'wp');\ndefine('DB_PASSWORD', '", _password, "');")),
    (
        "rails_secret_key_base",
        _around(
            "Rails.application.configure do\n  config.secret_key_base = '",
            _tok("", HEX, 128),
            "'\nend",
        ),
    ),
    (
        "django_secret_key",
        _around("# settings.py\nSECRET_KEY = '", _tok("", DJANGO_ALPHABET, 50), "'\nDEBUG = False"),
    ),
    (
        "flask_secret_key",
        _around('app = Flask(__name__)\napp.secret_key = "', _tok("", HEX, 64), '"'),
    ),
    (
        "laravel_app_key",
        _around("APP_NAME=Shop\nAPP_ENV=production\nAPP_KEY=", _laravel_key, "\nAPP_DEBUG=false"),
    ),
    (
        "go_dsn",
        _around('db, err := sql.Open("mysql", "{user}:', _password, '@tcp({host}:3306)/orders")'),
    ),
    (
        "rust_struct",
        _around(
            'let cfg = Config {{\n    endpoint: "https://api.internal".into(),\n    api_secret: "',
            _random_token,
            '".into(),\n}};',
        ),
    ),
    (
        "ts_suffixed_name",
        _picked(
            "name",
            ("mySecretString", "apiToken2", "stripeSecretKeyProd", "authTokenV3"),
            "const {name}: string = '",
            _random_token,
            "';",
        ),
    ),
    (
        "suffixed_env_name",
        _picked(
            "name",
            ("API_TOKEN_123", "SERVICE_SECRET_2", "PAYMENTS_APIKEY_OLD", "secret_key_prod"),
            "{name}=",
            _random_token,
            "\n",
        ),
    ),
    (
        "python_call_kwarg",
        _around(
            'client = ApiClient(\n    base_url="https://api.internal",\n    api_key="',
            _random_token,
            '",\n)',
        ),
    ),
    (
        "js_call_object",
        _around(
            "const conn = await "
            "mysql.createConnection({{ host: '{host}', user: 'root', password: '",
            _password,
            "' }});",
        ),
    ),
    (
        "mysql_cli_p",
        _around("$ mysql -h {host} -u {user} -p", _tok("", ALNUM, 14), " orders < dump.sql"),
    ),
    (
        "password_flag",
        _choose(
            _around(
                "$ docker login registry.corp.local -u ci --password ", _password, " && echo ok"
            ),
            _around("$ az login -u ops@corp.example --password ", _password, ""),
            _around("$ sshpass -p ", _password, " ssh {user}@{host}"),
            _around("$ vault login -method=userpass username=ops password=", _password, ""),
        ),
    ),
    ("pgpass", _around("# ~/.pgpass\n{host}:5432:analytics:{user}:", _url_password, "\n")),
    ("netrc", _around("machine api.corp.local\n  login {user}\n  password ", _url_password, "\n")),
    (
        "npmrc_auth",
        _around(
            "registry=https://npm.corp.local/\n//npm.corp.local/:_auth=",
            _basic_blob,
            "\nalways-auth=true",
        ),
    ),
    (
        "docker_config_auth",
        _around(
            '{{\n  "auths": {{\n    "registry.corp.local": {{\n      "auth": "',
            _basic_blob,
            '"\n    }}\n  }}\n}}',
        ),
    ),
    (
        "k8s_secret_data",
        _around(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\ntype: Opaque\n"
            "data:\n  username: YWRtaW4=\n  password: ",
            _b64_password,
            "\n",
        ),
    ),
    ("aws_credentials_file", _aws_credentials_file),
    ("azure_sp_json", _azure_sp_json),
    ("gcp_escaped_json", _gcp_escaped_json),
    (
        "pem_private_key",
        _around("here's the deploy key, don't share:\n```\n", _pem_private_key, "\n```"),
    ),
    ("jwt_cookie", _around("Set-Cookie: session=", _jwt, "; Path=/; HttpOnly; Secure")),
    (
        "terraform_password",
        _around(
            'resource "azurerm_mssql_server" "main" '
            '{{\n  administrator_login          = "sqladmin"\n'
            '  administrator_login_password = "',
            _password,
            '"\n}}',
        ),
    ),
    (
        "ansible_become_pass",
        _around("- hosts: db\n  vars:\n    ansible_become_pass: ", _password, "\n  tasks: []"),
    ),
    (
        "ci_variables",
        _around(
            'deploy:\n  stage: deploy\n  variables:\n    DEPLOY_TOKEN: "',
            _random_token,
            '"\n  script:\n    - ./deploy.sh',
        ),
    ),
    (
        "dockerfile_arg",
        _around("FROM node:20-alpine\nARG REGISTRY_PASSWORD=", _password, "\nRUN npm ci"),
    ),
    (
        "shell_history",
        _around(
            "  512  cd infra\n  513  export SECRET_TOKEN=",
            _random_token,
            "\n  514  terraform apply",
        ),
    ),
    (
        "log_password",
        _around(
            "2025-10-12 08:01:44,312 WARN auth: login attempt user={user} password=",
            _password,
            " result=failure",
        ),
    ),
    (
        "markdown_table",
        _around(
            "| service | user | password |\n|---|---|---|\n| grafana | {user} | ", _password, " |"
        ),
    ),
    (
        "webhook_secret",
        _around(
            "GitHub webhook settings → Secret: ",
            _tok("", HEX, 40),
            "  (content type application/json)",
        ),
    ),
    (
        "encryption_key",
        _around("ENCRYPTION_KEY=", _encryption_key, "\nENCRYPTION_ALGO=aes-256-gcm"),
    ),
    (
        "email_prose",
        _around(
            "Hi Dana,\n\nYour VPN account is ready. Username: {user}, password: ",
            _password,
            "\nPlease change it at first login.\n\nIT Support",
        ),
    ),
    (
        "prose_en",
        _around("fyi the root password on the new bastion is ", _password, " until we wire up SSO"),
    ),
    ("slack_message", _around("hey, staging admin login is {user} / ", _password, " :)")),
    (
        "ticket_prose",
        _around(
            "JIRA SUP-1182: customer shared their API secret ",
            _random_token,
            " in the ticket body, please purge.",
        ),
    ),
    (
        "handover_note",
        _around(
            "Handover: the shared mailbox password was reset to ",
            _password,
            " this morning; MFA is still pending.",
        ),
    ),
    (
        "prose_es",
        _around(
            "La contraseña del servidor de pruebas es ",
            _password,
            ", no la compartas fuera del equipo.",
        ),
    ),
    (
        "prose_de",
        _around(
            "Das Passwort für den Admin-Zugang lautet ",
            _password,
            " — bitte nach dem Login ändern.",
        ),
    ),
    (
        "prose_fr",
        _around("Le mot de passe de la base de recette est ", _password, " (à changer vendredi)."),
    ),
    (
        "prose_pt",
        _around("A senha do usuário de integração é ", _password, " — troque depois do deploy."),
    ),
)


def _literal(rng: random.Random) -> list[Case]:
    cases = []
    for index in range(LITERAL_CASES):
        family, build = LITERALS[index % len(LITERALS)]
        text, spans = _join(build(rng))
        cases.append(Case(family, "literal", text, spans))
    return cases


# --- must-not-fire ---------------------------------------------------------------------

Negative = Callable[[random.Random], str]


def _ipv6(rng: random.Random) -> str:
    return ":".join(f"{rng.getrandbits(16):04x}" for _ in range(8))


def _ipv4(rng: random.Random) -> str:
    return (
        f"{rng.randint(11, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    )


def _semver(rng: random.Random) -> str:
    return f"{rng.randint(0, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 30)}"


def _date(rng: random.Random) -> str:
    return f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _vendor_lookalike(rng: random.Random) -> tuple[str, str]:
    """A vendor-shaped example filled with one repeated character."""
    prefix, length = rng.choice(
        (("ghp_", 36), ("sk-proj-", 48), ("xoxb-", 40), ("glpat-", 20), ("npm_", 36), ("hf_", 34))
    )
    return prefix, prefix + rng.choice("Xx*0") * length


PLACEHOLDER_VALUES = (
    "your_api_key_here", "<YOUR_TOKEN>", "changeme", "xxxxxxxxxxxxxxxx", "REPLACE_ME", "TODO",
)  # fmt: skip
PLACEHOLDER_KEYS = ("YOUR_API_KEY", "<api-key>", "insert-key-here", "xxxx-xxxx-xxxx", "sk-...")
PLACEHOLDER_CREDENTIALS = ("username:password", "USER:PASS", "<user>:<password>", "user:$PASSWORD")
PLACEHOLDER_URL_USERS = ("user:password", "USER:PASSWORD", "username:pass", "<user>:<password>")

NEGATIVES: tuple[tuple[str, Negative], ...] = (
    (
        "placeholder_env",
        lambda rng: (
            f"{rng.choice(('OPENAI_API_KEY', 'STRIPE_SECRET_KEY', 'GITHUB_TOKEN'))}="
            f"{rng.choice(PLACEHOLDER_VALUES)}"
        ),
    ),
    (
        "placeholder_yaml",
        lambda rng: (
            "database:\n  user: app\n  password: "
            f"{rng.choice(('********', '<password>', 'CHANGE_ME', '${DB_PASSWORD}', 'secret'))}\n"
        ),
    ),
    (
        "placeholder_json",
        lambda rng: f'{{"api_key": "{rng.choice(PLACEHOLDER_KEYS)}", "region": "us"}}',
    ),
    (
        "placeholder_vendor_filled",
        lambda rng: f"export TOKEN={_vendor_lookalike(rng)[1]}  # example only",
    ),
    (
        "placeholder_angle_curl",
        lambda rng: (
            "curl -H 'Authorization: Bearer "
            f"<{rng.choice(('TOKEN', 'your-token', 'ACCESS_TOKEN'))}>' https://api.example.com/v1/me"
        ),
    ),
    (
        "placeholder_basic_curl",
        lambda rng: f"curl -u {rng.choice(PLACEHOLDER_CREDENTIALS)} https://api.example.com",
    ),
    (
        "placeholder_url_password",
        lambda rng: (
            f"DATABASE_URL=postgres://{rng.choice(PLACEHOLDER_URL_USERS)}@localhost:5432/mydb"
        ),
    ),
    (
        "doc_example_aws",
        lambda rng: (
            f"# from the docs\naws_access_key_id = AKIA{_chars(rng, UPPER + '234567', 9)}EXAMPLE"
        ),
    ),
    (
        "doc_example_sentence",
        lambda rng: (
            f"Keys look like `{_vendor_lookalike(rng)[0]}` followed by random characters; never "
            "paste yours here."
        ),
    ),
    (
        "env_reference_shell",
        lambda rng: (
            f'export DB_PASSWORD="${{{rng.choice(("DB_PASSWORD", "VAULT_DB_PASS", "SECRET"))}}}"\n'
            "psql -h db -U app"
        ),
    ),
    (
        "env_reference_gha",
        lambda rng: "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  GH_TOKEN: ${{ github.token }}",
    ),
    (
        "env_reference_helm",
        lambda rng: "env:\n  - name: DB_PASSWORD\n    value: {{ .Values.db.password | quote }}",
    ),
    (
        "env_reference_k8s",
        lambda rng: (
            "env:\n  - name: API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: "
            "api-credentials\n        key: api-key"
        ),
    ),
    (
        "env_reference_python",
        lambda rng: (
            'api_key = os.environ["'
            f'{rng.choice(("OPENAI_API_KEY", "API_KEY", "SERVICE_TOKEN"))}"]\n'
            "client = Client(api_key=api_key)"
        ),
    ),
    (
        "env_reference_js",
        lambda rng: (
            "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY, "
            "{ apiVersion: '2024-06-20' });"
        ),
    ),
    (
        "env_reference_go",
        lambda rng: (
            'token := os.Getenv("GITHUB_TOKEN")\nif token == "" '
            '{\n\tlog.Fatal("GITHUB_TOKEN not set")\n}'
        ),
    ),
    (
        "env_reference_java",
        lambda rng: (
            'String password = System.getenv("DB_PASSWORD");\nchar[] pin = '
            'console.readPassword("PIN: ");'
        ),
    ),
    (
        "env_reference_csharp",
        lambda rng: (
            'var secret = configuration["Jwt:Secret"];\nvar conn = '
            'builder.Configuration.GetConnectionString("Default");'
        ),
    ),
    (
        "env_reference_compose",
        lambda rng: (
            "environment:\n  POSTGRES_PASSWORD_FILE: /run/secrets/pg_password\nsecrets:\n  - "
            "pg_password"
        ),
    ),
    (
        "variable_argument",
        lambda rng: (
            "conn = psycopg.connect(host=host, user=user, password=password, "
            f"port={rng.choice((5432, 6432))})"
        ),
    ),
    (
        "empty_env_next_line",
        lambda rng: f"DB_USER=app\nDB_PASSWORD=\nDB_HOST={rng.choice(HOSTS)}\nDB_PORT=5432",
    ),
    ("empty_yaml", lambda rng: 'smtp:\n  host: smtp.example.org\n  password: ""\n  port: 587'),
    ("empty_json_null", lambda rng: '{"token": null, "refresh_token": "", "expires_in": 3600}'),
    (
        "empty_python_none",
        lambda rng: "API_KEY = None  # set in production\nSECRET_KEY: str | None = None",
    ),
    (
        "checksum_sha256sum",
        lambda rng: (
            f"$ sha256sum release-{_semver(rng)}.tar.gz\n{_chars(rng, HEX, 64)}  release.tar.gz"
        ),
    ),
    (
        "checksum_lockfile",
        lambda rng: (
            f'[[package]]\nname = "requests"\nversion = "{_semver(rng)}"\nfiles = [\n  '
            f'{{file = "requests.whl", hash = "sha256:{_chars(rng, HEX, 64)}"}},\n]'
        ),
    ),
    (
        "checksum_npm_integrity",
        lambda rng: (
            '"node_modules/lodash": '
            f'{{\n  "version": "4.17.21",\n  "integrity": "sha512-{_b64(rng.randbytes(64))}"\n}}'
        ),
    ),
    (
        "checksum_md5",
        lambda rng: (
            f"Downloaded backup.zip (md5 {_chars(rng, HEX, 32)}, 412 MB) — matches the manifest."
        ),
    ),
    (
        "checksum_etag",
        lambda rng: f'HTTP/1.1 200 OK\nETag: "{_chars(rng, HEX, 32)}"\nCache-Control: max-age=3600',
    ),
    (
        "commit_sha",
        lambda rng: (
            f"Reverted in commit {_chars(rng, HEX, 40)}; cherry-pick {_chars(rng, HEX, 7)} onto "
            f"release/{_semver(rng)}."
        ),
    ),
    (
        "git_log",
        lambda rng: (
            f"commit {_chars(rng, HEX, 40)}\nAuthor: CI <ci@noreply>\nDate:   Tue Mar 4 10:00:00 "
            "2025\n\n    bump deps"
        ),
    ),
    ("image_digest", lambda rng: f"image: ghcr.io/acme/api@sha256:{_chars(rng, HEX, 64)}"),
    (
        "docker_pull",
        lambda rng: (
            f"Digest: sha256:{_chars(rng, HEX, 64)}\nStatus: Downloaded newer image for "
            "nginx:1.27-alpine"
        ),
    ),
    (
        "uuid_ids",
        lambda rng: f'{{"user_id": "{_uuid(rng)}", "org_id": "{_uuid(rng)}", "role": "viewer"}}',
    ),
    (
        "uuid_azure_ids",
        lambda rng: (
            f"AZURE_TENANT_ID={_uuid(rng)}\nAZURE_SUBSCRIPTION_ID={_uuid(rng)}\nAZURE_CLIENT_ID={_uuid(rng)}"
        ),
    ),
    (
        "request_id_log",
        lambda rng: (
            f"2025-09-01T12:00:03Z INFO request_id={_uuid(rng)} trace_id={_chars(rng, HEX, 32)} "
            f"span_id={_chars(rng, HEX, 16)} status=200"
        ),
    ),
    (
        "trace_header",
        lambda rng: (
            f"traceparent: 00-{_chars(rng, HEX, 32)}-{_chars(rng, HEX, 16)}-01\nX-Request-ID: "
            f"{_uuid(rng)}"
        ),
    ),
    (
        "amzn_trace",
        lambda rng: (
            "X-Amzn-Trace-Id: "
            f"Root=1-{_chars(rng, HEX, 8)}-{_chars(rng, HEX, 24)}\nx-amz-request-id: "
            f"{_chars(rng, UPPER + DIGITS, 16)}"
        ),
    ),
    (
        "idempotency_key",
        lambda rng: (
            f"POST /v1/charges\nIdempotency-Key: {_uuid(rng)}\nContent-Type: application/json"
        ),
    ),
    (
        "cache_key",
        lambda rng: f'cache_key = "{_chars(rng, HEX, 40)}"\nsort_key = "{_chars(rng, ALNUM, 24)}"',
    ),
    (
        "partition_key",
        lambda rng: (
            f'{{"partition_key": "{_chars(rng, HEX, 32)}", "row_key": "{_chars(rng, DIGITS, 13)}"}}'
        ),
    ),
    (
        "s3_object_key",
        lambda rng: (
            f"Copied s3://data-lake/raw/{_date(rng)}/{_chars(rng, HEX, 32)}.parquet (object key) "
            "to the archive bucket."
        ),
    ),
    (
        "ci_actions_cache",
        lambda rng: (
            "- uses: actions/cache@v4\n  with:\n    path: ~/.npm\n    key: "
            f"npm-${{{{ hashFiles('package-lock.json') }}}}-{_chars(rng, HEX, 12)}"
        ),
    ),
    (
        "version_pins",
        lambda rng: (
            f"numpy=={_semver(rng)}\npandas>={_semver(rng)}\n"
            f"apache-airflow=={rng.randint(2, 3)}.{rng.randint(0, 10)}.{rng.randint(0, 5)}"
        ),
    ),
    (
        "version_prose",
        lambda rng: (
            f"Upgraded from {_semver(rng)} to "
            f"{_semver(rng)}-rc.{rng.randint(1, 5)}+build.{rng.randint(100, 999)}; no breaking "
            "changes."
        ),
    ),
    (
        "ports",
        lambda rng: (
            f"EXPOSE {rng.choice((8080, 3000, 5432, 9092))}\ndocker run -p "
            f"{rng.choice((8443, 8080))}:{rng.choice((443, 80))} app"
        ),
    ),
    (
        "url_with_port",
        lambda rng: (
            f"DATABASE_URL=postgresql://{rng.choice(HOSTS)}:{rng.choice((5432, 6543))}/analytics"
        ),
    ),
    ("redis_host_port", lambda rng: f"redis://cache-1:{rng.choice((6379, 6380))}/0"),
    ("ipv6_full", lambda rng: f"listen [{_ipv6(rng)}]:443 ssl;\n# upstream {_ipv6(rng)}"),
    (
        "ipv6_log",
        lambda rng: f"sshd[2211]: Accepted publickey for deploy from {_ipv6(rng)} port 52144 ssh2",
    ),
    (
        "ipv6_compressed",
        lambda rng: (
            f"inet6 fe80::{rng.getrandbits(16):x}:{rng.getrandbits(16):x}"
            f":{rng.getrandbits(16):x}/64 scope link"
        ),
    ),
    (
        "subnets",
        lambda rng: (
            f"Subnet: 10.{rng.randint(0, 255)}.0.0/16\nallowed_cidrs = "
            f'["192.168.{rng.randint(0, 255)}.0/24"]'
        ),
    ),
    (
        "dates_times",
        lambda rng: (
            f"Maintenance window {_date(rng)}T02:00:00Z — {_date(rng)}T04:30:00+01:00 (cron: 0 2 * "
            "* 0)"
        ),
    ),
    (
        "maven_coordinate",
        lambda rng: (
            "implementation "
            f"'org.apache.commons:commons-lang3:{_semver(rng)}'\n<version>{_semver(rng)}</version>"
        ),
    ),
    (
        "gradle_coordinate",
        lambda rng: f"com.fasterxml.jackson.core:jackson-databind:{_semver(rng)}:sources",
    ),
    (
        "docker_tag",
        lambda rng: (
            f"FROM eclipse-temurin:{rng.randint(11, 21)}-jre-jammy\nLABEL "
            f"org.opencontainers.image.revision={_chars(rng, HEX, 40)}"
        ),
    ),
    (
        "stripe_publishable",
        lambda rng: (
            f"const stripe = Stripe('pk_live_{_chars(rng, ALNUM, 99)}');  // publishable key, safe "
            "in the browser"
        ),
    ),
    (
        "ssh_public_key",
        lambda rng: (
            f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{_chars(rng, B64, 43)} "
            f"{rng.choice(USERS)}@laptop"
        ),
    ),
    (
        "ssh_rsa_public",
        lambda rng: (
            f"authorized_keys:\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ{_chars(rng, B64, 300)} "
            "ops@bastion"
        ),
    ),
    (
        "pem_public_key",
        lambda rng: f"-----BEGIN PUBLIC KEY-----\n{_pem_body(rng, 5)}\n-----END PUBLIC KEY-----",
    ),
    (
        "pem_certificate",
        lambda rng: f"-----BEGIN CERTIFICATE-----\n{_pem_body(rng, 10)}\n-----END CERTIFICATE-----",
    ),
    (
        "truncated_prefix",
        lambda rng: (
            f"The leaked value started with `{_vendor_lookalike(rng)[0]}` and was revoked at "
            f"{rng.randint(1, 12)}pm."
        ),
    ),
    (
        "masked_key",
        lambda rng: (
            f"Key: {_vendor_lookalike(rng)[0]}****{_chars(rng, ALNUM, 4)} (last used {_date(rng)})"
        ),
    ),
    (
        "masked_password",
        lambda rng: "Connecting to postgresql://app:***@db.internal:5432/app ... ok",
    ),
    (
        "base64_image",
        lambda rng: (
            f'<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA{_b64(rng.randbytes(120))}" '
            'alt="logo">'
        ),
    ),
    (
        "base64_font_css",
        lambda rng: (
            "@font-face { src: url(data:font/woff2;base64,d09GMgABAAAAA"
            f"{_b64(rng.randbytes(90))}) format('woff2'); }}"
        ),
    ),
    (
        "arn",
        lambda rng: (
            f"arn:aws:iam::{_chars(rng, DIGITS, 12)}:role/etl-runner\n"
            f"arn:aws:s3:::acme-logs-{rng.randint(100, 999)}"
        ),
    ),
    (
        "gcp_project",
        lambda rng: (
            f"GOOGLE_CLOUD_PROJECT=analytics-prod-{rng.randint(100000, 999999)}\n"
            "REGION=europe-west1"
        ),
    ),
    (
        "hex_colors",
        lambda rng: (
            f":root {{ --primary: #{_chars(rng, HEX, 6)}; --accent: #{_chars(rng, HEX, 6)}; }}"
        ),
    ),
    (
        "password_policy_prose",
        lambda rng: (
            "Passwords must be at least 12 characters and include a number; tokens expire after 90 "
            "days."
        ),
    ),
    (
        "password_reset_prose",
        lambda rng: (
            "I forgot my password again — the reset link at https://id.example.com/reset expires "
            f"in {rng.randint(10, 60)} minutes."
        ),
    ),
    (
        "key_error_trace",
        lambda rng: (
            'Traceback (most recent call last):\n  File "settings.py", line 8, in <module>\n    '
            "API_KEY = os.environ[\"API_KEY\"]\nKeyError: 'API_KEY'"
        ),
    ),
    (
        "function_signature",
        lambda rng: (
            "def login(username: str, password: str, *, otp: str | None = None) -> Session:"
        ),
    ),
    (
        "field_definitions",
        lambda rng: (
            "class User(Base):\n    password_hash = Column(String(128), nullable=False)\n    "
            "api_token_expires_at = Column(DateTime)"
        ),
    ),
    (
        "order_numbers",
        lambda rng: (
            f"Order #{rng.randint(10**9, 10**10)} shipped; tracking "
            f"{_chars(rng, UPPER, 2)}{_chars(rng, DIGITS, 9)}US."
        ),
    ),
    (
        "prose_es",
        lambda rng: (
            "¿Alguien sabe cómo restablecer la contraseña del portal? El enlace de recuperación no "
            "llega."
        ),
    ),
    ("prose_de", lambda rng: "Das Token ist abgelaufen, ich habe im Portal ein neues beantragt."),
    (
        "prose_fr",
        lambda rng: "Où dois-je mettre la clé API dans la configuration ? La doc ne le dit pas.",
    ),
    ("prose_pt", lambda rng: "Esqueci a senha do Jenkins, alguém pode resetar para mim?"),
    (
        "sql_query",
        lambda rng: (
            "SELECT id, email FROM users WHERE password_reset_token IS NOT NULL AND created_at > "
            "now() - interval '1 day';"
        ),
    ),
    (
        "nonce_in_csp",
        lambda rng: f"Content-Security-Policy: script-src 'self' 'nonce-{_b64(rng.randbytes(16))}'",
    ),
    (
        "html_password_input",
        lambda rng: (
            '<input type="password" name="password" autocomplete="current-password" '
            'placeholder="Password">'
        ),
    ),
)


def _negative(rng: random.Random) -> list[Case]:
    cases = []
    for index in range(NEGATIVE_CASES):
        family, build = NEGATIVES[index % len(NEGATIVES)]
        cases.append(Case(family, "negative", build(rng), harmless=True))
    return cases


# --- personal data ---------------------------------------------------------------------

PEOPLE = (
    "Marisol Quintero", "Tobias Lindqvist", "Adaeze Okonkwo", "Hiroshi Tanabe",
    "Priya Raghunathan", "Colm Ó Briain", "Yusuf Demir", "Ingrid Halvorsen",
    "Mateus Carvalho", "Sophie Lefebvre", "Dmitri Volkov", "Grace Mwangi",
)  # fmt: skip

PHONE_SHAPES = (
    ("US", "({a}) {b}-{c}"), ("US", "+1 {a} {b} {c}"), ("GB", "+44 7{d} {e}"),
    ("DE", "+49 151 {f}"), ("FR", "+33 6 {g}"), ("ES", "+34 6{h}"), ("BR", "+55 11 9{i}-{c}"),
)  # fmt: skip


def _phone(rng: random.Random) -> str:
    """A phone number ``phonenumbers`` calls valid for its region."""
    while True:
        region, shape = rng.choice(PHONE_SHAPES)
        number = shape.format(
            a=rng.choice(("212", "415", "617", "303", "512", "206")),
            b=f"{rng.randint(201, 989)}",
            c=f"{rng.randint(1000, 9999)}",
            d=f"{rng.randint(100, 999)}",
            e=f"{rng.randint(100000, 999999)}",
            f=f"{rng.randint(1000000, 9999999)}",
            g=" ".join(f"{rng.randint(10, 99)}" for _ in range(4)),
            h=f"{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
            i=f"{rng.randint(1000, 9999)}",
        )
        if phonenumbers.is_valid_number(phonenumbers.parse(number, region)):
            return number


def _pii_ip(rng: random.Random) -> str:
    return _ipv4(rng) if rng.random() < 0.7 else _ipv6(rng)


PII_KINDS: tuple[tuple[str, Callable[[random.Random], str], tuple[tuple[str, str], ...]], ...] = (
    ("PERSON", lambda rng: rng.choice(PEOPLE), (
        ("Can you add ", " to the on-call rotation next week?"),
        ("Escalated by ", " from the finance team, see the thread above."),
        ("Hola equipo, ", " se incorpora el lunes al proyecto."),
    )),
    ("EMAIL_ADDRESS", email, (
        ("Please send the invoice to ", " before Friday."),
        ("From: ", "\nSubject: access request"),
        ("Bitte schick die Unterlagen an ", ", danke!"),
    )),
    ("PHONE_NUMBER", _phone, (
        ("Call me on ", " if the deploy breaks tonight."),
        ("Contact: ", " (mobile)"),
        ("Mon numéro : ", ", appelle-moi après 18h."),
    )),
    ("CREDIT_CARD", credit_card, (
        ("Customer says card ", " was charged twice."),
        ("payment_method: card ", " exp 08/27"),
        ("O cartão ", " foi recusado no checkout."),
    )),
    ("US_SSN", us_ssn, (
        ("Applicant SSN: ", ", DOB on file."),
        ("employee record | ssn ", " | status active"),
    )),
    ("IBAN_CODE", iban, (
        ("Please wire the refund to IBAN ", " by Monday."),
        ("Bankverbindung: ", " (Girokonto)"),
    )),
    ("IP_ADDRESS", _pii_ip, (
        ("The suspicious logins came from ", " last night."),
        ("client_ip=", " user_agent=Mozilla/5.0"),
    )),
)  # fmt: skip


def _pii(rng: random.Random) -> list[Case]:
    cases = []
    for index in range(PII_CASES):
        entity, build, contexts = PII_KINDS[index % len(PII_KINDS)]
        before, after = rng.choice(contexts)
        text, spans = _join([(before, None), (build(rng), entity), (after, None)])
        cases.append(Case(entity.lower(), "pii", text, spans))
    return cases


def _luhn_invalid(rng: random.Random) -> str:
    number = credit_card(rng).replace(" ", "").replace("-", "")
    return number[:-1] + str((int(number[-1]) + rng.randint(1, 9)) % 10)


def _iban_invalid(rng: random.Random) -> str:
    value = iban(rng).replace(" ", "")
    check = (int(value[2:4]) + rng.randint(1, 50)) % 97 + 2
    return f"{value[:2]}{check:02d}{value[4:]}"


PII_NEGATIVES: tuple[tuple[str, Negative], ...] = (
    (
        "card_luhn_invalid",
        lambda rng: f"Reference number {_luhn_invalid(rng)} in the batch export.",
    ),
    (
        "ssn_invalid_area",
        lambda rng: (
            "Form field sample: "
            f"{rng.choice(('000', '666', '9' + _chars(rng, DIGITS, 2)))}"
            f"-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
        ),
    ),
    ("iban_bad_checksum", lambda rng: f"Account string {_iban_invalid(rng)} failed validation."),
    (
        "windows_build",
        lambda rng: (
            f"OS build 10.0.{rng.randint(17000, 26000)}.{rng.randint(1000, 5000)} is affected."
        ),
    ),
    (
        "version_quad",
        lambda rng: (
            "Bumped the chart to "
            f"{rng.randint(300, 999)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}-beta."
        ),
    ),
    ("uuid", lambda rng: f"job {_uuid(rng)} finished in {rng.randint(2, 90)}s"),
    (
        "durations_counts",
        lambda rng: (
            f"Processed {rng.randint(1, 999):,},{rng.randint(100, 999)} rows in "
            f"{rng.randint(1, 59)}m{rng.randint(1, 59)}s."
        ),
    ),
    (
        "scoped_packages",
        lambda rng: (
            f"npm i -D @types/node@{rng.randint(18, 22)} && brew install "
            f"python@3.{rng.randint(10, 13)}"
        ),
    ),
    (
        "product_names",
        lambda rng: rng.choice(
            (
                "Spring Boot and Apache Kafka both upgraded.",
                "Switched from Visual Studio Code to JetBrains Rider.",
                "The Kubernetes operator now manages Postgres.",
            )
        ),
    ),
    (
        "sku_codes",
        lambda rng: (
            f"SKU {_chars(rng, UPPER, 3)}-{rng.randint(1000, 9999)}-{_chars(rng, UPPER, 2)} back "
            "in stock."
        ),
    ),
    (
        "prices",
        lambda rng: (
            f"Total: ${rng.randint(1, 99)},{rng.randint(100, 999)}.{rng.randint(10, 99)} incl. VAT"
        ),
    ),
    ("hex_hash", lambda rng: f"build hash {_chars(rng, HEX, 12)}"),
)


def _pii_negative(rng: random.Random) -> list[Case]:
    cases = []
    for index in range(PII_NEGATIVE_CASES):
        family, build = PII_NEGATIVES[index % len(PII_NEGATIVES)]
        cases.append(Case(family, "pii_negative", build(rng)))
    return cases


def round3_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """The third blind round, in a fixed order per seed."""
    rng = random.Random(seed)
    return [
        *_literal(rng),
        *_generated(rng),
        *_negative(rng),
        *_pii(rng),
        *_pii_negative(rng),
    ]
