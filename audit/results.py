"""The answers the tool gives, one per question, complete when the core hands them over.

The core (``engine``, ``coverage``, ``schedule``, ``validation``, ``checks``) computes these;
the formats under ``audit/render/`` only format them: every date, explanation, state and count a
format shows is here, so no format calls the deadline or obligation code, and two formats of the
same result cannot disagree about a fact.

Cheap to import: the model's classes are needed for type checking only, so a format (and
``audit rules``) pays for nothing it does not use.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from audit.vocabulary import Status

if TYPE_CHECKING:
    from datetime import date

    from audit.errors import Problem
    from audit.model import Body, DateRange, Evidence, Finding, Recommendation
    from audit.vocabulary import BodyKind, Receipt, Severity, Timeliness


class ResponseState(enum.Enum):
    """What a body had sent by the as-of day."""

    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    NONE = "none"
    """Nothing certainly received by the as-of day."""


class Gap(enum.Enum):
    """A cell that holds no status: nothing received by the as-of day, or a recommendation not addressed to the body."""

    NO_RESPONSE = "no-response"
    NOT_ASSIGNED = "not-assigned"


Cell: TypeAlias = Status | Gap
"""What a body x recommendation cell holds."""
CELLS: tuple[Cell, ...] = (*Status, *Gap)
"""Every value a cell can hold, in the order legends and summaries list them."""
OWED_CELLS: tuple[Cell, ...] = tuple(cell for cell in CELLS if cell is not Gap.NOT_ASSIGNED)
"""The values of a cell a recommendation addressed to the body can hold."""


@dataclass(frozen=True, slots=True)
class Due:
    """A due date and how it was derived."""

    day: date
    explanation: str
    """In words: "6 calendar months from publication on 2020-12-17", or an extension and what it replaced."""


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

    @property
    def owed(self) -> tuple[Answered, ...]:
        """The cells of the recommendations addressed to the body."""
        return tuple(cell for cell in self.cells if cell.assigned)


@dataclass(frozen=True, slots=True)
class KindSummary:
    """How the bodies of one kind stand."""

    kind: BodyKind
    bodies: int
    responses: Mapping[ResponseState, int]
    """Every state, zero included."""
    deadlines: Mapping[Timeliness, int]
    """Every standing, zero included."""


@dataclass(frozen=True, slots=True)
class RecommendationSummary:
    """How the bodies a recommendation is addressed to have answered it."""

    recommendation: Recommendation
    addressed_to: int
    cells: Mapping[Cell, int]
    """Every cell value but ``not-assigned``, zero included."""
    addressed: int
    """How many of them count as addressed under the workspace's ``addressed`` parameter."""


@dataclass(frozen=True, slots=True)
class ReportCoverage:
    report: ReportHeading
    bodies: tuple[Standing, ...]
    """Bodies in the workspace's order."""
    kinds: tuple[KindSummary, ...]
    recommendations: tuple[RecommendationSummary, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """``audit coverage`` and ``audit report``: the body x recommendation matrix of each report, and its summaries."""

    as_of: date
    addressed: tuple[Status, ...]
    """The statuses that count as addressed in this workspace."""
    reports: tuple[ReportCoverage, ...]
    """By report id."""


@dataclass(frozen=True, slots=True)
class Owed:
    """A body that owes a report a response: who, and the file its response is (or would be) in."""

    report: str
    body: str
    name: str
    path: str


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


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    description: str
    value: Any
    """Its default, or the value a workspace sets; as a rules file would hold it (JSON-like)."""


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """A rule as a person reads about it: its defaults (``audit rules``), or what a workspace sets (``Findings``)."""

    id: str
    severity: Severity
    """Its default (``audit rules``), or the severity a workspace's rules give it (``Findings``)."""
    summary: str
    doc: str
    """The user documentation: the check module's docstring."""
    parameters: tuple[Parameter, ...]


@dataclass(frozen=True, slots=True)
class RuleCatalogue:
    """``audit rules``: every rule in registry order, or (``explained``) the one asked about."""

    rules: tuple[RuleDoc, ...]
    explained: bool
