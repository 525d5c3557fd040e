"""The answers the tool gives, one per question, complete when the core hands them over.

The core (``engine``, ``coverage``, ``schedule``, ``validation``, ``checks``, ``chasing``, ``diff``,
``history``) computes these; the formats under ``audit/render/`` only format them: every date,
explanation, state and count a format shows is here, so no format calls the deadline or
obligation code, and two formats of the same result cannot disagree about a fact.

Cheap to import: the model's classes are needed for type checking only, so a format pays for
nothing it does not use. Every command imports this module, and each frozen dataclass here
compiles its methods as it is defined, so the results of a few commands live beside it:
``audit rules``'s in ``audit/rule_docs.py``, ``audit site``'s pages in ``audit/site_pages.py``,
and what changed (``audit diff``, ``show --history``) in ``audit/changes.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from audit.records import quick_init
from audit.rule_docs import RuleDoc
from audit.vocabulary import Status, Timeliness, Vocabulary

if TYPE_CHECKING:
    from datetime import date

    from audit.changes import BodyHistory
    from audit.errors import Problem
    from audit.model import Body, Chase, DateRange, Evidence, Finding, Kind, Recommendation
    from audit.vocabulary import Receipt


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
    """One report's body x recommendation matrix, with its summaries by kind and by recommendation."""

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
    """How many bodies, reports and responses a workspace holds."""

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
