# ruff: noqa: E501, RUF001, S608 - case tables: long realistic lines, non-Latin text, SQL as pasted text
"""Blind round 7 of the peer evaluation: cases written without ever seeing the detector.

Written by a blind engineer ("blind7") from what public suites document, and frozen (merged)
before the detector first ran on it: trufflehog's detector tests (``pkg/detectors/*``),
Nosey Parker's and Kingfisher's rule examples (``rules/*.yml``: examples and non-examples),
gitleaks' rule definitions (``cmd/generate/config/rules``), detect-secrets' plugin tests and
Presidio's analyzer tests (recognizers' positive and negative cases). Nothing is copied from
them: every key-shaped value is built here at run time from the documented shape (prefix,
alphabet, length, checksum), and every case sits in a context people paste into a chat.

Kinds: ``literal`` (credentials as written in code, config, shells and messages), ``generated``
(vendor tokens from their format), ``negative`` (must-not-fire texts, all harmless), ``pii``
(one PII value per text) and ``pii_negative`` (look-alikes holding no personal data).
``round7_cases(seed)`` is deterministic per seed.
"""

from __future__ import annotations

import json
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
from bench.quality_corpus import _chars, us_ssn

KIND_SIZES = {"literal": 150, "generated": 200, "negative": 200, "pii": 60, "pii_negative": 100}

Draw = Callable[[random.Random], str]

# --- small value helpers -----------------------------------------------------------------

_WORDS = (
    "Tulip", "Harbor", "Cobalt", "Saffron", "Juniper", "Falcon", "Quartz", "Meadow", "Ember",
    "Glacier", "Pepper", "Orchid", "Lantern", "Velvet", "Thunder", "Marble", "Nimbus", "Coral",
    "Pretzel", "Biscuit", "Rocket", "Mango", "Zebra", "Cactus", "Walnut", "Pixel", "Comet",
)  # fmt: skip
_SYMBOLS = "!*-_.~"
_USERS = ("app_user", "svc_reporting", "admin", "deploy", "etl_loader", "grafana", "root",
          "backup", "ci-bot", "postgres", "jenkins_ro", "webapp")  # fmt: skip
_HOSTS = ("db-prod-03.internal", "pg.staging.corp.lan", "mysql-primary.svc.cluster.local",
          "cache-01.eu.internal", "mq.intra.net", "sql-replica-2.local", "10.12.4.17",
          "mongo-a.prod.lan", "ldap.corp.lan", "smtp.relay.internal")  # fmt: skip
_DBS = ("orders", "billing", "analytics", "app", "inventory", "crm", "metrics", "auth")


def _mixed(rng: random.Random, length: int) -> str:
    """A random run of letters and digits that starts and ends with a letter or digit."""
    middle = _chars(rng, ALNUM + _SYMBOLS, length - 2)
    return _chars(rng, ALNUM, 1) + middle + _chars(rng, ALNUM, 1)


def _human_password(rng: random.Random) -> str:
    """A password a person picks: word, symbol, digits, letters (``Tulip!8831kQ``)."""
    word, other = rng.sample(_WORDS, 2)
    shape = rng.randrange(4)
    if shape == 0:
        return f"{word}{rng.choice('!*~')}{rng.randint(10, 9999)}{_chars(rng, LOWER + UPPER, 2)}"
    if shape == 1:
        return (
            f"{word.lower()}{other}{rng.randint(10, 99)}{rng.choice('!*')}{_chars(rng, UPPER, 1)}"
        )
    if shape == 2:
        return f"{word}-{other}-{rng.choice(_WORDS)}-{rng.randint(10, 99)}"
    return _mixed(rng, rng.randint(14, 20))


def _url_password(rng: random.Random) -> str:
    """A password that needs no percent-encoding inside a URL."""
    word = rng.choice(_WORDS)
    return rng.choice(
        (f"{word}{rng.randint(100, 9999)}{_chars(rng, ALNUM, 4)}", _chars(rng, ALNUM, 20))
    )


def _secret(rng: random.Random) -> str:
    """A machine-made secret: 24-40 alphanumerics, hex, or url-safe base64 of 32 bytes."""
    return rng.choice(
        (
            _chars(rng, ALNUM, rng.randint(24, 40)),
            _chars(rng, HEX, rng.choice((32, 40, 64))),
            _b64url(rng.randbytes(32)),
        )
    )


def _b64_secret(rng: random.Random) -> str:
    return _b64(rng.randbytes(rng.choice((24, 32, 48))))


def _pem(rng: random.Random, kind: str, newline: str = "\n") -> str:
    raw = rng.randbytes(rng.choice((121, 230, 300)))
    if kind == "OPENSSH PRIVATE KEY":
        raw = b"openssh-key-v1\x00" + raw
    body = _b64(raw)
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return newline.join([f"-----BEGIN {kind}-----", *lines, f"-----END {kind}-----"])


def _fields(rng: random.Random, template: str) -> str:
    """Fill the ``§U`` user, ``§H`` host, ``§D`` database and ``§N`` number slots."""
    for slot, pool in (("§U", _USERS), ("§H", _HOSTS), ("§D", _DBS)):
        template = template.replace(slot, rng.choice(pool))
    return template.replace("§N", str(rng.randint(2, 9999)))


def _around(rng: random.Random, template: str, value: str) -> Segments:
    """Segments of ``template`` with the labelled ``value`` at ``§V``."""
    before, after = template.split("§V")
    return [(_fields(rng, before), None), (value, SECRET), (_fields(rng, after), None)]


# --- literal credentials ------------------------------------------------------------------

_LITERALS: tuple[tuple[str, Draw, str], ...] = (
    ("dotenv_password", _human_password, "# .env\nDB_HOST=§H\nDB_USER=§U\nDB_PASSWORD=§V\nDB_NAME=§D\n"),
    ("dotenv_quoted_secret", _secret, 'APP_ENV=production\nAPP_SECRET="§V"\nLOG_LEVEL=info\n'),
    ("postgres_url", _url_password, "DATABASE_URL=postgres://§U:§V@§H:5432/§D?sslmode=require"),
    ("mysql_url", _url_password, "engine = create_engine('mysql+pymysql://§U:§V@§H/§D')"),
    ("mongodb_srv", _url_password, 'const uri = "mongodb+srv://§U:§V@cluster0.ab12c.mongodb.net/§D";'),
    ("redis_url", _url_password, "REDIS_URL=redis://default:§V@§H:6379/0"),
    ("amqp_url", _url_password, "celery -A proj worker --broker amqp://§U:§V@§H:5672//"),
    ("jdbc_password", _url_password, "spring.datasource.url=jdbc:postgresql://§H:5432/§D?user=§U&password=§V\n"),
    ("adonet", _human_password, '"ConnectionStrings": { "Default": "Server=§H;Database=§D;User Id=§U;Password=§V;" }'),
    ("curl_u", _human_password, "$ curl -u §U:§V https://§H/api/v2/health\n"),
    ("curl_user", _url_password, "curl --user '§U:§V' -X POST https://§H/hooks/rebuild"),
    ("basic_header", lambda r: _b64(f"{r.choice(_USERS)}:{_human_password(r)}".encode()),
     "GET /api/export HTTP/1.1\nHost: §H\nAuthorization: Basic §V\nAccept: */*\n"),
    ("bearer_header", _secret, "curl -s -H 'Authorization: Bearer §V' https://§H/v1/items | jq ."),
    ("token_header", lambda r: _chars(r, HEX, 40), 'headers = {"Authorization": "Token §V"}'),
    ("x_api_key", _secret, "http GET https://§H/reports X-API-Key:§V"),
    ("mysql_cli", _url_password, "mysql -h §H -u §U -p§V §D < dump.sql"),
    ("pgpassword", _human_password, "PGPASSWORD='§V' psql -h §H -U §U -d §D -c 'select 1'"),
    ("docker_login", _secret, "docker login registry.corp.lan -u §U -p §V"),
    ("sshpass", _human_password, "sshpass -p '§V' ssh §U@§H 'sudo systemctl restart app'"),
    ("redis_cli", _url_password, "redis-cli -h §H -a §V INFO keyspace"),
    ("kubectl_literal", _human_password,
     "kubectl create secret generic db-creds --from-literal=username=§U --from-literal=password=§V -n prod"),
    ("openssl_pass", _human_password, "openssl pkcs12 -export -in cert.pem -inkey key.pem -out bundle.p12 -passout pass:§V"),
    ("ldapsearch", _human_password, "ldapsearch -x -H ldap://§H -D 'cn=§U,dc=corp,dc=lan' -w §V '(uid=*)'"),
    ("git_clone_token", lambda r: _chars(r, ALNUM, 32), "git clone https://oauth2:§V@git.corp.lan/platform/infra.git"),
    ("npmrc", _b64_secret, "registry=https://npm.corp.lan/\n//npm.corp.lan/:_authToken=§V\nalways-auth=true\n"),
    ("netrc", _human_password, "machine §H\n  login §U\n  password §V\n"),
    ("pgpass", _human_password, "# ~/.pgpass\n§H:5432:§D:§U:§V\n"),
    ("wp_config", _human_password, "define( 'DB_NAME', '§D' );\ndefine( 'DB_USER', '§U' );\ndefine( 'DB_PASSWORD', '§V' );"),
    ("django_secret", lambda r: _mixed(r, 50), "# settings.py\nDEBUG = False\nSECRET_KEY = '§V'\nALLOWED_HOSTS = ['*']"),
    ("rails_secret_base", lambda r: _chars(r, HEX, 128), "production:\n  secret_key_base: §V\n"),
    ("flask_secret", lambda r: _chars(r, HEX, 48), 'app.config["SECRET_KEY"] = "§V"'),
    ("jwt_secret_js", _secret, "const token = jwt.sign(payload, '§V', { expiresIn: '1h' });"),
    ("spring_yaml", _human_password,
     "spring:\n  datasource:\n    url: jdbc:mysql://§H:3306/§D\n    username: §U\n    password: §V\n"),
    ("properties_suffix", _secret, "mail.smtp.host=§H\nmail.smtp.auth.secretKey=§V\n"),
    ("xml_password", _human_password, "<dataSource>\n  <user>§U</user>\n  <password>§V</password>\n</dataSource>"),
    ("maven_settings", _human_password,
     "<server>\n  <id>corp-releases</id>\n  <username>§U</username>\n  <password>§V</password>\n</server>"),
    ("web_config", _human_password,
     '<add name="Main" connectionString="Data Source=§H;Initial Catalog=§D;User ID=§U;Password=§V" />'),
    ("set_property", _human_password, 'System.setProperty("db.password", "§V");'),
    ("java_field", _human_password, 'private static final String DB_PASS = "§V";'),
    ("csharp_field", _secret, 'var client = new ApiClient(apiKey: "§V");'),
    ("go_const", _secret, 'const webhookSecret = "§V"\n\nfunc main() {'),
    ("rust_let", _human_password, 'let conn = Client::connect("host=§H user=§U password=§V", NoTls)?;'),
    ("php_mailer", _human_password, "$mail->Username = 'alerts@corp.lan';\n$mail->Password = '§V';"),
    ("ruby_hash", _secret, "Stripe.api_key = ENV.fetch('STRIPE_KEY')\nclient = Api.new(token: '§V')"),
    ("python_requests_auth", _human_password, "r = requests.get(url, auth=HTTPBasicAuth('§U', '§V'))"),
    ("python_kwarg", _human_password, "conn = psycopg2.connect(host='§H', dbname='§D', user='§U', password='§V')"),
    ("nodemailer", _human_password, "auth: {\n  user: 'noreply@corp.lan',\n  pass: '§V'\n},"),
    ("sql_identified", _human_password, "CREATE USER '§U'@'%' IDENTIFIED BY '§V';"),
    ("sql_alter_role", _human_password, "ALTER ROLE §U WITH LOGIN PASSWORD '§V';"),
    ("redis_conf", _secret, "bind 0.0.0.0\nport 6379\nrequirepass §V\n"),
    ("dockerfile_env", _secret, "FROM python:3.12-slim\nENV API_TOKEN=§V\nCOPY . /app\n"),
    ("compose_env", _human_password,
     "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: §V\n"),
    ("k8s_secret_string", _human_password,
     "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-db\nstringData:\n  password: §V\n"),
    ("k8s_secret_data", lambda r: _b64(_human_password(r).encode()),
     "apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  DB_PASSWORD: §V\n"),
    ("terraform_default", _human_password,
     'variable "db_password" {\n  type    = string\n  default = "§V"\n}'),
    ("terraform_provider", _secret, 'provider "grafana" {\n  url  = "https://§H"\n  auth = "§V"\n}'),
    ("ansible_vars", _human_password, "all:\n  vars:\n    ansible_user: §U\n    ansible_become_pass: §V\n"),
    ("gha_env", _secret, "    env:\n      DEPLOY_TOKEN: §V\n    run: ./deploy.sh"),
    ("gitlab_ci", _human_password, "variables:\n  MYSQL_ROOT_PASSWORD: §V\n  MYSQL_DATABASE: §D\n"),
    ("jenkinsfile", _secret, "withEnv(['SONAR_LOGIN=§V']) {\n  sh 'mvn sonar:sonar'\n}"),
    ("powershell", _human_password,
     '$secure = ConvertTo-SecureString "§V" -AsPlainText -Force\n$cred = New-Object PSCredential("§U", $secure)'),
    ("ini_section", _human_password, "[database]\nhost = §H\nuser = §U\npasswd = §V\n"),
    ("toml", _secret, '[tool.poetry.http-basic.corp]\nusername = "§U"\npassword = "§V"\n'),
    ("json_client_secret", _secret, '{\n  "client_id": "reporting-app",\n  "client_secret": "§V",\n  "grant_type": "client_credentials"\n}'),
    ("aws_credentials", lambda r: _chars(r, B64, 40),
     "[default]\nregion = eu-west-1\naws_secret_access_key = §V\noutput = json\n"),
    ("azure_client_secret", lambda r: _chars(r, ALNUM, 3) + r.choice(DIGITS) + "Q~" + _mixed(r, 31),
     "az login --service-principal -u ci-deploy-sp -p §V --tenant corp.onmicrosoft.com"),
    ("wireguard", lambda r: _b64(r.randbytes(32)), "[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = §V\nDNS = 1.1.1.1\n"),
    ("wifi_psk", _human_password, 'network={\n    ssid="office-5g"\n    psk="§V"\n}'),
    ("session_cookie", lambda r: _b64url(r.randbytes(36)), "Cookie: theme=dark; sessionid=§V\n"),
    ("hmac_key", _secret, "WEBHOOK_SIGNING_KEY=§V"),
    ("suffixed_name", _secret, "api_token_123 = '§V'"),
    ("camel_name", _human_password, 'String mySecretString = "§V";'),
    ("rsa_pem", lambda r: _pem(r, "RSA PRIVATE KEY"), "here's the key from the old box:\n\n§V\n"),
    ("pkcs8_pem", lambda r: _pem(r, "PRIVATE KEY"), "```\n§V\n```\nwhy does nginx say bad decrypt?"),
    ("ec_pem", lambda r: _pem(r, "EC PRIVATE KEY"), "cat > /etc/ssl/private/api.key <<'EOF'\n§V\nEOF"),
    ("openssh_pem", lambda r: _pem(r, "OPENSSH PRIVATE KEY"), "$ cat ~/.ssh/id_ed25519\n§V\n"),
    ("escaped_pem_json", lambda r: _pem(r, "PRIVATE KEY", "\\n"),
     '{"type": "service_account", "project_id": "data-pipeline-§N", "private_key": "§V\\n", "client_email": "etl@data-pipeline.iam.gserviceaccount.com"}'),
    ("chat_en", _human_password, "hey, staging admin login is §U / §V - please don't share it"),
    ("chat_de", _human_password, "Hallo, das neue Passwort für den Testserver lautet: §V (bitte nach dem Login ändern)"),
    ("chat_fr", _human_password, "Le mot de passe du compte de service est §V , merci de le mettre dans le coffre."),
    ("chat_es", _human_password, "La contraseña del wifi de la oficina es §V y caduca el lunes."),
    ("chat_pt", _human_password, "Segue a senha do banco de homologação: §V"),
    ("chat_it", _human_password, "La password di root del NAS è §V , non cambiarla per favore."),
    ("chat_nl", _human_password, "Het wachtwoord van de beheerder is §V"),
    ("chat_pl", _human_password, "Hasło do panelu: §V (tymczasowe)"),
    ("chat_ja", _human_password, "検証環境のパスワードは §V です。"),
    ("ticket", _human_password, "[OPS-§N] Reset done. Temporary password: §V - user must change it at first login."),
    ("log_leak", _secret, "2024-05-02 10:14:07,551 DEBUG client: POST /oauth/token body=grant_type=password&username=§U&password=§V\n"),
    ("stacktrace_leak", _human_password,
     'Traceback (most recent call last):\n  File "etl.py", line 42, in <module>\n    conn = connect(dsn="host=§H user=§U password=§V")\npsycopg2.OperationalError: timeout expired'),
    ("notebook_cell", _secret, "In [3]: API_KEY = '§V'\n        resp = session.get(BASE + '/v1/datasets', params={'key': API_KEY})"),
    ("markdown_table", _human_password, "| env | user | password |\n|-----|------|----------|\n| qa | §U | §V |\n"),
    ("ftp_url", _url_password, "lftp ftp://§U:§V@§H/incoming"),
    ("smb_net_use", _human_password, "net use Z: \\\\fileserver\\share /user:CORP\\§U §V"),
    ("htpasswd_cli", _human_password, "htpasswd -b -c /etc/nginx/.htpasswd §U §V"),
)  # fmt: skip


def _literal(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    for index in range(KIND_SIZES["literal"]):
        family, draw, template = _LITERALS[index % len(_LITERALS)]
        text, spans = _join(_around(rng, template, draw(rng)))
        cases.append(Case(family, "literal", text, spans))
    return cases


# --- vendor tokens from their documented formats ------------------------------------------

_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _telegram(rng: random.Random) -> str:
    return f"{rng.randint(10**8, 10**10 - 1)}:AA{_chars(rng, URLSAFE, 33)}"


def _slack_bot(rng: random.Random) -> str:
    return f"xoxb-{_chars(rng, DIGITS, 12)}-{_chars(rng, DIGITS, 13)}-{_chars(rng, ALNUM, 24)}"


def _slack_user(rng: random.Random) -> str:
    return f"xoxp-{_chars(rng, DIGITS, 12)}-{_chars(rng, DIGITS, 12)}-{_chars(rng, DIGITS, 13)}-{_chars(rng, HEX, 32)}"


def _discord_bot(rng: random.Random) -> str:
    user_id = _b64url(str(rng.randint(10**17, 10**18)).encode())
    return f"{user_id}.{_chars(rng, URLSAFE, 6)}.{_chars(rng, URLSAFE, 38)}"


def _jwt(rng: random.Random) -> str:
    header = _b64url(b'{"alg":"HS256","typ":"JWT"}')
    claims = f'{{"sub":"{rng.randint(1000, 99999)}","iat":{rng.randint(1_600_000_000, 1_800_000_000)},"scope":"api"}}'
    return f"{header}.{_b64url(claims.encode())}.{_b64url(rng.randbytes(32))}"


def _bedrock(rng: random.Random) -> str:
    inner = f"BedrockAPIKey-{_chars(rng, LOWER + DIGITS, 4)}-at-{_chars(rng, DIGITS, 12)}:{_chars(rng, B64, 40)}"
    return "ABSK" + _b64(inner.encode())


def _mapbox(rng: random.Random) -> str:
    claims = _b64url(
        f'{{"u":"{_chars(rng, LOWER, 8)}","a":"{_chars(rng, LOWER + DIGITS, 25)}"}}'.encode()
    )
    return f"sk.{claims}.{_chars(rng, URLSAFE, 22)}"


def _teams_webhook(rng: random.Random) -> str:
    return (
        f"https://{_chars(rng, LOWER, 7)}.webhook.office.com/webhookb2/{_uuid(rng)}@{_uuid(rng)}"
        f"/IncomingWebhook/{_chars(rng, HEX, 32)}/{_uuid(rng)}"
    )


_VENDORS: tuple[tuple[str, str, Token], ...] = (
    ("openai_project", "OPENAI_API_KEY", _parts("sk-proj-", (URLSAFE, 58), "T3BlbkFJ", (URLSAFE, 58))),
    ("openai_service_account", "OPENAI_API_KEY", _parts("sk-svcacct-", (URLSAFE, 58), "T3BlbkFJ", (URLSAFE, 58))),
    ("anthropic", "ANTHROPIC_API_KEY", _parts("sk-ant-api03-", (URLSAFE, 93), "AA")),
    ("anthropic_admin", "ANTHROPIC_ADMIN_KEY", _parts("sk-ant-admin01-", (URLSAFE, 93), "AA")),
    ("github_pat", "GITHUB_TOKEN", _tok("ghp_", ALNUM, 36)),
    ("github_fine_grained", "GH_TOKEN", _parts("github_pat_", (ALNUM, 22), "_", (ALNUM, 59))),
    ("github_oauth", "GITHUB_OAUTH_TOKEN", _tok("gho_", ALNUM, 36)),
    ("github_app", "GITHUB_APP_TOKEN", _tok("ghs_", ALNUM, 36)),
    ("gitlab_pat", "GITLAB_TOKEN", _tok("glpat-", URLSAFE, 20)),
    ("gitlab_runner", "RUNNER_TOKEN", _tok("glrt-", URLSAFE, 20)),
    ("gitlab_trigger", "TRIGGER_TOKEN", _tok("glptt-", HEX, 40)),
    ("gitlab_deploy", "CI_DEPLOY_PASSWORD", _tok("gldt-", URLSAFE, 20)),
    ("aws_access_key_id", "AWS_ACCESS_KEY_ID", _tok("AKIA", UPPER + "234567", 16)),
    ("aws_sts_key_id", "AWS_ACCESS_KEY_ID", _tok("ASIA", UPPER + "234567", 16)),
    ("aws_bedrock", "AWS_BEARER_TOKEN_BEDROCK", _bedrock),
    ("google_api_key", "GOOGLE_API_KEY", _tok("AIza", URLSAFE, 35)),
    ("google_oauth_secret", "GOOGLE_CLIENT_SECRET", _tok("GOCSPX-", URLSAFE, 28)),
    ("google_refresh_token", "GOOGLE_REFRESH_TOKEN", _parts("1//0", (URLSAFE, 99))),
    ("slack_bot", "SLACK_BOT_TOKEN", _slack_bot),
    ("slack_user", "SLACK_USER_TOKEN", _slack_user),
    ("slack_app", "SLACK_APP_TOKEN", _parts("xapp-1-A", (UPPER + DIGITS, 10), "-", (DIGITS, 13), "-", (HEX, 64))),
    ("slack_webhook", "SLACK_WEBHOOK_URL",
     _parts("https://hooks.slack.com/services/T", (UPPER + DIGITS, 10), "/B", (UPPER + DIGITS, 10), "/", (ALNUM, 24))),
    ("stripe_live", "STRIPE_SECRET_KEY", _tok("sk_live_", ALNUM, 99)),
    ("stripe_restricted", "STRIPE_API_KEY", _tok("rk_live_", ALNUM, 99)),
    ("stripe_webhook_secret", "STRIPE_WEBHOOK_SECRET", _tok("whsec_", ALNUM, 32)),
    ("twilio_api_key", "TWILIO_API_KEY", _tok("SK", HEX, 32)),
    ("sendgrid", "SENDGRID_API_KEY", _parts("SG.", (URLSAFE, 22), ".", (URLSAFE, 43))),
    ("mailgun", "MAILGUN_API_KEY", _tok("key-", HEX, 32)),
    ("mailchimp", "MAILCHIMP_API_KEY", lambda r: f"{_chars(r, HEX, 32)}-us{r.randint(1, 21)}"),
    ("npm", "NPM_TOKEN", _tok("npm_", ALNUM, 36)),
    ("pypi", "PYPI_TOKEN", _parts("pypi-AgEIcHlwaS5vcmc", (URLSAFE, 70))),
    ("rubygems", "GEM_HOST_API_KEY", _tok("rubygems_", HEX, 48)),
    ("nuget", "NUGET_API_KEY", _tok("oy2", LOWER + DIGITS, 43)),
    ("dockerhub", "DOCKERHUB_TOKEN", _tok("dckr_pat_", URLSAFE, 27)),
    ("artifactory", "ARTIFACTORY_API_KEY", _tok("AKCp", ALNUM, 69)),
    ("clojars", "CLOJARS_PASSWORD", _tok("CLOJARS_", LOWER + DIGITS, 60)),
    ("huggingface", "HF_TOKEN", _tok("hf_", UPPER + LOWER, 34)),
    ("huggingface_org", "HF_ORG_TOKEN", _tok("api_org_", UPPER + LOWER, 34)),
    ("groq", "GROQ_API_KEY", _tok("gsk_", ALNUM, 52)),
    ("xai", "XAI_API_KEY", _tok("xai-", ALNUM, 80)),
    ("perplexity", "PERPLEXITY_API_KEY", _tok("pplx-", ALNUM, 48)),
    ("replicate", "REPLICATE_API_TOKEN", _tok("r8_", ALNUM, 37)),
    ("openrouter", "OPENROUTER_API_KEY", _tok("sk-or-v1-", HEX, 64)),
    ("tavily", "TAVILY_API_KEY", _tok("tvly-", ALNUM, 32)),
    ("firecrawl", "FIRECRAWL_API_KEY", _tok("fc-", HEX, 32)),
    ("jina", "JINA_API_KEY", _tok("jina_", ALNUM, 60)),
    ("langsmith", "LANGCHAIN_API_KEY", _parts("lsv2_pt_", (HEX, 32), "_", (HEX, 10))),
    ("pinecone", "PINECONE_API_KEY", _parts("pcsk_", (ALNUM, 6), "_", (ALNUM, 63))),
    ("shopify_admin", "SHOPIFY_ACCESS_TOKEN", _tok("shpat_", HEX, 32)),
    ("shopify_secret", "SHOPIFY_SHARED_SECRET", _tok("shpss_", HEX, 32)),
    ("digitalocean", "DIGITALOCEAN_TOKEN", _tok("dop_v1_", HEX, 64)),
    ("databricks", "DATABRICKS_TOKEN", _tok("dapi", HEX, 32)),
    ("doppler", "DOPPLER_TOKEN", _tok("dp.pt.", ALNUM, 43)),
    ("figma", "FIGMA_TOKEN", _tok("figd_", URLSAFE, 40)),
    ("dependency_track", "DT_API_KEY", _tok("odt_", ALNUM, 32)),
    ("sourcegraph", "SRC_ACCESS_TOKEN", _parts("sgp_", (HEX, 16), "_", (HEX, 40))),
    ("atlassian", "JIRA_API_TOKEN", _parts("ATATT3xFfGF0", (URLSAFE, 170), "=", (HEX, 8))),
    ("linear", "LINEAR_API_KEY", _tok("lin_api_", ALNUM, 40)),
    ("notion", "NOTION_TOKEN", _parts("ntn_", (DIGITS, 11), (ALNUM, 35))),
    ("postman", "POSTMAN_API_KEY", _parts("PMAK-", (HEX, 24), "-", (HEX, 34))),
    ("pulumi", "PULUMI_ACCESS_TOKEN", _tok("pul-", HEX, 40)),
    ("terraform_cloud", "TFE_TOKEN", _parts((ALNUM, 14), ".atlasv1.", (URLSAFE, 67))),
    ("vault_service", "VAULT_TOKEN", _tok("hvs.", URLSAFE, 90)),
    ("grafana_cloud", "GRAFANA_CLOUD_TOKEN", lambda r: "glc_" + _b64(r.randbytes(60))),
    ("grafana_service_account", "GRAFANA_SA_TOKEN", _parts("glsa_", (ALNUM, 32), "_", (HEX, 8))),
    ("new_relic", "NEW_RELIC_API_KEY", _tok("NRAK-", UPPER + DIGITS, 27)),
    ("sentry_user", "SENTRY_AUTH_TOKEN", _tok("sntryu_", HEX, 64)),
    ("dynatrace", "DT_API_TOKEN", _parts("dt0c01.", (UPPER + DIGITS, 24), ".", (UPPER + DIGITS, 64))),
    ("age_identity", "SOPS_AGE_KEY", lambda r: "AGE-SECRET-KEY-1" + _chars(r, _BECH32, 58).upper()),
    ("telegram_bot", "TELEGRAM_BOT_TOKEN", _telegram),
    ("discord_bot", "DISCORD_TOKEN", _discord_bot),
    ("discord_webhook", "DISCORD_WEBHOOK",
     _parts("https://discord.com/api/webhooks/", (DIGITS, 19), "/", (URLSAFE, 68))),
    ("teams_webhook", "TEAMS_WEBHOOK_URL", _teams_webhook),
    ("alibaba", "ALIBABA_CLOUD_ACCESS_KEY_ID", _tok("LTAI", ALNUM, 20)),
    ("planetscale", "PLANETSCALE_TOKEN", _tok("pscale_tkn_", URLSAFE, 43)),
    ("supabase", "SUPABASE_ACCESS_TOKEN", _tok("sbp_", HEX, 40)),
    ("mapbox_secret", "MAPBOX_SECRET_TOKEN", _mapbox),
    ("airtable", "AIRTABLE_TOKEN", _parts("pat", (ALNUM, 14), ".", (HEX, 64))),
    ("square", "SQUARE_ACCESS_TOKEN", _tok("EAAA", URLSAFE, 60)),
    ("shippo", "SHIPPO_API_KEY", _tok("shippo_live_", HEX, 40)),
    ("easypost", "EASYPOST_API_KEY", _tok("EZAK", ALNUM, 54)),
    ("dropbox", "DROPBOX_ACCESS_TOKEN", _tok("sl.", URLSAFE, 135)),
    ("circleci", "CIRCLE_TOKEN", _parts("CCIPAT_", (ALNUM, 22), "_", (HEX, 40))),
    ("buildkite", "BUILDKITE_API_TOKEN", _tok("bkua_", HEX, 40)),
    ("flyio", "FLY_API_TOKEN", _tok("fo1_", URLSAFE, 43)),
    ("render", "RENDER_API_KEY", _tok("rnd_", ALNUM, 32)),
    ("netlify", "NETLIFY_AUTH_TOKEN", _tok("nfp_", ALNUM, 36)),
    ("sonarqube", "SONAR_TOKEN", _tok("squ_", HEX, 40)),
    ("readme", "README_API_KEY", _tok("rdme_", LOWER + DIGITS, 70)),
    ("prefect", "PREFECT_API_KEY", _tok("pnu_", ALNUM, 36)),
    ("contentful", "CONTENTFUL_MANAGEMENT_TOKEN", _tok("CFPAT-", URLSAFE, 43)),
    ("adafruit", "ADAFRUIT_IO_KEY", _tok("aio_", ALNUM, 28)),
    ("stackhawk", "HAWK_API_KEY", _parts("hawk.", (ALNUM, 20), ".", (ALNUM, 20))),
    ("bitbucket_app_password", "BITBUCKET_APP_PASSWORD", _tok("ATBB", ALNUM, 32)),
    ("duffel", "DUFFEL_ACCESS_TOKEN", _tok("duffel_live_", URLSAFE, 43)),
    ("resend", "RESEND_API_KEY", _parts("re_", (ALNUM, 8), "_", (ALNUM, 24))),
    ("infracost", "INFRACOST_API_KEY", _tok("ico-", ALNUM, 32)),
    ("octopus_deploy", "OCTOPUS_API_KEY", _tok("API-", UPPER + DIGITS, 26)),
    ("deno_deploy", "DENO_DEPLOY_TOKEN", _tok("ddp_", ALNUM, 36)),
    ("tailscale", "TS_AUTHKEY", _parts("tskey-auth-k", (ALNUM, 10), "CNTRL-", (ALNUM, 33))),
    ("yandex_cloud", "YC_API_KEY", _tok("AQVN", URLSAFE, 36)),
    ("plaid", "PLAID_ACCESS_TOKEN", lambda r: f"access-production-{_uuid(r)}"),
    ("facebook", "FB_ACCESS_TOKEN", _tok("EAAG", ALNUM, 150)),
    ("heroku", "HEROKU_API_KEY", _tok("HRKU-AA", URLSAFE, 58)),
    ("azure_devops", "AZURE_DEVOPS_EXT_PAT", lambda r: _chars(r, BASE32.lower(), 52)),
    ("signed_jwt", "ACCESS_TOKEN", _jwt),
    ("elevenlabs", "ELEVENLABS_API_KEY", _tok("sk_", HEX, 48)),
    ("typeform", "TYPEFORM_TOKEN", _tok("tfp_", URLSAFE, 59)),
    ("scalingo", "SCALINGO_API_TOKEN", _tok("tk-us-", URLSAFE, 48)),
)  # fmt: skip

_CONTEXTS = (
    "§K=§V\n",
    'export §K="§V"\n',
    "§K: §V\n",
    '{"§K": "§V"}',
    "os.environ.setdefault('§K', '§V')",
    "$ §K=§V ./run.sh --dry-run",
    "- name: §K\n  value: §V\n",
    "[env]\n§K = \"§V\"\n",
    "ENV §K=§V\n",
    "$env:§K = '§V'",
    "set -x; curl -sS -H \"Authorization: Bearer §V\" https://api.internal/v1/me",
    "const client = new Client({ apiKey: '§V' });",
    "cfg := Config{Token: \"§V\"}",
    "<add key=\"§K\" value=\"§V\" />",
    "2024-06-11T08:12:44Z INFO boot config loaded §K=§V region=eu-central-1\n",
    "can someone check why this is failing? I set §K to §V and still get 401",
    "| variable | value |\n|---|---|\n| §K | §V |\n",
    "In [7]: %env §K=§V\n",
    "heroku config:set §K=§V -a web-prod",
    "gh secret set §K --body §V",
    "Kannst du kurz schauen? Mein Token ist §V und es kommt immer 403.",
    "Voici la clé pour le job nocturne : §V (à ne pas commiter)",
    "Traceback (most recent call last):\n  File \"sync.py\", line 18, in <module>\n    client.auth('§V')\nAuthError: 401 Unauthorized",
    "terraform apply -var '§K=§V'",
    "{\n  \"env\": {\n    \"§K\": \"§V\"\n  }\n}",
)  # fmt: skip


def _generated(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    for index in range(KIND_SIZES["generated"]):
        family, name, token = _VENDORS[index % len(_VENDORS)]
        context = rng.choice(_CONTEXTS).replace("§K", name)
        text, spans = _join(_around(rng, context, token(rng)))
        cases.append(Case(family, "generated", text, spans))
    return cases


# --- negatives: must not raise a credential finding ---------------------------------------


def _ipv6(r: random.Random) -> str:
    groups = ["2001", "db8", *(f"{r.randrange(65536):x}" for _ in range(6))]
    return ":".join(groups)


def _semver(r: random.Random) -> str:
    return f"{r.randint(0, 9)}.{r.randint(0, 30)}.{r.randint(0, 20)}"


def _sha(r: random.Random, n: int = 40) -> str:
    return _chars(r, HEX, n)


def _ssh_ed25519(r: random.Random) -> str:
    return _b64(b"\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + r.randbytes(32))


def _cursor(r: random.Random) -> str:
    return _b64(json.dumps({"offset": r.randint(50, 5000), "limit": 50}).encode())


def _doc_aws_key_id() -> str:
    return "AKIA" + "IOSFODNN7" + "EXAMPLE"


def _doc_aws_secret() -> str:
    return "/".join(("wJalrXUtnFEMI", "K7MDENG", "bPxRfiCY" + "EXAMPLEKEY"))


_NEGATIVES: tuple[tuple[str, Draw], ...] = (
    ("ipv6_listen", lambda r: f"server {{\n    listen [{_ipv6(r)}]:{r.choice((443, 8443))} ssl;\n}}"),
    ("ipv6_pgpass_like", lambda r: f"host=[{_ipv6(r)}] port=5432 dbname=app sslmode=verify-full"),
    ("ipv6_log", lambda r: f"Connection from {_ipv6(r)} port {r.randint(30000, 65000)} on {_ipv6(r)} port 22 rdomain \"\""),
    ("port_assignments", lambda r: f"DB_PORT={r.choice((5432, 3306, 1433))}\nREDIS_PORT=6379\nHTTP_PORT={r.randint(3000, 9000)}\n"),
    ("compose_ports", lambda r: f"    ports:\n      - \"{r.randint(3000, 9000)}:80\"\n      - \"127.0.0.1:{r.randint(5000, 6000)}:5432\"\n"),
    ("url_with_port", lambda r: f"DATABASE_URL=postgres://db.internal:{r.choice((5432, 6432))}/app\nBROKER=amqp://mq.internal:5672//"),
    ("subnets", lambda r: f"Subnet: 10.{r.randint(0, 255)}.0.0/16\nGateway: 10.0.0.1\nallowed_cidrs = [\"192.168.{r.randint(0, 255)}.0/24\"]"),
    ("pinned_versions", lambda r: f"requests=={_semver(r)}\nurllib3=={_semver(r)}\ncryptography=={r.randint(38, 44)}.0.{r.randint(0, 9)}\n"),
    ("node_versions", lambda r: f"$ node --version\nv{r.randint(16, 22)}.{r.randint(0, 19)}.{r.randint(0, 9)}\n$ npm -v\n{_semver(r)}"),
    ("go_mod", lambda r: f"require (\n\tgithub.com/spf13/cobra v1.{r.randint(5, 9)}.0\n\tgolang.org/x/crypto v0.{r.randint(10, 30)}.0\n)"),
    ("dates_log", lambda r: f"[{r.randint(2019, 2025)}-0{r.randint(1, 9)}-1{r.randint(0, 9)} 0{r.randint(0, 9)}:{r.randint(10, 59)}:{r.randint(10, 59)}] cron.daily finished in {r.randint(1, 90)}s"),
    ("sha256sum", lambda r: f"{_sha(r, 64)}  release-{_semver(r)}-linux-amd64.tar.gz"),
    ("checksum_named", lambda r: f"SHA512 checksum: {_sha(r, 128)}\nMD5: {_sha(r, 32)}"),
    ("npm_integrity", lambda r: f'"node_modules/lodash": {{\n  "version": "4.17.21",\n  "integrity": "sha512-{_b64(r.randbytes(64))}"\n}}'),
    ("go_sum", lambda r: f"github.com/google/uuid v1.6.0 h1:{_b64(r.randbytes(32))}\ngithub.com/google/uuid v1.6.0/go.mod h1:{_b64(r.randbytes(32))}"),
    ("cargo_lock", lambda r: f'[[package]]\nname = "serde"\nversion = "1.0.{r.randint(100, 219)}"\nchecksum = "{_sha(r, 64)}"'),
    ("uuid_request_id", lambda r: f"ERROR request_id={_uuid(r)} tenant_id={_uuid(r)} status=504 upstream timed out"),
    ("azure_resource_id", lambda r: f"/subscriptions/{_uuid(r)}/resourceGroups/rg-web/providers/Microsoft.Web/sites/web-prod"),
    ("sln_guids", lambda r: f'Project("{{{_uuid(r).upper()}}}") = "Core", "src\\Core\\Core.csproj", "{{{_uuid(r).upper()}}}"'),
    ("maven_coordinates", lambda r: f"implementation 'org.apache.commons:commons-lang3:3.{r.randint(9, 17)}.0'\nimplementation 'com.fasterxml.jackson.core:jackson-databind:2.{r.randint(12, 17)}.1'"),
    ("docker_digest", lambda r: f"FROM nginx:1.{r.randint(20, 27)}.0-alpine@sha256:{_sha(r, 64)}"),
    ("gha_pinned", lambda r: f"      - uses: actions/checkout@{_sha(r)} # v4.1.{r.randint(0, 7)}"),
    ("empty_env", lambda r: "DB_HOST=localhost\nDB_PASSWORD=\nDB_USER=app\nSECRET_KEY=\n"),
    ("empty_yaml", lambda r: f"smtp:\n  host: smtp.internal\n  port: {r.choice((25, 587))}\n  username: ''\n  password: ''\n"),
    ("none_assignment", lambda r: "api_key: str | None = None\npassword = None  # set from the vault at start-up"),
    ("angle_placeholder", lambda r: r.choice(("OPENAI_API_KEY=<your-api-key>", "curl -u <user>:<password> https://api.internal/v1", "token: <YOUR_TOKEN_HERE>"))),
    ("xxx_placeholder", lambda r: f"STRIPE_SECRET_KEY=sk_live_{'x' * r.randint(24, 32)}\nGITHUB_TOKEN=ghp_{'X' * 36}"),
    ("changeme", lambda r: r.choice(("POSTGRES_PASSWORD=changeme", "admin_password: change-me", "password = \"CHANGE_ME\"", "DB_PASS=your_password_here"))),
    ("env_reference", lambda r: r.choice(("password: ${DB_PASSWORD}", "API_TOKEN=${API_TOKEN:?must be set}", "token = \"$(cat /run/secrets/token)\""))),
    ("template_reference", lambda r: r.choice(("password: {{ .Values.db.password }}", "token: ${{ secrets.NPM_TOKEN }}", "api_key = \"{{ vault_api_key }}\""))),
    ("code_reference", lambda r: r.choice(("api_key = os.environ[\"OPENAI_API_KEY\"]", "const key = process.env.STRIPE_SECRET_KEY;", "password := os.Getenv(\"DB_PASSWORD\")", "String pw = System.getenv(\"DB_PASS\");"))),
    ("vault_reference", lambda r: r.choice(("password: vault:secret/data/prod/db#password", "DB_PASSWORD=op://Engineering/Postgres/password", "secretKeyRef:\n  name: db-creds\n  key: password"))),
    ("aws_doc_example", lambda r: f"aws_access_key_id = {_doc_aws_key_id()}\naws_secret_access_key = {_doc_aws_secret()}"),
    ("masked_openai", lambda r: f"the key ending in ...{_chars(r, ALNUM, 4)} was revoked; new one is sk-...{_chars(r, ALNUM, 4)} (see vault)"),
    ("masked_stars", lambda r: f"password: ********\ntoken: ghp_{'*' * 32}{_chars(r, ALNUM, 4)}\napi_key: [REDACTED]"),
    ("ssh_public_key", lambda r: f"ssh-ed25519 {_ssh_ed25519(r)} deploy@ci-runner"),
    ("public_pem", lambda r: "-----BEGIN PUBLIC KEY-----\n" + "\n".join(_b64(r.randbytes(48)) for _ in range(4)) + "\n-----END PUBLIC KEY-----"),
    ("certificate_pem", lambda r: "-----BEGIN CERTIFICATE-----\n" + "\n".join(_b64(r.randbytes(48)) for _ in range(6)) + "\n-----END CERTIFICATE-----"),
    ("wireguard_public", lambda r: f"[Peer]\nPublicKey = {_b64(r.randbytes(32))}\nAllowedIPs = 10.8.0.0/24\nEndpoint = vpn.internal:51820"),
    ("file_paths", lambda r: r.choice(("/etc/ssl/private/server.key", "C:\\ProgramData\\ssh\\ssh_host_ed25519_key.pub", "~/.aws/credentials", "secrets/passwords.txt")) + " not found (errno 2)"),
    ("git_log", lambda r: f"commit {_sha(r)}\nMerge: {_sha(r, 7)} {_sha(r, 7)}\n\n    Merge pull request #{r.randint(100, 9999)} from feature/password-reset"),
    ("git_short_sha", lambda r: f"git cherry-pick {_sha(r, 7)} && git revert --no-edit {_sha(r, 12)}"),
    ("base64_cursor", lambda r: f'"next_cursor": "{_cursor(r)}"'),
    ("base64_text", lambda r: f"echo {_b64(r.choice((b'hello from the build agent', b'backup completed without errors', b'Q3 planning notes - draft')))} | base64 -d"),
    ("css_colours", lambda r: f".btn-primary {{ color: #{_sha(r, 6)}; background: #{_sha(r, 6)}; border-color: #{_sha(r, 3)}; }}"),
    ("minified_js", lambda r: f"!function(e,t){{var n=e.{_chars(r, LOWER, 3)}||{{}};n.v=\"{_semver(r)}\",t(n)}}(window,function(e){{return e}});"),
    ("i18n_keys", lambda r: '"auth.password.reset.title": "Reset your password",\n"auth.password.tooShort": "Password must be at least 12 characters",\n"auth.token.expired": "Your session token has expired"'),
    ("password_prose_en", lambda r: f"Reminder: passwords must be at least {r.randint(12, 16)} characters and rotated every {r.choice((60, 90))} days. Use the password manager, never share it in chat."),
    ("password_prose_de", lambda r: "Bitte das Passwort niemals per E-Mail verschicken; nutzt den Passwort-Manager und aktiviert die Zwei-Faktor-Anmeldung."),
    ("password_prose_fr", lambda r: "Le mot de passe doit contenir au moins 12 caractères, dont un chiffre et un symbole."),
    ("password_prose_es", lambda r: "Si olvidaste tu contraseña, usa el enlace de restablecimiento; el token caduca en 15 minutos."),
    ("policy_regex", lambda r: "PASSWORD_REGEX = r\"^(?=.*[A-Z])(?=.*\\d)(?=.*[^\\w\\s]).{12,}$\""),
    ("schema_column", lambda r: "CREATE TABLE users (\n  id BIGSERIAL PRIMARY KEY,\n  password_hash VARCHAR(255) NOT NULL,\n  api_token_expires_at TIMESTAMPTZ\n);"),
    ("function_signature", lambda r: "def login(username: str, password: str, *, otp: str | None = None) -> Session:\n    if len(password) < 12:\n        raise WeakPassword()"),
    ("html_form", lambda r: '<input type="password" name="password" id="password" autocomplete="current-password" minlength="12" required>'),
    ("cli_help", lambda r: "  -p, --password PASSWORD  password for the user (prompted if omitted)\n  -t, --token TOKEN        API token; defaults to $API_TOKEN"),
    ("auth_log", lambda r: f"FATAL:  password authentication failed for user \"app\"\nDETAIL:  Connection matched pg_hba.conf line {r.randint(80, 120)}"),
    ("token_counts", lambda r: f"usage: prompt_tokens={r.randint(100, 4000)} completion_tokens={r.randint(10, 900)} max_tokens=4096 token_limit_exceeded=false"),
    ("vendor_object_ids", lambda r: f"refund failed for cus_{_chars(r, ALNUM, 14)} / pi_{_chars(r, ALNUM, 24)} (charge ch_{_chars(r, ALNUM, 24)})"),
    ("aws_arn", lambda r: f"arn:aws:iam::{_chars(r, DIGITS, 12)}:role/github-deploy\narn:aws:secretsmanager:eu-west-1:{_chars(r, DIGITS, 12)}:secret:prod/db-{_chars(r, ALNUM, 6)}"),
    ("mac_addresses", lambda r: "ether " + ":".join(_chars(r, HEX, 2) for _ in range(6)) + " txqueuelen 1000"),
    ("boolean_secret_keys", lambda r: "secret: false\nis_secret = True\nSECRET_SCANNING_ENABLED=true\npassword_required: yes"),
    ("config_numbers", lambda r: f"PASSWORD_MIN_LENGTH={r.randint(8, 16)}\nTOKEN_TTL_SECONDS={r.choice((900, 3600))}\nPASSWORD_RESET_TIMEOUT=259200\napi_key_header = \"X-API-Key\""),
    ("git_lfs_pointer", lambda r: f"version https://git-lfs.github.com/spec/v1\noid sha256:{_sha(r, 64)}\nsize {r.randint(10000, 9999999)}"),
    ("sri_hash", lambda r: f'<script src="/static/app.{_sha(r, 8)}.js" integrity="sha384-{_b64(r.randbytes(48))}" crossorigin="anonymous"></script>'),
    ("shell_vars", lambda r: 'curl -u "$API_USER:$API_PASS" -H "Authorization: Bearer ${TOKEN}" https://api.internal/v1/ping'),
    ("hex_addresses", lambda r: f"#0  0x{_sha(r, 12)} in malloc () from /lib/x86_64-linux-gnu/libc.so.6\n#1  0x{_sha(r, 12)} in parse_config (path=0x{_sha(r, 12)})"),
    ("env_example", lambda r: "# copy to .env and fill in\nOPENAI_API_KEY=sk-your-key-here\nSLACK_BOT_TOKEN=xoxb-your-bot-token\nDATABASE_URL=postgres://user:password@localhost:5432/dbname"),
    ("k8s_uid", lambda r: f"metadata:\n  name: web-{_chars(r, LOWER + DIGITS, 10)}-{_chars(r, LOWER + DIGITS, 5)}\n  uid: {_uuid(r)}\n  resourceVersion: \"{r.randint(100000, 9999999)}\""),
)  # fmt: skip


def _negative(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    for index in range(KIND_SIZES["negative"]):
        family, draw = _NEGATIVES[index % len(_NEGATIVES)]
        cases.append(Case(family, "negative", draw(rng), (), harmless=True))
    return cases


# --- PII positives: one value per text ----------------------------------------------------

_PEOPLE = (
    "Aoife Brennan", "Tomasz Wójcik", "Nkechi Okafor", "Rahul Menon", "Mei-Ling Zhou",
    "Søren Kjær", "Javier Ortega Ruiz", "Fatma Yıldız", "Olumide Adeyemi", "Ingrid Halvorsen",
    "Thabo Mokoena", "Hiroshi Tanaka", "Camille Laurent", "Dmitri Volkov", "Ana Lúcia Ferreira",
    "Siddharth Rao", "Maeve O'Connor", "Kwame Mensah", "Lukas Novák", "Priya Raghunathan",
    "Mateo Silva", "Greta Lindqvist", "Bongani Dlamini", "Yasmin Haddad",
)  # fmt: skip
_MAIL_DOMAINS = ("gmail.com", "outlook.com", "northwind-logistics.com", "kestrelhealth.io",
                 "posteo.de", "orange.fr", "bluepine.co.uk", "yahoo.es")  # fmt: skip


def _email(rng: random.Random) -> str:
    first, *rest = rng.choice(_PEOPLE).lower().replace("'", "").split()
    last = rest[-1]
    plain = {"ó": "o", "ø": "o", "æ": "ae", "ú": "u", "ı": "i", "á": "a", "é": "e"}
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}"))
    local = "".join(plain.get(c, c) for c in local)
    return f"{local}@{rng.choice(_MAIL_DOMAINS)}"


_PHONE_SHAPES = (
    ("US", lambda r: f"({r.randint(201, 989)}) {r.randint(201, 989)}-{r.randint(1000, 9999)}"),
    ("US", lambda r: f"+1 {r.randint(201, 989)}-{r.randint(201, 989)}-{r.randint(1000, 9999)}"),
    ("GB", lambda r: f"+44 7{r.randint(400, 999)} {r.randint(100000, 999999)}"),
    ("DE", lambda r: f"+49 30 {r.randint(2000000, 9999999)}"),
    ("FR", lambda r: f"+33 6 {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}"),
    ("IN", lambda r: f"+91 9{r.randint(1000, 9999)} {r.randint(10000, 99999)}"),
    ("ES", lambda r: f"+34 6{r.randint(10, 99)} {r.randint(100, 999)} {r.randint(100, 999)}"),
    ("BR", lambda r: f"+55 11 9{r.randint(6000, 9999)}-{r.randint(1000, 9999)}"),
    ("AU", lambda r: f"+61 4{r.randint(10, 99)} {r.randint(100, 999)} {r.randint(100, 999)}"),
)  # fmt: skip


def _phone(rng: random.Random) -> str:
    while True:
        region, shape = rng.choice(_PHONE_SHAPES)
        number = shape(rng)
        if phonenumbers.is_valid_number(phonenumbers.parse(number, region)):
            return number


def _luhn_complete(partial: str) -> str:
    total = 0
    for index, char in enumerate(reversed(partial)):
        digit = int(char) * (2 if index % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return partial + str((10 - total % 10) % 10)


def _card(rng: random.Random) -> str:
    prefix, length = rng.choice((("4", 16), ("5" + str(rng.randint(1, 5)), 16), ("34", 15),
                                 ("37", 15), ("6011", 16), ("35" + str(rng.randint(28, 89)), 16)))  # fmt: skip
    number = _luhn_complete(prefix + _chars(rng, DIGITS, length - len(prefix) - 1))
    if length == 16 and rng.random() < 0.5:
        return rng.choice(" -").join(number[i : i + 4] for i in range(0, 16, 4))
    if length == 15 and rng.random() < 0.5:
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    return number


_IBAN_BBAN = {
    "DE": ((DIGITS, 18),), "GB": ((UPPER, 4), (DIGITS, 14)), "FR": ((DIGITS, 23),),
    "ES": ((DIGITS, 20),), "NL": ((UPPER, 4), (DIGITS, 10)), "IT": ((UPPER, 1), (DIGITS, 22)),
    "BE": ((DIGITS, 12),), "PL": ((DIGITS, 24),), "AT": ((DIGITS, 16),), "IE": ((UPPER, 4), (DIGITS, 14)),
    "PT": ((DIGITS, 21),), "SE": ((DIGITS, 20),), "FI": ((DIGITS, 14),), "CH": ((DIGITS, 17),),
}  # fmt: skip


def iban_with_check(country: str, bban: str) -> str:
    """An IBAN with its ISO 7064 mod-97 check digits."""
    numeric = "".join(str(int(char, 36)) for char in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def _iban(rng: random.Random) -> str:
    country = rng.choice(sorted(_IBAN_BBAN))
    bban = "".join(_chars(rng, alphabet, n) for alphabet, n in _IBAN_BBAN[country])
    value = iban_with_check(country, bban)
    if rng.random() < 0.5:
        return " ".join(value[i : i + 4] for i in range(0, len(value), 4))
    return value


def _ssn(rng: random.Random) -> str:
    value = us_ssn(rng)
    return value.replace("-", " ") if rng.random() < 0.2 else value


def _ipv4_public(rng: random.Random) -> str:
    first = rng.choice([n for n in range(11, 224) if n not in (100, 127, 169, 172, 192, 198, 203)])
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def _ipv6_global(rng: random.Random) -> str:
    return f"2a0{rng.randint(0, 9)}:" + ":".join(f"{rng.randrange(65536):x}" for _ in range(7))


_PII: tuple[tuple[str, Draw, tuple[str, ...]], ...] = (
    ("PERSON", lambda r: r.choice(_PEOPLE), (
        "Can you draft a reference letter for §V? She led our data migration last year.",
        "Meeting notes: §V will own the rollout plan, due Friday.",
        "Please write a polite reminder to §V about the overdue expense report.",
        "Hola, ¿puedes traducir este correo para §V? Es sobre la factura de marzo.",
        "Bitte fasse das Protokoll zusammen: §V hat die Budgetfreigabe bestätigt.",
        "Rédige un message de bienvenue pour §V qui rejoint l'équipe lundi.",
        "ticket reassigned from the queue to §V (on-call this week)",
    )),
    ("EMAIL_ADDRESS", _email, (
        "my email is §V, send the invoice there please",
        "Reply-To: §V\nSubject: Re: contract renewal",
        "user lookup failed: no account for §V in tenant 42",
        "Mi correo es §V por si necesitas algo.",
    )),
    ("PHONE_NUMBER", _phone, (
        "call me at §V after 5pm",
        "Contact for the delivery: §V",
        "Meine Handynummer ist §V, melde dich gern.",
        "Mon numéro : §V (WhatsApp aussi)",
        "customer phone: §V | preferred contact: SMS",
    )),
    ("CREDIT_CARD", _card, (
        "Why was my card §V declined? It worked yesterday.",
        "Payment failed for card number §V, expiry 09/27",
        "can you check if §V is a valid Visa?",
        "Mi tarjeta §V aparece bloqueada en la app.",
    )),
    ("US_SSN", _ssn, (
        "My SSN is §V, do I need it for the W-4?",
        "Fill the form with SSN §V and the address on file.",
        "applicant ssn: §V (verified)",
    )),
    ("IBAN_CODE", _iban, (
        "Please wire the deposit to IBAN §V before Monday.",
        "Bankverbindung: IBAN §V, Verwendungszweck: Rechnung 2024-118",
        "Voici mon RIB, IBAN : §V",
        "refund destination account §V (SEPA)",
    )),
    ("IP_ADDRESS", lambda r: _ipv6_global(r) if r.random() < 0.2 else _ipv4_public(r), (
        "my home IP is §V, can you whitelist it on the firewall?",
        "Failed password for invalid user admin from §V port 52114 ssh2",
        "the attacker kept hitting /wp-login.php from §V all night",
        "Meine öffentliche IP ist §V, bitte freischalten.",
    )),
)  # fmt: skip


def _pii(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    for index in range(KIND_SIZES["pii"]):
        entity, draw, templates = _PII[index % len(_PII)]
        before, after = rng.choice(templates).split("§V")
        text, spans = _join([(before, None), (draw(rng), entity), (after, None)])
        cases.append(Case(entity, "pii", text, spans))
    return cases


# --- PII look-alikes: numbers, codes and capitalised words, no personal data -------------


def _isbn13(rng: random.Random) -> str:
    digits = "978" + _chars(rng, DIGITS, 9)
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return f"{digits[:3]}-{digits[3]}-{digits[4:8]}-{digits[8:]}-{check}"


def _conversion(miles: int, pounds: int) -> str:
    return f"{miles} miles = {miles * 1.609344:.1f} km; {pounds} lb = {pounds * 0.45359237:.1f} kg"


def _amount(rng: random.Random) -> str:
    return f"{rng.randint(10, 9999)}.{rng.randint(0, 99):02d}"


_PII_NEGATIVES: tuple[tuple[str, Draw], ...] = (
    ("order_number", lambda r: f"Order #{r.randint(100000, 999999)} shipped, estimated delivery in {r.randint(2, 6)} business days."),
    ("invoice_numbers", lambda r: f"Invoice INV-{r.randint(2019, 2025)}-{r.randint(1000, 99999):05d} total {_amount(r)} EUR, due net 30."),
    ("ticket_keys", lambda r: f"PLAT-{r.randint(100, 9999)} blocks PLAT-{r.randint(100, 9999)}; moved to Sprint {r.randint(10, 80)}."),
    ("semver_changelog", lambda r: f"## [{_semver(r)}] - {r.randint(2021, 2025)}-0{r.randint(1, 9)}-{r.randint(10, 28)}\n### Fixed\n- Retry logic in the HTTP client\n- Memory leak in the cache layer"),
    ("windows_build", lambda r: f"OS build 10.0.{r.randint(19041, 26100)}.{r.randint(1000, 4999)}, uptime {r.randint(1, 40)} days"),
    ("assembly_version", lambda r: f'[assembly: AssemblyVersion("{r.randint(1, 4)}.{r.randint(0, 9)}.{r.randint(0, 9)}.0")]'),
    ("iso_timestamps", lambda r: f"{r.randint(2020, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}.{r.randint(100, 999)}Z WARN worker-{r.randint(1, 8)} queue depth {r.randint(100, 9000)}"),
    ("sku_list", lambda r: f"SKU-{r.randint(1000, 9999)}-BLK-M x{r.randint(1, 5)}\nSKU-{r.randint(1000, 9999)}-WHT-L x{r.randint(1, 5)}\nSubtotal: {_amount(r)}"),
    ("isbn", lambda r: f"Recommended reading: ISBN {_isbn13(r)}, chapter {r.randint(2, 14)} on distributed consensus."),
    ("tracking_number", lambda r: f"Tracking: 1Z{_chars(r, UPPER + DIGITS, 6)}{_chars(r, DIGITS, 10)} - status: in transit"),
    ("math_expression", lambda r: f"Solve for x: {r.randint(2, 19)}x + {r.randint(3, 99)} = {r.randint(100, 999)}. Then compute the derivative of f(x) = x^3 - {r.randint(2, 9)}x."),
    ("matrix", lambda r: "A = [[" + "], [".join(", ".join(str(r.randint(-9, 99)) for _ in range(3)) for _ in range(3)) + "]]\nnp.linalg.det(A)"),
    ("python_code", lambda r: f"BATCH = {r.choice((16, 32, 64))}\nfor i in range({r.randint(10, 500)}):\n    batch = data[i * BATCH:(i + 1) * BATCH]\n    loss = model.step(batch)"),
    ("sql_query", lambda r: f"SELECT order_id, SUM(amount) FROM line_items WHERE created_at >= '{r.randint(2021, 2025)}-01-01' GROUP BY order_id HAVING SUM(amount) > {r.randint(100, 5000)};"),
    ("java_stacktrace", lambda r: f"java.lang.NullPointerException: Cannot invoke \"Order.getTotal()\" because \"order\" is null\n\tat com.shop.billing.InvoiceService.render(InvoiceService.java:{r.randint(40, 400)})\n\tat com.shop.billing.InvoiceJob.run(InvoiceJob.java:{r.randint(20, 90)})"),
    ("http_log", lambda r: f'"GET /api/v2/orders?page={r.randint(1, 40)}&size=50 HTTP/1.1" 200 {r.randint(200, 90000)} {r.randint(2, 900)}ms'),
    ("cve_advisory", lambda r: f"CVE-{r.randint(2019, 2025)}-{r.randint(1000, 49999)} (CVSS {r.randint(4, 9)}.{r.randint(0, 9)}) fixed in {_semver(r)}; upgrade recommended."),
    ("product_headings", lambda r: r.choice(("## Quick Start\n### Installation\n### Configuration Reference\n### Troubleshooting", "Release Notes - Dark Mode, Offline Sync and Faster Search", "# Quarterly Roadmap\n## Platform Reliability\n## Developer Experience"))),
    ("product_names", lambda r: f"We compared PostgreSQL {r.randint(12, 17)}, Redis {r.randint(6, 7)}.2 and Elasticsearch {r.randint(7, 8)}.{r.randint(0, 15)} for the search backend."),
    ("ci_log", lambda r: f"Started by timer\nRunning on agent-{r.randint(1, 20)} in /builds/workspace\nBUILD SUCCESSFUL in {r.randint(1, 9)}m {r.randint(1, 59)}s\nFinished: SUCCESS"),
    ("k8s_events", lambda r: f"Warning  BackOff  {r.randint(1, 59)}m  kubelet  Back-off restarting failed container api in pod api-{_chars(r, LOWER + DIGITS, 9)}-{_chars(r, LOWER + DIGITS, 5)}"),
    ("durations", lambda r: f"p50={r.randint(10, 90)}ms p95={r.randint(100, 400)}ms p99={r.randint(400, 1500)}ms over {r.randint(10000, 999999)} requests"),
    ("recipe", lambda r: f"Preheat to {r.choice((180, 200, 220))}°C. Mix {r.randint(200, 500)} g flour, {r.randint(2, 4)} eggs and {r.randint(100, 300)} ml milk; bake {r.randint(20, 45)} minutes."),
    ("sports_score", lambda r: f"Final score {r.randint(0, 5)}-{r.randint(0, 5)}, possession {r.randint(40, 60)}%, {r.randint(5, 20)} shots on target."),
    ("unit_conversion", lambda r: _conversion(r.randint(1, 500), r.randint(1, 100))),
    ("chemistry", lambda r: f"C6H12O6 + 6 O2 -> 6 CO2 + 6 H2O, molar mass {r.randint(150, 190)}.{r.randint(10, 99)} g/mol"),
    ("screen_sizes", lambda r: f"Breakpoints: {r.choice((320, 375, 414))}px, 768px, 1024px, 1440px; hero image 1920x1080 @2x"),
    ("dates_eu", lambda r: f"Fällig am {r.randint(1, 28):02d}.{r.randint(1, 12):02d}.{r.randint(2024, 2026)}, Betrag {r.randint(10, 999)},{r.randint(0, 99):02d} €, Rechnungsnr. {r.randint(10000, 99999)}"),
    ("de_status", lambda r: f"Der Build {r.randint(1000, 9999)} ist fehlgeschlagen: Test {r.randint(3, 40)} von {r.randint(41, 200)} lief in ein Timeout nach {r.randint(30, 120)} Sekunden."),
    ("fr_invoice", lambda r: f"Facture n° {r.randint(2024, 2026)}-{r.randint(100, 999)} : montant HT {r.randint(100, 9999)},{r.randint(0, 99):02d} €, TVA 20 %, échéance à 30 jours."),
    ("fr_release", lambda r: f"La version {_semver(r)} corrige {r.randint(2, 15)} anomalies et améliore les performances de {r.randint(10, 40)} %."),
    ("es_support", lambda r: f"Pedido n.º {r.randint(100000, 999999)}: el paquete salió del almacén y llegará en {r.randint(2, 5)} días hábiles."),
    ("es_math", lambda r: f"La media de los valores {r.randint(1, 9)}, {r.randint(10, 30)}, {r.randint(31, 60)} y {r.randint(61, 99)} es mayor que la mediana."),
    ("it_ticket", lambda r: f"Richiesta n. {r.randint(10000, 99999)} chiusa: problema risolto con l'aggiornamento alla versione {_semver(r)}."),
    ("pt_pedido", lambda r: f"Pedido {r.randint(10000, 99999)} confirmado. Prazo de entrega: {r.randint(3, 10)} dias úteis. Total: R$ {r.randint(50, 999)},{r.randint(0, 99):02d}"),
    ("nl_status", lambda r: f"Storing opgelost om {r.randint(10, 23)}:{r.randint(10, 59)}; {r.randint(2, 40)} van de {r.randint(41, 90)} servers draaiden op versie {_semver(r)}."),
    ("pl_faktura", lambda r: f"Faktura nr {r.randint(1, 999)}/{r.randint(1, 12):02d}/{r.randint(2024, 2026)} na kwotę {r.randint(100, 9999)},{r.randint(0, 99):02d} zł, termin płatności {r.randint(7, 30)} dni."),
    ("ja_log", lambda r: f"ジョブ {r.randint(100, 999)} が完了しました。処理件数: {r.randint(1000, 99999)} 件、所要時間: {r.randint(2, 59)} 分"),
    ("zh_release", lambda r: f"版本 {_semver(r)} 已发布，修复了 {r.randint(2, 30)} 个问题，性能提升 {r.randint(5, 40)}%。"),
    ("tr_siparis", lambda r: f"Sipariş numaranız {r.randint(1000000, 9999999)}. Kargo {r.randint(1, 5)} iş günü içinde teslim edilecek."),
    ("sv_status", lambda r: f"Ärende {r.randint(1000, 9999)} är stängt efter {r.randint(2, 9)} dagar; version {_semver(r)} är nu i produktion."),
    ("markdown_table", lambda r: "| Region code | Nodes | CPU % |\n|---|---|---|\n" + "\n".join(f"| zone-{c} | {r.randint(2, 40)} | {r.randint(5, 95)} |" for c in "abc")),
    ("notebook_output", lambda r: f"Out[{r.randint(3, 40)}]:\n   epoch  train_loss  val_loss\n0      1      {r.random():.4f}    {r.random():.4f}\n1      2      {r.random():.4f}    {r.random():.4f}"),
    ("hex_dump", lambda r: f"{r.randint(0, 4096):08x}  " + " ".join(_chars(r, HEX, 2) for _ in range(16)) + "  |................|"),
    ("serial_numbers", lambda r: f"Device S/N {_chars(r, UPPER, 2)}{_chars(r, DIGITS, 8)}, firmware {_semver(r)}, warranty until {r.randint(2025, 2029)}-12-31"),
    ("part_numbers", lambda r: f"Replace part {r.randint(100, 999)}-{r.randint(1000, 9999)}-{r.randint(10, 99)} (gasket) and torque bolts to {r.randint(20, 60)} Nm."),
    ("lottery_like", lambda r: "Random sample: " + " ".join(str(r.randint(1, 49)) for _ in range(6)) + f" (seed {r.randint(1, 99999)})"),
    ("bank_free_amounts", lambda r: f"Budget Q{r.randint(1, 4)}: marketing {r.randint(10, 99)}k, infra {r.randint(100, 400)}k, headcount {r.randint(3, 12)} FTE"),
    ("regex_snippet", lambda r: r"pattern = re.compile(r'^\d{3}-\d{2}-\d{4}$')  # validates the format only, see docs"),
    ("phone_like_build", lambda r: f"Build {r.randint(2024, 2025)}.{r.randint(1, 12):02d}.{r.randint(1, 28):02d}.{r.randint(1, 9)} promoted to staging (pipeline {r.randint(100000, 999999)})"),
    ("port_list", lambda r: f"Open ports: 22/tcp, 80/tcp, 443/tcp, {r.randint(8000, 9999)}/tcp; scan took {r.randint(2, 30)}.{r.randint(0, 9)}s"),
    ("gpu_stats", lambda r: f"GPU 0: {r.randint(30, 90)}°C, {r.randint(1000, 24000)}MiB / 24576MiB, util {r.randint(0, 100)}%"),
    ("chat_standup", lambda r: f"Standup moves to {r.randint(9, 11)}:30 on Thursday; the Sprint Review stays on Friday. Please update your Jira tickets before then."),
    ("chat_holiday", lambda r: f"Reminder: the office is closed on Monday. Support On-Call rotation as usual, Tier {r.randint(1, 2)} escalations via the Incident channel."),
    ("email_signoff", lambda r: f"Thanks for reaching out! Your request #{r.randint(10000, 99999)} is now with our team.\n\nBest regards,\nThe Billing Team"),
    ("acronyms", lambda r: f"The SLA for P1 incidents is {r.choice((15, 30))} min, P2 is 4 h. Dates follow ISO 8601, status codes follow RFC 9110 section {r.randint(6, 15)}."),
    ("de_chat", lambda r: f"Kurze Frage: Ist das Release am Donnerstag noch geplant? Die Pipeline ist seit {r.randint(2, 9)} Stunden rot."),
    ("fr_chat", lambda r: f"Petite question : la Revue de Sprint est-elle toujours prévue mercredi à {r.randint(9, 17)} h ?"),
    ("es_chat", lambda r: f"¿Alguien sabe por qué el Panel de Ventas tarda {r.randint(5, 30)} segundos en cargar desde la versión {_semver(r)}?"),
    ("pt_chat", lambda r: f"Bom dia, equipe! A Reunião Geral foi remarcada para Quinta-feira às {r.randint(9, 16)}h."),
    ("code_classes", lambda r: "class OrderService(BaseService):\n    def CalculateTotal(self, Items: list[LineItem]) -> Decimal:\n        return sum(i.Price * i.Quantity for i in Items)"),
    ("git_branch", lambda r: f"Merged feature/PAY-{r.randint(100, 9999)}-Refund-Flow into Release/{_semver(r)} (squash, {r.randint(2, 40)} commits)"),
    ("question_code", lambda r: f"Why does `np.arange(0, 1, 0.1)` give {r.randint(10, 11)} elements but `linspace(0, 1, {r.randint(5, 20)})` includes the endpoint?"),
)  # fmt: skip


def _pii_negative(rng: random.Random) -> list[Case]:
    cases: list[Case] = []
    for index in range(KIND_SIZES["pii_negative"]):
        family, draw = _PII_NEGATIVES[index % len(_PII_NEGATIVES)]
        cases.append(Case(family, "pii_negative", draw(rng)))
    return cases


def round7_cases(seed: int = DEFAULT_SEED) -> list[Case]:
    """Every case of round 7, in kind order; the same seed gives the same cases."""
    rng = random.Random(seed)
    return [
        *_literal(rng),
        *_generated(rng),
        *_negative(rng),
        *_pii(rng),
        *_pii_negative(rng),
    ]
