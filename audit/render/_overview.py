"""The overview of reports that ``audit check`` opens with and ``audit coverage`` shows when reports are many."""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.table import Table

from audit.render._text import printable
from audit.results import Overview
from audit.vocabulary import Timeliness

MANY_REPORTS = 12
"""More reports than this are shown one line each: three lines or a grid per report would run to
thousands of lines before anything to act on."""


DUE_FROM = 72
"""The width from which the one-line view has room for each report's due date."""


def one_line_each(overviews: Iterable[Overview], width: int) -> Table:
    """A row per report: its due date (where ``width`` has room), who owes, who replied, who has not,
    what is unpublished or unaddressed."""
    # The box draws one space between columns and none at the edges.
    table = Table(box=box.SIMPLE_HEAD, padding=0, pad_edge=False, show_edge=False)
    table.add_column("report", overflow="fold")
    dated = width >= DUE_FROM
    if dated:
        table.add_column("due", no_wrap=True)
    for heading in ("owing", "replied", "overdue", "pending", "unpub.", "unaddr."):
        table.add_column(heading, justify="right", overflow="fold")
    for overview in overviews:
        counts = (
            overview.owing,
            overview.replied,
            overview.deadlines[Timeliness.OVERDUE],
            overview.deadlines[Timeliness.PENDING],
            overview.unpublished,
            overview.unaddressed,
        )
        due = (overview.report.due.day.isoformat(),) if dated else ()
        table.add_row(printable(overview.report.id), *due, *(f"{n:,}" for n in counts))
    return table
