"""What the subcommands share: option types and decorators, error reporting, colour, workspace."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from audit.vocabulary import Severity

if TYPE_CHECKING:
    from audit.model import Workspace
    from audit.render.options import RenderOptions
    from audit.results import Findings

SEVERITIES = tuple(severity.value for severity in sorted(Severity, reverse=True))
"""Most severe first, as --fail-on lists them."""


class IsoDate(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from audit.shape import FIRST_DAY, LAST_DAY

        try:
            day = date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date (YYYY-MM-DD)", param, ctx)
        if not FIRST_DAY <= day <= LAST_DAY:
            self.fail(f"{value!r} is outside the years this tool counts ({FIRST_DAY.year} to {LAST_DAY.year})", param, ctx)
        return day


def split_names(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept ``--select a --select b`` and ``--select a,b`` alike."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the tool's own errors into a message on stderr and exit 2 (``--debug``: a traceback)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from audit.errors import AuditError

        debug = click.get_current_context().find_root().params.get("debug")
        try:
            with warnings.catch_warnings(), _stopped_by_signals():
                warnings.showwarning = _show_warning
                return command(*args, **kwargs)
        except Stopped as stop:
            click.echo(f"audit: stopped by {signal.Signals(stop.signum).name}", err=True)
            sys.exit(128 + stop.signum)
        except AuditError as err:
            if debug:
                raise
            for line in str(err).splitlines():
                click.echo(f"audit: {line}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            # click would say "Aborted!" and exit 1, which a CI job reads as "findings";
            # 130 is 128 + SIGINT, as shells report it.
            click.echo("audit: interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as err:
            if debug:
                raise
            click.echo(f"audit: internal error: {type(err).__name__}: {err} (run with --debug for the traceback)", err=True)
            sys.exit(2)

    return wrapper


class Stopped(BaseException):
    """A signal asked the tool to stop; raised where the program is, so that cleanup runs (workers stop)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame: object) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into ``Stopped`` while a command runs (by default they end the process
    on the spot, and its worker processes, left behind, would read on for no one)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_stopped) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _show_warning(
    message: Warning | str, category: type[Warning], filename: str, lineno: int, file: Any = None, line: str | None = None
) -> None:
    """A warning as the tool's other messages look, without the source line Python would show."""
    click.echo(f"audit: warning: {message}", err=True)


def use_color(stream: Any) -> bool:
    """Colour on a terminal unless NO_COLOR is set or the terminal says it is dumb; FORCE_COLOR forces it."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return os.environ.get("TERM") != "dumb" and bool(getattr(stream, "isatty", lambda: False)())


PIPED_WIDTH = 100
"""The width output is laid out for when standard output is not a terminal: fixed, so that piped
output never depends on the terminal (or ``COLUMNS``) of whoever ran the command."""


def render_options(fail_on: Severity | None = None, show: Severity | None = None) -> RenderOptions:
    """How standard output will be shown: colour and width from the terminal (and ``NO_COLOR``)."""
    from audit.render.options import RenderOptions

    width = _terminal_width() if sys.stdout.isatty() else PIPED_WIDTH
    shown = RenderOptions(color=use_color(sys.stdout), width=width)
    if fail_on is not None:
        shown = shown._replace(fail_on=fail_on)
    return shown if show is None else shown._replace(show=show)


def _terminal_width() -> int:
    # shutil only here: it imports the compression modules, which piped output never pays for.
    import shutil

    return shutil.get_terminal_size((PIPED_WIDTH, 24)).columns


def checkout_prefix(root: Path) -> str:
    """The workspace's folder inside the checkout GitHub Actions names (``GITHUB_WORKSPACE``), ending in ``/``:
    annotations name files from the repository's root, and a workspace may be a folder of the repository."""
    checkout = os.environ.get("GITHUB_WORKSPACE")
    if not checkout or not root.resolve().is_relative_to(Path(checkout).resolve()):
        return ""
    inside = root.resolve().relative_to(Path(checkout).resolve()).as_posix()
    return "" if inside == "." else f"{inside}/"


def bodies_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--body`` and ``--kind``: the command receives ``body_names`` and ``kinds`` as typed; ``chosen_bodies``
    and ``chosen_kinds`` check them against the workspace, which declares its kinds."""
    command = click.option(
        "--kind", "kinds", multiple=True, metavar="KIND", help="Only bodies of this kind, as the workspace declares it (repeatable)."
    )(command)
    return click.option(
        "--body", "body_names", multiple=True, metavar="BODY", help="Only this body: its id, name or an alias (repeatable)."
    )(command)


def chosen_bodies(workspace: Workspace, body_names: tuple[str, ...]) -> tuple[str, ...]:
    """The ids of the bodies named by id, name or alias; an unknown one is refused with a suggestion."""
    from audit.lookup import find_body

    return tuple(dict.fromkeys(find_body(workspace, name).id for name in body_names))


def chosen_kinds(workspace: Workspace, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The kinds named, each checked against those the workspace declares."""
    from audit.errors import ConfigError
    from audit.shape import did_you_mean

    for kind in kinds:
        if kind not in workspace.kinds:
            raise ConfigError(f"--kind: {kind!r} is not one of: {', '.join(workspace.kinds)}" + did_you_mean(kind, workspace.kinds))
    return kinds


reports_option = click.option(
    "--report", "report_ids", multiple=True, metavar="ID", help="Only this report (repeatable; default: every report)."
)


def workspace_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--workspace",
        type=click.Path(file_okay=False, path_type=Path),
        help="The workspace folder (default: the nearest folder above holding data/bodies.yaml).",
    )(command)


def as_of_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--as-of",
        type=IsoDate(),
        default=None,
        help="Judge as on this day, YYYY-MM-DD (default: today).",
    )(command)


def today(as_of: date | None) -> date:
    """The one place the current date enters: ``--as-of``, or today."""
    return as_of if as_of is not None else date.today()


def resolve_workspace(workspace: Path | None) -> Path:
    from audit.errors import ConfigError
    from audit.paths import BODIES_FILE, find_workspace

    if workspace is not None and not (workspace / BODIES_FILE).is_file():
        # --workspace names the workspace itself: walking up from it would check another one.
        raise ConfigError(f"{workspace}: not a workspace (no {BODIES_FILE} in it)")
    try:
        return find_workspace(workspace if workspace is not None else Path.cwd())
    except FileNotFoundError:
        # The current folder was deleted under the shell that is still in it.
        raise ConfigError("the current folder no longer exists (was it deleted?); cd to the workspace, or give --workspace") from None


class Jobs(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    name = "N|auto"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        if value == "auto":
            return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        if not (value.isdigit() and int(value) >= 1):
            self.fail(f"{value!r} is not a number of processes (1 or more) or auto", param, ctx)
        return int(value)


def _keep_jobs(ctx: click.Context, param: click.Parameter, value: int) -> None:
    ctx.meta["audit.jobs"] = value


def _keep_cache(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    ctx.meta["audit.cache"] = value


def jobs_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """How the workspace is read: ``-j`` (processes) and ``--no-cache``."""
    command = click.option(
        "--cache/--no-cache",
        default=True,
        expose_value=False,
        callback=_keep_cache,
        help="Replay the last run's output where nothing it depends on has changed, and take files unchanged "
        "since the last run from the cache of validated files (the default); or read every file and keep no cache.",
    )(command)
    return click.option(
        "-j",
        "--jobs",
        type=Jobs(),
        default="auto",
        expose_value=False,
        callback=_keep_jobs,
        help="Processes that read the response files (and, for check, check the reports they read): a number, "
        "or auto (one per CPU; the default). Small workspaces are read in one.",
    )(command)


def load(root: Path, *, templates: bool = False) -> Workspace:
    """The workspace at ``root``, read with ``--jobs`` processes, showing progress on a terminal when slow.

    ``templates``: the command renders jinja2 templates, whose render contexts are reference cycles:
    the cyclic collector then stays on (paused, a site of 3,000 responses peaked at 101 MB, not 58 MB).
    """
    from audit.cli._progress import loading_progress
    from audit.cli._replay import unrecorded
    from audit.load import load_workspace

    with loading_progress(unrecorded(sys.stderr)) as progress:
        meta = click.get_current_context().meta
        workspace = load_workspace(root, meta.get("audit.jobs", 1), progress, meta.get("audit.cache", True))
    # The workspace lives until the command ends and holds no reference cycles: frozen out of the
    # cyclic collector's reach, its million objects are not rescanned each time the checks and
    # formats allocate (a sixth of `check`'s time after loading 20,000 files).
    gc.freeze()
    # What the command builds from it (results, then their text) is kept to the end or dropped at
    # once, and holds no cycles either; yet making the results sets off full collections of all
    # made since the freeze, again and again (a sixth of the checks' time on 20,000 files).
    if not templates:
        pause_collector()
    return workspace


PROCESS_ENDS = "the process ends with the command"
"""The root context's ``obj`` where the process ends as the command does (``audit.cli.run``)."""


def pause_collector() -> None:
    """The cyclic collector paused until the command ends; and for good where the process ends with it
    (``PROCESS_ENDS``): enabled again, it would first go through everything the command made, at
    once, for nothing (13 ms after checking 5,000 reports)."""
    if not gc.isenabled():
        return
    gc.disable()
    context = click.get_current_context()
    if context.find_root().obj != PROCESS_ENDS:
        context.call_on_close(gc.enable)


def checked(root: Path, check: Callable[[Workspace], Findings], *, in_parts: bool = True) -> Findings:
    """``check`` of the workspace at ``root``: in parts, a process each (audit/parts.py), where ``--jobs``
    and the workspace's size make that pay and ``in_parts``; else of the workspace read whole (``load``),
    as it is where a part meets a problem, which is then reported as ever."""
    from audit.cli._progress import loading_progress
    from audit.cli._replay import unrecorded
    from audit.load import parts

    meta = click.get_current_context().meta
    root = root.resolve()
    planned = parts(root, meta.get("audit.jobs", 1)) if in_parts else None
    if planned is not None:
        from audit.parts import checked_in_parts  # only where processes can be forked: it needs fcntl

        # As ``load`` pauses it once the workspace is read.
        pause_collector()
        with loading_progress(unrecorded(sys.stderr)) as progress:
            result = checked_in_parts(root, planned, check, progress, meta.get("audit.cache", True))
        if result is not None:
            return result
    return check(load(root))
