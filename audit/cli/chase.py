"""``audit chase``: letters to the bodies due a chase, and a record of the chases sent."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

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
from audit.cli._output import Outputs, emit, format_option
from audit.render import CHASES_DUE_FORMATS, LETTER_FORMATS

if TYPE_CHECKING:
    from audit.model import Workspace
    from audit.results import ChasesDue


@click.command()
@click.argument("body_names", metavar="[BODY]...", nargs=-1)
@as_of_option
@workspace_option
@jobs_option
@reports_option
@format_option(
    [*LETTER_FORMATS.names, *CHASES_DUE_FORMATS.names],
    None,
    help=f"The letters' format ({', '.join(LETTER_FORMATS.names)}; eml: a draft email a mail client opens; default: "
    f"{LETTER_FORMATS.default}), or with --dry-run the list's ({', '.join(CHASES_DUE_FORMATS.names)}; "
    f"default: {CHASES_DUE_FORMATS.default}).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="The folder to write the letters into, one file per report and body.",
)
@click.option("--force", is_flag=True, help="Replace letters already in DIR.")
@click.option("--dry-run", is_flag=True, help="List who would be chased on standard output; write nothing.")
@click.option("--record", is_flag=True, help="Add the chases written to data/chases/<report>.yaml (once per body and day).")
@click.option("--sender", multiple=True, metavar="NAME", help="Who signs the letters (repeatable); --record needs it.")
@click.option(
    "--interval",
    type=click.IntRange(min=1),
    metavar="DAYS",
    help="Days after a chase before the next is due (default: the chase-due rule's interval).",
)
@reports_errors
def chase(
    body_names: tuple[str, ...],
    as_of: date | None,
    workspace: Path | None,
    report_ids: tuple[str, ...],
    format_name: str | None,
    output: Path | None,
    force: bool,
    dry_run: bool,
    record: bool,
    sender: tuple[str, ...],
    interval: int | None,
) -> None:
    """Write a letter to each body due a chase (overdue, not chased within the interval), or to each BODY named.

    Each letter lists what the body owes the report: the recommendations addressed to it with
    their text, the due date and how it was derived, how long it is overdue, and the earlier chases.
    """
    from audit import engine
    from audit.chasing import chases_due
    from audit.errors import ConfigError
    from audit.lookup import find_body, find_reports

    table = CHASES_DUE_FORMATS if dry_run else LETTER_FORMATS
    name = format_name or table.default
    if name not in table.names:
        wanted = "--dry-run lists who is due a chase" if dry_run else "letters are written"
        raise ConfigError(f"--format {name}: {wanted} as {' or '.join(table.names)}")
    if not dry_run and output is None:
        raise ConfigError("audit chase writes letters into a folder: give -o DIR (or --dry-run to list who is due)")
    if record and not sender:
        raise ConfigError("--record needs --sender NAME: a chase records who sent it")
    if any(not each.strip() for each in sender):
        raise ConfigError("--sender: a name cannot be blank")
    root = resolve_workspace(workspace)
    if interval is None:
        interval = engine.chase_interval(engine.load_settings(root))
    loaded = load(root, templates=True)
    reports = find_reports(loaded, report_ids)
    due = chases_due(loaded, today(as_of), interval, reports, [find_body(loaded, each) for each in body_names], sender)
    if dry_run:
        emit(CHASES_DUE_FORMATS, due, Outputs(name, (), (), force, to_standard_output=True), render_options())
    else:
        assert output is not None
        _write_letters(loaded, due, name, output, force, record)


def _write_letters(loaded: Workspace, due: ChasesDue, name: str, folder: Path, force: bool, record: bool) -> None:
    """Every letter in ``name``'s format into ``folder``, each made before any is written; then the record."""
    from audit.atomic import write_atomic
    from audit.chasing import record_chases
    from audit.errors import ConfigError
    from audit.render.options import RenderOptions

    write = LETTER_FORMATS.get(name)
    options = RenderOptions(workspace=loaded.root)
    # Made whole first, so that a broken template writes no letter at all.
    letters = {folder / (letter.name + LETTER_FORMATS.suffix(name)): "".join(write(letter, options)) for letter in due.letters}
    existing = [str(path) for path in letters if path.exists() or path.is_symlink()]
    if existing and not force:
        raise ConfigError("\n".join(f"{path}: file exists (use --force to overwrite it)" for path in existing) + "\nnothing was written")
    for path, text in letters.items():
        write_atomic(path, text, overwrite=force)
        click.echo(f"wrote {path}", err=True)
    if not letters:
        click.echo(f"nobody is due a chase as of {due.as_of.isoformat()}", err=True)
    if record:
        changed, skipped = record_chases(loaded, due.letters, LETTER_FORMATS.via(name))
        for letter in skipped:
            owed = letter.standing
            click.echo(f"already recorded: a chase of {owed.body.id} about {owed.report.id} on {due.as_of.isoformat()}", err=True)
        for shown in changed:
            click.echo(f"recorded in {shown}", err=True)
