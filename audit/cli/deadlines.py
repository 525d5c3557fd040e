"""``audit deadlines`` and ``audit show``: due dates across reports, and everything one body owes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from audit.cli._options import (
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
from audit.cli._replay import replayable
from audit.render import ONE_BODY_FORMATS, SCHEDULE_FORMATS


def _days(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    from audit.schemas import MAX_YEARS

    match = re.fullmatch(r"(\d+)d?", value.strip())
    if not match:
        raise click.BadParameter(f"{value!r}: expected a number of days, such as 30d", ctx, param)
    if int(match.group(1)) > 366 * MAX_YEARS:
        raise click.BadParameter(f"{value!r}: at most {366 * MAX_YEARS} days ({MAX_YEARS} years)", ctx, param)
    return int(match.group(1))


@click.command()
@as_of_option
@workspace_option
@jobs_option
@reports_option
@click.option(
    "--upcoming", callback=_days, metavar="DAYS", help="Only due days within DAYS of --as-of (e.g. 30d) on which someone still owes."
)
@output_options(SCHEDULE_FORMATS)
@reports_errors
@replayable()
def deadlines(as_of: date | None, workspace: Path | None, report_ids: tuple[str, ...], upcoming: int | None, output: Outputs) -> None:
    """Show every due date, per report and group of bodies, and how it was derived."""
    from audit.lookup import find_reports
    from audit.schedule import schedule

    loaded = load(resolve_workspace(workspace))
    emit(SCHEDULE_FORMATS, schedule(loaded, today(as_of), find_reports(loaded, report_ids), upcoming), output, render_options())


@click.command()
@click.argument("body_name", metavar="BODY")
@as_of_option
@workspace_option
@jobs_option
@reports_option
@click.option("--history", "with_history", is_flag=True, help="Also show when each fact about BODY changed, from the git log of the data.")
@output_options(ONE_BODY_FORMATS)
@reports_errors
@replayable(unless=("with_history",))
def show(
    body_name: str, as_of: date | None, workspace: Path | None, report_ids: tuple[str, ...], with_history: bool, output: Outputs
) -> None:
    """Everything BODY (id, name or alias) owes, in every report: status, deadline, each recommendation."""
    from audit import engine
    from audit.coverage import one_body
    from audit.history import history
    from audit.lookup import find_body, find_reports

    root = resolve_workspace(workspace)
    addressed = engine.addressed(engine.load_settings(root))
    loaded = load(root)
    body = find_body(loaded, body_name)
    reports = find_reports(loaded, report_ids)
    told = history(root, loaded, body.id, click.get_current_context().meta.get("audit.jobs", 1)) if with_history else None
    result = one_body(loaded, body, today(as_of), addressed, reports, told)
    emit(ONE_BODY_FORMATS, result, output, render_options())
