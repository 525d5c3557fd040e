"""The command line: options in, the core called, a renderer picked, an exit code out."""

from __future__ import annotations

import functools
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, Callable

import click

from audit import __version__
from audit.render import FORMATS, RenderOptions

SEVERITIES = ("error", "warning", "info")


class IsoDate(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)


def _rule_names(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept ``--select a --select b`` and ``--select a,b`` alike."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the tool's own errors into a message on stderr and exit 2 (``--debug``: a traceback)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from audit.errors import AuditError

        try:
            return command(*args, **kwargs)
        except AuditError as err:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            for line in str(err).splitlines():
                click.echo(f"audit: {line}", err=True)
            sys.exit(2)

    return wrapper


def use_color(stream: Any) -> bool:
    """Colour on a terminal unless NO_COLOR is set; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return bool(getattr(stream, "isatty", lambda: False)())


def workspace_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--workspace",
        type=click.Path(file_okay=False, path_type=Path),
        help="The workspace folder (default: the nearest folder above holding data/bodies.yaml).",
    )(command)


def as_of_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--as-of",
        type=IsoDate(),
        default=None,
        help="Judge as on this day, YYYY-MM-DD (default: today).",
    )(command)


def resolve_workspace(workspace: Path | None) -> Path:
    from audit.load import find_workspace

    return find_workspace(workspace if workspace is not None else Path.cwd())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit")
@click.option("--debug", is_flag=True, help="Show a traceback when the tool fails (for developers).")
def main(debug: bool) -> None:
    """Check that the bodies a report addresses have responded: in time, in public, in full."""


@main.command()
@as_of_option
@workspace_option
@click.option("--format", "format_name", type=click.Choice(list(FORMATS)), default="terminal", show_default=True)
@click.option("--select", multiple=True, callback=_rule_names, metavar="RULE", help="Run only these rules (repeatable, or comma-separated).")
@click.option("--ignore", multiple=True, callback=_rule_names, metavar="RULE", help="Skip these rules (repeatable, or comma-separated).")
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
    result = engine.run(load_workspace(root), as_of or date.today(), settings, select, ignore)
    stdout = click.get_text_stream("stdout")
    options = RenderOptions(color=use_color(stdout), width=_width())
    click.echo(renderer(format_name).render(result, options), nl=False, color=options.color)
    sys.exit(engine.exit_code(result.findings, Severity(fail_on)))


def _width() -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).columns
