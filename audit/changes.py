"""What changed, as results: between two states of the data (``audit diff``), or in one body's
facts over the history (``audit show --history``).

Beside ``audit/results.py``, not in it: every command imports that module, and a frozen dataclass
compiles its methods as it is defined (about 0.4 ms each); only these two need these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, TypeAlias

from audit.vocabulary import Timeliness

if TYPE_CHECKING:
    from datetime import date

    from audit.model import Finding
    from audit.results import ReportHeading
    from audit.vocabulary import Severity, Status


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
