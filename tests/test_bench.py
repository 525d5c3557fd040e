"""The benchmark's generator writes workspaces in the real format, and its goal lines judge the figures they are given."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from conftest import REPOSITORY, RunCli

sys.path.insert(0, str(REPOSITORY / "bench"))

from generate import generate, generate_many_reports, generate_shipped
from run import COMMANDS, goal_lines, report_lines


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


def test_the_shipped_shape_clones_the_shipped_data_into_more_reports(tmp_path: Path, run_cli: RunCli) -> None:
    generate_shipped(tmp_path / "ws", 200)
    assert run_cli("validate", cwd=tmp_path / "ws").stdout == "valid: 92 bodies, 5 report(s), 200 responses\n"
    result = run_cli("check", "--as-of", "2026-11-23", "--format", "json", cwd=tmp_path / "ws")
    shipped = run_cli("check", "--as-of", "2026-11-23", "--format", "json")
    per_report = Counter(f["report"] for f in json.loads(shipped.stdout)["findings"])
    cloned = Counter(f["report"] for f in json.loads(result.stdout)["findings"])
    assert cloned["safe-to-share-0000"] == per_report["safe-to-share"]  # a full clone finds what the original does


def test_the_many_reports_shape_addresses_one_or_two_bodies_a_report(tmp_path: Path, run_cli: RunCli) -> None:
    generate_many_reports(tmp_path / "ws", reports=40, bodies=30, seed=1)
    assert run_cli("validate", cwd=tmp_path / "ws").stdout.startswith("valid: 30 bodies, 40 report(s), ")
    result = run_cli("deadlines", "--as-of", "2026-11-23", cwd=tmp_path / "ws")
    owing = [int(line.split()[0]) for line in result.stdout.splitlines() if line.endswith("not known to have arrived")]
    assert result.exit_code == 0
    assert len(owing) == 40 and set(owing) == {1, 2}


def _timing(cpu: float, wall: float | None = None) -> dict[str, float]:
    return {"cpu": cpu, "wall": cpu if wall is None else wall}


def _workspace(shape: str, label: str, files: int, check_j1: float, warm: float = 0.1, tree_kib: int = 140) -> dict[str, Any]:
    """Figures of one workspace, every time a multiple of a parse of one second."""
    return {
        "shape": shape, "label": label, "files": files, "parse": _timing(1.0),
        "check_j1": _timing(check_j1), "check": _timing(1.6, 0.7),
        **{command: _timing(1.2) for command in COMMANDS}, "warm": _timing(warm),
        "parse_kib": 100, "check_kib": 100, "check_workers": 2 if files >= 1000 else 0, "check_tree_kib": tree_kib,
    }


def _figures(*workspaces: dict[str, Any], help_s: float = 1.1) -> dict[str, Any]:
    return {"cpus": 2, "click": _timing(1.0), "help": _timing(help_s), "rules": _timing(1.2), "workspaces": list(workspaces)}


def _verdicts(figures: dict[str, Any]) -> list[str]:
    return [line.rsplit(": ", 1)[1] for line in goal_lines(figures)]


def test_goal_lines_say_met_when_every_figure_is_within_its_goal() -> None:
    figures = _figures(
        _workspace("responses", "1,000 responses", 1010, 1.25), _workspace("responses", "20,000 responses", 20200, 1.2),
        _workspace("many-reports", "1,250 reports, 2,000 bodies", 3000, 1.3),
        _workspace("many-reports", "5,000 reports, 2,000 bodies", 12000, 1.2),
        _workspace("many-reports", "5,000 reports, 500 bodies", 12000, 1.2),
    )
    assert set(_verdicts(figures)) == {"met"}
    lines = goal_lines(figures)
    assert lines[:2] == [
        "goal: cold audit check -j 1, responses, 1,000 responses (1,010 files), CPU: 1.25x; goal at most 1.30x: met",
        "goal: cold audit check, 2 workers, responses, 1,000 responses (1,010 files), wall: 0.70x; goal at most 0.80x: met",
    ]
    assert [line.split(",")[0] for line in lines if "growth" in line] == [
        "goal: growth along the files axis", "goal: growth along the reports axis", "goal: growth along the bodies axis",
    ]
    assert "goal: warm audit check, responses, 20,000 responses, CPU: 0.10x (wall 0.10x); goal at most 0.20x: met" in lines


def test_goal_lines_say_not_met_for_each_figure_beyond_its_goal() -> None:
    figures = _figures(
        _workspace("many-reports", "1,250 reports, 2,000 bodies", 3000, 1.2),
        _workspace("many-reports", "5,000 reports, 2,000 bodies", 12000, 4.8, warm=0.5, tree_kib=160),
        _workspace("many-reports", "5,000 reports, 500 bodies", 12000, 1.3),
        help_s=1.31,
    )
    lines = goal_lines(figures)
    not_met = [line for line in lines if line.endswith("NOT met")]
    assert [line.split(":")[1].strip() for line in not_met] == [
        "cold audit check -j 1, many-reports, 5,000 reports, 2,000 bodies (12,000 files), CPU",
        "warm audit check, many-reports, 5,000 reports, 2,000 bodies, CPU",
        "audit check, many-reports, 5,000 reports, 2,000 bodies, peak memory of the process tree, against C-parsing and keeping",
        "growth along the reports axis, check -j 1 against the floor, 5,000 reports, 2,000 bodies against 1,250 reports, 2,000 bodies",
        "growth along the bodies axis, check -j 1 against the floor, 5,000 reports, 2,000 bodies against 5,000 reports, 500 bodies",
        "audit --help, against import click, wall",
    ]
    assert "4.80x against 1.20x, 4.00x; goal at most 1.20x: NOT met" in not_met[3]


def test_report_lines_show_every_workspace_as_ratios() -> None:
    figures = _figures(_workspace("shipped", "5,000 responses", 5100, 1.25))
    table = report_lines(figures)
    assert table[2].split()[:4] == ["shape", "workspace", "files", "parse"]
    assert table[3].split() == ["shipped", "5,000", "responses", "5,100", "1.00", "1.25x", "1.60x", "(0.70x)", "1.20x", "1.20x", "1.20x",
                                "1.20x", "0.10x", "(0.10x)", "1.40x"]


_FORKING = """
import os, sys, time
held = bytearray(os.urandom(1 << 20)) * 40            # 40 MiB the child shares after the fork
if os.fork() == 0:
    own = bytearray(os.urandom(1 << 20)) * int(sys.argv[1])  # the child's own
    time.sleep(0.5)
    os._exit(0)
os.wait()
"""


def test_peak_memory_counts_pages_a_forked_child_shares_once_and_its_own_pages_too(tmp_path: Path, monkeypatch: Any) -> None:
    from run import peak_memory

    monkeypatch.setenv("AUDIT_BENCH_SCRATCH", str(tmp_path))
    alone, _ = peak_memory([sys.executable, "-c", _FORKING.replace("os.fork() == 0", "False"), "0"])
    sharing, own = peak_memory([sys.executable, "-c", _FORKING, "0"])
    growing, _ = peak_memory([sys.executable, "-c", _FORKING, "30"])
    mib = 1024
    assert 40 * mib < alone < 60 * mib
    assert abs(sharing - alone) < 8 * mib  # the 40 MiB the child shares are not counted twice
    assert 40 * mib < own < 60 * mib
    assert 25 * mib < growing - sharing < 40 * mib  # what the child allocates is counted
