"""examples/github-actions.yml: its shell steps, run as a fresh runner would, install the tool and check."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPOSITORY, TESTS

WORKFLOW = REPOSITORY / "examples" / "github-actions.yml"
SARIF_SCHEMA = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _run_steps() -> list[str]:
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    return [step["run"] for step in steps if "run" in step]


def test_the_workflow_installs_our_own_distribution_not_the_unrelated_audit() -> None:
    runs = _run_steps()
    assert runs[0] == "pip install ."
    setup = (REPOSITORY / "setup.cfg").read_text(encoding="utf-8")
    assert "\nname = oversight-response-audit\n" in setup
    assert "\n    audit = audit.cli:run\n" in setup
    assert not any("pip install audit" in run for run in runs)


@pytest.mark.skipif(shutil.which("git") is None, reason="the checkout is made with git")
def test_the_workflow_steps_run_on_a_fresh_checkout(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    # What actions/checkout gives: the tracked files (as they are in this tree), nothing built or installed.
    listed = subprocess.run(["git", "-C", str(REPOSITORY), "ls-files", "-z"], check=True, capture_output=True, text=True).stdout
    for name in filter(None, listed.split("\0")):
        if (REPOSITORY / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPOSITORY / name, checkout / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    summary = tmp_path / "summary.md"
    summary.write_text("# Job summary\n", encoding="utf-8")
    path = f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"
    env = {**os.environ, "PATH": path, "GITHUB_STEP_SUMMARY": str(summary), "VIRTUAL_ENV": str(venv)}
    env.pop("PYTHONPATH", None)
    install, check = _run_steps()
    installed = subprocess.run(["bash", "-e", "-c", install], cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr
    checked = subprocess.run(["bash", "-e", "-c", check], cwd=checkout, env=env, capture_output=True, text=True, timeout=600)
    # 1: the shipped data has overdue bodies, so the job fails, as the workflow's comments say it should.
    assert checked.returncode == 1, checked.stderr
    assert "\n::error " in "\n" + checked.stdout
    jsonschema.validate(json.loads((checkout / "audit.sarif").read_text(encoding="utf-8")), SARIF_SCHEMA)
    appended = summary.read_text(encoding="utf-8")
    assert appended.startswith("# Job summary\n## audit check, as of ")
