"""Cloud provider credentials: AWS, Google Cloud and Azure.

Several of these are bare base64 strings (AWS secret keys, Azure account keys, SAS
signatures) that only their surroundings give away, so those recognizers require the
label or URL structure the provider's tools write, and report the value alone.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult

from openai_connector.classify.recognizers.base import (
    ResultFilter,
    SecretPatternRecognizer,
    SpanRecognizer,
    token,
)
from openai_connector.classify.recognizers.placeholders import character_classes, is_placeholder


class AwsAccessKeyRecognizer(SecretPatternRecognizer):
    """AWS access key ids: long-term (AKIA), temporary (ASIA), and the ABIA/ACCA variants.

    Issued ids are base32 after the prefix; scanners (trufflehog) and people write them
    with any digit, so those are found too, as high.
    """

    ENTITY = "AWS_ACCESS_KEY_ID"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("aws_access_key_id", token(r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"), 0.8),
    ]
    EXACT = re.compile(r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}")
    CONTEXT: ClassVar[list[str]] = ["aws", "access", "key", "amazon", "iam"]


class AwsSecretKeyRecognizer(SecretPatternRecognizer):
    """AWS secret access keys: 40 base64 characters, only where a label names them.

    The bare shape matches any 40-character token, so the label written by the CLI, the
    SDKs and STS (``aws_secret_access_key =``, ``AWS_SECRET_ACCESS_KEY=``,
    ``"SecretAccessKey": "``, ``aws configure set aws_secret_access_key``) is required, or
    an access key id shortly before on the same line (people paste the pair together); only
    the value is reported.
    """

    ENTITY = "AWS_SECRET_ACCESS_KEY"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "aws_secret_access_key",
            r"(?i:(?<=(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)[\"']?"
            r"(?:\s{0,3}(?:[:=]|=>)\s{0,3}|\s{1,3})[\"']?))"
            r"[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
            0.9,
        ),
        Pattern(
            "aws_secret_after_key_id",
            r"(?<=(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}[^\n]{1,80}?)"
            r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
            0.8,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["aws", "secret", "access", "key"]

    def validate_secret(self, pattern_text: str) -> bool | None:
        """A real key mixes cases and digits; a run of one class is a placeholder."""
        return None if character_classes(pattern_text) >= 3 else False


class GoogleApiKeyRecognizer(SecretPatternRecognizer):
    """Google API keys (Maps, Firebase, Gemini…): ``AIza`` then 35 URL-safe characters."""

    ENTITY = "GOOGLE_API_KEY"
    GENERATED = True
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern("google_api_key", token(r"AIza[0-9A-Za-z_-]{35}"), 0.9),
    ]
    CONTEXT: ClassVar[list[str]] = ["google", "api", "key", "maps", "firebase", "gemini"]


class GcpServiceAccountKeyRecognizer(ResultFilter, SecretPatternRecognizer):
    """The private key of a Google Cloud service-account key file (JSON).

    The span is the whole ``private_key`` string value, so it contains (and outranks) the
    PEM block the private-key recognizer also sees there.
    """

    ENTITY = "GCP_SERVICE_ACCOUNT_KEY"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "gcp_service_account_private_key",
            r"(?<=\"private_key\"\s{0,3}:\s{0,3}\")"
            r"-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{64,20000}?-----END PRIVATE KEY-----"
            r"(?:\\n)*(?=\")",
            0.9,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["service_account", "gserviceaccount", "private_key_id"]
    _FILE_MARKER = re.compile(r"\"type\"\s*:\s*\"service_account\"|\.iam\.gserviceaccount\.com")
    # The key file is small; its markers sit within this distance of the key.
    _FILE_REACH = 5000

    def keeps(self, text: str, result: RecognizerResult) -> bool:
        """Only keys that sit inside a service-account key file."""
        start, end = max(0, result.start - self._FILE_REACH), result.end + self._FILE_REACH
        return self._FILE_MARKER.search(text, start, end) is not None

    def validate_secret(self, pattern_text: str) -> bool | None:
        """A service-account key in its file is certain."""
        return True


class AzureStorageKeyRecognizer(SecretPatternRecognizer):
    """Azure Storage account keys (64 bytes, base64) in connection strings and settings."""

    ENTITY = "AZURE_STORAGE_KEY"
    PATTERNS: ClassVar[list[Pattern]] = [
        Pattern(
            "azure_storage_account_key",
            r"(?i:(?<=(?:AccountKey|account_?key|storage_?key|AZURE_STORAGE_KEY)[\"']?\s{0,3}"
            r"[:=]\s{0,3}[\"']?))[A-Za-z0-9+/]{86}==",
            0.9,
        ),
    ]
    CONTEXT: ClassVar[list[str]] = ["azure", "storage", "accountkey", "blob"]

    def validate_secret(self, pattern_text: str) -> bool | None:
        """A 64-byte random key in its labelled place is certain."""
        return True


class AzureSasTokenRecognizer(SpanRecognizer):
    """The signature of an Azure shared access signature (SAS) URL or token.

    ``sig=`` alone is common in URLs; an SAS also carries ``sv=`` (service version) and
    ``se=`` or ``sp=`` (expiry, permissions) in the same query string.
    """

    ENTITIES: ClassVar[list[str]] = ["AZURE_SAS_TOKEN"]
    CONTEXT: ClassVar[list[str]] = ["sas", "azure", "blob", "signature"]
    SCORE = 0.9
    _SIGNATURE = re.compile(
        r"(?<![A-Za-z])sig=(?P<sig>[A-Za-z0-9%+/]{40,100}(?:%3D|=){0,2})(?![A-Za-z0-9%])"
    )
    # The query string around a signature: up to the nearest space, quote or bracket.
    _QUERY_EDGE = re.compile(r"[\s\"'<>]")
    _QUERY_REACH = 2000
    _SAS_FIELDS = re.compile(r"(?:^|[?&;])sv=\d{4}-\d{2}-\d{2}(?=[&\s]|$)")
    _EXPIRY_OR_PERMISSIONS = re.compile(r"(?:^|[?&;])s[ep]=")
    PREFILTER_PATTERNS = (_SIGNATURE,)

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Signatures of query strings that carry the SAS fields."""
        found: list[tuple[str, int, int, float, str]] = []
        if "sig=" not in text:
            return found
        for match in self._SIGNATURE.finditer(text):
            query = self._query_around(text, *match.span())
            if (
                self._SAS_FIELDS.search(query)
                and self._EXPIRY_OR_PERMISSIONS.search(query)
                and not is_placeholder(match.group("sig"))
            ):
                start, end = match.span("sig")
                found.append(("AZURE_SAS_TOKEN", start, end, self.SCORE, "Azure SAS signature"))
        return found

    def _query_around(self, text: str, start: int, end: int) -> str:
        """The characters around a signature up to the edges of its query string."""
        before = text[max(0, start - self._QUERY_REACH) : start]
        edges = list(self._QUERY_EDGE.finditer(before))
        left = start - len(before) + (edges[-1].end() if edges else 0)
        after = self._QUERY_EDGE.search(text, end, end + self._QUERY_REACH)
        return text[left : after.start() if after else end + self._QUERY_REACH]
