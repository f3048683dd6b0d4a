"""Only the catalog package speaks Iceberg: every other module asks it by intent, with plain
values, so a schema or engine change is made in one package. (The pyiceberg shim in
``_compat`` imports pyiceberg too, and only the catalog uses it.)"""

from __future__ import annotations

import ast
from pathlib import Path

import openai_connector

PACKAGE = Path(openai_connector.__file__).parent
CATALOG = PACKAGE / "catalog"
SHIM = PACKAGE / "_compat" / "pyiceberg.py"


def iceberg_imports(source: str) -> list[int]:
    """Lines of ``source`` importing pyiceberg or our shim of it (anywhere: top level,
    functions, under TYPE_CHECKING)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        if any(_is_iceberg(name) for name in names):
            lines.append(node.lineno)
    return sorted(lines)


def _is_iceberg(module: str) -> bool:
    shim = "openai_connector._compat.pyiceberg"
    return module.split(".")[0] == "pyiceberg" or module == shim or module.startswith(f"{shim}.")


def test_no_module_outside_the_catalog_imports_pyiceberg() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if CATALOG not in path.parents and path != SHIM
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
        "from openai_connector._compat import pyiceberg\n"
        "from openai_connector._compat.pyiceberg import file_reader\n"
        "from openai_connector._compat import re\n"
    )
    assert iceberg_imports(source) == [1, 2, 4, 7, 10, 11]
