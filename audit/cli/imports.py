"""``audit import``: bring data in from a published status page or a table, checked before anything is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from audit.cells import DELIMITERS
from audit.cli._options import IsoDate, jobs_option, load, render_options, reports_errors, resolve_workspace, workspace_option
from audit.cli._output import Outputs, emit, output_options
from audit.render import IMPORT_FORMATS

if TYPE_CHECKING:
    from audit.results import Import

dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Show what would be written (--format diff: the changes themselves), and write nothing."
)
import_output_options = output_options(
    IMPORT_FORMATS,
    force_help="Replace existing data files (never a response in which a person has assessed a recommendation), and --output files.",
)


@click.group("import")
def import_group() -> None:
    """Bring data in from a status page or a table (refuses to write anything the loader would refuse)."""


@import_group.command("status-page")
@click.argument("page", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--report", "report_id", required=True, metavar="ID", help="The report the page lists responses to.")
@click.option("--page-date", type=IsoDate(), default=None, help="The page's date, where the text does not give it (YYYY-MM-DD).")
@click.option("--skip-unmatched", is_flag=True, help="Import the lines that can be read, skipping (and listing) those that cannot.")
@dry_run_option
@workspace_option
@jobs_option
@import_output_options
@reports_errors
def status_page(
    page: Path, report_id: str, page_date: date | None, skip_unmatched: bool, dry_run: bool, workspace: Path | None, output: Outputs
) -> None:
    """Write a response file for every body PAGE lists as having replied to the report.

    Each is received by the page's date (after the report's publication), published
    or not as the page says, every recommendation not assessed. Nothing is written
    unless every body line is matched to a body, or --skip-unmatched is given.
    """
    from audit.lookup import find_report
    from audit.statuspage import plan_status_page, read_status_page

    loaded = load(resolve_workspace(workspace))
    report = find_report(loaded, report_id)
    read = read_status_page(_read_text(page), loaded.kinds.values(), loaded.bodies.values())
    plan = plan_status_page(loaded, report, read, str(page), page_date=page_date, force=output.force, skip_unread=skip_unmatched)
    _carry_out(loaded.root, plan, dry_run, output)


def _read_text(path: Path) -> str:
    from audit.inputs import read_input_text

    return read_input_text(path, "status page")


def _carry_out(root: Path, plan: Import, dry_run: bool, output: Outputs) -> None:
    """Check the plan with the loader, write it (unless --dry-run), and show what was done."""
    from audit.importing import carry_out

    emit(IMPORT_FORMATS, carry_out(root, plan, dry_run), output, render_options())


def _pairs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    pairs = {}
    for value in values:
        left, equals, right = value.partition("=")
        if not equals or not left.strip() or not right.strip():
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", ctx, param)
        pairs[left.strip()] = right.strip()
    return pairs


@import_group.command("table")
@click.argument("table", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--mapping", "mapping_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A YAML file mapping columns to fields (options below add to it and override it).")
@click.option("--rows", type=click.Choice(["bodies", "reports", "responses"]), help="What each row is.")
@click.option("--column", "columns", multiple=True, callback=_pairs, metavar="HEADING=FIELD", help="Map a column to a field (repeatable).")
@click.option(
    "--set", "values", multiple=True, callback=_pairs, metavar="FIELD=VALUE", help="A value for every row whose cell is empty (repeatable)."
)
@click.option("--date-format", help="How dates are written, as strptime reads them (default %Y-%m-%d), e.g. %d/%m/%Y.")
@click.option("--separator", help="What separates the items of a list in a cell (default ;).")
@click.option("--delimiter", type=click.Choice(DELIMITERS), help="What separates the cells of a CSV line (default ,).")
@click.option("--sheet", help="The XLSX sheet to read (default: the first).")
@click.option("--create", is_flag=True, help="Create the bodies or reports the rows name that do not exist yet.")
@click.option("--skip-unusable", is_flag=True, help="Import the usable rows, skipping (and listing) the others.")
@dry_run_option
@workspace_option
@jobs_option
@import_output_options
@reports_errors
def table(
    table: Path,
    mapping_file: Path | None,
    columns: dict[str, str],
    values: dict[str, str],
    create: bool,
    skip_unusable: bool,
    dry_run: bool,
    workspace: Path | None,
    output: Outputs,
    rows: str | None,
    date_format: str | None,
    separator: str | None,
    delimiter: str | None,
    sheet: str | None,
) -> None:
    """Import a CSV or XLSX TABLE of bodies, reports (a row per recommendation) or responses.

    Every row that cannot be used is listed with its row number and why, and nothing is
    written unless every row can be used, or --skip-unusable is given. Fields, by kind of row:

    \b
    bodies:    id, name, kind, area, aliases, holds_to_account, from, until
    reports:   report, title, short_title, complainant, published, source, deadline, recommendation, text, to
    responses: report, body, received, received_by, published, source
    """  # noqa: D301  (click keeps a paragraph that starts with a backspace, \b, as written)
    from audit.tables import plan_table, read_table, table_mapping

    options = {"rows": rows, "date_format": date_format, "separator": separator, "delimiter": delimiter, "sheet": sheet}
    mapping = table_mapping(mapping_file, columns, values, {key: value for key, value in options.items() if value is not None})
    loaded = load(resolve_workspace(workspace))
    read = read_table(table, mapping)
    plan = plan_table(loaded, read, mapping, str(table), create=create, force=output.force, skip=skip_unusable)
    _carry_out(loaded.root, plan, dry_run, output)
