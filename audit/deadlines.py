"""Due dates: how a report's deadline rule turns its publication date into a day."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from audit.model import DeadlineRule


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the end of a shorter month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def days_beginning_with(start: date, days: int) -> date:
    """The last day of a period of ``days`` days that begins with (counts) ``start``."""
    return start + timedelta(days=days - 1)


def due_date(rule: DeadlineRule, published: date) -> date:
    """The last day on which a response is on time."""
    if rule.months is not None:
        return add_months(published, rule.months)
    assert rule.days is not None, "the loader admits a rule only with months or days"
    return days_beginning_with(published, rule.days)


def explain(rule: DeadlineRule, published: date) -> str:
    """How the due date was derived, in words."""
    if rule.months is not None:
        return f"{rule.months} calendar months from publication on {published.isoformat()}"
    return f"{rule.days} days beginning with publication on {published.isoformat()}"
