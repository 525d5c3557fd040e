"""``audit deadlines`` in a terminal: each due day, the report, how the day was derived, who still owes."""

from __future__ import annotations

from datetime import date

from audit.render._text import days, owe, printable
from audit.render.options import RenderOptions
from audit.schedule import DueGroup


def render(groups: list[DueGroup], as_of: date, options: RenderOptions) -> str:
    if not groups:
        return f"No due dates to show as of {as_of.isoformat()}.\n"
    lines = []
    for group in groups:
        waiting = group.waiting(as_of)
        left = (group.due - as_of).days
        when = f"in {days(left)}" if left > 0 else "today" if left == 0 else f"{days(-left)} ago"
        lines.append(f"{group.due.isoformat()} ({when})  {printable(group.report.short_title)} ({group.report.id})")
        lines.append(f"  {printable(group.explanation)}")
        lines.append(f"  {owe(len(group.owed))} a response, {len(waiting)} not known to have arrived")
        lines += [f"    - {printable(o.body.name)} ({o.body.id})" for o in waiting]
        lines.append("")
    return "\n".join(lines)
