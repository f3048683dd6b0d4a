"""Targets from the catalog: objects whose findings meet the criteria, minus what is gone.

Selection only reads the catalog. Findings in a message (its text, quote or annotations) make
its conversation a target, file findings their file (user upload or GPT/project knowledge
file); a GPT or project shared beyond the workspace (``anyone-with-link``, ``gpt-store``) whose
instructions, custom actions' OpenAPI specs or knowledge files hold a credential (a critical
finding) is a target for un-sharing. Objects the catalog marks deleted, and files that expired
or the API no longer has, are skipped with the reason; so are Codex turns, agent messages and
instructions, and memories, which the API cannot delete (the reason says what to do instead).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from openai_connector.pipeline.landing import MESSAGE_OBJECT_TYPES
from openai_connector.pipeline.records import highest_severity
from openai_connector.remediation.model import (
    PUBLIC_VISIBILITIES,
    Criteria,
    Plan,
    Skipped,
    Target,
    TargetType,
)

if TYPE_CHECKING:
    from openai_connector.catalog import CatalogStore

Row = dict[str, Any]

#: File statuses that leave nothing to delete at the API, with the reason shown in a plan.
_GONE_FILE_STATUSES = {
    "deleted": "already deleted",
    "expired": "expired (chat uploads are kept 48 hours)",
    "not_found": "the API no longer has it",
}
_FILE_TARGETS: Mapping[str, tuple[TargetType, str]] = {
    "user": ("user_file", "user_id"),
    "gpt": ("gpt_file", "gpt_id"),
    "project": ("project_file", "project_id"),
}
_TYPE_ORDER = ("conversation", "user_file", "gpt_file", "project_file", "gpt_sharing",
               "project_sharing")  # fmt: skip
#: Surfaces with findings the Compliance API offers no DELETE for, and what to do instead.
_NO_DELETE = "the Compliance API has no DELETE for {what}; {instead}"
UNDELETABLE: Mapping[str, str] = {
    "codex_prompt": _NO_DELETE.format(
        what="Codex logs", instead="rotate the credential and ask the user to remove it"
    ),
    "codex_response": _NO_DELETE.format(
        what="Codex logs", instead="rotate the credential and ask the user to remove it"
    ),
    "agent_message": _NO_DELETE.format(
        what="agent runs", instead="rotate the credential; the agent's owner can delete the run"
    ),
    "agent_instructions": _NO_DELETE.format(
        what="agents", instead="the agent's owner must edit its instructions"
    ),
    "memory": _NO_DELETE.format(
        what="memories", instead="the user can delete the memory in ChatGPT's settings"
    ),
}
#: Findings at this severity are credentials: the ones that make a public GPT unsafe.
CREDENTIAL_SEVERITY = "critical"


def select_targets(store: CatalogStore, workspace_id: str, criteria: Criteria) -> Plan:
    """The plan for one workspace: see the module docstring."""
    findings = _matching_findings(store, workspace_id, criteria)
    targets: list[Target] = []
    skipped: list[Skipped] = []
    in_messages = [f for t in MESSAGE_OBJECT_TYPES for f in findings.get(t, [])]
    _conversations(store, workspace_id, in_messages, targets, skipped)
    files = _files(store, workspace_id, findings.get("file", []), targets, skipped)
    for kind in ("gpt", "project"):
        configured = findings.get(kind, []) + findings.get(f"{kind}_action", [])
        _sharing(store, workspace_id, kind, configured, files, targets, skipped)
    for object_type, why in UNDELETABLE.items():
        for object_id in sorted({f["object_id"] for f in findings.get(object_type, [])}):
            skipped.append(Skipped(object_type, object_id, why))
    if criteria.targets:
        wanted = set(criteria.targets)
        targets = [t for t in targets if t.target_id in wanted]
        skipped = [s for s in skipped if s.object_id in wanted]
    found = {t.target_id for t in targets} | {s.object_id for s in skipped}
    targets.sort(key=lambda t: (_TYPE_ORDER.index(t.target_type), t.target_id))
    return Plan(
        workspace_id=workspace_id,
        criteria=criteria,
        targets=tuple(targets),
        skipped=tuple(sorted(skipped, key=lambda s: (s.object_type, s.object_id))),
        unmatched=tuple(t for t in criteria.targets if t not in found),
    )


def _matching_findings(
    store: CatalogStore, workspace_id: str, criteria: Criteria
) -> dict[str, list[Row]]:
    """The workspace's findings meeting the criteria, by object type."""
    from openai_connector.catalog.operations import findings_matching

    columns = ["finding_id", "object_type", "object_id", "conversation_id", "entity_type",
               "severity", "masked_preview"]  # fmt: skip
    by_type: dict[str, list[Row]] = defaultdict(list)
    for row in findings_matching(
        store, workspace_id, criteria.severities, criteria.entity_types, columns
    ):
        by_type[row["object_type"]].append(row)
    return by_type


def _group(findings: Iterable[Row], column: str) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for finding in findings:
        if finding[column]:
            groups[finding[column]].append(finding)
    return groups


def _target(
    target_type: TargetType, target_id: str, findings: list[Row], parent_id: str | None = None
) -> Target:
    return Target(
        target_type=target_type,
        target_id=target_id,
        finding_ids=tuple(sorted({f["finding_id"] for f in findings})),
        entity_types=tuple(sorted({f["entity_type"] for f in findings})),
        highest_severity=highest_severity(f["severity"] for f in findings) or "",
        parent_id=parent_id,
        previews=tuple(dict.fromkeys(f["masked_preview"] for f in findings if f["masked_preview"])),
    )


def _rows(
    store: CatalogStore, table: str, workspace_id: str, column: str, ids: Iterable[str]
) -> dict[str, Row]:
    """Catalog rows of ``table`` whose ``column`` is one of ``ids``, keyed by it."""
    from openai_connector.catalog.operations import rows_of

    return {row[column]: row for row in rows_of(store, table, workspace_id, column, ids)}


def _conversations(
    store: CatalogStore,
    workspace_id: str,
    findings: list[Row],
    targets: list[Target],
    skipped: list[Skipped],
) -> None:
    groups = _group(findings, "conversation_id")
    known = _rows(store, "conversations", workspace_id, "conversation_id", groups)
    for conversation_id, evidence in groups.items():
        if (known.get(conversation_id) or {}).get("status") == "deleted":
            skipped.append(Skipped("conversation", conversation_id, "already deleted"))
        else:
            targets.append(_target("conversation", conversation_id, evidence))


def _files(
    store: CatalogStore,
    workspace_id: str,
    findings: list[Row],
    targets: list[Target],
    skipped: list[Skipped],
) -> dict[str, Row]:
    """Add file targets; return the file rows (GPT/project un-sharing looks at them too)."""
    groups = _group(findings, "object_id")
    rows = _rows(store, "files", workspace_id, "file_id", groups)
    for file_id, evidence in groups.items():
        row = rows.get(file_id)
        if row is None or row.get("kind") not in _FILE_TARGETS:
            skipped.append(Skipped("file", file_id, "not in the files table"))
            continue
        if row.get("status") in _GONE_FILE_STATUSES:
            skipped.append(Skipped("file", file_id, _GONE_FILE_STATUSES[row["status"]]))
            continue
        target_type, parent_column = _FILE_TARGETS[row["kind"]]
        parent = row.get(parent_column) or row.get("owner_id")
        targets.append(_target(target_type, file_id, evidence, parent_id=parent))
    return {file_id: {**rows[file_id], "evidence": groups[file_id]} for file_id in rows}


def _sharing(
    store: CatalogStore,
    workspace_id: str,
    kind: str,
    instruction_findings: list[Row],
    files: Mapping[str, Row],
    targets: list[Target],
    skipped: list[Skipped],
) -> None:
    """Un-share targets: public GPTs/projects holding a credential in instructions or files."""
    evidence = _group(instruction_findings, "object_id")
    for row in files.values():
        owner = row.get(f"{kind}_id") if row.get("kind") == kind else None
        if owner:
            evidence.setdefault(owner, []).extend(row["evidence"])
    credentials = {
        owner: [f for f in found if f["severity"] == CREDENTIAL_SEVERITY]
        for owner, found in evidence.items()
    }
    credentials = {owner: found for owner, found in credentials.items() if found}
    for item_id, row in _rows(store, f"{kind}s", workspace_id, f"{kind}_id", credentials).items():
        if row.get("visibility") not in PUBLIC_VISIBILITIES:
            continue
        if row.get("status") == "deleted":
            skipped.append(Skipped(kind, item_id, "already deleted"))
            continue
        sharing: TargetType = "gpt_sharing" if kind == "gpt" else "project_sharing"
        targets.append(_target(sharing, item_id, credentials[item_id]))
