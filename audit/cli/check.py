"""``audit check``: run the rule set and report findings, with a CI-friendly exit code."""

from __future__ import annotations

import dataclasses
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from audit.cli._options import (
    SEVERITIES,
    as_of_option,
    bodies_options,
    checked,
    checkout_prefix,
    chosen_bodies,
    chosen_kinds,
    jobs_option,
    render_options,
    reports_errors,
    reports_option,
    resolve_workspace,
    split_names,
    today,
    workspace_option,
)
from audit.cli._output import Outputs, emit, one_file_each, output_options
from audit.cli._replay import replayable
from audit.render import FINDINGS_FORMATS

if TYPE_CHECKING:
    from audit.model import Workspace
    from audit.results import Findings


@click.command()
@as_of_option
@workspace_option
@jobs_option
@output_options(FINDINGS_FORMATS, force_help="Let --output and --write-baseline replace existing files.")
@click.option(
    "--select", multiple=True, callback=split_names, metavar="RULE", help="Run only these rules (repeatable, or comma-separated)."
)
@click.option("--ignore", multiple=True, callback=split_names, metavar="RULE", help="Skip these rules (repeatable, or comma-separated).")
@click.option(
    "--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True, help="The least severity that makes the exit code 1."
)
@click.option(
    "--show",
    type=click.Choice(SEVERITIES),
    default="warning",
    show_default=True,
    help="The least severity listed on the terminal and annotated by --format github; the rest are counted. "
    "It never changes the exit code.",
)
@click.option("-v", "--verbose", is_flag=True, help="List every finding: the same as --show info.")
@reports_option
@bodies_options
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means the tool failed).")
@click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), help="Fail only on findings not in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), help="Write the findings to this baseline file.")
@reports_errors
@replayable(reads=("baseline",))
def check(
    as_of: date | None,
    workspace: Path | None,
    output: Outputs,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    show: str,
    verbose: bool,
    report_ids: tuple[str, ...],
    body_names: tuple[str, ...],
    kinds: tuple[str, ...],
    exit_zero: bool,
    baseline: Path | None,
    write_baseline: Path | None,
) -> None:
    """Run the rule set on the workspace and report findings.

    Exit 0: nothing at or above --fail-on; 1: findings at or above it;
    2: the data or the options are broken.
    """
    from audit import baseline as baselines
    from audit import engine
    from audit.cli._replay import write_file
    from audit.lookup import find_reports
    from audit.model import Severity

    if write_baseline is not None:
        one_file_each([*output.files(), ("--write-baseline", write_baseline)])
    root = resolve_workspace(workspace)
    settings = engine.load_settings(root)
    # Rule names are checked before the data is read, so a typo fails fast.
    rules = engine.chosen_rules(settings, select, ignore)
    accepted = baselines.read(baseline) if baseline is not None else frozenset()
    day = today(as_of)

    def run(loaded: Workspace) -> Findings:
        return engine.run(
            loaded,
            day,
            rules,
            find_reports(loaded, report_ids),
            addressed=engine.addressed(settings),
            bodies=chosen_bodies(loaded, body_names),
            kinds=chosen_kinds(loaded, kinds),
        )

    # Reports named: each must be found in the whole workspace, not in a part of it.
    result = checked(root, run, in_parts=not report_ids)
    if write_baseline is not None:
        write_file(write_baseline, baselines.dump(result.findings), overwrite=output.force)
        # Every finding is in the baseline now: none of them fails this run.
        click.echo(f"wrote {len(result.findings)} finding(s) to the baseline {write_baseline}", err=True)
        exit_zero = True
    if accepted:
        fresh = baselines.new_findings(result.findings, accepted)
        click.echo(f"{len(result.findings) - len(fresh)} finding(s) are in the baseline {baseline} and not shown", err=True)
        result = dataclasses.replace(result, findings=fresh)
    options = render_options(fail_on=Severity(fail_on), show=Severity.INFO if verbose else Severity(show))
    options = options._replace(path_prefix=checkout_prefix(root))
    emit(FINDINGS_FORMATS, result, output, options)
    sys.exit(0 if exit_zero else engine.exit_code(result.findings, options.fail_on))
