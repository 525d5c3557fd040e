"""One answer per question, taken the same way by every command: on the two-report fixture workspace.

``tests/workspaces/two-reports/README.md`` says what it holds; every figure here follows from it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import TESTS, RunCli, write
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.render import (
    CHASES_DUE_FORMATS,
    COVERAGE_FORMATS,
    DIFF_FORMATS,
    FINDINGS_FORMATS,
    IMPORT_FORMATS,
    LETTER_FORMATS,
    ONE_BODY_FORMATS,
    RULES_FORMATS,
    SCHEDULE_FORMATS,
    VALIDATION_FORMATS,
    FormatTable,
)

AS_OF = "2021-06-01"
TWO = TESTS / "workspaces" / "two-reports"


@pytest.fixture
def two(tmp_path: Path) -> Path:
    root = tmp_path / "two"
    shutil.copytree(TWO, root)
    return root


# Each command that answers with a result, with its table of formats and arguments that give one.
COMMANDS: list[tuple[tuple[str, ...], FormatTable[object]]] = [
    (("check", "--as-of", AS_OF), FINDINGS_FORMATS),
    (("coverage", "--as-of", AS_OF), COVERAGE_FORMATS),
    (("report", "--as-of", AS_OF), COVERAGE_FORMATS),
    (("deadlines", "--as-of", AS_OF), SCHEDULE_FORMATS),
    (("show", "north-police", "--as-of", AS_OF), ONE_BODY_FORMATS),
    (("validate",), VALIDATION_FORMATS),
    (("rules",), RULES_FORMATS),
    ((("import", "status-page", str(TESTS / "pages" / "two-reports.txt"), "--report", "r", "--dry-run")), IMPORT_FORMATS),
    # The same data on two days (no git needed): r's North PCC replies, r-2's Home Office becomes overdue.
    (("diff", "--since-date", "2021-01-01", "--as-of", AS_OF), DIFF_FORMATS),
]
EVERY_FORMAT = [pytest.param(args, name, id=f"{args[0]}-{name}") for args, table in COMMANDS for name in table.names]


@pytest.mark.parametrize(("args", "name"), EVERY_FORMAT)
def test_every_format_of_every_command_renders(args: tuple[str, ...], name: str, two: Path, run_cli: RunCli) -> None:
    result = run_cli(*args, "--format", name, cwd=two)
    assert result.exit_code == (1 if args[0] == "check" else 0), result.stderr
    assert result.stdout


@pytest.mark.parametrize("args", [pytest.param(args, id=args[0]) for args, _ in COMMANDS])
def test_every_command_offers_json_and_takes_output_and_append_the_same_way(
    args: tuple[str, ...], two: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    shown = run_cli(*args, "--format", "json", cwd=two)
    json.loads(shown.stdout)
    written, summary = tmp_path / "out.json", tmp_path / "summary.txt"
    summary.write_text("earlier\n", encoding="utf-8")
    both = run_cli(*args, "--format", "json", "--output", f"json:{written}", "--append", f"json:{summary}", cwd=two)
    assert both.exit_code == shown.exit_code
    assert both.stdout == shown.stdout == written.read_text(encoding="utf-8")
    assert summary.read_text(encoding="utf-8") == "earlier\n" + shown.stdout
    again = run_cli(*args, "--output", f"json:{written}", cwd=two)
    assert (again.exit_code, again.stderr) == (2, f"audit: {written}: file exists (use --force to overwrite it)\n")
    assert run_cli(*args, "--output", f"json:{written}", "--force", cwd=two).exit_code == shown.exit_code
    unknown = run_cli(*args, "--output", f"xml:{written}", cwd=two)
    assert unknown.exit_code == 2 and "unknown format 'xml'" in unknown.stderr


# ``audit chase`` writes its letters into a folder (-o DIR), so it is not among COMMANDS; its formats are here.
TABLES: list[FormatTable[Any]] = [*(table for _, table in COMMANDS), CHASES_DUE_FORMATS, LETTER_FORMATS]


@pytest.mark.parametrize("module", sorted({m for table in TABLES for m in table.modules.values()}))
def test_importing_a_format_imports_neither_yaml_nor_the_loader_nor_the_core(module: str) -> None:
    code = f"import sys, {module}\nprint(' '.join(sorted(sys.modules)))"
    modules = set(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split())
    assert module in modules
    assert not modules & {"yaml", "audit.load", "audit.obligations", "audit.deadlines", "audit.coverage", "audit.engine"}


def _reports_in(args: tuple[str, ...], stdout: str) -> list[str]:
    if args[0] == "report":
        return [line.split("# Gap report: ")[1] for line in stdout.splitlines() if line.startswith("# Gap report: ")]
    document = json.loads(stdout)
    if args[0] == "check":
        return list(dict.fromkeys(f["report"] for f in document["findings"]))
    if args[0] == "coverage":
        return [r["id"] for r in document["reports"]]
    if args[0] == "deadlines":
        return [g["report"] for g in document["groups"]]
    return [r["report"] for r in document["reports"]]


@pytest.mark.parametrize(
    ("args", "both"),
    [
        (("check", "--format", "json"), ["r", "r-2"]),
        (("coverage", "--format", "json"), ["r", "r-2"]),
        (("report",), ["A report", "Second"]),
        # By due day first: r-2's Home Office has an extension to 2021-03-31, r is due 2021-02-28.
        (("deadlines", "--format", "json"), ["r", "r-2"]),
        (("show", "home-office", "--format", "json"), ["r-2"]),
        (("diff", "--since-date", "2021-01-01", "--format", "json"), ["r", "r-2"]),
    ],
    ids=lambda value: value[0] if isinstance(value, tuple) else None,
)
def test_report_is_repeatable_everywhere_and_reports_come_by_id(args: tuple[str, ...], both: list[str], two: Path, run_cli: RunCli) -> None:
    # r-2.yaml sorts before r.yaml by file name: the order is the ids'.
    every = run_cli(*args, "--as-of", AS_OF, cwd=two)
    assert _reports_in(args, every.stdout) == both
    named = run_cli(*args, "--as-of", AS_OF, "--report", "r-2", "--report", "r", cwd=two)
    assert named.stdout == every.stdout
    only = run_cli(*args, "--as-of", AS_OF, "--report", "r-2", cwd=two)
    assert _reports_in(args, only.stdout) == both[1:] if args[0] != "show" else ["r-2"]
    unknown = run_cli(*args, "--as-of", AS_OF, "--report", "r", "--report", "r-3", cwd=two)
    assert (unknown.exit_code, unknown.stderr) == (2, "audit: unknown report 'r-3' (did you mean 'r-2'?)\n")


def test_coverage_csv_has_a_row_for_a_body_owed_no_recommendation(two: Path, run_cli: RunCli) -> None:
    rows = list(csv.reader(io.StringIO(run_cli("coverage", "--as-of", AS_OF, "--format", "csv", cwd=two).stdout)))
    assert rows == [
        ["as_of", "report", "body", "name", "kind", "response", "deadline", "recommendation", "status"],
        [AS_OF, "r", "north-police", "North Police", "force", "unpublished", "late", "1", "deferred"],
        [AS_OF, "r", "north-police", "North Police", "force", "unpublished", "late", "3", "addressed"],
        [AS_OF, "r", "south-police", "South Police", "force", "none", "overdue", "1", "no-response"],
        [AS_OF, "r", "south-police", "South Police", "force", "none", "overdue", "3", "no-response"],
        [AS_OF, "r", "north-pcc", "North PCC", "pcc", "published", "met", "2", "partially-addressed"],
        [AS_OF, "r", "north-pcc", "North PCC", "pcc", "published", "met", "3", "not-assessed"],
        [AS_OF, "r-2", "home-office", "Home Office", "national", "none", "overdue", "", ""],
    ]


def test_coverage_json_has_each_body_s_due_date_and_the_summaries(two: Path, run_cli: RunCli) -> None:
    document = json.loads(run_cli("coverage", "--as-of", AS_OF, "--format", "json", cwd=two).stdout)
    assert document["addressed"] == ["addressed", "partially-addressed", "in-progress", "not-applicable"]
    assert document["reports"][1] == {
        "id": "r-2",
        "title": "A second report",
        "due": "2021-01-18",
        "due_explanation": "10 working days (England and Wales) after publication on 2021-01-04",
        "bodies": [
            {
                "body": "home-office",
                "name": "Home Office",
                "kind": "national",
                "response": "none",
                "received": None,
                "deadline": "overdue",
                "due": "2021-03-31",
                "due_explanation": "extended to 2021-03-31 on 2021-01-10 "
                "(was 2021-01-18: 10 working days (England and Wales) after publication on 2021-01-04)",
                "path": "data/responses/r-2/home-office.yaml",
                "recommendations": {},
                "addressed": [],
                "chases": [],
            }
        ],
        "by_kind": [
            {
                "kind": "national",
                "bodies": 1,
                "responses": {"published": 0, "unpublished": 0, "none": 1},
                "deadlines": {"met": 0, "late": 0, "cannot-tell": 0, "pending": 0, "overdue": 1},
            }
        ],
        "by_recommendation": [
            {
                "recommendation": "1",
                "addressed_to": 0,
                "addressed": 0,
                "cells": {
                    "addressed": 0, "partially-addressed": 0, "in-progress": 0, "deferred": 0, "not-addressed": 0,
                    "not-applicable": 0, "not-assessed": 0, "no-response": 0,
                },
            }
        ],
    }
    r = document["reports"][0]
    assert [(s["kind"], s["bodies"], s["responses"]["unpublished"], s["deadlines"]["late"]) for s in r["by_kind"]] == [
        ("force", 2, 1, 1), ("pcc", 1, 0, 0),
    ]
    assert [(s["recommendation"], s["addressed_to"], s["addressed"], s["cells"]["no-response"]) for s in r["by_recommendation"]] == [
        ("1", 2, 0, 1), ("2", 1, 1, 0), ("3", 3, 1, 1),
    ]
    assert r["bodies"][0]["received"] == {"earliest": "2021-03-01", "latest": "2021-03-01"}


def test_the_gap_report_follows_the_workspace_s_addressed_parameter(two: Path, run_cli: RunCli) -> None:
    default = run_cli("report", "--as-of", AS_OF, cwd=two).stdout
    assert "| recommendation 2 | 1    | 0           | 1                     |" in default
    assert default.count("`██████████` 1/1") == 1
    assert "recommendation 2: partially addressed" not in default
    write(two, "rules/default.yaml", "rules:\n  recommendation-unaddressed: {addressed: [addressed]}\n")
    stricter = run_cli("report", "--as-of", AS_OF, cwd=two).stdout
    assert "`░░░░░░░░░░` 0/1" in stricter and "`██████████` 1/1" not in stricter
    assert "- recommendation 2: partially addressed; no evidence recorded\n" in stricter
    # The check, reading the same parameter, agrees.
    findings = json.loads(run_cli("check", "--as-of", AS_OF, "--format", "json", "--select", "recommendation-unaddressed", cwd=two).stdout)
    assert [(f["body"], f["recommendation"]) for f in findings["findings"]] == [("north-pcc", "2"), ("north-police", "1")]
    coverage = json.loads(run_cli("coverage", "--as-of", AS_OF, "--format", "json", cwd=two).stdout)
    assert coverage["addressed"] == ["addressed"]
    assert [b["addressed"] for b in coverage["reports"][0]["bodies"]] == [["3"], [], []]


def test_deadlines_json_gives_each_group_its_due_day_explanation_and_who_waits(two: Path, run_cli: RunCli) -> None:
    document = json.loads(run_cli("deadlines", "--as-of", AS_OF, "--format", "json", cwd=two).stdout)
    assert document == {
        "as_of": AS_OF,
        "groups": [
            {
                "report": "r",
                "title": "A report",
                "due": "2021-02-28",
                "due_explanation": "6 calendar months from publication on 2020-08-31",
                "days_left": -93,
                "bodies": [
                    {"body": "north-police", "name": "North Police", "path": "data/responses/r/north-police.yaml", "waiting": False},
                    {"body": "south-police", "name": "South Police", "path": "data/responses/r/south-police.yaml", "waiting": True},
                    {"body": "north-pcc", "name": "North PCC", "path": "data/responses/r/north-pcc.yaml", "waiting": False},
                ],
            },
            {
                "report": "r-2",
                "title": "A second report",
                "due": "2021-03-31",
                "due_explanation": "extended to 2021-03-31 on 2021-01-10 "
                "(was 2021-01-18: 10 working days (England and Wales) after publication on 2021-01-04)",
                "days_left": -62,
                "bodies": [{"body": "home-office", "name": "Home Office", "path": "data/responses/r-2/home-office.yaml", "waiting": True}],
            },
        ],
    }


def test_show_json_is_the_body_and_its_standing_in_each_report(two: Path, run_cli: RunCli) -> None:
    document = json.loads(run_cli("show", "North Police", "--as-of", AS_OF, "--format", "json", cwd=two).stdout)
    assert document == {
        "as_of": AS_OF,
        "body": {"id": "north-police", "name": "North Police", "kind": "force", "aliases": []},
        "reports": [
            {
                "report": "r",
                "title": "A report",
                "body": "north-police",
                "name": "North Police",
                "kind": "force",
                "response": "unpublished",
                "received": {"earliest": "2021-03-01", "latest": "2021-03-01"},
                "deadline": "late",
                "due": "2021-02-28",
                "due_explanation": "6 calendar months from publication on 2020-08-31",
                "path": "data/responses/r/north-police.yaml",
                "recommendations": {"1": "deferred", "3": "addressed"},
                "addressed": ["3"],
                "chases": [],
            }
        ],
    }


def test_validate_and_rules_answer_through_their_formats(two: Path, run_cli: RunCli) -> None:
    assert run_cli("validate", cwd=two).stdout == "valid: 4 bodies, 2 report(s), 2 responses\n"
    assert json.loads(run_cli("validate", "--format", "json", cwd=two).stdout) == {"valid": True, "problems": []}
    write(two, "data/responses/r/south-police.yaml", "body: south-police\nreport: r\nreceived: 2021-02-30\npublished: true\n")
    broken = run_cli("validate", "--format", "json", cwd=two)
    assert broken.exit_code == 2
    assert json.loads(broken.stdout)["problems"] == [
        {"path": "data/responses/r/south-police.yaml", "line": 3, "column": 11, "message": "'2021-02-30' is not a real date"}
    ]
    rules = json.loads(run_cli("rules", "--format", "json").stdout)
    assert [r["id"] for r in rules][:2] == ["response-missing", "response-unpublished"]
    unaddressed = json.loads(run_cli("rules", "recommendation-unaddressed", "--format", "json").stdout)
    assert [(r["id"], r["severity"], [p["name"] for p in r["parameters"]]) for r in unaddressed] == [
        ("recommendation-unaddressed", "error", ["addressed"])
    ]
    assert unaddressed[0]["parameters"][0]["default"] == ["addressed", "partially-addressed", "in-progress", "not-applicable"]
    assert unaddressed[0]["doc"].startswith("A response does not address a recommendation addressed to its body.")


def test_large_outputs_come_in_chunks_not_one_string(tmp_path: Path) -> None:
    from datetime import date

    from audit import diff, engine
    from audit.coverage import coverage
    from audit.load import load_workspace
    from audit.render import _json
    from audit.render.options import RenderOptions
    from audit.vocabulary import Severity

    sys.path.insert(0, str(TESTS.parent / "bench"))
    from generate import generate

    generate(tmp_path, responses=300, reports=3, seed=2)
    loaded = load_workspace(tmp_path)
    settings = engine.load_settings(tmp_path)
    findings = engine.run(loaded, date(2019, 6, 1), engine.chosen_rules(settings, (), ()), addressed=engine.addressed(settings))
    assert len(findings.findings) > 500
    files = len({f.path for f in findings.findings})
    # JSON joins the lines it writes from fields a batch at a time.
    for name, at_least in (("json", len(findings.findings) // _json._BATCH), ("github", len(findings.findings)), ("terminal", files)):
        chunks = list(FINDINGS_FORMATS.get(name)(findings, RenderOptions(show=Severity.INFO)))
        assert len(chunks) >= at_least, name
        assert max(map(len, chunks)) < sum(map(len, chunks)) / 3, name  # none holds a third of the output
    matrix = coverage(loaded, date(2019, 6, 1), engine.addressed(settings))
    for name in ("json", "csv", "terminal", "markdown"):
        assert len(list(COVERAGE_FORMATS.get(name)(matrix, RenderOptions()))) >= len(matrix.reports), name
    state = diff.working_tree(loaded, settings)
    changed = diff.compare(state, state, date(2018, 6, 1), date(2019, 6, 1))
    assert len(changed.reports) == 3
    for name in DIFF_FORMATS.names:
        assert len(list(DIFF_FORMATS.get(name)(changed, RenderOptions()))) >= len(changed.reports), name


@settings(max_examples=30)
@given(name=st.text(st.sampled_from("abcxyz019-_.: é"), min_size=1, max_size=12).filter(lambda n: n.strip(". ") and "/" not in n))
def test_output_takes_any_file_name_after_the_format(name: str) -> None:
    import tempfile

    from click.testing import CliRunner

    from audit.cli import main

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / name
        result = CliRunner().invoke(main, ["rules", "--output", f"json:{target}"], catch_exceptions=False)
        assert result.exit_code == 0
        assert json.loads(target.read_text(encoding="utf-8"))[0]["id"] == "response-missing"
        # audit report -o FILE: a path alone is the markdown, whatever colons the file name holds.
        bare = CliRunner().invoke(main, ["report", "--workspace", str(TWO), "--as-of", AS_OF, "-o", str(Path(folder) / ("x" + name))])
        assert (bare.exit_code, bare.stdout) == (0, "")
        assert (Path(folder) / ("x" + name)).read_text(encoding="utf-8").startswith("# Gap report: A report\n")


def test_the_formats_documented_are_the_formats_each_command_offers() -> None:
    offered = {(args[0], frozenset(table.names)) for args, table in COMMANDS}
    offered |= {("chase", frozenset(CHASES_DUE_FORMATS.names)), ("chase", frozenset(LETTER_FORMATS.names))}
    text = (TESTS.parent / "docs" / "output-formats.md").read_text(encoding="utf-8")
    documented = set()
    for line in text.split("| command | formats |")[1].split("\n\n")[0].splitlines()[2:]:
        commands, formats = line.strip("|").split("|")
        for command in re.findall(r"`audit (\w+)", commands):
            documented.add((command, frozenset(re.findall(r"`([\w-]+)`", formats))))
    assert documented == offered
