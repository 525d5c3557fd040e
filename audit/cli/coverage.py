"""``audit coverage`` and ``audit report``: the whole picture, for people who read it."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from audit.cli._options import (
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
from audit.render import COVERAGE_FORMATS

if TYPE_CHECKING:
    from audit.coverage import Coverage

def _coverage(workspace: Path | None, as_of: date | None, report: str | None, kinds: tuple[str, ...]) -> Coverage:
    from audit.coverage import coverage
    from audit.errors import ConfigError
    from audit.load import find_report
    from audit.shape import did_you_mean

    loaded = load(resolve_workspace(workspace))
    if report is not None:
        find_report(loaded, report)
    for kind in kinds:
        if kind not in loaded.kinds:
            raise ConfigError(f"--kind: {kind!r} is not one of: {', '.join(loaded.kinds)}" + did_you_mean(kind, loaded.kinds))
    return coverage(loaded, today(as_of), [report] if report else [], kinds)


report_option = click.option("--report", metavar="ID", help="Only this report (default: every report).")


@click.command()
@as_of_option
@workspace_option
@jobs_option
@report_option
@click.option("--kind", "kinds", multiple=True, metavar="KIND", help="Only bodies of this kind, as the workspace declares it (repeatable).")
@click.option("--format", "format_name", type=click.Choice(list(COVERAGE_FORMATS)), default="terminal", show_default=True)
@reports_errors
def coverage(as_of: date | None, workspace: Path | None, report: str | None, kinds: tuple[str, ...], format_name: str) -> None:
    """Show who has responded to what: the body x recommendation matrix and its summaries."""
    from audit.render import renderer
    from audit.render.options import RenderOptions

    result = _coverage(workspace, as_of, report, kinds)
    options = RenderOptions(color=use_color(sys.stdout), width=terminal_width())
    click.echo(renderer(format_name, COVERAGE_FORMATS).render(result, options), nl=False, color=True)


@click.command()
@as_of_option
@workspace_option
@jobs_option
@report_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE (atomically) instead of standard output (-: standard output).")
@click.option("--force", is_flag=True, help="Let -o replace an existing file.")
@reports_errors
def report(as_of: date | None, workspace: Path | None, report: str | None, output: Path | None, force: bool) -> None:
    """Write a markdown gap report: who is overdue, late, unpublished, and each body's gaps with evidence."""
    from audit.atomic import write_atomic
    from audit.render import renderer
    from audit.render.options import RenderOptions

    text = renderer("markdown", COVERAGE_FORMATS).render(_coverage(workspace, as_of, report, ()), RenderOptions())
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
    else:
        write_atomic(output, text, overwrite=force)
