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


def _salted(prefix: str, salt: int, checksum: int, alphabet: str, seed: int) -> str:
    """``prefix`` then a salt and a checksum of these lengths, joined by ``$``."""
    return (
        f"{prefix}{random_chars(salt, seed, alphabet)}${random_chars(checksum, seed + 1, alphabet)}"
    )


BCRYPT = "$2b$12$" + _h64(53, 1)
HASHES = {
    "bcrypt": BCRYPT,
    "bcrypt-2y": "$2y$10$" + _h64(53, 2),
    "md5-crypt": _salted("$1$", 8, 22, H64, 3),
    "apache-md5": _salted("$apr1$", 8, 22, H64, 5),
    "sha256-crypt": _salted("$5$rounds=5000$", 16, 43, H64, 7),
    "sha512-crypt": _salted("$6$", 16, 86, H64, 9),
    "cisco-type-8": _salted("$8$", 14, 43, H64, 11),
    "cisco-type-9": _salted("$9$", 14, 43, H64, 13),
    "yescrypt": _salted("$y$j9T$", 22, 43, H64, 15),
    "argon2id": _salted("$argon2id$v=19$m=65536,t=3,p=4$", 22, 43, B64, 17),
    "django-argon2": _salted("argon2$argon2id$v=19$m=102400,t=2,p=8$", 22, 22, B64, 27),
    "django-bcrypt": "bcrypt_sha256$$2b$12$" + _h64(53, 29),
    "passlib-pbkdf2": _salted("$pbkdf2-sha256$29000$", 22, 43, H64, 19),
    "django-pbkdf2": _django_pbkdf2(),
    "werkzeug-pbkdf2": _werkzeug_pbkdf2(),
    # Kerberos: the user, realm and service fields, then a hex checksum and encrypted part
    "kerberos-asrep": _salted("$krb5asrep$23$jdoe@CORP.ACME.IO:", 32, 240, HEX, 21),
    "kerberos-tgs": _salted(
        "$krb5tgs$23$*svc_sql$CORP.ACME.IO$MSSQLSvc/db01.corp.acme.io*$", 32, 300, HEX, 23
    ),
    "kerberos-tgs-aes": _salted("$krb5tgs$18$svc_web$CORP.ACME.IO$", 24, 280, HEX, 25),
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
    _salted("$1$", 8, 12, H64, 30),
    "$2b$12$" + "X" * 53,
    "$6$saltsalt$" + "a" * 86,
    "sed -E 's/^(.*)$/\\1/' $1$2",
]


@pytest.mark.parametrize("text", NOT_HASHES)
def test_skips_look_alikes_stand_ins_and_cut_hashes(find, text):
    assert "PASSWORD_HASH" not in {f.entity_type for f in find(text)}
