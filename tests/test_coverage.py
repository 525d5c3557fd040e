"""``audit coverage`` and ``audit report``: the page's figures, readable formats, safe files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import TESTS, RunCli, write
from markdown_it import MarkdownIt
from test_formats import NASTY_NAME, _table_rows

from audit.render import COVERAGE_FORMATS

GOLDEN = TESTS / "golden"
RESPONSES = {
    "north-police": 'body: north-police\nreport: r\nreceived: 2021-03-01\npublished: false\nrecommendations:\n'
    '  "1": {status: deferred, evidence: [{quote: "we await the review", where: "paragraph 2"}]}\n'
    '  "3": {status: addressed}\n',
    "north-pcc": 'body: north-pcc\nreport: r\nreceived: 2021-02-10\npublished: true\nrecommendations:\n'
    '  "2": {status: partially-addressed}\n',
}

CHASES = "chases:\n  - {date: 2021-04-01, body: south-police, sent_by: [A. Clerk, \"B. *Bold* | Pipe\"], via: email}\n"


@pytest.fixture
def answered(small: Path) -> Path:
    for body, text in RESPONSES.items():
        write(small, f"data/responses/r/{body}.yaml", text)
    write(small, "data/chases/r.yaml", CHASES)
    return small


def test_unknown_report_is_exit_2(run_cli: RunCli) -> None:
    result = run_cli("coverage", "--report", "safe-to-shar")
    assert (result.exit_code, result.stderr) == (2, "audit: unknown report 'safe-to-shar' (did you mean 'safe-to-share'?)\n")


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (("coverage", "--as-of", "2021-06-01"), "small-coverage.txt"),
        (("report", "--as-of", "2021-06-01"), "small-report.md"),
    ],
)
def test_golden_small(args: tuple[str, ...], golden: str, answered: Path, run_cli: RunCli) -> None:
    result = run_cli(*args, cwd=answered, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_piped_output_does_not_follow_the_terminal_width(run_cli: RunCli) -> None:
    # Laid out for a fixed 100 columns when not on a terminal: what CI diffs cannot depend on who ran it.
    narrow = run_cli("coverage", "--as-of", "2026-11-23", env={"COLUMNS": "60"})
    wide = run_cli("coverage", "--as-of", "2026-11-23", env={"COLUMNS": "200"})
    assert narrow.stdout == wide.stdout
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 100
    check = [run_cli("check", "--as-of", "2026-11-23", env={"COLUMNS": columns}).stdout for columns in ("60", "200")]
    assert check[0] == check[1]


def test_report_tables_keep_their_shape_with_hostile_names(answered: Path, run_cli: RunCli) -> None:
    bodies = (answered / "data" / "bodies.yaml").read_text(encoding="utf-8")
    write(answered, "data/bodies.yaml", bodies.replace("name: South Police", f"name: {json.dumps(NASTY_NAME)}"))
    text = run_cli("report", "--as-of", "2021-06-01", cwd=answered).stdout
    tables = _table_rows(text)
    assert [len(set(t)) for t in tables] == [1, 1]
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<b>" not in html and "\x1b" not in html and "<strong>" not in html


def test_csv_cells_cannot_run_as_formulas(small: Path, run_cli: RunCli) -> None:
    bodies = (small / "data" / "bodies.yaml").read_text(encoding="utf-8")
    write(small, "data/bodies.yaml", bodies.replace("name: South Police", 'name: "=HYPERLINK(\\"x\\")"'))
    rows = list(csv.reader(io.StringIO(run_cli("coverage", "--as-of", "2021-06-01", "--format", "csv", cwd=small).stdout)))
    assert rows[0] == ["as_of", "report", "body", "name", "kind", "response", "deadline", "recommendation", "status"]
    assert ["2021-06-01", "r", "south-police", "'=HYPERLINK(\"x\")", "force", "none", "overdue", "1", "no-response"] in rows
    assert len(rows) == 1 + 2 + 2 + 2


def test_report_writes_atomically_and_refuses_to_overwrite(answered: Path, tmp_path: Path, run_cli: RunCli) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "gaps.md"
    assert run_cli("report", "--as-of", "2021-06-01", "-o", str(target), cwd=answered).exit_code == 0
    first = target.read_text(encoding="utf-8")
    assert first == (GOLDEN / "small-report.md").read_text(encoding="utf-8")
    again = run_cli("report", "--as-of", "2021-07-01", "-o", str(target), cwd=answered)
    assert (again.exit_code, again.stderr) == (2, f"audit: {target}: file exists (use --force to overwrite it)\n")
    assert target.read_text(encoding="utf-8") == first
    assert run_cli("report", "--as-of", "2021-07-01", "-o", str(target), "--force", cwd=answered).exit_code == 0
    assert "As of 2021-07-01." in target.read_text(encoding="utf-8")
    assert [p.name for p in out.iterdir()] == ["gaps.md"]


def test_report_dash_means_standard_output(answered: Path, run_cli: RunCli) -> None:
    result = run_cli("report", "--as-of", "2021-06-01", "-o", "-", cwd=answered)
    assert (result.exit_code, result.stdout) == (0, (GOLDEN / "small-report.md").read_text(encoding="utf-8"))
    assert not (answered / "-").exists()


@pytest.mark.parametrize("name", COVERAGE_FORMATS.names)
def test_same_data_and_as_of_give_identical_bytes(name: str, answered: Path, run_cli: RunCli) -> None:
    first = run_cli("coverage", "--as-of", "2021-06-01", "--format", name, cwd=answered).stdout
    assert first == run_cli("coverage", "--as-of", "2021-06-01", "--format", name, cwd=answered).stdout


def test_as_of_inside_a_received_range_before_the_deadline_is_cannot_tell_everywhere(small: Path, run_cli: RunCli) -> None:
    write(small, "data/responses/r/north-police.yaml", (
        'body: north-police\nreport: r\nreceived: {earliest: 2021-01-01, latest: 2021-02-20}\npublished: true\n'
        'recommendations:\n  "1": {status: addressed}\n'
    ))
    grid = json.loads(run_cli("coverage", "--as-of", "2021-02-01", "--format", "json", cwd=small).stdout)["reports"][0]
    north = next(b for b in grid["bodies"] if b["body"] == "north-police")
    assert (north["response"], north["deadline"], north["recommendations"]["1"]) == ("cannot-tell", "pending", "addressed")
    assert [k["responses"] for k in grid["by_kind"]] == [
        {"published": 0, "unpublished": 0, "none": 1, "cannot-tell": 1},
        {"published": 0, "unpublished": 0, "none": 1},
    ]
    report = run_cli("report", "--as-of", "2021-02-01", cwd=small).stdout
    assert "| bodies | total | published | not published | no reply | reply unknown |" in " ".join(report.split())
    # Where no body is in that state, the tables keep the status page's three columns.
    later = run_cli("report", "--as-of", "2021-03-01", cwd=small).stdout
    assert "reply unknown" not in later
    soon = run_cli("check", "--as-of", "2021-02-01", "--select", "response-due-soon", "--format", "json", cwd=small)
    messages = {f["body"]: f["message"] for f in json.loads(soon.stdout)["findings"]}
    assert messages["north-police"] == (
        "a response from North Police is due on 2021-02-28, in 27 days; "
        "cannot tell whether it has arrived (received between 2021-01-01 and 2021-02-20)"
    )
