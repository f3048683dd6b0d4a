"""A result as lines a security engineer reads: the plan (masked previews only) and outcomes.

The command line prints these lines and the remediation task logs them, so both show the
same thing. Previews come from findings, which only ever hold masked values.
"""

from __future__ import annotations

from openai_connector.remediation.model import Result

#: Masked previews shown per target; the audit table has every finding id.
PREVIEWS_SHOWN = 3


def describe(result: Result) -> list[str]:
    """Header, one line per target with its outcome, then skipped and unmatched objects."""
    plan = result.plan
    criteria = plan.criteria
    scope = f"severity >= {criteria.min_severity}"
    if criteria.entity_types:
        scope += f", entity types {', '.join(criteria.entity_types)}"
    if criteria.targets:
        scope += f", only {len(criteria.targets)} listed ids"
    mode = "DRY RUN (nothing is deleted)" if result.dry_run else "EXECUTED"
    lines = [
        f"Remediation run {result.run_id}: {mode}; {scope}; {len(plan.targets)} targets",
    ]
    for outcome in result.outcomes:
        target = outcome.target
        previews = ", ".join(target.previews[:PREVIEWS_SHOWN])
        more = len(target.previews) - PREVIEWS_SHOWN
        if more > 0:
            previews += f" (+{more} more)"
        status = outcome.status + (f" — {outcome.detail}" if outcome.detail else "")
        lines.append(
            f"  {target.target_type:<15} {target.target_id}  [{target.highest_severity}] "
            f"{', '.join(target.entity_types)}: {previews}  -> {status}"
        )
    lines += [f"  skipped {s.object_type} {s.object_id}: {s.why}" for s in plan.skipped]
    lines += [f"  no matching target with id {target_id}" for target_id in plan.unmatched]
    counts = ", ".join(f"{status} {count}" for status, count in sorted(result.counts.items()))
    lines.append(f"Outcomes: {counts or 'nothing to do'}")
    return lines
