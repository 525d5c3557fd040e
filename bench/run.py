"""Benchmark: the cost of `audit` against the cost of just parsing its files, in one run, on three shapes.

Shapes (bench/generate.py), each at several sizes:
  responses     1.6 KB response files to a few reports (1,000, 5,000 and 20,000 response files): the files axis;
  shipped       the shipped data cloned into many reports (5,000 and 20,000 response files of about
                550 bytes, most recommendations not assessed: many findings);
  many-reports  reports of one or two bodies each: 1,250 and 5,000 reports out of 2,000 bodies (the
                reports axis), and 5,000 reports out of 500 bodies (with the 2,000: the bodies axis).

For each workspace, as the median of --repeat runs, in fresh processes, both CPU time (user and
system, the process and every worker it waited for: steadier on a shared machine) and wall time,
the floor and every cold command run once in turn, --repeat times over, so that a spell of load on
the machine falls on the floor and on the commands alike rather than on one command's runs:
  parse      C-parsing every data file only (yaml.load with CSafeLoader, keeping the results): the floor;
  check      `audit check --format json` cold (an empty cache), with the default jobs (one worker
             process per CPU from 1,000 response files up) and with `-j 1`;
  validate, coverage (JSON), deadlines, report   likewise cold, with `-j 1`;
  warm       `audit check` again on an unchanged workspace, its caches filled by two runs before (the
             first marks the workspace seen, the second records the run and keeps every file);
  memory     peak memory of `audit check` (default jobs, cold) against a process that C-parses and
             keeps every file: of the whole process tree, and of the main process alone.
Memory is sampled every 2 ms from /proc/PID/smaps_rollup of the process and every process below
it, each page counted once: anonymous pages (the heap) by their proportional share (PSS: a page a
forked worker still shares with the main process is split between them, so the sum over the tree
holds it once), and the file-backed pages (the interpreter, libraries) as the largest such resident
set of any one process in the tree (every process maps the same files). The peak is the largest
sum seen; a peak shorter than a sample's interval can be missed. Each figure of memory is the
median of --repeat such peaks, the floor's and the check's taken in turn. Linux only.
Once per run it times `audit --help` and `audit rules` against `python -c "import click"`. Every
figure is printed as a ratio to the floor (or to `import click`), so the machine's speed cancels.

Last come the issue's goals, one line each with the figure measured, the goal and whether it is met.
Growth is judged along each axis (files, reports, bodies) by the ratio of `check -j 1` to the floor
at the larger workspace against that at the smaller: work that grew faster than the workspace
would raise it (start-up spread over more files lowers it).

    python bench/run.py                        # about 10 minutes on a busy 2-CPU machine
    python bench/run.py --quick --repeat 1     # a tenth of the sizes: a trial
    python bench/run.py --shapes shipped --json figures.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate, generate_many_reports, generate_shipped  # noqa: E402

from audit.load import PARALLEL_FROM  # noqa: E402

PARSE_ONLY = """
import sys, yaml
from pathlib import Path
kept = [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader) for p in sorted(Path(sys.argv[1]).glob("data/**/*.yaml"))]
"""

CHECK_GOAL = 1.3  # cold `audit check -j 1`, CPU time, against C-parsing the same files
WORKERS_GOAL = 0.8  # cold `audit check` with the default workers, wall time, against C-parsing in one process
COMMANDS_GOAL = 1.5  # validate, coverage, deadlines and report, CPU time
WARM_GOAL = 0.2  # `audit check` on an unchanged workspace, CPU time
GROWTH_GOAL = 1.2  # the ratio of check -j 1 to the floor, larger workspace against smaller, along each axis
STARTUP_GOAL = 1.3  # `audit --help` and `audit rules`, against `import click`
MEMORY_GOAL = 1.5  # peak memory of the process tree, against C-parsing and keeping every file
AS_OF = "2026-11-23"
COMMAND_OPTIONS = {
    "validate": [],
    "coverage": ["--as-of", AS_OF, "--format", "json"],
    "deadlines": ["--as-of", AS_OF],
    "report": ["--as-of", AS_OF],
}
"""The other commands measured, with their options: coverage in JSON, since a table for a terminal
of thousands of rows measures the table library (rich), not the tool."""
COMMANDS = tuple(COMMAND_OPTIONS)

# Bytecode is cached as on any ordinary install: without it every run would compile the tool's
# sources, while click's, installed by pip, come compiled. Output is buffered as on any ordinary
# run: unbuffered, each chunk of a streamed output would be a system call of its own.
_UNUSUAL = ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")
ENV = {**{k: v for k, v in os.environ.items() if k not in _UNUSUAL}, "PYTHONPATH": str(REPOSITORY), "NO_COLOR": "1"}

Workspace = tuple[str, str, Callable[[Path], None]]
"""(shape, label, how to generate it)."""


def workspaces(shapes: list[str], scale: int) -> list[Workspace]:
    """Every workspace to measure, by shape, smallest first; ``scale`` divides every size (for a trial)."""
    made: list[Workspace] = []
    if "responses" in shapes:
        for n in (1000, 5000, 20000):
            made.append(("responses", f"{n // scale:,} responses", lambda out, n=n // scale: generate(out, n, max(1, n // 100), seed=1)))
    if "shipped" in shapes:
        for n in (5000, 20000):
            made.append(("shipped", f"{n // scale:,} responses", lambda out, n=n // scale: generate_shipped(out, n)))
    if "many-reports" in shapes:
        for reports, bodies in ((1250, 2000), (5000, 2000), (5000, 500)):
            r, b = reports // scale, bodies // scale
            made.append(("many-reports", f"{r:,} reports, {b:,} bodies", lambda out, r=r, b=b: generate_many_reports(out, r, b, seed=1)))
    return made


def _empty_cache() -> str:
    """A new, empty cache folder, under the run's scratch folder."""
    return tempfile.mkdtemp(prefix="cache-", dir=os.environ["AUDIT_BENCH_SCRATCH"])


def _run(args: list[str], cache: str | None = None) -> tuple[float, float]:
    """Wall and CPU time of one fresh process (and the workers it waited for); it must exit 0 or 1.

    Cold (an empty cache) unless ``cache`` names a folder a run has filled.
    """
    env = {**ENV, "AUDIT_CACHE_DIR": cache or _empty_cache()}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _medians(commands: dict[str, tuple[list[str], str | None]], repeat: int) -> dict[str, dict[str, float]]:
    """Each command's median wall and CPU seconds of ``repeat`` runs (cold, unless it names a filled
    cache), the commands taken in turn ``repeat`` times over: a machine busier for a while slows each
    command alike, not one command's runs and then not the next one's, its ratio to the floor with them."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (args, cache) in commands.items():
            runs[name].append(_run(args, cache))
    return {
        name: {"wall": statistics.median(wall for wall, _ in each), "cpu": statistics.median(cpu for _, cpu in each)}
        for name, each in runs.items()
    }


def measure(root: Path, repeat: int, cpus: int) -> dict[str, Any]:
    """Every figure of one workspace."""
    python = sys.executable
    audit = [python, "-m", "audit"]
    at = ["--workspace", str(root), "--as-of", AS_OF]
    check = [*audit, "check", *at, "--format", "json"]
    parse = [python, "-c", PARSE_ONLY, str(root)]
    responses = sum(1 for _ in root.glob("data/responses/*/*.yaml"))
    commands: dict[str, tuple[list[str], str | None]] = {
        "parse": (parse, None),
        "check": (check, None),
        "check_j1": ([*check, "-j", "1"], None),
    }
    for command in COMMANDS:
        commands[command] = ([*audit, command, "--workspace", str(root), "-j", "1", *COMMAND_OPTIONS[command]], None)
    figures: dict[str, Any] = {
        "files": sum(1 for _ in root.glob("data/**/*.yaml")),
        "responses": responses,
        "reports": sum(1 for _ in root.glob("data/reports/*.yaml")),
        **_medians(commands, repeat),
    }
    # Filled once the cold runs are done: a run that saw a file changed less than two seconds before is
    # not recorded for replay (audit/cli/_replay.py), and the workspace was just written.
    warm = _empty_cache()
    for _ in range(2):
        _run(check, warm)
    figures.update(_medians({"warm": (check, warm)}, repeat))
    # Memory likewise, in turns: a peak is sampled, and one run's can be missed between two samples.
    peaks: dict[str, list[tuple[int, int]]] = {"parse": [], "check": []}
    for _ in range(repeat):
        peaks["parse"].append(peak_memory(parse))
        peaks["check"].append(peak_memory(check))
    workers = cpus if cpus > 1 and responses >= PARALLEL_FROM else 0
    figures.update(
        parse_kib=statistics.median(tree for tree, _ in peaks["parse"]),
        check_kib=statistics.median(own for _, own in peaks["check"]),
        check_workers=workers,
        check_tree_kib=statistics.median(tree for tree, _ in peaks["check"]),
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shapes = ["responses", "shipped", "many-reports"]
    parser.add_argument("--shapes", nargs="+", choices=shapes, default=shapes)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="A tenth of every size: a trial of the benchmark, not a measure.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()
    python = sys.executable
    audit = [python, "-m", "audit"]
    cpus = len(os.sched_getaffinity(0))
    figures: dict[str, Any] = {"cpus": cpus, "load_before": os.getloadavg(), "workspaces": []}
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["AUDIT_BENCH_SCRATCH"] = scratch
        empty = Path(scratch) / "empty"
        generate(empty, 0, 1, seed=1)
        _run([*audit, "check", "--workspace", str(empty), "--as-of", AS_OF])  # writes the bytecode cache before anything is timed
        starts = {"click": [python, "-c", "import click"], "help": [*audit, "--help"], "rules": [*audit, "rules"]}
        figures.update(_medians({name: (each, None) for name, each in starts.items()}, args.repeat * 2))
        for shape, label, make in workspaces(args.shapes, 10 if args.quick else 1):
            root = Path(scratch) / f"{shape}-{len(figures['workspaces'])}"
            make(root)
            figures["workspaces"].append({"shape": shape, "label": label, **measure(root, args.repeat, cpus)})
            print(f"measured {shape}, {label}", file=sys.stderr)
    figures["load_after"] = os.getloadavg()
    for line in report_lines(figures):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


def _ratio(figures: dict[str, Any], name: str, kind: str = "cpu") -> float:
    return float(figures[name][kind] / figures["parse"][kind])


def report_lines(figures: dict[str, Any]) -> list[str]:
    """The table of ratios, then the goal lines."""
    load = figures.get("load_before", (0, 0, 0))[0], figures.get("load_after", (0, 0, 0))[0]
    lines = [
        f"{figures['cpus']} CPUs; load average {load[0]:.1f} before, {load[1]:.1f} after. "
        f"python -c 'import click' {figures['click']['wall']:.3f} s, audit --help {figures['help']['wall']:.3f} s, "
        f"audit rules {figures['rules']['wall']:.3f} s (wall).",
        "CPU time against C-parsing the same files (wall time in brackets); memory: the process tree's peak.",
        f"{'shape':<13} {'workspace':<28} {'files':>7} {'parse s':>8} {'check -j1':>10} {'check':>13} "
        + " ".join(f"{c:>9}" for c in COMMANDS) + f" {'warm':>13} {'memory':>7}",
    ]
    for w in figures["workspaces"]:
        lines.append(
            f"{w['shape']:<13} {w['label']:<28} {w['files']:>7,} {w['parse']['cpu']:>8.2f} {_ratio(w, 'check_j1'):>9.2f}x "
            f"{_ratio(w, 'check'):>5.2f}x ({_ratio(w, 'check', 'wall'):.2f}x) "
            + " ".join(f"{_ratio(w, c):>8.2f}x" for c in COMMANDS)
            + f" {_ratio(w, 'warm'):>5.2f}x ({_ratio(w, 'warm', 'wall'):.2f}x) {w['check_tree_kib'] / w['parse_kib']:>6.2f}x"
        )
    return lines + goal_lines(figures)


def goal_lines(figures: dict[str, Any]) -> list[str]:
    """One line per goal of the issue and workspace it concerns: the figure measured, the goal, whether it is met."""
    lines = []
    measured = figures["workspaces"]
    for w in measured:
        at = f"{w['shape']}, {w['label']} ({w['files']:,} files)"
        check = _ratio(w, "check_j1")
        lines.append(_goal(f"cold audit check -j 1, {at}, CPU", f"{check:.2f}x", f"at most {CHECK_GOAL:.2f}x", check <= CHECK_GOAL))
        if w["check_workers"]:
            wall = _ratio(w, "check", "wall")
            lines.append(_goal(f"cold audit check, {w['check_workers']} workers, {at}, wall", f"{wall:.2f}x",
                               f"at most {WORKERS_GOAL:.2f}x", wall <= WORKERS_GOAL))
    for shape in dict.fromkeys(w["shape"] for w in measured):
        largest = max((w for w in measured if w["shape"] == shape), key=lambda w: w["files"])
        at = f"{shape}, {largest['label']}"
        for command in COMMANDS:
            ratio = _ratio(largest, command)
            lines.append(_goal(f"cold audit {command} -j 1, {at}, CPU", f"{ratio:.2f}x", f"at most {COMMANDS_GOAL:.2f}x",
                               ratio <= COMMANDS_GOAL))
        warm = _ratio(largest, "warm")
        lines.append(_goal(f"warm audit check, {at}, CPU", f"{warm:.2f}x (wall {_ratio(largest, 'warm', 'wall'):.2f}x)",
                           f"at most {WARM_GOAL:.2f}x", warm <= WARM_GOAL))
        tree, alone = largest["check_tree_kib"] / largest["parse_kib"], largest["check_kib"] / largest["parse_kib"]
        lines.append(_goal(f"audit check, {at}, peak memory of the process tree, against C-parsing and keeping",
                           f"{tree:.2f}x (main process alone {alone:.2f}x)", f"at most {MEMORY_GOAL:.2f}x", tree <= MEMORY_GOAL))
    for axis, smaller, larger in _axes(measured):
        growth = _ratio(larger, "check_j1") / _ratio(smaller, "check_j1")
        lines.append(_goal(f"growth along the {axis} axis, check -j 1 against the floor, {larger['label']} against {smaller['label']}",
                           f"{_ratio(larger, 'check_j1'):.2f}x against {_ratio(smaller, 'check_j1'):.2f}x, {growth:.2f}x",
                           f"at most {GROWTH_GOAL:.2f}x", growth <= GROWTH_GOAL))
    for command in ("help", "rules"):
        ratio = figures[command]["wall"] / figures["click"]["wall"]
        lines.append(_goal(f"audit {'--help' if command == 'help' else command}, against import click, wall", f"{ratio:.2f}x",
                           f"at most {STARTUP_GOAL:.2f}x", ratio <= STARTUP_GOAL))
    return lines


def _axes(measured: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(axis, smaller workspace, larger workspace) for each axis the measured workspaces span."""
    axes = []
    responses = [w for w in measured if w["shape"] == "responses"]
    if len(responses) > 1:
        axes.append(("files", responses[0], responses[-1]))
    many = [w for w in measured if w["shape"] == "many-reports"]
    if len(many) == 3:
        axes.append(("reports", many[0], many[1]))
        axes.append(("bodies", many[2], many[1]))
    return axes


def _goal(what: str, measured: str, goal: str, met: bool) -> str:
    return f"goal: {what}: {measured}; goal {goal}: {'met' if met else 'NOT met'}"


def peak_memory(args: list[str], interval: float = 0.002) -> tuple[int, int]:
    """Peak memory in KiB of a fresh process (cold) and every process below it, sampled (see the
    module's docstring): of the whole tree, and of the process alone."""
    env = {**ENV, "AUDIT_CACHE_DIR": _empty_cache()}
    tree_peak = own_peak = 0
    with tempfile.TemporaryFile() as stderr, subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=stderr, env=env) as process:
        while process.poll() is None:
            tree, own = _memory_now(process.pid)
            tree_peak, own_peak = max(tree_peak, tree), max(own_peak, own)
            time.sleep(interval)
        if process.returncode not in (0, 1):
            stderr.seek(0)
            raise SystemExit(f"{' '.join(args)} failed ({process.returncode}): {stderr.read().decode()[-500:]}")
    return tree_peak, own_peak


def _memory_now(pid: int) -> tuple[int, int]:
    """KiB the process tree under ``pid`` holds now (each page once), and ``pid`` alone; 0 for a process gone."""
    anonymous = files = own = 0
    for each in _tree(pid):
        fields = _rollup(each)
        if not fields:
            continue
        # The file-backed part of the resident set: the same files in every process of the tree.
        mapped = fields["Rss"] - fields["Anonymous"]
        anonymous += fields["Pss_Anon"] + fields.get("Pss_Shmem", 0)
        files = max(files, mapped)
        if each == pid:
            own = fields["Rss"]
    return anonymous + files, own


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it, as far as they can still be seen."""
    found, pending = [], [pid]
    while pending:
        each = pending.pop()
        found.append(each)
        try:
            for task in os.listdir(f"/proc/{each}/task"):
                with open(f"/proc/{each}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found


def _rollup(pid: int) -> dict[str, int]:
    """/proc/PID/smaps_rollup's sizes in KiB (nothing for a process that has ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            lines = rollup.read().splitlines()[1:]
    except OSError:
        return {}
    return {name: int(value.split()[0]) for name, value in (line.split(":", 1) for line in lines)}


if __name__ == "__main__":
    main()
