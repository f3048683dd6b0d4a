"""The workspace the reporting and UI tests read: cataloged by one real run under the
connection :data:`CONN_ID`, and the raw values its pages must never show."""

from __future__ import annotations

from openai_connector.simulator import RunningSimulator

CONN_ID = "acme"


def planted_values(sim: RunningSimulator) -> set[str]:
    """Raw sensitive values the simulator planted, long enough to be recognisable."""
    return {p["value"] for p in sim.truth().to_dict()["planted"] if len(p["value"]) > 5}


def raw_identities(sim: RunningSimulator) -> set[str]:
    """User e-mail addresses and names as the API serves them: a report shows them masked."""
    users = sim.truth().to_dict()["users"]
    return {u[key] for u in users for key in ("email", "name") if u.get(key)}
