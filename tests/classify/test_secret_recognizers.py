"""Credential recognizers: each finds its documented format and skips look-alikes.

Values are assembled from pieces at run time so the repository holds nothing a secret
scanner would flag.
"""

from __future__ import annotations

import base64
import random
import uuid

import pytest

from tests.classify.samples import b64url, random_chars, sample_private_key

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
URLSAFE = B64[:-2] + "-_"


def _azure_key(seed: int) -> str:
    return base64.b64encode(random_chars(64, seed).encode()).decode()


def _gcp_key_file(seed: int) -> tuple[str, str]:
    lines = [random_chars(64, seed + n, B64) for n in range(10)]
    key = "\\n".join(["-----BEGIN PRIVATE KEY-----", *lines, "-----END PRIVATE KEY-----\\n"])
    text = (
        '{\n  "type": "service_account",\n  "project_id": "etl-prod",\n'
        f'  "private_key": "{key}",\n'
        '  "client_email": "runner@etl-prod.iam.gserviceaccount.com"\n}'
    )
    return text, key


SAS_SIG = random_chars(43, 40, B64).replace("+", "%2B").replace("/", "%2F") + "%3D"
GCP_TEXT, GCP_KEY = _gcp_key_file(50)
AZURE_KEY = _azure_key(41)

# (entity, text, the exact value that must be reported)
_SLASHED = random_chars(24, 31) + "/5/"  # a generated password with slashes in it
_PLIST_TOKEN = random_chars(34, 37)
_BASIC_ALONE = base64.b64encode(b"backup:Schmetterling#524").decode()


def _guid(seed: int) -> str:
    return str(uuid.UUID(int=random.Random(seed).getrandbits(128), version=4))


POSITIVES = [
    ("OPENAI_API_KEY", f"key sk-{'svc'}acct-{random_chars(60, 1, URLSAFE)}", None),
    ("OPENAI_API_KEY", f"OPENAI_API_KEY=sk-{'adm'}in-{random_chars(60, 2, URLSAFE)}", None),
    (
        "ANTHROPIC_API_KEY",
        "client = Anthropic(api_key='",
        "sk-" + "ant-api03-" + random_chars(93, 3, URLSAFE) + "AA",
    ),
    (
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_ADMIN_KEY=",
        "sk-" + "ant-admin01-" + random_chars(93, 4) + "AA",
    ),
    ("GOOGLE_API_KEY", "maps/api/js?key=", "AI" + "za" + random_chars(35, 5, URLSAFE)),
    ("GCP_SERVICE_ACCOUNT_KEY", GCP_TEXT, GCP_KEY),
    (
        "AZURE_STORAGE_KEY",
        "DefaultEndpointsProtocol=https;AccountName=acmedata;AccountKey=",
        AZURE_KEY,
    ),
    ("AZURE_STORAGE_KEY", "AZURE_STORAGE_KEY=", AZURE_KEY),
    (
        "AZURE_SAS_TOKEN",
        "https://acme.blob.core.windows.net/x/a.csv?sv=2022-11-02&ss=b&sp=r"
        "&se=2026-12-31T00:00:00Z&spr=https&sig=",
        SAS_SIG,
    ),
    ("GITHUB_TOKEN", "git clone https://", "gh" + "o_" + random_chars(36, 6)),
    (
        "GITHUB_TOKEN",
        "token ",
        "github_" + "pat_" + random_chars(22, 7) + "_" + random_chars(59, 8),
    ),
    (
        "GITLAB_TOKEN",
        'curl --header "PRIVATE-TOKEN: ',
        "gl" + "pat-" + random_chars(20, 9, URLSAFE),
    ),
    ("GITLAB_TOKEN", "CI_DEPLOY=", "gl" + "dt-" + random_chars(20, 10, URLSAFE)),
    (
        "SLACK_TOKEN",
        "SLACK_USER_TOKEN=",
        "xo" + "xp-" + "1234567890-123456789012-" + random_chars(32, 11, "0123456789abcdef"),
    ),
    (
        "SLACK_WEBHOOK_URL",
        "alerts go to ",
        "https://hooks.slack.com/services/T"
        + "0A1B2C3D4E/B"
        + "9Z8Y7X6W5V/"
        + random_chars(24, 12),
    ),
    ("STRIPE_SECRET_KEY", "stripe.api_key = '", "rk" + "_live_" + random_chars(99, 13)),
    ("STRIPE_SECRET_KEY", "STRIPE_KEY=", "sk" + "_prod_" + random_chars(99, 14)),
    ("PRIVATE_KEY", "id_ed25519:\n", sample_private_key("OPENSSH ")),
    ("PRIVATE_KEY", "key.pem:\n", sample_private_key("EC ")),
    (
        "JWT",
        "Authorization: Bearer ",
        b64url({"alg": "RS256", "typ": "JWT"})
        + "."
        + b64url({"sub": "u-1"})
        + "."
        + random_chars(86, 14, URLSAFE),
    ),
    ("PASSWORD", "Server=tcp:sql.acme.io,1433;User ID=app;Password=", "Copper1987~falcon"),
    ("PASSWORD", "spring:\n  datasource:\n    password: ", "yyQTMNiH._MRjLYkxU9Y"),
    ("PASSWORD", "PGPASSWORD=", random_chars(16, 15) + "!"),
    ("PASSWORD", "redis-cli -h cache.acme.io -a '", "Ember2031.lotus"),
    ("PASSWORD", "mysql -u root -p", "Harbor7733-winter"),
    ("PASSWORD", "my wifi password is ", "Maple2024!orbit"),
    ("PASSWORD", "my ~/.pgpass has db.internal:5432:*:app:", "Q7v.kLm29xTz"),
    ("PASSWORD", "redis-cli -a '", "cy.vpEOdCzmA"),
    # base64 holds slashes, and people paste them unescaped in a URL's password
    ("PASSWORD", f"mongosh mongodb://etl:{_SLASHED}@10.20.4.17:27017/admin", _SLASHED),
    ("PASSWORD", 'config.setClientSecret("', "meadow-Violet-glacier42"),
    # a request logged as Python bytes: the header follows an escaped line break
    ("GENERIC_SECRET", "b'GET /v1 HTTP/1.1\\r\\nAuthorization: Bearer ", random_chars(32, 32)),
    ("DEEPL_API_KEY", "DEEPL_AUTH_KEY=", _guid(33) + ":fx"),
    ("MAILERSEND_API_TOKEN", "MAILERSEND_API_TOKEN=", "mlsn." + random_chars(64, 34)),
    ("PLAID_ACCESS_TOKEN", "Hier der plaid-Schlüssel: ", "access-production-" + _guid(35)),
    ("SNYK_TOKEN", "Hier der snyk-Schlüssel: ", _guid(36)),
    # memorable passwords: English words, one separator, digits (a password manager's kind)
    ("PASSWORD", "POSTGRES_PASSWORD=", "nimbus.copper.tundra31"),
    ("PASSWORD", "database:\n  password: ", "pebble.walnut.marble65"),
    (
        "PASSWORD",
        "amqp://report_ro:nimbus_meteor_basalt59@mq.corp.internal:5672",
        "nimbus_meteor_basalt59",
    ),
    ("PASSWORD", 'DataSourceBuilder.create().password("', "cobalt-basalt-harbor61"),
    ("PASSWORD", "lftp -u ci-bot,Paprika_AfYFFwQ sftp://files.parcelhub.net", "Paprika_AfYFFwQ"),
    (
        "PASSWORD",
        "echo 'tundra_marble_pebble54' | docker login ghcr.io -u admin --password-stdin",
        "tundra_marble_pebble54",
    ),
    ("PASSWORD", "Hej, lösenordet till testmiljön är ", "Cobalt!7604tundra"),
    (
        "PASSWORD",
        "Das Passwort des Dienstkontos `Pelican!4809iGIJ` war sichtbar",
        "Pelican!4809iGIJ",
    ),
    ("PASSWORD", "authorization: Basic ", base64.b64encode(b"svc_deploy:Lantern@9569xH").decode()),
    (
        "PASSWORD",
        'proxy_set_header Authorization "Basic ',
        base64.b64encode(b"etl:OPxar5ay").decode(),
    ),
    ("GENERIC_SECRET", f"<key>BackendToken</key>\n\t<string>{_PLIST_TOKEN}</string>", _PLIST_TOKEN),
    ("GENERIC_SECRET", "Authorization: Token ", random_chars(32, 38, "0123456789abcdef")),
    (
        "GENERIC_SECRET",
        "const k = process.env.DD_API_KEY || '",
        random_chars(32, 39, "0123456789abcdef"),
    ),
    ("GENERIC_SECRET", 'buildConfigField "String", "API_SECRET", "\\"', random_chars(24, 40)),
    (
        "INTERCOM_ACCESS_TOKEN",
        "INTERCOM_ACCESS_TOKEN? Es este: ",
        base64.b64encode(f"tok:{_guid(41)}:1:0".encode()).decode().rstrip("="),
    ),
    ("CLOUDFLARE_GLOBAL_API_KEY", "CLOUDFLARE_API_KEY (", random_chars(37, 42, "0123456789abcdef")),
    # IT's temporary passwords (a stock word, a year, symbols) and client command lines
    ("PASSWORD", "OPS-6613: reset the NAS admin, temp password Welcome2022@!", "Welcome2022@!"),
    ("PASSWORD", "contraseña del wifi: ", "Changeit2019!#"),
    ("PASSWORD", "şifre: ", "SaffronRaven1350%"),
    ("PASSWORD", "kubectl create secret generic db --from-literal=password=", "LanternMarble1058!"),
    ("PASSWORD", "cqlsh db-01.internal 9042 -u cassandra_admin -p ", random_chars(22, 43)),
    ("PASSWORD", "sqlcmd -S db-01.internal -U sa -P '", "lantern-thistle-cobalt51"),
    ("PASSWORD", "mosquitto_pub -h mqtt.internal -u svc -P ", "Glacier*8928Lantern"),
    ("PASSWORD", "sqlplus system/Saffron~6054Cobalt@//db.internal:1521/ORCL", "Saffron~6054Cobalt"),
    ("PASSWORD", f"header is `Basic {_BASIC_ALONE}` right?", _BASIC_ALONE),
    ("LAUNCHDARKLY_ACCESS_TOKEN", "LaunchDarkly key: ", "api-" + _guid(44)),
    ("PASSWORD", "rabbitmqadmin -H localhost -u admin -p ", "Basalt%8394269"),
    (
        "AWS_SECRET_ACCESS_KEY",
        "The access key is AKIA" + "QWERTYUIOPASDFGH and the secret is ",
        random_chars(40, 27, B64),
    ),
    ("AWS_SECRET_ACCESS_KEY", '"SecretAccessKey": "', random_chars(40, 28, B64)),
    ("GENERIC_SECRET", "SECRET_KEY = '", random_chars(50, 16)),
    ("GENERIC_SECRET", "client_secret: ", random_chars(40, 17, "0123456789abcdef")),
    ("GENERIC_SECRET", '{"api_token": "', random_chars(32, 18, B64)),
    ("GENERIC_SECRET", "Authorization: Token ", random_chars(40, 19)),
]


_CLOSING = {"'": "'", '"': '"'}


@pytest.mark.parametrize(("entity", "prefix", "value"), POSITIVES)
def test_finds_credential_and_reports_only_its_value(find, entity, prefix, value):
    if value is None:  # the prefix is the whole text and ends with the value
        text, value = prefix, prefix.split("=")[-1].split()[-1]
    elif value in prefix:  # the prefix is the whole text and holds the value
        text = prefix
    else:
        text = f"{prefix}{value}{_CLOSING.get(prefix[-1], '')}\nwhy does it fail?"
    spans = [text[f.start : f.end] for f in find(text) if f.entity_type == entity]
    assert spans == [value]


NEGATIVES = [
    ("OPENAI_API_KEY", "sk-proj-abcdefghijklmnopqrstuvwxyz0123"),
    ("ANTHROPIC_API_KEY", "sk-ant-api03-...your key..."),
    ("GOOGLE_API_KEY", "key=AIzaSy... in the sample URL"),
    ("GOOGLE_API_KEY", "AIza" + "X" * 35),
    ("GCP_SERVICE_ACCOUNT_KEY", '"private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END'),
    (
        "AZURE_STORAGE_KEY",
        "AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6"
        "IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;",
    ),
    ("AZURE_SAS_TOKEN", "https://cdn.acme.io/a.png?v=3&sig=" + random_chars(44, 20)),
    ("GITHUB_TOKEN", "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}"),
    ("GITLAB_TOKEN", "glpat-XXXXXXXXXXXXXXXXXXXX"),
    (
        "SLACK_WEBHOOK_URL",
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
    ),
    ("STRIPE_SECRET_KEY", "pk_" + "live_" + random_chars(24, 21)),
    (
        "PRIVATE_KEY",
        "-----BEGIN CERTIFICATE-----\n" + random_chars(64, 22) + "\n-----END CERTIFICATE-----",
    ),
    (
        "JWT",
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwia"
        "WF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ),
    ("PASSWORD", "password = getpass.getpass('DB password: ')"),
    ("PASSWORD", "password: ${DB_PASSWORD}"),
    ("PASSWORD", "DB_PASSWORD=changeme"),
    ("PASSWORD", "password=settings.DB_PASSWORD"),
    ("PASSWORD", "password = self.config.dbPassword"),
    ("PASSWORD", "The password is incorrect, what should the error say?"),
    ("PASSWORD", "mysql://root:{{ vault_db_password }}@db.prod.acme-corp.io/app"),
    ("PASSWORD", "see https://docs.acme-corp.io:8443/guide/setup@v2 for details"),
    ("PASSWORD", "http://localhost:8080/api/users/me@latest returns 404"),
    ("PASSWORD", '"auth.password": "Passwort",\n"auth.forgot": "Passwort vergessen?"'),
    ("PASSWORD", "let password = String::new();"),
    ("PASSWORD", "secretKeys:\n    adminPasswordKey: admin-password"),
    ("PASSWORD", "password: web.server.prod01"),  # a system's words, not a memorable password
    ("PASSWORD", "<key>NSCameraUsageDescription</key>\n<string>Scan parcel barcodes</string>"),
    (
        "GENERIC_SECRET",
        "<key>NSCameraUsageDescription</key>\n<string>Scan parcel barcodes</string>",
    ),
    (
        "GENERIC_SECRET",
        '"pageToken": "' + base64.b64encode(b'{"page": 27, "size": 50}').decode() + '"',
    ),
    ("PASSWORD", 'FAKE_PASSWORD = "not-a-real-password"  # unit tests only'),
    ("PASSWORD", "the password field `input[type=password]` is hidden"),
    ("PASSWORD", "the password policy: min 12 chars"),
    ("PASSWORD", "sqlplus / as sysdba"),
    ("GENERIC_SECRET", "!function(e,t){var n=e.ingest||{};n.token=t.token||null}(window,{});"),
    ("PASSWORD", "the login attempts all came from 2a02:364a:e1a::1d - block it?"),
    ("PASSWORD", "password: welcome123"),  # a stock word and digits is a template's
    ("PASSWORD", '"password_hash": "$2b$12$' + random_chars(53, 23) + '"'),
    ("GENERIC_SECRET", "token = os.environ.get('SLACK_BOT_TOKEN')"),
    ("GENERIC_SECRET", '{"max_tokens": 4096, "token_count": 812}'),
    ("GENERIC_SECRET", "secretKeyRef:\n  name: orders-db\n  key: password"),
    ("GENERIC_SECRET", "client_secret: <your-client-secret>"),
    ("GENERIC_SECRET", "checksum: sha256:" + random_chars(64, 24, "0123456789abcdef")),
    ("GENERIC_SECRET", "GIT_COMMIT=" + random_chars(40, 25, "0123456789abcdef")),
    ("GENERIC_SECRET", "api_key: abcdefghijklmnop1234"),
    ("GENERIC_SECRET", "credentials: /var/run/secrets/gcp/sa-key-prod.json"),
    (
        "AWS_SECRET_ACCESS_KEY",
        "AKIA" + "QWERTYUIOPASDFGH commit " + random_chars(40, 29, "0123456789abcdef"),
    ),
]


@pytest.mark.parametrize(("entity", "text"), NEGATIVES)
def test_skips_look_alikes_and_placeholders(find, entity, text):
    assert entity not in {f.entity_type for f in find(text)}


def test_vendor_type_wins_over_generic_assignment(find):
    token = "gh" + "p_" + random_chars(36, 26)
    findings = find(f"GH_TOKEN={token}")
    assert [f.entity_type for f in findings] == ["GITHUB_TOKEN"]


def test_service_account_key_outranks_the_private_key_inside(find):
    kinds = {f.entity_type for f in find(GCP_TEXT)}
    assert "GCP_SERVICE_ACCOUNT_KEY" in kinds
    assert "PRIVATE_KEY" not in kinds


@pytest.mark.parametrize(
    "entity",
    ["ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "GCP_SERVICE_ACCOUNT_KEY", "AZURE_SAS_TOKEN",
     "GITLAB_TOKEN", "SLACK_WEBHOOK_URL", "GENERIC_SECRET", "AZURE_STORAGE_KEY"],
)  # fmt: skip
def test_new_credential_types_are_critical(entity):
    from openai_connector.classify import severity_for

    assert severity_for(entity) == "critical"
