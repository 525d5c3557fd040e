"""Benchmark: the cost of `audit` against the cost of just parsing its files, in one run.

For each size it generates a workspace (bench/generate.py) and times, as the
median of --repeat runs:
  (a) reading the response files' bytes,
  (b) C-parsing them only (yaml.load with CSafeLoader, keeping the results),
  (c) `audit check` cold, in a fresh process, with the default jobs (one worker
      process per CPU from 1,000 response files up) and with `-j 1` (one process),
  (d) `audit coverage` and `audit report`, likewise with the default jobs,
  (e) peak memory of (c) with the default jobs, against a process that C-parses
      and keeps every file: the main process's own peak, which leaves out the
      workers, and an upper bound for the whole process tree, the main peak plus
      the number of workers times the largest worker's peak (forked workers share
      pages with the main process, so this counts some memory twice).
Once per run it times `audit --help` and `audit rules` against `python -c
"import click"`, and `audit check` on a workspace without response files (the
fixed cost, shown for reference). Times are printed as ratios to (b) (and to
`import click`), so the machine's speed and load cancel out.

Growth is judged by the time each added file costs: (c) at one size less (c) at
the size before, over the files added. Time per file in all falls with size,
since start-up is spread over more files; what would show a quadratic join is
the cost per added file rising from one step to the next.

Last come the issue's goals, one line each with the figure measured, the goal,
and whether it is met: `audit check` (default jobs) at most 1.3x parsing; its cost
per added file over the last step within 20% (either way) of that over the first;
`audit --help` and `audit rules` at most 1.3x `import click`; the process tree's
peak memory, judged by its upper bound, at most 1.5x parsing and keeping. The
goals are for 20,000 files and for growth from 1,000 to 20,000; the lines use the
largest and smallest sizes run, and name them.

    python bench/run.py                 # 1,000, 5,000 and 20,000 response files
    python bench/run.py --sizes 1000 --repeat 1
    python bench/run.py --json figures.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from audit.load import PARALLEL_FROM  # noqa: E402

PARSE_ONLY = """
import sys, yaml
from pathlib import Path
kept = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in sorted(Path(sys.argv[1]).glob("data/responses/*/*.yaml"))]
"""
READ_ONLY = """
import sys
from pathlib import Path
kept = [p.read_bytes() for p in sorted(Path(sys.argv[1]).glob("data/responses/*/*.yaml"))]
"""

CHECK_GOAL = 1.3  # cold `audit check` on 20,000 files, against C-parsing them in one process
LINEAR_GOAL = 0.2  # cost per added file, 5,000 to 20,000, within this fraction of that from 1,000 to 5,000
STARTUP_GOAL = 1.3  # `audit --help` and `audit rules`, against `import click`
MEMORY_GOAL = 1.5  # peak memory on 20,000 files, against C-parsing and keeping them
AS_OF = "2026-11-23"

# Bytecode is cached as on any ordinary install: without it every run would compile the tool's
# sources, while click's, installed by pip, come compiled.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(REPOSITORY), "NO_COLOR": "1"}


def _seconds(args: list[str]) -> float:
    """Wall time of one fresh process; it must succeed (exit 0 or 1: findings are not failures)."""
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return elapsed


def _median(args: list[str], repeat: int) -> float:
    return statistics.median(_seconds(args) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    python = sys.executable
    audit = [python, "-m", "audit"]
    cpus = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as scratch:
        empty = ["--workspace", _workspace(scratch, 0), "--as-of", AS_OF]
        _seconds([*audit, "check", *empty])  # writes the bytecode cache before anything is timed
        figures: dict[str, Any] = {
            "cpus": cpus,
            "click_s": _median([python, "-c", "import click"], args.repeat * 3),
            "help_s": _median([*audit, "--help"], args.repeat * 3),
            "rules_s": _median([*audit, "rules"], args.repeat * 3),
            "fixed_s": _median([*audit, "check", *empty, "--format", "json"], args.repeat * 3),
            "sizes": [],
        }
        for size in sorted(args.sizes):
            root = _workspace(scratch, size)
            workspace = ["--workspace", root, "--as-of", AS_OF]
            check_s = _median([*audit, "check", *workspace, "--format", "json"], args.repeat)
            check_kib, worker_kib = _peak_check(root)
            workers = cpus if cpus > 1 and size >= PARALLEL_FROM else 0
            figures["sizes"].append({
                "files": size,
                "read_s": _median([python, "-c", READ_ONLY, root], args.repeat),
                "parse_s": _median([python, "-c", PARSE_ONLY, root], args.repeat),
                "check_s": check_s,
                "check_j1_s": _median([*audit, "check", *workspace, "--format", "json", "-j", "1"], args.repeat),
                "coverage_s": _median([*audit, "coverage", *workspace, "--format", "json"], args.repeat),
                "report_s": _median([*audit, "report", *workspace], args.repeat),
                "parse_kib": _peak([python, "-c", PARSE_ONLY + _REPORT_PEAK, root])[0],
                "check_kib": check_kib,
                "check_workers": workers,
                "check_worker_kib": worker_kib,
                "check_tree_kib": check_kib + workers * worker_kib,
            })
    print(f"{cpus} CPUs; python -c 'import click' {figures['click_s']:.3f} s, audit --help {figures['help_s']:.3f} s, "
          f"audit rules {figures['rules_s']:.3f} s; audit check with no response files (the fixed cost) {figures['fixed_s']:.3f} s")
    print(f"{'files':>7} {'parse s':>8} {'read':>6} {'check':>6} {'-j 1':>6} {'coverage':>9} {'report':>7} "
          f"{'ms/file':>8} {'ms/added':>9} {'memory':>7} {'tree':>6}")
    added = dict(zip((r["files"] for r in figures["sizes"][1:]), _added_file_ms(figures["sizes"]), strict=True))
    for r in figures["sizes"]:
        p = r["parse_s"]
        step = f"{added[r['files']]:>9.3f}" if r["files"] in added else f"{'-':>9}"
        print(
            f"{r['files']:>7,} {p:>8.2f} {r['read_s'] / p:>5.2f}x {r['check_s'] / p:>5.2f}x {r['check_j1_s'] / p:>5.2f}x "
            f"{r['coverage_s'] / p:>8.2f}x {r['report_s'] / p:>6.2f}x {r['check_s'] / r['files'] * 1e3:>8.3f} "
            f"{step} {r['check_kib'] / r['parse_kib']:>6.2f}x {r['check_tree_kib'] / r['parse_kib']:>5.2f}x"
        )
    for line in goal_lines(figures):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


def _workspace(scratch: str, size: int) -> str:
    """The path of a new workspace of ``size`` response files under ``scratch``."""
    root = Path(scratch) / f"ws-{size}"
    generate(root, size, max(1, size // 100), seed=1)
    return str(root)


def goal_lines(figures: dict[str, Any]) -> list[str]:
    """One line per goal of the issue: the figure measured, the goal, and whether it is met."""
    large = figures["sizes"][-1]
    at = f"{large['files']:,} files"
    check, check_j1 = large["check_s"] / large["parse_s"], large["check_j1_s"] / large["parse_s"]
    workers = f"{large['check_workers']} worker processes" if large["check_workers"] else "one process"
    lines = [_goal(f"audit check, {at}, {workers}, against C-parsing in one process",
                   f"{check:.2f}x (-j 1: {check_j1:.2f}x)", f"at most {CHECK_GOAL:.2f}x", check <= CHECK_GOAL)]
    steps = _added_file_ms(figures["sizes"])
    if len(steps) < 2:
        lines.append(f"goal: audit check, cost per added file, growth: not measured, it needs three sizes (goal within {LINEAR_GOAL:.0%})")
    else:
        growth = steps[-1] / steps[0]
        sizes = [f"{r['files']:,}" for r in figures["sizes"]]
        lines.append(_goal(f"audit check, cost per added file, {sizes[-2]} to {sizes[-1]} against {sizes[0]} to {sizes[1]}",
                           f"{steps[-1]:.3f} ms against {steps[0]:.3f} ms, {growth:.2f}x",
                           f"{1 - LINEAR_GOAL:.2f}x to {1 + LINEAR_GOAL:.2f}x", abs(growth - 1) <= LINEAR_GOAL))
    for command, key in (("--help", "help_s"), ("rules", "rules_s")):
        ratio = figures[key] / figures["click_s"]
        lines.append(_goal(f"audit {command}, against import click", f"{ratio:.2f}x", f"at most {STARTUP_GOAL:.2f}x",
                           ratio <= STARTUP_GOAL))
    alone, tree = large["check_kib"] / large["parse_kib"], large["check_tree_kib"] / large["parse_kib"]
    lines.append(_goal(f"audit check, {at}, peak memory of the process tree, against C-parsing and keeping",
                       f"at most {tree:.2f}x (main process alone {alone:.2f}x)", f"at most {MEMORY_GOAL:.2f}x",
                       tree <= MEMORY_GOAL))
    return lines


def _added_file_ms(sizes: list[dict[str, Any]]) -> list[float]:
    """Milliseconds of `audit check` per file added, from each size to the next."""
    return [(b["check_s"] - a["check_s"]) / (b["files"] - a["files"]) * 1e3 for a, b in itertools.pairwise(sizes)]


def _goal(what: str, measured: str, goal: str, met: bool) -> str:
    return f"goal: {what}: {measured}; goal {goal}: {'met' if met else 'NOT met'}"


def _peak_check(root: str) -> tuple[int, int]:
    """Peak memory in KiB of `audit check` (default jobs): the main process's, and the largest worker's."""
    code = (
        "import sys\nfrom audit.cli import main\n"
        "try:\n    main(['check', '--workspace', sys.argv[1], '--as-of', sys.argv[2], '--format', 'json'])\n"
        "except SystemExit:\n    pass\n" + _REPORT_PEAK
    )
    return _peak([sys.executable, "-c", code, root, AS_OF])


# Run after the work is done: by then the loader has terminated and joined its workers (the Pool's
# context manager does so), so RUSAGE_CHILDREN holds the largest worker's peak (on Linux; 0 if none).
_REPORT_PEAK = (
    "\nimport resource, sys\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
    " file=sys.stderr)\n"
)


def _peak(args: list[str]) -> tuple[int, int]:
    """Peak memory in KiB of a process and of its largest child, as the process reports them last on stderr."""
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, check=False)
    own, child = done.stderr.decode().split()[-2:]
    return int(own), int(child)


if __name__ == "__main__":
    main()
