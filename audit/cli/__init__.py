"""The command line: the ``audit`` group, and one module per subcommand, each imported only when needed.

This package is the only place that reads options, today's date and the terminal; nothing
outside it imports it."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any, NoReturn

import click

from audit import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("audit.cli.check:check", "Run the rules on the workspace and report findings."),
    "rules": ("audit.cli.rules:rules", "List every rule, or explain one."),
    "coverage": ("audit.cli.coverage:coverage", "Show who has answered what: the body x recommendation grid."),
    "report": ("audit.cli.coverage:report", "Write a markdown gap report."),
    "validate": ("audit.cli.validate:validate", "Report every problem in the data and rules files."),
    "schema": ("audit.cli.schema:schema", "Print the JSON Schema of a kind of data file."),
    "new": ("audit.cli.new:new", "Write a skeleton report or response file."),
    "draft": ("audit.cli.new:draft", "Draft a body's response from the text of its letter."),
    "deadlines": ("audit.cli.deadlines:deadlines", "Show every due date, and how it was worked out."),
    "show": ("audit.cli.deadlines:show", "Show everything one body owes, in every report."),
    "import": ("audit.cli.imports:import_group", "Bring data in from a status page or a table."),
    "diff": ("audit.cli.diff:diff", "Show what changed between two revisions of the data, or two dates."),
    "chase": ("audit.cli.chase:chase", "Write letters to the bodies due a chase, and record them."),
    "site": ("audit.cli.site:site", "Build a static website of the reports' status pages."),
}
"""Subcommand name -> ("module:attribute", the line ``audit --help`` shows).

Adding a command adds one line here and one module. The help lists the lines
from here, so that ``audit --help`` imports no subcommand.
"""


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand is run or asked about."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # Around everything, --help and --version included: click writes those itself.
        from audit.cli._stdout import run_guarded

        return run_guarded(super().main, *args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute = COMMANDS[cmd_name][0].split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        _accept_debug(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name][1]) for name in self.list_commands(ctx)])


DEBUG_HELP = "Show a traceback when the tool fails (for developers)."


def _accept_debug(command: click.Command) -> None:
    """Let ``--debug`` come after the subcommand too (``audit check --debug``), as users type it."""
    if any(param.name == "debug" for param in command.params):
        return
    command.params.append(
        click.Option(["--debug"], is_flag=True, expose_value=False, callback=_set_debug, help=DEBUG_HELP)
    )
    for sub in getattr(command, "commands", {}).values():
        _accept_debug(sub)


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().params["debug"] = True


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="audit")
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
def main(debug: bool) -> None:
    """Check that the bodies a report addresses have responded: in time, in public, in full."""


def run() -> NoReturn:
    """The ``audit`` program (and ``python -m audit``): ``main``, then out, at once.

    A run ends holding the workspace and its results, a million objects on a large one; the
    interpreter, shutting down, frees them one by one (20 ms of a 0.42 s check of 5,000 files), for
    nothing: the process is ending. As mypy does, the standard streams are flushed and the process
    ends without that; every file the run wrote is whole and closed by then (audit/atomic.py, the
    caches). Not while a thread or a worker process is still to be waited for: the interpreter's own
    end waits for those (workers reading files end when the files run out, their executor's thread
    after them). The command is told so (``PROCESS_ENDS``): the cyclic collector, paused while it
    works, stays paused.
    """
    from audit.cli._options import PROCESS_ENDS

    try:
        main(obj=PROCESS_ENDS)
        code: str | int | None = 0
    except SystemExit as end:
        code = end.code
    if _still_running():
        sys.exit(code)
    if code is not None and not isinstance(code, int):
        # As the interpreter treats such an exit: the message to standard error, and 1.
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code or 0)


def _still_running() -> bool:
    """Whether a thread besides this one, or a process forked by multiprocessing, is still alive."""
    threading = sys.modules.get("threading")
    multiprocessing = sys.modules.get("multiprocessing")
    return (threading is not None and threading.active_count() > 1) or (
        multiprocessing is not None and bool(multiprocessing.active_children())
    )
