"""Project recognizers: credentials, and Presidio's PII recognizers made chat-aware.

``default_recognizers()`` is the seam: the engine registers whatever it returns, and a
recognizer with a ``REPLACES`` attribute takes the place of the predefined Presidio
recognizer of that name. Every credential recognizer is case-sensitive and rejects
placeholders (``sk-your-key-here``, ``XXXXX``, documentation values such as ``…EXAMPLE``
or ``example.com`` hosts) so tutorials pasted into chats do not drown real leaks.

Modules import Presidio at import time; only the engine imports this package, lazily.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from openai_connector.classify.recognizers.cloud import (
    AwsAccessKeyRecognizer,
    AwsSecretKeyRecognizer,
    AzureSasTokenRecognizer,
    AzureStorageKeyRecognizer,
    GcpServiceAccountKeyRecognizer,
    GoogleApiKeyRecognizer,
)
from openai_connector.classify.recognizers.contextual import (
    DateOfBirthRecognizer,
    HealthRecordRecognizer,
    StreetAddressRecognizer,
)
from openai_connector.classify.recognizers.hashes import PasswordHashRecognizer
from openai_connector.classify.recognizers.health import PhiRecognizer
from openai_connector.classify.recognizers.national import NationalIdRecognizer
from openai_connector.classify.recognizers.nearby import CredentialNearbyRecognizer
from openai_connector.classify.recognizers.passwords import (
    CredentialAssignmentRecognizer,
    UrlPasswordRecognizer,
)
from openai_connector.classify.recognizers.person import ChatPersonRecognizer
from openai_connector.classify.recognizers.pii import (
    OfflineEmailRecognizer,
    PersonalIpRecognizer,
    StructuredPhoneRecognizer,
    TestAwareCreditCardRecognizer,
    TestAwareIbanRecognizer,
    TestAwareSsnRecognizer,
)
from openai_connector.classify.recognizers.placeholders import is_example_host, is_placeholder
from openai_connector.classify.recognizers.tables import TableCellRecognizer
from openai_connector.classify.recognizers.tokens import (
    AnthropicKeyRecognizer,
    GitHubTokenRecognizer,
    GitLabTokenRecognizer,
    JwtRecognizer,
    OpenAIKeyRecognizer,
    PrivateKeyRecognizer,
    SlackTokenRecognizer,
    SlackWebhookRecognizer,
    StripeSecretKeyRecognizer,
)
from openai_connector.classify.recognizers.url import SafeUrlRecognizer
from openai_connector.classify.recognizers.vendor_keywords import VendorKeywordRecognizer
from openai_connector.classify.recognizers.vendors import VendorTokenRecognizer

CREDENTIAL_RECOGNIZERS: tuple[Callable[..., EntityRecognizer], ...] = (
    OpenAIKeyRecognizer,
    AnthropicKeyRecognizer,
    AwsAccessKeyRecognizer,
    AwsSecretKeyRecognizer,
    GoogleApiKeyRecognizer,
    GcpServiceAccountKeyRecognizer,
    AzureStorageKeyRecognizer,
    AzureSasTokenRecognizer,
    GitHubTokenRecognizer,
    GitLabTokenRecognizer,
    SlackTokenRecognizer,
    SlackWebhookRecognizer,
    StripeSecretKeyRecognizer,
    VendorTokenRecognizer,
    VendorKeywordRecognizer,
    PrivateKeyRecognizer,
    JwtRecognizer,
    UrlPasswordRecognizer,
    CredentialAssignmentRecognizer,
    CredentialNearbyRecognizer,
    TableCellRecognizer,
    PasswordHashRecognizer,
)
PII_RECOGNIZERS: tuple[Callable[..., EntityRecognizer], ...] = (
    OfflineEmailRecognizer,
    TestAwareCreditCardRecognizer,
    TestAwareSsnRecognizer,
    TestAwareIbanRecognizer,
    StructuredPhoneRecognizer,
    PersonalIpRecognizer,
    SafeUrlRecognizer,
    NationalIdRecognizer,
    DateOfBirthRecognizer,
    StreetAddressRecognizer,
    HealthRecordRecognizer,
    PhiRecognizer,
)

__all__ = [
    "CREDENTIAL_RECOGNIZERS",
    "PII_RECOGNIZERS",
    "ChatPersonRecognizer",
    "OfflineEmailRecognizer",
    "default_recognizers",
    "is_example_host",
    "is_placeholder",
]


def default_recognizers(
    language: str = "en", ner_entities: list[str] | None = None
) -> list[EntityRecognizer]:
    """Fresh instances of the project's recognizers for one language.

    With ``ner_entities`` (the NLP engine's supported entities) the spaCy recognizer is
    replaced too, by one that checks PERSON evidence.
    """
    recognizers = [cls(supported_language=language) for cls in CREDENTIAL_RECOGNIZERS]
    recognizers += [cls(supported_language=language) for cls in PII_RECOGNIZERS]
    if ner_entities is not None:
        recognizers.append(
            ChatPersonRecognizer(supported_language=language, supported_entities=ner_entities)
        )
    return recognizers
