"""The benchmark's generator writes workspaces in the real format: they load, and the checks run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import REPOSITORY, RunCli

sys.path.insert(0, str(REPOSITORY / "bench"))

from generate import generate  # noqa: E402


def test_generated_workspace_loads_and_is_checked(tmp_path: Path, run_cli: RunCli) -> None:
    generate(tmp_path / "ws", responses=60, reports=3, seed=1)
    assert len(list((tmp_path / "ws").glob("data/responses/*/*.yaml"))) == 60
    assert run_cli("validate", cwd=tmp_path / "ws").stdout == "valid: 20 bodies, 3 report(s), 60 responses\n"
    result = run_cli("check", "--as-of", "2026-11-23", "--format", "json", cwd=tmp_path / "ws")
    assert result.exit_code == 1
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} >= {"recommendation-unaddressed", "response-unpublished"}
