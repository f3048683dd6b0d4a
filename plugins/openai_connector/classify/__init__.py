"""Finding PII and secrets in chat messages and file text, offline, with masked values only.

Importing this package is cheap: Presidio and spaCy load on the first ``Classifier``.
"""

from openai_connector.classify.classifier import Classifier, get_classifier
from openai_connector.classify.config import ClassifierConfig
from openai_connector.classify.errors import ClassificationError, ModelNotInstalledError
from openai_connector.classify.masking import (
    mask_email,
    mask_entity,
    mask_name,
    mask_value,
    redact_text,
)
from openai_connector.classify.model import Finding, TextItem, severity_for

__all__ = [
    "ClassificationError",
    "Classifier",
    "ClassifierConfig",
    "Finding",
    "ModelNotInstalledError",
    "TextItem",
    "get_classifier",
    "mask_email",
    "mask_entity",
    "mask_name",
    "mask_value",
    "redact_text",
    "severity_for",
]
