"""Property-based fuzzing: any input either loads or is refused with file:line: message; every output
format stays well-formed whatever the names in the data. Bounded and derandomized in CI (see conftest)."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL, write
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from test_formats import _table_rows

from audit.cli import main
from audit.render import CHASES_DUE_FORMATS, COVERAGE_FORMATS, DIFF_FORMATS, FINDINGS_FORMATS, LETTER_FORMATS
from audit.shape import FIRST_DAY, LAST_DAY

REFUSAL = re.compile(r"^audit: [^:\n]+(:\d+(:\d+)?)?: \S.*$")
RESPONSE = "data/responses/r/north-police.yaml"
GOOD = (
    "body: north-police\nreport: r\nreceived: 2021-03-01\npublished: false\n"
    'recommendations:\n  "1": {status: deferred, evidence: [{quote: "we wait", where: "p. 2"}]}\n'
)
SUSPECT_TEXT = st.lists(
    st.sampled_from([*"abc:-[]{}&*!|>'\"%@`#,?\n\t \\~", "\x00", "\x1b", "\u00e9", "\ufeff", "\r", "yes", "2021-02-30"]),
    max_size=60,
).map("".join)
NAMES = (
    st.lists(
        st.characters(codec="utf-8", exclude_categories=("Cs",))
        | st.sampled_from(["|", "\n", "[bold]", "\x1b[31m", "<b>", "=", "`", "%", ",", ":", "\ufffe", "\ud800"]),
        min_size=1,
        max_size=20,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
)
FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _check(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--workspace", str(root), "--as-of", "2021-06-01", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _refused_cleanly(code: int, stderr: str) -> None:
    assert code in (0, 1, 2)
    if code == 2:
        lines = stderr.splitlines()
        assert lines, "exit 2 without a message"
        for line in lines:
            assert REFUSAL.match(line), line
            assert "Traceback" not in line


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    if not root.exists():
        shutil.copytree(SMALL, root)
    return root


@FUZZ
@given(text=SUSPECT_TEXT)
def test_any_response_text_loads_or_is_refused_with_a_position(text: str, workspace: Path) -> None:
    write(workspace, RESPONSE, text)
    code, _, stderr = _check(workspace)
    _refused_cleanly(code, stderr)


@FUZZ
@given(data=st.data())
def test_mutated_response_files_load_or_are_refused_with_a_position(data: st.DataObject, workspace: Path) -> None:
    raw = bytearray(GOOD.encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        choice = data.draw(st.sampled_from(["flip", "delete", "insert"]))
        if choice == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif choice == "delete":
            del raw[at]
        else:
            raw[at:at] = data.draw(st.sampled_from([b"\t", b"&a ", b"*a", b"!!python/object ", b"\xff", b"- ", b": ", b"\n  "]))
    write(workspace, RESPONSE, bytes(raw))
    code, _, stderr = _check(workspace)
    _refused_cleanly(code, stderr)


def _yaml_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, escaping what YAML will not take raw."""
    def escape(c: str) -> str:
        code = ord(c)
        if c in '\\"':
            return "\\" + c
        if code > 0xFFFF:
            return f"\\U{code:08x}"
        if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code < 0xE000 or code >= 0xFFFE:
            return f"\\u{code:04x}"
        return c

    return '"' + "".join(escape(c) for c in text) + '"'


def _plant_name(root: Path, name: str) -> None:
    """Give a body the generated name; where the loader refuses it, that refusal must be clean."""
    bodies = (SMALL / "data" / "bodies.yaml").read_text(encoding="utf-8")
    write(root, "data/bodies.yaml", bodies.replace("name: South Police", f"name: {_yaml_quoted(name)}"))
    write(root, RESPONSE, GOOD)
    code, _, stderr = _check(root)
    _refused_cleanly(code, stderr)
    assume(code != 2)


def _well_formed(name: str, text: str, findings: int) -> None:
    if name in ("json", "sarif"):
        json.loads(text)
    elif name == "junit":
        ET.fromstring(text.encode("utf-8"))
    elif name == "github":
        *annotations, summary, end = text.split("\n")
        assert end == "" and len(annotations) == findings
        assert all(line.startswith("::") and "\r" not in line for line in annotations)
        assert summary.startswith("audit check as of ")
    elif name == "markdown":
        assert all(len(set(rows)) == 1 for rows in _table_rows(text))
    else:
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), "a raw control character reached the terminal"


@FUZZ
@given(name=NAMES)
def test_every_check_format_stays_well_formed_whatever_the_names(name: str, workspace: Path) -> None:
    _plant_name(workspace, name)
    findings = len(json.loads(_check(workspace, "--format", "json")[1])["findings"])
    for fmt in FINDINGS_FORMATS.names:
        code, stdout, _ = _check(workspace, "--format", fmt, "--show", "info")
        assert code == 1
        _well_formed(fmt, stdout, findings)


@FUZZ
@given(name=NAMES)
def test_every_coverage_format_stays_well_formed_whatever_the_names(name: str, workspace: Path) -> None:
    _plant_name(workspace, name)
    for fmt in COVERAGE_FORMATS.names:
        result = CliRunner().invoke(
            main, ["coverage", "--workspace", str(workspace), "--as-of", "2021-06-01", "--format", fmt], catch_exceptions=False
        )
        assert result.exit_code == 0
        if fmt == "json":
            assert name in result.stdout or json.loads(result.stdout)
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(result.stdout)))
            assert {len(row) for row in rows} == {9}
            assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)
        else:
            _well_formed(fmt, result.stdout, 0)


@FUZZ
@given(name=NAMES)
def test_every_diff_format_stays_well_formed_whatever_the_names(name: str, workspace: Path) -> None:
    _plant_name(workspace, name)
    for fmt in DIFF_FORMATS.names:
        # South Police (the planted name) crosses its deadline of 2021-02-28 with no reply.
        args = ["diff", "--workspace", str(workspace), "--since-date", "2020-09-01", "--as-of", "2021-06-01", "--format", fmt]
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0
        if fmt == "json":
            document = json.loads(result.stdout)
            assert name in {c["body_name"] for r in document["reports"] for c in r["deadlines"]}
        else:
            _well_formed(fmt, result.stdout, 0)


@FUZZ
@given(name=NAMES)
def test_every_chase_letter_stays_well_formed_whatever_the_names(name: str, workspace: Path) -> None:
    # South Police carries the name, has no response, and is overdue on 2021-06-01: it gets a letter.
    _plant_name(workspace, name)
    out = workspace / "letters"
    for fmt in LETTER_FORMATS.names:
        result = CliRunner().invoke(
            main, ["chase", "south-police", "--workspace", str(workspace), "--as-of", "2021-06-01", "--format", fmt,
                   "-o", str(out), "--force"],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output
    markdown = (out / "r--south-police.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(markdown)
    inline = {child.type for t in tokens if t.children for child in t.children}
    assert not inline & {"html_inline", "link_open", "image"}
    assert not [t for t in tokens if t.type == "html_block"]
    assert [t.type for t in tokens if t.type == "heading_open"] == ["heading_open"]
    for letter in (markdown, (out / "r--south-police.txt").read_text(encoding="utf-8")):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", letter), "a raw control character reached a letter"
    raw = (out / "r--south-police.eml").read_text(encoding="utf-8")
    assert raw.isascii()
    message = email.message_from_string(raw, policy=email.policy.default)
    assert not message.defects
    assert list(message) == ["Subject", "X-Unsent", "MIME-Version", "Content-Type"]
    html = message.get_body(("html",))
    assert html is not None and "<b>" not in html.get_content()
    for fmt in CHASES_DUE_FORMATS.names:
        listed = CliRunner().invoke(
            main, ["chase", "--dry-run", "--workspace", str(workspace), "--as-of", "2021-06-01", "--format", fmt], catch_exceptions=False
        )
        assert listed.exit_code == 0, listed.output
        if fmt == "json":
            assert [letter["name"] for letter in json.loads(listed.stdout)["letters"]] == [name, "North PCC"]
        else:
            _well_formed(fmt, listed.stdout, 0)


@settings(FUZZ, max_examples=25)
@given(name=NAMES)
def test_the_site_stays_well_formed_html_whatever_the_names(name: str, workspace: Path) -> None:
    from site_pages import parse, text

    from audit.load import load_workspace
    from audit.render.site import visible_text

    _plant_name(workspace, name)
    result = CliRunner().invoke(main, ["site", "--workspace", str(workspace), "--as-of", "2021-06-01", "-o", str(workspace / "out")])
    assert result.exit_code == 0, result.output
    for page in sorted((workspace / "out").rglob("*.html")):
        root = parse(page)  # strict: a parse error fails
        assert not list(root.iter("script")), page
    loaded = load_workspace(workspace, 1, None).bodies["south-police"].name
    shown = parse(workspace / "out" / "bodies" / "south-police.html").find(".//h1")
    assert shown is not None
    assert text(shown) == re.sub(r"\s+", " ", str(visible_text(loaded))).strip()


DAYS = st.one_of(
    st.dates(date(1900, 1, 1), date(2999, 12, 31)),
    st.sampled_from([date(1900, 1, 1), date(2999, 12, 31), date(1899, 12, 31), date(3000, 1, 1), date(9999, 12, 31), date(1, 1, 1)]),
    st.dates(),
)
PERIODS = st.one_of(st.integers(1, 40), st.sampled_from([120, 121, 2610, 2611, 3660, 3661]), st.integers(1, 10_000_000))


@FUZZ
@given(
    published=DAYS,
    rule=st.sampled_from(["months", "days", "days_after", "working_days", "date"]),
    period=PERIODS,
    fixed=DAYS,
    until=DAYS,
    received=DAYS,
    as_of=st.one_of(DAYS, st.dates(date(2020, 1, 1), date(2030, 1, 1))),
    window=PERIODS,
)
@example(published=date(9999, 12, 1), rule="months", period=6, fixed=date(2021, 1, 1), until=date(2021, 1, 1),
         received=date(2021, 1, 1), as_of=date(2021, 1, 1), window=30)
@example(published=date(2021, 1, 1), rule="date", period=6, fixed=date(9999, 12, 31), until=date(9999, 12, 31),
         received=date(2021, 1, 1), as_of=date(2021, 1, 1), window=30)
@example(published=date(2021, 1, 1), rule="working_days", period=1_000_000, fixed=date(2021, 1, 1), until=date(2021, 1, 1),
         received=date(2021, 1, 1), as_of=date(2021, 1, 1), window=99_999_999)
def test_dates_and_periods_past_the_calendar_are_refused_by_validation_never_met_by_the_checks(
    published: date, rule: str, period: int, fixed: date, until: date, received: date, as_of: date, window: int, workspace: Path
) -> None:
    """Whatever the days and periods, every command either answers or refuses with file:line, and
    validate refuses exactly what the checks could not compute (no "year 10000 is out of range")."""
    value = fixed.isoformat() if rule == "date" else str(period)
    write(workspace, "data/reports/r.yaml", (
        f"title: A report\npublished: {published.isoformat()}\ndeadline: {{{rule}: {value}}}\n"
        'recommendations:\n  - {id: "1", to: [force], text: Do a thing}\n'
        f"extensions:\n  - {{body: north-police, until: {until.isoformat()}, granted: {published.isoformat()}}}\n"
    ))
    write(workspace, RESPONSE, f"body: north-police\nreport: r\nreceived: {received.isoformat()}\npublished: true\n")
    write(workspace, "rules/default.yaml", f"rules:\n  response-due-soon: {{window: {window}}}\n")
    runner = CliRunner()
    valid = runner.invoke(main, ["validate", "--workspace", str(workspace)], catch_exceptions=False).exit_code == 0
    for args in (["check"], ["deadlines", "--format", "ics"], ["coverage", "--format", "json"], ["deadlines", "--upcoming", "30d"]):
        result = runner.invoke(main, [*args, "--workspace", str(workspace), "--as-of", as_of.isoformat()], catch_exceptions=False)
        assert "internal error" not in result.stderr, (args, result.stderr)
        if result.exit_code == 2:
            for line in filter(None, result.stderr.splitlines()):
                assert REFUSAL.match(line) or line.startswith(("Usage:", "Try ", "Error: ")), line
        if args == ["check"] and FIRST_DAY <= as_of <= LAST_DAY:
            # check reads everything validate does: it refuses exactly when validate does.
            assert (result.exit_code == 2) == (not valid), result.stderr
