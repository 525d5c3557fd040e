"""The body x recommendation matrix for each report, and the summaries built on it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from audit.deadlines import due_date
from audit.model import BodyKind, Receipt, Recommendation, Report, Status, Timeliness, Workspace
from audit.obligations import Obligation, obligations

NOT_ASSIGNED = "not-assigned"
NO_RESPONSE = "no-response"
CELL_VALUES = (*(s.value for s in Status), NO_RESPONSE, NOT_ASSIGNED)
"""Every value a matrix cell can hold, in the order legends and summaries list them."""

PUBLISHED, UNPUBLISHED, NONE = "published", "unpublished", "none"
RESPONSE_STATES = (PUBLISHED, UNPUBLISHED, NONE)


@dataclass(frozen=True)
class BodyCoverage:
    """One row of the matrix: a body, what it sent, and a cell per recommendation of the report."""

    obligation: Obligation
    response: str
    """published, unpublished, or none (nothing certainly received by the as-of day)."""
    deadline: Timeliness
    cells: dict[str, str]
    """Recommendation id -> status value, ``no-response`` or ``not-assigned``, for every recommendation."""

    @property
    def owed(self) -> tuple[Recommendation, ...]:
        return self.obligation.recommendations


@dataclass(frozen=True)
class KindSummary:
    """How the bodies of one kind stand."""

    kind: BodyKind
    responses: Counter[str]
    """published / unpublished / none -> number of bodies."""
    deadlines: Counter[Timeliness]

    @property
    def bodies(self) -> int:
        return sum(self.responses.values())


@dataclass(frozen=True)
class RecommendationSummary:
    """How the bodies a recommendation is addressed to have answered it."""

    recommendation: Recommendation
    cells: Counter[str]
    """Status value or ``no-response`` -> number of bodies it is addressed to."""

    @property
    def addressed_to(self) -> int:
        return sum(self.cells.values())


@dataclass(frozen=True)
class ReportCoverage:
    report: Report
    due: date
    bodies: tuple[BodyCoverage, ...]
    kinds: tuple[KindSummary, ...]
    recommendations: tuple[RecommendationSummary, ...]


@dataclass(frozen=True)
class Coverage:
    as_of: date
    reports: tuple[ReportCoverage, ...]


def _row(obligation: Obligation, as_of: date) -> BodyCoverage:
    received = obligation.receipt(as_of) is Receipt.RECEIVED
    assert obligation.response is not None or not received
    if not received:
        response = NONE
    else:
        response = PUBLISHED if obligation.response and obligation.response.published else UNPUBLISHED
    assigned = {rec.id for rec in obligation.recommendations}
    cells = {
        rec.id: (
            NOT_ASSIGNED if rec.id not in assigned else obligation.status(rec.id).value if received else NO_RESPONSE
        )
        for rec in obligation.report.recommendations
    }
    return BodyCoverage(obligation, response, obligation.timeliness(as_of), cells)


def _report_coverage(report: Report, rows: list[BodyCoverage]) -> ReportCoverage:
    kinds = []
    for kind in BodyKind:
        of_kind = [row for row in rows if row.obligation.body.kind is kind]
        if of_kind:
            kinds.append(
                KindSummary(
                    kind,
                    Counter({state: sum(r.response == state for r in of_kind) for state in RESPONSE_STATES}),
                    Counter(r.deadline for r in of_kind),
                )
            )
    per_recommendation = tuple(
        RecommendationSummary(rec, Counter(row.cells[rec.id] for row in rows if row.cells[rec.id] != NOT_ASSIGNED))
        for rec in report.recommendations
    )
    # The report's own due date; a body with an extension carries its own on its obligation.
    due = due_date(report.deadline, report.published)
    return ReportCoverage(report, due, tuple(rows), tuple(kinds), per_recommendation)


def coverage(
    workspace: Workspace,
    as_of: date,
    report_ids: Iterable[str] = (),
    kinds: Iterable[BodyKind] = (),
) -> Coverage:
    """The matrix and summaries of every report (or those named), for every body (or those kinds)."""
    wanted_reports, wanted_kinds = set(report_ids), set(kinds)
    rows: dict[str, list[BodyCoverage]] = {}
    for obligation in obligations(workspace, wanted_reports):
        if wanted_kinds and obligation.body.kind not in wanted_kinds:
            continue
        rows.setdefault(obligation.report.id, []).append(_row(obligation, as_of))
    return Coverage(
        as_of, tuple(_report_coverage(workspace.reports[report_id], found) for report_id, found in rows.items())
    )
