"""``audit validate``: check the data files, every problem in every file at once, without the rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from audit.cli._options import jobs_option, load, render_options, reports_errors, resolve_workspace, workspace_option
from audit.cli._output import Outputs, emit, output_options
from audit.cli._replay import replayable
from audit.render import VALIDATION_FORMATS


@click.command()
@workspace_option
@jobs_option
@output_options(VALIDATION_FORMATS)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@reports_errors
@replayable()
def validate(workspace: Path | None, output: Outputs, paths: tuple[Path, ...]) -> None:
    """Check the workspace's data and rules files, reporting file:line:col: message for every problem.

    With PATHS, only problems in those files (or folders) are shown; the whole
    workspace is still read, since files refer to each other. Exit 0 when
    valid, 2 otherwise.
    """
    from audit.validation import validation

    root = resolve_workspace(workspace)
    result = validation(root, load, tuple(_relative(path, root) for path in paths))
    emit(VALIDATION_FORMATS, result, output, render_options())
    if not result.valid and output.format_name != "json":
        click.echo(f"{len(result.problems)} problem(s)", err=True)
    sys.exit(0 if result.valid else 2)


def _relative(path: Path, root: Path) -> str:
    """The workspace-relative name of a file or folder to report on; anything the tool does not read is refused,
    since "valid" would then say nothing about it."""
    from audit.errors import ConfigError
    from audit.paths import DATA_DIR, RULES_DIR

    relative = path.resolve().relative_to(root) if path.resolve().is_relative_to(root) else None
    if relative is None or not (relative == Path() or relative.parts[0] in (DATA_DIR, RULES_DIR)):
        where = f"the workspace's {DATA_DIR}/ or {RULES_DIR}/ (the workspace is {root})"
        raise ConfigError(f"{path}: not in {where}: validate reads nothing else")
    return relative.as_posix()
