"""The static site's facts, computed once: every report's page, every body's page, the calendar.

The renderer (``audit.render.site``) only lays out the ``Site`` result; every count, state, date
and grouping it shows is decided here, from the coverage and the schedule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from audit.coverage import coverage
from audit.model import Body, DateRange, Status, Timeliness, Workspace
from audit.results import (
    Coverage,
    Gap,
    RecommendationSummary,
    ReportCoverage,
    ResponseState,
    Standing,
    shown_states,
)
from audit.schedule import schedule
from audit.site_pages import Arrivals, BodyPage, CoverageGroup, ReportPage, Site


def _arrivals(report: ReportCoverage) -> tuple[Arrivals, ...]:
    """The received responses grouped by their window of arrival and their standing, earliest first."""
    # Keyed by each body's own standing too: a body granted an extension is judged by its own due date.
    windows: dict[tuple[DateRange, Timeliness], list[Body]] = {}
    for row in report.bodies:
        if row.response is not ResponseState.NONE and row.received is not None:
            windows.setdefault((row.received, row.deadline), []).append(row.body)
    ordered = sorted(windows.items(), key=lambda item: (item[0][0].earliest, item[0][0].latest, item[0][1].value))
    return tuple(Arrivals(window, tuple(bodies), deadline) for (window, deadline), bodies in ordered)


def _report_page(workspace: Workspace, report: ReportCoverage) -> ReportPage:
    responses = Counter(row.response for row in report.bodies)
    deadlines = Counter(row.deadline for row in report.bodies)
    return ReportPage(
        report=workspace.reports[report.report.id],
        coverage=report,
        arrivals=_arrivals(report),
        responses={state: responses[state] for state in shown_states([responses])},
        deadlines={timeliness: deadlines[timeliness] for timeliness in Timeliness},
        groups=tuple(_grouped(summary) for summary in report.recommendations),
    )


def _grouped(summary: RecommendationSummary) -> dict[CoverageGroup, int]:
    unread, silent = summary.cells[Status.NOT_ASSESSED], summary.cells[Gap.NO_RESPONSE]
    return {
        CoverageGroup.ADDRESSED: summary.addressed,
        CoverageGroup.OTHER: summary.addressed_to - summary.addressed - unread - silent,
        CoverageGroup.NOT_ASSESSED: unread,
        CoverageGroup.NO_RESPONSE: silent,
    }


def _body_pages(workspace: Workspace, result: Coverage) -> Iterable[BodyPage]:
    standings: dict[str, list[Standing]] = {}
    for report in result.reports:
        for row in report.bodies:
            standings.setdefault(row.body.id, []).append(row)
    holders: dict[str, list[Body]] = {}
    for body in workspace.bodies.values():
        if body.holds_to_account:
            holders.setdefault(body.holds_to_account, []).append(body)
    for body in workspace.bodies.values():
        yield BodyPage(
            body=body,
            holds_to_account=workspace.bodies.get(body.holds_to_account) if body.holds_to_account else None,
            held_to_account_by=tuple(holders.get(body.id, ())),
            standings=tuple(standings.get(body.id, ())),
        )


def site(workspace: Workspace, as_of: date, addressed: Iterable[Status], report_ids: tuple[str, ...] = ()) -> Site:
    """The whole site of a workspace (or of the reports named) as of one day.

    ``addressed``: the statuses that count as addressed (the workspace's parameter of rule
    ``recommendation-unaddressed``), as every other result counts them.
    """
    result = coverage(workspace, as_of, addressed, report_ids)
    return Site(
        as_of=as_of,
        reports=tuple(_report_page(workspace, report) for report in result.reports),
        bodies=tuple(_body_pages(workspace, result)),
        names={body.id: body.name for body in workspace.bodies.values()},
        kinds=workspace.kinds,
        schedule=schedule(workspace, as_of, report_ids),
    )
