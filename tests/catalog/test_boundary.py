"""Only the catalog package speaks Iceberg: every other module asks it by intent, with plain
values, so a schema or engine change is made in one package."""

from __future__ import annotations

import ast
from pathlib import Path

import openai_connector

PACKAGE = Path(openai_connector.__file__).parent
CATALOG = PACKAGE / "catalog"


def iceberg_imports(source: str) -> list[int]:
    """Lines of ``source`` importing pyiceberg (anywhere: top level, functions, TYPE_CHECKING)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] == "pyiceberg" for name in names):
            lines.append(node.lineno)
    return sorted(lines)


def test_no_module_outside_the_catalog_imports_pyiceberg() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if CATALOG not in path.parents
        for line in iceberg_imports(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use an operation of openai_connector.catalog.operations instead"


def test_the_catalog_package_is_where_pyiceberg_is_imported() -> None:
    """The walk above sees real modules: the catalog's own imports are found."""
    found = [iceberg_imports(path.read_text(encoding="utf-8")) for path in CATALOG.glob("*.py")]
    assert any(found)


def test_every_import_form_is_caught() -> None:
    source = (
        "import pyiceberg\n"
        "import os, pyiceberg.expressions as ex\n"
        "def f():\n"
        "    from pyiceberg.expressions import EqualTo\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from pyiceberg.table import Table\n"
        "from .pyiceberg import x\n"
        "import pyicebergish\n"
    )
    assert iceberg_imports(source) == [1, 2, 4, 7]
