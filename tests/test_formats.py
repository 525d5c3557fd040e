"""Every output format of ``audit check``, read back with a real reader; the exit-code contract for CI."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPOSITORY, TESTS, RunCli, write
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from audit.checks import RULES
from audit.model import Body, Chase, DateRange, Finding, Receipt, Recommendation, Severity, Status, Timeliness
from audit.render import FINDINGS_FORMATS
from audit.render._json import chunks, finding_record
from audit.render.coverage_json import standing, standing_line
from audit.render.json import _finding_lines
from audit.results import Answered, Due, Gap, ReportHeading, ResponseState, Standing
from audit.shape import Reader

SARIF_SCHEMA = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
NASTY_NAME = "South | Police\\n[bold]<b>x</b>\x1b[31m,: 100%\r\nend"
DEFERRED = (
    "body: north-police\nreport: r\nreceived: 2021-03-01\npublished: false\n"
    'recommendations:\n  "1": {status: deferred}\n'
)


@pytest.fixture
def busy(small: Path) -> Path:
    """The small workspace with a late, unpublished, deferring response and a body with a hostile name."""
    write(small, "data/responses/r/north-police.yaml", DEFERRED)
    bodies = (small / "data" / "bodies.yaml").read_text(encoding="utf-8")
    write(small, "data/bodies.yaml", bodies.replace("name: South Police", f"name: {json.dumps(NASTY_NAME)}"))
    return small


def test_every_format_in_the_table_renders(busy: Path, run_cli: RunCli) -> None:
    for name in FINDINGS_FORMATS.names:
        result = run_cli("check", "--as-of", "2021-06-01", "--format", name, cwd=busy)
        assert result.exit_code == 1, name
        assert result.stdout, name


def test_sarif_validates_against_the_schema(busy: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--as-of", "2021-06-01", "--format", "sarif", cwd=busy)
    document = json.loads(result.stdout)
    jsonschema.validate(document, SARIF_SCHEMA)
    run = document["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(RULES)
    missed = run["tool"]["driver"]["rules"][list(RULES).index("deadline-missed")]
    assert missed["shortDescription"]["text"] == "a response was received after the deadline"
    assert missed["fullDescription"]["text"].startswith("A response arrived after its deadline, certainly.\n\nThe deadline day")
    summary = [
        (r["ruleId"], r["level"], r["locations"][0]["physicalLocation"].get("region", {}).get("startLine"))
        for r in run["results"]
    ]
    assert summary == [
        ("chase-due", "warning", None),
        ("response-missing", "error", None),
        ("recommendation-not-assessed", "note", 1),
        ("deadline-missed", "warning", 3),
        ("response-unpublished", "warning", 4),
        ("recommendation-unaddressed", "error", 6),
        ("chase-due", "warning", None),
        ("response-missing", "error", None),
    ]
    assert run["results"][-1]["message"]["text"] == (
        f"no response from {NASTY_NAME}: it was due on 2021-02-28 and is 93 days overdue"
    )


def test_junit_reads_back_with_a_case_per_finding(busy: Path, run_cli: RunCli) -> None:
    # Two recommendations of one body left unaddressed: two failing cases, not one.
    write(busy, "data/responses/r/north-police.yaml", DEFERRED + '  "3": {status: not-addressed}\n')
    result = run_cli("check", "--as-of", "2021-06-01", "--format", "junit", "--fail-on", "warning", cwd=busy)
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = list(root.iter("testcase"))
    # A case per body owing (3) and rule run, and one more for north-police's second unaddressed recommendation.
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", str(3 * len(RULES) + 1), "8")
    assert len(cases) == 3 * len(RULES) + 1
    failures = [(case.get("classname"), case.get("name"), case.get("file")) for case in cases if case.find("failure") is not None]
    assert failures == [
        ("r.north-police", "response-unpublished", "data/responses/r/north-police.yaml"),
        ("r.north-police", "deadline-missed", "data/responses/r/north-police.yaml"),
        ("r.north-police", "recommendation-unaddressed[1]", "data/responses/r/north-police.yaml"),
        ("r.north-police", "recommendation-unaddressed[3]", "data/responses/r/north-police.yaml"),
        # No file attribute for a response that does not exist.
        ("r.south-police", "response-missing", None),
        ("r.south-police", "chase-due", None),
        ("r.north-pcc", "response-missing", None),
        ("r.north-pcc", "chase-due", None),
    ]
    south = next(case for case in cases if case.get("classname") == "r.south-police" and case.find("failure") is not None)
    assert south.findtext("failure", "").startswith("no response file:-: error: no response from")
    # Below --fail-on a finding passes, and still says what it found.
    errors_only = run_cli("check", "--as-of", "2021-06-01", "--format", "junit", "--fail-on", "error", cwd=busy)
    cases = list(ET.fromstring(errors_only.stdout.encode("utf-8")).iter("testcase"))
    said = [(case.get("classname"), case.get("name"), case.findtext("system-out")) for case in cases if case.find("system-out") is not None]
    assert [(classname, name) for classname, name, _ in said] == [
        ("r.north-police", "response-unpublished"),
        ("r.north-police", "deadline-missed"),
        ("r.south-police", "chase-due"),
        ("r.north-pcc", "chase-due"),
    ]
    assert said[-1][2] == "warning: North PCC is 93 days overdue and has never been chased"
    assert all(case.find("failure") is None for case in cases if case.find("system-out") is not None)


def test_github_annotations_name_files_from_the_repository_root_when_the_workspace_is_a_folder_of_it(
    busy: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(busy, "data/responses/r/north-police.yaml", DEFERRED)
    files = {"inside": "", "below": ""}
    for where, checkout in (("inside", busy), ("below", busy.parent)):
        monkeypatch.setenv("GITHUB_WORKSPACE", str(checkout))
        result = run_cli("check", "--as-of", "2021-06-01", "--format", "github", cwd=busy)
        files[where] = next(line for line in result.stdout.splitlines() if "file=" in line).split("file=")[1].split(",")[0]
    assert files == {"inside": "data/responses/r/north-police.yaml", "below": f"{busy.name}/data/responses/r/north-police.yaml"}


def test_github_workflow_commands_escape_as_the_syntax_requires(busy: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--as-of", "2021-06-01", "--format", "github", "--show", "info", cwd=busy)
    lines = result.stdout.splitlines()
    # A response that does not exist is not given a file to be annotated on.
    assert lines[0] == "::warning title=chase-due (North PCC)::North PCC is 93 days overdue and has never been chased"
    assert lines[1] == (
        "::error title=response-missing (North PCC)::"
        "no response from North PCC: it was due on 2021-02-28 and is 93 days overdue"
    )
    assert lines[2] == (
        "::notice file=data/responses/r/north-police.yaml,line=1,title=recommendation-not-assessed (North Police)::"
        "recommendation 3 has not been assessed against the response"
    )
    # In properties ':' and ',' are escaped as well as '%', CR and LF; in the message only the latter.
    assert lines[-2] == (
        "::error title=response-missing (South | Police\\n[bold]<b>x</b>\\x1b[31m%2C%3A 100%25%0D%0Aend)::"
        "no response from South | Police\\n[bold]<b>x</b>\\x1b[31m,: 100%25%0D%0Aend: it was due on 2021-02-28 "
        "and is 93 days overdue"
    )
    assert lines[-1] == "audit check as of 2021-06-01: 3 errors, 4 warnings, 1 info; all 8 annotated."
    assert len(lines) == 9


def test_github_annotates_warnings_and_errors_unless_told_otherwise(busy: Path, run_cli: RunCli) -> None:
    default = run_cli("check", "--as-of", "2021-06-01", "--format", "github", cwd=busy)
    commands = [line.split(" ", 1)[0] for line in default.stdout.splitlines()]
    assert commands == ["::warning", "::error", "::warning", "::warning", "::error", "::warning", "::error", "audit"]
    assert default.stdout.splitlines()[-1] == (
        "audit check as of 2021-06-01: 3 errors, 4 warnings, 1 info; 7 annotated (at or above warning; --show info annotates the rest)."
    )
    errors = run_cli("check", "--as-of", "2021-06-01", "--format", "github", "--show", "error", cwd=busy)
    assert [line.split(" ", 1)[0] for line in errors.stdout.splitlines()] == ["::error", "::error", "::error", "audit"]
    # What is annotated never changes the exit code.
    assert default.exit_code == errors.exit_code == 1
    assert run_cli("check", "--as-of", "2021-06-01", "--format", "github", "--show", "error", "--fail-on", "info", cwd=busy).exit_code == 1


def _table_rows(markdown: str) -> list[list[int]]:
    """For each table, the cell count of its header and of every body row."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    tables: list[list[int]] = []
    cells = 0
    for token in tokens:
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            tables[-1].append(cells)
    return tables


def test_markdown_tables_keep_their_shape_whatever_the_names(busy: Path, run_cli: RunCli) -> None:
    result = run_cli("check", "--as-of", "2021-06-01", "--format", "markdown", cwd=busy)
    assert _table_rows(result.stdout) == [[2, 2, 2, 2], [7, 7, 7, 7]]
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<b>x</b>" not in html and "\x1b" not in html
    assert "South | Police\\n[bold]&lt;b&gt;x&lt;/b&gt;\\x1b[31m,: 100%\\x0d\\nend" in html


def test_output_files_and_step_summary_from_one_run(busy: Path, tmp_path: Path, run_cli: RunCli) -> None:
    sarif, summary = tmp_path / "out.sarif", tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    args = ("check", "--as-of", "2021-06-01", "--output", f"sarif:{sarif}", "--append", f"markdown:{summary}")
    result = run_cli(*args, cwd=busy)
    assert result.exit_code == 1
    assert result.stdout.startswith("Overview as of 2021-06-01\nA report (r)")
    jsonschema.validate(json.loads(sarif.read_text(encoding="utf-8")), SARIF_SCHEMA)
    assert summary.read_text(encoding="utf-8").startswith("earlier step\n## audit check, as of 2021-06-01\n")
    again = run_cli(*args, cwd=busy)
    assert again.exit_code == 2
    assert again.stderr == f"audit: {sarif}: file exists (use --force to overwrite it)\n"
    assert run_cli(*args, "--force", cwd=busy).exit_code == 1


def test_baseline_fails_only_on_new_findings(busy: Path, tmp_path: Path, run_cli: RunCli) -> None:
    baseline = tmp_path / "baseline.json"
    first = run_cli("check", "--as-of", "2021-06-01", "--write-baseline", str(baseline), cwd=busy)
    assert (first.exit_code, first.stderr) == (0, f"wrote 8 finding(s) to the baseline {baseline}\n")
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) == 8
    assert run_cli("check", "--as-of", "2021-06-01", "--baseline", str(baseline), cwd=busy).exit_code == 0
    write(busy, "data/responses/r/north-police.yaml", DEFERRED + '  "3": {status: not-addressed}\n')
    later = run_cli("check", "--as-of", "2021-06-01", "--baseline", str(baseline), "--format", "json", cwd=busy)
    assert later.exit_code == 1
    assert [(f["rule"], f["recommendation"]) for f in json.loads(later.stdout)["findings"]] == [
        ("recommendation-unaddressed", "3")
    ]
    assert later.stderr == f"7 finding(s) are in the baseline {baseline} and not shown\n"


def test_a_broken_baseline_is_exit_2(busy: Path, tmp_path: Path, run_cli: RunCli) -> None:
    baseline = write(tmp_path, "baseline.json", '{"version": 1, "findings": [\n')
    result = run_cli("check", "--baseline", str(baseline), cwd=busy)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"audit: {baseline}:2: the baseline is not valid JSON")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(("--as-of", "2021-02-01"), 0, id="no-findings"),
        pytest.param(("--as-of", "2021-06-01", "--select", "deadline-missed"), 0, id="below-fail-on"),
        pytest.param(("--as-of", "2021-06-01", "--select", "deadline-missed", "--fail-on", "warning"), 1, id="at-fail-on"),
        pytest.param(("--as-of", "2021-06-01"), 1, id="errors"),
        pytest.param(("--as-of", "2021-06-01", "--exit-zero"), 0, id="exit-zero"),
        pytest.param(("--select", "no-such-rule"), 2, id="unknown-rule"),
        pytest.param(("--no-such-option",), 2, id="bad-option"),
        pytest.param(("--output", "sarif"), 2, id="bad-output"),
    ],
)
def test_exit_codes(args: tuple[str, ...], code: int, busy: Path, run_cli: RunCli) -> None:
    assert run_cli("check", *args, cwd=busy).exit_code == code


def test_broken_data_is_exit_2_even_with_exit_zero(busy: Path, run_cli: RunCli) -> None:
    write(busy, "data/responses/r/north-police.yaml", "body: [\n")
    assert run_cli("check", "--exit-zero", cwd=busy).exit_code == 2


def test_rules_lists_and_explains(run_cli: RunCli) -> None:
    listing = run_cli("rules")
    assert listing.exit_code == 0
    assert listing.stdout.splitlines()[2].split() == [
        "response-missing", "error", "-", "no", "response,", "and", "the", "deadline", "has", "passed",
    ]
    # A summary longer than the last column's room wraps under it: each rule's id starts one line.
    assert [line.split()[0] for line in listing.stdout.splitlines()[2:] if not line.startswith(" ")] == list(RULES)
    one = run_cli("rules", "recommendation-unaddressed")
    assert one.stdout.startswith("recommendation-unaddressed (default severity: error)\n\nA response does not address")
    # The parameter's line wraps to the width: compared word by word.
    assert " ".join(one.stdout.split()).endswith(
        'addressed: The statuses that count as addressing a recommendation (default: '
        '["addressed", "partially-addressed", "in-progress", "not-applicable"])'
    )
    assert "\nFails (a force's response):\n\n    recommendations:\n      \"4\": {status: deferred}\n" in one.stdout
    unknown = run_cli("rules", "response-mising")
    assert (unknown.exit_code, unknown.stderr) == (2, "audit: unknown rule 'response-mising' (did you mean 'response-missing'?)\n")


@pytest.mark.parametrize("rule", list(RULES))
def test_rule_defaults_are_written_as_a_rules_file_holds_them(rule: str) -> None:
    # `audit rules` shows the defaults as declared, without a trip through JSON: lists, not tuples.
    default = RULES[rule].default
    assert json.loads(json.dumps(default)) == default
    assert list(default) == list(RULES[rule].conf)


@pytest.mark.parametrize("rule", [rule for rule in RULES if RULES[rule].conf])
def test_each_parameter_builds_its_shape_and_the_shape_takes_the_default(rule: str) -> None:
    # Built only where a workspace's rules are read: a builder that fails would fail only there.
    for name, spec in RULES[rule].conf.items():
        shape = spec.shape(spec.description)
        assert shape.description == spec.description
        reader = Reader("rules/default.yaml", "")
        default = RULES[rule].default[name]
        assert (shape.read(yaml.compose(yaml.safe_dump(default)), reader), reader.problems) == (default, [])


@pytest.mark.parametrize("name", ["kent pcc #1%.yaml", "a?b[c].yaml", "naïve.yaml"])
def test_sarif_uris_are_percent_encoded(name: str, small: Path, run_cli: RunCli) -> None:
    from urllib.parse import unquote, urlsplit

    write(small, f"data/responses/r/{name}", "body: north-police\nreport: r\nreceived: 2021-04-01\npublished: false\n")
    result = run_cli("check", "--as-of", "2021-06-01", "--format", "sarif", cwd=small)
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, SARIF_SCHEMA)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    ours = {uri for uri in uris if unquote(uri).endswith(name)}
    assert ours, uris
    for uri in ours:
        # A URI reference with no fragment or query: '#' and '?' would otherwise cut the path short.
        parts = urlsplit(uri)
        assert (parts.path, parts.query, parts.fragment) == (uri, "", "")
        assert unquote(uri) == f"data/responses/r/{name}"
        assert all((c.isascii() and c not in " #%?[]") or c == "%" for c in uri)


def test_csv_cells_carry_no_control_characters(small: Path, run_cli: RunCli) -> None:
    import csv
    import io

    write(small, "data/bodies.yaml", (
        'bodies:\n  - {id: north-police, name: "North\\e[31m Police\\0", kind: force}\n'
        "  - {id: north-pcc, name: North PCC, kind: pcc, holds_to_account: north-police}\n"
    ))
    result = run_cli("coverage", "--as-of", "2021-06-01", "--format", "csv", cwd=small)
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    names = {row[3] for row in rows[1:]}
    assert names == {"North\\x1b[31m Police\\x00", "North PCC"}
    assert not any(c in result.stdout for c in "\x1b\x00")


@pytest.mark.parametrize("rule", list(RULES))
@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}])
def test_rules_documentation_is_text_not_markup(rule: str, env: dict[str, str], run_cli: RunCli) -> None:
    shown = run_cli("rules", rule, env=env).stdout
    assert "``" not in shown and "::" not in shown
    # Every example the documentation gives is shown, indented as code.
    for block in RULES[rule].doc.split("::\n\n")[1:]:
        example = block.split("\n\n")[0].splitlines()[0].strip()
        assert example in shown
    # Plain, an inline literal is quoted so that it still stands apart from the words.
    if not env and "``--as-of``" in RULES[rule].doc:
        assert "'--as-of'" in shown


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from('"\\\n\t\x00\x1f\u2028'))


@settings(max_examples=200)
@given(
    texts=st.tuples(*[_TEXT] * 6),
    line=st.integers(min_value=0, max_value=10**6),
    severity=st.sampled_from(list(Severity)),
    exists=st.booleans(),
)
def test_json_writes_each_finding_as_the_encoder_writes_its_record(
    texts: tuple[str, ...], line: int, severity: Severity, exists: bool
) -> None:
    # The findings of `--format json` are written from their fields, not by the encoder: they must
    # come out as the encoder would write finding_record, whatever the text holds.
    report, path, rule, recommendation, body, message = texts
    finding = Finding(report, path, line, rule, recommendation, body, f"{body} name", severity, message)
    (written,) = _finding_lines([finding], {(report, body): exists})
    assert written == json.dumps({**finding_record(finding), "file_exists": exists}, ensure_ascii=False)
    assert json.loads(written)["message"] == message


@settings(max_examples=200)
@given(
    texts=st.tuples(*[_TEXT] * 6),
    ids=st.lists(_TEXT, max_size=3, unique=True),
    cells=st.lists(st.tuples(st.sampled_from([*Status, *Gap]), st.booleans()), min_size=3, max_size=3),
    received=st.none() | st.tuples(st.dates(), st.dates()),
    chases=st.lists(st.tuples(st.dates(), _TEXT, st.lists(_TEXT, max_size=2), st.none() | _TEXT), max_size=2),
    response=st.sampled_from(list(ResponseState)),
    deadline=st.sampled_from(list(Timeliness)),
)
def test_coverage_json_writes_each_standing_as_the_encoder_writes_its_record(
    texts: tuple[str, ...],
    ids: list[str],
    cells: list[tuple[Status | Gap, bool]],
    received: tuple[date, date] | None,
    chases: list[tuple[date, str, list[str], str | None]],
    response: ResponseState,
    deadline: Timeliness,
) -> None:
    # Each body's line of `coverage --format json` is written from its fields, not by the encoder: it
    # must come out as the encoder would write the record `show --format json` shares, whatever the text holds.
    body_id, name, kind, path, explanation, via = texts
    recs = [Recommendation(rec_id, "recommendation", (), "", False, 1) for rec_id in ids]
    row = Standing(
        ReportHeading("r", "R", "R", date(2021, 1, 1), Due(date(2021, 2, 1), explanation), tuple(recs)),
        Body(body_id, name, kind, None, (), None, 1),
        path,
        Due(date(2021, 3, 1), explanation),
        Receipt.RECEIVED,
        response,
        None if received is None else DateRange(*received),
        False,
        deadline,
        0,
        tuple(Answered(rec, cell, addressed, ()) for rec, (cell, addressed) in zip(recs, cells[: len(recs)], strict=True)),
        tuple(Chase("r", body_id, day, tuple(sent_by), via or chase_via, note, path, 1) for day, chase_via, sent_by, note in chases),
    )
    written = standing_line(row)
    assert written == json.dumps(standing(row), ensure_ascii=False)
    assert json.loads(written)["name"] == name


@pytest.mark.parametrize(("command", "inline_from", "written_from_fields"), [("check", 2, "overview"), ("coverage", 4, "reports")])
def test_json_is_laid_out_as_the_general_writer_lays_out_what_it_holds(
    command: str, inline_from: int, written_from_fields: str, busy: Path, run_cli: RunCli
) -> None:
    # Check's overviews and coverage's reports are written from their fields, not through the
    # general writer: laid out again by that writer, what they hold must come out byte for byte as
    # written (the shipped data has chases, extensions and joint responses; the busy workspace a
    # hostile name).
    for workspace in (REPOSITORY, busy):
        written = run_cli(command, "--as-of", "2026-11-23", "--format", "json", "--workspace", str(workspace)).stdout
        document = json.loads(written)
        assert document[written_from_fields]
        assert "".join(chunks(document, inline_from=inline_from)) == written
