"""``audit show BODY --history``: each commit that changed a fact about the body, and what changed, as plain text."""

from __future__ import annotations

from audit.diff import FactChange
from audit.history import BodyHistory
from audit.render._text import printable


def render(history: BodyHistory) -> str:
    lines = ["", "History (from git):"]
    if history.shallow:
        lines.append("  (a shallow clone: the history begins where the clone does)")
    if not history.changes:
        lines.append("  no commit changed the data about this body")
    for change in history.changes:
        commit = change.commit[:12] if change.commit else "-"
        lines.append(f"  {change.date or '-':<10}  {commit:<12}  {printable(change.subject)}")
        if change.problem is not None:
            lines.append(f"    {printable(change.problem)}")
        lines += [f"    {_line(c)}" for c in change.changes]
    return "\n".join(lines) + "\n"


def _line(change: FactChange) -> str:
    """``+ fact: value`` where it appeared, ``- fact: value`` where it went, ``~ fact: was → is`` otherwise."""
    if change.before is None:
        return printable(f"+ {change.fact}: {change.after}")
    if change.after is None:
        return printable(f"- {change.fact}: {change.before}")
    return printable(f"~ {change.fact}: {change.before} → {change.after}")
