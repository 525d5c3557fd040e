"""The import examples in docs/data-format.md and examples/coroners/README.md work as written, with what they say they give."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPOSITORY


def shell_blocks(markdown: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", markdown, re.DOTALL)


def run_block(block: str, cwd: Path) -> list[tuple[str, int, str, str]]:
    """Each command line of ``block`` run in one shell (so ``cd`` carries on): (line, exit code, stdout, stderr)."""
    results = []
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    for line in block.strip().splitlines():
        done = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
        results.append((line, done.returncode, done.stdout, done.stderr))
        if line.startswith("cp -r ") and "&& cd " in line:
            cwd = cwd / line.rsplit("&& cd ", 1)[1].strip()
    return results


def sandbox(tmp_path: Path) -> Path:
    for part in ("data", "examples", "tests/pages"):
        shutil.copytree(REPOSITORY / part, tmp_path / part)
    return tmp_path


def test_the_import_examples_in_the_data_format_work_as_written(tmp_path: Path) -> None:
    importing = (REPOSITORY / "docs" / "data-format.md").read_text(encoding="utf-8").split("## Importing", 1)[1]
    page, coroners = shell_blocks(importing)
    root = sandbox(tmp_path)
    [(_, code, out, err), (_, forced_code, diff, _)] = run_block(page, root)
    assert (code, err) == (0, "")
    assert out.splitlines()[-3:] == [
        "Police force Response: 34 published, 8 received but not published, 1 did not reply",
        "PCC or equivalent Response: 29 published, 1 received but not published, 13 did not reply",
        "would write 0 file(s)",
    ]
    # With --force: every response nobody has assessed, in the tool's layout; only comments and layout change.
    assert forced_code == 0
    assert len(re.findall(r"^\+\+\+ b/data/responses/safe-to-share/", diff, re.MULTILINE)) == 69
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---", "+#", "-#"))]
    layout = re.compile(r'\s*(?:"?[\w.]+"?:(?: \{status: not-assessed\})?|status: not-assessed)')
    assert changed and all(layout.fullmatch(line[1:]) for line in changed)
    results = run_block(coroners, root)
    assert [code for _, code, _, _ in results] == [0, 0, 0, 0, 0, 1]
    # Messages wrap under their column: read word by word.
    check = " ".join(results[-1][2].split())
    assert "no response from Corby City Council: it was due on 2023-04-03 and is 88 days overdue" in check
    assert "no response from Ashby Hospitals NHS Trust: it was due on 2023-05-15" in check
    assert "the response was received on 2023-03-10, 4 days after the deadline of 2023-03-06" in check
    assert "the response from Acme Lifts Ltd was received but has not been published" in check
    assert "Found 2 errors, 4 warnings" in check
    assert check.count("chase-due") == 2


def test_the_coroners_example_readme_runs_as_written(tmp_path: Path) -> None:
    [block] = shell_blocks((REPOSITORY / "examples" / "coroners" / "README.md").read_text(encoding="utf-8"))
    results = run_block(block, sandbox(tmp_path))
    assert [code for _, code, _, _ in results] == [0, 0, 0, 0, 1]


def test_the_readme_s_import_commands_work_as_written(tmp_path: Path) -> None:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    lines = [line.split("  #")[0] for block in shell_blocks(readme) for line in block.splitlines() if line.startswith("audit import")]
    assert len(lines) == 2
    results = run_block("\n".join(lines), sandbox(tmp_path))
    assert [code for _, code, _, _ in results] == [0, 0]
    assert results[0][2].splitlines()[-1] == "would write 0 file(s)"
    # The diff adds the four organisations at the end of the example's data/bodies.yaml.
    assert results[1][2].startswith("--- a/data/bodies.yaml\n+++ b/data/bodies.yaml\n")
    assert results[1][2].count("\n+  - id: ") == 4


def test_every_command_the_readme_shows_works_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ``audit`` line of the README's shell blocks, run in order in a copy of the repository's files as a
    newcomer would: none is refused as bad usage or broken data (exit 2), none fails inside. The "What changed"
    block needs a git history and is run on one by tests/test_diff.py."""
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    changes = readme.split("## What changed\n")[1].split("\n## ")[0]
    lines = [
        line.split("  #")[0].strip()
        for block in shell_blocks(readme)
        if block not in changes
        for line in block.replace("\\\n", " ").splitlines()
        if line.startswith("audit ")
    ]
    assert len(lines) == 43
    root = tmp_path / "repository"
    for part in ("data", "rules", "examples", "tests/pages", "tests/letters"):
        shutil.copytree(REPOSITORY / part, root / part)
    summary = tmp_path / "summary.md"
    summary.touch()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    results = run_block("\n".join(lines), root)
    failed = [(line, code, err) for line, code, _, err in results if code not in (0, 1) or "internal error" in err or "Traceback" in err]
    assert failed == []
    assert (root / "due.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert (root / "gaps.md").is_file() and (root / "public" / "index.html").is_file() and (root / "audit.sarif").is_file()
    assert summary.read_text(encoding="utf-8").startswith("## audit check")
    letters = sorted(p.name for p in (root / "letters").iterdir())
    assert letters[:2] == ["a-duty-to-protect--home-office.md", "a-duty-to-protect--ministry-of-justice.md"]
