"""Benchmark: the cost of `audit` against the cost of just parsing its files, in one run.

For each size it generates a workspace (bench/generate.py) and times, as the
median of --repeat runs:
  (a) reading the response files' bytes,
  (b) C-parsing them only (yaml.load with CSafeLoader, keeping the results),
  (c) `audit check` cold, in a fresh process,
  (d) `audit coverage` and `audit report`, likewise,
  (e) `audit --help` and `audit rules`, against `python -c "import click"`,
  (f) peak memory of (c) against a process that C-parses and keeps every file.
Times are printed as ratios to (b) (and (e) to `import click`), so the machine's
speed and load cancel out.

    python bench/run.py                 # 1,000, 5,000 and 20,000 response files
    python bench/run.py --sizes 1000 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

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


ENV = {**os.environ, "PYTHONPATH": str(REPOSITORY), "NO_COLOR": "1"}


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
    rows = []
    click_time = _median([python, "-c", "import click"], args.repeat * 3)
    help_time = _median([*audit, "--help"], args.repeat * 3)
    rules_time = _median([*audit, "rules"], args.repeat * 3)
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            root = Path(scratch) / f"ws-{size}"
            generate(root, size, max(1, size // 100), seed=1)
            workspace = ["--workspace", str(root), "--as-of", "2026-11-23"]
            parse = _median([python, "-c", PARSE_ONLY, str(root)], args.repeat)
            figures = {
                "files": size,
                "read_s": _median([python, "-c", READ_ONLY, str(root)], args.repeat),
                "parse_s": parse,
                "check_s": _median([*audit, "check", *workspace, "--format", "json"], args.repeat),
                "coverage_s": _median([*audit, "coverage", *workspace, "--format", "json"], args.repeat),
                "report_s": _median([*audit, "report", *workspace], args.repeat),
                "parse_kib": _peak_parse(root),
                "check_kib": _peak_check(root),
            }
            rows.append(figures)
    print(f"python -c 'import click': {click_time:.3f} s; audit --help {help_time:.3f} s "
          f"({help_time / click_time:.2f}x); audit rules {rules_time:.3f} s ({rules_time / click_time:.2f}x)")
    print(f"{'files':>7} {'parse s':>8} {'read':>6} {'check':>6} {'coverage':>9} {'report':>7} {'check s/file':>13} {'memory':>7}")
    for r in rows:
        p = r["parse_s"]
        print(
            f"{r['files']:>7,} {p:>8.2f} {r['read_s'] / p:>5.2f}x {r['check_s'] / p:>5.2f}x {r['coverage_s'] / p:>8.2f}x "
            f"{r['report_s'] / p:>6.2f}x {r['check_s'] / r['files'] * 1e3:>10.3f} ms {r['check_kib'] / r['parse_kib']:>6.2f}x"
        )
    if args.json:
        args.json.write_text(json.dumps({"click_s": click_time, "help_s": help_time, "rules_s": rules_time, "sizes": rows}, indent=2))


def _peak_parse(root: Path) -> int:
    return _self_peak([sys.executable, "-c", PARSE_ONLY + _REPORT_PEAK, str(root)])


def _peak_check(root: Path) -> int:
    code = (
        "import sys\nfrom audit.cli import main\n"
        "try:\n    main(['check', '--workspace', sys.argv[1], '--as-of', '2026-11-23', '--format', 'json'])\n"
        "except SystemExit:\n    pass\n" + _REPORT_PEAK
    )
    return _self_peak([sys.executable, "-c", code, str(root)])


_REPORT_PEAK = "\nimport resource, sys\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"


def _self_peak(args: list[str]) -> int:
    """Peak memory in KiB, as the process itself reports it last on stderr."""
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, check=False)
    return int(done.stderr.decode().strip().splitlines()[-1])


if __name__ == "__main__":
    main()
