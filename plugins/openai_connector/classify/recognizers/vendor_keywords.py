"""Keys with no prefix of their own, found by the vendor's name written just before them.

Many services issue bare random strings (32 hex digits, 24 letters and digits): the value
alone is anyone's. Written after the vendor's name on the same line (``mailgun: …``,
``DATADOG_APP_KEY=…``, ``liveagent '…'``) it is that vendor's key — the way secret
scanners such as trufflehog key most of their detectors. One table row per vendor: its
keywords, the shape of its keys (a regex of their alphabet and length), the entity.
Since the shape is not the vendor's own, a finding is ``high``, never ``critical``.
"""

from __future__ import annotations

import re
from typing import ClassVar, NamedTuple

from openai_connector.classify.recognizers.base import SpanRecognizer
from openai_connector.classify.recognizers.placeholders import is_placeholder, looks_random

#: How far after the vendor's name (in characters, on the same line) a key may start.
MAX_DISTANCE = 40
# How far past that a key is looked for: longer than any shape, so each name costs a
# bounded scan however long its line.
_WINDOW = MAX_DISTANCE + 256
# A name inside a longer word is another word ("unlimited" holds "mite"), unless a capital
# starts it there (``getBetterStackToken``).
_INSIDE_WORD = re.compile(r"[A-Za-z][a-z]|[A-Z][A-Z]")
# What a key is not cut out of: it neither starts nor ends inside a longer token. Base64
# padding (``=``) only ends one, so it never bars a start: ``?key=…``.
_VALUE_CHARS = "A-Za-z0-9_+/=-"
_VALUE_START_CHARS = _VALUE_CHARS.replace("=", "")
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


class VendorKeyword(NamedTuple):
    """A vendor's names as people write them, and the shape of its bare keys."""

    entity: str
    keywords: tuple[str, ...]
    shape: re.Pattern[str]


def _vendor(entity: str, keywords: str, shape: str) -> VendorKeyword:
    """A row: space-separated lower-case ``keywords``; ``shape`` is a whole token."""
    pattern = re.compile(rf"(?<![{_VALUE_START_CHARS}])(?:{shape})(?![{_VALUE_CHARS}])")
    return VendorKeyword(entity, tuple(keywords.split()), pattern)


VENDOR_KEYWORDS: tuple[VendorKeyword, ...] = (
    _vendor("MAILGUN_API_KEY", "mailgun", r"(?:key-)?[0-9a-f]{32}(?:-[0-9a-f]{8}-[0-9a-f]{8})?"),
    _vendor("NGROK_AUTH_TOKEN", "ngrok", r"[0-9A-Za-z]{27}_[0-9A-Za-z]{21}"),
    _vendor("TWITCH_TOKEN", "twitch", r"[a-z0-9]{30}"),
    _vendor("DATADOG_API_KEY", "datadog", r"[0-9a-f]{32}|[0-9a-f]{40}"),
    _vendor("TWILIO_AUTH_TOKEN", "twilio", r"[0-9a-f]{32}"),
    _vendor("SNYK_TOKEN", "snyk", _UUID),
    _vendor("CLOUDFLARE_GLOBAL_API_KEY", "cloudflare", r"[0-9a-f]{37}"),
    _vendor("ALGOLIA_API_KEY", "algolia", r"[0-9a-f]{32}"),
    _vendor("PAGERDUTY_API_KEY", "pagerduty", r"[A-Za-z0-9_+-]{20}"),
    _vendor("CIRCLECI_TOKEN", "circleci", r"[0-9a-f]{40}"),
    _vendor("JIRA_API_TOKEN", "jira atlassian", r"[A-Za-z0-9]{24}"),
    _vendor("MIXPANEL_API_SECRET", "mixpanel", r"[A-Za-z0-9]{30,32}"),
    _vendor("LIVEAGENT_API_KEY", "liveagent", r"[A-Za-z0-9]{32}"),
    _vendor("WEBSITEPULSE_API_KEY", "websitepulse", r"[0-9a-f]{32}"),
    _vendor("TEXTMAGIC_API_KEY", "textmagic", r"[A-Za-z0-9]{30}"),
    _vendor("INVOICEOCEAN_API_TOKEN", "invoiceocean", r"[A-Za-z0-9]{20}"),
    _vendor("KANBANTOOL_API_TOKEN", "kanbantool", r"[A-Z0-9]{12}"),
    _vendor("LUNO_API_SECRET", "luno", r"[A-Za-z0-9_-]{43}"),
    _vendor("METABASE_SESSION_TOKEN", "metabase", r"[A-Za-z0-9-]{36}"),
    _vendor("MITE_API_KEY", "mite", r"[0-9a-z]{16}"),
    _vendor("MUX_TOKEN_SECRET", "mux", r"[A-Za-z0-9+/]{75}"),
    _vendor("FRESHWORKS_API_KEY", "freshworks", r"[A-Za-z0-9_-]{22}"),
    _vendor("ONESIGNAL_API_KEY", "onesignal", _UUID),
    _vendor("RAILWAY_API_TOKEN", "railway", _UUID),
    _vendor("COLLECT2_API_KEY", "collect2", _UUID),
    _vendor("VOUCHERY_API_KEY", "vouchery", r"[a-z0-9]{36}"),
    _vendor("APITEMPLATE_API_KEY", "apitemplate", r"[A-Za-z0-9]{39}"),
    _vendor("BEEBOLE_API_TOKEN", "beebole", r"[a-z0-9]{40}"),
    _vendor("BETTERSTACK_API_TOKEN", "betterstack", r"[A-Za-z0-9]{24}"),
    _vendor("KRAKEN_API_KEY", "kraken", r"[A-Za-z0-9/+=]{56}|[A-Za-z0-9/+=]{88}"),
    _vendor("SCRAPINGBEE_API_KEY", "scrapingbee scraping_bee", r"[A-Z0-9]{80}"),
    _vendor("PARSEHUB_API_KEY", "parsehub", r"[A-Za-z0-9]{12}"),
    _vendor("OKTA_API_TOKEN", "okta", r"00[A-Za-z0-9_-]{40}"),
    _vendor("HEROKU_API_KEY", "heroku", _UUID),
    _vendor("HUBSPOT_API_KEY", "hubspot", _UUID),
    _vendor("POSTMARK_SERVER_TOKEN", "postmark", _UUID),
    _vendor("COINMARKETCAP_API_KEY", "coinmarketcap", _UUID),
    _vendor("PUSHER_APP_KEY", "pusher", r"[a-z0-9]{20}"),
    _vendor("CLOUDFLARE_API_TOKEN", "cloudflare", r"[A-Za-z0-9_-]{40}"),
    _vendor("FASTLY_API_TOKEN", "fastly", r"[A-Za-z0-9_-]{32}"),
    _vendor("SENTRY_AUTH_TOKEN", "sentry", r"[0-9a-f]{64}"),
    _vendor("CONTENTFUL_ACCESS_TOKEN", "contentful", r"[A-Za-z0-9_-]{43}"),
    _vendor("BROWSERSTACK_ACCESS_KEY", "browserstack", r"[A-Za-z0-9]{20}"),
    _vendor("ZENDESK_API_TOKEN", "zendesk", r"[A-Za-z0-9]{40}"),
    _vendor("SHODAN_API_KEY", "shodan", r"[A-Za-z0-9]{32}"),
    _vendor("ETHERSCAN_API_KEY", "etherscan bscscan", r"[A-Z0-9]{34}"),
    _vendor("INFURA_API_KEY", "infura", r"[0-9a-z]{32}"),
    _vendor("RAPIDAPI_KEY", "rapidapi", r"[A-Za-z0-9_-]{50}"),
    _vendor("MAILJET_API_KEY", "mailjet", r"[0-9a-z]{32}"),
    _vendor("SPARKPOST_API_KEY", "sparkpost", r"[A-Za-z0-9]{40}"),
    _vendor("MANDRILL_API_KEY", "mandrill", r"[A-Za-z0-9_-]{22}"),
    _vendor("BUGSNAG_API_KEY", "bugsnag", r"[0-9a-f]{32}"),
    _vendor("ROLLBAR_ACCESS_TOKEN", "rollbar", r"[0-9a-z]{32}"),
    _vendor("TRAVISCI_TOKEN", "travis", r"[A-Za-z0-9_]{22}"),
    _vendor("WANDB_API_KEY", "wandb w&b weights&biases", r"[0-9a-f]{40}"),
    _vendor("AZURE_DEVOPS_TOKEN", "azure ado devops", r"[a-z0-9]{52}"),
    _vendor("LAUNCHDARKLY_ACCESS_TOKEN", "launchdarkly", rf"(?:api|sdk|mob)-{_UUID}"),
    _vendor("NETLIFY_TOKEN", "netlify", r"[A-Za-z0-9_-]{43,45}"),
    _vendor("VERCEL_TOKEN", "vercel", r"[A-Za-z0-9]{24}"),
    _vendor("LINODE_TOKEN", "linode", r"[0-9a-f]{64}"),
    _vendor("VULTR_API_KEY", "vultr", r"[A-Z0-9]{36}"),
    _vendor("TRELLO_API_KEY", "trello", r"[0-9a-z]{32}"),
    _vendor("TODOIST_API_TOKEN", "todoist", r"[0-9a-z]{40}"),
    _vendor("FRESHDESK_API_KEY", "freshdesk", r"[A-Za-z0-9]{20}"),
    _vendor("LOKALISE_API_TOKEN", "lokalise", r"[0-9a-z]{40}"),
    _vendor("UNSPLASH_ACCESS_KEY", "unsplash", r"[A-Za-z0-9_-]{43}"),
    _vendor("PEXELS_API_KEY", "pexels", r"[A-Za-z0-9]{56}"),
    _vendor("GIPHY_API_KEY", "giphy", r"[A-Za-z0-9]{32}"),
    _vendor("OPENWEATHER_API_KEY", "openweather", r"[0-9a-f]{32}"),
    _vendor("NEWSAPI_KEY", "newsapi", r"[0-9a-z]{32}"),
    _vendor("APILAYER_API_KEY", "weatherstack ipstack positionstack apilayer", r"[0-9a-f]{32}"),
    _vendor("CASHBOARD_API_KEY", "cashboard", r"[A-Z0-9]{3}(?:-[A-Z0-9]{3}){3}"),
)


def _mixes_letters_and_digits(value: str) -> bool:
    """A generated key of these alphabets holds both; an identifier or a number rarely."""
    return any(char.isdigit() for char in value) and any(char.isalpha() for char in value)


class VendorKeywordRecognizer(SpanRecognizer):
    """A value of a vendor's key shape shortly after the vendor's name (``VENDOR_KEYWORDS``)."""

    ENTITIES: ClassVar[list[str]] = sorted({row.entity for row in VENDOR_KEYWORDS})
    # Under CRITICAL_MIN_SCORE: the name is evidence, the shape is not the vendor's own.
    SCORE = 0.6

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Every random-looking value of a row's shape that starts within ``MAX_DISTANCE``
        characters after one of its keywords, on the keyword's line."""
        lowered = text.lower()
        found = []
        for row in VENDOR_KEYWORDS:
            for keyword in row.keywords:
                start = lowered.find(keyword)
                while start >= 0:
                    after = start + len(keyword)
                    if start == 0 or _INSIDE_WORD.match(text, start - 1) is None:
                        found += self._values(row, text, after)
                    start = lowered.find(keyword, after)
        return found

    def _values(
        self, row: VendorKeyword, text: str, after: int
    ) -> list[tuple[str, int, int, float, str]]:
        line_end = text.find("\n", after, after + _WINDOW)
        end = min(len(text), after + _WINDOW) if line_end < 0 else line_end
        return [
            (row.entity, *match.span(), self.SCORE, "vendor name before a key of its shape")
            for match in row.shape.finditer(text, after, end)
            if match.start() <= after + MAX_DISTANCE
            and (match.end() < end or end in (line_end, len(text)))
            and _mixes_letters_and_digits(value := match.group())
            and looks_random(value)
            and not is_placeholder(value)
        ]
