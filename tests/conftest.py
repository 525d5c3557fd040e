"""Shared fixtures: a CLI runner that drives ``audit`` as a user does, and workspaces to run it on."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

from audit.cli import main

TESTS = Path(__file__).parent
REPOSITORY = TESTS.parent
SMALL = TESTS / "workspaces" / "small"

RunCli = Callable[..., Result]


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


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
