"""The static site's facts, computed once: every report's page, every body's page, the calendar.

The renderer (``audit.render.site``) only lays these out; every count, state,
date and grouping it shows is decided here, from the coverage and the schedule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from audit.coverage import NO_RESPONSE, NOT_ASSIGNED, BodyCoverage, Coverage, RecommendationSummary, ReportCoverage, coverage
from audit.deadlines import explain
from audit.model import Body, BodyKind, DateRange, Status, Timeliness, Workspace
from audit.schedule import DueGroup, due_groups

ANSWERED, GAP, UNREAD = "answered", "gap", Status.NOT_ASSESSED.value
COVERAGE_GROUPS = (ANSWERED, GAP, UNREAD, NO_RESPONSE)
_GROUP_OF = {
    Status.ADDRESSED.value: ANSWERED,
    Status.PARTIALLY_ADDRESSED.value: ANSWERED,
    Status.IN_PROGRESS.value: ANSWERED,
    Status.NOT_APPLICABLE.value: ANSWERED,
    Status.DEFERRED.value: GAP,
    Status.NOT_ADDRESSED.value: GAP,
    Status.NOT_ASSESSED.value: UNREAD,
    NO_RESPONSE: NO_RESPONSE,
}
"""Each cell value in one of four groups, as the coverage chart shows them (the table beside it keeps every value)."""


@dataclass(frozen=True)
class RecommendationCoverage:
    """How the bodies a recommendation is addressed to answered it, every value and the chart's four groups."""

    summary: RecommendationSummary
    groups: Counter[str]
    """answered / gap / not-assessed / no-response -> number of bodies."""


@dataclass(frozen=True)
class Arrivals:
    """The responses whose received date is known alike (exactly, or within the same bounds)."""

    received: DateRange
    bodies: tuple[Body, ...]
    """In the workspace's order of bodies."""
    deadline: Timeliness
    """Where these bodies stand against their due date: met, late or cannot tell."""


@dataclass(frozen=True)
class ReportPage:
    """One report as its page shows it: the coverage, how the due date was derived, and when responses came."""

    coverage: ReportCoverage
    explanation: str
    arrivals: tuple[Arrivals, ...]
    """Sorted by the window's earliest, then latest day."""
    awaited: tuple[BodyCoverage, ...]
    """The bodies from which nothing had certainly arrived by the as-of day."""
    responses: Counter[str]
    """published / unpublished / none -> number of bodies, every kind together."""
    deadlines: Counter[Timeliness]
    """Every kind together."""
    recommendations: tuple[RecommendationCoverage, ...]

    @property
    def id(self) -> str:
        return self.coverage.report.id

    def rows(self, kind: BodyKind) -> tuple[BodyCoverage, ...]:
        """The bodies of one kind, in the workspace's order."""
        return tuple(row for row in self.coverage.bodies if row.obligation.body.kind is kind)


@dataclass(frozen=True)
class BodyPage:
    """One body across every report that addresses it."""

    body: Body
    holds_to_account: Body | None
    held_to_account_by: tuple[Body, ...]
    rows: tuple[BodyCoverage, ...]
    """One per report, in the reports' order."""


@dataclass(frozen=True)
class Site:
    """Everything the static site shows, as of one day."""

    as_of: date
    reports: tuple[ReportPage, ...]
    bodies: tuple[BodyPage, ...]
    """Every body of the workspace, in file order: one addressed by no report has a page saying so."""
    due: tuple[DueGroup, ...]
    """The calendar's events: every (report, due day) group."""


def _arrivals(report: ReportCoverage) -> tuple[Arrivals, ...]:
    # Keyed by the row's own standing too: a body granted an extension is judged by its own due date.
    windows: dict[tuple[DateRange, Timeliness], list[Body]] = {}
    for row in report.bodies:
        if row.response != "none" and row.obligation.response is not None:
            windows.setdefault((row.obligation.response.received, row.deadline), []).append(row.obligation.body)
    ordered = sorted(windows.items(), key=lambda item: (item[0][0].earliest, item[0][0].latest, item[0][1].value))
    return tuple(Arrivals(window, tuple(bodies), deadline) for (window, deadline), bodies in ordered)


def _report_page(report: ReportCoverage) -> ReportPage:
    r = report.report
    return ReportPage(
        coverage=report,
        explanation=explain(r.deadline, r.published),
        arrivals=_arrivals(report),
        awaited=tuple(row for row in report.bodies if row.response == "none"),
        responses=sum((kind.responses for kind in report.kinds), Counter()),
        deadlines=sum((kind.deadlines for kind in report.kinds), Counter()),
        recommendations=tuple(
            RecommendationCoverage(summary, _grouped(summary))
            for summary in report.recommendations
        ),
    )


def _grouped(summary: RecommendationSummary) -> Counter[str]:
    groups: Counter[str] = Counter()
    for value, count in summary.cells.items():
        if value != NOT_ASSIGNED:
            groups[_GROUP_OF[value]] += count
    return groups


def _body_pages(workspace: Workspace, result: Coverage) -> Iterable[BodyPage]:
    rows: dict[str, list[BodyCoverage]] = {}
    for report in result.reports:
        for row in report.bodies:
            rows.setdefault(row.obligation.body.id, []).append(row)
    holders: dict[str, list[Body]] = {}
    for body in workspace.bodies.values():
        if body.holds_to_account:
            holders.setdefault(body.holds_to_account, []).append(body)
    for body in workspace.bodies.values():
        yield BodyPage(
            body=body,
            holds_to_account=workspace.bodies.get(body.holds_to_account) if body.holds_to_account else None,
            held_to_account_by=tuple(holders.get(body.id, ())),
            rows=tuple(rows.get(body.id, ())),
        )


def site(workspace: Workspace, as_of: date) -> Site:
    """The whole site of a workspace as of one day."""
    result = coverage(workspace, as_of)
    return Site(
        as_of=as_of,
        reports=tuple(_report_page(report) for report in result.reports),
        bodies=tuple(_body_pages(workspace, result)),
        due=tuple(due_groups(workspace, as_of)),
    )
