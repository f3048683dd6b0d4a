"""Run a remediation: select, then either audit the plan (dry run) or act on it, safely.

Deleting is irreversible, so an executing run passes every gate before its first DELETE:
the typed confirmation equals the workspace's display name, the number of targets is within
``max_deletions``, and the key holds the ``delete`` scope (proved by deleting a random id that
cannot exist: 404 means allowed, 401/403 means not). A gate that stops the run records the
targets as ``blocked`` and raises. Then each target is written ``pending``, sent once, and its
outcome recorded before the next; targets an earlier run finished are not sent again.
A target whose ids lack the shape the API issues (a corrupt or hostile catalog row: ``..``
would address the parent object) is never sent: it is recorded ``blocked`` with the reason.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, NoReturn

from openai_connector.api.errors import (
    AuthenticationError,
    ComplianceAPIError,
    PermissionDeniedError,
)
from openai_connector.api.ids import IdKind, id_problem
from openai_connector.errors import OpenAIConnectorError
from openai_connector.remediation.audit import AuditLog
from openai_connector.remediation.marking import mark_removed
from openai_connector.remediation.model import (
    DONE_STATUSES,
    Outcome,
    Request,
    Result,
    Status,
    Target,
)
from openai_connector.remediation.selection import select_targets

if TYPE_CHECKING:
    from openai_connector.api import ComplianceClient, Deletion, WorkspaceSettings
    from openai_connector.catalog import CatalogStore

log = logging.getLogger(__name__)

ClientFactory = Callable[[], "ComplianceClient"]

_CALLS: Mapping[str, Callable[[ComplianceClient, Target], Deletion]] = {
    "conversation": lambda client, t: client.delete_conversation(t.target_id),
    "user_file": lambda client, t: client.delete_user_file(t.parent_id or "", t.target_id),
    "gpt_file": lambda client, t: client.delete_gpt_file(t.parent_id or "", t.target_id),
    "project_file": lambda client, t: client.delete_project_file(t.parent_id or "", t.target_id),
    "gpt_sharing": lambda client, t: client.unshare_gpt(t.target_id),
    "project_sharing": lambda client, t: client.unshare_project(t.target_id),
}
#: The id kinds each call puts in its path: the target's own, and its parent's if any.
_ID_KINDS: Mapping[str, tuple[IdKind, IdKind | None]] = {
    "conversation": ("conversation", None),
    "user_file": ("file", "user"),
    "gpt_file": ("file", "gpt"),
    "project_file": ("file", "project"),
    "gpt_sharing": ("gpt", None),
    "project_sharing": ("project", None),
}


class RemediationError(OpenAIConnectorError):
    """A safety gate stopped an executing run before any DELETE; the message says which."""


class ConfirmationError(RemediationError):
    """The typed confirmation is missing or is not the workspace's display name."""


class DeletionLimitError(RemediationError):
    """More targets than ``max_deletions``."""


class MissingScopeError(RemediationError):
    """The key cannot delete: it lacks the compliance ``delete`` scope (or was rejected)."""


def remediate(
    request: Request,
    *,
    settings: WorkspaceSettings,
    store: CatalogStore,
    client_factory: ClientFactory,
) -> Result:
    """Select the targets, then audit the plan (dry run) or execute it (see module docs)."""
    plan = select_targets(store, settings.workspace_id, request.criteria)
    audit = AuditLog(store, settings.workspace_id, request)
    log.info(
        "Remediation %s of %s: %d targets, %d skipped (%s)",
        request.run_id,
        settings.display_name,
        len(plan.targets),
        len(plan.skipped),
        "dry run" if request.dry_run else "executing",
    )
    refused = _refuse_malformed(plan.targets)
    audit.record(refused)
    refused_keys = {outcome.target.key for outcome in refused}
    targets = [target for target in plan.targets if target.key not in refused_keys]
    if request.dry_run:
        planned = tuple(Outcome(target, "planned") for target in targets)
        audit.record(planned)
        return Result(request.run_id, True, plan, (*refused, *planned))
    outcomes = _execute(request, targets, settings, store, client_factory, audit)
    return Result(request.run_id, False, plan, (*refused, *outcomes))


def malformed_id(target: Target) -> str | None:
    """Why the target's ids cannot be sent to the API, or ``None`` when they can."""
    own, parent = _ID_KINDS[target.target_type]
    problem = id_problem(own, target.target_id)
    if problem is None and parent is not None:
        problem = id_problem(parent, target.parent_id)
    return problem


def _refuse_malformed(targets: tuple[Target, ...]) -> list[Outcome]:
    refused = []
    for target in targets:
        problem = malformed_id(target)
        if problem is not None:
            detail = f"refused: {problem}; nothing was sent"
            log.warning("%s target blocked: %s", target.target_type, detail)
            refused.append(Outcome(target, "blocked", detail=detail))
    return refused


def _execute(
    request: Request,
    targets: list[Target],
    settings: WorkspaceSettings,
    store: CatalogStore,
    client_factory: ClientFactory,
    audit: AuditLog,
) -> tuple[Outcome, ...]:
    finished = audit.finished(targets)
    earlier = [
        Outcome(target, "done_earlier", detail=f"finished by run {finished[target.key]}")
        for target in targets
        if target.key in finished
    ]
    todo = [target for target in targets if target.key not in finished]
    _check_confirmation(request, settings, todo, audit)
    if len(todo) > request.max_deletions:
        _block(
            audit,
            todo,
            DeletionLimitError(
                f"{len(todo)} targets exceed max_deletions={request.max_deletions}; nothing "
                "was deleted. Narrow the selection or raise max_deletions."
            ),
        )
    # Rows of this run's earlier attempt (a retried task) already say what it did.
    audit.record([o for o in earlier if finished[o.target.key] != request.run_id])
    outcomes: list[Outcome] = []
    if todo:
        with client_factory() as client:
            _verify_delete_scope(client, settings, todo, audit)
            audit.record([Outcome(target, "pending") for target in todo])
            outcomes = _act(client, todo, audit)
    done = [o.target for o in (*earlier, *outcomes) if o.status in DONE_STATUSES]
    mark_removed(store, settings.workspace_id, request.run_id, done)
    return (*earlier, *outcomes)


def _block(audit: AuditLog, targets: list[Target], error: RemediationError) -> NoReturn:
    """Record the targets as blocked by ``error``, then raise it."""
    audit.record([Outcome(target, "blocked", detail=str(error)) for target in targets])
    raise error


def _check_confirmation(
    request: Request, settings: WorkspaceSettings, todo: list[Target], audit: AuditLog
) -> None:
    expected = settings.display_name
    if request.confirm == expected:
        return
    typed = "no confirmation" if request.confirm is None else f"{request.confirm!r}"
    _block(
        audit,
        todo,
        ConfirmationError(
            f"Executing needs confirm set to the workspace's display name {expected!r} "
            f"exactly; got {typed}. Nothing was deleted."
        ),
    )


def _verify_delete_scope(
    client: ComplianceClient, settings: WorkspaceSettings, todo: list[Target], audit: AuditLog
) -> None:
    """DELETE a random conversation id: 404 proves the scope without removing anything."""
    try:
        probe = client.delete_conversation(str(uuid.uuid4()))
    except (PermissionDeniedError, AuthenticationError) as exc:
        _block(
            audit,
            todo,
            MissingScopeError(
                f"The API key of {settings.display_name} cannot delete: it needs the "
                f"compliance 'delete' scope (api.compliance.delete), granted by OpenAI "
                f"support. The API said: {exc}. Nothing was deleted."
            ),
        )
    if not probe.already_gone:
        _block(
            audit,
            todo,
            RemediationError(
                "The scope check deleted an id that cannot exist; stopping before any real "
                "DELETE. Check the base URL points at the Compliance API."
            ),
        )


def _act(client: ComplianceClient, todo: list[Target], audit: AuditLog) -> list[Outcome]:
    """Send each target once, recording its outcome before the next; stop if the key fails."""
    outcomes: list[Outcome] = []
    for index, target in enumerate(todo):
        outcome = _send(client, target)
        audit.record([outcome])
        outcomes.append(outcome)
        log.info(
            "%s %s: %s%s",
            target.target_type,
            target.target_id,
            outcome.status,
            f" ({outcome.detail})" if outcome.detail else "",
        )
        if outcome.status == "failed" and outcome.api_status in (401, 403):
            stop = f"stopped after {target.target_id}: the key was refused ({outcome.detail})"
            rest = [Outcome(t, "blocked", detail=stop) for t in todo[index + 1 :]]
            audit.record(rest)
            return outcomes + rest
    return outcomes


def _send(client: ComplianceClient, target: Target) -> Outcome:
    try:
        deletion = _CALLS[target.target_type](client, target)
    except ComplianceAPIError as exc:
        return Outcome(target, "failed", getattr(exc, "status_code", None), str(exc))
    if deletion.already_gone:
        return Outcome(target, "already_gone", 404)
    if not deletion.deleted:
        return Outcome(target, "failed", 200, "the API answered deleted=false")
    done: Status = "unshared" if target.target_type.endswith("_sharing") else "deleted"
    return Outcome(target, done, 200)
