"""Each check's behaviour, one YAML case per behaviour (tests/cases/checks.yaml), driven through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import TESTS, RunCli, write

CASES = yaml.safe_load((TESTS / "cases" / "checks.yaml").read_text(encoding="utf-8"))


def _line(f: dict[str, Any]) -> str:
    return f"{f['severity']} {f['rule']} {f['path']}:{f['line'] or '-'} {f['message']}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_check_case(case: dict[str, Any], small: Path, run_cli: RunCli) -> None:
    for body, text in case.get("responses", {}).items():
        write(small, f"data/responses/r/{body}.yaml", text)
    if "chases" in case:
        write(small, "data/chases/r.yaml", case["chases"])
    if "rules" in case:
        write(small, "rules/local.yaml", case["rules"])
    result = run_cli(
        "check", "--format", "json", "--as-of", str(case["as_of"]),
        "--select", ",".join(case["select"]), cwd=small,
    )
    findings = json.loads(result.stdout)["findings"]
    assert [_line(f) for f in findings] == case["expect"]
    assert result.exit_code == (1 if any(f["severity"] == "error" for f in findings) else 0)
