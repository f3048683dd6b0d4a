"""Package-level guarantees: cheap import, configuration, offline operation."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from openai_connector.classify import ClassifierConfig
from openai_connector.classify.config import DEFAULT_SPACY_MODEL


def test_model_name_comes_from_environment(monkeypatch):
    monkeypatch.setenv("OPENAI_CONNECTOR_SPACY_MODEL", "en_core_web_lg")
    assert ClassifierConfig().spacy_model == "en_core_web_lg"
    monkeypatch.delenv("OPENAI_CONNECTOR_SPACY_MODEL")
    assert ClassifierConfig().spacy_model == DEFAULT_SPACY_MODEL


@pytest.mark.parametrize(
    "settings",
    [
        {"batch_size": 0},
        {"score_threshold": 1.5},
        {"chunk_overlap": -1},
        {"chunk_chars": 100, "chunk_overlap": 60},
        {"max_batch_chars": 0},
    ],
)
def test_invalid_config_is_rejected(settings):
    with pytest.raises(ValueError, match=next(iter(settings))):
        ClassifierConfig(**settings)


def test_entities_become_a_hashable_tuple():
    config = ClassifierConfig(entities=["EMAIL_ADDRESS"])  # type: ignore[arg-type]
    assert config.entities == ("EMAIL_ADDRESS",)
    assert hash(config) == hash(ClassifierConfig(entities=("EMAIL_ADDRESS",)))


OFFLINE_PROBE = """
import ipaddress, json, socket

attempts = []
real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect


def is_loopback(host):
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not is_loopback(str(host)):
        attempts.append(str(host))
        raise OSError("blocked lookup")
    return real_getaddrinfo(host, *args, **kwargs)


def connect(sock, address):
    if isinstance(address, tuple) and not is_loopback(str(address[0])):
        attempts.append(str(address[0]))
        raise OSError("blocked connect")
    return real_connect(sock, address)


socket.getaddrinfo = getaddrinfo
socket.socket.connect = connect

from openai_connector.classify import Classifier, TextItem

text = "Write to maria.garcia@acme-corp.co.uk or see https://docs.acme-corp.io/setup"
[(_, findings)] = Classifier().classify([TextItem("message", "m", text)])
print(json.dumps({"attempts": attempts, "entities": sorted({f.entity_type for f in findings})}))
"""


def test_classifier_never_touches_the_network(tmp_path):
    """Fresh process with empty caches: the first e-mail validation must not fetch anything."""
    env = {**os.environ, "HOME": str(tmp_path), "TLDEXTRACT_CACHE": str(tmp_path / "tld")}
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_PROBE], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "EMAIL_ADDRESS" in report["entities"]
    assert report["attempts"] == []
    assert not (tmp_path / "tld").exists()
