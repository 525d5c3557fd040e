"""Refusals that span files; single-file faults live in the corpus (tests/corpus/cases.yaml)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import RunCli, write

from audit import inputs
from audit.yamlsource import MAX_FILE_BYTES

RESPONSE = "data/responses/r/north-police.yaml"
GOOD_RESPONSE = "body: north-police\nreport: r\nreceived: 2021-02-01\npublished: true\n"


def test_every_problem_in_every_file_is_reported_together(small: Path, run_cli: RunCli) -> None:
    write(small, RESPONSE, "body: north-police\nreport: r\nreceived: 2021-13-01\npublished: 1\nextra: x\n")
    write(small, "data/responses/r/south-police.yaml", "body: south-police\nreport: r\n")
    result = run_cli("check", "--as-of", "2021-03-01", cwd=small)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"audit: {RESPONSE}:3:11: '2021-13-01' is not a real date",
        f"audit: {RESPONSE}:4:12: expected true or false, found a number",
        f"audit: {RESPONSE}:5:1: unknown key 'extra'",
        "audit: data/responses/r/south-police.yaml:1:1: missing required key 'published'",
        "audit: data/responses/r/south-police.yaml:1:1: missing required key 'received'",
    ]


def test_a_second_response_for_one_body_is_refused(small: Path, run_cli: RunCli) -> None:
    write(small, RESPONSE, GOOD_RESPONSE)
    write(small, "data/responses/r/north-police-2021.yaml", GOOD_RESPONSE)
    result = run_cli("check", "--as-of", "2021-03-01", cwd=small)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"audit: {RESPONSE}:1:1: a second response from 'north-police' to 'r' "
        "(also data/responses/r/north-police-2021.yaml)"
    ]


def test_bom_and_crlf_load(small: Path, run_cli: RunCli) -> None:
    write(small, RESPONSE, ("\ufeff" + GOOD_RESPONSE).replace("\n", "\r\n").encode("utf-8"))
    result = run_cli("check", "--as-of", "2021-03-01", "--select", "response-missing", "--format", "json", cwd=small)
    assert result.exit_code == 1
    assert "north-police" not in result.stdout


def test_a_named_pipe_where_a_response_should_be_is_refused_not_waited_on(small: Path, run_cli: RunCli) -> None:
    (small / "data/responses/r").mkdir(parents=True, exist_ok=True)
    os.mkfifo(small / RESPONSE)  # nothing will ever write to it: opening it to read would wait for ever
    result = run_cli("check", "--as-of", "2021-03-01", cwd=small)
    assert (result.exit_code, result.stderr) == (2, f"audit: {RESPONSE}: not a regular file\n")


def test_a_file_growing_past_the_limit_as_it_is_read_is_refused(small: Path, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    path = write(small, RESPONSE, GOOD_RESPONSE)
    real_read = os.read

    def growing(fd: int, size: int) -> bytes:
        # The status said the file was small; by the time it is read it has grown past the limit.
        if os.fstat(fd).st_ino == path.stat().st_ino and path.stat().st_size < MAX_FILE_BYTES:
            with open(path, "ab") as stream:
                stream.write(b"#" * MAX_FILE_BYTES)
        return real_read(fd, size)

    monkeypatch.setattr(inputs.os, "read", growing)  # the os module's own: restored after the test
    result = run_cli("check", "--as-of", "2021-03-01", cwd=small)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"audit: {RESPONSE}: file is ") and result.stderr.endswith(f" bytes; the limit is {MAX_FILE_BYTES:,}\n")


def test_a_deleted_current_folder_is_said_plainly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)  # and back again afterwards
    gone.rmdir()
    from click.testing import CliRunner

    from audit.cli import main

    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert (result.exit_code, result.stderr) == (
        2, "audit: the current folder no longer exists (was it deleted?); cd to the workspace, or give --workspace\n"
    )


@pytest.mark.parametrize("folder", ["data/responses", "data/responses/r", "data/reports"])
def test_a_folder_that_cannot_be_read_is_named(folder: str, small: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    # Mode 000 does not stop root (the tests may run as root), so the refusal is made to happen.
    (small / "data/responses/r").mkdir(parents=True)
    real_scandir, real_listdir = os.scandir, os.listdir
    locked = str(small.resolve() / folder)

    def refuse(real: Any) -> Any:
        def call(path: Any = ".") -> Any:
            if os.fspath(path) == locked:
                raise PermissionError(13, "Permission denied", locked)
            return real(path)

        return call

    monkeypatch.setattr(os, "scandir", refuse(real_scandir))
    monkeypatch.setattr(os, "listdir", refuse(real_listdir))
    result = run_cli("check", "--as-of", "2021-06-01", cwd=small)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (2, f"audit: {folder}: cannot read this folder: Permission denied")


def test_a_baseline_nested_too_deeply_is_named(small: Path, run_cli: RunCli) -> None:
    baseline = write(small, "deep.json", "[" * 100_000 + "]" * 100_000)
    result = run_cli("check", "--as-of", "2021-06-01", "--baseline", str(baseline), cwd=small)
    assert (result.exit_code, result.stderr) == (2, f"audit: {baseline}: not an audit baseline (its JSON is nested too deeply to read)\n")


def test_validate_reports_every_problem_in_a_file_at_once_across_files_too(small: Path, run_cli: RunCli) -> None:
    write(small, RESPONSE, (
        "body: nort-police\nreport: r\nreceived: {earliest: 2021-02-01, latest: 2021-13-01}\npublished: true\n"
        'recommendations:\n  "1": {status: done}\n  "99": {status: addressed}\n  "98": 5\n'
    ))
    result = run_cli("validate", cwd=small)
    assert (result.exit_code, result.stderr) == (2, "6 problem(s)\n")
    # The checks against other files (the body, the report's recommendations) run on what is valid
    # beside the invalid status and date, and every problem has a line and a column.
    assert result.stdout.splitlines() == [
        "data/responses/r/north-police.yaml:1:1: unknown body 'nort-police' (did you mean 'north-police'?)",
        "data/responses/r/north-police.yaml:3:42: '2021-13-01' is not a real date",
        "data/responses/r/north-police.yaml:6:17: 'done' is not one of: addressed, partially-addressed, in-progress, deferred, "
        "not-addressed, not-applicable, not-assessed",
        "data/responses/r/north-police.yaml:7:3: report 'r' has no recommendation '99' (it has 1, 2, 3)",
        "data/responses/r/north-police.yaml:8:3: report 'r' has no recommendation '98' (it has 1, 2, 3)",
        "data/responses/r/north-police.yaml:8:9: expected a mapping, found a number",
    ]


@pytest.mark.parametrize(
    ("what", "args"),
    [
        ("letter", ["draft", "r", "north-police", "{node}"]),
        ("status page", ["import", "status-page", "{node}", "--report", "r", "--dry-run"]),
        ("table", ["import", "table", "{node}", "--rows", "bodies", "--dry-run"]),
        ("workbook", ["import", "table", "{node}.xlsx", "--rows", "bodies", "--dry-run"]),
        ("baseline", ["check", "--as-of", "2021-03-01", "--baseline", "{node}"]),
    ],
)
def test_a_named_pipe_handed_to_the_tool_is_refused_not_waited_on(
    small: Path, tmp_path: Path, run_cli: RunCli, what: str, args: list[str]
) -> None:
    node = tmp_path / "pipe"
    os.mkfifo(node)
    os.mkfifo(f"{node}.xlsx")
    result = run_cli(*(arg.format(node=node) for arg in args), cwd=small)
    assert result.exit_code == 2
    shown = f"{node}.xlsx" if what == "workbook" else str(node)
    assert result.stderr == f"audit: {shown}: cannot read the {what}: not a regular file\n"


def test_a_file_handed_to_the_tool_that_is_not_utf8_is_named_with_its_line(small: Path, tmp_path: Path, run_cli: RunCli) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_bytes(b"Dear Sir,\n\nRecommendation 1: \xff\n")
    result = run_cli("draft", "r", "north-police", str(letter), cwd=small)
    assert result.exit_code == 2
    assert result.stderr == f"audit: {letter}:3: cannot read the letter: not valid UTF-8 (byte 0xff)\n"
