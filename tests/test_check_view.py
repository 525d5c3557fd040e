"""What ``audit check`` shows a person, and which bodies it looks at: the overview, the order of
severities, what is counted instead of listed, and the --body and --kind filters."""

from __future__ import annotations

import functools
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import REPOSITORY, TESTS, RunCli, write
from hypothesis import given, settings
from hypothesis import strategies as st

from audit.coverage import chosen, coverage_of, overviews
from audit.load import load_workspace
from audit.model import Workspace
from audit.vocabulary import Status

TWO_REPORTS = TESTS / "workspaces" / "two-reports"
AS_OF = ("--as-of", "2022-01-01")


@pytest.fixture
def two_reports(tmp_path: Path) -> Path:
    """The two-reports workspace, with an alias for North Police."""
    root = tmp_path / "ws"
    shutil.copytree(TWO_REPORTS, root)
    bodies = (root / "data" / "bodies.yaml").read_text(encoding="utf-8")
    write(root, "data/bodies.yaml", bodies.replace("name: North Police,", "name: North Police, aliases: [Northern Constabulary],"))
    return root


def test_overview_counts_each_report_from_its_coverage(two_reports: Path) -> None:
    from audit import engine
    from audit.load import load_workspace
    from audit.vocabulary import Timeliness

    settings = engine.load_settings(two_reports)
    result = engine.run(
        load_workspace(two_reports), date(2022, 1, 1), engine.chosen_rules(settings, (), ()), addressed=engine.addressed(settings)
    )
    first, second = result.overview
    assert (first.report.id, first.owing, first.replied, first.unpublished, first.unaddressed, first.not_assessed) == ("r", 3, 2, 1, 1, 1)
    assert dict(first.deadlines) == {
        Timeliness.MET: 1, Timeliness.LATE: 1, Timeliness.CANNOT_TELL: 0, Timeliness.PENDING: 0, Timeliness.OVERDUE: 1
    }
    assert (second.report.id, second.owing, second.replied, second.deadlines[Timeliness.OVERDUE]) == ("r-2", 1, 0, 1)
    # An overdue body owes no recommendation it could have left unaddressed.
    assert (second.unaddressed, second.not_assessed) == (0, 0)


def test_check_shows_the_overview_then_errors_then_warnings_and_counts_info(two_reports: Path, run_cli: RunCli) -> None:
    result = run_cli("check", *AS_OF, cwd=two_reports)
    assert result.exit_code == 1
    assert result.stdout == (
        "Overview as of 2022-01-01\n"
        "A report (r), due 2021-02-28\n"
        "  3 bodies owing: 2 replied (1 on time, 1 late), 1 overdue, 0 pending\n"
        "  1 unpublished; 1 recommendation unaddressed, 1 not assessed\n"
        "Second (r-2), due 2021-01-18\n"
        "  1 body owing: 0 replied, 1 overdue, 0 pending\n"
        "  0 unpublished; 0 recommendations unaddressed, 0 not assessed\n"
        "\n"
        "Errors (3)\n"
        "data/responses/r/north-police.yaml · North Police\n"
        "     6  recommendation-unaddressed  recommendation 1 is not addressed: the response is marked\n"
        "                                    deferred\n"
        "South Police · r · no response file\n"
        "     -  response-missing            no response from South Police: it was due on 2021-02-28 and is\n"
        "                                    307 days overdue\n"
        "Home Office · r-2 · no response file\n"
        "     -  response-missing            no response from Home Office: it was due on 2021-03-31 and is\n"
        "                                    276 days overdue\n"
        "\n"
        "Warnings (4)\n"
        "data/responses/r/north-police.yaml · North Police\n"
        "     3  deadline-missed             the response was received on 2021-03-01, 1 day after the\n"
        "                                    deadline of 2021-02-28\n"
        "     4  response-unpublished        the response from North Police was received but has not been\n"
        "                                    published\n"
        "South Police · r · no response file\n"
        "     -  chase-due                   South Police is 307 days overdue and has never been chased\n"
        "Home Office · r-2 · no response file\n"
        "     -  chase-due                   Home Office is 276 days overdue and has never been chased\n"
        "\n"
        "Not listed: 1 info (--show info lists them).\n"
        "Found 3 errors, 4 warnings, 1 info as of 2022-01-01: 2 reports, 4 bodies owing responses, 8 rules\n"
        "run.\n"
    )


def test_show_and_verbose_choose_what_is_listed_never_the_exit_code(two_reports: Path, run_cli: RunCli) -> None:
    errors_only = run_cli("check", *AS_OF, "--show", "error", "--fail-on", "warning", cwd=two_reports)
    assert errors_only.exit_code == 1
    assert "Warnings (" not in errors_only.stdout and "Errors (3)" in errors_only.stdout
    assert "Not listed: 4 warnings and 1 info (--show info lists them).\n" in errors_only.stdout
    verbose = run_cli("check", *AS_OF, "-v", "--select", "recommendation-not-assessed", cwd=two_reports)
    assert verbose.exit_code == 0
    assert "Info (1)\ndata/responses/r/north-pcc.yaml · North PCC\n     1  recommendation-not-assessed  recommendation 3" in verbose.stdout
    hidden = run_cli("check", *AS_OF, "--select", "recommendation-not-assessed", "--fail-on", "info", cwd=two_reports)
    assert hidden.exit_code == 1
    assert "recommendation 3" not in hidden.stdout


@pytest.mark.parametrize("named", ["north-police", "North Police", "north police", "Northern Constabulary"])
def test_body_is_named_by_id_name_or_alias(named: str, two_reports: Path, run_cli: RunCli) -> None:
    result = run_cli("check", *AS_OF, "--body", named, "--format", "json", cwd=two_reports)
    document = json.loads(result.stdout)
    assert {f["body"] for f in document["findings"]} == {"north-police"}
    assert [(o["report"], o["owing"]) for o in document["overview"]] == [("r", 1)]


def test_body_and_kind_filter_check_as_they_do_coverage(two_reports: Path, run_cli: RunCli) -> None:
    def bodies(*args: str) -> tuple[set[str], set[str]]:
        check = json.loads(run_cli("check", *AS_OF, *args, "--format", "json", cwd=two_reports).stdout)
        coverage = json.loads(run_cli("coverage", *AS_OF, *args, "--format", "json", cwd=two_reports).stdout)
        return {f["body"] for f in check["findings"]}, {b["body"] for r in coverage["reports"] for b in r["bodies"]}

    assert bodies("--body", "south-police", "--body", "home-office") == ({"south-police", "home-office"},) * 2
    assert bodies("--kind", "force") == ({"north-police", "south-police"},) * 2
    # Both filters: the bodies named that are of the kinds named.
    assert bodies("--kind", "national", "--body", "home-office", "--body", "north-pcc") == ({"home-office"},) * 2


def test_unknown_body_is_refused_with_a_suggestion(two_reports: Path, run_cli: RunCli) -> None:
    for command in ("check", "coverage"):
        result = run_cli(command, *AS_OF, "--body", "south-polce", cwd=two_reports)
        assert (result.exit_code, result.stderr) == (2, "audit: unknown body 'south-polce' (did you mean 'south-police'?)\n")


NAME_PARTS = st.sampled_from(
    ["North", "Police", "and", "Crime", "Commissioner", "警察本部", "Ōsaka-Fu", "a-very-long-hyphenated-name", "é", "x" * 70]
)


@settings(max_examples=25)
@given(words=st.lists(NAME_PARTS, min_size=1, max_size=12), width=st.sampled_from([60, 80, 120, 200]))
def test_no_line_of_the_check_is_wider_than_the_terminal_whatever_the_names(words: list[str], width: int) -> None:
    import tempfile

    from rich.cells import cell_len

    from audit import engine
    from audit.load import load_workspace
    from audit.render import FINDINGS_FORMATS
    from audit.render.options import RenderOptions
    from audit.vocabulary import Severity

    name = " ".join(words)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ws"
        shutil.copytree(TWO_REPORTS, root)
        bodies = (root / "data" / "bodies.yaml").read_text(encoding="utf-8")
        write(root, "data/bodies.yaml", bodies.replace("name: South Police", f"name: {json.dumps(name)}"))
        settings_ = engine.load_settings(root)
        result = engine.run(
            load_workspace(root), date(2022, 1, 1), engine.chosen_rules(settings_, (), ()), addressed=engine.addressed(settings_)
        )
    shown = "".join(FINDINGS_FORMATS.get("terminal")(result, RenderOptions(width=width, show=Severity.INFO)))
    assert max(cell_len(line) for line in shown.splitlines()) <= width
    # The name is shown whole: wrapped, never cut.
    assert "".join(name.split()) in "".join(shown.split())



@functools.cache
def _shipped_workspace() -> Workspace:
    return load_workspace(REPOSITORY, cache=False)


@settings(max_examples=25, deadline=None)
@given(as_of=st.dates(date(2020, 6, 1), date(2027, 12, 31)), addressed=st.sets(st.sampled_from(list(Status))))
def test_check_counts_its_overview_as_coverage_does_on_the_shipped_data(as_of: date, addressed: set[Status]) -> None:
    # check counts straight from the obligations, without each body's standing: the same numbers.
    workspace = _shipped_workspace()
    counted = sorted(addressed, key=list(Status).index)
    owed = chosen(workspace, as_of)
    expected = tuple(report.overview for report in coverage_of(owed, as_of, counted, workspace.kinds.values()).reports)
    assert overviews(owed, as_of, counted) == expected
    # Every report published by then has its overview (before the first is published, none do).
    assert len(expected) == len({o.report.id for o in owed}) == sum(r.published <= as_of for r in workspace.reports.values())
