"""The answers the tool gives, one per question, complete when the core hands them over.

The core (``engine``, ``coverage``, ``schedule``, ``validation``, ``checks``, ``chasing``, ``diff``,
``history``) computes these; the formats under ``audit/render/`` only format them: every date,
explanation, state and count a format shows is here, so no format calls the deadline or
obligation code, and two formats of the same result cannot disagree about a fact.

Cheap to import: the model's classes are needed for type checking only, so a format pays for
nothing it does not use. ``audit rules``'s result lives beside this module, in
``audit/rule_docs.py``, so that listing the rules does not define every other result.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from audit.records import quick_init
from audit.rule_docs import RuleDoc
from audit.vocabulary import Status, Timeliness, Vocabulary

if TYPE_CHECKING:
    from datetime import date

    from audit.errors import Problem
    from audit.model import Body, Chase, DateRange, Evidence, Finding, Kind, Recommendation, Report
    from audit.vocabulary import Receipt, Severity


class ResponseState(Vocabulary):
    """What a body had sent by the as-of day."""

    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    NONE = "none"
    """Nothing received by the as-of day."""
    CANNOT_TELL = "cannot-tell"
    """Received between two days, and the as-of day falls between them: whether it had arrived cannot be told."""


RESPONSE_STATES = tuple(ResponseState)
"""Every state, in order: a tuple to loop over, where looping over the enum runs a generator of its own, per report."""


def shown_states(counts: Iterable[Mapping[ResponseState, int]]) -> tuple[ResponseState, ...]:
    """The states a table of counts shows: the published status page's three always, and "cannot tell"
    only where some body is in it (a count of it is kept only then)."""
    return RESPONSE_STATES if any(count.get(ResponseState.CANNOT_TELL) for count in counts) else _ALWAYS_SHOWN


_ALWAYS_SHOWN = tuple(state for state in RESPONSE_STATES if state is not ResponseState.CANNOT_TELL)


class Gap(Vocabulary):
    """A cell that holds no status: nothing received by the as-of day, or a recommendation not addressed to the body."""

    NO_RESPONSE = "no-response"
    NOT_ASSIGNED = "not-assigned"


Cell: TypeAlias = Status | Gap
"""What a body x recommendation cell holds."""
CELLS: tuple[Cell, ...] = (*Status, *Gap)
"""Every value a cell can hold, in the order legends and summaries list them."""
OWED_CELLS: tuple[Cell, ...] = tuple(cell for cell in CELLS if cell is not Gap.NOT_ASSIGNED)
"""The values of a cell a recommendation addressed to the body can hold."""


@quick_init
@dataclass(frozen=True, slots=True)
class Due:
    """A due date and how it was derived."""

    day: date
    explanation: str
    """In words: "6 calendar months from publication on 2020-12-17", or an extension and what it replaced."""


@quick_init
@dataclass(frozen=True, slots=True)
class ReportHeading:
    """What every result says about a report it covers."""

    id: str
    title: str
    short_title: str
    published: date
    due: Due
    """The report's own due date; a body with an extension has its own (``Standing.due``)."""
    recommendations: tuple[Recommendation, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Answered:
    """One cell: what a body's response says about one recommendation of the report."""

    recommendation: Recommendation
    cell: Cell
    addressed: bool
    """Whether the cell counts as addressed under the workspace's ``addressed`` parameter
    (rule ``recommendation-unaddressed``); never for not assessed, no response or not assigned."""
    evidence: tuple[Evidence, ...]

    @property
    def assigned(self) -> bool:
        return self.cell is not Gap.NOT_ASSIGNED


@quick_init
@dataclass(frozen=True, slots=True)
class Standing:
    """One body's standing towards one report on the as-of day: its due date, what it sent, each cell."""

    report: ReportHeading
    body: Body
    path: str
    """The response file, or the file that would hold it."""
    due: Due
    """This body's own due date: an extension moves it."""
    receipt: Receipt
    response: ResponseState
    received: DateRange | None
    """When the response file says it arrived; None where there is no file."""
    published: bool
    """Whether the response file says it is published (False where there is no file)."""
    deadline: Timeliness
    days_overdue: int
    """Days since the due date (0 on or before it)."""
    cells: tuple[Answered, ...]
    """One per recommendation of the report, in its order (``not-assigned`` where not addressed to the body)."""
    chases: tuple[Chase, ...]
    """The reminders sent to the body about the report by the as-of day, oldest first."""
    source: str | None = None
    """Where the response is to be found, as its file says."""
    joint_with: tuple[str, ...] = ()
    """The ids of the other bodies a joint response speaks for (the body that wrote it among them)."""

    @property
    def owed(self) -> tuple[Answered, ...]:
        """The cells of the recommendations addressed to the body."""
        return tuple(cell for cell in self.cells if cell.assigned)


@quick_init
@dataclass(frozen=True, slots=True)
class KindSummary:
    """How the bodies of one kind stand."""

    kind: Kind
    """The kind, with the words the workspace declares for it."""
    bodies: int
    responses: Mapping[ResponseState, int]
    """Every state, zero included."""
    deadlines: Mapping[Timeliness, int]
    """Every standing, zero included."""


@quick_init
@dataclass(frozen=True, slots=True)
class RecommendationSummary:
    """How the bodies a recommendation is addressed to have answered it."""

    recommendation: Recommendation
    addressed_to: int
    cells: Mapping[Cell, int]
    """Every cell value but ``not-assigned``, zero included."""
    addressed: int
    """How many of them count as addressed under the workspace's ``addressed`` parameter."""


@quick_init
@dataclass(frozen=True, slots=True)
class Overview:
    """What a person reads first about a report: who owes, who replied and when, what is left undone."""

    report: ReportHeading
    owing: int
    """Bodies that owe the report a response."""
    replied: int
    """Bodies whose response had certainly arrived by the as-of day."""
    deadlines: Mapping[Timeliness, int]
    """Bodies by standing against their own due date: every standing, zero included."""
    unpublished: int
    """Responses received but not published."""
    unaddressed: int
    """Recommendations (one per body and recommendation) a response leaves unaddressed: assessed,
    and not a status the workspace counts as addressed; what ``recommendation-unaddressed`` reports."""
    not_assessed: int
    """Recommendations (one per body and recommendation) a response has not yet been read against."""


@quick_init
@dataclass(frozen=True, slots=True)
class ReportCoverage:
    report: ReportHeading
    bodies: tuple[Standing, ...]
    """Bodies in the workspace's order."""
    kinds: tuple[KindSummary, ...]
    recommendations: tuple[RecommendationSummary, ...]
    overview: Overview


@dataclass(frozen=True, slots=True)
class Coverage:
    """``audit coverage`` and ``audit report``: the body x recommendation matrix of each report, and its summaries."""

    as_of: date
    addressed: tuple[Status, ...]
    """The statuses that count as addressed in this workspace."""
    reports: tuple[ReportCoverage, ...]
    """By report id."""


@quick_init
@dataclass(frozen=True, slots=True)
class Owed:
    """A body that owes a report a response: who, and the file its response is (or would be) in."""

    report: str
    body: str
    name: str
    path: str
    """The response file, or (``exists`` false) the file that would hold it."""
    exists: bool
    """Whether the workspace holds the body's response file."""


@dataclass(frozen=True, slots=True)
class Findings:
    """``audit check``: what the rules found, and what they looked at."""

    as_of: date
    rules: tuple[RuleDoc, ...]
    """The rules that ran, in registry order, each with the severity this workspace gives it."""
    reports: tuple[ReportHeading, ...]
    """By report id."""
    owed: tuple[Owed, ...]
    """Every obligation looked at: by report id, bodies in the workspace's order."""
    findings: tuple[Finding, ...]
    """Sorted (report, file, line, rule, recommendation, body)."""
    overview: tuple[Overview, ...]
    """One per report in ``reports``, of the bodies looked at."""

    @property
    def bodies_owing(self) -> int:
        return len({owed.body for owed in self.owed})


@dataclass(frozen=True, slots=True)
class DueGroup:
    """The bodies that owe one report a response on one day."""

    report: ReportHeading
    due: Due
    days_left: int
    """From the as-of day to the due day; negative once it has passed."""
    owed: tuple[Owed, ...]
    """In the workspace's order of bodies."""
    waiting: tuple[Owed, ...]
    """Those whose response had not certainly arrived by the as-of day."""


@dataclass(frozen=True, slots=True)
class Schedule:
    """``audit deadlines``: every (report, due day), by day then report id."""

    as_of: date
    groups: tuple[DueGroup, ...]


@dataclass(frozen=True, slots=True)
class OneBody:
    """``audit show``: one body's standing in every report that addresses it."""

    as_of: date
    body: Body
    standings: tuple[Standing, ...]
    """By report id."""
    history: BodyHistory | None = None
    """When each fact about the body changed, where ``--history`` asked for it."""


@dataclass(frozen=True, slots=True)
class ChaseLetter:
    """One letter of ``audit chase``: to one body due a chase about one report."""

    as_of: date
    """The day the letter is dated."""
    standing: Standing
    """What it says: the report, the recommendations the body owes with their text, its due date and
    how it was derived, how long it is overdue, and the chases sent before."""
    sender: tuple[str, ...]
    """Who signs it (none: the letter leaves a place for a name)."""
    days_since_chase: int | None
    """Days from the last chase to the as-of day; None where the body has never been chased."""

    @property
    def name(self) -> str:
        """The letter's file name without its suffix: one per report and body."""
        return f"{self.standing.report.id}--{self.standing.body.id}"


@dataclass(frozen=True, slots=True)
class ChasesDue:
    """``audit chase``: the bodies due a chase as of one day, each with its letter."""

    as_of: date
    interval: int
    """Days after a chase before the next is due (rule ``chase-due``'s parameter, or ``--interval``)."""
    named: bool
    """True where the user named the bodies: each is chased where overdue, however recently it was chased."""
    letters: tuple[ChaseLetter, ...]
    """By report id, bodies in the workspace's order."""


@dataclass(frozen=True, slots=True)
class WorkspaceCounts:
    bodies: int
    reports: int
    responses: int


@dataclass(frozen=True, slots=True)
class Validation:
    """``audit validate``: every problem in the data and rules files (of the paths asked about)."""

    problems: tuple[Problem, ...]
    """Sorted by file, line and column."""
    counts: WorkspaceCounts | None
    """What was read, where the whole workspace was asked about and it loaded."""

    @property
    def valid(self) -> bool:
        return not self.problems


class CoverageGroup(enum.Enum):
    """The four groups the site's coverage chart shows (its table keeps every cell value apart)."""

    ADDRESSED = "addressed"
    """Counted as addressed under the workspace's ``addressed`` parameter."""
    OTHER = "other"
    """Answered, but not counted as addressed (deferred, not addressed, ...)."""
    NOT_ASSESSED = "not-assessed"
    NO_RESPONSE = "no-response"


@dataclass(frozen=True, slots=True)
class Arrivals:
    """The responses to one report whose received day is known alike (exactly, or within the same bounds)."""

    received: DateRange
    bodies: tuple[Body, ...]
    """In the workspace's order."""
    deadline: Timeliness
    """Where these bodies stand against their own due date: met, late or cannot tell."""


@dataclass(frozen=True, slots=True)
class ReportPage:
    """One report as its page on the site shows it."""

    report: Report
    """The report as its file says (complainant, source, extensions, recommendations)."""
    coverage: ReportCoverage
    arrivals: tuple[Arrivals, ...]
    """By the window's first, then last day."""
    responses: Mapping[ResponseState, int]
    """Every kind of body together; every state, zero included."""
    deadlines: Mapping[Timeliness, int]
    """Every kind of body together; every standing, zero included."""
    groups: tuple[Mapping[CoverageGroup, int], ...]
    """One per recommendation, in the report's order: every group, zero included."""

    @property
    def awaited(self) -> tuple[Standing, ...]:
        """The bodies from which nothing had certainly arrived by the as-of day."""
        return tuple(row for row in self.coverage.bodies if row.response is ResponseState.NONE)

    def rows(self, kind: Kind) -> tuple[Standing, ...]:
        """The bodies of one kind, in the workspace's order."""
        return tuple(row for row in self.coverage.bodies if row.body.kind == kind.id)


@dataclass(frozen=True, slots=True)
class BodyPage:
    """One body across every report on the site."""

    body: Body
    holds_to_account: Body | None
    held_to_account_by: tuple[Body, ...]
    standings: tuple[Standing, ...]
    """By report id."""


@dataclass(frozen=True, slots=True)
class Site:
    """``audit site``: every page of the static site and its calendar, as of one day."""

    as_of: date
    reports: tuple[ReportPage, ...]
    """By report id."""
    bodies: tuple[BodyPage, ...]
    """Every body of the workspace, in its order: one that no report on the site addresses has a page saying so."""
    names: Mapping[str, str]
    """Body id -> name, for every body (a joint response names its partners by id)."""
    kinds: Mapping[str, Kind]
    """The workspace's kinds of body, by id, in the order declared, with their words."""
    schedule: Schedule
    """The calendar's events."""


@dataclass(frozen=True, slots=True)
class FactChange:
    """One fact, before and after; None where it was not there (no response, no such body)."""

    fact: str
    """``received``, ``published``, ``file`` in a diff; ``kind`` or ``r: recommendation 1`` in a body's history."""
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class DiffState:
    """One side of a comparison: the workspace as one revision (or the working tree) holds it, judged on one day."""

    revision: str | None
    """The revision as the user named it; None for the working tree."""
    commit: str | None
    """The commit it stood for."""
    as_of: date

    @property
    def label(self) -> str:
        if self.revision is None or self.commit is None:
            return "working tree"
        if self.commit.startswith(self.revision):
            return self.commit[:12]
        return f"{self.revision} ({self.commit[:12]})"


ResponseChangeKind: TypeAlias = Literal["received", "removed", "changed"]
"""There in the later state only, in the earlier only, or in both with other facts."""


@dataclass(frozen=True, slots=True)
class ResponseChange:
    """A response received, removed, or changed in what its file says."""

    body: str
    body_name: str
    change: ResponseChangeKind
    path: str
    """The response file in the later state (in the earlier one where it was removed)."""
    facts: tuple[FactChange, ...]


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A recommendation addressed to a body whose status moved; None: no response held it."""

    body: str
    body_name: str
    recommendation: str
    """How a person names it: "recommendation 4"."""
    before: Status | None
    after: Status | None


@dataclass(frozen=True, slots=True)
class SeverityChange:
    """A finding in both states, at another severity."""

    finding: Finding
    """As it stands in the later state."""
    before: Severity


@dataclass(frozen=True, slots=True)
class StandingChange:
    """A body's standing against its deadline, before and after: pending, overdue, met, late, cannot tell."""

    body: str
    body_name: str
    due: date
    """The due date in the later state."""
    before: Timeliness
    after: Timeliness


@dataclass(frozen=True, slots=True)
class ReportDiff:
    """Everything that changed in one report; each part sorted by body order, then recommendation."""

    report: ReportHeading
    """As the later state has it (the earlier one, where the report is gone)."""
    responses: tuple[ResponseChange, ...]
    statuses: tuple[StatusChange, ...]
    new: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    """As they stood in the earlier state."""
    severities: tuple[SeverityChange, ...]
    standings: tuple[StandingChange, ...]


@dataclass(frozen=True, slots=True)
class Differences:
    """``audit diff``: what changed from ``before`` to ``after``, per report (only reports where something did)."""

    before: DiffState
    after: DiffState
    reports: tuple[ReportDiff, ...]
    """By report id."""

    @property
    def new_findings(self) -> tuple[Finding, ...]:
        return tuple(f for r in self.reports for f in r.new)

    @property
    def summary(self) -> dict[str, int]:
        """How many of each kind of change, over every report, in a fixed order."""
        responses = [c.change for r in self.reports for c in r.responses]
        return {
            "responses received": responses.count("received"),
            "responses removed": responses.count("removed"),
            "responses changed": responses.count("changed"),
            "statuses changed": sum(len(r.statuses) for r in self.reports),
            "new findings": sum(len(r.new) for r in self.reports),
            "resolved findings": sum(len(r.resolved) for r in self.reports),
            "findings changed in severity": sum(len(r.severities) for r in self.reports),
            "became overdue": sum(c.after is Timeliness.OVERDUE for r in self.reports for c in r.standings),
        }


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One commit (or the working tree) that changed something about a body."""

    commit: str | None
    """None for uncommitted changes in the working tree."""
    day: str | None
    """The commit's author date, YYYY-MM-DD."""
    subject: str
    changes: tuple[FactChange, ...]
    """In the order of the facts: the body's entry, then each report."""
    problem: str | None = None
    """Why the data could not be read at this commit; its facts are then left as they were."""


@dataclass(frozen=True, slots=True)
class BodyHistory:
    """``audit show --history``: one body's history, oldest change first."""

    body: str
    entries: tuple[HistoryEntry, ...]
    shallow: bool
    """The clone is shallow: the history begins where the clone does, not where the data did."""


@dataclass(frozen=True, slots=True)
class ImportedFile:
    """One file an import writes, or would write."""

    path: str
    """Relative to the workspace, with ``/`` separators."""
    text: str
    before: str | None
    """The text it replaces (the user asked, and no person has assessed it); None for a new file."""


@dataclass(frozen=True, slots=True)
class Import:
    """``audit import``: the files an import writes, in the order written, and what it left alone and why."""

    files: tuple[ImportedFile, ...]
    """In an order in which every step leaves a valid workspace: bodies, reports, responses."""
    notes: tuple[str, ...]
    """What was read in an unusual way, skipped or left alone, and why."""
    summary: tuple[str, ...]
    """What was read, in figures, one line each."""
    written: bool
    """False for ``--dry-run``: the files are what would be written."""
