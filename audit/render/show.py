"""``audit show BODY``: one body's standing in every report, as plain text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._legend import DEADLINE_WORDS, cell_words
from audit.render._text import printable
from audit.vocabulary import Receipt, Timeliness

if TYPE_CHECKING:
    from audit.changes import BodyHistory, FactChange
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import OneBody


def render(result: OneBody, options: RenderOptions) -> Iterator[str]:
    body = result.body
    lines = [f"{printable(body.name)} ({body.id}, {body.kind}) as of {result.as_of.isoformat()}"]
    if body.aliases:
        lines.append("also known as: " + "; ".join(printable(a) for a in body.aliases))
    if not result.standings:
        lines += ["", "No report addresses this body."]
    for s in result.standings:
        report = s.report
        lines += ["", f"{printable(report.short_title)} ({report.id}), published {report.published.isoformat()}"]
        lines.append(f"  due {s.due.day.isoformat()}: {printable(s.due.explanation)}")
        deadline = DEADLINE_WORDS[s.deadline]
        if s.received is None or s.receipt is Receipt.NOT_YET:
            lines.append(f"  response: none received; deadline: {deadline}")
        else:
            published = "published" if s.published else "not published"
            lines.append(f"  response: received {s.received}, {published}; deadline: {deadline}  ({s.path})")
        lines += [
            f"  chased {chase.sent_on.isoformat()} by {chase.via}, from {printable(', '.join(chase.sent_by))}  ({chase.path}:{chase.line})"
            for chase in s.chases
        ]
        if not s.chases and s.deadline is Timeliness.OVERDUE:
            lines.append("  chased: never")
        lines += [f"  - {cell.recommendation.label}: {cell_words(cell.cell)}" for cell in s.owed]
    yield "\n".join(lines) + "\n"
    if result.history is not None:
        yield _history(result.history)


def _history(history: BodyHistory) -> str:
    """Each commit that changed a fact about the body, and what changed."""
    lines = ["", "History (from git):"]
    if history.shallow:
        lines.append("  (a shallow clone: the history begins where the clone does)")
    if not history.entries:
        lines.append("  no commit changed the data about this body")
    for entry in history.entries:
        commit = entry.commit[:12] if entry.commit else "-"
        lines.append(f"  {entry.day or '-':<10}  {commit:<12}  {printable(entry.subject)}")
        if entry.problem is not None:
            lines.append(f"    {printable(entry.problem)}")
        lines += [f"    {_fact_line(c)}" for c in entry.changes]
    return "\n".join(lines) + "\n"


def _fact_line(change: FactChange) -> str:
    """``+ fact: value`` where it appeared, ``- fact: value`` where it went, ``~ fact: was → is`` otherwise."""
    if change.before is None:
        return printable(f"+ {change.fact}: {change.after}")
    if change.after is None:
        return printable(f"- {change.fact}: {change.before}")
    return printable(f"~ {change.fact}: {change.before} → {change.after}")


FORMAT: Format[OneBody] = render
