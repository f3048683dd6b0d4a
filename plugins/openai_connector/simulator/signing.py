"""Pre-signed download URLs: an HMAC over what to serve and until when."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime

from openai_connector.errors import OpenAIConnectorError


@dataclass(frozen=True)
class SignedTarget:
    kind: str  # log | file
    id: str


class InvalidSignatureError(OpenAIConnectorError):
    """The token was tampered with, malformed or has expired."""


class UrlSigner:
    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    @classmethod
    def for_seed(cls, seed: int) -> UrlSigner:
        return cls(hashlib.sha256(f"simulator-url-signing:{seed}".encode()).digest())

    def sign(self, target: SignedTarget, expires_at: datetime) -> str:
        claims = {"k": target.kind, "i": target.id, "e": int(expires_at.timestamp())}
        payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        return f"{payload}.{self._mac(payload)}"

    def verify(self, token: str, now: datetime) -> SignedTarget:
        payload, _, mac = token.partition(".")
        if not hmac.compare_digest(mac, self._mac(payload)):
            raise InvalidSignatureError("signature does not match")
        try:
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            target, expires = SignedTarget(claims["k"], claims["i"]), int(claims["e"])
        except (ValueError, KeyError, TypeError):
            raise InvalidSignatureError("malformed token") from None
        if now.timestamp() > expires:
            raise InvalidSignatureError("request has expired")
        return target

    def _mac(self, payload: str) -> str:
        return hmac.new(self._secret, payload.encode(), hashlib.sha256).hexdigest()[:32]
