"""Kinds of body declared by the workspace: a workspace with no police kinds at all works in every command and format."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import icalendar
import pytest
from conftest import RunCli, write
from markdown_it import MarkdownIt

from audit.render import COVERAGE_FORMATS, FINDINGS_FORMATS, ONE_BODY_FORMATS, RULES_FORMATS, SCHEDULE_FORMATS, VALIDATION_FORMATS

# Invented: a regime of NHS trusts, the boards that hold them to account, and a department.
BODIES = """\
kinds:
  - {id: trust, label: NHS trust, plural: NHS trusts}
  - {id: board, label: Integrated care board, plural: Integrated care boards, short: boards, holds_to_account: trust}
  - {id: department, label: Government department, plural: Government departments, short: departments}
bodies:
  - {id: ashby-trust, name: Ashby Hospitals NHS Trust, kind: trust}
  - {id: bexley-trust, name: Bexley Hospitals NHS Trust, kind: trust}
  - {id: ashby-board, name: Ashby Integrated Care Board, kind: board, holds_to_account: ashby-trust}
  - {id: dhsc, name: Department of Health and Social Care, kind: department, aliases: [DHSC]}
"""
REPORT = """\
title: Regulation 28 report to prevent future deaths (invented)
published: 2022-01-04
deadline: {days_after: 56}
recommendations:
  - {id: "1", to: [trust, department], text: Review the handover of patients between wards.}
  - {id: "2", to: [board], text: Assure the review.}
"""
RESPONSE = """\
body: ashby-trust
report: pfd-1
received: 2022-03-10
published: false
recommendations:
  "1": {status: addressed}
"""


@pytest.fixture
def trusts(tmp_path: Path) -> Path:
    root = tmp_path / "trusts"
    write(root, "data/bodies.yaml", BODIES)
    write(root, "data/reports/pfd-1.yaml", REPORT)
    write(root, "data/responses/pfd-1/ashby-trust.yaml", RESPONSE)
    return root


def test_a_workspace_without_police_kinds_validates(trusts: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", cwd=trusts)
    assert (result.exit_code, result.stdout) == (0, "valid: 4 bodies, 1 report(s), 1 responses\n")


EVERY_FORMAT = [
    *((("check", "--as-of", "2022-06-30"), 1, name) for name in FINDINGS_FORMATS.names),
    *((("coverage", "--as-of", "2022-06-30"), 0, name) for name in COVERAGE_FORMATS.names),
    *((("deadlines", "--as-of", "2022-01-05"), 0, name) for name in SCHEDULE_FORMATS.names),
    *((("show", "DHSC", "--as-of", "2022-06-30"), 0, name) for name in ONE_BODY_FORMATS.names),
    *((("validate",), 0, name) for name in VALIDATION_FORMATS.names),
    *((("rules",), 0, name) for name in RULES_FORMATS.names),
]


@pytest.mark.parametrize(("args", "code", "name"), EVERY_FORMAT, ids=[f"{args[0]}-{name}" for args, _, name in EVERY_FORMAT])
def test_a_workspace_without_police_kinds_renders_every_format_of_every_command(
    args: tuple[str, ...], code: int, name: str, trusts: Path, run_cli: RunCli
) -> None:
    result = run_cli(*args, "--format", name, cwd=trusts)
    assert (result.exit_code, result.stderr) == (code, "")
    assert result.stdout.strip()
    if name in ("json", "sarif"):
        json.loads(result.stdout)
    elif name == "junit":
        ElementTree.fromstring(result.stdout)
    elif name == "ics":
        assert icalendar.Calendar.from_ical(result.stdout).walk("VEVENT")


@pytest.mark.parametrize("name", FINDINGS_FORMATS.names)
def test_a_workspace_without_police_kinds_checks_in_every_format(name: str, trusts: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--as-of", "2022-06-30", "--format", name, cwd=trusts)
    assert result.exit_code == 1, result.stderr
    text = result.stdout
    if name in ("json", "sarif"):
        text = json.dumps(json.loads(text))
    elif name == "junit":
        text = ElementTree.tostring(ElementTree.fromstring(text), encoding="unicode")
    elif name == "markdown":
        text = MarkdownIt("commonmark").enable("table").render(text)
    # The trust replied on 10 March 2022, after its due date of 1 March (56 days after 4 January, which is day 0).
    assert "2022-03-01" in text
    # The formats for people name a body; they give no path for a response that does not exist.
    named = name in ("terminal", "github", "markdown")
    for body in ("Bexley", "Ashby Integrated", "Department") if named else ("bexley-trust", "ashby-board", "dhsc"):
        assert body in text


@pytest.mark.parametrize("name", COVERAGE_FORMATS.names)
def test_a_workspace_without_police_kinds_covers_in_every_format(name: str, trusts: Path, run_cli: RunCli) -> None:
    result = run_cli("coverage", "--as-of", "2022-06-30", "--format", name, cwd=trusts)
    assert result.exit_code == 0, result.stderr
    if name == "json":
        bodies = json.loads(result.stdout)["reports"][0]["bodies"]
        assert [(b["body"], b["kind"]) for b in bodies] == [
            ("ashby-trust", "trust"), ("bexley-trust", "trust"), ("ashby-board", "board"), ("dhsc", "department")
        ]
    elif name == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert {row[4] for row in rows[1:]} == {"trust", "board", "department"}
    elif name == "markdown":
        html = MarkdownIt("commonmark").enable("table").render(result.stdout)
        # Each kind's plural heads its row of the headline table, as the workspace declares it.
        for plural in ("NHS trusts", "Integrated care boards", "Government departments"):
            assert f"<td>{plural}</td>" in html
    else:
        # The grid groups bodies under each kind's short plural, first letter upper-cased and no other changed.
        lines = [line.strip() for line in result.stdout.splitlines()]
        assert {"NHS trusts", "Boards", "Departments"} <= set(lines)


def test_a_workspace_without_police_kinds_reports_schedules_and_shows(trusts: Path, run_cli: RunCli) -> None:
    report = run_cli("report", "--as-of", "2022-06-30", "-o", "-", cwd=trusts)
    assert report.exit_code == 0 and "NHS trusts" in report.stdout
    schedule = run_cli("deadlines", "--as-of", "2022-01-05", cwd=trusts)
    assert schedule.exit_code == 0
    assert "56 days after the day of publication, 2022-01-04 (day 0)" in schedule.stdout
    calendar = run_cli("deadlines", "--as-of", "2022-01-05", "--format", "ics", cwd=trusts)
    events = icalendar.Calendar.from_ical(calendar.stdout).walk("VEVENT")
    assert {str(event["DTSTART"].dt) for event in events} == {"2022-03-01"}
    shown = run_cli("show", "DHSC", "--as-of", "2022-06-30", cwd=trusts)
    assert shown.exit_code == 0
    assert shown.stdout.startswith("Department of Health and Social Care (dhsc, department) as of 2022-06-30")


def test_coverage_by_kind_takes_the_declared_kinds_and_refuses_others(trusts: Path, run_cli: RunCli) -> None:
    boards = run_cli("coverage", "--as-of", "2022-06-30", "--format", "json", "--kind", "board", cwd=trusts)
    assert [b["body"] for b in json.loads(boards.stdout)["reports"][0]["bodies"]] == ["ashby-board"]
    police = run_cli("coverage", "--kind", "force", cwd=trusts)
    assert (police.exit_code, police.stderr) == (2, "audit: --kind: 'force' is not one of: trust, board, department\n")


def test_a_status_page_lists_bodies_under_each_declared_kind_s_label(trusts: Path, run_cli: RunCli) -> None:
    page = write(trusts, "page.txt", (
        "NHS trust Response\n"
        "Ashby Hospitals NHS Trust Response received but not published by the trust\n"
        "Bexley Hospitals NHS Trust Bexley Hospitals NHS Trust response\n"
        "Integrated care board Response\n"
        "Ashby Integrated Care Board This board did not reply\n"
        "\nPublished 1 June 2022\n"
    ))
    result = run_cli("import", "status-page", str(page), "--report", "pfd-1", cwd=trusts)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "note: kept data/responses/pfd-1/ashby-trust.yaml: a person has assessed recommendation(s) 1 there",
        "wrote data/responses/pfd-1/bexley-trust.yaml",
        "NHS trust Response: 1 published, 1 received but not published, 0 did not reply",
        "Integrated care board Response: 0 published, 0 received but not published, 1 did not reply",
        "wrote 1 file(s)",
    ]


def test_a_workspace_without_police_kinds_builds_its_site_in_its_own_words(trusts: Path, tmp_path: Path, run_cli: RunCli) -> None:
    built = run_cli("site", "--as-of", "2022-06-30", "-o", str(tmp_path / "site"), cwd=trusts)
    assert built.exit_code == 0, built.stderr
    report = (tmp_path / "site" / "reports" / "pfd-1.html").read_text(encoding="utf-8")
    # Sections, table headings and addressees from the declared words; defaults where a kind declares none.
    assert '<h2 id="trust">NHS trusts</h2>' in report and '<h2 id="board">Integrated care boards</h2>' in report
    assert '<th scope="col">NHS trust</th>' in report
    assert "(to every NHS trust; every government department)" in report
    body = (tmp_path / "site" / "bodies" / "ashby-board.html").read_text(encoding="utf-8")
    assert "<dt>Kind</dt><dd>Integrated care board</dd>" in body
    assert '<h2 id="kind-department">Government departments</h2>' in (tmp_path / "site" / "bodies.html").read_text(encoding="utf-8")
