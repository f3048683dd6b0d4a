"""Sample credentials for the classify tests.

They are assembled at run time from pieces so the repository never holds a string that
secret scanners would flag as a live credential.
"""

from __future__ import annotations

import base64
import json
import random
import string

_ALPHANUMERIC = string.ascii_letters + string.digits


def random_chars(length: int, seed: int, alphabet: str = _ALPHANUMERIC) -> str:
    """Deterministic random characters (no placeholder-looking runs for these seeds)."""
    return "".join(random.Random(seed).choices(alphabet, k=length))


def b64url(data: dict[str, object]) -> str:
    """Unpadded base64url of a JSON object, as in JWT parts."""
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def sample_private_key(kind: str = "RSA ") -> str:
    """A PEM-shaped private key block with a random base64 body."""
    lines = [random_chars(64, seed, _ALPHANUMERIC + "+/") for seed in range(12)]
    body = "\n".join(lines)
    return f"-----BEGIN {kind}PRIVATE KEY-----\n{body}\n-----END {kind}PRIVATE KEY-----"


SECRETS: dict[str, str] = {
    "OPENAI_API_KEY": "sk-" + "proj-" + random_chars(40, 1) + "T3Blbk" + "FJ" + random_chars(40, 2),
    "AWS_ACCESS_KEY_ID": "AK" + "IA" + random_chars(16, 3, string.ascii_uppercase + "234567"),
    "GITHUB_TOKEN": "gh" + "p_" + random_chars(36, 4),
    "SLACK_TOKEN": "xo" + "xb-" + "123456789012-1234567890123-" + random_chars(24, 5),
    "STRIPE_SECRET_KEY": "sk" + "_live_" + random_chars(32, 6),
    "PRIVATE_KEY": sample_private_key(),
    "JWT": b64url({"alg": "HS256", "typ": "JWT"})
    + "."
    + b64url({"sub": "1234567890", "name": "Jane", "iat": 1516239022})
    + "."
    + random_chars(43, 7, _ALPHANUMERIC + "-_"),
    "PASSWORD": "Tr0ub4dor-" + random_chars(8, 8),
}


def in_chat(value: str) -> str:
    """A chat message carrying ``value`` on a line of its own."""
    return f"Can you check why this fails?\n{value}\nIt worked yesterday on my laptop."


def text_with_secret(entity: str) -> str:
    """A text holding ``SECRETS[entity]`` where its recognizer looks for it."""
    value = SECRETS[entity]
    if entity == "PASSWORD":
        return f"connect with postgres://app_user:{value}@db.prod.acme-corp.io:5432/app"
    return in_chat(value)


def stock_detections(text: str) -> list:
    """What Presidio's own ``AnalyzerEngine.analyze`` reports on the project's analyzer
    (NER over the whole text), as sorted ``Detection`` tuples; none for a blank text."""
    from presidio_analyzer import RecognizerResult

    from openai_connector.classify import ClassifierConfig
    from openai_connector.classify.analysis import Detection
    from openai_connector.classify.engine import get_analyzer

    config = ClassifierConfig()
    if not text.strip():
        return []
    results = get_analyzer(config).analyze(
        text, config.language, score_threshold=config.score_threshold
    )
    return sorted(
        Detection(
            r.entity_type,
            r.start,
            r.end,
            round(float(r.score), 4),
            r.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY],
        )
        for r in results
    )
