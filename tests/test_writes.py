"""Writes that cannot lose data: atomic replacement, no overwrite unasked, no writing through links."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPOSITORY, RunCli, write

from audit.atomic import WriteRefused, write_atomic

SLOW_WRITER = """
import os, sys, time
from pathlib import Path
from audit import atomic

def stall(descriptor):
    print("writing", flush=True)
    time.sleep(60)

atomic.os.fsync = stall
atomic.write_atomic(Path(sys.argv[1]), "new text\\n" * 100_000, overwrite=True)
"""


def test_a_writer_killed_mid_write_leaves_the_old_file_intact(small: Path, run_cli: RunCli) -> None:
    target = write(small, "data/responses/r/north-police.yaml", "body: north-police\nreport: r\nreceived: 2021-02-01\npublished: true\n")
    before = target.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)], stdout=subprocess.PIPE, env=env, text=True
    ) as writer:
        try:
            assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        finally:
            os.kill(writer.pid, signal.SIGKILL)
            writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert target.read_bytes() == before
    leftovers = sorted(p.name for p in target.parent.iterdir())
    assert leftovers[0].startswith(".north-police.yaml.") and leftovers[0].endswith(".tmp")
    assert leftovers[1:] == ["north-police.yaml"]
    # The half-written temporary file is not a data file: the workspace still loads.
    assert run_cli("check", "--as-of", "2021-06-01", "--select", "deadline-missed", cwd=small).exit_code == 0


def test_no_overwrite_without_asking(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, "first")
    with pytest.raises(WriteRefused, match="file exists"):
        write_atomic(target, "second")
    assert target.read_text() == "first"
    write_atomic(target, "second", overwrite=True)
    assert target.read_text() == "second"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_no_write_through_a_symlink_or_out_of_the_workspace(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    workspace = tmp_path / "ws"
    workspace.mkdir()
    link = workspace / "link.yaml"
    link.symlink_to(outside)
    with pytest.raises(WriteRefused, match="outside the workspace"):
        write_atomic(link, "x", overwrite=True, within=workspace)
    with pytest.raises(WriteRefused, match="symbolic link"):
        write_atomic(link, "x", overwrite=True)
    with pytest.raises(WriteRefused, match="outside the workspace"):
        write_atomic(workspace / ".." / "escape.txt", "x", within=workspace)
    assert outside.read_text() == "keep"


def test_debug_shows_the_traceback_and_plain_runs_do_not(small: Path, run_cli: RunCli) -> None:
    write(small, "data/responses/r/north-police.yaml", "body: [\n")
    plain = run_cli("check", cwd=small)
    assert plain.exit_code == 2 and "Traceback" not in plain.stderr
    from audit.errors import DataError

    with pytest.raises(DataError):
        run_cli("--debug", "check", cwd=small)


def test_an_unexpected_failure_is_a_message_not_a_traceback(small: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    from audit import engine

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(engine, "run", broken)
    result = run_cli("check", cwd=small)
    assert (result.exit_code, result.stderr) == (
        2, "audit: internal error: ValueError: boom (run with --debug for the traceback)\n"
    )


@pytest.mark.parametrize("kind", ["fifo", "character device", "folder", "socket"])
@pytest.mark.parametrize("option", ["--output", "--append"])
def test_what_is_not_a_regular_file_is_never_replaced_or_written(
    kind: str, option: str, small: Path, tmp_path: Path, run_cli: RunCli
) -> None:
    import socket
    import stat

    target = tmp_path / "node"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "character device":
        # A node of our own, in a temporary folder: the same numbers as /dev/null, never the machine's own.
        try:
            os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device node needs root (CAP_MKNOD); the named pipe and socket cases still run")
    elif kind == "folder":
        target.mkdir()
    else:
        with socket.socket(socket.AF_UNIX) as listener:
            listener.bind(str(target))
    before = os.lstat(target)
    result = run_cli("check", "--as-of", "2021-06-01", option, f"json:{target}", "--force", cwd=small)
    described = {"fifo": "a named pipe", "character device": "a character device", "folder": "a folder", "socket": "a socket"}[kind]
    assert (result.exit_code, result.stderr) == (2, f"audit: {target}: not a regular file ({described}); refusing to write to it\n")
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino, after.st_rdev) == (before.st_mode, before.st_ino, before.st_rdev)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["node", "ws"]


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_new_files_get_the_mode_a_plain_write_would(umask: int, small: Path, tmp_path: Path, run_cli: RunCli) -> None:
    old = os.umask(umask)
    try:
        run_cli("check", "--as-of", "2021-06-01", "--output", f"json:{tmp_path / 'out.json'}", cwd=small)
        run_cli("report", "--as-of", "2021-06-01", "-o", str(tmp_path / "gaps.md"), cwd=small)
        run_cli("new", "report", "fresh", "--as-of", "2021-06-01", cwd=small)
        with open(tmp_path / "plain", "w"):
            pass
    finally:
        os.umask(old)
    expected = 0o666 & ~umask
    modes = {name: os.stat(path).st_mode & 0o7777 for name, path in [
        ("plain", tmp_path / "plain"), ("output", tmp_path / "out.json"), ("report", tmp_path / "gaps.md"),
        ("new", small / "data/reports/fresh.yaml"),
    ]}
    assert modes == dict.fromkeys(modes, expected)


def test_a_replaced_file_keeps_its_mode(small: Path, tmp_path: Path, run_cli: RunCli) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    target.chmod(0o664)
    assert run_cli("check", "--as-of", "2021-06-01", "--output", f"json:{target}", "--force", cwd=small).exit_code == 1
    assert (target.stat().st_mode & 0o7777, target.read_text()[:1]) == (0o664, "{")


@pytest.mark.parametrize(
    "options",
    [
        ["--output", "json:{f}", "--append", "markdown:{f}"],
        ["--output", "json:{f}", "--output", "sarif:{f}", "--force"],
        ["--append", "markdown:{f}", "--append", "github:{f}"],
        ["--output", "json:{f}", "--write-baseline", "{f}", "--force"],
        ["--output", "json:{f}", "--output", "sarif:{d}/../out/{name}", "--force"],
        ["--output", "json:{f}", "--append", "markdown:{hardlink}"],
        ["coverage", "--output", "json:{f}", "--append", "csv:{f}"],
        ["deadlines", "--output", "ics:{f}", "--output", "json:{f}", "--force"],
    ],
    ids=["output-append", "output-output", "append-append", "output-baseline", "dotdot", "hard-link", "coverage", "deadlines"],
)
def test_two_outputs_naming_one_file_are_a_usage_error(options: list[str], small: Path, tmp_path: Path, run_cli: RunCli) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "result.txt"
    target.write_text("keep\n")
    os.link(target, tmp_path / "other-name.txt")
    values = {"f": str(target), "d": str(folder), "name": "result.txt", "hardlink": str(tmp_path / "other-name.txt")}
    command, given = (options[:1], options[1:]) if not options[0].startswith("-") else (["check"], options)
    result = run_cli(*command, "--as-of", "2021-06-01", *[o.format(**values) for o in given], cwd=small)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: ")
    assert "names the same file as" in result.stderr
    assert target.read_text() == "keep\n"
