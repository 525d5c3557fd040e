"""Every command's work grows with the workspace, not with reports x bodies: proven by counting, not timing.

Each command runs, in one process, on workspaces of the many-reports shape (reports of one or two
bodies each) at two sizes; every time any code looks at a body of the workspace (iterating the
bodies, or fetching or testing one by id) is counted. Doubling the reports, or the bodies, or both,
must no more than double the count: work that grew with reports x bodies would quadruple it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import REPOSITORY, RunCli
from hypothesis import given, settings
from hypothesis import strategies as st

from audit import load, obligations
from audit.addressees import BodyIndex, addressees
from audit.deadlines import Days
from audit.model import Body, Recommendation, Report

sys.path.insert(0, str(REPOSITORY / "bench"))

from generate import generate_many_reports

AS_OF = "2026-11-23"
COMMANDS = [
    ["check", "--format", "json", "--as-of", AS_OF],
    ["validate"],
    ["coverage", "--format", "json", "--as-of", AS_OF],
    ["report", "--as-of", AS_OF],
    ["deadlines", "--as-of", AS_OF],
    ["deadlines", "--as-of", AS_OF, "--report", "report-00001", "--report", "report-00002"],
    ["show", "force-1", "--as-of", AS_OF],
]


class CountingBodies(Mapping[str, Body]):
    """The workspace's bodies, counting every body looked at, however it is reached."""

    def __init__(self, bodies: dict[str, Body], visits: list[int]):
        self._bodies = bodies
        self._visits = visits

    def __getitem__(self, body_id: str) -> Body:
        self._visits[0] += 1
        return self._bodies[body_id]

    def __iter__(self) -> Iterator[str]:
        for body_id in self._bodies:
            self._visits[0] += 1
            yield body_id

    def __len__(self) -> int:
        return len(self._bodies)


def _visits(command: list[str], root: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> int:
    visits = [0]
    real = load._Loader.load_bodies

    def counted(self: load._Loader) -> Any:
        return CountingBodies(real(self), visits)

    monkeypatch.setattr(load._Loader, "load_bodies", counted)
    result = run_cli(*command, "--workspace", str(root), "-j", "1")
    assert result.exit_code in (0, 1), result.output
    return visits[0]


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, int], Path]:
    """Workspaces by (reports, bodies): a base, twice the reports, twice the bodies, twice both."""
    made = {}
    for reports, bodies in ((300, 200), (600, 200), (300, 400), (600, 400)):
        root = tmp_path_factory.mktemp(f"ws-{reports}-{bodies}")
        generate_many_reports(root, reports, bodies, seed=2)
        made[(reports, bodies)] = root
    return made


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:1] + c[3:]) for c in COMMANDS])
def test_body_visits_grow_linearly_along_each_axis(
    command: list[str], workspaces: dict[tuple[int, int], Path], run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = _visits(command, workspaces[(300, 200)], run_cli, monkeypatch)
    assert base > 0
    for doubled in ((600, 200), (300, 400), (600, 400)):
        grown = _visits(command, workspaces[doubled], run_cli, monkeypatch)
        assert grown <= 2.1 * base, f"{doubled}: {grown} body visits against {base} at (300, 200)"


def test_only_the_reports_asked_for_are_worked_out(
    workspaces: dict[tuple[int, int], Path], run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real = obligations.respondents

    def spy(report: Any, *args: Any) -> Any:
        asked.append(report.id)
        return real(report, *args)

    monkeypatch.setattr(obligations, "respondents", spy)
    two = ["--report", "report-00002", "--report", "report-00007"]
    for command, wanted in (
        (["deadlines", *two], ["report-00002", "report-00007"]),
        (["check", *two], ["report-00002", "report-00007"]),
        (["show", "force-1", *two], ["report-00002", "report-00007"]),
        (["coverage", "--report", "report-00007"], ["report-00007"]),
    ):
        asked.clear()
        result = run_cli(*command, "--as-of", AS_OF, "--workspace", str(workspaces[(300, 200)]))
        assert result.exit_code in (0, 1), result.output
        assert sorted(asked) == wanted, command


_NAMES = st.sampled_from(["force", "pcc", "all", "b0", "b1", "b2", "b3"])


@settings(max_examples=300)
@given(
    kinds=st.lists(st.sampled_from(["force", "pcc"]), min_size=4, max_size=4),
    ceased=st.lists(st.booleans(), min_size=4, max_size=4),
    order=st.permutations(range(4)),
    to=st.lists(st.lists(_NAMES, min_size=1, max_size=3), min_size=1, max_size=4),
)
def test_a_report_addresses_each_body_what_a_walk_over_every_body_finds(
    kinds: list[str], ceased: list[bool], order: list[int], to: list[list[str]]
) -> None:
    # Worked out from an index, without sorting each recommendation's bodies: the same bodies, in the
    # workspace's order, each with its recommendations in the report's order, once each, as a walk
    # over every body for every recommendation finds them.
    published = date(2021, 1, 1)
    bodies = {
        f"b{i}": Body(f"b{i}", f"B{i}", kinds[i], None, (), None, i, existed_until=date(2020, 1, 1) if ceased[i] else None) for i in order
    }
    recs = tuple(Recommendation(str(n), "recommendation", tuple(names), "", False, n) for n, names in enumerate(to))
    report = Report("r", "R", "R", None, published, None, Days(56), recs, "data/reports/r.yaml")

    def names(rec: Recommendation, body: Body) -> bool:
        return body.kind in rec.to or body.id in rec.to

    walked = {}
    for body in bodies.values():
        own = [rec for rec in recs if "all" not in rec.to and names(rec, body)]
        if own and body.existed_on(published):
            walked[body.id] = [rec for rec in recs if "all" in rec.to or names(rec, body)]
    found = addressees(report, BodyIndex(bodies))
    assert list(found.items()) == list(walked.items())
