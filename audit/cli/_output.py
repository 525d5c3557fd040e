"""Where a result goes: ``--format`` (standard output), ``--output FORMAT:FILE``, ``--append FORMAT:FILE``.

Every command that answers with a result takes these the same way, from the one table of formats
of its result (``audit/render/__init__.py``).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import click

if TYPE_CHECKING:
    from audit.render import FormatTable
    from audit.render.options import RenderOptions

Result = TypeVar("Result")
STANDARD_OUTPUT = "-"
_FORMAT_NAME = re.compile(r"[a-z][a-z0-9-]*")
"""What reads as a format's name before a colon, so that ``xml:out`` is refused, not written to a file of that name."""


class Outputs(NamedTuple):
    """The format for standard output, and the files to write and append to, each with its format.

    A named tuple, not a frozen dataclass, which would compile its methods at every command's start.
    """

    format_name: str
    outputs: tuple[tuple[str, Path], ...]
    appends: tuple[tuple[str, Path], ...]
    force: bool
    to_standard_output: bool
    """False where a command prints only when no file is named (``audit report -o FILE``)."""

    def files(self) -> list[tuple[str, Path]]:
        """Each file named, with the option that named it."""
        return [("--output", path) for _, path in self.outputs if str(path) != STANDARD_OUTPUT] + [
            ("--append", path) for _, path in self.appends
        ]


def one_file_each(named: list[tuple[str, Path]]) -> None:
    """Refuse two outputs naming one file: the second would replace the first, or mix two formats in one file."""
    seen: dict[object, str] = {}
    for option, path in named:
        try:
            status = path.stat()
            key: object = (status.st_dev, status.st_ino)
        except OSError:
            key = path.resolve()
        if key in seen:
            raise click.UsageError(f"{option} {path} names the same file as {seen[key]}: give each output its own file")
        seen[key] = f"{option} {path}"


Targets = tuple[tuple[str, Path], ...]


def _targets(names: list[str], bare: str | None) -> Callable[[click.Context, click.Parameter, tuple[str, ...]], Targets]:
    def parse(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> Targets:
        targets = []
        for value in values:
            name, sep, file = value.partition(":")
            if sep and name in names and file:
                targets.append((name, Path(file)))
            elif bare is not None and not (sep and _FORMAT_NAME.fullmatch(name)):
                targets.append((bare, Path(value)))
            elif not sep or not file:
                raise click.BadParameter(f"{value!r}: expected FORMAT:FILE, e.g. {names[-1]}:out", ctx, param)
            else:
                raise click.BadParameter(f"{value!r}: unknown format {name!r} (one of {', '.join(names)})", ctx, param)
        return tuple(targets)

    return parse


def format_option(
    names: list[str], default: str | None, help: str = "The format printed on standard output."
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format``, one of ``names`` (from the tables of formats); the command receives ``format_name``."""
    return click.option("--format", "format_name", type=click.Choice(names), default=default, show_default=default is not None, help=help)


def output_options(
    table: FormatTable[Any],
    *,
    default: str = "terminal",
    bare: str | None = None,
    force_help: str = "Let --output replace existing files.",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--format``, ``--output``, ``--append`` and ``--force`` from ``table``; the command receives ``output: Outputs``.

    ``bare``: the format of an ``--output`` given as FILE alone; standard output is then written
    only when no file is named or ``--format`` is given.
    """
    names = table.names
    formats = ", ".join(names)

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def wrapper(*args: Any, format_name: str, outputs: Targets, appends: Targets, force: bool, **kwargs: Any) -> Any:
            ctx = click.get_current_context()
            chosen = ctx.get_parameter_source("format_name") is not click.core.ParameterSource.DEFAULT
            to_standard_output = bare is None or chosen or not (outputs or appends)
            output = Outputs(format_name, outputs, appends, force, to_standard_output)
            one_file_each(output.files())
            return command(*args, output=output, **kwargs)

        options = [
            format_option(names, default),
            click.option(
                *(("-o",) if bare is not None else ()),
                "--output",
                "outputs",
                multiple=True,
                callback=_targets(names, bare),
                metavar="FORMAT:FILE",
                help=f"Also write FORMAT ({formats}) to FILE, atomically (repeatable; -: standard output). An existing FILE needs --force."
                + (f" FILE alone: {bare}, instead of standard output." if bare else ""),
            ),
            click.option(
                "--append",
                "appends",
                multiple=True,
                callback=_targets(names, None),
                metavar="FORMAT:FILE",
                help="Also append FORMAT to FILE, e.g. markdown:$GITHUB_STEP_SUMMARY (repeatable).",
            ),
            click.option("--force", is_flag=True, help=force_help),
        ]
        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper

    return decorate


def emit(table: FormatTable[Result], result: Result, output: Outputs, options: RenderOptions) -> None:
    """Write ``result`` to each file named, then to standard output, in the formats chosen."""
    from audit.cli._options import PIPED_WIDTH

    # A file is read later, elsewhere: laid out as piped output is, not for this terminal.
    plain = options._replace(color=False, width=PIPED_WIDTH)
    if output.outputs or output.appends:
        from audit.cli._replay import append_file, write_file

        for name, path in output.outputs:
            if str(path) == STANDARD_OUTPUT:
                _print(table.get(name)(result, plain))
            else:
                write_file(path, table.get(name)(result, plain), overwrite=output.force)
        for name, path in output.appends:
            append_file(path, table.get(name)(result, plain))
    if output.to_standard_output:
        _print(table.get(output.format_name)(result, options))


def _print(chunks: Iterable[str]) -> None:
    # Formats already decide colour, so nothing is stripped here.
    from audit.render import batched

    write = sys.stdout.write
    for batch in batched(chunks):
        write(batch)
    sys.stdout.flush()
