"""``audit chase``: letters to the bodies due a chase, and a record of the chases sent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from audit.cli._options import as_of_option, jobs_option, load, reports_errors, resolve_workspace, today, workspace_option
from audit.render import CHASE_FORMATS


@click.command()
@click.argument("body_names", metavar="[BODY]...", nargs=-1)
@as_of_option
@workspace_option
@jobs_option
@click.option("--report", "report_ids", multiple=True, metavar="ID", help="Only this report (repeatable).")
@click.option(
    "--format", "format_name", type=click.Choice(list(CHASE_FORMATS)), default="markdown", show_default=True,
    help="eml: a draft email a mail client opens.",
)
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
    help="The folder to write the letters into, one file per report and body.",
)
@click.option("--force", is_flag=True, help="Replace letters already in DIR.")
@click.option("--dry-run", is_flag=True, help="List who would be chased; write nothing.")
@click.option("--record", is_flag=True, help="Add the chases written to data/chases/<report>.yaml (once per body and day).")
@click.option("--sender", multiple=True, metavar="NAME", help="Who signs the letters (repeatable); --record needs it.")
@click.option(
    "--interval", type=click.IntRange(min=1), metavar="DAYS",
    help="Days after a chase before the next is due (default: the chase-due rule's interval).",
)
@reports_errors
def chase(
    body_names: tuple[str, ...],
    as_of: date | None,
    workspace: Path | None,
    report_ids: tuple[str, ...],
    format_name: str,
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
    from audit.chasing import chases_due, record_chases
    from audit.errors import ConfigError
    from audit.load import find_body, find_report
    from audit.render import renderer
    from audit.render._letters import LetterOptions
    from audit.render.chase_list import render as listing

    if not dry_run and output is None:
        raise ConfigError("audit chase writes letters into a folder: give -o DIR (or --dry-run to list who is due)")
    if record and not sender:
        raise ConfigError("--record needs --sender NAME: a chase records who sent it")
    if any(not name.strip() for name in sender):
        raise ConfigError("--sender: a name cannot be blank")
    root = resolve_workspace(workspace)
    if interval is None:
        interval = int(engine.load_settings(root)["chase-due"].conf["interval"])
    loaded = load(root)
    for report_id in report_ids:
        find_report(loaded, report_id)
    day = today(as_of)
    due = chases_due(loaded, day, interval, report_ids, [find_body(loaded, name) for name in body_names])
    if dry_run:
        click.echo(listing(due), nl=False)
        return
    assert output is not None
    module = renderer(format_name, CHASE_FORMATS)
    options = LetterOptions(day, sender, root)
    letters = {output / (letter.name + module.SUFFIX): module.render(letter, options) for letter in due.letters}
    existing = [str(path) for path in letters if path.exists() or path.is_symlink()]
    if existing and not force:
        raise ConfigError("\n".join(f"{path}: file exists (use --force to overwrite it)" for path in existing) + "\nnothing was written")
    from audit.atomic import write_atomic

    for path, text in letters.items():
        write_atomic(path, text, overwrite=force)
        click.echo(f"wrote {path}", err=True)
    if not letters:
        click.echo(f"nobody is due a chase as of {day.isoformat()}", err=True)
    if record:
        changed, skipped = record_chases(loaded, due.letters, day, sender, module.VIA)
        for letter in skipped:
            owed = letter.obligation
            click.echo(f"already recorded: a chase of {owed.body.id} about {owed.report.id} on {day.isoformat()}", err=True)
        for shown in changed:
            click.echo(f"recorded in {shown}", err=True)
