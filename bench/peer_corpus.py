"""A peer evaluation set: the secret and PII cases other projects test their detectors on.

Written from the families, formats and tricky negatives documented by gitleaks' rule
definitions (``cmd/generate/config/rules``), detect-secrets' plugin tests, trufflehog's
detector tests and Presidio's analyzer tests; not copied from them. Every key-shaped value
is generated here at run time from the format the vendor (and those rules) describe, so the
repository holds no credential literal, and every case sits in a context people paste into a
chat: ``.env`` files, YAML, JSON, shell history, curl commands, code, stack traces.

Kinds of case:
- ``literal``: credentials written the ways the suites' positive examples write them
  (``curl -u``, ``Authorization: Basic``, ``<password>…</password>``, ``setProperty``,
  suffixed key names, credential URLs, escaped service-account JSON…);
- ``generated``: a vendor token built from its pattern, in a rotating context;
- ``negative``: what the suites list as must-not-fire (placeholders, references, empty
  assignments, IPv6, ports, versions, checksums, UUIDs, build coordinates…); those marked
  ``harmless`` form the set on which no finding may be critical;
- ``pii`` and ``pii_negative``: Presidio-style PII positives and look-alikes.

``peer_cases(seed)`` is deterministic.
"""

from __future__ import annotations

import base64
import json
import random
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from bench.quality_corpus import LabelledSpan as Span
from bench.quality_corpus import _chars, credit_card, email, iban, phone, us_ssn

DEFAULT_SEED = 20_261_206
UPPER, LOWER, DIGITS = string.ascii_uppercase, string.ascii_lowercase, string.digits
ALNUM = UPPER + LOWER + DIGITS
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"
BASE32 = UPPER + "234567"

Segments = list[tuple[str, str | None]]


@dataclass(frozen=True, slots=True)
class Case:
    """One evaluation text: its family, kind, and labelled spans (none for negatives)."""

    family: str
    kind: str
    text: str
    spans: tuple[Span, ...] = ()
    harmless: bool = False


SECRET = "SECRET"  # label of a credential span: any credential type counts as found


def _join(segments: Segments) -> tuple[str, tuple[Span, ...]]:
    text, spans, position = [], [], 0
    for piece, label in segments:
        if label is not None:
            spans.append(Span(label, position, position + len(piece)))
        text.append(piece)
        position += len(piece)
    return "".join(text), tuple(spans)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


Token = Callable[[random.Random], str]


def _tok(prefix: str, alphabet: str, length: int, suffix: str = "") -> Token:
    """A token: a fixed prefix, ``length`` random characters of ``alphabet``, a suffix."""
    return lambda rng: f"{prefix}{_chars(rng, alphabet, length)}{suffix}"


def _parts(*pieces: str | tuple[str, int]) -> Token:
    """A token of fixed text and random runs: ``(alphabet, length)`` pieces are drawn."""

    def build(rng: random.Random) -> str:
        return "".join(p if isinstance(p, str) else _chars(rng, p[0], p[1]) for p in pieces)

    return build


def _password(rng: random.Random) -> str:
    """A chosen password: words, digits and a symbol, as people make them."""
    word = rng.choice(("Winter", "Falcon", "Tulip", "Harbor", "Quartz", "Mango", "Orbit", "Cedar"))
    return f"{word}{rng.choice('!#%&*?@')}{rng.randint(10, 9999)}{_chars(rng, ALNUM, 3)}"


# --- pattern-generated vendor tokens (formats as gitleaks' rules describe them) ------------

VENDOR_TOKENS: dict[str, tuple[str, Callable[[random.Random], str]]] = {
    "aws-access-key-id": (
        "AWS_ACCESS_KEY_ID",
        lambda r: r.choice(("AKIA", "ASIA", "ABIA", "ACCA")) + _chars(r, BASE32, 16),
    ),
    "github-classic": (
        "GITHUB_TOKEN",
        lambda r: r.choice("pousr").join(("gh", "_")) + _chars(r, ALNUM, 36),
    ),
    "github-fine-grained": (
        "GH_TOKEN",
        lambda r: "github_pat_" + _chars(r, ALNUM, 22) + "_" + _chars(r, ALNUM, 59),
    ),
    "gitlab-pat": ("GITLAB_TOKEN", lambda r: "glpat-" + _chars(r, URLSAFE, 20)),
    "gitlab-runner": ("CI_RUNNER_TOKEN", lambda r: "glrt-" + _chars(r, URLSAFE, 20)),
    "gitlab-runner-registration": (
        "REGISTRATION_TOKEN",
        lambda r: "GR1348941" + _chars(r, URLSAFE, 20),
    ),
    "gitlab-deploy": ("DEPLOY_TOKEN", lambda r: "gldt-" + _chars(r, URLSAFE, 20)),
    "gitlab-pipeline-trigger": ("TRIGGER_TOKEN", lambda r: "glptt-" + _chars(r, HEX, 40)),
    "gitlab-ci-job": (
        "CI_JOB_TOKEN",
        lambda r: "glcbt-" + _chars(r, HEX, 2) + "_" + _chars(r, URLSAFE, 20),
    ),
    "slack-bot": (
        "SLACK_BOT_TOKEN",
        lambda r: f"xoxb-{_chars(r, DIGITS, 12)}-{_chars(r, DIGITS, 13)}-{_chars(r, ALNUM, 24)}",
    ),
    "slack-user": (
        "SLACK_USER_TOKEN",
        lambda r: (
            f"xoxp-{_chars(r, DIGITS, 12)}-{_chars(r, DIGITS, 12)}-{_chars(r, DIGITS, 13)}-"
            + _chars(r, HEX, 32)
        ),
    ),
    "slack-app": (
        "SLACK_APP_TOKEN",
        lambda r: (
            f"xapp-1-A{_chars(r, UPPER + DIGITS, 10)}-{_chars(r, DIGITS, 13)}-" + _chars(r, HEX, 64)
        ),
    ),
    "slack-config-access": ("SLACK_CONFIG_TOKEN", lambda r: "xoxe.xoxp-1-" + _chars(r, ALNUM, 164)),
    "slack-config-refresh": ("SLACK_REFRESH_TOKEN", lambda r: "xoxe-1-" + _chars(r, ALNUM, 146)),
    "slack-legacy": (
        "SLACK_LEGACY_TOKEN",
        lambda r: (
            f"xox{r.choice('os')}-{_chars(r, DIGITS, 10)}-{_chars(r, DIGITS, 11)}-"
            f"{_chars(r, DIGITS, 12)}-{_chars(r, HEX, 32)}"
        ),
    ),
    "slack-legacy-workspace": (
        "SLACK_TOKEN",
        lambda r: f"xox{r.choice('ar')}-2-{_chars(r, ALNUM, 36)}",
    ),
    "slack-webhook": (
        "SLACK_WEBHOOK",
        lambda r: (
            f"https://hooks.slack.com/services/T{_chars(r, UPPER + DIGITS, 10)}/"
            f"B{_chars(r, UPPER + DIGITS, 10)}/{_chars(r, ALNUM, 24)}"
        ),
    ),
    "slack-workflow-webhook": (
        "SLACK_WORKFLOW_URL",
        lambda r: (
            f"https://hooks.slack.com/workflows/T{_chars(r, UPPER + DIGITS, 10)}/"
            f"A{_chars(r, UPPER + DIGITS, 10)}/{_chars(r, DIGITS, 18)}/{_chars(r, ALNUM, 32)}"
        ),
    ),
    "openai": (
        "OPENAI_API_KEY",
        lambda r: "sk-proj-" + _chars(r, URLSAFE, 74) + "T3BlbkFJ" + _chars(r, URLSAFE, 74),
    ),
    "anthropic": ("ANTHROPIC_API_KEY", lambda r: "sk-ant-api03-" + _chars(r, URLSAFE, 93) + "AA"),
    "google-api-key": ("GOOGLE_API_KEY", lambda r: "AIza" + _chars(r, URLSAFE, 35)),
    "gcp-oauth-client-secret": (
        "GOOGLE_CLIENT_SECRET",
        lambda r: "GOCSPX-" + _chars(r, URLSAFE, 28),
    ),
    "google-oauth-access-token": (
        "GOOGLE_ACCESS_TOKEN",
        lambda r: "ya29." + _chars(r, URLSAFE, 120),
    ),
    "stripe": ("STRIPE_KEY", lambda r: r.choice(("sk", "rk")) + "_live_" + _chars(r, ALNUM, 99)),
    "huggingface": ("HF_TOKEN", lambda r: "hf_" + _chars(r, UPPER + LOWER, 34)),
    "huggingface-org": ("HF_ORG_TOKEN", lambda r: "api_org_" + _chars(r, UPPER + LOWER, 34)),
    "sendgrid": (
        "SENDGRID_API_KEY",
        lambda r: f"SG.{_chars(r, URLSAFE, 22)}.{_chars(r, URLSAFE, 43)}",
    ),
    "npm": ("NPM_TOKEN", lambda r: "npm_" + _chars(r, LOWER + DIGITS, 36)),
    "pypi": ("PYPI_TOKEN", lambda r: "pypi-AgEIcHlwaS5vcmc" + _chars(r, URLSAFE, 70)),
    "twilio-api-key": ("TWILIO_API_KEY", lambda r: "SK" + _chars(r, HEX, 32)),
    "discord-bot": (
        "DISCORD_BOT_TOKEN",
        lambda r: (
            r.choice("MN")
            + _chars(r, ALNUM, 23)
            + "."
            + _chars(r, URLSAFE, 6)
            + "."
            + _chars(r, URLSAFE, 27)
        ),
    ),
    "discord-webhook": (
        "DISCORD_WEBHOOK_URL",
        lambda r: (
            f"https://discord.com/api/webhooks/{_chars(r, DIGITS, 18)}/{_chars(r, URLSAFE, 68)}"
        ),
    ),
    "xai": ("XAI_API_KEY", lambda r: "xai-" + _chars(r, ALNUM, 80)),
    "perplexity": ("PPLX_API_KEY", lambda r: "pplx-" + _chars(r, ALNUM, 48)),
    "bedrock-long-lived": ("AWS_BEARER_TOKEN_BEDROCK", lambda r: "ABSK" + _chars(r, B64, 132)),
    "groq": ("GROQ_API_KEY", lambda r: "gsk_" + _chars(r, ALNUM, 52)),
    "replicate": ("REPLICATE_API_TOKEN", lambda r: "r8_" + _chars(r, ALNUM, 37)),
    "openrouter": ("OPENROUTER_API_KEY", lambda r: "sk-or-v1-" + _chars(r, HEX, 64)),
    "langsmith": (
        "LANGSMITH_API_KEY",
        lambda r: f"lsv2_pt_{_chars(r, HEX, 32)}_{_chars(r, HEX, 10)}",
    ),
    "nvidia": ("NVIDIA_API_KEY", lambda r: "nvapi-" + _chars(r, URLSAFE, 64)),
    "shopify": (
        "SHOPIFY_TOKEN",
        lambda r: r.choice(("shpat_", "shpca_", "shppa_", "shpss_")) + _chars(r, HEX, 32),
    ),
    "digitalocean": (
        "DO_TOKEN",
        lambda r: r.choice(("dop_v1_", "doo_v1_", "dor_v1_")) + _chars(r, HEX, 64),
    ),
    "databricks": ("DATABRICKS_TOKEN", lambda r: "dapi" + _chars(r, HEX, 32)),
    "atlassian": ("JIRA_API_TOKEN", lambda r: "ATATT3" + _chars(r, URLSAFE, 186)),
    "linear": ("LINEAR_API_KEY", lambda r: "lin_api_" + _chars(r, ALNUM, 40)),
    "new-relic": ("NEW_RELIC_API_KEY", lambda r: "NRAK-" + _chars(r, UPPER + DIGITS, 27)),
    "grafana-service-account": (
        "GRAFANA_TOKEN",
        lambda r: f"glsa_{_chars(r, ALNUM, 32)}_{_chars(r, HEX, 8)}",
    ),
    "doppler": ("DOPPLER_TOKEN", lambda r: "dp.pt." + _chars(r, ALNUM, 43)),
    "postman": ("POSTMAN_API_KEY", lambda r: f"PMAK-{_chars(r, HEX, 24)}-{_chars(r, HEX, 34)}"),
    "pulumi": ("PULUMI_ACCESS_TOKEN", lambda r: "pul-" + _chars(r, HEX, 40)),
    "age-secret-key": (
        "SOPS_AGE_KEY",
        lambda r: "AGE-SECRET-KEY-1" + _chars(r, "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
    ),
    "azure-ad-client-secret": (
        "AZURE_CLIENT_SECRET",
        lambda r: _chars(r, ALNUM, 3) + r.choice(DIGITS) + "Q~" + _chars(r, ALNUM + "_~.-", 34),
    ),
    "vault": ("VAULT_TOKEN", lambda r: "hvs." + _chars(r, URLSAFE, 95)),
    "sentry-user": ("SENTRY_AUTH_TOKEN", lambda r: "sntryu_" + _chars(r, HEX, 64)),
    "dockerhub": ("DOCKERHUB_TOKEN", lambda r: "dckr_pat_" + _chars(r, URLSAFE, 27)),
    "heroku": ("HEROKU_API_KEY", lambda r: "HRKU-AA" + _chars(r, URLSAFE, 58)),
    "supabase": ("SUPABASE_ACCESS_TOKEN", lambda r: "sbp_" + _chars(r, HEX, 40)),
    "planetscale": ("PLANETSCALE_TOKEN", lambda r: "pscale_tkn_" + _chars(r, URLSAFE, 43)),
    "telegram-bot": (
        "TELEGRAM_BOT_TOKEN",
        lambda r: f"{_chars(r, DIGITS, 10)}:AA{_chars(r, URLSAFE, 33)}",
    ),
    "square": ("SQUARE_ACCESS_TOKEN", lambda r: "EAAA" + _chars(r, URLSAFE, 60)),
    "flyio": ("FLY_API_TOKEN", lambda r: "fo1_" + _chars(r, URLSAFE, 43)),
    # families the suites' own cases showed missing (gitleaks rules, trufflehog detectors)
    "flyio-macaroon": ("FLY_API_TOKEN", lambda r: "FlyV1 fm2_" + _chars(r, B64, 150)),
    "sonarqube": ("SONAR_TOKEN", lambda r: r.choice(("sqp_", "squ_", "sqa_")) + _chars(r, HEX, 40)),
    "sourcegraph": ("SRC_ACCESS_TOKEN", lambda r: "sgp_" + _chars(r, HEX, 40)),
    "clojars": ("CLOJARS_TOKEN", lambda r: "CLOJARS_" + _chars(r, LOWER + DIGITS, 60)),
    "cloudflare-origin-ca": (
        "CF_ORIGIN_CA_KEY",
        lambda r: f"v1.0-{_chars(r, HEX, 24)}-{_chars(r, HEX, 146)}",
    ),
    "facebook": ("FB_ACCESS_TOKEN", lambda r: "EAAC" + _chars(r, ALNUM, 140)),
    "1password-service-account": (
        "OP_SERVICE_ACCOUNT_TOKEN",
        lambda r: "ops_eyJ" + _chars(r, B64, 400),
    ),
    "notion": ("NOTION_TOKEN", lambda r: "ntn_" + _chars(r, DIGITS, 11) + _chars(r, ALNUM, 35)),
    "square-oauth-secret": ("SQUARE_SECRET", lambda r: "sq0csp-" + _chars(r, URLSAFE, 43)),
    "intra42": ("FT_CLIENT_SECRET", lambda r: "s-s4t2ud-" + _chars(r, HEX, 64)),
    "mailchimp": ("MAILCHIMP_API_KEY", lambda r: f"{_chars(r, HEX, 32)}-us{r.randint(1, 21)}"),
    "rootly": ("ROOTLY_API_KEY", lambda r: "rootly_" + _chars(r, HEX, 64)),
    "new-relic-mobile": ("NEW_RELIC_APP_TOKEN", lambda r: "AA" + _chars(r, HEX, 40) + "-NRMA"),
    "facebook-app-token": (
        "FB_APP_TOKEN",
        lambda r: f"{_chars(r, DIGITS, 16)}|{_chars(r, URLSAFE, 27)}",
    ),
    "teams-webhook": (
        "TEAMS_WEBHOOK_URL",
        lambda r: (
            f"https://{_chars(r, LOWER, 10)}.webhook.office.com/webhookb2/"
            f"{uuid.UUID(int=r.getrandbits(128))}@{uuid.UUID(int=r.getrandbits(128))}"
            f"/IncomingWebhook/{_chars(r, HEX, 32)}/{uuid.UUID(int=r.getrandbits(128))}"
        ),
    ),
    "zapier-webhook": (
        "ZAPIER_WEBHOOK_URL",
        lambda r: (
            f"https://hooks.zapier.com/hooks/catch/{_chars(r, DIGITS, 7)}/{_chars(r, ALNUM, 7)}/"
        ),
    ),
    "slack-legacy-ids": (
        "SLACK_TOKEN",
        lambda r: (
            f"xoxs-{_chars(r, DIGITS, 12)}-{_chars(r, DIGITS, 9)}-{_chars(r, DIGITS, 10)}-"
            + _chars(r, HEX, 10)
        ),
    ),
    "jwt": (
        "ACCESS_TOKEN",
        lambda r: ".".join(
            (
                base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("="),
                base64.urlsafe_b64encode(
                    json.dumps(
                        {"sub": _chars(r, DIGITS, 8), "exp": r.randint(17 * 10**8, 19 * 10**8)}
                    ).encode()
                )
                .decode()
                .rstrip("="),
                _chars(r, URLSAFE, 43),
            )
        ),
    ),
    # families values generated from gitleaks' rule regexes showed missing when bare
    "terraform-cloud": (
        "TFE_TOKEN",
        lambda r: f"{_chars(r, ALNUM, 14)}.atlasv1.{_chars(r, URLSAFE + '=', 67)}",
    ),
    "twitter-bearer": ("TWITTER_BEARER_TOKEN", lambda r: "A" * 22 + _chars(r, ALNUM + "%", 90)),
    "dropbox-long-lived": (
        "DROPBOX_TOKEN",
        lambda r: _chars(r, ALNUM, 11) + "A" * 10 + _chars(r, URLSAFE + "=", 43),
    ),
    "1password-secret-key": (
        "OP_SECRET_KEY",
        lambda r: "-".join(
            ["A3", _chars(r, UPPER + DIGITS, 6), _chars(r, UPPER + DIGITS, 11)]
            + [_chars(r, UPPER + DIGITS, 5) for _ in range(3)]
        ),
    ),
    "adobe-client-secret": ("ADOBE_CLIENT_SECRET", lambda r: "p8e-" + _chars(r, ALNUM, 32)),
    "airtable-pat": (
        "AIRTABLE_TOKEN",
        lambda r: f"pat{_chars(r, ALNUM, 14)}.{_chars(r, HEX, 64)}",
    ),
    "alibaba-access-key-id": ("ALIBABA_ACCESS_KEY_ID", lambda r: "LTAI" + _chars(r, ALNUM, 20)),
    "artifactory-api-key": ("ARTIFACTORY_API_KEY", lambda r: "AKCp" + _chars(r, ALNUM, 69)),
    "artifactory-reference": (
        "ARTIFACTORY_TOKEN",
        # "reftkn:01:<expiry, or ten zeros for none>:" in base64, then the random part
        lambda r: (
            _b64(f"reftkn:01:{r.choice(('0000000000', str(r.randint(17, 19) * 10**8)))}:".encode())
            + _chars(r, ALNUM, 36)
        ),
    ),
    "authress": (
        "AUTHRESS_KEY",
        lambda r: (
            f"sc_{_chars(r, LOWER + DIGITS, 20)}.{_chars(r, LOWER, 4)}."
            f"acc_{_chars(r, LOWER + DIGITS, 20)}.{_chars(r, B64, 60)}"
        ),
    ),
    "clickhouse-cloud": ("CLICKHOUSE_SECRET", lambda r: "4b1d" + _chars(r, ALNUM, 38)),
    "duffel": ("DUFFEL_TOKEN", lambda r: "duffel_live_" + _chars(r, URLSAFE, 43)),
    "dynatrace": (
        "DT_API_TOKEN",
        lambda r: f"dt0c01.{_chars(r, UPPER + DIGITS, 24)}.{_chars(r, UPPER + DIGITS, 64)}",
    ),
    "easypost": ("EASYPOST_API_KEY", lambda r: "EZAK" + _chars(r, ALNUM, 54)),
    "flutterwave": (
        "FLW_SECRET_KEY",
        lambda r: f"FLWSECK-{_chars(r, 'abcdefgh0123456789', 32)}-X",
    ),
    "frameio": ("FRAMEIO_TOKEN", lambda r: "fio-u-" + _chars(r, URLSAFE, 64)),
    "gitlab-session-cookie": (
        "GITLAB_COOKIE",
        lambda r: "_gitlab_session=" + _chars(r, LOWER + DIGITS, 32),
    ),
    "grafana-api-key": ("GRAFANA_API_KEY", lambda r: "eyJrIjoi" + _chars(r, ALNUM, 90)),
    "harness": (
        "HARNESS_API_KEY",
        lambda r: f"pat.{_chars(r, URLSAFE, 22)}.{_chars(r, HEX, 24)}.{_chars(r, ALNUM, 20)}",
    ),
    "infracost": ("INFRACOST_API_KEY", lambda r: "ico-" + _chars(r, ALNUM, 32)),
    "maxmind": (
        "MAXMIND_LICENSE_KEY",
        lambda r: f"{_chars(r, ALNUM, 6)}_{_chars(r, ALNUM, 29)}_mmk",
    ),
    "octopus-deploy": ("OCTOPUS_API_KEY", lambda r: "API-" + _chars(r, UPPER + DIGITS, 26)),
    "openshift": ("OPENSHIFT_TOKEN", lambda r: "sha256~" + _chars(r, URLSAFE, 43)),
    "prefect": ("PREFECT_API_KEY", lambda r: "pnu_" + _chars(r, ALNUM, 36)),
    "readme": ("README_API_KEY", lambda r: "rdme_" + _chars(r, LOWER + DIGITS, 70)),
    "rubygems": ("GEM_HOST_API_KEY", lambda r: "rubygems_" + _chars(r, HEX, 48)),
    "scalingo": ("SCALINGO_API_TOKEN", lambda r: "tk-us-" + _chars(r, URLSAFE, 48)),
    "brevo": (
        "BREVO_API_KEY",
        lambda r: f"xkeysib-{_chars(r, HEX, 64)}-{_chars(r, ALNUM, 16)}",
    ),
    "settlemint": (
        "SETTLEMINT_TOKEN",
        lambda r: f"sm_{r.choice('aps')}at_{_chars(r, ALNUM, 16)}",
    ),
    "shippo": ("SHIPPO_API_TOKEN", lambda r: "shippo_live_" + _chars(r, HEX, 40)),
    # families Nosey Parker's rule examples showed missing
    "teams-webhook-shared-host": (
        "TEAMS_WEBHOOK_URL",
        lambda r: (
            f"https://outlook.office.com/webhook/{uuid.UUID(int=r.getrandbits(128))}"
            f"@{uuid.UUID(int=r.getrandbits(128))}/IncomingWebhook/{_chars(r, HEX, 32)}"
            f"/{uuid.UUID(int=r.getrandbits(128))}"
        ),
    ),
    "new-relic-insights": (
        "NEW_RELIC_INSIGHTS_KEY",
        lambda r: r.choice(("NRIQ-", "NRII-")) + _chars(r, URLSAFE, 32),
    ),
    "new-relic-pixie": (
        "PX_DEPLOY_KEY",
        lambda r: f"px-{r.choice(('dep', 'api'))}-{uuid.UUID(int=r.getrandbits(128))}",
    ),
    "nuget": ("NUGET_API_KEY", lambda r: "oy2" + _chars(r, LOWER + DIGITS, 43)),
    "dependency-track": ("DTRACK_API_KEY", lambda r: "odt_" + _chars(r, ALNUM, 32)),
    "adafruit-io": ("IO_KEY", lambda r: "aio_" + _chars(r, ALNUM, 28)),
    "crates-io": ("CARGO_REGISTRY_TOKEN", lambda r: "cio" + _chars(r, ALNUM, 32)),
    "twitch-stream-key": (
        "TWITCH_STREAM_KEY",
        lambda r: f"live_{_chars(r, DIGITS, 9)}_{_chars(r, ALNUM, 30)}",
    ),
    "aws-appsync": ("APPSYNC_API_KEY", lambda r: "da2-" + _chars(r, LOWER + DIGITS, 26)),
    "bitbucket-app-password": ("BITBUCKET_APP_PASSWORD", lambda r: "ATBB" + _chars(r, ALNUM, 32)),
    "github-refresh": ("GITHUB_REFRESH_TOKEN", lambda r: "ghr_" + _chars(r, ALNUM, 76)),
    "firecrawl": ("FIRECRAWL_API_KEY", lambda r: "fc-" + _chars(r, HEX, 32)),
    "jina": ("JINA_API_KEY", lambda r: "jina_" + _chars(r, ALNUM, 60)),
    "tavily": ("TAVILY_API_KEY", lambda r: "tvly-" + _chars(r, ALNUM, 32)),
    "stackhawk": ("HAWK_API_KEY", lambda r: f"hawk.{_chars(r, ALNUM, 20)}.{_chars(r, ALNUM, 20)}"),
    "dropbox-short-lived": ("DROPBOX_ACCESS_TOKEN", lambda r: "sl." + _chars(r, URLSAFE, 138)),
    "segment": ("SEGMENT_TOKEN", lambda r: "sgp_" + _chars(r, ALNUM, 64)),
    "new-relic-license": ("NEW_RELIC_LICENSE_KEY", lambda r: _chars(r, HEX, 36) + "NRAL"),
    "new-relic-rest": ("NEW_RELIC_REST_KEY", lambda r: "NRRA-" + _chars(r, HEX, 42)),
    "salesforce-access": (
        "SF_ACCESS_TOKEN",
        lambda r: f"00D{_chars(r, ALNUM, 15)}!{_chars(r, ALNUM + '._', 96)}",
    ),
    "mailgun": ("MAILGUN_API_KEY", lambda r: "key-" + _chars(r, HEX, 32)),
    "azure-workflow-webhook": (
        "TEAMS_WORKFLOW_URL",
        lambda r: (
            f"https://prod-{r.randint(10, 99)}.westeurope.logic.azure.com:443/workflows/"
            f"{_chars(r, HEX, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01"
            f"&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={_chars(r, URLSAFE, 43)}"
        ),
    ),
    "vault-unseal-key": ("VAULT_UNSEAL", lambda r: "Unseal Key 1: " + _chars(r, B64, 44)),
    "sonar-login": ("SONAR_SCANNER_OPTS", lambda r: "-Dsonar.login=" + _chars(r, HEX, 40)),
    "langfuse": ("LANGFUSE_SECRET_KEY", lambda r: f"sk-lf-{uuid.UUID(int=r.getrandbits(128))}"),
    "elevenlabs": ("ELEVENLABS_API_KEY", lambda r: "sk_" + _chars(r, HEX, 48)),
    "cursor": ("CURSOR_API_KEY", lambda r: "key_" + _chars(r, HEX, 64)),
    "neon": ("NEON_API_KEY", lambda r: "napi_" + _chars(r, LOWER + DIGITS, 64)),
    "clickup": (
        "CLICKUP_API_TOKEN",
        lambda r: f"pk_{_chars(r, DIGITS, 8)}_{_chars(r, UPPER + DIGITS, 32)}",
    ),
    "google-oauth-refresh": ("GOOGLE_REFRESH_TOKEN", lambda r: "1//0" + _chars(r, URLSAFE, 99)),
    "braintree": (
        "BRAINTREE_ACCESS_TOKEN",
        lambda r: f"access_token$production${_chars(r, LOWER + DIGITS, 16)}${_chars(r, HEX, 32)}",
    ),
    "deepseek": ("DEEPSEEK_API_KEY", lambda r: "sk-" + _chars(r, HEX, 32)),
    # formats of trufflehog's prefix detectors
    "apify": ("APIFY_TOKEN", lambda r: "apify_api_" + _chars(r, ALNUM, 36)),
    "bitbucket-data-center": (
        "BITBUCKET_TOKEN",
        lambda r: "BBDC-" + _chars(r, ALNUM + "+/@_-", 44),
    ),
    "bannerbear": ("BANNERBEAR_API_KEY", lambda r: "bb_pr_" + _chars(r, HEX, 30)),
    "circleci": (
        "CIRCLE_TOKEN",
        lambda r: f"CCIPAT_{_chars(r, ALNUM, 22)}_{_chars(r, HEX, 40)}",
    ),
    "contentful": ("CONTENTFUL_MANAGEMENT_TOKEN", lambda r: "CFPAT-" + _chars(r, URLSAFE, 43)),
    "cloudflare-global": (
        "CLOUDFLARE_API_KEY",
        lambda r: "cfk_" + _chars(r, ALNUM, 40) + _chars(r, HEX, 8),
    ),
    "endor-labs": ("ENDOR_API_KEY", lambda r: "endr+" + _chars(r, ALNUM, 16)),
    "fleetbase": ("FLEETBASE_KEY", lambda r: "flb_live_" + _chars(r, ALNUM, 20)),
    "flexport": ("FLEXPORT_TOKEN", lambda r: "shltm_" + _chars(r, URLSAFE, 40)),
    "fullstory": ("FULLSTORY_API_KEY", lambda r: "na1." + _chars(r, B64, 100)),
    "gocardless": ("GOCARDLESS_ACCESS_TOKEN", lambda r: "live_" + _chars(r, URLSAFE, 40)),
    "hubspot-private-app": (
        "HUBSPOT_TOKEN",
        lambda r: f"pat-na1-{uuid.UUID(int=r.getrandbits(128))}",
    ),
    "klaviyo": ("KLAVIYO_PRIVATE_KEY", lambda r: "pk_" + _chars(r, HEX, 34)),
    "locationiq": ("LOCATIONIQ_TOKEN", lambda r: "pk." + _chars(r, ALNUM, 32)),
    "nightfall": ("NIGHTFALL_API_KEY", lambda r: "NF-" + _chars(r, ALNUM, 32)),
    "pagarme": ("PAGARME_API_KEY", lambda r: "ak_live_" + _chars(r, ALNUM, 30)),
    "pinecone": (
        "PINECONE_API_KEY",
        lambda r: f"pcsk_{_chars(r, ALNUM, 6)}_{_chars(r, ALNUM, 63)}",
    ),
    "posthog-personal": ("POSTHOG_PERSONAL_API_KEY", lambda r: "phx_" + _chars(r, ALNUM, 45)),
    "pubnub-publish": (
        "PUBNUB_PUBLISH_KEY",
        lambda r: f"pub-c-{uuid.UUID(int=r.getrandbits(128))}",
    ),
    "ramp": ("RAMP_CLIENT_SECRET", lambda r: "ramp_sec_" + _chars(r, ALNUM, 48)),
    "recharge": ("RECHARGE_API_KEY", lambda r: "sk_1x1_" + _chars(r, HEX, 64)),
    "robinhood-crypto": (
        "RH_API_KEY",
        lambda r: f"rh-api-{uuid.UUID(int=r.getrandbits(128))}",
    ),
    "salad-cloud": (
        "SALAD_API_KEY",
        lambda r: f"salad_cloud_{_chars(r, ALNUM, 6)}_{_chars(r, ALNUM, 40)}",
    ),
    "sonarcloud": ("SONAR_TOKEN", lambda r: "sqco_" + _chars(r, ALNUM, 59)),
    "sourcegraph-cody": ("SRC_ACCESS_TOKEN", lambda r: "slk_" + _chars(r, HEX, 64)),
    "tailscale": (
        "TS_AUTHKEY",
        lambda r: f"tskey-auth-{_chars(r, ALNUM, 12)}-{_chars(r, ALNUM, 33)}",
    ),
    "tines-webhook": (
        "TINES_WEBHOOK",
        lambda r: (
            f"https://{_chars(r, LOWER, 8)}.tines.com/webhook/"
            f"{_chars(r, LOWER + DIGITS, 32)}/{_chars(r, LOWER + DIGITS, 32)}"
        ),
    ),
    "typeform": ("TYPEFORM_TOKEN", lambda r: "tfp_" + _chars(r, ALNUM, 44)),
    "ubidots": ("UBIDOTS_TOKEN", lambda r: "BBFF-" + _chars(r, ALNUM, 30)),
    "voiceflow": ("VF_API_KEY", lambda r: f"VF.DM.{_chars(r, HEX, 24)}.{_chars(r, ALNUM, 16)}"),
    "zoho-refresh": (
        "ZOHO_REFRESH_TOKEN",
        lambda r: f"1000.{_chars(r, HEX, 32)}.{_chars(r, HEX, 32)}",
    ),
    "pypi-bare": ("PYPI_API_TOKEN", lambda r: "AgEIcHlwaS5vcmc" + _chars(r, URLSAFE, 70)),
    "tencent-secret-id": ("TENCENTCLOUD_SECRET_ID", lambda r: "AKID" + _chars(r, ALNUM, 32)),
    "netlify": ("NETLIFY_AUTH_TOKEN", lambda r: "nfp_" + _chars(r, ALNUM, 36)),
    "yandex-api-key": ("YC_API_KEY", lambda r: "AQVN" + _chars(r, URLSAFE, 36)),
    "yandex-access-key": ("YC_ACCESS_KEY", lambda r: "YC" + _chars(r, URLSAFE, 38)),
    "plaid-access-token": (
        "PLAID_ACCESS_TOKEN",
        lambda r: f"access-production-{uuid.UUID(int=r.getrandbits(128))}",
    ),
    "deepl": ("DEEPL_AUTH_KEY", lambda r: f"{uuid.UUID(int=r.getrandbits(128))}:fx"),
    "mailersend": ("MAILERSEND_API_TOKEN", lambda r: "mlsn." + _chars(r, ALNUM, 64)),
    "firebase-fcm": (
        "FCM_SERVER_KEY",
        lambda r: f"AAAA{_chars(r, URLSAFE, 7)}:APA91b{_chars(r, URLSAFE, 134)}",
    ),
    "stripe-webhook-secret": ("STRIPE_WEBHOOK_SECRET", lambda r: "whsec_" + _chars(r, ALNUM, 32)),
    "mapbox-secret": (
        "MAPBOX_SECRET_TOKEN",
        lambda r: (
            "sk."
            + base64.urlsafe_b64encode(json.dumps({"u": _chars(r, LOWER, 8)}).encode())
            .decode()
            .rstrip("=")
            + "."
            + _chars(r, URLSAFE, 22)
        ),
    ),
    "notion-legacy": ("NOTION_TOKEN", lambda r: "secret_" + _chars(r, ALNUM, 43)),
    "buildkite": ("BUILDKITE_API_TOKEN", lambda r: "bkua_" + _chars(r, HEX, 40)),
    "render": ("RENDER_API_KEY", lambda r: "rnd_" + _chars(r, ALNUM, 32)),
    "figma": ("FIGMA_TOKEN", lambda r: "figd_" + _chars(r, URLSAFE, 40)),
    "resend": ("RESEND_API_KEY", lambda r: f"re_{_chars(r, ALNUM, 8)}_{_chars(r, ALNUM, 24)}"),
    "thingsboard": (
        "TB_TELEMETRY_URL",
        lambda r: f"https://thingsboard.cloud/api/v1/{_chars(r, LOWER + DIGITS, 20)}/telemetry",
    ),
}


def _pem(rng: random.Random, kind: str = "", newline: str = "\n") -> str:
    body = newline.join(_chars(rng, B64, 64) for _ in range(rng.randint(8, 14)))
    return (
        f"-----BEGIN {kind}PRIVATE KEY-----{newline}{body}{newline}-----END {kind}PRIVATE KEY-----"
    )


# Contexts a generated token is pasted in; ``{n}`` is the variable name, ``{v}`` the value.
CONTEXTS = (
    "can you check my .env? it stopped working\n\nAPP_ENV=production\n{n}={v}\nLOG_LEVEL=info",
    "config.yaml:\n```yaml\nservice:\n  name: billing\n  {lower}: {v}\n  retries: 3\n```",
    '{"service": "billing", "{lower}": "{v}", "timeout": 30}',
    "$ export {n}='{v}'\n$ python deploy.py --env prod\nTraceback (most recent call last):",
    'import os\n\nclient = Client(token="{v}")  # TODO move to env\nprint(client.whoami())',
    'why does this fail?\n  File "app/main.py", line 12, in <module>\n'
    '    raise AuthError("rejected credential {v}")\nAuthError: rejected credential {v}',
    'curl -s https://api.service.io/v1/me -H "Authorization: Bearer {v}"',
    "here is the token our contractor sent me: {v} - is it still valid?",
)


def _fill(template: str, value: str, name: str = "") -> Segments:
    """A template's ``{v}`` (first occurrence labelled) and ``{n}``/``{lower}`` filled in."""
    filled = template.replace("{n}", name).replace("{lower}", name.lower())
    head, _, tail = filled.partition("{v}")
    return [(head, None), (value, SECRET), (tail.replace("{v}", value), None)]


def _generated(rng: random.Random) -> list[Case]:
    cases = []
    for family, (name, make) in VENDOR_TOKENS.items():
        for context in rng.sample(CONTEXTS, 4):
            cases.append(Case(family, "generated", *_join(_fill(context, make(rng), name))))
    return cases


# --- literal-style credential cases ------------------------------------------------------


def _user(rng: random.Random) -> str:
    return rng.choice(("deploy", "admin", "svc_ci", "jenkins", "alice", "report_reader"))


def _host(rng: random.Random) -> str:
    return rng.choice(("db.internal.acme.io", "10.20.3.14", "pg-prod-01", "mq.corp.acme.net"))


def _literal_families() -> dict[str, Callable[[random.Random], Segments]]:
    def other_operators(r: random.Random) -> Segments:
        name = r.choice(("apiToken", "authToken", "clientSecret", "signingKey"))
        upper = name.upper()
        layout = r.choice(
            (
                f'{name} := "{{v}}"',
                f"{upper} ::= " + '"{v}"',
                f"{upper} ?= " + '"{v}"',
                f"${name} .= " + '"{v}"',
                f'if ({name} === "{{v}}") {{{{',
            )
        )
        head, _, tail = layout.partition("{v}")
        return [(head, None), (_chars(r, ALNUM, 40), SECRET), (tail, None)]

    def value_on_next_line(r: random.Random) -> Segments:
        layout = r.choice(
            (
                "database:\n  password:\n    {v}\nlogging: info",
                "api_token: |\n  {v}\n",
                "here is the staging secret:\n\n{v}\n\nrotate it after the demo",
                'private static final String CLIENT_SECRET =\n        "{v}";',
                'static const std::string StorageAccountKey{\n    "{v}"};',
            )
        )
        head, _, tail = layout.partition("{v}")
        return [(head, None), (_chars(r, ALNUM, 32), SECRET), (tail, None)]

    def short_or_numeric(r: random.Random) -> Segments:
        layout, value = r.choice(
            (
                ('db_password = "{v}"', _chars(r, DIGITS, 8)),
                ("vbout token = '{v}'", _chars(r, DIGITS, 25)),
                ("parsehub_token = '{v}'", _chars(r, ALNUM, 12)),
                ('"host_secret": "{v}"', _chars(r, LOWER + DIGITS, 14)),
                ('api_key <- "{v}"', _chars(r, HEX, 32)),
            )
        )
        head, _, tail = layout.partition("{v}")
        return [(head, None), (value, SECRET), (tail, None)]

    def other_languages(r: random.Random) -> Segments:
        name = r.choice(
            ("contraseña", "DB_PASSWORT", "Kennwort", "mot_de_passe", "senha", "пароль")
        )
        return [(f"{name}: ", None), (_password(r), SECRET), ("", None)]

    def xml_multiline(r: random.Random) -> Segments:
        name = r.choice(("apiToken", "clientSecret", "password", "accessKey"))
        return [(f"<{name}>\n    ", None), (_chars(r, ALNUM, 36), SECRET), (f"\n</{name}>", None)]

    def log_line_key(r: random.Random) -> Segments:
        vendor = r.choice(("weather", "geocoding", "billing", "search"))
        return [
            (f"[INFO] Sending request to the {vendor} API\n[DEBUG] Using Key=", None),
            (_chars(r, LOWER + DIGITS, 32), SECRET),
            ("\n[INFO] Response received: 200 OK", None),
        ]

    def curl_continued(r: random.Random) -> Segments:
        return [
            (f"$ curl -k -X POST https://{_host(r)}:11222/rest/v2/caches \\\n"
             f"  -H 'Content-type: text/plain' \\\n  -u {_user(r)}:", None),
            (_password(r), SECRET),
            ("", None),
        ]  # fmt: skip

    def curl_user(r: random.Random) -> Segments:
        password = _password(r)
        flag = r.choice(("-u ", "--user ", "-u", "--user="))
        quote = r.choice(("", "'", '"'))
        return [
            (f"$ curl -sS {flag}{quote}{_user(r)}:", None),
            (password, SECRET),
            (f"{quote} https://{_host(r)}/api/v2/jobs | jq .", None),
        ]

    def basic_header(r: random.Random) -> Segments:
        encoded = _b64(f"{_user(r)}:{_password(r)}".encode())
        prefix = r.choice(
            ("Authorization: Basic ", '-H "Authorization: Basic ', "'Authorization': 'Basic ")
        )
        return [(f"request headers:\n{prefix}", None), (encoded, SECRET), ("\nAccept: */*", None)]

    def token_header(r: random.Random) -> Segments:
        scheme = r.choice(("Token", "token", "Bearer", "bearer"))
        value = r.choice((_chars(r, HEX, 40), _chars(r, ALNUM, 32), _chars(r, URLSAFE, 48)))
        header = r.choice(
            ("Authorization: ", '"Authorization": "', "headers = {'Authorization': '")
        )
        return [(f"{header}{scheme} ", None), (value, SECRET), ("'} ", None)]

    def aws_secret(r: random.Random) -> Segments:
        key_id = "AKIA" + _chars(r, BASE32, 16)
        secret = _chars(r, B64, 40)
        layout = r.choice(
            (
                "[default]\naws_access_key_id = {id}\n"
                "aws_secret_access_key = {s}\nregion = eu-west-1",
                'export AWS_ACCESS_KEY_ID={id}\nexport AWS_SECRET_ACCESS_KEY="{s}"',
                '{"AccessKeyId": "{id}", "SecretAccessKey": "{s}", "SessionToken": null}',
                's3 = boto3.client("s3", aws_access_key_id="{id}",\n'
                '    aws_secret_access_key="{s}")',
                'new BasicAWSCredentials("{id}", "{s}");',
                "aws configure set aws_secret_access_key {s}",
            )
        )
        return _fill(layout.replace("{id}", key_id).replace("{s}", "{v}"), secret)

    def suffixed_names(r: random.Random) -> Segments:
        name = r.choice(
            (
                "api_token_123",
                "mySecretString",
                "DB_PASSWORD_PROD",
                "stripeSecretKeyLive",
                "secret_key_base",
                "client_secret_v2",
                "jwtSigningSecret",
                "ADMIN_PASS_2",
                "webhookSecretValue",
                "encryptionKey",
                "PRIVATE_TOKEN",
                "app_secret_staging",
            )
        )
        value = r.choice((_chars(r, ALNUM, 32), _chars(r, HEX, 64), _password(r)))
        layout = r.choice(
            ('{n} = "{v}"', "{n}: '{v}'", "const {n} = `{v}`;", "{n}={v}", '"{n}": "{v}",')
        )
        return _fill("snippet from settings:\n" + layout, value, name)

    def xml_forms(r: random.Random) -> Segments:
        value = r.choice((_password(r), _chars(r, ALNUM, 24)))
        layout = r.choice(
            (
                "<password>{v}</password>",
                '<add key="ApiSecret" value="{v}" />',
                '<entry key="db.password">{v}</entry>',
                '<property name="password" value="{v}"/>',
                "<apiKey>{v}</apiKey>",
                "<server><id>nexus</id><username>ci</username><password>{v}</password></server>",
            )
        )
        return _fill("my pom/config:\n" + layout, value)

    def set_property(r: random.Random) -> Segments:
        value = _password(r)
        call = r.choice(
            (
                'System.setProperty("javax.net.ssl.keyStorePassword", "{v}");',
                'props.setProperty("password", "{v}");',
                'config.set("api_key", "{v}")',
                'os.environ["DB_PASSWORD"] = "{v}"',
                'conf.put("sasl.jaas.password", "{v}");',
            )
        )
        return _fill("public static void main(String[] args) {\n    " + call + "\n}", value)

    def cli_flags(r: random.Random) -> Segments:
        value = _password(r)
        command = r.choice(
            (
                "mysql -h {h} -u root -p{v} app",
                "docker login registry.acme.io -u ci -p {v}",
                "pg_dump --dbname=app --password {v} > dump.sql",
                "sshpass -p '{v}' ssh deploy@{h}",
                "redis-cli -h {h} -a {v} ping",
                "az login --service-principal -u app-id --password {v} --tenant acme",
                "keytool -importkeystore -srcstorepass {v} -srckeystore app.p12",
            )
        ).replace("{h}", _host(r))
        return _fill("history | tail\n  512  " + command, value)

    def credential_url(r: random.Random) -> Segments:
        scheme = r.choice(
            ("postgres", "postgresql", "mysql", "mongodb+srv", "amqp", "redis", "https")
        )
        user = "" if scheme == "redis" and r.random() < 0.5 else _user(r)
        value = _password(r)
        return [
            (f"DATABASE_URL={scheme}://{user}:", None),
            (value, SECRET),
            (f"@{_host(r)}:5432/app?sslmode=require", None),
        ]

    def escaped_service_account(r: random.Random) -> Segments:
        key = _pem(r, "", "\\\\n")
        project = r.choice(("acme-prod", "billing-481203", "ml-sandbox"))
        inner_head = (
            '{\\"type\\": \\"service_account\\", \\"project_id\\": \\"'
            + project
            + '\\", \\"private_key_id\\": \\"'
            + _chars(r, HEX, 40)
            + '\\", \\"private_key\\": \\"'
        )
        inner_tail = (
            '\\\\n\\", \\"client_email\\": \\"runner@' + project + '.iam.gserviceaccount.com\\"}'
        )
        return [
            ('{"name": "ingest", "gcp_credentials": "' + inner_head, None),
            (key, SECRET),
            (inner_tail + '"}', None),
        ]

    def azure_client_secret(r: random.Random) -> Segments:
        value = _chars(r, ALNUM, 3) + r.choice(DIGITS) + "Q~" + _chars(r, ALNUM + "_~.-", 34)
        layout = r.choice(
            ('"clientSecret": "{v}"', "AZURE_CLIENT_SECRET={v}", "client_secret = '{v}'")
        )
        return _fill(f'"tenantId": "{uuid.UUID(int=r.getrandbits(128))}",\n' + layout, value)

    def pgpass_netrc(r: random.Random) -> Segments:
        value = _password(r)
        layout = (
            r.choice(
                (
                    "~/.pgpass:\n{h}:5432:app:{u}:{v}",
                    "~/.netrc:\nmachine api.heroku.com\n  login {u}@acme.io\n  password {v}",
                    "[distutils]\nindex-servers = pypi\n[pypi]\n"
                    "username = __token__\npassword = {v}",
                )
            )
            .replace("{h}", _host(r))
            .replace("{u}", _user(r))
        )
        return _fill(layout, value)

    def connection_string(r: random.Random) -> Segments:
        value = _password(r)
        return [
            (f"Server=tcp:{_host(r)},1433;Initial Catalog=app;User ID={_user(r)};Password=", None),
            (value, SECRET),
            (";Encrypt=True;", None),
        ]

    def natural_language(r: random.Random) -> Segments:
        value = _password(r)
        lead = r.choice(
            (
                "the admin password is ",
                "my password: ",
                "use this pwd: ",
                "vpn login is jdoe / password ",
                "new wifi passphrase is ",
            )
        )
        return [(lead, None), (value, SECRET), (" — please don't share", None)]

    def generic_hex_secret(r: random.Random) -> Segments:
        name = r.choice(
            (
                "SECRET_KEY",
                "JWT_SECRET",
                "signing_key",
                "WEBHOOK_SECRET",
                "encryption_key",
                "TWILIO_AUTH_TOKEN",
                "MAILGUN_API_KEY",
                "session_secret",
            )
        )
        value = r.choice((_chars(r, HEX, 32), _chars(r, HEX, 64), _chars(r, B64, 44)))
        return [(f"# settings.py\n{name} = '", None), (value, SECRET), ("'\nDEBUG = False", None)]

    def k8s_secret(r: random.Random) -> Segments:
        value = _b64(_password(r).encode())
        return [
            (
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n"
                "type: Opaque\ndata:\n  username: ",
                None,
            ),
            (_b64(_user(r).encode()), None),
            ("\n  password: ", None),
            (value, SECRET),
            ("\n", None),
        ]

    def docker_auth(r: random.Random) -> Segments:
        value = _b64(f"{_user(r)}:{_password(r)}".encode())
        return [
            ('~/.docker/config.json:\n{"auths": {"registry.acme.io": {"auth": "', None),
            (value, SECRET),
            ('"}}}', None),
        ]

    def private_key(r: random.Random) -> Segments:
        kind = r.choice(("RSA ", "EC ", "OPENSSH ", "", "ENCRYPTED "))
        return [
            ("here is the deploy key, can you tell me why ssh rejects it?\n", None),
            (_pem(r, kind), SECRET),
        ]

    return {
        "curl-user": curl_user,
        "authorization-basic": basic_header,
        "authorization-token-bearer": token_header,
        "aws-secret-access-key": aws_secret,
        "suffixed-key-names": suffixed_names,
        "xml-config": xml_forms,
        "set-property": set_property,
        "cli-password-flags": cli_flags,
        "credential-url": credential_url,
        "gcp-sa-escaped-json": escaped_service_account,
        "azure-ad-client-secret": azure_client_secret,
        "pgpass-netrc-pypirc": pgpass_netrc,
        "connection-string": connection_string,
        "natural-language-password": natural_language,
        "generic-hex-secret": generic_hex_secret,
        "k8s-secret": k8s_secret,
        "docker-config-auth": docker_auth,
        "private-key": private_key,
        "go-make-php-operators": other_operators,
        "xml-multiline-element": xml_multiline,
        "value-on-next-line": value_on_next_line,
        "short-or-numeric-value": short_or_numeric,
        "password-in-other-languages": other_languages,
        "log-line-key": log_line_key,
        "curl-continued-lines": curl_continued,
    }


# --- negatives: what the suites list as must-not-fire ----------------------------------------

# The jwt.io debugger's default token, assembled from its parts.
_JWT_IO_SIGNATURE = "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
_JWT_IO_SAMPLE = ".".join(
    (
        base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("="),
        base64.urlsafe_b64encode(b'{"sub":"1234567890","name":"John Doe","iat":1516239022}')
        .decode()
        .rstrip("="),
        _JWT_IO_SIGNATURE,
    )
)


def _negative_families() -> dict[str, tuple[bool, Callable[[random.Random], str]]]:
    """Family → (harmless, text maker). Harmless families may never raise a critical finding."""

    def placeholders(r: random.Random) -> str:
        return r.choice(
            (
                'password = "<password>"',
                "API_KEY=your_api_key_here",
                'token: "${TOKEN}"',
                "secret: {{ .Values.secret }}",
                "aws_secret_access_key = YOUR_SECRET_KEY",
                "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
                "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "SLACK_BOT_TOKEN=xoxb-" + "x" * 10 + "-" + "x" * 12 + "-" + "x" * 24,
                "https://hooks.slack.com/services/T00000000/B00000000/" + "X" * 24,
                "GITHUB_TOKEN=ghp_" + "x" * 36,
                "OPENAI_API_KEY=sk-...",
                "password: changeme",
                'password = "********"',
                "DB_PASSWORD=<redacted>",
                "api_key: REPLACE_ME",
                "Authorization: Bearer <token>",
                'curl -u "$USER:$PASS" https://api.acme.io',
                "export HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "password: your-password-here",
                "client_secret: <client-secret>",
            )
        )

    def references(r: random.Random) -> str:
        return r.choice(
            (
                'password = os.environ["DB_PASSWORD"]',
                "api_key = settings.OPENAI_API_KEY",
                "token = get_token()",
                'secret = config.get("secret")',
                "password: !vault |",
                'password = input("Password: ")',
                "export TOKEN=$(cat /run/secrets/token)",
                'curl -H "Authorization: Bearer $TOKEN" https://api.acme.io/v1/me',
                "password=$DB_PASS",
                "docker login --username ci --password-stdin < pw.txt",
                "curl -u deploy https://api.acme.io  # prompts for the password",
                "token = request.headers.get('X-Auth-Token')",
                "client_secret=${{ secrets.CLIENT_SECRET }}",
                "secretKeyRef:\n  name: db-credentials\n  key: password",
                "password_file: /etc/app/db_password",
                "apiKey: process.env.STRIPE_SECRET_KEY,",
            )
        )

    def empty_assignments(r: random.Random) -> str:
        return r.choice(
            (
                "DB_PASSWORD=\nDB_HOST=db.internal\nDB_PORT=5432",
                'password: ""\nusername: ""',
                "token=\nrefresh_token=",
                "SECRET_KEY=\nDEBUG=True",
                "api_key = None",
                "password = ''\nif not password:\n    raise SystemExit('set a password')",
                '"password": null,\n"user": "admin"',
                "AUTH_TOKEN=   # fill in",
            )
        )

    def benign_names(r: random.Random) -> str:
        return r.choice(
            (
                "token_type: bearer",
                "password_min_length = 12",
                "password_reset_url: https://acme.io/reset",
                "max_tokens: 4096",
                'tokenizer = "cl100k_base"',
                "secret_name: prod-db-credentials",
                'api_key_header = "X-API-Key"',
                'passwordField.setText("");',
                "PASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher']",
                "key_length: 2048",
                "keyFile: /etc/ssl/private/server.key",
                "access_key_id_env: AWS_ACCESS_KEY_ID",
                "def get_password(self) -> str:",
                "SECRET_KEY_LENGTH = 50",
                "passwordless sign-in is enabled for everyone",
                '"password": {"type": "string", "minLength": 8}',
                "token_limit=8192",
                "the tokenization step splits words",
                "credentials: include",
            )
        )

    def ipv6(r: random.Random) -> str:
        groups = [_chars(r, HEX, 4) for _ in range(8)]
        return r.choice(
            (
                "ip -6 addr: inet6 " + ":".join(groups) + "/64 scope global",
                "listen [" + ":".join(groups[:4]) + "::1]:443;",
                "fe80::" + ":".join(groups[:4]) + "%eth0",
                "peer " + ":".join(groups) + " unreachable",
                "::ffff:10." + str(r.randint(0, 255)) + ".0.1 connected",
            )
        )

    def ports_hosts(r: random.Random) -> str:
        return r.choice(
            (
                f"connect to localhost:{r.randint(1024, 65535)} failed",
                f"git clone ssh://git@gitlab.acme.io:{r.randint(2000, 2999)}/team/repo.git",
                "proxy=http://proxy.corp.acme.io:3128",
                "jdbc:mysql://db:3306/app?user=app",
                f"redis://cache:{r.randint(6000, 6999)}/0",
                'ports:\n  - "8080:80"\n  - "5432:5432"',
                "ssh -p 2222 deploy@bastion.acme.io",
                "git@github.com:acme/payments.git",
            )
        )

    def dates_times(r: random.Random) -> str:
        return r.choice(
            (
                f"2026-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
                f"T12:{r.randint(0, 59):02d}:05.123Z",
                f"uptime {r.randint(1, 90)} days, 12:34:56",
                "0 */4 * * * /usr/local/bin/backup.sh",
                f"elapsed 00:{r.randint(10, 59)}:{r.randint(10, 59)}.{r.randint(100, 999)}",
            )
        )

    def versions(r: random.Random) -> str:
        return r.choice(
            (
                f"version {r.randint(1, 9)}.{r.randint(0, 20)}.{r.randint(0, 40)}"
                f".{r.randint(0, 999)}",
                f"requests=={r.randint(1, 2)}.{r.randint(0, 32)}.{r.randint(0, 9)}",
                f"Chrome/{r.randint(100, 130)}.0.{r.randint(1000, 6999)}.{r.randint(10, 199)}",
                f"go version go1.{r.randint(18, 23)}.{r.randint(0, 9)} linux/amd64",
                f"image: nginx:1.{r.randint(20, 27)}.{r.randint(0, 5)}-alpine",
            )
        )

    def checksums(r: random.Random) -> str:
        return r.choice(
            (
                f"sha256:{_chars(r, HEX, 64)}",
                f"md5sum: {_chars(r, HEX, 32)}  release.tar.gz",
                f"commit {_chars(r, HEX, 40)}\nAuthor: ci-bot",
                f"image@sha256:{_chars(r, HEX, 64)}",
                f'"integrity": "sha512-{_chars(r, B64, 86)}=="',
                f'ETag: "{_chars(r, HEX, 32)}"',
                f"SHA1 ({_chars(r, HEX, 40)}) verified",
                f'checksum = "{_chars(r, HEX, 64)}"',
                f"npm notice shasum: {_chars(r, HEX, 40)}",
            )
        )

    def uuids(r: random.Random) -> str:
        value = uuid.UUID(int=r.getrandbits(128), version=4)
        # A time-based UUID (a clock reading of 2020-2029 and a node): an id under any name.
        ticks = (r.randint(2020, 2029) - 1582) * 365 * 24 * 3600 * 10**7
        time_based = uuid.UUID(
            fields=(
                ticks & 0xFFFFFFFF,
                (ticks >> 32) & 0xFFFF,
                0x1000 | (ticks >> 48) & 0x0FFF,
                0x80 | r.getrandbits(6),
                r.getrandbits(8),
                r.getrandbits(48),
            )
        )
        return r.choice(
            (
                f"request_id: {value}",
                f'"client_id": "{value}"',
                f"tenant_id = {value}",
                f"X-Correlation-ID: {value}",
                f"subscription {value} not found",
                f"//registry.npmjs.org/:_authToken={time_based}",
                f"session_token: {time_based}",
            )
        )

    def build_coordinates(r: random.Random) -> str:
        return r.choice(
            (
                f"org.apache.commons:commons-lang3:3.{r.randint(10, 17)}.0",
                f"implementation 'com.squareup.okhttp3:okhttp:4.{r.randint(9, 12)}.0'",
                "com.fasterxml.jackson.core:jackson-databind:jar:sources:2.17.1",
                f"io.grpc:grpc-netty:1.{r.randint(50, 65)}.0:compile",
                f"docker pull ghcr.io/acme/api:{_chars(r, HEX, 7)}",
            )
        )

    def public_material(r: random.Random) -> str:
        return r.choice(
            (
                "-----BEGIN PUBLIC KEY-----\n"
                + "\n".join(_chars(r, B64, 64) for _ in range(4))
                + "\n-----END PUBLIC KEY-----",
                f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{_chars(r, B64, 43)} deploy@ci",
                f"STRIPE_PUBLISHABLE_KEY=pk_live_{_chars(r, ALNUM, 24)}",
                f"stripe test key sk_test_{_chars(r, ALNUM, 24)}",
                f"data:image/png;base64,{_chars(r, B64, 120)}",
                "-----BEGIN CERTIFICATE-----\n"
                + "\n".join(_chars(r, B64, 64) for _ in range(4))
                + "\n-----END CERTIFICATE-----",
            )
        )

    def code_identifiers(r: random.Random) -> str:
        return r.choice(
            (
                "const tokenRegex = /^[A-Za-z0-9_-]+$/;",
                "if password == confirm_password:",
                "password.length > 8 && /[A-Z]/.test(password)",
                "user.set_password(form.cleaned_data['new'])",
                "self.secret_manager = SecretManagerServiceClient()",
                "assert token_count < max_tokens",
                "private_key_path = Path.home() / '.ssh' / 'id_ed25519'",
                "aws iam create-access-key --user-name ci",
                "arn:aws:iam::123456789012:role/Admin",
            )
        )

    def not_credentials_by_name(r: random.Random) -> str:
        value = _chars(r, URLSAFE, 43)
        return r.choice(
            (
                f'<input type="hidden" name="authenticity_token" value="{value}">',
                f"csrf-token={value}",
                f'<meta name="csrf-token" content="{value}">',
                f'publicKey = "{value}"',
                f"nonce: {value}",
                f'"bucket_key": "SalesResults-{r.randint(1, 9)}.{r.randint(0, 9)}"',
                f"sort_key = {_chars(r, ALNUM, 24)}",
            )
        )

    def numbers_by_credential_names(r: random.Random) -> str:
        return r.choice(
            (
                f"token_expires_at: {r.randint(1_700_000_000, 1_900_000_000)}",
                f"access_token_expiry_ms = {r.randint(1_700_000_000_000, 1_900_000_000_000)}",
                f"password_port: {r.randint(1024, 65535)}",
                f"api_key_id = {_chars(r, DIGITS, 18)}",
                f'"max_tokens": {r.randint(256, 8192)}',
                "password:\n  min_length: 12\n  require_digit: true",
                "secret:\n  name: db-credentials\n  key: password",
                "password = 123456",
            )
        )

    def code_not_values(r: random.Random) -> str:
        return r.choice(
            (
                "if password == confirm_password:",
                "if (token !== expectedToken) { throw new Error('mismatch') }",
                "SUMO_ACCESS_KEY=`etcdctl get /sumologic_secret`",
                "DB_PASSWORD=`vault kv get -field=password secret/db`",
                'notes = "Maven - io.jsonwebtoken:jjwt-jackson-0.11.2"',
                '"https://url:8000";@something else',
                "https://url:8000/ @something else",
            )
        )

    def typed_stand_ins(r: random.Random) -> str:
        return r.choice(
            (
                "xoxe.xoxp-1-SlackAppConfigurationAccessTokenHere",
                "xoxe.xoxp-1-RANDOMSTRINGHERE",
                'cloudant_password = "a-fake-tooshort-key"',
                'password = "somefakekey"',
                "token: xoxp-1234567890",
                f"AGE-SECRET-KEY-1{'Q' * 58}",
            )
        )

    def documentation(r: random.Random) -> str:
        return r.choice(
            (
                "Set AWS_SECRET_ACCESS_KEY in your environment before running the CLI.",
                "jwt.io example: " + _JWT_IO_SAMPLE,
                "postgres://user:password@localhost:5432/mydb",
                "mongodb://username:password@example.com:27017/db",
                "Your API key looks like sk-proj-... and is shown once.",
                "OAuth flow: exchange the code for an access_token, then refresh it with the "
                "refresh_token.",
            )
        )

    return {
        "placeholders": (True, placeholders),
        "references": (True, references),
        "empty-assignments": (True, empty_assignments),
        "benign-key-names": (True, benign_names),
        "ipv6": (True, ipv6),
        "ports-hosts": (True, ports_hosts),
        "dates-times": (True, dates_times),
        "versions": (True, versions),
        "checksums": (True, checksums),
        "uuids": (True, uuids),
        "build-coordinates": (True, build_coordinates),
        "public-material": (False, public_material),
        "code-identifiers": (False, code_identifiers),
        "documentation": (True, documentation),
        "not-credentials-by-name": (True, not_credentials_by_name),
        "code-not-values": (True, code_not_values),
        "numbers-by-credential-names": (True, numbers_by_credential_names),
        "typed-stand-ins": (True, typed_stand_ins),
    }


# --- PII, the way Presidio's tests write it -----------------------------------------------


def _ipv4(r: random.Random) -> str:
    first = r.choice((23, 51, 81, 93, 145, 176, 188, 212))
    return f"{first}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"


PII_FAMILIES: dict[str, tuple[str, Callable[[random.Random], str], tuple[str, ...]]] = {
    "email": (
        "EMAIL_ADDRESS",
        email,
        (
            "my email is {v}",
            "please cc {v} on the thread",
            "From: {v}\nSubject: invoice",
            '{"contact": "{v}"}',
        ),
    ),
    "phone": (
        "PHONE_NUMBER",
        phone,
        (
            "call me at {v}",
            "my phone number is {v}",
            "Tel: {v}",
            "reach the on-call at {v} tonight",
        ),
    ),
    "credit-card": (
        "CREDIT_CARD",
        credit_card,
        ("my card number is {v}", "charge {v} exp 04/28", "card: {v}", "customer paid with {v}"),
    ),
    "us-ssn": (
        "US_SSN",
        us_ssn,
        ("my ssn is {v}", "SSN: {v}", "social security number {v} on the form", "employee ssn={v}"),
    ),
    "iban": (
        "IBAN_CODE",
        iban,
        ("wire it to IBAN {v}", "IBAN: {v}", "account {v} (Deutsche Bank)", "refund to {v} please"),
    ),
    "ip-address": (
        "IP_ADDRESS",
        _ipv4,
        (
            "the attacker came from {v}",
            "client ip {v} blocked",
            "ssh root@{v}",
            "X-Forwarded-For: {v}",
        ),
    ),
}


def _pii(rng: random.Random) -> list[Case]:
    cases = []
    for family, (entity, make, templates) in PII_FAMILIES.items():
        for template in templates * 3:
            value = make(rng)
            head, _, tail = template.partition("{v}")
            cases.append(Case(family, "pii", *_join([(head, None), (value, entity), (tail, None)])))
    return cases


# Texts Presidio-style recognizers misread as PII: URLs, subnets, file names, code, ids.
PII_NEGATIVES: dict[str, tuple[str, ...]] = {
    "urls-and-files": (
        "see https://docs.python.org/3/library/re.html for the syntax",
        "edit config.ini and restart",
        "open settings.json in the editor",
        "the docs at https://kubernetes.io/docs/concepts/ explain it",
        'System.setProperty("http.proxyHost", "proxy");',
        "run main.py then check output.log",
    ),
    "network": (
        "Subnet: 192.168.1.0/24",
        "netmask 255.255.255.0",
        "route add 10.0.0.0/8 via gateway",
        "allow from 172.16.0.0/12",
        "CIDR 10.20.0.0/16 overlaps",
    ),
    "identifiers": (
        "version 1.2.3.4 is out",
        "OID 1.3.6.1.4.1.311.21.8",
        "order ORD-2026-000123 shipped",
        "ISBN 978-3-16-148410-0",
        "build 20261206.4 passed",
        "tracking 1Z999AA10123456784",
        "issue #48213 was closed",
        "invoice 2026-11-0042 paid",
    ),
    "time": (
        "meeting at 10:30-11:45 tomorrow",
        "timestamp 1733500000123",
        "ran 2026-12-06 21:43:43 UTC",
        "cron 30 2 * * 1-5",
    ),
}


def _pii_negatives() -> list[Case]:
    return [
        Case(family, "pii_negative", text)
        for family, texts in PII_NEGATIVES.items()
        for text in texts
    ]


def peer_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """Every case of the peer evaluation, in a deterministic order."""
    rng = random.Random(seed)
    cases = _generated(rng)
    for family, make in _literal_families().items():
        cases += [Case(family, "literal", *_join(make(rng))) for _ in range(8)]
    for family, (harmless, make) in _negative_families().items():
        texts = dict.fromkeys(make(rng) for _ in range(24))
        cases += [Case(family, "negative", text, harmless=harmless) for text in texts]
    return cases + _pii(rng) + _pii_negatives()
