"""``audit import table``: CSV and XLSX tables of bodies, reports and responses, through a column mapping."""

from __future__ import annotations

import csv
import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from conftest import RunCli, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit import cells
from audit.load import load_workspace

# Another regime: a coroner's report to prevent future deaths must be answered within 56 days of the
# date of the report by every organisation it is sent to. The organisations are invented.
CORONERS_BODIES = """\
kinds:
  - {id: trust, label: NHS trust, plural: NHS trusts}
  - {id: council, label: council, plural: councils}
  - {id: department, label: government department, plural: government departments}
  - {id: company, label: company, plural: companies}
bodies:
  - {id: department-of-health, name: Department of Health and Social Care, kind: department, aliases: [DHSC]}
"""
KINDS = ("trust", "council", "department", "company")
ORGANISATIONS = [
    *(f"{town} Hospitals NHS Trust" for town in ("Ashby", "Bexley", "Corby", "Dunmow", "Epping", "Frome", "Goole")),
    *(f"{town} City Council" for town in ("Hale", "Ilkley", "Jarrow", "Keswick", "Louth", "Malton")),
    "Department for Transport",
    *(f"{word} Ltd" for word in ("Acme Lifts", "Brightwater Care", "Castle Scaffolding", "Delta Rail")),
]
AS_OF = date(2023, 6, 30)


def organisation_kind(name: str) -> str:
    return "trust" if "Trust" in name else "council" if "Council" in name else "department" if "Department" in name else "company"


@pytest.fixture
def coroners(tmp_path: Path) -> Path:
    root = tmp_path / "coroners"
    write(root, "data/bodies.yaml", CORONERS_BODIES)
    return root


def generated_tables(folder: Path) -> tuple[dict[tuple[str, str], date], dict[tuple[str, str], tuple[date, bool]]]:
    """Write organisations.csv, reports.csv (400 reports) and responses.csv; return what they say.

    Returns (report, body id) -> due date, and (report, body id) -> (received, published).
    """
    chance = random.Random(19)
    with open(folder / "organisations.csv", "w", newline="", encoding="utf-8") as stream:
        out = csv.writer(stream)
        out.writerow(["Organisation", "Type"])
        out.writerows([name, organisation_kind(name)] for name in ORGANISATIONS)
    due: dict[tuple[str, str], date] = {}
    replies: dict[tuple[str, str], tuple[date, bool]] = {}
    with open(folder / "reports.csv", "w", newline="", encoding="utf-8") as reports, open(
        folder / "responses.csv", "w", newline="", encoding="utf-8"
    ) as responses:
        report_rows, response_rows = csv.writer(reports), csv.writer(responses)
        report_rows.writerow(["Ref", "Date of report", "Deceased", "Sent to"])
        response_rows.writerow(["Ref", "Organisation", "Date of response", "Published"])
        for number in range(1, 401):
            ref = f"2022-{number:04d}"
            dated = date(2022, 1, 1) + timedelta(days=chance.randrange(0, 400))
            sent_to = chance.sample([*ORGANISATIONS, "DHSC"], chance.randint(1, 3))
            report_rows.writerow([ref, dated.strftime("%d/%m/%Y"), f"Person {number}", "; ".join(sent_to)])
            for name in sent_to:
                body = "department-of-health" if name == "DHSC" else cells.slug(name)
                due[ref, body] = dated + timedelta(days=56)
                if chance.random() < 0.7:
                    received = dated + timedelta(days=chance.randrange(1, 90))
                    if received > AS_OF:
                        continue
                    published = chance.random() < 0.8
                    replies[ref, body] = (received, published)
                    response_rows.writerow([ref, name, received.strftime("%d/%m/%Y"), "Yes" if published else "No"])
    return due, replies


def test_several_hundred_coroners_reports_import_and_give_exactly_the_expected_findings(coroners: Path, run_cli: RunCli) -> None:
    due, replies = generated_tables(coroners)
    common = ("--workspace", str(coroners), "--date-format", "%d/%m/%Y")
    bodies = run_cli("import", "table", str(coroners / "organisations.csv"), "--rows", "bodies", "--create",
                     "--column", "Organisation=name", "--column", "Type=kind", *common)
    assert bodies.exit_code == 0, bodies.stderr
    assert bodies.stdout.splitlines()[-3:] == ["18 row(s) read, 0 unusable", "18 new bodies", "wrote 1 file(s)"]
    reports = run_cli("import", "table", str(coroners / "reports.csv"), "--rows", "reports", "--create",
                      "--column", "Ref=report", "--column", "Date of report=published", "--column", "Deceased=title",
                      "--column", "Sent to=to", "--set", "deadline=56 days after", *common)
    assert reports.exit_code == 0, reports.stderr
    assert reports.stdout.splitlines()[-3:] == ["400 row(s) read, 0 unusable", "400 new report(s)", "wrote 400 file(s)"]
    mapping = write(coroners, "responses.yaml", (
        "rows: responses\n"
        "columns:\n  Ref: report\n  Organisation: body\n  Date of response: received\n  Published: published\n"
        'date_format: "%d/%m/%Y"\n'
    ))
    responses = run_cli("import", "table", str(coroners / "responses.csv"), "--mapping", str(mapping), "--workspace", str(coroners))
    assert responses.exit_code == 0, responses.stderr
    assert responses.stdout.splitlines()[-1] == f"wrote {len(replies)} file(s)"
    assert 400 < len(replies) < len(due)

    result = run_cli("check", "--as-of", AS_OF.isoformat(), "--format", "json", "--workspace", str(coroners),
                     "--select", "response-missing,deadline-missed,response-unpublished,response-due-soon")
    findings = {(f["rule"], f["report"], f["body"], f["message"]) for f in json.loads(result.stdout)["findings"]}
    names = {body.id: body.name for body in load_workspace(coroners).bodies.values()}
    expected = set()
    for (ref, body), day in due.items():
        if (ref, body) not in replies:
            if day < AS_OF:
                overdue = (AS_OF - day).days
                message = f"no response from {names[body]}: it was due on {day} and is {overdue:,} day{'s' * (overdue != 1)} overdue"
                expected.add(("response-missing", ref, body, message))
            elif (day - AS_OF).days <= 30:
                expected.add(("response-due-soon", ref, body, None))
            continue
        received, published = replies[ref, body]
        if received > day:
            late = (received - day).days
            message = f"the response was received on {received}, {late} day{'s' * (late != 1)} after the deadline of {day}"
            expected.add(("deadline-missed", ref, body, message))
        if not published:
            expected.add(("response-unpublished", ref, body, f"the response from {names[body]} was received but has not been published"))
    due_soon = {f[:3] for f in findings if f[0] == "response-due-soon"}
    assert due_soon == {f[:3] for f in expected if f[0] == "response-due-soon"}
    assert {f for f in findings if f[0] != "response-due-soon"} == {f for f in expected if f[0] != "response-due-soon"}
    assert result.exit_code == 1
    # The due date is explained with its convention: the date of the report is day 0.
    shown = run_cli("deadlines", "--report", "2022-0001", "--as-of", AS_OF.isoformat(), "--workspace", str(coroners))
    assert "56 days after the day of publication" in shown.stdout and "(day 0)" in shown.stdout


def test_an_xlsx_workbook_written_by_openpyxl_imports_with_its_own_dates_and_booleans(small: Path, run_cli: RunCli) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Replies"
    sheet.append(["Body", "Received on", "Published?", "Note"])
    sheet.append(["North Police", datetime(2021, 2, 1), True, "letter"])
    sheet.append(["north pcc", date(2021, 3, 15), "no", None])
    sheet.append([None, None, None, None])
    sheet.append(["Home Office", datetime(2021, 2, 1), True, None])
    workbook.save(small / "replies.xlsx")
    args = ("import", "table", str(small / "replies.xlsx"), "--rows", "responses", "--sheet", "Replies", "--set", "report=r",
            "--column", "Body=body", "--column", "Received on=received", "--column", "Published?=published", "--workspace", str(small))
    refused = run_cli(*args)
    assert (refused.exit_code, refused.stderr) == (
        2, f"audit: {small / 'replies.xlsx'}:5: report 'r' addresses no recommendation to Home Office (home-office)\n"
    )
    assert not (small / "data/responses").exists()
    result = run_cli(*args, "--skip-unusable")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "note: skipped row 5: report 'r' addresses no recommendation to Home Office (home-office)"
    loaded = load_workspace(small)
    north, pcc = loaded.responses[("r", "north-police")], loaded.responses[("r", "north-pcc")]
    assert (str(north.received), north.published, north.source) == ("2021-02-01", True, "replies.xlsx, row 2")
    assert (str(pcc.received), pcc.published) == ("2021-03-15", False)
    assert {a.status.value for a in pcc.answers.values()} == {"not-assessed"}


def test_every_unusable_row_is_named_with_its_number_and_why(small: Path, run_cli: RunCli) -> None:
    table = write(small, "reports.csv", (
        "id,title,date,deadline,to\n"
        "new-one,New one,2021-01-04,56 days after,North Police; south-police\n"
        "new-one,New one,2021-01-05,56 days after,force\n"
        "new-two,New two,04/01/2021,6 months,force\n"
        "new-three,New three,2021-01-04,soon,Nowhere Police\n"
        "r,Old,2021-01-04,6 months,all\n"
    ))
    args = ("import", "table", str(table), "--rows", "reports", "--column", "id=report", "--column", "title=title",
            "--column", "date=published", "--column", "deadline=deadline", "--column", "to=to", "--workspace", str(small))
    without_create = run_cli(*args)
    assert without_create.exit_code == 2
    assert f"audit: {table}:2: no report 'new-one' in data/reports (--create makes it)" in without_create.stderr.splitlines()
    result = run_cli(*args, "--create")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"audit: {table}:3: published differ(s) from row 2's, in the same report new-one",
        f"audit: {table}:4: published: '04/01/2021' is not a date in the form %Y-%m-%d",
        f"audit: {table}:5: deadline: expected a deadline (6 months, 56 days, 56 days after, 10 working days, or a date), found 'soon'",
    ]
    assert not (small / "data/reports/new-one.yaml").exists()
    skipped = run_cli(*args, "--create", "--skip-unusable", "--dry-run")
    assert skipped.exit_code == 0
    assert "note: row 6: report r exists; left as it is" in skipped.stdout.splitlines()
    assert skipped.stdout.splitlines()[-1] == "would write 0 file(s)"


def test_text_from_the_table_reaches_the_terminal_escaped(small: Path, run_cli: RunCli) -> None:
    table = write(small, "replies.csv", "Body\x1b[2J,When\nNorth\x1b]0;owned\x07 Police,2021-02-01\n")
    missing = run_cli("import", "table", str(table), "--rows", "responses", "--column", "Who=body", "--set", "report=r",
                      "--set", "published=yes", "--column", "When=received", "--workspace", str(small))
    assert (missing.exit_code, missing.stderr) == (2, f"audit: {table}: no column 'Who' (its columns: 'Body\\x1b[2J', 'When')\n")
    unusable = run_cli("import", "table", str(table), "--rows", "responses", "--column", "Body\x1b[2J=body", "--set", "report=r",
                       "--set", "published=yes", "--column", "When=received", "--workspace", str(small))
    assert unusable.exit_code == 2
    assert "\x1b" not in unusable.stderr and "\x07" not in unusable.stderr
    assert unusable.stderr.startswith(f"audit: {table}:2: body: no body 'North\\x1b]0;owned\\x07 Police'")


def test_a_body_twice_in_the_table_is_an_unusable_row(small: Path, run_cli: RunCli) -> None:
    rows = "name,kind,id\nEast Police,force,\neast police,force,east-constabulary\nWest Police,force,east-police\n"
    table = write(small, "bodies.csv", rows)
    result = run_cli("import", "table", str(table), "--rows", "bodies", "--create", "--column", "name=name", "--column", "kind=kind",
                     "--column", "id=id", "--workspace", str(small))
    assert (result.exit_code, result.stderr.splitlines()) == (2, [
        f"audit: {table}:3: east police (east-constabulary) is also on row 2",
        f"audit: {table}:4: West Police (east-police) is also on row 2",
    ])


def test_a_mapping_file_is_checked_where_it_is_wrong_and_options_win_over_it(small: Path, run_cli: RunCli) -> None:
    table = write(small, "replies.csv", "who,when,public\nNorth Police,2021-02-01,yes\n")
    broken = write(small, "broken.yaml", "rows: reponses\ncolumns: {who: body}\n")
    refused = run_cli("import", "table", str(table), "--mapping", str(broken), "--workspace", str(small))
    assert (refused.exit_code, refused.stderr) == (
        2, f"audit: {broken}:1:7: 'reponses' is not one of: bodies, reports, responses (did you mean 'responses'?)\n"
    )
    text = 'rows: responses\ncolumns: {who: body, when: received, public: published}\ndate_format: "%d/%m/%Y"\n'
    mapping = write(small, "mapping.yaml", text)
    by_file = run_cli("import", "table", str(table), "--mapping", str(mapping), "--set", "report=r", "--workspace", str(small), "--dry-run")
    assert by_file.exit_code == 2
    assert "received: '2021-02-01' is not a date in the form %d/%m/%Y" in by_file.stderr
    by_option = run_cli("import", "table", str(table), "--mapping", str(mapping), "--set", "report=r", "--date-format", "%Y-%m-%d",
                        "--workspace", str(small))
    assert (by_option.exit_code, by_option.stdout.splitlines()[-1]) == (0, "wrote 1 file(s)")


def test_rows_the_loader_would_refuse_are_not_written(small: Path, run_cli: RunCli) -> None:
    # A commissioner needs the force it holds to account; the table gives none, so the import's result would not load.
    table = write(small, "bodies.csv", "name,kind\nEast Police,force\nEast PCC,pcc\n")
    before = (small / "data/bodies.yaml").read_bytes()
    result = run_cli("import", "table", str(table), "--rows", "bodies", "--create", "--column", "name=name", "--column", "kind=kind",
                     "--workspace", str(small))
    assert (result.exit_code, result.stderr) == (2, (
        "audit: nothing was written: the import would leave data the loader refuses:\n"
        "audit: data/bodies.yaml:9: east-pcc: a body of kind pcc needs holds_to_account (its force's id)\n"
    ))
    assert (small / "data/bodies.yaml").read_bytes() == before


CELL = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12), st.sampled_from(["North Police", "r", "2021-02-01", "yes"])
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELL, min_size=4, max_size=4), max_size=5))
def test_any_table_is_imported_or_refused_with_reasons_never_a_crash(small: Path, run_cli: RunCli, rows: list[list[str]]) -> None:
    table = small / "any.csv"
    with open(table, "w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([["report", "body", "received", "published"], *rows])
    columns = ("--column", "report=report", "--column", "body=body", "--column", "received=received", "--column", "published=published")
    result = run_cli("import", "table", str(table), "--rows", "responses", "--dry-run", *columns, "--workspace", str(small))
    assert result.exit_code in (0, 2)
    assert "internal error" not in result.stderr
    if result.exit_code == 2:
        assert all(line.startswith(f"audit: {table}:") for line in result.stderr.splitlines())


# Readers of what people type into cells.
FORMS = ["%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%m/%d/%Y"]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.sampled_from(FORMS))
def test_a_date_written_in_the_mapping_s_format_reads_back(day: date, form: str) -> None:
    assert cells.day(day.strftime(form), form) == day
    assert cells.day(datetime(day.year, day.month, day.day), form) == day


@given(st.text(max_size=20))
def test_a_date_cell_is_read_or_refused_never_guessed(written: str) -> None:
    try:
        read = cells.day(written, None)
    except cells.Unusable:
        return
    assert read.isoformat() == written.strip()


@given(st.lists(st.text(st.characters(blacklist_characters=";", blacklist_categories=("Cs",)), min_size=1, max_size=12), max_size=6))
def test_a_list_cell_splits_into_its_tidied_items(parts: list[str]) -> None:
    expected = [" ".join(part.split()) for part in parts if part.split()]
    assert cells.items("; ".join(parts), ";") == expected


@given(st.one_of(st.text(max_size=12), st.booleans(), st.integers()))
def test_a_yes_no_cell_is_read_or_refused(cell: str | bool | int) -> None:
    try:
        answer = cells.yes_no(cell)
    except cells.Unusable:
        assert str(cell).strip().casefold() not in {"yes", "no", "y", "n", "true", "false", "1", "0"}
        return
    assert answer is (str(cell).strip().casefold() in {"yes", "y", "true", "1", "published"})


UNITS = ["months", "days", "days after", "working days", "Days After the date of the report"]


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(UNITS))
def test_a_deadline_cell_says_its_count_and_convention(count: int, unit: str) -> None:
    key = {"months": "months", "days": "days", "working days": "working_days"}.get(unit, "days_after")
    assert cells.deadline(f"{count} {unit}", None) == {key: count}


@given(st.text(max_size=40))
def test_a_slug_is_always_an_id_or_empty(name: str) -> None:
    slug = cells.slug(name)
    assert slug == "" or all(part and part.isascii() and part.isalnum() and part == part.lower() for part in slug.split("-"))


def test_the_help_lists_every_field_of_every_kind_of_row(run_cli: RunCli) -> None:
    from audit.tables import FIELDS

    shown = run_cli("import", "table", "--help").stdout.splitlines()
    for rows, fields in FIELDS.items():
        assert f"  {rows + ':':<10} {', '.join(fields)}" in shown
