"""Policy files: where a workspace's policy lives, and reading its YAML with line numbers.

A relative name (``acme.yaml``, as a workspace's Variable entry gives it) is looked up in
``$OPENAI_CONNECTOR_POLICY_DIR`` when that is set, else in ``include/policies/`` next to the
DAGs folder (``<dags_folder>/../include/policies/``), the project's deployed include folder.
An absolute path is used as given.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openai_connector.policy.model import Policy
from openai_connector.policy.schema import KeyPath, PolicyError, policy_from_data
from openai_connector.settings import connector_settings

if TYPE_CHECKING:
    from yaml import Node

#: Bigger than any sensible policy; keeps a wrong path (a log file) from being parsed.
MAX_POLICY_BYTES = 1_000_000
#: Deeper than any sensible policy; PyYAML's composer recurses once per level.
MAX_POLICY_DEPTH = 32
#: Values once aliases are expanded: a policy has hundreds, a "billion laughs" file billions.
MAX_POLICY_VALUES = 100_000


def policy_dir(dags_folder: str | os.PathLike[str]) -> Path:
    """The folder relative policy names resolve against (see the module docstring)."""
    configured = connector_settings().policy_dir
    if configured:
        return Path(configured).expanduser()
    return Path(dags_folder).expanduser().parent / "include" / "policies"


def resolve_policy_path(name: str, dags_folder: str | os.PathLike[str]) -> Path:
    """The file a workspace's ``policy`` value names."""
    path = Path(name).expanduser()
    return path if path.is_absolute() else policy_dir(dags_folder) / path


def policy_for_workspace(name: str | None, dags_folder: str | os.PathLike[str]) -> Policy:
    """The named policy, validated, or the default one when the workspace names none."""
    if name is None:
        return Policy.default()
    return load_policy(resolve_policy_path(name, dags_folder))


def load_policy(path: str | os.PathLike[str]) -> Policy:
    """Read and validate a policy file; ``PolicyError`` names the file and the line."""
    source = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_POLICY_BYTES + 1)
    except OSError as exc:
        raise PolicyError(f"{source}: cannot read the policy file ({exc.strerror})") from None
    if len(data) > MAX_POLICY_BYTES:
        raise PolicyError(f"{source}: larger than {MAX_POLICY_BYTES} bytes; not a policy file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError(f"{source}: not UTF-8 text") from None
    return parse_policy(text, source)


def parse_policy(text: str, source: str) -> Policy:
    """Validate a policy given as YAML text; ``source`` names it in errors."""
    import yaml

    try:
        _check_depth(text, source)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        if root is None:
            raise PolicyError(f"{source}: the policy is empty; it needs at least 'version: 1'")
        document = _PlainDocument(source)
        document.lines[()] = _line(root)
        data = document.value(root, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source} line {mark.line + 1}" if mark else source
        raise PolicyError(f"{where}: invalid YAML: {exc.problem or exc.context}") from None
    return policy_from_data(data, source, document.lines)


def _check_depth(text: str, source: str) -> None:
    """Refuse deep nesting before composing: the parser streams, the composer recurses."""
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_POLICY_DEPTH:
                mark = event.start_mark
                where = f"{source} line {mark.line + 1}" if mark else source
                raise PolicyError(
                    f"{where}: nested deeper than {MAX_POLICY_DEPTH} levels; not a policy"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _PlainDocument:
    """Plain values of a composed YAML document, noting the line of every key and list item.

    Duplicate keys are refused: PyYAML would silently keep the last one. Aliases are expanded
    within a budget of :data:`MAX_POLICY_VALUES` values.
    """

    def __init__(self, source: str) -> None:
        from yaml.constructor import SafeConstructor

        self.source = source
        self.lines: dict[KeyPath, int] = {}
        self._scalars = SafeConstructor()
        self._budget = MAX_POLICY_VALUES

    def value(self, node: Node, path: KeyPath) -> Any:
        from yaml import MappingNode, SequenceNode

        self._budget -= 1
        if self._budget < 0:
            raise PolicyError(
                f"{self.source} line {_line(node)}: more than {MAX_POLICY_VALUES} values once "
                "aliases are expanded; not a policy"
            )
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for index, item_node in enumerate(node.value):
                self.lines[(*path, index)] = _line(item_node)
                items.append(self.value(item_node, (*path, index)))
            return items
        return self._scalars.construct_object(node)

    def _mapping(self, node: Node, path: KeyPath) -> dict[Any, Any]:
        from yaml import ScalarNode

        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = _line(key_node)
            if not isinstance(key_node, ScalarNode):
                raise PolicyError(f"{self.source} line {line}: a key must be a plain word")
            key = self._scalars.construct_object(key_node)
            if key in mapping:
                raise PolicyError(f"{self.source} line {line}: key {key!r} is repeated")
            key_path = (*path, str(key))
            self.lines[key_path] = line
            mapping[key] = self.value(value_node, key_path)
        return mapping


def _line(node: Node) -> int:
    return node.start_mark.line + 1
