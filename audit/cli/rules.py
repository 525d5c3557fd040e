"""``audit rules [NAME]``: list the checks, or explain one, as linters do."""

from __future__ import annotations

import click

from audit.cli._options import render_options, reports_errors
from audit.cli._output import Outputs, emit, output_options
from audit.render import RULES_FORMATS


@click.command()
@click.argument("name", required=False)
@output_options(RULES_FORMATS)
@reports_errors
def rules(name: str | None, output: Outputs) -> None:
    """List every check, or explain the check NAME.

    Severities and parameters here are the defaults; a workspace's rules/*.yaml
    may override them.
    """
    from audit import checks

    emit(RULES_FORMATS, checks.catalogue(name), output, render_options())
