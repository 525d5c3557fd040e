"""``audit chase --dry-run``: who would be chased, per report, and what each has been sent before."""

from __future__ import annotations

from itertools import groupby

from audit.chasing import ChasesDue
from audit.checks._words import days as _days
from audit.render._letters import long_date
from audit.render._text import printable


def render(due: ChasesDue) -> str:
    if due.named:
        lines = [f"To chase as of {due.as_of.isoformat()} (the bodies named):"]
    else:
        lines = [f"Due a chase as of {due.as_of.isoformat()} (overdue, and not chased in the last {_days(due.interval)}):"]
    if not due.letters:
        return lines[0] + " nobody.\n"
    for _, letters in groupby(due.letters, key=lambda letter: letter.obligation.report.id):
        group = list(letters)
        report = group[0].obligation.report
        lines += ["", f"{printable(report.short_title)} ({report.id})"]
        for letter in group:
            if letter.chases:
                last = letter.chases[-1]
                chased = f"last chased {long_date(last.sent_on)} by {last.via} ({_days((due.as_of - last.sent_on).days)} ago)"
            else:
                chased = "never chased"
            lines.append(
                f"  {printable(letter.obligation.body.name)} ({letter.obligation.body.id}): due {letter.obligation.due.isoformat()}, "
                f"{_days(letter.days_overdue)} overdue; {chased}"
            )
    lines += ["", f"{len(due.letters)} letter(s) would be written; nothing was written."]
    return "\n".join(lines) + "\n"
