"""``audit import``: bring data in from a published status page or a table, checked before anything is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from audit.cli._options import IsoDate, jobs_option, load, reports_errors, resolve_workspace, workspace_option

if TYPE_CHECKING:
    from audit.importing import ImportPlan

dry_run_option = click.option("--dry-run", is_flag=True, help="Show what would be written, as a diff, and write nothing.")
force_option = click.option(
    "--force", is_flag=True, help="Replace existing files (never one in which a person has assessed a recommendation)."
)


@click.group("import")
def import_group() -> None:
    """Bring data in from a status page or a table (refuses to write anything the loader would refuse)."""


@import_group.command("status-page")
@click.argument("page", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--report", "report_id", required=True, help="The report the page lists responses to.")
@click.option("--page-date", type=IsoDate(), default=None, help="The page's date, where the text does not give it (YYYY-MM-DD).")
@click.option("--skip-unmatched", is_flag=True, help="Import the lines that can be read, skipping (and listing) those that cannot.")
@dry_run_option
@force_option
@workspace_option
@jobs_option
@reports_errors
def status_page(
    page: Path, report_id: str, page_date: date | None, skip_unmatched: bool, dry_run: bool, force: bool, workspace: Path | None
) -> None:
    """Write a response file for every body PAGE lists as having replied to the report.

    Each is received by the page's date (after the report's publication), published
    or not as the page says, every recommendation not assessed. Nothing is written
    unless every body line is matched to a body, or --skip-unmatched is given.
    """
    from audit.load import find_report
    from audit.statuspage import plan_status_page, read_status_page

    loaded = load(resolve_workspace(workspace))
    report = find_report(loaded, report_id)
    read = read_status_page(_read_text(page), loaded.bodies.values())
    plan = plan_status_page(loaded, report, read, str(page), page_date=page_date, force=force, skip_unread=skip_unmatched)
    _carry_out(loaded.root, plan, dry_run)


def _read_text(path: Path) -> str:
    from audit.errors import ConfigError

    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read it as UTF-8 text ({err})") from None


def _carry_out(root: Path, plan: ImportPlan, dry_run: bool) -> None:
    """Check the plan with the loader, then show it (--dry-run) or write it; notes and figures on standard error."""
    from audit.importing import check_plan, plan_diff, write_plan

    check_plan(root, plan)
    for note in plan.notes:
        click.echo(f"note: {note}", err=True)
    if dry_run:
        click.echo(plan_diff(root, plan), nl=False)
        verb = "would write"
    else:
        for path in write_plan(root, plan):
            click.echo(f"wrote {path}", err=True)
        verb = "wrote"
    for line in plan.summary:
        click.echo(line, err=True)
    click.echo(f"{verb} {len(plan.files)} file(s)", err=True)
