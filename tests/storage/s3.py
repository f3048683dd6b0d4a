"""An S3-compatible server on loopback (moto), as the storage tests reach it."""

from __future__ import annotations

from dataclasses import dataclass

BUCKET = "compliance"
REGION = "us-east-1"


@dataclass(frozen=True)
class S3Server:
    endpoint: str

    def client(self):  # type: ignore[no-untyped-def]
        """A boto3 client on this server only (for creating buckets and listing keys)."""
        import boto3

        return boto3.client("s3", endpoint_url=self.endpoint, region_name=REGION)

    def keys(self, bucket: str = BUCKET) -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return [item["Key"] for page in pages for item in page.get("Contents", [])]
