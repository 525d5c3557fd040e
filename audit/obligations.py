"""Who owes what: each body a report addresses, its recommendations, due date and response."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from audit.addressees import BodyIndex, respondents
from audit.deadlines import due_date
from audit.model import Body, Chase, Extension, Receipt, Recommendation, Report, Response, Status, Timeliness, Workspace
from audit.paths import response_file
from audit.records import quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class Obligation:
    """One body's duty to respond to one report, and what it has sent."""

    report: Report
    body: Body
    recommendations: tuple[Recommendation, ...]
    """The recommendations and actions addressed to this body, in the report's order."""
    due: date
    response: Response | None
    chases: tuple[Chase, ...] = ()
    """Reminders sent about this response, oldest first."""

    @property
    def extension(self) -> Extension | None:
        return self.report.extension_for(self.body.id)

    @property
    def path(self) -> str:
        """The response file, or the file that would hold it."""
        if self.response is not None:
            return self.response.path
        return response_file(self.report.id, self.body.id)

    def receipt(self, as_of: date) -> Receipt:
        if self.response is None:
            return Receipt.NOT_YET
        return self.response.receipt(as_of)

    def timeliness(self, as_of: date) -> Timeliness:
        receipt = self.receipt(as_of)
        if receipt is Receipt.RECEIVED:
            assert self.response is not None
            received = self.response.received
            if received.latest <= self.due:
                return Timeliness.MET
            if received.earliest > self.due:
                return Timeliness.LATE
            return Timeliness.CANNOT_TELL
        if as_of <= self.due:
            return Timeliness.PENDING
        return Timeliness.OVERDUE if receipt is Receipt.NOT_YET else Timeliness.CANNOT_TELL

    def chases_by(self, as_of: date) -> tuple[Chase, ...]:
        """The chases sent by ``as_of``: one dated later had not been sent on that day."""
        if not self.chases:  # most bodies were never chased: no generator is started for them
            return ()
        return tuple(chase for chase in self.chases if chase.sent_on <= as_of)

    def due_a_chase(self, as_of: date, interval: int) -> bool:
        """Overdue, and not chased in the ``interval`` days before ``as_of`` (a chase ``interval`` days old is due again)."""
        if self.timeliness(as_of) is not Timeliness.OVERDUE:
            return False
        sent = self.chases_by(as_of)
        return not sent or (as_of - sent[-1].sent_on).days >= interval

    def status(self, recommendation_id: str) -> Status:
        """What the response says about a recommendation; not assessed where it is silent."""
        assert self.response is not None
        answer = self.response.answers.get(recommendation_id)
        return answer.status if answer is not None else Status.NOT_ASSESSED

    def answer_line(self, recommendation_id: str) -> int:
        assert self.response is not None
        answer = self.response.answers.get(recommendation_id)
        return answer.line if answer is not None else self.response.line


def obligations(workspace: Workspace, report_ids: Iterable[str] = (), as_of: date | None = None) -> list[Obligation]:
    """Every (report, body) obligation (of the reports named, where any are), reports by id and bodies in file order.

    Only the reports named are worked out: asking about two reports of thousands costs two. With ``as_of``,
    a report not yet published on that day is owed by nobody.
    """
    wanted = set(report_ids)
    chosen = [report for report in workspace.reports.values() if report.id in wanted] if wanted else workspace.reports.values()
    if as_of is not None:
        chosen = [report for report in chosen if report.published <= as_of]
    index = BodyIndex(workspace.bodies)
    result = []
    for report in chosen:
        # The report's own due date, worked out once: only a body granted an extension has another.
        due = due_date(report.deadline, report.published)
        for body_id, recs in respondents(report, index).items():
            extension = report.extension_for(body_id)
            # By position, in the order Obligation declares its fields: one is made for every body a report addresses.
            result.append(
                Obligation(
                    report,
                    workspace.bodies[body_id],
                    tuple(recs),
                    due if extension is None else due_date(report.deadline, report.published, extension),
                    workspace.responses.get((report.id, body_id)),
                    workspace.chases.get((report.id, body_id), ()),
                )
            )
    return result
