"""No private name of another library outside ``openai_connector._compat``.

Read from the syntax tree, so comments and strings cannot hide or fake a use. Flagged:
``import x._y``, ``from x._y import z``, ``from x import _y`` for any module but the
package's own, and ``anything._y`` where the package defines no ``_y`` itself (an object's
attribute has no import to trace, so a private name the package never binds must belong
to another library). Dunder names are public.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "plugins" / "openai_connector"
OWN_PACKAGE = "openai_connector"
COMPAT = PACKAGE / "_compat"
#: Documented API of every named tuple, underscored so that they cannot clash with fields.
NAMEDTUPLE_API = frozenset({"_asdict", "_field_defaults", "_fields", "_make", "_replace"})


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def bound_names(tree: ast.AST) -> set[str]:
    """Every name the code binds: definitions, assignments, arguments, import aliases."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name.split(".")[0])
    return names


def foreign_private_uses(tree: ast.AST, own_names: set[str]) -> Iterator[tuple[int, str]]:
    """(line, what) for each use of another library's private name in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _foreign(alias.name) and any(map(is_private, alias.name.split("."))):
                    yield node.lineno, f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom) and not node.level and _foreign(node.module):
            module = node.module or ""
            names = [alias.name for alias in node.names]
            if any(map(is_private, module.split("."))) or any(map(is_private, names)):
                yield node.lineno, f"from {module} import {', '.join(names)}"
        elif (
            isinstance(node, ast.Attribute)
            and is_private(node.attr)
            and node.attr not in own_names
            and node.attr not in NAMEDTUPLE_API
        ):
            yield node.lineno, ast.unparse(node)


def _foreign(module: str | None) -> bool:
    return module is not None and module.split(".")[0] != OWN_PACKAGE


def package_trees() -> dict[Path, ast.AST]:
    return {path: ast.parse(path.read_text(), str(path)) for path in PACKAGE.rglob("*.py")}


def test_no_private_name_of_another_library_outside_compat() -> None:
    trees = package_trees()
    own_names = set().union(*map(bound_names, trees.values()))
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
        for path, tree in sorted(trees.items())
        if COMPAT not in path.parents
        for line, what in sorted(foreign_private_uses(tree, own_names))
    ]
    assert not found, (
        "private names of other libraries belong in openai_connector/_compat "
        "(one module per library, with a contract test):\n" + "\n".join(found)
    )


@pytest.mark.parametrize(
    "source",
    [
        "import re._parser",
        "import re._parser as sre_parse",
        "from re import _parser",
        "from airflow.sdk.api.datamodels._generated import DagRunType",
        "import argparse\ndef f(c: argparse._SubParsersAction): ...",
        "def f(engine):\n    return engine._doc_to_nlp_artifact(1, 'en')",
    ],
)
def test_each_kind_of_private_use_is_caught(source: str) -> None:
    assert list(foreign_private_uses(ast.parse(source), set()))


@pytest.mark.parametrize(
    "source",
    [
        "from openai_connector._compat import re",
        "from openai_connector.classify.required import _sequence",
        "from . import _helpers",
        "from __future__ import annotations",
        "import os\nos.__file__",
        "# engine._doc_to_nlp_artifact(doc)\n'from re import _parser'",
        "point._replace(x=1)",
    ],
)
def test_own_dunder_and_named_tuple_names_pass(source: str) -> None:
    assert not list(foreign_private_uses(ast.parse(source), set()))


def test_an_own_private_attribute_passes() -> None:
    tree = ast.parse("class A:\n    def _delta(self): ...\ndef f(a):\n    return a._delta()")
    assert not list(foreign_private_uses(tree, bound_names(tree)))
