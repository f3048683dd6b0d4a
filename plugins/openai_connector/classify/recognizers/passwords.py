"""Passwords and secrets identified by where they stand rather than by their shape.

A password has no format, so these recognizers look for the places credentials are
written: URL user-info, ``key = value`` assignments in code, config and connection
strings, and the password flags of common command-line clients. Only the value is
reported, and only when it is not a reference (``${DB_PASSWORD}``,
``os.environ[...]``), a template marker or a placeholder.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import ClassVar

from openai_connector.classify.recognizers.base import SpanRecognizer, is_loose_vendor_value
from openai_connector.classify.recognizers.namelike import english_zipf
from openai_connector.classify.recognizers.placeholders import (
    character_classes,
    has_repeated_chunk,
    has_typed_sequence,
    is_example_host,
    is_placeholder,
    looks_hand_edited,
    looks_random,
    reads_as_words,
    shannon_entropy,
)

# "Password" in the languages people paste config and chat in (Spanish, German, French,
# Portuguese, Dutch, Polish, Swedish, Finnish, Czech, Hungarian, Russian).
_OTHER_PASSWORD_WORDS = (
    "contraseña", "contrasena", "passwort", "kennwort", "mot_de_passe", "mot-de-passe",
    "motdepasse", "senha", "wachtwoord", "hasło", "haslo", "lösenord", "losenord", "salasana",
    "heslo", "jelszó", "jelszo", "пароль", "mot de passe", "パスワード", "密码", "密碼",
    "비밀번호", "şifre", "sifre",
)  # fmt: skip
# Not secrets but names of one or literals, typical of templates and schemas.
_STAND_INS = frozenset(
    {
        "password", "passwd", "pass", "pwd", "secret", "token", "pw", "none", "null", "nil",
        "true", "false", "undefined", "required", "optional", "string", "str", "env",
        "admin", "root", "test", "default", "empty", "hidden", "masked", "yes", "no",
        # "password" in other languages: an interface's label (``"auth.password": "Passwort"``),
        # the keywords' words and a few too common to be keywords ("clave" is also "key")
        *_OTHER_PASSWORD_WORDS, "clave", "adgangskode", "passord", "parola", "kata sandi",
    }
)  # fmt: skip
# References to a value held elsewhere: environment, vault, code, templates, files. A call
# or subscript (``getenv("X")``, ``env['X']``, ``String::new()``) starts with its name; a
# brace or bracket elsewhere in the value proves nothing (generated and chosen secrets
# hold symbols too). An escaped or quoted sigil (``\$_POST[…]`` in a quoted PHP snippet,
# ``"'$PASS'"`` spliced into a shell string), an AWS resource name and a page element's
# selector (``#add-password``) are references too.
_REFERENCE = re.compile(
    r"^[\\\"'`]?[$%*({\[]|^&[A-Za-z_]\w*$|^[\w.]+(?:::\w+)*[(\[]|^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$"
    r"|://"
    r"|^arn:aws[\w-]*:|^[#.][a-z]+(?:-[a-z]+)+$"
    # a fallback in code: ``t.token||null``, ``opts.key ?? ""``
    r"|^[\w.$]+\s*(?:\|\||\?\?)"
    # a secret manager's reference (``vault:secret/data/db#password``, ``ssm:/prod/db``)
    r"|^(?i:vault|ssm|secretsmanager|keyvault|sops|doppler|infisical|gcpsm|awssm|azkv):"
)
# A file path (``/run/secrets/db``, ``~/.ssh/id_rsa``, ``./token.txt``); base64 opens with "/"
# too, but a path's segments are names, and one long unnamed segment is no path.
_PATH = re.compile(r"(?:~|\.{1,2})?(?:/[\w.@-]+)+/?")
_MAX_BARE_SEGMENT = 24
# A segment of a dotted code path: snake_case, camelCase or CONSTANT_CASE, as people name things.
_IDENTIFIER = re.compile(
    r"_?[a-z]+(?:[A-Z][a-z]+|_[a-z]+|\d+)*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|(?:[A-Z][a-z0-9]+){2,}"
)


def _is_reference(value: str) -> bool:
    """A variable, path or template standing for the value (``settings.DB_PASSWORD``)."""
    if _REFERENCE.search(value) is not None or value.lower() in _STAND_INS or _is_path(value):
        return True
    segments = value.split(".")
    return len(segments) > 1 and all(_IDENTIFIER.fullmatch(part) for part in segments)


def _is_path(value: str) -> bool:
    if _PATH.fullmatch(value) is None:
        return False
    named = [segment for segment in value.split("/") if segment not in ("", "~", ".", "..")]
    return len(named) != 1 or len(value) <= _MAX_BARE_SEGMENT or "." in value


# What generators write: base64, base64url, hex, base32 and base62, dot- or colon-joined.
# Other symbols (spaces, "?", "#", "!") are typed, so such a value is at most a chosen one.
_GENERATED_ALPHABET = re.compile(r"[A-Za-z0-9+/=_.~:-]+")
# Shapes that are long and mixed yet not generated: an id, a build coordinate's version.
_UUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
# A time-based UUID (version 1) is made of a clock and a MAC address: it identifies, it
# does not guard. Keys shaped as UUIDs (legacy npm tokens, Heroku) are random ones; a
# random value has a version-1 layout with a clock reading of our era 1 time in 2,000.
_CLOCK_ERA = (1990, 2100)
_UUID_EPOCH = datetime(1582, 10, 15, tzinfo=UTC)
_VERSION_TAIL = re.compile(r"[-_:]v?\d+(?:\.\d+){1,3}(?:[-.][A-Za-z0-9]+)?$")
# Lower-case words and spaces (``doesnt start right``): prose standing where a value goes.
_SENTENCE = re.compile(r"[a-z]+(?: [a-z]+)+")
# A calendar date (an expiry or start time: ``st=2025-03-04T07:24:52Z``).
_DATE = re.compile(r"\d{4}-[01]\d-[0-3]\d")
# A host name (``4f2a9c.invoice.example.net``): where a secret is used, not the secret.
_HOST_NAME = re.compile(r"(?:[a-z0-9-]{1,63}\.)+[a-z]{2,6}")


# Words that make a value prose: a UI string's "must be at least", "has expired".
_PROSE_WORDS = frozenset(
    {
        "a", "an", "the", "is", "are", "be", "been", "has", "have", "must", "should", "will",
        "your", "you", "our", "this", "that", "at", "least", "of", "to", "in", "on", "for",
        "with", "not", "no", "please",
    }
)  # fmt: skip
_MIN_PROSE_WORDS = 2


def _is_prose(value: str) -> bool:
    """A sentence (``Password must be at least 12 characters``): several words, two of
    them English function words; a passphrase of words holds none."""
    words = value.lower().split()
    return len(words) >= 3 and len(_PROSE_WORDS.intersection(words)) >= _MIN_PROSE_WORDS


# A password manager's "memorable" password, or a passphrase people build the same way:
# three or more words joined by one separator, digits at the end (``pebble.walnut.marble65``,
# ``Tundra-Copper-Fjord7``). Its words are English ones, none of a system's vocabulary: a
# host, service or setting name (``web-server-prod01``, ``settings.db.password1``) is none.
_MEMORABLE = re.compile(
    r"(?P<word>[A-Za-z][a-z]{2,11})(?P<sep>[._-])(?:[A-Za-z][a-z]{2,11}(?P=sep)){1,6}"
    r"[A-Za-z][a-z]{2,11}(?P=sep)?\d{1,4}"
)
_SYSTEM_WORDS = frozenset(
    {
        "server", "prod", "production", "staging", "stage", "dev", "develop", "development",
        "test", "testing", "local", "localhost", "internal", "external", "primary", "replica",
        "master", "main", "backup", "cluster", "node", "worker", "service", "api", "app", "web",
        "host", "data", "cache", "queue", "config", "settings", "env", "secret", "secrets",
        "password", "token", "key", "user", "admin", "root", "default", "example", "sample",
        "dummy", "fake", "release", "version", "build", "region", "east", "west", "north",
        "south", "central", "bucket", "value", "name", "database", "mysql", "postgres",
        "redis", "mongo", "kafka", "nginx", "docker", "linux", "ubuntu", "debian",
        "python", "java", "static", "public", "private", "shared", "common", "core", "base",
    }
)  # fmt: skip


# A word at least this frequent (once in 10 million words) is an English word: generators'
# lists hold rarer ones than everyday speech (``nimbus``, ``fjord``).
_ENGLISH_WORD_ZIPF = 2.0


def is_memorable_password(value: str) -> bool:
    """Whether ``value`` is built like a memorable password (see ``_MEMORABLE``): English
    words, none of a system's vocabulary."""
    if _MEMORABLE.fullmatch(value) is None:
        return False
    words = [word.lower() for word in re.findall(r"[A-Za-z]+", value)]
    return all(
        english_zipf(word) >= _ENGLISH_WORD_ZIPF and word not in _SYSTEM_WORDS for word in words
    )


def is_plausible_password(value: str) -> bool:
    """A chosen password: long enough, mixing classes, and not a stand-in, reference, filler
    (``abcd1234abcd1234…``), sentence, versioned name (``jjwt-jackson-0.11.2``), host name or
    date; a memorable password of words (``pebble.walnut.marble65``) is one."""
    if is_memorable_password(value):
        return True
    return (
        len(value) >= 8
        and character_classes(value) >= 2
        and not has_repeated_chunk(value)
        and _SENTENCE.fullmatch(value) is None
        and not _is_prose(value)
        and not _encodes_host_name(value)
        and not _is_identifier_uuid(value)
        and _VERSION_TAIL.search(value) is None
        and _HOST_NAME.fullmatch(value) is None
        and _DATE.search(value) is None
        and not is_placeholder(value)
        and not _is_reference(value)
    )


_BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")


def _encodes_host_name(value: str) -> bool:
    """Whether the value's base64 part only spells a host name: a vendor's fixed prefix
    (``bedrock-api-key-`` and ``bedrock.amazonaws.com`` in base64) with no key after it."""
    for run in _BASE64_RUN.findall(value):
        if len(run) * 2 < len(value):
            continue
        try:
            decoded = base64.b64decode(run + "=" * (-len(run) % 4), validate=True).decode("ascii")
        except (binascii.Error, UnicodeDecodeError):
            continue
        if _HOST_NAME.fullmatch(decoded):
            return True
    return False


def _is_identifier_uuid(value: str) -> bool:
    """A time-based UUID with a clock reading of our era: an identifier, never a key."""
    if _UUID.fullmatch(value) is None:
        return False
    parsed = uuid.UUID(value)
    if parsed.version != 1:  # None unless the RFC 4122 variant
        return False
    year = (_UUID_EPOCH + timedelta(microseconds=parsed.time // 10)).year
    return _CLOCK_ERA[0] <= year <= _CLOCK_ERA[1]


# A folder or file name within a path (``uploads``, ``2024``, ``invoice.pdf``).
_PATH_SEGMENT = re.compile(r"[a-z]{3,}|\d{1,4}|[\w-]+\.[A-Za-z]{2,4}")


def _is_folder_path(value: str) -> bool:
    """A relative path (``uploads/2024/03/Invoice_8F2k.pdf``): two of its segments or more
    are words, numbers or file names, where base64's ``/`` splits random runs."""
    segments = value.split("/")
    return len(segments) >= 3 and sum(bool(_PATH_SEGMENT.fullmatch(s)) for s in segments) >= 2


# Lower-case words joined by dashes (``postgres-credentials``): a name, as of a Kubernetes
# Secret, never a generator's output.
_WORD_SLUG = re.compile(r"[a-z]+(?:[-_][a-z]+)+")
# Generated secrets (hex, base64, alphanumeric) carry at least this much entropy per char.
_MIN_SECRET_ENTROPY = 3.2
# Hex digits carry at most 4 bits a character, so a random hex value may measure lower.
_MIN_HEX_ENTROPY = 3.0
_HEX = re.compile(r"[0-9a-f]+|[0-9A-F]+")
_MIN_SECRET_CHARS = 16


def is_plausible_secret(value: str) -> bool:
    """A generated secret: one long, high-entropy, mixed token in a generator's alphabet,
    not a stand-in, reference, UUID, version, date, words or typed filler (which may still be chosen
    passwords)."""
    return (
        len(value) >= _MIN_SECRET_CHARS
        and shannon_entropy(value)
        >= (_MIN_HEX_ENTROPY if _HEX.fullmatch(value) else _MIN_SECRET_ENTROPY)
        and character_classes(value) >= 2
        and _GENERATED_ALPHABET.fullmatch(value) is not None
        and not has_typed_sequence(value)
        and not has_repeated_chunk(value)
        and _UUID.search(value) is None
        and _VERSION_TAIL.search(value) is None
        and _DATE.search(value) is None
        and _HOST_NAME.fullmatch(value) is None
        and not _encodes_host_name(value)
        and not reads_as_words(value)
        and not _is_folder_path(value)
        and _WORD_SLUG.fullmatch(value) is None
        and not is_placeholder(value)
        and not _is_reference(value)
    )


class UrlPasswordRecognizer(SpanRecognizer):
    """Passwords in URL userinfo (``scheme://user:password@host``); the span is the password.

    The user may be empty (``redis://:password@host``) and people paste passwords with an
    unescaped ``@``, so the host is the part after the last ``@`` before the path; an
    unescaped ``/`` too, where the password is generated (base64 holds slashes), not a
    port and path (``host:8080/docs@…``).
    """

    ENTITIES: ClassVar[list[str]] = ["PASSWORD"]
    CONTEXT: ClassVar[list[str]] = ["password", "connection", "url", "dsn"]
    SCORE = 0.85
    _URL_WITH_CREDENTIALS = re.compile(
        r"\b[a-z][a-z0-9+.-]{1,31}://"
        r"(?P<user>[^\s:/@?#]{0,256}):(?P<password>[^\s\"'`]{1,256}?)"
        r"@(?P<host>[A-Za-z0-9_.-]{1,253})(?=[:/?#\s\"'`)\]}>,;]|$)",
        re.IGNORECASE,
    )

    PREFILTER_PATTERNS = (_URL_WITH_CREDENTIALS,)

    # A documentation host (``db.example.org``) is where people put their real password
    # when they hide their real host: a strong password there is reported, as high.
    EXAMPLE_HOST_SCORE = 0.7

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """The password part of every URL that carries real credentials."""
        found = []
        for match in self._URL_WITH_CREDENTIALS.finditer(text):
            password = match.group("password")
            if not self._is_real(password) or (
                "/" in password and not is_plausible_secret(password)
            ):
                continue
            if not is_example_host(match.group("host")):
                found.append(("PASSWORD", *match.span("password"), self.SCORE, "password in URL"))
            elif _is_strong(password):
                why = "strong password in a URL to a documentation host"
                found.append(("PASSWORD", *match.span("password"), self.EXAMPLE_HOST_SCORE, why))
        return found

    @staticmethod
    def _is_real(password: str) -> bool:
        return not (
            password.isdigit()  # a port: "host:8080@…" is no password
            or is_placeholder(password)
            or has_typed_sequence(password)
            or has_repeated_chunk(password)
            or (_is_reference(password) and not is_memorable_password(password))
        )


# A lower-case slug (``us-east-1``, ``build-2024-11``): a name, region or label.
_SLUG = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)+")
# Words a tutorial's password is made of (``Hunter2-secret``, ``MyPassw0rd!``).
_TUTORIAL_WORD = re.compile(r"(?i)secret|pass|pwd|admin|test|demo|hunter2|letmein|qwerty")


def _is_strong(password: str) -> bool:
    """A password no tutorial writes: generated, or chosen with three kinds of character,
    and neither a slug nor made of a tutorial's words."""
    if is_memorable_password(password):
        return True
    if _TUTORIAL_WORD.search(password) or _SLUG.fullmatch(password):
        return False
    return is_plausible_secret(password) or (
        character_classes(password) >= 3 and is_plausible_password(password)
    )


# Up to this many characters: OAuth refresh tokens and signed blobs run to a few thousand.
_MAX_VALUE = 4096
# A quoted value holds any character but its own quote (``'`123QWERasdf'``), and the
# quotes may be escaped inside a quoted snippet (``$password = \"…\";``).
_VALUE = (
    rf"(?:(?P<q>\\?[\"'`])(?P<quoted>(?:(?!(?P=q))[^\n]){{1,{_MAX_VALUE}}})(?P=q)"
    rf"|(?P<bare>(?:[^\s\"'`,;<>&]|&(?!\w{{1,30}}=)){{1,{_MAX_VALUE}}}))"
)
PASSWORD_WORD = rf"pass(?:word|wd|phrase)?|pwd|(?<![a-z])pw|{'|'.join(_OTHER_PASSWORD_WORDS)}"
# Names that say "credential": the keyword, what may stand before it (``db_``, ``keyStore``)
# and after it (``_prod``, ``_123``, ``String``: a separator, a digit or a capital first).
STRONG_KEYWORD = (
    rf"{PASSWORD_WORD}|secret|token|api[_-]?key|apikey|access[_-]?key|creds?|(?<![a-z])pat|(?-i:(?<=[a-z])Pat)|(?<![a-z])skey"
    r"|private[_-]?key|auth[_-]?key|credentials?|encryption[_-]?key|signing[_-]?key"
    r"|master[_-]?key|(?<![a-z])psk|pre[_-]?shared[_-]?key|wpa[_-]?passphrase"
)
# A bare "key" names secrets and much else (sort keys, cache keys, public keys): it counts
# only for a generated-looking value, and only as ``high``, never critical.
_KEYWORD = rf"(?i:{STRONG_KEYWORD}|key|(?<![a-z])(?:auth|login)(?![a-z]))"
_WEAK_KEY_NAME = re.compile(
    r"(?:^|[_.-]|(?<=[a-z])(?=[KAL]))(?:key|Key|KEY|auth|Auth|AUTH|login|Login|LOGIN)"
    r"(?:[_.-]?\d{1,3})?$"
)
_NOT_A_SECRET_KEY = re.compile(
    r"(?i)(?:primary|foreign|sort|partition|cache|idempotency|lookup|unique|composite"
    r"|i18n|translation|object|row|hash|dict|map|routing|shard|hot|short|group|ssh|gpg"
    r"|pgp|host|dedupe?|correlation|request|message|event|item|entry|record)[_.-]?key"
)
_SINGLE_TOKEN = re.compile(r"(?:base64:)?[A-Za-z0-9+/=_.~-]+")  # Laravel's APP_KEY=base64:…
# Publishable keys by their prefix (Stripe's pk_live_, Lob's live_pub_, Mapbox's pk.eyJ):
# public by design.
_PUBLISHABLE_VALUE = re.compile(r"pk_(?:live|test)_|(?:live|test)_pub_|pk\.eyJ")
# Test-mode and sandbox keys (Stripe's sk_test_, Razorpay's rzp_test_, Flutterwave's
# FLWSECK_TEST-, Plaid's access-sandbox-) reach a sandbox, not money or customers: a
# finding, but high rather than critical.
TEST_MODE_VALUE = re.compile(r"[A-Za-z0-9]{1,12}[_-](?i:test|sandbox)[_-]")
# Names of values that are not credentials though they say token or key: anti-forgery
# tokens, nonces, and public or publishable keys.
_NOT_A_CREDENTIAL_NAME = re.compile(
    r"(?i:csrf|xsrf|authenticity|forgery|nonce|captcha|public|publishable"
    r"|(?<![a-z])pub(?=[_.-]|key|$)"
    # a page cursor (``pageToken``, ``next_token``), a test double (``FAKE_PASSWORD``)
    r"|(?:page|next|continuation|sync|resume)[_.-]?token|^(?:fake|dummy|mock|example))"
)
_NAME = (
    rf"(?P<key>[A-Za-z0-9_.-]{{0,40}}?{_KEYWORD}"
    r"(?:[_.-][A-Za-z0-9]{1,12}|[A-Z][a-z0-9]{0,11}|\d{1,6}){0,3})"
)
_NAME_START = r"(?<![A-Za-z0-9_.-])"
# Where a header starts: a word boundary, or an escaped line break in a logged request
# (``b'GET / HTTP/1.1\\r\\nAuthorization: Bearer …'``).
_HEADER_START = r"(?:\b|(?<=\\[rn]))"
# Between a header's name and its value: a colon (or "=" in code), or in nginx's
# ``proxy_set_header Authorization "Basic …"`` a space before the quoted value.
_HEADER_SEPARATOR = r"(?:[\"']?\s{0,3}[:=]\s{0,3}|\s+(?=[\"']))"
# What may stand between a name and its operator: a C array size (``char secret[25] =``)
# or a Go string type (``var apiToken string =``).
_DECLARATION = (
    r"(?:\[\d{0,5}\]|[ \t]+(?:string|String|str|\[\]byte)|[ \t]*:[ \t]*(?:string|String|str|any))?"
)
# Names about a credential rather than holding one: its id, length, URL, file, type…
_NOT_A_VALUE_NAME = re.compile(
    r"(?:^|[_.-]|(?<=[a-z]))(?i:names?|ids?|url|uri|path|file|dir|type|length|len|size|count"
    r"|limit|header|field|env|var|ref|hash|hashers?|min|max|policy|prompt|expiry|expires|ttl"
    r"|endpoint|regex|pattern|label|mode|hint|format|version|input|timeout|rotation|reset"
    r"|required|enabled|store|manager|provider|source|location|usage|port"
    # the name of the key that holds it in a secret (Helm's ``adminPasswordKey``)
    r"|password_?key"
    # an interface's strings about it (i18n keys: ``settings.api_key.help``)
    r"|help|title|subtitle|description|desc|message|msg|tooltip|caption|placeholder|heading"
    r"|error|expired|invalid|missing|button|link|aria)$"
)
# Assignments of Go, Make, PHP and the rest; comparisons and dashes (``token - '…'``) only
# with a quoted value, as their bare side is code or prose; a table's bar (``apiKey | …``)
# only with a generated value, as a shell pipe looks the same (``password | base64``).
_OPERATOR = (
    r"(?::{1,3}=|=>|<-|→|\|\|=|[?.+]=|(?P<quoted_only>[!=]==?|-)|[:=\uff1a]|(?P<generated_only>\|))"
)
# A bare value that is a name in code (``confirm_password``, ``userToken``), not a literal.
_CODE_NAME = re.compile(r"(?:[A-Za-z]+(?:_[A-Za-z]+)+|[a-z]+(?:[A-Z][a-z]+)+)[:;)]*")
_PASSWORD_KEYWORD = re.compile(rf"(?i:{PASSWORD_WORD})")
# The start of an ARN reaching up to a name (``arn:aws:secretsmanager:…:secret:``).
_IN_ARN = re.compile(r"\barn:[\w-]+:[^\s\"']{0,200}:$")
# How far before a name such an ARN may start: a bounded window, so a text of many names
# does not cost a search of all the text before each.
_ARN_REACH = 300
_STRONG_KEYWORD_SEARCH = re.compile(rf"(?i:{STRONG_KEYWORD})")


# A call's argument: a quoted string (commas inside, as in LDAP paths) or an expression.
_ARGUMENT = r"\s*(?:\"[^\"\n]*\"|'[^'\n]*'|[^,()\"'\n]+)\s*"


def _password_argument(calls: str, position: int) -> re.Pattern[str]:
    """The quoted literal at ``position`` (from 1) in a call of one of ``calls`` (Rust's
    ``Some("…")`` too)."""
    return re.compile(
        rf"(?:\b|(?=\.))(?:{calls})\s*\((?:{_ARGUMENT},){{{position - 1}}}\s*(?:Some\(\s*)?"
        rf"(?P<q>[\"'])(?P<quoted>[^\"'\n]{{1,{_MAX_VALUE}}})(?P=q)"
    )


# A session identifier shorter than this is no secret worth a finding.
_MIN_SESSION_CHARS = 16


# A value no person typed, in a slot that can only hold a password (a password flag or
# argument): random even if of one class (``vzihlaquknriqlht``, an app password).
_MIN_RANDOM_PASSWORD = 12


def _is_password_in_slot(value: str) -> bool:
    """A chosen password, a long random value of any classes or one lower-case word, in
    a password's place."""
    return (
        is_plausible_password(value)
        or _is_word_password(value)
        or (
            len(value) >= _MIN_RANDOM_PASSWORD
            and looks_random(value)
            and not is_placeholder(value)
            and not _is_reference(value)
        )
    )


class CredentialAssignmentRecognizer(SpanRecognizer):
    """Values assigned to password, secret, token and API-key names, and CLI password flags.

    The places: ``DB_PASSWORD=…``, ``password: …``, ``"api_token_123": "…"``,
    ``mySecretString = …``, ``os.environ["DB_PASSWORD"] = …``, ``<password>…</password>``,
    ``<add key="ApiSecret" value="…"/>``, ``setProperty("db.password", "…")``,
    ``if ("…" == password)``, "the password
    is …", ``--password …``, ``curl -u user:…`` (and ``curl -u KEY:``, a key as the user name),
    ``.pgpass`` and ``.netrc`` lines, and the
    ``Authorization: Basic|Bearer|Token`` headers. A name keyword gives ``PASSWORD``
    (``pass``, ``pwd``) or ``GENERIC_SECRET`` (the rest); a name about the credential
    (``token_type``, ``password_min_length``) gives nothing.

    The score tells how specific the evidence is, and so the severity: a generated-looking
    value (long, high entropy) or decodable Basic credentials score 0.8 or more (critical);
    a chosen value in an assignment or flag 0.7, in prose 0.6 (high). Scores stay below
    the vendor recognizers', so a GitHub token assigned to ``GH_TOKEN`` is ``GITHUB_TOKEN``.
    """

    ENTITIES: ClassVar[list[str]] = ["PASSWORD", "GENERIC_SECRET"]
    SECRET_SCORE = 0.8
    BASIC_SCORE = 0.85
    PASSWORD_SCORE = 0.7
    WEAK_SCORE = 0.7
    PROSE_SCORE = 0.6
    _ASSIGNMENTS = (
        # key = value, key: value, "key": "value", KEY=value, ["key"] = value, key => value
        # and the operators of Go, Make, PHP and comparisons (:=, ::=, ?=, .=, ==, !==)
        re.compile(
            _NAME_START
            + _NAME
            + r"[\"'`]?\]?"
            + _DECLARATION
            + r"(?:[ \t]{0,24}|[ \t]*\n[ \t]{0,16})"
            + _OPERATOR
            # a quoted value may sit in a column of aligned ones (``fbApiKey:      "…"``)
            + r"(?:[ \t]{0,3}@?|[ \t]{4,40}(?=[\"'`]))"
            + _VALUE
        ),
        # key:⏎  value, key =⏎  "value", Key{⏎  "value"}: the value alone on the next line or
        # after a blank line (a YAML scalar, an assignment or C++ initialiser continued, a
        # chat message); a nested mapping ("password:⏎  min_length: 8") or an empty
        # assignment before another ("DB_PASSWORD=⏎DB_HOST=…") is no value
        re.compile(
            _NAME_START
            + _NAME
            + r"[\"'`]?\]?"
            + _DECLARATION
            + r"[ \t]{0,3}(?:"
            + _OPERATOR
            + r"|\{)(?:[ \t]*[|>][-+]?)?[ \t]*\n(?:[ \t]*\n)?[ \t]{0,16}"
            + r"(?![A-Za-z_][\w.-]*[ \t]*[:=](?:[^=]|$))"  # the next line's own assignment
            + _VALUE
            + r"[ \t]*[;,)}]{0,3}[ \t]*(?=\n|$)"
        ),
        # password "value"; (a name then a quoted literal and a semicolon: C, Java, nginx)
        re.compile(
            _NAME_START
            + _NAME
            + rf"[ \t]+(?P<q>[\"'])(?P<quoted>[^\"'\n]{{1,{_MAX_VALUE}}})(?P=q)[ \t]*;"
        ),
        # LicenseKey value: a directive on a line of its own (Apache, GeoIP.conf, ssh_config);
        # prose says the same ("Password reset."), so only a generated value counts
        re.compile(r"(?m)^[ \t]*" + _NAME + r"[ \t]+(?P<generated_only>)" + _VALUE + r"[ \t]*$"),
        # <key>BackendToken</key><string>value</string>: a property list's pair
        re.compile(
            r"<key>[ \t]*" + _NAME + r"[ \t]*</key>\s{0,80}<string>[ \t]*"
            rf"(?P<bare>[^<>\s]{{1,{_MAX_VALUE}}})[ \t]*</string>"
        ),
        # <password>value</password>, <entry key="db.password">value</entry>; a property
        # list's <key> holds a name, never a value
        re.compile(
            r"<(?!key>)(?:"
            + _NAME
            + r"|[A-Za-z]+\s+(?:key|name)\s*=\s*[\"'](?P<key2>[^\"'<>]{1,80})[\"']\s*)>"
            rf"[ \t]*\n?[ \t]*(?P<bare>[^<>\s]{{1,{_MAX_VALUE}}})\s{{0,40}}</"
        ),
        # <add key="ApiSecret" value="…"/>, <property name="password" value="…"/>, and the
        # name/value pairs of JSON and YAML ({"name": "db-password", "value": "…"},
        # Kubernetes' "- name: DB_PASSWORD⏎  value: …")
        re.compile(
            r"\b(?:key|name)[\"']?\s*[:=]\s*[\"']?"
            + _NAME
            + r"[\"']?[^<>]{0,80}?\bvalue[\"']?\s*[:=][ \t]*"
            + _VALUE
        ),
        # setProperty("db.password", "…"), config.set("api_key", "…"), put("…", "…"), a
        # section first (config.set("auth", "client_secret", "…")), and the pairs of
        # dictionary initialisers ({ "AccountKey", "…" })
        re.compile(
            r"[({]\s*(?:[\"'][\w .-]{1,40}[\"']\s*,\s*)?[\"']"
            + _NAME
            + rf"[\"']\s*,\s*(?P<q>[\"'])(?P<quoted>[^\"'\n]{{1,{_MAX_VALUE}}})(?P=q)"
        ),
        # process.env.DD_API_KEY || '…', os.getenv("API_TOKEN", "…"): the value a program
        # falls back to when the variable is unset is the credential itself
        re.compile(
            r"(?:\bprocess\.env\.|\b(?:os\.getenv|os\.environ\.get|ENV\.fetch|getenv)\(\s*[\"'])"
            + _NAME
            + r"(?:[\"']\s*,|\s*(?:\|\||\?\?))\s*"
            + rf"(?P<q>[\"'])(?P<quoted>[^\"'\n]{{1,{_MAX_VALUE}}})(?P=q)"
        ),
        # buildConfigField "String", "CODECOV_TOKEN", "\"…\"": an Android build's constant,
        # its Java literal quoted inside Gradle's string
        re.compile(
            r"\bbuildConfigField\s*\(?\s*[\"'][\w.]{1,40}[\"']\s*,\s*[\"']"
            + _NAME
            + rf"[\"']\s*,\s*\"\\\"(?P<quoted>[^\"\\\n]{{1,{_MAX_VALUE}}})\\\"\""
        ),
        # std::string secret("…"), String token{"…"}: a C++ or Java declaration's initialiser
        re.compile(
            r"\b(?:std::string|string|String|QString|auto|var|const\s+char\s*\*)\s+"
            + _NAME
            + rf"\s*[({{]\s*(?P<q>[\"'])(?P<quoted>[^\"'\n]{{1,{_MAX_VALUE}}})(?P=q)\s*[)}}]"
        ),
        # --api-key …, -vaultToken …, --client-secret=…: a flag named for a credential; prose
        # names flags too ("pass --token to it"), so only a generated value counts
        re.compile(
            r"(?<![\w-])--?(?=[A-Za-z])" + _NAME + r"(?:=|[ \t]+)(?P<generated_only>)" + _VALUE
        ),
        # variable "okta_api_token" { default = "…" }: a Terraform variable's default
        re.compile(
            r"\bvariable\s+\"" + _NAME + r"\"\s*\{[^{}]{0,400}?\bdefault\s*=[ \t]*" + _VALUE
        ),
        # if ("…" == password), the literal written first
        re.compile(
            rf"(?P<q>[\"'])(?P<quoted>[^\"'\n]{{1,{_MAX_VALUE}}})(?P=q)"
            r"[ \t]{0,3}[!=]==?[ \t]{0,3}" + _NAME_START + _NAME + r"(?![A-Za-z0-9_])"
        ),
    )
    # <secret>{vault AQAAABAAA value}</secret>: an element holding several words, of which
    # only a generated-looking one is reported.
    _ELEMENT_WORDS = re.compile(
        r"<" + _NAME + rf">(?P<content>[^<>]{{1,{_MAX_VALUE}}})</", re.IGNORECASE
    )
    _WORD = re.compile(r"[^\s{}()\[\],;]+")
    # "the password is …", and "login jdoe / password …" where only a password that mixes
    # three kinds of character counts ("password reset" is no password)
    _PROSE = re.compile(
        _NAME_START
        + _NAME
        + r"[ \t]+(?:(?:is|was)(?:\s+set\s+to)?:?\s+|(?P<password_only>))"
        + _VALUE
    )
    # "AZURE_OPENAI_API_KEY on the build box is …": a constant's name, a few words, then a
    # generated value (only such a value: prose says much else after a name)
    _NAMED_IN_PROSE = re.compile(
        r"(?<![\w$])(?P<key>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b(?:[ \t]+\(?[a-z][\w'-]*){1,6}"
        r"(?:[ \t]+(?:is|was|=|:)[ \t]+|[ \t]+(?=[`'\"]))(?P<generated_only>)" + _VALUE
    )
    # "the root password on the new bastion is …", "das Passwort … lautet …": a password's
    # word, a few words, a verb saying what it is, then a chosen password (three kinds of
    # character), in the languages of _OTHER_PASSWORD_WORDS too
    _PASSWORD_SENTENCE = re.compile(
        rf"(?i:\b(?P<key>{PASSWORD_WORD})(?:et|en|es|s|si)?\b)(?:[ \t]+[^\s]{{1,30}}){{0,8}}?"
        r"(?:[ \t]+(?i:(?:(?:is|was|has[ \t]+been)[ \t]+)?(?:reset|set|changed)[ \t]+to|is|was"
        r"|are|es|est|ist|lautet|é|è|är|jest|now)\b[ \t]*:?[ \t]+"
        # "contraseña del wifi: …", "pass for prod: …": a colon after the words
        r"|[:\uff1a][ \t]+"
        # or no verb, the value in backticks: "das Passwort des Dienstkontos `…`"
        r"|[ \t]+(?=`))"
        r"(?P<password_only>)" + _VALUE
    )
    # パスワードは …, 密码是 …, 비밀번호는 …: "password" and the particle or verb saying what it is
    _CJK_PASSWORD_SENTENCE = re.compile(
        r"(?P<key>パスワード|密码|密碼|비밀번호)[ \t]*(?:は|是|为|為|는|은)[ \t]*"
        r"(?P<password_only>)" + _VALUE
    )
    # Authorization: Bearer|Token|Api-Token|SSWS|… value, or the value alone
    _AUTHORIZATION = re.compile(
        rf"{_HEADER_START}(?i:authorization){_HEADER_SEPARATOR}[\"'`]?(?!(?i:basic)\s)"
        r"(?:[A-Za-z][\w-]{0,30}\s+)?"
        r"(?P<bare>[A-Za-z0-9._~+/=-]{16,1024})(?![A-Za-z0-9._~+/=-])"
    )
    # Authorization: Basic, and base64 user:password under an auth name (Docker's
    # config.json "auth", also escaped inside JSON; npm's _auth; "user_auth")
    _BASIC = re.compile(
        rf"(?:{_HEADER_START}(?i:authorization){_HEADER_SEPARATOR}[\"']?(?i:basic)\s+"
        # the header's value quoted alone: "header is `Basic …`"
        r"|(?<![\w-])Basic\s+(?=[A-Za-z0-9+/]{8,}={0,2}[`'\"])"
        r"|\\?[\"'](?:\w{1,30}_)?auth\\?[\"']\s*:\s*\\?[\"']|\b_auth\s*=\s*)"
        rf"(?P<encoded>[A-Za-z0-9+/]{{6,{_MAX_VALUE}}}={{0,2}})(?![A-Za-z0-9+/=])"
    )
    _CLI_PASSWORD = re.compile(
        r"(?:--(?:[a-z]+-)*pass(?:word|wd)?(?:=|\s+)"
        r"|\bmysql(?:dump|admin)?\b[^\n]{0,200}?\s-p(?=\S)"
        r"|\bredis-cli\b[^\n]{0,200}?\s-a\s+"
        r"|\bsshpass\s+-p\s*"
        r"|\bdocker\s+login\b[^\n]{0,200}?\s-p\s+"
        # lftp -u user,password sftp://…; echo '…' | docker login --password-stdin
        r"|\blftp\b[^\n]{0,200}?\s-u\s+[^\s,]{1,64},"
        # database and broker clients: sqlcmd -P, cqlsh -p, mosquitto_pub -P; kubectl's
        # --from-literal=password=…
        r"|\b(?:sqlcmd|bcp|osql)\b[^\n]{0,200}?\s-P\s*"
        r"|\bcqlsh\b[^\n]{0,200}?\s(?:-p|--password)(?:=|\s+)"
        r"|\bmosquitto_(?:pub|sub|rr)\b[^\n]{0,200}?\s-P\s+"
        r"|\brabbitmqadmin\b[^\n]{0,200}?\s(?:-p|--password)(?:=|\s+)"
        r"|--from-literal=[\w.-]*(?i:pass(?:word|wd)?|secret|token)[\w.-]*="
        r"|\becho\s+(?=[\"']?[^\s\"'|]{1,256}[\"']?\s*\|\s*(?:docker|podman|helm|oras)\s+"
        r"(?:registry\s+)?login\b[^\n]*--password-stdin)"
        r"|\b(?i:psexec)(?:64)?(?:\.exe)?\b[^\n]{0,200}?\s-p\s+"
        # PowerShell and Windows tools: -Password value, -AdminPassword:value, and the
        # plain text made a SecureString
        r"|(?<![\w-])-[A-Za-z]{0,20}?[Pp]assword(?::|\s+)"
        r"|\bConvertTo-SecureString\s+(?:-String\s+)?"
        r"|\s-(?:src|dest)?(?:store|key)pass\s+"
        r"|\bmachine\s+\S+\s+login\s+\S+\s+password\s+"
        # net use \\host\share /user:DOMAIN\name password; htpasswd -b file user password;
        # "creds for the portal: admin / password"
        r"|\bnet\s+use\b[^\n]{0,200}?\s/user:\S+\s+"
        # Windows: net user NAME password /add
        r"|\bnet\s+user\s+\S+\s+(?=\S+\s+/)"
        # Azure CLI's service principal login: az login … -p secret
        r"|\baz\s+login\b[^\n]{0,200}?\s(?:-p|--password)(?:=|\s+)"
        # SQL: CREATE|ALTER USER … IDENTIFIED BY '…'; OpenLDAP's tools: -w password
        r"|\b(?i:identified\s+by)\s+(?i:password\s+)?"
        r"|\bldap(?:search|modify|add|delete|whoami|passwd|compare|modrdn)\b[^\n]{0,200}?\s-w\s+"
        r"|\bhtpasswd\b(?=[^\n]*\s-[A-Za-z]*b)(?:\s+-[A-Za-z]+)*\s+\S+\s+\S+\s+"
        r"|\b(?i:creds?|credentials|login)\b[^\n:]{0,40}:[ \t]*[\w.@-]{1,64}[ \t]*/[ \t]*"
        # curl and httpie credentials: -u user:password, --user=user:password, -a user:password
        # (the command may continue over lines ending in a backslash)
        r"|\b(?:curl|http|https)\b(?:[^\n]|\\\n){0,300}?\s(?:-u\s*|--user[=\s]\s*|-a\s+)[\"']?"
        r"[^\s:\"']{0,64}:"
        # PostgreSQL password file line: hostname:port:database:username:password
        r"|(?<![\w:.-])(?:[\w.-]+|\*):(?:\d{2,5}|\*):(?:[\w.-]+|\*):(?:[\w.-]+|\*):(?=\S))" + _VALUE
    )
    # "test login with admin / …", "wifi: Guest / …", "creds are jdoe:…" (a user, then a
    # slash between blanks or a colon), "u: jdoe⏎p: …" (a password line named by its
    # initial): prose and labels say much else there, so only a strong password counts.
    _USER_THEN_PASSWORD = re.compile(
        r"(?:\b(?i:creds?|credentials|login|log[ \t]?in[ \t]+with|wi-?fi)\b[^\n/]{0,40}?"
        r"(?<=[\s:])[\w.@-]{1,64}(?:[ \t]+/[ \t]+|:(?=\S))"
        r"|(?im:^[ \t]*(?:u|user|username|login)[ \t]*[:=][ \t]*\S+[ \t]*\n"
        r"[ \t]*p[ \t]*[:=][ \t]*))" + _VALUE
    )
    # The password argument of the calls that take one: new NetworkCredential("user", "…"),
    # new DirectoryEntry("LDAP://…", "user", "…"), DriverManager.getConnection(url, user, "…")
    _CALL_PASSWORDS = tuple(
        _password_argument(calls, position)
        for calls, position in (
            (
                r"NetworkCredential|UsernamePasswordCredentials|PasswordAuthentication"
                r"|simple_bind_s?|\.login|HTTP(?:Basic|Digest)Auth|BasicAuth|\bauth\s*="
                r"|basic_auth",
                2,
            ),
            (r"DirectoryEntry|getConnection|new\s+PDO", 3),
            (r"set(?:[A-Z][a-z]+)*(?:Password|Secret|Token|ApiKey)|set_password|\.password", 1),
        )
    )
    # The secret argument of JWT libraries: jwt.sign(payload, "…"), jwt.encode(claims, "…")
    _SIGNING_SECRET_CALL = _password_argument(r"jwt\.(?:sign|encode|verify|decode)", 2)
    # Go's MySQL DSN: user:password@tcp(host:3306)/db
    _DSN_PASSWORD = re.compile(
        r"(?<![\w/:])[\w.-]{1,64}:(?P<bare>[^\s/\"']{1,128})@(?:tcp|unix|udp)\("
    )
    # sqlplus user/password@host: Oracle's login, the password up to the "@"
    _SQLPLUS_LOGIN = re.compile(
        r"\bsqlplus\s+(?:-\w+\s+)*[\w$#]{1,64}/(?P<bare>[^\s@/\"']{1,128})@"
    )
    _IPV6_LIKE = re.compile(r"[0-9A-Fa-f:.%/\[\]]+")
    # curl -u "KEY:" with an empty password: APIs that take the key as the user name.
    _CURL_USER_KEY = re.compile(
        r"\bcurl\b(?:[^\n]|\\\n){0,300}?\s(?:-u\s*|--user[=\s]\s*)[\"']?"
        r"(?P<key>[^\s:\"'@]{8,256}):(?=[\"'\s]|$)"
    )
    # Exact gates, as substrings (far cheaper than the patterns): every keyword contains one
    # of _KEYWORD_WORDS, every header "auth", every flag one of _FLAG_WORDS or, in a
    # .pgpass line, a port between colons.
    _KEYWORD_WORDS = (
        "pass", "pw", "secret", "token", "key", "cred", "pat", "psk", "auth", "login",
        *_OTHER_PASSWORD_WORDS
    )  # fmt: skip
    _FLAG_WORDS = (
        "pass", "mysql", "redis-cli", "docker", "machine", "curl", "http", "psexec",
        "securestring", "cred", "directoryentry", "getconnection", "login", "bind", "net use",
        "htpasswd", "@tcp(", "@unix(", "identified", "ldap", "auth=", "auth =", "basicauth",
        "digestauth", "wifi", "wi-fi", "\np", "jwt.", "basic_auth", "pdo", "password(",
        "set_password", "secret(", "token(", "apikey(", "net user", "lftp", "sqlcmd", "bcp",
        "osql", "cqlsh", "mosquitto_", "sqlplus", "--from-literal", "rabbitmqadmin",
    )  # fmt: skip
    _PGPASS_PORT = re.compile(r":(?:\d{2,5}|\*):")
    _COOKIE_HEADER = re.compile(r"(?i)\b(?:set-)?cookie:[ \t]*(?P<cookies>[^\n\"']*)")
    # Cookies that hold a login session (Django's sessionid, PHP's PHPSESSID, Express's
    # connect.sid, Rails' _app_session, remember tokens).
    _SESSION_COOKIE = re.compile(
        r"(?:^|(?<=[;\s]))(?P<name>[\w.-]*(?i:sess|sid|remember|auth)[\w.-]*)"
        r"=(?P<value>[^;\s\"']+)"
    )

    def find(self, text: str) -> list[tuple[str, int, int, float, str]]:
        """Labelled values that pass the password or generated-secret checks."""
        lowered = text.lower()
        found: list[tuple[str, int, int, float, str]] = []
        if "auth" in lowered or "basic " in lowered:
            found += self._headers(text)
        if "cookie" in lowered:
            found += self._session_cookies(text)
        if any(word in lowered for word in self._FLAG_WORDS) or self._PGPASS_PORT.search(text):
            found += self._flags(text)
        if any(word in lowered for word in self._KEYWORD_WORDS):
            found += self._assignments(text)
        return found

    def _assignments(self, text: str) -> Iterator[tuple[str, int, int, float, str]]:
        matches = [m for pattern in self._ASSIGNMENTS for m in pattern.finditer(text)]
        for match in matches:
            yield from self._judge(match, self.PASSWORD_SCORE)
        prose = (
            self._PROSE,
            self._NAMED_IN_PROSE,
            self._PASSWORD_SENTENCE,
            self._CJK_PASSWORD_SENTENCE,
        )
        for pattern in prose:
            for match in pattern.finditer(text):
                yield from self._judge(match, self.PROSE_SCORE)
        for match in self._ELEMENT_WORDS.finditer(text):
            yield from self._element_words(match)

    def _element_words(self, match: re.Match[str]) -> Iterator[tuple[str, int, int, float, str]]:
        key = match.group("key")
        words = list(self._WORD.finditer(match.group("content")))
        if len(words) < 2 or not holds_credential(key):
            return  # one word is an ordinary element value, judged with the assignments
        entity = "PASSWORD" if _PASSWORD_KEYWORD.search(key) else "GENERIC_SECRET"
        offset = match.start("content")
        for word in words:
            if is_plausible_secret(word.group()):
                start, end = offset + word.start(), offset + word.end()
                yield (entity, start, end, *self._generated(word.group(), "value in element"))

    def _judge(
        self, match: re.Match[str], password_score: float
    ) -> Iterator[tuple[str, int, int, float, str]]:
        key = match.group("key") or match.groupdict().get("key2") or ""
        key_start = match.start("key")
        if key_start >= 0 and _IN_ARN.search(
            match.string, max(0, key_start - _ARN_REACH), key_start
        ):
            return  # arn:aws:secretsmanager:…:secret:prod/db: a resource path, not a value
        group, value, start, end = _value_of(match)
        if group == "bare" and (
            match.groupdict().get("quoted_only")
            or (_CODE_NAME.fullmatch(value) and not is_memorable_password(value))
        ):
            return
        if match.groupdict().get("q") == "`" and " " in value:
            return  # a shell command's output (`vault read …`), not the value itself
        if match.groupdict().get("password_only") is not None:
            if not holds_credential(key) or _PUBLISHABLE_VALUE.match(value):
                return
            is_password = _PASSWORD_KEYWORD.search(key) is not None
            if (
                is_password
                and character_classes(value) >= 3
                and not has_typed_sequence(value)
                and is_plausible_password(value)
            ):
                yield ("PASSWORD", start, end, password_score, "password in prose")
            elif (
                not is_password
                and _STRONG_KEYWORD_SEARCH.search(key) is not None
                and is_plausible_secret(value)
                and not looks_hand_edited(value)
            ):
                # "nimble TOKEN V9jK3m…", "the stripe secret sk_…": a generated value right
                # after a credential's name in prose; high, as no operator binds the two
                yield ("GENERIC_SECRET", start, end, password_score, "secret after its name")
            return
        verdict = self.judge_value(
            key,
            value,
            password_score,
            generated_only=match.groupdict().get("generated_only") is not None,
            # A bare word in code is as often a variable (``password=credential``), so a
            # bare one counts only on a config line of its own (``APP_PASS=whiteduke``).
            word_allowed=group == "quoted" or _is_config_line(match),
        )
        if verdict is not None:
            entity, score, why = verdict
            yield (entity, start, end, score, why)

    @classmethod
    def judge_value(
        cls,
        key: str,
        value: str,
        password_score: float,
        *,
        generated_only: bool = False,
        word_allowed: bool = True,
    ) -> tuple[str, float, str] | None:
        """The entity, score and reason for ``value`` held under the name ``key`` (an
        assignment's, a table column's), or ``None``: the value judges of this rule.

        ``generated_only`` admits only generated-looking values (where the place could be
        prose or code); ``word_allowed`` admits one lower-case word under a password's name
        (where the value stands delimited, not as a bare word in code).
        """
        if not holds_credential(key) or _PUBLISHABLE_VALUE.match(value):
            return None
        if _STRONG_KEYWORD_SEARCH.search(key) is None:
            if _is_keyed_secret(key, value):
                return ("GENERIC_SECRET", cls.WEAK_SCORE, "keyed secret")
            return None
        is_password = _PASSWORD_KEYWORD.search(key) is not None
        entity = "PASSWORD" if is_password else "GENERIC_SECRET"
        if is_plausible_secret(value):
            if TEST_MODE_VALUE.match(value):
                return (entity, cls.WEAK_SCORE, "test-mode secret value")
            return (entity, *cls._generated(value, "secret value"))
        if generated_only:
            return None
        if is_plausible_password(value) and (
            is_password or (_is_mixed(value) and not has_typed_sequence(value))
        ):
            # A chosen value: under a secret or token name it must mix three classes or
            # many symbols and not be typed filler ("API-abcdefgh…"), since names like
            # these also hold labels ("secret_name: prod-db").
            return (entity, password_score, "chosen secret value")
        if _is_short_secret(value, is_password):
            return (entity, password_score, "short or numeric secret value")
        if is_password and word_allowed and _is_word_password(value):
            return (entity, password_score, "one-word password")
        return None

    @classmethod
    def _generated(cls, value: str, what: str) -> tuple[float, str]:
        """The score and reason for a generated-looking value: critical as a generator
        issued it, high when a hand made or altered it (a test's stand-in, a swapped
        character), since then it may be no working key."""
        if looks_hand_edited(value):
            return cls.WEAK_SCORE, f"edited {what}"
        if is_loose_vendor_value(value):
            return cls.WEAK_SCORE, f"vendor-prefixed {what} of another shape"
        return cls.SECRET_SCORE, f"generated {what}"

    def _headers(self, text: str) -> Iterator[tuple[str, int, int, float, str]]:
        for match in self._AUTHORIZATION.finditer(text):
            bare = match.group("bare")
            if is_plausible_secret(bare):
                yield (
                    "GENERIC_SECRET",
                    *match.span("bare"),
                    *self._generated(bare, "bearer token"),
                )
            elif _UUID.fullmatch(bare) and looks_random(bare):
                # Heroku, HubSpot and Snyk keys are UUIDs; high, as the shape is no vendor's
                yield ("GENERIC_SECRET", *match.span("bare"), self.WEAK_SCORE, "UUID bearer token")
        for match in self._BASIC.finditer(text):
            if _basic_password(match.group("encoded")):
                yield ("PASSWORD", *match.span("encoded"), self.BASIC_SCORE, "basic credentials")

    def _session_cookies(self, text: str) -> Iterator[tuple[str, int, int, float, str]]:
        """A session cookie's value in a ``Cookie:`` or ``Set-Cookie:`` header: whoever holds
        it is logged in; high, as the name alone says session."""
        for header in self._COOKIE_HEADER.finditer(text):
            for pair in self._SESSION_COOKIE.finditer(text, *header.span("cookies")):
                value = pair.group("value")
                if len(value) >= _MIN_SESSION_CHARS and looks_random(value):
                    yield ("GENERIC_SECRET", *pair.span("value"), self.WEAK_SCORE, "session cookie")

    def _flags(self, text: str) -> Iterator[tuple[str, int, int, float, str]]:
        flags = (self._CLI_PASSWORD, self._DSN_PASSWORD, self._SQLPLUS_LOGIN)
        for pattern in (*flags, *self._CALL_PASSWORDS):
            for match in pattern.finditer(text):
                group, value, start, end = _value_of(match)
                if group == "bare" and value.startswith("-"):
                    continue  # the next flag: the password is elsewhere
                # An IPv6 address has the shape of a .pgpass line: all hex digits and colons.
                if _is_password_in_slot(value) and not self._IPV6_LIKE.fullmatch(match.group(0)):
                    yield ("PASSWORD", start, end, self.PASSWORD_SCORE, "password flag or argument")
        for match in self._SIGNING_SECRET_CALL.finditer(text):
            value = match.group("quoted")
            if is_plausible_secret(value) or (_is_mixed(value) and is_plausible_password(value)):
                yield ("GENERIC_SECRET", *match.span("quoted"), self.WEAK_SCORE, "signing secret")
        for match in self._USER_THEN_PASSWORD.finditer(text):
            group, value, start, end = _value_of(match)
            if self._IPV6_LIKE.fullmatch(_token_at(text, start)):
                continue  # "login attempts came from 2a02:364a::1d": an address, no user
            if _is_strong(value.rstrip(".,;:!?)")):
                end = start + len(value.rstrip(".,;:!?)"))
                yield ("PASSWORD", start, end, self.PASSWORD_SCORE, "password after its user")
        for match in self._CURL_USER_KEY.finditer(text):
            key = match.group("key")
            if is_plausible_secret(key):
                yield ("GENERIC_SECRET", *match.span("key"), self.SECRET_SCORE, "key as user")
            elif is_plausible_password(key) and character_classes(key) >= 3:
                yield ("GENERIC_SECRET", *match.span("key"), self.PASSWORD_SCORE, "key as user")


_CLOSERS = {")": "(", "]": "[", "}": "{"}
# A chosen value with this many different symbols is no label, whatever its letters.
_MIN_SYMBOL_KINDS = 4


def _token_at(text: str, position: int) -> str:
    """The whitespace-delimited token of ``text`` around ``position``."""
    start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
    end = min(
        (i for i in (text.find(" ", position), text.find("\n", position)) if i >= 0),
        default=len(text),
    )
    return text[start:end]


def _value_of(match: re.Match[str]) -> tuple[str, str, int, int]:
    """The value group's name, text and span; a bare value loses the closing brackets
    that end the structure around it (``{password: abc}``), keeping those it opened."""
    group = "quoted" if match.groupdict().get("quoted") is not None else "bare"
    value = match.group(group)
    start, end = match.span(group)
    while value and value[-1] in _CLOSERS and group == "bare":
        if value.count(value[-1]) <= value.count(_CLOSERS[value[-1]]):
            break
        value, end = value[:-1], end - 1
    return group, value, start, end


def _is_mixed(value: str) -> bool:
    """Three character classes, or many kinds of symbol: what people choose as secrets."""
    symbols = {char for char in value if not char.isalnum() and not char.isspace()}
    return character_classes(value) >= 3 or len(symbols) >= _MIN_SYMBOL_KINDS


# Random, yet short of a generated secret's length or entropy: a key of 10 characters or
# more, or digits (a PIN, a numeric key). Under a credential's name only, and high, never
# critical: the shape alone does not say secret.
_SHORT_SECRET = re.compile(r"[A-Za-z0-9]{10,64}")
_MIN_PASSWORD_DIGITS = 6
_MIN_KEY_DIGITS = 16
# Seconds, milli-, micro- or nanoseconds since 1970, from 2001 on: an expiry or creation time.
_EPOCH_TIME = re.compile(r"1[0-9]{9}(?:[0-9]{3}){0,3}")


def _is_short_secret(value: str, is_password: bool) -> bool:
    """A short or plain random key, or a number long enough for its name: six digits under
    a password's name, sixteen under a token's or key's (shorter ones are ids and counts)."""
    if value.isdigit():
        return (
            len(value) >= (_MIN_PASSWORD_DIGITS if is_password else _MIN_KEY_DIGITS)
            and len(set(value)) >= 3
            and _EPOCH_TIME.fullmatch(value) is None
            and not has_typed_sequence(value)
            and not has_repeated_chunk(value)
        )
    return (
        _SHORT_SECRET.fullmatch(value) is not None
        and character_classes(value) >= 2
        and looks_random(value)
        and not is_placeholder(value)
        and not _is_reference(value)
    )


# One lower-case word, maybe with a few digits: weak passwords people really use
# (``whiteduke``, ``logmein``), under a password's name only.
_WORD_PASSWORD = re.compile(r"[a-z]{6,32}[0-9]{0,4}")
# Words that configure how a password is given or kept rather than being one.
_SETTING_WORDS = frozenset(
    {
        "required", "optional", "plaintext", "cleartext", "encrypted", "hashed", "masked",
        "redacted", "hidden", "disabled", "enabled", "disable", "enable", "prompt", "interactive",
        "keyring", "keychain", "generated", "random", "sha256", "sha512", "bcrypt", "argon2",
        "scram", "md5", "ident", "trust", "changeme", "unknown", "unset", "blank", "empty",
        "sensitive", "protected", "secured", "insecure", "secure", "inherit", "default",
        "never", "always", "manual", "external", "internal", "kerberos", "certificate",
        "basic", "digest", "bearer", "oauth", "environment", "variable", "string",
        "password", "passwd", "passphrase", "secret", "credential", "credentials", "stdin",
        "getpass", "parameter", "option", "argument", "switch", "followed",
    }
)  # fmt: skip
# What may start a config line before its name: indentation, ``export``, a comment mark.
_LINE_LEAD = re.compile(r"[ \t]*(?:export[ \t]+|set[ \t]+|#[ \t]*)?")
_LINE_TAIL = re.compile(r"[ \t]*(?:#[^\n]*)?(?:\n|$)")


def _is_word_password(value: str) -> bool:
    """One lower-case word (and digits) that is no setting, stand-in, run or phrase, nor
    says "password" itself."""
    return (
        _WORD_PASSWORD.fullmatch(value) is not None
        and value.rstrip("0123456789") not in _SETTING_WORDS
        and value not in _STAND_INS
        and _PASSWORD_KEYWORD.search(value) is None  # "mypassword", "minhasenha"
        and not has_typed_sequence(value)
        and not has_repeated_chunk(value)
        and not reads_as_words(value)
        and not is_placeholder(value)
    )


def _is_config_line(match: re.Match[str]) -> bool:
    """Whether the assignment is a line of its own: ``NAME=value``, maybe a comment after."""
    text = match.string
    if _LINE_TAIL.match(text, match.end()) is None:
        return False
    key_start = match.start("key")
    line_start = text.rfind("\n", 0, key_start) + 1
    return _LINE_LEAD.fullmatch(text, line_start, key_start) is not None


def holds_credential(key: str) -> bool:
    """Whether a name with a credential's keyword names the value itself, not something
    about it (``token_type``, ``password_min_length``) nor a public one (``csrf_token``)."""
    return _NOT_A_VALUE_NAME.search(key) is None and _NOT_A_CREDENTIAL_NAME.search(key) is None


def names_a_secret(key: str) -> bool:
    """Whether a name with a credential's keyword holds one: ``holds_credential``, and a
    bare ``key`` that is no sort, cache, object or idempotency key."""
    return holds_credential(key) and (
        _STRONG_KEYWORD_SEARCH.search(key) is not None or _NOT_A_SECRET_KEY.search(key) is None
    )


_CREDENTIAL_NAME = re.compile(_NAME)


def is_credential_name(name: str) -> bool:
    """Whether ``name`` (a column's header, ``DB_PASSWORD``, ``apiKey``) is a name the
    assignment rule reads as holding a credential."""
    return _CREDENTIAL_NAME.fullmatch(name) is not None and holds_credential(name)


def _is_keyed_secret(key: str, value: str) -> bool:
    """A generated-looking single token under a name ending in a bare ``key``."""
    return (
        _WEAK_KEY_NAME.search(key) is not None
        and _NOT_A_SECRET_KEY.search(key) is None
        and _SINGLE_TOKEN.fullmatch(value) is not None
        and is_plausible_secret(value)
    )


def _basic_password(encoded: str) -> bool:
    """Whether base64 ``user:password`` credentials decode, with a real password."""
    try:
        decoded = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except binascii.Error:
        return False
    # A byte that is not UTF-8 in a password is still a password.
    user, sep, password = decoded.decode("utf-8", errors="replace").partition(":")
    if user == "_json_key":
        return _is_json_object(password)  # a registry login with a service-account key file
    return (
        bool(sep)
        and bool(password)
        and not is_placeholder(password)
        and not _is_reference(password)
    )


def _is_json_object(value: str) -> bool:
    try:
        return isinstance(json.loads(value), dict)
    except ValueError:
        return False
