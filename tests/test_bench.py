"""The benchmark's generator writes workspaces in the real format, and its goal lines judge the figures they are given."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from conftest import REPOSITORY, RunCli

sys.path.insert(0, str(REPOSITORY / "bench"))

from generate import generate
from run import goal_lines


def test_generated_workspace_loads_and_is_checked(tmp_path: Path, run_cli: RunCli) -> None:
    generate(tmp_path / "ws", responses=60, reports=3, seed=1)
    assert len(list((tmp_path / "ws").glob("data/responses/*/*.yaml"))) == 60
    assert run_cli("validate", cwd=tmp_path / "ws").stdout == "valid: 20 bodies, 3 report(s), 60 responses\n"
    result = run_cli("check", "--as-of", "2026-11-23", "--format", "json", cwd=tmp_path / "ws")
    assert result.exit_code == 1
    assert {f["rule"] for f in json.loads(result.stdout)["findings"]} >= {"recommendation-unaddressed", "response-unpublished"}


def test_a_workspace_without_responses_can_be_generated_for_the_fixed_cost(tmp_path: Path, run_cli: RunCli) -> None:
    generate(tmp_path / "ws", responses=0, reports=1, seed=1)
    assert run_cli("validate", cwd=tmp_path / "ws").stdout == "valid: 2 bodies, 1 report(s), 0 responses\n"


def _size(files: int, check_s: float, parse_s: float, check_kib: int = 100, tree_kib: int = 140) -> dict[str, Any]:
    return {"files": files, "parse_s": parse_s, "check_s": check_s, "check_j1_s": 2 * parse_s,
            "parse_kib": 100, "check_kib": check_kib, "check_workers": 2, "check_tree_kib": tree_kib}


def _verdicts(figures: dict[str, Any]) -> list[str]:
    return [line.rsplit(": ", 1)[1] for line in goal_lines(figures)]


def test_goal_lines_say_met_when_every_figure_is_within_its_goal() -> None:
    # 0.2 ms per added file from 1,000 to 5,000, 0.22 ms from 5,000 to 20,000: within 20%.
    figures = {"click_s": 1.0, "help_s": 1.3, "rules_s": 1.1,
               "sizes": [_size(1000, 0.3, 0.25), _size(5000, 1.1, 1.0), _size(20000, 4.4, 4.0)]}
    assert _verdicts(figures) == ["met"] * 5
    assert goal_lines(figures)[:2] == [
        "goal: audit check, 20,000 files, 2 worker processes, against C-parsing in one process: "
        "1.10x (-j 1: 2.00x); goal at most 1.30x: met",
        "goal: audit check, cost per added file, 5,000 to 20,000 against 1,000 to 5,000: "
        "0.220 ms against 0.200 ms, 1.10x; goal 0.80x to 1.20x: met",
    ]


def test_goal_lines_say_not_met_for_each_figure_beyond_its_goal() -> None:
    figures = {"click_s": 1.0, "help_s": 1.31, "rules_s": 1.2,
               "sizes": [_size(1000, 0.3, 0.25), _size(5000, 1.1, 1.0), _size(20000, 5.6, 4.0, check_kib=120, tree_kib=160)]}
    assert _verdicts(figures) == ["NOT met", "NOT met", "NOT met", "met", "NOT met"]
    assert goal_lines(figures)[1] == (
        "goal: audit check, cost per added file, 5,000 to 20,000 against 1,000 to 5,000: "
        "0.300 ms against 0.200 ms, 1.50x; goal 0.80x to 1.20x: NOT met"
    )
    assert goal_lines(figures)[4].endswith("at most 1.60x (main process alone 1.20x); goal at most 1.50x: NOT met")


def test_growth_is_not_judged_from_fewer_than_three_sizes() -> None:
    figures = {"click_s": 1.0, "help_s": 1.0, "rules_s": 1.0, "sizes": [_size(1000, 0.3, 0.25), _size(20000, 4.0, 4.0)]}
    assert goal_lines(figures)[1] == (
        "goal: audit check, cost per added file, growth: not measured, it needs three sizes (goal within 20%)"
    )
