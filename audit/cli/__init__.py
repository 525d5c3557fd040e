"""The command line: the ``audit`` group, and one module per subcommand, each imported only when needed.

This package is the only place that reads options, today's date and the terminal; nothing
outside it imports it."""

from __future__ import annotations

import importlib

import click

from audit import __version__

COMMANDS: dict[str, str] = {
    "check": "audit.cli.check:check",
    "rules": "audit.cli.rules:rules",
    "coverage": "audit.cli.coverage:coverage",
    "report": "audit.cli.coverage:report",
    "validate": "audit.cli.validate:validate",
    "schema": "audit.cli.schema:schema",
    "new": "audit.cli.new:new",
    "draft": "audit.cli.new:draft",
    "deadlines": "audit.cli.deadlines:deadlines",
    "show": "audit.cli.deadlines:show",
}
"""Subcommand name -> "module:attribute"; adding a command adds one line here and one module."""


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is run or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit")
@click.option("--debug", is_flag=True, help="Show a traceback when the tool fails (for developers).")
def main(debug: bool) -> None:
    """Check that the bodies a report addresses have responded: in time, in public, in full."""
