"""What the speed work must not change, and what it promises without a stopwatch.

Reading in worker processes gives exactly what reading in one gives, findings and problems alike;
``--help`` and ``audit rules`` import nothing they do not need; the progress bar appears on a
terminal only, and only once reading has taken a while. Speed itself is measured by bench/run.py.
"""

from __future__ import annotations

import gc
import io
import json
import os
import pty
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPOSITORY, RunCli, read_terminal, write
from hypothesis import given
from hypothesis import strategies as st

from audit import load, schemas, yamlsource
from audit.cli import COMMANDS, main
from audit.cli._progress import SHOW_AFTER, LoadingProgress, loading_progress
from audit.render import WRITE_BATCH
from audit.render._text import _CONTROL, printable
from audit.shape import FIRST_DAY, LAST_DAY, Reader

sys.path.insert(0, str(REPOSITORY / "bench"))

from generate import generate

SHIPPED_RESPONSES = len(list(REPOSITORY.glob("data/responses/*/*.yaml")))
"""Counted, not pinned: the shipped data's figures belong to test_shipped_data.py."""


@pytest.fixture
def workers_used(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Workers from two response files up, and a record of each time they were started (with how many files)."""
    monkeypatch.setattr(load, "PARALLEL_FROM", 2)
    started: list[int] = []
    real = load._read_in_workers

    def spy(files: list[Any], root: Any, jobs: int, caching: bool) -> Iterator[Any]:
        started.append(len(files))
        return real(files, root, jobs, caching)

    monkeypatch.setattr(load, "_read_in_workers", spy)
    return started


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--format", "json"],
        ["check", "--format", "sarif"],
        ["coverage", "--format", "json"],
        ["report"],
        ["validate"],
    ],
)
def test_workers_give_byte_identical_output(command: list[str], run_cli: RunCli, workers_used: list[int]) -> None:
    args = [*command, "--as-of", "2026-11-23"] if command[0] != "validate" else command
    alone = run_cli(*args, "-j", "1")
    assert run_cli(*args, "-j", "1").stdout == alone.stdout  # this second run on the workspace fills the cache
    assert workers_used == []
    shared = run_cli(*args, "-j", "2", "--no-cache")
    assert workers_used == [SHIPPED_RESPONSES]
    assert (shared.exit_code, shared.stdout, shared.stderr) == (alone.exit_code, alone.stdout, alone.stderr)
    cached = run_cli(*args, "-j", "2")
    assert workers_used == [SHIPPED_RESPONSES]  # every file from the cache: none to read
    assert (cached.exit_code, cached.stdout, cached.stderr) == (alone.exit_code, alone.stdout, alone.stderr)


def test_workers_report_every_problem_as_one_process_does(tmp_path: Path, run_cli: RunCli, workers_used: list[int]) -> None:
    root = tmp_path / "ws"
    generate(root, responses=40, reports=2, seed=3)
    write(root, "data/responses/report-000/force-2.yaml", "body: force-2\nreport: report-000\nreceived: 2018-13-01\npublished: true\n")
    write(root, "data/responses/report-001/pcc-3.yaml", "body: [pcc-3\n")
    write(root, "data/responses/report-001/force-4.yaml", "body: force-4\nreport: report-001\nreceived: 2019-03-01\npublished: maybe\n")
    write(root, "data/responses/report-001/stranger.yaml", "body: nobody\nreport: report-001\nreceived: 2019-03-01\npublished: true\n")
    # A problem of its own and one across files in one file: the worker hands back what was valid, so both show.
    write(root, "data/responses/report-001/unsure.yaml", "body: nobody\nreport: report-001\nreceived: 2019-03-01\npublished: maybe\n")
    alone = run_cli("check", "-j", "1", cwd=root)
    shared = run_cli("check", "-j", "2", "--no-cache", cwd=root)
    assert workers_used == [42]
    assert shared.exit_code == alone.exit_code == 2
    assert shared.stderr == alone.stderr
    assert alone.stderr.splitlines() == [
        "audit: data/responses/report-000/force-2.yaml:3:11: '2018-13-01' is not a real date",
        "audit: data/responses/report-001/force-4.yaml:4:12: expected true or false, found text",
        "audit: data/responses/report-001/pcc-3.yaml:2:1: YAML syntax error: did not find expected ',' or ']'",
        "audit: data/responses/report-001/stranger.yaml:1:1: unknown body 'nobody'",
        "audit: data/responses/report-001/unsure.yaml:1:1: unknown body 'nobody'",
        "audit: data/responses/report-001/unsure.yaml:4:12: expected true or false, found text",
    ]


def test_workers_read_the_responses_while_this_process_reads_the_reports(
    monkeypatch: pytest.MonkeyPatch, run_cli: RunCli, workers_used: list[int]
) -> None:
    seen: list[list[int]] = []
    real = load._Loader.build_report

    def build_report(*args: Any) -> Any:
        seen.append(_live_children(os.getpid()))
        return real(*args)

    monkeypatch.setattr(load._Loader, "build_report", build_report)
    result = run_cli("validate", "-j", "2", "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert workers_used == [SHIPPED_RESPONSES]
    assert len(seen[0]) == 2  # both workers forked before the first report was built


def test_the_workers_end_when_the_files_run_out_not_when_every_response_is_built(
    monkeypatch: pytest.MonkeyPatch, run_cli: RunCli, workers_used: list[int]
) -> None:
    # A worker kept until this process has built every response (long after, on many small reports)
    # holds its memory for nothing meanwhile.
    seen: list[list[int]] = []
    real = load._Loader.build_response

    def build_response(*args: Any, **kwargs: Any) -> Any:
        if not seen:
            given_up = time.monotonic() + 10
            while _live_children(os.getpid()) and time.monotonic() < given_up:
                time.sleep(0.01)
        seen.append(_live_children(os.getpid()))
        return real(*args, **kwargs)

    monkeypatch.setattr(load._Loader, "build_response", build_response)
    result = run_cli("validate", "-j", "2", "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert workers_used == [SHIPPED_RESPONSES]
    assert seen[0] == []  # gone while every response was still to be built
    assert len(seen) == SHIPPED_RESPONSES


def test_responses_to_a_report_that_does_not_exist_are_refused_alike_by_workers(
    tmp_path: Path, run_cli: RunCli, workers_used: list[int]
) -> None:
    root = tmp_path / "ws"
    generate(root, responses=12, reports=3, seed=7)
    (root / "data/reports/report-001.yaml").rename(root / "data/reports/report-101.yaml")
    write(root, "data/responses/report-001/force-9.yaml", "body: [force-9\n")
    write(root, "data/responses/report-001/notes.txt", "read by nobody\n")
    alone = run_cli("validate", "-j", "1", cwd=root)
    shared = run_cli("validate", "-j", "2", "--no-cache", cwd=root)
    assert workers_used == [13]  # listed before the reports were read: the unknown report's files too
    assert (shared.exit_code, shared.stdout, shared.stderr) == (alone.exit_code, alone.stdout, alone.stderr)
    assert alone.stdout.splitlines() == ["data/responses/report-001: no report 'report-001' in data/reports/ for these responses"]


def test_a_generated_workspace_above_the_threshold_reads_alike_in_workers(tmp_path: Path, run_cli: RunCli) -> None:
    """The real threshold, no spy: a workspace of PARALLEL_FROM files takes the worker path by default."""
    root = tmp_path / "ws"
    generate(root, responses=load.PARALLEL_FROM, reports=10, seed=2)
    args = ("check", "--as-of", "2026-11-23", "--format", "json")
    alone = run_cli(*args, "-j", "1", cwd=root)
    shared = run_cli(*args, "-j", "2", cwd=root)
    assert shared.stdout == alone.stdout
    assert json.loads(shared.stdout)["summary"] == json.loads(alone.stdout)["summary"]
    assert shared.exit_code == alone.exit_code == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "'0' is not a number of processes (1 or more) or auto"), ("two", "'two' is not a number of processes (1 or more) or auto")],
)
def test_jobs_must_be_a_positive_number_or_auto(value: str, message: str, run_cli: RunCli) -> None:
    result = run_cli("check", "-j", value)
    assert result.exit_code == 2
    assert f"Invalid value for '-j' / '--jobs': {message}" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_no_progress_while_reading_is_quick() -> None:
    stream, clock = _Terminal(), _Clock()
    display = LoadingProgress(stream, clock)
    for done in range(1, 11):
        clock.now += SHOW_AFTER / 20
        display(done, 10)
    display.close()
    assert stream.getvalue() == ""
    assert display.bar is None


def test_progress_appears_once_reading_is_slow_and_is_cleared_at_the_end() -> None:
    stream, clock = _Terminal(), _Clock()
    display = LoadingProgress(stream, clock)
    clock.now += SHOW_AFTER + 0.1
    display(3, 10)
    assert display.bar is not None
    assert "reading response files" in stream.getvalue()
    assert "3/10" in stream.getvalue()
    clock.now += 1
    display(10, 10)
    assert "10/10" in stream.getvalue()
    display.close()
    # Transient: the bar's line is erased, so what follows starts on a clean line.
    assert stream.getvalue().endswith("\x1b[2K") or stream.getvalue().endswith("\r\x1b[2K")


def test_no_progress_display_off_a_terminal() -> None:
    with loading_progress(io.StringIO()) as progress:
        assert progress is None


def test_nothing_but_findings_on_a_real_terminal_for_the_shipped_data() -> None:
    """Standard error is a terminal; the shipped data loads in well under SHOW_AFTER, so no bar."""
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "audit", "check", "--as-of", "2026-11-23", "--format", "json"],
        cwd=REPOSITORY, stdout=subprocess.PIPE, stderr=follower, env=env, timeout=120, check=False,
    )
    os.close(follower)
    seen = read_terminal(leader)
    assert done.returncode == 1
    assert seen == b""
    # chase-due: the 18 overdue bodies of the three reports, none chased.
    assert json.loads(done.stdout)["summary"] == {"error": 20, "warning": 11 + 18, "info": 332}


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import sys\nfrom audit.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPOSITORY, check=True)
    return set(done.stdout.split("\n"))


def test_help_imports_no_subcommand_and_nothing_heavy() -> None:
    modules = _modules_after(["--help"])
    # audit.cli._stdout guards standard output for --help too; it imports nothing but click and os.
    assert "audit.cli._stdout" in modules
    heavy = ("yaml", "rich", "audit.model", "audit.load")
    assert not {m for m in modules if (m.startswith("audit.cli.") and m != "audit.cli._stdout") or m in heavy}


def test_rules_imports_neither_yaml_nor_the_model_nor_a_table_library() -> None:
    modules = _modules_after(["rules"])
    assert {"audit.checks.response_missing", "audit.render.rules_terminal"} <= modules
    assert not modules & {"yaml", "rich", "tabulate", "audit.model", "audit.load", "audit.engine"}


def test_rules_defines_no_other_result_and_piped_pays_for_no_terminal_or_file_writing() -> None:
    # audit.results defines every result (a third of `audit rules`'s start-up); shutil (the terminal's
    # size, atomic writes) imports the compression modules; json (a workspace's rule values, the JSON
    # format) compiles its patterns on import, and the list shows no values; audit.shape defines a
    # dozen dataclasses, and the list shows only the parameters' descriptions.
    modules = _modules_after(["rules"])
    assert "audit.rule_docs" in modules
    assert not modules & {"audit.results", "audit.atomic", "shutil", "tempfile", "json", "audit.shape"}


def test_a_cold_check_imports_no_openssl_tempfile_or_difflib(tmp_path: Path) -> None:
    # hashlib loads OpenSSL (3.5 MB of the peak memory, 2 ms of start-up) where CPython's own SHA-256
    # gives the same digests; tempfile imports shutil, random and the compression modules to name the
    # cache's and the record's new files; difflib serves only a name that matches nothing. The run is
    # cold (an empty cache folder), so it records itself and writes the cache.
    code = (
        "import sys\nfrom audit.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)))"
    )
    env = {**os.environ, "AUDIT_CACHE_DIR": str(tmp_path)}
    args = ["check", "--as-of", "2026-11-23", "--format", "json"]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPOSITORY, env=env, check=True)
    modules = set(done.stdout.split("\n"))
    assert {"audit.engine", "audit.cli._replay", "audit.cache"} <= modules
    assert not modules & {"hashlib", "_hashlib", "tempfile", "shutil", "difflib", "audit.site_pages", "audit.changes"}
    # It did record itself and write the cache, the two writes that used tempfile.
    assert list(tmp_path.glob("*.check.replay")) and list(tmp_path.glob("*.pickle"))


class _CountedOutput(io.StringIO):
    """Standard output that remembers each write: unbuffered, each one is a system call."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[int] = []

    def write(self, text: str) -> int:
        self.writes.append(len(text))
        return super().write(text)


def test_streamed_output_is_written_in_batches_of_64_kib_not_chunk_by_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPOSITORY)
    counted = _CountedOutput()
    monkeypatch.setattr(sys, "stdout", counted)
    with pytest.raises(SystemExit) as ended:
        main(["check", "--format", "json", "--as-of", "2026-11-23", "-j", "1", "--no-cache"])
    assert ended.value.code == 1
    shown = counted.getvalue()
    assert json.loads(shown)["summary"] == {"error": 20, "warning": 11 + 18, "info": 332}
    # The JSON format yields one chunk per finding, hundreds of them; written, a few batches.
    assert 1 < len(counted.writes) <= len(shown) // WRITE_BATCH + 1
    assert all(size >= WRITE_BATCH for size in counted.writes[:-1])


def test_help_lists_every_command_from_the_table(run_cli: RunCli) -> None:
    listed = run_cli("--help").stdout.split("Commands:\n", 1)[1].splitlines()
    assert listed == [f"  {name:<9}  {summary}" for name, (_, summary) in sorted(COMMANDS.items())]
    for name in COMMANDS:
        command = main.get_command(None, name)  # type: ignore[arg-type]  # the lazy group needs no context
        assert command is not None and command.name == name


@given(st.text(), st.sampled_from(["", "\r\n"]))
def test_printable_text_skips_the_escape_pass_without_changing_a_character(text: str, keep: str) -> None:
    table = {k: v for k, v in _CONTROL.items() if chr(k) not in keep}
    assert printable(text, keep) == text.translate(table)


@pytest.mark.filterwarnings("default::RuntimeWarning")
def test_without_the_c_loader_a_warning_and_the_same_findings(monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    # --no-cache: the loader is swapped inside this process, where no file the replay watches changes.
    args = ("check", "--as-of", "2026-11-23", "--format", "json", "--no-cache")
    with_c = run_cli(*args)
    monkeypatch.setattr(yamlsource, "HAVE_C_LOADER", False)
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    without_c = run_cli(*args)
    assert without_c.stderr == "audit: warning: PyYAML has no C loader (libyaml) here; loading will be several times slower\n"
    assert (without_c.exit_code, without_c.stdout) == (with_c.exit_code, with_c.stdout) == (1, with_c.stdout)
    assert with_c.stderr == ""


def test_the_collector_is_paused_from_loading_to_the_end_of_the_command(monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    # Results are made with the cyclic collector paused (they hold no cycles, and collecting rescans
    # all made so far, again and again); the process, or the next test, gets it back as it was.
    from audit import engine

    seen = []
    real = engine.run

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "run", spy)
    assert gc.isenabled()
    assert run_cli("check", "--as-of", "2026-11-23", "--format", "json").exit_code == 1
    assert (seen, gc.isenabled()) == ([False], True)
    gc.disable()
    try:
        assert run_cli("check", "--as-of", "2026-11-23", "--format", "json").exit_code == 1
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_program_ends_with_the_collector_still_paused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # The program's process ends with the command: enabled again, the collector would first go
    # through everything the command made, for nothing (13 ms after checking 5,000 reports).
    from audit import cli, engine

    class Ended(Exception):
        pass

    collections: list[int] = []
    seen: list[tuple[str, Any]] = []
    real = engine.run

    def collected(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(("checking", gc.isenabled()))
        gc.callbacks.append(collected)
        return real(*args, **kwargs)

    def end(code: int) -> None:
        seen.append(("ending", (code, gc.isenabled(), collections)))
        raise Ended

    monkeypatch.setattr(engine, "run", spy)
    monkeypatch.setattr(os, "_exit", end)
    monkeypatch.chdir(REPOSITORY)
    monkeypatch.setattr(sys, "argv", ["audit", "check", "--as-of", "2026-11-23", "--format", "json", "--no-cache"])
    try:
        with pytest.raises(Ended):
            cli.run()
    finally:
        gc.enable()
        if collected in gc.callbacks:
            gc.callbacks.remove(collected)
    assert seen == [("checking", False), ("ending", (1, False, []))]
    assert json.loads(capsys.readouterr().out)["summary"]["error"] > 0


@pytest.mark.parametrize("command", ["site", "chase"])
def test_a_command_rendering_templates_keeps_the_collector_on(
    command: str, monkeypatch: pytest.MonkeyPatch, run_cli: RunCli, tmp_path: Path
) -> None:
    # jinja2's render contexts are reference cycles: with the collector paused, a site of 3,000
    # responses peaked at 101 MB instead of 58 MB.
    from audit.render import _letters, site

    seen = []
    module, name = (site, "render") if command == "site" else (_letters, "render_letter")
    real = getattr(module, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    result = run_cli(command, "--as-of", "2026-11-23", "-o", str(tmp_path / "out"), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert seen and set(seen) == {True}


@given(st.text(max_size=50), st.booleans())
def test_tags_worked_out_once_are_the_tags_yaml_gives(text: str, twice: bool) -> None:
    document = yaml.dump({"key": text}) + (yaml.dump({"again": text}) if twice else "")
    try:
        expected = yaml.compose(document, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return
    got = yamlsource.compose(document, "x.yaml")[0]
    assert got is not None
    assert [(k.tag, v.tag, v.value) for k, v in got.value] == [(k.tag, v.tag, v.value) for k, v in expected.value]


@given(st.sampled_from(["=", "1", "1.5", "0x1f", "true", "yes", "No", "null", "~", "2021-02-01", "2021-02-01 10:00", ".inf", "<<", "x"]))
def test_plain_scalars_of_every_implicit_tag_keep_their_tag(word: str) -> None:
    document = f"a: {word}\n{word}: [{word}]\n"
    expected = yaml.compose(document, Loader=yaml.CSafeLoader)
    for _ in range(2):
        got = yamlsource.compose(document, "x.yaml")[0]
        assert got is not None
        assert [(k.tag, v.tag) for k, v in got.value] == [(k.tag, v.tag) for k, v in expected.value]


def _tags(node: yaml.Node) -> Iterator[str]:
    yield node.tag
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _tags(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _tags(key)
            yield from _tags(value)


@given(st.text(st.sampled_from(list("a=: -[]{},\n\t#'\"?")), max_size=30))
def test_every_file_with_a_value_tag_has_its_nodes_tracked(text: str) -> None:
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return
    if node is not None and "tag:yaml.org,2002:value" in _tags(node):
        assert not Reader("x.yaml", text)._plain


@given(st.dates(FIRST_DAY, LAST_DAY), st.sampled_from(["{}", "'{}'", "{}T10:00:00", "{} 10:00:00"]))
def test_a_date_read_by_the_c_parser_is_the_date_yaml_reads(day: date, form: str) -> None:
    # Within the days a data file may name: those outside are refused whichever parser read them.
    text = "day: " + form.format(day.isoformat()) + "\n"
    node = yamlsource.compose(text, "x.yaml")[0]
    assert node is not None
    reader = Reader("x.yaml", text)
    got = schemas.DATE_RANGE.fields["earliest"].shape.read(node.value[0][1], reader)
    read = yaml.load(text, Loader=yaml.CSafeLoader)["day"]
    if isinstance(read, datetime):
        assert [p.message for p in reader.problems] == [f"expected a date without a time, found {form.format(day.isoformat())!r}"]
    else:
        assert (got, reader.problems) == (day, [])


def test_check_reads_and_parses_each_file_once(monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    read: list[str] = []
    parsed: list[str] = []
    real_read, real_compose = load.read_text, load.compose

    def reading(path: Path, shown: str) -> Any:
        read.append(shown)
        return real_read(path, shown)

    def parsing(text: str, shown: str) -> Any:
        parsed.append(shown)
        return real_compose(text, shown)

    monkeypatch.setattr(load, "read_text", reading)
    monkeypatch.setattr(load, "compose", parsing)
    assert run_cli("check", "--as-of", "2026-11-23", "--format", "json").exit_code == 1
    data_files = sorted(p.relative_to(REPOSITORY).as_posix() for p in REPOSITORY.glob("data/**/*.yaml"))
    rules_files = sorted(p.relative_to(REPOSITORY).as_posix() for p in REPOSITORY.glob("rules/*.yaml"))
    assert sorted(read) == sorted(parsed) == sorted(data_files + rules_files)
    reports, chases = (len(list(REPOSITORY.glob(f"data/{folder}/*.yaml"))) for folder in ("reports", "chases"))
    assert len(data_files) == 1 + reports + SHIPPED_RESPONSES + chases


def test_an_interrupted_load_exits_130_not_1(monkeypatch: pytest.MonkeyPatch, run_cli: RunCli) -> None:
    def interrupted(*args: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(load, "load_workspace", interrupted)
    result = run_cli("check")
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "audit: interrupted\n")


_FORKING = {"check": 1, "validate": 2}
"""Processes forked by ``-j 2``: check loads and checks a part in a process of its own besides this one
(audit/parts.py); other commands have two workers read the response files (audit/load.py)."""


def _check_with_workers(tmp_path: Path, responses: int, seed: int, command: str = "check") -> subprocess.Popen[bytes]:
    """``audit COMMAND -j 2`` started on a generated workspace large enough for workers, in a session of its own."""
    root = tmp_path / "ws"
    generate(root, responses=responses, reports=30, seed=seed)
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
    return subprocess.Popen(
        [sys.executable, "-m", "audit", command, "--workspace", str(root), "-j", "2"],
        cwd=REPOSITORY, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True,
    )


@pytest.mark.parametrize("command", list(_FORKING))
def test_ctrl_c_while_workers_read_stops_every_process_quietly(command: str, tmp_path: Path) -> None:
    audit = _check_with_workers(tmp_path, 3 * load.PARALLEL_FROM, seed=4, command=command)
    children = Path(f"/proc/{audit.pid}/task/{audit.pid}/children")
    while audit.poll() is None and not children.read_text().split():
        pass
    assert audit.poll() is None, "the check ended before its workers could be seen"
    os.killpg(audit.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: to every process in the group
    _, stderr = audit.communicate(timeout=60)
    assert (audit.returncode, stderr) == (130, b"audit: interrupted\n")
    with pytest.raises(ProcessLookupError):
        os.killpg(audit.pid, 0)


def test_a_worker_killed_mid_read_fails_the_run_instead_of_hanging(
    monkeypatch: pytest.MonkeyPatch, run_cli: RunCli, workers_used: list[int]
) -> None:
    parent = os.getpid()
    real = load._read_response

    def dying(root: Any, file: Any, caching: bool) -> Any:
        if os.getpid() != parent:
            os._exit(9)  # as the kernel's out-of-memory killer leaves a worker: no exception, no cleanup
        return real(root, file, caching)

    monkeypatch.setattr(load, "_read_response", dying)
    result = run_cli("check", "-j", "2")
    assert workers_used == [SHIPPED_RESPONSES]
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "audit: a worker process reading the response files stopped unexpectedly; try -j 1 (or fewer jobs) if memory is short\n"
    )


def _live_children(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children.extend(int(child) for child in (task / "children").read_text().split())
        except FileNotFoundError:  # a thread that ended meanwhile: the executor's own end as the workers do
            continue
    return children


@pytest.mark.parametrize("command", list(_FORKING))
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL], ids=lambda s: signal.Signals(s).name)
def test_the_workers_end_however_the_parent_ends(stop: int, command: str, tmp_path: Path) -> None:
    audit = _check_with_workers(tmp_path, 5 * load.PARALLEL_FROM, seed=5, command=command)
    workers: list[int] = []
    while audit.poll() is None and len(workers) < _FORKING[command]:
        workers = _live_children(audit.pid)
    assert audit.poll() is None, "the check ended before its workers could be seen"
    os.kill(audit.pid, stop)  # to the parent alone, as `kill PID` or a closed terminal does
    _, stderr = audit.communicate(timeout=60)
    if stop == signal.SIGKILL:
        assert audit.returncode == -stop
    else:
        assert (audit.returncode, stderr) == (128 + stop, f"audit: stopped by {signal.Signals(stop).name}\n".encode())
    for _ in range(100):
        alive = [pid for pid in workers if _running(pid)]
        if not alive:
            break
        time.sleep(0.1)
    for pid in alive:  # so that a failure leaves nothing running
        os.kill(pid, signal.SIGKILL)
    assert alive == []


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_an_error_in_the_parent_while_workers_read_ends_them(
    monkeypatch: pytest.MonkeyPatch, run_cli: RunCli, workers_used: list[int]
) -> None:
    def failing(done: int, total: int) -> None:
        raise RuntimeError("the progress display broke")

    real = load.load_workspace
    monkeypatch.setattr(load, "load_workspace", lambda root, jobs, progress, cache: real(root, jobs, failing, cache))
    result = run_cli("check", "-j", "2")
    said = "audit: internal error: RuntimeError: the progress display broke (run with --debug for the traceback)\n"
    assert (result.exit_code, result.stderr) == (2, said)
    assert _live_children(os.getpid()) == []


@given(st.lists(st.text(alphabet="ab01-:. yYnNtT~", max_size=12), min_size=1, max_size=300), st.integers(1, 8))
def test_the_kept_tags_are_the_parsers_own_and_the_store_stays_bounded(scalars: list[str], kept: int) -> None:
    """Each scalar's tag, through the store of answers, is the one PyYAML gives it; and however many
    distinct ids and names a workspace holds, the store holds at most ``_KEPT_TAGS`` of them."""
    document = "\n".join(f"- {json.dumps(scalar)}" if not scalar.strip() else f"- {scalar}" for scalar in scalars)
    try:
        expected = [node.tag for node in yaml.compose(document, Loader=yaml.SafeLoader).value]
    except yaml.YAMLError:
        return  # not plain scalars after all: nothing to compare
    real = yamlsource._KEPT_TAGS
    try:
        yamlsource._KEPT_TAGS = kept
        yamlsource._resolving.cache_clear()
        resolving = yamlsource._resolving(yamlsource._Loader)
        tags = [node.tag for node in yaml.compose(document, Loader=resolving).value]
        store = next(cell.cell_contents for cell in resolving.resolve.__closure__ if isinstance(cell.cell_contents, dict))
        assert len(store) <= kept
    finally:
        yamlsource._KEPT_TAGS = real
        yamlsource._resolving.cache_clear()
    assert tags == expected
