"""``audit diff``: what changed between a past revision of the workspace on one day and its working tree on another."""

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
    reports_errors,
    resolve_workspace,
    terminal_width,
    today,
    use_color,
    workspace_option,
)
from audit.render import DIFF_FORMATS


@click.command()
@click.option(
    "--since", "revision", metavar="REV", help="Compare with the workspace as git revision REV holds it (default: the working tree)."
)
@click.option(
    "--since-date", type=IsoDate(), default=None, help="Judge the earlier state as on this day, YYYY-MM-DD (default: the --as-of day)."
)
@as_of_option
@workspace_option
@jobs_option
@click.option("--report", "report_ids", multiple=True, metavar="ID", help="Only this report (repeatable; default: every report).")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(list(DIFF_FORMATS)),
    default="terminal",
    show_default=True,
    help="The format printed on standard output.",
)
@click.option(
    "--fail-on-new", type=click.Choice(SEVERITIES), default=None, help="Exit 1 when a new finding at or above this severity appeared."
)
@reports_errors
def diff(
    revision: str | None,
    since_date: date | None,
    as_of: date | None,
    workspace: Path | None,
    report_ids: tuple[str, ...],
    format_name: str,
    fail_on_new: str | None,
) -> None:
    """Show what changed: responses, statuses, findings and deadlines, per report.

    The earlier state is revision --since (default: the working tree) judged on
    --since-date; the later one is the working tree judged on --as-of. Exit 0,
    or 1 with --fail-on-new when a new finding at or above it appeared; 2 when
    the data, the options or the git history cannot be read.
    """
    from audit import diff as differences
    from audit import engine
    from audit.load import find_report
    from audit.model import Severity
    from audit.render import renderer
    from audit.render.options import RenderOptions

    root = resolve_workspace(workspace)
    later = differences.working_tree(load(root), engine.load_settings(root))
    for report_id in report_ids:
        find_report(later.workspace, report_id)
    jobs = click.get_current_context().meta.get("audit.jobs", 1)
    earlier = later if revision is None else differences.read_revision(root, revision, jobs)
    day = today(as_of)
    result = differences.compare(earlier, later, since_date or day, day, report_ids)
    options = RenderOptions(color=use_color(sys.stdout), width=terminal_width())
    click.echo(renderer(format_name, DIFF_FORMATS).render(result, options), nl=False, color=True)
    sys.exit(1 if differences.fails(result, Severity(fail_on_new) if fail_on_new else None) else 0)
