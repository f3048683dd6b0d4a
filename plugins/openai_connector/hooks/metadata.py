"""Connections and Variables read from outside a task: the command line and the api-server.

The Task SDK's ``BaseHook.get_connection`` and ``Variable.get`` reach the metadata database
only through a task's supervisor; outside one they see environment variables and secrets
backends alone, so a workspace enrolled with ``enroll`` (stored in the database) looked
absent. Airflow's ORM models read every source, as ``airflow connections get`` does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from airflow.models import Connection


def stored_connection(conn_id: str) -> Connection:
    """The connection from wherever Airflow keeps it; ``AirflowNotFoundException`` if nowhere."""
    from airflow.models import Connection

    return Connection.get_connection_from_secrets(conn_id)


def stored_variable(key: str) -> str | None:
    """The Variable's raw value from wherever Airflow keeps it, or ``None``."""
    from airflow.models import Variable

    return Variable.get(key, default_var=None)
