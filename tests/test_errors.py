"""Every exception the package defines derives from one root, so callers can catch it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from openai_connector.api import InvalidSettingsError
from openai_connector.catalog import CatalogError
from openai_connector.errors import OpenAIConnectorError
from openai_connector.policy import PolicyError
from openai_connector.ui.workspaces import UnknownWorkspaceError

#: Run in a fresh interpreter: importing every module has side effects (the task glue sets
#: environment defaults and quiets loggers) that must not leak into other tests.
_FIND_EXCEPTIONS = """
import importlib, inspect, json, pkgutil
import openai_connector
from openai_connector.errors import OpenAIConnectorError

found = {}
for info in pkgutil.walk_packages(openai_connector.__path__, "openai_connector."):
    module = importlib.import_module(info.name)
    for obj in vars(module).values():
        if (
            inspect.isclass(obj)
            and issubclass(obj, BaseException)
            and obj.__module__ == module.__name__
        ):
            found[f"{obj.__module__}.{obj.__qualname__}"] = issubclass(obj, OpenAIConnectorError)
print(json.dumps(found))
"""


def test_every_exception_class_in_the_package_derives_from_the_root() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _FIND_EXCEPTIONS], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(found) > 40  # the walk reached every package, the API's error tree included
    assert [name for name, rooted in found.items() if not rooted] == []


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (InvalidSettingsError("host", "missing"), ValueError),
        (PolicyError("bad"), ValueError),
        (CatalogError("down"), RuntimeError),
        (UnknownWorkspaceError("nope"), LookupError),
    ],
)
def test_errors_keep_their_builtin_base(error: Exception, builtin: type[Exception]) -> None:
    """``except ValueError`` (and the like) handlers written before the root still match."""
    assert isinstance(error, OpenAIConnectorError)
    assert isinstance(error, builtin)
