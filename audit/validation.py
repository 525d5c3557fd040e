"""``audit validate``'s answer: every problem in the data and rules files, without running the rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from audit import engine
from audit.errors import DataError, Problem
from audit.model import Workspace
from audit.results import Validation, WorkspaceCounts


def validation(root: Path, load: Callable[[Path], Workspace], wanted: tuple[str, ...] = ()) -> Validation:
    """Read the rules and the data (with ``load``), collecting every problem in both.

    ``wanted``: workspace-relative files or folders; only their problems are kept (the whole
    workspace is still read, since files refer to each other).
    """
    problems: list[Problem] = []
    try:
        engine.load_settings(root)
    except DataError as err:
        problems.extend(err.problems)
    counts = None
    try:
        loaded = load(root)
    except DataError as err:
        problems.extend(err.problems)
    else:
        counts = WorkspaceCounts(len(loaded.bodies), len(loaded.reports), len(loaded.responses))
    shown = sorted(p for p in problems if not wanted or any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted))
    return Validation(tuple(shown), None if wanted else counts)
