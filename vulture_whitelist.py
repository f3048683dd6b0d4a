"""Names that look unused to vulture (``make lint``) but are used: read by name by a framework,
set on another library's object, or public API that only a user of the library calls.

Vulture matches names, not objects: a name listed here counts as used everywhere. Never
executed (yet importable): each line names the real object, so a rename shows in review.
Unused imports are ruff's to find (F401): the imports here would hide them from vulture.
"""

# ruff: noqa: B018 (each line is a bare reference, on purpose)

from __future__ import annotations

import http.server
import zipfile

import httpx
import pydantic
import re2
import tldextract
from airflow.models import Connection
from airflow.plugins_manager import AirflowPlugin
from airflow.sdk import BaseNotifier
from spacy.tokens import Token

from openai_connector import get_provider_info
from openai_connector.api.client import ComplianceClient
from openai_connector.api.models import Conversation, Gpt, Message
from openai_connector.classify.recognizers.base import ResultFilter
from openai_connector.classify.recognizers.national import NationalIdRecognizer
from openai_connector.hooks.compliance import OpenAIComplianceHook
from openai_connector.simulator import hostile
from openai_connector.simulator.server import RunningSimulator


class _Named:
    """Stands for an object that does not exist until run time (an argument, a method the
    server looks up by a request's verb): any attribute is itself."""

    def __getattr__(self, name: str) -> _Named:
        return self


_ = _Named()

# Entry points in pyproject.toml.
get_provider_info.get_provider_info

# Airflow reads these by name: connection type and form, connection test, notifier, plugin.
OpenAIComplianceHook.conn_name_attr
OpenAIComplianceHook.conn_type
OpenAIComplianceHook.hook_name
OpenAIComplianceHook.test_connection
Connection.conn_type
BaseNotifier.notify
BaseNotifier.render_template_fields
_.jinja_env  # an argument of render_template_fields the override does not need
AirflowPlugin.fastapi_apps
AirflowPlugin.fastapi_root_middlewares
AirflowPlugin.external_views

# The context-manager protocol: ``__exit__(self, *exc_info)`` ignores the exception.
_.exc_info

# Pydantic reads a model's configuration by name.
pydantic.BaseModel.model_config

# httpx calls an Auth's flow; the stdlib HTTP server calls its handler's methods.
httpx.Auth.auth_flow
http.server.ThreadingHTTPServer.daemon_threads
http.server.ThreadingHTTPServer.allow_reuse_address
http.server.BaseHTTPRequestHandler.protocol_version
http.server.BaseHTTPRequestHandler.server_version
_.close_connection  # a BaseHTTPRequestHandler instance flag: close after this response
http.server.BaseHTTPRequestHandler.log_message
_.do_DELETE  # BaseHTTPRequestHandler calls do_<verb> of each request
_.do_HEAD
_.do_PATCH
_.do_POST
_.do_PUT

# Attributes set on other libraries' objects, which those libraries read.
Token.lemma_
re2.Options.log_errors
zipfile.ZipInfo.compress_type
tldextract.tldextract.TLD_EXTRACTOR

# Class attributes the recognizer prefilter reads by name (classify/prefilter.py).
ResultFilter.FILTERS_PARENT_RESULTS
NationalIdRecognizer.PREFILTER_PATTERNS

# Public client API: one method per documented Compliance API endpoint, for a DAG author's own
# tasks through ``OpenAIComplianceHook.get_conn()``; tests call each against the simulator.
ComplianceClient.get_gpt
ComplianceClient.iter_gpt_configs
ComplianceClient.get_project
ComplianceClient.iter_project_configs
ComplianceClient.delete_gpt
ComplianceClient.delete_project
# Fields of the API's payloads the pipeline does not store but a client user reads.
Message.author_tool_name
Message.tools_used
Message.client_type
_.actor_type  # a field of ConversationMessageEvent (a dataclass field without a default)
Conversation.messages_truncated
Gpt.recipients

# The simulator's control surface and ground truth, which tests drive and score against.
RunningSimulator.add_key
RunningSimulator.peak_in_flight
_.had_authorization  # a field of RequestRecord
hostile.EXPECTED_FILE_STATUS

# Tests: fixtures asked for their effect (Airflow's metadata database, S3 credentials in the
# environment), Presidio's ``analyze`` signature, options set on Selenium's and openpyxl's objects.
_.airflow_db
_.s3_credentials
_.regex_flags
_.binary_location
_.sheet_state
