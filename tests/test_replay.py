"""Replayed runs: a run on which nothing has changed writes what a fresh run would, byte for byte, and
anything a run depends on, once changed, makes the next run work everything out again."""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import time
import types
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import pytest
from click.testing import Result
from conftest import REPOSITORY, RunCli, same_size_and_time, terminal_screen, write
from test_cache import AS_OF, RESPONSE, SAME_SIZE

import audit
from audit import load
from audit.cli import _options, _progress, _replay
from audit.render import FINDINGS_FORMATS

NORTH = "data/responses/r/north-police.yaml"

Outcome = tuple[int, bytes, bytes]
"""A run as a user sees it: exit code, standard output, standard error."""


_FIRST_SIGHT = _replay._seen


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs are recorded here (elsewhere in the tests they are not), the fixture workspaces, written just
    before each run, taken as settled, and each command taken as having run on them before (a first
    run is recorded only in the tests of that rule, which run it in a process of its own)."""
    monkeypatch.setattr(_replay, "FRESH_NS", 0)
    monkeypatch.setattr(_replay, "_seen", lambda path: True)


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The workspaces each run loaded: a replayed run loads none."""
    loaded: list[Path] = []
    real = load.load_workspace

    def loading(root: Path, *args: Any, **kwargs: Any) -> Any:
        loaded.append(root)
        return real(root, *args, **kwargs)

    monkeypatch.setattr(load, "load_workspace", loading)
    return loaded


@pytest.fixture
def answered(small: Path) -> Path:
    """The small workspace, North Police having answered recommendation 1 with "not addressed"."""
    write(small, NORTH, RESPONSE)
    return small


def _outcome(result: Result) -> Outcome:
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


def _records(folder: Path) -> list[str]:
    """The cache folder's record files, by the command they replay."""
    return sorted(path.name.split(".")[1] for path in folder.glob("*.replay"))


def _fresh(run_cli: RunCli, root: Path, *args: str) -> Outcome:
    """What a run that uses no cache says."""
    return _outcome(run_cli(*args, "--no-cache", cwd=root))


@pytest.mark.parametrize("command", [["check"], ["coverage"], ["validate"]], ids=lambda command: command[0])
def test_a_command_is_recorded_from_its_second_run_on_a_workspace(
    command: list[str], answered: Path, run_cli: RunCli, loads: list[Path], cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_replay, "_seen", _FIRST_SIGHT)
    looked: list[str] = []
    real = _replay._snapshot

    def snapshot(root: str) -> Any:
        looked.append(root)
        return real(root)

    monkeypatch.setattr(_replay, "_snapshot", snapshot)
    args = (*command, *(("--as-of", AS_OF) if command != ["validate"] else ()))
    first = _outcome(run_cli(*args, cwd=answered))
    # Marked as run, with an empty record: no file of the workspace was looked at to key a record.
    (record,) = cache_folder.glob(f"*.{command[0]}.replay")
    assert (len(loads), looked, record.stat().st_size, oct(record.stat().st_mode & 0o777)) == (1, [], 0, "0o600")
    second = _outcome(run_cli(*args, cwd=answered))
    assert (len(loads), len(looked)) == (2, 1)
    assert record.stat().st_size > 0
    third = _outcome(run_cli(*args, cwd=answered))
    assert (len(loads), len(looked)) == (2, 2)  # replayed
    assert first == second == third == _fresh(run_cli, answered, *args)
    # Another command on the same workspace is run once before it is recorded too.
    run_cli("deadlines", "--as-of", AS_OF, cwd=answered)
    assert len(looked) == 2


@pytest.mark.parametrize("format_name", FINDINGS_FORMATS.names)
def test_a_warm_check_says_byte_for_byte_what_a_fresh_run_says(
    format_name: str, answered: Path, run_cli: RunCli, loads: list[Path], cache_folder: Path
) -> None:
    args = ("check", "--as-of", AS_OF, "--format", format_name)
    cold = _outcome(run_cli(*args, cwd=answered))
    assert (len(loads), _records(cache_folder)) == (1, ["check"])
    warm = _outcome(run_cli(*args, cwd=answered))
    assert len(loads) == 1  # replayed: nothing read
    assert warm == cold == _fresh(run_cli, answered, *args)
    assert warm[0] == 1
    if format_name in ("json", "sarif"):
        assert json.loads(warm[1])
    elif format_name == "junit":
        assert ElementTree.fromstring(warm[1]).tag == "testsuites"


def test_files_are_written_again_as_the_run_wrote_them(
    answered: Path, run_cli: RunCli, loads: list[Path], tmp_path: Path
) -> None:
    sarif, summary = tmp_path / "out" / "audit.sarif", tmp_path / "out" / "summary.md"
    args = ("check", "--as-of", AS_OF, "--output", f"sarif:{sarif}", "--append", f"markdown:{summary}", "--output", "json:-")
    cold = _outcome(run_cli(*args, cwd=answered))
    written, appended = sarif.read_bytes(), summary.read_bytes()
    sarif.unlink()
    assert _outcome(run_cli(*args, cwd=answered)) == cold
    assert len(loads) == 1
    assert (sarif.read_bytes(), summary.read_bytes()) == (written, appended * 2)
    # The file is there now: replayed, the write is refused as a fresh run refuses it, and nothing is appended.
    refused = _outcome(run_cli(*args, cwd=answered))
    assert len(loads) == 1
    assert refused == _fresh(run_cli, answered, *args) == (2, b"", f"audit: {sarif}: file exists (use --force to overwrite it)\n".encode())
    assert summary.read_bytes() == appended * 2


def test_a_written_baseline_and_its_message_are_replayed(answered: Path, run_cli: RunCli, loads: list[Path], tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    args = ("check", "--as-of", AS_OF, "--write-baseline", str(baseline))
    cold = _outcome(run_cli(*args, cwd=answered))
    assert cold[2] == f"wrote 6 finding(s) to the baseline {baseline}\n".encode()
    written = baseline.read_bytes()
    baseline.unlink()
    assert _outcome(run_cli(*args, cwd=answered)) == cold
    assert (len(loads), baseline.read_bytes()) == (1, written)


def test_a_changed_baseline_is_read_again(answered: Path, run_cli: RunCli, loads: list[Path], tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    run_cli("check", "--as-of", AS_OF, "--write-baseline", str(baseline), cwd=answered)
    args = ("check", "--as-of", AS_OF, "--baseline", str(baseline))
    before = _outcome(run_cli(*args, cwd=answered))
    assert _outcome(run_cli(*args, cwd=answered)) == before
    assert len(loads) == 2
    accepted = json.loads(baseline.read_text(encoding="utf-8"))
    accepted["findings"] = accepted["findings"][1:]
    baseline.write_text(json.dumps(accepted), encoding="utf-8")
    after = _outcome(run_cli(*args, cwd=answered))
    assert after == _fresh(run_cli, answered, *args)
    assert after != before
    assert b"5 finding(s) are in the baseline" in after[2]


def _rename_over(root: Path) -> None:
    path = root / NORTH
    replacement = write(root, "data/responses/r/.north-police.yaml.new", SAME_SIZE)
    before = path.stat()
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, path)


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


CHANGES: dict[str, Callable[[Path], object]] = {
    "same size and time": lambda root: same_size_and_time(root / NORTH, SAME_SIZE),
    "replaced by rename": _rename_over,
    "deleted": lambda root: (root / NORTH).unlink(),
    "new response": lambda root: write(root, "data/responses/r/north-pcc.yaml", RESPONSE.replace("north-police", "north-pcc")),
    "unknown file": lambda root: write(root, "data/responses/r/north-pcc.yml", RESPONSE.replace("north-police", "north-pcc")),
    "unknown folder": lambda root: (root / "data/reports/drafts").mkdir(),
    "unknown file in data/": lambda root: write(root, "data/bodies.yml", "bodies: []\n"),
    "settings": lambda root: write(root, "rules/mine.yaml", "rules:\n  chase-due: disable\n"),
    "report": lambda root: _edit(root / "data/reports/r.yaml", "months: 6", "months: 9"),
    "bodies": lambda root: _edit(root / "data/bodies.yaml", "South Police", "South Constabulary"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_to_what_a_run_reads_is_never_replayed_stale(
    change: str, answered: Path, run_cli: RunCli, loads: list[Path]
) -> None:
    args = ("check", "--as-of", AS_OF)
    before = _outcome(run_cli(*args, cwd=answered))
    assert _outcome(run_cli(*args, cwd=answered)) == before
    assert len(loads) == 1
    CHANGES[change](answered)
    after = _outcome(run_cli(*args, cwd=answered))
    assert len(loads) == 2
    assert after != before
    assert _outcome(run_cli(*args, cwd=answered)) == after  # and then replayed in turn
    assert len(loads) == 2 + (after[0] == 2)  # a run that fails (a file it does not read) is never recorded
    assert after == _fresh(run_cli, answered, *args)


OPTIONS = {
    "another date": ["--as-of", "2021-01-01"],
    "--select": ["--select", "response-missing"],
    "--ignore": ["--ignore", "chase-due"],
    "--fail-on": ["--fail-on", "warning", "--select", "chase-due"],
    "--show": ["--show", "info"],
    "-v": ["-v"],
    "--format": ["--format", "markdown"],
    "--body": ["--body", "North PCC"],
    "--kind": ["--kind", "pcc"],
    "--exit-zero": ["--exit-zero"],
    "--output": ["--output", "json:-"],
}


@pytest.mark.parametrize("option", OPTIONS)
def test_other_options_are_another_run(option: str, answered: Path, run_cli: RunCli, loads: list[Path]) -> None:
    args = ("check", "--as-of", AS_OF)
    before = _outcome(run_cli(*args, cwd=answered))
    varied = (*args, *OPTIONS[option])
    after = _outcome(run_cli(*varied, cwd=answered))
    assert len(loads) == 2
    assert after != before
    assert after == _fresh(run_cli, answered, *varied)


def test_today_is_part_of_the_run(answered: Path, run_cli: RunCli, loads: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --as-of, a run on another day is another run."""

    class Tomorrow(date):
        @classmethod
        def today(cls) -> Tomorrow:
            return cls(2021, 6, 2)

    run_cli("check", cwd=answered)
    run_cli("check", cwd=answered)
    assert len(loads) == 1
    monkeypatch.setattr(_options, "date", Tomorrow)
    after = _outcome(run_cli("check", cwd=answered))
    assert len(loads) == 2
    assert b"as of 2021-06-02" in after[1]


@pytest.mark.parametrize(
    ("variable", "value"),
    [("FORCE_COLOR", "1"), ("GITHUB_WORKSPACE", "..")],
)
def test_what_the_formats_read_from_the_environment_is_part_of_the_run(
    variable: str, value: str, answered: Path, run_cli: RunCli, loads: list[Path]
) -> None:
    args = ("check", "--as-of", AS_OF, "--format", "github")
    before = _outcome(run_cli(*args, cwd=answered))
    setting = {variable: str((answered / value).resolve()) if variable == "GITHUB_WORKSPACE" else value}
    after = _outcome(run_cli(*args, cwd=answered, env=setting))
    assert len(loads) == 2
    assert after == _outcome(run_cli(*args, "--no-cache", cwd=answered, env=setting))
    if variable == "GITHUB_WORKSPACE":
        assert after != before
        assert b"file=ws/data/responses/r/north-police.yaml" in after[1]


def test_another_version_of_the_tool_runs_again(
    answered: Path, run_cli: RunCli, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    run_cli("check", "--as-of", AS_OF, cwd=answered)
    monkeypatch.setattr(audit, "__version__", audit.__version__ + ".1")
    run_cli("check", "--as-of", AS_OF, cwd=answered)
    assert len(loads) == 2


def test_a_changed_library_runs_again(
    answered: Path, run_cli: RunCli, loads: list[Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every module the recorded run had loaded is watched, libraries included."""
    library = write(tmp_path, "library.py", "SAYS = 1\n")
    module = types.ModuleType("library")
    module.__file__ = str(library)
    monkeypatch.setitem(sys.modules, "library", module)
    for _ in range(2):
        run_cli("check", "--as-of", AS_OF, cwd=answered)
    assert len(loads) == 1
    library.write_text("SAYS = 2\n", encoding="utf-8")
    run_cli("check", "--as-of", AS_OF, cwd=answered)
    assert len(loads) == 2


def test_changed_code_runs_again(tmp_path: Path, cache_folder: Path) -> None:
    """A copy of the tool, one of its formats edited between two runs: the second run shows the edit."""
    code = tmp_path / "code"
    shutil.copytree(REPOSITORY / "audit", code / "audit", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(code), "AUDIT_CACHE_DIR": str(cache_folder), "NO_COLOR": "1"}
    _settle(REPOSITORY / "data", REPOSITORY / "rules")
    command = [sys.executable, "-m", "audit", "check", "--as-of", "2026-11-23", "--format", "json", "--workspace", str(REPOSITORY)]

    def run(*more: str) -> Outcome:
        # Not from the repository's folder: ``-m`` would import the tool from there, not the copy.
        done = subprocess.run([*command, *more], capture_output=True, env=env, cwd=tmp_path, check=False)
        return done.returncode, done.stdout, done.stderr

    cold = run()
    assert _records(cache_folder) == ["check"]
    assert run() == cold
    formats = code / "audit" / "render" / "json.py"
    formats.write_text(formats.read_text(encoding="utf-8").replace('"as_of": ', '"as of": '), encoding="utf-8")
    edited = run()
    assert json.loads(edited[1])["as of"] == "2026-11-23"
    assert edited == run("--no-cache")


def _settle(*folders: Path) -> None:
    """Wait until nothing in ``folders`` has changed within the last FRESH_NS (a run in another process
    records only then)."""
    newest = max(path.stat().st_ctime_ns for folder in folders if folder.exists() for path in (folder, *folder.rglob("*")))
    time.sleep(max(0.0, (newest + 2_000_000_000 - time.time_ns()) / 1e9 + 0.05))


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "empty", "one byte of the output", "foreign class", "header longer than the file", "another format"],
)
def test_a_damaged_record_is_ignored_and_rebuilt(
    damage: str, answered: Path, run_cli: RunCli, loads: list[Path], cache_folder: Path, tmp_path: Path
) -> None:
    args = ("check", "--as-of", AS_OF, "--format", "json")
    cold = _outcome(run_cli(*args, cwd=answered))
    (record,) = cache_folder.glob("*.replay")
    good = record.read_bytes()
    marker = tmp_path / "planted"
    header = pickle.dumps(_Planted(marker))
    record.write_bytes(
        {
            "garbage": b"\x80\x05not a record at all" * 10,
            "truncated": good[: len(good) // 2],
            "empty": b"",
            "one byte of the output": good[:5] + bytes([good[5] ^ 1]) + good[6:],
            "foreign class": header + len(header).to_bytes(8, "big") + b"audit-replay-1\n",
            "header longer than the file": good[:-23] + (len(good) * 2).to_bytes(8, "big") + b"audit-replay-1\n",
            "another format": good[:-15] + b"audit-replay-0\n",
        }[damage]
    )
    assert _outcome(run_cli(*args, cwd=answered)) == cold
    assert len(loads) == 2
    assert not marker.exists()
    assert _outcome(run_cli(*args, cwd=answered)) == cold
    assert len(loads) == 2  # rebuilt: replayed


class _Planted:
    """What a hostile record would hold: unpickling it would make a folder."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> Any:
        return (os.mkdir, (str(self.marker),))


def test_no_cache_runs_and_records_nothing(answered: Path, run_cli: RunCli, loads: list[Path], cache_folder: Path) -> None:
    for _ in range(2):
        run_cli("check", "--as-of", AS_OF, "--no-cache", cwd=answered)
    assert len(loads) == 2
    assert _records(cache_folder) == []


def test_a_progress_display_is_drawn_but_not_recorded(answered: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A progress bar is drawn and taken away again while files are read: a replay reads none."""

    @contextlib.contextmanager
    def drawing(stream: TextIO) -> Iterator[None]:
        stream.write("[progress]")
        yield None

    monkeypatch.setattr(_progress, "loading_progress", drawing)
    args = ("check", "--as-of", AS_OF, "--format", "json")
    cold = _outcome(run_cli(*args, cwd=answered))
    warm = _outcome(run_cli(*args, cwd=answered))
    assert cold[2] == b"[progress]"
    assert warm == (cold[0], cold[1], b"")


def test_a_cache_folder_that_cannot_be_written_is_not_an_error(
    answered: Path, run_cli: RunCli, loads: list[Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = write(tmp_path, "a-file", "not a folder")
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(blocker / "cache"))
    args = ("check", "--as-of", AS_OF)
    outcomes = {_outcome(run_cli(*args, cwd=answered)) for _ in range(2)}
    assert len(loads) == 2
    assert outcomes == {_fresh(run_cli, answered, *args)}
    assert next(iter(outcomes))[::2] == (1, b"")


def test_a_run_that_saw_a_file_just_changed_is_not_recorded(
    answered: Path, run_cli: RunCli, loads: list[Path], cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system keeps times only so finely: a second change within the same tick, of the same size,
    would not show, so a run that saw a file change within FRESH_NS is not kept."""
    monkeypatch.setattr(_replay, "FRESH_NS", 3_600_000_000_000)
    for _ in range(2):
        run_cli("check", "--as-of", AS_OF, cwd=answered)
    assert len(loads) == 2
    assert _records(cache_folder) == []


def test_a_failed_run_is_not_recorded(small: Path, run_cli: RunCli, loads: list[Path], cache_folder: Path) -> None:
    write(small, NORTH, RESPONSE.replace("published: true", "published: maybe"))
    for _ in range(2):
        result = run_cli("check", "--as-of", AS_OF, cwd=small)
        assert result.stderr == f"audit: {NORTH}:4:12: expected true or false, found text\n"
    assert len(loads) == 2
    assert _records(cache_folder) == []


def test_one_record_per_workspace_and_command(answered: Path, run_cli: RunCli, cache_folder: Path) -> None:
    for as_of in ("2021-01-01", "2021-03-01", "2021-06-01"):
        for format_name in ("json", "terminal"):
            run_cli("check", "--as-of", as_of, "--format", format_name, cwd=answered)
        run_cli("coverage", "--as-of", as_of, cwd=answered)
    assert _records(cache_folder) == ["check", "coverage"]
    assert [path.name for path in cache_folder.iterdir() if path.name.startswith(".")] == []  # no temporary left


def test_a_temporary_record_left_by_a_killed_run_is_swept_once_a_day_old(answered: Path, run_cli: RunCli, cache_folder: Path) -> None:
    run_cli("check", "--as-of", AS_OF, cwd=answered)
    (record,) = cache_folder.glob("*.replay")
    old, recent = (write(cache_folder, f".{record.name}.{which}.tmp", "half a record") for which in ("old", "recent"))
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    run_cli("check", "--as-of", "2021-06-02", cwd=answered)
    assert (old.exists(), recent.exists()) == (False, True)  # a concurrent run may be writing the recent one


COMMANDS = {
    "coverage": ["coverage", "--as-of", AS_OF],
    "coverage json": ["coverage", "--as-of", AS_OF, "--format", "json"],
    "report": ["report", "--as-of", AS_OF],
    "deadlines": ["deadlines", "--as-of", AS_OF, "--format", "ics"],
    "show": ["show", "North Police", "--as-of", AS_OF],
    "validate": ["validate"],
    "validate, invalid": ["validate", "--format", "json"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_the_other_commands_are_replayed_too(command: str, answered: Path, run_cli: RunCli, loads: list[Path]) -> None:
    if command == "validate, invalid":
        write(answered, "data/responses/r/north-pcc.yaml", RESPONSE.replace("north-police", "north-pcc").replace("true", "maybe"))
    args = COMMANDS[command]
    cold = _outcome(run_cli(*args, cwd=answered))
    warm = _outcome(run_cli(*args, cwd=answered))
    assert len(loads) == 1
    assert warm == cold == _fresh(run_cli, answered, *args)
    assert cold[0] == (2 if command == "validate, invalid" else 0)


def test_a_history_is_never_replayed(run_cli: RunCli, cache_folder: Path) -> None:
    """The history comes from git, which no record watches."""
    args = ("show", "kent-police", "--as-of", "2026-11-23")
    run_cli(*args, cwd=REPOSITORY)
    (record,) = cache_folder.glob("*.replay")
    record.unlink()
    for _ in range(2):
        run_cli(*args, "--history", cwd=REPOSITORY)
    assert _records(cache_folder) == []


def test_the_replay_imports_neither_the_loader_nor_the_checks(tmp_path: Path, cache_folder: Path) -> None:
    _settle(REPOSITORY / "data", REPOSITORY / "rules")
    listing = tmp_path / "modules"
    program = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(listing)!r}, 'w').write('\\n'.join(sorted(sys.modules))))\n"
        "from audit.cli import main\n"
        "main()\n"
    )
    command = [sys.executable, "-c", program, "check", "--as-of", "2026-11-23", "--format", "json", "--workspace", str(REPOSITORY)]
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "AUDIT_CACHE_DIR": str(cache_folder)}
    first = subprocess.run(command, capture_output=True, env=env, check=False)
    cold = subprocess.run(command, capture_output=True, env=env, check=False)  # the second run is recorded
    assert (cold.returncode, cold.stdout, cold.stderr) == (first.returncode, first.stdout, first.stderr)
    assert "audit.load" in listing.read_text().split()
    warm = subprocess.run(command, capture_output=True, env=env, check=False)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    loaded = set(listing.read_text().split())
    assert {"yaml", "audit.load", "audit.engine", "audit.checks", "audit.model", "rich"} & loaded == set()


def test_concurrent_runs_record_one_whole_record(cache_folder: Path) -> None:
    _settle(REPOSITORY / "data", REPOSITORY / "rules")
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), "AUDIT_CACHE_DIR": str(cache_folder), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "audit", "check", "--as-of", "2026-11-23", "--format", "json", "--workspace", str(REPOSITORY)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
    said = [run.communicate() for run in runs]  # read before waiting: the output fills a pipe many times over
    outcomes = {(run.returncode, out, err) for run, (out, err) in zip(runs, said, strict=True)}
    assert len(outcomes) == 1
    assert sorted(path.suffix for path in cache_folder.iterdir()) == [".pickle", ".replay"]  # no temporary left behind
    warm = subprocess.run(command, capture_output=True, env=env, check=False)
    assert {(warm.returncode, warm.stdout, warm.stderr)} == outcomes


def test_a_terminal_of_another_width_is_another_run() -> None:
    _settle(REPOSITORY / "data", REPOSITORY / "rules")
    args = ("check", "--as-of", "2026-11-23", "--report", "safe-to-share")
    narrow, code = terminal_screen(*args, columns=70)
    wide, _ = terminal_screen(*args, columns=130)
    assert narrow != wide
    assert max(len(line) for line in narrow.splitlines()) <= 70
    assert terminal_screen(*args, columns=70) == (narrow, code)
