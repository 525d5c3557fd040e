"""Due dates across reports: who owes what by when, grouped by report and due day."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby

from audit.coverage import body_due, heading
from audit.model import Timeliness, Workspace
from audit.obligations import Obligation, obligations
from audit.results import DueGroup, Owed, Schedule


def owed(obligation: Obligation) -> Owed:
    return Owed(obligation.report.id, obligation.body.id, obligation.body.name, obligation.path, obligation.response is not None)


def schedule(workspace: Workspace, as_of: date, report_ids: tuple[str, ...] = (), upcoming: int | None = None) -> Schedule:
    """Every (report, due day) group, by day then report; with ``upcoming``, only days within that
    many days of ``as_of`` on which someone is still waiting to respond."""
    chosen = obligations(workspace, report_ids, as_of)
    ordered = sorted(chosen, key=lambda o: (o.due, o.report.id))
    groups = []
    for (due, _), members in groupby(ordered, key=lambda o: (o.due, o.report.id)):
        group = tuple(members)
        waiting = tuple(owed(o) for o in group if o.timeliness(as_of) in (Timeliness.PENDING, Timeliness.OVERDUE))
        if upcoming is not None and not (as_of <= due <= as_of + timedelta(days=upcoming) and waiting):
            continue
        first = group[0]
        groups.append(DueGroup(heading(first.report), body_due(first), (due - as_of).days, tuple(owed(o) for o in group), waiting))
    return Schedule(as_of, tuple(groups))
