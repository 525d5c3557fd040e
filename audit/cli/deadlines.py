"""``audit deadlines`` and ``audit show``: due dates across reports, and everything one body owes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from audit.cli._options import as_of_option, jobs_option, load, reports_errors, resolve_workspace, today, workspace_option

DEADLINE_FORMATS = ("terminal", "ics")


def _days(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    match = re.fullmatch(r"(\d+)d?", value.strip())
    if not match:
        raise click.BadParameter(f"{value!r}: expected a number of days, such as 30d", ctx, param)
    return int(match.group(1))


@click.command()
@as_of_option
@workspace_option
@jobs_option
@click.option("--report", "report_ids", multiple=True, metavar="ID", help="Only this report (repeatable).")
@click.option("--upcoming", callback=_days, metavar="DAYS", help="Only due days within DAYS of --as-of (e.g. 30d) on which someone still owes.")
@click.option("--format", "format_name", type=click.Choice(DEADLINE_FORMATS), default="terminal", show_default=True)
@reports_errors
def deadlines(as_of: date | None, workspace: Path | None, report_ids: tuple[str, ...], upcoming: int | None, format_name: str) -> None:
    """Show every due date, per report and group of bodies, and how it was derived."""
    import importlib

    from audit.load import find_report
    from audit.render.options import RenderOptions
    from audit.schedule import due_groups

    loaded = load(resolve_workspace(workspace))
    for report_id in report_ids:
        find_report(loaded, report_id)
    day = today(as_of)
    module = importlib.import_module(f"audit.render.deadlines_{format_name}")
    click.echo(module.render(due_groups(loaded, day, report_ids, upcoming), day, RenderOptions()), nl=False)


@click.command()
@click.argument("body_name", metavar="BODY")
@as_of_option
@workspace_option
@jobs_option
@click.option("--report", "report_ids", multiple=True, metavar="ID", help="Only this report (repeatable).")
@reports_errors
def show(body_name: str, as_of: date | None, workspace: Path | None, report_ids: tuple[str, ...]) -> None:
    """Everything BODY (id, name or alias) owes, in every report: status, deadline, each recommendation."""
    from audit.load import find_body, find_report
    from audit.obligations import obligations
    from audit.render.show import render

    loaded = load(resolve_workspace(workspace))
    body = find_body(loaded, body_name)
    for report_id in report_ids:
        find_report(loaded, report_id)
    owed = [o for o in obligations(loaded, report_ids) if o.body.id == body.id]
    click.echo(render(body, owed, today(as_of)), nl=False)
