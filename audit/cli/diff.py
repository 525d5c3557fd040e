"""``audit diff``: what changed between two states of the workspace, each a git revision (or the working tree) on a day."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from audit.cli._options import (
    SEVERITIES,
    IsoDate,
    as_of_option,
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
from audit.render import DIFF_FORMATS


@click.command()
@click.option("--since", metavar="REV", help="The earlier state: the workspace as git revision REV holds it (default: the working tree).")
@click.option("--until", metavar="REV", help="The later state: the workspace as git revision REV holds it (default: the working tree).")
@click.option(
    "--since-date", type=IsoDate(), default=None, help="Judge the earlier state as on this day, YYYY-MM-DD (default: the --as-of day)."
)
@as_of_option
@workspace_option
@jobs_option
@reports_option
@output_options(DIFF_FORMATS)
@click.option(
    "--fail-on-new", type=click.Choice(SEVERITIES), default=None, help="Exit 1 when a new finding at or above this severity appeared."
)
@reports_errors
def diff(
    since: str | None,
    until: str | None,
    since_date: date | None,
    as_of: date | None,
    workspace: Path | None,
    report_ids: tuple[str, ...],
    output: Outputs,
    fail_on_new: str | None,
) -> None:
    """Show what changed: responses, statuses, findings and deadlines, per report.

    The earlier state is revision --since (default: the working tree) judged on
    --since-date; the later one is revision --until (default: the working tree)
    judged on --as-of. Exit 0, or 1 with --fail-on-new when a new finding at or
    above it appeared; 2 when the data, the options or the git history cannot be read.
    """
    from audit import diff as differences
    from audit import engine
    from audit.model import Severity

    root = resolve_workspace(workspace)
    jobs = click.get_current_context().meta.get("audit.jobs", 1)

    def state(revision: str | None) -> differences.Snapshot:
        if revision is None:
            return differences.working_tree(load(root), engine.load_settings(root))
        return differences.read_revision(root, revision, jobs)

    later = state(until)
    earlier = later if since == until else state(since)
    day = today(as_of)
    result = differences.compare(earlier, later, since_date or day, day, differences.named_reports(earlier, later, report_ids))
    emit(DIFF_FORMATS, result, output, render_options())
    sys.exit(1 if differences.fails(result, Severity(fail_on_new) if fail_on_new else None) else 0)
