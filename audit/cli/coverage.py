"""``audit coverage`` and ``audit report``: the whole picture, for people who read it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from audit.cli._options import (
    as_of_option,
    bodies_options,
    chosen_bodies,
    chosen_kinds,
    jobs_option,
    load,
    render_options,
    reports_errors,
    reports_option,
    resolve_workspace,
    today,
    workspace_option,
)
from audit.cli._output import Outputs, emit, output_options
from audit.cli._replay import replayable
from audit.render import COVERAGE_FORMATS

if TYPE_CHECKING:
    from audit.results import Coverage


def _coverage(
    workspace: Path | None, as_of: date | None, report_ids: tuple[str, ...], kinds: tuple[str, ...] = (), body_names: tuple[str, ...] = ()
) -> Coverage:
    from audit import engine
    from audit.coverage import coverage
    from audit.lookup import find_reports

    root = resolve_workspace(workspace)
    addressed = engine.addressed(engine.load_settings(root))
    loaded = load(root)
    reports = find_reports(loaded, report_ids)
    result = coverage(loaded, today(as_of), addressed, reports, chosen_kinds(loaded, kinds), chosen_bodies(loaded, body_names))
    if not result.reports:
        # An empty grid would read as a failure to print; say why it is empty.
        wanted = [f"report {' or '.join(report_ids)}"] * bool(report_ids) + [f"kind {' or '.join(kinds)}"] * bool(kinds)
        wanted += [f"body {' or '.join(body_names)}"] * bool(body_names)
        click.echo(f"audit: nothing matched: no body to show for {', '.join(wanted) or 'this workspace'}", err=True)
    return result


@click.command()
@as_of_option
@workspace_option
@jobs_option
@reports_option
@bodies_options
@output_options(COVERAGE_FORMATS)
@reports_errors
@replayable()
def coverage(
    as_of: date | None,
    workspace: Path | None,
    report_ids: tuple[str, ...],
    body_names: tuple[str, ...],
    kinds: tuple[str, ...],
    output: Outputs,
) -> None:
    """Show who has responded to what: the body x recommendation matrix and its summaries.

    On a terminal, more than 12 reports are shown one line each; --report picks the reports whose grid to show.
    """
    emit(COVERAGE_FORMATS, _coverage(workspace, as_of, report_ids, kinds, body_names), output, render_options())


@click.command()
@as_of_option
@workspace_option
@jobs_option
@reports_option
@output_options(COVERAGE_FORMATS, default="markdown", bare="markdown", force_help="Let --output replace an existing file.")
@reports_errors
@replayable()
def report(as_of: date | None, workspace: Path | None, report_ids: tuple[str, ...], output: Outputs) -> None:
    """Write a markdown gap report: who is overdue, late, unpublished, and each body's gaps with evidence.

    -o FILE writes it to FILE (atomically) instead of standard output.
    """
    emit(COVERAGE_FORMATS, _coverage(workspace, as_of, report_ids), output, render_options())
