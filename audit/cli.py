"""The ``audit`` command group: each subcommand's module is imported only when it is needed."""

from __future__ import annotations

import importlib

import click

from audit import __version__

COMMANDS: dict[str, str] = {
    "check": "audit.commands.check:check",
    "rules": "audit.commands.rules:rules",
    "coverage": "audit.commands.coverage:coverage",
    "report": "audit.commands.coverage:report",
    "validate": "audit.commands.validate:validate",
    "schema": "audit.commands.schema:schema",
    "new": "audit.commands.new:new",
    "draft": "audit.commands.new:draft",
    "deadlines": "audit.commands.deadlines:deadlines",
    "show": "audit.commands.deadlines:show",
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
