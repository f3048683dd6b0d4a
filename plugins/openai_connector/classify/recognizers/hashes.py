"""Password hashes in the crypt, PHC and framework formats people paste from databases,
``/etc/shadow``, router configs and cracking tools.

A hash is no password, but a pasted one can be cracked offline (weak passwords fall in
minutes), so it is reported as ``PASSWORD_HASH``, ``high`` and never critical. Each
scheme is matched by its exact structure: identifier, cost or rounds, then salt and
checksum in the scheme's alphabet and length, so ``$1`` in a shell line, ``$5$`` in
prose or a truncated hash never matches. A checksum that is not random (``XXXX…``,
a typed run) is a documentation stand-in and is skipped.
"""

from __future__ import annotations

import re
from typing import ClassVar

from openai_connector.classify.recognizers.base import SpanRecognizer
from openai_connector.classify.recognizers.placeholders import is_placeholder, looks_random

# crypt's "hash64" alphabet; PHC strings use standard base64 without padding.
_H64 = "[./A-Za-z0-9]"
_B64 = "[A-Za-z0-9+/]"
_HEX = "[0-9a-fA-F]"
_ROUNDS = r"(?:rounds=\d{1,9}\$)?"
# Each scheme's layout, the checksum as the named group "checksum".
_SCHEMES: tuple[tuple[str, str], ...] = (
    # (Django prefixes its bcrypt and Argon2 hashes with its own algorithm name)
    (
        "bcrypt",
        rf"(?:bcrypt(?:_sha256)?\$)?\$2[abxy]?\$\d{{2}}\${_H64}{{22}}(?P<checksum>{_H64}{{31}})",
    ),
    ("md5-crypt", rf"\$(?:1|apr1)\${_H64}{{1,8}}\$(?P<checksum>{_H64}{{22}})"),
    ("sha256-crypt", rf"\$5\${_ROUNDS}{_H64}{{1,16}}\$(?P<checksum>{_H64}{{43}})"),
    ("sha512-crypt", rf"\$6\${_ROUNDS}{_H64}{{1,16}}\$(?P<checksum>{_H64}{{86}})"),
    # Cisco IOS type 8 (PBKDF2-SHA256) and type 9 (scrypt): a 14-character salt
    ("cisco", rf"\$[89]\${_H64}{{14}}\$(?P<checksum>{_H64}{{43}})"),
    ("yescrypt", rf"\$y\${_H64}{{1,32}}\${_H64}{{1,86}}\$(?P<checksum>{_H64}{{43}})"),
    (
        "argon2",
        rf"(?:argon2)?\$argon2(?:id|i|d)\$(?:v=\d{{1,3}}\$)?m=\d{{1,10}},t=\d{{1,10}},p=\d{{1,3}}"
        rf"\${_B64}{{11,64}}\$(?P<checksum>{_B64}{{16,128}})",
    ),
    # passlib's PBKDF2 (SHA-1, SHA-256, SHA-512: 27, 43 or 86 characters)
    (
        "pbkdf2",
        rf"\$pbkdf2(?:-sha256|-sha512)?\$\d{{1,7}}\${_H64}{{2,64}}"
        rf"\$(?P<checksum>{_H64}{{86}}|{_H64}{{43}}|{_H64}{{27}})",
    ),
    # Django's PBKDF2: algorithm$iterations$salt$base64 (SHA-1 or SHA-256)
    (
        "django-pbkdf2",
        rf"(?<![\w$])pbkdf2_sha(?:1|256)\$\d{{1,7}}\$[A-Za-z0-9]{{1,64}}"
        rf"\$(?P<checksum>{_B64}{{43}}=|{_B64}{{27}}=)",
    ),
    # Werkzeug (Flask): pbkdf2:sha256:iterations$salt$hex or scrypt:N:r:p$salt$hex
    (
        "werkzeug",
        r"(?<![\w$])(?:pbkdf2:sha(?:1|256|512)(?::\d{1,7})?|scrypt:\d{1,7}:\d{1,3}:\d{1,3})"
        rf"\$[A-Za-z0-9]{{1,64}}\$(?P<checksum>{_HEX}{{128}}|{_HEX}{{64}}|{_HEX}{{40}})",
    ),
    # Kerberos AS-REP and TGS-REP hashes (hashcat 18200, 13100, 19600-19700, 32100-32200):
    # optional user, realm and SPN fields, a hex checksum, then the hex encrypted part
    (
        "kerberos",
        r"\$krb5(?:asrep|tgs)\$(?:17|18|23)\$(?:\*[^\s*]{1,512}\*\$|[^\s$*]{1,256}\$){0,3}"
        rf"(?:[^\s$:]{{1,256}}:)?{_HEX}{{24,32}}\$(?P<checksum>{_HEX}{{64,20000}})",
    ),
)
# Not inside a longer token: a hash starts after a delimiter and ends at one.
_START = r"(?<![A-Za-z0-9./$\\])"
_END = r"(?![A-Za-z0-9./+=$])"
_PATTERNS = tuple(re.compile(_START + layout + _END) for _, layout in _SCHEMES)


class PasswordHashRecognizer(SpanRecognizer):
    """Password hashes of the common crypt, PHC, Django, Cisco and Kerberos schemes."""

    ENTITIES: ClassVar[list[str]] = ["PASSWORD_HASH"]
    CONTEXT: ClassVar[list[str]] = ["hash", "password", "shadow", "crypt"]
    # Above the assignment rule's chosen-value score, so a Django hash under a password
    # name is named a hash, not a password.
    SCORE = 0.85
    PREFILTER_PATTERNS = _PATTERNS

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Every hash whose checksum looks generated."""
        if "$" not in text:
            return []
        return [
            ("PASSWORD_HASH", *match.span(), self.SCORE, f"{scheme} password hash")
            for (scheme, _), pattern in zip(_SCHEMES, _PATTERNS, strict=True)
            for match in pattern.finditer(text)
            if _is_real(match.group("checksum"))
        ]


def _is_real(checksum: str) -> bool:
    """A checksum a hash function wrote, not a stand-in (``XXXX…``, ``abcdef…``)."""
    return not is_placeholder(checksum) and looks_random(checksum)
