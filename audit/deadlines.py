"""Due dates: one small class per kind of deadline rule, each with its due date and its explanation.

A report's ``deadline:`` names one kind (``KINDS`` maps the key to its class); a new kind is one
class here and one entry there, and the data's shape (``audit/schemas.py``) names the key.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Callable, Container
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from audit.model import DeadlineRule, Extension


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the end of a shorter month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def days_beginning_with(start: date, days: int) -> date:
    """The last day of a period of ``days`` days that begins with (counts) ``start``."""
    return start + timedelta(days=days - 1)


def days_after(start: date, days: int) -> date:
    """The ``days``-th day after ``start``: ``start`` itself is day 0, as "within 56 days of the date of the report" counts."""
    return start + timedelta(days=days)


@functools.cache
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays, from the maintained ``holidays`` package (they share one list)."""
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


class _BankHolidays:
    """Membership by year, so a count across years asks the package only for the years it needs."""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in bank_holidays(day.year)


def working_days_after(start: date, days: int, holidays: Container[date] | None = None) -> date:
    """The ``days``-th working day after ``start``: weekends and bank holidays do not count."""
    closed = holidays if holidays is not None else _BankHolidays()
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            counted += 1
    return day


@dataclass(frozen=True, slots=True)
class Months:
    """Calendar months from publication, clamped to the month's end (super-complaints: six)."""

    months: int

    def due(self, published: date) -> date:
        return add_months(published, self.months)

    def explain(self, published: date) -> str:
        return f"{self.months} calendar months from publication on {published.isoformat()}"


@dataclass(frozen=True, slots=True)
class Days:
    """Days beginning with the day of publication (day 1), as Police Act 1996 s.55 counts them."""

    days: int

    def due(self, published: date) -> date:
        return days_beginning_with(published, self.days)

    def explain(self, published: date) -> str:
        return f"{self.days} days beginning with the day of publication, {published.isoformat()} (day 1)"


@dataclass(frozen=True, slots=True)
class DaysAfter:
    """Days after the day of publication (day 0), as "within 56 days of the date of the report" counts them:
    a coroner's report to prevent future deaths."""

    days_after: int

    def due(self, published: date) -> date:
        return days_after(published, self.days_after)

    def explain(self, published: date) -> str:
        return f"{self.days_after} days after the day of publication, {published.isoformat()} (day 0)"


@dataclass(frozen=True, slots=True)
class WorkingDays:
    """Working days (England and Wales) after the day of publication."""

    working_days: int

    def due(self, published: date) -> date:
        return working_days_after(published, self.working_days)

    def explain(self, published: date) -> str:
        return f"{self.working_days} working days (England and Wales) after publication on {published.isoformat()}"


@dataclass(frozen=True, slots=True)
class FixedDate:
    """A date the report itself sets."""

    day: date

    def due(self, published: date) -> date:
        return self.day

    def explain(self, published: date) -> str:
        return f"a fixed date set by the report (published {published.isoformat()})"


KINDS: dict[str, Callable[[Any], DeadlineRule]] = {
    "months": Months,
    "days": Days,
    "days_after": DaysAfter,
    "working_days": WorkingDays,
    "date": FixedDate,
}
"""The key a report's ``deadline:`` uses -> the class its value builds."""


def due_date(rule: DeadlineRule, published: date, extension: Extension | None = None) -> date:
    """The last day on which a response is on time."""
    return extension.until if extension is not None else rule.due(published)


def explain(rule: DeadlineRule, published: date, extension: Extension | None = None) -> str:
    """How the due date was derived, in words."""
    if extension is None:
        return rule.explain(published)
    return (
        f"extended to {extension.until.isoformat()} on {extension.granted.isoformat()} "
        f"(was {rule.due(published).isoformat()}: {rule.explain(published)})"
    )
