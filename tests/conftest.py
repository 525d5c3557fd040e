"""Shared fixtures: a CLI runner that drives ``audit`` as a user does, and workspaces to run it on."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from audit.cli import _replay, main

# Fuzzing runs a fixed, bounded set of examples in CI; HYPOTHESIS_PROFILE=long runs many more.
settings.register_profile("ci", derandomize=True, max_examples=60, deadline=None, print_blob=True)
settings.register_profile("long", max_examples=3000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TESTS = Path(__file__).parent
REPOSITORY = TESTS.parent
SMALL = TESTS / "workspaces" / "small"

RunCli = Callable[..., Result]


@pytest.fixture(autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own cache of validated files, never the user's: a test starts cold."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("AUDIT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def unrecorded(monkeypatch: pytest.MonkeyPatch) -> None:
    """No run in this process is recorded for replay (tests/test_replay.py turns it on), so that each test
    runs what it means to, however old its files are, and a spy inside a run sees every run."""
    monkeypatch.setattr(_replay, "FRESH_NS", sys.maxsize)


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Invoke ``audit ARGS`` in ``cwd`` (default: the repository) and return the result."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)

    def run(*args: str, cwd: Path = REPOSITORY, env: dict[str, str] | None = None) -> Result:
        monkeypatch.chdir(cwd)
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)

    return run


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A copy of the small workspace: four bodies, one report due 2021-02-28, no responses."""
    root = tmp_path / "ws"
    shutil.copytree(SMALL, root)
    return root


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped workspace as of 23 November 2026, built once for the whole run."""
    out = tmp_path_factory.mktemp("site") / "public"
    arguments = ["site", "-o", str(out), "--as-of", "2026-11-23", "--workspace", str(REPOSITORY)]
    result = CliRunner().invoke(main, arguments, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def same_size_and_time(path: Path, text: str) -> None:
    """Rewrite the file with text of the same size, and give it back its modification time to the nanosecond."""
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def read_terminal(leader: int) -> bytes:
    """Everything written to a pseudo-terminal, once every writer has closed it; closes ``leader``."""
    seen = b""
    try:
        while chunk := os.read(leader, 4096):
            seen += chunk
    except OSError:  # Linux: reading the leader after the follower has closed ends with EIO
        pass
    os.close(leader)
    return seen


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def terminal_screen(*args: str, columns: int, rows: int = 24, cwd: Path = REPOSITORY) -> tuple[str, int]:
    """Run ``audit ARGS`` on a real pseudo-terminal of this size; its screen output as text (colour
    codes removed, lines ended by \\n) and its exit status.

    Standard error goes to a file, not the terminal: a progress bar drawn while the machine is
    slow must not make the screen differ from one run to the next.
    """
    import pexpect

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    with tempfile.NamedTemporaryFile() as errors:
        child = pexpect.spawn(
            "/bin/sh",
            ["-c", 'exec "$@" 2>"$0"', errors.name, sys.executable, "-m", "audit", *args],
            dimensions=(rows, columns),
            cwd=str(cwd),
            env=env,
            encoding="utf-8",
            timeout=120,
        )
        output = child.read()
        child.close()
    assert child.exitstatus is not None, f"audit {' '.join(args)} did not exit"
    return _ANSI.sub("", output).replace("\r\n", "\n"), child.exitstatus
