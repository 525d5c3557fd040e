"""Due dates across reports: who owes what by when, grouped by report and due day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from audit.deadlines import explain
from audit.model import Report, Timeliness, Workspace
from audit.obligations import Obligation, obligations


@dataclass(frozen=True)
class DueGroup:
    """The bodies that owe one report an update on one day, and how that day was derived."""

    report: Report
    due: date
    explanation: str
    owed: tuple[Obligation, ...]
    """In the workspace's order of bodies."""

    def waiting(self, as_of: date) -> tuple[Obligation, ...]:
        """Those whose response had not certainly arrived by ``as_of``."""
        return tuple(o for o in self.owed if o.timeliness(as_of) in (Timeliness.PENDING, Timeliness.OVERDUE))


def due_groups(workspace: Workspace, as_of: date, report_ids: tuple[str, ...] = (), upcoming: int | None = None) -> list[DueGroup]:
    """Every (report, due day) group; with ``upcoming``, only days within that many days of ``as_of``
    on which someone is still waiting to respond."""
    chosen = obligations(workspace, report_ids)
    ordered = sorted(chosen, key=lambda o: (o.due, o.report.id))
    groups = []
    for (due, _), owed in groupby(ordered, key=lambda o: (o.due, o.report.id)):
        members = tuple(owed)
        first = members[0]
        group = DueGroup(first.report, due, explain(first.report.deadline, first.report.published, first.extension), members)
        if upcoming is not None and not (as_of <= due <= as_of + timedelta(days=upcoming) and group.waiting(as_of)):
            continue
        groups.append(group)
    return groups
