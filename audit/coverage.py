"""Each body's standing towards each report, the body x recommendation matrix, and its summaries."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from audit.deadlines import due_date, explain
from audit.model import Body, Kind, Receipt, Report, Status, Timeliness, Workspace
from audit.obligations import Obligation, obligations
from audit.results import (
    OWED_CELLS,
    RESPONSE_STATES,
    Answered,
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

if TYPE_CHECKING:
    from audit.changes import BodyHistory


def heading(report: Report) -> ReportHeading:
    due = Due(due_date(report.deadline, report.published), explain(report.deadline, report.published))
    return ReportHeading(report.id, report.title, report.short_title, report.published, due, report.recommendations)


def body_due(obligation: Obligation) -> Due:
    """The body's own due date and how it was derived (an extension says what it replaced)."""
    report = obligation.report
    return Due(obligation.due, explain(report.deadline, report.published, obligation.extension))


def _response_state(obligation: Obligation, receipt: Receipt) -> ResponseState:
    response = obligation.response
    if response is None or receipt is Receipt.NOT_YET:
        return ResponseState.NONE
    if receipt is Receipt.CANNOT_TELL:
        # What it says is shown: "no response" would claim what is not known.
        return ResponseState.CANNOT_TELL
    return ResponseState.PUBLISHED if response.published else ResponseState.UNPUBLISHED



class _GapCells(NamedTuple):
    """A report's cells that hold no status and cite nothing, one per recommendation, in its order.

    Made once per report and shared by every body's standing (cells are immutable): a report of
    ninety bodies and a dozen recommendations would otherwise make a thousand alike. A named tuple,
    cheap to make: a workspace of thousands of reports of a body or two makes one for each.
    """

    not_assigned: tuple[Answered, ...]
    no_response: tuple[Answered, ...]


def _gap_cells(report: ReportHeading) -> _GapCells:
    recs = report.recommendations
    not_assigned = tuple([Answered(rec, Gap.NOT_ASSIGNED, False, ()) for rec in recs])
    return _GapCells(not_assigned, tuple([Answered(rec, Gap.NO_RESPONSE, False, ()) for rec in recs]))


def standing(
    obligation: Obligation, report: ReportHeading, as_of: date, addressed: Collection[Status], gaps: _GapCells | None = None
) -> Standing:
    """The body's standing; ``gaps``: ``_gap_cells(report)``, where the caller makes many standings of one report."""
    receipt = obligation.receipt(as_of)
    response = obligation.response
    state = _response_state(obligation, receipt)
    gaps = gaps or _gap_cells(report)
    if state is ResponseState.NONE and len(obligation.recommendations) == len(report.recommendations):
        cells = gaps.no_response  # nothing received from a body addressed every recommendation
    else:
        cells = _cells(obligation, report, state, addressed, gaps)
    return Standing(
        report,
        obligation.body,
        obligation.path,
        report.due if obligation.extension is None else body_due(obligation),
        receipt,
        state,
        response.received if response is not None else None,
        response is not None and response.published,
        obligation.timeliness(as_of),
        max(0, (as_of - obligation.due).days),
        cells,
        obligation.chases_by(as_of),
        response.source if response is not None else None,
        tuple(b for b in (response.body, *response.joint_with) if b != obligation.body.id) if response is not None else (),
    )


def _cells(
    obligation: Obligation, report: ReportHeading, state: ResponseState, addressed: Collection[Status], gaps: _GapCells
) -> tuple[Answered, ...]:
    response = obligation.response
    assigned = {rec.id for rec in obligation.recommendations}
    answers = response.answers if response is not None and state is not ResponseState.NONE else {}
    cells = []
    for i, rec in enumerate(report.recommendations):
        answer = answers.get(rec.id)
        evidence = answer.evidence if answer is not None else ()
        if rec.id not in assigned:
            cells.append(Answered(rec, Gap.NOT_ASSIGNED, False, evidence) if evidence else gaps.not_assigned[i])
        elif state is ResponseState.NONE:
            cells.append(gaps.no_response[i])  # nothing received: no answer, so no evidence
        else:
            status = answer.status if answer is not None else Status.NOT_ASSESSED
            cells.append(Answered(rec, status, status in addressed, evidence))
    return tuple(cells)


# Counts are kept in dicts made with every key at 0, in the order shown, rather than in Counters
# then copied in order: a workspace of thousands of small reports makes a few per report.
_TIMELINESS = tuple(Timeliness)


def _kinds(rows: list[Standing], declared: Iterable[Kind]) -> tuple[KindSummary, ...]:
    # One pass over the rows, not one per kind.
    of_kind: dict[str, list[Standing]] = {}
    for row in rows:
        of_kind.setdefault(row.body.kind, []).append(row)
    summaries = []
    for kind in declared:
        found = of_kind.get(kind.id)
        if found:
            responses = dict.fromkeys(RESPONSE_STATES, 0)
            deadlines = dict.fromkeys(_TIMELINESS, 0)
            for row in found:
                responses[row.response] += 1
                deadlines[row.deadline] += 1
            summaries.append(KindSummary(kind, len(found), {state: responses[state] for state in shown_states([responses])}, deadlines))
    return tuple(summaries)


def _recommendations(report: ReportHeading, rows: list[Standing]) -> tuple[RecommendationSummary, ...]:
    # One pass over the rows, not one per recommendation: a report has thousands of rows.
    counts: list[dict[Cell, int]] = [dict.fromkeys(OWED_CELLS, 0) for _ in report.recommendations]
    covered = [0] * len(report.recommendations)
    for row in rows:
        for i, cell in enumerate(row.cells):
            if cell.cell is not Gap.NOT_ASSIGNED:
                counts[i][cell.cell] += 1
                covered[i] += cell.addressed
    return tuple(
        RecommendationSummary(rec, sum(counts[i].values()), counts[i], covered[i]) for i, rec in enumerate(report.recommendations)
    )


_Tallied = tuple[Timeliness, ResponseState, Iterator[tuple[Cell, bool]]]
"""One body's part in an overview: its deadline, its response, and (a generator, run only where it
replied) each owed cell with whether it counts as addressed."""


def overview(report: ReportHeading, rows: Iterable[Standing]) -> Overview:
    """The counts a person reads first about ``report``, over the bodies in ``rows``."""
    return _tally(report, ((row.deadline, row.response, ((c.cell, c.addressed) for c in row.owed)) for row in rows))


def _tally(report: ReportHeading, rows: Iterable[_Tallied]) -> Overview:
    owing = replied = unpublished = unaddressed = not_assessed = 0
    deadlines = dict.fromkeys(_TIMELINESS, 0)
    for deadline, response, owed in rows:
        owing += 1
        deadlines[deadline] += 1
        if response is not ResponseState.NONE:
            replied += 1
            unpublished += response is ResponseState.UNPUBLISHED
            for cell, addressed in owed:
                not_assessed += cell is Status.NOT_ASSESSED
                unaddressed += cell is not Status.NOT_ASSESSED and not addressed
    return Overview(report, owing, replied, deadlines, unpublished, unaddressed, not_assessed)


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


def _owed_statuses(obligation: Obligation) -> Iterator[Status]:
    """What a response says about each recommendation addressed to the body (they are in the report's order)."""
    for rec in obligation.recommendations:
        yield obligation.status(rec.id)


def overviews(owed: Iterable[Obligation], as_of: date, addressed: Iterable[Status]) -> tuple[Overview, ...]:
    """Each report's overview over these obligations: what ``coverage_of`` gives, without the matrix's other summaries.

    Counted from the obligations, without each body's standing: the cells and explanations of
    thousands of standings would be made for a dozen numbers.
    """
    counted = frozenset(addressed)
    by_report: dict[str, list[Obligation]] = {}
    for obligation in owed:
        by_report.setdefault(obligation.report.id, []).append(obligation)
    tallied = []
    for found in by_report.values():
        report = heading(found[0].report)
        rows = (
            (o.timeliness(as_of), _response_state(o, o.receipt(as_of)), ((s, s in counted) for s in _owed_statuses(o)))
            for o in found
        )
        tallied.append(_tally(report, rows))
    return tuple(tallied)


def _standings(owed: Iterable[Obligation], as_of: date, counted: tuple[Status, ...]) -> list[tuple[ReportHeading, list[Standing]]]:
    """Each report's heading and the standing of each of these obligations to it, reports in the order met."""
    rows: dict[str, list[Standing]] = {}
    headings: dict[str, ReportHeading] = {}
    gaps: dict[str, _GapCells] = {}
    for obligation in owed:
        report_id = obligation.report.id
        if report_id not in headings:
            headings[report_id] = heading(obligation.report)
            gaps[report_id] = _gap_cells(headings[report_id])
        rows.setdefault(report_id, []).append(standing(obligation, headings[report_id], as_of, counted, gaps[report_id]))
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
