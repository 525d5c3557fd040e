"""Each body's standing towards each report, the body x recommendation matrix, and its summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date

from audit.deadlines import due_date, explain
from audit.model import Body, Kind, Receipt, Report, Status, Timeliness, Workspace
from audit.obligations import Obligation, obligations
from audit.results import (
    OWED_CELLS,
    Answered,
    BodyHistory,
    Cell,
    Coverage,
    Due,
    Gap,
    KindSummary,
    OneBody,
    Overview,
    RecommendationSummary,
    ReportCoverage,
    ReportHeading,
    ResponseState,
    Standing,
    shown_states,
)


def heading(report: Report) -> ReportHeading:
    due = Due(due_date(report.deadline, report.published), explain(report.deadline, report.published))
    return ReportHeading(report.id, report.title, report.short_title, report.published, due, report.recommendations)


def body_due(obligation: Obligation) -> Due:
    """The body's own due date and how it was derived (an extension says what it replaced)."""
    report = obligation.report
    return Due(obligation.due, explain(report.deadline, report.published, obligation.extension))


def standing(obligation: Obligation, report: ReportHeading, as_of: date, addressed: Collection[Status]) -> Standing:
    receipt = obligation.receipt(as_of)
    response = obligation.response
    if response is None or receipt is Receipt.NOT_YET:
        state = ResponseState.NONE
    elif receipt is Receipt.CANNOT_TELL:
        # What it says is shown: "no response" would claim what is not known.
        state = ResponseState.CANNOT_TELL
    else:
        state = ResponseState.PUBLISHED if response.published else ResponseState.UNPUBLISHED
    assigned = {rec.id for rec in obligation.recommendations}
    cells = []
    for rec in report.recommendations:
        cell: Cell
        if rec.id not in assigned:
            cell = Gap.NOT_ASSIGNED
        elif state is ResponseState.NONE:
            cell = Gap.NO_RESPONSE
        else:
            cell = obligation.status(rec.id)
        answer = response.answers.get(rec.id) if response is not None and state is not ResponseState.NONE else None
        cells.append(
            Answered(rec, cell, isinstance(cell, Status) and cell in addressed, answer.evidence if answer is not None else ())
        )
    return Standing(
        report=report,
        body=obligation.body,
        path=obligation.path,
        due=body_due(obligation),
        receipt=receipt,
        response=state,
        received=response.received if response is not None else None,
        published=response is not None and response.published,
        deadline=obligation.timeliness(as_of),
        days_overdue=max(0, (as_of - obligation.due).days),
        cells=tuple(cells),
        chases=obligation.chases_by(as_of),
        source=response.source if response is not None else None,
        joint_with=tuple(b for b in (response.body, *response.joint_with) if b != obligation.body.id) if response is not None else (),
    )


def _kinds(rows: list[Standing], declared: Iterable[Kind]) -> tuple[KindSummary, ...]:
    summaries = []
    for kind in declared:
        of_kind = [row for row in rows if row.body.kind == kind.id]
        if of_kind:
            responses = Counter(row.response for row in of_kind)
            deadlines = Counter(row.deadline for row in of_kind)
            summaries.append(
                KindSummary(
                    kind,
                    len(of_kind),
                    {state: responses[state] for state in shown_states([responses])},
                    {timeliness: deadlines[timeliness] for timeliness in Timeliness},
                )
            )
    return tuple(summaries)


def _recommendations(report: ReportHeading, rows: list[Standing]) -> tuple[RecommendationSummary, ...]:
    summaries = []
    for i, rec in enumerate(report.recommendations):
        answered = [row.cells[i] for row in rows if row.cells[i].assigned]
        counts = Counter(cell.cell for cell in answered)
        summaries.append(
            RecommendationSummary(rec, len(answered), {value: counts[value] for value in OWED_CELLS}, sum(c.addressed for c in answered))
        )
    return tuple(summaries)


def overview(report: ReportHeading, rows: Iterable[Standing]) -> Overview:
    """The counts a person reads first about ``report``, over the bodies in ``rows``."""
    owing = replied = unpublished = unaddressed = not_assessed = 0
    deadlines: Counter[Timeliness] = Counter()
    for row in rows:
        owing += 1
        deadlines[row.deadline] += 1
        if row.response is not ResponseState.NONE:
            replied += 1
            unpublished += row.response is ResponseState.UNPUBLISHED
            for cell in row.owed:
                not_assessed += cell.cell is Status.NOT_ASSESSED
                unaddressed += cell.cell is not Status.NOT_ASSESSED and not cell.addressed
    return Overview(report, owing, replied, {t: deadlines[t] for t in Timeliness}, unpublished, unaddressed, not_assessed)


def chosen(
    workspace: Workspace, as_of: date, report_ids: Iterable[str] = (), body_ids: Iterable[str] = (), kinds: Iterable[str] = ()
) -> list[Obligation]:
    """The obligations of the reports, bodies and kinds of body named (each: all, where none is named).

    Only the reports named are worked out at all.
    """
    wanted_bodies, wanted_kinds = set(body_ids), set(kinds)
    return [
        o
        for o in obligations(workspace, report_ids, as_of)
        if (not wanted_bodies or o.body.id in wanted_bodies) and (not wanted_kinds or o.body.kind in wanted_kinds)
    ]


def coverage(
    workspace: Workspace,
    as_of: date,
    addressed: Iterable[Status],
    report_ids: Iterable[str] = (),
    kinds: Iterable[str] = (),
    body_ids: Iterable[str] = (),
) -> Coverage:
    """The matrix and summaries of every report (or those named) that addresses a body (of those named, of those kinds).

    ``addressed``: the statuses that count as addressed (the workspace's parameter of rule
    ``recommendation-unaddressed``).
    """
    return coverage_of(chosen(workspace, as_of, report_ids, body_ids, kinds), as_of, addressed, workspace.kinds.values())


def coverage_of(owed: Iterable[Obligation], as_of: date, addressed: Iterable[Status], declared: Collection[Kind]) -> Coverage:
    """The matrix and summaries of these obligations, by report; ``declared``: the workspace's kinds of body, in order."""
    counted = tuple(addressed)
    return Coverage(
        as_of,
        counted,
        tuple(
            ReportCoverage(report, tuple(found), _kinds(found, declared), _recommendations(report, found), overview(report, found))
            for report, found in _standings(owed, as_of, counted)
        ),
    )


def overviews(owed: Iterable[Obligation], as_of: date, addressed: Iterable[Status]) -> tuple[Overview, ...]:
    """Each report's overview over these obligations: what ``coverage_of`` gives, without the matrix's other summaries."""
    return tuple(overview(report, found) for report, found in _standings(owed, as_of, tuple(addressed)))


def _standings(owed: Iterable[Obligation], as_of: date, counted: tuple[Status, ...]) -> list[tuple[ReportHeading, list[Standing]]]:
    """Each report's heading and the standing of each of these obligations to it, reports in the order met."""
    rows: dict[str, list[Standing]] = {}
    headings: dict[str, ReportHeading] = {}
    for obligation in owed:
        report_id = obligation.report.id
        if report_id not in headings:
            headings[report_id] = heading(obligation.report)
        rows.setdefault(report_id, []).append(standing(obligation, headings[report_id], as_of, counted))
    return [(headings[report_id], found) for report_id, found in rows.items()]


def one_body(
    workspace: Workspace,
    body: Body,
    as_of: date,
    addressed: Iterable[Status],
    report_ids: Iterable[str] = (),
    history: BodyHistory | None = None,
) -> OneBody:
    """Everything ``body`` owes, in every report (or those named) that addresses it; its ``history`` where one was read."""
    wanted, counted = set(report_ids), tuple(addressed)
    return OneBody(
        as_of,
        body,
        tuple(
            standing(o, heading(o.report), as_of, counted)
            for o in obligations(workspace, wanted, as_of)
            if o.body.id == body.id
        ),
        history,
    )
