"""Blind peer round 12: held-out secret and PII cases, written blind by "blind12".

Written without the detector in view (neither its code, its tests nor its history were read)
and frozen before the detector ran on it even once. Formats and tricky negatives follow the
public suites: trufflehog's detector tests (``pkg/detectors/*/*_test.go``), gitleaks' rule
definitions (``cmd/generate/config/rules``: true and false positives), detect-secrets' plugin
tests, Nosey Parker / Kingfisher rule examples, secretlint's rule tests, GitGuardian's
detector docs, and Presidio's recognizer tests (``presidio-analyzer/tests``) for PII. Nothing
key-shaped is copied: every value is generated at run time from its documented shape (prefix,
alphabet, length, and checksums where documented: GitHub's CRC32 tail, Luhn, IBAN mod 97).

Emphasis: what security teams see pasted into chats (incident write-ups, support tickets,
transcribed screenshots, CSV exports, e-mail threads, browser dev-tools copies, mobile app
configs) and vendors beyond the obvious (CRM, e-commerce, logistics, HR, fintech,
monitoring, CDN, e-mail, AI providers), in English and several other languages.

``round12_cases(seed)`` is deterministic per seed: one ``random.Random`` feeds every builder.
"""

from __future__ import annotations

import json
import random
import re
import zlib
from collections.abc import Callable

import phonenumbers

from bench.peer_corpus import (
    ALNUM,
    B64,
    BASE32,
    DEFAULT_SEED,
    DIGITS,
    HEX,
    LOWER,
    SECRET,
    UPPER,
    URLSAFE,
    Case,
    Segments,
    Token,
    _b64,
    _b64url,
    _join,
    _parts,
    _tok,
    _uuid,
)
from bench.quality_corpus import _chars, credit_card, iban, us_ssn

SIZES = {"literal": 150, "generated": 200, "negative": 200, "pii": 60, "pii_negative": 100}

Builder = Callable[[random.Random], Segments]
Text = Callable[[random.Random], str]
B62 = DIGITS + UPPER + LOWER
LOWNUM = LOWER + DIGITS
UPNUM = UPPER + DIGITS

# --- shared vocabulary -----------------------------------------------------------------------

PW_WORDS = (
    "Sunflower", "Kestrel", "Basalt", "Lantern", "Paprika", "Glacier", "Nimbus", "Velvet",
    "Saffron", "Tundra", "Marlin", "Juniper", "Copper", "Meadow", "Pelican", "Thistle",
)  # fmt: skip
SERVICES = ("billing", "orders", "inventory", "payroll", "shipping", "crm", "reports", "auth")
HOSTS = ("db.internal", "pg-prod-02.internal", "mysql-eu.corp.local", "10-db.svc.cluster.local")
DOMAINS = ("acme-shop.io", "ledgerline.app", "parcelhub.net", "tallyworks.com", "cargoflow.io")
SVC_USERS = ("admin", "svc_deploy", "ci-bot", "root", "app", "backup", "etl_user", "reporting")
ENV_NOISE = (
    "LOG_LEVEL=info", "PORT=8080", "NODE_ENV=production", "TZ=UTC", "FEATURE_CART_V2=true",
    "CACHE_TTL=300", "WORKERS=4", "REGION_CODE=primary", "ENABLE_METRICS=1", "RETRIES=3",
)  # fmt: skip
INTROS = (
    "here's my config, the app still can't connect:",
    "can someone check this? it worked yesterday",
    "pasting the relevant bit from the repo:",
    "Hier ist meine Konfiguration, die App verbindet sich trotzdem nicht:",
    "Voici ma configuration, la connexion échoue toujours :",
    "Este es mi archivo de configuración, sigue sin conectar:",
    "Segue a minha configuração, ainda não conecta:",
    "Ecco la mia configurazione, non si connette ancora:",
    "設定ファイルです。まだ接続できません:",
    "Oto mój plik konfiguracyjny, nadal nie łączy się:",
    "Dit is mijn configuratie, de verbinding mislukt nog steeds:",
)
ASKS = (
    "why do I get 401 here?",
    "any idea why this times out?",
    "is this the right format?",
    "warum bekomme ich hier einen Fehler?",
    "pourquoi est-ce que ça renvoie une erreur ?",
    "¿por qué falla la autenticación?",
    "por que a autenticação falha?",
    "perché l'autenticazione non funziona?",
    "なぜ認証エラーになりますか?",
    "dlaczego dostaję błąd uwierzytelniania?",
)


NOTES = (
    "Kurze Frage, bitte prüfen:",
    "Question rapide, c'est réglé comme ça ?",
    "Pregunta rápida:",
    "Dúvida rápida:",
    "Domanda veloce, è corretto?",
    "Szybkie pytanie, czy to błąd?",
    "ちょっと質問です:",
    "Even een vraag over één instelling:",
    "Quick question:",
)


def _noted(rng: random.Random, segments: Segments) -> Segments:
    """Segments, sometimes behind a short opening line in another language."""
    if rng.random() < 0.3:
        return [(rng.choice(NOTES) + "\n", None), *segments]
    return segments


def _intro(rng: random.Random) -> str:
    return rng.choice(INTROS)


def _ask(rng: random.Random) -> str:
    return rng.choice(ASKS)


def _human_pw(rng: random.Random) -> str:
    """A password as people choose it: a word, a symbol, digits, a few random characters."""
    word, symbol = rng.choice(PW_WORDS), rng.choice("!#%*?@$^~")
    return f"{word}{symbol}{rng.randint(10, 9999)}{_chars(rng, ALNUM, rng.randint(2, 4))}"


def _safe_pw(rng: random.Random) -> str:
    """A password safe inside URLs, XML and shell words."""
    word = rng.choice(PW_WORDS)
    return f"{word}{rng.choice('-_.')}{_chars(rng, ALNUM, rng.randint(7, 12))}"


def _rand(rng: random.Random) -> str:
    """A random API secret: alphanumeric at both ends, hex or URL-safe in between."""
    middle = _chars(rng, rng.choice((ALNUM, HEX, URLSAFE)), rng.choice((22, 30, 38, 46)))
    return _chars(rng, ALNUM, 1) + middle + _chars(rng, ALNUM, 1)


def _pem(rng: random.Random, escaped: bool = False) -> str:
    kind, der = rng.choice(
        (
            ("RSA PRIVATE KEY", b"\x30\x82\x04\xa4\x02\x01\x00\x02\x82\x01\x01\x00"),
            ("EC PRIVATE KEY", b"\x30\x77\x02\x01\x01\x04\x20"),
            ("PRIVATE KEY", b"\x30\x82\x04\xbd\x02\x01\x00\x30\x0d\x06\x09\x2a\x86\x48\x86"),
            ("OPENSSH PRIVATE KEY", b"openssh-key-v1\x00\x00\x00\x00\x04none"),
            ("ENCRYPTED PRIVATE KEY", b"\x30\x82\x05\x2d\x30\x57\x06\x09\x2a\x86\x48\x86"),
        )
    )
    body = _b64(der + rng.randbytes(rng.choice((180, 240, 400))))
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    newline = "\\n" if escaped else "\n"
    return newline.join([f"-----BEGIN {kind}-----", *lines, f"-----END {kind}-----"])


def _jwt(rng: random.Random) -> str:
    header = {"alg": rng.choice(("HS256", "RS256", "ES256")), "typ": "JWT"}
    payload = {
        "sub": _uuid(rng),
        "iat": rng.randint(1_700_000_000, 1_760_000_000),
        "scope": rng.choice(("read write", "orders:admin", "api")),
    }
    if rng.random() < 0.5:
        payload["exp"] = payload["iat"] + 3600
    parts = [_b64url(json.dumps(p, separators=(",", ":")).encode()) for p in (header, payload)]
    return ".".join([*parts, _b64url(rng.randbytes(rng.choice((32, 64))))])


# --- literal: credentials in the contexts people paste -------------------------------------


def _lit_env(rng: random.Random) -> Segments:
    noise = rng.sample(ENV_NOISE, 3)
    key = rng.choice(("DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "SMTP_PASS"))
    head = f"{_intro(rng)}\n```\n{noise[0]}\n{noise[1]}\n{key}="
    return [(head, None), (_human_pw(rng), SECRET), (f"\n{noise[2]}\n```", None)]


def _lit_yaml(rng: random.Random) -> Segments:
    key = rng.choice(("api_key", "apiKey", "client_secret", "secret_key", "auth_token"))
    svc, dom = rng.choice(SERVICES), rng.choice(DOMAINS)
    head = f"# config/{svc}.yaml\n{svc}:\n  endpoint: https://api.{dom}/v2\n  {key}: "
    return [(head, None), (_rand(rng), SECRET), ("\n  timeout: 30s\n", None)]


def _lit_json(rng: random.Random) -> Segments:
    key = rng.choice(("client_secret", "clientSecret", "api_secret", "password", "secret"))
    head = f'{_ask(rng)}\n{{\n  "client_id": "{_uuid(rng)}",\n  "{key}": "'
    return [(head, None), (_chars(rng, URLSAFE, rng.randint(32, 44)), SECRET), ('",\n}', None)]


def _lit_history(rng: random.Random) -> Segments:
    n = rng.randint(200, 990)
    var = rng.choice(("API_TOKEN", "SERVICE_SECRET", "DEPLOY_KEY", "ADMIN_PASS", "AUTH_SECRET"))
    head = f"$ history | tail -3\n  {n}  cd deploy/\n  {n + 1}  export {var}='"
    value = _rand(rng) if rng.random() < 0.6 else _human_pw(rng)
    return [(head, None), (value, SECRET), (f"'\n  {n + 2}  ./release.sh --env staging", None)]


def _lit_curl_u(rng: random.Random) -> Segments:
    user, dom = rng.choice(SVC_USERS), rng.choice(DOMAINS)
    head = f"{_ask(rng)}\n\ncurl -s -u '{user}:"
    tail = f"' https://jenkins.{dom}/api/json?tree=jobs[name]"
    return [(head, None), (_human_pw(rng), SECRET), (tail, None)]


def _lit_curl_bearer(rng: random.Random) -> Segments:
    dom = rng.choice(DOMAINS)
    head = f'curl -X GET "https://api.{dom}/v1/shipments?limit=20" \\\n  -H "Authorization: Bearer '
    tail = '" \\\n  -H "Accept: application/json"'
    return [(head, None), (_chars(rng, URLSAFE, rng.choice((40, 48, 64))), SECRET), (tail, None)]


def _lit_basic_header(rng: random.Random) -> Segments:
    value = _b64(f"{rng.choice(SVC_USERS)}:{_human_pw(rng)}".encode())
    head = (
        f"Request headers copied from dev tools:\n:method: POST\n:path: "
        f"/api/{rng.choice(SERVICES)}/sync\nauthorization: Basic "
    )
    return [(head, None), (value, SECRET), ("\ncontent-type: application/json", None)]


def _lit_token_header(rng: random.Random) -> Segments:
    head = f"GET /api/v1/orders/ HTTP/1.1\nHost: {rng.choice(DOMAINS)}\nAuthorization: Token "
    return [(head, None), (_chars(rng, HEX, 40), SECRET), ("\nAccept: */*", None)]


def _lit_docker(rng: random.Random) -> Segments:
    image, var = rng.choice(
        (
            ("postgres:16", "POSTGRES_PASSWORD"),
            ("mysql:8.4", "MYSQL_ROOT_PASSWORD"),
            ("mariadb:11", "MARIADB_ROOT_PASSWORD"),
            ("rabbitmq:3-management", "RABBITMQ_DEFAULT_PASS"),
        )
    )
    head = f"docker run -d --name {rng.choice(SERVICES)}-db -e {var}="
    return [(head, None), (_safe_pw(rng), SECRET), (f" -p 5432:5432 {image}", None)]


def _lit_db_url(rng: random.Random) -> Segments:
    scheme, port = rng.choice(
        (("postgresql", 5432), ("mysql", 3306), ("mongodb", 27017), ("amqp", 5672))
    )
    user = rng.choice(SVC_USERS)
    head = (
        'Traceback (most recent call last):\n  File "app/db.py", line 41, in connect\n'
        f'    engine = create_engine("{scheme}://{user}:'
    )
    tail = (
        f'@{rng.choice(HOSTS)}:{port}/{rng.choice(SERVICES)}")\n'
        "OperationalError: connection refused"
    )
    return [(head, None), (_safe_pw(rng), SECRET), (tail, None)]


def _lit_redis_url(rng: random.Random) -> Segments:
    head = f"{_intro(rng)}\nREDIS_URL=redis://:"
    tail = f"@cache-{rng.randint(1, 9)}.internal:6379/0"
    return [(head, None), (_safe_pw(rng), SECRET), (tail, None)]


def _lit_jdbc(rng: random.Random) -> Segments:
    head = (
        "Caused by: java.sql.SQLException: Access denied\n"
        "\tat com.mysql.cj.jdbc.ConnectionImpl.connect(ConnectionImpl.java:"
        f"{rng.randint(400, 900)})\n"
        f"url=jdbc:mysql://{rng.choice(HOSTS)}:3306/shop?user=shop&password="
    )
    return [(head, None), (_safe_pw(rng), SECRET), ("&useSSL=true", None)]


def _lit_pem(rng: random.Random) -> Segments:
    head = rng.choice(
        (
            "ssh keeps saying 'invalid format' for this key, what's wrong?\n\n",
            "Der Deploy-Key aus dem alten Server, geht der noch?\n",
            "La clé du serveur de build, à remplacer :\n",
            "clave del servidor de staging:\n",
        )
    )
    return [(head, None), (_pem(rng), SECRET), ("\n", None)]


def _lit_pem_json(rng: random.Random) -> Segments:
    head = (
        '{\n  "type": "service_account",\n  "private_key_id": "'
        + _chars(rng, HEX, 40)
        + '",\n  "private_key": "'
    )
    return [(head, None), (_pem(rng, escaped=True), SECRET), ('\\n",\n  "client_id": "1"\n}', None)]


def _lit_cookie(rng: random.Random) -> Segments:
    name = rng.choice(("session", "access_token", "auth", "id_token"))
    head = (
        f"Copied from the Network tab:\ncookie: _ga=GA1.1.{rng.randint(10**8, 10**9)}; "
        f"theme=dark; {name}="
    )
    return [(head, None), (_jwt(rng), SECRET), ("; lang=en", None)]


def _lit_har(rng: random.Random) -> Segments:
    head = (
        '"request": {\n  "method": "GET",\n  "url": "https://app.'
        + rng.choice(DOMAINS)
        + '/api/me",\n  "headers": [\n    {"name": "authorization", "value": "Bearer '
    )
    return [
        (head, None),
        (_jwt(rng), SECRET),
        ('"},\n    {"name": "accept", "value": "*/*"}', None),
    ]


def _lit_aws_secret(rng: random.Random) -> Segments:
    head = (
        f"~/.aws/credentials\n[{rng.choice(SERVICES)}]\nregion = "
        f"eu-central-1\naws_secret_access_key = "
    )
    return [(head, None), (_chars(rng, B64, 40), SECRET), ("\noutput = json", None)]


def _lit_azure_storage(rng: random.Random) -> Segments:
    head = (
        "DefaultEndpointsProtocol=https;AccountName=st" + _chars(rng, LOWNUM, 10) + ";AccountKey="
    )
    value = _b64(rng.randbytes(64))
    return [(head, None), (value, SECRET), (";EndpointSuffix=core.windows.net", None)]


def _lit_spring(rng: random.Random) -> Segments:
    head = (
        "application-prod.properties\n"
        f"spring.datasource.url=jdbc:postgresql://{rng.choice(HOSTS)}:5432/{rng.choice(SERVICES)}\n"
        "spring.datasource.username=app\nspring.datasource.password="
    )
    return [(head, None), (_human_pw(rng), SECRET), ("\nspring.jpa.show-sql=false", None)]


def _lit_python(rng: random.Random) -> Segments:
    if rng.random() < 0.5:
        head = f'resp = requests.post(url, auth=("{rng.choice(SVC_USERS)}", "'
        return [(head, None), (_human_pw(rng), SECRET), ('"), timeout=10)', None)]
    head = f'client = {rng.choice(("ApiClient", "Client", "Session"))}(\n    api_key="'
    return [(head, None), (_rand(rng), SECRET), ('",\n    retries=3,\n)', None)]


def _lit_js(rng: random.Random) -> Segments:
    name = rng.choice(("apiSecret", "clientSecret", "authToken", "signingSecret"))
    head = f"// {rng.choice(SERVICES)}.js\nconst {name} = '"
    return [(head, None), (_rand(rng), SECRET), ("';\nmodule.exports = { " + name + " };", None)]


def _lit_go(rng: random.Random) -> Segments:
    head = 'package main\n\nconst (\n\tdbUser     = "app"\n\tdbPassword = "'
    return [(head, None), (_human_pw(rng), SECRET), ('"\n)', None)]


def _lit_csharp(rng: random.Random) -> Segments:
    head = (
        '"ConnectionStrings": {\n  "Default": "Server=tcp:sql-'
        + rng.choice(SERVICES)
        + ".database.windows.net,1433;Database=orders;User ID=app;Password="
    )
    return [(head, None), (_safe_pw(rng), SECRET), (';Encrypt=True;"\n}', None)]


def _lit_maven(rng: random.Random) -> Segments:
    head = (
        "<!-- ~/.m2/settings.xml -->\n<server>\n  <id>nexus-releases</id>\n"
        f"  <username>{rng.choice(SVC_USERS)}</username>\n  <password>"
    )
    return [(head, None), (_safe_pw(rng), SECRET), ("</password>\n</server>", None)]


def _lit_android(rng: random.Random) -> Segments:
    name = rng.choice(("backend_api_secret", "payment_api_key", "sync_client_secret"))
    head = f'res/values/secrets.xml\n<resources>\n    <string name="{name}">'
    return [(head, None), (_chars(rng, ALNUM, 32), SECRET), ("</string>\n</resources>", None)]


def _lit_plist(rng: random.Random) -> Segments:
    key = rng.choice(("ClientSecret", "APISecret", "BackendToken"))
    head = (
        "Info.plist\n<dict>\n\t<key>CFBundleShortVersionString</key>\n"
        f"\t<string>4.2.1</string>\n\t<key>{key}</key>\n\t<string>"
    )
    return [(head, None), (_chars(rng, URLSAFE, 40), SECRET), ("</string>\n</dict>", None)]


def _lit_gradle(rng: random.Random) -> Segments:
    key = rng.choice(
        ("RELEASE_STORE_PASSWORD", "signingKeyPassword", "MYAPP_UPLOAD_STORE_PASSWORD")
    )
    head = f"gradle.properties\norg.gradle.jvmargs=-Xmx2048m\n{key}="
    return [(head, None), (_human_pw(rng), SECRET), ("\nandroid.useAndroidX=true", None)]


def _lit_incident(rng: random.Random) -> Segments:
    head = rng.choice(
        (
            "Postmortem INC-{n}: the service account password `",
            "Incident {n} timeline: 09:12 UTC a contractor pasted the admin password `",
            "Vorfall {n}: Das Passwort des Dienstkontos `",
            "Incident {n} : le mot de passe du compte de service `",
        )
    ).format(n=rng.randint(1000, 9999))
    tail = rng.choice(
        (
            "` was committed to a public repo and has been rotated.",
            "` appeared in build logs for six days.",
            "` wurde im Wiki gefunden und ist inzwischen geändert.",
            "` était visible dans les journaux; il a été changé.",
        )
    )
    return [(head, None), (_human_pw(rng), SECRET), (tail, None)]


def _lit_ticket(rng: random.Random) -> Segments:
    n = rng.randint(10000, 99999)
    head = rng.choice(
        (
            f"Ticket #{n} - Kunde schreibt: Login für das Lieferantenportal klappt nicht. "
            f"Passwort: ",
            f"Ticket #{n} - Le client écrit : impossible de se connecter. Mot de passe : ",
            f"Ticket #{n} - El cliente escribe: no puede entrar al portal. Contraseña: ",
            f"Ticket #{n} - O cliente escreve: não consegue entrar. Senha: ",
            f"Ticket #{n} - Customer writes: can't log in to the supplier portal. Password: ",
            f"チケット #{n} 顧客: ポータルにログインできません。パスワード: ",
        )
    )
    return [(head, None), (_human_pw(rng), SECRET), ("\nStatus: open", None)]


def _lit_kubectl(rng: random.Random) -> Segments:
    head = (
        f"kubectl -n {rng.choice(SERVICES)} create secret generic db-creds "
        f"--from-literal=username=app --from-literal=password="
    )
    return [(head, None), (_safe_pw(rng), SECRET), ("\n", None)]


def _lit_git_remote(rng: random.Random) -> Segments:
    head = f"$ git remote -v\norigin\thttps://{rng.choice(SVC_USERS)}:"
    tail = f"@git.{rng.choice(DOMAINS)}/platform/{rng.choice(SERVICES)}.git (fetch)"
    return [(head, None), (_chars(rng, ALNUM, rng.choice((20, 32))), SECRET), (tail, None)]


def _lit_npmrc(rng: random.Random) -> Segments:
    domain = rng.choice(DOMAINS)
    head = f".npmrc\nregistry=https://npm.{domain}/\n//npm.{domain}/:_authToken="
    return [(head, None), (_uuid(rng), SECRET), ("\nalways-auth=true", None)]


def _lit_pip(rng: random.Random) -> Segments:
    head = "pip.conf\n[global]\nindex-url = https://ci:"
    tail = f"@pypi.{rng.choice(DOMAINS)}/simple\ntimeout = 60"
    return [(head, None), (_safe_pw(rng), SECRET), (tail, None)]


def _lit_smtp(rng: random.Random) -> Segments:
    head = (
        "settings.py\nEMAIL_HOST = 'smtp.mailrelay.net'\nEMAIL_HOST_USER = "
        "'noreply'\nEMAIL_HOST_PASSWORD = '"
    )
    return [(head, None), (_human_pw(rng), SECRET), ("'\nEMAIL_USE_TLS = True", None)]


def _lit_mysql_cli(rng: random.Random) -> Segments:
    head = f"mysql -h {rng.choice(HOSTS)} -u root --password="
    return [(head, None), (_safe_pw(rng), SECRET), (f" {rng.choice(SERVICES)} < dump.sql", None)]


def _lit_csv(rng: random.Random) -> Segments:
    head = (
        "system,login,password,last_rotated\n"
        "erp,svc_erp,(in vault),2024-01-09\n"
        f"{rng.choice(SERVICES)}-api,svc_{rng.choice(SERVICES)},"
    )
    return [(head, None), (_human_pw(rng), SECRET), (",2023-11-30\nwiki,,(sso),", None)]


def _lit_email(rng: random.Random) -> Segments:
    head = rng.choice(
        (
            "Subject: VPN access\n\nHi,\nyour temporary password is ",
            "Betreff: Zugang VPN\n\nHallo,\nIhr vorläufiges Passwort lautet ",
            "Objet : Accès VPN\n\nBonjour,\nvotre mot de passe provisoire est ",
            "Asunto: Acceso VPN\n\nHola,\ntu contraseña temporal es ",
            "Oggetto: Accesso VPN\n\nCiao,\nla password temporanea è ",
        )
    )
    return [(head, None), (_human_pw(rng), SECRET), ("\n\n-- IT Service Desk", None)]


def _lit_tfvars(rng: random.Random) -> Segments:
    head = (
        'terraform.tfvars\nenvironment = "prod"\ninstance_class = "db.t3.medium"\n'
        f'{rng.choice(("db_password", "admin_password", "master_password"))} = "'
    )
    return [(head, None), (_human_pw(rng), SECRET), ('"\n', None)]


def _lit_ansible(rng: random.Random) -> Segments:
    head = "group_vars/web.yml\nansible_user: deploy\nansible_become_password: "
    return [(head, None), (_human_pw(rng), SECRET), ("\nnginx_workers: 4", None)]


def _lit_wp(rng: random.Random) -> Segments:
    head = "define( 'DB_NAME', 'shop' );\ndefine( 'DB_USER', 'shop' );\ndefine( 'DB_PASSWORD', '"
    return [
        (head, None),
        (_human_pw(rng), SECRET),
        ("' );\ndefine( 'DB_HOST', 'localhost' );", None),
    ]


def _lit_django_key(rng: random.Random) -> Segments:
    value = _chars(rng, LOWNUM + "!@#%^&*(-_=+)", 48) + _chars(rng, LOWNUM, 2)
    return [("SECRET_KEY = '", None), (value, SECRET), ("'\nDEBUG = False", None)]


def _lit_log(rng: random.Random) -> Segments:
    header = rng.choice(("X-Api-Key", "X-Auth-Token", "Api-Key"))
    head = (
        f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T08:1{rng.randint(0, 9)}:07Z DEBUG "
        f"outgoing request POST /v1/{rng.choice(SERVICES)} headers={{'{header}': '"
    )
    return [
        (head, None),
        (_chars(rng, HEX, 32), SECRET),
        ("', 'Accept': 'application/json'}", None),
    ]


def _lit_redis_cli(rng: random.Random) -> Segments:
    return [
        ("redis-cli -h cache.internal -p 6379 -a ", None),
        (_safe_pw(rng), SECRET),
        (" ping", None),
    ]


def _lit_php(rng: random.Random) -> Segments:
    head = '<?php\n$apiSecret = "'
    return [(head, None), (_rand(rng), SECRET), ('";\n$client = new Client($apiSecret);', None)]


def _lit_japanese(rng: random.Random) -> Segments:
    head = rng.choice(
        ("ステージングのDBパスワードは ", "管理画面のパスワードは ", "共有アカウントのパスワード: ")
    )
    return [(head, None), (_human_pw(rng), SECRET), (" です。取り扱い注意。", None)]


def _lit_proxy(rng: random.Random) -> Segments:
    head = "export https_proxy=http://proxyuser:"
    return [(head, None), (_safe_pw(rng), SECRET), ("@proxy.corp.internal:3128", None)]


def _lit_sftp(rng: random.Random) -> Segments:
    head = f"lftp -u {rng.choice(SVC_USERS)},"
    tail = f" sftp://files.{rng.choice(DOMAINS)} -e 'mirror -R exports/'"
    return [(head, None), (_safe_pw(rng), SECRET), (tail, None)]


def _lit_query_key(rng: random.Random) -> Segments:
    head = f"Request URL: https://api.{rng.choice(DOMAINS)}/v1/parcels?api_key="
    return [
        (head, None),
        (_chars(rng, HEX, 32), SECRET),
        ("&page=2\nRequest Method: GET\nStatus Code: 200", None),
    ]


def _lit_spanish_chat(rng: random.Random) -> Segments:
    head = rng.choice(
        (
            "La contraseña del usuario de servicio es ",
            "A senha do banco de homologação é ",
            "Het wachtwoord van de beheeraccount is ",
            "Hasło do konta serwisowego to ",
            "La password dell'utente admin è ",
        )
    )
    return [
        (head, None),
        (_human_pw(rng), SECRET),
        (
            rng.choice(
                (
                    ", por favor rotarla.",
                    " (temporária).",
                    " tot vrijdag.",
                    " - proszę zmienić.",
                    ", da cambiare.",
                )
            ),
            None,
        ),
    ]


def _lit_screenshot(rng: random.Random) -> Segments:
    head = (
        "[transcribed from screenshot]\nApplication (client) ID   "
        + _uuid(rng)
        + "\nClient secret value      "
    )
    value = (
        _chars(rng, ALNUM, 3)
        + str(rng.randint(0, 9))
        + "8Q~"
        + _chars(rng, URLSAFE + "~.", 30)
        + _chars(rng, ALNUM, 4)
    )
    return [(head, None), (value, SECRET), ("\nExpires                  12/31/2025", None)]


def _lit_helm(rng: random.Random) -> Segments:
    head = (
        f"helm upgrade --install {rng.choice(SERVICES)} ./chart --set image.tag=1.8.2 --set "
        f"auth.password="
    )
    return [(head, None), (_safe_pw(rng), SECRET), (" --namespace prod", None)]


LITERAL: tuple[Builder, ...] = (
    _lit_env, _lit_yaml, _lit_json, _lit_history, _lit_curl_u, _lit_curl_bearer,
    _lit_basic_header, _lit_token_header, _lit_docker, _lit_db_url, _lit_redis_url, _lit_jdbc,
    _lit_pem, _lit_pem_json, _lit_cookie, _lit_har, _lit_aws_secret, _lit_azure_storage,
    _lit_spring, _lit_python, _lit_js, _lit_go, _lit_csharp, _lit_maven, _lit_android,
    _lit_plist, _lit_gradle, _lit_incident, _lit_ticket, _lit_kubectl, _lit_git_remote,
    _lit_npmrc, _lit_pip, _lit_smtp, _lit_mysql_cli, _lit_csv, _lit_email, _lit_tfvars,
    _lit_ansible, _lit_wp, _lit_django_key, _lit_log, _lit_redis_cli, _lit_php, _lit_japanese,
    _lit_proxy, _lit_sftp, _lit_query_key, _lit_spanish_chat, _lit_screenshot, _lit_helm,
)  # fmt: skip


# --- generated: vendor tokens from rule patterns -------------------------------------------


def _github(prefix: str) -> Token:
    """GitHub's format: 30 random base62 characters and a 6-character base62 CRC32 tail."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = B62[digit] + tail
        return prefix + body + tail

    return build


def _b64json(
    prefix: str, fields: Callable[[random.Random], dict], suffix: Token | None = None
) -> Token:
    def build(rng: random.Random) -> str:
        blob = _b64(json.dumps(fields(rng), separators=(",", ":")).encode()).rstrip("=")
        return prefix + blob + (suffix(rng) if suffix else "")

    return build


def _uuid_tok(prefix: str = "") -> Token:
    return lambda rng: prefix + _uuid(rng)


VENDORS: dict[str, tuple[str, Token]] = {
    # cloud and infrastructure
    "aws-access-key-id": ("AWS_ACCESS_KEY_ID", _tok("AKIA", BASE32, 16)),
    "gcp-api-key": ("GOOGLE_MAPS_API_KEY", _tok("AIza", URLSAFE, 35)),
    "gcp-oauth-secret": ("GOOGLE_OAUTH_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28)),
    "azure-ad-client-secret": (
        "AZURE_CLIENT_SECRET",
        _parts((ALNUM, 3), (DIGITS, 1), "8Q~", (ALNUM + "_~.-", 30), (ALNUM, 3)),
    ),
    "alibaba-access-key": ("ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    "tencent-secret-id": ("TENCENTCLOUD_SECRET_ID", _tok("AKID", ALNUM, 32)),
    "digitalocean-pat": ("DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    "digitalocean-oauth": ("DO_OAUTH_TOKEN", _tok("doo_v1_", HEX, 64)),
    "heroku": ("HEROKU_API_KEY", _tok("HRKU-AA", ALNUM, 58)),
    "yandex-api-key": ("YC_API_KEY", _tok("AQVN", URLSAFE, 36)),
    "ibm-cloud": ("IBMCLOUD_API_KEY", _tok("", URLSAFE, 44)),
    "linode": ("LINODE_TOKEN", _tok("", HEX, 64)),
    "vultr": ("VULTR_API_KEY", _tok("", UPNUM, 36)),
    "hetzner": ("HCLOUD_TOKEN", _tok("", ALNUM, 64)),
    "cloudflare-origin-ca": ("CF_ORIGIN_CA_KEY", _parts("v1.0-", (HEX, 24), "-", (HEX, 146))),
    "cloudflare-api-token": ("CLOUDFLARE_API_TOKEN", _tok("", URLSAFE, 40)),
    "cloudflare-global-key": ("CLOUDFLARE_API_KEY", _tok("", HEX, 37)),
    "fastly": ("FASTLY_API_TOKEN", _tok("", URLSAFE, 32)),
    "netlify": ("NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    "vercel": ("VERCEL_TOKEN", _tok("", ALNUM, 24)),
    "supabase": ("SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    "render": ("RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    "databricks": ("DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    "planetscale": ("PLANETSCALE_PASSWORD", _tok("pscale_pw_", ALNUM, 43)),
    "openshift": ("OPENSHIFT_TOKEN", _tok("sha256~", URLSAFE, 43)),
    "vault-service-token": ("VAULT_TOKEN", _tok("hvs.", URLSAFE, 91)),
    "terraform-cloud": (
        "TFE_TOKEN",
        _parts((ALNUM, 14), ".atlasv1.", (ALNUM, 67)),
    ),
    "doppler": ("DOPPLER_TOKEN", _tok("dp.pt.", ALNUM, 43)),
    "pulumi": ("PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    "age-secret-key": (
        "SOPS_AGE_KEY",
        _tok("AGE-SECRET-KEY-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58),
    ),
    "onepassword-service-account": (
        "OP_SERVICE_ACCOUNT_TOKEN",
        _b64json(
            "ops_",
            lambda r: {
                "signInAddress": "my.1password.com",
                "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000},
                "email": _chars(r, LOWER, 12) + "@1passwordserviceaccounts.com",
                "srpX": _chars(r, HEX, 64),
                "muk": {"alg": "A256GCM", "k": _chars(r, URLSAFE, 43)},
            },
        ),
    ),
    "tailscale": ("TS_AUTHKEY", _parts("tskey-auth-k", (ALNUM, 10), "CNTRL-", (ALNUM, 33))),
    "ngrok": ("NGROK_AUTHTOKEN", _parts("2", (ALNUM, 26), "_", (ALNUM, 21))),
    # version control
    "github-pat": ("GITHUB_TOKEN", _github("ghp_")),
    "github-oauth": ("GH_OAUTH_TOKEN", _github("gho_")),
    "github-app-installation": ("GITHUB_APP_TOKEN", _github("ghs_")),
    "github-user-to-server": ("GH_USER_TOKEN", _github("ghu_")),
    "github-fine-grained": ("GH_PAT", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    "gitlab-pat": ("GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    "gitlab-deploy": ("GITLAB_DEPLOY_TOKEN", _tok("gldt-", URLSAFE, 20)),
    "gitlab-runner": ("RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20)),
    "gitlab-oauth-secret": ("GITLAB_OAUTH_SECRET", _tok("gloas-", HEX, 64)),
    "gitlab-agent": ("GITLAB_AGENT_TOKEN", _tok("glagent-", URLSAFE, 50)),
    "bitbucket-app-password": ("BITBUCKET_APP_PASSWORD", _tok("ATBB", ALNUM, 32)),
    "atlassian-api-token": ("JIRA_API_TOKEN", _parts("ATATT3", (URLSAFE, 180), (ALNUM, 6))),
    "gitea": ("GITEA_TOKEN", _tok("", HEX, 40)),
    # CI/CD and dev tooling
    "circleci": ("CIRCLECI_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    "buildkite": ("BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    "travis": ("TRAVIS_API_TOKEN", _tok("", URLSAFE, 22)),
    "codecov": ("CODECOV_TOKEN", _uuid_tok()),
    "harness": ("HARNESS_API_KEY", _parts("pat.", (URLSAFE, 22), ".", (HEX, 24), ".", (ALNUM, 20))),
    "jenkins": ("JENKINS_API_TOKEN", _tok("11", HEX, 32)),
    "octopus-deploy": ("OCTOPUS_API_KEY", _tok("API-", UPNUM, 26)),
    "sonarqube": ("SONAR_TOKEN", _tok("squ_", HEX, 40)),
    "snyk": ("SNYK_TOKEN", _uuid_tok()),
    "prefect": ("PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    "postman": ("POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    # payments, fintech, e-commerce
    "stripe-secret": (
        "STRIPE_SECRET_KEY",
        lambda r: "sk_live_" + _chars(r, ALNUM, r.choice((24, 99))),
    ),
    "stripe-restricted": ("STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 99)),
    "stripe-webhook-secret": ("STRIPE_WEBHOOK_SECRET", _tok("whsec_", ALNUM, 32)),
    "square-access-token": ("SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60)),
    "square-oauth-secret": ("SQUARE_OAUTH_SECRET", _tok("sq0csp-", URLSAFE, 43)),
    "braintree": (
        "BRAINTREE_ACCESS_TOKEN",
        _parts("access_token$production$", (LOWNUM, 16), "$", (HEX, 32)),
    ),
    "paystack": ("PAYSTACK_SECRET_KEY", _tok("sk_live_", HEX, 40)),
    "flutterwave": ("FLW_SECRET_KEY", _parts("FLWSECK_TEST-", (HEX, 32), "-X")),
    "gocardless": ("GOCARDLESS_ACCESS_TOKEN", _tok("live_", URLSAFE, 40)),
    "mollie": ("MOLLIE_API_KEY", _tok("live_", ALNUM, 30)),
    "plaid": ("PLAID_ACCESS_TOKEN", _uuid_tok("access-production-")),
    "duffel": ("DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", URLSAFE, 43)),
    "wise": ("WISE_API_TOKEN", _uuid_tok()),
    "razorpay": ("RAZORPAY_KEY_SECRET", _tok("", ALNUM, 24)),
    "checkout": ("CKO_SECRET_KEY", _tok("sk_sbox_", LOWNUM, 26)),
    "shopify-admin": ("SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    "shopify-shared-secret": ("SHOPIFY_API_SECRET", _tok("shpss_", HEX, 32)),
    "woocommerce": ("WC_CONSUMER_SECRET", _tok("cs_", HEX, 40)),
    "bigcommerce": ("BIGCOMMERCE_ACCESS_TOKEN", _tok("", LOWNUM, 31)),
    "klaviyo": ("KLAVIYO_PRIVATE_KEY", _tok("pk_", HEX, 34)),
    "lob": ("LOB_API_KEY", _tok("live_", HEX, 35)),
    # logistics
    "shippo": ("SHIPPO_API_TOKEN", _tok("shippo_live_", HEX, 40)),
    "easypost": ("EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    "aftership": ("AFTERSHIP_API_KEY", _tok("asat_", HEX, 32)),
    # HR
    "bamboohr": ("BAMBOOHR_API_KEY", _tok("", HEX, 40)),
    # CRM and SaaS
    "hubspot": ("HUBSPOT_ACCESS_TOKEN", _uuid_tok("pat-na1-")),
    "salesforce": (
        "SF_ACCESS_TOKEN",
        _parts("00D", (ALNUM, 12), "!", (ALNUM + ".", 94), (ALNUM, 2)),
    ),
    "zoho": ("ZOHO_REFRESH_TOKEN", _parts("1000.", (HEX, 32), ".", (HEX, 32))),
    "pipedrive": ("PIPEDRIVE_API_TOKEN", _tok("", HEX, 40)),
    "intercom": (
        "INTERCOM_ACCESS_TOKEN",
        lambda r: _b64(f"tok:{_uuid(r)}:1:0".encode()).rstrip("="),
    ),
    "freshdesk": ("FRESHDESK_API_KEY", _tok("", ALNUM, 20)),
    "zendesk": ("ZENDESK_API_TOKEN", _tok("", ALNUM, 40)),
    "notion": ("NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    "airtable": ("AIRTABLE_PAT", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    "asana": ("ASANA_PAT", _parts("2/", (DIGITS, 16), "/", (DIGITS, 16), ":", (HEX, 32))),
    "linear": ("LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    "figma": ("FIGMA_TOKEN", _parts("figd_", (URLSAFE, 39), (ALNUM, 1))),
    "typeform": ("TYPEFORM_TOKEN", _parts("tfp_", (ALNUM, 44), "_", (ALNUM, 14))),
    "clickup": ("CLICKUP_API_TOKEN", _parts("pk_", (DIGITS, 8), "_", (UPNUM, 32))),
    "trello": ("TRELLO_TOKEN", _tok("ATTA", HEX, 72)),
    "contentful": ("CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43)),
    "dropbox": ("DROPBOX_ACCESS_TOKEN", _tok("sl.", URLSAFE, 135)),
    "okta": ("OKTA_API_TOKEN", _tok("00", URLSAFE, 40)),
    "auth0": ("AUTH0_CLIENT_SECRET", _tok("", URLSAFE, 64)),
    "mapbox-secret": (
        "MAPBOX_SECRET_TOKEN",
        _b64json(
            "sk.",
            lambda r: {"u": _chars(r, LOWER, 8), "a": _chars(r, LOWNUM, 25)},
            lambda r: "." + _chars(r, URLSAFE, 22),
        ),
    ),
    "algolia": ("ALGOLIA_ADMIN_KEY", _tok("", HEX, 32)),
    "readme": ("README_API_KEY", _tok("rdme_", LOWNUM, 70)),
    # observability
    "sentry-user": ("SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    "sentry-org": (
        "SENTRY_ORG_TOKEN",
        _b64json(
            "sntrys_",
            lambda r: {
                "iat": r.randint(1_700_000_000, 1_760_000_000),
                "url": "https://sentry.io",
                "region_url": "https://us.sentry.io",
                "org": _chars(r, LOWER, 9),
            },
            lambda r: "_" + _chars(r, URLSAFE, 43),
        ),
    ),
    "dynatrace": ("DT_API_TOKEN", _parts("dt0c01.", (UPNUM, 24), ".", (UPNUM, 64))),
    "newrelic-user-key": ("NEW_RELIC_API_KEY", _tok("NRAK-", UPNUM, 27)),
    "datadog-api-key": ("DD_API_KEY", _tok("", HEX, 32)),
    "datadog-app-key": ("DD_APP_KEY", _tok("", HEX, 40)),
    "grafana-service-account": ("GRAFANA_SA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    "grafana-cloud": (
        "GRAFANA_CLOUD_TOKEN",
        _b64json(
            "glc_",
            lambda r: {
                "o": str(r.randint(10**5, 10**6)),
                "n": "stack-" + _chars(r, DIGITS, 6),
                "k": _chars(r, ALNUM, 24),
                "m": {"r": "prod-eu-west-2"},
            },
        ),
    ),
    "honeycomb": ("HONEYCOMB_API_KEY", _tok("hcaik_", LOWNUM, 58)),
    "pagerduty": ("PAGERDUTY_API_TOKEN", _parts("u+", (URLSAFE, 17), (ALNUM, 1))),
    "opsgenie": ("OPSGENIE_API_KEY", _uuid_tok()),
    "bugsnag": ("BUGSNAG_API_KEY", _tok("", HEX, 32)),
    "rollbar": ("ROLLBAR_ACCESS_TOKEN", _tok("", HEX, 32)),
    "splunk-hec": ("SPLUNK_HEC_TOKEN", _uuid_tok()),
    "sumologic": ("SUMO_ACCESS_KEY", _tok("", ALNUM, 64)),
    "langsmith": ("LANGSMITH_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    # e-mail delivery
    "sendgrid": ("SENDGRID_API_KEY", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 42), (ALNUM, 1))),
    "mailgun": ("MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    "mailchimp": ("MAILCHIMP_API_KEY", lambda r: _chars(r, HEX, 32) + f"-us{r.randint(1, 21)}"),
    "brevo": ("BREVO_API_KEY", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16))),
    "postmark": ("POSTMARK_SERVER_TOKEN", _uuid_tok()),
    "mailjet": ("MJ_APIKEY_PRIVATE", _tok("", HEX, 32)),
    "mailersend": ("MAILERSEND_API_TOKEN", _tok("mlsn.", HEX, 64)),
    "resend": ("RESEND_API_KEY", _parts("re_", (ALNUM, 8), "_", (ALNUM, 24))),
    "sparkpost": ("SPARKPOST_API_KEY", _tok("", HEX, 40)),
    # chat and messaging
    "slack-bot": (
        "SLACK_BOT_TOKEN",
        _parts("xoxb-", (DIGITS, 12), "-", (DIGITS, 13), "-", (ALNUM, 24)),
    ),
    "slack-webhook": (
        "SLACK_WEBHOOK_URL",
        _parts(
            "https://hooks.slack.com/services/T", (UPNUM, 10), "/B", (UPNUM, 10), "/", (ALNUM, 24)
        ),
    ),
    "discord-bot": (
        "DISCORD_BOT_TOKEN",
        _parts("M", (ALNUM, 23), ".", (URLSAFE, 6), ".", (URLSAFE, 26), (ALNUM, 1)),
    ),
    "discord-webhook": (
        "DISCORD_WEBHOOK_URL",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 18), "/", (URLSAFE, 67), (ALNUM, 1)),
    ),
    "telegram-bot": ("TELEGRAM_BOT_TOKEN", _parts((DIGITS, 10), ":AA", (URLSAFE, 32), (ALNUM, 1))),
    "teams-webhook": (
        "TEAMS_WEBHOOK_URL",
        lambda r: (
            f"https://{_chars(r, LOWER, 8)}.webhook.office.com/webhookb2/{_uuid(r)}@{_uuid(r)}"
            f"/IncomingWebhook/{_chars(r, HEX, 32)}/{_uuid(r)}"
        ),
    ),
    "twilio-api-key": ("TWILIO_API_KEY", _tok("SK", HEX, 32)),
    "twilio-auth-token": ("TWILIO_AUTH_TOKEN", _tok("", HEX, 32)),
    "mattermost": ("MATTERMOST_TOKEN", _tok("", LOWNUM, 26)),
    # AI providers
    "openai": (
        "OPENAI_API_KEY",
        _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 73), (ALNUM, 1)),
    ),
    "anthropic": ("ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    "anthropic-admin": ("ANTHROPIC_ADMIN_KEY", _parts("sk-ant-admin01-", (URLSAFE, 93), "AA")),
    "groq": ("GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    "perplexity": ("PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    "replicate": ("REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    "xai": ("XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    "openrouter": ("OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    "cohere": ("COHERE_API_KEY", _tok("", ALNUM, 40)),
    "mistral": ("MISTRAL_API_KEY", _tok("", ALNUM, 32)),
    "elevenlabs": ("ELEVENLABS_API_KEY", _tok("sk_", HEX, 48)),
    "deepseek": ("DEEPSEEK_API_KEY", _tok("sk-", HEX, 32)),
    "fireworks": ("FIREWORKS_API_KEY", _tok("fw_", ALNUM, 24)),
    "huggingface": ("HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    "pinecone": ("PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 5), "_", (ALNUM, 63))),
    # package registries
    "npm": ("NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    "pypi": (
        "TWINE_PASSWORD",
        lambda r: "pypi-" + _b64url(b"\x01\x08\x08pypi.org" + r.randbytes(60)),
    ),
    "rubygems": ("GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    "nuget": ("NUGET_API_KEY", _tok("oy2", LOWNUM, 43)),
    "dockerhub": ("DOCKERHUB_TOKEN", _parts("dckr_pat_", (URLSAFE, 26), (ALNUM, 1))),
    "artifactory": ("ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    "clojars": ("CLOJARS_DEPLOY_TOKEN", _tok("CLOJARS_", LOWNUM, 60)),
    "crates-io": ("CARGO_REGISTRY_TOKEN", _tok("cio", ALNUM, 32)),
}


def _ctx_env(rng: random.Random, var: str, token: str) -> Segments:
    comment = rng.choice(
        ("# prod", "# staging - do not commit", "# Produktion", "# producción", "# 本番")
    )
    noise = rng.sample(ENV_NOISE, 2)
    return [(f"{comment}\n{noise[0]}\n{var}=", None), (token, SECRET), (f"\n{noise[1]}", None)]


def _ctx_export(rng: random.Random, var: str, token: str) -> Segments:
    return [
        (f'$ export {var}="', None),
        (token, SECRET),
        (f'"\n$ {rng.choice(("make deploy", "npm run sync", "python manage.py check"))}', None),
    ]


def _ctx_k8s(rng: random.Random, var: str, token: str) -> Segments:
    head = (
        f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: "
        f"{rng.choice(SERVICES)}-secrets\ntype: Opaque\nstringData:\n  {var}: "
    )
    return [(head, None), (token, SECRET), ("\n", None)]


def _ctx_compose(rng: random.Random, var: str, token: str) -> Segments:
    head = (
        f"services:\n  {rng.choice(SERVICES)}:\n    image: registry.local/app:2.3\n    "
        f"environment:\n      - {var}="
    )
    return [(head, None), (token, SECRET), ("\n      - LOG_LEVEL=debug", None)]


def _ctx_actions(rng: random.Random, var: str, token: str) -> Segments:
    head = f"jobs:\n  release:\n    runs-on: ubuntu-latest\n    env:\n      {var}: "
    return [
        (head, None),
        (token, SECRET),
        ("\n    steps:\n      - uses: actions/checkout@v4", None),
    ]


def _ctx_python(rng: random.Random, var: str, token: str) -> Segments:
    return [
        (f'import os\n\nos.environ.setdefault("{var}", "', None),
        (token, SECRET),
        ('")  # TODO remove before merge', None),
    ]


def _ctx_js(rng: random.Random, var: str, token: str) -> Segments:
    head = f"// fallback for local dev\nconst {var.lower()} = process.env.{var} || '"
    return [(head, None), (token, SECRET), ("';", None)]


def _ctx_chat(rng: random.Random, var: str, token: str) -> Segments:
    head, tail = rng.choice(
        (
            (f"hey, {var} for staging is ", " - can you check why it returns 401?"),
            (f"Kannst du prüfen, warum {var} nicht mehr geht? Wert: ", "\nDanke!"),
            (f"Quelqu'un peut vérifier {var} ? Valeur actuelle : ", "\nMerci d'avance."),
            (f"¿Alguien sabe por qué falla {var}? Es este: ", "\nGracias."),
            (f"Alguém pode ver se {var} ainda é válido? ", "\nObrigado."),
            (f"{var} の値はこれです: ", "\nエラーになる理由が分かりません。"),
            (f"Qualcuno può controllare {var}? Valore: ", "\nGrazie mille."),
            (f"Czy ktoś może sprawdzić {var}? Wartość: ", "\nDzięki."),
        )
    )
    return [(head, None), (token, SECRET), (tail, None)]


def _ctx_android(rng: random.Random, var: str, token: str) -> Segments:
    head = (
        "<!-- app/src/main/res/values/config.xml -->\n<resources>\n    <string "
        f'name="{var.lower()}">'
    )
    return [(head, None), (token, SECRET), ("</string>\n</resources>", None)]


def _ctx_plist(rng: random.Random, var: str, token: str) -> Segments:
    head = f'<plist version="1.0">\n<dict>\n\t<key>{var}</key>\n\t<string>'
    return [(head, None), (token, SECRET), ("</string>\n</dict>\n</plist>", None)]


def _ctx_gradle(rng: random.Random, var: str, token: str) -> Segments:
    head = f'android {{\n  defaultConfig {{\n    buildConfigField "String", "{var}", "\\"'
    return [(head, None), (token, SECRET), ('\\""\n  }\n}', None)]


def _ctx_json(rng: random.Random, var: str, token: str) -> Segments:
    head = f'{{\n  "name": "{rng.choice(SERVICES)}-worker",\n  "env": {{\n    "{var}": "'
    return [(head, None), (token, SECRET), ('"\n  }\n}', None)]


def _ctx_log(rng: random.Random, var: str, token: str) -> Segments:
    head = (
        f"2024-11-0{rng.randint(1, 9)} 14:0{rng.randint(0, 9)}:33,{rng.randint(100, 999)} WARN "
        f" [config] loaded from env: {var}="
    )
    return [(head, None), (token, SECRET), (" (source=.env.local)", None)]


def _ctx_terraform(rng: random.Random, var: str, token: str) -> Segments:
    return [
        (f'variable "{var.lower()}" {{\n  type    = string\n  default = "', None),
        (token, SECRET),
        ('"\n}', None),
    ]


def _ctx_incident(rng: random.Random, var: str, token: str) -> Segments:
    head = rng.choice(
        (
            f"Incident summary: {var} (",
            f"Security ticket SEC-{rng.randint(100, 999)}: exposed {var} = ",
            f"Rapport d'incident : la clé {var} (",
            f"Informe de incidente: la clave {var} (",
        )
    )
    tail = rng.choice(
        (
            ") was found in a public gist and revoked.",
            " was visible in CI logs; rotated.",
            ") a été révoquée.",
            ") fue revocada.",
        )
    )
    if head.endswith("= "):
        tail = " was visible in CI logs; rotated."
    return [(head, None), (token, SECRET), (tail, None)]


def _ctx_helm(rng: random.Random, var: str, token: str) -> Segments:
    head = f'# values-prod.yaml\nreplicaCount: 2\nsecrets:\n  {var.lower()}: "'
    return [(head, None), (token, SECRET), ('"\n', None)]


Context = Callable[[random.Random, str, str], Segments]
CONTEXTS: tuple[Context, ...] = (
    _ctx_env, _ctx_export, _ctx_k8s, _ctx_compose, _ctx_actions, _ctx_python, _ctx_js,
    _ctx_chat, _ctx_android, _ctx_plist, _ctx_gradle, _ctx_json, _ctx_log, _ctx_terraform,
    _ctx_incident, _ctx_helm,
)  # fmt: skip


# --- negative: harmless technical text ------------------------------------------------------


def _hexrun(rng: random.Random, n: int) -> str:
    return _chars(rng, HEX, n)


def _neg_placeholder_env(rng: random.Random) -> str:
    var = rng.choice(
        ("OPENAI_API_KEY", "STRIPE_SECRET_KEY", "DB_PASSWORD", "GITHUB_TOKEN", "SENDGRID_API_KEY")
    )
    value = rng.choice(
        (
            "<your-api-key>",
            "your_key_here",
            "xxxxxxxxxxxxxxxx",
            "changeme-in-prod",
            "<REPLACE_ME>",
            "TODO",
            "...",
        )
    )
    return f"Copy .env.example to .env and fill in:\n{var}={value}\nLOG_LEVEL=info"


def _neg_env_reference(rng: random.Random) -> str:
    return rng.choice(
        (
            f'api_key = os.environ["{rng.choice(("API_KEY", "SERVICE_TOKEN", "PAYMENT_SECRET"))}"]',
            f"const token = process.env.{rng.choice(('NPM_TOKEN', 'AUTH_SECRET', 'SLACK_TOKEN'))};",
            f"password: ${{{rng.choice(('DB_PASSWORD', 'SECRET_PASS', 'REDIS_PASS'))}}}",
            f"token: {{{{ "
            f"secrets.{rng.choice(('DEPLOY_TOKEN', 'REGISTRY_PASSWORD', 'SONAR_TOKEN'))} }}}}",
            f'password = System.getenv("{rng.choice(("DB_PASS", "KEYSTORE_PASSWORD"))}");',
            f"secret_key = config('{rng.choice(('SECRET_KEY', 'JWT_SECRET'))}')",
        )
    )


def _neg_vault_ref(rng: random.Random) -> str:
    return rng.choice(
        (
            f"password: vault:secret/data/{rng.choice(SERVICES)}#password",
            f"valueFrom:\n  secretKeyRef:\n    name: {rng.choice(SERVICES)}-db\n    key: password",
            f"DB_PASSWORD=op://Engineering/{rng.choice(SERVICES)}-db/password",
            "api_key: !vault |\n  "
            f"arn:aws:secretsmanager:eu-west-1:{rng.randint(1000, 9999)}:secret:"
            f"{rng.choice(SERVICES)}",
        )
    )


def _neg_empty(rng: random.Random) -> str:
    return rng.choice(
        (
            "DB_PASSWORD=\nDB_USER=postgres\nDB_HOST=localhost",
            'password: ""\nusername: ""',
            "api_key = None  # set in settings_local.py",
            "SECRET_KEY=''",
            "<password></password>",
            '"token": null,',
        )
    ) + rng.choice(("", "\n", "\n# fill me"))


def _neg_var_names(rng: random.Random) -> str:
    return (
        rng.choice(
            (
                "def reset_password(user_id: int, new_password: str) -> None:\n    "
                "validate_strength(new_password)",
                'if not api_key:\n    raise ValueError("API key missing: set API_KEY")',
                "public boolean checkPassword(String candidate) "
                "{ return encoder.matches(candidate, hash); }",
                "func (c *Client) SetToken(token string) { c.token = token }",
                "password_min_length = 12\npassword_require_symbol = true",
                "let tokenExpiry = Date.now() + ttlSeconds * 1000;",
            )
        )
        + f"\n# {rng.choice(('review', 'refactor', 'see ticket'))} {rng.randint(100, 999)}"
    )


def _neg_redacted(rng: random.Random) -> str:
    return rng.choice(
        (
            "Authorization: Bearer ***",
            "password=********",
            "api_key: [REDACTED]",
            f"token ends in ...{_hexrun(rng, 4)}",
            "client_secret: <hidden>",
            f"STRIPE_SECRET_KEY=sk_live_****{_hexrun(rng, 4)}",
        )
    ) + rng.choice(("", " (masked by the log shipper)", " - masked"))


def _neg_prose(rng: random.Random) -> str:
    return rng.choice(
        (
            "Reminder: never paste API keys or passwords in this channel. Use the vault link "
            "instead.",
            "We rotate service account passwords every 90 days; the runbook explains how.",
            "Bitte keine Passwörter im Chat teilen, sondern den Passwort-Manager nutzen.",
            "Ne partagez jamais vos jetons d'accès par e-mail.",
            "Las claves de API se guardan en el gestor de secretos, no en el repositorio.",
            "As senhas devem ter pelo menos 12 caracteres.",
            "トークンはチャットに貼らないでください。",
            "Is it safe to store the refresh token in localStorage, or should it be an "
            "httpOnly cookie?",
            "How do I rotate a leaked token without downtime?",
        )
    ) + rng.choice(("", " Thanks!", " :)", " (policy v3)"))


def _neg_sha(rng: random.Random) -> str:
    return rng.choice(
        (
            lambda: f"{_hexrun(rng, 64)}  release-{rng.randint(1, 9)}.{rng.randint(0, 20)}.tar.gz",
            lambda: f"Digest: sha256:{_hexrun(rng, 64)}\nStatus: Downloaded newer image",
            lambda: f'ETag: "{_hexrun(rng, 32)}"',
            lambda: f"MD5 ({rng.choice(SERVICES)}.zip) = {_hexrun(rng, 32)}",
            lambda: f"sha1sum: {_hexrun(rng, 40)}",
        )
    )()


def _neg_git(rng: random.Random) -> str:
    lines = [
        f"{_hexrun(rng, 7)} {rng.choice(('fix', 'feat', 'chore'))}: "
        f"{rng.choice(('bump deps', 'retry on 503', 'tidy logging', 'add pagination'))}"
        for _ in range(3)
    ]
    return (
        rng.choice(("$ git log --oneline -3\n", ""))
        + "\n".join(lines)
        + rng.choice(("", f"\nHEAD is now at {_hexrun(rng, 40)}"))
    )


def _neg_uuid(rng: random.Random) -> str:
    return rng.choice(
        (
            f"request_id={_uuid(rng)} status=502 upstream_time=1.{rng.randint(100, 999)}s",
            f"<ProjectGuid>{{{_uuid(rng).upper()}}}</ProjectGuid>",
            f"trace: {_uuid(rng)} span: {_hexrun(rng, 16)}",
            f"Order {_uuid(rng)} moved to state SHIPPED",
        )
    )


def _neg_ipv6(rng: random.Random) -> str:
    return rng.choice(
        (
            f"listen [::]:{rng.choice((80, 443, 8443))} ipv6only=on;",
            f"inet6 fe80::{_hexrun(rng, 4)}:{_hexrun(rng, 4)}:{_hexrun(rng, 4)}:"
            f"{_hexrun(rng, 4)}/64 scope link",
            f"docs use 2001:db8::{_hexrun(rng, 3)} as the example address",
            "ping6 ::1",
        )
    )


def _neg_ports_versions(rng: random.Random) -> str:
    return rng.choice(
        (
            f"postgres listens on localhost:{rng.choice((5432, 5433, 6543))}, redis on "
            f"{rng.choice((6379, 6380))}",
            "Upgraded node from "
            f"v{rng.randint(16, 20)}.{rng.randint(0, 19)}.{rng.randint(0, 9)} to "
            f"v22.{rng.randint(0, 9)}.0",
            f"requests=={rng.randint(2, 3)}.{rng.randint(20, 32)}.{rng.randint(0, 5)}\n"
            "urllib3>=2.2,<3",
            f"implementation 'org.apache.commons:commons-lang3:3.{rng.randint(10, 17)}.0'",
            f"<version>{rng.randint(1, 6)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}-SNAPSHOT</ver"
            "sion>",
        )
    )


def _neg_dates(rng: random.Random) -> str:
    return (
        f"Sprint {rng.randint(20, 60)} runs 2025-0{rng.randint(1, 9)}-0{rng.randint(1, 9)} to "
        f"2025-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}; release freeze on the last Thursday."
    )


def _neg_b64_data(rng: random.Random) -> str:
    data = json.dumps(
        {
            "page": rng.randint(2, 40),
            "sort": rng.choice(("asc", "desc")),
            "filter": rng.choice(SERVICES),
        }
    )
    return rng.choice(
        (
            f"next_cursor: {_b64(data.encode())}",
            f"echo '{_b64(rng.choice(('hello world', 'status: ok', 'build passed')).encode())}' "
            "| base64 -d",
            f"binaryData:\n  banner.txt: {_b64(b'Welcome to the staging cluster')}",
        )
    )


def _neg_paths(rng: random.Random) -> str:
    return rng.choice(
        (
            f"/etc/ssl/private/{rng.choice(SERVICES)}.key permissions are 0600, owned by root",
            "C:\\ProgramData\\Agent\\config\\secrets.json not found",
            f"/var/lib/postgresql/16/main/pg_hba.conf line {rng.randint(80, 120)}",
            "~/.ssh/id_ed25519 already exists, overwrite? (y/n)",
            f"src/main/resources/keystore/{rng.choice(SERVICES)}.jks",
        )
    )


def _neg_css(rng: random.Random) -> str:
    return rng.choice(
        (
            f".btn-primary {{ color: #{_hexrun(rng, 6)}; background: #{_hexrun(rng, 6)}; "
            f"border-radius: 4px; }}",
            '<div class="card token-list" data-testid="api-keys-table" style="margin: '
            f'{rng.randint(2, 24)}px">',
            f'<path d="M{rng.randint(1, 20)}.5 3.5l{rng.randint(1, 9)}.2 4.1-2.7 1.3z" '
            f'fill="#{_hexrun(rng, 6)}"/>',
        )
    )


def _neg_minified(rng: random.Random) -> str:
    return (
        rng.choice(
            (
                '!function(e,t){"object"==typeof exports&&"undefined"!=typeof '
                'module?module.exports=t():e.lib=t()}(this,function(){"use strict";return '
                "function(n){return n}});",
                "var a=function(t){for(var e=0,r=t.length;e<r;e++)if(t[e].key===n)return "
                "t[e].token;return null};",
            )
        )
        + f"\n//# sourceMappingURL=app.{_hexrun(rng, 8)}.js.map"
    )


def _neg_regex(rng: random.Random) -> str:
    return rng.choice(
        (
            r"rules: match tokens with ghp_[A-Za-z0-9]{36} and xox[bpas]-[0-9A-Za-z-]+",
            r"pattern = re.compile(r'AKIA[0-9A-Z]{16}')",
            r"allowlist: ['EXAMPLE', 'dummy', 'fake', '^test_']",
        )
    ) + rng.choice(("", "  # scanner config", "\n# keep in sync with CI"))


def _neg_public_key(rng: random.Random) -> str:
    body = _b64(b"\x30\x82\x01\x22\x30\x0d\x06\x09\x2a\x86\x48\x86" + rng.randbytes(200))
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return (
        f"Public key for the webhook signature check (safe to share):\n-----BEGIN PUBLIC "
        f"KEY-----\n{lines}\n-----END PUBLIC KEY-----"
    )


def _neg_k8s_redacted(rng: random.Random) -> str:
    return (
        f"$ kubectl describe secret {rng.choice(SERVICES)}-db\nName:         "
        f"{rng.choice(SERVICES)}-db\n"
        "Type:  Opaque\n\nData\n====\npassword:  24 bytes\nusername:  8 bytes"
    )


def _neg_tf_sensitive(rng: random.Random) -> str:
    return (
        f'variable "{rng.choice(("db_password", "api_token", "client_secret"))}" {{\n  type     '
        f" = string\n  sensitive = true\n}}"
    )


def _neg_integrity(rng: random.Random) -> str:
    return rng.choice(
        (
            f'"integrity": "sha512-{_b64(rng.randbytes(64))}"',
            f'<script src="/static/app.js" integrity="sha384-{_b64(rng.randbytes(48))}" '
            'crossorigin="anonymous"></script>',
        )
    )


def _neg_docs_example(rng: random.Random) -> str:
    return rng.choice(
        (
            "aws configure\nAWS Access Key ID [None]: AKIAXXXXXXXXXXXXXXXX\nAWS Secret Access "
            "Key [None]: <secret>",
            "curl -H 'Authorization: Bearer YOUR_TOKEN_HERE' https://api.example.com/v1/me",
            "export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "stripe.api_key = 'sk_test_...'  # from the dashboard",
            "mysql://user:password@localhost:3306/dbname",
            "postgres://username:password@host:port/database",
        )
    ) + rng.choice(("", "\n(from the README)", "\n-- docs example"))


def _neg_build(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Build #{rng.randint(1000, 9999)} finished in {rng.randint(2, 14)}m "
            f"{rng.randint(0, 59)}s - artifact "
            f"app-release-{rng.randint(1, 9)}.{rng.randint(0, 30)}.aab",
            f"[INFO] BUILD SUCCESS\n[INFO] Total time: "
            f"{rng.randint(10, 99)}.{rng.randint(100, 999)} s",
            f"Step {rng.randint(2, 9)}/12 : RUN pip install --no-cache-dir -r "
            f"requirements.txt\n ---> Using cache",
        )
    )


def _neg_gradle_android(rng: random.Random) -> str:
    return (
        f"android {{\n  compileSdk {rng.randint(33, 35)}\n  defaultConfig {{\n    applicationId "
        f'"com.acme.{rng.choice(SERVICES)}"\n'
        f"    versionCode {rng.randint(100, 999)}\n    versionName "
        f'"{rng.randint(1, 5)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}"\n  }}\n}}'
    )


def _neg_plist_harmless(rng: random.Random) -> str:
    return (
        "<key>NSCameraUsageDescription</key>\n<string>Scan parcel barcodes</string>\n"
        f"<key>CFBundleVersion</key>\n<string>{rng.randint(100, 999)}</string>"
    )


def _neg_password_policy_json(rng: random.Random) -> str:
    return json.dumps(
        {
            "passwordPolicy": {"minLength": rng.choice((10, 12, 14)), "requireDigits": True},
            "tokenLifetimeMinutes": rng.choice((15, 30, 60)),
            "apiKeyHeader": "X-Api-Key",
        },
        indent=2,
    )


def _neg_http_log(rng: random.Random) -> str:
    return (
        f'"GET /api/v2/{rng.choice(SERVICES)}?page={rng.randint(1, 40)} HTTP/1.1" '
        f"{rng.choice((200, 304, 404))} "
        f'{rng.randint(200, 90000)} "-" "Mozilla/5.0 (X11; Linux x86_64)" '
        f"rt={rng.randint(1, 900)}ms"
    )


def _neg_cookie_harmless(rng: random.Random) -> str:
    return f"cookie: theme=dark; lang={rng.choice(('en', 'de', 'fr'))}; sidebar=collapsed; tz=UTC"


def _neg_har_harmless(rng: random.Random) -> str:
    return (
        '"headers": [\n  {"name": "accept", "value": "application/json"},\n'
        f'  {{"name": "x-request-id", "value": "{_uuid(rng)}"}},\n  {{"name": "cache-control", '
        f'"value": "no-cache"}}\n]'
    )


def _neg_stack_trace(rng: random.Random) -> str:
    return (
        "Traceback (most recent call last):\n"
        f'  File "app/auth.py", line {rng.randint(20, 200)}, in verify_token\n'
        "    raise InvalidTokenError('Signature has "
        "expired')\njwt.exceptions.ExpiredSignatureError: Signature has expired"
    )


def _neg_foreign_config_comment(rng: random.Random) -> str:
    return (
        rng.choice(
            (
                "# Passwort wird beim Start aus dem Secret-Store gelesen\npassword_file: "
                "/run/secrets/db_password",
                "# Le jeton est injecté par la CI, ne rien mettre ici\ntoken:",
                "# La clave se obtiene del gestor de secretos\napi_key_ref: payments/api-key",
                "# A senha é definida na pipeline\nsenha: ${SENHA_DB}",
                "# 認証トークンは環境変数から読み込みます\ntoken_env: AUTH_TOKEN",
            )
        )
        + f"\nretries: {rng.randint(1, 5)}"
    )


def _neg_random_ids(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Correlation-Id: {_hexrun(rng, 32)}",
            f"job {_hexrun(rng, 12)} completed (container {_hexrun(rng, 12)})",
            f"commit {_hexrun(rng, 40)}\nAuthor: build-bot\n\n    chore: release",
        )
    )


def _neg_csv_numbers(rng: random.Random) -> str:
    rows = "\n".join(
        f"{rng.choice(SERVICES)},{rng.randint(100, 999)},{rng.randint(0, 99)}.{rng.randint(0, 9)}%"
        for _ in range(3)
    )
    return "service,p95_ms,error_rate\n" + rows


def _neg_ticket(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Ticket #{rng.randint(10000, 99999)}: user cannot reset password, reset link "
            f"expired. Sent a new link.",
            f"Ticket #{rng.randint(10000, 99999)}: Kunde hat sein Passwort vergessen - Link "
            f"zum Zurücksetzen verschickt.",
            f"Ticket #{rng.randint(10000, 99999)}: le client a changé son mot de passe, "
            f"problème résolu.",
            f"Ticket #{rng.randint(10000, 99999)}: API key rotated by the customer; old one "
            f"revoked.",
        )
    )


def _neg_sql(rng: random.Random) -> str:
    return (
        rng.choice(  # noqa: S608 (a text, never run)
            (
                "ALTER USER app WITH PASSWORD :'new_password';",
                "UPDATE users SET password_hash = crypt(:pw, gen_salt('bf')) WHERE id = :id;",
                "SELECT id, token_expires_at FROM sessions WHERE revoked = false LIMIT 50;",
            )
        )
        + f"\n-- {rng.choice(('migration', 'ad hoc', 'reviewed'))} {rng.randint(10, 99)}"
    )


def _neg_cron(rng: random.Random) -> str:
    return (
        f"{rng.randint(0, 59)} {rng.randint(0, 23)} * * {rng.randint(0, 6)} "
        f"/usr/local/bin/rotate-tokens --dry-run >> /var/log/rotate.log 2>&1"
    )


def _neg_example_jwt_shape(rng: random.Random) -> str:
    return rng.choice(
        (
            "A JWT has three parts: header.payload.signature, each base64url encoded.",
            "Authorization: Bearer <access_token>",
            "Use `Authorization: Basic base64(username:password)` for the legacy endpoint.",
        )
    ) + rng.choice(("", " See RFC 7519.", " (docs)"))


NEGATIVE: tuple[Text, ...] = (
    _neg_placeholder_env, _neg_env_reference, _neg_vault_ref, _neg_empty, _neg_var_names,
    _neg_redacted, _neg_prose, _neg_sha, _neg_git, _neg_uuid, _neg_ipv6, _neg_ports_versions,
    _neg_dates, _neg_b64_data, _neg_paths, _neg_css, _neg_minified, _neg_regex,
    _neg_public_key, _neg_k8s_redacted, _neg_tf_sensitive, _neg_integrity, _neg_docs_example,
    _neg_build, _neg_gradle_android, _neg_plist_harmless, _neg_password_policy_json,
    _neg_http_log, _neg_cookie_harmless, _neg_har_harmless, _neg_stack_trace,
    _neg_foreign_config_comment, _neg_random_ids, _neg_csv_numbers, _neg_ticket, _neg_sql,
    _neg_cron, _neg_example_jwt_shape,
)  # fmt: skip


# --- pii -------------------------------------------------------------------------------------

FIRST = (
    "Marisol", "Tobias", "Priya", "Kwame", "Ingrid", "Mateo", "Yuki", "Aleksandra", "Rafael",
    "Siobhan", "Henrik", "Amara", "Lucía", "Dmitri", "Leonie", "Thiago", "Noor", "Camille",
)  # fmt: skip
LAST = (
    "Achterberg", "Lindqvist", "Raghunathan", "Mensah", "Okonkwo", "Castellanos", "Nakamura",
    "Wiśniewska", "Brennan", "Hartmann", "Delacroix", "Fitzgerald", "Moreau", "Vasquez",
    "Kowalczyk", "Haugland", "Ferreira", "Abernathy",
)  # fmt: skip
MAIL_DOMAINS = (
    "brightmoor.co.uk",
    "kestrel-logistics.de",
    "veldhuis-bouw.nl",
    "tallyworks.com",
    "correo-sur.es",
)
PHONE_REGIONS = ("US", "US", "US", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "JP", "AU", "IN")
IBAN_EXTRA = ("AT", "BE", "CH", "IT", "PL")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _email(rng: random.Random) -> str:
    local = rng.choice(
        (
            lambda: f"{rng.choice(FIRST).lower()[0]}.{rng.choice(LAST).lower()}",
            lambda: (
                f"{rng.choice(('ap', 'billing', 'orders', 'claims', 'hr-ops'))}{rng.randint(1, 99)}"
            ),
            lambda: (
                f"{rng.choice(('kanga', 'blue.otter', 'mtrx', 'nightowl'))}{rng.randint(70, 99)}"
            ),
        )
    )()
    local = local.replace("ś", "s").replace("í", "i")
    return f"{local}@{rng.choice(MAIL_DOMAINS)}"


def _phone(rng: random.Random) -> str:
    region = rng.choice(PHONE_REGIONS)
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    while True:
        if region == "US":
            area = rng.choice((212, 312, 415, 617, 206, 303, 512, 404, 305, 702, 614, 919))
            digits = f"{area}{rng.randint(2, 9)}{_chars(rng, DIGITS, 2)}{_chars(rng, DIGITS, 4)}"
        else:
            keep = max(2, len(national) - 6)
            digits = national[:keep] + _chars(rng, DIGITS, len(national) - keep)
        number = phonenumbers.parse(digits, region)
        if phonenumbers.is_valid_number(number) and "555" not in digits[3:6]:
            break
    if region == "US" and rng.random() < 0.75:
        national_text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
        return rng.choice((national_text, national_text.replace("(", "").replace(") ", "-")))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _belgian_bban(rng: random.Random) -> str:
    """Belgian accounts carry their own mod-97 check in the last two digits."""
    account = _chars(rng, DIGITS, 10)
    check = int(account) % 97 or 97
    return f"{account}{check:02d}"


def _iban_any(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return iban(rng)
    country = rng.choice(IBAN_EXTRA)
    bban = {
        "IT": lambda: rng.choice(UPPER) + _chars(rng, DIGITS, 10) + _chars(rng, DIGITS, 12),
        "BE": lambda: _belgian_bban(rng),
        "PL": lambda: _chars(rng, DIGITS, 24),
        "AT": lambda: _chars(rng, DIGITS, 16),
        "CH": lambda: _chars(rng, DIGITS, 17),
    }[country]()
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    value = f"{country}{98 - int(numeric) % 97:02d}{bban}"
    if rng.random() < 0.5:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def _ip(rng: random.Random) -> str:
    first = rng.choice((23, 34, 45, 52, 62, 78, 81, 91, 104, 141, 151, 176, 185, 188, 212))
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


PII_TEMPLATES: dict[str, tuple[str, Text, tuple[tuple[str, str], ...]]] = {
    "person": (
        "PERSON",
        _person,
        (
            ("Customer ", " called twice about the missing refund; please prioritise."),
            ("Escalation: ", " from the finance team says invoice approval is blocked."),
            ("Der Kunde ", " hat sich über die verspätete Lieferung beschwert."),
            ("La cliente ", " solicita la devolución del pedido."),
            ("Le client ", " demande un avoir pour la facture de mars."),
            ("O cliente ", " pediu o reembolso do pedido."),
            ("Incident reporter: ", "\nSeverity: medium\nComponent: checkout"),
            ("Approved by ", " on behalf of procurement."),
            ("Please add ", " to the on-call rotation starting Monday."),
        ),
    ),
    "email": (
        "EMAIL_ADDRESS",
        _email,
        (
            ("Please send the signed contract to ", " by Friday."),
            ("Bounce: delivery to <", "> failed (mailbox full)."),
            ("Bitte die Rechnung an ", " schicken."),
            ("Merci d'écrire à ", " pour le suivi du dossier."),
            ("reply-to: ", "\nsubject: Re: order delayed"),
            ("export row: 2024-03-02,", ",newsletter,opt-in"),
            ("Por favor, contacta con ", " para el reembolso."),
            ("The customer's login e-mail is ", ", account locked after 5 attempts."),
            ("For HAR capture, the account used was ", "."),
        ),
    ),
    "phone": (
        "PHONE_NUMBER",
        _phone,
        (
            ("Caller asked us to ring back on ", " after 3pm."),
            ("Delivery contact number: ", "\nLeave at the back door."),
            ("Rückrufnummer: ", " (nur vormittags)"),
            ("Numéro de rappel : ", ", merci."),
            ("Teléfono de contacto: ", "."),
            ("Telefone para contato: ", "."),
            ("Emergency on-call phone: ", "\nEscalate after 10 minutes."),
            ("連絡先の電話番号: ", " までお願いします。"),
            ("CSV: ticket_id,phone\n48213,", ""),
        ),
    ),
    "credit_card": (
        "CREDIT_CARD",
        credit_card,
        (
            ("Customer read out the card number ", " over chat - please purge the transcript."),
            ("payment failed for card ", " (do not honour)."),
            ("Kartennummer: ", "\nGültig bis: 08/27"),
            ("Numéro de carte : ", " - paiement refusé."),
            ("Número de tarjeta: ", "."),
            ("refund_export.csv\norder,card,amount\nSO-1182,", ",49.90"),
            ("The screenshot shows card ", " in the payment form."),
            ("Support note: card on file ", " needs to be replaced."),
        ),
    ),
    "us_ssn": (
        "US_SSN",
        us_ssn,
        (
            ("New hire onboarding form - SSN: ", "\nStart date: next Monday."),
            ("Employee's social security number is ", ", please update payroll."),
            ("W-4 attached, SSN ", " on page 1."),
            ("hr_export.csv\nemployee_id,ssn,dept\nE-2041,", ",Logistics"),
            ("Please verify SSN ", " against the I-9."),
            ("The background-check vendor needs the SSN ", " today."),
            ("Ticket: payroll mismatch for SSN ", "."),
            ("Benefits enrollment: SSN ", " - dependent coverage added."),
        ),
    ),
    "iban": (
        "IBAN_CODE",
        _iban_any,
        (
            ("Bitte überweisen Sie den Betrag auf IBAN ", "."),
            ("Please update the supplier's bank details: IBAN ", "\nEffective next payment run."),
            ("Veuillez effectuer le virement sur l'IBAN ", " avant le 15."),
            ("Datos bancarios para el reembolso: IBAN ", "."),
            ("Invoice footer: IBAN ", " | Payment terms 30 days"),
            ("supplier_master.csv\nsupplier_id,iban,currency\nS-0931,", ",EUR"),
            ("Gelieve te betalen op rekening ", "."),
            ("Coordinate bancarie: IBAN ", "."),
        ),
    ),
    "ip_address": (
        "IP_ADDRESS",
        _ip,
        (
            ("Suspicious login from ", " at 03:12 UTC, MFA denied."),
            ("Blocked source address: ", "\nRule: brute-force"),
            ("Der Angriff kam von der Adresse ", "."),
            ("L'adresse source était ", " selon le pare-feu."),
            ("access log: ", ' - - "POST /login HTTP/1.1" 401 512'),
            ("La dirección IP del cliente es ", "."),
            ("Please whitelist ", " for the partner SFTP."),
            ("HAR: remoteAddress ", ":443"),
        ),
    ),
}


# --- pii look-alikes -------------------------------------------------------------------------

MONTHS = ("January", "March", "April", "June", "September", "October", "November", "December")
PRODUCTS = (
    "Standing Desk Pro",
    "Cloud Backup Plus",
    "Label Printer LX",
    "Smart Scale S2",
    "Ergo Chair Mesh",
)
TEAMS = (
    "Customer Success",
    "Revenue Operations",
    "Platform Team",
    "Fulfilment",
    "Accounts Payable",
)
TITLES = (
    "Senior Account Executive",
    "Head of Operations",
    "Product Owner",
    "Warehouse Supervisor",
    "Staff Engineer",
)


def _amount(rng: random.Random) -> str:
    return f"{rng.randint(1, 9)},{rng.randint(100, 999)}.{rng.randint(10, 99)}"


def _pn_invoice(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Invoice INV-{rng.randint(2023, 2025)}-{rng.randint(1000, 9999)} for "
            f"{rng.choice(PRODUCTS)}: {_amount(rng)} EUR, due in 30 days.",
            f"Rechnung RE-{rng.randint(1000, 9999)}/{rng.randint(23, 25)} über {_amount(rng)} "
            f"EUR ist noch offen.",
            f"Facture F{rng.randint(100, 999)}-{rng.choice(UPPER)}{rng.randint(10, 99)} : "
            f"montant {_amount(rng)} EUR TTC.",
            f"Factura n.º {rng.randint(100, 999)}/{rng.randint(23, 25)} pendiente de pago: "
            f"{_amount(rng)} EUR.",
        )
    )


def _pn_order(rng: random.Random) -> str:
    return (
        f"Order SO-{_chars(rng, UPNUM, 6)} ({rng.randint(2, 9)} items, {rng.choice(PRODUCTS)}) "
        f"moved to status PICKED at {rng.randint(10, 23)}:{rng.randint(10, 59)}."
    )


def _pn_tracking(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Tracking: 1Z{_chars(rng, UPNUM, 6)}{_chars(rng, UPPER, 2)}{_chars(rng, UPNUM, 8)} "
            f"- in transit, ETA {rng.randint(2, 5)} days.",
            "Sendungsnummer "
            f"JJD{_chars(rng, UPNUM, 6)}{_chars(rng, UPPER, 3)}{_chars(rng, UPNUM, 4)} wurde "
            "zugestellt.",
            "Numéro de suivi "
            f"{_chars(rng, UPPER, 2)}{_chars(rng, UPNUM, 5)}{_chars(rng, UPPER, 3)} : colis en "
            "cours d'acheminement.",
        )
    )


def _pn_version(rng: random.Random) -> str:
    return (
        f"Release {rng.randint(1, 9)}.{rng.randint(0, 40)}.{rng.randint(0, 20)} (build "
        f"{rng.randint(100, 9999)}) ships the new {rng.choice(PRODUCTS)} firmware."
    )


def _pn_timestamp(rng: random.Random) -> str:
    return (
        "Last sync: "
        f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
        f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z, next run in {rng.randint(5, 60)} "
        "min."
    )


def _pn_team(rng: random.Random) -> str:
    return (
        f"{rng.choice(TEAMS)} owns the {rng.choice(PRODUCTS)} roadmap; the "
        f"{rng.choice(TITLES)} signs off on Q{rng.randint(1, 4)} pricing."
    )


def _pn_sku_table(rng: random.Random) -> str:
    rows = "\n".join(
        f"{_chars(rng, UPPER, 3)}-{rng.randint(100, 999)}-{rng.choice(('BLK', 'WHT', 'GRY'))} "
        f"| {rng.randint(1, 400)} | {rng.randint(5, 999)}.{rng.randint(10, 99)}"
        for _ in range(3)
    )
    return "SKU | qty | unit price\n" + rows


def _pn_isbn(rng: random.Random) -> str:
    body = "978" + _chars(rng, DIGITS, 9)
    check = (10 - sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body)) % 10) % 10
    isbn = f"{body[:3]}-{body[3]}-{body[4:7]}-{body[7:12]}-{check}"
    return rng.choice(
        (
            f"Catalogue entry: ISBN {isbn}, paperback, 312 pages.",
            f"Bestellt: ISBN {isbn}, Lieferzeit 3 Werktage.",
        )
    )


def _pn_css(rng: random.Random) -> str:
    return (
        f":root {{ --brand: #{_chars(rng, HEX, 6)}; --accent: #{_chars(rng, HEX, 6)}; --radius: "
        f"{rng.randint(2, 12)}px; }}"
    )


def _pn_code(rng: random.Random) -> str:
    return rng.choice(
        (
            f"for i in range({rng.randint(2, 50)}):\n    total += prices[i] * qty[i]",
            f"SELECT sku, SUM(qty) FROM order_lines WHERE created_at > now() - interval "  # noqa: S608
            f"'{rng.randint(2, 30)} days' GROUP BY sku;",
            f"const retryDelays = [{rng.randint(100, 300)}, {rng.randint(400, 800)}, "
            f"{rng.randint(1000, 3000)}];",
        )
    )


def _pn_numbers_table(rng: random.Random) -> str:
    rows = "\n".join(
        f"W{rng.randint(10, 52)} | {rng.randint(100, 999)} | "
        f"{rng.randint(10, 99)}.{rng.randint(0, 9)}% | {_amount(rng)}"
        for _ in range(4)
    )
    return "week | orders | return rate | revenue\n" + rows


def _pn_foreign(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Die Lieferung mit Bestellnummer B-{_chars(rng, UPNUM, 5)} ist vollständig "
            f"eingegangen.",
            f"La mise à jour {rng.randint(2, 9)}.{rng.randint(0, 9)} corrige le calcul de la TVA.",
            f"El inventario del trimestre {rng.randint(1, 4)} cerró sin diferencias.",
            f"O pedido {_chars(rng, UPNUM, 6)} foi faturado e aguarda coleta.",
            f"L'ordine {_chars(rng, UPNUM, 6)} è in preparazione.",
            f"注文 {_chars(rng, UPNUM, 6)} は発送準備中です。",
            f"Zamówienie {_chars(rng, UPNUM, 6)} zostało wysłane.",
            f"De factuur voor kwartaal {rng.randint(1, 4)} is goedgekeurd.",
        )
    )


def _pn_capitalised(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Dark Mode, Smart Reorder and Bulk Export are the top requests from "
            f"{rng.choice(TEAMS)} this quarter.",
            f"The {rng.choice(TITLES)} role reports to the Head of Operations.",
            f"Migration Plan: Phase Two starts after Code Freeze; owner is the "
            f"{rng.choice(TEAMS)} group.",
            f"New Feature Flags: Express Checkout, Saved Carts, Gift Wrap ({rng.randint(2, 9)} "
            f"flags total).",
        )
    )


def _pn_amounts(rng: random.Random) -> str:
    return (
        f"Credit note CN-{rng.randint(100, 999)} reverses {_amount(rng)} EUR; VAT "
        f"{rng.choice((7, 19, 20, 21))}% included; paid on day {rng.randint(1, 28)} of "
        f"{rng.choice(MONTHS)}."
    )


def _pn_account_like(rng: random.Random) -> str:
    return rng.choice(
        (
            f"Cost centre CC-{rng.randint(1000, 9999)}-{_chars(rng, UPPER, 2)}, GL account "
            f"{rng.randint(4000, 4999)}.",
            f"Customer number K-{_chars(rng, UPNUM, 5)} has {rng.randint(2, 40)} open orders.",
            f"Ledger batch {_chars(rng, UPPER, 3)}{rng.randint(100, 999)} posted with "
            f"{rng.randint(10, 90)} lines.",
        )
    )


def _pn_email_thread_no_pii(rng: random.Random) -> str:
    return (
        f"Subject: Re: Q{rng.randint(1, 4)} price list\n\nHi all,\nattached is version "
        f"{rng.randint(2, 9)} of the price list. "
        f"{rng.choice(PRODUCTS)} goes up by {rng.randint(2, 9)}%.\n\nBest,\n{rng.choice(TEAMS)}"
    )


def _pn_csv_export(rng: random.Random) -> str:
    rows = "\n".join(
        f"{_chars(rng, UPNUM, 8)},{rng.choice(('OPEN', 'PAID', 'VOID'))},{_amount(rng)},"
        f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
        for _ in range(3)
    )
    return "invoice_ref,status,amount,due\n" + rows


def _pn_mobile_config(rng: random.Random) -> str:
    return (
        f'<string name="app_name">{rng.choice(PRODUCTS)}</string>\n<integer '
        f'name="max_retries">{rng.randint(2, 6)}</integer>\n'
        f'<color name="primary">#{_chars(rng, HEX, 6)}</color>'
    )


def _pn_screen(rng: random.Random) -> str:
    return (
        "[transcribed from screenshot]\nDashboard - Fulfilment\n"
        f"Orders today: {rng.randint(100, 999)}   Late: {rng.randint(0, 30)}   On time: "
        f"{rng.randint(80, 99)}.{rng.randint(0, 9)}%\n"
        f"Top item: {rng.choice(PRODUCTS)}"
    )


def _pn_dev_tools(rng: random.Random) -> str:
    return (
        f"Status Code: {rng.choice((200, 201, 304))}\ncontent-length: {rng.randint(200, 9999)}\n"
        f"x-ratelimit-remaining: {rng.randint(1, 999)}\nx-build: "
        f"{rng.randint(1, 9)}.{rng.randint(0, 99)}.{rng.randint(0, 9)}"
    )


def _pn_dates(rng: random.Random) -> str:
    return (
        f"Renewal window: {rng.randint(1, 28)} {rng.choice(MONTHS)} - {rng.randint(1, 28)} "
        f"{rng.choice(MONTHS)}, notice period {rng.randint(30, 90)} days."
    )


def _pn_pallets(rng: random.Random) -> str:
    return (
        f"Pallet P-{_chars(rng, UPNUM, 4)}: {rng.randint(10, 60)} cartons, "
        f"{rng.randint(100, 900)} kg, dock door {rng.randint(1, 20)}, slot "
        f"{_chars(rng, UPPER, 1)}{rng.randint(1, 40)}."
    )


PII_NEGATIVE: tuple[Text, ...] = (
    _pn_invoice, _pn_order, _pn_tracking, _pn_version, _pn_timestamp, _pn_team, _pn_sku_table,
    _pn_isbn, _pn_css, _pn_code, _pn_numbers_table, _pn_foreign, _pn_capitalised, _pn_amounts,
    _pn_account_like, _pn_email_thread_no_pii, _pn_csv_export, _pn_mobile_config, _pn_screen,
    _pn_dev_tools, _pn_dates, _pn_pallets,
)  # fmt: skip


# --- guards and assembly ---------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_QUAD = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_LONG_DIGITS = re.compile(r"\d(?:[ -]?\d){12,18}")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _lookalike_free(text: str) -> bool:
    """True when a harmless text holds no e-mail, IPv4, SSN, card-like run or phone number."""
    if _EMAIL.search(text) or _QUAD.search(text) or _SSN.search(text):
        return False
    if any(_luhn_ok(re.sub(r"\D", "", run)) for run in _LONG_DIGITS.findall(text)):
        return False
    return not any(
        any(True for _ in phonenumbers.PhoneNumberMatcher(text, r)) for r in ("US", "GB")
    )


def _harmless(rng: random.Random, build: Text) -> str:
    for _ in range(50):
        text = build(rng)
        if _lookalike_free(text):
            return text
    raise AssertionError(build.__name__)


def _distinct(
    rng: random.Random, build: Callable[[random.Random], Segments], seen: set[str]
) -> Segments:
    for _ in range(50):
        segments = build(rng)
        text = "".join(piece for piece, _ in segments)
        if text not in seen:
            seen.add(text)
            return segments
    raise AssertionError("could not draw a new text")


def _literal(rng: random.Random, seen: set[str]) -> list[Case]:
    cases = []
    for index in range(SIZES["literal"]):
        build = LITERAL[index % len(LITERAL)]
        text, spans = _join(_noted(rng, _distinct(rng, build, seen)))
        cases.append(Case(build.__name__.removeprefix("_lit_"), "literal", text, spans))
    return cases


def _generated(rng: random.Random, seen: set[str]) -> list[Case]:
    families = sorted(VENDORS)
    size = SIZES["generated"]
    order = rng.sample(families, min(size, len(families)))
    order += rng.choices(families, k=size - len(order))
    rng.shuffle(order)
    values: set[str] = set()
    cases = []
    for family in order:
        var, token = VENDORS[family]
        value = token(rng)
        while value in values:
            value = token(rng)
        values.add(value)
        context = rng.choice(CONTEXTS)

        def build(r: random.Random, c: Context = context, k: str = var, v: str = value) -> Segments:
            return c(r, k, v)

        text, spans = _join(_noted(rng, _distinct(rng, build, seen)))
        cases.append(Case(family, "generated", text, spans))
    return cases


def _negative(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    seen: set[str] = set()
    for index in range(SIZES["negative"]):
        build = NEGATIVE[index % len(NEGATIVE)]
        text = _harmless(rng, build)
        for _ in range(20):
            if text not in seen:
                break
            text = _harmless(rng, build)
        seen.add(text)
        text, _ = _join(_noted(rng, [(text, None)]))
        family = build.__name__.removeprefix("_neg_")
        cases.append(Case(family, "negative", text, harmless=True))
    return cases


def _pii(rng: random.Random, seen: set[str]) -> list[Case]:
    families = list(PII_TEMPLATES)
    cases = []
    for index in range(SIZES["pii"]):
        family = families[index % len(families)]
        label, value_of, templates = PII_TEMPLATES[family]
        head, tail = templates[(index // len(families)) % len(templates)]

        def build(
            r: random.Random, h: str = head, t: str = tail, of: Text = value_of, lab: str = label
        ) -> Segments:
            return [(h, None), (of(r), lab), (t, None)]

        text, spans = _join(_distinct(rng, build, seen))
        cases.append(Case(family, "pii", text, spans))
    return cases


def _pii_negative(rng: random.Random) -> list[Case]:
    cases = []
    for index in range(SIZES["pii_negative"]):
        build = PII_NEGATIVE[index % len(PII_NEGATIVE)]
        text, _ = _join(_noted(rng, [(_harmless(rng, build), None)]))
        cases.append(Case(build.__name__.removeprefix("_pn_"), "pii_negative", text, harmless=True))
    return cases


def round12_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """All round-12 cases, deterministic per seed."""
    rng = random.Random(seed)
    seen: set[str] = set()
    return (
        _literal(rng, seen)
        + _generated(rng, seen)
        + _negative(rng)
        + _pii(rng, seen)
        + _pii_negative(rng)
    )
