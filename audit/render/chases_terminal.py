"""``audit chase --dry-run``: who would be chased, per report, and when each was chased last."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import TYPE_CHECKING

from audit.render._letters import long_date
from audit.render._text import printable
from audit.words import days

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import ChaseLetter, ChasesDue


def render(due: ChasesDue, options: RenderOptions) -> Iterator[str]:
    if due.named:
        title = f"To chase as of {due.as_of.isoformat()} (the bodies named):"
    else:
        title = f"Due a chase as of {due.as_of.isoformat()} (overdue, and not chased in the last {days(due.interval)}):"
    if not due.letters:
        yield title + " nobody.\n"
        return
    yield title + "\n"
    for _, letters in groupby(due.letters, key=lambda letter: letter.standing.report.id):
        group = list(letters)
        report = group[0].standing.report
        yield "\n".join(["", f"{printable(report.short_title)} ({report.id})", *(_line(letter) for letter in group)]) + "\n"
    yield f"\n{len(due.letters)} letter(s) would be written; nothing was written.\n"


def _line(letter: ChaseLetter) -> str:
    owed = letter.standing
    if letter.days_since_chase is not None:
        last = owed.chases[-1]
        chased = f"last chased {long_date(last.sent_on)} by {last.via} ({days(letter.days_since_chase)} ago)"
    else:
        chased = "never chased"
    return f"  {printable(owed.body.name)} ({owed.body.id}): due {owed.due.day.isoformat()}, {days(owed.days_overdue)} overdue; {chased}"


FORMAT: Format[ChasesDue] = render
