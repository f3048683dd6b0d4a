"""Blind round 8 of the peer evaluation (issue #14), written by a blind engineer ("blind8").

Built only from what public suites document: gitleaks' rule definitions (true and false
positives of each rule), detect-secrets' plugin tests, trufflehog's detector tests, Nosey
Parker's and Kingfisher's rule examples, and Presidio's analyzer recognizer tests. The writer
never saw the detector; the round was frozen (merged) before the detector first ran on it.
Every key-shaped value is drawn at run time from its documented shape, never copied.
"""

from __future__ import annotations

import random
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

_WORDS = (
    "Tulip",
    "Falcon",
    "Mango",
    "Orbit",
    "Cedar",
    "Pixel",
    "Lotus",
    "Raven",
    "Nimbus",
    "Quartz",
    "Maple",
    "Harbor",
    "Cobalt",
    "Saffron",
    "Juniper",
    "Tango",
    "Viking",
)
_SYMBOLS = "!@#$%&*?"
_BECH32 = "".join(c for c in UPPER + DIGITS if c not in "1BIO")  # bech32 data alphabet


def _human_password(rng: random.Random) -> str:
    """A person's password: a capitalised word, a symbol, digits and a short random tail."""
    word = rng.choice(_WORDS)
    return f"{word}{rng.choice(_SYMBOLS)}{_chars(rng, DIGITS, 4)}{_chars(rng, ALNUM, 2)}"


def _random_secret(rng: random.Random) -> str:
    return _chars(rng, ALNUM, rng.choice((20, 24, 32, 40)))


def _hex_secret(rng: random.Random) -> str:
    return _chars(rng, HEX, rng.choice((32, 40, 64)))


def _b64_secret(rng: random.Random) -> str:
    return _b64(rng.randbytes(rng.choice((24, 33, 48))))


def _any_secret(rng: random.Random) -> str:
    return rng.choice((_human_password, _random_secret, _hex_secret, _b64_secret))(rng)


def _user(rng: random.Random) -> str:
    return rng.choice(("app", "svc_orders", "admin", "etl_user", "reporting", "deploy", "root"))


def _host(rng: random.Random) -> str:
    return rng.choice(
        (
            "db-prod-02.internal",
            "pg.staging.lan",
            "10.20.4.17",
            "mysql-primary",
            "redis.cache.svc.cluster.local",
            "mongo-rs0-1.example.net",
        )
    )


# --- literal: credentials in the places people paste them --------------------------------

Literal = Callable[[random.Random], Segments]


def _lit_env(rng: random.Random) -> Segments:
    key = rng.choice(
        (
            "DB_PASSWORD",
            "SECRET_KEY",
            "API_SECRET",
            "SMTP_PASS",
            "JWT_SECRET",
            "REDIS_PASSWORD",
            "CLIENT_SECRET",
        )
    )
    return [
        (f"# .env for local dev\nDEBUG=false\n{key}=", None),
        (_any_secret(rng), SECRET),
        ("\nLOG_LEVEL=info\n", None),
    ]


def _lit_yaml(rng: random.Random) -> Segments:
    return [
        (f"database:\n  host: {_host(rng)}\n  user: {_user(rng)}\n  password: ", None),
        (_human_password(rng), SECRET),
        ("\n  pool: 5\n", None),
    ]


def _lit_json(rng: random.Random) -> Segments:
    key = rng.choice(("client_secret", "apiSecret", "password", "access_token", "signingKey"))
    return [
        (
            f'Here is my config, why does auth fail?\n{{\n  "client_id": "{_uuid(rng)}",\n'
            f'  "{key}": "',
            None,
        ),
        (_any_secret(rng), SECRET),
        ('"\n}\n', None),
    ]


def _lit_python(rng: random.Random) -> Segments:
    return [
        ('import psycopg2\nconn = psycopg2.connect(host="localhost", user="', None),
        (_user(rng), None),
        ('", password="', None),
        (_human_password(rng), SECRET),
        ('")\n', None),
    ]


def _lit_js(rng: random.Random) -> Segments:
    return [
        ("const client = new Client({\n  apiKey: process.env.KEY,\n  apiSecret: '", None),
        (_random_secret(rng), SECRET),
        ("',\n});\n", None),
    ]


def _lit_java(rng: random.Random) -> Segments:
    return [
        ("spring.datasource.url=jdbc:postgresql://", None),
        (_host(rng), None),
        (":5432/orders\nspring.datasource.username=app\nspring.datasource.password=", None),
        (_human_password(rng), SECRET),
        ("\n", None),
    ]


def _lit_pg_url(rng: random.Random) -> Segments:
    scheme = rng.choice(("postgresql", "mysql", "mongodb+srv", "redis", "amqp", "mssql"))
    return [
        (f"getting a timeout with {scheme}://{_user(rng)}:", None),
        (
            _human_password(rng)
            .replace("@", "!")
            .replace("#", "!")
            .replace("?", "!")
            .replace("%", "!")
            .replace("&", "!"),
            SECRET,
        ),
        (f"@{_host(rng)}/main any idea?", None),
    ]


def _lit_curl_basic(rng: random.Random) -> Segments:
    return [
        ("curl -u admin:", None),
        (_random_secret(rng), SECRET),
        (" https://jenkins.example.org/api/json\n", None),
    ]


def _lit_bearer(rng: random.Random) -> Segments:
    return [
        ("curl -s -H 'Authorization: Bearer ", None),
        (_chars(rng, URLSAFE, 40), SECRET),
        ("' https://api.example.com/v2/orders | jq .\n", None),
    ]


def _lit_basic_header(rng: random.Random) -> Segments:
    raw = f"{_user(rng)}:{_human_password(rng)}".encode()
    return [
        ("GET /metrics HTTP/1.1\nHost: grafana.local\nAuthorization: Basic ", None),
        (_b64(raw), SECRET),
        ("\nAccept: */*\n", None),
    ]


def _lit_cli_flag(rng: random.Random) -> Segments:
    cmd = rng.choice(
        (
            "mysql -h 127.0.0.1 -u root --password=",
            "docker login registry.example.com -u ci --password ",
            'psql "host=db user=etl" --set=pw=',
            "az login --service-principal -u app-id -p ",
        )
    )
    return [(f"$ {cmd}", None), (_human_password(rng), SECRET), ("\n", None)]


def _lit_xml(rng: random.Random) -> Segments:
    return [
        (
            '<connectionStrings>\n  <add name="Main" connectionString="Server=sql01;Database='
            "Shop;User Id=sa;Password=",
            None,
        ),
        (_human_password(rng).replace("&", "!"), SECRET),
        (';" />\n</connectionStrings>\n', None),
    ]


def _lit_ini(rng: random.Random) -> Segments:
    return [
        ("[smtp]\nserver = mail.example.com\nport = 587\nusername = noreply\npassword = ", None),
        (_human_password(rng), SECRET),
        ("\n", None),
    ]


def _lit_terraform(rng: random.Random) -> Segments:
    return [
        (
            'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "app"\n'
            '  password = "',
            None,
        ),
        (_random_secret(rng), SECRET),
        ('"\n}\n', None),
    ]


def _lit_dockerfile(rng: random.Random) -> Segments:
    return [
        ("FROM python:3.12-slim\nENV APP_ENV=prod\nENV SECRET_KEY=", None),
        (_random_secret(rng), SECRET),
        ("\nRUN pip install -r requirements.txt\n", None),
    ]


def _lit_k8s(rng: random.Random) -> Segments:
    return [
        (
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-creds\ntype: Opaque\ndata:\n"
            "  password: ",
            None,
        ),
        (_b64(_human_password(rng).encode()), SECRET),
        ("\n", None),
    ]


def _lit_ci(rng: random.Random) -> Segments:
    return [
        ("# .gitlab-ci.yml\ndeploy:\n  stage: deploy\n  variables:\n    DEPLOY_TOKEN: ", None),
        (_random_secret(rng), SECRET),
        ("\n  script:\n    - ./deploy.sh\n", None),
    ]


def _lit_slack(rng: random.Random) -> Segments:
    return [
        ("hey can you try logging in to the staging admin with pw ", None),
        (_human_password(rng), SECRET),
        (" and tell me if it works? thx", None),
    ]


def _lit_german(rng: random.Random) -> Segments:
    return [
        ("Hallo Team, das neue Passwort für den Testserver lautet: ", None),
        (_human_password(rng), SECRET),
        ("\nBitte nicht weitergeben.", None),
    ]


def _lit_spanish(rng: random.Random) -> Segments:
    return [
        ("Buenas, la contraseña del wifi de la oficina es ", None),
        (_human_password(rng), SECRET),
        (" (cambia cada mes)", None),
    ]


def _lit_private_key(rng: random.Random) -> Segments:
    kind = rng.choice(("RSA ", "EC ", "OPENSSH ", ""))
    body = _b64(rng.randbytes(rng.choice((180, 240, 300))))
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    pem = f"-----BEGIN {kind}PRIVATE KEY-----\n{lines}\n-----END {kind}PRIVATE KEY-----"
    return [
        ("my deploy fails, this is the key I put in ~/.ssh/id_deploy:\n", None),
        (pem, SECRET),
        ("\n", None),
    ]


def _lit_php(rng: random.Random) -> Segments:
    return [
        ("<?php\n$db = new PDO('mysql:host=localhost;dbname=shop', 'shop', '", None),
        (_human_password(rng).replace("'", "!"), SECRET),
        ("');\n", None),
    ]


def _lit_go(rng: random.Random) -> Segments:
    return [
        ('cfg := Config{\n\tUser:     "svc",\n\tPassword: "', None),
        (_human_password(rng), SECRET),
        ('",\n}\n', None),
    ]


def _lit_powershell(rng: random.Random) -> Segments:
    return [
        ("$pw = ConvertTo-SecureString '", None),
        (_human_password(rng), SECRET),
        ("' -AsPlainText -Force\nNew-LocalUser -Name backup -Password $pw\n", None),
    ]


def _lit_notebook(rng: random.Random) -> Segments:
    return [
        ("In [3]: client = Minio('s3.local:9000', access_key='minio', secret_key='", None),
        (_chars(rng, ALNUM, 40), SECRET),
        ("', secure=False)\n", None),
    ]


def _lit_log(rng: random.Random) -> Segments:
    return [
        ("2024-05-02T10:14:22Z DEBUG auth: login attempt user=ops password=", None),
        (_human_password(rng), SECRET),
        (" ip=10.0.0.8 result=fail\n", None),
    ]


def _lit_ticket(rng: random.Random) -> Segments:
    return [
        ("JIRA OPS-4411: VPN account created.\nUsername: t.ops\nTemporary password: ", None),
        (_human_password(rng), SECRET),
        ("\nPlease change on first login.", None),
    ]


def _lit_markdown(rng: random.Random) -> Segments:
    return [
        ("| service | user | password |\n|---|---|---|\n| rabbitmq | guest2 | ", None),
        (_human_password(rng).replace("|", "!"), SECRET),
        (" |\n", None),
    ]


def _lit_french(rng: random.Random) -> Segments:
    return [
        ("Bonjour, voici le mot de passe du compte de service : ", None),
        (_random_secret(rng), SECRET),
        ("\nMerci de le stocker dans le coffre.", None),
    ]


def _lit_netrc(rng: random.Random) -> Segments:
    return [
        ("machine api.example.com\n  login deploy\n  password ", None),
        (_random_secret(rng), SECRET),
        ("\n", None),
    ]


def _lit_htpasswd(rng: random.Random) -> Segments:
    return [
        ("ftp://backup:", None),
        (_random_secret(rng), SECRET),
        ("@files.example.net/nightly/\n", None),
    ]


def _wrap(before: str, value: str, after: str) -> Segments:
    return [(before, None), (value, SECRET), (after, None)]


def _lit_rust(rng: random.Random) -> Segments:
    return _wrap(
        'let client = Client::new()\n    .basic_auth("svc", Some("',
        _human_password(rng),
        '"))\n    .build()?;\n',
    )


def _lit_csharp(rng: random.Random) -> Segments:
    return _wrap(
        'var cred = new NetworkCredential("mailer", "',
        _human_password(rng),
        '");\nsmtp.Credentials = cred;\n',
    )


def _lit_ruby(rng: random.Random) -> Segments:
    return _wrap(
        "Rails.application.configure do\n  config.x.payments.secret = '",
        _random_secret(rng),
        "'\nend\n",
    )


def _lit_gradle(rng: random.Random) -> Segments:
    return _wrap(
        "# gradle.properties\nsigningKeyId=release\nsigning.password=",
        _human_password(rng),
        "\norg.gradle.jvmargs=-Xmx2g\n",
    )


def _lit_ansible(rng: random.Random) -> Segments:
    return _wrap(
        "# group_vars/db.yml\npostgresql_users:\n  - name: backup\n    password: ",
        _human_password(rng),
        "\n    role_attr_flags: LOGIN\n",
    )


def _lit_compose(rng: random.Random) -> Segments:
    return _wrap(
        "services:\n  db:\n    image: mariadb:11\n    environment:\n      - MARIADB_ROOT_PASSWORD=",
        _human_password(rng),
        "\n",
    )


def _lit_actions(rng: random.Random) -> Segments:
    return _wrap(
        "      - uses: docker/login-action@v3\n        with:\n          username: ci\n"
        "          password: ",
        _random_secret(rng),
        "\n",
    )


def _lit_sql(rng: random.Random) -> Segments:
    return _wrap(
        "CREATE USER 'report'@'%' IDENTIFIED BY '",
        _human_password(rng).replace("'", "!"),
        "';\nGRANT SELECT ON shop.* TO 'report'@'%';\n",
    )


def _lit_redis_cli(rng: random.Random) -> Segments:
    return _wrap(
        "$ redis-cli -h cache.internal -p 6379 -a ",
        _random_secret(rng),
        " --no-auth-warning INFO memory\n",
    )


def _lit_wp_config(rng: random.Random) -> Segments:
    return _wrap(
        "define( 'DB_NAME', 'wordpress' );\ndefine( 'DB_PASSWORD', '",
        _human_password(rng).replace("'", "!"),
        "' );\n",
    )


def _lit_pgpass(rng: random.Random) -> Segments:
    return _wrap(
        "~/.pgpass:\ndb.internal:5432:analytics:analyst:",
        _human_password(rng).replace(":", "!"),
        "\n",
    )


def _lit_django(rng: random.Random) -> Segments:
    return _wrap(
        "DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',"
        "\n        'PASSWORD': '",
        _human_password(rng),
        "',\n    }\n}\n",
    )


def _lit_net_user(rng: random.Random) -> Segments:
    return _wrap(
        "C:\\> net user backupsvc ",
        _human_password(rng).replace("&", "!"),
        " /add /expires:never\n",
    )


def _lit_sshpass(rng: random.Random) -> Segments:
    return _wrap(
        "sshpass -p '",
        _human_password(rng).replace("'", "!"),
        "' ssh -o StrictHostKeyChecking=no pi@raspberrypi.local\n",
    )


def _lit_italian(rng: random.Random) -> Segments:
    return _wrap("Ciao! La password del router è ", _human_password(rng), ", l'ho appena cambiata.")


def _lit_portuguese(rng: random.Random) -> Segments:
    return _wrap(
        "Oi, segue a senha do painel de admin: ", _human_password(rng), "\nQualquer coisa me avisa."
    )


def _lit_dutch(rng: random.Random) -> Segments:
    return _wrap(
        "Het wachtwoord voor de test-omgeving is ",
        _human_password(rng),
        " - graag na gebruik wijzigen.",
    )


def _lit_japanese(rng: random.Random) -> Segments:
    return _wrap("検証環境のパスワードは ", _human_password(rng), " です。よろしくお願いします。")


def _lit_email(rng: random.Random) -> Segments:
    return _wrap(
        "Subject: Your new SFTP account\n\nHi,\n\nhost: sftp.example.net\nuser: "
        "partner_upload\npass: ",
        _human_password(rng),
        "\n\nRegards,\nIT Service Desk",
    )


def _lit_trace(rng: random.Random) -> Segments:
    pw = _random_secret(rng)
    return _wrap(
        'Traceback (most recent call last):\n  File "etl.py", line 41, in <module>\n'
        "sqlalchemy.exc.OperationalError: could not connect to "
        "postgresql://loader:",
        pw,
        "@10.1.2.3:5432/dw (timeout)\n",
    )


def _lit_helm(rng: random.Random) -> Segments:
    return _wrap(
        "helm upgrade --install api ./chart --set auth.adminPassword=",
        _human_password(rng).replace(",", "!"),
        " --namespace prod\n",
    )


def _lit_props_jdbc(rng: random.Random) -> Segments:
    return _wrap(
        "jdbc:sqlserver://sql01:1433;databaseName=crm;user=crm_app;password=",
        _human_password(rng).replace(";", "!"),
        ";encrypt=true\n",
    )


def _lit_kotlin(rng: random.Random) -> Segments:
    return _wrap('private const val CLIENT_SECRET = "', _random_secret(rng), '"\n')


def _lit_cookie(rng: random.Random) -> Segments:
    return _wrap(
        "curl 'https://admin.example.com/api/users' -H 'Cookie: sessionid=",
        _chars(rng, LOWER + DIGITS, 32),
        "; csrftoken=abc' --compressed\n",
    )


_LITERALS: tuple[tuple[str, Literal], ...] = (
    ("env", _lit_env),
    ("yaml", _lit_yaml),
    ("json", _lit_json),
    ("python", _lit_python),
    ("javascript", _lit_js),
    ("java_properties", _lit_java),
    ("connection_url", _lit_pg_url),
    ("curl_basic", _lit_curl_basic),
    ("bearer_header", _lit_bearer),
    ("basic_header", _lit_basic_header),
    ("cli_flag", _lit_cli_flag),
    ("xml", _lit_xml),
    ("ini", _lit_ini),
    ("terraform", _lit_terraform),
    ("dockerfile", _lit_dockerfile),
    ("k8s_secret", _lit_k8s),
    ("ci_yaml", _lit_ci),
    ("chat", _lit_slack),
    ("german", _lit_german),
    ("spanish", _lit_spanish),
    ("private_key", _lit_private_key),
    ("php", _lit_php),
    ("go", _lit_go),
    ("powershell", _lit_powershell),
    ("notebook", _lit_notebook),
    ("log", _lit_log),
    ("ticket", _lit_ticket),
    ("markdown", _lit_markdown),
    ("french", _lit_french),
    ("netrc", _lit_netrc),
    ("ftp_url", _lit_htpasswd),
    ("rust", _lit_rust),
    ("csharp", _lit_csharp),
    ("ruby", _lit_ruby),
    ("gradle_properties", _lit_gradle),
    ("ansible", _lit_ansible),
    ("docker_compose", _lit_compose),
    ("github_actions", _lit_actions),
    ("sql_create_user", _lit_sql),
    ("redis_cli", _lit_redis_cli),
    ("wp_config", _lit_wp_config),
    ("pgpass", _lit_pgpass),
    ("django_settings", _lit_django),
    ("windows_net_user", _lit_net_user),
    ("sshpass", _lit_sshpass),
    ("italian", _lit_italian),
    ("portuguese", _lit_portuguese),
    ("dutch", _lit_dutch),
    ("japanese", _lit_japanese),
    ("email_body", _lit_email),
    ("stack_trace_url", _lit_trace),
    ("helm_set", _lit_helm),
    ("jdbc_url", _lit_props_jdbc),
    ("kotlin", _lit_kotlin),
    ("session_cookie", _lit_cookie),
)


# --- generated: vendor tokens from their documented shapes -------------------------------


def _slack_bot(rng: random.Random) -> str:
    return f"xoxb-{_chars(rng, DIGITS, 11)}-{_chars(rng, DIGITS, 13)}-{_chars(rng, ALNUM, 24)}"


def _jwt(rng: random.Random) -> str:
    head = _b64url(b'{"alg":"HS256","typ":"JWT"}')
    iat = rng.randint(1_600_000_000, 1_800_000_000)
    body = _b64url(f'{{"sub":"{rng.randint(1000, 99999)}","iat":{iat}}}'.encode())
    return f"{head}.{body}.{_b64url(rng.randbytes(32))}"


def _aws_id(rng: random.Random) -> str:
    return rng.choice(("AKIA", "ASIA")) + _chars(rng, UPPER + "234567", 16)


def _pypi(rng: random.Random) -> str:
    """A PyPI macaroon: its serialised header names the location, then random caveats."""
    return "pypi-" + _b64url(b"\x02\x01\x08pypi.org\x02" + rng.randbytes(rng.randint(60, 90)))


def _npm(rng: random.Random) -> str:
    return "npm_" + _chars(rng, ALNUM, 36)


_GENERATED: tuple[tuple[str, Token], ...] = (
    ("aws_access_key_id", _aws_id),
    ("openai", _parts("sk-proj-", (URLSAFE, 58), "T3Blbk", "FJ", (URLSAFE, 58))),
    ("openai_legacy", _parts("sk-", (ALNUM, 20), "T3Blbk", "FJ", (ALNUM, 20))),
    ("anthropic", _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    ("github_pat", _tok("ghp_", ALNUM, 36)),
    ("github_oauth", _tok("gho_", ALNUM, 36)),
    ("github_fine_grained", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    ("github_app", _tok("ghs_", ALNUM, 36)),
    ("gitlab_pat", _tok("glpat-", URLSAFE, 20)),
    ("gitlab_runner", _tok("glrt-", URLSAFE, 20)),
    ("slack_bot", _slack_bot),
    (
        "slack_webhook",
        _parts(
            "https://hooks.slack.com/services/T",
            (UPPER + DIGITS, 8),
            "/B",
            (UPPER + DIGITS, 10),
            "/",
            (ALNUM, 24),
        ),
    ),
    ("stripe_live", _tok("sk_live_", ALNUM, 24)),
    ("stripe_restricted", _tok("rk_live_", ALNUM, 24)),
    ("google_api", _tok("AIza", URLSAFE, 35)),
    ("google_oauth_secret", _tok("GOCSPX-", URLSAFE, 28)),
    ("sendgrid", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43))),
    ("twilio_api_key", _tok("SK", HEX, 32)),
    ("mailgun", _tok("key-", HEX, 32)),
    ("mailchimp", _parts((HEX, 32), "-us", ("123456789", 1), (DIGITS, 1))),
    ("npm", _npm),
    ("pypi", _pypi),
    ("rubygems", _tok("rubygems_", HEX, 48)),
    ("nuget", _tok("oy2", LOWER + DIGITS, 43)),
    ("dockerhub", _tok("dckr_pat_", URLSAFE, 27)),
    ("shopify_access", _tok("shpat_", HEX, 32)),
    ("shopify_shared", _tok("shpss_", HEX, 32)),
    ("digitalocean", _tok("dop_v1_", HEX, 64)),
    ("doppler", _tok("dp.pt.", ALNUM, 43)),
    ("hashicorp_vault", _tok("hvs.", URLSAFE, 90)),
    ("terraform_cloud", _parts((ALNUM, 14), ".atlasv1.", (URLSAFE, 67))),
    ("pulumi", _tok("pul-", HEX, 40)),
    ("linear", _tok("lin_api_", ALNUM, 40)),
    ("notion", _tok("secret_", ALNUM, 43)),
    ("atlassian", _parts("ATATT3xFfGF0", (URLSAFE, 170), "=", (HEX.upper(), 8))),
    ("huggingface", _tok("hf_", LOWER + UPPER, 34)),
    ("replicate", _tok("r8_", ALNUM, 37)),
    ("groq", _tok("gsk_", ALNUM, 52)),
    ("perplexity", _tok("pplx-", ALNUM, 48)),
    ("xai", _tok("xai-", ALNUM, 80)),
    ("cohere_ctx", _tok("co_", ALNUM, 40)),
    ("new_relic_user", _tok("NRAK-", UPPER + DIGITS, 27)),
    ("new_relic_insert", _tok("NRII-", URLSAFE, 32)),
    ("datadog_ctx", _tok("", HEX, 32)),
    ("sentry_user", _tok("sntryu_", HEX, 64)),
    ("grafana_cloud", _parts("glc_", (B64.replace("+", "").replace("/", ""), 80))),
    ("grafana_sa", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    ("age_secret", _tok("AGE-SECRET-KEY-1", _BECH32, 58)),
    ("postman", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    ("figma", _parts("figd_", (URLSAFE, 40))),
    ("flyio", _tok("fo1_", URLSAFE, 43)),
    ("planetscale", _tok("pscale_tkn_", URLSAFE, 43)),
    ("planetscale_pw", _tok("pscale_pw_", URLSAFE, 43)),
    ("airtable_pat", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    ("databricks", _tok("dapi", HEX, 32)),
    ("clojars", _tok("CLOJARS_", LOWER + DIGITS, 60)),
    ("easypost", _tok("EZAK", ALNUM, 54)),
    ("frameio", _tok("fio-u-", URLSAFE, 64)),
    ("prefect", _tok("pnu_", ALNUM, 36)),
    ("readme", _tok("rdme_", LOWER + DIGITS, 70)),
    ("scalingo", _tok("tk-us-", URLSAFE, 48)),
    ("square", _tok("EAAA", URLSAFE, 60)),
    ("square_oauth", _parts("sq0csp-", (URLSAFE, 43))),
    ("adafruit_ctx", _tok("aio_", ALNUM, 28)),
    ("dynatrace", _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64))),
    ("fastly_ctx", _tok("", URLSAFE, 32)),
    ("heroku_v2", _parts("HRKU-AA", (URLSAFE, 58))),
    ("jwt", _jwt),
    (
        "azure_storage",
        _parts("DefaultEndpointsProtocol=https;AccountName=shopdata;AccountKey=", (B64, 86), "=="),
    ),
    ("beamer", _parts("b_", (URLSAFE, 44))),
    ("intra42", _parts("s-s4t2ud-", (HEX, 64))),
    ("octopus", _tok("API-", UPPER + DIGITS, 26)),
    ("sumologic_id", _tok("su", ALNUM, 12)),
    ("typeform", _tok("tfp_", URLSAFE, 59)),
    ("yandex_api", _parts("AQVN", (URLSAFE, 36))),
    ("1password_sa", _parts("ops_eyJ", (URLSAFE, 250))),
    ("twitch_ctx", _tok("", LOWER + DIGITS, 30)),
    ("telegram_bot", _parts((DIGITS, 10), ":AA", (URLSAFE, 33))),
    (
        "discord_webhook",
        _parts("https://discord.com/api/webhooks/", (DIGITS, 18), "/", (URLSAFE, 68)),
    ),
    ("alibaba", _tok("LTAI", ALNUM, 20)),
    (
        "gcp_service_account_key",
        _parts("-----BEGIN PRIVATE KEY-----\\n", (B64, 64), "\\n-----END PRIVATE KEY-----\\n"),
    ),
    ("base32_totp_seed", _tok("", BASE32, 32)),
)

# Tokens that carry no prefix of their own only count with a vendor-named key beside them.
_CONTEXT_KEYS = {
    "datadog_ctx": "DD_API_KEY",
    "fastly_ctx": "FASTLY_API_TOKEN",
    "twitch_ctx": "TWITCH_OAUTH_TOKEN",
    "cohere_ctx": "COHERE_API_KEY",
    "adafruit_ctx": "ADAFRUIT_IO_KEY",
    "sumologic_id": "SUMO_ACCESS_ID",
    "base32_totp_seed": "MFA_TOTP_SECRET",
}

# The variable names people give these tokens, where the family name is not one.
_KEY_NAMES = {
    "aws_access_key_id": "AWS_ACCESS_KEY_ID",
    "1password_sa": "OP_SERVICE_ACCOUNT_TOKEN",
    "gcp_service_account_key": "GOOGLE_PRIVATE_KEY",
    "azure_storage": "AZURE_STORAGE_CONNECTION_STRING",
    "slack_webhook": "SLACK_WEBHOOK_URL",
    "discord_webhook": "DISCORD_WEBHOOK_URL",
    "intra42": "FT_CLIENT_SECRET",
    "jwt": "SESSION_JWT",
    "age_secret": "SOPS_AGE_KEY",
    "hashicorp_vault": "VAULT_TOKEN",
    "terraform_cloud": "TF_TOKEN_app_terraform_io",
    "planetscale_pw": "DATABASE_PASSWORD",
    "telegram_bot": "TELEGRAM_BOT_TOKEN",
    "google_oauth_secret": "GOOGLE_CLIENT_SECRET",
    "square_oauth": "SQUARE_APPLICATION_SECRET",
    "new_relic_insert": "NEW_RELIC_INSERT_KEY",
    "readme": "README_API_KEY",
    "heroku_v2": "HEROKU_API_KEY",
}


def _key_name(rng: random.Random, family: str) -> str:
    if family in _CONTEXT_KEYS or family in _KEY_NAMES:
        return _CONTEXT_KEYS.get(family) or _KEY_NAMES[family]
    vendor = family.split("_")[0].upper()
    return vendor + rng.choice(("_API_KEY", "_TOKEN", "_SECRET", "_KEY"))


_GEN_CONTEXTS: tuple[tuple[str, str], ...] = (
    ("export {key}=", "\n"),
    ("{key}: ", "\n"),
    ('{{"{key}": "', '"}'),
    ("os.environ['{key}'] = '", "'\n"),
    ("heres the token i used: ", " (rotated it already?)"),
    ("[default]\n{key_lower} = ", "\n"),
    ("- name: {key}\n  value: ", "\n"),
    ("setx {key} ", "\n"),
    ("ERROR 401 Unauthorized calling upstream with {key}=", " after 3 retries\n"),
    ("Pourquoi ce jeton ne marche plus ? {key}=", "\n"),
    ('{key_lower} = "', '"  # TODO move to vault\n'),
    ('<add key="{key}" value="', '" />\n'),
)


def _generated(rng: random.Random) -> list[Case]:
    cases, seen = [], set()
    while len(cases) < SIZES["generated"]:
        family, token = _GENERATED[len(cases) % len(_GENERATED)]
        value = token(rng)
        if value in seen:
            continue
        seen.add(value)
        key = _key_name(rng, family)
        before, after = rng.choice(_GEN_CONTEXTS)
        before = before.format(key=key, key_lower=key.lower())
        text, spans = _join([(before, None), (value, SECRET), (after, None)])
        cases.append(Case(family, "generated", text, spans))
    return cases


def _literal(rng: random.Random) -> list[Case]:
    cases, seen = [], set()
    while len(cases) < SIZES["literal"]:
        family, build = _LITERALS[len(cases) % len(_LITERALS)]
        text, spans = _join(build(rng))
        value = text[spans[0].start : spans[0].end]
        if value in seen:
            continue
        seen.add(value)
        cases.append(Case(family, "literal", text, spans))
    return cases


# --- negative: harmless text the suites say must not fire --------------------------------

Negative = Callable[[random.Random], str]


def _neg_ipv6(rng: random.Random) -> str:
    groups = ":".join(_chars(rng, HEX, 4) for _ in range(4))
    return f"listen [2001:db8:{groups}::1]:8443 ssl;  # ipv6 only"


def _neg_versions(rng: random.Random) -> str:
    return (
        f"Bumped requests {rng.randint(2, 3)}.{rng.randint(0, 32)}.{rng.randint(0, 9)} and "
        f"urllib3 {rng.randint(1, 2)}.{rng.randint(0, 9)}.{rng.randint(0, 20)}; node "
        f"v{rng.randint(16, 22)}.{rng.randint(0, 19)}.0"
    )


def _neg_sha(rng: random.Random) -> str:
    return f"sha256sum dist/app.tar.gz\n{_chars(rng, HEX, 64)}  dist/app.tar.gz\n"


def _neg_git(rng: random.Random) -> str:
    return (
        f"commit {_chars(rng, HEX, 40)}\nAuthor: ci-bot <ci@localhost>\n\n"
        f"    fix: retry on 503 (#{rng.randint(100, 9999)})"
    )


def _neg_uuid(rng: random.Random) -> str:
    return f'{{"orderId": "{_uuid(rng)}", "status": "SHIPPED", "items": {rng.randint(1, 9)}}}'


def _neg_placeholder(rng: random.Random) -> str:
    return rng.choice(
        (
            "OPENAI_API_KEY=<your-api-key-here>",
            "export API_TOKEN=${API_TOKEN:?must be set}",
            "password: {{ vault_db_password }}",
            'api_key = os.environ["PAYMENTS_API_KEY"]',
            "DB_PASSWORD=changeme",
            "secret: xxxxxxxxxxxxxxxxxxxx",
            'token = ""',
            "password: ${{ secrets.DB_PASSWORD }}",
            "aws_secret_access_key = vault:secret/data/aws#secret_key",
            "client_secret: !ENV ${CLIENT_SECRET}",
            "API_KEY=REPLACE_ME",
            'password = getpass.getpass("Password: ")',
        )
    ) + rng.choice(("\n", "  # set in CI\n", "\n# see docs/setup.md\n"))


def _neg_masked(rng: random.Random) -> str:
    tail = _chars(rng, ALNUM, 4)
    return rng.choice(
        (
            f"Key in use: sk-...{tail} (created last week)",
            f"token=********{tail}",
            "password: ****** (redacted)",
            f"Authorization: Bearer <redacted> req_id={_chars(rng, HEX, 12)}",
        )
    )


def _neg_aws_example(rng: random.Random) -> str:
    """A documentation-style example pair: AWS marks its sample keys with an EXAMPLE suffix."""
    key_id = "AKIA" + _chars(rng, UPPER + DIGITS, 9) + "EXAMPLE"
    secret = _chars(rng, ALNUM, 20) + "/" + _chars(rng, ALNUM, 9) + "EXAMPLEKEY"
    return rng.choice(
        (
            f"From the docs:\n  aws_access_key_id = {key_id}\n  aws_secret_access_key = {secret}\n",
            f"the tutorial uses {key_id} as the example key id, I replaced it with mine",
        )
    )


_SSH_ED25519 = b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00\x20"


def _neg_public_key(rng: random.Random) -> str:
    return f"ssh-ed25519 {_b64(_SSH_ED25519 + rng.randbytes(32))} dev@laptop"


def _neg_colour(rng: random.Random) -> str:
    return (
        f".btn-primary {{ color: #{_chars(rng, HEX, 6)}; background: #{_chars(rng, HEX, 6)}; "
        f"border-radius: {rng.randint(2, 8)}px; }}"
    )


def _neg_path(rng: random.Random) -> str:
    return (
        rng.choice(
            (
                "FileNotFoundError: [Errno 2] No such file or directory: '/srv/app/secrets/NOTES'",
                "C:\\Users\\build\\AppData\\Local\\Temp\\pip-install-3kd9\\setup.py",
                "/srv/ci/api/node_modules/.pnpm/lodash@4.17.21/node_modules/lodash",
            )
        )
        + f" (attempt {rng.randint(1, 5)})"
    )


def _neg_prose(rng: random.Random) -> str:
    return rng.choice(
        (
            "How do I reset my password if I no longer have access to the recovery email?",
            "Our policy: passwords must be at least 12 characters and rotated every 90 days.",
            "Kannst du mir erklären, wie man ein sicheres Passwort wählt?",
            "¿Dónde se guarda el token de acceso después del login?",
            "Le mot de passe doit contenir une majuscule, un chiffre et un symbole.",
            "The API key is stored in the secrets manager and injected at deploy time.",
            "パスワードを忘れた場合はどうすればいいですか?",
            "Never paste your API key into a ticket; use the vault link instead.",
        )
    ) + rng.choice(("", " Thanks!", " 🙏"))


def _neg_b64_data(rng: random.Random) -> str:
    text = rng.choice(
        (
            "hello world, this is just a note",
            '{"page": 2, "size": 50}',
            "The quick brown fox jumps over the lazy dog",
        )
    )
    return f"echo {_b64(text.encode())} | base64 -d"


def _neg_subnet(rng: random.Random) -> str:
    return (
        f"ingress:\n  - cidr: 10.{rng.randint(0, 255)}.0.0/16\n    ports: [443, 8080, "
        f"{rng.randint(1024, 65535)}]"
    )


def _neg_dates(rng: random.Random) -> str:
    return (
        f"Build #{rng.randint(100, 9999)} finished 2024-{rng.randint(1, 12):02d}-"
        f"{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z in "
        f"{rng.randint(1, 59)}m{rng.randint(0, 59)}s"
    )


def _neg_maven(rng: random.Random) -> str:
    return (
        f"[INFO] Downloading org.apache.commons:commons-lang3:3.{rng.randint(1, 14)}.0 "
        f"from central\n[INFO] BUILD SUCCESS"
    )


def _neg_minified(rng: random.Random) -> str:
    return (
        '!function(e,t){"object"==typeof exports?module.exports=t():e.lib=t()}(this,'
        f"function(){{var n={rng.randint(1, 99)};return function(r){{return r*n}}}});"
    )


def _neg_i18n(rng: random.Random) -> str:
    return (
        rng.choice(
            (
                '"auth.password.reset.title": "Reset your password",',
                '"settings.apiKey.label": "API key",',
                'msgid "password_too_short"',
                "login.form.secret_question.placeholder=Your answer",
            )
        )
        + "\n"
    )


def _neg_docker_digest(rng: random.Random) -> str:
    return f"image: nginx@sha256:{_chars(rng, HEX, 64)}"


def _neg_lockfile(rng: random.Random) -> str:
    return (
        f'"node_modules/ms": {{\n  "version": "2.1.{rng.randint(0, 3)}",\n  "integrity": '
        f'"sha512-{_b64(rng.randbytes(64))}"\n}}'
    )


def _neg_password_hash_field(rng: random.Random) -> str:
    return (
        f"password_hash column length is {rng.choice((60, 97, 128))}; we use argon2id with "
        f"m={rng.choice((19456, 65536))}, t=2, p=1."
    )


def _neg_test_names(rng: random.Random) -> str:
    return (
        f'def test_rejects_empty_password():\n    assert not validate(password="")\n'
        f"# {rng.randint(1, 40)} tests passed"
    )


def _neg_random_ids(rng: random.Random) -> str:
    return (
        f"trace_id={_chars(rng, HEX, 32)} span_id={_chars(rng, HEX, 16)} "
        f"duration_ms={rng.randint(1, 900)}"
    )


def _neg_env_refs(rng: random.Random) -> str:
    return (
        "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n"
        f"        name: db-creds-{rng.randint(1, 9)}\n        key: password"
    )


def _neg_sql(rng: random.Random) -> str:
    return (
        f"SELECT id, email_verified, password_changed_at FROM users WHERE last_login < "  # noqa: S608 - a harmless text, not a query
        f"now() - interval '{rng.randint(30, 365)} days';"
    )


def _neg_port_list(rng: random.Random) -> str:
    return (
        f"PORT={rng.randint(3000, 9999)}\nHOST=0.0.0.0\nWORKERS={rng.randint(1, 16)}\n"
        f"TIMEOUT={rng.randint(10, 120)}"
    )


def _neg_css_hash(rng: random.Random) -> str:
    return (
        f'<link rel="stylesheet" href="/static/main.{_chars(rng, HEX, 8)}.css">\n'
        f'<script src="/static/app.{_chars(rng, HEX, 20)}.js"></script>'
    )


def _neg_empty(rng: random.Random) -> str:
    return (
        rng.choice(
            (
                "DB_PASSWORD=\nDB_USER=app\nDB_HOST=localhost\n",
                'api_key: ""\napi_secret: ""\n',
                "password =\n",
                '<add key="ClientSecret" value="" />\n',
            )
        )
        + f"# filled in by the deploy job {rng.randint(1, 99)}\n"
    )


def _neg_md5_named(rng: random.Random) -> str:
    name = rng.choice(("ubuntu-24.04-live-server-amd64.iso", "backup.tar.zst", "model.onnx"))
    return f"MD5 ({name}) = {_chars(rng, HEX, 32)}\nverify before flashing"


def _neg_uuid_url(rng: random.Random) -> str:
    return (
        f'GET /api/v1/projects/{_uuid(rng)}/members?limit=50 HTTP/1.1" '
        f"{rng.choice((200, 304, 404))} {rng.randint(120, 9000)}"
    )


def _neg_data_uri(rng: random.Random) -> str:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(30)
    return f'<img alt="logo" src="data:image/png;base64,{_b64(png)}" width="16">'


def _neg_tf_variable(rng: random.Random) -> str:
    name = rng.choice(("db_password", "api_token", "client_secret"))
    return f'variable "{name}" {{\n  type      = string\n  sensitive = true\n}}\n'


def _neg_policy_regex(rng: random.Random) -> str:
    return (
        f"PASSWORD_REGEX = r'^(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s]).{{{rng.randint(10, 16)},}}$'"
        "  # at least one upper, digit, symbol"
    )


def _neg_pip_hashes(rng: random.Random) -> str:
    return f"requests==2.32.{rng.randint(0, 3)} \\\n    --hash=sha256:{_chars(rng, HEX, 64)}"


def _neg_keychain(rng: random.Random) -> str:
    return rng.choice(
        (
            'let token = KeychainHelper.read(service: "api", account: "token")',
            "val secret = BuildConfig.API_SECRET  // injected from local.properties",
            'String pw = System.getenv("SMTP_PASSWORD");',
            'token := os.Getenv("GITHUB_TOKEN")',
            "const key = await secretsManager.getSecretValue({ SecretId: 'prod/api' }).promise();",
        )
    )


def _neg_build_metadata(rng: random.Random) -> str:
    return (
        f"version 1.{rng.randint(0, 20)}.{rng.randint(0, 9)}+build.2024"
        f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}.{_chars(rng, HEX, 7)}"
    )


def _neg_mac(rng: random.Random) -> str:
    mac = ":".join(_chars(rng, HEX, 2) for _ in range(6))
    return f"eth0: link/ether {mac} brd ff:ff:ff:ff:ff:ff mtu 1500"


def _neg_arn(rng: random.Random) -> str:
    return (
        f"arn:aws:iam::{_chars(rng, DIGITS, 12)}:role/github-actions-deploy\n"
        f"arn:aws:s3:::logs-bucket-{rng.randint(1, 99)}/alb/"
    )


def _neg_csp(rng: random.Random) -> str:
    return (
        f"Content-Security-Policy: script-src 'self' 'sha256-{_b64(rng.randbytes(32))}'; "
        "object-src 'none'"
    )


def _neg_analytics(rng: random.Random) -> str:
    return (
        f"gtag('config', 'G-{_chars(rng, UPPER + DIGITS, 10)}');  "
        f"// property UA-{rng.randint(10000, 99999999)}-{rng.randint(1, 9)} retired"
    )


def _neg_request_id(rng: random.Random) -> str:
    return (
        f"HTTP/2 429\nx-request-id: {_uuid(rng)}\nretry-after: {rng.randint(1, 60)}\n"
        "content-type: application/json"
    )


def _neg_sri_go_sum(rng: random.Random) -> str:
    return (
        f"golang.org/x/net v0.{rng.randint(10, 30)}.0 h1:{_b64(rng.randbytes(32))}\n"
        f"golang.org/x/net v0.{rng.randint(10, 30)}.0/go.mod h1:{_b64(rng.randbytes(32))}"
    )


def _neg_camel_code(rng: random.Random) -> str:
    return (
        "public class PasswordResetTokenService implements TokenService {\n"
        f"    private static final int TOKEN_TTL_MINUTES = {rng.randint(5, 60)};\n}}"
    )


def _neg_ticket_prose(rng: random.Random) -> str:
    return (
        rng.choice(
            (
                "Steps to reproduce: 1) open login 2) enter a wrong password 3) see error 500",
                "Der Token läuft nach 15 Minuten ab, danach muss man sich neu anmelden.",
                "La clave API se rota automáticamente cada 30 días desde el panel.",
                "Il token di accesso viene salvato nel portachiavi del sistema.",
                "A senha temporária expira em 24 horas.",
                "トークンの有効期限は24時間です。",
            )
        )
        + f" (ticket {rng.randint(100, 9999)})"
    )


def _neg_jwt_header_only(rng: random.Random) -> str:
    return (
        f'the JWT header decodes to {{"alg":"RS256","kid":"key-{rng.randint(1, 9)}"}}'
        " - which claim holds the roles?"
    )


def _neg_k8s_probe(rng: random.Random) -> str:
    return (
        f"resources:\n  limits:\n    cpu: {rng.randint(100, 900)}m\n    memory: "
        f"{rng.choice((256, 512, 1024))}Mi\nlivenessProbe:\n  httpGet:\n    path: /healthz\n"
        f"    port: {rng.choice((8080, 9000))}"
    )


_NEGATIVES: tuple[tuple[str, Negative], ...] = (
    ("ipv6", _neg_ipv6),
    ("versions", _neg_versions),
    ("checksum", _neg_sha),
    ("git_sha", _neg_git),
    ("uuid_id", _neg_uuid),
    ("placeholder", _neg_placeholder),
    ("masked", _neg_masked),
    ("vendor_example", _neg_aws_example),
    ("public_key", _neg_public_key),
    ("css_colour", _neg_colour),
    ("file_path", _neg_path),
    ("prose", _neg_prose),
    ("base64_data", _neg_b64_data),
    ("subnet_ports", _neg_subnet),
    ("dates", _neg_dates),
    ("build_coordinates", _neg_maven),
    ("minified", _neg_minified),
    ("i18n_key", _neg_i18n),
    ("docker_digest", _neg_docker_digest),
    ("lockfile_integrity", _neg_lockfile),
    ("hash_settings", _neg_password_hash_field),
    ("test_code", _neg_test_names),
    ("trace_ids", _neg_random_ids),
    ("secret_ref", _neg_env_refs),
    ("sql", _neg_sql),
    ("ports", _neg_port_list),
    ("asset_hash", _neg_css_hash),
    ("empty_assignment", _neg_empty),
    ("hash_named", _neg_md5_named),
    ("uuid_in_url", _neg_uuid_url),
    ("data_uri", _neg_data_uri),
    ("terraform_variable", _neg_tf_variable),
    ("policy_regex", _neg_policy_regex),
    ("pip_hashes", _neg_pip_hashes),
    ("secret_lookup_code", _neg_keychain),
    ("build_metadata", _neg_build_metadata),
    ("mac_address", _neg_mac),
    ("aws_arn", _neg_arn),
    ("csp_hash", _neg_csp),
    ("analytics_ids", _neg_analytics),
    ("request_id", _neg_request_id),
    ("go_sum", _neg_sri_go_sum),
    ("camel_code", _neg_camel_code),
    ("ticket_prose", _neg_ticket_prose),
    ("jwt_header_talk", _neg_jwt_header_only),
    ("k8s_resources", _neg_k8s_probe),
)


def _negative(rng: random.Random) -> list[Case]:
    return [
        Case(family, "negative", build(rng), (), True)
        for family, build in (_NEGATIVES[i % len(_NEGATIVES)] for i in range(SIZES["negative"]))
    ]


# --- pii ----------------------------------------------------------------------------------

_FIRST = (
    "Aisha",
    "Mateo",
    "Ingrid",
    "Kenji",
    "Oluwaseun",
    "Priya",
    "Santiago",
    "Freya",
    "Dmitri",
    "Leilani",
    "Tomasz",
    "Amara",
    "Joaquín",
    "Siobhan",
    "Hiroshi",
    "Zanele",
    "Émilie",
    "Rahul",
    "Astrid",
    "Kwame",
    "Fatima",
    "Björn",
    "Mei",
    "Giulia",
    "Anh",
    "Chidi",
    "Nadia",
    "Lukas",
    "Yusuf",
    "Camila",
)
_LAST = (
    "Okonkwo",
    "Fernández",
    "Lindqvist",
    "Tanaka",
    "Adeyemi",
    "Raghunathan",
    "Moreau",
    "Kowalczyk",
    "O'Sullivan",
    "Nakamura",
    "Haddad",
    "Van der Berg",
    "Petrović",
    "Mensah",
    "Schneider",
    "Costa",
    "Nguyen",
    "Rossi",
    "Al-Mansouri",
    "Johansson",
    "Oyelaran",
    "Brennan",
    "Wiśniewska",
    "Chatterjee",
)
_DOMAINS = (
    "gmail.com",
    "outlook.de",
    "acme-corp.io",
    "uni-heidelberg.de",
    "yahoo.co.uk",
    "fastmail.fm",
    "empresa.com.br",
    "proton.me",
    "hotmail.fr",
    "stud.uni.it",
)
_ASCII = str.maketrans("áéíóúćńšśöø", "aeioucnssoo")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _email(rng: random.Random) -> str:
    first = rng.choice(_FIRST).lower().translate(_ASCII).replace("é", "e").replace("ö", "o")
    last = rng.choice(_LAST).lower().replace(" ", "").replace("'", "").replace("-", "")
    last = last.translate(_ASCII)
    local = rng.choice(
        (
            f"{first}.{last}",
            f"{first[0]}{last}",
            f"{first}{rng.randint(1, 99)}",
            f"{last}.{first}+invoices",
        )
    )
    return f"{local}@{rng.choice(_DOMAINS)}"


def _phone_draw(rng: random.Random) -> tuple[str, str]:
    area = rng.choice((212, 415, 617, 312, 206, 512, 303))
    return rng.choice(
        (
            ("US", f"({area}) {rng.randint(201, 989)}-{_chars(rng, DIGITS, 4)}"),
            ("US", f"+1 {area}-{rng.randint(201, 989)}-{_chars(rng, DIGITS, 4)}"),
            ("US", f"{area}.{rng.randint(201, 989)}.{_chars(rng, DIGITS, 4)}"),
            ("GB", f"+44 20 7{_chars(rng, DIGITS, 3)} {_chars(rng, DIGITS, 4)}"),
            ("GB", f"+44 7{rng.randint(400, 999)} {_chars(rng, DIGITS, 6)}"),
            ("DE", f"+49 30 {_chars(rng, DIGITS, 8)}"),
            ("DE", f"+49 151 {_chars(rng, DIGITS, 8)}"),
            ("FR", f"+33 6 {' '.join(_chars(rng, DIGITS, 2) for _ in range(4))}"),
            ("IN", f"+91 98{_chars(rng, DIGITS, 3)} {_chars(rng, DIGITS, 5)}"),
            (
                "ES",
                f"+34 6{_chars(rng, DIGITS, 2)} {_chars(rng, DIGITS, 2)} {_chars(rng, DIGITS, 2)}"
                f" {_chars(rng, DIGITS, 2)}",
            ),
            ("BR", f"+55 11 9{_chars(rng, DIGITS, 4)}-{_chars(rng, DIGITS, 4)}"),
            ("JP", f"+81 90-{_chars(rng, DIGITS, 4)}-{_chars(rng, DIGITS, 4)}"),
            (
                "AU",
                f"+61 4{_chars(rng, DIGITS, 2)} {_chars(rng, DIGITS, 3)} {_chars(rng, DIGITS, 3)}",
            ),
            ("NL", f"+31 6 {_chars(rng, DIGITS, 8)}"),
        )
    )


def _phone(rng: random.Random) -> str:
    while True:
        region, number = _phone_draw(rng)
        if phonenumbers.is_valid_number(phonenumbers.parse(number, region)):
            return number


def _luhn_complete(partial: str) -> str:
    total = 0
    for index, char in enumerate(reversed(partial)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return partial + str((10 - total % 10) % 10)


def _card(rng: random.Random) -> str:
    """Brands beyond Visa/Mastercard/Amex too: Discover, JCB, Maestro-length numbers."""
    if rng.random() < 0.5:
        return credit_card(rng)
    prefix = rng.choice(("6011", "65", "3528", "3589", "2221", "2720"))
    number = _luhn_complete(prefix + _chars(rng, DIGITS, 15 - len(prefix)))
    return rng.choice((number, " ".join(number[i : i + 4] for i in range(0, 16, 4))))


def _mod97_iban(country: str, bban: str) -> str:
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def _iban(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return iban(rng)
    country, bban = rng.choice(
        (
            ("IT", rng.choice(UPPER) + _chars(rng, DIGITS, 10) + _chars(rng, DIGITS, 12)),
            ("BE", _chars(rng, DIGITS, 12)),
            ("PL", _chars(rng, DIGITS, 24)),
            ("CH", _chars(rng, DIGITS, 17)),
            ("AT", _chars(rng, DIGITS, 16)),
            ("PT", _chars(rng, DIGITS, 21)),
        )
    )
    value = _mod97_iban(country, bban)
    return rng.choice((value, " ".join(value[i : i + 4] for i in range(0, len(value), 4))))


def _ip(rng: random.Random) -> str:
    if rng.random() < 0.2:
        groups = f"{_chars(rng, HEX, 4)}:{rng.randint(1, 9)}f0:{_chars(rng, HEX, 4)}"
        return f"2a02:{groups}::{rng.randint(2, 99)}"
    first = rng.choice((34, 52, 81, 151, 185, 203, 89, 192))
    second = 168 if first == 192 else rng.randint(1, 254)
    return f"{first}.{second}.{rng.randint(0, 254)}.{rng.randint(1, 254)}"


Templates = tuple[tuple[str, str], ...]

_PII_TEMPLATES: dict[str, tuple[Callable[[random.Random], str], Templates]] = {
    "PERSON": (
        _name,
        (
            ("Can you draft a thank-you note to ", " for covering my shift on Friday?"),
            ("Meeting notes:\n- ", " will own the migration plan.\n"),
            ("Sehr geehrte Frau ", ", vielen Dank für Ihre Nachricht."),
            ("Customer complaint escalated by ", ", see ticket below."),
            ("hola, soy ", " del equipo de soporte"),
            ("Thanks again,\n\n", "\nSenior Data Engineer\n"),
            ("@here welcome ", " who joins the platform team today :tada:"),
            ("Caro ", ", ti scrivo per il rimborso della trasferta."),
            ("Assignee: ", "\nPriority: P2\nStatus: Open\n"),
            ("Rewrite this reference letter for my former intern ", " so it sounds more formal."),
        ),
    ),
    "EMAIL_ADDRESS": (
        _email,
        (
            ("please cc ", " on the invoice thread"),
            ("Reply-To: ", "\nSubject: refund request\n"),
            ("2024-03-11 WARN mailer bounced to=", " code=550\n"),
            ("Mon adresse est ", ", merci de me recontacter."),
            ('{"user": {"id": 8812, "email": "', '", "verified": true}}'),
            ("| owner | ", " |\n"),
            ("git config user.email ", "\n"),
            ("Schreib mir einfach an ", ", dann schicke ich die Unterlagen."),
        ),
    ),
    "PHONE_NUMBER": (
        _phone,
        (
            ("call me back at ", " after 5pm please"),
            ("Kontakt: Tel. ", "\n"),
            ("| on-call | ", " |\n"),
            ("Mi número es ", ", escríbeme por WhatsApp."),
            ("customer: {\n  phone: '", "',\n  tier: 'gold'\n}"),
            ("Rappelez-moi au ", " demain matin."),
            ("SMS delivery failed to ", " (carrier timeout)\n"),
            ("Meu celular: ", "\n"),
        ),
    ),
    "CREDIT_CARD": (
        _card,
        (
            ("my card ", " got charged twice, can you check?"),
            ("Payment failed for card_number=", " reason=insufficient_funds\n"),
            ("Kartennummer: ", "\nGültig bis 08/27"),
            ("INSERT INTO payments (card, amount) VALUES ('", "', 49.90);"),
            ("Número de tarjeta ", ", vence 11/26"),
            ("why does my regex not match ", "? it is a valid card"),
        ),
    ),
    "US_SSN": (
        us_ssn,
        (
            ("Employee SSN: ", "\nStart date: next Monday"),
            ("for the W-2 form my social security number is ", ", thanks"),
            ('{"applicant": {"ssn": "', '"}}'),
            ("| SSN | ", " |\n"),
            ("Hi, can you fill the I-9 for me? SSN ", ", DOB is on file."),
        ),
    ),
    "IBAN_CODE": (
        _iban,
        (
            ("Bitte überweisen Sie auf IBAN ", " bis Monatsende."),
            ("Please wire the deposit to ", " and send the receipt."),
            ("IBAN: ", "\nBIC: see attachment\n"),
            ("Le virement doit aller sur ", " (compte joint)."),
            ("Mi IBAN es ", ", gracias por adelantado."),
            ('payout_account = "', '"\n'),
        ),
    ),
    "IP_ADDRESS": (
        _ip,
        (
            ("sshd: Failed password for invalid user from ", " port 51022\n"),
            ("my home IP is ", ", can you whitelist it?"),
            ('{"client_ip": "', '", "status": 403}'),
            ("", ' - - [12/Mar/2024:10:22:01 +0000] "GET /login HTTP/1.1" 200 512\n'),
            ("Unsere feste IP ist ", ", bitte in der Firewall freigeben."),
        ),
    ),
}


def _pii(rng: random.Random) -> list[Case]:
    entities = tuple(_PII_TEMPLATES)
    cases, seen = [], set()
    while len(cases) < SIZES["pii"]:
        entity = entities[len(cases) % len(entities)]
        build, templates = _PII_TEMPLATES[entity]
        value = build(rng)
        before, after = rng.choice(templates)
        text, spans = _join([(before, None), (value, entity), (after, None)])
        if text in seen:
            continue
        seen.add(text)
        cases.append(Case(entity.lower(), "pii", text, spans))
    return cases


# --- pii_negative: look-alikes holding no PII --------------------------------------------

_PII_NEG: tuple[tuple[str, Callable[[random.Random], str]], ...] = (
    (
        "order_number",
        lambda r: (
            f"Order #{r.randint(100000, 999999)}-{r.randint(10, 99)} "
            f"shipped, {r.randint(1, 5)} items."
        ),
    ),
    ("ticket", lambda r: f"Ticket INC{r.randint(1000000, 9999999)} moved to In Progress."),
    (
        "invoice",
        lambda r: (
            f"Invoice INV-2024-{r.randint(1000, 9999)} total: "
            f"{r.randint(10, 999)}.{r.randint(0, 99):02d} EUR"
        ),
    ),
    (
        "version",
        lambda r: (
            f"Upgrade to v{r.randint(1, 9)}.{r.randint(0, 30)}.{r.randint(0, 99)} "
            f"fixes the regression."
        ),
    ),
    ("timestamp", lambda r: f"last sync {r.randint(1700000000, 1800000000)} (unix seconds)"),
    (
        "sku",
        lambda r: (
            f"SKU {_chars(r, UPPER, 3)}-{r.randint(1000, 9999)}-{_chars(r, UPPER, 2)} out of stock"
        ),
    ),
    (
        "isbn",
        lambda r: (
            f"ISBN 978-{r.randint(0, 1)}-{r.randint(100, 999)}-"
            f"{r.randint(10000, 99999)}-{r.randint(0, 9)} is the second edition."
        ),
    ),
    (
        "math",
        lambda r: (
            f"{r.randint(100, 999)} * {r.randint(100, 999)} = ? and sqrt("
            f"{r.randint(1000, 9999)}) rounded to 2 decimals"
        ),
    ),
    ("code", lambda r: f"for (int i = 0; i < {r.randint(10, 500)}; i++) {{ total += buf[i]; }}"),
    (
        "heading",
        lambda r: (
            r.choice(
                (
                    "## Quarterly Revenue Summary",
                    "# Release Notes",
                    "### Known Issues And Workarounds",
                    "Chapter Three Overview",
                    "Getting Started With Data Pipelines",
                )
            )
            + f" ({r.randint(1, 9)})"
        ),
    ),
    (
        "product",
        lambda r: (
            r.choice(
                (
                    "The Surface Pro keyboard",
                    "My Kindle Paperwhite",
                    "Our Pixel Buds",
                    "This ThinkPad dock",
                )
            )
            + f" stopped working after update {r.randint(10, 99)}."
        ),
    ),
    ("tracking", lambda r: f"Tracking: 1Z{_chars(r, UPPER + DIGITS, 16)} - in transit"),
    (
        "http_status",
        lambda r: (
            f"GET /api/v{r.randint(1, 3)}/items?page={r.randint(1, 40)} 200 {r.randint(2, 900)}ms"
        ),
    ),
    (
        "measure",
        lambda r: (
            f"Box size {r.randint(10, 99)}x{r.randint(10, 99)}x{r.randint(5, 60)} "
            f"cm, weight {r.randint(1, 30)}.{r.randint(0, 9)} kg"
        ),
    ),
    (
        "money",
        lambda r: (
            f"Budget line {r.randint(100, 999)}: $ {r.randint(1, 99)},"
            f"{r.randint(100, 999)}.00 approved"
        ),
    ),
    (
        "german_prose",
        lambda r: f"Die Besprechung wurde auf Donnerstag, {r.randint(9, 17)}:00 Uhr, verschoben.",
    ),
    ("spanish_prose", lambda r: f"El informe tiene {r.randint(10, 90)} páginas y tres anexos."),
    (
        "french_prose",
        lambda r: f"Le lot numéro {r.randint(1000, 9999)} est prêt pour la livraison.",
    ),
    ("hex_ids", lambda r: f"build id {_chars(r, HEX, 12)}, artifact {r.randint(100, 999)}"),
    (
        "table",
        lambda r: (
            f"| metric | value |\n|---|---|\n| p95 latency | {r.randint(50, 900)} "
            f"ms |\n| error rate | 0.{r.randint(1, 99):02d} % |"
        ),
    ),
    (
        "stack",
        lambda r: (
            f'  File "app/views.py", line {r.randint(10, 900)}, in dispatch\n'
            f"KeyError: 'item_{r.randint(1, 99)}'"
        ),
    ),
    ("semver_range", lambda r: f'"dependencies": {{ "react": "^18.{r.randint(0, 3)}.0" }}'),
    ("decimal_list", lambda r: ", ".join(f"{r.uniform(0, 1):.4f}" for _ in range(5))),
    (
        "part_number",
        lambda r: (
            f"Replace filter part no. {r.randint(100, 999)}-"
            f"{r.randint(1000, 9999)}-{r.randint(10, 99)} every six months."
        ),
    ),
    (
        "osi",
        lambda r: (
            f"Layer {r.randint(1, 7)} of the network stack handles this; "
            f"see RFC {r.randint(1000, 9999)}."
        ),
    ),
)


def _luhn_invalid(rng: random.Random, length: int) -> str:
    """A long numeric id that fails the card checksum, as order and transaction ids do."""
    valid = _luhn_complete(_chars(rng, "123456789", 1) + _chars(rng, DIGITS, length - 2))
    return valid[:-1] + str((int(valid[-1]) + rng.randint(1, 9)) % 10)


_PII_NEG_MORE: tuple[tuple[str, Callable[[random.Random], str]], ...] = (
    ("transaction_id", lambda r: f"Transaction ID {_luhn_invalid(r, 16)} settled in 2 days."),
    (
        "windows_build",
        lambda r: (
            f"OS build 10.0.{r.randint(19041, 26100)}.{r.randint(1000, 4999)} after the patch"
        ),
    ),
    ("error_code", lambda r: f"Install failed with 0x8007{_chars(r, HEX.upper(), 4)}, retrying"),
    ("cron", lambda r: f"schedule: '{r.randint(0, 59)} {r.randint(0, 23)} * * 1-5'  # weekdays"),
    (
        "recipe",
        lambda r: (
            f"Bake at {r.choice((170, 180, 200))} °C for {r.randint(20, 45)} "
            "minutes, then rest 10 minutes."
        ),
    ),
    (
        "score",
        lambda r: (
            f"Final score {r.randint(0, 5)}-{r.randint(0, 5)} after extra time; "
            f"attendance {r.randint(10, 80)},{r.randint(100, 999)}."
        ),
    ),
    ("ssh_prompt", lambda r: f"deploy@build-{r.randint(1, 9):02d}:~/app$ make release"),
    ("mention", lambda r: f"@channel standup moved to {r.randint(9, 11)}:30, Q3 OKRs due Friday"),
    ("italian_prose", lambda r: f"Il pacco contiene {r.randint(2, 12)} pezzi e un manuale."),
    ("portuguese_prose", lambda r: f"A reunião durou {r.randint(20, 90)} minutos."),
    ("japanese_prose", lambda r: f"在庫は残り{r.randint(2, 40)}個です。"),
    ("dutch_prose", lambda r: f"De build duurde {r.randint(2, 30)} minuten langer dan gisteren."),
    (
        "unit_test",
        lambda r: (
            f"def test_parses_quantity_{r.randint(1, 99)}():\n"
            f"    assert parse('{r.randint(1, 999)} pcs') == {r.randint(1, 9)}"
        ),
    ),
    (
        "matrix",
        lambda r: (
            "[["
            + ", ".join(str(r.randint(0, 9)) for _ in range(3))
            + "], ["
            + ", ".join(str(r.randint(0, 9)) for _ in range(3))
            + "]]"
        ),
    ),
    (
        "dates_range",
        lambda r: (
            f"Sprint {r.randint(20, 60)}: 2024-{r.randint(1, 6):02d}-03 to "
            f"2024-{r.randint(7, 12):02d}-14"
        ),
    ),
    (
        "doi",
        lambda r: (
            f"see doi:10.{r.randint(1000, 9999)}/j.{r.randint(1000, 9999)}."
            f"{r.randint(2010, 2024)}.{r.randint(100, 999)}"
        ),
    ),
    ("gtin", lambda r: f"EAN {_chars(r, DIGITS, 13)} case pack of {r.randint(6, 24)}"),
    ("coupon", lambda r: f"Use code SPRING{r.randint(10, 50)} at checkout for a discount."),
    (
        "semver_table",
        lambda r: (
            f"| package | old | new |\n|---|---|---|\n| numpy | 1.{r.randint(20, 26)}.0"
            f" | 2.{r.randint(0, 2)}.{r.randint(0, 5)} |"
        ),
    ),
    (
        "css_layout",
        lambda r: (
            f".grid {{ grid-template-columns: repeat({r.randint(2, 6)}, 1fr); "
            f"gap: {r.randint(4, 24)}px; }}"
        ),
    ),
)


_PII_NEG_ALL = _PII_NEG + _PII_NEG_MORE


def _pii_negative(rng: random.Random) -> list[Case]:
    return [
        Case(family, "pii_negative", build(rng), (), True)
        for family, build in (
            _PII_NEG_ALL[i % len(_PII_NEG_ALL)] for i in range(SIZES["pii_negative"])
        )
    ]


_BUILDERS: tuple[Callable[[random.Random], list[Case]], ...] = (
    _literal,
    _generated,
    _negative,
    _pii,
    _pii_negative,
)


def round8_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """The round's cases, deterministic per seed (one generator threaded through all)."""
    rng = random.Random(seed)
    return [case for build in _BUILDERS for case in build(rng)]
