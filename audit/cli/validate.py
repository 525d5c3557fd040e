"""``audit validate``: check the data files, every problem in every file at once, without the rules."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from audit.cli._options import jobs_option, load, reports_errors, resolve_workspace, workspace_option


@click.command()
@workspace_option
@jobs_option
@click.option("--format", "format_name", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@reports_errors
def validate(workspace: Path | None, format_name: str, paths: tuple[Path, ...]) -> None:
    """Check the workspace's data and rules files, reporting file:line:col: message for every problem.

    With PATHS, only problems in those files (or folders) are shown; the whole
    workspace is still read, since files refer to each other. Exit 0 when
    valid, 2 otherwise.
    """
    from audit import engine
    from audit.errors import DataError, Problem

    root = resolve_workspace(workspace)
    problems: list[Problem] = []
    counts = ""
    for reader in (engine.load_settings, load):
        try:
            loaded = reader(root)
        except DataError as err:
            problems.extend(err.problems)
        else:
            if not isinstance(loaded, dict):
                counts = f"{len(loaded.bodies)} bodies, {len(loaded.reports)} report(s), {len(loaded.responses)} responses"
    wanted = [_relative(path, root) for path in paths]
    shown = sorted(p for p in problems if not wanted or any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted))
    if format_name == "json":
        document = {
            "valid": not shown,
            "problems": [{"path": p.path, "line": p.line, "column": p.column, "message": p.message} for p in shown],
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    elif shown:
        for problem in shown:
            click.echo(str(problem))
        click.echo(f"{len(shown)} problem(s)", err=True)
    else:
        click.echo(f"valid: {counts}" if counts and not wanted else "valid")
    sys.exit(2 if shown else 0)


def _relative(path: Path, root: Path) -> str:
    absolute = path.resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
