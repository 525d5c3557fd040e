"""Screens of the real command on a pseudo-terminal, at the widths people use: what an auditor sees.

The golden screens under ``tests/golden/terminal/`` were reviewed by eye; after a deliberate change
of layout, ``AUDIT_UPDATE_GOLDEN=1 python -m pytest tests/test_terminal.py`` rewrites them, and the
diff is reviewed the same way before it is committed.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import REPOSITORY, TESTS, RunCli, terminal_screen, write

from audit.render._legend import CELL_SYMBOL

SCREENS = TESTS / "golden" / "terminal"
WIDTHS = (60, 80, 120)
AS_OF = ("--as-of", "2026-11-23")
INFO_RULES = ("recommendation-not-assessed", "deadline-unknown", "response-due-soon")


def _reports() -> list[tuple[str, str]]:
    """(id, short title) of each shipped report, in the order the overview gives them."""
    from audit.load import load_workspace

    return [(report.id, report.short_title) for report in load_workspace(REPOSITORY).reports.values()]


def _golden(name: str, screen: str) -> None:
    path = SCREENS / name
    if os.environ.get("AUDIT_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(screen, encoding="utf-8")
    assert screen == path.read_text(encoding="utf-8"), f"{name} differs from its golden screen"


def _fits(screen: str, width: int) -> None:
    too_long = [line for line in screen.splitlines() if len(line) > width]
    assert not too_long, f"longer than {width} columns: {too_long[:3]}"


@pytest.mark.parametrize("width", WIDTHS)
def test_check_screen_opens_with_the_overview_then_errors_then_warnings(width: int, run_cli: RunCli) -> None:
    screen, status = terminal_screen("check", *AS_OF, columns=width)
    _golden(f"check-{width}.txt", screen)
    _fits(screen, width)
    assert status == 1
    lines = screen.splitlines()
    assert lines[0] == "Overview as of 2026-11-23"
    errors, warnings = lines.index("Errors (20)"), lines.index("Warnings (29)")
    titles = [next(i for i, line in enumerate(lines) if line.startswith(f"{title} ({report}), due ")) for report, title in _reports()]
    assert titles == sorted(titles) and titles[-1] < errors < warnings
    # Info findings are counted, not listed.
    assert not [line for line in lines if any(rule in line for rule in INFO_RULES)]
    assert "Not listed: 332 info (--show info lists them)." in lines
    found = next(i for i, line in enumerate(lines) if line.startswith("Found "))
    assert " ".join(lines[found:]).startswith("Found 20 errors, 29 warnings, 332 info as of 2026-11-23: 3 reports")


def test_first_screen_at_80_columns_shows_every_overview_and_the_first_errors() -> None:
    screen, _ = terminal_screen("check", *AS_OF, columns=80)
    first = screen.splitlines()[:24]
    for report, title in _reports():
        at = next(i for i, line in enumerate(first) if line.startswith(f"{title} ({report}), due "))
        end = next(i for i in range(at + 1, len(first)) if not first[i].startswith("  "))
        # The report's counts follow its title, whole, on the first screen.
        assert re.fullmatch(
            r"\d+ bod(y|ies) owing: \d+ replied( \(.*\))?, \d+ overdue, \d+ pending \d+ unpublished; "
            r"\d+ recommendations? unaddressed, \d+ not assessed",
            " ".join(line.strip() for line in first[at + 1 : end]),
        )
    at = first.index("Errors (20)")
    assert first[at + 1] == "Home Office · a-duty-to-protect · no response file"
    assert first[at + 2].split() == ["-", "response-missing", "no", "response", "from", "Home", "Office:", "it", "was", "due", "on"]
    assert sum(line.split()[1:2] == ["response-missing"] for line in first) >= 3


def test_what_is_shown_never_changes_the_exit_code() -> None:
    screen, status = terminal_screen("check", *AS_OF, "--fail-on", "info", "--select", "deadline-unknown", columns=80)
    assert status == 1
    assert "Not listed: 73 info (--show info lists them)." in screen.splitlines()
    verbose, status = terminal_screen("check", *AS_OF, "-v", "--select", "deadline-unknown", columns=80)
    assert status == 0
    assert "Info (73)" in verbose.splitlines()


def test_a_response_with_no_file_is_not_shown_as_a_path(run_cli: RunCli) -> None:
    screen, _ = terminal_screen("check", *AS_OF, "--body", "home-office", "--report", "a-duty-to-protect", columns=80)
    assert "data/responses/a-duty-to-protect/home-office.yaml" not in screen
    assert "Home Office · a-duty-to-protect · no response file" in screen.splitlines()


@pytest.mark.parametrize("width", WIDTHS)
def test_coverage_screen_fits(width: int) -> None:
    screen, status = terminal_screen("coverage", *AS_OF, columns=width)
    _golden(f"coverage-{width}.txt", screen)
    _fits(screen, width)
    assert status == 0
    assert screen.count("Cells:") == 1


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", [("rules",), ("rules", "recommendation-unaddressed")], ids=["list", "one"])
def test_rules_screen_fits_and_shows_no_markup(width: int, args: tuple[str, ...]) -> None:
    screen, status = terminal_screen(*args, columns=width)
    _golden(f"{'-'.join(args)}-{width}.txt", screen)
    _fits(screen, width)
    assert status == 0
    assert "``" not in screen and "::" not in screen


_TITLE = re.compile(r".* \((?P<report>[a-z0-9-]+)\) as of \d{4}-\d{2}-\d{2}; responses due")
_KIND_ROWS = {"Forces", "Commissioners", "National"}


def _cells(screen: str) -> dict[tuple[str, str, str], str]:
    """(report, body name, recommendation) -> the letter in its cell, read from the grids of a coverage screen.

    Columns are found from each grid's header line; a line with nothing but a name continues the
    name above it (names wrap), or heads a kind of body.
    """
    cells: dict[tuple[str, str, str], str] = {}
    report = ""
    lines = screen.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        title = _TITLE.match(line) or (_TITLE.match(line + " " + lines[i + 1]) if i + 1 < len(lines) else None)
        if title:
            report = title["report"]
        if line.startswith("body ") and " reply " in line:
            reply, first = line.index("reply"), line.index("deadline") + len("deadline")
            ids = line[first:].split()
            first = line.index(ids[0], first)
            rows: list[tuple[list[str], list[str]]] = []
            i += 2
            while i < len(lines) and lines[i].strip():
                row = lines[i]
                name, rest = row[:reply].strip(), row[reply:].strip()
                if rest:
                    rows.append(([name], row[first:].split()))
                elif name in _KIND_ROWS:
                    pass
                elif rows:
                    rows[-1][0].append(name)
                i += 1
            for names, letters in rows:
                assert len(letters) == len(ids), (names, letters, ids)
                for rec, letter in zip(ids, letters, strict=True):
                    cells[(report, " ".join(names), rec)] = letter
        i += 1
    return cells


def test_coverage_at_60_columns_shows_every_cell_of_the_200_column_view(run_cli: RunCli) -> None:
    narrow, _ = terminal_screen("coverage", *AS_OF, columns=60)
    wide, _ = terminal_screen("coverage", *AS_OF, columns=200)
    wide_cells = _cells(wide)
    assert _cells(narrow) == wide_cells
    # And every cell the data has, with the legend's letter for its status.
    document = json.loads(run_cli("coverage", *AS_OF, "--format", "json").stdout)
    expected = {}
    for report in document["reports"]:
        recommendations = [rec["recommendation"] for rec in report["by_recommendation"]]
        for body in report["bodies"]:
            for rec in recommendations:
                status = body["recommendations"].get(rec, "not-assigned")
                expected[(report["id"], body["name"], rec)] = next(s for c, s in CELL_SYMBOL.items() if c.value == status)
    assert wide_cells == expected


def test_recommendations_that_do_not_fit_go_on_in_blocks_not_dropped(small: Path, run_cli: RunCli) -> None:
    # Thirty recommendations, some to every body, some to forces, and a name longer than a narrow grid's column.
    recommendations = "".join(
        f'  - {{id: "R{i}", to: [{"force, pcc" if i % 3 else "force"}], text: Do thing {i}}}\n' for i in range(1, 31)
    )
    write(small, "data/reports/r.yaml", REPORT_HEAD + recommendations)
    bodies = (small / "data" / "bodies.yaml").read_text(encoding="utf-8")
    write(small, "data/bodies.yaml", bodies.replace("name: North PCC", "name: The Police and Crime Commissioner for the North"))
    write(small, "data/responses/r/north-police.yaml", NORTH_POLICE)
    narrow, _ = terminal_screen("coverage", "--as-of", "2021-06-01", columns=60, cwd=small)
    wide, _ = terminal_screen("coverage", "--as-of", "2021-06-01", columns=200, cwd=small)
    _fits(narrow, 60)
    assert narrow.count("\nbody ") > 1 and wide.count("\nbody ") == 1
    assert "Recommendations R1 to " in narrow and "The Police and Crime Commissioner for the North" not in narrow
    cells = _cells(narrow)
    assert cells == _cells(wide)
    assert len(cells) == 3 * 30
    assert cells[("r", "North Police", "R1")] == "A" and cells[("r", "North Police", "R2")] == "?"
    assert cells[("r", "The Police and Crime Commissioner for the North", "R3")] == "·"
    assert cells[("r", "South Police", "R30")] == "!"


REPORT_HEAD = "title: A report\npublished: 2020-08-31\ndeadline: {months: 6}\nrecommendations:\n"
NORTH_POLICE = 'body: north-police\nreport: r\nreceived: 2021-01-10\npublished: true\nrecommendations:\n  "R1": {status: addressed}\n'


def test_many_reports_are_one_line_each_and_the_legend_is_not_repeated(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(REPOSITORY / "bench"))
    from generate import generate

    generate(tmp_path, responses=60, reports=30, seed=3)
    screen, status = terminal_screen("coverage", "--as-of", "2021-06-01", columns=80, cwd=tmp_path)
    assert status == 0
    lines = screen.splitlines()
    assert lines[0] == "30 reports as of 2021-06-01, one line each"
    assert lines[1].split() == ["report", "due", "owing", "replied", "overdue", "pending", "unpub.", "unaddr."]
    assert [line.split()[0] for line in lines[3:-1]] == sorted(f"report-{i:03}" for i in range(30))
    assert lines[-1] == "More than 12 reports: --report ID shows a report's grid."
    # Narrower, the due dates give way; nothing else does.
    narrow, _ = terminal_screen("coverage", "--as-of", "2021-06-01", columns=60, cwd=tmp_path)
    _fits(narrow, 60)
    assert narrow.splitlines()[1].split() == ["report", "owing", "replied", "overdue", "pending", "unpub.", "unaddr."]
    assert "Cells:" not in screen
    picked, _ = terminal_screen("coverage", "--as-of", "2021-06-01", "--report", "report-003", columns=80, cwd=tmp_path)
    assert picked.count("Cells:") == 1 and "(report-003) as of 2021-06-01" in picked


def test_a_file_written_from_a_terminal_is_laid_out_as_piped_output(tmp_path: Path, run_cli: RunCli) -> None:
    written = tmp_path / "check.txt"
    terminal_screen("check", *AS_OF, "--output", f"terminal:{written}", columns=60)
    assert written.read_text(encoding="utf-8") == run_cli("check", *AS_OF).stdout
