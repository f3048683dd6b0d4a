"""Per-workspace detection policy: which findings count, how severe, how text is stored.

A workspace's entry in the ``openai_compliance_workspaces`` Variable may name a YAML file
(``{"conn_id": "acme", "policy": "acme.yaml"}``). A relative name resolves against
``$OPENAI_CONNECTOR_POLICY_DIR`` if set, else ``<dags_folder>/../include/policies/``; an
absolute path is used as given. The ``plan`` task loads and validates it at the start of every
run, so an edit applies from the next run and a broken file fails that run with the file and
line. Without a file, ``Policy.default()`` applies: every entity on at score 0.4, text stored
redacted. The schema (every key optional except ``version``)::

    version: 1                    # required
    storage: redacted             # message text in the catalog: full | redacted | none
    min_score: 0.4                # findings scoring lower are dropped
    entities:
      disabled: [DATE_TIME, URL]  # never reported
      thresholds: {PERSON: 0.7}   # per-entity minimum score, instead of min_score
    severity: {PERSON: low}       # low | medium | high | critical, per entity type
    allow:                        # matched against the text of a span: never a finding
      values: [support@acme.com]  # exact values, any letter case
      patterns: ["^ACME-TEST-"]   # regexes searched in the span
      email_domains: [acme.com]   # e-mail addresses at these domains or their subdomains
    deny:                         # always a finding: exact, case-sensitive, whole words
      - {value: Project Bluebird, entity: CODENAME, severity: high}
      - Globex merger             # a plain value: entity DENY_LIST
    recognizers:                  # custom regexes (score 0.85 unless given)
      - {name: acme_employee_id, entity: ACME_EMPLOYEE_ID, pattern: "\\bEMP-\\d{6}\\b",
         score: 0.9, severity: medium}

Deny terms are immune to ``disabled``, thresholds and allow rules; custom recognizers are
not. Severity comes from the rule itself, then ``severity``, then the built-in default.
Regexes that do not compile, match the empty string or nest unbounded repetition are
refused; each regex (and the deny list as a whole) adds at most 1,000 findings per text.
"""

from openai_connector.policy.apply import PolicyClassifier, TextClassifier, policy_classifier
from openai_connector.policy.files import (
    load_policy,
    parse_policy,
    policy_dir,
    policy_for_workspace,
    resolve_policy_path,
)
from openai_connector.policy.model import (
    SEVERITIES,
    STORAGE_MODES,
    CustomRecognizer,
    DenyTerm,
    Policy,
)
from openai_connector.policy.schema import PolicyError
from openai_connector.settings import POLICY_DIR_ENV

__all__ = [
    "POLICY_DIR_ENV",
    "SEVERITIES",
    "STORAGE_MODES",
    "CustomRecognizer",
    "DenyTerm",
    "Policy",
    "PolicyClassifier",
    "PolicyError",
    "TextClassifier",
    "load_policy",
    "parse_policy",
    "policy_classifier",
    "policy_dir",
    "policy_for_workspace",
    "resolve_policy_path",
]
