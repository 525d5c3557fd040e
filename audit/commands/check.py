"""``audit check``: run the rule set and report findings, with a CI-friendly exit code."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from audit.commands._options import (
    SEVERITIES,
    as_of_option,
    reports_errors,
    resolve_workspace,
    split_names,
    terminal_width,
    today,
    use_color,
    workspace_option,
)
from audit.render import FORMATS, RenderOptions


@click.command()
@as_of_option
@workspace_option
@click.option("--format", "format_name", type=click.Choice(list(FORMATS)), default="terminal", show_default=True)
@click.option("--select", multiple=True, callback=split_names, metavar="RULE", help="Run only these rules (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, callback=split_names, metavar="RULE", help="Skip these rules (repeatable, or comma-separated).")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True, help="The least severity that makes the exit code 1.")
@reports_errors
def check(
    as_of: date | None,
    workspace: Path | None,
    format_name: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
) -> None:
    """Run the rule set on the workspace and report findings.

    Exit 0: nothing at or above --fail-on; 1: findings at or above it;
    2: the data or the options are broken.
    """
    from audit import engine
    from audit.load import load_workspace
    from audit.model import Severity
    from audit.render import renderer

    root = resolve_workspace(workspace)
    settings = engine.load_settings(root)
    engine.chosen_rules(settings, select, ignore)
    result = engine.run(load_workspace(root), today(as_of), settings, select, ignore)
    options = RenderOptions(color=use_color(sys.stdout), width=terminal_width())
    click.echo(renderer(format_name).render(result, options), nl=False, color=options.color)
    sys.exit(engine.exit_code(result.findings, Severity(fail_on)))
