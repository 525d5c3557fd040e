"""``audit deadlines --format json``: every (report, due day) group and who owes on it, for scripts.
``docs/output-formats.md`` describes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from audit.render._json import chunks

if TYPE_CHECKING:
    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import DueGroup, Schedule


def _group(group: DueGroup) -> dict[str, Any]:
    waiting = {o.body for o in group.waiting}
    return {
        "report": group.report.id,
        "title": group.report.title,
        "due": group.due.day.isoformat(),
        "due_explanation": group.due.explanation,
        "days_left": group.days_left,
        "bodies": [{"body": o.body, "name": o.name, "path": o.path, "waiting": o.body in waiting} for o in group.owed],
    }


def render(schedule: Schedule, options: RenderOptions) -> Iterator[str]:
    return chunks({"as_of": schedule.as_of.isoformat(), "groups": [_group(g) for g in schedule.groups]}, inline_from=4)


FORMAT: Format[Schedule] = render
