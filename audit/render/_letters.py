"""Chase letters from templates: the workspace's own (``templates/chase.*.j2``) where it has one, else ours.

A template is data a person wrote, so it runs in jinja2's sandbox, and a broken one is a
clear error naming its file and line. Text from data is escaped for what the template
writes: markdown for a ``.md`` letter, HTML (autoescaping) for an ``.html`` one, control
characters made visible in plain text.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import ConfigError
from audit.paths import TEMPLATES_DIR
from audit.render._text import markdown_cell, printable
from audit.words import days

if TYPE_CHECKING:
    import jinja2

    from audit.render import Format
    from audit.render.options import RenderOptions
    from audit.results import ChaseLetter

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
"""The templates that ship with the tool."""
WORKSPACE_TEMPLATES = TEMPLATES_DIR
"""The workspace folder whose templates replace ours, file by file."""

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def long_date(day: date) -> str:
    """17 June 2021: the same in every locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def from_template(template_name: str) -> Format[ChaseLetter]:
    """The format that writes a letter from ``template_name`` as the template makes it."""

    def render(letter: ChaseLetter, options: RenderOptions) -> Iterator[str]:
        yield render_letter(template_name, letter, options)

    return render


def render_letter(template_name: str, letter: ChaseLetter, options: RenderOptions) -> str:
    """The letter from ``template_name`` (``chase.md.j2``, ``chase.txt.j2``, ``chase.html.j2``).

    What a template sees is documented in ``docs/output-formats.md``: keep the two together.
    """
    environment = _environment(template_name.rsplit(".", 2)[-2], options.workspace)
    owed = letter.standing
    context = {
        "as_of": letter.as_of,
        "sender": letter.sender,
        "report": owed.report,
        "body": owed.body,
        "recommendations": tuple(cell.recommendation for cell in owed.owed),
        "due": owed.due,
        "days_overdue": owed.days_overdue,
        "chases": owed.chases,
    }
    template = None
    try:
        template = environment.get_template(template_name)
        return template.render(context)
    except Exception as err:  # noqa: BLE001  # a template fails in any way its author wrote: each is reported, none is a traceback
        raise _template_error(err, template, template_name, options.workspace) from None


def _template_error(err: Exception, template: jinja2.Template | None, name: str, workspace: Path | None) -> ConfigError:
    import jinja2

    filename = getattr(err, "filename", None) or (template.filename if template is not None else None) or _source(name, workspace)
    line = getattr(err, "lineno", None) if isinstance(err, jinja2.TemplateSyntaxError) else None
    if line is None:
        # jinja2 rewrites the traceback so that a template's frames carry its file name and line.
        line = next(
            (number for frame, number in reversed(list(traceback.walk_tb(err.__traceback__))) if frame.f_code.co_filename == filename),
            None,
        )
    shown = _shown(filename, workspace)
    where = f"{shown}:{line}" if line else shown
    message = getattr(err, "message", None) or str(err) or type(err).__name__
    if isinstance(err, UnicodeDecodeError):
        message = "the template is not UTF-8 text"
    return ConfigError(f"{where}: template error: {message}")


def _source(name: str, workspace: Path | None) -> str:
    """The file a template is read from: the workspace's where it has one, else ours."""
    own = workspace.resolve() / WORKSPACE_TEMPLATES / name if workspace is not None else None
    return str(own if own is not None and own.exists() else TEMPLATES / name)


def _shown(filename: str, workspace: Path | None) -> str:
    path = Path(filename)
    if workspace is not None and path.is_absolute() and path.is_relative_to(workspace.resolve()):
        return path.relative_to(workspace.resolve()).as_posix()
    return filename


_ESCAPES: dict[str, Callable[[str], str]] = {"md": markdown_cell, "txt": lambda text: printable(text, keep="\n")}
"""Per kind of template, how a value is made safe to write (HTML is autoescaped instead).

Plain text keeps line breaks, so that a template may wrap a long text (``wordwrap``)."""


@functools.cache
def _environment(kind: str, workspace: Path | None) -> jinja2.Environment:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    folders = [str(workspace.resolve() / WORKSPACE_TEMPLATES)] if workspace is not None else []
    escape = _ESCAPES.get(kind)

    def finalize(value: Any) -> Any:
        return escape(str(value)) if escape is not None else value

    environment = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([*folders, str(TEMPLATES)], encoding="utf-8"),
        autoescape=kind == "html",
        undefined=jinja2.StrictUndefined,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["long_date"] = long_date
    environment.filters["days"] = days
    environment.filters["initial_capital"] = lambda text: text[:1].upper() + text[1:]
    return environment
