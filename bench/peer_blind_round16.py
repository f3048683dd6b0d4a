"""Blind peer round 16: credentials and PII as people paste them, written without the detector.

Written blind by "blind16": the author never read the detector's code, its tests, its notes or
the other rounds, and the cases were frozen before the detector ran on them even once. The
families, formats and tricky negatives follow the public suites: gitleaks' rule definitions
(``cmd/generate/config/rules``, true and false positives), trufflehog's detector tests
(``pkg/detectors/*``), detect-secrets' plugin tests, Nosey Parker and Kingfisher rule examples,
secretlint's rule tests, GitGuardian's detector docs, and Presidio's analyzer recognizer tests.
Nothing is copied from them: every key-shaped value is generated at run time from the shape
its vendor documents (prefix, alphabet, length, checksum), so this file holds no credential.

Emphasis of this round: command lines of database and messaging clients (psql, mysql, sqlcmd,
sqlplus, cqlsh, mongosh, redis-cli, mosquitto, kafka tools, rabbitmqadmin, ldap tools,
ftp/sftp/scp, rsync, git remotes, package managers' auth files) and app configs; many less
famous vendors; names from many countries in work messages; look-alikes that open or close
with a phrase in another language around English technical content.

``round16_cases(seed)`` is deterministic per seed: one ``random.Random`` feeds every builder.
"""

# ruff: noqa: RUF001 (texts in other scripts use their own punctuation and letters)

from __future__ import annotations

import json
import random
import unicodedata
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

HOSTS = ("db-primary.internal", "pg.staging.corp", "mq-01.ops.lan", "sql01.prod.lan", "localhost")
USERS = ("app_rw", "svc_reports", "deploy", "admin", "etl_loader", "backend", "ci-bot")
WORDS = ("Harbor", "Lantern", "Copper", "Willow", "Nimbus", "Saffron", "Glacier", "Pepper")
OPENERS = (
    "can you tell me why this fails?",
    "this worked yesterday, now it errors:",
    "quick one, what's wrong here",
    "pasting my config below",
    "getting a timeout with this:",
    "here is what I ran",
    "help me convert this to docker compose",
    "why does this hang?",
)
FOREIGN_OPENERS = (
    "¿Me ayudas con esto?",
    "Bonjour, une question rapide :",
    "Hallo, kurze Frage:",
    "Olá, pode me ajudar?",
    "すみません、これを見てください：",
    "请帮我看看这个配置：",
    "Привет, помоги с конфигом:",
    "Ciao, perché non funziona?",
    "Cześć, pomożesz?",
)
FOREIGN_CLOSERS = (
    "Danke!",
    "Merci beaucoup !",
    "よろしく",
    "Gracias de antemano.",
    "谢谢！",
    "Obrigado!",
    "Grazie mille.",
    "Спасибо!",
    "Dziękuję!",
    "감사합니다",
)


def _password(rng: random.Random) -> str:
    """A chosen password: a word, a symbol, digits and letters; ends on a letter or digit."""
    word = rng.choice((*WORDS, "Tango", "Ribbon", "Maple", "Falcon", "Orchid", "Basalt"))
    symbol = rng.choice("!#%*^~$")
    return f"{word}{symbol}{rng.randint(10, 99999)}{_chars(rng, ALNUM, rng.randint(2, 5))}"


def _url_password(rng: random.Random) -> str:
    """A password safe inside a URL's userinfo: letters, digits, ``-_.~``."""
    core = _chars(rng, ALNUM, rng.randint(10, 18))
    return core[:4] + rng.choice("-_.~") + core[4:]


def _opaque(rng: random.Random, low: int = 28, high: int = 44) -> str:
    return _chars(rng, ALNUM, rng.randint(low, high))


def _open(rng: random.Random) -> str:
    pool = FOREIGN_OPENERS if rng.random() < 0.3 else OPENERS
    return rng.choice(pool) + "\n"


def _pem(rng: random.Random) -> str:
    kind = rng.choice(("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"))
    body = _b64(rng.randbytes(rng.choice((120, 180, 240, 300))))
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {kind}-----\n" + "\n".join(lines) + f"\n-----END {kind}-----"


def _jwt(rng: random.Random) -> str:
    header = _b64url(json.dumps({"alg": rng.choice(("HS256", "RS256")), "typ": "JWT"}).encode())
    claims = {"sub": _uuid(rng), "iat": rng.randint(1_700_000_000, 1_760_000_000)}
    claims["scope"] = rng.choice(("read:orders", "admin", "api"))
    payload = _b64url(json.dumps(claims).encode())
    return f"{header}.{payload}.{_b64url(rng.randbytes(32))}"


# --- literal: credentials in the contexts people paste ------------------------------------


def _lit_env(rng: random.Random) -> Segments:
    key = rng.choice(("DB_PASSWORD", "POSTGRES_PASSWORD", "MYSQL_ROOT_PASSWORD", "SMTP_PASSWORD"))
    return [
        (f"{_open(rng)}# .env\nAPP_ENV=staging\nDB_HOST={rng.choice(HOSTS)}\n{key}=", None),
        (_password(rng), SECRET),
        ("\nLOG_LEVEL=debug\n", None),
    ]


def _lit_yaml(rng: random.Random) -> Segments:
    return [
        (
            f"{_open(rng)}spring:\n  datasource:\n    url: jdbc:postgresql://"
            f"{rng.choice(HOSTS)}:5432/orders\n    username: {rng.choice(USERS)}\n"
            "    password: ",
            None,
        ),
        (_password(rng), SECRET),
        ("\n", None),
    ]


def _lit_json(rng: random.Random) -> Segments:
    key = rng.choice(("client_secret", "clientSecret", "api_key", "apiSecret", "secret_key"))
    return [
        (f'{_open(rng)}{{\n  "client_id": "{_uuid(rng)}",\n  "{key}": "', None),
        (_opaque(rng), SECRET),
        ('",\n  "redirect_uri": "https://app.local/cb"\n}', None),
    ]


def _lit_psql_uri(rng: random.Random) -> Segments:
    user = rng.choice(USERS)
    return [
        (f'$ psql "postgresql://{user}:', None),
        (_url_password(rng), SECRET),
        (
            f'@{rng.choice(HOSTS)}:5432/analytics?sslmode=require"\n'
            "psql: error: connection to server failed: timeout",
            None,
        ),
    ]


def _lit_pgpassword(rng: random.Random) -> Segments:
    return [
        (f"{_open(rng)}PGPASSWORD=", None),
        (_password(rng), SECRET),
        (f" psql -h {rng.choice(HOSTS)} -U {rng.choice(USERS)} -d billing -c 'select 1'", None),
    ]


def _lit_mysql(rng: random.Random) -> Segments:
    flag = rng.choice(("--password=", "-p'"))
    tail = "'" if flag.endswith("'") else ""
    return [
        (f"mysql -h {rng.choice(HOSTS)} -u {rng.choice(USERS)} {flag}", None),
        (_password(rng), SECRET),
        (f"{tail} shop < dump.sql\nERROR 2003 (HY000)", None),
    ]


def _lit_sqlcmd(rng: random.Random) -> Segments:
    return [
        (f'{_open(rng)}sqlcmd -S {rng.choice(HOSTS)},1433 -U sa -P "', None),
        (_password(rng), SECRET),
        ('" -Q "SELECT @@VERSION"', None),
    ]


def _lit_sqlplus(rng: random.Random) -> Segments:
    return [
        (f"sqlplus {rng.choice(USERS)}/", None),
        (_url_password(rng), SECRET),
        (f"@//{rng.choice(HOSTS)}:1521/ORCLPDB1\nORA-12541: TNS:no listener", None),
    ]


def _lit_cqlsh(rng: random.Random) -> Segments:
    return [
        (f"cqlsh {rng.choice(HOSTS)} 9042 -u cassandra -p ", None),
        (_password(rng), SECRET),
        ("\nConnection error: ('Unable to connect to any servers')", None),
    ]


def _lit_mongosh(rng: random.Random) -> Segments:
    return [
        (f'{_open(rng)}mongosh "mongodb+srv://{rng.choice(USERS)}:', None),
        (_url_password(rng), SECRET),
        ('@cluster0.ab12cd.mongodb.net/inventory" --apiVersion 1', None),
    ]


def _lit_redis(rng: random.Random) -> Segments:
    if rng.random() < 0.5:
        return [
            (f"redis-cli -h {rng.choice(HOSTS)} -p 6380 --tls -a ", None),
            (_password(rng), SECRET),
            (" INFO replication", None),
        ]
    return [
        ("REDIS_URL=redis://default:", None),
        (_url_password(rng), SECRET),
        (f"@{rng.choice(HOSTS)}:6379/0\n", None),
    ]


def _lit_mosquitto(rng: random.Random) -> Segments:
    return [
        (f"mosquitto_pub -h broker.plant.local -p 8883 -u sensor{rng.randint(1, 99)} -P ", None),
        (_password(rng), SECRET),
        (" -t 'line/3/temp' -m 21.5", None),
    ]


def _lit_kafka(rng: random.Random) -> Segments:
    return [
        (
            "# client.properties for kafka-console-producer\nsecurity.protocol=SASL_SSL\n"
            "sasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain."
            f'PlainLoginModule required username="{rng.choice(USERS)}" password="',
            None,
        ),
        (_password(rng), SECRET),
        ('";\n', None),
    ]


def _lit_kcat(rng: random.Random) -> Segments:
    return [
        (
            f"kcat -b {rng.choice(HOSTS)}:9093 -X security.protocol=SASL_SSL "
            "-X sasl.mechanisms=SCRAM-SHA-512 -X sasl.username=events -X sasl.password=",
            None,
        ),
        (_password(rng), SECRET),
        (" -t orders -C -o -5", None),
    ]


def _lit_rabbit(rng: random.Random) -> Segments:
    if rng.random() < 0.5:
        return [
            (f"rabbitmqadmin -H {rng.choice(HOSTS)} -u admin -p ", None),
            (_password(rng), SECRET),
            (" list queues name messages", None),
        ]
    return [
        ("CELERY_BROKER_URL=amqp://worker:", None),
        (_url_password(rng), SECRET),
        (f"@{rng.choice(HOSTS)}:5672/jobs\n", None),
    ]


def _lit_ldap(rng: random.Random) -> Segments:
    tool = rng.choice(("ldapsearch", "ldapmodify", "ldapwhoami"))
    return [
        (
            f'{tool} -x -H ldaps://ldap.corp.local -D "cn=svc-sync,ou=services,dc=corp,'
            'dc=local" -w ',
            None,
        ),
        (_password(rng), SECRET),
        (' -b "dc=corp,dc=local"', None),
    ]


def _lit_ftp(rng: random.Random) -> Segments:
    choice = rng.randrange(3)
    if choice == 0:
        return [
            ("lftp -u uploader,", None),
            (_password(rng), SECRET),
            (" sftp://files.vendor.local -e 'put report.csv; bye'", None),
        ]
    if choice == 1:
        return [
            ("curl -T backup.tar.gz ftp://backup:", None),
            (_url_password(rng), SECRET),
            ("@ftp.archive.local/incoming/", None),
        ]
    return [
        ("sshpass -p '", None),
        (_password(rng), SECRET),
        ("' scp -P 2222 build.zip deploy@staging-web:/srv/releases/", None),
    ]


def _lit_rsync(rng: random.Random) -> Segments:
    return [
        ("RSYNC_PASSWORD=", None),
        (_password(rng), SECRET),
        (" rsync -avz --delete ./dist/ rsync://mirror@mirror.local/site/", None),
    ]


def _lit_git_remote(rng: random.Random) -> Segments:
    host = rng.choice(("git.corp.local", "gitea.internal", "bitbucket.org"))
    return [
        ("$ git remote -v\norigin  https://build-bot:", None),
        (_opaque(rng, 32, 40), SECRET),
        (f"@{host}/platform/api.git (fetch)", None),
    ]


def _lit_npmrc(rng: random.Random) -> Segments:
    if rng.random() < 0.5:
        user = rng.choice(USERS)
        return [
            ("# ~/.npmrc\nregistry=https://npm.corp.local/\n//npm.corp.local/:_auth=", None),
            (_b64(f"{user}:{_password(rng)}".encode()), SECRET),
            ("\nalways-auth=true\n", None),
        ]
    return [
        ("//npm.corp.local/repository/npm/:_authToken=", None),
        (_uuid(rng), SECRET),
        ("\n", None),
    ]


def _lit_pip(rng: random.Random) -> Segments:
    if rng.random() < 0.5:
        return [
            ("[global]\nindex-url = https://ci:", None),
            (_url_password(rng), SECRET),
            ("@pypi.corp.local/simple\n", None),
        ]
    return [
        (
            "# ~/.pypirc\n[distutils]\nindex-servers = internal\n\n[internal]\n"
            "repository = https://pypi.corp.local/\nusername = release\npassword = ",
            None,
        ),
        (_password(rng), SECRET),
        ("\n", None),
    ]


def _lit_maven(rng: random.Random) -> Segments:
    return [
        (
            "<servers>\n  <server>\n    <id>nexus-releases</id>\n    <username>deployer"
            "</username>\n    <password>",
            None,
        ),
        (_password(rng), SECRET),
        ("</password>\n  </server>\n</servers>", None),
    ]


def _lit_docker(rng: random.Random) -> Segments:
    if rng.random() < 0.5:
        return [
            ("docker run -d --name pg -e POSTGRES_USER=app -e POSTGRES_PASSWORD=", None),
            (_password(rng), SECRET),
            (" -p 5432:5432 postgres:16", None),
        ]
    return [
        ("docker login registry.corp.local -u ci -p ", None),
        (_opaque(rng), SECRET),
        ("\nWARNING! Using --password via the CLI is insecure.", None),
    ]


def _lit_curl_basic(rng: random.Random) -> Segments:
    if rng.random() < 0.5:
        return [
            (f"{_open(rng)}curl -u {rng.choice(USERS)}:", None),
            (_password(rng), SECRET),
            (" https://jira.corp.local/rest/api/2/myself", None),
        ]
    raw = f"{rng.choice(USERS)}:{_password(rng)}".encode()
    return [
        ("curl -H 'Authorization: Basic ", None),
        (_b64(raw), SECRET),
        ("' https://api.corp.local/v2/health", None),
    ]


def _lit_bearer(rng: random.Random) -> Segments:
    scheme = rng.choice(("Bearer", "Token", "token"))
    return [
        (f'{_open(rng)}curl -s -H "Authorization: {scheme} ', None),
        (_opaque(rng, 36, 48), SECRET),
        ('" https://api.vendor.local/v1/items', None),
    ]


def _lit_jwt(rng: random.Random) -> Segments:
    return [
        ("2024-11-02T08:14:55Z WARN auth middleware rejected token=", None),
        (_jwt(rng), SECRET),
        (" reason=expired path=/api/orders", None),
    ]


def _lit_pem(rng: random.Random) -> Segments:
    lead = rng.choice(
        (
            "here's the key the vendor sent, is it the right format?\n",
            "ssh keeps saying invalid format for this key:\n",
            "Ce fichier id_rsa ne marche pas :\n",
            "key.pem contents:\n",
        )
    )
    return [(lead, None), (_pem(rng), SECRET), ("\n", None)]


def _lit_aws_secret(rng: random.Random) -> Segments:
    key_id = "AKIA" + _chars(rng, BASE32, 16)
    return [
        (f"[default]\naws_access_key_id = {key_id}\naws_secret_access_key = ", None),
        (_chars(rng, B64, 40), SECRET),
        ("\nregion = eu-west-1\n", None),
    ]


def _lit_azure_storage(rng: random.Random) -> Segments:
    return [
        ("DefaultEndpointsProtocol=https;AccountName=stgreports;AccountKey=", None),
        (_b64(rng.randbytes(64)), SECRET),
        (";EndpointSuffix=core.windows.net", None),
    ]


def _lit_dotnet(rng: random.Random) -> Segments:
    return [
        (
            '"ConnectionStrings": {\n  "Default": "Server=tcp:sql-prod.database.windows.net,'
            f"1433;Database=crm;User ID={rng.choice(USERS)};Password=",
            None,
        ),
        (_password(rng), SECRET),
        (';Encrypt=True;"\n}', None),
    ]


def _lit_java(rng: random.Random) -> Segments:
    return [
        (
            'Connection conn = DriverManager.getConnection(\n    "jdbc:mysql://'
            f'{rng.choice(HOSTS)}:3306/shop", "{rng.choice(USERS)}", "',
            None,
        ),
        (_password(rng), SECRET),
        ('");', None),
    ]


def _lit_go(rng: random.Random) -> Segments:
    return [
        ('cfg := mysql.Config{\n\tUser:   "api",\n\tPasswd: "', None),
        (_password(rng), SECRET),
        ('",\n\tNet:    "tcp",\n}', None),
    ]


def _lit_php(rng: random.Random) -> Segments:
    return [
        ("define( 'DB_USER', 'wp_site' );\ndefine( 'DB_PASSWORD', '", None),
        (_password(rng), SECRET),
        ("' );\ndefine( 'DB_HOST', 'localhost' );", None),
    ]


def _lit_js(rng: random.Random) -> Segments:
    key = rng.choice(("apiKey", "API_SECRET", "secretKey", "accessToken"))
    return [
        (f"// TODO move to env\nconst {key} = '", None),
        (_opaque(rng), SECRET),
        ("';\nfetch(url, { headers: { 'x-api-key': " + key + " } });", None),
    ]


def _lit_python(rng: random.Random) -> Segments:
    return [
        (
            "import smtplib\nserver = smtplib.SMTP('smtp.corp.local', 587)\nserver.starttls()\n"
            "server.login('alerts', '",
            None,
        ),
        (_password(rng), SECRET),
        ("')", None),
    ]


def _lit_django(rng: random.Random) -> Segments:
    alphabet = LOWER + DIGITS + "!@#%^&*(-_=+)"
    value = _chars(rng, LOWER, 2) + _chars(rng, alphabet, 46) + _chars(rng, DIGITS, 2)
    return [
        ("# settings.py\nDEBUG = False\nSECRET_KEY = '", None),
        (value, SECRET),
        ("'\nALLOWED_HOSTS = ['*']", None),
    ]


def _lit_traceback(rng: random.Random) -> Segments:
    return [
        (
            'Traceback (most recent call last):\n  File "worker.py", line 41, in connect\n'
            "sqlalchemy.exc.OperationalError: (psycopg2"
            ".OperationalError) could not connect\n"
            "(Background on this error at: https://sqlalche.me/e/20/e3q8)\n"
            f"engine url: postgresql+psycopg2://{rng.choice(USERS)}:",
            None,
        ),
        (_url_password(rng), SECRET),
        (f"@{rng.choice(HOSTS)}/ledger", None),
    ]


def _lit_log(rng: random.Random) -> Segments:
    return [
        (
            f"[{rng.randint(10, 23)}:{rng.randint(10, 59)}:07] DEBUG HttpClient - POST /oauth/"
            "token grant_type=client_credentials client_id=reporting client_secret=",
            None,
        ),
        (_opaque(rng), SECRET),
        (" status=401", None),
    ]


def _lit_ticket(rng: random.Random) -> Segments:
    lead = rng.choice(
        (
            f"INC-{rng.randint(1000, 9999)}: staging admin login is admin / ",
            "Temporary password for the VPN appliance: ",
            "Ticket note: the shared service account password is ",
        )
    )
    return [(lead, None), (_password(rng), SECRET), (" (rotate after the migration)", None)]


def _lit_foreign(rng: random.Random) -> Segments:
    lead = rng.choice(
        (
            "La contraseña del servidor de pruebas es ",
            "Das Passwort für die Datenbank lautet ",
            "Le mot de passe du compte de service est ",
            "A senha do banco de homologação é ",
            "データベースのパスワードは ",
            "数据库密码是 ",
            "Пароль от тестовой базы: ",
            "La password del server di test è ",
        )
    )
    tail = rng.choice(
        (
            " — ¿por qué falla el login?",
            ", aber es geht nicht.",
            " merci",
            "。",
            " obrigado",
            " grazie",
        )
    )
    return [(lead, None), (_password(rng), SECRET), (tail, None)]


def _lit_k8s(rng: random.Random) -> Segments:
    return [
        (
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-credentials\ntype: Opaque\n"
            "stringData:\n  API_TOKEN: ",
            None,
        ),
        (_opaque(rng, 32, 40), SECRET),
        ("\n", None),
    ]


def _lit_tfvars(rng: random.Random) -> Segments:
    return [
        ('# terraform.tfvars\nregion = "eu-central-1"\ndb_admin_password = "', None),
        (_password(rng), SECRET),
        ('"\n', None),
    ]


def _lit_ansible(rng: random.Random) -> Segments:
    return [
        (
            "[windows]\nwin-build-01\n\n[windows:vars]\nansible_user=Administrator\n"
            "ansible_password=",
            None,
        ),
        (_password(rng), SECRET),
        ("\nansible_connection=winrm\n", None),
    ]


def _lit_netrc(rng: random.Random) -> Segments:
    return [
        ("# ~/.netrc\nmachine artifacts.corp.local\n  login ci\n  password ", None),
        (_password(rng), SECRET),
        ("\n", None),
    ]


def _lit_airflow(rng: random.Random) -> Segments:
    return [
        ("export AIRFLOW_CONN_WAREHOUSE='snowflake://loader:", None),
        (_url_password(rng), SECRET),
        ("@xy12345/analytics/raw?warehouse=LOAD_WH'", None),
    ]


def _lit_webhook_secret(rng: random.Random) -> Segments:
    key = rng.choice(("WEBHOOK_SIGNING_SECRET", "HMAC_SECRET", "JWT_SECRET", "SESSION_SECRET"))
    return [
        (f"docker compose config shows:\n  environment:\n    {key}: ", None),
        (_chars(rng, HEX, 64), SECRET),
        ("\n", None),
    ]


def _lit_powershell(rng: random.Random) -> Segments:
    return [
        ("$pw = ConvertTo-SecureString '", None),
        (_password(rng), SECRET),
        ("' -AsPlainText -Force\n$cred = New-Object PSCredential('svc_backup', $pw)", None),
    ]


def _lit_jenkins_url(rng: random.Random) -> Segments:
    return [
        ("curl -X POST https://jenkins-ci:", None),
        (_opaque(rng, 32, 34), SECRET),
        ("@ci.corp.local/job/deploy/buildWithParameters?ENV=qa", None),
    ]


LITERAL_BUILDERS: dict[str, Builder] = {
    "env-password": _lit_env,
    "yaml-password": _lit_yaml,
    "json-client-secret": _lit_json,
    "psql-uri": _lit_psql_uri,
    "pgpassword": _lit_pgpassword,
    "mysql-cli": _lit_mysql,
    "sqlcmd": _lit_sqlcmd,
    "sqlplus": _lit_sqlplus,
    "cqlsh": _lit_cqlsh,
    "mongosh": _lit_mongosh,
    "redis": _lit_redis,
    "mosquitto": _lit_mosquitto,
    "kafka-jaas": _lit_kafka,
    "kcat": _lit_kcat,
    "rabbitmq": _lit_rabbit,
    "ldap": _lit_ldap,
    "ftp-sftp-scp": _lit_ftp,
    "rsync": _lit_rsync,
    "git-remote": _lit_git_remote,
    "npmrc": _lit_npmrc,
    "pip-auth": _lit_pip,
    "maven-settings": _lit_maven,
    "docker": _lit_docker,
    "basic-auth": _lit_curl_basic,
    "auth-header": _lit_bearer,
    "jwt": _lit_jwt,
    "private-key": _lit_pem,
    "aws-secret-key": _lit_aws_secret,
    "azure-storage": _lit_azure_storage,
    "dotnet-connection": _lit_dotnet,
    "java-jdbc": _lit_java,
    "go-config": _lit_go,
    "php-config": _lit_php,
    "js-constant": _lit_js,
    "python-smtp": _lit_python,
    "django-secret": _lit_django,
    "traceback-url": _lit_traceback,
    "log-client-secret": _lit_log,
    "ticket": _lit_ticket,
    "foreign-message": _lit_foreign,
    "k8s-secret": _lit_k8s,
    "tfvars": _lit_tfvars,
    "ansible-inventory": _lit_ansible,
    "netrc": _lit_netrc,
    "airflow-conn": _lit_airflow,
    "signing-secret": _lit_webhook_secret,
    "powershell": _lit_powershell,
    "jenkins-url": _lit_jenkins_url,
}

# --- generated: vendor tokens from their documented shapes -------------------------------

_B62 = DIGITS + UPPER + LOWER


def _github(prefix: str) -> Token:
    """A GitHub token with its CRC32 tail: 30 random characters, then 6 base-62 digits."""

    def build(rng: random.Random) -> str:
        body = _chars(rng, ALNUM, 30)
        crc, tail = zlib.crc32(body.encode()), ""
        for _ in range(6):
            crc, digit = divmod(crc, 62)
            tail = _B62[digit] + tail
        return f"{prefix}_{body}{tail}"

    return build


LOWNUM = LOWER + DIGITS
UPNUM = UPPER + DIGITS

VENDORS: dict[str, tuple[str, Token]] = {
    "aws-access-key": ("AWS_ACCESS_KEY_ID", _parts("AKIA", (BASE32, 16))),
    "aws-session-key": ("AWS_ACCESS_KEY_ID", _parts("ASIA", (BASE32, 16))),
    "github-pat": ("GITHUB_TOKEN", _github("ghp")),
    "github-oauth": ("GH_OAUTH_TOKEN", _github("gho")),
    "github-app": ("GITHUB_APP_TOKEN", _github("ghs")),
    "github-fine-grained": ("GH_TOKEN", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    "gitlab-pat": ("GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    "gitlab-runner": ("RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20)),
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
    "discord-webhook": (
        "DISCORD_WEBHOOK",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 18), "/", (URLSAFE, 68)),
    ),
    "telegram-bot": ("TELEGRAM_BOT_TOKEN", _parts((DIGITS, 10), ":AA", (URLSAFE, 33))),
    "teams-webhook": (
        "TEAMS_WEBHOOK",
        lambda r: (
            f"https://corp.webhook.office.com/webhookb2/{_uuid(r)}@{_uuid(r)}/IncomingWebhook/"
            f"{_chars(r, HEX, 32)}/{_uuid(r)}"
        ),
    ),
    "stripe-secret": ("STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 24)),
    "stripe-restricted": ("STRIPE_RESTRICTED_KEY", _tok("rk_live_", ALNUM, 24)),
    "openai": ("OPENAI_API_KEY", _parts("sk-proj-", (URLSAFE, 74), "T3BlbkFJ", (URLSAFE, 74))),
    "anthropic": ("ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    "google-api": ("GOOGLE_API_KEY", _tok("AIza", URLSAFE, 35)),
    "gcp-oauth-secret": ("GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28)),
    "huggingface": ("HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    "groq": ("GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    "perplexity": ("PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    "xai": ("XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    "replicate": ("REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    "openrouter": ("OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    "langsmith": ("LANGSMITH_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    "pinecone": ("PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 6), "_", (ALNUM, 63))),
    "sendgrid": ("SENDGRID_API_KEY", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43))),
    "mailgun": ("MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    "mailchimp": ("MAILCHIMP_API_KEY", lambda r: f"{_chars(r, HEX, 32)}-us{r.randint(2, 21)}"),
    "brevo": ("BREVO_API_KEY", _parts("xkeysib-", (HEX, 64), "-", (ALNUM, 16))),
    "npm": ("NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    "pypi": ("TWINE_PASSWORD", _tok("pypi-AgEIcHlwaS5vcmc", URLSAFE, 80)),
    "rubygems": ("GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    "nuget": ("NUGET_API_KEY", _tok("oy2", LOWNUM, 43)),
    "clojars": ("CLOJARS_TOKEN", _tok("CLOJARS_", LOWNUM, 60)),
    "dockerhub": ("DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 27)),
    "jfrog": ("ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    "twilio": ("TWILIO_API_KEY", _tok("SK", HEX, 32)),
    "shopify-access": ("SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    "shopify-shared-secret": ("SHOPIFY_API_SECRET", _tok("shpss_", HEX, 32)),
    "digitalocean": ("DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    "doppler": ("DOPPLER_TOKEN", _tok("dp.st.prd.", ALNUM, 43)),
    "pulumi": ("PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    "terraform-cloud": ("TFE_TOKEN", _parts((ALNUM, 14), ".atlasv1.", (ALNUM, 67))),
    "vault": ("VAULT_TOKEN", _tok("hvs.", URLSAFE, 92)),
    "linear": ("LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    "notion": ("NOTION_TOKEN", _tok("secret_", ALNUM, 43)),
    "atlassian": ("JIRA_API_TOKEN", _parts("ATATT3xFfGF0", (URLSAFE, 170), "=", (HEX, 8))),
    "postman": ("POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    "databricks": ("DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    "dynatrace": ("DT_API_TOKEN", _parts("dt0c01.", (UPNUM, 24), ".", (UPNUM, 64))),
    "new-relic": ("NEW_RELIC_API_KEY", _tok("NRAK-", UPNUM, 27)),
    "grafana-service-account": ("GRAFANA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    "sentry-user": ("SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    "datadog": ("DD_API_KEY", _tok("", HEX, 32)),
    "age": ("SOPS_AGE_KEY", _tok("AGE-SECRET-KEY-1", "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)),
    "shippo": ("SHIPPO_API_TOKEN", _tok("shippo_live_", HEX, 40)),
    "flutterwave": ("FLW_SECRET_KEY", _parts("FLWSECK-", (HEX, 32), "-X")),
    "square": ("SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60)),
    "easypost": ("EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    "adafruit": ("ADAFRUIT_IO_KEY", _tok("aio_", ALNUM, 28)),
    "flyio": ("FLY_API_TOKEN", _tok("fo1_", URLSAFE, 43)),
    "readme": ("README_API_KEY", _tok("rdme_", LOWNUM, 70)),
    "prefect": ("PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    "planetscale": ("PLANETSCALE_TOKEN", _tok("pscale_tkn_", URLSAFE, 43)),
    "duffel": ("DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", URLSAFE, 43)),
    "airtable": ("AIRTABLE_PAT", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    "contentful": ("CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43)),
    "heroku": ("HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 58)),
    "octopus-deploy": ("OCTOPUS_API_KEY", _tok("API-", UPNUM, 26)),
    "openshift": ("OPENSHIFT_TOKEN", _tok("sha256~", URLSAFE, 43)),
    "scalingo": ("SCALINGO_API_TOKEN", _tok("tk-us-", URLSAFE, 48)),
    "sonarqube": ("SONAR_TOKEN", lambda r: r.choice(("squ_", "sqp_", "sqa_")) + _chars(r, HEX, 40)),
    "circleci": ("CIRCLECI_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    "buildkite": ("BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    "netlify": ("NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    "render": ("RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    "supabase": ("SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    "neon": ("NEON_API_KEY", _tok("napi_", LOWNUM, 64)),
    "posthog": ("POSTHOG_PERSONAL_API_KEY", _tok("phx_", ALNUM, 43)),
    "segment": ("SEGMENT_TOKEN", _tok("sgp_", ALNUM, 64)),
    "figma": ("FIGMA_TOKEN", _parts("figd_", (URLSAFE, 40))),
    "alibaba": ("ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    "tencent": ("TENCENTCLOUD_SECRET_ID", _tok("AKID", ALNUM, 32)),
    "yandex": ("YC_IAM_TOKEN", _tok("t1.", URLSAFE, 90)),
    "razorpay": ("RAZORPAY_KEY_ID", _tok("rzp_live_", ALNUM, 14)),
    "paystack": ("PAYSTACK_SECRET_KEY", _tok("sk_live_", HEX, 40)),
    "braintree": (
        "BRAINTREE_ACCESS_TOKEN",
        _parts("access_token$production$", (LOWNUM, 16), "$", (HEX, 32)),
    ),
    "tailscale": ("TS_AUTHKEY", _parts("tskey-auth-k", (ALNUM, 10), "CNTRL-", (ALNUM, 33))),
    "zuplo": ("ZUPLO_API_KEY", _parts("zpka_", (HEX, 32), "_", (HEX, 8))),
    "infracost": ("INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    "settlemint": ("SETTLEMINT_TOKEN", _tok("sm_pat_", ALNUM, 16)),
    "intra42": ("FT_CLIENT_SECRET", _tok("s-s4t2ud-", HEX, 64)),
    "defined-networking": ("DN_API_KEY", _parts("dnkey-", (UPNUM, 26), "-", (UPNUM, 52))),
    "frameio": ("FRAMEIO_TOKEN", _tok("fio-u-", URLSAFE, 64)),
    "typeform": ("TYPEFORM_TOKEN", _tok("tfp_", URLSAFE, 59)),
    "beamer": ("BEAMER_API_KEY", _tok("b_", URLSAFE, 44)),
    "launchdarkly": ("LD_API_KEY", lambda r: "api-" + _uuid(r)),
    "asana": (
        "ASANA_PAT",
        lambda r: f"2/{_chars(r, DIGITS, 16)}/{_chars(r, DIGITS, 16)}:" + _chars(r, HEX, 32),
    ),
    "mapbox": (
        "MAPBOX_SECRET_TOKEN",
        lambda r: "sk.eyJ1Ijoi" + _b64url(r.randbytes(60)) + "." + _chars(r, URLSAFE, 22),
    ),
    "lob": ("LOB_API_KEY", _tok("live_", HEX, 35)),
    "gocardless": ("GOCARDLESS_ACCESS_TOKEN", _tok("live_", URLSAFE, 40)),
    "honeycomb": ("HONEYCOMB_API_KEY", _parts("hcaik_01", (LOWNUM, 56))),
    "harness": ("HARNESS_PAT", _parts("pat.", (URLSAFE, 22), ".", (HEX, 24), ".", (ALNUM, 20))),
    "cloudflare-origin-ca": ("CF_ORIGIN_CA_KEY", _parts("v1.0-", (HEX, 24), "-", (HEX, 146))),
}

GEN_CONTEXTS: tuple[str, ...] = (
    "{open}export {env}={tok}\n",
    "{open}{env}={tok}\n",
    '{open}{{\n  "{lower}": "{tok}"\n}}',
    "{open}env:\n  {env}: {tok}\n",
    "docker run --rm -e {env}={tok} ghcr.io/acme/worker:latest",
    '{open}os.environ["{env}"] = "{tok}"',
    "{open}- name: {env}\n  value: {tok}\n",
    'resource "vault_generic_secret" "x" {{\n  data_json = jsonencode({{ {lower} = "{tok}" }})\n}}',
    "$ heroku config:set {env}={tok} -a billing-api",
    "const {lower} = process.env.{env} || '{tok}';",
    "[{lower}]\ntoken = {tok}\n",
    "{open}curl -H 'X-Api-Key: {tok}' https://api.vendor.local/v1/status",
    "kubectl create secret generic app --from-literal={env}={tok}",
    'set {env}="{tok}"\nrem works on cmd.exe',
    "{open}$env:{env} = '{tok}'",
    "Vault said: {env} rotated, new value {tok} — update the pipeline.",
    "Hola, ¿por qué falla? Tengo {env}={tok} en el .env",
    "Ich habe den Schlüssel gesetzt: {env}={tok}\nTrotzdem 401.",
    "このトークンで認証できません: {tok}",
)


def _generated(rng: random.Random, seen: set[str]) -> list[Case]:
    families = list(VENDORS)
    order = families + [rng.choice(families) for _ in range(SIZES["generated"] - len(families))]
    rng.shuffle(order)
    cases = []
    for family in order:
        env, token = VENDORS[family]
        value = token(rng)
        while value in seen:
            value = token(rng)
        seen.add(value)
        template = rng.choice(GEN_CONTEXTS)
        head, tail = template.split("{tok}")
        fill = {"open": _open(rng), "env": env, "lower": env.lower()}
        text, spans = _join(
            [(head.format(**fill), None), (value, SECRET), (tail.format(**fill), None)]
        )
        cases.append(Case(family, "generated", text, spans))
    return cases


# --- negatives: what the suites list as must-not-fire ------------------------------------


def _neg_placeholder(rng: random.Random) -> str:
    value = rng.choice(
        (
            "<your-api-key>",
            "YOUR_API_KEY_HERE",
            "xxxxxxxxxxxxxxxx",
            "changeme",
            "<REPLACE_ME>",
            "********",
            "sk-...",
            "TODO",
            "dummy",
            "example",
        )
    )
    key = rng.choice(("API_KEY", "OPENAI_API_KEY", "password", "client_secret", "token"))
    return f"{_open(rng)}{key}={value}\n# fill this in before running"


def _neg_reference(rng: random.Random) -> str:
    return rng.choice(
        (
            'password = os.environ["DB_PASSWORD"]',
            "const token = process.env.GITHUB_TOKEN;",
            "api_key: ${API_KEY}",
            "password: {{ .Values.db.password }}",
            "token: ${{ secrets.NPM_TOKEN }}",
            'secret = os.getenv("CLIENT_SECRET", "")',
            "password: !vault secret/data/app#db_password",
            "db_password = var.db_password",
            "valueFrom:\n  secretKeyRef:\n    name: pg\n    key: password",
            'let key = std::env::var("API_KEY").expect("API_KEY not set");',
            'String pw = System.getenv("SMTP_PASSWORD");',
            "export TOKEN=$(vault kv get -field=token secret/ci)",
            "password = ENV.fetch('DATABASE_PASSWORD')",
        )
    ) + rng.choice(("", "\n", "\nwhy is it None at runtime?"))


def _neg_doc_example(rng: random.Random) -> str:
    secret = "wJalrXUtnFEMI/K7MDENG" + "/bPxRfiCYEXAMPLEKEY"
    return (
        rng.choice(
            (
                f"From the AWS docs: aws_access_key_id = AKIAIOSFODNN7EXAMPLE and "
                f"aws_secret_access_key = {secret} are sample values.",
                "The docs use sk_test_ followed by a placeholder; replace it with the key from the "
                "dashboard.",
                "In the tutorial they write Authorization: Bearer <token>, where <token> is yours.",
            )
        )
        + f" (page {rng.randint(2, 40)})"
    )


def _neg_hash(rng: random.Random) -> str:
    digest = _chars(rng, HEX, rng.choice((40, 64)))
    return rng.choice(
        (
            f"sha256sum release.tar.gz\n{_chars(rng, HEX, 64)}  release.tar.gz",
            f"fixed in commit {digest}, can you cherry-pick it?",
            f"docker pull nginx@sha256:{_chars(rng, HEX, 64)}",
            f'ETag: "{_chars(rng, HEX, 32)}"',
            f"git checkout {_chars(rng, HEX, 7)} && git bisect good",
            f"md5 of the file is {_chars(rng, HEX, 32)}, matches the mirror",
        )
    )


def _neg_uuid(rng: random.Random) -> str:
    return rng.choice(
        (
            f"request_id={_uuid(rng)} status=200 duration_ms={rng.randint(3, 900)}",
            f"The tenant id is {_uuid(rng)} — where do I find the subscription?",
            f"<ProjectGuid>{{{_uuid(rng).upper()}}}</ProjectGuid>",
            f"trace {_chars(rng, HEX, 32)} span {_chars(rng, HEX, 16)}",
        )
    )


def _neg_network(rng: random.Random) -> str:
    port = rng.choice((5432, 6379, 8080, 9092, 27017, 5672, 1883, 3306))
    return rng.choice(
        (
            f"listen [::]:{port} ipv6only=on;",
            f"curl http://localhost:{port}/healthz returns connection refused",
            f"EXPOSE {port}\nHEALTHCHECK CMD curl -f http://[::1]:{port}/ || exit 1",
            f'ports:\n  - "{port}:{port}"',
        )
    )


def _neg_versions(rng: random.Random) -> str:
    major, minor, patch = rng.randint(1, 9), rng.randint(0, 30), rng.randint(0, 20)
    return rng.choice(
        (
            f"implementation 'com.fasterxml.jackson.core:jackson-databind:{major}.{minor}.{patch}'",
            f"pip install requests=={major}.{minor}.{patch} fails on py3.12",
            f"upgraded from v{major}.{minor}.{patch} to v{major}.{minor + 1}.0 and tests broke",
            f"<version>{major}.{minor}.{patch}-SNAPSHOT</version>",
            f"FROM python:3.{rng.randint(9, 13)}-slim-bookworm",
        )
    )


def _neg_empty(rng: random.Random) -> str:
    key = rng.choice(("PASSWORD", "API_KEY", "SECRET_KEY", "AUTH_TOKEN", "client_secret"))
    return rng.choice(
        (
            f"{key}=\n",
            f'{key}: ""',
            f"{key}: null",
            f"{key} = None  # set in prod",
            f'"{key.lower()}": ""',
        )
    )


def _neg_names(rng: random.Random) -> str:
    return rng.choice(
        (
            "def reset_password(user_id: int, new_password: str) -> None:",
            "if (!token) { throw new Error('missing token'); }",
            "password_min_length = 12\npassword_require_symbol = True",
            "class TokenRefresher:\n    def refresh_access_token(self): ...",
            "SELECT id, password_hash, last_login FROM users WHERE id = %s",
            "token_count = len(tokenizer.encode(prompt))",
            "access_token_ttl: 3600\nrefresh_token_ttl: 86400",
            'ERROR: password authentication failed for user "app_rw"',
            "invalid_grant: the refresh token has expired",
        )
    ) + rng.choice(("", "\n", " — is this the right pattern?"))


def _neg_redacted(rng: random.Random) -> str:
    mask = rng.choice(("********", "[REDACTED]", "<redacted>", "***", "sk-****...****"))
    return rng.choice(
        (
            f"DATABASE_URL=postgres://app:{mask}@db:5432/app",
            f"Authorization: Bearer {mask}",
            f"password={mask} (masked by the logger)",
            f'{{"api_key": "{mask}", "region": "eu"}}',
        )
    )


def _neg_prose(rng: random.Random) -> str:
    return rng.choice(
        (
            "Never commit your API key; put it in a secret manager and rotate it every 90 days.",
            "What's the difference between an access token and a refresh token?",
            "Our password policy needs 14 characters and MFA for admin accounts.",
            "Should the webhook secret live in Vault or in the CI variables?",
            "¿Cómo guardo la contraseña de forma segura en Kubernetes?",
            "Wie rotiere ich den API-Schlüssel ohne Ausfallzeit?",
            "The token bucket refills at 10 tokens per second.",
            "Explain OAuth client credentials flow in simple terms.",
        )
    )


def _neg_base64(rng: random.Random) -> str:
    plain = rng.choice(
        (
            "hello world",
            '{"theme":"dark","lang":"en"}',
            "feature-flags: on",
            "Lorem ipsum dolor sit amet",
            "status=ok;retries=3",
        )
    )
    return rng.choice(
        (
            f"echo {_b64(plain.encode())} | base64 -d",
            f"data:text/plain;base64,{_b64(plain.encode())}",
            f"config blob: {_b64(plain.encode())}",
        )
    )


def _neg_paths(rng: random.Random) -> str:
    return rng.choice(
        (
            "/etc/postgresql/16/main/pg_hba.conf",
            "/var/lib/docker/volumes/pgdata/_data",
            "C:\\Program Files\\Git\\usr\\bin\\ssh.exe",
            "./secrets/README.txt says the file is generated by CI",
            "~/.aws/credentials is missing, which profile does boto3 use?",
            "/run/secrets/db_password is mounted but empty",
        )
    ) + rng.choice(("", " ?", "\n"))


def _neg_css_html(rng: random.Random) -> str:
    color = "#" + _chars(rng, "0123456789abcdef", 6)
    return rng.choice(
        (
            f".btn-primary {{ color: {color}; border-radius: {rng.randint(2, 12)}px; }}",
            f'<input type="password" name="password" autocomplete="current-password" '
            f'style="border:1px solid {color}">',
            f'<link rel="stylesheet" href="/static/app.{_chars(rng, HEX, 8)}.css">',
            f"!function(e,t){{var n=e.length;for(var r=0;r<n;r++)t(e[r])}}(a,b);/* {color} */",
        )
    )


def _neg_sri(rng: random.Random) -> str:
    return rng.choice(
        (
            f'<script src="/vendor/lib.min.js" integrity="sha384-{_b64(rng.randbytes(48))}" '
            'crossorigin="anonymous"></script>',
            f'"integrity": "sha512-{_b64(rng.randbytes(64))}",',
        )
    )


def _neg_public_key(rng: random.Random) -> str:
    if rng.random() < 0.5:
        body = _b64(rng.randbytes(162))
        lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
        return f"-----BEGIN PUBLIC KEY-----\n{lines}\n-----END PUBLIC KEY-----"
    head = "AAAAC3NzaC1lZDI1" + "NTE5AAAAI"
    return f"ssh-ed25519 {head}{_chars(rng, B64, 43)} deploy-key\n(this is the public half)"


def _neg_cli_no_secret(rng: random.Random) -> str:
    return rng.choice(
        (
            "psql -h localhost -U postgres -W   # prompts for the password",
            "mysql -u root -p\nEnter password:",
            "redis-cli -h localhost -p 6379 ping",
            "mongosh --host localhost --port 27017",
            'sqlcmd -S localhost -E -Q "SELECT 1"',
            "kafka-topics.sh --bootstrap-server localhost:9092 --list",
            "git remote add origin https://git.corp.local/platform/api.git",
            'curl -u "$API_USER:$API_PASS" https://api.corp.local/',
            "docker login registry.corp.local --password-stdin < token.txt",
            "ldapsearch -x -H ldap://localhost -b dc=corp,dc=local -W",
            "rsync -avz -e ssh ./dist/ deploy@staging-web:/srv/site/",
            "npm config set //npm.corp.local/:_authToken ${NPM_TOKEN}",
        )
    )


def _neg_dates(rng: random.Random) -> str:
    return rng.choice(
        (
            f"cron: '{rng.randint(0, 59)} {rng.randint(0, 23)} * * 1-5'",
            f"expires_at: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"build #{rng.randint(100, 9999)} finished in "
            f"{rng.randint(1, 59)}m {rng.randint(1, 59)}s",
            f"retention: {rng.randint(7, 90)}d, max_size: {rng.randint(1, 64)}GiB",
        )
    )


def _neg_arn(rng: random.Random) -> str:
    return rng.choice(
        (
            "arn:aws:secretsmanager:eu-west-1:000000000000:secret:prod/db-AbCdEf",
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "projects/acme-prod/secrets/db-password/versions/latest",
            "https://corp-kv.vault.azure.net/secrets/api-key/",
        )
    ) + rng.choice(("", " — how do I read this from Lambda?"))


NEGATIVE_BUILDERS: dict[str, Callable[[random.Random], str]] = {
    "placeholder": _neg_placeholder,
    "reference": _neg_reference,
    "doc-example": _neg_doc_example,
    "hash": _neg_hash,
    "uuid": _neg_uuid,
    "network": _neg_network,
    "version": _neg_versions,
    "empty-assignment": _neg_empty,
    "variable-name": _neg_names,
    "redacted": _neg_redacted,
    "prose": _neg_prose,
    "base64-data": _neg_base64,
    "path": _neg_paths,
    "css-html": _neg_css_html,
    "sri-integrity": _neg_sri,
    "public-key": _neg_public_key,
    "cli-without-secret": _neg_cli_no_secret,
    "date-schedule": _neg_dates,
    "resource-name": _neg_arn,
}

# --- PII ----------------------------------------------------------------------------------

PEOPLE = (
    "Aiko Tanaka",
    "Oluwaseun Adeyemi",
    "Priya Raghunathan",
    "Mateus Carvalho",
    "Søren Kjær",
    "Agnieszka Wiśniewska",
    "Nguyen Thi Lan",
    "Fatima Al-Zahra",
    "Björn Lindqvist",
    "Chiara Bianchi",
    "Dmitri Volkov",
    "Wei Zhang",
    "Kwame Mensah",
    "Isabella Fernández",
    "Hiroshi Yamamoto",
    "Siobhan O'Connell",
    "Rajesh Iyer",
    "Ana Sofía Rojas",
    "Lukas Schneider",
    "Emre Yılmaz",
    "Mariam Haddad",
    "Juan Pablo Ortega",
    "Élodie Marchand",
    "Tomasz Kowalczyk",
)
PERSON_TEMPLATES = (
    "Can you draft a reply to {v} about the delayed migration?",
    "{v} owns the billing service now, loop them in on the incident.",
    "Meeting notes: {v} will review the schema change before Friday.",
    "Please add {v} as a reviewer on the pull request.",
    "Hola, ¿puedes escribir un correo para {v} sobre la factura?",
    "Bitte fasse das Gespräch mit {v} kurz zusammen.",
    "{v} さんにレビューをお願いしたいです。",
    "Write a short thank-you note to {v} for the on-call handover.",
)
EMAIL_DOMAINS = (
    "northwind-logistics.com",
    "brightpath.io",
    "kestrel-analytics.de",
    "tanaka-works.jp",
)
EMAIL_TEMPLATES = (
    "Send the report to {v} once the export finishes.",
    "The alert emails bounce, the address in the config is {v}",
    "Merci d'envoyer le devis à {v} avant vendredi.",
    "add {v} to the CODEOWNERS notifications list",
)
PHONE_REGIONS = ("US", "GB", "DE", "FR", "IN", "JP", "BR", "AU", "ES", "IT", "NL", "MX")
PHONE_TEMPLATES = (
    "The on-call number for the vendor is {v}, call if the sync stalls.",
    "Customer asked us to call back at {v} about the refund.",
    "Bitte ruf unter {v} an, wenn der Build wieder rot ist.",
    "Update the escalation sheet: new contact number {v}",
)
CARD_TEMPLATES = (
    "The payment failed for card {v}, is it the expiry?",
    "Test log shows the full PAN {v} — should we mask it?",
    "Mi tarjeta {v} fue rechazada en el checkout.",
)
SSN_TEMPLATES = (
    "The HR form has SSN {v} in the free-text field, can we strip it?",
    "Applicant SSN: {v} (please verify before onboarding)",
    "My social security number is {v}, is the payroll form right?",
)
IBAN_TEMPLATES = (
    "Please wire the refund to IBAN {v} by Monday.",
    "Neue Bankverbindung für die Rechnung: {v}",
    "Vendor changed bank details to {v}, is this legit?",
)
IP_TEMPLATES = (
    "Our firewall keeps blocking {v}, is that the partner's gateway?",
    "ssh works from home but not from {v}",
    "The audit log shows a login from {v} at 03:12",
)


def _phone(rng: random.Random) -> str:
    region = rng.choice(PHONE_REGIONS)
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    while True:
        digits = national[:3] + _chars(rng, DIGITS, len(national) - 3)
        number = phonenumbers.parse(digits, region)
        if phonenumbers.is_valid_number(number):
            break
    if region == "US" and rng.random() < 0.6:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _email(rng: random.Random) -> str:
    first, last = rng.choice(PEOPLE).split(" ")[:2]
    local = unicodedata.normalize("NFKD", f"{first}.{last}".lower())
    local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch == "."))
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def _ip(rng: random.Random) -> str:
    first = rng.choice((23, 34, 52, 81, 91, 104, 145, 151, 185, 203, 212))
    return f"{first}.{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"


PII_FAMILIES: dict[str, tuple[str, int, Callable[[random.Random], str], tuple[str, ...]]] = {
    "person": ("PERSON", 12, lambda r: r.choice(PEOPLE), PERSON_TEMPLATES),
    "email": ("EMAIL_ADDRESS", 8, _email, EMAIL_TEMPLATES),
    "phone": ("PHONE_NUMBER", 10, _phone, PHONE_TEMPLATES),
    "credit_card": ("CREDIT_CARD", 8, credit_card, CARD_TEMPLATES),
    "us_ssn": ("US_SSN", 7, us_ssn, SSN_TEMPLATES),
    "iban": ("IBAN_CODE", 8, iban, IBAN_TEMPLATES),
    "ip_address": ("IP_ADDRESS", 7, _ip, IP_TEMPLATES),
}


def _pii(rng: random.Random, seen: set[str]) -> list[Case]:
    cases = []
    for family, (label, count, draw, templates) in PII_FAMILIES.items():
        made = 0
        while made < count:
            value = draw(rng)
            head, tail = rng.choice(templates).split("{v}")
            text, spans = _join([(head, None), (value, label), (tail, None)])
            if text in seen:
                continue
            seen.add(text)
            cases.append(Case(family, "pii", text, spans))
            made += 1
    return cases


# --- PII look-alikes ----------------------------------------------------------------------

PRODUCTS = (
    "Dashboard Pro",
    "Sprint Planner",
    "Data Lake Connector",
    "Billing Engine",
    "Edge Cache",
    "Query Builder",
    "Audit Trail",
    "Feature Flags",
)
TEAMS = ("Platform Team", "Growth Squad", "Payments Guild", "Infra On-Call", "Design Systems")
TITLES = (
    "Staff Engineer",
    "Product Manager",
    "Site Reliability Engineer",
    "Data Analyst",
    "Engineering Manager",
    "Security Champion",
)


def _look_release(rng: random.Random) -> str:
    major, minor = rng.randint(1, 9), rng.randint(0, 40)
    notes = rng.sample(
        (
            f"- {rng.choice(PRODUCTS)}: faster export (up to {rng.randint(2, 9)}x)",
            f"- Fixed pagination in {rng.choice(PRODUCTS)}",
            "- Dropped support for legacy webhooks",
            f"- New setting `max_batch_size` (default {rng.choice((100, 250, 500))})",
            f"- {rng.choice(TEAMS)} migrated the job runner",
        ),
        3,
    )
    return f"Release {major}.{minor}.{rng.randint(0, 9)}\n" + "\n".join(notes)


def _look_table(rng: random.Random) -> str:
    rows = [
        f"| {rng.choice(('Q1', 'Q2', 'Q3', 'Q4'))} | {rng.randint(10, 999)} | "
        f"{rng.randint(1, 99)}.{rng.randint(0, 9)}% | {rng.randint(1, 60)} ms |"
        for _ in range(rng.randint(3, 5))
    ]
    return "| Quarter | Orders | Conversion | p95 |\n|---|---|---|---|\n" + "\n".join(rows)


def _look_order(rng: random.Random) -> str:
    ref = f"{_chars(rng, UPPER, 3)}-{_chars(rng, UPPER, 2)}{rng.randint(100, 999)}"
    return rng.choice(
        (
            f"Order {ref} is stuck in 'pending', can you check the queue?",
            f"SKU {_chars(rng, UPPER, 2)}-{rng.randint(100, 999)}-{_chars(rng, UPPER, 1)} is "
            "out of stock in the catalog.",
            f"Tracking id {_chars(rng, UPPER, 2)}{rng.randint(1000, 9999)}{_chars(rng, UPPER, 2)} "
            "shows no scans yet.",
            f"Ticket {_chars(rng, UPPER, 4)}-{rng.randint(10, 9999)} was reopened by the "
            f"{rng.choice(TEAMS)}.",
        )
    )


def _look_versions(rng: random.Random) -> str:
    return rng.choice(
        (
            f"node v{rng.randint(16, 22)}.{rng.randint(0, 15)}.{rng.randint(0, 9)}, "
            f"npm {rng.randint(8, 10)}.{rng.randint(0, 9)}",
            f"kernel {rng.randint(5, 6)}.{rng.randint(1, 15)}-generic, "
            f"glibc 2.{rng.randint(28, 39)}",
            f"The API moved to /v{rng.randint(2, 4)}/ on build {rng.randint(100, 999)}.",
        )
    )


def _look_time(rng: random.Random) -> str:
    return rng.choice(
        (
            f"deploy started 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T"
            f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}Z and took {rng.randint(2, 40)} min",
            f"the cron fires at {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} UTC on weekdays",
            f"latency went from {rng.randint(50, 300)} ms to {rng.randint(400, 900)} ms after the "
            "release",
        )
    )


def _look_capitals(rng: random.Random) -> str:
    return rng.choice(
        (
            f"The {rng.choice(TITLES)} from the {rng.choice(TEAMS)} wants {rng.choice(PRODUCTS)} "
            "on the roadmap.",
            f"Can {rng.choice(PRODUCTS)} and {rng.choice(PRODUCTS)} share one Service Account?",
            f"Rename the Weekly Sync to Sprint Review and invite the {rng.choice(TEAMS)}.",
            f"We need a {rng.choice(TITLES)} for the Incident Review Board.",
        )
    )


def _look_code(rng: random.Random) -> str:
    return rng.choice(
        (
            f"for i in range({rng.randint(2, 50)}):\n    total += prices[i] * qty[i]",
            f"df.groupby('status').size().loc[lambda n: n > {rng.randint(1, 99)}]",
            f"grid-template-columns: repeat({rng.randint(2, 6)}, 1fr); "
            f"color: #{_chars(rng, HEX, 6)};",
            f"const retries = {rng.randint(1, 9)}; const backoffMs = {rng.randint(100, 900)};",
        )
    )


def _look_isbn(rng: random.Random) -> str:
    body = "978" + _chars(rng, DIGITS, 9)
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    isbn = f"ISBN {body}{(10 - total % 10) % 10}"
    return rng.choice(
        (
            f"The reference book is {isbn}, chapter {rng.randint(2, 19)}.",
            f"Add {isbn} to the reading list for the {rng.choice(TEAMS)}.",
        )
    )


LOOKALIKE_BUILDERS: dict[str, Callable[[random.Random], str]] = {
    "release-notes": _look_release,
    "table": _look_table,
    "order-sku": _look_order,
    "versions": _look_versions,
    "timestamps": _look_time,
    "capitalised-words": _look_capitals,
    "code-css": _look_code,
    "isbn": _look_isbn,
}


def _wrap_foreign(rng: random.Random, text: str) -> str:
    """Half the look-alikes open or close with a phrase in another language."""
    roll = rng.random()
    if roll < 0.3:
        return f"{rng.choice(FOREIGN_OPENERS)}\n{text}"
    if roll < 0.55:
        return f"{text}\n{rng.choice(FOREIGN_CLOSERS)}"
    return text


# --- assembly -----------------------------------------------------------------------------


def _literal_segments(rng: random.Random, name: str) -> Segments:
    """One literal case; some end with a word of thanks in another language."""
    segments = LITERAL_BUILDERS[name](rng)
    if rng.random() < 0.2:
        segments = [*segments, ("\n" + rng.choice(FOREIGN_CLOSERS), None)]
    return segments


def _literal(rng: random.Random, seen: set[str]) -> list[Case]:
    families = list(LITERAL_BUILDERS)
    order = families * (SIZES["literal"] // len(families))
    order += rng.sample(families, SIZES["literal"] - len(order))
    rng.shuffle(order)
    cases = []
    for name in order:
        text, spans = _join(_literal_segments(rng, name))
        while text in seen:
            text, spans = _join(_literal_segments(rng, name))
        seen.add(text)
        cases.append(Case(name, "literal", text, spans))
    return cases


def _harmless(
    rng: random.Random, builders: dict[str, Callable[[random.Random], str]], kind: str, count: int
) -> list[Case]:
    families = list(builders)
    cases = []
    for index in range(count):
        family = (
            families[index % len(families)] if index < 2 * len(families) else rng.choice(families)
        )
        text = builders[family](rng)
        if kind == "pii_negative":
            text = _wrap_foreign(rng, text)
        cases.append(Case(family, kind, text, harmless=True))
    return cases


def round16_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """All round-16 cases, in kind order; the same seed gives the same list."""
    rng = random.Random(seed)
    seen: set[str] = set()
    cases = _literal(rng, seen)
    cases += _generated(rng, seen)
    cases += _harmless(rng, NEGATIVE_BUILDERS, "negative", SIZES["negative"])
    cases += _pii(rng, seen)
    cases += _harmless(rng, LOOKALIKE_BUILDERS, "pii_negative", SIZES["pii_negative"])
    return cases


__all__ = ["SIZES", "round16_cases"]
