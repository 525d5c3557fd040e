"""``audit deadlines`` in a terminal: each due day, the report, how the day was derived, who still owes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from audit.render._text import days, owe, printable

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import Schedule


def render(schedule: Schedule, options: RenderOptions) -> Iterator[str]:
    if not schedule.groups:
        yield f"No due dates to show as of {schedule.as_of.isoformat()}.\n"
    for i, group in enumerate(schedule.groups):
        left = group.days_left
        when = f"in {days(left)}" if left > 0 else "today" if left == 0 else f"{days(-left)} ago"
        lines = [
            f"{group.due.day.isoformat()} ({when})  {printable(group.report.short_title)} ({group.report.id})",
            f"  {printable(group.due.explanation)}",
            f"  {owe(len(group.owed))} a response, {len(group.waiting)} not known to have arrived",
            *(f"    - {printable(o.name)} ({o.body})" for o in group.waiting),
        ]
        yield ("\n" if i else "") + "\n".join(lines) + "\n"


FORMAT: Format[Schedule] = render
