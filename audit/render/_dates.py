"""Dates as a reader of the site reads them: "17 June 2021", whatever the machine's locale."""

from __future__ import annotations

from datetime import date

from audit.model import DateRange

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def day(value: date) -> str:
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def short_day(value: date) -> str:
    """As in a table: "17 Jun 2021"."""
    return f"{value.day} {MONTH_NAMES[value.month - 1][:3]} {value.year}"


def window(value: DateRange) -> str:
    """A known day, or the bounds within which it lies."""
    if value.exact:
        return day(value.earliest)
    return f"between {day(value.earliest)} and {day(value.latest)}"
