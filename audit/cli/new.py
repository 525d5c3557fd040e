"""``audit new`` and ``audit draft``: start a data file that is valid as written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from audit.cli._options import as_of_option, jobs_option, load, reports_errors, resolve_workspace, today, workspace_option

force_option = click.option("--force", is_flag=True, help="Replace an existing file (never one a person has assessed).")


@click.group()
def new() -> None:
    """Write a skeleton data file (refuses an existing file unless --force)."""


@new.command("report")
@click.argument("report_id")
@as_of_option
@workspace_option
@force_option
@reports_errors
def new_report(report_id: str, as_of: date | None, workspace: Path | None, force: bool) -> None:
    """Write data/reports/REPORT_ID.yaml, published on --as-of (default today)."""
    import re

    from audit.atomic import write_atomic
    from audit.errors import ConfigError
    from audit.paths import report_file
    from audit.scaffold import new_report as skeleton
    from audit.schemas import ID_PATTERN

    if not re.fullmatch(ID_PATTERN, report_id):
        raise ConfigError(f"{report_id!r} is not a report id (lower-case letters, digits and single hyphens)")
    root = resolve_workspace(workspace)
    path = root / report_file(report_id)
    write_atomic(path, skeleton(report_id, today(as_of)), overwrite=force, within=root)
    click.echo(f"wrote {path.relative_to(root).as_posix()}")


@new.command("response")
@click.argument("report_id")
@click.argument("body_name")
@as_of_option
@workspace_option
@jobs_option
@force_option
@reports_errors
def new_response(report_id: str, body_name: str, as_of: date | None, workspace: Path | None, force: bool) -> None:
    """Write data/responses/REPORT_ID/BODY.yaml listing what BODY owes, every status not assessed."""
    from audit.model import DateRange
    from audit.scaffold import obligation_of, response, save_response

    root = resolve_workspace(workspace)
    loaded = load(root)
    report, body, owed = obligation_of(loaded, report_id, body_name)
    note = "Received: only bounds are known until you set the date the response arrived."
    text = response(report, body, owed, DateRange(report.published, today(as_of)), {}, [note])
    click.echo(f"wrote {save_response(loaded, report, body, text, None, force)}", err=True)


@click.command()
@click.argument("report_id")
@click.argument("body_name")
@click.argument("letter", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write (default: data/responses/REPORT/BODY.yaml; - for standard output).",
)
@as_of_option
@workspace_option
@jobs_option
@force_option
@reports_errors
def draft(
    report_id: str, body_name: str, letter: Path, output: Path | None, as_of: date | None, workspace: Path | None, force: bool
) -> None:
    """Draft BODY's response to REPORT from a plain-text LETTER: its date, what it speaks to, the passages.

    Every status is left not assessed for a person to set; what could not be
    found is said on standard error.
    """
    from audit.errors import ConfigError
    from audit.letters import read_letter
    from audit.scaffold import obligation_of, response, save_response

    loaded = load(resolve_workspace(workspace))
    report, body, owed = obligation_of(loaded, report_id, body_name)
    try:
        text = letter.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{letter}: cannot read the letter as UTF-8 text ({err})") from None
    reading = read_letter(text, report, [rec.id for rec in owed], today(as_of))
    for note in reading.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"speaks to: {', '.join(reading.spoken_to) or 'nothing found'}", err=True)
    text = response(report, body, owed, reading.received, reading.spoken_to, reading.notes, f"Letter {letter.name}")
    if output is not None and str(output) == "-":
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {save_response(loaded, report, body, text, output, force)}", err=True)
