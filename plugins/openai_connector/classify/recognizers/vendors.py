"""Tokens of the many services whose keys carry a documented prefix, as one table.

Each row is a vendor's published token format (the same formats secret scanners such as
gitleaks and trufflehog key their rules on): a literal prefix that makes the shape
specific, then the generated body. One recognizer walks the table; a row's regex runs only
when its marker (a literal every token holds) occurs in the text, so the breadth costs a
substring search per row.
Values whose generated part (the token without its marker) is too uniform to be generated
(``hf_xxxx…``) and placeholders are skipped.
"""

from __future__ import annotations

import re
from typing import ClassVar, NamedTuple

from openai_connector.classify.recognizers.base import SecretPatternRecognizer, SpanRecognizer
from openai_connector.classify.recognizers.placeholders import is_placeholder, looks_random


class VendorToken(NamedTuple):
    """One token format: its entity, a literal every token contains, its regex, the
    documented shape when the regex is looser (a match not of that shape is not critical),
    and, for a token opening with an encoded header, how many final characters are random."""

    entity: str
    marker: str
    pattern: re.Pattern[str]
    exact: re.Pattern[str] | None = None
    random_tail: int | None = None


def _token(
    entity: str,
    marker: str,
    body: str,
    *,
    edge: str = "A-Za-z0-9_-",
    exact: str | None = None,
    random_tail: int | None = None,
) -> VendorToken:
    """A row whose match (``body``) neither starts nor ends inside a longer token.

    Base64 padding (``=``) can only end a token, so it never bars a start: ``KEY=ABSK…``.
    """
    before = edge.replace("=", "")
    pattern = re.compile(rf"(?<![{before}]){body}(?![{edge}])")
    exact_pattern = None if exact is None else re.compile(exact)
    return VendorToken(entity, marker, pattern, exact_pattern, random_tail)


_GUID = r"[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}"
_GUID_CHARS = 36  # a row whose random part is a GUID after a fixed word


VENDOR_TOKENS: tuple[VendorToken, ...] = (
    _token("HUGGINGFACE_TOKEN", "hf_", r"hf_[A-Za-z0-9]{34}", exact=r"hf_[A-Za-z]{34}"),
    _token(
        "HUGGINGFACE_TOKEN", "api_org_", r"api_org_[A-Za-z0-9]{34}", exact=r"api_org_[A-Za-z]{34}"
    ),
    _token("SENDGRID_API_KEY", "SG.", r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"),
    _token("NPM_TOKEN", "npm_", r"npm_[A-Za-z0-9]{36}"),
    _token("PYPI_TOKEN", "pypi-", r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}"),
    # the macaroon without its "pypi-" prefix: its first bytes spell "pypi.org" in base64
    _token("PYPI_TOKEN", "AgEIcHlwaS5vcmc", r"AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}"),
    _token("TWILIO_API_KEY", "SK", r"SK[0-9a-fA-F]{32}"),
    _token(
        "DISCORD_BOT_TOKEN", ".", r"[MN][A-Za-z0-9]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}"
    ),
    _token(
        "DISCORD_WEBHOOK_URL",
        "/api/webhooks/",
        r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{17,20}/[A-Za-z0-9_-]{60,68}",
    ),
    _token("XAI_API_KEY", "xai-", r"xai-[A-Za-z0-9_]{80}"),
    _token("PERPLEXITY_API_KEY", "pplx-", r"pplx-[A-Za-z0-9]{48}"),
    _token(
        "AWS_BEDROCK_API_KEY",
        "ABSK",
        r"ABSK[A-Za-z0-9+/]{100,269}={0,2}",
        edge="A-Za-z0-9+/=",
        exact=r"ABSK[A-Za-z0-9+/]{109,269}={0,2}",
    ),
    _token(
        "AWS_BEDROCK_API_KEY",
        "bedrock-api-key-",
        r"bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/%=]{20,2000}",
        edge="A-Za-z0-9+/%=",
    ),
    _token("GROQ_API_KEY", "gsk_", r"gsk_[A-Za-z0-9]{52}"),
    _token("REPLICATE_API_TOKEN", "r8_", r"r8_[A-Za-z0-9_-]{37}"),
    _token("OPENROUTER_API_KEY", "sk-or-", r"sk-or-v1-[a-f0-9]{64}"),
    _token(
        "LANGSMITH_API_KEY",
        "lsv2_",
        r"lsv2_(?:pt|sk)_[a-z0-9]{32}_[a-z0-9]{10}",
        exact=r"lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}",
    ),
    _token("NVIDIA_API_KEY", "nvapi-", r"nvapi-[A-Za-z0-9_-]{64}"),
    _token("SHOPIFY_TOKEN", "shp", r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
    _token("DIGITALOCEAN_TOKEN", "_v1_", r"do[opr]_v1_[a-f0-9]{64}"),
    _token("DATABRICKS_TOKEN", "dapi", r"dapi[a-f0-9]{32}(?:-\d)?"),
    _token("ATLASSIAN_API_TOKEN", "ATATT3", r"ATATT3[A-Za-z0-9_=-]{150,250}"),
    _token("LINEAR_API_KEY", "lin_api_", r"lin_api_[A-Za-z0-9]{40}"),
    _token("NEW_RELIC_API_KEY", "NRAK-", r"NRAK-[A-Z0-9]{27}"),
    # Insights insert and query keys.
    _token("NEW_RELIC_INSIGHTS_KEY", "NRI", r"NRI[IQ]-[A-Za-z0-9_-]{25,32}"),
    _token("NEW_RELIC_PIXIE_KEY", "px-", rf"px-(?:dep|api)-{_GUID}"),
    _token("GRAFANA_TOKEN", "glsa_", r"glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"),
    _token("GRAFANA_TOKEN", "glc_", r"glc_[A-Za-z0-9+/]{32,400}={0,2}", edge="A-Za-z0-9+/="),
    _token("DOPPLER_TOKEN", "dp.", r"dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}"),
    _token("POSTMAN_API_KEY", "PMAK-", r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}"),
    _token("PULUMI_ACCESS_TOKEN", "pul-", r"pul-[a-z0-9]{40}"),
    _token(
        "AGE_SECRET_KEY",
        "AGE-SECRET-KEY-1",
        r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
    ),
    _token(
        "AZURE_AD_CLIENT_SECRET",
        "Q~",
        r"[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}",
        edge="A-Za-z0-9_~.-",
    ),
    _token(
        "VAULT_TOKEN",
        "hv",
        r"hv[sbr]\.[A-Za-z0-9_-]{24,300}",
        exact=r"hv[sbr]\.[A-Za-z0-9_-]{90,300}",
    ),
    _token("SENTRY_AUTH_TOKEN", "sntry", r"sntry(?:u_[a-f0-9]{64}|s_eyJ[A-Za-z0-9+/=_-]{60,400})"),
    _token("DOCKERHUB_TOKEN", "dckr_", r"dckr_(?:pat_[A-Za-z0-9_-]{27}|oat_[A-Za-z0-9_-]{32})"),
    _token("HEROKU_API_KEY", "HRKU-AA", r"HRKU-AA[A-Za-z0-9_-]{58}"),
    _token("SUPABASE_ACCESS_TOKEN", "sbp_", r"sbp_[a-z0-9]{40}"),
    _token("PLANETSCALE_TOKEN", "pscale_", r"pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64}"),
    _token(
        "TELEGRAM_BOT_TOKEN",
        ":AA",
        r"\d{8,10}:AA[A-Za-z0-9_-]{32,33}",
        edge="A-Za-z0-9_:-",
        exact=r"\d{8,10}:AA[A-Za-z0-9_-]{33}",
    ),
    _token("SQUARE_ACCESS_TOKEN", "EAAA", r"EAAA[A-Za-z0-9_-]{60}"),
    _token("SQUARE_ACCESS_TOKEN", "sq0atp-", r"sq0atp-[A-Za-z0-9_-]{22}"),
    _token("FLYIO_TOKEN", "fo1_", r"fo1_[A-Za-z0-9_-]{43}"),
    _token("GOOGLE_OAUTH_CLIENT_SECRET", "GOCSPX-", r"GOCSPX-[A-Za-z0-9_-]{28}"),
    _token("GOOGLE_OAUTH_ACCESS_TOKEN", "ya29.", r"ya29\.[A-Za-z0-9_-]{30,2000}"),
    _token("SONARQUBE_TOKEN", "_", r"sq[pua]_[a-f0-9]{40}"),
    _token("SOURCEGRAPH_TOKEN", "sgp_", r"sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}"),
    _token("CLOJARS_TOKEN", "CLOJARS_", r"CLOJARS_[a-z0-9]{60}"),
    _token("CLOUDFLARE_ORIGIN_CA_KEY", "v1.0-", r"v1\.0-[a-f0-9]{24}-[a-f0-9]{146}"),
    _token("FACEBOOK_ACCESS_TOKEN", "EAA", r"EAA[A-Z][A-Za-z0-9]{100,1000}"),
    _token(
        "ONEPASSWORD_TOKEN",
        "ops_eyJ",
        r"ops_eyJ[A-Za-z0-9+/_-]{100,5000}={0,3}",
        edge="A-Za-z0-9+/_=-",
    ),
    _token("NOTION_TOKEN", "ntn_", r"ntn_[0-9]{11}[A-Za-z0-9]{35}"),
    _token("SQUARE_OAUTH_SECRET", "sq0csp-", r"sq0csp-[A-Za-z0-9_-]{43}"),
    _token(
        "FLYIO_TOKEN", "fm", r"fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,5000}={0,3}", edge="A-Za-z0-9+/="
    ),
    # Jenkins credentials.xml: secrets encrypted with the controller's key, in braces.
    _token("JENKINS_ENCRYPTED_SECRET", "{AQAAAB", r"\{AQAAAB[A-Za-z0-9+/]{30,4000}={0,2}\}"),
    _token("MAILCHIMP_API_KEY", "-us", r"[0-9a-f]{32}-us\d{1,2}"),
    _token("ROOTLY_API_KEY", "rootly_", r"rootly_[a-f0-9]{64}"),
    _token("NEW_RELIC_MOBILE_APP_TOKEN", "-NRMA", r"(?:eu01xx)?[A-Za-z0-9]{40,42}-NRMA"),
    # An app access token: the app id, a bar, and the app secret.
    _token("FACEBOOK_ACCESS_TOKEN", "|", r"\d{15,16}\|[A-Za-z0-9_-]{27}"),
    # Incoming webhooks on a tenant's own host (``….webhook.office.com/webhookb2/``) and on
    # the shared host of the older ones (``outlook.office.com/webhook/``).
    _token(
        "MICROSOFT_TEAMS_WEBHOOK_URL",
        "/IncomingWebhook/",
        r"https://(?:[A-Za-z0-9-]{1,63}\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com"
        r"/webhook)/[A-Za-z0-9@-]{20,100}/IncomingWebhook/[A-Za-z0-9]{32}/[A-Za-z0-9-]{20,60}",
        exact=rf"https://(?:[a-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com"
        rf"/webhook)/{_GUID}@{_GUID}/IncomingWebhook/[0-9a-f]{{32}}/{_GUID}",
    ),
    # Workflow webhooks (Teams' "Workflows", Power Automate, Logic Apps): the signature in
    # the query string is the whole credential.
    _token(
        "AZURE_WORKFLOW_WEBHOOK_URL",
        "&sig=",
        r"https://[A-Za-z0-9.-]+\.(?:logic\.azure\.com|api\.powerplatform\.com)(?::443)?/"
        r"[A-Za-z0-9/._-]{10,300}\?[A-Za-z0-9%&=._-]{0,300}&sig=[A-Za-z0-9_%-]{40,50}",
        edge="A-Za-z0-9_%-",
    ),
    # Unseal keys as `vault operator init` prints them and `vault operator unseal` takes them.
    _token(
        "VAULT_UNSEAL_KEY",
        "nseal ",
        r"(?:(?<=Unseal Key \d: )|(?<=Unseal Key \d\d: )|(?<=operator unseal ))"
        r"[A-Za-z0-9+/]{43,44}={0,1}",
        edge="A-Za-z0-9+/=",
    ),
    # SonarQube's analysis token passed to the scanner (-Dsonar.login=…, -Dsonar.token=…).
    _token("SONARQUBE_TOKEN", "sonar.", r"(?:(?<=sonar\.login=)|(?<=sonar\.token=))[a-f0-9]{40}"),
    _token(
        "ZAPIER_WEBHOOK_URL",
        "hooks.zapier.com/",
        r"https://hooks\.zapier\.com/hooks/catch/(?:\d{4,12}/)?[A-Za-z0-9]{6,40}/?",
        edge="A-Za-z0-9_/-",
    ),
    _token("INTRA42_CLIENT_SECRET", "-s4t2", r"[su]-s4t2(?:ud|af)-[a-f0-9]{64}"),
    _token(
        "TERRAFORM_CLOUD_TOKEN",
        ".atlasv1.",
        r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}",
    ),
    _token(
        "ONEPASSWORD_SECRET_KEY",
        "A3-",
        r"A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
    ),
    _token("ADOBE_CLIENT_SECRET", "p8e-", r"p8e-[A-Za-z0-9]{32}"),
    _token("AIRTABLE_TOKEN", "pat", r"pat[A-Za-z0-9]{14}\.[a-f0-9]{64}"),
    _token("ALIBABA_ACCESS_KEY_ID", "LTAI", r"LTAI[A-Za-z0-9]{20}"),
    _token("ARTIFACTORY_API_KEY", "AKCp", r"AKCp[A-Za-z0-9]{69}"),
    # "reftkn:01:<expiry>:" in base64, then the random part.
    _token("ARTIFACTORY_REFERENCE_TOKEN", "cmVmd", r"cmVmd[A-Za-z0-9]{59}", random_tail=36),
    _token(
        "AUTHRESS_ACCESS_KEY",
        ".acc",
        r"(?:sc|ext|scauth|authress)_[A-Za-z0-9]{5,30}\.[A-Za-z0-9]{4,6}\.acc[_-][A-Za-z0-9-]{10,32}"
        r"\.[A-Za-z0-9+/_=-]{30,120}",
        edge="A-Za-z0-9+/_-",
    ),
    _token("CLICKHOUSE_API_SECRET", "4b1d", r"4b1d[A-Za-z0-9]{38}"),
    _token("DUFFEL_API_TOKEN", "duffel_live_", r"duffel_live_[A-Za-z0-9_=-]{43}"),
    _token("DYNATRACE_API_TOKEN", "dt0", r"dt0[a-z][0-9]{2}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}"),
    _token("EASYPOST_API_KEY", "EZAK", r"EZAK[A-Za-z0-9]{54}"),
    _token("FLUTTERWAVE_SECRET_KEY", "FLWSECK-", r"FLWSECK-[a-h0-9]{32}-X"),
    _token("FRAMEIO_API_TOKEN", "fio-u-", r"fio-u-[A-Za-z0-9_=-]{64}"),
    _token("GITLAB_SESSION_TOKEN", "_gitlab_session=", r"_gitlab_session=[0-9a-z]{32}"),
    _token("GRAFANA_TOKEN", "eyJrIjoi", r"eyJrIjoi[A-Za-z0-9]{70,400}={0,3}"),
    _token(
        "HARNESS_API_KEY",
        "at.",
        r"[ps]at\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}",
    ),
    _token("INFRACOST_API_TOKEN", "ico-", r"ico-[A-Za-z0-9]{32}", edge="A-Za-z0-9_.-"),
    _token("MAXMIND_LICENSE_KEY", "_mmk", r"[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk"),
    _token("OCTOPUS_DEPLOY_API_KEY", "API-", r"API-[A-Z0-9]{26}"),
    _token("OPENSHIFT_TOKEN", "sha256~", r"sha256~[A-Za-z0-9_-]{43}"),
    _token("PREFECT_API_KEY", "pnu_", r"pnu_[A-Za-z0-9]{36}"),
    _token("README_API_KEY", "rdme_", r"rdme_[a-z0-9]{70}"),
    _token("RUBYGEMS_API_KEY", "rubygems_", r"rubygems_[a-f0-9]{48}"),
    _token("SCALINGO_API_TOKEN", "tk-us-", r"tk-us-[A-Za-z0-9_-]{48}"),
    _token("BREVO_API_KEY", "xkeysib-", r"xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}"),
    _token("SETTLEMINT_TOKEN", "sm_", r"sm_[aps]at_[A-Za-z0-9]{16}"),
    _token("SHIPPO_API_TOKEN", "shippo_live_", r"shippo_live_[a-fA-F0-9]{40}"),
    _token("NUGET_API_KEY", "oy2", r"oy2[a-z0-9]{43}"),
    _token("DEPENDENCY_TRACK_API_KEY", "odt_", r"odt_[A-Za-z0-9]{32,80}"),
    _token("ADAFRUIT_IO_KEY", "aio_", r"aio_[A-Za-z0-9]{28}"),
    _token("CRATES_IO_TOKEN", "cio", r"cio[A-Za-z0-9]{32}"),
    _token("TWITCH_STREAM_KEY", "live_", r"live_\d{6,10}_[A-Za-z0-9]{30}"),
    # A device's access token is the path segment of its HTTP, MQTT-over-HTTP or CoAP calls.
    _token(
        "THINGSBOARD_ACCESS_TOKEN",
        "/api/v1/",
        r"(?<=/api/v1/)[A-Za-z0-9]{20}(?=/(?:telemetry|attributes|rpc|claim)\b)",
    ),
    _token("STRIPE_WEBHOOK_SECRET", "whsec_", r"whsec_[A-Za-z0-9+/]{32,64}={0,2}"),
    # A secret token: "sk." and base64url JSON naming the account, then a signature.
    _token(
        "MAPBOX_SECRET_TOKEN",
        "k.eyJ",
        r"[st]k\.eyJ[A-Za-z0-9_-]{20,600}(?:\.[A-Za-z0-9_-]{10,200})?",
    ),
    _token("NOTION_TOKEN", "secret_", r"secret_[A-Za-z0-9]{43}"),
    _token("BUILDKITE_TOKEN", "bkua_", r"bkua_[a-z0-9]{40}"),
    _token("RENDER_API_KEY", "rnd_", r"rnd_[A-Za-z0-9]{32}"),
    _token("FIGMA_TOKEN", "fig", r"fig[dp]_[A-Za-z0-9_=-]{40,54}"),
    _token("RESEND_API_KEY", "re_", r"re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24}"),
    _token("AWS_APPSYNC_API_KEY", "da2-", r"da2-[a-z0-9]{26}"),
    _token("BITBUCKET_APP_PASSWORD", "ATBB", r"ATBB[A-Za-z0-9_=.-]{32}"),
    _token("FIRECRAWL_API_KEY", "fc-", r"fc-[a-f0-9]{32}"),
    _token("JINA_API_KEY", "jina_", r"jina_[A-Za-z0-9_-]{56,64}"),
    _token("TAVILY_API_KEY", "tvly-", r"tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}"),
    _token("STACKHAWK_API_KEY", "hawk.", r"hawk\.[A-Za-z0-9_-]{20}\.[A-Za-z0-9_-]{20}"),
    _token("DROPBOX_TOKEN", "sl.", r"sl\.(?:u\.)?[A-Za-z0-9_-]{130,1400}"),
    _token("SEGMENT_API_TOKEN", "sgp_", r"sgp_[A-Za-z0-9]{64}"),
    _token("NEW_RELIC_LICENSE_KEY", "NRAL", r"[a-f0-9]{36}NRAL"),
    _token("NEW_RELIC_API_KEY", "NRRA-", r"NRRA-[a-f0-9]{42}"),
    _token("NEW_RELIC_API_KEY", "NRAA-", r"NRAA-[a-f0-9]{27}"),
    # An org id, "!", then the session.
    _token("SALESFORCE_ACCESS_TOKEN", "!", r"00[A-Za-z0-9]{13,16}![A-Za-z0-9_.]{80,120}"),
    _token("MAILGUN_API_KEY", "key-", r"key-[a-z0-9]{32}"),
    _token("LANGFUSE_SECRET_KEY", "sk-lf-", rf"sk-lf-{_GUID}"),
    _token("ELEVENLABS_API_KEY", "sk_", r"sk_[a-f0-9]{48}"),
    _token("CURSOR_API_KEY", "key_", r"key_[a-f0-9]{64}"),
    _token("NEON_API_KEY", "napi_", r"napi_[a-z0-9]{64}"),
    _token("CLICKUP_API_TOKEN", "pk_", r"pk_\d{6,10}_[A-Z0-9]{32}"),
    _token("GOOGLE_OAUTH_REFRESH_TOKEN", "1//0", r"1//0[A-Za-z0-9_-]{60,300}"),
    _token(
        "BRAINTREE_ACCESS_TOKEN",
        "access_token$",
        r"access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}",
        edge="A-Za-z0-9_$-",
    ),
    _token("DEEPSEEK_API_KEY", "sk-", r"sk-[a-f0-9]{32}"),
    # formats of trufflehog's prefix detectors
    _token("APIFY_API_TOKEN", "apify_api_", r"apify_api_[A-Za-z0-9]{36}"),
    _token("BITBUCKET_DATA_CENTER_TOKEN", "BBDC-", r"BBDC-[A-Za-z0-9+/@_-]{40,50}"),
    _token("BANNERBEAR_API_KEY", "bb_", r"bb_(?:pr|ma)_[a-f0-9]{30}"),
    _token("CIRCLECI_TOKEN", "CCIPAT_", r"CCIPAT_[A-Za-z0-9]{22}_[a-fA-F0-9]{40}"),
    _token("CONTENTFUL_TOKEN", "CFPAT-", r"CFPAT-[A-Za-z0-9_-]{43}"),
    _token("CLOUDFLARE_API_KEY", "cfk_", r"cfk_[A-Za-z0-9]{40}[a-f0-9]{8}"),
    _token("ENDOR_LABS_API_KEY", "endr+", r"endr\+[A-Za-z0-9-]{16}"),
    _token("FLEETBASE_API_KEY", "flb_live_", r"flb_live_[A-Za-z0-9]{20}"),
    _token("FLEXPORT_API_KEY", "shltm_", r"shltm_[A-Za-z0-9_-]{40}"),
    _token("FULLSTORY_API_KEY", "na1.", r"na1\.[A-Za-z0-9+/]{100}", edge="A-Za-z0-9+/"),
    _token("GOCARDLESS_ACCESS_TOKEN", "live_", r"live_[A-Za-z0-9_-]{40}"),
    _token(
        "HUBSPOT_TOKEN",
        "pat-",
        r"pat-(?:eu|na)1-[A-Za-z0-9]{8}-(?:[A-Za-z0-9]{4}-){3}[A-Za-z0-9]{12}",
    ),
    _token("KLAVIYO_PRIVATE_KEY", "pk_", r"pk_(?:[a-f0-9]{34}|[A-Za-z0-9]{6}_[a-f0-9]{34})"),
    _token("LOCATIONIQ_TOKEN", "pk.", r"pk\.[A-Za-z0-9]{32}"),
    _token("NIGHTFALL_API_KEY", "NF-", r"NF-[A-Za-z0-9]{32}"),
    _token("PAGARME_API_KEY", "ak_live_", r"ak_live_[A-Za-z0-9]{30}"),
    _token("PINECONE_API_KEY", "pcsk_", r"pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}"),
    _token("POSTHOG_PERSONAL_API_KEY", "phx_", r"phx_[A-Za-z0-9_]{43,48}"),
    _token("PUBNUB_PUBLISH_KEY", "pub-c-", r"pub-c-[0-9a-z]{8}-(?:[0-9a-z]{4}-){3}[0-9a-z]{12}"),
    _token("RAMP_CLIENT_SECRET", "ramp_sec_", r"ramp_sec_[A-Za-z0-9]{48}"),
    _token("RECHARGE_API_KEY", "sk_", r"sk_(?:test_)?(?:1|2|3|5|10)x[123]_[0-9a-fA-F]{64}"),
    _token(
        "ROBINHOOD_CRYPTO_API_KEY",
        "rh-api-",
        r"rh-api-[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}",
    ),
    _token(
        "SALAD_CLOUD_API_KEY", "salad_cloud_", r"salad_cloud_[0-9A-Za-z]{1,7}_[0-9A-Za-z]{7,235}"
    ),
    _token("SONARCLOUD_TOKEN", "sqco_", r"sqco_[A-Za-z0-9]{59}"),
    _token("SOURCEGRAPH_TOKEN", "slk_", r"slk_[a-f0-9]{64}"),
    _token(
        "TAILSCALE_KEY",
        "tskey-",
        r"tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{8,20}-[A-Za-z0-9]{20,64}",
    ),
    _token(
        "TINES_WEBHOOK_URL",
        ".tines.com/webhook/",
        r"https://[\w-]+\.tines\.com/webhook/[a-z0-9]{32}/[a-z0-9]{32}",
    ),
    _token("TRUFFLEHOG_ENTERPRISE_KEY", "thog-", r"thog-(?:key-[0-9a-f]{16}|secret-[0-9a-f]{32})"),
    _token("TYPEFORM_TOKEN", "tfp_", r"tfp_[A-Za-z0-9_]{40,59}"),
    _token("UBIDOTS_TOKEN", "BBFF-", r"BBFF-[0-9a-zA-Z]{30}"),
    _token("VOICEFLOW_API_KEY", "VF.", r"VF\.(?:(?:DM|WS)\.)?[a-fA-F0-9]{24}\.[A-Za-z0-9]{16}"),
    _token("ZOHO_REFRESH_TOKEN", "1000.", r"1000\.[a-f0-9]{32}\.[a-f0-9]{32}"),
    _token("TENCENT_SECRET_ID", "AKID", r"AKID[A-Za-z0-9]{32}"),
    _token("NETLIFY_TOKEN", "nfp_", r"nfp_[A-Za-z0-9]{36,40}"),
    _token("YANDEX_API_KEY", "AQVN", r"AQVN[A-Za-z0-9_-]{35,38}"),
    _token("YANDEX_ACCESS_KEY", "YC", r"YC[A-Za-z0-9_-]{38}"),
    _token(
        "PLAID_ACCESS_TOKEN",
        "access-",
        rf"access-(?:production|development)-{_GUID}",
        random_tail=_GUID_CHARS,
    ),
    _token("DEEPL_API_KEY", ":fx", rf"{_GUID}:fx", random_tail=_GUID_CHARS),
    _token("MAILERSEND_API_TOKEN", "mlsn.", r"mlsn\.[A-Za-z0-9]{64}"),
    # Intercom's access tokens are base64 of "tok:<uuid>:1:0" ("j" or "m" by the UUID's
    # first digit)
    _token(
        "INTERCOM_ACCESS_TOKEN",
        "dG9rO",
        r"dG9rO[jm][A-Za-z0-9+/]{40,100}={0,2}",
        edge="A-Za-z0-9+/=",
    ),
    _token(
        "FIREBASE_CLOUD_MESSAGING_KEY",
        ":APA91b",
        r"AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{120,160}",
    ),
    # Two formats whose fixed part is a run of capitals (a placeholder's look, by itself).
    _token(
        "TWITTER_BEARER_TOKEN",
        "A" * 20,
        r"A{20,22}[A-Za-z0-9%]{60,110}",
        edge="A-Za-z0-9%",
        exact=r"A{22}[A-Za-z0-9%]{80,100}",
    ),
    _token(
        "DROPBOX_TOKEN",
        "A" * 10,
        r"[A-Za-z0-9]{11}A{10}[A-Za-z0-9_=-]{43}",
    ),
)


class VendorTokenRecognizer(SpanRecognizer):
    """Tokens of the services in ``VENDOR_TOKENS``; the entity names the service."""

    ENTITIES: ClassVar[list[str]] = sorted({row.entity for row in VENDOR_TOKENS})
    SCORE = 0.9
    LOOSE_SCORE = SecretPatternRecognizer.LOOSE_SCORE

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Every generated-looking token of a row whose marker occurs in the text."""
        found = []
        for row in VENDOR_TOKENS:
            if row.marker not in text:
                continue
            for match in row.pattern.finditer(text):
                value = match.group()
                generated = value.replace(row.marker, "", 1)[-(row.random_tail or 0) :]
                if not looks_random(generated) or is_placeholder(generated):
                    continue
                if row.exact is None or row.exact.fullmatch(value):
                    found.append((row.entity, *match.span(), self.SCORE, "vendor token format"))
                else:
                    found.append(
                        (row.entity, *match.span(), self.LOOSE_SCORE, "loose vendor shape")
                    )
        return found
