"""The site's pages as results: what ``audit site`` shows of each report and body, complete when
``audit/site.py`` hands them over.

Beside ``audit/results.py``, not in it: every command imports that module, and a frozen dataclass
compiles its methods as it is defined (about 0.4 ms each); only ``audit site`` needs these.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from audit.results import ResponseState

if TYPE_CHECKING:
    from datetime import date

    from audit.model import Body, DateRange, Kind, Report
    from audit.results import ReportCoverage, Schedule, Standing
    from audit.vocabulary import Timeliness


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
