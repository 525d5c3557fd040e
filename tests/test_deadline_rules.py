"""Deadline rules as data, bodies that change, and the views across reports: deadlines, show, ics."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from conftest import RunCli, write
from hypothesis import given
from hypothesis import strategies as st

from audit import schemas
from audit.deadlines import KINDS, Days, FixedDate, Months, WorkingDays, add_months, days_beginning_with, due_date, working_days_after
from audit.model import DeadlineRule

# England and Wales bank holidays as published on GOV.UK, 2020 to 2022: the reference the
# maintained holidays package is checked against.
PUBLISHED_BANK_HOLIDAYS = {
    date(2020, 1, 1), date(2020, 4, 10), date(2020, 4, 13), date(2020, 5, 8), date(2020, 5, 25),
    date(2020, 8, 31), date(2020, 12, 25), date(2020, 12, 28),
    date(2021, 1, 1), date(2021, 4, 2), date(2021, 4, 5), date(2021, 5, 3), date(2021, 5, 31),
    date(2021, 8, 30), date(2021, 12, 27), date(2021, 12, 28),
    date(2022, 1, 3), date(2022, 4, 15), date(2022, 4, 18), date(2022, 5, 2), date(2022, 6, 2),
    date(2022, 6, 3), date(2022, 8, 29), date(2022, 9, 19), date(2022, 12, 26), date(2022, 12, 27),
}
PUBLISHED = st.dates(date(2020, 1, 1), date(2022, 10, 31))
RULES = st.one_of(
    st.builds(Months, st.integers(1, 36)),
    st.builds(Days, st.integers(1, 400)),
    st.builds(WorkingDays, st.integers(1, 40)),
)


@given(PUBLISHED, RULES)
def test_a_due_date_is_never_before_publication(published: date, rule: DeadlineRule) -> None:
    assert due_date(rule, published) >= published


@given(PUBLISHED, st.integers(1, 40))
def test_working_days_match_the_published_bank_holidays(published: date, n: int) -> None:
    day, counted = published, 0
    while counted < n:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in PUBLISHED_BANK_HOLIDAYS:
            counted += 1
    assert working_days_after(published, n) == day


def test_every_deadline_kind_is_one_class_the_data_can_name() -> None:
    assert set(KINDS) == set(schemas.DEADLINE.fields) == set(schemas.DEADLINE.one_of)
    published = date(2020, 12, 17)
    values = {"months": 6, "days": 56, "days_after": 56, "working_days": 10, "date": date(2021, 3, 1)}
    rules = {key: KINDS[key](value) for key, value in values.items()}
    assert {key: (rule.due(published), rule.explain(published)) for key, rule in rules.items()} == {
        "months": (date(2021, 6, 17), "6 calendar months from publication on 2020-12-17"),
        "days": (date(2021, 2, 10), "56 days beginning with the day of publication, 2020-12-17 (day 1)"),
        "days_after": (date(2021, 2, 11), "56 days after the day of publication, 2020-12-17 (day 0)"),
        "working_days": (date(2021, 1, 5), "10 working days (England and Wales) after publication on 2020-12-17"),
        "date": (date(2021, 3, 1), "a fixed date set by the report (published 2020-12-17)"),
    }


def test_the_examples_the_issue_names() -> None:
    assert add_months(date(2021, 8, 31), 6) == date(2022, 2, 28)
    assert days_beginning_with(date(2020, 12, 17), 56) == date(2021, 2, 10)
    # Christmas 2020: the 25th and the substitute day for Boxing Day (28th), and New Year's Day, do not count.
    assert working_days_after(date(2020, 12, 17), 10) == date(2021, 1, 5)
    assert due_date(FixedDate(date(2021, 3, 1)), date(2020, 12, 17)) == date(2021, 3, 1)


BODIES = (
    "bodies:\n"
    "  - {id: north-police, name: North Police, kind: force}\n"
    "  - {id: north-pcc, name: North PCC, kind: pcc, holds_to_account: north-police, until: 2024-05-06}\n"
    "  - {id: north-mayor, name: North Mayor, kind: pcc, holds_to_account: north-police, from: 2024-05-07}\n"
)


def _report(published: str, deadline: str, extra: str = "") -> str:
    return (
        f"title: T\npublished: {published}\ndeadline: {deadline}\n{extra}"
        "recommendations:\n  - {id: '1', to: [force, pcc], text: x}\n"
    )


def test_a_body_that_ceased_is_not_addressed_by_later_reports(small: Path, run_cli: RunCli) -> None:
    write(small, "data/bodies.yaml", BODIES)
    write(small, "data/reports/r.yaml", _report("2024-03-01", "{days: 56}"))
    write(small, "data/reports/later.yaml", _report("2024-06-01", "{days: 56}"))
    result = run_cli("check", "--as-of", "2024-12-01", "--format", "json", "--select", "response-missing", cwd=small)
    owed = sorted((f["report"], f["body"]) for f in json.loads(result.stdout)["findings"])
    assert owed == [
        ("later", "north-mayor"), ("later", "north-police"), ("r", "north-pcc"), ("r", "north-police"),
    ]


def test_an_extension_moves_one_body_s_deadline_and_explains_itself(small: Path, run_cli: RunCli) -> None:
    write(
        small,
        "data/reports/r.yaml",
        _report("2020-12-17", "{working_days: 10}", "extensions:\n  - {body: north-pcc, until: 2021-02-01, granted: 2021-01-04}\n"),
    )
    write(small, "data/responses/r/north-pcc.yaml", "body: north-pcc\nreport: r\nreceived: 2021-01-20\npublished: true\n")
    write(small, "data/responses/r/north-police.yaml", "body: north-police\nreport: r\nreceived: 2021-01-20\npublished: true\n")
    result = run_cli("check", "--as-of", "2021-03-01", "--format", "json", "--select", "deadline-missed", cwd=small)
    assert [(f["body"], f["message"]) for f in json.loads(result.stdout)["findings"]] == [
        ("north-police", "the response was received on 2021-01-20, 15 days after the deadline of 2021-01-05"),
    ]
    shown = run_cli("show", "North PCC", "--as-of", "2021-03-01", cwd=small)
    assert shown.stdout.splitlines()[3] == (
        "  due 2021-02-01: extended to 2021-02-01 on 2021-01-04 "
        "(was 2021-01-05: 10 working days (England and Wales) after publication on 2020-12-17)"
    )


def test_deadlines_groups_by_report_and_due_day(small: Path, run_cli: RunCli) -> None:
    extension = "extensions:\n  - {body: north-pcc, until: 2021-07-31, granted: 2021-06-01}\n"
    write(small, "data/reports/r.yaml", _report("2020-12-17", "{months: 6}", extension))
    write(small, "data/responses/r/south-police.yaml", "body: south-police\nreport: r\nreceived: 2021-05-01\npublished: true\n")
    result = run_cli("deadlines", "--as-of", "2021-06-10", cwd=small)
    assert result.stdout == (
        "2021-06-17 (in 7 days)  T (r)\n"
        "  6 calendar months from publication on 2020-12-17\n"
        "  2 owe a response, 1 not known to have arrived\n"
        "    - North Police (north-police)\n"
        "\n"
        "2021-07-31 (in 51 days)  T (r)\n"
        "  extended to 2021-07-31 on 2021-06-01 (was 2021-06-17: 6 calendar months from publication on 2020-12-17)\n"
        "  1 owes a response, 1 not known to have arrived\n"
        "    - North PCC (north-pcc)\n"
    )
    upcoming = run_cli("deadlines", "--as-of", "2021-06-10", "--upcoming", "30d", cwd=small)
    assert upcoming.stdout.splitlines()[0] == "2021-06-17 (in 7 days)  T (r)"
    assert "2021-07-31" not in upcoming.stdout
    assert run_cli("deadlines", "--upcoming", "soon", cwd=small).exit_code == 2


def test_counts_agree_with_their_nouns_and_verbs(small: Path, run_cli: RunCli) -> None:
    write(small, "data/reports/one.yaml", (
        "title: One body\npublished: 2021-01-01\ndeadline: {date: 2021-03-01}\n"
        'recommendations:\n  - {id: "1", to: [home-office], text: Do a thing}\n'
    ))
    terminal = run_cli("deadlines", "--as-of", "2021-03-02", "--report", "one", cwd=small)
    assert terminal.stdout.splitlines()[:3] == [
        "2021-03-01 (1 day ago)  One body (one)",
        "  a fixed date set by the report (published 2021-01-01)",
        "  1 owes a response, 1 not known to have arrived",
    ]
    assert run_cli("deadlines", "--as-of", "2021-02-28", "--report", "one", cwd=small).stdout.startswith("2021-03-01 (in 1 day)")
    ics = run_cli("deadlines", "--as-of", "2021-03-02", "--report", "one", "--format", "ics", cwd=small)

    event = next(c for c in icalendar.Calendar.from_ical(ics.stdout).walk("VEVENT"))
    assert "1 owes a response;" in str(event["DESCRIPTION"])
    report = run_cli("report", "--as-of", "2021-03-02", "--report", "one", cwd=small)
    assert "due 2021-03-01, 1 day overdue" in report.stdout


def test_show_lists_the_bodies_whose_names_contain_what_was_typed(run_cli: RunCli) -> None:
    result = run_cli("show", "Kent", "--as-of", "2026-11-23")
    assert (result.exit_code, result.stderr) == (
        2, "audit: no body is named 'Kent'; bodies whose names contain it: Kent Police (kent-police), "
        "Kent Police and Crime Commissioner (kent-pcc)\n",
    )
    many = run_cli("show", "police", "--as-of", "2026-11-23")
    assert many.exit_code == 2 and many.stderr.endswith(" and 65 more\n")


@pytest.mark.parametrize(("stored", "typed"), [("NFD", "NFC"), ("NFC", "NFD"), ("NFD", "NFD")])
def test_a_name_matches_however_its_accents_are_encoded(stored: str, typed: str, small: Path, run_cli: RunCli) -> None:
    import unicodedata

    name = "Police de Sûreté Générale"
    write(small, "data/bodies.yaml", (
        f"bodies:\n  - {{id: north-police, name: \"{unicodedata.normalize(stored, name)}\", kind: force,"
        f" aliases: [\"{unicodedata.normalize(stored, 'Sûreté')}\"]}}\n"
        "  - {id: north-pcc, name: North PCC, kind: pcc, holds_to_account: north-police}\n"
    ))
    for text in (name, "Sûreté", name.upper()):
        result = run_cli("show", unicodedata.normalize(typed, text), "--as-of", "2021-01-01", cwd=small)
        assert (result.exit_code, result.stdout.split(" (")[0]) == (0, unicodedata.normalize(stored, name))
