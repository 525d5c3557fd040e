"""Due dates: how a report's deadline rule (and any extension) turns into a day, and why."""

from __future__ import annotations

import calendar
import functools
from collections.abc import Container
from datetime import date, timedelta

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


def due_date(rule: DeadlineRule, published: date, extension: Extension | None = None) -> date:
    """The last day on which a response is on time."""
    if extension is not None:
        return extension.until
    if rule.months is not None:
        return add_months(published, rule.months)
    if rule.days is not None:
        return days_beginning_with(published, rule.days)
    if rule.days_after is not None:
        return days_after(published, rule.days_after)
    if rule.working_days is not None:
        return working_days_after(published, rule.working_days)
    assert rule.fixed is not None, "the loader admits a rule only with one of its five forms"
    return rule.fixed


def explain(rule: DeadlineRule, published: date, extension: Extension | None = None) -> str:
    """How the due date was derived, in words."""
    if extension is not None:
        base = explain(rule, published)
        return f"extended to {extension.until.isoformat()} on {extension.granted.isoformat()} (was {due_date(rule, published).isoformat()}: {base})"
    if rule.months is not None:
        return f"{rule.months} calendar months from publication on {published.isoformat()}"
    if rule.days is not None:
        return f"{rule.days} days beginning with the day of publication, {published.isoformat()} (day 1)"
    if rule.days_after is not None:
        return f"{rule.days_after} days after the day of publication, {published.isoformat()} (day 0)"
    if rule.working_days is not None:
        return f"{rule.working_days} working days (England and Wales) after publication on {published.isoformat()}"
    assert rule.fixed is not None
    return f"a fixed date set by the report (published {published.isoformat()})"
