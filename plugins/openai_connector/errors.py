"""The root of every exception the connector raises.

Callers that mean "anything this project reports" (the CLI, the Airflow tasks) catch
:class:`OpenAIConnectorError` rather than listing each package's errors. Errors that were a
``ValueError`` or ``LookupError`` before keep that base as their second one, so existing
``except ValueError`` handlers still see them.
"""

from __future__ import annotations


class OpenAIConnectorError(Exception):
    """Root of every error raised by ``openai_connector``."""
