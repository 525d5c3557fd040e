"""``audit coverage`` and ``audit report``: the whole picture, for people who read it."""

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
from audit.cli._output import Outputs, emit, output_options
from audit.render import COVERAGE_FORMATS
from audit.vocabulary import BodyKind

if TYPE_CHECKING:
    from audit.results import Coverage

KINDS = tuple(kind.value for kind in BodyKind)


def _coverage(workspace: Path | None, as_of: date | None, report_ids: tuple[str, ...], kinds: tuple[str, ...]) -> Coverage:
    from audit import engine
    from audit.coverage import coverage
    from audit.lookup import find_reports

    root = resolve_workspace(workspace)
    addressed = engine.addressed(engine.load_settings(root))
    loaded = load(root)
    return coverage(loaded, today(as_of), addressed, find_reports(loaded, report_ids), [BodyKind(k) for k in kinds])


@click.command()
@as_of_option
@workspace_option
@jobs_option
@reports_option
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only bodies of this kind (repeatable).")
@output_options(COVERAGE_FORMATS)
@reports_errors
def coverage(as_of: date | None, workspace: Path | None, report_ids: tuple[str, ...], kinds: tuple[str, ...], output: Outputs) -> None:
    """Show who has responded to what: the body x recommendation matrix and its summaries."""
    emit(COVERAGE_FORMATS, _coverage(workspace, as_of, report_ids, kinds), output, render_options())


@click.command()
@as_of_option
@workspace_option
@jobs_option
@reports_option
@output_options(COVERAGE_FORMATS, default="markdown", bare="markdown", force_help="Let --output replace an existing file.")
@reports_errors
def report(as_of: date | None, workspace: Path | None, report_ids: tuple[str, ...], output: Outputs) -> None:
    """Write a markdown gap report: who is overdue, late, unpublished, and each body's gaps with evidence.

    -o FILE writes it to FILE (atomically) instead of standard output.
    """
    emit(COVERAGE_FORMATS, _coverage(workspace, as_of, report_ids, ()), output, render_options())
