"""The compose file as docker compose would see it: parsed, with ``${VAR}`` interpolated."""

from __future__ import annotations

import re

from tests.paths import REPO

#: ``${NAME}``, ``${NAME:-default}`` or ``${NAME:?message}``; ``$$`` escapes a dollar.
VARIABLE = re.compile(
    r"(?<!\$)\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?P<op>[-?])(?P<arg>[^}]*))?\}"
)


def compose_text() -> str:
    return (REPO / "docker-compose.yaml").read_text()


def env_example() -> dict[str, str]:
    """The variables .env.example sets, with their example values."""
    lines = (REPO / ".env.example").read_text().splitlines()
    pairs = [line.split("=", 1) for line in lines if line and not line.startswith("#")]
    return {name: value for name, value in pairs}


def interpolate(text: str, env: dict[str, str]) -> str:
    """Docker compose's interpolation: unset or empty values take the default or fail."""

    def value(match: re.Match[str]) -> str:
        name, op, arg = match["name"], match["op"], match["arg"]
        if env.get(name):
            return env[name]
        if op == "?":
            raise KeyError(f"{name}: {arg}")
        return arg or ""

    return VARIABLE.sub(value, text).replace("$$", "$")
