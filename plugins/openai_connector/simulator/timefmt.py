"""Timestamps as the API writes them: ISO 8601 UTC with microseconds and ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def unix(moment: datetime) -> float:
    return round(moment.timestamp(), 3)


def truncate_to_millis(moment: datetime) -> datetime:
    """Millisecond precision keeps float Unix seconds and ISO strings describing one instant."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 timestamp that must carry a zone; raise ValueError otherwise."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no time zone")
    return moment.astimezone(UTC)
