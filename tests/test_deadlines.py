"""Date arithmetic: calendar months clamp to the month's end; day periods count the first day, or begin after it."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from audit.deadlines import Days, DaysAfter, Months, add_months, days_after, days_beginning_with, due_date, explain

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


def test_56_days_of_the_date_of_a_report_dated_4_january_2021_end_1_march_2021() -> None:
    # A coroner's report dated 4 January 2021: the response is due "within 56 days of the date of the report".
    assert days_after(date(2021, 1, 4), 56) == date(2021, 3, 1)
    assert due_date(DaysAfter(56), date(2021, 1, 4)) == date(2021, 3, 1)
    assert due_date(Days(56), date(2021, 1, 4)) == date(2021, 2, 28)


@given(days_, st.integers(min_value=1, max_value=3650))
def test_days_after_a_date_make_it_day_0_and_end_one_day_later_than_days_beginning_with_it(start: date, n: int) -> None:
    end = days_after(start, n)
    assert (end - start).days == n
    assert end == days_beginning_with(start, n) + timedelta(days=1)
    assert days_after(start, n + 1) == days_after(end, 1)


@given(days_, st.integers(min_value=1, max_value=3650))
def test_every_explanation_of_a_day_count_says_which_day_is_counted_first(start: date, n: int) -> None:
    beginning = explain(Days(n), start)
    assert beginning == f"{n} days beginning with the day of publication, {start.isoformat()} (day 1)"
    after = explain(DaysAfter(n), start)
    assert after == f"{n} days after the day of publication, {start.isoformat()} (day 0)"
