"""Where a workspace keeps its files: the one place that names them, and finds the workspace.

Cheap to import (no YAML, no model), so that whatever only needs a path need not import the loader.
"""

from __future__ import annotations

import os
from pathlib import Path

from audit.errors import WorkspaceNotFound

DATA_DIR = "data"
BODIES_FILE = f"{DATA_DIR}/bodies.yaml"
REPORTS_DIR = f"{DATA_DIR}/reports"
RESPONSES_DIR = f"{DATA_DIR}/responses"
CHASES_DIR = f"{DATA_DIR}/chases"
RULES_DIR = "rules"
TEMPLATES_DIR = "templates"
OWN_FOLDERS = (DATA_DIR, RULES_DIR, TEMPLATES_DIR)
"""The folders whose files the tool reads as the workspace: nothing it builds may replace them or go into them."""


CACHE_ENV = "AUDIT_CACHE_DIR"
"""Where the tool's caches go, overriding the user cache folder (tests point it at a temporary one)."""


Key = tuple[int, int, int, int]
"""A file's size, modification time (ns), change time (ns) and inode: what tells one state of it from
another, for the cache of validated files and the record of a run alike."""


def key_of(path: str | Path) -> Key | None:
    """What identifies this state of the file (its link's target, for a link); None if it cannot be read."""
    try:
        status = os.stat(path)  # noqa: PTH116  # once per file: a Path for each would cost more than the stat
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def cache_folder() -> Path:
    """The folder the tool's caches go in (``$AUDIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/audit``, else
    ``~/.cache/audit``): outside every workspace, so that nothing is committed by mistake."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "audit"


def new_cache_file(path: Path) -> tuple[int, str]:
    """A new, empty file beside ``path`` in the cache folder, open for writing and for this user alone,
    to be renamed over ``path`` once written: its descriptor and name; an ``OSError`` where it cannot be made.

    Not ``tempfile.mkstemp``: tempfile imports shutil and random, and with them the compression
    modules, 2 ms of every cold run's start and half a megabyte. As mkstemp does, it is made only if
    nothing has the name (a link included), a name of random bits, so that none can be foreseen.
    """
    name = f"{path.parent}/.{path.name}.{os.urandom(8).hex()}.tmp"
    return os.open(name, _NEW_FILE, 0o600), name


_NEW_FILE = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
"""mkstemp's flags: made here or not at all, never through a link, bytes as written (Windows)."""


def response_file(report_id: str, body_id: str) -> str:
    """The response file of a body to a report, relative to the workspace, ``/``-separated."""
    return f"{RESPONSES_DIR}/{report_id}/{body_id}.yaml"


def report_file(report_id: str) -> str:
    return f"{REPORTS_DIR}/{report_id}.yaml"


def chases_file(report_id: str) -> str:
    """The file of the chases sent about a report: one list per report, so that recording a chase appends to one file."""
    return f"{CHASES_DIR}/{report_id}.yaml"


def find_workspace(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds data/bodies.yaml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / BODIES_FILE).is_file():
            return folder
    raise WorkspaceNotFound(start)
