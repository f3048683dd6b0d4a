"""An S3-compatible server on loopback (moto) holding the warehouse bucket.

Credentials are dummies from the environment and every endpoint is explicit, so nothing looks
for AWS hosts or instance metadata. The pipeline fixtures are the suite's shared ones;
only the store differs: its warehouse is ``s3://<bucket>/warehouse``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from openai_connector.catalog import CatalogConfig, CatalogStore
from tests.live.stack import free_port

from .s3 import BUCKET, REGION, S3Server


@pytest.fixture(scope="session")
def s3_credentials() -> Iterator[dict[str, str]]:
    """Dummy credentials and no metadata lookups, for boto3 here and pyarrow's S3 client."""
    values = {
        "AWS_ACCESS_KEY_ID": "testing-access-key",
        "AWS_SECRET_ACCESS_KEY": "testing-secret-key",
        "AWS_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in values.items():
            patch.setenv(name, value)
        yield values


@pytest.fixture(scope="session")
def s3(s3_credentials: dict[str, str]) -> Iterator[S3Server]:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield S3Server(f"http://127.0.0.1:{port}")
    finally:
        server.stop()


@pytest.fixture
def s3_env(s3: S3Server, tmp_path: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    """The environment of a deployment whose warehouse is a fresh prefix of the bucket."""
    client = s3.client()
    if BUCKET not in {bucket["Name"] for bucket in client.list_buckets()["Buckets"]}:
        client.create_bucket(Bucket=BUCKET)
    return {
        "OPENAI_CONNECTOR_WAREHOUSE": f"s3://{BUCKET}/{request.node.name}/warehouse",
        "OPENAI_CONNECTOR_S3_ENDPOINT": s3.endpoint,
        "OPENAI_CONNECTOR_STATE_DIR": str(tmp_path / "state"),
    }


@pytest.fixture
def store(s3_env: dict[str, str]) -> CatalogStore:
    return CatalogStore(CatalogConfig.from_env(s3_env))
