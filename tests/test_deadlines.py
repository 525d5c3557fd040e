"""Date arithmetic: calendar months clamp to the month's end; day periods count the first day."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from audit.deadlines import Days, Months, add_months, days_beginning_with, due_date

days_ = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
months_ = st.integers(min_value=0, max_value=240)


def test_six_months_from_safe_to_share_is_17_june_2021() -> None:
    assert due_date(Months(6), date(2020, 12, 17)) == date(2021, 6, 17)


def test_month_end_clamps() -> None:
    assert add_months(date(2021, 8, 31), 6) == date(2022, 2, 28)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2021, 3, 31), 1) == date(2021, 4, 30)
    assert add_months(date(2021, 1, 31), 13) == date(2022, 2, 28)
    assert add_months(date(2021, 10, 15), 3) == date(2022, 1, 15)


def test_56_days_beginning_with_17_december_2020_ends_10_february_2021() -> None:
    assert days_beginning_with(date(2020, 12, 17), 56) == date(2021, 2, 10)
    assert due_date(Days(1), date(2020, 12, 17)) == date(2020, 12, 17)


@given(days_, months_)
def test_months_keep_the_day_or_clamp_to_the_last(start: date, months: int) -> None:
    due = add_months(start, months)
    assert (due.year - start.year) * 12 + due.month - start.month == months
    last = calendar.monthrange(due.year, due.month)[1]
    assert due.day == min(start.day, last)
    assert due >= start


@given(days_, months_, months_)
def test_months_are_monotonic(start: date, a: int, b: int) -> None:
    if a <= b:
        assert add_months(start, a) <= add_months(start, b)


@given(days_, st.integers(min_value=1, max_value=3650))
def test_day_periods_count_the_first_day(start: date, n: int) -> None:
    end = days_beginning_with(start, n)
    assert (end - start).days + 1 == n
    assert end >= start
    assert end - timedelta(days=n - 1) == start
