"""``audit new`` and ``audit draft``: start a data file that is valid as written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from audit.cli._options import as_of_option, jobs_option, load, reports_errors, resolve_workspace, today, workspace_option

if TYPE_CHECKING:
    from audit.model import DateRange

force_option = click.option("--force", is_flag=True, help="Replace an existing file (never one a person has assessed).")


class Received(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """The day a response arrived, or the two days it arrived between: YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD."""

    name = "DATE|EARLIEST..LATEST"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> DateRange:
        from audit.model import DateRange

        if isinstance(value, DateRange):
            return value
        first, _, last = value.partition("..")
        try:
            earliest = date.fromisoformat(first)
            latest = date.fromisoformat(last) if last else earliest
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD) or a range of dates (YYYY-MM-DD..YYYY-MM-DD)", param, ctx)
        if earliest > latest:
            self.fail(f"{value!r}: the first date is after the second", param, ctx)
        return DateRange(earliest, latest)


def received_option(required: bool, help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--received", type=Received(), required=required, help=help)


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
@received_option(True, "The day the response arrived, or the days it arrived between (EARLIEST..LATEST): it decides late or on time.")
@workspace_option
@jobs_option
@force_option
@reports_errors
def new_response(report_id: str, body_name: str, received: DateRange, workspace: Path | None, force: bool) -> None:
    """Write data/responses/REPORT_ID/BODY.yaml listing what BODY owes, every status not assessed."""
    from audit.scaffold import obligation_of, response, save_response

    root = resolve_workspace(workspace)
    loaded = load(root)
    report, body, owed = obligation_of(loaded, report_id, body_name)
    notes = [] if received.exact else [f"Received {received}: narrow it to the day the response arrived once that is known."]
    text = response(report, body, owed, received, {}, notes)
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
@received_option(False, "The day the letter arrived, or the days it arrived between (default: the letter's own date).")
@as_of_option
@workspace_option
@jobs_option
@force_option
@reports_errors
def draft(
    report_id: str,
    body_name: str,
    letter: Path,
    output: Path | None,
    received: DateRange | None,
    as_of: date | None,
    workspace: Path | None,
    force: bool,
) -> None:
    """Draft BODY's response to REPORT from a plain-text LETTER: its date, what it speaks to, the passages.

    Every status is left not assessed for a person to set; what could not be
    found is said on standard error.
    """
    from audit.inputs import read_input_text
    from audit.letters import read_letter
    from audit.scaffold import obligation_of, refuse_unless_loadable, response, save_response

    loaded = load(resolve_workspace(workspace))
    report, body, owed = obligation_of(loaded, report_id, body_name)
    text = read_input_text(letter, "letter")
    reading = read_letter(text, report, [rec.id for rec in owed], today(as_of), received)
    for note in reading.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"speaks to: {', '.join(reading.spoken_to) or 'nothing found'}", err=True)
    text = response(report, body, owed, reading.received, reading.spoken_to, reading.notes, f"Letter {letter.name}")
    if output is not None and str(output) == "-":
        refuse_unless_loadable(text, "-", loaded, report)
        click.echo(text, nl=False)
    else:
        click.echo(f"wrote {save_response(loaded, report, body, text, output, force)}", err=True)
