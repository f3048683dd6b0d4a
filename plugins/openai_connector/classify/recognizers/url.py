"""URLs, found in time linear in the text, and not in code.

Presidio's URL recognizer tries a host of up to 253 characters followed by any of
hundreds of top-level domains at every position of the text: a pasted ``a.a.a.…`` of
200,000 characters takes minutes. Here a host may only start where a token starts, so
each position is tried once, and the top-level domain is checked afterwards against the
public suffix list bundled with tldextract (offline). Names that only look like hosts in
code and file names (``System.setProperty``, ``config.ini``, ``main.py``) are not URLs.
"""

from __future__ import annotations

import re
from typing import ClassVar

import tldextract

from openai_connector.classify.recognizers.base import SpanRecognizer

# Country codes that are also everyday file extensions: without a scheme, a file name.
_FILE_EXTENSIONS = frozenset({"py", "sh", "md", "rs", "pl", "ps", "mk", "ml", "cc", "hs", "in"})


class SafeUrlRecognizer(SpanRecognizer):
    """URLs with a scheme, and host names on a public suffix written without one."""

    REPLACES = "UrlRecognizer"
    ENTITIES: ClassVar[list[str]] = ["URL"]
    CONTEXT: ClassVar[list[str]] = ["url", "website", "link"]
    SCHEME_SCORE = 0.6
    BARE_SCORE = 0.5
    _URL = re.compile(
        r"(?<![\w.@/:%+-])(?P<scheme>(?i:https?|ftp)://)?"
        r"(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,10}[A-Za-z]{2,24})"
        r"(?![\w-])(?P<rest>(?::\d{1,5})?(?:[/?#][^\s()<>\"'`]*)?)"
    )
    _CAMEL_CASE = re.compile(r"[a-z][A-Z]")
    PREFILTER_PATTERNS = (_URL,)

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_language=supported_language)
        # No URLs to fetch, no disk cache: the snapshot shipped inside tldextract only.
        self._domains = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Every URL whose host ends in a public suffix."""
        if "." not in text:
            return []
        found = []
        for match in self._URL.finditer(text):
            host = match.group("host")
            if match.group("scheme"):
                found.append(("URL", *match.span(), self.SCHEME_SCORE, "URL with a scheme"))
            elif self._is_bare_host(host, text[match.end() : match.end() + 1]):
                found.append(("URL", *match.span(), self.BARE_SCORE, "host name"))
        return found

    def _is_bare_host(self, host: str, after: str) -> bool:
        parts = self._domains(host)
        return (
            bool(parts.suffix)
            and bool(parts.domain)
            and parts.suffix.lower() not in _FILE_EXTENSIONS
            and self._CAMEL_CASE.search(host) is None
            and after not in ("(", "=")
        )
