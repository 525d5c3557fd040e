"""Every format of one result tells the same facts, each read back with its real reader.

For the shipped workspace and a generated one: the check's findings in JSON, SARIF (validated
against its schema), JUnit (xml.etree), markdown (table cells, by markdown-it-py) and GitHub
workflow commands; coverage in JSON, CSV and the markdown gap report; and the due dates that
``coverage``, ``deadlines`` (JSON and iCalendar) and ``show`` give for the same body. The JSON is the reference.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest
from click.testing import CliRunner
from conftest import REPOSITORY, TESTS
from markdown_it import MarkdownIt

from audit.cli import main

sys.path.insert(0, str(REPOSITORY / "bench"))

from generate import generate

SARIF_SCHEMA = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
SHIPPED_AS_OF = "2026-11-23"
GENERATED_AS_OF = "2019-06-01"


def _run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--workspace", str(root)], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


@pytest.fixture(scope="module", params=["shipped", "generated"])
def workspace(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    if request.param == "shipped":
        return REPOSITORY, SHIPPED_AS_OF
    root = tmp_path_factory.mktemp("generated")
    # 3 reports of 34 bodies each, 100 responses: two bodies never reply, dates exact and bounded.
    generate(root, responses=100, reports=3, seed=7)
    return root, GENERATED_AS_OF


def _tables(markdown: str) -> list[list[list[str]]]:
    """Each table's rows (header first), each row its cells' text, as markdown-it-py parses them."""
    tables: list[list[list[str]]] = []
    row: list[str] = []
    in_cell = False
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            in_cell = True
            row.append("")
        elif token.type in ("th_close", "td_close"):
            in_cell = False
        elif token.type == "inline" and in_cell:
            row[-1] = "".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))
        elif token.type == "tr_close":
            tables[-1].append(row)
    return tables


def test_every_check_format_finds_the_same_findings(workspace: tuple[Path, str]) -> None:
    root, as_of = workspace
    args = ("check", "--as-of", as_of, "--fail-on", "info")
    findings = json.loads(_run(root, *args, "--format", "json"))["findings"]
    assert findings
    expected = {(f["report"], f["body"], f["rule"], f["recommendation"] or "") for f in findings}

    sarif = json.loads(_run(root, *args, "--format", "sarif"))
    jsonschema.validate(sarif, SARIF_SCHEMA)
    in_sarif = {
        (r["properties"]["report"], r["properties"]["body"], r["ruleId"], r["properties"]["recommendation"] or "")
        for r in sarif["runs"][0]["results"]
    }
    assert in_sarif == expected

    junit = ET.fromstring(_run(root, *args, "--format", "junit").encode("utf-8"))
    # One case per finding: each failure is one finding, named by its recommendation where it has one.
    failing = Counter(
        (*case.get("classname", "").split(".", 1), case.get("name"))
        for case in junit.iter("testcase")
        if case.find("failure") is not None
    )
    assert failing == Counter((report, body, f"{rule}[{rec}]" if rec else rule) for report, body, rule, rec in expected)

    rows = _tables(_run(root, *args, "--format", "markdown"))[1]
    assert rows[0] == ["severity", "rule", "report", "body", "rec.", "finding", "where"]
    in_markdown = Counter((report, body, rule, rec) for _, rule, report, body, rec, _, _ in rows[1:])
    assert in_markdown == Counter((f["report"], f["body_name"], f["rule"], f["recommendation"] or "") for f in findings)

    # A finding about a response with no file is annotated without one (and never with a line).
    command = re.compile(r"::(?:error|warning|notice) (?:file=(?P<file>[^,]*)(?:,line=(?P<line>\d+))?,)?title=(?P<rule>[\w-]+) ")
    in_github = Counter()
    *annotations, summary = _run(root, *args, "--format", "github", "--show", "info").splitlines()
    for line in annotations:
        match = command.match(line)
        assert match, line
        in_github[(match["file"] or False, int(match["line"] or 0), match["rule"])] += 1
    assert in_github == Counter((f["path"] if (root / f["path"]).exists() else False, f["line"] or 0, f["rule"]) for f in findings)
    assert summary.endswith(f"; all {len(findings)} annotated.")


def _coverage_facts(document: dict[str, Any]) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
    states, cells = set(), set()
    for report in document["reports"]:
        for body in report["bodies"]:
            states.add((report["id"], body["body"], body["response"], body["deadline"]))
            cells |= {(report["id"], body["body"], rec, status) for rec, status in body["recommendations"].items()}
    return states, cells


def test_every_coverage_format_tells_the_same_states_and_cells(workspace: tuple[Path, str]) -> None:
    root, as_of = workspace
    document = json.loads(_run(root, "coverage", "--as-of", as_of, "--format", "json"))
    states, cells = _coverage_facts(document)

    rows = list(csv.DictReader(io.StringIO(_run(root, "coverage", "--as-of", as_of, "--format", "csv"))))
    assert {(r["report"], r["body"], r["response"], r["deadline"]) for r in rows} == states
    assert {(r["report"], r["body"], r["recommendation"], r["status"]) for r in rows if r["recommendation"]} == cells

    markdown = _run(root, "report", "--as-of", as_of)
    reports = markdown.split("# Gap report: ")[1:]
    assert len(reports) == len(document["reports"])
    for text, report in zip(reports, document["reports"], strict=True):
        headline, by_recommendation = _tables(text)
        bodies = report["bodies"]
        # "Cannot tell" has a column only in a report where some body's reply is in that state.
        shown = ("published", "unpublished", "none", *(["cannot-tell"] if any(b["response"] == "cannot-tell" for b in bodies) else []))
        for summary, row in zip(report["by_kind"], headline[1:], strict=True):
            of_kind = [b for b in bodies if b["kind"] == summary["kind"]]
            responses = [str(sum(b["response"] == s for b in of_kind)) for s in shown]
            deadlines = [str(sum(b["deadline"] == d for b in of_kind)) for d in ("met", "late", "cannot-tell", "pending", "overdue")]
            assert row[1:] == [str(len(of_kind)), *responses, *deadlines]
        header = by_recommendation[0]
        for summary, row in zip(report["by_recommendation"], by_recommendation[1:], strict=True):
            rec = summary["recommendation"]
            counted = Counter(b["recommendations"][rec] for b in bodies if rec in b["recommendations"])
            assert row[1] == str(summary["addressed_to"]) == str(sum(counted.values()))
            assert {h: row[i] for i, h in enumerate(header) if 1 < i < len(header) - 1} == {
                status.replace("-", " "): str(counted[status]) for status in summary["cells"]
            }
            assert row[-1].endswith(f" {summary['addressed']}/{summary['addressed_to']}")
        overdue = re.findall(r"^- .* \(`([^`]+)`\): due", text.split("## Overdue: no response")[1].split("##")[0], re.M)
        assert overdue == [b["body"] for b in bodies if b["deadline"] == "overdue"]
        unpublished = re.findall(r"\(`([^`]+)`\)", text.split("## Received but not published")[1].split("##")[0])
        assert unpublished == [b["body"] for b in bodies if b["response"] == "unpublished"]


def _title(root: Path, report_id: str) -> str:
    """The report's short title, as the terminal's coverage heading gives it."""
    heading = next(line for line in _run(root, "coverage", "--report", report_id).splitlines() if f" ({report_id}) as of" in line)
    return heading.split(f" ({report_id}) as of", 1)[0]


def test_coverage_deadlines_and_show_give_each_body_the_same_due_date(workspace: tuple[Path, str]) -> None:
    root, as_of = workspace
    coverage = json.loads(_run(root, "coverage", "--as-of", as_of, "--format", "json"))
    due = {(r["id"], b["body"]): (b["due"], b["due_explanation"]) for r in coverage["reports"] for b in r["bodies"]}
    schedule = json.loads(_run(root, "deadlines", "--as-of", as_of, "--format", "json"))
    assert {(g["report"], b["body"]): (g["due"], g["due_explanation"]) for g in schedule["groups"] for b in g["bodies"]} == due
    calendar = icalendar.Calendar.from_ical(_run(root, "deadlines", "--as-of", as_of, "--format", "ics").encode("utf-8"))
    events = [(str(e["UID"]), e.decoded("DTSTART"), str(e["SUMMARY"])) for e in calendar.walk("VEVENT")]
    assert events == [
        (
            f"{g['report']}-{g['due'].replace('-', '')}@audit",
            date.fromisoformat(g["due"]),
            f"{_title(root, g['report'])}: responses due ({sum(b['waiting'] for b in g['bodies'])} of {len(g['bodies'])} outstanding)",
        )
        for g in schedule["groups"]
    ]
    body = sorted(b for _, b in due)[0]
    shown = json.loads(_run(root, "show", body, "--as-of", as_of, "--format", "json"))
    assert {(r["report"], body): (r["due"], r["due_explanation"]) for r in shown["reports"]} == {
        key: value for key, value in due.items() if key[1] == body
    }
    assert shown["reports"] == [
        {"report": r["id"], "title": r["title"], **b} for r in coverage["reports"] for b in r["bodies"] if b["body"] == body
    ]
