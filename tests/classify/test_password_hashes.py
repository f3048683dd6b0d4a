"""Password hashes: each scheme's structure is found whole, at ``high``; look-alikes are not.

Hashes are assembled at run time (PBKDF2 ones computed with hashlib), so the repository
holds none.
"""

from __future__ import annotations

import base64
import hashlib

import pytest

from tests.classify.samples import random_chars

H64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
HEX = "0123456789abcdef"


def _h64(length: int, seed: int) -> str:
    return random_chars(length, seed, H64)


def _django_pbkdf2() -> str:
    salt = random_chars(22, 70)
    digest = hashlib.pbkdf2_hmac("sha256", b"correct horse", salt.encode(), 1000)
    return f"pbkdf2_sha256$1000${salt}${base64.b64encode(digest).decode()}"


def _werkzeug_pbkdf2() -> str:
    salt = random_chars(16, 71)
    digest = hashlib.pbkdf2_hmac("sha256", b"correct horse", salt.encode(), 1000)
    return f"pbkdf2:sha256:1000${salt}${digest.hex()}"


BCRYPT = "$2b$12$" + _h64(53, 1)
HASHES = {
    "bcrypt": BCRYPT,
    "bcrypt-2y": "$2y$10$" + _h64(53, 2),
    "md5-crypt": "$1$" + _h64(8, 3) + "$" + _h64(22, 4),
    "apache-md5": "$apr1$" + _h64(8, 5) + "$" + _h64(22, 6),
    "sha256-crypt": "$5$rounds=5000$" + _h64(16, 7) + "$" + _h64(43, 8),
    "sha512-crypt": "$6$" + _h64(16, 9) + "$" + _h64(86, 10),
    "cisco-type-8": "$8$" + _h64(14, 11) + "$" + _h64(43, 12),
    "cisco-type-9": "$9$" + _h64(14, 13) + "$" + _h64(43, 14),
    "yescrypt": "$y$j9T$" + _h64(22, 15) + "$" + _h64(43, 16),
    "argon2id": "$argon2id$v=19$m=65536,t=3,p=4$"
    + random_chars(22, 17, B64)
    + "$"
    + random_chars(43, 18, B64),
    "django-argon2": "argon2$argon2id$v=19$m=102400,t=2,p=8$"
    + random_chars(22, 27, B64)
    + "$"
    + random_chars(22, 28, B64),
    "django-bcrypt": "bcrypt_sha256$$2b$12$" + _h64(53, 29),
    "passlib-pbkdf2": "$pbkdf2-sha256$29000$" + _h64(22, 19) + "$" + _h64(43, 20),
    "django-pbkdf2": _django_pbkdf2(),
    "werkzeug-pbkdf2": _werkzeug_pbkdf2(),
    "kerberos-asrep": "$krb5asrep$23$jdoe@CORP.ACME.IO:"
    + random_chars(32, 21, HEX)
    + "$"
    + random_chars(240, 22, HEX),
    "kerberos-tgs": "$krb5tgs$23$*svc_sql$CORP.ACME.IO$MSSQLSvc/db01.corp.acme.io*$"
    + random_chars(32, 23, HEX)
    + "$"
    + random_chars(300, 24, HEX),
    "kerberos-tgs-aes": "$krb5tgs$18$svc_web$CORP.ACME.IO$"
    + random_chars(24, 25, HEX)
    + "$"
    + random_chars(280, 26, HEX),
}
CONTEXTS = (
    "{hash}",
    "root:{hash}:19700:0:99999:7:::",
    'UPDATE users SET password_hash = "{hash}" WHERE id = 7;',
    "enable secret {hash}\nusername admin privilege 15",
    "password: {hash}",
)


@pytest.mark.parametrize("scheme", sorted(HASHES))
@pytest.mark.parametrize("context", CONTEXTS)
def test_finds_each_scheme_whole_at_high(find, scheme, context):
    value = HASHES[scheme]
    text = context.format(hash=value)
    found = [(f.entity_type, text[f.start : f.end], f.severity) for f in find(text)]
    assert ("PASSWORD_HASH", value, "high") in found
    assert all(severity != "critical" for _, _, severity in found)


NOT_HASHES = [
    "for f in *.log; do echo $1 $2 $3; done",
    "awk '{print $1$2}' data.tsv",
    "It costs $5 per seat, or $5$ in the old price list, up from $1.",
    "The $6$ prefix selects SHA-512 in crypt(3).",
    "Format: $2b$<cost>$<22-char salt><31-char hash>",
    BCRYPT[:-8],  # cut short in a paste
    "$1$" + _h64(8, 30) + "$" + _h64(12, 31),
    "$2b$12$" + "X" * 53,
    "$6$saltsalt$" + "a" * 86,
    "sed -E 's/^(.*)$/\\1/' $1$2",
]


@pytest.mark.parametrize("text", NOT_HASHES)
def test_skips_look_alikes_stand_ins_and_cut_hashes(find, text):
    assert "PASSWORD_HASH" not in {f.entity_type for f in find(text)}
