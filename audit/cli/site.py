"""``audit site``: the workspace as a static website, published atomically into a folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from audit.cli._options import (
    as_of_option,
    jobs_option,
    load,
    reports_errors,
    reports_option,
    resolve_workspace,
    today,
    workspace_option,
)


@click.command()
@as_of_option
@workspace_option
@jobs_option
@reports_option
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The folder to publish the site into.")
@click.option("--force", is_flag=True, help="Replace the folder even if audit did not build it.")
@reports_errors
def site(as_of: date | None, workspace: Path | None, report_ids: tuple[str, ...], output: Path, force: bool) -> None:
    """Build a static website: every report's status page, every body's page, charts and a deadlines calendar.

    The folder is written beside OUTPUT and takes its place in one step, so it
    is never seen half-written. A folder audit did not build (no .audit-site
    file in it) is replaced only if empty, or with --force; the folder that
    holds the workspace, never.
    """
    from audit import engine
    from audit.atomic import publish_folder
    from audit.lookup import find_reports
    from audit.paths import OWN_FOLDERS
    from audit.render.options import RenderOptions
    from audit.render.site import MARKER, render
    from audit.site import site as build

    root = resolve_workspace(workspace)
    addressed = engine.addressed(engine.load_settings(root))
    loaded = load(root, templates=True)
    files = render(build(loaded, today(as_of), addressed, find_reports(loaded, report_ids)), RenderOptions())
    publish_folder(output, files, marker=MARKER, overwrite=force, keep=root, owned=[root / name for name in OWN_FOLDERS])
    click.echo(f"audit: wrote {len(files)} files to {output}", err=True)
