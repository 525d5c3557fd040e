"""`audit check` in parts, a process each (audit/parts.py): what it says is what one process says.

Output, exit code and problems the same, byte for byte, whatever the format and options; a part
that meets a problem, or dies, gives way to the workspace read whole; the cache is kept for every
part; and the cut itself holds every report once, in order, in parts of about as many files.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import REPOSITORY, RunCli, write
from hypothesis import given
from hypothesis import strategies as st
from test_performance import _live_children

from audit import load, parts
from audit.cache import FileCache
from audit.model import Finding, Severity
from audit.paths import key_of
from audit.results import Due, Findings, Overview, Owed, ReportHeading

sys.path.insert(0, str(REPOSITORY / "bench"))

from generate import generate

AS_OF = ("--as-of", "2026-11-23")


@pytest.fixture
def parted(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """Parts from two response files up, and each time a check was cut, the files in each part."""
    monkeypatch.setattr(load, "PARALLEL_FROM", 2)
    cuts: list[list[int]] = []
    real = parts.checked_in_parts

    def spy(root: Path, planned: list[load.Part], *args: Any) -> Any:
        cuts.append([part.files for part in planned])
        return real(root, planned, *args)

    monkeypatch.setattr(parts, "checked_in_parts", spy)
    return cuts


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Nine reports of 60 responses in all, with findings of every rule that runs by default."""
    root = tmp_path / "ws"
    generate(root, responses=60, reports=9, seed=11)
    return root


def _outcome(result: Any) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "options",
    [
        ["--format", "json"],
        ["--format", "sarif"],
        ["--format", "junit"],
        ["--format", "github"],
        ["--format", "markdown"],
        ["--verbose"],
        ["--kind", "force", "--format", "json"],
        ["--body", "force-3", "--body", "pcc-2", "--format", "json"],
        ["--select", "response-missing,recommendation-not-assessed", "--format", "json"],
    ],
    ids=lambda options: " ".join(options),
)
def test_a_check_in_parts_says_what_one_process_says(
    options: list[str], workspace: Path, run_cli: RunCli, parted: list[list[int]]
) -> None:
    alone = run_cli("check", *AS_OF, *options, "-j", "1", "--no-cache", cwd=workspace)
    assert parted == []
    for jobs in ("2", "3"):
        in_parts = run_cli("check", *AS_OF, *options, "-j", jobs, "--no-cache", cwd=workspace)
        assert _outcome(in_parts) == _outcome(alone)
    # Cut at reports into parts of about as many files, the first (this process's) a little larger.
    assert parted == [[32, 28], [24, 16, 20]]
    assert alone.exit_code == 1


def test_the_parts_join_into_every_report_and_finding_in_order(workspace: Path, run_cli: RunCli, parted: list[list[int]]) -> None:
    checked = json.loads(run_cli("check", *AS_OF, "--format", "json", "-j", "3", "--no-cache", cwd=workspace).stdout)
    assert len(parted) == 1
    reports = [overview["report"] for overview in checked["overview"]]
    assert reports == [f"report-{n:03d}" for n in range(9)]
    found = [(f["report"], f["path"], f["line"], f["rule"]) for f in checked["findings"]]
    assert found == sorted(found)
    assert {f["report"] for f in checked["findings"]} == set(reports)


def test_results_handed_back_in_a_piece_for_each_report_say_what_one_process_says(
    workspace: Path, run_cli: RunCli, parted: list[list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = run_cli("check", *AS_OF, "--format", "json", "-j", "1", "--no-cache", cwd=workspace)
    monkeypatch.setattr(parts, "_PIECE", 1)
    handed: list[int] = []
    real = parts._unpickled

    def counted(data: bytes) -> Any:
        outcome = real(data)
        handed.append(len(outcome[0]) if outcome is not None else 0)
        return outcome

    monkeypatch.setattr(parts, "_unpickled", counted)
    shared = run_cli("check", *AS_OF, "--format", "json", "-j", "3", "--no-cache", cwd=workspace)
    assert _outcome(shared) == _outcome(alone)
    assert parted == [[24, 16, 20]]
    assert handed == [2, 4]  # a piece for each report of the other two parts (two reports, and four)


def test_a_named_report_is_found_in_the_whole_workspace_not_cut(workspace: Path, run_cli: RunCli, parted: list[list[int]]) -> None:
    alone = run_cli("check", *AS_OF, "--report", "report-007", "-j", "1", cwd=workspace)
    shared = run_cli("check", *AS_OF, "--report", "report-007", "-j", "2", "--no-cache", cwd=workspace)
    assert parted == []
    assert _outcome(shared) == _outcome(alone)


def test_a_problem_in_any_part_is_reported_as_the_whole_workspace_reports_it(
    workspace: Path, run_cli: RunCli, parted: list[list[int]]
) -> None:
    # One in the first part (this process's), one in the last (another process's).
    write(workspace, "data/responses/report-000/force-1.yaml", "body: force-1\nreport: report-000\nreceived: 2018-13-01\npublished: true\n")
    write(workspace, "data/responses/report-008/pcc-1.yaml", "body: [pcc-1\n")
    alone = run_cli("check", *AS_OF, "-j", "1", "--no-cache", cwd=workspace)
    shared = run_cli("check", *AS_OF, "-j", "2", "--no-cache", cwd=workspace)
    assert len(parted) == 1
    assert _outcome(shared) == _outcome(alone)
    assert alone.exit_code == 2
    assert alone.stderr.splitlines() == [
        "audit: data/responses/report-000/force-1.yaml:3:11: '2018-13-01' is not a real date",
        "audit: data/responses/report-008/pcc-1.yaml:2:1: YAML syntax error: did not find expected ',' or ']'",
    ]


def test_an_unknown_body_named_is_refused_as_one_process_refuses_it(
    workspace: Path, run_cli: RunCli, parted: list[list[int]]
) -> None:
    alone = run_cli("check", *AS_OF, "--body", "force-99", "-j", "1", "--no-cache", cwd=workspace)
    shared = run_cli("check", *AS_OF, "--body", "force-99", "-j", "2", "--no-cache", cwd=workspace)
    assert len(parted) == 1
    assert _outcome(shared) == _outcome(alone)
    assert alone.exit_code == 2
    assert alone.stderr.startswith("audit: unknown body 'force-99'")


def test_a_part_whose_process_dies_gives_way_to_the_workspace_read_whole(
    workspace: Path, run_cli: RunCli, parted: list[list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    real = parts.load_part
    wholes: list[int] = []
    real_load = load.load_workspace

    def dying(*args: Any) -> Any:
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer leaves it: no exception, nothing handed back
        return real(*args)

    def whole(*args: Any) -> Any:
        wholes.append(1)
        return real_load(*args)

    monkeypatch.setattr(parts, "load_part", dying)
    monkeypatch.setattr(load, "load_workspace", whole)
    alone = run_cli("check", *AS_OF, "-j", "1", "--no-cache", cwd=workspace)
    shared = run_cli("check", *AS_OF, "-j", "2", "--no-cache", cwd=workspace)
    assert len(parted) == 1
    assert wholes == [1, 1]  # the run alone, then the run whose part died
    assert _outcome(shared) == _outcome(alone)
    assert _live_children(os.getpid()) == []


def test_every_part_keeps_its_files_in_the_one_cache(
    workspace: Path, run_cli: RunCli, parted: list[list[int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "reads"
    real = load.read_document

    def logged(path: Any, shown: str, *rest: Any) -> Any:
        with log.open("a", encoding="utf-8") as out:  # from every process: each part reads its own files
            out.write(shown + "\n")
        return real(path, shown, *rest)

    monkeypatch.setattr(load, "read_document", logged)
    data = sorted(path for path in (workspace / "data").rglob("*.yaml"))
    assert len(data) == 1 + 9 + 60  # the bodies, the reports, the responses
    outcomes = []
    reads = []
    for _ in range(3):
        log.write_text("")
        outcomes.append(_outcome(run_cli("check", *AS_OF, "--format", "json", "-j", "2", cwd=workspace)))
        reads.append(sorted(log.read_text().splitlines()))
    assert len(set(outcomes)) == 1
    assert len(parted) == 3
    every = sorted(path.relative_to(workspace).as_posix() for path in data)
    # The first run marks the workspace seen, the second keeps every file, whichever part read it (each
    # reads the bodies), and the third reads none.
    assert reads[0] == reads[1] == sorted([*every, "data/bodies.yaml"])
    assert reads[2] == []
    kept = FileCache(workspace.resolve())
    assert all(kept.holds(path.relative_to(workspace).as_posix(), key_of(str(path))) for path in data)


@st.composite
def _folders(draw: st.DrawFn) -> list[tuple[str, int]]:
    ids = sorted(draw(st.sets(st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True), min_size=1, max_size=40)))
    return [(report, draw(st.integers(0, 50))) for report in ids]


@given(_folders(), st.integers(2, 8), st.lists(st.from_regex(r"[a-z0-9.-]{0,8}", fullmatch=True), max_size=20))
def test_the_parts_hold_every_report_once_in_order_and_about_as_many_files_each(
    folders: list[tuple[str, int]], count: int, others: list[str]
) -> None:
    cut = load.cut_into_parts(folders, count)
    assert 1 <= len(cut) <= count
    for name in [report for report, _ in folders] + others:
        # Any report id, with a folder or not (a report with no response, a chase), is one part's.
        assert len([part for part in cut if part.holds(name)]) == 1
    # Each part holds a run of whole folders, in order, and counts their files.
    held = [[(report, files) for report, files in folders if part.holds(report)] for part in cut]
    assert [folder for run in held for folder in run] == folders
    assert all(held)
    assert [part.files for part in cut] == [sum(files for _, files in run) for run in held]
    total = sum(files for _, files in folders)
    largest = max(files for _, files in folders)
    fair = total / (count - 1 + load.FIRST_PART)
    for number, part in enumerate(cut):
        # Never more than one folder beyond its fair share.
        assert part.files <= fair * (load.FIRST_PART if number == 0 else 1) + largest


def test_many_folders_are_cut_on_a_sample_and_checked_alike(
    workspace: Path, run_cli: RunCli, parted: list[list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nine folders (eight of 7 or 8 files, one empty) counted through a sample of three: folders 0, 3 and 6.
    monkeypatch.setattr(load, "_COUNTED_FOLDERS", 3)
    planned = load.parts(workspace.resolve(), 2)
    assert planned is not None
    assert [(part.first, part.until) for part in planned] == [("", "report-005"), ("report-005", None)]
    assert [part.files for part in planned] == [40, 32]  # 8 files each, as the sample says
    alone = run_cli("check", *AS_OF, "--format", "json", "-j", "1", "--no-cache", cwd=workspace)
    shared = run_cli("check", *AS_OF, "--format", "json", "-j", "2", "--no-cache", cwd=workspace)
    assert parted == [[40, 32]]
    assert _outcome(shared) == _outcome(alone)


@st.composite
def _results(draw: st.DrawFn) -> Findings:
    """A part's results: reports by id, each with its obligations and findings (any number, none
    included), and findings of a report no heading names now and then (sorting among the others)."""
    ids = sorted(draw(st.sets(st.from_regex(r"r[a-z0-9]{0,3}", fullmatch=True), max_size=8)))
    named = sorted({*ids, *draw(st.lists(st.from_regex(r"r[a-z0-9]{0,3}", fullmatch=True), max_size=2))})
    day = date(2026, 11, 23)
    headings = tuple(ReportHeading(each, each, each, day, Due(day, ""), ()) for each in ids)
    owed = tuple(Owed(report, f"b{n}", f"b{n}", "", True) for report in ids for n in range(draw(st.integers(0, 3))))
    findings = tuple(
        Finding(report, "", n, "response-missing", "", "b", "b", Severity.ERROR, "")
        for report in named
        for n in range(draw(st.integers(0, 4)))
    )
    overview = tuple(Overview(heading, 0, 0, {}, 0, 0, 0) for heading in headings)
    return Findings(day, (), headings, owed, findings, overview)


@given(_results(), st.integers(1, 6))
def test_a_parts_results_are_pickled_in_pieces_of_whole_reports_that_join_into_them(result: Findings, piece: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts, "_PIECE", piece)
        pieces = list(parts._pieces(result))
    assert parts._joined(pieces) == result
    for each, following in itertools.pairwise(pieces):
        # At least a piece's worth in each but the last, and never a report's results in two pieces.
        assert len(each.owed) + len(each.findings) >= piece
        ends = following.reports[0].id
        assert all(item.report < ends for item in (*each.owed, *each.findings))
        assert len(each.reports) == len(each.overview) >= 1
