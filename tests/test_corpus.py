"""The corpus of broken input (tests/corpus/cases.yaml): each fault refused with its file, line and cause."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import TESTS, RunCli, write

CASES: list[dict[str, Any]] = yaml.safe_load((TESTS / "corpus" / "cases.yaml").read_text(encoding="utf-8"))


def test_the_corpus_is_large_and_its_names_unique() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    assert len([case for case in CASES if "expect" in case]) >= 40


def _plant(root: Path, case: dict[str, Any]) -> None:
    for relative, text in case["files"].items():
        if "symlink" in case:
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).symlink_to(case["symlink"])
            continue
        data = text.encode(case.get("encoding", "utf-8"))
        write(root, relative, data + b"#" * case.get("pad_bytes", 0))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_corpus_case(case: dict[str, Any], small: Path, run_cli: RunCli) -> None:
    _plant(small, case)
    result = run_cli("check", "--as-of", "2021-06-01", cwd=small)
    if case.get("loads"):
        assert (result.exit_code, result.stderr) == (1, "")
        return
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"audit: {line}" for line in case["expect"]]
